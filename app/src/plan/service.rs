//! Writing the plan: a new plan stored from its file, all or nothing; and an approved plan changed
//! through revisions (a draft edited by the secretariat or loaded from a file, then approved to take
//! effect on its date, or discarded), each step in one transaction with its audit entry.

use chrono::{NaiveDate, Utc};
use sea_orm::{
    sea_query::Expr, ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait,
    DatabaseConnection, DatabaseTransaction, DbErr, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, TransactionTrait,
};

use super::changes::differences;
use super::edits::{self, EditError, Target};
use super::file::{self, PlanFileError};
use super::registry;
use super::rules::{self, Part, Violation};
use super::types::PlanDefinition;
use crate::access::{Permission, Viewer};
use crate::audit::service::{self as audit, Actor, Change};
use crate::db::entities::{plan, plan_revision};
use crate::domain::RevisionState;
use crate::error::{AppError, Arg, Problem, FORM_FIELD};

#[derive(Debug, thiserror::Error)]
pub enum PlanLoadError {
    #[error("{0}")]
    File(#[from] PlanFileError),
    #[error(
        "{file}: a plan with the code '{code}' is already loaded; load the file as a revision of it on the plan's revisions page, or give a new plan another code"
    )]
    AlreadyLoaded { file: String, code: String },
    #[error("{file}: cannot be read: {reason}")]
    Unreadable { file: String, reason: String },
    #[error("the generated plan '{code}' breaks a rule of plans: {violation}")]
    Generated { code: String, violation: String },
    #[error("database error while loading the plan: {0}")]
    Database(#[from] DbErr),
}

/// What was stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadedPlan {
    pub plan_id: i32,
    pub code: String,
    pub themes: usize,
    pub actions: usize,
    pub milestones: usize,
}

/// Reads, validates and stores the plan file at `path`.
pub async fn load_plan_file(
    db: &DatabaseConnection,
    path: &std::path::Path,
) -> Result<LoadedPlan, PlanLoadError> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| PlanLoadError::Unreadable {
        file: name.clone(),
        reason: e.to_string(),
    })?;
    load_plan_text(db, &name, &text).await
}

/// Validates and stores the plan file `text`; `file` names it in error messages.
pub async fn load_plan_text(
    db: &DatabaseConnection,
    file: &str,
    text: &str,
) -> Result<LoadedPlan, PlanLoadError> {
    let known = registry::known(db).await?;
    let definition = file::parse_checked(file, text, Some(&known))?;
    store(db, file, &definition).await
}

/// Whether a plan with this code is already stored.
pub async fn is_loaded(db: &DatabaseConnection, code: &str) -> Result<bool, DbErr> {
    code_taken(db, code).await
}

/// Whether a stored plan has the code `code`; a load asks in its own transaction.
async fn code_taken(db: &impl ConnectionTrait, code: &str) -> Result<bool, DbErr> {
    Ok(plan::Entity::find()
        .filter(plan::Column::Code.eq(code))
        .one(db)
        .await?
        .is_some())
}

/// Stores `definition`, read from `file`, with its audit entry, in one transaction; refuses a plan
/// whose code is taken.
async fn store(
    db: &DatabaseConnection,
    file: &str,
    definition: &PlanDefinition,
) -> Result<LoadedPlan, PlanLoadError> {
    let txn = db.begin().await?;
    let loaded = store_in(&txn, file, definition).await?;
    crate::live::commit(txn, crate::live::Change::Stored).await?;
    Ok(loaded)
}

/// Checks a plan made by a program (`demo::scale`) against the rules a file obeys, and stores it
/// in `txn`, the transaction that also stores what it is made with.
pub async fn store_generated(
    txn: &DatabaseTransaction,
    definition: &PlanDefinition,
) -> Result<LoadedPlan, PlanLoadError> {
    let known = registry::known(txn).await?;
    rules::check(definition, Some(&known)).map_err(|violation| PlanLoadError::Generated {
        code: definition.code.clone(),
        violation: format!("{violation:?}"),
    })?;
    store_in(txn, "generated", definition).await
}

