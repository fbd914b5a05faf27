//! The indicators' rules, with no I/O: codes, how a value is written in either language, and reading
//! indicator values and targets as a form sends them, by the indicator's kind:
//! yes/no; a count (a whole number, 0 or more); a percentage from its numerator and denominator; a
//! number such as median days (0 or more, decimals allowed, with a point or a comma); a level of the
//! 0–4 maturity scale. Every problem names the indicator it is about.

use serde::{Deserialize, Serialize};

use crate::domain::IndicatorKind;
use crate::error::Problem;
use crate::i18n::{format_number, t, Lang};

pub const MAX_SOURCE: usize = 500;
pub const MAX_NOTE: usize = 2000;
/// The most digits before the decimal separator: a trillion cases is more than any indicator
/// counts, and every figure computed from the values (sums, growth rates, chart scales) stays finite.
pub const MAX_WHOLE_DIGITS: usize = 12;

/// One indicator's row of the values form, every field as typed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ValueForm {
    pub indicator: String,
    #[serde(default)]
    pub value: String,
    #[serde(default)]
    pub numerator: String,
    #[serde(default)]
    pub denominator: String,
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub note: String,
}

/// A value as stored: the value itself (a percentage from 0 to 100 for percentages, 1 or 0 for
/// yes/no), the numerator and denominator it came from, its source and note.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportedValue {
    pub value: f64,
    pub numerator: Option<f64>,
    pub denominator: Option<f64>,
    pub source: String,
    pub note: Option<String>,
}

/// Reads a non-negative number written with digits and at most one decimal point or comma, with at
/// most `MAX_WHOLE_DIGITS` digits before it; `None` for anything else (letters, signs, exponents,
/// two separators, a number too large).
pub fn parse_number(text: &str) -> Option<f64> {
    let text = text.trim();
    let separators = text.chars().filter(|c| *c == '.' || *c == ',').count();
    let digits = text.chars().filter(char::is_ascii_digit).count();
    if digits == 0
        || separators > 1
        || digits + separators != text.chars().count()
        || has_too_many_digits(text)
    {
        return None;
    }
    text.replace(',', ".").parse().ok()
}

fn has_too_many_digits(text: &str) -> bool {
    let whole_part = text.trim().split(['.', ',']).next().unwrap_or_default();
    whole_part.trim_start_matches('0').chars().count() > MAX_WHOLE_DIGITS
}

/// The problem of a number field that could not be read: too many digits, or else `key`.
fn number_problem(field: &str, key: &str, text: &str) -> Problem {
    if has_too_many_digits(text) {
        Problem::with_limit(field, "problem-number-too-large", MAX_WHOLE_DIGITS as u32)
    } else {
        Problem::new(field, key)
    }
}

fn whole(value: f64) -> bool {
    value.fract() == 0.0
}

/// Reads a value of an indicator of `kind` from its form fields: `Ok(None)` when the row is left
/// empty (not reported), the problems otherwise, each naming the indicator `code`.
pub fn read_value(
    kind: IndicatorKind,
    code: &str,
    form: &ValueForm,
) -> Result<Option<ReportedValue>, Vec<Problem>> {
    let typed = |text: &str| !text.trim().is_empty();
    let has_value = match kind {
        IndicatorKind::Percentage => typed(&form.numerator) || typed(&form.denominator),
        _ => typed(&form.value),
    };
    if !has_value {
        if typed(&form.source) || typed(&form.note) {
            return Err(vec![
                Problem::new("value", "problem-value-missing").about(code)
            ]);
        }
        return Ok(None);
    }
    let mut problems = Vec::new();
    let (value, numerator, denominator) = read_figures(kind, code, form, &mut problems);
    let source = form.source.trim();
    problems.extend(source_problem(code, source));
    let note = form.note.trim();
    problems.extend(note_problem(code, note));
    match value {
        Some(value) if problems.is_empty() => Ok(Some(ReportedValue {
            value,
            numerator,
            denominator,
            source: source.to_owned(),
            note: (!note.is_empty()).then(|| note.to_owned()),
        })),
        _ => Err(problems),
    }
}

/// The figures of a value row: (value, numerator, denominator), each `None` when unreadable, with
/// the problems found added to `problems`.
fn read_figures(
    kind: IndicatorKind,
    code: &str,
    form: &ValueForm,
    problems: &mut Vec<Problem>,
) -> (Option<f64>, Option<f64>, Option<f64>) {
    let problem = |field: &str, key: &str| Problem::new(field, key).about(code);
    let number = |field: &str, key: &str, text: &str| number_problem(field, key, text).about(code);
    match kind {
        IndicatorKind::YesNo => match form.value.trim() {
            "yes" => (Some(1.0), None, None),
            "no" => (Some(0.0), None, None),
            _ => {
                problems.push(problem("value", "problem-yes-no-invalid"));
                (None, None, None)
            }
        },
        IndicatorKind::Count => match parse_number(&form.value).filter(|v| whole(*v)) {
            Some(count) => (Some(count), None, None),
            None => {
                problems.push(number("value", "problem-count-invalid", &form.value));
                (None, None, None)
            }
        },
        IndicatorKind::Number => match parse_number(&form.value) {
            Some(number) => (Some(number), None, None),
            None => {
                problems.push(number("value", "problem-number-invalid", &form.value));
                (None, None, None)
            }
        },
        IndicatorKind::Scale0To4 => match parse_number(&form.value) {
            Some(level) if whole(level) && level <= 4.0 => (Some(level), None, None),
            _ => {
                problems.push(problem("value", "problem-scale-invalid"));
                (None, None, None)
            }
        },
        IndicatorKind::Percentage => read_percentage(code, form, problems),
    }
}

