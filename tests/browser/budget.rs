//! What every main page costs a user on a slow link and a phone, measured in Chromium through the
//! DevTools protocol: the bytes of a first visit (compressed, as they cross the wire) within the
//! budget, nothing fetched again on the next visit, no horizontal scrolling at 360 px, and no
//! WCAG 2.1 A/AA violation that axe-core finds, in both languages, with JavaScript and without.
//! `slow_link_measurements` (run by `tests/load/slow-link.sh`) times each page on the slow profile.

use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, Locator};
use serde_json::{json, Value};

use super::{open_site, sign_in, wait_for_url, PAGE_LIMIT};

/// The most a first visit of any page may transfer, compressed.
const BUDGET_BYTES: u64 = 400 * 1024;

/// The narrowest phone the pages are laid out for.
const PHONE_WIDTH: u32 = 360;

/// The main pages, as the secretariat (who may see them all) opens them.
const MAIN_PAGES: [&str; 27] = [
    "/",
    "/plan",
    "/plan/revisions",
    "/plan/revisions/1",
    "/themes/1",
    "/actions/1.1",
    "/countries",
    "/countries/cr",
    "/countries/cr/actions/1.1",
    "/countries/cr/indicators?year=2026",
    "/matrix",
    "/imports",
    "/legislation",
    "/legislation/provisions/SOM-6-1-A",
    "/legislation/compare?country=CR&country=GT",
    "/countries/cr/legislation",
    "/countries/cr/legislation/SOM-6-1-A",
    "/protocol",
    "/indicators/LEG-05",
    "/scorecard",
    "/rounds",
    "/rounds/2026",
    "/outbox",
    "/reports?year=2025",
    "/users",
    "/audit",
    "/account",
];

/// A DevTools protocol command, sent through ChromeDriver.
#[derive(Debug)]
struct DevTools {
    command: &'static str,
    params: Value,
}

impl WebDriverCompatibleCommand for DevTools {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/goog/cdp/execute",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        let body = json!({ "cmd": self.command, "params": self.params });
        (http::Method::POST, Some(body.to_string()))
    }
}

async fn devtools(client: &Client, command: &'static str, params: Value) -> Value {
    client
        .issue_cmd(DevTools { command, params })
        .await
        .unwrap_or_else(|error| panic!("DevTools {command}: {error}"))
}

/// What one visit of a page cost.
#[derive(Debug)]
struct Visit {
    /// Bytes on the wire: the page and every file it fetched, compressed, headers included.
    bytes: u64,
    /// The site's files fetched from the network rather than the browser's cache.
    files_fetched: Vec<String>,
    /// Whether the page and each of the site's files it fetched came compressed.
    compressed: bool,
    first_paint_ms: f64,
    /// When the page answers the user: its islands woken, or, without any, once it is parsed.
    interactive_ms: f64,
}

/// Opens `address` and waits until it is interactive, then reads what it cost from the page's
/// timeline.
async fn visit(client: &Client, address: &str) -> Visit {
    client.goto(address).await.unwrap();
    client
        .wait()
        .at_most(PAGE_LIMIT * 3)
        .for_element(Locator::Css("footer"))
        .await
        .unwrap_or_else(|e| panic!("{address} loads: {e}"));
    let has_islands = client
        .execute(
            "return document.querySelector('leptos-island') !== null;",
            vec![],
        )
        .await
        .unwrap()
        == json!(true);
    if has_islands {
        client
            .wait()
            .at_most(PAGE_LIMIT * 3)
            .for_element(Locator::Css("html[data-hydrated]"))
            .await
            .unwrap_or_else(|e| panic!("{address} wakes its islands: {e}"));
    }
    let measured = client
        .execute(
            "const page = performance.getEntriesByType('navigation')[0];
             const files = performance.getEntriesByType('resource');
             const paint = performance.getEntriesByName('first-contentful-paint')[0];
             const awake = performance.getEntriesByName('enlace-interactive')[0];
             return {
               bytes: page.transferSize + files.reduce((sum, file) => sum + file.transferSize, 0),
               fetched: files.filter(file => file.transferSize > 0).map(file => file.name),
               compressed: [page, ...files.filter(file => file.name.includes('/pkg/') && file.transferSize > 0)]
                 .every(entry => entry.encodedBodySize < entry.decodedBodySize),
               paint: paint ? paint.startTime : page.domContentLoadedEventEnd,
               interactive: awake ? awake.startTime : page.domContentLoadedEventEnd,
             };",
            vec![],
        )
        .await
        .unwrap();
    Visit {
        bytes: measured["bytes"].as_f64().unwrap_or_default() as u64,
        files_fetched: measured["fetched"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|name| name.as_str().map(str::to_owned))
            .collect(),
        compressed: measured["compressed"] == json!(true),
        first_paint_ms: measured["paint"].as_f64().unwrap_or_default(),
        interactive_ms: measured["interactive"].as_f64().unwrap_or_default(),
    }
}

