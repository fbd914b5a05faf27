//! What guards every request before it reaches a page or a server function: the proxy headers only
//! when a proxy is trusted, the size of the body, the session (who is signed in, and nothing but the
//! sign-in page for anyone else), the same-origin rule for every state-changing request, the
//! security headers of every response, and the HTTP status of a refused server function.

use std::net::SocketAddr;

use axum::{
    body::{to_bytes, Body},
    extract::{ConnectInfo, Request, State},
    http::{header, HeaderMap, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Redirect, Response},
};
use chrono::Utc;

use crate::AppState;
use app::access::ClientAddress;
use app::accounts::sessions;
use app::error::{AppError, BODY_LIMIT_BYTES};
use app::i18n::{request_language, t};
use app::urls;

use crate::cache::Cached;
use crate::refusal::refuse_request;

/// The headers a reverse proxy sets to say what the client asked for and from where.
const FORWARDING_HEADERS: [&str; 6] = [
    "forwarded",
    "x-forwarded-for",
    "x-forwarded-host",
    "x-forwarded-proto",
    "x-forwarded-port",
    "x-real-ip",
];

/// Without a trusted proxy in front (`ENLACE_TRUST_PROXY=1`), the forwarding headers come from the
/// client itself and prove nothing: they are removed before anything reads them (the sign-in
/// throttle's address, the same-origin rule's host, the session cookie's `Secure`).
pub async fn forget_untrusted_forwarding(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    if !state.trust_proxy {
        for name in FORWARDING_HEADERS {
            request.headers_mut().remove(name);
        }
    }
    next.run(request).await
}

/// Reads the whole body of every request but file uploads (which read each field to its own limit)
/// up to `BODY_LIMIT_BYTES`, and answers a larger one `413 Payload Too Large` before anything parses
/// it.
pub async fn limit_body(request: Request, next: Next) -> Response {
    if request.uri().path() == urls::UPLOAD_PATH {
        return next.run(request).await;
    }
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<u64>().ok());
    if declared.is_some_and(|length| length > BODY_LIMIT_BYTES as u64) {
        return refuse_request(AppError::TooLarge, &request);
    }
    let (parts, body) = request.into_parts();
    match to_bytes(body, BODY_LIMIT_BYTES).await {
        // A form is text: bytes that are not UTF-8 would be read with replacement characters.
        Ok(bytes) if is_form(&parts.headers) && std::str::from_utf8(&bytes).is_err() => {
            refuse_request(
                AppError::Unreadable,
                &Request::from_parts(parts, Body::empty()),
            )
        }
        Ok(bytes) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        Err(error) => {
            let request = Request::from_parts(parts, Body::empty());
            let too_large = std::error::Error::source(&error)
                .is_some_and(|source| source.is::<http_body_util::LengthLimitError>());
            if too_large {
                refuse_request(AppError::TooLarge, &request)
            } else {
                tracing::info!(%error, "a request body could not be read");
                refuse_request(AppError::Unreadable, &request)
            }
        }
    }
}

/// Addresses anyone may reach: the sign-in page and its server function, static files and the
/// health check.
fn is_public(path: &str) -> bool {
    matches!(
        path,
        "/sign-in" | "/health" | "/metrics" | "/favicon.svg" | "/api/sign-in"
    ) || path.starts_with("/pkg/")
}

/// Addresses answered the same to everyone: no session is looked up for them.
fn needs_no_session(path: &str) -> bool {
    matches!(path, "/health" | "/metrics" | "/favicon.svg") || path.starts_with("/pkg/")
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
fn refuse_access(path_and_query: &str, error: AppError, writes: bool) -> Response {
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
/// proxy added to `X-Forwarded-For`. An IPv6 client is counted by its /64 network, which any one of
/// them holds whole: otherwise every attempt could come from a new address.
/// The address of the client as given: the last in `X-Forwarded-For` behind a trusted proxy, else
/// the connection's.
fn given_client_address(request: &Request, trust_proxy: bool) -> Option<String> {
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
    forwarded.or_else(|| {
        request
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(address)| address.ip().to_string())
    })
}

/// The client's IP address, when it has one.
pub fn client_ip(request: &Request, trust_proxy: bool) -> Option<std::net::IpAddr> {
    given_client_address(request, trust_proxy)?.parse().ok()
}

/// The client's address as the sign-in throttle counts it: an IPv6 client by its /64 network.
fn client_address(request: &Request, trust_proxy: bool) -> ClientAddress {
    let address =
        given_client_address(request, trust_proxy).unwrap_or_else(|| "unknown".to_owned());
    ClientAddress(match address.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V6(v6)) if v6.to_ipv4_mapped().is_none() => {
            let network = u128::from(v6) & (u128::MAX << 64);
            format!("{}/64", std::net::Ipv6Addr::from(network))
        }
        Ok(std::net::IpAddr::V6(v6)) => v6.to_ipv4_mapped().map_or(address, |v4| v4.to_string()),
        _ => address,
    })
}

