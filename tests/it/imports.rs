//! Templates filled offline and imported: a round's indicator values and the statuses and
//! milestones of one country or of every country, through the real router on the demo data (the
//! 2025 round validated, the 2026 round open). Every import is previewed, then written in one
//! transaction, and every wrong file gets a clear answer with nothing written.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use app::db::entities::{country, country_action, indicator, indicator_value, pending_import};
use app::forms::FORM_FIELD;
use tests::{get, multipart_with_file, post, Reply, TestDatabase, MULTIPART, ORIGIN};

const FOCAL_CR: &str = "focal.cr@demo.enlace";
const FOCAL_MX: &str = "focal.mx@demo.enlace";
const SECRETARIAT: &str = "secretariat@demo.enlace";

const VALUES_PAGE: &str = "/countries/cr/indicators?year=2026";
const UPLOAD: &str = "/api/imports/upload";

/// Uploads `file` with the form of `kind` of `page`, as a browser does, and returns the answer.
async fn upload(
    router: &axum::Router,
    page: &str,
    fields: &[(&str, &str)],
    file: (&str, &[u8]),
) -> Reply {
    let kind = fields
        .iter()
        .find(|(name, _)| *name == "form[kind]")
        .map(|(_, kind)| *kind)
        .unwrap_or_default();
    let form = format!("{UPLOAD}#{kind}");
    let mut all = vec![(FORM_FIELD, form.as_str())];
    all.extend_from_slice(fields);
    let body = multipart_with_file(&all, Some(("form[file]", file.0, file.1)));
    post(
        router,
        page,
        MULTIPART,
        body,
        &[("accept", "text/html,application/xhtml+xml")],
    )
    .await
}

/// Uploads the values `file` for Costa Rica's 2026 round and returns the preview's address.
async fn upload_values(router: &axum::Router, file: (&str, &[u8])) -> String {
    let reply = upload(
        router,
        VALUES_PAGE,
        &[
            ("form[kind]", "values"),
            ("form[country]", "CR"),
            ("form[year]", "2026"),
        ],
        file,
    )
    .await;
    preview_address(&reply)
}

fn preview_address(reply: &Reply) -> String {
    assert_eq!(reply.status.as_u16(), 303, "{}", reply.shown());
    let location = reply.location().expect("sent on to the preview");
    let location = location.trim_start_matches(ORIGIN).to_owned();
    assert!(location.starts_with("/imports/"), "{location}");
    location
}

/// The value of the hidden field `name` of a page.
fn hidden(page: &str, name: &str) -> String {
    let start = page
        .find(&format!("name=\"{name}\" value=\""))
        .unwrap_or_else(|| panic!("no field {name}"))
        + name.len()
        + 15;
    page[start..start + page[start..].find('"').unwrap()].to_owned()
}

/// Confirms the import previewed at `address` as the page shows it.
async fn confirm(router: &axum::Router, address: &str) -> Reply {
    let preview = get(router, address, &[]).await;
    assert_eq!(preview.status.as_u16(), 200, "{}", preview.shown());
    let id = hidden(&preview.body, "id");
    let seen = hidden(&preview.body, "seen").replace("&amp;", "&");
    tests::submit(
        router,
        address,
        "/api/imports/confirm",
        &[("id", id.as_str()), ("seen", seen.as_str())],
    )
    .await
}

/// The sheets of `workbook`, each as its name and its rows.
fn sheets(workbook: &[u8]) -> Vec<(String, Vec<Vec<Data>>)> {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(workbook.to_vec())).expect("a workbook");
    book.sheet_names()
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).unwrap();
            let rows = range.rows().map(<[Data]>::to_vec).collect();
            (name, rows)
        })
        .collect()
}