/// A browser signed in as the secretariat, at `base`.
async fn signed_in(client: &Client, base: &str) {
    client.goto(&format!("{base}/sign-in")).await.unwrap();
    sign_in(client, "secretariat@demo.enlace").await;
    wait_for_url(client, &format!("{base}/")).await;
}

#[tokio::test]
#[ignore = "needs the site built by `cargo leptos build --release` and Chromium; run by tests/run-all.sh"]
async fn every_page_is_light_on_a_first_visit_and_fetches_no_file_again() {
    let (_site, client, base) = open_site(true).await;
    signed_in(&client, &base).await;
    devtools(&client, "Network.enable", json!({})).await;
    let mut report = Vec::new();
    for page in MAIN_PAGES {
        let address = format!("{base}{page}");
        devtools(&client, "Network.clearBrowserCache", json!({})).await;
        let first = visit(&client, &address).await;
        let next = visit(&client, &address).await;
        report.push(format!(
            "{page}: {} KB first, {} KB next",
            first.bytes / 1024,
            next.bytes / 1024
        ));
        assert!(
            first.bytes <= BUDGET_BYTES,
            "{page}: {} bytes on a first visit, over the budget of {BUDGET_BYTES}",
            first.bytes
        );
        assert!(first.compressed, "{page} comes compressed");
        let again: Vec<&String> = next
            .files_fetched
            .iter()
            .filter(|file| file.contains("/pkg/"))
            .collect();
        assert!(
            again.is_empty(),
            "{page}: the next visit fetched {again:?} again"
        );
    }
    eprintln!("{}", report.join("\n"));
    client.close().await.unwrap();
}

