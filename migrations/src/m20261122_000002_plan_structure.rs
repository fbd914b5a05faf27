//! The plan and its structure: themes, optional objectives, actions (with their Protocol articles) and
//! milestones. Any plan fits: the structure is data, loaded from a plan file.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261122_000001_reference_tables::ProtocolArticle;
use crate::support::{foreign_key, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
pub enum Plan {
    Table,
    Id,
    Code,
    TitleEn,
    TitleEs,
    StartYear,
    EndYear,
    State,
    ApprovedOn,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
pub enum Theme {
    Table,
    Id,
    PlanId,
    Code,
    NameEn,
    NameEs,
    SortOrder,
}

#[derive(DeriveIden, Clone, Copy)]
pub enum Objective {
    Table,
    Id,
    ThemeId,
    Code,
    TitleEn,
    TitleEs,
    SortOrder,
}

#[derive(DeriveIden, Clone, Copy)]
pub enum Action {
    Table,
    Id,
    PlanId,
    ThemeId,
    ObjectiveId,
    Code,
    TitleEn,
    TitleEs,
    DescriptionEn,
    DescriptionEs,
    Lead,
    StartYear,
    EndYear,
    Weight,
    SortOrder,
}

#[derive(DeriveIden, Clone, Copy)]
pub enum ActionArticle {
    Table,
    ActionId,
    ArticleId,
}

#[derive(DeriveIden, Clone, Copy)]
pub enum Milestone {
    Table,
    Id,
    ActionId,
    TitleEn,
    TitleEs,
    DueOn,
    Weight,
    SortOrder,
    IsDemo,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Plan::Table)
                    .col(pk_auto(Plan::Id))
                    .col(string_uniq(Plan::Code))
                    .col(text(Plan::TitleEn))
                    .col(text(Plan::TitleEs))
                    .col(integer(Plan::StartYear))
                    .col(integer(Plan::EndYear))
                    .col(string(Plan::State).default("draft"))
                    .col(date_null(Plan::ApprovedOn))
                    .col(timestamp_with_time_zone(Plan::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Theme::Table)
                    .col(pk_auto(Theme::Id))
                    .col(integer(Theme::PlanId))
                    .col(string(Theme::Code))
                    .col(text(Theme::NameEn))
                    .col(text(Theme::NameEs))
                    .col(integer(Theme::SortOrder))
                    .foreign_key(&mut foreign_key(
                        Theme::Table,
                        Theme::PlanId,
                        Plan::Table,
                        Plan::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(Theme::Table, &[Theme::PlanId, Theme::Code], true))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Objective::Table)
                    .col(pk_auto(Objective::Id))
                    .col(integer(Objective::ThemeId))
                    .col(string(Objective::Code))
                    .col(text(Objective::TitleEn))
                    .col(text(Objective::TitleEs))
                    .col(integer(Objective::SortOrder))
                    .foreign_key(&mut foreign_key(
                        Objective::Table,
                        Objective::ThemeId,
                        Theme::Table,
                        Theme::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                Objective::Table,
                &[Objective::ThemeId, Objective::Code],
                true,
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Action::Table)
                    .col(pk_auto(Action::Id))
                    .col(integer(Action::PlanId))
                    .col(integer(Action::ThemeId))
                    .col(integer_null(Action::ObjectiveId))
                    .col(string(Action::Code))
                    .col(text(Action::TitleEn))
                    .col(text(Action::TitleEs))
                    .col(text_null(Action::DescriptionEn))
                    .col(text_null(Action::DescriptionEs))
                    .col(string_null(Action::Lead))
                    .col(integer_null(Action::StartYear))
                    .col(integer_null(Action::EndYear))
                    .col(double(Action::Weight).default(1.0))
                    .col(integer(Action::SortOrder))
                    .foreign_key(&mut foreign_key(
                        Action::Table,
                        Action::PlanId,
                        Plan::Table,
                        Plan::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut foreign_key(
                        Action::Table,
                        Action::ThemeId,
                        Theme::Table,
                        Theme::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut foreign_key(
                        Action::Table,
                        Action::ObjectiveId,
                        Objective::Table,
                        Objective::Id,
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(Action::Table, &[Action::PlanId, Action::Code], true))
            .await?;
        manager
            .create_index(index(Action::Table, &[Action::ThemeId], false))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ActionArticle::Table)
                    .col(integer(ActionArticle::ActionId))
                    .col(integer(ActionArticle::ArticleId))
                    .primary_key(
                        Index::create()
                            .col(ActionArticle::ActionId)
                            .col(ActionArticle::ArticleId),
                    )
                    .foreign_key(&mut foreign_key(
                        ActionArticle::Table,
                        ActionArticle::ActionId,
                        Action::Table,
                        Action::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut foreign_key(
                        ActionArticle::Table,
                        ActionArticle::ArticleId,
                        ProtocolArticle::Table,
                        ProtocolArticle::Id,
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Milestone::Table)
                    .col(pk_auto(Milestone::Id))
                    .col(integer(Milestone::ActionId))
                    .col(text(Milestone::TitleEn))
                    .col(text(Milestone::TitleEs))
                    .col(date(Milestone::DueOn))
                    .col(double(Milestone::Weight).default(1.0))
                    .col(integer(Milestone::SortOrder))
                    .col(boolean(Milestone::IsDemo).default(false))
                    .foreign_key(&mut foreign_key(
                        Milestone::Table,
                        Milestone::ActionId,
                        Action::Table,
                        Action::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                Milestone::Table,
                &[Milestone::ActionId, Milestone::DueOn],
                false,
            ))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Milestone::Table.into_iden(),
            ActionArticle::Table.into_iden(),
            Action::Table.into_iden(),
            Objective::Table.into_iden(),
            Theme::Table.into_iden(),
            Plan::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
