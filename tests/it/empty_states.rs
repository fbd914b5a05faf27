//! Honest empty states: the built-in plan as a new database has it, with no milestones and nothing
//! reported, says so in words on the regional, theme and country dashboards and in the annual
//! report (its page, the blocks the PDF and Word files are written from, and the Excel annex), in
//! English and in Spanish, and never calls itself on track from 0 % expected. Once a country reports
//! a status, the progress its statuses give shows, still without a schedule status.

use std::io::Cursor;

use axum::http::StatusCode;
use calamine::{Data, Reader, Xlsx};
use chrono::{NaiveDate, Utc};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use app::dashboards::snapshot::Snapshot;
use app::db::entities::{action, milestone};
use app::domain::{Role, Status};
use app::i18n::Lang;
use app::reports::document::{document, Block, ReportDocument};
use app::reports::queries::annual_report;
use app::rounds::service::open_round;
use app::rounds::types::RoundSettings;
use tests::{get, post_form, status_form, TestDatabase};

const SECRETARIAT: &str = "secretariat@enlace.test";
const FOCAL_CR: &str = "focal.cr@enlace.test";

/// What each language says of a figure without milestones or reports, and the schedule status it
/// must not claim.
struct Words {
    no_milestones: &'static str,
    none_reported: &'static str,
    not_reported: &'static str,
    on_track: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::En => Words {
            no_milestones: "No milestones defined yet",
            none_reported: "No country has reported yet",
            not_reported: "Not reported yet",
            on_track: "On track",
        },
        Lang::Es => Words {
            no_milestones: "Aún no hay hitos definidos",
            none_reported: "Ningún país ha informado aún",
            not_reported: "Aún sin informar",
            on_track: "En buen camino",
        },
    }
}

/// A new database with the built-in plan, which defines no milestones, and no demo data.
async fn plan_without_milestones() -> TestDatabase {
    let test = TestDatabase::new(false).await;
    assert_eq!(
        milestone::Entity::find().count(&test.db).await.unwrap(),
        0,
        "the built-in plan defines no milestones"
    );
    test
}

#[tokio::test]
async fn a_plan_without_milestones_nor_reports_says_so_on_every_dashboard() {
    let test = plan_without_milestones().await;
    let router = test.reader_router().await;
    for lang in Lang::ALL {
        let said = words(lang);
        let code = lang.code();

        let regional = get(&router, &format!("/?lang={code}"), &[]).await;
        assert_eq!(regional.status, StatusCode::OK);
        regional.assert_contains("dashboard__regional");
        regional.assert_contains(said.no_milestones);
        regional.assert_contains(said.none_reported);
        // Each country's bar says it has not reported, rather than 0 %.
        regional.assert_contains(said.not_reported);
        regional.assert_lacks(said.on_track);

        let theme = get(&router, &format!("/themes/1?lang={code}"), &[]).await;
        assert_eq!(theme.status, StatusCode::OK);
        theme.assert_contains(said.no_milestones);
        theme.assert_contains(said.not_reported);
        // The theme as a whole says that no country has reported on it.
        theme.assert_contains("dashboard__summary");
        theme.assert_contains(said.none_reported);
        theme.assert_lacks(said.on_track);

        let country = get(&router, &format!("/countries/cr?lang={code}"), &[]).await;
        assert_eq!(country.status, StatusCode::OK);
        country.assert_contains(said.no_milestones);
        country.assert_contains(said.not_reported);
        country.assert_lacks(said.on_track);
    }
}

#[tokio::test]
async fn once_a_country_reports_its_statuses_give_progress_but_no_schedule_status() {
    let test = plan_without_milestones().await;
    test.add_user(FOCAL_CR, Role::FocalPoint, Some("CR"), false)
        .await;
    let first = action::Entity::find()
        .filter(action::Column::Code.eq("1.1"))
        .one(&test.db)
        .await
        .unwrap()
        .expect("the built-in plan's action 1.1");
    let focal = test.router_as(FOCAL_CR).await;
    let saved = post_form(
        &focal,
        "/api/actions/update",
        &status_form(first.id, 0, Status::InProgress),
        &[],
    )
    .await;
    assert!(saved.status.is_success(), "{}", saved.body);

    let router = test.reader_router().await;
    for (lang, by_status) in [
        (
            Lang::En,
            "by the statuses reported (No milestones defined yet)",
        ),
        (
            Lang::Es,
            "según los estados informados (Aún no hay hitos definidos)",
        ),
    ] {
        let said = words(lang);
        let code = lang.code();
        let regional = get(&router, &format!("/?lang={code}"), &[]).await;
        regional.assert_contains(by_status);
        // Costa Rica's bar shows its progress; the countries that reported nothing still say so,
        // as do the themes nobody reported on.
        regional.assert_contains(&format!(" · {}", said.no_milestones));
        regional.assert_contains(said.not_reported);
        regional.assert_contains(said.none_reported);
        regional.assert_lacks(said.on_track);

        let country = get(&router, &format!("/countries/cr?lang={code}"), &[]).await;
        country.assert_contains(&format!(" · {}", said.no_milestones));
        country.assert_lacks(said.on_track);
        let other = get(&router, &format!("/countries/mx?lang={code}"), &[]).await;
        other.assert_contains(said.not_reported);
        other.assert_lacks(said.on_track);
    }
}

