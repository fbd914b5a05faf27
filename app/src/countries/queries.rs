//! Reading the countries and one country's status on every action of the current plan.

use std::collections::HashMap;

use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
};

use super::types::{CountryActionRow, CountryDetail, CountrySummary, CountryTheme};
use crate::db::codes::decode;
use crate::db::entities::{app_user, country, theme};
use crate::domain::{Bilingual, Membership};
use crate::error::AppError;
use crate::plan::queries::reported_states;
use crate::plan::queries::{current_plan, plan_summary};

/// The member country with the ISO code `iso2` (any case, spaces around ignored).
pub async fn member_country(
    db: &impl ConnectionTrait,
    iso2: &str,
) -> Result<Option<country::Model>, DbErr> {
    country::Entity::find()
        .filter(country::Column::Iso2.eq(iso2.trim().to_ascii_uppercase()))
        .filter(country::Column::Membership.eq(Membership::Member.code()))
        .one(db)
        .await
}

/// The country, member or observer, with the ISO code `iso2` (any case, spaces around ignored).
pub async fn country_of_code(
    db: &impl ConnectionTrait,
    iso2: &str,
) -> Result<Option<country::Model>, DbErr> {
    country::Entity::find()
        .filter(country::Column::Iso2.eq(iso2.trim().to_ascii_uppercase()))
        .one(db)
        .await
}

/// The member countries, by English name.
pub async fn member_countries(db: &impl ConnectionTrait) -> Result<Vec<country::Model>, DbErr> {
    country::Entity::find()
        .filter(country::Column::Membership.eq(Membership::Member.code()))
        .order_by_asc(country::Column::NameEn)
        .all(db)
        .await
}

/// The member countries, which focal points report for: ISO code and name.
pub async fn member_country_names(
    db: &sea_orm::DatabaseConnection,
) -> Result<Vec<(String, Bilingual)>, AppError> {
    Ok(member_countries(db)
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
        .filter(theme::Column::RetiredOn.is_null())
        .order_by_asc(theme::Column::SortOrder)
        .all(db)
        .await?;
    let (actions, reported) = reported_states(db, &plan, &[country_id]).await?;
    let editors: HashMap<i32, String> = app_user::Entity::find()
        .filter(app_user::Column::Id.is_in(reported.values().filter_map(|r| r.updated_by)))
        .all(db)
        .await?
        .into_iter()
        .map(|user| (user.id, user.name))
        .collect();
    let today = chrono::Utc::now().date_naive();

    let themes = themes
        .into_iter()
        .map(|t| {
            let rows = actions
                .iter()
                .filter(|a| a.theme_id == t.id)
                .filter_map(|a| {
                    let reported = reported.get(&(country_id, a.id))?;
                    let milestones = &reported.state.milestones;
                    Some(CountryActionRow {
                        code: a.code.clone(),
                        title: Bilingual::new(&a.title_en, &a.title_es),
                        status: reported.status,
                        delayed: reported.state.is_delayed(today),
                        progress: reported.state.progress(today),
                        achieved: milestones
                            .iter()
                            .filter(|m| m.achieved_on.is_some())
                            .count(),
                        total: milestones.len(),
                        updated_on: reported.updated_at.map(|at| at.date_naive().to_string()),
                        updated_by: reported.updated_by.and_then(|id| editors.get(&id).cloned()),
                    })
                })
                .collect();
            CountryTheme {
                code: t.code,
                name: Bilingual::new(t.name_en, t.name_es),
                actions: rows,
            }
        })
        .collect();
    Ok(CountryDetail {
        country: summary(country)?,
        plan: Some(plan_summary(&plan)?),
        themes,
    })
}
