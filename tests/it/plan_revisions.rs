//! Keeping the plan in Enlace: revisions started, edited, approved and discarded by the secretariat
//! through the pages' forms, refused for everyone else and for bad input in both languages; figures
//! as of a date use the plan as it stood that day; the plan file downloaded and loaded back.

use chrono::NaiveDate;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use app::dashboards::snapshot::Snapshot;
use app::db::entities::{action, country, milestone};
use app::domain::{Membership, Status};
use app::plan::pages::revisions::{
    ApproveRevision, ChangePart, LoadRevision, PutAction, PutMilestone, StartRevision,
};
use leptos::server_fn::ServerFn;
use tests::{get, submit, submit_from_page, TestDatabase};

const SECRETARIAT: &str = "secretariat@demo.enlace";

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

/// Starts a revision as the secretariat, taking effect on `effective_on`; returns its page.
async fn start(router: &axum::Router, effective_on: &str) -> String {
    let reply = submit(
        router,
        "/plan/revisions",
        StartRevision::PATH,
        &[
            ("reason", "Adjustments approved by the Conference"),
            ("effective_on", effective_on),
        ],
    )
    .await;
    assert_eq!(reply.status.as_u16(), 303, "{}", reply.body);
    reply
        .location()
        .unwrap()
        .trim_start_matches("http://localhost")
        .to_owned()
}

async fn approve(router: &axum::Router, page: &str, number: &str) {
    let reply = submit(router, page, ApproveRevision::PATH, &[("number", number)]).await;
    assert_eq!(reply.status.as_u16(), 303, "{}", reply.body);
}

/// Adds or moves the milestone `code` of `action` in the draft `number`, due on `due`.
async fn put_milestone(
    router: &axum::Router,
    page: &str,
    number: &str,
    action: &str,
    existing: &str,
    due: &str,
) {
    let form = format!(
        "{}#{action}/{}",
        PutMilestone::PATH,
        if existing.is_empty() { "new" } else { existing }
    );
    let reply = submit(
        router,
        page,
        &form,
        &[
            ("number", number),
            ("form[action]", action),
            ("form[existing]", existing),
            ("form[code]", ""),
            ("form[title_en]", "Regional channel agreed"),
            ("form[title_es]", "Canal regional acordado"),
            ("form[due]", due),
            ("form[weight]", "1"),
        ],
    )
    .await;
    assert_eq!(reply.status.as_u16(), 303, "{}", reply.body);
}

/// The id of action 1.1, and Costa Rica.
async fn action_and_costa_rica(test: &TestDatabase) -> (i32, country::Model) {
    let action = action::Entity::find()
        .filter(action::Column::Code.eq("1.1"))
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
    (action.id, costa_rica)
}

#[tokio::test]
async fn a_moved_due_date_does_not_rewrite_earlier_figures() {
    // The built-in plan, with no milestones and no demo data.
    let test = TestDatabase::new(false).await;
    test.add_user(SECRETARIAT, app::domain::Role::Secretariat, None, false)
        .await;
    let router = test.router_as(SECRETARIAT).await;

    // Revision 2, from 2026: action 1.1 gets a milestone due 2026-06-30.
    let page = start(&router, "2026-01-01").await;
    put_milestone(&router, &page, "2", "1.1", "", "2026-06-30").await;
    approve(&router, &page, "2").await;
    // Revision 3, from September 2026: it is due a year later.
    let page = start(&router, "2026-09-01").await;
    put_milestone(&router, &page, "3", "1.1", "M1", "2027-06-30").await;
    approve(&router, &page, "3").await;

    let (action_id, costa_rica) = action_and_costa_rica(&test).await;
    let snapshot = Snapshot::load(&test.db).await.unwrap();
    let state_on = |as_of: &str| {
        let structure = snapshot.structure(Membership::Member, None, day(as_of));
        snapshot
            .states_on(&structure, day(as_of))
            .get(costa_rica.id, action_id)
            .expect("a state")
            .clone()
    };

    // 2025: the plan as loaded, without milestones. Not started, its end year (2027) not passed:
    // nothing expected, nothing achieved, not delayed.
    let in_2025 = state_on("2025-12-31");
    assert!(in_2025.milestones.is_empty());
    assert_eq!(in_2025.expected(day("2025-12-31")), Some(0.0));
    assert!(!in_2025.is_delayed(day("2025-12-31")));
    // End of August 2026: revision 2 stands; its one milestone was due on 30 June and is not
    // reached: 1 of 1 expected, 0 achieved, delayed.
    let in_august = state_on("2026-08-31");
    assert_eq!(in_august.milestones.len(), 1);
    assert_eq!(in_august.milestones[0].due_on, day("2026-06-30"));
    assert_eq!(in_august.expected(day("2026-08-31")), Some(1.0));
    assert_eq!(in_august.progress(day("2026-08-31")), Some(0.0));
    assert!(in_august.is_delayed(day("2026-08-31")));
    // End of October 2026: revision 3 moved it to 30 June 2027: nothing expected yet, not delayed.
    let in_october = state_on("2026-10-31");
    assert_eq!(in_october.milestones[0].due_on, day("2027-06-30"));
    assert_eq!(in_october.expected(day("2026-10-31")), Some(0.0));
    assert!(!in_october.is_delayed(day("2026-10-31")));
    // One milestone row throughout: the countries' reports keep pointing at it.
    let rows = milestone::Entity::find()
        .filter(milestone::Column::ActionId.eq(action_id))
        .all(&test.db)
        .await
        .unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].due_on, day("2027-06-30"));

    // The history lists the three revisions, newest first.
    let history = get(&router, "/plan/revisions?lang=en", &[]).await;
    history.assert_contains("The plan as first loaded");
    history.assert_contains("Adjustments approved by the Conference");
    let revision = get(&router, "/plan/revisions/3?lang=en", &[]).await;
    revision.assert_contains("Due on changed from “2026-06-30” to “2027-06-30”");
}

