//! The annual report written as a file, in each format, with its charts.

use super::types::{AnnualReport, ReportFormat};
use super::{document, docx, pdf, xlsx};
use crate::i18n::Lang;

/// The report in `format`, written in `language`: CPU work, to be run on a blocking thread. For the
/// PDF, the report is let go of once the document and charts are drawn from it, before the
/// typesetting, which needs most of a report's memory.
pub fn render(
    report: AnnualReport,
    language: Lang,
    format: ReportFormat,
) -> Result<Vec<u8>, crate::error::AppError> {
    use chrono::Datelike;
    let failed = |error: &dyn std::fmt::Display| {
        tracing::error!(%error, ?format, "the report could not be written");
        crate::error::AppError::Internal
    };
    match format {
        ReportFormat::Pdf => {
            let day = report.as_of;
            let written = document::document(&report, language);
            let charts = charts(&report, language);
            drop(report);
            pdf::pdf(
                written,
                &charts,
                (day.year(), day.month() as u8, day.day() as u8),
            )
            .map_err(|error| failed(&error))
        }
        ReportFormat::Docx => docx::docx(
            &document::document(&report, language),
            &charts(&report, language),
            &report.as_of.to_string(),
        )
        .map_err(|error| failed(&error)),
        ReportFormat::Xlsx => xlsx::workbook(&report, language).map_err(|error| failed(&error)),
    }
}

/// The report's charts: progress by theme and by country, as the dashboards draw them.
pub fn charts(report: &AnnualReport, lang: Lang) -> Vec<crate::dashboards::types::Chart> {
    use crate::dashboards::charts;
    use crate::i18n::{format_date, t, t_args};
    let date = format_date(lang, &report.as_of.to_string());
    let on = |key: &str| t_args(lang, key, &[("date", date.clone().into())]);
    vec![
        charts::bars::theme_bars(
            "report-chart-themes",
            &t(lang, "chart-themes-title"),
            &on("chart-themes-desc"),
            &report.themes,
            lang,
        ),
        charts::bars::country_bars(
            "report-chart-countries",
            &t(lang, "chart-countries-title"),
            &on("chart-countries-desc"),
            &report.countries,
            lang,
        ),
    ]
}
