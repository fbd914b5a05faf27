//! The plan: themes, objectives, actions and milestones, loaded from a plan file and kept through
//! revisions, and its pages. (A theme's page, which adds the theme's dashboard, is in `themes`.)

pub mod changes;
pub mod edits;
#[cfg(feature = "ssr")]
pub mod file;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod queries;
#[cfg(feature = "ssr")]
pub mod registry;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod service;
pub mod types;
