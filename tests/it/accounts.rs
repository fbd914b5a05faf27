//! Signing in and out, sessions, throttling, cross-site refusal, security headers, user management and
//! the audit trail, through the real router and a real database.

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, Request, StatusCode};
use chrono::{Duration, Utc};
use sea_orm::{ConnectionTrait, EntityTrait, PaginatorTrait, Statement};

use app::accounts::sessions;
use app::db::entities::{app_user, session};
use app::domain::Role;
use tests::{get, post_form, send, Reply, TestDatabase, DEMO_PASSWORD, HOST, ORIGIN, PASSWORD};

const FOCAL_CR: &str = "focal.cr@demo.enlace";
const SECRETARIAT: &str = "secretariat@demo.enlace";
/// What a browser sends with a plain form post.
const HTML: (&str, &str) = ("accept", "text/html,application/xhtml+xml");

fn form(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(name, value)| format!("{name}={}", app::urls::encode_query_value(value)))
        .collect::<Vec<_>>()
        .join("&")
}

async fn sign_in(
    router: &axum::Router,
    email: &str,
    password: &str,
    extra: &[(&str, &str)],
) -> Reply {
    let mut headers = vec![HTML, ("referer", "http://enlace.test/sign-in")];
    headers.extend_from_slice(extra);
    post_form(
        router,
        "/api/sign-in",
        &form(&[("email", email), ("password", password), ("next", "")]),
        &headers,
    )
    .await
}

/// A sign-in from the client address `address`, answered as JSON (as the hydrated page asks).
async fn sign_in_from(
    router: &axum::Router,
    email: &str,
    password: &str,
    address: [u8; 4],
) -> Reply {
    let mut request = Request::builder()
        .method("POST")
        .uri("/api/sign-in")
        .header(header::HOST, HOST)
        .header(header::ORIGIN, ORIGIN)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(form(&[
            ("email", email),
            ("password", password),
        ])))
        .unwrap();
    request
        .extensions_mut()
        .insert(ConnectInfo(std::net::SocketAddr::from((address, 40000))));
    send(router, request).await
}

fn session_cookie(token: &str) -> String {
    format!("{}={token}", sessions::SESSION_COOKIE)
}

#[tokio::test]
async fn anonymous_requests_reach_only_the_sign_in_page() {
    let test = TestDatabase::new(true).await;
    let router = test.router();

    let page = get(&router, "/plan?lang=es", &[]).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(
        page.location().as_deref(),
        Some("/sign-in?next=%2Fplan%3Flang%3Des")
    );
    let function = get(&router, "/api/plan", &[]).await;
    assert_eq!(function.status, StatusCode::UNAUTHORIZED);

    let sign_in_page = get(&router, "/sign-in?lang=es", &[]).await;
    assert_eq!(sign_in_page.status, StatusCode::OK);
    sign_in_page.assert_contains("Iniciar sesión");
    sign_in_page.assert_lacks("Registro de auditoría");
    assert_eq!(get(&router, "/health", &[]).await.status, StatusCode::OK);
}

#[tokio::test]
async fn signing_in_starts_a_new_session_and_lands_on_the_own_country() {
    let test = TestDatabase::new(true).await;
    let router = test.router();
    let before = test.audit_count().await;

    // A token planted in the browser beforehand is not the one signed in (no session fixation).
    let planted = session_cookie("planted-by-someone-else");
    let reply = sign_in(
        &router,
        "  Focal.CR@demo.enlace ",
        DEMO_PASSWORD,
        &[("cookie", &planted)],
    )
    .await;
    assert_eq!(reply.status, StatusCode::FOUND, "{}", reply.body);
    assert_eq!(reply.location().as_deref(), Some("/countries/cr"));
    let token = reply.session_token().expect("a session cookie");
    assert_ne!(token, "planted-by-someone-else");
    let cookie = reply
        .cookies()
        .into_iter()
        .find(|c| c.starts_with(sessions::SESSION_COOKIE))
        .unwrap();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    assert!(!cookie.contains("Secure"), "plain HTTP: {cookie}");
    assert!(reply.cookies().iter().any(|c| c.starts_with("lang=en")));

    let page = get(
        &router,
        "/countries/cr",
        &[("cookie", &session_cookie(&token))],
    )
    .await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("Costa Rica");
    page.assert_contains("Demo Focal Point Costa Rica");
    let planted_page = get(&router, "/", &[("cookie", &planted)]).await;
    assert_eq!(planted_page.status, StatusCode::SEE_OTHER);

    let entries = test.audit_since(before).await;
    assert_eq!(entries.len(), 1, "one entry for the sign-in");
    assert_eq!(
        (entries[0].entity.as_str(), entries[0].operation.as_str()),
        ("app_user", "sign_in")
    );

    // Behind HTTPS, as a trusted proxy says, the cookie is Secure.
    let proxied = server::router(server::AppState {
        trust_proxy: true,
        ..test.state()
    });
    let secure = sign_in(
        &proxied,
        FOCAL_CR,
        DEMO_PASSWORD,
        &[("x-forwarded-proto", "https")],
    )
    .await;
    assert!(secure
        .cookies()
        .iter()
        .any(|c| c.starts_with(sessions::SESSION_COOKIE) && c.ends_with("; Secure")));
}

