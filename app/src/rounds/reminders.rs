//! Reminding countries that still owe their submission: by hand from the tracker, and automatically on
//! the round's reminder days. Every reminder is recorded in `reminder`, claimed there before it is
//! sent, so that each automatic rule reaches a country once, even across restarts and several app
//! servers. Without an SMTP server the recorded message waits in the outbox for the secretariat.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, TransactionTrait,
};
use serde_json::json;

use super::rules::{
    owes_submission, parse_reminder_days, reminders_due, round_date_problems, round_rules,
    ReminderRule, Timeliness,
};
use crate::access::{Permission, Viewer};
use crate::audit::service::{self as audit, Actor, Change};
use crate::db::codes::decode;
use crate::db::entities::{app_user, country, reminder, reporting_round, submission};
use crate::domain::{Role, SubmissionState};
use crate::error::{AppError, Problem};
use crate::i18n::{format_date, t, t_args, Lang};
use crate::mail::{Letter, Mailer};

/// What a reminder says about the round and the country, in the country's language first.
pub struct LetterFacts<'a> {
    pub country: &'a country::Model,
    pub year: i32,
    pub due_on: chrono::NaiveDate,
    pub timeliness: Timeliness,
    pub state: SubmissionState,
    /// How much of the country's legislation matrix is reviewed in the round.
    pub legislation: crate::legislation::types::MatrixProgress,
    pub link: Option<String>,
}

pub fn compose(facts: &LetterFacts<'_>) -> Letter {
    let primary = Lang::from_tag(&facts.country.language).unwrap_or(Lang::Es);
    let part = |lang: Lang| {
        let country = match lang {
            Lang::En => facts.country.name_en.clone(),
            Lang::Es => facts.country.name_es.clone(),
        };
        let due = format_date(lang, &facts.due_on.to_string());
        let when = match facts.timeliness {
            Timeliness::Overdue { days } | Timeliness::Late { days } => t_args(
                lang,
                "reminder-overdue",
                &[("days", days.into()), ("date", due.into())],
            ),
            Timeliness::Pending { days_left } => t_args(
                lang,
                "reminder-due",
                &[("days", days_left.into()), ("date", due.into())],
            ),
            Timeliness::OnTime => t_args(
                lang,
                "reminder-due",
                &[("days", 0.into()), ("date", due.into())],
            ),
        };
        let mut text = t_args(
            lang,
            "reminder-body",
            &[
                ("country", country.clone().into()),
                ("year", facts.year.into()),
                ("state", t(lang, facts.state.label_key()).into()),
                ("when", when.into()),
            ],
        );
        let matrix = facts.legislation;
        if matrix.reviewed < matrix.provisions {
            text.push(' ');
            text.push_str(&t_args(
                lang,
                "reminder-legislation",
                &[
                    ("reviewed", matrix.reviewed.into()),
                    ("provisions", matrix.provisions.into()),
                ],
            ));
        }
        if let Some(link) = &facts.link {
            text.push_str("\n\n");
            text.push_str(link);
        }
        let subject = t_args(
            lang,
            "reminder-subject",
            &[("country", country.into()), ("year", facts.year.into())],
        );
        (subject, text)
    };
    Letter::bilingual(primary, part)
}

/// The active focal points of a country, who receive its reminders.
async fn recipients(db: &DatabaseConnection, country_id: i32) -> Result<Vec<String>, AppError> {
    Ok(app_user::Entity::find()
        .filter(app_user::Column::CountryId.eq(country_id))
        .filter(app_user::Column::Role.eq(Role::FocalPoint.code()))
        .filter(app_user::Column::Active.eq(true))
        .order_by_asc(app_user::Column::Email)
        .all(db)
        .await?
        .into_iter()
        .map(|user| user.email)
        .collect())
}

