//! Building addresses inside Enlace.

/// Percent-encodes what a query-string value may not hold literally (RFC 3986 unreserved characters
/// stay as they are).
pub fn encode_query_value(value: &str) -> String {
    value
        .bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                char::from(byte).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}

/// Sends the browser to `path` once a server function has succeeded. Paths are built from values
/// already looked up or checked (`domain::country_code`, `indicators::indicator_code`), so this
/// never refuses one; should a path all the same not be a valid header, it is logged and left out
/// (the browser goes back to the form's page) rather than allowed to panic after the write.
#[cfg(feature = "ssr")]
pub fn redirect(path: &str) {
    if path.starts_with('/') && http::HeaderValue::from_str(path).is_ok() {
        leptos_axum::redirect(path);
    } else {
        tracing::error!(?path, "a redirect that cannot be a header was left out");
    }
}

/// A country's page.
pub fn country_path(iso2: &str) -> String {
    format!("/countries/{}", iso2.to_ascii_lowercase())
}

/// A theme's page.
pub fn theme_path(code: &str) -> String {
    format!("/themes/{}", encode_query_value(code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_characters_are_encoded() {
        assert_eq!(encode_query_value("a b&c"), "a%20b%26c");
        assert_eq!(encode_query_value("/plan?lang=es"), "%2Fplan%3Flang%3Des");
        assert_eq!(encode_query_value("ñ"), "%C3%B1");
    }

    #[test]
    fn pages_of_countries_and_themes() {
        assert_eq!(country_path("CR"), "/countries/cr");
        assert_eq!(theme_path("2"), "/themes/2");
    }
}
