//! Every page through the real router and a real (temporary SQLite) database, in both languages,
//! with JavaScript nowhere: what a browser without JavaScript receives.

use axum::http::{header, StatusCode};
use sea_orm::{ConnectionTrait, EntityTrait, PaginatorTrait};

use app::db::entities::{
    action, country, country_action, indicator, milestone, plan, protocol_article, theme,
};
use tests::{get, TestDatabase};

const THEMES_EN: [&str; 5] = [
    "Intelligence/Investigation: Data Collection and Exchange",
    "Field Operations: Cooperation, Police and Judicial Response",
    "Administrative Detention – Alternatives",
    "Migration Solutions",
    "Prevention and Assistance for Migrants in Vulnerable Situations: Victims (of Related Crimes)",
];
const THEMES_ES: [&str; 5] = [
    "Inteligencia e investigación: recopilación e intercambio de datos",
    "Operaciones de campo: cooperación y respuesta policial y judicial",
    "Detención administrativa y alternativas",
    "Soluciones migratorias",
    "Prevención y asistencia a personas migrantes en situación de vulnerabilidad: víctimas de delitos conexos",
];

#[tokio::test]
async fn a_first_start_loads_the_reference_data_and_a_second_adds_nothing() {
    let test = TestDatabase::new(true).await;
    let counts = |db| async move {
        (
            country::Entity::find().count(db).await.unwrap(),
            theme::Entity::find().count(db).await.unwrap(),
            action::Entity::find().count(db).await.unwrap(),
            protocol_article::Entity::find().count(db).await.unwrap(),
            indicator::Entity::find().count(db).await.unwrap(),
            plan::Entity::find().count(db).await.unwrap(),
            milestone::Entity::find().count(db).await.unwrap(),
            country_action::Entity::find().count(db).await.unwrap(),
        )
    };
    let first = counts(&test.db).await;
    assert_eq!(
        &[first.0, first.1, first.2, first.3, first.4, first.5],
        &[16, 5, 11, 25, 34, 1]
    );
    assert_eq!(
        first.7,
        11 * 11,
        "every member country has a record for every action"
    );
    assert!(
        (22..=44).contains(&first.6),
        "2–4 demo milestones per action: {}",
        first.6
    );
    assert!(test.prepared.loaded_plan.is_some() && test.prepared.demo.is_some());

    let again = app::bootstrap::prepare(&test.db, true).await.unwrap();
    assert_eq!(again.loaded_plan, None);
    assert_eq!(again.demo, None);
    assert!(again.is_demo);
    assert_eq!(counts(&test.db).await, first);
}

#[tokio::test]
async fn the_plan_page_lists_every_theme_and_action_in_english() {
    let test = TestDatabase::new(true).await;
    let page = get(&test.reader_router().await, "/plan", &[]).await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("<html lang=\"en\"");
    page.assert_contains("Regional work plan to combat migrant smuggling 2025–2029");
    for name in THEMES_EN {
        page.assert_contains(&name.replace('&', "&amp;"));
    }
    page.assert_contains("href=\"/actions/2.3\"");
    page.assert_contains(
        "Designate a primary focal point to combat migrant smuggling in each RCM Member Country",
    );
    page.assert_contains(
        "<title>Regional work plan to combat migrant smuggling 2025–2029 · Enlace</title>",
    );
    page.assert_contains("/pkg/enlace.css");
}

#[tokio::test]
async fn lang_es_renders_spanish_and_sets_the_cookie() {
    let test = TestDatabase::new(true).await;
    let page = get(&test.reader_router().await, "/plan?lang=es", &[]).await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("<html lang=\"es\"");
    for name in THEMES_ES {
        page.assert_contains(name);
    }
    page.assert_contains("Ejes temáticos y acciones");
    page.assert_lacks("Themes and actions");
    let cookie = page
        .headers
        .get(header::SET_COOKIE)
        .expect("a language cookie");
    assert!(cookie.to_str().unwrap().starts_with("lang=es; Path=/"));
}

