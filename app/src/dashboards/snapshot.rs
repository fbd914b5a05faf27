//! The plan's state in memory: its structure, and for each country and action the history of its
//! status and the days its milestones were reached, read from the database in a handful of queries.
//! The dashboards compute from it for any as-of date without touching the database; it is read again
//! after a write (`SnapshotCache`, keyed by the change feed's generation).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};

use chrono::NaiveDate;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
};

use super::figures::{
    AchievedMilestone, ActionName, ActionRef, CountryRef, PeriodEvents, States, Structure, ThemeRef,
};
use super::types::RegionalDashboard;
use crate::db::codes::decode;
use crate::db::entities::{
    action, country, country_action, milestone, milestone_progress, plan, plan_revision,
    reporting_round, status_event, submission, theme,
};
use crate::domain::{Bilingual, Membership, RevisionState, Status, SubmissionState};
use crate::error::AppError;
use crate::indicators::types::ScorecardSource;
use crate::indicators::types::{IndicatorSeries, IndicatorTrend};
use crate::plan::registry;
use crate::plan::types::{ActionDefinition, PlanDefinition};
use crate::progress::{ActionState, MilestoneState};

/// A country's story with one action.
#[derive(Clone, Debug, Default, PartialEq)]
struct History {
    /// The status before the first change (the record's status when it never changed).
    initial: Option<Status>,
    /// Status changes, oldest first: (day, new status).
    changes: Vec<(NaiveDate, Status)>,
    /// The day each milestone was reached, by milestone id.
    achieved: HashMap<i32, NaiveDate>,
    /// Every change to the record (status, narratives, evidence, milestones), oldest first: the day
    /// and who made it.
    updates: Vec<(NaiveDate, Option<i32>)>,
    /// The record's last update as stored, for a record with no recorded change (one imported).
    stored_update: Option<(NaiveDate, Option<i32>)>,
}

impl History {
    /// Whether the country had reported on the action by `as_of`: it has a record, and its first
    /// change (if any was recorded) was made by then.
    fn reported_by(&self, as_of: NaiveDate) -> bool {
        self.initial.is_some() && self.updates.first().is_none_or(|(day, _)| *day <= as_of)
    }

    /// The last update up to `as_of`: its day and who made it.
    fn last_update(&self, as_of: NaiveDate) -> Option<(NaiveDate, Option<i32>)> {
        if self.updates.is_empty() {
            return self.stored_update.filter(|(day, _)| *day <= as_of);
        }
        self.updates
            .iter()
            .take_while(|(day, _)| *day <= as_of)
            .last()
            .copied()
    }

    fn status_on(&self, as_of: NaiveDate) -> Status {
        self.changes
            .iter()
            .take_while(|(day, _)| *day <= as_of)
            .last()
            .map(|(_, status)| *status)
            .or(self.initial)
            .unwrap_or(Status::NotStarted)
    }
}

/// An action of the plan, by its lasting identity (its terms change with the revisions).
#[derive(Clone, Debug, PartialEq)]
struct ActionInfo {
    code: String,
    title: Bilingual,
}

/// The plan as it stood from a day on: its themes and actions in order, and the terms of each
/// action, by action id.
#[derive(Clone, Debug, Default, PartialEq)]
struct Version {
    from: NaiveDate,
    themes: Vec<i32>,
    actions_in_order: Vec<i32>,
    actions: HashMap<i32, Terms>,
}

/// An action's terms in one version of the plan.
#[derive(Clone, Debug, PartialEq)]
struct Terms {
    /// The theme it stood under.
    theme_id: i32,
    weight: f64,
    end_year: i32,
    milestones: Vec<MilestoneInfo>,
    /// The ids of the countries it applies to; `None`: every country.
    countries: Option<Vec<i32>>,
}

impl Terms {
    fn applies_to(&self, country_id: i32) -> bool {
        self.countries
            .as_ref()
            .is_none_or(|ids| ids.contains(&country_id))
    }
}

#[derive(Clone, Debug, PartialEq)]
struct MilestoneInfo {
    id: i32,
    title: Bilingual,
    due_on: NaiveDate,
    weight: f64,
}

/// One action as one country stood with it on a day.
#[derive(Clone, Debug, PartialEq)]
pub struct Standing {
    /// What the progress formulas take.
    pub state: ActionState,
    /// The status as reported by then; `None` before the country first reported on the action.
    /// An action the plan does not apply to the country is not applicable.
    pub status: Option<Status>,
    /// The last update by then: its day and who made it.
    pub updated: Option<(NaiveDate, Option<i32>)>,
}

/// An action of the plan on a day: its id, code, title and theme.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanAction {
    pub id: i32,
    pub code: String,
    pub title: Bilingual,
    pub theme_id: i32,
}

