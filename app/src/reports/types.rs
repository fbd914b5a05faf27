//! What the annual report says, and what the reports page receives.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::dashboards::figures::{
    AchievedMilestone, ActionName, Basis, CountryFigure, StatusMix, ThemeFigure,
};
use crate::domain::{Bilingual, SubmissionState};
use crate::i18n::Lang;
use crate::indicators::types::{IndicatorOfYear, ScorecardView};
use crate::progress::Progress;
use crate::rounds::rules::Timeliness;

/// The files the report is written as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReportFormat {
    /// To circulate.
    Pdf,
    /// For the secretariat to edit.
    Docx,
    /// The Excel annex with every number.
    Xlsx,
}

impl ReportFormat {
    pub const ALL: [ReportFormat; 3] = [ReportFormat::Pdf, ReportFormat::Docx, ReportFormat::Xlsx];

    /// The format's file extension, as the address names it.
    pub fn code(self) -> &'static str {
        match self {
            ReportFormat::Pdf => "pdf",
            ReportFormat::Docx => "docx",
            ReportFormat::Xlsx => "xlsx",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|format| format.code().eq_ignore_ascii_case(code.trim()))
    }

    pub fn content_type(self) -> &'static str {
        match self {
            ReportFormat::Pdf => "application/pdf",
            ReportFormat::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            ReportFormat::Xlsx => {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        }
    }

    /// The catalogue key of the button that generates the report in this format.
    pub fn generate_key(self) -> &'static str {
        match self {
            ReportFormat::Pdf => "reports-generate-pdf",
            ReportFormat::Docx => "reports-generate-docx",
            ReportFormat::Xlsx => "reports-generate-xlsx",
        }
    }
}

/// A report generated and kept, as the reports page lists it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KeptReport {
    pub id: i32,
    pub year: i32,
    pub language: Lang,
    pub format: ReportFormat,
    pub size_bytes: i64,
    /// Hexadecimal SHA-256 of the file.
    pub sha256: String,
    pub generated_by: String,
    /// RFC 3339.
    pub generated_at: String,
}

/// Everything the annual report of a year says, in both languages.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AnnualReport {
    pub plan_code: String,
    pub plan_title: Bilingual,
    pub year: i32,
    /// The day the figures stand on: the year's last day, or today for a year under way.
    pub as_of: NaiveDate,
    pub regional: Option<Progress>,
    /// What the regional progress stands on: without milestones or reports it is said in words.
    pub regional_basis: Basis,
    pub themes: Vec<ThemeFigure>,
    /// Highest progress first.
    pub countries: Vec<CountryFigure>,
    pub year_in_review: YearInReview,
    /// One per member country, in alphabetical order (English names).
    pub sections: Vec<CountrySection>,
    pub scorecard: ScorecardView,
    pub round: RoundSummary,
    /// The member countries' legislation matrix as the year's round validated it.
    pub legislation: crate::legislation::types::MatrixView,
    /// Where the plan will stand at its end at the pace of the year's last twelve months, and the
    /// early warnings then.
    pub outlook: crate::outlook::types::OutlookView,
}

/// What happened across the member countries during the year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct YearInReview {
    pub milestones_achieved: usize,
    /// Milestones of applicable actions that fell due during the year.
    pub milestones_due: usize,
    pub completed: Vec<CountryAction>,
    pub became_delayed: Vec<CountryAction>,
    /// Indicators assessed off track at the end of the year before and on track at this one's,
    /// and the other way round.
    pub into_compliance: Vec<CountryIndicator>,
    pub out_of_compliance: Vec<CountryIndicator>,
}

/// An action of one country.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CountryAction {
    pub iso2: String,
    pub country: Bilingual,
    pub action: ActionName,
}

/// An indicator of one country.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CountryIndicator {
    pub iso2: String,
    pub country: Bilingual,
    pub code: String,
    pub name: Bilingual,
}

/// One member country's section.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CountrySection {
    pub iso2: String,
    pub name: Bilingual,
    pub progress: Option<Progress>,
    /// What its progress stands on.
    pub basis: Basis,
    pub themes: Vec<ThemeFigure>,
    /// How many of its actions stand in each status in each theme.
    pub statuses: Vec<StatusMix>,
    pub achieved: Vec<AchievedMilestone>,
    pub completed: Vec<ActionName>,
    pub delayed: Vec<DelayedAction>,
    pub indicators: Vec<IndicatorOfYear>,
    pub submission: Option<SubmissionLine>,
}

/// An action delayed at the end of the year, with the country's own account of it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DelayedAction {
    pub action: ActionName,
    pub progress: Option<Progress>,
    /// The country's narrative in English and in Spanish, as it wrote them (either may be empty).
    pub narrative: Bilingual,
}

/// How the round of the year stands.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoundSummary {
    pub due_on: NaiveDate,
    pub submissions: Vec<SubmissionLine>,
}

/// One country's submission in the round.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SubmissionLine {
    pub iso2: String,
    pub country: Bilingual,
    pub state: SubmissionState,
    pub submitted_on: Option<NaiveDate>,
    pub timeliness: Timeliness,
}

impl RoundSummary {
    /// The countries that submitted on time, late, and not yet.
    pub fn counts(&self) -> (usize, usize, usize) {
        let mut counts = (0, 0, 0);
        for line in &self.submissions {
            match line.timeliness {
                Timeliness::OnTime => counts.0 += 1,
                Timeliness::Late { .. } => counts.1 += 1,
                Timeliness::Pending { .. } | Timeliness::Overdue { .. } => counts.2 += 1,
            }
        }
        counts
    }
}
