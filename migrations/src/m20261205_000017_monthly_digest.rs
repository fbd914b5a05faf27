//! The outlook's monthly digest: a focal point may ask for a monthly letter on where their
//! country's plan will stand at its pace and what is slipping, and each letter sent is logged in
//! `digest`, one per country and month (claimed there before it leaves, as reminders are), which is
//! also the outbox when no SMTP server is configured.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261122_000001_reference_tables::Country;
use crate::support::{foreign_key, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum AppUser {
    Table,
    MonthlyDigest,
}

#[derive(DeriveIden, Clone, Copy)]
enum Digest {
    Table,
    Id,
    CountryId,
    /// `YYYY-MM`: the month the letter is for.
    Month,
    CreatedAt,
    Recipients,
    Language,
    Subject,
    Body,
    Delivery,
    Outcome,
    Error,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(AppUser::Table)
                    .add_column(boolean(AppUser::MonthlyDigest).default(false))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Digest::Table)
                    .col(pk_auto(Digest::Id))
                    .col(integer(Digest::CountryId))
                    .col(string_len(Digest::Month, 7))
                    .col(timestamp_with_time_zone(Digest::CreatedAt))
                    .col(text(Digest::Recipients))
                    .col(string(Digest::Language))
                    .col(text(Digest::Subject))
                    .col(text(Digest::Body))
                    .col(string(Digest::Delivery))
                    .col(string(Digest::Outcome))
                    .col(text_null(Digest::Error))
                    .foreign_key(&mut foreign_key(
                        Digest::Table,
                        Digest::CountryId,
                        Country::Table,
                        Country::Id,
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                Digest::Table,
                &[Digest::CountryId, Digest::Month],
                true,
            ))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Digest::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(AppUser::Table)
                    .drop_column(AppUser::MonthlyDigest)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }
}