#[tokio::test]
async fn an_action_limited_to_some_countries_is_not_applicable_to_the_others() {
    let test = TestDatabase::new(true).await;
    let router = test.router_as(SECRETARIAT).await;
    let page = start(&router, "2026-10-01").await;
    let edit = get(&router, &format!("{page}?lang=en"), &[]).await;
    edit.assert_contains("Edit the action");
    let reply = submit(
        &router,
        &page,
        &format!("{}#1.1", PutAction::PATH),
        &[
            ("number", "2"),
            ("form[existing]", "1.1"),
            ("form[place]", "theme:1"),
            ("form[title_en]", "Share intelligence"),
            ("form[title_es]", "Compartir inteligencia"),
            ("form[start_year]", "2025"),
            ("form[end_year]", "2029"),
            ("form[weight]", "1"),
            ("form[countries]", "mx, gt"),
        ],
    )
    .await;
    assert_eq!(reply.status.as_u16(), 303, "{}", reply.body);
    approve(&router, &page, "2").await;

    let (action_id, costa_rica) = action_and_costa_rica(&test).await;
    let snapshot = Snapshot::load(&test.db).await.unwrap();
    let states_on = |as_of: &str| {
        let structure = snapshot.structure(Membership::Member, None, day(as_of));
        snapshot.states_on(&structure, day(as_of))
    };
    let after = states_on("2026-10-02");
    assert_eq!(
        after.get(costa_rica.id, action_id).expect("a state").status,
        Status::NotApplicable
    );
    let before = states_on("2026-09-30");
    assert_ne!(
        before
            .get(costa_rica.id, action_id)
            .expect("a state")
            .status,
        Status::NotApplicable
    );

    // Costa Rica's focal point can no longer update it, and is told why.
    let focal = test.router_as("focal.cr@demo.enlace").await;
    let reply = tests::post_form(
        &focal,
        "/api/actions/update",
        &format!(
            "update[action_id]={action_id}&update[country]=CR&update[version]=0&update[status]=completed"
        ),
        &[],
    )
    .await;
    assert_eq!(reply.status.as_u16(), 422, "{}", reply.body);
    reply.assert_contains("update-not-taking-part");
    let page = get(&focal, "/countries/cr/actions/1.1?lang=en", &[]).await;
    page.assert_contains("The plan does not apply this action to Costa Rica");
    page.assert_lacks("update[status]");
    let page = get(&focal, "/countries/cr?lang=es", &[]).await;
    page.assert_contains("No aplica");
}

