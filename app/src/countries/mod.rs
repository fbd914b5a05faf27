//! The RCM countries, and one country's page: where every action of the plan stands there.

#[cfg(feature = "ssr")]
pub mod queries;

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};

use crate::actions::country_report::country_report_path;
use crate::domain::{Bilingual, Membership, Status};
use crate::error::AppError;
use crate::i18n::{format_date, format_percent, t, t_args, Lang};
use crate::layout::{page_or_error, use_lang, DelayedBadge, Loading, StatusBadge};
use crate::plan::PlanSummary;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CountrySummary {
    pub iso2: String,
    pub iso3: String,
    pub name: Bilingual,
    pub membership: Membership,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CountryActionRow {
    pub code: String,
    pub title: Bilingual,
    pub status: Option<Status>,
    /// Derived: a milestone overdue, or the end year passed, and not completed.
    pub delayed: bool,
    /// Progress (0..1); `None` for cancelled and not-applicable actions.
    pub progress: Option<f64>,
    pub achieved: usize,
    pub total: usize,
    pub updated_on: Option<String>,
    pub updated_by: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CountryTheme {
    pub code: String,
    pub name: Bilingual,
    pub actions: Vec<CountryActionRow>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CountryDetail {
    pub country: CountrySummary,
    pub plan: Option<PlanSummary>,
    pub themes: Vec<CountryTheme>,
}

#[server(endpoint = "countries", input = GetUrl)]
pub async fn get_countries() -> Result<Vec<CountrySummary>, AppError> {
    crate::access::require(crate::access::Permission::Read)?;
    queries::countries(&crate::db::use_db()?).await
}

#[server(endpoint = "country", input = GetUrl)]
pub async fn get_country(iso2: String) -> Result<CountryDetail, AppError> {
    crate::access::require(crate::access::Permission::Read)?;
    queries::country_detail(&crate::db::use_db()?, &iso2).await
}

/// The member countries, which focal points report for: ISO code and name.
#[cfg(feature = "ssr")]
pub async fn member_countries(
    db: &sea_orm::DatabaseConnection,
) -> Result<Vec<(String, Bilingual)>, AppError> {
    Ok(queries::member_countries(db)
        .await?
        .into_iter()
        .map(|country| {
            (
                country.iso2,
                Bilingual::new(country.name_en, country.name_es),
            )
        })
        .collect())
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
                            <a href=format!("/countries/{}", c.iso2.to_lowercase())>
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
                    <crate::dashboards::CountryDashboardSection iso2=iso2.clone() lang/>
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
                <a href=format!("/themes/{}", theme.code)>{theme.name.get(lang).to_owned()}</a>
            </h3>
            <div class="table-wrap">
                <table aria-labelledby=table_label>
                    <thead>
                        <tr>
                            <th scope="col">{t(lang, "col-action")}</th>
                            <th scope="col">{t(lang, "col-status")}</th>
                            <th scope="col" class="number">{t(lang, "report-progress")}</th>
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
                                            <a href=country_report_path(&iso2, &row.code)>
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
