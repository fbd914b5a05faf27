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
/// already looked up or checked (`domain::country_code`, `indicators::rules::indicator_code`), so this
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

/// Where attached files are uploaded (a multipart post), and below which each is downloaded.
pub const UPLOAD_PATH: &str = "/attachments";

/// Where attached files were downloaded before they were called attachments; kept so that links
/// already sent on still lead to the file.
pub const FORMER_UPLOAD_PATH: &str = "/evidence";

/// Below which the annual reports kept are downloaded.
pub const KEPT_REPORTS_PATH: &str = "/reports/files";

/// Where the secretariat's form posts to generate and keep the annual report.
pub const GENERATE_PATH: &str = "/reports/generate";
/// The cookie the answer to `GENERATE_PATH` sets, by which the reports page knows the file came.
pub const REPORT_READY_COOKIE: &str = "enlace-report-ready";

/// Where the sign-out form posts (the `sign_out` server function's address).
pub const SIGN_OUT_PATH: &str = "/api/sign-out";

/// The sign-in page, where anyone not signed in is sent.
pub const SIGN_IN_PATH: &str = "/sign-in";

/// One's own account: password and language.
pub const ACCOUNT_PATH: &str = "/account";

/// The stream of change events open dashboards listen to.
pub const EVENTS_PATH: &str = "/events";

/// A country's page.
pub fn country_path(iso2: &str) -> String {
    format!("/countries/{}", iso2.to_ascii_lowercase())
}

/// The country (its ISO code, as written) that a page's address is about: a country's page and the
/// pages under it (`/countries/cr/actions/1.1.2`).
pub fn country_of_path(path: &str) -> Option<&str> {
    let rest = path.strip_prefix("/countries/")?;
    let iso2 = rest.split('/').next()?;
    (!iso2.is_empty()).then_some(iso2)
}

/// A country's page, saying what was just done there: `done` is a word the page knows (the country
/// `added`; a contact of its directory `contact-added`, `contact-saved` or `contact-removed`).
pub fn country_path_after(iso2: &str, done: &str) -> String {
    format!("{}?done={}", country_path(iso2), encode_query_value(done))
}

/// A link that writes to `email` (an address the rules accepted): the characters that would end
/// the address in a `mailto:` link are percent-encoded.
pub fn email_link(email: &str) -> String {
    let address: String = email
        .chars()
        .map(|c| match c {
            '%' => "%25".to_owned(),
            '?' => "%3F".to_owned(),
            '#' => "%23".to_owned(),
            other => other.to_string(),
        })
        .collect();
    format!("mailto:{address}")
}

/// A link that dials `phone` (as the directory keeps it: digits with spaces, `+ - ( ) .` and an
/// extension after `ext`): the leading `+`, the digits, and the extension after `;ext=` (RFC 3966).
pub fn phone_link(phone: &str) -> String {
    let digits = |text: &str| -> String { text.chars().filter(char::is_ascii_digit).collect() };
    let lowered = phone.to_ascii_lowercase();
    let (number, extension) = match lowered.split_once("ext") {
        Some((number, extension)) => (number, digits(extension)),
        None => (lowered.as_str(), String::new()),
    };
    let plus = if number.trim_start().starts_with('+') {
        "+"
    } else {
        ""
    };
    let mut link = format!("tel:{plus}{}", digits(number));
    if !extension.is_empty() {
        link.push_str(";ext=");
        link.push_str(&extension);
    }
    link
}

/// Below which tables download as files (`/exports/matrix.xlsx?theme=2`).
pub const EXPORTS_PATH: &str = "/exports";

/// The table `table` as a file in `format`, with the filters `query` of its page (`theme=2&…`, or
/// empty).
pub fn export_path(table: &str, format: crate::exports::types::Format, query: &str) -> String {
    let file = format!("{EXPORTS_PATH}/{table}.{}", format.extension());
    if query.is_empty() {
        file
    } else {
        format!("{file}?{query}")
    }
}

/// Below which templates download (`/templates/values/cr/2025.xlsx`).
pub const TEMPLATES_PATH: &str = "/templates";

/// The template of the country `iso2`'s indicator values for the round of `year`.
pub fn values_template_path(iso2: &str, year: i32) -> String {
    format!(
        "{TEMPLATES_PATH}/values/{}/{year}.xlsx",
        iso2.to_ascii_lowercase()
    )
}

/// The template of the statuses and milestones of the country `iso2`, or of every country.
pub fn statuses_template_path(iso2: Option<&str>) -> String {
    let who = iso2.map_or_else(|| "all".to_owned(), str::to_ascii_lowercase);
    format!("{TEMPLATES_PATH}/statuses/{who}.xlsx")
}

/// Where the secretariat imports the statuses of every country.
pub const IMPORTS_PATH: &str = "/imports";

/// The preview of an import.
pub fn import_path(id: i32) -> String {
    format!("{IMPORTS_PATH}/{id}")
}

/// The plan's revision history.
pub const PLAN_REVISIONS_PATH: &str = "/plan/revisions";

/// The current plan as its file, to download.
pub const PLAN_FILE_PATH: &str = "/plan/file";

/// One revision of the plan; `part` names a part of a draft to go back to (`theme-1`).
pub fn plan_revision_path(number: i32, part: Option<&str>) -> String {
    match part {
        Some(part) => format!(
            "{PLAN_REVISIONS_PATH}/{number}#{}",
            encode_query_value(part)
        ),
        None => format!("{PLAN_REVISIONS_PATH}/{number}"),
    }
}