#[tokio::test]
async fn the_language_comes_from_the_cookie_then_the_browser() {
    let test = TestDatabase::new(false).await;
    let router = test.reader_router().await;
    let by_cookie = get(&router, "/countries", &[("cookie", "lang=es")]).await;
    by_cookie.assert_contains("Países miembros");
    let by_header = get(
        &router,
        "/countries",
        &[("accept-language", "es-MX,es;q=0.9,en;q=0.5")],
    )
    .await;
    by_header.assert_contains("Países miembros");
    let cookie_wins = get(
        &router,
        "/countries",
        &[("cookie", "lang=en"), ("accept-language", "es")],
    )
    .await;
    cookie_wins.assert_contains("Member countries");
}

#[tokio::test]
async fn an_unknown_language_code_falls_back_to_english() {
    let test = TestDatabase::new(false).await;
    let page = get(&test.reader_router().await, "/plan?lang=fr", &[]).await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("<html lang=\"en\"");
    page.assert_contains("Themes and actions");
    let cookie = page
        .headers
        .get(header::SET_COOKIE)
        .unwrap()
        .to_str()
        .unwrap();
    assert!(cookie.starts_with("lang=en;"), "{cookie}");
}

#[tokio::test]
async fn the_theme_page_shows_its_actions() {
    let test = TestDatabase::new(false).await;
    let router = test.reader_router().await;
    let page = get(&router, "/themes/3", &[]).await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("Administrative Detention – Alternatives");
    page.assert_contains("href=\"/actions/3.1\"");
    page.assert_contains("href=\"/actions/3.2\"");
    page.assert_lacks("href=\"/actions/2.1\"");
    let spanish = get(&router, "/themes/3?lang=es", &[]).await;
    spanish.assert_contains("Eje temático 3");
    spanish.assert_contains("Revisar las políticas sobre alternativas a la detención");
}

#[tokio::test]
async fn the_action_page_shows_milestones_articles_and_a_row_per_member_country() {
    let test = TestDatabase::new(true).await;
    let router = test.reader_router().await;
    let page = get(&router, "/actions/1.1", &[]).await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("Strategic actions to generate and manage actionable intelligence");
    page.assert_contains("Scope and responsible institutions agreed");
    page.assert_contains("href=\"/protocol#article-10\"");
    page.assert_contains("Information");
    for member in [
        "Belize",
        "Canada",
        "Costa Rica",
        "Dominican Republic",
        "El Salvador",
        "Guatemala",
        "Honduras",
        "Mexico",
        "Nicaragua",
        "Panama",
        "United States",
    ] {
        page.assert_contains(&format!(">{member}</a>"));
    }
    page.assert_lacks(">Colombia</a>");
    assert!(page.body.matches("class=\"status status--").count() >= 11);
    assert!(page.body.contains("<time datetime=\"20"));

    let spanish = get(&router, "/actions/1.1?lang=es", &[]).await;
    spanish.assert_contains("Alcance e instituciones responsables acordados");
    spanish.assert_contains(">Estado por país<");
    spanish.assert_contains(">Belice</a>");
}

#[tokio::test]
async fn without_demo_data_countries_have_not_reported_yet() {
    let test = TestDatabase::new(false).await;
    let page = get(&test.reader_router().await, "/actions/2.2", &[]).await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("No milestones defined.");
    assert_eq!(page.body.matches("status--unreported").count(), 11);
    page.assert_lacks("demo-banner");
}

#[tokio::test]
async fn a_country_page_shows_every_action_by_theme() {
    let test = TestDatabase::new(true).await;
    let router = test.reader_router().await;
    let page = get(&router, "/countries/cr", &[]).await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("<h1>Costa Rica</h1>");
    for code in [
        "1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "3.1", "3.2", "4.1", "5.1", "5.2",
    ] {
        page.assert_contains(&format!("href=\"/countries/cr/actions/{code}\""));
    }
    page.assert_contains("demo-banner");
    let upper = get(&router, "/countries/CR?lang=es", &[]).await;
    upper.assert_contains("Acciones del plan en Costa Rica");

    let observer = get(&router, "/countries/co", &[]).await;
    assert_eq!(observer.status, StatusCode::OK);
    observer.assert_contains("Colombia is an observer of the Conference");
    observer.assert_lacks("actions/1.1\"");
}

