//! Saving a country's update on an action (status, narratives, milestones) through the service, on a
//! real SQLite database: history and audit entries, refused stale saves, all-or-nothing multi-row
//! saves, concurrent saves of one version, and bad input.

use chrono::{NaiveDate, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

use app::access::Viewer;
use app::actions::rules::{ActionUpdate, EvidenceLink, MilestoneUpdate};
use app::actions::service::save_update;
use app::db::entities::{
    action, country, country_action, milestone, milestone_progress, status_event,
};
use app::domain::Status;
use app::error::AppError;
use tests::TestDatabase;

const FOCAL_CR: &str = "focal.cr@demo.enlace";

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

async fn viewer(test: &TestDatabase, email: &str) -> Viewer {
    test.viewer(email).await
}

/// An action with at least three milestones, its milestone ids in order, and Costa Rica's record.
struct Fixture {
    action_id: i32,
    milestone_ids: Vec<i32>,
    record: country_action::Model,
}

async fn fixture(test: &TestDatabase) -> Fixture {
    let costa_rica = country::Entity::find()
        .filter(country::Column::Iso2.eq("CR"))
        .one(&test.db)
        .await
        .unwrap()
        .unwrap();
    for action in action::Entity::find()
        .order_by_asc(action::Column::Id)
        .all(&test.db)
        .await
        .unwrap()
    {
        let milestone_ids: Vec<i32> = milestone::Entity::find()
            .filter(milestone::Column::ActionId.eq(action.id))
            .order_by_asc(milestone::Column::Id)
            .all(&test.db)
            .await
            .unwrap()
            .into_iter()
            .map(|m| m.id)
            .collect();
        let record = country_action::Entity::find()
            .filter(country_action::Column::ActionId.eq(action.id))
            .filter(country_action::Column::CountryId.eq(costa_rica.id))
            .one(&test.db)
            .await
            .unwrap();
        if let (true, Some(record)) = (milestone_ids.len() >= 3, record) {
            return Fixture {
                action_id: action.id,
                milestone_ids,
                record,
            };
        }
    }
    panic!("the demo data has an action with three milestones reported by Costa Rica");
}

/// An update that changes the status and marks the first three milestones achieved on new dates.
fn update(fixture: &Fixture, status: Status) -> ActionUpdate {
    ActionUpdate {
        action_id: fixture.action_id,
        country: "cr".into(),
        version: fixture.record.version,
        status,
        narrative_en: "Joint training of 40 officers.".into(),
        narrative_es: "Capacitación conjunta de 40 funcionarios.".into(),
        milestones: fixture.milestone_ids[..3]
            .iter()
            .zip(["2025-02-03", "2025-03-04", "2025-04-05"])
            .map(|(id, achieved)| MilestoneUpdate {
                milestone_id: *id,
                achieved_on: Some(day(achieved)),
                note: format!("note {id}"),
            })
            .collect(),
        comment: "Agreed with the ministry.".into(),
        evidence: vec![EvidenceLink {
            title: "Training update".into(),
            url: "https://www.example.org/training-update.pdf".into(),
        }],
    }
}

/// A status different from the stored one.
fn another_status(record: &country_action::Model) -> Status {
    if record.status == Status::Suspended.code() {
        Status::InProgress
    } else {
        Status::Suspended
    }
}

/// Everything a save may touch, to compare before and after a refused one.
async fn snapshot(
    test: &TestDatabase,
    fixture: &Fixture,
) -> (
    country_action::Model,
    Vec<milestone_progress::Model>,
    u64,
    u64,
) {
    let record = country_action::Entity::find_by_id(fixture.record.id)
        .one(&test.db)
        .await
        .unwrap()
        .unwrap();
    let milestones = milestone_progress::Entity::find()
        .filter(milestone_progress::Column::CountryId.eq(record.country_id))
        .order_by_asc(milestone_progress::Column::Id)
        .all(&test.db)
        .await
        .unwrap();
    let events = status_event::Entity::find().count(&test.db).await.unwrap();
    (record, milestones, events, test.audit_count().await)
}

#[tokio::test]
async fn a_save_records_its_history_and_one_audit_entry() {
    let test = TestDatabase::new(true).await;
    let fixture = fixture(&test).await;
    let focal = viewer(&test, FOCAL_CR).await;
    let status = another_status(&fixture.record);
    let audit_before = test.audit_count().await;
    let last_event = status_event::Entity::find()
        .order_by_desc(status_event::Column::Id)
        .one(&test.db)
        .await
        .unwrap()
        .map_or(0, |e| e.id);

    let saved = save_update(&test.db, &focal, &update(&fixture, status), Utc::now())
        .await
        .expect("the update is saved");
    assert_eq!(saved.version, fixture.record.version + 1);

    let record = country_action::Entity::find_by_id(fixture.record.id)
        .one(&test.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(record.status, status.code());
    assert_eq!(record.version, saved.version);
    assert_eq!(record.updated_by, Some(focal.user_id));
    assert_eq!(
        record.narrative_es.as_deref(),
        Some("Capacitación conjunta de 40 funcionarios.")
    );

    let events = status_event::Entity::find()
        .filter(status_event::Column::Id.gt(last_event))
        .order_by_asc(status_event::Column::Id)
        .all(&test.db)
        .await
        .unwrap();
    let kinds: Vec<&str> = events.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "status",
            "narrative",
            "evidence",
            "milestone",
            "milestone",
            "milestone"
        ]
    );
    assert_eq!(
        events[0].before.as_ref().unwrap()["status"],
        fixture.record.status.as_str()
    );
    assert_eq!(events[0].after.as_ref().unwrap()["status"], status.code());
    assert_eq!(
        events[0].comment.as_deref(),
        Some("Agreed with the ministry.")
    );
    assert_eq!(events[3].milestone_id, Some(fixture.milestone_ids[0]));
    assert_eq!(
        events[3].after.as_ref().unwrap()["achieved_on"],
        "2025-02-03"
    );
    assert!(events.iter().all(|e| e.actor_id == Some(focal.user_id)));

    let entries = test.audit_since(audit_before).await;
    assert_eq!(entries.len(), 1, "one audit entry for the whole update");
    let entry = &entries[0];
    assert_eq!(
        (entry.entity.as_str(), entry.operation.as_str()),
        ("country_action", "update")
    );
    assert_eq!(entry.entity_id, fixture.record.id.to_string());
    assert_eq!(entry.country_id, Some(fixture.record.country_id));
    let after = entry.after.as_ref().unwrap();
    assert_eq!(after["status"], status.code());
    assert_eq!(after["version"], saved.version);
    let first = fixture.milestone_ids[0].to_string();
    assert_eq!(after["milestones"][&first]["achieved_on"], "2025-02-03");
    assert_eq!(
        after["evidence"][0]["url"],
        "https://www.example.org/training-update.pdf"
    );
    assert_eq!(
        entry.before.as_ref().unwrap()["status"],
        fixture.record.status.as_str()
    );

    // Saving the same again changes nothing and writes nothing.
    let mut same = update(&fixture, status);
    same.version = saved.version;
    let before = snapshot(&test, &fixture).await;
    assert_eq!(
        save_update(&test.db, &focal, &same, Utc::now()).await,
        Ok(saved)
    );
    assert_eq!(snapshot(&test, &fixture).await, before);
}

