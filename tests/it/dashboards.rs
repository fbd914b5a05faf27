//! The regional dashboard on the demo data, through the real router and database: its figures are
//! the progress module's, the as-of date reads the history, bad filters get a notice and the nearest
//! view, a save reaches open pages through `/events` and the next dashboard shows it.

use std::time::Duration;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use chrono::NaiveDate;
use http_body_util::BodyExt;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder,
};
use tower::ServiceExt;

use app::access::Viewer;
use app::dashboards::assemble::regional_dashboard;
use app::dashboards::{figures, snapshot::Snapshot};
use app::db::entities::{
    country, milestone, milestone_progress, plan, reporting_round, submission,
};
use app::domain::{IndicatorKind, Membership, Role, Status};
use app::i18n::{format_percent, t, Lang};
use app::indicators::rules::format_value;
use app::progress::{country_progress, regional_progress};
use tests::{an_unfinished_action, get, post_form, status_form, TestDatabase, HOST};

const FOCAL_CR: &str = "focal.cr@demo.enlace";

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

#[tokio::test]
async fn every_figure_is_the_progress_modules_for_the_same_state() {
    let test = TestDatabase::new(true).await;
    let snapshot = Snapshot::load(&test.db).await.unwrap();
    // After the demo history ends, the snapshot's states are the stored ones.
    let as_of = day("2026-10-15");
    let structure = snapshot.structure(Membership::Member, None, as_of);
    let numbers = figures::regional(&structure, &snapshot.states_on(&structure, as_of), as_of);

    let plan = app::plan::queries::require_current_plan(&test.db)
        .await
        .unwrap();
    let members = country::Entity::find()
        .filter(country::Column::Membership.eq("member"))
        .all(&test.db)
        .await
        .unwrap();
    let ids: Vec<i32> = members.iter().map(|c| c.id).collect();
    let (actions, stored) = tests::reported::reported_states(&test.db, &plan, &ids)
        .await
        .unwrap();
    let mut by_country = Vec::new();
    for member in &members {
        let expected = country_progress(
            actions.iter().map(|a| &stored[&(member.id, a.id)].state),
            as_of,
        );
        let shown = numbers
            .countries
            .iter()
            .find(|c| c.iso2 == member.iso2)
            .unwrap()
            .progress;
        assert_eq!(shown, expected, "{}", member.iso2);
        by_country.push(expected);
    }
    // The same mean, summed in another order (the chart sorts the countries).
    let (shown, expected) = (
        numbers.regional.unwrap(),
        regional_progress(by_country).unwrap(),
    );
    assert!((shown.actual - expected.actual).abs() < 1e-12);
    assert!((shown.expected - expected.expected).abs() < 1e-12);

    // The page's chart and its table say the same, in the page's language.
    let dashboard = regional_dashboard(
        &snapshot,
        None,
        Some("2026-10-15"),
        None,
        None,
        as_of,
        Lang::Es,
    );
    let chart = dashboard
        .charts
        .iter()
        .find(|chart| chart.id == "chart-countries")
        .unwrap();
    assert_eq!(chart.table.rows.len(), numbers.countries.len());
    for (row, figure) in chart.table.rows.iter().zip(&numbers.countries) {
        assert_eq!(row[0], figure.name.es);
        assert_eq!(
            row[1],
            format_percent(Lang::Es, figure.progress.unwrap().actual)
        );
        assert!(chart.svg.contains(&format!(
            "{} · ",
            format_percent(Lang::Es, figure.progress.unwrap().actual)
        )));
    }
}

