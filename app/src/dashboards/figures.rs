//! The figures of the dashboards, from the plan's structure and each action's state in each country
//! as of a date, with no I/O: every number is a `progress` formula applied to those states, and the
//! charts draw these figures and nothing else.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::domain::{Bilingual, Status};
use crate::i18n::{format_percent, t, t_args, Lang};
use crate::parallel;
use crate::progress::outlook::{
    outlook, projected_on_days, regional_projected, Outlook, Projected, ProjectedDay,
};
use crate::progress::{mean, regional_progress, ActionState, Progress, ScheduleStatus};

/// The plan's themes and actions, and the countries shown, as the figures need them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Structure {
    pub themes: Vec<ThemeRef>,
    pub actions: Vec<ActionRef>,
    pub countries: Vec<CountryRef>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ThemeRef {
    pub id: i32,
    pub code: String,
    pub name: Bilingual,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ActionRef {
    pub id: i32,
    pub theme_id: i32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CountryRef {
    pub id: i32,
    pub iso2: String,
    pub name: Bilingual,
}

/// Each action's state in each country of a structure on the as-of date: a row per country, a
/// cell per action, both in the structure's order; none where the action was not in the plan that
/// day.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct States {
    countries: Vec<i32>,
    /// The index of each action in a row, by id; a row has as many cells as the structure has
    /// actions.
    actions: HashMap<i32, usize>,
    width: usize,
    /// A cell without a state holds `absent()`: a country's row is then a slice of its actions'
    /// states that the projection reads in place, where copying 100,000 of them took 6 % of a
    /// dashboard's CPU (docs/performance.md). `present` says which cells are states; what counts
    /// statuses (the tallies) reads them through `of_country`, which hides the others.
    cells: Vec<ActionState>,
    present: Vec<bool>,
}

/// What stands in a cell without a state: a weightless action that does not apply, without
/// milestones, which the progress and outlook formulas pass over (they leave out what does not
/// apply); its status would count among the statuses, so those are counted over `of_country`.
fn absent() -> ActionState {
    ActionState {
        status: Status::NotApplicable,
        weight: 0.0,
        end_year: 0,
        milestones: Vec::new(),
    }
}

impl States {
    /// The states of `structure`'s countries, each country's `row` giving the states of the
    /// structure's actions in their order (any it lacks have none).
    pub fn of<Row: IntoIterator<Item = Option<ActionState>>>(
        structure: &Structure,
        row: impl Fn(&CountryRef) -> Row + Sync + Send,
    ) -> Self {
        let actions = structure.actions.len();
        let mut cells = vec![None; structure.countries.len() * actions];
        parallel::fill_rows(&mut cells, actions, |index, cells| {
            for (cell, state) in cells.iter_mut().zip(row(&structure.countries[index])) {
                *cell = state;
            }
        });
        States {
            countries: structure.countries.iter().map(|c| c.id).collect(),
            actions: (structure.actions.iter().enumerate())
                .map(|(index, a)| (a.id, index))
                .collect(),
            width: actions,
            present: cells.iter().map(Option::is_some).collect(),
            cells: cells
                .into_iter()
                .map(|cell| cell.unwrap_or_else(absent))
                .collect(),
        }
    }

    /// The states of the structure's country at `index`, in the order of its actions.
    pub fn of_country(&self, index: usize) -> impl Iterator<Item = Option<&ActionState>> {
        let row = self.row(index);
        self.cells[row.clone()]
            .iter()
            .zip(&self.present[row])
            .map(|(state, present)| present.then_some(state))
    }

    /// The cells of the country at `index`: its actions' states in the structure's order, those it
    /// has none of standing as actions that do not apply (`absent`).
    fn cells_of_country(&self, index: usize) -> &[ActionState] {
        &self.cells[self.row(index)]
    }

    fn row(&self, index: usize) -> std::ops::Range<usize> {
        let start = (index * self.width).min(self.cells.len());
        start..(start + self.width).min(self.cells.len())
    }

    /// The state of the action `action_id` in the country `country_id`.
    pub fn get(&self, country_id: i32, action_id: i32) -> Option<&ActionState> {
        let country = self.countries.iter().position(|id| *id == country_id)?;
        let cell = country * self.width + *self.actions.get(&action_id)?;
        (*self.present.get(cell)?).then(|| &self.cells[cell])
    }

    /// Each country's actions that have a state, by id, with their states: taken, not copied.
    fn into_countries(self, structure: &Structure) -> Vec<(Vec<i32>, Vec<ActionState>)> {
        let mut rows: Vec<(Vec<i32>, Vec<ActionState>)> =
            vec![Default::default(); self.countries.len()];
        let cells = self.cells.into_iter().zip(self.present).enumerate();
        for (cell, (state, _)) in cells.filter(|(_, (_, present))| *present) {
            let (ids, states) = &mut rows[cell / self.width];
            ids.push(structure.actions[cell % self.width].id);
            states.push(state);
        }
        rows
    }
}

/// What a figure's percentages stand on, over its countries and actions on its as-of date: how
/// many of their applicable country × action pairs have milestones, and how many the countries had
/// reported on. Without milestones there is no schedule to measure against (nothing is expected
/// before an action's end year), so no schedule status is told, only the progress the statuses
/// give; with nothing reported there is no progress to show at all. Either is said in words instead
/// (`Basis::gaps`), never as 0 % "on track".
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Basis {
    /// How many countries the figure is over: one for a country's figure, which then "has not
    /// reported"; more for a region's, where "no country has reported".
    pub countries: usize,
    /// Applicable pairs whose action has milestones that weigh something.
    pub milestones: usize,
    /// Applicable pairs reported on by the as-of date: a status other than not started, or a
    /// milestone reached on or before that day (`ActionState::is_reported`).
    pub reported: usize,
}

impl Basis {
    /// The basis of a figure over `countries` countries whose action states in scope are `states`;
    /// cancelled and not-applicable actions do not count.
    pub fn of<'a>(
        countries: usize,
        states: impl IntoIterator<Item = &'a ActionState>,
        as_of: NaiveDate,
    ) -> Self {
        let mut basis = Basis {
            countries,
            milestones: 0,
            reported: 0,
        };
        for state in states.into_iter().filter(|s| s.is_applicable()) {
            basis.milestones += usize::from(state.has_milestones());
            basis.reported += usize::from(state.is_reported(as_of));
        }
        basis
    }

    /// Some country reported on some action in scope: the progress can be shown.
    pub fn is_reported(self) -> bool {
        self.reported > 0
    }

    /// Some action in scope has milestones: there is a schedule to measure against.
    pub fn has_milestones(self) -> bool {
        self.milestones > 0
    }

    /// Reported on, with milestones: the figure is measured against the schedule.
    pub fn is_measured(self) -> bool {
        self.is_reported() && self.has_milestones()
    }

    /// The achieved share to show of `progress`: none before anything is reported.
    pub fn actual(self, progress: Option<Progress>) -> Option<f64> {
        progress.filter(|_| self.is_reported()).map(|p| p.actual)
    }

    /// The expected share to show of `progress`: only for a figure measured against the schedule.
    pub fn expected(self, progress: Option<Progress>) -> Option<f64> {
        progress.filter(|_| self.is_measured()).map(|p| p.expected)
    }

    /// The schedule status to show of `progress`: only for a figure measured against the schedule.
    pub fn schedule(self, progress: Option<Progress>) -> Option<ScheduleStatus> {
        progress
            .filter(|_| self.is_measured())
            .map(|p| p.schedule())
    }

    /// The catalogue keys of what the figure lacks to be measured, in the order they are said: no
    /// milestones, nothing reported. None for a measured figure.
    pub fn gap_keys(self) -> Vec<&'static str> {
        let mut keys = Vec::new();
        if !self.has_milestones() {
            keys.push("basis-no-milestones");
        }
        if !self.is_reported() {
            keys.push(if self.countries == 1 {
                "basis-not-reported"
            } else {
                "basis-none-reported"
            });
        }
        keys
    }

    /// What the figure lacks, in words ("No milestones defined yet · No country has reported
    /// yet"); empty for a measured figure.
    pub fn gaps(self, lang: Lang) -> String {
        self.gap_keys()
            .into_iter()
            .map(|key| t(lang, key))
            .collect::<Vec<_>>()
            .join(" · ")
    }

    /// Where a figure with `progress` stands against the schedule, in words: its schedule status
    /// when it is measured, what it lacks when it is not; `None` for a figure without progress (no
    /// applicable action), which the caller says as it always did.
    pub fn schedule_words(self, progress: Option<Progress>, lang: Lang) -> Option<String> {
        progress.map(|_| match self.schedule(progress) {
            Some(status) => t(lang, status.label_key()),
            None => self.gaps(lang),
        })
    }
}

