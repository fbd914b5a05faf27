//! What the directory's section of a country's page receives and sends.

use serde::{Deserialize, Serialize};

use crate::domain::{Bilingual, ContactLanguage, ContactRole};

/// A country's directory as its page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryView {
    pub iso2: String,
    pub country: Bilingual,
    /// Focal points first, then liaison officers, each by name.
    pub contacts: Vec<ContactRow>,
    /// The viewer may add, correct and remove contacts (the secretariat, the country's focal
    /// points).
    pub can_edit: bool,
}

/// A contact of the directory, as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactRow {
    pub id: i32,
    pub contact: Contact,
}

/// A contact as the rules accept it: trimmed, the languages each once and in the vocabulary's order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub name: String,
    pub institution: String,
    pub role: ContactRole,
    pub languages: Vec<ContactLanguage>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// A contact as the add and edit forms send it, every field as typed. The languages are the codes
/// of the boxes ticked; a browser sends none for a box left unticked.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactForm {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub institution: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub languages: Vec<String>,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub phone: String,
}
