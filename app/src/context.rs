//! What the server puts in every request's context, each piece read where it is needed: the
//! database (`db::use_db`), the change feed (`live`), the dashboards' snapshot memory
//! (`dashboards::snapshot`), the mailer (`rounds::reminders`) and whether the data is a
//! demonstration (`db::settings::DemoData`). The server's `AppState` provides them; nothing in this
//! crate knows the whole, so no module depends on every other one.

use leptos::prelude::use_context;

use crate::error::AppError;

/// A piece of the server's state from the current request's context. Missing, it is the server's
/// fault: logged, and an internal error for the user.
pub fn required<T: Clone + Send + Sync + 'static>() -> Result<T, AppError> {
    use_context::<T>().ok_or_else(|| {
        tracing::error!(
            piece = std::any::type_name::<T>(),
            "server state missing from the request context"
        );
        AppError::Internal
    })
}
