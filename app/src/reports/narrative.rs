//! The report's sentences, written from its figures by the translation catalogue's templates (which
//! carry the plurals and the grammar of each language). Every number in a sentence is one of the
//! report's figures, formatted for the language.

use crate::i18n::{format_date, format_percent, t, t_args, Lang};
use crate::progress::{Progress, ScheduleStatus};

use super::types::{AnnualReport, CountryIndicator, CountrySection};

/// "A", "A and B", "A, B and C" in English; "A y B", "A, B y C" in Spanish, which writes "e"
/// before a word that starts with the sound "i" ("Guatemala e Honduras").
pub fn list(lang: Lang, items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => {
            let and = match lang {
                Lang::En => "and",
                Lang::Es if starts_with_i_sound(last) => "e",
                Lang::Es => "y",
            };
            format!("{} {and} {last}", rest.join(", "))
        }
    }
}

/// A list of at most `most` items, the rest counted: "A, B, C and 12 more".
pub fn short_list(lang: Lang, items: &[String], most: usize) -> String {
    if items.len() <= most {
        return list(lang, items);
    }
    let mut shown = items[..most].to_vec();
    shown.push(t_args(
        lang,
        "list-more",
        &[("count", (items.len() - most).into())],
    ));
    list(lang, &shown)
}

/// A name quoted the way the language quotes: “…” in English, «…» in Spanish.
fn quoted(lang: Lang, name: &str) -> String {
    match lang {
        Lang::En => format!("“{name}”"),
        Lang::Es => format!("«{name}»"),
    }
}

/// How many items a sentence names before it counts the rest.
const MOST_NAMED: usize = 6;

/// Whether a Spanish word starts with the vowel sound "i" ("i-", "hi-", but not "hie-" or "hia-").
fn starts_with_i_sound(word: &str) -> bool {
    let lower = word.to_lowercase();
    let rest = lower.strip_prefix('h').unwrap_or(&lower);
    (rest.starts_with('i') || rest.starts_with('í'))
        && !(lower.starts_with("hie") || lower.starts_with("hia"))
}

fn status_code(status: ScheduleStatus) -> &'static str {
    match status {
        ScheduleStatus::OnTrack => "on_track",
        ScheduleStatus::NeedsAcceleration => "needs_acceleration",
        ScheduleStatus::OffTrack => "off_track",
    }
}

/// The executive summary: one sentence per finding, in order.
pub fn executive_summary(report: &AnnualReport, lang: Lang) -> Vec<String> {
    let mut sentences = Vec::new();
    if let Some(progress) = report.regional {
        sentences.extend(regional_standing(report, progress, lang));
    }
    let review = &report.year_in_review;
    sentences.push(if review.milestones_due == 0 {
        t_args(
            lang,
            "report-summary-year-none-due",
            &[
                ("year", report.year.into()),
                ("achieved", review.milestones_achieved.into()),
            ],
        )
    } else {
        t_args(
            lang,
            "report-summary-year",
            &[
                ("year", report.year.into()),
                ("achieved", review.milestones_achieved.into()),
                ("due", review.milestones_due.into()),
                (
                    "share",
                    format_percent(
                        lang,
                        review.milestones_achieved as f64 / review.milestones_due as f64,
                    )
                    .into(),
                ),
            ],
        )
    });
    sentences.extend(themes_by_schedule(report, lang));
    sentences.push(most_completed(report, lang));
    sentences.push(t_args(
        lang,
        "report-became-delayed",
        &[("count", review.became_delayed.len().into())],
    ));
    sentences.push(indicators_moved(
        lang,
        "report-into-compliance",
        &review.into_compliance,
    ));
    sentences.push(indicators_moved(
        lang,
        "report-out-of-compliance",
        &review.out_of_compliance,
    ));
    let (on_time, late, missing) = report.round.counts();
    sentences.push(t_args(
        lang,
        "report-timeliness",
        &[
            ("year", report.year.into()),
            ("on_time", on_time.into()),
            ("late", late.into()),
            ("missing", missing.into()),
        ],
    ));
    sentences
}

