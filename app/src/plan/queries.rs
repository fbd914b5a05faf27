//! Reading the plan's structure from the database for the pages.

use std::collections::HashMap;

use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder,
};

use super::{
    ActionRow, HomeSummary, ObjectiveGroup, PlanOverview, PlanSummary, ThemeDetail, ThemeOutline,
};
use crate::db::entities::{action, country, indicator, milestone, objective, plan, theme};
use crate::domain::{Bilingual, Membership, PlanState};
use crate::error::AppError;

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

/// Reads a stored code of a closed vocabulary; an unknown code is a data fault, logged and hidden.
pub fn decode<T>(code: &str, from_code: fn(&str) -> Option<T>, what: &str) -> Result<T, AppError> {
    from_code(code).ok_or_else(|| {
        tracing::error!(code, what, "unknown code stored in the database");
        AppError::Internal
    })
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

pub async fn home_summary(db: &DatabaseConnection) -> Result<HomeSummary, AppError> {
    let plan = current_plan(db).await?;
    let (themes, actions, milestones) = match &plan {
        Some(plan) => {
            let action_ids: Vec<i32> = action::Entity::find()
                .filter(action::Column::PlanId.eq(plan.id))
                .all(db)
                .await?
                .into_iter()
                .map(|a| a.id)
                .collect();
            (
                theme::Entity::find()
                    .filter(theme::Column::PlanId.eq(plan.id))
                    .count(db)
                    .await?,
                action_ids.len() as u64,
                milestone::Entity::find()
                    .filter(milestone::Column::ActionId.is_in(action_ids))
                    .count(db)
                    .await?,
            )
        }
        None => (0, 0, 0),
    };
    let members = country::Entity::find()
        .filter(country::Column::Membership.eq(Membership::Member.code()))
        .count(db)
        .await?;
    let countries = country::Entity::find().count(db).await?;
    let indicators = indicator::Entity::find()
        .filter(indicator::Column::RetiredAt.is_null())
        .count(db)
        .await?;
    Ok(HomeSummary {
        plan: plan.as_ref().map(plan_summary).transpose()?,
        themes,
        actions,
        milestones,
        members,
        observers: countries - members,
        indicators,
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
