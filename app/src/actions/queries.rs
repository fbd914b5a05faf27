//! Reading one action, its milestones and its status in every member country.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use super::{ActionDetail, ArticleRef, CountryStatusRow, MilestoneRow};
use crate::db::entities::{
    action, action_article, country, country_action, milestone, milestone_progress, objective,
    protocol_article, theme,
};
use crate::domain::{Bilingual, Membership, Status};
use crate::error::AppError;
use crate::plan::queries::{decode, plan_summary, require_current_plan};

pub async fn action_detail(db: &DatabaseConnection, code: &str) -> Result<ActionDetail, AppError> {
    let plan = require_current_plan(db).await?;
    let action = action::Entity::find()
        .filter(action::Column::PlanId.eq(plan.id))
        .filter(action::Column::Code.eq(code))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let theme = theme::Entity::find_by_id(action.theme_id)
        .one(db)
        .await?
        .ok_or(AppError::Internal)?;
    let objective = match action.objective_id {
        Some(id) => objective::Entity::find_by_id(id).one(db).await?,
        None => None,
    };

    let article_ids: Vec<i32> = action_article::Entity::find()
        .filter(action_article::Column::ActionId.eq(action.id))
        .all(db)
        .await?
        .into_iter()
        .map(|link| link.article_id)
        .collect();
    let articles = protocol_article::Entity::find()
        .filter(protocol_article::Column::Id.is_in(article_ids))
        .order_by_asc(protocol_article::Column::Number)
        .all(db)
        .await?
        .into_iter()
        .map(|a| ArticleRef {
            number: a.number,
            title: Bilingual::new(a.title_en, a.title_es),
        })
        .collect();

    let milestones = milestone::Entity::find()
        .filter(milestone::Column::ActionId.eq(action.id))
        .order_by_asc(milestone::Column::SortOrder)
        .all(db)
        .await?;
    let milestone_ids: Vec<i32> = milestones.iter().map(|m| m.id).collect();
    let mut achieved_by_country: HashMap<i32, usize> = HashMap::new();
    for progress in milestone_progress::Entity::find()
        .filter(milestone_progress::Column::MilestoneId.is_in(milestone_ids))
        .filter(milestone_progress::Column::AchievedOn.is_not_null())
        .all(db)
        .await?
    {
        *achieved_by_country.entry(progress.country_id).or_insert(0) += 1;
    }
    let records: HashMap<i32, country_action::Model> = country_action::Entity::find()
        .filter(country_action::Column::ActionId.eq(action.id))
        .all(db)
        .await?
        .into_iter()
        .map(|record| (record.country_id, record))
        .collect();
    let members = country::Entity::find()
        .filter(country::Column::Membership.eq(Membership::Member.code()))
        .order_by_asc(country::Column::NameEn)
        .all(db)
        .await?;
    let countries = members
        .into_iter()
        .map(|c| {
            let record = records.get(&c.id);
            Ok(CountryStatusRow {
                status: record
                    .map(|r| decode(&r.status, Status::from_code, "status"))
                    .transpose()?,
                updated_on: record
                    .and_then(|r| r.updated_at)
                    .map(|at| at.date_naive().to_string()),
                achieved: achieved_by_country.get(&c.id).copied().unwrap_or(0),
                total: milestones.len(),
                iso2: c.iso2,
                name: Bilingual::new(c.name_en, c.name_es),
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;

    Ok(ActionDetail {
        plan: plan_summary(&plan)?,
        theme_code: theme.code,
        theme_name: Bilingual::new(theme.name_en, theme.name_es),
        objective: objective.map(|o| (o.code, Bilingual::new(o.title_en, o.title_es))),
        description: match (action.description_en, action.description_es) {
            (None, None) => None,
            (en, es) => Some(Bilingual::new(
                en.unwrap_or_default(),
                es.unwrap_or_default(),
            )),
        },
        code: action.code,
        title: Bilingual::new(action.title_en, action.title_es),
        lead: action.lead,
        start_year: action.start_year,
        end_year: action.end_year,
        weight: action.weight,
        articles,
        milestones: milestones
            .into_iter()
            .map(|m| MilestoneRow {
                title: Bilingual::new(m.title_en, m.title_es),
                due_on: m.due_on.to_string(),
                weight: m.weight,
            })
            .collect(),
        countries,
    })
}
