//! The rules of the legislation matrix, with no I/O: what an entry must hold, and the Protocol
//! indicators that follow from a country's entries (`LEG-*`, never typed as values).

use chrono::{Datelike, NaiveDate};

use super::types::{Entry, EntryForm, Instrument, InstrumentForm, Penalty};
use crate::domain::{ContactLanguage, Coverage};
use crate::error::Problem;
use crate::text::{
    has_hidden_characters, has_hidden_characters_in_line, is_web_address, stored_text,
};

pub const REASON_MAX_CHARS: usize = 2_000;
pub const ORIGINAL_TEXT_MAX_CHARS: usize = 20_000;
pub const FINES_MAX_CHARS: usize = 500;
pub const AGGRAVATING_MAX_CHARS: usize = 2_000;
pub const NOTE_MAX_CHARS: usize = 2_000;
pub const TITLE_MAX_CHARS: usize = 300;
pub const NUMBER_MAX_CHARS: usize = 100;
pub const URL_MAX_CHARS: usize = 500;
/// The most instruments an entry lists, and the empty rows its form offers for new ones.
pub const MAX_INSTRUMENTS: usize = 8;
pub const NEW_INSTRUMENT_ROWS: usize = 2;
/// The longest prison term an entry may state, in years (life imprisonment is said in the note).
pub const MAX_PENALTY_YEARS: f64 = 100.0;
/// The earliest year an instrument may be from, and the latest year a day may be in.
pub const EARLIEST_INSTRUMENT_YEAR: i32 = 1800;
pub const LATEST_DAY_YEAR: i32 = 9999;

/// The Protocol indicators that follow from the matrix, each with the provisions it stands for.
pub const DERIVED_INDICATORS: [(&str, &[&str]); 6] = [
    ("LEG-05", &["SOM-5"]),
    ("LEG-06A", &["SOM-6-1-A"]),
    ("LEG-06B", &["SOM-6-1-B"]),
    ("LEG-06C", &["SOM-6-1-C"]),
    ("LEG-06D", &["SOM-6-2-A", "SOM-6-2-B", "SOM-6-2-C"]),
    ("LEG-06E", &["SOM-6-3-A", "SOM-6-3-B"]),
];

/// Whether the indicator `code` follows from the matrix (and so is never typed as a value).
pub fn is_derived(code: &str) -> bool {
    DERIVED_INDICATORS
        .iter()
        .any(|(derived, _)| *derived == code)
}

/// The yes/no answer of a derived indicator from the coverage of each provision it stands for
/// (`None` where a country has entered nothing): yes when every one is covered in full or does
/// not apply and at least one is covered in full; no when one is covered partly or not at all; no
/// answer while one is not entered, or when none applies.
pub fn derived_answer(coverages: &[Option<Coverage>]) -> Option<bool> {
    if coverages.iter().any(Option::is_none) {
        return None;
    }
    let coverages: Vec<Coverage> = coverages.iter().flatten().copied().collect();
    if coverages
        .iter()
        .any(|c| matches!(c, Coverage::Partial | Coverage::Absent))
    {
        return Some(false);
    }
    coverages.contains(&Coverage::Full).then_some(true)
}

/// Checks an entry as its form sent it. Every problem of every field, or the entry.
pub fn check_entry(form: &EntryForm, today: NaiveDate) -> Result<Entry, Vec<Problem>> {
    let mut problems = Vec::new();
    let coverage = Coverage::from_code(form.coverage.trim());
    if coverage.is_none() {
        problems.push(Problem::new("coverage", "problem-coverage-unknown"));
    }
    let mut text = |field: &str, value: &str, most: usize, one_line: bool| {
        check_text(field, value, most, one_line).unwrap_or_else(|problem| {
            problems.push(problem);
            None
        })
    };
    let coverage_reason = text(
        "coverage_reason",
        &form.coverage_reason,
        REASON_MAX_CHARS,
        false,
    );
    let original_text = text(
        "original_text",
        &form.original_text,
        ORIGINAL_TEXT_MAX_CHARS,
        false,
    );
    let fines = text("fines", &form.fines, FINES_MAX_CHARS, false);
    let aggravating = text(
        "aggravating",
        &form.aggravating,
        AGGRAVATING_MAX_CHARS,
        false,
    );
    let note = text("note", &form.note, NOTE_MAX_CHARS, false);
    let text_language = check_text_language(form, original_text.is_some(), &mut problems);
    let penalty = check_penalty(form).unwrap_or_else(|mut found| {
        problems.append(&mut found);
        Penalty::default()
    });
    let instruments = check_instruments(&form.instruments, today);
    let instruments_read = instruments.is_ok();
    let instruments = instruments.unwrap_or_else(|mut found| {
        problems.append(&mut found);
        Vec::new()
    });
    if let Some(coverage) = coverage {
        if coverage != Coverage::Full
            && coverage_reason.is_none()
            && problems.iter().all(|p| p.field != "coverage_reason")
        {
            problems.push(Problem::new(
                "coverage_reason",
                "problem-coverage-reason-missing",
            ));
        }
        if matches!(coverage, Coverage::Full | Coverage::Partial)
            && instruments_read
            && instruments.is_empty()
        {
            problems.push(Problem::new("instruments", "problem-instrument-missing"));
        }
    }
    match coverage {
        Some(coverage) if problems.is_empty() => Ok(Entry {
            coverage,
            coverage_reason,
            original_text,
            text_language,
            penalty,
            fines,
            aggravating,
            note,
            instruments,
        }),
        _ => Err(problems),
    }
}

