//! The plan: themes, objectives, actions and milestones, loaded from a plan file; its overview page
//! and a theme's page.

#[cfg(feature = "ssr")]
pub mod file;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod queries;
#[cfg(feature = "ssr")]
pub mod service;
pub mod types;
