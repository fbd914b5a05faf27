//! One name per concept: a country's word on an action is its *update* (the annual report is the
//! only *report*), and a file attached to an update is an *attachment*. Renames the tables of the
//! updates' comments and of the attached files, and the names the audit trail recorded for them, so
//! that old entries read as new ones.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ReportComment {
    Table,
}

#[derive(DeriveIden)]
enum UpdateComment {
    Table,
}

#[derive(DeriveIden)]
enum EvidenceFile {
    Table,
}

#[derive(DeriveIden)]
enum Attachment {
    Table,
}

#[derive(DeriveIden)]
enum AuditEntry {
    Table,
    Entity,
    Operation,
}

/// (entity, operation) as recorded before → as recorded from now on; `None` keeps the other part.
const RENAMED_ENTRIES: [(&str, Option<&str>, &str, Option<&str>); 3] = [
    (
        "country_action",
        Some("report"),
        "country_action",
        Some("update"),
    ),
    ("report_comment", None, "update_comment", None),
    ("evidence_file", None, "attachment", None),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .rename_table(
                Table::rename()
                    .table(ReportComment::Table, UpdateComment::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .rename_table(
                Table::rename()
                    .table(EvidenceFile::Table, Attachment::Table)
                    .to_owned(),
            )
            .await?;
        for (entity, operation, new_entity, new_operation) in RENAMED_ENTRIES {
            rename_entries(manager, (entity, operation), (new_entity, new_operation)).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (entity, operation, new_entity, new_operation) in RENAMED_ENTRIES {
            rename_entries(manager, (new_entity, new_operation), (entity, operation)).await?;
        }
        manager
            .rename_table(
                Table::rename()
                    .table(Attachment::Table, EvidenceFile::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .rename_table(
                Table::rename()
                    .table(UpdateComment::Table, ReportComment::Table)
                    .to_owned(),
            )
            .await
    }
}

/// Rewrites the audit entries recorded as `from` to read `to`.
async fn rename_entries(
    manager: &SchemaManager<'_>,
    from: (&str, Option<&str>),
    to: (&str, Option<&str>),
) -> Result<(), DbErr> {
    let mut update = Query::update();
    update
        .table(AuditEntry::Table)
        .value(AuditEntry::Entity, to.0)
        .and_where(Expr::col(AuditEntry::Entity).eq(from.0));
    if let (Some(old), Some(new)) = (from.1, to.1) {
        update
            .value(AuditEntry::Operation, new)
            .and_where(Expr::col(AuditEntry::Operation).eq(old));
    }
    manager.exec_stmt(update).await
}
