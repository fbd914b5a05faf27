//! The translation catalogue: every user-facing string, in English and Spanish, as Fluent messages
//! (`en.ftl`, `es.ftl`), so translators edit text files and plurals follow each language's rules.
//! Compiled into both the server and the browser build.

use std::sync::LazyLock;

use fluent_bundle::{concurrent::FluentBundle, FluentArgs, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};

const ENGLISH: &str = include_str!("en.ftl");
const SPANISH: &str = include_str!("es.ftl");

/// A language the interface speaks. Unknown codes fall back to English.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    En,
    Es,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Es];

    /// The BCP 47 code used in `lang` attributes, cookies and `?lang=`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
        }
    }

    /// The language's own name, as shown in the language switch.
    pub fn endonym(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Es => "Español",
        }
    }

    /// Reads a language tag such as `es`, `es-MX` or `EN`; `None` for a language Enlace does not speak.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "es" => Some(Lang::Es),
            _ => None,
        }
    }

    fn source(self) -> &'static str {
        match self {
            Lang::En => ENGLISH,
            Lang::Es => SPANISH,
        }
    }
}

/// The name of the cookie that remembers the chosen language.
pub const LANG_COOKIE: &str = "lang";

/// The `Set-Cookie` value that remembers `lang` for a year.
pub fn language_cookie(lang: Lang) -> String {
    format!(
        "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        lang.code()
    )
}

/// The language of a request: `?lang=` first (an unknown code means English), then the language
/// cookie, then the browser's `Accept-Language` preferences, then English.
pub fn negotiate(
    query_lang: Option<&str>,
    cookie: Option<&str>,
    accept_language: Option<&str>,
) -> Lang {
    if let Some(code) = query_lang {
        return Lang::from_tag(code).unwrap_or_default();
    }
    if let Some(lang) = cookie.and_then(Lang::from_tag) {
        return lang;
    }
    accept_language.map(preferred_language).unwrap_or_default()
}

/// The first language Enlace speaks in an `Accept-Language` header, by descending quality.
fn preferred_language(header: &str) -> Lang {
    let mut ranked: Vec<(f32, Lang)> = header
        .split(',')
        .filter_map(|item| {
            let mut parts = item.split(';');
            let lang = Lang::from_tag(parts.next()?)?;
            let quality = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            (quality > 0.0).then_some((quality, lang))
        })
        .collect();
    // A stable sort keeps the header's order among equal qualities.
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
    ranked.first().map(|(_, lang)| *lang).unwrap_or_default()
}

/// The language of an HTTP request, read from its query string, cookies and headers.
pub fn request_language(uri: &http::Uri, headers: &http::HeaderMap) -> Lang {
    let query_lang = uri
        .query()
        .and_then(|query| query.split('&').find_map(|pair| pair.strip_prefix("lang=")));
    let cookie = headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .find_map(|pair| pair.trim().strip_prefix("lang="));
    let accept = headers
        .get(http::header::ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok());
    negotiate(query_lang, cookie, accept)
}

type Bundle = FluentBundle<FluentResource>;

static BUNDLES: LazyLock<[Bundle; 2]> = LazyLock::new(|| Lang::ALL.map(build_bundle));

fn build_bundle(lang: Lang) -> Bundle {
    let resource = FluentResource::try_new(lang.source().to_owned())
        .unwrap_or_else(|(_, errors)| panic!("{}.ftl does not parse: {errors:?}", lang.code()));
    let locale = lang.code().parse().expect("a valid language identifier");
    let mut bundle = FluentBundle::new_concurrent(vec![locale]);
    // No Unicode isolation marks around arguments: they end up in HTML and in copied text.
    bundle.set_use_isolating(false);
    bundle
        .add_resource(resource)
        .expect("message ids are unique within a catalogue");
    bundle
}

fn bundle(lang: Lang) -> &'static Bundle {
    &BUNDLES[lang as usize]
}

/// The language of the page being rendered (the shell provides it).
pub fn use_lang() -> Lang {
    leptos::prelude::use_context::<Lang>().unwrap_or_default()
}

/// The message `key` in `lang`.
pub fn t(lang: Lang, key: &str) -> String {
    format(lang, key, None)
}

/// The message `key` in `lang`, with its `{ $name }` placeholders filled from `args`.
pub fn t_args(lang: Lang, key: &str, args: &[(&'static str, FluentValue<'_>)]) -> String {
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        fluent_args.set(*name, value.clone());
    }
    format(lang, key, Some(&fluent_args))
}

/// The message `key` with arguments named at run time, each a text.
pub fn t_named<'a>(
    lang: Lang,
    key: &str,
    args: impl IntoIterator<Item = (&'a str, String)>,
) -> String {
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        fluent_args.set(name.to_owned(), value);
    }
    format(lang, key, Some(&fluent_args))
}

fn format(lang: Lang, key: &str, args: Option<&FluentArgs>) -> String {
    let bundle = bundle(lang);
    let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
        // A missing key is a bug the catalogue test catches; show the key rather than nothing.
        return key.to_owned();
    };
    let mut errors = Vec::new();
    bundle
        .format_pattern(pattern, args, &mut errors)
        .into_owned()
}

