//! What the account pages receive and send.

use serde::{Deserialize, Serialize};

use crate::domain::{Bilingual, Role};
use crate::i18n::Lang;

/// One's own account as the account page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Account {
    pub viewer: crate::access::Viewer,
    /// Whether they asked for the monthly digest of their country's outlook (focal points).
    pub monthly_digest: bool,
}

/// A user to create, as the secretariat fills it in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewUser {
    pub email: String,
    pub name: String,
    pub role: Role,
    /// ISO 3166 alpha-2 code of the member country a focal point reports for.
    pub country: Option<String>,
    pub language: Lang,
    pub password: String,
    pub must_change_password: bool,
}

/// A user as the users page lists them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserRow {
    pub id: i32,
    pub email: String,
    pub name: String,
    pub role: Role,
    /// ISO 3166 alpha-2 code of a focal point's country.
    pub country: Option<String>,
    pub language: Lang,
    pub active: bool,
    pub must_change_password: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UsersData {
    pub users: Vec<UserRow>,
    /// The member countries a focal point can report for: ISO code and name.
    pub countries: Vec<(String, Bilingual)>,
}