/// Where the region stands: its progress against the schedule; or, for a plan without milestones
/// or reports, what it lacks to be measured, and the progress its statuses give if any.
fn regional_standing(report: &AnnualReport, progress: Progress, lang: Lang) -> Vec<String> {
    let basis = report.regional_basis;
    let date = format_date(lang, &report.as_of.to_string());
    if basis.is_measured() {
        return vec![t_args(
            lang,
            "report-summary-progress",
            &[
                ("date", date.into()),
                ("actual", format_percent(lang, progress.actual).into()),
                ("expected", format_percent(lang, progress.expected).into()),
                ("status", status_code(progress.schedule()).into()),
            ],
        )];
    }
    let mut sentences = Vec::new();
    if !basis.has_milestones() {
        sentences.push(t(lang, "report-summary-no-milestones"));
    }
    if basis.is_reported() {
        sentences.push(t_args(
            lang,
            "report-summary-by-status",
            &[
                ("date", date.into()),
                ("actual", format_percent(lang, progress.actual).into()),
            ],
        ));
    } else {
        sentences.push(t_args(
            lang,
            "report-summary-none-reported",
            &[("date", date.into())],
        ));
    }
    sentences
}

/// The themes on track, needing acceleration and off track, a sentence for each group that has
/// any (and one saying so when none is on track), among the themes measured against the schedule;
/// then the themes that cannot be measured yet (no milestones, or nothing reported), named when
/// the plan is measured at all (otherwise the regional sentences said why).
fn themes_by_schedule(report: &AnnualReport, lang: Lang) -> Vec<String> {
    let mut sentences = Vec::new();
    let measured = report
        .themes
        .iter()
        .any(|theme| theme.basis.schedule(theme.progress).is_some());
    if measured {
        sentences.extend(themes_of_each_schedule(report, lang));
    }
    let unmeasured: Vec<String> = report
        .themes
        .iter()
        .filter(|theme| theme.progress.is_some() && !theme.basis.is_measured())
        .map(|theme| quoted(lang, theme.name.get(lang)))
        .collect();
    if !unmeasured.is_empty() && (measured || report.regional_basis.is_measured()) {
        sentences.push(t_args(
            lang,
            "report-themes-unmeasured",
            &[
                ("count", unmeasured.len().into()),
                ("list", list(lang, &unmeasured).into()),
            ],
        ));
    }
    sentences
}

/// The measured themes on track, needing acceleration and off track (`themes_by_schedule`).
fn themes_of_each_schedule(report: &AnnualReport, lang: Lang) -> Vec<String> {
    let mut sentences = Vec::new();
    for (status, key) in [
        (ScheduleStatus::OnTrack, "report-themes-on-track"),
        (
            ScheduleStatus::NeedsAcceleration,
            "report-themes-needing-acceleration",
        ),
        (ScheduleStatus::OffTrack, "report-themes-off-track"),
    ] {
        let names: Vec<String> = report
            .themes
            .iter()
            .filter(|theme| theme.basis.schedule(theme.progress) == Some(status))
            .map(|theme| quoted(lang, theme.name.get(lang)))
            .collect();
        if names.is_empty() {
            if status == ScheduleStatus::OnTrack {
                sentences.push(t(lang, "report-themes-none-on-track"));
            }
            continue;
        }
        sentences.push(t_args(
            lang,
            key,
            &[
                ("count", names.len().into()),
                ("list", list(lang, &names).into()),
            ],
        ));
    }
    sentences
}

