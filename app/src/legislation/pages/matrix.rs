//! The comparative matrix (`/legislation?group=…&membership=…`): countries against provisions,
//! each cell's coverage in colour and in words; and a provision's page
//! (`/legislation/provisions/{code}`): its question and every country's entry side by side.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::facts::{CoverageBadge, EntryFacts};
use crate::dashboards::pages::ChartFigure;
use crate::dashboards::types::Chart;
use crate::domain::{Coverage, ProvisionGroup};
use crate::error::AppError;
use crate::i18n::{t, t_args, Lang};
use crate::layout::{page_or_error, use_lang, Loading};
use crate::legislation::types::{MatrixView, ProvisionView};
use crate::matrix::pages::MembershipChoice;

#[server(endpoint = "legislation", input = GetUrl)]
pub async fn get_legislation_matrix(
    group: Option<String>,
    membership: Option<String>,
) -> Result<MatrixView, AppError> {
    crate::access::require(crate::access::Permission::Read)?;
    crate::legislation::queries::matrix(&crate::db::use_db()?, group, membership).await
}

/// A provision's page: every country's entry, and their prison terms as a chart.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ProvisionPageData {
    pub view: ProvisionView,
    pub penalties: Chart,
}

#[server(endpoint = "legislation/provision", input = GetUrl)]
pub async fn get_provision(code: String, lang: String) -> Result<ProvisionPageData, AppError> {
    crate::access::require(crate::access::Permission::Read)?;
    let view = crate::legislation::queries::provision_view(&crate::db::use_db()?, &code).await?;
    let penalties = penalty_chart(&view, Lang::from_tag(&lang).unwrap_or_default());
    Ok(ProvisionPageData { view, penalties })
}

/// The prison terms each country's law sets for the provision, as a range per country.
#[cfg(feature = "ssr")]
fn penalty_chart(view: &ProvisionView, lang: Lang) -> Chart {
    use crate::dashboards::charts::ranges::{ranges, Span};
    let spans: Vec<Span> = view
        .countries
        .iter()
        .map(|c| {
            let penalty = c
                .entry
                .as_ref()
                .map(|e| e.entry.penalty)
                .unwrap_or_default();
            Span {
                label: c.country.get(lang).to_owned(),
                name: c.country.get(lang).to_owned(),
                least: penalty.min_years,
                most: penalty.max_years,
                href: Some(crate::urls::legislation_entry_path(
                    &c.iso2,
                    &view.provision.code,
                )),
            }
        })
        .collect();
    let name = view.provision.name.get(lang);
    ranges(
        "penalties",
        &t_args(
            lang,
            "legislation-penalty-chart-title",
            &[("provision", name.to_owned().into())],
        ),
        &t_args(
            lang,
            "legislation-penalty-chart-desc",
            &[("provision", name.to_owned().into())],
        ),
        &spans,
        lang,
    )
}

#[component]
pub fn LegislationPage() -> impl IntoView {
    // Every country's legislation: the same for everyone who may read it.
    crate::layout::same_but_the_name(crate::layout::SameFor::TheNavigation);
    let lang = use_lang();
    let query = use_query_map();
    let matrix = Resource::new(
        move || {
            let query = query.read();
            (query.get("group"), query.get("membership"))
        },
        |(group, membership)| get_legislation_matrix(group, membership),
    );
    view! {
        <Title text=t(lang, "legislation-title")/>
        <h1>{t(lang, "legislation-title")}</h1>
        <p class="lead">{t(lang, "legislation-intro")}</p>
        <p>
            <a href="/legislation/compare">{t(lang, "legislation-compare-title")}</a>
            " · "
            <a href="/legislation/changes">{t(lang, "legislation-changes-title")}</a>
        </p>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                page_or_error(matrix.await, move |matrix| view! { <MatrixTable matrix lang/> })
            })}
        </Suspense>
    }
}

#[component]
fn MatrixFilters(matrix: MatrixView, lang: Lang) -> impl IntoView {
    view! {
        <form method="get" action="/legislation" class="form--filters">
            <ProvisionGroupChoice id="legislation-group" chosen=matrix.group lang/>
            <MembershipChoice id="legislation-membership" name="membership" chosen=matrix.membership lang/>
            <button type="submit">{t(lang, "audit-filter-submit")}</button>
        </form>
    }
}

