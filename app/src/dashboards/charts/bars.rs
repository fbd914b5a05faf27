//! Horizontal bar charts: progress against the expected mark (themes, countries), counts (the
//! round's submissions by state), and the reported statuses stacked per theme.

use plotters::coord::ranged1d::SegmentValue;
use plotters::prelude::*;

use super::canvas::{
    band_span, draw, finish, inset, label, percent_or_dash, row_chart, row_mesh, schedule_colour,
    short_label, status_colour, with_row_links, Bands, RowLink, INK, ROW_HEIGHT,
};
use crate::dashboards::figures::{Basis, CountryFigure, StatusMix, ThemeFigure};
use crate::dashboards::types::{Chart, DataTable};
use crate::domain::Status;
use crate::i18n::{format_percent, t, t_args, Lang};
use crate::progress::Progress;

/// A row of a progress bar chart: its label beside the chart, its name in the table, its progress
/// and what the progress stands on.
pub struct Bar {
    pub label: String,
    pub name: String,
    pub progress: Option<Progress>,
    pub basis: Basis,
    /// Where the row leads: the country's or the theme's page.
    pub href: Option<String>,
}

/// The colour of a bar measured by statuses alone, with no schedule to colour it by.
const STATUS_ONLY: RGBColor = RGBColor(0x00, 0x72, 0xb2);

/// Horizontal bars of actual progress, coloured by schedule status, with a mark at the expected
/// progress and the percentage and status written at the end of each bar. A row with nothing
/// reported says so in words instead of a bar; one without milestones has a bar of the progress its
/// statuses give, in a colour of no schedule status, no expected mark, and says it has no
/// milestones.
pub fn progress_bars(id: &str, title: &str, description: &str, bars: &[Bar], lang: Lang) -> Chart {
    let height = 50 + ROW_HEIGHT * bars.len().max(1) as u32;
    let mut links: Vec<RowLink> = Vec::new();
    let svg = draw(id, height, |root| {
        let mut chart = row_chart(root, 0.0..1.0_f64, bars.len(), 0)?;
        let labels: Vec<String> = bars.iter().map(|bar| bar.label.clone()).collect();
        row_mesh(&mut chart, &labels, 6, &|share| {
            format_percent(lang, *share)
        })?;
        for (index, bar) in bars.iter().rev().enumerate() {
            let (top, bottom) = band_span(&chart, index);
            links.push((bar.href.clone(), top, bottom));
            let Some(progress) = bar.progress else {
                chart.draw_series(std::iter::once(label(
                    t(lang, "chart-no-data"),
                    (0.01, SegmentValue::CenterOf(index)),
                    12,
                )))?;
                continue;
            };
            if !bar.basis.is_reported() {
                chart.draw_series(std::iter::once(label(
                    bar.basis.gaps(lang),
                    (0.01, SegmentValue::CenterOf(index)),
                    12,
                )))?;
            } else if bar.basis.has_milestones() {
                draw_progress(&mut chart, index, progress, lang)?;
            } else {
                let words = bar.basis.gaps(lang);
                draw_status_only(&mut chart, index, progress.actual, &words, lang)?;
            }
        }
        Ok(())
    });
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
                    percent_or_dash(lang, bar.basis.actual(bar.progress)),
                    percent_or_dash(lang, bar.basis.expected(bar.progress)),
                    bar.basis
                        .schedule_words(bar.progress, lang)
                        .unwrap_or_else(|| "—".to_owned()),
                ]
            })
            .collect(),
        links: bars.iter().map(|bar| bar.href.clone()).collect(),
    };
    with_row_links(finish(id, title, description, svg, table), &links)
}

/// One progress bar in band `index`: the bar in its schedule's colour, the expected mark, and the
/// figure in words.
fn draw_progress(
    chart: &mut ChartContext<
        '_,
        SVGBackend<'_>,
        Cartesian2d<plotters::coord::types::RangedCoordf64, Bands>,
    >,
    index: usize,
    progress: Progress,
    lang: Lang,
) -> Result<(), super::canvas::DrawError> {
    let schedule = progress.schedule();
    chart.draw_series(std::iter::once(inset(
        [
            (0.0, SegmentValue::Exact(index)),
            (progress.actual, SegmentValue::Exact(index + 1)),
        ],
        schedule_colour(schedule),
        (6, 6, 0, 0),
    )))?;
    chart.draw_series(std::iter::once(PathElement::new(
        vec![
            (progress.expected, SegmentValue::Exact(index)),
            (progress.expected, SegmentValue::Exact(index + 1)),
        ],
        INK.stroke_width(3),
    )))?;
    let text = format!(
        "{} · {}",
        format_percent(lang, progress.actual),
        t(lang, schedule.label_key())
    );
    chart.draw_series(std::iter::once(label(
        text,
        (
            progress.actual.max(progress.expected) + 0.01,
            SegmentValue::CenterOf(index),
        ),
        12,
    )))?;
    Ok(())
}

