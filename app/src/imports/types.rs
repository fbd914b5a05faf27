//! What an import is made of: the rows read from a file (kept until the user confirms), where each
//! problem is in the file, and the preview page's view of what the import would change.

use serde::{Deserialize, Serialize};

use crate::error::Problem;
use crate::indicators::rules::ValueForm;

/// What a template or file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ImportKind {
    /// A country's indicator values for a round's year.
    Values,
    /// Action statuses, narratives and milestones of one country or of every country.
    Statuses,
}

impl ImportKind {
    pub fn code(self) -> &'static str {
        match self {
            ImportKind::Values => "values",
            ImportKind::Statuses => "statuses",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "values" => Some(ImportKind::Values),
            "statuses" => Some(ImportKind::Statuses),
            _ => None,
        }
    }
}

/// Where a row is in the file: its sheet and its row number as the spreadsheet shows it (from 1).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    pub sheet: String,
    pub row: u32,
}

/// One indicator value as a row of the file says it, in the values form's terms.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ValueRow {
    pub place: Place,
    /// The country's ISO code; empty when the file does not say (the import's country).
    pub country: String,
    pub year: Option<i32>,
    pub form: ValueForm,
    /// The stored value's stamp when the template was made (`None` when the file has none).
    pub stamp: Option<String>,
}

/// One action's status and narratives as a row of the file says them; `None` for a column the
/// file does not have (the stored text stays).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StatusRow {
    pub place: Place,
    /// The country's ISO code; empty when the file does not say (the import's country).
    pub country: String,
    pub action: String,
    /// A status code, or `None` when the file has no status column.
    pub status: Option<String>,
    pub narrative_en: Option<String>,
    pub narrative_es: Option<String>,
    pub comment: Option<String>,
    /// The record's version when the template was made.
    pub version: Option<i32>,
}

/// One milestone as a row of the file reports it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MilestoneRow {
    pub place: Place,
    /// The country's ISO code; empty when the file does not say (the import's country).
    pub country: String,
    pub action: String,
    pub milestone: String,
    /// `None` when not achieved.
    pub achieved_on: Option<chrono::NaiveDate>,
    /// Whether the file has the day's column: a file without it leaves the stored day alone.
    #[serde(default)]
    pub day_given: bool,
    pub note: Option<String>,
    pub version: Option<i32>,
}

/// A problem at a place of the file: a row and a column (a letter and the column's name in the
/// reader's language), or the whole file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FileProblem {
    pub place: Option<Place>,
    /// The column's 0-based index and its catalogue key (`import-col-value`), when known.
    pub column: Option<(u32, String)>,
    pub problem: Problem,
}

/// Everything a file says, read and not yet checked against what is stored.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FileRows {
    pub values: Vec<ValueRow>,
    pub statuses: Vec<StatusRow>,
    pub milestones: Vec<MilestoneRow>,
    /// Where each column of each sheet is, by catalogue key: to place the problems found later.
    pub columns: Vec<(String, Vec<(String, u32)>)>,
    pub problems: Vec<FileProblem>,
}

impl FileRows {
    /// The index of the column `key` in `sheet`.
    pub fn column(&self, sheet: &str, key: &str) -> Option<(u32, String)> {
        self.columns
            .iter()
            .find(|(name, _)| name == sheet)
            .and_then(|(_, columns)| columns.iter().find(|(k, _)| k == key))
            .map(|(key, index)| (*index, key.clone()))
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty() && self.statuses.is_empty() && self.milestones.is_empty()
    }
}

/// One change the import makes, as the preview shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RowChange {
    pub place: Place,
    /// What changes, such as "ENF-01 · Costa Rica 2025" or "1.2 · Costa Rica · M1".
    pub subject: String,
    pub before: String,
    pub after: String,
}

/// The preview of an import: what it would change now, row by row, what it leaves because the
/// record changed since the template was made, and every problem.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Preview {
    pub id: i32,
    pub kind: ImportKind,
    pub scope_label: String,
    pub file_name: String,
    pub uploaded_at: String,
    pub changes: Vec<RowChange>,
    /// Rows left out: their record changed since the template was made (what the file says, and
    /// what is stored now).
    pub conflicts: Vec<RowChange>,
    pub problems: Vec<ShownProblem>,
    /// How many problems there are in all (only the first `SHOWN_PROBLEMS` are listed).
    pub problem_count: usize,
    /// What the preview showed, to confirm exactly that.
    pub seen: String,
    /// Where the imported figures are shown once written.
    pub done_path: String,
}

/// A problem as the preview lists it: the place and the message, in the reader's language.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ShownProblem {
    pub sheet: String,
    pub row: Option<u32>,
    /// A column's letter and name ("F · Value").
    pub column: Option<String>,
    pub message: String,
}

/// The most problems a preview lists.
pub const SHOWN_PROBLEMS: usize = 200;

/// The upload form: the page's scope and the file, whose bytes travel as base64.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct UploadForm {
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub country: String,
    #[serde(default)]
    pub year: String,
    #[serde(default)]
    pub file: String,
    #[serde(default)]
    pub file_name: String,
}

/// What a statuses template holds: for each country, each action it takes part in with what it
/// reports on it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StatusesTemplate {
    pub countries: Vec<TemplateCountry>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TemplateCountry {
    pub iso2: String,
    pub name: crate::domain::Bilingual,
    pub actions: Vec<TemplateAction>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TemplateAction {
    pub theme: String,
    pub code: String,
    pub title: crate::domain::Bilingual,
    pub status: crate::domain::Status,
    pub narrative_en: String,
    pub narrative_es: String,
    /// The record's version (0 before the country's first update).
    pub version: i32,
    pub updated_on: Option<chrono::NaiveDate>,
    pub milestones: Vec<TemplateMilestone>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TemplateMilestone {
    pub code: String,
    pub title: crate::domain::Bilingual,
    pub due_on: chrono::NaiveDate,
    pub achieved_on: Option<chrono::NaiveDate>,
    pub note: String,
}

/// The imports page: the countries whose statuses the viewer may import (every member country
/// for the secretariat, which may also import them all at once), and the viewer's imports waiting
/// for confirmation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportsView {
    pub countries: Vec<(String, crate::domain::Bilingual)>,
    pub every_country: bool,
    pub pending: Vec<PendingRow>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PendingRow {
    pub id: i32,
    pub kind: ImportKind,
    pub file_name: String,
    pub uploaded_at: String,
}
