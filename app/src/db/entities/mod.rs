//! sea-orm entities, one per table of the migrations. Behaviour lives in the services, not here.

pub mod action;
pub mod action_article;
pub mod app_user;
pub mod attachment;
pub mod audit_entry;
pub mod country;
pub mod country_action;
pub mod generated_report;
pub mod indicator;
pub mod indicator_target;
pub mod indicator_value;
pub mod instance_setting;
pub mod milestone;
pub mod milestone_progress;
pub mod objective;
pub mod plan;
pub mod protocol_article;
pub mod reminder;
pub mod reporting_round;
pub mod session;
pub mod sign_in_attempt;
pub mod status_event;
pub mod submission;
pub mod theme;
pub mod update_comment;
