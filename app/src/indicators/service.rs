//! Writing indicator data: a country's values for a round's year, baselines and targets, and the
//! secretariat's changes to the catalogue. Each write is one transaction with one audit entry; a
//! value save moves the submission's version, so that two people saving the same country's values
//! cannot overwrite each other.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, Utc};
use sea_orm::{
    sea_query::Expr, ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection,
    DatabaseTransaction, EntityTrait, PaginatorTrait, QueryFilter, TransactionTrait,
};
use serde_json::{json, Map, Value};

use super::rules::{read_target_value, read_value, ReportedValue, ValueForm};
use super::types::{IndicatorForm, TargetForm};
use crate::access::{Permission, Viewer};
use crate::audit::service::{self as audit, Actor, Change};
use crate::db::codes::decode;
use crate::db::entities::{indicator, indicator_target, indicator_value, protocol_article};
use crate::domain::{Direction, IndicatorKind, SubmissionState};
use crate::error::{AppError, Problem};
use crate::rounds::rules::Step;
use crate::rounds::service::{claim_step, conflict, submission_context, VALUES_ENTITY};

/// A country's values for the round of `year`, as the form sends them, loaded at `version` of the
/// submission.
#[derive(Clone, Debug, PartialEq)]
pub struct ValuesInput {
    pub country: String,
    pub year: i32,
    pub version: i32,
    pub values: Vec<ValueForm>,
}

fn value_json(value: &ReportedValue) -> Value {
    json!({
        "value": value.value,
        "numerator": value.numerator,
        "denominator": value.denominator,
        "source": value.source,
        "note": value.note,
    })
}

/// A stored value as the forms' rules read it.
fn reported(model: &indicator_value::Model) -> ReportedValue {
    ReportedValue {
        value: model.value.unwrap_or_default(),
        numerator: model.numerator,
        denominator: model.denominator,
        source: model.source.clone().unwrap_or_default(),
        note: model.note.clone(),
    }
}

fn stored_json(model: &indicator_value::Model) -> Value {
    json!({
        "value": model.value,
        "numerator": model.numerator,
        "denominator": model.denominator,
        "source": model.source.clone().unwrap_or_default(),
        "note": model.note,
    })
}

/// Saves the values of `input` for its country and year: rows left empty remove a value saved
/// before. Checks every row first and stores nothing when one is wrong. Returns the submission's
/// new version.
pub async fn save_values(
    db: &DatabaseConnection,
    viewer: &Viewer,
    input: &ValuesInput,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    let save = check_values(db, viewer, &input.country, input.year, &input.values).await?;
    if !save.changes_anything() {
        return Ok(save.version());
    }
    if save.version() != input.version {
        return Err(conflict(db, &save.context).await?);
    }
    let txn = db.begin().await?;
    if !save.write(&txn, viewer, now).await? {
        txn.rollback().await?;
        let fresh = submission_context(db, &input.country, input.year).await?;
        return Err(conflict(db, &fresh).await?);
    }
    crate::live::commit(txn, crate::live::Change::Stored).await?;
    Ok(input.version + 1)
}

/// A save of a country's values for a round's year, checked against the rules and what is stored,
/// ready to be written (by itself, or with others in one import).
pub struct ValuesSave {
    context: crate::rounds::service::SubmissionContext,
    change: ValuesChange,
}

/// Checks a save of `rows` for the country `iso2` and `year` by `viewer`: the access policy, the
/// submission's state and every row. Every problem of every row, or the save.
pub async fn check_values(
    db: &DatabaseConnection,
    viewer: &Viewer,
    iso2: &str,
    year: i32,
    rows: &[ValueForm],
) -> Result<ValuesSave, AppError> {
    let context = submission_context(db, iso2, year).await?;
    if !viewer.may(Permission::EditCountry(context.country.id)) {
        tracing::warn!(user = viewer.user_id, country = %context.country.iso2, "values refused by the access policy");
        return Err(AppError::Forbidden);
    }
    if Step::Save.from_state(context.state()?).is_none() {
        return Err(Problem::new("state", "problem-submission-locked").into());
    }
    let indicators: HashMap<String, indicator::Model> = indicator::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|i| (i.code.clone(), i))
        .collect();
    let (wanted, seen) = read_rows(&indicators, rows)?;
    let stored = stored_values(db, context.country.id, year).await?;
    let change = ValuesChange::new(&indicators, &seen, stored, wanted);
    Ok(ValuesSave { context, change })
}

