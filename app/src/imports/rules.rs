//! Reading the sheets of a file into the rows of an import, with no I/O. A sheet is known by the
//! names in its first row: the templates' column names in English or Spanish, or their keys
//! (`indicator`, `value`…), so that a template saved as CSV, or a CSV file written by hand, reads
//! as well as the template. Each cell becomes what the forms would have sent (the forms' rules
//! check it later); a formula, an Excel error, merged cells or a date that cannot be told apart
//! are problems at their row and column.

use chrono::NaiveDate;

use super::sheet::{CellValue, Sheet};
use super::types::{FileProblem, FileRows, ImportKind, MilestoneRow, Place, StatusRow, ValueRow};
use crate::domain::Status;
use crate::error::{Arg, Problem};
use crate::i18n::{t, Lang};
use crate::indicators::rules::{ReportedValue, ValueForm};

/// How long an import waits for its user's confirmation before it is forgotten, in hours.
pub const KEPT_HOURS: i64 = 24;

/// A column of a template, by its catalogue key (`import-col-…`, whose text is its name).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Country,
    Year,
    Indicator,
    IndicatorName,
    Kind,
    HowToFill,
    Value,
    Numerator,
    Denominator,
    Source,
    Note,
    Baseline,
    Target,
    State,
    Stamp,
    Theme,
    Action,
    ActionTitle,
    Status,
    NarrativeEn,
    NarrativeEs,
    Comment,
    Updated,
    Version,
    Milestone,
    MilestoneTitle,
    Due,
    AchievedOn,
}

impl Column {
    pub const ALL: [Column; 28] = [
        Column::Country,
        Column::Year,
        Column::Indicator,
        Column::IndicatorName,
        Column::Kind,
        Column::HowToFill,
        Column::Value,
        Column::Numerator,
        Column::Denominator,
        Column::Source,
        Column::Note,
        Column::Baseline,
        Column::Target,
        Column::State,
        Column::Stamp,
        Column::Theme,
        Column::Action,
        Column::ActionTitle,
        Column::Status,
        Column::NarrativeEn,
        Column::NarrativeEs,
        Column::Comment,
        Column::Updated,
        Column::Version,
        Column::Milestone,
        Column::MilestoneTitle,
        Column::Due,
        Column::AchievedOn,
    ];

    /// Its name in a file written by hand, and the end of its catalogue key.
    pub fn code(self) -> &'static str {
        match self {
            Column::Country => "country",
            Column::Year => "year",
            Column::Indicator => "indicator",
            Column::IndicatorName => "indicator_name",
            Column::Kind => "kind",
            Column::HowToFill => "how_to_fill",
            Column::Value => "value",
            Column::Numerator => "numerator",
            Column::Denominator => "denominator",
            Column::Source => "source",
            Column::Note => "note",
            Column::Baseline => "baseline",
            Column::Target => "target",
            Column::State => "state",
            Column::Stamp => "stamp",
            Column::Theme => "theme",
            Column::Action => "action",
            Column::ActionTitle => "action_title",
            Column::Status => "status",
            Column::NarrativeEn => "narrative_en",
            Column::NarrativeEs => "narrative_es",
            Column::Comment => "comment",
            Column::Updated => "updated",
            Column::Version => "version",
            Column::Milestone => "milestone",
            Column::MilestoneTitle => "milestone_title",
            Column::Due => "due",
            Column::AchievedOn => "achieved_on",
        }
    }

    /// The catalogue key of its name.
    pub fn label_key(self) -> String {
        format!("import-col-{}", self.code().replace('_', "-"))
    }

    /// The column a header cell names, in either language or by its code.
    pub fn from_header(text: &str) -> Option<Column> {
        let text = text.trim().to_lowercase();
        Column::ALL.into_iter().find(|column| {
            text == column.code()
                || [Lang::En, Lang::Es]
                    .into_iter()
                    .any(|lang| t(lang, &column.label_key()).to_lowercase() == text)
        })
    }
}

