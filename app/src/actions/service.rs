//! Saving a country's update on one action: its status, narratives and milestones, together, in one
//! transaction with their history (status events) and one audit entry. The record carries a version:
//! a save made against an older version is refused with what changed meanwhile, never merged.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use sea_orm::{
    sea_query::Expr, ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait,
    DatabaseConnection, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    TransactionTrait,
};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use super::attachments::{
    clean_file_name, AttachmentKind, MAX_ATTACHMENTS, MAX_ATTACHMENTS_MB, MAX_ATTACHMENT_BYTES,
    MAX_ATTACHMENT_MB,
};
use super::rules::{stored_evidence_links, ActionUpdate, EvidenceLink};
use crate::access::{Permission, Viewer};
use crate::audit::service::{self as audit, Actor, Change};
use crate::db::entities::{
    action, app_user, attachment, audit_entry, country, country_action, milestone,
    milestone_progress, plan, status_event, update_comment,
};
use crate::domain::Status;
use crate::error::{AppError, Conflict, Problem, FORM_FIELD};
use crate::text::stored_text;

const ENTITY: &str = "country_action";

/// The version an update was saved at, and the code of its action (for the address of its page).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Saved {
    pub version: i32,
    pub action_code: String,
}

/// A milestone as a country has reported it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct MilestoneValue {
    achieved_on: Option<NaiveDate>,
    note: Option<String>,
}

impl MilestoneValue {
    fn to_json(&self) -> Value {
        json!({
            "achieved_on": self.achieved_on.map(|day| day.to_string()),
            "note": self.note,
        })
    }
}

/// Everything a country reports on an action, as the history and the audit trail record it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct UpdateState {
    status: Status,
    narrative_en: Option<String>,
    narrative_es: Option<String>,
    evidence: Vec<EvidenceLink>,
    milestones: BTreeMap<i32, MilestoneValue>,
}

impl UpdateState {
    fn to_json(&self, version: i32) -> Value {
        let milestones: serde_json::Map<String, Value> = self
            .milestones
            .iter()
            .map(|(id, value)| (id.to_string(), value.to_json()))
            .collect();
        json!({
            "version": version,
            "status": self.status.code(),
            "narrative_en": self.narrative_en,
            "narrative_es": self.narrative_es,
            "evidence": self.evidence,
            "milestones": milestones,
        })
    }
}

/// The stored record and milestones of one action in one country, as read before a save.
struct Stored {
    record: Option<country_action::Model>,
    state: UpdateState,
    /// Ids of the existing milestone progress rows, by milestone id.
    progress_rows: HashMap<i32, i32>,
}

async fn read_stored(
    db: &impl ConnectionTrait,
    action_id: i32,
    country_id: i32,
    milestone_ids: &[i32],
) -> Result<Stored, AppError> {
    let record = country_action::Entity::find()
        .filter(country_action::Column::ActionId.eq(action_id))
        .filter(country_action::Column::CountryId.eq(country_id))
        .one(db)
        .await?;
    let progress = milestone_progress::Entity::find()
        .filter(milestone_progress::Column::CountryId.eq(country_id))
        .filter(milestone_progress::Column::MilestoneId.is_in(milestone_ids.iter().copied()))
        .all(db)
        .await?;
    let status = match &record {
        Some(record) => crate::db::codes::decode(&record.status, Status::from_code, "status")?,
        None => Status::NotStarted,
    };
    Ok(Stored {
        state: UpdateState {
            status,
            narrative_en: record.as_ref().and_then(|r| r.narrative_en.clone()),
            narrative_es: record.as_ref().and_then(|r| r.narrative_es.clone()),
            evidence: stored_evidence_links(record.as_ref().and_then(|r| r.evidence.as_ref())),
            milestones: progress
                .iter()
                .map(|row| {
                    let value = MilestoneValue {
                        achieved_on: row.achieved_on,
                        note: row.note.clone(),
                    };
                    (row.milestone_id, value)
                })
                .collect(),
        },
        progress_rows: progress
            .iter()
            .map(|row| (row.milestone_id, row.id))
            .collect(),
        record,
    })
}

