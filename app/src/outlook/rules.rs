//! The outlook's pure rules: a warning's reason in words, and how a backtest's cases are summed up.

use super::types::{Accuracy, WarningLine};
use crate::i18n::{format_date, format_number, t, t_args, Lang};
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
                // A slow pace keeps its first figures: 0.04 a month is not 0.0.
                (
                    "pace",
                    format_number(lang, per_month, if per_month < 0.1 { 2 } else { 1 }).into(),
                ),
                ("remaining", remaining.into()),
            ],
        ),
    }
}

/// What a warning is about: its milestone, or the whole action.
pub fn warning_subject(line: &WarningLine, lang: Lang) -> String {
    line.milestone.as_ref().map_or_else(
        || t(lang, "outlook-whole-action"),
        |m| m.get(lang).to_owned(),
    )
}

/// When a warning's milestone or action is projected: the day, or not at this pace.
pub fn warning_projected(line: &WarningLine, lang: Lang) -> String {
    line.projected.as_ref().map_or_else(
        || t(lang, "outlook-not-at-this-pace"),
        |day| format_date(lang, day),
    )
}

/// How many early warnings a digest lists; the rest are on the outlook page.
#[cfg(feature = "ssr")]
pub const DIGEST_WARNINGS: usize = 10;

/// The monthly digest of the country `view` shows, in `lang`: its subject and text. Where the
/// country will stand at the plan's end, its early warnings (the first `DIGEST_WARNINGS`), the
/// link to its outlook page when the installation's address is known, and why it was sent.
#[cfg(feature = "ssr")]
pub fn digest_text(
    view: &super::types::OutlookView,
    link: Option<&str>,
    lang: Lang,
) -> (String, String) {
    let row = view
        .rows
        .iter()
        .find(|row| Some(&row.iso2) == view.country.as_ref());
    let country = row.map_or_else(
        || view.country.clone().unwrap_or_default(),
        |row| row.name.get(lang).to_owned(),
    );
    let date = format_date(lang, &view.as_of);
    let subject = t_args(
        lang,
        "digest-subject",
        &[
            ("country", country.clone().into()),
            ("date", date.clone().into()),
        ],
    );
    let mut text = t_args(
        lang,
        "digest-intro",
        &[("country", country.into()), ("date", date.into())],
    );
    if let (Some(row), Ok(plan_end)) = (row, view.plan_end.parse::<chrono::NaiveDate>()) {
        text.push_str("\n\n");
        text.push_str(&crate::dashboards::assemble::outlook_sentence(
            &row.name,
            row.projected.map(|p| p.at_end),
            row.unfinished,
            plan_end,
            lang,
        ));
    }
    text.push_str("\n\n");
    text.push_str(&digest_warnings(&view.warnings, lang));
    if let Some(link) = link {
        text.push_str("\n\n");
        text.push_str(&t_args(lang, "digest-link", &[("link", link.into())]));
    }
    text.push_str("\n\n");
    text.push_str(&t(lang, "digest-why"));
    (subject, text)
}

