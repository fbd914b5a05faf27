//! What the country pages receive.

use serde::{Deserialize, Serialize};

use crate::domain::{Bilingual, Membership, Status};
use crate::plan::types::PlanSummary;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CountrySummary {
    pub iso2: String,
    pub iso3: String,
    pub name: Bilingual,
    pub membership: Membership,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CountryActionRow {
    pub code: String,
    pub title: Bilingual,
    pub status: Option<Status>,
    /// Derived: a milestone overdue, or the end year passed, and not completed.
    pub delayed: bool,
    /// Progress (0..1); `None` for cancelled and not-applicable actions.
    pub progress: Option<f64>,
    pub achieved: usize,
    pub total: usize,
    pub updated_on: Option<String>,
    pub updated_by: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CountryTheme {
    pub code: String,
    pub name: Bilingual,
    pub actions: Vec<CountryActionRow>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CountryDetail {
    pub country: CountrySummary,
    pub plan: Option<PlanSummary>,
    pub themes: Vec<CountryTheme>,
}