/// The action with `action_id` and the member country with the ISO code `iso2`, which an update,
/// comment or file is about; `NotFound` for either that does not exist.
async fn action_and_member_country(
    db: &impl ConnectionTrait,
    action_id: i32,
    iso2: &str,
) -> Result<(action::Model, country::Model), AppError> {
    let action = action::Entity::find_by_id(action_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let country = crate::db::countries::member_country(db, iso2)
        .await?
        .ok_or(AppError::NotFound)?;
    if action.retired_on.is_some() {
        return Err(Problem::new(FORM_FIELD, "update-action-retired").into());
    }
    if !crate::plan::queries::takes_part(db, action.id, country.id).await? {
        return Err(Problem::new(FORM_FIELD, "update-not-taking-part").into());
    }
    Ok((action, country))
}

/// Saves `update` for `viewer`, who must be allowed to edit the reporting country. Checks every rule
/// first and stores nothing when one is broken; refuses an update made against an older version.
pub async fn save_update(
    db: &DatabaseConnection,
    viewer: &Viewer,
    update: &ActionUpdate,
    now: DateTime<Utc>,
) -> Result<Saved, AppError> {
    // The checks read in the transaction that writes, so that the save takes a connection once: on
    // SQLite one connection serves every request, and each taking of it waits for the others'.
    let txn = db.begin().await?;
    let save = check_update(&txn, viewer, update.clone(), now).await?;
    if !save.changes_anything() {
        // Nothing to change: the stored update already says what the user wants.
        txn.rollback().await?;
        return Ok(Saved {
            version: save.version(),
            action_code: save.action_code,
        });
    }
    if save.version() != update.version {
        let refusal = conflict(&txn, save.stored.record.as_ref(), update.version).await?;
        txn.rollback().await?;
        return Err(refusal);
    }
    let Some(saved) = save.write(&txn, viewer, now).await? else {
        txn.rollback().await?;
        let current = current_record(
            db,
            save.stored.record.as_ref(),
            save.action_id,
            save.country_id,
        )
        .await?;
        return Err(conflict(db, current.as_ref(), update.version).await?);
    };
    crate::live::commit(txn, save.change()).await?;
    Ok(saved)
}

/// An update of one action in one country, checked against the rules and what is stored, ready to
/// be written (by itself, or with others in one import).
pub struct UpdateSave {
    update: ActionUpdate,
    action_id: i32,
    action_code: String,
    country_id: i32,
    iso2: String,
    stored: Stored,
    wanted: UpdateState,
}

/// What an update changes in one part of the record, as the preview of an import shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UpdateChange {
    Status(Status, Status),
    /// The narratives in English and Spanish, before and after.
    Narrative([Option<String>; 2], [Option<String>; 2]),
    /// A milestone by id: its achieved day before and after.
    Milestone(i32, Option<NaiveDate>, Option<NaiveDate>),
    MilestoneNote(i32),
}

/// Checks `update` by `viewer`: the access policy, the year's lock, every rule of the update, the
/// action's milestones. Every problem, or the save.
pub async fn check_update(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    update: ActionUpdate,
    now: DateTime<Utc>,
) -> Result<UpdateSave, AppError> {
    let (action, country) =
        action_and_member_country(db, update.action_id, &update.country).await?;
    check_may_update(db, viewer, &country, now).await?;
    let milestone_ids = checked_milestone_ids(db, &action, &update, now).await?;
    let stored = read_stored(db, action.id, country.id, &milestone_ids).await?;
    let wanted = wanted_state(&update, &stored.state);
    Ok(UpdateSave {
        update,
        action_id: action.id,
        action_code: action.code,
        country_id: country.id,
        iso2: country.iso2,
        stored,
        wanted,
    })
}

