//! The annual report on the demo data, through the real router and database: its sentences state the
//! progress module's figures, the page shows it in either language, the Excel annex reads back as
//! the same numbers, and bad choices get a clear message and no file.

use std::io::Cursor;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use calamine::{Data, Reader, Xlsx};
use chrono::{Datelike, NaiveDate};
use http_body_util::BodyExt;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use tower::ServiceExt;

use app::dashboards::snapshot::Snapshot;
use app::db::entities::{action, milestone, milestone_progress};
use app::domain::{Membership, Status};
use app::i18n::{format_percent, Lang};
use app::progress::{country_progress, regional_progress};
use app::reports::{assemble::annual_report, narrative::executive_summary};
use tests::{get, TestDatabase, HOST};

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

/// A far-off today: the 2025 report then stands on the last day of 2025.
fn today() -> NaiveDate {
    day("2027-06-30")
}

async fn download(router: &Router, path: &str) -> (StatusCode, String, Vec<u8>) {
    let response = router
        .clone()
        .oneshot(
            Request::get(path)
                .header(header::HOST, HOST)
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    let status = response.status();
    let kind = response
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, kind, bytes.to_vec())
}

#[tokio::test]
async fn the_summary_states_the_progress_modules_figures() {
    let test = TestDatabase::new(true).await;
    let snapshot = Snapshot::load(&test.db).await.unwrap();
    for year in [2025, 2026] {
        summary_of_year(&test, &snapshot, year).await;
    }
}

/// Recomputes each figure of the year's summary from the progress module, the snapshot's history
/// and the stored rows, and finds it in the sentences of both languages.
async fn summary_of_year(test: &TestDatabase, snapshot: &Snapshot, year: i32) {
    let report = annual_report(&test.db, snapshot, year, today())
        .await
        .unwrap();
    let as_of = NaiveDate::from_ymd_opt(year, 12, 31).unwrap();
    assert_eq!(report.as_of, as_of);

    // Regional progress: the mean over the member countries of each one's progress on that day.
    let region = snapshot.structure(Membership::Member, None);
    let states = snapshot.states_on(&region, as_of);
    let by_country: Vec<_> = region
        .countries
        .iter()
        .map(|c| {
            country_progress(
                region
                    .actions
                    .iter()
                    .filter_map(|a| states.get(&(c.id, a.id))),
                as_of,
            )
        })
        .collect();
    let regional = regional_progress(by_country).unwrap();

    // Milestones reached during the year by the member countries, counted from the stored rows.
    let members: Vec<i32> = region.countries.iter().map(|c| c.id).collect();
    let achieved = milestone_progress::Entity::find()
        .filter(milestone_progress::Column::CountryId.is_in(members))
        .all(&test.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|row| row.achieved_on.is_some_and(|d| d.year() == year))
        .count();

    // The milestones due in the year are those of the member countries' applicable actions.
    let plan = app::plan::queries::require_current_plan(&test.db)
        .await
        .unwrap();
    let action_ids: Vec<i32> = action::Entity::find()
        .filter(action::Column::PlanId.eq(plan.id))
        .all(&test.db)
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.id)
        .collect();
    let due_in_year: Vec<_> = milestone::Entity::find()
        .filter(milestone::Column::ActionId.is_in(action_ids))
        .all(&test.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.due_on.year() == year)
        .collect();
    let due: usize = region
        .countries
        .iter()
        .map(|c| {
            due_in_year
                .iter()
                .filter(|m| states[&(c.id, m.action_id)].is_applicable())
                .count()
        })
        .sum();
    assert_eq!(report.year_in_review.milestones_due, due, "{year}");

    // Actions completed during the year: completed at its end, not at the end of the year before.
    let before = snapshot.states_on(&region, as_of.with_year(year - 1).unwrap());
    let most = region
        .countries
        .iter()
        .map(|c| {
            region
                .actions
                .iter()
                .filter(|a| {
                    states[&(c.id, a.id)].status == Status::Completed
                        && before[&(c.id, a.id)].status != Status::Completed
                })
                .count()
        })
        .max()
        .unwrap();

    for lang in Lang::ALL {
        let summary = executive_summary(&report, lang);
        let first = &summary[0];
        assert!(
            first.contains(&format_percent(lang, regional.actual)),
            "{first}"
        );
        assert!(
            first.contains(&format_percent(lang, regional.expected)),
            "{first}"
        );
        let second = &summary[1];
        assert!(second.contains(&format!(" {achieved} ")), "{second}");
        if due > 0 {
            assert!(second.contains(&format!(" {due} ")), "{second}");
            let share = format_percent(lang, achieved as f64 / due as f64);
            assert!(second.contains(&share), "{second}");
        }
        let leaders = summary
            .iter()
            .find(|s| {
                [
                    "completed the most",
                    "mayor número",
                    "No action was completed",
                    "Ninguna acción se completó",
                ]
                .iter()
                .any(|words| s.contains(words))
            })
            .unwrap_or_else(|| panic!("who completed the most: {summary:?}"));
        if most > 0 {
            let count = match (most, lang) {
                (1, Lang::En) => "one action".to_owned(),
                (1, Lang::Es) => "una acción".to_owned(),
                (n, _) => format!("{n} "),
            };
            assert!(leaders.contains(&count), "{leaders}");
        }
    }
}

