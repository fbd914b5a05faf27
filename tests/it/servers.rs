//! Two release servers on one PostgreSQL database, as real processes started at once on an empty
//! database: both come up; a save on one shows on the other's pages within a second (measured over
//! 100 saves) and reaches its open dashboards; a sign-out on one holds on the other at once; a
//! server killed in the middle of saves leaves every save whole; a 12-second outage of the database
//! is answered at once with a translated 503 and ridden out; and a server told to stop ends its
//! event streams and exits.
//!
//! Needs the release build and a PostgreSQL database the test may empty; `tests/run-all.sh` runs it
//! after `cargo leptos build --release` with
//! `cargo nextest run --run-ignored only -E 'binary(it) & test(/^servers::/)'`.

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::{connect::HttpConnector, Client};
use hyper_util::rt::TokioExecutor;
use sea_orm::{EntityTrait, PaginatorTrait};

use app::accounts::sessions::SESSION_COOKIE;
use app::db::entities::{audit_entry, country_action, status_event};
use app::domain::Status;
use tests::process::{free_port, spawn_enlace, wait_for_port, Running};
use tests::{
    an_unfinished_action, empty_postgres, postgres_url, status_form, DatabaseLink, Reply,
    DEMO_PASSWORD,
};

/// How long a change saved on one server may take to show on the other's pages: less than the
/// page memory keeps a page (`KEEP_FOR`, a second), so that only the change feed can make it.
const STALENESS_LIMIT: Duration = Duration::from_millis(500);

/// The pages a reviewer compares across servers.
const SHARED_PAGES: [&str; 4] = ["/", "/countries/cr", "/matrix", "/reports?year=2026"];

type HttpClient = Client<HttpConnector, Full<Bytes>>;

/// One `enlace` process and its address.
struct Server {
    process: Running,
    port: u16,
}

impl Server {
    fn spawn(database_url: &str) -> Self {
        let port = free_port();
        Server {
            process: spawn_enlace(database_url, port, &[]),
            port,
        }
    }

    fn wait_until_listening(&mut self, name: &str) {
        wait_for_port(self.port, name, &mut self.process.0);
    }

