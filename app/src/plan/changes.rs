//! What a revision changes: the differences between the plan before and after it, part by part, as
//! the revision history and the preview of a loaded file show them. Pure.

use super::types::PartKind;
use super::types::{ActionDefinition, MilestoneDefinition, PlanDefinition};
pub use super::types::{Difference, DifferenceKind};
use crate::domain::Bilingual;

/// A flat view of a plan: every part with its code, name, place and fields, in file order.
struct Entry<'a> {
    kind: PartKind,
    code: String,
    name: &'a Bilingual,
    /// What it stands under: its kind and code.
    parent: (PartKind, String),
    fields: Vec<(&'static str, String)>,
}

fn entries(plan: &PlanDefinition) -> Vec<Entry<'_>> {
    let mut list = vec![Entry {
        kind: PartKind::Plan,
        code: plan.code.clone(),
        name: &plan.title,
        parent: (PartKind::Plan, String::new()),
        fields: vec![
            ("title_en", plan.title.en.clone()),
            ("title_es", plan.title.es.clone()),
            ("start_year", plan.start_year.to_string()),
            ("end_year", plan.end_year.to_string()),
            ("state", plan.state.code().to_owned()),
            (
                "approved_on",
                plan.approved_on.map(|d| d.to_string()).unwrap_or_default(),
            ),
        ],
    }];
    for theme in &plan.themes {
        list.push(Entry {
            kind: PartKind::Theme,
            code: theme.code.clone(),
            name: &theme.name,
            parent: (PartKind::Plan, plan.code.clone()),
            fields: vec![
                ("name_en", theme.name.en.clone()),
                ("name_es", theme.name.es.clone()),
            ],
        });
        for action in &theme.actions {
            push_action(&mut list, (PartKind::Theme, theme.code.clone()), action);
        }
        for objective in &theme.objectives {
            list.push(Entry {
                kind: PartKind::Objective,
                code: objective.code.clone(),
                name: &objective.title,
                parent: (PartKind::Theme, theme.code.clone()),
                fields: vec![
                    ("title_en", objective.title.en.clone()),
                    ("title_es", objective.title.es.clone()),
                ],
            });
            for action in &objective.actions {
                push_action(
                    &mut list,
                    (PartKind::Objective, objective.code.clone()),
                    action,
                );
            }
        }
    }
    list
}

fn push_action<'a>(
    list: &mut Vec<Entry<'a>>,
    parent: (PartKind, String),
    action: &'a ActionDefinition,
) {
    let description = |pick: fn(&Bilingual) -> &String| {
        action
            .description
            .as_ref()
            .map(|d| pick(d).clone())
            .unwrap_or_default()
    };
    let list_of = |items: Vec<String>| items.join(", ");
    list.push(Entry {
        kind: PartKind::Action,
        code: action.code.clone(),
        name: &action.title,
        parent,
        fields: vec![
            ("title_en", action.title.en.clone()),
            ("title_es", action.title.es.clone()),
            ("description_en", description(|d| &d.en)),
            ("description_es", description(|d| &d.es)),
            ("lead", action.lead.clone().unwrap_or_default()),
            ("start_year", action.start_year.to_string()),
            ("end_year", action.end_year.to_string()),
            ("weight", number(action.weight)),
            (
                "articles",
                list_of(action.articles.iter().map(i32::to_string).collect()),
            ),
            ("countries", list_of(action.countries.clone())),
        ],
    });
    for milestone in &action.milestones {
        list.push(milestone_entry(&action.code, milestone));
    }
}

fn milestone_entry<'a>(action: &str, milestone: &'a MilestoneDefinition) -> Entry<'a> {
    Entry {
        kind: PartKind::Milestone,
        code: format!("{action}/{}", milestone.code),
        name: &milestone.title,
        parent: (PartKind::Action, action.to_owned()),
        fields: vec![
            ("title_en", milestone.title.en.clone()),
            ("title_es", milestone.title.es.clone()),
            ("due", milestone.due_on.to_string()),
            ("weight", number(milestone.weight)),
        ],
    }
}

