//! What the indicator pages receive and send, and the indicators' figures: a country's values, their
//! standing against the target, and their trend.

use crate::rounds::rules::Timeliness;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::rules::ValueForm;
use crate::domain::{AsOfShown, Assessable, Bilingual, Direction, IndicatorKind, SubmissionState};
use crate::progress::indicators::{
    assess, projected_value, ArticleScore, Assessment, Observation, Target, Trend,
};

/// An indicator of the catalogue, as every indicator page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IndicatorInfo {
    pub code: String,
    pub article: i32,
    pub provision: String,
    pub name: Bilingual,
    pub kind: IndicatorKind,
    pub direction: Direction,
    /// `protocol_text` or `composed`.
    pub basis: String,
    pub retired: bool,
}

/// A country's value of an indicator in a year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ValueCell {
    pub year: i32,
    pub value: f64,
    pub numerator: Option<f64>,
    pub denominator: Option<f64>,
    pub source: String,
    pub note: Option<String>,
    pub state: SubmissionState,
}

impl ValueCell {
    pub fn is_validated(&self) -> bool {
        self.state == SubmissionState::Validated
    }
}

/// A country's baseline and target for an indicator.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct TargetInfo {
    pub baseline_year: i32,
    pub baseline_value: f64,
    pub target_year: i32,
    pub target_value: f64,
    /// Proposed by the country and not yet set by the secretariat: shown, not used to assess.
    pub proposed: bool,
}

/// Where a country stands on an indicator: the assessment against its target (from its validated
/// values and a target the secretariat set) and the trend of its last two validated values.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Standing {
    pub assessment: Option<Assessment>,
    pub trend: Option<Trend>,
}

