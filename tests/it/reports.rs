//! The annual report on the demo data, through the real router and database: its sentences state the
//! progress module's figures, the page shows it in either language, the Excel annex reads back as
//! the same numbers, and bad choices get a clear message and no file.

use std::io::Cursor;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use calamine::{Data, Reader, Xlsx};
use chrono::{Datelike, NaiveDate};
use http_body_util::BodyExt;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use tower::ServiceExt;

use app::dashboards::snapshot::Snapshot;
use app::db::entities::{action, generated_report, milestone, milestone_progress};
use app::domain::{Membership, Status};
use app::i18n::{format_percent, Lang};
use app::progress::{country_progress, regional_progress, ScheduleStatus};
use app::reports::narrative::executive_summary;
use app::reports::queries::annual_report;
use app::urls::GENERATE_PATH;
use tests::{get, post_form, TestDatabase, HOST};

const SECRETARIAT: &str = "secretariat@demo.enlace";

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

/// A far-off today: the 2025 report then stands on the last day of 2025.
fn today() -> NaiveDate {
    day("2027-06-30")
}

/// Generates the report of `choice` (`year=…&language=…&format=…`) as a browser's form would, and
/// follows the answer to the kept file: its status, content type and bytes.
async fn download(router: &Router, choice: &str) -> (StatusCode, String, Vec<u8>) {
    let generated = post_form(router, GENERATE_PATH, choice, &[("accept", "text/html")]).await;
    if generated.status != StatusCode::SEE_OTHER {
        return (generated.status, String::new(), generated.body.into_bytes());
    }
    let location = generated.location().expect("the way to the kept file");
    let response = router
        .clone()
        .oneshot(
            Request::get(location)
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
    let region = snapshot.structure(Membership::Member, None, as_of);
    let states = snapshot.states_on(&region, as_of);
    let by_country: Vec<_> = region
        .countries
        .iter()
        .map(|c| {
            country_progress(
                region.actions.iter().filter_map(|a| states.get(c.id, a.id)),
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
                .filter(|m| {
                    states
                        .get(c.id, m.action_id)
                        .expect("a state")
                        .is_applicable()
                })
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
                    states.get(c.id, a.id).expect("a state").status == Status::Completed
                        && before.get(c.id, a.id).expect("a state").status != Status::Completed
                })
                .count()
        })
        .max()
        .unwrap();

    // Each theme's schedule status: the mean over the countries of their progress in it.
    let schedule_of_theme = |theme_id: i32| {
        regional_progress(region.countries.iter().map(|c| {
            country_progress(
                region
                    .actions
                    .iter()
                    .filter(|a| a.theme_id == theme_id)
                    .filter_map(|a| states.get(c.id, a.id)),
                as_of,
            )
        }))
        .map(|p| p.schedule())
    };

    for lang in Lang::ALL {
        let summary = executive_summary(&report, lang);
        // The themes of each status, named together in one sentence, in the plan's order, with no
        // theme of another status.
        let themes_of = |status: ScheduleStatus| -> Vec<String> {
            region
                .themes
                .iter()
                .filter(|theme| schedule_of_theme(theme.id) == Some(status))
                .map(|theme| match lang {
                    Lang::En => format!("“{}”", theme.name.en),
                    Lang::Es => format!("«{}»", theme.name.es),
                })
                .collect()
        };
        let statuses = [
            ScheduleStatus::OnTrack,
            ScheduleStatus::NeedsAcceleration,
            ScheduleStatus::OffTrack,
        ];
        // How each status's sentence opens, written out here rather than taken from the catalogue.
        let opening = |status: ScheduleStatus, count: usize| -> String {
            let (one, many) = match (lang, status) {
                (Lang::En, ScheduleStatus::OnTrack) => {
                    ("One theme is on track", "themes are on track")
                }
                (Lang::En, ScheduleStatus::NeedsAcceleration) => {
                    ("One theme needs acceleration", "themes need acceleration")
                }
                (Lang::En, ScheduleStatus::OffTrack) => {
                    ("One theme is off track", "themes are off track")
                }
                (Lang::Es, ScheduleStatus::OnTrack) => (
                    "Un tema va según lo previsto",
                    "temas van según lo previsto",
                ),
                (Lang::Es, ScheduleStatus::NeedsAcceleration) => (
                    "Un tema requiere aceleración",
                    "temas requieren aceleración",
                ),
                (Lang::Es, ScheduleStatus::OffTrack) => {
                    ("Un tema va retrasado", "temas van retrasados")
                }
            };
            if count == 1 {
                format!("{one}: ")
            } else {
                format!("{count} {many}: ")
            }
        };
        let mut named = 0;
        for status in statuses {
            let names = themes_of(status);
            let Some(first_name) = names.first() else {
                continue;
            };
            named += names.len();
            let sentence = summary
                .iter()
                .find(|sentence| sentence.contains(first_name.as_str()))
                .unwrap_or_else(|| panic!("{first_name} in {summary:?}"));
            let opens = opening(status, names.len());
            assert!(sentence.contains(&opens), "{opens:?} in {sentence}");
            let positions: Vec<usize> = names
                .iter()
                .map(|name| {
                    sentence
                        .find(name.as_str())
                        .unwrap_or_else(|| panic!("{name} in {sentence}"))
                })
                .collect();
            assert!(
                positions.windows(2).all(|pair| pair[0] < pair[1]),
                "{sentence}"
            );
            for other in statuses.into_iter().filter(|other| *other != status) {
                for name in themes_of(other) {
                    assert!(!sentence.contains(&name), "{name} in {sentence}");
                }
            }
        }
        assert!(named > 0, "no theme named in {summary:?}");
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
    page.assert_contains("No report has been generated yet.");
    // Generating and keeping the report's files is the secretariat's; readers download them.
    page.assert_lacks("action=\"/reports/generate\"");
    page.assert_contains("The secretariat generates the report");
    let secretariat = test.router_as(SECRETARIAT).await;
    get(&secretariat, "/reports?year=2025&language=es", &[])
        .await
        .assert_contains("action=\"/reports/generate\"");

    // A year without a round, a language the report is not written in: a notice and the nearest
    // report, never an error.
    let odd = get(&router, "/reports?year=1999&language=fr", &[]).await;
    assert_eq!(odd.status, StatusCode::OK);
    odd.assert_contains("The year in the address has no reporting round");
    odd.assert_contains("The report is written in English or Spanish");
    odd.assert_contains("Annual follow-up report 2026");
    // In the open round nothing is validated yet: each country's section says so plainly.
    odd.assert_contains("Its submission for 2026 is not validated (");
    let unknown_plan = get(&router, "/reports?plan=no-such-plan", &[]).await;
    assert_eq!(unknown_plan.status, StatusCode::OK);
    unknown_plan.assert_contains("No plan has the code in the address");
}

#[tokio::test]
async fn the_excel_annex_reads_back_as_the_reports_numbers() {
    let test = TestDatabase::new(true).await;
    let router = test.router_as(SECRETARIAT).await;
    let (status, kind, bytes) = download(&router, "year=2025&language=en&format=xlsx").await;
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
            "Submissions",
            "Legislation",
            "Outlook",
            "Early warnings"
        ]
    );
    // The legislation matrix as it stood at the year's end: a row per member and provision, the
    // coverage the report's annex shows.
    let legislation = workbook.worksheet_range("Legislation").unwrap();
    let matrix = &report.legislation;
    assert_eq!(
        legislation.height() - 1,
        matrix.rows.len() * matrix.provisions.len()
    );
    let first = &matrix.rows[0];
    let coverage =
        first.cells[0].map(|c| app::i18n::t(app::i18n::Lang::En, c.coverage.label_key()));
    assert_eq!(
        legislation.get((1, 5)),
        Some(&Data::String(coverage.unwrap_or_else(|| "—".into())))
    );
    // Every member's 2025 submission was validated: its matrix stands as validated then.
    assert!(matrix
        .rows
        .iter()
        .all(|r| r.cells.iter().all(|c| c.is_some_and(|c| c.verified))));
    let summary = workbook.worksheet_range("Summary").unwrap();
    assert_eq!(
        summary.get((1, 3)),
        Some(&Data::Float(report.regional.unwrap().actual))
    );
    let themes = workbook.worksheet_range("Themes").unwrap();
    assert_eq!(themes.get((0, 2)), Some(&Data::String("Achieved".into())));
    assert_eq!(themes.rows().skip(1).count(), report.themes.len());
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
    let (_, _, again) = download(&router, "year=2025&language=en&format=xlsx").await;
    assert_eq!(again, bytes);

    // In Spanish, the sheets and headers are Spanish.
    let (_, _, spanish) = download(&router, "year=2025&language=es&format=xlsx").await;
    let mut spanish: Xlsx<_> = Xlsx::new(Cursor::new(spanish)).unwrap();
    assert_eq!(spanish.sheet_names()[1], "Temas");
    let themes = spanish.worksheet_range("Temas").unwrap();
    assert_eq!(themes.get((0, 2)), Some(&Data::String("Logrado".into())));
}

