//! The report's data annex as an Excel workbook: one sheet per table of the report, headers in the
//! report's language and frozen, shares as numbers formatted as percentages, dates as dates. The
//! same report gives the same bytes (the workbook is dated by the report's data, not the clock).

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError,
};

use super::document::timeliness_key;
use super::types::AnnualReport;
use crate::dashboards::figures::Basis;
use crate::i18n::{t, Lang};
use crate::indicators::rules::format_value;
use crate::indicators::types::IndicatorOfYear;
use crate::outlook::rules::{reason_text, warning_subject};
use crate::outlook::types::ProjectedRow;
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

/// A sheet of the annex: its name, header row and rows.
struct Sheet {
    name: String,
    headers: Vec<String>,
    rows: Vec<Vec<Cell>>,
}

/// Writes one sheet: its name, header row (frozen) and rows, row by row. The workbook keeps only
/// the row being written (and the distinct texts) in memory: an annex of a plan of a thousand
/// actions in a hundred countries has hundreds of thousands of cells.
fn write_sheet(workbook: &mut Workbook, formats: &Formats, sheet: &Sheet) -> Result<(), XlsxError> {
    let worksheet: &mut Worksheet = workbook.add_worksheet_with_low_memory()?;
    worksheet.set_name(&sheet.name)?;
    // Column widths are set before any row: the workbook cannot measure rows it no longer holds.
    for (column, width) in column_widths(sheet).into_iter().enumerate() {
        worksheet.set_column_width(column as u16, width)?;
    }
    worksheet.set_freeze_panes(1, 0)?;
    for (column, header) in sheet.headers.iter().enumerate() {
        worksheet.write_string_with_format(0, column as u16, header, &formats.header)?;
    }
    for (index, row) in sheet.rows.iter().enumerate() {
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
    Ok(())
}

/// The widest a column is made, in characters: Excel's own limit.
const WIDEST: usize = 255;

/// The most characters Excel's General format shows of a number.
const NUMBER_SHOWN: usize = 11;

/// Each column's width in characters: its header's or its longest cell's as shown (a share as
/// "100.0%", a day as "yyyy-mm-dd"), a header's bold letters and a margin added, at most
/// `WIDEST`.
fn column_widths(sheet: &Sheet) -> Vec<f64> {
    let mut widths: Vec<usize> = sheet
        .headers
        .iter()
        .map(|header| header.chars().count() + 2)
        .collect();
    for row in &sheet.rows {
        if widths.len() < row.len() {
            widths.resize(row.len(), 0);
        }
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(shown_width(cell) + 1);
        }
    }
    widths
        .into_iter()
        .map(|width| width.min(WIDEST) as f64)
        .collect()
}

/// How many characters `cell` takes as the sheet shows it.
fn shown_width(cell: &Cell) -> usize {
    match cell {
        Cell::Text(value) => value.chars().count(),
        Cell::Share(Some(_)) => "100.0%".len(),
        Cell::Number(Some(value)) => value.to_string().len().min(NUMBER_SHOWN),
        Cell::Day(Some(_)) => "yyyy-mm-dd".len(),
        Cell::Share(None) | Cell::Number(None) | Cell::Day(None) => 0,
    }
}

fn excel_day(day: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    ExcelDateTime::from_ymd(day.year() as u16, day.month() as u8, day.day() as u8)
}

/// `cells`, then the achieved and expected shares and the schedule status of `progress` (an
/// action's, as the delayed sheet gives it).
fn with_progress_cells(lang: Lang, mut cells: Vec<Cell>, progress: Option<Progress>) -> Vec<Cell> {
    cells.extend([
        Cell::Share(progress.map(|p| p.actual)),
        Cell::Share(progress.map(|p| p.expected)),
        text(progress.map_or_else(String::new, |p| t(lang, p.schedule().label_key()))),
    ]);
    cells
}

