//! The dashboards' sections: the regional dashboard with its filters (on the home page), a country's
//! (on its page) and a theme's (on the theme's page), each with its server function.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use leptos_router::hooks::use_query_map;

use super::types::{
    group_code, group_label_key, Chart, CountryDashboard, RegionalDashboard, ThemeDashboard,
    WithoutDrawings, DUE_SOON_DAYS,
};
use crate::domain::{Bilingual, Membership};
use crate::error::AppError;
use crate::i18n::{format_date, format_percent, t, t_args, Lang};
use crate::layout::{page_or_error, Loading};

#[server(endpoint = "dashboard", input = GetUrl)]
pub async fn get_regional_dashboard(
    plan: Option<String>,
    as_of: Option<String>,
    group: Option<String>,
    theme: Option<String>,
    lang: String,
) -> Result<RegionalDashboard, AppError> {
    crate::access::require(crate::access::Permission::Read)?;
    let plan = plan.filter(|code| !code.trim().is_empty());
    let crate::dashboards::snapshot::Current {
        cache,
        reading,
        snapshot,
    } = crate::dashboards::snapshot::current(plan.as_deref()).await?;
    let lang = Lang::from_tag(&lang).unwrap_or_default();
    let today = chrono::Utc::now().date_naive();
    let key = format!(
        "{plan:?}|{as_of:?}|{group:?}|{theme:?}|{}|{today}",
        lang.code()
    );
    Ok(cache.drawn(reading, key, || {
        crate::dashboards::assemble::regional_dashboard(
            &snapshot,
            plan.as_deref(),
            as_of.as_deref(),
            group.as_deref(),
            theme.as_deref(),
            today,
            lang,
        )
    }))
}

/// The snapshot of the plan's state at the change feed's current generation.
#[cfg(feature = "ssr")]
async fn current_snapshot(
) -> Result<std::sync::Arc<crate::dashboards::snapshot::Snapshot>, AppError> {
    Ok(crate::dashboards::snapshot::current(None).await?.snapshot)
}

#[server(endpoint = "country-dashboard", input = GetUrl)]
pub async fn get_country_dashboard(
    iso2: String,
    as_of: Option<String>,
    lang: String,
) -> Result<CountryDashboard, AppError> {
    crate::access::require(crate::access::Permission::Read)?;
    let snapshot = current_snapshot().await?;
    let lang = Lang::from_tag(&lang).unwrap_or_default();
    crate::dashboards::assemble::country_dashboard(
        &snapshot,
        &iso2,
        as_of.as_deref(),
        chrono::Utc::now().date_naive(),
        lang,
    )
    .ok_or(AppError::NotFound)
}

#[server(endpoint = "theme-dashboard", input = GetUrl)]
pub async fn get_theme_dashboard(
    code: String,
    as_of: Option<String>,
    lang: String,
) -> Result<ThemeDashboard, AppError> {
    crate::access::require(crate::access::Permission::Read)?;
    let snapshot = current_snapshot().await?;
    let lang = Lang::from_tag(&lang).unwrap_or_default();
    crate::dashboards::assemble::theme_dashboard(
        &snapshot,
        &code,
        as_of.as_deref(),
        chrono::Utc::now().date_naive(),
        lang,
    )
    .ok_or(AppError::NotFound)
}

/// Counts the changes the server announces while the page is open (in the browser; on the server
/// it stays at 0), so that the dashboard reads its figures again after each.
fn announced_changes() -> ReadSignal<usize> {
    let (changes, set_changes) = signal(0_usize);
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::closure::Closure;
            use wasm_bindgen::JsCast;
            if let Ok(source) = web_sys::EventSource::new(crate::urls::EVENTS_PATH) {
                let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |_| {
                    set_changes.update(|n| *n += 1);
                });
                source.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
                // The page keeps listening for as long as it is open.
                on_message.forget();
                on_cleanup(move || source.close());
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = set_changes;
    });
    changes
}

/// The regional dashboard with its filters, as the overview shows it.
#[component]
pub fn RegionalDashboardSection(lang: Lang) -> impl IntoView {
    let query = use_query_map();
    let changes = announced_changes();
    let dashboard = Resource::<_, WithoutDrawings>::new_with_options(
        move || {
            let query = query.read();
            (
                query.get("plan"),
                query.get("as_of"),
                query.get("group"),
                query.get("theme"),
                changes.get(),
            )
        },
        move |(plan, as_of, group, theme, _)| {
            get_regional_dashboard(plan, as_of, group, theme, lang.code().to_owned())
        },
        false,
    );
    view! {
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                page_or_error(dashboard.await, move |dashboard| view! { <Dashboard dashboard lang/> })
            })}
        </Transition>
    }
}

