//! The Protocol-compliance indicators: the catalogue grouped by Protocol article (`/protocol`), one
//! indicator across countries (`/indicators/{code}`), a country's values by year with their entry
//! form and submission (`/countries/{iso2}/indicators`), and the article scorecard (`/scorecard`).
//! Only validated values count in assessments and the scorecard; a country and the secretariat also
//! see the country's values not yet validated.

pub mod pages;
#[cfg(feature = "ssr")]
pub mod queries;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod service;
pub mod types;