impl Standing {
    /// From the country's values (any order; only validated ones count) and target.
    pub fn of(
        kind: IndicatorKind,
        direction: Direction,
        target: Option<&TargetInfo>,
        values: &[ValueCell],
    ) -> Self {
        let mut validated: Vec<Observation> = values
            .iter()
            .filter(|cell| cell.is_validated())
            .map(|cell| Observation {
                year: cell.year,
                value: cell.value,
            })
            .collect();
        validated.sort_by_key(|o| o.year);
        let latest = validated.last().copied();
        let trend = match validated.as_slice() {
            [.., previous, last] => Some(Trend::of(direction, previous.value, last.value)),
            _ => None,
        };
        let assessment = target.filter(|t| !t.proposed).and_then(|t| {
            let target = Target {
                baseline: Observation {
                    year: t.baseline_year,
                    value: t.baseline_value,
                },
                target: Observation {
                    year: t.target_year,
                    value: t.target_value,
                },
            };
            assess(kind, direction, &target, latest)
        });
        Standing { assessment, trend }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArticleWithIndicators {
    pub number: i32,
    pub chapter: String,
    pub title: Bilingual,
    pub assessable: Assessable,
    pub indicators: Vec<IndicatorInfo>,
}

/// An article as a form offers it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArticleOption {
    pub number: i32,
    pub title: Bilingual,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CatalogueView {
    pub articles: Vec<ArticleWithIndicators>,
    /// Whether the viewer may add, edit and retire indicators.
    pub can_manage: bool,
}

/// An indicator as the secretariat's form sends it, every field as typed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct IndicatorForm {
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub article: String,
    #[serde(default)]
    pub provision: String,
    #[serde(default)]
    pub name_en: String,
    #[serde(default)]
    pub name_es: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub direction: String,
    #[serde(default)]
    pub basis: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CountryIndicatorsView {
    pub iso2: String,
    pub country: Bilingual,
    /// The years that have a reporting round, newest first.
    pub round_years: Vec<i32>,
    /// The round shown.
    pub year: Option<i32>,
    /// The catalogue key of a notice about the address (an unknown round).
    pub notice: Option<String>,
    pub submission: Option<SubmissionInfo>,
    /// The years that have a value the viewer may see, ascending.
    pub years: Vec<i32>,
    pub articles: Vec<ArticleIndicators>,
    pub can_edit: bool,
    pub can_submit: bool,
    pub can_decide: bool,
    pub can_reopen: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SubmissionInfo {
    pub state: SubmissionState,
    pub version: i32,
    /// `YYYY-MM-DD`
    pub due_on: String,
    pub submitted_on: Option<String>,
    pub validated_on: Option<String>,
    /// Why the secretariat returned or reopened it, while it is back with the country.
    pub return_reason: Option<String>,
    pub timeliness: Timeliness,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArticleIndicators {
    pub number: i32,
    pub title: Bilingual,
    pub rows: Vec<CountryIndicatorRow>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CountryIndicatorRow {
    pub info: IndicatorInfo,
    pub values: Vec<ValueCell>,
    /// The value of the round's year, if any.
    pub current: Option<ValueCell>,
    pub target: Option<TargetInfo>,
    pub standing: Standing,
}

/// The values form of a country for a round's year, as the browser sends it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ValuesForm {
    pub country: String,
    pub year: i32,
    pub version: i32,
    #[serde(default)]
    pub values: Vec<ValueForm>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IndicatorView {
    pub info: IndicatorInfo,
    pub article_title: Bilingual,
    /// The day shown: on a past day, the values validated by then alone.
    pub as_of: AsOfShown,
    /// The years that have a value the viewer may see, ascending.
    pub years: Vec<i32>,
    pub rows: Vec<IndicatorCountryRow>,
    pub can_manage: bool,
    pub articles: Vec<ArticleOption>,
    /// The countries whose baseline and target the viewer may set or propose.
    pub target_countries: Vec<(String, Bilingual)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IndicatorCountryRow {
    pub iso2: String,
    pub country: Bilingual,
    pub values: Vec<ValueCell>,
    pub target: Option<TargetInfo>,
    pub standing: Standing,
}

/// A baseline and target as the form sends them, every field as typed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TargetForm {
    pub indicator: String,
    #[serde(default)]
    pub country: String,
    #[serde(default)]
    pub baseline_year: String,
    #[serde(default)]
    pub baseline_value: String,
    #[serde(default)]
    pub target_year: String,
    #[serde(default)]
    pub target_value: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScorecardView {
    /// The articles that have yes/no or scale indicators, in order.
    pub articles: Vec<ArticleOption>,
    pub rows: Vec<ScorecardRow>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScorecardRow {
    pub iso2: String,
    pub country: Bilingual,
    /// The latest year with validated values; `None` when the country has none yet.
    pub year: Option<i32>,
    /// One score per article of the view.
    pub scores: Vec<ArticleScore>,
}
/// The scorecard page: the scorecard on the day shown.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScorecardOn {
    pub card: ScorecardView,
    pub as_of: AsOfShown,
}

/// What the article scorecard is computed from, read once: the articles scored, the member
/// countries, and every validated value of a scored indicator (yes/no or 0–4 scale, not retired),
/// with the day its submission was validated. The scorecard of any year and any day follows from it
/// without reading again (`ScorecardSource::view`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ScorecardSource {
    pub articles: Vec<ArticleOption>,
    /// The member countries: id, ISO code and name.
    pub countries: Vec<(i32, String, Bilingual)>,
    pub values: Vec<ScoredValue>,
}

/// A validated value of a scored indicator.
#[derive(Clone, Debug, PartialEq)]
pub struct ScoredValue {
    pub country_id: i32,
    pub year: i32,
    pub article: i32,
    pub kind: IndicatorKind,
    pub direction: Direction,
    pub value: f64,
    /// The day its submission was validated; `None` when not recorded: it counts on any day.
    pub validated_on: Option<NaiveDate>,
}

impl ScorecardSource {
    /// The scorecard from the values of `up_to` and earlier years (every year for `None`) that were
    /// validated on or before `known_on` (whenever for `None`): each country in its latest such year.
    pub fn view(&self, up_to: Option<i32>, known_on: Option<NaiveDate>) -> ScorecardView {
        let known: Vec<&ScoredValue> = self
            .values
            .iter()
            .filter(|v| up_to.is_none_or(|year| v.year <= year))
            .filter(|v| {
                known_on.is_none_or(|day| v.validated_on.is_none_or(|validated| validated <= day))
            })
            .collect();
        let rows = self
            .countries
            .iter()
            .map(|(id, iso2, name)| {
                let own: Vec<&&ScoredValue> =
                    known.iter().filter(|v| v.country_id == *id).collect();
                let year = own.iter().map(|v| v.year).max();
                let scores = self
                    .articles
                    .iter()
                    .map(|article| {
                        let values: Vec<(IndicatorKind, Direction, f64)> = own
                            .iter()
                            .filter(|v| Some(v.year) == year && v.article == article.number)
                            .map(|v| (v.kind, v.direction, v.value))
                            .collect();
                        crate::progress::indicators::article_score(&values)
                    })
                    .collect();
                ScorecardRow {
                    iso2: iso2.clone(),
                    country: name.clone(),
                    year,
                    scores,
                }
            })
            .collect();
        ScorecardView {
            articles: self.articles.clone(),
            rows,
        }
    }
}

/// A country's validated values of an indicator that has a target the secretariat set, each with the
/// day its submission was validated (`None` when not recorded: it counts on any day).
#[derive(Clone, Debug, PartialEq)]
pub struct IndicatorSeries {
    pub country_id: i32,
    pub code: String,
    pub name: Bilingual,
    pub kind: IndicatorKind,
    pub direction: Direction,
    pub target: TargetInfo,
    pub values: Vec<(Option<NaiveDate>, ValueCell)>,
}

/// An indicator's trend in a country as known on a day: the baseline, the values validated by then,
/// its standing, and the values projected from the baseline's trend up to the target year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IndicatorTrend {
    pub code: String,
    pub name: Bilingual,
    pub kind: IndicatorKind,
    pub target: TargetInfo,
    /// Validated values, oldest first.
    pub observations: Vec<Observation>,
    pub standing: Standing,
    /// From the latest value to the target year, one point a year; empty without a value.
    pub projection: Vec<Observation>,
}

impl IndicatorSeries {
    /// The trend as known on `as_of`: only values validated by then count.
    pub fn trend_on(&self, as_of: NaiveDate) -> IndicatorTrend {
        let known: Vec<ValueCell> = self
            .values
            .iter()
            .filter(|(validated_on, _)| validated_on.is_none_or(|day| day <= as_of))
            .map(|(_, cell)| cell.clone())
            .collect();
        let standing = Standing::of(self.kind, self.direction, Some(&self.target), &known);
        let mut observations: Vec<Observation> = known
            .iter()
            .filter(|cell| cell.is_validated())
            .map(|cell| Observation {
                year: cell.year,
                value: cell.value,
            })
            .collect();
        observations.sort_by_key(|o| o.year);
        let baseline = Observation {
            year: self.target.baseline_year,
            value: self.target.baseline_value,
        };
        let projection = match observations.last() {
            Some(latest) if latest.year < self.target.target_year => (latest.year
                ..=self.target.target_year)
                .map(|year| Observation {
                    year,
                    value: projected_value(self.kind, baseline, *latest, year),
                })
                .collect(),
            _ => Vec::new(),
        };
        IndicatorTrend {
            code: self.code.clone(),
            name: self.name.clone(),
            kind: self.kind,
            target: self.target,
            observations,
            standing,
            projection,
        }
    }
}

/// A country's indicator in a year (as the annual report shows it): its validated value for the year, and where it stands
/// with the values validated up to the year and up to the year before.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IndicatorOfYear {
    pub code: String,
    pub name: Bilingual,
    pub kind: IndicatorKind,
    pub value: Option<f64>,
    pub standing: Standing,
    pub before: Standing,
}

impl IndicatorOfYear {
    /// Whether it complies: assessed on track against its target.
    pub fn complies(standing: &Standing) -> Option<bool> {
        standing
            .assessment
            .map(|a| a.status == crate::progress::ScheduleStatus::OnTrack)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::ScheduleStatus;

    fn cell(year: i32, value: f64, state: SubmissionState) -> ValueCell {
        ValueCell {
            year,
            value,
            numerator: None,
            denominator: None,
            source: "s".into(),
            note: None,
            state,
        }
    }

    const TARGET: TargetInfo = TargetInfo {
        baseline_year: 2022,
        baseline_value: 10.0,
        target_year: 2028,
        target_value: 40.0,
        proposed: false,
    };

    #[test]
    fn only_validated_values_and_set_targets_count() {
        let values = [
            cell(2024, 20.0, SubmissionState::Validated),
            cell(2023, 15.0, SubmissionState::Validated),
            cell(2025, 90.0, SubmissionState::Draft),
        ];
        let standing = Standing::of(
            IndicatorKind::Count,
            Direction::Higher,
            Some(&TARGET),
            &values,
        );
        assert_eq!(standing.trend, Some(Trend::Improving));
        // 10 → 20 in two years is ×√2 a year; six years from 2022 give 10 × 2³ = 80 ≥ 40.
        let assessment = standing.assessment.unwrap();
        assert!((assessment.projected - 80.0).abs() < 1e-9);
        assert_eq!(assessment.status, ScheduleStatus::OnTrack);

        let proposed = TargetInfo {
            proposed: true,
            ..TARGET
        };
        let standing = Standing::of(
            IndicatorKind::Count,
            Direction::Higher,
            Some(&proposed),
            &values,
        );
        assert_eq!(standing.assessment, None);
        let drafts = [cell(2025, 90.0, SubmissionState::Submitted)];
        assert_eq!(
            Standing::of(
                IndicatorKind::Count,
                Direction::Higher,
                Some(&TARGET),
                &drafts
            ),
            Standing::default()
        );
    }

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn an_indicator_trend_counts_the_values_validated_by_the_day_and_projects_them() {
        use crate::domain::SubmissionState::{Submitted, Validated};
        let series = IndicatorSeries {
            country_id: 1,
            code: "ART6-02".into(),
            name: Bilingual::new("Prosecutions", "Procesamientos"),
            kind: IndicatorKind::Count,
            direction: Direction::Higher,
            target: TargetInfo {
                baseline_year: 2024,
                baseline_value: 100.0,
                target_year: 2029,
                target_value: 150.0,
                proposed: false,
            },
            values: vec![
                (Some(day("2026-03-01")), cell(2025, 110.0, Validated)),
                (Some(day("2027-02-01")), cell(2026, 121.0, Validated)),
                (None, cell(2027, 500.0, Submitted)),
            ],
        };
        let close = |a: &[Observation], b: &[(i32, f64)]| {
            assert_eq!(a.len(), b.len(), "{a:?}");
            for (o, (year, value)) in a.iter().zip(b) {
                assert_eq!(o.year, *year);
                assert!((o.value - value).abs() < 1e-9, "{a:?}");
            }
        };

        // Before the 2026 value was validated: 10 % growth a year from 100, 1.1⁵ × 100 by 2029.
        let early = series.trend_on(day("2026-12-31"));
        close(&early.observations, &[(2025, 110.0)]);
        close(
            &early.projection,
            &[
                (2025, 110.0),
                (2026, 121.0),
                (2027, 133.1),
                (2028, 146.41),
                (2029, 161.051),
            ],
        );
        let assessment = early.standing.assessment.unwrap();
        // (161.051 − 100) ÷ (150 − 100)
        assert!((assessment.score.unwrap() - 1.22102).abs() < 1e-9);
        assert_eq!(assessment.status, crate::progress::ScheduleStatus::OnTrack);

        // Once it was: the submitted 2027 value still does not count.
        let later = series.trend_on(day("2027-03-01"));
        close(&later.observations, &[(2025, 110.0), (2026, 121.0)]);
        close(
            &later.projection,
            &[
                (2026, 121.0),
                (2027, 133.1),
                (2028, 146.41),
                (2029, 161.051),
            ],
        );

        // Before any value was validated: no projection, no assessment.
        let none = series.trend_on(day("2026-01-01"));
        assert!(none.observations.is_empty() && none.projection.is_empty());
        assert_eq!(none.standing.assessment, None);
    }
}
