//! The outlook assumes that a country goes on reaching its remaining milestones, in the order they
//! fall due, at its pace of the last twelve months (the milestone weight it achieved in them, or
//! since the plan began when that is shorter), and never before their due date plus its usual delay
//! (the median delay of its milestones due in the last twelve months). The range around this
//! projection comes from the slowest and the fastest of the same paces measured one month earlier,
//! two months earlier, and so on back to the plan's start.
//!
//! Pure, like the rest of `progress`: the central projection is the actions with each remaining
//! milestone's `achieved_on` set to its projected day, so that the progress formulas give the
//! projected progress on any later day; the slow and fast projections are only those days, as day
//! numbers.

use chrono::{Datelike, Days, Duration, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{mean, ActionState, MilestoneState, WeightedSum};
use crate::domain::Status;

/// Days in an average month: paces are in milestone weight a month.
const MONTH_DAYS: f64 = 365.25 / 12.0;

/// The pace is measured over the last twelve months, and lateness over the milestones due in them.
const PACE_WINDOW_DAYS: i64 = 365;

/// Over fewer days than this, what a country achieved says too little about its pace.
const SHORTEST_WINDOW_DAYS: i64 = 90;

/// A milestone projected more than this many days after its due date is warned of.
pub const SLIP_WARNING_DAYS: i64 = 90;

/// Where a country's actions are headed at its current pace, as of a day.
#[derive(Clone, Debug, PartialEq)]
pub struct Outlook {
    /// What was achieved by this day is known; anything later is projected.
    pub as_of: NaiveDate,
    /// The central pace, in milestone weight a month; `None` when it is too early to tell, and then
    /// nothing is projected.
    pub pace: Option<f64>,
    /// The slowest and fastest of the paces measured the same way on the same day of each earlier
    /// month, back to the plan's start (the central one among them).
    pub slowest: Option<f64>,
    pub fastest: Option<f64>,
    /// How many days after their due dates the country's milestones are usually reached.
    pub lateness_days: i64,
    /// The latest day a milestone (weighing something) of an applicable action was achieved, up to
    /// `as_of`.
    pub last_achieved: Option<NaiveDate>,
    /// The actions projected at the central pace (private: `range` follows their milestones).
    central: Vec<ActionState>,
    /// The days the milestones of `central` are reached at the slowest and fastest paces.
    range: Range,
}

/// The day each milestone is reached in the slow and in the fast projection, in days from the
/// common era (`day_number`), the milestones of all the actions one after the other: two copies of
/// the actions would cost a country's thousand actions two thousand allocations more, on every
/// outlook of every page, and making dates of those days took a sixth of the outlook's time.
#[derive(Clone, Debug, PartialEq)]
struct Range {
    /// Where each action's milestones start in `slow` and `fast`.
    starts: Vec<usize>,
    slow: Vec<Option<i64>>,
    fast: Vec<Option<i64>>,
}

/// Projected progress on a day: the actual progress of the slow, central and fast projections.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Projected {
    pub low: f64,
    pub central: f64,
    pub high: f64,
}

/// When an action is projected to be complete, in the central projection.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Completion {
    /// Completed, or all its milestones achieved.
    Done,
    /// The day its last milestone is projected to be reached.
    On(NaiveDate),
    /// Some of its milestones are never reached at this pace.
    NotAtThisPace,
    /// Not projected: not applicable, without milestones that weigh something, too early to tell,
    /// or no such action.
    NotProjected,
}

/// Something the central projection says will come late.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Warning {
    /// A milestone projected to be reached more than `SLIP_WARNING_DAYS` after its due date, or not
    /// at all at this pace.
    Milestone {
        action: usize,
        milestone: usize,
        due_on: NaiveDate,
        projected: Option<NaiveDate>,
        reason: Reason,
    },
    /// An action that will not be complete by the plan's end at this pace.
    Action {
        action: usize,
        projected: Option<NaiveDate>,
        reason: Reason,
    },
}

/// What sets a warned date.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// No milestone of an applicable action achieved yet.
    NothingAchievedYet,
    /// No milestone achieved in the last `months` whole months (from the last one achieved to the
    /// as-of date).
    NoneAchievedFor { months: u32 },
    /// The country's milestones are reached this many days after their due dates (median), and
    /// that sets the date.
    Late { days: i64 },
    /// At `per_month` (milestone weight a month) the `remaining` milestones of the whole country
    /// take too long.
    TooSlow { per_month: f64, remaining: usize },
}

/// The milestones that count: those weighing something, of applicable actions, with the index of
/// their action and their own.
fn weighed_milestones(
    actions: &[ActionState],
) -> impl Iterator<Item = (usize, usize, &MilestoneState)> + '_ {
    actions
        .iter()
        .enumerate()
        .filter(|(_, action)| action.is_applicable())
        .flat_map(|(action, state)| {
            state
                .milestones
                .iter()
                .enumerate()
                .filter(|(_, m)| m.weight > 0.0)
                .map(move |(index, m)| (action, index, m))
        })
}

/// The first day of the pace window ending on `end`: the 365 days up to and including `end`, none
/// of them before the plan's start.
fn window_start(plan_start: NaiveDate, end: NaiveDate) -> NaiveDate {
    end.checked_sub_signed(Duration::days(PACE_WINDOW_DAYS - 1))
        .map_or(plan_start, |start| start.max(plan_start))
}

/// The pace over the window ending on `end` (see `window_start`): the weight of the milestones
/// achieved in it ÷ its length in months. `None` when the window is shorter than 90 days.
pub fn pace(actions: &[ActionState], plan_start: NaiveDate, end: NaiveDate) -> Option<f64> {
    let start = window_start(plan_start, end);
    let days = (end - start).num_days() + 1;
    if days < SHORTEST_WINDOW_DAYS {
        return None;
    }
    // Summed from +0 (`sum` starts from −0): nothing achieved is a pace of 0, never shown as −0.
    let achieved = weighed_milestones(actions)
        .filter(|(_, _, m)| m.achieved_on.is_some_and(|day| start <= day && day <= end))
        .fold(0.0, |total, (_, _, m)| total + m.weight);
    Some(achieved / (days as f64 / MONTH_DAYS))
}

/// The paces of the windows ending on `as_of` and on each whole month before it, newest first, back
/// to the last window long enough to have one; empty when even the newest has none. Each is
/// `pace`, summed from the achievements sorted once, so that a long history costs a window a
/// search, not a pass over every milestone.
fn pace_history(actions: &[ActionState], plan_start: NaiveDate, as_of: NaiveDate) -> Vec<f64> {
    let achieved = sorted_by_day(
        weighed_milestones(actions)
            .filter_map(|(_, _, m)| Some((m.achieved_on?, m.weight)))
            .collect(),
        |(day, _)| *day,
    );
    // `reached[i]`: the weight of the first `i` achievements, from +0 as `pace` sums.
    let reached: Vec<f64> = std::iter::once(0.0)
        .chain(achieved.iter().scan(0.0, |total, (_, weight)| {
            *total += weight;
            Some(*total)
        }))
        .collect();
    let up_to = |day: NaiveDate| reached[achieved.partition_point(|(on, _)| *on <= day)];
    (0..)
        .map_while(|months| as_of.checked_sub_months(Months::new(months)))
        .map_while(|end| {
            let start = window_start(plan_start, end);
            let days = (end - start).num_days() + 1;
            if days < SHORTEST_WINDOW_DAYS {
                return None;
            }
            let before = start.pred_opt().map_or(0.0, up_to);
            Some((up_to(end) - before) / (days as f64 / MONTH_DAYS))
        })
        .collect()
}