/// An action of a country that is delayed on the as-of date, and where it stands.
#[derive(Clone, Debug, PartialEq)]
pub struct DelayedAction {
    pub code: String,
    pub title: Bilingual,
    pub progress: Option<crate::progress::Progress>,
}

/// A milestone of a country's action that falls due soon and is not reached yet.
#[derive(Clone, Debug, PartialEq)]
pub struct DueMilestone {
    pub code: String,
    pub milestone: Bilingual,
    pub due_on: NaiveDate,
}

#[derive(Clone, Debug, PartialEq)]
struct CountryInfo {
    reference: CountryRef,
    membership: Membership,
}

/// Where the countries' submissions stand in the plan's latest reporting round.
#[derive(Clone, Debug, PartialEq)]
pub struct RoundStanding {
    pub year: i32,
    /// How many countries' submissions are in each state, in `SubmissionState::ALL` order.
    pub counts: Vec<(SubmissionState, usize)>,
}

/// The plan's state, as read once.
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    /// The plan's code.
    pub plan: String,
    /// Every plan (code, title), newest first, for the filter.
    pub plans: Vec<(String, Bilingual)>,
    pub plan_start: NaiveDate,
    pub plan_end: NaiveDate,
    /// What the Protocol article scorecard of any day is computed from, as `/scorecard` shows it.
    pub scorecard: ScorecardSource,
    pub round: Option<RoundStanding>,
    /// Each country's series of the indicators with a target, for their trends.
    indicator_series: Vec<IndicatorSeries>,
    themes: Vec<ThemeRef>,
    /// Every action the plan ever had, by id.
    actions: HashMap<i32, ActionInfo>,
    /// The plan's versions, oldest first: the approved revisions from the day each took effect.
    versions: Vec<Version>,
    /// Every milestone's title as last approved, by id (a retired one's among them).
    milestone_titles: HashMap<i32, Bilingual>,
    countries: Vec<CountryInfo>,
    histories: HashMap<(i32, i32), History>,
}

impl Snapshot {
    /// Reads the current plan's state; `NotFound` without a plan.
    pub async fn load(db: &DatabaseConnection) -> Result<Self, AppError> {
        Self::load_named(db, None).await
    }

    /// Reads the state of the plan with the code `plan` (any case), or of the current plan when
    /// `plan` is `None` or names none, as it stood at one moment (`db::read_at_once`): a save
    /// committed meanwhile is in it whole or not at all. `NotFound` without a plan.
    pub async fn load_named(db: &DatabaseConnection, plan: Option<&str>) -> Result<Self, AppError> {
        let txn = crate::db::read_at_once(db).await?;
        let snapshot = Self::load_named_in(&txn, plan).await;
        txn.rollback().await?;
        snapshot
    }

    async fn load_named_in(
        db: &impl ConnectionTrait,
        plan: Option<&str>,
    ) -> Result<Self, AppError> {
        let named = match plan {
            Some(code) => plan::Entity::find()
                .all(db)
                .await?
                .into_iter()
                .find(|p| p.code.eq_ignore_ascii_case(code.trim())),
            None => None,
        };
        let plan = match named {
            Some(plan) => plan,
            None => crate::plan::queries::require_current_plan(db).await?,
        };
        Self::load_plan(db, &plan).await
    }

    async fn load_plan(db: &impl ConnectionTrait, plan: &plan::Model) -> Result<Self, AppError> {
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
        let milestones = milestone::Entity::find()
            .filter(milestone::Column::ActionId.is_in(actions.iter().map(|a| a.id)))
            .order_by_asc(milestone::Column::SortOrder)
            .all(db)
            .await?;
        let countries = country::Entity::find()
            .order_by_asc(country::Column::NameEn)
            .all(db)
            .await?;
        let histories = read_histories(db, &actions, &milestones).await?;
        let round = latest_round(db, plan.id).await?;
        let day = |year: i32, month: u32, day: u32| {
            NaiveDate::from_ymd_opt(year, month, day).ok_or(AppError::Internal)
        };
        let plan_start = day(plan.start_year, 1, 1)?;
        let versions = read_versions(
            db,
            plan,
            plan_start,
            (&themes, &actions, &milestones, &countries),
        )
        .await?;
        let plans = plan_choices(db).await?;
        let action_list = actions
            .iter()
            .map(|a| {
                let info = ActionInfo {
                    code: a.code.clone(),
                    title: Bilingual::new(&a.title_en, &a.title_es),
                };
                (a.id, info)
            })
            .collect();
        let mut themes = themes;
        themes.sort_by_key(|t| t.retired_on.is_some());
        Ok(Snapshot {
            plan: plan.code.clone(),
            plans,
            plan_start,
            plan_end: day(plan.end_year, 12, 31)?,
            scorecard: crate::indicators::queries::scorecard_source(db).await?,
            indicator_series: crate::indicators::queries::validated_series(db).await?,
            round,
            themes: themes
                .into_iter()
                .map(|t| ThemeRef {
                    id: t.id,
                    code: t.code,
                    name: Bilingual::new(t.name_en, t.name_es),
                })
                .collect(),
            actions: action_list,
            versions,
            milestone_titles: milestones
                .iter()
                .map(|m| (m.id, Bilingual::new(&m.title_en, &m.title_es)))
                .collect(),
            countries: country_infos(countries)?,
            histories,
        })
    }

