//! The forms of the pages (`app::forms`): each posts to its page's own address, naming the server
//! function that saves it. This runs that function as the browser's own request would; when it
//! saves, the browser is sent on with `303 See Other` (so that reloading does not send the form
//! again); when it refuses, the page is rendered again with the refusal and what was typed, under
//! the refusal's status.

use axum::{
    body::{to_bytes, Body},
    extract::{FromRequest, Multipart, Request, State},
    http::{header, HeaderValue, Method, StatusCode},
    response::{IntoResponse, Response},
};

use app::error::{AppError, Problem, BODY_LIMIT_BYTES, FILE_LIMIT_BYTES};
use app::forms::{Refused, FORM_FIELD};
use leptos::prelude::provide_context;

use crate::refusal::{count, refuse};
use crate::AppState;

/// Where the server functions are mounted.
const FUNCTIONS: &str = "/api/";

pub async fn submit(State(state): State<AppState>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let Ok(body) = to_bytes(body, BODY_LIMIT_BYTES).await else {
        return refuse(AppError::TooLarge, &parts.headers);
    };
    let (fields, files) = match read_fields(&parts, body).await {
        Ok(read) => read,
        Err(error @ AppError::Invalid(_)) => return refused_file(&state, &parts, error).await,
        Err(error) => return refuse(error, &parts.headers),
    };
    let Some(form) = fields
        .iter()
        .find(|(name, _)| name == FORM_FIELD)
        .map(|(_, form)| form.clone())
    else {
        return refuse(AppError::Unreadable, &parts.headers);
    };
    let function = form.split('#').next().unwrap_or_default().to_owned();
    if !function.starts_with(FUNCTIONS)
        || leptos::server_fn::axum::get_server_fn_service(&function, Method::POST).is_none()
    {
        return refuse(AppError::Unreadable, &parts.headers);
    }

    let Some(call) = function_call(&parts, &function, &fields) else {
        return refuse(AppError::Unreadable, &parts.headers);
    };
    let answer = leptos_axum::handle_server_fns_with_context(
        {
            let state = state.clone();
            move || state.provide_context()
        },
        call,
    )
    .await
    .into_response();

    if answer.status().is_success() {
        return see_other(answer, &parts.uri);
    }
    let body = answer.into_body();
    let error = match to_bytes(body, 1024 * 1024).await {
        Ok(bytes) => serde_json::from_slice::<AppError>(&bytes).unwrap_or(AppError::Internal),
        Err(_) => AppError::Internal,
    };
    count(&error);
    let refused = Refused {
        form,
        // A file cannot be chosen again for the user, and its bytes would swell the page.
        fields: Refused::shown_again(
            fields
                .into_iter()
                .filter(|(name, _)| !files.contains(name))
                .collect(),
        ),
        error: error.clone(),
    };
    let form_field = format!("name=\"{FORM_FIELD}\" value=\"{}\"", refused.form);
    let mut page = render(&state, &parts, refused.clone()).await;
    // The page no longer shows the form (what it would change moved on since the page was
    // loaded): it says the refusal at its top instead.
    let (head, body) = page.into_parts();
    let html = to_bytes(body, usize::MAX).await.unwrap_or_default();
    page = if String::from_utf8_lossy(&html).contains(&form_field) {
        Response::from_parts(head, Body::from(html))
    } else {
        render(&state, &parts, refused.without_form()).await
    };
    if page.status() == StatusCode::OK {
        *page.status_mut() = error.status();
    }
    if let Some(seconds) = error.retry_after_seconds() {
        page.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    }
    page
}

