//! How a request that is refused is answered outside the server functions: a browser's form post
//! or page load gets the translated message as text, other clients the error as JSON, both with the
//! error's status.

use axum::{
    extract::Request,
    http::{header, HeaderMap, HeaderValue, Uri},
    response::{IntoResponse, Response},
    Json,
};

use app::error::AppError;
use app::i18n::request_language;

/// Whether the request is a browser's form post or page load, which expects a page back.
pub fn wants_html(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"))
}

/// Counts a refusal by its reason, for `/metrics`.
pub fn count(error: &AppError) {
    metrics::counter!("enlace_refusals_total", "reason" => error.reason()).increment(1);
}

/// The refusal of a request: its status, with the translated message for a browser, or the error as
/// JSON for other clients.
pub fn refuse(error: AppError, headers: &HeaderMap) -> Response {
    answer(error, headers, &Uri::from_static("/"))
}

/// The refusal of `request` before it reached its handler, in the language its address, cookie or
/// browser asks for.
pub fn refuse_request(error: AppError, request: &Request) -> Response {
    answer(error, request.headers(), request.uri())
}

fn answer(error: AppError, headers: &HeaderMap, uri: &Uri) -> Response {
    count(&error);
    let retry_after = error.retry_after_seconds();
    let mut response = if wants_html(headers) {
        let lang = request_language(uri, headers);
        (
            error.status(),
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            format!("{}\n{}", error.title(lang), error.message(lang)),
        )
            .into_response()
    } else {
        (error.status(), Json(error)).into_response()
    };
    if let Some(seconds) = retry_after {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    }
    response
}