#[tokio::test]
async fn a_save_against_an_old_version_is_refused_and_says_what_changed() {
    let test = TestDatabase::new(true).await;
    let fixture = fixture(&test).await;
    let focal = viewer(&test, FOCAL_CR).await;
    let secretariat = viewer(&test, "secretariat@demo.enlace").await;

    // The secretariat changes the status; the focal point, who loaded the same version, then saves.
    let mut first = update(&fixture, another_status(&fixture.record));
    first.milestones.clear();
    first.evidence.clear();
    first.narrative_en = fixture.record.narrative_en.clone().unwrap_or_default();
    first.narrative_es = fixture.record.narrative_es.clone().unwrap_or_default();
    save_update(&test.db, &secretariat, &first, Utc::now())
        .await
        .expect("the first save wins");
    let before = snapshot(&test, &fixture).await;

    let stale = update(&fixture, Status::Completed);
    let refused = save_update(&test.db, &focal, &stale, Utc::now()).await;
    let Err(AppError::Conflict(conflict)) = refused else {
        panic!("expected a conflict, got {refused:?}");
    };
    assert_eq!(conflict.saved_by.as_deref(), Some("Demo Secretariat"));
    assert_eq!(conflict.changed, ["field-status"]);
    assert!(conflict.saved_at.is_some());
    let message = AppError::Conflict(conflict).message(app::i18n::Lang::Es);
    assert!(message.contains("Demo Secretariat"), "{message}");
    assert!(message.contains("Estado"), "{message}");
    assert_eq!(
        snapshot(&test, &fixture).await,
        before,
        "nothing was overwritten"
    );
}

