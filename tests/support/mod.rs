//! What the integration tests share: a fresh database prepared as at a real start, the real router
//! around it, and requests sent to that router without a socket.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use leptos::prelude::LeptosOptions;
use sea_orm::DatabaseConnection;
use tempfile::TempDir;
use tower::ServiceExt;

use app::db::AppState;
use server::Config;

/// A database in a temporary directory, migrated and loaded as `enlace` does at start.
pub struct TestDatabase {
    pub db: DatabaseConnection,
    pub prepared: app::bootstrap::Prepared,
    _directory: Option<TempDir>,
}

impl TestDatabase {
    /// A new SQLite database file.
    pub async fn new(demo: bool) -> Self {
        let directory = tempfile::tempdir().expect("a temporary directory");
        let url = format!(
            "sqlite://{}?mode=rwc",
            directory.path().join("enlace.db").display()
        );
        Self::prepare(&url, demo, Some(directory)).await
    }

    /// The PostgreSQL database at `url`, emptied first (see [`empty_postgres`]).
    pub async fn postgres(url: &str, demo: bool) -> Self {
        empty_postgres(url)
            .await
            .close()
            .await
            .expect("the connection closes");
        Self::prepare(url, demo, None).await
    }

    async fn prepare(url: &str, demo: bool, directory: Option<TempDir>) -> Self {
        let config = Config {
            database_url: url.to_owned(),
            demo,
        };
        let db = server::connect(&config).await.expect("the database opens");
        let prepared = app::bootstrap::prepare(&db, demo)
            .await
            .expect("the database is prepared");
        Self {
            db,
            prepared,
            _directory: directory,
        }
    }

    pub fn router(&self) -> Router {
        server::router(AppState {
            leptos_options: LeptosOptions::builder().output_name("enlace").build(),
            db: self.db.clone(),
            demo: self.prepared.is_demo,
        })
    }
}

/// Connects to the PostgreSQL database at `url` and drops everything in its `public` schema.
pub async fn empty_postgres(url: &str) -> DatabaseConnection {
    use sea_orm::ConnectionTrait;
    let db = sea_orm::Database::connect(url)
        .await
        .expect("the PostgreSQL test database opens");
    db.execute_unprepared("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
        .await
        .expect("the test database can be emptied");
    db
}

/// What came back from the router.
pub struct Reply {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
}

impl Reply {
    /// Fails with the page's text when `needle` is not in it.
    pub fn assert_contains(&self, needle: &str) {
        assert!(
            self.body.contains(needle),
            "expected {needle:?} in the response ({}):\n{}",
            self.status,
            self.body
        );
    }

    pub fn assert_lacks(&self, needle: &str) {
        assert!(
            !self.body.contains(needle),
            "did not expect {needle:?} in the response:\n{}",
            self.body
        );
    }
}

/// Sends `GET path` with the given headers.
pub async fn get(router: &Router, path: &str, headers: &[(&str, &str)]) -> Reply {
    let mut request = Request::builder().uri(path);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = router
        .clone()
        .oneshot(request.body(Body::empty()).expect("a valid request"))
        .await
        .expect("the router answers");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("the body can be read")
        .to_bytes();
    Reply {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}
