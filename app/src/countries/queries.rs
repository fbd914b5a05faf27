//! Reading the countries and one country's status on every action of the current plan, on a day.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use chrono::NaiveDate;

use super::types::{CountryActionRow, CountryDetail, CountrySummary, CountryTheme};
use crate::dashboards::snapshot::{PlanAction, Snapshot, Standing};
use crate::db::codes::decode;
use crate::db::entities::{app_user, country};
use crate::domain::{AsOf, AsOfShown};
use crate::domain::{Bilingual, Membership};
use crate::error::AppError;
use crate::plan::queries::{current_plan, plan_summary};

/// The member countries, which focal points report for: ISO code and name.
pub async fn member_country_names(
    db: &sea_orm::DatabaseConnection,
) -> Result<Vec<(String, Bilingual)>, AppError> {
    Ok(crate::db::countries::member_countries(db)
        .await?
        .into_iter()
        .map(|country| {
            (
                country.iso2,
                Bilingual::new(country.name_en, country.name_es),
            )
        })
        .collect())
}

fn summary(model: country::Model) -> Result<CountrySummary, AppError> {
    Ok(CountrySummary {
        membership: decode(&model.membership, Membership::from_code, "membership")?,
        iso2: model.iso2,
        iso3: model.iso3,
        name: Bilingual::new(model.name_en, model.name_es),
    })
}

pub async fn countries(db: &DatabaseConnection) -> Result<Vec<CountrySummary>, AppError> {
    country::Entity::find()
        .order_by_asc(country::Column::NameEn)
        .all(db)
        .await?
        .into_iter()
        .map(summary)
        .collect()
}

/// One country and where it stood with each action of the current plan on the day `as_of` names
/// (today when empty), from the plan's state in `snapshot` (`None` without a current plan).
pub async fn country_detail(
    db: &DatabaseConnection,
    snapshot: Option<&Snapshot>,
    iso2: &str,
    as_of: Option<&str>,
) -> Result<CountryDetail, AppError> {
    let country = country::Entity::find()
        .filter(country::Column::Iso2.eq(iso2.to_ascii_uppercase()))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let (Some(plan), Some(snapshot)) = (current_plan(db).await?, snapshot) else {
        return Ok(CountryDetail {
            country: summary(country)?,
            plan: None,
            as_of: AsOfShown::default(),
            themes: Vec::new(),
        });
    };
    let today = chrono::Utc::now().date_naive();
    let (as_of, notice) = AsOf::read(as_of, today, (snapshot.plan_start, snapshot.plan_end));
    let day = as_of.day;
    let standings: HashMap<i32, Standing> = snapshot
        .actions_on(day)
        .iter()
        .filter_map(|a| Some((a.id, snapshot.standing(country.id, a.id, day)?)))
        .collect();
    let editors: HashMap<i32, String> = app_user::Entity::find()
        .filter(
            app_user::Column::Id.is_in(
                standings
                    .values()
                    .filter_map(|s| s.updated.and_then(|(_, by)| by)),
            ),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|user| (user.id, user.name))
        .collect();
    let actions = snapshot.actions_on(day);
    let themes = snapshot
        .themes_on(day)
        .into_iter()
        .map(|t| CountryTheme {
            actions: actions
                .iter()
                .filter(|a| a.theme_id == t.id)
                .filter_map(|a| {
                    let standing = standings.get(&a.id)?;
                    Some(action_row(a, standing, &editors, day))
                })
                .collect(),
            code: t.code,
            name: t.name,
        })
        .collect();
    Ok(CountryDetail {
        country: summary(country)?,
        plan: Some(plan_summary(&plan)?),
        as_of: as_of.shown(notice),
        themes,
    })
}

/// The row of the action `action` in a country's table: where it stood on `day`.
fn action_row(
    action: &PlanAction,
    standing: &Standing,
    editors: &HashMap<i32, String>,
    day: NaiveDate,
) -> CountryActionRow {
    let milestones = &standing.state.milestones;
    CountryActionRow {
        code: action.code.clone(),
        title: action.title.clone(),
        status: standing.status,
        delayed: standing.state.is_delayed(day),
        progress: standing.state.progress(day),
        achieved: milestones
            .iter()
            .filter(|m| m.achieved_on.is_some_and(|on| on <= day))
            .count(),
        total: milestones.len(),
        updated_on: standing.updated.map(|(on, _)| on.to_string()),
        updated_by: standing
            .updated
            .and_then(|(_, by)| editors.get(&by?).cloned()),
    }
}