/// `workbook` saved again, as a spreadsheet program would after `edit` (by sheet name).
fn rewritten(workbook: &[u8], edit: impl Fn(&str, &mut Vec<Vec<Data>>)) -> Vec<u8> {
    let day = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    let mut out = rust_xlsxwriter::Workbook::new();
    for (name, mut rows) in sheets(workbook) {
        edit(&name, &mut rows);
        let sheet = out.add_worksheet();
        sheet.set_name(&name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match cell {
                    Data::String(text) => sheet.write_string(r, c, text).map(|_| ()),
                    Data::Float(number) => sheet.write_number(r, c, *number).map(|_| ()),
                    Data::Int(number) => sheet.write_number(r, c, *number as f64).map(|_| ()),
                    Data::Bool(value) => sheet.write_boolean(r, c, *value).map(|_| ()),
                    Data::DateTime(moment) => sheet
                        .write_number_with_format(r, c, moment.as_f64(), &day)
                        .map(|_| ()),
                    _ => Ok(()),
                }
                .unwrap();
            }
        }
    }
    out.save_to_buffer().unwrap()
}

/// The index of the column named `name` in a sheet's header.
fn column(rows: &[Vec<Data>], name: &str) -> usize {
    rows[0]
        .iter()
        .position(|cell| cell == &Data::String(name.to_owned()))
        .unwrap_or_else(|| panic!("no column {name}: {:?}", rows[0]))
}

/// Sets, in the row whose column `key` is `code`, the column `name` to `value`.
fn set(rows: &mut [Vec<Data>], key: &str, code: &str, name: &str, value: Data) {
    let (key, at) = (column(rows, key), column(rows, name));
    let row = rows
        .iter_mut()
        .find(|row| row.get(key) == Some(&Data::String(code.to_owned())))
        .unwrap_or_else(|| panic!("no row {code}"));
    if row.len() <= at {
        row.resize(at + 1, Data::Empty);
    }
    row[at] = value;
}

async fn value_of(test: &TestDatabase, code: &str, year: i32) -> Option<indicator_value::Model> {
    let indicator = indicator::Entity::find()
        .filter(indicator::Column::Code.eq(code))
        .one(&test.db)
        .await
        .unwrap()
        .unwrap();
    let cr = country::Entity::find()
        .filter(country::Column::Iso2.eq("CR"))
        .one(&test.db)
        .await
        .unwrap()
        .unwrap();
    indicator_value::Entity::find()
        .filter(indicator_value::Column::IndicatorId.eq(indicator.id))
        .filter(indicator_value::Column::CountryId.eq(cr.id))
        .filter(indicator_value::Column::Year.eq(year))
        .one(&test.db)
        .await
        .unwrap()
}

/// What countries reported, all of it: values, statuses and milestones.
async fn reported(test: &TestDatabase) -> String {
    let values = indicator_value::Entity::find().all(&test.db).await.unwrap();
    let records = country_action::Entity::find().all(&test.db).await.unwrap();
    let progress = app::db::entities::milestone_progress::Entity::find()
        .all(&test.db)
        .await
        .unwrap();
    format!("{values:?}{records:?}{progress:?}")
}

