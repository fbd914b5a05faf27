//! Data in bulk: the templates a country fills offline (its indicator values of a round; its
//! actions' statuses, narratives and milestones) and the import of a filled template or CSV file,
//! read, checked row by row with the forms' rules, previewed, then written in one transaction once
//! its user confirms.

pub mod pages;
#[cfg(feature = "ssr")]
pub mod queries;
#[cfg(feature = "ssr")]
pub mod rules;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod sheet;
#[cfg(feature = "ssr")]
pub mod templates;
pub mod types;
