//! Imports: a file uploaded is read into rows and kept for its user; its preview is worked out anew
//! against what is stored each time it is shown; once confirmed, every change it makes is written
//! in one transaction, through the same checked saves as the forms (`indicators::service::
//! check_values`, `actions::service::check_update`), each with its audit entry, and announced.
//! A row whose record changed since its template was made is left out as a conflict, never
//! overwritten.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, TransactionTrait,
};
use serde_json::json;

use super::queries::pending_import;
use super::rules::{read_rows, value_stamp, Column, KEPT_HOURS};
use super::sheet::{self, SheetError};
use super::types::{
    FileProblem, FileRows, ImportKind, MilestoneRow, Place, Preview, RowChange, ShownProblem,
    StatusRow, UploadForm, ValueRow, SHOWN_PROBLEMS,
};
use crate::access::{Permission, Viewer};
use crate::actions::rules::{ActionUpdate, MilestoneUpdate};
use crate::actions::service::{check_update, UpdateChange, UpdateSave};
use crate::audit::service::{self as audit, Actor, Change};
use crate::db::entities::{
    action, country, indicator, indicator_value, milestone, milestone_progress, pending_import,
};
use crate::domain::{IndicatorKind, Status};
use crate::error::{AppError, Arg, Problem, FORM_FIELD};
use crate::i18n::{t, t_args, Lang};
use crate::indicators::rules::{format_value, ReportedValue, ValueForm};
use crate::indicators::service::{check_values, ValuesSave};

/// The audit trail's name for imports.
const ENTITY: &str = "import";
/// How many imports a user may keep waiting.
const MOST_KEPT: usize = 10;

/// Reads the file `bytes` sent with `form` (its scope) for `viewer` and keeps its rows until
/// confirmed or discarded; returns the import's id. A file that cannot be read at all is refused
/// here, with why.
pub async fn upload(
    db: &DatabaseConnection,
    viewer: &Viewer,
    form: &UploadForm,
    bytes: &[u8],
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    let kind = ImportKind::from_code(form.kind.trim()).ok_or(AppError::Unreadable)?;
    let country = match form.country.trim() {
        "" => None,
        iso2 => Some(
            crate::db::countries::member_country(db, iso2)
                .await?
                .ok_or(AppError::NotFound)?,
        ),
    };
    let year = match (kind, form.year.trim()) {
        (ImportKind::Statuses, _) => None,
        (ImportKind::Values, year) => Some(year.parse::<i32>().map_err(|_| AppError::Unreadable)?),
    };
    match &country {
        Some(country) if viewer.may(Permission::EditCountry(country.id)) => {}
        None if kind == ImportKind::Statuses && viewer.may(Permission::Coordinate) => {}
        _ => return Err(AppError::Forbidden),
    }
    check_size(bytes)?;
    // Reading a workbook is work for a processor, not a wait: off the threads that answer requests.
    let owned = bytes.to_vec();
    let read = tokio::task::spawn_blocking(move || {
        sheet::read(&owned).map(|sheets| read_rows(kind, &sheets))
    })
    .await
    .map_err(|_| AppError::Internal)?;
    let rows = read.map_err(|error| sheet_problem(&error))?;
    let content = serde_json::to_string(&rows).map_err(|_| AppError::Internal)?;
    let file_name = clean_file_name(&form.file_name);

    let txn = db.begin().await?;
    forget_old_imports(&txn, viewer.user_id, now).await?;
    let pending = pending_import::ActiveModel {
        user_id: Set(viewer.user_id),
        kind: Set(kind.code().to_owned()),
        country_id: Set(country.as_ref().map(|c| c.id)),
        year: Set(year),
        file_name: Set(file_name.clone()),
        content: Set(content),
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
            entity: ENTITY,
            entity_id: pending.id.to_string(),
            operation: "upload",
            country_id: pending.country_id,
            before: None,
            after: Some(json!({
                "kind": kind.code(),
                "year": year,
                "file": file_name,
                "values": rows.values.len(),
                "statuses": rows.statuses.len(),
                "milestones": rows.milestones.len(),
                "problems": rows.problems.len(),
            })),
        },
    )
    .await?;
    crate::live::commit(txn, crate::live::Change::Stored).await?;
    Ok(pending.id)
}