#[tokio::test]
async fn a_values_template_filled_offline_is_previewed_then_saved_in_one_transaction() {
    let test = TestDatabase::new(true).await;
    let router = test.router_as(FOCAL_CR).await;
    let page = get(&router, &format!("{VALUES_PAGE}&lang=en"), &[]).await;
    page.assert_contains("/templates/values/cr/2026.xlsx");

    let template = get(&router, "/templates/values/cr/2026.xlsx?lang=es", &[]).await;
    assert_eq!(template.status.as_u16(), 200, "{}", template.body);
    let sheet1 = tests::zip_entry(&template.bytes, "xl/worksheets/sheet1.xml");
    assert!(
        sheet1.contains("<sheetProtection"),
        "locked cells stay locked"
    );
    assert!(
        sheet1.contains("<dataValidation "),
        "lists and number rules"
    );
    assert!(
        sheet1.contains("hidden=\"1\""),
        "the stamp column is hidden"
    );
    let book = sheets(&template.bytes);
    assert_eq!(book[0].0, "Valores");
    assert_eq!(book[1].0, "Instrucciones");
    let rows = &book[0].1;
    assert_eq!(
        rows[0][..3],
        [
            Data::String("País".into()),
            Data::String("Año".into()),
            Data::String("Indicador".into())
        ]
    );
    assert_eq!(
        rows.len(),
        1 + 34 - 6,
        "a row per indicator, but the six that follow from the legislation matrix"
    );

    // The template as downloaded changes nothing.
    let unchanged = upload_values(&router, ("valores.xlsx", &template.bytes)).await;
    let preview = get(&router, &format!("{unchanged}?lang=en"), &[]).await;
    preview.assert_contains("there is nothing to change");
    preview.assert_lacks("Save the");

    let filled = rewritten(&template.bytes, |name, rows| {
        if name == "Valores" {
            set(rows, "Indicador", "ENF-01", "Valor", Data::Float(57.0));
            set(
                rows,
                "Indicador",
                "ENF-01",
                "Fuente",
                Data::String("Fiscalía General".into()),
            );
            set(
                rows,
                "Indicador",
                "SEA-01",
                "Valor",
                Data::String("Sí".into()),
            );
            set(
                rows,
                "Indicador",
                "SEA-01",
                "Fuente",
                Data::String("Código Penal".into()),
            );
            set(rows, "Indicador", "ENF-04", "Numerador", Data::Float(3.0));
            set(
                rows,
                "Indicador",
                "ENF-04",
                "Denominador",
                Data::Float(12.0),
            );
            set(
                rows,
                "Indicador",
                "ENF-04",
                "Fuente",
                Data::String("Poder Judicial".into()),
            );
        }
    });
    let address = upload_values(&router, ("valores.xlsx", &filled)).await;
    let preview = get(&router, &format!("{address}?lang=en"), &[]).await;
    preview.assert_contains("What will change (3)");
    preview.assert_contains("57 · Fiscalía General");
    preview.assert_contains("Yes · Código Penal");
    preview.assert_contains("25% · Poder Judicial");
    assert!(
        value_of(&test, "ENF-01", 2026).await.is_none(),
        "nothing written yet"
    );

    let audit_before = test.audit_count().await;
    let done = confirm(&router, &address).await;
    assert_eq!(done.status.as_u16(), 303, "{}", done.shown());
    assert_eq!(
        done.location().unwrap().trim_start_matches(ORIGIN),
        "/imports?done=written"
    );
    let saved = value_of(&test, "ENF-01", 2026).await.expect("saved");
    assert_eq!(saved.value, Some(57.0));
    assert_eq!(saved.source.as_deref(), Some("Fiscalía General"));
    assert_eq!(
        value_of(&test, "SEA-01", 2026).await.unwrap().value,
        Some(1.0)
    );
    let entries = test.audit_since(audit_before).await;
    let kinds: Vec<(&str, &str)> = entries
        .iter()
        .map(|e| (e.entity.as_str(), e.operation.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [("indicator_values", "save")],
        "the save's own entry"
    );
    assert!(
        pending_import::Entity::find_by_id(address[9..].parse::<i32>().unwrap())
            .one(&test.db)
            .await
            .unwrap()
            .is_none(),
        "a confirmed import is not kept"
    );
    let after = get(&router, "/imports?done=written&lang=en", &[]).await;
    after.assert_contains("The import was saved.");
}

#[tokio::test]
async fn a_row_changed_since_its_template_was_made_is_left_out_as_a_conflict() {
    let test = TestDatabase::new(true).await;
    let router = test.router_as(FOCAL_CR).await;
    let template = get(&router, "/templates/values/cr/2026.xlsx?lang=en", &[]).await;

    // A colleague saves ENF-01 on the page after the template was downloaded.
    let viewer = test.viewer(FOCAL_CR).await;
    let version = app::rounds::service::submission_context(&test.db, "CR", 2026)
        .await
        .unwrap()
        .submission
        .version;
    let input = app::indicators::service::ValuesInput {
        country: "CR".into(),
        year: 2026,
        version,
        values: vec![app::indicators::rules::ValueForm {
            indicator: "ENF-01".into(),
            value: "10".into(),
            source: "Ministerio Público".into(),
            ..Default::default()
        }],
    };
    app::indicators::service::save_values(&test.db, &viewer, &input, chrono::Utc::now())
        .await
        .unwrap();

    let filled = rewritten(&template.bytes, |name, rows| {
        if name == "Values" {
            set(rows, "Indicator", "ENF-01", "Value", Data::Float(20.0));
            set(
                rows,
                "Indicator",
                "ENF-01",
                "Source",
                Data::String("Fiscalía".into()),
            );
            set(rows, "Indicator", "ENF-02", "Value", Data::Float(5.0));
            set(
                rows,
                "Indicator",
                "ENF-02",
                "Source",
                Data::String("Fiscalía".into()),
            );
        }
    });
    let address = upload_values(&router, ("values.xlsx", &filled)).await;
    let preview = get(&router, &format!("{address}?lang=en"), &[]).await;
    preview.assert_contains("Left out: changed since the template was made (1)");
    preview.assert_contains("What will change (1)");
    let done = confirm(&router, &address).await;
    assert_eq!(done.status.as_u16(), 303, "{}", done.shown());
    assert_eq!(
        value_of(&test, "ENF-01", 2026).await.unwrap().value,
        Some(10.0)
    );
    assert_eq!(
        value_of(&test, "ENF-02", 2026).await.unwrap().value,
        Some(5.0)
    );
}

#[tokio::test]
async fn a_preview_confirmed_after_the_data_moved_is_refused_and_shown_again() {
    let test = TestDatabase::new(true).await;
    let router = test.router_as(FOCAL_CR).await;
    let csv = "country,year,indicator,value,source\nCR,2026,ENF-03,4,Poder Judicial\n";
    let address = upload_values(&router, ("values.csv", csv.as_bytes())).await;
    let preview = get(&router, &address, &[]).await;
    let id = hidden(&preview.body, "id");
    let refused = tests::submit(
        &router,
        &format!("{address}?lang=en"),
        "/api/imports/confirm",
        &[("id", id.as_str()), ("seen", "values:CR:999")],
    )
    .await;
    assert_eq!(refused.status.as_u16(), 422, "{}", refused.shown());
    refused.assert_contains("What is saved changed since this preview was shown");
    assert!(value_of(&test, "ENF-03", 2026).await.is_none());

    // An import is its user's alone to see or confirm.
    let other = test.router_as(SECRETARIAT).await;
    assert_eq!(get(&other, &address, &[]).await.status.as_u16(), 403);
    assert_eq!(get(&other, "/imports/999", &[]).await.status.as_u16(), 404);
}

#[tokio::test]
async fn wrong_files_get_clear_answers_in_the_users_language_and_nothing_is_written() {
    let test = TestDatabase::new(true).await;
    let router = test.router_as(FOCAL_CR).await;
    let before = reported(&test).await;
    let values = [
        ("form[kind]", "values"),
        ("form[country]", "CR"),
        ("form[year]", "2026"),
    ];

    let pdf = upload(
        &router,
        &format!("{VALUES_PAGE}&lang=es"),
        &values,
        ("informe.pdf", b"%PDF-1.7\n\x00\x01\x02"),
    )
    .await;
    assert_eq!(pdf.status.as_u16(), 422, "{}", pdf.shown());
    pdf.assert_contains("Este archivo no es una hoja de cálculo");
    let latin1 = upload(
        &router,
        VALUES_PAGE,
        &values,
        ("v.csv", b"pa\xeds;a\xf1o\n"),
    )
    .await;
    assert_eq!(latin1.status.as_u16(), 422);
    latin1.assert_contains("is not in UTF-8");
    let empty = upload(&router, VALUES_PAGE, &values, ("v.csv", b"")).await;
    assert_eq!(empty.status.as_u16(), 422);

    // Rows of another country and another year, each named where it is.
    let csv = "country;year;indicator;value;source\nGT;2026;ENF-01;3;x\nCR;2025;ENF-02;4;y\n";
    let address = upload_values(&router, ("v.csv", csv.as_bytes())).await;
    let preview = get(&router, &format!("{address}?lang=en"), &[]).await;
    preview.assert_contains("This row is for GT; this import is for Costa Rica.");
    preview.assert_contains("This row is for 2025; this import is for the 2026 round.");
    preview.assert_contains("A · Country");
    preview.assert_lacks("Save the");

    // The forms' own rules, at their row and column.
    let csv = "indicator,value,source\nENF-01,-3,x\nSEA-01,perhaps,y\nENF-02,4,\n";
    let address = upload_values(&router, ("v.csv", csv.as_bytes())).await;
    let preview = get(&router, &format!("{address}?lang=en"), &[]).await;
    preview.assert_contains("B · Value");
    preview.assert_contains("C · Source");
    preview.assert_contains("Problems (3)");

    // A validated round is locked.
    let locked = upload(
        &router,
        "/countries/cr/indicators?year=2025",
        &[
            ("form[kind]", "values"),
            ("form[country]", "CR"),
            ("form[year]", "2025"),
        ],
        ("v.csv", b"indicator,value,source\nENF-01,3,x\n"),
    )
    .await;
    let preview = get(
        &router,
        &format!("{}?lang=en", preview_address(&locked)),
        &[],
    )
    .await;
    preview.assert_contains("Problems (1)");

    // 10,000 rows are read and answered; one more is refused.
    let mut many = String::from("indicator,value,source\n");
    for _ in 0..10_000 {
        many.push_str("ENF-01,1,x\n");
    }
    let address = upload_values(&router, ("many.csv", many.as_bytes())).await;
    let preview = get(&router, &format!("{address}?lang=en"), &[]).await;
    preview.assert_contains("Problems (9999)");
    preview.assert_contains("…and 9799 more problems.");
    many.push_str("ENF-01,1,x\n");
    let too_many = upload(&router, VALUES_PAGE, &values, ("many.csv", many.as_bytes())).await;
    assert_eq!(too_many.status.as_u16(), 422);
    too_many.assert_contains("more than 10000 rows");

    // Another country's focal point may not import for Costa Rica.
    let mexico = test.router_as(FOCAL_MX).await;
    let refused = upload(
        &mexico,
        VALUES_PAGE,
        &values,
        ("v.csv", b"indicator,value\n"),
    )
    .await;
    assert_eq!(refused.status.as_u16(), 403);

    assert_eq!(reported(&test).await, before, "nothing was written");
}

/// A statuses workbook written by hand: a formula, merged cells and days as text and numbers.
fn awkward_statuses() -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Milestones").unwrap();
    for (c, name) in ["Country", "Action", "Milestone", "Achieved on"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *name).unwrap();
    }
    let rows = [
        ("CR", "1.1", "M1"),
        ("CR", "1.2", "M1"),
        ("CR", "1.3", "M1"),
    ];
    for (r, (country, action, milestone)) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        sheet.write_string(r, 0, *country).unwrap();
        sheet.write_string(r, 1, *action).unwrap();
        sheet.write_string(r, 2, *milestone).unwrap();
    }
    sheet
        .write_formula(1, 3, rust_xlsxwriter::Formula::new("=TODAY()"))
        .unwrap();
    sheet.write_string(2, 3, "31/03/2026").unwrap();
    sheet.write_number(3, 3, 46_000.0).unwrap();
    sheet
        .merge_range(5, 0, 6, 1, "merged", &rust_xlsxwriter::Format::new())
        .unwrap();
    book.save_to_buffer().unwrap()
}

