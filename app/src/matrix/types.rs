//! What the matrix page receives.

use serde::{Deserialize, Serialize};

use crate::domain::AsOfShown;
use crate::domain::{Bilingual, Membership, Status};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Matrix {
    /// Every theme of the plan (code, name), for the filter.
    pub themes: Vec<(String, Bilingual)>,
    /// The theme shown, or every theme.
    pub theme: Option<String>,
    pub group: Membership,
    /// The day shown.
    pub as_of: AsOfShown,
    /// The countries of the group: ISO code and name.
    pub countries: Vec<(String, Bilingual)>,
    /// The rows of the page shown.
    pub rows: Vec<MatrixRow>,
    /// Which page of the actions it is.
    pub paging: crate::domain::Paging,
    /// Catalogue keys of the filters in the address that were set aside.
    pub notices: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MatrixRow {
    pub theme_code: String,
    pub code: String,
    pub title: Bilingual,
    /// One per country, in the order of `Matrix::countries`.
    pub cells: Vec<MatrixCell>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MatrixCell {
    pub status: Option<Status>,
    pub delayed: bool,
}