    /// The plan's version in force on `day` (the first one before the plan's first revision).
    fn version_on(&self, day: NaiveDate) -> &Version {
        static NONE: std::sync::LazyLock<Version> = std::sync::LazyLock::new(Version::default);
        self.versions
            .iter()
            .rev()
            .find(|v| v.from <= day)
            .or(self.versions.first())
            .unwrap_or(&NONE)
    }

    /// The member country with the ISO code `iso2`.
    pub fn member(&self, iso2: &str) -> Option<&CountryRef> {
        self.countries
            .iter()
            .find(|c| {
                c.membership == Membership::Member && c.reference.iso2.eq_ignore_ascii_case(iso2)
            })
            .map(|c| &c.reference)
    }

    /// The structure of one country's figures on `as_of`: every theme and action of the plan that
    /// day, that country alone.
    pub fn country_structure(&self, country: &CountryRef, as_of: NaiveDate) -> Structure {
        let mut structure = self.structure(Membership::Member, None, as_of);
        structure.countries = vec![country.clone()];
        structure
    }

    /// The country's actions that are delayed on `as_of` (in the plan's order), with their progress.
    pub fn delayed_actions(&self, country: &CountryRef, as_of: NaiveDate) -> Vec<DelayedAction> {
        let structure = self.country_structure(country, as_of);
        let states = self.states_on(&structure, as_of);
        self.version_on(as_of)
            .actions_in_order
            .iter()
            .filter_map(|id| {
                let action = self.actions.get(id)?;
                let state = states.get(&(country.id, *id))?;
                state.is_delayed(as_of).then(|| DelayedAction {
                    code: action.code.clone(),
                    title: action.title.clone(),
                    progress: crate::progress::country_progress([state], as_of),
                })
            })
            .collect()
    }

    /// The country's milestones due after `as_of` and up to `days` later, not reached by `as_of`,
    /// soonest first.
    pub fn milestones_due(
        &self,
        country: &CountryRef,
        as_of: NaiveDate,
        days: i64,
    ) -> Vec<DueMilestone> {
        let until = as_of + chrono::Duration::days(days);
        let version = self.version_on(as_of);
        let mut due: Vec<DueMilestone> = version
            .actions_in_order
            .iter()
            .filter_map(|id| {
                let terms = version.actions.get(id)?;
                let action = self.actions.get(id)?;
                terms.applies_to(country.id).then_some((*id, action, terms))
            })
            .flat_map(|(id, action, terms)| {
                let history = self.histories.get(&(country.id, id));
                let status = history.map_or(Status::NotStarted, |h| h.status_on(as_of));
                terms
                    .milestones
                    .iter()
                    .filter(move |m| {
                        let reached = history
                            .and_then(|h| h.achieved.get(&m.id))
                            .is_some_and(|day| *day <= as_of);
                        let applicable = !matches!(
                            status,
                            Status::Cancelled | Status::NotApplicable | Status::Completed
                        );
                        applicable && !reached && m.due_on > as_of && m.due_on <= until
                    })
                    .map(|m| DueMilestone {
                        code: action.code.clone(),
                        milestone: m.title.clone(),
                        due_on: m.due_on,
                    })
            })
            .collect();
        due.sort_by(|a, b| a.due_on.cmp(&b.due_on).then_with(|| a.code.cmp(&b.code)));
        due
    }

    /// The actions of the theme `theme_id` on `as_of`, in the plan's order: id, code and title.
    pub fn theme_actions(&self, theme_id: i32, as_of: NaiveDate) -> Vec<(i32, String, Bilingual)> {
        let version = self.version_on(as_of);
        version
            .actions_in_order
            .iter()
            .filter(|id| {
                version
                    .actions
                    .get(id)
                    .is_some_and(|t| t.theme_id == theme_id)
            })
            .filter_map(|id| {
                let action = self.actions.get(id)?;
                Some((*id, action.code.clone(), action.title.clone()))
            })
            .collect()
    }

    /// The country's indicator trends as known on `as_of`, ordered by article and code.
    pub fn indicator_trends(&self, country: &CountryRef, as_of: NaiveDate) -> Vec<IndicatorTrend> {
        self.indicator_series
            .iter()
            .filter(|s| s.country_id == country.id)
            .map(|s| s.trend_on(as_of))
            .collect()
    }

