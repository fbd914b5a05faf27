//! One action of the plan: what it is, its milestones, where it stands in each member country, and
//! each country's update on it (status, narratives, evidence, milestones), with its history and the
//! reviewers' comments.

pub mod attachments;
pub mod pages;
#[cfg(feature = "ssr")]
mod queries;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod service;
pub mod types;
