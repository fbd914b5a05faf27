//! Signing in: server-side sessions (in the database, so that several app servers share them), the
//! record of sign-in attempts that throttling counts, and the country of each audit entry, by which the
//! secretariat filters the trail.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261122_000003_users_and_country_progress::AppUser;
use crate::support::{foreign_key, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The id is a hash of the token in the cookie: a copy of the table opens no session.
#[derive(DeriveIden, Clone, Copy)]
enum Session {
    Table,
    Id,
    UserId,
    CreatedAt,
    LastSeenAt,
    ExpiresAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum SignInAttempt {
    Table,
    Id,
    Email,
    ClientAddress,
    Succeeded,
    AttemptedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum AuditEntry {
    Table,
    CountryId,
    OccurredAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Session::Table)
                    .col(string_len(Session::Id, 64).primary_key())
                    .col(integer(Session::UserId))
                    .col(timestamp_with_time_zone(Session::CreatedAt))
                    .col(timestamp_with_time_zone(Session::LastSeenAt))
                    .col(timestamp_with_time_zone(Session::ExpiresAt))
                    .foreign_key(&mut foreign_key(
                        Session::Table,
                        Session::UserId,
                        AppUser::Table,
                        AppUser::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(Session::Table, &[Session::UserId], false))
            .await?;
        manager
            .create_index(index(Session::Table, &[Session::ExpiresAt], false))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(SignInAttempt::Table)
                    .col(pk_auto(SignInAttempt::Id))
                    .col(string(SignInAttempt::Email))
                    .col(string(SignInAttempt::ClientAddress))
                    .col(boolean(SignInAttempt::Succeeded))
                    .col(timestamp_with_time_zone(SignInAttempt::AttemptedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                SignInAttempt::Table,
                &[SignInAttempt::Email, SignInAttempt::AttemptedAt],
                false,
            ))
            .await?;
        manager
            .create_index(index(
                SignInAttempt::Table,
                &[SignInAttempt::ClientAddress, SignInAttempt::AttemptedAt],
                false,
            ))
            .await?;

        // A plain column, not a foreign key: SQLite cannot add a constraint to an existing table, and
        // the entry records the country as it was at the time of the write.
        manager
            .alter_table(
                Table::alter()
                    .table(AuditEntry::Table)
                    .add_column(integer_null(AuditEntry::CountryId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                AuditEntry::Table,
                &[AuditEntry::CountryId, AuditEntry::OccurredAt],
                false,
            ))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_audit_entry_country_id_occurred_at")
                    .table(AuditEntry::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(AuditEntry::Table)
                    .drop_column(AuditEntry::CountryId)
                    .to_owned(),
            )
            .await?;
        for table in [SignInAttempt::Table.into_iden(), Session::Table.into_iden()] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
