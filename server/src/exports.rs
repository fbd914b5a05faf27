//! Tables downloaded as files (`/exports/{table}.{csv|xlsx}`), with the filters of the table's page
//! in the query and in the reader's language.

use std::collections::HashMap;

use axum::{
    extract::{Path, Query, State},
    http::{HeaderMap, Uri},
    response::Response,
    Extension,
};

use app::access::Viewer;
use app::error::AppError;
use app::exports::files;
use app::exports::types::Format;
use app::i18n::request_language;

use crate::attachments::attachment;
use crate::refusal::refuse;
use crate::AppState;

/// Sends the table the address names, as the format its extension names.
pub async fn download(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(file): Path<String>,
    Query(query): Query<HashMap<String, String>>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let Some((name, format)) = file
        .rsplit_once('.')
        .and_then(|(name, extension)| Some((name, Format::from_extension(extension)?)))
    else {
        return refuse(AppError::NotFound, &headers);
    };
    let lang = request_language(&uri, &headers);
    let snapshot = match state.snapshots.get(&state.db, &state.changes, None).await {
        Ok(snapshot) => snapshot,
        Err(error) => return refuse(error, &headers),
    };
    let table =
        match app::exports::queries::table(&state.db, &snapshot, &viewer, name, &query, lang).await
        {
            Ok(table) => table,
            Err(error) => return refuse(error, &headers),
        };
    match files::write(&table, format) {
        Ok(content) => attachment(
            &format!("{}.{}", table.file_stem, format.extension()),
            format.content_type(),
            content,
        ),
        Err(error) => {
            tracing::error!(%error, table = name, "a table cannot be written");
            refuse(AppError::Internal, &headers)
        }
    }
}
