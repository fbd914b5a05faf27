//! The rules of API tokens, with no I/O: what a token may do, how long it may live, what its name
//! may be, and how a token is told apart by its first characters.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::Problem;

/// Every token starts so, which makes one found in a log or a repository recognisable.
pub const TOKEN_PREFIX: &str = "enl_";
/// How many characters of a token are kept to show it: the prefix and eight more.
pub const SHOWN_CHARS: usize = 12;
/// The longest a token may live.
pub const MAX_DAYS: i64 = 366;
/// The most tokens a user may hold at once (revoked and expired ones not counted).
pub const MAX_TOKENS: usize = 10;
pub const MAX_NAME: usize = 100;

/// What a token may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TokenScope {
    /// Read what its user may read.
    Read,
    /// Also write what its user may write (a country's reports and values).
    Write,
}

impl TokenScope {
    pub fn code(self) -> &'static str {
        match self {
            TokenScope::Read => "read",
            TokenScope::Write => "write",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "read" => Some(TokenScope::Read),
            "write" => Some(TokenScope::Write),
            _ => None,
        }
    }

    pub fn label_key(self) -> &'static str {
        match self {
            TokenScope::Read => "token-scope-read",
            TokenScope::Write => "token-scope-write",
        }
    }
}

/// What is stored of a token: its SHA-256, in hex. A copy of the table opens nothing.
#[cfg(feature = "ssr")]
pub fn token_hash(token: &str) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(token.trim().as_bytes()))
}

/// The part of `token` shown to tell it apart.
pub fn shown_part(token: &str) -> String {
    token.chars().take(SHOWN_CHARS).collect()
}

/// A token's name, trimmed: not empty, at most `MAX_NAME` characters, on one visible line.
pub fn check_name(name: &str) -> Result<String, Problem> {
    let name = name.trim();
    if name.is_empty() {
        Err(Problem::new("name", "token-name-required"))
    } else if name.chars().count() > MAX_NAME {
        Err(Problem::with_limit(
            "name",
            "token-name-too-long",
            MAX_NAME as u32,
        ))
    } else if crate::text::has_hidden_characters_in_line(name) {
        Err(Problem::new("name", "token-name-control"))
    } else {
        Ok(name.to_owned())
    }
}

/// The last day a token may be used, typed as `YYYY-MM-DD`: from tomorrow to `MAX_DAYS` ahead.
pub fn check_expiry(typed: &str, today: NaiveDate) -> Result<NaiveDate, Problem> {
    let day: NaiveDate = typed
        .trim()
        .parse()
        .map_err(|_| Problem::new("expires_on", "token-expiry-invalid"))?;
    let days = (day - today).num_days();
    if days < 1 {
        Err(Problem::new("expires_on", "token-expiry-past"))
    } else if days > MAX_DAYS {
        Err(Problem::with_limit(
            "expires_on",
            "token-expiry-too-far",
            MAX_DAYS as u32,
        ))
    } else {
        Ok(day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn a_token_lives_from_tomorrow_to_a_year_ahead() {
        let today = day("2026-12-02");
        assert_eq!(check_expiry("2026-12-03", today), Ok(day("2026-12-03")));
        assert_eq!(check_expiry(" 2027-12-03 ", today), Ok(day("2027-12-03")));
        assert_eq!(
            check_expiry("2026-12-02", today).unwrap_err().key,
            "token-expiry-past"
        );
        assert_eq!(
            check_expiry("2027-12-04", today).unwrap_err().key,
            "token-expiry-too-far"
        );
        assert_eq!(
            check_expiry("next year", today).unwrap_err().key,
            "token-expiry-invalid"
        );
    }

    #[test]
    fn names_are_one_visible_line() {
        assert_eq!(
            check_name("  Statistics office "),
            Ok("Statistics office".to_owned())
        );
        assert_eq!(check_name(" ").unwrap_err().key, "token-name-required");
        assert_eq!(check_name("a\nb").unwrap_err().key, "token-name-control");
        assert_eq!(
            check_name(&"x".repeat(101)).unwrap_err().key,
            "token-name-too-long"
        );
    }

    #[test]
    fn scopes_read_back_from_their_codes() {
        for scope in [TokenScope::Read, TokenScope::Write] {
            assert_eq!(TokenScope::from_code(scope.code()), Some(scope));
        }
        assert_eq!(TokenScope::from_code("admin"), None);
        assert_eq!(shown_part("enl_0123456789abcdef"), "enl_01234567");
    }
}
