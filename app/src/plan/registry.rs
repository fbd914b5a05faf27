//! The plan's parts in the database, matched to a plan definition by their codes: a theme, objective
//! or action keeps its row (and its id, which the countries' updates point to) from revision to
//! revision; what a revision leaves out is marked retired, never deleted. Server only; the writes run
//! in the caller's transaction.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder, TryIntoModel,
};

use super::rules::Known;
use super::types::{
    ActionDefinition, MilestoneDefinition, ObjectiveDefinition, PlanDefinition, ThemeDefinition,
};
use crate::db::codes::decode;
use crate::db::entities::{
    action, action_article, action_country, country, milestone, objective, plan, plan_revision,
    protocol_article, theme,
};
use crate::domain::{Bilingual, PlanState};
use crate::error::AppError;

/// What a draft says at one moment (its plan, reason and date), in a few characters: a form sends
/// the token of the draft it showed, so that a change made meanwhile is not overwritten unseen.
pub fn draft_token(revision: &plan_revision::Model) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::new()
        .chain_update(revision.content.as_bytes())
        .chain_update(revision.reason.as_bytes())
        .chain_update(revision.effective_on.to_string().as_bytes())
        .finalize();
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// Every milestone code the action `action_code` of `plan_id` ever had, retired ones included.
pub async fn milestone_codes(
    db: &impl ConnectionTrait,
    plan_id: i32,
    action_code: &str,
) -> Result<Vec<String>, DbErr> {
    let Some(action) = action::Entity::find()
        .filter(action::Column::PlanId.eq(plan_id))
        .filter(action::Column::Code.eq(action_code))
        .one(db)
        .await?
    else {
        return Ok(Vec::new());
    };
    Ok(milestone::Entity::find()
        .filter(milestone::Column::ActionId.eq(action.id))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.code)
        .collect())
}

/// The articles and countries a plan may name, as the database knows them.
pub async fn known(db: &impl ConnectionTrait) -> Result<Known, DbErr> {
    Ok(Known {
        articles: protocol_article::Entity::find()
            .all(db)
            .await?
            .into_iter()
            .map(|a| a.number)
            .collect(),
        countries: country::Entity::find()
            .all(db)
            .await?
            .into_iter()
            .map(|c| c.iso2)
            .collect(),
    })
}

/// Makes the plan's rows say what `definition` says: its own fields, and every part by its code,
/// added, changed or brought back; the parts it leaves out are marked retired on `retired_on`.
pub async fn apply(
    txn: &impl ConnectionTrait,
    plan: &plan::Model,
    definition: &PlanDefinition,
    retired_on: NaiveDate,
) -> Result<(), DbErr> {
    let mut row = plan.clone().into_active_model();
    row.title_en = Set(definition.title.en.clone());
    row.title_es = Set(definition.title.es.clone());
    row.start_year = Set(definition.start_year);
    row.end_year = Set(definition.end_year);
    row.state = Set(definition.state.code().to_owned());
    row.approved_on = Set(definition.approved_on);
    row.update(txn).await?;

    let mut writer = Writer::read(txn, plan.id).await?;
    for (order, theme) in definition.themes.iter().enumerate() {
        writer.theme(txn, order, theme).await?;
    }
    writer.retire_the_rest(txn, retired_on).await
}

fn order(index: usize) -> i32 {
    i32::try_from(index).unwrap_or(i32::MAX)
}

/// The plan's rows as they were, and which of them the definition keeps.
struct Writer {
    plan_id: i32,
    themes: HashMap<String, theme::Model>,
    objectives: HashMap<String, objective::Model>,
    actions: HashMap<String, action::Model>,
    milestones: HashMap<(i32, String), milestone::Model>,
    articles: HashMap<i32, i32>,
    countries: HashMap<String, i32>,
    kept: HashSet<(&'static str, i32)>,
    next_action: i32,
}

impl Writer {
    async fn read(txn: &impl ConnectionTrait, plan_id: i32) -> Result<Self, DbErr> {
        let themes = theme::Entity::find()
            .filter(theme::Column::PlanId.eq(plan_id))
            .all(txn)
            .await?;
        let objectives = objective::Entity::find()
            .filter(objective::Column::ThemeId.is_in(themes.iter().map(|t| t.id)))
            .all(txn)
            .await?;
        let actions = action::Entity::find()
            .filter(action::Column::PlanId.eq(plan_id))
            .all(txn)
            .await?;
        let milestones = milestone::Entity::find()
            .filter(milestone::Column::ActionId.is_in(actions.iter().map(|a| a.id)))
            .all(txn)
            .await?;
        Ok(Writer {
            plan_id,
            themes: themes.into_iter().map(|t| (t.code.clone(), t)).collect(),
            objectives: objectives
                .into_iter()
                .map(|o| (o.code.clone(), o))
                .collect(),
            actions: actions.into_iter().map(|a| (a.code.clone(), a)).collect(),
            milestones: milestones
                .into_iter()
                .map(|m| ((m.action_id, m.code.clone()), m))
                .collect(),
            articles: protocol_article::Entity::find()
                .all(txn)
                .await?
                .into_iter()
                .map(|a| (a.number, a.id))
                .collect(),
            countries: country::Entity::find()
                .all(txn)
                .await?
                .into_iter()
                .map(|c| (c.iso2, c.id))
                .collect(),
            kept: HashSet::new(),
            next_action: 0,
        })
    }

