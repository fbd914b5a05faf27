//! What the round pages receive and send.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::rules::Timeliness;
use crate::domain::{Bilingual, SubmissionState};
#[cfg(feature = "ssr")]
use crate::error::AppError;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoundsView {
    pub rounds: Vec<RoundRow>,
    pub can_open: bool,
    /// The plan's years, which a round's year must be within.
    pub start_year: i32,
    pub end_year: i32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoundRow {
    pub year: i32,
    /// `YYYY-MM-DD`
    pub opens_on: String,
    pub due_on: String,
    pub countries: usize,
    pub submitted: usize,
    pub validated: usize,
}

/// A round as the secretariat's forms send it (opening one, or correcting its dates and reminder
/// days), every field as typed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RoundForm {
    #[serde(default)]
    pub year: String,
    #[serde(default)]
    pub opens_on: String,
    #[serde(default)]
    pub due_on: String,
    #[serde(default)]
    pub remind_before: String,
    #[serde(default)]
    pub remind_after: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrackerView {
    pub year: i32,
    pub opens_on: String,
    pub due_on: String,
    pub remind_before: String,
    pub remind_after: String,
    pub rows: Vec<TrackerRow>,
    pub reminders: Vec<ReminderRow>,
    pub can_remind: bool,
    /// The viewer may correct the round's dates and reminder days (the secretariat).
    pub can_edit: bool,
    /// The viewer may delete the round: the secretariat, while no country has started its
    /// submission and no reminder has gone out.
    pub can_delete: bool,
    /// Reminders leave by SMTP (else they wait in the outbox).
    pub smtp: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrackerRow {
    pub iso2: String,
    pub country: Bilingual,
    pub state: SubmissionState,
    pub submitted_on: Option<String>,
    pub validated_on: Option<String>,
    pub timeliness: Timeliness,
    pub reminders: usize,
    /// How much of the country's legislation matrix is entered, and reviewed in the round; only
    /// for the latest round, which the matrix is kept current through.
    pub legislation: Option<crate::legislation::types::MatrixProgress>,
}

/// A reminder in the round's log or in the outbox, newest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReminderRow {
    /// `YYYY-MM-DD HH:MM` UTC
    pub at: String,
    pub country: Bilingual,
    /// The automatic rule that sent it (`before-7`), or who sent it by hand.
    pub rule: Option<String>,
    pub sent_by: Option<String>,
    pub recipients: String,
    pub outcome: String,
    pub subject: String,
    pub body: String,
}

impl RoundForm {
    #[cfg(feature = "ssr")]
    pub fn parse(&self) -> Result<RoundSettings, AppError> {
        use crate::error::Problem;
        let mut problems = Vec::new();
        let year = self.year.trim().parse::<i32>().ok();
        if year.is_none() {
            problems.push(Problem::new("year", "problem-year-invalid"));
        }
        let mut date = |field: &str, text: &str| {
            let day = text.trim().parse::<chrono::NaiveDate>().ok();
            if day.is_none() {
                problems.push(Problem::new(field, "problem-date-invalid"));
            }
            day
        };
        let opens_on = date("opens_on", &self.opens_on);
        let due_on = date("due_on", &self.due_on);
        let before = super::rules::parse_reminder_days("remind_before", &self.remind_before)
            .map_err(|p| problems.push(p))
            .ok();
        let after = super::rules::parse_reminder_days("remind_after", &self.remind_after)
            .map_err(|p| problems.push(p))
            .ok();
        match (year, opens_on, due_on, before, after) {
            (Some(year), Some(opens_on), Some(due_on), Some(before), Some(after))
                if problems.is_empty() =>
            {
                Ok(RoundSettings {
                    year,
                    opens_on,
                    due_on,
                    remind_before_days: before,
                    remind_after_days: after,
                })
            }
            _ => Err(AppError::Invalid(problems)),
        }
    }
}

/// A round's year, dates and reminder days, as the secretariat opens or corrects it, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoundSettings {
    pub year: i32,
    pub opens_on: NaiveDate,
    pub due_on: NaiveDate,
    pub remind_before_days: Vec<u32>,
    pub remind_after_days: Vec<u32>,
}
