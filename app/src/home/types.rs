//! What the home page receives.

use serde::{Deserialize, Serialize};

use crate::plan::types::PlanSummary;

/// The figures on the overview page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HomeSummary {
    pub plan: Option<PlanSummary>,
    pub themes: u64,
    pub actions: u64,
    pub milestones: u64,
    pub members: u64,
    pub observers: u64,
    pub indicators: u64,
}
