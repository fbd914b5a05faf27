//! How progress is computed: the formulas of DESIGN.md ("How progress is computed") in one place, with
//! no I/O, so that every page, chart, report and the API show the same numbers for the same snapshot.
//! Shared with the browser build.
//!
//! The inputs are plain values (an action as a country reports it, with its milestones), already read
//! from the database or from the history as of a date; the outputs are shares between 0 and 1, or
//! `None` where the formula leaves a value out (cancelled and not-applicable actions, empty means).

pub mod indicators;
pub mod outlook;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::domain::Status;

/// Schedule status thresholds on actual ÷ expected progress.
pub const ON_TRACK_RATIO: f64 = 0.95;
pub const NEEDS_ACCELERATION_RATIO: f64 = 0.60;

/// Progress of an action without milestones (or whose milestones all weigh nothing) that is under way.
const UNDER_WAY_WITHOUT_MILESTONES: f64 = 0.5;

/// A milestone of an action, and when the country reached it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MilestoneState {
    pub due_on: NaiveDate,
    pub weight: f64,
    /// The day the country reached it; a date after the as-of date does not count yet.
    pub achieved_on: Option<NaiveDate>,
}

impl MilestoneState {
    fn achieved_by(&self, as_of: NaiveDate) -> bool {
        self.achieved_on.is_some_and(|day| day <= as_of)
    }
}

/// One action of the plan as one country reports it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActionState {
    /// The reported status; an action never reported counts as not started.
    pub status: Status,
    /// The action's weight in its theme's and country's means.
    pub weight: f64,
    /// The last year of the action's planned period.
    pub end_year: i32,
    pub milestones: Vec<MilestoneState>,
}

impl ActionState {
    /// Whether the action counts in the means: cancelled and not-applicable actions do not.
    pub fn is_applicable(&self) -> bool {
        !matches!(self.status, Status::Cancelled | Status::NotApplicable)
    }

    /// Whether the action has milestones that weigh something: otherwise its progress is measured by
    /// its status alone, and nothing is expected of it before its end year.
    pub fn has_milestones(&self) -> bool {
        self.milestone_weight().is_some()
    }

    /// Whether the country had reported on the action by `as_of`: a status other than not started,
    /// or a milestone reached on or before that day.
    pub fn is_reported(&self, as_of: NaiveDate) -> bool {
        self.status != Status::NotStarted || self.milestones.iter().any(|m| m.achieved_by(as_of))
    }

    /// The weight of the milestones, when it is positive; otherwise the action is measured by its
    /// status alone.
    fn milestone_weight(&self) -> Option<f64> {
        let total: f64 = self.milestones.iter().map(|m| m.weight.max(0.0)).sum();
        (total > 0.0).then_some(total)
    }

    /// Action progress at `as_of`: achieved milestone weight ÷ total milestone weight; without
    /// milestones 0 for not started, ½ for in progress or suspended; 1 when completed, whatever its
    /// milestones. `None` for actions left out of the means.
    pub fn progress(&self, as_of: NaiveDate) -> Option<f64> {
        self.progress_with(|_, m| m.achieved_by(as_of))
    }

    /// `progress` counting as achieved the milestones for which `reached` holds (given their index
    /// among the action's milestones): a projection's, without a copy of the action.
    fn progress_with(&self, reached: impl Fn(usize, &MilestoneState) -> bool) -> Option<f64> {
        match self.status {
            Status::Cancelled | Status::NotApplicable => None,
            Status::Completed => Some(1.0),
            Status::NotStarted | Status::InProgress | Status::Suspended => {
                Some(match self.milestone_weight() {
                    Some(total) => {
                        let achieved: f64 = (self.milestones.iter().enumerate())
                            .filter(|(index, m)| reached(*index, m))
                            .map(|(_, m)| m.weight.max(0.0))
                            .sum();
                        achieved / total
                    }
                    None if self.status == Status::NotStarted => 0.0,
                    None => UNDER_WAY_WITHOUT_MILESTONES,
                })
            }
        }
    }

