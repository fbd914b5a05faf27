//! Hostile input, sent as an attacker would. Each payload of the corpus is saved into every free
//! text Enlace stores (narratives, milestone notes, evidence links, status comments, reviewers'
//! comments, file names, indicator names and provisions, value sources and notes, return reasons,
//! user names), then every page that shows them is loaded as each role, parsed as a browser parses
//! it, and must hold the payload as text only: no element, attribute, script, redirect or link of
//! the attacker's. The annual report's files are read back the same way. Payloads a field's rules
//! refuse (hidden characters, a megabyte of text) must be refused with a 4xx and change nothing.

use std::collections::BTreeSet;

use axum::http::{header, StatusCode};
use axum::Router;
use chrono::Utc;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::Value;

use app::accounts::types::NewUser;
use app::audit::service::Actor;
use app::db::entities::{attachment, indicator, indicator_target, protocol_article};
use app::domain::Role;
use app::i18n::Lang;
use tests::{form_body, get, post, post_form, Reply, TestDatabase, MULTIPART, PASSWORD};

const SECRETARIAT: &str = "secretariat@demo.enlace";
const REVIEWER: &str = "reviewer@demo.enlace";
const FOCAL_MX: &str = "focal.mx@demo.enlace";
/// The Costa Rican focal point the test creates, whose name is itself a payload.
const FOCAL_CR: &str = "hostile.focal@enlace.test";
/// What every payload carries, so that a trace of it can be looked for on a page.
const MARK: &str = "pwn";

