//! The legislation matrix through the real router on the demo database: a focal point keeps an
//! entry through the round (saved as versions, confirmed, locked once submitted, verified when
//! validated), the `LEG-*` values equal to the validated matrix, bad input refused beside its field
//! in both languages, stale forms refused, comments, the comparison pages in both languages and
//! the matrix read back from its workbook.

use std::collections::HashMap;

use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use app::db::entities::{
    country, indicator, indicator_value, legislation_entry, legislation_provision,
    legislation_version, submission,
};
use app::domain::{Coverage, SubmissionState};
use app::error::AppError;
use app::legislation::rules::{derived_answer, DERIVED_INDICATORS};
use app::legislation::service::{confirm_entry, save_entry, EntryRequest};
use app::legislation::types::{EntryForm, InstrumentForm};
use app::rounds::rules::Step;
use app::rounds::service::{take_step, StepRequest};
use tests::{form_body, get, submit_from_page, TestDatabase};

const FOCAL_CR: &str = "focal.cr@demo.enlace";
const FOCAL_MX: &str = "focal.mx@demo.enlace";
const REVIEWER: &str = "reviewer@demo.enlace";
const SECRETARIAT: &str = "secretariat@demo.enlace";

const SAVE: &str = "/api/legislation/save";
const COMMENT: &str = "/api/legislation/comment";
const ENTRY_PAGE: &str = "/countries/cr/legislation/SOM-6-1-A";

