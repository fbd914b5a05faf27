//! Running a reporting round: opening it for a year, and the steps of each country's submission
//! (submit, return, validate, reopen), each in one transaction with one audit entry. A submission
//! carries a version, so that a step or a save made on a page loaded before someone else's change
//! is refused with who made that change, never applied over it.

use chrono::{DateTime, Utc};
use sea_orm::{
    sea_query::Expr, ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait,
    DatabaseConnection, DatabaseTransaction, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    TransactionTrait,
};
use serde_json::json;

use super::rules::{format_reminder_days, round_date_problems, Step};
use super::types::RoundSettings;
use crate::access::{Permission, Viewer};
use crate::audit::service::{self as audit, Actor, Change};
use crate::db::codes::decode;
use crate::db::entities::{
    app_user, audit_entry, country, indicator_value, plan, reminder, reporting_round, submission,
};
use crate::domain::SubmissionState;
use crate::error::{AppError, Conflict, Problem};

/// Audit entity names: a step of a submission, and a save of a country's values for a round.
pub const SUBMISSION_ENTITY: &str = "submission";
pub const VALUES_ENTITY: &str = "indicator_values";

/// The longest reason the secretariat can give for returning or reopening a submission.
pub const MAX_REASON: usize = 2000;

/// Opens the reporting round of `round.year` for the current plan, with a submission for every
/// member country. Returns the round's id.
pub async fn open_round(
    db: &DatabaseConnection,
    viewer: &Viewer,
    round: &RoundSettings,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    if !viewer.may(Permission::Coordinate) {
        return Err(AppError::Forbidden);
    }
    let plan = crate::plan::queries::require_current_plan(db).await?;
    check_new_round(db, &plan, round).await?;

    let members = crate::db::countries::member_countries(db).await?;
    let txn = db.begin().await?;
    let inserted = reporting_round::ActiveModel {
        plan_id: Set(plan.id),
        year: Set(round.year),
        opens_on: Set(round.opens_on),
        due_on: Set(round.due_on),
        state: Set("open".to_owned()),
        remind_before_days: Set(format_reminder_days(&round.remind_before_days)),
        remind_after_days: Set(format_reminder_days(&round.remind_after_days)),
        ..Default::default()
    }
    .insert(&txn)
    .await;
    let saved = match inserted {
        Ok(saved) => saved,
        // Two secretariat members opening the same year at once: the unique index decides.
        Err(error)
            if matches!(
                error.sql_err(),
                Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
            ) =>
        {
            txn.rollback().await?;
            return Err(Problem::new("year", "problem-round-exists").into());
        }
        Err(error) => return Err(error.into()),
    };
    open_submissions(&txn, saved.id, &members, now).await?;
    audit::record(
        &txn,
        Actor::User(viewer.user_id),
        now,
        Change {
            entity: "reporting_round",
            entity_id: saved.id.to_string(),
            operation: "open",
            country_id: None,
            before: None,
            after: Some(json!({
                "year": round.year,
                "opens_on": round.opens_on.to_string(),
                "due_on": round.due_on.to_string(),
                "remind_before_days": round.remind_before_days,
                "remind_after_days": round.remind_after_days,
                "countries": members.len(),
            })),
        },
    )
    .await?;
    crate::live::commit(txn, crate::live::Change::Stored).await?;
    Ok(saved.id)
}

/// Refuses a round of a year outside `plan`'s years or that already has a round, or with dates
/// `round_date_problems` refuses: every problem at once.
async fn check_new_round(
    db: &DatabaseConnection,
    plan: &plan::Model,
    round: &RoundSettings,
) -> Result<(), AppError> {
    let mut problems = Vec::new();
    if !(plan.start_year..=plan.end_year).contains(&round.year) {
        problems.push(Problem::new("year", "problem-year-outside-plan"));
    }
    problems.extend(round_date_problems(
        round.opens_on,
        round.due_on,
        (plan.start_year, plan.end_year),
    ));
    let existing = reporting_round::Entity::find()
        .filter(reporting_round::Column::PlanId.eq(plan.id))
        .filter(reporting_round::Column::Year.eq(round.year))
        .one(db)
        .await?;
    if existing.is_some() {
        problems.push(Problem::new("year", "problem-round-exists"));
    }
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems));
    }
    Ok(())
}

