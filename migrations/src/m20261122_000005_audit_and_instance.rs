//! The append-only audit trail of every write, and `instance_setting`: facts about this installation
//! (such as whether it holds demo data) that belong to no domain record.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261122_000003_users_and_country_progress::AppUser;
use crate::support::{foreign_key, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum AuditEntry {
    Table,
    Id,
    ActorId,
    OccurredAt,
    Entity,
    EntityId,
    Operation,
    Before,
    After,
}

#[derive(DeriveIden, Clone, Copy)]
enum InstanceSetting {
    Table,
    Key,
    Value,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AuditEntry::Table)
                    .col(pk_auto(AuditEntry::Id))
                    .col(integer_null(AuditEntry::ActorId))
                    .col(timestamp_with_time_zone(AuditEntry::OccurredAt))
                    .col(string(AuditEntry::Entity))
                    .col(string(AuditEntry::EntityId))
                    .col(string(AuditEntry::Operation))
                    .col(json_binary_null(AuditEntry::Before))
                    .col(json_binary_null(AuditEntry::After))
                    .foreign_key(&mut foreign_key(
                        AuditEntry::Table,
                        AuditEntry::ActorId,
                        AppUser::Table,
                        AppUser::Id,
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(AuditEntry::Table, &[AuditEntry::OccurredAt], false))
            .await?;
        manager
            .create_index(index(
                AuditEntry::Table,
                &[AuditEntry::Entity, AuditEntry::EntityId],
                false,
            ))
            .await?;
        manager
            .create_index(index(AuditEntry::Table, &[AuditEntry::ActorId], false))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(InstanceSetting::Table)
                    .col(string(InstanceSetting::Key).primary_key())
                    .col(text(InstanceSetting::Value))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            InstanceSetting::Table.into_iden(),
            AuditEntry::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
