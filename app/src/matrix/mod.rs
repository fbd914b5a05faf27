//! The comparative matrix (`/matrix`): every action of the plan against every country of a group,
//! each cell the reported status in words and colour, with the derived delay, linking to the cell's
//! page. Filters are plain query parameters, so a filtered view is a link that can be shared.

pub mod pages;
#[cfg(feature = "ssr")]
pub mod queries;
pub mod types;
