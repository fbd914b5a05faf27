//! The report as a Word document the secretariat can still edit: the same blocks as the PDF, with
//! Word's own heading styles (so that the navigation pane and a table of contents work), real
//! tables with a shaded header row, and the charts as images (the same SVG, rasterised). The same
//! report gives the same bytes: the document is dated by its data, and its images are numbered
//! within it.

use std::io::Cursor;
use std::sync::{Arc, LazyLock};

use docx_rs::{
    AlignmentType, BreakType, Docx, Paragraph, Pic, Run, RunFonts, Shading, Style, StyleType,
    Table, TableCell, TableRow, WidthType,
};
use resvg::{tiny_skia, usvg};

use super::document::{Block, Cover, ReportDocument};
use crate::dashboards::types::Chart;

/// Why a Word document could not be made, for the server log.
#[derive(Debug, thiserror::Error)]
#[error("the Word document could not be written: {0}")]
pub struct DocxError(String);

/// The fonts the charts are drawn with: typst's, as in the PDF.
static CHART_FONTS: LazyLock<Arc<usvg::fontdb::Database>> = LazyLock::new(|| {
    let mut fonts = usvg::fontdb::Database::new();
    for data in typst_assets::fonts() {
        fonts.load_font_data(data.to_vec());
    }
    fonts.set_sans_serif_family("Libertinus Serif");
    fonts.set_serif_family("Libertinus Serif");
    Arc::new(fonts)
});

/// How many pixels the charts are rasterised at per SVG unit, for sharp printing.
const SCALE: f32 = 2.0;
/// A chart's width on the page: 16 cm, in EMU.
const CHART_WIDTH_EMU: u32 = 16 * 360_000;

/// A chart's SVG as PNG, with its width and height in pixels.
fn png(svg: &str) -> Result<(Vec<u8>, u32, u32), DocxError> {
    let options = usvg::Options {
        fontdb: CHART_FONTS.clone(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).map_err(|error| DocxError(error.to_string()))?;
    let size = tree.size();
    let (width, height) = (
        (size.width() * SCALE).ceil() as u32,
        (size.height() * SCALE).ceil() as u32,
    );
    let mut pixmap = tiny_skia::Pixmap::new(width, height)
        .ok_or_else(|| DocxError("a chart without size".to_owned()))?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(SCALE, SCALE),
        &mut pixmap.as_mut(),
    );
    let png = pixmap
        .encode_png()
        .map_err(|error| DocxError(error.to_string()))?;
    Ok((png, width, height))
}

/// Word's built-in heading styles ("heading 1" …), which Word and LibreOffice recognise.
fn heading_style(level: usize, half_points: usize) -> Style {
    Style::new(format!("Heading{level}"), StyleType::Paragraph)
        .name(format!("heading {level}"))
        .based_on("Normal")
        .next("Normal")
        .q_format(true)
        .outline_lvl(level - 1)
        .bold()
        .size(half_points)
}

fn text(words: &str) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(words))
}

fn styled(style: &str, words: &str) -> Paragraph {
    text(words).style(style)
}

fn table(headers: &[String], rows: &[Vec<String>]) -> Table {
    let cell = |words: &str, header: bool| {
        let run = Run::new().add_text(words).size(18);
        let run = if header { run.bold() } else { run };
        let cell = TableCell::new().add_paragraph(Paragraph::new().add_run(run));
        if header {
            cell.shading(Shading::new().fill("D9DDE1"))
        } else {
            cell
        }
    };
    let mut all = vec![TableRow::new(
        headers.iter().map(|h| cell(h, true)).collect(),
    )];
    all.extend(
        rows.iter()
            .map(|row| TableRow::new(row.iter().map(|c| cell(c, false)).collect())),
    );
    Table::new(all).width(5000, WidthType::Pct)
}

/// The Word document of `document` with its `charts`, dated `day` (`YYYY-MM-DD`).
pub fn docx(document: &ReportDocument, charts: &[Chart], day: &str) -> Result<Vec<u8>, DocxError> {
    let mut word = with_cover(blank(&format!("{day}T00:00:00Z")), &document.cover);
    let mut images = 0;
    for block in &document.blocks {
        word = match block {
            Block::Heading { level, text } => {
                word.add_paragraph(styled(&format!("Heading{}", level.clamp(&1, &3)), text))
            }
            Block::Paragraph { text: words } => word.add_paragraph(text(words)),
            Block::List { items } => items.iter().fold(word, |word, item| {
                word.add_paragraph(text(&format!("• {item}")).indent(Some(360), None, None, None))
            }),
            Block::Quote { text } => word.add_paragraph(styled("Quote", text)),
            Block::Table {
                caption,
                headers,
                rows,
            } => word
                .add_paragraph(styled("Caption", caption))
                .add_table(table(headers, rows)),
            Block::Chart { index, caption } => {
                let Some(chart) = charts.get(*index) else {
                    continue;
                };
                images += 1;
                word.add_paragraph(chart_paragraph(&chart.svg, images)?)
                    .add_paragraph(styled("Caption", caption))
            }
        };
    }
    let mut bytes = Vec::new();
    word.build()
        .pack(Cursor::new(&mut bytes))
        .map_err(|error| DocxError(error.to_string()))?;
    Ok(bytes)
}

/// An empty document with the report's font and styles, created and updated at `stamp`.
fn blank(stamp: &str) -> Docx {
    Docx::new()
        .default_fonts(
            RunFonts::new()
                .ascii("Libertinus Serif")
                .hi_ansi("Libertinus Serif"),
        )
        .default_size(21)
        .add_style(heading_style(1, 32))
        .add_style(heading_style(2, 26))
        .add_style(heading_style(3, 22))
        .add_style(
            Style::new("Title", StyleType::Paragraph)
                .name("Title")
                .based_on("Normal")
                .q_format(true)
                .bold()
                .size(48),
        )
        .add_style(
            Style::new("Caption", StyleType::Paragraph)
                .name("caption")
                .based_on("Normal")
                .q_format(true)
                .italic()
                .size(18),
        )
        .add_style(
            Style::new("Quote", StyleType::Paragraph)
                .name("Quote")
                .based_on("Normal")
                .q_format(true)
                .italic()
                .indent(Some(720), None, Some(720), None),
        )
        .created_at(stamp)
        .updated_at(stamp)
}

/// `word` with the cover (plan, title and data date, centred) on a page of its own.
fn with_cover(word: Docx, cover: &Cover) -> Docx {
    word.add_paragraph(text(&cover.plan).align(AlignmentType::Center))
        .add_paragraph(styled("Title", &cover.title).align(AlignmentType::Center))
        .add_paragraph(
            text(&cover.data_date)
                .align(AlignmentType::Center)
                .add_run(Run::new().add_break(BreakType::Page)),
        )
}

/// A paragraph with the chart `svg` as the document's image `number`, as wide as `CHART_WIDTH_EMU`
/// and as tall as its proportions make it.
fn chart_paragraph(svg: &str, number: usize) -> Result<Paragraph, DocxError> {
    let (image, width, height) = png(svg)?;
    let picture = Pic::new_with_dimensions(image, width, height)
        .id(format!("rIdImage{number}"))
        .size(
            CHART_WIDTH_EMU,
            (u64::from(CHART_WIDTH_EMU) * u64::from(height) / u64::from(width)) as u32,
        );
    Ok(Paragraph::new().add_run(Run::new().add_image(picture)))
}