/// A country's dashboard, as its page shows it above the table of its actions.
#[component]
pub fn CountryDashboardSection(iso2: String, lang: Lang) -> impl IntoView {
    let query = use_query_map();
    let changes = announced_changes();
    let dashboard = Resource::<_, WithoutDrawings>::new_with_options(
        move || (iso2.clone(), query.read().get("as_of"), changes.get()),
        move |(iso2, as_of, _)| get_country_dashboard(iso2, as_of, lang.code().to_owned()),
        false,
    );
    view! {
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                page_or_error(dashboard.await, move |dashboard| view! { <CountryDashboardView dashboard lang/> })
            })}
        </Transition>
    }
}

/// A theme's dashboard, as its page shows it above the theme's actions.
#[component]
pub fn ThemeDashboardSection(code: String, lang: Lang) -> impl IntoView {
    let query = use_query_map();
    let changes = announced_changes();
    let dashboard = Resource::<_, WithoutDrawings>::new_with_options(
        move || (code.clone(), query.read().get("as_of"), changes.get()),
        move |(code, as_of, _)| get_theme_dashboard(code, as_of, lang.code().to_owned()),
        false,
    );
    view! {
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                page_or_error(dashboard.await, move |dashboard| {
                    view! {
                        <section class="dashboard" aria-labelledby="theme-dashboard-heading" data-as-of=dashboard.as_of.clone()>
                            <h2 id="theme-dashboard-heading">
                                {t_args(lang, "dashboard-heading", &[("date", format_date(lang, &dashboard.as_of).into())])}
                            </h2>
                            <Notices keys=dashboard.notices.clone() lang/>
                            <div class="charts">
                                {dashboard.charts.into_iter().map(|chart| view! { <ChartFigure chart lang/> }).collect_view()}
                            </div>
                        </section>
                    }
                })
            })}
        </Transition>
    }
}

