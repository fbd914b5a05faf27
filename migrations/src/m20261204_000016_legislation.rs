//! The comparative matrix of legislation: the provisions countries compare (reference data, loaded
//! here from `reference/legislation_provisions.csv`), each country's entry per provision (coverage,
//! the article's text, penalties; versioned, entered and verified), the national instruments that
//! implement it, each version of an entry as its history, and reviewers' comments on an entry.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261122_000001_reference_tables::Country;
use crate::m20261122_000003_users_and_country_progress::AppUser;
use crate::reference;
use crate::support::{foreign_key, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum LegislationProvision {
    Table,
    Id,
    Code,
    ProvisionGroup,
    Instrument,
    Article,
    NameEn,
    NameEs,
    QuestionEn,
    QuestionEs,
    SortOrder,
}

#[derive(DeriveIden, Clone, Copy)]
enum LegislationEntry {
    Table,
    Id,
    CountryId,
    ProvisionId,
    /// `full`, `partial`, `none` or `not_applicable`.
    Coverage,
    CoverageReason,
    OriginalText,
    TextLanguage,
    PenaltyMinYears,
    PenaltyMaxYears,
    Fines,
    Aggravating,
    Note,
    EnteredBy,
    EnteredAt,
    VerifiedBy,
    VerifiedAt,
    /// When a focal point last confirmed the entry unchanged in a round, and who.
    ConfirmedBy,
    ConfirmedAt,
    Version,
}

#[derive(DeriveIden, Clone, Copy)]
enum LegislationInstrument {
    Table,
    Id,
    EntryId,
    Title,
    Number,
    Year,
    Article,
    Url,
    InForceSince,
    SortOrder,
}

#[derive(DeriveIden, Clone, Copy)]
enum LegislationVersion {
    Table,
    Id,
    EntryId,
    Version,
    /// The whole entry, instruments included, as JSON.
    Content,
    SavedBy,
    SavedAt,
    /// When the secretariat first verified this version (validating the country's submission), and
    /// who: a past year's annex reads its verification from here.
    VerifiedBy,
    VerifiedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum LegislationComment {
    Table,
    Id,
    EntryId,
    AuthorId,
    Body,
    CreatedAt,
}

fn invalid(e: reference::ReferenceError) -> DbErr {
    DbErr::Custom(format!("reference data: {e}"))
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(LegislationProvision::Table)
                    .col(pk_auto(LegislationProvision::Id))
                    .col(string_uniq(LegislationProvision::Code))
                    .col(string(LegislationProvision::ProvisionGroup))
                    .col(text(LegislationProvision::Instrument))
                    .col(string(LegislationProvision::Article))
                    .col(text(LegislationProvision::NameEn))
                    .col(text(LegislationProvision::NameEs))
                    .col(text(LegislationProvision::QuestionEn))
                    .col(text(LegislationProvision::QuestionEs))
                    .col(integer(LegislationProvision::SortOrder))
                    .to_owned(),
            )
            .await?;
        let mut provisions = Query::insert()
            .into_table(LegislationProvision::Table)
            .columns([
                LegislationProvision::Code,
                LegislationProvision::ProvisionGroup,
                LegislationProvision::Instrument,
                LegislationProvision::Article,
                LegislationProvision::NameEn,
                LegislationProvision::NameEs,
                LegislationProvision::QuestionEn,
                LegislationProvision::QuestionEs,
                LegislationProvision::SortOrder,
            ])
            .to_owned();
        let records = reference::legislation_provisions().map_err(invalid)?;
        for (order, p) in records.into_iter().enumerate() {
            provisions.values_panic([
                p.code.into(),
                p.group.into(),
                p.instrument.into(),
                p.article.into(),
                p.name_en.into(),
                p.name_es.into(),
                p.question_en.into(),
                p.question_es.into(),
                (order as i32).into(),
            ]);
        }
        manager.exec_stmt(provisions).await?;

        manager
            .create_table(
                Table::create()
                    .table(LegislationEntry::Table)
                    .col(pk_auto(LegislationEntry::Id))
                    .col(integer(LegislationEntry::CountryId))
                    .col(integer(LegislationEntry::ProvisionId))
                    .col(string(LegislationEntry::Coverage))
                    .col(text_null(LegislationEntry::CoverageReason))
                    .col(text_null(LegislationEntry::OriginalText))
                    .col(string_null(LegislationEntry::TextLanguage))
                    .col(double_null(LegislationEntry::PenaltyMinYears))
                    .col(double_null(LegislationEntry::PenaltyMaxYears))
                    .col(text_null(LegislationEntry::Fines))
                    .col(text_null(LegislationEntry::Aggravating))
                    .col(text_null(LegislationEntry::Note))
                    .col(integer_null(LegislationEntry::EnteredBy))
                    .col(timestamp_with_time_zone(LegislationEntry::EnteredAt))
                    .col(integer_null(LegislationEntry::VerifiedBy))
                    .col(timestamp_with_time_zone_null(LegislationEntry::VerifiedAt))
                    .col(integer_null(LegislationEntry::ConfirmedBy))
                    .col(timestamp_with_time_zone_null(LegislationEntry::ConfirmedAt))
                    .col(integer(LegislationEntry::Version))
                    .foreign_key(&mut foreign_key(
                        LegislationEntry::Table,
                        LegislationEntry::CountryId,
                        Country::Table,
                        Country::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut foreign_key(
                        LegislationEntry::Table,
                        LegislationEntry::ProvisionId,
                        LegislationProvision::Table,
                        LegislationProvision::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut foreign_key(
                        LegislationEntry::Table,
                        LegislationEntry::EnteredBy,
                        AppUser::Table,
                        AppUser::Id,
                        ForeignKeyAction::SetNull,
                    ))
                    .foreign_key(&mut foreign_key(
                        LegislationEntry::Table,
                        LegislationEntry::VerifiedBy,
                        AppUser::Table,
                        AppUser::Id,
                        ForeignKeyAction::SetNull,
                    ))
                    .foreign_key(&mut foreign_key(
                        LegislationEntry::Table,
                        LegislationEntry::ConfirmedBy,
                        AppUser::Table,
                        AppUser::Id,
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                LegislationEntry::Table,
                &[LegislationEntry::CountryId, LegislationEntry::ProvisionId],
                true,
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(LegislationInstrument::Table)
                    .col(pk_auto(LegislationInstrument::Id))
                    .col(integer(LegislationInstrument::EntryId))
                    .col(text(LegislationInstrument::Title))
                    .col(text_null(LegislationInstrument::Number))
                    .col(integer_null(LegislationInstrument::Year))
                    .col(text_null(LegislationInstrument::Article))
                    .col(text_null(LegislationInstrument::Url))
                    .col(date_null(LegislationInstrument::InForceSince))
                    .col(integer(LegislationInstrument::SortOrder))
                    .foreign_key(&mut foreign_key(
                        LegislationInstrument::Table,
                        LegislationInstrument::EntryId,
                        LegislationEntry::Table,
                        LegislationEntry::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                LegislationInstrument::Table,
                &[LegislationInstrument::EntryId],
                false,
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(LegislationVersion::Table)
                    .col(pk_auto(LegislationVersion::Id))
                    .col(integer(LegislationVersion::EntryId))
                    .col(integer(LegislationVersion::Version))
                    .col(text(LegislationVersion::Content))
                    .col(integer_null(LegislationVersion::SavedBy))
                    .col(timestamp_with_time_zone(LegislationVersion::SavedAt))
                    .col(integer_null(LegislationVersion::VerifiedBy))
                    .col(timestamp_with_time_zone_null(
                        LegislationVersion::VerifiedAt,
                    ))
                    .foreign_key(&mut foreign_key(
                        LegislationVersion::Table,
                        LegislationVersion::EntryId,
                        LegislationEntry::Table,
                        LegislationEntry::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut foreign_key(
                        LegislationVersion::Table,
                        LegislationVersion::SavedBy,
                        AppUser::Table,
                        AppUser::Id,
                        ForeignKeyAction::SetNull,
                    ))
                    .foreign_key(&mut foreign_key(
                        LegislationVersion::Table,
                        LegislationVersion::VerifiedBy,
                        AppUser::Table,
                        AppUser::Id,
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                LegislationVersion::Table,
                &[LegislationVersion::EntryId, LegislationVersion::Version],
                true,
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(LegislationComment::Table)
                    .col(pk_auto(LegislationComment::Id))
                    .col(integer(LegislationComment::EntryId))
                    .col(integer_null(LegislationComment::AuthorId))
                    .col(text(LegislationComment::Body))
                    .col(timestamp_with_time_zone(LegislationComment::CreatedAt))
                    .foreign_key(&mut foreign_key(
                        LegislationComment::Table,
                        LegislationComment::EntryId,
                        LegislationEntry::Table,
                        LegislationEntry::Id,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut foreign_key(
                        LegislationComment::Table,
                        LegislationComment::AuthorId,
                        AppUser::Table,
                        AppUser::Id,
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                LegislationComment::Table,
                &[LegislationComment::EntryId],
                false,
            ))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            LegislationComment::Table.into_iden(),
            LegislationVersion::Table.into_iden(),
            LegislationInstrument::Table.into_iden(),
            LegislationEntry::Table.into_iden(),
            LegislationProvision::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
