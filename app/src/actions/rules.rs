//! What a country reports on one action, as the edit form sends it, and the rules it must follow.
//! Pure, so that the browser can guide the form with the same rules the server enforces.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::Status;
use crate::error::Problem;
use crate::text::{
    has_hidden_characters, has_hidden_characters_in_line, is_web_address, COMMENT_MAX_CHARS,
};

/// Longest narrative, in characters, per language: several pages of text.
pub const NARRATIVE_MAX_CHARS: usize = 10_000;
pub const NOTE_MAX_CHARS: usize = 1_000;
pub const EVIDENCE_MAX_LINKS: usize = 20;
pub const EVIDENCE_TITLE_MAX_CHARS: usize = 300;
pub const EVIDENCE_URL_MAX_CHARS: usize = 2_000;

/// A country's update on one action: its status, narrative and milestones, saved together.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActionUpdate {
    pub action_id: i32,
    /// ISO 3166 alpha-2 code of the reporting country.
    pub country: String,
    /// The version of the record the form was loaded at; a save against an older one is refused.
    pub version: i32,
    pub status: Status,
    pub narrative_en: String,
    pub narrative_es: String,
    /// The action's milestones as the form shows them; milestones left out are not changed.
    pub milestones: Vec<MilestoneUpdate>,
    /// Links to the documents that show the progress: the whole list, replacing the stored one.
    pub evidence: Vec<EvidenceLink>,
    /// Why the status changed, for the history.
    pub comment: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MilestoneUpdate {
    pub milestone_id: i32,
    pub achieved_on: Option<NaiveDate>,
    pub note: String,
}

/// A link to a public document (a decree, a report, a news item) that shows what the country did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceLink {
    pub title: String,
    /// An `http` or `https` address.
    pub url: String,
}

impl ActionUpdate {
    /// Every rule the update breaks that can be checked without the database: lengths, hidden
    /// characters, repeated milestones, achieved dates outside `plan_start..=today`.
    pub fn problems(&self, plan_start: NaiveDate, today: NaiveDate) -> Vec<Problem> {
        let mut problems = Vec::new();
        for narrative in [&self.narrative_en, &self.narrative_es] {
            if narrative.chars().count() > NARRATIVE_MAX_CHARS {
                problems.push(Problem::with_limit(
                    "narrative",
                    "problem-narrative-too-long",
                    NARRATIVE_MAX_CHARS as u32,
                ));
            } else if has_hidden_characters(narrative) {
                problems.push(Problem::new("narrative", "problem-narrative-control"));
            }
        }
        if self.comment.chars().count() > COMMENT_MAX_CHARS {
            problems.push(Problem::with_limit(
                "comment",
                "problem-comment-too-long",
                COMMENT_MAX_CHARS as u32,
            ));
        } else if has_hidden_characters(&self.comment) {
            problems.push(Problem::new("comment", "problem-comment-control"));
        }
        let mut seen = std::collections::HashSet::new();
        for milestone in &self.milestones {
            if !seen.insert(milestone.milestone_id) {
                problems.push(Problem::new("milestones", "problem-milestone-repeated"));
            }
            if milestone.note.chars().count() > NOTE_MAX_CHARS {
                problems.push(Problem::with_limit(
                    "milestones",
                    "problem-note-too-long",
                    NOTE_MAX_CHARS as u32,
                ));
            } else if has_hidden_characters_in_line(&milestone.note) {
                problems.push(Problem::new("milestones", "problem-note-control"));
            }
            match milestone.achieved_on {
                Some(day) if day < plan_start => problems.push(Problem::with_limit(
                    "milestones",
                    "problem-achieved-before-plan",
                    u32::try_from(chrono::Datelike::year(&plan_start)).unwrap_or_default(),
                )),
                Some(day) if day > today => {
                    problems.push(Problem::new("milestones", "problem-achieved-in-future"))
                }
                _ => {}
            }
        }
        if self.evidence.len() > EVIDENCE_MAX_LINKS {
            problems.push(Problem::with_limit(
                "evidence",
                "problem-evidence-too-many",
                EVIDENCE_MAX_LINKS as u32,
            ));
        }
        for link in &self.evidence {
            if link.title.trim().is_empty() {
                problems.push(Problem::new("evidence", "problem-evidence-title"));
            } else if link.title.chars().count() > EVIDENCE_TITLE_MAX_CHARS
                || has_hidden_characters_in_line(&link.title)
            {
                problems.push(Problem::with_limit(
                    "evidence",
                    "problem-evidence-title-long",
                    EVIDENCE_TITLE_MAX_CHARS as u32,
                ));
            }
            if link.url.chars().count() > EVIDENCE_URL_MAX_CHARS || !is_web_address(&link.url) {
                problems.push(Problem::new("evidence", "problem-evidence-url"));
            }
        }
        problems.dedup();
        problems
    }
}

