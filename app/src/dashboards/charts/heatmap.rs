//! Countries × columns (themes, Protocol articles), each cell shaded by its share.

use plotters::coord::ranged1d::SegmentValue;
use plotters::prelude::*;

use super::canvas::{
    draw, finish, inset, percent_or_dash, share_colours, span, with_row_links, Bands, DrawError,
    RowLink, FONT, INK, ROW_HEIGHT,
};
use crate::dashboards::figures::{HeatRow, ThemeFigure};
use crate::dashboards::types::{Chart, DataTable};
use crate::i18n::Lang;

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
/// written in it; each row leads to `links[row]`.
pub fn heatmap(
    id: &str,
    title: &str,
    description: &str,
    columns: &[Column],
    rows: &[HeatRow],
    links: &[Option<String>],
    lang: Lang,
) -> Chart {
    let height = 60 + ROW_HEIGHT * rows.len().max(1) as u32;
    let mut row_links: Vec<RowLink> = Vec::new();
    let svg = draw(id, height, |root| {
        let mut chart = ChartBuilder::on(root)
            .margin(8)
            .margin_right(28)
            .x_label_area_size(26)
            .y_label_area_size(170)
            .build_cartesian_2d(Bands::new(columns.len()), Bands::new(rows.len()))?;
        draw_mesh(&mut chart, columns, rows, lang)?;
        for (band, row) in rows.iter().rev().enumerate() {
            let (top, bottom) = span(
                chart.backend_coord(&(SegmentValue::Exact(0), SegmentValue::Exact(band))),
                chart.backend_coord(&(SegmentValue::Exact(0), SegmentValue::Exact(band + 1))),
            );
            let link = links.get(rows.len() - 1 - band).cloned().flatten();
            row_links.push((link, top, bottom));
            for (column, cell) in row.cells.iter().enumerate() {
                draw_cell(&mut chart, column, band, *cell, lang)?;
            }
        }
        Ok(())
    });
    with_row_links(
        finish(
            id,
            title,
            description,
            svg,
            table(columns, rows, links, lang),
        ),
        &row_links,
    )
}

/// The heatmap's drawing: columns along the bottom, countries up the side, one band each.
type Grid<'a, 'b> = ChartContext<'a, SVGBackend<'b>, Cartesian2d<Bands, Bands>>;

/// The columns' labels under the heatmap and the countries' names beside it, without grid lines.
fn draw_mesh(
    chart: &mut Grid<'_, '_>,
    columns: &[Column],
    rows: &[HeatRow],
    lang: Lang,
) -> Result<(), DrawError> {
    let column_label = |value: &SegmentValue<usize>| match value {
        SegmentValue::CenterOf(index) => columns
            .get(*index)
            .map(|column| column.label.clone())
            .unwrap_or_default(),
        _ => String::new(),
    };
    // The chart's rows count from the bottom: the first country is the last band.
    let row_label = |value: &SegmentValue<usize>| match value {
        SegmentValue::CenterOf(index) => rows
            .len()
            .checked_sub(index + 1)
            .and_then(|row| rows.get(row))
            .map(|row| row.name.get(lang).to_owned())
            .unwrap_or_default(),
        _ => String::new(),
    };
    chart
        .configure_mesh()
        .disable_mesh()
        .x_labels(columns.len().max(1))
        .x_label_formatter(&column_label)
        .y_labels(rows.len().max(1))
        .y_label_formatter(&row_label)
        .label_style((FONT, 13).into_font().color(&INK))
        .draw()?;
    Ok(())
}

/// The cell of `column` in `band`: shaded by its share (grey without one), the share written in it.
fn draw_cell(
    chart: &mut Grid<'_, '_>,
    column: usize,
    band: usize,
    cell: Option<f64>,
    lang: Lang,
) -> Result<(), DrawError> {
    let (fill, ink) = match cell {
        Some(share) => share_colours(share),
        None => (RGBColor(0xf4, 0xf5, 0xf6), INK),
    };
    chart.draw_series(std::iter::once(inset(
        [
            (SegmentValue::Exact(column), SegmentValue::Exact(band)),
            (
                SegmentValue::Exact(column + 1),
                SegmentValue::Exact(band + 1),
            ),
        ],
        fill,
        (1, 1, 1, 1),
    )))?;
    chart.draw_series(std::iter::once(Text::new(
        percent_or_dash(lang, cell),
        (SegmentValue::CenterOf(column), SegmentValue::CenterOf(band)),
        (FONT, 12).into_font().color(&ink),
    )))?;
    Ok(())
}

/// The heatmap as a table: a row per country, a column per column, each row with its link.
fn table(columns: &[Column], rows: &[HeatRow], links: &[Option<String>], lang: Lang) -> DataTable {
    DataTable {
        headers: std::iter::once(String::new())
            .chain(columns.iter().map(|c| c.name.clone()))
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
    }
}