impl ValuesSave {
    /// The submission's version the save was checked against.
    pub fn version(&self) -> i32 {
        self.context.submission.version
    }

    pub fn changes_anything(&self) -> bool {
        let (before, after) = self.change.audited();
        before != after
    }

    /// The value stored for the indicator `code` and the value the save wants, for each indicator
    /// of the save whose value changes.
    pub fn changed(&self) -> Vec<(String, Option<ReportedValue>, Option<ReportedValue>)> {
        self.change.changed()
    }

    /// The value stored for the indicator `code`, if any.
    pub fn stored(&self, code: &str) -> Option<ReportedValue> {
        self.change.stored_value(code)
    }

    /// Writes the save in `txn` with its audit entry, provided the submission is still at the
    /// version it was checked against; `false` when another save moved it.
    pub async fn write(
        &self,
        txn: &DatabaseTransaction,
        viewer: &Viewer,
        now: DateTime<Utc>,
    ) -> Result<bool, AppError> {
        let context = &self.context;
        let version = self.version();
        let Some(state) = claim_step(txn, context, Step::Save, version, viewer, None, now).await?
        else {
            return Ok(false);
        };
        let year = context.round.year;
        self.change
            .write(txn, context.country.id, year, state, viewer, now)
            .await?;
        let (before, after) = self.change.audited();
        audit::record(
            txn,
            Actor::User(viewer.user_id),
            now,
            Change {
                entity: VALUES_ENTITY,
                entity_id: context.submission.id.to_string(),
                operation: "save",
                country_id: Some(context.country.id),
                before: Some(json!({ "year": year, "version": version, "values": before })),
                after: Some(json!({ "year": year, "version": version + 1, "values": after })),
            },
        )
        .await?;
        Ok(true)
    }
}

/// Reads the rows of a values form against the catalogue `indicators` (by code): the values wanted,
/// by code with the indicator's id, and every code the form names. Every problem of every row, or
/// none.
fn read_rows(
    indicators: &HashMap<String, indicator::Model>,
    rows: &[ValueForm],
) -> Result<(Wanted, HashSet<String>), AppError> {
    let mut problems = Vec::new();
    let mut wanted = Wanted::new();
    let mut seen = HashSet::new();
    for row in rows {
        let code = row.indicator.trim();
        let Some(indicator) = indicators.get(code) else {
            problems.push(Problem::new("indicator", "problem-indicator-unknown").about(code));
            continue;
        };
        if crate::legislation::rules::is_derived(code) {
            // Follows from the legislation matrix: a form without it leaves it as it is.
            if !matches!(read_value(kind_of(indicator)?, code, row), Ok(None)) {
                problems.push(Problem::new("indicator", "problem-indicator-derived").about(code));
            }
            continue;
        }
        if !seen.insert(code.to_owned()) {
            problems.push(Problem::new("indicator", "problem-indicator-repeated").about(code));
            continue;
        }
        match read_value(kind_of(indicator)?, code, row) {
            Ok(Some(_)) if indicator.retired_at.is_some() => {
                problems.push(Problem::new("indicator", "problem-indicator-retired").about(code));
            }
            Ok(Some(value)) => {
                wanted.insert(code.to_owned(), (indicator.id, value));
            }
            Ok(None) => {}
            Err(mut found) => problems.append(&mut found),
        }
    }
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems));
    }
    Ok((wanted, seen))
}

fn kind_of(indicator: &indicator::Model) -> Result<IndicatorKind, AppError> {
    decode(&indicator.kind, IndicatorKind::from_code, "indicator kind")
}