#[tokio::test]
async fn the_countries_page_separates_members_and_observers() {
    let test = TestDatabase::new(false).await;
    let page = get(&test.reader_router().await, "/countries?lang=es", &[]).await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains(">República Dominicana</a>");
    page.assert_contains(">Estados Unidos</a>");
    page.assert_contains("Observadores");
    assert_eq!(page.body.matches("href=\"/countries/").count(), 16);
}

#[tokio::test]
async fn the_protocol_page_lists_articles_with_their_indicators() {
    let test = TestDatabase::new(false).await;
    let router = test.reader_router().await;
    let page = get(&router, "/protocol", &[]).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.body.matches("<section id=\"article-").count(), 25);
    for code in ["LEG-05", "ENF-04", "SEA-01", "DOC-02", "RET-02", "ALT-01"] {
        page.assert_contains(&format!("<a href=\"/indicators/{code}\">{code}</a>"));
    }
    page.assert_contains("Criminalization");
    page.assert_contains("Lower is better");
    let spanish = get(&router, "/protocol?lang=es", &[]).await;
    spanish.assert_contains("Penalización");
    spanish.assert_contains("Mediana de días para verificar la legitimidad de un documento");
    spanish.assert_contains("Cuanto menos, mejor");
}

#[tokio::test]
async fn the_overview_shows_the_plan_in_figures() {
    let test = TestDatabase::new(true).await;
    let page = get(&test.reader_router().await, "/", &[]).await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("figure__number\">5</span>");
    page.assert_contains("figure__number\">11</span>");
    page.assert_contains("figure__number\">34</span>");
    page.assert_contains("member countries");
    page.assert_contains("Demonstration data");
    let spanish = get(&test.reader_router().await, "/?lang=es", &[]).await;
    spanish.assert_contains("países miembros");
    spanish.assert_contains("Datos de demostración");

    // Retired actions and milestones are not counted, nor the milestones of a retired action.
    let count = |sql: &'static str| {
        let db = test.db.clone();
        async move {
            let row = db
                .query_one(sea_orm::Statement::from_string(
                    db.get_database_backend(),
                    sql,
                ))
                .await
                .unwrap()
                .unwrap();
            row.try_get_by_index::<i64>(0).unwrap()
        }
    };
    let milestones = count("SELECT COUNT(*) FROM milestone").await;
    let of_first_action =
        count("SELECT COUNT(*) FROM milestone WHERE action_id = (SELECT MIN(id) FROM action)")
            .await;
    assert!(of_first_action > 0);
    page.assert_contains(&format!("figure__number\">{milestones}</span>"));
    test.db
        .execute_unprepared(
            "UPDATE action SET retired_on = '2026-01-01' WHERE id = (SELECT MIN(id) FROM action)",
        )
        .await
        .unwrap();
    test.db
        .execute_unprepared(
            "UPDATE milestone SET retired_on = '2026-01-01' WHERE id = \
             (SELECT MAX(id) FROM milestone WHERE action_id <> (SELECT MIN(id) FROM action))",
        )
        .await
        .unwrap();
    let page = get(&test.reader_router().await, "/", &[]).await;
    page.assert_contains("figure__number\">10</span> <span class=\"figure__label\">actions");
    page.assert_contains(&format!(
        "figure__number\">{}</span> <span class=\"figure__label\">milestones",
        milestones - of_first_action - 1
    ));
}

#[tokio::test]
async fn unknown_codes_get_a_translated_404() {
    let test = TestDatabase::new(false).await;
    let router = test.reader_router().await;
    for path in [
        "/actions/9.9",
        "/themes/42",
        "/countries/zz",
        "/no-such-page",
    ] {
        let page = get(&router, path, &[]).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{path}");
        page.assert_contains("Page not found");
    }
    let spanish = get(&router, "/actions/9.9?lang=es", &[]).await;
    assert_eq!(spanish.status, StatusCode::NOT_FOUND);
    spanish.assert_contains("Página no encontrada");
}