/// A theme's regional progress: the mean over the countries of each country's progress in it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ThemeFigure {
    pub code: String,
    pub name: Bilingual,
    pub progress: Option<Progress>,
    pub basis: Basis,
}

/// A country's progress over the actions shown.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CountryFigure {
    pub iso2: String,
    pub name: Bilingual,
    pub progress: Option<Progress>,
    pub basis: Basis,
}

/// A country's actual progress in each theme, in the order of `RegionalFigures::themes`; no value
/// where it has no applicable action in the theme or has reported on none of them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HeatRow {
    pub iso2: String,
    pub name: Bilingual,
    pub cells: Vec<Option<f64>>,
}

/// How many of a theme's country × action pairs stand in each reported status (in `Status::ALL`
/// order), and how many of them are delayed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StatusMix {
    pub code: String,
    pub name: Bilingual,
    pub counts: Vec<usize>,
    pub delayed: usize,
}

/// Regional progress on one day of the plan's history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrajectoryPoint {
    pub day: NaiveDate,
    pub progress: Option<Progress>,
}

/// The days a trajectory is drawn at: the last day of each month from the plan's start up to the
/// as-of date, and the as-of date itself.
pub fn month_ends(plan_start: NaiveDate, as_of: NaiveDate) -> Vec<NaiveDate> {
    let mut days = Vec::new();
    let mut month = plan_start.with_day(1).unwrap_or(plan_start);
    while month <= as_of {
        let next = month
            .checked_add_months(chrono::Months::new(1))
            .unwrap_or(as_of);
        let end = next.pred_opt().unwrap_or(next);
        if end >= as_of {
            break;
        }
        days.push(end);
        month = next;
    }
    days.push(as_of);
    days
}

/// An action of the plan, by its code and title.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActionName {
    pub code: String,
    pub title: Bilingual,
}

