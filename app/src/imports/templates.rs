//! The templates a country fills offline, written as Excel workbooks in the reader's language:
//! one sheet of rows to fill (what is the country's to change unlocked, the rest locked for
//! reference, choices as lists, days as date cells) and one of instructions. The sheets' first
//! row names the columns as `rules::Column` reads them back; hidden columns carry what the import
//! needs to tell a row whose record changed since the template was made.

use rust_xlsxwriter::{
    DataValidation, DataValidationRule, ExcelDateTime, Format, ProtectionOptions, Workbook,
    Worksheet, XlsxError,
};

use super::rules::{value_stamp, Column, MILESTONE_COLUMNS, STATUS_COLUMNS, VALUE_COLUMNS};
use super::types::StatusesTemplate;
use crate::domain::{IndicatorKind, Status};
use crate::i18n::{t, t_args, Lang};
use crate::indicators::rules::{format_value, scale_level_key, ReportedValue};
use crate::indicators::types::{CountryIndicatorRow, CountryIndicatorsView, ValueCell};
use crate::rounds::rules::Step;

/// The most rows of a template's list validations, so that rows added below the last still get
/// the lists.
const VALIDATED_ROWS: u32 = 2_000;

/// The styles every template uses.
struct Styles {
    header: Format,
    locked: Format,
    locked_wrap: Format,
    locked_date: Format,
    open: Format,
    open_wrap: Format,
    open_date: Format,
}

impl Styles {
    fn new() -> Self {
        let locked = Format::new().set_background_color("#EEEEEE").set_locked();
        let open = Format::new().set_unlocked();
        Styles {
            header: Format::new().set_bold().set_locked().set_text_wrap(),
            locked_wrap: locked.clone().set_text_wrap(),
            locked_date: locked.clone().set_num_format("yyyy-mm-dd"),
            locked,
            open_wrap: open.clone().set_text_wrap(),
            open_date: open.clone().set_num_format("yyyy-mm-dd"),
            open,
        }
    }
}

fn excel_day(day: chrono::NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    use chrono::Datelike;
    ExcelDateTime::from_ymd(day.year() as u16, day.month() as u8, day.day() as u8)
}

