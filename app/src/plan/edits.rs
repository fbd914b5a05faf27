//! The secretariat's edits to a draft revision, as changes to its plan definition: put (add or
//! change) a theme, objective, action or milestone, move it up or down among its siblings, or retire
//! it. Pure; the result is checked by `rules::check` like any plan file.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::rules::{fresh_milestone_code, ActionAt, Part, PartKind, PlanRule, Violation};
use super::types::{
    ActionDefinition, MilestoneDefinition, ObjectiveDefinition, PlanDefinition, ThemeDefinition,
};
use crate::domain::Bilingual;

/// The part of the plan an edit concerns, by its codes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Target {
    Theme(String),
    Objective(String),
    Action(String),
    /// A milestone: its action's code, then its own.
    Milestone(String, String),
}

impl Target {
    pub fn kind(&self) -> PartKind {
        match self {
            Target::Theme(_) => PartKind::Theme,
            Target::Objective(_) => PartKind::Objective,
            Target::Action(_) => PartKind::Action,
            Target::Milestone(..) => PartKind::Milestone,
        }
    }
}

/// Where an action goes: under a theme, or under one of its objectives.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    pub theme: String,
    pub objective: Option<String>,
}

/// Why an edit cannot be made.
#[derive(Clone, Debug, PartialEq)]
pub enum EditError {
    /// The part is not in the draft (retired meanwhile, or a wrong code).
    Missing,
    /// The edited plan breaks a rule.
    Broken(Violation),
    /// A theme or objective that still holds parts cannot be retired.
    NotEmpty(PartKind),
}

/// What a form puts into the plan: a part, new (`existing` `None`) or changed (`existing` names it).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Put {
    Theme {
        existing: Option<String>,
        code: String,
        name: Bilingual,
    },
    Objective {
        existing: Option<String>,
        theme: String,
        code: String,
        title: Bilingual,
    },
    Action {
        existing: Option<String>,
        place: Place,
        fields: ActionDefinition,
    },
    Milestone {
        action: String,
        existing: Option<String>,
        fields: MilestoneDefinition,
    },
}

/// Puts the part into the plan; returns where it now stands.
pub fn put(plan: &mut PlanDefinition, put: &Put) -> Result<Part, EditError> {
    match put {
        Put::Theme {
            existing,
            code,
            name,
        } => put_theme(plan, existing.as_deref(), code, name.clone()),
        Put::Objective {
            existing,
            theme,
            code,
            title,
        } => put_objective(plan, existing.as_deref(), theme, code, title.clone()),
        Put::Action {
            existing,
            place,
            fields,
        } => put_action(plan, existing.as_deref(), place, fields.clone()),
        Put::Milestone {
            action,
            existing,
            fields,
        } => put_milestone(plan, action, existing.as_deref(), fields.clone()),
    }
}

/// Adds (with `existing` `None`) or changes the theme with the code `existing`.
pub fn put_theme(
    plan: &mut PlanDefinition,
    existing: Option<&str>,
    code: &str,
    name: Bilingual,
) -> Result<Part, EditError> {
    let index = match existing {
        Some(existing) => {
            let index = theme_index(plan, existing).ok_or(EditError::Missing)?;
            plan.themes[index].name = name;
            index
        }
        None => {
            plan.themes.push(ThemeDefinition {
                code: code.to_owned(),
                name,
                actions: Vec::new(),
                objectives: Vec::new(),
            });
            plan.themes.len() - 1
        }
    };
    Ok(Part::Theme(index))
}

/// Adds or changes an objective, under the theme `theme` (moving it there if it stood elsewhere).
pub fn put_objective(
    plan: &mut PlanDefinition,
    existing: Option<&str>,
    theme: &str,
    code: &str,
    title: Bilingual,
) -> Result<Part, EditError> {
    let to = theme_index(plan, theme).ok_or(EditError::Missing)?;
    let objective = match existing {
        Some(existing) => {
            let (t, o) = objective_index(plan, existing).ok_or(EditError::Missing)?;
            if t == to {
                plan.themes[t].objectives[o].title = title;
                return Ok(Part::Objective(t, o));
            }
            let mut objective = plan.themes[t].objectives.remove(o);
            objective.title = title;
            objective
        }
        None => ObjectiveDefinition {
            code: code.to_owned(),
            title,
            actions: Vec::new(),
        },
    };
    plan.themes[to].objectives.push(objective);
    Ok(Part::Objective(to, plan.themes[to].objectives.len() - 1))
}