impl UpdateSave {
    /// The change the update makes, as the change feed announces it.
    pub fn change(&self) -> crate::live::Change {
        crate::live::PlanChange::update(&self.iso2, self.action_id)
    }

    /// The record's version the update was checked against (0 before the first save).
    pub fn version(&self) -> i32 {
        self.stored.record.as_ref().map_or(0, |r| r.version)
    }

    pub fn changes_anything(&self) -> bool {
        self.wanted != self.stored.state
    }

    /// What the update changes, part by part.
    pub fn changes(&self) -> Vec<UpdateChange> {
        let (stored, wanted) = (&self.stored.state, &self.wanted);
        let mut changes = Vec::new();
        if stored.status != wanted.status {
            changes.push(UpdateChange::Status(stored.status, wanted.status));
        }
        if (&stored.narrative_en, &stored.narrative_es)
            != (&wanted.narrative_en, &wanted.narrative_es)
        {
            changes.push(UpdateChange::Narrative(
                [stored.narrative_en.clone(), stored.narrative_es.clone()],
                [wanted.narrative_en.clone(), wanted.narrative_es.clone()],
            ));
        }
        for (milestone_id, value) in &wanted.milestones {
            let before = stored
                .milestones
                .get(milestone_id)
                .cloned()
                .unwrap_or_default();
            if before.achieved_on != value.achieved_on {
                changes.push(UpdateChange::Milestone(
                    *milestone_id,
                    before.achieved_on,
                    value.achieved_on,
                ));
            } else if before.note != value.note {
                changes.push(UpdateChange::MilestoneNote(*milestone_id));
            }
        }
        changes
    }

    /// Writes the update in `txn`: the record, its history, its milestones and its audit entry,
    /// provided the record is still at the version it was checked against; `None` when another
    /// save got there first.
    pub async fn write(
        &self,
        txn: &DatabaseTransaction,
        viewer: &Viewer,
        now: DateTime<Utc>,
    ) -> Result<Option<Saved>, AppError> {
        let version = self.version() + 1;
        let writer = UpdateWriter {
            txn,
            update: &self.update,
            user_id: viewer.user_id,
            action_id: self.action_id,
            country_id: self.country_id,
            now,
            loaded_version: self.version(),
            version,
        };
        let Some(record_id) = writer
            .write_record(self.stored.record.as_ref(), &self.wanted)
            .await?
        else {
            return Ok(None);
        };
        writer
            .record_events(record_id, &self.stored.state, &self.wanted)
            .await?;
        writer
            .write_milestones(record_id, &self.stored, &self.wanted)
            .await?;
        writer
            .record_audit(record_id, &self.stored, &self.wanted)
            .await?;
        Ok(Some(Saved {
            version,
            action_code: self.action_code.clone(),
        }))
    }
}

/// What `country` reports on `action` now, as an update to change part of: its status, narratives,
/// evidence and version, and no milestone (an update leaves the milestones it does not list alone).
pub async fn current_update(
    db: &DatabaseConnection,
    action: &action::Model,
    country: &country::Model,
) -> Result<ActionUpdate, AppError> {
    let record = country_action::Entity::find()
        .filter(country_action::Column::ActionId.eq(action.id))
        .filter(country_action::Column::CountryId.eq(country.id))
        .one(db)
        .await?;
    let status = match &record {
        Some(record) => crate::db::codes::decode(&record.status, Status::from_code, "status")?,
        None => Status::NotStarted,
    };
    let text = |text: Option<&Option<String>>| text.and_then(Clone::clone).unwrap_or_default();
    Ok(ActionUpdate {
        action_id: action.id,
        country: country.iso2.clone(),
        version: record.as_ref().map_or(0, |r| r.version),
        status,
        narrative_en: text(record.as_ref().map(|r| &r.narrative_en)),
        narrative_es: text(record.as_ref().map(|r| &r.narrative_es)),
        milestones: Vec::new(),
        evidence: stored_evidence_links(record.as_ref().and_then(|r| r.evidence.as_ref())),
        comment: String::new(),
    })
}

