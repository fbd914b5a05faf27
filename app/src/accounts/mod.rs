//! Accounts: signing in and out, one's own password and language, and the secretariat's management of
//! users. The forms post to server functions and work without JavaScript; sign-in, sign-out and the
//! language choice are plain form posts so that the next page loads whole, in the user's language.

pub mod pages;
pub mod rules;
pub mod types;

#[cfg(feature = "ssr")]
pub mod passwords;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod sessions;
#[cfg(feature = "ssr")]
pub mod throttle;