/// Forgets `user_id`'s imports not confirmed within `KEPT_HOURS`, and all but the newest few.
async fn forget_old_imports(
    txn: &sea_orm::DatabaseTransaction,
    user_id: i32,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    // An import not confirmed within a day is forgotten, and a user keeps a few at most.
    pending_import::Entity::delete_many()
        .filter(pending_import::Column::UserId.eq(user_id))
        .filter(pending_import::Column::CreatedAt.lt(now - chrono::Duration::hours(KEPT_HOURS)))
        .exec(txn)
        .await?;
    let kept: Vec<i32> = pending_import::Entity::find()
        .filter(pending_import::Column::UserId.eq(user_id))
        .order_by_desc(pending_import::Column::Id)
        .all(txn)
        .await?
        .into_iter()
        .skip(MOST_KEPT - 1)
        .map(|pending| pending.id)
        .collect();
    pending_import::Entity::delete_many()
        .filter(pending_import::Column::Id.is_in(kept))
        .exec(txn)
        .await?;
    Ok(())
}

/// Refuses no file, and a file larger than an import reads.
fn check_size(bytes: &[u8]) -> Result<(), AppError> {
    if bytes.is_empty() {
        return Err(Problem::new("file", "import-file-missing").into());
    }
    if bytes.len() > crate::error::FILE_LIMIT_BYTES {
        return Err(file_too_large().into());
    }
    Ok(())
}

fn file_too_large() -> Problem {
    Problem::with_limit(
        "file",
        "import-file-too-large",
        (crate::error::FILE_LIMIT_BYTES / 1024) as u32,
    )
}

/// A file's name as the preview shows it: its last part, visible characters only, at most 200.
fn clean_file_name(name: &str) -> String {
    let name = name.rsplit(['/', '\\']).next().unwrap_or_default();
    name.chars().filter(|c| !c.is_control()).take(200).collect()
}

/// Why a file cannot be read, said for the user.
fn sheet_problem(error: &SheetError) -> Problem {
    match error {
        SheetError::NotASpreadsheet => Problem::new("file", "import-not-spreadsheet"),
        SheetError::OtherFormat => Problem::new("file", "import-other-format"),
        SheetError::NotUtf8 => Problem::new("file", "import-not-utf8"),
        SheetError::Encrypted => Problem::new("file", "import-encrypted"),
        SheetError::TooLarge => file_too_large(),
        SheetError::TooManyRows { sheet } => Problem::with_args(
            "file",
            "import-too-many-rows",
            vec![
                ("sheet", Arg::Text(sheet.clone())),
                ("limit", Arg::Text(sheet::MAX_ROWS.to_string())),
            ],
        ),
        SheetError::TooManyColumns { sheet } => Problem::with_args(
            "file",
            "import-too-many-columns",
            vec![
                ("sheet", Arg::Text(sheet.clone())),
                ("limit", Arg::Text(sheet::MAX_COLUMNS.to_string())),
            ],
        ),
        SheetError::Damaged(_) => Problem::new("file", "import-damaged"),
    }
}

