//! Keeping the legislation matrix: a country's entry saved (a new version, with its instruments and
//! its history) or confirmed unchanged, each in one transaction with its audit entry; the `LEG-*`
//! indicator values that follow from a country's entries; and entries verified when the
//! secretariat validates the country's submission.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    DatabaseTransaction, EntityTrait, QueryFilter, TransactionTrait,
};
use serde_json::json;

use super::queries::{
    coverages_of, current_submission, entry_of, entry_on, instruments_of, may_edit,
    provision_of_code,
};
use super::rules::{check_entry, derived_answer, DERIVED_INDICATORS};
use super::types::{Entry, EntryForm};
use crate::access::Viewer;
use crate::audit::service::{self as audit, Actor, Change};
use crate::db::countries::country_of_code;
use crate::db::entities::{
    app_user, country, indicator, indicator_value, legislation_comment, legislation_entry,
    legislation_instrument, legislation_version, submission,
};
use crate::domain::SubmissionState;
use crate::error::{AppError, Conflict, Problem};

/// The audit trail's name for a country's entry on a provision.
pub const ENTRY_ENTITY: &str = "legislation_entry";

/// What is saved or confirmed: the country's entry on a provision, loaded at `version` (0 for a
/// provision the country has no entry on yet).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntryRequest {
    pub country: String,
    pub provision: String,
    pub version: i32,
}

/// The country, the provision's id, the stored entry if any, and the year of the current round and
/// the country's submission in it if it reports in one, after checking that `viewer` may change the
/// entry now.
struct Target {
    country: country::Model,
    provision_id: i32,
    stored: Option<legislation_entry::Model>,
    round: Option<(i32, submission::Model)>,
}

async fn target(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    request: &EntryRequest,
) -> Result<Target, AppError> {
    let country = country_of_code(db, &request.country)
        .await?
        .ok_or(AppError::NotFound)?;
    let (provision_id, _) = provision_of_code(db, &request.provision).await?;
    let current = current_submission(db, country.id).await?;
    if !may_edit(viewer, country.id, current.as_ref().map(|(_, s)| s))? {
        // A country's own focal point is told why; anyone else is simply refused.
        let own = viewer.may(crate::access::Permission::EditCountry(country.id));
        if own && current.is_some() {
            return Err(Problem::new("state", "problem-legislation-locked").into());
        }
        tracing::warn!(user = viewer.user_id, country = %country.iso2, "legislation change refused by the access policy");
        return Err(AppError::Forbidden);
    }
    Ok(Target {
        stored: entry_on(db, country.id, provision_id).await?,
        country,
        provision_id,
        round: current.map(|(round, submission)| (round.year, submission)),
    })
}

