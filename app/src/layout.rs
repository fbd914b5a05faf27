//! The frame around every page (skip link, header with navigation and language switch, demo banner,
//! footer) and the small components that pages share: status badges, loading and error views.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_location;
use serde::{Deserialize, Serialize};

use crate::access::{Permission, Viewer};
use crate::domain::Status;
use crate::error::AppError;
use crate::i18n::{t, Lang};

pub use crate::i18n::use_lang;

/// What the frame of every page shows: whether the database holds demonstration data, and who is
/// signed in.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SiteInfo {
    pub demo: bool,
    pub viewer: Option<Viewer>,
}

/// The site information of the current request. Read on the server, where it is at hand without a
/// query; the browser receives the same value with the page when it hydrates.
fn current_site_info() -> SiteInfo {
    #[cfg(feature = "ssr")]
    {
        SiteInfo {
            demo: use_context::<crate::db::settings::DemoData>().is_some_and(|demo| demo.0),
            viewer: crate::access::current_viewer(),
        }
    }
    #[cfg(not(feature = "ssr"))]
    {
        SiteInfo::default()
    }
}

/// The frame of every page. Its data is a `SharedValue`, not a `Resource`: the server has it at hand
/// without a query, so nothing waits for it, and the browser takes it from the page as it hydrates.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let lang = use_lang();
    let site = SharedValue::new(current_site_info).into_inner();
    view! {
        <a class="skip-link" href="#main">{t(lang, "skip-to-content")}</a>
        <SiteHeader site lang/>
        <main id="main" tabindex="-1">
            <crate::forms::UnshownRefusal/>
            {children()}
        </main>
        <footer class="site-footer">
            <p>{t(lang, "footer-text")}</p>
        </footer>
    }
}

/// The page header, with the signed-in user's navigation, and the demonstration banner under it.
#[component]
fn SiteHeader(site: SiteInfo, lang: Lang) -> impl IntoView {
    let SiteInfo { demo, viewer } = site;
    view! {
        <header class="site-header">
            <div class="site-header__inner">
                <a class="brand" href="/">
                    <span class="brand__name">{t(lang, "app-name")}</span>
                    <span class="brand__tagline">{t(lang, "app-tagline")}</span>
                </a>
                {viewer.map(|viewer| view! { <SignedInNav viewer lang/> })}
                <LanguageSwitch/>
            </div>
        </header>
        {demo.then(|| view! { <p class="demo-banner" role="note">{t(lang, "demo-banner")}</p> })}
    }
}

/// The navigation of a signed-in user: the pages their role may see, their account and sign-out.
#[component]
fn SignedInNav(viewer: Viewer, lang: Lang) -> impl IntoView {
    let reads = viewer.may(Permission::Read);
    let manages_users = viewer.may(Permission::ManageUsers);
    let reads_audit = viewer.may(Permission::ReadAudit);
    let coordinates = viewer.may(Permission::Coordinate);
    let imports = coordinates || viewer.country.is_some();
    view! {
        <nav aria-label=t(lang, "nav-label")>
            <ul class="nav">
                {reads
                    .then(|| {
                        view! {
                            <NavLink href="/" label=t(lang, "nav-home")/>
                            <NavLink href="/plan" label=t(lang, "nav-plan")/>
                            <NavLink href="/countries" label=t(lang, "nav-countries")/>
                            <NavLink href="/matrix" label=t(lang, "nav-matrix")/>
                            <NavLink href="/outlook" label=t(lang, "nav-outlook")/>
                            <NavLink href="/protocol" label=t(lang, "nav-protocol")/>
                            <NavLink href="/legislation" label=t(lang, "nav-legislation")/>
                            <NavLink href="/scorecard" label=t(lang, "nav-scorecard")/>
                            <NavLink href="/rounds" label=t(lang, "nav-rounds")/>
                            <NavLink href="/reports" label=t(lang, "nav-reports")/>
                        }
                    })}
                {manages_users.then(|| view! { <NavLink href="/users" label=t(lang, "nav-users")/> })}
                {imports.then(|| view! { <NavLink href="/imports" label=t(lang, "nav-imports")/> })}
                {coordinates.then(|| view! { <NavLink href="/outbox" label=t(lang, "nav-outbox")/> })}
                {reads_audit.then(|| view! { <NavLink href="/audit" label=t(lang, "nav-audit")/> })}
            </ul>
        </nav>
        <div class="account-menu">
            <a href="/account" class="account-menu__name">
                <span class="visually-hidden">{t(lang, "nav-account")} ": "</span>
                {viewer.name.clone()}
            </a>
            <SignOutButton/>
        </div>
    }
}

/// The response header by which a page says it is the same for several accounts but for the
/// account's name in the header (`SameFor`): the server's page memory then renders it once for all
/// of them and puts each reader's name in (`server/src/cache.rs`), which takes the header off.
pub const SAME_BUT_THE_NAME: &str = "x-enlace-same-but-the-name";