#[tokio::test]
async fn formulas_merged_cells_and_days_written_as_text_are_named_where_they_are() {
    let test = TestDatabase::new(true).await;
    let router = test.router_as(FOCAL_CR).await;
    let before = reported(&test).await;
    let reply = upload(
        &router,
        "/imports",
        &[("form[kind]", "statuses"), ("form[country]", "CR")],
        ("hitos.xlsx", &awkward_statuses()),
    )
    .await;
    let preview = get(
        &router,
        &format!("{}?lang=es", preview_address(&reply)),
        &[],
    )
    .await;
    preview.assert_contains("Esta celda contiene una fórmula (=TODAY())");
    preview.assert_contains("D · Alcanzado el");
    preview.assert_contains("31/03/2026");
    preview.assert_contains("es un día escrito como texto");
    preview.assert_contains("Las celdas A6:B7 están combinadas");
    preview.assert_lacks("Guardar los");
    assert_eq!(reported(&test).await, before);
}

#[tokio::test]
async fn the_secretariat_imports_every_countrys_statuses_at_once() {
    let test = TestDatabase::new(true).await;
    let router = test.router_as(SECRETARIAT).await;
    let page = get(&router, "/imports?lang=en", &[]).await;
    page.assert_contains("/templates/statuses/all.xlsx");
    page.assert_contains("Every country");

    let template = get(&router, "/templates/statuses/all.xlsx?lang=en", &[]).await;
    assert_eq!(template.status.as_u16(), 200, "{}", template.body);
    let book = sheets(&template.bytes);
    let names: Vec<&str> = book.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(names, ["Actions", "Milestones", "Instructions"]);
    assert_eq!(book[0].1.len(), 1 + 11 * 11, "a row per country and action");

    let filled = rewritten(&template.bytes, |name, rows| {
        if name == "Actions" {
            let (country, action, status) = (
                column(rows, "Country"),
                column(rows, "Action"),
                column(rows, "Status"),
            );
            for row in rows.iter_mut().skip(1) {
                let ours = [("MX", "2.1"), ("GT", "2.1"), ("CR", "5.1")];
                if ours.iter().any(|(c, a)| {
                    row[country] == Data::String((*c).into())
                        && row[action] == Data::String((*a).into())
                }) {
                    row[status] = Data::String("Completed".into());
                }
            }
        }
    });
    let reply = upload(
        &router,
        "/imports",
        &[("form[kind]", "statuses"), ("form[country]", "")],
        ("statuses.xlsx", &filled),
    )
    .await;
    let address = preview_address(&reply);
    let preview = get(&router, &format!("{address}?lang=en"), &[]).await;
    preview.assert_contains("Every country, action statuses and milestones");
    preview.assert_contains("MX · 2.1 · Status");
    preview.assert_contains("GT · 2.1 · Status");
    let done = confirm(&router, &address).await;
    assert_eq!(done.status.as_u16(), 303, "{}", done.shown());

    let snapshot = app::dashboards::snapshot::Snapshot::load(&test.db)
        .await
        .unwrap();
    let today = chrono::Utc::now().date_naive();
    let matrix = app::matrix::queries::matrix(&snapshot, None, None, None, today);
    let row = matrix.rows.iter().find(|row| row.code == "2.1").unwrap();
    let at = |iso2: &str| {
        let index = matrix
            .countries
            .iter()
            .position(|(code, _)| code == iso2)
            .unwrap();
        row.cells[index].status
    };
    assert_eq!(at("MX"), Some(app::domain::Status::Completed));
    assert_eq!(at("GT"), Some(app::domain::Status::Completed));

    // A CSV file as Excel writes it in a Spanish locale: semicolons, Spanish column names.
    let csv = "\u{feff}País;Acción;Estado\nHN;1.1;Suspendida\n";
    let reply = upload(
        &router,
        "/imports",
        &[("form[kind]", "statuses"), ("form[country]", "")],
        ("estados.csv", csv.as_bytes()),
    )
    .await;
    let done = confirm(&router, &preview_address(&reply)).await;
    assert_eq!(done.status.as_u16(), 303, "{}", done.shown());

    // A focal point gets only its own country's template.
    let focal = test.router_as(FOCAL_CR).await;
    assert_eq!(
        get(&focal, "/templates/statuses/all.xlsx", &[])
            .await
            .status
            .as_u16(),
        403
    );
    assert_eq!(
        get(&focal, "/templates/statuses/gt.xlsx", &[])
            .await
            .status
            .as_u16(),
        403
    );
    let own = get(&focal, "/templates/statuses/cr.xlsx", &[]).await;
    assert_eq!(sheets(&own.bytes)[0].1.len(), 1 + 11);
    let refused = upload(
        &focal,
        "/imports",
        &[("form[kind]", "statuses"), ("form[country]", "")],
        ("estados.csv", csv.as_bytes()),
    )
    .await;
    assert_eq!(refused.status.as_u16(), 403);
}

