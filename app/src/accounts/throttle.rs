//! Sign-in throttling, by what a guesser can and cannot vary. Attempts are kept in the database, so
//! that every app server counts the same ones; each counts as failed from the moment it is heard
//! until its password proves right, so that attempts sent at once cannot each pass while the others
//! are checked. Attempts refused by the throttle are not recorded, so that waiting is always enough.
//!
//! - **An account from one address** (`PAIR_LIMIT` failures in `WINDOW`): that address may not try
//!   that account again until the oldest failure leaves the window. Someone who mistypes their own
//!   password is the only one held back.
//! - **An address** (`ADDRESS_LIMIT` failures in `WINDOW`, any accounts): refused for every account,
//!   so that one address cannot try many accounts; high enough that a ministry behind one address is
//!   not locked out by a few colleagues' mistakes.
//! - **An account from anywhere** (from its `ACCOUNT_FREE`th failure since its last sign-in): each
//!   attempt waits a delay that doubles with every failure, from `FIRST_DELAY` up to `LONGEST_DELAY`,
//!   so that guessers spread over many addresses get a few guesses an hour. An address the account
//!   signed in from within the last day does not wait: a guesser cannot keep the owner out.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbErr,
    EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

use crate::db::entities::sign_in_attempt;

pub const WINDOW: Duration = Duration::minutes(15);
pub const PAIR_LIMIT: usize = 5;
pub const ADDRESS_LIMIT: usize = 50;
pub const ACCOUNT_FREE: usize = 5;
pub const FIRST_DELAY: Duration = Duration::seconds(15);
pub const LONGEST_DELAY: Duration = Duration::minutes(15);
/// Attempts older than this are of no use to the throttle and are removed.
const KEEP: Duration = Duration::days(1);

/// The failed sign-ins that bear on an attempt, each list oldest first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Failures {
    /// Of this account from this address, within `WINDOW`.
    pub pair: Vec<DateTime<Utc>>,
    /// From this address, any account, within `WINDOW`.
    pub address: Vec<DateTime<Utc>>,
    /// Of this account from any address, since its last successful sign-in (within `KEEP`).
    pub account: Vec<DateTime<Utc>>,
    /// The account signed in from this address within `KEEP`.
    pub known_address: bool,
}

impl Failures {
    /// How long the attempt made at `now` must wait; `None` when it may go ahead.
    pub fn wait(&self, now: DateTime<Utc>) -> Option<Duration> {
        // With `limit` failures or more in the window, the attempt waits until enough have left it.
        let window_wait = |times: &[DateTime<Utc>], limit: usize| {
            let oldest_counted = times.len().checked_sub(limit).map(|index| times[index])?;
            Some(oldest_counted + WINDOW - now)
        };
        let account_wait = self
            .account
            .len()
            .checked_sub(ACCOUNT_FREE)
            .filter(|_| !self.known_address)
            .and_then(|beyond| {
                let doublings = u32::try_from(beyond).unwrap_or(u32::MAX).min(16);
                let delay = (FIRST_DELAY * 2_i32.pow(doublings)).min(LONGEST_DELAY);
                Some(*self.account.last()? + delay - now)
            });
        [
            window_wait(&self.pair, PAIR_LIMIT),
            window_wait(&self.address, ADDRESS_LIMIT),
            account_wait,
        ]
        .into_iter()
        .flatten()
        .filter(|wait| *wait > Duration::zero())
        .max()
    }
}

/// The failures that bear on an attempt for `email` from `address` at `now`.
pub async fn failures(
    db: &impl ConnectionTrait,
    email: &str,
    address: &str,
    now: DateTime<Utc>,
) -> Result<Failures, DbErr> {
    let window_start = now - WINDOW;
    let last_success = sign_in_attempt::Entity::find()
        .filter(sign_in_attempt::Column::Email.eq(email))
        .filter(sign_in_attempt::Column::Succeeded.eq(true))
        .order_by_desc(sign_in_attempt::Column::AttemptedAt)
        .one(db)
        .await?
        .map(|attempt| attempt.attempted_at);
    let times = |condition: Condition, since: DateTime<Utc>| async move {
        sign_in_attempt::Entity::find()
            .select_only()
            .column(sign_in_attempt::Column::AttemptedAt)
            .filter(condition)
            .filter(sign_in_attempt::Column::Succeeded.eq(false))
            .filter(sign_in_attempt::Column::AttemptedAt.gt(since))
            .order_by_asc(sign_in_attempt::Column::AttemptedAt)
            .into_tuple::<DateTime<Utc>>()
            .all(db)
            .await
    };
    let by_email = Condition::all().add(sign_in_attempt::Column::Email.eq(email));
    let by_address = Condition::all().add(sign_in_attempt::Column::ClientAddress.eq(address));
    let account_since = last_success.map_or(now - KEEP, |success| success.max(now - KEEP));
    let known_address = sign_in_attempt::Entity::find()
        .filter(by_email.clone().add(by_address.clone()))
        .filter(sign_in_attempt::Column::Succeeded.eq(true))
        .filter(sign_in_attempt::Column::AttemptedAt.gt(now - KEEP))
        .one(db)
        .await?
        .is_some();
    Ok(Failures {
        pair: times(by_email.clone().add(by_address.clone()), window_start).await?,
        address: times(by_address, window_start).await?,
        account: times(by_email, account_since).await?,
        known_address,
    })
}

