//! The outlook (`/outlook`): where each country, theme and the region will stand at the plan's end
//! at the pace countries are going (the method is `progress::outlook`), and what is slipping now:
//! the milestones projected more than 90 days late and the actions that will not be complete, each
//! with its reason in words. `/outlook/method` states the method and how well it would have
//! foreseen the stored history (a backtest on the `as_of` machinery). Focal points may receive a
//! monthly digest of their own country's outlook by email.

pub mod pages;
#[cfg(feature = "ssr")]
pub mod queries;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod service;
pub mod types;
