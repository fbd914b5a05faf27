//! Reading what a template holds, and an import waiting for its user.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::types::{StatusesTemplate, TemplateAction, TemplateCountry, TemplateMilestone};
use crate::access::{Permission, Viewer};
use crate::db::codes::decode;
use crate::db::entities::{
    action, action_country, country, country_action, milestone, milestone_progress, pending_import,
    theme,
};
use crate::domain::{Bilingual, Status};
use crate::error::AppError;

/// The statuses template of the country `iso2`, or of every member country (`None`, for the
/// secretariat), as `viewer` may edit them.
pub async fn statuses_template(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    iso2: Option<&str>,
) -> Result<StatusesTemplate, AppError> {
    let countries = match iso2 {
        Some(iso2) => vec![crate::db::countries::member_country(db, iso2)
            .await?
            .ok_or(AppError::NotFound)?],
        None => crate::db::countries::member_countries(db).await?,
    };
    let editable: Vec<country::Model> = countries
        .into_iter()
        .filter(|country| viewer.may(Permission::EditCountry(country.id)))
        .collect();
    if editable.is_empty() {
        return Err(AppError::Forbidden);
    }
    let plan = PlanInForce::read(db).await?;
    let country_ids: Vec<i32> = editable.iter().map(|c| c.id).collect();
    let reports = Reports::read(db, &country_ids).await?;
    let mut countries = Vec::new();
    for country in editable {
        countries.push(plan.template_country(country, &reports)?);
    }
    Ok(StatusesTemplate { countries })
}

/// The actions of the plan in force, with their themes' codes, their milestones and the
/// countries they list.
struct PlanInForce {
    themes: HashMap<i32, String>,
    actions: Vec<action::Model>,
    participants: HashMap<i32, Vec<i32>>,
    milestones: Vec<milestone::Model>,
}

impl PlanInForce {
    async fn read(db: &impl ConnectionTrait) -> Result<Self, AppError> {
        let plan = crate::plan::queries::require_current_plan(db).await?;
        let themes = theme::Entity::find()
            .filter(theme::Column::PlanId.eq(plan.id))
            .all(db)
            .await?
            .into_iter()
            .map(|theme| (theme.id, theme.code))
            .collect();
        let actions = action::Entity::find()
            .filter(action::Column::PlanId.eq(plan.id))
            .filter(action::Column::RetiredOn.is_null())
            .order_by_asc(action::Column::SortOrder)
            .all(db)
            .await?;
        let action_ids: Vec<i32> = actions.iter().map(|a| a.id).collect();
        let mut participants: HashMap<i32, Vec<i32>> = HashMap::new();
        for row in action_country::Entity::find()
            .filter(action_country::Column::ActionId.is_in(action_ids.clone()))
            .all(db)
            .await?
        {
            participants
                .entry(row.action_id)
                .or_default()
                .push(row.country_id);
        }
        let milestones = milestone::Entity::find()
            .filter(milestone::Column::ActionId.is_in(action_ids))
            .filter(milestone::Column::RetiredOn.is_null())
            .order_by_asc(milestone::Column::SortOrder)
            .all(db)
            .await?;
        Ok(PlanInForce {
            themes,
            actions,
            participants,
            milestones,
        })
    }

    /// The rows of `country`: each action it takes part in, with what it reports.
    fn template_country(
        &self,
        country: country::Model,
        reports: &Reports,
    ) -> Result<TemplateCountry, AppError> {
        let mut actions = Vec::new();
        for action in &self.actions {
            let takes_part = self
                .participants
                .get(&action.id)
                .is_none_or(|listed| listed.contains(&country.id));
            if takes_part {
                actions.push(self.template_action(action, country.id, reports)?);
            }
        }
        Ok(TemplateCountry {
            iso2: country.iso2,
            name: Bilingual::new(country.name_en, country.name_es),
            actions,
        })
    }

