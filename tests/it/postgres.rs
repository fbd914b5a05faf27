//! The same migrations, loaders, demo data and pages on PostgreSQL, the multi-instance deployment:
//! two servers on one database agreeing, an outage ridden out, backups, and the upgrade from the
//! previous release. One test, because it empties the one test database.
//!
//! Needs a PostgreSQL database the test may empty, named by `ENLACE_TEST_POSTGRES_URL`;
//! `tests/run-all.sh` installs and starts a local server and runs it with
//! `cargo nextest run --run-ignored only -E 'test(/^postgres::/)'`.

use std::time::{Duration, Instant};

use app::domain::Status;
use axum::http::StatusCode;
use http_body_util::BodyExt;
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
};

use app::db::entities::{
    action, country, country_action, indicator, milestone, milestone_progress, plan,
    protocol_article, status_event, theme,
};
use app::rounds::rules::Step;
use app::rounds::service::{take_step, StepRequest};
use migrations::{Migrator, MigratorTrait};
use tests::{
    an_unfinished_action, empty_postgres, get, post_form, postgres_url, status_form, DatabaseLink,
    TestDatabase, DEMO_PASSWORD,
};

/// Everything the demo generator wrote, in a backend-independent order.
async fn demo_rows(db: &DatabaseConnection) -> (Vec<(i32, i32, String, i32)>, u64, u64, u64) {
    let statuses = country_action::Entity::find()
        .order_by_asc(country_action::Column::ActionId)
        .order_by_asc(country_action::Column::CountryId)
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|row| (row.action_id, row.country_id, row.status, row.version))
        .collect();
    (
        statuses,
        milestone::Entity::find().count(db).await.unwrap(),
        milestone_progress::Entity::find().count(db).await.unwrap(),
        status_event::Entity::find().count(db).await.unwrap(),
    )
}