/// Refuses a viewer who may not edit the country, and an update to statuses already confirmed.
async fn check_may_update(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    country: &country::Model,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    if !viewer.may(Permission::EditCountry(country.id)) {
        tracing::warn!(user = viewer.user_id, country = %country.iso2, "update refused by the access policy");
        return Err(AppError::Forbidden);
    }
    // The country confirmed its statuses for this year in a submission the secretariat validated.
    if crate::rounds::queries::is_locked(db, country.id, now.year()).await? {
        return Err(Problem::new("status", "problem-statuses-locked").into());
    }
    Ok(())
}

/// The ids of the action's milestones, once `update` is found to break no rule: its own rules within
/// the plan's years, and only milestones of this action.
async fn checked_milestone_ids(
    db: &impl ConnectionTrait,
    action: &action::Model,
    update: &ActionUpdate,
    now: DateTime<Utc>,
) -> Result<Vec<i32>, AppError> {
    let plan = plan::Entity::find_by_id(action.plan_id)
        .one(db)
        .await?
        .ok_or(AppError::Internal)?;
    let plan_start = NaiveDate::from_ymd_opt(plan.start_year, 1, 1).ok_or(AppError::Internal)?;

    let milestone_ids: Vec<i32> = milestone::Entity::find()
        .filter(milestone::Column::ActionId.eq(action.id))
        .filter(milestone::Column::RetiredOn.is_null())
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.id)
        .collect();
    let known: HashSet<i32> = milestone_ids.iter().copied().collect();
    let mut problems = update.problems(plan_start, now.date_naive());
    if update
        .milestones
        .iter()
        .any(|m| !known.contains(&m.milestone_id))
    {
        problems.push(Problem::new("milestones", "problem-milestone-other-action"));
    }
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems));
    }
    Ok(milestone_ids)
}

/// What the update will say once saved: the stored state with the user's fields, and the milestones
/// the user reported (one left blank that was never reported stays unreported).
fn wanted_state(update: &ActionUpdate, stored: &UpdateState) -> UpdateState {
    let mut wanted = UpdateState {
        status: update.status,
        narrative_en: stored_text(&update.narrative_en),
        narrative_es: stored_text(&update.narrative_es),
        evidence: update
            .evidence
            .iter()
            .map(|link| EvidenceLink {
                title: link.title.trim().to_owned(),
                url: link.url.trim().to_owned(),
            })
            .collect(),
        milestones: stored.milestones.clone(),
    };
    for milestone in &update.milestones {
        let value = MilestoneValue {
            achieved_on: milestone.achieved_on,
            note: stored_text(&milestone.note),
        };
        let unreported = value == MilestoneValue::default()
            && !stored.milestones.contains_key(&milestone.milestone_id);
        if !unreported {
            wanted.milestones.insert(milestone.milestone_id, value);
        }
    }
    wanted
}

/// The record as another save left it, read after this save lost to it: by its id when there was
/// one, else the record that save inserted.
async fn current_record(
    db: &DatabaseConnection,
    stored: Option<&country_action::Model>,
    action_id: i32,
    country_id: i32,
) -> Result<Option<country_action::Model>, AppError> {
    Ok(match stored {
        Some(record) => {
            country_action::Entity::find_by_id(record.id)
                .one(db)
                .await?
        }
        None => {
            country_action::Entity::find()
                .filter(country_action::Column::ActionId.eq(action_id))
                .filter(country_action::Column::CountryId.eq(country_id))
                .one(db)
                .await?
        }
    })
}

/// The writes of one save, all in its one transaction: the record, its events, the milestones and
/// the audit entry.
struct UpdateWriter<'a> {
    txn: &'a DatabaseTransaction,
    update: &'a ActionUpdate,
    user_id: i32,
    action_id: i32,
    country_id: i32,
    now: DateTime<Utc>,
    /// The version the record was read at: it is written only if still there.
    loaded_version: i32,
    /// The version the record is saved at.
    version: i32,
}

