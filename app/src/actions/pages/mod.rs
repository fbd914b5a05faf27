//! An action's page, and the page of one action in one country.

pub mod action;
pub mod country_action;