#[tokio::test]
async fn a_milestone_achieved_after_the_as_of_date_does_not_count() {
    let test = TestDatabase::new(true).await;
    let costa_rica = country::Entity::find()
        .filter(country::Column::Iso2.eq("CR"))
        .one(&test.db)
        .await
        .unwrap()
        .unwrap();
    let reached = milestone_progress::Entity::find()
        .filter(milestone_progress::Column::CountryId.eq(costa_rica.id))
        .filter(milestone_progress::Column::AchievedOn.is_not_null())
        .order_by_desc(milestone_progress::Column::AchievedOn)
        .one(&test.db)
        .await
        .unwrap()
        .expect("Costa Rica reached a milestone in the demo history");
    let achieved_on = reached.achieved_on.unwrap();
    let action_id = milestone::Entity::find_by_id(reached.milestone_id)
        .one(&test.db)
        .await
        .unwrap()
        .unwrap()
        .action_id;
    let snapshot = Snapshot::load(&test.db).await.unwrap();
    let progress_on = |as_of: NaiveDate| {
        let structure = snapshot.structure(Membership::Member, None, as_of);
        snapshot
            .states_on(&structure, as_of)
            .get(costa_rica.id, action_id)
            .expect("a state")
            .progress(as_of)
            .unwrap()
    };
    let before = progress_on(achieved_on.pred_opt().unwrap());
    let on = progress_on(achieved_on);
    assert!(on > before, "{before} then {on}");
}

#[tokio::test]
async fn bad_filters_get_a_translated_notice_and_the_nearest_view() {
    let test = TestDatabase::new(true).await;
    let router = test.reader_router().await;
    let page = get(
        &router,
        "/?plan=PLAN-1999&as_of=1999-01-01&group=everyone&theme=9&lang=es",
        &[],
    )
    .await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("Ningún plan tiene el código de la dirección");
    page.assert_contains("La fecha de la dirección está fuera del período del plan");
    page.assert_contains("no nombra un grupo de países conocido");
    page.assert_contains("El plan no tiene un tema con el código de la dirección");
    page.assert_contains("Dónde está el plan al 1 ene 2025");
    let garbled = get(&router, "/?as_of=not-a-date", &[]).await;
    assert_eq!(garbled.status, StatusCode::OK);
    garbled.assert_contains("The date in the address could not be read");
    // A theme narrows every chart to it.
    let one_theme = get(&router, "/?theme=2", &[]).await;
    one_theme.assert_contains("<option value=\"2\" selected");
    one_theme.assert_contains("<th scope=\"row\">2 Field Operations");
    one_theme.assert_lacks("<th scope=\"row\">4 Migration Solutions</th>");
}

/// The actual progress the page's country chart gives Costa Rica.
fn costa_rica_share(page: &str) -> String {
    let chart = &page[page
        .find("id=\"chart-countries\"")
        .expect("the country chart")..];
    let row = &chart[chart.find(">Costa Rica<").expect("Costa Rica's row")..];
    let cell = &row[row.find("<td").unwrap()..];
    let text = &cell[cell.find('>').unwrap() + 1..];
    text[..text.find('<').unwrap()].to_owned()
}

