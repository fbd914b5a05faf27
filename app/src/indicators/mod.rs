//! The Protocol-compliance indicators: the catalogue grouped by Protocol article (`/protocol`), one
//! indicator across countries (`/indicators/{code}`), a country's values by year with their entry
//! form and submission (`/countries/{iso2}/indicators`), and the article scorecard (`/scorecard`).
//! Only validated values count in assessments and the scorecard; a country and the secretariat also
//! see the country's values not yet validated.

pub mod catalogue;
pub mod country;
pub mod entry;
pub mod indicator;
pub mod scorecard;

#[cfg(feature = "ssr")]
pub mod queries;
#[cfg(feature = "ssr")]
pub mod service;

use serde::{Deserialize, Serialize};

use crate::domain::{Bilingual, Direction, IndicatorKind, SubmissionState};
use crate::i18n::{format_number, t, Lang};
use crate::progress::indicators::{assess, Assessment, Observation, Target, Trend};

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

/// The catalogue key of a 0–4 maturity level's description.
pub fn scale_level_key(level: u8) -> &'static str {
    match level {
        0 => "scale-level-0",
        1 => "scale-level-1",
        2 => "scale-level-2",
        3 => "scale-level-3",
        _ => "scale-level-4",
    }
}

/// A value of an indicator of `kind`, written for `lang`: yes or no, a count, a percentage, a
/// number, or a scale level with its description.
pub fn format_value(lang: Lang, kind: IndicatorKind, value: f64) -> String {
    match kind {
        IndicatorKind::YesNo if value >= 1.0 => t(lang, "answer-yes"),
        IndicatorKind::YesNo => t(lang, "answer-no"),
        IndicatorKind::Count => format_number(lang, value, 0),
        IndicatorKind::Percentage => crate::i18n::t_args(
            lang,
            "percent-value",
            &[("value", format_number(lang, value, 1).into())],
        ),
        IndicatorKind::Number => format_number(lang, value, 2),
        IndicatorKind::Scale0To4 => {
            let level = value.round().clamp(0.0, 4.0) as u8;
            format!("{level} · {}", t(lang, scale_level_key(level)))
        }
    }
}

/// The longest indicator code.
pub const MAX_INDICATOR_CODE: usize = 20;

/// An indicator's code as stored (`LEG-05`), from what a form or an address holds (`leg-05 `);
/// `None` when it cannot be one: 2 to 20 letters, digits, dots or hyphens, at least one of them a
/// letter or a digit (so that no code reads as `..` in an address).
pub fn indicator_code(text: &str) -> Option<String> {
    let code = text.trim().to_ascii_uppercase();
    let allowed = code
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.');
    let meaningful = code.chars().any(|c| c.is_ascii_alphanumeric());
    ((2..=MAX_INDICATOR_CODE).contains(&code.len()) && allowed && meaningful).then_some(code)
}

/// The address of a country's indicator page for a round's year.
pub fn country_indicators_path(iso2: &str, year: Option<i32>) -> String {
    let base = format!("/countries/{}/indicators", iso2.to_ascii_lowercase());
    match year {
        Some(year) => format!("{base}?year={year}"),
        None => base,
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

    #[test]
    fn values_are_written_by_kind_and_language() {
        assert_eq!(format_value(Lang::En, IndicatorKind::YesNo, 1.0), "Yes");
        assert_eq!(format_value(Lang::Es, IndicatorKind::YesNo, 0.0), "No");
        assert_eq!(
            format_value(Lang::Es, IndicatorKind::Percentage, 37.5),
            "37,5\u{a0}%"
        );
        assert_eq!(
            format_value(Lang::En, IndicatorKind::Percentage, 37.5),
            "37.5%"
        );
        assert_eq!(
            format_value(Lang::En, IndicatorKind::Count, 1200.0),
            "1,200"
        );
        assert_eq!(
            format_value(Lang::En, IndicatorKind::Scale0To4, 3.0),
            "3 · Operational"
        );
        assert_eq!(
            country_indicators_path("CR", Some(2026)),
            "/countries/cr/indicators?year=2026"
        );
    }
}
