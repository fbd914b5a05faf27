//! Line charts: the regional progress month by month, and each indicator's values against its
//! baseline and target with the projection of their trend.

use chrono::Datelike;
use plotters::coord::Shift;
use plotters::prelude::*;

use super::canvas::{
    draw, finish, label, percent_or_dash, schedule_colour, with_links, Area, DrawError, LinkedArea,
    FONT, GRID, INK,
};
use crate::dashboards::figures::{projected_range, ProjectionPoint, TrajectoryPoint};
use crate::dashboards::types::{Chart, DataTable};
use crate::domain::IndicatorKind;
use crate::i18n::{format_date, format_month, format_number, format_percent, t, t_args, Lang};
use crate::indicators::rules::format_value;
use crate::indicators::types::IndicatorTrend;
use crate::progress::indicators::Observation;
use crate::progress::Progress;

const ACTUAL: RGBColor = RGBColor(0x00, 0x72, 0xb2);
const BASELINE: RGBColor = RGBColor(0x6b, 0x74, 0x7d);

/// Progress month by month: achieved (a solid line) against expected (a dashed line), and after the
/// as-of date the projection at the current pace (a dashed line in the colour of achieved, within
/// the shaded range of the slowest and fastest paces) with the expected line carried on to the
/// plan's end.
pub fn trajectory(
    id: &str,
    title: &str,
    description: &str,
    points: &[TrajectoryPoint],
    projection: &[ProjectionPoint],
    lang: Lang,
) -> Chart {
    let last = (points.len() + projection.len()).saturating_sub(1).max(1) as f64;
    let day_at = |index: usize| {
        points
            .get(index)
            .map(|p| p.day)
            .or_else(|| projection.get(index - points.len()).map(|p| p.day))
    };
    let height = 340;
    let svg = draw(id, height, |root| {
        let mut chart = ChartBuilder::on(root)
            .margin(8)
            .margin_right(28)
            .margin_bottom(40)
            .x_label_area_size(26)
            .y_label_area_size(60)
            .build_cartesian_2d(0.0..last, 0.0..1.0_f64)?;
        let month = |x: &f64| {
            day_at(x.round() as usize)
                .map(|day| format_month(lang, day.year(), day.month()))
                .unwrap_or_default()
        };
        chart
            .configure_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(GRID)
            .x_labels(6)
            .x_label_formatter(&month)
            .y_labels(6)
            .y_label_formatter(&|share| format_percent(lang, *share))
            .label_style((FONT, 13).into_font().color(&INK))
            .draw()?;
        let series = |pick: fn(&Progress) -> f64| {
            points
                .iter()
                .enumerate()
                .filter_map(move |(index, point)| {
                    point.progress.as_ref().map(|p| (index as f64, pick(p)))
                })
                .collect::<Vec<_>>()
        };
        draw_projection(&mut chart, points, projection)?;
        chart.draw_series(LineSeries::new(
            series(|p| p.actual),
            ACTUAL.stroke_width(3),
        ))?;
        let expected_ahead = projection
            .iter()
            .enumerate()
            .filter_map(|(k, p)| Some(((points.len() + k) as f64, p.expected?)));
        chart.draw_series(DashedLineSeries::new(
            series(|p| p.expected).into_iter().chain(expected_ahead),
            6,
            4,
            INK.stroke_width(2),
        ))?;
        trajectory_legend(root, height as i32 - 16, !projection.is_empty(), lang)
    });
    finish(
        id,
        title,
        description,
        svg,
        trajectory_table(points, projection, lang),
    )
}

/// The trajectory's numbers: a row per month, achieved and expected, then a row per projected
/// month with its range.
fn trajectory_table(
    points: &[TrajectoryPoint],
    projection: &[ProjectionPoint],
    lang: Lang,
) -> DataTable {
    DataTable {
        headers: vec![
            t(lang, "chart-day"),
            t(lang, "chart-actual"),
            t(lang, "chart-expected"),
            t(lang, "chart-projected-range"),
        ],
        rows: points
            .iter()
            .map(|point| {
                vec![
                    format_date(lang, &point.day.to_string()),
                    percent_or_dash(lang, point.progress.map(|p| p.actual)),
                    percent_or_dash(lang, point.progress.map(|p| p.expected)),
                    "—".to_owned(),
                ]
            })
            .chain(projection.iter().map(|point| {
                vec![
                    format_date(lang, &point.day.to_string()),
                    "—".to_owned(),
                    percent_or_dash(lang, point.expected),
                    projected_range(lang, point.projected),
                ]
            }))
            .collect(),
        links: Vec::new(),
    }
}