#[tokio::test]
async fn an_update_is_saved_whole_or_not_at_all() {
    let test = TestDatabase::new(true).await;
    let fixture = fixture(&test).await;
    let focal = viewer(&test, FOCAL_CR).await;
    // The third milestone row cannot be written: the database refuses it, after the record and the
    // first two milestones were written in the same transaction.
    let last = fixture.milestone_ids[2];
    for event in ["INSERT", "UPDATE"] {
        test.db
            .execute_unprepared(&format!(
                "CREATE TRIGGER refuse_{event} BEFORE {event} ON milestone_progress \
                 WHEN NEW.milestone_id = {last} BEGIN SELECT RAISE(ABORT, 'injected failure'); END"
            ))
            .await
            .unwrap();
    }
    let before = snapshot(&test, &fixture).await;

    let failed = save_update(
        &test.db,
        &focal,
        &update(&fixture, another_status(&fixture.record)),
        Utc::now(),
    )
    .await;
    assert_eq!(failed, Err(AppError::Internal));
    assert_eq!(
        snapshot(&test, &fixture).await,
        before,
        "the status, the first milestones, the history and the audit trail are as they were"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn of_sixteen_saves_of_one_version_exactly_one_wins() {
    let test = TestDatabase::new(true).await;
    let fixture = fixture(&test).await;
    let focal = viewer(&test, FOCAL_CR).await;
    let audit_before = test.audit_count().await;

    let saves = (0..16).map(|task| {
        let db = test.db.clone();
        let focal = focal.clone();
        let mut update = update(&fixture, another_status(&fixture.record));
        update.narrative_en = format!("Saved by task {task}");
        tokio::spawn(async move { (task, save_update(&db, &focal, &update, Utc::now()).await) })
    });
    let mut results = Vec::new();
    for handle in saves.collect::<Vec<_>>() {
        results.push(handle.await.expect("the task ends"));
    }

    let winners: Vec<usize> = results
        .iter()
        .filter(|(_, result)| result.is_ok())
        .map(|(task, _)| *task)
        .collect();
    assert_eq!(winners.len(), 1, "{results:?}");
    let refused = results
        .iter()
        .filter(|(_, result)| matches!(result, Err(AppError::Conflict(_))))
        .count();
    assert_eq!(refused, 15, "{results:?}");
    let record = country_action::Entity::find_by_id(fixture.record.id)
        .one(&test.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        record.narrative_en,
        Some(format!("Saved by task {}", winners[0]))
    );
    assert_eq!(record.version, fixture.record.version + 1);
    assert_eq!(test.audit_count().await, audit_before + 1);
}

#[tokio::test]
async fn another_countrys_focal_point_and_reviewers_are_refused() {
    let test = TestDatabase::new(true).await;
    let fixture = fixture(&test).await;
    let before = snapshot(&test, &fixture).await;
    for email in ["focal.mx@demo.enlace", "reviewer@demo.enlace"] {
        let other = viewer(&test, email).await;
        let refused = save_update(
            &test.db,
            &other,
            &update(&fixture, Status::Completed),
            Utc::now(),
        )
        .await;
        assert_eq!(refused, Err(AppError::Forbidden), "{email}");
    }
    assert_eq!(snapshot(&test, &fixture).await, before);
}

/// A change that makes an update break one rule.
type Spoil = Box<dyn Fn(&mut ActionUpdate)>;

#[tokio::test]
async fn bad_input_is_refused_naming_the_field_and_nothing_is_stored() {
    let test = TestDatabase::new(true).await;
    let fixture = fixture(&test).await;
    let focal = viewer(&test, FOCAL_CR).await;
    let before = snapshot(&test, &fixture).await;
    let other_action_milestone = milestone::Entity::find()
        .filter(milestone::Column::ActionId.ne(fixture.action_id))
        .one(&test.db)
        .await
        .unwrap()
        .unwrap()
        .id;

    let cases: [(&str, Spoil); 5] = [
        (
            "problem-milestone-other-action",
            Box::new(move |r| r.milestones[2].milestone_id = other_action_milestone),
        ),
        (
            "problem-achieved-before-plan",
            Box::new(|r| r.milestones[2].achieved_on = Some(day("2024-12-31"))),
        ),
        (
            "problem-achieved-in-future",
            Box::new(|r| {
                r.milestones[2].achieved_on = Some(Utc::now().date_naive() + chrono::Days::new(1))
            }),
        ),
        (
            "problem-narrative-too-long",
            Box::new(|r| r.narrative_en = "x".repeat(10_001)),
        ),
        (
            "problem-evidence-url",
            Box::new(|r| r.evidence[0].url = "javascript:alert(1)".into()),
        ),
    ];
    for (key, spoil) in cases {
        let mut bad = update(&fixture, another_status(&fixture.record));
        spoil(&mut bad);
        let refused = save_update(&test.db, &focal, &bad, Utc::now()).await;
        let Err(AppError::Invalid(problems)) = refused else {
            panic!("{key}: expected invalid input, got {refused:?}");
        };
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].key, key);
        let message = problems[0].message(app::i18n::Lang::Es);
        assert!(
            !message.starts_with("problem-"),
            "{key} is translated: {message}"
        );
    }
    let unknown_country = ActionUpdate {
        country: "ZZ".into(),
        ..update(&fixture, Status::Completed)
    };
    assert_eq!(
        save_update(&test.db, &focal, &unknown_country, Utc::now()).await,
        Err(AppError::NotFound)
    );
    assert_eq!(snapshot(&test, &fixture).await, before);
}

