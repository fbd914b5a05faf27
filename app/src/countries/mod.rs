//! The RCM countries, and one country's page: where every action of the plan stands there.

pub mod pages;
#[cfg(feature = "ssr")]
pub mod queries;
pub mod types;
