//! Reading an uploaded file into sheets of cells, whatever its format, before any rule looks at
//! what the cells say: an Excel workbook (`.xlsx`, read with calamine) or a CSV file (UTF-8, its
//! fields separated by commas or, as Excel writes it in Spanish locales, semicolons). The format
//! is told by the content, never by the file's name. No I/O; every input, however malformed, gets
//! sheets or a `SheetError`.

use std::io::{Cursor, Read, Seek};

use calamine::{DataRef, Reader, Xlsx};
use chrono::NaiveDate;

/// The most rows a sheet may have below its header: a whole plan's statuses of 11 countries take
/// a few hundred.
pub const MAX_ROWS: usize = 10_000;
/// The most columns a sheet may have.
pub const MAX_COLUMNS: usize = 100;
/// The most a workbook's parts may weigh once unpacked: a template of `MAX_ROWS` rows is a few
/// megabytes; a small file that unpacks into gigabytes is refused before it is unpacked.
pub const MAX_UNPACKED_BYTES: u64 = 64 * 1024 * 1024;

/// What a cell holds, as the file stores it.
#[derive(Clone, Debug, PartialEq)]
pub enum CellValue {
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
    /// A cell Excel stores as a date (its time of day, if any, dropped).
    Date(NaiveDate),
    /// A cell whose value a formula computes: its formula, which is not read as a value.
    Formula(String),
    /// An Excel error such as `#DIV/0!`.
    Error(String),
}

impl CellValue {
    pub fn is_empty(&self) -> bool {
        match self {
            CellValue::Empty => true,
            CellValue::Text(text) => text.trim().is_empty(),
            _ => false,
        }
    }
}

/// A rectangle of merged cells, 0-based and inclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Merged {
    pub first_row: u32,
    pub first_column: u32,
    pub last_row: u32,
    pub last_column: u32,
}

/// One sheet: its name and its rows from the first (the header), each cut after its last cell.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Vec<CellValue>>,
    pub merged: Vec<Merged>,
}

impl Sheet {
    /// The cell at `row` and `column` (0-based), empty beyond the sheet's edge.
    pub fn cell(&self, row: usize, column: usize) -> &CellValue {
        self.rows
            .get(row)
            .and_then(|cells| cells.get(column))
            .unwrap_or(&CellValue::Empty)
    }
}

/// Why a file cannot be read as sheets.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SheetError {
    #[error("not a spreadsheet")]
    NotASpreadsheet,
    /// An older Excel format (`.xls`) or an OpenDocument sheet (`.ods`).
    #[error("a spreadsheet format that is not read")]
    OtherFormat,
    #[error("a CSV file that is not UTF-8")]
    NotUtf8,
    #[error("a workbook protected by a password")]
    Encrypted,
    #[error("a workbook that unpacks into more than {MAX_UNPACKED_BYTES} bytes")]
    TooLarge,
    #[error("a sheet with more than {MAX_ROWS} rows")]
    TooManyRows { sheet: String },
    #[error("a sheet with more than {MAX_COLUMNS} columns")]
    TooManyColumns { sheet: String },
    #[error("a damaged workbook: {0}")]
    Damaged(String),
}

/// The sheets of the file `bytes`, in the workbook's order (a CSV file is one sheet, named "CSV").
pub fn read(bytes: &[u8]) -> Result<Vec<Sheet>, SheetError> {
    const ZIP: &[u8] = b"PK\x03\x04";
    // An OLE compound file: the old `.xls` format, or a workbook encrypted with a password.
    const COMPOUND: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    if bytes.starts_with(ZIP) {
        // A workbook damaged in some ways makes calamine panic (an overflow on a sheet's dimension
        // such as `B1:A1`, found by the fuzzing in `fuzz`): that is a damaged workbook too.
        std::panic::catch_unwind(|| read_workbook(bytes)).unwrap_or_else(|_| {
            tracing::warn!("a workbook made its reader panic");
            Err(SheetError::Damaged("the reader stopped".to_owned()))
        })
    } else if bytes.starts_with(COMPOUND) {
        if contains(bytes, &utf16("EncryptedPackage")) {
            Err(SheetError::Encrypted)
        } else {
            Err(SheetError::OtherFormat)
        }
    } else {
        read_csv(bytes)
    }
}

