//! How Protocol-compliance indicators are assessed (DESIGN.md, "How progress is computed"): the value
//! projected to the target year from the trend since the baseline, the score of that projection
//! against the target, and the article scorecard of a country. Pure, like the rest of `progress`.

use serde::{Deserialize, Serialize};

use super::ScheduleStatus;
use crate::domain::{Direction, IndicatorKind};

/// Score thresholds of an indicator's projection against its target.
pub const ON_TRACK_SCORE: f64 = 0.95;
pub const NEEDS_ACCELERATION_SCORE: f64 = 0.10;

/// A value of an indicator in a year.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Observation {
    pub year: i32,
    pub value: f64,
}

/// Where an indicator started for a country, and where it should be by a year.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Target {
    pub baseline: Observation,
    pub target: Observation,
}

/// An indicator's assessment: the value projected to the target year, its score (`None` for yes/no
/// indicators, which are met or not) and the status it gives.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Assessment {
    pub projected: f64,
    pub score: Option<f64>,
    pub status: ScheduleStatus,
}

/// Whether `value` is at the target or beyond it, in the desired direction.
fn meets(direction: Direction, value: f64, target: f64) -> bool {
    match direction {
        Direction::Higher => value >= target,
        Direction::Lower => value <= target,
    }
}

/// The value expected in `year` if the trend from `baseline` to `latest` goes on: compound annual
/// growth for counts, numbers and percentages, a straight line for yes/no and scale indicators, and
/// for any series that starts or ends at zero or below, where a growth rate means nothing. With no
/// later observation, or at or after `year`, the latest value stands.
pub fn projected_value(
    kind: IndicatorKind,
    baseline: Observation,
    latest: Observation,
    year: i32,
) -> f64 {
    let elapsed = latest.year - baseline.year;
    if elapsed <= 0 || latest.year >= year {
        return latest.value;
    }
    let span = f64::from(year - baseline.year) / f64::from(elapsed);
    let linear = matches!(kind, IndicatorKind::YesNo | IndicatorKind::Scale0To4)
        || baseline.value <= 0.0
        || latest.value <= 0.0;
    let projected = if linear {
        baseline.value + (latest.value - baseline.value) * span
    } else {
        baseline.value * (latest.value / baseline.value).powf(span)
    };
    match kind {
        IndicatorKind::YesNo => projected.clamp(0.0, 1.0),
        IndicatorKind::Scale0To4 => projected.clamp(0.0, 4.0),
        IndicatorKind::Percentage => projected.clamp(0.0, 100.0),
        IndicatorKind::Count | IndicatorKind::Number => projected.max(0.0),
    }
}

/// The assessment of an indicator of `kind` and desired `direction` for a country, from its target and
/// its latest value; `None` without a value.
///
/// A yes/no indicator is on track when met and off track otherwise. Any other is on track once its
/// latest value meets the target; else its score is (projected − baseline) ÷ (target − baseline),
/// which mirrors itself for indicators whose desired direction is lower.
pub fn assess(
    kind: IndicatorKind,
    direction: Direction,
    target: &Target,
    latest: Option<Observation>,
) -> Option<Assessment> {
    let latest = latest?;
    if kind == IndicatorKind::YesNo {
        let met = meets(direction, latest.value, target.target.value);
        return Some(Assessment {
            projected: latest.value,
            score: None,
            status: if met {
                ScheduleStatus::OnTrack
            } else {
                ScheduleStatus::OffTrack
            },
        });
    }
    let projected = projected_value(kind, target.baseline, latest, target.target.year);
    let distance = target.target.value - target.baseline.value;
    let score = (distance != 0.0).then(|| (projected - target.baseline.value) / distance);
    let status = if meets(direction, latest.value, target.target.value) {
        ScheduleStatus::OnTrack
    } else {
        match score {
            Some(score) if score >= ON_TRACK_SCORE => ScheduleStatus::OnTrack,
            Some(score) if score >= NEEDS_ACCELERATION_SCORE => ScheduleStatus::NeedsAcceleration,
            _ => ScheduleStatus::OffTrack,
        }
    };
    Some(Assessment {
        projected,
        score,
        status,
    })
}

/// A country's scorecard for one Protocol article: the share of its yes/no indicators met, and the
/// mean of its 0–4 scale indicators ÷ 4; `None` where the article has no such value.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArticleScore {
    pub yes_no_met: Option<f64>,
    pub scale: Option<f64>,
}