#[tokio::test]
async fn the_report_page_shows_the_report_in_the_chosen_language() {
    let test = TestDatabase::new(true).await;
    let router = test.reader_router().await;
    let page = get(&router, "/reports?year=2025&language=es", &[]).await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("Informe anual de seguimiento 2025");
    page.assert_contains("Cifras al 31 dic 2025");
    page.assert_contains("Resumen ejecutivo");
    page.assert_contains("los países miembros habían logrado");
    page.assert_contains("/reports/download?year=2025&amp;language=es&amp;format=xlsx");

    // A year without a round, a language the report is not written in: a notice and the nearest
    // report, never an error.
    let odd = get(&router, "/reports?year=1999&language=fr", &[]).await;
    assert_eq!(odd.status, StatusCode::OK);
    odd.assert_contains("The year in the address has no reporting round");
    odd.assert_contains("The report is written in English or Spanish");
    odd.assert_contains("Annual follow-up report 2026");
}

#[tokio::test]
async fn the_excel_annex_reads_back_as_the_reports_numbers() {
    let test = TestDatabase::new(true).await;
    let router = test.reader_router().await;
    let (status, kind, bytes) = download(
        &router,
        "/reports/download?year=2025&language=en&format=xlsx",
    )
    .await;
    assert_eq!(
        status,
        StatusCode::OK,
        "{}",
        String::from_utf8_lossy(&bytes)
    );
    assert!(kind.contains("spreadsheetml"), "{kind}");

    let snapshot = Snapshot::load(&test.db).await.unwrap();
    let report = annual_report(&test.db, &snapshot, 2025, chrono::Utc::now().date_naive())
        .await
        .unwrap();
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes.clone())).unwrap();
    assert_eq!(
        workbook.sheet_names(),
        [
            "Summary",
            "Themes",
            "Countries",
            "Countries by theme",
            "Milestones achieved",
            "Changes in the year",
            "Delayed actions",
            "Indicators",
            "Scorecard",
            "Submissions"
        ]
    );
    let summary = workbook.worksheet_range("Summary").unwrap();
    assert_eq!(
        summary.get((1, 3)),
        Some(&Data::Float(report.regional.unwrap().actual))
    );
    let themes = workbook.worksheet_range("Themes").unwrap();
    assert_eq!(themes.get((0, 2)), Some(&Data::String("Achieved".into())));
    for (row, theme) in themes.rows().skip(1).zip(&report.themes) {
        assert_eq!(row[0], Data::String(theme.code.clone()));
        let progress = theme.progress.unwrap();
        assert_eq!(row[2], Data::Float(progress.actual));
        assert_eq!(row[3], Data::Float(progress.expected));
    }
    let countries = workbook.worksheet_range("Countries").unwrap();
    assert_eq!(countries.height(), report.countries.len() + 1);
    let milestones = workbook.worksheet_range("Milestones achieved").unwrap();
    assert_eq!(
        milestones.height() - 1,
        report.year_in_review.milestones_achieved
    );
    assert!(matches!(milestones.get((1, 4)), Some(Data::DateTime(_))));
    let styles = workbook.worksheet_style("Themes").unwrap();
    let format = styles
        .get((1, 2))
        .and_then(|style| style.number_format.as_ref())
        .map(|format| format.format_code.clone());
    assert_eq!(format.as_deref(), Some("0.0%"));

    // The same data gives the same file.
    let (_, _, again) = download(
        &router,
        "/reports/download?year=2025&language=en&format=xlsx",
    )
    .await;
    assert_eq!(again, bytes);

    // In Spanish, the sheets and headers are Spanish.
    let (_, _, spanish) = download(
        &router,
        "/reports/download?year=2025&language=es&format=xlsx",
    )
    .await;
    let mut spanish: Xlsx<_> = Xlsx::new(Cursor::new(spanish)).unwrap();
    assert_eq!(spanish.sheet_names()[1], "Temas");
    let themes = spanish.worksheet_range("Temas").unwrap();
    assert_eq!(themes.get((0, 2)), Some(&Data::String("Logrado".into())));
}

#[tokio::test]
async fn bad_choices_get_a_clear_message_and_no_file() {
    let test = TestDatabase::new(true).await;
    let router = test.reader_router().await;
    let html = [("accept", "text/html"), ("accept-language", "es")];
    for (path, message) in [
        (
            "/reports/download?year=1999&language=en&format=xlsx",
            "No hay una ronda de informe para ese año",
        ),
        (
            "/reports/download?year=2025&language=fr&format=xlsx",
            "El informe se escribe en español (es) o en inglés (en)",
        ),
        (
            "/reports/download?year=2025&language=en&format=odt",
            "El informe se descarga como",
        ),
    ] {
        let refused = get(&router, path, &html).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{path}");
        refused.assert_contains(message);
        assert!(refused.headers.get(header::CONTENT_DISPOSITION).is_none());
    }
    // Without a session, the way leads to the sign-in page.
    let anonymous = get(
        &test.router(),
        "/reports/download?year=2025&language=en&format=xlsx",
        &[],
    )
    .await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
}
