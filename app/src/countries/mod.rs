//! The RCM countries, and one country's page: where every action of the plan stands there. The
//! secretariat adds a country to the list (`rules` says what it must hold); its directory of
//! contacts is the `directory` domain's.

pub mod pages;
#[cfg(feature = "ssr")]
pub mod queries;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod service;
pub mod types;
