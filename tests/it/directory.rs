//! The network's directory on each country's page, and the secretariat adding a country, through the
//! real router on the demo database: who may keep a country's directory and who is refused, what
//! every signed-in user reads there, bad input refused beside its field in both languages, and one
//! audit entry for each write.

use axum::http::StatusCode;
use chrono::Utc;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use app::db::entities::{country, network_contact};
use app::directory::types::ContactForm;
use tests::{form_body, get, submit, submit_from_page, TestDatabase};

const FOCAL_CR: &str = "focal.cr@demo.enlace";
const FOCAL_MX: &str = "focal.mx@demo.enlace";
const REVIEWER: &str = "reviewer@demo.enlace";
const SECRETARIAT: &str = "secretariat@demo.enlace";

const ADD: &str = "/api/directory/add";
const UPDATE: &str = "/api/directory/update";
const REMOVE: &str = "/api/directory/remove";
const ADD_COUNTRY: &str = "/api/countries/add";

/// The fields of a contact form as a browser sends them: each language's box has its place among
/// en, es, fr and pt, and only the ticked ones are sent.
fn contact_fields(
    name: &str,
    role: &str,
    languages: &[&str],
    email: &str,
    phone: &str,
) -> Vec<(String, String)> {
    let mut fields = vec![
        ("form[name]".to_owned(), name.to_owned()),
        (
            "form[institution]".to_owned(),
            "Dirección General de Migración y Extranjería".to_owned(),
        ),
        ("form[role]".to_owned(), role.to_owned()),
        ("form[email]".to_owned(), email.to_owned()),
        ("form[phone]".to_owned(), phone.to_owned()),
    ];
    for language in languages {
        let place = ["en", "es", "fr", "pt"]
            .iter()
            .position(|code| code == language)
            .expect("one of the four languages");
        fields.push((format!("form[languages][{place}]"), (*language).to_owned()));
    }
    fields
}

/// `fields`, with `extra` before them, form-encoded.
fn encoded(extra: &[(&str, &str)], fields: &[(String, String)]) -> String {
    let all: Vec<(&str, &str)> = extra
        .iter()
        .copied()
        .chain(
            fields
                .iter()
                .map(|(name, value)| (name.as_str(), value.as_str())),
        )
        .collect();
    form_body(&all)
}

async fn country_id(test: &TestDatabase, iso2: &str) -> i32 {
    country::Entity::find()
        .filter(country::Column::Iso2.eq(iso2))
        .one(&test.db)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no country {iso2}"))
        .id
}

async fn contacts_of(test: &TestDatabase, iso2: &str) -> Vec<network_contact::Model> {
    network_contact::Entity::find()
        .filter(network_contact::Column::CountryId.eq(country_id(test, iso2).await))
        .all(&test.db)
        .await
        .unwrap()
}

/// Lists a contact in Costa Rica's directory as the secretariat, and returns its id.
async fn list_in_costa_rica(test: &TestDatabase, name: &str, role: &str) -> i32 {
    let form = ContactForm {
        name: name.into(),
        institution: "Dirección General de Migración y Extranjería".into(),
        role: role.into(),
        languages: vec!["es".into(), "en".into()],
        email: format!("{}@migracion.go.cr", name.to_lowercase().replace(' ', ".")),
        phone: "+506 2299-8100".into(),
    };
    app::directory::service::add_contact(
        &test.db,
        &test.viewer(SECRETARIAT).await,
        "CR",
        &form,
        Utc::now(),
    )
    .await
    .expect("the secretariat lists a contact")
}