/// Writes the header row of `columns`, freezes it and sets each column's width.
fn header(
    sheet: &mut Worksheet,
    columns: &[Column],
    lang: Lang,
    styles: &Styles,
) -> Result<(), XlsxError> {
    for (index, column) in columns.iter().enumerate() {
        let index = index as u16;
        sheet.write_string_with_format(0, index, t(lang, &column.label_key()), &styles.header)?;
        let width = match column {
            Column::IndicatorName
            | Column::ActionTitle
            | Column::MilestoneTitle
            | Column::NarrativeEn
            | Column::NarrativeEs => 48,
            Column::Source | Column::Note | Column::Comment | Column::HowToFill => 30,
            Column::Value | Column::Status | Column::Baseline | Column::Target => 20,
            _ => 12,
        };
        sheet.set_column_width(index, width)?;
        if matches!(column, Column::Stamp | Column::Version) {
            sheet.set_column_hidden(index)?;
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// Locks the sheet so that only the unlocked cells change; the user may still resize and format.
fn protect(sheet: &mut Worksheet) {
    let options = ProtectionOptions {
        format_columns: true,
        format_rows: true,
        ..ProtectionOptions::default()
    };
    sheet.protect_with_options(&options);
}

fn position(columns: &[Column], column: Column) -> u16 {
    columns
        .iter()
        .position(|c| *c == column)
        .unwrap_or_default() as u16
}

/// Writes the instructions sheet: a title and a paragraph per line.
fn instructions(
    workbook: &mut Workbook,
    lang: Lang,
    title: &str,
    lines: &[String],
) -> Result<(), XlsxError> {
    let sheet = workbook.add_worksheet();
    sheet.set_name(t(lang, "import-sheet-instructions"))?;
    sheet.set_column_width(0, 100)?;
    sheet.write_string_with_format(0, 0, title, &Format::new().set_bold().set_font_size(14))?;
    let wrap = Format::new().set_text_wrap();
    for (index, line) in lines.iter().enumerate() {
        sheet.write_string_with_format(index as u32 + 2, 0, line, &wrap)?;
    }
    Ok(())
}

/// A value written back as the template's value cell shows it: yes/no and scale levels in words,
/// other kinds as numbers.
enum ValueText {
    Words(String),
    Number(f64),
}

fn value_text(lang: Lang, kind: IndicatorKind, value: f64) -> ValueText {
    match kind {
        IndicatorKind::YesNo | IndicatorKind::Scale0To4 => {
            ValueText::Words(format_value(lang, kind, value))
        }
        _ => ValueText::Number(value),
    }
}

/// The template of a country's indicator values for the round `view.year`.
pub fn values_template(view: &CountryIndicatorsView, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let year = view.year.unwrap_or_default();
    let country = view.country.get(lang).to_owned();
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(t(lang, "import-sheet-values"))?;
    let writer = ValuesSheet::new(lang)?;
    header(sheet, &VALUE_COLUMNS, lang, &writer.styles)?;
    let rows = view
        .articles
        .iter()
        .flat_map(|article| &article.rows)
        // The legislative indicators follow from the legislation matrix, never typed.
        .filter(|row| !row.info.retired && !crate::legislation::rules::is_derived(&row.info.code));
    for (index, row) in rows.enumerate() {
        writer.row(sheet, index as u32 + 1, &view.iso2, year, row)?;
    }
    protect(sheet);

    let state = view.submission.as_ref().map(|s| s.state);
    let mut lines = vec![
        t_args(
            lang,
            "import-instructions-values",
            &[("country", country.clone().into()), ("year", year.into())],
        ),
        t(lang, "import-instructions-locked"),
        t(lang, "import-instructions-upload-values"),
    ];
    if let Some(state) = state.filter(|s| Step::Save.from_state(*s).is_none()) {
        lines.push(t_args(
            lang,
            "import-instructions-not-editable",
            &[("state", t(lang, state.label_key()).into())],
        ));
    }
    let title = t_args(
        lang,
        "import-values-title",
        &[("country", country.into()), ("year", year.into())],
    );
    instructions(&mut workbook, lang, &title, &lines)?;
    workbook.save_to_buffer()
}

/// Writes the rows of a values sheet: its styles, and the rules each kind's value cell follows.
struct ValuesSheet {
    lang: Lang,
    styles: Styles,
    yes_no: DataValidation,
    scale: DataValidation,
    whole: DataValidation,
    decimal: DataValidation,
}

impl ValuesSheet {
    fn new(lang: Lang) -> Result<Self, XlsxError> {
        let levels: Vec<String> = (0..=4u8)
            .map(|level| format!("{level} · {}", t(lang, scale_level_key(level))))
            .collect();
        Ok(ValuesSheet {
            lang,
            styles: Styles::new(),
            yes_no: DataValidation::new()
                .allow_list_strings(&[t(lang, "answer-yes"), t(lang, "answer-no")])?,
            scale: DataValidation::new().allow_list_strings(&levels)?,
            whole: DataValidation::new()
                .allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0))
                .set_error_message(t(lang, "import-validation-whole"))?,
            decimal: DataValidation::new()
                .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0))
                .set_error_message(t(lang, "import-validation-decimal"))?,
        })
    }

    /// Writes the indicator `row` of the country `iso2` at the sheet's row `r`.
    fn row(
        &self,
        sheet: &mut Worksheet,
        r: u32,
        iso2: &str,
        year: i32,
        row: &CountryIndicatorRow,
    ) -> Result<(), XlsxError> {
        let (lang, styles) = (self.lang, &self.styles);
        let at = |column| position(&VALUE_COLUMNS, column);
        let kind = row.info.kind;
        let info = [
            (Column::Country, iso2.to_owned(), &styles.locked),
            (Column::Indicator, row.info.code.clone(), &styles.locked),
            (
                Column::IndicatorName,
                row.info.name.get(lang).to_owned(),
                &styles.locked_wrap,
            ),
            (Column::Kind, t(lang, kind.label_key()), &styles.locked),
            (
                Column::HowToFill,
                t(lang, how_to_fill_key(kind)),
                &styles.locked_wrap,
            ),
        ];
        for (column, text, style) in info {
            sheet.write_string_with_format(r, at(column), text, style)?;
        }
        sheet.write_number_with_format(r, at(Column::Year), f64::from(year), &styles.locked)?;
        self.figures(sheet, r, kind, row.current.as_ref())?;
        let current = row.current.as_ref();
        let (baseline, target) = match &row.target {
            Some(target) => (
                format!(
                    "{} ({})",
                    format_value(lang, kind, target.baseline_value),
                    target.baseline_year
                ),
                format!(
                    "{} ({})",
                    format_value(lang, kind, target.target_value),
                    target.target_year
                ),
            ),
            None => (String::new(), String::new()),
        };
        let texts = [
            (
                Column::Source,
                current.map(|c| c.source.clone()),
                &styles.open_wrap,
            ),
            (
                Column::Note,
                current.and_then(|c| c.note.clone()),
                &styles.open_wrap,
            ),
            (Column::Baseline, Some(baseline), &styles.locked),
            (Column::Target, Some(target), &styles.locked),
            (
                Column::State,
                current.map(|c| t(lang, c.state.label_key())),
                &styles.locked,
            ),
        ];
        for (column, text, style) in texts {
            sheet.write_string_with_format(r, at(column), text.unwrap_or_default(), style)?;
        }
        let stamp = value_stamp(current.map(reported).as_ref());
        sheet.write_string_with_format(r, at(Column::Stamp), stamp, &styles.locked)?;
        Ok(())
    }

    /// Writes a row's value, numerator and denominator, each unlocked where it is typed (the
    /// numerator and denominator of a percentage, the value of every other kind) with its rule.
    fn figures(
        &self,
        sheet: &mut Worksheet,
        r: u32,
        kind: IndicatorKind,
        current: Option<&ValueCell>,
    ) -> Result<(), XlsxError> {
        let styles = &self.styles;
        let at = |column| position(&VALUE_COLUMNS, column);
        let value = at(Column::Value);
        if kind == IndicatorKind::Percentage {
            sheet.write_blank(r, value, &styles.locked)?;
            for (column, figure) in [
                (Column::Numerator, current.and_then(|c| c.numerator)),
                (Column::Denominator, current.and_then(|c| c.denominator)),
            ] {
                match figure {
                    Some(number) => {
                        sheet.write_number_with_format(r, at(column), number, &styles.open)?
                    }
                    None => sheet.write_blank(r, at(column), &styles.open)?,
                };
            }
            sheet.add_data_validation(
                r,
                at(Column::Numerator),
                r,
                at(Column::Denominator),
                &self.whole,
            )?;
            return Ok(());
        }
        match current.map(|cell| value_text(self.lang, kind, cell.value)) {
            Some(ValueText::Words(words)) => {
                sheet.write_string_with_format(r, value, words, &styles.open)?
            }
            Some(ValueText::Number(number)) => {
                sheet.write_number_with_format(r, value, number, &styles.open)?
            }
            None => sheet.write_blank(r, value, &styles.open)?,
        };
        for column in [Column::Numerator, Column::Denominator] {
            sheet.write_blank(r, at(column), &styles.locked)?;
        }
        let rule = match kind {
            IndicatorKind::YesNo => &self.yes_no,
            IndicatorKind::Scale0To4 => &self.scale,
            IndicatorKind::Count => &self.whole,
            _ => &self.decimal,
        };
        sheet.add_data_validation(r, value, r, value, rule)?;
        Ok(())
    }
}

