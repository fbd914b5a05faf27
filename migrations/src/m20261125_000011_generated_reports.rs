//! The annual reports generated, kept with who made them, when and the checksum of their bytes, so
//! that what was sent to the Conference can be downloaded again later.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261122_000002_plan_structure::Plan;
use crate::m20261122_000003_users_and_country_progress::AppUser;
use crate::support::{foreign_key, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum GeneratedReport {
    Table,
    Id,
    PlanId,
    Year,
    Language,
    Format,
    FileName,
    SizeBytes,
    Sha256,
    Content,
    GeneratedBy,
    GeneratedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(GeneratedReport::Table)
                    .col(pk_auto(GeneratedReport::Id))
                    .col(integer(GeneratedReport::PlanId))
                    .col(integer(GeneratedReport::Year))
                    .col(string_len(GeneratedReport::Language, 2))
                    .col(string_len(GeneratedReport::Format, 8))
                    .col(string(GeneratedReport::FileName))
                    .col(big_integer(GeneratedReport::SizeBytes))
                    .col(string_len(GeneratedReport::Sha256, 64))
                    .col(blob(GeneratedReport::Content))
                    .col(integer(GeneratedReport::GeneratedBy))
                    .col(timestamp_with_time_zone(GeneratedReport::GeneratedAt))
                    .foreign_key(&mut foreign_key(
                        GeneratedReport::Table,
                        GeneratedReport::PlanId,
                        Plan::Table,
                        Plan::Id,
                        ForeignKeyAction::Restrict,
                    ))
                    .foreign_key(&mut foreign_key(
                        GeneratedReport::Table,
                        GeneratedReport::GeneratedBy,
                        AppUser::Table,
                        AppUser::Id,
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                GeneratedReport::Table,
                &[GeneratedReport::PlanId, GeneratedReport::Year],
                false,
            ))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(GeneratedReport::Table).to_owned())
            .await
    }
}