/// The values a country has stored for `year`, by indicator id.
async fn stored_values(
    db: &DatabaseConnection,
    country_id: i32,
    year: i32,
) -> Result<HashMap<i32, indicator_value::Model>, AppError> {
    Ok(indicator_value::Entity::find()
        .filter(indicator_value::Column::CountryId.eq(country_id))
        .filter(indicator_value::Column::Year.eq(year))
        .all(db)
        .await?
        .into_iter()
        .map(|v| (v.indicator_id, v))
        .collect())
}

/// The values a form wants, by indicator code, with the indicator's id.
type Wanted = BTreeMap<String, (i32, ReportedValue)>;

/// A values save, read and checked: for the indicators in the form, the values stored and the
/// values wanted.
struct ValuesChange {
    /// By indicator id.
    stored: HashMap<i32, indicator_value::Model>,
    wanted: Wanted,
    /// Only the indicators in the form change: a form of some indicators leaves the others alone.
    in_form: HashSet<i32>,
    code_of: HashMap<i32, String>,
}

impl ValuesChange {
    /// The change of the indicators whose codes are `seen` in the form, from `stored` to `wanted`.
    fn new(
        indicators: &HashMap<String, indicator::Model>,
        seen: &HashSet<String>,
        stored: HashMap<i32, indicator_value::Model>,
        wanted: Wanted,
    ) -> Self {
        let in_form: HashSet<i32> = seen
            .iter()
            .filter_map(|code| indicators.get(code))
            .map(|i| i.id)
            .collect();
        let code_of: HashMap<i32, String> = indicators
            .values()
            .map(|i| (i.id, i.code.clone()))
            .collect();
        ValuesChange {
            stored,
            wanted,
            in_form,
            code_of,
        }
    }

    /// The form's values before and after, by code, as the audit entry records them (equal when
    /// the save changes nothing).
    fn audited(&self) -> (Map<String, Value>, Map<String, Value>) {
        let mut before = Map::new();
        let mut after = Map::new();
        for (indicator_id, model) in &self.stored {
            if self.in_form.contains(indicator_id) {
                before.insert(self.code_of[indicator_id].clone(), stored_json(model));
            }
        }
        for (code, (_, value)) in &self.wanted {
            after.insert(code.clone(), value_json(value));
        }
        (before, after)
    }

    /// The stored and wanted value of each indicator of the form whose value changes, by code.
    fn changed(&self) -> Vec<(String, Option<ReportedValue>, Option<ReportedValue>)> {
        let mut changed: Vec<_> = self
            .in_form
            .iter()
            .filter_map(|indicator_id| {
                let code = &self.code_of[indicator_id];
                let stored = self.stored.get(indicator_id).map(reported);
                let wanted = self.wanted.get(code).map(|(_, value)| value.clone());
                (stored != wanted).then(|| (code.clone(), stored, wanted))
            })
            .collect();
        changed.sort_by(|a, b| a.0.cmp(&b.0));
        changed
    }

    fn stored_value(&self, code: &str) -> Option<ReportedValue> {
        self.stored
            .iter()
            .find(|(indicator_id, _)| self.code_of.get(indicator_id).is_some_and(|c| c == code))
            .map(|(_, model)| reported(model))
    }