/// When the sessions cannot be read (the database is away), a page says so in the user's language
/// instead of sending the browser to another page that would fail the same way, round and round.
#[tokio::test]
async fn a_page_whose_session_cannot_be_read_says_so_and_sends_nowhere() {
    let test = TestDatabase::new(true).await;
    let router = test.reader_router().await;
    test.db
        .execute_unprepared("DROP TABLE session")
        .await
        .unwrap();
    for path in ["/", "/account", "/plan?lang=es"] {
        let reply = get(&router, path, &[("accept", "text/html")]).await;
        assert_eq!(reply.status, StatusCode::INTERNAL_SERVER_ERROR, "{path}");
        assert!(!reply.headers.contains_key(header::LOCATION), "{path}");
        let expected = app::error::AppError::Internal.title(if path.ends_with("es") {
            app::i18n::Lang::Es
        } else {
            app::i18n::Lang::En
        });
        assert!(reply.body.starts_with(&expected), "{path}: {}", reply.body);
    }
}

#[tokio::test]
async fn signing_out_ends_the_session_on_the_server() {
    let test = TestDatabase::new(true).await;
    let router = test.router();
    let token = sign_in(&router, SECRETARIAT, DEMO_PASSWORD, &[])
        .await
        .session_token()
        .unwrap();
    let cookie = session_cookie(&token);
    assert_eq!(
        get(&router, "/plan", &[("cookie", &cookie)]).await.status,
        StatusCode::OK
    );

    let before = test.audit_count().await;
    let out = post_form(&router, "/api/sign-out", "", &[HTML, ("cookie", &cookie)]).await;
    assert_eq!(out.status, StatusCode::FOUND);
    assert_eq!(out.location().as_deref(), Some("/sign-in"));
    assert!(out.cookies().iter().any(|c| c.contains("Max-Age=0")));
    assert_eq!(test.audit_count().await, before + 1);

    // The browser may keep the cookie; the server no longer knows it.
    assert_eq!(
        get(&router, "/plan", &[("cookie", &cookie)]).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(session::Entity::find().count(&test.db).await.unwrap(), 0);
}

#[tokio::test]
async fn sessions_end_when_idle_and_after_their_lifetime() {
    let test = TestDatabase::new(true).await;
    let user = test.user(FOCAL_CR).await.unwrap();
    let start = Utc::now();

    let token = sessions::start(&test.db, user.id, start).await.unwrap();
    let used = start + Duration::minutes(90);
    assert!(sessions::authenticate(&test.db, token.as_str(), used)
        .await
        .unwrap()
        .is_some());
    let idle = used + sessions::IDLE + Duration::seconds(1);
    assert!(sessions::authenticate(&test.db, token.as_str(), idle)
        .await
        .unwrap()
        .is_none());
    assert!(
        session::Entity::find_by_id(token.id().0)
            .one(&test.db)
            .await
            .unwrap()
            .is_none(),
        "ended sessions are removed"
    );

    // Used every hour, a session still ends at its lifetime.
    let token = sessions::start(&test.db, user.id, start).await.unwrap();
    let mut now = start;
    while now + Duration::hours(1) < start + sessions::LIFETIME {
        now += Duration::hours(1);
        assert!(sessions::authenticate(&test.db, token.as_str(), now)
            .await
            .unwrap()
            .is_some());
    }
    let expired = start + sessions::LIFETIME;
    assert!(sessions::authenticate(&test.db, token.as_str(), expired)
        .await
        .unwrap()
        .is_none());
}

#[tokio::test]
async fn unknown_emails_and_wrong_passwords_get_the_same_answer() {
    let test = TestDatabase::new(true).await;
    let router = test.router();
    let wrong_password = sign_in_from(&router, FOCAL_CR, "not the password", [10, 0, 0, 1]).await;
    let unknown = sign_in_from(&router, "nobody@demo.enlace", DEMO_PASSWORD, [10, 0, 0, 2]).await;
    assert_eq!(wrong_password.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        (unknown.status, &unknown.body),
        (wrong_password.status, &wrong_password.body)
    );

    // The sign-in page's form gets the page again, in the user's language, with the email typed
    // and never the password.
    let page = tests::submit(
        &router,
        "/sign-in?lang=es",
        "/api/sign-in",
        &[
            ("email", FOCAL_CR),
            ("password", "not the password"),
            ("next", ""),
        ],
    )
    .await;
    assert_eq!(page.status, StatusCode::UNAUTHORIZED);
    page.assert_contains("El correo o la contraseña no son correctos.");
    page.assert_contains(&format!("value=\"{FOCAL_CR}\""));
    page.assert_lacks("not the password");
    assert!(page.session_token().is_none());
}

#[tokio::test]
async fn the_sixth_attempt_after_five_failures_is_refused_until_the_window_passes() {
    let test = TestDatabase::new(true).await;
    let router = test.router();
    for attempt in 1..=5 {
        let address = [10, 0, 1, attempt];
        let reply = sign_in_from(&router, FOCAL_CR, "wrong password!", address).await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "attempt {attempt}");
    }
    let sixth = sign_in_from(&router, FOCAL_CR, DEMO_PASSWORD, [10, 0, 1, 6]).await;
    assert_eq!(sixth.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(sixth.session_token().is_none());
    // Another account is not held up by this one's failures.
    assert_eq!(
        sign_in_from(&router, SECRETARIAT, DEMO_PASSWORD, [10, 0, 1, 7])
            .await
            .status,
        StatusCode::OK
    );

    move_attempts_back(&test, 16).await;
    let later = sign_in_from(&router, FOCAL_CR, DEMO_PASSWORD, [10, 0, 1, 8]).await;
    assert_eq!(later.status, StatusCode::OK, "{}", later.body);
    assert!(later.session_token().is_some());
}

#[tokio::test]
async fn one_person_at_an_office_address_holds_up_only_their_own_account() {
    let test = TestDatabase::new(true).await;
    let router = test.router();
    let office = [192, 0, 2, 1];
    for attempt in 1..=5 {
        let reply = sign_in_from(&router, FOCAL_CR, "a mistyped password", office).await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "attempt {attempt}");
    }
    let held = sign_in_from(&router, FOCAL_CR, DEMO_PASSWORD, office).await;
    assert_eq!(held.status, StatusCode::TOO_MANY_REQUESTS);
    let wait: u32 = held.headers[header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        (890..=900).contains(&wait),
        "until the first failure leaves the window: {wait}"
    );
    // A colleague at the same address signs in as usual.
    let colleague = sign_in_from(&router, SECRETARIAT, DEMO_PASSWORD, office).await;
    assert_eq!(colleague.status, StatusCode::OK, "{}", colleague.body);
}

