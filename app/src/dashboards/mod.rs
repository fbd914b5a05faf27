//! The dashboards: where the plan stands in the region, in a country and in a theme, as charts drawn
//! on the server with their data as tables, read from an in-memory snapshot of the plan's state
//! that follows the change feed.

#[cfg(feature = "ssr")]
pub mod assemble;
#[cfg(feature = "ssr")]
pub mod charts;
pub mod figures;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod snapshot;
pub mod types;
