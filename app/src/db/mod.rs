//! Server-only persistence: the sea-orm entities and the small instance settings store. Reads and
//! writes live in each domain's `queries.rs` and `service.rs`; what every one of them decodes from a
//! stored code is in `codes`.

pub mod codes;
pub mod entities;
pub mod settings;

use sea_orm::DatabaseConnection;

use crate::error::AppError;

/// The database connection of the current request.
pub fn use_db() -> Result<DatabaseConnection, AppError> {
    crate::context::required()
}