/// A milestone a country reached, and when.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AchievedMilestone {
    pub code: String,
    pub milestone: Bilingual,
    pub achieved_on: NaiveDate,
}

/// What happened to one country's actions in a period (`Snapshot::period_events`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PeriodEvents {
    pub achieved: Vec<AchievedMilestone>,
    pub milestones_due: usize,
    pub completed: Vec<ActionName>,
    pub became_delayed: Vec<ActionName>,
}

/// Everything the regional dashboard shows for one as-of date and filter.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegionalFigures {
    pub as_of: NaiveDate,
    pub regional: Option<Progress>,
    pub regional_basis: Basis,
    pub themes: Vec<ThemeFigure>,
    /// Sorted by actual progress, highest first; countries without applicable actions last.
    pub countries: Vec<CountryFigure>,
    pub heatmap: Vec<HeatRow>,
    pub status_mix: Vec<StatusMix>,
}

/// What one country's actions in one scope (a theme, or all) add up to on the as-of date, each
/// state counted once: the sums of `country_progress`'s means in the actions' order, the basis
/// (`Basis::of`), and how many stand in each status and are delayed.
#[derive(Clone, Debug, Default, PartialEq)]
struct Tally {
    weight: f64,
    actual: f64,
    expected: f64,
    milestones: usize,
    reported: usize,
    statuses: [usize; Status::ALL.len()],
    delayed: usize,
}

impl Tally {
    /// The tally of one state.
    fn of(state: &ActionState, as_of: NaiveDate) -> Self {
        let mut tally = Tally {
            delayed: usize::from(state.is_delayed(as_of)),
            ..Tally::default()
        };
        if let Some(slot) = Status::ALL.iter().position(|s| *s == state.status) {
            tally.statuses[slot] = 1;
        }
        if !state.is_applicable() {
            return tally;
        }
        tally.milestones = usize::from(state.has_milestones());
        tally.reported = usize::from(state.is_reported(as_of));
        // `weighted_mean` leaves out what weighs nothing; an applicable action has both values.
        if let (true, Some(actual), Some(expected)) = (
            state.weight > 0.0,
            state.progress(as_of),
            state.expected(as_of),
        ) {
            tally.weight = state.weight;
            tally.actual = actual * state.weight;
            tally.expected = expected * state.weight;
        }
        tally
    }

    /// Counts `other` in: the sums are added in the order the tallies come.
    fn add(&mut self, other: &Tally) {
        self.weight += other.weight;
        self.actual += other.actual;
        self.expected += other.expected;
        self.milestones += other.milestones;
        self.reported += other.reported;
        for (mine, theirs) in self.statuses.iter_mut().zip(other.statuses) {
            *mine += theirs;
        }
        self.delayed += other.delayed;
    }

    /// `country_progress` over the actions tallied.
    fn progress(&self) -> Option<Progress> {
        (self.weight > 0.0).then(|| Progress {
            actual: self.actual / self.weight,
            expected: self.expected / self.weight,
        })
    }

    fn basis(&self, countries: usize) -> Basis {
        Basis {
            countries,
            milestones: self.milestones,
            reported: self.reported,
        }
    }
}

/// Where each action of a structure is tallied: the index of its theme among the themes shown,
/// none for an action of a theme not shown (counted nowhere).
#[derive(Clone, Debug)]
pub struct ThemeSlots {
    themes: usize,
    of_actions: Vec<Option<usize>>,
}

impl ThemeSlots {
    /// The slots of `actions` (in their order) among `themes`.
    pub fn of(themes: &[ThemeRef], actions: &[ActionRef]) -> Self {
        ThemeSlots {
            themes: themes.len(),
            of_actions: (actions.iter())
                .map(|a| themes.iter().position(|t| t.id == a.theme_id))
                .collect(),
        }
    }
}

/// What one country's actions in scope add up to on a day: over them all, and in each theme shown.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Tallies {
    all: Tally,
    themes: Vec<Tally>,
}

impl Tallies {
    /// The tallies on `as_of` of `row`, the states of the actions `slots` places, in their order
    /// (none where an action has no state): over those of the themes shown, and in each of them.
    pub fn of<'a>(
        slots: &ThemeSlots,
        row: impl IntoIterator<Item = Option<&'a ActionState>>,
        as_of: NaiveDate,
    ) -> Self {
        let mut tallies = Tallies {
            all: Tally::default(),
            themes: vec![Tally::default(); slots.themes],
        };
        for (state, slot) in row.into_iter().zip(&slots.of_actions) {
            let (Some(state), Some(slot)) = (state, slot) else {
                continue;
            };
            let one = Tally::of(state, as_of);
            tallies.all.add(&one);
            tallies.themes[*slot].add(&one);
        }
        tallies
    }
}

/// The regional figures on `as_of` over the structure's themes (all, or the one it was narrowed to)
/// and countries; its actions are those of its themes (`Snapshot::structure`): an action of
/// another theme would count nowhere.
pub fn regional(structure: &Structure, states: &States, as_of: NaiveDate) -> RegionalFigures {
    let slots = ThemeSlots::of(&structure.themes, &structure.actions);
    debug_assert!(
        slots.of_actions.iter().all(Option::is_some),
        "every action is of a theme shown"
    );
    let tallies = parallel::map(structure.countries.len(), |country| {
        Tallies::of(&slots, states.of_country(country), as_of)
    });
    regional_of(structure, &tallies.iter().collect::<Vec<_>>(), as_of)
}