#[tokio::test]
async fn an_address_guessing_many_accounts_is_held_up_at_fifty_failures() {
    let test = TestDatabase::new(true).await;
    let router = test.router();
    let guesser = [198, 51, 100, 7];
    for attempt in 0..50 {
        let email = format!("guess{attempt}@demo.enlace");
        let reply = sign_in_from(&router, &email, "wrong password!", guesser).await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "attempt {attempt}");
    }
    let refused = sign_in_from(&router, SECRETARIAT, DEMO_PASSWORD, guesser).await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
    let elsewhere = sign_in_from(&router, SECRETARIAT, DEMO_PASSWORD, [198, 51, 100, 8]).await;
    assert_eq!(elsewhere.status, StatusCode::OK);
}

#[tokio::test]
async fn an_account_guessed_from_many_addresses_waits_longer_after_each_failure() {
    use app::accounts::service::sign_in;
    let test = TestDatabase::new(true).await;
    let start: chrono::DateTime<Utc> = "2026-12-01T10:00:00Z".parse().unwrap();
    let attempt = |n: i64, address: String, seconds: i64| {
        let db = test.db.clone();
        async move {
            sign_in(
                &db,
                FOCAL_CR,
                &format!("guess number {n}"),
                &address,
                start + Duration::seconds(seconds),
            )
            .await
        }
    };
    // Five failures from five addresses, a second apart, are each heard.
    for n in 0..5 {
        assert_eq!(
            attempt(n, format!("203.0.113.{n}"), n).await.unwrap_err(),
            app::error::AppError::InvalidCredentials
        );
    }
    // The sixth, from yet another address, waits 15 seconds after the last failure…
    assert_eq!(
        attempt(5, "203.0.113.50".into(), 10).await.unwrap_err(),
        app::error::AppError::TooManyAttempts {
            retry_after_seconds: 9
        }
    );
    // …and each failure doubles the wait, never beyond 15 minutes.
    assert_eq!(
        attempt(5, "203.0.113.51".into(), 19).await.unwrap_err(),
        app::error::AppError::InvalidCredentials
    );
    assert_eq!(
        attempt(6, "203.0.113.52".into(), 40).await.unwrap_err(),
        app::error::AppError::TooManyAttempts {
            retry_after_seconds: 9
        }
    );
    // The owner, once the wait is over, signs in and the count starts again.
    let (viewer, _) = sign_in(
        &test.db,
        FOCAL_CR,
        DEMO_PASSWORD,
        "203.0.113.9",
        start + Duration::seconds(60),
    )
    .await
    .unwrap();
    assert_eq!(viewer.email, FOCAL_CR);
    assert!(
        attempt(7, "203.0.113.53".into(), 61).await.unwrap_err()
            == app::error::AppError::InvalidCredentials
    );
}

