//! Server-only persistence: the sea-orm entities and the small instance settings store. Reads and
//! writes live in each domain's `queries.rs` and `service.rs`; what every one of them decodes from a
//! stored code is in `codes`, and the lookups of countries every domain makes in `countries`.

pub mod codes;
pub mod countries;
pub mod entities;
pub mod settings;

use sea_orm::{
    AccessMode, ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr,
    IsolationLevel, TransactionTrait,
};

use crate::error::AppError;

/// The database connection of the current request.
pub fn use_db() -> Result<DatabaseConnection, AppError> {
    crate::context::required()
}

/// A read-only transaction that sees the database as it stood when it began, so that a write
/// committed while several tables are read is either wholly seen or not at all. (SQLite gives a
/// transaction that view by itself.) Ended with `rollback`: it writes nothing.
pub async fn read_at_once(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    match db.get_database_backend() {
        DbBackend::Postgres => {
            db.begin_with_config(
                Some(IsolationLevel::RepeatableRead),
                Some(AccessMode::ReadOnly),
            )
            .await
        }
        _ => db.begin().await,
    }
}
