//! Drawing the dashboards' figures as SVG with plotters, on the server. Each chart carries a
//! `<title>` and `<desc>`, uses the Okabe-Ito colours (safe for colour-blind readers), writes its
//! numbers beside the colours, and comes with the same numbers as a table.

use plotters::coord::ranged1d::SegmentValue;
use plotters::prelude::*;

use super::figures::{CountryFigure, HeatRow, StatusMix, ThemeFigure, TrajectoryPoint};
use super::types::{Chart, DataTable};
use crate::domain::Status;
use crate::markup::escape;
use chrono::Datelike;

use crate::domain::IndicatorKind;
use crate::i18n::{format_date, format_month, format_number, format_percent, t, t_args, Lang};
use crate::indicators::rules::format_value;
use crate::indicators::types::IndicatorTrend;
use crate::progress::indicators::Observation;
use crate::progress::{Progress, ScheduleStatus};

const WIDTH: u32 = 760;
const ROW_HEIGHT: u32 = 34;
const FONT: &str = "sans-serif";
const INK: RGBColor = RGBColor(0x1f, 0x27, 0x2e);
const GRID: RGBColor = RGBColor(0xd9, 0xdd, 0xe1);

fn schedule_colour(status: ScheduleStatus) -> RGBColor {
    match status {
        ScheduleStatus::OnTrack => RGBColor(0x00, 0x9e, 0x73),
        ScheduleStatus::NeedsAcceleration => RGBColor(0xe6, 0x9f, 0x00),
        ScheduleStatus::OffTrack => RGBColor(0xd5, 0x5e, 0x00),
    }
}

fn status_colour(status: Status) -> RGBColor {
    match status {
        Status::NotStarted => RGBColor(0x8a, 0x93, 0x9c),
        Status::InProgress => RGBColor(0x00, 0x72, 0xb2),
        Status::Completed => RGBColor(0x00, 0x9e, 0x73),
        Status::Suspended => RGBColor(0xe6, 0x9f, 0x00),
        Status::Cancelled => RGBColor(0xcc, 0x79, 0xa7),
        Status::NotApplicable => RGBColor(0xd9, 0xdd, 0xe1),
    }
}

/// Five bands of one blue for shares from 0 to 1, and the text colour readable on each.
fn share_colours(share: f64) -> (RGBColor, RGBColor) {
    let white = RGBColor(0xff, 0xff, 0xff);
    match share {
        s if s >= 0.8 => (RGBColor(0x00, 0x4f, 0x80), white),
        s if s >= 0.6 => (RGBColor(0x00, 0x72, 0xb2), white),
        s if s >= 0.4 => (RGBColor(0x5a, 0xa3, 0xd1), INK),
        s if s >= 0.2 => (RGBColor(0xa9, 0xcf, 0xe8), INK),
        _ => (RGBColor(0xe4, 0xf0, 0xf8), INK),
    }
}

/// `count` bands of a chart's category axis, one per row or column. (plotters segments a range
/// including its end, so `0..count - 1` gives `count` bands.)
fn bands(
    count: usize,
) -> plotters::coord::ranged1d::SegmentedCoord<plotters::coord::types::RangedCoordusize> {
    (0..count.saturating_sub(1)).into_segmented()
}

/// Makes each row of a chart a link: a transparent rectangle over the row's band, from the left
/// edge to the right.
fn with_row_links(svg: String, rows: &[(Option<String>, i32, i32)]) -> String {
    let areas: Vec<LinkedArea> = rows
        .iter()
        .map(|(href, top, bottom)| LinkedArea {
            href: href.clone(),
            top_left: (0, *top),
            bottom_right: (WIDTH as i32, *bottom),
        })
        .collect();
    with_links(svg, &areas)
}

/// An area of a chart that leads somewhere, in pixels.
struct LinkedArea {
    href: Option<String>,
    top_left: (i32, i32),
    bottom_right: (i32, i32),
}

/// Makes areas of a chart links (for the pointer; the table under the chart links the same places
/// for keyboards and screen readers): a transparent rectangle from each area's top-left corner to
/// its bottom-right one.
fn with_links(svg: String, areas: &[LinkedArea]) -> String {
    let links: String = areas
        .iter()
        .filter_map(|area| {
            let href = area.href.as_ref()?;
            let ((left, top), (right, bottom)) = (area.top_left, area.bottom_right);
            Some(format!(
                "<a href=\"{}\" tabindex=\"-1\"><rect x=\"{left}\" y=\"{top}\" width=\"{}\" height=\"{}\" fill=\"transparent\"/></a>",
                escape(href),
                right - left,
                bottom - top
            ))
        })
        .collect();
    match svg.rfind("</svg>") {
        Some(end) => format!("{}{links}{}", &svg[..end], &svg[end..]),
        None => svg,
    }
}

/// The pixel rows (top, bottom) between two pixel positions, whichever way the axis runs.
fn span(a: (i32, i32), b: (i32, i32)) -> (i32, i32) {
    (a.1.min(b.1), a.1.max(b.1))
}

/// A filled rectangle between two corners, drawn `margins` pixels (top, bottom, left, right) inside
/// them, so that neighbouring bars and cells stand apart.
fn inset<C>(corners: [C; 2], colour: RGBColor, margins: (u32, u32, u32, u32)) -> Rectangle<C> {
    let mut rectangle = Rectangle::new(corners, colour.filled());
    rectangle.set_margin(margins.0, margins.1, margins.2, margins.3);
    rectangle
}

