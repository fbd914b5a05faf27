//! The `enlace` server: configuration, database start-up, and the HTTP router that serves the Leptos
//! pages, their server functions, static files, the language cookie and `/health`.

pub mod allocator;
mod api;
mod attachments;
pub mod availability;
mod cache;
mod compression;
pub mod config;
pub mod events;
mod exports;
mod feed;
mod files;
mod forms;
mod health;
pub mod metrics;
mod plan_file;
mod refusal;
mod reports;
mod security;
mod state;
mod templates;

use std::time::Duration;

use axum::{
    body::Body,
    extract::Request,
    http::{header, HeaderValue},
    middleware::{self, Next},
    response::Response,
    routing::get,
    Router,
};
use leptos_axum::{generate_route_list, LeptosRoutes};
use sea_orm::{ConnectOptions, Database, DatabaseConnection};

use app::i18n::{language_cookie, Lang};
use app::urls::{self, UPLOAD_PATH};
use app::{shell, App};

pub use config::Config;
pub use feed::change_feed;
pub use state::AppState;

/// Opens the database, creating the directory of a SQLite file if needed. The error is one line.
pub async fn connect(config: &Config) -> Result<DatabaseConnection, String> {
    if let Some(directory) = config.sqlite_directory() {
        std::fs::create_dir_all(&directory).map_err(|e| {
            format!(
                "cannot create the database directory {}: {e}",
                directory.display()
            )
        })?;
    }
    let mut options = ConnectOptions::new(config.database_url.clone());
    // Fail a start against an unreachable server within seconds rather than sqlx's half minute.
    options
        .sqlx_logging(false)
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(Duration::from_secs(5))
        // Readers see the database as of their transaction's start while a writer writes, so a
        // backup or a dashboard's snapshot does not hold the writers up.
        .map_sqlx_sqlite_opts(|sqlite| {
            sqlite.journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
        });
    Database::connect(options).await.map_err(|e| {
        format!(
            "cannot open the database {}: {e}",
            redact(&config.database_url)
        )
    })
}

/// The snapshots' memory of the server on `db`: on SQLite it reads through connections of its own,
/// read-only, beside the pool's one connection, which the requests and the writes share.
pub async fn snapshot_memory(
    config: &Config,
    db: &DatabaseConnection,
) -> Result<app::dashboards::snapshot::SnapshotCache, String> {
    use app::dashboards::snapshot::SnapshotCache;
    // A database in memory is the pool's alone.
    let in_memory = [":memory:", "mode=memory"]
        .iter()
        .any(|mark| config.database_url.contains(mark));
    if sea_orm::ConnectionTrait::get_database_backend(db) != sea_orm::DbBackend::Sqlite || in_memory
    {
        return Ok(SnapshotCache::default());
    }
    let mut options = ConnectOptions::new(config.database_url.clone());
    options
        .sqlx_logging(false)
        .max_connections(2)
        .acquire_timeout(Duration::from_secs(5))
        .map_sqlx_sqlite_opts(|sqlite| sqlite.read_only(true));
    let reader = Database::connect(options).await.map_err(|e| {
        format!(
            "cannot open the database {} for reading: {e}",
            redact(&config.database_url)
        )
    })?;
    Ok(SnapshotCache::reading_through(reader))
}

/// A database URL without its password, for messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let credentials = &url[scheme_end + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme_end + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// The routes outside the server functions that change something; the authorization matrix test
/// checks that each has a row.
pub const WRITE_ROUTES: [&str; 2] = [urls::UPLOAD_PATH, urls::GENERATE_PATH];

/// How long a response may take to start. Server rendering waits for every resource of a page, and
/// Leptos 0.8 has been seen to leave one unresolved when pages render on several Tokio runtimes in one
/// process (as parallel tests do; never seen with the server's one runtime under load). Should it
/// happen, the browser gets a 503 it can reload, not a page that never comes.
const RESPONSE_LIMIT: Duration = Duration::from_secs(30);