/// One bar of progress measured by statuses alone in band `index`: the bar, and the figure with
/// `words` (why there is no schedule status).
fn draw_status_only(
    chart: &mut ChartContext<
        '_,
        SVGBackend<'_>,
        Cartesian2d<plotters::coord::types::RangedCoordf64, Bands>,
    >,
    index: usize,
    actual: f64,
    words: &str,
    lang: Lang,
) -> Result<(), super::canvas::DrawError> {
    chart.draw_series(std::iter::once(inset(
        [
            (0.0, SegmentValue::Exact(index)),
            (actual, SegmentValue::Exact(index + 1)),
        ],
        STATUS_ONLY,
        (6, 6, 0, 0),
    )))?;
    chart.draw_series(std::iter::once(label(
        format!("{} · {words}", format_percent(lang, actual)),
        (actual + 0.01, SegmentValue::CenterOf(index)),
        12,
    )))?;
    Ok(())
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
            basis: theme.basis,
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
            basis: country.basis,
            href: Some(crate::urls::country_path(&country.iso2)),
        })
        .collect();
    progress_bars(id, title, description, &bars, lang)
}

/// A row of a bar chart of counts: its label, its count, its colour.
pub struct Count {
    pub label: String,
    pub count: usize,
    pub colour: RGBColor,
}

/// Horizontal bars of counts, each with its number written beside it.
pub fn count_bars(id: &str, title: &str, description: &str, counts: &[Count], lang: Lang) -> Chart {
    let most = counts.iter().map(|c| c.count).max().unwrap_or(0).max(1);
    let height = 50 + ROW_HEIGHT * counts.len().max(1) as u32;
    let svg = draw(id, height, |root| {
        let mut chart = row_chart(root, 0.0..(most as f64 * 1.15), counts.len(), 0)?;
        let labels: Vec<String> = counts.iter().map(|c| c.label.clone()).collect();
        row_mesh(&mut chart, &labels, most.min(10) + 1, &|count| {
            format!("{count:.0}")
        })?;
        for (index, count) in counts.iter().rev().enumerate() {
            chart.draw_series(std::iter::once(inset(
                [
                    (0.0, SegmentValue::Exact(index)),
                    (count.count as f64, SegmentValue::Exact(index + 1)),
                ],
                count.colour,
                (6, 6, 0, 0),
            )))?;
            chart.draw_series(std::iter::once(label(
                count.count.to_string(),
                (
                    count.count as f64 + most as f64 * 0.01,
                    SegmentValue::CenterOf(index),
                ),
                12,
            )))?;
        }
        Ok(())
    });
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

/// For each theme, its country × action pairs stacked by reported status, with a legend, and the
/// number of delayed ones written at the end.
pub fn status_stacks(
    id: &str,
    title: &str,
    description: &str,
    mixes: &[StatusMix],
    lang: Lang,
) -> Chart {
    const LEGEND_HEIGHT: u32 = 36;
    let most = mixes
        .iter()
        .map(|mix| mix.counts.iter().sum::<usize>())
        .max()
        .unwrap_or(0)
        .max(1);
    let height = 110 + ROW_HEIGHT * mixes.len().max(1) as u32;
    let svg = draw(id, height, |root| {
        let mut chart = row_chart(root, 0.0..(most as f64 * 1.25), mixes.len(), LEGEND_HEIGHT)?;
        let labels: Vec<String> = mixes
            .iter()
            .map(|mix| short_label(&mix.code, mix.name.get(lang)))
            .collect();
        row_mesh(&mut chart, &labels, 6, &|count| format!("{count:.0}"))?;
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
            chart.draw_series(series)?;
        }
        for (index, mix) in mixes.iter().rev().enumerate() {
            let total: usize = mix.counts.iter().sum();
            let text = t_args(
                lang,
                "chart-delayed-count",
                &[("count", mix.delayed.into())],
            );
            chart.draw_series(std::iter::once(label(
                text,
                (
                    total as f64 + most as f64 * 0.02,
                    SegmentValue::CenterOf(index),
                ),
                12,
            )))?;
        }
        status_legend(root, height as i32 - 22, lang)
    });
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

/// The statuses' legend, a row at pixel row `y`: a swatch and the status's name for each.
fn status_legend(
    root: &super::canvas::Area,
    y: i32,
    lang: Lang,
) -> Result<(), super::canvas::DrawError> {
    let mut x = 180;
    for status in Status::ALL {
        root.draw(&Rectangle::new(
            [(x, y - 6), (x + 12, y + 6)],
            status_colour(*status).filled(),
        ))?;
        let name = t(lang, status.label_key());
        root.draw(&label(name.clone(), (x + 16, y - 7), 12))?;
        x += 30 + 7 * name.chars().count() as i32;
    }
    Ok(())
}