/// A theme's code and name, cut to fit beside a chart (the table under it has the whole name).
fn short_label(code: &str, name: &str) -> String {
    const MOST: usize = 24;
    let label = format!("{code} {name}");
    if label.chars().count() <= MOST {
        label
    } else {
        let cut: String = label.chars().take(MOST - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

/// Gives the SVG its accessible name and description, and lets it shrink with the page.
fn accessible(svg: String, id: &str, title: &str, description: &str) -> String {
    let opening_end = svg.find('>').unwrap_or(0);
    let (opening, rest) = svg.split_at(opening_end);
    let opening = opening.replacen(
        "<svg ",
        &format!(
            "<svg role=\"img\" class=\"chart__svg\" aria-labelledby=\"{id}-title {id}-desc\" "
        ),
        1,
    );
    format!(
        "{opening}><title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>{}",
        escape(title),
        escape(description),
        &rest[1..]
    )
}

/// The chart `id` from its drawing and its table, with its accessible name and description.
fn finish(id: &str, title: &str, description: &str, svg: String, table: DataTable) -> Chart {
    Chart {
        id: id.to_owned(),
        title: title.to_owned(),
        description: description.to_owned(),
        svg: accessible(svg, id, title, description),
        table,
    }
}

fn percent_or_dash(lang: Lang, share: Option<f64>) -> String {
    share.map_or_else(|| "—".to_owned(), |s| format_percent(lang, s))
}

/// A row of a progress bar chart: its label beside the chart, its name in the table, its progress.
pub struct Bar {
    pub label: String,
    pub name: String,
    pub progress: Option<Progress>,
    /// Where the row leads: the country's or the theme's page.
    pub href: Option<String>,
}

/// Horizontal bars of actual progress, coloured by schedule status, with a mark at the expected
/// progress and the percentage and status written at the end of each bar.
pub fn progress_bars(id: &str, title: &str, description: &str, bars: &[Bar], lang: Lang) -> Chart {
    let rows = bars.len().max(1);
    let height = 50 + ROW_HEIGHT * rows as u32;
    let mut svg = String::new();
    let mut links = Vec::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        let _ = root.fill(&WHITE);
        let mut chart = ChartBuilder::on(&root)
            .margin(8)
            .margin_right(28)
            .x_label_area_size(26)
            .y_label_area_size(170)
            .build_cartesian_2d(0.0..1.0_f64, bands(rows))
            .expect("a chart fits its area");
        // The chart's rows count from the bottom: the first bar is drawn last, at the top.
        let labels: Vec<String> = bars.iter().rev().map(|b| b.label.clone()).collect();
        let _ = chart
            .configure_mesh()
            .disable_y_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(GRID)
            .x_labels(6)
            .x_label_formatter(&|share| format_percent(lang, *share))
            .y_labels(rows)
            .y_label_formatter(&|value| match value {
                SegmentValue::CenterOf(index) => labels.get(*index).cloned().unwrap_or_default(),
                _ => String::new(),
            })
            .label_style((FONT, 13).into_font().color(&INK))
            .draw();
        for (index, bar) in bars.iter().rev().enumerate() {
            let (top, bottom) = span(
                chart.backend_coord(&(0.0, SegmentValue::Exact(index))),
                chart.backend_coord(&(0.0, SegmentValue::Exact(index + 1))),
            );
            links.push((bar.href.clone(), top, bottom));
            let Some(progress) = bar.progress else {
                let _ = chart.draw_series(std::iter::once(Text::new(
                    t(lang, "chart-no-data"),
                    (0.01, SegmentValue::CenterOf(index)),
                    (FONT, 12).into_font().color(&INK),
                )));
                continue;
            };
            let schedule = progress.schedule();
            let colour = schedule_colour(schedule);
            let _ = chart.draw_series(std::iter::once(inset(
                [
                    (0.0, SegmentValue::Exact(index)),
                    (progress.actual, SegmentValue::Exact(index + 1)),
                ],
                colour,
                (6, 6, 0, 0),
            )));
            let _ = chart.draw_series(std::iter::once(PathElement::new(
                vec![
                    (progress.expected, SegmentValue::Exact(index)),
                    (progress.expected, SegmentValue::Exact(index + 1)),
                ],
                INK.stroke_width(3),
            )));
            let text = format!(
                "{} · {}",
                format_percent(lang, progress.actual),
                t(lang, schedule.label_key())
            );
            let _ = chart.draw_series(std::iter::once(Text::new(
                text,
                (
                    progress.actual.max(progress.expected) + 0.01,
                    SegmentValue::CenterOf(index),
                ),
                (FONT, 12).into_font().color(&INK),
            )));
        }
        let _ = root.present();
    }
    let svg = with_row_links(svg, &links);
    let table = DataTable {
        headers: vec![
            String::new(),
            t(lang, "chart-actual"),
            t(lang, "chart-expected"),
            t(lang, "chart-schedule"),
        ],
        rows: bars
            .iter()
            .map(|bar| {
                vec![
                    bar.name.clone(),
                    percent_or_dash(lang, bar.progress.map(|p| p.actual)),
                    percent_or_dash(lang, bar.progress.map(|p| p.expected)),
                    bar.progress
                        .map_or_else(|| "—".to_owned(), |p| t(lang, p.schedule().label_key())),
                ]
            })
            .collect(),
        links: bars.iter().map(|bar| bar.href.clone()).collect(),
    };
    finish(id, title, description, svg, table)
}

pub fn theme_bars(
    id: &str,
    title: &str,
    description: &str,
    themes: &[ThemeFigure],
    lang: Lang,
) -> Chart {
    let bars: Vec<Bar> = themes
        .iter()
        .map(|theme| Bar {
            label: short_label(&theme.code, theme.name.get(lang)),
            name: format!("{} {}", theme.code, theme.name.get(lang)),
            progress: theme.progress,
            href: Some(crate::urls::theme_path(&theme.code)),
        })
        .collect();
    progress_bars(id, title, description, &bars, lang)
}

pub fn country_bars(
    id: &str,
    title: &str,
    description: &str,
    countries: &[CountryFigure],
    lang: Lang,
) -> Chart {
    let bars: Vec<Bar> = countries
        .iter()
        .map(|country| Bar {
            label: country.name.get(lang).to_owned(),
            name: country.name.get(lang).to_owned(),
            progress: country.progress,
            href: Some(crate::urls::country_path(&country.iso2)),
        })
        .collect();
    progress_bars(id, title, description, &bars, lang)
}

/// A column of a heatmap: its label under the chart, its name in the table.
pub struct Column {
    pub label: String,
    pub name: String,
}

/// The themes as heatmap columns: the code under the chart, code and name in the table.
pub fn theme_columns(themes: &[ThemeFigure], lang: Lang) -> Vec<Column> {
    themes
        .iter()
        .map(|theme| Column {
            label: theme.code.clone(),
            name: format!("{} {}", theme.code, theme.name.get(lang)),
        })
        .collect()
}

/// Countries × columns (themes, Protocol articles), each cell shaded by its share, the percentage
/// written in it.
pub fn heatmap(
    id: &str,
    title: &str,
    description: &str,
    columns: &[Column],
    rows: &[HeatRow],
    links: &[Option<String>],
    lang: Lang,
) -> Chart {
    let headers = columns;
    let columns = headers.len().max(1);
    let height = 60 + ROW_HEIGHT * rows.len().max(1) as u32;
    let mut svg = String::new();
    let mut row_links = Vec::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        let _ = root.fill(&WHITE);
        let mut chart = ChartBuilder::on(&root)
            .margin(8)
            .margin_right(28)
            .x_label_area_size(26)
            .y_label_area_size(170)
            .build_cartesian_2d(bands(columns), bands(rows.len().max(1)))
            .expect("a chart fits its area");
        let column_labels: Vec<String> = headers.iter().map(|c| c.label.clone()).collect();
        // The chart's rows count from the bottom: the first country is drawn last, at the top.
        let row_labels: Vec<String> = rows
            .iter()
            .rev()
            .map(|row| row.name.get(lang).to_owned())
            .collect();
        let _ = chart
            .configure_mesh()
            .disable_mesh()
            .x_labels(columns)
            .x_label_formatter(&|value| match value {
                SegmentValue::CenterOf(index) => {
                    column_labels.get(*index).cloned().unwrap_or_default()
                }
                _ => String::new(),
            })
            .y_labels(rows.len().max(1))
            .y_label_formatter(&|value| match value {
                SegmentValue::CenterOf(index) => {
                    row_labels.get(*index).cloned().unwrap_or_default()
                }
                _ => String::new(),
            })
            .label_style((FONT, 13).into_font().color(&INK))
            .draw();
        for (row_index, row) in rows.iter().rev().enumerate() {
            let (top, bottom) = span(
                chart.backend_coord(&(SegmentValue::Exact(0), SegmentValue::Exact(row_index))),
                chart.backend_coord(&(SegmentValue::Exact(0), SegmentValue::Exact(row_index + 1))),
            );
            let link = links.get(rows.len() - 1 - row_index).cloned().flatten();
            row_links.push((link, top, bottom));
            for (column, cell) in row.cells.iter().enumerate() {
                let (fill, ink) = match cell {
                    Some(share) => share_colours(*share),
                    None => (RGBColor(0xf4, 0xf5, 0xf6), INK),
                };
                let _ = chart.draw_series(std::iter::once(inset(
                    [
                        (SegmentValue::Exact(column), SegmentValue::Exact(row_index)),
                        (
                            SegmentValue::Exact(column + 1),
                            SegmentValue::Exact(row_index + 1),
                        ),
                    ],
                    fill,
                    (1, 1, 1, 1),
                )));
                let _ = chart.draw_series(std::iter::once(Text::new(
                    percent_or_dash(lang, *cell),
                    (
                        SegmentValue::CenterOf(column),
                        SegmentValue::CenterOf(row_index),
                    ),
                    (FONT, 12).into_font().color(&ink),
                )));
            }
        }
        let _ = root.present();
    }
    let svg = with_row_links(svg, &row_links);
    let table = DataTable {
        headers: std::iter::once(String::new())
            .chain(headers.iter().map(|c| c.name.clone()))
            .collect(),
        rows: rows
            .iter()
            .map(|row| {
                std::iter::once(row.name.get(lang).to_owned())
                    .chain(row.cells.iter().map(|cell| percent_or_dash(lang, *cell)))
                    .collect()
            })
            .collect(),
        links: links.to_vec(),
    };
    finish(id, title, description, svg, table)
}

/// For each theme, its country × action pairs stacked by reported status, with a legend, and the
/// number of delayed ones written at the end.
pub fn status_stacks(
    id: &str,
    title: &str,
    description: &str,
    mixes: &[StatusMix],
    lang: Lang,
) -> Chart {
    let rows = mixes.len().max(1);
    let most = mixes
        .iter()
        .map(|mix| mix.counts.iter().sum::<usize>())
        .max()
        .unwrap_or(0)
        .max(1);
    let height = 110 + ROW_HEIGHT * rows as u32;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        let _ = root.fill(&WHITE);
        let mut chart = ChartBuilder::on(&root)
            .margin(8)
            .margin_right(28)
            .margin_bottom(44)
            .x_label_area_size(26)
            .y_label_area_size(170)
            .build_cartesian_2d(0.0..(most as f64 * 1.25), bands(rows))
            .expect("a chart fits its area");
        let labels: Vec<String> = mixes
            .iter()
            .rev()
            .map(|mix| short_label(&mix.code, mix.name.get(lang)))
            .collect();
        let _ = chart
            .configure_mesh()
            .disable_y_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(GRID)
            .x_labels(6)
            .x_label_formatter(&|count| format!("{count:.0}"))
            .y_labels(rows)
            .y_label_formatter(&|value| match value {
                SegmentValue::CenterOf(index) => labels.get(*index).cloned().unwrap_or_default(),
                _ => String::new(),
            })
            .label_style((FONT, 13).into_font().color(&INK))
            .draw();
        for (slot, status) in Status::ALL.iter().enumerate() {
            let colour = status_colour(*status);
            let series = mixes.iter().rev().enumerate().filter_map(|(index, mix)| {
                let start: usize = mix.counts[..slot].iter().sum();
                let count = mix.counts[slot];
                (count > 0).then(|| {
                    inset(
                        [
                            (start as f64, SegmentValue::Exact(index)),
                            ((start + count) as f64, SegmentValue::Exact(index + 1)),
                        ],
                        colour,
                        (6, 6, 0, 0),
                    )
                })
            });
            if let Ok(drawn) = chart.draw_series(series) {
                drawn
                    .label(t(lang, status.label_key()))
                    .legend(move |(x, y)| {
                        Rectangle::new([(x, y - 5), (x + 10, y + 5)], colour.filled())
                    });
            }
        }
        for (index, mix) in mixes.iter().rev().enumerate() {
            let total: usize = mix.counts.iter().sum();
            let text = crate::i18n::t_args(
                lang,
                "chart-delayed-count",
                &[("count", mix.delayed.into())],
            );
            let _ = chart.draw_series(std::iter::once(Text::new(
                text,
                (
                    total as f64 + most as f64 * 0.02,
                    SegmentValue::CenterOf(index),
                ),
                (FONT, 12).into_font().color(&INK),
            )));
        }
        // The legend, a row under the chart: a swatch and the status's name for each.
        let mut x = 180;
        for status in Status::ALL {
            let y = height as i32 - 22;
            let _ = root.draw(&Rectangle::new(
                [(x, y - 6), (x + 12, y + 6)],
                status_colour(*status).filled(),
            ));
            let name = t(lang, status.label_key());
            let _ = root.draw(&Text::new(
                name.clone(),
                (x + 16, y - 7),
                (FONT, 12).into_font().color(&INK),
            ));
            x += 30 + 7 * name.chars().count() as i32;
        }
        let _ = root.present();
    }
    let table = DataTable {
        headers: std::iter::once(String::new())
            .chain(Status::ALL.iter().map(|status| t(lang, status.label_key())))
            .chain(std::iter::once(t(lang, "status-delayed")))
            .collect(),
        rows: mixes
            .iter()
            .map(|mix| {
                std::iter::once(format!("{} {}", mix.code, mix.name.get(lang)))
                    .chain(mix.counts.iter().map(usize::to_string))
                    .chain(std::iter::once(mix.delayed.to_string()))
                    .collect()
            })
            .collect(),
        links: Vec::new(),
    };
    finish(id, title, description, svg, table)
}