/// The regional figures on `as_of` over the structure's themes and countries, from each country's
/// `tallies` over those themes (`Tallies::of`), in the structure's order.
pub fn regional_of(
    structure: &Structure,
    tallies: &[&Tallies],
    as_of: NaiveDate,
) -> RegionalFigures {
    let everywhere = structure.countries.len();
    let themes: Vec<ThemeFigure> = structure
        .themes
        .iter()
        .enumerate()
        .map(|(index, theme)| {
            let mut region = Tally::default();
            for country in tallies {
                region.add(&country.themes[index]);
            }
            ThemeFigure {
                code: theme.code.clone(),
                name: theme.name.clone(),
                progress: regional_progress(tallies.iter().map(|t| t.themes[index].progress())),
                basis: region.basis(everywhere),
            }
        })
        .collect();
    let mut countries: Vec<CountryFigure> = structure
        .countries
        .iter()
        .zip(tallies)
        .map(|(c, country)| CountryFigure {
            iso2: c.iso2.clone(),
            name: c.name.clone(),
            progress: country.all.progress(),
            basis: country.all.basis(1),
        })
        .collect();
    countries.sort_by(|a, b| {
        let actual = |f: &CountryFigure| f.progress.map_or(-1.0, |p| p.actual);
        actual(b).total_cmp(&actual(a))
    });
    let mut region = Tally::default();
    for country in tallies {
        region.add(&country.all);
    }
    RegionalFigures {
        as_of,
        regional: regional_progress(countries.iter().map(|c| c.progress)),
        regional_basis: region.basis(everywhere),
        heatmap: heatmap(structure, tallies),
        status_mix: status_mix(structure, tallies),
        themes,
        countries,
    }
}

/// Each country's actual progress in each theme, where it has reported on the theme.
fn heatmap(structure: &Structure, tallies: &[&Tallies]) -> Vec<HeatRow> {
    structure
        .countries
        .iter()
        .zip(tallies)
        .map(|(c, country)| HeatRow {
            iso2: c.iso2.clone(),
            name: c.name.clone(),
            cells: (country.themes.iter())
                .map(|theme| theme.basis(1).actual(theme.progress()))
                .collect(),
        })
        .collect()
}

/// How many of each theme's country × action pairs stand in each status, and are delayed.
fn status_mix(structure: &Structure, tallies: &[&Tallies]) -> Vec<StatusMix> {
    structure
        .themes
        .iter()
        .enumerate()
        .map(|(index, theme)| {
            let mut region = Tally::default();
            for country in tallies {
                region.add(&country.themes[index]);
            }
            StatusMix {
                code: theme.code.clone(),
                name: theme.name.clone(),
                counts: region.statuses.to_vec(),
                delayed: region.delayed,
            }
        })
        .collect()
}

/// One country's part of the regional dashboard's figures on a day, over the themes shown: its
/// tallies over their actions, and its projection over them to the plan's end at its pace over all
/// its actions (`None` when it has no applicable action in them that weighs anything). A country's
/// part follows from its own states alone, so a save in one country leaves the others' standing.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CountryPart {
    pub tallies: Tallies,
    pub projected: Option<Vec<ProjectedDay>>,
}

impl CountryPart {
    /// The part on `as_of` of the country whose `states` those are, alone in them, over every
    /// action of the plan that day (the pace is over them all), placed in the themes shown by
    /// `slots`; projected on `days` (`projection_days`) in the plan from `plan_start`.
    pub fn of(
        states: &States,
        slots: &ThemeSlots,
        plan_start: NaiveDate,
        as_of: NaiveDate,
        days: &[NaiveDate],
    ) -> Self {
        debug_assert_eq!(states.countries.len(), 1, "a part is one country's");
        let in_scope = |at: usize| slots.of_actions[at].is_some();
        CountryPart {
            tallies: Tallies::of(slots, states.of_country(0), as_of),
            projected: projected_on_days(
                states.cells_of_country(0),
                in_scope,
                plan_start,
                as_of,
                days,
            ),
        }
    }
}

/// A country's outlook (`progress::outlook`) over its actions in a structure, with the ids of
/// those actions in the order the outlook indexes them.
#[derive(Clone, Debug, PartialEq)]
pub struct CountryOutlook {
    pub country: CountryRef,
    pub actions: Vec<i32>,
    pub outlook: Outlook,
}

/// Each country's outlook on `as_of` over every action of `structure`, from its states then
/// (taken: each outlook projects its country's own).
pub fn outlooks(
    structure: &Structure,
    states: States,
    plan_start: NaiveDate,
    as_of: NaiveDate,
) -> Vec<CountryOutlook> {
    debug_assert_eq!(
        (states.countries.len(), states.width),
        (structure.countries.len(), structure.actions.len()),
        "the states are of the structure"
    );
    let countries = states.into_countries(structure);
    parallel::map_owned(countries, |index, (actions, own)| CountryOutlook {
        country: structure.countries[index].clone(),
        outlook: outlook(own, plan_start, as_of),
        actions,
    })
}

