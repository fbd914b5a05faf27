//! What the audit page receives and sends.

use serde::{Deserialize, Serialize};

use crate::domain::Bilingual;
use crate::urls::encode_query_value;

/// Entries per page.
pub const PAGE_SIZE: u64 = 50;

/// What the secretariat filters the trail by; every field may be left empty. Dates are `YYYY-MM-DD`,
/// both ends included.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilter {
    pub user: Option<i32>,
    pub country: Option<String>,
    pub entity: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub page: Option<u64>,
}

impl AuditFilter {
    /// The filter in an address's query string, as the filter form would send it.
    pub fn query_string(&self, page: u64) -> String {
        let mut pairs = Vec::new();
        let mut add = |name: &str, value: Option<String>| {
            if let Some(value) = value.filter(|v| !v.is_empty()) {
                pairs.push(format!("{name}={}", encode_query_value(&value)));
            }
        };
        add("user", self.user.map(|id| id.to_string()));
        add("country", self.country.clone());
        add("entity", self.entity.clone());
        add("from", self.from.clone());
        add("to", self.to.clone());
        add("page", Some(page.to_string()));
        pairs.join("&")
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditRow {
    pub id: i32,
    /// RFC 3339, UTC.
    pub occurred_at: String,
    /// The user's name; `None` for Enlace itself.
    pub actor: Option<String>,
    pub entity: String,
    pub entity_id: String,
    pub operation: String,
    pub country: Option<String>,
    pub before: Option<String>,
    pub after: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditPage {
    pub entries: Vec<AuditRow>,
    pub total: u64,
    pub page: u64,
    pub pages: u64,
    /// Choices for the filter form: users (id, name), countries (ISO code, name), entities.
    pub users: Vec<(i32, String)>,
    pub countries: Vec<(String, Bilingual)>,
    pub entities: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pager_keeps_the_filter() {
        let filter = AuditFilter {
            user: Some(3),
            country: Some("CR".into()),
            entity: None,
            from: Some("2026-11-01".into()),
            to: Some(String::new()),
            page: Some(2),
        };
        assert_eq!(
            filter.query_string(3),
            "user=3&country=CR&from=2026-11-01&page=3"
        );
    }
}
