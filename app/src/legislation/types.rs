//! What the legislation pages receive and send.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::{
    Bilingual, ContactLanguage, Coverage, Membership, ProvisionGroup, SubmissionState,
};

/// A provision of the matrix, as the reference data names it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provision {
    pub code: String,
    pub group: ProvisionGroup,
    /// The instrument it comes from (`Smuggling Protocol`) and its article there (`6(1)(a)`).
    pub instrument: String,
    pub article: String,
    pub name: Bilingual,
    /// The question a country answers for it.
    pub question: Bilingual,
}

/// A country's entry on a provision as the rules accept it: trimmed, empty fields as `None`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub coverage: Coverage,
    /// Why the coverage is partial, none or not applicable (also allowed for full).
    pub coverage_reason: Option<String>,
    /// The article's text in its original language.
    pub original_text: Option<String>,
    pub text_language: Option<ContactLanguage>,
    pub penalty: Penalty,
    pub fines: Option<String>,
    pub aggravating: Option<String>,
    pub note: Option<String>,
    /// The national instruments that implement the provision, in the country's order.
    pub instruments: Vec<Instrument>,
}

/// The prison term the law sets, in years (half a year is `0.5`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Penalty {
    pub min_years: Option<f64>,
    pub max_years: Option<f64>,
}

/// A national instrument (a law, a code, a decree) and the article of it that implements a
/// provision.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Instrument {
    pub title: String,
    pub number: Option<String>,
    pub year: Option<i32>,
    pub article: Option<String>,
    /// Its official publication, an `http(s)` address.
    pub url: Option<String>,
    pub in_force_since: Option<NaiveDate>,
}

/// An entry as its form sends it, every field as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryForm {
    #[serde(default)]
    pub coverage: String,
    #[serde(default)]
    pub coverage_reason: String,
    #[serde(default)]
    pub original_text: String,
    #[serde(default)]
    pub text_language: String,
    #[serde(default)]
    pub penalty_min_years: String,
    #[serde(default)]
    pub penalty_max_years: String,
    #[serde(default)]
    pub fines: String,
    #[serde(default)]
    pub aggravating: String,
    #[serde(default)]
    pub note: String,
    /// One per row of the form; rows left empty are dropped.
    #[serde(default)]
    pub instruments: Vec<InstrumentForm>,
}

/// An instrument's row of the entry form, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstrumentForm {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub number: String,
    #[serde(default)]
    pub year: String,
    #[serde(default)]
    pub article: String,
    #[serde(default)]
    pub url: String,
    #[serde(default)]
    pub in_force_since: String,
}

/// A stored entry with who entered, confirmed and verified it, and when (`YYYY-MM-DD`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredEntry {
    pub entry: Entry,
    pub version: i32,
    pub entered_by: Option<String>,
    pub entered_on: String,
    pub confirmed_by: Option<String>,
    pub confirmed_on: Option<String>,
    pub verified_by: Option<String>,
    pub verified_on: Option<String>,
}

/// The comparative matrix: the countries of a group against the provisions of a group.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MatrixView {
    /// The provision group shown, or every group.
    pub group: Option<ProvisionGroup>,
    pub membership: Membership,
    pub provisions: Vec<Provision>,
    pub rows: Vec<MatrixRow>,
    /// Catalogue key of why a filter in the address was set aside, if one was.
    pub notice: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MatrixRow {
    pub iso2: String,
    pub country: Bilingual,
    /// One per provision, in the order of `MatrixView::provisions`; `None` where nothing is entered.
    pub cells: Vec<Option<MatrixCell>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatrixCell {
    pub coverage: Coverage,
    /// The secretariat validated the entry as it stands.
    pub verified: bool,
}

/// A provision's page: every country's entry side by side.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProvisionView {
    pub provision: Provision,
    pub countries: Vec<CountryEntry>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CountryEntry {
    pub iso2: String,
    pub country: Bilingual,
    pub entry: Option<StoredEntry>,
}

/// A country's legislation page: each provision with its entry, and where the country's matrix
/// stands in the current round.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CountryLegislation {
    pub iso2: String,
    pub country: Bilingual,
    pub provisions: Vec<ProvisionEntry>,
    pub round: Option<RoundStanding>,
    /// The viewer may enter and confirm entries now.
    pub can_edit: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProvisionEntry {
    pub provision: Provision,
    pub entry: Option<StoredEntry>,
    /// Saved or confirmed since the current round opened.
    pub reviewed: bool,
}

/// Where a country's matrix stands in the round its legislation is kept current through.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoundStanding {
    pub year: i32,
    pub state: SubmissionState,
    pub progress: MatrixProgress,
}

/// How much of a country's matrix is entered, and reviewed (saved or confirmed) in a round.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatrixProgress {
    pub provisions: usize,
    pub entered: usize,
    pub reviewed: usize,
}

/// A country's entry page: the provision, the entry and its history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EntryPage {
    pub iso2: String,
    pub country: Bilingual,
    pub provision: Provision,
    pub entry: Option<StoredEntry>,
    pub history: Vec<EntryVersion>,
    pub round: Option<RoundStanding>,
    pub can_edit: bool,
    /// Reviewers' and the secretariat's comments on the entry, oldest first.
    pub comments: Vec<EntryComment>,
    /// The viewer may comment (reviewers, the secretariat).
    pub can_comment: bool,
}

/// A comment on a country's entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryComment {
    pub author: Option<String>,
    /// `YYYY-MM-DD HH:MM UTC`
    pub at: String,
    pub body: String,
}

/// The most countries compared side by side, and the fewest.
pub const COMPARE_MOST: usize = 4;
pub const COMPARE_FEWEST: usize = 2;

/// Two to four countries' entries side by side, provision by provision.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CompareView {
    /// Every country that may be chosen (ISO code, name), members first.
    pub choices: Vec<(String, Bilingual)>,
    /// The ISO codes of the countries chosen that Enlace knows, ticked again in the form.
    pub chosen: Vec<String>,
    /// The countries compared, in the order chosen; empty until two to four are chosen.
    pub countries: Vec<(String, Bilingual)>,
    pub group: Option<ProvisionGroup>,
    /// One per provision of the group: each compared country's entry, in `countries`' order.
    pub rows: Vec<CompareRow>,
    /// Catalogue key of why the choice was set aside, if it was.
    pub notice: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CompareRow {
    pub provision: Provision,
    pub entries: Vec<Option<StoredEntry>>,
}

/// The versions of entries saved since a day, newest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChangesView {
    /// `YYYY-MM-DD`
    pub since: String,
    pub changes: Vec<EntryChange>,
    /// Catalogue key of why the day in the address was set aside, if it was.
    pub notice: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EntryChange {
    pub iso2: String,
    pub country: Bilingual,
    pub provision: String,
    pub provision_name: Bilingual,
    pub version: i32,
    /// The coverage before this version (`None` for a first version) and after it.
    pub before: Option<Coverage>,
    pub after: Coverage,
    pub saved_by: Option<String>,
    /// `YYYY-MM-DD HH:MM UTC`
    pub saved_at: String,
}

/// A saved version of an entry, newest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EntryVersion {
    pub version: i32,
    pub saved_by: Option<String>,
    /// `YYYY-MM-DD HH:MM UTC`
    pub saved_at: String,
    pub entry: Entry,
}