/// A share between 0 and 1 as a whole percentage, written the way `lang` writes it ("45%", "45 %").
pub fn format_percent(lang: Lang, share: f64) -> String {
    let percent = (share * 100.0).round() as i64;
    t_args(lang, "percent", &[("percent", percent.into())])
}

/// A number with at most `decimals` decimals (trailing zeros dropped), written the way `lang` writes
/// numbers: "12,345.5" in English, "12 345,5" in Spanish (a space groups thousands from five digits).
pub fn format_number(lang: Lang, value: f64, decimals: usize) -> String {
    let fixed = format!("{:.*}", decimals, value.abs());
    let (whole, fraction) = match fixed.split_once('.') {
        Some((whole, fraction)) => (whole.to_owned(), fraction.trim_end_matches('0').to_owned()),
        None => (fixed, String::new()),
    };
    let (group, point) = match lang {
        Lang::En => (",", "."),
        Lang::Es => ("\u{a0}", ","),
    };
    let grouped = if lang == Lang::Es && whole.len() <= 4 {
        whole
    } else {
        let digits: Vec<char> = whole.chars().collect();
        let mut out = String::new();
        for (index, digit) in digits.iter().enumerate() {
            if index > 0 && (digits.len() - index).is_multiple_of(3) {
                out.push_str(group);
            }
            out.push(*digit);
        }
        out
    };
    let sign = if value < 0.0 && (grouped != "0" || !fraction.is_empty()) {
        "-"
    } else {
        ""
    };
    if fraction.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}{point}{fraction}")
    }
}

/// A calendar date given as `YYYY-MM-DD`, written the way `lang` writes dates ("31 Mar 2026",
/// "31 mar 2026"). Anything else is returned unchanged.
pub fn format_date(lang: Lang, iso_date: &str) -> String {
    let mut parts = iso_date.splitn(3, '-');
    let (Some(year), Some(month), Some(day)) = (parts.next(), parts.next(), parts.next()) else {
        return iso_date.to_owned();
    };
    let (Ok(month), Ok(day)) = (month.parse::<u8>(), day.parse::<u8>()) else {
        return iso_date.to_owned();
    };
    if !(1..=12).contains(&month) {
        return iso_date.to_owned();
    }
    let month_name = t(lang, MONTH_KEYS[usize::from(month) - 1]);
    t_args(
        lang,
        "date-format",
        &[
            ("day", day.into()),
            ("month", month_name.into()),
            ("year", FluentValue::String(year.to_owned().into())),
        ],
    )
}

/// A month, as a chart's axis labels it: "Mar 2026", "mar 2026".
pub fn format_month(lang: Lang, year: i32, month: u32) -> String {
    let Some(key) = usize::try_from(month)
        .ok()
        .and_then(|m| m.checked_sub(1))
        .and_then(|index| MONTH_KEYS.get(index))
    else {
        return year.to_string();
    };
    t_args(
        lang,
        "month-format",
        &[
            ("month", t(lang, key).into()),
            ("year", FluentValue::String(year.to_string().into())),
        ],
    )
}