fn utf16(text: &str) -> Vec<u8> {
    text.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

fn read_workbook(bytes: &[u8]) -> Result<Vec<Sheet>, SheetError> {
    check_unpacked_size(Cursor::new(bytes))?;
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|error| match error {
        calamine::XlsxError::Zip(_) => SheetError::NotASpreadsheet,
        // An OpenDocument sheet is a zip too, without a workbook part.
        calamine::XlsxError::FileNotFound(_) => SheetError::OtherFormat,
        other => SheetError::Damaged(other.to_string()),
    })?;
    let damaged = |error: calamine::XlsxError| SheetError::Damaged(error.to_string());
    let mut sheets = Vec::new();
    for name in workbook.sheet_names() {
        // Cell by cell, so that a cell far away is refused before anything is made for the cells
        // between (a whole range from A1 to XFD1048576 would not fit in memory).
        let mut rows = Vec::new();
        let mut reader = match workbook.worksheet_cells_reader(&name) {
            Ok(reader) => reader,
            // A chart sheet has no cells.
            Err(calamine::XlsxError::NotAWorksheet(_)) => continue,
            Err(error) => return Err(damaged(error)),
        };
        while let Some(cell) = reader.next_cell().map_err(damaged)? {
            let value = cell_value(cell.get_value());
            place(&mut rows, cell.get_position(), value, &name)?;
        }
        drop(reader);
        let mut reader = workbook.worksheet_cells_reader(&name).map_err(damaged)?;
        while let Some(cell) = reader.next_formula().map_err(damaged)? {
            if !cell.get_value().is_empty() {
                let formula = CellValue::Formula(cell.get_value().clone());
                place(&mut rows, cell.get_position(), formula, &name)?;
            }
        }
        drop(reader);
        let merged = workbook
            .merge_cells_by_sheet_name(&name)
            .map_err(damaged)?
            .into_iter()
            .map(|region| Merged {
                first_row: region.start.0,
                first_column: region.start.1,
                last_row: region.end.0,
                last_column: region.end.1,
            })
            .collect();
        sheets.push(Sheet { name, rows, merged });
    }
    Ok(sheets)
}

/// Puts `value` at `(row, column)` of `rows`, refusing a cell beyond `MAX_ROWS` below the header
/// or `MAX_COLUMNS`; an empty cell takes no room.
fn place(
    rows: &mut Vec<Vec<CellValue>>,
    (row, column): (u32, u32),
    value: CellValue,
    sheet: &str,
) -> Result<(), SheetError> {
    if value == CellValue::Empty {
        return Ok(());
    }
    let (row, column) = (row as usize, column as usize);
    if row > MAX_ROWS {
        return Err(SheetError::TooManyRows {
            sheet: sheet.to_owned(),
        });
    }
    if column >= MAX_COLUMNS {
        return Err(SheetError::TooManyColumns {
            sheet: sheet.to_owned(),
        });
    }
    if rows.len() <= row {
        rows.resize(row + 1, Vec::new());
    }
    let cells = &mut rows[row];
    if cells.len() <= column {
        cells.resize(column + 1, CellValue::Empty);
    }
    cells[column] = value;
    Ok(())
}

/// Refuses a zip whose parts, as its directory declares them, unpack into more than
/// `MAX_UNPACKED_BYTES` (the reader never unpacks a part beyond its declared size).
fn check_unpacked_size(reader: impl Read + Seek) -> Result<(), SheetError> {
    let mut archive = zip::ZipArchive::new(reader).map_err(|_| SheetError::NotASpreadsheet)?;
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        let part = archive
            .by_index_raw(index)
            .map_err(|_| SheetError::NotASpreadsheet)?;
        if part.encrypted() {
            return Err(SheetError::Encrypted);
        }
        total = total.saturating_add(part.size());
    }
    if total > MAX_UNPACKED_BYTES {
        return Err(SheetError::TooLarge);
    }
    Ok(())
}

fn cell_value(data: &DataRef) -> CellValue {
    match data {
        DataRef::Empty => CellValue::Empty,
        DataRef::String(text) => CellValue::Text(text.clone()),
        DataRef::SharedString(text) => CellValue::Text((*text).to_owned()),
        DataRef::Float(number) => CellValue::Number(*number),
        DataRef::Int(number) => CellValue::Number(*number as f64),
        DataRef::Bool(value) => CellValue::Bool(*value),
        DataRef::DateTime(moment) => match moment.as_datetime() {
            Some(day) if moment.is_datetime() => CellValue::Date(day.date()),
            _ => CellValue::Number(moment.as_f64()),
        },
        DataRef::DateTimeIso(text) => text
            .get(..10)
            .and_then(|day| day.parse().ok())
            .map_or_else(|| CellValue::Text(text.clone()), CellValue::Date),
        DataRef::DurationIso(text) => CellValue::Text(text.clone()),
        DataRef::Error(error) => CellValue::Error(error.to_string()),
    }
}

