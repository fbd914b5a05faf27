//! Enlace's database schema and reference data, as append-only sea-orm migrations that run unchanged on
//! SQLite and PostgreSQL. A landed migration is never edited: a change is a new migration.

// A migration's `up` is one schema change written out in full, and a landed migration is never
// edited: the workspace's limit on function length does not apply here.
#![allow(clippy::too_many_lines)]

pub use sea_orm_migration::prelude::*;

mod m20261122_000001_reference_tables;
mod m20261122_000002_plan_structure;
mod m20261122_000003_users_and_country_progress;
mod m20261122_000004_indicator_values_and_rounds;
mod m20261122_000005_audit_and_instance;
mod m20261122_000006_reference_data;
mod m20261123_000007_sessions_and_sign_in;
mod m20261124_000008_report_comments;
mod m20261124_000009_evidence_files;
mod m20261124_000010_round_workflow_and_reminders;
mod m20261125_000011_generated_reports;
mod m20261201_000012_one_name_per_concept;
mod m20261201_000013_renamed_tables_keys;
mod m20261202_000014_plan_revisions_and_directory;
mod m20261203_000015_imports_and_api_tokens;
mod m20261204_000016_legislation;
mod m20261205_000017_monthly_digest;
pub mod reference;
mod support;

/// How many of these migrations the previous release shipped: migrations are append-only, so its
/// schema is the one they make. The upgrade test (`tests/it/upgrade.rs`) starts from a database
/// the previous release left; raise this when a release is cut.
pub const PREVIOUS_RELEASE_MIGRATIONS: u32 = 11;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261122_000001_reference_tables::Migration),
            Box::new(m20261122_000002_plan_structure::Migration),
            Box::new(m20261122_000003_users_and_country_progress::Migration),
            Box::new(m20261122_000004_indicator_values_and_rounds::Migration),
            Box::new(m20261122_000005_audit_and_instance::Migration),
            Box::new(m20261122_000006_reference_data::Migration),
            Box::new(m20261123_000007_sessions_and_sign_in::Migration),
            Box::new(m20261124_000008_report_comments::Migration),
            Box::new(m20261124_000009_evidence_files::Migration),
            Box::new(m20261124_000010_round_workflow_and_reminders::Migration),
            Box::new(m20261125_000011_generated_reports::Migration),
            Box::new(m20261201_000012_one_name_per_concept::Migration),
            Box::new(m20261201_000013_renamed_tables_keys::Migration),
            Box::new(m20261202_000014_plan_revisions_and_directory::Migration),
            Box::new(m20261203_000015_imports_and_api_tokens::Migration),
            Box::new(m20261204_000016_legislation::Migration),
            Box::new(m20261205_000017_monthly_digest::Migration),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm_migration::sea_orm::{ConnectionTrait, Database, DatabaseConnection, Statement};

    async fn count(db: &DatabaseConnection, table: &str) -> i64 {
        let backend = db.get_database_backend();
        let row = db
            .query_one(Statement::from_string(
                backend,
                format!("SELECT COUNT(*) AS n FROM {table}"),
            ))
            .await
            .unwrap()
            .unwrap();
        row.try_get("", "n").unwrap()
    }

    #[tokio::test]
    async fn migrating_an_empty_database_loads_the_reference_data() {
        let db = Database::connect("sqlite::memory:").await.unwrap();
        Migrator::up(&db, None).await.unwrap();
        assert_eq!(count(&db, "country").await, 16);
        assert_eq!(count(&db, "legislation_provision").await, 21);
        assert_eq!(count(&db, "protocol_article").await, 25);
        assert_eq!(count(&db, "indicator").await, 34);
        assert_eq!(count(&db, "plan").await, 0);
    }

    #[tokio::test]
    async fn migrating_twice_changes_nothing_and_down_then_up_restores_the_schema() {
        let db = Database::connect("sqlite::memory:").await.unwrap();
        Migrator::up(&db, None).await.unwrap();
        Migrator::up(&db, None).await.unwrap();
        assert_eq!(count(&db, "country").await, 16);

        Migrator::down(&db, None).await.unwrap();
        Migrator::up(&db, None).await.unwrap();
        assert_eq!(count(&db, "indicator").await, 34);
    }

    #[tokio::test]
    async fn every_indicator_points_at_its_article() {
        let db = Database::connect("sqlite::memory:").await.unwrap();
        Migrator::up(&db, None).await.unwrap();
        let backend = db.get_database_backend();
        let row = db
            .query_one(Statement::from_string(
                backend,
                "SELECT a.number AS n FROM indicator i JOIN protocol_article a ON a.id = i.article_id \
                 WHERE i.code = 'SEA-01'"
                    .to_owned(),
            ))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(row.try_get::<i32>("", "n").unwrap(), 8);
    }

    /// A database with comments and files from before the renaming keeps every row under the new
    /// names, with its index renamed too (the last migration, which may run again); the audit
    /// trail's entries read with the new names; migrated down again, it reads as before.
    #[tokio::test]
    async fn renaming_keeps_every_comment_file_and_audit_entry() {
        let db = Database::connect("sqlite::memory:").await.unwrap();
        Migrator::up(&db, Some(11)).await.unwrap();
        let backend = db.get_database_backend();
        let run = |sql: &str| Statement::from_string(backend, sql.to_owned());
        // The rows only need their tables here, not the plan and users they point at.
        db.execute(run("PRAGMA foreign_keys = OFF")).await.unwrap();
        for sql in [
            "INSERT INTO report_comment (action_id, country_id, author_id, body, created_at) \
             VALUES (1, 1, 1, 'Keep me', '2026-01-01 00:00:00')",
            "INSERT INTO evidence_file (action_id, country_id, file_name, content_type, size_bytes, \
             sha256, content, uploaded_by, uploaded_at) \
             VALUES (1, 1, 'decree.pdf', 'application/pdf', 3, 'abc', X'010203', 1, '2026-01-01 00:00:00')",
            "INSERT INTO audit_entry (actor_id, occurred_at, entity, entity_id, operation) VALUES \
             (1, '2026-01-01 00:00:00', 'country_action', '1', 'report'), \
             (1, '2026-01-01 00:00:00', 'country_action', '1', 'create'), \
             (1, '2026-01-01 00:00:00', 'report_comment', '1', 'create'), \
             (1, '2026-01-01 00:00:00', 'evidence_file', '1', 'create'), \
             (1, '2026-01-01 00:00:00', 'submission', '1', 'report')",
        ] {
            db.execute(run(sql)).await.unwrap();
        }
        let entries = |db: &DatabaseConnection| {
            let db = db.clone();
            async move {
                db.query_all(run("SELECT entity, operation FROM audit_entry ORDER BY id"))
                    .await
                    .unwrap()
                    .iter()
                    .map(|row| {
                        format!(
                            "{} {}",
                            row.try_get::<String>("", "entity").unwrap(),
                            row.try_get::<String>("", "operation").unwrap()
                        )
                    })
                    .collect::<Vec<_>>()
            }
        };
        let before = entries(&db).await;

        let indexes = |db: &DatabaseConnection| {
            let db = db.clone();
            async move {
                db.query_all(run(
                    "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'idx_%' \
                     AND (name LIKE '%comment%' OR name LIKE '%file%' OR name LIKE '%attachment%') \
                     AND name NOT LIKE 'idx_legislation%' \
                     ORDER BY name",
                ))
                .await
                .unwrap()
                .iter()
                .map(|row| row.try_get::<String>("", "name").unwrap())
                .collect::<Vec<_>>()
            }
        };

        Migrator::up(&db, None).await.unwrap();
        assert_eq!(count(&db, "update_comment").await, 1);
        assert_eq!(count(&db, "attachment").await, 1);
        assert_eq!(
            indexes(&db).await,
            [
                "idx_attachment_action_id_country_id",
                "idx_update_comment_action_id_country_id"
            ]
        );
        assert_eq!(
            entries(&db).await,
            [
                "country_action update",
                "country_action create",
                "update_comment create",
                "attachment create",
                "submission report"
            ]
        );
        // Down past the renamed keys (migration 13 and what came after it), then up again.
        let undone_after = |applied: usize| Some((Migrator::migrations().len() - applied) as u32);
        Migrator::down(&db, undone_after(12)).await.unwrap();
        Migrator::up(&db, None).await.unwrap();
        assert_eq!(
            indexes(&db).await,
            [
                "idx_attachment_action_id_country_id",
                "idx_update_comment_action_id_country_id"
            ]
        );

        Migrator::down(&db, undone_after(11)).await.unwrap();
        assert_eq!(count(&db, "report_comment").await, 1);
        assert_eq!(count(&db, "evidence_file").await, 1);
        assert_eq!(
            indexes(&db).await,
            [
                "idx_evidence_file_action_id_country_id",
                "idx_report_comment_action_id_country_id"
            ]
        );
        assert_eq!(entries(&db).await, before);
    }
}