/// Finds the request's session (for reading, remembered for a moment, see `cache`) and puts the
/// signed-in user in its extensions, where the access policy reads them; refuses everything but the
/// public addresses to anyone else.
pub async fn authenticate(
    State(Cached { app: state, memory }): State<Cached>,
    mut request: Request,
    next: Next,
) -> Response {
    let address = client_address(&request, state.trust_proxy);
    request.extensions_mut().insert(address);
    if needs_no_session(request.uri().path()) {
        // The site's files and the operator's addresses: the session would not change the answer,
        // and looking it up would make them wait for the database.
        return next.run(request).await;
    }
    let writes = !matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    let mut viewer = None;
    if let Some(token) = sessions::token_from_headers(request.headers()) {
        let generation = state.changes.generation();
        let asked = std::time::Instant::now();
        // A write always asks the database, so that a session ended on another server cannot
        // save even in the moment before that server's announcement arrives here.
        let remembered = (!writes)
            .then(|| memory.session(&token, &state.changes))
            .flatten();
        let known = match remembered {
            Some(known) => Some((known.viewer, known.session)),
            None => match sessions::authenticate(&state.db, &token, Utc::now()).await {
                Ok(found) => {
                    if let Some((viewer, session)) = &found {
                        let (viewer, session) = (viewer.clone(), session.clone());
                        memory.remember_session(token, viewer, session, generation, asked);
                    }
                    found
                }
                Err(error) => {
                    // Not a reason to send the browser elsewhere: every page would fail the same way.
                    return refuse_request(AppError::from(error), &request);
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
    match viewer {
        None => refuse_access(&path_and_query, AppError::Unauthenticated, writes),
        Some(viewer)
            if viewer.must_change_password && !is_allowed_before_password_change(&path) =>
        {
            refuse_access(&path_and_query, AppError::Forbidden, writes)
        }
        Some(_) => next.run(request).await,
    }
}

/// Whether the request's body is a URL-encoded form.
fn is_form(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("application/x-www-form-urlencoded"))
}

/// The host a request was addressed to, as the browser saw it (`X-Forwarded-Host` is only left on
/// the request behind a trusted proxy, see `forget_untrusted_forwarding`).
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
/// allows its own inline scripts and styles), and with `ENLACE_HSTS=1` tells browsers to come over HTTPS
/// only. Pages are never cached: after sign-out, Back shows nothing.
pub async fn security_headers(State(hsts): State<bool>, request: Request, next: Next) -> Response {
    let is_static =
        request.uri().path().starts_with("/pkg/") || request.uri().path() == "/favicon.svg";
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let defaults = [
        (
            header::CONTENT_SECURITY_POLICY,
            app::content_security_policy(&[], &[]),
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
    if hsts {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    response
}

/// A server function that fails answers 500 whatever the cause; this gives it the status of its
/// `AppError` (400, 401, 403, 404, 409, 413, 422, 429 with `Retry-After`), read back from the
/// error it sends.
pub async fn server_function_status(request: Request, next: Next) -> Response {
    let is_function = is_server_function(request.uri().path());
    let response = next.run(request).await;
    if !is_function || response.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    // Errors are small (an answer lists at most 50 problems), but the body is read generously.
    let bytes = match to_bytes(body, 1024 * 1024).await {
        Ok(bytes) => bytes,
        Err(_) => return (StatusCode::INTERNAL_SERVER_ERROR, "").into_response(),
    };
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes) {
        crate::refusal::count(&error);
        parts.status = error.status();
        if let Some(seconds) = error.retry_after_seconds() {
            parts
                .headers
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
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
    fn an_ipv6_client_is_counted_by_its_network() {
        let from = |peer: &str, forwarded: Option<&str>, trust: bool| {
            let mut request = Request::builder().uri("/api/sign-in");
            if let Some(forwarded) = forwarded {
                request = request.header("x-forwarded-for", forwarded);
            }
            let mut request = request.body(Body::empty()).unwrap();
            request
                .extensions_mut()
                .insert(ConnectInfo(SocketAddr::new(peer.parse().unwrap(), 40000)));
            client_address(&request, trust).0
        };
        assert_eq!(
            from("2001:db8:1:2:aaaa::1", None, false),
            "2001:db8:1:2::/64"
        );
        assert_eq!(
            from("2001:db8:1:2:bbbb::9", None, false),
            "2001:db8:1:2::/64"
        );
        assert_eq!(from("::ffff:192.0.2.7", None, false), "192.0.2.7");
        assert_eq!(from("192.0.2.7", None, false), "192.0.2.7");
        assert_eq!(
            from("10.0.0.1", Some("198.51.100.1, 2001:db8:9::5"), true),
            "2001:db8:9::/64"
        );
        assert_eq!(from("10.0.0.1", Some("198.51.100.1"), false), "10.0.0.1");
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
