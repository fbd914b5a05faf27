//! The dashboards' sections: the regional dashboard with its filters (on the home page), a country's
//! (on its page) and a theme's (on the theme's page), each with its server function.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use leptos_router::hooks::use_query_map;

use super::figures::Basis;
use super::types::{
    group_code, group_label_key, ActionsInTheMatrix, Chart, CountryDashboard, RegionalDashboard,
    ThemeDashboard, DUE_SOON_DAYS,
};
use crate::domain::{AsOfShown, Bilingual, Membership};
use crate::error::AppError;
use crate::i18n::{format_date, format_percent, t, t_args, Lang};
use crate::layout::{page_or_error, Loading};
use crate::progress::Progress;

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
    let dated = as_of.is_some();
    crate::dashboards::snapshot::compute(snapshot, move |snapshot| {
        cache.drawn(reading, (key, dated), || {
            crate::dashboards::assemble::regional_dashboard(
                snapshot,
                plan.as_deref(),
                as_of.as_deref(),
                group.as_deref(),
                theme.as_deref(),
                today,
                lang,
            )
        })
    })
    .await
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
    crate::dashboards::snapshot::compute(snapshot, move |snapshot| {
        crate::dashboards::assemble::country_dashboard(
            snapshot,
            &iso2,
            as_of.as_deref(),
            chrono::Utc::now().date_naive(),
            lang,
        )
    })
    .await?
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
    crate::dashboards::snapshot::compute(snapshot, move |snapshot| {
        crate::dashboards::assemble::theme_dashboard(
            snapshot,
            &code,
            as_of.as_deref(),
            chrono::Utc::now().date_naive(),
            lang,
        )
    })
    .await?
    .ok_or(AppError::NotFound)
}

/// The regional dashboard with its filters, as the overview shows it.
#[component]
pub fn RegionalDashboardSection(lang: Lang) -> impl IntoView {
    let query = use_query_map();
    let dashboard = Resource::new(
        move || {
            let query = query.read();
            (
                query.get("plan"),
                query.get("as_of"),
                query.get("group"),
                query.get("theme"),
            )
        },
        move |(plan, as_of, group, theme)| {
            get_regional_dashboard(plan, as_of, group, theme, lang.code().to_owned())
        },
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                page_or_error(dashboard.await, move |dashboard| {
                    view! { <Live><Dashboard dashboard lang/></Live> }
                })
            })}
        </Suspense>
    }
}

/// A country's dashboard, as its page shows it above the table of its actions.
#[component]
pub fn CountryDashboardSection(iso2: String, lang: Lang) -> impl IntoView {
    let query = use_query_map();
    let dashboard = Resource::new(
        move || (iso2.clone(), query.read().get("as_of")),
        move |(iso2, as_of)| get_country_dashboard(iso2, as_of, lang.code().to_owned()),
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                page_or_error(dashboard.await, move |dashboard| {
                    view! { <Live><CountryDashboardView dashboard lang/></Live> }
                })
            })}
        </Suspense>
    }
}

/// A theme's dashboard, as its page shows it above the theme's actions.
#[component]
pub fn ThemeDashboardSection(code: String, lang: Lang) -> impl IntoView {
    let query = use_query_map();
    let dashboard = Resource::new(
        move || (code.clone(), query.read().get("as_of")),
        move |(code, as_of)| get_theme_dashboard(code, as_of, lang.code().to_owned()),
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                page_or_error(dashboard.await, move |dashboard| {
                    let in_the_matrix = dashboard
                        .actions_in_the_matrix
                        .map(|actions| view! { <ActionsInTheMatrixLink actions lang/> });
                    view! {
                        <Live>
                            <section class="dashboard" aria-labelledby="theme-dashboard-heading" data-as-of=dashboard.as_of.clone()>
                                <h2 id="theme-dashboard-heading">
                                    {t_args(lang, "dashboard-heading", &[("date", format_date(lang, &dashboard.as_of).into())])}
                                </h2>
                                <Notices keys=dashboard.notices.clone() lang/>
                                <ProgressSentence progress=dashboard.progress basis=dashboard.basis key="dashboard-theme-progress" class="dashboard__summary" lang/>
                                <div class="charts">
                                    {dashboard.charts.into_iter().map(|chart| view! { <ChartFigure chart lang/> }).collect_view()}
                                </div>
                                {in_the_matrix}
                            </section>
                        </Live>
                    }
                })
            })}
        </Suspense>
    }
}

