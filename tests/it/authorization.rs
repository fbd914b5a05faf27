//! The authorization matrix: every state-changing server function and route, called as each kind of user, is
//! allowed or refused as the table says, and leaves exactly one audit entry when allowed and none when
//! refused. The table must name every registered write: a new one without a row fails this test.

use std::collections::BTreeSet;

use axum::http::{Method, StatusCode};

use tests::{post, post_form, TestDatabase, DEMO_PASSWORD, MULTIPART};

/// Who calls.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Caller {
    Anonymous,
    /// The focal point of the country the call concerns (Costa Rica).
    FocalPointSameCountry,
    /// The focal point of another country (Mexico).
    FocalPointOtherCountry,
    Reviewer,
    Secretariat,
}

const CALLERS: [Caller; 5] = [
    Caller::Anonymous,
    Caller::FocalPointSameCountry,
    Caller::FocalPointOtherCountry,
    Caller::Reviewer,
    Caller::Secretariat,
];

impl Caller {
    fn email(self) -> Option<&'static str> {
        match self {
            Caller::Anonymous => None,
            Caller::FocalPointSameCountry => Some("focal.cr@demo.enlace"),
            Caller::FocalPointOtherCountry => Some("focal.mx@demo.enlace"),
            Caller::Reviewer => Some("reviewer@demo.enlace"),
            Caller::Secretariat => Some("secretariat@demo.enlace"),
        }
    }
}

/// `Y`: allowed; `N`: refused (401 without a session, 403 with one).
const Y: bool = true;
const N: bool = false;

/// What the forms act on: a Costa Rican focal point (or a second one, when the caller is the first),
/// an action with Costa Rica's record of it at its current version, and a contact in Costa Rica's
/// directory.
struct Target {
    user: i32,
    action_id: i32,
    version: i32,
    contact: i32,
    /// Two imports of Costa Rica's values waiting: the caller's own when it may import them, else
    /// the Costa Rican focal point's.
    imports: [i32; 2],
    /// An API token of the caller's own (none for an anonymous caller).
    token: i32,
}

/// A file of one value of Costa Rica's 2026 round, as the upload form sends it (base64).
fn values_file() -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .encode("indicator,value,source\nENF-03,4,Poder Judicial\n")
}

/// What the preview of a file of `values_file` shows, to confirm it (after the values row saved
/// the submission's first version; the import saves its second, which the round's steps follow).
const VALUES_SEEN: &str = "values:CR:1";

/// A write, the form it is called with, and whether each caller (in `CALLERS` order) may make it.
/// Rows run in order on one database per caller; signing out comes last.
struct Row {
    path: &'static str,
    body: fn(target: &Target, caller: Caller) -> Body,
    allowed: [bool; 5],
}

/// What a row sends: a form, or a multipart form with a file.
enum Body {
    Form(String),
    Multipart(Vec<u8>),
}

impl From<String> for Body {
    fn from(form: String) -> Self {
        Body::Form(form)
    }
}

