//! Tables as files: a table a page shows (the matrix, the audit trail…) downloaded as CSV or
//! Excel, with the page's filters and in the reader's language.

#[cfg(feature = "ssr")]
pub mod files;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod queries;
pub mod types;