/// The whole HTTP application. The layers run from the last to the first: every request is traced,
/// gets the security headers, loses the proxy headers unless a proxy is trusted, may set the
/// language, must come from this site if it changes anything, must carry a session unless it is for
/// a public address, may be answered with a page just rendered for the same account (or for
/// everyone the page says it is the same for), and has its body read up to the limit (only once all
/// that is checked, so that nobody unknown makes the server hold a body).
pub fn router(state: AppState) -> Router {
    metrics::recorder();
    let hsts = state.hsts;
    let cached = cache::Cached {
        app: state.clone(),
        memory: Default::default(),
    };
    let site = routes(&state)
        .route_layer(middleware::from_fn(metrics::name_route))
        .merge(files::routes(&state))
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(
            {
                let state = state.clone();
                move || state.provide_context()
            },
            shell,
        ))
        .layer(middleware::from_fn(security::server_function_status))
        .layer(middleware::from_fn(security::limit_body))
        .layer(middleware::from_fn_with_state(cached.clone(), cache::pages))
        .layer(middleware::from_fn_with_state(
            cached,
            security::authenticate,
        ))
        .layer(middleware::from_fn_with_state(
            state.availability.clone(),
            availability::answer_at_once,
        ))
        .layer(middleware::from_fn(security::require_same_origin))
        .layer(middleware::from_fn(remember_language));
    // The API answers tokens, not sessions, and programs, not browsers: it stands beside the
    // site's session and same-origin layers, under the layers every answer passes.
    let api = api::router(&state).layer(middleware::from_fn_with_state(
        state.availability.clone(),
        availability::answer_at_once,
    ));
    Router::new()
        .nest(api::API_PATH, api)
        .merge(site)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            security::forget_untrusted_forwarding,
        ))
        .layer(middleware::from_fn_with_state(
            hsts,
            security::security_headers,
        ))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            axum::http::StatusCode::SERVICE_UNAVAILABLE,
            RESPONSE_LIMIT,
        ))
        .layer(middleware::from_fn(compression::brotli))
        .layer(compression::gzip())
        .layer(middleware::from_fn(metrics::count_requests))
        .layer(tower_http::trace::TraceLayer::new_for_http())
        .with_state(state)
}

/// The routes: the operators' addresses, the site's own handlers, and the pages (each taking its
/// forms' posts, `forms::submit`) with their server functions.
fn routes(state: &AppState) -> Router<AppState> {
    let pages = generate_route_list(App);
    let page_paths: Vec<String> = pages.iter().map(|route| route.path().to_owned()).collect();
    let options = state.leptos_options.clone();
    let router = Router::new()
        .route("/health", get(health::health))
        .route("/metrics", get(metrics::metrics))
        .route(urls::EVENTS_PATH, get(events::events))
        // The upload reads each field up to its own limit (`attachments::read_upload`).
        .route(
            urls::UPLOAD_PATH,
            axum::routing::post(attachments::upload)
                .layer(axum::extract::DefaultBodyLimit::disable()),
        )
        .route(&format!("{UPLOAD_PATH}/{{id}}"), get(attachments::download))
        .route(
            &format!("{}/{{id}}", urls::FORMER_UPLOAD_PATH),
            get(attachments::former_address),
        )
        .route(urls::PLAN_FILE_PATH, get(plan_file::download))
        .route(
            &format!("{}/{{file}}", urls::EXPORTS_PATH),
            get(exports::download),
        )
        .route(
            &format!("{}/values/{{iso2}}/{{file}}", urls::TEMPLATES_PATH),
            get(templates::values),
        )
        .route(
            &format!("{}/statuses/{{file}}", urls::TEMPLATES_PATH),
            get(templates::statuses),
        )
        .route(urls::GENERATE_PATH, axum::routing::post(reports::generate))
        .route(
            &format!("{}/{{id}}", urls::KEPT_REPORTS_PATH),
            get(reports::file),
        )
        .leptos_routes_with_context(
            state,
            pages,
            {
                let state = state.clone();
                move || state.provide_context()
            },
            move || shell(options.clone()),
        );
    page_paths.iter().fold(router, |router, page| {
        router.route(page, axum::routing::post(forms::submit))
    })
}

/// `?lang=xx` on any address also sets the language cookie, so the choice sticks.
async fn remember_language(request: Request<Body>, next: Next) -> Response {
    let chosen = request.uri().query().and_then(|query| {
        query
            .split('&')
            .find_map(|pair| pair.strip_prefix("lang="))
            .map(|code| Lang::from_tag(code).unwrap_or_default())
    });
    let mut response = next.run(request).await;
    if let Some(lang) = chosen {
        if let Ok(value) = HeaderValue::from_str(&language_cookie(lang)) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn passwords_are_not_shown() {
        assert_eq!(
            redact("postgres://enlace:secret@db:5432/enlace"),
            "postgres://enlace:***@db:5432/enlace"
        );
        assert_eq!(
            redact("sqlite://data/enlace.db?mode=rwc"),
            "sqlite://data/enlace.db?mode=rwc"
        );
    }
}
