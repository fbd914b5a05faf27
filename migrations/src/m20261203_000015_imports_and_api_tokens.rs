//! Data in bulk and through the API: a file uploaded for import waits, read, until its user confirms
//! or discards it (`pending_import`); a user's personal API tokens, stored as hashes, each scoped to
//! reading or to reading and writing, with an expiry (`api_token`).

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261122_000001_reference_tables::Country;
use crate::m20261122_000003_users_and_country_progress::AppUser;
use crate::support::{foreign_key, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum PendingImport {
    Table,
    Id,
    UserId,
    Kind,
    CountryId,
    Year,
    FileName,
    Content,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum ApiToken {
    Table,
    Id,
    UserId,
    Name,
    Prefix,
    TokenHash,
    Scope,
    ExpiresOn,
    CreatedAt,
    LastUsedAt,
    RevokedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PendingImport::Table)
                    .col(pk_auto(PendingImport::Id))
                    .col(integer(PendingImport::UserId))
                    .col(string(PendingImport::Kind))
                    .col(integer_null(PendingImport::CountryId))
                    .col(integer_null(PendingImport::Year))
                    .col(text(PendingImport::FileName))
                    .col(text(PendingImport::Content))
                    .col(timestamp_with_time_zone(PendingImport::CreatedAt))
                    .foreign_key(&mut foreign_key(
                        PendingImport::Table,
                        PendingImport::UserId,
                        AppUser::Table,
                        AppUser::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut foreign_key(
                        PendingImport::Table,
                        PendingImport::CountryId,
                        Country::Table,
                        Country::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(PendingImport::Table, &[PendingImport::UserId], false))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ApiToken::Table)
                    .col(pk_auto(ApiToken::Id))
                    .col(integer(ApiToken::UserId))
                    .col(text(ApiToken::Name))
                    .col(string(ApiToken::Prefix))
                    .col(string(ApiToken::TokenHash))
                    .col(string(ApiToken::Scope))
                    .col(date(ApiToken::ExpiresOn))
                    .col(timestamp_with_time_zone(ApiToken::CreatedAt))
                    .col(timestamp_with_time_zone_null(ApiToken::LastUsedAt))
                    .col(timestamp_with_time_zone_null(ApiToken::RevokedAt))
                    .foreign_key(&mut foreign_key(
                        ApiToken::Table,
                        ApiToken::UserId,
                        AppUser::Table,
                        AppUser::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(ApiToken::Table, &[ApiToken::TokenHash], true))
            .await?;
        manager
            .create_index(index(ApiToken::Table, &[ApiToken::UserId], false))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ApiToken::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(PendingImport::Table).to_owned())
            .await
    }
}