/// A row of a bar chart of counts: its label, its count, its colour.
pub struct Count {
    pub label: String,
    pub count: usize,
    pub colour: RGBColor,
}

/// Horizontal bars of counts, each with its number written beside it.
pub fn count_bars(id: &str, title: &str, description: &str, counts: &[Count], lang: Lang) -> Chart {
    let rows = counts.len().max(1);
    let most = counts.iter().map(|c| c.count).max().unwrap_or(0).max(1);
    let height = 50 + ROW_HEIGHT * rows as u32;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        let _ = root.fill(&WHITE);
        let mut chart = ChartBuilder::on(&root)
            .margin(8)
            .margin_right(28)
            .x_label_area_size(26)
            .y_label_area_size(170)
            .build_cartesian_2d(0.0..(most as f64 * 1.15), bands(rows))
            .expect("a chart fits its area");
        // The chart's rows count from the bottom: the first bar is drawn last, at the top.
        let labels: Vec<String> = counts.iter().rev().map(|c| c.label.clone()).collect();
        let _ = chart
            .configure_mesh()
            .disable_y_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(GRID)
            .x_labels(most.min(10) + 1)
            .x_label_formatter(&|count| format!("{count:.0}"))
            .y_labels(rows)
            .y_label_formatter(&|value| match value {
                SegmentValue::CenterOf(index) => labels.get(*index).cloned().unwrap_or_default(),
                _ => String::new(),
            })
            .label_style((FONT, 13).into_font().color(&INK))
            .draw();
        for (index, count) in counts.iter().rev().enumerate() {
            let _ = chart.draw_series(std::iter::once(inset(
                [
                    (0.0, SegmentValue::Exact(index)),
                    (count.count as f64, SegmentValue::Exact(index + 1)),
                ],
                count.colour,
                (6, 6, 0, 0),
            )));
            let _ = chart.draw_series(std::iter::once(Text::new(
                count.count.to_string(),
                (
                    count.count as f64 + most as f64 * 0.01,
                    SegmentValue::CenterOf(index),
                ),
                (FONT, 12).into_font().color(&INK),
            )));
        }
        let _ = root.present();
    }
    let table = DataTable {
        headers: vec![String::new(), t(lang, "chart-count")],
        rows: counts
            .iter()
            .map(|c| vec![c.label.clone(), c.count.to_string()])
            .collect(),
        links: Vec::new(),
    };
    finish(id, title, description, svg, table)
}