#[tokio::test]
async fn passwords_are_judged_by_strength_and_the_demo_password_only_fits_demo_data() {
    let test = TestDatabase::new(false).await;
    test.add_user("secretary@rcm.test", Role::Secretariat, None, false)
        .await;
    let router = test.router_as("secretary@rcm.test").await;
    let create = |password: &'static str| {
        form(&[
            ("email", "new.focal@rcm.test"),
            ("name", "Marta Quesada"),
            ("role", "focal_point"),
            ("country", "CR"),
            ("language", "es"),
            ("password", password),
        ])
    };
    for (password, key) in [
        ("Password123!", "problem-password-weak"),
        ("qwerty123456", "problem-password-weak"),
        ("marta quesada!", "problem-password-weak"),
        ("enlace-demo-2026", "problem-password-demo"),
    ] {
        let reply = post_form(&router, "/api/users/create?lang=es", &create(password), &[]).await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{password}");
        assert!(reply.body.contains(key), "{password}: {}", reply.body);
    }
    let reply = post_form(
        &router,
        "/api/users/create",
        &create("harbour lights over fonseca"),
        &[],
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);

    // On a database of demonstration data the published password is the demo accounts' own.
    let demo = TestDatabase::new(true).await;
    let reply = post_form(
        &demo.router_as(SECRETARIAT).await,
        "/api/users/create",
        &create("enlace-demo-2026"),
        &[],
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
}

async fn move_attempts_back(test: &TestDatabase, minutes: i64) {
    let attempts = app::db::entities::sign_in_attempt::Entity::find()
        .all(&test.db)
        .await
        .unwrap();
    for attempt in attempts {
        let moved = attempt.attempted_at - Duration::minutes(minutes);
        let backend = test.db.get_database_backend();
        test.db
            .execute(Statement::from_sql_and_values(
                backend,
                "UPDATE sign_in_attempt SET attempted_at = $1 WHERE id = $2",
                [moved.into(), attempt.id.into()],
            ))
            .await
            .unwrap();
    }
}

