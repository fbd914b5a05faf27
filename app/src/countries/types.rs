//! What the country pages receive, and the country the secretariat adds.

use serde::{Deserialize, Serialize};

use crate::domain::AsOfShown;
use crate::domain::{Bilingual, Membership, Status};
use crate::i18n::Lang;
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
    /// The day shown.
    pub as_of: AsOfShown,
    pub themes: Vec<CountryTheme>,
}

/// The countries page: every country, and whether the viewer may add one (the secretariat).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CountriesView {
    pub countries: Vec<CountrySummary>,
    pub can_add: bool,
}

/// A country to add, as the secretariat's form sends it, every field as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountryForm {
    #[serde(default)]
    pub iso2: String,
    #[serde(default)]
    pub iso3: String,
    #[serde(default)]
    pub name_en: String,
    #[serde(default)]
    pub name_es: String,
    #[serde(default)]
    pub membership: String,
    #[serde(default)]
    pub language: String,
}

/// A country to add, as the rules accept it: its ISO codes in capitals.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewCountry {
    pub iso2: String,
    pub iso3: String,
    pub name: Bilingual,
    pub membership: Membership,
    /// Its working language in the Conference, in which its reminders are written first.
    pub language: Lang,
}
