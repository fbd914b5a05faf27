//! The countries page and a country's page.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::types::{CountryDetail, CountrySummary, CountryTheme};
use crate::domain::Membership;
use crate::error::AppError;
use crate::i18n::{format_date, format_percent, t, t_args, Lang};
use crate::layout::{page_or_error, use_lang, DelayedBadge, Loading, StatusBadge};

#[server(endpoint = "countries", input = GetUrl)]
pub async fn get_countries() -> Result<Vec<CountrySummary>, AppError> {
    crate::access::require(crate::access::Permission::Read)?;
    super::queries::countries(&crate::db::use_db()?).await
}

#[server(endpoint = "country", input = GetUrl)]
pub async fn get_country(iso2: String) -> Result<CountryDetail, AppError> {
    crate::access::require(crate::access::Permission::Read)?;
    super::queries::country_detail(&crate::db::use_db()?, &iso2).await
}

#[component]
pub fn CountriesPage() -> impl IntoView {
    let lang = use_lang();
    let countries = Resource::new(|| (), |_| get_countries());
    view! {
        <Title text=t(lang, "countries-title")/>
        <h1>{t(lang, "countries-title")}</h1>
        <p class="lead">{t(lang, "countries-intro")}</p>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                page_or_error(countries.await, move |countries| {
                    let (members, observers): (Vec<_>, Vec<_>) = countries
                        .into_iter()
                        .partition(|c| c.membership == Membership::Member);
                    view! {
                        <h2 id="members">{t(lang, "countries-members-heading")}</h2>
                        <CountryList countries=members lang/>
                        <h2 id="observers">{t(lang, "countries-observers-heading")}</h2>
                        <CountryList countries=observers lang/>
                    }
                })
            })}
        </Suspense>
    }
}

#[component]
fn CountryList(mut countries: Vec<CountrySummary>, lang: Lang) -> impl IntoView {
    countries.sort_by(|a, b| a.name.get(lang).cmp(b.name.get(lang)));
    view! {
        <ul class="country-list">
            {countries
                .into_iter()
                .map(|c| {
                    view! {
                        <li>
                            <a href=crate::urls::country_path(&c.iso2)>
                                {c.name.get(lang).to_owned()}
                            </a>
                            " "
                            <abbr class="muted">{c.iso3}</abbr>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

#[component]
pub fn CountryPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let detail = Resource::new(
        move || params.read().get("iso2").unwrap_or_default(),
        get_country,
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                page_or_error(detail.await, move |detail| view! { <CountryView detail lang/> })
            })}
        </Suspense>
    }
}

#[component]
fn CountryView(detail: CountryDetail, lang: Lang) -> impl IntoView {
    let name = detail.country.name.get(lang).to_owned();
    let observer = detail.country.membership == Membership::Observer;
    let iso2 = detail.country.iso2.clone();
    view! {
        <Title text=name.clone()/>
        <p class="breadcrumb">
            <a href="/countries">{t(lang, "countries-title")}</a>
        </p>
        <h1>{name.clone()}</h1>
        <p class="muted">
            {detail.country.iso3.clone()}
            " · "
            {t(lang, detail.country.membership.label_key())}
        </p>
        {observer
            .then(|| {
                view! {
                    <p>{t_args(lang, "country-observer-note", &[("country", name.clone().into())])}</p>
                }
            })}
        {(!observer && detail.plan.is_some())
            .then(|| {
                view! {
                    <crate::dashboards::pages::CountryDashboardSection iso2=iso2.clone() lang/>
                    <h2>{t_args(lang, "country-actions-heading", &[("country", name.clone().into())])}</h2>
                    {detail
                        .themes
                        .into_iter()
                        .map(|theme| view! { <CountryThemeTable theme iso2=iso2.clone() lang/> })
                        .collect_view()}
                }
            })}
    }
}

#[component]
fn CountryThemeTable(theme: CountryTheme, iso2: String, lang: Lang) -> impl IntoView {
    let heading_id = format!("theme-{}", theme.code);
    let (section_label, table_label) = (heading_id.clone(), heading_id.clone());
    let label = t_args(
        lang,
        "theme-heading",
        &[("code", theme.code.clone().into())],
    );
    view! {
        <section class="theme" aria-labelledby=section_label>
            <h3 id=heading_id>
                <span class="code">{label}</span>
                " "
                <a href=crate::urls::theme_path(&theme.code)>{theme.name.get(lang).to_owned()}</a>
            </h3>
            <div class="table-wrap" tabindex="0">
                <table aria-labelledby=table_label>
                    <thead>
                        <tr>
                            <th scope="col">{t(lang, "col-action")}</th>
                            <th scope="col">{t(lang, "col-status")}</th>
                            <th scope="col" class="number">{t(lang, "update-progress")}</th>
                            <th scope="col" class="number">{t(lang, "col-milestones")}</th>
                            <th scope="col">{t(lang, "col-updated")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {theme
                            .actions
                            .into_iter()
                            .map(|row| {
                                let achieved = t_args(
                                    lang,
                                    "milestones-achieved",
                                    &[("achieved", row.achieved.into()), ("total", row.total.into())],
                                );
                                view! {
                                    <tr>
                                        <th scope="row">
                                            <a href=crate::urls::country_action_path(&iso2, &row.code)>
                                                <span class="code">{row.code.clone()}</span>
                                                " "
                                                {row.title.get(lang).to_owned()}
                                            </a>
                                        </th>
                                        <td>
                                            <StatusBadge status=row.status/>
                                            {row.delayed.then(|| view! { " " <DelayedBadge/> })}
                                        </td>
                                        <td class="number">
                                            {row
                                                .progress
                                                .map(|share| format_percent(lang, share))
                                                .unwrap_or_else(|| "—".to_owned())}
                                        </td>
                                        <td class="number">{achieved}</td>
                                        <td>
                                            {row
                                                .updated_on
                                                .map(|day| {
                                                    view! {
                                                        <time datetime=day.clone()>{format_date(lang, &day)}</time>
                                                    }
                                                })}
                                            {row
                                                .updated_by
                                                .map(|who| view! { <span class="muted">" · " {who}</span> })}
                                        </td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}