#[tokio::test]
async fn a_post_from_another_site_is_refused() {
    let test = TestDatabase::new(true).await;
    let router = test.router();
    let body = form(&[("email", SECRETARIAT), ("password", DEMO_PASSWORD)]);
    let cross = post_form(
        &router,
        "/api/sign-in",
        &body,
        &[("origin", "http://evil.example")],
    )
    .await;
    assert_eq!(cross.status, StatusCode::FORBIDDEN);
    assert!(cross.session_token().is_none());
    let spanish = post_form(
        &router,
        "/api/sign-in?lang=es",
        &body,
        &[("origin", "null")],
    )
    .await;
    assert_eq!(spanish.status, StatusCode::FORBIDDEN);
    assert!(spanish.body.contains("otro sitio"), "{}", spanish.body);

    let mut request = Request::builder()
        .method("POST")
        .uri("/api/sign-in")
        .header(header::HOST, HOST)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body.clone()))
        .unwrap();
    assert_eq!(
        send(&router, request).await.status,
        StatusCode::FORBIDDEN,
        "no Origin and no Referer"
    );
    request = Request::builder()
        .method("POST")
        .uri("/api/sign-in")
        .header(header::HOST, HOST)
        .header(header::REFERER, "http://enlace.test/sign-in")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .unwrap();
    assert_eq!(
        send(&router, request).await.status,
        StatusCode::OK,
        "a same-site Referer will do"
    );
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let test = TestDatabase::new(true).await;
    let router = test.reader_router().await;
    for path in ["/plan", "/sign-in", "/api/home", "/health", "/no-such-page"] {
        let reply = get(&router, path, &[]).await;
        let policy = reply.headers[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap();
        assert!(
            policy.contains("frame-ancestors 'none'"),
            "{path}: {policy}"
        );
        assert!(!policy.contains("unsafe-inline"), "{path}: {policy}");
        assert_eq!(
            reply.headers[header::X_CONTENT_TYPE_OPTIONS],
            "nosniff",
            "{path}"
        );
        assert_eq!(
            reply.headers[header::REFERRER_POLICY],
            "same-origin",
            "{path}"
        );
    }
    // A page for a signed-in user is sent the same each time from the page memory: its policy
    // allows its inline scripts by their hashes. Another page allows those carrying its nonce.
    let page = get(&router, "/plan", &[]).await;
    assert!(page.assert_inline_scripts_and_styles_allowed() > 0);
    assert!(!page.headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .contains("'nonce-"));
    let sign_in = get(&test.router(), "/sign-in", &[]).await;
    assert!(sign_in.assert_inline_scripts_and_styles_allowed() > 0);
    assert!(sign_in.headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .contains("'nonce-"));
}