/// Stores `definition`, read from `file`, with its audit entry, in `txn`.
async fn store_in(
    txn: &DatabaseTransaction,
    file: &str,
    definition: &PlanDefinition,
) -> Result<LoadedPlan, PlanLoadError> {
    if code_taken(txn, &definition.code).await? {
        return Err(PlanLoadError::AlreadyLoaded {
            file: file.to_owned(),
            code: definition.code.clone(),
        });
    }
    let plan = insert_plan(txn, definition).await?;
    let start = plan_start(&plan);
    registry::apply(txn, &plan, definition, start).await?;
    let loaded = LoadedPlan {
        plan_id: plan.id,
        code: definition.code.clone(),
        themes: definition.themes.len(),
        actions: definition.actions().count(),
        milestones: definition.actions().map(|a| a.milestones.len()).sum(),
    };
    record_load(txn, file, &loaded).await?;
    Ok(loaded)
}

/// Inserts the plan itself, without its themes.
async fn insert_plan(
    txn: &DatabaseTransaction,
    definition: &PlanDefinition,
) -> Result<plan::Model, DbErr> {
    plan::ActiveModel {
        code: Set(definition.code.clone()),
        title_en: Set(definition.title.en.clone()),
        title_es: Set(definition.title.es.clone()),
        start_year: Set(definition.start_year),
        end_year: Set(definition.end_year),
        state: Set(definition.state.code().to_owned()),
        approved_on: Set(definition.approved_on),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(txn)
    .await
}

/// The load's audit entry: the plan's code, its file and how much it holds.
async fn record_load(
    txn: &DatabaseTransaction,
    file: &str,
    loaded: &LoadedPlan,
) -> Result<(), DbErr> {
    audit::record(
        txn,
        Actor::System,
        chrono::Utc::now(),
        Change {
            entity: "plan",
            entity_id: loaded.plan_id.to_string(),
            operation: "load",
            country_id: None,
            before: None,
            after: Some(serde_json::json!({
                "code": loaded.code,
                "file": file,
                "themes": loaded.themes,
                "actions": loaded.actions,
                "milestones": loaded.milestones,
            })),
        },
    )
    .await
}

/// The first day of the plan's period.
pub fn plan_start(plan: &plan::Model) -> NaiveDate {
    NaiveDate::from_ymd_opt(plan.start_year, 1, 1).unwrap_or_default()
}

/// The last day of the plan's period.
pub fn plan_end(plan: &plan::Model) -> NaiveDate {
    NaiveDate::from_ymd_opt(plan.end_year, 12, 31).unwrap_or_default()
}

/// An edit of a draft revision, as its form sends it.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub enum RevisionEdit {
    /// The revision's reason and the day it takes effect.
    Details {
        reason: String,
        effective_on: NaiveDate,
    },
    /// Change part of the plan (see `edits`).
    Put(Box<edits::Put>),
    Move {
        target: Target,
        up: bool,
    },
    Retire(Target),
}

/// The audit entity of a revision.
pub const REVISION_ENTITY: &str = "plan_revision";

/// The longest reason a revision can give.
pub const MOST_REASON: usize = 2000;

/// Starts a draft revision of the current plan, from the plan as last approved: refused while
/// another draft is open. Returns the new revision's number.
pub async fn start_revision(
    db: &DatabaseConnection,
    viewer: &Viewer,
    reason: &str,
    effective_on: NaiveDate,
) -> Result<i32, AppError> {
    let plan = coordinator_plan(db, viewer).await?;
    open_draft(db, viewer, &plan, None, (reason, effective_on)).await
}

/// Opens a draft revision whose plan is the file `text` (named `file`): the file must describe the
/// current plan (the same code). The draft's page then shows what it would change; approving it
/// applies all of it, discarding it nothing. Returns the new revision's number.
pub async fn load_revision(
    db: &DatabaseConnection,
    viewer: &Viewer,
    (file, text): (&str, &str),
    reason: &str,
    effective_on: NaiveDate,
) -> Result<i32, AppError> {
    let plan = coordinator_plan(db, viewer).await?;
    let known = registry::known(db).await?;
    let content = file::parse_checked(file, text, Some(&known)).map_err(file_problem)?;
    if content.code != plan.code {
        return Err(Problem::with_args(
            "file",
            "revision-file-other-plan",
            vec![
                ("code", Arg::Text(content.code.clone())),
                ("plan", Arg::Text(plan.code.clone())),
            ],
        )
        .into());
    }
    open_draft(
        db,
        viewer,
        &plan,
        Some((file, content)),
        (reason, effective_on),
    )
    .await
}

