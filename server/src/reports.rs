//! The annual report's files. `POST /reports/generate` (year, language, format), the secretariat's
//! act, generates one from the data of the moment on a blocking thread (so that other requests go on
//! meanwhile), keeps it, and sends a browser to `GET /reports/files/{id}`, which downloads a kept
//! file for any signed-in user (other clients get `201` with the file's address). A year without a
//! round, a language other than English or Spanish, or an unknown format gets a clear message, and
//! nothing is kept.

use axum::{
    extract::{rejection::FormRejection, Path, State},
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Redirect, Response},
    Extension, Form, Json,
};
use serde::Deserialize;

use crate::AppState;
use app::access::{Permission, Viewer};
use app::error::{AppError, Problem};
use app::i18n::Lang;
use app::reports::queries;
use app::reports::render::render;
use app::reports::service::{self, Generated};
use app::reports::types::ReportFormat;
use app::urls;

use crate::attachments::attachment;
use crate::refusal::{refuse, wants_html};

/// The choices of the address.
#[derive(Deserialize)]
pub struct Choice {
    plan: Option<String>,
    year: Option<String>,
    language: Option<String>,
    format: Option<String>,
}

/// Reads the choices, each problem named.
fn read(choice: &Choice) -> Result<(i32, Lang, ReportFormat), AppError> {
    let mut problems = Vec::new();
    let year = choice
        .year
        .as_deref()
        .and_then(|y| y.trim().parse::<i32>().ok());
    if year.is_none() {
        problems.push(Problem::new("year", "problem-report-no-round"));
    }
    let language = choice.language.as_deref().and_then(Lang::from_tag);
    if language.is_none() {
        problems.push(Problem::new("language", "problem-report-language"));
    }
    let format = choice.format.as_deref().and_then(ReportFormat::from_code);
    if format.is_none() {
        problems.push(Problem::new("format", "problem-report-format"));
    }
    match (year, language, format) {
        (Some(year), Some(language), Some(format)) => Ok((year, language, format)),
        _ => Err(AppError::Invalid(problems)),
    }
}

pub async fn generate(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    headers: HeaderMap,
    choice: Result<Form<Choice>, FormRejection>,
) -> Response {
    let Ok(Form(choice)) = choice else {
        return refuse(AppError::Unreadable, &headers);
    };
    match generate_and_keep(&state, &viewer, &choice).await {
        // The cookie tells the page that asked (its notice) that the file is on its way.
        Ok(id) if wants_html(&headers) => (
            [(
                header::SET_COOKIE,
                format!(
                    "{}=1; Path=/; Max-Age=300; SameSite=Strict",
                    urls::REPORT_READY_COOKIE
                ),
            )],
            Redirect::to(&urls::kept_report_path(id)),
        )
            .into_response(),
        Ok(id) => (
            StatusCode::CREATED,
            Json(serde_json::json!({ "id": id, "file": urls::kept_report_path(id) })),
        )
            .into_response(),
        Err(error) => refuse(error, &headers),
    }
}

async fn generate_and_keep(
    state: &AppState,
    viewer: &Viewer,
    choice: &Choice,
) -> Result<i32, AppError> {
    if !viewer.may(Permission::Coordinate) {
        return Err(AppError::Forbidden);
    }
    let (year, language, format) = read(choice)?;
    let plan = choice
        .plan
        .as_deref()
        .filter(|code| !code.trim().is_empty());
    let snapshot = state.snapshots.get(&state.db, &state.changes, plan).await?;
    if plan.is_some_and(|code| !code.trim().eq_ignore_ascii_case(&snapshot.plan)) {
        return Err(AppError::Invalid(vec![Problem::new(
            "plan",
            "problem-report-plan",
        )]));
    }
    let now = chrono::Utc::now();
    let report = queries::annual_report(&state.db, &snapshot, year, now.date_naive()).await?;
    let plan_code = report.plan_code.clone();
    let started = std::time::Instant::now();
    let content = tokio::task::spawn_blocking(move || {
        let content = render(report, language, format);
        // At scale a report's working memory is a gigabyte: given back now, not kept.
        crate::allocator::give_back_freed_memory();
        content
    })
    .await
    .map_err(|error| {
        tracing::error!(%error, "report generation stopped");
        AppError::Internal
    })??;
    metrics::histogram!("enlace_report_generation_seconds", "format" => format.code())
        .record(started.elapsed().as_secs_f64());
    service::keep(
        &state.db,
        viewer,
        Generated {
            plan_code,
            year,
            language,
            format,
            content,
        },
        now,
    )
    .await
}

/// Sends a kept report as a download.
pub async fn file(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<i32>,
    headers: HeaderMap,
) -> Response {
    if !viewer.may(Permission::Read) {
        return refuse(AppError::Forbidden, &headers);
    }
    match queries::kept_file(&state.db, id).await {
        Ok((file_name, content_type, content)) => attachment(&file_name, content_type, content),
        Err(error) => refuse(error, &headers),
    }
}
