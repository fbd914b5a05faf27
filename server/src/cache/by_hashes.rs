//! A page's body made the same for every serving (`ByHashes`), so that the page memory compresses
//! it once.

use axum::http::{header, HeaderMap};
use base64::{engine::general_purpose::STANDARD as BASE64, Engine};
use sha2::{Digest, Sha256};

/// A page's body made the same for every serving: the inline scripts and styles it rendered with
/// its nonce are allowed by their hashes instead, and the nonce is taken off them. A nonce must
/// be new for every response, which would make each serving other bytes to compress again
/// (660 KB for the regional dashboard at 100 countries: several milliseconds each time); a hash
/// allows the same scripts and styles, and no others.
#[derive(Debug, PartialEq)]
pub(super) struct ByHashes {
    pub(super) body: String,
    /// The `'sha256-…'` sources of its inline scripts and of its inline styles.
    pub(super) scripts: Vec<String>,
    pub(super) styles: Vec<String>,
}

impl ByHashes {
    /// A page whose policy allows no inline script or style: kept as it is.
    pub(super) fn without_inline(body: &str) -> ByHashes {
        ByHashes {
            body: body.to_owned(),
            scripts: Vec::new(),
            styles: Vec::new(),
        }
    }

    /// `None` when the nonce is anywhere but on the opening tag of a script or style element
    /// whose text the browser reads as written (the page is then served as rendered).
    pub(super) fn of(body: &str, nonce: &str) -> Option<ByHashes> {
        let attribute = format!("nonce=\"{nonce}\"");
        if body.matches(nonce).count() != body.matches(&attribute).count() {
            return None;
        }
        let mut page = ByHashes {
            body: String::with_capacity(body.len()),
            scripts: Vec::new(),
            styles: Vec::new(),
        };
        let mut rest = body;
        while let Some(at) = rest.find(&attribute) {
            // The tag the nonce is in starts at the last `<` before it, unless that `<` is
            // within an attribute value or the tag ended before the nonce.
            let opening = rest[..at].rfind('<')?;
            if tag_end(&rest[opening..at]) != Err(false) {
                return None;
            }
            let name = rest[opening + 1..]
                .split(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
                .next()?;
            let sources = if name.eq_ignore_ascii_case("script") {
                &mut page.scripts
            } else if name.eq_ignore_ascii_case("style") {
                &mut page.styles
            } else {
                return None;
            };
            let after = &rest[at + attribute.len()..];
            let text = &after[tag_end(after).ok()? + 1..];
            let text = &text[..closing_tag(text, name)?];
            // The browser reads a carriage return as a line feed and a NUL as U+FFFD: the text
            // it hashes would not be this one.
            if text.contains(['\r', '\0']) {
                return None;
            }
            let source = format!(
                "'sha256-{}'",
                BASE64.encode(Sha256::digest(text.as_bytes()))
            );
            if !sources.contains(&source) {
                sources.push(source);
            }
            let before = &rest[..at];
            page.body
                .push_str(before.strip_suffix(' ').unwrap_or(before));
            rest = after;
        }
        page.body.push_str(rest);
        Some(page)
    }
}

/// Reads an opening tag from `text` on: `Ok` where it ends (its first `>` outside a quoted
/// attribute value); `Err` when it does not end within `text`, with whether `text` stops within a
/// quoted value.
fn tag_end(text: &str) -> Result<usize, bool> {
    let mut quote = None;
    for (at, c) in text.char_indices() {
        match (quote, c) {
            (None, '>') => return Ok(at),
            (None, '"' | '\'') => quote = Some(c),
            (Some(open), _) if c == open => quote = None,
            _ => {}
        }
    }
    Err(quote.is_some())
}

/// Where the text of a `name` element (script or style) ends, as HTML reads it: at the first
/// `</name` followed by a space, `/` or `>`, in any case.
fn closing_tag(text: &str, name: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(found) = text[from..].find("</") {
        let at = from + found;
        let after = &text[at + 2..];
        let closes = after
            .get(..name.len())
            .is_some_and(|tag| tag.eq_ignore_ascii_case(name))
            && after[name.len()..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_whitespace() || c == '/' || c == '>');
        if closes {
            return Some(at);
        }
        from = at + 2;
    }
    None
}

/// The nonce of a page's `Content-Security-Policy`, as `app::content_security_policy` writes it.
pub(super) fn nonce_of(headers: &HeaderMap) -> Option<String> {
    let policy = headers
        .get(header::CONTENT_SECURITY_POLICY)?
        .to_str()
        .ok()?;
    let start = policy.find("'nonce-")? + "'nonce-".len();
    let length = policy[start..].find('\'')?;
    Some(policy[start..start + length].to_owned())
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    pub(in crate::cache) const SCRIPT_A: &str =
        "'sha256-ypeBEsobvcr6wjGzmiPcTaeG7/gUfE5yuYB3ha/uSLs='";
    const STYLE_B: &str = "'sha256-PiPoFgA5WUoziU9lZOGxNIu9egCI1CxKy3PurtWcAJ0='";
    const SCRIPT_ENDING_LATER: &str = "'sha256-fykX8F2WaTVbvjDk4rRSly9TgdGrnwG69Se+78GY5Wg='";

    #[test]
    fn a_pages_own_scripts_and_styles_are_allowed_by_their_hashes_and_lose_their_nonce() {
        let rendered = "<head><style nonce=\"N0nce\">b</style></head><body>\
            <script nonce=\"N0nce\" type=\"module\">a</script><p title=\"a > b\">text</p>\
            <script type=\"module\" nonce=\"N0nce\">a</SCRIPT >\
            <script nonce=\"N0nce\">x=\"</scripts>\"</script></body>";
        assert_eq!(
            ByHashes::of(rendered, "N0nce"),
            Some(ByHashes {
                body: "<head><style>b</style></head><body>\
                    <script type=\"module\">a</script><p title=\"a > b\">text</p>\
                    <script type=\"module\">a</SCRIPT >\
                    <script>x=\"</scripts>\"</script></body>"
                    .into(),
                scripts: vec![SCRIPT_A.into(), SCRIPT_ENDING_LATER.into()],
                styles: vec![STYLE_B.into()],
            })
        );
    }

    #[test]
    fn a_nonce_anywhere_else_leaves_the_page_as_rendered() {
        for rendered in [
            "<link nonce=\"N0nce\" rel=\"preload\"><script nonce=\"N0nce\">a</script>",
            "<script nonce=\"N0nce\">a</script><p>N0nce</p>",
            "<script nonce=N0nce>a</script>",
            "<script nonce=\"N0nce\">a\r\n</script>",
            "<script nonce=\"N0nce\">a",
            "<p>a</p>nonce=\"N0nce\">",
            "<script data-x=\"<style \" nonce=\"N0nce\">a</script>",
            "<script nonce=\"N0nce\">a\0</script>",
        ] {
            assert_eq!(ByHashes::of(rendered, "N0nce"), None, "{rendered}");
        }
    }
}
