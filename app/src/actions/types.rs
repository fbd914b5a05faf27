//! What the action pages receive and send.

use serde::{Deserialize, Serialize};

use super::attachments::AttachmentRow;
use super::rules::EvidenceLink;
use crate::domain::AsOfShown;
use crate::domain::{Bilingual, Status};
use crate::error::AppError;
use crate::plan::types::PlanSummary;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArticleRef {
    pub number: i32,
    pub title: Bilingual,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MilestoneRow {
    pub title: Bilingual,
    /// `YYYY-MM-DD`
    pub due_on: String,
    pub weight: f64,
}

/// Where an action stands in one country.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CountryStatusRow {
    pub iso2: String,
    pub name: Bilingual,
    /// `None` until the country first reports on the action.
    pub status: Option<Status>,
    pub achieved: usize,
    pub total: usize,
    /// `YYYY-MM-DD` of the last update.
    pub updated_on: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActionDetail {
    pub plan: PlanSummary,
    pub theme_code: String,
    pub theme_name: Bilingual,
    pub objective: Option<(String, Bilingual)>,
    pub code: String,
    pub title: Bilingual,
    pub description: Option<Bilingual>,
    pub lead: Option<String>,
    pub start_year: Option<i32>,
    pub end_year: Option<i32>,
    pub weight: f64,
    pub articles: Vec<ArticleRef>,
    pub milestones: Vec<MilestoneRow>,
    /// The day shown.
    pub as_of: AsOfShown,
    pub countries: Vec<CountryStatusRow>,
    /// The latest changes reported on the action, across countries, newest first.
    pub history: Vec<HistoryEntry>,
}

/// Everything the page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CountryActionView {
    pub action_id: i32,
    pub code: String,
    pub title: Bilingual,
    pub country_iso2: String,
    pub country_name: Bilingual,
    /// `None` until the country first reports on the action.
    pub status: Option<Status>,
    pub narrative_en: String,
    pub narrative_es: String,
    pub evidence: Vec<EvidenceLink>,
    /// The attachments, oldest first.
    pub attachments: Vec<AttachmentRow>,
    /// The version a save must name (0 before the first update).
    pub version: i32,
    /// `YYYY-MM-DD` of the last update, and who made it.
    pub updated_on: Option<String>,
    pub updated_by: Option<String>,
    /// Progress (0..1) by the formulas of `progress`; `None` for actions left out of the means.
    pub progress: Option<f64>,
    pub delayed: bool,
    pub milestones: Vec<MilestoneProgressRow>,
    pub history: Vec<HistoryEntry>,
    /// Reviewers' and the secretariat's comments, oldest first.
    pub comments: Vec<CommentRow>,
    /// Whether the viewer may change this country's update.
    pub can_edit: bool,
    /// The year whose validated submission closes the record to the viewer's updates, if it is.
    pub locked_year: Option<i32>,
    /// Whether the plan applies the action to the country (else it is not applicable to it).
    pub takes_part: bool,
    /// Whether a revision retired the action from the plan: it takes no more updates.
    pub retired: bool,
    /// Whether the viewer may comment on it.
    pub can_comment: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CommentRow {
    /// `YYYY-MM-DD`
    pub day: String,
    pub author: String,
    pub body: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MilestoneProgressRow {
    pub id: i32,
    pub title: Bilingual,
    /// `YYYY-MM-DD`
    pub due_on: String,
    pub achieved_on: Option<String>,
    pub note: String,
}

/// One change in the history of the update, newest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HistoryEntry {
    /// `YYYY-MM-DD`
    pub day: String,
    /// The country, where changes of several countries are listed together.
    pub country: Option<Bilingual>,
    pub actor: Option<String>,
    pub change: HistoryChange,
    pub comment: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum HistoryChange {
    Status {
        before: Option<Status>,
        after: Status,
    },
    Milestone {
        title: Bilingual,
        achieved_on: Option<String>,
    },
    Narrative,
    Evidence,
}

/// The update form as the browser sends it: every field as typed, checked on the server.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UpdateForm {
    pub action_id: i32,
    pub country: String,
    pub version: i32,
    pub status: String,
    #[serde(default)]
    pub narrative_en: String,
    #[serde(default)]
    pub narrative_es: String,
    #[serde(default)]
    pub comment: String,
    #[serde(default)]
    pub milestones: Vec<MilestoneForm>,
    #[serde(default)]
    pub evidence: Vec<EvidenceForm>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EvidenceForm {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub url: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MilestoneForm {
    pub milestone_id: i32,
    /// `YYYY-MM-DD`, or empty when not achieved.
    #[serde(default)]
    pub achieved_on: String,
    #[serde(default)]
    pub note: String,
}

impl UpdateForm {
    /// The update the form describes, or the fields that cannot be read.
    pub fn parse(self) -> Result<super::rules::ActionUpdate, AppError> {
        use crate::error::Problem;
        let country = crate::domain::country_code(&self.country).ok_or(AppError::NotFound)?;
        let mut problems = Vec::new();
        let status = Status::from_code(self.status.trim());
        if status.is_none() {
            problems.push(Problem::new("status", "problem-status-invalid"));
        }
        let mut milestones = Vec::new();
        for milestone in self.milestones {
            let text = milestone.achieved_on.trim();
            let achieved_on = if text.is_empty() {
                None
            } else {
                match text.parse() {
                    Ok(day) => Some(day),
                    Err(_) => {
                        problems.push(Problem::new("milestones", "problem-date-invalid"));
                        None
                    }
                }
            };
            milestones.push(super::rules::MilestoneUpdate {
                milestone_id: milestone.milestone_id,
                achieved_on,
                note: milestone.note,
            });
        }
        // The form offers an empty row for a new link: rows left empty are not links.
        let evidence = self
            .evidence
            .into_iter()
            .filter(|row| !(row.title.trim().is_empty() && row.url.trim().is_empty()))
            .map(|row| EvidenceLink {
                title: row.title,
                url: row.url,
            })
            .collect();
        match status {
            Some(status) if problems.is_empty() => Ok(super::rules::ActionUpdate {
                action_id: self.action_id,
                country,
                version: self.version,
                status,
                narrative_en: self.narrative_en,
                narrative_es: self.narrative_es,
                milestones,
                comment: self.comment,
                evidence,
            }),
            _ => Err(AppError::Invalid(problems)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> UpdateForm {
        UpdateForm {
            action_id: 3,
            country: "CR".into(),
            version: 2,
            status: "completed".into(),
            narrative_en: "Done.".into(),
            narrative_es: String::new(),
            comment: String::new(),
            milestones: vec![
                MilestoneForm {
                    milestone_id: 5,
                    achieved_on: "2026-02-01".into(),
                    note: String::new(),
                },
                MilestoneForm {
                    milestone_id: 6,
                    achieved_on: " ".into(),
                    note: "pending".into(),
                },
            ],
            evidence: vec![
                EvidenceForm {
                    title: "Decree".into(),
                    url: "https://example.org/decree".into(),
                },
                EvidenceForm {
                    title: " ".into(),
                    url: String::new(),
                },
            ],
        }
    }

    #[test]
    fn a_form_becomes_an_update() {
        let update = form().parse().unwrap();
        assert_eq!(update.status, Status::Completed);
        assert_eq!(
            update.milestones[0].achieved_on,
            Some("2026-02-01".parse().unwrap())
        );
        assert_eq!(update.milestones[1].achieved_on, None);
        assert_eq!(update.evidence.len(), 1, "the empty row is not a link");
    }

    #[test]
    fn an_unknown_status_and_an_unreadable_date_are_named() {
        let mut bad = form();
        bad.status = "delayed".into();
        bad.milestones[0].achieved_on = "01/02/2026".into();
        let Err(AppError::Invalid(problems)) = bad.parse() else {
            panic!("expected invalid input");
        };
        let fields: Vec<(&str, &str)> = problems
            .iter()
            .map(|p| (p.field.as_str(), p.key.as_str()))
            .collect();
        assert_eq!(
            fields,
            [
                ("status", "problem-status-invalid"),
                ("milestones", "problem-date-invalid")
            ]
        );
    }
}
