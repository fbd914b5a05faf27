//! The reported state of every action of a plan in a set of countries, read in a few queries, as the
//! inputs of the `progress` formulas: for the pages that show many actions or countries at once.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use super::queries::decode;
use crate::db::entities::{action, country_action, milestone, milestone_progress, plan};
use crate::domain::Status;
use crate::error::AppError;
use crate::progress::{ActionState, MilestoneState};

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