/// `cells`, then a figure's achieved and expected shares and its schedule status, each left out
/// where the figure lacks milestones or reports, and what it lacks said in the status's column.
fn with_figure_cells(
    lang: Lang,
    mut cells: Vec<Cell>,
    progress: Option<Progress>,
    basis: Basis,
) -> Vec<Cell> {
    cells.extend([
        Cell::Share(basis.actual(progress)),
        Cell::Share(basis.expected(progress)),
        text(basis.schedule_words(progress, lang).unwrap_or_default()),
    ]);
    cells
}

fn headers(lang: Lang, keys: &[&str]) -> Vec<String> {
    keys.iter().map(|key| t(lang, key)).collect()
}

/// The headers of the cells `with_progress_cells` adds.
const PROGRESS_HEADERS: [&str; 3] = ["chart-actual", "chart-expected", "chart-schedule"];

/// The headers of `keys`, then `PROGRESS_HEADERS`.
fn with_progress_headers(lang: Lang, keys: &[&str]) -> Vec<String> {
    let mut all = headers(lang, keys);
    all.extend(headers(lang, &PROGRESS_HEADERS));
    all
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
    let sheets: [fn(&AnnualReport, Lang) -> Sheet; 13] = [
        summary_sheet,
        themes_sheet,
        countries_sheet,
        country_themes_sheet,
        milestones_sheet,
        changes_sheet,
        delayed_sheet,
        indicators_sheet,
        scorecard_sheet,
        submissions_sheet,
        legislation_sheet,
        outlook_sheet,
        warnings_sheet,
    ];
    // One sheet's rows at a time, dropped once written.
    for sheet in sheets {
        write_sheet(&mut workbook, &formats, &sheet(report, lang))?;
    }
    workbook.save_to_buffer()
}

/// The summary sheet: one row with the plan, the year, the data's date and the regional progress.
fn summary_sheet(report: &AnnualReport, lang: Lang) -> Sheet {
    let regional = with_figure_cells(
        lang,
        vec![
            text(report.plan_title.get(lang)),
            Cell::Number(Some(f64::from(report.year))),
            Cell::Day(Some(report.as_of)),
        ],
        report.regional,
        report.regional_basis,
    );
    Sheet {
        name: t(lang, "report-sheet-summary"),
        headers: with_progress_headers(lang, &["report-plan", "col-year", "report-data-date"]),
        rows: vec![regional],
    }
}

/// The themes sheet: each theme's regional progress.
fn themes_sheet(report: &AnnualReport, lang: Lang) -> Sheet {
    let themes: Vec<Vec<Cell>> = report
        .themes
        .iter()
        .map(|theme| {
            with_figure_cells(
                lang,
                vec![text(&theme.code), text(theme.name.get(lang))],
                theme.progress,
                theme.basis,
            )
        })
        .collect();
    Sheet {
        name: t(lang, "report-sheet-themes"),
        headers: with_progress_headers(lang, &["col-code", "dashboard-theme"]),
        rows: themes,
    }
}

/// The countries sheet: each country's progress.
fn countries_sheet(report: &AnnualReport, lang: Lang) -> Sheet {
    let countries: Vec<Vec<Cell>> = report
        .countries
        .iter()
        .map(|country| {
            with_figure_cells(
                lang,
                vec![text(&country.iso2), text(country.name.get(lang))],
                country.progress,
                country.basis,
            )
        })
        .collect();
    Sheet {
        name: t(lang, "report-sheet-countries"),
        headers: with_progress_headers(lang, &["report-iso", "col-country"]),
        rows: countries,
    }
}

/// The country themes sheet: each country's progress in each theme.
fn country_themes_sheet(report: &AnnualReport, lang: Lang) -> Sheet {
    let country_themes: Vec<Vec<Cell>> = report
        .sections
        .iter()
        .flat_map(|section| {
            section.themes.iter().map(move |theme| {
                with_figure_cells(
                    lang,
                    vec![
                        text(&section.iso2),
                        text(section.name.get(lang)),
                        text(&theme.code),
                        text(theme.name.get(lang)),
                    ],
                    theme.progress,
                    theme.basis,
                )
            })
        })
        .collect();
    Sheet {
        name: t(lang, "report-sheet-country-themes"),
        headers: with_progress_headers(
            lang,
            &["report-iso", "col-country", "col-code", "dashboard-theme"],
        ),
        rows: country_themes,
    }
}

