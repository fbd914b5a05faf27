//! The outlook's pages: the projections and early warnings (`/outlook`), and the method with its
//! backtest (`/outlook/method`).

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::rules::reason_text;
use super::types::{Backtest, CountryOutlookRow, OutlookView, ProjectedRow, WarningLine};
use crate::dashboards::figures::projected_range;
use crate::dashboards::pages::{AsOfField, AsOfNote};
use crate::error::AppError;
use crate::i18n::{format_date, format_number, format_percent, t, t_args, Lang};
use crate::layout::{page_or_error, use_lang, Loading, Pager};

#[server(endpoint = "outlook", input = GetUrl)]
pub async fn get_outlook(
    country: Option<String>,
    as_of: Option<String>,
    page: Option<String>,
) -> Result<OutlookView, AppError> {
    let viewer = crate::access::require(crate::access::Permission::Read)?;
    let snapshot = crate::dashboards::snapshot::current(None).await?.snapshot;
    // A focal point first sees the warnings of their own country.
    let country = country.or_else(|| viewer.country.map(|c| c.iso2));
    crate::dashboards::snapshot::compute(snapshot, move |snapshot| {
        super::queries::outlook_page(
            snapshot,
            country.as_deref(),
            as_of.as_deref(),
            chrono::Utc::now().date_naive(),
            page.as_deref(),
        )
    })
    .await
}

#[server(endpoint = "outlook-method", input = GetUrl)]
pub async fn get_backtest() -> Result<Backtest, AppError> {
    crate::access::require(crate::access::Permission::Read)?;
    let snapshot = crate::dashboards::snapshot::current(None).await?.snapshot;
    crate::dashboards::snapshot::compute(snapshot, |snapshot| {
        // Seconds of work at scale, once per plan version: on threads of its own, so that the
        // pages computed meanwhile do not queue behind it.
        crate::parallel::on_own_threads(|| {
            super::queries::backtest(snapshot, chrono::Utc::now().date_naive())
        })
    })
    .await
}

#[component]
pub fn OutlookPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    // Without a country asked for, a focal point sees their own country's warnings first.
    crate::layout::same_but_the_name(if query.read_untracked().get("country").is_some() {
        crate::layout::SameFor::TheNavigation
    } else {
        crate::layout::SameFor::TheNavigationAndCountry
    });
    let outlook = Resource::new(
        move || {
            let query = query.read();
            (query.get("country"), query.get("as_of"), query.get("page"))
        },
        |(country, as_of, page)| get_outlook(country, as_of, page),
    );
    view! {
        <Title text=t(lang, "outlook-title")/>
        <h1>{t(lang, "outlook-title")}</h1>
        <p class="lead">{t(lang, "outlook-intro")}</p>
        <p>
            {t(lang, "outlook-method")}
            " "
            <a href=crate::urls::OUTLOOK_METHOD_PATH>{t(lang, "outlook-method-link")}</a>
        </p>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                page_or_error(outlook.await, move |outlook| view! { <OutlookBody outlook lang/> })
            })}
        </Suspense>
    }
}

