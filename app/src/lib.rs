//! Enlace's pages, components and server functions, organised by domain concept, with the pure domain
//! types they share. Built twice: with `ssr` into the server, with `hydrate` into the browser's wasm.
//! Server-only code (database entities, queries, services) is behind the `ssr` feature.

// The hydrate build types every page's view as one nested type; the larger pages go deeper than the
// default limit of 128 when the release build computes their layout.
#![recursion_limit = "256"]

pub mod access;
pub mod accounts;
pub mod actions;
pub mod api;
pub mod audit;
pub mod countries;
pub mod dashboards;
pub mod directory;
pub mod domain;
pub mod error;
pub mod exports;
pub mod forms;
pub mod home;
pub mod i18n;
pub mod imports;
pub mod indicators;
pub mod layout;
pub mod legislation;
pub mod markup;
pub mod matrix;
pub mod outlook;
pub mod parallel;
pub mod plan;
pub mod progress;
pub mod reports;
pub mod rounds;
pub mod site;
pub mod text;
pub mod themes;
pub mod urls;

#[cfg(feature = "ssr")]
pub mod backup;
#[cfg(feature = "ssr")]
pub mod bootstrap;
#[cfg(feature = "ssr")]
pub mod context;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod live;
#[cfg(feature = "ssr")]
pub mod mail;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

use crate::i18n::{t, Lang};
use crate::layout::{Layout, NotFound};

/// The HTML document around the application, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = request_language();
    provide_context(lang);
    #[cfg(feature = "ssr")]
    allow_this_page_scripts();
    site::provide_site_files(&options);
    // Only islands hydrate: nothing outside them sends the browser data to hydrate from.
    if let Some(shared) = Owner::current_shared_context() {
        shared.set_is_hydrating(false);
    }
    let styles = site::Styles::of(&options);
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light"/>
                {styles}
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <AutoReload options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The language of the request being rendered (server side).
#[cfg(feature = "ssr")]
fn request_language() -> Lang {
    use_context::<http::request::Parts>()
        .map(|parts| i18n::request_language(&parts.uri, &parts.headers))
        .unwrap_or_default()
}

/// Sends the Content-Security-Policy of this page, which allows the page's own inline scripts (the
/// hydration start-up and the page's data) by the nonce Leptos gives them, and no others.
#[cfg(feature = "ssr")]
fn allow_this_page_scripts() {
    if let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) {
        let allowed = [format!("'nonce-{nonce}'")];
        if let Ok(policy) =
            http::HeaderValue::from_str(&content_security_policy(&allowed, &allowed))
        {
            response.insert_header(http::header::CONTENT_SECURITY_POLICY, policy);
        }
    }
}

/// The Content-Security-Policy of Enlace's responses: everything from this site only, no framing,
/// WebAssembly allowed to compile, and of the inline scripts and styles only those the sources
/// given allow (`'nonce-…'`: those carrying the page's nonce; `'sha256-…'`: one by its hash).
pub fn content_security_policy(inline_scripts: &[String], inline_styles: &[String]) -> String {
    let scripts = ["'self'", "'wasm-unsafe-eval'"]
        .into_iter()
        .chain(inline_scripts.iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join(" ");
    let styles = std::iter::once("'self'")
        .chain(inline_styles.iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join(" ");
    format!(
        "default-src 'self'; script-src {scripts}; style-src {styles}; img-src 'self' data:; \
         connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; \
         frame-ancestors 'none'"
    )
}

#[cfg(not(feature = "ssr"))]
fn request_language() -> Lang {
    Lang::default()
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let lang = use_context::<Lang>().unwrap_or_default();
    let app_name = t(lang, "app-name");

    // Every page waits for its data before the server sends it (`SsrMode::Async`), so that it is
    // complete without JavaScript.
    view! {
        <Title formatter=move |page: String| {
            markup::document_title(
                if page.is_empty() { app_name.clone() } else { format!("{page} · {app_name}") },
            )
        }/>
        <Router>
            <Layout>
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=home::pages::HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/plan") view=plan::pages::overview::PlanPage ssr=SsrMode::Async/>
                    <Route path=path!("/plan/revisions") view=plan::pages::revisions::RevisionsPage ssr=SsrMode::Async/>
                    <Route path=path!("/plan/revisions/:number") view=plan::pages::revisions::RevisionPage ssr=SsrMode::Async/>
                    <Route path=path!("/themes/:code") view=themes::pages::ThemePage ssr=SsrMode::Async/>
                    <Route path=path!("/actions/:code") view=actions::pages::action::ActionPage ssr=SsrMode::Async/>
                    <Route path=path!("/countries") view=countries::pages::CountriesPage ssr=SsrMode::Async/>
                    <Route path=path!("/countries/:iso2") view=countries::pages::CountryPage ssr=SsrMode::Async/>
                    <Route
                        path=path!("/countries/:iso2/actions/:code")
                        view=actions::pages::country_action::CountryActionPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/countries/:iso2/indicators")
                        view=indicators::pages::country::CountryIndicatorsPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/protocol") view=indicators::pages::catalogue::ProtocolPage ssr=SsrMode::Async/>
                    <Route path=path!("/indicators/:code") view=indicators::pages::indicator::IndicatorPage ssr=SsrMode::Async/>
                    <Route path=path!("/scorecard") view=indicators::pages::scorecard::ScorecardPage ssr=SsrMode::Async/>
                    <Route path=path!("/rounds") view=rounds::pages::RoundsPage ssr=SsrMode::Async/>
                    <Route path=path!("/rounds/:year") view=rounds::pages::TrackerPage ssr=SsrMode::Async/>
                    <Route path=path!("/outbox") view=rounds::pages::OutboxPage ssr=SsrMode::Async/>
                    <Route path=path!("/matrix") view=matrix::pages::MatrixPage ssr=SsrMode::Async/>
                    <Route path=path!("/outlook") view=outlook::pages::OutlookPage ssr=SsrMode::Async/>
                    <Route path=path!("/outlook/method") view=outlook::pages::OutlookMethodPage ssr=SsrMode::Async/>
                    <Route path=path!("/legislation") view=legislation::pages::matrix::LegislationPage ssr=SsrMode::Async/>
                    <Route path=path!("/legislation/compare") view=legislation::pages::compare::ComparePage ssr=SsrMode::Async/>
                    <Route path=path!("/legislation/changes") view=legislation::pages::compare::ChangesPage ssr=SsrMode::Async/>
                    <Route
                        path=path!("/legislation/provisions/:code")
                        view=legislation::pages::matrix::ProvisionPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/countries/:iso2/legislation")
                        view=legislation::pages::country::CountryLegislationPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/countries/:iso2/legislation/:code")
                        view=legislation::pages::country::LegislationEntryPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/imports") view=imports::pages::ImportsPage ssr=SsrMode::Async/>
                    <Route path=path!("/imports/:id") view=imports::pages::ImportPage ssr=SsrMode::Async/>
                    <Route path=path!("/reports") view=reports::pages::ReportsPage ssr=SsrMode::Async/>
                    <Route path=path!("/sign-in") view=accounts::pages::account::SignInPage ssr=SsrMode::Async/>
                    <Route path=path!("/account") view=accounts::pages::account::AccountPage ssr=SsrMode::Async/>
                    <Route path=path!("/users") view=accounts::pages::users::UsersPage ssr=SsrMode::Async/>
                    <Route path=path!("/audit") view=audit::pages::AuditTrailPage ssr=SsrMode::Async/>
                </Routes>
            </Layout>
        </Router>
    }
}