/// The preview of the import `id`, worked out now, in `lang`.
pub async fn preview(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i32,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<Preview, AppError> {
    let pending = pending_import(db, viewer, id).await?;
    let rows = stored_rows(&pending)?;
    let plan = plan(db, viewer, &pending, &rows, lang, now).await?;
    let country = match pending.country_id {
        Some(country_id) => country::Entity::find_by_id(country_id).one(db).await?,
        None => None,
    };
    let kind = ImportKind::from_code(&pending.kind).ok_or(AppError::Internal)?;
    let scope_label = match (&country, pending.year) {
        (Some(country), Some(year)) => t_args(
            lang,
            "import-scope-values",
            &[
                ("country", name_in(country, lang).into()),
                ("year", year.into()),
            ],
        ),
        (Some(country), None) => t_args(
            lang,
            "import-scope-statuses",
            &[("country", name_in(country, lang).into())],
        ),
        (None, _) => t(lang, "import-scope-all"),
    };
    let problem_count = plan.problems.len();
    let problems = plan
        .problems
        .iter()
        .take(SHOWN_PROBLEMS)
        .map(|problem| shown(problem, lang))
        .collect();
    Ok(Preview {
        id,
        kind,
        scope_label,
        file_name: pending.file_name.clone(),
        uploaded_at: pending.created_at.format("%Y-%m-%d %H:%M UTC").to_string(),
        changes: plan.changes,
        conflicts: plan.conflicts,
        problems,
        problem_count,
        seen: plan.token,
        done_path: done_path(&pending, country.as_ref()),
    })
}

/// A problem as the preview lists it.
fn shown(problem: &FileProblem, lang: Lang) -> ShownProblem {
    ShownProblem {
        sheet: problem
            .place
            .as_ref()
            .map(|place| place.sheet.clone())
            .unwrap_or_default(),
        row: problem.place.as_ref().map(|place| place.row),
        column: problem.column.as_ref().map(|(index, key)| {
            format!("{} · {}", super::rules::column_letter(*index), t(lang, key))
        }),
        message: problem.problem.message(lang),
    }
}

/// Where the figures an import wrote are shown.
fn done_path(pending: &pending_import::Model, country: Option<&country::Model>) -> String {
    match (country, pending.year) {
        (Some(country), Some(year)) => {
            crate::urls::country_indicators_path(&country.iso2, Some(year))
        }
        (Some(country), None) => crate::urls::country_path(&country.iso2),
        (None, _) => "/matrix".to_owned(),
    }
}

fn stored_rows(pending: &pending_import::Model) -> Result<FileRows, AppError> {
    serde_json::from_str(&pending.content).map_err(|error| {
        tracing::error!(%error, id = pending.id, "a pending import cannot be read back");
        AppError::Internal
    })
}

/// Writes the import `id` as its preview showed it (`seen`): every change in one transaction, or
/// nothing. Returns where its figures are shown.
pub async fn confirm(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i32,
    seen: &str,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    let pending = pending_import(db, viewer, id).await?;
    let rows = stored_rows(&pending)?;
    let plan = plan(db, viewer, &pending, &rows, Lang::En, now).await?;
    if !plan.problems.is_empty() {
        return Err(Problem::new(FORM_FIELD, "import-has-problems").into());
    }
    if plan.token != seen {
        return Err(changed_since_preview());
    }
    if plan.writes.is_empty() {
        return Err(Problem::new(FORM_FIELD, "import-nothing").into());
    }
    let country = match pending.country_id {
        Some(country_id) => country::Entity::find_by_id(country_id).one(db).await?,
        None => None,
    };
    let done = done_path(&pending, country.as_ref());
    let txn = db.begin().await?;
    let mut changed = Vec::new();
    for write in &plan.writes {
        let written = match write {
            Write::Values(save) => save.write(&txn, viewer, now).await?,
            Write::Update(iso2, save) => {
                // One change per country, not per action: an import may change thousands.
                changed.push(crate::live::PlanChange::updates(iso2));
                save.write(&txn, viewer, now).await?.is_some()
            }
        };
        if !written {
            txn.rollback().await?;
            return Err(changed_since_preview());
        }
    }
    if changed.is_empty() {
        changed.push(crate::live::Change::Stored);
    }
    changed.dedup();
    // Each save above has its audit entry; the import itself is used up.
    pending_import::Entity::delete_by_id(pending.id)
        .exec(&txn)
        .await?;
    crate::live::commit_all(txn, changed).await?;
    Ok(done)
}

fn changed_since_preview() -> AppError {
    Problem::new(FORM_FIELD, "import-changed-since-preview").into()
}

/// Forgets the import `id` unwritten.
pub async fn discard(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i32,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let pending = pending_import(db, viewer, id).await?;
    let txn = db.begin().await?;
    pending_import::Entity::delete_by_id(pending.id)
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        Actor::User(viewer.user_id),
        now,
        Change {
            entity: ENTITY,
            entity_id: pending.id.to_string(),
            operation: "discard",
            country_id: pending.country_id,
            before: Some(json!({ "kind": pending.kind, "file": pending.file_name })),
            after: None,
        },
    )
    .await?;
    crate::live::commit(txn, crate::live::Change::Stored).await?;
    Ok(())
}

/// One checked save of an import.
enum Write {
    Values(ValuesSave),
    /// A country's update on an action, with the country's ISO code.
    Update(String, UpdateSave),
}

/// What an import would do now: its changes, the rows left out as conflicts, its problems, the
/// saves that make the changes, and a token of the stored versions they were checked against.
#[derive(Default)]
struct Plan {
    changes: Vec<RowChange>,
    conflicts: Vec<RowChange>,
    problems: Vec<FileProblem>,
    writes: Vec<Write>,
    token: String,
}

