//! The tables renamed by the previous migration (`update_comment`, `attachment`) take names that
//! follow `support`'s rule for what belongs to them: their index by action and country and, on
//! PostgreSQL, their primary key, foreign keys and id sequence, which kept their former tables'
//! names. (SQLite keeps a foreign key's name inside its table's definition, where nothing refers to
//! it.)
//!
//! Each step renames only what it finds under the former name, so that it can run again after a
//! stop half-way (SQLite runs a migration outside a transaction), and on a database where these
//! names were already given.

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

/// A renamed table: its former and current names, and its foreign keys' columns.
struct Renamed {
    former: &'static str,
    current: &'static str,
    foreign_keys: [&'static str; 3],
}

const RENAMED: [Renamed; 2] = [
    Renamed {
        former: "report_comment",
        current: "update_comment",
        foreign_keys: ["action_id", "country_id", "author_id"],
    },
    Renamed {
        former: "evidence_file",
        current: "attachment",
        foreign_keys: ["action_id", "country_id", "uploaded_by"],
    },
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in RENAMED {
            rename_parts(
                manager,
                table.current,
                table.former,
                table.current,
                &table.foreign_keys,
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in RENAMED {
            rename_parts(
                manager,
                table.current,
                table.current,
                table.former,
                &table.foreign_keys,
            )
            .await?;
        }
        Ok(())
    }
}

/// Renames what belongs to `table` from names after `from` to names after `to`: its index by
/// action and country and, on PostgreSQL, its primary key, foreign keys and id sequence.
async fn rename_parts(
    manager: &SchemaManager<'_>,
    table: &str,
    from: &str,
    to: &str,
    foreign_keys: &[&str],
) -> Result<(), DbErr> {
    manager
        .drop_index(
            Index::drop()
                .name(format!("idx_{from}_action_id_country_id"))
                .table(Alias::new(table))
                .if_exists()
                .to_owned(),
        )
        .await?;
    let mut wanted = index(
        Alias::new(to),
        &[Column::ActionId, Column::CountryId],
        false,
    );
    wanted.table(Alias::new(table)).if_not_exists();
    manager.create_index(wanted).await?;
    if manager.get_database_backend() == DatabaseBackend::Postgres {
        let connection = manager.get_connection();
        connection
            .execute_unprepared(&format!(
                "ALTER SEQUENCE IF EXISTS {from}_id_seq RENAME TO {to}_id_seq"
            ))
            .await?;
        let constraints = std::iter::once((format!("{from}_pkey"), format!("{to}_pkey"))).chain(
            foreign_keys
                .iter()
                .map(|column| (format!("fk_{from}_{column}"), format!("fk_{to}_{column}"))),
        );
        for (old, new) in constraints {
            connection
                .execute_unprepared(&format!(
                    "DO $$ BEGIN \
                     IF EXISTS (SELECT 1 FROM pg_constraint WHERE conname = '{old}') THEN \
                     ALTER TABLE {table} RENAME CONSTRAINT {old} TO {new}; \
                     END IF; END $$"
                ))
                .await?;
        }
    }
    Ok(())
}
