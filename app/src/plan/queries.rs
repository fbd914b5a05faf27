//! Reading the plan from the database: its structure for the pages, and the reported state of every
//! action in a set of countries for the progress formulas.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
};

use super::types::{
    ActionRow, ObjectiveGroup, PlanOverview, PlanSummary, ThemeDetail, ThemeOutline,
};
use crate::db::codes::decode;
use crate::db::entities::{
    action, country_action, milestone, milestone_progress, objective, plan, theme,
};
use crate::domain::{Bilingual, PlanState, Status};
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
        .order_by_asc(theme::Column::SortOrder);
    if let Some(code) = only_code {
        theme_query = theme_query.filter(theme::Column::Code.eq(code));
    }
    let themes = theme_query.all(db).await?;
    let theme_ids: Vec<i32> = themes.iter().map(|t| t.id).collect();
    let objectives = objective::Entity::find()
        .filter(objective::Column::ThemeId.is_in(theme_ids.clone()))
        .order_by_asc(objective::Column::SortOrder)
        .all(db)
        .await?;
    let actions = action::Entity::find()
        .filter(action::Column::ThemeId.is_in(theme_ids))
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
        .all(db)
        .await?
    {
        *counts.entry(m.action_id).or_insert(0) += 1;
    }
    Ok(counts)
}

// The reported state of every action of a plan in a set of countries, read in a few queries, as the
// inputs of the `progress` formulas: for the pages that show many actions or countries at once.

/// One action as one country reports it.
#[derive(Clone, Debug, PartialEq)]
pub struct Reported {
    /// What the progress formulas take (an unreported action counts as not started).
    pub state: ActionState,
    /// The status as reported; `None` until the country first reports on the action.
    pub status: Option<Status>,
    pub updated_at: Option<DateTime<Utc>>,
    pub updated_by: Option<i32>,
}

/// The actions of `plan` in their order, and how each of `country_ids` reports each of them, by
/// (country id, action id).
pub async fn reported_states(
    db: &DatabaseConnection,
    plan: &plan::Model,
    country_ids: &[i32],
) -> Result<(Vec<action::Model>, HashMap<(i32, i32), Reported>), AppError> {
    let actions = action::Entity::find()
        .filter(action::Column::PlanId.eq(plan.id))
        .order_by_asc(action::Column::SortOrder)
        .all(db)
        .await?;
    let action_ids: Vec<i32> = actions.iter().map(|a| a.id).collect();
    let milestones = milestone::Entity::find()
        .filter(milestone::Column::ActionId.is_in(action_ids.clone()))
        .order_by_asc(milestone::Column::SortOrder)
        .all(db)
        .await?;
    let achieved: HashMap<(i32, i32), milestone_progress::Model> =
        milestone_progress::Entity::find()
            .filter(milestone_progress::Column::CountryId.is_in(country_ids.iter().copied()))
            .filter(milestone_progress::Column::MilestoneId.is_in(milestones.iter().map(|m| m.id)))
            .all(db)
            .await?
            .into_iter()
            .map(|row| ((row.country_id, row.milestone_id), row))
            .collect();
    let records: HashMap<(i32, i32), country_action::Model> = country_action::Entity::find()
        .filter(country_action::Column::CountryId.is_in(country_ids.iter().copied()))
        .filter(country_action::Column::ActionId.is_in(action_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|record| ((record.country_id, record.action_id), record))
        .collect();

    let mut states = HashMap::new();
    for &country_id in country_ids {
        for action in &actions {
            let record = records.get(&(country_id, action.id));
            let status = record
                .map(|r| decode(&r.status, Status::from_code, "status"))
                .transpose()?;
            let state = action_state(
                plan,
                action,
                status,
                milestones.iter().filter(|m| m.action_id == action.id),
                |milestone_id| {
                    achieved
                        .get(&(country_id, milestone_id))
                        .and_then(|row| row.achieved_on)
                },
            );
            states.insert(
                (country_id, action.id),
                Reported {
                    state,
                    status,
                    updated_at: record.and_then(|r| r.updated_at),
                    updated_by: record.and_then(|r| r.updated_by),
                },
            );
        }
    }
    Ok((actions, states))
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
