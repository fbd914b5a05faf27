//! The main journeys in headless Chromium, against the real `enlace` binary serving the site built by
//! `cargo leptos build`, on a fresh demo database.
//!
//! Run by `tests/run-all.sh` after `cargo leptos build --release`, with
//! `cargo nextest run --run-ignored only -E 'binary(browser)'` (see `tests::process` for where the
//! binary and the site are looked for).

// A test is a scenario read from top to bottom, each step an assertion, and a corpus of requests
// is a table: the workspace's limit on function length is for the application's code.
#![allow(clippy::too_many_lines)]

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;
use tests::process::{free_port, start_enlace, wait_for_port, Running, STARTUP_LIMIT};

#[path = "browser/budget.rs"]
mod budget;
#[path = "browser/imports.rs"]
mod imports;
#[path = "browser/legislation.rs"]
mod legislation;
#[path = "browser/plan.rs"]
mod plan;

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const PAGE_LIMIT: Duration = Duration::from_secs(20);

/// ChromeDriver with a headless Chromium that never reaches beyond this machine, with or without
/// JavaScript.
async fn start_browser(profile: &Path, javascript: bool) -> (Running, Client) {
    let port = free_port();
    let child = Command::new(CHROMEDRIVER)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .spawn()
        .expect("chromedriver starts (apt-get install chromium-driver)");
    let mut running = Running(child);
    wait_for_port(port, "chromedriver", &mut running.0);

    let mut args = vec![
        "--headless".to_owned(),
        "--no-sandbox".to_owned(),
        "--disable-gpu".to_owned(),
        "--disable-quic".to_owned(),
        "--no-first-run".to_owned(),
        "--disable-background-networking".to_owned(),
        "--disable-component-update".to_owned(),
        "--disable-sync".to_owned(),
        "--window-size=1280,900".to_owned(),
        format!("--user-data-dir={}", profile.display()),
    ];
    if !javascript {
        args.push("--blink-settings=scriptEnabled=false".to_owned());
    }
    let mut capabilities = fantoccini::wd::Capabilities::new();
    capabilities.insert(
        "goog:chromeOptions".to_owned(),
        json!({ "binary": CHROMIUM, "args": args }),
    );
    // ChromeDriver may accept connections a moment before it answers them.
    let started = Instant::now();
    loop {
        match ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
        {
            Ok(client) => return (running, client),
            Err(error) if started.elapsed() < STARTUP_LIMIT => {
                eprintln!("waiting for ChromeDriver: {error}");
                tokio::time::sleep(Duration::from_millis(250)).await;
            }
            Err(error) => panic!("a Chromium session opens: {error}"),
        }
    }
}

/// What one browser test runs against: a fresh demo database served by `enlace`, and ChromeDriver;
/// both stop, and their directories go, when this is dropped.
struct Site {
    data: tempfile::TempDir,
    _profile: tempfile::TempDir,
    _enlace: Running,
    _chromedriver: Running,
}

/// A new site and a browser on it (with or without JavaScript), and the site's address.
async fn open_site(javascript: bool) -> (Site, Client, String) {
    let data = tempfile::tempdir().expect("a data directory");
    let profile = tempfile::tempdir().expect("a browser profile directory");
    let (enlace, base) = start_enlace(data.path());
    let (chromedriver, client) = start_browser(profile.path(), javascript).await;
    let site = Site {
        data,
        _profile: profile,
        _enlace: enlace,
        _chromedriver: chromedriver,
    };
    (site, client, base)
}

async fn wait_until_hydrated(client: &Client) {
    client
        .wait()
        .at_most(PAGE_LIMIT)
        .for_element(Locator::Css("html[data-hydrated]"))
        .await
        .expect("the page hydrates: the wasm bundle loads and takes over");
}

async fn text_of(client: &Client, css: &str) -> String {
    client
        .wait()
        .at_most(PAGE_LIMIT)
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css} not found: {e}"))
        .text()
        .await
        .expect("the element's text")
}

/// The demo accounts' password (README).
const DEMO_PASSWORD: &str = "enlace-demo-2026";