/// The evidence links stored with an update (a JSON list); an unreadable value (never written by
/// Enlace) counts as none.
#[cfg(feature = "ssr")]
pub fn stored_evidence_links(stored: Option<&serde_json::Value>) -> Vec<EvidenceLink> {
    stored
        .and_then(|value| serde_json::from_value(value.clone()).ok())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn update() -> ActionUpdate {
        ActionUpdate {
            action_id: 1,
            country: "CR".into(),
            version: 0,
            status: Status::InProgress,
            narrative_en: "Training of 40 officers.\nSecond line.".into(),
            narrative_es: String::new(),
            milestones: vec![MilestoneUpdate {
                milestone_id: 7,
                achieved_on: Some(day("2026-03-01")),
                note: String::new(),
            }],
            comment: String::new(),
            evidence: vec![EvidenceLink {
                title: "Decree 41/2026".into(),
                url: "https://www.example.org/decree-41".into(),
            }],
        }
    }

    fn keys(update: &ActionUpdate) -> Vec<String> {
        update
            .problems(day("2025-01-01"), day("2026-11-24"))
            .into_iter()
            .map(|problem| problem.key)
            .collect()
    }

    #[test]
    fn a_plain_update_breaks_no_rule() {
        assert!(keys(&update()).is_empty());
    }

    #[test]
    fn achieved_dates_must_fall_between_the_plan_start_and_today() {
        let mut early = update();
        early.milestones[0].achieved_on = Some(day("2024-12-31"));
        assert_eq!(keys(&early), ["problem-achieved-before-plan"]);
        let mut future = update();
        future.milestones[0].achieved_on = Some(day("2026-11-25"));
        assert_eq!(keys(&future), ["problem-achieved-in-future"]);
        let mut boundaries = update();
        boundaries.milestones[0].achieved_on = Some(day("2025-01-01"));
        boundaries.milestones.push(MilestoneUpdate {
            milestone_id: 8,
            achieved_on: Some(day("2026-11-24")),
            note: String::new(),
        });
        assert!(keys(&boundaries).is_empty());
    }

    #[test]
    fn long_or_hidden_text_and_repeated_milestones_are_refused() {
        let mut bad = update();
        bad.narrative_es = "x".repeat(NARRATIVE_MAX_CHARS + 1);
        bad.narrative_en = "bell \u{7}".into();
        bad.comment = "y".repeat(COMMENT_MAX_CHARS + 1);
        bad.milestones.push(bad.milestones[0].clone());
        assert_eq!(
            keys(&bad),
            [
                "problem-narrative-control",
                "problem-narrative-too-long",
                "problem-comment-too-long",
                "problem-milestone-repeated",
            ]
        );
    }

    #[test]
    fn evidence_links_must_be_web_addresses_with_a_title() {
        for bad in [
            "javascript:alert(1)",
            "ftp://files.example.org/a.pdf",
            "https://",
            "https://exa mple.org",
            "www.example.org",
        ] {
            let mut update = update();
            update.evidence[0].url = bad.into();
            assert_eq!(keys(&update), ["problem-evidence-url"], "{bad}");
        }
        let mut untitled = update();
        untitled.evidence[0].title = "  ".into();
        assert_eq!(keys(&untitled), ["problem-evidence-title"]);
    }
}