impl Plan {
    /// A problem at `place` and the column named `field` (a form's field or a column's code).
    fn problem(
        &mut self,
        rows: &FileRows,
        place: Option<&Place>,
        field: Option<&str>,
        problem: Problem,
    ) {
        let column = match (place, field) {
            (Some(place), Some(field)) => column_of_field(field)
                .and_then(|column| rows.column(&place.sheet, &column.label_key())),
            _ => None,
        };
        self.problems.push(FileProblem {
            place: place.cloned(),
            column,
            problem,
        });
    }
}

/// The column a form's field is typed in.
fn column_of_field(field: &str) -> Option<Column> {
    match field {
        "narrative" => Some(Column::NarrativeEn),
        "milestones" => Some(Column::AchievedOn),
        field => Column::ALL
            .into_iter()
            .find(|column| column.code() == field),
    }
}

async fn plan(
    db: &DatabaseConnection,
    viewer: &Viewer,
    pending: &pending_import::Model,
    rows: &FileRows,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<Plan, AppError> {
    let mut plan = Plan {
        problems: rows.problems.clone(),
        ..Plan::default()
    };
    let country = match pending.country_id {
        Some(country_id) => Some(
            country::Entity::find_by_id(country_id)
                .one(db)
                .await?
                .ok_or(AppError::NotFound)?,
        ),
        None => None,
    };
    match ImportKind::from_code(&pending.kind).ok_or(AppError::Internal)? {
        ImportKind::Values => {
            let (Some(country), Some(year)) = (country, pending.year) else {
                return Err(AppError::Internal);
            };
            plan_values(db, viewer, &country, year, rows, lang, &mut plan).await?;
        }
        ImportKind::Statuses => {
            plan_statuses(db, viewer, country.as_ref(), rows, lang, now, &mut plan).await?;
        }
    }
    Ok(plan)
}

/// The refusal of a whole save, placed in the file: a problem about a row goes to that row, one
/// about the file (the access policy, a locked submission) to the file.
fn placed_refusal(
    error: AppError,
    rows: &FileRows,
    place: Option<&Place>,
    place_of: impl Fn(&Problem) -> Option<Place>,
    iso2: &str,
    plan: &mut Plan,
) -> Result<(), AppError> {
    match error {
        AppError::Invalid(problems) => {
            for problem in problems {
                let at = place_of(&problem).or_else(|| place.cloned());
                let field = problem.field.clone();
                plan.problem(rows, at.as_ref(), Some(&field), problem);
            }
            Ok(())
        }
        AppError::Forbidden => {
            let problem = Problem::with_args(
                "country",
                "import-not-yours",
                vec![("country", Arg::Text(iso2.to_owned()))],
            );
            plan.problem(rows, place, Some("country"), problem);
            Ok(())
        }
        AppError::NotFound => {
            let problem = unknown("import-country-unknown", iso2);
            plan.problem(rows, place, Some("country"), problem);
            Ok(())
        }
        other => Err(other),
    }
}

/// The rows whose value changed since their template was made and which the file would change
/// again: left out, not overwritten.
fn left_out<'a>(rows: &'a [ValueRow], save: &ValuesSave) -> Vec<&'a ValueRow> {
    let changed: Vec<String> = save.changed().into_iter().map(|(code, ..)| code).collect();
    rows.iter()
        .filter(|row| {
            let code = &row.form.indicator;
            row.stamp.as_ref().is_some_and(|stamp| {
                *stamp != value_stamp(save.stored(code).as_ref()) && changed.contains(code)
            })
        })
        .collect()
}

/// The rows of a values file as the values form would send them; a file without a note column
/// leaves the notes as they are.
async fn value_forms(
    db: &DatabaseConnection,
    country_id: i32,
    year: i32,
    rows: &FileRows,
) -> Result<Vec<ValueForm>, AppError> {
    let notes = stored_notes(db, country_id, year).await?;
    Ok(rows
        .values
        .iter()
        .map(|row| {
            let mut form = row.form.clone();
            if rows
                .column(&row.place.sheet, &Column::Note.label_key())
                .is_none()
            {
                form.note = notes.get(&form.indicator).cloned().unwrap_or_default();
            }
            form
        })
        .collect())
}

