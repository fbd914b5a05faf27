//! A plan of any size, to measure how Enlace's cost grows with it (`enlace demo-scale`): the RCM's
//! members and as many generated countries as asked, actions under five themes, years of history
//! ending on the demo's last day with statuses that change over the years, milestones reached and
//! yearly reports, a reporting round each year validated with its indicator values, each country's
//! legislation, and a focal point per country. Like the demo it comes from fixed seeds (the same
//! size gives the same data) and marks the database as demonstration data.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, Duration, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    DatabaseTransaction, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    TransactionTrait,
};
use serde_json::json;

use super::indicators::{follow_the_matrix, obey_relations, series, Series};
use super::{
    country_capacity, end_of_month, history_end, noon, DemoSummary, Rng, MILESTONE_TEMPLATES,
};
use crate::accounts::service::DEMO_PASSWORD;
use crate::db::entities::{
    action, action_country, app_user, country, country_action, indicator, indicator_target,
    indicator_value, milestone, milestone_progress, plan, reporting_round, status_event,
    submission,
};
use crate::db::settings;
use crate::domain::{
    Bilingual, Direction, IndicatorKind, Membership, PlanState, Role, Status, SubmissionState,
};
use crate::plan::service::PlanLoadError;
use crate::plan::types::{
    ActionDefinition, MilestoneDefinition, ObjectiveDefinition, PlanDefinition, ThemeDefinition,
};

/// How large a plan to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Size {
    /// Member countries: the RCM's members and generated ones.
    pub countries: usize,
    pub actions: usize,
    /// Years of the plan, ending with the year of the demo's last day.
    pub years: i32,
}

impl Size {
    /// Two-letter codes run out a little after this.
    pub const MOST_COUNTRIES: usize = 600;
    pub const MOST_ACTIONS: usize = 20_000;
    /// A plan spans at most 50 years after its first.
    pub const MOST_YEARS: i32 = 50;

    /// Checks the actions and years; the countries are checked against the database (`members`).
    fn check(self) -> Result<Self, ScaleError> {
        if !(1..=Self::MOST_ACTIONS).contains(&self.actions) {
            return Err(ScaleError::Actions);
        }
        if !(1..=Self::MOST_YEARS).contains(&self.years) {
            return Err(ScaleError::Years);
        }
        Ok(self)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ScaleError {
    #[error(
        "--countries must be from {least} (the member countries the database holds) to {most}",
        most = Size::MOST_COUNTRIES
    )]
    Countries { least: usize },
    #[error("--actions must be from 1 to {most}", most = Size::MOST_ACTIONS)]
    Actions,
    #[error("--years must be from 1 to {most}", most = Size::MOST_YEARS)]
    Years,
    #[error(
        "the database already holds a plan or reported data: demo-scale fills an empty database \
         (set DATABASE_URL to a new one)"
    )]
    NotEmpty,
    #[error("{0}")]
    Plan(#[from] PlanLoadError),
    #[error("the demo password cannot be hashed")]
    Password,
    #[error("database error: {0}")]
    Database(#[from] DbErr),
}

/// What `generate` stored.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ScaleSummary {
    pub plan: String,
    pub countries: usize,
    pub actions: usize,
    pub milestones: usize,
    pub country_actions: usize,
    pub status_events: usize,
    pub achieved_milestones: usize,
    pub rounds: usize,
    pub indicator_values: usize,
    pub legislation_entries: usize,
    pub users: usize,
}

/// Fills the empty database `db` with a plan of `size` and its history, in one transaction.
pub async fn generate(db: &DatabaseConnection, size: Size) -> Result<ScaleSummary, ScaleError> {
    let size = size.check()?;
    let txn = db.begin().await?;
    if plan::Entity::find().count(&txn).await? > 0 || super::has_reported_data(&txn).await? {
        return Err(ScaleError::NotEmpty);
    }
    let members = members(&txn, size.countries).await?;
    let definition = plan_definition(size, &members);
    let loaded = crate::plan::service::store_generated(&txn, &definition).await?;
    let mut summary = ScaleSummary {
        plan: loaded.code,
        countries: members.len(),
        actions: loaded.actions,
        milestones: loaded.milestones,
        ..ScaleSummary::default()
    };
    let people = accounts(&txn, &members, &mut summary).await?;
    for action in plan_actions(&txn, loaded.plan_id).await? {
        histories(&txn, &action, &members, &people, &mut summary).await?;
    }
    reporting(
        &txn,
        (loaded.plan_id, &definition),
        &members,
        &people,
        &mut summary,
    )
    .await?;
    settings::set(&txn, settings::DEMO_DATA, &history_end().to_string()).await?;
    record(&txn, loaded.plan_id, &summary).await?;
    crate::live::commit(txn, crate::live::Change::Stored).await?;
    Ok(summary)
}