#[tokio::test]
async fn health_reports_whether_the_database_answers() {
    let test = TestDatabase::new(false).await;
    let reply = get(&test.router(), "/health", &[]).await;
    assert_eq!(reply.status, StatusCode::OK);
    let body: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
    assert_eq!(
        body,
        serde_json::json!({ "status": "ok", "database": "reachable" })
    );

    let router = test.router();
    test.db.clone().close().await.unwrap();
    let reply = get(&router, "/health", &[]).await;
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(reply.body.contains("\"database\":\"unreachable\""));
}

#[tokio::test]
async fn the_matrix_shows_every_action_against_every_member_country_with_words() {
    let test = TestDatabase::new(true).await;
    let router = test.reader_router().await;
    let page = get(&router, "/matrix", &[]).await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("11 actions × 11 countries");
    assert_eq!(page.body.matches("<tr data-action=").count(), 11);
    assert_eq!(page.body.matches("<td data-country=").count(), 121);
    // Every cell says its status in words, not only in colour, and links to the cell's page.
    let labelled = page
        .body
        .matches("<td data-country=\"CR\"><a href=\"/countries/cr/actions/")
        .count();
    assert_eq!(labelled, 11);
    for cell in page.body.split("<td data-country=").skip(1) {
        let cell = cell.split("</td>").next().unwrap();
        assert!(cell.contains("class=\"status "), "{cell}");
        assert!(
            !cell.contains("class=\"status \"></span>"),
            "an empty label: {cell}"
        );
    }

    let theme = get(&router, "/matrix?theme=3&lang=es", &[]).await;
    theme.assert_contains("2 acciones × 11 países");
    theme.assert_contains("Matriz comparativa");

    let observers = get(&router, "/matrix?group=observer", &[]).await;
    observers.assert_contains("× 5 countries");
    observers.assert_lacks("/countries/co/actions/");

    // An unknown filter shows the nearest valid view, with a translated notice, never an error.
    let unknown = get(&router, "/matrix?theme=99&group=planets&lang=es", &[]).await;
    assert_eq!(unknown.status, StatusCode::OK);
    unknown.assert_contains("11 acciones × 11 países");
    unknown.assert_contains("se muestran los países miembros");
}

#[tokio::test]
async fn a_country_page_shows_progress_delays_and_who_updated() {
    let test = TestDatabase::new(true).await;
    let focal = test.user("focal.gt@demo.enlace").await.unwrap();
    let focal = app::accounts::sessions::viewer(&test.db, focal)
        .await
        .unwrap();
    let action = app::db::entities::action::Entity::find()
        .all(&test.db)
        .await
        .unwrap()
        .into_iter()
        .find(|a| a.code == "2.1")
        .unwrap();
    let update = app::actions::rules::ActionUpdate {
        action_id: action.id,
        country: "GT".into(),
        version: current_version(&test, action.id, "GT").await,
        status: app::domain::Status::Cancelled,
        narrative_en: String::new(),
        narrative_es: "Sustituida por la acción 2.2.".into(),
        milestones: Vec::new(),
        comment: String::new(),
        evidence: Vec::new(),
    };
    app::actions::service::save_update(&test.db, &focal, &update, chrono::Utc::now())
        .await
        .unwrap();

    let router = test.reader_router().await;
    let page = get(&router, "/countries/gt", &[]).await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("Progress");
    page.assert_contains("Demo Focal Point Guatemala");
    // Each of the 11 actions shows its progress as a percentage, or a dash when it is left out of the
    // means (cancelled, as 2.1 now is, or not applicable).
    let dashboard = page
        .body
        .find("country-dashboard-heading")
        .expect("the dashboard");
    let actions = &page.body[dashboard + page.body[dashboard..].find("</section>").unwrap()..];
    let percentages = actions.matches("%</td>").count();
    let left_out = actions.matches("<td class=\"number\">—</td>").count();
    assert_eq!(percentages + left_out, 11);
    assert!(percentages > 0 && left_out > 0, "{percentages} {left_out}");
    page.assert_contains("status--delayed");
}