#[tokio::test]
async fn bad_choices_get_a_clear_message_and_nothing_kept() {
    let test = TestDatabase::new(true).await;
    let router = test.router_as(SECRETARIAT).await;
    let html = [("accept", "text/html"), ("accept-language", "es")];
    for (choice, message) in [
        (
            "year=1999&language=en&format=xlsx",
            "No hay una ronda de informe para ese año",
        ),
        (
            "year=2025&language=fr&format=xlsx",
            "El informe se escribe en español (es) o en inglés (en)",
        ),
        (
            "year=2025&language=en&format=odt",
            "El informe se descarga como pdf, docx o xlsx",
        ),
        (
            "plan=no-such-plan&year=2025&language=en&format=pdf",
            "Ningún plan tiene ese código",
        ),
    ] {
        let refused = post_form(&router, GENERATE_PATH, choice, &html).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{choice}");
        refused.assert_contains(message);
    }
    assert_eq!(
        generated_report::Entity::find()
            .count(&test.db)
            .await
            .unwrap(),
        0
    );
    // Without a session, the way leads to the sign-in page.
    let anonymous = get(&test.router(), "/reports/files/1", &[]).await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn each_generated_report_is_kept_and_can_be_downloaded_again() {
    let test = TestDatabase::new(true).await;
    let router = test.router_as(SECRETARIAT).await;
    let (status, _, first) = download(&router, "year=2025&language=es&format=xlsx").await;
    assert_eq!(status, StatusCode::OK);
    let kept = generated_report::Entity::find()
        .all(&test.db)
        .await
        .unwrap();
    assert_eq!(kept.len(), 1);
    let record = &kept[0];
    assert_eq!(
        (
            record.year,
            record.language.as_str(),
            record.format.as_str()
        ),
        (2025, "es", "xlsx")
    );
    assert_eq!(record.file_name, "enlace-report-2025-es.xlsx");
    use sha2::Digest;
    assert_eq!(record.sha256, hex::encode(sha2::Sha256::digest(&first)));
    let secretariat = test.user(SECRETARIAT).await.unwrap();
    assert_eq!(record.generated_by, secretariat.id);

    // Listed on the page with who made it and its checksum, and downloadable again as it was.
    let page = get(&router, "/reports?year=2025&language=es", &[]).await;
    page.assert_contains(&record.sha256[..12]);
    page.assert_contains(&format!("href=\"/reports/files/{}\"", record.id));
    let again = router
        .clone()
        .oneshot(
            Request::get(format!("/reports/files/{}", record.id))
                .header(header::HOST, HOST)
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(
        again.headers()[header::CONTENT_DISPOSITION],
        "attachment; filename=\"enlace-report-2025-es.xlsx\"; filename*=UTF-8''enlace-report-2025-es.xlsx"
    );
    let bytes = again.into_body().collect().await.unwrap().to_bytes();
    assert_eq!(bytes.to_vec(), first);
    // A reviewer downloads what the secretariat kept, and may not generate.
    let reader = test.reader_router().await;
    let downloaded = get(&reader, &format!("/reports/files/{}", record.id), &[]).await;
    assert_eq!(downloaded.status, StatusCode::OK);
    let (status, _, _) = download(&reader, "year=2025&language=en&format=pdf").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(
        get(&router, "/reports/files/999", &[]).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_pdf_states_the_regional_progress_in_its_language() {
    let test = TestDatabase::new(true).await;
    let router = test.router_as(SECRETARIAT).await;
    let snapshot = Snapshot::load(&test.db).await.unwrap();
    let report = annual_report(&test.db, &snapshot, 2025, chrono::Utc::now().date_naive())
        .await
        .unwrap();
    let regional = report.regional.unwrap();
    for (lang, heading) in [
        (Lang::En, "Annual follow-up report 2025"),
        (Lang::Es, "Informe anual de seguimiento 2025"),
    ] {
        let path = format!("year=2025&language={}&format=pdf", lang.code());
        let (status, kind, pdf) = download(&router, &path).await;
        assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&pdf));
        assert_eq!(kind, "application/pdf");
        assert!(pdf.starts_with(b"%PDF-"));
        let text = tests::pdf_text(&pdf);
        assert!(text.contains(heading), "{text}");
        let summary = executive_summary(&report, lang);
        let words: String = summary[0].split_whitespace().collect::<Vec<_>>().join(" ");
        let flowing: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            flowing.contains(&format_percent(lang, regional.actual)),
            "{flowing}"
        );
        assert!(flowing.contains(&words[..40]), "{words} in {flowing}");
        // The same data gives the same file.
        let (_, _, again) = download(&router, &path).await;
        assert_eq!(again, pdf);
    }
}

/// Converts `file` to PDF with LibreOffice (Debian's `libreoffice-writer-nogui` and
/// `libreoffice-calc-nogui`, which `tests/run-all.sh` installs), in a profile of its own, and
/// returns the converted PDF's text.
fn through_libreoffice(name: &str, bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join(name);
    std::fs::write(&input, bytes).unwrap();
    let output = std::process::Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}/profile",
            dir.path().display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&input)
        .output()
        .expect("LibreOffice (apt-get install libreoffice-writer-nogui libreoffice-calc-nogui)");
    assert!(output.status.success(), "{output:?}");
    let converted = input.with_extension("pdf");
    let pdf = std::fs::read(&converted)
        .unwrap_or_else(|_| panic!("LibreOffice made no PDF of {name}: {output:?}"));
    tests::pdf_text(&pdf)
}