    /// Writes, in `txn`, each value of the form that changed: updated, added or removed, in the
    /// submission's new `state`.
    async fn write(
        &self,
        txn: &DatabaseTransaction,
        country_id: i32,
        year: i32,
        state: SubmissionState,
        viewer: &Viewer,
        now: DateTime<Utc>,
    ) -> Result<(), AppError> {
        for indicator_id in &self.in_form {
            let code = self.code_of[indicator_id].as_str();
            match (self.stored.get(indicator_id), self.wanted.get(code)) {
                (Some(model), Some((_, value))) => {
                    if stored_json(model) != value_json(value) {
                        let mut active: indicator_value::ActiveModel = model.clone().into();
                        active.value = Set(Some(value.value));
                        active.numerator = Set(value.numerator);
                        active.denominator = Set(value.denominator);
                        active.source = Set(Some(value.source.clone()));
                        active.note = Set(value.note.clone());
                        active.state = Set(state.code().to_owned());
                        active.updated_at = Set(now);
                        active.updated_by = Set(Some(viewer.user_id));
                        active.update(txn).await?;
                    }
                }
                (None, Some((_, value))) => {
                    indicator_value::ActiveModel {
                        indicator_id: Set(*indicator_id),
                        country_id: Set(country_id),
                        year: Set(year),
                        value: Set(Some(value.value)),
                        numerator: Set(value.numerator),
                        denominator: Set(value.denominator),
                        source: Set(Some(value.source.clone())),
                        note: Set(value.note.clone()),
                        state: Set(state.code().to_owned()),
                        updated_at: Set(now),
                        updated_by: Set(Some(viewer.user_id)),
                        ..Default::default()
                    }
                    .insert(txn)
                    .await?;
                }
                (Some(model), None) => {
                    indicator_value::Entity::delete_by_id(model.id)
                        .exec(txn)
                        .await?;
                }
                (None, None) => {}
            }
        }
        Ok(())
    }
}

/// The indicator with the code `code`, or `NotFound`.
async fn indicator_by_code(
    db: &DatabaseConnection,
    code: &str,
) -> Result<indicator::Model, AppError> {
    let code = crate::indicators::rules::indicator_code(code).ok_or(AppError::NotFound)?;
    indicator::Entity::find()
        .filter(indicator::Column::Code.eq(code))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// Sets the baseline and target of an indicator for a country. The secretariat sets them; a
/// country's focal point may propose them while the secretariat has not set them.
pub async fn set_target(
    db: &DatabaseConnection,
    viewer: &Viewer,
    form: &TargetForm,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let indicator = indicator_by_code(db, &form.indicator).await?;
    let country = crate::db::countries::member_country(db, &form.country)
        .await?
        .ok_or_else(|| AppError::from(Problem::new("country", "problem-country-unknown")))?;
    if !viewer.may(Permission::EditCountry(country.id)) {
        return Err(AppError::Forbidden);
    }
    let proposal = !viewer.may(Permission::Coordinate);
    let (target, existing) = check_target(db, form, &indicator, country.id, proposal).await?;

    let after = target.json(&indicator.code, proposal);
    let txn = db.begin().await?;
    let (before, id) = match existing {
        Some(model) => {
            let before = stored_target_json(&indicator.code, &model);
            let id = model.id;
            target.replace(&txn, model, proposal, viewer, now).await?;
            (Some(before), id)
        }
        None => {
            let id = target
                .store(&txn, indicator.id, country.id, proposal, viewer, now)
                .await?;
            (None, id)
        }
    };
    audit::record(
        &txn,
        Actor::User(viewer.user_id),
        now,
        Change {
            entity: "indicator_target",
            entity_id: id.to_string(),
            operation: if proposal { "propose" } else { "set" },
            country_id: Some(country.id),
            before,
            after: Some(after),
        },
    )
    .await?;
    crate::live::commit(txn, crate::live::Change::Stored).await?;
    Ok(())
}

/// Checks the target `form` for `indicator` in the country `country_id`: a baseline year from 2000,
/// a target year after it within the current plan, values of the indicator's kind, and no
/// `proposal` over a target the secretariat set. Returns it with the target stored before, if any.
async fn check_target(
    db: &DatabaseConnection,
    form: &TargetForm,
    indicator: &indicator::Model,
    country_id: i32,
    proposal: bool,
) -> Result<(CheckedTarget, Option<indicator_target::Model>), AppError> {
    let plan = crate::plan::queries::require_current_plan(db).await?;
    let kind = decode(&indicator.kind, IndicatorKind::from_code, "indicator kind")?;
    let mut problems = Vec::new();
    if indicator.retired_at.is_some() {
        problems
            .push(Problem::new("indicator", "problem-indicator-retired").about(&indicator.code));
    }
    let baseline_year = form
        .baseline_year
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|y| (2000..=plan.end_year).contains(y));
    if baseline_year.is_none() {
        problems.push(Problem::new("baseline_year", "problem-baseline-year"));
    }
    let target_year = form
        .target_year
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|y| (plan.start_year..=plan.end_year).contains(y) && Some(*y) > baseline_year);
    if target_year.is_none() {
        problems.push(Problem::new("target_year", "problem-target-year"));
    }
    let baseline_value = read_target_value(kind, "baseline_value", &form.baseline_value)
        .map_err(|p| problems.push(p))
        .ok();
    let target_value = read_target_value(kind, "target_value", &form.target_value)
        .map_err(|p| problems.push(p))
        .ok();
    let existing = indicator_target::Entity::find()
        .filter(indicator_target::Column::IndicatorId.eq(indicator.id))
        .filter(indicator_target::Column::CountryId.eq(country_id))
        .one(db)
        .await?;
    if proposal && existing.as_ref().is_some_and(|t| !t.proposed_by_country) {
        problems.push(Problem::new("target_value", "problem-target-confirmed"));
    }
    let (Some(baseline_year), Some(target_year), Some(baseline_value), Some(target_value)) =
        (baseline_year, target_year, baseline_value, target_value)
    else {
        return Err(AppError::Invalid(problems));
    };
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems));
    }
    let target = CheckedTarget {
        baseline_year,
        baseline_value,
        target_year,
        target_value,
    };
    Ok((target, existing))
}

