//! What the integration tests share: a fresh database prepared as at a real start, the real router
//! around it, and requests sent to that router without a socket.

mod link;
pub mod process;
pub mod reported;
pub use link::DatabaseLink;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use leptos::prelude::LeptosOptions;
use sea_orm::DatabaseConnection;
use tempfile::TempDir;
use tower::ServiceExt;

use app::accounts::sessions::SESSION_COOKIE;
use app::accounts::types::{NewUser, UserRow};
use app::audit::service::Actor;
use app::db::entities::{app_user, audit_entry};
use app::domain::Role;
use app::i18n::Lang;
use axum::http::{header, HeaderValue};
use chrono::Utc;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use server::AppState;
use server::Config;
use tower::util::MapRequestLayer;

/// The password of the users the tests create (the demo accounts have the demo password).
pub const PASSWORD: &str = "a test password of some length";
/// The demo accounts' password.
pub const DEMO_PASSWORD: &str = "enlace-demo-2026";
/// The reviewer `reader_router` signs in as.
pub const READER: &str = "reader@enlace.test";
/// The host the tests address, and the origin of a browser on it.
pub const HOST: &str = "enlace.test";
pub const ORIGIN: &str = "http://enlace.test";

/// The PostgreSQL database the tests that need one may empty, from `ENLACE_TEST_POSTGRES_URL`
/// (`tests/start-postgres.sh` makes one).
pub fn postgres_url() -> String {
    std::env::var("ENLACE_TEST_POSTGRES_URL")
        .expect("ENLACE_TEST_POSTGRES_URL names a PostgreSQL database the test may empty")
}

/// The first of the country `iso2`'s actions that it has not completed (by action), with its
/// version.
pub async fn an_unfinished_action(
    db: &DatabaseConnection,
    iso2: &str,
) -> app::db::entities::country_action::Model {
    use app::db::entities::{country, country_action};
    let country = country::Entity::find()
        .filter(country::Column::Iso2.eq(iso2))
        .one(db)
        .await
        .expect("countries can be read")
        .unwrap_or_else(|| panic!("no country {iso2}"));
    country_action::Entity::find()
        .filter(country_action::Column::CountryId.eq(country.id))
        .filter(country_action::Column::Status.ne(app::domain::Status::Completed.code()))
        .order_by_asc(country_action::Column::ActionId)
        .one(db)
        .await
        .expect("updates can be read")
        .unwrap_or_else(|| panic!("an action {iso2} has not completed"))
}

/// The form of an update on Costa Rica's action `action_id` that sets its status, as the page
/// posts it to `/api/actions/update`.
pub fn status_form(action_id: i32, version: i32, status: app::domain::Status) -> String {
    format!(
        "update[action_id]={action_id}&update[country]=CR&update[version]={version}&update[status]={}",
        status.code()
    )
}

/// A database in a temporary directory, migrated and loaded as `enlace` does at start.
pub struct TestDatabase {
    pub db: DatabaseConnection,
    pub prepared: app::bootstrap::Prepared,
    /// The change feed every router of this database shares, as the users of one server do.
    pub changes: app::live::SharedFeed,
    /// Whether the database answers, as this server's probe finds.
    pub availability: std::sync::Arc<server::availability::Availability>,
    snapshots: std::sync::Arc<app::dashboards::snapshot::SnapshotCache>,
    _directory: Option<TempDir>,
}

impl TestDatabase {
    /// A new SQLite database file.
    pub async fn new(demo: bool) -> Self {
        let directory = tempfile::tempdir().expect("a temporary directory");
        let url = format!(
            "sqlite://{}?mode=rwc",
            directory.path().join("enlace.db").display()
        );
        Self::prepare(&url, demo, Some(directory)).await
    }

