//! Access for other systems: the personal API tokens a user creates and revokes on their account
//! page (stored as hashes, shown once, read-only or read-write, with an expiry), through which the
//! JSON API (`server::api`) acts as that user, under the same access policy as the pages.

pub mod pages;
#[cfg(feature = "ssr")]
pub mod queries;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod service;
pub mod types;
