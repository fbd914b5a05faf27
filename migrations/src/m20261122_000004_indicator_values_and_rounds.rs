//! What countries report on the Protocol indicators, their baselines and targets, and the yearly
//! reporting rounds with one submission per country.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261122_000001_reference_tables::{Country, Indicator};
use crate::m20261122_000002_plan_structure::Plan;
use crate::m20261122_000003_users_and_country_progress::AppUser;
use crate::support::{foreign_key, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum IndicatorValue {
    Table,
    Id,
    IndicatorId,
    CountryId,
    Year,
    Value,
    Numerator,
    Denominator,
    Source,
    Note,
    State,
    UpdatedAt,
    UpdatedBy,
}

#[derive(DeriveIden, Clone, Copy)]
enum IndicatorTarget {
    Table,
    Id,
    IndicatorId,
    CountryId,
    BaselineYear,
    BaselineValue,
    TargetYear,
    TargetValue,
    ProposedByCountry,
    UpdatedAt,
    UpdatedBy,
}

#[derive(DeriveIden, Clone, Copy)]
enum ReportingRound {
    Table,
    Id,
    PlanId,
    Year,
    OpensOn,
    DueOn,
    State,
}

#[derive(DeriveIden, Clone, Copy)]
enum Submission {
    Table,
    Id,
    RoundId,
    CountryId,
    State,
    SubmittedAt,
    SubmittedBy,
    ValidatedAt,
    ValidatedBy,
    ReturnReason,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(IndicatorValue::Table)
                    .col(pk_auto(IndicatorValue::Id))
                    .col(integer(IndicatorValue::IndicatorId))
                    .col(integer(IndicatorValue::CountryId))
                    .col(integer(IndicatorValue::Year))
                    .col(double_null(IndicatorValue::Value))
                    .col(double_null(IndicatorValue::Numerator))
                    .col(double_null(IndicatorValue::Denominator))
                    .col(text_null(IndicatorValue::Source))
                    .col(text_null(IndicatorValue::Note))
                    .col(string(IndicatorValue::State).default("draft"))
                    .col(timestamp_with_time_zone(IndicatorValue::UpdatedAt))
                    .col(integer_null(IndicatorValue::UpdatedBy))
                    .foreign_key(&mut foreign_key(
                        IndicatorValue::Table,
                        IndicatorValue::IndicatorId,
                        Indicator::Table,
                        Indicator::Id,
                        ForeignKeyAction::Restrict,
                    ))
                    .foreign_key(&mut foreign_key(
                        IndicatorValue::Table,
                        IndicatorValue::CountryId,
                        Country::Table,
                        Country::Id,
                        ForeignKeyAction::Restrict,
                    ))
                    .foreign_key(&mut foreign_key(
                        IndicatorValue::Table,
                        IndicatorValue::UpdatedBy,
                        AppUser::Table,
                        AppUser::Id,
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                IndicatorValue::Table,
                &[
                    IndicatorValue::IndicatorId,
                    IndicatorValue::CountryId,
                    IndicatorValue::Year,
                ],
                true,
            ))
            .await?;
        manager
            .create_index(index(
                IndicatorValue::Table,
                &[IndicatorValue::CountryId, IndicatorValue::Year],
                false,
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(IndicatorTarget::Table)
                    .col(pk_auto(IndicatorTarget::Id))
                    .col(integer(IndicatorTarget::IndicatorId))
                    .col(integer(IndicatorTarget::CountryId))
                    .col(integer_null(IndicatorTarget::BaselineYear))
                    .col(double_null(IndicatorTarget::BaselineValue))
                    .col(integer_null(IndicatorTarget::TargetYear))
                    .col(double_null(IndicatorTarget::TargetValue))
                    .col(boolean(IndicatorTarget::ProposedByCountry).default(false))
                    .col(timestamp_with_time_zone(IndicatorTarget::UpdatedAt))
                    .col(integer_null(IndicatorTarget::UpdatedBy))
                    .foreign_key(&mut foreign_key(
                        IndicatorTarget::Table,
                        IndicatorTarget::IndicatorId,
                        Indicator::Table,
                        Indicator::Id,
                        ForeignKeyAction::Restrict,
                    ))
                    .foreign_key(&mut foreign_key(
                        IndicatorTarget::Table,
                        IndicatorTarget::CountryId,
                        Country::Table,
                        Country::Id,
                        ForeignKeyAction::Restrict,
                    ))
                    .foreign_key(&mut foreign_key(
                        IndicatorTarget::Table,
                        IndicatorTarget::UpdatedBy,
                        AppUser::Table,
                        AppUser::Id,
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                IndicatorTarget::Table,
                &[IndicatorTarget::IndicatorId, IndicatorTarget::CountryId],
                true,
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ReportingRound::Table)
                    .col(pk_auto(ReportingRound::Id))
                    .col(integer(ReportingRound::PlanId))
                    .col(integer(ReportingRound::Year))
                    .col(date(ReportingRound::OpensOn))
                    .col(date(ReportingRound::DueOn))
                    .col(string(ReportingRound::State).default("open"))
                    .foreign_key(&mut foreign_key(
                        ReportingRound::Table,
                        ReportingRound::PlanId,
                        Plan::Table,
                        Plan::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                ReportingRound::Table,
                &[ReportingRound::PlanId, ReportingRound::Year],
                true,
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Submission::Table)
                    .col(pk_auto(Submission::Id))
                    .col(integer(Submission::RoundId))
                    .col(integer(Submission::CountryId))
                    .col(string(Submission::State).default("not_started"))
                    .col(timestamp_with_time_zone_null(Submission::SubmittedAt))
                    .col(integer_null(Submission::SubmittedBy))
                    .col(timestamp_with_time_zone_null(Submission::ValidatedAt))
                    .col(integer_null(Submission::ValidatedBy))
                    .col(text_null(Submission::ReturnReason))
                    .col(timestamp_with_time_zone(Submission::UpdatedAt))
                    .foreign_key(&mut foreign_key(
                        Submission::Table,
                        Submission::RoundId,
                        ReportingRound::Table,
                        ReportingRound::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut foreign_key(
                        Submission::Table,
                        Submission::CountryId,
                        Country::Table,
                        Country::Id,
                        ForeignKeyAction::Restrict,
                    ))
                    .foreign_key(&mut foreign_key(
                        Submission::Table,
                        Submission::SubmittedBy,
                        AppUser::Table,
                        AppUser::Id,
                        ForeignKeyAction::Restrict,
                    ))
                    .foreign_key(&mut foreign_key(
                        Submission::Table,
                        Submission::ValidatedBy,
                        AppUser::Table,
                        AppUser::Id,
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                Submission::Table,
                &[Submission::RoundId, Submission::CountryId],
                true,
            ))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Submission::Table.into_iden(),
            ReportingRound::Table.into_iden(),
            IndicatorTarget::Table.into_iden(),
            IndicatorValue::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