/// The language of the article's text: one of the region's four, and named whenever there is a
/// text.
fn check_text_language(
    form: &EntryForm,
    has_text: bool,
    problems: &mut Vec<Problem>,
) -> Option<ContactLanguage> {
    match form.text_language.trim() {
        "" if has_text => {
            problems.push(Problem::new(
                "text_language",
                "problem-text-language-missing",
            ));
            None
        }
        "" => None,
        code => ContactLanguage::from_code(code).or_else(|| {
            problems.push(Problem::new(
                "text_language",
                "problem-text-language-unknown",
            ));
            None
        }),
    }
}

/// A text field as stored, or its problem: too long, or with hidden characters.
fn check_text(
    field: &str,
    value: &str,
    most: usize,
    one_line: bool,
) -> Result<Option<String>, Problem> {
    let Some(value) = stored_text(value) else {
        return Ok(None);
    };
    if value.chars().count() > most {
        return Err(Problem::with_limit(
            field,
            "problem-text-too-long",
            most as u32,
        ));
    }
    let hidden = if one_line {
        has_hidden_characters_in_line(&value)
    } else {
        has_hidden_characters(&value)
    };
    if hidden {
        return Err(Problem::new(field, "problem-text-control"));
    }
    Ok(Some(value))
}

/// Reads a number of years as typed, with a point or a comma before the decimals.
fn read_years(text: &str) -> Option<f64> {
    let years: f64 = text.trim().replace(',', ".").parse().ok()?;
    (years.is_finite() && (0.0..=MAX_PENALTY_YEARS).contains(&years)).then_some(years)
}

fn check_penalty(form: &EntryForm) -> Result<Penalty, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut years = |field: &str, text: &str| {
        if text.trim().is_empty() {
            return None;
        }
        let years = read_years(text);
        if years.is_none() {
            problems.push(Problem::with_limit(
                field,
                "problem-penalty-years",
                MAX_PENALTY_YEARS as u32,
            ));
        }
        years
    };
    let min_years = years("penalty_min_years", &form.penalty_min_years);
    let max_years = years("penalty_max_years", &form.penalty_max_years);
    if let (Some(min), Some(max)) = (min_years, max_years) {
        if min > max {
            problems.push(Problem::new("penalty_max_years", "problem-penalty-order"));
        }
    }
    if problems.is_empty() {
        Ok(Penalty {
            min_years,
            max_years,
        })
    } else {
        Err(problems)
    }
}

fn check_instruments(
    rows: &[InstrumentForm],
    today: NaiveDate,
) -> Result<Vec<Instrument>, Vec<Problem>> {
    // Each row keeps its place in the form, so that a problem names the row it is on.
    let filled: Vec<(usize, &InstrumentForm)> = rows
        .iter()
        .enumerate()
        .filter(|(_, row)| !is_empty_row(row))
        .collect();
    if filled.len() > MAX_INSTRUMENTS {
        return Err(vec![Problem::with_limit(
            "instruments",
            "problem-instruments-too-many",
            MAX_INSTRUMENTS as u32,
        )]);
    }
    let mut problems = Vec::new();
    let mut instruments = Vec::new();
    for (place, row) in filled {
        let row_number = (place + 1).to_string();
        match check_instrument(row, today) {
            Ok(instrument) => instruments.push(instrument),
            Err(found) => problems.extend(found.into_iter().map(|p| p.about(&row_number))),
        }
    }
    if problems.is_empty() {
        Ok(instruments)
    } else {
        Err(problems)
    }
}