#[tokio::test]
async fn a_save_reaches_open_dashboards_and_the_next_dashboard_shows_it() {
    let test = TestDatabase::new(true).await;
    let reviewer = test.reader_router().await;
    let before = get(&reviewer, "/", &[]).await;
    let share_before = costa_rica_share(&before.body);

    // An open dashboard's subscription to the change feed.
    let cookie = test.session_cookie(tests::READER).await;
    let subscription = reviewer
        .clone()
        .oneshot(
            Request::get("/events")
                .header(header::HOST, HOST)
                .header(header::COOKIE, cookie)
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(subscription.status(), StatusCode::OK);
    assert_eq!(
        subscription.headers()[header::CONTENT_TYPE],
        "text/event-stream"
    );
    let mut events = subscription.into_body();

    // Costa Rica completes an action it had not completed.
    let record = an_unfinished_action(&test.db, "CR").await;
    let focal = test.router_as(FOCAL_CR).await;
    let saved = post_form(
        &focal,
        "/api/actions/update",
        &status_form(record.action_id, record.version, Status::Completed),
        &[],
    )
    .await;
    assert!(saved.status.is_success(), "{}", saved.body);

    let frame = tokio::time::timeout(Duration::from_secs(2), events.frame())
        .await
        .expect("the change arrives within 2 seconds")
        .unwrap()
        .unwrap();
    let message = String::from_utf8(frame.into_data().unwrap().to_vec()).unwrap();
    // The change names the action, so that each server reads that action's history again.
    let announced = format!(
        "data: {{\"kind\":\"update\",\"country\":\"CR\",\"action\":{}}}",
        record.action_id
    );
    assert!(message.starts_with(&announced), "{message}");

    let after = get(&reviewer, "/", &[]).await;
    let share_after = costa_rica_share(&after.body);
    assert_ne!(share_before, share_after, "the snapshot was read again");

    // Nobody else can listen in: without a session, the way leads to the sign-in page.
    let anonymous = get(&test.router(), "/events", &[]).await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
    assert!(anonymous.location().unwrap().starts_with("/sign-in"));
}

#[tokio::test]
async fn the_scorecard_and_round_charts_show_what_their_pages_show() {
    let test = TestDatabase::new(true).await;
    let snapshot = Snapshot::load(&test.db).await.unwrap();
    let dashboard = regional_dashboard(
        &snapshot,
        None,
        None,
        None,
        None,
        day("2026-11-24"),
        Lang::En,
    );

    let card = app::indicators::queries::scorecard(&test.db).await.unwrap();
    let chart = dashboard
        .charts
        .iter()
        .find(|chart| chart.id == "chart-scorecard")
        .unwrap();
    assert_eq!(chart.table.rows.len(), card.rows.len());
    for (row, country) in chart.table.rows.iter().zip(&card.rows) {
        assert_eq!(row[0], country.country.en);
        assert_eq!(row.len(), country.scores.len() + 1);
        for (cell, score) in row[1..].iter().zip(&country.scores) {
            let expected = score
                .yes_no_met
                .or(score.scale)
                .map_or_else(|| "—".to_owned(), |share| format_percent(Lang::En, share));
            assert_eq!(*cell, expected, "{}", country.iso2);
        }
    }

    // The demo's 2026 round is open and nobody has started.
    let round = dashboard
        .charts
        .iter()
        .find(|chart| chart.id == "chart-round")
        .unwrap();
    assert_eq!(round.title, "Submissions in the 2026 round");
    assert_eq!(round.table.rows[0], ["Not started", "11"]);
    assert!(round.table.rows[1..].iter().all(|row| row[1] == "0"));

    // The trajectory ends on the as-of date with the regional figure.
    let trajectory = dashboard
        .charts
        .iter()
        .find(|chart| chart.id == "chart-trajectory")
        .unwrap();
    // Then the projection runs on to the plan's end.
    let last = trajectory
        .table
        .rows
        .iter()
        .find(|row| row[0] == "24 Nov 2026")
        .unwrap();
    assert_eq!(trajectory.table.rows.last().unwrap()[0], "31 Dec 2029");
    assert_eq!(
        last[1],
        format_percent(Lang::En, dashboard.regional.unwrap().actual)
    );
    assert_eq!(trajectory.table.rows[0][0], "31 Jan 2025");
}

#[tokio::test]
async fn a_countrys_dashboard_lists_its_delayed_actions_and_the_milestones_due_soon() {
    let test = TestDatabase::new(true).await;
    let snapshot = Snapshot::load(&test.db).await.unwrap();
    let as_of = day("2026-10-15");
    let dashboard = app::dashboards::assemble::country_dashboard(
        &snapshot,
        "cr",
        Some("2026-10-15"),
        as_of,
        Lang::En,
    )
    .unwrap();

    // The same delayed actions as the states the country's page reads.
    let plan = app::plan::queries::require_current_plan(&test.db)
        .await
        .unwrap();
    let costa_rica = country::Entity::find()
        .filter(country::Column::Iso2.eq("CR"))
        .one(&test.db)
        .await
        .unwrap()
        .unwrap();
    let (actions, stored) = tests::reported::reported_states(&test.db, &plan, &[costa_rica.id])
        .await
        .unwrap();
    let delayed: Vec<&str> = actions
        .iter()
        .filter(|a| stored[&(costa_rica.id, a.id)].state.is_delayed(as_of))
        .map(|a| a.code.as_str())
        .collect();
    let shown: Vec<&str> = dashboard.delayed.iter().map(|l| l.code.as_str()).collect();
    assert_eq!(shown, delayed);

    // Every milestone of an open action due in the next 90 days and not reached, soonest first.
    let until = as_of + chrono::Duration::days(90);
    let mut expected: Vec<(String, String)> = Vec::new();
    for action in &actions {
        let reported = &stored[&(costa_rica.id, action.id)];
        if matches!(
            reported.state.status,
            Status::Completed | Status::Cancelled | Status::NotApplicable
        ) {
            continue;
        }
        for m in milestone::Entity::find()
            .filter(milestone::Column::ActionId.eq(action.id))
            .all(&test.db)
            .await
            .unwrap()
        {
            let reached = reported
                .state
                .milestones
                .iter()
                .any(|s| s.due_on == m.due_on && s.achieved_on.is_some_and(|d| d <= as_of));
            if m.due_on > as_of && m.due_on <= until && !reached {
                expected.push((m.due_on.to_string(), action.code.clone()));
            }
        }
    }
    expected.sort();
    let listed: Vec<(String, String)> = dashboard
        .due_soon
        .iter()
        .map(|l| (l.due_on.clone(), l.code.clone()))
        .collect();
    assert_eq!(listed, expected);

    // An observer has no dashboard; the page shows the member's, in Spanish too.
    assert!(
        app::dashboards::assemble::country_dashboard(&snapshot, "AR", None, as_of, Lang::En)
            .is_none()
    );
    let page = get(&test.reader_router().await, "/countries/cr?lang=es", &[]).await;
    page.assert_contains("Costa Rica: avance por tema");
    page.assert_contains("Hitos que vencen en los próximos 90 días");
}

#[tokio::test]
async fn a_themes_dashboard_shows_its_actions_in_each_country() {
    let test = TestDatabase::new(true).await;
    let snapshot = Snapshot::load(&test.db).await.unwrap();
    let as_of = day("2026-10-15");
    let dashboard = app::dashboards::assemble::theme_dashboard(
        &snapshot,
        "2",
        Some("2026-10-15"),
        as_of,
        Lang::En,
    )
    .unwrap();
    let heatmap = dashboard
        .charts
        .iter()
        .find(|chart| chart.id == "chart-theme-actions")
        .unwrap();
    // One column per action of theme 2, one row per member country, each cell the action's progress.
    let plan = app::plan::queries::require_current_plan(&test.db)
        .await
        .unwrap();
    let members = country::Entity::find()
        .filter(country::Column::Membership.eq("member"))
        .order_by_asc(country::Column::NameEn)
        .all(&test.db)
        .await
        .unwrap();
    let ids: Vec<i32> = members.iter().map(|c| c.id).collect();
    let (actions, stored) = tests::reported::reported_states(&test.db, &plan, &ids)
        .await
        .unwrap();
    let theme_actions: Vec<_> = actions
        .iter()
        .filter(|a| a.code.starts_with("2."))
        .collect();
    assert_eq!(heatmap.table.headers.len(), theme_actions.len() + 1);
    assert_eq!(heatmap.table.rows.len(), members.len());
    for (row, member) in heatmap.table.rows.iter().zip(&members) {
        assert_eq!(row[0], member.name_en);
        assert_eq!(row.len(), theme_actions.len() + 1);
        for (cell, action) in row[1..].iter().zip(&theme_actions) {
            let expected = stored[&(member.id, action.id)]
                .state
                .progress(as_of)
                .map_or_else(|| "—".to_owned(), |p| format_percent(Lang::En, p));
            assert_eq!(*cell, expected, "{} {}", member.iso2, action.code);
        }
    }
    assert!(
        app::dashboards::assemble::theme_dashboard(&snapshot, "9", None, as_of, Lang::En).is_none()
    );
    let page = get(&test.reader_router().await, "/themes/2?lang=es", &[]).await;
    page.assert_contains("avance por país");
    page.assert_contains("cada acción en cada país");
}

#[tokio::test]
async fn a_countrys_indicator_trends_are_its_indicator_pages_assessments() {
    let test = TestDatabase::new(true).await;
    let snapshot = Snapshot::load(&test.db).await.unwrap();
    let today = chrono::Utc::now().date_naive();
    let dashboard =
        app::dashboards::assemble::country_dashboard(&snapshot, "cr", None, today, Lang::En)
            .unwrap();
    let trends = dashboard
        .charts
        .iter()
        .find(|chart| chart.id == "chart-country-indicators")
        .unwrap();

    // Every indicator the country page assesses against a target the secretariat set (yes/no ones
    // aside) has its row, with the same projection and assessment.
    let reader = Viewer {
        user_id: 0,
        name: "Reader".into(),
        email: "reader@example.org".into(),
        role: Role::Reviewer,
        country: None,
        language: Lang::En,
        must_change_password: false,
    };
    let page = app::indicators::queries::country_indicators(&test.db, &reader, "cr", None)
        .await
        .unwrap();
    let assessed: Vec<_> = page
        .articles
        .iter()
        .flat_map(|article| &article.rows)
        .filter(|row| row.info.kind != IndicatorKind::YesNo)
        .filter(|row| row.target.is_some_and(|t| !t.proposed))
        .collect();
    assert!(!assessed.is_empty());
    assert_eq!(trends.table.rows.len(), assessed.len());
    for (shown, row) in trends.table.rows.iter().zip(&assessed) {
        assert!(
            shown[0].starts_with(&format!("{} ", row.info.code)),
            "{shown:?}"
        );
        let assessment = row.standing.assessment.expect("a validated 2025 value");
        let projected = format_value(Lang::En, row.info.kind, assessment.projected);
        let target_year = row.target.unwrap().target_year;
        assert_eq!(shown[3], format!("{projected} in {target_year}"));
        assert_eq!(shown[5], t(Lang::En, assessment.status.label_key()));
    }

    // Before the 2025 values were validated, the trends know none of them.
    let round = reporting_round::Entity::find()
        .filter(reporting_round::Column::Year.eq(2025))
        .one(&test.db)
        .await
        .unwrap()
        .unwrap();
    let costa_rica = country::Entity::find()
        .filter(country::Column::Iso2.eq("CR"))
        .one(&test.db)
        .await
        .unwrap()
        .unwrap();
    let validated_on = submission::Entity::find()
        .filter(submission::Column::RoundId.eq(round.id))
        .filter(submission::Column::CountryId.eq(costa_rica.id))
        .one(&test.db)
        .await
        .unwrap()
        .unwrap()
        .validated_at
        .unwrap()
        .date_naive();
    let latest = |as_of: NaiveDate| -> Vec<String> {
        let dashboard = app::dashboards::assemble::country_dashboard(
            &snapshot,
            "cr",
            Some(&as_of.to_string()),
            today,
            Lang::En,
        )
        .unwrap();
        let chart = dashboard
            .charts
            .into_iter()
            .find(|chart| chart.id == "chart-country-indicators")
            .unwrap();
        chart
            .table
            .rows
            .into_iter()
            .map(|row| row[2].clone())
            .collect()
    };
    assert!(latest(validated_on.pred_opt().unwrap())
        .iter()
        .all(|cell| cell == "—"));
    assert!(latest(validated_on)
        .iter()
        .all(|cell| cell.ends_with(" in 2025")));

    let page = get(&test.reader_router().await, "/countries/cr?lang=es", &[]).await;
    page.assert_contains("Costa Rica: indicadores frente a sus metas");
    page.assert_contains("Costa Rica: avance en el tiempo");
}

#[tokio::test]
async fn the_plan_in_the_address_chooses_the_plan_shown() {
    let test = TestDatabase::new(true).await;
    let router = test.reader_router().await;
    let current = get(&router, "/", &[]).await;
    let current_plan = app::plan::queries::require_current_plan(&test.db)
        .await
        .unwrap();
    current.assert_contains(&format!("<option value=\"{}\" selected", current_plan.code));

    // A draft of the next plan, with nothing in it yet.
    plan::ActiveModel {
        code: Set("RCM-2031-2035".into()),
        title_en: Set("Next work plan".into()),
        title_es: Set("Próximo plan de trabajo".into()),
        start_year: Set(2031),
        end_year: Set(2035),
        state: Set("draft".into()),
        approved_on: Set(None),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(&test.db)
    .await
    .unwrap();
    let next = get(&router, "/?plan=rcm-2031-2035", &[]).await;
    assert_eq!(next.status, StatusCode::OK);
    next.assert_contains("<option value=\"RCM-2031-2035\" selected");
    // The as-of date is brought within that plan's years.
    next.assert_contains("data-as-of=\"2031-01-01\"");
    next.assert_lacks("No plan has the code in the address");
    // Without a plan in the address, the current one.
    get(&router, "/", &[])
        .await
        .assert_contains(&format!("<option value=\"{}\" selected", current_plan.code));
}