/// The colour of a submission's state, as the tracker shows it.
pub fn submission_colour(state: crate::domain::SubmissionState) -> RGBColor {
    use crate::domain::SubmissionState::*;
    match state {
        NotStarted => RGBColor(0x8a, 0x93, 0x9c),
        Draft => RGBColor(0x00, 0x72, 0xb2),
        Submitted => RGBColor(0x56, 0xb4, 0xe9),
        Returned => RGBColor(0xe6, 0x9f, 0x00),
        Validated => RGBColor(0x00, 0x9e, 0x73),
    }
}

/// Regional progress month by month: achieved (a solid line) against expected (a dashed line).
pub fn trajectory(
    id: &str,
    title: &str,
    description: &str,
    points: &[TrajectoryPoint],
    lang: Lang,
) -> Chart {
    let last = points.len().saturating_sub(1).max(1) as f64;
    let height = 340;
    let actual_colour = RGBColor(0x00, 0x72, 0xb2);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        let _ = root.fill(&WHITE);
        let mut chart = ChartBuilder::on(&root)
            .margin(8)
            .margin_right(28)
            .margin_bottom(40)
            .x_label_area_size(26)
            .y_label_area_size(60)
            .build_cartesian_2d(0.0..last, 0.0..1.0_f64)
            .expect("a chart fits its area");
        let month = |x: &f64| {
            points
                .get(x.round() as usize)
                .map(|p| format_month(lang, p.day.year(), p.day.month()))
                .unwrap_or_default()
        };
        let _ = chart
            .configure_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(GRID)
            .x_labels(6)
            .x_label_formatter(&month)
            .y_labels(6)
            .y_label_formatter(&|share| format_percent(lang, *share))
            .label_style((FONT, 13).into_font().color(&INK))
            .draw();
        let series = |pick: fn(&Progress) -> f64| {
            points
                .iter()
                .enumerate()
                .filter_map(move |(index, point)| {
                    point.progress.as_ref().map(|p| (index as f64, pick(p)))
                })
                .collect::<Vec<_>>()
        };
        let _ = chart.draw_series(LineSeries::new(
            series(|p| p.actual),
            actual_colour.stroke_width(3),
        ));
        let _ = chart.draw_series(DashedLineSeries::new(
            series(|p| p.expected),
            6,
            4,
            INK.stroke_width(2),
        ));
        let y = height as i32 - 16;
        let _ = root.draw(&PathElement::new(
            vec![(70, y), (100, y)],
            actual_colour.stroke_width(3),
        ));
        let _ = root.draw(&Text::new(
            t(lang, "chart-actual"),
            (106, y - 7),
            (FONT, 12).into_font().color(&INK),
        ));
        let _ = root.draw(&PathElement::new(
            vec![(220, y), (232, y)],
            INK.stroke_width(2),
        ));
        let _ = root.draw(&PathElement::new(
            vec![(238, y), (250, y)],
            INK.stroke_width(2),
        ));
        let _ = root.draw(&Text::new(
            t(lang, "chart-expected"),
            (256, y - 7),
            (FONT, 12).into_font().color(&INK),
        ));
        let _ = root.present();
    }
    let table = DataTable {
        headers: vec![
            t(lang, "chart-day"),
            t(lang, "chart-actual"),
            t(lang, "chart-expected"),
        ],
        rows: points
            .iter()
            .map(|point| {
                vec![
                    format_date(lang, &point.day.to_string()),
                    percent_or_dash(lang, point.progress.map(|p| p.actual)),
                    percent_or_dash(lang, point.progress.map(|p| p.expected)),
                ]
            })
            .collect(),
        links: Vec::new(),
    };
    finish(id, title, description, svg, table)
}

