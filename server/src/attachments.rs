//! The routes of attached files: the upload form's target and the download of a file. They are plain
//! routes rather than server functions because they carry files; the access policy, the same-origin
//! rule and the session requirement apply to them like to everything else.

use axum::{
    extract::{multipart::MultipartError, Multipart, Path, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Redirect, Response},
    Extension, Json,
};
use chrono::Utc;
use sea_orm::EntityTrait;

use crate::AppState;
use app::access::Viewer;
use app::actions::attachments::{MAX_ATTACHMENT_BYTES, MAX_ATTACHMENT_MB};
use app::actions::service;
use app::db::entities::action;
use app::domain::country_code;
use app::error::{AppError, Problem};
use app::urls;

use crate::refusal::{refuse, wants_html};

/// What the upload form sends.
#[derive(Default)]
struct Upload {
    action_id: Option<i32>,
    country: String,
    file_name: String,
    content: Vec<u8>,
}

/// Longest text field of the upload form read, in bytes.
const TEXT_FIELD_LIMIT: usize = 1024;
/// The most fields read: the form has three, and a body of endless small fields is cut short.
const MOST_FIELDS: usize = 16;

/// A field's bytes, read a chunk at a time; `None` as soon as there are more than `limit`.
async fn read_capped(
    field: &mut axum::extract::multipart::Field<'_>,
    limit: usize,
) -> Result<Option<Vec<u8>>, MultipartError> {
    let mut bytes = Vec::new();
    while let Some(chunk) = field.chunk().await? {
        if bytes.len() + chunk.len() > limit {
            return Ok(None);
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(Some(bytes))
}

/// Reads the form's fields in order, each up to its limit, so that a large upload is refused after
/// reading only what is allowed. When reading stops on a fault (a file too large, a connection cut),
/// the fields read so far are kept with the reason, so that the form can be sent back.
async fn read_upload(mut multipart: Multipart) -> (Upload, Option<AppError>) {
    let too_large = || {
        AppError::from(Problem::with_limit(
            "file",
            "problem-file-too-large",
            MAX_ATTACHMENT_MB as u32,
        ))
    };
    let unreadable = |error: MultipartError| {
        tracing::warn!(%error, "an upload could not be read");
        AppError::from(Problem::new("file", "problem-file-unreadable"))
    };
    let mut upload = Upload::default();
    for _ in 0..MOST_FIELDS {
        let mut field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => return (upload, None),
            Err(error) => return (upload, Some(unreadable(error))),
        };
        let name = field.name().unwrap_or_default().to_owned();
        let limit = if name == "file" {
            MAX_ATTACHMENT_BYTES
        } else {
            TEXT_FIELD_LIMIT
        };
        if name == "file" {
            upload.file_name = field.file_name().unwrap_or_default().to_owned();
        }
        let bytes = match read_capped(&mut field, limit).await {
            Ok(Some(bytes)) => bytes,
            Ok(None) if name == "file" => return (upload, Some(too_large())),
            Ok(None) => {
                let unreadable = Problem::new("file", "problem-file-unreadable");
                return (upload, Some(unreadable.into()));
            }
            Err(error) => return (upload, Some(unreadable(error))),
        };
        match name.as_str() {
            "action_id" => {
                upload.action_id = String::from_utf8_lossy(&bytes).trim().parse().ok();
            }
            "country" => upload.country = String::from_utf8_lossy(&bytes).into_owned(),
            "file" => upload.content = bytes,
            _ => {}
        }
    }
    let too_many = AppError::from(Problem::new("file", "problem-file-unreadable"));
    (upload, Some(too_many))
}

/// Receives the upload form. A browser's form post is sent back to the update's page, with the file
/// listed or with why it was refused; other clients get `201` with the file's id, or the error.
pub async fn upload(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    headers: HeaderMap,
    multipart: Multipart,
) -> Response {
    let from_a_form = wants_html(&headers);
    let (upload, fault) = read_upload(multipart).await;
    let (Some(action_id), Some(country)) = (upload.action_id, country_code(&upload.country)) else {
        return refuse_upload(fault.unwrap_or(AppError::NotFound), &headers);
    };
    let saved = match fault {
        Some(fault) => Err(fault),
        None => {
            service::attach_file(
                &state.db,
                &viewer,
                action_id,
                &country,
                &upload.file_name,
                upload.content,
                Utc::now(),
            )
            .await
        }
    };
    match (saved, from_a_form) {
        (Ok((_, code)), true) => Redirect::to(&format!(
            "{}?attached=1#attachments",
            urls::country_action_path(&country, &code)
        ))
        .into_response(),
        (Ok((id, _)), false) => {
            (StatusCode::CREATED, Json(serde_json::json!({ "id": id }))).into_response()
        }
        (Err(AppError::Invalid(problems)), true) => {
            let code = match action::Entity::find_by_id(action_id).one(&state.db).await {
                Ok(Some(action)) => action.code,
                _ => return refuse(AppError::NotFound, &headers),
            };
            let key = problems.first().map(|p| p.key.clone()).unwrap_or_default();
            Redirect::to(&format!(
                "{}?attachment_problem={key}#attachments",
                urls::country_action_path(&country, &code)
            ))
            .into_response()
        }
        (Err(error), _) => refuse_upload(error, &headers),
    }
}

/// The refusal of an upload. A file over the limit is a body too large: clients other than a
/// browser's form are told so by the status.
fn refuse_upload(error: AppError, headers: &HeaderMap) -> Response {
    let too_large = matches!(&error, AppError::Invalid(problems)
        if problems.iter().any(|p| p.key == "problem-file-too-large"));
    let mut response = refuse(error, headers);
    if too_large {
        *response.status_mut() = StatusCode::PAYLOAD_TOO_LARGE;
    }
    response
}

/// Sends a link to an attached file from before files were called attachments to its address now.
pub async fn former_address(Path(id): Path<i32>) -> Redirect {
    Redirect::permanent(&urls::attachment_path(id))
}

/// Sends an attached file to a signed-in user, always as a download, never shown in the page.
pub async fn download(
    State(state): State<AppState>,
    Path(id): Path<i32>,
    headers: HeaderMap,
) -> Response {
    match service::attached_file(&state.db, id).await {
        Ok((file_name, content_type, content)) => attachment(&file_name, &content_type, content),
        Err(error) => refuse(error, &headers),
    }
}

/// A file as a download, never shown in the page, under its own name.
pub(crate) fn attachment(file_name: &str, content_type: &str, content: Vec<u8>) -> Response {
    let disposition = format!(
        "attachment; filename=\"{}\"; filename*=UTF-8''{}",
        file_name.replace(|c: char| !c.is_ascii_graphic() && c != ' ', "_"),
        app::urls::encode_query_value(file_name)
    );
    let mut response = content.into_response();
    let response_headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(content_type) {
        response_headers.insert(header::CONTENT_TYPE, value);
    }
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        response_headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}
