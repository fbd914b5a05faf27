//! The outlook on the demo data, through the real router and database: the pages show the forecast
//! method's figures for the snapshot of the day, the early warnings give their reasons in both
//! languages, the backtest runs over the stored history, and the dashboards carry the projection.

use chrono::NaiveDate;

use app::dashboards::figures;
use app::dashboards::snapshot::Snapshot;
use app::domain::Membership;
use app::i18n::{format_percent, Lang};
use app::outlook::rules::reason_text;
use tests::{get, Page, TestDatabase};

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

const AS_OF: &str = "2026-10-15";

#[tokio::test]
async fn the_outlook_page_shows_each_countrys_projection_and_warnings_with_their_reasons() {
    let test = TestDatabase::new(true).await;
    let snapshot = Snapshot::load(&test.db).await.unwrap();
    let on = day(AS_OF);
    let structure = snapshot.structure(Membership::Member, None, on);
    let states = snapshot.states_on(&structure, on);
    let outlooks = figures::outlooks(&structure, states.clone(), snapshot.plan_start, on);
    let reviewer = test.router_as("reviewer@demo.enlace").await;
    for lang in [Lang::En, Lang::Es] {
        let page = get(
            &reviewer,
            &format!("/outlook?as_of={AS_OF}&lang={}", lang.code()),
            &[],
        )
        .await;
        assert_eq!(page.status.as_u16(), 200);
        // The warnings of every page of them, each page linking to the next.
        let mut listed_pages = vec![Page::parse(&page.body)];
        while let Some(next) = listed_pages
            .last()
            .unwrap()
            .attributes("a[rel=next]", "href")
            .first()
            .cloned()
        {
            let next = get(&reviewer, &format!("{next}&lang={}", lang.code()), &[]).await;
            assert_eq!(next.status.as_u16(), 200);
            listed_pages.push(Page::parse(&next.body));
        }
        assert!(
            listed_pages.len() > 1,
            "the demo's warnings take more than one page"
        );
        let page = &listed_pages[0];
        // Each country's projection at the plan's end is the method's, for the same state.
        for outlook in &outlooks {
            let row = page.texts(&format!(
                "#outlook-countries ~ div tr[data-country=\"{}\"] td",
                outlook.country.iso2
            ));
            let projected = outlook
                .outlook
                .projected_on(snapshot.plan_end)
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
            let listed: Vec<String> = listed_pages
                .iter()
                .flat_map(|page| {
                    page.texts(&format!(
                        "tr[data-country=\"{}\"][data-action]",
                        outlook.country.iso2
                    ))
                })
                .collect();
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
        let region = figures::projection(
            (&structure, &states),
            snapshot.plan_start,
            |_| true,
            on,
            snapshot.plan_end,
        );
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
        .attributes("tr[data-action]", "data-country")
        .into_iter()
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
    // The figures docs/outlook.md reports, shown with `--no-capture`.
    eprintln!("| ahead | cases | mean error | bias | within range | no change's error |");
    eprintln!("|---|---|---|---|---|---|");
    for h in &backtest.horizons {
        eprintln!(
            "| {} months | {} | {:.1} points | {:+.1} points | {:.0}% | {:.1} points |",
            h.months,
            h.cases,
            100.0 * h.mean_absolute_error,
            100.0 * h.bias,
            100.0 * h.within_range,
            100.0 * h.no_change_error
        );
    }
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

fn at(text: &str) -> chrono::DateTime<chrono::Utc> {
    text.parse().unwrap()
}

const FOCAL_CR: &str = "focal.cr@demo.enlace";

/// A focal point asks for the digest on their account page (without JavaScript: the page's own
/// form), receives one a month about their own country, in its language first, saying what the
/// outlook page says, until they stop it; nobody else receives anything; the secretariat finds it
/// in the outbox.
#[tokio::test]
async fn a_focal_point_who_asks_receives_one_digest_a_month_about_their_country() {
    use app::dashboards::assemble::outlook_sentence;
    use app::mail::Mailer;
    use app::outlook::service::send_due_digests;

    let test = TestDatabase::new(true).await;
    let focal = test.router_as(FOCAL_CR).await;
    let mailer = Mailer::outbox(Some("https://enlace.example/".into()));
    let account = get(&focal, "/account?lang=en", &[]).await;
    assert!(account
        .body
        .contains("You do not receive the monthly digest."));
    let saved = tests::submit_from_page(
        &focal,
        "/account",
        "/api/account/digest",
        "monthly_digest=on",
        "en",
    )
    .await;
    assert!(
        saved.body.contains("You receive the monthly digest."),
        "{}",
        saved.body
    );
    assert!(test.user(FOCAL_CR).await.unwrap().monthly_digest);

    let october = at("2026-10-15T08:00:00Z");
    let sent = send_due_digests(&test.db, &mailer, october).await.unwrap();
    assert_eq!(sent.len(), 1, "one country asked");
    let digest = &sent[0];
    assert_eq!(
        (
            digest.month.as_str(),
            digest.recipients.as_str(),
            digest.language.as_str(),
            digest.delivery.as_str(),
            digest.outcome.as_str()
        ),
        ("2026-10", FOCAL_CR, "es", "outbox", "queued")
    );
    // What the outlook page shows for Costa Rica on that day, Spanish first.
    let snapshot = Snapshot::load(&test.db).await.unwrap();
    let view = app::outlook::queries::outlook_view(&snapshot, Some("cr"), None, day("2026-10-15"));
    let row = view.rows.iter().find(|r| r.iso2 == "CR").unwrap();
    let sentence = |lang| {
        outlook_sentence(
            &row.name,
            row.projected.map(|p| p.at_end),
            row.unfinished,
            snapshot.plan_end,
            lang,
        )
    };
    let spanish = digest
        .body
        .find(&sentence(Lang::Es))
        .expect("the sentence in Spanish");
    let english = digest
        .body
        .find(&sentence(Lang::En))
        .expect("the sentence in English");
    assert!(spanish < english);
    assert!(
        !view.warnings.is_empty(),
        "the demo's Costa Rica has warnings"
    );
    for line in view.warnings.iter().take(10) {
        for lang in [Lang::Es, Lang::En] {
            assert!(digest.body.contains(&reason_text(lang, line.reason)));
        }
    }
    let listed = digest.body.lines().filter(|l| l.starts_with("- ")).count();
    assert_eq!(listed, 2 * view.warnings.len().min(10));
    assert!(digest
        .body
        .contains("https://enlace.example/outlook?country=cr"));

    // Once a month, across checks and restarts.
    let restarted = Mailer::outbox(None);
    let later = send_due_digests(&test.db, &restarted, at("2026-10-31T23:59:00Z")).await;
    assert!(later.unwrap().is_empty());
    let november = send_due_digests(&test.db, &mailer, at("2026-11-01T00:15:00Z"));
    assert_eq!(november.await.unwrap().len(), 1);

    let secretariat = test.router_as("secretariat@demo.enlace").await;
    let outbox = Page::parse(&get(&secretariat, "/outbox?lang=en", &[]).await.body);
    let subjects = outbox.texts(".outbox-message h2");
    assert!(subjects.contains(&digest.subject), "{subjects:?}");
    let entries = test.audit_since(0).await;
    assert_eq!(
        entries.iter().filter(|e| e.entity == "digest").count(),
        2,
        "each digest audited"
    );

    // Stopped, nothing more.
    let stopped = tests::post_form(&focal, "/api/account/digest", "monthly_digest=off", &[]).await;
    assert!(stopped.status.is_redirection() || stopped.status.is_success());
    let december = send_due_digests(&test.db, &mailer, at("2026-12-01T08:00:00Z"));
    assert!(december.await.unwrap().is_empty());
}

/// Two app servers checking at once send a country's digest of the month once; reviewers and the
/// secretariat cannot ask for a digest, which is about a focal point's own country.
#[tokio::test]
async fn two_servers_send_a_countrys_digest_once_and_only_focal_points_ask_for_it() {
    use app::db::entities::{app_user, digest};
    use app::mail::Mailer;
    use app::outlook::service::send_due_digests;
    use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait, PaginatorTrait};

    let test = TestDatabase::new(true).await;
    for email in [FOCAL_CR, "focal.mx@demo.enlace"] {
        let mut user: app_user::ActiveModel = test.user(email).await.unwrap().into();
        user.monthly_digest = Set(true);
        user.update(&test.db).await.unwrap();
    }
    let now = at("2026-10-15T08:00:00Z");
    let mailer = Mailer::outbox(None);
    let (first, second) = tokio::join!(
        send_due_digests(&test.db, &mailer, now),
        send_due_digests(&test.db, &mailer, now)
    );
    assert_eq!(first.unwrap().len() + second.unwrap().len(), 2);
    assert_eq!(digest::Entity::find().count(&test.db).await.unwrap(), 2);

    let reviewer = test.router_as("reviewer@demo.enlace").await;
    let refused =
        tests::post_form(&reviewer, "/api/account/digest", "monthly_digest=on", &[]).await;
    assert_eq!(refused.status.as_u16(), 403);
    let account = get(&reviewer, "/account", &[]).await;
    assert!(!account.body.contains("monthly_digest"));
}