const TABLE: &[Row] = &[
    Row {
        path: "/api/sign-in",
        body: |_, _| format!("email=secretariat%40demo.enlace&password={DEMO_PASSWORD}").into(),
        allowed: [Y, Y, Y, Y, Y],
    },
    Row {
        path: "/api/account/language",
        body: |_, _| "language=es".to_owned().into(),
        allowed: [N, Y, Y, Y, Y],
    },
    Row {
        path: "/api/account/digest",
        body: |_, _| "monthly_digest=on".to_owned().into(),
        allowed: [N, Y, Y, N, N],
    },
    Row {
        path: "/api/account/password",
        body: |_, _| {
            format!(
                "current_password={DEMO_PASSWORD}&new_password=a+brand+new+passphrase\
                 &confirm_password=a+brand+new+passphrase"
            )
            .into()
        },
        allowed: [N, Y, Y, Y, Y],
    },
    Row {
        path: "/api/users/create",
        body: |_, caller| {
            format!(
                "email=new.{caller:?}%40enlace.test&name=New&role=focal_point&country=CR\
                 &language=es&password=a+one-time+password"
            )
            .into()
        },
        allowed: [N, N, N, N, Y],
    },
    Row {
        path: "/api/users/one-time-password",
        body: |target, _| format!("user_id={}&password=a+one-time+password", target.user).into(),
        allowed: [N, N, N, N, Y],
    },
    Row {
        path: "/api/users/active",
        body: |target, _| format!("user_id={}&active=false", target.user).into(),
        allowed: [N, N, N, N, Y],
    },
    Row {
        path: "/api/actions/update",
        body: |target, _| {
            format!(
                "update[action_id]={}&update[country]=CR&update[version]={}\
                 &update[status]=completed&update[narrative_en]=Done",
                target.action_id, target.version
            )
            .into()
        },
        allowed: [N, Y, N, N, Y],
    },
    Row {
        path: "/api/actions/comment",
        body: |target, _| {
            format!(
                "action_id={}&country=CR&body=Please+attach+the+decree.",
                target.action_id
            )
            .into()
        },
        allowed: [N, N, N, Y, Y],
    },
    Row {
        path: server::WRITE_ROUTES[0],
        body: |target, _| {
            Body::Multipart(tests::multipart_body(
                &[
                    ("action_id", &target.action_id.to_string()),
                    ("country", "CR"),
                ],
                Some(("decree.pdf", b"%PDF-1.4\n% a small evidence file\n")),
            ))
        },
        allowed: [N, Y, N, N, Y],
    },
    Row {
        path: "/api/indicators/values",
        body: |_, _| {
            "input[country]=CR&input[year]=2026&input[version]=0\
             &input[values][0][indicator]=SEA-01&input[values][0][value]=yes\
             &input[values][0][source]=Decree+12"
                .to_owned()
                .into()
        },
        allowed: [N, Y, N, N, Y],
    },
    Row {
        path: "/api/legislation/save",
        body: |_, _| {
            "country=CR&provision=SOM-5&version=1&form[coverage]=full\
             &form[instruments][0][title]=Ley+General+de+Migraci%C3%B3n&form[instruments][0][article]=249"
                .to_owned()
                .into()
        },
        allowed: [N, Y, N, N, Y],
    },
    Row {
        path: "/api/legislation/confirm",
        body: |_, _| "country=CR&provision=SOM-5&version=2".to_owned().into(),
        allowed: [N, Y, N, N, Y],
    },
    Row {
        path: "/api/legislation/comment",
        body: |_, _| {
            "country=CR&provision=SOM-5&body=Please+cite+the+article."
                .to_owned()
                .into()
        },
        allowed: [N, N, N, Y, Y],
    },
    Row {
        path: "/api/imports/upload",
        body: |_, _| {
            format!(
                "form[kind]=values&form[country]=CR&form[year]=2026&form[file_name]=v.csv&form[file]={}",
                values_file()
            )
            .into()
        },
        allowed: [N, Y, N, N, Y],
    },
    Row {
        path: "/api/imports/confirm",
        body: |target, _| format!("id={}&seen={VALUES_SEEN}", target.imports[0]).into(),
        allowed: [N, Y, N, N, Y],
    },
    Row {
        path: "/api/imports/discard",
        body: |target, _| format!("id={}", target.imports[1]).into(),
        allowed: [N, Y, N, N, Y],
    },
    Row {
        path: "/api/rounds/step",
        body: |_, _| {
            "country=CR&year=2026&step=submit&version=2&reason="
                .to_owned()
                .into()
        },
        allowed: [N, Y, N, N, Y],
    },
    Row {
        path: "/api/rounds/step",
        body: |_, _| {
            "country=CR&year=2026&step=validate&version=3&reason="
                .to_owned()
                .into()
        },
        allowed: [N, N, N, N, Y],
    },
    Row {
        path: "/api/rounds/step",
        body: |_, _| {
            "country=CR&year=2026&step=reopen&version=4&reason=A+value+needs+a+second+look"
                .to_owned()
                .into()
        },
        allowed: [N, N, N, N, Y],
    },
    Row {
        path: "/api/rounds/remind",
        body: |_, _| "country=MX&year=2026".to_owned().into(),
        allowed: [N, N, N, N, Y],
    },
    Row {
        path: "/api/rounds/open",
        body: |_, _| {
            "form[year]=2027&form[opens_on]=2027-11-01&form[due_on]=2028-03-31\
             &form[remind_before]=7&form[remind_after]=3"
                .to_owned()
                .into()
        },
        allowed: [N, N, N, N, Y],
    },
    Row {
        path: "/api/rounds/update",
        body: |_, _| {
            "form[year]=2027&form[opens_on]=2027-11-15&form[due_on]=2028-04-30\
             &form[remind_before]=7&form[remind_after]=3,10"
                .to_owned()
                .into()
        },
        allowed: [N, N, N, N, Y],
    },
    Row {
        path: "/api/rounds/delete",
        body: |_, _| "year=2027".to_owned().into(),
        allowed: [N, N, N, N, Y],
    },
    Row {
        path: "/api/indicators/target",
        body: |_, _| {
            "target[indicator]=COO-01&target[country]=CR&target[baseline_year]=2024\
             &target[baseline_value]=10&target[target_year]=2029&target[target_value]=25"
                .to_owned()
                .into()
        },
        allowed: [N, Y, N, N, Y],
    },
    Row {
        path: "/api/indicators/create",
        body: |_, caller| {
            format!(
                "form[code]=NEW-{caller:?}&form[article]=16&form[provision]=16(1)\
                 &form[name_en]=Shelters+inspected&form[name_es]=Albergues+inspeccionados\
                 &form[kind]=count&form[direction]=higher&form[basis]=composed"
            )
            .into()
        },
        allowed: [N, N, N, N, Y],
    },
    Row {
        path: "/api/indicators/update",
        body: |_, _| {
            "code=ENF-01&form[article]=6&form[provision]=6(1)\
             &form[name_en]=Smuggling+cases+investigated&form[name_es]=Casos+de+tr%C3%A1fico+investigados\
             &form[kind]=count&form[direction]=higher&form[basis]=composed"
                .to_owned()
                .into()
        },
        allowed: [N, N, N, N, Y],
    },
    Row {
        path: "/api/indicators/retire",
        body: |_, _| "code=LEG-06E&retired=true".to_owned().into(),
        allowed: [N, N, N, N, Y],
    },
    Row {
        path: server::WRITE_ROUTES[1],
        body: |_, _| "year=2025&language=en&format=xlsx".to_owned().into(),
        allowed: [N, N, N, N, Y],
    },
    Row {
        path: "/api/directory/add",
        body: |_, _| {
            "country=CR&form[name]=Ana+Mora&form[institution]=Ministerio+de+Seguridad\
             &form[role]=liaison_officer&form[languages][1]=es&form[email]=ana%40example.org\
             &form[phone]=%2B506+2299+8100"
                .to_owned()
                .into()
        },
        allowed: [N, Y, N, N, Y],
    },
    Row {
        path: "/api/directory/update",
        body: |target, _| {
            format!(
                "id={}&form[name]=Rosa+Quesada&form[institution]=Canciller%C3%ADa\
                 &form[role]=focal_point&form[languages][0]=en&form[languages][1]=es",
                target.contact
            )
            .into()
        },
        allowed: [N, Y, N, N, Y],
    },
    Row {
        path: "/api/directory/remove",
        body: |target, _| format!("id={}", target.contact).into(),
        allowed: [N, Y, N, N, Y],
    },
    Row {
        path: "/api/countries/add",
        body: |_, _| {
            "form[iso2]=BR&form[iso3]=BRA&form[name_en]=Brazil&form[name_es]=Brasil\
             &form[membership]=observer&form[language]=es"
                .to_owned()
                .into()
        },
        allowed: [N, N, N, N, Y],
    },
    Row {
        path: "/api/plan/revisions/start",
        body: |_, _| {
            "reason=Adjustments+approved+by+the+Conference&effective_on=2026-10-01"
                .to_owned()
                .into()
        },
        allowed: [N, N, N, N, Y],
    },
    Row {
        path: "/api/plan/revisions/details",
        body: |_, _| {
            "number=2&reason=Adjustments+of+2026&effective_on=2026-10-01"
                .to_owned()
                .into()
        },
        allowed: [N, N, N, N, Y],
    },
    Row {
        path: "/api/plan/revisions/theme",
        body: |_, _| {
            "number=2&existing=&code=9&name_en=Ninth&name_es=Noveno"
                .to_owned()
                .into()
        },
        allowed: [N, N, N, N, Y],
    },
    Row {
        path: "/api/plan/revisions/objective",
        body: |_, _| {
            "number=2&existing=&theme=9&code=9.A&title_en=Aim&title_es=Meta"
                .to_owned()
                .into()
        },
        allowed: [N, N, N, N, Y],
    },
    Row {
        path: "/api/plan/revisions/action",
        body: |_, _| {
            concat!(
                "number=2&form[existing]=&form[place]=theme%3A9&form[code]=9.1&form[title_en]=New",
                "&form[title_es]=Nueva&form[start_year]=2026&form[end_year]=2029&form[weight]=1"
            )
            .to_owned()
            .into()
        },
        allowed: [N, N, N, N, Y],
    },
    Row {
        path: "/api/plan/revisions/milestone",
        body: |_, _| {
            concat!(
                "number=2&form[action]=9.1&form[existing]=&form[code]=&form[title_en]=Agreed",
                "&form[title_es]=Acordado&form[due]=2028-06-30&form[weight]=1"
            )
            .to_owned()
            .into()
        },
        allowed: [N, N, N, N, Y],
    },
    Row {
        path: "/api/plan/revisions/part",
        body: |_, _| {
            "number=2&kind=theme&code=9&action=&direction=up"
                .to_owned()
                .into()
        },
        allowed: [N, N, N, N, Y],
    },
    Row {
        path: "/api/plan/revisions/approve",
        body: |_, _| "number=2".to_owned().into(),
        allowed: [N, N, N, N, Y],
    },
    Row {
        path: "/api/plan/revisions/load",
        body: |_, _| {
            format!(
                "form[reason]=From+the+Conference%27s+file&form[effective_on]=2026-10-01&form[plan_file]={}",
                app::urls::encode_query_value(&plan_file_with_a_new_theme())
            )
            .into()
        },
        allowed: [N, N, N, N, Y],
    },
    Row {
        path: "/api/plan/revisions/discard",
        body: |_, _| "number=3".to_owned().into(),
        allowed: [N, N, N, N, Y],
    },
    Row {
        path: "/api/account/tokens/create",
        body: |_, _| {
            let expires = chrono::Utc::now().date_naive() + chrono::Days::new(30);
            format!("form[name]=Statistics+office&form[scope]=read&form[expires_on]={expires}")
                .into()
        },
        allowed: [N, Y, Y, Y, Y],
    },
    Row {
        path: "/api/account/tokens/revoke",
        body: |target, _| format!("id={}", target.token).into(),
        allowed: [N, Y, Y, Y, Y],
    },
    Row {
        path: "/api/sign-out",
        body: |_, _| String::new().into(),
        allowed: [N, Y, Y, Y, Y],
    },
];

