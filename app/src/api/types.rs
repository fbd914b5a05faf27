//! What the account page shows and sends about API tokens.

use serde::{Deserialize, Serialize};

use super::rules::TokenScope;

/// A token as its user sees it: never the token itself, only its first characters.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TokenRow {
    pub id: i32,
    pub name: String,
    pub shown: String,
    pub scope: TokenScope,
    /// `YYYY-MM-DD`
    pub expires_on: String,
    pub created_on: String,
    pub last_used_on: Option<String>,
    /// Neither revoked nor expired.
    pub active: bool,
}

/// The tokens of the account page, and a token just created, shown this once.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TokensView {
    pub tokens: Vec<TokenRow>,
    pub created: Option<String>,
    /// The default expiry offered to a new token.
    pub default_expiry: String,
}

/// A token to create, as the form sends it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub scope: String,
    #[serde(default)]
    pub expires_on: String,
}