/// The notes `country_id` keeps on its values of `year`, by indicator code.
async fn stored_notes(
    db: &DatabaseConnection,
    country_id: i32,
    year: i32,
) -> Result<HashMap<String, String>, AppError> {
    let codes: HashMap<i32, String> = indicator::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|indicator| (indicator.id, indicator.code))
        .collect();
    Ok(indicator_value::Entity::find()
        .filter(indicator_value::Column::CountryId.eq(country_id))
        .filter(indicator_value::Column::Year.eq(year))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|value| Some((codes.get(&value.indicator_id)?.clone(), value.note?)))
        .collect())
}

/// Places a problem at each row of `rows` for another country or another year than the import's.
fn check_values_scope(
    country: &country::Model,
    year: i32,
    rows: &FileRows,
    lang: Lang,
    plan: &mut Plan,
) {
    for row in &rows.values {
        if !row.country.is_empty() && row.country != country.iso2 {
            let problem = other_country(&row.country, country, lang);
            plan.problem(rows, Some(&row.place), Some("country"), problem);
        } else if let Some(other) = row.year.filter(|y| *y != year) {
            let problem = Problem::with_args(
                "year",
                "import-other-year",
                vec![
                    ("file", Arg::Text(other.to_string())),
                    ("year", Arg::Text(year.to_string())),
                ],
            );
            plan.problem(rows, Some(&row.place), Some("year"), problem);
        }
    }
}

/// A value as the preview says it: the value in words or figures, and its source.
fn described(lang: Lang, kind: IndicatorKind, value: Option<&ReportedValue>) -> String {
    match value {
        Some(value) => {
            let note = value
                .note
                .as_deref()
                .map(|note| format!(" · {note}"))
                .unwrap_or_default();
            format!(
                "{} · {}{note}",
                format_value(lang, kind, value.value),
                value.source
            )
        }
        None => "—".to_owned(),
    }
}

async fn plan_values(
    db: &DatabaseConnection,
    viewer: &Viewer,
    country: &country::Model,
    year: i32,
    rows: &FileRows,
    lang: Lang,
    plan: &mut Plan,
) -> Result<(), AppError> {
    check_values_scope(country, year, rows, lang, plan);
    if !plan.problems.is_empty() {
        return Ok(());
    }
    let place_of = |problem: &Problem| {
        let code = problem.subject.as_deref()?;
        rows.values
            .iter()
            .find(|row| row.form.indicator == code)
            .map(|row| row.place.clone())
    };
    let forms = value_forms(db, country.id, year, rows).await?;
    let save = match check_values(db, viewer, &country.iso2, year, &forms).await {
        Ok(save) => save,
        Err(error) => return placed_refusal(error, rows, None, place_of, &country.iso2, plan),
    };
    let conflicted = left_out(&rows.values, &save);
    let save = if conflicted.is_empty() {
        save
    } else {
        let kept: Vec<ValueForm> = forms
            .iter()
            .filter(|form| {
                !conflicted
                    .iter()
                    .any(|row| row.form.indicator == form.indicator)
            })
            .cloned()
            .collect();
        match check_values(db, viewer, &country.iso2, year, &kept).await {
            Ok(save) => save,
            Err(error) => return placed_refusal(error, rows, None, place_of, &country.iso2, plan),
        }
    };
    let kinds: HashMap<String, IndicatorKind> = crate::indicators::queries::indicator_infos(db)
        .await?
        .into_iter()
        .map(|(_, info)| (info.code, info.kind))
        .collect();
    let kind_of = |code: &str| kinds.get(code).copied().unwrap_or(IndicatorKind::Number);
    for row in &conflicted {
        let code = &row.form.indicator;
        let kind = kind_of(code);
        let in_file = crate::indicators::rules::read_value(kind, code, &row.form)
            .ok()
            .flatten();
        plan.conflicts.push(RowChange {
            place: row.place.clone(),
            subject: code.clone(),
            before: described(lang, kind, save.stored(code).as_ref()),
            after: described(lang, kind, in_file.as_ref()),
        });
    }
    for (code, before, after) in save.changed() {
        let Some(row) = rows.values.iter().find(|row| row.form.indicator == code) else {
            continue;
        };
        plan.changes.push(RowChange {
            place: row.place.clone(),
            subject: code.clone(),
            before: described(lang, kind_of(&code), before.as_ref()),
            after: described(lang, kind_of(&code), after.as_ref()),
        });
    }
    plan.changes.sort_by_key(|change| change.place.row);
    plan.token = format!("values:{}:{}", country.iso2, save.version());
    if save.changes_anything() {
        plan.writes.push(Write::Values(save));
    }
    Ok(())
}

