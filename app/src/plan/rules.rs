//! The rules every plan obeys, whether it comes from a plan file or from the secretariat's forms: one
//! check over the whole definition (`check`), so that both refuse the same things with the same
//! words. Pure: the articles and countries the database knows are passed in.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

pub use super::types::{ActionAt, Part, PartKind};
use super::types::{ActionDefinition, PlanDefinition};
use crate::error::{Arg, Problem};
use crate::i18n::Lang;

/// A rule a plan breaks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum PlanRule {
    Empty,
    HiddenCharacters,
    BadCode { kind: PartKind, code: String },
    DuplicateCode { kind: PartKind, code: String },
    BadWeight,
    BadStartYear,
    EndYearRange { start: i32, latest: i32 },
    OutsidePeriod { year: i32, start: i32, end: i32 },
    EndBeforeStart,
    NoThemes,
    UnknownArticle(i32),
    BadCountry(String),
    UnknownCountry(String),
    DuplicateCountry(String),
    TooLong { most: usize },
    BadDate,
}

impl PlanRule {
    /// The rule in words, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        self.problem("").message(lang)
    }

    /// The rule as a problem of the form field `field`.
    pub fn problem(&self, field: &str) -> Problem {
        let text = |value: String| Arg::Text(value);
        let (key, args) = match self {
            PlanRule::Empty => ("plan-rule-empty", vec![]),
            PlanRule::HiddenCharacters => ("plan-rule-hidden-characters", vec![]),
            PlanRule::BadCode { kind, code } => (
                "plan-rule-bad-code",
                vec![
                    ("kind", Arg::Term(kind.label_key().to_owned())),
                    ("code", text(code.clone())),
                ],
            ),
            PlanRule::DuplicateCode { kind, code } => (
                "plan-rule-duplicate-code",
                vec![
                    ("kind", Arg::Term(kind.label_key().to_owned())),
                    ("code", text(code.clone())),
                ],
            ),
            PlanRule::BadWeight => ("plan-rule-bad-weight", vec![]),
            PlanRule::BadStartYear => ("plan-rule-bad-start-year", vec![]),
            PlanRule::EndYearRange { start, latest } => (
                "plan-rule-end-year-range",
                vec![
                    ("start", text(start.to_string())),
                    ("latest", text(latest.to_string())),
                ],
            ),
            PlanRule::OutsidePeriod { year, start, end } => (
                "plan-rule-outside-period",
                vec![
                    ("year", text(year.to_string())),
                    ("start", text(start.to_string())),
                    ("end", text(end.to_string())),
                ],
            ),
            PlanRule::EndBeforeStart => ("plan-rule-end-before-start", vec![]),
            PlanRule::NoThemes => ("plan-rule-no-themes", vec![]),
            PlanRule::UnknownArticle(number) => (
                "plan-rule-unknown-article",
                vec![("number", text(number.to_string()))],
            ),
            PlanRule::BadCountry(code) => {
                ("plan-rule-bad-country", vec![("code", text(code.clone()))])
            }
            PlanRule::UnknownCountry(code) => (
                "plan-rule-unknown-country",
                vec![("code", text(code.clone()))],
            ),
            PlanRule::DuplicateCountry(code) => (
                "plan-rule-duplicate-country",
                vec![("code", text(code.clone()))],
            ),
            PlanRule::BadDate => ("plan-rule-bad-date", vec![]),
            PlanRule::TooLong { most } => {
                ("plan-rule-too-long", vec![("most", text(most.to_string()))])
            }
        };
        Problem::with_args(field, key, args)
    }
}

/// A broken rule, where it is broken: the part and the field (named as in the plan file).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Violation {
    pub part: Part,
    pub field: String,
    pub rule: PlanRule,
}

/// What the database knows that a plan refers to. `None` in `check`: not checked (a file read
/// before it is stored).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Known {
    pub articles: HashSet<i32>,
    /// ISO 3166 alpha-2 codes, upper case.
    pub countries: HashSet<String>,
}

/// The longest text a title, name or description may be, in characters.
pub const MOST_TEXT: usize = 4000;

/// Checks values, remembering the first violation.
pub struct Checker<'a> {
    known: Option<&'a Known>,
    found: Option<Violation>,
}

