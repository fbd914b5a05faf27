//! The templates a country fills offline, as Excel workbooks in the reader's language: its
//! indicator values for a round (`/templates/values/{iso2}/{year}.xlsx`) and its statuses and
//! milestones, or every country's for the secretariat (`/templates/statuses/{iso2|all}.xlsx`).
//! Only whoever may report for the country gets its template.

use axum::{
    extract::{Path, State},
    http::{HeaderMap, Uri},
    response::Response,
    Extension,
};

use app::access::{Permission, Viewer};
use app::error::AppError;
use app::i18n::request_language;
use app::imports::templates;

use crate::attachments::attachment;
use crate::refusal::refuse;
use crate::AppState;

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The values template of the country `iso2` for the round of `{year}.xlsx`.
pub async fn values(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path((iso2, file)): Path<(String, String)>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let lang = request_language(&uri, &headers);
    let Some(year) = file
        .strip_suffix(".xlsx")
        .and_then(|year| year.parse::<i32>().ok())
    else {
        return refuse(AppError::NotFound, &headers);
    };
    let view = match app::indicators::queries::country_indicators(
        &state.db,
        &viewer,
        &iso2,
        Some(&year.to_string()),
    )
    .await
    {
        Ok(view) if view.year == Some(year) => view,
        Ok(_) => return refuse(AppError::NotFound, &headers),
        Err(error) => return refuse(error, &headers),
    };
    let Some(country) = app::db::countries::member_country(&state.db, &iso2)
        .await
        .ok()
        .flatten()
    else {
        return refuse(AppError::NotFound, &headers);
    };
    if !viewer.may(Permission::EditCountry(country.id)) {
        return refuse(AppError::Forbidden, &headers);
    }
    match templates::values_template(&view, lang) {
        Ok(content) => attachment(
            &format!("values-{}-{year}.xlsx", view.iso2.to_ascii_lowercase()),
            XLSX,
            content,
        ),
        Err(error) => {
            tracing::error!(%error, "a values template cannot be written");
            refuse(AppError::Internal, &headers)
        }
    }
}

/// The statuses template of the country `{iso2}.xlsx`, or of every country (`all.xlsx`).
pub async fn statuses(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(file): Path<String>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let lang = request_language(&uri, &headers);
    let Some(who) = file.strip_suffix(".xlsx") else {
        return refuse(AppError::NotFound, &headers);
    };
    let iso2 = (who != "all").then_some(who);
    if iso2.is_none() && !viewer.may(Permission::Coordinate) {
        return refuse(AppError::Forbidden, &headers);
    }
    let template = match app::imports::queries::statuses_template(&state.db, &viewer, iso2).await {
        Ok(template) => template,
        Err(error) => return refuse(error, &headers),
    };
    let today = chrono::Utc::now().date_naive();
    match templates::statuses_template(&template, lang) {
        Ok(content) => attachment(
            &format!("statuses-{}-{today}.xlsx", who.to_ascii_lowercase()),
            XLSX,
            content,
        ),
        Err(error) => {
            tracing::error!(%error, "a statuses template cannot be written");
            refuse(AppError::Internal, &headers)
        }
    }
}