#[tokio::test]
async fn a_file_without_a_column_leaves_what_the_column_would_say_as_it_is() {
    use app::db::entities::milestone_progress;
    let test = TestDatabase::new(true).await;
    let router = test.router_as(FOCAL_CR).await;
    // Notes only: the days achieved stay.
    let achieved = || async {
        milestone_progress::Entity::find()
            .all(&test.db)
            .await
            .unwrap()
            .into_iter()
            .map(|row| (row.id, row.achieved_on))
            .collect::<Vec<_>>()
    };
    let before = achieved().await;
    let csv = "action,milestone,note\n1.1,M1,Checked by the ministry\n1.2,M1,Checked\n";
    let reply = upload(
        &router,
        "/imports",
        &[("form[kind]", "statuses"), ("form[country]", "CR")],
        ("notes.csv", csv.as_bytes()),
    )
    .await;
    let address = preview_address(&reply);
    let preview = get(&router, &format!("{address}?lang=en"), &[]).await;
    preview.assert_lacks("Problems (");
    let done = confirm(&router, &address).await;
    assert_eq!(done.status.as_u16(), 303, "{}", done.shown());
    let after = achieved().await;
    for (id, day) in &before {
        assert!(
            after.contains(&(*id, *day)),
            "milestone progress {id} kept its day"
        );
    }
    assert!(
        after
            .iter()
            .all(|(id, day)| before.iter().any(|(b, _)| b == id) || day.is_none()),
        "a milestone reported for the first time is not achieved"
    );

    // Values without a note column keep their notes.
    let with_note = "indicator,value,source,note\nENF-01,5,Fiscalía,Provisional figure\n";
    let done = confirm(
        &router,
        &upload_values(&router, ("a.csv", with_note.as_bytes())).await,
    )
    .await;
    assert_eq!(done.status.as_u16(), 303, "{}", done.shown());
    let without = "indicator,value,source\nENF-01,6,Fiscalía\n";
    let done = confirm(
        &router,
        &upload_values(&router, ("b.csv", without.as_bytes())).await,
    )
    .await;
    assert_eq!(done.status.as_u16(), 303, "{}", done.shown());
    let saved = value_of(&test, "ENF-01", 2026).await.unwrap();
    assert_eq!(saved.value, Some(6.0));
    assert_eq!(saved.note.as_deref(), Some("Provisional figure"));

    // Every digit is read as typed: a count is whole or refused, never rounded.
    let address = upload_values(
        &router,
        ("c.csv", b"indicator,value,source\nENF-01,3.004,x\n"),
    )
    .await;
    let preview = get(&router, &format!("{address}?lang=en"), &[]).await;
    preview.assert_contains("Problems (1)");
}

