//! What the API writes: a country's report on an action and its indicator values for a round,
//! through the same saves as the forms (`actions::service::save_update`,
//! `indicators::service::save_values`): the same rules, the same version check (a write made
//! against an older version is refused with `409 Conflict`, never merged), the same audit entry.

use axum::{
    extract::{Path, State},
    http::{HeaderMap, Uri},
    response::Response,
    Extension, Json,
};
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{language, problem, ProblemDetails};
use crate::AppState;
use app::access::Viewer;
use app::actions::rules::MilestoneUpdate;
use app::db::entities::{action, milestone, milestone_progress};
use app::domain::Status;
use app::error::{AppError, Problem};
use app::imports::rules::exact_number;
use app::indicators::rules::ValueForm;

/// A country's report on an action: its status, and what else changes. A narrative left out
/// stays as it is; milestones left out are not changed.
#[derive(Deserialize, ToSchema)]
pub struct ReportIn {
    /// The version of the report this one was made from (0 before the first report).
    pub version: i32,
    /// `not_started`, `in_progress`, `completed`, `suspended`, `cancelled` or `not_applicable`.
    pub status: String,
    pub narrative_en: Option<String>,
    pub narrative_es: Option<String>,
    /// Why the status changed, for the history.
    pub comment: Option<String>,
    #[serde(default)]
    pub milestones: Vec<MilestoneIn>,
}

/// A milestone as the country reports it.
#[derive(Deserialize, ToSchema)]
pub struct MilestoneIn {
    /// The milestone's code within its action, such as M1.
    pub code: String,
    /// The day it was achieved; none when it is not.
    pub achieved_on: Option<NaiveDate>,
    /// Left out: the note stays as it is.
    pub note: Option<String>,
}

/// The version a write saved.
#[derive(Serialize, ToSchema)]
pub struct Saved {
    pub version: i32,
}

/// Saves a country's report on an action, as the action's update form does.
#[utoipa::path(put, path = "/countries/{iso2}/actions/{code}/report", tag = "writes",
    security(("token" = [])),
    params(
        ("iso2" = String, Path, description = "The member country's ISO code"),
        ("code" = String, Path, description = "The action's code"),
    ),
    request_body = ReportIn,
    responses(
        (status = 200, description = "Saved, at this version", body = Saved),
        (status = 403, description = "The token's user may not report for this country, or the token is read-only", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 409, description = "Someone saved the report since its version", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 422, description = "The report breaks a rule", body = ProblemDetails, content_type = "application/problem+json"),
    ))]
pub async fn report(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path((iso2, code)): Path<(String, String)>,
    uri: Uri,
    headers: HeaderMap,
    body: Result<Json<ReportIn>, axum::extract::rejection::JsonRejection>,
) -> Response {
    let lang = language(&uri, &headers);
    let Ok(Json(report)) = body else {
        return problem(AppError::Unreadable, lang);
    };
    match save_report(&state, &viewer, &iso2, &code, report).await {
        Ok(version) => saved_answer(version),
        Err(error) => problem(error, lang),
    }
}

async fn save_report(
    state: &AppState,
    viewer: &Viewer,
    iso2: &str,
    code: &str,
    report: ReportIn,
) -> Result<i32, AppError> {
    let plan = app::plan::queries::require_current_plan(&state.db).await?;
    let action = action::Entity::find()
        .filter(action::Column::PlanId.eq(plan.id))
        .filter(action::Column::Code.eq(code.trim()))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let country = app::db::countries::member_country(&state.db, iso2)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut update = app::actions::service::current_update(&state.db, &action, &country).await?;
    update.version = report.version;
    update.status = Status::from_code(report.status.trim())
        .ok_or_else(|| AppError::from(Problem::new("status", "problem-status-invalid")))?;
    if let Some(text) = report.narrative_en {
        update.narrative_en = text;
    }
    if let Some(text) = report.narrative_es {
        update.narrative_es = text;
    }
    update.comment = report.comment.unwrap_or_default();
    for reported in report.milestones {
        let milestone = milestone::Entity::find()
            .filter(milestone::Column::ActionId.eq(action.id))
            .filter(milestone::Column::Code.eq(reported.code.trim().to_ascii_uppercase()))
            .filter(milestone::Column::RetiredOn.is_null())
            .one(&state.db)
            .await?
            .ok_or_else(|| {
                AppError::from(Problem::new("milestones", "problem-milestone-other-action"))
            })?;
        let note = match reported.note {
            Some(note) => note,
            None => milestone_progress::Entity::find()
                .filter(milestone_progress::Column::MilestoneId.eq(milestone.id))
                .filter(milestone_progress::Column::CountryId.eq(country.id))
                .one(&state.db)
                .await?
                .and_then(|row| row.note)
                .unwrap_or_default(),
        };
        update.milestones.push(MilestoneUpdate {
            milestone_id: milestone.id,
            achieved_on: reported.achieved_on,
            note,
        });
    }
    let saved =
        app::actions::service::save_update(&state.db, viewer, &update, chrono::Utc::now()).await?;
    Ok(saved.version)
}

