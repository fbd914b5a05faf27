//! The current plan as its file (`/plan/file`), as last approved: the exchange format between the
//! secretariat and the Conference's documents, which loads back as a revision.

use axum::{extract::State, http::HeaderMap, response::Response};

use crate::attachments::attachment;
use crate::refusal::refuse;
use crate::AppState;

/// Sends the plan file to a signed-in user (the session layer turns anyone else away).
pub async fn download(State(state): State<AppState>, headers: HeaderMap) -> Response {
    match app::plan::queries::plan_file(&state.db).await {
        Ok((name, text)) => attachment(&name, "application/toml; charset=utf-8", text.into_bytes()),
        Err(error) => refuse(error, &headers),
    }
}