/// For whom a page is the same but for the reader's name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SameFor {
    /// Everyone who sees the same navigation (role, whether they report for a country, language),
    /// the focal points of the country the page's address names (`urls::country_of_path`) apart
    /// from the others: a country's page shows its own focal points its forms.
    TheNavigation,
    /// Everyone who sees the same navigation and reports for the same country, or for none: the
    /// page shows a focal point their own country's figures.
    TheNavigationAndCountry,
}

impl SameFor {
    pub const ALL: [SameFor; 2] = [SameFor::TheNavigation, SameFor::TheNavigationAndCountry];

    pub fn header_value(self) -> &'static str {
        match self {
            SameFor::TheNavigation => "navigation",
            SameFor::TheNavigationAndCountry => "navigation-and-country",
        }
    }

    pub fn from_header_value(value: &[u8]) -> Option<SameFor> {
        SameFor::ALL
            .into_iter()
            .find(|same_for| same_for.header_value().as_bytes() == value)
    }
}

/// Says `SAME_BUT_THE_NAME` of the page being rendered. Only for pages that show nothing of the
/// reader's own but what `same_for` keeps apart: not their comments, their account, or what
/// differs between accounts of one role and country.
pub fn same_but_the_name(same_for: SameFor) {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.insert_header(
            http::HeaderName::from_static(SAME_BUT_THE_NAME),
            http::HeaderValue::from_static(same_for.header_value()),
        );
    }
    #[cfg(not(feature = "ssr"))]
    let _ = same_for;
}

/// The response header by which a page says it shows none of the plan's figures (statuses,
/// milestones reached, indicator values): the server's page memory then keeps it across the
/// changes to them alone (`live::Change::is_to_the_figures_alone`), and takes the header off.
pub const SHOWS_NONE_OF_THE_FIGURES: &str = "x-enlace-shows-none-of-the-figures";

/// Says `SHOWS_NONE_OF_THE_FIGURES` of the page being rendered. Only for pages that show nothing a
/// country's update, an import of updates or a validation writes: the plan's structure, the
/// Protocol's catalogue. (Not the legislation's matrix: a validation verifies the entries.)
pub fn shows_none_of_the_figures() {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.insert_header(
            http::HeaderName::from_static(SHOWS_NONE_OF_THE_FIGURES),
            http::HeaderValue::from_static("yes"),
        );
    }
}

/// A multi-line text field that starts with `value`. Leptos writes a `<textarea>`'s children into
/// the page unescaped (browsers read them as raw text), so stored text could close the element and
/// become markup: the value goes in escaped instead. Every textarea of Enlace is this component; give
/// it its attributes after `{..}`, as in `<TextArea value=text {..} id="narrative" name="narrative"/>`.
#[component]
pub fn TextArea(#[prop(into, optional)] value: String) -> impl IntoView {
    view! { <textarea inner_html=crate::markup::escape(&value)></textarea> }
}

/// A navigation entry, marked as the current page where it is (or contains) the current address.
#[component]
fn NavLink(href: &'static str, label: String) -> impl IntoView {
    let location = use_location();
    let current = move || {
        let path = location.pathname.get();
        let here = match href {
            "/" => path == "/",
            "/plan" => {
                path == "/plan" || path.starts_with("/themes/") || path.starts_with("/actions/")
            }
            "/protocol" => path.starts_with("/protocol") || path.starts_with("/indicators/"),
            _ => path.starts_with(href),
        };
        here.then_some("page")
    };
    view! {
        <li>
            <a href=href aria-current=current>{label}</a>
        </li>
    }
}