    async fn theme(
        &mut self,
        txn: &impl ConnectionTrait,
        index: usize,
        definition: &ThemeDefinition,
    ) -> Result<(), DbErr> {
        let mut row = match self.themes.get(&definition.code) {
            Some(existing) => existing.clone().into_active_model(),
            None => theme::ActiveModel {
                plan_id: Set(self.plan_id),
                code: Set(definition.code.clone()),
                ..Default::default()
            },
        };
        row.name_en = Set(definition.name.en.clone());
        row.name_es = Set(definition.name.es.clone());
        row.sort_order = Set(order(index));
        row.retired_on = Set(None);
        let theme_id = row.save(txn).await?.try_into_model()?.id;
        self.kept.insert(("theme", theme_id));
        for action in &definition.actions {
            self.action(txn, theme_id, None, action).await?;
        }
        for (index, objective) in definition.objectives.iter().enumerate() {
            self.objective(txn, theme_id, index, objective).await?;
        }
        Ok(())
    }

    async fn objective(
        &mut self,
        txn: &impl ConnectionTrait,
        theme_id: i32,
        index: usize,
        definition: &ObjectiveDefinition,
    ) -> Result<(), DbErr> {
        let mut row = match self.objectives.get(&definition.code) {
            Some(existing) => existing.clone().into_active_model(),
            None => objective::ActiveModel {
                code: Set(definition.code.clone()),
                ..Default::default()
            },
        };
        row.theme_id = Set(theme_id);
        row.title_en = Set(definition.title.en.clone());
        row.title_es = Set(definition.title.es.clone());
        row.sort_order = Set(order(index));
        row.retired_on = Set(None);
        let objective_id = row.save(txn).await?.try_into_model()?.id;
        self.kept.insert(("objective", objective_id));
        for action in &definition.actions {
            self.action(txn, theme_id, Some(objective_id), action)
                .await?;
        }
        Ok(())
    }

    async fn action(
        &mut self,
        txn: &impl ConnectionTrait,
        theme_id: i32,
        objective_id: Option<i32>,
        definition: &ActionDefinition,
    ) -> Result<(), DbErr> {
        let mut row = match self.actions.get(&definition.code) {
            Some(existing) => existing.clone().into_active_model(),
            None => action::ActiveModel {
                plan_id: Set(self.plan_id),
                code: Set(definition.code.clone()),
                ..Default::default()
            },
        };
        row.theme_id = Set(theme_id);
        row.objective_id = Set(objective_id);
        row.title_en = Set(definition.title.en.clone());
        row.title_es = Set(definition.title.es.clone());
        row.description_en = Set(definition.description.as_ref().map(|d| d.en.clone()));
        row.description_es = Set(definition.description.as_ref().map(|d| d.es.clone()));
        row.lead = Set(definition.lead.clone());
        row.start_year = Set(Some(definition.start_year));
        row.end_year = Set(Some(definition.end_year));
        row.weight = Set(definition.weight);
        row.sort_order = Set(self.next_action);
        row.retired_on = Set(None);
        self.next_action += 1;
        let action_id = row.save(txn).await?.try_into_model()?.id;
        self.kept.insert(("action", action_id));

        action_article::Entity::delete_many()
            .filter(action_article::Column::ActionId.eq(action_id))
            .exec(txn)
            .await?;
        for number in &definition.articles {
            let article_id =
                self.articles.get(number).copied().ok_or_else(|| {
                    DbErr::Custom(format!("the Protocol has no article {number}"))
                })?;
            action_article::ActiveModel {
                action_id: Set(action_id),
                article_id: Set(article_id),
            }
            .insert(txn)
            .await?;
        }
        action_country::Entity::delete_many()
            .filter(action_country::Column::ActionId.eq(action_id))
            .exec(txn)
            .await?;
        for iso2 in &definition.countries {
            let country_id = self
                .countries
                .get(iso2)
                .copied()
                .ok_or_else(|| DbErr::Custom(format!("no country with the code {iso2}")))?;
            action_country::ActiveModel {
                action_id: Set(action_id),
                country_id: Set(country_id),
            }
            .insert(txn)
            .await?;
        }
        for (index, milestone) in definition.milestones.iter().enumerate() {
            self.milestone(txn, action_id, index, milestone).await?;
        }
        Ok(())
    }

