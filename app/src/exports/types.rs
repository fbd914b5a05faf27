//! A table to download, and the formats it downloads in.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One value of a table: a spreadsheet keeps numbers and dates as such.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Cell {
    Text(String),
    Number(f64),
    Date(NaiveDate),
    Empty,
}

impl From<String> for Cell {
    fn from(text: String) -> Self {
        Cell::Text(text)
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Self {
        Cell::Text(text.to_owned())
    }
}

/// A table as a page shows it: a title, its column headers and its rows, in one language.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Table {
    /// The downloaded file's name, without its extension (`matrix-2026-12-02`).
    pub file_stem: String,
    /// The sheet's name in a workbook.
    pub title: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    /// A workbook's further sheets, each with its name (the table's details, such as each group of
    /// the legislation matrix); a CSV file holds the table alone, as its page shows it.
    pub more_sheets: Vec<Sheet>,
}

/// A further sheet of a workbook: its name, headers and rows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Sheet {
    pub title: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// The formats a table downloads in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Format {
    Csv,
    Xlsx,
}

impl Format {
    pub const ALL: [Format; 2] = [Format::Xlsx, Format::Csv];

    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
        }
    }

    pub fn from_extension(extension: &str) -> Option<Format> {
        Format::ALL
            .into_iter()
            .find(|format| format.extension().eq_ignore_ascii_case(extension))
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Format::Csv => "text/csv; charset=utf-8",
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }

    /// The catalogue key of the format's name in a download link.
    pub fn label_key(self) -> &'static str {
        match self {
            Format::Csv => "export-csv",
            Format::Xlsx => "export-xlsx",
        }
    }
}