/// Saves the entry `form` describes as a new version. Saving it unchanged confirms it. Returns the
/// entry's new version.
pub async fn save_entry(
    db: &DatabaseConnection,
    viewer: &Viewer,
    request: &EntryRequest,
    form: &EntryForm,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    let target = target(db, viewer, request).await?;
    let entry = check_entry(form, now.date_naive()).map_err(AppError::Invalid)?;
    let stored_version = target.stored.as_ref().map_or(0, |s| s.version);
    if stored_version != request.version {
        return Err(conflict(db, target.stored.as_ref()).await?);
    }
    let before = match &target.stored {
        Some(stored) => Some(read_entry(db, stored).await?),
        None => None,
    };
    if before.as_ref() == Some(&entry) {
        return confirm_entry(db, viewer, request, now).await;
    }
    let txn = db.begin().await?;
    claim_submission(&txn, target.round.as_ref().map(|(_, s)| s), now).await?;
    let version = stored_version + 1;
    let saved = write_entry(&txn, &target, &entry, version, viewer, now).await?;
    let Some(saved) = saved else {
        txn.rollback().await?;
        let fresh = entry_on(db, target.country.id, target.provision_id).await?;
        return Err(conflict(db, fresh.as_ref()).await?);
    };
    legislation_version::ActiveModel {
        entry_id: Set(saved),
        version: Set(version),
        content: Set(serde_json::to_string(&entry).map_err(|_| AppError::Internal)?),
        saved_by: Set(Some(viewer.user_id)),
        saved_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let derived = derive_after_change(&txn, &target, viewer, now).await?;
    audit::record(
        &txn,
        Actor::User(viewer.user_id),
        now,
        Change {
            entity: ENTRY_ENTITY,
            entity_id: saved.to_string(),
            operation: "save",
            country_id: Some(target.country.id),
            before: before.map(|b| json!({ "provision": request.provision, "version": stored_version, "entry": b })),
            after: Some(json!({
                "provision": request.provision,
                "version": version,
                "entry": entry,
                "derived_values": derived,
            })),
        },
    )
    .await?;
    crate::live::commit(txn, crate::live::Change::Stored).await?;
    Ok(version)
}

/// Confirms that the entry, as loaded at `request.version`, still says what the law says, in the
/// current round. Returns its version, unchanged.
pub async fn confirm_entry(
    db: &DatabaseConnection,
    viewer: &Viewer,
    request: &EntryRequest,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    let target = target(db, viewer, request).await?;
    let Some(stored) = &target.stored else {
        return Err(Problem::new("coverage", "problem-entry-missing").into());
    };
    if stored.version != request.version {
        return Err(conflict(db, Some(stored)).await?);
    }
    let txn = db.begin().await?;
    claim_submission(&txn, target.round.as_ref().map(|(_, s)| s), now).await?;
    let confirmed = legislation_entry::Entity::update_many()
        .col_expr(legislation_entry::Column::ConfirmedAt, Expr::value(now))
        .col_expr(
            legislation_entry::Column::ConfirmedBy,
            Expr::value(viewer.user_id),
        )
        .filter(legislation_entry::Column::Id.eq(stored.id))
        .filter(legislation_entry::Column::Version.eq(stored.version))
        .exec(&txn)
        .await?;
    if confirmed.rows_affected == 0 {
        txn.rollback().await?;
        let fresh = entry_on(db, target.country.id, target.provision_id).await?;
        return Err(conflict(db, fresh.as_ref()).await?);
    }
    let derived = derive_after_change(&txn, &target, viewer, now).await?;
    audit::record(
        &txn,
        Actor::User(viewer.user_id),
        now,
        Change {
            entity: ENTRY_ENTITY,
            entity_id: stored.id.to_string(),
            operation: "confirm",
            country_id: Some(target.country.id),
            before: None,
            after: Some(json!({
                "provision": request.provision,
                "version": stored.version,
                "derived_values": derived,
            })),
        },
    )
    .await?;
    crate::live::commit(txn, crate::live::Change::Stored).await?;
    Ok(stored.version)
}

/// Starts the country's submission with its first change (as a first save of values does) and
/// checks, in the transaction, that it can still change: a submission submitted or validated since
/// the page was loaded locks the matrix.
async fn claim_submission(
    txn: &DatabaseTransaction,
    submission: Option<&submission::Model>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let Some(submission) = submission else {
        return Ok(());
    };
    let editable = [
        SubmissionState::NotStarted,
        SubmissionState::Draft,
        SubmissionState::Returned,
    ]
    .map(SubmissionState::code);
    let started = Expr::case(
        Expr::col(submission::Column::State).eq(SubmissionState::NotStarted.code()),
        SubmissionState::Draft.code(),
    )
    .finally(Expr::col(submission::Column::State));
    let claimed = submission::Entity::update_many()
        .col_expr(submission::Column::State, started.into())
        .col_expr(submission::Column::UpdatedAt, Expr::value(now))
        .filter(submission::Column::Id.eq(submission.id))
        .filter(submission::Column::State.is_in(editable))
        .exec(txn)
        .await?;
    if claimed.rows_affected == 0 {
        return Err(Problem::new("state", "problem-legislation-locked").into());
    }
    Ok(())
}

/// Writes the entry at `version` (inserted, or updated from the version before), its instruments
/// replaced; the entry's id, or `None` when another save took the version first.
async fn write_entry(
    txn: &DatabaseTransaction,
    target: &Target,
    entry: &Entry,
    version: i32,
    viewer: &Viewer,
    now: DateTime<Utc>,
) -> Result<Option<i32>, AppError> {
    let mut model = legislation_entry::ActiveModel {
        country_id: Set(target.country.id),
        provision_id: Set(target.provision_id),
        coverage: Set(entry.coverage.code().to_owned()),
        coverage_reason: Set(entry.coverage_reason.clone()),
        original_text: Set(entry.original_text.clone()),
        text_language: Set(entry.text_language.map(|l| l.code().to_owned())),
        penalty_min_years: Set(entry.penalty.min_years),
        penalty_max_years: Set(entry.penalty.max_years),
        fines: Set(entry.fines.clone()),
        aggravating: Set(entry.aggravating.clone()),
        note: Set(entry.note.clone()),
        entered_by: Set(Some(viewer.user_id)),
        entered_at: Set(now),
        // A changed entry waits for the secretariat to verify it again.
        verified_by: Set(None),
        verified_at: Set(None),
        confirmed_by: Set(None),
        confirmed_at: Set(None),
        version: Set(version),
        ..Default::default()
    };
    let id = match &target.stored {
        None => match model.insert(txn).await {
            Ok(saved) => saved.id,
            // Another save created the entry first.
            Err(error) if crate::error::is_unique_violation(&error) => return Ok(None),
            Err(error) => return Err(error.into()),
        },
        Some(stored) => {
            model.id = Set(stored.id);
            let updated = legislation_entry::Entity::update_many()
                .set(model)
                .filter(legislation_entry::Column::Id.eq(stored.id))
                .filter(legislation_entry::Column::Version.eq(stored.version))
                .exec(txn)
                .await?;
            if updated.rows_affected == 0 {
                return Ok(None);
            }
            legislation_instrument::Entity::delete_many()
                .filter(legislation_instrument::Column::EntryId.eq(stored.id))
                .exec(txn)
                .await?;
            stored.id
        }
    };
    for (order, instrument) in entry.instruments.iter().enumerate() {
        legislation_instrument::ActiveModel {
            entry_id: Set(id),
            title: Set(instrument.title.clone()),
            number: Set(instrument.number.clone()),
            year: Set(instrument.year),
            article: Set(instrument.article.clone()),
            url: Set(instrument.url.clone()),
            in_force_since: Set(instrument.in_force_since),
            sort_order: Set(order as i32),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    Ok(Some(id))
}

/// The derived values of the country's round year, after a change to its matrix.
async fn derive_after_change(
    txn: &DatabaseTransaction,
    target: &Target,
    viewer: &Viewer,
    now: DateTime<Utc>,
) -> Result<serde_json::Value, AppError> {
    let Some((year, submission)) = &target.round else {
        return Ok(serde_json::Value::Null);
    };
    // Read again: the claim moved a submission not started to a draft.
    let state = match submission::Entity::find_by_id(submission.id)
        .one(txn)
        .await?
    {
        Some(submission) => crate::db::codes::decode(
            &submission.state,
            SubmissionState::from_code,
            "submission state",
        )?,
        None => return Err(AppError::Internal),
    };
    derive_indicator_values(
        txn,
        target.country.id,
        *year,
        state,
        Some(viewer.user_id),
        now,
    )
    .await
}

/// Writes the country's `LEG-*` values of `year` as its matrix now answers them, in the
/// submission's `state`: a value the matrix cannot answer yet is removed. Returns what changed, by
/// code (`before` and `after`, 1 for yes, 0 for no), for the audit entry of the write that caused it.
pub async fn derive_indicator_values(
    txn: &impl ConnectionTrait,
    country_id: i32,
    year: i32,
    state: SubmissionState,
    by: Option<i32>,
    now: DateTime<Utc>,
) -> Result<serde_json::Value, AppError> {
    let coverages = coverages_of(txn, country_id).await?;
    let mut changed = serde_json::Map::new();
    for (code, provisions) in DERIVED_INDICATORS {
        // A retired indicator takes no new values, derived or typed.
        let Some(item) = indicator::Entity::find()
            .filter(indicator::Column::Code.eq(code))
            .filter(indicator::Column::RetiredAt.is_null())
            .one(txn)
            .await?
        else {
            continue;
        };
        let answer = derived_answer(
            &provisions
                .iter()
                .map(|p| coverages.get(*p).copied())
                .collect::<Vec<_>>(),
        );
        let stored = indicator_value::Entity::find()
            .filter(indicator_value::Column::IndicatorId.eq(item.id))
            .filter(indicator_value::Column::CountryId.eq(country_id))
            .filter(indicator_value::Column::Year.eq(year))
            .one(txn)
            .await?;
        let value = answer.map(|yes| if yes { 1.0 } else { 0.0 });
        let before = stored.as_ref().and_then(|s| s.value);
        if before != value {
            changed.insert(
                (*code).to_owned(),
                json!({ "year": year, "before": before, "after": value }),
            );
        }
        match (stored, value) {
            (None, None) => {}
            (Some(stored), None) => {
                indicator_value::Entity::delete_by_id(stored.id)
                    .exec(txn)
                    .await?;
            }
            (Some(stored), Some(value))
                if stored.value == Some(value) && stored.state == state.code() => {}
            (stored, Some(value)) => {
                let mut row = indicator_value::ActiveModel {
                    indicator_id: Set(item.id),
                    country_id: Set(country_id),
                    year: Set(year),
                    value: Set(Some(value)),
                    numerator: Set(None),
                    denominator: Set(None),
                    source: Set(None),
                    note: Set(None),
                    state: Set(state.code().to_owned()),
                    updated_at: Set(now),
                    updated_by: Set(by),
                    ..Default::default()
                };
                match stored {
                    Some(stored) => {
                        row.id = Set(stored.id);
                        row.update(txn).await?;
                    }
                    None => {
                        row.insert(txn).await?;
                    }
                }
            }
        }
    }
    Ok(serde_json::Value::Object(changed))
}

/// The audit trail's name for a comment on an entry.
pub const COMMENT_ENTITY: &str = "legislation_comment";

/// Adds a reviewer's or the secretariat's comment to a country's entry on a provision. The entry
/// may be commented on in any state of the round: comments change nothing the country reports.
pub async fn add_comment(
    db: &DatabaseConnection,
    viewer: &Viewer,
    iso2: &str,
    provision: &str,
    body: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    if !viewer.may(crate::access::Permission::Comment) {
        tracing::warn!(
            user = viewer.user_id,
            "a comment on legislation refused by the access policy"
        );
        return Err(AppError::Forbidden);
    }
    let country = country_of_code(db, iso2).await?.ok_or(AppError::NotFound)?;
    let (provision_id, _) = provision_of_code(db, provision).await?;
    let body = crate::text::check_comment(body)?;
    let entry = entry_on(db, country.id, provision_id)
        .await?
        .ok_or_else(|| AppError::from(Problem::new("comment", "problem-entry-missing-comment")))?;
    let txn = db.begin().await?;
    let saved = legislation_comment::ActiveModel {
        entry_id: Set(entry.id),
        author_id: Set(Some(viewer.user_id)),
        body: Set(body.clone()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        Actor::User(viewer.user_id),
        now,
        Change {
            entity: COMMENT_ENTITY,
            entity_id: saved.id.to_string(),
            operation: "create",
            country_id: Some(country.id),
            before: None,
            after: Some(json!({ "entry": entry.id, "body": body })),
        },
    )
    .await?;
    crate::live::commit(txn, crate::live::Change::Stored).await?;
    Ok(())
}

/// Marks every entry of the country as verified by the secretariat's `user_id` at `now`, when its
/// submission is validated, and the version each entry stands at, unless verified before (a past
/// year's annex reads when that version was first verified).
pub async fn verify_entries(
    txn: &impl ConnectionTrait,
    country_id: i32,
    user_id: i32,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let entries = legislation_entry::Entity::find()
        .filter(legislation_entry::Column::CountryId.eq(country_id))
        .all(txn)
        .await?;
    for entry in &entries {
        legislation_version::Entity::update_many()
            .col_expr(legislation_version::Column::VerifiedAt, Expr::value(now))
            .col_expr(
                legislation_version::Column::VerifiedBy,
                Expr::value(user_id),
            )
            .filter(legislation_version::Column::EntryId.eq(entry.id))
            .filter(legislation_version::Column::Version.eq(entry.version))
            .filter(legislation_version::Column::VerifiedAt.is_null())
            .exec(txn)
            .await?;
    }
    legislation_entry::Entity::update_many()
        .col_expr(legislation_entry::Column::VerifiedAt, Expr::value(now))
        .col_expr(legislation_entry::Column::VerifiedBy, Expr::value(user_id))
        .filter(legislation_entry::Column::CountryId.eq(country_id))
        .exec(txn)
        .await?;
    Ok(())
}

/// A stored entry as the rules hold it, with its instruments (to compare a save with it).
async fn read_entry(
    db: &impl ConnectionTrait,
    stored: &legislation_entry::Model,
) -> Result<Entry, AppError> {
    let instruments = instruments_of(db, [stored.id]).await?.remove(&stored.id);
    entry_of(stored, instruments.unwrap_or_default())
}

/// The conflict to report when an entry changed since it was loaded: who saved it last, and when.
async fn conflict(
    db: &impl ConnectionTrait,
    stored: Option<&legislation_entry::Model>,
) -> Result<AppError, AppError> {
    let saved_by = match stored.and_then(|s| s.entered_by) {
        Some(id) => app_user::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|u| u.name),
        None => None,
    };
    Ok(AppError::Conflict(Conflict {
        saved_by,
        saved_at: stored.map(|s| {
            s.entered_at
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
        }),
        changed: vec!["field-legislation-entry".to_owned()],
    }))
}