/// Records and sends one reminder to the country of `submission`. The record is committed before
/// the message leaves, so that a rule claimed once is never sent twice; `Ok(None)` when an automatic
/// rule was already claimed. The outcome is written after the attempt.
async fn remind(
    db: &DatabaseConnection,
    mailer: &Mailer,
    round: &reporting_round::Model,
    submission: &submission::Model,
    rule: Option<ReminderRule>,
    actor: Actor,
    now: DateTime<Utc>,
) -> Result<Option<reminder::Model>, AppError> {
    let outgoing = prepare_reminder(db, mailer, round, submission, now).await?;
    let Some(claimed) = claim_reminder(db, mailer, round, &outgoing, rule, actor, now).await?
    else {
        return Ok(None);
    };
    if outgoing.to.is_empty() {
        return Ok(Some(claimed));
    }
    deliver_reminder(db, mailer, &outgoing, claimed)
        .await
        .map(Some)
}

/// A reminder ready to go: the country it is about, its letter and its recipients.
struct Outgoing {
    country: country::Model,
    letter: Letter,
    to: Vec<String>,
}

/// The reminder to the country of `submission` about `round` on `now`'s day, with the link to its
/// indicator page when the installation's address is known.
async fn prepare_reminder(
    db: &DatabaseConnection,
    mailer: &Mailer,
    round: &reporting_round::Model,
    submission: &submission::Model,
    now: DateTime<Utc>,
) -> Result<Outgoing, AppError> {
    let country = country::Entity::find_by_id(submission.country_id)
        .one(db)
        .await?
        .ok_or(AppError::Internal)?;
    let state = decode(
        &submission.state,
        SubmissionState::from_code,
        "submission state",
    )?;
    let since = crate::legislation::queries::review_starts(round);
    let legislation = match crate::legislation::queries::progress_by_country(db, since)
        .await?
        .remove(&country.id)
    {
        Some(progress) => progress,
        None => crate::legislation::queries::empty_progress(db).await?,
    };
    let letter = compose(&LetterFacts {
        country: &country,
        year: round.year,
        due_on: round.due_on,
        timeliness: Timeliness::of(round.due_on, now.date_naive(), None),
        state,
        legislation,
        link: mailer.link(&crate::urls::country_indicators_path(
            &country.iso2,
            Some(round.year),
        )),
    });
    let to = recipients(db, country.id).await?;
    Ok(Outgoing {
        country,
        letter,
        to,
    })
}