/// The columns of each kind of sheet, in the templates' order.
pub const VALUE_COLUMNS: [Column; 15] = [
    Column::Country,
    Column::Year,
    Column::Indicator,
    Column::IndicatorName,
    Column::Kind,
    Column::HowToFill,
    Column::Value,
    Column::Numerator,
    Column::Denominator,
    Column::Source,
    Column::Note,
    Column::Baseline,
    Column::Target,
    Column::State,
    Column::Stamp,
];
pub const STATUS_COLUMNS: [Column; 10] = [
    Column::Country,
    Column::Theme,
    Column::Action,
    Column::ActionTitle,
    Column::Status,
    Column::NarrativeEn,
    Column::NarrativeEs,
    Column::Comment,
    Column::Updated,
    Column::Version,
];
pub const MILESTONE_COLUMNS: [Column; 8] = [
    Column::Country,
    Column::Action,
    Column::Milestone,
    Column::MilestoneTitle,
    Column::Due,
    Column::AchievedOn,
    Column::Note,
    Column::Version,
];

/// What a sheet holds, by the columns its header names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SheetKind {
    Values,
    Statuses,
    Milestones,
}

/// The letter of a 0-based column index, as spreadsheets name it (`A`, `Z`, `AA`).
pub fn column_letter(index: u32) -> String {
    let mut index = index + 1;
    let mut letters = Vec::new();
    while index > 0 {
        let remainder = (index - 1) % 26;
        letters.push(char::from(b'A' + remainder as u8));
        index = (index - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// Reads the sheets of a file of `kind` into its rows and the problems found in its cells.
pub fn read_rows(kind: ImportKind, sheets: &[Sheet]) -> FileRows {
    let mut rows = FileRows::default();
    let mut recognised = false;
    for sheet in sheets {
        let Some(header) = sheet.rows.first() else {
            continue;
        };
        let columns: Vec<(Column, u32)> = header
            .iter()
            .enumerate()
            .filter_map(|(index, cell)| match cell {
                CellValue::Text(text) => Some((Column::from_header(text)?, index as u32)),
                _ => None,
            })
            .collect();
        let has = |column: Column| columns.iter().any(|(c, _)| *c == column);
        let sheet_kind = match kind {
            ImportKind::Values if has(Column::Indicator) => SheetKind::Values,
            ImportKind::Statuses if has(Column::Milestone) => SheetKind::Milestones,
            ImportKind::Statuses if has(Column::Action) => SheetKind::Statuses,
            _ => continue,
        };
        recognised = true;
        rows.columns.push((
            sheet.name.clone(),
            columns
                .iter()
                .map(|(column, index)| (column.label_key(), *index))
                .collect(),
        ));
        SheetReader {
            sheet,
            columns: &columns,
            rows: &mut rows,
        }
        .read(sheet_kind);
    }
    if !recognised {
        let expected = match kind {
            ImportKind::Values => "import-expected-values",
            ImportKind::Statuses => "import-expected-statuses",
        };
        rows.problems.push(FileProblem {
            place: None,
            column: None,
            problem: Problem::with_args(
                "file",
                "import-no-template-sheet",
                vec![("expected", Arg::Term(expected.to_owned()))],
            ),
        });
    } else if rows.is_empty() && rows.problems.is_empty() {
        rows.problems.push(FileProblem {
            place: None,
            column: None,
            problem: Problem::new("file", "import-no-rows"),
        });
    }
    rows
}

/// One sheet being read, with where its columns are.
struct SheetReader<'a> {
    sheet: &'a Sheet,
    columns: &'a [(Column, u32)],
    rows: &'a mut FileRows,
}

impl SheetReader<'_> {
    fn read(mut self, kind: SheetKind) {
        for merged in &self.sheet.merged {
            let range = format!(
                "{}{}:{}{}",
                column_letter(merged.first_column),
                merged.first_row + 1,
                column_letter(merged.last_column),
                merged.last_row + 1
            );
            self.problem(
                merged.first_row as usize,
                None,
                Problem::with_args(
                    "file",
                    "import-merged-cells",
                    vec![("range", Arg::Text(range))],
                ),
            );
        }
        for index in 1..self.sheet.rows.len() {
            if self
                .columns
                .iter()
                .all(|(_, column)| self.sheet.cell(index, *column as usize).is_empty())
            {
                continue;
            }
            match kind {
                SheetKind::Values => self.value_row(index),
                SheetKind::Statuses => self.status_row(index),
                SheetKind::Milestones => self.milestone_row(index),
            }
        }
    }

    fn place(&self, row: usize) -> Place {
        Place {
            sheet: self.sheet.name.clone(),
            row: row as u32 + 1,
        }
    }

    fn problem(&mut self, row: usize, column: Option<Column>, problem: Problem) {
        let column = column.and_then(|column| {
            let index = self.index(column)?;
            Some((index, column.label_key()))
        });
        let place = Some(self.place(row));
        self.rows.problems.push(FileProblem {
            place,
            column,
            problem,
        });
    }

    fn index(&self, column: Column) -> Option<u32> {
        self.columns
            .iter()
            .find(|(c, _)| *c == column)
            .map(|(_, index)| *index)
    }

    /// The cell of `column` in `row` as text a form would send; `None` when the sheet has no such
    /// column, a problem when the cell holds a formula or an error.
    fn text(&mut self, row: usize, column: Column) -> Option<String> {
        let index = self.index(column)?;
        let text = match self.sheet.cell(row, index as usize) {
            CellValue::Empty => String::new(),
            CellValue::Text(text) => text.trim().to_owned(),
            CellValue::Number(number) => exact_number(*number),
            CellValue::Bool(true) => "yes".to_owned(),
            CellValue::Bool(false) => "no".to_owned(),
            CellValue::Date(day) => day.to_string(),
            CellValue::Formula(formula) => {
                let formula = formula.clone();
                self.problem(
                    row,
                    Some(column),
                    Problem::with_args(
                        "file",
                        "import-formula",
                        vec![("formula", Arg::Text(format!("={formula}")))],
                    ),
                );
                String::new()
            }
            CellValue::Error(error) => {
                let error = error.clone();
                self.problem(
                    row,
                    Some(column),
                    Problem::with_args(
                        "file",
                        "import-cell-error",
                        vec![("error", Arg::Text(error))],
                    ),
                );
                String::new()
            }
        };
        Some(text)
    }

    /// The country's ISO code in `row`: empty when the sheet has no country column (the import's
    /// own country is meant), required when it has one.
    fn country(&mut self, row: usize) -> Option<String> {
        let Some(text) = self.text(row, Column::Country) else {
            return Some(String::new());
        };
        let country = crate::domain::country_code(&text);
        if country.is_none() {
            let key = if text.is_empty() {
                "import-country-missing"
            } else {
                "import-country-invalid"
            };
            self.problem(row, Some(Column::Country), Problem::new("country", key));
        }
        country
    }

    /// A whole number in `column` of `row`, if the sheet has it and the cell is not empty.
    fn whole_number(&mut self, row: usize, column: Column) -> Option<i32> {
        let text = self.text(row, column)?;
        if text.is_empty() {
            return None;
        }
        let number = text.parse::<i32>().ok();
        if number.is_none() {
            self.problem(
                row,
                Some(column),
                Problem::new("file", "import-not-whole-number"),
            );
        }
        number
    }

    fn value_row(&mut self, row: usize) {
        let country = self.country(row);
        let year = self.whole_number(row, Column::Year);
        let indicator = self.text(row, Column::Indicator).unwrap_or_default();
        if indicator.is_empty() {
            self.problem(
                row,
                Some(Column::Indicator),
                Problem::new("indicator", "import-indicator-missing"),
            );
        }
        let mut field = |column: Column| self.text(row, column).unwrap_or_default();
        let form = ValueForm {
            indicator: indicator.to_ascii_uppercase(),
            value: typed_answer(&field(Column::Value)),
            numerator: field(Column::Numerator),
            denominator: field(Column::Denominator),
            source: field(Column::Source),
            note: field(Column::Note),
        };
        let stamp = self
            .text(row, Column::Stamp)
            .filter(|stamp| !stamp.is_empty());
        let (Some(country), false) = (country, indicator.is_empty()) else {
            return;
        };
        let place = self.place(row);
        self.rows.values.push(ValueRow {
            place,
            country,
            year,
            form,
            stamp,
        });
    }

    fn status_row(&mut self, row: usize) {
        let country = self.country(row);
        let action = self.text(row, Column::Action).unwrap_or_default();
        if action.is_empty() {
            self.problem(
                row,
                Some(Column::Action),
                Problem::new("action", "import-action-missing"),
            );
        }
        let status = self.text(row, Column::Status).map(|text| {
            let status = status_code(&text);
            if status.is_none() {
                self.problem(
                    row,
                    Some(Column::Status),
                    Problem::new("status", "problem-status-invalid"),
                );
            }
            status.unwrap_or_default().to_owned()
        });
        let narrative_en = self.text(row, Column::NarrativeEn);
        let narrative_es = self.text(row, Column::NarrativeEs);
        let comment = self.text(row, Column::Comment);
        let version = self.whole_number(row, Column::Version);
        let (Some(country), false) = (country, action.is_empty()) else {
            return;
        };
        let place = self.place(row);
        self.rows.statuses.push(StatusRow {
            place,
            country,
            action,
            status,
            narrative_en,
            narrative_es,
            comment,
            version,
        });
    }

    fn milestone_row(&mut self, row: usize) {
        let country = self.country(row);
        let action = self.text(row, Column::Action).unwrap_or_default();
        let milestone = self.text(row, Column::Milestone).unwrap_or_default();
        for (text, column, key) in [
            (&action, Column::Action, "import-action-missing"),
            (&milestone, Column::Milestone, "import-milestone-missing"),
        ] {
            if text.is_empty() {
                self.problem(row, Some(column), Problem::new("milestones", key));
            }
        }
        let achieved_on = match self.day(row, Column::AchievedOn) {
            Ok(day) => day,
            Err(problem) => {
                self.problem(row, Some(Column::AchievedOn), problem);
                return;
            }
        };
        let note = self.text(row, Column::Note);
        let version = self.whole_number(row, Column::Version);
        let (Some(country), false, false) = (country, action.is_empty(), milestone.is_empty())
        else {
            return;
        };
        let place = self.place(row);
        let day_given = self.index(Column::AchievedOn).is_some();
        self.rows.milestones.push(MilestoneRow {
            place,
            country,
            action,
            milestone: milestone.to_ascii_uppercase(),
            achieved_on,
            day_given,
            note,
            version,
        });
    }

    /// A day in `column` of `row`: a date cell, an Excel serial number, or text written as
    /// `YYYY-MM-DD`; any other text is refused, since `03/04/2026` is a different day in Mexico
    /// and in the United States.
    fn day(&mut self, row: usize, column: Column) -> Result<Option<NaiveDate>, Problem> {
        let Some(index) = self.index(column) else {
            return Ok(None);
        };
        match self.sheet.cell(row, index as usize).clone() {
            CellValue::Date(day) => Ok(Some(day)),
            CellValue::Number(serial) => excel_serial_day(serial)
                .map(Some)
                .ok_or_else(|| Problem::new("milestones", "import-date-invalid")),
            CellValue::Text(text) if text.trim().is_empty() => Ok(None),
            CellValue::Text(text) => text
                .trim()
                .parse::<NaiveDate>()
                .ok()
                .filter(|_| text.trim().len() == 10)
                .map(Some)
                .ok_or_else(|| {
                    Problem::with_args(
                        "milestones",
                        "import-date-text",
                        vec![("text", Arg::Text(text.trim().to_owned()))],
                    )
                }),
            CellValue::Empty => Ok(None),
            CellValue::Bool(_) => Err(Problem::new("milestones", "import-date-invalid")),
            // A formula or an error: `text` names the problem.
            CellValue::Formula(_) | CellValue::Error(_) => {
                self.text(row, column);
                Ok(None)
            }
        }
    }
}

/// A number as a form would type it, every digit kept (`12.345`, `3`): the forms' rules then judge
/// it (a count of `3.004` is not whole), where rounding would hide it.
pub fn exact_number(number: f64) -> String {
    format!("{number}")
}

/// The day of an Excel serial number (days since 1899-12-30, the 1900 date system), for whole
/// numbers of the years Enlace reads (1900–2200).
pub fn excel_serial_day(serial: f64) -> Option<NaiveDate> {
    if serial.fract() != 0.0 || !(1.0..=110_000.0).contains(&serial) {
        return None;
    }
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(chrono::Days::new(serial as u64))
}

/// A short fingerprint of a stored value (`-` when there is none), written in a template's hidden
/// column: a row whose stored value no longer has its template's stamp was changed since.
pub fn value_stamp(value: Option<&ReportedValue>) -> String {
    let Some(value) = value else {
        return "-".to_owned();
    };
    let text = format!(
        "{}|{:?}|{:?}|{}|{}",
        value.value,
        value.numerator,
        value.denominator,
        value.source,
        value.note.as_deref().unwrap_or_default()
    );
    // FNV-1a: stable across releases and machines, which `DefaultHasher` does not promise.
    let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{hash:016x}")
}

/// A status code from a cell: the code itself or its label in either language.
pub fn status_code(text: &str) -> Option<&'static str> {
    let text = text.trim().to_lowercase();
    Status::ALL.iter().find_map(|status| {
        let named = text == status.code()
            || [Lang::En, Lang::Es]
                .into_iter()
                .any(|lang| t(lang, status.label_key()).to_lowercase() == text);
        named.then_some(status.code())
    })
}