    /// What happened to the country's actions between `from` and `to` (both included): the
    /// milestones reached (whatever revision they belong to), the actions completed (completed on
    /// `to`, not the day before `from`, or not yet in the plan then), the actions that became
    /// delayed (likewise), and how many of its applicable actions' milestones fell due in the period.
    pub fn period_events(
        &self,
        country: &CountryRef,
        from: NaiveDate,
        to: NaiveDate,
    ) -> PeriodEvents {
        let before = from.pred_opt().unwrap_or(from);
        let (start, end) = (
            self.states_on(&self.country_structure(country, before), before),
            self.states_on(&self.country_structure(country, to), to),
        );
        let mut events = PeriodEvents::default();
        let version = self.version_on(to);
        for id in &version.actions_in_order {
            let (Some(action), Some(is), Some(terms)) = (
                self.actions.get(id),
                end.get(&(country.id, *id)),
                version.actions.get(id),
            ) else {
                continue;
            };
            let was = start.get(&(country.id, *id));
            let line = || ActionName {
                code: action.code.clone(),
                title: action.title.clone(),
            };
            if is.status == Status::Completed
                && was.is_none_or(|was| was.status != Status::Completed)
            {
                events.completed.push(line());
            }
            if is.is_delayed(to) && was.is_none_or(|was| !was.is_delayed(before)) {
                events.became_delayed.push(line());
            }
            if is.is_applicable() {
                events.milestones_due += terms
                    .milestones
                    .iter()
                    .filter(|m| (from..=to).contains(&m.due_on))
                    .count();
            }
        }
        // Every milestone reached in the period counts, even one a later revision retired.
        for ((country_id, action_id), history) in &self.histories {
            let Some(action) = self
                .actions
                .get(action_id)
                .filter(|_| *country_id == country.id)
            else {
                continue;
            };
            for (milestone_id, day) in &history.achieved {
                let Some(title) = self.milestone_titles.get(milestone_id) else {
                    continue;
                };
                if (from..=to).contains(day) {
                    events.achieved.push(AchievedMilestone {
                        code: action.code.clone(),
                        milestone: title.clone(),
                        achieved_on: *day,
                    });
                }
            }
        }
        events.achieved.sort_by(|a, b| {
            a.achieved_on
                .cmp(&b.achieved_on)
                .then_with(|| a.code.cmp(&b.code))
                .then_with(|| a.milestone.en.cmp(&b.milestone.en))
        });
        events
    }

    /// The themes' codes and names, in the plan's order.
    pub fn themes(&self) -> &[ThemeRef] {
        &self.themes
    }

    /// The plan's themes on `day`, in order.
    pub fn themes_on(&self, day: NaiveDate) -> Vec<ThemeRef> {
        self.version_on(day)
            .themes
            .iter()
            .filter_map(|id| self.themes.iter().find(|t| t.id == *id))
            .cloned()
            .collect()
    }

    /// The plan's actions on `day`, in order.
    pub fn actions_on(&self, day: NaiveDate) -> Vec<PlanAction> {
        let version = self.version_on(day);
        version
            .actions_in_order
            .iter()
            .filter_map(|id| {
                let info = self.actions.get(id)?;
                Some(PlanAction {
                    id: *id,
                    code: info.code.clone(),
                    title: info.title.clone(),
                    theme_id: version.actions.get(id)?.theme_id,
                })
            })
            .collect()
    }

    /// The titles of the action `action_id`'s milestones on `day`, in the order of its state's
    /// milestones (`states_on`, `standing`).
    pub fn milestone_titles_on(&self, action_id: i32, day: NaiveDate) -> Vec<Bilingual> {
        self.version_on(day)
            .actions
            .get(&action_id)
            .map(|terms| terms.milestones.iter().map(|m| m.title.clone()).collect())
            .unwrap_or_default()
    }

    /// The last day anything was recorded: a change to a record or a milestone reached. Up to it
    /// the history is known; after it, nothing happened or nothing was reported yet.
    pub fn last_recorded(&self) -> Option<NaiveDate> {
        self.histories
            .values()
            .flat_map(|h| {
                h.updates
                    .iter()
                    .map(|(day, _)| *day)
                    .chain(h.achieved.values().copied())
            })
            .max()
    }

    /// How the country `country_id` stood with the action `action_id` on `as_of`; `None` when the
    /// action was not in the plan that day.
    pub fn standing(&self, country_id: i32, action_id: i32, as_of: NaiveDate) -> Option<Standing> {
        let terms = self.version_on(as_of).actions.get(&action_id)?;
        let history = self.histories.get(&(country_id, action_id));
        let status = if terms.applies_to(country_id) {
            history
                .filter(|h| h.reported_by(as_of))
                .map(|h| h.status_on(as_of))
        } else {
            Some(Status::NotApplicable)
        };
        Some(Standing {
            state: action_state(terms, status.unwrap_or(Status::NotStarted), history),
            status,
            updated: history.and_then(|h| h.last_update(as_of)),
        })
    }