/// A stored value as the forms' rules read it, to stamp it.
fn reported(cell: &ValueCell) -> ReportedValue {
    ReportedValue {
        value: cell.value,
        numerator: cell.numerator,
        denominator: cell.denominator,
        source: cell.source.clone(),
        note: cell.note.clone(),
    }
}

/// The catalogue key of how a value of `kind` is typed.
fn how_to_fill_key(kind: IndicatorKind) -> &'static str {
    match kind {
        IndicatorKind::YesNo => "import-how-yes-no",
        IndicatorKind::Count => "import-how-count",
        IndicatorKind::Percentage => "import-how-percentage",
        IndicatorKind::Number => "import-how-number",
        IndicatorKind::Scale0To4 => "import-how-scale",
    }
}

/// The template of the statuses, narratives and milestones of the countries of `template`.
pub fn statuses_template(template: &StatusesTemplate, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let styles = Styles::new();
    let mut workbook = Workbook::new();
    actions_sheet(workbook.add_worksheet(), template, lang, &styles)?;
    milestones_sheet(workbook.add_worksheet(), template, lang, &styles)?;
    let who = match template.countries.as_slice() {
        [country] => country.name.get(lang).to_owned(),
        _ => t(lang, "import-every-country"),
    };
    let lines = vec![
        t_args(
            lang,
            "import-instructions-statuses",
            &[("country", who.clone().into())],
        ),
        t(lang, "import-instructions-locked"),
        t(lang, "import-instructions-dates"),
        t(lang, "import-instructions-upload-statuses"),
    ];
    let title = t_args(lang, "import-statuses-title", &[("country", who.into())]);
    instructions(&mut workbook, lang, &title, &lines)?;
    workbook.save_to_buffer()
}