#[tokio::test]
async fn bad_edits_are_refused_beside_their_fields_in_both_languages() {
    let test = TestDatabase::new(true).await;
    let router = test.router_as(SECRETARIAT).await;
    let page = start(&router, "2026-10-01").await;
    let form = format!("{}#1.1/new", PutMilestone::PATH);
    let fields = |title_es: &'static str, due: &'static str| {
        vec![
            ("number", "2"),
            ("form[action]", "1.1"),
            ("form[existing]", ""),
            ("form[code]", ""),
            ("form[title_en]", "Signed"),
            ("form[title_es]", title_es),
            ("form[due]", due),
            ("form[weight]", "1"),
        ]
    };
    for (lang, empty, date) in [
        (
            "en",
            "must not be empty",
            "Enter a date such as 2027-06-30.",
        ),
        (
            "es",
            "no puede estar vacío",
            "Escriba una fecha como 2027-06-30.",
        ),
    ] {
        let body = tests::form_body(&fields(" ", "2027-06-30"));
        let reply = submit_from_page(&router, &page, &form, &body, lang).await;
        assert_eq!(reply.status.as_u16(), 422);
        reply.assert_contains(empty);
        reply.assert_contains("aria-invalid=\"true\"");
        let body = tests::form_body(&fields("Firmado", "next June"));
        let reply = submit_from_page(&router, &page, &form, &body, lang).await;
        assert_eq!(reply.status.as_u16(), 422);
        reply.assert_contains(date);
    }
    // A duplicate action code, and years outside the plan.
    let reply = submit(
        &router,
        &page,
        &format!("{}#new:theme:1", PutAction::PATH),
        &[
            ("number", "2"),
            ("form[existing]", ""),
            ("form[place]", "theme:1"),
            ("form[code]", "1.1"),
            ("form[title_en]", "Again"),
            ("form[title_es]", "Otra vez"),
            ("form[start_year]", "2025"),
            ("form[end_year]", "2031"),
        ],
    )
    .await;
    assert_eq!(reply.status.as_u16(), 422);
    reply.assert_contains("the action code '1.1' is used twice");
    // A second draft while one is open, and a date before the plan: refused.
    let reply = submit(
        &router,
        "/plan/revisions",
        StartRevision::PATH,
        &[("reason", "Another"), ("effective_on", "2020-01-01")],
    )
    .await;
    assert_eq!(reply.status.as_u16(), 422);
    reply.assert_contains("within the plan's period");
    // Others may not start one.
    for email in ["reviewer@demo.enlace", "focal.cr@demo.enlace"] {
        let other = test.router_as(email).await;
        let reply = submit(
            &other,
            "/plan/revisions",
            StartRevision::PATH,
            &[("reason", "Mine"), ("effective_on", "2027-01-01")],
        )
        .await;
        assert_eq!(reply.status.as_u16(), 403, "{email}");
    }
}

#[tokio::test]
async fn the_plan_file_loads_back_as_a_revision_with_no_changes() {
    let test = TestDatabase::new(true).await;
    let router = test.router_as(SECRETARIAT).await;
    let file = get(&router, "/plan/file", &[]).await;
    assert_eq!(file.status.as_u16(), 200);
    assert!(file.headers[axum::http::header::CONTENT_DISPOSITION]
        .to_str()
        .unwrap()
        .starts_with("attachment"));
    assert!(
        file.body.contains("[[theme.action.milestone]]"),
        "the demo milestones are in it"
    );
    let anonymous = get(&test.router(), "/plan/file", &[]).await;
    assert_ne!(anonymous.status.as_u16(), 200);
    assert!(
        !anonymous.body.contains("[[theme]]"),
        "only signed-in users get the plan file"
    );

    let body = tests::form_body(&[
        ("form[reason]", "The Conference's file"),
        ("form[effective_on]", "2026-10-01"),
        ("form[plan_file]", file.body.as_str()),
    ]);
    let page = submit_from_page(&router, "/plan/revisions", LoadRevision::PATH, &body, "en").await;
    assert_eq!(page.status.as_u16(), 200, "{}", page.body);
    page.assert_contains("Revision 2 of the plan");
    page.assert_contains("Nothing changes against the plan approved before it.");
    let reply = submit(
        &router,
        "/plan/revisions/2",
        ApproveRevision::PATH,
        &[("number", "2")],
    )
    .await;
    assert_eq!(reply.status.as_u16(), 422);
    reply.assert_contains("changes nothing");

    // A file with a mistake says where, in the reader's language.
    let broken = file.body.replacen("weight = 1", "weight = -1", 1);
    let body = tests::form_body(&[
        ("form[reason]", "Broken"),
        ("form[effective_on]", "2026-10-01"),
        ("form[plan_file]", broken.as_str()),
    ]);
    let reply = submit_from_page(
        &router,
        "/plan/revisions/2",
        LoadRevision::PATH,
        &body,
        "es",
    )
    .await;
    assert_eq!(reply.status.as_u16(), 422);
    reply.assert_contains("debe ser un número igual o mayor que cero");
}

