//! The JSON API (`/api/v1`): the plan, the countries' statuses and milestones, the indicators and
//! their validated values, the assessments, the scorecard and the rounds to read, and a country's
//! action report and indicator values to write, with the same rules, versions and audit as the
//! forms. A request carries a personal API token (`Authorization: Bearer enl_…`), acts as that
//! token's user under the pages' access policy, and is counted against its token's rate limit.
//! Lists come in pages; answers carry an `ETag` and `If-None-Match` answers `304 Not Modified`;
//! errors are RFC 9457 problem details in the request's language. The OpenAPI 3.1 document is
//! generated from the handlers (`document`).

mod document;
mod reads;
mod writes;

use std::num::NonZeroU32;
use std::sync::Arc;

use axum::{
    extract::{Request, State},
    http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri},
    middleware::{self, Next},
    response::{IntoResponse, Response},
    routing::{get, put},
    Router,
};
use governor::{clock::Clock, DefaultKeyedRateLimiter, Quota};
use serde::Serialize;
use sha2::{Digest, Sha256};
use utoipa::ToSchema;

use crate::AppState;
use app::api::rules::TokenScope;
use app::error::AppError;
use app::i18n::{request_language, t, Lang};

/// Where the API is mounted.
pub const API_PATH: &str = "/api/v1";
/// Requests a token may make per minute, unless `ENLACE_API_REQUESTS_PER_MINUTE` says otherwise.
const REQUESTS_PER_MINUTE: u32 = 600;
/// The most items a page of a list holds.
const MOST_PER_PAGE: u32 = 1000;
const DEFAULT_PER_PAGE: u32 = 100;

/// The API's routes, each behind the token check and its rate limit but the document and its page.
pub fn router(state: &AppState) -> Router<AppState> {
    let per_minute = std::env::var("ENLACE_API_REQUESTS_PER_MINUTE")
        .ok()
        .and_then(|value| value.parse().ok())
        .and_then(NonZeroU32::new)
        .unwrap_or(NonZeroU32::new(REQUESTS_PER_MINUTE).expect("not zero"));
    let limiter: Arc<DefaultKeyedRateLimiter<i32>> = Arc::new(DefaultKeyedRateLimiter::keyed(
        Quota::per_minute(per_minute),
    ));
    let with_token = Router::new()
        .route("/plan", get(reads::plan))
        .route("/themes", get(reads::themes))
        .route("/actions", get(reads::actions))
        .route("/actions/{code}", get(reads::action))
        .route("/countries", get(reads::countries))
        .route("/statuses", get(reads::statuses))
        .route("/milestones", get(reads::milestones))
        .route("/indicators", get(reads::indicators))
        .route("/indicators/{code}/values", get(reads::indicator_values))
        .route("/assessments", get(reads::assessments))
        .route("/scorecard", get(reads::scorecard))
        .route("/rounds", get(reads::rounds))
        .route("/rounds/{year}/submissions", get(reads::submissions))
        .route(
            "/countries/{iso2}/actions/{code}/report",
            put(writes::report),
        )
        .route("/countries/{iso2}/values/{year}", put(writes::values))
        .route_layer(middleware::from_fn(crate::metrics::name_route))
        .layer(middleware::from_fn_with_state(limiter, rate_limit))
        .layer(middleware::from_fn_with_state(state.clone(), authenticate));
    Router::new()
        .route("/openapi.json", get(document::openapi_json))
        .route("/docs", get(document::page))
        .merge(with_token)
        .fallback(not_found)
}

/// A query that cannot be read (`?page=abc`), as a problem like any other refusal.
pub fn unreadable_query(uri: &Uri, headers: &HeaderMap) -> Response {
    problem(AppError::Unreadable, language(uri, headers))
}

async fn not_found(uri: Uri, headers: HeaderMap) -> Response {
    problem(AppError::NotFound, language(&uri, &headers))
}

fn language(uri: &Uri, headers: &HeaderMap) -> Lang {
    request_language(uri, headers)
}

/// The token a request carries, whose rate limit it counts against.
#[derive(Clone, Copy, Debug)]
pub struct TokenAccess {
    pub id: i32,
}

/// Finds the user of the request's token and puts it in the request as its viewer; refuses a
/// request without a token in force (401), and a write with a read-only token (403).
async fn authenticate(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let lang = language(request.uri(), request.headers());
    let token = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .map(str::trim)
        .map(str::to_owned);
    let now = chrono::Utc::now();
    let found = match token {
        Some(token) => app::api::queries::viewer_for_token(&state.db, &token, now).await,
        None => Ok(None),
    };
    let (viewer, record) = match found {
        Ok(Some(found)) => found,
        Ok(None) => {
            let mut refused = problem(AppError::Unauthenticated, lang);
            refused.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"enlace\""),
            );
            return refused;
        }
        Err(error) => return problem(AppError::from(error), lang),
    };
    let scope = TokenScope::from_code(&record.scope).unwrap_or(TokenScope::Read);
    let reads = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if !reads && scope == TokenScope::Read {
        return problem_with(
            StatusCode::FORBIDDEN,
            "read-only-token",
            &t(lang, "api-read-only-title"),
            &t(lang, "api-read-only-detail"),
        );
    }
    if let Err(error) = app::api::service::touch(&state.db, &record, now).await {
        tracing::warn!(%error, "a token's last use cannot be noted");
    }
    request
        .extensions_mut()
        .insert(TokenAccess { id: record.id });
    request.extensions_mut().insert(viewer);
    next.run(request).await
}

