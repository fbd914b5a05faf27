//! The plan file: a TOML document a secretariat can edit, describing one plan (themes, optional
//! objectives, actions and milestones), read (`parse`) and written (`write`). The rules the plan must
//! obey are `rules::check`, the same for a file and for the forms; here a violation is placed at its
//! line. The format is documented in `docs/plan-file.md`.

use std::collections::HashMap;
#[cfg(test)]
use std::collections::HashSet;
use std::fmt::Write as _;
use std::ops::Range;

use chrono::NaiveDate;
use serde::Deserialize;
use toml::Spanned;

use super::rules::{self, ActionAt, Known, Part, PlanRule};
use super::types::{
    ActionDefinition, MilestoneDefinition, ObjectiveDefinition, PlanDefinition, ThemeDefinition,
};
use crate::domain::{Bilingual, PlanState};
use crate::i18n::Lang;

/// A plan file that cannot be loaded: the file, the line and the field at fault, and why.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{file}, line {line}, field `{field}`: {message}")]
pub struct PlanFileError {
    pub file: String,
    pub line: usize,
    pub field: String,
    /// Why, in English (the parser's own words for a TOML mistake).
    pub message: String,
    /// The plan rule broken, to say it in the reader's language; `None` for a TOML mistake.
    pub rule: Option<PlanRule>,
}

impl PlanFileError {
    /// Why, in `lang`.
    pub fn message_in(&self, lang: Lang) -> String {
        self.rule
            .as_ref()
            .map_or_else(|| self.message.clone(), |rule| rule.message(lang))
    }
}

