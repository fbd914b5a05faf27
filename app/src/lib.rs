//! Enlace's pages, components and server functions, organised by domain concept, with the pure domain
//! types they share. Built twice: with `ssr` into the server, with `hydrate` into the browser's wasm.
//! Server-only code (database entities, queries, services) is behind the `ssr` feature.

// The hydrate build types every page's view as one nested type; the larger pages go deeper than the
// default limit of 128 when the release build computes their layout.
#![recursion_limit = "256"]

pub mod actions;
pub mod countries;
pub mod domain;
pub mod error;
pub mod i18n;
pub mod layout;
pub mod plan;
pub mod protocol;

#[cfg(feature = "ssr")]
pub mod bootstrap;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod demo;

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
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light"/>
                <link rel="stylesheet" href=format!("/{}/{}.css", options.site_pkg_dir, options.output_name)/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options/>
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

#[cfg(not(feature = "ssr"))]
fn request_language() -> Lang {
    Lang::default()
}

/// The language the server rendered the page in: the shell's context on the server, the document's
/// `lang` attribute in the browser, so that hydration renders the same text.
fn page_language() -> Lang {
    #[cfg(feature = "hydrate")]
    {
        let from_document = web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.document_element())
            .and_then(|html| html.get_attribute("lang"))
            .and_then(|code| Lang::from_tag(&code));
        if let Some(lang) = from_document {
            return lang;
        }
    }
    use_context::<Lang>().unwrap_or_default()
}

/// Marks `<html data-hydrated>` once the browser has taken over the page, for styles that only apply
/// when the page is interactive and for the browser tests. Effects never run on the server.
fn mark_hydrated() {
    Effect::new(|_| {
        #[cfg(feature = "hydrate")]
        if let Some(html) = web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.document_element())
        {
            let _ = html.set_attribute("data-hydrated", "");
        }
    });
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let lang = page_language();
    provide_context(lang);
    let app_name = t(lang, "app-name");
    mark_hydrated();

    // Every page waits for its data before the server sends it (`SsrMode::Async`), so that it is
    // complete without JavaScript.
    view! {
        <Title formatter=move |page: String| {
            if page.is_empty() { app_name.clone() } else { format!("{page} · {app_name}") }
        }/>
        <Router>
            <Layout>
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=plan::HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/plan") view=plan::PlanPage ssr=SsrMode::Async/>
                    <Route path=path!("/themes/:code") view=plan::ThemePage ssr=SsrMode::Async/>
                    <Route path=path!("/actions/:code") view=actions::ActionPage ssr=SsrMode::Async/>
                    <Route path=path!("/countries") view=countries::CountriesPage ssr=SsrMode::Async/>
                    <Route path=path!("/countries/:iso2") view=countries::CountryPage ssr=SsrMode::Async/>
                    <Route path=path!("/protocol") view=protocol::ProtocolPage ssr=SsrMode::Async/>
                </Routes>
            </Layout>
        </Router>
    }
}
