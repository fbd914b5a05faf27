//! What guards every request before it reaches a page or a server function: the session (who is
//! signed in, and nothing but the sign-in page for anyone else), the same-origin rule for every
//! state-changing request, the security headers of every response, and the HTTP status of a refused
//! server function.

use std::net::SocketAddr;

use axum::{
    body::{to_bytes, Body},
    extract::{ConnectInfo, Request, State},
    http::{header, HeaderMap, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Redirect, Response},
};
use chrono::Utc;

use app::access::ClientAddress;
use app::accounts::sessions;
use app::error::AppError;
use app::i18n::{request_language, t};

use crate::cache::Cached;

/// Addresses anyone may reach: the sign-in page and its server function, static files and the
/// health check.
fn is_public(path: &str) -> bool {
    matches!(
        path,
        "/sign-in" | "/health" | "/favicon.svg" | "/api/sign-in"
    ) || path.starts_with("/pkg/")
}

/// Addresses a user with a one-time password may reach, to change it (or give up and sign out).
fn is_allowed_before_password_change(path: &str) -> bool {
    matches!(
        path,
        "/account" | "/api/account" | "/api/account/password" | "/api/sign-out"
    )
}

fn is_server_function(path: &str) -> bool {
    path.starts_with("/api/")
}

/// Server functions and other writes answer a refusal as their JSON error; pages send the browser
/// elsewhere.
fn refuse(path_and_query: &str, error: AppError, writes: bool) -> Response {
    let path = path_and_query.split('?').next().unwrap_or_default();
    if writes || is_server_function(path) {
        let body = serde_json::to_string(&error).unwrap_or_default();
        return (
            error.status(),
            [(header::CONTENT_TYPE, "application/json")],
            body,
        )
            .into_response();
    }
    match error {
        AppError::Unauthenticated => {
            let next = app::urls::encode_query_value(path_and_query);
            Redirect::to(&format!("/sign-in?next={next}")).into_response()
        }
        _ => Redirect::to("/account").into_response(),
    }
}

/// The client's address: the connection's peer, or behind a trusted proxy the last address the
/// proxy added to `X-Forwarded-For`.
fn client_address(request: &Request, trust_proxy: bool) -> ClientAddress {
    let forwarded = trust_proxy
        .then(|| {
            request
                .headers()
                .get_all("x-forwarded-for")
                .iter()
                .filter_map(|value| value.to_str().ok())
                .flat_map(|value| value.split(','))
                .map(str::trim)
                .rfind(|address| !address.is_empty())
                .map(str::to_owned)
        })
        .flatten();
    let peer = || {
        request
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(address)| address.ip().to_string())
    };
    ClientAddress(
        forwarded
            .or_else(peer)
            .unwrap_or_else(|| "unknown".to_owned()),
    )
}

/// Finds the request's session (remembered for a moment, see `cache`) and puts the signed-in user in its extensions, where the access
/// policy reads them; refuses everything but the public addresses to anyone else.
pub async fn authenticate(
    State(Cached { app: state, memory }): State<Cached>,
    mut request: Request,
    next: Next,
) -> Response {
    let address = client_address(&request, state.trust_proxy);
    request.extensions_mut().insert(address);
    let mut viewer = None;
    if let Some(token) = sessions::token_from_headers(request.headers()) {
        let generation = state.changes.generation();
        let known = match memory.session(&token, generation) {
            Some(known) => Some((known.viewer, known.session)),
            None => match sessions::authenticate(&state.db, &token, Utc::now()).await {
                Ok(found) => {
                    if let Some((viewer, session)) = &found {
                        memory.remember_session(token, viewer.clone(), session.clone(), generation);
                    }
                    found
                }
                Err(error) => {
                    tracing::error!(%error, "session lookup failed");
                    return refuse(request.uri().path(), AppError::Internal, false);
                }
            },
        };
        if let Some((found, session)) = known {
            request.extensions_mut().insert(found.clone());
            request.extensions_mut().insert(session);
            viewer = Some(found);
        }
    }
    let path = request.uri().path().to_owned();
    if is_public(&path) {
        return next.run(request).await;
    }
    let path_and_query = request
        .uri()
        .path_and_query()
        .map(|pq| pq.as_str().to_owned())
        .unwrap_or_else(|| path.clone());
    let writes = !matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    match viewer {
        None => refuse(&path_and_query, AppError::Unauthenticated, writes),
        Some(viewer)
            if viewer.must_change_password && !is_allowed_before_password_change(&path) =>
        {
            refuse(&path_and_query, AppError::Forbidden, writes)
        }
        Some(_) => next.run(request).await,
    }
}

