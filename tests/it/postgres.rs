//! The same migrations, loaders, demo data and pages on PostgreSQL, the multi-instance deployment.
//! One test, because it empties the one test database.
//!
//! Needs a PostgreSQL database the test may empty, named by `ENLACE_TEST_POSTGRES_URL`;
//! `tests/run-all.sh` installs and starts a local server and runs it with
//! `cargo nextest run --run-ignored only -E 'test(/^postgres::/)'`.

use axum::http::StatusCode;
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
use tests::{empty_postgres, get, post_form, TestDatabase, DEMO_PASSWORD};

fn postgres_url() -> String {
    std::env::var("ENLACE_TEST_POSTGRES_URL")
        .expect("ENLACE_TEST_POSTGRES_URL names a PostgreSQL database the test may empty")
}

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
                indicator: "LEG-05".into(),
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
    let article_5 = scorecard
        .articles
        .iter()
        .position(|a| a.number == 5)
        .unwrap();
    assert_eq!(costa_rica.scores[article_5].yes_no_met, Some(0.0));
    let mailer = app::rounds::reminders::Mailer::outbox(None);
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