/// The member countries, by code: the RCM's and generated ones up to `wanted`.
async fn members(
    txn: &DatabaseTransaction,
    wanted: usize,
) -> Result<Vec<country::Model>, ScaleError> {
    let all = country::Entity::find()
        .order_by_asc(country::Column::Iso2)
        .all(txn)
        .await?;
    let is_member = |c: &country::Model| c.membership == Membership::Member.code();
    let existing = all.iter().filter(|c| is_member(c)).count();
    if !(existing..=Size::MOST_COUNTRIES).contains(&wanted) {
        return Err(ScaleError::Countries { least: existing });
    }
    let mut iso3_taken: HashSet<String> = all.iter().map(|c| c.iso3.clone()).collect();
    let iso2_taken: HashSet<String> = all.iter().map(|c| c.iso2.clone()).collect();
    let free = ('A'..='Z')
        .flat_map(|first| ('A'..='Z').map(move |second| format!("{first}{second}")))
        .filter(|code| !iso2_taken.contains(code));
    let mut generated = Vec::new();
    for (number, iso2) in free.take(wanted - existing).enumerate() {
        let iso3 = ('A'..='Z')
            .map(|last| format!("{iso2}{last}"))
            .find(|code| !iso3_taken.contains(code))
            .unwrap_or_default();
        iso3_taken.insert(iso3.clone());
        let spanish = Rng::for_key(&format!("language:{iso2}")).unit() < 0.5;
        generated.push(country::ActiveModel {
            name_en: Set(format!("Generated country {:03}", number + 1)),
            name_es: Set(format!("País generado {:03}", number + 1)),
            iso2: Set(iso2),
            iso3: Set(iso3),
            membership: Set(Membership::Member.code().to_owned()),
            language: Set(if spanish { "es" } else { "en" }.to_owned()),
            ..Default::default()
        });
    }
    insert_all(txn, generated).await?;
    Ok(country::Entity::find()
        .filter(country::Column::Membership.eq(Membership::Member.code()))
        .order_by_asc(country::Column::Iso2)
        .all(txn)
        .await?)
}

/// The first and last years of a plan of `years` years that ends with the demo's history.
fn plan_years(years: i32) -> (i32, i32) {
    let last = history_end().year();
    (last - years + 1, last)
}

const THEMES: [(&str, &str); 5] = [
    (
        "Intelligence and investigation",
        "Inteligencia e investigación",
    ),
    ("Prevention and awareness", "Prevención y sensibilización"),
    (
        "Prosecution and criminal justice",
        "Persecución penal y justicia",
    ),
    (
        "Protection and assistance to smuggled migrants",
        "Protección y asistencia a las personas migrantes objeto de tráfico",
    ),
    (
        "Regional and international cooperation",
        "Cooperación regional e internacional",
    ),
];

const OBJECTIVES_PER_THEME: usize = 3;

/// What an action does, and to what: a title is one of each.
const ACTION_VERBS: [(&str, &str); 6] = [
    ("Strengthen", "Fortalecer"),
    ("Train officials on", "Capacitar a funcionarios en"),
    ("Harmonise", "Armonizar"),
    ("Evaluate", "Evaluar"),
    ("Set up", "Establecer"),
    ("Publish guidance on", "Publicar orientaciones sobre"),
];

const ACTION_SUBJECTS: [(&str, &str); 8] = [
    (
        "the exchange of information on smuggling routes",
        "el intercambio de información sobre rutas de tráfico",
    ),
    (
        "joint investigations of smuggling networks",
        "las investigaciones conjuntas de redes de tráfico",
    ),
    (
        "the identification of smuggled migrants in vulnerable situations",
        "la identificación de migrantes objeto de tráfico en situación de vulnerabilidad",
    ),
    (
        "the criminal definition of migrant smuggling",
        "la tipificación penal del tráfico ilícito de migrantes",
    ),
    (
        "the seizure of the proceeds of smuggling",
        "el decomiso del producto del tráfico",
    ),
    (
        "awareness campaigns in communities of origin",
        "las campañas de sensibilización en comunidades de origen",
    ),
    (
        "consular assistance to smuggled migrants",
        "la asistencia consular a migrantes objeto de tráfico",
    ),
    (
        "the collection of statistics on smuggling cases",
        "la recopilación de estadísticas sobre casos de tráfico",
    ),
];

