//! The JSON API through the real router on the demo data: every endpoint called as each role with
//! its own token, the writes with the forms' rules, versions and audit, tokens that no longer
//! open anything, pages, ETags, rate limits, problem details, and the OpenAPI document checked
//! against the specification's schema and kept as a snapshot.

use axum::body::Body;
use axum::http::{header, Request};
use serde_json::{json, Value};

use app::api::types::TokenForm;
use tests::{send, Reply, TestDatabase, HOST};

const FOCAL_CR: &str = "focal.cr@demo.enlace";
const FOCAL_MX: &str = "focal.mx@demo.enlace";
const REVIEWER: &str = "reviewer@demo.enlace";
const SECRETARIAT: &str = "secretariat@demo.enlace";

/// Every read of the API, as a client calls it.
const READS: [&str; 13] = [
    "/api/v1/plan",
    "/api/v1/themes",
    "/api/v1/actions",
    "/api/v1/actions/1.1",
    "/api/v1/countries",
    "/api/v1/statuses?as_of=2025-12-31",
    "/api/v1/milestones?country=CR",
    "/api/v1/indicators",
    "/api/v1/indicators/ENF-01/values",
    "/api/v1/assessments?country=CR",
    "/api/v1/scorecard",
    "/api/v1/rounds",
    "/api/v1/rounds/2025/submissions",
];

/// A token of `email`'s user with `scope`.
async fn token(test: &TestDatabase, email: &str, scope: &str) -> String {
    let viewer = test.viewer(email).await;
    let form = TokenForm {
        name: format!("{email} {scope}"),
        scope: scope.into(),
        expires_on: (chrono::Utc::now().date_naive() + chrono::Days::new(30)).to_string(),
    };
    app::api::service::create_token(&test.db, &viewer, &form, chrono::Utc::now())
        .await
        .expect("a token")
}

