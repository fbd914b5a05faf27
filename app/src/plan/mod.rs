//! The plan: themes, objectives, actions and milestones, loaded from a plan file, and its overview
//! page. (A theme's page, which adds the theme's dashboard, is in `themes`.)

#[cfg(feature = "ssr")]
pub mod file;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod queries;
#[cfg(feature = "ssr")]
pub mod service;
pub mod types;