#[tokio::test]
#[ignore = "needs PostgreSQL (ENLACE_TEST_POSTGRES_URL); run by tests/run-all.sh"]
async fn postgres_holds_the_same_plan_demo_data_and_pages_as_sqlite_and_migrates_both_ways() {
    servers_started_at_once_take_turns_at_preparing_the_database().await;
    two_servers_on_one_database_agree_at_once().await;
    an_outage_is_answered_at_once_and_ridden_out().await;
    a_backup_restores_on_postgres_and_from_sqlite().await;
    this_release_upgrades_the_previous_releases_database().await;

    let postgres = TestDatabase::postgres(&postgres_url(), true).await;
    let db = &postgres.db;

    assert_eq!(country::Entity::find().count(db).await.unwrap(), 16);
    assert_eq!(
        protocol_article::Entity::find().count(db).await.unwrap(),
        25
    );
    assert_eq!(indicator::Entity::find().count(db).await.unwrap(), 34);
    assert_eq!(plan::Entity::find().count(db).await.unwrap(), 1);
    assert_eq!(theme::Entity::find().count(db).await.unwrap(), 5);
    assert_eq!(action::Entity::find().count(db).await.unwrap(), 11);

    let sqlite = TestDatabase::new(true).await;
    assert_eq!(
        demo_rows(db).await,
        demo_rows(&sqlite.db).await,
        "the fixed seed gives the same demonstration data on both databases"
    );

    let again = app::bootstrap::prepare(db, true).await.unwrap();
    assert_eq!((again.loaded_plan, again.demo), (None, None));
    assert_eq!(country::Entity::find().count(db).await.unwrap(), 16);

    let router = postgres.router_as("reviewer@demo.enlace").await;
    for (path, expected) in [
        (
            "/plan",
            "Field Operations: Cooperation, Police and Judicial Response",
        ),
        (
            "/actions/1.1?lang=es",
            "Acciones estratégicas para generar y gestionar inteligencia accionable",
        ),
        ("/countries/MX", "Mexico"),
        ("/protocol", "Criminalization"),
        ("/health", "\"database\":\"reachable\""),
    ] {
        let page = get(&router, path, &[]).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        page.assert_contains(expected);
    }
    assert_eq!(
        get(&router, "/actions/9.9", &[]).await.status,
        StatusCode::NOT_FOUND
    );

    // Sign-in, sessions, throttling and the audit trail on PostgreSQL.
    let anonymous = postgres.router();
    let sign_in = |password: &'static str| {
        let anonymous = anonymous.clone();
        async move {
            post_form(
                &anonymous,
                "/api/sign-in",
                &format!("email=focal.cr%40demo.enlace&password={password}"),
                &[],
            )
            .await
        }
    };
    let audited_before = postgres.audit_count().await;
    let signed_in = sign_in(DEMO_PASSWORD).await;
    assert_eq!(signed_in.status, StatusCode::OK, "{}", signed_in.body);
    assert!(signed_in.session_token().is_some());
    assert_eq!(postgres.audit_count().await, audited_before + 1);
    for _ in 0..5 {
        assert_eq!(
            sign_in("wrong-password").await.status,
            StatusCode::UNAUTHORIZED
        );
    }
    assert_eq!(
        sign_in(DEMO_PASSWORD).await.status,
        StatusCode::TOO_MANY_REQUESTS
    );
    let secretariat = postgres.router_as("secretariat@demo.enlace").await;
    let trail = get(&secretariat, "/audit?country=CR&entity=app_user", &[]).await;
    assert_eq!(trail.status, StatusCode::OK);
    trail.assert_contains("sign_in app_user");

    // An update saved with its version, and a file stored and read back, on PostgreSQL.
    let focal = app::accounts::sessions::viewer(
        &postgres.db,
        postgres.user("focal.cr@demo.enlace").await.unwrap(),
    )
    .await
    .unwrap();
    let first_action = action::Entity::find()
        .order_by_asc(action::Column::Id)
        .one(&postgres.db)
        .await
        .unwrap()
        .unwrap();
    let version = country_action::Entity::find()
        .filter(country_action::Column::ActionId.eq(first_action.id))
        .all(&postgres.db)
        .await
        .unwrap()
        .into_iter()
        .find(|record| record.country_id == focal.country_id().unwrap())
        .map_or(0, |record| record.version);
    let update = app::actions::rules::ActionUpdate {
        action_id: first_action.id,
        country: "CR".into(),
        version,
        status: app::domain::Status::InProgress,
        narrative_en: "Saved on PostgreSQL.".into(),
        narrative_es: String::new(),
        milestones: Vec::new(),
        comment: String::new(),
        evidence: Vec::new(),
    };
    let now = chrono::Utc::now();
    let saved = app::actions::service::save_update(&postgres.db, &focal, &update, now)
        .await
        .unwrap();
    assert_eq!(saved.version, version + 1);
    let stale = app::actions::rules::ActionUpdate {
        status: app::domain::Status::Completed,
        ..update
    };
    assert!(matches!(
        app::actions::service::save_update(&postgres.db, &focal, &stale, now).await,
        Err(app::error::AppError::Conflict(_))
    ));
    let pdf = b"%PDF-1.4\n% stored in bytea\n".to_vec();
    let (file, _) = app::actions::service::attach_file(
        &postgres.db,
        &focal,
        first_action.id,
        "CR",
        "evidence.pdf",
        pdf.clone(),
        now,
    )
    .await
    .unwrap();
    let (_, content_type, content) = app::actions::service::attached_file(&postgres.db, file)
        .await
        .unwrap();
    assert_eq!((content_type.as_str(), content), ("application/pdf", pdf));

    // A submission through its steps, the scorecard and automatic reminders on PostgreSQL.
    let secretary = postgres.viewer("secretariat@demo.enlace").await;
    let values = app::indicators::service::ValuesInput {
        country: "CR".into(),
        year: 2026,
        version: 0,
        values: vec![
            app::indicators::rules::ValueForm {
                indicator: "SEA-01".into(),
                value: "no".into(),
                source: "Gazette".into(),
                ..Default::default()
            },
            app::indicators::rules::ValueForm {
                indicator: "ENF-04".into(),
                numerator: "3".into(),
                denominator: "8".into(),
                source: "Prosecutor".into(),
                ..Default::default()
            },
        ],
    };
    app::indicators::service::save_values(&postgres.db, &focal, &values, now)
        .await
        .unwrap();
    for (viewer, step, version, reason) in [
        (&focal, Step::Submit, 1, ""),
        (&secretary, Step::Return, 2, "Check ENF-04."),
        (&focal, Step::Submit, 3, ""),
        (&secretary, Step::Validate, 4, ""),
    ] {
        let request = StepRequest {
            country: "CR".into(),
            year: 2026,
            step,
            version,
            reason: reason.into(),
        };
        take_step(&postgres.db, viewer, &request, now)
            .await
            .unwrap();
    }
    let scorecard = app::indicators::queries::scorecard(&postgres.db)
        .await
        .unwrap();
    let costa_rica = scorecard.rows.iter().find(|row| row.iso2 == "CR").unwrap();
    assert_eq!(costa_rica.year, Some(2026));
    let article_8 = scorecard
        .articles
        .iter()
        .position(|a| a.number == 8)
        .unwrap();
    assert_eq!(costa_rica.scores[article_8].yes_no_met, Some(0.0));
    // Submitting derived the legislative indicators from Costa Rica's matrix, on PostgreSQL too.
    let article_5 = scorecard
        .articles
        .iter()
        .position(|a| a.number == 5)
        .unwrap();
    assert!(costa_rica.scores[article_5].yes_no_met.is_some());
    let mailer = app::mail::Mailer::outbox(None);
    let due_week: chrono::DateTime<chrono::Utc> = "2027-03-24T08:00:00Z".parse().unwrap();
    let first = app::rounds::reminders::send_due_reminders(&postgres.db, &mailer, due_week)
        .await
        .unwrap();
    assert_eq!(first.len(), 10, "every member but Costa Rica, once");
    let again = app::rounds::reminders::send_due_reminders(&postgres.db, &mailer, due_week)
        .await
        .unwrap();
    assert!(again.is_empty());

    drop((router, anonymous, secretariat));
    postgres.db.close().await.unwrap();

    // Rolling back needs a database without plans: the reference rows cannot go while actions cite them.
    let db = &empty_postgres(&postgres_url()).await;
    Migrator::up(db, None)
        .await
        .expect("every migration applies");
    Migrator::down(db, None)
        .await
        .expect("every migration rolls back");
    Migrator::up(db, None).await.expect("and applies again");
    assert_eq!(indicator::Entity::find().count(db).await.unwrap(), 34);
    assert_eq!(plan::Entity::find().count(db).await.unwrap(), 0);
}