/// Calls the API: `method path` with `token` (if any), a JSON `body` (if any) and `headers`.
async fn call(
    router: &axum::Router,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
    headers: &[(&str, &str)],
) -> Reply {
    let mut request = Request::builder()
        .method(method)
        .uri(path)
        .header(header::HOST, HOST);
    if let Some(token) = token {
        request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let body = match body {
        Some(body) => {
            request = request.header(header::CONTENT_TYPE, "application/json");
            Body::from(body.to_string())
        }
        None => Body::empty(),
    };
    send(router, request.body(body).unwrap()).await
}

fn json_of(reply: &Reply) -> Value {
    serde_json::from_str(&reply.body).unwrap_or_else(|_| panic!("JSON: {}", reply.body))
}

fn assert_problem(reply: &Reply, status: u16) -> Value {
    assert_eq!(reply.status.as_u16(), status, "{}", reply.body);
    assert_eq!(
        reply.headers[header::CONTENT_TYPE],
        "application/problem+json"
    );
    let problem = json_of(reply);
    assert_eq!(problem["status"], status);
    assert!(problem["type"]
        .as_str()
        .unwrap()
        .starts_with("urn:enlace:problem:"));
    assert!(!problem["title"].as_str().unwrap().is_empty());
    problem
}

#[tokio::test]
async fn every_read_answers_each_role_and_nobody_without_a_token() {
    let test = TestDatabase::new(true).await;
    let router = test.router();
    for email in [FOCAL_CR, FOCAL_MX, REVIEWER, SECRETARIAT] {
        let token = token(&test, email, "read").await;
        for path in READS {
            let reply = call(&router, "GET", path, Some(&token), None, &[]).await;
            assert_eq!(reply.status.as_u16(), 200, "{email} {path}: {}", reply.body);
            assert_eq!(reply.headers[header::CONTENT_TYPE], "application/json");
            assert!(reply.headers.contains_key(header::ETAG), "{path}");
            json_of(&reply);
        }
    }
    for path in READS {
        let refused = call(&router, "GET", path, None, None, &[]).await;
        assert_problem(&refused, 401);
        assert_eq!(
            refused.headers[header::WWW_AUTHENTICATE],
            "Bearer realm=\"enlace\""
        );
        let wrong = call(&router, "GET", path, Some("enl_not-a-token"), None, &[]).await;
        assert_problem(&wrong, 401);
    }
    // A session cookie opens nothing here: the API answers tokens.
    let cookie = test.session_cookie(REVIEWER).await;
    let reply = call(
        &router,
        "GET",
        "/api/v1/plan",
        None,
        None,
        &[("cookie", &cookie)],
    )
    .await;
    assert_problem(&reply, 401);
}

#[tokio::test]
async fn reads_say_what_the_pages_say() {
    let test = TestDatabase::new(true).await;
    let router = test.router();
    let token = token(&test, REVIEWER, "read").await;
    let get = |path: &'static str| {
        let (router, token) = (router.clone(), token.clone());
        async move { json_of(&call(&router, "GET", path, Some(&token), None, &[]).await) }
    };
    let plan = get("/api/v1/plan").await;
    assert_eq!(
        (plan["themes"].as_u64(), plan["actions"].as_u64()),
        (Some(5), Some(11))
    );
    let statuses = get("/api/v1/statuses?per_page=1000").await;
    assert_eq!(
        statuses["page"]["total"],
        11 * 11,
        "every member country and action"
    );
    let snapshot = app::dashboards::snapshot::Snapshot::load(&test.db)
        .await
        .unwrap();
    let today = chrono::Utc::now().date_naive();
    let matrix = app::matrix::queries::matrix(&snapshot, None, None, None, today);
    for item in statuses["items"].as_array().unwrap() {
        let row = matrix
            .rows
            .iter()
            .find(|row| row.code == item["action"])
            .unwrap();
        let at = matrix
            .countries
            .iter()
            .position(|(iso2, _)| *iso2 == item["country"])
            .unwrap();
        let status = row.cells[at].status.map(|s| s.code());
        assert_eq!(item["status"].as_str(), status, "{item}");
        assert_eq!(
            item["delayed"].as_bool(),
            Some(row.cells[at].delayed),
            "{item}"
        );
    }
    let one = get("/api/v1/statuses?country=cr&theme=2").await;
    assert!(one["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|i| i["country"] == "CR" && i["theme"] == "2"));
    let values = get("/api/v1/indicators/ENF-01/values?country=CR&year=2025").await;
    assert_eq!(values["items"].as_array().unwrap().len(), 1);
    assert_eq!(values["items"][0]["state"], "validated");
    let submissions = get("/api/v1/rounds/2025/submissions").await;
    assert_eq!(submissions["items"].as_array().unwrap().len(), 11);
    for missing in [
        "/api/v1/actions/9.9",
        "/api/v1/indicators/NOPE-1/values",
        "/api/v1/rounds/1999/submissions",
        "/api/v1/nothing",
    ] {
        assert_problem(
            &call(&router, "GET", missing, Some(&token), None, &[]).await,
            404,
        );
    }
    let bad_day = call(
        &router,
        "GET",
        "/api/v1/statuses?as_of=yesterday&lang=es",
        Some(&token),
        None,
        &[],
    )
    .await;
    let problem = assert_problem(&bad_day, 422);
    assert_eq!(problem["errors"][0]["field"], "as_of");
}

#[tokio::test]
async fn lists_come_in_pages_and_an_unchanged_answer_is_not_sent_again() {
    let test = TestDatabase::new(true).await;
    let router = test.router();
    let token = token(&test, REVIEWER, "read").await;
    let first = call(
        &router,
        "GET",
        "/api/v1/statuses?per_page=50",
        Some(&token),
        None,
        &[],
    )
    .await;
    let page = json_of(&first);
    assert_eq!(page["items"].as_array().unwrap().len(), 50);
    assert_eq!(page["page"]["next_page"], 2);
    let last = json_of(
        &call(
            &router,
            "GET",
            "/api/v1/statuses?per_page=50&page=3",
            Some(&token),
            None,
            &[],
        )
        .await,
    );
    assert_eq!(last["items"].as_array().unwrap().len(), 121 - 100);
    assert_eq!(last["page"]["next_page"], Value::Null);
    assert_problem(
        &call(
            &router,
            "GET",
            "/api/v1/statuses?per_page=5000",
            Some(&token),
            None,
            &[],
        )
        .await,
        422,
    );
    assert_problem(
        &call(
            &router,
            "GET",
            "/api/v1/statuses?page=0",
            Some(&token),
            None,
            &[],
        )
        .await,
        422,
    );

    let tag = first.headers[header::ETAG].to_str().unwrap().to_owned();
    let again = call(
        &router,
        "GET",
        "/api/v1/statuses?per_page=50",
        Some(&token),
        None,
        &[("if-none-match", &tag)],
    )
    .await;
    assert_eq!(again.status.as_u16(), 304);
    assert!(again.body.is_empty());
    // A save changes the answer, and its tag.
    let writer = self::token(&test, FOCAL_CR, "write").await;
    let version = report_version(&test).await;
    let saved = call(
        &router,
        "PUT",
        "/api/v1/countries/CR/actions/1.1/report",
        Some(&writer),
        Some(json!({ "version": version, "status": "completed" })),
        &[],
    )
    .await;
    assert_eq!(saved.status.as_u16(), 200, "{}", saved.body);
    let changed = call(
        &router,
        "GET",
        "/api/v1/statuses?per_page=50",
        Some(&token),
        None,
        &[("if-none-match", &tag)],
    )
    .await;
    assert_eq!(changed.status.as_u16(), 200);
}

/// The version of Costa Rica's report on action 1.1.
async fn report_version(test: &TestDatabase) -> i32 {
    use app::db::entities::{action, country, country_action};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let cr = country::Entity::find()
        .filter(country::Column::Iso2.eq("CR"))
        .one(&test.db)
        .await
        .unwrap()
        .unwrap();
    let one = action::Entity::find()
        .filter(action::Column::Code.eq("1.1"))
        .one(&test.db)
        .await
        .unwrap()
        .unwrap();
    country_action::Entity::find()
        .filter(country_action::Column::CountryId.eq(cr.id))
        .filter(country_action::Column::ActionId.eq(one.id))
        .one(&test.db)
        .await
        .unwrap()
        .map_or(0, |record| record.version)
}

#[tokio::test]
async fn writes_follow_the_forms_rules_versions_audit_and_access_policy() {
    let test = TestDatabase::new(true).await;
    let router = test.router();
    let version = report_version(&test).await;
    let report = |version: i32, status: &str| {
        json!({
            "version": version,
            "status": status,
            "narrative_en": "Two courses given.",
            "comment": "Reported by the statistics office",
            "milestones": [{ "code": "M1", "achieved_on": "2026-02-10" }],
        })
    };
    let path = "/api/v1/countries/CR/actions/1.1/report";

    let reader = token(&test, FOCAL_CR, "read").await;
    let refused = call(
        &router,
        "PUT",
        path,
        Some(&reader),
        Some(report(version, "in_progress")),
        &[],
    )
    .await;
    assert_eq!(
        assert_problem(&refused, 403)["type"],
        "urn:enlace:problem:read-only-token"
    );
    for email in [FOCAL_MX, REVIEWER] {
        let other = token(&test, email, "write").await;
        let refused = call(
            &router,
            "PUT",
            path,
            Some(&other),
            Some(report(version, "in_progress")),
            &[],
        )
        .await;
        assert_problem(&refused, 403);
    }

    let writer = token(&test, FOCAL_CR, "write").await;
    let audited = test.audit_count().await;
    let saved = call(
        &router,
        "PUT",
        path,
        Some(&writer),
        Some(report(version, "in_progress")),
        &[],
    )
    .await;
    assert_eq!(saved.status.as_u16(), 200, "{}", saved.body);
    assert_eq!(json_of(&saved)["version"], version + 1);
    let entries = test.audit_since(audited).await;
    assert_eq!(entries.len(), 1, "one audit entry, as a form save");
    assert_eq!(entries[0].entity, "country_action");

    let stale = call(
        &router,
        "PUT",
        path,
        Some(&writer),
        Some(report(version, "completed")),
        &[],
    )
    .await;
    assert_eq!(
        assert_problem(&stale, 409)["type"],
        "urn:enlace:problem:conflict"
    );
    let invalid = call(
        &router,
        "PUT",
        &format!("{path}?lang=es"),
        Some(&writer),
        Some(report(version + 1, "delayed")),
        &[],
    )
    .await;
    let problem = assert_problem(&invalid, 422);
    assert_eq!(problem["errors"][0]["field"], "status");
    let future = json!({ "version": version + 1, "status": "completed", "milestones": [{ "code": "M1", "achieved_on": "2099-01-01" }] });
    assert_problem(
        &call(&router, "PUT", path, Some(&writer), Some(future), &[]).await,
        422,
    );
    let unreadable = call(
        &router,
        "PUT",
        path,
        Some(&writer),
        Some(json!({ "status": 3 })),
        &[],
    )
    .await;
    assert_problem(&unreadable, 400);
    let secretariat = token(&test, SECRETARIAT, "write").await;
    let saved = call(
        &router,
        "PUT",
        path,
        Some(&secretariat),
        Some(report(version + 1, "completed")),
        &[],
    )
    .await;
    assert_eq!(saved.status.as_u16(), 200, "{}", saved.body);

    // Values of the open round, as the indicator page saves them.
    let values = |version: i32| {
        json!({
            "version": version,
            "values": [
                { "indicator": "ENF-01", "value": 41, "source": "Fiscalía" },
                { "indicator": "SEA-01", "value": true, "source": "Código Penal" },
                { "indicator": "ENF-04", "numerator": 3, "denominator": 12, "source": "Poder Judicial" },
            ],
        })
    };
    let path = "/api/v1/countries/cr/values/2026";
    let mexico = token(&test, FOCAL_MX, "write").await;
    assert_problem(
        &call(&router, "PUT", path, Some(&mexico), Some(values(0)), &[]).await,
        403,
    );
    let saved = call(&router, "PUT", path, Some(&writer), Some(values(0)), &[]).await;
    assert_eq!(saved.status.as_u16(), 200, "{}", saved.body);
    assert_eq!(json_of(&saved)["version"], 1);
    assert_problem(&call(&router, "PUT", path, Some(&writer), Some(json!({ "version": 0, "values": [{ "indicator": "ENF-02", "value": 2, "source": "x" }] })), &[]).await, 409);
    let wrong =
        json!({ "version": 1, "values": [{ "indicator": "ENF-02", "value": -2, "source": "x" }] });
    let problem = assert_problem(
        &call(&router, "PUT", path, Some(&writer), Some(wrong), &[]).await,
        422,
    );
    assert_eq!(problem["errors"][0]["subject"], "ENF-02");
    let locked = call(
        &router,
        "PUT",
        "/api/v1/countries/cr/values/2025",
        Some(&writer),
        Some(values(0)),
        &[],
    )
    .await;
    assert_problem(&locked, 422);
}

#[tokio::test]
async fn a_revoked_or_expired_token_opens_nothing_and_tokens_are_kept_as_hashes() {
    use app::db::entities::api_token;
    use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};
    let test = TestDatabase::new(true).await;
    let router = test.router();
    let token = token(&test, REVIEWER, "read").await;
    assert!(token.starts_with("enl_") && token.len() == 4 + 64);
    let stored = api_token::Entity::find().all(&test.db).await.unwrap();
    assert!(stored
        .iter()
        .all(|row| !row.token_hash.contains(&token[4..]) && row.prefix == token[..12]));

    assert_eq!(
        call(&router, "GET", "/api/v1/plan", Some(&token), None, &[])
            .await
            .status
            .as_u16(),
        200
    );
    let viewer = test.viewer(REVIEWER).await;
    app::api::service::revoke_token(&test.db, &viewer, stored[0].id, chrono::Utc::now())
        .await
        .unwrap();
    assert_problem(
        &call(&router, "GET", "/api/v1/plan", Some(&token), None, &[]).await,
        401,
    );

    let other = self::token(&test, REVIEWER, "read").await;
    let record = api_token::Entity::find_by_id(stored[0].id + 1)
        .one(&test.db)
        .await
        .unwrap()
        .unwrap();
    let mut expired: api_token::ActiveModel = record.into();
    expired.expires_on = Set(chrono::Utc::now().date_naive() - chrono::Days::new(1));
    expired.update(&test.db).await.unwrap();
    assert_problem(
        &call(&router, "GET", "/api/v1/plan", Some(&other), None, &[]).await,
        401,
    );

    // Someone else's token is not theirs to revoke.
    let mexico = test.viewer(FOCAL_MX).await;
    let refused =
        app::api::service::revoke_token(&test.db, &mexico, stored[0].id, chrono::Utc::now()).await;
    assert!(matches!(refused, Err(app::error::AppError::NotFound)));
}

#[tokio::test]
async fn the_account_page_creates_a_token_shows_it_once_and_revokes_it() {
    let test = TestDatabase::new(true).await;
    let router = test.router_as(REVIEWER).await;
    let expires = (chrono::Utc::now().date_naive() + chrono::Days::new(10)).to_string();
    let created = tests::submit(
        &router,
        "/account",
        "/api/account/tokens/create",
        &[
            ("form[name]", "Statistics office"),
            ("form[scope]", "read"),
            ("form[expires_on]", expires.as_str()),
        ],
    )
    .await;
    assert_eq!(created.status.as_u16(), 303, "{}", created.shown());
    let cookie = created
        .cookies()
        .into_iter()
        .find(|cookie| cookie.starts_with("enlace_new_token=enl_"))
        .expect("the new token travels to the page once");
    let pair = cookie.split(';').next().unwrap().to_owned();
    let session = test.session_cookie(REVIEWER).await;
    let page = tests::get(
        &router,
        "/account?lang=en",
        &[("cookie", &format!("{session}; {pair}"))],
    )
    .await;
    page.assert_contains("Copy it now");
    page.assert_contains(&pair["enlace_new_token=".len()..]);
    assert!(
        page.cookies()
            .iter()
            .any(|c| c.starts_with("enlace_new_token=;")),
        "and is forgotten"
    );
    let again = tests::get(&router, "/account?lang=en", &[]).await;
    again.assert_lacks("Copy it now");
    again.assert_contains("Statistics office");

    let refused = tests::submit(
        &router,
        "/account?lang=en",
        "/api/account/tokens/create",
        &[
            ("form[name]", ""),
            ("form[scope]", "admin"),
            ("form[expires_on]", "2020-01-01"),
        ],
    )
    .await;
    assert_eq!(refused.status.as_u16(), 422);
    refused.assert_contains("Name the token");
    refused.assert_contains("at least until tomorrow");
}

#[tokio::test]
async fn a_token_over_its_rate_is_told_when_to_come_back() {
    std::env::set_var("ENLACE_API_REQUESTS_PER_MINUTE", "5");
    let test = TestDatabase::new(true).await;
    let router = test.router();
    let token = token(&test, REVIEWER, "read").await;
    for _ in 0..5 {
        assert_eq!(
            call(&router, "GET", "/api/v1/themes", Some(&token), None, &[])
                .await
                .status
                .as_u16(),
            200
        );
    }
    let limited = call(
        &router,
        "GET",
        "/api/v1/themes?lang=es",
        Some(&token),
        None,
        &[],
    )
    .await;
    let problem = assert_problem(&limited, 429);
    assert!(problem["detail"].as_str().unwrap().contains("segundos"));
    assert!(
        limited.headers[header::RETRY_AFTER]
            .to_str()
            .unwrap()
            .parse::<u64>()
            .unwrap()
            >= 1
    );
    // Another token has its own count.
    let other = self::token(&test, SECRETARIAT, "read").await;
    assert_eq!(
        call(&router, "GET", "/api/v1/themes", Some(&other), None, &[])
            .await
            .status
            .as_u16(),
        200
    );
}

#[tokio::test]
async fn the_openapi_document_is_valid_describes_every_route_and_is_kept_as_a_snapshot() {
    let test = TestDatabase::new(true).await;
    let router = test.router();
    let reply = call(&router, "GET", "/api/v1/openapi.json", None, None, &[]).await;
    assert_eq!(reply.status.as_u16(), 200);
    let document = json_of(&reply);
    assert_eq!(document["openapi"], "3.1.0");

    let schema: Value =
        serde_json::from_str(include_str!("../fixtures/openapi-3.1-schema.json")).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the specification's schema");
    let errors: Vec<String> = validator
        .iter_errors(&document)
        .map(|e| format!("{e} at {}", e.instance_path))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // Every reference names a schema the document has.
    let text = document.to_string();
    for reference in text.split("\"#/components/schemas/").skip(1) {
        let name = reference.split('"').next().unwrap();
        assert!(
            document["components"]["schemas"].get(name).is_some(),
            "{name}"
        );
    }
    let paths = document["paths"].as_object().unwrap();
    for read in READS {
        let path = read
            .trim_start_matches("/api/v1")
            .split('?')
            .next()
            .unwrap();
        let templated = paths.keys().any(|key| {
            key == path || {
                let (a, b): (Vec<&str>, Vec<&str>) =
                    (key.split('/').collect(), path.split('/').collect());
                a.len() == b.len() && a.iter().zip(&b).all(|(k, p)| k == p || k.starts_with('{'))
            }
        });
        assert!(templated, "{path} is documented");
    }
    assert_eq!(paths.len(), 15);
    insta::assert_snapshot!("openapi", serde_json::to_string_pretty(&document).unwrap());

    let page = call(&router, "GET", "/api/v1/docs?lang=es", None, None, &[]).await;
    assert_eq!(page.status.as_u16(), 200);
    page.assert_contains("GET /api/v1/statuses");
    page.assert_contains("PUT /api/v1/countries/{iso2}/values/{year}");
    page.assert_contains("Tokens de la API");
    page.assert_contains("Lo que contienen las respuestas y las solicitudes");
}

#[tokio::test]
async fn tokens_end_with_a_password_reset_and_wait_for_a_one_time_password_to_change() {
    let test = TestDatabase::new(true).await;
    let router = test.router();
    let token = token(&test, FOCAL_CR, "write").await;
    let head = call(&router, "HEAD", "/api/v1/plan", Some(&token), None, &[]).await;
    assert_eq!(head.status.as_u16(), 200);
    assert_problem(
        &call(
            &router,
            "GET",
            "/api/v1/statuses?page=abc",
            Some(&token),
            None,
            &[],
        )
        .await,
        400,
    );

    let secretariat = test.viewer(SECRETARIAT).await;
    let user = test.user(FOCAL_CR).await.unwrap();
    app::accounts::service::set_one_time_password(
        &test.db,
        &secretariat,
        user.id,
        "a brand new one-time passphrase",
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    assert_problem(
        &call(&router, "GET", "/api/v1/plan", Some(&token), None, &[]).await,
        401,
    );
    let viewer = test.viewer(FOCAL_CR).await;
    assert!(viewer.must_change_password);
    let form = TokenForm {
        name: "Before the new password".into(),
        scope: "read".into(),
        expires_on: (chrono::Utc::now().date_naive() + chrono::Days::new(3)).to_string(),
    };
    let refused =
        app::api::service::create_token(&test.db, &viewer, &form, chrono::Utc::now()).await;
    assert!(matches!(refused, Err(app::error::AppError::Forbidden)));
}