#[tokio::test]
async fn the_secretariat_and_costa_ricas_focal_point_keep_its_directory() {
    let test = TestDatabase::new(true).await;
    let costa_rica = country_id(&test, "CR").await;
    for (email, name) in [(SECRETARIAT, "Ana Mora"), (FOCAL_CR, "Luis Vargas")] {
        let router = test.router_as(email).await;
        let actor = test.user(email).await.unwrap().id;
        let audited = test.audit_count().await;

        let fields = contact_fields(
            name,
            "liaison_officer",
            &["es", "en"],
            " Contacto@Migracion.go.cr ",
            "+506 2299-8100 ext. 12",
        );
        let page = submit_from_page(
            &router,
            "/countries/cr",
            ADD,
            &encoded(&[("country", "CR")], &fields),
            "en",
        )
        .await;
        assert_eq!(page.status, StatusCode::OK, "{email}: {}", page.body);
        page.assert_contains("The contact was added to the directory.");
        page.assert_contains(name);
        page.assert_contains("href=\"mailto:contacto@migracion.go.cr\"");
        page.assert_contains("href=\"tel:+50622998100;ext=12\"");
        let added = contacts_of(&test, "CR")
            .await
            .into_iter()
            .find(|contact| contact.name == name)
            .expect("the contact is stored");
        assert_eq!(
            (
                added.role.as_str(),
                added.languages.as_str(),
                added.email.as_deref(),
                added.updated_by,
            ),
            (
                "liaison_officer",
                "en,es",
                Some("contacto@migracion.go.cr"),
                Some(actor),
            )
        );

        // Corrected in Spanish: a focal point now, speaking Portuguese, with no email or phone.
        let mut fields = contact_fields(name, "focal_point", &["pt"], "", "");
        fields.push(("id".to_owned(), added.id.to_string()));
        let page = submit_from_page(
            &router,
            "/countries/cr",
            &format!("{UPDATE}#{}", added.id),
            &encoded(&[], &fields),
            "es",
        )
        .await;
        assert_eq!(page.status, StatusCode::OK, "{email}: {}", page.body);
        page.assert_contains("Se guardó el contacto.");
        page.assert_contains("Portugués");
        let saved = network_contact::Entity::find_by_id(added.id)
            .one(&test.db)
            .await
            .unwrap()
            .expect("the contact is still listed");
        assert_eq!(
            (
                saved.role.as_str(),
                saved.languages.as_str(),
                saved.email,
                saved.phone
            ),
            ("focal_point", "pt", None, None)
        );

        let page = submit_from_page(
            &router,
            "/countries/cr",
            &format!("{REMOVE}#{}", added.id),
            &format!("id={}", added.id),
            "en",
        )
        .await;
        assert_eq!(page.status, StatusCode::OK, "{email}: {}", page.body);
        page.assert_contains("The contact was removed from the directory.");
        page.assert_lacks(name);
        assert!(network_contact::Entity::find_by_id(added.id)
            .one(&test.db)
            .await
            .unwrap()
            .is_none());

        // One audit entry for each write, by whoever made it, about Costa Rica; the removed
        // contact is kept in its entry.
        let entries = test.audit_since(audited).await;
        let kinds: Vec<(&str, &str)> = entries
            .iter()
            .map(|entry| (entry.entity.as_str(), entry.operation.as_str()))
            .collect();
        assert_eq!(
            kinds,
            [
                ("network_contact", "create"),
                ("network_contact", "update"),
                ("network_contact", "delete"),
            ]
        );
        assert!(entries
            .iter()
            .all(|entry| entry.actor_id == Some(actor) && entry.country_id == Some(costa_rica)));
        assert!(entries
            .iter()
            .all(|entry| entry.entity_id == added.id.to_string()));
        assert_eq!(
            entries[1].before.as_ref().unwrap()["role"],
            "liaison_officer"
        );
        assert_eq!(entries[1].after.as_ref().unwrap()["role"], "focal_point");
        assert_eq!(entries[2].before.as_ref().unwrap()["name"], name);
        assert_eq!(entries[2].before.as_ref().unwrap()["languages"], "pt");
        assert!(entries[2].after.is_none());
    }
}

#[tokio::test]
async fn another_countrys_focal_point_and_a_reviewer_cannot_change_it() {
    let test = TestDatabase::new(true).await;
    let listed = list_in_costa_rica(&test, "Rosa Quesada", "focal_point").await;
    let stored = test.stored_digest().await;
    let audited = test.audit_count().await;
    let fields = contact_fields("Pedro Solís", "focal_point", &["es"], "", "");
    let mut update = fields.clone();
    update.push(("id".to_owned(), listed.to_string()));
    for email in [FOCAL_MX, REVIEWER] {
        let router = test.router_as(email).await;
        let page = get(&router, "/countries/cr?lang=en", &[]).await;
        assert_eq!(page.status, StatusCode::OK);
        page.assert_contains("Rosa Quesada");
        for form in [ADD, UPDATE, REMOVE] {
            page.assert_lacks(&format!("value=\"{form}"));
        }
        let writes = [
            (ADD.to_owned(), encoded(&[("country", "CR")], &fields)),
            (format!("{UPDATE}#{listed}"), encoded(&[], &update)),
            (format!("{REMOVE}#{listed}"), format!("id={listed}")),
        ];
        for (form, body) in writes {
            let reply = submit_from_page(&router, "/countries/cr", &form, &body, "en").await;
            assert_eq!(reply.status, StatusCode::FORBIDDEN, "{email} {form}");
        }
        let refused = app::directory::service::remove_contact(
            &test.db,
            &test.viewer(email).await,
            listed,
            Utc::now(),
        )
        .await;
        assert_eq!(refused, Err(app::error::AppError::Forbidden), "{email}");
    }
    assert_eq!(test.stored_digest().await, stored, "nothing changed");
    assert_eq!(test.audit_count().await, audited);

    // Mexico's focal point keeps Mexico's directory.
    let mexico = get(
        &test.router_as(FOCAL_MX).await,
        "/countries/mx?lang=en",
        &[],
    )
    .await;
    mexico.assert_contains(&format!("value=\"{ADD}\""));
}

