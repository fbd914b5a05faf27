//! The site's files (`/pkg/…`, `/favicon.svg`): served precompressed (cargo-leptos `--precompress`
//! writes a brotli and a gzip copy of each), and cached by browsers. A release build names each
//! file by its content's hash, so a name never serves other content: browsers keep those a year
//! and never ask again. Without hashes (a development build), they ask each time whether a file
//! changed.

use std::path::Path;

use axum::{
    body::Body,
    extract::Request,
    http::{header, HeaderValue, StatusCode},
    middleware::{self, Next},
    response::Response,
    Router,
};
use tower_http::services::{ServeDir, ServeFile};

use crate::AppState;

/// How long browsers keep a file whose name carries its hash.
const HASHED: &str = "public, max-age=31536000, immutable";
/// How long browsers keep the icon, whose name cannot change.
const ICON: &str = "public, max-age=86400";
/// Files without a hash in their name: kept, but checked with the server before each use.
const UNHASHED: &str = "no-cache";

/// The routes of the site's files, under the site root of `state`.
pub fn routes(state: &AppState) -> Router<AppState> {
    let root = Path::new(state.leptos_options.site_root.as_ref());
    let package = root.join(state.leptos_options.site_pkg_dir.as_ref());
    let package_policy = if state.leptos_options.hash_files {
        HASHED
    } else {
        UNHASHED
    };
    Router::new()
        .nest_service(
            &format!("/{}", state.leptos_options.site_pkg_dir),
            ServeDir::new(package)
                .precompressed_br()
                .precompressed_gzip(),
        )
        .layer(middleware::from_fn(move |request, next| {
            keep_for(package_policy, request, next)
        }))
        .merge(
            Router::new()
                .route_service(
                    "/favicon.svg",
                    ServeFile::new(root.join("favicon.svg"))
                        .precompressed_br()
                        .precompressed_gzip(),
                )
                .layer(middleware::from_fn(|request, next| {
                    keep_for(ICON, request, next)
                })),
        )
}

/// Gives a file that was found its caching policy (a missing file's answer is not kept).
async fn keep_for(policy: &'static str, request: Request<Body>, next: Next) -> Response {
    let mut response = next.run(request).await;
    if matches!(
        response.status(),
        StatusCode::OK | StatusCode::NOT_MODIFIED | StatusCode::PARTIAL_CONTENT
    ) {
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    }
    response
}
