//! The comparative matrix of legislation on migrant smuggling and related offences: for each
//! provision of the Smuggling Protocol (and the related offences the network covers), each
//! country's entry — how far its law covers it and why, the national instruments that implement
//! it, the article's text, the penalties. Countries keep it current through the rounds, as part of
//! their yearly submission; the secretariat's validation verifies it, and the `LEG-*` indicators
//! follow from it (`rules::DERIVED_INDICATORS`).

pub mod pages;
#[cfg(feature = "ssr")]
pub mod queries;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod service;
pub mod types;