/// A baseline and target as checked against the indicator and the current plan.
struct CheckedTarget {
    baseline_year: i32,
    baseline_value: f64,
    target_year: i32,
    target_value: f64,
}

impl CheckedTarget {
    /// The baseline and target of the indicator `code`, as the audit entry records it.
    fn json(&self, code: &str, proposal: bool) -> Value {
        json!({
            "indicator": code,
            "baseline_year": self.baseline_year,
            "baseline_value": self.baseline_value,
            "target_year": self.target_year,
            "target_value": self.target_value,
            "proposed_by_country": proposal,
        })
    }

    /// Replaces the stored target `model` with this one, in `txn`.
    async fn replace(
        &self,
        txn: &DatabaseTransaction,
        model: indicator_target::Model,
        proposal: bool,
        viewer: &Viewer,
        now: DateTime<Utc>,
    ) -> Result<(), AppError> {
        let mut active: indicator_target::ActiveModel = model.into();
        active.baseline_year = Set(Some(self.baseline_year));
        active.baseline_value = Set(Some(self.baseline_value));
        active.target_year = Set(Some(self.target_year));
        active.target_value = Set(Some(self.target_value));
        active.proposed_by_country = Set(proposal);
        active.updated_at = Set(now);
        active.updated_by = Set(Some(viewer.user_id));
        active.update(txn).await?;
        Ok(())
    }