impl UpdateWriter<'_> {
    /// Writes the record, the stored one or a first one, and returns its id; `None` when another
    /// save of the same version got there first.
    async fn write_record(
        &self,
        stored: Option<&country_action::Model>,
        wanted: &UpdateState,
    ) -> Result<Option<i32>, AppError> {
        match stored {
            Some(record) => self.claim_record(record.id, wanted).await,
            None => self.insert_record(wanted).await,
        }
    }

    /// Updates the stored record, provided it is still at the version the user loaded.
    async fn claim_record(
        &self,
        record_id: i32,
        wanted: &UpdateState,
    ) -> Result<Option<i32>, AppError> {
        // The version in the condition makes this the one save of `update.version` that wins.
        let claimed = country_action::Entity::update_many()
            .col_expr(country_action::Column::Version, Expr::value(self.version))
            .col_expr(
                country_action::Column::Status,
                Expr::value(wanted.status.code()),
            )
            .col_expr(
                country_action::Column::NarrativeEn,
                Expr::value(wanted.narrative_en.clone()),
            )
            .col_expr(
                country_action::Column::NarrativeEs,
                Expr::value(wanted.narrative_es.clone()),
            )
            .col_expr(
                country_action::Column::Evidence,
                Expr::value(evidence_json(&wanted.evidence)),
            )
            .col_expr(country_action::Column::UpdatedAt, Expr::value(self.now))
            .col_expr(country_action::Column::UpdatedBy, Expr::value(self.user_id))
            .filter(country_action::Column::Id.eq(record_id))
            .filter(country_action::Column::Version.eq(self.loaded_version))
            .exec(self.txn)
            .await?;
        Ok((claimed.rows_affected != 0).then_some(record_id))
    }

    /// Inserts the country's first record on the action; the unique key on both makes a second
    /// first save fail, and that one lost.
    async fn insert_record(&self, wanted: &UpdateState) -> Result<Option<i32>, AppError> {
        let inserted = country_action::ActiveModel {
            action_id: Set(self.action_id),
            country_id: Set(self.country_id),
            status: Set(wanted.status.code().to_owned()),
            narrative_en: Set(wanted.narrative_en.clone()),
            narrative_es: Set(wanted.narrative_es.clone()),
            evidence: Set(evidence_json(&wanted.evidence)),
            updated_at: Set(Some(self.now)),
            updated_by: Set(Some(self.user_id)),
            version: Set(self.version),
            ..Default::default()
        }
        .insert(self.txn)
        .await;
        match inserted {
            Ok(record) => Ok(Some(record.id)),
            Err(error) if crate::error::is_unique_violation(&error) => Ok(None),
            Err(error) => Err(error.into()),
        }
    }

    /// A status event of this save on the record `record_id`, with the user's comment.
    fn event(
        &self,
        record_id: i32,
        kind: &str,
        milestone_id: Option<i32>,
        before: Value,
        after: Value,
    ) -> status_event::ActiveModel {
        status_event::ActiveModel {
            country_action_id: Set(record_id),
            milestone_id: Set(milestone_id),
            kind: Set(kind.to_owned()),
            before: Set(Some(before)),
            after: Set(Some(after)),
            comment: Set(stored_text(&self.update.comment)),
            actor_id: Set(Some(self.user_id)),
            occurred_at: Set(self.now),
            ..Default::default()
        }
    }

    /// Records the history of the status, the narratives and the evidence: an event for each that
    /// changed.
    async fn record_events(
        &self,
        record_id: i32,
        stored: &UpdateState,
        wanted: &UpdateState,
    ) -> Result<(), AppError> {
        if wanted.status != stored.status {
            self.event(
                record_id,
                "status",
                None,
                json!({ "status": stored.status.code() }),
                json!({ "status": wanted.status.code() }),
            )
            .insert(self.txn)
            .await?;
        }
        if (&wanted.narrative_en, &wanted.narrative_es)
            != (&stored.narrative_en, &stored.narrative_es)
        {
            self.event(
                record_id,
                "narrative",
                None,
                json!({ "narrative_en": stored.narrative_en, "narrative_es": stored.narrative_es }),
                json!({ "narrative_en": wanted.narrative_en, "narrative_es": wanted.narrative_es }),
            )
            .insert(self.txn)
            .await?;
        }
        if wanted.evidence != stored.evidence {
            self.event(
                record_id,
                "evidence",
                None,
                json!({ "evidence": stored.evidence }),
                json!({ "evidence": wanted.evidence }),
            )
            .insert(self.txn)
            .await?;
        }
        Ok(())
    }

    /// Stores each milestone whose update changed, with an event for it.
    async fn write_milestones(
        &self,
        record_id: i32,
        stored: &Stored,
        wanted: &UpdateState,
    ) -> Result<(), AppError> {
        for (milestone_id, value) in &wanted.milestones {
            let before = stored.state.milestones.get(milestone_id);
            if before == Some(value) {
                continue;
            }
            let row_id = stored.progress_rows.get(milestone_id).copied();
            self.write_progress(row_id, *milestone_id, value).await?;
            self.event(
                record_id,
                "milestone",
                Some(*milestone_id),
                before.cloned().unwrap_or_default().to_json(),
                value.to_json(),
            )
            .insert(self.txn)
            .await?;
        }
        Ok(())
    }

    /// Stores the update of one milestone: in its progress row `row_id`, or a first one.
    async fn write_progress(
        &self,
        row_id: Option<i32>,
        milestone_id: i32,
        value: &MilestoneValue,
    ) -> Result<(), AppError> {
        match row_id {
            Some(row_id) => {
                milestone_progress::ActiveModel {
                    id: Set(row_id),
                    achieved_on: Set(value.achieved_on),
                    note: Set(value.note.clone()),
                    updated_at: Set(Some(self.now)),
                    updated_by: Set(Some(self.user_id)),
                    ..Default::default()
                }
                .update(self.txn)
                .await?;
            }
            None => {
                milestone_progress::ActiveModel {
                    milestone_id: Set(milestone_id),
                    country_id: Set(self.country_id),
                    achieved_on: Set(value.achieved_on),
                    note: Set(value.note.clone()),
                    updated_at: Set(Some(self.now)),
                    updated_by: Set(Some(self.user_id)),
                    ..Default::default()
                }
                .insert(self.txn)
                .await?;
            }
        }
        Ok(())
    }

    /// The save's audit entry: the whole update as it was and as it is now, with its versions.
    async fn record_audit(
        &self,
        record_id: i32,
        stored: &Stored,
        wanted: &UpdateState,
    ) -> Result<(), AppError> {
        audit::record(
            self.txn,
            Actor::User(self.user_id),
            self.now,
            Change {
                entity: ENTITY,
                entity_id: record_id.to_string(),
                operation: "update",
                country_id: Some(self.country_id),
                before: stored
                    .record
                    .as_ref()
                    .map(|record| stored.state.to_json(record.version)),
                after: Some(wanted.to_json(self.version)),
            },
        )
        .await?;
        Ok(())
    }
}