#[tokio::test]
async fn a_payload_closing_a_textarea_stays_text() {
    stays_text(r#"x</textarea><b id="pwn-textarea">injected</b>"#).await;
}

#[tokio::test]
async fn a_payload_closing_the_title_stays_text() {
    stays_text(r#"</title><meta http-equiv="refresh" content="0;url=https://evil.example/" id="pwn-title">"#)
        .await;
}

#[tokio::test]
async fn a_script_stays_text() {
    stays_text(r#"<script id="pwn-script">document.body.innerHTML = "pwned"</script>"#).await;
}

#[tokio::test]
async fn an_attribute_breakout_stays_text() {
    stays_text(r#""><img src=x onerror="alert('pwn')" id="pwn-img"><a href='"#).await;
}

#[tokio::test]
async fn svg_markup_stays_text() {
    stays_text(r#"<svg onload="alert(1)" id="pwn-svg"><a href="javascript:alert(1)">x</a></svg>"#)
        .await;
}

#[tokio::test]
async fn a_javascript_address_stays_text() {
    stays_text("javascript:alert(document.cookie)//pwn-scheme").await;
}

#[tokio::test]
async fn template_syntax_stays_text() {
    stays_text("{{7*7}} ${7*7} <%= 7*7 %> #{pwn-template}").await;
}

#[tokio::test]
async fn a_formula_stays_text() {
    stays_text(r#"=HYPERLINK("https://evil.example","pwn-formula")"#).await;
}

#[tokio::test]
async fn a_plus_prefix_stays_text() {
    stays_text("+1-555-0100 call now pwn-plus").await;
}

#[tokio::test]
async fn a_minus_prefix_stays_text() {
    stays_text("-2+3+cmd|' /C calc'!A0 pwn-minus").await;
}

#[tokio::test]
async fn an_at_prefix_stays_text() {
    stays_text("@SUM(1+1)*cmd|' /C calc'!A0 pwn-at").await;
}

#[tokio::test]
async fn an_evidence_link_is_a_web_address_or_nothing() {
    let test = TestDatabase::new(true).await;
    let focal = test.router_as("focal.cr@demo.enlace").await;
    let update = json(&focal, "/api/country-action?iso2=cr&code=1.1").await;
    for address in [
        "javascript:alert(document.cookie)",
        " JAVASCRIPT:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "//evil.example/path",
        "https://",
    ] {
        let before = test.stored_digest().await;
        let body = form_body(&[
            ("update[action_id]", update["action_id"].to_string()),
            ("update[country]", "CR".to_owned()),
            ("update[version]", update["version"].to_string()),
            ("update[status]", "in_progress".to_owned()),
            ("update[evidence][0][title]", "Decree".to_owned()),
            ("update[evidence][0][url]", address.to_owned()),
        ]);
        let reply = post_form(&focal, "/api/actions/update", &body, &[]).await;
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{address:?}"
        );
        reply.assert_contains("problem-evidence-url");
        assert_eq!(test.stored_digest().await, before, "{address:?}");
    }
}

#[tokio::test]
async fn hidden_characters_and_a_megabyte_are_refused_and_change_nothing() {
    let test = TestDatabase::new(true).await;
    let setting = Setting::new(&test).await;
    let megabyte = format!("{MARK} {}", "a".repeat(1024 * 1024));
    for payload in [
        "report\u{202E}fdp.exe pwn-bidi",
        "pwn-bell \u{0007}",
        "pwn-nul \u{0000}",
        megabyte.as_str(),
    ] {
        for field in setting.fields(payload).await {
            let before = test.stored_digest().await;
            let reply = setting.save(&field).await;
            if field.cleaned && reply.status.is_success() {
                for file in attachment::Entity::find().all(&test.db).await.unwrap() {
                    assert!(
                        !app::text::has_hidden_characters_in_line(&file.file_name)
                            && file.file_name.chars().count() <= 200,
                        "{:?}",
                        &file.file_name[..file.file_name.len().min(60)]
                    );
                }
                continue;
            }
            assert!(
                reply.status.is_client_error(),
                "{} with {:?}: {} {}",
                field.name,
                &payload[..payload.len().min(40)],
                reply.status,
                &reply.body[..reply.body.len().min(300)]
            );
            assert_eq!(
                test.stored_digest().await,
                before,
                "{} stored something",
                field.name
            );
        }
    }
}

/// Saves `payload` into every free text and checks every page and report file that shows it.
async fn stays_text(payload: &str) {
    let test = TestDatabase::new(true).await;
    let setting = Setting::new(&test).await;
    let fields = setting.fields(payload).await;
    for field in &fields {
        let reply = setting.save(field).await;
        assert!(
            reply.status.is_success() || reply.status.is_redirection(),
            "{} refused {payload:?}: {} {}",
            field.name,
            reply.status,
            reply.body
        );
    }
    setting.return_submission(payload).await;

    let mut pages_checked = 0;
    let mut shown = BTreeSet::new();
    for role in [SECRETARIAT, REVIEWER, FOCAL_CR, FOCAL_MX] {
        let router = test.router_as(role).await;
        for path in setting.pages() {
            let reply = get(&router, &path, &[]).await;
            assert!(
                !reply.status.is_server_error(),
                "{role} {path}: {}",
                reply.status
            );
            let page = Page::parse(&reply.body);
            let policy = reply.headers[header::CONTENT_SECURITY_POLICY]
                .to_str()
                .unwrap();
            page.assert_no_markup_of_the_attacker(&format!("{role} {path}"), policy);
            if page.holds_as_text(payload) {
                shown.insert(path.clone());
            }
            pages_checked += 1;
        }
    }
    setting.assert_forms_give_back_what_was_saved(payload).await;
    assert!(
        shown.len() >= 6,
        "the payload should be on many pages, as text: {shown:?}"
    );
    let files = setting.assert_report_files_hold_text(payload).await;
    eprintln!(
        "{payload:?}: {} fields, {pages_checked} page loads (4 roles), {} pages show it, {files} report files",
        fields.len(),
        shown.len()
    );
}

/// A free text field: how it is saved, and by whom.
struct Field {
    name: &'static str,
    router: Router,
    path: &'static str,
    body: Body,
    /// What the field keeps is cleaned rather than refused (a file's name loses its hidden
    /// characters and keeps its last 200).
    cleaned: bool,
}

enum Body {
    Form(String),
    Multipart(Vec<u8>),
}

/// The demonstration database prepared for the payloads: the Costa Rican focal point with the
/// payload's name is created when the first payload's fields are asked for, and the action and
/// indicator that reach the dashboards and the annual report are chosen.
struct Setting<'a> {
    test: &'a TestDatabase,
    /// A delayed action of Costa Rica (its narrative is quoted in the annual report).
    action: String,
    /// An indicator with values and a target the secretariat set (it is charted and reported).
    indicator: indicator::Model,
    article: i32,
}

impl<'a> Setting<'a> {
    async fn new(test: &'a TestDatabase) -> Self {
        let reviewer = test.router_as(REVIEWER).await;
        let dashboard = json(&reviewer, "/api/country-dashboard?iso2=cr&lang=en").await;
        let action = dashboard["delayed"][0]["code"]
            .as_str()
            .expect("Costa Rica has a delayed action in the demonstration data")
            .to_owned();
        let confirmed = indicator_target::Entity::find()
            .filter(indicator_target::Column::ProposedByCountry.eq(false))
            .filter(indicator_target::Column::TargetValue.is_not_null())
            .all(&test.db)
            .await
            .unwrap();
        let mut charted = None;
        for target in confirmed {
            let found = indicator::Entity::find_by_id(target.indicator_id)
                .one(&test.db)
                .await
                .unwrap()
                .unwrap();
            if found.kind != "yes_no" {
                charted = Some(found);
                break;
            }
        }
        let indicator = charted.expect("an indicator with a target the secretariat set");
        let article = protocol_article::Entity::find_by_id(indicator.article_id)
            .one(&test.db)
            .await
            .unwrap()
            .unwrap()
            .number;
        Setting {
            test,
            action,
            indicator,
            article,
        }
    }

    /// The focal point of Costa Rica named `name`, created on first use.
    async fn focal_point(&self, name: &str) -> Router {
        if self.test.user(FOCAL_CR).await.is_none() {
            let name: String = name
                .chars()
                .take(app::accounts::rules::NAME_MAX_CHARS)
                .collect();
            let created = app::accounts::service::create_user(
                &self.test.db,
                Actor::System,
                NewUser {
                    email: FOCAL_CR.to_owned(),
                    name: name.clone(),
                    role: Role::FocalPoint,
                    country: Some("CR".to_owned()),
                    language: Lang::En,
                    password: PASSWORD.to_owned(),
                    must_change_password: false,
                },
                Utc::now(),
            )
            .await;
            // A name the rules refuse (hidden characters) leaves a plain one.
            if created.is_err() {
                self.test
                    .add_user(FOCAL_CR, Role::FocalPoint, Some("CR"), false)
                    .await;
            }
        }
        self.test.router_as(FOCAL_CR).await
    }

    /// Every free text, each set to `payload` (cut to the field's length where it has one; the
    /// payloads that test length are longer than every field).
    async fn fields(&self, payload: &str) -> Vec<Field> {
        let focal = self.focal_point(payload).await;
        let secretariat = self.test.router_as(SECRETARIAT).await;
        let reviewer = self.test.router_as(REVIEWER).await;
        let fit = |limit: usize| -> String {
            if payload.len() > 64 * 1024 {
                payload.to_owned()
            } else {
                payload.chars().take(limit).collect()
            }
        };
        let update = json(
            &focal,
            &format!("/api/country-action?iso2=cr&code={}", self.action),
        )
        .await;
        let action_id = update["action_id"].as_i64().unwrap().to_string();
        let version = update["version"].as_i64().unwrap().to_string();
        let status = update["status"]
            .as_str()
            .unwrap_or("in_progress")
            .to_owned();
        let milestone = update["milestones"][0]["id"].as_i64().unwrap().to_string();
        let update_body = form_body(&[
            ("update[action_id]", action_id.clone()),
            ("update[country]", "CR".to_owned()),
            ("update[version]", version),
            ("update[status]", status),
            ("update[narrative_en]", fit(10_000)),
            ("update[narrative_es]", fit(10_000)),
            ("update[milestones][0][milestone_id]", milestone),
            ("update[milestones][0][achieved_on]", String::new()),
            ("update[milestones][0][note]", fit(1_000)),
            ("update[evidence][0][title]", fit(300)),
            (
                "update[evidence][0][url]",
                r#"https://evil.example/"><svg/onload=alert(1)>pwn-url"#.to_owned(),
            ),
            ("update[comment]", fit(2_000)),
        ]);
        let comment_body = form_body(&[
            ("action_id", action_id.clone()),
            ("country", "CR".to_owned()),
            ("body", fit(2_000)),
        ]);
        let file_name: String = fit(200).replace(['"', '\r', '\n'], "");
        let upload = tests::multipart_body(
            &[("action_id", &action_id), ("country", "CR")],
            Some((&format!("{file_name}.pdf"), b"%PDF-1.4\n%hostile\n")),
        );
        let indicator_body = form_body(&[
            ("code", self.indicator.code.clone()),
            ("form[article]", self.article.to_string()),
            ("form[provision]", fit(40)),
            ("form[name_en]", fit(500)),
            ("form[name_es]", fit(500)),
            ("form[kind]", self.indicator.kind.clone()),
            ("form[direction]", self.indicator.direction.clone()),
            ("form[basis]", self.indicator.basis.clone()),
        ]);
        let version = app::rounds::service::submission_context(&self.test.db, "CR", 2026)
            .await
            .unwrap()
            .submission
            .version;
        let values_body = form_body(&[
            ("input[country]", "CR".to_owned()),
            ("input[year]", "2026".to_owned()),
            ("input[version]", version.to_string()),
            ("input[values][0][indicator]", self.indicator.code.clone()),
            (value_field(&self.indicator.kind), "3".to_owned()),
            ("input[values][0][denominator]", "10".to_owned()),
            ("input[values][0][source]", fit(500)),
            ("input[values][0][note]", fit(2_000)),
        ]);
        vec![
            Field {
                name: "update: narratives, milestone note, evidence, status comment",
                router: focal.clone(),
                path: "/api/actions/update",
                body: Body::Form(update_body),
                cleaned: false,
            },
            Field {
                name: "reviewer's comment",
                router: reviewer,
                path: "/api/actions/comment",
                body: Body::Form(comment_body),
                cleaned: false,
            },
            Field {
                name: "attached file's name",
                router: focal.clone(),
                path: "/attachments",
                body: Body::Multipart(upload),
                cleaned: true,
            },
            Field {
                name: "indicator's names and provision",
                router: secretariat,
                path: "/api/indicators/update",
                body: Body::Form(indicator_body),
                cleaned: false,
            },
            Field {
                name: "value's source and note",
                router: focal,
                path: "/api/indicators/values",
                body: Body::Form(values_body),
                cleaned: false,
            },
        ]
    }

    async fn save(&self, field: &Field) -> Reply {
        match &field.body {
            Body::Form(body) => post_form(&field.router, field.path, body, &[]).await,
            Body::Multipart(body) => {
                post(&field.router, field.path, MULTIPART, body.clone(), &[]).await
            }
        }
    }

    /// The country submits its values and the secretariat returns them with `payload` as the
    /// reason, which every reader then sees on the country's indicator page.
    async fn return_submission(&self, payload: &str) {
        let secretariat = self.test.router_as(SECRETARIAT).await;
        let focal = self.test.router_as(FOCAL_CR).await;
        let version = || async {
            app::rounds::service::submission_context(&self.test.db, "CR", 2026)
                .await
                .unwrap()
                .submission
                .version
                .to_string()
        };
        for (router, step, reason) in [(&focal, "submit", ""), (&secretariat, "return", payload)] {
            let body = form_body(&[
                ("country", "CR"),
                ("year", "2026"),
                ("step", step),
                ("version", &version().await),
                ("reason", &reason.chars().take(2_000).collect::<String>()),
            ]);
            let reply = post_form(router, "/api/rounds/step", &body, &[]).await;
            assert!(
                reply.status.is_success(),
                "{step}: {} {}",
                reply.status,
                reply.body
            );
        }
    }

    /// Every page that shows one of the texts, and the pages around them.
    fn pages(&self) -> Vec<String> {
        let indicator = &self.indicator.code;
        let action = &self.action;
        vec![
            format!("/countries/cr/actions/{action}"),
            format!("/countries/cr/actions/{action}?lang=es"),
            format!("/actions/{action}"),
            "/countries/cr".to_owned(),
            "/countries/cr/indicators?year=2026".to_owned(),
            "/countries/cr/indicators?year=2025".to_owned(),
            format!("/indicators/{indicator}"),
            format!("/indicators/{indicator}?lang=es"),
            "/protocol".to_owned(),
            "/scorecard".to_owned(),
            "/".to_owned(),
            "/themes/1".to_owned(),
            "/matrix".to_owned(),
            "/rounds/2026".to_owned(),
            "/reports?year=2026".to_owned(),
            "/audit".to_owned(),
            "/users".to_owned(),
            "/outbox".to_owned(),
            "/account".to_owned(),
        ]
    }

    /// The edit forms give back exactly what was saved: a textarea's text, an input's value.
    async fn assert_forms_give_back_what_was_saved(&self, payload: &str) {
        let focal = self.test.router_as(FOCAL_CR).await;
        let page = get(
            &focal,
            &format!("/countries/cr/actions/{}", self.action),
            &[],
        )
        .await;
        let page = Page::parse(&page.body);
        assert_eq!(page.text_of("#update-narrative-en"), payload);
        assert_eq!(page.text_of("#update-narrative-es"), payload);
        let secretariat = self.test.router_as(SECRETARIAT).await;
        let page = get(
            &secretariat,
            &format!("/indicators/{}", self.indicator.code),
            &[],
        )
        .await;
        let page = Page::parse(&page.body);
        let name: String = payload.chars().take(500).collect();
        assert_eq!(page.text_of("#indicator-name-en"), name);
        assert!(
            page.title().contains(&name),
            "the title holds the name as text: {:?}",
            page.title()
        );
    }

    /// The annual report's PDF, Word and Excel files hold the payload as text: read back by
    /// pdftotext, as Word's XML, and as Excel's typed cells (a string, never a formula).
    async fn assert_report_files_hold_text(&self, payload: &str) -> usize {
        let secretariat = self.test.router_as(SECRETARIAT).await;
        let name: String = payload.chars().take(500).collect();
        let mut files = 0;
        for format in ["pdf", "docx", "xlsx"] {
            let generated = post_form(
                &secretariat,
                "/reports/generate",
                &format!("year=2026&language=en&format={format}"),
                &[("accept", "text/html")],
            )
            .await;
            assert_eq!(generated.status, StatusCode::SEE_OTHER, "{format}");
            let path = generated.location().unwrap();
            let id: i32 = path.rsplit('/').next().unwrap().parse().unwrap();
            let file = app::db::entities::generated_report::Entity::find_by_id(id)
                .one(&self.test.db)
                .await
                .unwrap()
                .unwrap();
            match format {
                "pdf" => {
                    let text = tests::pdf_text(&file.content);
                    assert!(text.contains(MARK), "the PDF holds the name as text");
                }
                "docx" => {
                    let xml = tests::zip_entry(&file.content, "word/document.xml");
                    let document =
                        roxmltree::Document::parse(&xml).expect("the Word document is well-formed");
                    let text: String = document
                        .descendants()
                        .filter(|node| node.has_tag_name("t"))
                        .filter_map(|node| node.text())
                        .collect();
                    assert!(
                        text.contains(&name),
                        "the Word document holds the name as text"
                    );
                    assert!(
                        document
                            .descendants()
                            .all(|node| node.attributes().all(|a| !a.value().starts_with(MARK))),
                        "no element of the payload's"
                    );
                }
                _ => {
                    let cells = tests::xlsx_strings(&file.content);
                    assert!(
                        cells.iter().any(|cell| cell.contains(&name)),
                        "an Excel cell holds the name as a string"
                    );
                    for sheet in tests::zip_names(&file.content)
                        .into_iter()
                        .filter(|entry| entry.starts_with("xl/worksheets/"))
                    {
                        let xml = tests::zip_entry(&file.content, &sheet);
                        let document = roxmltree::Document::parse(&xml).unwrap();
                        assert!(
                            !document.descendants().any(|node| node.has_tag_name("f")),
                            "{sheet} has no formula"
                        );
                    }
                }
            }
            files += 1;
        }
        files
    }
}

/// The form field that carries a value of `kind`.
fn value_field(kind: &str) -> &'static str {
    if kind == "percentage" {
        "input[values][0][numerator]"
    } else {
        "input[values][0][value]"
    }
}

/// A server function's JSON answer.
async fn json(router: &Router, path: &str) -> Value {
    let reply = get(router, path, &[]).await;
    assert_eq!(reply.status, StatusCode::OK, "{path}: {}", reply.body);
    serde_json::from_str(&reply.body).expect("JSON")
}

/// A page as a browser's parser reads it.
struct Page(scraper::Html);

impl Page {
    fn parse(html: &str) -> Self {
        Page(scraper::Html::parse_document(html))
    }

    fn select(&self, selector: &str) -> Vec<scraper::ElementRef<'_>> {
        let selector = scraper::Selector::parse(selector).expect("a valid selector");
        self.0.select(&selector).collect()
    }

    fn text_of(&self, selector: &str) -> String {
        self.select(selector)
            .first()
            .unwrap_or_else(|| panic!("no {selector}"))
            .text()
            .collect()
    }

    fn title(&self) -> String {
        self.text_of("title")
    }

    /// Nothing on the page is the attacker's: no element or attribute of a payload (they all carry
    /// an id or a value starting with `pwn`), no event handler attribute, no `javascript:` link, no
    /// refresh, frame or base, and no script but the page's own (which its Content-Security-Policy
    /// `policy` allows, by their nonce or their hash).
    fn assert_no_markup_of_the_attacker(&self, context: &str, policy: &str) {
        for element in self.select("*") {
            let value = element.value();
            let name = value.name();
            assert!(
                !matches!(name, "iframe" | "object" | "embed" | "base" | "frame"),
                "{context}: a <{name}> element"
            );
            assert!(
                !(name == "meta" && value.attr("http-equiv").is_some()),
                "{context}: a <meta http-equiv>"
            );
            if name == "script" {
                let text: String = element.text().collect();
                assert!(
                    value.attr("src").is_some()
                        || tests::policy_allows_inline(
                            policy,
                            "script-src",
                            value.attr("nonce"),
                            &text
                        ),
                    "{context}: a script the page's policy does not allow: {}",
                    element.html()
                );
            }
            for (attribute, text) in value.attrs() {
                assert!(
                    !attribute.to_ascii_lowercase().starts_with("on"),
                    "{context}: an event handler {attribute}={text:?} on <{name}>"
                );
                let lowered = text.trim().to_ascii_lowercase();
                if matches!(
                    attribute,
                    "href" | "src" | "action" | "formaction" | "xlink:href"
                ) {
                    assert!(
                        !lowered.starts_with("javascript:"),
                        "{context}: a javascript: address in <{name} {attribute}>"
                    );
                }
                if matches!(attribute, "id" | "name" | "class") {
                    assert!(
                        !lowered.starts_with(MARK),
                        "{context}: <{name} {attribute}={text:?}> is the payload's"
                    );
                }
            }
        }
    }

    /// Whether the payload is somewhere on the page as text or inside an attribute's value.
    fn holds_as_text(&self, payload: &str) -> bool {
        let sample: String = payload.chars().take(40).collect();
        self.select("*").into_iter().any(|element| {
            element.text().any(|text| text.contains(&sample))
                || element
                    .value()
                    .attrs()
                    .any(|(_, value)| value.contains(&sample))
        })
    }
}

/// A write, with a request that succeeds and the kind of each of its fields.
struct Write {
    path: &'static str,
    caller: Option<&'static str>,
    fields: Vec<(&'static str, Kind, String)>,
    /// Whether the request as given succeeds (sign-in is tried with a wrong password).
    succeeds: bool,
}

/// What a field holds, which decides how it is malformed.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    /// A whole number the framework reads (an id, a version, a year).
    Integer,
    Boolean,
    /// A text that must be given; `false` for one that may be empty.
    Text(bool),
    /// A text of a few known values (a status, a role, a language, a step).
    Choice,
    /// A country's or an indicator's code.
    Code,
    Date,
    /// A number typed as text (a value, a baseline).
    Number,
    /// A list of reminder days.
    Days,
}

impl Kind {
    fn malformed(self) -> Vec<String> {
        let hidden = "a\u{0000}b\u{0007}c\u{001B}d\u{202E}e".to_owned();
        let megabyte = "m".repeat(1024 * 1024);
        let mut values = match self {
            Kind::Integer => vec![
                "abc".to_owned(),
                "9223372036854775808".to_owned(),
                "1e400".to_owned(),
                "0x10".to_owned(),
                "".to_owned(),
                "１２".to_owned(),
            ],
            Kind::Boolean => vec!["yes".to_owned(), "".to_owned(), "2".to_owned()],
            Kind::Text(_) => vec![hidden, megabyte],
            Kind::Choice => vec!["".to_owned(), "<b>delayed</b>".to_owned(), hidden, megabyte],
            Kind::Code => vec![
                "".to_owned(),
                "C\u{0000}R".to_owned(),
                "X".to_owned(),
                "../../etc".to_owned(),
                "CR\u{202E}".to_owned(),
                megabyte,
            ],
            Kind::Date => vec![
                "-0001-01-01".to_owned(),
                "+262142-12-31".to_owned(),
                "2026-02-30".to_owned(),
                "yesterday".to_owned(),
            ],
            Kind::Number => vec![
                "1e400".to_owned(),
                format!("1{}", "0".repeat(400)),
                "-5".to_owned(),
                "NaN".to_owned(),
                "inf".to_owned(),
                "1,2,3".to_owned(),
                megabyte,
            ],
            Kind::Days => vec![
                "-1".to_owned(),
                "99999999999".to_owned(),
                "1,2,3,4,5,6".to_owned(),
            ],
        };
        if self == Kind::Text(true) {
            values.push("   ".to_owned());
        }
        values
    }
}

/// Every state-changing request Enlace takes, with a request that works.
async fn writes(test: &TestDatabase) -> Vec<Write> {
    use Kind::*;
    let target = test
        .add_user("target@enlace.test", Role::Reviewer, None, false)
        .await
        .id
        .to_string();
    let reviewer_json = json(
        &test.router_as(REVIEWER).await,
        "/api/country-action?iso2=cr&code=1.1",
    )
    .await;
    let action_id = reviewer_json["action_id"].as_i64().unwrap().to_string();
    let version = reviewer_json["version"].as_i64().unwrap().to_string();
    let milestone = reviewer_json["milestones"][0]["id"]
        .as_i64()
        .unwrap()
        .to_string();
    let status = reviewer_json["status"]
        .as_str()
        .unwrap_or("in_progress")
        .to_owned();
    let cr_2025 = app::rounds::service::submission_context(&test.db, "CR", 2025)
        .await
        .unwrap()
        .submission
        .version
        .to_string();
    let cr_2026 = app::rounds::service::submission_context(&test.db, "CR", 2026)
        .await
        .unwrap()
        .submission
        .version
        .to_string();
    let text = |value: &str| value.to_owned();
    let write = |path, caller, fields: Vec<(&'static str, Kind, String)>| Write {
        path,
        caller,
        fields,
        succeeds: true,
    };
    vec![
        Write {
            succeeds: false,
            ..write(
                "/api/sign-in",
                None,
                vec![
                    ("email", Text(true), text(SECRETARIAT)),
                    ("password", Text(true), text("not the password")),
                ],
            )
        },
        write(
            "/api/account/password",
            Some(FOCAL_MX),
            vec![
                ("current_password", Text(true), text(tests::DEMO_PASSWORD)),
                ("new_password", Text(true), text("a quiet harbour at dawn")),
                (
                    "confirm_password",
                    Text(true),
                    text("a quiet harbour at dawn"),
                ),
            ],
        ),
        write(
            "/api/account/language",
            Some(REVIEWER),
            vec![("language", Choice, text("es"))],
        ),
        write(
            "/api/account/digest",
            Some(FOCAL_MX),
            vec![("monthly_digest", Choice, text("on"))],
        ),
        write(
            "/api/users/create",
            Some(SECRETARIAT),
            vec![
                ("email", Text(true), text("new.person@enlace.test")),
                ("name", Text(true), text("Nueva Persona")),
                ("role", Choice, text("focal_point")),
                ("country", Code, text("CR")),
                ("language", Choice, text("es")),
                (
                    "password",
                    Text(true),
                    text("lanterns over the gulf of fonseca"),
                ),
            ],
        ),
        write(
            "/api/users/active",
            Some(SECRETARIAT),
            vec![
                ("user_id", Integer, target.clone()),
                ("active", Boolean, text("true")),
            ],
        ),
        write(
            "/api/users/one-time-password",
            Some(SECRETARIAT),
            vec![
                ("user_id", Integer, target),
                ("password", Text(true), text("kestrel-meadow-quarry-7")),
            ],
        ),
        write(
            "/api/actions/update",
            Some("focal.cr@demo.enlace"),
            vec![
                ("update[action_id]", Integer, action_id.clone()),
                ("update[country]", Code, text("CR")),
                ("update[version]", Integer, version),
                ("update[status]", Choice, status),
                (
                    "update[narrative_en]",
                    Text(false),
                    text("Joint patrols began."),
                ),
                (
                    "update[narrative_es]",
                    Text(false),
                    text("Comenzaron patrullajes conjuntos."),
                ),
                ("update[milestones][0][milestone_id]", Integer, milestone),
                (
                    "update[milestones][0][achieved_on]",
                    Date,
                    text("2025-06-01"),
                ),
                (
                    "update[milestones][0][note]",
                    Text(false),
                    text("Signed in June."),
                ),
                ("update[evidence][0][title]", Text(true), text("Decree")),
                (
                    "update[evidence][0][url]",
                    Text(true),
                    text("https://example.org/decree.pdf"),
                ),
                ("update[comment]", Text(false), text("Agreed.")),
            ],
        ),
        write(
            "/api/actions/comment",
            Some(REVIEWER),
            vec![
                ("action_id", Integer, action_id.clone()),
                ("country", Code, text("CR")),
                ("body", Text(true), text("Please attach the decree.")),
            ],
        ),
        write(
            "/api/indicators/values",
            Some("focal.cr@demo.enlace"),
            vec![
                ("input[country]", Code, text("CR")),
                ("input[year]", Integer, text("2026")),
                ("input[version]", Integer, cr_2026),
                ("input[values][0][indicator]", Code, text("ENF-01")),
                ("input[values][0][value]", Number, text("12")),
                (
                    "input[values][0][source]",
                    Text(true),
                    text("Annual report of the prosecutor"),
                ),
                ("input[values][0][note]", Text(false), text("Provisional.")),
            ],
        ),
        write(
            "/api/rounds/step",
            Some(SECRETARIAT),
            vec![
                ("country", Code, text("CR")),
                ("year", Integer, text("2025")),
                ("step", Choice, text("reopen")),
                ("version", Integer, cr_2025),
                ("reason", Text(true), text("A value needs a second look.")),
            ],
        ),
        write(
            "/api/rounds/remind",
            Some(SECRETARIAT),
            vec![
                ("country", Code, text("CR")),
                ("year", Integer, text("2026")),
            ],
        ),
        write(
            "/api/rounds/open",
            Some(SECRETARIAT),
            vec![
                ("form[year]", Integer, text("2027")),
                ("form[opens_on]", Date, text("2027-11-01")),
                ("form[due_on]", Date, text("2028-03-31")),
                ("form[remind_before]", Days, text("7, 1")),
                ("form[remind_after]", Days, text("1, 7")),
            ],
        ),
        write(
            "/api/rounds/update",
            Some(SECRETARIAT),
            vec![
                ("form[year]", Integer, text("2026")),
                ("form[opens_on]", Date, text("2026-11-01")),
                ("form[due_on]", Date, text("2027-04-30")),
                ("form[remind_before]", Days, text("7")),
                ("form[remind_after]", Days, text("3")),
            ],
        ),
        write(
            "/api/indicators/target",
            Some(SECRETARIAT),
            vec![
                ("target[indicator]", Code, text("ENF-01")),
                ("target[country]", Code, text("CR")),
                ("target[baseline_year]", Number, text("2024")),
                ("target[baseline_value]", Number, text("10")),
                ("target[target_year]", Number, text("2029")),
                ("target[target_value]", Number, text("25")),
            ],
        ),
        write(
            "/api/indicators/create",
            Some(SECRETARIAT),
            vec![
                ("form[code]", Code, text("NEW-01")),
                ("form[article]", Choice, text("16")),
                ("form[provision]", Text(true), text("16(1)")),
                ("form[name_en]", Text(true), text("Shelters inspected")),
                (
                    "form[name_es]",
                    Text(true),
                    text("Albergues inspeccionados"),
                ),
                ("form[kind]", Choice, text("count")),
                ("form[direction]", Choice, text("higher")),
                ("form[basis]", Choice, text("composed")),
            ],
        ),
        write(
            "/api/indicators/update",
            Some(SECRETARIAT),
            vec![
                ("code", Code, text("ENF-01")),
                ("form[article]", Choice, text("6")),
                ("form[provision]", Text(true), text("6(1)")),
                (
                    "form[name_en]",
                    Text(true),
                    text("Smuggling cases investigated"),
                ),
                (
                    "form[name_es]",
                    Text(true),
                    text("Casos de tráfico investigados"),
                ),
                ("form[kind]", Choice, text("count")),
                ("form[direction]", Choice, text("higher")),
                ("form[basis]", Choice, text("composed")),
            ],
        ),
        write(
            "/api/indicators/retire",
            Some(SECRETARIAT),
            vec![
                ("code", Code, text("LEG-06E")),
                ("retired", Boolean, text("true")),
            ],
        ),
        write(
            "/reports/generate",
            Some(SECRETARIAT),
            vec![
                ("year", Integer, text("2025")),
                ("language", Choice, text("en")),
                ("format", Choice, text("xlsx")),
            ],
        ),
        write(
            "/api/rounds/delete",
            Some(SECRETARIAT),
            vec![("year", Integer, text("2027"))],
        ),
    ]
}

/// A request sent on its own task, so that a panic anywhere in answering it is seen as one
/// rather than failing this test's thread.
async fn send_isolated(router: &Router, path: &str, content_type: &str, body: Vec<u8>) -> Reply {
    let (router, path, content_type) = (router.clone(), path.to_owned(), content_type.to_owned());
    let described = format!("POST {path}");
    tokio::spawn(async move { post(&router, &path, &content_type, body, &[]).await })
        .await
        .unwrap_or_else(|stopped| panic!("{described} panicked: {stopped}"))
}

#[tokio::test]
async fn malformed_requests_to_every_write_get_a_4xx_and_change_nothing() {
    let test = TestDatabase::new(true).await;
    let mut sent = 0;
    // Every answer that is not a 4xx, and every request that wrote: all listed at the end.
    let mut wrong = Vec::new();
    let mut server_errors = 0;
    for write in writes(&test).await {
        let router = match write.caller {
            Some(email) => test.router_as(email).await,
            None => test.router(),
        };
        let mut requests: Vec<(String, Vec<u8>)> = Vec::new();
        let valid: Vec<(&str, String)> = write
            .fields
            .iter()
            .map(|(name, _, value)| (*name, value.clone()))
            .collect();
        for (index, (name, kind, _)) in write.fields.iter().enumerate() {
            for bad in kind.malformed() {
                let mut fields = valid.clone();
                fields[index].1 = bad.clone();
                requests.push((
                    format!("{name}={:?}", short(&bad)),
                    form_body(&fields).into_bytes(),
                ));
            }
            // An optional text, date or list left out is a valid request (no narrative, not
            // achieved, no reminders).
            if !matches!(kind, Kind::Text(false) | Kind::Date | Kind::Days) {
                let mut fields = valid.clone();
                fields.remove(index);
                requests.push((format!("{name} missing"), form_body(&fields).into_bytes()));
            }
            let mut fields = valid.clone();
            fields.push(valid[index].clone());
            requests.push((format!("{name} twice"), form_body(&fields).into_bytes()));
        }
        let mut too_large = form_body(&valid).into_bytes();
        too_large.extend(b"&padding=".iter().chain(&vec![b'p'; 3 * 1024 * 1024]));
        requests.push(("a body of 3 MB".to_owned(), too_large));
        let mut not_utf8 = form_body(&valid).into_bytes();
        not_utf8.extend(b"&x=\xFF\xFE\xFD");
        requests.push(("bytes that are not UTF-8".to_owned(), not_utf8));
        requests.push(("an empty body".to_owned(), Vec::new()));
        requests.push((
            "a JSON body".to_owned(),
            br#"{"update": {"action_id": 1}}"#.to_vec(),
        ));

        let before = test.stored_digest().await;
        for (what, body) in requests {
            let audit = test.audit_count().await;
            let reply = send_isolated(
                &router,
                write.path,
                "application/x-www-form-urlencoded",
                body,
            )
            .await;
            sent += 1;
            if reply.status.is_server_error() {
                server_errors += 1;
            }
            if !reply.status.is_client_error() {
                wrong.push(format!(
                    "{} with {what}: {} {}",
                    write.path,
                    reply.status,
                    short(&reply.body)
                ));
            }
            if test.audit_count().await != audit {
                wrong.push(format!("{} with {what} wrote", write.path));
            }
        }
        assert_eq!(
            test.stored_digest().await,
            before,
            "{}: a malformed request stored something",
            write.path
        );
        // The request as it should be is taken: the refusals were the malformations'.
        let reply = send_isolated(
            &router,
            write.path,
            "application/x-www-form-urlencoded",
            form_body(&valid).into_bytes(),
        )
        .await;
        assert_eq!(
            reply.status.is_success() || reply.status.is_redirection(),
            write.succeeds,
            "{} as it should be: {} {}",
            write.path,
            reply.status,
            short(&reply.body)
        );
    }
    sent += malformed_uploads(&test).await;
    eprintln!("{sent} malformed requests, {server_errors} answered 5xx");
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// Malformed uploads of evidence files: each refused with a 4xx, nothing stored.
async fn malformed_uploads(test: &TestDatabase) -> usize {
    let router = test.router_as("focal.cr@demo.enlace").await;
    let update = json(&router, "/api/country-action?iso2=cr&code=1.1").await;
    let action_id = update["action_id"].as_i64().unwrap().to_string();
    let pdf = b"%PDF-1.4\n".to_vec();
    let mut eleven_megabytes = pdf.clone();
    eleven_megabytes.resize(11 * 1024 * 1024, b' ');
    let many_fields: Vec<(String, String)> =
        (0..40).map(|n| (format!("f{n}"), "x".to_owned())).collect();
    let many_fields: Vec<(&str, &str)> = many_fields
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    let cases: Vec<(&str, &str, Vec<u8>)> = vec![
        (
            "an action that is not a number",
            MULTIPART,
            tests::multipart_body(
                &[("action_id", "abc"), ("country", "CR")],
                Some(("a.pdf", &pdf)),
            ),
        ),
        (
            "an action too large",
            MULTIPART,
            tests::multipart_body(
                &[("action_id", "9223372036854775808"), ("country", "CR")],
                Some(("a.pdf", &pdf)),
            ),
        ),
        (
            "a country with a NUL",
            MULTIPART,
            tests::multipart_body(
                &[("action_id", &action_id), ("country", "C\u{0000}R")],
                Some(("a.pdf", &pdf)),
            ),
        ),
        (
            "no file",
            MULTIPART,
            tests::multipart_body(&[("action_id", &action_id), ("country", "CR")], None),
        ),
        (
            "an empty file",
            MULTIPART,
            tests::multipart_body(
                &[("action_id", &action_id), ("country", "CR")],
                Some(("a.pdf", b"")),
            ),
        ),
        (
            "a file of 11 MB",
            MULTIPART,
            tests::multipart_body(
                &[("action_id", &action_id), ("country", "CR")],
                Some(("a.pdf", &eleven_megabytes)),
            ),
        ),
        (
            "a program",
            MULTIPART,
            tests::multipart_body(
                &[("action_id", &action_id), ("country", "CR")],
                Some(("a.pdf", b"MZ\x90\x00")),
            ),
        ),
        (
            "forty fields",
            MULTIPART,
            tests::multipart_body(&many_fields, Some(("a.pdf", &pdf))),
        ),
        ("no boundary", "multipart/form-data", b"--x\r\n".to_vec()),
        (
            "a broken body",
            MULTIPART,
            b"--enlace-test-boundary\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n%PDF"
                .to_vec(),
        ),
    ];
    let before = test.stored_digest().await;
    let count = cases.len();
    for (what, content_type, body) in cases {
        let reply = send_isolated(&router, "/attachments", content_type, body).await;
        assert!(
            reply.status.is_client_error(),
            "/attachments with {what}: {} {}",
            reply.status,
            short(&reply.body)
        );
        if what == "a file of 11 MB" {
            assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
        }
    }
    assert_eq!(
        test.stored_digest().await,
        before,
        "a malformed upload stored something"
    );
    count
}

fn short(text: &str) -> String {
    text.chars().take(80).collect()
}

#[tokio::test]
async fn a_country_or_code_with_a_line_break_is_saved_once_and_answered() {
    let test = TestDatabase::new(true).await;
    let focal = test.router_as("focal.cr@demo.enlace").await;
    let secretariat = test.router_as(SECRETARIAT).await;
    let reviewer = test.router_as(REVIEWER).await;
    let update = json(&focal, "/api/country-action?iso2=cr&code=1.1").await;
    let action_id = update["action_id"].as_i64().unwrap().to_string();
    let version = update["version"].as_i64().unwrap().to_string();
    let status = update["status"]
        .as_str()
        .unwrap_or("in_progress")
        .to_owned();
    let html = [("accept", "text/html,application/xhtml+xml")];
    let cases: Vec<(&Router, &str, String, &str)> = vec![
        (
            &focal,
            "/api/actions/update",
            form_body(&[
                ("update[action_id]", action_id.as_str()),
                ("update[country]", "CR\n"),
                ("update[version]", &version),
                ("update[status]", &status),
                ("update[narrative_en]", "Saved once."),
            ]),
            "/countries/cr/actions/1.1?saved=1",
        ),
        (
            &reviewer,
            "/api/actions/comment",
            form_body(&[
                ("action_id", action_id.as_str()),
                ("country", "cr\r\n"),
                ("body", "One comment, not two."),
            ]),
            "/countries/cr/actions/1.1#comments",
        ),
        (
            &focal,
            "/api/indicators/values",
            form_body(&[
                ("input[country]", "\u{000B}CR\u{000C}"),
                ("input[year]", "2026"),
                ("input[version]", "0"),
                ("input[values][0][indicator]", "ENF-01"),
                ("input[values][0][value]", "12"),
                ("input[values][0][source]", "Prosecutor"),
            ]),
            "/countries/cr/indicators?year=2026&saved=1",
        ),
        (
            &secretariat,
            "/api/indicators/update",
            form_body(&[
                ("code", "enf-01\n"),
                ("form[article]", "6"),
                ("form[provision]", "6(1)"),
                ("form[name_en]", "Smuggling cases investigated"),
                ("form[name_es]", "Casos investigados"),
                ("form[kind]", "count"),
                ("form[direction]", "higher"),
                ("form[basis]", "composed"),
            ]),
            "/indicators/ENF-01?saved=1",
        ),
        (
            &secretariat,
            "/api/indicators/target",
            form_body(&[
                ("target[indicator]", "ENF-01\n"),
                ("target[country]", "CR"),
                ("target[baseline_year]", "2024"),
                ("target[baseline_value]", "10"),
                ("target[target_year]", "2029"),
                ("target[target_value]", "25"),
            ]),
            "/indicators/ENF-01#targets",
        ),
        (
            &secretariat,
            "/api/indicators/retire",
            form_body(&[("code", "LEG-06E\r"), ("retired", "true")]),
            "/indicators/LEG-06E",
        ),
        (
            &secretariat,
            "/api/rounds/remind",
            form_body(&[("country", "CR\n"), ("year", "2026")]),
            "/rounds/2026?reminded=cr",
        ),
        (
            &focal,
            "/api/rounds/step",
            form_body(&[
                ("country", "CR\n"),
                ("year", "2026"),
                ("step", "submit"),
                ("version", "1"),
                ("reason", ""),
            ]),
            "/countries/cr/indicators?year=2026",
        ),
    ];
    for (router, path, body, location) in cases {
        let audit = test.audit_count().await;
        let reply = {
            let (router, owned_path, body) = (router.clone(), path.to_owned(), body.clone());
            tokio::spawn(async move { post_form(&router, &owned_path, &body, &html).await })
                .await
                .unwrap_or_else(|stopped| panic!("{path} panicked: {stopped}"))
        };
        assert_eq!(reply.status, StatusCode::FOUND, "{path}: {}", reply.body);
        assert_eq!(reply.location().as_deref(), Some(location), "{path}");
        assert_eq!(test.audit_count().await, audit + 1, "{path}: saved once");
    }
}

#[tokio::test]
async fn a_refusal_is_the_servers_own_never_one_written_in_the_address() {
    use base64::Engine;
    let test = TestDatabase::new(true).await;
    let router = test.router_as("focal.cr@demo.enlace").await;
    let page = "/countries/cr/indicators?year=2026";
    // Anyone can write an address: an error in it is not shown.
    let forged = base64::engine::general_purpose::URL_SAFE.encode(
        r#"{"Invalid":[{"field":"x","key":"problem-count-invalid","limit":null,"subject":"Call +1-555-0100"}]}"#,
    );
    let reply = get(
        &router,
        &format!("{page}&__path=/api/indicators/values&__err={forged}"),
        &[],
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    reply.assert_lacks("555");
    assert!(Page::parse(&reply.body).select(".error-summary").is_empty());

    // A refused form comes back with what was typed, as text, however it was written.
    let hostile = "</textarea><script>alert(1)</script><b>bold</b>";
    let refused = tests::submit(
        &router,
        page,
        "/api/indicators/values",
        &[
            ("input[country]", "CR"),
            ("input[year]", "2026"),
            ("input[version]", "0"),
            ("input[values][0][indicator]", "ENF-01"),
            ("input[values][0][value]", "maybe"),
            ("input[values][0][source]", hostile),
            ("input[values][0][note]", ""),
        ],
    )
    .await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    refused.assert_lacks("<script>alert(1)");
    refused.assert_lacks("<b>bold</b>");
    let parsed = Page::parse(&refused.body);
    let source = parsed.select("#value-ENF-01-source");
    assert_eq!(source.len(), 1);
    assert_eq!(source[0].value().attr("value"), Some(hostile));
    assert_eq!(source[0].value().attr("aria-invalid"), None);
    let value = parsed.select("#value-ENF-01-value");
    assert_eq!(value[0].value().attr("aria-invalid"), Some("true"));
    let summary: Vec<String> = parsed
        .select(".error-summary a")
        .iter()
        .map(|link| link.value().attr("href").unwrap_or_default().to_owned())
        .collect();
    assert_eq!(summary, ["#value-ENF-01-value"]);
}

#[tokio::test]
async fn a_body_over_the_limit_gets_413_in_the_users_language() {
    let test = TestDatabase::new(true).await;
    let router = test.router_as(REVIEWER).await;
    let body = format!(
        "action_id=1&country=CR&body={}",
        "a".repeat(3 * 1024 * 1024)
    );
    let reply = post_form(&router, "/api/actions/comment?lang=es", &body, &[]).await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(reply.body, r#""TooLarge""#);
    let reply = post_form(
        &router,
        "/api/actions/comment?lang=es",
        &body,
        &[("accept", "text/html")],
    )
    .await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(reply.body.contains("2 MB como máximo"), "{}", reply.body);
    let unreadable = post_form(
        &router,
        "/api/actions/comment",
        "action_id=abc&country=CR&body=x",
        &[],
    )
    .await;
    assert_eq!(unreadable.status, StatusCode::BAD_REQUEST);
    assert_eq!(unreadable.body, r#""Unreadable""#);
}

#[tokio::test]
async fn proxy_headers_count_only_behind_a_trusted_proxy_and_hsts_is_optional() {
    let test = TestDatabase::new(true).await;
    let forged = [
        ("x-forwarded-host", "evil.example"),
        ("origin", "http://evil.example"),
    ];
    let body = form_body(&[("email", SECRETARIAT), ("password", tests::DEMO_PASSWORD)]);

    // Without a trusted proxy, a client cannot make another site look like this one.
    let direct = test.router();
    let reply = post_form(&direct, "/api/sign-in", &body, &forged).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN, "{}", reply.body);
    let reply = post_form(
        &direct,
        "/api/sign-in",
        &body,
        &[("x-forwarded-proto", "https")],
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    let cookie = reply
        .cookies()
        .into_iter()
        .find(|c| c.starts_with("enlace_session="))
        .unwrap();
    assert!(!cookie.contains("Secure"), "{cookie}");
    assert!(reply.headers.get("strict-transport-security").is_none());

    // Behind a trusted proxy, its headers say what the browser asked for.
    let proxied = server::router(server::AppState {
        trust_proxy: true,
        hsts: true,
        ..test.state()
    });
    let reply = post_form(&proxied, "/api/sign-in", &body, &forged).await;
    assert_eq!(
        reply.status,
        StatusCode::OK,
        "the proxy said the browser asked for evil.example"
    );
    let reply = post_form(
        &proxied,
        "/api/sign-in",
        &body,
        &[("x-forwarded-proto", "https")],
    )
    .await;
    let cookie = reply
        .cookies()
        .into_iter()
        .find(|c| c.starts_with("enlace_session="))
        .unwrap();
    assert!(cookie.contains("Secure"), "{cookie}");
    assert_eq!(
        reply.headers["strict-transport-security"],
        "max-age=31536000; includeSubDomains"
    );
}