/// Every text of the report's blocks, a line each, as the PDF and the Word file write them.
fn document_text(report: &ReportDocument) -> String {
    let mut lines = Vec::new();
    for block in &report.blocks {
        match block {
            Block::Heading { text, .. } | Block::Paragraph { text } | Block::Quote { text } => {
                lines.push(text.clone());
            }
            Block::List { items } => lines.extend(items.iter().cloned()),
            Block::Table {
                caption,
                headers,
                rows,
            } => {
                lines.push(caption.clone());
                lines.push(headers.join(" | "));
                lines.extend(rows.iter().map(|row| row.join(" | ")));
            }
            Block::Chart { caption, .. } => lines.push(caption.clone()),
        }
    }
    lines.join("\n")
}

/// The report's part of the reports page.
fn article(page: &str) -> &str {
    let start = page.find("<article lang=").expect("the report");
    let end = page[start..].find("</article>").expect("its end") + start;
    &page[start..end]
}

#[tokio::test]
async fn the_annual_report_of_a_plan_without_milestones_nor_reports_says_so() {
    let test = plan_without_milestones().await;
    test.add_user(SECRETARIAT, Role::Secretariat, None, false)
        .await;
    let secretariat = test.viewer(SECRETARIAT).await;
    let round = RoundSettings {
        year: 2025,
        opens_on: "2025-11-01".parse().unwrap(),
        due_on: "2026-03-31".parse().unwrap(),
        remind_before_days: vec![7, 1],
        remind_after_days: vec![1, 7],
    };
    open_round(&test.db, &secretariat, &round, Utc::now())
        .await
        .expect("the 2025 round opens");

    // The page's preview, in each language.
    let router = test.reader_router().await;
    for lang in Lang::ALL {
        let said = words(lang);
        let page = get(
            &router,
            &format!("/reports?year=2025&language={}", lang.code()),
            &[],
        )
        .await;
        assert_eq!(page.status, StatusCode::OK);
        let report = article(&page.body);
        for needle in [said.no_milestones, said.none_reported, said.not_reported] {
            assert!(report.contains(needle), "{needle:?} in {report}");
        }
        assert!(!report.contains(said.on_track), "{report}");
    }

    // The blocks the PDF and the Word file are written from, the charts, and the Excel annex.
    let snapshot = Snapshot::load(&test.db).await.unwrap();
    let today: NaiveDate = "2027-06-30".parse().unwrap();
    let report = annual_report(&test.db, &snapshot, 2025, today)
        .await
        .unwrap();
    assert!(report.regional.is_some());
    assert!(!report.regional_basis.is_reported());
    assert!(!report.regional_basis.has_milestones());
    for lang in Lang::ALL {
        let said = words(lang);
        let text = document_text(&document(&report, lang));
        for needle in [said.no_milestones, said.none_reported, said.not_reported] {
            assert!(text.contains(needle), "{needle:?} in {text}");
        }
        assert!(!text.contains(said.on_track), "{text}");
        for (wrong, language) in [
            ("The plan is on track", Lang::En),
            ("One theme is on track", Lang::En),
            ("themes are on track", Lang::En),
            ("El plan va según lo previsto", Lang::Es),
            ("Un tema va según lo previsto", Lang::Es),
            ("temas van según lo previsto", Lang::Es),
        ] {
            if language == lang {
                assert!(!text.contains(wrong), "{wrong:?} in {text}");
            }
        }
        for chart in app::reports::render::charts(&report, lang) {
            assert!(!chart.svg.contains(said.on_track), "{}", chart.svg);
            assert!(chart.svg.contains(said.no_milestones), "{}", chart.svg);
            for row in &chart.table.rows {
                assert_ne!(row[3], said.on_track);
                assert_eq!(row[1], "—", "no share before anything is reported: {row:?}");
            }
        }

        let bytes = app::reports::xlsx::workbook(&report, lang).unwrap();
        let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
        let names = workbook.sheet_names();
        let summary = workbook.worksheet_range(&names[0]).unwrap();
        // Plan, year, date; then achieved, expected and the schedule status's column.
        assert!(
            !matches!(summary.get((1, 3)), Some(Data::Float(_))),
            "{:?}",
            summary.get((1, 3))
        );
        assert_eq!(
            summary.get((1, 5)),
            Some(&Data::String(format!(
                "{} · {}",
                said.no_milestones, said.none_reported
            )))
        );
        let countries = workbook.worksheet_range(&names[2]).unwrap();
        assert!(countries.height() > 1);
        for row in countries.rows().skip(1) {
            assert_eq!(
                row[4],
                Data::String(format!("{} · {}", said.no_milestones, said.not_reported))
            );
        }
    }
}