/// Opens a draft revision of `plan` with the plan of a `file` (its name and content), or else the
/// plan as last approved, in one transaction with its audit entry.
async fn open_draft(
    db: &DatabaseConnection,
    viewer: &Viewer,
    plan: &plan::Model,
    file: Option<(&str, PlanDefinition)>,
    (reason, effective_on): (&str, NaiveDate),
) -> Result<i32, AppError> {
    let txn = db.begin().await?;
    ensure_original_revision(&txn, plan).await?;
    let latest = latest_approved(&txn, plan.id).await?;
    let (operation, name, content) = match file {
        Some((name, content)) => ("load", Some(name), content),
        None => ("start", None, read_content(&latest)?),
    };
    let number = new_draft(&txn, viewer, plan, &latest, reason, effective_on, &content).await?;
    let after = serde_json::json!({
        "reason": reason.trim(),
        "effective_on": effective_on,
        "file": name,
    });
    audit::record(
        &txn,
        Actor::User(viewer.user_id),
        Utc::now(),
        revision_change(plan, number, operation, after),
    )
    .await?;
    crate::live::commit(txn, crate::live::Change::Stored).await?;
    Ok(number)
}

/// A plan file's mistake as the problem of the form's `file` field, in the reader's language.
fn file_problem(error: PlanFileError) -> AppError {
    let message = match &error.rule {
        Some(rule) => Arg::Rule(Box::new(rule.problem(""))),
        None => Arg::Text(error.message.clone()),
    };
    Problem::with_args(
        "file",
        "revision-file-error",
        vec![
            ("file", Arg::Text(error.file.clone())),
            ("line", Arg::Text(error.line.to_string())),
            ("field", Arg::Text(error.field.clone())),
            ("message", message),
        ],
    )
    .into()
}

/// Makes one edit to the draft revision `number`: the edited plan must keep every rule. A form
/// sends the token of the draft it showed (`seen`): if the draft changed since, the edit is refused
/// rather than made over a change its author did not see. Without a token (another client), an
/// edit made on a draft that changed meanwhile is made again on the new draft.
pub async fn edit_revision(
    db: &DatabaseConnection,
    viewer: &Viewer,
    number: i32,
    edit: &RevisionEdit,
    seen: Option<&str>,
) -> Result<(), AppError> {
    let plan = coordinator_plan(db, viewer).await?;
    let known = registry::known(db).await?;
    let edit = &with_fresh_milestone_code(db, &plan, edit).await?;
    for _attempt in 0..3 {
        let txn = db.begin().await?;
        let draft = draft(&txn, plan.id, number).await?;
        check_seen(&draft, seen)?;
        let mut content: PlanDefinition = read_content(&draft)?;
        let mut reason = draft.reason.clone();
        let mut effective_on = draft.effective_on;
        match edit {
            RevisionEdit::Details {
                reason: new_reason,
                effective_on: day,
            } => {
                let latest = latest_approved(&txn, plan.id).await?;
                check_details(&plan, &latest, new_reason, *day)?;
                reason = new_reason.trim().to_owned();
                effective_on = *day;
            }
            RevisionEdit::Put(put) => {
                let part = edits::put(&mut content, put).map_err(edit_problem)?;
                rules::check(&content, Some(&known)).map_err(|v| violation_problem(&v, part))?;
            }
            RevisionEdit::Move { target, up } => {
                edits::move_part(&mut content, target, *up).map_err(edit_problem)?;
            }
            RevisionEdit::Retire(target) => {
                edits::retire(&mut content, target).map_err(edit_problem)?;
                rules::check(&content, Some(&known))
                    .map_err(|v| violation_problem(&v, Part::Plan))?;
            }
        }
        let written = serde_json::to_string(&content).map_err(|_| AppError::Internal)?;
        // Written only if nobody changed the draft since it was read.
        let updated = plan_revision::Entity::update_many()
            .col_expr(plan_revision::Column::Content, Expr::value(written))
            .col_expr(plan_revision::Column::Reason, Expr::value(reason))
            .col_expr(
                plan_revision::Column::EffectiveOn,
                Expr::value(effective_on),
            )
            .filter(plan_revision::Column::Id.eq(draft.id))
            .filter(plan_revision::Column::Content.eq(draft.content.clone()))
            .filter(plan_revision::Column::Reason.eq(draft.reason.clone()))
            .filter(plan_revision::Column::EffectiveOn.eq(draft.effective_on))
            .filter(plan_revision::Column::State.eq(RevisionState::Draft.code()))
            .exec(&txn)
            .await?;
        if updated.rows_affected == 0 {
            txn.rollback().await?;
            continue;
        }
        audit::record(
            &txn,
            Actor::User(viewer.user_id),
            Utc::now(),
            revision_change(
                &plan,
                number,
                "edit",
                serde_json::to_value(edit).unwrap_or_default(),
            ),
        )
        .await?;
        crate::live::commit(txn, crate::live::Change::Stored).await?;
        return Ok(());
    }
    Err(Problem::new(FORM_FIELD, "revision-busy").into())
}