    /// A new SQLite database file holding a generated plan of `size` (`enlace demo-scale`).
    pub async fn scaled(size: app::demo::scale::Size) -> Self {
        let directory = tempfile::tempdir().expect("a temporary directory");
        let url = format!(
            "sqlite://{}?mode=rwc",
            directory.path().join("enlace.db").display()
        );
        let db = server::connect(&Config::for_database(&url, false))
            .await
            .expect("the database opens");
        app::bootstrap::migrate(&db)
            .await
            .expect("the schema is made");
        app::demo::scale::generate(&db, size)
            .await
            .expect("the plan is generated");
        db.close().await.expect("the connection closes");
        Self::prepare(&url, false, Some(directory)).await
    }

    /// The PostgreSQL database at `url`, emptied first (see [`empty_postgres`]).
    pub async fn postgres(url: &str, demo: bool) -> Self {
        empty_postgres(url)
            .await
            .close()
            .await
            .expect("the connection closes");
        Self::prepare(url, demo, None).await
    }

    /// A server started on the database at `url` as it stands, prepared as `enlace` does at start:
    /// its own connections, change feed and memories (on PostgreSQL, another app server).
    pub async fn open(url: &str, demo: bool) -> Self {
        Self::prepare(url, demo, None).await
    }

    async fn prepare(url: &str, demo: bool, directory: Option<TempDir>) -> Self {
        let config = Config::for_database(url, demo);
        let db = server::connect(&config).await.expect("the database opens");
        let prepared = app::bootstrap::prepare(&db, demo)
            .await
            .expect("the database is prepared");
        let snapshots = server::snapshot_memory(&config, &db)
            .await
            .expect("the snapshots' connections open");
        Self {
            changes: server::change_feed(&db),
            availability: server::availability::watch(&db),
            db,
            prepared,
            snapshots: std::sync::Arc::new(snapshots),
            _directory: directory,
        }
    }

    /// The router as a signed-in user sees it: every request carries a session of the user with
    /// `email`, started now.
    pub async fn router_as(&self, email: &str) -> Router {
        self.router_with_cookie(&self.session_cookie(email).await)
    }

    /// The router with every request carrying the `Cookie` header value `cookie`.
    pub fn router_with_cookie(&self, cookie: &str) -> Router {
        let cookie = HeaderValue::from_str(cookie).expect("a cookie header value");
        self.router()
            .layer(MapRequestLayer::new(move |mut request: Request<Body>| {
                request.headers_mut().append(header::COOKIE, cookie.clone());
                request
            }))
    }

    /// The router as a reviewer sees it, on any database: the reviewer account is created if needed.
    pub async fn reader_router(&self) -> Router {
        if self.user(READER).await.is_none() {
            self.add_user(READER, Role::Reviewer, None, false).await;
        }
        self.router_as(READER).await
    }

    /// `Cookie` header value of a new session of the user with `email`.
    pub async fn session_cookie(&self, email: &str) -> String {
        let user = self
            .user(email)
            .await
            .unwrap_or_else(|| panic!("no user {email}"));
        let token = app::accounts::sessions::start(&self.db, user.id, Utc::now())
            .await
            .expect("a session starts");
        format!("{SESSION_COOKIE}={}", token.as_str())
    }

    /// The signed-in user `email` as the access policy sees them.
    pub async fn viewer(&self, email: &str) -> app::access::Viewer {
        let user = self
            .user(email)
            .await
            .unwrap_or_else(|| panic!("no user {email}"));
        app::accounts::sessions::viewer(&self.db, user)
            .await
            .expect("the viewer is read")
    }

    pub async fn user(&self, email: &str) -> Option<app_user::Model> {
        app_user::Entity::find()
            .filter(app_user::Column::Email.eq(email))
            .one(&self.db)
            .await
            .expect("users can be read")
    }

    /// Creates a user with the password `PASSWORD`.
    pub async fn add_user(
        &self,
        email: &str,
        role: Role,
        country: Option<&str>,
        must_change_password: bool,
    ) -> UserRow {
        app::accounts::service::create_user(
            &self.db,
            Actor::System,
            NewUser {
                email: email.to_owned(),
                name: format!("Test {email}"),
                role,
                country: country.map(str::to_owned),
                language: Lang::En,
                password: PASSWORD.to_owned(),
                must_change_password,
            },
            Utc::now(),
        )
        .await
        .expect("the test user is created")
    }

