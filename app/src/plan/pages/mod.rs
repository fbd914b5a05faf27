//! The plan's overview page, and its revisions: the history, and one revision (a draft to edit).

pub mod overview;
pub mod revisions;
