//! What the plan's pages receive.

use serde::{Deserialize, Serialize};

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
