//! The one rule every free text Enlace stores follows, whatever the field: no characters that are
//! not shown but change what is. Pages escape markup, so `<` and quotes are plain text; these are
//! what escaping cannot make harmless. Pure, shared with the browser.

use crate::error::Problem;

/// Characters that reorder the text around them on screen (bidirectional marks, embeddings,
/// overrides and isolates): neither English nor Spanish needs them, and they can make `report.exe`
/// read as `report.pdf` or a sentence say the opposite of what is stored.
fn reorders_text(c: char) -> bool {
    matches!(
        c,
        '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// Whether a text of several lines holds hidden characters: control characters other than line
/// breaks and tabs, or text-reordering ones.
pub fn has_hidden_characters(text: &str) -> bool {
    text.chars()
        .any(|c| (c.is_control() && !matches!(c, '\n' | '\r' | '\t')) || reorders_text(c))
}

/// Whether a one-line text (a name, a title, a source) holds hidden characters: any control
/// character, line breaks and tabs included, or text-reordering ones.
pub fn has_hidden_characters_in_line(text: &str) -> bool {
    text.chars().any(|c| c.is_control() || reorders_text(c))
}

/// `text` without its hidden characters (for what is kept rather than refused, such as the name of
/// an uploaded file).
pub fn without_hidden_characters(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control() && !reorders_text(*c))
        .collect()
}

/// Whether `url` is an absolute `http(s)` address with a host and nothing a browser would not send.
pub fn is_web_address(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    match rest {
        Some(rest) => {
            let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
            !host.is_empty() && !url.chars().any(|c| c.is_whitespace() || c.is_control())
        }
        None => false,
    }
}

/// A text as stored: trimmed, and `None` when empty.
pub fn stored_text(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// The longest comment a reviewer or the secretariat may leave.
pub const COMMENT_MAX_CHARS: usize = 2_000;

/// A reviewer's comment as stored: trimmed, not empty, not too long, without hidden characters.
pub fn check_comment(body: &str) -> Result<String, Problem> {
    let body = body.trim();
    if body.is_empty() {
        return Err(Problem::new("comment", "problem-comment-empty"));
    }
    if body.chars().count() > COMMENT_MAX_CHARS {
        return Err(Problem::with_limit(
            "comment",
            "problem-comment-too-long",
            COMMENT_MAX_CHARS as u32,
        ));
    }
    if has_hidden_characters(body) {
        return Err(Problem::new("comment", "problem-comment-control"));
    }
    Ok(body.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_characters_are_control_and_reordering_ones() {
        assert!(!has_hidden_characters(
            "Línea uno\nlínea dos\tcon «comillas» & <b>"
        ));
        assert!(has_hidden_characters("bell \u{0007}"));
        assert!(has_hidden_characters("nul \u{0000}"));
        assert!(has_hidden_characters("report\u{202E}fdp.exe"));
        assert!(has_hidden_characters("\u{2066}isolated\u{2069}"));
        assert!(has_hidden_characters_in_line("two\nlines"));
        assert!(!has_hidden_characters_in_line(
            "Ley 9095 · «contra la trata» (2012)"
        ));
        assert_eq!(without_hidden_characters("a\u{202E}b\u{0000}c\n"), "abc");
    }

    #[test]
    fn web_addresses_are_absolute_http_with_a_host() {
        assert!(is_web_address("HTTP://Example.org/path?q=1#top"));
        for bad in [
            "javascript:alert(1)",
            "ftp://x.org/a",
            "https://",
            "https://exa mple.org",
            "www.x.org",
        ] {
            assert!(!is_web_address(bad), "{bad}");
        }
    }

    #[test]
    fn stored_text_is_trimmed_and_empty_is_none() {
        assert_eq!(stored_text("  a  "), Some("a".into()));
        assert_eq!(stored_text(" \n "), None);
    }

    #[test]
    fn comments_must_say_something_visible_and_short() {
        assert_eq!(
            check_comment("  Please add the decree.  "),
            Ok("Please add the decree.".into())
        );
        let key = |body: &str| check_comment(body).unwrap_err().key;
        assert_eq!(key(" \n "), "problem-comment-empty");
        assert_eq!(
            key(&"z".repeat(COMMENT_MAX_CHARS + 1)),
            "problem-comment-too-long"
        );
        assert_eq!(key("bell \u{7}"), "problem-comment-control");
    }
}
