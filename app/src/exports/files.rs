//! A table written as a file: CSV (UTF-8 with a byte-order mark, so that Excel reads accents) or an
//! Excel workbook of its sheets. A text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`
//! first) is written so that it stays text.

use rust_xlsxwriter::{ExcelDateTime, Format as CellFormat, Workbook, XlsxError};

use super::types::{Cell, Format, Table};

/// `table` in `format`.
pub fn write(table: &Table, format: Format) -> Result<Vec<u8>, ExportError> {
    match format {
        Format::Csv => csv(table),
        Format::Xlsx => Ok(xlsx(table)?),
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("the CSV file cannot be written: {0}")]
    Csv(#[from] csv::Error),
    #[error("the workbook cannot be written: {0}")]
    Xlsx(#[from] XlsxError),
}

/// Whether a spreadsheet would read `text` as a formula.
fn reads_as_formula(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

fn csv(table: &Table) -> Result<Vec<u8>, ExportError> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    {
        let mut writer = csv::Writer::from_writer(&mut out);
        writer.write_record(&table.headers)?;
        for row in &table.rows {
            writer.write_record(row.iter().map(|cell| match cell {
                Cell::Text(text) if reads_as_formula(text) => format!("'{text}"),
                Cell::Text(text) => text.clone(),
                Cell::Number(number) => number.to_string(),
                Cell::Date(day) => day.to_string(),
                Cell::Empty => String::new(),
            }))?;
        }
        writer.flush().map_err(csv::Error::from)?;
    }
    Ok(out)
}

fn xlsx(table: &Table) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    write_sheet(&mut workbook, &table.title, &table.headers, &table.rows)?;
    for sheet in &table.more_sheets {
        write_sheet(&mut workbook, &sheet.title, &sheet.headers, &sheet.rows)?;
    }
    workbook.save_to_buffer()
}

/// A sheet of `workbook`, named `title`: bold headers, frozen and filtered, then the rows.
fn write_sheet(
    workbook: &mut Workbook,
    title: &str,
    headers: &[String],
    rows: &[Vec<Cell>],
) -> Result<(), XlsxError> {
    let sheet = workbook.add_worksheet();
    // Excel refuses sheet names over 31 characters or with []:*?/\.
    let name: String = title
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect();
    sheet.set_name(name.trim())?;
    let bold = CellFormat::new().set_bold();
    let date = CellFormat::new().set_num_format("yyyy-mm-dd");
    for (column, header) in (0u16..).zip(headers) {
        sheet.write_string_with_format(0, column, header, &bold)?;
        sheet.set_column_width(column, 14)?;
    }
    for (row, cells) in (1u32..).zip(rows) {
        for (column, cell) in (0u16..).zip(cells) {
            match cell {
                // Written as a string, never as a formula.
                Cell::Text(text) => {
                    sheet.write_string(row, column, text)?;
                }
                Cell::Number(number) => {
                    sheet.write_number(row, column, *number)?;
                }
                Cell::Date(day) => {
                    sheet.write_datetime_with_format(row, column, excel_day(*day)?, &date)?;
                }
                Cell::Empty => {}
            }
        }
    }
    let last_row = u32::try_from(rows.len()).unwrap_or(u32::MAX);
    let last_column = u16::try_from(headers.len().saturating_sub(1)).unwrap_or(0);
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, last_row, last_column)?;
    Ok(())
}

fn excel_day(day: chrono::NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    use chrono::Datelike;
    let (month, day_of_month) = (day.month(), day.day());
    ExcelDateTime::from_ymd(
        u16::try_from(day.year()).map_err(|_| XlsxError::DateTimeRangeError(day.to_string()))?,
        u8::try_from(month).unwrap_or(1),
        u8::try_from(day_of_month).unwrap_or(1),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exports::types::Sheet;
    use chrono::NaiveDate;

    fn table() -> Table {
        Table {
            file_stem: "t".into(),
            title: "Matrix: theme 1 [all]".into(),
            headers: vec!["Code".into(), "Título".into(), "Share".into(), "Day".into()],
            rows: vec![
                vec![
                    "1.1".into(),
                    "Acción, con \"comillas\"".into(),
                    Cell::Number(0.5),
                    Cell::Date(NaiveDate::from_ymd_opt(2026, 6, 30).unwrap()),
                ],
                vec![
                    "=HYPERLINK(\"x\")".into(),
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Empty,
                ],
            ],
            more_sheets: vec![Sheet {
                title: "Details".into(),
                headers: vec!["Code".into()],
                rows: vec![vec!["1.1".into()]],
            }],
        }
    }

    #[test]
    fn csv_is_utf8_with_a_bom_quoted_and_formulas_stay_text() {
        let text = String::from_utf8(write(&table(), Format::Csv).unwrap()).unwrap();
        assert_eq!(
            text,
            "\u{feff}Code,Título,Share,Day\n\
             1.1,\"Acción, con \"\"comillas\"\"\",0.5,2026-06-30\n\
             \"'=HYPERLINK(\"\"x\"\")\",,,\n"
        );
    }

    #[test]
    fn a_workbook_is_written_with_a_valid_sheet_name() {
        let bytes = write(&table(), Format::Xlsx).unwrap();
        assert!(
            bytes.starts_with(b"PK"),
            "an Office Open XML file is a zip archive"
        );
    }

    #[test]
    fn formats_are_read_from_extensions() {
        assert_eq!(Format::from_extension("XLSX"), Some(Format::Xlsx));
        assert_eq!(Format::from_extension("csv"), Some(Format::Csv));
        assert_eq!(Format::from_extension("pdf"), None);
    }
}