/// The filter of a group of provisions, or every group, `chosen` selected, in a form of filters.
#[component]
pub fn ProvisionGroupChoice(
    id: &'static str,
    chosen: Option<ProvisionGroup>,
    lang: Lang,
) -> impl IntoView {
    let chosen = chosen.map(ProvisionGroup::code).unwrap_or_default();
    view! {
        <div class="field">
            <label for=id>{t(lang, "legislation-group")}</label>
            <select id=id name="group">
                <option value="">{t(lang, "legislation-all-groups")}</option>
                {ProvisionGroup::ALL
                    .iter()
                    .map(|group| {
                        view! {
                            <option value=group.code() selected=group.code() == chosen>
                                {t(lang, group.label_key())}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

#[component]
fn MatrixTable(matrix: MatrixView, lang: Lang) -> impl IntoView {
    let legend = Coverage::ALL
        .iter()
        .map(|coverage| view! { <li><CoverageBadge coverage=Some(*coverage) lang/></li> })
        .collect_view();
    let provisions = matrix.provisions.clone();
    let caption = t_args(
        lang,
        "legislation-caption",
        &[
            ("countries", matrix.rows.len().into()),
            ("provisions", matrix.provisions.len().into()),
        ],
    );
    view! {
        {matrix
            .notice
            .clone()
            .map(|key| view! { <p class="notice" role="status">{t(lang, &key)}</p> })}
        <MatrixFilters matrix=matrix.clone() lang/>
        <crate::exports::pages::DownloadLinks
            table="legislation"
            query=format!("membership={}", matrix.membership.code())
            lang
        />
        <ul class="legend" aria-label=t(lang, "legislation-legend")>
            {legend}
            <li><CoverageBadge coverage=None lang/></li>
            <li><span aria-hidden="true">"✓"</span> " " {t(lang, "legislation-verified-mark")}</li>
        </ul>
        <div class="table-wrap" tabindex="0">
            <table class="matrix matrix--legislation">
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t(lang, "col-country")}</th>
                        {provisions
                            .iter()
                            .map(|p| {
                                view! {
                                    <th scope="col">
                                        <a href=crate::urls::legislation_provision_path(&p.code)>
                                            <abbr title=p.name.get(lang).to_owned()>{p.code.clone()}</abbr>
                                        </a>
                                    </th>
                                }
                            })
                            .collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {matrix
                        .rows
                        .into_iter()
                        .map(|row| {
                            let iso2 = row.iso2.clone();
                            let cells = row
                                .cells
                                .iter()
                                .zip(&provisions)
                                .map(|(cell, provision)| {
                                    let href = crate::urls::legislation_entry_path(&iso2, &provision.code);
                                    let verified = cell
                                        .filter(|c| c.verified)
                                        .map(|_| {
                                            view! {
                                                " "
                                                <span title=t(lang, "legislation-verified-mark")>"✓"</span>
                                            }
                                        });
                                    view! {
                                        <td>
                                            <a href=href>
                                                <CoverageBadge coverage=cell.map(|c| c.coverage) lang/>
                                            </a>
                                            {verified}
                                        </td>
                                    }
                                })
                                .collect_view();
                            view! {
                                <tr>
                                    <th scope="row">
                                        <a href=crate::urls::country_legislation_path(&row.iso2)>
                                            {row.country.get(lang).to_owned()}
                                        </a>
                                    </th>
                                    {cells}
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
pub fn ProvisionPage() -> impl IntoView {
    // A provision in every country's law: the same for everyone who may read it.
    crate::layout::same_but_the_name(crate::layout::SameFor::TheNavigation);
    let lang = use_lang();
    let params = use_params_map();
    let data = Resource::new(
        move || params.read().get("code").unwrap_or_default(),
        move |code| get_provision(code, lang.code().to_owned()),
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                page_or_error(data.await, move |data| view! { <Provision data lang/> })
            })}
        </Suspense>
    }
}

#[component]
fn Provision(data: ProvisionPageData, lang: Lang) -> impl IntoView {
    let ProvisionPageData { view, penalties } = data;
    let provision = view.provision;
    let heading = format!("{} · {}", provision.code, provision.name.get(lang));
    let source = format!("{}, {}", provision.instrument, provision.article);
    view! {
        <Title text=heading.clone()/>
        <p class="breadcrumb"><a href="/legislation">{t(lang, "legislation-title")}</a></p>
        <h1>{heading}</h1>
        <p class="muted">{t(lang, provision.group.label_key())} " · " {source}</p>
        <p class="lead">{provision.question.get(lang).to_owned()}</p>
        <ChartFigure chart=penalties lang/>
        <h2>{t(lang, "legislation-side-by-side")}</h2>
        <div class="side-by-side">
            {view
                .countries
                .into_iter()
                .map(|country| {
                    let name = country.country.get(lang).to_owned();
                    let href = crate::urls::legislation_entry_path(&country.iso2, &provision.code);
                    let body = match country.entry {
                        Some(stored) => view! { <EntryFacts entry=stored.entry lang/> }.into_any(),
                        None => view! { <p><CoverageBadge coverage=None lang/></p> }.into_any(),
                    };
                    view! {
                        <section class="card">
                            <h3><a href=href>{name}</a></h3>
                            {body}
                        </section>
                    }
                })
                .collect_view()}
        </div>
    }
}