    /// The structure the figures of `as_of` take: the countries of `group`, and the plan's themes
    /// that day (every one, or only the one with the code `theme`) with their actions then.
    pub fn structure(&self, group: Membership, theme: Option<&str>, as_of: NaiveDate) -> Structure {
        let version = self.version_on(as_of);
        let themes: Vec<ThemeRef> = version
            .themes
            .iter()
            .filter_map(|id| self.themes.iter().find(|t| t.id == *id))
            .filter(|t| theme.is_none_or(|code| t.code == code))
            .cloned()
            .collect();
        Structure {
            actions: version
                .actions_in_order
                .iter()
                .filter_map(|id| {
                    let terms = version.actions.get(id)?;
                    themes
                        .iter()
                        .any(|t| t.id == terms.theme_id)
                        .then_some(ActionRef {
                            id: *id,
                            theme_id: terms.theme_id,
                        })
                })
                .collect(),
            themes,
            countries: self.countries_in(group),
        }
    }

    /// The countries of `group`, by name.
    pub fn countries_in(&self, group: Membership) -> Vec<CountryRef> {
        self.countries
            .iter()
            .filter(|c| c.membership == group)
            .map(|c| c.reference.clone())
            .collect()
    }

    /// Each action's state in each country of `structure` on `as_of`: the status it had that day,
    /// and its milestones with the days they were reached (the formulas count those up to `as_of`).
    pub fn states_on(&self, structure: &Structure, as_of: NaiveDate) -> States {
        let version = self.version_on(as_of);
        let mut states = States::new();
        for country in &structure.countries {
            for action in &structure.actions {
                // An action not in the plan that day has no state; one that does not apply to the
                // country is not applicable, as the plan says.
                let Some(terms) = version.actions.get(&action.id) else {
                    continue;
                };
                let history = self.histories.get(&(country.id, action.id));
                let status = if terms.applies_to(country.id) {
                    history.map_or(Status::NotStarted, |h| h.status_on(as_of))
                } else {
                    Status::NotApplicable
                };
                states.insert(
                    (country.id, action.id),
                    action_state(terms, status, history),
                );
            }
        }
        states
    }
}

/// The inputs of the progress formulas for an action of these `terms` with this `status`, its
/// milestones reached on the days its `history` says.
fn action_state(terms: &Terms, status: Status, history: Option<&History>) -> ActionState {
    ActionState {
        status,
        weight: terms.weight,
        end_year: terms.end_year,
        milestones: terms
            .milestones
            .iter()
            .map(|m| MilestoneState {
                due_on: m.due_on,
                weight: m.weight,
                achieved_on: history.and_then(|h| h.achieved.get(&m.id).copied()),
            })
            .collect(),
    }
}

/// Each country's history with each of `actions`: the status of its record, its status changes and
/// the days it reached each of `milestones`, by (country id, action id).
async fn read_histories(
    db: &impl ConnectionTrait,
    actions: &[action::Model],
    milestones: &[milestone::Model],
) -> Result<HashMap<(i32, i32), History>, AppError> {
    let records = country_action::Entity::find()
        .filter(country_action::Column::ActionId.is_in(actions.iter().map(|a| a.id)))
        .all(db)
        .await?;
    let events = status_event::Entity::find()
        .filter(status_event::Column::CountryActionId.is_in(records.iter().map(|r| r.id)))
        .order_by_asc(status_event::Column::OccurredAt)
        .order_by_asc(status_event::Column::Id)
        .all(db)
        .await?;
    let achieved = milestone_progress::Entity::find()
        .filter(milestone_progress::Column::MilestoneId.is_in(milestones.iter().map(|m| m.id)))
        .all(db)
        .await?;

    let mut histories: HashMap<(i32, i32), History> = HashMap::new();
    for record in &records {
        let history = histories
            .entry((record.country_id, record.action_id))
            .or_default();
        history.initial = Some(decode(&record.status, Status::from_code, "status")?);
        history.stored_update = record
            .updated_at
            .map(|at| (at.date_naive(), record.updated_by));
    }
    add_status_changes(&mut histories, &records, &events);
    add_achievements(&mut histories, milestones, achieved);
    Ok(histories)
}