/// The digest's early warnings, one a line, or that there are none.
#[cfg(feature = "ssr")]
fn digest_warnings(warnings: &[WarningLine], lang: Lang) -> String {
    if warnings.is_empty() {
        return t(lang, "digest-no-warnings");
    }
    let mut lines = vec![t_args(
        lang,
        "digest-warnings-heading",
        &[("count", warnings.len().into())],
    )];
    lines.extend(warnings.iter().take(DIGEST_WARNINGS).map(|line| {
        t_args(
            lang,
            "digest-warning",
            &[
                ("code", line.code.clone().into()),
                ("what", warning_subject(line, lang).into()),
                ("due", format_date(lang, &line.due_on).into()),
                ("projected", warning_projected(line, lang).into()),
                ("reason", reason_text(lang, line.reason).into()),
            ],
        )
    }));
    if warnings.len() > DIGEST_WARNINGS {
        lines.push(t_args(
            lang,
            "digest-more-warnings",
            &[("count", (warnings.len() - DIGEST_WARNINGS).into())],
        ));
    }
    lines.join("\n")
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
        let slower = Reason::TooSlow {
            per_month: 0.04,
            remaining: 9,
        };
        assert!(reason_text(Lang::En, slower).contains("at its pace of 0.04 milestones a month"));
        assert_eq!(
            reason_text(Lang::En, Reason::Late { days: 1 }),
            "milestones are reached one day after their due date, at the median"
        );
        assert!(reason_text(Lang::Es, Reason::Late { days: 120 }).contains("120"));
        assert!(!reason_text(Lang::En, Reason::NothingAchievedYet).is_empty());
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn a_digest_says_where_the_country_will_stand_and_lists_its_first_ten_warnings() {
        use super::super::types::{CountryOutlookRow, OutlookView, ProjectedRow, WarningLine};
        use crate::domain::{AsOfShown, Bilingual};

        let warning = |n: usize| WarningLine {
            iso2: "CR".into(),
            country: Bilingual::new("Costa Rica", "Costa Rica"),
            code: format!("1.{n}"),
            action: Bilingual::new("An action", "Una acción"),
            milestone: n
                .is_multiple_of(2)
                .then(|| Bilingual::new("A law", "Una ley")),
            due_on: "2027-03-31".into(),
            projected: n.is_multiple_of(3).then(|| "2027-09-30".into()),
            reason: Reason::NoneAchievedFor { months: 14 },
        };
        let view = |warnings: Vec<WarningLine>| OutlookView {
            as_of: "2026-10-15".into(),
            shown: AsOfShown::default(),
            plan_end: "2029-12-31".into(),
            country: Some("CR".into()),
            countries: vec![("CR".into(), Bilingual::new("Costa Rica", "Costa Rica"))],
            notice: None,
            region: None,
            themes: Vec::new(),
            rows: vec![CountryOutlookRow {
                iso2: "CR".into(),
                name: Bilingual::new("Costa Rica", "Costa Rica"),
                projected: Some(ProjectedRow {
                    now: Some(0.2),
                    at_end: Projected {
                        low: 0.4,
                        central: 0.6,
                        high: 0.8,
                    },
                }),
                pace: Some(0.5),
                lateness_days: 30,
                last_achieved: Some("2026-09-01".into()),
                unfinished: 2,
            }],
            warnings_paging: crate::domain::Paging::read(None, warnings.len(), warnings.len()),
            warnings,
        };

        let (subject, text) = digest_text(
            &view((1..=12).map(warning).collect()),
            Some("https://enlace.example/outlook?country=cr"),
            Lang::En,
        );
        assert_eq!(subject, "Enlace: the outlook for Costa Rica on 15 Oct 2026");
        assert!(
            text.contains("would reach 60% of its plan by 31 Dec 2029"),
            "{text}"
        );
        assert!(
            text.contains("from 40% at its slowest pace to 80% at its fastest"),
            "{text}"
        );
        assert!(text.contains("with 2 actions not complete"), "{text}");
        let lines: Vec<&str> = text.lines().filter(|l| l.starts_with("- ")).collect();
        assert_eq!(lines.len(), DIGEST_WARNINGS);
        assert_eq!(
            lines[0],
            "- 1.1, The whole action: due 31 Mar 2027; projected: Not at this pace \
             (no milestone achieved in 14 months)."
        );
        assert_eq!(
            lines[5],
            "- 1.6, A law: due 31 Mar 2027; projected: 30 Sep 2027 \
             (no milestone achieved in 14 months)."
        );
        assert!(text.contains("Early warnings (12)"), "{text}");
        assert!(text.contains("…and 2 more on the outlook page."), "{text}");
        assert!(text.contains("https://enlace.example/outlook?country=cr"));

        let (subject, text) = digest_text(&view(Vec::new()), None, Lang::Es);
        assert_eq!(
            subject,
            "Enlace: la proyección de Costa Rica al 15 oct 2026"
        );
        assert!(text.contains("Ningún hito se proyecta"), "{text}");
        assert!(!text.contains("http"), "{text}");
    }
}
