//! Stores a validated plan file in the database, all or nothing, in one transaction.

use std::collections::HashMap;

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    DatabaseTransaction, DbErr, EntityTrait, QueryFilter, TransactionTrait,
};

use super::file::{
    self, ActionDefinition, ObjectiveDefinition, PlanDefinition, PlanFileError, ThemeDefinition,
};
use crate::audit::service::{self as audit, Actor, Change};
use crate::db::entities::{
    action, action_article, milestone, objective, plan, protocol_article, theme,
};

#[derive(Debug, thiserror::Error)]
pub enum PlanLoadError {
    #[error("{0}")]
    File(#[from] PlanFileError),
    #[error(
        "{file}: a plan with the code '{code}' is already loaded; give the new plan another code"
    )]
    AlreadyLoaded { file: String, code: String },
    #[error("{file}: cannot be read: {reason}")]
    Unreadable { file: String, reason: String },
    #[error("database error while loading the plan: {0}")]
    Database(#[from] DbErr),
}

/// What was stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadedPlan {
    pub plan_id: i32,
    pub code: String,
    pub themes: usize,
    pub actions: usize,
    pub milestones: usize,
}

/// Reads, validates and stores the plan file at `path`.
pub async fn load_plan_file(
    db: &DatabaseConnection,
    path: &std::path::Path,
) -> Result<LoadedPlan, PlanLoadError> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| PlanLoadError::Unreadable {
        file: name.clone(),
        reason: e.to_string(),
    })?;
    load_plan_text(db, &name, &text).await
}

/// Validates and stores the plan file `text`; `file` names it in error messages.
pub async fn load_plan_text(
    db: &DatabaseConnection,
    file: &str,
    text: &str,
) -> Result<LoadedPlan, PlanLoadError> {
    let definition = file::parse(file, text)?;
    store(db, file, &definition).await
}

/// Whether a plan with this code is already stored.
pub async fn is_loaded(db: &DatabaseConnection, code: &str) -> Result<bool, DbErr> {
    code_taken(db, code).await
}

/// Whether a stored plan has the code `code`; a load asks in its own transaction.
async fn code_taken(db: &impl ConnectionTrait, code: &str) -> Result<bool, DbErr> {
    Ok(plan::Entity::find()
        .filter(plan::Column::Code.eq(code))
        .one(db)
        .await?
        .is_some())
}

/// Stores `definition`, read from `file`, with its audit entry, in one transaction; refuses a plan
/// whose code is taken.
async fn store(
    db: &DatabaseConnection,
    file: &str,
    definition: &PlanDefinition,
) -> Result<LoadedPlan, PlanLoadError> {
    let txn = db.begin().await?;
    if code_taken(&txn, &definition.code).await? {
        return Err(PlanLoadError::AlreadyLoaded {
            file: file.to_owned(),
            code: definition.code.clone(),
        });
    }
    let article_ids = article_ids(&txn).await?;
    let plan_id = insert_plan(&txn, definition).await?;

    let mut writer = PlanWriter {
        txn: &txn,
        file,
        plan_id,
        article_ids: &article_ids,
        next_order: 0,
        milestones: 0,
    };
    for (theme_order, theme_definition) in definition.themes.iter().enumerate() {
        writer.write_theme(theme_order, theme_definition).await?;
    }
    let loaded = LoadedPlan {
        plan_id,
        code: definition.code.clone(),
        themes: definition.themes.len(),
        actions: usize::try_from(writer.next_order).unwrap_or_default(),
        milestones: writer.milestones,
    };
    record_load(&txn, file, &loaded).await?;
    crate::live::commit(txn, crate::live::Change::Stored).await?;
    Ok(loaded)
}

/// The ids of the Protocol's articles by number, which the plan's actions cite.
async fn article_ids(txn: &DatabaseTransaction) -> Result<HashMap<i32, i32>, DbErr> {
    Ok(protocol_article::Entity::find()
        .all(txn)
        .await?
        .into_iter()
        .map(|article| (article.number, article.id))
        .collect())
}