/// Adds to `histories` the changes `events` of the country-action `records`, oldest first: every
/// update, and the status changes among them.
fn add_status_changes(
    histories: &mut HashMap<(i32, i32), History>,
    records: &[country_action::Model],
    events: &[status_event::Model],
) {
    let record_keys: HashMap<i32, (i32, i32)> = records
        .iter()
        .map(|r| (r.id, (r.country_id, r.action_id)))
        .collect();
    let status_in = |value: &Option<serde_json::Value>| {
        value
            .as_ref()
            .and_then(|v| v["status"].as_str())
            .and_then(Status::from_code)
    };
    let mut first_seen = std::collections::HashSet::new();
    for event in events {
        let Some(key) = record_keys.get(&event.country_action_id) else {
            continue;
        };
        let history = histories.entry(*key).or_default();
        history
            .updates
            .push((event.occurred_at.date_naive(), event.actor_id));
        if event.kind != "status" {
            continue;
        }
        // Before its first change, the action stood where that change started from.
        if first_seen.insert(*key) {
            history.initial = status_in(&event.before).or(Some(Status::NotStarted));
        }
        if let Some(status) = status_in(&event.after) {
            history
                .changes
                .push((event.occurred_at.date_naive(), status));
        }
    }
}

/// Adds to `histories` the days the countries reached the `milestones`.
fn add_achievements(
    histories: &mut HashMap<(i32, i32), History>,
    milestones: &[milestone::Model],
    achieved: Vec<milestone_progress::Model>,
) {
    let milestone_action: HashMap<i32, i32> =
        milestones.iter().map(|m| (m.id, m.action_id)).collect();
    for row in achieved {
        if let (Some(day), Some(action_id)) =
            (row.achieved_on, milestone_action.get(&row.milestone_id))
        {
            histories
                .entry((row.country_id, *action_id))
                .or_default()
                .achieved
                .insert(row.milestone_id, day);
        }
    }
}

/// Where the submissions stand in the plan's latest reporting round; `None` before its first round.
async fn latest_round(
    db: &impl ConnectionTrait,
    plan_id: i32,
) -> Result<Option<RoundStanding>, AppError> {
    let Some(round) = reporting_round::Entity::find()
        .filter(reporting_round::Column::PlanId.eq(plan_id))
        .order_by_desc(reporting_round::Column::Year)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let states = submission::Entity::find()
        .filter(submission::Column::RoundId.eq(round.id))
        .all(db)
        .await?;
    Ok(Some(RoundStanding {
        year: round.year,
        counts: SubmissionState::ALL
            .iter()
            .map(|state| {
                let count = states.iter().filter(|s| s.state == state.code()).count();
                (*state, count)
            })
            .collect(),
    }))
}

/// Every plan (code, title), newest first, for the filter.
async fn plan_choices(db: &impl ConnectionTrait) -> Result<Vec<(String, Bilingual)>, AppError> {
    Ok(plan::Entity::find()
        .order_by_desc(plan::Column::StartYear)
        .order_by_desc(plan::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.code, Bilingual::new(p.title_en, p.title_es)))
        .collect())
}

/// The plan's versions, oldest first: each approved revision from the day it took effect, its parts
/// found by their codes among the plan's rows. A plan without revisions has one version: its rows.
async fn read_versions(
    db: &impl ConnectionTrait,
    plan: &plan::Model,
    plan_start: NaiveDate,
    rows: VersionRows<'_>,
) -> Result<Vec<Version>, AppError> {
    let revisions = plan_revision::Entity::find()
        .filter(plan_revision::Column::PlanId.eq(plan.id))
        .filter(plan_revision::Column::State.eq(RevisionState::Approved.code()))
        .order_by_asc(plan_revision::Column::Number)
        .all(db)
        .await?;
    let contents: Vec<(NaiveDate, PlanDefinition)> = if revisions.is_empty() {
        vec![(plan_start, registry::definition_of(db, plan).await?)]
    } else {
        revisions
            .iter()
            .map(|revision| {
                let content = serde_json::from_str(&revision.content).map_err(|error| {
                    tracing::error!(revision = revision.id, %error, "a stored revision cannot be read");
                    AppError::Internal
                })?;
                Ok((revision.effective_on, content))
            })
            .collect::<Result<_, AppError>>()?
    };
    let codes = Codes::of(rows);
    let mut versions: Vec<Version> = contents
        .iter()
        .map(|(from, content)| codes.version(*from, content))
        .collect();
    // The same day twice: the later revision stands (a stable sort keeps their order).
    versions.sort_by_key(|v| v.from);
    Ok(versions)
}

/// The plan's rows a version's parts are found among: themes, actions, milestones, countries.
type VersionRows<'a> = (
    &'a [theme::Model],
    &'a [action::Model],
    &'a [milestone::Model],
    &'a [country::Model],
);

/// The ids of the plan's rows by their codes, to find a revision's parts.
struct Codes<'a> {
    themes: HashMap<&'a str, i32>,
    actions: HashMap<&'a str, i32>,
    milestones: HashMap<(i32, &'a str), i32>,
    countries: HashMap<&'a str, i32>,
}