#[tokio::test]
async fn the_word_and_excel_files_open_in_libreoffice() {
    let test = TestDatabase::new(true).await;
    let router = test.router_as(SECRETARIAT).await;
    let snapshot = Snapshot::load(&test.db).await.unwrap();
    let report = annual_report(&test.db, &snapshot, 2025, chrono::Utc::now().date_naive())
        .await
        .unwrap();
    let actual = format_percent(Lang::Es, report.regional.unwrap().actual);

    let (status, kind, word) = download(&router, "year=2025&language=es&format=docx").await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&word));
    assert!(kind.contains("wordprocessingml"), "{kind}");
    // Real headings, tables and images, not formatted paragraphs.
    let mut archive = zip::ZipArchive::new(Cursor::new(word.clone())).unwrap();
    let mut body = String::new();
    std::io::Read::read_to_string(
        &mut archive.by_name("word/document.xml").unwrap(),
        &mut body,
    )
    .unwrap();
    assert!(
        body.contains("<w:pStyle w:val=\"Heading1\" />")
            || body.contains("<w:pStyle w:val=\"Heading1\"/>"),
        "no heading style"
    );
    assert!(body.contains("<w:tbl>"));
    assert!(
        archive.by_name("word/media/rIdImage1.png").is_ok()
            || archive.file_names().any(|n| n.starts_with("word/media/"))
    );
    let text = through_libreoffice("report.docx", &word);
    let flowing: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flowing.contains("Informe anual de seguimiento 2025"),
        "{flowing}"
    );
    assert!(flowing.contains(&actual), "{flowing}");

    let (status, _, sheets) = download(&router, "year=2025&language=es&format=xlsx").await;
    assert_eq!(status, StatusCode::OK);
    let text = through_libreoffice("report.xlsx", &sheets);
    assert!(text.contains("Logrado"), "{text}");

    // The same data gives the same Word file.
    let (_, _, again) = download(&router, "year=2025&language=es&format=docx").await;
    assert_eq!(again, word);
}

