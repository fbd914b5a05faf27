//! The matrix page.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::types::Matrix;
use crate::dashboards::pages::{AsOfField, AsOfNote, Notices};
use crate::domain::Membership;
use crate::error::AppError;
use crate::i18n::{t, t_args, Lang};
use crate::layout::{page_or_error, use_lang, DelayedBadge, Loading, Pager, StatusBadge};

#[server(endpoint = "matrix", input = GetUrl)]
pub async fn get_matrix(
    theme: Option<String>,
    group: Option<String>,
    as_of: Option<String>,
    page: Option<String>,
) -> Result<Matrix, AppError> {
    crate::access::require(crate::access::Permission::Read)?;
    let snapshot = crate::dashboards::snapshot::current(None).await?.snapshot;
    Ok(super::queries::matrix_page(
        &snapshot,
        theme,
        group,
        (as_of.as_deref(), page.as_deref()),
        chrono::Utc::now().date_naive(),
    ))
}

#[component]
pub fn MatrixPage() -> impl IntoView {
    // Every country's figures, the same for everyone who may read them.
    crate::layout::same_but_the_name(crate::layout::SameFor::TheNavigation);
    let lang = use_lang();
    let query = use_query_map();
    let matrix = Resource::new(
        move || {
            let query = query.read();
            (
                query.get("theme"),
                query.get("group"),
                query.get("as_of"),
                query.get("page"),
            )
        },
        |(theme, group, as_of, page)| get_matrix(theme, group, as_of, page),
    );
    view! {
        <Title text=t(lang, "matrix-title")/>
        <h1>{t(lang, "matrix-title")}</h1>
        <p class="lead">{t(lang, "matrix-intro")}</p>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                page_or_error(matrix.await, move |matrix| view! { <MatrixView matrix lang/> })
            })}
        </Suspense>
    }
}

#[component]
fn MatrixView(matrix: Matrix, lang: Lang) -> impl IntoView {
    let selected_theme = matrix.theme.clone().unwrap_or_default();
    let members = matrix.group == Membership::Member;
    let download_query = matrix.as_of.in_query(&format!(
        "theme={}&group={}",
        crate::urls::encode_query_value(&selected_theme),
        matrix.group.code(),
    ));
    let countries = matrix.countries.clone();
    let page_path = |page: usize| {
        let filter = format!(
            "theme={}&group={}&page={page}",
            crate::urls::encode_query_value(&selected_theme),
            matrix.group.code()
        );
        crate::urls::matrix_path(&matrix.as_of.in_query(&filter))
    };
    let paging = matrix.paging;
    let previous = (paging.page > 1).then(|| page_path(paging.page - 1));
    let next = (paging.page < paging.pages).then(|| page_path(paging.page + 1));
    view! {
        <Notices keys=matrix.notices.clone() lang/>
        <AsOfNote as_of=matrix.as_of.clone() lang/>
        <form method="get" action="/matrix" class="form--filters">
            <div class="field">
                <label for="matrix-theme">{t(lang, "action-theme-label")}</label>
                <select id="matrix-theme" name="theme">
                    <option value="">{t(lang, "matrix-all-themes")}</option>
                    {matrix
                        .themes
                        .iter()
                        .map(|(code, name)| {
                            let label = format!("{code}. {}", name.get(lang));
                            view! {
                                <option value=code.clone() selected=*code == selected_theme>
                                    {label}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <MembershipChoice id="matrix-group" name="group" chosen=matrix.group lang/>
            <AsOfField id="matrix-as-of" as_of=matrix.as_of.clone() lang/>
            <button type="submit">{t(lang, "audit-filter-submit")}</button>
        </form>
        <crate::exports::pages::DownloadLinks table="matrix" query=download_query lang/>
        <Pager paging previous=previous.clone() next=next.clone() lang/>
        <div class="table-wrap" tabindex="0">
            <table class="matrix">
                <caption>
                    {t_args(
                        lang,
                        "matrix-caption",
                        &[
                            ("actions", matrix.paging.total.into()),
                            ("countries", matrix.countries.len().into()),
                        ],
                    )}
                </caption>
                <thead>
                    <tr>
                        <th scope="col">{t(lang, "col-action")}</th>
                        {countries
                            .iter()
                            .map(|(iso2, name)| {
                                view! {
                                    <th scope="col">
                                        <abbr title=name.get(lang).to_owned()>{iso2.clone()}</abbr>
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
                            let title = row.title.get(lang).to_owned();
                            let cells = row
                                .cells
                                .into_iter()
                                .zip(countries.iter())
                                .map(|(cell, (iso2, _))| {
                                    let badge = view! {
                                        <StatusBadge status=cell.status/>
                                        {cell.delayed.then(|| view! { " " <DelayedBadge/> })}
                                    };
                                    let content = if members {
                                        view! {
                                            <a href=crate::urls::country_action_path(iso2, &row.code)>{badge}</a>
                                        }
                                            .into_any()
                                    } else {
                                        badge.into_any()
                                    };
                                    view! { <td data-country=iso2.clone()>{content}</td> }
                                })
                                .collect_view();
                            view! {
                                <tr data-action=row.code.clone()>
                                    <th scope="row">
                                        <a href=crate::urls::action_path(&row.code)>
                                            <span class="code">{row.code.clone()}</span>
                                            " "
                                            {title}
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
        <Pager paging previous next lang/>
    }
}

/// The filter of a group of countries (members, observers), `chosen` selected, in a form of filters.
#[component]
pub fn MembershipChoice(
    id: &'static str,
    name: &'static str,
    chosen: Membership,
    lang: Lang,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{t(lang, "matrix-group")}</label>
            <select id=id name=name>
                {Membership::ALL
                    .iter()
                    .map(|group| {
                        view! {
                            <option value=group.code() selected=*group == chosen>
                                {t(lang, group.label_key())}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}