#[test]
fn the_table_names_every_state_changing_server_function_and_route() {
    let registered: BTreeSet<&str> = leptos::server_fn::axum::server_fn_paths()
        .filter(|(_, method)| *method != Method::GET)
        .map(|(path, _)| path)
        .chain(server::WRITE_ROUTES)
        .collect();
    let in_table: BTreeSet<&str> = TABLE.iter().map(|row| row.path).collect();
    assert_eq!(
        registered, in_table,
        "every server function that is not GET changes state and needs a row in TABLE"
    );
    assert!(!registered.is_empty());
}

#[tokio::test]
async fn each_caller_may_do_what_the_table_says_and_every_write_is_audited() {
    for (column, caller) in CALLERS.into_iter().enumerate() {
        let test = TestDatabase::new(true).await;
        // A user to act on: the Costa Rican focal point, or a second one when that is the caller.
        let user = match caller {
            Caller::FocalPointSameCountry => {
                test.add_user(
                    "second.cr@enlace.test",
                    app::domain::Role::FocalPoint,
                    Some("CR"),
                    false,
                )
                .await
                .id
            }
            _ => test.user("focal.cr@demo.enlace").await.unwrap().id,
        };
        let (action_id, version) = costa_rica_record(&test).await;
        let target = Target {
            user,
            action_id,
            version,
            contact: costa_rica_contact(&test).await,
            imports: costa_rica_imports(&test, caller).await,
            token: own_token(&test, caller).await,
        };
        let router = match caller.email() {
            Some(email) => test.router_as(email).await,
            None => test.router(),
        };
        for row in TABLE {
            let before = test.audit_count().await;
            let reply = match (row.body)(&target, caller) {
                Body::Form(form) => post_form(&router, row.path, &form, &[]).await,
                Body::Multipart(body) => post(&router, row.path, MULTIPART, body, &[]).await,
            };
            let entries = test.audit_count().await - before;
            if row.allowed[column] {
                assert!(
                    reply.status.is_success(),
                    "{caller:?} {}: expected to be allowed, got {} {}",
                    row.path,
                    reply.status,
                    reply.body
                );
                assert_eq!(entries, 1, "{caller:?} {}: one audit entry", row.path);
            } else {
                let expected = if caller == Caller::Anonymous {
                    StatusCode::UNAUTHORIZED
                } else {
                    StatusCode::FORBIDDEN
                };
                assert_eq!(
                    reply.status, expected,
                    "{caller:?} {}: expected to be refused: {}",
                    row.path, reply.body
                );
                assert_eq!(
                    entries, 0,
                    "{caller:?} {}: a refusal writes nothing",
                    row.path
                );
            }
        }
    }
}