    /// How many audit entries there are.
    pub async fn audit_count(&self) -> u64 {
        audit_entry::Entity::find()
            .count(&self.db)
            .await
            .expect("the audit trail can be read")
    }

    /// The audit entries after the first `skip`, oldest first.
    pub async fn audit_since(&self, skip: u64) -> Vec<audit_entry::Model> {
        audit_entry::Entity::find()
            .order_by_asc(audit_entry::Column::Id)
            .all(&self.db)
            .await
            .expect("the audit trail can be read")
            .into_iter()
            .skip(usize::try_from(skip).expect("a small count"))
            .collect()
    }

    pub fn router(&self) -> Router {
        self.router_with_mailer(app::mail::Mailer::outbox(None))
    }

    /// The router, sending reminders with `mailer`.
    pub fn router_with_mailer(&self, mailer: app::mail::Mailer) -> Router {
        server::router(AppState {
            mailer,
            ..self.state()
        })
    }

    /// The application state of this database with the default settings, for a test to change
    /// some (a trusted proxy, HSTS) and make a router of with `server::router`.
    pub fn state(&self) -> AppState {
        AppState {
            leptos_options: LeptosOptions::builder().output_name("enlace").build(),
            db: self.db.clone(),
            demo: self.prepared.is_demo,
            trust_proxy: false,
            hsts: false,
            mailer: app::mail::Mailer::outbox(None),
            changes: self.changes.clone(),
            snapshots: self.snapshots.clone(),
            availability: self.availability.clone(),
            metrics_access: Default::default(),
            closing: Default::default(),
        }
    }

    /// A digest of everything stored but sessions and sign-in attempts (which every request may
    /// touch): equal before and after a request when the request stored nothing. SQLite only.
    pub async fn stored_digest(&self) -> String {
        use sea_orm::{ConnectionTrait, DbBackend, Statement};
        use sha2::{Digest, Sha256};
        let query = |sql: String| Statement::from_string(DbBackend::Sqlite, sql);
        let tables: Vec<String> = self
            .db
            .query_all(query(
                "SELECT name FROM sqlite_master WHERE type = 'table' \
                 AND name NOT IN ('session', 'sign_in_attempt', 'sqlite_sequence') ORDER BY name"
                    .to_owned(),
            ))
            .await
            .expect("the tables can be listed")
            .iter()
            .map(|row| row.try_get_by_index::<String>(0).expect("a table name"))
            .collect();
        let mut digest = Sha256::new();
        for table in tables {
            let columns: Vec<String> = self
                .db
                .query_all(query(format!("PRAGMA table_info(\"{table}\")")))
                .await
                .expect("the columns can be listed")
                .iter()
                .map(|row| row.try_get_by_index::<String>(1).expect("a column name"))
                .collect();
            let row_text = columns
                .iter()
                .map(|column| format!("quote(\"{column}\")"))
                .collect::<Vec<_>>()
                .join(" || '|' || ");
            let dump = self
                .db
                .query_one(query(format!(
                    "SELECT count(*), group_concat({row_text}, char(10)) \
                     FROM (SELECT * FROM \"{table}\" ORDER BY rowid)"
                )))
                .await
                .expect("the table can be read")
                .expect("a row of counts");
            let count: i64 = dump.try_get_by_index(0).expect("a count");
            let rows: Option<String> = dump.try_get_by_index(1).expect("the rows");
            digest.update(format!("{table}:{count}\n{}\n", rows.unwrap_or_default()));
        }
        hex::encode(digest.finalize())
    }
}