    async fn milestone(
        &mut self,
        txn: &impl ConnectionTrait,
        action_id: i32,
        index: usize,
        definition: &MilestoneDefinition,
    ) -> Result<(), DbErr> {
        let mut row = match self.milestones.get(&(action_id, definition.code.clone())) {
            Some(existing) => existing.clone().into_active_model(),
            None => milestone::ActiveModel {
                action_id: Set(action_id),
                code: Set(definition.code.clone()),
                is_demo: Set(false),
                ..Default::default()
            },
        };
        row.title_en = Set(definition.title.en.clone());
        row.title_es = Set(definition.title.es.clone());
        row.due_on = Set(definition.due_on);
        row.weight = Set(definition.weight);
        row.sort_order = Set(order(index));
        row.retired_on = Set(None);
        let id = row.save(txn).await?.try_into_model()?.id;
        self.kept.insert(("milestone", id));
        Ok(())
    }

    /// Marks retired on `day` every row the definition left out (those retired already keep their
    /// day).
    async fn retire_the_rest(
        &self,
        txn: &impl ConnectionTrait,
        day: NaiveDate,
    ) -> Result<(), DbErr> {
        let left_out = |kind: &'static str, ids: Vec<(i32, Option<NaiveDate>)>| {
            ids.into_iter()
                .filter(|(id, retired)| retired.is_none() && !self.kept.contains(&(kind, *id)))
                .map(|(id, _)| id)
                .collect::<Vec<_>>()
        };
        let themes = left_out(
            "theme",
            self.themes.values().map(|t| (t.id, t.retired_on)).collect(),
        );
        theme::Entity::update_many()
            .col_expr(theme::Column::RetiredOn, day.into())
            .filter(theme::Column::Id.is_in(themes))
            .exec(txn)
            .await?;
        let objectives = left_out(
            "objective",
            self.objectives
                .values()
                .map(|o| (o.id, o.retired_on))
                .collect(),
        );
        objective::Entity::update_many()
            .col_expr(objective::Column::RetiredOn, day.into())
            .filter(objective::Column::Id.is_in(objectives))
            .exec(txn)
            .await?;
        let actions = left_out(
            "action",
            self.actions
                .values()
                .map(|a| (a.id, a.retired_on))
                .collect(),
        );
        action::Entity::update_many()
            .col_expr(action::Column::RetiredOn, day.into())
            .filter(action::Column::Id.is_in(actions))
            .exec(txn)
            .await?;
        let milestones = left_out(
            "milestone",
            self.milestones
                .values()
                .map(|m| (m.id, m.retired_on))
                .collect(),
        );
        milestone::Entity::update_many()
            .col_expr(milestone::Column::RetiredOn, day.into())
            .filter(milestone::Column::Id.is_in(milestones))
            .exec(txn)
            .await?;
        Ok(())
    }
}