    /// Stores this target of an indicator for a country that had none, in `txn`; returns its id.
    async fn store(
        &self,
        txn: &DatabaseTransaction,
        indicator_id: i32,
        country_id: i32,
        proposal: bool,
        viewer: &Viewer,
        now: DateTime<Utc>,
    ) -> Result<i32, AppError> {
        let model = indicator_target::ActiveModel {
            indicator_id: Set(indicator_id),
            country_id: Set(country_id),
            baseline_year: Set(Some(self.baseline_year)),
            baseline_value: Set(Some(self.baseline_value)),
            target_year: Set(Some(self.target_year)),
            target_value: Set(Some(self.target_value)),
            proposed_by_country: Set(proposal),
            updated_at: Set(now),
            updated_by: Set(Some(viewer.user_id)),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        Ok(model.id)
    }
}

/// A stored baseline and target of the indicator `code`, as the audit entry records it.
fn stored_target_json(code: &str, model: &indicator_target::Model) -> Value {
    json!({
        "indicator": code,
        "baseline_year": model.baseline_year,
        "baseline_value": model.baseline_value,
        "target_year": model.target_year,
        "target_value": model.target_value,
        "proposed_by_country": model.proposed_by_country,
    })
}

/// An indicator as the catalogue form describes it, checked.
struct CheckedIndicator {
    article_id: i32,
    provision: String,
    name_en: String,
    name_es: String,
    kind: IndicatorKind,
    direction: Direction,
    basis: &'static str,
}

const MAX_PROVISION: usize = 40;
const MAX_INDICATOR_NAME: usize = 500;

async fn check_indicator(
    db: &DatabaseConnection,
    form: &IndicatorForm,
) -> Result<CheckedIndicator, AppError> {
    let mut problems = Vec::new();
    let article = match form.article.trim().parse::<i32>() {
        Ok(number) => {
            protocol_article::Entity::find()
                .filter(protocol_article::Column::Number.eq(number))
                .one(db)
                .await?
        }
        Err(_) => None,
    };
    if article.is_none() {
        problems.push(Problem::new("article", "problem-article-unknown"));
    }
    // Each text is required, at most `limit` characters, all visible.
    let text = |field: &str, key: &str, value: &str, limit: usize, problems: &mut Vec<Problem>| {
        let value = value.trim();
        if value.is_empty()
            || value.chars().count() > limit
            || crate::text::has_hidden_characters_in_line(value)
        {
            problems.push(Problem::with_limit(field, key, limit as u32));
        }
        value.to_owned()
    };
    let provision = text(
        "provision",
        "problem-provision",
        &form.provision,
        MAX_PROVISION,
        &mut problems,
    );
    let name_en = text(
        "name_en",
        "problem-indicator-name-en",
        &form.name_en,
        MAX_INDICATOR_NAME,
        &mut problems,
    );
    let name_es = text(
        "name_es",
        "problem-indicator-name-es",
        &form.name_es,
        MAX_INDICATOR_NAME,
        &mut problems,
    );
    let kind = IndicatorKind::from_code(form.kind.trim());
    if kind.is_none() {
        problems.push(Problem::new("kind", "problem-kind-invalid"));
    }
    let direction = Direction::from_code(form.direction.trim());
    if direction.is_none() {
        problems.push(Problem::new("direction", "problem-direction-invalid"));
    }
    let basis = match form.basis.trim() {
        "protocol_text" => Some("protocol_text"),
        "composed" => Some("composed"),
        _ => None,
    };
    if basis.is_none() {
        problems.push(Problem::new("basis", "problem-basis-invalid"));
    }
    match (article, kind, direction, basis) {
        (Some(article), Some(kind), Some(direction), Some(basis)) if problems.is_empty() => {
            Ok(CheckedIndicator {
                article_id: article.id,
                provision,
                name_en,
                name_es,
                kind,
                direction,
                basis,
            })
        }
        _ => Err(AppError::Invalid(problems)),
    }
}

fn indicator_json(model: &indicator::Model) -> Value {
    json!({
        "code": model.code,
        "article_id": model.article_id,
        "provision": model.provision,
        "name_en": model.name_en,
        "name_es": model.name_es,
        "kind": model.kind,
        "direction": model.direction,
        "basis": model.basis,
        "retired_at": model.retired_at.map(|at| at.to_rfc3339()),
    })
}

/// Adds an indicator to the catalogue (secretariat).
pub async fn create_indicator(
    db: &DatabaseConnection,
    viewer: &Viewer,
    form: &IndicatorForm,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    if !viewer.may(Permission::Coordinate) {
        return Err(AppError::Forbidden);
    }
    let code = crate::indicators::rules::indicator_code(&form.code);
    let checked = check_indicator(db, form).await;
    let mut problems = match &checked {
        Err(AppError::Invalid(problems)) => problems.clone(),
        Err(other) => return Err(other.clone()),
        Ok(_) => Vec::new(),
    };
    let Some(code) = code else {
        problems.insert(
            0,
            Problem::with_limit(
                "code",
                "problem-indicator-code",
                crate::indicators::rules::MAX_INDICATOR_CODE as u32,
            ),
        );
        return Err(AppError::Invalid(problems));
    };
    if indicator::Entity::find()
        .filter(indicator::Column::Code.eq(&code))
        .count(db)
        .await?
        > 0
    {
        problems.insert(0, Problem::new("code", "problem-indicator-code-taken"));
    }
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems));
    }
    let checked = checked?;
    let txn = db.begin().await?;
    let model = indicator::ActiveModel {
        code: Set(code.clone()),
        article_id: Set(checked.article_id),
        provision: Set(checked.provision),
        name_en: Set(checked.name_en),
        name_es: Set(checked.name_es),
        kind: Set(checked.kind.code().to_owned()),
        direction: Set(checked.direction.code().to_owned()),
        basis: Set(checked.basis.to_owned()),
        retired_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|error| match error.sql_err() {
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => {
            AppError::from(Problem::new("code", "problem-indicator-code-taken"))
        }
        _ => AppError::from(error),
    })?;
    audit::record(
        &txn,
        Actor::User(viewer.user_id),
        now,
        Change {
            entity: "indicator",
            entity_id: model.id.to_string(),
            operation: "create",
            country_id: None,
            before: None,
            after: Some(indicator_json(&model)),
        },
    )
    .await?;
    crate::live::commit(txn, crate::live::Change::Stored).await?;
    Ok(code)
}