/// How late the country reaches its milestones, in days: the median over the milestones due in the
/// 365 days up to `as_of` of the days from the due date to the day reached (to `as_of` for those
/// not reached yet, so that an overdue milestone counts as late as it is so far), none for those
/// reached early; 0 when none was due. A completed action's milestones count like any other: were
/// its unticked ones left out, or counted as on time, completing an action or ticking one late
/// could raise the median and push the country's other milestones later. Of an even count, the
/// mean of the two middle values, rounded down to whole days.
pub fn lateness_days(actions: &[ActionState], as_of: NaiveDate) -> i64 {
    let since = as_of
        .checked_sub_signed(Duration::days(PACE_WINDOW_DAYS))
        .unwrap_or(NaiveDate::MIN);
    let mut late: Vec<i64> = weighed_milestones(actions)
        .filter(|(_, _, m)| since < m.due_on && m.due_on <= as_of)
        .map(|(_, _, m)| {
            let reached = m.achieved_on.filter(|day| *day <= as_of).unwrap_or(as_of);
            (reached - m.due_on).num_days().max(0)
        })
        .collect();
    if late.is_empty() {
        return 0;
    }
    let (middle, even) = (late.len() / 2, late.len().is_multiple_of(2));
    // Only the middle is wanted: selected, not sorted (what comes before it is no larger).
    let (before, upper, _) = late.select_nth_unstable(middle);
    if even {
        let lower = before
            .iter()
            .copied()
            .max()
            .expect("an even count has a lower middle");
        (lower + *upper) / 2
    } else {
        *upper
    }
}

/// Whether an action's milestones are projected: an applicable action not completed.
fn is_under_way(action: &ActionState) -> bool {
    action.is_applicable() && action.status != Status::Completed
}

/// The milestones still to reach after `as_of`, in the order the country is assumed to reach them:
/// by due date, then by action and milestone.
fn remaining(actions: &[ActionState], as_of: NaiveDate) -> Vec<(usize, usize, &MilestoneState)> {
    let remaining = weighed_milestones(actions)
        .filter(|(action, _, m)| is_under_way(&actions[*action]) && !m.achieved_by(as_of))
        .collect();
    // They come by action and milestone: kept in that order on each day.
    sorted_by_day(remaining, |(_, _, m)| m.due_on)
}

/// `items` sorted by their `day`, those of one day in the order they come. Counted into the days
/// they span when those are not many more than the items (a plan's milestones fall in its few
/// years): a country's thousands of milestones are sorted so in a few passes, where comparing
/// them took a fifth of an outlook's time.
fn sorted_by_day<T: Copy>(mut items: Vec<T>, day: impl Fn(&T) -> NaiveDate) -> Vec<T> {
    let numbers: Vec<i64> = items.iter().map(|item| day_number(day(item))).collect();
    let (Some(&first), Some(&last)) = (numbers.iter().min(), numbers.iter().max()) else {
        return items;
    };
    let slot = |number: i64| {
        usize::try_from(number - first).expect("days of the calendar are fewer than a usize holds")
    };
    let span = slot(last);
    if span > 4 * items.len() + 1024 {
        items.sort_by_key(&day);
        return items;
    }
    // `next[slot]`: where the next item of that day goes, once the counts are summed.
    let mut next = vec![0; span + 2];
    for number in &numbers {
        next[slot(*number) + 1] += 1;
    }
    let mut total = 0;
    for count in &mut next {
        total += *count;
        *count = total;
    }
    let mut sorted = items.clone();
    for (item, number) in items.into_iter().zip(numbers) {
        let place = &mut next[slot(number)];
        sorted[*place] = item;
        *place += 1;
    }
    sorted
}

/// The milestones of an action that weigh something and were not achieved by `as_of`: in a
/// projection they carry their projected day, or none.
fn still_to_reach(
    action: &ActionState,
    as_of: NaiveDate,
) -> impl Iterator<Item = (usize, &MilestoneState)> + '_ {
    action
        .milestones
        .iter()
        .enumerate()
        .filter(move |(_, m)| m.weight > 0.0 && !m.achieved_by(as_of))
}

/// A due date plus the country's lateness; `None` beyond the calendar.
fn due_with_lateness(due_on: NaiveDate, lateness_days: i64) -> Option<NaiveDate> {
    due_on.checked_add_days(Days::new(lateness_days.max(0).unsigned_abs()))
}

/// The day a remaining milestone is projected to be reached, in days from the common era: when the
/// weight to reach up to and including it (`cumulative`) is achieved at `pace`, at least a day
/// after `as_of`, and no earlier than its due date plus the country's lateness. A projection over
/// many milestones compares these numbers without making dates of them (a number past the
/// calendar is past every day).
fn projected_day_number(
    as_of: i64,
    cumulative: f64,
    pace: f64,
    due_on: i64,
    lateness_days: i64,
) -> i64 {
    // Rounding keeps the day monotone in the weight and the pace. `as` saturates.
    let days = (cumulative / pace * MONTH_DAYS).round().max(1.0) as i64;
    as_of
        .saturating_add(days)
        .max(due_on.saturating_add(lateness_days.max(0)))
}

fn day_number(day: NaiveDate) -> i64 {
    i64::from(day.num_days_from_ce())
}

/// The day of a day number; `None` beyond the calendar.
fn date_of(number: i64) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(number).ok()?)
}

/// The actions projected at `pace` (milestone weight a month) with `lateness_days`: each remaining
/// milestone's `achieved_on` set to its projected day, or to none when `pace` is none or zero.
/// Milestones achieved by `as_of` keep their day; other actions are kept as they are. (The outlook
/// projects at its three paces at once, `projections`; this is the formula the tests state.)
#[cfg(test)]
fn project(
    actions: &[ActionState],
    as_of: NaiveDate,
    pace: Option<f64>,
    lateness_days: i64,
) -> Vec<ActionState> {
    projections(actions.to_vec(), as_of, [pace, None, None], lateness_days).0
}

/// `actions` projected at the `central` pace (`project`), and the days their milestones are
/// reached at the `slow` and `fast` ones: the milestones still to reach sorted once.
fn projections(
    mut actions: Vec<ActionState>,
    as_of: NaiveDate,
    [central, slow, fast]: [Option<f64>; 3],
    lateness_days: i64,
) -> (Vec<ActionState>, Range) {
    let starts: Vec<usize> = (actions.iter())
        .scan(0, |start, action| {
            let this = *start;
            *start += action.milestones.len();
            Some(this)
        })
        .collect();
    let achieved: Vec<Option<i64>> = (actions.iter())
        .flat_map(|action| (action.milestones.iter()).map(|m| m.achieved_on.map(day_number)))
        .collect();
    let to_reach: Vec<(usize, usize)> = (remaining(&actions, as_of).into_iter())
        .map(|(action, index, _)| (action, index))
        .collect();
    let mut range = Range {
        starts,
        slow: achieved.clone(),
        fast: achieved,
    };
    let as_of_number = day_number(as_of);
    let mut cumulative = 0.0;
    for (action, index) in to_reach {
        let milestone = &mut actions[action].milestones[index];
        cumulative += milestone.weight;
        let due_on = day_number(milestone.due_on);
        let on = |pace: Option<f64>| {
            let pace = pace.filter(|pace| *pace > 0.0)?;
            Some(projected_day_number(
                as_of_number,
                cumulative,
                pace,
                due_on,
                lateness_days,
            ))
        };
        let flat = range.starts[action] + index;
        range.slow[flat] = on(slow);
        range.fast[flat] = on(fast);
        milestone.achieved_on = on(central).and_then(date_of);
    }
    (actions, range)
}

