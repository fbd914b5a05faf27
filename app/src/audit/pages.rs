//! The secretariat's audit trail page.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::types::{AuditFilter, AuditPage};
use crate::error::AppError;
use crate::i18n::{t, t_args, Lang};
use crate::layout::{page_or_error, use_lang, Loading};
use crate::urls;

/// The filter's fields are separate arguments, so that the address of a call is the page's own
/// query string (`/api/audit?user=3&page=2`).
#[server(endpoint = "audit", input = GetUrl)]
pub async fn get_audit(
    user: Option<i32>,
    country: Option<String>,
    entity: Option<String>,
    from: Option<String>,
    to: Option<String>,
    page: Option<u64>,
) -> Result<AuditPage, AppError> {
    use crate::access::{require, Permission};
    require(Permission::ReadAudit)?;
    let filter = AuditFilter {
        user,
        country,
        entity,
        from,
        to,
        page,
    };
    super::queries::audit_page(&crate::db::use_db()?, &filter).await
}

fn filter_from_query(query: &leptos_router::params::ParamsMap) -> AuditFilter {
    let text = |name: &str| query.get(name).filter(|value| !value.trim().is_empty());
    AuditFilter {
        user: text("user").and_then(|v| v.parse().ok()),
        country: text("country"),
        entity: text("entity"),
        from: text("from"),
        to: text("to"),
        page: text("page").and_then(|v| v.parse().ok()),
    }
}

#[component]
pub fn AuditTrailPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let filter = move || filter_from_query(&query.read());
    let audit = Resource::new(filter, |filter| {
        get_audit(
            filter.user,
            filter.country,
            filter.entity,
            filter.from,
            filter.to,
            filter.page,
        )
    });
    view! {
        <Title text=t(lang, "audit-title")/>
        <h1>{t(lang, "audit-title")}</h1>
        <p class="lead">{t(lang, "audit-intro")}</p>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let filter = filter();
                page_or_error(audit.await, move |page| view! { <AuditView page filter lang/> })
            })}
        </Suspense>
    }
}

#[component]
fn AuditView(page: AuditPage, filter: AuditFilter, lang: Lang) -> impl IntoView {
    let selected_user = filter.user;
    let selected_country = filter.country.clone().unwrap_or_default();
    let selected_entity = filter.entity.clone().unwrap_or_default();
    // Every entry the filter keeps downloads, not only this page's.
    let download_query = filter
        .query_string(1)
        .replace("&page=1", "")
        .replace("page=1", "");
    let previous = (page.page > 1).then(|| urls::audit_path(&filter.query_string(page.page - 1)));
    let next =
        (page.page < page.pages).then(|| urls::audit_path(&filter.query_string(page.page + 1)));
    let summary = t_args(
        lang,
        "audit-summary",
        &[
            ("total", page.total.into()),
            ("page", page.page.into()),
            ("pages", page.pages.into()),
        ],
    );
    view! {
        <form method="get" action="/audit" class="form form--filters">
            <div class="field"><label for="filter-user">{t(lang, "audit-filter-user")}</label>
            <select id="filter-user" name="user">
                <option value="">{t(lang, "audit-any")}</option>
                {page
                    .users
                    .iter()
                    .map(|(id, name)| {
                        view! {
                            <option value=id.to_string() selected=selected_user == Some(*id)>
                                {name.clone()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select></div>
            <div class="field"><label for="filter-country">{t(lang, "field-country")}</label>
            <select id="filter-country" name="country">
                <option value="">{t(lang, "audit-any")}</option>
                {page
                    .countries
                    .iter()
                    .map(|(iso2, name)| {
                        view! {
                            <option value=iso2.clone() selected=*iso2 == selected_country>
                                {name.get(lang).to_owned()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select></div>
            <div class="field"><label for="filter-entity">{t(lang, "audit-filter-entity")}</label>
            <select id="filter-entity" name="entity">
                <option value="">{t(lang, "audit-any")}</option>
                {page
                    .entities
                    .iter()
                    .map(|entity| {
                        view! {
                            <option value=entity.clone() selected=*entity == selected_entity>
                                {entity.clone()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select></div>
            <div class="field"><label for="filter-from">{t(lang, "audit-filter-from")}</label>
            <input id="filter-from" name="from" type="date" value=filter.from.clone().unwrap_or_default()/></div>
            <div class="field"><label for="filter-to">{t(lang, "audit-filter-to")}</label>
            <input id="filter-to" name="to" type="date" value=filter.to.clone().unwrap_or_default()/></div>
            <button type="submit">{t(lang, "audit-filter-submit")}</button>
        </form>
        <p role="status">{summary}</p>
        <crate::exports::pages::DownloadLinks table="audit" query=download_query lang/>
        <div class="table-wrap" tabindex="0">
            <table>
                <caption>{t(lang, "audit-table-caption")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t(lang, "audit-col-when")}</th>
                        <th scope="col">{t(lang, "audit-col-who")}</th>
                        <th scope="col">{t(lang, "audit-col-what")}</th>
                        <th scope="col">{t(lang, "field-country")}</th>
                        <th scope="col">{t(lang, "audit-col-change")}</th>
                    </tr>
                </thead>
                <tbody>
                    {page
                        .entries
                        .into_iter()
                        .map(|entry| {
                            let actor = entry.actor.clone().unwrap_or_else(|| t(lang, "audit-system"));
                            view! {
                                <tr>
                                    <td>
                                        <time datetime=entry.occurred_at.clone()>
                                            {entry.occurred_at.replace('T', " ").trim_end_matches('Z').to_owned()}
                                        </time>
                                    </td>
                                    <td>{actor}</td>
                                    <td>
                                        <code>{format!("{} {} #{}", entry.operation, entry.entity, entry.entity_id)}</code>
                                    </td>
                                    <td>{entry.country.clone().unwrap_or_default()}</td>
                                    <td>
                                        <details>
                                            <summary>{t(lang, "audit-show-values")}</summary>
                                            <p>{t(lang, "audit-before")}</p>
                                            <pre>{entry.before.clone().unwrap_or_else(|| "—".to_owned())}</pre>
                                            <p>{t(lang, "audit-after")}</p>
                                            <pre>{entry.after.clone().unwrap_or_else(|| "—".to_owned())}</pre>
                                        </details>
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
        <nav class="pager" aria-label=t(lang, "audit-pages")>
            {previous.map(|href| view! { <a href=href rel="prev">{t(lang, "audit-previous")}</a> })}
            {next.map(|href| view! { <a href=href rel="next">{t(lang, "audit-next")}</a> })}
        </nav>
    }
}
