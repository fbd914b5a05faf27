//! The monthly digest of a country's outlook, by email to its focal points who asked for it (on
//! their account page): where the country will stand at the plan's end at its pace and what is
//! slipping. Each country's digest of a month is claimed in `digest` before it leaves, so that it
//! goes once, even across restarts and several app servers; without an SMTP server it waits in
//! the outbox, as reminders do.

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, Datelike, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, TransactionTrait,
};
use serde_json::json;

use super::queries::outlook_view;
use super::rules::digest_text;
use crate::audit::service::{self as audit, Actor, Change};
use crate::dashboards::snapshot::Snapshot;
use crate::db::entities::{app_user, country, digest};
use crate::domain::Role;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::mail::{Letter, Mailer};

/// Sends the digests of `now`'s month (UTC) not sent yet: one to each member country with active
/// focal points who asked for it, while the plan runs. Returns the digests sent.
pub async fn send_due_digests(
    db: &DatabaseConnection,
    mailer: &Mailer,
    now: DateTime<Utc>,
) -> Result<Vec<digest::Model>, AppError> {
    let today = now.date_naive();
    let runs = crate::plan::queries::current_plan(db)
        .await?
        .is_some_and(|plan| (plan.start_year..=plan.end_year).contains(&today.year()));
    if !runs {
        return Ok(Vec::new());
    }
    let month = now.format("%Y-%m").to_string();
    let waiting = subscribers_without_digest(db, &month).await?;
    // The plan's state is read only when a digest is due: the check runs every few minutes.
    if waiting.is_empty() {
        return Ok(Vec::new());
    }
    let snapshot = Snapshot::load(db).await?;
    if today < snapshot.plan_start || today > snapshot.plan_end {
        return Ok(Vec::new());
    }
    let countries = country::Entity::find()
        .filter(country::Column::Id.is_in(waiting.keys().copied()))
        .order_by_asc(country::Column::Iso2)
        .all(db)
        .await?;
    let mut sent = Vec::new();
    for country in countries {
        let (Some(to), Some(_)) = (waiting.get(&country.id), snapshot.member(&country.iso2)) else {
            continue;
        };
        let view = outlook_view(&snapshot, Some(&country.iso2), None, today);
        let link = mailer.link(&crate::urls::outlook_path(&country.iso2));
        let primary = Lang::from_tag(&country.language).unwrap_or(Lang::Es);
        let letter = Letter::bilingual(primary, |lang| digest_text(&view, link.as_deref(), lang));
        let outgoing = Outgoing {
            country,
            month: month.clone(),
            to: to.clone(),
            letter,
        };
        if let Some(claimed) = claim(db, mailer, &outgoing, now).await? {
            sent.push(deliver(db, mailer, &outgoing, claimed).await?);
        }
    }
    Ok(sent)
}

/// The addresses of the active focal points who asked for the digest, by country, for the
/// countries that have not had the digest of `month` yet.
async fn subscribers_without_digest(
    db: &DatabaseConnection,
    month: &str,
) -> Result<BTreeMap<i32, Vec<String>>, AppError> {
    let done: HashSet<i32> = digest::Entity::find()
        .filter(digest::Column::Month.eq(month))
        .all(db)
        .await?
        .into_iter()
        .map(|d| d.country_id)
        .collect();
    let mut waiting: BTreeMap<i32, Vec<String>> = BTreeMap::new();
    for user in app_user::Entity::find()
        .filter(app_user::Column::Role.eq(Role::FocalPoint.code()))
        .filter(app_user::Column::Active.eq(true))
        .filter(app_user::Column::MonthlyDigest.eq(true))
        .order_by_asc(app_user::Column::Email)
        .all(db)
        .await?
    {
        if let Some(country_id) = user.country_id.filter(|id| !done.contains(id)) {
            waiting.entry(country_id).or_default().push(user.email);
        }
    }
    Ok(waiting)
}

/// A digest ready to go: the country it is about, the month, its recipients and its letter.
struct Outgoing {
    country: country::Model,
    month: String,
    to: Vec<String>,
    letter: Letter,
}

/// Records the digest, with its audit entry, in a transaction of its own, committed before the
/// message leaves; `Ok(None)` when another server claimed the country's digest of the month first.
async fn claim(
    db: &DatabaseConnection,
    mailer: &Mailer,
    outgoing: &Outgoing,
    now: DateTime<Utc>,
) -> Result<Option<digest::Model>, AppError> {
    let txn = db.begin().await?;
    let inserted = digest::ActiveModel {
        country_id: Set(outgoing.country.id),
        month: Set(outgoing.month.clone()),
        created_at: Set(now),
        recipients: Set(outgoing.to.join(", ")),
        language: Set(outgoing.letter.language.code().to_owned()),
        subject: Set(outgoing.letter.subject.clone()),
        body: Set(outgoing.letter.body.clone()),
        delivery: Set(mailer.delivery().to_owned()),
        outcome: Set("sending".to_owned()),
        error: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await;
    let claimed = match inserted {
        Ok(claimed) => claimed,
        Err(error) if crate::error::is_unique_violation(&error) => {
            txn.rollback().await?;
            return Ok(None);
        }
        Err(error) => return Err(error.into()),
    };
    audit::record(
        &txn,
        Actor::System,
        now,
        Change {
            entity: "digest",
            entity_id: claimed.id.to_string(),
            operation: "automatic",
            country_id: Some(outgoing.country.id),
            before: None,
            after: Some(json!({
                "month": outgoing.month,
                "recipients": outgoing.to,
                "delivery": mailer.delivery(),
            })),
        },
    )
    .await?;
    crate::live::commit(txn, crate::live::Change::Elsewhere).await?;
    Ok(Some(claimed))
}

/// Sends the claimed digest and writes its outcome: sent, queued in the outbox, or failed.
async fn deliver(
    db: &DatabaseConnection,
    mailer: &Mailer,
    outgoing: &Outgoing,
    claimed: digest::Model,
) -> Result<digest::Model, AppError> {
    let (outcome, error) = mailer.dispatch(&outgoing.to, &outgoing.letter).await;
    if let Some(error) = &error {
        tracing::error!(%error, country = %outgoing.country.iso2, "digest not sent");
    }
    metrics::counter!("enlace_digests_total", "outcome" => outcome).increment(1);
    let mut active: digest::ActiveModel = claimed.into();
    active.outcome = Set(outcome.to_owned());
    active.error = Set(error);
    Ok(active.update(db).await?)
}

/// Sends the digests that are due, now and then every `every`, for as long as the server runs, by
/// the time `clock` tells (the server's is `Utc::now`).
pub async fn send_digests_every(
    db: DatabaseConnection,
    mailer: Mailer,
    every: std::time::Duration,
    clock: fn() -> DateTime<Utc>,
) {
    crate::mail::send_every("digests", every, clock, move |now| {
        let (db, mailer) = (db.clone(), mailer.clone());
        async move { send_due_digests(&db, &mailer, now).await }
    })
    .await
}