/// Approves the draft revision `number`: the plan becomes what it says, from its effective date on
/// (figures of earlier days keep the plan as it stood then). Refused when it changes nothing, when
/// it changed since the approver saw it (`seen`), and before the day it takes effect: until then
/// the plan in force is the one the countries report on.
pub async fn approve_revision(
    db: &DatabaseConnection,
    viewer: &Viewer,
    number: i32,
    seen: Option<&str>,
    today: NaiveDate,
) -> Result<(), AppError> {
    let plan = coordinator_plan(db, viewer).await?;
    let known = registry::known(db).await?;
    let txn = db.begin().await?;
    let draft = draft(&txn, plan.id, number).await?;
    check_seen(&draft, seen)?;
    if draft.effective_on > today {
        return Err(Problem::with_args(
            FORM_FIELD,
            "revision-not-yet-effective",
            vec![("day", Arg::Text(draft.effective_on.to_string()))],
        )
        .into());
    }
    let latest = latest_approved(&txn, plan.id).await?;
    check_details(&plan, &latest, &draft.reason, draft.effective_on)?;
    let content: PlanDefinition = read_content(&draft)?;
    rules::check(&content, Some(&known)).map_err(|v| violation_problem(&v, Part::Plan))?;
    let found = differences(&read_content(&latest)?, &content);
    if found.is_empty() {
        return Err(Problem::new(FORM_FIELD, "revision-no-differences").into());
    }
    let approved = plan_revision::Entity::update_many()
        .col_expr(
            plan_revision::Column::State,
            Expr::value(RevisionState::Approved.code()),
        )
        .col_expr(plan_revision::Column::ApprovedAt, Expr::value(Utc::now()))
        .col_expr(
            plan_revision::Column::ApprovedBy,
            Expr::value(viewer.user_id),
        )
        .filter(plan_revision::Column::Id.eq(draft.id))
        .filter(plan_revision::Column::Content.eq(draft.content.clone()))
        .filter(plan_revision::Column::Reason.eq(draft.reason.clone()))
        .filter(plan_revision::Column::EffectiveOn.eq(draft.effective_on))
        .filter(plan_revision::Column::State.eq(RevisionState::Draft.code()))
        .exec(&txn)
        .await?;
    if approved.rows_affected == 0 {
        return Err(Problem::new(FORM_FIELD, "revision-busy").into());
    }
    registry::apply(&txn, &plan, &content, draft.effective_on).await?;
    audit::record(
        &txn,
        Actor::User(viewer.user_id),
        Utc::now(),
        revision_change(
            &plan,
            number,
            "approve",
            serde_json::json!({
                "reason": draft.reason,
                "effective_on": draft.effective_on,
                "differences": found,
            }),
        ),
    )
    .await?;
    let change = crate::live::Change::Plan(crate::live::PlanChange {
        kind: "plan".to_owned(),
        country: String::new(),
        action: None,
    });
    crate::live::commit(txn, change).await?;
    Ok(())
}

/// Discards the draft revision `number`: the plan stays as it was.
pub async fn discard_revision(
    db: &DatabaseConnection,
    viewer: &Viewer,
    number: i32,
) -> Result<(), AppError> {
    let plan = coordinator_plan(db, viewer).await?;
    let txn = db.begin().await?;
    let draft = draft(&txn, plan.id, number).await?;
    let discarded = plan_revision::Entity::update_many()
        .col_expr(
            plan_revision::Column::State,
            Expr::value(RevisionState::Discarded.code()),
        )
        .filter(plan_revision::Column::Id.eq(draft.id))
        .filter(plan_revision::Column::State.eq(RevisionState::Draft.code()))
        .exec(&txn)
        .await?;
    if discarded.rows_affected == 0 {
        return Err(Problem::new(FORM_FIELD, "revision-not-draft").into());
    }
    audit::record(
        &txn,
        Actor::User(viewer.user_id),
        Utc::now(),
        revision_change(
            &plan,
            number,
            "discard",
            serde_json::json!({ "reason": draft.reason }),
        ),
    )
    .await?;
    crate::live::commit(txn, crate::live::Change::Stored).await?;
    Ok(())
}

