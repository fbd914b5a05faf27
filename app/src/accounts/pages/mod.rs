//! The account pages: signing in, one's own account, and the secretariat's users page.

pub mod account;
pub mod users;