/// The plan: five themes of three objectives each, the actions dealt among the objectives, each
/// over some of the plan's years with three to six milestones; one action in 25 applies to some of
/// the countries only.
fn plan_definition(size: Size, members: &[country::Model]) -> PlanDefinition {
    let (first_year, last_year) = plan_years(size.years);
    let mut themes: Vec<ThemeDefinition> = THEMES
        .iter()
        .enumerate()
        .map(|(t, (en, es))| ThemeDefinition {
            code: (t + 1).to_string(),
            name: Bilingual::new(*en, *es),
            actions: Vec::new(),
            objectives: (1..=OBJECTIVES_PER_THEME)
                .map(|o| ObjectiveDefinition {
                    code: format!("{}.{o}", t + 1),
                    title: Bilingual::new(
                        format!("Objective {}.{o}: {en}", t + 1),
                        format!("Objetivo {}.{o}: {es}", t + 1),
                    ),
                    actions: Vec::new(),
                })
                .collect(),
        })
        .collect();
    for number in 0..size.actions {
        let slot = number % (THEMES.len() * OBJECTIVES_PER_THEME);
        let objective =
            &mut themes[slot / OBJECTIVES_PER_THEME].objectives[slot % OBJECTIVES_PER_THEME];
        let code = format!("{}.{}", objective.code, objective.actions.len() + 1);
        let mut rng = Rng::for_key(&format!("scale-action:{code}"));
        let action = action_definition(code, (first_year, last_year), members, &mut rng);
        objective.actions.push(action);
    }
    PlanDefinition {
        code: format!("scale-{}x{}x{}", size.countries, size.actions, size.years),
        title: Bilingual::new(
            format!(
                "Generated plan: {} countries, {} actions, {} years",
                size.countries, size.actions, size.years
            ),
            format!(
                "Plan generado: {} países, {} acciones, {} años",
                size.countries, size.actions, size.years
            ),
        ),
        start_year: first_year,
        end_year: last_year,
        state: PlanState::Approved,
        approved_on: NaiveDate::from_ymd_opt(first_year, 1, 1),
        themes,
    }
}

/// One action of the plan `years`, its code `code`.
fn action_definition(
    code: String,
    (first_year, last_year): (i32, i32),
    members: &[country::Model],
    rng: &mut Rng,
) -> ActionDefinition {
    let span = i64::from(last_year - first_year + 1);
    let length = rng.between(span.min(2), span.min(6));
    let start_year = first_year + i32::try_from(rng.between(0, span - length)).unwrap_or(0);
    let end_year = start_year + i32::try_from(length).unwrap_or(1) - 1;
    let (verb_en, verb_es) = ACTION_VERBS[rng.between(0, 5) as usize];
    let (subject_en, subject_es) = ACTION_SUBJECTS[rng.between(0, 7) as usize];
    let some_countries = rng.unit() < 0.04;
    let countries: Vec<String> = if some_countries {
        // At least one: none would mean every country.
        members
            .iter()
            .enumerate()
            .filter(|(n, _)| *n == 0 || rng.unit() < 0.4)
            .map(|(_, c)| c.iso2.clone())
            .collect()
    } else {
        Vec::new()
    };
    let count = usize::try_from(rng.between(3, 6)).unwrap_or(3);
    let start = NaiveDate::from_ymd_opt(start_year, 1, 1).unwrap_or_default();
    let end = NaiveDate::from_ymd_opt(end_year, 12, 31).unwrap_or_default();
    let span_days = (end - start).num_days();
    let milestones = MILESTONE_TEMPLATES[..count]
        .iter()
        .enumerate()
        .map(|(position, (en, es))| {
            let fraction = (position as f64 + 0.5) / count as f64;
            let day =
                start + Duration::days((span_days as f64 * fraction) as i64 + rng.between(-20, 20));
            MilestoneDefinition {
                code: crate::plan::rules::default_milestone_code(position),
                title: Bilingual::new(*en, *es),
                due_on: end_of_month(day.clamp(start, end)),
                weight: 1.0,
            }
        })
        .collect();
    ActionDefinition {
        code,
        title: Bilingual::new(
            format!("{verb_en} {subject_en}"),
            format!("{verb_es} {subject_es}"),
        ),
        description: None,
        lead: None,
        start_year,
        end_year,
        weight: 1.0,
        articles: Vec::new(),
        countries,
        milestones,
    }
}

/// The accounts a plan's data names: the secretariat, a reviewer, and a focal point per country,
/// all with the demo password.
struct People {
    secretariat: i32,
    /// Each country's focal point, by country id.
    focal_points: HashMap<i32, i32>,
}

async fn accounts(
    txn: &DatabaseTransaction,
    members: &[country::Model],
    summary: &mut ScaleSummary,
) -> Result<People, ScaleError> {
    // One hash for all: hashing is slow on purpose, and every account has the same password.
    let hash = crate::accounts::passwords::hash(DEMO_PASSWORD)
        .await
        .map_err(|_| ScaleError::Password)?;
    let now = Utc::now();
    let account =
        |email: String, name: String, role: Role, country_id: Option<i32>| app_user::ActiveModel {
            email: Set(email),
            name: Set(name),
            password_hash: Set(hash.clone()),
            role: Set(role.code().to_owned()),
            country_id: Set(country_id),
            language: Set("en".to_owned()),
            active: Set(true),
            must_change_password: Set(false),
            monthly_digest: Set(false),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        };
    let mut rows = vec![
        account(
            "secretariat@demo.enlace".to_owned(),
            "Demo Secretariat".to_owned(),
            Role::Secretariat,
            None,
        ),
        account(
            "reviewer@demo.enlace".to_owned(),
            "Demo Reviewer".to_owned(),
            Role::Reviewer,
            None,
        ),
    ];
    rows.extend(members.iter().map(|c| {
        account(
            format!("focal.{}@demo.enlace", c.iso2.to_lowercase()),
            format!("Demo Focal Point {}", c.name_en),
            Role::FocalPoint,
            Some(c.id),
        )
    }));
    summary.users = rows.len();
    insert_all(txn, rows).await?;
    let users = app_user::Entity::find().all(txn).await?;
    Ok(People {
        secretariat: users
            .iter()
            .find(|u| u.role == Role::Secretariat.code())
            .map_or(0, |u| u.id),
        focal_points: users
            .iter()
            .filter_map(|u| Some((u.country_id?, u.id)))
            .collect(),
    })
}