/// Links to the current page in each language. They reload the page (`rel="external"`) so that the
/// server renders it, and remembers the choice, in the new language.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let lang = use_lang();
    let location = use_location();
    view! {
        <nav class="language-switch" aria-label=t(lang, "language-label")>
            <ul>
                {Lang::ALL
                    .into_iter()
                    .map(|option| {
                        let href = move || format!("{}?lang={}", location.pathname.get(), option.code());
                        let current = (option == lang).then_some("true");
                        view! {
                            <li>
                                <a
                                    href=href
                                    rel="external"
                                    hreflang=option.code()
                                    lang=option.code()
                                    aria-current=current
                                >
                                    {option.endonym()}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}

/// A reported status: colour and text label together, never colour alone. `None` is "not yet reported".
#[component]
pub fn StatusBadge(status: Option<Status>) -> impl IntoView {
    let lang = use_lang();
    let (class, label) = match status {
        Some(status) => (status.css_class(), t(lang, status.label_key())),
        None => ("status status--unreported", t(lang, "not-updated")),
    };
    view! { <span class=class>{label}</span> }
}

/// Where a page of a long list stands ("51–100 of 1,000"), with links to the pages before and
/// after it; nothing when the list fits one page.
#[component]
pub fn Pager(
    paging: crate::domain::Paging,
    previous: Option<String>,
    next: Option<String>,
    lang: Lang,
) -> impl IntoView {
    (paging.pages > 1).then(|| {
        let rows = paging.rows();
        let summary = crate::i18n::t_args(
            lang,
            "pager-summary",
            &[
                ("first", (rows.start + 1).into()),
                ("last", rows.end.into()),
                ("total", paging.total.into()),
            ],
        );
        view! {
            <nav class="pager" aria-label=t(lang, "pager-label")>
                <span>{summary}</span>
                {previous
                    .map(|href| view! { " " <a href=href rel="prev">{t(lang, "pager-previous")}</a> })}
                {next.map(|href| view! { " " <a href=href rel="next">{t(lang, "pager-next")}</a> })}
            </nav>
        }
    })
}

/// The derived *delayed* flag, in words as well as colour.
#[component]
pub fn DelayedBadge() -> impl IntoView {
    let lang = use_lang();
    view! { <span class="status status--delayed">{t(lang, "status-delayed")}</span> }
}

#[component]
pub fn Loading() -> impl IntoView {
    let lang = use_lang();
    view! { <p class="loading" role="status">{t(lang, "loading")}</p> }
}

/// A failed page: a translated explanation, and the matching HTTP status when rendered on the server.
#[component]
pub fn ErrorView(error: AppError) -> impl IntoView {
    let lang = use_lang();
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(error.status());
    }
    let title = error.title(lang);
    view! {
        <Title text=title.clone()/>
        <section class="error-page" aria-labelledby="error-title">
            <h1 id="error-title">{title}</h1>
            <p>{error.message(lang)}</p>
            <p>
                <a href="/">{t(lang, "error-back-home")}</a>
            </p>
        </section>
    }
}

/// The page for addresses that match no route.
#[component]
pub fn NotFound() -> impl IntoView {
    view! { <ErrorView error=AppError::NotFound/> }
}

/// Renders a loaded page, or its error.
pub fn page_or_error<T, V>(result: Result<T, AppError>, page: impl FnOnce(T) -> V) -> AnyView
where
    V: IntoView + 'static,
{
    match result {
        Ok(data) => page(data).into_any(),
        Err(error) => view! { <ErrorView error/> }.into_any(),
    }
}

/// The sign-out button of the page header: a form, so that it works without JavaScript.
#[component]
pub fn SignOutButton() -> impl IntoView {
    let lang = use_lang();
    view! {
        <form method="post" action=crate::urls::SIGN_OUT_PATH class="sign-out">
            <button type="submit">{t(lang, "sign-out")}</button>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// The code of every source file, as (file, line number, line): comments and the tests at the end
    /// of a file left out.
    fn code_lines(directory: &Path, lines: &mut Vec<(String, usize, String)>) {
        for entry in std::fs::read_dir(directory).expect("the source directory can be read") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                code_lines(&path, lines);
                continue;
            }
            // Unit tests in a file of their own are test code, as a `mod tests` block is.
            if path.extension().is_none_or(|extension| extension != "rs")
                || path.file_name().is_some_and(|name| name == "tests.rs")
            {
                continue;
            }
            let source = std::fs::read_to_string(&path).expect("a source file can be read");
            let code = source
                .split("#[cfg(test)]\nmod tests")
                .next()
                .unwrap_or_default();
            for (number, line) in code.lines().enumerate() {
                if !line.trim_start().starts_with("//") {
                    lines.push((path.display().to_string(), number + 1, line.to_owned()));
                }
            }
        }
    }

    /// Leptos writes the children of `<textarea>`, `<title>`, `<script>`, `<style>` and
    /// `<noscript>`, and any `inner_html`, into the page as they are: each is written in one known
    /// place, which escapes what it writes (`TextArea`, the title formatter of `App`, the charts'
    /// SVG, drawn by plotters and `charts/canvas.rs`, which escape their text), or writes only what
    /// the server rendered (the live dashboard) or the build named (the islands' loader). A page that wrote one of
    /// them itself could put stored text into the page as markup.
    #[test]
    fn raw_text_and_raw_markup_are_written_in_known_places_only() {
        let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut lines = Vec::new();
        code_lines(&source, &mut lines);
        let known = [
            (
                "layout.rs",
                "<textarea inner_html=crate::markup::escape(&value)>",
            ),
            ("lib.rs", "<Title formatter="),
            (
                "dashboards/pages.rs",
                "<div class=\"chart__drawing\" tabindex=\"0\" inner_html=chart.drawing()>",
            ),
            ("dashboards/charts/canvas.rs", "<title id="),
            (
                "dashboards/pages.rs",
                ".set_inner_html(&fresh.inner_html());",
            ),
            ("site.rs", "<Script type_=\"module\">{loader}</Script>"),
            (
                "site.rs",
                "view! { <style nonce=page_nonce() inner_html=css.to_string()></style> }",
            ),
        ];
        let raw = [
            "<textarea",
            "<title",
            "<script",
            "<Script",
            "<style",
            "<noscript",
            "inner_html",
            "formatter=",
        ];
        let offending: Vec<_> = lines
            .iter()
            .filter(|(file, _, line)| {
                raw.iter().any(|element| line.contains(element))
                    && !known
                        .iter()
                        .any(|(name, place)| file.ends_with(name) && line.contains(place))
            })
            .collect();
        assert!(
            offending.is_empty(),
            "write these through TextArea, the App's title or the charts: {offending:#?}"
        );
    }
}