/// A projection in words: "48 % (41–55 %)".
pub fn projected_range(lang: Lang, projected: Projected) -> String {
    t_args(
        lang,
        "chart-projected-value",
        &[
            ("central", format_percent(lang, projected.central).into()),
            ("low", format_percent(lang, projected.low).into()),
            ("high", format_percent(lang, projected.high).into()),
        ],
    )
}

/// A day of the projection to the plan's end: the regional projected progress (the mean over
/// the countries, like regional progress) and the share expected by then.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ProjectionPoint {
    pub day: NaiveDate,
    pub projected: Projected,
    pub expected: Option<f64>,
}

/// The projection of the countries of `structure` from their `states` on `as_of`, each at its
/// pace over all its actions (`progress::outlook`), over the actions `in_scope` keeps: at the end
/// of each month after `as_of` up to the plan's end (`plan_end` the last day). Empty when no
/// country can be projected yet.
pub fn projection(
    (structure, states): (&Structure, &States),
    plan_start: NaiveDate,
    in_scope: impl Fn(i32) -> bool + Sync + Send,
    as_of: NaiveDate,
    plan_end: NaiveDate,
) -> Vec<ProjectionPoint> {
    let days = projection_days(as_of, plan_end);
    // Each country's projections on every one of those days, computed in one pass.
    let countries: Vec<Option<Vec<ProjectedDay>>> =
        parallel::map(structure.countries.len(), |index| {
            let own = states.cells_of_country(index);
            let in_scope = |at: usize| in_scope(structure.actions[at].id);
            projected_on_days(own, in_scope, plan_start, as_of, &days)
        });
    let projected: Vec<&[ProjectedDay]> = countries.iter().filter_map(Option::as_deref).collect();
    projection_of(&days, &projected)
}

/// The days a projection from `as_of` is drawn at: the end of each month after it up to the
/// plan's end (`plan_end` the last day).
pub fn projection_days(as_of: NaiveDate, plan_end: NaiveDate) -> Vec<NaiveDate> {
    (month_ends(as_of, plan_end).into_iter())
        .filter(|day| *day > as_of)
        .collect()
}

