//! This release upgrades a database the previous release left: the previous release's migrations
//! (`migrations::PREVIOUS_RELEASE_MIGRATIONS`), its first start with the demonstration data, and a
//! comment and a file kept under the tables it named them by. After this release starts on it,
//! every row is there (the comment and the file under their new tables) and the pages read them.
//! On PostgreSQL in `postgres.rs`.

use std::collections::BTreeMap;

use axum::http::StatusCode;
use chrono::Utc;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};

use migrations::{reference, Migrator, MigratorTrait, PREVIOUS_RELEASE_MIGRATIONS};
use tests::{get, TestDatabase};

/// Fills the empty database `db` as the previous release left it.
pub async fn left_by_the_previous_release(db: &DatabaseConnection) {
    // The plan, the demonstration history and accounts, written by this release and taken back to
    // the previous release's schema by the migrations' `down`.
    Migrator::up(db, None).await.unwrap();
    let loaded = app::plan::service::load_plan_text(
        db,
        reference::DEFAULT_PLAN_FILE,
        reference::DEFAULT_PLAN,
    )
    .await
    .unwrap();
    app::demo::load(db, loaded.plan_id).await.unwrap();
    app::accounts::service::create_demo_accounts(db, Utc::now())
        .await
        .unwrap();
    let newer = Migrator::get_migration_files().len() as u32 - PREVIOUS_RELEASE_MIGRATIONS;
    Migrator::down(db, Some(newer)).await.unwrap();
    // A comment and a file, where the previous release kept them, with its audit entries.
    let run = |sql: &str| Statement::from_string(db.get_database_backend(), sql.to_owned());
    let blob = match db.get_database_backend() {
        DbBackend::Postgres => "'\\x25504446'::bytea",
        _ => "X'25504446'",
    };
    for sql in [
        "INSERT INTO report_comment (action_id, country_id, author_id, body, created_at) \
         SELECT a.id, c.id, u.id, 'Seen at the border, before the upgrade.', '2026-11-30T10:00:00Z' \
         FROM action a, country c, app_user u \
         WHERE a.code = '1.1' AND c.iso2 = 'CR' AND u.email = 'secretariat@demo.enlace'"
            .to_owned(),
        format!(
            "INSERT INTO evidence_file (action_id, country_id, file_name, content_type, size_bytes, \
             sha256, content, uploaded_by, uploaded_at) \
             SELECT a.id, c.id, 'minutes.pdf', 'application/pdf', 4, \
             '315d429b7714cedb6ad04ac31240145257692630457f3c88253c5beceac76027', {blob}, u.id, \
             '2026-11-30T10:00:00Z' \
             FROM action a, country c, app_user u \
             WHERE a.code = '1.1' AND c.iso2 = 'CR' AND u.email = 'focal.cr@demo.enlace'"
        ),
        "INSERT INTO audit_entry (actor_id, occurred_at, entity, entity_id, operation) \
         VALUES (NULL, '2026-11-30T10:00:00Z', 'report_comment', '1', 'create'), \
         (NULL, '2026-11-30T10:00:00Z', 'evidence_file', '1', 'create')"
            .to_owned(),
    ] {
        db.execute(run(&sql)).await.unwrap();
    }
}

/// How many rows each table holds, but the migrations' own.
pub async fn rows_by_table(db: &DatabaseConnection) -> BTreeMap<String, i64> {
    let tables_sql = match db.get_database_backend() {
        DbBackend::Postgres => {
            "SELECT table_name AS name FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
        }
        _ => "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    };
    let backend = db.get_database_backend();
    let mut counts = BTreeMap::new();
    for row in db
        .query_all(Statement::from_string(backend, tables_sql.to_owned()))
        .await
        .unwrap()
    {
        let table: String = row.try_get("", "name").unwrap();
        if table == "seaql_migrations" {
            continue;
        }
        let count = db
            .query_one(Statement::from_string(
                backend,
                format!("SELECT COUNT(*) AS n FROM \"{table}\""),
            ))
            .await
            .unwrap()
            .unwrap()
            .try_get::<i64>("", "n")
            .unwrap();
        counts.insert(table, count);
    }
    counts
}

/// Starts this release on `test`'s database, which the previous release left, and checks that
/// every row is kept and read.
pub async fn this_release_starts_on_it(test: &TestDatabase, before: BTreeMap<String, i64>) {
    let mut expected = before;
    for (former, current) in [
        ("report_comment", "update_comment"),
        ("evidence_file", "attachment"),
    ] {
        let rows = expected
            .remove(former)
            .expect("a table of the previous release");
        expected.insert(current.to_owned(), rows);
    }
    // The tables this release adds start empty.
    for table in [
        "action_country",
        "api_token",
        "digest",
        "legislation_comment",
        "legislation_entry",
        "legislation_instrument",
        "legislation_version",
        "network_contact",
        "pending_import",
        "plan_revision",
    ] {
        expected.entry(table.to_owned()).or_insert(0);
    }
    // The provisions of the legislation matrix arrive with their reference data.
    expected.insert(
        "legislation_provision".to_owned(),
        migrations::reference::legislation_provisions()
            .unwrap()
            .len() as i64,
    );
    assert_eq!(rows_by_table(&test.db).await, expected);

    let reviewer = test.router_as("reviewer@demo.enlace").await;
    for path in ["/", "/countries/cr", "/matrix", "/reports?year=2026"] {
        let page = get(&reviewer, path, &[]).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
    }
    let secretariat = test.router_as("secretariat@demo.enlace").await;
    let trail = get(&secretariat, "/audit", &[]).await;
    assert_eq!(trail.status, StatusCode::OK);
    let action = get(&reviewer, &app::urls::country_action_path("CR", "1.1"), &[]).await;
    action.assert_contains("Seen at the border, before the upgrade.");
    action.assert_contains("minutes.pdf");
    let file = get(&reviewer, &app::urls::attachment_path(1), &[]).await;
    assert_eq!(file.status, StatusCode::OK);
    assert_eq!(file.body, "%PDF");
}

#[tokio::test]
async fn this_release_upgrades_a_sqlite_database_the_previous_release_left() {
    let directory = tempfile::tempdir().unwrap();
    let url = format!(
        "sqlite://{}?mode=rwc",
        directory.path().join("enlace.db").display()
    );
    let db = server::connect(&server::Config::for_database(&url, true))
        .await
        .unwrap();
    left_by_the_previous_release(&db).await;
    let before = rows_by_table(&db).await;
    db.close().await.unwrap();

    let test = TestDatabase::open(&url, true).await;
    assert!(test.prepared.loaded_plan.is_none() && test.prepared.demo.is_none());
    assert!(test.prepared.is_demo);
    this_release_starts_on_it(&test, before).await;
}
