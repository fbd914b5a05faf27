//! The report as a document in one language: a cover and a sequence of blocks (headings,
//! paragraphs, lists, quotations, tables, charts). The web preview, the PDF and the Word document are
//! each drawn from these same blocks, so that they say the same thing in the same order.

use serde::{Deserialize, Serialize};

use super::narrative::{country_summary, executive_summary};
use super::types::{AnnualReport, CountryAction, CountrySection};
use crate::dashboards::figures::{projected_range, Basis, ThemeFigure};
use crate::domain::SubmissionState;
use crate::i18n::{format_date, format_percent, t, t_args, Lang};
use crate::indicators::rules::format_value;
use crate::outlook::rules::{reason_text, warning_projected, warning_subject};
use crate::outlook::types::{OutlookView, ProjectedRow, WarningLine};
use crate::progress::Progress;
use crate::rounds::rules::Timeliness;

/// The report's cover.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cover {
    pub plan: String,
    pub title: String,
    pub data_date: String,
}

/// A part of the report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    /// Level 1 is a section of the report, 2 a part of a section, 3 a part of that.
    Heading {
        level: u8,
        text: String,
    },
    Paragraph {
        text: String,
    },
    List {
        items: Vec<String>,
    },
    /// A country's own words.
    Quote {
        text: String,
    },
    Table {
        caption: String,
        headers: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    /// The chart at `index` among the report's charts (`reports::render::charts`).
    Chart {
        index: usize,
        caption: String,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportDocument {
    pub language: Lang,
    pub cover: Cover,
    pub blocks: Vec<Block>,
}

fn heading(level: u8, text: String) -> Block {
    Block::Heading { level, text }
}

fn paragraph(text: String) -> Block {
    Block::Paragraph { text }
}

fn share(lang: Lang, share: Option<f64>) -> String {
    share.map_or_else(|| "—".to_owned(), |s| format_percent(lang, s))
}

fn schedule(lang: Lang, progress: Option<Progress>) -> String {
    progress.map_or_else(|| "—".to_owned(), |p| t(lang, p.schedule().label_key()))
}

fn progress_headers(lang: Lang, first: &str) -> Vec<String> {
    vec![
        t(lang, first),
        t(lang, "chart-actual"),
        t(lang, "chart-expected"),
        t(lang, "chart-schedule"),
    ]
}

/// A figure's row: its label, its achieved and expected shares and its schedule status, or in
/// words what it lacks to be measured (`Basis`).
fn progress_row(
    lang: Lang,
    label: String,
    progress: Option<Progress>,
    basis: Basis,
) -> Vec<String> {
    vec![
        label,
        share(lang, basis.actual(progress)),
        share(lang, basis.expected(progress)),
        basis
            .schedule_words(progress, lang)
            .unwrap_or_else(|| "—".to_owned()),
    ]
}

/// A row per theme: its code and name, and its progress.
fn theme_rows(lang: Lang, themes: &[ThemeFigure]) -> Vec<Vec<String>> {
    themes
        .iter()
        .map(|theme| {
            progress_row(
                lang,
                format!("{} {}", theme.code, theme.name.get(lang)),
                theme.progress,
                theme.basis,
            )
        })
        .collect()
}

/// Items, or a paragraph saying there are none.
fn list_or_none(lang: Lang, items: Vec<String>) -> Block {
    if items.is_empty() {
        paragraph(t(lang, "reports-none"))
    } else {
        Block::List { items }
    }
}

/// The most items a list of the whole region shows in the document, of one country, and the most
/// early warnings of one country. A longer one shows its first ones and says how many more the
/// workbook lists: over a plan of a thousand actions and a hundred countries the lists would
/// otherwise run to thousands of pages.
pub const MOST_SHOWN: usize = 100;
pub const MOST_SHOWN_OF_A_COUNTRY: usize = 25;
pub const MOST_WARNINGS_OF_A_COUNTRY: usize = 10;

/// The paragraph saying that `more` items are not shown, and that the workbook's sheet `sheet`
/// (its catalogue key) lists them; none when there are none.
fn more_in_workbook(more: usize, sheet: &str, lang: Lang) -> Option<Block> {
    (more > 0).then(|| {
        paragraph(t_args(
            lang,
            "report-more-in-workbook",
            &[("count", more.into()), ("sheet", t(lang, sheet).into())],
        ))
    })
}

/// The first `most` of `items`, and the paragraph saying how many more the workbook's sheet
/// `sheet` lists, when there are more.
fn shown<'a, T>(items: &'a [T], most: usize, sheet: &str, lang: Lang) -> (&'a [T], Option<Block>) {
    let first = &items[..items.len().min(most)];
    (
        first,
        more_in_workbook(items.len() - first.len(), sheet, lang),
    )
}

/// The list of `items` (`list_or_none`) cut to `most`, then what the workbook's `sheet` adds.
fn summed_up_list(
    blocks: &mut Vec<Block>,
    (items, most): (&[String], usize),
    sheet: &str,
    lang: Lang,
) {
    let (first, more) = shown(items, most, sheet, lang);
    blocks.push(list_or_none(lang, first.to_vec()));
    blocks.extend(more);
}

fn action_items(lang: Lang, actions: &[CountryAction]) -> Vec<String> {
    actions
        .iter()
        .map(|a| {
            format!(
                "{} {} · {}",
                a.action.code,
                a.action.title.get(lang),
                a.country.get(lang)
            )
        })
        .collect()
}

/// The report of `report` written in `lang`.
pub fn document(report: &AnnualReport, lang: Lang) -> ReportDocument {
    let mut blocks = vec![heading(1, t(lang, "report-executive-summary"))];
    blocks.extend(executive_summary(report, lang).into_iter().map(paragraph));
    regional_blocks(&mut blocks, report, lang);
    year_in_review_blocks(&mut blocks, report, lang);
    blocks.push(heading(1, t(lang, "report-by-country")));
    for section in &report.sections {
        country_blocks(&mut blocks, section, report.year, lang);
    }
    scorecard_blocks(&mut blocks, report, lang);
    timeliness_blocks(&mut blocks, report, lang);
    outlook_blocks(&mut blocks, &report.outlook, lang);
    blocks.push(heading(1, t(lang, "report-methods")));
    blocks.extend(METHODS.iter().map(|key| paragraph(t(lang, key))));
    legislation_blocks(&mut blocks, &report.legislation, report.year, lang);
    blocks.push(heading(1, t(lang, "report-data-annex-heading")));
    blocks.push(paragraph(t(lang, "report-data-annex")));

    ReportDocument {
        language: lang,
        cover: cover(report, lang),
        blocks,
    }
}

/// The annex of the legislation matrix as the year's round validated it: the provisions by code, then a
/// table per group of provisions with a row per member country, each entry's coverage in words,
/// marked when the secretariat had not verified it.
fn legislation_blocks(
    blocks: &mut Vec<Block>,
    matrix: &crate::legislation::types::MatrixView,
    year: i32,
    lang: Lang,
) {
    use crate::domain::ProvisionGroup;
    blocks.push(heading(1, t(lang, "report-legislation-heading")));
    blocks.push(paragraph(t_args(
        lang,
        "report-legislation-intro",
        &[("year", year.into())],
    )));
    blocks.push(Block::List {
        items: matrix
            .provisions
            .iter()
            .map(|p| {
                format!(
                    "{}: {} ({}, {})",
                    p.code,
                    p.name.get(lang),
                    p.instrument,
                    p.article
                )
            })
            .collect(),
    });
    for group in ProvisionGroup::ALL {
        let columns: Vec<usize> = (0..matrix.provisions.len())
            .filter(|index| matrix.provisions[*index].group == *group)
            .collect();
        if columns.is_empty() {
            continue;
        }
        let mut headers = vec![t(lang, "col-country")];
        headers.extend(
            columns
                .iter()
                .map(|index| matrix.provisions[*index].code.clone()),
        );
        let rows = matrix
            .rows
            .iter()
            .map(|row| {
                let mut cells = vec![row.country.get(lang).to_owned()];
                cells.extend(columns.iter().map(|index| match row.cells[*index] {
                    Some(cell) if cell.verified => t(lang, cell.coverage.label_key()),
                    Some(cell) => format!("{} *", t(lang, cell.coverage.label_key())),
                    None => "—".to_owned(),
                }));
                cells
            })
            .collect();
        blocks.push(Block::Table {
            caption: t(lang, group.label_key()),
            headers,
            rows,
        });
    }
    blocks.push(paragraph(t(lang, "report-legislation-unverified")));
}

/// The outlook: where the region, its themes and each country will stand at the plan's end at the
/// pace of the last twelve months, and the early warnings.
fn outlook_blocks(blocks: &mut Vec<Block>, outlook: &OutlookView, lang: Lang) {
    let end = format_date(lang, &outlook.plan_end);
    blocks.push(heading(1, t(lang, "outlook-title")));
    blocks.push(paragraph(t_args(
        lang,
        "report-outlook-intro",
        &[
            ("date", format_date(lang, &outlook.as_of).into()),
            ("end", end.clone().into()),
        ],
    )));
    blocks.push(paragraph(t(lang, "outlook-method")));
    let projected = |row: Option<ProjectedRow>| {
        vec![
            row.and_then(|r| r.now)
                .map_or_else(|| "—".to_owned(), |now| format_percent(lang, now)),
            row.map_or_else(
                || t(lang, "outlook-too-early-short"),
                |r| projected_range(lang, r.at_end),
            ),
        ]
    };
    let mut rows = vec![[vec![t(lang, "outlook-region")], projected(outlook.region)].concat()];
    rows.extend(outlook.themes.iter().map(|theme| {
        let label = format!("{} {}", theme.code, theme.name.get(lang));
        [vec![label], projected(theme.projected)].concat()
    }));
    let headers = |first: &str| {
        vec![
            t(lang, first),
            t(lang, "outlook-col-now"),
            t(lang, "outlook-col-at-end"),
        ]
    };
    blocks.push(Block::Table {
        caption: t_args(lang, "outlook-themes-heading", &[("end", end.into())]),
        headers: headers("col-theme"),
        rows,
    });
    let mut country_headers = headers("col-country");
    country_headers.push(t(lang, "outlook-col-unfinished"));
    blocks.push(Block::Table {
        caption: t(lang, "outlook-countries-heading"),
        headers: country_headers,
        rows: outlook
            .rows
            .iter()
            .map(|row| {
                let mut cells = vec![row.name.get(lang).to_owned()];
                cells.extend(projected(row.projected));
                cells.push(row.unfinished.to_string());
                cells
            })
            .collect(),
    });
    warning_blocks(blocks, outlook, lang);
}

/// The early warnings: each country's first `MOST_WARNINGS_OF_A_COUNTRY`, so that every country
/// is seen, then how many more the workbook lists.
fn warning_blocks(blocks: &mut Vec<Block>, outlook: &OutlookView, lang: Lang) {
    blocks.push(heading(2, t(lang, "outlook-warnings-heading")));
    blocks.push(paragraph(t(lang, "outlook-warnings-intro")));
    if outlook.warnings.is_empty() {
        blocks.push(paragraph(t(lang, "outlook-no-warnings")));
        return;
    }
    let mut shown_of: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let first: Vec<&WarningLine> = outlook
        .warnings
        .iter()
        .filter(|line| {
            let count = shown_of.entry(line.iso2.as_str()).or_default();
            *count += 1;
            *count <= MOST_WARNINGS_OF_A_COUNTRY
        })
        .collect();
    let more = more_in_workbook(
        outlook.warnings.len() - first.len(),
        "report-sheet-warnings",
        lang,
    );
    blocks.push(Block::Table {
        caption: t(lang, "outlook-warnings-heading"),
        headers: [
            "col-country",
            "col-action",
            "outlook-col-what",
            "col-due",
            "outlook-col-projected",
            "outlook-col-why",
        ]
        .iter()
        .map(|key| t(lang, key))
        .collect(),
        rows: first.iter().map(|line| warning_row(line, lang)).collect(),
    });
    blocks.extend(more);
}

/// An early warning as a row of the report's table.
fn warning_row(line: &WarningLine, lang: Lang) -> Vec<String> {
    vec![
        line.country.get(lang).to_owned(),
        line.code.clone(),
        warning_subject(line, lang),
        format_date(lang, &line.due_on),
        warning_projected(line, lang),
        reason_text(lang, line.reason),
    ]
}

/// The cover: the plan, the report's title and the day its data stand on.
fn cover(report: &AnnualReport, lang: Lang) -> Cover {
    Cover {
        plan: report.plan_title.get(lang).to_owned(),
        title: t_args(lang, "report-heading", &[("year", report.year.into())]),
        data_date: t_args(
            lang,
            "report-data-as-of",
            &[("date", format_date(lang, &report.as_of.to_string()).into())],
        ),
    }
}

/// The regional progress: the themes' and the countries' progress, each as a chart and a table.
fn regional_blocks(blocks: &mut Vec<Block>, report: &AnnualReport, lang: Lang) {
    let on_date = format_date(lang, &report.as_of.to_string());
    blocks.push(heading(1, t(lang, "report-regional-progress")));
    blocks.push(Block::Chart {
        index: 0,
        caption: t(lang, "chart-themes-title"),
    });
    blocks.push(Block::Table {
        caption: t_args(
            lang,
            "chart-themes-desc",
            &[("date", on_date.clone().into())],
        ),
        headers: progress_headers(lang, "dashboard-theme"),
        rows: theme_rows(lang, &report.themes),
    });
    blocks.push(Block::Chart {
        index: 1,
        caption: t(lang, "chart-countries-title"),
    });
    blocks.push(Block::Table {
        caption: t_args(lang, "chart-countries-desc", &[("date", on_date.into())]),
        headers: progress_headers(lang, "col-country"),
        rows: report
            .countries
            .iter()
            .map(|country| {
                progress_row(
                    lang,
                    country.name.get(lang).to_owned(),
                    country.progress,
                    country.basis,
                )
            })
            .collect(),
    });
}

/// What changed during the year: the milestones each country reached, the actions completed and
/// those that became delayed.
fn year_in_review_blocks(blocks: &mut Vec<Block>, report: &AnnualReport, lang: Lang) {
    let year = report.year;
    let review = &report.year_in_review;
    blocks.push(heading(
        1,
        t_args(lang, "report-what-changed", &[("year", year.into())]),
    ));
    blocks.push(heading(2, t(lang, "report-milestones-achieved")));
    blocks.push(Block::Table {
        caption: t_args(
            lang,
            "report-milestones-by-country",
            &[("year", year.into())],
        ),
        headers: vec![t(lang, "col-country"), t(lang, "report-milestones-count")],
        rows: report
            .sections
            .iter()
            .map(|section| {
                vec![
                    section.name.get(lang).to_owned(),
                    section.achieved.len().to_string(),
                ]
            })
            .collect(),
    });
    blocks.push(heading(2, t(lang, "report-change-completed")));
    summed_up_list(
        blocks,
        (&action_items(lang, &review.completed), MOST_SHOWN),
        "report-sheet-changes",
        lang,
    );
    blocks.push(heading(2, t(lang, "report-change-became-delayed")));
    summed_up_list(
        blocks,
        (&action_items(lang, &review.became_delayed), MOST_SHOWN),
        "report-sheet-changes",
        lang,
    );
}

/// The Protocol article scorecard: each country's year and score on each article.
fn scorecard_blocks(blocks: &mut Vec<Block>, report: &AnnualReport, lang: Lang) {
    blocks.push(heading(1, t(lang, "scorecard-title")));
    blocks.push(paragraph(t(lang, "chart-scorecard-desc")));
    let mut headers = vec![t(lang, "col-country"), t(lang, "col-year")];
    headers.extend(
        report
            .scorecard
            .articles
            .iter()
            .map(|a| a.number.to_string()),
    );
    blocks.push(Block::Table {
        caption: t(lang, "report-scorecard-caption"),
        headers,
        rows: report
            .scorecard
            .rows
            .iter()
            .map(|row| {
                let mut cells = vec![
                    row.country.get(lang).to_owned(),
                    row.year.map_or_else(|| "—".to_owned(), |y| y.to_string()),
                ];
                cells.extend(
                    row.scores
                        .iter()
                        .map(|s| share(lang, s.yes_no_met.or(s.scale))),
                );
                cells
            })
            .collect(),
    });
}

/// The round's timeliness: the due date, and each country's submission against it.
fn timeliness_blocks(blocks: &mut Vec<Block>, report: &AnnualReport, lang: Lang) {
    let year = report.year;
    blocks.push(heading(
        1,
        t_args(lang, "report-timeliness-heading", &[("year", year.into())]),
    ));
    blocks.push(paragraph(t_args(
        lang,
        "report-due-on",
        &[(
            "date",
            format_date(lang, &report.round.due_on.to_string()).into(),
        )],
    )));
    blocks.push(Block::Table {
        caption: t_args(lang, "report-timeliness-heading", &[("year", year.into())]),
        headers: vec![
            t(lang, "col-country"),
            t(lang, "col-state"),
            t(lang, "col-submitted"),
            t(lang, "col-timeliness"),
        ],
        rows: report
            .round
            .submissions
            .iter()
            .map(|line| {
                vec![
                    line.country.get(lang).to_owned(),
                    t(lang, line.state.label_key()),
                    line.submitted_on
                        .map_or_else(|| "—".to_owned(), |d| format_date(lang, &d.to_string())),
                    t(lang, timeliness_key(line.timeliness)),
                ]
            })
            .collect(),
    });
}

fn other_language(lang: Lang) -> Lang {
    match lang {
        Lang::En => Lang::Es,
        Lang::Es => Lang::En,
    }
}

/// One country's part: its sentence, its themes, the milestones it reached, its delayed actions in
/// its own words, its indicators.
fn country_blocks(blocks: &mut Vec<Block>, section: &CountrySection, year: i32, lang: Lang) {
    let name = section.name.get(lang).to_owned();
    blocks.push(heading(2, name.clone()));
    blocks.push(paragraph(country_summary(section, year, lang)));
    blocks.extend(not_validated_note(section, year, lang));
    blocks.push(Block::Table {
        caption: t_args(
            lang,
            "chart-country-themes-title",
            &[("country", name.into())],
        ),
        headers: progress_headers(lang, "dashboard-theme"),
        rows: theme_rows(lang, &section.themes),
    });
    blocks.push(status_table(section, lang));
    blocks.push(heading(3, t(lang, "report-milestones-achieved")));
    achieved_blocks(blocks, section, lang);
    delayed_blocks(blocks, section, lang);
    blocks.push(heading(3, t(lang, "report-indicators")));
    blocks.push(indicators_table_or_none(section, year, lang));
}

/// A paragraph saying the country's submission of `year` is not validated (or is missing), or
/// none when it is validated.
fn not_validated_note(section: &CountrySection, year: i32, lang: Lang) -> Option<Block> {
    let validated = section
        .submission
        .as_ref()
        .is_some_and(|s| s.state == SubmissionState::Validated);
    if validated {
        return None;
    }
    Some(paragraph(t_args(
        lang,
        "report-country-not-validated",
        &[
            ("year", year.into()),
            (
                "state",
                section
                    .submission
                    .as_ref()
                    .map_or_else(
                        || t(lang, "report-no-submission"),
                        |s| t(lang, s.state.label_key()),
                    )
                    .into(),
            ),
        ],
    )))
}

/// A table of how many of the country's actions stand in each status, per theme, and how many
/// are delayed.
fn status_table(section: &CountrySection, lang: Lang) -> Block {
    let mut status_headers = vec![t(lang, "dashboard-theme")];
    status_headers.extend(
        crate::domain::Status::ALL
            .iter()
            .map(|status| t(lang, status.label_key())),
    );
    status_headers.push(t(lang, "status-delayed"));
    Block::Table {
        caption: t(lang, "report-statuses-caption"),
        headers: status_headers,
        rows: section
            .statuses
            .iter()
            .map(|mix| {
                let mut row = vec![mix.code.clone()];
                row.extend(mix.counts.iter().map(|count| count.to_string()));
                row.push(mix.delayed.to_string());
                row
            })
            .collect(),
    }
}

/// The milestones the country reached, each with its date (the first `MOST_SHOWN_OF_A_COUNTRY`), or a
/// paragraph saying there are none.
fn achieved_blocks(blocks: &mut Vec<Block>, section: &CountrySection, lang: Lang) {
    let items: Vec<String> = section
        .achieved
        .iter()
        .map(|m| {
            format!(
                "{} · {} {}",
                format_date(lang, &m.achieved_on.to_string()),
                m.code,
                m.milestone.get(lang)
            )
        })
        .collect();
    summed_up_list(
        blocks,
        (&items, MOST_SHOWN_OF_A_COUNTRY),
        "report-sheet-milestones",
        lang,
    );
}

/// The country's delayed actions, each with where it stands and the country's own account of it.
fn delayed_blocks(blocks: &mut Vec<Block>, section: &CountrySection, lang: Lang) {
    blocks.push(heading(3, t(lang, "country-dashboard-delayed")));
    if section.delayed.is_empty() {
        blocks.push(paragraph(t(lang, "country-dashboard-none-delayed")));
    }
    let (first, more) = shown(
        &section.delayed,
        MOST_SHOWN_OF_A_COUNTRY,
        "report-sheet-delayed",
        lang,
    );
    for delayed in first {
        blocks.push(paragraph(format!(
            "{} {} ({})",
            delayed.action.code,
            delayed.action.title.get(lang),
            schedule(lang, delayed.progress)
        )));
        // The country may have written in the other language only.
        let words = [lang, other_language(lang)]
            .into_iter()
            .map(|l| delayed.narrative.get(l))
            .find(|words| !words.trim().is_empty())
            .unwrap_or_default();
        if !words.trim().is_empty() {
            blocks.push(Block::Quote {
                text: words.trim().to_owned(),
            });
        }
    }
    blocks.extend(more);
}

/// A table of the country's indicators with their value in `year` and assessment, or a paragraph
/// saying there are none.
fn indicators_table_or_none(section: &CountrySection, year: i32, lang: Lang) -> Block {
    if section.indicators.is_empty() {
        return paragraph(t(lang, "reports-none"));
    }
    Block::Table {
        caption: t(lang, "report-indicators"),
        headers: vec![
            t(lang, "col-indicator"),
            t_args(lang, "report-value-in", &[("year", year.into())]),
            t(lang, "col-assessment"),
        ],
        rows: section
            .indicators
            .iter()
            .map(|i| {
                vec![
                    format!("{} {}", i.code, i.name.get(lang)),
                    i.value
                        .map_or_else(|| "—".to_owned(), |v| format_value(lang, i.kind, v)),
                    i.standing
                        .assessment
                        .map_or_else(|| "—".to_owned(), |a| t(lang, a.status.label_key())),
                ]
            })
            .collect(),
    }
}

/// The methods annex, a paragraph per formula of the progress module, in order.
pub const METHODS: [&str; 7] = [
    "report-method-action",
    "report-method-expected",
    "report-method-means",
    "report-method-schedule",
    "report-method-indicators",
    "report-method-scorecard",
    "outlook-method",
];

/// How a submission stands against the due date, in words that do not change from day to day.
pub fn timeliness_key(timeliness: Timeliness) -> &'static str {
    match timeliness {
        Timeliness::OnTime => "report-on-time",
        Timeliness::Late { .. } => "report-late",
        Timeliness::Pending { .. } | Timeliness::Overdue { .. } => "report-missing",
    }
}