fn name_in(country: &country::Model, lang: Lang) -> String {
    crate::domain::Bilingual::new(country.name_en.clone(), country.name_es.clone())
        .get(lang)
        .to_owned()
}

fn other_country(file: &str, country: &country::Model, lang: Lang) -> Problem {
    Problem::with_args(
        "country",
        "import-other-country",
        vec![
            ("file", Arg::Text(file.to_owned())),
            ("country", Arg::Text(name_in(country, lang))),
        ],
    )
}

/// The rows of one action in one country: its status row and its milestone rows.
#[derive(Default)]
struct ActionRows<'a> {
    status: Option<&'a StatusRow>,
    milestones: Vec<&'a MilestoneRow>,
}

impl ActionRows<'_> {
    /// Where problems about the whole update go: its status row, else its first milestone row.
    fn place(&self) -> Option<&Place> {
        self.status
            .map(|row| &row.place)
            .or_else(|| self.milestones.first().map(|row| &row.place))
    }

    /// Whether a row says its template was made at another version than `stored`.
    fn made_before(&self, stored: i32) -> bool {
        self.status
            .iter()
            .filter_map(|row| row.version)
            .chain(self.milestones.iter().filter_map(|row| row.version))
            .any(|version| version != stored)
    }
}

/// The actions of the plan in force, by code, with their milestones by code.
struct PlanParts {
    actions: HashMap<String, (action::Model, HashMap<String, milestone::Model>)>,
    plan_start: NaiveDate,
}

async fn plan_parts(db: &DatabaseConnection) -> Result<PlanParts, AppError> {
    let plan = crate::plan::queries::require_current_plan(db).await?;
    let actions = action::Entity::find()
        .filter(action::Column::PlanId.eq(plan.id))
        .filter(action::Column::RetiredOn.is_null())
        .all(db)
        .await?;
    let ids: Vec<i32> = actions.iter().map(|a| a.id).collect();
    let mut milestones: HashMap<i32, HashMap<String, milestone::Model>> = HashMap::new();
    for milestone in milestone::Entity::find()
        .filter(milestone::Column::ActionId.is_in(ids))
        .filter(milestone::Column::RetiredOn.is_null())
        .all(db)
        .await?
    {
        milestones
            .entry(milestone.action_id)
            .or_default()
            .insert(milestone.code.clone(), milestone);
    }
    Ok(PlanParts {
        actions: actions
            .into_iter()
            .map(|action| {
                let own = milestones.remove(&action.id).unwrap_or_default();
                (action.code.clone(), (action, own))
            })
            .collect(),
        plan_start: NaiveDate::from_ymd_opt(plan.start_year, 1, 1).ok_or(AppError::Internal)?,
    })
}

async fn plan_statuses(
    db: &DatabaseConnection,
    viewer: &Viewer,
    country: Option<&country::Model>,
    rows: &FileRows,
    lang: Lang,
    now: DateTime<Utc>,
    plan: &mut Plan,
) -> Result<(), AppError> {
    let parts = plan_parts(db).await?;
    let groups = grouped(rows, country, &parts, lang, plan);
    if !plan.problems.is_empty() {
        return Ok(());
    }

    let mut tokens = Vec::new();
    let today = now.date_naive();
    for ((iso2, code), group) in &groups {
        let (action, milestones) = &parts.actions[code];
        let Some(member) = crate::db::countries::member_country(db, iso2).await? else {
            let problem = unknown("import-country-unknown", iso2);
            plan.problem(rows, group.place(), Some("country"), problem);
            continue;
        };
        let update = stored_update(db, action, &member, milestones, group).await?;
        // Each row's own rules first, so that a problem names its row.
        let before = plan.problems.len();
        row_problems(
            &update,
            group,
            milestones,
            parts.plan_start,
            today,
            rows,
            plan,
        );
        if plan.problems.len() > before {
            continue;
        }
        let place_of = |_: &Problem| None;
        let save = match check_update(db, viewer, update, now).await {
            Ok(save) => save,
            Err(error) => {
                placed_refusal(error, rows, group.place(), place_of, iso2, plan)?;
                continue;
            }
        };
        tokens.push(format!("{iso2}:{code}:{}", save.version()));
        if !save.changes_anything() {
            continue;
        }
        let changes = described_changes(&save, iso2, code, group, milestones, lang);
        if group.made_before(save.version()) {
            plan.conflicts.extend(changes);
        } else {
            plan.changes.extend(changes);
            plan.writes.push(Write::Update(iso2.clone(), save));
        }
    }
    plan.token = format!("statuses:{}", tokens.join(","));
    Ok(())
}