    fn base(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

fn client() -> HttpClient {
    Client::builder(TokioExecutor::new()).build_http()
}

/// Sends a request to the server at `base` as a browser of the site would (its origin; its
/// session when `cookie` is given) and reads the whole answer; `None` if the server is gone.
async fn try_send(
    client: &HttpClient,
    base: &str,
    method: Method,
    path: &str,
    cookie: Option<&str>,
    body: Option<&str>,
    headers: &[(&str, &str)],
) -> Option<Reply> {
    let mut request = Request::builder()
        .method(method)
        .uri(format!("{base}{path}"))
        .header(header::ORIGIN, base);
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    if body.is_some() {
        request = request.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    }
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let request = request
        .body(Full::new(Bytes::from(body.unwrap_or_default().to_owned())))
        .unwrap();
    let response = client.request(request).await.ok()?;
    let status = response.status();
    let headers: HeaderMap = response.headers().clone();
    let body = response.into_body().collect().await.ok()?.to_bytes();
    Some(Reply {
        status,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
        bytes: body.to_vec(),
    })
}

/// `try_send` to a server that must answer.
async fn send(
    client: &HttpClient,
    server: &Server,
    method: Method,
    path: &str,
    cookie: Option<&str>,
    body: Option<&str>,
    headers: &[(&str, &str)],
) -> Reply {
    try_send(client, &server.base(), method, path, cookie, body, headers)
        .await
        .expect("the server answers")
}

async fn page(client: &HttpClient, server: &Server, path: &str, cookie: &str) -> Reply {
    send(client, server, Method::GET, path, Some(cookie), None, &[]).await
}

/// Signs in on `server` and returns the session's `Cookie` value.
async fn sign_in(client: &HttpClient, server: &Server, email: &str) -> String {
    let body = format!(
        "email={}&password={DEMO_PASSWORD}",
        email.replace('@', "%40")
    );
    let reply = send(
        client,
        server,
        Method::POST,
        "/api/sign-in",
        None,
        Some(&body),
        &[],
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    format!(
        "{SESSION_COOKIE}={}",
        reply.session_token().expect("a session")
    )
}

/// Saves the status of Costa Rica's action `action_id` at `version` on the server at `base`;
/// `None` if the server is gone.
async fn try_save(
    client: &HttpClient,
    base: &str,
    cookie: &str,
    action_id: i32,
    version: i32,
    status: Status,
) -> Option<Reply> {
    let body = status_form(action_id, version, status);
    try_send(
        client,
        base,
        Method::POST,
        "/api/actions/update",
        Some(cookie),
        Some(&body),
        &[],
    )
    .await
}

async fn save(
    client: &HttpClient,
    server: &Server,
    cookie: &str,
    action_id: i32,
    version: i32,
    status: Status,
) -> Reply {
    try_save(client, &server.base(), cookie, action_id, version, status)
        .await
        .expect("the server answers")
}

/// Completed on even turns, in progress on odd ones: each save changes the status.
fn alternating(turn: usize) -> Status {
    if turn.is_multiple_of(2) {
        Status::Completed
    } else {
        Status::InProgress
    }
}

/// The messages of an event stream opened on `server`, as they arrive.
async fn subscribe(
    client: &HttpClient,
    server: &Server,
    cookie: &str,
) -> tokio::sync::mpsc::UnboundedReceiver<Option<String>> {
    let request = Request::get(format!("{}/events", server.base()))
        .header(header::COOKIE, cookie)
        .body(Full::new(Bytes::new()))
        .unwrap();
    let response = client.request(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let (sender, receiver) = tokio::sync::mpsc::unbounded_channel();
    let mut body = response.into_body();
    tokio::spawn(async move {
        while let Some(Ok(frame)) = body.frame().await {
            if let Ok(data) = frame.into_data() {
                let text = String::from_utf8_lossy(&data).into_owned();
                if text.starts_with("data:") && sender.send(Some(text)).is_err() {
                    return;
                }
            }
        }
        // The stream ended.
        let _ = sender.send(None);
    });
    receiver
}

// Several threads: the database link carries the servers' connections while the test waits.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the release build and PostgreSQL (ENLACE_TEST_POSTGRES_URL); run by tests/run-all.sh"]
async fn two_release_servers_on_one_database_agree_and_ride_out_failures() {
    empty_postgres(&postgres_url()).await.close().await.unwrap();
    let db = server::connect(&server::Config::for_database(postgres_url(), false))
        .await
        .unwrap();
    // The servers reach the database through a link the test can cut.
    let link = DatabaseLink::to_postgres().await;
    let url = link.url(&postgres_url());
    let started = Instant::now();
    let mut first = Server::spawn(&url);
    let mut second = Server::spawn(&url);
    first.wait_until_listening("the first server");
    second.wait_until_listening("the second server");
    eprintln!(
        "both servers started at once on an empty database and serve after {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let client = client();

    let reviewer = sign_in(&client, &second, "reviewer@demo.enlace").await;
    let focal = sign_in(&client, &first, "focal.cr@demo.enlace").await;
    let mut events = subscribe(&client, &second, &reviewer).await;

    // 100 saves on the first server, each looked for on the second's page.
    let action = an_unfinished_action(&db, "CR").await;
    let mut version = action.version;
    let mut before = page(&client, &second, "/countries/cr", &reviewer)
        .await
        .shown();
    let mut staleness = Vec::new();
    for n in 0..100 {
        let saved = save(
            &client,
            &first,
            &focal,
            action.action_id,
            version,
            alternating(n),
        )
        .await;
        assert!(saved.status.is_success(), "{}", saved.body);
        version += 1;
        let saved_at = Instant::now();
        loop {
            let now = page(&client, &second, "/countries/cr", &reviewer)
                .await
                .shown();
            if now != before {
                staleness.push(saved_at.elapsed());
                before = now;
                break;
            }
            assert!(
                saved_at.elapsed() < STALENESS_LIMIT,
                "save {n} did not show on the second server within {STALENESS_LIMIT:?}"
            );
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }
    staleness.sort();
    eprintln!(
        "staleness across servers over 100 saves: p50 {:.1} ms, p90 {:.1} ms, max {:.1} ms",
        staleness[49].as_secs_f64() * 1000.0,
        staleness[89].as_secs_f64() * 1000.0,
        staleness[99].as_secs_f64() * 1000.0
    );
    for path in SHARED_PAGES {
        let on_first = page(&client, &first, path, &reviewer).await;
        let on_second = page(&client, &second, path, &reviewer).await;
        assert_eq!(on_second.status, StatusCode::OK, "{path}");
        assert!(
            on_first.shown() == on_second.shown(),
            "{path} differs between the servers"
        );
    }
    for n in 0..100 {
        let message = tokio::time::timeout(STALENESS_LIMIT, events.recv())
            .await
            .unwrap_or_else(|_| panic!("event {n} of the first server's saves reached the second"))
            .unwrap()
            .expect("the stream stays open");
        assert!(
            message.starts_with("data: {\"kind\":\"update\",\"country\":\"CR\",\"action\":"),
            "{message}"
        );
    }

    // Signed out on the second server, the session cannot save on the first, which just used it.
    let leaving = sign_in(&client, &first, "focal.cr@demo.enlace").await;
    assert_eq!(
        page(&client, &first, "/countries/cr", &leaving)
            .await
            .status,
        StatusCode::OK
    );
    let out = send(
        &client,
        &second,
        Method::POST,
        "/api/sign-out",
        Some(&leaving),
        Some(""),
        &[],
    )
    .await;
    assert!(out.status.is_success(), "{}", out.status);
    let refused = save(
        &client,
        &first,
        &leaving,
        action.action_id,
        version,
        Status::Completed,
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED, "{}", refused.body);

    // The first server killed in the middle of saves: every save it acknowledged is stored, and
    // every stored save is whole (its status event and audit entry with it).
    let audited_before = audit_entry::Entity::find().count(&db).await.unwrap();
    let events_before = status_event::Entity::find().count(&db).await.unwrap();
    let version_before = version;
    let acknowledged = std::sync::Arc::new(std::sync::atomic::AtomicI32::new(0));
    let saving = {
        let (client, focal, base) = (client.clone(), focal.clone(), first.base());
        let acknowledged = acknowledged.clone();
        tokio::spawn(async move {
            for n in 0..100 {
                let version = version_before + acknowledged.load(Ordering::SeqCst);
                match try_save(
                    &client,
                    &base,
                    &focal,
                    action.action_id,
                    version,
                    alternating(n),
                )
                .await
                {
                    Some(reply) if reply.status.is_success() => {
                        acknowledged.fetch_add(1, Ordering::SeqCst);
                    }
                    _ => return,
                }
            }
        })
    };
    while acknowledged.load(Ordering::SeqCst) < 10 {
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    first.process.0.kill().expect("the first server is killed");
    saving.await.unwrap();
    let acknowledged = acknowledged.load(Ordering::SeqCst);
    assert!(
        acknowledged > 0 && acknowledged < 100,
        "killed in the middle ({acknowledged} saves acknowledged)"
    );
    let stored = country_action::Entity::find_by_id(action.id)
        .one(&db)
        .await
        .unwrap()
        .unwrap()
        .version
        - version_before;
    assert!(
        stored == acknowledged || stored == acknowledged + 1,
        "{acknowledged} saves acknowledged, {stored} stored"
    );
    let stored = u64::try_from(stored).unwrap();
    assert_eq!(
        status_event::Entity::find().count(&db).await.unwrap() - events_before,
        stored
    );
    assert_eq!(
        audit_entry::Entity::find().count(&db).await.unwrap() - audited_before,
        stored,
        "one audit entry per stored save"
    );
    eprintln!("killed after {acknowledged} acknowledged saves: {stored} stored, each whole");
    version = version_before + i32::try_from(stored).unwrap();
    let mut first = Server::spawn(&url);
    first.wait_until_listening("the first server, started again");

    // The database away for 12 seconds: both servers answer at once, in the reader's language.
    link.cut();
    let cut_at = Instant::now();
    tokio::time::sleep(Duration::from_secs(2)).await;
    for server in [&first, &second] {
        let asked = Instant::now();
        let answer = send(
            &client,
            server,
            Method::GET,
            "/matrix",
            Some(&reviewer),
            None,
            &[("accept", "text/html"), ("accept-language", "es")],
        )
        .await;
        assert!(asked.elapsed() < Duration::from_secs(1), "answered at once");
        assert_eq!(
            answer.status,
            StatusCode::SERVICE_UNAVAILABLE,
            "{}",
            answer.body
        );
        assert!(answer.location().is_none());
        answer.assert_contains("No disponible por el momento");
        let asked = Instant::now();
        let health = send(&client, server, Method::GET, "/health", None, None, &[]).await;
        assert!(
            asked.elapsed() < Duration::from_millis(1500),
            "health within a second"
        );
        assert_eq!(health.status, StatusCode::SERVICE_UNAVAILABLE);
    }
    tokio::time::sleep(Duration::from_secs(12).saturating_sub(cut_at.elapsed())).await;
    link.restore();
    let restored_at = Instant::now();
    for server in [&first, &second] {
        while page(&client, server, "/matrix", &reviewer).await.status != StatusCode::OK {
            assert!(
                restored_at.elapsed() < Duration::from_secs(10),
                "serving again within 10 s of the database's return"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
    eprintln!(
        "both servers serve again {:.1} s after the database's return",
        restored_at.elapsed().as_secs_f64()
    );
    // And they hear each other again.
    let before = page(&client, &second, "/countries/cr", &reviewer)
        .await
        .shown();
    let saved = save(
        &client,
        &first,
        &focal,
        action.action_id,
        version,
        Status::Completed,
    )
    .await;
    assert!(saved.status.is_success(), "{}", saved.body);
    let saved_at = Instant::now();
    while page(&client, &second, "/countries/cr", &reviewer)
        .await
        .shown()
        == before
    {
        assert!(
            saved_at.elapsed() < STALENESS_LIMIT,
            "heard after the outage"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }

    // Told to stop, a server ends its event streams and exits.
    let mut events = subscribe(&client, &second, &reviewer).await;
    let status = std::process::Command::new("kill")
        .args(["-TERM", &second.process.0.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let stopping = Instant::now();
    loop {
        match tokio::time::timeout(Duration::from_secs(5), events.recv()).await {
            Ok(Some(None) | None) => break,
            Ok(Some(Some(_))) => {}
            Err(_) => panic!("the event stream did not end within 5 s of SIGTERM"),
        }
    }
    loop {
        if let Some(exit) = second.process.0.try_wait().unwrap() {
            assert!(exit.success(), "{exit}");
            break;
        }
        assert!(
            stopping.elapsed() < Duration::from_secs(10),
            "the server exits within 10 s of SIGTERM"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    db.close().await.unwrap();
}
