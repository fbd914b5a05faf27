//! Reading the matrix: the current plan's actions against the countries of a group.

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use super::types::{Matrix, MatrixCell, MatrixRow};
use crate::db::entities::{country, theme};
use crate::domain::{Bilingual, Membership};
use crate::error::AppError;
use crate::plan::queries::reported_states;
use crate::plan::queries::require_current_plan;

/// The matrix for `theme` (a theme code; every theme when empty) and `group` (`member` when empty).
/// A theme or group the plan does not have is set aside with a notice, showing the nearest valid view.
pub async fn matrix(
    db: &DatabaseConnection,
    theme: Option<String>,
    group: Option<String>,
) -> Result<Matrix, AppError> {
    let plan = require_current_plan(db).await?;
    let themes = theme::Entity::find()
        .filter(theme::Column::PlanId.eq(plan.id))
        .filter(theme::Column::RetiredOn.is_null())
        .order_by_asc(theme::Column::SortOrder)
        .all(db)
        .await?;
    let mut notice = None;
    let wanted_theme = theme
        .map(|code| code.trim().to_owned())
        .filter(|c| !c.is_empty());
    let theme = match wanted_theme {
        Some(code) if themes.iter().any(|t| t.code == code) => Some(code),
        Some(_) => {
            notice = Some("matrix-unknown-theme".to_owned());
            None
        }
        None => None,
    };
    let group = match group.as_deref().map(str::trim).filter(|g| !g.is_empty()) {
        None => Membership::Member,
        Some(code) => Membership::from_code(code).unwrap_or_else(|| {
            notice = Some("matrix-unknown-group".to_owned());
            Membership::Member
        }),
    };

    let countries = country::Entity::find()
        .filter(country::Column::Membership.eq(group.code()))
        .order_by_asc(country::Column::Iso2)
        .all(db)
        .await?;
    let country_ids: Vec<i32> = countries.iter().map(|c| c.id).collect();
    let (actions, reported) = reported_states(db, &plan, &country_ids).await?;
    let today = chrono::Utc::now().date_naive();
    let theme_code = |theme_id: i32| {
        themes
            .iter()
            .find(|t| t.id == theme_id)
            .map(|t| t.code.clone())
            .unwrap_or_default()
    };
    let rows = actions
        .iter()
        .map(|action| (theme_code(action.theme_id), action))
        .filter(|(code, _)| theme.as_ref().is_none_or(|wanted| wanted == code))
        .map(|(theme_code, action)| MatrixRow {
            theme_code,
            code: action.code.clone(),
            title: Bilingual::new(&action.title_en, &action.title_es),
            cells: country_ids
                .iter()
                .map(|country_id| {
                    let reported = reported.get(&(*country_id, action.id));
                    MatrixCell {
                        status: reported.and_then(|r| r.status),
                        delayed: reported.is_some_and(|r| r.state.is_delayed(today)),
                    }
                })
                .collect(),
        })
        .collect();
    Ok(Matrix {
        themes: themes
            .into_iter()
            .map(|t| (t.code, Bilingual::new(t.name_en, t.name_es)))
            .collect(),
        theme,
        group,
        countries: countries
            .into_iter()
            .map(|c| (c.iso2, Bilingual::new(c.name_en, c.name_es)))
            .collect(),
        rows,
        notice,
    })
}
