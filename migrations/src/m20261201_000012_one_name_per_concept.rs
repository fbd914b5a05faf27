//! One name per concept: a country's word on an action is its *update* (the annual report is the
//! only *report*), and a file attached to an update is an *attachment*. Renames the tables of the
//! updates' comments and of the attached files, with their index, and on PostgreSQL their primary
//! keys, foreign keys and id sequences, so that every name follows `support`'s rule. (SQLite keeps
//! a foreign key's name inside its table's definition, where nothing refers to it.)
//!
//! The audit trail is not rewritten: its entries keep the names they were recorded with
//! (`report_comment`, `evidence_file`, the operation `report` of a `country_action`), as nothing
//! changes an entry once written.
//!
//! Each step checks what is there first, so that a run stopped half-way on SQLite (which runs a
//! migration outside a transaction) can be run again.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

use crate::support::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Column {
    ActionId,
    CountryId,
}

/// A table renamed: its old and new names, and its foreign keys' columns.
struct Renamed {
    old: &'static str,
    new: &'static str,
    foreign_keys: [&'static str; 3],
}

const RENAMED: [Renamed; 2] = [
    Renamed {
        old: "report_comment",
        new: "update_comment",
        foreign_keys: ["action_id", "country_id", "author_id"],
    },
    Renamed {
        old: "evidence_file",
        new: "attachment",
        foreign_keys: ["action_id", "country_id", "uploaded_by"],
    },
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in RENAMED {
            rename(manager, table.old, table.new, &table.foreign_keys).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in RENAMED {
            rename(manager, table.new, table.old, &table.foreign_keys).await?;
        }
        Ok(())
    }
}

/// Renames the table `from` to `to`, with the names of its index by action and country and, on
/// PostgreSQL, of its primary key, foreign keys and id sequence.
async fn rename(
    manager: &SchemaManager<'_>,
    from: &str,
    to: &str,
    foreign_keys: &[&str],
) -> Result<(), DbErr> {
    if manager.has_table(from).await? && !manager.has_table(to).await? {
        manager
            .rename_table(
                Table::rename()
                    .table(Alias::new(from), Alias::new(to))
                    .to_owned(),
            )
            .await?;
    }
    manager
        .drop_index(
            Index::drop()
                .name(format!("idx_{from}_action_id_country_id"))
                .table(Alias::new(to))
                .if_exists()
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            index(
                Alias::new(to),
                &[Column::ActionId, Column::CountryId],
                false,
            )
            .if_not_exists()
            .to_owned(),
        )
        .await?;
    if manager.get_database_backend() == DatabaseBackend::Postgres {
        let connection = manager.get_connection();
        let mut statements = vec![
            format!("ALTER TABLE {to} RENAME CONSTRAINT {from}_pkey TO {to}_pkey"),
            format!("ALTER SEQUENCE {from}_id_seq RENAME TO {to}_id_seq"),
        ];
        statements.extend(foreign_keys.iter().map(|column| {
            format!("ALTER TABLE {to} RENAME CONSTRAINT fk_{from}_{column} TO fk_{to}_{column}")
        }));
        // PostgreSQL runs the whole migration in one transaction: these need no checks.
        for statement in statements {
            connection.execute_unprepared(&statement).await?;
        }
    }
    Ok(())
}
