//! Tables downloaded as files: the matrix and the audit trail, as CSV and Excel, with the page's
//! filters and language, for whoever may read the page.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

use tests::{get, TestDatabase};

const REVIEWER: &str = "reviewer@demo.enlace";
const SECRETARIAT: &str = "secretariat@demo.enlace";

/// The records of a CSV file, its header first.
fn records(body: &str) -> Vec<Vec<String>> {
    let body = body
        .strip_prefix('\u{feff}')
        .expect("a byte-order mark for Excel");
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body.as_bytes())
        .records()
        .map(|record| record.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

#[tokio::test]
async fn the_matrix_downloads_as_csv_and_excel_with_its_filters_and_language() {
    let test = TestDatabase::new(true).await;
    let router = test.router_as(REVIEWER).await;

    let page = get(&router, "/matrix?theme=1&lang=en", &[]).await;
    page.assert_contains("/exports/matrix.xlsx?theme=1&amp;group=member&amp;lang=en");

    let csv = get(
        &router,
        "/exports/matrix.csv?theme=1&group=member&lang=es",
        &[],
    )
    .await;
    assert_eq!(csv.status.as_u16(), 200, "{}", csv.body);
    assert_eq!(csv.headers["content-type"], "text/csv; charset=utf-8");
    assert!(csv.headers["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("attachment; filename=\"matrix-"));
    let rows = records(&csv.body);
    assert_eq!(rows[0][..3], ["Eje temático", "Código", "Acción"]);
    assert_eq!(rows[0].len(), 3 + 11, "a column per member country");
    // Theme 1's three actions, each with a status per member country, in Spanish.
    assert_eq!(rows.len(), 4, "{rows:?}");
    assert_eq!(rows[1][..2], ["1", "1.1"]);
    assert!(
        rows[1..].iter().flatten().any(|cell| cell == "En curso"),
        "{rows:?}"
    );

    let xlsx = get(&router, "/exports/matrix.xlsx?group=member&lang=en", &[]).await;
    assert_eq!(xlsx.status.as_u16(), 200);
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(xlsx.bytes.clone())).unwrap();
    let sheet = workbook.worksheet_range("Comparative matrix").unwrap();
    let rows: Vec<_> = sheet.rows().collect();
    assert_eq!(rows[0][0], Data::String("Theme".into()));
    assert_eq!(rows.len(), 1 + 11, "every action of the plan");
}

#[tokio::test]
async fn the_audit_trail_downloads_for_the_secretariat_with_its_filters() {
    let test = TestDatabase::new(true).await;
    let secretariat = test.router_as(SECRETARIAT).await;
    let csv = get(&secretariat, "/exports/audit.csv?entity=plan&lang=en", &[]).await;
    assert_eq!(csv.status.as_u16(), 200, "{}", csv.body);
    let rows = records(&csv.body);
    assert_eq!(rows[0][..3], ["When (UTC)", "Who", "Record type"]);
    assert!(rows.len() > 1);
    assert!(rows[1..].iter().all(|row| row[2] == "plan"), "{rows:?}");
    // Values before and after keep their line breaks inside one cell.
    assert!(rows[1][7].contains("\"code\""), "{rows:?}");

    let reviewer = test.router_as(REVIEWER).await;
    let refused = get(&reviewer, "/exports/audit.xlsx", &[]).await;
    assert_eq!(refused.status.as_u16(), 403);
    let bad_day = get(&secretariat, "/exports/audit.csv?from=yesterday", &[]).await;
    assert_eq!(bad_day.status.as_u16(), 422);
}

#[tokio::test]
async fn unknown_tables_formats_and_visitors_get_no_file() {
    let test = TestDatabase::new(true).await;
    let reviewer = test.router_as(REVIEWER).await;
    for address in [
        "/exports/secrets.csv",
        "/exports/matrix.pdf",
        "/exports/matrix",
    ] {
        let reply = get(&reviewer, address, &[]).await;
        assert_eq!(reply.status.as_u16(), 404, "{address}");
    }
    let anonymous = get(&test.router(), "/exports/matrix.csv", &[]).await;
    assert_ne!(anonymous.status.as_u16(), 200);
}