impl<'a> Checker<'a> {
    pub fn new(known: Option<&'a Known>) -> Self {
        Checker { known, found: None }
    }

    pub fn into_result(self) -> Result<(), Violation> {
        self.found.map_or(Ok(()), Err)
    }

    pub fn failed(&self) -> bool {
        self.found.is_some()
    }

    pub fn fail(&mut self, part: Part, field: &str, rule: PlanRule) {
        if self.found.is_none() {
            self.found = Some(Violation {
                part,
                field: field.to_owned(),
                rule,
            });
        }
    }

    /// A text a reader sees: not empty, no hidden characters, not too long.
    pub fn text(&mut self, part: Part, field: &str, value: &str) {
        if let Some(rule) = text_rule(value) {
            self.fail(part, field, rule);
        }
    }

    /// An optional text: may be empty, else as `text`.
    pub fn optional_text(&mut self, part: Part, field: &str, value: Option<&str>) {
        if let Some(rule) = value.filter(|v| !v.is_empty()).and_then(text_rule) {
            self.fail(part, field, rule);
        }
    }

    /// A code: part of addresses, so letters, digits, '.', '-', '_'; unique among `seen`.
    pub fn code(&mut self, part: Part, kind: PartKind, code: &str, seen: &mut HashSet<String>) {
        if code.is_empty() {
            return self.fail(part, "code", PlanRule::Empty);
        }
        if !is_code(code) {
            return self.fail(
                part,
                "code",
                PlanRule::BadCode {
                    kind,
                    code: code.to_owned(),
                },
            );
        }
        if !seen.insert(code.to_owned()) {
            self.fail(
                part,
                "code",
                PlanRule::DuplicateCode {
                    kind,
                    code: code.to_owned(),
                },
            );
        }
    }

    /// A date a plan can hold: from 1900 to 2200, as the plan file writes it.
    pub fn date(&mut self, part: Part, field: &str, day: chrono::NaiveDate) {
        use chrono::Datelike;
        if !(1900..=2200).contains(&day.year()) {
            self.fail(part, field, PlanRule::BadDate);
        }
    }

    pub fn weight(&mut self, part: Part, weight: f64) {
        if !(weight.is_finite() && weight >= 0.0) {
            self.fail(part, "weight", PlanRule::BadWeight);
        }
    }

    /// The plan's own period.
    pub fn period(&mut self, start_year: i32, end_year: i32) {
        if !(1900..=2200).contains(&start_year) {
            return self.fail(Part::Plan, "start_year", PlanRule::BadStartYear);
        }
        if end_year < start_year || end_year > start_year + 50 {
            self.fail(
                Part::Plan,
                "end_year",
                PlanRule::EndYearRange {
                    start: start_year,
                    latest: start_year + 50,
                },
            );
        }
    }

    /// An action's years, within the plan's `period`.
    pub fn action_years(
        &mut self,
        part: Part,
        (start_year, end_year): (i32, i32),
        period: (i32, i32),
    ) {
        for (field, year) in [("start_year", start_year), ("end_year", end_year)] {
            if !(period.0..=period.1).contains(&year) {
                return self.fail(
                    part,
                    field,
                    PlanRule::OutsidePeriod {
                        year,
                        start: period.0,
                        end: period.1,
                    },
                );
            }
        }
        if end_year < start_year {
            self.fail(part, "end_year", PlanRule::EndBeforeStart);
        }
    }

    pub fn articles(&mut self, part: Part, articles: &[i32]) {
        if let Some(known) = self.known {
            if let Some(missing) = articles.iter().find(|n| !known.articles.contains(n)) {
                self.fail(part, "articles", PlanRule::UnknownArticle(*missing));
            }
        }
    }

    /// The countries an action is limited to: ISO codes, each once, each known.
    pub fn countries(&mut self, part: Part, countries: &[String]) {
        let mut seen = HashSet::new();
        for code in countries {
            let rule = if !is_country_code(code) {
                Some(PlanRule::BadCountry(code.clone()))
            } else if !seen.insert(code.as_str()) {
                Some(PlanRule::DuplicateCountry(code.clone()))
            } else if self.known.is_some_and(|k| !k.countries.contains(code)) {
                Some(PlanRule::UnknownCountry(code.clone()))
            } else {
                None
            };
            if let Some(rule) = rule {
                return self.fail(part, "countries", rule);
            }
        }
    }
}

