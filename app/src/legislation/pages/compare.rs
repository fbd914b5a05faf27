//! Comparing countries' legislation: two to four countries' entries side by side, provision by
//! provision (`/legislation/compare?country=CR&country=GT…`), and what changed in anyone's matrix
//! since a day (`/legislation/changes?since=YYYY-MM-DD`).

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::facts::{penalty_words, CoverageBadge, InstrumentLine};
use super::matrix::ProvisionGroupChoice;
use crate::error::AppError;
use crate::i18n::{format_date, t, t_args, Lang};
use crate::layout::{page_or_error, use_lang, Loading};
use crate::legislation::types::{ChangesView, CompareView, StoredEntry, COMPARE_MOST};

/// `countries`: the ISO codes chosen, separated by commas.
#[server(endpoint = "legislation/compare", input = GetUrl)]
pub async fn get_comparison(
    countries: String,
    group: Option<String>,
) -> Result<CompareView, AppError> {
    crate::access::require(crate::access::Permission::Read)?;
    let chosen: Vec<String> = countries
        .split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_owned)
        .collect();
    crate::legislation::queries::compare(&crate::db::use_db()?, &chosen, group).await
}

#[server(endpoint = "legislation/changes", input = GetUrl)]
pub async fn get_changes(since: Option<String>) -> Result<ChangesView, AppError> {
    crate::access::require(crate::access::Permission::Read)?;
    let today = chrono::Utc::now().date_naive();
    crate::legislation::queries::changes_since(&crate::db::use_db()?, since, today).await
}

#[component]
pub fn ComparePage() -> impl IntoView {
    // Countries' laws side by side: the same for everyone who may read them.
    crate::layout::same_but_the_name(crate::layout::SameFor::TheNavigation);
    let lang = use_lang();
    let query = use_query_map();
    let data = Resource::new(
        move || {
            let query = query.read();
            (
                query.get_all("country").unwrap_or_default().join(","),
                query.get("group"),
            )
        },
        |(countries, group)| get_comparison(countries, group),
    );
    view! {
        <Title text=t(lang, "legislation-compare-title")/>
        <p class="breadcrumb"><a href="/legislation">{t(lang, "legislation-title")}</a></p>
        <h1>{t(lang, "legislation-compare-title")}</h1>
        <p class="lead">{t(lang, "legislation-compare-intro")}</p>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                page_or_error(data.await, move |view| view! { <Comparison view lang/> })
            })}
        </Suspense>
    }
}