/// Where a theme of too many actions to draw each in each country shows them: the matrix.
#[component]
fn ActionsInTheMatrixLink(actions: ActionsInTheMatrix, lang: Lang) -> impl IntoView {
    view! {
        <p>
            {t_args(lang, "theme-actions-too-many", &[("actions", actions.count.into())])}
            " "
            <a href=actions.address>{t(lang, "theme-actions-in-the-matrix")}</a>
        </p>
    }
}

/// A dashboard that follows the changes the server announces while its page is open.
#[component]
fn Live(children: Children) -> impl IntoView {
    view! {
        <crate::site::IslandLoader/>
        <LiveRegion id=LIVE_REGION_ID.to_owned()>{children()}</LiveRegion>
    }
}

/// The element holding a page's live dashboard.
const LIVE_REGION_ID: &str = "live-dashboard";

/// Keeps a region of the page current while the page is open: after each change the server
/// announces (`/events`), reads the page's address again and puts the region's new content in
/// place. The region is server HTML throughout: the browser only swaps it.
#[island]
fn LiveRegion(id: String, children: Children) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    live_region::follow_changes(id.clone());
    view! { <div id=id>{children()}</div> }
}

#[cfg(feature = "hydrate")]
mod live_region {
    use std::cell::Cell;
    use std::rc::Rc;

    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;