/// Inserts the plan itself, without its themes; returns its id.
async fn insert_plan(txn: &DatabaseTransaction, definition: &PlanDefinition) -> Result<i32, DbErr> {
    Ok(plan::ActiveModel {
        code: Set(definition.code.clone()),
        title_en: Set(definition.title.en.clone()),
        title_es: Set(definition.title.es.clone()),
        start_year: Set(definition.start_year),
        end_year: Set(definition.end_year),
        state: Set(definition.state.code().to_owned()),
        approved_on: Set(definition.approved_on),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(txn)
    .await?
    .id)
}

/// The load's audit entry: the plan's code, its file and how much it holds.
async fn record_load(
    txn: &DatabaseTransaction,
    file: &str,
    loaded: &LoadedPlan,
) -> Result<(), DbErr> {
    audit::record(
        txn,
        Actor::System,
        chrono::Utc::now(),
        Change {
            entity: "plan",
            entity_id: loaded.plan_id.to_string(),
            operation: "load",
            country_id: None,
            before: None,
            after: Some(serde_json::json!({
                "code": loaded.code,
                "file": file,
                "themes": loaded.themes,
                "actions": loaded.actions,
                "milestones": loaded.milestones,
            })),
        },
    )
    .await
}

fn order(index: usize) -> i32 {
    i32::try_from(index).unwrap_or(i32::MAX)
}

/// Writes a plan's themes, objectives and actions in the load's transaction, numbering the actions
/// across the plan and counting the milestones.
struct PlanWriter<'a> {
    txn: &'a DatabaseTransaction,
    file: &'a str,
    plan_id: i32,
    article_ids: &'a HashMap<i32, i32>,
    next_order: i32,
    milestones: usize,
}

impl PlanWriter<'_> {
    /// Writes a theme, then the actions directly under it, then its objectives with theirs.
    async fn write_theme(
        &mut self,
        theme_order: usize,
        definition: &ThemeDefinition,
    ) -> Result<(), PlanLoadError> {
        let theme_id = theme::ActiveModel {
            plan_id: Set(self.plan_id),
            code: Set(definition.code.clone()),
            name_en: Set(definition.name.en.clone()),
            name_es: Set(definition.name.es.clone()),
            sort_order: Set(order(theme_order)),
            ..Default::default()
        }
        .insert(self.txn)
        .await?
        .id;
        for action_definition in &definition.actions {
            self.write_action(theme_id, None, action_definition).await?;
        }
        for (objective_order, objective_definition) in definition.objectives.iter().enumerate() {
            self.write_objective(theme_id, objective_order, objective_definition)
                .await?;
        }
        Ok(())
    }

    /// Writes an objective of the theme `theme_id`, then its actions.
    async fn write_objective(
        &mut self,
        theme_id: i32,
        objective_order: usize,
        definition: &ObjectiveDefinition,
    ) -> Result<(), PlanLoadError> {
        let objective_id = objective::ActiveModel {
            theme_id: Set(theme_id),
            code: Set(definition.code.clone()),
            title_en: Set(definition.title.en.clone()),
            title_es: Set(definition.title.es.clone()),
            sort_order: Set(order(objective_order)),
            ..Default::default()
        }
        .insert(self.txn)
        .await?
        .id;
        for action_definition in &definition.actions {
            self.write_action(theme_id, Some(objective_id), action_definition)
                .await?;
        }
        Ok(())
    }

    /// Writes an action, after the plan's actions before it, with its articles and milestones;
    /// refuses an article the Protocol does not have.
    async fn write_action(
        &mut self,
        theme_id: i32,
        objective_id: Option<i32>,
        definition: &ActionDefinition,
    ) -> Result<(), PlanLoadError> {
        let action_id = action::ActiveModel {
            plan_id: Set(self.plan_id),
            theme_id: Set(theme_id),
            objective_id: Set(objective_id),
            code: Set(definition.code.clone()),
            title_en: Set(definition.title.en.clone()),
            title_es: Set(definition.title.es.clone()),
            description_en: Set(definition.description.as_ref().map(|d| d.en.clone())),
            description_es: Set(definition.description.as_ref().map(|d| d.es.clone())),
            lead: Set(definition.lead.clone()),
            start_year: Set(Some(definition.start_year)),
            end_year: Set(Some(definition.end_year)),
            weight: Set(definition.weight),
            sort_order: Set(self.next_order),
            ..Default::default()
        }
        .insert(self.txn)
        .await?
        .id;
        self.next_order += 1;

        for number in &definition.articles {
            let Some(article_id) = self.article_ids.get(number) else {
                return Err(PlanFileError {
                    file: self.file.to_owned(),
                    line: definition.articles_line,
                    field: "articles".to_owned(),
                    message: format!("the Protocol has no article {number}"),
                }
                .into());
            };
            action_article::ActiveModel {
                action_id: Set(action_id),
                article_id: Set(*article_id),
            }
            .insert(self.txn)
            .await?;
        }
        for (milestone_order, m) in definition.milestones.iter().enumerate() {
            milestone::ActiveModel {
                action_id: Set(action_id),
                title_en: Set(m.title.en.clone()),
                title_es: Set(m.title.es.clone()),
                due_on: Set(m.due_on),
                weight: Set(m.weight),
                sort_order: Set(order(milestone_order)),
                is_demo: Set(false),
                ..Default::default()
            }
            .insert(self.txn)
            .await?;
            self.milestones += 1;
        }
        Ok(())
    }
}
