//! Reading the Protocol articles with their current (not retired) indicators.

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use super::{ArticleWithIndicators, IndicatorRow};
use crate::db::entities::{indicator, protocol_article};
use crate::domain::{Assessable, Bilingual, Direction, IndicatorKind};
use crate::error::AppError;
use crate::plan::queries::decode;

pub async fn articles_with_indicators(
    db: &DatabaseConnection,
) -> Result<Vec<ArticleWithIndicators>, AppError> {
    let articles = protocol_article::Entity::find()
        .order_by_asc(protocol_article::Column::Number)
        .all(db)
        .await?;
    let indicators = indicator::Entity::find()
        .filter(indicator::Column::RetiredAt.is_null())
        .order_by_asc(indicator::Column::Code)
        .all(db)
        .await?;
    articles
        .into_iter()
        .map(|article| {
            let rows = indicators
                .iter()
                .filter(|i| i.article_id == article.id)
                .map(|i| {
                    Ok(IndicatorRow {
                        code: i.code.clone(),
                        provision: i.provision.clone(),
                        name: Bilingual::new(&i.name_en, &i.name_es),
                        kind: decode(&i.kind, IndicatorKind::from_code, "indicator kind")?,
                        direction: decode(&i.direction, Direction::from_code, "direction")?,
                    })
                })
                .collect::<Result<Vec<_>, AppError>>()?;
            Ok(ArticleWithIndicators {
                number: article.number,
                chapter: article.chapter,
                title: Bilingual::new(article.title_en, article.title_es),
                assessable: decode(&article.assessable, Assessable::from_code, "assessable")?,
                indicators: rows,
            })
        })
        .collect()
}