/// The report's part of its page, as the server renders it.
fn article(page: &str) -> String {
    let start = page.find("<article lang=").expect("the report");
    let end = page[start..].find("</article>").expect("its end") + start + "</article>".len();
    page[start..end].replace("><", ">\n<")
}

#[tokio::test]
async fn the_report_reads_the_same_for_the_same_data() {
    let test = TestDatabase::new(true).await;
    let router = test.router_as(SECRETARIAT).await;
    for lang in Lang::ALL {
        let code = lang.code();
        let page = get(&router, &format!("/reports?year=2025&language={code}"), &[]).await;
        assert_eq!(page.status, StatusCode::OK);
        insta::assert_snapshot!(format!("report_html_{code}"), article(&page.body));
        let (status, _, pdf) =
            download(&router, &format!("year=2025&language={code}&format=pdf")).await;
        assert_eq!(status, StatusCode::OK);
        insta::assert_snapshot!(format!("report_pdf_text_{code}"), tests::pdf_text(&pdf));
    }
}

/// The test runs on one thread: had typesetting blocked it, the health checks made meanwhile would
/// stall for as long as it lasts.
#[tokio::test(flavor = "current_thread")]
async fn generating_a_report_does_not_hold_up_other_requests() {
    let test = TestDatabase::new(true).await;
    let router = test.router_as(SECRETARIAT).await;
    let anyone = test.router();
    let done = std::cell::Cell::new(false);
    let started = Instant::now();
    let generating = async {
        let (status, _, _) = download(&router, "year=2026&language=es&format=pdf").await;
        assert_eq!(status, StatusCode::OK);
        done.set(true);
        Instant::now()
    };
    let checking = async {
        let mut last = Instant::now();
        let mut longest = Duration::ZERO;
        while !done.get() {
            tokio::time::sleep(Duration::from_millis(20)).await;
            assert_eq!(get(&anyone, "/health", &[]).await.status, StatusCode::OK);
            longest = longest.max(last.elapsed());
            last = Instant::now();
        }
        longest
    };
    let (finished, longest) = tokio::join!(generating, checking);
    let took = finished - started;
    assert!(
        longest * 3 < took,
        "health checks went on while the report was generated: the longest wait between two was \
         {longest:?}, the generation took {took:?}"
    );
}