impl<'a> Codes<'a> {
    fn of((themes, actions, milestones, countries): VersionRows<'a>) -> Self {
        Codes {
            themes: themes.iter().map(|t| (t.code.as_str(), t.id)).collect(),
            actions: actions.iter().map(|a| (a.code.as_str(), a.id)).collect(),
            milestones: milestones
                .iter()
                .map(|m| ((m.action_id, m.code.as_str()), m.id))
                .collect(),
            countries: countries.iter().map(|c| (c.iso2.as_str(), c.id)).collect(),
        }
    }

    /// The version of the plan `content`, in force from `from`.
    fn version(&self, from: NaiveDate, content: &PlanDefinition) -> Version {
        let theme_ids: Vec<Option<i32>> = content
            .themes
            .iter()
            .map(|t| self.themes.get(t.code.as_str()).copied())
            .collect();
        let mut actions_in_order = Vec::new();
        let mut actions = HashMap::new();
        for (at, action) in content.actions_at() {
            let (Some(&id), Some(theme_id)) = (
                self.actions.get(action.code.as_str()),
                theme_ids.get(at.theme).copied().flatten(),
            ) else {
                continue;
            };
            actions_in_order.push(id);
            actions.insert(id, self.terms(id, theme_id, action));
        }
        Version {
            from,
            themes: theme_ids.into_iter().flatten().collect(),
            actions_in_order,
            actions,
        }
    }

    /// The terms of the action `id`, under the theme `theme_id`, as `action` states them.
    fn terms(&self, id: i32, theme_id: i32, action: &ActionDefinition) -> Terms {
        let countries: Vec<i32> = action
            .countries
            .iter()
            .filter_map(|iso2| self.countries.get(iso2.as_str()).copied())
            .collect();
        Terms {
            theme_id,
            weight: action.weight,
            end_year: action.end_year,
            milestones: action
                .milestones
                .iter()
                .filter_map(|m| {
                    Some(MilestoneInfo {
                        id: *self.milestones.get(&(id, m.code.as_str()))?,
                        title: m.title.clone(),
                        due_on: m.due_on,
                        weight: m.weight,
                    })
                })
                .collect(),
            countries: (!action.countries.is_empty()).then_some(countries),
        }
    }
}

/// Every country, member or not, with its membership.
fn country_infos(countries: Vec<country::Model>) -> Result<Vec<CountryInfo>, AppError> {
    countries
        .into_iter()
        .map(|c| {
            Ok(CountryInfo {
                membership: decode(&c.membership, Membership::from_code, "membership")?,
                reference: CountryRef {
                    id: c.id,
                    iso2: c.iso2,
                    name: Bilingual::new(c.name_en, c.name_es),
                },
            })
        })
        .collect()
}

/// The snapshots last read, by the plan the address asked for, with the change-feed generation they
/// were read at: a request after a write reads the plan again, the others share it. A snapshot is
/// also read again after `MOST_AGE` whatever the feed says, in case a change was not announced
/// (one written by the command line while a SQLite server runs) or not heard. The dashboards drawn
/// from a snapshot are kept too, by filter and language, until another snapshot is read.
#[derive(Debug, Default)]
pub struct SnapshotCache {
    read: RwLock<HashMap<String, Read>>,
    /// How many snapshots have been read: each reading's number keys the dashboards drawn from it.
    readings: std::sync::atomic::AtomicU64,
    drawn: Mutex<(u64, HashMap<String, RegionalDashboard>)>,
}

/// A snapshot as read: at which generation, when, and which reading it was.
#[derive(Debug)]
struct Read {
    generation: u64,
    at: std::time::Instant,
    reading: u64,
    snapshot: Arc<Snapshot>,
}

/// How long a snapshot is used at most, even if the change feed has not moved.
const MOST_AGE: std::time::Duration = std::time::Duration::from_secs(30);

/// The current request's snapshot, read through the server's snapshot memory at the change feed's
/// current generation.
pub struct Current {
    pub cache: Arc<SnapshotCache>,
    /// Which reading of the snapshot memory it is (`SnapshotCache::drawn`).
    pub reading: u64,
    pub snapshot: Arc<Snapshot>,
}

/// The snapshot of the plan `plan` names (the current plan for `None`) as the current request
/// sees it.
pub async fn current(plan: Option<&str>) -> Result<Current, AppError> {
    let cache: Arc<SnapshotCache> = crate::context::required()?;
    let generation = crate::live::feed()?.generation();
    let db = crate::db::use_db()?;
    let (reading, snapshot) = cache.read(&db, generation, plan).await?;
    Ok(Current {
        cache,
        reading,
        snapshot,
    })
}

/// How many drawn dashboards are kept at most (filters make the keys; a crawler must not fill memory).
const MOST_DRAWN: usize = 256;

/// How many plans asked for by the address are remembered at most (unknown codes among them).
const MOST_PLANS: usize = 16;

