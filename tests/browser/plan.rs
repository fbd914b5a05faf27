//! The secretariat keeps the plan: a revision adds a milestone to an action, is approved, and Costa
//! Rica's focal point then reports the milestone reached.

use fantoccini::{Client, Locator};
use serde_json::json;

use super::{open_site, sign_in, submit_form_with, switch_user, text_of, wait_for_url, PAGE_LIMIT};

/// Sets the field `css` to `value` as the form sends it (date fields take the browser's own format
/// when typed).
async fn set_value(client: &Client, css: &str, value: &str) {
    client
        .execute(
            "document.querySelector(arguments[0]).value = arguments[1];",
            vec![json!(css), json!(value)],
        )
        .await
        .unwrap_or_else(|e| panic!("{css} cannot be set: {e}"));
}

/// Clicks the submit button of the form whose `_form` field is `form`.
async fn send_form(client: &Client, form: &str) {
    submit_form_with(client, "_form", form).await;
}

/// Starts revision 2 from the plan's page, as the secretariat, and waits for its page.
pub(super) async fn start_a_revision(client: &Client, base: &str) {
    client.goto(&format!("{base}/plan")).await.unwrap();
    client
        .find(Locator::Css("a[href='/plan/revisions']"))
        .await
        .expect("the plan links to its revisions")
        .click()
        .await
        .unwrap();
    let start = "/api/plan/revisions/start";
    let form = format!("form:has(input[name='_form'][value='{start}'])");
    client
        .wait()
        .at_most(PAGE_LIMIT)
        .for_element(Locator::Css(&format!("{form} input[name='reason']")))
        .await
        .expect("the form to start a revision")
        .send_keys("A milestone the Conference added")
        .await
        .unwrap();
    set_value(
        client,
        &format!("{form} input[name='effective_on']"),
        "2026-10-01",
    )
    .await;
    send_form(client, start).await;
    wait_for_url(client, &format!("{base}/plan/revisions/2")).await;
}

#[tokio::test]
#[ignore = "needs the site built by `cargo leptos build --release` and Chromium; run by tests/run-all.sh"]
async fn the_secretariat_adds_a_milestone_that_a_country_then_reports() {
    let (_site, client, base) = open_site(true).await;
    client.goto(&format!("{base}/sign-in")).await.unwrap();
    sign_in(&client, "secretariat@demo.enlace").await;
    client
        .wait()
        .at_most(PAGE_LIMIT)
        .for_element(Locator::Css("form.sign-out"))
        .await
        .expect("signed in");

    start_a_revision(&client, &base).await;

    // Add a milestone to action 1.1, then approve.
    let add = "/api/plan/revisions/milestone#1.1/new";
    let form = format!("form:has(input[name='_form'][value='{add}'])");
    client
        .find(Locator::Css(
            "#action-1\\.1 > details:last-of-type > summary",
        ))
        .await
        .expect("the action's 'Add a milestone'")
        .click()
        .await
        .unwrap();
    client
        .find(Locator::Css(&format!(
            "{form} input[name='form[title_en]']"
        )))
        .await
        .unwrap()
        .send_keys("Regional protocol signed")
        .await
        .unwrap();
    client
        .find(Locator::Css(&format!(
            "{form} input[name='form[title_es]']"
        )))
        .await
        .unwrap()
        .send_keys("Protocolo regional firmado")
        .await
        .unwrap();
    set_value(
        &client,
        &format!("{form} input[name='form[due]']"),
        "2026-11-30",
    )
    .await;
    send_form(&client, add).await;
    client
        .wait()
        .at_most(PAGE_LIMIT)
        .for_element(Locator::XPath(
            "//ul[@class='differences']//li[contains(., 'Regional protocol signed')]",
        ))
        .await
        .expect("the revision lists the milestone added");
    send_form(&client, "/api/plan/revisions/approve").await;
    let saved = text_of(&client, ".form-saved").await;
    assert!(saved.contains("approved"), "{saved}");
    let state = text_of(&client, "dl.facts div:first-child dd").await;
    assert_eq!(state, "Approved");

    // Costa Rica's focal point reports it reached.
    switch_user(&client, &base, "focal.cr@demo.enlace").await;
    client
        .goto(&format!("{base}/countries/cr/actions/1.1"))
        .await
        .unwrap();
    let field = client
        .wait()
        .at_most(PAGE_LIMIT)
        .for_element(Locator::XPath(
            "//div[@class='milestone-field'][p[.='Regional protocol signed']]//input[@type='date']",
        ))
        .await
        .expect("the update form lists the new milestone");
    let name = field.attr("name").await.unwrap().unwrap();
    set_value(&client, &format!("input[name='{name}']"), "2026-11-20").await;
    client
        .find(Locator::Css("form.form--wide button[type='submit']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let saved = text_of(&client, ".form-saved").await;
    assert!(saved.starts_with("Saved."), "{saved}");
    let value = client
        .find(Locator::XPath(
            "//div[@class='milestone-field'][p[.='Regional protocol signed']]//input[@type='date']",
        ))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap();
    assert_eq!(value.as_deref(), Some("2026-11-20"));
}