    /// Expected progress at `as_of`: the weight of the milestones due on or before that day ÷ their
    /// total weight. An action without weighed milestones is expected done once its end year is over,
    /// and nothing is expected of it before. `None` for actions left out of the means.
    pub fn expected(&self, as_of: NaiveDate) -> Option<f64> {
        if !self.is_applicable() {
            return None;
        }
        Some(match self.milestone_weight() {
            Some(total) => {
                let due: f64 = self
                    .milestones
                    .iter()
                    .filter(|m| m.due_on <= as_of)
                    .map(|m| m.weight.max(0.0))
                    .sum();
                due / total
            }
            None if as_of.year() > self.end_year => 1.0,
            None => 0.0,
        })
    }

    /// Delayed (derived, never reported): a milestone past its due date and not achieved, or the
    /// action's end year over and the action not completed. Completed, cancelled and not-applicable
    /// actions are never delayed.
    pub fn is_delayed(&self, as_of: NaiveDate) -> bool {
        if !self.is_applicable() || self.status == Status::Completed {
            return false;
        }
        as_of.year() > self.end_year
            || self
                .milestones
                .iter()
                .any(|m| m.due_on < as_of && !m.achieved_by(as_of))
    }
}

/// Where progress stands against the schedule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScheduleStatus {
    OnTrack,
    NeedsAcceleration,
    OffTrack,
}

impl ScheduleStatus {
    /// From actual ÷ expected progress; nothing expected yet is on track.
    pub fn of(actual: f64, expected: f64) -> Self {
        if expected <= 0.0 {
            return ScheduleStatus::OnTrack;
        }
        let ratio = actual / expected;
        if ratio >= ON_TRACK_RATIO {
            ScheduleStatus::OnTrack
        } else if ratio >= NEEDS_ACCELERATION_RATIO {
            ScheduleStatus::NeedsAcceleration
        } else {
            ScheduleStatus::OffTrack
        }
    }

    /// The translation catalogue key of the status's label.
    pub fn label_key(self) -> &'static str {
        match self {
            ScheduleStatus::OnTrack => "schedule-on-track",
            ScheduleStatus::NeedsAcceleration => "schedule-needs-acceleration",
            ScheduleStatus::OffTrack => "schedule-off-track",
        }
    }
}

/// Actual and expected progress of a group of actions or countries, and the schedule status they give.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    pub actual: f64,
    pub expected: f64,
}

impl Progress {
    pub fn schedule(&self) -> ScheduleStatus {
        ScheduleStatus::of(self.actual, self.expected)
    }
}

/// The mean of `values` weighted by their weights; `None` when nothing weighs anything.
pub fn weighted_mean(values: impl IntoIterator<Item = (f64, f64)>) -> Option<f64> {
    let mut sum = WeightedSum::default();
    for (value, weight) in values {
        sum.add(value, weight);
    }
    sum.mean()
}

/// A weighted mean summed as its values come, for several means over one pass: what
/// `weighted_mean` gives of the values added, in their order.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct WeightedSum {
    sum: f64,
    weight: f64,
}

impl WeightedSum {
    /// Counts `value` in with `weight`; what weighs nothing is left out.
    pub fn add(&mut self, value: f64, weight: f64) {
        if weight > 0.0 {
            self.sum += value * weight;
            self.weight += weight;
        }
    }

    /// The mean of the values added; `None` when nothing weighs anything.
    pub fn mean(&self) -> Option<f64> {
        (self.weight > 0.0).then(|| self.sum / self.weight)
    }
}

/// The plain mean of `values`; `None` for none.
pub fn mean(values: impl IntoIterator<Item = f64>) -> Option<f64> {
    weighted_mean(values.into_iter().map(|value| (value, 1.0)))
}

/// Progress of a country over `actions` (all its actions, or those of one theme): the means of actual
/// and expected progress over the applicable actions, weighted by action weight. `None` when no
/// applicable action weighs anything.
pub fn country_progress<'a>(
    actions: impl IntoIterator<Item = &'a ActionState>,
    as_of: NaiveDate,
) -> Option<Progress> {
    let applicable: Vec<&ActionState> = actions
        .into_iter()
        .filter(|action| action.is_applicable())
        .collect();
    let actual = weighted_mean(
        applicable
            .iter()
            .filter_map(|a| Some((a.progress(as_of)?, a.weight))),
    )?;
    let expected = weighted_mean(
        applicable
            .iter()
            .filter_map(|a| Some((a.expected(as_of)?, a.weight))),
    )?;
    Some(Progress { actual, expected })
}