/// A browser's post of the page's update form.
async fn post_update(router: &axum::Router, page: &str, fields: &[(&str, String)]) -> tests::Reply {
    tests::submit(router, page, "/api/actions/update", fields).await
}

fn update_fields(fixture: &Fixture, version: i32, status: Status) -> Vec<(&'static str, String)> {
    vec![
        ("update[action_id]", fixture.action_id.to_string()),
        ("update[country]", "CR".to_owned()),
        ("update[version]", version.to_string()),
        ("update[status]", status.code().to_owned()),
        ("update[narrative_en]", "Joint patrols started.".to_owned()),
        ("update[narrative_es]", String::new()),
        (
            "update[milestones][0][milestone_id]",
            fixture.milestone_ids[0].to_string(),
        ),
        (
            "update[milestones][0][achieved_on]",
            "2025-06-01".to_owned(),
        ),
        ("update[milestones][0][note]", String::new()),
        (
            "update[evidence][0][title]",
            "Joint patrol protocol".to_owned(),
        ),
        (
            "update[evidence][0][url]",
            "https://www.example.org/protocol.pdf".to_owned(),
        ),
        ("update[evidence][1][title]", String::new()),
        ("update[evidence][1][url]", String::new()),
        (
            "update[comment]",
            "Agreed in the bilateral meeting.".to_owned(),
        ),
    ]
}

async fn action_code(test: &TestDatabase, fixture: &Fixture) -> String {
    action::Entity::find_by_id(fixture.action_id)
        .one(&test.db)
        .await
        .unwrap()
        .unwrap()
        .code
}

