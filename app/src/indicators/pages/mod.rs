//! The indicator pages: the catalogue, one indicator, a country's values, the scorecard.

pub mod catalogue;
pub mod country;
pub mod indicator;
pub mod scorecard;
