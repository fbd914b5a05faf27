//! The report as PDF, typeset by typst used as a library: the layout (`report.typ`) reads the
//! report's blocks from a JSON file and its charts from SVG files, all held in memory; the fonts are
//! typst's own, embedded in the binary. Nothing is read from the disk or the network, and the same
//! report gives the same bytes.

use std::collections::HashMap;
use std::sync::LazyLock;

use typst::diag::{FileError, FileResult, SourceDiagnostic, Warned};
use typst::foundations::{Bytes, Datetime, Duration, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, Timestamp};

use super::document::ReportDocument;
use crate::dashboards::types::Chart;

const LAYOUT: &str = include_str!("report.typ");

struct Fonts {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

/// Read once per process: about 9 MB of fonts.
static FONTS: LazyLock<Fonts> = LazyLock::new(|| {
    let fonts: Vec<Font> = typst_assets::fonts()
        .flat_map(|data| Font::iter(Bytes::new(data)))
        .collect();
    Fonts {
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
    }
});

static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

/// Why a PDF could not be made: typst's own messages, for the server log.
#[derive(Debug, thiserror::Error)]
#[error("the report could not be typeset: {0}")]
pub struct TypesetError(String);

fn file_id(path: &str) -> Result<FileId, TypesetError> {
    let path =
        VirtualPath::new(path).map_err(|error| TypesetError(format!("{path}: {error:?}")))?;
    Ok(RootedPath::new(VirtualRoot::Project, path).intern())
}

/// The report's files, in memory.
struct ReportWorld {
    main: Source,
    files: HashMap<FileId, Bytes>,
    today: Datetime,
}

impl World for ReportWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::NotFound(id.vpath().get_with_slash().into()))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.files
            .get(&id)
            .cloned()
            .ok_or_else(|| FileError::NotFound(id.vpath().get_with_slash().into()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}

fn messages(diagnostics: &[SourceDiagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| d.message.to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

/// The PDF of `document` with its `charts`, dated by the report's data day `(year, month, day)`.
/// The document is let go of once written out for the layout, and typst's memos of the layout
/// before the PDF is written from it: with `render` letting go of the report, the PDF's highest
/// memory at the scale of docs/performance.md was 200 MB lower.
pub fn pdf(
    document: ReportDocument,
    charts: &[Chart],
    data_day: (i32, u8, u8),
) -> Result<Vec<u8>, TypesetError> {
    let today = Datetime::from_ymd(data_day.0, data_day.1, data_day.2)
        .ok_or_else(|| TypesetError(format!("{data_day:?} is not a day")))?;
    let ident = format!("enlace-report-{}-{}", data_day.0, document.language.code());
    let json = serde_json::to_vec(&document).map_err(|error| TypesetError(error.to_string()))?;
    drop(document);
    let mut files = HashMap::from([(file_id("/report.json")?, Bytes::new(json))]);
    for (index, chart) in charts.iter().enumerate() {
        files.insert(
            file_id(&format!("/chart-{index}.svg"))?,
            Bytes::new(chart.svg.clone().into_bytes()),
        );
    }
    let world = ReportWorld {
        main: Source::new(file_id("/report.typ")?, LAYOUT.to_owned()),
        files,
        today,
    };
    let Warned { output, warnings } = typst::compile::<PagedDocument>(&world);
    // typst memoises across compilations, and a report's memos are of no use to the PDF written
    // from the layout, nor to the next report, another document. (The memos are the process's: a
    // report typeset meanwhile loses its own and computes them again, slower but the same.)
    typst::comemo::evict(0);
    if !warnings.is_empty() {
        tracing::warn!(warnings = messages(&warnings), "typesetting the report");
    }
    let typeset = output.map_err(|errors| TypesetError(messages(&errors)))?;
    let options = PdfOptions {
        ident: Smart::Custom(ident),
        timestamp: Some(Timestamp::new_utc(today)),
        ..PdfOptions::default()
    };
    let bytes =
        typst_pdf::pdf(&typeset, &options).map_err(|errors| TypesetError(messages(&errors)))?;
    typst::comemo::evict(0);
    Ok(bytes)
}
