//! Reading the plan from the database: its structure for the pages, and the reported state of every
//! action in a set of countries for the progress formulas.

use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
};

use super::changes::differences;
use super::types::{
    ActionRow, ObjectiveGroup, PlanDefinition, PlanOverview, PlanSummary, RevisionRow,
    RevisionView, RevisionsView, ThemeDetail, ThemeOutline,
};
use crate::access::{Permission, Viewer};
use crate::db::codes::decode;
use crate::db::entities::{
    action, action_country, app_user, country, milestone, objective, plan, plan_revision, theme,
};
use crate::domain::{Bilingual, PlanState, RevisionState, Status};
use crate::error::AppError;
use crate::progress::{ActionState, MilestoneState};

/// The plan the pages show: the approved plan that starts last, else the plan that starts last.
pub async fn current_plan(db: &impl ConnectionTrait) -> Result<Option<plan::Model>, DbErr> {
    let plans = plan::Entity::find()
        .order_by_desc(plan::Column::StartYear)
        .order_by_desc(plan::Column::Id)
        .all(db)
        .await?;
    let approved = PlanState::Approved.code();
    Ok(plans
        .iter()
        .find(|p| p.state == approved)
        .or(plans.first())
        .cloned())
}

/// The plan with the code `code`, if any.
pub async fn plan_by_code(
    db: &impl ConnectionTrait,
    code: &str,
) -> Result<Option<plan::Model>, DbErr> {
    plan::Entity::find()
        .filter(plan::Column::Code.eq(code))
        .one(db)
        .await
}

/// The current plan, or 404 when none is loaded.
pub async fn require_current_plan(db: &impl ConnectionTrait) -> Result<plan::Model, AppError> {
    current_plan(db).await?.ok_or(AppError::NotFound)
}

pub fn plan_summary(model: &plan::Model) -> Result<PlanSummary, AppError> {
    Ok(PlanSummary {
        code: model.code.clone(),
        title: Bilingual::new(&model.title_en, &model.title_es),
        start_year: model.start_year,
        end_year: model.end_year,
        state: decode(&model.state, PlanState::from_code, "plan state")?,
    })
}

pub async fn plan_overview(db: &DatabaseConnection) -> Result<PlanOverview, AppError> {
    let plan = require_current_plan(db).await?;
    let themes = theme_outlines(db, &plan, None).await?;
    Ok(PlanOverview {
        plan: plan_summary(&plan)?,
        themes,
    })
}

pub async fn theme_detail(db: &DatabaseConnection, code: &str) -> Result<ThemeDetail, AppError> {
    let plan = require_current_plan(db).await?;
    let theme = theme_outlines(db, &plan, Some(code))
        .await?
        .pop()
        .ok_or(AppError::NotFound)?;
    Ok(ThemeDetail {
        plan: plan_summary(&plan)?,
        theme,
    })
}

/// The plan's themes (or the one with `only_code`) with their objectives and actions, in plan order.
async fn theme_outlines(
    db: &DatabaseConnection,
    plan: &plan::Model,
    only_code: Option<&str>,
) -> Result<Vec<ThemeOutline>, AppError> {
    let mut theme_query = theme::Entity::find()
        .filter(theme::Column::PlanId.eq(plan.id))
        .filter(theme::Column::RetiredOn.is_null())
        .order_by_asc(theme::Column::SortOrder);
    if let Some(code) = only_code {
        theme_query = theme_query.filter(theme::Column::Code.eq(code));
    }
    let themes = theme_query.all(db).await?;
    let theme_ids: Vec<i32> = themes.iter().map(|t| t.id).collect();
    let objectives = objective::Entity::find()
        .filter(objective::Column::ThemeId.is_in(theme_ids.clone()))
        .filter(objective::Column::RetiredOn.is_null())
        .order_by_asc(objective::Column::SortOrder)
        .all(db)
        .await?;
    let actions = action::Entity::find()
        .filter(action::Column::ThemeId.is_in(theme_ids))
        .filter(action::Column::RetiredOn.is_null())
        .order_by_asc(action::Column::SortOrder)
        .all(db)
        .await?;
    let milestone_counts = milestone_counts(db, actions.iter().map(|a| a.id)).await?;

    let row = |a: &action::Model| ActionRow {
        code: a.code.clone(),
        title: Bilingual::new(&a.title_en, &a.title_es),
        milestones: milestone_counts.get(&a.id).copied().unwrap_or(0),
    };
    Ok(themes
        .iter()
        .map(|t| ThemeOutline {
            code: t.code.clone(),
            name: Bilingual::new(&t.name_en, &t.name_es),
            actions: actions
                .iter()
                .filter(|a| a.theme_id == t.id && a.objective_id.is_none())
                .map(row)
                .collect(),
            objectives: objectives
                .iter()
                .filter(|o| o.theme_id == t.id)
                .map(|o| ObjectiveGroup {
                    code: o.code.clone(),
                    title: Bilingual::new(&o.title_en, &o.title_es),
                    actions: actions
                        .iter()
                        .filter(|a| a.objective_id == Some(o.id))
                        .map(row)
                        .collect(),
                })
                .collect(),
        })
        .collect())
}