#[component]
fn CompareForm(view: CompareView, lang: Lang) -> impl IntoView {
    let chosen: Vec<String> = view
        .countries
        .iter()
        .map(|(iso2, _)| iso2.clone())
        .collect();
    view! {
        <form method="get" action="/legislation/compare" class="form--filters">
            <fieldset class="choices">
                <legend>
                    {t_args(lang, "legislation-compare-choose", &[("most", COMPARE_MOST.into())])}
                </legend>
                {view
                    .choices
                    .iter()
                    .map(|(iso2, name)| {
                        view! {
                            <label>
                                <input
                                    type="checkbox"
                                    name="country"
                                    value=iso2.clone()
                                    checked=chosen.contains(iso2)
                                />
                                " "
                                {name.get(lang).to_owned()}
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
            <ProvisionGroupChoice id="compare-group" chosen=view.group lang/>
            <button type="submit">{t(lang, "legislation-compare-submit")}</button>
        </form>
    }
}

#[component]
fn Comparison(view: CompareView, lang: Lang) -> impl IntoView {
    let notice = view
        .notice
        .clone()
        .map(|key| view! { <p class="notice" role="status">{t_args(lang, &key, &[("most", COMPARE_MOST.into())])}</p> });
    let table = (!view.countries.is_empty()).then(|| {
        let countries = view.countries.clone();
        view! {
            <div class="table-wrap" tabindex="0">
                <table class="compare">
                    <caption>{t(lang, "legislation-compare-caption")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t(lang, "legislation-provision")}</th>
                            {countries
                                .iter()
                                .map(|(iso2, name)| {
                                    view! {
                                        <th scope="col">
                                            <a href=crate::urls::country_legislation_path(iso2)>
                                                {name.get(lang).to_owned()}
                                            </a>
                                        </th>
                                    }
                                })
                                .collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {view
                            .rows
                            .iter()
                            .map(|row| {
                                let code = row.provision.code.clone();
                                view! {
                                    <tr>
                                        <th scope="row">
                                            <a href=crate::urls::legislation_provision_path(&code)>
                                                {format!("{} · {}", code, row.provision.name.get(lang))}
                                            </a>
                                        </th>
                                        {row
                                            .entries
                                            .iter()
                                            .map(|entry| view! { <td><CompareCell entry=entry.clone() lang/></td> })
                                            .collect_view()}
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        }
    });
    view! {
        {notice}
        <CompareForm view=view.clone() lang/>
        {table}
    }
}

/// A country's entry as the comparison shows it: coverage, instruments, penalty and text.
#[component]
fn CompareCell(entry: Option<StoredEntry>, lang: Lang) -> impl IntoView {
    let Some(stored) = entry else {
        return view! { <CoverageBadge coverage=None lang/> }.into_any();
    };
    let entry = stored.entry;
    let text = entry.original_text.clone().map(|text| {
        let language = entry.text_language.map(|l| l.code());
        view! { <blockquote class="prose" lang=language>{text}</blockquote> }
    });
    view! {
        <CoverageBadge coverage=Some(entry.coverage) lang/>
        <ul class="plain">
            {entry
                .instruments
                .iter()
                .map(|i| view! { <li><InstrumentLine instrument=i.clone() lang/></li> })
                .collect_view()}
        </ul>
        <p>
            <span class="muted">{t(lang, "legislation-penalty")} ": "</span>
            {penalty_words(entry.penalty, lang)}
        </p>
        {text}
    }
    .into_any()
}

#[component]
pub fn ChangesPage() -> impl IntoView {
    // The legislation's changes: the same for everyone who may read them.
    crate::layout::same_but_the_name(crate::layout::SameFor::TheNavigation);
    let lang = use_lang();
    let query = use_query_map();
    let data = Resource::new(move || query.read().get("since"), get_changes);
    view! {
        <Title text=t(lang, "legislation-changes-title")/>
        <p class="breadcrumb"><a href="/legislation">{t(lang, "legislation-title")}</a></p>
        <h1>{t(lang, "legislation-changes-title")}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                page_or_error(data.await, move |view| view! { <Changes view lang/> })
            })}
        </Suspense>
    }
}

#[component]
fn Changes(view: ChangesView, lang: Lang) -> impl IntoView {
    let summary = t_args(
        lang,
        "legislation-changes-count",
        &[
            ("count", view.changes.len().into()),
            ("since", format_date(lang, &view.since).into()),
        ],
    );
    let listing = (!view.changes.is_empty()).then(|| {
        view! {
            <div class="table-wrap" tabindex="0">
                <table>
                    <caption class="visually-hidden">{summary.clone()}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t(lang, "legislation-changes-when")}</th>
                            <th scope="col">{t(lang, "col-country")}</th>
                            <th scope="col">{t(lang, "legislation-provision")}</th>
                            <th scope="col">{t(lang, "legislation-changes-before")}</th>
                            <th scope="col">{t(lang, "legislation-changes-after")}</th>
                            <th scope="col">{t(lang, "legislation-changes-by")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {view
                            .changes
                            .iter()
                            .map(|change| {
                                let href = crate::urls::legislation_entry_path(&change.iso2, &change.provision);
                                let by = change
                                    .saved_by
                                    .clone()
                                    .unwrap_or_else(|| t(lang, "legislation-someone"));
                                view! {
                                    <tr>
                                        <td>{change.saved_at.clone()}</td>
                                        <td>{change.country.get(lang).to_owned()}</td>
                                        <th scope="row">
                                            <a href=href>
                                                {format!("{} · {}", change.provision, change.provision_name.get(lang))}
                                            </a>
                                        </th>
                                        <td>
                                            {match change.before {
                                                Some(before) => view! { <CoverageBadge coverage=Some(before) lang/> }.into_any(),
                                                None => view! { {t(lang, "legislation-changes-first")} }.into_any(),
                                            }}
                                        </td>
                                        <td><CoverageBadge coverage=Some(change.after) lang/></td>
                                        <td>{by}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        }
    });
    view! {
        {view.notice.clone().map(|key| view! { <p class="notice" role="status">{t(lang, &key)}</p> })}
        <form method="get" action="/legislation/changes" class="form--filters">
            <div class="field">
                <label for="changes-since">{t(lang, "legislation-changes-since")}</label>
                <input id="changes-since" type="date" name="since" value=view.since.clone() required=true/>
            </div>
            <button type="submit">{t(lang, "legislation-changes-submit")}</button>
        </form>
        <p>{summary}</p>
        {listing}
    }
}