/// Adds or changes an action at `place` (moving it there, with its milestones, if it stood
/// elsewhere). `fields` carries everything but the milestones, which an existing action keeps.
pub fn put_action(
    plan: &mut PlanDefinition,
    existing: Option<&str>,
    place: &Place,
    mut fields: ActionDefinition,
) -> Result<Part, EditError> {
    let theme = theme_index(plan, &place.theme).ok_or(EditError::Missing)?;
    let objective = match &place.objective {
        Some(code) => match objective_index(plan, code) {
            Some((t, o)) if t == theme => Some(o),
            _ => return Err(EditError::Missing),
        },
        None => None,
    };
    if let Some(existing) = existing {
        let at = action_at(plan, existing).ok_or(EditError::Missing)?;
        if at.theme == theme && at.objective == objective {
            let action = action_mut(plan, at);
            fields.code = action.code.clone();
            fields.milestones = std::mem::take(&mut action.milestones);
            *action = fields;
            return Ok(Part::Action(at));
        }
        let moved = siblings(plan, at).remove(at.index);
        fields.code = moved.code;
        fields.milestones = moved.milestones;
    }
    let list = match objective {
        Some(o) => &mut plan.themes[theme].objectives[o].actions,
        None => &mut plan.themes[theme].actions,
    };
    list.push(fields);
    Ok(Part::Action(ActionAt {
        theme,
        objective,
        index: list.len() - 1,
    }))
}

/// Adds or changes a milestone of the action `action`. A new milestone without a code takes the
/// next free `M` number.
pub fn put_milestone(
    plan: &mut PlanDefinition,
    action: &str,
    existing: Option<&str>,
    mut fields: MilestoneDefinition,
) -> Result<Part, EditError> {
    let at = action_at(plan, action).ok_or(EditError::Missing)?;
    let milestones = &mut action_mut(plan, at).milestones;
    let index = match existing {
        Some(existing) => {
            let index = milestones
                .iter()
                .position(|m| m.code == existing)
                .ok_or(EditError::Missing)?;
            fields.code = milestones[index].code.clone();
            milestones[index] = fields;
            index
        }
        None => {
            if fields.code.is_empty() {
                fields.code =
                    fresh_milestone_code(|code| milestones.iter().any(|m| m.code == code));
            }
            milestones.push(fields);
            milestones.len() - 1
        }
    };
    Ok(Part::Milestone(at, index))
}

/// Moves the part one place up (`up`) or down among its siblings; at either end, nothing moves.
pub fn move_part(plan: &mut PlanDefinition, target: &Target, up: bool) -> Result<(), EditError> {
    fn shift<T>(list: &mut [T], index: usize, up: bool) {
        let other = if up {
            index.checked_sub(1)
        } else {
            Some(index + 1).filter(|i| *i < list.len())
        };
        if let Some(other) = other {
            list.swap(index, other);
        }
    }
    match target {
        Target::Theme(code) => {
            let index = theme_index(plan, code).ok_or(EditError::Missing)?;
            shift(&mut plan.themes, index, up);
        }
        Target::Objective(code) => {
            let (t, o) = objective_index(plan, code).ok_or(EditError::Missing)?;
            shift(&mut plan.themes[t].objectives, o, up);
        }
        Target::Action(code) => {
            let at = action_at(plan, code).ok_or(EditError::Missing)?;
            shift(siblings(plan, at), at.index, up);
        }
        Target::Milestone(action, code) => {
            let at = action_at(plan, action).ok_or(EditError::Missing)?;
            let milestones = &mut action_mut(plan, at).milestones;
            let index = milestones
                .iter()
                .position(|m| &m.code == code)
                .ok_or(EditError::Missing)?;
            shift(milestones, index, up);
        }
    }
    Ok(())
}

/// Retires the part from the plan: it leaves the revision, and what countries reported on it stays.
/// A theme or objective must be emptied first, so that no action is retired unseen.
pub fn retire(plan: &mut PlanDefinition, target: &Target) -> Result<(), EditError> {
    match target {
        Target::Theme(code) => {
            let index = theme_index(plan, code).ok_or(EditError::Missing)?;
            let theme = &plan.themes[index];
            if !theme.actions.is_empty() || !theme.objectives.is_empty() {
                return Err(EditError::NotEmpty(PartKind::Theme));
            }
            plan.themes.remove(index);
        }
        Target::Objective(code) => {
            let (t, o) = objective_index(plan, code).ok_or(EditError::Missing)?;
            if !plan.themes[t].objectives[o].actions.is_empty() {
                return Err(EditError::NotEmpty(PartKind::Objective));
            }
            plan.themes[t].objectives.remove(o);
        }
        Target::Action(code) => {
            let at = action_at(plan, code).ok_or(EditError::Missing)?;
            siblings(plan, at).remove(at.index);
        }
        Target::Milestone(action, code) => {
            let at = action_at(plan, action).ok_or(EditError::Missing)?;
            let milestones = &mut action_mut(plan, at).milestones;
            let index = milestones
                .iter()
                .position(|m| &m.code == code)
                .ok_or(EditError::Missing)?;
            milestones.remove(index);
        }
    }
    if plan.themes.is_empty() {
        return Err(EditError::Broken(Violation {
            part: Part::Plan,
            field: "theme".to_owned(),
            rule: PlanRule::NoThemes,
        }));
    }
    Ok(())
}

