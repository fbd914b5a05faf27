//! Reading rounds, the submission tracker and the outbox for the pages.

use std::collections::HashMap;

use chrono::Utc;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder,
};

use super::rules::{format_reminder_days, owes_submission, parse_reminder_days, Timeliness};
use super::types::{ReminderRow, RoundRow, RoundsView, TrackerRow, TrackerView};
use crate::access::{Permission, Viewer};
use crate::db::codes::decode;
use crate::db::entities::{app_user, country, digest, reminder, reporting_round, submission};
use crate::domain::{Bilingual, SubmissionState};
use crate::error::AppError;
use crate::legislation::queries::{empty_progress, progress_by_country, review_starts};
use crate::plan::queries::require_current_plan;

pub async fn rounds(db: &DatabaseConnection, viewer: &Viewer) -> Result<RoundsView, AppError> {
    let plan = require_current_plan(db).await?;
    let rounds = reporting_round::Entity::find()
        .filter(reporting_round::Column::PlanId.eq(plan.id))
        .order_by_desc(reporting_round::Column::Year)
        .all(db)
        .await?;
    let submissions = submission::Entity::find()
        .filter(submission::Column::RoundId.is_in(rounds.iter().map(|r| r.id)))
        .all(db)
        .await?;
    let rows = rounds
        .into_iter()
        .map(|r| {
            let own: Vec<_> = submissions.iter().filter(|s| s.round_id == r.id).collect();
            let count = |states: &[SubmissionState]| {
                own.iter()
                    .filter(|s| states.iter().any(|state| state.code() == s.state))
                    .count()
            };
            RoundRow {
                year: r.year,
                opens_on: r.opens_on.to_string(),
                due_on: r.due_on.to_string(),
                countries: own.len(),
                submitted: count(&[SubmissionState::Submitted, SubmissionState::Validated]),
                validated: count(&[SubmissionState::Validated]),
            }
        })
        .collect();
    Ok(RoundsView {
        rounds: rows,
        can_open: viewer.may(Permission::Coordinate),
        start_year: plan.start_year,
        end_year: plan.end_year,
    })
}

async fn user_names(db: &DatabaseConnection) -> Result<HashMap<i32, String>, AppError> {
    Ok(app_user::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect())
}

/// When a letter was sent, as the round's log and the outbox show it.
fn sent_at(at: chrono::DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}

fn reminder_row(
    r: reminder::Model,
    countries: &HashMap<i32, Bilingual>,
    names: &HashMap<i32, String>,
) -> ReminderRow {
    ReminderRow {
        at: sent_at(r.created_at),
        country: countries.get(&r.country_id).cloned().unwrap_or_default(),
        rule: r.automatic_rule,
        sent_by: r.sent_by.and_then(|id| names.get(&id).cloned()),
        recipients: r.recipients,
        outcome: r.outcome,
        subject: r.subject,
        body: r.body,
    }
}

async fn country_names(
    db: &DatabaseConnection,
) -> Result<HashMap<i32, (String, Bilingual)>, AppError> {
    Ok(country::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, (c.iso2, Bilingual::new(c.name_en, c.name_es))))
        .collect())
}

/// The round of `year` of the current plan, with the plan; `NotFound` when there is none.
pub async fn round_of_year(
    db: &impl sea_orm::ConnectionTrait,
    year: i32,
) -> Result<(crate::db::entities::plan::Model, reporting_round::Model), AppError> {
    let plan = require_current_plan(db).await?;
    let round = reporting_round::Entity::find()
        .filter(reporting_round::Column::PlanId.eq(plan.id))
        .filter(reporting_round::Column::Year.eq(year))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((plan, round))
}