#[tokio::test]
async fn a_retired_milestone_keeps_what_was_reported_and_counts_before_its_retirement() {
    use app::db::entities::milestone_progress;
    let test = TestDatabase::new(true).await;
    let (_, costa_rica) = action_and_costa_rica(&test).await;
    // A milestone Costa Rica reached before October 2026.
    let reached = milestone_progress::Entity::find()
        .filter(milestone_progress::Column::CountryId.eq(costa_rica.id))
        .filter(milestone_progress::Column::AchievedOn.is_not_null())
        .one(&test.db)
        .await
        .unwrap()
        .expect("the demo data has a milestone Costa Rica reached");
    let retired = milestone::Entity::find_by_id(reached.milestone_id)
        .one(&test.db)
        .await
        .unwrap()
        .unwrap();
    let action = action::Entity::find_by_id(retired.action_id)
        .one(&test.db)
        .await
        .unwrap()
        .unwrap();

    let router = test.router_as(SECRETARIAT).await;
    let page = start(&router, "2026-10-01").await;
    let form = format!(
        "{}#milestone:{}/{}",
        ChangePart::PATH,
        action.code,
        retired.code
    );
    let reply = submit(
        &router,
        &page,
        &form,
        &[
            ("number", "2"),
            ("kind", "milestone"),
            ("code", retired.code.as_str()),
            ("action", action.code.as_str()),
            ("direction", "retire"),
        ],
    )
    .await;
    assert_eq!(reply.status.as_u16(), 303, "{}", reply.body);
    approve(&router, &page, "2").await;

    let kept = milestone_progress::Entity::find_by_id(reached.id)
        .one(&test.db)
        .await
        .unwrap();
    assert_eq!(
        kept,
        Some(reached.clone()),
        "what Costa Rica reported is kept"
    );
    let row = milestone::Entity::find_by_id(retired.id)
        .one(&test.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.retired_on, Some(day("2026-10-01")));

    let snapshot = Snapshot::load(&test.db).await.unwrap();
    let has_it = |as_of: &str| {
        let structure = snapshot.structure(Membership::Member, None, day(as_of));
        snapshot
            .states_on(&structure, day(as_of))
            .get(costa_rica.id, action.id)
            .expect("a state")
            .milestones
            .iter()
            .any(|m| m.achieved_on == reached.achieved_on && m.due_on == retired.due_on)
    };
    assert!(has_it("2026-09-30"), "before its retirement it counts");
    assert!(!has_it("2026-10-01"), "from its retirement it does not");
    // The action's page no longer lists it; the revision says it was retired.
    let revision = get(&router, "/plan/revisions/2?lang=en", &[]).await;
    revision.assert_contains("retired (what countries reported on it is kept)");
}

/// A browser's multipart post of the form loading a plan file, with `file` chosen.
fn upload_body(file: &[u8]) -> Vec<u8> {
    tests::multipart_with_file(
        &[
            (app::forms::FORM_FIELD, LoadRevision::PATH),
            ("form[reason]", "The Conference's file"),
            ("form[effective_on]", "2026-10-01"),
            ("form[plan_file]", ""),
        ],
        Some(("form[upload]", "plan.toml", file)),
    )
}

#[tokio::test]
async fn a_chosen_plan_file_loads_as_a_revision_and_one_that_is_not_text_is_refused() {
    let test = TestDatabase::new(true).await;
    let router = test.router_as(SECRETARIAT).await;
    let file = get(&router, "/plan/file", &[]).await;
    let changed =
        file.body.clone() + "\n[[theme]]\ncode = \"6\"\nname_en = \"Sixth\"\nname_es = \"Sexto\"\n";
    let headers = [("accept", "text/html,application/xhtml+xml")];
    let reply = tests::post(
        &router,
        "/plan/revisions",
        tests::MULTIPART,
        upload_body(changed.as_bytes()),
        &headers,
    )
    .await;
    assert_eq!(reply.status.as_u16(), 303, "{}", reply.body);
    let page = get(&router, "/plan/revisions/2?lang=en", &[]).await;
    page.assert_contains("<strong>Theme 6 “Sixth”</strong>: <!>added");
    // Discard it, then choose a file that is not text.
    let reply = submit(
        &router,
        "/plan/revisions/2",
        app::plan::pages::revisions::DiscardRevision::PATH,
        &[("number", "2")],
    )
    .await;
    assert_eq!(reply.status.as_u16(), 303, "{}", reply.body);
    let reply = tests::post(
        &router,
        "/plan/revisions?lang=es",
        tests::MULTIPART,
        upload_body(&[0xff, 0xfe, 0x00, 0x41]),
        &headers,
    )
    .await;
    assert_eq!(reply.status.as_u16(), 422, "{}", reply.body);
    reply.assert_contains("El archivo no es texto (UTF-8)");
}