fn number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.0}")
    } else {
        value.to_string()
    }
}

/// The differences from `before` to `after`, in the order of `after` (parts retired last, in the
/// order of `before`).
pub fn differences(before: &PlanDefinition, after: &PlanDefinition) -> Vec<Difference> {
    let old = entries(before);
    let new = entries(after);
    let find = |list: &[Entry<'_>], kind: PartKind, code: &str| {
        list.iter().position(|e| e.kind == kind && e.code == code)
    };
    let mut found = Vec::new();
    for entry in &new {
        let difference = |what| Difference {
            kind: entry.kind,
            code: entry.code.clone(),
            name: entry.name.clone(),
            what,
        };
        let Some(was) = find(&old, entry.kind, &entry.code).map(|i| &old[i]) else {
            found.push(difference(DifferenceKind::Added));
            continue;
        };
        if was.parent != entry.parent {
            found.push(difference(DifferenceKind::Changed {
                field: "place".to_owned(),
                before: was.parent.1.clone(),
                after: entry.parent.1.clone(),
            }));
        }
        for ((field, before), (_, after)) in was.fields.iter().zip(&entry.fields) {
            if before != after {
                found.push(difference(DifferenceKind::Changed {
                    field: (*field).to_owned(),
                    before: before.clone(),
                    after: after.clone(),
                }));
            }
        }
        if order_under(&old, &new, entry) != order_under(&new, &old, entry) {
            found.push(difference(DifferenceKind::Reordered));
        }
    }
    for entry in &old {
        if find(&new, entry.kind, &entry.code).is_none() {
            found.push(Difference {
                kind: entry.kind,
                code: entry.code.clone(),
                name: entry.name.clone(),
                what: DifferenceKind::Retired,
            });
        }
    }
    found
}

/// The codes of the parts directly under `parent` in `list`, in their order, that `other` has too
/// (so that adding or retiring a part is not also a reordering).
fn order_under<'a>(list: &'a [Entry<'_>], other: &[Entry<'_>], parent: &Entry<'_>) -> Vec<&'a str> {
    list.iter()
        .filter(|e| e.parent.0 == parent.kind && e.parent.1 == parent.code)
        .filter(|e| other.iter().any(|o| o.kind == e.kind && o.code == e.code))
        .map(|e| e.code.as_str())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::plan::rules::TEST_PLAN as PLAN;

    fn plan(text: &str) -> PlanDefinition {
        super::super::file::parse("p.toml", text).unwrap()
    }

    #[test]
    fn the_same_plan_has_no_differences() {
        assert_eq!(differences(&plan(PLAN), &plan(PLAN)), []);
    }

    #[test]
    fn a_moved_due_date_is_one_change() {
        let after = plan(&PLAN.replace("due = 2026-06-30", "due = 2027-03-31"));
        assert_eq!(
            differences(&plan(PLAN), &after),
            [Difference {
                kind: PartKind::Milestone,
                code: "1.1/M1".into(),
                name: Bilingual::new("Agreed", "Acordado"),
                what: DifferenceKind::Changed {
                    field: "due".into(),
                    before: "2026-06-30".into(),
                    after: "2027-03-31".into(),
                },
            }]
        );
    }

    #[test]
    fn added_retired_and_reordered_parts() {
        let before = plan(PLAN);
        let mut after = before.clone();
        after.themes[0].actions.swap(0, 1);
        after.themes[0].actions[1].milestones.clear();
        let kinds: Vec<(String, DifferenceKind)> = differences(&before, &after)
            .into_iter()
            .map(|d| (d.code, d.what))
            .collect();
        assert_eq!(
            kinds,
            [
                ("1".to_owned(), DifferenceKind::Reordered),
                ("1.1/M1".to_owned(), DifferenceKind::Retired),
            ]
        );
        let kinds: Vec<DifferenceKind> = differences(&after, &before)
            .into_iter()
            .map(|d| d.what)
            .collect();
        assert_eq!(kinds, [DifferenceKind::Reordered, DifferenceKind::Added]);
    }
}
