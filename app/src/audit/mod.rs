//! The audit trail: every write by anyone, with the values before and after. `service::record`
//! appends entries inside each write's transaction; the secretariat reads them on the audit page,
//! filtered by user, country, entity and date, a page at a time. Nothing changes or deletes an entry.

pub mod pages;
#[cfg(feature = "ssr")]
pub mod queries;
#[cfg(feature = "ssr")]
pub mod service;
pub mod types;
