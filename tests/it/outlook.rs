//! The outlook on the demo data, through the real router and database: the pages show the forecast
//! method's figures for the snapshot of the day, the early warnings give their reasons in both
//! languages, the backtest runs over the stored history, and the dashboards carry the projection.

use chrono::NaiveDate;

use app::dashboards::figures;
use app::dashboards::snapshot::Snapshot;
use app::domain::Membership;
use app::i18n::{format_percent, Lang};
use app::outlook::rules::reason_text;
use tests::{get, TestDatabase};

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

const AS_OF: &str = "2026-10-15";

struct Page(scraper::Html);

impl Page {
    fn parse(html: &str) -> Self {
        Page(scraper::Html::parse_document(html))
    }

    fn texts(&self, selector: &str) -> Vec<String> {
        let selector = scraper::Selector::parse(selector).unwrap();
        self.0
            .select(&selector)
            .map(|e| e.text().collect::<Vec<_>>().join(" "))
            .map(|text| text.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect()
    }
}

#[tokio::test]
async fn the_outlook_page_shows_each_countrys_projection_and_warnings_with_their_reasons() {
    let test = TestDatabase::new(true).await;
    let snapshot = Snapshot::load(&test.db).await.unwrap();
    let on = day(AS_OF);
    let structure = snapshot.structure(Membership::Member, None, on);
    let outlooks = figures::outlooks(
        &structure,
        &snapshot.states_on(&structure, on),
        snapshot.plan_start,
        on,
    );
    let reviewer = test.router_as("reviewer@demo.enlace").await;
    for lang in [Lang::En, Lang::Es] {
        let page = get(
            &reviewer,
            &format!("/outlook?as_of={AS_OF}&lang={}", lang.code()),
            &[],
        )
        .await;
        assert_eq!(page.status.as_u16(), 200);
        let page = Page::parse(&page.body);
        // Each country's projection at the plan's end is the method's, for the same state.
        for outlook in &outlooks {
            let row = page.texts(&format!(
                "#outlook-countries ~ div tr[data-country=\"{}\"] td",
                outlook.country.iso2
            ));
            let projected = outlook
                .projected_on(snapshot.plan_end, |_| true)
                .expect("every member can be projected after 21 months");
            assert_eq!(
                row[1],
                figures::projected_range(lang, projected),
                "{}",
                outlook.country.iso2
            );
            let warnings = outlook.outlook.warnings(snapshot.plan_end);
            let unfinished = warnings
                .iter()
                .filter(|w| matches!(w, app::progress::outlook::Warning::Action { .. }))
                .count();
            assert_eq!(row[5], unfinished.to_string(), "{}", outlook.country.iso2);
            // Every warning is listed, with its reason in the page's language.
            let listed = page.texts(&format!(
                "tr[data-country=\"{}\"][data-action]",
                outlook.country.iso2
            ));
            assert_eq!(listed.len(), warnings.len(), "{}", outlook.country.iso2);
            for (line, warning) in listed.iter().zip(&warnings) {
                let reason = match warning {
                    app::progress::outlook::Warning::Milestone { reason, .. }
                    | app::progress::outlook::Warning::Action { reason, .. } => *reason,
                };
                assert!(line.ends_with(&reason_text(lang, reason)), "{line}");
            }
        }
        // The region is the mean over the countries.
        let region = figures::projection(&outlooks, |_| true, on, snapshot.plan_end);
        let at_end = region.last().unwrap();
        assert_eq!(at_end.day, snapshot.plan_end);
        let first_row = page.texts("#outlook-themes ~ div tbody tr").remove(0);
        assert!(
            first_row.ends_with(&figures::projected_range(lang, at_end.projected)),
            "{first_row}"
        );
    }
}

#[tokio::test]
async fn a_focal_point_sees_the_warnings_of_their_own_country_first() {
    let test = TestDatabase::new(true).await;
    let focal = test.router_as("focal.mx@demo.enlace").await;
    let page = get(&focal, &format!("/outlook?as_of={AS_OF}&lang=en"), &[]).await;
    let page = Page::parse(&page.body);
    let countries: std::collections::BTreeSet<String> = page
        .0
        .select(&scraper::Selector::parse("tr[data-action]").unwrap())
        .map(|row| row.value().attr("data-country").unwrap().to_owned())
        .collect();
    assert_eq!(countries.into_iter().collect::<Vec<_>>(), ["MX"]);
    // Every country's, when asked; an unknown country gets a notice and every country.
    let all = get(&focal, "/outlook?country=all&lang=en", &[]).await;
    assert_eq!(all.status.as_u16(), 200);
    let unknown = get(&focal, "/outlook?country=zz%3Cb%3E&lang=es", &[]).await;
    unknown.assert_contains("no es miembro");
    unknown.assert_lacks("zz<b>");
}

#[tokio::test]
async fn the_method_page_reports_the_backtest_over_the_stored_history() {
    let test = TestDatabase::new(true).await;
    let snapshot = Snapshot::load(&test.db).await.unwrap();
    let backtest = app::outlook::queries::backtest(&snapshot, day("2026-12-02"));
    // The demo history is recorded up to its last day.
    assert_eq!(backtest.known_until, "2026-09-30");
    let months: Vec<u32> = backtest.horizons.iter().map(|h| h.months).collect();
    assert_eq!(months, [3, 6, 12]);
    for horizon in &backtest.horizons {
        assert!(horizon.cases >= 11 * 6, "{horizon:?}");
        assert!((0.0..=1.0).contains(&horizon.mean_absolute_error));
        assert!((0.0..=1.0).contains(&horizon.within_range));
    }
    let reviewer = test.router_as("reviewer@demo.enlace").await;
    for (lang, heading) in [
        (Lang::En, "How well it would have foreseen the past"),
        (Lang::Es, "Qué tan bien habría anticipado el pasado"),
    ] {
        let page = get(
            &reviewer,
            &format!("/outlook/method?lang={}", lang.code()),
            &[],
        )
        .await;
        page.assert_contains(heading);
        let rows = Page::parse(&page.body).texts("tr[data-months]");
        assert_eq!(rows.len(), 3);
        let twelve = &backtest.horizons[2];
        assert!(
            rows[2].contains(&format_percent(lang, twelve.within_range)),
            "{}",
            rows[2]
        );
    }
}

#[tokio::test]
async fn the_dashboards_carry_the_projection_and_a_country_says_where_it_will_stand() {
    let test = TestDatabase::new(true).await;
    let reviewer = test.router_as("reviewer@demo.enlace").await;
    let page = get(
        &reviewer,
        &format!("/countries/cr?as_of={AS_OF}&lang=en"),
        &[],
    )
    .await;
    let sentence = Page::parse(&page.body).texts(".dashboard__outlook");
    assert_eq!(sentence.len(), 1);
    assert!(
        sentence[0].starts_with("At its pace of the last twelve months, Costa Rica would reach"),
        "{}",
        sentence[0]
    );
    let page = Page::parse(
        &get(
            &reviewer,
            &format!("/countries/cr?as_of={AS_OF}&lang=es"),
            &[],
        )
        .await
        .body,
    );
    assert!(page.texts(".dashboard__outlook")[0]
        .starts_with("A su ritmo de los últimos doce meses, Costa Rica"));
    // The trajectory's table runs on to the plan's end, its projected months with their range.
    let page = get(&reviewer, &format!("/?as_of={AS_OF}&lang=en"), &[]).await;
    let rows = Page::parse(&page.body).texts("#chart-trajectory tbody tr");
    assert!(
        rows.last().unwrap().starts_with("31 Dec 2029 — "),
        "{:?}",
        rows.last()
    );
    let as_of_row = rows
        .iter()
        .position(|row| row.starts_with("15 Oct 2026"))
        .unwrap();
    assert!(rows[as_of_row].ends_with('—'));
    assert!(rows[as_of_row + 1].starts_with("31 Oct 2026 — "));
}

/// Generates the report of `choice` as the secretariat's form does, and reads the kept file.
async fn report_file(router: &axum::Router, choice: &str) -> Vec<u8> {
    let generated = tests::post_form(
        router,
        app::urls::GENERATE_PATH,
        choice,
        &[("accept", "text/html")],
    )
    .await;
    assert_eq!(generated.status.as_u16(), 303, "{}", generated.shown());
    let kept = get(router, &generated.location().unwrap(), &[]).await;
    assert_eq!(kept.status.as_u16(), 200);
    kept.bytes
}

#[tokio::test]
async fn the_annual_report_has_an_outlook_in_every_format_and_language() {
    use calamine::Reader;
    let test = TestDatabase::new(true).await;
    let router = test.router_as("secretariat@demo.enlace").await;
    let snapshot = Snapshot::load(&test.db).await.unwrap();
    let report = app::reports::queries::annual_report(
        &test.db,
        &snapshot,
        2025,
        chrono::Utc::now().date_naive(),
    )
    .await
    .unwrap();
    // The 2025 report looks ahead from the end of 2025.
    assert_eq!(report.outlook.as_of, "2025-12-31");
    let expected = app::outlook::queries::outlook_view(
        &snapshot,
        None,
        Some("2025-12-31"),
        chrono::Utc::now().date_naive(),
    );
    assert_eq!(report.outlook, expected);
    assert!(!expected.warnings.is_empty());
    let flowing = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    for (lang, heading, sheets) in [
        (Lang::En, "Outlook", ["Outlook", "Early warnings"]),
        (Lang::Es, "Proyección", ["Proyección", "Alertas tempranas"]),
    ] {
        let method = app::i18n::t(lang, "outlook-method");
        let opening: String = method.chars().take(60).collect();
        let pdf = report_file(
            &router,
            &format!("year=2025&language={}&format=pdf", lang.code()),
        )
        .await;
        let text = flowing(&tests::pdf_text(&pdf));
        assert!(text.contains(heading), "{text}");
        assert!(text.contains(&opening), "{opening} in {text}");
        let docx = report_file(
            &router,
            &format!("year=2025&language={}&format=docx", lang.code()),
        )
        .await;
        let document = tests::zip_entry(&docx, "word/document.xml");
        let first = &expected.warnings[0];
        assert!(
            document.contains(&reason_text(lang, first.reason)),
            "{}",
            lang.code()
        );
        assert!(document.contains(&opening));

        let xlsx = report_file(
            &router,
            &format!("year=2025&language={}&format=xlsx", lang.code()),
        )
        .await;
        let mut workbook: calamine::Xlsx<_> =
            calamine::Xlsx::new(std::io::Cursor::new(xlsx)).unwrap();
        let outlook = workbook.worksheet_range(sheets[0]).unwrap();
        // A header, the region, each theme and each country.
        assert_eq!(
            outlook.height(),
            1 + 1 + expected.themes.len() + expected.rows.len()
        );
        let warnings = workbook.worksheet_range(sheets[1]).unwrap();
        assert_eq!(warnings.height(), 1 + expected.warnings.len());
        let last = warnings.rows().next_back().unwrap();
        assert_eq!(
            last.last().unwrap().to_string(),
            reason_text(lang, expected.warnings.last().unwrap().reason)
        );
    }
}