const MONTH_KEYS: [&str; 12] = [
    "month-1", "month-2", "month-3", "month-4", "month-5", "month-6", "month-7", "month-8",
    "month-9", "month-10", "month-11", "month-12",
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;
    use std::path::Path;

    fn message_ids(source: &str) -> BTreeSet<String> {
        let resource = FluentResource::try_new(source.to_owned()).expect("catalogue parses");
        resource
            .entries()
            .filter_map(|entry| match entry {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn both_catalogues_have_the_same_messages() {
        let english = message_ids(ENGLISH);
        let spanish = message_ids(SPANISH);
        let only_english: Vec<_> = english.difference(&spanish).collect();
        let only_spanish: Vec<_> = spanish.difference(&english).collect();
        assert!(
            only_english.is_empty() && only_spanish.is_empty(),
            "missing in es.ftl: {only_english:?}; missing in en.ftl: {only_spanish:?}"
        );
    }

    /// Every `t(…, "key")` and `t_args(…, "key", …)` in the sources names a message of both catalogues.
    #[test]
    fn every_key_used_in_the_code_is_in_the_catalogue() {
        let english = message_ids(ENGLISH);
        let spanish = message_ids(SPANISH);
        let mut missing = Vec::new();
        for (file, key) in keys_used_in(Path::new(env!("CARGO_MANIFEST_DIR")).join("src").as_path())
        {
            if !english.contains(&key) || !spanish.contains(&key) {
                missing.push(format!("{file}: {key}"));
            }
        }
        assert!(
            missing.is_empty(),
            "keys not in both catalogues: {missing:#?}"
        );
    }

    fn keys_used_in(dir: &Path) -> Vec<(String, String)> {
        let mut found = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                found.extend(keys_used_in(&path));
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                for key in literal_keys(&text) {
                    found.push((path.display().to_string(), key));
                }
            }
        }
        found
    }

    /// The string literals that open the key argument of `t(` and `t_args(` calls, and the literals
    /// returned by `*_key()` functions (`=> "status-completed"`).
    fn literal_keys(text: &str) -> Vec<String> {
        let mut keys = Vec::new();
        for marker in [
            "t(lang, \"",
            "t_args(lang, \"",
            "t(self.lang, \"",
            "=> \"",
            "\"problem-",
        ] {
            let mut rest = text;
            while let Some(at) = rest.find(marker) {
                let after = &rest[at + marker.len()..];
                let end = after.find('"').unwrap_or(after.len());
                let literal = &after[..end];
                // The problem marker is part of the key it finds.
                let literal = if marker == "\"problem-" {
                    &rest[at + 1..at + marker.len() + end]
                } else {
                    literal
                };
                let is_key = !literal.is_empty()
                    && literal.contains('-')
                    && !literal.ends_with('-')
                    && literal
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
                if is_key && (marker != "=> \"" || literal_is_catalogue_key(literal)) {
                    keys.push(literal.to_owned());
                }
                rest = after;
            }
        }
        keys
    }

    /// Match arms return other kebab-case strings too (CSS classes); only prefixes of catalogue
    /// families count there.
    fn literal_is_catalogue_key(literal: &str) -> bool {
        [
            "status-",
            "membership-",
            "plan-state-",
            "kind-",
            "direction-",
            "assessable-",
            "error-",
            "role-",
            "problem-",
            "submission-",
            "reminder-outcome-",
            "scale-level-",
            "trend-",
            "schedule-",
        ]
        .iter()
        .any(|prefix| literal.starts_with(prefix))
    }

    #[test]
    fn the_key_scanner_finds_keys() {
        let keys = literal_keys(
            r#"t(lang, "nav-plan"); t_args(lang, "action-count", &[]); Self::A => "status-completed","#,
        );
        assert_eq!(keys, ["nav-plan", "action-count", "status-completed"]);
    }

    #[test]
    fn plurals_follow_each_language() {
        assert_eq!(
            t_args(Lang::En, "action-count", &[("count", 1.into())]),
            "1 action"
        );
        assert_eq!(
            t_args(Lang::En, "action-count", &[("count", 3.into())]),
            "3 actions"
        );
        assert_eq!(
            t_args(Lang::Es, "action-count", &[("count", 1.into())]),
            "1 acción"
        );
        assert_eq!(
            t_args(Lang::Es, "action-count", &[("count", 3.into())]),
            "3 acciones"
        );
    }

    #[test]
    fn a_missing_key_shows_the_key() {
        assert_eq!(t(Lang::Es, "no-such-key"), "no-such-key");
    }

    #[test]
    fn numbers_are_written_in_the_language() {
        assert_eq!(format_number(Lang::En, 12345.5, 1), "12,345.5");
        assert_eq!(format_number(Lang::Es, 12345.5, 1), "12\u{a0}345,5");
        assert_eq!(format_number(Lang::Es, 1234.0, 2), "1234");
        assert_eq!(format_number(Lang::En, 37.5, 2), "37.5");
        assert_eq!(format_number(Lang::En, 0.004, 2), "0");
        assert_eq!(format_number(Lang::En, -3.26, 1), "-3.3");
    }

    #[test]
    fn months_are_written_in_the_language() {
        assert_eq!(format_month(Lang::En, 2026, 3), "Mar 2026");
        assert_eq!(format_month(Lang::Es, 2026, 12), "dic 2026");
        assert_eq!(format_month(Lang::En, 2026, 13), "2026");
    }

    #[test]
    fn dates_are_written_in_the_language() {
        assert_eq!(format_date(Lang::En, "2026-03-31"), "31 Mar 2026");
        assert_eq!(format_date(Lang::Es, "2026-09-05"), "5 sept 2026");
        assert_eq!(format_date(Lang::En, "not a date"), "not a date");
    }

    #[test]
    fn language_negotiation() {
        assert_eq!(negotiate(Some("es"), Some("en"), None), Lang::Es);
        assert_eq!(
            negotiate(Some("fr"), Some("es"), None),
            Lang::En,
            "unknown ?lang= is English"
        );
        assert_eq!(
            negotiate(None, Some("es"), Some("en")),
            Lang::Es,
            "cookie before header"
        );
        assert_eq!(
            negotiate(None, Some("xx"), Some("es-MX,en;q=0.5")),
            Lang::Es
        );
        assert_eq!(
            negotiate(None, None, Some("fr-FR, en;q=0.4, es;q=0.8")),
            Lang::Es
        );
        assert_eq!(negotiate(None, None, Some("fr, de")), Lang::En);
        assert_eq!(negotiate(None, None, Some("es;q=0")), Lang::En);
        assert_eq!(negotiate(None, None, None), Lang::En);
    }

    #[test]
    fn request_language_reads_query_cookie_and_header() {
        let mut headers = http::HeaderMap::new();
        headers.insert(http::header::COOKIE, "theme=x; lang=es".parse().unwrap());
        let uri: http::Uri = "/plan".parse().unwrap();
        assert_eq!(request_language(&uri, &headers), Lang::Es);
        let uri: http::Uri = "/plan?x=1&lang=en".parse().unwrap();
        assert_eq!(request_language(&uri, &headers), Lang::En);
    }
}