/// The rows of the file by country and action, each checked against the import's country and the
/// plan in force (problems go to `plan`).
fn grouped<'a>(
    rows: &'a FileRows,
    country: Option<&country::Model>,
    parts: &PlanParts,
    lang: Lang,
    plan: &mut Plan,
) -> BTreeMap<(String, String), ActionRows<'a>> {
    let mut groups: BTreeMap<(String, String), ActionRows> = BTreeMap::new();
    for row in &rows.statuses {
        let Some(iso2) = row_country(&row.country, &row.place, country, rows, lang, plan) else {
            continue;
        };
        if !parts.actions.contains_key(&row.action) {
            let problem = unknown("import-action-unknown", &row.action);
            plan.problem(rows, Some(&row.place), Some("action"), problem);
            continue;
        }
        let group = groups.entry((iso2, row.action.clone())).or_default();
        if group.status.is_some() {
            let problem = Problem::new("action", "import-row-repeated");
            plan.problem(rows, Some(&row.place), Some("action"), problem);
        }
        group.status = Some(row);
    }
    for row in &rows.milestones {
        let Some(iso2) = row_country(&row.country, &row.place, country, rows, lang, plan) else {
            continue;
        };
        let Some((_, milestones)) = parts.actions.get(&row.action) else {
            let problem = unknown("import-action-unknown", &row.action);
            plan.problem(rows, Some(&row.place), Some("action"), problem);
            continue;
        };
        if !milestones.contains_key(&row.milestone) {
            let problem = unknown("import-milestone-unknown", &row.milestone);
            plan.problem(rows, Some(&row.place), Some("milestone"), problem);
            continue;
        }
        let group = groups.entry((iso2, row.action.clone())).or_default();
        if group
            .milestones
            .iter()
            .any(|other| other.milestone == row.milestone)
        {
            let problem = Problem::new("milestone", "import-row-repeated");
            plan.problem(rows, Some(&row.place), Some("milestone"), problem);
        }
        group.milestones.push(row);
    }
    groups
}

/// The country of a row: the one it names, or the import's when it names none; `None`, with the
/// problem in `plan`, when it names none in an import of every country or another country than
/// the import's.
fn row_country(
    named: &str,
    place: &Place,
    country: Option<&country::Model>,
    rows: &FileRows,
    lang: Lang,
    plan: &mut Plan,
) -> Option<String> {
    let problem = match (named, country) {
        ("", Some(country)) => return Some(country.iso2.clone()),
        ("", None) => Problem::new("country", "import-country-missing"),
        (iso2, Some(country)) if iso2 != country.iso2 => other_country(iso2, country, lang),
        (iso2, _) => return Some(iso2.to_owned()),
    };
    plan.problem(rows, Some(place), Some("country"), problem);
    None
}

fn unknown(key: &str, code: &str) -> Problem {
    Problem::with_args("file", key, vec![("code", Arg::Text(code.to_owned()))])
}

/// The update the rows of `group` make, on what is stored: a column the file does not have keeps
/// the stored text, and the evidence stays as it is.
async fn stored_update(
    db: &DatabaseConnection,
    action: &action::Model,
    country: &country::Model,
    milestones: &HashMap<String, milestone::Model>,
    group: &ActionRows<'_>,
) -> Result<ActionUpdate, AppError> {
    let mut update = crate::actions::service::current_update(db, action, country).await?;
    let progress: HashMap<i32, milestone_progress::Model> = milestone_progress::Entity::find()
        .filter(milestone_progress::Column::CountryId.eq(country.id))
        .filter(
            milestone_progress::Column::MilestoneId
                .is_in(milestones.values().map(|m| m.id).collect::<Vec<_>>()),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.milestone_id, row))
        .collect();
    if let Some(row) = group.status {
        if let Some(status) = row.status.as_deref().and_then(Status::from_code) {
            update.status = status;
        }
        if let Some(text) = &row.narrative_en {
            update.narrative_en = text.clone();
        }
        if let Some(text) = &row.narrative_es {
            update.narrative_es = text.clone();
        }
        update.comment = row.comment.clone().unwrap_or_default();
    }
    update.milestones = group
        .milestones
        .iter()
        .map(|row| {
            let milestone = &milestones[&row.milestone];
            let stored_note = || {
                progress
                    .get(&milestone.id)
                    .and_then(|p| p.note.clone())
                    .unwrap_or_default()
            };
            let stored_day = progress.get(&milestone.id).and_then(|p| p.achieved_on);
            MilestoneUpdate {
                milestone_id: milestone.id,
                achieved_on: if row.day_given {
                    row.achieved_on
                } else {
                    stored_day
                },
                note: row.note.clone().unwrap_or_else(stored_note),
            }
        })
        .collect();
    Ok(update)
}