/// How many milestones each of these actions has.
pub async fn milestone_counts(
    db: &DatabaseConnection,
    action_ids: impl IntoIterator<Item = i32>,
) -> Result<HashMap<i32, usize>, DbErr> {
    let mut counts = HashMap::new();
    for m in milestone::Entity::find()
        .filter(milestone::Column::ActionId.is_in(action_ids))
        .filter(milestone::Column::RetiredOn.is_null())
        .all(db)
        .await?
    {
        *counts.entry(m.action_id).or_insert(0) += 1;
    }
    Ok(counts)
}

// The reported state of every action of a plan in a set of countries, read in a few queries, as the
// inputs of the `progress` formulas: for the pages that show many actions or countries at once.

/// Whether the country `country_id` takes part in the action `action_id`: an action that names no
/// country applies to every one.
pub async fn takes_part(
    db: &impl ConnectionTrait,
    action_id: i32,
    country_id: i32,
) -> Result<bool, DbErr> {
    let listed = action_country::Entity::find()
        .filter(action_country::Column::ActionId.eq(action_id))
        .all(db)
        .await?;
    Ok(listed.is_empty() || listed.iter().any(|row| row.country_id == country_id))
}

/// The inputs of the progress formulas for `action` of `plan` in one country: its reported `status`
/// (none yet counts as not started), its `milestones`, and the day the country achieved each.
pub fn action_state<'a>(
    plan: &plan::Model,
    action: &action::Model,
    status: Option<Status>,
    milestones: impl IntoIterator<Item = &'a milestone::Model>,
    achieved_on: impl Fn(i32) -> Option<NaiveDate>,
) -> ActionState {
    ActionState {
        status: status.unwrap_or(Status::NotStarted),
        weight: action.weight,
        end_year: action.end_year.unwrap_or(plan.end_year),
        milestones: milestones
            .into_iter()
            .map(|m| MilestoneState {
                due_on: m.due_on,
                weight: m.weight,
                achieved_on: achieved_on(m.id),
            })
            .collect(),
    }
}

/// The current plan's revision history (with its first revision, the plan as loaded, even before any
/// revision was made).
pub async fn revisions(
    db: &DatabaseConnection,
    viewer: &Viewer,
) -> Result<RevisionsView, AppError> {
    let plan = require_current_plan(db).await?;
    let stored = plan_revision::Entity::find()
        .filter(plan_revision::Column::PlanId.eq(plan.id))
        .order_by_asc(plan_revision::Column::Number)
        .all(db)
        .await?;
    let names = user_names(db).await?;
    let stored = if stored.is_empty() {
        vec![original_revision(db, &plan).await?]
    } else {
        stored
    };
    let mut rows = Vec::new();
    let mut last_approved: Option<PlanDefinition> = None;
    for revision in &stored {
        let content = content_of(revision)?;
        let count = last_approved
            .as_ref()
            .map_or(0, |before| differences(before, &content).len());
        let row = revision_row(revision, &names, count)?;
        if row.state == RevisionState::Approved {
            last_approved = Some(content);
        }
        rows.push(row);
    }
    rows.reverse();
    Ok(RevisionsView {
        plan: plan_summary(&plan)?,
        open_draft: rows
            .iter()
            .find(|r| r.state == RevisionState::Draft)
            .map(|r| r.number),
        revisions: rows,
        may_edit: viewer.may(Permission::Coordinate),
    })
}