/// Changes an indicator of the catalogue (secretariat). Its kind cannot change once countries have
/// reported values of it, which would then mean something else.
pub async fn update_indicator(
    db: &DatabaseConnection,
    viewer: &Viewer,
    code: &str,
    form: &IndicatorForm,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    if !viewer.may(Permission::Coordinate) {
        return Err(AppError::Forbidden);
    }
    let stored = indicator_by_code(db, code).await?;
    let checked = check_indicator(db, form).await?;
    if checked.kind.code() != stored.kind
        && indicator_value::Entity::find()
            .filter(indicator_value::Column::IndicatorId.eq(stored.id))
            .count(db)
            .await?
            > 0
    {
        return Err(Problem::new("kind", "problem-kind-has-values").into());
    }
    let txn = db.begin().await?;
    let before = indicator_json(&stored);
    let mut active: indicator::ActiveModel = stored.into();
    active.article_id = Set(checked.article_id);
    active.provision = Set(checked.provision);
    active.name_en = Set(checked.name_en);
    active.name_es = Set(checked.name_es);
    active.kind = Set(checked.kind.code().to_owned());
    active.direction = Set(checked.direction.code().to_owned());
    active.basis = Set(checked.basis.to_owned());
    let model = active.update(&txn).await?;
    audit::record(
        &txn,
        Actor::User(viewer.user_id),
        now,
        Change {
            entity: "indicator",
            entity_id: model.id.to_string(),
            operation: "update",
            country_id: None,
            before: Some(before),
            after: Some(indicator_json(&model)),
        },
    )
    .await?;
    crate::live::commit(txn, crate::live::Change::Stored).await?;
    Ok(())
}

/// Retires an indicator (no new values; its history stays) or brings it back (secretariat).
pub async fn set_retired(
    db: &DatabaseConnection,
    viewer: &Viewer,
    code: &str,
    retired: bool,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    if !viewer.may(Permission::Coordinate) {
        return Err(AppError::Forbidden);
    }
    let stored = indicator_by_code(db, code).await?;
    if stored.retired_at.is_some() == retired {
        return Ok(());
    }
    let txn = db.begin().await?;
    let changed = indicator::Entity::update_many()
        .col_expr(
            indicator::Column::RetiredAt,
            Expr::value(retired.then_some(now)),
        )
        .filter(indicator::Column::Id.eq(stored.id))
        .exec(&txn)
        .await?;
    if changed.rows_affected != 1 {
        return Err(AppError::Internal);
    }
    audit::record(
        &txn,
        Actor::User(viewer.user_id),
        now,
        Change {
            entity: "indicator",
            entity_id: stored.id.to_string(),
            operation: if retired { "retire" } else { "reinstate" },
            country_id: None,
            before: Some(json!({ "retired_at": stored.retired_at.map(|at| at.to_rfc3339()) })),
            after: Some(json!({ "retired_at": retired.then(|| now.to_rfc3339()) })),
        },
    )
    .await?;
    crate::live::commit(txn, crate::live::Change::Stored).await?;
    Ok(())
}