impl SnapshotCache {
    /// The snapshot of the plan `plan` names (the current plan for `None` or an unknown code).
    pub async fn get(
        &self,
        db: &DatabaseConnection,
        generation: u64,
        plan: Option<&str>,
    ) -> Result<Arc<Snapshot>, AppError> {
        Ok(self.read(db, generation, plan).await?.1)
    }

    /// The snapshot of the plan `plan` names, and the number of its reading.
    async fn read(
        &self,
        db: &DatabaseConnection,
        generation: u64,
        plan: Option<&str>,
    ) -> Result<(u64, Arc<Snapshot>), AppError> {
        let key = plan
            .map(|code| code.trim().to_uppercase())
            .unwrap_or_default();
        if let Ok(read) = self.read.read() {
            if let Some(kept) = read.get(&key) {
                if kept.generation == generation && kept.at.elapsed() < MOST_AGE {
                    return Ok((kept.reading, kept.snapshot.clone()));
                }
            }
        }
        let started = std::time::Instant::now();
        let snapshot = Arc::new(Snapshot::load_named(db, plan).await?);
        metrics::histogram!("enlace_snapshot_reload_seconds")
            .record(started.elapsed().as_secs_f64());
        let reading = 1 + self
            .readings
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        if let Ok(mut read) = self.read.write() {
            read.retain(|_, kept| kept.generation >= generation);
            if read.len() >= MOST_PLANS {
                read.clear();
            }
            // A slower reader of an older generation does not replace a newer snapshot.
            if read
                .get(&key)
                .is_none_or(|kept| kept.generation <= generation)
            {
                let kept = Read {
                    generation,
                    at: started,
                    reading,
                    snapshot: snapshot.clone(),
                };
                read.insert(key, kept);
            }
        }
        Ok((reading, snapshot))
    }

    /// The dashboard drawn for `key` (its filters and language) from the snapshot of `reading`,
    /// drawing it with `draw` the first time.
    pub fn drawn(
        &self,
        reading: u64,
        key: String,
        draw: impl FnOnce() -> RegionalDashboard,
    ) -> RegionalDashboard {
        if let Ok(drawn) = self.drawn.lock() {
            if drawn.0 == reading {
                if let Some(dashboard) = drawn.1.get(&key) {
                    return dashboard.clone();
                }
            }
        }
        let dashboard = draw();
        if let Ok(mut drawn) = self.drawn.lock() {
            if drawn.0 != reading || drawn.1.len() >= MOST_DRAWN {
                *drawn = (reading, HashMap::new());
            }
            drawn.1.insert(key, dashboard.clone());
        }
        dashboard
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn the_status_on_a_day_is_the_last_change_up_to_it() {
        let history = History {
            initial: Some(Status::NotStarted),
            changes: vec![
                (day("2025-03-01"), Status::InProgress),
                (day("2026-02-01"), Status::Completed),
            ],
            ..History::default()
        };
        assert_eq!(history.status_on(day("2025-02-28")), Status::NotStarted);
        assert_eq!(history.status_on(day("2025-03-01")), Status::InProgress);
        assert_eq!(history.status_on(day("2026-01-31")), Status::InProgress);
        assert_eq!(history.status_on(day("2026-09-30")), Status::Completed);
        assert_eq!(
            History::default().status_on(day("2026-09-30")),
            Status::NotStarted
        );
    }

    #[test]
    fn a_record_is_reported_from_its_first_change_and_updated_by_its_last_change_up_to_a_day() {
        let history = History {
            initial: Some(Status::NotStarted),
            updates: vec![(day("2025-03-01"), Some(7)), (day("2025-09-10"), Some(8))],
            stored_update: Some((day("2025-09-10"), Some(8))),
            ..History::default()
        };
        assert!(!history.reported_by(day("2025-02-28")));
        assert!(history.reported_by(day("2025-03-01")));
        assert_eq!(history.last_update(day("2025-02-28")), None);
        assert_eq!(
            history.last_update(day("2025-06-30")),
            Some((day("2025-03-01"), Some(7)))
        );
        assert_eq!(
            history.last_update(day("2026-01-01")),
            Some((day("2025-09-10"), Some(8)))
        );
        // A record with no recorded change (imported) was reported all along.
        let imported = History {
            initial: Some(Status::InProgress),
            stored_update: Some((day("2025-05-05"), None)),
            ..History::default()
        };
        assert!(imported.reported_by(day("2025-01-01")));
        // Its stored update shows from its day on, never on a day before it.
        assert_eq!(imported.last_update(day("2025-01-01")), None);
        assert_eq!(
            imported.last_update(day("2025-06-30")),
            Some((day("2025-05-05"), None))
        );
        // Milestones reached without a record: not reported.
        assert!(!History::default().reported_by(day("2026-01-01")));
    }
}