/// Records the reminder, with its audit entry, in a transaction of its own, committed before the
/// message leaves; `Ok(None)` when the automatic `rule` was already claimed for the country.
async fn claim_reminder(
    db: &DatabaseConnection,
    mailer: &Mailer,
    round: &reporting_round::Model,
    outgoing: &Outgoing,
    rule: Option<ReminderRule>,
    actor: Actor,
    now: DateTime<Utc>,
) -> Result<Option<reminder::Model>, AppError> {
    let Outgoing {
        country,
        letter,
        to,
    } = outgoing;
    let outcome = if to.is_empty() {
        "no_recipients"
    } else {
        "sending"
    };
    let txn = db.begin().await?;
    let claimed = reminder::ActiveModel {
        round_id: Set(round.id),
        country_id: Set(country.id),
        automatic_rule: Set(rule.map(ReminderRule::key)),
        sent_by: Set(match actor {
            Actor::User(id) => Some(id),
            Actor::System => None,
        }),
        created_at: Set(now),
        recipients: Set(to.join(", ")),
        language: Set(letter.language.code().to_owned()),
        subject: Set(letter.subject.clone()),
        body: Set(letter.body.clone()),
        delivery: Set(mailer.delivery().to_owned()),
        outcome: Set(outcome.to_owned()),
        error: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await;
    let claimed = match claimed {
        Ok(claimed) => claimed,
        Err(error) if rule.is_some() && crate::error::is_unique_violation(&error) => {
            txn.rollback().await?;
            return Ok(None);
        }
        Err(error) => return Err(error.into()),
    };
    audit::record(
        &txn,
        actor,
        now,
        Change {
            entity: "reminder",
            entity_id: claimed.id.to_string(),
            operation: if rule.is_some() { "automatic" } else { "send" },
            country_id: Some(country.id),
            before: None,
            after: Some(json!({
                "round": round.year,
                "rule": rule.map(ReminderRule::key),
                "recipients": to,
                "delivery": mailer.delivery(),
            })),
        },
    )
    .await?;
    crate::live::commit(txn, crate::live::Change::Elsewhere).await?;
    Ok(Some(claimed))
}

/// Sends the claimed reminder and writes its outcome: sent, queued in the outbox, or failed.
async fn deliver_reminder(
    db: &DatabaseConnection,
    mailer: &Mailer,
    outgoing: &Outgoing,
    claimed: reminder::Model,
) -> Result<reminder::Model, AppError> {
    let (outcome, error) = mailer.dispatch(&outgoing.to, &outgoing.letter).await;
    if let Some(error) = &error {
        tracing::error!(%error, country = %outgoing.country.iso2, "reminder not sent");
    }
    metrics::counter!("enlace_reminders_total", "outcome" => outcome).increment(1);
    let mut active: reminder::ActiveModel = claimed.into();
    active.outcome = Set(outcome.to_owned());
    active.error = Set(error);
    Ok(active.update(db).await?)
}

/// The open round of `year` of the current plan and the country's submission in it.
async fn round_and_submission(
    db: &DatabaseConnection,
    iso2: &str,
    year: i32,
) -> Result<(reporting_round::Model, submission::Model), AppError> {
    let context = super::service::submission_context(db, iso2, year).await?;
    Ok((context.round, context.submission))
}

/// Sends a reminder by hand (secretariat) to the country `iso2` for the round of `year`.
pub async fn remind_by_hand(
    db: &DatabaseConnection,
    mailer: &Mailer,
    viewer: &Viewer,
    iso2: &str,
    year: i32,
    now: DateTime<Utc>,
) -> Result<reminder::Model, AppError> {
    if !viewer.may(Permission::Coordinate) {
        return Err(AppError::Forbidden);
    }
    let (round, submission) = round_and_submission(db, iso2, year).await?;
    let state = decode(
        &submission.state,
        SubmissionState::from_code,
        "submission state",
    )?;
    if !owes_submission(state) {
        return Err(Problem::new("country", "problem-nothing-to-remind").into());
    }
    remind(
        db,
        mailer,
        &round,
        &submission,
        None,
        Actor::User(viewer.user_id),
        now,
    )
    .await?
    .ok_or(AppError::Internal)
}

/// Sends the automatic reminders due on `now`'s day (UTC) for every open round: to each country
/// that still owes its submission, the latest rule whose day has come and that it has not had yet;
/// earlier unsent rules are recorded as superseded. Returns the reminders sent. A round that fails
/// (dates outside the plan's years from an older database, a country's records unreadable) is
/// logged and skipped: the other rounds' reminders still go.
pub async fn send_due_reminders(
    db: &DatabaseConnection,
    mailer: &Mailer,
    now: DateTime<Utc>,
) -> Result<Vec<reminder::Model>, AppError> {
    let Some(plan) = crate::plan::queries::current_plan(db).await? else {
        return Ok(Vec::new());
    };
    let rounds = reporting_round::Entity::find()
        .filter(reporting_round::Column::PlanId.eq(plan.id))
        .filter(reporting_round::Column::State.eq("open"))
        .order_by_asc(reporting_round::Column::Year)
        .all(db)
        .await?;
    let mut sent = Vec::new();
    for round in rounds {
        let problems = round_date_problems(
            round.opens_on,
            round.due_on,
            (plan.start_year, plan.end_year),
        );
        if !problems.is_empty() {
            tracing::warn!(
                year = round.year,
                opens_on = %round.opens_on,
                due_on = %round.due_on,
                "a round's dates are outside its plan's years: no automatic reminders until the secretariat corrects them"
            );
            continue;
        }
        // Each round on a task of its own: even a panic in one leaves the others' reminders.
        let year = round.year;
        let (db, mailer) = (db.clone(), mailer.clone());
        let check =
            tokio::spawn(async move { send_round_reminders(&db, &mailer, &round, now).await });
        match check.await {
            Ok(Ok(round_sent)) => sent.extend(round_sent),
            Ok(Err(error)) => {
                tracing::error!(year, ?error, "automatic reminders of a round failed")
            }
            Err(stopped) => {
                tracing::error!(year, %stopped, "automatic reminders of a round stopped")
            }
        }
    }
    Ok(sent)
}

/// The automatic reminders of one round due on `now`'s day.
async fn send_round_reminders(
    db: &DatabaseConnection,
    mailer: &Mailer,
    round: &reporting_round::Model,
    now: DateTime<Utc>,
) -> Result<Vec<reminder::Model>, AppError> {
    let today = now.date_naive();
    let mut sent = Vec::new();
    // Stored lists were checked when the round was opened; an unreadable one sends nothing.
    let before =
        parse_reminder_days("remind_before_days", &round.remind_before_days).unwrap_or_default();
    let after =
        parse_reminder_days("remind_after_days", &round.remind_after_days).unwrap_or_default();
    let rules = round_rules(&before, &after);
    if rules.is_empty() {
        return Ok(sent);
    }
    let submissions = submission::Entity::find()
        .filter(submission::Column::RoundId.eq(round.id))
        .order_by_asc(submission::Column::CountryId)
        .all(db)
        .await?;
    let already: Vec<reminder::Model> = reminder::Entity::find()
        .filter(reminder::Column::RoundId.eq(round.id))
        .filter(reminder::Column::AutomaticRule.is_not_null())
        .all(db)
        .await?;
    for submission in submissions {
        let state = decode(
            &submission.state,
            SubmissionState::from_code,
            "submission state",
        )?;
        if !owes_submission(state) {
            continue;
        }
        let keys: Vec<String> = already
            .iter()
            .filter(|r| r.country_id == submission.country_id)
            .filter_map(|r| r.automatic_rule.clone())
            .collect();
        let plan = reminders_due(round.due_on, today, &rules, &keys);
        for rule in plan.superseded {
            record_superseded(db, round, &submission, rule, now).await?;
        }
        if let Some(rule) = plan.send {
            if let Some(reminder) = remind(
                db,
                mailer,
                round,
                &submission,
                Some(rule),
                Actor::System,
                now,
            )
            .await?
            {
                sent.push(reminder);
            }
        }
    }
    Ok(sent)
}

/// Records that an automatic rule's day passed without it being sent, so that it never is.
async fn record_superseded(
    db: &DatabaseConnection,
    round: &reporting_round::Model,
    submission: &submission::Model,
    rule: ReminderRule,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let txn = db.begin().await?;
    let inserted = reminder::ActiveModel {
        round_id: Set(round.id),
        country_id: Set(submission.country_id),
        automatic_rule: Set(Some(rule.key())),
        sent_by: Set(None),
        created_at: Set(now),
        recipients: Set(String::new()),
        language: Set(String::new()),
        subject: Set(String::new()),
        body: Set(String::new()),
        delivery: Set("none".to_owned()),
        outcome: Set("superseded".to_owned()),
        error: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await;
    let recorded = match inserted {
        Ok(recorded) => recorded,
        // Another server recorded it first.
        Err(error) if crate::error::is_unique_violation(&error) => {
            txn.rollback().await?;
            return Ok(());
        }
        Err(error) => return Err(error.into()),
    };
    audit::record(
        &txn,
        Actor::System,
        now,
        Change {
            entity: "reminder",
            entity_id: recorded.id.to_string(),
            operation: "supersede",
            country_id: Some(submission.country_id),
            before: None,
            after: Some(json!({ "round": round.year, "rule": rule.key() })),
        },
    )
    .await?;
    crate::live::commit(txn, crate::live::Change::Elsewhere).await?;
    Ok(())
}

/// Sends the automatic reminders that are due, now and then every `every`, for as long as the
/// server runs, by the time `clock` tells (the server's is `Utc::now`).
pub async fn send_reminders_every(
    db: DatabaseConnection,
    mailer: Mailer,
    every: std::time::Duration,
    clock: fn() -> DateTime<Utc>,
) {
    crate::mail::send_every("reminders", every, clock, move |now| {
        let (db, mailer) = (db.clone(), mailer.clone());
        async move { send_due_reminders(&db, &mailer, now).await }
    })
    .await
}