/// The revision `number` of the current plan: what it changes against the revision approved before
/// it, and for a draft, its plan for the secretariat to edit.
pub async fn revision(
    db: &DatabaseConnection,
    viewer: &Viewer,
    number: i32,
) -> Result<RevisionView, AppError> {
    let plan = require_current_plan(db).await?;
    let stored = plan_revision::Entity::find()
        .filter(plan_revision::Column::PlanId.eq(plan.id))
        .order_by_asc(plan_revision::Column::Number)
        .all(db)
        .await?;
    let stored = if stored.is_empty() {
        vec![original_revision(db, &plan).await?]
    } else {
        stored
    };
    let revision = stored
        .iter()
        .find(|r| r.number == number)
        .ok_or(AppError::NotFound)?;
    let content = content_of(revision)?;
    let before = stored
        .iter()
        .rev()
        .find(|r| r.number < number && r.state == RevisionState::Approved.code())
        .map(content_of)
        .transpose()?;
    let found = before
        .as_ref()
        .map(|before| differences(before, &content))
        .unwrap_or_default();
    let names = user_names(db).await?;
    let row = revision_row(revision, &names, found.len())?;
    let editable = row.state == RevisionState::Draft && viewer.may(Permission::Coordinate);
    let countries = country::Entity::find()
        .order_by_asc(country::Column::NameEn)
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.iso2, Bilingual::new(c.name_en, c.name_es)))
        .collect();
    Ok(RevisionView {
        plan: plan_summary(&plan)?,
        revision: row,
        differences: found,
        draft: editable.then_some(content),
        token: super::registry::draft_token(revision),
        countries,
    })
}

/// The current plan as its file: its name and text, as last approved.
pub async fn plan_file(db: &DatabaseConnection) -> Result<(String, String), AppError> {
    let plan = require_current_plan(db).await?;
    let latest = plan_revision::Entity::find()
        .filter(plan_revision::Column::PlanId.eq(plan.id))
        .filter(plan_revision::Column::State.eq(RevisionState::Approved.code()))
        .order_by_desc(plan_revision::Column::Number)
        .one(db)
        .await?;
    let content = match latest {
        Some(revision) => content_of(&revision)?,
        None => super::registry::definition_of(db, &plan).await?,
    };
    Ok((format!("{}.toml", plan.code), super::file::write(&content)))
}

/// The plan as first loaded, as a revision not yet stored (it is stored when the first revision
/// starts).
async fn original_revision(
    db: &DatabaseConnection,
    plan: &plan::Model,
) -> Result<plan_revision::Model, AppError> {
    let content = super::registry::definition_of(db, plan).await?;
    Ok(plan_revision::Model {
        id: 0,
        plan_id: plan.id,
        number: 1,
        state: RevisionState::Approved.code().to_owned(),
        reason: String::new(),
        effective_on: NaiveDate::from_ymd_opt(plan.start_year, 1, 1).unwrap_or_default(),
        content: serde_json::to_string(&content).map_err(|_| AppError::Internal)?,
        created_at: plan.created_at,
        created_by: None,
        approved_at: Some(plan.created_at),
        approved_by: None,
    })
}

fn content_of(revision: &plan_revision::Model) -> Result<PlanDefinition, AppError> {
    serde_json::from_str(&revision.content).map_err(|error| {
        tracing::error!(revision = revision.id, %error, "a stored revision cannot be read");
        AppError::Internal
    })
}

async fn user_names(db: &DatabaseConnection) -> Result<HashMap<i32, String>, DbErr> {
    Ok(app_user::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect())
}

fn revision_row(
    revision: &plan_revision::Model,
    names: &HashMap<i32, String>,
    differences: usize,
) -> Result<RevisionRow, AppError> {
    let name = |id: Option<i32>| id.and_then(|id| names.get(&id).cloned());
    Ok(RevisionRow {
        number: revision.number,
        state: decode(&revision.state, RevisionState::from_code, "revision state")?,
        reason: revision.reason.clone(),
        effective_on: revision.effective_on,
        created_by: name(revision.created_by),
        approved_at: revision
            .approved_at
            .map(|at| at.format("%Y-%m-%dT%H:%M:%SZ").to_string()),
        approved_by: name(revision.approved_by),
        differences,
    })
}
