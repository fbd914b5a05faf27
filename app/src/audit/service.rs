//! Appending to the audit trail. Entries are written only through `record`, which takes the open
//! transaction of the write it describes: the entry commits with the write or not at all. Nothing in
//! Enlace updates or deletes an entry.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, DatabaseTransaction, DbErr};
use serde_json::Value;

use crate::db::entities::audit_entry;

/// Who made a change: a signed-in user, or Enlace itself (start-up, command line, demo data).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Actor {
    User(i32),
    System,
}

impl Actor {
    fn id(self) -> Option<i32> {
        match self {
            Actor::User(id) => Some(id),
            Actor::System => None,
        }
    }
}

/// One change to one record, with its state before and after (`None` for a record that did not exist,
/// or no longer exists). States never hold secrets such as password hashes.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub entity: &'static str,
    pub entity_id: String,
    pub operation: &'static str,
    pub country_id: Option<i32>,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

/// Appends the entry for `change`, made by `actor` at `at`, inside the write's transaction.
pub async fn record(
    txn: &DatabaseTransaction,
    actor: Actor,
    at: DateTime<Utc>,
    change: Change,
) -> Result<(), DbErr> {
    audit_entry::ActiveModel {
        actor_id: Set(actor.id()),
        occurred_at: Set(at),
        entity: Set(change.entity.to_owned()),
        entity_id: Set(change.entity_id),
        operation: Set(change.operation.to_owned()),
        country_id: Set(change.country_id),
        before: Set(change.before),
        after: Set(change.after),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(())
}
