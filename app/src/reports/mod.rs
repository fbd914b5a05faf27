//! The annual follow-up report (`/reports`): for a reporting round's year and a language, the plan's
//! progress, what changed during the year, each country's section, the Protocol scorecard and the
//! round's timeliness, with a narrative written from those figures (`narrative`), laid out once as a
//! document of blocks (`document`) that the web preview draws, with an Excel annex of every table
//! (`xlsx`). Every number comes from the dashboards' snapshot and the progress module.

pub mod document;
pub mod narrative;
pub mod page;

#[cfg(feature = "ssr")]
pub mod assemble;
#[cfg(feature = "ssr")]
pub mod docx;
#[cfg(feature = "ssr")]
pub mod keeping;
#[cfg(feature = "ssr")]
pub mod pdf;
#[cfg(feature = "ssr")]
pub mod xlsx;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::dashboards::figures::{
    AchievedMilestone, ActionName, CountryFigure, StatusMix, ThemeFigure,
};
use crate::domain::{Bilingual, IndicatorKind, SubmissionState};
use crate::i18n::Lang;
use crate::indicators::scorecard::ScorecardView;
use crate::indicators::Standing;
use crate::progress::Progress;
use crate::rounds::workflow::Timeliness;

pub use page::ReportsPage;

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

/// The report in `format`, written in `language`: CPU work, to be run on a blocking thread.
#[cfg(feature = "ssr")]
pub fn render(
    report: &AnnualReport,
    language: Lang,
    format: ReportFormat,
) -> Result<Vec<u8>, crate::error::AppError> {
    use chrono::Datelike;
    let failed = |error: &dyn std::fmt::Display| {
        tracing::error!(%error, ?format, "the report could not be written");
        crate::error::AppError::Internal
    };
    match format {
        ReportFormat::Pdf => {
            let day = report.as_of;
            pdf::pdf(
                &document::document(report, language),
                &charts(report, language),
                (day.year(), day.month() as u8, day.day() as u8),
            )
            .map_err(|error| failed(&error))
        }
        ReportFormat::Docx => docx::docx(
            &document::document(report, language),
            &charts(report, language),
            &report.as_of.to_string(),
        )
        .map_err(|error| failed(&error)),
        ReportFormat::Xlsx => xlsx::workbook(report, language).map_err(|error| failed(&error)),
    }
}

/// The server route that generates a report's file and keeps it (a form post: year, language,
/// format), answering with the way to the kept file.
pub const GENERATE_PATH: &str = "/reports/generate";

/// Where the kept report `id` is downloaded.
pub fn kept_file_path(id: i32) -> String {
    format!("/reports/files/{id}")
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

/// The methods annex, a paragraph per formula of the progress module, in order.
pub const METHODS: [&str; 6] = [
    "report-method-action",
    "report-method-expected",
    "report-method-means",
    "report-method-schedule",
    "report-method-indicators",
    "report-method-scorecard",
];

/// How a submission stands against the due date, in words that do not change from day to day.
pub fn timeliness_key(timeliness: Timeliness) -> &'static str {
    match timeliness {
        Timeliness::OnTime => "report-on-time",
        Timeliness::Late { .. } => "report-late",
        Timeliness::Pending { .. } | Timeliness::Overdue { .. } => "report-missing",
    }
}

/// The report's charts: progress by theme and by country, as the dashboards draw them.
#[cfg(feature = "ssr")]
pub fn charts(report: &AnnualReport, lang: Lang) -> Vec<crate::dashboards::Chart> {
    use crate::dashboards::charts;
    use crate::i18n::{format_date, t, t_args};
    let date = format_date(lang, &report.as_of.to_string());
    let on = |key: &str| t_args(lang, key, &[("date", date.clone().into())]);
    vec![
        charts::theme_bars(
            "report-chart-themes",
            &t(lang, "chart-themes-title"),
            &on("chart-themes-desc"),
            &report.themes,
            lang,
        ),
        charts::country_bars(
            "report-chart-countries",
            &t(lang, "chart-countries-title"),
            &on("chart-countries-desc"),
            &report.countries,
            lang,
        ),
    ]
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
    pub themes: Vec<ThemeFigure>,
    /// Highest progress first.
    pub countries: Vec<CountryFigure>,
    pub year_in_review: YearInReview,
    /// One per member country, in alphabetical order (English names).
    pub sections: Vec<CountrySection>,
    pub scorecard: ScorecardView,
    pub round: RoundSummary,
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
    pub themes: Vec<ThemeFigure>,
    /// How many of its actions stand in each status in each theme.
    pub statuses: Vec<StatusMix>,
    pub achieved: Vec<AchievedMilestone>,
    pub completed: Vec<ActionName>,
    pub delayed: Vec<DelayedAction>,
    pub indicators: Vec<ReportIndicator>,
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

/// A country's indicator in the report: its validated value for the year, and where it stands
/// with the values validated up to the year and up to the year before.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportIndicator {
    pub code: String,
    pub name: Bilingual,
    pub kind: IndicatorKind,
    pub value: Option<f64>,
    pub standing: Standing,
    pub before: Standing,
}

impl ReportIndicator {
    /// Whether it complies: assessed on track against its target.
    pub fn complies(standing: &Standing) -> Option<bool> {
        standing
            .assessment
            .map(|a| a.status == crate::progress::ScheduleStatus::OnTrack)
    }
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