/// Two servers started at once on an empty database both come up: one migrates and loads the plan
/// and the demonstration data, the other waits its turn and finds them there.
async fn servers_started_at_once_take_turns_at_preparing_the_database() {
    empty_postgres(&postgres_url())
        .await
        .close()
        .await
        .expect("the connection closes");
    let config = server::Config::for_database(postgres_url(), true);
    let first = server::connect(&config).await.unwrap();
    let second = server::connect(&config).await.unwrap();
    let (a, b) = tokio::join!(
        app::bootstrap::prepare(&first, true),
        app::bootstrap::prepare(&second, true)
    );
    let (a, b) = (
        a.expect("the first server starts"),
        b.expect("the second server starts"),
    );
    let loaded = [&a, &b]
        .iter()
        .filter(|prepared| prepared.loaded_plan.is_some() && prepared.demo.is_some())
        .count();
    assert_eq!(loaded, 1, "{a:?} {b:?}");
    assert!(a.is_demo && b.is_demo);
    assert_eq!(plan::Entity::find().count(&first).await.unwrap(), 1);
}

/// The pages a reviewer compares across servers.
const SHARED_PAGES: [&str; 4] = ["/", "/countries/cr", "/matrix", "/reports?year=2026"];

/// How long a change saved on one server may take to show on another's pages.
const STALENESS_LIMIT: Duration = Duration::from_secs(1);