/// A country's values for a round's year: the indicators listed change, the others stay.
#[derive(Deserialize, ToSchema)]
pub struct ValuesIn {
    /// The version of the country's submission the values were made from.
    pub version: i32,
    pub values: Vec<ValueIn>,
}

/// One indicator's value; a value left empty removes the one saved before.
#[derive(Deserialize, ToSchema)]
pub struct ValueIn {
    pub indicator: String,
    /// A number; for yes/no indicators `true` or `false` (or `"yes"`, `"no"`); for percentages
    /// leave it out and give the numerator and denominator.
    #[schema(value_type = Option<serde_json::Value>)]
    pub value: Option<serde_json::Value>,
    pub numerator: Option<f64>,
    pub denominator: Option<f64>,
    /// Where the value comes from: required with a value.
    pub source: Option<String>,
    pub note: Option<String>,
}

impl ValueIn {
    /// The value as the values form types it.
    fn form(self) -> ValueForm {
        let number = |value: Option<f64>| value.map(exact_number).unwrap_or_default();
        let value = match self.value {
            Some(serde_json::Value::Bool(true)) => "yes".to_owned(),
            Some(serde_json::Value::Bool(false)) => "no".to_owned(),
            Some(serde_json::Value::Number(number)) => {
                number.as_f64().map(exact_number).unwrap_or_default()
            }
            Some(serde_json::Value::String(text)) => text,
            _ => String::new(),
        };
        ValueForm {
            indicator: self.indicator.trim().to_ascii_uppercase(),
            value,
            numerator: number(self.numerator),
            denominator: number(self.denominator),
            source: self.source.unwrap_or_default(),
            note: self.note.unwrap_or_default(),
        }
    }
}

/// Saves a country's indicator values for the round of a year, as its indicator page does.
#[utoipa::path(put, path = "/countries/{iso2}/values/{year}", tag = "writes",
    security(("token" = [])),
    params(
        ("iso2" = String, Path, description = "The member country's ISO code"),
        ("year" = i32, Path, description = "The round's year"),
    ),
    request_body = ValuesIn,
    responses(
        (status = 200, description = "Saved, at this version of the submission", body = Saved),
        (status = 403, description = "The token's user may not report for this country, or the token is read-only", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 409, description = "Someone saved the values since their version", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 422, description = "A value breaks a rule, or the submission is locked", body = ProblemDetails, content_type = "application/problem+json"),
    ))]
pub async fn values(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path((iso2, year)): Path<(String, String)>,
    uri: Uri,
    headers: HeaderMap,
    body: Result<Json<ValuesIn>, axum::extract::rejection::JsonRejection>,
) -> Response {
    let lang = language(&uri, &headers);
    let Ok(Json(values)) = body else {
        return problem(AppError::Unreadable, lang);
    };
    let Ok(year) = year.trim().parse::<i32>() else {
        return problem(AppError::NotFound, lang);
    };
    let input = app::indicators::service::ValuesInput {
        country: iso2.trim().to_ascii_uppercase(),
        year,
        version: values.version,
        values: values.values.into_iter().map(ValueIn::form).collect(),
    };
    match app::indicators::service::save_values(&state.db, &viewer, &input, chrono::Utc::now())
        .await
    {
        Ok(version) => saved_answer(version),
        Err(error) => problem(error, lang),
    }
}

/// The version a write saved, as JSON: never `304`, whatever the request's `If-None-Match`.
fn saved_answer(version: i32) -> Response {
    axum::response::IntoResponse::into_response(Json(Saved { version }))
}
