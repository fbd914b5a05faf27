//! `GET /events`: the plan's changes on the change feed as server-sent events, for the dashboards
//! open in browsers. Each change is one message with the `PlanChange` as JSON. A subscriber that fell
//! behind, or a server that may have missed changes, gets one empty message for all of them, since
//! the page only needs to know that it should read its figures again.

use std::convert::Infallible;
use std::time::Duration;

use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::stream::{self, Stream};
use tokio::sync::broadcast::error::RecvError;

use crate::AppState;
use app::live::Change;

pub async fn events(
    State(state): State<AppState>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let changes = state.changes.subscribe();
    let stream = stream::unfold(changes, |mut changes| async move {
        let data = loop {
            match changes.recv().await {
                Ok(Change::Plan(change)) => {
                    break serde_json::to_string(&change).unwrap_or_default()
                }
                Ok(Change::Stored) => continue,
                // The page reads all its figures again.
                Ok(Change::Anything) | Err(RecvError::Lagged(_)) => break "{}".to_owned(),
                Err(RecvError::Closed) => return None,
            }
        };
        Some((Ok(Event::default().data(data)), changes))
    });
    // Proxies close connections that stay silent; a comment every 15 s keeps this one open.
    Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}
