//! What every chart shares: the canvas (an SVG document the width of the page's column, on white)
//! and its error handling, the category axis of rows or columns, the mesh of the bar charts, the
//! colours, the links over rows and areas, and the accessible name and description.

use plotters::coord::ranged1d::{
    AsRangedCoord, KeyPointHint, NoDefaultFormatting, SegmentValue, SegmentedCoord, ValueFormatter,
};
use plotters::coord::types::RangedCoordusize;
use plotters::coord::Shift;
use plotters::prelude::*;

use crate::dashboards::types::{Chart, DataTable};
use crate::domain::Status;
use crate::i18n::{format_percent, Lang};
use crate::markup::escape;
use crate::progress::ScheduleStatus;

pub const WIDTH: u32 = 760;
pub const ROW_HEIGHT: u32 = 34;
pub const FONT: &str = "sans-serif";
pub const INK: RGBColor = RGBColor(0x1f, 0x27, 0x2e);
pub const GRID: RGBColor = RGBColor(0xd9, 0xdd, 0xe1);

/// The whole drawing of a chart.
pub type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;

/// What can go wrong while drawing into the SVG string (nothing, in practice: it is all in memory).
pub type DrawError = DrawingAreaErrorKind<std::io::Error>;

/// Draws the chart `id` on a white canvas `height` pixels high and returns its SVG. Should a step
/// fail, the chart keeps what was drawn before it and the failure is logged with the chart's id: a
/// chart short of a mark is better than a page short of a chart.
pub fn draw(id: &str, height: u32, paint: impl FnOnce(&Area) -> Result<(), DrawError>) -> String {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        let drawn = root
            .fill(&WHITE)
            .and_then(|()| paint(&root))
            .and_then(|()| root.present());
        if let Err(error) = drawn {
            tracing::error!(chart = id, %error, "a chart could not be drawn in full");
        }
    }
    svg
}

/// The chart area of the bar charts: labelled rows down the left, the first at the top, against
/// the values of `x` along the bottom; `bottom` pixels are left under it for a legend.
pub fn row_chart<'a, 'b, X: AsRangedCoord>(
    root: &'a DrawingArea<SVGBackend<'b>, Shift>,
    x: X,
    rows: usize,
    bottom: u32,
) -> Result<ChartContext<'a, SVGBackend<'b>, Cartesian2d<X::CoordDescType, Bands>>, DrawError> {
    ChartBuilder::on(root)
        .margin(8)
        .margin_right(28)
        .margin_bottom(8 + bottom)
        .x_label_area_size(26)
        .y_label_area_size(170)
        .build_cartesian_2d(x, Bands::new(rows))
}

/// The mesh of a bar chart: vertical grid lines at `x_labels` values written by `x_label`, and the
/// rows' `labels` (first at the top) beside them.
pub fn row_mesh<X>(
    chart: &mut ChartContext<'_, SVGBackend<'_>, Cartesian2d<X, Bands>>,
    labels: &[String],
    x_labels: usize,
    x_label: &dyn Fn(&X::ValueType) -> String,
) -> Result<(), DrawError>
where
    X: Ranged + ValueFormatter<X::ValueType>,
{
    // The chart's rows count from the bottom: the first row is the last band.
    let from_top = |value: &SegmentValue<usize>| match value {
        SegmentValue::CenterOf(index) => labels
            .len()
            .checked_sub(index + 1)
            .and_then(|row| labels.get(row))
            .cloned()
            .unwrap_or_default(),
        _ => String::new(),
    };
    chart
        .configure_mesh()
        .disable_y_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(GRID)
        .x_labels(x_labels)
        .x_label_formatter(x_label)
        .y_labels(labels.len().max(1))
        .y_label_formatter(&from_top)
        .label_style((FONT, 13).into_font().color(&INK))
        .draw()
}