fn theme_index(plan: &PlanDefinition, code: &str) -> Option<usize> {
    plan.themes.iter().position(|t| t.code == code)
}

fn objective_index(plan: &PlanDefinition, code: &str) -> Option<(usize, usize)> {
    plan.themes.iter().enumerate().find_map(|(t, theme)| {
        theme
            .objectives
            .iter()
            .position(|o| o.code == code)
            .map(|o| (t, o))
    })
}

/// Where the action with the code `code` stands.
pub fn action_at(plan: &PlanDefinition, code: &str) -> Option<ActionAt> {
    plan.actions_at()
        .find(|(_, action)| action.code == code)
        .map(|(at, _)| at)
}

/// The action at `at`, which must stand there.
pub fn action(plan: &PlanDefinition, at: ActionAt) -> &ActionDefinition {
    let theme = &plan.themes[at.theme];
    match at.objective {
        Some(o) => &theme.objectives[o].actions[at.index],
        None => &theme.actions[at.index],
    }
}

fn action_mut(plan: &mut PlanDefinition, at: ActionAt) -> &mut ActionDefinition {
    &mut siblings(plan, at)[at.index]
}

fn siblings(plan: &mut PlanDefinition, at: ActionAt) -> &mut Vec<ActionDefinition> {
    let theme = &mut plan.themes[at.theme];
    match at.objective {
        Some(o) => &mut theme.objectives[o].actions,
        None => &mut theme.actions,
    }
}

/// A milestone as the form gives it, before its code is settled.
pub fn milestone(title: Bilingual, due_on: NaiveDate, weight: f64) -> MilestoneDefinition {
    MilestoneDefinition {
        code: String::new(),
        title,
        due_on,
        weight,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::file::parse;
    use crate::plan::rules::check;

    use crate::plan::rules::TEST_PLAN as PLAN;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn a_new_milestone_takes_the_next_free_code() {
        let mut plan = parse("p.toml", PLAN).unwrap();
        let fields = milestone(Bilingual::new("Signed", "Firmado"), day("2027-01-31"), 1.0);
        let part = put_milestone(&mut plan, "1.1", None, fields).unwrap();
        let at = action_at(&plan, "1.1").unwrap();
        assert_eq!(part, Part::Milestone(at, 1));
        assert_eq!(action(&plan, at).milestones[1].code, "M2");
        check(&plan, None).unwrap();
    }

    #[test]
    fn an_action_moves_to_another_theme_with_its_milestones() {
        let mut plan = parse("p.toml", PLAN).unwrap();
        let mut fields = action(&plan, action_at(&plan, "1.1").unwrap()).clone();
        fields.title = Bilingual::new("Moved", "Movida");
        let place = Place {
            theme: "2".into(),
            objective: None,
        };
        put_action(&mut plan, Some("1.1"), &place, fields).unwrap();
        assert_eq!(plan.themes[0].actions.len(), 1, "1.2 stays");
        assert_eq!(plan.themes[1].actions[0].milestones.len(), 1);
        assert_eq!(plan.themes[1].actions[0].title.en, "Moved");
    }

    #[test]
    fn a_theme_with_actions_is_not_retired() {
        let mut plan = parse("p.toml", PLAN).unwrap();
        assert_eq!(
            retire(&mut plan, &Target::Theme("1".into())),
            Err(EditError::NotEmpty(PartKind::Theme))
        );
        retire(&mut plan, &Target::Theme("2".into())).unwrap();
        assert_eq!(
            retire(&mut plan, &Target::Action("9.9".into())),
            Err(EditError::Missing)
        );
        retire(&mut plan, &Target::Action("1.1".into())).unwrap();
        let codes: Vec<&str> = plan.actions().map(|a| a.code.as_str()).collect();
        assert_eq!(codes, ["1.2"]);
    }

    #[test]
    fn moving_past_either_end_changes_nothing() {
        let mut plan = parse("p.toml", PLAN).unwrap();
        let before = plan.clone();
        move_part(&mut plan, &Target::Theme("1".into()), true).unwrap();
        assert_eq!(plan, before);
        move_part(&mut plan, &Target::Theme("1".into()), false).unwrap();
        assert_eq!(plan.themes[0].code, "2");
    }

    #[test]
    fn a_duplicate_code_is_found_by_the_check() {
        let mut plan = parse("p.toml", PLAN).unwrap();
        put_theme(&mut plan, None, "1", Bilingual::new("Again", "Otra vez")).unwrap();
        let violation = check(&plan, None).unwrap_err();
        assert_eq!(violation.part, Part::Theme(2));
        assert_eq!(violation.field, "code");
    }
}