/// A submission not started, at version 0, for each of `members` in the round `round_id`, in `txn`.
async fn open_submissions(
    txn: &DatabaseTransaction,
    round_id: i32,
    members: &[country::Model],
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    for member in members {
        submission::ActiveModel {
            round_id: Set(round_id),
            country_id: Set(member.id),
            state: Set(SubmissionState::NotStarted.code().to_owned()),
            updated_at: Set(now),
            version: Set(0),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}

/// A round as the audit trail records it.
fn audited_round(round: &reporting_round::Model) -> serde_json::Value {
    json!({
        "year": round.year,
        "opens_on": round.opens_on.to_string(),
        "due_on": round.due_on.to_string(),
        "remind_before_days": round.remind_before_days,
        "remind_after_days": round.remind_after_days,
    })
}

/// Corrects the dates and reminder days of the round of `change.year`. Reminders already sent stay
/// recorded, so a rule whose day comes again after the change does not fire twice.
pub async fn update_round(
    db: &DatabaseConnection,
    viewer: &Viewer,
    change: &RoundSettings,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    if !viewer.may(Permission::Coordinate) {
        return Err(AppError::Forbidden);
    }
    let txn = db.begin().await?;
    let (plan, round) = super::queries::round_of_year(&txn, change.year).await?;
    let problems = round_date_problems(
        change.opens_on,
        change.due_on,
        (plan.start_year, plan.end_year),
    );
    if !problems.is_empty() {
        txn.rollback().await?;
        return Err(AppError::Invalid(problems));
    }
    let mut update: reporting_round::ActiveModel = round.clone().into();
    update.opens_on = Set(change.opens_on);
    update.due_on = Set(change.due_on);
    update.remind_before_days = Set(format_reminder_days(&change.remind_before_days));
    update.remind_after_days = Set(format_reminder_days(&change.remind_after_days));
    let updated = update.update(&txn).await?;
    audit::record(
        &txn,
        Actor::User(viewer.user_id),
        now,
        Change {
            entity: "reporting_round",
            entity_id: round.id.to_string(),
            operation: "update",
            country_id: None,
            before: Some(audited_round(&round)),
            after: Some(audited_round(&updated)),
        },
    )
    .await?;
    crate::live::commit(txn, crate::live::Change::Stored).await?;
    Ok(())
}

/// Deletes the round of `year` opened by mistake, with its (untouched) submissions and the records
/// of reminders never sent; a round a country has started, or that has reminded anyone, is kept.
pub async fn delete_round(
    db: &DatabaseConnection,
    viewer: &Viewer,
    year: i32,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    if !viewer.may(Permission::Coordinate) {
        return Err(AppError::Forbidden);
    }
    let (_, round) = super::queries::round_of_year(db, year).await?;
    let in_use = || AppError::from(Problem::new("year", "problem-round-in-use"));
    if !super::queries::round_is_untouched(db, &round).await? {
        return Err(in_use());
    }
    // Only what is untouched is deleted, and the round only when nothing else is left: a
    // submission started or a reminder sent meanwhile keeps the round, whatever the timing.
    let txn = db.begin().await?;
    reminder::Entity::delete_many()
        .filter(reminder::Column::RoundId.eq(round.id))
        .filter(reminder::Column::Outcome.eq("superseded"))
        .exec(&txn)
        .await?;
    let submissions = submission::Entity::delete_many()
        .filter(submission::Column::RoundId.eq(round.id))
        .filter(submission::Column::State.eq(SubmissionState::NotStarted.code()))
        .exec(&txn)
        .await?;
    let left = submission::Entity::find()
        .filter(submission::Column::RoundId.eq(round.id))
        .count(&txn)
        .await?
        + reminder::Entity::find()
            .filter(reminder::Column::RoundId.eq(round.id))
            .count(&txn)
            .await?;
    if left > 0 {
        txn.rollback().await?;
        return Err(in_use());
    }
    reporting_round::Entity::delete_by_id(round.id)
        .exec(&txn)
        .await?;
    let mut before = audited_round(&round);
    before["submissions"] = json!(submissions.rows_affected);
    audit::record(
        &txn,
        Actor::User(viewer.user_id),
        now,
        Change {
            entity: "reporting_round",
            entity_id: round.id.to_string(),
            operation: "delete",
            country_id: None,
            before: Some(before),
            after: None,
        },
    )
    .await?;
    crate::live::commit(txn, crate::live::Change::Stored).await?;
    Ok(())
}

/// A member country's submission in the round of `year` of the current plan, with the round and
/// the country; `NotFound` for an unknown country, a problem naming the year when it has no round.
pub struct SubmissionContext {
    pub plan: plan::Model,
    pub round: reporting_round::Model,
    pub country: country::Model,
    pub submission: submission::Model,
}

impl SubmissionContext {
    pub fn state(&self) -> Result<SubmissionState, AppError> {
        decode(
            &self.submission.state,
            SubmissionState::from_code,
            "submission state",
        )
    }
}

pub async fn submission_context(
    db: &impl ConnectionTrait,
    iso2: &str,
    year: i32,
) -> Result<SubmissionContext, AppError> {
    let country = crate::db::countries::member_country(db, iso2)
        .await?
        .ok_or(AppError::NotFound)?;
    let plan = crate::plan::queries::require_current_plan(db).await?;
    if !(plan.start_year..=plan.end_year).contains(&year) {
        return Err(Problem::new("year", "problem-year-outside-plan").into());
    }
    let round = reporting_round::Entity::find()
        .filter(reporting_round::Column::PlanId.eq(plan.id))
        .filter(reporting_round::Column::Year.eq(year))
        .one(db)
        .await?
        .ok_or_else(|| AppError::from(Problem::new("year", "problem-no-round")))?;
    let submission = submission::Entity::find()
        .filter(submission::Column::RoundId.eq(round.id))
        .filter(submission::Column::CountryId.eq(country.id))
        .one(db)
        .await?
        .ok_or(AppError::Internal)?;
    Ok(SubmissionContext {
        plan,
        round,
        country,
        submission,
    })
}

/// Moves the country's submission of `version` from its state to the next, as the current state
/// allows, and marks its values with the new state. The version in the update's condition makes
/// this the one change of that version that wins: `None` when another change took the version first.
pub async fn claim_step(
    txn: &DatabaseTransaction,
    context: &SubmissionContext,
    step: Step,
    version: i32,
    viewer: &Viewer,
    reason: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Option<SubmissionState>, AppError> {
    let from = context.state()?;
    let to = step
        .from_state(from)
        .ok_or_else(|| AppError::from(Problem::new("state", step.refused_key())))?;
    let mut update = submission::Entity::update_many()
        .col_expr(submission::Column::State, Expr::value(to.code()))
        .col_expr(submission::Column::Version, Expr::value(version + 1))
        .col_expr(submission::Column::UpdatedAt, Expr::value(now));
    match step {
        Step::Submit => {
            update = update
                .col_expr(submission::Column::SubmittedAt, Expr::value(now))
                .col_expr(submission::Column::SubmittedBy, Expr::value(viewer.user_id));
        }
        Step::Validate => {
            update = update
                .col_expr(submission::Column::ValidatedAt, Expr::value(now))
                .col_expr(submission::Column::ValidatedBy, Expr::value(viewer.user_id));
        }
        Step::Return | Step::Reopen => {
            update = update
                .col_expr(submission::Column::ReturnReason, Expr::value(reason))
                .col_expr(
                    submission::Column::ValidatedAt,
                    Expr::value(Option::<DateTime<Utc>>::None),
                )
                .col_expr(
                    submission::Column::ValidatedBy,
                    Expr::value(Option::<i32>::None),
                );
        }
        Step::Save => {}
    }
    let claimed = update
        .filter(submission::Column::Id.eq(context.submission.id))
        .filter(submission::Column::Version.eq(version))
        .exec(txn)
        .await?;
    if claimed.rows_affected == 0 {
        return Ok(None);
    }
    if step != Step::Save {
        indicator_value::Entity::update_many()
            .col_expr(indicator_value::Column::State, Expr::value(to.code()))
            .filter(indicator_value::Column::CountryId.eq(context.country.id))
            .filter(indicator_value::Column::Year.eq(context.round.year))
            .exec(txn)
            .await?;
    }
    Ok(Some(to))
}

/// A step asked for on a country's submission in the round of a year, loaded at `version`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StepRequest {
    pub country: String,
    pub year: i32,
    pub step: Step,
    pub version: i32,
    /// Why, for a return or a reopening; ignored otherwise.
    pub reason: String,
}

/// Takes the step of `request` (submit, return, validate or reopen). Return and reopen need a
/// reason, which the country sees until it submits again.
pub async fn take_step(
    db: &DatabaseConnection,
    viewer: &Viewer,
    request: &StepRequest,
    now: DateTime<Utc>,
) -> Result<SubmissionState, AppError> {
    let StepRequest {
        country: iso2,
        year,
        step,
        version,
        reason,
    } = request;
    let (year, step, version) = (*year, *step, *version);
    if step == Step::Save {
        return Err(Problem::new("step", "problem-step-unknown").into());
    }
    let context = submission_context(db, iso2, year).await?;
    if !viewer.may(step.permission(context.country.id)) {
        tracing::warn!(
            user = viewer.user_id,
            step = step.code(),
            "submission step refused by the access policy"
        );
        return Err(AppError::Forbidden);
    }
    let reason = reason.trim();
    let reason = if step.needs_reason() {
        if reason.is_empty() {
            return Err(Problem::new("reason", "problem-reason-required").into());
        }
        if reason.chars().count() > MAX_REASON {
            return Err(Problem::with_limit(
                "reason",
                "problem-reason-too-long",
                MAX_REASON as u32,
            )
            .into());
        }
        if crate::text::has_hidden_characters(reason) {
            return Err(Problem::new("reason", "problem-reason-control").into());
        }
        Some(reason)
    } else {
        None
    };
    if context.submission.version != version {
        return Err(conflict(db, &context).await?);
    }
    let before = context.state()?;
    let txn = db.begin().await?;
    let Some(after) = claim_step(&txn, &context, step, version, viewer, reason, now).await? else {
        txn.rollback().await?;
        let fresh = submission_context(db, iso2, year).await?;
        return Err(conflict(db, &fresh).await?);
    };
    let derived = keep_legislation(&txn, &context, step, after, viewer, now).await?;
    audit::record(
        &txn,
        Actor::User(viewer.user_id),
        now,
        Change {
            entity: SUBMISSION_ENTITY,
            entity_id: context.submission.id.to_string(),
            operation: step.code(),
            country_id: Some(context.country.id),
            before: Some(json!({ "state": before.code(), "version": version })),
            after: Some(json!({
                "state": after.code(),
                "version": version + 1,
                "year": year,
                "reason": reason,
                "derived_values": derived,
            })),
        },
    )
    .await?;
    // Validating or reopening changes which values count.
    let change = if matches!(step, Step::Validate | Step::Reopen) {
        crate::live::PlanChange::indicators(&context.country.iso2)
    } else {
        crate::live::Change::Stored
    };
    crate::live::commit(txn, change).await?;
    Ok(after)
}

/// The legislation matrix's part of a step: submitting the round its legislation is kept current
/// through writes the `LEG-*` values as the matrix answers them (the matrix cannot change again
/// until the submission is returned or reopened), and returns what changed for the step's audit
/// entry; validating verifies its entries.
async fn keep_legislation(
    txn: &DatabaseTransaction,
    context: &SubmissionContext,
    step: Step,
    after: SubmissionState,
    viewer: &Viewer,
    now: DateTime<Utc>,
) -> Result<serde_json::Value, AppError> {
    use crate::legislation::{queries, service};
    let country_id = context.country.id;
    let is_current = queries::current_submission(txn, country_id)
        .await?
        .is_some_and(|(round, _)| round.id == context.round.id);
    match step {
        Step::Submit if is_current => {
            let year = context.round.year;
            service::derive_indicator_values(
                txn,
                country_id,
                year,
                after,
                Some(viewer.user_id),
                now,
            )
            .await
        }
        Step::Validate if is_current => {
            service::verify_entries(txn, country_id, viewer.user_id, now).await?;
            Ok(serde_json::Value::Null)
        }
        _ => Ok(serde_json::Value::Null),
    }
}

/// The conflict to report when a submission changed since the user loaded it: who changed it last
/// and when, read from the audit trail.
pub async fn conflict(
    db: &DatabaseConnection,
    context: &SubmissionContext,
) -> Result<AppError, AppError> {
    let last = audit_entry::Entity::find()
        .filter(audit_entry::Column::Entity.is_in([SUBMISSION_ENTITY, VALUES_ENTITY]))
        .filter(audit_entry::Column::EntityId.eq(context.submission.id.to_string()))
        .order_by_desc(audit_entry::Column::Id)
        .one(db)
        .await?;
    let saved_by = match last.as_ref().and_then(|entry| entry.actor_id) {
        Some(user_id) => app_user::Entity::find_by_id(user_id)
            .one(db)
            .await?
            .map(|user| user.name),
        None => None,
    };
    let changed = match last.as_ref().map(|entry| entry.entity.as_str()) {
        Some(VALUES_ENTITY) => vec!["field-indicator-values".to_owned()],
        _ => vec!["field-submission-state".to_owned()],
    };
    Ok(AppError::Conflict(Conflict {
        saved_by,
        saved_at: last.map(|entry| {
            entry
                .occurred_at
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
        }),
        changed,
    }))
}
