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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_characters_are_encoded() {
        assert_eq!(encode_query_value("a b&c"), "a%20b%26c");
        assert_eq!(encode_query_value("/plan?lang=es"), "%2Fplan%3Flang%3Des");
        assert_eq!(encode_query_value("ñ"), "%C3%B1");
    }
}