/// Answers `429 Too Many Requests`, with when to come back, to a token over its rate.
async fn rate_limit(
    State(limiter): State<Arc<DefaultKeyedRateLimiter<i32>>>,
    request: Request,
    next: Next,
) -> Response {
    let Some(access) = request.extensions().get::<TokenAccess>().copied() else {
        return next.run(request).await;
    };
    match limiter.check_key(&access.id) {
        Ok(()) => next.run(request).await,
        Err(not_until) => {
            let wait = not_until.wait_time_from(limiter.clock().now());
            let seconds = wait.as_secs().max(1);
            let lang = language(request.uri(), request.headers());
            let mut refused = problem_with(
                StatusCode::TOO_MANY_REQUESTS,
                "rate-limited",
                &t(lang, "api-rate-title"),
                &app::i18n::t_args(lang, "api-rate-detail", &[("seconds", seconds.into())]),
            );
            refused
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
            refused
        }
    }
}

/// An RFC 9457 problem: what went wrong, for a program (`type`, `status`) and for a person
/// (`title`, `detail`, each field's message), in the request's language.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ProblemDetails {
    /// A URI naming the kind of problem (`urn:enlace:problem:invalid`).
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    /// Each field that breaks a rule, with why.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

/// A field that breaks a rule.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct FieldError {
    /// The field, as the request names it.
    pub field: String,
    /// The record of a list the field belongs to (an indicator's code), if any.
    pub subject: Option<String>,
    pub message: String,
}

/// The problem of `error`, in `lang`.
pub fn problem(error: AppError, lang: Lang) -> Response {
    let status = error.status();
    let kind = match &error {
        AppError::Unauthenticated | AppError::InvalidCredentials => "unauthenticated",
        AppError::Forbidden => "forbidden",
        AppError::NotFound => "not-found",
        AppError::Unreadable => "unreadable",
        AppError::TooLarge => "too-large",
        AppError::Invalid(_) => "invalid",
        AppError::Conflict(_) => "conflict",
        AppError::TooManyAttempts { .. } => "rate-limited",
        AppError::Internal | AppError::Unreachable(_) => "internal",
        AppError::Unavailable => "unavailable",
    };
    let errors = match &error {
        AppError::Invalid(problems) => problems
            .iter()
            .map(|problem| FieldError {
                field: problem.field.clone(),
                subject: problem.subject.clone(),
                message: problem.message(lang),
            })
            .collect(),
        _ => Vec::new(),
    };
    let details = ProblemDetails {
        kind: format!("urn:enlace:problem:{kind}"),
        title: error.title(lang),
        status: status.as_u16(),
        detail: error.message(lang),
        errors,
    };
    problem_response(status, &details)
}

fn problem_with(status: StatusCode, kind: &str, title: &str, detail: &str) -> Response {
    let details = ProblemDetails {
        kind: format!("urn:enlace:problem:{kind}"),
        title: title.to_owned(),
        status: status.as_u16(),
        detail: detail.to_owned(),
        errors: Vec::new(),
    };
    problem_response(status, &details)
}

fn problem_response(status: StatusCode, details: &ProblemDetails) -> Response {
    let body = serde_json::to_vec(details).unwrap_or_default();
    (
        status,
        [(header::CONTENT_TYPE, "application/problem+json")],
        body,
    )
        .into_response()
}

/// `value` as JSON with its `ETag`; `304 Not Modified` when the client holds that version already.
pub fn json_answer(value: &impl Serialize, headers: &HeaderMap) -> Response {
    let Ok(body) = serde_json::to_vec(value) else {
        return problem(AppError::Internal, Lang::default());
    };
    let tag = format!("\"{}\"", &hex::encode(Sha256::digest(&body))[..32]);
    let held = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|held| {
            held.split(',')
                .any(|one| one.trim() == tag || one.trim() == "*")
        });
    let tag = HeaderValue::from_str(&tag).expect("hex is a valid header");
    let private = HeaderValue::from_static("private, no-cache");
    if held {
        return (
            StatusCode::NOT_MODIFIED,
            [(header::ETAG, tag), (header::CACHE_CONTROL, private)],
        )
            .into_response();
    }
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            ),
            (header::ETAG, tag),
            (header::CACHE_CONTROL, private),
        ],
        body,
    )
        .into_response()
}

/// Which page of a list a request asks for (`page` from 1, `per_page` up to `MOST_PER_PAGE`).
#[derive(Clone, Copy, Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// The page, from 1.
    #[param(minimum = 1)]
    pub page: Option<u32>,
    /// Items per page (100 unless said; at most 1000).
    #[param(minimum = 1, maximum = 1000)]
    pub per_page: Option<u32>,
}

/// Where a page is in its list.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PageInfo {
    pub page: u32,
    pub per_page: u32,
    /// Items in the whole list.
    pub total: usize,
    /// The next page's number, while there is one.
    pub next_page: Option<u32>,
}

impl PageQuery {
    /// The page of `items` asked for, with where it is; an unreadable page is refused.
    pub fn cut<T>(&self, items: Vec<T>) -> Result<(Vec<T>, PageInfo), AppError> {
        let page = self.page.unwrap_or(1);
        let per_page = self.per_page.unwrap_or(DEFAULT_PER_PAGE);
        if page == 0 || per_page == 0 || per_page > MOST_PER_PAGE {
            return Err(app::error::Problem::new("per_page", "api-page-invalid").into());
        }
        let total = items.len();
        let start = (page as usize - 1).saturating_mul(per_page as usize);
        let shown: Vec<T> = items
            .into_iter()
            .skip(start)
            .take(per_page as usize)
            .collect();
        let next_page = (start + shown.len() < total).then(|| page.saturating_add(1));
        Ok((
            shown,
            PageInfo {
                page,
                per_page,
                total,
                next_page,
            },
        ))
    }
}