fn text_rule(value: &str) -> Option<PlanRule> {
    if value.trim().is_empty() {
        Some(PlanRule::Empty)
    } else if crate::text::has_hidden_characters(value) {
        Some(PlanRule::HiddenCharacters)
    } else if value.chars().count() > MOST_TEXT {
        Some(PlanRule::TooLong { most: MOST_TEXT })
    } else {
        None
    }
}

/// The code of the milestone at `index` of its action when none is given: `M1`, `M2`…
pub fn default_milestone_code(index: usize) -> String {
    format!("M{}", index + 1)
}

/// The first `M` code (`M1`, `M2`…) that `taken` does not hold: a new milestone's, never one its
/// action had before (a retired milestone's code would bring back what countries reported on it).
pub fn fresh_milestone_code(taken: impl Fn(&str) -> bool) -> String {
    (0..)
        .map(default_milestone_code)
        .find(|code| !taken(code))
        .unwrap_or_default()
}

/// Whether `value` can be a code: letters, digits, '.', '-' or '_', with a letter or digit.
pub fn is_code(value: &str) -> bool {
    value
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
        && value.chars().any(|c| c.is_ascii_alphanumeric())
        && value.len() <= 40
}

/// Whether `value` is written as an ISO 3166 alpha-2 code: two upper-case letters.
pub fn is_country_code(value: &str) -> bool {
    value.len() == 2 && value.chars().all(|c| c.is_ascii_uppercase())
}

/// Checks `plan` against every rule; the first violation in file order.
pub fn check(plan: &PlanDefinition, known: Option<&Known>) -> Result<(), Violation> {
    let mut checker = Checker::new(known);
    check_plan(plan, &mut checker);
    checker.into_result()
}

/// Checks every rule of `plan`, in file order.
fn check_plan(plan: &PlanDefinition, check: &mut Checker<'_>) {
    check.code(Part::Plan, PartKind::Plan, &plan.code, &mut HashSet::new());
    check.text(Part::Plan, "title_en", &plan.title.en);
    check.text(Part::Plan, "title_es", &plan.title.es);
    check.period(plan.start_year, plan.end_year);
    if plan.themes.is_empty() {
        check.fail(Part::Plan, "theme", PlanRule::NoThemes);
    }
    let period = (plan.start_year, plan.end_year);
    let (mut themes, mut objectives, mut actions) =
        (HashSet::new(), HashSet::new(), HashSet::new());
    for (t, theme) in plan.themes.iter().enumerate() {
        let part = Part::Theme(t);
        check.code(part, PartKind::Theme, &theme.code, &mut themes);
        check.text(part, "name_en", &theme.name.en);
        check.text(part, "name_es", &theme.name.es);
        for (index, action) in theme.actions.iter().enumerate() {
            let at = ActionAt {
                theme: t,
                objective: None,
                index,
            };
            check_action(check, at, action, period, &mut actions);
        }
        for (o, objective) in theme.objectives.iter().enumerate() {
            let part = Part::Objective(t, o);
            check.code(part, PartKind::Objective, &objective.code, &mut objectives);
            check.text(part, "title_en", &objective.title.en);
            check.text(part, "title_es", &objective.title.es);
            for (index, action) in objective.actions.iter().enumerate() {
                let at = ActionAt {
                    theme: t,
                    objective: Some(o),
                    index,
                };
                check_action(check, at, action, period, &mut actions);
            }
        }
    }
}

fn check_action(
    check: &mut Checker<'_>,
    at: ActionAt,
    action: &ActionDefinition,
    period: (i32, i32),
    codes: &mut HashSet<String>,
) {
    let part = Part::Action(at);
    check.code(part, PartKind::Action, &action.code, codes);
    check.text(part, "title_en", &action.title.en);
    check.text(part, "title_es", &action.title.es);
    if let Some(description) = &action.description {
        check.optional_text(part, "description_en", Some(&description.en));
        check.optional_text(part, "description_es", Some(&description.es));
    }
    check.optional_text(part, "lead", action.lead.as_deref());
    check.action_years(part, (action.start_year, action.end_year), period);
    check.weight(part, action.weight);
    check.articles(part, &action.articles);
    check.countries(part, &action.countries);
    let mut milestone_codes = HashSet::new();
    for (m, milestone) in action.milestones.iter().enumerate() {
        let part = Part::Milestone(at, m);
        check.code(
            part,
            PartKind::Milestone,
            &milestone.code,
            &mut milestone_codes,
        );
        check.text(part, "title_en", &milestone.title.en);
        check.text(part, "title_es", &milestone.title.es);
        check.date(part, "due", milestone.due_on);
        check.weight(part, milestone.weight);
    }
}