// The file as written, with the position of every value so that errors can name its line.

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlan {
    code: Spanned<String>,
    title_en: Spanned<String>,
    title_es: Spanned<String>,
    start_year: Spanned<i32>,
    end_year: Spanned<i32>,
    state: Option<Spanned<String>>,
    approved_on: Option<Spanned<toml::value::Datetime>>,
    #[serde(default)]
    theme: Vec<RawTheme>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTheme {
    code: Spanned<String>,
    name_en: Spanned<String>,
    name_es: Spanned<String>,
    #[serde(default)]
    action: Vec<RawAction>,
    #[serde(default)]
    objective: Vec<RawObjective>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawObjective {
    code: Spanned<String>,
    title_en: Spanned<String>,
    title_es: Spanned<String>,
    #[serde(default)]
    action: Vec<RawAction>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAction {
    code: Spanned<String>,
    title_en: Spanned<String>,
    title_es: Spanned<String>,
    description_en: Option<Spanned<String>>,
    description_es: Option<Spanned<String>>,
    lead: Option<Spanned<String>>,
    start_year: Option<Spanned<i32>>,
    end_year: Option<Spanned<i32>>,
    weight: Option<Spanned<f64>>,
    articles: Option<Spanned<Vec<i32>>>,
    countries: Option<Spanned<Vec<String>>>,
    #[serde(default)]
    milestone: Vec<RawMilestone>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMilestone {
    code: Option<Spanned<String>>,
    title_en: Spanned<String>,
    title_es: Spanned<String>,
    due: Spanned<toml::value::Datetime>,
    weight: Option<Spanned<f64>>,
}

/// Parses and validates the plan file `text`; `file` names it in error messages. The articles and
/// countries it names are checked against `known` when given.
pub fn parse_checked(
    file: &str,
    text: &str,
    known: Option<&Known>,
) -> Result<PlanDefinition, PlanFileError> {
    let mut reader = Reader {
        file,
        text,
        spans: HashMap::new(),
    };
    let raw: RawPlan = toml::from_str(text).map_err(|e| reader.syntax_error(&e))?;
    let definition = reader.plan(raw)?;
    rules::check(&definition, known).map_err(|violation| {
        let span = reader.span_of(violation.part, &violation.field);
        reader.error(span, &violation.field, violation.rule)
    })?;
    Ok(definition)
}

/// Parses and validates the plan file `text`, leaving its articles and countries to the store.
pub fn parse(file: &str, text: &str) -> Result<PlanDefinition, PlanFileError> {
    parse_checked(file, text, None)
}

/// Reads the file into a definition, trimming texts and filling defaults, and remembers where each
/// value stands.
struct Reader<'a> {
    file: &'a str,
    text: &'a str,
    spans: HashMap<(Part, &'static str), Range<usize>>,
}

impl Reader<'_> {
    fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        self.text[..offset].matches('\n').count() + 1
    }

    fn error(&self, span: Range<usize>, field: &str, rule: PlanRule) -> PlanFileError {
        PlanFileError {
            file: self.file.to_owned(),
            line: self.line_of(span.start),
            field: field.to_owned(),
            message: rule.message(Lang::En),
            rule: Some(rule),
        }
    }

    /// Where the field stands, else its part's code, else the top of the file.
    fn span_of(&self, part: Part, field: &str) -> Range<usize> {
        self.spans
            .iter()
            .find(|((p, f), _)| *p == part && *f == field)
            .or_else(|| {
                self.spans
                    .iter()
                    .find(|((p, f), _)| *p == part && *f == "code")
            })
            .map_or(0..0, |(_, span)| span.clone())
    }

    /// A TOML or type error: its line from the parser's span, its field from the message
    /// ("missing field `title_es`") or else from the key written on that line.
    fn syntax_error(&self, error: &toml::de::Error) -> PlanFileError {
        let span = error.span().unwrap_or(0..0);
        let line = self.line_of(span.start);
        let message = error.message().trim().to_owned();
        let field = quoted_field(&message)
            .or_else(|| key_on_line(self.text, line))
            .unwrap_or_else(|| "-".to_owned());
        PlanFileError {
            file: self.file.to_owned(),
            line,
            field,
            message,
            rule: None,
        }
    }

    fn text(&mut self, part: Part, field: &'static str, value: &Spanned<String>) -> String {
        self.spans.insert((part, field), value.span());
        value.get_ref().trim().to_owned()
    }

    fn bilingual(
        &mut self,
        part: Part,
        (field_en, field_es): (&'static str, &'static str),
        en: &Spanned<String>,
        es: &Spanned<String>,
    ) -> Bilingual {
        Bilingual::new(self.text(part, field_en, en), self.text(part, field_es, es))
    }

    fn number<T: Copy>(&mut self, part: Part, field: &'static str, value: &Spanned<T>) -> T {
        self.spans.insert((part, field), value.span());
        *value.get_ref()
    }

    fn date(
        &self,
        value: &Spanned<toml::value::Datetime>,
        field: &str,
    ) -> Result<NaiveDate, PlanFileError> {
        let datetime = value.get_ref();
        let invalid = || PlanFileError {
            file: self.file.to_owned(),
            line: self.line_of(value.span().start),
            field: field.to_owned(),
            message: format!("'{datetime}' must be a calendar date such as 2026-06-30"),
            rule: None,
        };
        match (datetime.date, datetime.time, datetime.offset) {
            (Some(d), None, None) => {
                NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
                    .ok_or_else(invalid)
            }
            _ => Err(invalid()),
        }
    }

    fn plan(&mut self, raw: RawPlan) -> Result<PlanDefinition, PlanFileError> {
        let code = self.text(Part::Plan, "code", &raw.code);
        let title = self.bilingual(
            Part::Plan,
            ("title_en", "title_es"),
            &raw.title_en,
            &raw.title_es,
        );
        let start_year = self.number(Part::Plan, "start_year", &raw.start_year);
        let end_year = self.number(Part::Plan, "end_year", &raw.end_year);
        let state = match &raw.state {
            None => PlanState::Draft,
            Some(state) => PlanState::from_code(state.get_ref()).ok_or_else(|| PlanFileError {
                file: self.file.to_owned(),
                line: self.line_of(state.span().start),
                field: "state".to_owned(),
                message: format!(
                    "'{}' must be one of: draft, approved, closed",
                    state.get_ref()
                ),
                rule: None,
            })?,
        };
        let approved_on = raw
            .approved_on
            .as_ref()
            .map(|date| self.date(date, "approved_on"))
            .transpose()?;
        let period = (start_year, end_year);
        let themes = raw
            .theme
            .iter()
            .enumerate()
            .map(|(t, theme)| self.theme(t, theme, period))
            .collect::<Result<_, _>>()?;
        Ok(PlanDefinition {
            code,
            title,
            start_year,
            end_year,
            state,
            approved_on,
            themes,
        })
    }

    fn theme(
        &mut self,
        t: usize,
        theme: &RawTheme,
        period: (i32, i32),
    ) -> Result<ThemeDefinition, PlanFileError> {
        let part = Part::Theme(t);
        let code = self.text(part, "code", &theme.code);
        let name = self.bilingual(part, ("name_en", "name_es"), &theme.name_en, &theme.name_es);
        let mut actions = Vec::new();
        for (index, action) in theme.action.iter().enumerate() {
            let at = ActionAt {
                theme: t,
                objective: None,
                index,
            };
            actions.push(self.action(at, action, period)?);
        }
        let mut objectives = Vec::new();
        for (o, objective) in theme.objective.iter().enumerate() {
            let part = Part::Objective(t, o);
            let code = self.text(part, "code", &objective.code);
            let title = self.bilingual(
                part,
                ("title_en", "title_es"),
                &objective.title_en,
                &objective.title_es,
            );
            let mut actions = Vec::new();
            for (index, action) in objective.action.iter().enumerate() {
                let at = ActionAt {
                    theme: t,
                    objective: Some(o),
                    index,
                };
                actions.push(self.action(at, action, period)?);
            }
            objectives.push(ObjectiveDefinition {
                code,
                title,
                actions,
            });
        }
        Ok(ThemeDefinition {
            code,
            name,
            actions,
            objectives,
        })
    }

    fn action(
        &mut self,
        at: ActionAt,
        raw: &RawAction,
        period: (i32, i32),
    ) -> Result<ActionDefinition, PlanFileError> {
        let part = Part::Action(at);
        let code = self.text(part, "code", &raw.code);
        let title = self.bilingual(part, ("title_en", "title_es"), &raw.title_en, &raw.title_es);
        let start_year = raw
            .start_year
            .as_ref()
            .map_or(period.0, |y| self.number(part, "start_year", y));
        let end_year = raw
            .end_year
            .as_ref()
            .map_or(period.1, |y| self.number(part, "end_year", y));
        let mut optional = |field: &'static str, value: &Option<Spanned<String>>| {
            value
                .as_ref()
                .map(|v| self.text(part, field, v))
                .filter(|v| !v.is_empty())
        };
        let description = match (
            optional("description_en", &raw.description_en),
            optional("description_es", &raw.description_es),
        ) {
            (None, None) => None,
            (en, es) => Some(Bilingual::new(
                en.unwrap_or_default(),
                es.unwrap_or_default(),
            )),
        };
        let lead = optional("lead", &raw.lead);
        let weight = raw
            .weight
            .as_ref()
            .map_or(1.0, |w| self.number(part, "weight", w));
        let articles = raw.articles.as_ref().map_or_else(Vec::new, |a| {
            self.spans.insert((part, "articles"), a.span());
            a.get_ref().clone()
        });
        let countries = raw.countries.as_ref().map_or_else(Vec::new, |c| {
            self.spans.insert((part, "countries"), c.span());
            c.get_ref()
                .iter()
                .map(|code| code.trim().to_owned())
                .collect()
        });
        let milestones = raw
            .milestone
            .iter()
            .enumerate()
            .map(|(m, milestone)| self.milestone(Part::Milestone(at, m), m, milestone))
            .collect::<Result<_, _>>()?;
        Ok(ActionDefinition {
            code,
            title,
            description,
            lead,
            start_year,
            end_year,
            weight,
            articles,
            countries,
            milestones,
        })
    }

    fn milestone(
        &mut self,
        part: Part,
        index: usize,
        raw: &RawMilestone,
    ) -> Result<MilestoneDefinition, PlanFileError> {
        let code = match &raw.code {
            Some(code) => self.text(part, "code", code),
            None => {
                self.spans.insert((part, "code"), raw.title_en.span());
                rules::default_milestone_code(index)
            }
        };
        let title = self.bilingual(part, ("title_en", "title_es"), &raw.title_en, &raw.title_es);
        let weight = raw
            .weight
            .as_ref()
            .map_or(1.0, |w| self.number(part, "weight", w));
        Ok(MilestoneDefinition {
            code,
            title,
            due_on: self.date(&raw.due, "due")?,
            weight,
        })
    }
}

/// The first name between backquotes in a parser message, as in "missing field `title_es`".
fn quoted_field(message: &str) -> Option<String> {
    let start = message.find('`')? + 1;
    let length = message[start..].find('`')?;
    Some(message[start..start + length].to_owned())
}

/// The key written at the start of `line` (`start_year = "x"` → `start_year`).
fn key_on_line(text: &str, line: usize) -> Option<String> {
    let content = text.lines().nth(line.checked_sub(1)?)?;
    let (key, _) = content.split_once('=')?;
    let key = key.trim().trim_matches('"');
    (!key.is_empty() && !key.contains(' ')).then(|| key.to_owned())
}

/// The plan file of `plan`, laid out as `docs/plan-file.md` shows: what `parse` reads back as the
/// same definition.
pub fn write(plan: &PlanDefinition) -> String {
    let mut out = String::new();
    let mut line = |indent: usize, text: String| {
        let _ = writeln!(out, "{}{text}", "  ".repeat(indent));
    };
    line(0, format!("code = {}", quoted(&plan.code)));
    line(0, format!("title_en = {}", quoted(&plan.title.en)));
    line(0, format!("title_es = {}", quoted(&plan.title.es)));
    line(0, format!("start_year = {}", plan.start_year));
    line(0, format!("end_year = {}", plan.end_year));
    line(0, format!("state = {}", quoted(plan.state.code())));
    if let Some(day) = plan.approved_on {
        line(0, format!("approved_on = {day}"));
    }
    for theme in &plan.themes {
        line(0, String::new());
        line(0, "[[theme]]".to_owned());
        line(0, format!("code = {}", quoted(&theme.code)));
        line(0, format!("name_en = {}", quoted(&theme.name.en)));
        line(0, format!("name_es = {}", quoted(&theme.name.es)));
        for action in &theme.actions {
            write_action(&mut line, 1, "theme.action", action);
        }
        for objective in &theme.objectives {
            line(1, String::new());
            line(1, "[[theme.objective]]".to_owned());
            line(1, format!("code = {}", quoted(&objective.code)));
            line(1, format!("title_en = {}", quoted(&objective.title.en)));
            line(1, format!("title_es = {}", quoted(&objective.title.es)));
            for action in &objective.actions {
                write_action(&mut line, 2, "theme.objective.action", action);
            }
        }
    }
    out
}

fn write_action(
    line: &mut impl FnMut(usize, String),
    indent: usize,
    table: &str,
    action: &ActionDefinition,
) {
    line(indent, String::new());
    line(indent, format!("[[{table}]]"));
    line(indent, format!("code = {}", quoted(&action.code)));
    line(indent, format!("title_en = {}", quoted(&action.title.en)));
    line(indent, format!("title_es = {}", quoted(&action.title.es)));
    if let Some(description) = &action.description {
        if !description.en.is_empty() {
            line(
                indent,
                format!("description_en = {}", quoted(&description.en)),
            );
        }
        if !description.es.is_empty() {
            line(
                indent,
                format!("description_es = {}", quoted(&description.es)),
            );
        }
    }
    if let Some(lead) = &action.lead {
        line(indent, format!("lead = {}", quoted(lead)));
    }
    line(indent, format!("start_year = {}", action.start_year));
    line(indent, format!("end_year = {}", action.end_year));
    line(indent, format!("weight = {}", number(action.weight)));
    if !action.articles.is_empty() {
        let articles: Vec<String> = action.articles.iter().map(i32::to_string).collect();
        line(indent, format!("articles = [{}]", articles.join(", ")));
    }
    if !action.countries.is_empty() {
        let countries: Vec<String> = action.countries.iter().map(|c| quoted(c)).collect();
        line(indent, format!("countries = [{}]", countries.join(", ")));
    }
    for milestone in &action.milestones {
        line(indent + 1, String::new());
        line(indent + 1, format!("[[{table}.milestone]]"));
        line(indent + 1, format!("code = {}", quoted(&milestone.code)));
        line(
            indent + 1,
            format!("title_en = {}", quoted(&milestone.title.en)),
        );
        line(
            indent + 1,
            format!("title_es = {}", quoted(&milestone.title.es)),
        );
        line(indent + 1, format!("due = {}", milestone.due_on));
        line(indent + 1, format!("weight = {}", number(milestone.weight)));
    }
}

/// A TOML string, quoted and escaped.
fn quoted(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}

/// A weight as TOML writes it: `1` for a whole number (an integer reads back as the same float).
fn number(value: f64) -> String {
    toml::Value::Float(value).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL_PLAN: &str = r#"
code = "test-plan"
title_en = "Test plan"
title_es = "Plan de prueba"
start_year = 2025
end_year = 2029
state = "approved"
approved_on = 2025-03-01

[[theme]]
code = "1"
name_en = "Intelligence"
name_es = "Inteligencia"

  [[theme.action]]
  code = "1.1"
  title_en = "Share intelligence"
  title_es = "Compartir inteligencia"
  articles = [10]
  weight = 2

    [[theme.action.milestone]]
    title_en = "Channel agreed"
    title_es = "Canal acordado"
    due = 2026-06-30

[[theme]]
code = "2"
name_en = "Operations"
name_es = "Operaciones"

  [[theme.objective]]
  code = "2.A"
  title_en = "Train teams"
  title_es = "Capacitar equipos"

    [[theme.objective.action]]
    code = "2.A.1"
    title_en = "Regional training plan"
    title_es = "Plan regional de capacitación"
    start_year = 2026
"#;

    fn error_of(text: &str) -> PlanFileError {
        parse("plan.toml", text).unwrap_err()
    }

    #[test]
    fn a_valid_plan_parses_with_defaults_filled_in() {
        let plan = parse("plan.toml", SMALL_PLAN).unwrap();
        assert_eq!(plan.code, "test-plan");
        assert_eq!(plan.state, PlanState::Approved);
        assert_eq!(plan.approved_on, NaiveDate::from_ymd_opt(2025, 3, 1));
        assert_eq!(plan.themes.len(), 2);
        let codes: Vec<&str> = plan.actions().map(|a| a.code.as_str()).collect();
        assert_eq!(codes, ["1.1", "2.A.1"]);
        let first = &plan.themes[0].actions[0];
        assert_eq!(
            (first.weight, first.start_year, first.end_year),
            (2.0, 2025, 2029)
        );
        assert_eq!(first.articles, [10]);
        assert_eq!(first.milestones[0].weight, 1.0);
        let nested = &plan.themes[1].objectives[0].actions[0];
        assert_eq!((nested.start_year, nested.weight), (2026, 1.0));
    }

    #[test]
    fn a_missing_field_names_the_field_and_its_table() {
        let text = SMALL_PLAN.replace("  title_es = \"Compartir inteligencia\"\n", "");
        let err = error_of(&text);
        assert_eq!(err.field, "title_es");
        assert_eq!(err.line, 15, "the [[theme.action]] that lacks it: {err}");
        assert_eq!(err.file, "plan.toml");
    }

    #[test]
    fn a_wrong_type_names_the_line_and_key() {
        let text = SMALL_PLAN.replace("end_year = 2029", "end_year = \"2029\"");
        let err = error_of(&text);
        assert_eq!((err.line, err.field.as_str()), (6, "end_year"), "{err}");
    }

    #[test]
    fn an_unknown_field_is_refused() {
        let text = SMALL_PLAN.replace("  weight = 2\n", "  wieght = 2\n");
        let err = error_of(&text);
        assert_eq!((err.line, err.field.as_str()), (20, "wieght"), "{err}");
    }

    #[test]
    fn a_duplicate_action_code_is_refused_at_its_line() {
        let text = SMALL_PLAN.replace("code = \"2.A.1\"", "code = \"1.1\"");
        let err = error_of(&text);
        assert_eq!(err.field, "code");
        assert_eq!(err.line, 38);
        assert!(err.message.contains("used twice"), "{err}");
    }

    #[test]
    fn years_outside_the_period_are_refused() {
        let text = SMALL_PLAN.replace("start_year = 2026", "start_year = 2031");
        let err = error_of(&text);
        assert_eq!((err.line, err.field.as_str()), (41, "start_year"), "{err}");
        assert!(err.message.contains("2025–2029"));
    }

    #[test]
    fn an_invalid_date_and_state_are_refused() {
        let err = error_of(&SMALL_PLAN.replace("due = 2026-06-30", "due = 2026-06-30T10:00:00"));
        assert_eq!((err.line, err.field.as_str()), (25, "due"), "{err}");
        let err = error_of(&SMALL_PLAN.replace("state = \"approved\"", "state = \"final\""));
        assert_eq!((err.line, err.field.as_str()), (7, "state"), "{err}");
    }

    #[test]
    fn negative_weights_and_empty_titles_are_refused() {
        let err = error_of(&SMALL_PLAN.replace("weight = 2", "weight = -1"));
        assert_eq!((err.line, err.field.as_str()), (20, "weight"), "{err}");
        let err = error_of(&SMALL_PLAN.replace("name_es = \"Operaciones\"", "name_es = \"  \""));
        assert_eq!((err.line, err.field.as_str()), (30, "name_es"), "{err}");
    }

    #[test]
    fn the_message_names_file_line_and_field() {
        let err = error_of(&SMALL_PLAN.replace("weight = 2", "weight = -1"));
        assert_eq!(
            err.to_string(),
            "plan.toml, line 20, field `weight`: must be a number of zero or more"
        );
    }

    #[test]
    fn broken_toml_is_reported_at_its_line() {
        let text = SMALL_PLAN.replace("name_en = \"Operations\"", "name_en = \"Operations");
        let err = error_of(&text);
        assert_eq!(err.line, 29, "{err}");
    }

    #[test]
    fn milestones_without_a_code_are_numbered_in_order() {
        let plan = parse("plan.toml", SMALL_PLAN).unwrap();
        assert_eq!(plan.themes[0].actions[0].milestones[0].code, "M1");
        let text = SMALL_PLAN.replace(
            "    title_en = \"Channel agreed\"",
            "    code = \"agreed\"\n    title_en = \"Channel agreed\"",
        );
        let plan = parse("plan.toml", &text).unwrap();
        assert_eq!(plan.themes[0].actions[0].milestones[0].code, "agreed");
    }

    #[test]
    fn an_action_may_be_limited_to_some_countries() {
        let text = SMALL_PLAN.replace(
            "  articles = [10]\n",
            "  articles = [10]\n  countries = [\"CR\", \"MX\"]\n",
        );
        let plan = parse("plan.toml", &text).unwrap();
        assert_eq!(plan.themes[0].actions[0].countries, ["CR", "MX"]);
        let err = error_of(&text.replace("\"MX\"]", "\"mx\"]"));
        assert_eq!((err.line, err.field.as_str()), (20, "countries"), "{err}");
        assert_eq!(err.rule, Some(PlanRule::BadCountry("mx".into())));
    }

    #[test]
    fn articles_and_countries_are_checked_against_what_is_known() {
        let text = SMALL_PLAN.replace(
            "  articles = [10]\n",
            "  articles = [10]\n  countries = [\"BR\"]\n",
        );
        let known = Known {
            articles: HashSet::from([10]),
            countries: HashSet::from(["CR".to_owned()]),
        };
        let err = parse_checked("plan.toml", &text, Some(&known)).unwrap_err();
        assert_eq!(err.rule, Some(PlanRule::UnknownCountry("BR".into())));
        assert!(err.message_in(Lang::Es).contains("BR"));
        let err = parse_checked("plan.toml", SMALL_PLAN, Some(&Known::default())).unwrap_err();
        assert_eq!((err.line, err.field.as_str()), (19, "articles"), "{err}");
    }

    #[test]
    fn a_written_plan_reads_back_the_same() {
        let text = SMALL_PLAN
            .replace("  articles = [10]\n", "  articles = [10]\n  countries = [\"CR\"]\n  lead = \"Costa \\\"Rica\\\"\"\n  description_en = \"Two\\nlines\"\n")
            .replace("weight = 2", "weight = 2.5");
        let plan = parse("plan.toml", &text).unwrap();
        let written = write(&plan);
        assert_eq!(parse("written.toml", &written).unwrap(), plan, "{written}");
        assert_eq!(write(&parse("again.toml", &written).unwrap()), written);
    }

    #[test]
    fn the_shipped_plan_reads_back_the_same() {
        let plan = parse("plan.toml", migrations::reference::DEFAULT_PLAN).unwrap();
        assert_eq!(parse("written.toml", &write(&plan)).unwrap(), plan);
    }
}