type LineChart<'a, 'b> = ChartContext<
    'a,
    SVGBackend<'b>,
    Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
>;

/// The projection after the last point drawn: the range shaded, the central projection dashed,
/// both starting from the last achieved figure.
fn draw_projection(
    chart: &mut LineChart<'_, '_>,
    points: &[TrajectoryPoint],
    projection: &[ProjectionPoint],
) -> Result<(), DrawError> {
    let Some(start) = points
        .iter()
        .enumerate()
        .next_back()
        .and_then(|(index, p)| Some((index as f64, p.progress?.actual)))
    else {
        return Ok(());
    };
    if projection.is_empty() {
        return Ok(());
    }
    let at = |k: usize| (points.len() + k) as f64;
    let high = projection
        .iter()
        .enumerate()
        .map(|(k, p)| (at(k), p.projected.high));
    let low = projection
        .iter()
        .enumerate()
        .rev()
        .map(|(k, p)| (at(k), p.projected.low));
    let band: Vec<(f64, f64)> = std::iter::once(start).chain(high).chain(low).collect();
    chart.draw_series(std::iter::once(Polygon::new(
        band,
        ACTUAL.mix(0.15).filled(),
    )))?;
    let central = std::iter::once(start).chain(
        projection
            .iter()
            .enumerate()
            .map(|(k, p)| (at(k), p.projected.central)),
    );
    chart.draw_series(DashedLineSeries::new(central, 5, 4, ACTUAL.stroke_width(2)))?;
    Ok(())
}

/// The trajectory's legend, a row at pixel row `y`: achieved, expected, and the projection when
/// there is one.
fn trajectory_legend(root: &Area, y: i32, projected: bool, lang: Lang) -> Result<(), DrawError> {
    root.draw(&PathElement::new(
        vec![(70, y), (100, y)],
        ACTUAL.stroke_width(3),
    ))?;
    root.draw(&label(t(lang, "chart-actual"), (106, y - 7), 12))?;
    root.draw(&plotters::element::DashedPathElement::new(
        vec![(220, y), (250, y)],
        6,
        4,
        INK.stroke_width(2),
    ))?;
    root.draw(&label(t(lang, "chart-expected"), (256, y - 7), 12))?;
    if projected {
        root.draw(&Rectangle::new(
            [(380, y - 7), (410, y + 7)],
            ACTUAL.mix(0.15).filled(),
        ))?;
        root.draw(&plotters::element::DashedPathElement::new(
            vec![(380, y), (410, y)],
            5,
            4,
            ACTUAL.stroke_width(2),
        ))?;
        root.draw(&label(t(lang, "chart-projection-range"), (416, y - 7), 12))?;
    }
    Ok(())
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
    let mut links = Vec::new();
    let svg = draw(id, height, |root| {
        let (panels, legend) = root.split_vertically(height - LEGEND_HEIGHT);
        if trends.is_empty() {
            panels.draw(&label(t(lang, "chart-no-data"), (20, 30), 13))?;
        }
        for (trend, area) in trends.iter().zip(panels.split_evenly((rows, COLUMNS))) {
            let (x, y) = area.get_base_pixel();
            let (width, panel_height) = area.dim_in_pixel();
            links.push(LinkedArea {
                href: Some(href(&trend.code)),
                top_left: (x, y),
                bottom_right: (x + width as i32, y + panel_height as i32),
            });
            indicator_panel(&area, trend, lang)?;
        }
        trend_legend(&legend, LEGEND_HEIGHT as i32 / 2, lang)
    });
    let table = DataTable {
        headers: vec![
            t(lang, "col-indicator"),
            t(lang, "col-baseline"),
            t(lang, "chart-latest"),
            t(lang, "chart-projected"),
            t(lang, "col-target"),
            t(lang, "col-assessment"),
        ],
        rows: trends.iter().map(|trend| trend_row(trend, lang)).collect(),
        links: trends.iter().map(|trend| Some(href(&trend.code))).collect(),
    };
    with_links(finish(id, title, description, svg, table), &links)
}