/// The fields a form sent, and which of them are files: URL-encoded, or multipart when it sends a
/// file. A file field's value is its bytes in base64 (URL-safe, unpadded), and its name goes in a
/// field of its own beside it (`form[upload]` → `form[upload_name]`); its server function reads
/// the bytes as the file it expects (text, a spreadsheet).
async fn read_fields(
    parts: &axum::http::request::Parts,
    body: axum::body::Bytes,
) -> Result<(Vec<(String, String)>, Vec<String>), AppError> {
    use base64::Engine;
    let multipart = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("multipart/form-data"));
    if !multipart {
        return Ok((
            form_urlencoded::parse(&body).into_owned().collect(),
            Vec::new(),
        ));
    }
    let mut request = Request::new(Body::from(body));
    *request.headers_mut() = parts.headers.clone();
    let mut multipart = Multipart::from_request(request, &())
        .await
        .map_err(|_| AppError::Unreadable)?;
    let mut fields = Vec::new();
    let mut files = Vec::new();
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|_| AppError::Unreadable)?
    {
        let name = field.name().unwrap_or_default().to_owned();
        let file_name = field.file_name().map(str::to_owned);
        let bytes = field.bytes().await.map_err(|_| AppError::Unreadable)?;
        match file_name {
            Some(_) if bytes.len() > FILE_LIMIT_BYTES => {
                let limit = (FILE_LIMIT_BYTES / 1024) as u32;
                return Err(
                    Problem::with_limit("file", "problem-form-file-too-large", limit).into(),
                );
            }
            Some(file_name) => {
                let value = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&bytes);
                let name_field = match name.strip_suffix(']') {
                    Some(start) => format!("{start}_name]"),
                    None => format!("{name}_name"),
                };
                files.push(name.clone());
                fields.push((name, value));
                fields.push((name_field, file_name));
            }
            None => {
                let text = String::from_utf8(bytes.to_vec()).map_err(|_| AppError::Unreadable)?;
                fields.push((name, text));
            }
        }
    }
    Ok((fields, files))
}

/// The function's own request: the same session and headers and the form's fields, answered as
/// data, not a redirect. `None` for a function that is not an address.
fn function_call(
    parts: &axum::http::request::Parts,
    function: &str,
    fields: &[(String, String)],
) -> Option<Request> {
    let body = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(fields)
        .finish();
    let mut call = Request::new(Body::from(body));
    *call.method_mut() = Method::POST;
    *call.uri_mut() = function.parse().ok()?;
    *call.headers_mut() = parts.headers.clone();
    call.headers_mut()
        .insert(header::ACCEPT, HeaderValue::from_static("application/json"));
    call.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/x-www-form-urlencoded"),
    );
    *call.extensions_mut() = parts.extensions.clone();
    Some(call)
}

/// The page again, saying at its top, in the reader's language, why the file sent was refused.
async fn refused_file(
    state: &AppState,
    parts: &axum::http::request::Parts,
    error: AppError,
) -> Response {
    count(&error);
    let refused = Refused {
        form: String::new(),
        fields: Vec::new(),
        error: error.clone(),
    };
    let mut page = render(state, parts, refused).await;
    *page.status_mut() = error.status();
    page
}

/// The page of `parts` rendered again with `refused` in its context.
async fn render(
    state: &AppState,
    parts: &axum::http::request::Parts,
    refused: Refused,
) -> Response {
    let options = state.leptos_options.clone();
    let state = state.clone();
    let mut page_request = Request::new(Body::empty());
    *page_request.uri_mut() = parts.uri.clone();
    *page_request.headers_mut() = parts.headers.clone();
    *page_request.extensions_mut() = parts.extensions.clone();
    let render = leptos_axum::render_app_async_with_context(
        move || {
            state.provide_context();
            provide_context(refused.clone());
        },
        move || app::shell(options.clone()),
    );
    render(page_request).await
}

/// Sends the browser on after a save: where the server function said (an address of this site),
/// else back to the page, with the cookies the function set (a sign-in's session).
fn see_other(answer: Response, page: &axum::http::Uri) -> Response {
    let named = answer
        .headers()
        .get(header::LOCATION)
        .and_then(|location| location.to_str().ok())
        .filter(|location| location.starts_with('/') && !location.starts_with("//"))
        .map(str::to_owned);
    let location = named.unwrap_or_else(|| {
        page.path_and_query()
            .map_or_else(|| page.path().to_owned(), |whole| whole.as_str().to_owned())
    });
    let mut response = StatusCode::SEE_OTHER.into_response();
    if let Ok(location) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    for cookie in answer.headers().get_all(header::SET_COOKIE) {
        response
            .headers_mut()
            .append(header::SET_COOKIE, cookie.clone());
    }
    response
}