#[component]
fn CountryDashboardView(dashboard: CountryDashboard, lang: Lang) -> impl IntoView {
    let iso2 = dashboard.iso2.clone();
    let delayed = if dashboard.delayed.is_empty() {
        view! { <p class="muted">{t(lang, "country-dashboard-none-delayed")}</p> }.into_any()
    } else {
        view! {
            <ul class="dashboard-list">
                {dashboard
                    .delayed
                    .into_iter()
                    .map(|line| {
                        let progress = line.progress.map(|p| {
                            t_args(
                                lang,
                                "country-dashboard-progress",
                                &[
                                    ("actual", format_percent(lang, p.actual).into()),
                                    ("expected", format_percent(lang, p.expected).into()),
                                ],
                            )
                        });
                        view! {
                            <li>
                                <a href=crate::urls::country_action_path(&iso2, &line.code) class="code">
                                    {line.code.clone()}
                                </a>
                                " "
                                {line.title.get(lang).to_owned()}
                                {progress.map(|text| view! { <span class="muted">" · " {text}</span> })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    let due = if dashboard.due_soon.is_empty() {
        view! { <p class="muted">{t(lang, "country-dashboard-none-due")}</p> }.into_any()
    } else {
        view! {
            <ul class="dashboard-list">
                {dashboard
                    .due_soon
                    .into_iter()
                    .map(|line| {
                        view! {
                            <li>
                                <time datetime=line.due_on.clone()>{format_date(lang, &line.due_on)}</time>
                                " · "
                                <span class="code">{line.code}</span>
                                " "
                                {line.milestone.get(lang).to_owned()}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section class="dashboard" aria-labelledby="country-dashboard-heading" data-as-of=dashboard.as_of.clone()>
            <h2 id="country-dashboard-heading">
                {t_args(lang, "dashboard-heading", &[("date", format_date(lang, &dashboard.as_of).into())])}
            </h2>
            <Notices keys=dashboard.notices.clone() lang/>
            <div class="charts">
                {dashboard.charts.into_iter().map(|chart| view! { <ChartFigure chart lang/> }).collect_view()}
            </div>
            <h3>{t(lang, "country-dashboard-delayed")}</h3>
            {delayed}
            <h3>{t_args(lang, "country-dashboard-due", &[("days", DUE_SOON_DAYS.into())])}</h3>
            {due}
        </section>
    }
}

#[component]
fn Dashboard(dashboard: RegionalDashboard, lang: Lang) -> impl IntoView {
    let regional = dashboard.regional.map(|progress| {
        t_args(
            lang,
            "dashboard-regional",
            &[
                ("actual", format_percent(lang, progress.actual).into()),
                ("expected", format_percent(lang, progress.expected).into()),
                ("status", t(lang, progress.schedule().label_key()).into()),
            ],
        )
    });
    view! {
        <section class="dashboard" aria-labelledby="dashboard-heading" data-as-of=dashboard.as_of.clone()>
            <h2 id="dashboard-heading">
                {t_args(lang, "dashboard-heading", &[("date", format_date(lang, &dashboard.as_of).into())])}
            </h2>
            <Notices keys=dashboard.notices.clone() lang/>
            <DashboardFilters dashboard=dashboard.clone() lang/>
            {regional.map(|text| view! { <p class="lead dashboard__regional">{text}</p> })}
            <div class="charts">
                {dashboard.charts.into_iter().map(|chart| view! { <ChartFigure chart lang/> }).collect_view()}
            </div>
        </section>
    }
}

#[component]
fn DashboardFilters(dashboard: RegionalDashboard, lang: Lang) -> impl IntoView {
    let theme = dashboard.theme.clone().unwrap_or_default();
    view! {
        <form method="get" action="/" class="form--filters" aria-label=t(lang, "dashboard-filters")>
            <PlanSelect id="dashboard-plan" plans=dashboard.plans.clone() chosen=dashboard.plan.clone() lang/>
            <div class="field">
                <label for="filter-as-of">{t(lang, "dashboard-as-of")}</label>
                <input
                    id="filter-as-of"
                    type="date"
                    name="as_of"
                    value=dashboard.as_of.clone()
                    min=dashboard.plan_start.clone()
                    max=dashboard.plan_end.clone()
                />
            </div>
            <div class="field">
                <label for="dashboard-group">{t(lang, "dashboard-group")}</label>
                <select id="dashboard-group" name="group">
                    {[Membership::Member, Membership::Observer]
                        .into_iter()
                        .map(|group| {
                            view! {
                                <option value=group_code(group) selected=group == dashboard.group>
                                    {t(lang, group_label_key(group))}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="dashboard-theme">{t(lang, "dashboard-theme")}</label>
                <select id="dashboard-theme" name="theme">
                    <option value="" selected=theme.is_empty()>{t(lang, "dashboard-all-themes")}</option>
                    {dashboard
                        .themes
                        .iter()
                        .map(|(code, name)| {
                            view! {
                                <option value=code.clone() selected=*code == theme>
                                    {format!("{code} {}", name.get(lang))}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <button type="submit">{t(lang, "dashboard-apply")}</button>
        </form>
    }
}

/// The field that chooses a plan (`plan=`) in a filter form: every plan by its title.
#[component]
pub fn PlanSelect(
    id: &'static str,
    plans: Vec<(String, Bilingual)>,
    chosen: String,
    lang: Lang,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{t(lang, "dashboard-plan")}</label>
            <select id=id name="plan">
                {plans
                    .into_iter()
                    .map(|(code, title)| {
                        let selected = code == chosen;
                        view! { <option value=code selected=selected>{title.get(lang).to_owned()}</option> }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// Why filters of the address were set aside, one notice each.
#[component]
fn Notices(keys: Vec<String>, lang: Lang) -> impl IntoView {
    keys.into_iter()
        .map(|key| view! { <p class="notice" role="status">{t(lang, &key)}</p> })
        .collect_view()
}

/// A chart with its caption, and its numbers as a table under a disclosure (printed open).
#[component]
pub fn ChartFigure(chart: Chart, lang: Lang) -> impl IntoView {
    let caption_id = format!("{}-caption", chart.id);
    let labelled_by = caption_id.clone();
    view! {
        <figure class="chart" id=chart.id.clone() aria-labelledby=labelled_by>
            <figcaption id=caption_id>{chart.title.clone()}</figcaption>
            <div class="chart__drawing" inner_html=chart.svg></div>
            <details class="chart__numbers">
                <summary>{t(lang, "chart-numbers")}</summary>
                <div class="table-wrap">
                    <table>
                        <caption class="visually-hidden">{chart.description}</caption>
                        <thead>
                            <tr>
                                {chart
                                    .table
                                    .headers
                                    .into_iter()
                                    .map(|header| view! { <th scope="col">{header}</th> })
                                    .collect_view()}
                            </tr>
                        </thead>
                        <tbody>
                            {chart
                                .table
                                .rows
                                .into_iter()
                                .zip(chart.table.links.into_iter().chain(std::iter::repeat(None)))
                                .map(|(row, link)| {
                                    let mut cells = row.into_iter();
                                    let label = cells.next().unwrap_or_default();
                                    let label = match link {
                                        Some(href) => view! { <a href=href>{label}</a> }.into_any(),
                                        None => view! { {label} }.into_any(),
                                    };
                                    view! {
                                        <tr>
                                            <th scope="row">{label}</th>
                                            {cells.map(|cell| view! { <td class="number">{cell}</td> }).collect_view()}
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                </div>
            </details>
        </figure>
    }
}
