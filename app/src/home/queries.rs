//! The figures of the home page.

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};

use super::types::HomeSummary;
use crate::db::entities::{action, country, indicator, milestone, theme};
use crate::domain::Membership;
use crate::error::AppError;
use crate::plan::queries::{current_plan, plan_summary};

pub async fn home_summary(db: &DatabaseConnection) -> Result<HomeSummary, AppError> {
    let plan = current_plan(db).await?;
    let (themes, actions, milestones) = match &plan {
        Some(plan) => {
            let action_ids: Vec<i32> = action::Entity::find()
                .filter(action::Column::PlanId.eq(plan.id))
                .filter(action::Column::RetiredOn.is_null())
                .all(db)
                .await?
                .into_iter()
                .map(|a| a.id)
                .collect();
            (
                theme::Entity::find()
                    .filter(theme::Column::PlanId.eq(plan.id))
                    .filter(theme::Column::RetiredOn.is_null())
                    .count(db)
                    .await?,
                action_ids.len() as u64,
                milestone::Entity::find()
                    .filter(milestone::Column::ActionId.is_in(action_ids))
                    .filter(milestone::Column::RetiredOn.is_null())
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
