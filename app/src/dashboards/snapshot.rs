//! The plan's state in memory: its structure, and for each country and action the history of its
//! status and the days its milestones were reached, read from the database in a handful of queries.
//! The dashboards compute from it for any as-of date without touching the database; it is read again
//! after a write (`SnapshotCache`, keyed by the change feed's generation).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Arc, LazyLock, Mutex, RwLock};

use chrono::NaiveDate;
use sea_orm::prelude::DateTimeUtc;
use sea_orm::sea_query::{Expr, Query, SelectStatement};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use tokio::sync::Semaphore;

use super::figures::{
    AchievedMilestone, ActionName, ActionRef, Basis, CountryPart, CountryRef, PeriodEvents, States,
    Structure, ThemeRef, ThemeSlots, TrajectoryPoint,
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
use crate::live::{Change, ChangeFeed, SharedFeed};
use crate::plan::registry;
use crate::plan::types::{ActionDefinition, PlanDefinition};
use crate::progress::outlook::Projected;
use crate::progress::{ActionState, MilestoneState, Progress};

/// A country's story with one action.
#[derive(Clone, Debug, Default, PartialEq)]
struct History {
    /// The status before the first change (the record's status when it never changed).
    initial: Option<Status>,
    /// Status changes, oldest first: (day, new status).
    changes: Vec<(NaiveDate, Status)>,
    /// The day each milestone was reached: (milestone id, day); an action has a handful.
    achieved: Vec<(i32, NaiveDate)>,
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

    /// The day the milestone `milestone_id` was reached, if it was.
    fn achieved_on(&self, milestone_id: i32) -> Option<NaiveDate> {
        self.achieved
            .iter()
            .find(|(id, _)| *id == milestone_id)
            .map(|(_, day)| *day)
    }

    /// The last day anything was recorded on the record: a change or a milestone reached.
    fn last_recorded(&self) -> Option<NaiveDate> {
        let changed = self.updates.last().map(|(day, _)| *day);
        let reached = self.achieved.iter().map(|(_, day)| *day).max();
        changed.max(reached)
    }

    /// The days on which what the history answers may change: those of its status changes, its
    /// updates, its milestones reached and its update as stored.
    fn recorded_days(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        (self.changes.iter().map(|(day, _)| *day))
            .chain(self.updates.iter().map(|(day, _)| *day))
            .chain(self.achieved.iter().map(|(_, day)| *day))
            .chain(self.stored_update.map(|(day, _)| day))
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

/// Everything a record's history (`None`: no record) answers about a day: the status then, whether
/// the country had reported by then, its last update and the milestones it had reached. More than
/// the months' progress reads (`Snapshot::step`), so that a difference is never missed: at worst
/// a month is computed again that need not have been (the first save of an imported record, which
/// was taken as reported all along, keeps none of the country's months).
type Answers = (Status, bool, Option<(NaiveDate, Option<i32>)>, Vec<i32>);

fn answers_on(history: Option<&History>, day: NaiveDate) -> Answers {
    let Some(history) = history else {
        return (Status::NotStarted, false, None, Vec::new());
    };
    let mut reached: Vec<i32> = (history.achieved.iter())
        .filter(|(_, on)| *on <= day)
        .map(|(id, _)| *id)
        .collect();
    reached.sort_unstable();
    let (status, reported) = (history.status_on(day), history.reported_by(day));
    (status, reported, history.last_update(day), reached)
}

/// The first day on which a record's history `after` answers otherwise than `before` (the same
/// record's before a write; `None`: no record), `None` when they answer alike every day. What a
/// history answers changes only on the days it records, so those days, and any day before them
/// all, are the ones to compare.
fn first_difference(before: Option<&History>, after: Option<&History>) -> Option<NaiveDate> {
    if before == after {
        return None;
    }
    let mut days: Vec<NaiveDate> = ([before, after].into_iter().flatten())
        .flat_map(History::recorded_days)
        .chain([NaiveDate::MIN])
        .collect();
    days.sort_unstable();
    days.dedup();
    (days.into_iter()).find(|day| answers_on(before, *day) != answers_on(after, *day))
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
    /// The ids of the countries it applies to, in order (searched for each country's state);
    /// `None`: every country.
    countries: Option<Vec<i32>>,
}

impl Terms {
    fn applies_to(&self, country_id: i32) -> bool {
        self.countries
            .as_ref()
            .is_none_or(|ids| ids.binary_search(&country_id).is_ok())
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

/// One country's histories with the plan's actions, by action id, and the last day anything was
/// recorded in them. Kept apart per country so that a country's update reads that country's
/// histories of the action again and shares the other countries' (`Snapshot::refreshed`).
#[derive(Clone, Debug, Default, PartialEq)]
struct CountryHistories {
    actions: HashMap<i32, History>,
    last_recorded: Option<NaiveDate>,
    /// The country's progress at the end of each month of the plan already computed, by theme
    /// (none: every theme) and day: they follow from these histories as they stood that day, and
    /// the plan's versions, which a snapshot shares with its histories only while they are the
    /// same (`Snapshot::sharing_with`, `Snapshot::refreshed`); the histories read again after a
    /// write keep the days before it (`CountryHistories::remembering`).
    month_ends: Memory<(Option<String>, NaiveDate), Step>,
    /// The country's outlooks from a day (the end of a month, for the outlook's backtest)
    /// projected to later days, by that day and those days: they follow from the same as
    /// `month_ends`, and the plan's start.
    projections: Memory<(NaiveDate, Vec<NaiveDate>), Vec<Option<Projected>>>,
    /// The country's part of the regional dashboard's figures on a day, by theme (none: every
    /// theme) and day: they follow from the same as `month_ends`, and the plan's start and end.
    /// The `PARTS_KEPT` last used, so that readers of many past days cannot make it grow: a part
    /// is a tally per theme and one over them, and a value a month to the plan's end (at most
    /// about 5 KB on a ten-year plan, 8 MB for a hundred countries).
    parts: Memory<(Option<String>, NaiveDate), Arc<CountryPart>, PARTS_KEPT>,
}

/// How many parts of the figures (`CountryHistories::parts`) a country keeps: today's over every
/// theme and each one (of a plan's few themes), and some past days'.
const PARTS_KEPT: usize = 16;

impl CountryHistories {
    /// The country's histories `kept`, with those of `actions` as read again (`read`: the
    /// country's histories of those actions alone), as a reading of the whole country gives them;
    /// `None` when nothing is recorded.
    fn with_actions_read(
        kept: Option<&CountryHistories>,
        actions: &[i32],
        read: Option<Arc<CountryHistories>>,
    ) -> Option<Arc<CountryHistories>> {
        // A copy has nothing worked out; `remembering` below takes back what still holds.
        let mut histories = kept.cloned().unwrap_or_default();
        for action in actions {
            histories.actions.remove(action);
        }
        if let Some(read) = read {
            histories.actions.extend(Arc::unwrap_or_clone(read).actions);
        }
        histories.last_recorded = histories
            .actions
            .values()
            .filter_map(History::last_recorded)
            .max();
        if let Some(kept) = kept {
            histories = histories.remembering(kept, actions);
        }
        (!histories.actions.is_empty()).then(|| Arc::new(histories))
    }

    /// The country's histories `read` whole again: `kept` (those read before) when they are the
    /// same, with what was worked out from them; otherwise `read`, remembering what was worked out
    /// from `kept` as `remembering` does.
    fn read_whole_again(
        kept: &Arc<CountryHistories>,
        read: Arc<CountryHistories>,
    ) -> Arc<CountryHistories> {
        if **kept == *read {
            return kept.clone();
        }
        let read = Arc::unwrap_or_clone(read);
        let actions: BTreeSet<i32> = (kept.actions.keys().chain(read.actions.keys()))
            .copied()
            .collect();
        Arc::new(read.remembering(kept, &actions))
    }

    /// These histories, remembering the months' progress and the parts of the figures worked out
    /// from `before` (the country's histories before a write to `actions`) for the days before the
    /// first day any of those actions' histories answers otherwise: a save changes its record from
    /// the day it is made, so a country's past is not computed again after each of its saves.
    fn remembering<'a>(
        mut self,
        before: &CountryHistories,
        actions: impl IntoIterator<Item = &'a i32>,
    ) -> Self {
        let changed_from = (actions.into_iter())
            .filter_map(|id| first_difference(before.actions.get(id), self.actions.get(id)))
            .min();
        let before_change = |day: &NaiveDate| changed_from.is_none_or(|from| *day < from);
        self.month_ends = (before.month_ends).kept_where(|(_, day)| before_change(day));
        self.parts = (before.parts).kept_where(|(_, day)| before_change(day));
        self
    }
}

/// Where a country stood on a day over some of its actions: its progress, and whether it had
/// reported on any of them.
type Step = (Option<Progress>, bool);

/// What was computed from data that never changes, kept beside it: at most `LIMIT` values, the
/// least recently used forgotten first. A copy starts empty, and `kept_where` takes over what still
/// holds after the data changed.
#[derive(Debug)]
struct Memory<K, V, const LIMIT: usize = { usize::MAX }>(Mutex<Remembered<K, V>>);

/// The values a `Memory` holds, each with when it was last used (`Remembered::uses`).
#[derive(Debug)]
struct Remembered<K, V> {
    values: HashMap<K, (u64, V)>,
    /// A clock: it moves on each time a value is asked for or kept.
    uses: u64,
}

impl<K, V, const LIMIT: usize> Default for Memory<K, V, LIMIT> {
    fn default() -> Self {
        Memory(Mutex::new(Remembered {
            values: HashMap::new(),
            uses: 0,
        }))
    }
}

impl<K, V, const LIMIT: usize> Clone for Memory<K, V, LIMIT> {
    fn clone(&self) -> Self {
        Memory::default()
    }
}

impl<K, V, const LIMIT: usize> PartialEq for Memory<K, V, LIMIT> {
    /// What is remembered follows from the rest: it never makes two values differ.
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl<K: std::hash::Hash + Eq + Clone, V: Clone, const LIMIT: usize> Memory<K, V, LIMIT> {
    /// A copy remembering what this one does for the keys `keep` holds for.
    fn kept_where(&self, keep: impl Fn(&K) -> bool) -> Self {
        let remembered = lock(&self.0);
        let values = (remembered.values.iter())
            .filter(|(key, _)| keep(key))
            .map(|(key, value)| (key.clone(), value.clone()))
            .collect();
        Memory(Mutex::new(Remembered {
            values,
            uses: remembered.uses,
        }))
    }

    fn get_or(&self, key: K, compute: impl FnOnce() -> V) -> V {
        {
            let mut remembered = lock(&self.0);
            remembered.uses += 1;
            let now = remembered.uses;
            if let Some((used, value)) = remembered.values.get_mut(&key) {
                *used = now;
                return value.clone();
            }
        }
        let value = compute();
        let mut remembered = lock(&self.0);
        // Another caller may have kept the same value meanwhile: it is replaced, nothing forgotten.
        if !remembered.values.contains_key(&key) && remembered.values.len() >= LIMIT {
            let oldest = (remembered.values.iter())
                .min_by_key(|(_, (used, _))| *used)
                .map(|(key, _)| key.clone());
            if let Some(oldest) = oldest {
                remembered.values.remove(&oldest);
            }
        }
        remembered.uses += 1;
        let now = remembered.uses;
        remembered.values.insert(key, (now, value.clone()));
        value
    }
}

/// The plan's state, as read once.
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    /// The plan's code.
    pub plan: String,
    plan_id: i32,
    /// Every plan (code, title), newest first, for the filter.
    pub plans: Vec<(String, Bilingual)>,
    pub plan_start: NaiveDate,
    pub plan_end: NaiveDate,
    /// What the Protocol article scorecard of any day is computed from, as `/scorecard` shows it.
    pub scorecard: Arc<ScorecardSource>,
    pub round: Option<RoundStanding>,
    /// Each country's series of the indicators with a target, for their trends.
    indicator_series: Arc<Vec<IndicatorSeries>>,
    themes: Vec<ThemeRef>,
    /// Every action the plan ever had, by id.
    actions: Arc<HashMap<i32, ActionInfo>>,
    /// The plan's versions, oldest first: the approved revisions from the day each took effect.
    versions: Arc<Vec<Version>>,
    /// Every milestone's title as last approved, by id (a retired one's among them).
    milestone_titles: Arc<HashMap<i32, Bilingual>>,
    /// Every milestone's action, by milestone id.
    milestone_actions: Arc<HashMap<i32, i32>>,
    countries: Vec<CountryInfo>,
    /// Each country's histories, by country id.
    histories: HashMap<i32, Arc<CountryHistories>>,
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
        let snapshot = match plan_named(&txn, plan).await {
            Ok(plan) => Self::read_plan(&txn, &plan).await,
            Err(error) => Err(error),
        };
        txn.rollback().await?;
        snapshot
    }

    /// Reads the state of the plan `plan_id` at one moment, as `load_named` does.
    async fn load_plan(db: &DatabaseConnection, plan_id: i32) -> Result<Self, AppError> {
        let txn = crate::db::read_at_once(db).await?;
        let snapshot = match plan::Entity::find_by_id(plan_id).one(&txn).await {
            Ok(Some(plan)) => Self::read_plan(&txn, &plan).await,
            Ok(None) => Err(AppError::NotFound),
            Err(error) => Err(error.into()),
        };
        txn.rollback().await?;
        snapshot
    }

    async fn read_plan(db: &impl ConnectionTrait, plan: &plan::Model) -> Result<Self, AppError> {
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
        let milestone_actions: HashMap<i32, i32> =
            milestones.iter().map(|m| (m.id, m.action_id)).collect();
        let histories = read_histories(db, plan.id, Scope::Plan, &milestone_actions).await?;
        let indicators = Indicators::read(db, plan.id).await?;
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
            plan_id: plan.id,
            plans,
            plan_start,
            plan_end: day(plan.end_year, 12, 31)?,
            scorecard: indicators.scorecard,
            indicator_series: indicators.series,
            round: indicators.round,
            themes: themes
                .into_iter()
                .map(|t| ThemeRef {
                    id: t.id,
                    code: t.code,
                    name: Bilingual::new(t.name_en, t.name_es),
                })
                .collect(),
            actions: Arc::new(action_list),
            versions: Arc::new(versions),
            milestone_titles: Arc::new(
                milestones
                    .iter()
                    .map(|m| (m.id, Bilingual::new(&m.title_en, &m.title_es)))
                    .collect(),
            ),
            milestone_actions: Arc::new(milestone_actions),
            countries: country_infos(countries)?,
            histories,
        })
    }

    /// This snapshot brought up to date with `changes`, reading again only what they changed: the
    /// histories of the actions a country saved an update on (all of the country's when a change
    /// does not name its action), the indicators after a validation. `None` when one of them may
    /// have changed anything else (the plan, the countries): read it whole.
    pub async fn refreshed(
        &self,
        db: &DatabaseConnection,
        changes: &[Change],
    ) -> Result<Option<Snapshot>, AppError> {
        // By country id: the actions updated, or `None` for all of them.
        let mut countries: BTreeMap<i32, Option<BTreeSet<i32>>> = BTreeMap::new();
        let mut indicators = false;
        for change in changes {
            match change {
                Change::Elsewhere => {}
                Change::Plan(change) if change.kind == "update" => {
                    let Some(country) = self
                        .countries
                        .iter()
                        .find(|c| c.reference.iso2.eq_ignore_ascii_case(&change.country))
                    else {
                        return Ok(None);
                    };
                    let updated = countries
                        .entry(country.reference.id)
                        .or_insert_with(|| Some(BTreeSet::new()));
                    match (updated.as_mut(), change.action) {
                        (Some(actions), Some(action)) => {
                            actions.insert(action);
                        }
                        _ => *updated = None,
                    }
                }
                Change::Plan(change) if change.kind == "indicators" => indicators = true,
                _ => return Ok(None),
            }
        }
        if countries.is_empty() && !indicators {
            return Ok(Some(self.clone()));
        }
        let txn = crate::db::read_at_once(db).await?;
        let refreshed = self.read_again(&txn, &countries, indicators).await;
        txn.rollback().await?;
        refreshed.map(Some)
    }

    /// This snapshot, read whole, sharing with `older` what has not changed since: the plan's
    /// versions, each country's histories equal to those it had (with what was computed from
    /// them) and, of those that changed, what was computed for the days before they did; so that
    /// reading whole again costs no computing again. Nothing is shared once the plan's versions,
    /// themes or period changed: what was computed follows from them too.
    fn sharing_with(mut self, older: &Snapshot) -> Snapshot {
        let period = |snapshot: &Snapshot| (snapshot.plan_start, snapshot.plan_end);
        if self.versions != older.versions
            || self.themes != older.themes
            || period(&self) != period(older)
        {
            return self;
        }
        self.versions = older.versions.clone();
        for (country_id, histories) in self.histories.iter_mut() {
            if let Some(kept) = older.histories.get(country_id) {
                *histories = CountryHistories::read_whole_again(kept, std::mem::take(histories));
            }
        }
        self
    }

    /// A copy of this snapshot with the histories of `countries` (of the actions named, or all),
    /// and the indicators when `indicators`, read again; the rest shared.
    async fn read_again(
        &self,
        db: &impl ConnectionTrait,
        countries: &BTreeMap<i32, Option<BTreeSet<i32>>>,
        indicators: bool,
    ) -> Result<Snapshot, AppError> {
        let mut refreshed = self.clone();
        for (&country_id, actions) in countries {
            let histories = match actions {
                None => {
                    let scope = Scope::Country(country_id);
                    let mut read =
                        read_histories(db, self.plan_id, scope, &self.milestone_actions).await?;
                    let read = read.remove(&country_id);
                    match (self.histories.get(&country_id), read) {
                        (Some(kept), Some(read)) => {
                            Some(CountryHistories::read_whole_again(kept, read))
                        }
                        (_, read) => read,
                    }
                }
                Some(actions) => {
                    let actions: Vec<i32> = actions.iter().copied().collect();
                    let scope = Scope::Actions(country_id, &actions);
                    let mut read =
                        read_histories(db, self.plan_id, scope, &self.milestone_actions).await?;
                    let kept = self.histories.get(&country_id).map(|kept| kept.as_ref());
                    CountryHistories::with_actions_read(kept, &actions, read.remove(&country_id))
                }
            };
            // A country with nothing recorded has no histories, as in a whole reading.
            match histories {
                Some(histories) => refreshed.histories.insert(country_id, histories),
                None => refreshed.histories.remove(&country_id),
            };
        }
        if indicators {
            let read = Indicators::read(db, self.plan_id).await?;
            refreshed.scorecard = read.scorecard;
            refreshed.indicator_series = read.series;
            refreshed.round = read.round;
        }
        Ok(refreshed)
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

    /// The story of the country `country_id` with the action `action_id`.
    fn history(&self, country_id: i32, action_id: i32) -> Option<&History> {
        self.histories.get(&country_id)?.actions.get(&action_id)
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
                let state = states.get(country.id, *id)?;
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
                let history = self.history(country.id, id);
                let status = history.map_or(Status::NotStarted, |h| h.status_on(as_of));
                terms
                    .milestones
                    .iter()
                    .filter(move |m| {
                        let reached = history
                            .and_then(|h| h.achieved_on(m.id))
                            .is_some_and(|day| day <= as_of);
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
                end.get(country.id, *id),
                version.actions.get(id),
            ) else {
                continue;
            };
            let was = start.get(country.id, *id);
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
        let histories = self.histories.get(&country.id);
        for (action_id, history) in histories.iter().flat_map(|h| h.actions.iter()) {
            let Some(action) = self.actions.get(action_id) else {
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

    /// The title of the `index`-th milestone of the action `action_id` on `day`, in the order of
    /// its state's milestones.
    pub fn milestone_title_on(
        &self,
        action_id: i32,
        index: usize,
        day: NaiveDate,
    ) -> Option<&Bilingual> {
        Some(
            &self
                .version_on(day)
                .actions
                .get(&action_id)?
                .milestones
                .get(index)?
                .title,
        )
    }

    /// The last day anything was recorded: a change to a record or a milestone reached. Up to it
    /// the history is known; after it, nothing happened or nothing was reported yet.
    pub fn last_recorded(&self) -> Option<NaiveDate> {
        self.histories
            .values()
            .filter_map(|h| h.last_recorded)
            .max()
    }

    /// How the country `country_id` stood with the action `action_id` on `as_of`; `None` when the
    /// action was not in the plan that day.
    pub fn standing(&self, country_id: i32, action_id: i32, as_of: NaiveDate) -> Option<Standing> {
        let terms = self.version_on(as_of).actions.get(&action_id)?;
        let history = self.history(country_id, action_id);
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

    /// The regional progress of `countries` over the theme with the code `theme` (every theme for
    /// `None`) at the end of each of the months `month_ends`, with the plan as it stood each day;
    /// none on the days nothing had been reported yet. Each country's step of each month is
    /// computed once for its histories (`CountryHistories::month_ends`).
    pub fn trajectory(
        &self,
        countries: &[CountryRef],
        theme: Option<&str>,
        month_ends: &[NaiveDate],
    ) -> Vec<TrajectoryPoint> {
        month_ends
            .iter()
            .map(|day| {
                let steps: Vec<Step> = countries
                    .iter()
                    .map(|country| self.remembered_step(country, theme, *day))
                    .collect();
                let reported = steps.iter().any(|(_, reported)| *reported);
                TrajectoryPoint {
                    day: *day,
                    // Before anything is reported there is no progress to draw, not 0 %.
                    progress: crate::progress::regional_progress(steps.iter().map(|(p, _)| *p))
                        .filter(|_| reported),
                }
            })
            .collect()
    }

    /// The country's progress on `day` over every action of the plan that day, as the figures
    /// give it; computed once for its histories (meant for the ends of months).
    pub fn progress_on(&self, country: &CountryRef, day: NaiveDate) -> Option<Progress> {
        self.remembered_step(country, None, day).0
    }

    /// `step`, computed once for the country's histories (`CountryHistories::month_ends`).
    fn remembered_step(&self, country: &CountryRef, theme: Option<&str>, day: NaiveDate) -> Step {
        let histories = self.histories.get(&country.id);
        let compute = || self.step(country.id, histories.map(|h| &**h), theme, day);
        match histories {
            Some(histories) => histories
                .month_ends
                .get_or((theme.map(str::to_owned), day), compute),
            None => compute(),
        }
    }

    /// The country's projected progress on each of `targets` by its outlook on `origin` over every
    /// action of the plan that day (none when too early to tell); computed once for its histories
    /// (`CountryHistories::projections`).
    pub fn projected_from(
        &self,
        country: &CountryRef,
        origin: NaiveDate,
        targets: &[NaiveDate],
    ) -> Vec<Option<Projected>> {
        let compute = || {
            let structure = self.country_structure(country, origin);
            let states = self.states_on(&structure, origin);
            let outlooks = super::figures::outlooks(&structure, states, self.plan_start, origin);
            targets
                .iter()
                .map(|target| outlooks.first()?.outlook.projected_on(*target))
                .collect()
        };
        match self.histories.get(&country.id) {
            Some(histories) => histories
                .projections
                .get_or((origin, targets.to_vec()), compute),
            None => compute(),
        }
    }

    /// Each of `countries`' part of the regional figures on `as_of` over the theme with the code
    /// `theme` (every theme for `None`), computed once for its histories
    /// (`CountryHistories::parts`): after a save, the saved country's alone is computed again.
    pub fn country_parts(
        &self,
        countries: &[CountryRef],
        theme: Option<&str>,
        as_of: NaiveDate,
    ) -> Vec<Arc<CountryPart>> {
        let version = self.version_on(as_of);
        let actions: Vec<ActionRef> = (version.actions_in_order.iter())
            .filter_map(|id| {
                let theme_id = version.actions.get(id)?.theme_id;
                Some(ActionRef { id: *id, theme_id })
            })
            .collect();
        // In the order `structure` gives them, which the tallies are added up in.
        let slots = ThemeSlots::of(&self.themes_shown(version, theme), &actions);
        let days = super::figures::projection_days(as_of, self.plan_end);
        crate::parallel::map(countries.len(), |index| {
            let country = &countries[index];
            let compute = || {
                let alone = Structure {
                    themes: Vec::new(),
                    actions: actions.clone(),
                    countries: vec![country.clone()],
                };
                let states = self.states_on(&alone, as_of);
                Arc::new(CountryPart::of(
                    &states,
                    &slots,
                    self.plan_start,
                    as_of,
                    &days,
                ))
            };
            let key = (theme.map(str::to_owned), as_of);
            match self.histories.get(&country.id) {
                Some(histories) => histories.parts.get_or(key, compute),
                None => compute(),
            }
        })
    }

    /// Where the country `country_id` stood on `day` over the plan's actions of the theme `theme`
    /// (every theme for `None`) that day.
    fn step(
        &self,
        country_id: i32,
        histories: Option<&CountryHistories>,
        theme: Option<&str>,
        day: NaiveDate,
    ) -> Step {
        let version = self.version_on(day);
        let theme_ids: Vec<i32> = version
            .themes
            .iter()
            .filter(|id| {
                theme.is_none_or(|code| self.themes.iter().any(|t| t.id == **id && t.code == code))
            })
            .copied()
            .collect();
        let states: Vec<ActionState> = version
            .actions_in_order
            .iter()
            .filter_map(|id| {
                let terms = version.actions.get(id)?;
                if !theme_ids.contains(&terms.theme_id) {
                    return None;
                }
                let history = histories.and_then(|h| h.actions.get(id));
                Some(state_of(terms, country_id, history, day))
            })
            .collect();
        let progress = crate::progress::country_progress(&states, day);
        (progress, Basis::of(1, &states, day).is_reported())
    }

    /// The structure the figures of `as_of` take: the countries of `group`, and the plan's themes
    /// that day (every one, or only the one with the code `theme`) with their actions then.
    pub fn structure(&self, group: Membership, theme: Option<&str>, as_of: NaiveDate) -> Structure {
        let version = self.version_on(as_of);
        let themes = self.themes_shown(version, theme);
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

    /// The themes of `version` in its order: every one, or only the one with the code `theme`.
    fn themes_shown(&self, version: &Version, theme: Option<&str>) -> Vec<ThemeRef> {
        (version.themes.iter())
            .filter_map(|id| self.themes.iter().find(|t| t.id == *id))
            .filter(|t| theme.is_none_or(|code| t.code == code))
            .cloned()
            .collect()
    }

    /// The countries of `group`, by name.
    pub fn countries_in(&self, group: Membership) -> Vec<CountryRef> {
        self.countries
            .iter()
            .filter(|c| c.membership == group)
            .map(|c| c.reference.clone())
            .collect()
    }

    /// The state of the action `action_id` in the country `country_id` on `as_of`, as `states_on`
    /// gives it; `None` when the action was not in the plan that day.
    pub fn state_on(
        &self,
        country_id: i32,
        action_id: i32,
        as_of: NaiveDate,
    ) -> Option<ActionState> {
        let terms = self.version_on(as_of).actions.get(&action_id)?;
        Some(state_of(
            terms,
            country_id,
            self.history(country_id, action_id),
            as_of,
        ))
    }

    /// Each action's state in each country of `structure` on `as_of`: the status it had that day,
    /// and its milestones with the days they were reached (the formulas count those up to `as_of`).
    pub fn states_on(&self, structure: &Structure, as_of: NaiveDate) -> States {
        let version = self.version_on(as_of);
        // An action not in the plan that day has no state; one that does not apply to the
        // country is not applicable, as the plan says.
        let terms: Vec<Option<&Terms>> = structure
            .actions
            .iter()
            .map(|a| version.actions.get(&a.id))
            .collect();
        States::of(structure, |country| {
            let (country_id, histories) = (country.id, self.histories.get(&country.id));
            structure
                .actions
                .iter()
                .zip(&terms)
                .map(move |(action, terms)| {
                    let history = histories.and_then(|h| h.actions.get(&action.id));
                    Some(state_of((*terms)?, country_id, history, as_of))
                })
        })
    }
}

/// The state on `as_of` of an action of these `terms` in the country `country_id` with this
/// `history`: not applicable where the plan does not apply it to the country.
fn state_of(
    terms: &Terms,
    country_id: i32,
    history: Option<&History>,
    as_of: NaiveDate,
) -> ActionState {
    let status = if terms.applies_to(country_id) {
        history.map_or(Status::NotStarted, |h| h.status_on(as_of))
    } else {
        Status::NotApplicable
    };
    action_state(terms, status, history)
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
                achieved_on: history.and_then(|h| h.achieved_on(m.id)),
            })
            .collect(),
    }
}

/// A record as the histories read it: id, action, country, status, last update and who made it.
type RecordRow = (i32, i32, i32, String, Option<DateTimeUtc>, Option<i32>);

/// An event as the histories read it: id, record, kind, when and who.
type EventRow = (i32, i32, String, DateTimeUtc, Option<i32>);

/// Which histories a reading reads.
#[derive(Clone, Copy)]
enum Scope<'a> {
    /// Every country's.
    Plan,
    /// The country's with the id.
    Country(i32),
    /// The country's with the id, of these actions only.
    Actions(i32, &'a [i32]),
}

/// The histories of the plan `plan_id`'s actions within `scope`: the status of each record, its
/// changes and the days it reached each milestone (whose actions `milestone_actions` gives), by
/// country id.
async fn read_histories(
    db: &impl ConnectionTrait,
    plan_id: i32,
    scope: Scope<'_>,
    milestone_actions: &HashMap<i32, i32>,
) -> Result<HashMap<i32, Arc<CountryHistories>>, AppError> {
    let records: Vec<RecordRow> = country_action::Entity::find()
        .select_only()
        .columns([
            country_action::Column::Id,
            country_action::Column::ActionId,
            country_action::Column::CountryId,
            country_action::Column::Status,
            country_action::Column::UpdatedAt,
            country_action::Column::UpdatedBy,
        ])
        .filter(country_action::Column::Id.in_subquery(records_of(plan_id, scope)))
        .into_tuple()
        .all(db)
        .await?;
    let (events, status_changes) = read_events(db, plan_id, scope).await?;
    let mut achieved = milestone_progress::Entity::find()
        .select_only()
        .columns([
            milestone_progress::Column::MilestoneId,
            milestone_progress::Column::CountryId,
            milestone_progress::Column::AchievedOn,
        ])
        .filter(milestone_progress::Column::AchievedOn.is_not_null())
        .filter(milestone_progress::Column::MilestoneId.in_subquery(milestones_of(plan_id)));
    match scope {
        Scope::Plan => {}
        Scope::Country(country) => {
            achieved = achieved.filter(milestone_progress::Column::CountryId.eq(country));
        }
        Scope::Actions(country, actions) => {
            let milestones = milestone_actions
                .iter()
                .filter(|(_, action)| actions.contains(action))
                .map(|(milestone, _)| *milestone);
            achieved = achieved
                .filter(milestone_progress::Column::CountryId.eq(country))
                .filter(milestone_progress::Column::MilestoneId.is_in(milestones));
        }
    }
    let achieved: Vec<(i32, i32, Option<NaiveDate>)> = achieved.into_tuple().all(db).await?;

    let mut histories: HashMap<(i32, i32), History> = HashMap::new();
    let mut record_keys = HashMap::new();
    for (id, action_id, country_id, status, updated_at, updated_by) in records {
        record_keys.insert(id, (country_id, action_id));
        let history = histories.entry((country_id, action_id)).or_default();
        history.initial = Some(decode(&status, Status::from_code, "status")?);
        history.stored_update = updated_at.map(|at| (at.date_naive(), updated_by));
    }
    add_changes(&mut histories, &record_keys, &events, &status_changes);
    for (milestone_id, country_id, day) in achieved {
        if let (Some(day), Some(action_id)) = (day, milestone_actions.get(&milestone_id)) {
            histories
                .entry((country_id, *action_id))
                .or_default()
                .achieved
                .push((milestone_id, day));
        }
    }
    Ok(by_country(histories))
}

/// The events of the records `records_of` names, oldest first record by record, and what the
/// status changes among them changed from and to, by event id.
async fn read_events(
    db: &impl ConnectionTrait,
    plan_id: i32,
    scope: Scope<'_>,
) -> Result<(Vec<EventRow>, HashMap<i32, StatusChange>), AppError> {
    // Only status changes need what they changed from and to; other events, when and who.
    let mut events: Vec<EventRow> = status_event::Entity::find()
        .select_only()
        .columns([
            status_event::Column::Id,
            status_event::Column::CountryActionId,
            status_event::Column::Kind,
            status_event::Column::OccurredAt,
            status_event::Column::ActorId,
        ])
        .filter(status_event::Column::CountryActionId.in_subquery(records_of(plan_id, scope)))
        .into_tuple()
        .all(db)
        .await?;
    events.sort_unstable_by_key(|(id, record, _, at, _)| (*record, *at, *id));
    let status_changes = status_event::Entity::find()
        .select_only()
        .columns([
            status_event::Column::Id,
            status_event::Column::Before,
            status_event::Column::After,
        ])
        .filter(status_event::Column::Kind.eq("status"))
        .filter(status_event::Column::CountryActionId.in_subquery(records_of(plan_id, scope)))
        .into_tuple::<(i32, Option<serde_json::Value>, Option<serde_json::Value>)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(id, before, after)| (id, (status_in(before), status_in(after))))
        .collect();
    Ok((events, status_changes))
}

/// A status change: the status it changed from and the one it changed to.
type StatusChange = (Option<Status>, Option<Status>);

/// The histories by (country id, action id) grouped by country, each with its last recorded day.
fn by_country(histories: HashMap<(i32, i32), History>) -> HashMap<i32, Arc<CountryHistories>> {
    let mut by_country: HashMap<i32, CountryHistories> = HashMap::new();
    for ((country_id, action_id), mut history) in histories {
        // In one order whatever order the rows came in, so that two readings compare equal.
        history.achieved.sort_unstable();
        let country = by_country.entry(country_id).or_default();
        country.last_recorded = country.last_recorded.max(history.last_recorded());
        country.actions.insert(action_id, history);
    }
    by_country
        .into_iter()
        .map(|(id, histories)| (id, Arc::new(histories)))
        .collect()
}

/// The ids of the records of the plan `plan_id`'s actions within `scope`.
fn records_of(plan_id: i32, scope: Scope<'_>) -> SelectStatement {
    let mut records = Query::select();
    records
        .column((country_action::Entity, country_action::Column::Id))
        .from(country_action::Entity)
        .and_where(
            Expr::col((country_action::Entity, country_action::Column::ActionId)).in_subquery(
                Query::select()
                    .column((action::Entity, action::Column::Id))
                    .from(action::Entity)
                    .and_where(Expr::col((action::Entity, action::Column::PlanId)).eq(plan_id))
                    .to_owned(),
            ),
        );
    let country = |country: i32| {
        Expr::col((country_action::Entity, country_action::Column::CountryId)).eq(country)
    };
    match scope {
        Scope::Plan => {}
        Scope::Country(id) => {
            records.and_where(country(id));
        }
        Scope::Actions(id, actions) => {
            records.and_where(country(id)).and_where(
                Expr::col((country_action::Entity, country_action::Column::ActionId))
                    .is_in(actions.iter().copied()),
            );
        }
    }
    records
}

/// The ids of the milestones of the plan `plan_id`'s actions.
fn milestones_of(plan_id: i32) -> SelectStatement {
    Query::select()
        .column((milestone::Entity, milestone::Column::Id))
        .from(milestone::Entity)
        .and_where(
            Expr::col((milestone::Entity, milestone::Column::ActionId)).in_subquery(
                Query::select()
                    .column((action::Entity, action::Column::Id))
                    .from(action::Entity)
                    .and_where(Expr::col((action::Entity, action::Column::PlanId)).eq(plan_id))
                    .to_owned(),
            ),
        )
        .to_owned()
}

/// The status a status change's `before` or `after` names.
fn status_in(value: Option<serde_json::Value>) -> Option<Status> {
    value
        .as_ref()
        .and_then(|v| v["status"].as_str())
        .and_then(Status::from_code)
}

/// Adds to `histories` the `events` of the records `record_keys` names (oldest first within each
/// record): every update, and the status changes among them (`status_changes`, by event id).
fn add_changes(
    histories: &mut HashMap<(i32, i32), History>,
    record_keys: &HashMap<i32, (i32, i32)>,
    events: &[EventRow],
    status_changes: &HashMap<i32, StatusChange>,
) {
    let mut first_seen = std::collections::HashSet::new();
    for (id, record, kind, occurred_at, actor_id) in events {
        let Some(key) = record_keys.get(record) else {
            continue;
        };
        let history = histories.entry(*key).or_default();
        let day = occurred_at.date_naive();
        history.updates.push((day, *actor_id));
        let (true, Some((before, after))) = (kind == "status", status_changes.get(id)) else {
            continue;
        };
        // Before its first change, the action stood where that change started from.
        if first_seen.insert(*key) {
            history.initial = before.or(Some(Status::NotStarted));
        }
        if let Some(status) = after {
            history.changes.push((day, *status));
        }
    }
}

/// What the snapshot holds of the indicators and the rounds: the scorecard's values, the series
/// with a target, and where the latest round's submissions stand.
struct Indicators {
    scorecard: Arc<ScorecardSource>,
    series: Arc<Vec<IndicatorSeries>>,
    round: Option<RoundStanding>,
}

impl Indicators {
    async fn read(db: &impl ConnectionTrait, plan_id: i32) -> Result<Self, AppError> {
        Ok(Indicators {
            scorecard: Arc::new(crate::indicators::queries::scorecard_source(db).await?),
            series: Arc::new(crate::indicators::queries::validated_series(db).await?),
            round: latest_round(db, plan_id).await?,
        })
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
        let mut countries: Vec<i32> = action
            .countries
            .iter()
            .filter_map(|iso2| self.countries.get(iso2.as_str()).copied())
            .collect();
        countries.sort_unstable();
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

/// The snapshots last read, one per plan, each with the change-feed generation it is current at.
/// A request after a write brings the snapshot up to date once, however many wait for it: by what
/// the changes since changed (`Snapshot::refreshed`) when the feed still remembers them, else by
/// reading it whole. A snapshot is also read whole again in the background after `MOST_AGE`, in
/// case a change was not announced (one written by the command line while a SQLite server runs)
/// or not heard; requests meanwhile use the one they have. The dashboards drawn from a snapshot are
/// kept too, by filter and language, until another snapshot is read.
#[derive(Debug, Default)]
pub struct SnapshotCache {
    /// The connections the snapshots are read through, when not the requests' own: on SQLite,
    /// whose pool has one connection, reading a large plan whole would hold every request up.
    reader: Option<DatabaseConnection>,
    /// By plan id.
    read: RwLock<HashMap<i32, Read>>,
    /// Which plan each address's plan code (empty: the current plan) names, and at which
    /// generation it was looked up.
    plans_named: RwLock<HashMap<String, (i32, u64)>>,
    /// One bringing up to date at a time per plan, by plan id.
    turns: Mutex<HashMap<i32, Arc<tokio::sync::Mutex<()>>>>,
    /// Whether a plan is being read whole in the background: one at a time, so that the reading
    /// connections stay free for the requests.
    reading_whole: std::sync::atomic::AtomicBool,
    /// How many snapshots have been read: each reading's number keys the dashboards drawn from it.
    readings: std::sync::atomic::AtomicU64,
    /// How long the last whole reading took, in milliseconds (`age_limit`).
    whole_reading_ms: std::sync::atomic::AtomicU64,
    drawn: Mutex<Drawn>,
}

/// A snapshot as kept: current at which generation, when it was last read whole, and which
/// reading it is.
#[derive(Clone, Debug)]
struct Read {
    generation: u64,
    whole_at: std::time::Instant,
    reading: u64,
    snapshot: Arc<Snapshot>,
}

/// How long a snapshot is used at most without reading it whole again.
const MOST_AGE: std::time::Duration = std::time::Duration::from_secs(30);

/// How long a snapshot is used without reading it whole again, when a whole reading takes
/// `whole_reading`: `MOST_AGE`, or twenty readings' time for a plan so large that reading it takes
/// over a second and a half, so that the check never takes more than a twentieth of the server's
/// time.
fn age_limit(whole_reading: std::time::Duration) -> std::time::Duration {
    MOST_AGE.max(whole_reading * 20)
}

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
    let feed = crate::live::feed()?;
    let db = crate::db::use_db()?;
    let (reading, snapshot) = cache.read(&db, &feed, plan).await?;
    Ok(Current {
        cache,
        reading,
        snapshot,
    })
}

/// Computes `figures` from `snapshot` on the shared threads at their lower priority
/// (`parallel::on_shared_threads`), a thread of the blocking pool waiting for them: over a large
/// plan they take long enough to hold up the other requests sharing the server's few threads (and
/// the probe that tells whether the database answers). No more are computed at once than the
/// machine has cores (`COMPUTING`); the others wait their turn, in order.
pub async fn compute<T: Send + 'static>(
    snapshot: Arc<Snapshot>,
    figures: impl FnOnce(&Snapshot) -> T + Send + 'static,
) -> Result<T, AppError> {
    let failed = |error: &dyn std::fmt::Display| {
        tracing::error!(%error, "the figures could not be computed");
        AppError::Internal
    };
    let permit = Arc::clone(&COMPUTING)
        .acquire_owned()
        .await
        .map_err(|error| failed(&error))?;
    tokio::task::spawn_blocking(move || {
        // Held until the figures are done, even when the request is gone.
        let _permit = permit;
        crate::parallel::on_shared_threads(|| figures(&snapshot))
    })
    .await
    .map_err(|error| failed(&error))
}

/// How many figures are computed at once: one per core. Each computation already spreads over the
/// cores (`crate::parallel`); more at once would only wait for them, each holding a blocking
/// thread and its memory meanwhile.
static COMPUTING: LazyLock<Arc<Semaphore>> = LazyLock::new(|| {
    let cores = std::thread::available_parallelism().map_or(1, |cores| cores.get());
    Arc::new(Semaphore::new(cores))
});

/// How many plan codes asked for by the address are remembered at most (unknown codes among them).
const MOST_PLANS_NAMED: usize = 16;

/// How many plans' snapshots are kept at most.
const MOST_PLANS: usize = 4;

impl SnapshotCache {
    /// A memory that reads the snapshots through `reader`, connections of their own.
    pub fn reading_through(reader: DatabaseConnection) -> Self {
        SnapshotCache {
            reader: Some(reader),
            ..SnapshotCache::default()
        }
    }

    /// The snapshot of the plan `plan` names (the current plan for `None` or an unknown code).
    pub async fn get(
        self: &Arc<Self>,
        db: &DatabaseConnection,
        feed: &SharedFeed,
        plan: Option<&str>,
    ) -> Result<Arc<Snapshot>, AppError> {
        Ok(self.read(db, feed, plan).await?.1)
    }

    /// The snapshot of the plan `plan` names, and the number of its reading.
    async fn read(
        self: &Arc<Self>,
        db: &DatabaseConnection,
        feed: &SharedFeed,
        plan: Option<&str>,
    ) -> Result<(u64, Arc<Snapshot>), AppError> {
        let name = plan
            .map(|code| code.trim().to_uppercase())
            .unwrap_or_default();
        let db = self.reader.as_ref().unwrap_or(db);
        let generation = feed.generation();
        let named = self.plan_named(&name, feed, generation);
        if let Some(plan_id) = named {
            if let Some(kept) = self.kept(plan_id).filter(|k| k.generation == generation) {
                if kept.whole_at.elapsed() >= age_limit(self.whole_reading()) {
                    self.read_whole_in_background(db, feed, plan_id);
                }
                return Ok((kept.reading, kept.snapshot));
            }
        }
        let plan_id = match named {
            Some(plan_id) => plan_id,
            None => self.name(&name, plan_named(db, plan).await?.id, generation),
        };
        let turn = self.turn(plan_id);
        let _turn = turn.lock().await;
        self.bring_up_to_date(db, feed, plan_id).await
    }

    /// The plan `plan_id`'s snapshot at the feed's generation, brought up to date by what changed
    /// since the one kept, or read whole; the caller has the plan's turn.
    async fn bring_up_to_date(
        &self,
        db: &DatabaseConnection,
        feed: &ChangeFeed,
        plan_id: i32,
    ) -> Result<(u64, Arc<Snapshot>), AppError> {
        let generation = feed.generation();
        let kept = self.kept(plan_id);
        if let Some(kept) = kept.as_ref().filter(|k| k.generation >= generation) {
            return Ok((kept.reading, kept.snapshot.clone()));
        }
        let started = std::time::Instant::now();
        if let Some(kept) = kept {
            if let Some(changes) = feed.changes_between(kept.generation, generation) {
                // Nothing it holds changed: the same snapshot, and the dashboards drawn from it.
                let unchanged = changes.iter().all(|change| *change == Change::Elsewhere);
                if let Some(same) = unchanged
                    .then(|| self.keep_current(plan_id, generation))
                    .flatten()
                {
                    return Ok(same);
                }
                if let Some(snapshot) = kept.snapshot.refreshed(db, &changes).await? {
                    metrics::histogram!("enlace_snapshot_reload_seconds", "read" => "changes")
                        .record(started.elapsed().as_secs_f64());
                    return Ok(self.keep(generation, kept.whole_at, snapshot));
                }
            }
        }
        let mut snapshot = Snapshot::load_plan(db, plan_id).await?;
        if let Some(kept) = self.kept(plan_id) {
            snapshot = snapshot.sharing_with(&kept.snapshot);
        }
        metrics::histogram!("enlace_snapshot_reload_seconds", "read" => "whole")
            .record(started.elapsed().as_secs_f64());
        self.read_whole_in(started.elapsed());
        Ok(self.keep(generation, started, snapshot))
    }

    /// Reads the plan `plan_id`'s snapshot whole in the background, unless it is being read, and
    /// keeps it once brought up to date with what changed meanwhile.
    fn read_whole_in_background(
        self: &Arc<Self>,
        db: &DatabaseConnection,
        feed: &SharedFeed,
        plan_id: i32,
    ) {
        use std::sync::atomic::Ordering;
        if self.reading_whole.swap(true, Ordering::SeqCst) {
            return;
        }
        /// Lets the next reading start when this one ends, however it ends.
        struct Done(Arc<SnapshotCache>);
        impl Drop for Done {
            fn drop(&mut self) {
                self.0.reading_whole.store(false, Ordering::SeqCst);
            }
        }
        let (cache, db, feed) = (self.clone(), db.clone(), feed.clone());
        tokio::spawn(async move {
            let _done = Done(cache.clone());
            let generation = feed.generation();
            let started = std::time::Instant::now();
            let read = Snapshot::load_plan(&db, plan_id).await;
            metrics::histogram!("enlace_snapshot_reload_seconds", "read" => "background")
                .record(started.elapsed().as_secs_f64());
            cache.read_whole_in(started.elapsed());
            let turn = cache.turn(plan_id);
            let _turn = turn.lock().await;
            let now = feed.generation();
            let caught_up = match read {
                Ok(snapshot) if now == generation => Some(snapshot),
                Ok(snapshot) => match feed.changes_between(generation, now) {
                    Some(changes) => snapshot.refreshed(&db, &changes).await.ok().flatten(),
                    None => None,
                },
                Err(error) => {
                    tracing::warn!(%error, "the plan's state could not be read again");
                    None
                }
            };
            // A plan no longer kept meanwhile is not brought back.
            match (caught_up, cache.kept(plan_id)) {
                (Some(snapshot), Some(kept)) if snapshot == *kept.snapshot => {
                    cache.restart_age(plan_id, started);
                }
                (Some(snapshot), Some(kept)) => {
                    cache.keep(now, started, snapshot.sharing_with(&kept.snapshot));
                }
                // Tried: the next try waits for another `MOST_AGE`.
                _ => cache.restart_age(plan_id, started),
            }
            // A change the feed did not carry may have made another plan the current one.
            cache.forget_names();
        });
    }

    fn whole_reading(&self) -> std::time::Duration {
        let ms = self
            .whole_reading_ms
            .load(std::sync::atomic::Ordering::Relaxed);
        std::time::Duration::from_millis(ms)
    }

    /// Remembers that the last whole reading took `took`.
    fn read_whole_in(&self, took: std::time::Duration) {
        let ms = u64::try_from(took.as_millis()).unwrap_or(u64::MAX);
        self.whole_reading_ms
            .store(ms, std::sync::atomic::Ordering::Relaxed);
    }

    fn kept(&self, plan_id: i32) -> Option<Read> {
        self.read.read().ok()?.get(&plan_id).cloned()
    }

    /// Keeps `snapshot`, current at `generation` and last read whole at `whole_at`, unless a newer
    /// one is kept; its reading's number and the snapshot.
    fn keep(
        &self,
        generation: u64,
        whole_at: std::time::Instant,
        snapshot: Snapshot,
    ) -> (u64, Arc<Snapshot>) {
        let snapshot = Arc::new(snapshot);
        let reading = 1 + self
            .readings
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        if let Ok(mut read) = self.read.write() {
            let plan_id = snapshot.plan_id;
            if read
                .get(&plan_id)
                .is_none_or(|k| k.generation <= generation)
            {
                if read.len() >= MOST_PLANS && !read.contains_key(&plan_id) {
                    read.clear();
                }
                let kept = Read {
                    generation,
                    whole_at,
                    reading,
                    snapshot: snapshot.clone(),
                };
                read.insert(plan_id, kept);
            }
        }
        (reading, snapshot)
    }

    /// Keeps the plan `plan_id`'s snapshot as it is, current at `generation` too; `None` when it is
    /// no longer kept.
    fn keep_current(&self, plan_id: i32, generation: u64) -> Option<(u64, Arc<Snapshot>)> {
        let mut read = self.read.write().ok()?;
        let kept = read.get_mut(&plan_id)?;
        kept.generation = kept.generation.max(generation);
        Some((kept.reading, kept.snapshot.clone()))
    }

    /// Counts the time to the next reading whole from `tried_at`.
    fn restart_age(&self, plan_id: i32, tried_at: std::time::Instant) {
        if let Ok(mut read) = self.read.write() {
            if let Some(kept) = read.get_mut(&plan_id) {
                kept.whole_at = tried_at;
            }
        }
    }

    /// The plan the address's plan code `name` names, as looked up before: still so at
    /// `generation` when every change since was a country's figures or elsewhere (none can make
    /// another plan the current one or rename one).
    fn plan_named(&self, name: &str, feed: &ChangeFeed, generation: u64) -> Option<i32> {
        let (plan_id, looked_up) = *self.plans_named.read().ok()?.get(name)?;
        let still = looked_up == generation
            || feed
                .changes_between(looked_up, generation)?
                .iter()
                .all(|change| *change == Change::Elsewhere || change.is_to_the_figures_alone());
        if still && looked_up != generation {
            // So that the next request looks only at the changes after this one.
            if let Some(named) = (self.plans_named.write().ok())
                .as_mut()
                .and_then(|n| n.get_mut(name))
            {
                named.1 = named.1.max(generation);
            }
        }
        still.then_some(plan_id)
    }

    /// Remembers that the address's plan code `name` names the plan `plan_id` at `generation`.
    fn name(&self, name: &str, plan_id: i32, generation: u64) -> i32 {
        if let Ok(mut named) = self.plans_named.write() {
            if named.len() >= MOST_PLANS_NAMED {
                named.clear();
            }
            named.insert(name.to_owned(), (plan_id, generation));
        }
        plan_id
    }

    fn forget_names(&self) {
        if let Ok(mut named) = self.plans_named.write() {
            named.clear();
        }
    }

    /// The plan `plan_id`'s turn at being brought up to date.
    fn turn(&self, plan_id: i32) -> Arc<tokio::sync::Mutex<()>> {
        lock(&self.turns).entry(plan_id).or_default().clone()
    }

    /// The dashboard drawn for `key` (its filters and language) from the snapshot of `reading`,
    /// drawing it with `draw` the first time; `dated` when the address asked for a date.
    pub fn drawn(
        &self,
        reading: u64,
        (key, dated): (String, bool),
        draw: impl FnOnce() -> RegionalDashboard,
    ) -> RegionalDashboard {
        if let Some(dashboard) = lock(&self.drawn).get(reading, &key) {
            return dashboard;
        }
        let dashboard = draw();
        lock(&self.drawn).keep(reading, (key, dated), dashboard.clone());
        dashboard
    }
}

/// The dashboards drawn from one reading, by filter and language, within `MOST_DRAWN_BYTES`.
#[derive(Debug, Default)]
struct Drawn {
    reading: u64,
    bytes: usize,
    dashboards: HashMap<String, DrawnDashboard>,
}

#[derive(Debug)]
struct DrawnDashboard {
    dashboard: RegionalDashboard,
    /// About what it takes in memory.
    size: usize,
    /// Drawn for a date the address asked for.
    dated: bool,
}

/// How much the drawn dashboards may take at most (filters make the keys; a crawler must not fill
/// memory): a drawn dashboard of the demo data takes about 100 KB, one of 100 countries and 1,000
/// actions most of its 680 KB page. Enough for today's dashboard in each language and a few
/// filters; dates asked for once (every other address a crawler follows) would only hold memory.
const MOST_DRAWN_BYTES: usize = 8 * 1024 * 1024;

impl Drawn {
    fn get(&self, reading: u64, key: &str) -> Option<RegionalDashboard> {
        (self.reading == reading)
            .then(|| self.dashboards.get(key).map(|kept| kept.dashboard.clone()))
            .flatten()
    }

    fn keep(&mut self, reading: u64, (key, dated): (String, bool), dashboard: RegionalDashboard) {
        // Its text is most of it.
        let size = key.len() + serde_json::to_vec(&dashboard).map_or(0, |json| json.len());
        if self.reading != reading {
            *self = Drawn {
                reading,
                ..Drawn::default()
            };
        }
        if self.bytes + size > MOST_DRAWN_BYTES {
            // The dashboards of dates asked for go first: each is asked for by few, today's by
            // everyone.
            self.dashboards.retain(|_, kept| !kept.dated);
            self.bytes = self.dashboards.values().map(|kept| kept.size).sum();
        }
        if self.bytes + size > MOST_DRAWN_BYTES {
            self.dashboards.clear();
            self.bytes = 0;
        }
        if size > MOST_DRAWN_BYTES {
            return;
        }
        let kept = DrawnDashboard {
            dashboard,
            size,
            dated,
        };
        if let Some(replaced) = self.dashboards.insert(key, kept) {
            self.bytes -= replaced.size;
        }
        self.bytes += size;
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The plan with the code `plan` (any case), or the current plan when `plan` is `None` or names
/// none; `NotFound` without a plan.
async fn plan_named(
    db: &impl ConnectionTrait,
    plan: Option<&str>,
) -> Result<plan::Model, AppError> {
    let named = match plan {
        Some(code) => plan::Entity::find()
            .all(db)
            .await?
            .into_iter()
            .find(|p| p.code.eq_ignore_ascii_case(code.trim())),
        None => None,
    };
    match named {
        Some(plan) => Ok(plan),
        None => crate::plan::queries::require_current_plan(db).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn the_drawn_dashboards_of_dates_asked_for_go_first_when_the_memory_is_full() {
        let dashboard = RegionalDashboard {
            plan: "RCM".to_owned(),
            plans: Vec::new(),
            as_of: "2026-12-05".to_owned(),
            plan_start: "2025-01-01".to_owned(),
            plan_end: "2029-12-31".to_owned(),
            group: Membership::Member,
            theme: None,
            themes: Vec::new(),
            notices: Vec::new(),
            regional: None,
            regional_basis: Basis::default(),
            charts: Vec::new(),
        };
        // Keys of a third of the memory each: two fit, a third does not.
        let key = |name: &str| format!("{name}{}", "-".repeat(MOST_DRAWN_BYTES / 3));
        let mut drawn = Drawn::default();
        drawn.keep(1, (key("today"), false), dashboard.clone());
        drawn.keep(1, (key("2025-06-30"), true), dashboard.clone());
        drawn.keep(1, (key("2025-07-31"), true), dashboard.clone());
        assert!(drawn.get(1, &key("today")).is_some());
        assert!(drawn.get(1, &key("2025-06-30")).is_none());
        assert!(drawn.get(1, &key("2025-07-31")).is_some());
        assert!(drawn.bytes <= MOST_DRAWN_BYTES);
        // Kept again, one counts once; undated ones that do not fit make room for themselves.
        drawn.keep(1, (key("2025-07-31"), true), dashboard.clone());
        assert_eq!(drawn.dashboards.len(), 2);
        drawn.keep(1, (key("es"), false), dashboard.clone());
        drawn.keep(1, (key("group"), false), dashboard.clone());
        assert_eq!(drawn.dashboards.len(), 1);
        assert!(drawn.get(1, &key("group")).is_some());
        // Another reading starts afresh.
        assert!(drawn.get(2, &key("group")).is_none());
        drawn.keep(2, (key("today"), false), dashboard);
        assert_eq!(drawn.dashboards.len(), 1);
    }

    #[test]
    fn a_plan_that_takes_long_to_read_is_read_whole_again_less_often() {
        let seconds = std::time::Duration::from_secs;
        assert_eq!(age_limit(std::time::Duration::from_millis(80)), seconds(30));
        assert_eq!(age_limit(seconds(1)), seconds(30));
        assert_eq!(age_limit(seconds(7)), seconds(140));
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

    /// A record saved twice: on 2025-03-01 (in progress) and on 2025-09-10 (its milestone 4
    /// reached on 2025-08-01).
    fn saved_twice() -> History {
        History {
            initial: Some(Status::NotStarted),
            changes: vec![(day("2025-03-01"), Status::InProgress)],
            achieved: vec![(4, day("2025-08-01"))],
            updates: vec![(day("2025-03-01"), Some(7)), (day("2025-09-10"), Some(7))],
            stored_update: Some((day("2025-09-10"), Some(7))),
        }
    }

    #[test]
    fn a_history_answers_otherwise_from_the_first_day_a_write_changed() {
        let before = saved_twice();
        assert_eq!(first_difference(Some(&before), Some(&before.clone())), None);
        // Saved again on 2026-02-01, completed: the days before answer as they did.
        let mut completed = before.clone();
        completed
            .changes
            .push((day("2026-02-01"), Status::Completed));
        completed.updates.push((day("2026-02-01"), Some(8)));
        completed.stored_update = Some((day("2026-02-01"), Some(8)));
        let from = first_difference(Some(&before), Some(&completed));
        assert_eq!(from, Some(day("2026-02-01")));
        // Saved on 2026-02-01 with a milestone reached back on 2025-05-20: from that day.
        let mut backdated = completed.clone();
        backdated.achieved.push((5, day("2025-05-20")));
        let from = first_difference(Some(&before), Some(&backdated));
        assert_eq!(from, Some(day("2025-05-20")));
        // Milestone 4 said reached a month later than it was: from the day it was first said.
        let mut moved = before.clone();
        moved.achieved = vec![(4, day("2025-09-01"))];
        assert_eq!(
            first_difference(Some(&before), Some(&moved)),
            Some(day("2025-08-01"))
        );
    }

    #[test]
    fn a_new_record_answers_otherwise_from_its_first_save_and_an_imported_one_from_the_start() {
        // The first save of a record: before it there was none, and it answers alike until then.
        let first_save = History {
            initial: Some(Status::NotStarted),
            changes: vec![(day("2026-02-01"), Status::InProgress)],
            updates: vec![(day("2026-02-01"), Some(7))],
            stored_update: Some((day("2026-02-01"), Some(7))),
            ..History::default()
        };
        assert_eq!(
            first_difference(None, Some(&first_save)),
            Some(day("2026-02-01"))
        );
        assert_eq!(
            first_difference(Some(&first_save), None),
            Some(day("2026-02-01"))
        );
        // An imported record (no change recorded) was reported all along; its first save makes
        // it reported from that day only, so it answers otherwise from the start.
        let imported = History {
            initial: Some(Status::InProgress),
            stored_update: Some((day("2025-05-05"), None)),
            ..History::default()
        };
        let saved = History {
            changes: vec![(day("2026-02-01"), Status::Completed)],
            updates: vec![(day("2026-02-01"), Some(7))],
            stored_update: Some((day("2026-02-01"), Some(7))),
            ..imported.clone()
        };
        assert_eq!(
            first_difference(Some(&imported), Some(&saved)),
            Some(NaiveDate::MIN)
        );
    }

    #[test]
    fn histories_read_again_keep_the_months_worked_out_before_the_first_day_changed() {
        let country = |history: History| CountryHistories {
            actions: HashMap::from([(1, saved_twice()), (2, history)]),
            ..CountryHistories::default()
        };
        let before = country(saved_twice());
        let step: Step = (None, true);
        for month_end in ["2025-07-31", "2025-12-31", "2026-01-31", "2026-02-28"] {
            let key = (None, day(month_end));
            before.month_ends.get_or(key.clone(), || step);
            before
                .month_ends
                .get_or((Some("T1".into()), key.1), || step);
            // A part of the figures on the day, kept as the months are.
            before.parts.get_or(key, Arc::default);
        }
        let mut completed = saved_twice();
        completed
            .changes
            .push((day("2026-02-01"), Status::Completed));
        completed.updates.push((day("2026-02-01"), Some(8)));
        let remembered = |after: &CountryHistories| {
            let mut days: Vec<(Option<String>, NaiveDate)> =
                lock(&after.month_ends.0).values.keys().cloned().collect();
            days.sort();
            days
        };
        // Action 2 saved on 2026-02-01: January and before are kept, for every theme.
        let after = country(completed.clone()).remembering(&before, &[2]);
        let mut kept: Vec<(Option<String>, NaiveDate)> = ["2025-07-31", "2025-12-31", "2026-01-31"]
            .iter()
            .flat_map(|d| [(None, day(d)), (Some("T1".into()), day(d))])
            .collect();
        kept.sort();
        assert_eq!(remembered(&after), kept);
        let mut parts: Vec<NaiveDate> = (lock(&after.parts.0).values.keys())
            .map(|(_, day)| *day)
            .collect();
        parts.sort();
        assert_eq!(
            parts,
            [day("2025-07-31"), day("2025-12-31"), day("2026-01-31")]
        );
        // Only the actions written are compared: action 2 unnamed, nothing is taken to differ.
        let after = country(completed.clone()).remembering(&before, &[1]);
        assert_eq!(remembered(&after).len(), 8);
        // Read whole again, every action is compared; the same histories share what they hold.
        let before = Arc::new(before);
        let whole = CountryHistories::read_whole_again(&before, Arc::new(country(completed)));
        assert_eq!(remembered(&whole), kept);
        let same = CountryHistories::read_whole_again(&before, Arc::new(country(saved_twice())));
        assert!(Arc::ptr_eq(&same, &before));
    }

    #[test]
    fn a_memory_with_a_limit_forgets_the_least_recently_used_first() {
        let memory: Memory<u32, u32, 3> = Memory::default();
        for key in 0..3 {
            assert_eq!(memory.get_or(key, || key * 10), key * 10);
        }
        // Remembered: not computed again, and now the most recently used.
        assert_eq!(memory.get_or(0, || unreachable!("remembered")), 0);
        // A fourth value finds it full: 1, the least recently used, is forgotten.
        assert_eq!(memory.get_or(3, || 30), 30);
        let mut keys: Vec<u32> = lock(&memory.0).values.keys().copied().collect();
        keys.sort_unstable();
        assert_eq!(keys, [0, 2, 3]);
        assert_eq!(memory.get_or(1, || 11), 11, "forgotten, computed again");
        assert_eq!(memory.get_or(0, || unreachable!("still remembered")), 0);
    }
}
