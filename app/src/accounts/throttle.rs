//! Sign-in throttling: after `LIMIT` failed sign-ins within `WINDOW`, for one account or from one
//! address, further attempts are refused until the oldest failure leaves the window. Attempts are kept
//! in the database so that every app server counts the same failures.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbErr,
    EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
};

use crate::db::entities::sign_in_attempt;

pub const LIMIT: u64 = 5;
pub const WINDOW: Duration = Duration::minutes(15);
/// Attempts older than this are of no use to the throttle and are removed.
const KEEP: Duration = Duration::days(1);

/// Whether another attempt for `email` from `address` must be refused now. An account's failures
/// count since its last successful sign-in; an address's failures all count.
pub async fn is_blocked(
    db: &impl ConnectionTrait,
    email: &str,
    address: &str,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let window_start = now - WINDOW;
    let last_success = sign_in_attempt::Entity::find()
        .filter(sign_in_attempt::Column::Email.eq(email))
        .filter(sign_in_attempt::Column::Succeeded.eq(true))
        .filter(sign_in_attempt::Column::AttemptedAt.gt(window_start))
        .order_by_desc(sign_in_attempt::Column::AttemptedAt)
        .one(db)
        .await?
        .map(|attempt| attempt.attempted_at);
    let account_failures = sign_in_attempt::Entity::find()
        .filter(sign_in_attempt::Column::Email.eq(email))
        .filter(sign_in_attempt::Column::Succeeded.eq(false))
        .filter(sign_in_attempt::Column::AttemptedAt.gt(last_success.unwrap_or(window_start)))
        .count(db)
        .await?;
    if account_failures >= LIMIT {
        return Ok(true);
    }
    let address_failures = sign_in_attempt::Entity::find()
        .filter(sign_in_attempt::Column::ClientAddress.eq(address))
        .filter(sign_in_attempt::Column::Succeeded.eq(false))
        .filter(sign_in_attempt::Column::AttemptedAt.gt(window_start))
        .count(db)
        .await?;
    Ok(address_failures >= LIMIT)
}

/// Records an attempt that was checked (refused attempts are not recorded, so a blocked account
/// opens again when its window has passed), and forgets attempts older than a day.
pub async fn record(
    db: &impl ConnectionTrait,
    email: &str,
    address: &str,
    succeeded: bool,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    sign_in_attempt::ActiveModel {
        email: Set(email.to_owned()),
        client_address: Set(address.to_owned()),
        succeeded: Set(succeeded),
        attempted_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    sign_in_attempt::Entity::delete_many()
        .filter(Condition::all().add(sign_in_attempt::Column::AttemptedAt.lt(now - KEEP)))
        .exec(db)
        .await?;
    Ok(())
}