/// The evidence column's value: the links as a JSON list, or nothing when there are none.
fn evidence_json(links: &[EvidenceLink]) -> Option<Value> {
    (!links.is_empty()).then(|| json!(links))
}

/// The catalogue key of the field a key of the audited update belongs to.
fn field_key(update_key: &str) -> Option<&'static str> {
    match update_key {
        "status" => Some("field-status"),
        "narrative_en" | "narrative_es" => Some("field-narrative"),
        "milestones" => Some("field-milestones"),
        "evidence" => Some("field-evidence"),
        _ => None,
    }
}

/// What was saved to `record` after `loaded_version`, read from the audit trail: who saved last, when,
/// and which fields changed.
async fn conflict(
    db: &impl ConnectionTrait,
    record: Option<&country_action::Model>,
    loaded_version: i32,
) -> Result<AppError, AppError> {
    let Some(record) = record else {
        return Ok(AppError::Conflict(Conflict {
            saved_by: None,
            saved_at: None,
            changed: Vec::new(),
        }));
    };
    let entries = audit_entry::Entity::find()
        .filter(audit_entry::Column::Entity.eq(ENTITY))
        .filter(audit_entry::Column::EntityId.eq(record.id.to_string()))
        .order_by_asc(audit_entry::Column::Id)
        .all(db)
        .await?;
    let mut changed: Vec<String> = Vec::new();
    for entry in &entries {
        let after = entry.after.clone().unwrap_or_default();
        if after["version"].as_i64().unwrap_or(0) <= i64::from(loaded_version) {
            continue;
        }
        let before = entry.before.clone().unwrap_or_default();
        let Some(fields) = after.as_object() else {
            continue;
        };
        for (key, value) in fields {
            if before.get(key) != Some(value) {
                if let Some(field) = field_key(key) {
                    if !changed.iter().any(|known| known == field) {
                        changed.push(field.to_owned());
                    }
                }
            }
        }
    }
    let saved_by = match record.updated_by {
        Some(user_id) => app_user::Entity::find_by_id(user_id)
            .one(db)
            .await?
            .map(|user| user.name),
        None => None,
    };
    Ok(AppError::Conflict(Conflict {
        saved_by,
        saved_at: record
            .updated_at
            .map(|at| at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
        changed,
    }))
}

/// A reviewer's or the secretariat's comment on what the country `iso2` reports on an action; the
/// country's focal points see it on the action's page.
pub async fn add_comment(
    db: &DatabaseConnection,
    viewer: &Viewer,
    action_id: i32,
    iso2: &str,
    body: &str,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    if !viewer.may(Permission::Comment) {
        return Err(AppError::Forbidden);
    }
    let (action, country) = action_and_member_country(db, action_id, iso2).await?;
    let body = crate::text::check_comment(body)?;

    let txn = db.begin().await?;
    let comment = update_comment::ActiveModel {
        action_id: Set(action.id),
        country_id: Set(country.id),
        author_id: Set(viewer.user_id),
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
            entity: "update_comment",
            entity_id: comment.id.to_string(),
            operation: "create",
            country_id: Some(country.id),
            before: None,
            after: Some(json!({ "action_id": action.id, "body": body })),
        },
    )
    .await?;
    crate::live::commit(txn, crate::live::Change::Stored).await?;
    Ok(comment.id)
}

