//! The network's directory: for each country, the people who answer for it in the Conference's
//! network against migrant smuggling (its focal points and liaison officers), with their institution,
//! the languages they speak and how to reach them. Every signed-in user reads a country's directory
//! on the country's page; the secretariat and the country's own focal points keep it, adding,
//! correcting and removing contacts there. Its rules (what a contact must hold) are in `rules`.

pub mod pages;
#[cfg(feature = "ssr")]
pub mod queries;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod service;
pub mod types;