#[tokio::test]
async fn a_one_time_password_must_be_changed_before_anything_else() {
    let test = TestDatabase::new(true).await;
    test.add_user("new.focal@enlace.test", Role::FocalPoint, Some("pa"), true)
        .await;
    let router = test.router();
    let reply = sign_in(&router, "new.focal@enlace.test", PASSWORD, &[]).await;
    assert_eq!(reply.location().as_deref(), Some("/account"));
    let cookie = session_cookie(&reply.session_token().unwrap());
    let with_session = [("cookie", cookie.as_str())];

    assert_eq!(
        get(&router, "/plan", &with_session)
            .await
            .location()
            .as_deref(),
        Some("/account")
    );
    assert_eq!(
        get(&router, "/api/plan", &with_session).await.status,
        StatusCode::FORBIDDEN
    );
    get(&router, "/account", &with_session)
        .await
        .assert_contains("one-time password");

    let before = test.audit_count().await;
    let weak = post_form(
        &router,
        "/api/account/password",
        &form(&[
            ("current_password", PASSWORD),
            ("new_password", "password1234"),
            ("confirm_password", "password1234"),
        ]),
        &with_session,
    )
    .await;
    assert_eq!(weak.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(weak.body.contains("problem-password-weak"), "{}", weak.body);
    assert_eq!(
        test.audit_count().await,
        before,
        "a refused change stores nothing"
    );

    let changed = post_form(
        &router,
        "/api/account/password",
        &form(&[
            ("current_password", PASSWORD),
            ("new_password", "three quiet rivers at dawn"),
            ("confirm_password", "three quiet rivers at dawn"),
        ]),
        &[
            HTML,
            ("cookie", &cookie),
            ("referer", "http://enlace.test/account"),
        ],
    )
    .await;
    assert_eq!(
        changed.location().as_deref(),
        Some("/countries/pa"),
        "{}",
        changed.body
    );
    assert_eq!(
        get(&router, "/plan", &with_session).await.status,
        StatusCode::OK
    );
    let entries = test.audit_since(before).await;
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].operation, "change_password");
    assert_eq!(
        entries[0].before.as_ref().unwrap()["must_change_password"],
        true
    );
    assert_eq!(
        entries[0].after.as_ref().unwrap()["must_change_password"],
        false
    );
    assert!(
        !entries[0]
            .after
            .as_ref()
            .unwrap()
            .to_string()
            .contains("argon2"),
        "no hash in the trail"
    );

    // The old password no longer works; the new one does.
    assert_eq!(
        sign_in_from(
            &test.router(),
            "new.focal@enlace.test",
            PASSWORD,
            [10, 9, 9, 9]
        )
        .await
        .status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        sign_in_from(
            &test.router(),
            "new.focal@enlace.test",
            "three quiet rivers at dawn",
            [10, 9, 9, 9]
        )
        .await
        .status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn the_secretariat_manages_users_and_every_change_is_audited() {
    let test = TestDatabase::new(true).await;
    let router = test.router_as(SECRETARIAT).await;
    let users_before = app_user::Entity::find().count(&test.db).await.unwrap();
    let audit_before = test.audit_count().await;

    // Bad input: every problem at once, nothing stored.
    let bad = post_form(
        &router,
        "/api/users/create",
        &form(&[
            ("email", "not-an-email"),
            ("name", " "),
            ("role", "focal_point"),
            ("country", ""),
            ("language", "es"),
            ("password", "short"),
        ]),
        &[],
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    for key in [
        "problem-email-invalid",
        "problem-name-empty",
        "problem-password-too-short",
        "problem-country-required",
    ] {
        assert!(bad.body.contains(key), "{key} in {}", bad.body);
    }
    let taken = post_form(
        &router,
        "/api/users/create",
        &form(&[
            ("email", FOCAL_CR),
            ("name", "Again"),
            ("role", "reviewer"),
            ("language", "en"),
            ("password", PASSWORD),
        ]),
        &[],
    )
    .await;
    assert!(taken.body.contains("problem-email-taken"), "{}", taken.body);
    assert_eq!(
        app_user::Entity::find().count(&test.db).await.unwrap(),
        users_before
    );
    assert_eq!(test.audit_count().await, audit_before);

    // Markup in a name is stored as typed and shown as text.
    let created = post_form(
        &router,
        "/api/users/create",
        &form(&[
            ("email", "Nueva.Focal@Example.org"),
            ("name", "<script>alert(1)</script> Ana"),
            ("role", "focal_point"),
            ("country", "hn"),
            ("language", "es"),
            ("password", PASSWORD),
        ]),
        &[],
    )
    .await;
    assert_eq!(created.status, StatusCode::OK, "{}", created.body);
    let row: serde_json::Value = serde_json::from_str(&created.body).unwrap();
    assert_eq!(row["email"], "nueva.focal@example.org");
    assert_eq!(row["country"], "HN");
    assert_eq!(row["must_change_password"], true);
    let id = row["id"].as_i64().unwrap();
    let entries = test.audit_since(audit_before).await;
    assert_eq!(entries.len(), 1);
    assert_eq!(
        (entries[0].operation.as_str(), entries[0].entity_id.as_str()),
        ("create", id.to_string().as_str())
    );
    assert!(entries[0].before.is_none());
    assert_eq!(entries[0].after.as_ref().unwrap()["role"], "focal_point");
    assert!(entries[0]
        .after
        .as_ref()
        .unwrap()
        .get("password_hash")
        .is_none());
    let page = get(&router, "/users", &[]).await;
    page.assert_contains("&lt;script&gt;alert(1)&lt;/script&gt; Ana");
    page.assert_lacks("<script>alert(1)</script>");

    // Deactivating ends the user's sessions at once.
    let their_router = test.router_as("nueva.focal@example.org").await;
    assert_eq!(
        get(&their_router, "/account", &[]).await.status,
        StatusCode::OK
    );
    let before = test.audit_count().await;
    let deactivated = post_form(
        &router,
        "/api/users/active",
        &format!("user_id={id}&active=false"),
        &[],
    )
    .await;
    assert_eq!(deactivated.status, StatusCode::OK, "{}", deactivated.body);
    assert_eq!(
        get(&their_router, "/account", &[]).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        sign_in_from(
            &test.router(),
            "nueva.focal@example.org",
            PASSWORD,
            [10, 7, 7, 7]
        )
        .await
        .status,
        StatusCode::UNAUTHORIZED
    );
    let reactivated = post_form(
        &router,
        "/api/users/active",
        &format!("user_id={id}&active=true"),
        &[],
    )
    .await;
    assert_eq!(reactivated.status, StatusCode::OK);
    let reset = post_form(
        &router,
        "/api/users/one-time-password",
        &form(&[
            ("user_id", &id.to_string()),
            ("password", "another long one-time pass"),
        ]),
        &[],
    )
    .await;
    assert_eq!(reset.status, StatusCode::OK, "{}", reset.body);
    let operations: Vec<String> = test
        .audit_since(before)
        .await
        .into_iter()
        .map(|entry| entry.operation)
        .collect();
    assert_eq!(
        operations,
        ["deactivate", "reactivate", "set_one_time_password"]
    );

    // Nobody deactivates themselves.
    let me = test.user(SECRETARIAT).await.unwrap();
    let myself = post_form(
        &router,
        "/api/users/active",
        &format!("user_id={}&active=false", me.id),
        &[],
    )
    .await;
    assert_eq!(myself.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn nothing_a_user_sends_changes_their_own_role_or_country() {
    let test = TestDatabase::new(true).await;
    let router = test.router_as(FOCAL_CR).await;
    let reply = post_form(
        &router,
        "/api/account/language",
        "language=es&role=secretariat&country_id=8&country=MX",
        &[],
    )
    .await;
    assert!(
        reply.status.is_success() || reply.status.is_redirection(),
        "{} {}",
        reply.status,
        reply.body
    );
    let user = test.user(FOCAL_CR).await.unwrap();
    assert_eq!(
        (user.role.as_str(), user.language.as_str()),
        ("focal_point", "es")
    );
    let costa_rica = app::db::entities::country::Entity::find_by_id(user.country_id.unwrap())
        .one(&test.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(costa_rica.iso2, "CR");

    // The preference is used at the next sign-in.
    let reply = sign_in(&test.router(), FOCAL_CR, DEMO_PASSWORD, &[]).await;
    assert!(
        reply.cookies().iter().any(|c| c.starts_with("lang=es")),
        "{:?}",
        reply.cookies()
    );
}

#[tokio::test]
async fn the_secretariat_reads_the_audit_trail_filtered_and_others_cannot() {
    let test = TestDatabase::new(true).await;
    sign_in(&test.router(), FOCAL_CR, DEMO_PASSWORD, &[]).await;
    sign_in(&test.router(), "focal.mx@demo.enlace", DEMO_PASSWORD, &[]).await;

    let router = test.router_as(SECRETARIAT).await;
    let all = get(&router, "/audit", &[]).await;
    assert_eq!(all.status, StatusCode::OK);
    all.assert_contains("sign_in app_user");
    all.assert_contains("load plan");

    let focal = test.user(FOCAL_CR).await.unwrap();
    let by_country = get(&router, "/audit?country=CR&entity=app_user", &[]).await;
    by_country.assert_contains("Demo Focal Point Costa Rica");
    by_country.assert_lacks("<td>MX</td>");
    let by_user = get(&router, &format!("/audit?user={}", focal.id), &[]).await;
    by_user.assert_contains("1 entry, page 1 of 1");
    let later = get(&router, "/audit?from=2099-01-01", &[]).await;
    later.assert_contains("0 entries, page 1 of 1");
    let bad_date = get(&router, "/audit?from=yesterday&lang=es", &[]).await;
    assert_eq!(bad_date.status, StatusCode::UNPROCESSABLE_ENTITY);
    bad_date.assert_contains("Escriba la fecha como año-mes-día.");

    for email in [FOCAL_CR, "reviewer@demo.enlace"] {
        let other = test.router_as(email).await;
        assert_eq!(
            get(&other, "/audit", &[]).await.status,
            StatusCode::FORBIDDEN,
            "{email}"
        );
        assert_eq!(
            get(&other, "/api/audit", &[]).await.status,
            StatusCode::FORBIDDEN,
            "{email}"
        );
        assert_eq!(
            get(&other, "/users", &[]).await.status,
            StatusCode::FORBIDDEN,
            "{email}"
        );
    }
}