#[tokio::test]
async fn the_scorecard_and_a_countrys_actions_download_as_their_pages_show_them() {
    let test = TestDatabase::new(true).await;
    let router = test.router_as(REVIEWER).await;

    let page = get(&router, "/scorecard?lang=en", &[]).await;
    page.assert_contains("/exports/scorecard.xlsx?lang=en");
    let csv = get(&router, "/exports/scorecard.csv?lang=en", &[]).await;
    assert_eq!(csv.status.as_u16(), 200, "{}", csv.body);
    let rows = records(&csv.body);
    assert_eq!(rows[0][..2], ["Country", "Year"]);
    assert!(rows[0][2].starts_with("Art. "), "{:?}", rows[0]);
    assert_eq!(rows.len(), 1 + 11, "a row per member country");
    // Shares are numbers between 0 and 1, or empty.
    for cell in rows[1..].iter().flat_map(|row| &row[2..]) {
        assert!(
            cell.is_empty() || cell.parse::<f64>().is_ok_and(|v| (0.0..=1.0).contains(&v)),
            "{cell}"
        );
    }

    let page = get(&router, "/countries/cr?lang=es", &[]).await;
    page.assert_contains("/exports/country-actions.csv?country=CR&amp;lang=es");
    let xlsx = get(
        &router,
        "/exports/country-actions.xlsx?country=cr&lang=es",
        &[],
    )
    .await;
    assert_eq!(xlsx.status.as_u16(), 200, "{}", xlsx.body);
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(xlsx.bytes.clone())).unwrap();
    let sheet = workbook.worksheet_range("Costa Rica").unwrap();
    let rows: Vec<_> = sheet.rows().collect();
    assert_eq!(rows[0][1], Data::String("Código".into()));
    assert_eq!(rows.len(), 1 + 11, "every action of the plan");
    assert!(
        matches!(rows[1][6], Data::Float(_)),
        "milestones achieved are numbers: {:?}",
        rows[1]
    );
    let unknown = get(&router, "/exports/country-actions.csv?country=ZZ", &[]).await;
    assert_eq!(unknown.status.as_u16(), 404);
}

#[tokio::test]
async fn a_rounds_tracker_downloads_with_each_countrys_submission() {
    let test = TestDatabase::new(true).await;
    let router = test.router_as(REVIEWER).await;
    let page = get(&router, "/rounds/2025?lang=en", &[]).await;
    page.assert_contains("/exports/tracker.csv?year=2025&amp;lang=en");
    let csv = get(&router, "/exports/tracker.csv?year=2025&lang=en", &[]).await;
    assert_eq!(csv.status.as_u16(), 200, "{}", csv.body);
    let rows = records(&csv.body);
    assert_eq!(rows[0][..2], ["Country", "Submission"]);
    assert_eq!(rows.len(), 1 + 11, "a row per member country");
    let missing = get(&router, "/exports/tracker.csv?year=1999", &[]).await;
    assert_eq!(missing.status.as_u16(), 404);
}

#[tokio::test]
async fn an_indicator_across_countries_downloads_with_values_targets_and_standing() {
    let test = TestDatabase::new(true).await;
    let router = test.router_as(REVIEWER).await;
    let page = get(&router, "/indicators/ENF-01?lang=en", &[]).await;
    page.assert_contains("/exports/indicator.xlsx?code=ENF-01&amp;lang=en");

    let xlsx = get(&router, "/exports/indicator.xlsx?code=enf-01&lang=en", &[]).await;
    assert_eq!(xlsx.status.as_u16(), 200, "{}", xlsx.body);
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(xlsx.bytes.clone())).unwrap();
    let sheet = workbook.worksheet_range_at(0).unwrap().unwrap();
    let rows: Vec<_> = sheet.rows().collect();
    assert_eq!(rows[0][0], Data::String("Country".into()));
    assert_eq!(rows.len(), 1 + 11, "a row per member country");
    // A count is a number in the sheet, with its state beside it.
    assert!(
        rows[1..]
            .iter()
            .any(|row| matches!(row[1], Data::Float(_))
                && row[2] == Data::String("Validated".into())),
        "{rows:?}"
    );

    // A yes/no indicator says its answer in the reader's language.
    let csv = get(&router, "/exports/indicator.csv?code=LEG-05&lang=es", &[]).await;
    assert_eq!(csv.status.as_u16(), 200, "{}", csv.body);
    let rows = records(&csv.body);
    assert_eq!(rows[0][0], "País");
    assert!(
        rows[1..]
            .iter()
            .flatten()
            .any(|cell| cell == "Sí" || cell == "No"),
        "{rows:?}"
    );
    for address in [
        "/exports/indicator.csv?code=NOPE-99",
        "/exports/indicator.csv",
    ] {
        assert_eq!(
            get(&router, address, &[]).await.status.as_u16(),
            404,
            "{address}"
        );
    }
}