/// A CSV file as one sheet: UTF-8 (a byte-order mark dropped), fields separated by whichever of
/// `,` and `;` its header uses more, every field text.
fn read_csv(bytes: &[u8]) -> Result<Vec<Sheet>, SheetError> {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    if bytes.contains(&0) {
        return Err(SheetError::NotASpreadsheet);
    }
    let text = std::str::from_utf8(bytes).map_err(|_| SheetError::NotUtf8)?;
    if text.trim().is_empty() {
        return Err(SheetError::NotASpreadsheet);
    }
    let header = text.lines().next().unwrap_or_default();
    let delimiter = if header.matches(';').count() > header.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|error| SheetError::Damaged(error.to_string()))?;
        if rows.len() > MAX_ROWS {
            return Err(SheetError::TooManyRows {
                sheet: "CSV".to_owned(),
            });
        }
        if record.len() > MAX_COLUMNS {
            return Err(SheetError::TooManyColumns {
                sheet: "CSV".to_owned(),
            });
        }
        rows.push(
            record
                .iter()
                .map(|field| {
                    if field.is_empty() {
                        CellValue::Empty
                    } else {
                        CellValue::Text(field.to_owned())
                    }
                })
                .collect(),
        );
    }
    Ok(vec![Sheet {
        name: "CSV".to_owned(),
        rows,
        merged: Vec::new(),
    }])
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};

    fn workbook() -> Vec<u8> {
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        sheet.set_name("Values").unwrap();
        sheet.write(0, 0, "Code").unwrap();
        sheet.write(0, 1, "Value").unwrap();
        sheet.write(1, 0, "ENF-01").unwrap();
        sheet.write(1, 1, 12).unwrap();
        sheet
            .write_formula(2, 1, Formula::new("=B2*2").set_result("24"))
            .unwrap();
        let date = Format::new().set_num_format("yyyy-mm-dd");
        sheet
            .write_datetime_with_format(3, 1, ExcelDateTime::from_ymd(2026, 3, 31).unwrap(), &date)
            .unwrap();
        sheet
            .merge_range(4, 0, 5, 1, "merged", &Format::new())
            .unwrap();
        book.save_to_buffer().unwrap()
    }

    #[test]
    fn a_workbook_reads_as_its_cells_with_formulas_dates_and_merged_cells() {
        let sheets = read(&workbook()).unwrap();
        assert_eq!(sheets.len(), 1);
        let sheet = &sheets[0];
        assert_eq!(sheet.name, "Values");
        assert_eq!(sheet.cell(0, 0), &CellValue::Text("Code".into()));
        assert_eq!(sheet.cell(1, 1), &CellValue::Number(12.0));
        assert_eq!(sheet.cell(2, 1), &CellValue::Formula("B2*2".into()));
        assert_eq!(
            sheet.cell(3, 1),
            &CellValue::Date(NaiveDate::from_ymd_opt(2026, 3, 31).unwrap())
        );
        assert_eq!(
            sheet.merged,
            [Merged {
                first_row: 4,
                first_column: 0,
                last_row: 5,
                last_column: 1
            }]
        );
        assert_eq!(sheet.cell(40, 40), &CellValue::Empty);
    }

    #[test]
    fn a_cell_far_beyond_the_limits_is_refused_before_the_cells_between_are_made() {
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write(0, 0, "indicator").unwrap();
        sheet.write(1_048_575, 16_383, "far").unwrap();
        let bytes = book.save_to_buffer().unwrap();
        assert!(matches!(read(&bytes), Err(SheetError::TooManyRows { .. })));
        let mut book = Workbook::new();
        book.add_worksheet().write(3, 16_383, "wide").unwrap();
        let bytes = book.save_to_buffer().unwrap();
        assert!(matches!(
            read(&bytes),
            Err(SheetError::TooManyColumns { .. })
        ));
    }

    #[test]
    fn csv_is_read_with_commas_or_semicolons_and_a_byte_order_mark() {
        let comma = read(b"code,value\nENF-01,12\n").unwrap();
        assert_eq!(comma[0].cell(1, 1), &CellValue::Text("12".into()));
        let semicolon = read("\u{feff}código;valor\nENF-01;12,5\n".as_bytes()).unwrap();
        assert_eq!(semicolon[0].cell(0, 0), &CellValue::Text("código".into()));
        assert_eq!(semicolon[0].cell(1, 1), &CellValue::Text("12,5".into()));
    }

    #[test]
    fn what_is_not_a_readable_spreadsheet_says_why() {
        assert_eq!(read(b""), Err(SheetError::NotASpreadsheet));
        assert_eq!(read(b"%PDF-1.7\n\0\x01"), Err(SheetError::NotASpreadsheet));
        assert_eq!(read(b"c\xf3digo;valor\n"), Err(SheetError::NotUtf8));
        assert_eq!(read(b"PK\x03\x04broken"), Err(SheetError::NotASpreadsheet));
        let xls = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];
        assert_eq!(read(&xls), Err(SheetError::OtherFormat));
        let too_many: String = "a\n".repeat(MAX_ROWS + 2);
        assert!(matches!(
            read(too_many.as_bytes()),
            Err(SheetError::TooManyRows { .. })
        ));
        let just_enough: String = "a\n".repeat(MAX_ROWS + 1);
        assert_eq!(
            read(just_enough.as_bytes()).unwrap()[0].rows.len(),
            MAX_ROWS + 1
        );
    }

    #[test]
    fn a_sheet_whose_dimension_runs_backwards_is_a_damaged_workbook() {
        let parts = fuzz::unpacked(&workbook());
        let parts: Vec<(String, Vec<u8>)> = parts
            .into_iter()
            .map(|(name, content)| {
                let text = String::from_utf8(content).unwrap();
                let text = text.replace("<dimension ref=\"A1:B6\"/>", "<dimension ref=\"B9:A1\"/>");
                (name, text.into_bytes())
            })
            .collect();
        let damaged = fuzz::packed(&parts);
        assert!(
            parts
                .iter()
                .any(|(_, content)| String::from_utf8_lossy(content).contains("B9:A1")),
            "the dimension was replaced"
        );
        // Built with overflow checks (as tests are), calamine panics on it: the reader says why.
        assert!(
            matches!(read(&damaged), Err(SheetError::Damaged(_))),
            "{:?}",
            read(&damaged)
        );
    }

    #[test]
    fn a_workbook_that_unpacks_into_too_much_is_refused_before_it_is_read() {
        use std::io::Write;
        let mut packed = Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut packed);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("xl/worksheets/sheet1.xml", options).unwrap();
        let zeros = vec![b' '; 1024 * 1024];
        for _ in 0..=MAX_UNPACKED_BYTES / (1024 * 1024) {
            zip.write_all(&zeros).unwrap();
        }
        zip.finish().unwrap();
        let bytes = packed.into_inner();
        assert!(bytes.len() < 1024 * 1024, "{} bytes packed", bytes.len());
        assert_eq!(read(&bytes), Err(SheetError::TooLarge));
    }
}