fn now() -> DateTime<Utc> {
    "2026-11-24T10:00:00Z".parse().unwrap()
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

fn request(provision: &str, version: i32) -> EntryRequest {
    EntryRequest {
        country: "CR".into(),
        provision: provision.into(),
        version,
    }
}

/// A partial entry naming one article of the penal code.
fn partial_entry() -> EntryForm {
    EntryForm {
        coverage: "partial".into(),
        coverage_reason: "Solo cuando media un beneficio económico.".into(),
        original_text: "Artículo 249 bis. Será sancionado con prisión de dos a seis años…".into(),
        text_language: "es".into(),
        penalty_min_years: "2".into(),
        penalty_max_years: "6".into(),
        instruments: vec![InstrumentForm {
            title: "Ley General de Migración y Extranjería".into(),
            number: "8764".into(),
            year: "2009".into(),
            article: "249 bis".into(),
            url: "https://www.pgrweb.go.cr/scij/".into(),
            in_force_since: "2010-03-01".into(),
        }],
        ..EntryForm::default()
    }
}

/// The form fields of `entry`, as the entry page's form sends them.
fn entry_fields(entry: &EntryForm, version: i32) -> String {
    let mut fields: Vec<(String, String)> = vec![
        ("country".into(), "CR".into()),
        ("provision".into(), "SOM-6-1-A".into()),
        ("version".into(), version.to_string()),
        ("form[coverage]".into(), entry.coverage.clone()),
        (
            "form[coverage_reason]".into(),
            entry.coverage_reason.clone(),
        ),
        ("form[original_text]".into(), entry.original_text.clone()),
        ("form[text_language]".into(), entry.text_language.clone()),
        (
            "form[penalty_min_years]".into(),
            entry.penalty_min_years.clone(),
        ),
        (
            "form[penalty_max_years]".into(),
            entry.penalty_max_years.clone(),
        ),
        ("form[fines]".into(), entry.fines.clone()),
        ("form[aggravating]".into(), entry.aggravating.clone()),
        ("form[note]".into(), entry.note.clone()),
    ];
    for (index, row) in entry.instruments.iter().enumerate() {
        for (field, value) in [
            ("title", &row.title),
            ("number", &row.number),
            ("year", &row.year),
            ("article", &row.article),
            ("url", &row.url),
            ("in_force_since", &row.in_force_since),
        ] {
            fields.push((
                format!("form[instruments][{index}][{field}]"),
                value.clone(),
            ));
        }
    }
    let borrowed: Vec<(&str, &str)> = fields
        .iter()
        .map(|(name, value)| (name.as_str(), value.as_str()))
        .collect();
    form_body(&borrowed)
}

async fn country_id(test: &TestDatabase, iso2: &str) -> i32 {
    country::Entity::find()
        .filter(country::Column::Iso2.eq(iso2))
        .one(&test.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

async fn entry(test: &TestDatabase, iso2: &str, code: &str) -> legislation_entry::Model {
    let provision = legislation_provision::Entity::find()
        .filter(legislation_provision::Column::Code.eq(code))
        .one(&test.db)
        .await
        .unwrap()
        .unwrap();
    legislation_entry::Entity::find()
        .filter(legislation_entry::Column::CountryId.eq(country_id(test, iso2).await))
        .filter(legislation_entry::Column::ProvisionId.eq(provision.id))
        .one(&test.db)
        .await
        .unwrap()
        .unwrap()
}

async fn submission_state(test: &TestDatabase) -> (SubmissionState, i32) {
    let cr = country_id(test, "CR").await;
    let round = app::legislation::queries::current_submission(&test.db, cr)
        .await
        .unwrap()
        .unwrap()
        .1;
    let model = submission::Entity::find_by_id(round.id)
        .one(&test.db)
        .await
        .unwrap()
        .unwrap();
    (
        SubmissionState::from_code(&model.state).unwrap(),
        model.version,
    )
}

/// Costa Rica's `LEG-*` values of 2026 as stored, with their states, by code.
async fn derived_values(test: &TestDatabase) -> HashMap<String, (f64, String)> {
    let cr = country_id(test, "CR").await;
    let mut values = HashMap::new();
    for (code, _) in DERIVED_INDICATORS {
        let item = indicator::Entity::find()
            .filter(indicator::Column::Code.eq(code))
            .one(&test.db)
            .await
            .unwrap()
            .unwrap();
        if let Some(value) = indicator_value::Entity::find()
            .filter(indicator_value::Column::IndicatorId.eq(item.id))
            .filter(indicator_value::Column::CountryId.eq(cr))
            .filter(indicator_value::Column::Year.eq(2026))
            .one(&test.db)
            .await
            .unwrap()
        {
            values.insert(code.to_owned(), (value.value.unwrap(), value.state));
        }
    }
    values
}

/// What Costa Rica's matrix answers for each derived indicator, computed here from its entries.
async fn matrix_answers(test: &TestDatabase) -> HashMap<String, f64> {
    let coverages = app::legislation::queries::coverages_of(&test.db, country_id(test, "CR").await)
        .await
        .unwrap();
    DERIVED_INDICATORS
        .iter()
        .filter_map(|(code, provisions)| {
            let answers: Vec<Option<Coverage>> = provisions
                .iter()
                .map(|p| coverages.get(*p).copied())
                .collect();
            derived_answer(&answers).map(|yes| ((*code).to_owned(), if yes { 1.0 } else { 0.0 }))
        })
        .collect()
}

fn problem_keys(error: AppError) -> Vec<String> {
    match error {
        AppError::Invalid(problems) => problems.into_iter().map(|p| p.key).collect(),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

#[tokio::test]
async fn a_focal_point_keeps_an_entry_through_the_round_and_the_secretariat_verifies_it() {
    let test = TestDatabase::new(true).await;
    let focal = test.viewer(FOCAL_CR).await;
    let secretariat = test.viewer(SECRETARIAT).await;
    let router = test.router_as(FOCAL_CR).await;
    let demo = entry(&test, "CR", "SOM-6-1-A").await;
    assert_eq!(demo.version, 1, "the demo matrix has every member's entry");
    assert_eq!(submission_state(&test).await.0, SubmissionState::NotStarted);

    // Saved through the entry page's form, without JavaScript.
    let audited = test.audit_count().await;
    let page = submit_from_page(
        &router,
        ENTRY_PAGE,
        SAVE,
        &entry_fields(&partial_entry(), 1),
        "en",
    )
    .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    page.assert_contains("The entry was saved.");
    page.assert_contains("Solo cuando media un beneficio");
    let saved = entry(&test, "CR", "SOM-6-1-A").await;
    assert_eq!(
        (
            saved.version,
            saved.coverage.as_str(),
            saved.penalty_max_years,
            saved.verified_at
        ),
        (2, "partial", Some(6.0), None)
    );
    let versions = legislation_version::Entity::find()
        .filter(legislation_version::Column::EntryId.eq(saved.id))
        .count(&test.db)
        .await
        .unwrap();
    assert_eq!(versions, 2, "the first version is kept as history");
    let entries = test.audit_since(audited).await;
    assert_eq!(entries.len(), 1);
    assert_eq!(
        (entries[0].entity.as_str(), entries[0].operation.as_str()),
        ("legislation_entry", "save")
    );
    assert_eq!(
        submission_state(&test).await.0,
        SubmissionState::Draft,
        "the first change starts the submission"
    );
    // LEG-06A follows at once: partial coverage is a "no", in the submission's state.
    assert_eq!(
        derived_values(&test).await["LEG-06A"],
        (0.0, "draft".to_owned())
    );

    // Saving it unchanged confirms it; so does the confirm button.
    save_entry(
        &test.db,
        &focal,
        &request("SOM-6-1-A", 2),
        &partial_entry(),
        now(),
    )
    .await
    .unwrap();
    assert!(entry(&test, "CR", "SOM-6-1-A").await.confirmed_at.is_some());
    assert_eq!(entry(&test, "CR", "SOM-6-1-A").await.version, 2);
    confirm_entry(&test.db, &focal, &request("SOM-5", 1), now())
        .await
        .unwrap();
    let matrix = app::legislation::queries::country_legislation(&test.db, &focal, "CR")
        .await
        .unwrap();
    let standing = matrix.round.unwrap();
    assert_eq!(
        (
            standing.progress.reviewed,
            standing.progress.entered,
            standing.progress.provisions
        ),
        (2, 21, 21)
    );
    let tracker = app::rounds::queries::tracker(&test.db, &secretariat, 2026, false)
        .await
        .unwrap();
    let row = tracker.rows.iter().find(|r| r.iso2 == "CR").unwrap();
    assert_eq!(row.legislation.unwrap().reviewed, 2);

    // Submitted: the matrix is locked, and the values follow the matrix.
    let version = submission_state(&test).await.1;
    take_step(&test.db, &focal, &step(Step::Submit, version, ""), now())
        .await
        .unwrap();
    let refused = save_entry(
        &test.db,
        &focal,
        &request("SOM-6-1-A", 2),
        &EntryForm {
            coverage: "full".into(),
            ..partial_entry()
        },
        now(),
    )
    .await;
    assert_eq!(
        problem_keys(refused.unwrap_err()),
        ["problem-legislation-locked"]
    );
    let page = submit_from_page(
        &router,
        ENTRY_PAGE,
        SAVE,
        &entry_fields(&partial_entry(), 2),
        "es",
    )
    .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("su legislación no puede cambiar");
    let expected = matrix_answers(&test).await;
    let stored = derived_values(&test).await;
    assert_eq!(stored.len(), expected.len());
    for (code, value) in &expected {
        assert_eq!(stored[code], (*value, "submitted".to_owned()), "{code}");
    }

    // Returned: it can change again; submitted again and validated, its entries are verified.
    let version = submission_state(&test).await.1;
    take_step(
        &test.db,
        &secretariat,
        &step(Step::Return, version, "Cite the 2024 reform."),
        now(),
    )
    .await
    .unwrap();
    save_entry(
        &test.db,
        &focal,
        &request("SOM-6-1-A", 2),
        &EntryForm {
            coverage: "full".into(),
            ..partial_entry()
        },
        now(),
    )
    .await
    .unwrap();
    let version = submission_state(&test).await.1;
    take_step(&test.db, &focal, &step(Step::Submit, version, ""), now())
        .await
        .unwrap();
    let version = submission_state(&test).await.1;
    take_step(
        &test.db,
        &secretariat,
        &step(Step::Validate, version, ""),
        now(),
    )
    .await
    .unwrap();
    let verified = entry(&test, "CR", "SOM-6-1-A").await;
    assert_eq!(
        (verified.verified_by, verified.verified_at),
        (Some(secretariat.user_id), Some(now()))
    );
    let expected = matrix_answers(&test).await;
    assert_eq!(expected["LEG-06A"], 1.0, "full coverage now");
    let stored = derived_values(&test).await;
    for (code, value) in &expected {
        assert_eq!(
            stored[code],
            (*value, "validated".to_owned()),
            "{code}: the validated matrix"
        );
    }

    // Reopened, the country may change its matrix again.
    let version = submission_state(&test).await.1;
    take_step(
        &test.db,
        &secretariat,
        &step(Step::Reopen, version, "One more correction."),
        now(),
    )
    .await
    .unwrap();
    save_entry(
        &test.db,
        &focal,
        &request("SOM-6-1-A", 3),
        &partial_entry(),
        now(),
    )
    .await
    .unwrap();
    assert_eq!(
        entry(&test, "CR", "SOM-6-1-A").await.verified_at,
        None,
        "a changed entry waits to be verified again"
    );

    // The 2025 report's annex still reads the matrix as the 2025 round validated it: the demo's
    // full coverage, verified, whatever the 2026 round changed and verified since.
    let snapshot = app::dashboards::snapshot::Snapshot::load(&test.db)
        .await
        .unwrap();
    let report =
        app::reports::queries::annual_report(&test.db, &snapshot, 2025, now().date_naive())
            .await
            .unwrap();
    let costa_rica = report
        .legislation
        .rows
        .iter()
        .find(|r| r.iso2 == "CR")
        .unwrap();
    let first = costa_rica.cells[0].unwrap();
    assert_eq!((first.coverage, first.verified), (Coverage::Full, true));
    assert!(costa_rica
        .cells
        .iter()
        .all(|c| c.is_some_and(|c| c.verified)));
}

#[tokio::test]
async fn only_the_countrys_focal_points_and_the_secretariat_change_its_matrix() {
    let test = TestDatabase::new(true).await;
    for email in [FOCAL_MX, REVIEWER] {
        let viewer = test.viewer(email).await;
        let refused = save_entry(
            &test.db,
            &viewer,
            &request("SOM-6-1-A", 1),
            &partial_entry(),
            now(),
        )
        .await;
        assert!(
            matches!(refused, Err(AppError::Forbidden)),
            "{email}: {refused:?}"
        );
        let refused = confirm_entry(&test.db, &viewer, &request("SOM-6-1-A", 1), now()).await;
        assert!(matches!(refused, Err(AppError::Forbidden)), "{email}");
    }
    let secretariat = test.viewer(SECRETARIAT).await;
    save_entry(
        &test.db,
        &secretariat,
        &request("SOM-6-1-A", 1),
        &partial_entry(),
        now(),
    )
    .await
    .unwrap();
    // An observer reports in no round: the secretariat alone keeps its matrix.
    let observer = EntryRequest {
        country: "CO".into(),
        provision: "SOM-5".into(),
        version: 0,
    };
    save_entry(&test.db, &secretariat, &observer, &partial_entry(), now())
        .await
        .unwrap();
    assert_eq!(entry(&test, "CO", "SOM-5").await.version, 1);
    let unknown = EntryRequest {
        provision: "SOM-99".into(),
        ..request("SOM-5", 1)
    };
    assert!(matches!(
        save_entry(&test.db, &secretariat, &unknown, &partial_entry(), now()).await,
        Err(AppError::NotFound)
    ));
}

#[tokio::test]
async fn bad_entries_are_refused_beside_their_fields_in_both_languages() {
    let test = TestDatabase::new(true).await;
    let router = test.router_as(FOCAL_CR).await;
    let before = entry(&test, "CR", "SOM-6-1-A").await;
    let mut bad = partial_entry();
    bad.coverage_reason = String::new();
    bad.penalty_min_years = "9".into();
    bad.instruments[0].url = "javascript:alert(1)".into();
    bad.original_text = "</textarea><script>alert(1)</script>".into();
    for (lang, messages) in [
        (
            "en",
            [
                "Say why the coverage is not full.",
                "The longest prison term cannot be shorter than the least.",
                "1: The official link must be a full web address",
            ],
        ),
        (
            "es",
            [
                "Indique por qué la cobertura no es plena.",
                "La pena máxima no puede ser menor que la mínima.",
                "1: El enlace oficial debe ser una dirección web completa",
            ],
        ),
    ] {
        let page = submit_from_page(&router, ENTRY_PAGE, SAVE, &entry_fields(&bad, 1), lang).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{lang}");
        for message in messages {
            page.assert_contains(message);
        }
        page.assert_lacks("<script>alert(1)");
        page.assert_contains("&lt;/textarea&gt;&lt;script&gt;");
        page.assert_contains("href=\"#entry-coverage_reason\"");
        page.assert_contains("href=\"#entry-instrument-0-url\"");
    }
    assert_eq!(
        entry(&test, "CR", "SOM-6-1-A").await,
        before,
        "nothing stored"
    );
}

#[tokio::test]
async fn a_stale_entry_form_is_refused_with_who_saved_it() {
    let test = TestDatabase::new(true).await;
    let secretariat = test.viewer(SECRETARIAT).await;
    save_entry(
        &test.db,
        &secretariat,
        &request("SOM-6-1-A", 1),
        &partial_entry(),
        now(),
    )
    .await
    .unwrap();
    let router = test.router_as(FOCAL_CR).await;
    let full = EntryForm {
        coverage: "full".into(),
        ..partial_entry()
    };
    let page = submit_from_page(&router, ENTRY_PAGE, SAVE, &entry_fields(&full, 1), "en").await;
    assert_eq!(page.status, StatusCode::CONFLICT, "{}", page.body);
    page.assert_contains(&secretariat.name);
    // The form now carries the stored version: saving again, having seen it, goes through.
    page.assert_contains("name=\"version\" value=\"2\"");
    assert_eq!(entry(&test, "CR", "SOM-6-1-A").await.coverage, "partial");
}

#[tokio::test]
async fn reviewers_and_the_secretariat_comment_on_an_entry() {
    let test = TestDatabase::new(true).await;
    for (email, body) in [
        (
            REVIEWER,
            "Does article 249 bis cover a benefit other than money?",
        ),
        (SECRETARIAT, "Please add the 2024 reform."),
    ] {
        let router = test.router_as(email).await;
        let page = submit_from_page(
            &router,
            ENTRY_PAGE,
            COMMENT,
            &form_body(&[
                ("country", "CR"),
                ("provision", "SOM-6-1-A"),
                ("body", body),
            ]),
            "en",
        )
        .await;
        assert_eq!(page.status, StatusCode::OK, "{email}: {}", page.body);
        page.assert_contains(body);
    }
    let focal = test.router_as(FOCAL_CR).await;
    let page = get(&focal, ENTRY_PAGE, &[]).await;
    page.assert_contains("Please add the 2024 reform.");
    page.assert_lacks("id=\"entry-comment\"");
    let refused = app::legislation::service::add_comment(
        &test.db,
        &test.viewer(FOCAL_CR).await,
        "CR",
        "SOM-6-1-A",
        "Mine",
        now(),
    )
    .await;
    assert!(matches!(refused, Err(AppError::Forbidden)));
    let empty = app::legislation::service::add_comment(
        &test.db,
        &test.viewer(REVIEWER).await,
        "CR",
        "SOM-6-1-A",
        " \n ",
        now(),
    )
    .await;
    assert_eq!(problem_keys(empty.unwrap_err()), ["problem-comment-empty"]);
}

#[tokio::test]
async fn the_legislative_indicators_are_never_typed() {
    let test = TestDatabase::new(true).await;
    let focal = test.viewer(FOCAL_CR).await;
    let input = app::indicators::service::ValuesInput {
        country: "CR".into(),
        year: 2026,
        version: 0,
        values: vec![app::indicators::rules::ValueForm {
            indicator: "LEG-05".into(),
            value: "yes".into(),
            source: "Penal code".into(),
            ..Default::default()
        }],
    };
    let refused = app::indicators::service::save_values(&test.db, &focal, &input, now()).await;
    assert_eq!(
        problem_keys(refused.unwrap_err()),
        ["problem-indicator-derived"]
    );
    let router = test.router_as(FOCAL_CR).await;
    let page = get(&router, "/countries/cr/indicators?year=2026", &[]).await;
    page.assert_lacks("id=\"value-LEG-05-value\"");
    page.assert_contains("follow from the country's legislation matrix");
}

#[tokio::test]
async fn the_comparison_pages_read_in_both_languages() {
    let test = TestDatabase::new(true).await;
    let router = test.router_as(REVIEWER).await;
    let cases: [(&str, [&str; 2], [&str; 2]); 7] = [
        (
            "/legislation",
            ["Legislation matrix", "Costa Rica"],
            ["Matriz de legislación", "Plena"],
        ),
        (
            "/legislation?group=criminalization&membership=member",
            ["SOM-6-2-C", "11 countries and 6 provisions"],
            ["Penalización", "11 países y 6 disposiciones"],
        ),
        (
            "/legislation?group=nonsense",
            ["That group of provisions does not exist", "21 provisions"],
            ["Ese grupo de disposiciones no existe", "21 disposiciones"],
        ),
        (
            "/legislation/provisions/som-6-1-a",
            [
                "Prison terms for Smuggling of migrants, by country",
                "[Demonstration text]",
            ],
            [
                "Penas de prisión por Tráfico ilícito de migrantes",
                "[Texto de demostración]",
            ],
        ),
        (
            "/legislation/compare?country=CR&country=CA&group=criminalization",
            ["Compare countries", "Criminal Code"],
            ["Comparar países", "Código Penal"],
        ),
        (
            "/legislation/compare?country=CR&country=CA&country=MX&country=GT&country=PA",
            ["Choose from two to 4 countries to compare.", "Compare"],
            ["Elija de dos a 4 países para comparar.", "Comparar"],
        ),
        (
            "/legislation/changes?since=2026-01-01",
            ["changes to the matrix since", "first entry"],
            ["cambios en la matriz desde", "primera entrada"],
        ),
    ];
    for (path, english, spanish) in cases {
        for (lang, needles) in [("en", english), ("es", spanish)] {
            let separator = if path.contains('?') { '&' } else { '?' };
            let page = get(&router, &format!("{path}{separator}lang={lang}"), &[]).await;
            assert_eq!(page.status, StatusCode::OK, "{path} {lang}");
            for needle in needles {
                page.assert_contains(needle);
            }
        }
    }
    // What the address says is never shown as a notice.
    let bad_day = get(
        &router,
        "/legislation/changes?since=-5000-01-01&lang=en",
        &[],
    )
    .await;
    assert_eq!(bad_day.status, StatusCode::OK);
    bad_day.assert_contains("That day could not be read");
    let echoed = get(
        &router,
        "/countries/cr/legislation?confirmed=%3Cb%3Efake&lang=en",
        &[],
    )
    .await;
    echoed.assert_lacks("was confirmed unchanged");
    let country = get(&router, "/countries/cr/legislation?lang=es", &[]).await;
    country.assert_contains("Legislación de Costa Rica");
    country.assert_contains("21 de 21 disposiciones registradas, 0 revisadas");
    country.assert_lacks("Confirmar sin cambios");
    assert_eq!(
        get(&router, "/legislation/provisions/SOM-99", &[])
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get(&router, "/countries/zz/legislation", &[]).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_matrix_downloads_as_a_workbook_with_a_sheet_per_group() {
    use calamine::{Data, Reader, Xlsx};
    let test = TestDatabase::new(true).await;
    let router = test.router_as(REVIEWER).await;
    let reply = get(
        &router,
        "/exports/legislation.xlsx?membership=member&lang=en",
        &[],
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    let mut workbook: Xlsx<_> = Xlsx::new(std::io::Cursor::new(reply.bytes.clone())).unwrap();
    assert_eq!(
        workbook.sheet_names(),
        [
            "Legislation matrix",
            "Criminalization",
            "Aggravating circumstances",
            "Protection of migrants",
            "Smuggling by sea",
            "Border measures",
            "Related offences"
        ]
    );
    let sheet = workbook.worksheet_range("Criminalization").unwrap();
    let rows: Vec<Vec<Data>> = sheet.rows().map(<[Data]>::to_vec).collect();
    assert_eq!(rows.len(), 1 + 11, "a row per member country");
    assert_eq!(rows[0][1], Data::String("SOM-6-1-A · Coverage".into()));
    let costa_rica = rows
        .iter()
        .find(|r| r[0] == Data::String("Costa Rica".into()))
        .unwrap();
    let stored = entry(&test, "CR", "SOM-6-1-A").await;
    let words = app::i18n::t(
        app::i18n::Lang::En,
        Coverage::from_code(&stored.coverage).unwrap().label_key(),
    );
    assert_eq!(costa_rica[1], Data::String(words));
    match stored.penalty_min_years {
        Some(years) => assert_eq!(costa_rica[3], Data::Float(years)),
        None => assert_eq!(costa_rica[3], Data::Empty),
    }
    let csv = get(&router, "/exports/legislation.csv?lang=es", &[]).await;
    assert!(String::from_utf8_lossy(&csv.bytes).starts_with("\u{feff}País,SOM-6-1-A"));
}
