//! Reporting rounds and indicator values on a real SQLite database with the demo data (the 2025 round
//! validated, the 2026 round open): every step of a submission, allowed and forbidden; values locked
//! once validated; bad input refused whole with a translated message naming the field; the
//! catalogue and targets; the pages.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use app::db::entities::{country, indicator, indicator_target, indicator_value, submission};
use app::domain::SubmissionState;
use app::error::AppError;
use app::indicators::rules::ValueForm;
use app::indicators::service::{self, ValuesInput};
use app::indicators::types::IndicatorForm;
use app::indicators::types::TargetForm;
use app::rounds::rules::Step;
use app::rounds::service::{delete_round, open_round, take_step, update_round, StepRequest};
use app::rounds::types::RoundSettings;
use tests::{get, submit_from_page, TestDatabase};

const FOCAL_CR: &str = "focal.cr@demo.enlace";
const FOCAL_MX: &str = "focal.mx@demo.enlace";
const REVIEWER: &str = "reviewer@demo.enlace";
const SECRETARIAT: &str = "secretariat@demo.enlace";

fn now() -> DateTime<Utc> {
    "2026-11-24T10:00:00Z".parse().unwrap()
}

fn value(indicator: &str, value: &str, source: &str) -> ValueForm {
    ValueForm {
        indicator: indicator.into(),
        value: value.into(),
        source: source.into(),
        ..ValueForm::default()
    }
}

fn share(indicator: &str, numerator: &str, denominator: &str) -> ValueForm {
    ValueForm {
        indicator: indicator.into(),
        numerator: numerator.into(),
        denominator: denominator.into(),
        source: "Prosecutor's office".into(),
        ..ValueForm::default()
    }
}

fn values(version: i32, rows: Vec<ValueForm>) -> ValuesInput {
    ValuesInput {
        country: "CR".into(),
        year: 2026,
        version,
        values: rows,
    }
}

fn step(step: Step, version: i32, reason: &str) -> StepRequest {
    StepRequest {
        country: "CR".into(),
        year: 2026,
        step,
        version,
        reason: reason.into(),
    }
}

async fn costa_rica_submission(test: &TestDatabase) -> submission::Model {
    let cr = country::Entity::find()
        .filter(country::Column::Iso2.eq("CR"))
        .one(&test.db)
        .await
        .unwrap()
        .unwrap();
    let context = app::rounds::service::submission_context(&test.db, "CR", 2026)
        .await
        .unwrap();
    assert_eq!(context.country.id, cr.id);
    context.submission
}

/// Costa Rica's 2026 values: (indicator code, value, state).
async fn costa_rica_values(test: &TestDatabase) -> Vec<(String, f64, String)> {
    let codes: std::collections::HashMap<i32, String> = indicator::Entity::find()
        .all(&test.db)
        .await
        .unwrap()
        .into_iter()
        .map(|i| (i.id, i.code))
        .collect();
    let cr = costa_rica_submission(test).await.country_id;
    let mut rows: Vec<_> = indicator_value::Entity::find()
        .filter(indicator_value::Column::CountryId.eq(cr))
        .filter(indicator_value::Column::Year.eq(2026))
        .all(&test.db)
        .await
        .unwrap()
        .into_iter()
        .map(|v| (codes[&v.indicator_id].clone(), v.value.unwrap(), v.state))
        .collect();
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    rows
}

/// A round of `year`, opening and due on the days given, with reminders 7 and 1 days before and 1
/// and 7 days after.
fn round(year: i32, opens: &str, due: &str) -> RoundSettings {
    RoundSettings {
        year,
        opens_on: opens.parse().unwrap(),
        due_on: due.parse().unwrap(),
        remind_before_days: vec![7, 1],
        remind_after_days: vec![1, 7],
    }
}