/// Two imports of a value of Costa Rica's 2026 round, waiting for confirmation: the caller's when
/// it may import Costa Rica's values, else the Costa Rican focal point's.
async fn costa_rica_imports(test: &TestDatabase, caller: Caller) -> [i32; 2] {
    let owner = match caller {
        Caller::FocalPointSameCountry | Caller::Secretariat => caller.email().unwrap(),
        _ => "focal.cr@demo.enlace",
    };
    let viewer = test.viewer(owner).await;
    let form = app::imports::types::UploadForm {
        kind: "values".into(),
        country: "CR".into(),
        year: "2026".into(),
        file_name: "v.csv".into(),
        ..Default::default()
    };
    let file = b"indicator,value,source\nENF-03,4,Poder Judicial\n";
    let mut ids = [0; 2];
    for id in &mut ids {
        *id = app::imports::service::upload(&test.db, &viewer, &form, file, chrono::Utc::now())
            .await
            .expect("an import waits");
    }
    ids
}

/// The id of an API token of the caller's (0 for an anonymous caller).
async fn own_token(test: &TestDatabase, caller: Caller) -> i32 {
    let Some(email) = caller.email() else {
        return 0;
    };
    let form = app::api::types::TokenForm {
        name: "Website".into(),
        scope: "read".into(),
        expires_on: (chrono::Utc::now().date_naive() + chrono::Days::new(30)).to_string(),
    };
    let viewer = test.viewer(email).await;
    app::api::service::create_token(&test.db, &viewer, &form, chrono::Utc::now())
        .await
        .expect("a token");
    app::api::queries::tokens_of(&test.db, viewer.user_id, chrono::Utc::now())
        .await
        .unwrap()[0]
        .id
}

