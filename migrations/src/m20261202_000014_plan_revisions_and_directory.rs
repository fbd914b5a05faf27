//! The plan kept in Enlace: its revisions (a draft of changes, a reason, approval and the date it
//! takes effect, with the plan as it stands after each), milestone codes so that a revision can name
//! the milestone it changes, what the latest revision retired, which countries take part in an action
//! (none listed: every country), and the network's directory of contacts per country.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261122_000001_reference_tables::Country;
use crate::m20261122_000002_plan_structure::{Action, Milestone, Plan};
use crate::m20261122_000003_users_and_country_progress::AppUser;
use crate::support::{foreign_key, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum PlanRevision {
    Table,
    Id,
    PlanId,
    Number,
    State,
    Reason,
    EffectiveOn,
    Content,
    CreatedAt,
    CreatedBy,
    ApprovedAt,
    ApprovedBy,
}

#[derive(DeriveIden, Clone, Copy)]
enum ActionCountry {
    Table,
    ActionId,
    CountryId,
}

#[derive(DeriveIden, Clone, Copy)]
enum NetworkContact {
    Table,
    Id,
    CountryId,
    Name,
    Institution,
    Role,
    Languages,
    Email,
    Phone,
    UpdatedAt,
    UpdatedBy,
}

#[derive(DeriveIden, Clone, Copy)]
enum Added {
    Code,
    RetiredOn,
}

/// The plan's parts a revision can retire.
const RETIRABLE: [&str; 4] = ["theme", "objective", "action", "milestone"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PlanRevision::Table)
                    .col(pk_auto(PlanRevision::Id))
                    .col(integer(PlanRevision::PlanId))
                    .col(integer(PlanRevision::Number))
                    .col(string(PlanRevision::State))
                    .col(text(PlanRevision::Reason))
                    .col(date(PlanRevision::EffectiveOn))
                    .col(text(PlanRevision::Content))
                    .col(timestamp_with_time_zone(PlanRevision::CreatedAt))
                    .col(integer_null(PlanRevision::CreatedBy))
                    .col(timestamp_with_time_zone_null(PlanRevision::ApprovedAt))
                    .col(integer_null(PlanRevision::ApprovedBy))
                    .foreign_key(&mut foreign_key(
                        PlanRevision::Table,
                        PlanRevision::PlanId,
                        Plan::Table,
                        Plan::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut foreign_key(
                        PlanRevision::Table,
                        PlanRevision::CreatedBy,
                        AppUser::Table,
                        AppUser::Id,
                        ForeignKeyAction::SetNull,
                    ))
                    .foreign_key(&mut foreign_key(
                        PlanRevision::Table,
                        PlanRevision::ApprovedBy,
                        AppUser::Table,
                        AppUser::Id,
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                PlanRevision::Table,
                &[PlanRevision::PlanId, PlanRevision::Number],
                true,
            ))
            .await?;

        // A milestone's code names it within its action; the existing ones are numbered in order.
        manager
            .alter_table(
                Table::alter()
                    .table(Milestone::Table)
                    .add_column(string(Added::Code).default(""))
                    .to_owned(),
            )
            .await?;
        manager
            .get_connection()
            .execute_unprepared("UPDATE milestone SET code = 'M' || CAST(sort_order + 1 AS TEXT)")
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_milestone_action_id_code")
                    .table(Milestone::Table)
                    .col(Milestone::ActionId)
                    .col(Added::Code)
                    .unique()
                    .to_owned(),
            )
            .await?;
        for table in RETIRABLE {
            manager
                .alter_table(
                    Table::alter()
                        .table(Alias::new(table))
                        .add_column(date_null(Added::RetiredOn))
                        .to_owned(),
                )
                .await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(ActionCountry::Table)
                    .col(integer(ActionCountry::ActionId))
                    .col(integer(ActionCountry::CountryId))
                    .primary_key(
                        Index::create()
                            .col(ActionCountry::ActionId)
                            .col(ActionCountry::CountryId),
                    )
                    .foreign_key(&mut foreign_key(
                        ActionCountry::Table,
                        ActionCountry::ActionId,
                        Action::Table,
                        Action::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut foreign_key(
                        ActionCountry::Table,
                        ActionCountry::CountryId,
                        Country::Table,
                        Country::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(NetworkContact::Table)
                    .col(pk_auto(NetworkContact::Id))
                    .col(integer(NetworkContact::CountryId))
                    .col(text(NetworkContact::Name))
                    .col(text(NetworkContact::Institution))
                    .col(string(NetworkContact::Role))
                    .col(string(NetworkContact::Languages))
                    .col(text_null(NetworkContact::Email))
                    .col(text_null(NetworkContact::Phone))
                    .col(timestamp_with_time_zone(NetworkContact::UpdatedAt))
                    .col(integer_null(NetworkContact::UpdatedBy))
                    .foreign_key(&mut foreign_key(
                        NetworkContact::Table,
                        NetworkContact::CountryId,
                        Country::Table,
                        Country::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut foreign_key(
                        NetworkContact::Table,
                        NetworkContact::UpdatedBy,
                        AppUser::Table,
                        AppUser::Id,
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                NetworkContact::Table,
                &[NetworkContact::CountryId],
                false,
            ))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(NetworkContact::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(ActionCountry::Table).to_owned())
            .await?;
        for table in RETIRABLE {
            manager
                .alter_table(
                    Table::alter()
                        .table(Alias::new(table))
                        .drop_column(Added::RetiredOn)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .drop_index(
                Index::drop()
                    .name("uq_milestone_action_id_code")
                    .table(Milestone::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Milestone::Table)
                    .drop_column(Added::Code)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(PlanRevision::Table).to_owned())
            .await
    }
}