/// The problems of each row of `group` by the update's own rules: the status row's narratives and
/// comment, and each milestone row's day and note, placed at their row.
fn row_problems(
    update: &ActionUpdate,
    group: &ActionRows<'_>,
    milestones: &HashMap<String, milestone::Model>,
    plan_start: NaiveDate,
    today: NaiveDate,
    rows: &FileRows,
    plan: &mut Plan,
) {
    let without_milestones = ActionUpdate {
        milestones: Vec::new(),
        ..update.clone()
    };
    for problem in without_milestones.problems(plan_start, today) {
        let field = problem.field.clone();
        plan.problem(rows, group.place(), Some(&field), problem);
    }
    for row in &group.milestones {
        let id = milestones[&row.milestone].id;
        let alone = ActionUpdate {
            milestones: update
                .milestones
                .iter()
                .filter(|m| m.milestone_id == id)
                .cloned()
                .collect(),
            narrative_en: String::new(),
            narrative_es: String::new(),
            comment: String::new(),
            evidence: Vec::new(),
            ..update.clone()
        };
        for problem in alone.problems(plan_start, today) {
            let field = if problem.key.contains("note") {
                "note"
            } else {
                "achieved_on"
            };
            plan.problem(rows, Some(&row.place), Some(field), problem);
        }
    }
}

/// The changes of one action's update, each at the row that makes it.
fn described_changes(
    save: &UpdateSave,
    iso2: &str,
    code: &str,
    group: &ActionRows<'_>,
    milestones: &HashMap<String, milestone::Model>,
    lang: Lang,
) -> Vec<RowChange> {
    let place = group.place().cloned().unwrap_or(Place {
        sheet: String::new(),
        row: 0,
    });
    let milestone_row = |id: i32| {
        group
            .milestones
            .iter()
            .find(|row| milestones.get(&row.milestone).is_some_and(|m| m.id == id))
    };
    let day = |day: Option<NaiveDate>| day.map_or_else(|| "—".to_owned(), |d| d.to_string());
    save.changes()
        .into_iter()
        .filter_map(|change| {
            Some(match change {
                UpdateChange::Status(before, after) => RowChange {
                    place: place.clone(),
                    subject: format!("{iso2} · {code} · {}", t(lang, "import-col-status")),
                    before: t(lang, before.label_key()),
                    after: t(lang, after.label_key()),
                },
                UpdateChange::Narrative(before, after) => RowChange {
                    place: place.clone(),
                    subject: format!("{iso2} · {code} · {}", t(lang, "import-narratives")),
                    before: excerpt(&before),
                    after: excerpt(&after),
                },
                UpdateChange::Milestone(id, before, after) => {
                    let row = milestone_row(id)?;
                    RowChange {
                        place: row.place.clone(),
                        subject: format!("{iso2} · {code} · {}", row.milestone),
                        before: day(before),
                        after: day(after),
                    }
                }
                UpdateChange::MilestoneNote(id) => {
                    let row = milestone_row(id)?;
                    RowChange {
                        place: row.place.clone(),
                        subject: format!("{iso2} · {code} · {}", row.milestone),
                        before: t(lang, "import-note-before"),
                        after: row.note.clone().unwrap_or_default(),
                    }
                }
            })
        })
        .collect()
}

/// The start of each narrative that has one, for the preview.
fn excerpt(texts: &[Option<String>; 2]) -> String {
    let parts: Vec<String> = texts
        .iter()
        .flatten()
        .map(|text| {
            let short: String = text.chars().take(120).collect();
            if short.len() < text.len() {
                format!("{short}…")
            } else {
                short
            }
        })
        .collect();
    if parts.is_empty() {
        "—".to_owned()
    } else {
        parts.join(" / ")
    }
}