/// A value as the values form types it: a yes or no in either language becomes `yes` or `no`,
/// and a level of the scale written with its name (`2 · Partial`) its number. Anything else stays
/// as written, for the form's rules to judge.
pub fn typed_answer(text: &str) -> String {
    let text = text.trim();
    let lower = text.to_lowercase();
    let yes = [Lang::En, Lang::Es].map(|lang| t(lang, "answer-yes").to_lowercase());
    let no = [Lang::En, Lang::Es].map(|lang| t(lang, "answer-no").to_lowercase());
    if yes.contains(&lower) || lower == "si" || lower == "true" {
        return "yes".to_owned();
    }
    if no.contains(&lower) || lower == "false" {
        return "no".to_owned();
    }
    match text.split_once(" · ") {
        Some((level, _)) if level.chars().all(|c| c.is_ascii_digit()) => level.to_owned(),
        _ => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::sheet::Merged;
    use super::*;

    fn text(value: &str) -> CellValue {
        if value.is_empty() {
            CellValue::Empty
        } else {
            CellValue::Text(value.to_owned())
        }
    }

    fn sheet(name: &str, rows: &[&[&str]]) -> Sheet {
        Sheet {
            name: name.to_owned(),
            rows: rows
                .iter()
                .map(|row| row.iter().map(|cell| text(cell)).collect())
                .collect(),
            merged: Vec::new(),
        }
    }

    fn keys(rows: &FileRows) -> Vec<(Option<u32>, Option<String>, String)> {
        rows.problems
            .iter()
            .map(|p| {
                (
                    p.place.as_ref().map(|place| place.row),
                    p.column.as_ref().map(|(index, _)| column_letter(*index)),
                    p.problem.key.clone(),
                )
            })
            .collect()
    }

    #[test]
    fn columns_are_named_in_either_language_or_by_code() {
        assert_eq!(Column::from_header(" Indicator "), Some(Column::Indicator));
        assert_eq!(Column::from_header("Indicador"), Some(Column::Indicator));
        assert_eq!(Column::from_header("achieved_on"), Some(Column::AchievedOn));
        assert_eq!(Column::from_header("Something else"), None);
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
    }

    #[test]
    fn a_values_sheet_reads_as_the_values_form_would_send_it() {
        let sheets = [
            sheet("Instructions", &[&["Fill in the values"]]),
            sheet(
                "Values",
                &[
                    &["País", "Año", "Indicador", "Valor", "Fuente", "stamp"],
                    &["CR", "2025", "enf-01", "12", "Fiscalía", "a1"],
                    &["cr", "2025", "LEG-05", "Sí", "Código Penal", ""],
                    &["", "", "", "", "", ""],
                    &["CR", "2025", "LEG-06A", "2 · Partial", "", ""],
                ],
            ),
        ];
        let rows = read_rows(ImportKind::Values, &sheets);
        assert_eq!(keys(&rows), []);
        assert_eq!(rows.values.len(), 3);
        let first = &rows.values[0];
        assert_eq!(first.place.row, 2);
        assert_eq!((first.country.as_str(), first.year), ("CR", Some(2025)));
        assert_eq!(first.form.indicator, "ENF-01");
        assert_eq!(first.form.value, "12");
        assert_eq!(first.stamp.as_deref(), Some("a1"));
        assert_eq!(rows.values[1].form.value, "yes");
        assert_eq!(rows.values[1].stamp, None);
        assert_eq!(rows.values[2].place.row, 5, "the empty row is skipped");
        assert_eq!(rows.values[2].form.value, "2");
    }

    #[test]
    fn formulas_errors_merged_cells_and_missing_keys_are_problems_at_their_cells() {
        let mut values = sheet(
            "Values",
            &[
                &["country", "year", "indicator", "value"],
                &["CR", "2025", "ENF-01", ""],
                &["", "2025", "ENF-02", "3"],
                &["CR", "twenty", "", "4"],
            ],
        );
        values.rows[1][3] = CellValue::Formula("SUM(A1:A3)".into());
        values.rows.push(vec![
            text("CR"),
            text("2025"),
            text("ENF-03"),
            CellValue::Error("#DIV/0!".into()),
        ]);
        values.merged.push(Merged {
            first_row: 5,
            first_column: 0,
            last_row: 6,
            last_column: 1,
        });
        let rows = read_rows(ImportKind::Values, &[values]);
        assert_eq!(
            keys(&rows),
            [
                (Some(6), None, "import-merged-cells".to_owned()),
                (Some(2), Some("D".into()), "import-formula".to_owned()),
                (
                    Some(3),
                    Some("A".into()),
                    "import-country-missing".to_owned()
                ),
                (
                    Some(4),
                    Some("B".into()),
                    "import-not-whole-number".to_owned()
                ),
                (
                    Some(4),
                    Some("C".into()),
                    "import-indicator-missing".to_owned()
                ),
                (Some(5), Some("D".into()), "import-cell-error".to_owned()),
            ]
        );
    }

    #[test]
    fn milestone_dates_are_date_cells_serial_numbers_or_year_month_day() {
        let mut milestones = sheet(
            "Milestones",
            &[
                &["country", "action", "milestone", "achieved_on", "note"],
                &["CR", "1.1", "m1", "2026-03-31", "Decree"],
                &["CR", "1.1", "M2", "", ""],
                &["CR", "1.1", "M3", "31/03/2026", ""],
                &["CR", "1.2", "M1", "", ""],
                &["CR", "1.2", "M2", "", ""],
            ],
        );
        milestones.rows[4][3] = CellValue::Number(46112.0);
        milestones.rows[5][3] = CellValue::Date(NaiveDate::from_ymd_opt(2026, 1, 2).unwrap());
        let rows = read_rows(ImportKind::Statuses, &[milestones]);
        assert_eq!(
            keys(&rows),
            [(Some(4), Some("D".into()), "import-date-text".to_owned())]
        );
        let days: Vec<String> = rows
            .milestones
            .iter()
            .map(|m| m.achieved_on.map(|day| day.to_string()).unwrap_or_default())
            .collect();
        assert_eq!(days, ["2026-03-31", "", "2026-03-31", "2026-01-02"]);
        assert_eq!(rows.milestones[0].milestone, "M1");
    }

    #[test]
    fn statuses_read_by_label_or_code_and_a_file_of_neither_says_what_it_expected() {
        let statuses = sheet(
            "Acciones",
            &[
                &["País", "Acción", "Estado", "Narrativa (inglés)"],
                &["MX", "2.1", "En curso", "Training"],
                &["MX", "2.2", "completed", ""],
                &["MX", "2.3", "Delayed", ""],
            ],
        );
        let rows = read_rows(ImportKind::Statuses, &[statuses]);
        let codes: Vec<_> = rows.statuses.iter().map(|s| s.status.clone()).collect();
        assert_eq!(
            codes,
            [
                Some("in_progress".to_owned()),
                Some("completed".to_owned()),
                Some(String::new())
            ]
        );
        assert_eq!(rows.statuses[0].narrative_en.as_deref(), Some("Training"));
        assert_eq!(rows.statuses[0].narrative_es, None, "no such column");
        assert_eq!(
            keys(&rows),
            [(
                Some(4),
                Some("C".into()),
                "problem-status-invalid".to_owned()
            )]
        );

        let other = read_rows(
            ImportKind::Values,
            &[sheet("x", &[&["a", "b"], &["1", "2"]])],
        );
        assert_eq!(
            keys(&other),
            [(None, None, "import-no-template-sheet".to_owned())]
        );
    }

    #[test]
    fn excel_serial_numbers_count_from_the_end_of_1899() {
        assert_eq!(
            excel_serial_day(46112.0),
            NaiveDate::from_ymd_opt(2026, 3, 31)
        );
        assert_eq!(excel_serial_day(46112.5), None);
        assert_eq!(excel_serial_day(-3.0), None);
    }
}