/// The id of a contact the secretariat lists in Costa Rica's directory.
async fn costa_rica_contact(test: &TestDatabase) -> i32 {
    let form = app::directory::types::ContactForm {
        name: "Rosa Quesada".into(),
        institution: "Dirección General de Migración y Extranjería".into(),
        role: "focal_point".into(),
        languages: vec!["es".into()],
        ..Default::default()
    };
    app::directory::service::add_contact(
        &test.db,
        &test.viewer("secretariat@demo.enlace").await,
        "CR",
        &form,
        chrono::Utc::now(),
    )
    .await
    .expect("the secretariat lists a contact")
}

/// An action Costa Rica has a record of, and the record's version.
async fn costa_rica_record(test: &TestDatabase) -> (i32, i32) {
    use app::db::entities::{country, country_action};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    let costa_rica = country::Entity::find()
        .filter(country::Column::Iso2.eq("CR"))
        .one(&test.db)
        .await
        .unwrap()
        .unwrap();
    let record = country_action::Entity::find()
        .filter(country_action::Column::CountryId.eq(costa_rica.id))
        .filter(country_action::Column::Status.ne("completed"))
        .order_by_asc(country_action::Column::Id)
        .one(&test.db)
        .await
        .unwrap()
        .expect("the demo data has a Costa Rican action not completed");
    (record.action_id, record.version)
}

/// The built-in plan's file with one more theme: a revision that changes something.
fn plan_file_with_a_new_theme() -> String {
    format!(
        "{}\n[[theme]]\ncode = \"10\"\nname_en = \"Tenth\"\nname_es = \"Décimo\"\n",
        migrations::reference::DEFAULT_PLAN
    )
}