/// The readers fuzzed: arbitrary bytes, CSV text of separators, quotes and line breaks, and real
/// templates mutated both as bytes and inside their unpacked XML, each read as sheets and then as
/// the rows of both kinds of import; none may panic. `ENLACE_FUZZ_CASES` sets how many inputs each
/// strategy tries (1,000 by default; `docs/fuzzing.md` records the long runs).
#[cfg(test)]
mod fuzz {
    use std::io::{Read, Write};

    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};

    use super::*;
    use crate::imports::rules::read_rows;
    use crate::imports::types::{
        ImportKind, StatusesTemplate, TemplateAction, TemplateCountry, TemplateMilestone,
    };

    fn cases() -> u32 {
        std::env::var("ENLACE_FUZZ_CASES")
            .ok()
            .and_then(|cases| cases.parse().ok())
            .unwrap_or(1_000)
    }

    fn runner() -> TestRunner {
        TestRunner::new(Config {
            cases: cases(),
            failure_persistence: None,
            ..Config::default()
        })
    }

    /// Reads `bytes` as an upload is read: sheets, then rows of each kind.
    fn read_all(bytes: &[u8]) {
        if let Ok(sheets) = read(bytes) {
            read_rows(ImportKind::Values, &sheets);
            read_rows(ImportKind::Statuses, &sheets);
        }
    }

    /// A statuses template of two countries, as the secretariat downloads it.
    fn statuses_template() -> Vec<u8> {
        let day = |d| NaiveDate::from_ymd_opt(2026, 3, d).unwrap();
        let action = |code: &str, version| TemplateAction {
            theme: "1".into(),
            code: code.into(),
            title: crate::domain::Bilingual::new("Train officers", "Capacitar funcionarios"),
            status: crate::domain::Status::InProgress,
            narrative_en: "Two courses =SUM(A1) \"quoted\"".into(),
            narrative_es: "Dos cursos; ñandú".into(),
            version,
            updated_on: Some(day(2)),
            milestones: vec![TemplateMilestone {
                code: "M1".into(),
                title: crate::domain::Bilingual::new("Course", "Curso"),
                due_on: day(31),
                achieved_on: (version > 0).then(|| day(15)),
                note: "Decree 12".into(),
            }],
        };
        let country = |iso2: &str| TemplateCountry {
            iso2: iso2.into(),
            name: crate::domain::Bilingual::new(iso2, iso2),
            actions: vec![action("1.1", 0), action("1.2", 3)],
        };
        let template = StatusesTemplate {
            countries: vec![country("CR"), country("MX")],
        };
        crate::imports::templates::statuses_template(&template, crate::i18n::Lang::Es).unwrap()
    }

    /// The parts of a zip, unpacked.
    pub(super) fn unpacked(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        (0..archive.len())
            .map(|index| {
                let mut part = archive.by_index(index).unwrap();
                let mut content = Vec::new();
                part.read_to_end(&mut content).unwrap();
                (part.name().unwrap().to_string(), content)
            })
            .collect()
    }

    pub(super) fn packed(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        for (name, content) in parts {
            zip.start_file(name.as_str(), options).unwrap();
            zip.write_all(content).unwrap();
        }
        zip.finish().unwrap();
        out.into_inner()
    }

    /// Edits of a byte string: (where, as a share of its length; what: 0 flips, 1 inserts, 2
    /// deletes a run, 3 cuts the rest; the byte).
    fn edits() -> impl Strategy<Value = Vec<(f64, u8, u8)>> {
        proptest::collection::vec((0.0..1.0f64, 0u8..4, any::<u8>()), 1..6)
    }

    fn edited(mut bytes: Vec<u8>, edits: &[(f64, u8, u8)]) -> Vec<u8> {
        for (at, what, byte) in edits {
            if bytes.is_empty() {
                break;
            }
            let at = ((bytes.len() - 1) as f64 * at) as usize;
            match what {
                0 => bytes[at] ^= byte.max(&1),
                1 => bytes.insert(at, *byte),
                2 => {
                    let end = (at + usize::from(*byte) % 16 + 1).min(bytes.len());
                    bytes.drain(at..end);
                }
                _ => bytes.truncate(at),
            }
        }
        bytes
    }

    #[test]
    fn arbitrary_bytes_never_panic_the_readers() {
        runner()
            .run(&proptest::collection::vec(any::<u8>(), 0..2048), |bytes| {
                read_all(&bytes);
                let mut zipped = b"PK\x03\x04".to_vec();
                zipped.extend(&bytes);
                read_all(&zipped);
                Ok(())
            })
            .unwrap();
    }

    #[test]
    fn csv_of_separators_quotes_and_line_breaks_never_panics_the_readers() {
        let field = prop_oneof![
            Just("country".to_owned()),
            Just("indicator".to_owned()),
            Just("Acción".to_owned()),
            Just("achieved_on".to_owned()),
            Just("Estado".to_owned()),
            "[A-Za-z0-9 .,;\"'\\r\\n=+-@ñé·\u{feff}\u{0}]{0,12}",
        ];
        let text = proptest::collection::vec(field, 0..60).prop_map(|fields| fields.join(";"));
        runner()
            .run(&text, |text| {
                read_all(text.as_bytes());
                read_all(text.replace(';', ",").as_bytes());
                Ok(())
            })
            .unwrap();
    }

    #[test]
    fn real_templates_mutated_never_panic_the_readers() {
        let template = statuses_template();
        let parts = unpacked(&template);
        let strategy = (edits(), 0..parts.len(), edits());
        runner()
            .run(&strategy, |(byte_edits, part, xml_edits)| {
                // The file's own bytes, damaged as a transfer or a disk would.
                read_all(&edited(template.clone(), &byte_edits));
                // One part unpacked and edited, as a program writing the XML wrongly would.
                let mut parts = parts.clone();
                parts[part].1 = edited(parts[part].1.clone(), &xml_edits);
                read_all(&packed(&parts));
                Ok(())
            })
            .unwrap();
    }
}