/// The outlook of a country from all its actions, in the plan's order (warnings and completions
/// refer to actions by their index in `actions`).
pub fn outlook(actions: Vec<ActionState>, plan_start: NaiveDate, as_of: NaiveDate) -> Outlook {
    let [central_pace, slowest, fastest] = paces(&actions, plan_start, as_of);
    let lateness = lateness_days(&actions, as_of);
    let last_achieved = weighed_milestones(&actions)
        .filter_map(|(_, _, m)| m.achieved_on.filter(|day| *day <= as_of))
        .max();
    let (central, range) = projections(actions, as_of, [central_pace, slowest, fastest], lateness);
    Outlook {
        as_of,
        pace: central_pace,
        slowest,
        fastest,
        lateness_days: lateness,
        last_achieved,
        central,
        range,
    }
}

/// The central (the latest), slowest and fastest of the paces of `pace_history`.
fn paces(actions: &[ActionState], plan_start: NaiveDate, as_of: NaiveDate) -> [Option<f64>; 3] {
    let paces = pace_history(actions, plan_start, as_of);
    [
        paces.first().copied(),
        paces.iter().copied().reduce(f64::min),
        paces.iter().copied().reduce(f64::max),
    ]
}

/// A country's projections on a day after the as-of date, over some of its actions.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ProjectedDay {
    /// The actual progress of the slow, central and fast projections; `None` when it is too early
    /// to tell.
    pub projected: Option<Projected>,
    /// The progress expected by then.
    pub expected: f64,
}

/// What `country_progress` gives of the outlook's projections on each of `days` (after `as_of`,
/// in order) over the actions `in_scope` keeps (by index), without copying the actions: on those
/// days the progress reached by `as_of` counts whole, each milestone still to reach adds its step
/// to the actual progress from the day it is projected to, and each milestone its step to the
/// expected progress from its due date. `None` when no applicable action in scope weighs anything.
pub fn projected_on_days(
    actions: &[ActionState],
    in_scope: impl Fn(usize) -> bool,
    plan_start: NaiveDate,
    as_of: NaiveDate,
    days: &[NaiveDate],
) -> Option<Vec<ProjectedDay>> {
    debug_assert!(
        days.is_sorted() && days.first().is_none_or(|day| *day > as_of),
        "the days come in order after the as-of date"
    );
    // A step taken on `day` counts from the first of `days` not before it: it is added to that
    // day's slot, and each day's total is the sum of the slots up to its own.
    let slot = |day: NaiveDate| days.partition_point(|on| *on < day);
    let counted = actions.iter().enumerate().filter(|(index, action)| {
        in_scope(*index) && action.is_applicable() && action.weight > 0.0
    });
    let (mut weight, mut reached) = (0.0, 0.0);
    let mut due = vec![0.0; days.len() + 1];
    for (_, action) in counted {
        weight += action.weight;
        reached += action.weight * action.progress(as_of).unwrap_or(0.0);
        match action.milestone_weight() {
            Some(total) => {
                for m in &action.milestones {
                    due[slot(m.due_on)] += action.weight * m.weight.max(0.0) / total;
                }
            }
            None => {
                if let Some(after_end) = NaiveDate::from_ymd_opt(action.end_year + 1, 1, 1) {
                    due[slot(after_end)] += action.weight;
                }
            }
        }
    }
    if weight <= 0.0 {
        return None;
    }
    let paces = paces(actions, plan_start, as_of);
    let projections = paces[0].is_some().then(|| {
        let lateness = lateness_days(actions, as_of);
        let steps = projected_steps(actions, in_scope, as_of, (paces, lateness), days);
        steps.map(|steps| running_totals(reached, steps))
    });
    let expected = running_totals(0.0, due);
    Some(
        (0..days.len())
            .map(|day| ProjectedDay {
                projected: projections.as_ref().map(|[central, slow, fast]| Projected {
                    low: slow[day] / weight,
                    central: central[day] / weight,
                    high: fast[day] / weight,
                }),
                expected: expected[day] / weight,
            })
            .collect(),
    )
}

/// The steps the milestones still to reach add to the mean's sum in each slot of `days` (see
/// `projected_on_days`) at each of the outlook's `paces` with its `lateness`: the three in one
/// pass, in days from the common era. A milestone's step is its action's share of the sum per unit
/// of its milestones' weight, times its weight.
fn projected_steps(
    actions: &[ActionState],
    in_scope: impl Fn(usize) -> bool,
    as_of: NaiveDate,
    (paces, lateness): ([Option<f64>; 3], i64),
    days: &[NaiveDate],
) -> [Vec<f64>; 3] {
    let day_numbers: Vec<i64> = days.iter().map(|day| day_number(*day)).collect();
    let share: Vec<Option<f64>> = (actions.iter().enumerate())
        .map(|(index, action)| {
            let total =
                (action.milestone_weight()).filter(|_| in_scope(index) && action.weight > 0.0)?;
            Some(action.weight / total)
        })
        .collect();
    let as_of_number = day_number(as_of);
    let mut steps = [(); 3].map(|_| vec![0.0; days.len() + 1]);
    let mut cumulative = 0.0;
    for (action, _, milestone) in remaining(actions, as_of) {
        cumulative += milestone.weight;
        let Some(share) = share[action] else { continue };
        let due_on = day_number(milestone.due_on);
        for (steps, pace) in steps.iter_mut().zip(paces) {
            if let Some(pace) = pace.filter(|pace| *pace > 0.0) {
                let day = projected_day_number(as_of_number, cumulative, pace, due_on, lateness);
                steps[day_numbers.partition_point(|on| *on < day)] +=
                    share * milestone.weight.max(0.0);
            }
        }
    }
    steps
}

/// `start` plus the sum of `slots` up to each one.
fn running_totals(start: f64, slots: Vec<f64>) -> Vec<f64> {
    slots
        .into_iter()
        .scan(start, |total, slot| {
            *total += slot;
            Some(*total)
        })
        .collect()
}

/// Whole months from `from` to `to`, a month being from a day to the same day of the next month
/// (or that month's last day when it is shorter); 0 when `to` is not later.
fn whole_months(from: NaiveDate, to: NaiveDate) -> u32 {
    let month_number = |day: NaiveDate| i64::from(day.year()) * 12 + i64::from(day.month());
    let guess = u32::try_from(month_number(to) - month_number(from)).unwrap_or(0);
    if from
        .checked_add_months(Months::new(guess))
        .is_some_and(|day| day <= to)
    {
        guess
    } else {
        guess.saturating_sub(1)
    }
}

impl Outlook {
    /// Projected progress on `day` (meant for days from the as-of date on). `None` when it is too
    /// early to tell, or when no applicable action weighs anything.
    pub fn projected_on(&self, day: NaiveDate) -> Option<Projected> {
        let mut sums = [WeightedSum::default(); 3];
        for (index, state) in self.central.iter().enumerate() {
            if let Some(p) = self.action_projected(index, day) {
                for (sum, value) in sums.iter_mut().zip([p.low, p.central, p.high]) {
                    sum.add(value, state.weight);
                }
            }
        }
        let [low, central, high] = sums.map(|sum| sum.mean());
        Some(Projected {
            low: low?,
            central: central?,
            high: high?,
        })
    }

