//! The report's data annex as an Excel workbook: one sheet per table of the report, headers in the
//! report's language and frozen, shares as numbers formatted as percentages, dates as dates. The
//! same report gives the same bytes (the workbook is dated by the report's data, not the clock).

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError,
};

use super::document::timeliness_key;
use super::types::AnnualReport;
use crate::i18n::{t, Lang};
use crate::indicators::rules::format_value;
use crate::indicators::types::IndicatorOfYear;
use crate::progress::Progress;

/// A cell of the annex.
enum Cell {
    Text(String),
    Share(Option<f64>),
    Number(Option<f64>),
    Day(Option<NaiveDate>),
}

fn text(value: impl Into<String>) -> Cell {
    Cell::Text(value.into())
}

struct Formats {
    header: Format,
    share: Format,
    day: Format,
}

/// Writes one sheet: its name, header row (frozen) and rows.
fn sheet(
    workbook: &mut Workbook,
    formats: &Formats,
    name: &str,
    headers: &[String],
    rows: &[Vec<Cell>],
) -> Result<(), XlsxError> {
    let worksheet: &mut Worksheet = workbook.add_worksheet();
    worksheet.set_name(name)?;
    for (column, header) in headers.iter().enumerate() {
        worksheet.write_string_with_format(0, column as u16, header, &formats.header)?;
    }
    for (index, row) in rows.iter().enumerate() {
        let line = index as u32 + 1;
        for (column, cell) in row.iter().enumerate() {
            let column = column as u16;
            match cell {
                Cell::Text(value) => {
                    worksheet.write_string(line, column, value)?;
                }
                Cell::Share(Some(value)) => {
                    worksheet.write_number_with_format(line, column, *value, &formats.share)?;
                }
                Cell::Number(Some(value)) => {
                    worksheet.write_number(line, column, *value)?;
                }
                Cell::Day(Some(day)) => {
                    worksheet.write_datetime_with_format(
                        line,
                        column,
                        excel_day(*day)?,
                        &formats.day,
                    )?;
                }
                Cell::Share(None) | Cell::Number(None) | Cell::Day(None) => {}
            }
        }
    }
    worksheet.set_freeze_panes(1, 0)?;
    worksheet.autofit();
    Ok(())
}

fn excel_day(day: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    ExcelDateTime::from_ymd(day.year() as u16, day.month() as u8, day.day() as u8)
}

/// `cells`, then the achieved and expected shares and the schedule status of `progress`.
fn with_progress_cells(lang: Lang, mut cells: Vec<Cell>, progress: Option<Progress>) -> Vec<Cell> {
    cells.extend([
        Cell::Share(progress.map(|p| p.actual)),
        Cell::Share(progress.map(|p| p.expected)),
        text(progress.map_or_else(String::new, |p| t(lang, p.schedule().label_key()))),
    ]);
    cells
}

fn headers(lang: Lang, keys: &[&str]) -> Vec<String> {
    keys.iter().map(|key| t(lang, key)).collect()
}