/// The milestones sheet: each milestone a country reached during the year, and when.
fn milestones_sheet(report: &AnnualReport, lang: Lang) -> Sheet {
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
    Sheet {
        name: t(lang, "report-sheet-milestones"),
        headers: headers(
            lang,
            &[
                "report-iso",
                "col-country",
                "col-action",
                "report-milestone",
                "report-col-achieved-on",
            ],
        ),
        rows: achieved,
    }
}

/// The changes sheet: the actions completed during the year, then those that became delayed.
fn changes_sheet(report: &AnnualReport, lang: Lang) -> Sheet {
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
    Sheet {
        name: t(lang, "report-sheet-changes"),
        headers: headers(
            lang,
            &[
                "report-iso",
                "col-country",
                "col-code",
                "col-action",
                "report-change",
            ],
        ),
        rows: changes,
    }
}

/// The delayed sheet: each country's delayed actions, their progress and the country's narrative.
fn delayed_sheet(report: &AnnualReport, lang: Lang) -> Sheet {
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
    let mut delayed_headers = with_progress_headers(
        lang,
        &["report-iso", "col-country", "col-code", "col-action"],
    );
    delayed_headers.push(t(lang, "report-narrative"));
    Sheet {
        name: t(lang, "report-sheet-delayed"),
        headers: delayed_headers,
        rows: delayed,
    }
}