#[tokio::test]
async fn the_form_saves_without_javascript_and_the_page_shows_the_history() {
    let test = TestDatabase::new(true).await;
    let fixture = fixture(&test).await;
    let code = action_code(&test, &fixture).await;
    let page = format!("/countries/cr/actions/{code}");
    let router = test.router_as(FOCAL_CR).await;

    let before = tests::get(&router, &page, &[]).await;
    assert_eq!(before.status, axum::http::StatusCode::OK);
    before.assert_contains("name=\"update[status]\"");
    before.assert_contains(&format!(
        "name=\"update[version]\" value=\"{}\"",
        fixture.record.version
    ));

    let status = another_status(&fixture.record);
    let saved = post_update(
        &router,
        &page,
        &update_fields(&fixture, fixture.record.version, status),
    )
    .await;
    assert_eq!(
        saved.status,
        axum::http::StatusCode::SEE_OTHER,
        "{}",
        saved.body
    );
    assert_eq!(saved.location(), Some(format!("{page}?saved=1")));

    let after = tests::get(&router, &format!("{page}?saved=1&lang=es"), &[]).await;
    after.assert_contains("Guardado.");
    after.assert_contains(&format!(
        "el estado cambió de {} a {}",
        app::i18n::t(
            app::i18n::Lang::Es,
            Status::from_code(&fixture.record.status)
                .unwrap()
                .label_key()
        ),
        app::i18n::t(app::i18n::Lang::Es, status.label_key())
    ));
    after.assert_contains("Agreed in the bilateral meeting.");
    after.assert_contains("Joint patrols started.");
    after.assert_contains(
        "<a href=\"https://www.example.org/protocol.pdf\" rel=\"noopener noreferrer nofollow\">Joint patrol protocol</a>",
    );
    after.assert_contains(&format!(
        "name=\"update[version]\" value=\"{}\"",
        fixture.record.version + 1
    ));
}

#[tokio::test]
async fn a_stale_form_comes_back_with_what_changed_in_the_users_language() {
    let test = TestDatabase::new(true).await;
    let fixture = fixture(&test).await;
    let code = action_code(&test, &fixture).await;
    let page = format!("/countries/cr/actions/{code}");
    let secretariat = test.router_as("secretariat@demo.enlace").await;
    let focal = test.router_as(FOCAL_CR).await;
    let loaded = fixture.record.version;

    let first = post_update(
        &secretariat,
        &page,
        &update_fields(&fixture, loaded, another_status(&fixture.record)),
    )
    .await;
    assert_eq!(first.status, axum::http::StatusCode::SEE_OTHER);
    let before = snapshot(&test, &fixture).await;

    let mut fields = update_fields(&fixture, loaded, Status::Completed);
    for (name, value) in &mut fields {
        if *name == "update[narrative_es]" {
            *value = "Patrullas conjuntas.".to_owned();
        }
    }
    let shown = post_update(&focal, &format!("{page}?lang=es"), &fields).await;
    assert_eq!(shown.status, axum::http::StatusCode::CONFLICT);
    shown.assert_contains("Otra persona guardó primero");
    shown.assert_contains("Demo Secretariat");
    // What the focal point typed is still in the form, which now carries the stored version: saving
    // again, having seen what changed, goes through.
    shown.assert_contains("Patrullas conjuntas.");
    shown.assert_contains(&format!(
        "name=\"update[version]\" value=\"{}\"",
        loaded + 1
    ));
    // A client of the server function receives the refusal itself.
    let answered = tests::post_form(
        &focal,
        "/api/actions/update",
        &tests::form_body(&update_fields(&fixture, loaded, Status::Completed)),
        &[],
    )
    .await;
    assert_eq!(answered.status, axum::http::StatusCode::CONFLICT);
    answered.assert_contains("Demo Secretariat");
    assert_eq!(
        snapshot(&test, &fixture).await,
        before,
        "nothing was overwritten"
    );
}

