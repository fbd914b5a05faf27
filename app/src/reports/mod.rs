//! The annual follow-up report (`/reports`): for a reporting round's year and a language, the plan's
//! progress, what changed during the year, each country's section, the Protocol scorecard and the
//! round's timeliness, with a narrative written from those figures (`narrative`), laid out once as a
//! document of blocks (`document`) that the web preview draws and `render` writes as PDF (`pdf`),
//! Word (`docx`) and an Excel annex of every table (`xlsx`). Every number comes from the dashboards'
//! snapshot and the progress module. Each file generated is kept (`service`).

pub mod document;
#[cfg(feature = "ssr")]
pub mod docx;
pub mod narrative;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod pdf;
#[cfg(feature = "ssr")]
pub mod queries;
#[cfg(feature = "ssr")]
pub mod render;
#[cfg(feature = "ssr")]
pub mod service;
pub mod types;
#[cfg(feature = "ssr")]
pub mod xlsx;
