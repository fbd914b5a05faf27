//! Reading the countries and one country's status on every action of the current plan.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use super::{CountryActionRow, CountryDetail, CountrySummary, CountryTheme};
use crate::db::entities::{action, country, country_action, milestone, milestone_progress, theme};
use crate::domain::{Bilingual, Membership, Status};
use crate::error::AppError;
use crate::plan::queries::{current_plan, decode, milestone_counts, plan_summary};

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

pub async fn country_detail(
    db: &DatabaseConnection,
    iso2: &str,
) -> Result<CountryDetail, AppError> {
    let country = country::Entity::find()
        .filter(country::Column::Iso2.eq(iso2.to_ascii_uppercase()))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let country_id = country.id;
    let Some(plan) = current_plan(db).await? else {
        return Ok(CountryDetail {
            country: summary(country)?,
            plan: None,
            themes: Vec::new(),
        });
    };

    let themes = theme::Entity::find()
        .filter(theme::Column::PlanId.eq(plan.id))
        .order_by_asc(theme::Column::SortOrder)
        .all(db)
        .await?;
    let actions = action::Entity::find()
        .filter(action::Column::PlanId.eq(plan.id))
        .order_by_asc(action::Column::SortOrder)
        .all(db)
        .await?;
    let action_ids: Vec<i32> = actions.iter().map(|a| a.id).collect();
    let totals = milestone_counts(db, action_ids.iter().copied()).await?;
    let milestone_action: HashMap<i32, i32> = milestone::Entity::find()
        .filter(milestone::Column::ActionId.is_in(action_ids.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.id, m.action_id))
        .collect();
    let mut achieved: HashMap<i32, usize> = HashMap::new();
    for progress in milestone_progress::Entity::find()
        .filter(milestone_progress::Column::CountryId.eq(country_id))
        .filter(milestone_progress::Column::AchievedOn.is_not_null())
        .all(db)
        .await?
    {
        if let Some(action_id) = milestone_action.get(&progress.milestone_id) {
            *achieved.entry(*action_id).or_insert(0) += 1;
        }
    }
    let records: HashMap<i32, country_action::Model> = country_action::Entity::find()
        .filter(country_action::Column::CountryId.eq(country_id))
        .filter(country_action::Column::ActionId.is_in(action_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|record| (record.action_id, record))
        .collect();

    let themes = themes
        .into_iter()
        .map(|t| {
            let rows = actions
                .iter()
                .filter(|a| a.theme_id == t.id)
                .map(|a| {
                    let record = records.get(&a.id);
                    Ok(CountryActionRow {
                        code: a.code.clone(),
                        title: Bilingual::new(&a.title_en, &a.title_es),
                        status: record
                            .map(|r| decode(&r.status, Status::from_code, "status"))
                            .transpose()?,
                        achieved: achieved.get(&a.id).copied().unwrap_or(0),
                        total: totals.get(&a.id).copied().unwrap_or(0),
                        updated_on: record
                            .and_then(|r| r.updated_at)
                            .map(|at| at.date_naive().to_string()),
                    })
                })
                .collect::<Result<Vec<_>, AppError>>()?;
            Ok(CountryTheme {
                code: t.code,
                name: Bilingual::new(t.name_en, t.name_es),
                actions: rows,
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    Ok(CountryDetail {
        country: summary(country)?,
        plan: Some(plan_summary(&plan)?),
        themes,
    })
}