/// Connects to the PostgreSQL database at `url` and drops everything in its `public` schema.
pub async fn empty_postgres(url: &str) -> DatabaseConnection {
    use sea_orm::ConnectionTrait;
    let db = sea_orm::Database::connect(url)
        .await
        .expect("the PostgreSQL test database opens");
    db.execute_unprepared("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
        .await
        .expect("the test database can be emptied");
    db
}

/// What came back from the router.
pub struct Reply {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
    /// The body as it came, compressed when the answer is.
    pub bytes: Vec<u8>,
}

impl Reply {
    /// Fails with the page's text when `needle` is not in it.
    pub fn assert_contains(&self, needle: &str) {
        assert!(
            self.body.contains(needle),
            "expected {needle:?} in the response ({}):\n{}",
            self.status,
            self.body
        );
    }

    /// The `Set-Cookie` values of the answer.
    pub fn cookies(&self) -> Vec<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .map(|value| value.to_str().unwrap().to_owned())
            .collect()
    }

    /// The session token the answer hands to the browser, if any.
    pub fn session_token(&self) -> Option<String> {
        self.cookies().iter().find_map(|cookie| {
            let value = cookie.strip_prefix(&format!("{SESSION_COOKIE}="))?;
            let token = value.split(';').next()?;
            (!token.is_empty()).then(|| token.to_owned())
        })
    }

    pub fn location(&self) -> Option<String> {
        self.headers
            .get(header::LOCATION)
            .map(|value| value.to_str().unwrap().to_owned())
    }

    /// Checks that the page's Content-Security-Policy lets the browser run each of its inline
    /// scripts and apply each of its inline styles (by their nonce or by their hash); returns how
    /// many there are.
    pub fn assert_inline_scripts_and_styles_allowed(&self) -> usize {
        let policy = self.headers[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap();
        let page = scraper::Html::parse_document(&self.body);
        let mut inline = 0;
        for (element, directive) in [("script", "script-src"), ("style", "style-src")] {
            let selector = scraper::Selector::parse(element).unwrap();
            for found in page.select(&selector) {
                if found.value().attr("src").is_some() {
                    continue;
                }
                let text: String = found.text().collect();
                assert!(
                    policy_allows_inline(policy, directive, found.value().attr("nonce"), &text),
                    "the policy {policy:?} does not allow {}",
                    found.html()
                );
                inline += 1;
            }
        }
        inline
    }

    /// What the page shows: the body without its scripts and without their nonces, which differ
    /// on every answer not from the page memory. Two answers with the same page are then equal.
    pub fn shown(&self) -> String {
        let mut page = String::with_capacity(self.body.len());
        let mut rest = self.body.as_str();
        while let Some(start) = rest.find("<script") {
            page.push_str(&rest[..start]);
            rest = rest[start..]
                .find("</script>")
                .map_or("", |end| &rest[start + end + "</script>".len()..]);
        }
        page.push_str(rest);
        let mut rest = page.as_str();
        let mut kept = String::with_capacity(rest.len());
        while let Some(start) = rest.find("nonce=\"") {
            kept.push_str(&rest[..start]);
            let value = &rest[start + "nonce=\"".len()..];
            rest = value.find('"').map_or("", |end| &value[end + 1..]);
        }
        kept.push_str(rest);
        kept
    }

    pub fn assert_lacks(&self, needle: &str) {
        assert!(
            !self.body.contains(needle),
            "did not expect {needle:?} in the response:\n{}",
            self.body
        );
    }
}

/// Posts `body` (form-encoded fields) as the form of `page` that names the server function
/// `action` does (`app::forms`), and returns the page the browser then shows, in `lang`: the page
/// it is sent on to after a save, or the page rendered again with the refusal.
pub async fn submit_from_page(
    router: &Router,
    page: &str,
    action: &str,
    body: &str,
    lang: &str,
) -> Reply {
    let separator = |address: &str| if address.contains('?') { '&' } else { '?' };
    let body = format!(
        "{}={}&{body}",
        app::forms::FORM_FIELD,
        app::urls::encode_query_value(action)
    );
    let reply = post_form(
        router,
        &format!("{page}{}lang={lang}", separator(page)),
        &body,
        &[("accept", "text/html,application/xhtml+xml")],
    )
    .await;
    match reply.location() {
        Some(next) => {
            let next = next.trim_start_matches(ORIGIN).to_owned();
            get(
                router,
                &format!("{next}{}lang={lang}", separator(&next)),
                &[],
            )
            .await
        }
        None => reply,
    }
}

/// A form-encoded body of `fields`, every name and value percent-encoded.
pub fn form_body<V: AsRef<str>>(fields: &[(&str, V)]) -> String {
    fields
        .iter()
        .map(|(name, value)| {
            format!(
                "{}={}",
                app::urls::encode_query_value(name),
                app::urls::encode_query_value(value.as_ref())
            )
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// A browser's post of one of a page's forms (`app::forms`), with or without JavaScript: to the
/// page's own address, naming the server function `form` (`path#which` where the page has several
/// forms for it), the fields encoded as browsers encode them.
pub async fn submit<V: AsRef<str>>(
    router: &Router,
    page: &str,
    form: &str,
    fields: &[(&str, V)],
) -> Reply {
    let mut all: Vec<(&str, &str)> = vec![(app::forms::FORM_FIELD, form)];
    all.extend(fields.iter().map(|(name, value)| (*name, value.as_ref())));
    post_form(
        router,
        page,
        &form_body(&all),
        &[("accept", "text/html,application/xhtml+xml")],
    )
    .await
}

/// Sends `POST path` with a form-encoded `body` and the given headers, from this site's origin unless
/// the headers say otherwise.
pub async fn post_form(router: &Router, path: &str, body: &str, headers: &[(&str, &str)]) -> Reply {
    post(
        router,
        path,
        "application/x-www-form-urlencoded",
        body.as_bytes().to_vec(),
        headers,
    )
    .await
}

/// Sends `POST path` with a body of `content_type` and the given headers, from this site's origin
/// unless the headers say otherwise.
pub async fn post(
    router: &Router,
    path: &str,
    content_type: &str,
    body: Vec<u8>,
    headers: &[(&str, &str)],
) -> Reply {
    let mut request = Request::builder()
        .method("POST")
        .uri(path)
        .header(header::HOST, HOST)
        .header(header::CONTENT_TYPE, content_type);
    if !headers
        .iter()
        .any(|(name, _)| name.eq_ignore_ascii_case("origin"))
    {
        request = request.header(header::ORIGIN, ORIGIN);
    }
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    send(
        router,
        request.body(Body::from(body)).expect("a valid request"),
    )
    .await
}

/// The boundary of the multipart bodies `multipart_body` makes.
pub const BOUNDARY: &str = "enlace-test-boundary";
/// The `Content-Type` of those bodies.
pub const MULTIPART: &str = "multipart/form-data; boundary=enlace-test-boundary";

/// A `multipart/form-data` body with the text `fields` and one file field `file`.
pub fn multipart_body(fields: &[(&str, &str)], file: Option<(&str, &[u8])>) -> Vec<u8> {
    multipart_with_file(fields, file.map(|(name, content)| ("file", name, content)))
}

/// A `multipart/form-data` body with the text `fields` and the file `(field, file name, content)`.
pub fn multipart_with_file(fields: &[(&str, &str)], file: Option<(&str, &str, &[u8])>) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    if let Some((field, file_name, content)) = file {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{file_name}\"\r\n\
                 Content-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(content);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

/// How long a test waits for a whole answer before it fails rather than hangs.
const ANSWER_LIMIT: std::time::Duration = std::time::Duration::from_secs(20);

/// Sends `request` to the router and reads the whole answer; a request that is not answered in
/// `ANSWER_LIMIT` fails the test, naming the request and what part of the answer was missing.
pub async fn send(router: &Router, request: Request<Body>) -> Reply {
    let described = format!("{} {}", request.method(), request.uri());
    let response = tokio::time::timeout(ANSWER_LIMIT, router.clone().oneshot(request))
        .await
        .unwrap_or_else(|_| panic!("{described}: no response head in {ANSWER_LIMIT:?}"))
        .expect("the router answers");
    let status = response.status();
    let headers = response.headers().clone();
    let mut body = response.into_body();
    let mut bytes = Vec::new();
    loop {
        match tokio::time::timeout(ANSWER_LIMIT, body.frame()).await {
            Ok(Some(frame)) => {
                if let Ok(data) = frame.expect("the body can be read").into_data() {
                    bytes.extend_from_slice(&data);
                }
            }
            Ok(None) => break,
            Err(_) => panic!(
                "{described}: the body stopped after {ANSWER_LIMIT:?}; so far:\n{}",
                String::from_utf8_lossy(&bytes)
            ),
        }
    }
    Reply {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
        bytes,
    }
}

/// Sends `GET path` with the given headers.
pub async fn get(router: &Router, path: &str, headers: &[(&str, &str)]) -> Reply {
    let mut request = Request::builder().uri(path).header(header::HOST, HOST);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    send(
        router,
        request.body(Body::empty()).expect("a valid request"),
    )
    .await
}

/// The text of a PDF, as `pdftotext -layout` reads it (poppler-utils).
pub fn pdf_text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.pdf");
    std::fs::write(&path, pdf).unwrap();
    let output = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (apt-get install poppler-utils)");
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).unwrap()
}

/// The names of the entries of a ZIP archive (a Word or Excel file).
pub fn zip_names(archive: &[u8]) -> Vec<String> {
    let archive = zip::ZipArchive::new(std::io::Cursor::new(archive)).expect("a ZIP archive");
    archive.file_names().map(str::to_owned).collect()
}

/// The text of the entry `name` of a ZIP archive.
pub fn zip_entry(archive: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(archive)).expect("a ZIP archive");
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap_or_else(|_| panic!("no {name} in the archive"))
        .read_to_string(&mut text)
        .expect("a text entry");
    text
}

/// Every string cell of every sheet of an Excel workbook, as calamine reads them.
pub fn xlsx_strings(workbook: &[u8]) -> Vec<String> {
    use calamine::{Data, Reader, Xlsx};
    let mut workbook: Xlsx<_> =
        Xlsx::new(std::io::Cursor::new(workbook.to_vec())).expect("an Excel workbook");
    let mut strings = Vec::new();
    for name in workbook.sheet_names() {
        let range = workbook.worksheet_range(&name).expect("a sheet");
        strings.extend(range.used_cells().filter_map(|(_, _, cell)| match cell {
            Data::String(text) => Some(text.clone()),
            _ => None,
        }));
    }
    strings
}

/// A page's HTML as a browser's parser reads it, for the texts its selectors find.
pub struct Page(scraper::Html);

impl Page {
    pub fn parse(html: &str) -> Self {
        Page(scraper::Html::parse_document(html))
    }

    /// The text of each element `selector` finds, its whitespace folded.
    pub fn texts(&self, selector: &str) -> Vec<String> {
        let selector = scraper::Selector::parse(selector).unwrap();
        self.0
            .select(&selector)
            .map(|e| e.text().collect::<Vec<_>>().join(" "))
            .map(|text| text.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect()
    }

    /// The attribute `name` of each element `selector` finds that has it.
    pub fn attributes(&self, selector: &str, name: &str) -> Vec<String> {
        let selector = scraper::Selector::parse(selector).unwrap();
        self.0
            .select(&selector)
            .filter_map(|e| e.value().attr(name).map(str::to_owned))
            .collect()
    }

    /// The text of the one element `selector` finds.
    pub fn text(&self, selector: &str) -> String {
        let found = self.texts(selector);
        assert_eq!(found.len(), 1, "one {selector}, found {found:?}");
        found.into_iter().next().unwrap()
    }
}

/// Whether the `directive` (`script-src`, `style-src`) of the Content-Security-Policy `policy`
/// allows an inline element with the text `text` and the nonce attribute `nonce`: by its nonce,
/// or by the SHA-256 hash of its text.
pub fn policy_allows_inline(
    policy: &str,
    directive: &str,
    nonce: Option<&str>,
    text: &str,
) -> bool {
    use base64::Engine;
    use sha2::Digest;
    let sources: Vec<&str> = policy
        .split(';')
        .find_map(|part| part.trim().strip_prefix(directive)?.strip_prefix(' '))
        .unwrap_or_default()
        .split_whitespace()
        .collect();
    let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(text));
    sources.contains(&format!("'sha256-{hash}'").as_str())
        || nonce.is_some_and(|nonce| sources.contains(&format!("'nonce-{nonce}'").as_str()))
}