/// The submission tracker of the round of `year`.
pub async fn tracker(
    db: &DatabaseConnection,
    viewer: &Viewer,
    year: i32,
    smtp: bool,
) -> Result<TrackerView, AppError> {
    let (_, round) = round_of_year(db, year).await?;
    let countries = country_names(db).await?;
    let names = user_names(db).await?;
    let reminders = reminder::Entity::find()
        .filter(reminder::Column::RoundId.eq(round.id))
        .order_by_desc(reminder::Column::Id)
        .all(db)
        .await?;
    let today = Utc::now().date_naive();
    let latest = reporting_round::Entity::find()
        .filter(reporting_round::Column::PlanId.eq(round.plan_id))
        .filter(reporting_round::Column::Year.gt(round.year))
        .count(db)
        .await?
        == 0;
    let mut legislation = progress_by_country(db, review_starts(&round)).await?;
    let no_entry = empty_progress(db).await?;
    let mut rows = submission::Entity::find()
        .filter(submission::Column::RoundId.eq(round.id))
        .all(db)
        .await?
        .into_iter()
        .map(|s| {
            let state = decode(&s.state, SubmissionState::from_code, "submission state")?;
            let (iso2, name) = countries.get(&s.country_id).cloned().unwrap_or_default();
            let submitted_on = s.submitted_at.map(|at| at.date_naive());
            Ok(TrackerRow {
                iso2,
                country: name,
                state,
                submitted_on: submitted_on.map(|d| d.to_string()),
                validated_on: s.validated_at.map(|at| at.date_naive().to_string()),
                timeliness: Timeliness::of(
                    round.due_on,
                    today,
                    submitted_on.filter(|_| !owes_submission(state)),
                ),
                reminders: reminders
                    .iter()
                    .filter(|r| {
                        r.country_id == s.country_id
                            && matches!(r.outcome.as_str(), "sent" | "queued")
                    })
                    .count(),
                legislation: latest.then(|| legislation.remove(&s.country_id).unwrap_or(no_entry)),
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    rows.sort_by(|a, b| a.country.en.cmp(&b.country.en));
    let bilingual: HashMap<i32, Bilingual> = countries
        .into_iter()
        .map(|(id, (_, name))| (id, name))
        .collect();
    let days =
        |text: &str| format_reminder_days(&parse_reminder_days("days", text).unwrap_or_default());
    Ok(TrackerView {
        year: round.year,
        opens_on: round.opens_on.to_string(),
        due_on: round.due_on.to_string(),
        remind_before: days(&round.remind_before_days),
        remind_after: days(&round.remind_after_days),
        rows,
        reminders: reminders
            .into_iter()
            .filter(|r| r.outcome != "superseded")
            .map(|r| reminder_row(r, &bilingual, &names))
            .collect(),
        can_remind: viewer.may(Permission::Coordinate),
        can_edit: viewer.may(Permission::Coordinate),
        can_delete: viewer.may(Permission::Coordinate) && round_is_untouched(db, &round).await?,
        smtp,
    })
}

/// The letters kept in the outbox (no SMTP server was configured), newest first: the reminders and
/// the outlook's monthly digests.
pub async fn outbox(db: &DatabaseConnection) -> Result<Vec<ReminderRow>, AppError> {
    let countries: HashMap<i32, Bilingual> = country_names(db)
        .await?
        .into_iter()
        .map(|(id, (_, name))| (id, name))
        .collect();
    let names = user_names(db).await?;
    let reminders = reminder::Entity::find()
        .filter(reminder::Column::Delivery.eq("outbox"))
        .filter(reminder::Column::Outcome.eq("queued"))
        .order_by_desc(reminder::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.created_at, reminder_row(r, &countries, &names)));
    let digests = digest::Entity::find()
        .filter(digest::Column::Delivery.eq("outbox"))
        .filter(digest::Column::Outcome.eq("queued"))
        .order_by_desc(digest::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|d| {
            let row = ReminderRow {
                at: sent_at(d.created_at),
                country: countries.get(&d.country_id).cloned().unwrap_or_default(),
                rule: None,
                sent_by: None,
                recipients: d.recipients,
                outcome: d.outcome,
                subject: d.subject,
                body: d.body,
            };
            (d.created_at, row)
        });
    let mut letters: Vec<_> = reminders.chain(digests).collect();
    letters.sort_by_key(|(at, _)| std::cmp::Reverse(*at));
    Ok(letters.into_iter().map(|(_, row)| row).collect())
}

/// Whether `round` may still be deleted: no country has started its submission and no
/// reminder has gone out, so nothing anyone did or received depends on it.
pub async fn round_is_untouched(
    db: &impl ConnectionTrait,
    round: &reporting_round::Model,
) -> Result<bool, AppError> {
    let started = submission::Entity::find()
        .filter(submission::Column::RoundId.eq(round.id))
        .filter(submission::Column::State.ne(SubmissionState::NotStarted.code()))
        .count(db)
        .await?;
    let reminded = reminder::Entity::find()
        .filter(reminder::Column::RoundId.eq(round.id))
        .filter(reminder::Column::Outcome.ne("superseded"))
        .count(db)
        .await?;
    Ok(started == 0 && reminded == 0)
}

/// Whether the country's submission for the round of `year` is validated, which locks what the
/// country reported for that year, action statuses included.
pub async fn is_locked(
    db: &impl ConnectionTrait,
    country_id: i32,
    year: i32,
) -> Result<bool, AppError> {
    let Some(plan) = crate::plan::queries::current_plan(db).await? else {
        return Ok(false);
    };
    let Some(round) = reporting_round::Entity::find()
        .filter(reporting_round::Column::PlanId.eq(plan.id))
        .filter(reporting_round::Column::Year.eq(year))
        .one(db)
        .await?
    else {
        return Ok(false);
    };
    let validated = submission::Entity::find()
        .filter(submission::Column::RoundId.eq(round.id))
        .filter(submission::Column::CountryId.eq(country_id))
        .filter(submission::Column::State.eq(SubmissionState::Validated.code()))
        .one(db)
        .await?;
    Ok(validated.is_some())
}