/// A file `viewer` attaches to the update of the country `iso2` on an action: its kind is
/// told by its content. Returns the file's id and the action's code.
pub async fn attach_file(
    db: &DatabaseConnection,
    viewer: &Viewer,
    action_id: i32,
    iso2: &str,
    file_name: &str,
    content: Vec<u8>,
    now: DateTime<Utc>,
) -> Result<(i32, String), AppError> {
    let (action, country) = action_and_member_country(db, action_id, iso2).await?;
    if !viewer.may(Permission::EditCountry(country.id)) {
        return Err(AppError::Forbidden);
    }
    let file = CheckedFile::check(file_name, content)?;

    let txn = db.begin().await?;
    if let Some(problem) = attachments_limit(&txn, action.id, country.id, file.size_bytes).await? {
        txn.rollback().await?;
        return Err(problem.into());
    }
    let file_id = insert_attachment(&txn, viewer.user_id, action.id, country.id, file, now).await?;
    crate::live::commit(txn, crate::live::Change::Stored).await?;
    Ok((file_id, action.code))
}

/// An uploaded file fit to attach, with what its row and audit entry record of it.
struct CheckedFile {
    file_name: String,
    kind: AttachmentKind,
    sha256: String,
    size_bytes: i64,
    content: Vec<u8>,
}