/// The scorecard of an article from a country's values of its indicators in the latest validated
/// year: (kind, desired direction, value). Other kinds do not count.
pub fn article_score(values: &[(IndicatorKind, Direction, f64)]) -> ArticleScore {
    let yes_no: Vec<f64> = values
        .iter()
        .filter(|(kind, _, _)| *kind == IndicatorKind::YesNo)
        .map(|(_, direction, value)| {
            let met = match direction {
                Direction::Higher => *value >= 1.0,
                Direction::Lower => *value <= 0.0,
            };
            if met {
                1.0
            } else {
                0.0
            }
        })
        .collect();
    let scale = super::mean(
        values
            .iter()
            .filter(|(kind, _, _)| *kind == IndicatorKind::Scale0To4)
            .map(|(_, _, value)| value / 4.0),
    );
    ArticleScore {
        yes_no_met: super::mean(yes_no),
        scale,
    }
}

/// Which way an indicator moved between its last two values, judged by its desired direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Trend {
    Improving,
    Steady,
    Worsening,
}

impl Trend {
    /// From the previous value to the latest, for an indicator whose desired direction is `direction`.
    pub fn of(direction: Direction, previous: f64, latest: f64) -> Self {
        let change = match direction {
            Direction::Higher => latest - previous,
            Direction::Lower => previous - latest,
        };
        if change > 0.0 {
            Trend::Improving
        } else if change < 0.0 {
            Trend::Worsening
        } else {
            Trend::Steady
        }
    }

