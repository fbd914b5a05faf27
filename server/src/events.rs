//! `GET /events`: the plan's changes on the change feed as server-sent events, for the dashboards
//! open in browsers. Each change is one message with the `PlanChange` as JSON. A subscriber that fell
//! behind, or a server that may have missed changes, gets one empty message for all of them, since
//! the page only needs to know that it should read its figures again. When the server shuts down,
//! every stream ends (the browser reconnects to another server), so that shutting down does not
//! wait for them.

use std::convert::Infallible;
use std::time::Duration;

use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::stream::{self, Stream};
use tokio::sync::broadcast::{self, error::RecvError};
use tokio::sync::watch;

use crate::AppState;
use app::live::Change;

/// Tells the event streams that the server is shutting down.
#[derive(Clone, Debug)]
pub struct Closing(watch::Receiver<bool>);

impl Default for Closing {
    /// Never closing: nobody holds the other end.
    fn default() -> Self {
        Closing(watch::channel(false).1)
    }
}

impl Closing {
    /// A way to close the streams, and what they listen to.
    pub fn new() -> (watch::Sender<bool>, Closing) {
        let (close, closing) = watch::channel(false);
        (close, Closing(closing))
    }

    async fn wait(&mut self) {
        while !*self.0.borrow_and_update() {
            if self.0.changed().await.is_err() {
                std::future::pending::<()>().await;
            }
        }
    }
}

/// An open stream, counted in `/metrics` while it lasts.
struct Open {
    changes: broadcast::Receiver<Change>,
    closing: Closing,
}

impl Open {
    fn new(changes: broadcast::Receiver<Change>, closing: Closing) -> Self {
        metrics::gauge!("enlace_event_streams").increment(1.0);
        Open { changes, closing }
    }

    /// The next message, or `None` when the stream ends.
    async fn next_message(&mut self) -> Option<String> {
        loop {
            let change = tokio::select! {
                change = self.changes.recv() => change,
                () = self.closing.wait() => return None,
            };
            match change {
                Ok(Change::Plan(change)) => {
                    return Some(serde_json::to_string(&change).unwrap_or_default())
                }
                Ok(Change::Stored | Change::Elsewhere) => {}
                // The page reads all its figures again.
                Ok(Change::Anything) | Err(RecvError::Lagged(_)) => return Some("{}".to_owned()),
                Err(RecvError::Closed) => return None,
            }
        }
    }
}

impl Drop for Open {
    fn drop(&mut self) {
        metrics::gauge!("enlace_event_streams").decrement(1.0);
    }
}

pub async fn events(
    State(state): State<AppState>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let open = Open::new(state.changes.subscribe(), state.closing.clone());
    let stream = stream::unfold(open, |mut open| async move {
        let data = open.next_message().await?;
        Some((Ok(Event::default().data(data)), open))
    });
    // Proxies close connections that stay silent; a comment every 15 s keeps this one open.
    Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}
