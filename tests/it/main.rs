//! The integration tests, through the real router and a real database, in one binary: each area is a
//! module, and `tests/support` holds what they share. One binary links the application (and typst,
//! which the annual report needs) once instead of once per area.
//!
//! The PostgreSQL tests are ignored unless asked for: `tests/run-all.sh` starts a server and runs
//! them with `cargo nextest run --run-ignored only -E 'test(/^postgres::/)'`.

// A test is a scenario read from top to bottom, each step an assertion, and a corpus of requests
// is a table: the workspace's limit on function length is for the application's code.
#![allow(clippy::too_many_lines)]

mod accounts;
mod action_updates;
mod api;
mod architecture;
mod as_of;
mod authorization;
mod backup;
mod dashboards;
mod demo_data;
mod directory;
mod empty_states;
mod exports;
mod hostile_input;
mod imports;
mod legislation;
mod metrics;
mod outlook;
mod page_memory;
mod pages;
mod plan_loading;
mod plan_revisions;
mod postgres;
mod reminders;
mod reports;
mod rounds;
mod scale;
mod servers;
mod snapshot_refresh;
mod upgrade;
