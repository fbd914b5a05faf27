//! The page at `/`: the current plan in figures, and the regional dashboard.

pub mod pages;
#[cfg(feature = "ssr")]
pub mod queries;
pub mod types;