/// One small chart per indicator: its validated values (a solid line from the baseline), the
/// projection of their trend to the target year (a dashed line in the colour of the assessment), the
/// baseline (dotted) and the target (dashed), with the code and the assessment written above. Each
/// small chart leads to `href(code)`.
pub fn indicator_trends(
    id: &str,
    title: &str,
    description: &str,
    trends: &[IndicatorTrend],
    href: impl Fn(&str) -> String,
    lang: Lang,
) -> Chart {
    const COLUMNS: usize = 3;
    const PANEL_HEIGHT: u32 = 190;
    const LEGEND_HEIGHT: u32 = 36;
    let rows = trends.len().div_ceil(COLUMNS).max(1);
    let height = PANEL_HEIGHT * rows as u32 + LEGEND_HEIGHT;
    let actual_colour = RGBColor(0x00, 0x72, 0xb2);
    let baseline_colour = RGBColor(0x6b, 0x74, 0x7d);
    let mut svg = String::new();
    let mut links = Vec::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        let _ = root.fill(&WHITE);
        let (panels, legend) = root.split_vertically(height - LEGEND_HEIGHT);
        if trends.is_empty() {
            let _ = panels.draw(&Text::new(
                t(lang, "chart-no-data"),
                (20, 30),
                (FONT, 13).into_font().color(&INK),
            ));
        }
        for (trend, area) in trends.iter().zip(panels.split_evenly((rows, COLUMNS))) {
            let (x, y) = area.get_base_pixel();
            let (width, panel_height) = area.dim_in_pixel();
            links.push(LinkedArea {
                href: Some(href(&trend.code)),
                top_left: (x, y),
                bottom_right: (x + width as i32, y + panel_height as i32),
            });
            let target = &trend.target;
            let assessment = trend.standing.assessment.map_or_else(
                || t(lang, "chart-no-data"),
                |a| t(lang, a.status.label_key()),
            );
            let first_year = target.baseline_year.min(
                trend
                    .observations
                    .first()
                    .map_or(target.baseline_year, |o| o.year),
            );
            let last_year = target.target_year.max(
                trend
                    .observations
                    .last()
                    .map_or(target.target_year, |o| o.year),
            );
            let top = match trend.kind {
                IndicatorKind::Percentage => 100.0,
                IndicatorKind::Scale0To4 | IndicatorKind::YesNo => 4.0,
                IndicatorKind::Count | IndicatorKind::Number => {
                    let highest = trend
                        .observations
                        .iter()
                        .chain(&trend.projection)
                        .map(|o| o.value)
                        .fold(target.baseline_value.max(target.target_value), f64::max);
                    (highest * 1.15).max(1.0)
                }
            };
            let Ok(mut chart) = ChartBuilder::on(&area)
                .margin(6)
                .margin_right(14)
                .caption(
                    format!("{} · {assessment}", trend.code),
                    (FONT, 13).into_font().color(&INK),
                )
                .x_label_area_size(20)
                .y_label_area_size(46)
                .build_cartesian_2d(first_year..last_year, 0.0..top)
            else {
                continue;
            };
            let decimals = usize::from(trend.kind == IndicatorKind::Number);
            let _ = chart
                .configure_mesh()
                .light_line_style(TRANSPARENT)
                .bold_line_style(GRID)
                .x_labels((last_year - first_year + 1) as usize)
                .x_label_formatter(&|year| year.to_string())
                .y_labels(4)
                .y_label_formatter(&|value| format_number(lang, *value, decimals))
                .label_style((FONT, 11).into_font().color(&INK))
                .draw();
            let across = |value: f64| vec![(first_year, value), (last_year, value)];
            let _ = chart.draw_series(DashedLineSeries::new(
                across(target.baseline_value),
                2,
                3,
                baseline_colour.stroke_width(1),
            ));
            let _ = chart.draw_series(DashedLineSeries::new(
                across(target.target_value),
                6,
                4,
                INK.stroke_width(1),
            ));
            if let Some(assessment) = trend.standing.assessment {
                let _ = chart.draw_series(DashedLineSeries::new(
                    trend.projection.iter().map(|o| (o.year, o.value)),
                    5,
                    4,
                    schedule_colour(assessment.status).stroke_width(2),
                ));
            }
            let actual: Vec<(i32, f64)> =
                std::iter::once((target.baseline_year, target.baseline_value))
                    .chain(trend.observations.iter().map(|o| (o.year, o.value)))
                    .collect();
            let _ = chart.draw_series(LineSeries::new(
                actual.clone(),
                actual_colour.stroke_width(2),
            ));
            let _ = chart.draw_series(
                actual
                    .into_iter()
                    .map(|point| Circle::new(point, 3, actual_colour.filled())),
            );
        }
        let y = LEGEND_HEIGHT as i32 / 2;
        let entries = [
            ("chart-actual", actual_colour, None),
            ("chart-projection", INK, Some((5_u32, 4_u32))),
            ("col-baseline", baseline_colour, Some((2, 3))),
            ("col-target", INK, Some((6, 4))),
        ];
        let mut x = 60;
        for (key, colour, dashes) in entries {
            let line = vec![(x, y), (x + 30, y)];
            let _ = match dashes {
                None => legend.draw(&PathElement::new(line, colour.stroke_width(2))),
                Some((size, spacing)) => legend.draw(&plotters::element::DashedPathElement::new(
                    line,
                    size,
                    spacing,
                    colour.stroke_width(2),
                )),
            };
            let _ = legend.draw(&Text::new(
                t(lang, key),
                (x + 36, y - 7),
                (FONT, 12).into_font().color(&INK),
            ));
            x += 170;
        }
        let _ = root.present();
    }
    let in_year = |observation: Option<Observation>, kind: IndicatorKind| {
        observation.map_or_else(
            || "—".to_owned(),
            |o| {
                t_args(
                    lang,
                    "chart-value-in-year",
                    &[
                        ("value", format_value(lang, kind, o.value).into()),
                        ("year", o.year.into()),
                    ],
                )
            },
        )
    };
    let table = DataTable {
        headers: vec![
            t(lang, "col-indicator"),
            t(lang, "col-baseline"),
            t(lang, "chart-latest"),
            t(lang, "chart-projected"),
            t(lang, "col-target"),
            t(lang, "col-assessment"),
        ],
        rows: trends
            .iter()
            .map(|trend| {
                let target = &trend.target;
                vec![
                    format!("{} {}", trend.code, trend.name.get(lang)),
                    in_year(
                        Some(Observation {
                            year: target.baseline_year,
                            value: target.baseline_value,
                        }),
                        trend.kind,
                    ),
                    in_year(trend.observations.last().copied(), trend.kind),
                    in_year(
                        trend.standing.assessment.map(|a| Observation {
                            year: target.target_year,
                            value: a.projected,
                        }),
                        trend.kind,
                    ),
                    in_year(
                        Some(Observation {
                            year: target.target_year,
                            value: target.target_value,
                        }),
                        trend.kind,
                    ),
                    trend
                        .standing
                        .assessment
                        .map_or_else(|| "—".to_owned(), |a| t(lang, a.status.label_key())),
                ]
            })
            .collect(),
        links: trends.iter().map(|trend| Some(href(&trend.code))).collect(),
    };
    finish(id, title, description, with_links(svg, &links), table)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dashboards::figures::{CountryFigure, HeatRow, StatusMix, ThemeFigure};
    use crate::domain::Bilingual;

    fn themes() -> Vec<ThemeFigure> {
        vec![
            ThemeFigure {
                code: "1".into(),
                name: Bilingual::new(
                    "Intelligence and investigation",
                    "Inteligencia e investigación",
                ),
                progress: Some(Progress {
                    actual: 0.42,
                    expected: 0.4,
                }),
            },
            ThemeFigure {
                code: "2".into(),
                name: Bilingual::new("Field operations", "Operaciones de campo"),
                progress: Some(Progress {
                    actual: 0.3,
                    expected: 0.45,
                }),
            },
            ThemeFigure {
                code: "3".into(),
                name: Bilingual::new("Detention", "Detención"),
                progress: None,
            },
        ]
    }

    fn countries() -> Vec<CountryFigure> {
        vec![
            CountryFigure {
                iso2: "CR".into(),
                name: Bilingual::new("Costa Rica", "Costa Rica"),
                progress: Some(Progress {
                    actual: 0.5,
                    expected: 0.4,
                }),
            },
            CountryFigure {
                iso2: "MX".into(),
                name: Bilingual::new("Mexico", "México"),
                progress: Some(Progress {
                    actual: 0.1,
                    expected: 0.4,
                }),
            },
        ]
    }

    fn rows() -> Vec<HeatRow> {
        vec![
            HeatRow {
                iso2: "CR".into(),
                name: Bilingual::new("Costa Rica", "Costa Rica"),
                cells: vec![Some(0.9), Some(0.5), None],
            },
            HeatRow {
                iso2: "MX".into(),
                name: Bilingual::new("Mexico", "México"),
                cells: vec![Some(0.05), Some(0.25), Some(0.65)],
            },
        ]
    }

    fn mixes() -> Vec<StatusMix> {
        vec![StatusMix {
            code: "1".into(),
            name: Bilingual::new(
                "Intelligence and investigation",
                "Inteligencia e investigación",
            ),
            counts: vec![3, 5, 2, 1, 1, 0],
            delayed: 4,
        }]
    }

    fn points() -> Vec<TrajectoryPoint> {
        ["2025-01-31", "2025-02-28", "2025-03-31", "2025-04-15"]
            .iter()
            .zip([0.0, 0.1, 0.15, 0.3])
            .map(|(day, actual)| TrajectoryPoint {
                day: day.parse().unwrap(),
                progress: Some(Progress {
                    actual,
                    expected: actual + 0.05,
                }),
            })
            .collect()
    }

    fn indicator_series() -> Vec<IndicatorTrend> {
        use crate::domain::{Direction, SubmissionState};
        use crate::indicators::types::IndicatorSeries;
        use crate::indicators::types::{TargetInfo, ValueCell};
        let cell = |year: i32, value: f64| ValueCell {
            year,
            value,
            numerator: None,
            denominator: None,
            source: "Registry".into(),
            note: None,
            state: SubmissionState::Validated,
        };
        let series = |code: &str, kind, direction, target: (f64, f64), values: Vec<ValueCell>| {
            IndicatorSeries {
                country_id: 1,
                code: code.into(),
                name: Bilingual::new(format!("{code} in English"), format!("{code} en español")),
                kind,
                direction,
                target: TargetInfo {
                    baseline_year: 2024,
                    baseline_value: target.0,
                    target_year: 2029,
                    target_value: target.1,
                    proposed: false,
                },
                values: values.into_iter().map(|v| (None, v)).collect(),
            }
            .trend_on("2027-01-01".parse().unwrap())
        };
        vec![
            series(
                "ART6-02",
                IndicatorKind::Count,
                Direction::Higher,
                (100.0, 150.0),
                vec![cell(2025, 104.0), cell(2026, 112.0)],
            ),
            series(
                "ART10-01",
                IndicatorKind::Percentage,
                Direction::Higher,
                (35.0, 80.0),
                vec![cell(2025, 36.5)],
            ),
            series(
                "ART11-03",
                IndicatorKind::Number,
                Direction::Lower,
                (12.5, 7.5),
                vec![cell(2025, 13.25)],
            ),
            series(
                "ART14-01",
                IndicatorKind::Scale0To4,
                Direction::Higher,
                (1.0, 4.0),
                Vec::new(),
            ),
        ]
    }

    #[test]
    fn indicator_trends_show_each_indicators_numbers_and_lead_to_its_page() {
        let chart = indicator_trends(
            "i",
            "Indicators",
            "Against their targets",
            &indicator_series(),
            crate::urls::indicator_path,
            Lang::Es,
        );
        assert_eq!(
            chart.table.rows[0],
            [
                "ART6-02 ART6-02 en español",
                "100 en 2024",
                "112 en 2026",
                // 100 × 1.12^2.5 (the growth of 2024–2026 carried to 2029)
                "133 en 2029",
                "150 en 2029",
                "Requiere aceleración",
            ]
        );
        assert_eq!(chart.table.rows[3][2], "—");
        assert_eq!(chart.table.rows[3][5], "—");
        assert_eq!(
            chart.table.links[1].as_deref(),
            Some("/indicators/ART10-01")
        );
        assert_eq!(chart.svg.matches("<a href=\"/indicators/").count(), 4);
    }

    /// The SVG of each chart for a fixed set of figures, in both languages, kept as snapshots.
    #[test]
    fn the_charts_are_drawn_the_same_way_every_time() {
        for lang in Lang::ALL {
            let code = lang.code();
            let by_theme = theme_bars("t", "Themes", "By theme", &themes(), lang);
            insta::assert_snapshot!(format!("theme_bars_{code}"), by_theme.svg);
            let by_country = country_bars("c", "Countries", "By country", &countries(), lang);
            insta::assert_snapshot!(format!("country_bars_{code}"), by_country.svg);
            let columns = theme_columns(&themes(), lang);
            let links = [Some("/countries/cr".to_owned()), None];
            let heat = heatmap(
                "h",
                "Heatmap",
                "Countries and themes",
                &columns,
                &rows(),
                &links,
                lang,
            );
            insta::assert_snapshot!(format!("heatmap_{code}"), heat.svg);
            let stacks = status_stacks("s", "Statuses", "By status", &mixes(), lang);
            insta::assert_snapshot!(format!("status_stacks_{code}"), stacks.svg);
            let line = trajectory("r", "Trajectory", "Month by month", &points(), lang);
            insta::assert_snapshot!(format!("trajectory_{code}"), line.svg);
            let trends = indicator_trends(
                "i",
                "Indicators",
                "Against their targets",
                &indicator_series(),
                crate::urls::indicator_path,
                lang,
            );
            insta::assert_snapshot!(format!("indicator_trends_{code}"), trends.svg);
        }
    }

    #[test]
    fn each_row_leads_to_its_country_or_theme() {
        let chart = country_bars("c", "Countries", "By country", &countries(), Lang::En);
        assert_eq!(
            chart.table.links,
            [
                Some("/countries/cr".to_owned()),
                Some("/countries/mx".to_owned())
            ]
        );
        // One link a row over the drawing, Costa Rica's above Mexico's.
        let cr = chart.svg.find("<a href=\"/countries/cr\"").unwrap();
        let mx = chart.svg.find("<a href=\"/countries/mx\"").unwrap();
        let y = |at: usize| -> i32 {
            let rest = &chart.svg[at..];
            let start = rest.find("y=\"").unwrap() + 3;
            rest[start..start + rest[start..].find('"').unwrap()]
                .parse()
                .unwrap()
        };
        assert!(y(cr) < y(mx));
        assert!(chart.svg.ends_with("</a></svg>\n") || chart.svg.ends_with("</a></svg>"));
        let themes = theme_bars("t", "Themes", "By theme", &themes(), Lang::En);
        assert_eq!(themes.table.links[1].as_deref(), Some("/themes/2"));
    }

    #[test]
    fn the_numbers_under_each_chart_are_its_figures_in_the_language() {
        let chart = theme_bars("t", "Themes", "By theme", &themes(), Lang::Es);
        assert_eq!(
            chart.table.rows,
            [
                [
                    "1 Inteligencia e investigación",
                    "42 %",
                    "40 %",
                    "En buen camino"
                ],
                [
                    "2 Operaciones de campo",
                    "30 %",
                    "45 %",
                    "Requiere aceleración"
                ],
                ["3 Detención", "—", "—", "—"],
            ]
        );
        assert!(chart.svg.contains("42 % · En buen camino"));
        let stacks = status_stacks("s", "Statuses", "By status", &mixes(), Lang::En);
        assert_eq!(
            stacks.table.rows[0][1..],
            ["3", "5", "2", "1", "1", "0", "4"]
        );
    }

    #[test]
    fn the_svg_has_its_title_and_description_first() {
        let svg = accessible(
            "<svg width=\"10\" height=\"10\" xmlns=\"http://www.w3.org/2000/svg\"><rect/></svg>"
                .into(),
            "c1",
            "Progress & more",
            "By theme",
        );
        assert!(svg.starts_with(
            "<svg role=\"img\" class=\"chart__svg\" aria-labelledby=\"c1-title c1-desc\" width=\"10\""
        ));
        assert!(svg.contains("><title id=\"c1-title\">Progress &amp; more</title><desc id=\"c1-desc\">By theme</desc><rect/>"));
    }
}
