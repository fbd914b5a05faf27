//! The figures of the home page.

use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};

use super::types::HomeSummary;
use crate::db::entities::{action, country, indicator, milestone, theme};
use crate::domain::Membership;
use crate::error::AppError;
use crate::plan::queries::{current_plan, plan_summary};

/// The overview's figures, each counted by the database. The overview is the page read most:
/// loading a thousand actions to count them took milliseconds of every rendering on SQLite's one
/// connection, which the saves wait for too (docs/performance.md, the thirteenth pass).
pub async fn home_summary(db: &DatabaseConnection) -> Result<HomeSummary, AppError> {
    let plan = current_plan(db).await?;
    let (themes, actions, milestones) = match &plan {
        Some(plan) => {
            let current_actions = Query::select()
                .column(action::Column::Id)
                .from(action::Entity)
                .and_where(action::Column::PlanId.eq(plan.id))
                .and_where(action::Column::RetiredOn.is_null())
                .to_owned();
            (
                theme::Entity::find()
                    .filter(theme::Column::PlanId.eq(plan.id))
                    .filter(theme::Column::RetiredOn.is_null())
                    .count(db)
                    .await?,
                action::Entity::find()
                    .filter(action::Column::PlanId.eq(plan.id))
                    .filter(action::Column::RetiredOn.is_null())
                    .count(db)
                    .await?,
                milestone::Entity::find()
                    .filter(milestone::Column::ActionId.in_subquery(current_actions))
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
