//! Countries, Protocol articles and the Protocol-compliance indicators: the reference tables.

use sea_orm_migration::{prelude::*, schema::*};

use crate::support::{foreign_key, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
pub enum Country {
    Table,
    Id,
    Iso2,
    Iso3,
    NameEn,
    NameEs,
    Membership,
}

#[derive(DeriveIden, Clone, Copy)]
pub enum ProtocolArticle {
    Table,
    Id,
    Number,
    Chapter,
    TitleEn,
    TitleEs,
    Assessable,
}

#[derive(DeriveIden, Clone, Copy)]
pub enum Indicator {
    Table,
    Id,
    Code,
    ArticleId,
    Provision,
    NameEn,
    NameEs,
    Kind,
    Direction,
    Basis,
    RetiredAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Country::Table)
                    .col(pk_auto(Country::Id))
                    .col(string_len_uniq(Country::Iso2, 2))
                    .col(string_len_uniq(Country::Iso3, 3))
                    .col(string(Country::NameEn))
                    .col(string(Country::NameEs))
                    .col(string(Country::Membership))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ProtocolArticle::Table)
                    .col(pk_auto(ProtocolArticle::Id))
                    .col(integer_uniq(ProtocolArticle::Number))
                    .col(string(ProtocolArticle::Chapter))
                    .col(string(ProtocolArticle::TitleEn))
                    .col(string(ProtocolArticle::TitleEs))
                    .col(string(ProtocolArticle::Assessable))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Indicator::Table)
                    .col(pk_auto(Indicator::Id))
                    .col(string_uniq(Indicator::Code))
                    .col(integer(Indicator::ArticleId))
                    .col(string(Indicator::Provision))
                    .col(text(Indicator::NameEn))
                    .col(text(Indicator::NameEs))
                    .col(string(Indicator::Kind))
                    .col(string(Indicator::Direction))
                    .col(string(Indicator::Basis))
                    .col(timestamp_with_time_zone_null(Indicator::RetiredAt))
                    .foreign_key(&mut foreign_key(
                        Indicator::Table,
                        Indicator::ArticleId,
                        ProtocolArticle::Table,
                        ProtocolArticle::Id,
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(Indicator::Table, &[Indicator::ArticleId], false))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Indicator::Table.into_iden(),
            ProtocolArticle::Table.into_iden(),
            Country::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
