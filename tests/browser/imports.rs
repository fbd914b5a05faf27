//! A focal point fills the values of a round offline and imports them: chooses the file on the
//! country's indicator page, sees the preview of what will change, saves it, and finds the values
//! on the page; with JavaScript and without.

use fantoccini::Locator;

use super::{open_site, sign_in, submit_form_with, text_of, wait_for_url, PAGE_LIMIT};

async fn a_focal_point_imports_values(javascript: bool) {
    let (site, client, base) = open_site(javascript).await;
    client.goto(&format!("{base}/sign-in")).await.unwrap();
    sign_in(&client, "focal.cr@demo.enlace").await;
    wait_for_url(&client, &format!("{base}/countries/cr")).await;
    client
        .goto(&format!("{base}/countries/cr/indicators?year=2026&lang=en"))
        .await
        .unwrap();
    let template = client
        .wait()
        .at_most(PAGE_LIMIT)
        .for_element(Locator::Css("a[href='/templates/values/cr/2026.xlsx']"))
        .await
        .expect("the template of the round");
    assert!(template.text().await.unwrap().contains("2026"));

    // The file as Excel writes it in a Spanish locale: semicolons, Spanish column names.
    let file = site.data.path().join("valores.csv");
    std::fs::write(
        &file,
        "\u{feff}Indicador;Valor;Fuente\nENF-01;57;Fiscalía General\nSEA-01;Sí;Código Penal\n",
    )
    .unwrap();
    client
        .find(Locator::Css("#import-file"))
        .await
        .expect("the import form")
        .send_keys(&file.display().to_string())
        .await
        .unwrap();
    submit_form_with(&client, "form[kind]", "values").await;
    client
        .wait()
        .at_most(PAGE_LIMIT)
        .for_element(Locator::Css("#changes"))
        .await
        .expect("the preview of the import");
    let changes = text_of(&client, "#changes").await;
    assert!(
        changes.contains("ENF-01") && changes.contains("57 · Fiscalía General"),
        "{changes}"
    );
    assert!(changes.contains("Yes · Código Penal"), "{changes}");

    submit_form_with(&client, "_form", "/api/imports/confirm").await;
    wait_for_url(&client, &format!("{base}/imports?done=written")).await;
    assert_eq!(
        text_of(&client, ".form-saved").await,
        "The import was saved."
    );
    client
        .goto(&format!("{base}/countries/cr/indicators?year=2026&lang=en"))
        .await
        .unwrap();
    let value = text_of(&client, "td[data-indicator='ENF-01'][data-year='2026']").await;
    assert!(value.starts_with("57"), "{value}");
}

#[tokio::test]
#[ignore = "needs the site built by `cargo leptos build --release` and Chromium; run by tests/run-all.sh"]
async fn a_focal_point_imports_a_filled_template() {
    a_focal_point_imports_values(true).await;
}

#[tokio::test]
#[ignore = "needs the site built by `cargo leptos build --release` and Chromium; run by tests/run-all.sh"]
async fn without_javascript_a_focal_point_imports_a_filled_template() {
    a_focal_point_imports_values(false).await;
}