fn problem_keys(error: AppError) -> Vec<String> {
    match error {
        AppError::Invalid(problems) => problems.into_iter().map(|p| p.key).collect(),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

#[tokio::test]
async fn a_submission_goes_through_every_step_and_each_forbidden_one_is_refused() {
    let test = TestDatabase::new(true).await;
    let focal = test.viewer(FOCAL_CR).await;
    let other_focal = test.viewer(FOCAL_MX).await;
    let reviewer = test.viewer(REVIEWER).await;
    let secretariat = test.viewer(SECRETARIAT).await;
    assert_eq!(costa_rica_submission(&test).await.state, "not_started");

    // Nothing to submit before a first save.
    let refused = take_step(&test.db, &focal, &step(Step::Submit, 0, ""), now()).await;
    assert_eq!(
        problem_keys(refused.unwrap_err()),
        ["problem-submit-not-allowed"]
    );

    // The focal point saves two values: the submission becomes a draft.
    let saved = service::save_values(
        &test.db,
        &focal,
        &values(
            0,
            vec![
                value("SEA-01", "yes", "Law 8764"),
                share("ENF-04", "12", "48"),
            ],
        ),
        now(),
    )
    .await
    .unwrap();
    assert_eq!(saved, 1);
    assert_eq!(costa_rica_submission(&test).await.state, "draft");
    assert_eq!(
        costa_rica_values(&test).await,
        [
            ("ENF-04".to_owned(), 25.0, "draft".to_owned()),
            ("SEA-01".to_owned(), 1.0, "draft".to_owned())
        ]
    );

    // Another country's focal point and a reviewer can neither save nor submit Costa Rica's.
    for viewer in [&other_focal, &reviewer] {
        let save = service::save_values(&test.db, viewer, &values(1, vec![]), now()).await;
        assert_eq!(save.unwrap_err(), AppError::Forbidden);
        let submit = take_step(&test.db, viewer, &step(Step::Submit, 1, ""), now()).await;
        assert_eq!(submit.unwrap_err(), AppError::Forbidden);
    }
    // A focal point cannot validate, return or reopen, even their own country's submission.
    for (kind, reason) in [
        (Step::Validate, ""),
        (Step::Return, "why"),
        (Step::Reopen, "why"),
    ] {
        let refused = take_step(&test.db, &focal, &step(kind, 1, reason), now()).await;
        assert_eq!(refused.unwrap_err(), AppError::Forbidden, "{kind:?}");
    }
    // The secretariat cannot validate a draft.
    let early = take_step(&test.db, &secretariat, &step(Step::Validate, 1, ""), now()).await;
    assert_eq!(
        problem_keys(early.unwrap_err()),
        ["problem-validate-not-allowed"]
    );

    // Submitted: the values are locked.
    let state = take_step(&test.db, &focal, &step(Step::Submit, 1, ""), now())
        .await
        .unwrap();
    assert_eq!(state, SubmissionState::Submitted);
    let locked = service::save_values(
        &test.db,
        &focal,
        &values(2, vec![value("SEA-01", "no", "Law 8764")]),
        now(),
    )
    .await;
    assert_eq!(
        problem_keys(locked.unwrap_err()),
        ["problem-submission-locked"]
    );

    // Returned with a reason, which is required and then shown to the country.
    let no_reason = take_step(&test.db, &secretariat, &step(Step::Return, 2, "  "), now()).await;
    assert_eq!(
        problem_keys(no_reason.unwrap_err()),
        ["problem-reason-required"]
    );
    take_step(
        &test.db,
        &secretariat,
        &step(
            Step::Return,
            2,
            "ENF-04 counts cases, not people: check the denominator.",
        ),
        now(),
    )
    .await
    .unwrap();
    let page = get(
        &test.router_as(FOCAL_CR).await,
        "/countries/cr/indicators?year=2026",
        &[],
    )
    .await;
    page.assert_contains("ENF-04 counts cases, not people: check the denominator.");
    page.assert_contains(r#"data-state="returned""#);

    // The country fixes a value (the reason stays visible) and submits again.
    service::save_values(
        &test.db,
        &focal,
        &values(3, vec![share("ENF-04", "12", "40")]),
        now(),
    )
    .await
    .unwrap();
    let stored = costa_rica_submission(&test).await;
    assert_eq!(stored.state, "returned");
    assert!(stored.return_reason.is_some());
    take_step(&test.db, &focal, &step(Step::Submit, 4, ""), now())
        .await
        .unwrap();

    // Validated: every value counts and nobody edits it, the secretariat included.
    take_step(&test.db, &secretariat, &step(Step::Validate, 5, ""), now())
        .await
        .unwrap();
    assert!(costa_rica_values(&test)
        .await
        .iter()
        .all(|(_, _, state)| state == "validated"));
    for viewer in [&focal, &secretariat] {
        let edit = service::save_values(
            &test.db,
            viewer,
            &values(6, vec![value("SEA-01", "no", "x")]),
            now(),
        )
        .await;
        assert_eq!(
            problem_keys(edit.unwrap_err()),
            ["problem-submission-locked"]
        );
    }
    assert_eq!(
        costa_rica_values(&test).await[0],
        ("ENF-04".to_owned(), 30.0, "validated".to_owned())
    );

    // Reopening is the secretariat's, with a reason, audited; then the country can edit again.
    let audited = test.audit_count().await;
    take_step(
        &test.db,
        &secretariat,
        &step(
            Step::Reopen,
            6,
            "The Prosecutor's office corrected its figures.",
        ),
        now(),
    )
    .await
    .unwrap();
    let entry = test.audit_since(audited).await.remove(0);
    assert_eq!(
        (entry.entity.as_str(), entry.operation.as_str()),
        ("submission", "reopen")
    );
    assert_eq!(
        entry.after.unwrap()["reason"],
        "The Prosecutor's office corrected its figures."
    );
    service::save_values(
        &test.db,
        &focal,
        &values(7, vec![value("SEA-01", "no", "Law 8764")]),
        now(),
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn a_stale_form_is_refused_with_who_changed_the_submission() {
    let test = TestDatabase::new(true).await;
    let focal = test.viewer(FOCAL_CR).await;
    let secretariat = test.viewer(SECRETARIAT).await;
    service::save_values(
        &test.db,
        &secretariat,
        &values(0, vec![value("SEA-01", "yes", "Gazette")]),
        now(),
    )
    .await
    .unwrap();
    let stale = service::save_values(
        &test.db,
        &focal,
        &values(0, vec![value("SEA-01", "no", "Gazette")]),
        now(),
    )
    .await;
    let AppError::Conflict(conflict) = stale.unwrap_err() else {
        panic!("expected a conflict");
    };
    assert_eq!(conflict.saved_by.as_deref(), Some("Demo Secretariat"));
    assert_eq!(conflict.changed, ["field-indicator-values"]);
    assert_eq!(
        costa_rica_values(&test).await[0].1,
        1.0,
        "nothing overwritten"
    );
}

#[tokio::test]
async fn of_concurrent_saves_of_one_version_exactly_one_wins() {
    let test = TestDatabase::new(true).await;
    let focal = test.viewer(FOCAL_CR).await;
    let audited = test.audit_count().await;
    let saves = (0..12).map(|task| {
        let (db, focal) = (test.db.clone(), focal.clone());
        let form = values(0, vec![value("ENF-01", &task.to_string(), "Registry")]);
        tokio::spawn(async move { (task, service::save_values(&db, &focal, &form, now()).await) })
    });
    let mut results = Vec::new();
    for handle in saves.collect::<Vec<_>>() {
        results.push(handle.await.expect("the task ends"));
    }
    let winners: Vec<i32> = results
        .iter()
        .filter(|(_, result)| result.is_ok())
        .map(|(task, _)| *task)
        .collect();
    assert_eq!(winners.len(), 1, "{results:?}");
    assert!(results
        .iter()
        .all(|(_, result)| matches!(result, Ok(1) | Err(AppError::Conflict(_)))));
    assert_eq!(
        costa_rica_values(&test).await,
        [(
            "ENF-01".to_owned(),
            f64::from(winners[0]),
            "draft".to_owned()
        )]
    );
    assert_eq!(costa_rica_submission(&test).await.version, 1);
    assert_eq!(test.audit_count().await, audited + 1);
}

#[tokio::test]
async fn a_validated_submission_locks_the_years_action_statuses() {
    let test = TestDatabase::new(true).await;
    let focal = test.viewer(FOCAL_CR).await;
    let secretariat = test.viewer(SECRETARIAT).await;
    service::save_values(
        &test.db,
        &focal,
        &values(0, vec![value("SEA-01", "yes", "Gazette")]),
        now(),
    )
    .await
    .unwrap();
    take_step(&test.db, &focal, &step(Step::Submit, 1, ""), now())
        .await
        .unwrap();
    take_step(&test.db, &secretariat, &step(Step::Validate, 2, ""), now())
        .await
        .unwrap();

    let record = app::db::entities::country_action::Entity::find()
        .filter(
            app::db::entities::country_action::Column::CountryId
                .eq(costa_rica_submission(&test).await.country_id),
        )
        .one(&test.db)
        .await
        .unwrap()
        .unwrap();
    let update = app::actions::rules::ActionUpdate {
        action_id: record.action_id,
        country: "CR".into(),
        version: record.version,
        status: app::domain::Status::Suspended,
        narrative_en: String::new(),
        narrative_es: String::new(),
        milestones: Vec::new(),
        comment: String::new(),
        evidence: Vec::new(),
    };
    let refused = app::actions::service::save_update(&test.db, &focal, &update, now()).await;
    assert_eq!(
        problem_keys(refused.unwrap_err()),
        ["problem-statuses-locked"]
    );
}

/// Posts the values form as a browser without JavaScript would, and returns the page it comes back
/// to, in Spanish.
async fn post_values(test: &TestDatabase, fields: &[(&str, &str)]) -> tests::Reply {
    let body = fields
        .iter()
        .map(|(name, value)| format!("{}={}", name, value.replace(' ', "+")))
        .collect::<Vec<_>>()
        .join("&");
    submit_from_page(
        &test.router_as(FOCAL_CR).await,
        "/countries/cr/indicators?year=2026",
        "/api/indicators/values",
        &body,
        "es",
    )
    .await
}

#[tokio::test]
async fn bad_values_are_refused_whole_with_a_message_naming_the_field() {
    let test = TestDatabase::new(true).await;
    let secretariat = test.viewer(SECRETARIAT).await;
    service::set_retired(&test.db, &secretariat, "BOR-04", true, now())
        .await
        .unwrap();
    let stored = indicator_value::Entity::find()
        .count(&test.db)
        .await
        .unwrap();
    let audited = test.audit_count().await;
    let cases: [(&[(&str, &str)], &str); 6] = [
        (
            &[
                ("input[values][1][indicator]", "ENF-04"),
                ("input[values][1][numerator]", "9"),
                ("input[values][1][denominator]", "8"),
                ("input[values][1][source]", "Fiscalía"),
            ],
            "ENF-04: El numerador no puede ser mayor que el denominador.",
        ),
        (
            &[
                ("input[values][1][indicator]", "ENF-01"),
                ("input[values][1][value]", "-4"),
                ("input[values][1][source]", "Fiscalía"),
            ],
            "ENF-01: El valor debe ser un número entero, 0 o mayor.",
        ),
        (
            &[
                ("input[values][1][indicator]", "INF-01"),
                ("input[values][1][value]", "5"),
                ("input[values][1][source]", "Ministerio"),
            ],
            "INF-01: El valor debe ser un nivel de la escala, de 0 a 4.",
        ),
        (
            &[
                ("input[values][1][indicator]", "DOC-02"),
                ("input[values][1][value]", "doce"),
                ("input[values][1][source]", "Migración"),
            ],
            "DOC-02: El valor debe ser un número, 0 o mayor (por ejemplo 12,5).",
        ),
        (
            &[
                ("input[values][1][indicator]", "BOR-04"),
                ("input[values][1][value]", "yes"),
                ("input[values][1][source]", "Gaceta"),
            ],
            "BOR-04: El indicador está retirado y no admite valores nuevos.",
        ),
        (
            &[("input[year]", "2031")],
            "El año debe ser uno de los años del plan.",
        ),
    ];
    for (fields, message) in cases {
        let mut form: Vec<(&str, &str)> = vec![
            ("input[country]", "CR"),
            ("input[version]", "0"),
            ("input[values][0][indicator]", "SEA-01"),
            ("input[values][0][value]", "yes"),
            ("input[values][0][source]", "Gaceta"),
        ];
        if !fields.iter().any(|(name, _)| *name == "input[year]") {
            form.push(("input[year]", "2026"));
        }
        form.extend_from_slice(fields);
        let page = post_values(&test, &form).await;
        page.assert_contains(message);
    }
    assert_eq!(
        indicator_value::Entity::find()
            .count(&test.db)
            .await
            .unwrap(),
        stored,
        "the valid row of each refused form is not saved either"
    );
    assert_eq!(test.audit_count().await, audited);
    assert_eq!(costa_rica_submission(&test).await.state, "not_started");
}

#[tokio::test]
async fn the_secretariat_opens_a_round_once_per_year_within_the_plan() {
    let test = TestDatabase::new(true).await;
    let secretariat = test.viewer(SECRETARIAT).await;
    let focal = test.viewer(FOCAL_CR).await;
    let next = round(2027, "2027-11-01", "2028-03-31");
    assert_eq!(
        open_round(&test.db, &focal, &next, now())
            .await
            .unwrap_err(),
        AppError::Forbidden
    );
    let opened = open_round(&test.db, &secretariat, &next, now())
        .await
        .unwrap();
    let countries = submission::Entity::find()
        .filter(submission::Column::RoundId.eq(opened))
        .count(&test.db)
        .await
        .unwrap();
    assert_eq!(countries, 11, "one submission per member country");
    let again = open_round(&test.db, &secretariat, &next, now()).await;
    assert_eq!(problem_keys(again.unwrap_err()), ["problem-round-exists"]);
    let outside = open_round(
        &test.db,
        &secretariat,
        &round(2031, "2031-01-01", "2031-03-01"),
        now(),
    )
    .await;
    assert_eq!(
        problem_keys(outside.unwrap_err()),
        [
            "problem-year-outside-plan",
            "problem-round-date-outside-plan",
            "problem-round-date-outside-plan"
        ]
    );
    let backwards = open_round(
        &test.db,
        &secretariat,
        &round(2028, "2028-05-01", "2028-03-01"),
        now(),
    )
    .await;
    assert_eq!(
        problem_keys(backwards.unwrap_err()),
        ["problem-due-before-opening"]
    );

    // The form refuses days that are not days, in the user's language.
    let page = submit_from_page(
        &test.router_as(SECRETARIAT).await,
        "/rounds",
        "/api/rounds/open",
        "form[year]=2028&form[opens_on]=2028-11-01&form[due_on]=2029-03-31\
         &form[remind_before]=7,x&form[remind_after]=1",
        "es",
    )
    .await;
    page.assert_contains("Los días de recordatorio son números enteros de 0 a 90");
}

fn indicator_form(code: &str, kind: &str) -> IndicatorForm {
    IndicatorForm {
        code: code.into(),
        article: "16".into(),
        provision: "16(2)".into(),
        name_en: "Shelters inspected".into(),
        name_es: "Albergues inspeccionados".into(),
        kind: kind.into(),
        direction: "higher".into(),
        basis: "composed".into(),
    }
}

#[tokio::test]
async fn the_catalogue_grows_and_retired_indicators_keep_their_history() {
    let test = TestDatabase::new(true).await;
    let secretariat = test.viewer(SECRETARIAT).await;
    let focal = test.viewer(FOCAL_CR).await;
    assert_eq!(
        service::create_indicator(&test.db, &focal, &indicator_form("PRT-06", "count"), now())
            .await
            .unwrap_err(),
        AppError::Forbidden
    );
    let code = service::create_indicator(
        &test.db,
        &secretariat,
        &indicator_form("prt-06", "count"),
        now(),
    )
    .await
    .unwrap();
    assert_eq!(code, "PRT-06");
    let taken = service::create_indicator(
        &test.db,
        &secretariat,
        &indicator_form("PRT-06", "count"),
        now(),
    )
    .await;
    assert_eq!(
        problem_keys(taken.unwrap_err()),
        ["problem-indicator-code-taken"]
    );
    let mut bad = indicator_form("PRT 07", "ratio");
    bad.name_es = " ".into();
    assert_eq!(
        problem_keys(
            service::create_indicator(&test.db, &secretariat, &bad, now())
                .await
                .unwrap_err()
        ),
        [
            "problem-indicator-code",
            "problem-indicator-name-es",
            "problem-kind-invalid"
        ]
    );

    // A kind cannot change under values already reported.
    let mut changed = indicator_form("", "percentage");
    changed.article = "6".into();
    let refused =
        service::update_indicator(&test.db, &secretariat, "ENF-01", &changed, now()).await;
    assert_eq!(
        problem_keys(refused.unwrap_err()),
        ["problem-kind-has-values"]
    );

    // Retired: no new values, the 2025 values stay on the pages.
    service::set_retired(&test.db, &secretariat, "ENF-01", true, now())
        .await
        .unwrap();
    let refused = service::save_values(
        &test.db,
        &focal,
        &values(0, vec![value("ENF-01", "12", "Fiscalía")]),
        now(),
    )
    .await;
    assert_eq!(
        problem_keys(refused.unwrap_err()),
        ["problem-indicator-retired"]
    );
    let page = get(&test.reader_router().await, "/indicators/ENF-01", &[]).await;
    assert_eq!(page.status, 200);
    page.assert_contains("This indicator is retired");
    // Its values stay: every country's validated 2025 value is still on its page.
    let retired = indicator::Entity::find()
        .filter(indicator::Column::Code.eq("ENF-01"))
        .one(&test.db)
        .await
        .unwrap()
        .unwrap();
    let kept = indicator_value::Entity::find()
        .filter(indicator_value::Column::IndicatorId.eq(retired.id))
        .filter(indicator_value::Column::Year.eq(2025))
        .all(&test.db)
        .await
        .unwrap();
    assert!(kept.len() > 5);
    for value in kept {
        let shown = app::indicators::rules::format_value(
            app::i18n::Lang::En,
            app::domain::IndicatorKind::Count,
            value.value.unwrap(),
        );
        page.assert_contains(&shown);
    }
}

#[tokio::test]
async fn countries_propose_targets_and_the_secretariat_sets_them() {
    let test = TestDatabase::new(true).await;
    let secretariat = test.viewer(SECRETARIAT).await;
    let focal = test.viewer(FOCAL_CR).await;
    let form = |indicator: &str, baseline: &str, target: &str| TargetForm {
        indicator: indicator.into(),
        country: "CR".into(),
        baseline_year: "2024".into(),
        baseline_value: baseline.into(),
        target_year: "2029".into(),
        target_value: target.into(),
    };
    // COO-01's demo targets are countries' proposals: the country may propose again.
    service::set_target(&test.db, &focal, &form("COO-01", "10", "30"), now())
        .await
        .unwrap();
    let stored = || async {
        let id = indicator::Entity::find()
            .filter(indicator::Column::Code.eq("COO-01"))
            .one(&test.db)
            .await
            .unwrap()
            .unwrap()
            .id;
        let cr = costa_rica_submission(&test).await.country_id;
        indicator_target::Entity::find()
            .filter(indicator_target::Column::IndicatorId.eq(id))
            .filter(indicator_target::Column::CountryId.eq(cr))
            .one(&test.db)
            .await
            .unwrap()
            .unwrap()
    };
    let proposed = stored().await;
    assert!(proposed.proposed_by_country);
    assert_eq!(proposed.target_value, Some(30.0));

    service::set_target(&test.db, &secretariat, &form("COO-01", "10", "25"), now())
        .await
        .unwrap();
    assert!(!stored().await.proposed_by_country);
    let overwrite = service::set_target(&test.db, &focal, &form("COO-01", "10", "50"), now()).await;
    assert_eq!(
        problem_keys(overwrite.unwrap_err()),
        ["problem-target-confirmed"]
    );

    let bad = TargetForm {
        target_year: "2023".into(),
        ..form("RET-02", "2", "5")
    };
    assert_eq!(
        problem_keys(
            service::set_target(&test.db, &secretariat, &bad, now())
                .await
                .unwrap_err()
        ),
        ["problem-target-year", "problem-scale-invalid"]
    );
    let mexico = TargetForm {
        country: "MX".into(),
        ..form("RET-02", "2", "4")
    };
    assert_eq!(
        service::set_target(&test.db, &focal, &mexico, now())
            .await
            .unwrap_err(),
        AppError::Forbidden
    );
}

#[tokio::test]
async fn the_indicator_and_round_pages_answer_in_both_languages() {
    let test = TestDatabase::new(true).await;
    let reviewer = test.router_as(REVIEWER).await;
    let secretariat = test.router_as(SECRETARIAT).await;
    for (path, english, spanish) in [
        ("/protocol", "Add an indicator", "Añadir un indicador"),
        (
            "/indicators/RET-01",
            "Countries side by side",
            "Los países lado a lado",
        ),
        (
            "/countries/cr/indicators",
            "Protocol indicators: Costa Rica",
            "Indicadores del Protocolo: Costa Rica",
        ),
        (
            "/scorecard",
            "Protocol article scorecard",
            "Tablero por artículo del Protocolo",
        ),
        (
            "/rounds",
            "Open a reporting round",
            "Abrir una ronda de informe",
        ),
        ("/rounds/2026", "due in", "vence en"),
        (
            "/outbox",
            "The outbox is empty.",
            "La bandeja de salida está vacía.",
        ),
    ] {
        for (lang, text) in [("en", english), ("es", spanish)] {
            let page = get(&secretariat, &format!("{path}?lang={lang}"), &[]).await;
            assert_eq!(page.status, 200, "{path} {lang}");
            page.assert_contains(text);
        }
    }
    // The reviewer reads but does not manage, and has no outbox.
    let catalogue = get(&reviewer, "/protocol", &[]).await;
    catalogue.assert_lacks("Add an indicator");
    assert_eq!(get(&reviewer, "/outbox", &[]).await.status, 403);
    // An unknown round year on a country's page shows the latest round with a notice.
    let page = get(&reviewer, "/countries/cr/indicators?year=1999", &[]).await;
    assert_eq!(page.status, 200);
    page.assert_contains("There is no reporting round for that year");
    page.assert_contains("Submission for 2026");
    assert_eq!(get(&reviewer, "/rounds/1999", &[]).await.status, 404);
}

#[tokio::test]
async fn the_scorecard_counts_only_validated_values() {
    let test = TestDatabase::new(true).await;
    let focal = test.viewer(FOCAL_CR).await;
    let secretariat = test.viewer(SECRETARIAT).await;
    let row = |view: &app::indicators::types::ScorecardView| {
        view.rows.iter().find(|r| r.iso2 == "CR").unwrap().clone()
    };
    let before = app::indicators::queries::scorecard(&test.db).await.unwrap();
    assert_eq!(row(&before).year, Some(2025));

    // Article 8 has one yes/no indicator, SEA-01; article 5's LEG-05 follows from the matrix.
    service::save_values(
        &test.db,
        &focal,
        &values(
            0,
            vec![
                value("SEA-01", "no", "Gazette"),
                value("INF-01", "4", "Ministry"),
            ],
        ),
        now(),
    )
    .await
    .unwrap();
    take_step(&test.db, &focal, &step(Step::Submit, 1, ""), now())
        .await
        .unwrap();
    let pending = app::indicators::queries::scorecard(&test.db).await.unwrap();
    assert_eq!(
        row(&pending),
        row(&before),
        "submitted values do not count yet"
    );

    take_step(&test.db, &secretariat, &step(Step::Validate, 2, ""), now())
        .await
        .unwrap();
    let after = app::indicators::queries::scorecard(&test.db).await.unwrap();
    let costa_rica = row(&after);
    assert_eq!(costa_rica.year, Some(2026));
    let article = |number: i32| {
        after
            .articles
            .iter()
            .position(|a| a.number == number)
            .unwrap()
    };
    assert_eq!(costa_rica.scores[article(8)].yes_no_met, Some(0.0));
    assert_eq!(costa_rica.scores[article(10)].scale, Some(1.0));
    // Submitting wrote the legislative indicators as Costa Rica's matrix answers them.
    let matrix = app::legislation::queries::country_legislation(&test.db, &secretariat, "CR")
        .await
        .unwrap();
    let covered = matrix
        .provisions
        .iter()
        .find(|p| p.provision.code == "SOM-5")
        .and_then(|p| p.entry.as_ref())
        .map(|e| e.entry.coverage);
    let expected = match covered {
        Some(app::domain::Coverage::Full) => Some(1.0),
        Some(_) => Some(0.0),
        None => None,
    };
    assert!(expected.is_some(), "the demo matrix covers every provision");
    assert_eq!(costa_rica.scores[article(5)].yes_no_met, expected);
    assert_eq!(
        costa_rica.scores[article(16)].yes_no_met,
        None,
        "not reported in 2026"
    );
}

#[tokio::test]
async fn a_rounds_dates_stay_within_the_plan_and_the_secretariat_corrects_or_deletes_it() {
    let test = TestDatabase::new(true).await;
    let secretariat = test.viewer(SECRETARIAT).await;
    let focal = test.viewer(FOCAL_CR).await;
    // The dates that once stopped every automatic reminder are refused, each named.
    let hostile = open_round(
        &test.db,
        &secretariat,
        &round(2027, "-0001-01-01", "+262142-12-31"),
        now(),
    )
    .await;
    assert_eq!(
        problem_keys(hostile.unwrap_err()),
        [
            "problem-round-date-outside-plan",
            "problem-round-date-outside-plan"
        ]
    );
    let page = submit_from_page(
        &test.router_as(SECRETARIAT).await,
        "/rounds",
        "/api/rounds/open",
        "form[year]=2027&form[opens_on]=-0001-01-01&form[due_on]=%2B262142-12-31\
         &form[remind_before]=7&form[remind_after]=1",
        "es",
    )
    .await;
    page.assert_contains("Las fechas de una ronda caen dentro de los años del plan");

    // A round opened with wrong dates is corrected, with an audit entry of before and after.
    open_round(
        &test.db,
        &secretariat,
        &round(2027, "2027-11-01", "2028-03-31"),
        now(),
    )
    .await
    .unwrap();
    let corrected = round(2027, "2027-11-15", "2028-04-30");
    assert_eq!(
        update_round(&test.db, &focal, &corrected, now()).await,
        Err(AppError::Forbidden)
    );
    assert_eq!(
        problem_keys(
            update_round(
                &test.db,
                &secretariat,
                &round(2027, "2027-11-15", "+262142-12-31"),
                now()
            )
            .await
            .unwrap_err()
        ),
        ["problem-round-date-outside-plan"]
    );
    let audit = test.audit_count().await;
    update_round(&test.db, &secretariat, &corrected, now())
        .await
        .unwrap();
    let entry = test.audit_since(audit).await.remove(0);
    assert_eq!(entry.operation, "update");
    assert_eq!(entry.before.unwrap()["due_on"], "2028-03-31");
    assert_eq!(entry.after.unwrap()["due_on"], "2028-04-30");
    let tracker = get(
        &test.router_as(SECRETARIAT).await,
        "/rounds/2027?lang=en",
        &[],
    )
    .await;
    tracker.assert_contains("Correct the round");
    tracker.assert_contains("Delete this round");
    tracker.assert_contains("value=\"2028-04-30\"");

    // Nobody used the round of 2027: it can be deleted, with its submissions.
    assert_eq!(
        delete_round(&test.db, &focal, 2027, now()).await,
        Err(AppError::Forbidden)
    );
    let audit = test.audit_count().await;
    delete_round(&test.db, &secretariat, 2027, now())
        .await
        .unwrap();
    let entry = test.audit_since(audit).await.remove(0);
    assert_eq!(
        (entry.entity.as_str(), entry.operation.as_str()),
        ("reporting_round", "delete")
    );
    assert_eq!(entry.before.unwrap()["submissions"], 11);
    assert_eq!(
        get(&test.router_as(SECRETARIAT).await, "/rounds/2027", &[])
            .await
            .status,
        axum::http::StatusCode::NOT_FOUND
    );

    // The countries took part in the round of 2025: it stays.
    assert_eq!(
        problem_keys(
            delete_round(&test.db, &secretariat, 2025, now())
                .await
                .unwrap_err()
        ),
        ["problem-round-in-use"]
    );
    let tracker = get(
        &test.router_as(SECRETARIAT).await,
        "/rounds/2025?lang=en",
        &[],
    )
    .await;
    tracker.assert_contains("Correct the round");
    tracker.assert_lacks("Delete this round");
}

/// Values a country has entered but the secretariat has not validated are the country's and the
/// secretariat's to see: reviewers and other countries see neither the value nor its source, on the
/// country's page or the indicator's page, until it is validated.
#[tokio::test]
async fn values_not_yet_validated_are_hidden_from_reviewers_and_other_countries() {
    let test = TestDatabase::new(true).await;
    let focal = test.viewer(FOCAL_CR).await;
    service::save_values(
        &test.db,
        &focal,
        &ValuesInput {
            country: "CR".into(),
            year: 2026,
            version: 0,
            values: vec![ValueForm {
                indicator: "ENF-01".into(),
                value: "4321".into(),
                source: "Unvalidated registry extract".into(),
                ..Default::default()
            }],
        },
        now(),
    )
    .await
    .unwrap();
    for (email, sees) in [
        (FOCAL_CR, true),
        ("secretariat@demo.enlace", true),
        (REVIEWER, false),
        (FOCAL_MX, false),
    ] {
        let router = test.router_as(email).await;
        let country = get(&router, "/countries/cr/indicators?year=2026", &[]).await;
        assert_eq!(country.status, axum::http::StatusCode::OK, "{email}");
        assert_eq!(
            country.body.contains("Unvalidated registry extract"),
            sees,
            "{email} on the country's page"
        );
        if sees {
            country.assert_contains("4,321");
        } else {
            country.assert_lacks("4,321");
            let indicator = get(&router, "/indicators/ENF-01", &[]).await;
            assert_eq!(indicator.status, axum::http::StatusCode::OK, "{email}");
            indicator.assert_lacks("Unvalidated registry extract");
            indicator.assert_lacks("4,321");
        }
    }
}