/// Records an attempt the throttle let through, as failed until `succeeded` says otherwise, and
/// forgets attempts older than a day. Returns the attempt's id.
pub async fn record(
    db: &impl ConnectionTrait,
    email: &str,
    address: &str,
    now: DateTime<Utc>,
) -> Result<i32, DbErr> {
    let attempt = sign_in_attempt::ActiveModel {
        email: Set(email.to_owned()),
        client_address: Set(address.to_owned()),
        succeeded: Set(false),
        attempted_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    sign_in_attempt::Entity::delete_many()
        .filter(Condition::all().add(sign_in_attempt::Column::AttemptedAt.lt(now - KEEP)))
        .exec(db)
        .await?;
    Ok(attempt.id)
}

/// Marks the attempt `id` as a successful sign-in.
pub async fn succeeded(db: &impl ConnectionTrait, id: i32) -> Result<(), DbErr> {
    sign_in_attempt::Entity::update_many()
        .col_expr(
            sign_in_attempt::Column::Succeeded,
            sea_orm::sea_query::Expr::value(true),
        )
        .filter(sign_in_attempt::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(minute: i64, second: i64) -> DateTime<Utc> {
        "2026-12-01T10:00:00Z".parse::<DateTime<Utc>>().unwrap()
            + Duration::minutes(minute)
            + Duration::seconds(second)
    }

    fn seconds(wait: Option<Duration>) -> Option<i64> {
        wait.map(|wait| wait.num_seconds())
    }

    #[test]
    fn five_failures_of_one_account_from_one_address_wait_for_the_window() {
        let mut failures = Failures::default();
        for minute in 0..4 {
            failures.pair.push(at(minute, 0));
        }
        failures.address = failures.pair.clone();
        failures.account = failures.pair.clone();
        assert_eq!(failures.wait(at(4, 0)), None, "four failures: go ahead");
        failures.pair.push(at(4, 0));
        failures.address.push(at(4, 0));
        failures.account.push(at(4, 0));
        // The first of the five leaves the window at 10:15.
        assert_eq!(seconds(failures.wait(at(5, 0))), Some(10 * 60));
        assert_eq!(failures.wait(at(15, 0)), None);
    }

    #[test]
    fn an_office_behind_one_address_is_held_back_only_at_fifty_failures() {
        let failures = Failures {
            address: (0..49).map(|second| at(0, second)).collect(),
            ..Failures::default()
        };
        assert_eq!(failures.wait(at(1, 0)), None, "49 failures of colleagues");
        let failures = Failures {
            address: (0..50).map(|second| at(0, second)).collect(),
            ..Failures::default()
        };
        assert_eq!(seconds(failures.wait(at(1, 0))), Some(14 * 60));
    }

    #[test]
    fn an_address_the_account_signed_in_from_does_not_wait_for_the_account() {
        let failures = Failures {
            account: (0..12).map(|n| at(0, n)).collect(),
            known_address: true,
            ..Failures::default()
        };
        assert_eq!(failures.wait(at(0, 12)), None);
    }

    #[test]
    fn an_account_guessed_from_many_addresses_waits_longer_at_each_failure() {
        let waits: Vec<Option<i64>> = (4..=14)
            .map(|count| {
                let failures = Failures {
                    account: (0..count).map(|n| at(0, n)).collect(),
                    ..Failures::default()
                };
                let last = at(0, count - 1);
                seconds(failures.wait(last))
            })
            .collect();
        assert_eq!(
            waits,
            [
                None,
                Some(15),
                Some(30),
                Some(60),
                Some(120),
                Some(240),
                Some(480),
                Some(900),
                Some(900),
                Some(900),
                Some(900)
            ]
        );
    }
}
