//! A focal point completes a provision of the legislation matrix and submits the round; the
//! secretariat validates it, and the entry shows as verified in the matrix; with JavaScript and
//! without.

use fantoccini::Locator;

use super::{
    open_costa_rica_indicators, open_site, sign_in, submit_form_with, switch_user, take_step,
    text_of, type_into, wait_for_state, wait_for_url, PAGE_LIMIT,
};

const ENTRY: &str = "/countries/cr/legislation/SOM-6-1-A?lang=en";

async fn a_provision_is_completed_and_validated(javascript: bool) {
    let (_site, client, base) = open_site(javascript).await;
    client.goto(&format!("{base}/sign-in")).await.unwrap();
    sign_in(&client, "focal.cr@demo.enlace").await;
    wait_for_url(&client, &format!("{base}/countries/cr")).await;

    // The focal point completes the entry: partial coverage, why, and the article's law.
    client.goto(&format!("{base}{ENTRY}")).await.unwrap();
    client
        .wait()
        .at_most(PAGE_LIMIT)
        .for_element(Locator::Css("#entry-coverage"))
        .await
        .expect("the entry form");
    client
        .find(Locator::Css(
            "input[name='form[coverage]'][value='partial']",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    type_into(
        &client,
        "#entry-coverage_reason",
        "Only when the smuggler seeks a financial benefit.",
    )
    .await;
    type_into(
        &client,
        "#entry-instrument-0-title",
        "Ley General de Migración y Extranjería",
    )
    .await;
    type_into(&client, "#entry-instrument-0-article", "249 bis").await;
    type_into(&client, "#entry-penalty_min_years", "2").await;
    type_into(&client, "#entry-penalty_max_years", "6").await;
    submit_form_with(&client, "_form", "/api/legislation/save").await;
    assert_eq!(
        text_of(&client, ".form-saved").await,
        "The entry was saved."
    );
    let facts = text_of(&client, ".facts--entry").await;
    assert!(
        facts.contains("Partial") && facts.contains("2 to 6 years"),
        "{facts}"
    );
    assert!(facts.contains("art. 249 bis"), "{facts}");

    // Submitting the round locks the matrix.
    open_costa_rica_indicators(&client, &base).await;
    wait_for_state(&client, "draft").await;
    take_step(&client, "submit").await;
    wait_for_state(&client, "submitted").await;
    client.goto(&format!("{base}{ENTRY}")).await.unwrap();
    let locked = text_of(&client, "main .notice").await;
    assert!(locked.contains("submitted or validated"), "{locked}");
    assert!(client.find(Locator::Css("#entry-coverage")).await.is_err());

    // The secretariat validates the submission: the entry is verified.
    switch_user(&client, &base, "secretariat@demo.enlace").await;
    open_costa_rica_indicators(&client, &base).await;
    take_step(&client, "validate").await;
    wait_for_state(&client, "validated").await;
    client.goto(&format!("{base}{ENTRY}")).await.unwrap();
    let people = text_of(&client, ".facts--entry + p").await;
    assert!(people.contains("Verified by"), "{people}");
    client
        .goto(&format!("{base}/legislation?group=criminalization&lang=en"))
        .await
        .unwrap();
    let cell = text_of(
        &client,
        "td:has(a[href='/countries/cr/legislation/SOM-6-1-A'])",
    )
    .await;
    assert!(cell.contains("Partial") && cell.contains('✓'), "{cell}");

    client.close().await.expect("the browser session closes");
}

#[tokio::test]
#[ignore = "needs the site built by `cargo leptos build --release` and Chromium; run by tests/run-all.sh"]
async fn a_focal_point_completes_a_provision_and_the_secretariat_validates_it() {
    a_provision_is_completed_and_validated(true).await;
}

#[tokio::test]
#[ignore = "needs the site built by `cargo leptos build --release` and Chromium; run by tests/run-all.sh"]
async fn without_javascript_a_provision_is_completed_and_validated() {
    a_provision_is_completed_and_validated(false).await;
}