#[tokio::test]
async fn another_countrys_focal_point_sees_the_page_without_the_form() {
    let test = TestDatabase::new(true).await;
    let fixture = fixture(&test).await;
    let code = action_code(&test, &fixture).await;
    let mexico = test.router_as("focal.mx@demo.enlace").await;
    let page = tests::get(&mexico, &format!("/countries/cr/actions/{code}"), &[]).await;
    assert_eq!(page.status, axum::http::StatusCode::OK);
    page.assert_contains("Costa Rica");
    page.assert_lacks("name=\"update[status]\"");
    let unknown = tests::get(&mexico, &format!("/countries/zz/actions/{code}"), &[]).await;
    assert_eq!(unknown.status, axum::http::StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_reviewer_comments_and_the_focal_point_reads_it() {
    let test = TestDatabase::new(true).await;
    let fixture = fixture(&test).await;
    let code = action_code(&test, &fixture).await;
    let page = format!("/countries/cr/actions/{code}");
    let reviewer = test.router_as("reviewer@demo.enlace").await;
    let comment = |body: &str| {
        vec![
            ("action_id", fixture.action_id.to_string()),
            ("country", "CR".to_owned()),
            ("body", body.to_owned()),
        ]
    };

    let form = tests::get(&reviewer, &page, &[]).await;
    form.assert_contains("name=\"body\"");
    form.assert_lacks("name=\"update[status]\"");

    let audit_before = test.audit_count().await;
    let shown = tests::submit(
        &reviewer,
        &format!("{page}?lang=es"),
        "/api/actions/comment",
        &comment("   "),
    )
    .await;
    assert_eq!(shown.status, axum::http::StatusCode::UNPROCESSABLE_ENTITY);
    shown.assert_contains("Escriba un comentario.");
    shown.assert_contains("aria-invalid=\"true\"");
    assert_eq!(test.audit_count().await, audit_before);

    let added = tests::submit(
        &reviewer,
        &page,
        "/api/actions/comment",
        &comment("Please attach the <b>decree</b>."),
    )
    .await;
    assert_eq!(
        added.status,
        axum::http::StatusCode::SEE_OTHER,
        "{}",
        added.body
    );
    assert_eq!(added.location(), Some(format!("{page}#comments")));
    let entries = test.audit_since(audit_before).await;
    assert_eq!(entries.len(), 1);
    assert_eq!(
        (entries[0].entity.as_str(), entries[0].operation.as_str()),
        ("update_comment", "create")
    );

    let focal = test.router_as(FOCAL_CR).await;
    let seen = tests::get(&focal, &page, &[]).await;
    seen.assert_contains("Please attach the &lt;b&gt;decree&lt;/b&gt;.");
    seen.assert_contains("Demo Reviewer");
    seen.assert_lacks("name=\"body\"");
}

/// Uploads `content` as `file_name` to Costa Rica's update on the fixture's action, as a browser's
/// form post.
async fn upload(
    router: &axum::Router,
    fixture: &Fixture,
    file_name: &str,
    content: &[u8],
) -> tests::Reply {
    let body = tests::multipart_body(
        &[
            ("action_id", &fixture.action_id.to_string()),
            ("country", "CR"),
        ],
        Some((file_name, content)),
    );
    tests::post(
        router,
        "/attachments",
        tests::MULTIPART,
        body,
        &[("accept", "text/html,application/xhtml+xml")],
    )
    .await
}

async fn attachments(test: &TestDatabase) -> Vec<app::db::entities::attachment::Model> {
    app::db::entities::attachment::Entity::find()
        .all(&test.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_focal_point_attaches_a_pdf_and_anyone_signed_in_downloads_it() {
    let test = TestDatabase::new(true).await;
    let fixture = fixture(&test).await;
    let code = action_code(&test, &fixture).await;
    let focal = test.router_as(FOCAL_CR).await;
    let audit_before = test.audit_count().await;
    let pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n";

    let sent = upload(&focal, &fixture, "C:\\Informes\\Decreto 41.pdf", pdf).await;
    assert_eq!(
        sent.status,
        axum::http::StatusCode::SEE_OTHER,
        "{}",
        sent.body
    );
    assert_eq!(
        sent.location(),
        Some(format!(
            "/countries/cr/actions/{code}?attached=1#attachments"
        ))
    );
    let files = attachments(&test).await;
    assert_eq!(files.len(), 1);
    assert_eq!(
        (files[0].file_name.as_str(), files[0].content_type.as_str()),
        ("Decreto 41.pdf", "application/pdf")
    );
    let entries = test.audit_since(audit_before).await;
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].entity, "attachment");
    assert_eq!(entries[0].after.as_ref().unwrap()["size_bytes"], pdf.len());

    let page = tests::get(
        &focal,
        &format!("/countries/cr/actions/{code}?attached=1"),
        &[],
    )
    .await;
    page.assert_contains("The file is attached.");
    page.assert_contains(&format!("href=\"/attachments/{}\"", files[0].id));
    page.assert_contains("Decreto 41.pdf");

    let reviewer = test.router_as("reviewer@demo.enlace").await;
    let download = tests::get(&reviewer, &format!("/attachments/{}", files[0].id), &[]).await;
    assert_eq!(download.status, axum::http::StatusCode::OK);
    assert_eq!(
        download.headers[axum::http::header::CONTENT_TYPE],
        "application/pdf"
    );
    let disposition = download.headers[axum::http::header::CONTENT_DISPOSITION]
        .to_str()
        .unwrap();
    assert!(disposition.starts_with("attachment;"), "{disposition}");
    assert!(disposition.contains("Decreto%2041.pdf"), "{disposition}");
    assert_eq!(download.body.as_bytes(), pdf);
    assert_eq!(
        download.headers[axum::http::header::X_CONTENT_TYPE_OPTIONS],
        "nosniff"
    );

    let anonymous = tests::get(
        &test.router(),
        &format!("/attachments/{}", files[0].id),
        &[],
    )
    .await;
    assert_eq!(anonymous.status, axum::http::StatusCode::SEE_OTHER);
    let missing = tests::get(&reviewer, "/attachments/9999", &[]).await;
    assert_eq!(missing.status, axum::http::StatusCode::NOT_FOUND);
    // A link from before files were called attachments still leads to the file.
    let former = tests::get(&reviewer, &format!("/evidence/{}", files[0].id), &[]).await;
    assert_eq!(former.status, axum::http::StatusCode::PERMANENT_REDIRECT);
    assert_eq!(
        former.headers[axum::http::header::LOCATION],
        format!("/attachments/{}", files[0].id).as_str()
    );
}

#[tokio::test]
async fn files_are_refused_by_their_content_and_size_with_a_translated_message() {
    let test = TestDatabase::new(true).await;
    let fixture = fixture(&test).await;
    let code = action_code(&test, &fixture).await;
    let focal = test.router_as(FOCAL_CR).await;
    let audit_before = test.audit_count().await;

    let oversized = {
        let mut content = b"%PDF-1.4\n".to_vec();
        content.resize(10 * 1024 * 1024 + 1, b' ');
        content
    };
    let far_too_large = {
        let mut content = b"%PDF-1.4\n".to_vec();
        content.resize(11 * 1024 * 1024, b' ');
        content
    };
    let cases: [(&str, &[u8], &str, &str); 4] = [
        (
            "update.pdf",
            b"MZ\x90\0\x03 a program, whatever its name",
            "problem-file-type",
            "se comprobó su contenido",
        ),
        (
            "page.html",
            b"<html><script>alert(1)</script></html>",
            "problem-file-type",
            "se comprobó su contenido",
        ),
        (
            "big.pdf",
            &oversized,
            "problem-file-too-large",
            "El archivo supera los 10 MB.",
        ),
        (
            "bigger.pdf",
            &far_too_large,
            "problem-file-too-large",
            "El archivo supera los 10 MB.",
        ),
    ];
    for (file_name, content, key, spanish) in cases {
        let refused = upload(&focal, &fixture, file_name, content).await;
        assert_eq!(
            refused.location(),
            Some(format!(
                "/countries/cr/actions/{code}?attachment_problem={key}#attachments"
            )),
            "{file_name}: {}",
            refused.body
        );
        let page = tests::get(
            &focal,
            &format!("/countries/cr/actions/{code}?attachment_problem={key}&lang=es"),
            &[],
        )
        .await;
        page.assert_contains(spanish);
    }
    assert!(attachments(&test).await.is_empty(), "nothing stored");
    assert_eq!(test.audit_count().await, audit_before);

    // A problem key the page does not know is not shown.
    let crafted = tests::get(
        &focal,
        &format!("/countries/cr/actions/{code}?attachment_problem=error-internal-body"),
        &[],
    )
    .await;
    crafted.assert_lacks("form-error__title");
}

#[tokio::test]
async fn a_status_outside_the_vocabulary_comes_back_named_in_the_users_language() {
    let test = TestDatabase::new(true).await;
    let fixture = fixture(&test).await;
    let code = action_code(&test, &fixture).await;
    let page = format!("/countries/cr/actions/{code}");
    let focal = test.router_as(FOCAL_CR).await;
    let before = snapshot(&test, &fixture).await;

    let mut fields = update_fields(&fixture, fixture.record.version, Status::Completed);
    let status = fields
        .iter_mut()
        .find(|(name, _)| *name == "update[status]")
        .unwrap();
    status.1 = "delayed".to_owned();
    let shown = post_update(&focal, &format!("{page}?lang=es"), &fields).await;
    assert_eq!(shown.status, axum::http::StatusCode::UNPROCESSABLE_ENTITY);
    shown.assert_contains("Elija uno de los estados.");
    assert_eq!(snapshot(&test, &fixture).await, before, "nothing stored");
}

#[tokio::test]
async fn an_update_keeps_at_most_twenty_files_and_a_hundred_megabytes() {
    use app::db::entities::attachment;
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    let test = TestDatabase::new(true).await;
    let fixture = fixture(&test).await;
    let code = action_code(&test, &fixture).await;
    let focal = test.router_as(FOCAL_CR).await;
    let uploader = test.user(FOCAL_CR).await.unwrap().id;
    let pdf = b"%PDF-1.4\n% evidence\n";
    // Files already kept, as a country's earlier uploads left them (their recorded sizes count).
    let keep = |number: usize, megabytes: i64| attachment::ActiveModel {
        action_id: Set(fixture.action_id),
        country_id: Set(fixture.record.country_id),
        file_name: Set(format!("update-{number}.pdf")),
        content_type: Set("application/pdf".to_owned()),
        size_bytes: Set(megabytes * 1024 * 1024),
        sha256: Set(String::new()),
        content: Set(pdf.to_vec()),
        uploaded_by: Set(uploader),
        uploaded_at: Set(Utc::now()),
        ..Default::default()
    };
    for number in 0..10 {
        keep(number, 10).insert(&test.db).await.unwrap();
    }
    let refused = upload(&focal, &fixture, "eleventh.pdf", pdf).await;
    assert_eq!(
        refused.location(),
        Some(format!(
            "/countries/cr/actions/{code}?attachment_problem=problem-attachments-too-large#attachments"
        ))
    );
    let page = tests::get(
        &focal,
        &format!(
            "/countries/cr/actions/{code}?attachment_problem=problem-attachments-too-large&lang=es"
        ),
        &[],
    )
    .await;
    page.assert_contains("pueden ocupar como máximo 100 MB en total");

    attachment::Entity::delete_many()
        .exec(&test.db)
        .await
        .unwrap();
    for number in 0..20 {
        keep(number, 0).insert(&test.db).await.unwrap();
    }
    let refused = upload(&focal, &fixture, "twenty-first.pdf", pdf).await;
    assert_eq!(
        refused.location(),
        Some(format!(
            "/countries/cr/actions/{code}?attachment_problem=problem-attachments-too-many#attachments"
        ))
    );
    let page = tests::get(
        &focal,
        &format!("/countries/cr/actions/{code}?attachment_problem=problem-attachments-too-many"),
        &[],
    )
    .await;
    page.assert_contains("at most 20 attached files");
    assert_eq!(attachments(&test).await.len(), 20, "nothing more was kept");
}