/// The regional projection on `days` (`projection_days`) from the projections of the countries
/// that have one (`projected_on_days` on those days).
pub fn projection_of(days: &[NaiveDate], countries: &[&[ProjectedDay]]) -> Vec<ProjectionPoint> {
    days.iter()
        .enumerate()
        .filter_map(|(index, day)| {
            let projected =
                regional_projected(countries.iter().map(|country| country[index].projected))?;
            let expected = mean(countries.iter().map(|country| country[index].expected));
            Some(ProjectionPoint {
                day: *day,
                projected,
                expected,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::MilestoneState;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn state(status: Status, achieved: Option<&str>) -> ActionState {
        ActionState {
            status,
            weight: 1.0,
            end_year: 2029,
            milestones: vec![
                MilestoneState {
                    due_on: day("2025-12-31"),
                    weight: 1.0,
                    achieved_on: achieved.map(day),
                },
                MilestoneState {
                    due_on: day("2027-12-31"),
                    weight: 1.0,
                    achieved_on: None,
                },
            ],
        }
    }

    /// The states of `pairs` ((country id, action id), state) in `structure`'s table.
    fn states<const N: usize>(
        structure: &Structure,
        pairs: [((i32, i32), ActionState); N],
    ) -> States {
        let by_ids = std::collections::HashMap::from(pairs);
        States::of(structure, |country| {
            structure
                .actions
                .iter()
                .map(|action| by_ids.get(&(country.id, action.id)).cloned())
                .collect::<Vec<_>>()
        })
    }

    /// Two themes of one action each, two countries: A reached theme 1's first milestone in March
    /// 2025, B in March 2026; B cancelled theme 2's action.
    fn fixture() -> (Structure, States) {
        let name = |text: &str| Bilingual::new(text, text);
        let structure = Structure {
            themes: vec![
                ThemeRef {
                    id: 1,
                    code: "1".into(),
                    name: name("One"),
                },
                ThemeRef {
                    id: 2,
                    code: "2".into(),
                    name: name("Two"),
                },
            ],
            actions: vec![
                ActionRef {
                    id: 10,
                    theme_id: 1,
                },
                ActionRef {
                    id: 20,
                    theme_id: 2,
                },
            ],
            countries: vec![
                CountryRef {
                    id: 1,
                    iso2: "AA".into(),
                    name: name("A"),
                },
                CountryRef {
                    id: 2,
                    iso2: "BB".into(),
                    name: name("B"),
                },
            ],
        };
        let states = states(
            &structure,
            [
                ((1, 10), state(Status::InProgress, Some("2025-03-01"))),
                ((1, 20), state(Status::NotStarted, None)),
                ((2, 10), state(Status::InProgress, Some("2026-03-01"))),
                ((2, 20), state(Status::Cancelled, None)),
            ],
        );
        (structure, states)
    }

    #[test]
    fn regional_figures_by_hand() {
        let (structure, states) = fixture();
        let figures = regional(&structure, &states, day("2026-06-30"));
        // Theme 1: both countries have ½ of their milestones, ½ expected (the first is due).
        assert_eq!(
            figures.themes[0].progress,
            Some(Progress {
                actual: 0.5,
                expected: 0.5
            })
        );
        // Theme 2: only A counts (B cancelled): nothing achieved, ½ expected.
        assert_eq!(
            figures.themes[1].progress,
            Some(Progress {
                actual: 0.0,
                expected: 0.5
            })
        );
        // A: (½ + 0) ÷ 2 = ¼; B: ½ over its one applicable action. B first.
        assert_eq!(figures.countries[0].iso2, "BB");
        assert_eq!(figures.countries[0].progress.unwrap().actual, 0.5);
        assert_eq!(figures.countries[1].progress.unwrap().actual, 0.25);
        // Regional: the mean of the countries, (¼ + ½) ÷ 2.
        assert_eq!(figures.regional.unwrap().actual, 0.375);
        assert_eq!(figures.heatmap[1].cells, [Some(0.5), None]);
        // Theme 2: one not started (A, delayed: its first milestone is past due), one cancelled.
        let mix = &figures.status_mix[1];
        assert_eq!(mix.counts, [1, 0, 0, 0, 1, 0]);
        assert_eq!(mix.delayed, 1);
    }

    /// The states of `structure`'s countries and actions as `table` holds them.
    fn states_from(structure: &Structure, table: &States) -> States {
        States::of(structure, |country| {
            (structure.actions.iter())
                .map(|action| table.get(country.id, action.id).cloned())
                .collect::<Vec<_>>()
        })
    }

    #[test]
    fn the_countries_parts_add_up_to_the_regional_figures_and_projection() {
        let (structure, table) = fixture();
        // The same states but A's of action 20, which it has none of.
        let with_gap = states(
            &structure,
            [
                ((1, 10), state(Status::InProgress, Some("2025-03-01"))),
                ((2, 10), state(Status::InProgress, Some("2026-03-01"))),
                ((2, 20), state(Status::Cancelled, None)),
            ],
        );
        let (as_of, plan_start, plan_end) =
            (day("2026-06-30"), day("2024-01-01"), day("2029-12-31"));
        let days = projection_days(as_of, plan_end);
        for (table, theme) in [&table, &with_gap]
            .into_iter()
            .flat_map(|table| [None, Some("1"), Some("2")].map(|theme| (table, theme)))
        {
            let shown: Vec<ThemeRef> = (structure.themes.iter())
                .filter(|t| theme.is_none_or(|code| t.code == code))
                .cloned()
                .collect();
            let narrowed = Structure {
                actions: (structure.actions.iter())
                    .filter(|a| shown.iter().any(|t| t.id == a.theme_id))
                    .cloned()
                    .collect(),
                themes: shown.clone(),
                ..structure.clone()
            };
            // Each country's part from its states alone, over every action of the plan.
            let slots = ThemeSlots::of(&shown, &structure.actions);
            let parts: Vec<CountryPart> = (structure.countries.iter())
                .map(|country| {
                    let alone = Structure {
                        countries: vec![country.clone()],
                        ..structure.clone()
                    };
                    let own = states_from(&alone, table);
                    CountryPart::of(&own, &slots, plan_start, as_of, &days)
                })
                .collect();
            let tallies: Vec<&Tallies> = parts.iter().map(|part| &part.tallies).collect();
            let figures = regional_of(&narrowed, &tallies, as_of);
            let expected = regional(&narrowed, &states_from(&narrowed, table), as_of);
            assert_eq!(figures, expected, "{theme:?}");
            let projected: Vec<&[ProjectedDay]> = (parts.iter())
                .filter_map(|part| part.projected.as_deref())
                .collect();
            let in_scope = |id: i32| narrowed.actions.iter().any(|a| a.id == id);
            let whole = projection((&structure, table), plan_start, in_scope, as_of, plan_end);
            assert_eq!(projection_of(&days, &projected), whole, "{theme:?}");
            // Theme 1 has both countries' milestones reached: they are projected.
            if theme != Some("2") {
                assert!(!whole.is_empty(), "{theme:?}: the countries are projected");
            }
        }
        // By hand, as in `regional_figures_by_hand`: theme 1 alone, A at ½; theme 2 alone, A's
        // not started action alone counts.
        let part = |theme: &str| {
            let shown: Vec<ThemeRef> = (structure.themes.iter())
                .filter(|t| t.code == theme)
                .cloned()
                .collect();
            let alone = Structure {
                countries: vec![structure.countries[0].clone()],
                ..structure.clone()
            };
            let slots = ThemeSlots::of(&shown, &structure.actions);
            CountryPart::of(
                &states_from(&alone, &table),
                &slots,
                plan_start,
                as_of,
                &days,
            )
        };
        let a_in_1 = part("1").tallies;
        assert_eq!(a_in_1.all.progress().map(|p| p.actual), Some(0.5));
        assert_eq!(a_in_1.themes.len(), 1);
        let a_in_2 = part("2").tallies;
        assert_eq!(a_in_2.all.progress().map(|p| p.actual), Some(0.0));
        assert_eq!(a_in_2.all.statuses.iter().sum::<usize>(), 1);
    }

    #[test]
    fn each_figure_counts_the_milestones_and_reports_it_stands_on() {
        let (structure, states) = fixture();
        let figures = regional(&structure, &states, day("2026-06-30"));
        let basis = |countries, milestones, reported| Basis {
            countries,
            milestones,
            reported,
        };
        // Theme 1: both countries' actions have milestones and are under way.
        assert_eq!(figures.themes[0].basis, basis(2, 2, 2));
        assert!(figures.themes[0].basis.is_measured());
        // Theme 2: B cancelled its action, A never started its own nor reached a milestone.
        let theme_2 = figures.themes[1].basis;
        assert_eq!(theme_2, basis(2, 1, 0));
        assert_eq!(theme_2.gap_keys(), ["basis-none-reported"]);
        let progress = figures.themes[1].progress;
        assert_eq!(theme_2.actual(progress), None);
        assert_eq!(theme_2.expected(progress), None);
        assert_eq!(theme_2.schedule(progress), None);
        // A's cell in theme 2 says nothing rather than 0 %.
        assert_eq!(figures.heatmap[0].cells, [Some(0.5), None]);
        // B (first) over its one applicable action; A over two, one reported.
        assert_eq!(figures.countries[0].basis, basis(1, 1, 1));
        assert_eq!(figures.countries[1].basis, basis(1, 2, 1));
        assert_eq!(figures.regional_basis, basis(2, 3, 2));
        let region = figures.regional;
        assert_eq!(figures.regional_basis.actual(region), Some(0.375));
        assert_eq!(
            figures.regional_basis.schedule(region),
            region.map(|p| p.schedule())
        );
        assert!(figures.regional_basis.gap_keys().is_empty());
    }

    fn bare(status: Status) -> ActionState {
        ActionState {
            status,
            weight: 1.0,
            end_year: 2029,
            milestones: Vec::new(),
        }
    }

    #[test]
    fn a_plan_without_milestones_nor_reports_says_so_instead_of_on_track() {
        let (structure, _) = fixture();
        let states = states(
            &structure,
            [
                ((1, 10), bare(Status::NotStarted)),
                ((1, 20), bare(Status::NotStarted)),
                ((2, 10), bare(Status::NotStarted)),
                ((2, 20), bare(Status::NotApplicable)),
            ],
        );
        let figures = regional(&structure, &states, day("2026-06-30"));
        // The formulas give 0 % achieved against 0 % expected, which the schedule calls on track.
        let progress = figures.regional.unwrap();
        assert_eq!((progress.actual, progress.expected), (0.0, 0.0));
        let basis = figures.regional_basis;
        assert_eq!(
            basis,
            Basis {
                countries: 2,
                milestones: 0,
                reported: 0
            }
        );
        assert_eq!(basis.schedule(figures.regional), None);
        assert_eq!(basis.actual(figures.regional), None);
        assert_eq!(
            basis.gap_keys(),
            ["basis-no-milestones", "basis-none-reported"]
        );
        // A country's figure has not reported, rather than no country.
        assert_eq!(
            figures.countries[0].basis.gap_keys(),
            ["basis-no-milestones", "basis-not-reported"]
        );
        assert!(figures
            .heatmap
            .iter()
            .all(|row| row.cells.iter().all(Option::is_none)));
        assert_eq!(
            basis.schedule_words(figures.regional, Lang::En).as_deref(),
            Some("No milestones defined yet · No country has reported yet")
        );
        // A figure without progress (no applicable action) is said as before.
        assert_eq!(basis.schedule_words(None, Lang::En), None);
    }

    #[test]
    fn without_milestones_the_statuses_give_progress_but_no_schedule_status() {
        let (structure, _) = fixture();
        let states = states(
            &structure,
            [
                ((1, 10), bare(Status::InProgress)),
                ((1, 20), bare(Status::NotStarted)),
                ((2, 10), bare(Status::Completed)),
                ((2, 20), bare(Status::NotStarted)),
            ],
        );
        let figures = regional(&structure, &states, day("2026-06-30"));
        // A: (½ + 0) ÷ 2 = ¼; B: (1 + 0) ÷ 2 = ½; the region (¼ + ½) ÷ 2.
        let basis = figures.regional_basis;
        assert_eq!(basis.actual(figures.regional), Some(0.375));
        assert_eq!(basis.expected(figures.regional), None);
        assert_eq!(basis.schedule(figures.regional), None);
        assert_eq!(basis.gap_keys(), ["basis-no-milestones"]);
        assert_eq!(
            basis.schedule_words(figures.regional, Lang::Es).as_deref(),
            Some("Aún no hay hitos definidos")
        );
        // Theme 2 nobody started: neither milestones nor reports.
        assert_eq!(
            figures.themes[1].basis.gap_keys(),
            ["basis-no-milestones", "basis-none-reported"]
        );
        assert_eq!(figures.heatmap[0].cells, [Some(0.5), None]);
        assert_eq!(figures.heatmap[1].cells, [Some(1.0), None]);
    }

    #[test]
    fn a_milestone_reached_counts_as_a_report_from_its_day() {
        let (structure, _) = fixture();
        // A never marked its theme 2 action started, but reached its first milestone in May 2026.
        let states = states(
            &structure,
            [
                ((1, 10), state(Status::InProgress, Some("2025-03-01"))),
                ((1, 20), state(Status::NotStarted, Some("2026-05-01"))),
                ((2, 10), state(Status::InProgress, Some("2026-03-01"))),
                ((2, 20), state(Status::Cancelled, None)),
            ],
        );
        let before = regional(&structure, &states, day("2026-04-30"));
        assert_eq!(before.themes[1].basis.reported, 0);
        let after = regional(&structure, &states, day("2026-05-01"));
        assert_eq!(after.themes[1].basis.reported, 1);
        assert_eq!(
            after.themes[1].basis.schedule(after.themes[1].progress),
            after.themes[1].progress.map(|p| p.schedule())
        );
    }

    #[test]
    fn what_a_figure_lacks_is_said_in_both_languages() {
        let nothing = |countries| Basis {
            countries,
            milestones: 0,
            reported: 0,
        };
        assert_eq!(
            nothing(11).gaps(Lang::En),
            "No milestones defined yet · No country has reported yet"
        );
        assert_eq!(
            nothing(11).gaps(Lang::Es),
            "Aún no hay hitos definidos · Ningún país ha informado aún"
        );
        assert_eq!(
            nothing(1).gaps(Lang::En),
            "No milestones defined yet · Not reported yet"
        );
        assert_eq!(
            nothing(1).gaps(Lang::Es),
            "Aún no hay hitos definidos · Aún sin informar"
        );
        let measured = Basis {
            countries: 1,
            milestones: 3,
            reported: 1,
        };
        assert_eq!(measured.gaps(Lang::En), "");
        let on_track = Some(Progress {
            actual: 0.5,
            expected: 0.5,
        });
        assert_eq!(
            measured.schedule_words(on_track, Lang::Es).as_deref(),
            Some("En buen camino")
        );
    }

    #[test]
    fn a_trajectory_is_drawn_at_each_months_end_and_the_as_of_date() {
        assert_eq!(
            month_ends(day("2025-01-01"), day("2025-03-15")),
            [day("2025-01-31"), day("2025-02-28"), day("2025-03-15")]
        );
        assert_eq!(
            month_ends(day("2025-01-01"), day("2025-02-28")),
            [day("2025-01-31"), day("2025-02-28")]
        );
        assert_eq!(
            month_ends(day("2025-01-01"), day("2025-01-01")),
            [day("2025-01-01")]
        );
    }

    #[test]
    fn a_milestone_achieved_after_the_as_of_date_does_not_count() {
        let (structure, states) = fixture();
        let before = regional(&structure, &states, day("2025-12-31"));
        // On the last day of 2025 B had not yet reached its milestone (March 2026).
        assert_eq!(before.heatmap[0].cells[0], Some(0.5));
        assert_eq!(before.heatmap[1].cells[0], Some(0.0));
        assert_eq!(before.themes[0].progress.unwrap().actual, 0.25);
    }

    #[test]
    fn an_action_without_a_state_counts_nowhere_and_is_not_projected() {
        let (structure, _) = fixture();
        let with_gap = states(
            &structure,
            [
                ((1, 10), state(Status::InProgress, Some("2025-03-01"))),
                ((2, 10), state(Status::InProgress, Some("2026-03-01"))),
                ((2, 20), state(Status::InProgress, None)),
            ],
        );
        // The same countries without the action A lacks a state of.
        let narrowed = Structure {
            actions: structure.actions[..1].to_vec(),
            ..structure.clone()
        };
        let only_10 = states(
            &narrowed,
            [
                ((1, 10), state(Status::InProgress, Some("2025-03-01"))),
                ((2, 10), state(Status::InProgress, Some("2026-03-01"))),
            ],
        );
        assert_eq!(with_gap.get(1, 20), None);
        assert!(with_gap.get(2, 20).is_some());
        assert_eq!(
            with_gap
                .of_country(0)
                .map(|s| s.is_some())
                .collect::<Vec<_>>(),
            [true, false]
        );
        let as_of = day("2026-06-30");
        let a =
            |figures: &RegionalFigures| figures.countries.iter().find(|c| c.iso2 == "AA").cloned();
        let a_with_gap = a(&regional(&structure, &with_gap, as_of)).unwrap();
        let a_alone = a(&regional(&narrowed, &only_10, as_of)).unwrap();
        assert_eq!(a_with_gap.progress, a_alone.progress);
        assert_eq!(a_with_gap.basis, a_alone.basis);
        // Theme 2's statuses count B's state alone, not A's gap as "not applicable".
        let mix = &regional(&structure, &with_gap, as_of).status_mix[1];
        assert_eq!(mix.counts.iter().sum::<usize>(), 1);
        // Both countries projected over the column neither has a state of, and without it.
        let gaps_in_both = states(
            &structure,
            [
                ((1, 10), state(Status::InProgress, Some("2025-03-01"))),
                ((2, 10), state(Status::InProgress, Some("2026-03-01"))),
            ],
        );
        let plan_start = day("2024-01-01");
        let plan_end = day("2029-12-31");
        let projected = projection(
            (&structure, &gaps_in_both),
            plan_start,
            |_| true,
            as_of,
            plan_end,
        );
        assert!(!projected.is_empty());
        assert_eq!(
            projected,
            projection((&narrowed, &only_10), plan_start, |_| true, as_of, plan_end)
        );
        // What is out of scope is left out by its id.
        assert_eq!(
            projected,
            projection(
                (&structure, &gaps_in_both),
                plan_start,
                |id| id == 10,
                as_of,
                plan_end
            )
        );
        let outlooks = outlooks(&structure, with_gap, plan_start, as_of);
        assert_eq!(outlooks[0].actions, [10]);
        assert_eq!(outlooks[0].outlook.central().len(), 1);
        assert_eq!(outlooks[1].actions, [10, 20]);
        assert_eq!(outlooks[1].outlook.central().len(), 2);
    }
}
