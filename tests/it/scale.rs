//! A plan of many countries and actions (`enlace demo-scale`): generated whole with a history of
//! several years, and its long lists shown a page at a time, none lost.

use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use app::db::entities::{action, country, country_action, status_event, submission};
use app::demo::scale::Size;
use tests::{get, Page, TestDatabase};

#[tokio::test]
async fn a_generated_plan_has_the_size_asked_for_and_years_of_history() {
    let test = TestDatabase::scaled(Size {
        countries: 14,
        actions: 30,
        years: 4,
    })
    .await;
    let members = country::Entity::find()
        .filter(country::Column::Membership.eq("member"))
        .count(&test.db)
        .await
        .unwrap();
    assert_eq!(members, 14);
    assert_eq!(action::Entity::find().count(&test.db).await.unwrap(), 30);
    let records = country_action::Entity::find()
        .count(&test.db)
        .await
        .unwrap();
    assert!((14 * 30 * 9 / 10..=14 * 30).contains(&records), "{records}");
    // Statuses change over the years: some records changed more than once.
    let changes = status_event::Entity::find()
        .filter(status_event::Column::Kind.eq("status"))
        .all(&test.db)
        .await
        .unwrap();
    let mut per_record = std::collections::HashMap::<i32, usize>::new();
    for change in &changes {
        *per_record.entry(change.country_action_id).or_default() += 1;
    }
    assert!(per_record.values().any(|count| *count >= 2));
    let years: std::collections::BTreeSet<i32> = changes
        .iter()
        .map(|c| chrono::Datelike::year(&c.occurred_at))
        .collect();
    assert!(years.len() >= 3, "{years:?}");
    // Every country's submission of each year whose round is over was validated.
    let validated = submission::Entity::find()
        .filter(submission::Column::State.eq("validated"))
        .count(&test.db)
        .await
        .unwrap();
    assert_eq!(validated, 14 * 3);
    // A generated country's focal point signs in, and its dashboard shows.
    let focal = test.router_as("focal.aa@demo.enlace").await;
    let page = get(&focal, "/countries/aa?lang=en", &[]).await;
    assert_eq!(page.status.as_u16(), 200, "{}", page.shown());
    page.assert_contains("Generated country 001");
}

#[tokio::test]
async fn the_matrix_of_many_actions_is_shown_a_page_at_a_time_and_none_is_lost() {
    let test = TestDatabase::scaled(Size {
        countries: 30,
        actions: 200,
        years: 2,
    })
    .await;
    let reviewer = test.router_as("reviewer@demo.enlace").await;
    let mut pages = Vec::new();
    let mut address = "/matrix?lang=en".to_owned();
    loop {
        let reply = get(&reviewer, &address, &[]).await;
        assert_eq!(reply.status.as_u16(), 200);
        let page = Page::parse(&reply.body);
        let next = page
            .attributes("nav.pager a[rel=next]", "href")
            .first()
            .cloned();
        pages.push(page);
        match next {
            Some(next) => address = format!("{next}&lang=en"),
            None => break,
        }
    }
    // 5,000 cells a page: 166 actions of 30 countries, then the rest.
    assert_eq!(pages.len(), 2);
    assert!(pages[0]
        .text("table.matrix caption")
        .contains("200 actions"));
    assert_eq!(pages[0].texts("nav.pager span")[0], "1–166 of 200");
    let shown: Vec<String> = pages
        .iter()
        .flat_map(|page| page.attributes("table.matrix tr[data-action]", "data-action"))
        .collect();
    let mut unique = shown.clone();
    unique.sort();
    unique.dedup();
    assert_eq!((shown.len(), unique.len()), (200, 200));
    // A page beyond the last shows the last.
    let beyond = Page::parse(&get(&reviewer, "/matrix?page=9&lang=en", &[]).await.body);
    assert_eq!(beyond.texts("nav.pager span")[0], "167–200 of 200");
}