#[tokio::test]
async fn an_action_moved_to_another_theme_counts_under_its_theme_of_each_day() {
    let test = TestDatabase::new(true).await;
    let router = test.router_as(SECRETARIAT).await;
    let page = start(&router, "2026-10-01").await;
    let reply = submit(
        &router,
        &page,
        &format!("{}#1.1", PutAction::PATH),
        &[
            ("number", "2"),
            ("form[existing]", "1.1"),
            ("form[place]", "theme:2"),
            ("form[title_en]", "Share intelligence"),
            ("form[title_es]", "Compartir inteligencia"),
            ("form[start_year]", "2025"),
            ("form[end_year]", "2029"),
        ],
    )
    .await;
    assert_eq!(reply.status.as_u16(), 303, "{}", reply.body);
    approve(&router, &page, "2").await;

    let (action_id, _) = action_and_costa_rica(&test).await;
    let snapshot = Snapshot::load(&test.db).await.unwrap();
    let theme_of = |as_of: &str| {
        let structure = snapshot.structure(Membership::Member, None, day(as_of));
        let theme_id = structure
            .actions
            .iter()
            .find(|a| a.id == action_id)
            .unwrap()
            .theme_id;
        structure
            .themes
            .iter()
            .find(|t| t.id == theme_id)
            .unwrap()
            .code
            .clone()
    };
    assert_eq!(theme_of("2026-09-30"), "1");
    assert_eq!(theme_of("2026-10-01"), "2");
}

#[tokio::test]
async fn a_stale_form_a_future_date_and_a_retired_code_are_not_taken() {
    let test = TestDatabase::new(true).await;
    let router = test.router_as(SECRETARIAT).await;

    // A revision that takes effect in 2029 stays a draft until then.
    let page = start(&router, "2029-01-01").await;
    put_milestone(&router, &page, "2", "1.1", "", "2029-03-31").await;
    let reply = submit(&router, &page, ApproveRevision::PATH, &[("number", "2")]).await;
    assert_eq!(reply.status.as_u16(), 422);
    reply.assert_contains("takes effect on 2029-01-01");

    // A form that showed the draft before another edit is refused, not applied over it.
    let reply = submit(
        &router,
        &page,
        ApproveRevision::PATH,
        &[("number", "2"), ("seen", "0000000000000000")],
    )
    .await;
    assert_eq!(reply.status.as_u16(), 422);
    reply.assert_contains("The draft changed since this page was opened");
    let reply = submit(
        &router,
        "/plan/revisions/2",
        app::plan::pages::revisions::DiscardRevision::PATH,
        &[("number", "2")],
    )
    .await;
    assert_eq!(reply.status.as_u16(), 303, "{}", reply.body);

    // Action 1.1's last milestone retired, then a new one added: it takes a code 1.1 never had,
    // so that it does not take over what countries reported on the retired one.
    let (action_id, _) = action_and_costa_rica(&test).await;
    let codes =
        |rows: Vec<milestone::Model>| -> Vec<String> { rows.into_iter().map(|m| m.code).collect() };
    let before = codes(
        milestone::Entity::find()
            .filter(milestone::Column::ActionId.eq(action_id))
            .all(&test.db)
            .await
            .unwrap(),
    );
    let last = before.last().unwrap().clone();
    let page = start(&router, "2026-10-01").await;
    let reply = submit(
        &router,
        &page,
        &format!("{}#milestone:1.1/{last}", ChangePart::PATH),
        &[
            ("number", "3"),
            ("kind", "milestone"),
            ("code", last.as_str()),
            ("action", "1.1"),
            ("direction", "retire"),
        ],
    )
    .await;
    assert_eq!(reply.status.as_u16(), 303, "{}", reply.body);
    put_milestone(&router, &page, "3", "1.1", "", "2027-03-31").await;
    approve(&router, &page, "3").await;
    let after = codes(
        milestone::Entity::find()
            .filter(milestone::Column::ActionId.eq(action_id))
            .all(&test.db)
            .await
            .unwrap(),
    );
    assert_eq!(after.len(), before.len() + 1, "{after:?}");
    let retired = milestone::Entity::find()
        .filter(milestone::Column::ActionId.eq(action_id))
        .filter(milestone::Column::Code.eq(last.as_str()))
        .one(&test.db)
        .await
        .unwrap()
        .unwrap();
    assert!(
        retired.retired_on.is_some(),
        "the retired milestone stays retired"
    );
}
