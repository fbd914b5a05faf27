//! `GET /reports/download?year=…&language=…&format=xlsx`: the annual report's files, generated from
//! the data of the moment on a blocking thread (so that other requests go on meanwhile), sent as a
//! download. A year without a round, a language other than English or Spanish, or an unknown format
//! gets a clear message, and no file.

use axum::{
    extract::{Query, State},
    http::{header, HeaderMap, HeaderValue},
    response::{IntoResponse, Response},
    Extension,
};
use serde::Deserialize;

use app::access::{Permission, Viewer};
use app::db::AppState;
use app::error::{AppError, Problem};
use app::i18n::Lang;
use app::reports::{assemble, xlsx};

use crate::evidence::refuse;

/// The choices of the address.
#[derive(Deserialize)]
pub struct Choice {
    year: Option<String>,
    language: Option<String>,
    format: Option<String>,
}

/// The formats the report is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Xlsx,
}

impl Format {
    fn read(text: &str) -> Option<Self> {
        match text.trim().to_ascii_lowercase().as_str() {
            "xlsx" => Some(Format::Xlsx),
            _ => None,
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }

    fn extension(self) -> &'static str {
        match self {
            Format::Xlsx => "xlsx",
        }
    }
}

/// Reads the choices, each problem named.
fn read(choice: &Choice) -> Result<(i32, Lang, Format), AppError> {
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
    let format = choice.format.as_deref().and_then(Format::read);
    if format.is_none() {
        problems.push(Problem::new("format", "problem-report-format"));
    }
    match (year, language, format) {
        (Some(year), Some(language), Some(format)) => Ok((year, language, format)),
        _ => Err(AppError::Invalid(problems)),
    }
}

pub async fn download(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Query(choice): Query<Choice>,
    headers: HeaderMap,
) -> Response {
    match generate(&state, &viewer, &choice).await {
        Ok((file_name, format, bytes)) => {
            let mut response = bytes.into_response();
            let response_headers = response.headers_mut();
            response_headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static(format.content_type()),
            );
            if let Ok(value) =
                HeaderValue::from_str(&format!("attachment; filename=\"{file_name}\""))
            {
                response_headers.insert(header::CONTENT_DISPOSITION, value);
            }
            response
        }
        Err(error) => refuse(error, &headers),
    }
}

async fn generate(
    state: &AppState,
    viewer: &Viewer,
    choice: &Choice,
) -> Result<(String, Format, Vec<u8>), AppError> {
    if !viewer.may(Permission::Read) {
        return Err(AppError::Forbidden);
    }
    let (year, language, format) = read(choice)?;
    let snapshot = state
        .snapshots
        .get(&state.db, state.changes.generation(), None)
        .await?;
    let report =
        assemble::annual_report(&state.db, &snapshot, year, chrono::Utc::now().date_naive())
            .await?;
    let bytes = tokio::task::spawn_blocking(move || match format {
        Format::Xlsx => xlsx::workbook(&report, language).map_err(|error| {
            tracing::error!(%error, "the report's workbook could not be written");
            AppError::Internal
        }),
    })
    .await
    .map_err(|error| {
        tracing::error!(%error, "report generation stopped");
        AppError::Internal
    })??;
    let file_name = format!(
        "enlace-report-{year}-{}.{}",
        language.code(),
        format.extension()
    );
    Ok((file_name, format, bytes))
}