#[tokio::test]
async fn bad_input_is_refused_beside_each_field_in_the_users_language() {
    let test = TestDatabase::new(true).await;
    let router = test.router_as(FOCAL_CR).await;
    let stored = test.stored_digest().await;
    let fields = contact_fields("   ", "chief", &[], "ana@", "call me");
    let body = encoded(&[("country", "CR")], &fields);
    for (lang, messages) in [
        (
            "en",
            [
                "Enter a name.",
                "Choose focal point or liaison officer.",
                "Tick at least one of the languages: English, Spanish, French or Portuguese.",
                "Enter an email address such as name@example.org.",
                "Enter a phone number of at least 4 digits",
            ],
        ),
        (
            "es",
            [
                "Escriba un nombre.",
                "Elija punto focal u oficial de enlace.",
                "Marque al menos uno de los idiomas: inglés, español, francés o portugués.",
                "Escriba una dirección de correo como nombre@ejemplo.org.",
                "Escriba un número de teléfono de al menos 4 dígitos",
            ],
        ),
    ] {
        let page = submit_from_page(&router, "/countries/cr", ADD, &body, lang).await;
        assert_eq!(
            page.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{lang}: {}",
            page.body
        );
        for message in messages {
            page.assert_contains(message);
        }
        // Each message beside its field, the field marked and described by it, and the summary
        // linking to the field.
        for field in ["name", "role", "languages", "email"] {
            page.assert_contains(&format!("id=\"error-api-directory-add-{field}\""));
            page.assert_contains(&format!(
                "aria-describedby=\"error-api-directory-add-{field}\""
            ));
            page.assert_contains(&format!("href=\"#contact-new-{field}\""));
        }
        page.assert_contains(
            "aria-describedby=\"contact-new-phone-hint error-api-directory-add-phone\"",
        );
        page.assert_contains("value=\"call me\"");
    }
    assert_eq!(test.stored_digest().await, stored, "nothing stored");

    // A refused correction opens that contact's form, with its own messages and links.
    let listed = list_in_costa_rica(&test, "Rosa Quesada", "focal_point").await;
    let stored_with_contact = test.stored_digest().await;
    let mut update = contact_fields("Rosa Quesada", "focal_point", &["es"], "rosa@", "");
    update.push(("id".to_owned(), listed.to_string()));
    let page = submit_from_page(
        &router,
        "/countries/cr",
        &format!("{UPDATE}#{listed}"),
        &encoded(&[], &update),
        "en",
    )
    .await;
    assert_eq!(
        page.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        page.body
    );
    page.assert_contains(&format!("id=\"error-api-directory-update-{listed}-email\""));
    page.assert_contains("href=\"#contact-edited-email\"");
    page.assert_contains("id=\"contact-edited-email\"");
    page.assert_contains("<details open class=\"contact-editor\"");
    page.assert_lacks("id=\"error-api-directory-add-email\"");
    assert_eq!(test.stored_digest().await, stored_with_contact);
}

#[tokio::test]
async fn every_signed_in_user_reads_a_countrys_contacts_on_its_page() {
    let test = TestDatabase::new(true).await;
    list_in_costa_rica(&test, "Zoila Brenes", "liaison_officer").await;
    list_in_costa_rica(&test, "Rosa Quesada", "focal_point").await;
    let reviewer = test.router_as(REVIEWER).await;

    let page = get(&reviewer, "/countries/CR?lang=en", &[]).await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("Directory of the network");
    page.assert_contains("Dirección General de Migración y Extranjería");
    page.assert_contains("Focal point");
    page.assert_contains("Liaison officer");
    page.assert_contains("English, Spanish");
    page.assert_contains("href=\"mailto:rosa.quesada@migracion.go.cr\"");
    page.assert_contains("href=\"tel:+50622998100\"");
    let (focal, liaison) = (
        page.body
            .find("Rosa Quesada")
            .expect("the focal point is listed"),
        page.body
            .find("Zoila Brenes")
            .expect("the liaison officer is listed"),
    );
    assert!(focal < liaison, "focal points come first");
    page.assert_lacks(&format!("value=\"{ADD}\""));

    // A country with no contacts says so, member or observer.
    let mexico = get(&reviewer, "/countries/mx?lang=es", &[]).await;
    mexico.assert_contains("Aún no hay contactos registrados para México.");
    mexico.assert_lacks("Añada abajo");
    let jamaica = get(&reviewer, "/countries/jm?lang=en", &[]).await;
    assert_eq!(jamaica.status, StatusCode::OK);
    jamaica.assert_contains("No contacts listed yet for Jamaica.");
}

