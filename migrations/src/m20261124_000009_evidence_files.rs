//! Files attached as evidence to a country's report on an action. The content is kept in the
//! database, so that every app server can serve it and a backup of the database holds everything.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261122_000001_reference_tables::Country;
use crate::m20261122_000002_plan_structure::Action;
use crate::m20261122_000003_users_and_country_progress::AppUser;
use crate::support::{foreign_key, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum EvidenceFile {
    Table,
    Id,
    ActionId,
    CountryId,
    FileName,
    ContentType,
    SizeBytes,
    Sha256,
    Content,
    UploadedBy,
    UploadedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(EvidenceFile::Table)
                    .col(pk_auto(EvidenceFile::Id))
                    .col(integer(EvidenceFile::ActionId))
                    .col(integer(EvidenceFile::CountryId))
                    .col(string(EvidenceFile::FileName))
                    .col(string(EvidenceFile::ContentType))
                    .col(big_integer(EvidenceFile::SizeBytes))
                    .col(string_len(EvidenceFile::Sha256, 64))
                    .col(blob(EvidenceFile::Content))
                    .col(integer(EvidenceFile::UploadedBy))
                    .col(timestamp_with_time_zone(EvidenceFile::UploadedAt))
                    .foreign_key(&mut foreign_key(
                        EvidenceFile::Table,
                        EvidenceFile::ActionId,
                        Action::Table,
                        Action::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut foreign_key(
                        EvidenceFile::Table,
                        EvidenceFile::CountryId,
                        Country::Table,
                        Country::Id,
                        ForeignKeyAction::Restrict,
                    ))
                    .foreign_key(&mut foreign_key(
                        EvidenceFile::Table,
                        EvidenceFile::UploadedBy,
                        AppUser::Table,
                        AppUser::Id,
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                EvidenceFile::Table,
                &[EvidenceFile::ActionId, EvidenceFile::CountryId],
                false,
            ))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(EvidenceFile::Table).to_owned())
            .await
    }
}