#[tokio::test]
async fn the_annual_report_of_a_large_plan_sums_up_its_long_lists_and_the_workbook_keeps_them_all()
{
    use app::reports::document::{
        document, Block, MOST_SHOWN_OF_A_COUNTRY, MOST_WARNINGS_OF_A_COUNTRY,
    };
    let test = TestDatabase::scaled(Size {
        countries: 12,
        actions: 300,
        years: 4,
    })
    .await;
    let snapshot = app::dashboards::snapshot::Snapshot::load(&test.db)
        .await
        .unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
    let report = app::reports::queries::annual_report(&test.db, &snapshot, 2025, today)
        .await
        .unwrap();
    let english = app::i18n::Lang::En;
    let written = document(&report, english);
    let paragraphs: Vec<&str> = written
        .blocks
        .iter()
        .filter_map(|block| match block {
            Block::Paragraph { text } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    let more = |count: usize, sheet: &str| {
        format!("… and {count} more, all listed in the Excel workbook’s sheet “{sheet}”.")
    };
    // Each country's milestones reached in the year: the first ones, then how many more.
    for section in &report.sections {
        if section.achieved.len() > MOST_SHOWN_OF_A_COUNTRY {
            let said = more(
                section.achieved.len() - MOST_SHOWN_OF_A_COUNTRY,
                "Milestones achieved",
            );
            assert!(paragraphs.contains(&said.as_str()), "{said}");
        }
    }
    assert!(report
        .sections
        .iter()
        .any(|s| s.achieved.len() > MOST_SHOWN_OF_A_COUNTRY));
    for block in &written.blocks {
        if let Block::List { items } = block {
            assert!(items.len() <= 100, "{}", items.len());
        }
    }
    // The early warnings: each country's first ones, then how many more.
    let warnings_heading = app::i18n::t(english, "outlook-warnings-heading");
    let rows = written
        .blocks
        .iter()
        .find_map(|block| match block {
            Block::Table { caption, rows, .. } if *caption == warnings_heading => Some(rows.len()),
            _ => None,
        })
        .expect("the warnings' table");
    let warnings = report.outlook.warnings.len();
    assert!(
        rows <= 12 * MOST_WARNINGS_OF_A_COUNTRY && rows < warnings,
        "{rows} of {warnings}"
    );
    let said = more(warnings - rows, "Early warnings");
    assert!(paragraphs.contains(&said.as_str()), "{said}");
    // The workbook lists every warning.
    let bytes = app::reports::xlsx::workbook(&report, english).unwrap();
    let mut workbook: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let sheet = calamine::Reader::worksheet_range(&mut workbook, "Early warnings").unwrap();
    assert_eq!(sheet.height(), warnings + 1);
}

#[tokio::test]
async fn a_theme_of_more_actions_than_a_chart_can_draw_shows_them_in_the_matrix() {
    // Five themes of 30 actions each: more than a heatmap's columns.
    let test = TestDatabase::scaled(Size {
        countries: 11,
        actions: 150,
        years: 2,
    })
    .await;
    let reviewer = test.router_as("reviewer@demo.enlace").await;
    let theme = get(&reviewer, "/themes/1?lang=en", &[]).await;
    assert_eq!(theme.status.as_u16(), 200, "{}", theme.shown());
    theme.assert_lacks("chart-theme-actions");
    theme.assert_contains("The theme's 30 actions are too many to draw");
    let to_the_matrix = Page::parse(&theme.body).attributes("a[href^=\"/matrix?\"]", "href");
    assert_eq!(to_the_matrix, ["/matrix?theme=1"]);
    // On the date the page names, in Spanish too.
    let dated = get(&reviewer, "/themes/1?as_of=2025-06-30&lang=es", &[]).await;
    dated.assert_contains("Las 30 acciones del eje son demasiadas");
    let to_the_matrix = Page::parse(&dated.body).attributes("a[href^=\"/matrix?\"]", "href");
    assert_eq!(to_the_matrix, ["/matrix?theme=1&as_of=2025-06-30"]);
    // A date the page set aside is not carried on.
    for unread in ["", "soon"] {
        let page = get(&reviewer, &format!("/themes/1?as_of={unread}"), &[]).await;
        let to_the_matrix = Page::parse(&page.body).attributes("a[href^=\"/matrix?\"]", "href");
        assert_eq!(to_the_matrix, ["/matrix?theme=1"], "{unread:?}");
    }
    // The matrix shows the theme's actions in each country.
    let matrix = get(&reviewer, &to_the_matrix[0], &[]).await;
    assert_eq!(matrix.status.as_u16(), 200);
    matrix.assert_contains("1.1.1");
    matrix.assert_lacks("2.1.1");
}