    /// The translation catalogue key of the trend's label.
    pub fn label_key(self) -> &'static str {
        match self {
            Trend::Improving => "trend-improving",
            Trend::Steady => "trend-steady",
            Trend::Worsening => "trend-worsening",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(year: i32, value: f64) -> Observation {
        Observation { year, value }
    }

    fn target(baseline: Observation, goal: Observation) -> Target {
        Target {
            baseline,
            target: goal,
        }
    }

    fn close(actual: f64, expected: f64) {
        assert!(
            (actual - expected).abs() < 1e-9,
            "{actual} is not {expected}"
        );
    }

    #[test]
    fn counts_are_projected_by_compound_annual_growth() {
        // 100 in 2025 to 121 in 2027: 10 % a year; by 2029, 121 × 1.1² = 146.41.
        close(
            projected_value(IndicatorKind::Count, at(2025, 100.0), at(2027, 121.0), 2029),
            146.41,
        );
        let goal = target(at(2025, 100.0), at(2029, 150.0));
        let assessed = assess(
            IndicatorKind::Count,
            Direction::Higher,
            &goal,
            Some(at(2027, 121.0)),
        )
        .unwrap();
        // (146.41 − 100) ÷ (150 − 100) = 0.9282: needs acceleration.
        close(assessed.score.unwrap(), 0.9282);
        assert_eq!(assessed.status, ScheduleStatus::NeedsAcceleration);
    }

    #[test]
    fn scale_indicators_are_projected_on_a_straight_line() {
        // From 1 in 2025 to 2 in 2027: one level every two years, 3 by 2029.
        close(
            projected_value(IndicatorKind::Scale0To4, at(2025, 1.0), at(2027, 2.0), 2029),
            3.0,
        );
        let goal = target(at(2025, 1.0), at(2029, 3.0));
        let assessed = assess(
            IndicatorKind::Scale0To4,
            Direction::Higher,
            &goal,
            Some(at(2027, 2.0)),
        )
        .unwrap();
        close(assessed.score.unwrap(), 1.0);
        assert_eq!(assessed.status, ScheduleStatus::OnTrack);
        // Never beyond the scale.
        close(
            projected_value(IndicatorKind::Scale0To4, at(2025, 0.0), at(2026, 3.0), 2029),
            4.0,
        );
    }

    #[test]
    fn a_zero_baseline_is_projected_on_a_straight_line() {
        // 0 in 2025 to 4 in 2026: 4 a year, 16 by 2029; target 20: score 0.8.
        close(
            projected_value(IndicatorKind::Count, at(2025, 0.0), at(2026, 4.0), 2029),
            16.0,
        );
        let assessed = assess(
            IndicatorKind::Count,
            Direction::Higher,
            &target(at(2025, 0.0), at(2029, 20.0)),
            Some(at(2026, 4.0)),
        )
        .unwrap();
        close(assessed.score.unwrap(), 0.8);
        assert_eq!(assessed.status, ScheduleStatus::NeedsAcceleration);
    }

    #[test]
    fn a_target_already_met_is_on_track() {
        let assessed = assess(
            IndicatorKind::Percentage,
            Direction::Higher,
            &target(at(2025, 40.0), at(2029, 60.0)),
            Some(at(2026, 65.0)),
        )
        .unwrap();
        assert_eq!(assessed.status, ScheduleStatus::OnTrack);
    }

    #[test]
    fn lower_is_better_mirrors_the_score() {
        // Median days of a procedure: 200 in 2025, 160 in 2027 (−10.56 % a year), target 100 by 2029.
        // Projected 160 × (160/200) = 128; score (128 − 200) ÷ (100 − 200) = 0.72.
        let assessed = assess(
            IndicatorKind::Number,
            Direction::Lower,
            &target(at(2025, 200.0), at(2029, 100.0)),
            Some(at(2027, 160.0)),
        )
        .unwrap();
        close(assessed.projected, 128.0);
        close(assessed.score.unwrap(), 0.72);
        assert_eq!(assessed.status, ScheduleStatus::NeedsAcceleration);
        // Going the wrong way is off track.
        let worse = assess(
            IndicatorKind::Number,
            Direction::Lower,
            &target(at(2025, 200.0), at(2029, 100.0)),
            Some(at(2027, 220.0)),
        )
        .unwrap();
        assert!(worse.score.unwrap() < 0.0);
        assert_eq!(worse.status, ScheduleStatus::OffTrack);
    }

    #[test]
    fn a_single_data_point_projects_itself() {
        let baseline = at(2025, 30.0);
        close(
            projected_value(IndicatorKind::Count, baseline, baseline, 2029),
            30.0,
        );
        let assessed = assess(
            IndicatorKind::Count,
            Direction::Higher,
            &target(baseline, at(2029, 60.0)),
            Some(baseline),
        )
        .unwrap();
        close(assessed.score.unwrap(), 0.0);
        assert_eq!(assessed.status, ScheduleStatus::OffTrack);
        assert_eq!(
            assess(
                IndicatorKind::Count,
                Direction::Higher,
                &target(baseline, at(2029, 60.0)),
                None
            ),
            None
        );
    }

    #[test]
    fn the_score_thresholds() {
        let goal = target(at(2025, 0.0), at(2029, 100.0));
        let status = |latest: f64| {
            // A value in the target year is its own projection: the score is latest ÷ 100.
            assess(
                IndicatorKind::Number,
                Direction::Higher,
                &goal,
                Some(at(2029, latest)),
            )
            .unwrap()
            .status
        };
        assert_eq!(status(95.0), ScheduleStatus::OnTrack);
        assert_eq!(status(94.9), ScheduleStatus::NeedsAcceleration);
        assert_eq!(status(10.0), ScheduleStatus::NeedsAcceleration);
        assert_eq!(status(9.9), ScheduleStatus::OffTrack);
    }

    #[test]
    fn yes_no_indicators_are_met_or_not() {
        let goal = target(at(2025, 0.0), at(2029, 1.0));
        let status = |value: f64| {
            assess(
                IndicatorKind::YesNo,
                Direction::Higher,
                &goal,
                Some(at(2026, value)),
            )
            .unwrap()
            .status
        };
        assert_eq!(status(1.0), ScheduleStatus::OnTrack);
        assert_eq!(status(0.0), ScheduleStatus::OffTrack);
    }

    #[test]
    fn the_article_scorecard() {
        let score = article_score(&[
            (IndicatorKind::YesNo, Direction::Higher, 1.0),
            (IndicatorKind::YesNo, Direction::Higher, 0.0),
            (IndicatorKind::YesNo, Direction::Lower, 0.0),
            (IndicatorKind::YesNo, Direction::Higher, 1.0),
            (IndicatorKind::Scale0To4, Direction::Higher, 3.0),
            (IndicatorKind::Scale0To4, Direction::Higher, 2.0),
            (IndicatorKind::Count, Direction::Higher, 120.0),
        ]);
        // 3 of 4 yes/no met; scale (3 + 2) ÷ 2 ÷ 4 = 0.625.
        close(score.yes_no_met.unwrap(), 0.75);
        close(score.scale.unwrap(), 0.625);
        assert_eq!(
            article_score(&[(IndicatorKind::Count, Direction::Higher, 3.0)]),
            ArticleScore {
                yes_no_met: None,
                scale: None
            }
        );
    }

    #[test]
    fn trends_follow_the_desired_direction() {
        assert_eq!(Trend::of(Direction::Higher, 3.0, 5.0), Trend::Improving);
        assert_eq!(Trend::of(Direction::Lower, 3.0, 5.0), Trend::Worsening);
        assert_eq!(Trend::of(Direction::Lower, 30.0, 21.5), Trend::Improving);
        assert_eq!(Trend::of(Direction::Higher, 2.0, 2.0), Trend::Steady);
    }
}