impl CheckedFile {
    /// Checks an upload: not empty, within the size limit, of a kind Enlace accepts, with a usable
    /// name.
    fn check(file_name: &str, content: Vec<u8>) -> Result<Self, AppError> {
        if content.is_empty() {
            return Err(Problem::new("file", "problem-file-missing").into());
        }
        if content.len() > MAX_ATTACHMENT_BYTES {
            return Err(Problem::with_limit(
                "file",
                "problem-file-too-large",
                MAX_ATTACHMENT_MB as u32,
            )
            .into());
        }
        let kind = AttachmentKind::detect(&content)
            .ok_or_else(|| Problem::new("file", "problem-file-type"))?;
        let file_name =
            clean_file_name(file_name).ok_or_else(|| Problem::new("file", "problem-file-name"))?;
        let sha256 = hex::encode(Sha256::digest(&content));
        let size_bytes = i64::try_from(content.len()).map_err(|_| AppError::Internal)?;
        Ok(CheckedFile {
            file_name,
            kind,
            sha256,
            size_bytes,
            content,
        })
    }
}

/// The limit one more file of `size_bytes` would break, read in the transaction that stores it:
/// the update's number of files or their total size.
async fn attachments_limit(
    txn: &DatabaseTransaction,
    action_id: i32,
    country_id: i32,
    size_bytes: i64,
) -> Result<Option<Problem>, AppError> {
    let kept: Vec<i64> = attachment::Entity::find()
        .select_only()
        .column(attachment::Column::SizeBytes)
        .filter(attachment::Column::ActionId.eq(action_id))
        .filter(attachment::Column::CountryId.eq(country_id))
        .into_tuple()
        .all(txn)
        .await?;
    if kept.len() >= MAX_ATTACHMENTS {
        return Ok(Some(Problem::with_limit(
            "file",
            "problem-attachments-too-many",
            MAX_ATTACHMENTS as u32,
        )));
    }
    if kept.iter().sum::<i64>() + size_bytes > (MAX_ATTACHMENTS_MB * 1024 * 1024) as i64 {
        return Ok(Some(Problem::with_limit(
            "file",
            "problem-attachments-too-large",
            MAX_ATTACHMENTS_MB as u32,
        )));
    }
    Ok(None)
}

/// Stores the file on the update, with its audit entry; returns the file's id.
async fn insert_attachment(
    txn: &DatabaseTransaction,
    user_id: i32,
    action_id: i32,
    country_id: i32,
    file: CheckedFile,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    let CheckedFile {
        file_name,
        kind,
        sha256,
        size_bytes,
        content,
    } = file;
    let stored = attachment::ActiveModel {
        action_id: Set(action_id),
        country_id: Set(country_id),
        file_name: Set(file_name.clone()),
        content_type: Set(kind.content_type().to_owned()),
        size_bytes: Set(size_bytes),
        sha256: Set(sha256.clone()),
        content: Set(content),
        uploaded_by: Set(user_id),
        uploaded_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    audit::record(
        txn,
        Actor::User(user_id),
        now,
        Change {
            entity: "attachment",
            entity_id: stored.id.to_string(),
            operation: "create",
            country_id: Some(country_id),
            before: None,
            after: Some(json!({
                "action_id": action_id,
                "file_name": file_name,
                "content_type": kind.content_type(),
                "size_bytes": size_bytes,
                "sha256": sha256,
            })),
        },
    )
    .await?;
    Ok(stored.id)
}

/// An attached file: its name, media type and content.
pub async fn attached_file(
    db: &DatabaseConnection,
    id: i32,
) -> Result<(String, String, Vec<u8>), AppError> {
    let file = attachment::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((file.file_name, file.content_type, file.content))
}