/// An action of the stored plan, with its milestones (id, due date) in order and the countries it
/// applies to (empty: every one).
struct PlanAction {
    id: i32,
    code: String,
    start: NaiveDate,
    end: NaiveDate,
    milestones: Vec<(i32, NaiveDate)>,
    countries: Vec<i32>,
}

impl PlanAction {
    fn applies_to(&self, country_id: i32) -> bool {
        self.countries.is_empty() || self.countries.contains(&country_id)
    }
}

async fn plan_actions(txn: &DatabaseTransaction, plan_id: i32) -> Result<Vec<PlanAction>, DbErr> {
    let actions = action::Entity::find()
        .filter(action::Column::PlanId.eq(plan_id))
        .order_by_asc(action::Column::SortOrder)
        .all(txn)
        .await?;
    let mut milestones: HashMap<i32, Vec<(i32, NaiveDate)>> = HashMap::new();
    for m in milestone::Entity::find()
        .filter(milestone::Column::ActionId.is_in(actions.iter().map(|a| a.id)))
        .order_by_asc(milestone::Column::SortOrder)
        .all(txn)
        .await?
    {
        milestones
            .entry(m.action_id)
            .or_default()
            .push((m.id, m.due_on));
    }
    let mut countries: HashMap<i32, Vec<i32>> = HashMap::new();
    for row in action_country::Entity::find()
        .filter(action_country::Column::ActionId.is_in(actions.iter().map(|a| a.id)))
        .all(txn)
        .await?
    {
        countries
            .entry(row.action_id)
            .or_default()
            .push(row.country_id);
    }
    Ok(actions
        .into_iter()
        .map(|a| {
            let year = |y: Option<i32>| y.unwrap_or(history_end().year());
            PlanAction {
                id: a.id,
                start: NaiveDate::from_ymd_opt(year(a.start_year), 1, 1).unwrap_or_default(),
                end: NaiveDate::from_ymd_opt(year(a.end_year), 12, 31).unwrap_or_default(),
                milestones: milestones.remove(&a.id).unwrap_or_default(),
                countries: countries.remove(&a.id).unwrap_or_default(),
                code: a.code,
            }
        })
        .collect())
}

/// Every member country's story with `action`: its record, the milestones it reached, its status
/// changes and its yearly reports, each change an event by its focal point.
async fn histories(
    txn: &DatabaseTransaction,
    action: &PlanAction,
    members: &[country::Model],
    people: &People,
    summary: &mut ScaleSummary,
) -> Result<(), DbErr> {
    // In the members' order, so that the same size gives the same rows.
    let stories: Vec<(i32, Story)> = members
        .iter()
        .filter(|country| action.applies_to(country.id))
        .map(|country| {
            let mut rng = Rng::for_key(&format!("{}:{}", country.iso2, action.code));
            let capacity = country_capacity(&country.iso2);
            (country.id, Story::generate(&mut rng, capacity, action))
        })
        .collect();
    let records = stories.iter().map(|(country_id, story)| {
        let last = story.last_day();
        country_action::ActiveModel {
            action_id: Set(action.id),
            country_id: Set(*country_id),
            status: Set(story.status.code().to_owned()),
            narrative_en: Set(story.reports.last().map(|r| r.text.en.clone())),
            narrative_es: Set(story.reports.last().map(|r| r.text.es.clone())),
            evidence: Set(None),
            updated_at: Set(last.map(noon)),
            updated_by: Set(last.and(people.focal_points.get(country_id).copied())),
            version: Set(i32::try_from(story.events()).unwrap_or(i32::MAX)),
            ..Default::default()
        }
    });
    insert_all(txn, records.collect()).await?;
    summary.country_actions += stories.len();
    let record_ids: HashMap<i32, i32> = country_action::Entity::find()
        .filter(country_action::Column::ActionId.eq(action.id))
        .all(txn)
        .await?
        .into_iter()
        .map(|record| (record.country_id, record.id))
        .collect();
    let (mut events, mut progress) = (Vec::new(), Vec::new());
    for (country_id, story) in &stories {
        let (Some(record_id), actor) = (
            record_ids.get(country_id),
            people.focal_points.get(country_id).copied(),
        ) else {
            continue;
        };
        events.extend(story.event_rows(*record_id, actor));
        progress.extend(story.achieved.iter().map(|(milestone_id, day)| {
            milestone_progress::ActiveModel {
                milestone_id: Set(*milestone_id),
                country_id: Set(*country_id),
                achieved_on: Set(Some(*day)),
                note: Set(None),
                updated_at: Set(Some(noon(*day))),
                updated_by: Set(actor),
                ..Default::default()
            }
        }));
    }
    summary.status_events += events.len();
    summary.achieved_milestones += progress.len();
    insert_all(txn, events).await?;
    insert_all(txn, progress).await
}

