//! Loads the shipped reference data (countries, Protocol articles, indicators) into the reference tables.
//! As a migration it runs exactly once per database; later corrections to the data are new migrations.

use sea_orm_migration::prelude::*;

use crate::m20261122_000001_reference_tables::{Country, Indicator, ProtocolArticle};
use crate::reference;

#[derive(DeriveMigrationName)]
pub struct Migration;

fn invalid(e: reference::ReferenceError) -> DbErr {
    DbErr::Custom(format!("reference data: {e}"))
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut countries = Query::insert()
            .into_table(Country::Table)
            .columns([
                Country::Iso2,
                Country::Iso3,
                Country::NameEn,
                Country::NameEs,
                Country::Membership,
            ])
            .to_owned();
        for c in reference::countries().map_err(invalid)? {
            countries.values_panic([
                c.iso2.into(),
                c.iso3.into(),
                c.name_en.into(),
                c.name_es.into(),
                c.membership.into(),
            ]);
        }
        manager.exec_stmt(countries).await?;

        let mut articles = Query::insert()
            .into_table(ProtocolArticle::Table)
            .columns([
                ProtocolArticle::Number,
                ProtocolArticle::Chapter,
                ProtocolArticle::TitleEn,
                ProtocolArticle::TitleEs,
                ProtocolArticle::Assessable,
            ])
            .to_owned();
        for a in reference::protocol_articles().map_err(invalid)? {
            articles.values_panic([
                a.article.into(),
                a.chapter.into(),
                a.title_en.into(),
                a.title_es.into(),
                a.assessable.into(),
            ]);
        }
        manager.exec_stmt(articles).await?;

        // Each indicator takes its article's id from the row just inserted, by article number.
        for i in reference::indicators().map_err(invalid)? {
            let select = Query::select()
                .exprs([
                    Expr::val(i.code),
                    Expr::col(ProtocolArticle::Id),
                    Expr::val(i.provision),
                    Expr::val(i.name_en),
                    Expr::val(i.name_es),
                    Expr::val(i.kind),
                    Expr::val(i.direction),
                    Expr::val(i.basis),
                ])
                .from(ProtocolArticle::Table)
                .and_where(Expr::col(ProtocolArticle::Number).eq(i.article))
                .to_owned();
            let insert = Query::insert()
                .into_table(Indicator::Table)
                .columns([
                    Indicator::Code,
                    Indicator::ArticleId,
                    Indicator::Provision,
                    Indicator::NameEn,
                    Indicator::NameEs,
                    Indicator::Kind,
                    Indicator::Direction,
                    Indicator::Basis,
                ])
                .select_from(select)
                .map_err(|e| DbErr::Custom(e.to_string()))?
                .to_owned();
            manager.exec_stmt(insert).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Indicator::Table.into_iden(),
            ProtocolArticle::Table.into_iden(),
            Country::Table.into_iden(),
        ] {
            manager
                .exec_stmt(Query::delete().from_table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