#[component]
fn OutlookBody(outlook: OutlookView, lang: Lang) -> impl IntoView {
    let chosen = outlook.country.clone().unwrap_or_default();
    let end = format_date(lang, &outlook.plan_end);
    let region = outlook.region.map(|row| {
        view! {
            <tr>
                <th scope="row">{t(lang, "outlook-region")}</th>
                <ProjectedCells row=Some(row) lang/>
            </tr>
        }
    });
    view! {
        <form method="get" action=crate::urls::OUTLOOK_PATH class="form--filters" aria-label=t(lang, "outlook-filters")>
            <div class="field">
                <label for="outlook-country">{t(lang, "col-country")}</label>
                <select id="outlook-country" name="country">
                    <option value="all">{t(lang, "outlook-all-countries")}</option>
                    {outlook
                        .countries
                        .iter()
                        .map(|(iso2, name)| {
                            view! {
                                <option value=iso2.to_lowercase() selected=*iso2 == chosen>
                                    {name.get(lang).to_owned()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <AsOfField id="outlook-as-of" as_of=outlook.shown.clone() lang/>
            <button type="submit">{t(lang, "audit-filter-submit")}</button>
        </form>
        <AsOfNote as_of=outlook.shown.clone() lang/>
        {outlook.notice.clone().map(|key| view! { <p class="notice" role="status">{t(lang, &key)}</p> })}
        <h2 id="outlook-themes">{t_args(lang, "outlook-themes-heading", &[("end", end.clone().into())])}</h2>
        <div class="table-wrap" tabindex="0">
            <table aria-labelledby="outlook-themes">
                <thead>
                    <tr>
                        <th scope="col">{t(lang, "col-theme")}</th>
                        <th scope="col" class="number">{t(lang, "outlook-col-now")}</th>
                        <th scope="col" class="number">{t(lang, "outlook-col-at-end")}</th>
                    </tr>
                </thead>
                <tbody>
                    {region}
                    {outlook
                        .themes
                        .iter()
                        .map(|theme| {
                            view! {
                                <tr>
                                    <th scope="row">{format!("{}. {}", theme.code, theme.name.get(lang))}</th>
                                    <ProjectedCells row=theme.projected lang/>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
        <CountryTable rows=outlook.rows.clone() lang/>
        <WarningList outlook=outlook.clone() lang/>
    }
}

/// Progress now and projected at the plan's end, as two cells; dashes when it is too early.
#[component]
fn ProjectedCells(row: Option<ProjectedRow>, lang: Lang) -> impl IntoView {
    let now = row
        .and_then(|r| r.now)
        .map_or_else(|| "—".to_owned(), |share| format_percent(lang, share));
    let at_end = row.map_or_else(
        || t(lang, "outlook-too-early-short"),
        |r| projected_range(lang, r.at_end),
    );
    view! {
        <td class="number">{now}</td>
        <td class="number">{at_end}</td>
    }
}

#[component]
fn CountryTable(rows: Vec<CountryOutlookRow>, lang: Lang) -> impl IntoView {
    view! {
        <h2 id="outlook-countries">{t(lang, "outlook-countries-heading")}</h2>
        <div class="table-wrap" tabindex="0">
            <table aria-labelledby="outlook-countries">
                <thead>
                    <tr>
                        <th scope="col">{t(lang, "col-country")}</th>
                        <th scope="col" class="number">{t(lang, "outlook-col-now")}</th>
                        <th scope="col" class="number">{t(lang, "outlook-col-at-end")}</th>
                        <th scope="col" class="number">{t(lang, "outlook-col-pace")}</th>
                        <th scope="col" class="number">{t(lang, "outlook-col-lateness")}</th>
                        <th scope="col">{t(lang, "outlook-col-last")}</th>
                        <th scope="col" class="number">{t(lang, "outlook-col-unfinished")}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|row| {
                            view! {
                                <tr data-country=row.iso2.clone()>
                                    <th scope="row">
                                        <a href=crate::urls::outlook_path(&row.iso2)>{row.name.get(lang).to_owned()}</a>
                                    </th>
                                    <ProjectedCells row=row.projected lang/>
                                    <td class="number">
                                        {row.pace.map_or_else(|| "—".to_owned(), |pace| format_number(lang, pace, 2))}
                                    </td>
                                    <td class="number">{row.lateness_days}</td>
                                    <td>
                                        {row
                                            .last_achieved
                                            .map_or_else(|| t(lang, "outlook-never"), |day| format_date(lang, &day))}
                                    </td>
                                    <td class="number">{row.unfinished}</td>
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
fn WarningList(outlook: OutlookView, lang: Lang) -> impl IntoView {
    let paging = outlook.warnings_paging;
    let page_path = |page: usize| {
        let country = outlook
            .country
            .as_deref()
            .unwrap_or("all")
            .to_ascii_lowercase();
        crate::urls::outlook_page_path(
            &outlook
                .shown
                .in_query(&format!("country={country}&page={page}")),
        )
    };
    let previous = (paging.page > 1).then(|| page_path(paging.page - 1));
    let next = (paging.page < paging.pages).then(|| page_path(paging.page + 1));
    let warnings = outlook.warnings;
    let body = if warnings.is_empty() {
        view! { <p>{t(lang, "outlook-no-warnings")}</p> }.into_any()
    } else {
        view! {
            <div class="table-wrap" tabindex="0">
                <table aria-labelledby="outlook-warnings">
                    <thead>
                        <tr>
                            <th scope="col">{t(lang, "col-country")}</th>
                            <th scope="col">{t(lang, "col-action")}</th>
                            <th scope="col">{t(lang, "outlook-col-what")}</th>
                            <th scope="col">{t(lang, "col-due")}</th>
                            <th scope="col">{t(lang, "outlook-col-projected")}</th>
                            <th scope="col">{t(lang, "outlook-col-why")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {warnings
                            .into_iter()
                            .map(|line| view! { <WarningRow line lang/> })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
            <Pager paging previous next lang/>
        }
        .into_any()
    };
    view! {
        <h2 id="outlook-warnings">{t(lang, "outlook-warnings-heading")}</h2>
        <p>{t(lang, "outlook-warnings-intro")}</p>
        {body}
    }
}

#[component]
fn WarningRow(line: WarningLine, lang: Lang) -> impl IntoView {
    let what = super::rules::warning_subject(&line, lang);
    let projected = super::rules::warning_projected(&line, lang);
    view! {
        <tr data-country=line.iso2.clone() data-action=line.code.clone()>
            <td>{line.country.get(lang).to_owned()}</td>
            <td>
                <a href=crate::urls::country_action_path(&line.iso2, &line.code)>
                    <span class="code">{line.code.clone()}</span>
                    " "
                    {line.action.get(lang).to_owned()}
                </a>
            </td>
            <td>{what}</td>
            <td><time datetime=line.due_on.clone()>{format_date(lang, &line.due_on)}</time></td>
            <td>{projected}</td>
            <td>{reason_text(lang, line.reason)}</td>
        </tr>
    }
}

#[component]
pub fn OutlookMethodPage() -> impl IntoView {
    let lang = use_lang();
    let backtest = Resource::new(|| (), |_| get_backtest());
    view! {
        <Title text=t(lang, "outlook-method-title")/>
        <p class="breadcrumb"><a href=crate::urls::OUTLOOK_PATH>{t(lang, "outlook-title")}</a></p>
        <h1>{t(lang, "outlook-method-title")}</h1>
        <p class="lead">{t(lang, "outlook-method")}</p>
        <p>{t(lang, "outlook-method-details")}</p>
        <p>{t(lang, "outlook-method-warnings")}</p>
        <h2 id="backtest">{t(lang, "outlook-backtest-heading")}</h2>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                page_or_error(backtest.await, move |backtest| view! { <BacktestTable backtest lang/> })
            })}
        </Suspense>
    }
}

#[component]
fn BacktestTable(backtest: Backtest, lang: Lang) -> impl IntoView {
    let points = |share: f64| format_number(lang, share * 100.0, 1);
    view! {
        <p>{t_args(lang, "outlook-backtest-intro", &[("date", format_date(lang, &backtest.known_until).into())])}</p>
        {backtest.horizons.is_empty().then(|| view! { <p>{t(lang, "outlook-backtest-none")}</p> })}
        <div class="table-wrap" tabindex="0">
            <table aria-labelledby="backtest">
                <thead>
                    <tr>
                        <th scope="col">{t(lang, "outlook-col-horizon")}</th>
                        <th scope="col" class="number">{t(lang, "outlook-col-cases")}</th>
                        <th scope="col" class="number">{t(lang, "outlook-col-error")}</th>
                        <th scope="col" class="number">{t(lang, "outlook-col-bias")}</th>
                        <th scope="col" class="number">{t(lang, "outlook-col-within")}</th>
                        <th scope="col" class="number">{t(lang, "outlook-col-no-change")}</th>
                    </tr>
                </thead>
                <tbody>
                    {backtest
                        .horizons
                        .into_iter()
                        .map(|row| {
                            view! {
                                <tr data-months=row.months>
                                    <th scope="row">{t_args(lang, "outlook-months-ahead", &[("months", row.months.into())])}</th>
                                    <td class="number">{row.cases}</td>
                                    <td class="number">{points(row.mean_absolute_error)}</td>
                                    <td class="number">{points(row.bias)}</td>
                                    <td class="number">{format_percent(lang, row.within_range)}</td>
                                    <td class="number">{points(row.no_change_error)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
        <p>{t(lang, "outlook-backtest-reading")}</p>
    }
}