async fn current_version(test: &TestDatabase, action_id: i32, iso2: &str) -> i32 {
    use app::db::entities::{country, country_action};
    use sea_orm::{ColumnTrait, QueryFilter};
    let country = country::Entity::find()
        .filter(country::Column::Iso2.eq(iso2))
        .one(&test.db)
        .await
        .unwrap()
        .unwrap();
    country_action::Entity::find()
        .filter(country_action::Column::ActionId.eq(action_id))
        .filter(country_action::Column::CountryId.eq(country.id))
        .one(&test.db)
        .await
        .unwrap()
        .map_or(0, |record| record.version)
}

#[tokio::test]
async fn the_action_page_lists_the_latest_changes_across_countries() {
    let test = TestDatabase::new(true).await;
    let router = test.reader_router().await;
    let page = get(&router, "/actions/1.2", &[]).await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("<h2 id=\"history-heading\">History</h2>");
    let changes = page
        .body
        .matches("<span class=\"timeline__country\">")
        .count();
    assert!(
        (1..=30).contains(&changes),
        "the demo history shows, at most 30 entries: {changes}"
    );
}

#[tokio::test]
async fn answers_come_compressed_as_the_browser_accepts() {
    use std::io::Read;
    let test = TestDatabase::new(true).await;
    let reviewer = test.reader_router().await;
    let browsers = "gzip, deflate, br, zstd";

    let plain = get(&reviewer, "/plan", &[]).await;
    assert!(plain.headers.get(header::CONTENT_ENCODING).is_none());
    let brotli = get(&reviewer, "/plan", &[("accept-encoding", browsers)]).await;
    assert_eq!(brotli.status, StatusCode::OK);
    assert_eq!(brotli.headers[header::CONTENT_ENCODING], "br");
    assert!(
        brotli.bytes.len() * 2 < plain.bytes.len(),
        "{} compressed bytes for {}",
        brotli.bytes.len(),
        plain.bytes.len()
    );
    assert!(brotli
        .headers
        .get_all(header::VARY)
        .iter()
        .any(|value| value == "accept-encoding"));
    let mut page = String::new();
    brotli_decompressor::Decompressor::new(brotli.bytes.as_slice(), 4096)
        .read_to_string(&mut page)
        .expect("the brotli page reads back");
    assert!(page.contains(THEMES_EN[0]));
    // The page's length is known when it is compressed: the encoder's window (and its memory)
    // is the smallest that holds it, from 64 KB.
    let window = 1usize << brotli_window_bits(&brotli.bytes);
    assert!(
        window >= page.len() && (window == 1 << 16 || window / 2 < page.len()),
        "a window of {window} bytes for a page of {}",
        page.len()
    );
    let gzip = get(&reviewer, "/plan", &[("accept-encoding", "gzip")]).await;
    assert_eq!(gzip.headers[header::CONTENT_ENCODING], "gzip");
    page.clear();
    flate2::read::GzDecoder::new(gzip.bytes.as_slice())
        .read_to_string(&mut page)
        .expect("the page reads back");
    assert!(page.contains(THEMES_EN[0]));

    // Data for other clients too; but never the event stream, which must reach the browser as
    // each event is written.
    let data = get(&reviewer, "/api/plan", &[("accept-encoding", browsers)]).await;
    assert_eq!(data.status, StatusCode::OK, "{}", data.body);
    assert_eq!(data.headers[header::CONTENT_ENCODING], "br");
    let events = tower::ServiceExt::oneshot(
        reviewer.clone(),
        axum::http::Request::builder()
            .uri(app::urls::EVENTS_PATH)
            .header(header::HOST, tests::HOST)
            .header("accept-encoding", browsers)
            .body(axum::body::Body::empty())
            .unwrap(),
    )
    .await
    .unwrap();
    assert_eq!(events.status(), StatusCode::OK);
    assert!(events.headers().get(header::CONTENT_ENCODING).is_none());
}

/// The window a brotli stream declares, as a power of two (RFC 7932, 9.1: the stream's first bits).
fn brotli_window_bits(stream: &[u8]) -> u32 {
    // At most seven bits: the first byte holds them.
    let bits = u32::from(stream[0]);
    if bits & 1 == 0 {
        return 16;
    }
    match (bits >> 1) & 0b111 {
        0 => match (bits >> 4) & 0b111 {
            0 => 17,
            smaller => 8 + smaller,
        },
        n => 17 + n,
    }
}