/// One indicator's small chart in `area`.
fn indicator_panel(
    area: &DrawingArea<SVGBackend<'_>, Shift>,
    trend: &IndicatorTrend,
    lang: Lang,
) -> Result<(), DrawError> {
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
    let mut chart = ChartBuilder::on(area)
        .margin(6)
        .margin_right(14)
        .caption(
            format!("{} · {assessment}", trend.code),
            (FONT, 13).into_font().color(&INK),
        )
        .x_label_area_size(20)
        .y_label_area_size(46)
        .build_cartesian_2d(first_year..last_year, 0.0..value_ceiling(trend))?;
    let decimals = usize::from(trend.kind == IndicatorKind::Number);
    chart
        .configure_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(GRID)
        .x_labels((last_year - first_year + 1) as usize)
        .x_label_formatter(&|year| year.to_string())
        .y_labels(4)
        .y_label_formatter(&|value| format_number(lang, *value, decimals))
        .label_style((FONT, 11).into_font().color(&INK))
        .draw()?;
    let across = |value: f64| vec![(first_year, value), (last_year, value)];
    chart.draw_series(DashedLineSeries::new(
        across(target.baseline_value),
        2,
        3,
        BASELINE.stroke_width(1),
    ))?;
    chart.draw_series(DashedLineSeries::new(
        across(target.target_value),
        6,
        4,
        INK.stroke_width(1),
    ))?;
    if let Some(assessment) = trend.standing.assessment {
        chart.draw_series(DashedLineSeries::new(
            trend.projection.iter().map(|o| (o.year, o.value)),
            5,
            4,
            schedule_colour(assessment.status).stroke_width(2),
        ))?;
    }
    let actual: Vec<(i32, f64)> = std::iter::once((target.baseline_year, target.baseline_value))
        .chain(trend.observations.iter().map(|o| (o.year, o.value)))
        .collect();
    chart.draw_series(LineSeries::new(actual.clone(), ACTUAL.stroke_width(2)))?;
    chart.draw_series(
        actual
            .into_iter()
            .map(|point| Circle::new(point, 3, ACTUAL.filled())),
    )?;
    Ok(())
}

/// The top of an indicator's value axis: the scale's for percentages and levels, else room above
/// the highest value, baseline or target.
fn value_ceiling(trend: &IndicatorTrend) -> f64 {
    match trend.kind {
        IndicatorKind::Percentage => 100.0,
        IndicatorKind::Scale0To4 | IndicatorKind::YesNo => 4.0,
        IndicatorKind::Count | IndicatorKind::Number => {
            let target = &trend.target;
            let highest = trend
                .observations
                .iter()
                .chain(&trend.projection)
                .map(|o| o.value)
                .fold(target.baseline_value.max(target.target_value), f64::max);
            (highest * 1.15).max(1.0)
        }
    }
}

/// The legend of the indicator charts, a row at pixel row `y` of `legend`.
fn trend_legend(legend: &Area, y: i32, lang: Lang) -> Result<(), DrawError> {
    let entries = [
        ("chart-actual", ACTUAL, None),
        ("chart-projection", INK, Some((5_u32, 4_u32))),
        ("col-baseline", BASELINE, Some((2, 3))),
        ("col-target", INK, Some((6, 4))),
    ];
    let mut x = 60;
    for (key, colour, dashes) in entries {
        let line = vec![(x, y), (x + 30, y)];
        match dashes {
            None => legend.draw(&PathElement::new(line, colour.stroke_width(2)))?,
            Some((size, spacing)) => legend.draw(&plotters::element::DashedPathElement::new(
                line,
                size,
                spacing,
                colour.stroke_width(2),
            ))?,
        }
        legend.draw(&label(t(lang, key), (x + 36, y - 7), 12))?;
        x += 170;
    }
    Ok(())
}

/// An indicator's row in the table under the chart.
fn trend_row(trend: &IndicatorTrend, lang: Lang) -> Vec<String> {
    let in_year = |observation: Option<Observation>| {
        observation.map_or_else(
            || "—".to_owned(),
            |o| {
                t_args(
                    lang,
                    "chart-value-in-year",
                    &[
                        ("value", format_value(lang, trend.kind, o.value).into()),
                        ("year", o.year.into()),
                    ],
                )
            },
        )
    };
    let target = &trend.target;
    vec![
        format!("{} {}", trend.code, trend.name.get(lang)),
        in_year(Some(Observation {
            year: target.baseline_year,
            value: target.baseline_value,
        })),
        in_year(trend.observations.last().copied()),
        in_year(trend.standing.assessment.map(|a| Observation {
            year: target.target_year,
            value: a.projected,
        })),
        in_year(Some(Observation {
            year: target.target_year,
            value: target.target_value,
        })),
        trend
            .standing
            .assessment
            .map_or_else(|| "—".to_owned(), |a| t(lang, a.status.label_key())),
    ]
}