/// The countries that completed the most actions during the year.
fn most_completed(report: &AnnualReport, lang: Lang) -> String {
    let most = report
        .sections
        .iter()
        .map(|section| section.completed.len())
        .max()
        .unwrap_or(0);
    if most == 0 {
        return t_args(
            lang,
            "report-none-completed",
            &[("year", report.year.into())],
        );
    }
    let leaders: Vec<String> = report
        .sections
        .iter()
        .filter(|section| section.completed.len() == most)
        .map(|section| section.name.get(lang).to_owned())
        .collect();
    t_args(
        lang,
        "report-most-completed",
        &[
            ("year", report.year.into()),
            ("count", most.into()),
            ("countries", leaders.len().into()),
            ("list", short_list(lang, &leaders, MOST_NAMED).into()),
        ],
    )
}

fn indicators_moved(lang: Lang, key: &str, moved: &[CountryIndicator]) -> String {
    let names: Vec<String> = moved
        .iter()
        .map(|m| {
            t_args(
                lang,
                "report-indicator-of",
                &[
                    ("code", m.code.clone().into()),
                    ("country", m.country.get(lang).to_owned().into()),
                ],
            )
        })
        .collect();
    t_args(
        lang,
        key,
        &[
            ("count", names.len().into()),
            ("list", short_list(lang, &names, MOST_NAMED).into()),
        ],
    )
}

/// A country section's opening sentence: where the country stands, and what it did in the year.
pub fn country_summary(section: &CountrySection, year: i32, lang: Lang) -> String {
    let basis = section.basis;
    let standing = match section.progress {
        None => t(lang, "report-country-no-progress"),
        Some(progress) if basis.is_measured() => t_args(
            lang,
            "report-country-progress",
            &[
                ("actual", format_percent(lang, progress.actual).into()),
                ("expected", format_percent(lang, progress.expected).into()),
                ("status", status_code(progress.schedule()).into()),
            ],
        ),
        // Without milestones or reports, what it lacks, and what its statuses give if any.
        Some(progress) => {
            let mut parts = Vec::new();
            if !basis.has_milestones() {
                parts.push(t(lang, "report-country-no-milestones"));
            }
            parts.push(if basis.is_reported() {
                t_args(
                    lang,
                    "report-country-by-status",
                    &[("actual", format_percent(lang, progress.actual).into())],
                )
            } else {
                t(lang, "report-country-not-reported")
            });
            parts.join(" ")
        }
    };
    let year_line = t_args(
        lang,
        "report-country-year",
        &[
            ("year", year.into()),
            ("achieved", section.achieved.len().into()),
            ("completed", section.completed.len().into()),
            ("delayed", section.delayed.len().into()),
        ],
    );
    format!("{standing} {year_line}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| (*w).to_owned()).collect()
    }

    #[test]
    fn lists_in_each_language() {
        assert_eq!(list(Lang::En, &[]), "");
        assert_eq!(list(Lang::En, &items(&["Mexico"])), "Mexico");
        assert_eq!(
            list(Lang::En, &items(&["Mexico", "Panama"])),
            "Mexico and Panama"
        );
        assert_eq!(
            list(Lang::En, &items(&["Belize", "Mexico", "Panama"])),
            "Belize, Mexico and Panama"
        );
        assert_eq!(
            list(Lang::Es, &items(&["Belice", "México", "Panamá"])),
            "Belice, México y Panamá"
        );
        assert_eq!(
            list(Lang::Es, &items(&["Guatemala", "Honduras"])),
            "Guatemala y Honduras"
        );
        assert_eq!(
            list(
                Lang::Es,
                &items(&["Prevención", "Inteligencia e investigación"])
            ),
            "Prevención e Inteligencia e investigación"
        );
        assert_eq!(
            list(Lang::Es, &items(&["Canadá", "Hielo"])),
            "Canadá y Hielo"
        );
        let many = items(&["A", "B", "C", "D"]);
        assert_eq!(short_list(Lang::En, &many, 2), "A, B and 2 more");
        assert_eq!(short_list(Lang::Es, &many, 3), "A, B, C y 1 más");
        assert_eq!(short_list(Lang::Es, &many, 4), "A, B, C y D");
    }
}
