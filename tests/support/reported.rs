//! How each country reports each action, read straight from the database's rows, to check the
//! figures the dashboards compute from their snapshot against an independent reading.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use app::db::codes::decode;
use app::db::entities::{
    action, action_country, country_action, milestone, milestone_progress, plan,
};
use app::domain::Status;
use app::error::AppError;
use app::plan::queries::action_state;
use app::progress::ActionState;

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
        .filter(action::Column::RetiredOn.is_null())
        .order_by_asc(action::Column::SortOrder)
        .all(db)
        .await?;
    let action_ids: Vec<i32> = actions.iter().map(|a| a.id).collect();
    let milestones = milestone::Entity::find()
        .filter(milestone::Column::ActionId.is_in(action_ids.clone()))
        .filter(milestone::Column::RetiredOn.is_null())
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

    let taking_part = action_country::Entity::find()
        .filter(action_country::Column::ActionId.is_in(actions.iter().map(|a| a.id)))
        .all(db)
        .await?;
    let applies = |action_id: i32, country_id: i32| {
        let mut listed = taking_part.iter().filter(|row| row.action_id == action_id);
        let mut again = listed.clone();
        listed.next().is_none() || again.any(|row| row.country_id == country_id)
    };
    let mut states = HashMap::new();
    for &country_id in country_ids {
        for action in &actions {
            let record = records.get(&(country_id, action.id));
            // An action the plan does not apply to the country is not applicable, whatever was
            // reported before.
            let status = if applies(action.id, country_id) {
                record
                    .map(|r| decode(&r.status, Status::from_code, "status"))
                    .transpose()?
            } else {
                Some(Status::NotApplicable)
            };
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
