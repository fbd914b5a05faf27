//! Server-only persistence: the sea-orm entities, the shared application state and the small
//! instance settings store. Domain queries live beside their pages (`plan::queries`, …).

pub mod entities;
pub mod settings;

use axum::extract::FromRef;
use leptos::prelude::{use_context, LeptosOptions};
use sea_orm::DatabaseConnection;

use crate::error::AppError;

/// What every request handler and server function can reach.
#[derive(Clone, Debug)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: DatabaseConnection,
    /// The database holds generated demonstration data (shown as a banner on every page).
    pub demo: bool,
    /// Requests come through a reverse proxy that names the client in `X-Forwarded-For` (and the
    /// host and scheme the client asked for); without it, those headers are removed on arrival.
    pub trust_proxy: bool,
    /// Responses tell browsers to use HTTPS only (`Strict-Transport-Security`).
    pub hsts: bool,
    /// How reminders are sent: SMTP, or the outbox page.
    pub mailer: crate::rounds::reminders::Mailer,
    /// Where writes announce that the plan's figures changed.
    pub changes: std::sync::Arc<dyn crate::live::ChangeFeed>,
    /// The plan's state in memory, for the dashboards.
    pub snapshots: std::sync::Arc<crate::dashboards::snapshot::SnapshotCache>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// The application state of the current request, as provided by the router.
pub fn app_state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("application state missing from the request context");
        AppError::Internal
    })
}

/// The database connection of the current request.
pub fn use_db() -> Result<DatabaseConnection, AppError> {
    app_state().map(|state| state.db)
}
