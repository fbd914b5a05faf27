//! The reporting-round workflow: a version on each submission (so that two people saving the same
//! country's values cannot overwrite each other), the reminder rules of a round, the log of every
//! reminder sent, which is also the outbox when no SMTP server is configured, and each country's
//! working language (of the Conference's two), in which its reminders are written first.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261122_000001_reference_tables::Country;
use crate::m20261122_000003_users_and_country_progress::AppUser;
use crate::support::{foreign_key, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum ReportingRound {
    Table,
    Id,
    RemindBeforeDays,
    RemindAfterDays,
}

#[derive(DeriveIden, Clone, Copy)]
enum CountryLanguage {
    #[sea_orm(iden = "country")]
    Table,
    Iso2,
    Language,
}

/// The countries whose working language in the Conference is English; the others work in Spanish.
const ENGLISH_SPEAKING: [&str; 4] = ["BZ", "CA", "JM", "US"];

#[derive(DeriveIden, Clone, Copy)]
enum Submission {
    Table,
    Version,
}

#[derive(DeriveIden, Clone, Copy)]
enum Reminder {
    Table,
    Id,
    RoundId,
    CountryId,
    /// `before-7`, `after-1`…: the automatic rule that sent it; NULL for a reminder sent by hand,
    /// so that the unique index lets each rule fire once per country and round.
    AutomaticRule,
    SentBy,
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
        // SQLite alters one column per statement.
        manager
            .alter_table(
                Table::alter()
                    .table(ReportingRound::Table)
                    .add_column(string(ReportingRound::RemindBeforeDays).default("7,1"))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(ReportingRound::Table)
                    .add_column(string(ReportingRound::RemindAfterDays).default("1,7"))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Submission::Table)
                    .add_column(integer(Submission::Version).default(0))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(CountryLanguage::Table)
                    .add_column(string_len(CountryLanguage::Language, 2).default("es"))
                    .to_owned(),
            )
            .await?;
        manager
            .exec_stmt(
                Query::update()
                    .table(CountryLanguage::Table)
                    .value(CountryLanguage::Language, "en")
                    .and_where(Expr::col(CountryLanguage::Iso2).is_in(ENGLISH_SPEAKING))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Reminder::Table)
                    .col(pk_auto(Reminder::Id))
                    .col(integer(Reminder::RoundId))
                    .col(integer(Reminder::CountryId))
                    .col(string_null(Reminder::AutomaticRule))
                    .col(integer_null(Reminder::SentBy))
                    .col(timestamp_with_time_zone(Reminder::CreatedAt))
                    .col(text(Reminder::Recipients))
                    .col(string(Reminder::Language))
                    .col(text(Reminder::Subject))
                    .col(text(Reminder::Body))
                    .col(string(Reminder::Delivery))
                    .col(string(Reminder::Outcome))
                    .col(text_null(Reminder::Error))
                    .foreign_key(&mut foreign_key(
                        Reminder::Table,
                        Reminder::RoundId,
                        ReportingRound::Table,
                        ReportingRound::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut foreign_key(
                        Reminder::Table,
                        Reminder::CountryId,
                        Country::Table,
                        Country::Id,
                        ForeignKeyAction::Restrict,
                    ))
                    .foreign_key(&mut foreign_key(
                        Reminder::Table,
                        Reminder::SentBy,
                        AppUser::Table,
                        AppUser::Id,
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                Reminder::Table,
                &[
                    Reminder::RoundId,
                    Reminder::CountryId,
                    Reminder::AutomaticRule,
                ],
                true,
            ))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Reminder::Table).to_owned())
            .await?;
        for (table, column) in [
            (
                CountryLanguage::Table.into_iden(),
                CountryLanguage::Language.into_iden(),
            ),
            (
                Submission::Table.into_iden(),
                Submission::Version.into_iden(),
            ),
            (
                ReportingRound::Table.into_iden(),
                ReportingRound::RemindAfterDays.into_iden(),
            ),
            (
                ReportingRound::Table.into_iden(),
                ReportingRound::RemindBeforeDays.into_iden(),
            ),
        ] {
            manager
                .alter_table(Table::alter().table(table).drop_column(column).to_owned())
                .await?;
        }
        Ok(())
    }
}