/// `count` equal bands of a category axis, one per row or column: `Exact(i)` is where band `i`
/// starts (`Exact(count)` where the last ends) and `CenterOf(i)` its middle. Beyond one band this is
/// plotters' segmented axis; plotters maps a single-valued range to a point (every bar of a one-row
/// chart would have no height), so one band is the whole axis.
#[derive(Clone)]
pub struct Bands {
    count: usize,
    segments: SegmentedCoord<RangedCoordusize>,
}

impl Bands {
    pub fn new(count: usize) -> Self {
        let count = count.max(1);
        // plotters segments a range including its end, so `0..count - 1` gives `count` bands.
        Bands {
            count,
            segments: (0..count - 1).into_segmented(),
        }
    }
}

impl Ranged for Bands {
    type FormatOption = NoDefaultFormatting;
    type ValueType = SegmentValue<usize>;

    fn map(&self, value: &Self::ValueType, limit: (i32, i32)) -> i32 {
        if self.count > 1 {
            return self.segments.map(value, limit);
        }
        match value {
            SegmentValue::Exact(0) => limit.0,
            SegmentValue::Exact(_) | SegmentValue::Last => limit.1,
            SegmentValue::CenterOf(_) => (limit.0 + limit.1) / 2,
        }
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<Self::ValueType> {
        if self.count > 1 {
            self.segments.key_points(hint)
        } else {
            vec![SegmentValue::CenterOf(0)]
        }
    }

    fn range(&self) -> std::ops::Range<Self::ValueType> {
        SegmentValue::Exact(0)..SegmentValue::Exact(self.count - 1)
    }
}

/// The bands are labelled by the charts' own formatters (`row_mesh`, the heatmap's).
impl ValueFormatter<SegmentValue<usize>> for Bands {}

pub fn schedule_colour(status: ScheduleStatus) -> RGBColor {
    match status {
        ScheduleStatus::OnTrack => RGBColor(0x00, 0x9e, 0x73),
        ScheduleStatus::NeedsAcceleration => RGBColor(0xe6, 0x9f, 0x00),
        ScheduleStatus::OffTrack => RGBColor(0xd5, 0x5e, 0x00),
    }
}

pub fn status_colour(status: Status) -> RGBColor {
    match status {
        Status::NotStarted => RGBColor(0x8a, 0x93, 0x9c),
        Status::InProgress => RGBColor(0x00, 0x72, 0xb2),
        Status::Completed => RGBColor(0x00, 0x9e, 0x73),
        Status::Suspended => RGBColor(0xe6, 0x9f, 0x00),
        Status::Cancelled => RGBColor(0xcc, 0x79, 0xa7),
        Status::NotApplicable => RGBColor(0xd9, 0xdd, 0xe1),
    }
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

/// Five bands of one blue for shares from 0 to 1, and the text colour readable on each.
pub fn share_colours(share: f64) -> (RGBColor, RGBColor) {
    let white = RGBColor(0xff, 0xff, 0xff);
    match share {
        s if s >= 0.8 => (RGBColor(0x00, 0x4f, 0x80), white),
        s if s >= 0.6 => (RGBColor(0x00, 0x72, 0xb2), white),
        s if s >= 0.4 => (RGBColor(0x5a, 0xa3, 0xd1), INK),
        s if s >= 0.2 => (RGBColor(0xa9, 0xcf, 0xe8), INK),
        _ => (RGBColor(0xe4, 0xf0, 0xf8), INK),
    }
}

/// A row of a chart that leads somewhere: its link and its pixel rows (top, bottom).
pub type RowLink = (Option<String>, i32, i32);

/// Makes each row of a chart a link: a transparent rectangle over the row's band, from the left
/// edge to the right.
pub fn with_row_links(chart: Chart, rows: &[RowLink]) -> Chart {
    let areas: Vec<LinkedArea> = rows
        .iter()
        .map(|(href, top, bottom)| LinkedArea {
            href: href.clone(),
            top_left: (0, *top),
            bottom_right: (WIDTH as i32, *bottom),
        })
        .collect();
    with_links(chart, &areas)
}

/// An area of a chart that leads somewhere, in pixels.
pub struct LinkedArea {
    pub href: Option<String>,
    pub top_left: (i32, i32),
    pub bottom_right: (i32, i32),
}

/// Makes areas of a chart links for the pointer: transparent rectangles, from each area's top-left
/// corner to its bottom-right one, in a second drawing of the same size laid over the chart (CSS
/// `.chart__links`). The chart itself is an image, which may hold no links; the overlay is hidden
/// from screen readers and out of the keyboard's way, as the table under the chart links the same
/// places, by name.
pub fn with_links(chart: Chart, areas: &[LinkedArea]) -> Chart {
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
    let size = attribute(&chart.svg, "width").zip(attribute(&chart.svg, "height"));
    let pointer_links = match size {
        Some((width, height)) if !links.is_empty() => format!(
            "<svg class=\"chart__svg chart__links\" aria-hidden=\"true\" width=\"{width}\" \
             height=\"{height}\" viewBox=\"0 0 {width} {height}\">{links}</svg>"
        ),
        _ => String::new(),
    };
    Chart {
        pointer_links,
        ..chart
    }
}

/// The value of the first `name="…"` attribute of a drawing (its size, on its opening tag).
fn attribute<'a>(svg: &'a str, name: &str) -> Option<&'a str> {
    let start = svg.find(&format!(" {name}=\""))? + name.len() + 3;
    let end = svg[start..].find('"')?;
    Some(&svg[start..start + end])
}

