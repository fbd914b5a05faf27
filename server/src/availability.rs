//! Whether the database answers, so that requests are told at once when it does not. On PostgreSQL
//! a probe asks every half second, on a connection of its own (so that a busy pool is not taken for
//! an outage), and gives the database a second to answer. While it does not, every request but the
//! site's files and `/health` gets the translated "temporarily unavailable" answer (503 with
//! `Retry-After`) at once, instead of waiting for a connection and then failing, and a browser is
//! never sent elsewhere; `/health` says what the probe found. A SQLite file is asked only when
//! `/health` asks, and never closes the gate.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::{
    extract::{Request, State},
    middleware::Next,
    response::Response,
};
use sea_orm::sqlx::postgres::PgPoolOptions;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, SqlxPostgresConnector};

use crate::refusal::refuse_request;
use app::error::AppError;

/// How long the database is given to answer a probe.
pub const PROBE_LIMIT: Duration = Duration::from_secs(1);

/// How often the database is probed.
const PROBE_EVERY: Duration = Duration::from_millis(500);

/// What the server knows of its database's availability.
#[derive(Debug)]
pub struct Availability {
    unreachable: AtomicBool,
    /// The connection the probe asks on: on PostgreSQL its own, on SQLite the server's.
    probe: DatabaseConnection,
    /// Whether a probe runs in the background (PostgreSQL): `/health` then says what it found.
    probing: bool,
}

impl Availability {
    /// Whether the last probe went unanswered.
    pub fn is_unreachable(&self) -> bool {
        self.unreachable.load(Ordering::Relaxed)
    }

    /// Whether the database answers, for `/health`: what the background probe last found, or on
    /// SQLite a ping given at most `PROBE_LIMIT`. Many asking at once add no load to the database.
    pub async fn answers(&self) -> bool {
        if self.probing {
            !self.is_unreachable()
        } else {
            self.ping().await
        }
    }

    async fn ping(&self) -> bool {
        tokio::time::timeout(PROBE_LIMIT, self.probe.ping())
            .await
            .is_ok_and(|answer| answer.is_ok())
    }

    /// Asks the database now and remembers the answer.
    async fn probe(&self) {
        let reachable = self.ping().await;
        let was_unreachable = self.unreachable.swap(!reachable, Ordering::Relaxed);
        match (was_unreachable, reachable) {
            (false, false) => tracing::error!("the database does not answer"),
            (true, true) => tracing::info!("the database answers again"),
            _ => {}
        }
    }
}

/// The availability of `db`, probed from now on in the background on PostgreSQL (on SQLite, only
/// when `/health` asks). Must be called within the Tokio runtime that serves.
pub fn watch(db: &DatabaseConnection) -> Arc<Availability> {
    if db.get_database_backend() != DbBackend::Postgres {
        return Arc::new(Availability {
            unreachable: AtomicBool::new(false),
            probe: db.clone(),
            probing: false,
        });
    }
    let options = db.get_postgres_connection_pool().connect_options();
    let pool = PgPoolOptions::new()
        .max_connections(1)
        .min_connections(0)
        .acquire_timeout(PROBE_LIMIT)
        .connect_lazy_with((*options).clone());
    let availability = Arc::new(Availability {
        unreachable: AtomicBool::new(false),
        probe: SqlxPostgresConnector::from_sqlx_postgres_pool(pool),
        probing: true,
    });
    let probing = Arc::clone(&availability);
    tokio::spawn(async move {
        loop {
            probing.probe().await;
            tokio::time::sleep(PROBE_EVERY).await;
        }
    });
    availability
}

/// Answers at once that the service is unavailable while the database does not answer.
pub async fn answer_at_once(
    State(availability): State<Arc<Availability>>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path();
    let needs_database = !(path.starts_with("/pkg/") || path == "/health" || path == "/metrics");
    if needs_database && availability.is_unreachable() {
        return refuse_request(AppError::Unavailable, &request);
    }
    next.run(request).await
}