/// The sheet of actions: a row per country and action, its status chosen from a list.
fn actions_sheet(
    sheet: &mut Worksheet,
    template: &StatusesTemplate,
    lang: Lang,
    styles: &Styles,
) -> Result<(), XlsxError> {
    sheet.set_name(t(lang, "import-sheet-actions"))?;
    header(sheet, &STATUS_COLUMNS, lang, styles)?;
    let at = |column| position(&STATUS_COLUMNS, column);
    let mut r = 0;
    for country in &template.countries {
        for action in &country.actions {
            r += 1;
            let cells = [
                (Column::Country, country.iso2.clone(), &styles.locked),
                (Column::Theme, action.theme.clone(), &styles.locked),
                (Column::Action, action.code.clone(), &styles.locked),
                (
                    Column::ActionTitle,
                    action.title.get(lang).to_owned(),
                    &styles.locked_wrap,
                ),
                (
                    Column::Status,
                    t(lang, action.status.label_key()),
                    &styles.open,
                ),
                (
                    Column::NarrativeEn,
                    action.narrative_en.clone(),
                    &styles.open_wrap,
                ),
                (
                    Column::NarrativeEs,
                    action.narrative_es.clone(),
                    &styles.open_wrap,
                ),
                (Column::Comment, String::new(), &styles.open_wrap),
            ];
            for (column, text, style) in cells {
                sheet.write_string_with_format(r, at(column), text, style)?;
            }
            match action.updated_on {
                Some(day) => sheet.write_date_with_format(
                    r,
                    at(Column::Updated),
                    excel_day(day)?,
                    &styles.locked_date,
                )?,
                None => sheet.write_blank(r, at(Column::Updated), &styles.locked)?,
            };
            sheet.write_number_with_format(
                r,
                at(Column::Version),
                f64::from(action.version),
                &styles.locked,
            )?;
        }
    }
    let statuses: Vec<String> = Status::ALL.iter().map(|s| t(lang, s.label_key())).collect();
    let list = DataValidation::new().allow_list_strings(&statuses)?;
    let status = at(Column::Status);
    sheet.add_data_validation(1, status, r.max(VALIDATED_ROWS), status, &list)?;
    protect(sheet);
    Ok(())
}

/// The sheet of milestones: a row per country and milestone, the day it was achieved a date cell.
fn milestones_sheet(
    sheet: &mut Worksheet,
    template: &StatusesTemplate,
    lang: Lang,
    styles: &Styles,
) -> Result<(), XlsxError> {
    sheet.set_name(t(lang, "import-sheet-milestones"))?;
    header(sheet, &MILESTONE_COLUMNS, lang, styles)?;
    let at = |column| position(&MILESTONE_COLUMNS, column);
    let mut r = 0;
    for country in &template.countries {
        for action in &country.actions {
            for milestone in &action.milestones {
                r += 1;
                let cells = [
                    (Column::Country, country.iso2.clone(), &styles.locked),
                    (Column::Action, action.code.clone(), &styles.locked),
                    (Column::Milestone, milestone.code.clone(), &styles.locked),
                    (
                        Column::MilestoneTitle,
                        milestone.title.get(lang).to_owned(),
                        &styles.locked_wrap,
                    ),
                    (Column::Note, milestone.note.clone(), &styles.open_wrap),
                ];
                for (column, text, style) in cells {
                    sheet.write_string_with_format(r, at(column), text, style)?;
                }
                sheet.write_date_with_format(
                    r,
                    at(Column::Due),
                    excel_day(milestone.due_on)?,
                    &styles.locked_date,
                )?;
                match milestone.achieved_on {
                    Some(day) => sheet.write_date_with_format(
                        r,
                        at(Column::AchievedOn),
                        excel_day(day)?,
                        &styles.open_date,
                    )?,
                    None => sheet.write_blank(r, at(Column::AchievedOn), &styles.open_date)?,
                };
                sheet.write_number_with_format(
                    r,
                    at(Column::Version),
                    f64::from(action.version),
                    &styles.locked,
                )?;
            }
        }
    }
    let days = DataValidation::new()
        .allow_date(DataValidationRule::Between(
            ExcelDateTime::from_ymd(1900, 1, 1)?,
            ExcelDateTime::from_ymd(2200, 12, 31)?,
        ))
        .set_error_message(t(lang, "import-validation-date"))?;
    let achieved = at(Column::AchievedOn);
    sheet.add_data_validation(1, achieved, r.max(VALIDATED_ROWS), achieved, &days)?;
    protect(sheet);
    Ok(())
}