/// A percentage from its numerator and denominator (whole numbers, the denominator above zero and
/// not below the numerator), as `read_figures` returns it.
fn read_percentage(
    code: &str,
    form: &ValueForm,
    problems: &mut Vec<Problem>,
) -> (Option<f64>, Option<f64>, Option<f64>) {
    let numerator = parse_number(&form.numerator).filter(|v| whole(*v));
    let denominator = parse_number(&form.denominator).filter(|v| whole(*v) && *v > 0.0);
    if numerator.is_none() {
        problems.push(
            number_problem("numerator", "problem-numerator-invalid", &form.numerator).about(code),
        );
    }
    if denominator.is_none() {
        problems.push(
            number_problem(
                "denominator",
                "problem-denominator-invalid",
                &form.denominator,
            )
            .about(code),
        );
    }
    match (numerator, denominator) {
        (Some(n), Some(d)) if n > d => {
            problems
                .push(Problem::new("numerator", "problem-numerator-above-denominator").about(code));
            (None, None, None)
        }
        (Some(n), Some(d)) => (Some(100.0 * n / d), Some(n), Some(d)),
        _ => (None, None, None),
    }
}

/// What is wrong with a value's (trimmed) source: required, at most `MAX_SOURCE` characters, on
/// one line and all visible.
fn source_problem(code: &str, source: &str) -> Option<Problem> {
    if source.is_empty() {
        Some(Problem::new("source", "problem-source-required").about(code))
    } else if source.chars().count() > MAX_SOURCE {
        Some(
            Problem::with_limit("source", "problem-source-too-long", MAX_SOURCE as u32).about(code),
        )
    } else if crate::text::has_hidden_characters_in_line(source) {
        Some(Problem::new("source", "problem-source-control").about(code))
    } else {
        None
    }
}

/// What is wrong with a value's (trimmed) note: at most `MAX_NOTE` characters, all visible.
fn note_problem(code: &str, note: &str) -> Option<Problem> {
    if note.chars().count() > MAX_NOTE {
        Some(
            Problem::with_limit("note", "problem-value-note-too-long", MAX_NOTE as u32).about(code),
        )
    } else if crate::text::has_hidden_characters(note) {
        Some(Problem::new("note", "problem-value-note-control").about(code))
    } else {
        None
    }
}

/// Reads a baseline or target value of an indicator of `kind`, typed as the value itself (a
/// percentage as a number from 0 to 100, yes/no as `yes` or `no`).
pub fn read_target_value(kind: IndicatorKind, field: &str, text: &str) -> Result<f64, Problem> {
    let invalid = |key: &str| number_problem(field, key, text);
    match kind {
        IndicatorKind::YesNo => match text.trim() {
            "yes" => Ok(1.0),
            "no" => Ok(0.0),
            _ => Err(invalid("problem-yes-no-invalid")),
        },
        IndicatorKind::Count => parse_number(text)
            .filter(|v| whole(*v))
            .ok_or_else(|| invalid("problem-count-invalid")),
        IndicatorKind::Number => {
            parse_number(text).ok_or_else(|| invalid("problem-number-invalid"))
        }
        IndicatorKind::Scale0To4 => parse_number(text)
            .filter(|v| whole(*v) && *v <= 4.0)
            .ok_or_else(|| invalid("problem-scale-invalid")),
        IndicatorKind::Percentage => parse_number(text)
            .filter(|v| *v <= 100.0)
            .ok_or_else(|| invalid("problem-percentage-invalid")),
    }
}

/// How a stored value is typed back into a form field of its kind.
pub fn typed_value(kind: IndicatorKind, value: f64) -> String {
    match kind {
        IndicatorKind::YesNo if value >= 1.0 => "yes".to_owned(),
        IndicatorKind::YesNo => "no".to_owned(),
        _ => trim_number(value),
    }
}

