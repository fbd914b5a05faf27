//! Users, and what countries report on the plan: the status of each action in each country, the
//! milestones reached, and the never-edited history of both.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261122_000001_reference_tables::Country;
use crate::m20261122_000002_plan_structure::{Action, Milestone};
use crate::support::{foreign_key, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// `app_user`, because `user` is a reserved word in PostgreSQL.
#[derive(DeriveIden, Clone, Copy)]
pub enum AppUser {
    Table,
    Id,
    Email,
    Name,
    PasswordHash,
    Role,
    CountryId,
    Language,
    Active,
    MustChangePassword,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
pub enum CountryAction {
    Table,
    Id,
    ActionId,
    CountryId,
    Status,
    NarrativeEn,
    NarrativeEs,
    Evidence,
    UpdatedAt,
    UpdatedBy,
    Version,
}

#[derive(DeriveIden, Clone, Copy)]
pub enum MilestoneProgress {
    Table,
    Id,
    MilestoneId,
    CountryId,
    AchievedOn,
    Note,
    UpdatedAt,
    UpdatedBy,
}

#[derive(DeriveIden, Clone, Copy)]
pub enum StatusEvent {
    Table,
    Id,
    CountryActionId,
    MilestoneId,
    Kind,
    Before,
    After,
    Comment,
    ActorId,
    OccurredAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AppUser::Table)
                    .col(pk_auto(AppUser::Id))
                    .col(string_uniq(AppUser::Email))
                    .col(string(AppUser::Name))
                    .col(string(AppUser::PasswordHash))
                    .col(string(AppUser::Role))
                    .col(integer_null(AppUser::CountryId))
                    .col(string_len(AppUser::Language, 2).default("en"))
                    .col(boolean(AppUser::Active).default(true))
                    .col(boolean(AppUser::MustChangePassword).default(false))
                    .col(timestamp_with_time_zone(AppUser::CreatedAt))
                    .col(timestamp_with_time_zone(AppUser::UpdatedAt))
                    .foreign_key(&mut foreign_key(
                        AppUser::Table,
                        AppUser::CountryId,
                        Country::Table,
                        Country::Id,
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(AppUser::Table, &[AppUser::CountryId], false))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CountryAction::Table)
                    .col(pk_auto(CountryAction::Id))
                    .col(integer(CountryAction::ActionId))
                    .col(integer(CountryAction::CountryId))
                    .col(string(CountryAction::Status).default("not_started"))
                    .col(text_null(CountryAction::NarrativeEn))
                    .col(text_null(CountryAction::NarrativeEs))
                    .col(json_binary_null(CountryAction::Evidence))
                    .col(timestamp_with_time_zone_null(CountryAction::UpdatedAt))
                    .col(integer_null(CountryAction::UpdatedBy))
                    .col(integer(CountryAction::Version).default(0))
                    .foreign_key(&mut foreign_key(
                        CountryAction::Table,
                        CountryAction::ActionId,
                        Action::Table,
                        Action::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut foreign_key(
                        CountryAction::Table,
                        CountryAction::CountryId,
                        Country::Table,
                        Country::Id,
                        ForeignKeyAction::Restrict,
                    ))
                    .foreign_key(&mut foreign_key(
                        CountryAction::Table,
                        CountryAction::UpdatedBy,
                        AppUser::Table,
                        AppUser::Id,
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                CountryAction::Table,
                &[CountryAction::ActionId, CountryAction::CountryId],
                true,
            ))
            .await?;
        manager
            .create_index(index(
                CountryAction::Table,
                &[CountryAction::CountryId],
                false,
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(MilestoneProgress::Table)
                    .col(pk_auto(MilestoneProgress::Id))
                    .col(integer(MilestoneProgress::MilestoneId))
                    .col(integer(MilestoneProgress::CountryId))
                    .col(date_null(MilestoneProgress::AchievedOn))
                    .col(text_null(MilestoneProgress::Note))
                    .col(timestamp_with_time_zone_null(MilestoneProgress::UpdatedAt))
                    .col(integer_null(MilestoneProgress::UpdatedBy))
                    .foreign_key(&mut foreign_key(
                        MilestoneProgress::Table,
                        MilestoneProgress::MilestoneId,
                        Milestone::Table,
                        Milestone::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut foreign_key(
                        MilestoneProgress::Table,
                        MilestoneProgress::CountryId,
                        Country::Table,
                        Country::Id,
                        ForeignKeyAction::Restrict,
                    ))
                    .foreign_key(&mut foreign_key(
                        MilestoneProgress::Table,
                        MilestoneProgress::UpdatedBy,
                        AppUser::Table,
                        AppUser::Id,
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                MilestoneProgress::Table,
                &[MilestoneProgress::MilestoneId, MilestoneProgress::CountryId],
                true,
            ))
            .await?;
        manager
            .create_index(index(
                MilestoneProgress::Table,
                &[MilestoneProgress::CountryId],
                false,
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(StatusEvent::Table)
                    .col(pk_auto(StatusEvent::Id))
                    .col(integer(StatusEvent::CountryActionId))
                    .col(integer_null(StatusEvent::MilestoneId))
                    .col(string(StatusEvent::Kind))
                    .col(json_binary_null(StatusEvent::Before))
                    .col(json_binary_null(StatusEvent::After))
                    .col(text_null(StatusEvent::Comment))
                    .col(integer_null(StatusEvent::ActorId))
                    .col(timestamp_with_time_zone(StatusEvent::OccurredAt))
                    .foreign_key(&mut foreign_key(
                        StatusEvent::Table,
                        StatusEvent::CountryActionId,
                        CountryAction::Table,
                        CountryAction::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut foreign_key(
                        StatusEvent::Table,
                        StatusEvent::MilestoneId,
                        Milestone::Table,
                        Milestone::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut foreign_key(
                        StatusEvent::Table,
                        StatusEvent::ActorId,
                        AppUser::Table,
                        AppUser::Id,
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                StatusEvent::Table,
                &[StatusEvent::CountryActionId, StatusEvent::OccurredAt],
                false,
            ))
            .await?;
        manager
            .create_index(index(StatusEvent::Table, &[StatusEvent::OccurredAt], false))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            StatusEvent::Table.into_iden(),
            MilestoneProgress::Table.into_iden(),
            CountryAction::Table.into_iden(),
            AppUser::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
