//! Comments of reviewers and the secretariat on what a country reports on an action. Kept by action
//! and country, not by the country's record, so that an action a country has not reported on yet can
//! be commented on too. Comments are never edited or deleted.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261122_000001_reference_tables::Country;
use crate::m20261122_000002_plan_structure::Action;
use crate::m20261122_000003_users_and_country_progress::AppUser;
use crate::support::{foreign_key, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum ReportComment {
    Table,
    Id,
    ActionId,
    CountryId,
    AuthorId,
    Body,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ReportComment::Table)
                    .col(pk_auto(ReportComment::Id))
                    .col(integer(ReportComment::ActionId))
                    .col(integer(ReportComment::CountryId))
                    .col(integer(ReportComment::AuthorId))
                    .col(text(ReportComment::Body))
                    .col(timestamp_with_time_zone(ReportComment::CreatedAt))
                    .foreign_key(&mut foreign_key(
                        ReportComment::Table,
                        ReportComment::ActionId,
                        Action::Table,
                        Action::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut foreign_key(
                        ReportComment::Table,
                        ReportComment::CountryId,
                        Country::Table,
                        Country::Id,
                        ForeignKeyAction::Restrict,
                    ))
                    .foreign_key(&mut foreign_key(
                        ReportComment::Table,
                        ReportComment::AuthorId,
                        AppUser::Table,
                        AppUser::Id,
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                ReportComment::Table,
                &[ReportComment::ActionId, ReportComment::CountryId],
                false,
            ))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ReportComment::Table).to_owned())
            .await
    }
}