    /// Listens to the server's announcements for as long as the page is open; changes that arrive
    /// while the region is being read again make one more reading, not one each.
    pub fn follow_changes(id: String) {
        let Ok(source) = web_sys::EventSource::new(crate::urls::EVENTS_PATH) else {
            return;
        };
        let reading = Rc::new(Cell::new(false));
        let again = Rc::new(Cell::new(false));
        let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |_| {
            if reading.replace(true) {
                again.set(true);
                return;
            }
            let (id, reading, again) = (id.clone(), reading.clone(), again.clone());
            leptos::task::spawn_local(async move {
                loop {
                    again.set(false);
                    let _ = refresh(&id).await;
                    if !again.get() {
                        break;
                    }
                }
                reading.set(false);
            });
        });
        source.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
    }

    /// Reads the page again and replaces the region's content with the one the server renders now.
    async fn refresh(id: &str) -> Option<()> {
        let window = web_sys::window()?;
        let address = window.location().href().ok()?;
        let response: web_sys::Response = JsFuture::from(window.fetch_with_str(&address))
            .await
            .ok()?
            .dyn_into()
            .ok()?;
        if !response.ok() {
            return None;
        }
        let page = JsFuture::from(response.text().ok()?)
            .await
            .ok()?
            .as_string()?;
        let parsed = web_sys::DomParser::new()
            .ok()?
            .parse_from_string(&page, web_sys::SupportedType::TextHtml)
            .ok()?;
        let fresh = parsed.get_element_by_id(id)?;
        window
            .document()?
            .get_element_by_id(id)?
            .set_inner_html(&fresh.inner_html());
        Some(())
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
            <ProgressSentence progress=dashboard.progress basis=dashboard.basis key="dashboard-country-progress" class="dashboard__summary" lang/>
            {dashboard
                .outlook
                .clone()
                .map(|sentence| {
                    view! {
                        <p class="dashboard__outlook">
                            {sentence}
                            " "
                            <a href=crate::urls::outlook_path(&dashboard.iso2)>{t(lang, "outlook-more")}</a>
                        </p>
                    }
                })}
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

/// Where a region, theme or country stands, in one sentence: achieved against expected with the
/// schedule status when milestones and reports allow it, else what is missing, in words. `key`
/// names the sentences (`dashboard-regional`, `-by-status`, `-unmeasured`).
#[component]
fn ProgressSentence(
    progress: Option<Progress>,
    basis: Basis,
    key: &'static str,
    class: &'static str,
    lang: Lang,
) -> impl IntoView {
    let sentence = progress.map(|progress| {
        if basis.is_measured() {
            t_args(
                lang,
                key,
                &[
                    ("actual", format_percent(lang, progress.actual).into()),
                    ("expected", format_percent(lang, progress.expected).into()),
                    ("status", t(lang, progress.schedule().label_key()).into()),
                ],
            )
        } else if basis.is_reported() {
            // Without milestones, the progress the statuses give, and no schedule status.
            t_args(
                lang,
                &format!("{key}-by-status"),
                &[
                    ("actual", format_percent(lang, progress.actual).into()),
                    ("gaps", basis.gaps(lang).into()),
                ],
            )
        } else {
            t_args(
                lang,
                &format!("{key}-unmeasured"),
                &[("gaps", basis.gaps(lang).into())],
            )
        }
    });
    sentence.map(|sentence| view! { <p class=class>{sentence}</p> })
}

#[component]
fn Dashboard(dashboard: RegionalDashboard, lang: Lang) -> impl IntoView {
    view! {
        <section class="dashboard" aria-labelledby="dashboard-heading" data-as-of=dashboard.as_of.clone()>
            <h2 id="dashboard-heading">
                {t_args(lang, "dashboard-heading", &[("date", format_date(lang, &dashboard.as_of).into())])}
            </h2>
            <Notices keys=dashboard.notices.clone() lang/>
            <DashboardFilters dashboard=dashboard.clone() lang/>
            <ProgressSentence progress=dashboard.regional basis=dashboard.regional_basis key="dashboard-regional" class="lead dashboard__regional" lang/>
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
pub fn Notices(keys: Vec<String>, lang: Lang) -> impl IntoView {
    keys.into_iter()
        .map(|key| view! { <p class="notice" role="status">{t(lang, &key)}</p> })
        .collect_view()
}

/// A page's one filter, its as-of day, with what it says of the day shown.
#[component]
pub fn AsOfForm(action: String, as_of: AsOfShown, lang: Lang) -> impl IntoView {
    view! {
        <form method="get" action=action class="form--filters" aria-label=t(lang, "dashboard-as-of")>
            <AsOfField id="page-as-of" as_of=as_of.clone() lang/>
            <button type="submit">{t(lang, "audit-filter-submit")}</button>
        </form>
        <AsOfNote as_of lang/>
    }
}

/// The as-of field of a page's filters: the day the address asked for, empty for today.
#[component]
pub fn AsOfField(id: &'static str, as_of: AsOfShown, lang: Lang) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{t(lang, "dashboard-as-of")}</label>
            <input id=id type="date" name="as_of" value=as_of.day.unwrap_or_default()/>
        </div>
    }
}

/// Says which past day a page shows, when the address asked for one, and why a date in the
/// address was set aside.
#[component]
pub fn AsOfNote(as_of: AsOfShown, lang: Lang) -> impl IntoView {
    let notice = as_of
        .notice
        .map(|key| view! { <p class="notice" role="status">{t(lang, &key)}</p> });
    let day = as_of.day.map(|day| {
        let text = t_args(
            lang,
            "as-of-shown",
            &[("date", format_date(lang, &day).into())],
        );
        view! { <p class="as-of-note" role="status" data-as-of=day>{text}</p> }
    });
    view! { {notice} {day} }
}

/// A chart with its caption, and its numbers as a table under a disclosure (printed open).
#[component]
pub fn ChartFigure(chart: Chart, lang: Lang) -> impl IntoView {
    let caption_id = format!("{}-caption", chart.id);
    let labelled_by = caption_id.clone();
    view! {
        <figure class="chart" id=chart.id.clone() aria-labelledby=labelled_by>
            <figcaption id=caption_id>{chart.title.clone()}</figcaption>
            <div class="chart__drawing" tabindex="0" inner_html=chart.drawing()></div>
            <details class="chart__numbers">
                <summary>{t(lang, "chart-numbers")}</summary>
                <div class="table-wrap" tabindex="0">
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