/// A number with up to two decimals and no trailing zeros, with a point: `12.5`, `3`.
pub fn trim_number(value: f64) -> String {
    let text = format!("{value:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
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

#[cfg(test)]
mod tests {
    use super::*;

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
    }

    fn row(value: &str, source: &str) -> ValueForm {
        ValueForm {
            indicator: "X".into(),
            value: value.into(),
            source: source.into(),
            ..ValueForm::default()
        }
    }

    fn keys(result: Result<Option<ReportedValue>, Vec<Problem>>) -> Vec<String> {
        result
            .unwrap_err()
            .into_iter()
            .map(|p| format!("{}:{}", p.field, p.key))
            .collect()
    }

    #[test]
    fn numbers_are_read_strictly() {
        assert_eq!(parse_number("12"), Some(12.0));
        assert_eq!(parse_number(" 12,5 "), Some(12.5));
        assert_eq!(parse_number("0.25"), Some(0.25));
        for bad in [
            "", "-1", "1e3", "12 days", "1.2.3", "1,2.3", "NaN", "inf", "+4",
        ] {
            assert_eq!(parse_number(bad), None, "{bad}");
        }
    }

    #[test]
    fn each_kind_reads_its_values() {
        let yes = read_value(IndicatorKind::YesNo, "X", &row("yes", "Decree 1")).unwrap();
        assert_eq!(yes.unwrap().value, 1.0);
        let count = read_value(IndicatorKind::Count, "X", &row("42", "Registry")).unwrap();
        assert_eq!(count.unwrap().value, 42.0);
        let number = read_value(IndicatorKind::Number, "X", &row("18,5", "Courts")).unwrap();
        assert_eq!(number.unwrap().value, 18.5);
        let level = read_value(IndicatorKind::Scale0To4, "X", &row("3", "Ministry")).unwrap();
        assert_eq!(level.unwrap().value, 3.0);
        let share = read_value(
            IndicatorKind::Percentage,
            "X",
            &ValueForm {
                numerator: "3".into(),
                denominator: "8".into(),
                source: "Prosecutor".into(),
                note: " first year ".into(),
                ..ValueForm::default()
            },
        )
        .unwrap()
        .unwrap();
        assert_eq!(
            (share.value, share.numerator, share.denominator),
            (37.5, Some(3.0), Some(8.0))
        );
        assert_eq!(share.note.as_deref(), Some("first year"));
    }

    #[test]
    fn an_empty_row_is_not_reported() {
        assert_eq!(
            read_value(IndicatorKind::Count, "X", &row(" ", "")),
            Ok(None)
        );
        assert_eq!(
            keys(read_value(IndicatorKind::Count, "X", &row("", "Registry"))),
            ["value:problem-value-missing"]
        );
    }

    #[test]
    fn bad_values_are_refused_naming_the_indicator() {
        let problems = read_value(IndicatorKind::Count, "INV-01", &row("-3", "R")).unwrap_err();
        assert_eq!(problems[0].key, "problem-count-invalid");
        assert_eq!(problems[0].subject.as_deref(), Some("INV-01"));
        assert_eq!(
            keys(read_value(IndicatorKind::Count, "X", &row("2.5", "R"))),
            ["value:problem-count-invalid"]
        );
        assert_eq!(
            keys(read_value(IndicatorKind::Scale0To4, "X", &row("5", "R"))),
            ["value:problem-scale-invalid"]
        );
        assert_eq!(
            keys(read_value(IndicatorKind::Number, "X", &row("twelve", "R"))),
            ["value:problem-number-invalid"]
        );
        assert_eq!(
            keys(read_value(IndicatorKind::YesNo, "X", &row("maybe", "R"))),
            ["value:problem-yes-no-invalid"]
        );
        assert_eq!(
            keys(read_value(IndicatorKind::Count, "X", &row("4", " "))),
            ["source:problem-source-required"]
        );
        let above = ValueForm {
            numerator: "9".into(),
            denominator: "8".into(),
            source: "R".into(),
            ..ValueForm::default()
        };
        assert_eq!(
            keys(read_value(IndicatorKind::Percentage, "X", &above)),
            ["numerator:problem-numerator-above-denominator"]
        );
        let zero = ValueForm {
            denominator: "0".into(),
            numerator: "0".into(),
            source: "R".into(),
            ..ValueForm::default()
        };
        assert_eq!(
            keys(read_value(IndicatorKind::Percentage, "X", &zero)),
            ["denominator:problem-denominator-invalid"]
        );
    }

    #[test]
    fn targets_are_values_of_the_kind() {
        assert_eq!(
            read_target_value(IndicatorKind::Percentage, "t", "80"),
            Ok(80.0)
        );
        assert_eq!(
            read_target_value(IndicatorKind::Percentage, "t", "120")
                .unwrap_err()
                .key,
            "problem-percentage-invalid"
        );
        assert_eq!(read_target_value(IndicatorKind::YesNo, "t", "yes"), Ok(1.0));
        assert_eq!(
            read_target_value(IndicatorKind::Scale0To4, "t", "5")
                .unwrap_err()
                .key,
            "problem-scale-invalid"
        );
        assert_eq!(typed_value(IndicatorKind::YesNo, 0.0), "no");
        assert_eq!(typed_value(IndicatorKind::Percentage, 37.5), "37.5");
        assert_eq!(typed_value(IndicatorKind::Count, 12.0), "12");
    }
}