    /// The actions projected at the central pace, in the order of the outlook's actions.
    pub fn central(&self) -> &[ActionState] {
        &self.central
    }

    /// The progress of the action at index `action` on `day` (meant for days from the as-of date
    /// on) in the slow, central and fast projections. `None` when it is too early to tell, and
    /// for an action left out of the means or no such action.
    pub fn action_projected(&self, action: usize, day: NaiveDate) -> Option<Projected> {
        self.pace?;
        let state = self.central.get(action)?;
        let (start, number) = (self.range.starts[action], day_number(day));
        let on = |days: &[Option<i64>]| {
            state.progress_with(|index, _| days[start + index].is_some_and(|on| on <= number))
        };
        Some(Projected {
            low: on(&self.range.slow)?,
            central: state.progress(day)?,
            high: on(&self.range.fast)?,
        })
    }

    /// When the action at index `action` is projected to be complete, at the central pace.
    pub fn completion(&self, action: usize) -> Completion {
        let Some(state) = self.central.get(action) else {
            return Completion::NotProjected;
        };
        if state.status == Status::Completed {
            return Completion::Done;
        }
        if !state.is_applicable() || !state.has_milestones() {
            return Completion::NotProjected;
        }
        let mut to_reach = still_to_reach(state, self.as_of).peekable();
        if to_reach.peek().is_none() {
            return Completion::Done;
        }
        if self.pace.is_none() {
            return Completion::NotProjected;
        }
        match to_reach.try_fold(self.as_of, |latest, (_, m)| {
            Some(latest.max(m.achieved_on?))
        }) {
            Some(day) => Completion::On(day),
            None => Completion::NotAtThisPace,
        }
    }

    /// What the central projection says will come late: each milestone reached more than
    /// `SLIP_WARNING_DAYS` after its due date or not at all, then each action not complete by
    /// `plan_end`; by action, an action's milestones before the action itself. None when it is too
    /// early to tell.
    pub fn warnings(&self, plan_end: NaiveDate) -> Vec<Warning> {
        let Some(pace) = self.pace else {
            return Vec::new();
        };
        let remaining: usize = self
            .central
            .iter()
            .filter(|state| is_under_way(state))
            .map(|state| still_to_reach(state, self.as_of).count())
            .sum();
        let mut warnings = Vec::new();
        for (action, state) in self.central.iter().enumerate() {
            if !is_under_way(state) {
                continue;
            }
            for (milestone, m) in still_to_reach(state, self.as_of) {
                let slips = m
                    .achieved_on
                    .is_none_or(|day| (day - m.due_on).num_days() > SLIP_WARNING_DAYS);
                if slips {
                    warnings.push(Warning::Milestone {
                        action,
                        milestone,
                        due_on: m.due_on,
                        projected: m.achieved_on,
                        reason: self.reason(pace, remaining, [m], m.achieved_on),
                    });
                }
            }
            let projected = match self.completion(action) {
                Completion::NotAtThisPace => None,
                Completion::On(day) if day > plan_end => Some(day),
                _ => continue,
            };
            let last = still_to_reach(state, self.as_of).map(|(_, m)| m);
            let reason = self.reason(pace, remaining, last, projected);
            warnings.push(Warning::Action {
                action,
                projected,
                reason,
            });
        }
        warnings
    }

    /// Why `projected` is warned of: a country that achieved nothing in the last twelve months, or
    /// its lateness when that sets the day of one of `milestones` (those that could be reached
    /// last), or else its pace for the `remaining` milestones.
    fn reason<'a>(
        &self,
        pace: f64,
        remaining: usize,
        milestones: impl IntoIterator<Item = &'a MilestoneState>,
        projected: Option<NaiveDate>,
    ) -> Reason {
        if pace <= 0.0 {
            return match self.last_achieved {
                None => Reason::NothingAchievedYet,
                Some(day) => Reason::NoneAchievedFor {
                    months: whole_months(day, self.as_of),
                },
            };
        }
        let set_by_lateness = self.lateness_days > 0
            && projected.is_some_and(|day| {
                milestones
                    .into_iter()
                    .any(|m| due_with_lateness(m.due_on, self.lateness_days) == Some(day))
            });
        if set_by_lateness {
            Reason::Late {
                days: self.lateness_days,
            }
        } else {
            Reason::TooSlow {
                per_month: pace,
                remaining,
            }
        }
    }
}

