//! Backups (`app::backup`): a backup of a database with rows in every table restores into an empty
//! database with every row of every table as it was, files included; a file that is not a backup,
//! or a database already in use, is refused and left as it was. The same on PostgreSQL, and from
//! SQLite into PostgreSQL, in `postgres.rs`.

use std::collections::BTreeSet;
use std::io::Read;

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    FromQueryResult, JsonValue, PaginatorTrait, QueryFilter, Set, Statement,
};

use app::db::entities::{audit_entry, objective, theme};
use app::domain::Role;
use app::i18n::Lang;
use app::reports::service::Generated;
use app::reports::types::ReportFormat;
use tests::{post_form, TestDatabase};

const FOCAL_CR: &str = "focal.cr@demo.enlace";
const SECRETARIAT: &str = "secretariat@demo.enlace";

/// Adds to a demonstration database what it lacks for every table to have rows: an objective, a
/// comment, an attached file, a kept report, a reminder, a session and a failed sign-in.
pub async fn fill_every_table(test: &TestDatabase) {
    let now = Utc::now();
    let db = &test.db;
    let first_theme = theme::Entity::find().one(db).await.unwrap().unwrap();
    objective::ActiveModel {
        theme_id: Set(first_theme.id),
        code: Set("1.1".into()),
        title_en: Set("Know the routes".into()),
        title_es: Set("Conocer las rutas".into()),
        sort_order: Set(1),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    let focal = test.viewer(FOCAL_CR).await;
    let secretariat = test.viewer(SECRETARIAT).await;
    // A revision of the plan (and the plan as loaded, its first), an action limited to one country
    // and a contact of the network.
    app::plan::service::start_revision(
        db,
        &secretariat,
        "A revision",
        "2026-10-01".parse().unwrap(),
    )
    .await
    .unwrap();
    let costa_rica = app::db::entities::country::Entity::find()
        .filter(app::db::entities::country::Column::Iso2.eq("CR"))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let some_action = app::db::entities::action::Entity::find()
        .one(db)
        .await
        .unwrap()
        .unwrap();
    app::db::entities::action_country::ActiveModel {
        action_id: Set(some_action.id),
        country_id: Set(costa_rica.id),
    }
    .insert(db)
    .await
    .unwrap();
    app::db::entities::network_contact::ActiveModel {
        country_id: Set(costa_rica.id),
        name: Set("Ana Mora".into()),
        institution: Set("Dirección de Migración".into()),
        role: Set("focal_point".into()),
        languages: Set("es,en".into()),
        email: Set(Some("ana@example.org".into())),
        phone: Set(None),
        updated_at: Set(now),
        updated_by: Set(Some(secretariat.user_id)),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    let secretariat_user = test.viewer("secretariat@demo.enlace").await;
    app::imports::service::upload(
        db,
        &secretariat_user,
        &app::imports::types::UploadForm {
            kind: "statuses".into(),
            file_name: "statuses.csv".into(),
            ..Default::default()
        },
        "País;Acción;Estado\nCR;1.1;En curso\n".as_bytes(),
        now,
    )
    .await
    .unwrap();
    app::db::entities::api_token::ActiveModel {
        user_id: Set(secretariat_user.user_id),
        name: Set("Statistics office".into()),
        prefix: Set("enl_abcd".into()),
        token_hash: Set("0".repeat(64)),
        scope: Set("read".into()),
        expires_on: Set(chrono::NaiveDate::from_ymd_opt(2027, 12, 31).unwrap()),
        created_at: Set(now),
        last_used_at: Set(None),
        revoked_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    let provision = app::db::entities::legislation_provision::Entity::find()
        .one(db)
        .await
        .unwrap()
        .unwrap();
    // The demo matrix covers the members; an observer's entry is the secretariat's.
    let colombia = app::db::entities::country::Entity::find()
        .filter(app::db::entities::country::Column::Iso2.eq("CO"))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let entry = app::db::entities::legislation_entry::ActiveModel {
        country_id: Set(colombia.id),
        provision_id: Set(provision.id),
        coverage: Set("full".into()),
        original_text: Set(Some(
            "Artículo 249 bis. Tráfico ilícito de personas.".into(),
        )),
        text_language: Set(Some("es".into())),
        penalty_min_years: Set(Some(2.0)),
        penalty_max_years: Set(Some(6.0)),
        entered_by: Set(Some(secretariat_user.user_id)),
        entered_at: Set(now),
        version: Set(1),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    app::db::entities::legislation_instrument::ActiveModel {
        entry_id: Set(entry.id),
        title: Set("Código Penal".into()),
        number: Set(Some("4573".into())),
        year: Set(Some(1970)),
        article: Set(Some("249 bis".into())),
        sort_order: Set(0),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    app::db::entities::legislation_version::ActiveModel {
        entry_id: Set(entry.id),
        version: Set(1),
        content: Set("{}".into()),
        saved_by: Set(Some(secretariat_user.user_id)),
        saved_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    app::db::entities::legislation_comment::ActiveModel {
        entry_id: Set(entry.id),
        author_id: Set(Some(secretariat_user.user_id)),
        body: Set("Please add the fines.".into()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    let action = app::db::entities::action::Entity::find()
        .one(db)
        .await
        .unwrap()
        .unwrap();
    app::actions::service::add_comment(
        db,
        &secretariat,
        action.id,
        "CR",
        "Seen at the border.",
        now,
    )
    .await
    .unwrap();
    let bytes: Vec<u8> = (0..=255).cycle().take(3000).collect();
    let mut pdf = b"%PDF-1.4\n".to_vec();
    pdf.extend(bytes);
    app::actions::service::attach_file(db, &focal, action.id, "CR", "minutes.pdf", pdf, now)
        .await
        .unwrap();
    app::reports::service::keep(
        db,
        &secretariat,
        Generated {
            plan_code: app::db::entities::plan::Entity::find()
                .one(db)
                .await
                .unwrap()
                .unwrap()
                .code,
            year: 2026,
            language: Lang::Es,
            format: ReportFormat::Xlsx,
            content: b"PK\x03\x04 a workbook".to_vec(),
        },
        now,
    )
    .await
    .unwrap();
    let mailer = app::mail::Mailer::outbox(None);
    let open_year = app::db::entities::reporting_round::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|round| round.year)
        .max()
        .unwrap();
    app::rounds::reminders::remind_by_hand(db, &mailer, &secretariat, "GT", open_year, now)
        .await
        .unwrap();
    let mut asks: app::db::entities::app_user::ActiveModel =
        test.user(FOCAL_CR).await.unwrap().into();
    asks.monthly_digest = Set(true);
    asks.update(db).await.unwrap();
    let digests = app::outlook::service::send_due_digests(db, &mailer, now)
        .await
        .unwrap();
    assert_eq!(digests.len(), 1);
    test.session_cookie(FOCAL_CR).await;
    let refused = post_form(
        &test.router(),
        "/api/sign-in",
        "email=focal.cr%40demo.enlace&password=not-the-password",
        &[],
    )
    .await;
    assert_eq!(refused.status.as_u16(), 401);
    if test.user("reader@enlace.test").await.is_none() {
        test.add_user("reader@enlace.test", Role::Reviewer, None, false)
            .await;
    }
}

/// The tables of the database, but the migrations' own.
async fn tables_of(db: &DatabaseConnection) -> BTreeSet<String> {
    db.query_all(Statement::from_string(
        db.get_database_backend(),
        "SELECT name FROM sqlite_master WHERE type = 'table' \
         AND name NOT LIKE 'sqlite_%' AND name <> 'seaql_migrations'",
    ))
    .await
    .unwrap()
    .iter()
    .map(|row| row.try_get::<String>("", "name").unwrap())
    .collect()
}

/// Every row of `table`, in the order of its first column.
async fn rows_of(db: &DatabaseConnection, table: &str) -> Vec<JsonValue> {
    JsonValue::find_by_statement(Statement::from_string(
        db.get_database_backend(),
        format!("SELECT * FROM \"{table}\" ORDER BY 1"),
    ))
    .all(db)
    .await
    .unwrap()
}

/// The lines of a backup after its header, as written.
pub fn backup_rows(backup: &[u8]) -> Vec<String> {
    let mut text = String::new();
    flate2::read::GzDecoder::new(backup)
        .read_to_string(&mut text)
        .unwrap();
    text.lines().skip(1).map(str::to_owned).collect()
}

#[tokio::test]
async fn a_backup_restores_every_table_as_it_was_files_included() {
    let test = TestDatabase::new(true).await;
    fill_every_table(&test).await;
    let mut backup = Vec::new();
    let written = app::backup::write(&test.db, &mut backup).await.unwrap();

    let tables = tables_of(&test.db).await;
    assert_eq!(
        tables,
        app::backup::tables().into_iter().collect(),
        "the backup holds every table"
    );
    assert_eq!(written.tables, tables.len());
    for table in &tables {
        assert!(
            !rows_of(&test.db, table).await.is_empty(),
            "{table} has rows"
        );
    }

    let directory = tempfile::tempdir().unwrap();
    let url = format!(
        "sqlite://{}?mode=rwc",
        directory.path().join("restored.db").display()
    );
    let restored = server::connect(&server::Config::for_database(&url, false))
        .await
        .unwrap();
    let copied = app::backup::restore(&restored, backup.as_slice(), false)
        .await
        .unwrap();
    assert_eq!(copied, written);

    for table in &tables {
        let mut after = rows_of(&restored, table).await;
        if table == "audit_entry" {
            // The restore is recorded after what was restored.
            let restore = after.pop().unwrap();
            assert_eq!(restore["operation"], "restore");
        }
        assert_eq!(rows_of(&test.db, table).await, after, "{table}");
    }
    let mut again = Vec::new();
    app::backup::write(&restored, &mut again).await.unwrap();
    let mut expected = backup_rows(&backup);
    let mut found = backup_rows(&again);
    found.retain(|line| !line.contains("\"operation\":\"restore\""));
    expected.sort();
    found.sort();
    let missing: Vec<_> = expected
        .iter()
        .filter(|line| !found.contains(line))
        .collect();
    let added: Vec<_> = found
        .iter()
        .filter(|line| !expected.contains(line))
        .collect();
    assert!(
        missing.is_empty() && added.is_empty(),
        "written again, the backup lacks {missing:#?}\nand adds {added:#?}"
    );
}

#[tokio::test]
async fn what_is_not_a_backup_or_a_database_in_use_is_refused_and_left_as_it_was() {
    let test = TestDatabase::new(true).await;
    let audited = test.audit_count().await;
    let digest = test.stored_digest().await;
    for (input, expected) in [
        (&b""[..], "this is not an Enlace backup (line 1"),
        (&b"[plan]\ncode = \"x\"\n"[..], "not a gzip file"),
    ] {
        let error = app::backup::restore(&test.db, input, true)
            .await
            .unwrap_err()
            .to_string();
        assert!(error.contains(expected), "{error}");
    }

    let mut backup = Vec::new();
    app::backup::write(&test.db, &mut backup).await.unwrap();
    let error = app::backup::restore(&test.db, backup.as_slice(), false)
        .await
        .unwrap_err();
    assert!(
        matches!(error, app::backup::BackupError::HoldsData),
        "{error}"
    );

    // A backup whose rows stop being readable half-way writes nothing.
    let mut lines = backup_rows(&backup);
    let header = {
        let mut text = String::new();
        flate2::read::GzDecoder::new(backup.as_slice())
            .read_to_string(&mut text)
            .unwrap();
        text.lines().next().unwrap().to_owned()
    };
    lines.insert(
        lines.len() / 2,
        "{\"table\":\"country\",\"row\":{\"id\":\"one\"}}".into(),
    );
    let mut broken = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    std::io::Write::write_all(
        &mut broken,
        format!("{header}\n{}\n", lines.join("\n")).as_bytes(),
    )
    .unwrap();
    let broken = broken.finish().unwrap();
    let error = app::backup::restore(&test.db, broken.as_slice(), true)
        .await
        .unwrap_err()
        .to_string();
    assert!(error.contains("is not an Enlace backup (line "), "{error}");
    assert_eq!(test.stored_digest().await, digest);
    assert_eq!(test.audit_count().await, audited);
    assert!(audit_entry::Entity::find().count(&test.db).await.unwrap() > 0);
}