/// Asks `router` for `path` until its page equals `expected` (but for nonces), for at most
/// `STALENESS_LIMIT`; returns how long that took.
async fn shows_within_limit(router: &axum::Router, path: &str, expected: &str) -> Duration {
    let started = Instant::now();
    loop {
        let page = get(router, path, &[]).await;
        assert_eq!(page.status, StatusCode::OK, "{path}: {}", page.body);
        if page.shown() == expected {
            return started.elapsed();
        }
        assert!(
            started.elapsed() < STALENESS_LIMIT,
            "{path} on the second server still differs from the first server's after {STALENESS_LIMIT:?}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Two servers on one database, each with its own connections, change feed, snapshot and page
/// memory: a status saved on the first shows on the second's pages and event stream within a
/// second, and a session ended on the second cannot save on the first.
async fn two_servers_on_one_database_agree_at_once() {
    let first = TestDatabase::postgres(&postgres_url(), true).await;
    let second = TestDatabase::open(&postgres_url(), true).await;
    let reviewer_on_first = first.router_as("reviewer@demo.enlace").await;
    let reviewer_on_second = second.router_as("reviewer@demo.enlace").await;
    let mut before = Vec::new();
    for path in SHARED_PAGES {
        before.push(get(&reviewer_on_second, path, &[]).await.shown());
    }
    let cookie = second.session_cookie("reviewer@demo.enlace").await;
    let mut events = subscribe(&second.router(), &cookie).await;

    // Costa Rica completes an action on the first server.
    let record = an_unfinished_action(&first.db, "CR").await;
    let focal_cookie = first.session_cookie("focal.cr@demo.enlace").await;
    let focal_on_first = first.router_with_cookie(&focal_cookie);
    let saved = post_form(
        &focal_on_first,
        "/api/actions/update",
        &status_form(record.action_id, record.version, Status::Completed),
        &[],
    )
    .await;
    assert!(saved.status.is_success(), "{}", saved.body);

    let frame = tokio::time::timeout(STALENESS_LIMIT, events.frame())
        .await
        .expect("the second server streams the first server's change within a second")
        .unwrap()
        .unwrap();
    let message = String::from_utf8(frame.into_data().unwrap().to_vec()).unwrap();
    // The change names the action, so that each server reads that action's history again.
    let announced = format!(
        "data: {{\"kind\":\"update\",\"country\":\"CR\",\"action\":{}}}",
        record.action_id
    );
    assert!(message.starts_with(&announced), "{message}");
    for (path, before) in SHARED_PAGES.iter().zip(&before) {
        let on_first = get(&reviewer_on_first, path, &[]).await.shown();
        assert_ne!(
            &on_first, before,
            "{path} shows the save on the first server"
        );
        shows_within_limit(&reviewer_on_second, path, &on_first).await;
    }

    // Signed out on the second server, the session can no longer save on the first, whose memory
    // had just seen it.
    assert_eq!(
        get(&focal_on_first, "/countries/cr", &[]).await.status,
        StatusCode::OK
    );
    let out = post_form(
        &second.router_with_cookie(&focal_cookie),
        "/api/sign-out",
        "",
        &[],
    )
    .await;
    assert!(
        out.status.is_success() || out.status.is_redirection(),
        "{}",
        out.status
    );
    let refused = post_form(
        &focal_on_first,
        "/api/actions/update",
        &status_form(record.action_id, record.version + 1, Status::InProgress),
        &[],
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED, "{}", refused.body);
    let started = Instant::now();
    while get(&focal_on_first, "/countries/cr", &[]).await.status == StatusCode::OK {
        assert!(
            started.elapsed() < STALENESS_LIMIT,
            "the page still opens after the sign-out"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    first.db.close().await.unwrap();
    second.db.close().await.unwrap();
}

/// An open dashboard's subscription to the server's change events.
async fn subscribe(router: &axum::Router, cookie: &str) -> axum::body::Body {
    use tower::ServiceExt;
    let subscription = router
        .clone()
        .oneshot(
            axum::http::Request::get("/events")
                .header(axum::http::header::HOST, tests::HOST)
                .header(axum::http::header::COOKIE, cookie)
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(subscription.status(), StatusCode::OK);
    subscription.into_body()
}

/// A server whose database goes away answers at once that it is unavailable, in the user's
/// language, and never sends the browser elsewhere; once the database is back it serves again, with
/// what another server saved meanwhile.
async fn an_outage_is_answered_at_once_and_ridden_out() {
    let direct = TestDatabase::postgres(&postgres_url(), true).await;
    let link = DatabaseLink::to_postgres().await;
    let linked = TestDatabase::open(&link.url(&postgres_url()), true).await;
    let reviewer = linked.router_as("reviewer@demo.enlace").await;
    // What the server remembers of these pages must not outlive the outage.
    for path in SHARED_PAGES {
        assert_eq!(get(&reviewer, path, &[]).await.status, StatusCode::OK);
    }

    link.cut();
    let started = Instant::now();
    while !linked.availability.is_unreachable() {
        assert!(
            started.elapsed() < Duration::from_secs(3),
            "the probe notices within 3 s"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let started = Instant::now();
    let page = get(
        &reviewer,
        "/matrix",
        &[("accept", "text/html"), ("accept-language", "es")],
    )
    .await;
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "answered at once"
    );
    assert_eq!(page.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(page.headers["retry-after"], "5");
    assert!(page.location().is_none());
    page.assert_contains("No disponible por el momento");
    let save = post_form(&reviewer, "/api/actions/update", "update[action_id]=1", &[]).await;
    assert_eq!(
        save.status,
        StatusCode::SERVICE_UNAVAILABLE,
        "{}",
        save.body
    );
    let started = Instant::now();
    let health = get(&linked.router(), "/health", &[]).await;
    assert!(
        started.elapsed() < Duration::from_millis(1500),
        "health answers within a second"
    );
    assert_eq!(health.status, StatusCode::SERVICE_UNAVAILABLE);

    // Meanwhile the other server saves.
    let focal = direct.viewer("focal.cr@demo.enlace").await;
    let record = an_unfinished_action(&direct.db, "CR").await;
    let update = app::actions::rules::ActionUpdate {
        action_id: record.action_id,
        country: "CR".into(),
        version: record.version,
        status: Status::Completed,
        narrative_en: "Saved while the other server was cut off.".into(),
        narrative_es: String::new(),
        milestones: Vec::new(),
        comment: String::new(),
        evidence: Vec::new(),
    };
    app::actions::service::save_update(&direct.db, &focal, &update, chrono::Utc::now())
        .await
        .unwrap();

    link.restore();
    let started = Instant::now();
    while get(&reviewer, "/matrix", &[]).await.status != StatusCode::OK {
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "serving again within 5 s"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let on_direct = direct.router_as("reviewer@demo.enlace").await;
    for path in SHARED_PAGES {
        let expected = get(&on_direct, path, &[]).await.shown();
        shows_within_limit(&reviewer, path, &expected).await;
    }
    direct.db.close().await.unwrap();
    linked.db.close().await.unwrap();
}

/// A backup of a PostgreSQL database restores into an empty one with every row as it was, files
/// included; a SQLite backup restores into PostgreSQL, which then numbers new rows after the
/// restored ones.
async fn a_backup_restores_on_postgres_and_from_sqlite() {
    let source = TestDatabase::postgres(&postgres_url(), true).await;
    crate::backup::fill_every_table(&source).await;
    let mut backup = Vec::new();
    let written = app::backup::write(&source.db, &mut backup).await.unwrap();
    source.db.close().await.unwrap();

    let empty = empty_postgres(&postgres_url()).await;
    let copied = app::backup::restore(&empty, backup.as_slice(), false)
        .await
        .unwrap();
    assert_eq!(copied, written);
    let mut again = Vec::new();
    app::backup::write(&empty, &mut again).await.unwrap();
    let mut expected = crate::backup::backup_rows(&backup);
    let mut found = crate::backup::backup_rows(&again);
    found.retain(|line| !line.contains("\"operation\":\"restore\""));
    expected.sort();
    found.sort();
    assert!(
        expected == found,
        "the restored PostgreSQL database differs"
    );
    empty.close().await.unwrap();

    let sqlite = TestDatabase::new(true).await;
    crate::backup::fill_every_table(&sqlite).await;
    let mut from_sqlite = Vec::new();
    let written = app::backup::write(&sqlite.db, &mut from_sqlite)
        .await
        .unwrap();
    let target = TestDatabase::open(&postgres_url(), true).await;
    let copied = app::backup::restore(&target.db, from_sqlite.as_slice(), true)
        .await
        .unwrap();
    assert_eq!(copied, written);
    let focal = target.viewer("focal.cr@demo.enlace").await;
    let first_action = action::Entity::find()
        .order_by_asc(action::Column::Id)
        .one(&target.db)
        .await
        .unwrap()
        .unwrap();
    let (file, _) = app::actions::service::attach_file(
        &target.db,
        &focal,
        first_action.id,
        "CR",
        "after-restore.pdf",
        b"%PDF-1.4\n".to_vec(),
        chrono::Utc::now(),
    )
    .await
    .expect("new rows are numbered after the restored ones");
    assert!(file > 1);
    target.db.close().await.unwrap();
}

/// This release starts on a PostgreSQL database the previous release left (`upgrade.rs`).
async fn this_release_upgrades_the_previous_releases_database() {
    let db = empty_postgres(&postgres_url()).await;
    crate::upgrade::left_by_the_previous_release(&db).await;
    let before = crate::upgrade::rows_by_table(&db).await;
    db.close().await.unwrap();
    let test = TestDatabase::open(&postgres_url(), true).await;
    assert!(test.prepared.loaded_plan.is_none() && test.prepared.demo.is_none());
    crate::upgrade::this_release_starts_on_it(&test, before).await;
    test.db.close().await.unwrap();
}
