//! An action's page: what it is, its milestones, and where it stands in each member country.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::actions::types::{ActionDetail, CountryStatusRow, MilestoneRow};
use crate::error::AppError;
use crate::i18n::{format_date, t, t_args, Lang};
use crate::layout::{page_or_error, use_lang, Loading, StatusBadge};

#[server(endpoint = "action", input = GetUrl)]
pub async fn get_action(code: String, as_of: Option<String>) -> Result<ActionDetail, AppError> {
    crate::access::require(crate::access::Permission::Read)?;
    let snapshot = crate::dashboards::snapshot::current(None).await?.snapshot;
    crate::actions::queries::action_detail(
        &crate::db::use_db()?,
        &snapshot,
        &code,
        as_of.as_deref(),
    )
    .await
}

#[component]
pub fn ActionPage() -> impl IntoView {
    // An action and every country's status: the same for everyone who may read them.
    crate::layout::same_but_the_name(crate::layout::SameFor::TheNavigation);
    let lang = use_lang();
    let params = use_params_map();
    let query = use_query_map();
    let detail = Resource::new(
        move || {
            (
                params.read().get("code").unwrap_or_default(),
                query.read().get("as_of"),
            )
        },
        |(code, as_of)| get_action(code, as_of),
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                page_or_error(detail.await, move |detail| view! { <ActionView detail lang/> })
            })}
        </Suspense>
    }
}

#[component]
fn ActionView(detail: ActionDetail, lang: Lang) -> impl IntoView {
    let label = t_args(
        lang,
        "action-heading",
        &[("code", detail.code.clone().into())],
    );
    let title = detail.title.get(lang).to_owned();
    let theme_label = t_args(
        lang,
        "theme-heading",
        &[("code", detail.theme_code.clone().into())],
    );
    let years = match (detail.start_year, detail.end_year) {
        (Some(start), Some(end)) => Some(t_args(
            lang,
            "plan-period",
            &[
                ("start", start.to_string().into()),
                ("end", end.to_string().into()),
            ],
        )),
        _ => None,
    };
    view! {
        <Title text=format!("{label}: {title}")/>
        <p class="breadcrumb">
            <a href="/plan">{detail.plan.title.get(lang).to_owned()}</a>
            " › "
            <a href=crate::urls::theme_path(&detail.theme_code)>
                {format!("{theme_label}: {}", detail.theme_name.get(lang))}
            </a>
        </p>
        <h1>
            <span class="code">{label}</span>
            " "
            {title}
        </h1>
        <dl class="facts">
            {detail
                .objective
                .map(|(code, objective)| {
                    view! {
                        <div>
                            <dt>{t_args(lang, "objective-heading", &[("code", code.into())])}</dt>
                            <dd>{objective.get(lang).to_owned()}</dd>
                        </div>
                    }
                })}
            {years
                .map(|years| {
                    view! {
                        <div>
                            <dt>{t(lang, "action-years-label")}</dt>
                            <dd>{years}</dd>
                        </div>
                    }
                })}
            {detail
                .lead
                .map(|lead| {
                    view! {
                        <div>
                            <dt>{t(lang, "action-lead-label")}</dt>
                            <dd>{lead}</dd>
                        </div>
                    }
                })}
            <div>
                <dt>{t(lang, "action-weight-label")}</dt>
                <dd>{detail.weight}</dd>
            </div>
        </dl>
        {detail
            .description
            .map(|description| {
                view! {
                    <h2>{t(lang, "action-description-heading")}</h2>
                    <p>{description.get(lang).to_owned()}</p>
                }
            })}
        {(!detail.articles.is_empty())
            .then(|| {
                view! {
                    <h2>{t(lang, "action-articles-heading")}</h2>
                    <ul class="article-list">
                        {detail
                            .articles
                            .into_iter()
                            .map(|article| {
                                view! {
                                    <li>
                                        <a href=crate::urls::protocol_article_path(article.number)>
                                            {t_args(lang, "article-heading", &[("number", article.number.into())])}
                                        </a>
                                        ": "
                                        {article.title.get(lang).to_owned()}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
            })}
        <h2 id="milestones">{t(lang, "action-milestones-heading")}</h2>
        <MilestoneTable milestones=detail.milestones lang/>
        <h2 id="countries">{t(lang, "action-countries-heading")}</h2>
        <crate::dashboards::pages::AsOfForm
            action=crate::urls::action_path(&detail.code)
            as_of=detail.as_of.clone()
            lang
        />
        <CountryStatusTable rows=detail.countries code=detail.code.clone() lang/>
        <super::country_action::History history=detail.history lang/>
    }
}

#[component]
fn MilestoneTable(milestones: Vec<MilestoneRow>, lang: Lang) -> impl IntoView {
    if milestones.is_empty() {
        return view! { <p>{t(lang, "no-milestones")}</p> }.into_any();
    }
    view! {
        <div class="table-wrap" tabindex="0">
            <table aria-labelledby="milestones">
                <thead>
                    <tr>
                        <th scope="col">{t(lang, "col-title")}</th>
                        <th scope="col">{t(lang, "col-due")}</th>
                        <th scope="col" class="number">{t(lang, "col-weight")}</th>
                    </tr>
                </thead>
                <tbody>
                    {milestones
                        .into_iter()
                        .map(|m| {
                            view! {
                                <tr>
                                    <td>{m.title.get(lang).to_owned()}</td>
                                    <td>
                                        <time datetime=m.due_on.clone()>{format_date(lang, &m.due_on)}</time>
                                    </td>
                                    <td class="number">{m.weight}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn CountryStatusTable(rows: Vec<CountryStatusRow>, code: String, lang: Lang) -> impl IntoView {
    view! {
        <div class="table-wrap" tabindex="0">
            <table aria-labelledby="countries">
                <thead>
                    <tr>
                        <th scope="col">{t(lang, "col-country")}</th>
                        <th scope="col">{t(lang, "col-status")}</th>
                        <th scope="col" class="number">{t(lang, "col-milestones")}</th>
                        <th scope="col">{t(lang, "col-updated")}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|row| {
                            let achieved = t_args(
                                lang,
                                "milestones-achieved",
                                &[("achieved", row.achieved.into()), ("total", row.total.into())],
                            );
                            view! {
                                <tr data-country=row.iso2.clone()>
                                    <th scope="row">
                                        <a href=crate::urls::country_action_path(&row.iso2, &code)>
                                            {row.name.get(lang).to_owned()}
                                        </a>
                                    </th>
                                    <td>
                                        <StatusBadge status=row.status/>
                                    </td>
                                    <td class="number">{achieved}</td>
                                    <td>
                                        {row
                                            .updated_on
                                            .map(|day| {
                                                view! { <time datetime=day.clone()>{format_date(lang, &day)}</time> }
                                            })}
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}