/// A theme's page.
pub fn theme_path(code: &str) -> String {
    format!("/themes/{}", encode_query_value(code))
}

/// An action's page.
pub fn action_path(code: &str) -> String {
    format!("/actions/{}", encode_query_value(code))
}

/// The outlook with the early warnings of the country `iso2`.
pub fn outlook_path(iso2: &str) -> String {
    format!("{OUTLOOK_PATH}?country={}", iso2.to_ascii_lowercase())
}

/// The outlook's page.
pub const OUTLOOK_PATH: &str = "/outlook";

/// How the outlook is made, and how well it would have foreseen the past.
pub const OUTLOOK_METHOD_PATH: &str = "/outlook/method";

/// A country's page of one action: its update (status, narratives, milestones) and history.
pub fn country_action_path(iso2: &str, code: &str) -> String {
    format!(
        "/countries/{}/actions/{}",
        iso2.to_ascii_lowercase(),
        encode_query_value(code)
    )
}

/// A country's indicator page, for a round's year or the current one.
pub fn country_indicators_path(iso2: &str, year: Option<i32>) -> String {
    let base = format!("/countries/{}/indicators", iso2.to_ascii_lowercase());
    match year {
        Some(year) => format!("{base}?year={year}"),
        None => base,
    }
}

/// An indicator's page.
pub fn indicator_path(code: &str) -> String {
    format!("/indicators/{}", encode_query_value(code))
}

/// A Protocol article's section of the Protocol page.
pub fn protocol_article_path(article: i32) -> String {
    format!("/protocol#article-{article}")
}

/// The comparative matrix of legislation.
pub const LEGISLATION_PATH: &str = "/legislation";

/// A provision's page of the legislation matrix: every country's entry side by side.
pub fn legislation_provision_path(code: &str) -> String {
    format!("{LEGISLATION_PATH}/provisions/{}", encode_query_value(code))
}

/// A country's legislation: its entry on each provision.
pub fn country_legislation_path(iso2: &str) -> String {
    format!("/countries/{}/legislation", iso2.to_ascii_lowercase())
}

/// A country's entry on a provision, with its form and history.
pub fn legislation_entry_path(iso2: &str, code: &str) -> String {
    format!(
        "{}/{}",
        country_legislation_path(iso2),
        encode_query_value(code)
    )
}

/// A round's tracker.
pub fn round_path(year: i32) -> String {
    format!("/rounds/{year}")
}

/// The rounds page, saying that the round of `year` was deleted.
pub fn rounds_path_after_deletion(year: i32) -> String {
    format!("/rounds?deleted={year}")
}

/// Where an attached file is downloaded.
pub fn attachment_path(id: i32) -> String {
    format!("{UPLOAD_PATH}/{id}")
}

/// Where a kept annual report is downloaded.
pub fn kept_report_path(id: i32) -> String {
    format!("{KEPT_REPORTS_PATH}/{id}")
}

/// A page of the matrix; `query` (its filters and page) is already encoded.
pub fn matrix_path(query: &str) -> String {
    format!("/matrix?{query}")
}

/// A page of the outlook's early warnings; `query` (its filters and page) is already encoded.
pub fn outlook_page_path(query: &str) -> String {
    format!("{OUTLOOK_PATH}?{query}")
}

/// A page of the audit trail; `query` is already encoded.
pub fn audit_path(query: &str) -> String {
    format!("/audit?{query}")
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
        assert_eq!(action_path("1.1.2"), "/actions/1.1.2");
        assert_eq!(
            country_action_path("CR", "1.1.2"),
            "/countries/cr/actions/1.1.2"
        );
        assert_eq!(
            country_indicators_path("CR", Some(2026)),
            "/countries/cr/indicators?year=2026"
        );
        assert_eq!(
            country_indicators_path("cr", None),
            "/countries/cr/indicators"
        );
        assert_eq!(indicator_path("ART10-01"), "/indicators/ART10-01");
        assert_eq!(protocol_article_path(6), "/protocol#article-6");
        assert_eq!(round_path(2026), "/rounds/2026");
        assert_eq!(attachment_path(7), "/attachments/7");
        assert_eq!(kept_report_path(3), "/reports/files/3");
        assert_eq!(
            country_path_after("BR", "added"),
            "/countries/br?done=added"
        );
    }

    #[test]
    fn the_country_a_page_is_about() {
        assert_eq!(country_of_path("/countries/cr"), Some("cr"));
        assert_eq!(country_of_path("/countries/MX/actions/1.1.2"), Some("MX"));
        assert_eq!(country_of_path("/countries"), None);
        assert_eq!(country_of_path("/countries/"), None);
        assert_eq!(country_of_path("/matrix"), None);
        assert_eq!(country_of_path("/outlook"), None);
    }

    #[test]
    fn links_to_write_to_and_call_a_contact() {
        assert_eq!(
            email_link("ana.mora@migracion.go.cr"),
            "mailto:ana.mora@migracion.go.cr"
        );
        assert_eq!(email_link("a?b#c%d@x.org"), "mailto:a%3Fb%23c%25d@x.org");
        assert_eq!(phone_link("+506 2299-8100"), "tel:+50622998100");
        assert_eq!(
            phone_link("(502) 2411.2411 Ext. 12"),
            "tel:50224112411;ext=12"
        );
    }
}