/// The pixel rows (top, bottom) between two pixel positions, whichever way the axis runs.
pub fn span(a: (i32, i32), b: (i32, i32)) -> (i32, i32) {
    (a.1.min(b.1), a.1.max(b.1))
}

/// The pixel rows of band `index` of a bar chart.
pub fn band_span<X: Ranged<ValueType = f64>>(
    chart: &ChartContext<'_, SVGBackend<'_>, Cartesian2d<X, Bands>>,
    index: usize,
) -> (i32, i32) {
    span(
        chart.backend_coord(&(0.0, SegmentValue::Exact(index))),
        chart.backend_coord(&(0.0, SegmentValue::Exact(index + 1))),
    )
}

/// A filled rectangle between two corners, drawn `margins` pixels (top, bottom, left, right) inside
/// them, so that neighbouring bars and cells stand apart.
pub fn inset<C>(corners: [C; 2], colour: RGBColor, margins: (u32, u32, u32, u32)) -> Rectangle<C> {
    let mut rectangle = Rectangle::new(corners, colour.filled());
    rectangle.set_margin(margins.0, margins.1, margins.2, margins.3);
    rectangle
}

/// Text in the charts' ink, `size` pixels high.
pub fn label<C>(text: String, at: C, size: u32) -> Text<'static, C, String> {
    Text::new(text, at, (FONT, size).into_font().color(&INK))
}

/// A theme's code and name, cut to fit beside a chart (the table under it has the whole name).
pub fn short_label(code: &str, name: &str) -> String {
    const MOST: usize = 24;
    let label = format!("{code} {name}");
    if label.chars().count() <= MOST {
        label
    } else {
        let cut: String = label.chars().take(MOST - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

pub fn percent_or_dash(lang: Lang, share: Option<f64>) -> String {
    share.map_or_else(|| "—".to_owned(), |s| format_percent(lang, s))
}

/// Gives the SVG its accessible name and description, and lets it shrink with the page.
pub fn accessible(svg: String, id: &str, title: &str, description: &str) -> String {
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
pub fn finish(id: &str, title: &str, description: &str, svg: String, table: DataTable) -> Chart {
    Chart {
        id: id.to_owned(),
        title: title.to_owned(),
        description: description.to_owned(),
        svg: accessible(svg, id, title, description),
        pointer_links: String::new(),
        table,
    }
}