/// Regional projected progress: the plain mean of each of low, central and high over the countries
/// that have a projection, like regional progress; `None` when none has.
pub fn regional_projected(
    countries: impl IntoIterator<Item = Option<Projected>>,
) -> Option<Projected> {
    let counted: Vec<Projected> = countries.into_iter().flatten().collect();
    Some(Projected {
        low: mean(counted.iter().map(|p| p.low))?,
        central: mean(counted.iter().map(|p| p.central))?,
        high: mean(counted.iter().map(|p| p.high))?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    // The progress module's tests build their states the same way.
    use crate::progress::tests::{action, day, milestone};

    fn close(actual: f64, expected: f64) {
        assert!(
            (actual - expected).abs() < 1e-12,
            "{actual} is not {expected}"
        );
    }

    /// The plan of every test starts on 1 January 2025.
    fn plan_start() -> NaiveDate {
        day("2025-01-01")
    }

    #[test]
    fn the_pace_is_the_weight_achieved_in_the_last_365_days_a_month() {
        let actions = [
            action(
                Status::InProgress,
                vec![
                    milestone("2025-06-30", 1.0, Some("2025-06-30")), // the day before the window
                    milestone("2025-09-30", 2.0, Some("2025-07-01")), // its first day
                    milestone("2026-06-30", 1.0, Some("2026-06-30")), // its last day
                    milestone("2026-09-30", 4.0, Some("2026-07-01")), // after it
                    milestone("2026-03-31", 0.0, Some("2026-01-01")), // weighs nothing
                ],
            ),
            action(
                Status::Cancelled,
                vec![milestone("2026-03-31", 5.0, Some("2026-01-01"))],
            ),
            action(
                Status::Completed,
                vec![milestone("2026-03-31", 1.0, Some("2026-02-01"))],
            ),
        ];
        // The window ending on 2026-06-30 starts on 2025-07-01: 365 days, 365 ÷ 30.4375 = 11.99
        // months. In it, 2 + 1 + 1 (the completed action's): 4 × 30.4375 ÷ 365 = 0.3336 a month.
        let pace = pace(&actions, plan_start(), day("2026-06-30")).unwrap();
        close(pace, 4.0 * 30.4375 / 365.0);
    }

    #[test]
    fn the_pace_window_starts_no_earlier_than_the_plan() {
        let actions = [action(
            Status::InProgress,
            vec![
                milestone("2025-03-31", 1.0, Some("2024-12-31")), // before the plan began
                milestone("2025-03-31", 1.0, Some("2025-01-01")),
                milestone("2025-06-30", 1.0, Some("2025-06-30")),
            ],
        )];
        // 2025-01-01 to 2025-06-30: 31 + 28 + 31 + 30 + 31 + 30 = 181 days; 2 × 30.4375 ÷ 181.
        let pace = pace(&actions, plan_start(), day("2025-06-30")).unwrap();
        close(pace, 2.0 * 30.4375 / 181.0);
    }

    #[test]
    fn a_window_shorter_than_90_days_has_no_pace() {
        let actions = [action(
            Status::InProgress,
            vec![milestone("2025-03-31", 1.0, Some("2025-02-01"))],
        )];
        // 2025-01-01 to 2025-03-30: 31 + 28 + 30 = 89 days; to 2025-03-31, 90 days.
        assert_eq!(pace(&actions, plan_start(), day("2025-03-30")), None);
        let pace_on_day_90 = pace(&actions, plan_start(), day("2025-03-31")).unwrap();
        close(pace_on_day_90, 30.4375 / 90.0);
        assert_eq!(pace(&actions, plan_start(), day("2024-12-31")), None);
    }

    /// Milestones due in the year up to 2026-06-30, reached 10, 0, 91, 0 and 31 days late, and
    /// three that do not count.
    fn lateness_milestones() -> Vec<MilestoneState> {
        vec![
            milestone("2025-09-30", 1.0, Some("2025-10-10")), // 10 days late
            milestone("2025-12-31", 1.0, Some("2025-12-01")), // early: 0
            milestone("2026-03-31", 1.0, None),               // overdue by 30 + 31 + 30 = 91 days
            milestone("2026-06-30", 1.0, None),               // due on the day: 0
            milestone("2026-05-30", 1.0, Some("2026-07-15")), // reached after the day: 1 + 30 = 31
            milestone("2025-06-30", 1.0, Some("2026-01-01")), // due before the year
            milestone("2026-07-31", 1.0, None),               // due after the day
            milestone("2026-01-31", 0.0, None),               // weighs nothing
        ]
    }

    #[test]
    fn lateness_is_the_median_delay_of_the_milestones_due_in_the_last_year() {
        let as_of = day("2026-06-30");
        let cancelled = action(Status::Cancelled, vec![milestone("2026-01-31", 1.0, None)]);
        let odd = [
            action(Status::InProgress, lateness_milestones()),
            cancelled.clone(),
        ];
        // 0, 0, 10, 31, 91: the median is 10.
        assert_eq!(lateness_days(&odd, as_of), 10);
        let mut milestones = lateness_milestones();
        milestones.push(milestone("2026-02-28", 1.0, Some("2026-04-14"))); // 28 + 17 = 45 days late
        let even = [action(Status::InProgress, milestones), cancelled];
        // 0, 0, 10, 31, 45, 91: (10 + 31) ÷ 2 = 20.5, rounded down to 20.
        assert_eq!(lateness_days(&even, as_of), 20);
        assert_eq!(lateness_days(&[], as_of), 0);
        // A completed action's milestones count alike: one unticked, 91 days overdue, and one
        // reached 30 days late: (30 + 91) ÷ 2 = 60.5, rounded down to 60.
        let completed = action(
            Status::Completed,
            vec![
                milestone("2026-03-31", 1.0, None),
                milestone("2026-04-30", 1.0, Some("2026-05-30")),
            ],
        );
        assert_eq!(lateness_days(&[completed], as_of), 60);
    }

    #[test]
    fn items_sorted_by_day_keep_their_order_within_a_day() {
        let order = |items: &[(&str, usize)]| -> Vec<usize> {
            let dated = items.iter().map(|(on, item)| (day(on), *item)).collect();
            (sorted_by_day(dated, |(on, _)| *on).into_iter())
                .map(|(_, item)| item)
                .collect()
        };
        let items = [
            ("2026-03-01", 0),
            ("2025-01-01", 1),
            ("2026-03-01", 2),
            ("2025-06-30", 3),
            ("2025-01-01", 4),
        ];
        // Counted into the 425 days they span.
        assert_eq!(order(&items), [1, 4, 3, 0, 2]);
        // Compared: over thirty years, counting into each day is not worth it.
        let mut far = items.to_vec();
        far.extend([("2056-01-01", 5), ("2024-12-31", 6)]);
        assert_eq!(order(&far), [6, 1, 4, 3, 0, 2, 5]);
        assert!(order(&[]).is_empty());
    }

    /// As of 2026-06-30, four milestones to reach (one of them reported reached after that day). In
    /// the order (due date, action, milestone) a0m0, a1m0, a1m1, a0m2, they weigh 1, ½, ½ and 2:
    /// cumulative weights 1, 1.5, 2 and 4.
    fn to_project() -> Vec<ActionState> {
        vec![
            action(
                Status::InProgress,
                vec![
                    milestone("2026-09-30", 1.0, None),
                    milestone("2026-03-31", 1.0, Some("2026-03-01")),
                    milestone("2027-06-30", 2.0, None),
                ],
            ),
            action(
                Status::NotStarted,
                vec![
                    milestone("2026-09-30", 0.5, None),
                    milestone("2026-12-31", 0.5, Some("2026-08-01")),
                ],
            ),
            action(Status::Completed, vec![milestone("2026-10-31", 1.0, None)]),
            action(Status::Cancelled, vec![milestone("2026-10-31", 1.0, None)]),
            action(Status::InProgress, vec![]),
            action(
                Status::InProgress,
                vec![milestone("2026-06-30", 1.0, Some("2026-06-30"))],
            ),
        ]
    }

    fn achieved(actions: &[ActionState]) -> Vec<Vec<Option<NaiveDate>>> {
        actions
            .iter()
            .map(|a| a.milestones.iter().map(|m| m.achieved_on).collect())
            .collect()
    }

    /// What `to_project` becomes with its four milestones projected on these days.
    fn projected(a0m0: &str, a1m0: &str, a1m1: &str, a0m2: &str) -> Vec<Vec<Option<NaiveDate>>> {
        vec![
            vec![Some(day(a0m0)), Some(day("2026-03-01")), Some(day(a0m2))],
            vec![Some(day(a1m0)), Some(day(a1m1))],
            vec![None],
            vec![None],
            vec![],
            vec![Some(day("2026-06-30"))],
        ]
    }

    #[test]
    fn remaining_milestones_are_projected_at_the_pace_in_the_order_they_fall_due() {
        let as_of = day("2026-06-30");
        // At ¼ a month, weight W takes W × 4 × 30.4375 = W × 121.75 days:
        // 1 → 121.75, 122 days, 2026-10-30 (after its due date, 2026-09-30);
        // 1.5 → 182.625, 183 days, 2026-12-30; 2 → 243.5, 244 days (half a day rounds up),
        // 2027-03-01; 4 → 487 days, 2027-10-30.
        assert_eq!(
            achieved(&project(&to_project(), as_of, Some(0.25), 0)),
            projected("2026-10-30", "2026-12-30", "2027-03-01", "2027-10-30")
        );
        // At 1 a month the pace would reach them 30, 46, 61 and 122 days on (2026-07-30 to
        // 2026-10-30), all before their due dates: the due dates set them.
        assert_eq!(
            achieved(&project(&to_project(), as_of, Some(1.0), 0)),
            projected("2026-09-30", "2026-09-30", "2026-12-31", "2027-06-30")
        );
    }

    #[test]
    fn no_milestone_is_projected_before_its_due_date_plus_the_lateness() {
        // At ¼ a month, with 61 days of lateness: 2026-09-30 + 61 = 2026-11-30 beats the pace's
        // 2026-10-30 for a0m0 but not its 2026-12-30 for a1m0; 2026-12-31 + 61 = 2027-03-02 beats
        // 2027-03-01 for a1m1; 2027-06-30 + 61 = 2027-08-30 does not beat 2027-10-30 for a0m2.
        assert_eq!(
            achieved(&project(&to_project(), day("2026-06-30"), Some(0.25), 61)),
            projected("2026-11-30", "2026-12-30", "2027-03-02", "2027-10-30")
        );
    }

    #[test]
    fn without_a_pace_nothing_remaining_is_projected() {
        let as_of = day("2026-06-30");
        let nothing = vec![
            vec![None, Some(day("2026-03-01")), None],
            vec![None, None],
            vec![None],
            vec![None],
            vec![],
            vec![Some(day("2026-06-30"))],
        ];
        assert_eq!(
            achieved(&project(&to_project(), as_of, Some(0.0), 0)),
            nothing
        );
        assert_eq!(achieved(&project(&to_project(), as_of, None, 0)), nothing);
    }

    /// An outlook of `to_project` as of 2026-06-30 whose three projections are at `pace`, with 61
    /// days of lateness.
    fn outlook_at(pace: Option<f64>) -> Outlook {
        let as_of = day("2026-06-30");
        let (central, range) = projections(to_project(), as_of, [pace; 3], 61);
        Outlook {
            as_of,
            pace,
            slowest: pace,
            fastest: pace,
            lateness_days: 61,
            last_achieved: Some(as_of),
            central,
            range,
        }
    }

    #[test]
    fn an_action_completes_when_its_last_milestone_is_projected() {
        let country = outlook_at(Some(0.25));
        // Action 0's milestones are projected on 2026-11-30 and 2027-10-30; action 1's on
        // 2026-12-30 and 2027-03-02.
        assert_eq!(country.completion(0), Completion::On(day("2027-10-30")));
        assert_eq!(country.completion(1), Completion::On(day("2027-03-02")));
        assert_eq!(country.completion(2), Completion::Done); // completed
        assert_eq!(country.completion(3), Completion::NotProjected); // cancelled
        assert_eq!(country.completion(4), Completion::NotProjected); // without milestones
        assert_eq!(country.completion(5), Completion::Done); // all its milestones achieved
        assert_eq!(country.completion(6), Completion::NotProjected); // no such action
        let stalled = outlook_at(Some(0.0));
        assert_eq!(stalled.completion(0), Completion::NotAtThisPace);
        assert_eq!(stalled.completion(5), Completion::Done);
        let too_early = outlook_at(None);
        assert_eq!(too_early.completion(0), Completion::NotProjected);
        assert_eq!(too_early.completion(2), Completion::Done);
    }

    #[test]
    fn the_slowest_and_fastest_paces_are_over_the_monthly_windows_since_the_plan_began() {
        let actions = [action(
            Status::InProgress,
            vec![
                milestone("2025-03-31", 3.0, Some("2025-03-15")),
                milestone("2026-03-31", 1.0, Some("2026-03-01")),
                milestone("2026-03-31", 3.0, Some("2026-03-20")),
                milestone("2026-12-31", 1.0, None),
            ],
        )];
        let country = outlook(actions.to_vec(), plan_start(), day("2026-03-31"));
        // The windows end on 2026-03-31, 2026-02-28, 2026-01-31, … 2025-03-31 (90 days from the
        // plan's start); the next, ending on 2025-02-28, would be 59 days long.
        // 2025-04-01..2026-03-31 holds 1 + 3: the central pace is 4 × 30.4375 ÷ 365.
        close(country.pace.unwrap(), 4.0 * 30.4375 / 365.0);
        // 2025-03-01..2026-02-28, 2025-02-01..2026-01-31 and 2025-01-01..2025-12-31 hold only the 3
        // of 2025-03-15, over 365 days: the slowest.
        close(country.slowest.unwrap(), 3.0 * 30.4375 / 365.0);
        // The windows before hold the same 3 over fewer days, down to the 90 days to 2025-03-31.
        close(country.fastest.unwrap(), 3.0 * 30.4375 / 90.0);
        assert_eq!(country.last_achieved, Some(day("2026-03-20")));
        // Due in the year to 2026-03-31: two milestones, both reached early.
        assert_eq!(country.lateness_days, 0);
    }

    /// As of 2026-06-30: one milestone reached in the last year, 30 days late; three to reach.
    fn behind() -> Vec<ActionState> {
        vec![
            action(
                Status::InProgress,
                vec![
                    milestone("2025-12-31", 1.0, Some("2026-01-30")),
                    milestone("2026-09-30", 1.0, None),
                    milestone("2029-12-15", 1.0, None),
                ],
            ),
            action(Status::InProgress, vec![milestone("2026-12-31", 1.0, None)]),
        ]
    }

    #[test]
    fn warnings_name_what_sets_the_late_dates() {
        let country = outlook(behind(), plan_start(), day("2026-06-30"));
        // 1 over the 365 days to 2026-06-30: 30.4375 ÷ 365 a month, a milestone a year.
        let per_month = country.pace.unwrap();
        close(per_month, 30.4375 / 365.0);
        assert_eq!(country.lateness_days, 30);
        // a0m1 (cumulative 1) is reached 365 days on, 2027-06-30: 273 days after its due date.
        // a1m0 (2): 730 days on, 2028-06-29, 546 days late; its action is done before the end.
        // a0m2 (3): 1095 days on, 2029-06-29, but 2029-12-15 + 30 = 2030-01-14 sets it: only 30
        // days late, but action 0 then ends after 2029-12-31, for lateness.
        let too_slow = Reason::TooSlow {
            per_month,
            remaining: 3,
        };
        assert_eq!(
            country.warnings(day("2029-12-31")),
            vec![
                Warning::Milestone {
                    action: 0,
                    milestone: 1,
                    due_on: day("2026-09-30"),
                    projected: Some(day("2027-06-30")),
                    reason: too_slow,
                },
                Warning::Action {
                    action: 0,
                    projected: Some(day("2030-01-14")),
                    reason: Reason::Late { days: 30 },
                },
                Warning::Milestone {
                    action: 1,
                    milestone: 0,
                    due_on: day("2026-12-31"),
                    projected: Some(day("2028-06-29")),
                    reason: too_slow,
                },
            ]
        );
        assert_eq!(country.completion(1), Completion::On(day("2028-06-29")));
    }

    #[test]
    fn projected_progress_is_the_progress_of_the_three_projections() {
        let country = outlook(behind(), plan_start(), day("2026-06-30"));
        // The windows ending before 2026-01-30 hold nothing: the slow projection reaches nothing
        // more. Those ending from 2026-01-30 to 2026-06-30 all hold the 1: fast is central.
        assert_eq!(country.slowest, Some(0.0));
        assert_eq!(country.fastest, country.pace);
        // On 2029-12-31, slow: action 0 at ⅓, action 1 at 0, ⅙; central and fast: ⅔ (its last
        // milestone comes on 2030-01-14) and 1, ⅚.
        let on = country.projected_on(day("2029-12-31")).unwrap();
        close(on.low, 1.0 / 6.0);
        close(on.central, 5.0 / 6.0);
        close(on.high, 5.0 / 6.0);
        close(
            country.projected_on(day("2030-01-14")).unwrap().central,
            1.0,
        );
    }

    #[test]
    fn a_country_that_achieved_nothing_in_a_year_is_told_for_how_long() {
        let actions = [action(
            Status::InProgress,
            vec![
                milestone("2025-03-31", 1.0, Some("2025-03-10")),
                milestone("2026-03-31", 1.0, None),
            ],
        )];
        let country = outlook(actions.to_vec(), plan_start(), day("2026-06-30"));
        let pace = country.pace.unwrap();
        assert!(pace == 0.0 && pace.is_sign_positive());
        // From 2025-03-10, 15 whole months reach 2026-06-10, before 2026-06-30; 16, 2026-07-10.
        let reason = Reason::NoneAchievedFor { months: 15 };
        assert_eq!(
            country.warnings(day("2029-12-31")),
            vec![
                Warning::Milestone {
                    action: 0,
                    milestone: 1,
                    due_on: day("2026-03-31"),
                    projected: None,
                    reason,
                },
                Warning::Action {
                    action: 0,
                    projected: None,
                    reason,
                },
            ]
        );
        // On 2026-06-09, the 15th month is not over.
        let earlier = outlook(actions.to_vec(), plan_start(), day("2026-06-09"));
        assert!(matches!(
            earlier.warnings(day("2029-12-31"))[0],
            Warning::Milestone {
                reason: Reason::NoneAchievedFor { months: 14 },
                ..
            }
        ));
    }

    #[test]
    fn a_country_that_never_achieved_a_milestone_is_told_so() {
        let actions = [action(
            Status::InProgress,
            vec![
                milestone("2026-03-31", 1.0, None),
                milestone("2025-06-30", 0.0, Some("2025-06-01")), // weighs nothing
            ],
        )];
        let country = outlook(actions.to_vec(), plan_start(), day("2026-06-30"));
        assert_eq!(country.last_achieved, None);
        let reason = Reason::NothingAchievedYet;
        assert_eq!(
            country.warnings(day("2029-12-31")),
            vec![
                Warning::Milestone {
                    action: 0,
                    milestone: 0,
                    due_on: day("2026-03-31"),
                    projected: None,
                    reason,
                },
                Warning::Action {
                    action: 0,
                    projected: None,
                    reason,
                },
            ]
        );
    }

    #[test]
    fn whole_months_run_to_the_same_day_or_the_end_of_a_shorter_month() {
        assert_eq!(whole_months(day("2025-01-15"), day("2025-02-14")), 0);
        assert_eq!(whole_months(day("2025-01-15"), day("2025-02-15")), 1);
        assert_eq!(whole_months(day("2025-01-31"), day("2025-02-28")), 1);
        assert_eq!(whole_months(day("2025-03-10"), day("2026-06-30")), 15);
        assert_eq!(whole_months(day("2025-03-10"), day("2025-03-01")), 0);
    }

    #[test]
    fn in_the_plans_first_three_months_nothing_is_projected() {
        let actions = [
            action(Status::InProgress, vec![milestone("2025-02-28", 1.0, None)]),
            action(Status::Completed, vec![]),
        ];
        // 2025-01-01 to 2025-03-30 is 89 days.
        let country = outlook(actions.to_vec(), plan_start(), day("2025-03-30"));
        assert_eq!(
            (country.pace, country.slowest, country.fastest),
            (None, None, None)
        );
        assert_eq!(country.projected_on(day("2029-12-31")), None);
        assert_eq!(country.completion(0), Completion::NotProjected);
        assert_eq!(country.completion(1), Completion::Done);
        assert!(country.warnings(day("2029-12-31")).is_empty());
        // A day later there is a pace: nothing achieved in 90 days, 0 a month.
        let day_90 = outlook(actions.to_vec(), plan_start(), day("2025-03-31"));
        assert_eq!(day_90.pace, Some(0.0));
    }

    #[test]
    fn regional_projection_is_the_plain_mean_over_countries_with_one() {
        let region = regional_projected([
            Some(Projected {
                low: 0.1,
                central: 0.2,
                high: 0.3,
            }),
            None,
            Some(Projected {
                low: 0.3,
                central: 0.4,
                high: 0.9,
            }),
        ])
        .unwrap();
        close(region.low, 0.2);
        close(region.central, 0.3);
        close(region.high, 0.6);
        assert_eq!(regional_projected([None, None]), None);
    }

    mod properties {
        use proptest::prelude::*;

        use super::super::*;
        use crate::progress::country_progress;

        fn plan_start() -> NaiveDate {
            NaiveDate::from_ymd_opt(2025, 1, 1).unwrap()
        }

        /// The last day projections are compared on.
        fn horizon() -> NaiveDate {
            NaiveDate::from_ymd_opt(2030, 12, 31).unwrap()
        }

        fn status() -> impl Strategy<Value = Status> {
            proptest::sample::select(Status::ALL.to_vec())
        }

        /// A day of the plan, 2025-01-01 to 2029-12-31.
        fn date() -> impl Strategy<Value = NaiveDate> {
            (0i64..1826).prop_map(|offset| plan_start() + Duration::days(offset))
        }

        /// Up to four milestones, a fifth of them weighing nothing.
        fn milestones() -> impl Strategy<Value = Vec<MilestoneState>> {
            proptest::collection::vec(
                (
                    date(),
                    prop_oneof![1 => Just(0.0), 4 => 0.1f64..5.0],
                    proptest::option::of(date()),
                )
                    .prop_map(|(due_on, weight, achieved_on)| MilestoneState {
                        due_on,
                        weight,
                        achieved_on,
                    }),
                0..5,
            )
        }

        /// The actions of a country: one to five.
        fn actions() -> impl Strategy<Value = Vec<ActionState>> {
            proptest::collection::vec(
                (status(), 0.0f64..3.0, 2025i32..2030, milestones()).prop_map(
                    |(status, weight, end_year, milestones)| ActionState {
                        status,
                        weight,
                        end_year,
                        milestones,
                    },
                ),
                1..6,
            )
        }

        /// Offsets in days of the days to compare projections on.
        fn later() -> impl Strategy<Value = Vec<i64>> {
            proptest::collection::vec(1i64..2200, 1..4)
        }

        /// The days to compare projections on: `as_of`, the horizon, and `later` days on.
        fn days_from(as_of: NaiveDate, later: &[i64]) -> Vec<NaiveDate> {
            let mut days = vec![as_of, horizon()];
            days.extend(
                later
                    .iter()
                    .map(|offset| (as_of + Duration::days(*offset)).min(horizon())),
            );
            days
        }

        /// The outlook's central projection with its milestones reached on `days` instead (one of
        /// its range's): that projection as a copy of the actions, as the progress formulas take it.
        fn copy_reaching(outlook: &Outlook, days: &[Option<i64>]) -> Vec<ActionState> {
            let mut copy = outlook.central.clone();
            for (action, start) in copy.iter_mut().zip(&outlook.range.starts) {
                for (index, m) in action.milestones.iter_mut().enumerate() {
                    m.achieved_on = days[start + index].and_then(date_of);
                }
            }
            copy
        }

        /// Fails when a projected progress of `after` is below that of `before` on one of `days`.
        fn never_lower(
            before: &[ActionState],
            after: &[ActionState],
            as_of: NaiveDate,
            days: &[NaiveDate],
        ) -> Result<(), TestCaseError> {
            let before = outlook(before.to_vec(), plan_start(), as_of);
            let after = outlook(after.to_vec(), plan_start(), as_of);
            for day in days {
                match (before.projected_on(*day), after.projected_on(*day)) {
                    (Some(b), Some(a)) => {
                        prop_assert!(
                            a.low >= b.low - 1e-9
                                && a.central >= b.central - 1e-9
                                && a.high >= b.high - 1e-9,
                            "on {}: {:?}, then {:?}",
                            day,
                            b,
                            a
                        );
                    }
                    (b, a) => prop_assert_eq!(b.is_none(), a.is_none()),
                }
            }
            Ok(())
        }

        proptest! {
            #[test]
            fn the_projection_on_days_is_the_progress_of_the_projections(
                actions in actions(),
                as_of in date(),
                scope in proptest::collection::vec(any::<bool>(), 6),
                later in later(),
            ) {
                let in_scope = |index: usize| scope[index];
                let whole = outlook(actions.to_vec(), plan_start(), as_of);
                let [slow_copy, fast_copy] =
                    [&whole.range.slow, &whole.range.fast].map(|days| copy_reaching(&whole, days));
                let progress = |states: &[ActionState], day: NaiveDate| {
                    country_progress(
                        states.iter().enumerate().filter(|(i, _)| in_scope(*i)).map(|(_, s)| s),
                        day,
                    )
                };
                let mut days: Vec<NaiveDate> =
                    days_from(as_of, &later).into_iter().filter(|day| *day > as_of).collect();
                days.sort_unstable();
                days.dedup();
                let fast = projected_on_days(&actions, in_scope, plan_start(), as_of, &days);
                let Some(fast) = fast else {
                    for day in &days {
                        prop_assert!(progress(&whole.central, *day).is_none());
                    }
                    return Ok(());
                };
                prop_assert_eq!(fast.len(), days.len());
                let close = |a: f64, b: f64| (a - b).abs() < 1e-9;
                for (day, fast) in days.iter().zip(fast) {
                    let central = progress(&whole.central, *day).expect("a central projection");
                    prop_assert!(close(fast.expected, central.expected), "on {}: {:?} against {:?}", day, fast, central);
                    match (whole.pace, fast.projected) {
                        (Some(_), Some(projected)) => {
                            let slow = progress(&slow_copy, *day).expect("a slow projection");
                            let quick = progress(&fast_copy, *day).expect("a fast projection");
                            prop_assert!(close(projected.central, central.actual), "on {}: {:?} against {:?}", day, projected, central);
                            prop_assert!(close(projected.low, slow.actual), "on {}: {:?} against {:?}", day, projected, slow);
                            prop_assert!(close(projected.high, quick.actual), "on {}: {:?} against {:?}", day, projected, quick);
                        }
                        (pace, projected) => prop_assert_eq!(pace.is_none(), projected.is_none()),
                    }
                }
            }
        }

        proptest! {
            #[test]
            fn the_pace_history_is_the_pace_of_each_window(actions in actions(), as_of in date()) {
                let history = pace_history(&actions, plan_start(), as_of);
                let windows: Vec<f64> = (0..)
                    .map_while(|months| as_of.checked_sub_months(Months::new(months)))
                    .map_while(|end| pace(&actions, plan_start(), end))
                    .collect();
                prop_assert_eq!(history.len(), windows.len());
                for (fast, plain) in history.iter().zip(&windows) {
                    prop_assert!((fast - plain).abs() < 1e-9, "{} against {}", fast, plain);
                }
            }

            #[test]
            fn achieving_a_milestone_never_lowers_a_projection(
                actions in actions(),
                as_of in date(),
                pick in any::<prop::sample::Index>(),
                when in any::<prop::sample::Index>(),
                later in later(),
            ) {
                let unachieved: Vec<(usize, usize)> = actions
                    .iter()
                    .enumerate()
                    .filter(|(_, action)| action.is_applicable())
                    .flat_map(|(a, action)| {
                        action
                            .milestones
                            .iter()
                            .enumerate()
                            .filter(move |(_, m)| !m.achieved_by(as_of))
                            .map(move |(m, _)| (a, m))
                    })
                    .collect();
                prop_assume!(!unachieved.is_empty());
                let (a, m) = unachieved[pick.index(unachieved.len())];
                // Any day from 100 days before the plan's start to the as-of date.
                let earliest = plan_start() - Duration::days(100);
                let span = usize::try_from((as_of - earliest).num_days()).unwrap() + 1;
                let offset = i64::try_from(when.index(span)).unwrap();
                let achieved_on = earliest + Duration::days(offset);
                let mut after = actions.clone();
                after[a].milestones[m].achieved_on = Some(achieved_on);
                never_lower(&actions, &after, as_of, &days_from(as_of, &later))?;
            }

            #[test]
            fn completing_an_action_never_lowers_a_projection(
                actions in actions(),
                as_of in date(),
                pick in any::<prop::sample::Index>(),
                later in later(),
            ) {
                let applicable: Vec<usize> = (0..actions.len())
                    .filter(|a| actions[*a].is_applicable())
                    .collect();
                prop_assume!(!applicable.is_empty());
                let mut after = actions.clone();
                after[applicable[pick.index(applicable.len())]].status = Status::Completed;
                never_lower(&actions, &after, as_of, &days_from(as_of, &later))?;
            }

            #[test]
            fn the_central_projection_lies_between_the_slow_and_the_fast(
                actions in actions(),
                as_of in date(),
                later in later(),
            ) {
                let country = outlook(actions.to_vec(), plan_start(), as_of);
                for day in days_from(as_of, &later) {
                    if let Some(p) = country.projected_on(day) {
                        prop_assert!(
                            p.low <= p.central + 1e-9 && p.central <= p.high + 1e-9,
                            "on {}: {:?}",
                            day,
                            p
                        );
                    }
                }
            }

            #[test]
            fn a_projection_never_falls_below_the_progress_already_made(
                actions in actions(),
                as_of in date(),
                later in later(),
            ) {
                let country = outlook(actions.to_vec(), plan_start(), as_of);
                if let Some(now) = country_progress(&actions, as_of) {
                    for day in days_from(as_of, &later) {
                        if let Some(p) = country.projected_on(day) {
                            prop_assert!(
                                [p.low, p.central, p.high]
                                    .iter()
                                    .all(|value| *value >= now.actual - 1e-9),
                                "on {}: {:?} below {}",
                                day,
                                p,
                                now.actual
                            );
                        }
                    }
                }
            }

            #[test]
            fn milestones_are_projected_after_the_as_of_date_and_their_due_date_plus_lateness(
                actions in actions(),
                as_of in date(),
            ) {
                let country = outlook(actions.to_vec(), plan_start(), as_of);
                let to_reach: Vec<(usize, usize)> = remaining(&actions, as_of)
                    .iter()
                    .map(|(a, m, _)| (*a, *m))
                    .collect();
                let projected = [
                    (copy_reaching(&country, &country.range.slow), country.slowest),
                    (country.central.clone(), country.pace),
                    (copy_reaching(&country, &country.range.fast), country.fastest),
                ];
                for (projection, pace) in projected {
                    // Without a pace or at 0 a month, nothing remaining is projected.
                    let stalled = pace.is_none_or(|pace| pace <= 0.0);
                    for (a, action) in actions.iter().enumerate() {
                        prop_assert_eq!(projection[a].status, action.status);
                        for (m, milestone) in action.milestones.iter().enumerate() {
                            let projected = projection[a].milestones[m].achieved_on;
                            if !to_reach.contains(&(a, m)) {
                                prop_assert_eq!(projected, milestone.achieved_on);
                            } else if let Some(projected) = projected {
                                prop_assert!(!stalled && projected > as_of);
                                let late = milestone.due_on + Duration::days(country.lateness_days);
                                prop_assert!(projected >= late && late >= milestone.due_on);
                            }
                        }
                    }
                }
            }
        }
    }
}