/// Refuses a form that showed the draft as it was before a change made since (`seen`, its token).
fn check_seen(draft: &plan_revision::Model, seen: Option<&str>) -> Result<(), AppError> {
    match seen {
        Some(seen) if seen != registry::draft_token(draft) => {
            Err(Problem::new(FORM_FIELD, "revision-changed-since").into())
        }
        _ => Ok(()),
    }
}

/// The edit with a new milestone's code settled: the first `M` code its action never had, in the
/// database or in a draft (so that a retired milestone's reports are never taken over).
async fn with_fresh_milestone_code(
    db: &DatabaseConnection,
    plan: &plan::Model,
    edit: &RevisionEdit,
) -> Result<RevisionEdit, AppError> {
    let RevisionEdit::Put(put) = edit else {
        return Ok(edit.clone());
    };
    let edits::Put::Milestone {
        action,
        existing: None,
        fields,
    } = put.as_ref()
    else {
        return Ok(edit.clone());
    };
    if !fields.code.is_empty() {
        return Ok(edit.clone());
    }
    let stored = registry::milestone_codes(db, plan.id, action).await?;
    let mut fields = fields.clone();
    fields.code = rules::fresh_milestone_code(|code| stored.iter().any(|c| c == code));
    Ok(RevisionEdit::Put(Box::new(edits::Put::Milestone {
        action: action.clone(),
        existing: None,
        fields,
    })))
}

/// The current plan, for a user who may edit it.
async fn coordinator_plan(
    db: &DatabaseConnection,
    viewer: &Viewer,
) -> Result<plan::Model, AppError> {
    if !viewer.may(Permission::Coordinate) {
        return Err(AppError::Forbidden);
    }
    super::queries::require_current_plan(db).await
}

/// Records the plan as its rows say as its first revision, approved when it was loaded and in
/// effect from the plan's start, unless it has revisions already.
pub async fn ensure_original_revision(
    txn: &DatabaseTransaction,
    plan: &plan::Model,
) -> Result<(), AppError> {
    let revisions = plan_revision::Entity::find()
        .filter(plan_revision::Column::PlanId.eq(plan.id))
        .count(txn)
        .await?;
    if revisions > 0 {
        return Ok(());
    }
    let content = registry::definition_of(txn, plan).await?;
    plan_revision::ActiveModel {
        plan_id: Set(plan.id),
        number: Set(1),
        state: Set(RevisionState::Approved.code().to_owned()),
        reason: Set(String::new()),
        effective_on: Set(plan_start(plan)),
        content: Set(serde_json::to_string(&content).map_err(|_| AppError::Internal)?),
        created_at: Set(plan.created_at),
        created_by: Set(None),
        approved_at: Set(Some(plan.created_at)),
        approved_by: Set(None),
        ..Default::default()
    }
    .insert(txn)
    .await
    .map_err(|error| match error.sql_err() {
        // Another server recorded it at the same moment.
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => {
            AppError::from(Problem::new(FORM_FIELD, "revision-busy"))
        }
        _ => error.into(),
    })?;
    Ok(())
}

/// The plan's approved revision with the highest number: the plan as last approved.
async fn latest_approved(
    txn: &DatabaseTransaction,
    plan_id: i32,
) -> Result<plan_revision::Model, AppError> {
    plan_revision::Entity::find()
        .filter(plan_revision::Column::PlanId.eq(plan_id))
        .filter(plan_revision::Column::State.eq(RevisionState::Approved.code()))
        .order_by_desc(plan_revision::Column::Number)
        .one(txn)
        .await?
        .ok_or(AppError::Internal)
}

/// The plan's revision `number`, which must be an open draft.
async fn draft(
    txn: &DatabaseTransaction,
    plan_id: i32,
    number: i32,
) -> Result<plan_revision::Model, AppError> {
    let revision = plan_revision::Entity::find()
        .filter(plan_revision::Column::PlanId.eq(plan_id))
        .filter(plan_revision::Column::Number.eq(number))
        .one(txn)
        .await?
        .ok_or(AppError::NotFound)?;
    if revision.state != RevisionState::Draft.code() {
        return Err(Problem::new(FORM_FIELD, "revision-not-draft").into());
    }
    Ok(revision)
}