fn is_empty_row(row: &InstrumentForm) -> bool {
    [
        &row.title,
        &row.number,
        &row.year,
        &row.article,
        &row.url,
        &row.in_force_since,
    ]
    .iter()
    .all(|field| field.trim().is_empty())
}

fn check_instrument(row: &InstrumentForm, today: NaiveDate) -> Result<Instrument, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut text = |field: &str, value: &str, most: usize| {
        check_text(field, value, most, true).unwrap_or_else(|problem| {
            problems.push(problem);
            None
        })
    };
    let title = text("instrument_title", &row.title, TITLE_MAX_CHARS);
    let number = text("instrument_number", &row.number, NUMBER_MAX_CHARS);
    let article = text("instrument_article", &row.article, NUMBER_MAX_CHARS);
    let url = text("instrument_url", &row.url, URL_MAX_CHARS);
    if title.is_none() && problems.iter().all(|p| p.field != "instrument_title") {
        problems.push(Problem::new(
            "instrument_title",
            "problem-instrument-title-missing",
        ));
    }
    if url.as_deref().is_some_and(|url| !is_web_address(url)) {
        problems.push(Problem::new("instrument_url", "problem-instrument-url"));
    }
    let latest_year = today
        .format("%Y")
        .to_string()
        .parse::<i32>()
        .unwrap_or(i32::MAX);
    let year = match row.year.trim() {
        "" => None,
        text => match text.parse::<i32>() {
            Ok(year) if (EARLIEST_INSTRUMENT_YEAR..=latest_year).contains(&year) => Some(year),
            _ => {
                problems.push(Problem::with_limit(
                    "instrument_year",
                    "problem-instrument-year",
                    latest_year as u32,
                ));
                None
            }
        },
    };
    let in_force_since = match row.in_force_since.trim() {
        "" => None,
        text => match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            Ok(day) if (EARLIEST_INSTRUMENT_YEAR..=LATEST_DAY_YEAR).contains(&day.year()) => {
                Some(day)
            }
            _ => {
                problems.push(Problem::new(
                    "instrument_in_force_since",
                    "problem-instrument-in-force",
                ));
                None
            }
        },
    };
    match title {
        Some(title) if problems.is_empty() => Ok(Instrument {
            title,
            number,
            year,
            article,
            url,
            in_force_since,
        }),
        _ => Err(problems),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()
    }

    fn full() -> EntryForm {
        EntryForm {
            coverage: "full".into(),
            original_text: "  Artículo 318. Quien promueva…  ".into(),
            text_language: "es".into(),
            penalty_min_years: "4".into(),
            penalty_max_years: "8,5".into(),
            instruments: vec![
                InstrumentForm {
                    title: "Código Penal".into(),
                    number: "Ley 4573".into(),
                    year: "1970".into(),
                    article: "318".into(),
                    url: "https://example.org/codigo-penal".into(),
                    in_force_since: "1971-05-15".into(),
                },
                InstrumentForm::default(),
            ],
            ..Default::default()
        }
    }

    fn keys(form: &EntryForm) -> Vec<String> {
        match check_entry(form, today()) {
            Ok(_) => Vec::new(),
            Err(problems) => problems.into_iter().map(|p| p.key).collect(),
        }
    }

    #[test]
    fn a_full_entry_is_trimmed_and_its_empty_rows_dropped() {
        let entry = check_entry(&full(), today()).unwrap();
        assert_eq!(entry.coverage, Coverage::Full);
        assert_eq!(
            entry.original_text.as_deref(),
            Some("Artículo 318. Quien promueva…")
        );
        assert_eq!(entry.text_language, Some(ContactLanguage::Es));
        assert_eq!(
            entry.penalty,
            Penalty {
                min_years: Some(4.0),
                max_years: Some(8.5)
            }
        );
        assert_eq!(entry.instruments.len(), 1);
        assert_eq!(entry.instruments[0].year, Some(1970));
        assert_eq!(entry.coverage_reason, None);
    }

    #[test]
    fn coverage_other_than_full_needs_its_reason_and_covered_needs_an_instrument() {
        let mut partial = full();
        partial.coverage = "partial".into();
        assert_eq!(keys(&partial), ["problem-coverage-reason-missing"]);
        partial.coverage_reason = "Only for a financial benefit.".into();
        assert!(keys(&partial).is_empty());
        partial.instruments.clear();
        assert_eq!(keys(&partial), ["problem-instrument-missing"]);
        let mut absent = partial.clone();
        absent.coverage = "none".into();
        assert!(keys(&absent).is_empty(), "no law to name");
        absent.coverage = "maybe".into();
        assert_eq!(keys(&absent), ["problem-coverage-unknown"]);
    }

    #[test]
    fn penalties_are_years_from_zero_to_a_hundred_in_order() {
        let mut form = full();
        form.penalty_min_years = "9".into();
        assert_eq!(keys(&form), ["problem-penalty-order"]);
        for bad in ["-1", "101", "ten", "NaN", "inf"] {
            form.penalty_min_years = bad.into();
            assert_eq!(keys(&form), ["problem-penalty-years"], "{bad}");
        }
        form.penalty_min_years = "0.5".into();
        assert!(keys(&form).is_empty());
    }

    #[test]
    fn every_instrument_problem_names_its_row() {
        let mut form = full();
        form.instruments[1] = InstrumentForm {
            year: "2031".into(),
            url: "javascript:alert(1)".into(),
            in_force_since: "15/05/1971".into(),
            ..Default::default()
        };
        let problems = check_entry(&form, today()).unwrap_err();
        let found: Vec<(&str, Option<&str>)> = problems
            .iter()
            .map(|p| (p.key.as_str(), p.subject.as_deref()))
            .collect();
        assert_eq!(
            found,
            [
                ("problem-instrument-title-missing", Some("2")),
                ("problem-instrument-url", Some("2")),
                ("problem-instrument-year", Some("2")),
                ("problem-instrument-in-force", Some("2")),
            ]
        );
        // An empty row between keeps the row numbers the form shows.
        let mut gap = full();
        gap.instruments = vec![
            full().instruments[0].clone(),
            InstrumentForm::default(),
            InstrumentForm {
                title: "Ley 8764".into(),
                url: "ftp://x".into(),
                in_force_since: "+20000-01-01".into(),
                ..Default::default()
            },
        ];
        let problems = check_entry(&gap, today()).unwrap_err();
        let subjects: Vec<(&str, Option<&str>)> = problems
            .iter()
            .map(|p| (p.key.as_str(), p.subject.as_deref()))
            .collect();
        assert_eq!(
            subjects,
            [
                ("problem-instrument-url", Some("3")),
                ("problem-instrument-in-force", Some("3"))
            ]
        );
        form.instruments = vec![full().instruments[0].clone(); MAX_INSTRUMENTS + 1];
        assert_eq!(keys(&form), ["problem-instruments-too-many"]);
    }

    #[test]
    fn texts_have_limits_no_hidden_characters_and_a_language() {
        let mut form = full();
        let mut long_reason = full();
        long_reason.coverage = "partial".into();
        long_reason.coverage_reason = "x".repeat(REASON_MAX_CHARS + 1);
        assert_eq!(
            keys(&long_reason),
            ["problem-text-too-long"],
            "one problem, not two"
        );
        form.note = "x".repeat(NOTE_MAX_CHARS + 1);
        assert_eq!(keys(&form), ["problem-text-too-long"]);
        form.note = "Reformed \u{202E}2019".into();
        assert_eq!(keys(&form), ["problem-text-control"]);
        form.note = "Two\nlines are fine".into();
        assert!(keys(&form).is_empty());
        form.text_language = String::new();
        assert_eq!(keys(&form), ["problem-text-language-missing"]);
        form.text_language = "de".into();
        assert_eq!(keys(&form), ["problem-text-language-unknown"]);
        form.instruments[0].title = "Código\nPenal".into();
        form.text_language = "es".into();
        assert_eq!(keys(&form), ["problem-text-control"]);
    }

    #[test]
    fn derived_answers_follow_every_provision_they_stand_for() {
        use Coverage::*;
        assert_eq!(derived_answer(&[Some(Full)]), Some(true));
        assert_eq!(derived_answer(&[Some(Partial)]), Some(false));
        assert_eq!(derived_answer(&[Some(Absent)]), Some(false));
        assert_eq!(derived_answer(&[Some(NotApplicable)]), None);
        assert_eq!(
            derived_answer(&[Some(Full), Some(NotApplicable), Some(Full)]),
            Some(true)
        );
        assert_eq!(
            derived_answer(&[Some(Full), Some(Partial), Some(Full)]),
            Some(false)
        );
        assert_eq!(derived_answer(&[Some(Full), None, Some(Absent)]), None);
        assert!(is_derived("LEG-06D") && !is_derived("LEG-01") && !is_derived("ENF-02"));
    }
}