/// The host a request was addressed to, as the browser saw it.
fn requested_host(headers: &HeaderMap) -> Option<String> {
    headers
        .get("x-forwarded-host")
        .or_else(|| headers.get(header::HOST))
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(',').next())
        .map(|host| host.trim().to_ascii_lowercase())
}

/// The `host[:port]` of an origin or URL such as `https://enlace.example:8443/path`.
fn authority(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    (!authority.is_empty()).then(|| authority.to_ascii_lowercase())
}

/// Refuses a state-changing request that another site made the browser send: its `Origin` (or, when
/// a browser sends none, its `Referer`) must be this site. Forms keep working without JavaScript,
/// because browsers send `Origin` with every form post.
pub async fn require_same_origin(request: Request, next: Next) -> Response {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return next.run(request).await;
    }
    let headers = request.headers();
    let sender = headers
        .get(header::ORIGIN)
        .or_else(|| headers.get(header::REFERER))
        .and_then(|value| value.to_str().ok())
        .and_then(authority);
    let host = requested_host(headers);
    match (sender, host) {
        (Some(sender), Some(host)) if sender == host => next.run(request).await,
        (sender, host) => {
            tracing::warn!(
                ?sender,
                ?host,
                path = request.uri().path(),
                "cross-site request refused"
            );
            let lang = request_language(request.uri(), request.headers());
            (
                StatusCode::FORBIDDEN,
                [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
                t(lang, "error-cross-site"),
            )
                .into_response()
        }
    }
}

/// Adds the security headers to every response, keeping a page's own Content-Security-Policy (which
/// carries the nonce of its scripts). Pages are never cached: after sign-out, Back shows nothing.
pub async fn security_headers(request: Request, next: Next) -> Response {
    let is_static =
        request.uri().path().starts_with("/pkg/") || request.uri().path() == "/favicon.svg";
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let defaults = [
        (
            header::CONTENT_SECURITY_POLICY,
            app::content_security_policy(None),
        ),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
        (header::REFERRER_POLICY, "same-origin".to_owned()),
        (header::X_FRAME_OPTIONS, "DENY".to_owned()),
    ];
    for (name, value) in defaults {
        if !headers.contains_key(&name) {
            if let Ok(value) = HeaderValue::from_str(&value) {
                headers.insert(name, value);
            }
        }
    }
    if !is_static && !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// A server function that fails answers 500 whatever the cause; this gives it the status of its
/// `AppError` (401, 403, 404, 422, 429), read back from the error it sends.
pub async fn server_function_status(request: Request, next: Next) -> Response {
    let is_function = is_server_function(request.uri().path());
    let response = next.run(request).await;
    if !is_function || response.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = match to_bytes(body, 64 * 1024).await {
        Ok(bytes) => bytes,
        Err(_) => return (StatusCode::INTERNAL_SERVER_ERROR, "").into_response(),
    };
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status = error.status();
    }
    Response::from_parts(parts, Body::from(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_addresses() {
        for path in [
            "/sign-in",
            "/health",
            "/pkg/enlace.wasm",
            "/api/sign-in",
            "/favicon.svg",
        ] {
            assert!(is_public(path), "{path}");
        }
        for path in [
            "/",
            "/plan",
            "/api/plan",
            "/users",
            "/sign-in/x",
            "/api/sign-out",
        ] {
            assert!(!is_public(path), "{path}");
        }
    }

    #[test]
    fn origins_are_compared_by_host_and_port() {
        assert_eq!(
            authority("https://Enlace.example:8443/path?x").as_deref(),
            Some("enlace.example:8443")
        );
        assert_eq!(
            authority("http://enlace.example").as_deref(),
            Some("enlace.example")
        );
        assert_eq!(authority("null"), None);
        let mut headers = HeaderMap::new();
        headers.insert(header::HOST, "enlace.example".parse().unwrap());
        assert_eq!(requested_host(&headers).as_deref(), Some("enlace.example"));
        headers.insert("x-forwarded-host", "public.example".parse().unwrap());
        assert_eq!(requested_host(&headers).as_deref(), Some("public.example"));
    }
}