/// The plan as its rows say, retired parts left out: how a plan loaded before revisions existed
/// becomes its first revision.
pub async fn definition_of(
    db: &impl ConnectionTrait,
    plan: &plan::Model,
) -> Result<PlanDefinition, AppError> {
    let themes = theme::Entity::find()
        .filter(theme::Column::PlanId.eq(plan.id))
        .filter(theme::Column::RetiredOn.is_null())
        .order_by_asc(theme::Column::SortOrder)
        .all(db)
        .await?;
    let objectives = objective::Entity::find()
        .filter(objective::Column::ThemeId.is_in(themes.iter().map(|t| t.id)))
        .filter(objective::Column::RetiredOn.is_null())
        .order_by_asc(objective::Column::SortOrder)
        .all(db)
        .await?;
    let actions = action::Entity::find()
        .filter(action::Column::PlanId.eq(plan.id))
        .filter(action::Column::RetiredOn.is_null())
        .order_by_asc(action::Column::SortOrder)
        .all(db)
        .await?;
    let parts = ActionParts::read(db, &actions).await?;
    let action_definitions = |of: &dyn Fn(&action::Model) -> bool| {
        actions
            .iter()
            .filter(|a| of(a))
            .map(|a| parts.definition(plan, a))
            .collect::<Vec<_>>()
    };
    Ok(PlanDefinition {
        code: plan.code.clone(),
        title: Bilingual::new(&plan.title_en, &plan.title_es),
        start_year: plan.start_year,
        end_year: plan.end_year,
        state: decode(&plan.state, PlanState::from_code, "plan state")?,
        approved_on: plan.approved_on,
        themes: themes
            .iter()
            .map(|t| ThemeDefinition {
                code: t.code.clone(),
                name: Bilingual::new(&t.name_en, &t.name_es),
                actions: action_definitions(&|a| a.theme_id == t.id && a.objective_id.is_none()),
                objectives: objectives
                    .iter()
                    .filter(|o| o.theme_id == t.id)
                    .map(|o| ObjectiveDefinition {
                        code: o.code.clone(),
                        title: Bilingual::new(&o.title_en, &o.title_es),
                        actions: action_definitions(&|a| a.objective_id == Some(o.id)),
                    })
                    .collect(),
            })
            .collect(),
    })
}

/// What hangs from the plan's actions: milestones in force, Protocol articles (by number) and the
/// countries taking part (by ISO code).
struct ActionParts {
    milestones: Vec<milestone::Model>,
    articles: Vec<(i32, i32)>,
    countries: Vec<(i32, String)>,
}

impl ActionParts {
    async fn read(db: &impl ConnectionTrait, actions: &[action::Model]) -> Result<Self, DbErr> {
        let action_ids: Vec<i32> = actions.iter().map(|a| a.id).collect();
        let milestones = milestone::Entity::find()
            .filter(milestone::Column::ActionId.is_in(action_ids.clone()))
            .filter(milestone::Column::RetiredOn.is_null())
            .order_by_asc(milestone::Column::SortOrder)
            .all(db)
            .await?;
        let numbers: HashMap<i32, i32> = protocol_article::Entity::find()
            .all(db)
            .await?
            .into_iter()
            .map(|a| (a.id, a.number))
            .collect();
        let articles = action_article::Entity::find()
            .filter(action_article::Column::ActionId.is_in(action_ids.clone()))
            .all(db)
            .await?
            .into_iter()
            .filter_map(|row| Some((row.action_id, *numbers.get(&row.article_id)?)))
            .collect();
        let codes: HashMap<i32, String> = country::Entity::find()
            .all(db)
            .await?
            .into_iter()
            .map(|c| (c.id, c.iso2))
            .collect();
        let countries = action_country::Entity::find()
            .filter(action_country::Column::ActionId.is_in(action_ids))
            .all(db)
            .await?
            .into_iter()
            .filter_map(|row| Some((row.action_id, codes.get(&row.country_id)?.clone())))
            .collect();
        Ok(ActionParts {
            milestones,
            articles,
            countries,
        })
    }

    /// The action `a` of `plan` as a plan file describes it.
    fn definition(&self, plan: &plan::Model, a: &action::Model) -> ActionDefinition {
        let mut articles: Vec<i32> = self
            .articles
            .iter()
            .filter(|(action_id, _)| *action_id == a.id)
            .map(|(_, number)| *number)
            .collect();
        articles.sort_unstable();
        let mut countries: Vec<String> = self
            .countries
            .iter()
            .filter(|(action_id, _)| *action_id == a.id)
            .map(|(_, iso2)| iso2.clone())
            .collect();
        countries.sort();
        ActionDefinition {
            code: a.code.clone(),
            title: Bilingual::new(&a.title_en, &a.title_es),
            description: match (&a.description_en, &a.description_es) {
                (None, None) => None,
                (en, es) => Some(Bilingual::new(
                    en.clone().unwrap_or_default(),
                    es.clone().unwrap_or_default(),
                )),
            },
            lead: a.lead.clone(),
            start_year: a.start_year.unwrap_or(plan.start_year),
            end_year: a.end_year.unwrap_or(plan.end_year),
            weight: a.weight,
            articles,
            countries,
            milestones: self
                .milestones
                .iter()
                .filter(|m| m.action_id == a.id)
                .map(|m| MilestoneDefinition {
                    code: m.code.clone(),
                    title: Bilingual::new(&m.title_en, &m.title_es),
                    due_on: m.due_on,
                    weight: m.weight,
                })
                .collect(),
        }
    }
}