/// The indicators sheet: each country's indicators of the year (`indicator_row`).
fn indicators_sheet(report: &AnnualReport, lang: Lang) -> Sheet {
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
    Sheet {
        name: t(lang, "report-sheet-indicators"),
        headers: headers(
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
        rows: indicators,
    }
}

/// The scorecard sheet: each country's year and score on each article.
fn scorecard_sheet(report: &AnnualReport, lang: Lang) -> Sheet {
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
    Sheet {
        name: t(lang, "report-sheet-scorecard"),
        headers: scorecard_headers,
        rows: scorecard,
    }
}

/// The submissions sheet: each country's submission in the year's round and its timeliness.
fn submissions_sheet(report: &AnnualReport, lang: Lang) -> Sheet {
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
    Sheet {
        name: t(lang, "report-sheet-submissions"),
        headers: headers(
            lang,
            &[
                "report-iso",
                "col-country",
                "col-state",
                "col-submitted",
                "col-timeliness",
            ],
        ),
        rows: submissions,
    }
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

/// The legislation matrix as it stood on the report's day: a row per member country and provision,
/// with the coverage and whether the secretariat had verified it.
fn legislation_sheet(report: &AnnualReport, lang: Lang) -> Sheet {
    let matrix = &report.legislation;
    let rows =
        matrix
            .rows
            .iter()
            .flat_map(|row| {
                row.cells
                    .iter()
                    .zip(&matrix.provisions)
                    .map(|(cell, provision)| {
                        vec![
                            text(&row.iso2),
                            text(row.country.get(lang)),
                            text(t(lang, provision.group.label_key())),
                            text(&provision.code),
                            text(provision.name.get(lang)),
                            text(cell.map_or_else(
                                || "—".to_owned(),
                                |c| t(lang, c.coverage.label_key()),
                            )),
                            text(match cell {
                                Some(c) if c.verified => t(lang, "legislation-reviewed-yes"),
                                Some(_) => t(lang, "legislation-reviewed-no"),
                                None => String::new(),
                            }),
                        ]
                    })
            })
            .collect();
    Sheet {
        name: t(lang, "report-sheet-legislation"),
        headers: headers(
            lang,
            &[
                "report-iso",
                "col-country",
                "legislation-group",
                "report-col-provision-code",
                "legislation-provision",
                "legislation-coverage",
                "report-col-verified",
            ],
        ),
        rows,
    }
}

/// The outlook: the region, each theme and each country, progress now and projected at the plan's
/// end at the slowest, current and fastest pace, with each country's pace.
fn outlook_sheet(report: &AnnualReport, lang: Lang) -> Sheet {
    let outlook = &report.outlook;
    let row = |scope: String, projected: Option<ProjectedRow>| {
        vec![
            text(scope),
            Cell::Share(projected.and_then(|p| p.now)),
            Cell::Share(projected.map(|p| p.at_end.low)),
            Cell::Share(projected.map(|p| p.at_end.central)),
            Cell::Share(projected.map(|p| p.at_end.high)),
        ]
    };
    let mut rows = vec![row(t(lang, "outlook-region"), outlook.region)];
    rows.extend(outlook.themes.iter().map(|theme| {
        row(
            format!("{} {}", theme.code, theme.name.get(lang)),
            theme.projected,
        )
    }));
    rows.extend(outlook.rows.iter().map(|country| {
        let mut cells = row(country.name.get(lang).to_owned(), country.projected);
        cells.extend([
            Cell::Number(country.pace),
            Cell::Number(Some(country.lateness_days as f64)),
            Cell::Number(Some(country.unfinished as f64)),
        ]);
        cells
    }));
    Sheet {
        name: t(lang, "report-sheet-outlook"),
        headers: headers(
            lang,
            &[
                "report-col-scope",
                "outlook-col-now",
                "report-col-at-slowest",
                "report-col-at-current",
                "report-col-at-fastest",
                "outlook-col-pace",
                "outlook-col-lateness",
                "outlook-col-unfinished",
            ],
        ),
        rows,
    }
}

/// The early warnings: each milestone projected more than 90 days late and each action that will
/// not be complete by the plan's end, with why.
fn warnings_sheet(report: &AnnualReport, lang: Lang) -> Sheet {
    let day = |text: &str| Cell::Day(text.parse().ok());
    Sheet {
        name: t(lang, "report-sheet-warnings"),
        headers: headers(
            lang,
            &[
                "report-iso",
                "col-country",
                "col-code",
                "outlook-col-what",
                "col-due",
                "outlook-col-projected",
                "outlook-col-why",
            ],
        ),
        rows: report
            .outlook
            .warnings
            .iter()
            .map(|line| {
                vec![
                    text(&line.iso2),
                    text(line.country.get(lang)),
                    text(&line.code),
                    text(warning_subject(line, lang)),
                    day(&line.due_on),
                    line.projected
                        .as_deref()
                        .map_or_else(|| text(t(lang, "outlook-not-at-this-pace")), day),
                    text(reason_text(lang, line.reason)),
                ]
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_column_is_as_wide_as_its_widest_header_or_cell_and_no_wider_than_the_widest_allowed() {
        let sheet = Sheet {
            name: "Sheet".to_owned(),
            headers: vec!["Country".to_owned(), "Done".to_owned(), "Day".to_owned()],
            rows: vec![
                vec![
                    text("Méxicoooo"),
                    Cell::Share(Some(0.5)),
                    Cell::Day(None),
                    Cell::Number(Some(12.5)),
                ],
                vec![
                    text("x".repeat(300)),
                    Cell::Share(None),
                    Cell::Day(NaiveDate::from_ymd_opt(2025, 12, 31)),
                    Cell::Number(Some(0.1 + 0.2)),
                ],
            ],
        };
        // A long text stops at Excel's 255; "100.0%" and a margin, wider than "Done" and 2 for
        // bold letters and the margin; a day "yyyy-mm-dd" and a margin; a column without a
        // header, as wide as the 11 characters Excel shows of 0.30000000000000004, and a margin.
        assert_eq!(column_widths(&sheet), [255.0, 7.0, 11.0, 12.0]);
        let short = Sheet {
            rows: vec![vec![text("Méxicoooo")]],
            ..sheet
        };
        // Nine characters (ten bytes) and a margin, wider than "Country" and 2.
        assert_eq!(column_widths(&short), [10.0, 6.0, 5.0]);
    }
}