/// The workbook of `report` in `lang`.
pub fn workbook(report: &AnnualReport, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let title = format!("{} {}", t(lang, "report-title"), report.year);
    workbook.set_properties(
        &DocProperties::new()
            .set_title(&title)
            .set_creation_datetime(&excel_day(report.as_of)?),
    );
    let formats = Formats {
        header: Format::new()
            .set_bold()
            .set_background_color(Color::RGB(0xD9DDE1)),
        share: Format::new().set_num_format("0.0%"),
        day: Format::new().set_num_format("yyyy-mm-dd"),
    };
    let progress_headers = ["chart-actual", "chart-expected", "chart-schedule"];
    let with_progress = |keys: &[&str]| {
        let mut all = headers(lang, keys);
        all.extend(headers(lang, &progress_headers));
        all
    };

    let regional = with_progress_cells(
        lang,
        vec![
            text(report.plan_title.get(lang)),
            Cell::Number(Some(f64::from(report.year))),
            Cell::Day(Some(report.as_of)),
        ],
        report.regional,
    );
    sheet(
        &mut workbook,
        &formats,
        &t(lang, "report-sheet-summary"),
        &with_progress(&["report-plan", "col-year", "report-data-date"]),
        &[regional],
    )?;

    let themes: Vec<Vec<Cell>> = report
        .themes
        .iter()
        .map(|theme| {
            with_progress_cells(
                lang,
                vec![text(&theme.code), text(theme.name.get(lang))],
                theme.progress,
            )
        })
        .collect();
    sheet(
        &mut workbook,
        &formats,
        &t(lang, "report-sheet-themes"),
        &with_progress(&["col-code", "dashboard-theme"]),
        &themes,
    )?;

    let countries: Vec<Vec<Cell>> = report
        .countries
        .iter()
        .map(|country| {
            with_progress_cells(
                lang,
                vec![text(&country.iso2), text(country.name.get(lang))],
                country.progress,
            )
        })
        .collect();
    sheet(
        &mut workbook,
        &formats,
        &t(lang, "report-sheet-countries"),
        &with_progress(&["report-iso", "col-country"]),
        &countries,
    )?;

    let country_themes: Vec<Vec<Cell>> = report
        .sections
        .iter()
        .flat_map(|section| {
            section.themes.iter().map(move |theme| {
                with_progress_cells(
                    lang,
                    vec![
                        text(&section.iso2),
                        text(section.name.get(lang)),
                        text(&theme.code),
                        text(theme.name.get(lang)),
                    ],
                    theme.progress,
                )
            })
        })
        .collect();
    sheet(
        &mut workbook,
        &formats,
        &t(lang, "report-sheet-country-themes"),
        &with_progress(&["report-iso", "col-country", "col-code", "dashboard-theme"]),
        &country_themes,
    )?;

    let achieved: Vec<Vec<Cell>> = report
        .sections
        .iter()
        .flat_map(|section| {
            section.achieved.iter().map(move |m| {
                vec![
                    text(&section.iso2),
                    text(section.name.get(lang)),
                    text(&m.code),
                    text(m.milestone.get(lang)),
                    Cell::Day(Some(m.achieved_on)),
                ]
            })
        })
        .collect();
    sheet(
        &mut workbook,
        &formats,
        &t(lang, "report-sheet-milestones"),
        &headers(
            lang,
            &[
                "report-iso",
                "col-country",
                "col-action",
                "report-milestone",
                "update-achieved-on",
            ],
        ),
        &achieved,
    )?;

    let review = &report.year_in_review;
    let changes: Vec<Vec<Cell>> = review
        .completed
        .iter()
        .map(|a| (a, "report-change-completed"))
        .chain(
            review
                .became_delayed
                .iter()
                .map(|a| (a, "report-change-became-delayed")),
        )
        .map(|(a, change)| {
            vec![
                text(&a.iso2),
                text(a.country.get(lang)),
                text(&a.action.code),
                text(a.action.title.get(lang)),
                text(t(lang, change)),
            ]
        })
        .collect();
    sheet(
        &mut workbook,
        &formats,
        &t(lang, "report-sheet-changes"),
        &headers(
            lang,
            &[
                "report-iso",
                "col-country",
                "col-code",
                "col-action",
                "report-change",
            ],
        ),
        &changes,
    )?;

    let delayed: Vec<Vec<Cell>> = report
        .sections
        .iter()
        .flat_map(|section| {
            section.delayed.iter().map(move |d| {
                let mut row = with_progress_cells(
                    lang,
                    vec![
                        text(&section.iso2),
                        text(section.name.get(lang)),
                        text(&d.action.code),
                        text(d.action.title.get(lang)),
                    ],
                    d.progress,
                );
                row.push(text(d.narrative.get(lang)));
                row
            })
        })
        .collect();
    let mut delayed_headers =
        with_progress(&["report-iso", "col-country", "col-code", "col-action"]);
    delayed_headers.push(t(lang, "report-narrative"));
    sheet(
        &mut workbook,
        &formats,
        &t(lang, "report-sheet-delayed"),
        &delayed_headers,
        &delayed,
    )?;

    let indicators: Vec<Vec<Cell>> = report
        .sections
        .iter()
        .flat_map(|section| {
            section
                .indicators
                .iter()
                .map(move |i| indicator_row(lang, &section.iso2, section.name.get(lang), i))
        })
        .collect();
    sheet(
        &mut workbook,
        &formats,
        &t(lang, "report-sheet-indicators"),
        &headers(
            lang,
            &[
                "report-iso",
                "col-country",
                "col-code",
                "col-indicator",
                "report-value",
                "report-value-as-written",
                "chart-projected",
                "report-score",
                "col-assessment",
            ],
        ),
        &indicators,
    )?;

    let mut scorecard_headers = headers(lang, &["report-iso", "col-country", "col-year"]);
    scorecard_headers.extend(
        report
            .scorecard
            .articles
            .iter()
            .map(|a| crate::i18n::t_args(lang, "article-heading", &[("number", a.number.into())])),
    );
    let scorecard: Vec<Vec<Cell>> = report
        .scorecard
        .rows
        .iter()
        .map(|row| {
            let mut cells = vec![
                text(&row.iso2),
                text(row.country.get(lang)),
                Cell::Number(row.year.map(f64::from)),
            ];
            cells.extend(
                row.scores
                    .iter()
                    .map(|score| Cell::Share(score.yes_no_met.or(score.scale))),
            );
            cells
        })
        .collect();
    sheet(
        &mut workbook,
        &formats,
        &t(lang, "report-sheet-scorecard"),
        &scorecard_headers,
        &scorecard,
    )?;

    let submissions: Vec<Vec<Cell>> = report
        .round
        .submissions
        .iter()
        .map(|line| {
            vec![
                text(&line.iso2),
                text(line.country.get(lang)),
                text(t(lang, line.state.label_key())),
                Cell::Day(line.submitted_on),
                text(t(lang, timeliness_key(line.timeliness))),
            ]
        })
        .collect();
    sheet(
        &mut workbook,
        &formats,
        &t(lang, "report-sheet-submissions"),
        &headers(
            lang,
            &[
                "report-iso",
                "col-country",
                "col-state",
                "col-submitted",
                "col-timeliness",
            ],
        ),
        &submissions,
    )?;

    workbook.save_to_buffer()
}

fn indicator_row(lang: Lang, iso2: &str, country: &str, indicator: &IndicatorOfYear) -> Vec<Cell> {
    let assessment = indicator.standing.assessment;
    vec![
        text(iso2),
        text(country),
        text(&indicator.code),
        text(indicator.name.get(lang)),
        Cell::Number(indicator.value),
        text(
            indicator
                .value
                .map_or_else(String::new, |v| format_value(lang, indicator.kind, v)),
        ),
        Cell::Number(assessment.map(|a| a.projected)),
        Cell::Number(assessment.and_then(|a| a.score)),
        text(assessment.map_or_else(String::new, |a| t(lang, a.status.label_key()))),
    ]
}