/// Regional progress from the countries' progress (over all actions, or over one theme): the plain
/// mean over the countries that have any; `None` when none has.
pub fn regional_progress(
    countries: impl IntoIterator<Item = Option<Progress>>,
) -> Option<Progress> {
    let counted: Vec<Progress> = countries.into_iter().flatten().collect();
    Some(Progress {
        actual: mean(counted.iter().map(|p| p.actual))?,
        expected: mean(counted.iter().map(|p| p.expected))?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    pub(super) fn milestone(due: &str, weight: f64, achieved: Option<&str>) -> MilestoneState {
        MilestoneState {
            due_on: day(due),
            weight,
            achieved_on: achieved.map(day),
        }
    }

    pub(super) fn action(status: Status, milestones: Vec<MilestoneState>) -> ActionState {
        ActionState {
            status,
            weight: 1.0,
            end_year: 2029,
            milestones,
        }
    }

    /// Three milestones weighing 1, 2 and 1, due mid-2025, end of 2026 and 2028; the first achieved.
    fn three_milestones(status: Status) -> ActionState {
        action(
            status,
            vec![
                milestone("2025-06-30", 1.0, Some("2025-05-02")),
                milestone("2026-12-31", 2.0, None),
                milestone("2028-06-30", 1.0, None),
            ],
        )
    }

    fn close(actual: Option<f64>, expected: f64) {
        let actual = actual.expect("a value");
        assert!(
            (actual - expected).abs() < 1e-12,
            "{actual} is not {expected}"
        );
    }

    #[test]
    fn action_progress_is_the_achieved_share_of_milestone_weight() {
        let a = three_milestones(Status::InProgress);
        close(a.progress(day("2026-09-30")), 0.25);
        // Achieved after the as-of date: it does not count yet; on the day itself it does.
        close(a.progress(day("2025-05-01")), 0.0);
        close(a.progress(day("2025-05-02")), 0.25);
    }

    #[test]
    fn actions_without_milestones_are_measured_by_their_status() {
        let at = day("2026-09-30");
        close(action(Status::NotStarted, vec![]).progress(at), 0.0);
        close(action(Status::InProgress, vec![]).progress(at), 0.5);
        close(action(Status::Suspended, vec![]).progress(at), 0.5);
        close(action(Status::Completed, vec![]).progress(at), 1.0);
        assert_eq!(action(Status::Cancelled, vec![]).progress(at), None);
        assert_eq!(action(Status::NotApplicable, vec![]).progress(at), None);
    }

    #[test]
    fn milestones_that_weigh_nothing_count_as_none() {
        let a = action(
            Status::InProgress,
            vec![milestone("2025-06-30", 0.0, Some("2025-01-01"))],
        );
        close(a.progress(day("2026-01-01")), 0.5);
        close(a.expected(day("2026-01-01")), 0.0);
    }

    #[test]
    fn a_completed_action_counts_one_and_is_not_delayed_with_milestones_unachieved() {
        let a = three_milestones(Status::Completed);
        close(a.progress(day("2026-09-30")), 1.0);
        assert!(!a.is_delayed(day("2030-01-01")));
    }

    #[test]
    fn expected_progress_counts_milestones_due_on_or_before_the_date() {
        let a = three_milestones(Status::InProgress);
        close(a.expected(day("2025-06-29")), 0.0);
        close(a.expected(day("2025-06-30")), 0.25);
        close(a.expected(day("2026-12-31")), 0.75);
        close(a.expected(day("2030-01-01")), 1.0);
        // Milestones due only in the future: nothing is expected yet, which is on track.
        let future = action(Status::NotStarted, vec![milestone("2028-01-01", 1.0, None)]);
        close(future.expected(day("2026-09-30")), 0.0);
        assert_eq!(
            ScheduleStatus::of(0.0, future.expected(day("2026-09-30")).unwrap()),
            ScheduleStatus::OnTrack
        );
    }

    #[test]
    fn without_milestones_an_action_is_expected_done_after_its_end_year() {
        let a = action(Status::InProgress, vec![]);
        close(a.expected(day("2029-12-31")), 0.0);
        close(a.expected(day("2030-01-01")), 1.0);
    }

    #[test]
    fn delayed_is_a_missed_milestone_or_a_passed_end_year() {
        let a = three_milestones(Status::InProgress);
        // Due on 2026-12-31: on that day it is not yet late, the day after it is.
        assert!(!a.is_delayed(day("2026-12-31")));
        assert!(a.is_delayed(day("2027-01-01")));
        let no_milestones = action(Status::InProgress, vec![]);
        assert!(!no_milestones.is_delayed(day("2029-12-31")));
        assert!(no_milestones.is_delayed(day("2030-01-01")));
        assert!(!action(Status::Cancelled, vec![]).is_delayed(day("2031-01-01")));
        assert!(!action(Status::NotApplicable, vec![]).is_delayed(day("2031-01-01")));
    }

    #[test]
    fn an_action_is_reported_by_its_status_or_a_milestone_reached_by_the_date() {
        let not_started = three_milestones(Status::NotStarted);
        // Its first milestone was reached on 2025-05-02, though it was never marked started.
        assert!(!not_started.is_reported(day("2025-05-01")));
        assert!(not_started.is_reported(day("2025-05-02")));
        assert!(!action(Status::NotStarted, vec![]).is_reported(day("2030-01-01")));
        assert!(action(Status::InProgress, vec![]).is_reported(day("2025-01-01")));
        assert!(action(Status::Cancelled, vec![]).is_reported(day("2025-01-01")));
        assert!(three_milestones(Status::InProgress).has_milestones());
        assert!(!action(Status::InProgress, vec![]).has_milestones());
        // Milestones that weigh nothing are no milestones to the formulas.
        let weightless = action(Status::InProgress, vec![milestone("2025-06-30", 0.0, None)]);
        assert!(!weightless.has_milestones());
    }

    #[test]
    fn schedule_status_thresholds() {
        assert_eq!(ScheduleStatus::of(0.95, 1.0), ScheduleStatus::OnTrack);
        assert_eq!(
            ScheduleStatus::of(0.949, 1.0),
            ScheduleStatus::NeedsAcceleration
        );
        assert_eq!(
            ScheduleStatus::of(0.30, 0.50),
            ScheduleStatus::NeedsAcceleration
        );
        assert_eq!(ScheduleStatus::of(0.299, 0.50), ScheduleStatus::OffTrack);
        assert_eq!(ScheduleStatus::of(0.0, 0.0), ScheduleStatus::OnTrack);
        assert_eq!(ScheduleStatus::of(0.4, 0.2), ScheduleStatus::OnTrack);
    }

    #[test]
    fn country_progress_is_weighted_by_action_and_leaves_out_cancelled_actions() {
        let at = day("2026-09-30");
        let mut heavy = three_milestones(Status::InProgress); // 0.25 actual, 0.25 expected
        heavy.weight = 3.0;
        let done = action(Status::Completed, vec![]); // 1 actual, 0 expected
        let cancelled = action(Status::Cancelled, vec![]);
        let progress = country_progress([&heavy, &done, &cancelled], at).unwrap();
        // (3 × 0.25 + 1 × 1) ÷ 4 = 0.4375; expected (3 × 0.25 + 0) ÷ 4 = 0.1875
        close(Some(progress.actual), 0.4375);
        close(Some(progress.expected), 0.1875);
        assert_eq!(progress.schedule(), ScheduleStatus::OnTrack);
    }

    #[test]
    fn a_country_whose_actions_are_all_cancelled_or_weigh_nothing_has_no_progress() {
        let at = day("2026-09-30");
        let cancelled = action(Status::Cancelled, vec![]);
        let not_applicable = action(Status::NotApplicable, vec![]);
        assert_eq!(country_progress([&cancelled, &not_applicable], at), None);
        let mut weightless = action(Status::Completed, vec![]);
        weightless.weight = 0.0;
        assert_eq!(country_progress([&weightless], at), None);
        assert_eq!(country_progress([], at), None);
    }

    #[test]
    fn regional_progress_is_the_plain_mean_over_countries_with_progress() {
        let region = regional_progress([
            Some(Progress {
                actual: 0.2,
                expected: 0.4,
            }),
            None,
            Some(Progress {
                actual: 0.6,
                expected: 0.4,
            }),
        ])
        .unwrap();
        close(Some(region.actual), 0.4);
        close(Some(region.expected), 0.4);
        assert_eq!(regional_progress([None, None]), None);
    }

    #[test]
    fn means() {
        close(weighted_mean([(1.0, 1.0), (0.0, 3.0)]), 0.25);
        close(weighted_mean([(1.0, 0.0), (0.5, 2.0)]), 0.5);
        assert_eq!(weighted_mean([(1.0, 0.0)]), None);
        close(mean([0.1, 0.2, 0.6]), 0.3);
        assert_eq!(mean([]), None);
    }

    mod properties {
        use proptest::prelude::*;

        use super::super::*;

        fn status() -> impl Strategy<Value = Status> {
            proptest::sample::select(Status::ALL.to_vec())
        }

        fn date() -> impl Strategy<Value = NaiveDate> {
            (0i64..(6 * 366)).prop_map(|offset| {
                NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + chrono::Duration::days(offset)
            })
        }

        fn milestones() -> impl Strategy<Value = Vec<MilestoneState>> {
            proptest::collection::vec(
                (date(), 0.0f64..5.0, proptest::option::of(date())).prop_map(
                    |(due_on, weight, achieved_on)| MilestoneState {
                        due_on,
                        weight,
                        achieved_on,
                    },
                ),
                0..5,
            )
        }

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
                0..6,
            )
        }

        /// Actions of several countries.
        fn countries() -> impl Strategy<Value = Vec<Vec<ActionState>>> {
            proptest::collection::vec(actions(), 1..4)
        }

        fn in_unit(value: f64) -> bool {
            (0.0..=1.0 + 1e-12).contains(&value)
        }

        fn regional(countries: &[Vec<ActionState>], as_of: NaiveDate) -> Option<Progress> {
            regional_progress(
                countries
                    .iter()
                    .map(|actions| country_progress(actions, as_of)),
            )
        }

        proptest! {
            #[test]
            fn every_progress_is_between_zero_and_one(countries in countries(), as_of in date()) {
                for actions in &countries {
                    for action in actions {
                        if let Some(progress) = action.progress(as_of) {
                            prop_assert!(in_unit(progress), "{progress}");
                        }
                        if let Some(expected) = action.expected(as_of) {
                            prop_assert!(in_unit(expected), "{expected}");
                        }
                    }
                    if let Some(progress) = country_progress(actions, as_of) {
                        prop_assert!(in_unit(progress.actual) && in_unit(progress.expected));
                    }
                }
                if let Some(region) = regional(&countries, as_of) {
                    prop_assert!(in_unit(region.actual) && in_unit(region.expected));
                }
            }

            #[test]
            fn achieving_a_milestone_never_lowers_any_mean(
                countries in countries(),
                as_of in date(),
                pick in any::<prop::sample::Index>(),
                achieved_on in date(),
            ) {
                let unachieved: Vec<(usize, usize, usize)> = countries
                    .iter()
                    .enumerate()
                    .flat_map(|(c, actions)| {
                        actions.iter().enumerate().flat_map(move |(a, action)| {
                            action
                                .milestones
                                .iter()
                                .enumerate()
                                .filter(|(_, m)| m.achieved_on.is_none())
                                .map(move |(m, _)| (c, a, m))
                        })
                    })
                    .collect();
                prop_assume!(!unachieved.is_empty());
                let (c, a, m) = unachieved[pick.index(unachieved.len())];
                let mut after = countries.clone();
                after[c][a].milestones[m].achieved_on = Some(achieved_on);

                let not_lower = |before: Option<Progress>, after: Option<Progress>| match (before, after) {
                    (Some(before), Some(after)) => after.actual >= before.actual - 1e-12,
                    (before, after) => before.is_none() == after.is_none(),
                };
                prop_assert!(not_lower(
                    country_progress(&countries[c], as_of),
                    country_progress(&after[c], as_of)
                ));
                prop_assert!(not_lower(regional(&countries, as_of), regional(&after, as_of)));
                let before_action = countries[c][a].progress(as_of);
                let after_action = after[c][a].progress(as_of);
                prop_assert!(after_action.unwrap_or(0.0) >= before_action.unwrap_or(0.0) - 1e-12);
            }
        }
    }
}
