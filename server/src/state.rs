//! What every route and server function of one app server shares. The server functions and pages
//! read each piece from the request's context (`app::context`); the routes outside them take the
//! whole state.

use std::sync::Arc;

use axum::extract::FromRef;
use leptos::prelude::{provide_context, LeptosOptions};
use sea_orm::DatabaseConnection;

use crate::availability::Availability;
use crate::events::Closing;
use crate::metrics::MetricsAccess;
use app::dashboards::snapshot::SnapshotCache;
use app::db::settings::DemoData;
use app::live::SharedFeed;
use app::mail::Mailer;

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
    pub mailer: Mailer,
    /// Where writes announce that the plan's figures changed.
    pub changes: SharedFeed,
    /// The plan's state in memory, for the dashboards.
    pub snapshots: Arc<SnapshotCache>,
    /// Whether the database answers.
    pub availability: Arc<Availability>,
    /// Who may read `/metrics`.
    pub metrics_access: MetricsAccess,
    /// Tells the event streams that the server is shutting down.
    pub closing: Closing,
}

impl AppState {
    /// Puts the pieces pages and server functions read into the current request's context.
    pub fn provide_context(&self) {
        provide_context(self.db.clone());
        provide_context(DemoData(self.demo));
        provide_context(self.mailer.clone());
        provide_context(self.changes.clone());
        provide_context(self.snapshots.clone());
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
