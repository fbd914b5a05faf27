//! Reporting rounds: the secretariat opens a round for a year with a due date (`/rounds`), follows
//! every country's submission in it and reminds late countries (`/rounds/{year}`), and reads the
//! reminders waiting in the outbox when no SMTP server is configured (`/outbox`). The steps of a
//! submission (submit, return, validate, reopen) are taken on the country's indicator page; their
//! rules are in `rules`.

pub mod pages;
#[cfg(feature = "ssr")]
pub mod queries;
#[cfg(feature = "ssr")]
pub mod reminders;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod service;
pub mod types;