/// A small plan for the tests of the plan's pure modules: theme 1 with actions 1.1 (one milestone,
/// due 2026-06-30) and 1.2, and an empty theme 2.
#[cfg(test)]
pub(crate) const TEST_PLAN: &str = r#"
code = "p"
title_en = "Plan"
title_es = "Plan"
start_year = 2025
end_year = 2029

[[theme]]
code = "1"
name_en = "One"
name_es = "Uno"

  [[theme.action]]
  code = "1.1"
  title_en = "First"
  title_es = "Primera"

    [[theme.action.milestone]]
    title_en = "Agreed"
    title_es = "Acordado"
    due = 2026-06-30

  [[theme.action]]
  code = "1.2"
  title_en = "Second"
  title_es = "Segunda"

[[theme]]
code = "2"
name_en = "Two"
name_es = "Dos"
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_address_safe() {
        assert!(is_code("1.1.2"));
        assert!(is_code("M1"));
        assert!(!is_code("1 1"));
        assert!(!is_code("..."));
        assert!(!is_code("1/2"));
        assert!(!is_code(&"a".repeat(41)));
    }

    #[test]
    fn country_codes_are_two_capitals() {
        assert!(is_country_code("CR"));
        assert!(!is_country_code("cr"));
        assert!(!is_country_code("CRI"));
    }

    #[test]
    fn the_first_violation_is_kept() {
        let mut checker = Checker::new(None);
        checker.weight(Part::Plan, -1.0);
        checker.text(Part::Theme(0), "name_en", "");
        assert_eq!(
            checker.into_result().unwrap_err(),
            Violation {
                part: Part::Plan,
                field: "weight".into(),
                rule: PlanRule::BadWeight
            }
        );
    }

    #[test]
    fn texts_refuse_empty_hidden_and_long_values() {
        let mut checker = Checker::new(None);
        checker.text(Part::Plan, "title_en", "a\u{202e}b");
        assert_eq!(
            checker.into_result().unwrap_err().rule,
            PlanRule::HiddenCharacters
        );
        let mut checker = Checker::new(None);
        checker.text(Part::Plan, "title_en", &"x".repeat(MOST_TEXT + 1));
        assert_eq!(
            checker.into_result().unwrap_err().rule,
            PlanRule::TooLong { most: MOST_TEXT }
        );
    }

    #[test]
    fn unknown_countries_and_articles_are_refused_when_known() {
        let known = Known {
            articles: HashSet::from([6]),
            countries: HashSet::from(["CR".to_owned()]),
        };
        let mut checker = Checker::new(Some(&known));
        checker.countries(Part::Plan, &["CR".into(), "BR".into()]);
        assert_eq!(
            checker.into_result().unwrap_err().rule,
            PlanRule::UnknownCountry("BR".into())
        );
        let mut checker = Checker::new(Some(&known));
        checker.articles(Part::Plan, &[6, 99]);
        assert_eq!(
            checker.into_result().unwrap_err().rule,
            PlanRule::UnknownArticle(99)
        );
        let mut checker = Checker::new(None);
        checker.countries(Part::Plan, &["CR".into(), "CR".into()]);
        assert_eq!(
            checker.into_result().unwrap_err().rule,
            PlanRule::DuplicateCountry("CR".into())
        );
    }

    #[test]
    fn messages_are_in_both_languages() {
        let rule = PlanRule::OutsidePeriod {
            year: 2031,
            start: 2025,
            end: 2029,
        };
        assert_eq!(
            rule.message(Lang::En),
            "2031 is outside the plan's period 2025–2029"
        );
        assert_ne!(rule.message(Lang::Es), rule.message(Lang::En));
    }
}
