//! What the plan's pages receive.

use serde::{Deserialize, Serialize};

use chrono::NaiveDate;

use crate::domain::{Bilingual, PlanState};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanSummary {
    pub code: String,
    pub title: Bilingual,
    pub start_year: i32,
    pub end_year: i32,
    pub state: PlanState,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActionRow {
    pub code: String,
    pub title: Bilingual,
    pub milestones: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ObjectiveGroup {
    pub code: String,
    pub title: Bilingual,
    pub actions: Vec<ActionRow>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ThemeOutline {
    pub code: String,
    pub name: Bilingual,
    /// Actions placed directly under the theme.
    pub actions: Vec<ActionRow>,
    pub objectives: Vec<ObjectiveGroup>,
}

impl ThemeOutline {
    pub fn action_count(&self) -> usize {
        self.actions.len()
            + self
                .objectives
                .iter()
                .map(|o| o.actions.len())
                .sum::<usize>()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanOverview {
    pub plan: PlanSummary,
    pub themes: Vec<ThemeOutline>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ThemeDetail {
    pub plan: PlanSummary,
    pub theme: ThemeOutline,
}

/// A plan, as a file or a revision describes it. Validated by `rules::check`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanDefinition {
    pub code: String,
    pub title: Bilingual,
    pub start_year: i32,
    pub end_year: i32,
    pub state: PlanState,
    pub approved_on: Option<NaiveDate>,
    pub themes: Vec<ThemeDefinition>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ThemeDefinition {
    pub code: String,
    pub name: Bilingual,
    /// Actions placed directly under the theme (plans without an objective level).
    pub actions: Vec<ActionDefinition>,
    pub objectives: Vec<ObjectiveDefinition>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ObjectiveDefinition {
    pub code: String,
    pub title: Bilingual,
    pub actions: Vec<ActionDefinition>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActionDefinition {
    pub code: String,
    pub title: Bilingual,
    pub description: Option<Bilingual>,
    pub lead: Option<String>,
    pub start_year: i32,
    pub end_year: i32,
    pub weight: f64,
    /// Protocol article numbers.
    pub articles: Vec<i32>,
    /// The countries (ISO alpha-2) the action applies to; empty: every country.
    #[serde(default)]
    pub countries: Vec<String>,
    pub milestones: Vec<MilestoneDefinition>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MilestoneDefinition {
    /// Names the milestone within its action (`M1`, `M2`…).
    pub code: String,
    pub title: Bilingual,
    pub due_on: NaiveDate,
    pub weight: f64,
}

impl PlanDefinition {
    /// Every action of the plan, in file order, whether under a theme or an objective.
    pub fn actions(&self) -> impl Iterator<Item = &ActionDefinition> {
        self.actions_at().map(|(_, action)| action)
    }

    /// Every action with its place, in file order.
    pub fn actions_at(&self) -> impl Iterator<Item = (ActionAt, &ActionDefinition)> {
        self.themes.iter().enumerate().flat_map(|(t, theme)| {
            let direct = theme.actions.iter().enumerate().map(move |(index, a)| {
                let at = ActionAt {
                    theme: t,
                    objective: None,
                    index,
                };
                (at, a)
            });
            let nested = theme
                .objectives
                .iter()
                .enumerate()
                .flat_map(move |(o, objective)| {
                    objective.actions.iter().enumerate().map(move |(index, a)| {
                        let at = ActionAt {
                            theme: t,
                            objective: Some(o),
                            index,
                        };
                        (at, a)
                    })
                });
            direct.chain(nested)
        })
    }
}

/// One revision of the plan, as its history lists it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RevisionRow {
    pub number: i32,
    pub state: crate::domain::RevisionState,
    /// Empty for the plan as first loaded.
    pub reason: String,
    pub effective_on: NaiveDate,
    pub created_by: Option<String>,
    /// When it was approved (RFC 3339), and by whom.
    pub approved_at: Option<String>,
    pub approved_by: Option<String>,
    /// How many differences it makes to the revision approved before it.
    pub differences: usize,
}

/// The plan's revision history, and what the viewer may start.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RevisionsView {
    pub plan: PlanSummary,
    /// Newest first.
    pub revisions: Vec<RevisionRow>,
    /// Whether the viewer may start, edit and approve revisions.
    pub may_edit: bool,
    /// The number of the draft open, if any.
    pub open_draft: Option<i32>,
}

/// One revision: what it changes, and for a draft its plan to edit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RevisionView {
    pub plan: PlanSummary,
    pub revision: RevisionRow,
    pub differences: Vec<Difference>,
    /// The draft's plan, when the revision is a draft and the viewer may edit it.
    pub draft: Option<PlanDefinition>,
    /// What the draft says now, in a few characters: its forms send it back (`seen`).
    pub token: String,
    /// The countries an action can be limited to: ISO code and name.
    pub countries: Vec<(String, Bilingual)>,
}

/// A part of a plan, by its place in the definition (indexes in file order).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Part {
    Plan,
    Theme(usize),
    Objective(usize, usize),
    Action(ActionAt),
    Milestone(ActionAt, usize),
}

/// Where an action stands: its theme, its objective if it has one, and its place among its siblings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ActionAt {
    pub theme: usize,
    pub objective: Option<usize>,
    pub index: usize,
}

/// The kinds of part that carry a code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PartKind {
    Plan,
    Theme,
    Objective,
    Action,
    Milestone,
}

impl PartKind {
    /// The kind's name at the head of a line ("Theme", "Tema").
    pub fn name_key(self) -> &'static str {
        match self {
            PartKind::Plan => "plan-kind-plan",
            PartKind::Theme => "plan-kind-theme",
            PartKind::Objective => "plan-kind-objective",
            PartKind::Action => "plan-kind-action",
            PartKind::Milestone => "plan-kind-milestone",
        }
    }

    /// The kind's name within a rule's message ("the theme code", "el código del tema").
    pub fn label_key(self) -> &'static str {
        match self {
            PartKind::Plan => "plan-part-plan",
            PartKind::Theme => "plan-part-theme",
            PartKind::Objective => "plan-part-objective",
            PartKind::Action => "plan-part-action",
            PartKind::Milestone => "plan-part-milestone",
        }
    }
}

/// One difference between two versions of a plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Difference {
    pub kind: PartKind,
    /// The part's code (a milestone's is `action/milestone`, as `1.1.2/M1`).
    pub code: String,
    /// The part's name, as it stands after (or stood, for a part retired).
    pub name: Bilingual,
    pub what: DifferenceKind,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum DifferenceKind {
    Added,
    Retired,
    /// A field changed; its values as the plan file writes them.
    Changed {
        field: String,
        before: String,
        after: String,
    },
    /// The parts under it keep their codes but stand in another order.
    Reordered,
}