/// Inserts a draft revision after the plan's last one: refused while another draft is open, or
/// when its reason or date break the rules.
async fn new_draft(
    txn: &DatabaseTransaction,
    viewer: &Viewer,
    plan: &plan::Model,
    latest: &plan_revision::Model,
    reason: &str,
    effective_on: NaiveDate,
    content: &PlanDefinition,
) -> Result<i32, AppError> {
    check_details(plan, latest, reason, effective_on)?;
    let revisions = plan_revision::Entity::find()
        .filter(plan_revision::Column::PlanId.eq(plan.id))
        .all(txn)
        .await?;
    if revisions
        .iter()
        .any(|r| r.state == RevisionState::Draft.code())
    {
        return Err(Problem::new(FORM_FIELD, "revision-draft-open").into());
    }
    let number = revisions.iter().map(|r| r.number).max().unwrap_or(0) + 1;
    plan_revision::ActiveModel {
        plan_id: Set(plan.id),
        number: Set(number),
        state: Set(RevisionState::Draft.code().to_owned()),
        reason: Set(reason.trim().to_owned()),
        effective_on: Set(effective_on),
        content: Set(serde_json::to_string(content).map_err(|_| AppError::Internal)?),
        created_at: Set(Utc::now()),
        created_by: Set(Some(viewer.user_id)),
        ..Default::default()
    }
    .insert(txn)
    .await
    .map_err(|error| match error.sql_err() {
        // Another draft was opened at the same moment.
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => {
            AppError::from(Problem::new(FORM_FIELD, "revision-draft-open"))
        }
        _ => error.into(),
    })?;
    Ok(number)
}

/// A revision needs a reason, and takes effect within the plan's period, not before the revision
/// approved last (so that the plan's history reads in one order).
fn check_details(
    plan: &plan::Model,
    latest: &plan_revision::Model,
    reason: &str,
    effective_on: NaiveDate,
) -> Result<(), AppError> {
    let mut problems = Vec::new();
    let reason = reason.trim();
    if reason.is_empty() {
        problems.push(Problem::new("reason", "revision-reason-required"));
    } else if reason.chars().count() > MOST_REASON || crate::text::has_hidden_characters(reason) {
        problems.push(Problem::with_limit(
            "reason",
            "revision-reason-invalid",
            u32::try_from(MOST_REASON).unwrap_or(u32::MAX),
        ));
    }
    let (start, end) = (plan_start(plan), plan_end(plan));
    if effective_on < start || effective_on > end {
        problems.push(Problem::with_args(
            "effective_on",
            "revision-effective-outside",
            vec![
                ("start", Arg::Text(start.to_string())),
                ("end", Arg::Text(end.to_string())),
            ],
        ));
    } else if effective_on < latest.effective_on {
        problems.push(Problem::with_args(
            "effective_on",
            "revision-effective-before-latest",
            vec![
                ("day", Arg::Text(latest.effective_on.to_string())),
                ("number", Arg::Text(latest.number.to_string())),
            ],
        ));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(AppError::Invalid(problems))
    }
}

fn read_content(revision: &plan_revision::Model) -> Result<PlanDefinition, AppError> {
    serde_json::from_str(&revision.content).map_err(|error| {
        tracing::error!(revision = revision.id, %error, "a stored revision cannot be read");
        AppError::Internal
    })
}

/// An edit that cannot be made, as the problem of its form.
fn edit_problem(error: EditError) -> AppError {
    match error {
        EditError::Missing => Problem::new(FORM_FIELD, "revision-part-missing").into(),
        EditError::NotEmpty(kind) => Problem::with_args(
            FORM_FIELD,
            "revision-part-not-empty",
            vec![("kind", Arg::Term(kind.label_key().to_owned()))],
        )
        .into(),
        EditError::Broken(violation) => violation_problem(&violation, Part::Plan),
    }
}

/// A broken rule as the problem of the field it names, when it is in the part the form edits
/// (`edited`); otherwise of the form as a whole.
fn violation_problem(violation: &Violation, edited: Part) -> AppError {
    let field = if violation.part == edited {
        violation.field.as_str()
    } else {
        FORM_FIELD
    };
    violation.rule.problem(field).into()
}

/// The audit entry of a step of the revision `number` of `plan`.
fn revision_change(
    plan: &plan::Model,
    number: i32,
    operation: &'static str,
    after: serde_json::Value,
) -> Change {
    Change {
        entity: REVISION_ENTITY,
        entity_id: format!("{}/{number}", plan.code),
        operation,
        country_id: None,
        before: None,
        after: Some(after),
    }
}