/// Every violation axe-core finds on the page the browser is on (WCAG 2.0 and 2.1, A and AA), as
/// `rule: where`. Through the DevTools protocol, which runs it with or without the page's
/// JavaScript enabled.
async fn accessibility_violations(client: &Client, axe: &str) -> Vec<String> {
    let evaluate = |expression: String| json!({ "expression": expression, "awaitPromise": true, "returnByValue": true });
    devtools(client, "Runtime.evaluate", evaluate(axe.to_owned())).await;
    let found = devtools(
        client,
        "Runtime.evaluate",
        evaluate(
            "axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
               .then(result => result.violations.map(v =>
                 v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')))"
                .to_owned(),
        ),
    )
    .await;
    match found["result"]["value"].as_array() {
        Some(violations) => violations
            .iter()
            .filter_map(|violation| violation.as_str().map(str::to_owned))
            .collect(),
        None => vec![format!("axe-core did not run: {found}")],
    }
}

/// What sticks out of a page wider than the screen: the outermost elements past its right edge
/// that no scrolling box holds.
async fn sticking_out(client: &Client) -> String {
    let found = devtools(
        client,
        "Runtime.evaluate",
        json!({
            "expression": "(() => {
               const width = document.documentElement.clientWidth;
               const scrolls = e => { for (let p = e.parentElement; p; p = p.parentElement) {
                 const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll' || o === 'hidden') return true; } return false; };
               const out = [...document.body.querySelectorAll('*')].filter(e =>
                 e.getBoundingClientRect().right > width + 1 && !scrolls(e) &&
                 !(e.parentElement && e.parentElement !== document.body &&
                   e.parentElement.getBoundingClientRect().right > width + 1));
               return out.slice(0, 4).map(e => e.tagName.toLowerCase() + '.' + e.className + ' ' +
                 Math.round(e.getBoundingClientRect().right) + 'px').join(', ');
             })()",
            "returnByValue": true,
        }),
    )
    .await;
    found["result"]["value"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// Where axe-core's script is (`tests/run-all.sh` installs it from npm).
fn axe_source() -> String {
    let path = std::env::var("ENLACE_AXE").unwrap_or_else(|_| {
        format!(
            "{}/.cache/enlace/axe/node_modules/axe-core/axe.min.js",
            std::env::var("HOME").unwrap_or_default()
        )
    });
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("axe-core at {path} (npm install axe-core; ENLACE_AXE): {e}"))
}

/// Opens every main page on a 360-pixel-wide phone, in both languages, and lists what does not
/// fit the screen and what axe-core finds. Without JavaScript, the site's scripts and wasm are not
/// loaded, so that every page stays as the server sent it (axe-core itself needs a browser that
/// runs scripts, through the DevTools protocol).
async fn pages_on_a_phone(javascript: bool) {
    let axe = axe_source();
    let (_site, client, base) = open_site(true).await;
    signed_in(&client, &base).await;
    if !javascript {
        devtools(&client, "Network.enable", json!({})).await;
        devtools(
            &client,
            "Network.setBlockedURLs",
            json!({ "urls": ["*/pkg/*.js", "*/pkg/*.wasm"] }),
        )
        .await;
    }
    devtools(
        &client,
        "Emulation.setDeviceMetricsOverride",
        json!({ "width": PHONE_WIDTH, "height": 780, "deviceScaleFactor": 2, "mobile": true }),
    )
    .await;
    let mut problems = Vec::new();
    let mut pages: Vec<String> = MAIN_PAGES.iter().map(|page| (*page).to_owned()).collect();
    // A draft revision, so that its editor is checked too.
    super::plan::start_a_revision(&client, &base).await;
    pages.push("/plan/revisions/2".to_owned());
    pages.push("/sign-in".to_owned());
    for lang in ["en", "es"] {
        for page in &pages {
            let separator = if page.contains('?') { '&' } else { '?' };
            let address = format!("{base}{page}{separator}lang={lang}");
            client.goto(&address).await.unwrap();
            client
                .wait()
                .at_most(PAGE_LIMIT)
                .for_element(Locator::Css("footer"))
                .await
                .unwrap_or_else(|e| panic!("{address}: {e}"));
            if javascript
                && client
                    .execute(
                        "return document.querySelector('leptos-island') !== null;",
                        vec![],
                    )
                    .await
                    .unwrap()
                    == json!(true)
            {
                client
                    .wait()
                    .at_most(PAGE_LIMIT)
                    .for_element(Locator::Css("html[data-hydrated]"))
                    .await
                    .unwrap();
            }
            let width = devtools(
                &client,
                "Runtime.evaluate",
                json!({ "expression": "document.documentElement.scrollWidth", "returnByValue": true }),
            )
            .await["result"]["value"]
                .as_u64()
                .unwrap_or_default();
            if width > u64::from(PHONE_WIDTH) {
                let culprits = sticking_out(&client).await;
                problems.push(format!("{page} ({lang}): {width} px wide: {culprits}"));
            }
            for violation in accessibility_violations(&client, &axe).await {
                problems.push(format!("{page} ({lang}): {violation}"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    client.close().await.unwrap();
}

#[tokio::test]
#[ignore = "needs the site built by `cargo leptos build --release` and Chromium; run by tests/run-all.sh"]
async fn every_page_fits_a_phone_and_passes_axe() {
    pages_on_a_phone(true).await;
}

#[tokio::test]
#[ignore = "needs the site built by `cargo leptos build --release` and Chromium; run by tests/run-all.sh"]
async fn without_javascript_every_page_fits_a_phone_and_passes_axe() {
    pages_on_a_phone(false).await;
}

/// The slow profile: 400 kbit/s each way, 2 s round trips, the processor 4 times slower.
async fn slow_link(client: &Client) {
    devtools(client, "Network.enable", json!({})).await;
    devtools(
        client,
        "Network.emulateNetworkConditions",
        json!({
            "offline": false,
            "latency": 2000,
            "downloadThroughput": 400_000 / 8,
            "uploadThroughput": 400_000 / 8,
        }),
    )
    .await;
    devtools(
        client,
        "Emulation.setCPUThrottlingRate",
        json!({ "rate": 4 }),
    )
    .await;
}

/// Prints, for each main page on the slow profile, the bytes, first paint and interactive time of
/// a first visit (empty cache) and of the next. Run by `tests/load/slow-link.sh`.
#[tokio::test]
#[ignore = "a measurement, run by tests/load/slow-link.sh"]
async fn slow_link_measurements() {
    let (_site, client, base) = open_site(true).await;
    signed_in(&client, &base).await;
    slow_link(&client).await;
    println!("| page | first visit | first paint | interactive | next visit | first paint | interactive |");
    println!("|---|---|---|---|---|---|---|");
    for page in MAIN_PAGES {
        let address = format!("{base}{page}");
        devtools(&client, "Network.clearBrowserCache", json!({})).await;
        let first = visit(&client, &address).await;
        let next = visit(&client, &address).await;
        println!(
            "| `{page}` | {:.1} KB | {:.2} s | {:.2} s | {:.1} KB | {:.2} s | {:.2} s |",
            first.bytes as f64 / 1024.0,
            first.first_paint_ms / 1000.0,
            first.interactive_ms / 1000.0,
            next.bytes as f64 / 1024.0,
            next.first_paint_ms / 1000.0,
            next.interactive_ms / 1000.0,
        );
    }
    client.close().await.unwrap();
}
