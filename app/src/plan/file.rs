//! The plan file: a TOML document a secretariat can edit, describing one plan (themes, optional
//! objectives, actions and milestones). Parsing and validation only; `load` writes it to the database.
//! The format is documented in `docs/plan-file.md`.

use std::collections::HashSet;
use std::ops::Range;

use chrono::NaiveDate;
use serde::Deserialize;
use toml::Spanned;

use crate::domain::{Bilingual, PlanState};

/// A plan file that cannot be loaded: the file, the line and the field at fault, and why.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{file}, line {line}, field `{field}`: {message}")]
pub struct PlanFileError {
    pub file: String,
    pub line: usize,
    pub field: String,
    pub message: String,
}

/// A validated plan, ready to be stored.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanDefinition {
    pub code: String,
    pub title: Bilingual,
    pub start_year: i32,
    pub end_year: i32,
    pub state: PlanState,
    pub approved_on: Option<NaiveDate>,
    pub themes: Vec<ThemeDefinition>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ThemeDefinition {
    pub code: String,
    pub name: Bilingual,
    /// Actions placed directly under the theme (plans without an objective level).
    pub actions: Vec<ActionDefinition>,
    pub objectives: Vec<ObjectiveDefinition>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ObjectiveDefinition {
    pub code: String,
    pub title: Bilingual,
    pub actions: Vec<ActionDefinition>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ActionDefinition {
    pub code: String,
    pub title: Bilingual,
    pub description: Option<Bilingual>,
    pub lead: Option<String>,
    pub start_year: i32,
    pub end_year: i32,
    pub weight: f64,
    /// Protocol article numbers, checked against the database when the plan is stored.
    pub articles: Vec<i32>,
    /// Where `articles` stands in the file, to point at it if an article does not exist.
    pub articles_line: usize,
    pub milestones: Vec<MilestoneDefinition>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct MilestoneDefinition {
    pub title: Bilingual,
    pub due_on: NaiveDate,
    pub weight: f64,
}

impl PlanDefinition {
    /// Every action of the plan, in file order, whether under a theme or an objective.
    pub fn actions(&self) -> impl Iterator<Item = &ActionDefinition> {
        self.themes.iter().flat_map(|theme| {
            theme
                .actions
                .iter()
                .chain(theme.objectives.iter().flat_map(|o| o.actions.iter()))
        })
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
    description_en: Option<String>,
    description_es: Option<String>,
    lead: Option<String>,
    start_year: Option<Spanned<i32>>,
    end_year: Option<Spanned<i32>>,
    weight: Option<Spanned<f64>>,
    articles: Option<Spanned<Vec<i32>>>,
    #[serde(default)]
    milestone: Vec<RawMilestone>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMilestone {
    title_en: Spanned<String>,
    title_es: Spanned<String>,
    due: Spanned<toml::value::Datetime>,
    weight: Option<Spanned<f64>>,
}

/// Parses and validates the plan file `text`; `file` names it in error messages.
pub fn parse(file: &str, text: &str) -> Result<PlanDefinition, PlanFileError> {
    let checker = Checker { file, text };
    let raw: RawPlan = toml::from_str(text).map_err(|e| checker.syntax_error(&e))?;
    checker.plan(raw)
}

struct Checker<'a> {
    file: &'a str,
    text: &'a str,
}

impl Checker<'_> {
    fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        self.text[..offset].matches('\n').count() + 1
    }

    fn error(&self, span: Range<usize>, field: &str, message: impl Into<String>) -> PlanFileError {
        PlanFileError {
            file: self.file.to_owned(),
            line: self.line_of(span.start),
            field: field.to_owned(),
            message: message.into(),
        }
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
        }
    }

    fn text(&self, value: &Spanned<String>, field: &str) -> Result<String, PlanFileError> {
        let trimmed = value.get_ref().trim();
        if trimmed.is_empty() {
            return Err(self.error(value.span(), field, "must not be empty"));
        }
        if crate::text::has_hidden_characters(trimmed) {
            return Err(self.error(
                value.span(),
                field,
                "must not contain control characters or characters that reorder text",
            ));
        }
        Ok(trimmed.to_owned())
    }

    fn bilingual(
        &self,
        en: &Spanned<String>,
        es: &Spanned<String>,
        field: &str,
    ) -> Result<Bilingual, PlanFileError> {
        Ok(Bilingual::new(
            self.text(en, &format!("{field}_en"))?,
            self.text(es, &format!("{field}_es"))?,
        ))
    }

    fn code(
        &self,
        code: &Spanned<String>,
        seen: &mut HashSet<String>,
        what: &str,
    ) -> Result<String, PlanFileError> {
        let value = self.text(code, "code")?;
        let allowed = value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'));
        if !allowed || !value.chars().any(|c| c.is_ascii_alphanumeric()) {
            return Err(self.error(
                code.span(),
                "code",
                format!("the {what} code '{value}' must be letters, digits, '.', '-' or '_', with at least one letter or digit (it is part of addresses)"),
            ));
        }
        if !seen.insert(value.clone()) {
            return Err(self.error(
                code.span(),
                "code",
                format!("the {what} code '{value}' is used twice"),
            ));
        }
        Ok(value)
    }

    fn weight(&self, weight: &Option<Spanned<f64>>) -> Result<f64, PlanFileError> {
        match weight {
            None => Ok(1.0),
            Some(w) if w.get_ref().is_finite() && *w.get_ref() >= 0.0 => Ok(*w.get_ref()),
            Some(w) => Err(self.error(w.span(), "weight", "must be a number of zero or more")),
        }
    }

    fn date(
        &self,
        value: &Spanned<toml::value::Datetime>,
        field: &str,
    ) -> Result<NaiveDate, PlanFileError> {
        let datetime = value.get_ref();
        let invalid = || {
            self.error(
                value.span(),
                field,
                format!("'{datetime}' must be a calendar date such as 2026-06-30"),
            )
        };
        match (datetime.date, datetime.time, datetime.offset) {
            (Some(d), None, None) => {
                NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
                    .ok_or_else(invalid)
            }
            _ => Err(invalid()),
        }
    }

    fn plan(&self, raw: RawPlan) -> Result<PlanDefinition, PlanFileError> {
        let code = self.code(&raw.code, &mut HashSet::new(), "plan")?;
        let title = self.bilingual(&raw.title_en, &raw.title_es, "title")?;
        let (start_year, end_year) = (*raw.start_year.get_ref(), *raw.end_year.get_ref());
        if !(1900..=2200).contains(&start_year) {
            return Err(self.error(
                raw.start_year.span(),
                "start_year",
                "must be a year such as 2025",
            ));
        }
        if end_year < start_year || end_year > start_year + 50 {
            return Err(self.error(
                raw.end_year.span(),
                "end_year",
                format!(
                    "must be a year from {start_year} (the start year) to {}",
                    start_year + 50
                ),
            ));
        }
        let state = match &raw.state {
            None => PlanState::Draft,
            Some(state) => PlanState::from_code(state.get_ref()).ok_or_else(|| {
                self.error(
                    state.span(),
                    "state",
                    format!(
                        "'{}' must be one of: draft, approved, closed",
                        state.get_ref()
                    ),
                )
            })?,
        };
        let approved_on = raw
            .approved_on
            .as_ref()
            .map(|date| self.date(date, "approved_on"))
            .transpose()?;
        if raw.theme.is_empty() {
            return Err(self.error(0..0, "theme", "a plan needs at least one [[theme]]"));
        }

        let period = start_year..=end_year;
        let mut theme_codes = HashSet::new();
        let mut objective_codes = HashSet::new();
        let mut action_codes = HashSet::new();
        let mut themes = Vec::new();
        for theme in &raw.theme {
            let mut actions_under = |raw_actions: &[RawAction]| {
                raw_actions
                    .iter()
                    .map(|action| self.action(action, &period, &mut action_codes))
                    .collect::<Result<Vec<_>, _>>()
            };
            let code = self.code(&theme.code, &mut theme_codes, "theme")?;
            let name = self.bilingual(&theme.name_en, &theme.name_es, "name")?;
            let actions = actions_under(&theme.action)?;
            let mut objectives = Vec::new();
            for objective in &theme.objective {
                objectives.push(ObjectiveDefinition {
                    code: self.code(&objective.code, &mut objective_codes, "objective")?,
                    title: self.bilingual(&objective.title_en, &objective.title_es, "title")?,
                    actions: actions_under(&objective.action)?,
                });
            }
            themes.push(ThemeDefinition {
                code,
                name,
                actions,
                objectives,
            });
        }
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

    fn action(
        &self,
        raw: &RawAction,
        period: &std::ops::RangeInclusive<i32>,
        codes: &mut HashSet<String>,
    ) -> Result<ActionDefinition, PlanFileError> {
        let code = self.code(&raw.code, codes, "action")?;
        let title = self.bilingual(&raw.title_en, &raw.title_es, "title")?;
        let year = |value: &Option<Spanned<i32>>, field: &str, default: i32| match value {
            None => Ok(default),
            Some(y) if period.contains(y.get_ref()) => Ok(*y.get_ref()),
            Some(y) => Err(self.error(
                y.span(),
                field,
                format!(
                    "{} is outside the plan's period {}–{}",
                    y.get_ref(),
                    period.start(),
                    period.end()
                ),
            )),
        };
        let start_year = year(&raw.start_year, "start_year", *period.start())?;
        let end_year = year(&raw.end_year, "end_year", *period.end())?;
        if end_year < start_year {
            let span = raw.end_year.as_ref().map_or(raw.code.span(), Spanned::span);
            return Err(self.error(span, "end_year", "must not be before start_year"));
        }
        let description = match (&raw.description_en, &raw.description_es) {
            (None, None) => None,
            (en, es) => Some(Bilingual::new(
                en.clone().unwrap_or_default(),
                es.clone().unwrap_or_default(),
            )),
        };
        let (articles, articles_line) = match &raw.articles {
            Some(articles) => (
                articles.get_ref().clone(),
                self.line_of(articles.span().start),
            ),
            None => (Vec::new(), self.line_of(raw.code.span().start)),
        };
        let milestones = raw
            .milestone
            .iter()
            .map(|m| {
                Ok(MilestoneDefinition {
                    title: self.bilingual(&m.title_en, &m.title_es, "title")?,
                    due_on: self.date(&m.due, "due")?,
                    weight: self.weight(&m.weight)?,
                })
            })
            .collect::<Result<Vec<_>, PlanFileError>>()?;
        Ok(ActionDefinition {
            code,
            title,
            description,
            lead: raw.lead.clone().filter(|lead| !lead.trim().is_empty()),
            start_year,
            end_year,
            weight: self.weight(&raw.weight)?,
            articles,
            articles_line,
            milestones,
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
}
