//! The outlook's pure rules: a warning's reason in words, and how a backtest's cases are summed up.

use super::types::Accuracy;
use crate::i18n::{format_number, t_args, Lang};
use crate::progress::mean;
use crate::progress::outlook::{Projected, Reason};

/// Why a date is projected late, in words: "no milestone achieved in 14 months".
pub fn reason_text(lang: Lang, reason: Reason) -> String {
    match reason {
        Reason::NothingAchievedYet => t_args(lang, "outlook-reason-nothing-yet", &[]),
        Reason::NoneAchievedFor { months } => t_args(
            lang,
            "outlook-reason-none-for",
            &[("months", months.into())],
        ),
        Reason::Late { days } => t_args(lang, "outlook-reason-late", &[("days", days.into())]),
        Reason::TooSlow {
            per_month,
            remaining,
        } => t_args(
            lang,
            "outlook-reason-too-slow",
            &[
                ("pace", format_number(lang, per_month, 1).into()),
                ("remaining", remaining.into()),
            ],
        ),
    }
}

/// One projection checked against what happened: the projection for a day, the progress actually
/// made by that day, and the progress on the day the projection was made.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Case {
    pub projected: Projected,
    pub actual: f64,
    pub at_start: f64,
}

/// The errors of the projections `months` ahead over `cases`; `None` without cases.
pub fn accuracy(months: u32, cases: &[Case]) -> Option<Accuracy> {
    let error = |case: &Case| case.projected.central - case.actual;
    Some(Accuracy {
        months,
        cases: cases.len(),
        mean_absolute_error: mean(cases.iter().map(|c| error(c).abs()))?,
        bias: mean(cases.iter().map(error))?,
        within_range: mean(cases.iter().map(|c| {
            // A hair of tolerance: a range of one value holds the same value computed apart.
            let within = c.projected.low - 1e-9 <= c.actual && c.actual <= c.projected.high + 1e-9;
            f64::from(u8::from(within))
        }))?,
        no_change_error: mean(cases.iter().map(|c| (c.at_start - c.actual).abs()))?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case(low: f64, central: f64, high: f64, actual: f64, at_start: f64) -> Case {
        Case {
            projected: Projected { low, central, high },
            actual,
            at_start,
        }
    }

    #[test]
    fn accuracy_by_hand() {
        let cases = [
            // projected 0.50, happened 0.40: error +0.10, inside 0.35–0.55; no change: 0.30 → 0.10
            case(0.35, 0.50, 0.55, 0.40, 0.30),
            // projected 0.20, happened 0.30: error −0.10, outside 0.15–0.25; no change: 0.20 → 0.10
            case(0.15, 0.20, 0.25, 0.30, 0.20),
            // exact, a range of one value: error 0, inside; no change: 0.60 → 0.00
            case(0.60, 0.60, 0.60, 0.60, 0.60),
        ];
        let summary = accuracy(6, &cases).unwrap();
        assert_eq!(summary.months, 6);
        assert_eq!(summary.cases, 3);
        // (0.10 + 0.10 + 0) ÷ 3
        assert!((summary.mean_absolute_error - 0.2 / 3.0).abs() < 1e-12);
        // (0.10 − 0.10 + 0) ÷ 3
        assert!(summary.bias.abs() < 1e-12);
        assert!((summary.within_range - 2.0 / 3.0).abs() < 1e-12);
        // (0.10 + 0.10 + 0) ÷ 3
        assert!((summary.no_change_error - 0.2 / 3.0).abs() < 1e-12);
        assert_eq!(accuracy(3, &[]), None);
    }

    #[test]
    fn reasons_are_said_in_both_languages() {
        let reason = Reason::NoneAchievedFor { months: 14 };
        assert_eq!(
            reason_text(Lang::En, reason),
            "no milestone achieved in 14 months"
        );
        assert_eq!(
            reason_text(Lang::Es, reason),
            "ningún hito alcanzado en 14 meses"
        );
        let slow = Reason::TooSlow {
            per_month: 0.25,
            remaining: 9,
        };
        assert!(reason_text(Lang::En, slow).contains("9 remaining milestones"));
        assert!(reason_text(Lang::Es, Reason::Late { days: 120 }).contains("120"));
        assert!(!reason_text(Lang::En, Reason::NothingAchievedYet).is_empty());
    }
}