#[tokio::test]
async fn the_secretariat_adds_a_country_and_then_its_focal_points() {
    let test = TestDatabase::new(true).await;
    let secretariat = test.router_as(SECRETARIAT).await;
    let brazil = [
        ("form[iso2]", "br"),
        ("form[iso3]", "bra"),
        ("form[name_en]", "Brazil"),
        ("form[name_es]", "Brasil"),
        ("form[membership]", "member"),
        ("form[language]", "es"),
    ];

    // Only the secretariat is offered the form, and only the secretariat may add.
    let countries = get(&secretariat, "/countries?lang=en", &[]).await;
    countries.assert_contains(&format!("value=\"{ADD_COUNTRY}\""));
    let stored = test.stored_digest().await;
    for email in [FOCAL_CR, REVIEWER] {
        let router = test.router_as(email).await;
        get(&router, "/countries?lang=en", &[])
            .await
            .assert_lacks(&format!("value=\"{ADD_COUNTRY}\""));
        let refused = submit(&router, "/countries", ADD_COUNTRY, &brazil).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{email}");
    }
    assert_eq!(test.stored_digest().await, stored);

    let audited = test.audit_count().await;
    let added = submit(&secretariat, "/countries", ADD_COUNTRY, &brazil).await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    assert_eq!(
        added.location().as_deref(),
        Some("/countries/br?done=added")
    );
    let row = country::Entity::find()
        .filter(country::Column::Iso2.eq("BR"))
        .one(&test.db)
        .await
        .unwrap()
        .expect("Brazil is stored");
    assert_eq!(
        (
            row.iso3.as_str(),
            row.name_en.as_str(),
            row.name_es.as_str(),
            row.membership.as_str(),
            row.language.as_str()
        ),
        ("BRA", "Brazil", "Brasil", "member", "es")
    );
    let entries = test.audit_since(audited).await;
    assert_eq!(entries.len(), 1);
    assert_eq!(
        (entries[0].entity.as_str(), entries[0].operation.as_str()),
        ("country", "create")
    );
    assert_eq!(entries[0].after.as_ref().unwrap()["iso2"], "BR");

    let page = get(&secretariat, "/countries/br?done=added&lang=en", &[]).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    page.assert_contains("Brazil was added. List its focal points in its directory below.");
    page.assert_contains("No contacts listed yet for Brazil.");
    get(&test.router_as(REVIEWER).await, "/countries?lang=en", &[])
        .await
        .assert_contains("Brazil");

    // Its focal point is then listed in its directory.
    let fields = contact_fields("Mariana Costa", "focal_point", &["pt", "es"], "", "");
    let page = submit_from_page(
        &secretariat,
        "/countries/br",
        ADD,
        &encoded(&[("country", "BR")], &fields),
        "en",
    )
    .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    page.assert_contains("Mariana Costa");
    assert_eq!(contacts_of(&test, "BR").await.len(), 1);

    // A code another country has is refused beside its field, in the user's language.
    let stored = test.stored_digest().await;
    let taken = [
        ("form[iso2]", "CR"),
        ("form[iso3]", "MEX"),
        ("form[name_en]", "Costa Rica again"),
        ("form[name_es]", "Costa Rica otra vez"),
        ("form[membership]", "observer"),
        ("form[language]", "es"),
    ];
    let refused = submit(&secretariat, "/countries", ADD_COUNTRY, &taken).await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    refused.assert_contains("Another country already has this two-letter code.");
    refused.assert_contains("Another country already has this three-letter code.");
    refused.assert_contains("id=\"error-api-countries-add-iso2\"");
    refused.assert_contains("href=\"#country-iso2\"");
    refused.assert_contains("value=\"Costa Rica again\"");
    let body = form_body(&taken);
    let spanish = submit_from_page(&secretariat, "/countries", ADD_COUNTRY, &body, "es").await;
    assert_eq!(spanish.status, StatusCode::UNPROCESSABLE_ENTITY);
    spanish.assert_contains("Otro país ya tiene este código de dos letras.");
    assert_eq!(test.stored_digest().await, stored, "nothing stored");
}