/// A country's yearly report on an action: the day it was made and what it said.
struct Report {
    day: NaiveDate,
    text: Bilingual,
}

/// One country's story with one action over the plan's years.
struct Story {
    status: Status,
    achieved: Vec<(i32, NaiveDate)>,
    /// Status changes in time order: (day, before, after).
    changes: Vec<(NaiveDate, Status, Status)>,
    reports: Vec<Report>,
}

impl Story {
    fn generate(rng: &mut Rng, capacity: f64, action: &PlanAction) -> Self {
        let end = history_end();
        let roll = rng.unit();
        if roll < 0.05 {
            let status = if roll < 0.03 {
                Status::NotApplicable
            } else {
                Status::Cancelled
            };
            let day = (action.start + Duration::days(rng.between(30, 500))).min(end);
            return Story {
                status,
                achieved: Vec::new(),
                changes: vec![(day, Status::NotStarted, status)],
                reports: Vec::new(),
            };
        }
        let achieved = reached(rng, capacity, action);
        let started_on = match achieved.first() {
            Some((_, first)) => (*first - Duration::days(rng.between(20, 120))).max(action.start),
            None => action.start + Duration::days(rng.between(40, 700)),
        };
        let started = started_on <= end && (!achieved.is_empty() || rng.unit() < 0.5 * capacity);
        let mut story = Story {
            status: Status::NotStarted,
            achieved,
            changes: Vec::new(),
            reports: Vec::new(),
        };
        if !started {
            return story;
        }
        story.status = Status::InProgress;
        story
            .changes
            .push((started_on, Status::NotStarted, Status::InProgress));
        let last_reached = story.achieved.last().map(|(_, day)| *day);
        if !action.milestones.is_empty() && story.achieved.len() == action.milestones.len() {
            let done = last_reached.unwrap_or(started_on);
            story.change(done, Status::Completed);
        } else if rng.unit() < 0.2 {
            // A pause: funds or a reorganisation; most resume within the year.
            let paused = last_reached.unwrap_or(started_on) + Duration::days(rng.between(30, 300));
            let resumed = paused + Duration::days(rng.between(60, 400));
            if paused <= end {
                story.change(paused, Status::Suspended);
                if resumed <= end && rng.unit() < 0.6 {
                    story.change(resumed, Status::InProgress);
                }
            }
        }
        story.reports = story.yearly_reports(rng, started_on, action);
        story
    }

    fn change(&mut self, day: NaiveDate, status: Status) {
        self.changes.push((day, self.status, status));
        self.status = status;
    }

    /// A report early each year on the year before, from the year the action started until the
    /// year after it ended, up to the history's end: how many milestones it had reached.
    fn yearly_reports(
        &self,
        rng: &mut Rng,
        started_on: NaiveDate,
        action: &PlanAction,
    ) -> Vec<Report> {
        let end = history_end();
        (started_on.year()..=action.end.year())
            .filter_map(|year| {
                let day = NaiveDate::from_ymd_opt(year + 1, 2, 1)? + Duration::days(rng.between(0, 50));
                let reached = self.achieved.iter().filter(|(_, on)| *on <= day).count();
                let of = action.milestones.len();
                (day <= end).then(|| Report {
                    day,
                    text: Bilingual::new(
                        format!("{year}: {reached} of {of} milestones reached; work continues with the institutions responsible."),
                        format!("{year}: {reached} de {of} hitos alcanzados; el trabajo continúa con las instituciones responsables."),
                    ),
                })
            })
            .collect()
    }

    fn events(&self) -> usize {
        self.achieved.len() + self.changes.len() + self.reports.len()
    }

    fn last_day(&self) -> Option<NaiveDate> {
        let changes = self.changes.iter().map(|(day, _, _)| *day);
        let achieved = self.achieved.iter().map(|(_, day)| *day);
        let reports = self.reports.iter().map(|r| r.day);
        changes.chain(achieved).chain(reports).max()
    }

    /// The events of the record `record_id`, made by `actor`, as the action's page stores them.
    fn event_rows(&self, record_id: i32, actor: Option<i32>) -> Vec<status_event::ActiveModel> {
        let event =
            |day: NaiveDate, kind: &str, milestone_id, before, after| status_event::ActiveModel {
                country_action_id: Set(record_id),
                milestone_id: Set(milestone_id),
                kind: Set(kind.to_owned()),
                before: Set(Some(before)),
                after: Set(Some(after)),
                comment: Set(None),
                actor_id: Set(actor),
                occurred_at: Set(noon(day)),
                ..Default::default()
            };
        let mut rows: Vec<(NaiveDate, status_event::ActiveModel)> = Vec::new();
        for (milestone_id, day) in &self.achieved {
            let after = json!({ "achieved_on": day.to_string() });
            let row = event(
                *day,
                "milestone",
                Some(*milestone_id),
                json!({ "achieved_on": null }),
                after,
            );
            rows.push((*day, row));
        }
        for (day, before, after) in &self.changes {
            let row = event(
                *day,
                "status",
                None,
                json!({ "status": before.code() }),
                json!({ "status": after.code() }),
            );
            rows.push((*day, row));
        }
        let mut said: (Option<&str>, Option<&str>) = (None, None);
        for report in &self.reports {
            let before = json!({ "narrative_en": said.0, "narrative_es": said.1 });
            let after = json!({ "narrative_en": report.text.en, "narrative_es": report.text.es });
            rows.push((
                report.day,
                event(report.day, "narrative", None, before, after),
            ));
            said = (Some(&report.text.en), Some(&report.text.es));
        }
        // Stored in the order they happened, as a country's saves store them.
        rows.sort_by_key(|(day, _)| *day);
        rows.into_iter().map(|(_, row)| row).collect()
    }
}