#[tokio::test]
async fn a_file_larger_than_a_form_takes_is_refused_with_its_limit() {
    let test = TestDatabase::new(true).await;
    let router = test.router_as(FOCAL_CR).await;
    let big = vec![b'a'; app::error::FILE_LIMIT_BYTES + 1];
    let reply = upload(
        &router,
        &format!("{VALUES_PAGE}&lang=en"),
        &[
            ("form[kind]", "values"),
            ("form[country]", "CR"),
            ("form[year]", "2026"),
        ],
        ("big.csv", &big),
    )
    .await;
    assert_eq!(reply.status.as_u16(), 422, "{}", reply.shown());
    reply.assert_contains("The file is larger than 1400 KB");
}

#[tokio::test]
async fn a_value_saved_before_the_template_was_made_is_changed_not_taken_for_a_conflict() {
    let test = TestDatabase::new(true).await;
    let router = test.router_as(FOCAL_CR).await;
    // A value with a note, saved on the page before the template is downloaded.
    let viewer = test.viewer(FOCAL_CR).await;
    let input = app::indicators::service::ValuesInput {
        country: "CR".into(),
        year: 2026,
        version: 0,
        values: vec![app::indicators::rules::ValueForm {
            indicator: "ENF-04".into(),
            numerator: "3".into(),
            denominator: "7".into(),
            source: "Poder Judicial".into(),
            note: "Provisional".into(),
            ..Default::default()
        }],
    };
    app::indicators::service::save_values(&test.db, &viewer, &input, chrono::Utc::now())
        .await
        .unwrap();
    let template = get(&router, "/templates/values/cr/2026.xlsx?lang=en", &[]).await;
    let filled = rewritten(&template.bytes, |name, rows| {
        if name == "Values" {
            set(rows, "Indicator", "ENF-04", "Numerator", Data::Float(4.0));
        }
    });
    let address = upload_values(&router, ("values.xlsx", &filled)).await;
    let preview = get(&router, &format!("{address}?lang=en"), &[]).await;
    preview.assert_lacks("Left out");
    preview.assert_contains("What will change (1)");
    let done = confirm(&router, &address).await;
    assert_eq!(done.status.as_u16(), 303, "{}", done.shown());
    let saved = value_of(&test, "ENF-04", 2026).await.unwrap();
    assert_eq!(saved.numerator, Some(4.0));
    assert_eq!(saved.note.as_deref(), Some("Provisional"));
}