    fn template_action(
        &self,
        action: &action::Model,
        country_id: i32,
        reports: &Reports,
    ) -> Result<TemplateAction, AppError> {
        let record = reports.records.get(&(country_id, action.id));
        let status = match record {
            Some(record) => decode(&record.status, Status::from_code, "status")?,
            None => Status::NotStarted,
        };
        let text = |text: Option<&Option<String>>| text.and_then(Clone::clone).unwrap_or_default();
        Ok(TemplateAction {
            theme: self
                .themes
                .get(&action.theme_id)
                .cloned()
                .unwrap_or_default(),
            code: action.code.clone(),
            title: Bilingual::new(action.title_en.clone(), action.title_es.clone()),
            status,
            narrative_en: text(record.map(|r| &r.narrative_en)),
            narrative_es: text(record.map(|r| &r.narrative_es)),
            version: record.map_or(0, |r| r.version),
            updated_on: record.and_then(|r| r.updated_at).map(|at| at.date_naive()),
            milestones: self
                .milestones
                .iter()
                .filter(|m| m.action_id == action.id)
                .map(|m| {
                    let reported = reports.progress.get(&(country_id, m.id));
                    TemplateMilestone {
                        code: m.code.clone(),
                        title: Bilingual::new(m.title_en.clone(), m.title_es.clone()),
                        due_on: m.due_on,
                        achieved_on: reported.and_then(|p| p.achieved_on),
                        note: text(reported.map(|p| &p.note)),
                    }
                })
                .collect(),
        })
    }
}

/// What some countries report: their records, by (country id, action id), and their milestones'
/// progress, by (country id, milestone id).
struct Reports {
    records: HashMap<(i32, i32), country_action::Model>,
    progress: HashMap<(i32, i32), milestone_progress::Model>,
}

impl Reports {
    async fn read(db: &impl ConnectionTrait, country_ids: &[i32]) -> Result<Self, AppError> {
        let records = country_action::Entity::find()
            .filter(country_action::Column::CountryId.is_in(country_ids.to_vec()))
            .all(db)
            .await?
            .into_iter()
            .map(|record| ((record.country_id, record.action_id), record))
            .collect();
        let progress = milestone_progress::Entity::find()
            .filter(milestone_progress::Column::CountryId.is_in(country_ids.to_vec()))
            .all(db)
            .await?
            .into_iter()
            .map(|row| ((row.country_id, row.milestone_id), row))
            .collect();
        Ok(Reports { records, progress })
    }
}

/// The import `id`, if it is `viewer`'s: nobody sees or confirms another's upload.
pub async fn pending_import(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    id: i32,
) -> Result<pending_import::Model, AppError> {
    let pending = pending_import::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if pending.user_id != viewer.user_id {
        return Err(AppError::Forbidden);
    }
    // An import not confirmed within a day is forgotten: what it read may be long out of date.
    let age = chrono::Utc::now() - pending.created_at;
    if age > chrono::Duration::hours(super::rules::KEPT_HOURS) {
        return Err(AppError::NotFound);
    }
    Ok(pending)
}

/// The imports page of `viewer`.
pub async fn imports_view(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
) -> Result<super::types::ImportsView, AppError> {
    let countries = crate::db::countries::member_countries(db)
        .await?
        .into_iter()
        .filter(|country| viewer.may(Permission::EditCountry(country.id)))
        .map(|country| {
            (
                country.iso2,
                Bilingual::new(country.name_en, country.name_es),
            )
        })
        .collect();
    let pending = pending_import::Entity::find()
        .filter(pending_import::Column::UserId.eq(viewer.user_id))
        .order_by_desc(pending_import::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|pending| {
            Some(super::types::PendingRow {
                id: pending.id,
                kind: super::types::ImportKind::from_code(&pending.kind)?,
                file_name: pending.file_name,
                uploaded_at: pending.created_at.format("%Y-%m-%d %H:%M UTC").to_string(),
            })
        })
        .collect();
    Ok(super::types::ImportsView {
        countries,
        every_country: viewer.may(Permission::Coordinate),
        pending,
    })
}