/// The milestones of `action` a country of `capacity` reached by the history's end, in order of
/// the day: mostly in order, one missed making the next less likely, some early and some late.
fn reached(rng: &mut Rng, capacity: f64, action: &PlanAction) -> Vec<(i32, NaiveDate)> {
    let end = history_end();
    let mut achieved = Vec::new();
    let mut previous_reached = true;
    for (id, due_on) in &action.milestones {
        let chance = if *due_on <= end {
            capacity
        } else {
            0.12 * capacity
        } * if previous_reached { 1.0 } else { 0.5 };
        previous_reached = rng.unit() < chance;
        if previous_reached {
            let day = (*due_on + Duration::days(rng.between(-75, 45))).clamp(action.start, end);
            achieved.push((*id, day));
        }
    }
    achieved.sort_by_key(|(_, day)| *day);
    achieved
}

/// A reporting round for every year of the plan: each one whose due date has passed with every
/// country's submission validated and its indicator values; the plan's last year's round open
/// since November, nothing submitted yet. Each country's legislation, verified with its last
/// validated submission, and its indicator targets for the plan's last year.
async fn reporting(
    txn: &DatabaseTransaction,
    (plan_id, definition): (i32, &PlanDefinition),
    members: &[country::Model],
    people: &People,
    summary: &mut ScaleSummary,
) -> Result<(), DbErr> {
    let indicators = indicator::Entity::find()
        .order_by_asc(indicator::Column::Code)
        .all(txn)
        .await?;
    let mut rounds = Vec::new();
    for year in definition.start_year..=definition.end_year {
        let due_on = NaiveDate::from_ymd_opt(year + 1, 3, 31).unwrap_or_default();
        let closed = due_on <= history_end();
        let opens_on = if closed {
            NaiveDate::from_ymd_opt(year + 1, 1, 15)
        } else {
            NaiveDate::from_ymd_opt(year, 11, 2)
        };
        let round = reporting_round::ActiveModel {
            plan_id: Set(plan_id),
            year: Set(year),
            opens_on: Set(opens_on.unwrap_or_default()),
            due_on: Set(due_on),
            state: Set("open".to_owned()),
            remind_before_days: Set("7, 1".to_owned()),
            remind_after_days: Set("7, 1".to_owned()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        rounds.push((round, closed));
    }
    summary.rounds = rounds.len();
    for country in members {
        let validated = submissions(txn, country, &rounds, people).await?;
        let mut legislation = DemoSummary::default();
        let last = validated.last().map(|(_, days)| *days).unwrap_or((
            history_end() - Duration::days(60),
            history_end() - Duration::days(30),
        ));
        let coverages = super::legislation::load(
            txn,
            country,
            country_capacity(&country.iso2),
            last,
            &mut legislation,
        )
        .await?;
        summary.legislation_entries += legislation.legislation_entries;
        let values = indicator_rows(country, &indicators, &validated, &coverages, definition);
        summary.indicator_values += values.1.len();
        insert_all(txn, values.0).await?;
        insert_all(txn, values.1).await?;
    }
    Ok(())
}

/// The country's submissions to `rounds`: validated for the closed ones (most in time, the least
/// able countries up to a month late), not started for the open one. The years validated, with the
/// days the submission was made and validated.
async fn submissions(
    txn: &DatabaseTransaction,
    country: &country::Model,
    rounds: &[(reporting_round::Model, bool)],
    people: &People,
) -> Result<Vec<(i32, (NaiveDate, NaiveDate))>, DbErr> {
    let capacity = country_capacity(&country.iso2);
    let focal_point = people.focal_points.get(&country.id).copied();
    let mut validated = Vec::new();
    let mut rows = Vec::new();
    for (round, closed) in rounds {
        let mut rng = Rng::for_key(&format!("round-{}:{}", round.year, country.iso2));
        let row = if *closed {
            let lateness = rng.between(-40, 0) + ((1.0 - capacity) * 30.0) as i64;
            let submitted_on = round.due_on + Duration::days(lateness);
            let validated_on =
                (submitted_on + Duration::days(rng.between(3, 20))).min(history_end());
            validated.push((round.year, (submitted_on, validated_on)));
            submission::ActiveModel {
                round_id: Set(round.id),
                country_id: Set(country.id),
                state: Set(SubmissionState::Validated.code().to_owned()),
                submitted_at: Set(Some(noon(submitted_on))),
                submitted_by: Set(focal_point),
                validated_at: Set(Some(noon(validated_on))),
                validated_by: Set(Some(people.secretariat)),
                return_reason: Set(None),
                updated_at: Set(noon(validated_on)),
                version: Set(2),
                ..Default::default()
            }
        } else {
            submission::ActiveModel {
                round_id: Set(round.id),
                country_id: Set(country.id),
                state: Set(SubmissionState::NotStarted.code().to_owned()),
                submitted_at: Set(None),
                submitted_by: Set(None),
                validated_at: Set(None),
                validated_by: Set(None),
                return_reason: Set(None),
                updated_at: Set(noon(round.opens_on)),
                version: Set(0),
                ..Default::default()
            }
        };
        rows.push(row);
    }
    insert_all(txn, rows).await?;
    Ok(validated)
}

/// The country's target of every indicator (the plan's last year) and its value in every validated
/// year: from the baseline the year before the plan, each year moving as far as the demo's first
/// year moves, within what the indicator's kind allows, and obeying the catalogue's relations and
/// the country's legislation as the demo's values do.
fn indicator_rows(
    country: &country::Model,
    indicators: &[indicator::Model],
    validated: &[(i32, (NaiveDate, NaiveDate))],
    coverages: &HashMap<String, crate::domain::Coverage>,
    definition: &PlanDefinition,
) -> (
    Vec<indicator_target::ActiveModel>,
    Vec<indicator_value::ActiveModel>,
) {
    let capacity = country_capacity(&country.iso2);
    let first: HashMap<&str, (IndicatorKind, Series)> = indicators
        .iter()
        .filter_map(|item| {
            let kind = IndicatorKind::from_code(&item.kind)?;
            let direction = Direction::from_code(&item.direction)?;
            let mut rng = Rng::for_key(&format!("{}:{}", country.iso2, item.code));
            Some((
                item.code.as_str(),
                (kind, series(&mut rng, capacity, kind, direction)),
            ))
        })
        .collect();
    let targets = indicators
        .iter()
        .filter_map(|item| {
            let (_, series) = first.get(item.code.as_str())?;
            Some(indicator_target::ActiveModel {
                indicator_id: Set(item.id),
                country_id: Set(country.id),
                baseline_year: Set(Some(definition.start_year - 1)),
                baseline_value: Set(Some(series.baseline)),
                target_year: Set(Some(definition.end_year)),
                target_value: Set(Some(series.target)),
                proposed_by_country: Set(false),
                updated_at: Set(noon(
                    NaiveDate::from_ymd_opt(definition.start_year, 6, 30).unwrap_or_default(),
                )),
                updated_by: Set(None),
                ..Default::default()
            })
        })
        .collect();
    let mut values = Vec::new();
    for (step, (year, (submitted_on, _))) in validated.iter().enumerate() {
        let mut year_series: HashMap<&str, Series> = first
            .iter()
            .map(|(code, (kind, s))| (*code, moved(*kind, s, step + 1)))
            .collect();
        obey_relations(&mut year_series);
        follow_the_matrix(&mut year_series, coverages);
        for item in indicators {
            let Some(s) = year_series.get(item.code.as_str()) else {
                continue;
            };
            values.push(indicator_value::ActiveModel {
                indicator_id: Set(item.id),
                country_id: Set(country.id),
                year: Set(*year),
                value: Set(Some(s.value)),
                numerator: Set(s.denominator.map(|d| (d * s.value / 100.0).round())),
                denominator: Set(s.denominator),
                source: Set(Some("Demonstration data".to_owned())),
                note: Set(None),
                state: Set(SubmissionState::Validated.code().to_owned()),
                updated_at: Set(noon(*submitted_on)),
                updated_by: Set(None),
                ..Default::default()
            });
        }
    }
    (targets, values)
}

/// Where the series `first` stands after `years` years of moving as it moved in its first.
fn moved(kind: IndicatorKind, first: &Series, years: usize) -> Series {
    let value = first.baseline + (first.value - first.baseline) * years as f64;
    let value = match kind {
        IndicatorKind::YesNo => first.value,
        IndicatorKind::Scale0To4 => value.round().clamp(0.0, 4.0),
        IndicatorKind::Percentage => value.clamp(0.0, 100.0),
        IndicatorKind::Count | IndicatorKind::Number => value.round().max(0.0),
    };
    let value = match first.denominator {
        Some(denominator) => 100.0 * (denominator * value / 100.0).round() / denominator,
        None => value,
    };
    Series {
        baseline: first.baseline,
        value,
        target: first.target,
        denominator: first.denominator,
    }
}

/// The generation's audit entry: the plan and how much was generated.
async fn record(
    txn: &DatabaseTransaction,
    plan_id: i32,
    summary: &ScaleSummary,
) -> Result<(), DbErr> {
    super::record_generation(
        txn,
        plan_id,
        json!({
            "history_end": history_end().to_string(),
            "plan": summary.plan,
            "countries": summary.countries,
            "actions": summary.actions,
            "milestones": summary.milestones,
            "country_actions": summary.country_actions,
            "status_events": summary.status_events,
            "achieved_milestones": summary.achieved_milestones,
            "rounds": summary.rounds,
            "indicator_values": summary.indicator_values,
            "legislation_entries": summary.legislation_entries,
            "users": summary.users,
        }),
    )
    .await
}

/// How many rows one statement inserts: within SQLite's and PostgreSQL's limits on a statement's
/// values for the widest table written here.
const ROWS_PER_INSERT: usize = 1000;

/// Inserts `rows` a thousand at a time.
async fn insert_all<A>(txn: &impl ConnectionTrait, rows: Vec<A>) -> Result<(), DbErr>
where
    A: ActiveModelTrait + Send,
    <A::Entity as EntityTrait>::Model: sea_orm::IntoActiveModel<A>,
{
    let mut rows = rows.into_iter();
    loop {
        let batch: Vec<A> = rows.by_ref().take(ROWS_PER_INSERT).collect();
        if batch.is_empty() {
            return Ok(());
        }
        A::Entity::insert_many(batch)
            .exec_without_returning(txn)
            .await?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn action(milestones: usize) -> PlanAction {
        let day = |text: &str| text.parse::<NaiveDate>().unwrap();
        PlanAction {
            id: 1,
            code: "1.1.1".to_owned(),
            start: day("2019-01-01"),
            end: day("2024-12-31"),
            milestones: (0..milestones)
                .map(|n| {
                    (
                        n as i32 + 1,
                        day("2019-06-30") + Duration::days(300 * n as i64),
                    )
                })
                .collect(),
            countries: Vec::new(),
        }
    }

    #[test]
    fn stories_are_consistent_over_the_years() {
        let action = action(5);
        for key in 0..2000 {
            let mut rng = Rng::for_key(&key.to_string());
            let story = Story::generate(&mut rng, 0.35 + 0.6 * (key % 7) as f64 / 7.0, &action);
            // Every change starts from where the last one ended, in time order, within the history.
            let mut status = Status::NotStarted;
            let mut day = action.start;
            for (on, before, after) in &story.changes {
                assert_eq!(*before, status, "{key}");
                assert!(*on >= day && *on <= history_end(), "{key}");
                (status, day) = (*after, *on);
            }
            assert_eq!(status, story.status, "{key}");
            assert_eq!(
                story.status == Status::Completed,
                story.achieved.len() == 5,
                "{key}"
            );
            assert!(story.achieved.iter().all(|(_, on)| *on <= history_end()));
            assert!(story.reports.iter().all(|r| r.day <= history_end()));
            let rows = story.event_rows(7, Some(3));
            assert_eq!(rows.len(), story.events());
        }
    }

    #[test]
    fn a_plan_of_the_size_asked_for_passes_the_rules_of_plans() {
        let size = Size {
            countries: 11,
            actions: 40,
            years: 10,
        };
        let members: Vec<country::Model> = Vec::new();
        let plan = plan_definition(size, &members);
        assert_eq!(plan.actions().count(), 40);
        assert_eq!((plan.start_year, plan.end_year), (2017, 2026));
        assert_eq!(plan.themes.len(), 5);
        assert!(plan
            .actions()
            .all(|a| (3..=6).contains(&a.milestones.len())));
        assert!(plan
            .actions()
            .all(|a| a.start_year >= 2017 && a.end_year <= 2026 && a.start_year <= a.end_year));
        crate::plan::rules::check(&plan, None).unwrap();
    }

    #[test]
    fn a_series_moves_each_year_within_what_its_kind_allows() {
        let first = Series {
            baseline: 50.0,
            value: 70.0,
            target: 80.0,
            denominator: Some(40.0),
        };
        assert_eq!(moved(IndicatorKind::Percentage, &first, 1).value, 70.0);
        assert_eq!(moved(IndicatorKind::Percentage, &first, 2).value, 90.0);
        assert_eq!(moved(IndicatorKind::Percentage, &first, 5).value, 100.0);
        let scale = Series {
            baseline: 1.0,
            value: 2.0,
            target: 4.0,
            denominator: None,
        };
        assert_eq!(moved(IndicatorKind::Scale0To4, &scale, 9).value, 4.0);
        let fewer = Series {
            baseline: 100.0,
            value: 80.0,
            target: 60.0,
            denominator: None,
        };
        assert_eq!(moved(IndicatorKind::Count, &fewer, 7).value, 0.0);
    }

    #[test]
    fn actions_and_years_out_of_range_are_refused_with_their_flag() {
        let size = |countries, actions, years| {
            Size {
                countries,
                actions,
                years,
            }
            .check()
        };
        assert!(size(100, 1000, 10).is_ok());
        assert!(matches!(size(11, 0, 5), Err(ScaleError::Actions)));
        assert!(matches!(size(11, 10, 51), Err(ScaleError::Years)));
    }
}
