//! Text made safe to place inside HTML or SVG markup that Enlace writes itself. Leptos escapes text
//! and attribute values it renders, but not the children of raw-text elements (`<textarea>`,
//! `<title>`) nor `inner_html`; whatever goes there passes through `escape` first.

/// `text` with the characters that could end an element or a double-quoted attribute written as
/// entities, so that it reads as the same text wherever Enlace places it: element content, an
/// attribute value in double quotes, a `<textarea>` or a `<title>`.
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            other => escaped.push(other),
        }
    }
    escaped
}

/// The text of the document's `<title>`. `leptos_meta` writes the title into the server's HTML as it
/// is, but sets it as plain text (`document.title`) in the browser: escaped on the server only, the
/// tab shows the same words either way.
pub fn document_title(text: String) -> String {
    if cfg!(feature = "ssr") {
        escape(&text)
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_become_entities() {
        assert_eq!(
            escape(r#"x</textarea><b id="pwn">'&'</b>"#),
            "x&lt;/textarea&gt;&lt;b id=&quot;pwn&quot;&gt;'&amp;'&lt;/b&gt;"
        );
        assert_eq!(escape("Acción 1.1 · 45 %"), "Acción 1.1 · 45 %");
        assert_eq!(escape(""), "");
    }

    #[test]
    fn a_title_is_escaped_where_it_becomes_markup() {
        let title = document_title("</title><meta http-equiv=refresh>".to_owned());
        if cfg!(feature = "ssr") {
            assert_eq!(title, "&lt;/title&gt;&lt;meta http-equiv=refresh&gt;");
        } else {
            assert_eq!(title, "</title><meta http-equiv=refresh>");
        }
    }
}
