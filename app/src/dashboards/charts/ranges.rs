//! Horizontal ranges: a bar from each row's least to its longest value, with both written at its
//! end (the prison terms a provision's offence carries in each country).

use plotters::coord::ranged1d::SegmentValue;
use plotters::prelude::*;

use super::canvas::{
    band_span, draw, finish, inset, label, row_chart, row_mesh, with_row_links, RowLink, ROW_HEIGHT,
};
use crate::dashboards::types::{Chart, DataTable};
use crate::i18n::{format_number, t, Lang};

/// A row of a range chart: its label beside the chart, its name in the table, its range (either
/// end may be unknown) and where it leads.
pub struct Span {
    pub label: String,
    pub name: String,
    pub least: Option<f64>,
    pub most: Option<f64>,
    pub href: Option<String>,
}

/// The ranges' colour (Okabe-Ito blue).
const RANGE: RGBColor = RGBColor(0x00, 0x72, 0xb2);

/// A bar from each row's least value to its most, written at its end as `least–most`; an end
/// that is unknown is the other one (a bar of a single value is a thin mark); a row with neither
/// says so in words.
pub fn ranges(id: &str, title: &str, description: &str, spans: &[Span], lang: Lang) -> Chart {
    let top = spans
        .iter()
        .filter_map(|s| s.most.or(s.least))
        .fold(1.0_f64, f64::max);
    let number = |value: f64| format_number(lang, value, 1);
    let height = 50 + ROW_HEIGHT * spans.len().max(1) as u32;
    let mut links: Vec<RowLink> = Vec::new();
    let svg = draw(id, height, |root| {
        let mut chart = row_chart(root, 0.0..(top * 1.2), spans.len(), 0)?;
        let labels: Vec<String> = spans.iter().map(|s| s.label.clone()).collect();
        row_mesh(&mut chart, &labels, 8, &|value| number(*value))?;
        for (index, span) in spans.iter().rev().enumerate() {
            let (upper, lower) = band_span(&chart, index);
            links.push((span.href.clone(), upper, lower));
            let (least, most) = match (span.least, span.most) {
                (None, None) => {
                    chart.draw_series(std::iter::once(label(
                        t(lang, "chart-no-data"),
                        (top * 0.01, SegmentValue::CenterOf(index)),
                        12,
                    )))?;
                    continue;
                }
                (least, most) => {
                    let least = least.or(most).unwrap_or_default();
                    (least, most.unwrap_or(least))
                }
            };
            // A single value still shows: at least a hundredth of the axis wide.
            let right = most.max(least + top * 0.01);
            chart.draw_series(std::iter::once(inset(
                [
                    (least, SegmentValue::Exact(index)),
                    (right, SegmentValue::Exact(index + 1)),
                ],
                RANGE,
                (8, 8, 0, 0),
            )))?;
            chart.draw_series(std::iter::once(label(
                words(span, lang),
                (right + top * 0.01, SegmentValue::CenterOf(index)),
                12,
            )))?;
        }
        Ok(())
    });
    let dash = || "—".to_owned();
    let table = DataTable {
        headers: vec![String::new(), t(lang, "chart-least"), t(lang, "chart-most")],
        rows: spans
            .iter()
            .map(|s| {
                vec![
                    s.name.clone(),
                    s.least.map_or_else(dash, number),
                    s.most.map_or_else(dash, number),
                ]
            })
            .collect(),
        links: spans.iter().map(|s| s.href.clone()).collect(),
    };
    with_row_links(finish(id, title, description, svg, table), &links)
}

/// A range in words, as written at its end: `3–8`, or one value.
fn words(span: &Span, lang: Lang) -> String {
    let number = |value: f64| format_number(lang, value, 1);
    match (span.least, span.most) {
        (Some(least), Some(most)) if least != most => format!("{}–{}", number(least), number(most)),
        (Some(value), _) | (None, Some(value)) => number(value),
        (None, None) => String::new(),
    }
}