/// Fills in and sends the sign-in form the browser is on, as a person would.
async fn sign_in(client: &Client, email: &str) {
    client
        .wait()
        .at_most(PAGE_LIMIT)
        .for_element(Locator::Css("form input[name='email']"))
        .await
        .expect("the sign-in form")
        .send_keys(email)
        .await
        .unwrap();
    client
        .find(Locator::Css("form input[name='password']"))
        .await
        .unwrap()
        .send_keys(DEMO_PASSWORD)
        .await
        .unwrap();
    client
        .find(Locator::Css("form button[type='submit']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

/// Waits until the browser is at `url`.
async fn wait_for_url(client: &Client, url: &str) {
    client
        .wait()
        .at_most(PAGE_LIMIT)
        .for_url(&url.parse().unwrap())
        .await
        .unwrap_or_else(|e| panic!("{url} did not open: {e}"));
}

#[tokio::test]
#[ignore = "needs the site built by `cargo leptos build --release` and Chromium; run by tests/run-all.sh"]
async fn pages_load_wasm_only_for_their_islands_and_switch_to_spanish() {
    let (_site, client, base) = open_site(true).await;

    // Signed out, the plan sends the browser to sign in, and back to the plan afterwards.
    client
        .goto(&format!("{base}/plan"))
        .await
        .expect("the plan page loads");
    sign_in(&client, "reviewer@demo.enlace").await;
    wait_for_url(&client, &format!("{base}/plan")).await;
    assert_eq!(
        text_of(&client, "main h1").await,
        "Regional work plan to combat migrant smuggling 2025–2029"
    );
    // The plan has nothing interactive: the page loads no script and no wasm.
    let fetched = client
        .execute(
            "return performance.getEntriesByType('resource').map(e => e.name) \
               .filter(name => name.endsWith('.wasm') || name.endsWith('.js'));",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(fetched, json!([]), "a page without islands loads no wasm");
    assert!(client
        .source()
        .await
        .unwrap()
        .contains("Intelligence/Investigation: Data Collection and Exchange"));

    // The language switch reloads the page in Spanish and remembers the choice.
    client
        .find(Locator::Css("a[hreflang='es']"))
        .await
        .expect("the language switch offers Spanish")
        .click()
        .await
        .unwrap();
    client
        .wait()
        .at_most(PAGE_LIMIT)
        .for_element(Locator::Css("html[lang='es']"))
        .await
        .expect("the page comes back in Spanish");
    let spanish_plan = client.source().await.unwrap();
    for theme in [
        "Inteligencia e investigación: recopilación e intercambio de datos",
        "Operaciones de campo: cooperación y respuesta policial y judicial",
    ] {
        assert!(
            spanish_plan.contains(theme),
            "{theme} missing from the Spanish plan page"
        );
    }

    // A link opens the next page, rendered in Spanish by the server.
    client
        .find(Locator::Css("a[href='/themes/1']"))
        .await
        .expect("the plan page links to theme 1")
        .click()
        .await
        .unwrap();
    client
        .wait()
        .at_most(PAGE_LIMIT)
        .for_url(&format!("{base}/themes/1").parse().unwrap())
        .await
        .expect("the theme page opens");
    let heading = text_of(&client, "main h1").await;
    assert!(
        heading.ends_with("Inteligencia e investigación: recopilación e intercambio de datos"),
        "{heading}"
    );
    // The theme's dashboard is an island: this page loads the wasm, and it wakes.
    wait_until_hydrated(&client).await;
    // Awake, the page's skip link still takes the keyboard to the content: the first Tab reaches
    // it, Enter follows it.
    let keys = KeyActions::new("keyboard".to_owned())
        .then(KeyAction::Down {
            value: Key::Tab.into(),
        })
        .then(KeyAction::Up {
            value: Key::Tab.into(),
        })
        .then(KeyAction::Down {
            value: Key::Enter.into(),
        })
        .then(KeyAction::Up {
            value: Key::Enter.into(),
        });
    client.perform_actions(keys).await.unwrap();
    assert_eq!(focused(&client).await, "main#main.");

    // The choice sticks: a fresh load of another page is Spanish too.
    client.goto(&format!("{base}/protocol")).await.unwrap();
    assert_eq!(
        client
            .find(Locator::Css("html"))
            .await
            .unwrap()
            .attr("lang")
            .await
            .unwrap()
            .as_deref(),
        Some("es")
    );

    client.close().await.expect("the browser session closes");
}

#[tokio::test]
#[ignore = "needs the site built by `cargo leptos build --release` and Chromium; run by tests/run-all.sh"]
async fn without_javascript_the_pages_and_the_language_switch_still_work() {
    let (_site, client, base) = open_site(false).await;

    client.goto(&format!("{base}/plan")).await.unwrap();
    sign_in(&client, "reviewer@demo.enlace").await;
    wait_for_url(&client, &format!("{base}/plan")).await;
    assert!(client
        .source()
        .await
        .unwrap()
        .contains("Field Operations: Cooperation, Police and Judicial Response"));

    client
        .find(Locator::Css("a[hreflang='es']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    client
        .wait()
        .at_most(PAGE_LIMIT)
        .for_element(Locator::Css("html[lang='es']"))
        .await
        .expect("the switch is a plain link that reloads the page in Spanish");
    client
        .find(Locator::Css("a[href='/themes/2']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    client
        .wait()
        .at_most(PAGE_LIMIT)
        .for_url(&format!("{base}/themes/2").parse().unwrap())
        .await
        .expect("the theme page opens");
    let heading = text_of(&client, "main h1").await;
    assert!(
        heading.ends_with("Operaciones de campo: cooperación y respuesta policial y judicial"),
        "{heading}"
    );
    assert!(
        client
            .find_all(Locator::Css("html[data-hydrated]"))
            .await
            .unwrap()
            .is_empty(),
        "no script ran"
    );

    client.close().await.expect("the browser session closes");
}

/// A focal point signs in, lands on their own country's page, and signs out; with JavaScript and
/// without, since the forms are plain form posts.
async fn focal_point_signs_in_and_out(javascript: bool) {
    let (_site, client, base) = open_site(javascript).await;

    client.goto(&format!("{base}/sign-in")).await.unwrap();
    sign_in(&client, "focal.cr@demo.enlace").await;
    wait_for_url(&client, &format!("{base}/countries/cr")).await;
    if javascript {
        wait_until_hydrated(&client).await;
    }
    assert_eq!(text_of(&client, "main h1").await, "Costa Rica");
    let account = text_of(&client, ".account-menu__name").await;
    assert!(
        account.ends_with("Demo Focal Point Costa Rica"),
        "{account}"
    );
    assert!(
        client
            .find_all(Locator::Css("a[href='/users']"))
            .await
            .unwrap()
            .is_empty(),
        "a focal point is not offered user management"
    );

    client
        .find(Locator::Css("form.sign-out button"))
        .await
        .expect("a sign-out button")
        .click()
        .await
        .unwrap();
    wait_for_url(&client, &format!("{base}/sign-in")).await;
    // The session ended on the server: the country page asks to sign in again.
    client.goto(&format!("{base}/countries/cr")).await.unwrap();
    wait_for_url(&client, &format!("{base}/sign-in?next=%2Fcountries%2Fcr")).await;

    client.close().await.expect("the browser session closes");
}

#[tokio::test]
#[ignore = "needs the site built by `cargo leptos build --release` and Chromium; run by tests/run-all.sh"]
async fn a_focal_point_signs_in_sees_their_country_and_signs_out() {
    focal_point_signs_in_and_out(true).await;
}

#[tokio::test]
#[ignore = "needs the site built by `cargo leptos build --release` and Chromium; run by tests/run-all.sh"]
async fn without_javascript_a_focal_point_signs_in_and_out() {
    focal_point_signs_in_and_out(false).await;
}

/// Opens the page of action 1.1 in Costa Rica.
async fn open_costa_rica_action(client: &Client, base: &str) {
    client
        .goto(&format!("{base}/countries/cr/actions/1.1"))
        .await
        .unwrap();
    client
        .wait()
        .at_most(PAGE_LIMIT)
        .for_element(Locator::Css("main h1"))
        .await
        .expect("the action page opens");
}

/// The element that has the keyboard focus, as `tag#id.class`.
async fn focused(client: &Client) -> String {
    client
        .execute(
            "const e = document.activeElement; \
             return e.tagName.toLowerCase() + '#' + e.id + '.' + e.className;",
            vec![],
        )
        .await
        .expect("the script runs")
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// A focal point's update of an action, the same with JavaScript and without: a refused save comes
/// back with everything typed, its error summary focused and linking to the field, which is marked
/// invalid; the corrected save says so, focused; another country's focal point gets no form.
async fn a_focal_point_updates_an_action(javascript: bool) {
    let (_site, client, base) = open_site(javascript).await;

    client.goto(&format!("{base}/sign-in")).await.unwrap();
    sign_in(&client, "focal.cr@demo.enlace").await;
    wait_for_url(&client, &format!("{base}/countries/cr")).await;
    open_costa_rica_action(&client, &base).await;

    choose(&client, "select[name='update[status]']", "completed").await;
    // A date input takes its value in the browser's own format when typed; set it as the form
    // sends it: a day after the plan's end, which the rules refuse.
    client
        .execute(
            "document.querySelector(\"input[name='update[milestones][0][achieved_on]']\").value = '2031-01-15';",
            vec![],
        )
        .await
        .expect("the first milestone has a date field");
    let narrative = client
        .find(Locator::Css("#update-narrative-en"))
        .await
        .unwrap();
    narrative.clear().await.unwrap();
    narrative.send_keys(HOSTILE_NARRATIVE).await.unwrap();
    type_into(
        &client,
        "input[name='update[comment]']",
        "Closed with the final workshop.",
    )
    .await;
    type_into(
        &client,
        "input[name='update[evidence][0][title]']",
        "Workshop minutes",
    )
    .await;
    client
        .execute(
            "document.querySelector(\"input[name='update[evidence][0][url]']\").value = arguments[0];",
            vec![json!("https://www.example.org/minutes")],
        )
        .await
        .unwrap();
    client
        .find(Locator::Css("form.form--wide button[type='submit']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();

    let summary = text_of(&client, ".error-summary").await;
    assert!(summary.contains("check what you entered"), "{summary}");
    assert_eq!(
        focused(&client).await,
        "div#.error-summary",
        "the summary takes focus"
    );
    let link = client
        .find(Locator::Css(".error-summary a"))
        .await
        .expect("the summary links to the field")
        .attr("href")
        .await
        .unwrap();
    assert_eq!(link.as_deref(), Some("#update-milestones"));
    let marked = client
        .find(Locator::Css("#update-milestones"))
        .await
        .unwrap()
        .attr("aria-invalid")
        .await
        .unwrap();
    assert_eq!(marked.as_deref(), Some("true"));
    // Everything typed is still there.
    assert_narrative_is_text(&client).await;
    for (css, typed) in [
        (
            "input[name='update[comment]']",
            "Closed with the final workshop.",
        ),
        (
            "input[name='update[evidence][0][title]']",
            "Workshop minutes",
        ),
        (
            "input[name='update[evidence][0][url]']",
            "https://www.example.org/minutes",
        ),
        (
            "input[name='update[milestones][0][achieved_on]']",
            "2031-01-15",
        ),
        ("select[name='update[status]']", "completed"),
    ] {
        let value = client
            .find(Locator::Css(css))
            .await
            .unwrap()
            .prop("value")
            .await
            .unwrap();
        assert_eq!(value.as_deref(), Some(typed), "{css}");
    }

    client
        .execute(
            "document.querySelector(\"input[name='update[milestones][0][achieved_on]']\").value = '2026-03-02';",
            vec![],
        )
        .await
        .unwrap();
    client
        .find(Locator::Css("form.form--wide button[type='submit']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_url(&client, &format!("{base}/countries/cr/actions/1.1?saved=1")).await;
    let saved = text_of(&client, ".form-saved").await;
    assert!(saved.starts_with("Saved."), "{saved}");
    assert_eq!(
        focused(&client).await,
        "p#.form-saved",
        "the notice takes focus"
    );
    let history = text_of(&client, "ol.timeline").await;
    assert!(history.contains("to Completed"), "{history}");
    assert!(
        history.contains("Closed with the final workshop."),
        "{history}"
    );
    assert_narrative_is_text(&client).await;

    // The action page across countries shows Costa Rica's new status.
    client.goto(&format!("{base}/actions/1.1")).await.unwrap();
    let costa_rica = text_of(&client, "tr[data-country='CR']").await;
    assert!(costa_rica.contains("Completed"), "{costa_rica}");

    // Mexico's focal point sees the page but not the form.
    switch_user(&client, &base, "focal.mx@demo.enlace").await;
    open_costa_rica_action(&client, &base).await;
    assert!(
        client
            .find_all(Locator::Css("select[name='update[status]']"))
            .await
            .unwrap()
            .is_empty(),
        "no update form for another country"
    );

    client.close().await.expect("the browser session closes");
}

#[tokio::test]
#[ignore = "needs the site built by `cargo leptos build --release` and Chromium; run by tests/run-all.sh"]
async fn a_focal_point_updates_an_action_and_another_country_cannot() {
    a_focal_point_updates_an_action(true).await;
}

#[tokio::test]
#[ignore = "needs the site built by `cargo leptos build --release` and Chromium; run by tests/run-all.sh"]
async fn without_javascript_a_refused_update_keeps_what_was_typed() {
    a_focal_point_updates_an_action(false).await;
}

#[tokio::test]
#[ignore = "needs the site built by `cargo leptos build --release` and Chromium; run by tests/run-all.sh"]
async fn without_javascript_a_focal_point_updates_an_action_and_attaches_a_file() {
    let (site, client, base) = open_site(false).await;

    client.goto(&format!("{base}/sign-in")).await.unwrap();
    sign_in(&client, "focal.cr@demo.enlace").await;
    wait_for_url(&client, &format!("{base}/countries/cr")).await;
    open_costa_rica_action(&client, &base).await;
    client
        .find(Locator::Css(
            "select[name='update[status]'] option[value='suspended']",
        ))
        .await
        .expect("the status choice")
        .click()
        .await
        .unwrap();
    client
        .find(Locator::Css("input[name='update[evidence][0][title]']"))
        .await
        .unwrap()
        .send_keys("Suspension notice")
        .await
        .unwrap();
    client
        .find(Locator::Css("input[name='update[evidence][0][url]']"))
        .await
        .unwrap()
        .send_keys("https://www.example.org/notice")
        .await
        .unwrap();
    let narrative = client
        .find(Locator::Css("#update-narrative-en"))
        .await
        .unwrap();
    narrative.clear().await.unwrap();
    narrative.send_keys(HOSTILE_NARRATIVE).await.unwrap();
    client
        .find(Locator::Css("form.form--wide button[type='submit']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();

    wait_for_url(&client, &format!("{base}/countries/cr/actions/1.1?saved=1")).await;
    let saved = text_of(&client, ".form-saved").await;
    assert!(saved.starts_with("Saved."), "{saved}");
    let history = text_of(&client, "ol.timeline").await;
    assert!(history.contains("to Suspended"), "{history}");
    assert_eq!(text_of(&client, "ul.evidence a").await, "Suspension notice");
    assert_narrative_is_text(&client).await;

    // A file attached through the upload form, listed for download.
    let pdf = site.data.path().join("Notice of suspension.pdf");
    std::fs::write(&pdf, b"%PDF-1.4\n% the notice\n%%EOF\n").unwrap();
    client
        .find(Locator::Css("input[type='file'][name='file']"))
        .await
        .expect("the upload form")
        .send_keys(&pdf.display().to_string())
        .await
        .unwrap();
    client
        .find(Locator::Css("#attachments form button[type='submit']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_url(
        &client,
        &format!("{base}/countries/cr/actions/1.1?attached=1#attachments"),
    )
    .await;
    assert_eq!(
        text_of(&client, "#attachments ul.attachments a").await,
        "Notice of suspension.pdf"
    );
    assert!(
        client
            .find_all(Locator::Css("html[data-hydrated]"))
            .await
            .unwrap()
            .is_empty(),
        "no script ran"
    );

    client.close().await.expect("the browser session closes");
}

/// A narrative that would close its textarea and become markup if it were written unescaped.
const HOSTILE_NARRATIVE: &str = r#"Patrols began.</textarea><b id="pwn">injected</b>"#;

/// The page holds the hostile narrative as the text of its field, and none of its markup.
async fn assert_narrative_is_text(client: &Client) {
    let found = client
        .execute(
            "return [document.querySelectorAll('#pwn').length, \
                     document.querySelector('#update-narrative-en').value];",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(found, json!([0, HOSTILE_NARRATIVE]));
}

/// Signs out from whatever page the browser is on, and signs in as `email`.
async fn switch_user(client: &Client, base: &str, email: &str) {
    client
        .find(Locator::Css("form.sign-out button"))
        .await
        .expect("a sign-out button")
        .click()
        .await
        .unwrap();
    wait_for_url(client, &format!("{base}/sign-in")).await;
    sign_in(client, email).await;
    client
        .wait()
        .at_most(PAGE_LIMIT)
        .for_element(Locator::Css("form.sign-out"))
        .await
        .expect("signed in");
}

/// Opens Costa Rica's indicators for the 2026 round.
async fn open_costa_rica_indicators(client: &Client, base: &str) {
    client
        .goto(&format!("{base}/countries/cr/indicators?year=2026"))
        .await
        .unwrap();
    client
        .wait()
        .at_most(PAGE_LIMIT)
        .for_element(Locator::Css(".submission"))
        .await
        .expect("the indicators page opens");
}

/// Clicks the submit button of the form that takes the submission step `step`.
async fn take_step(client: &Client, step: &str) {
    submit_form_with(client, "step", step).await;
}

/// Clicks the submit button of the form with a field `name` of value `value`.
async fn submit_form_with(client: &Client, name: &str, value: &str) {
    client
        .find(Locator::XPath(&format!(
            "//form[.//input[@name='{name}' and @value='{value}']]//button[@type='submit']"
        )))
        .await
        .unwrap_or_else(|e| panic!("no form with {name} {value}: {e}"))
        .click()
        .await
        .unwrap();
}

async fn wait_for_state(client: &Client, state: &str) {
    client
        .wait()
        .at_most(PAGE_LIMIT)
        .for_element(Locator::Css(&format!(".submission [data-state='{state}']")))
        .await
        .unwrap_or_else(|e| panic!("the submission did not become {state}: {e}"));
}

async fn choose(client: &Client, select: &str, value: &str) {
    client
        .find(Locator::Css(&format!("{select} option[value='{value}']")))
        .await
        .unwrap_or_else(|e| panic!("{select} has no {value}: {e}"))
        .click()
        .await
        .unwrap();
}

async fn type_into(client: &Client, css: &str, text: &str) {
    let field = client.find(Locator::Css(css)).await.unwrap();
    field.clear().await.unwrap();
    field.send_keys(text).await.unwrap();
}

async fn save_values(client: &Client) {
    client
        .find(Locator::Css("form.values-form button[type='submit']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let saved = text_of(client, ".form-saved").await;
    assert_eq!(saved, "The values are saved.");
}

#[tokio::test]
#[ignore = "needs the site built by `cargo leptos build --release` and Chromium; run by tests/run-all.sh"]
async fn a_submission_is_returned_fixed_validated_and_shows_in_the_scorecard() {
    let (_site, client, base) = open_site(true).await;
    client.goto(&format!("{base}/sign-in")).await.unwrap();
    sign_in(&client, "focal.cr@demo.enlace").await;
    wait_for_url(&client, &format!("{base}/countries/cr")).await;

    // The focal point fills in two indicators and submits.
    open_costa_rica_indicators(&client, &base).await;
    choose(&client, "#value-SEA-01-value", "yes").await;
    type_into(&client, "#value-SEA-01-source", "Law 8764, article 249 bis").await;
    choose(&client, "#value-INF-01-value", "4").await;
    type_into(&client, "#value-INF-01-source", "Ministry of Security").await;
    // A negative count is refused with the indicator named, and the form keeps what was typed.
    type_into(&client, "#value-ENF-01-value", "-3").await;
    type_into(&client, "#value-ENF-01-source", "Prosecutor's office").await;
    client
        .find(Locator::Css("form.values-form button[type='submit']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let refused = text_of(&client, ".error-summary").await;
    assert!(refused.contains("ENF-01"), "{refused}");
    assert_eq!(focused(&client).await, "div#.error-summary");
    let kept = client
        .find(Locator::Css("#value-SEA-01-source"))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap();
    assert_eq!(kept.as_deref(), Some("Law 8764, article 249 bis"));
    client
        .find(Locator::Css("#value-ENF-01-value"))
        .await
        .unwrap()
        .clear()
        .await
        .unwrap();
    client
        .find(Locator::Css("#value-ENF-01-source"))
        .await
        .unwrap()
        .clear()
        .await
        .unwrap();
    save_values(&client).await;
    wait_for_state(&client, "draft").await;
    take_step(&client, "submit").await;
    wait_for_state(&client, "submitted").await;

    // The secretariat returns it with a reason.
    let reason = "INF-01: the information-exchange system is not yet monitored.";
    switch_user(&client, &base, "secretariat@demo.enlace").await;
    open_costa_rica_indicators(&client, &base).await;
    type_into(&client, "#step-reason", reason).await;
    take_step(&client, "return").await;
    wait_for_state(&client, "returned").await;

    // The focal point sees the reason, fixes the value and submits again.
    switch_user(&client, &base, "focal.cr@demo.enlace").await;
    open_costa_rica_indicators(&client, &base).await;
    let shown = text_of(&client, ".return-reason").await;
    assert!(shown.contains(reason), "{shown}");
    choose(&client, "#value-INF-01-value", "3").await;
    save_values(&client).await;
    take_step(&client, "submit").await;
    wait_for_state(&client, "submitted").await;

    // The secretariat validates, and the scorecard shows Costa Rica's 2026 values.
    switch_user(&client, &base, "secretariat@demo.enlace").await;
    open_costa_rica_indicators(&client, &base).await;
    take_step(&client, "validate").await;
    wait_for_state(&client, "validated").await;
    client.goto(&format!("{base}/scorecard")).await.unwrap();
    let costa_rica = text_of(&client, "tr[data-country='CR']").await;
    assert!(costa_rica.contains("2026"), "{costa_rica}");
    assert!(costa_rica.contains("100% met"), "SEA-01 met: {costa_rica}");
    assert!(
        costa_rica.contains("scale 75%"),
        "INF-01 at level 3: {costa_rica}"
    );

    client.close().await.expect("the browser session closes");
}

/// Costa Rica's actual progress in the dashboard's country chart, as its table gives it.
async fn costa_rica_on_the_dashboard(client: &Client) -> String {
    let found = client
        .execute(
            "const rows = document.querySelectorAll('#chart-countries tbody tr');
             for (const row of rows) {
               if (row.querySelector('th').textContent.trim() === 'Costa Rica') {
                 return row.querySelector('td').textContent.trim();
               }
             }
             return null;",
            vec![],
        )
        .await
        .expect("the script runs");
    found
        .as_str()
        .map(str::to_owned)
        .expect("Costa Rica in the country chart")
}

#[tokio::test]
#[ignore = "needs the site built by `cargo leptos build --release` and Chromium; run by tests/run-all.sh"]
async fn an_open_dashboard_shows_a_countrys_save_within_two_seconds() {
    let (site, reviewer, base) = open_site(true).await;
    reviewer.goto(&format!("{base}/sign-in")).await.unwrap();
    sign_in(&reviewer, "reviewer@demo.enlace").await;
    wait_for_url(&reviewer, &format!("{base}/")).await;
    wait_until_hydrated(&reviewer).await;
    // The island keeps the drawings the server rendered.
    let drawings = reviewer
        .execute(
            "return document.querySelectorAll('.chart__drawing svg[role=img]').length;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        drawings,
        json!(7),
        "every chart is still drawn after hydration"
    );
    let before = costa_rica_on_the_dashboard(&reviewer).await;

    // A second browser, a focal point of Costa Rica, completes an action.
    let profile = tempfile::tempdir().expect("a second browser profile");
    let (_chromedriver, focal) = start_browser(profile.path(), true).await;
    focal.goto(&format!("{base}/sign-in")).await.unwrap();
    sign_in(&focal, "focal.cr@demo.enlace").await;
    wait_for_url(&focal, &format!("{base}/countries/cr")).await;
    open_costa_rica_action(&focal, &base).await;
    focal
        .find(Locator::Css(
            "select[name='update[status]'] option[value='completed']",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    focal
        .find(Locator::Css("form.form--wide button[type='submit']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    text_of(&focal, ".form-saved").await;

    // The reviewer's dashboard, never reloaded, shows Costa Rica's new progress within 2 seconds.
    let saved_at = Instant::now();
    let after = loop {
        let now = costa_rica_on_the_dashboard(&reviewer).await;
        if now != before || saved_at.elapsed() > Duration::from_secs(2) {
            break now;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert_ne!(
        after, before,
        "the dashboard changed within 2 seconds of the save"
    );
    // Redrawn, not only renumbered: the chart's drawing came with the new figures.
    let drawn = reviewer
        .execute(
            "return document.querySelectorAll('#chart-countries svg rect').length;",
            vec![],
        )
        .await
        .unwrap();
    assert!(
        drawn.as_u64().unwrap_or(0) > 0,
        "the country chart is drawn: {drawn}"
    );

    // The README's picture of the dashboard, when asked for.
    if let Some(directory) = std::env::var_os("ENLACE_SCREENSHOT_DIR") {
        reviewer
            .execute(
                "document.querySelector('#chart-themes').scrollIntoView();",
                vec![],
            )
            .await
            .unwrap();
        let png = reviewer.screenshot().await.expect("a screenshot");
        std::fs::write(Path::new(&directory).join("screenshot-dashboard.png"), png)
            .expect("the screenshot is written");
    }
    focal.close().await.unwrap();
    reviewer.close().await.unwrap();
    drop(site);
}

#[tokio::test]
#[ignore = "needs the site built by `cargo leptos build --release` and Chromium; run by tests/run-all.sh"]
async fn the_secretariat_generates_the_annual_report_and_finds_it_kept() {
    let (site, secretariat, base) = open_site(true).await;
    let reports = format!("{base}/reports?year=2025&language=es");
    secretariat.goto(&reports).await.unwrap();
    sign_in(&secretariat, "secretariat@demo.enlace").await;
    wait_for_url(&secretariat, &reports).await;
    wait_until_hydrated(&secretariat).await;
    assert_eq!(
        text_of(&secretariat, "article.report h2").await,
        "Informe anual de seguimiento 2025"
    );
    let kept = secretariat
        .execute(
            "return document.querySelector('.kept-reports').textContent;",
            vec![],
        )
        .await
        .unwrap();
    assert!(
        kept.as_str()
            .is_some_and(|text| text.contains("No report has been generated yet.")),
        "{kept}"
    );

    // Asking for the PDF says that it is on its way, and the file is kept.
    // The notice may show only a moment when the report is quick: a watcher notes that it did.
    secretariat
        .execute(
            "const notice = document.querySelector('.report-generating');
             window.enlaceSawGenerating = false;
             new MutationObserver(() => { if (!notice.hidden) window.enlaceSawGenerating = true; })
               .observe(notice, { attributes: true });",
            vec![],
        )
        .await
        .unwrap();
    secretariat
        .find(Locator::Css("button[name='format'][value='pdf']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();

    // Once the file has come, the notice says so instead.
    secretariat
        .wait()
        .at_most(PAGE_LIMIT)
        .for_element(Locator::Css(".report-ready:not([hidden])"))
        .await
        .expect("the page says the report is ready");
    let saw = secretariat
        .execute("return window.enlaceSawGenerating;", vec![])
        .await
        .unwrap();
    assert_eq!(
        saw,
        json!(true),
        "the page said the report was being generated"
    );
    let still_generating = secretariat
        .execute(
            "return !document.querySelector('.report-generating').hidden;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        still_generating,
        json!(false),
        "the notice of generation hides"
    );
    let asked = Instant::now();
    loop {
        secretariat.goto(&reports).await.unwrap();
        let kept = text_of(&secretariat, ".kept-reports").await;
        if kept.contains("PDF") {
            assert!(kept.contains("2025") && kept.contains("Español"), "{kept}");
            break;
        }
        assert!(
            asked.elapsed() < PAGE_LIMIT,
            "the generated report is listed: {kept}"
        );
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    secretariat.close().await.unwrap();
    drop(site);
}
