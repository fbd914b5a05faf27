//! The dashboards: where the plan stands at a glance, drawn as SVG charts on the server from the
//! in-memory snapshot of the plan's state. The regional dashboard is on the overview (`/`); its
//! filters (as-of date, country group, theme) are query parameters, so a view is a link to share.
//! Open dashboards follow the server's change feed (`/events`) and redraw when a country saves.

pub mod figures;

#[cfg(feature = "ssr")]
pub mod charts;
#[cfg(feature = "ssr")]
pub mod snapshot;

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::server::codee::string::JsonSerdeCodec;
use leptos::server::codee::{Decoder, Encoder};
use leptos::server_fn::codec::GetUrl;
use leptos_router::hooks::use_query_map;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::actions::country_report::country_report_path;
use crate::domain::{Bilingual, Membership};
use crate::error::AppError;
use crate::i18n::{format_date, format_percent, t, t_args, Lang};
use crate::layout::{page_or_error, Loading};
use crate::progress::Progress;

/// A chart as the page shows it: the SVG, and the same numbers as a table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Chart {
    pub id: String,
    pub title: String,
    pub description: String,
    pub svg: String,
    pub table: DataTable,
}

/// A chart's numbers: the column headers (the first heads the row labels) and the rows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DataTable {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Where each row's label leads, if anywhere (the same places as the chart's rows).
    pub links: Vec<Option<String>>,
}

/// How a dashboard travels from the server-rendered page to the browser that hydrates it: without
/// its charts' drawings. The page already holds each drawing, and hydration keeps it as it is (an
/// `inner_html` is not set again when hydrating); a refetch after an announced change goes through the
/// server function, which brings the drawings anew. This halves the page.
pub struct WithoutDrawings;

/// Something that holds charts, and its copy without their drawings.
pub trait HoldsCharts {
    fn charts_mut(&mut self) -> Vec<&mut Chart>;
}

impl<T: Serialize + HoldsCharts + Clone> Encoder<Result<T, AppError>> for WithoutDrawings {
    type Error = <JsonSerdeCodec as Encoder<Result<T, AppError>>>::Error;
    type Encoded = String;

    fn encode(value: &Result<T, AppError>) -> Result<String, Self::Error> {
        let mut light = value.clone();
        if let Ok(holder) = &mut light {
            for chart in holder.charts_mut() {
                chart.svg.clear();
            }
        }
        JsonSerdeCodec::encode(&light)
    }
}

impl<T: DeserializeOwned> Decoder<Result<T, AppError>> for WithoutDrawings {
    type Error = <JsonSerdeCodec as Decoder<Result<T, AppError>>>::Error;
    type Encoded = str;

    fn decode(encoded: &str) -> Result<Result<T, AppError>, Self::Error> {
        JsonSerdeCodec::decode(encoded)
    }
}

impl HoldsCharts for RegionalDashboard {
    fn charts_mut(&mut self) -> Vec<&mut Chart> {
        self.charts.iter_mut().collect()
    }
}

impl HoldsCharts for CountryDashboard {
    fn charts_mut(&mut self) -> Vec<&mut Chart> {
        self.charts.iter_mut().collect()
    }
}

impl HoldsCharts for ThemeDashboard {
    fn charts_mut(&mut self) -> Vec<&mut Chart> {
        self.charts.iter_mut().collect()
    }
}

/// The regional dashboard for one filter.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegionalDashboard {
    /// The plan's code, and every plan (code, title) for the filter.
    pub plan: String,
    pub plans: Vec<(String, Bilingual)>,
    /// `YYYY-MM-DD`
    pub as_of: String,
    pub plan_start: String,
    pub plan_end: String,
    pub group: Membership,
    pub theme: Option<String>,
    /// Every theme of the plan (code, name), for the filter.
    pub themes: Vec<(String, Bilingual)>,
    /// Catalogue keys of the filters in the address that were set aside.
    pub notices: Vec<String>,
    pub regional: Option<Progress>,
    pub charts: Vec<Chart>,
}

/// A country's dashboard: its progress by theme, its delayed actions, its milestones due soon.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CountryDashboard {
    pub iso2: String,
    /// `YYYY-MM-DD`
    pub as_of: String,
    pub notices: Vec<String>,
    /// Progress by theme, progress over time, and the indicators' trends.
    pub charts: Vec<Chart>,
    pub delayed: Vec<ActionLine>,
    pub due_soon: Vec<DueLine>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActionLine {
    pub code: String,
    pub title: Bilingual,
    pub progress: Option<Progress>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DueLine {
    pub code: String,
    pub milestone: Bilingual,
    /// `YYYY-MM-DD`
    pub due_on: String,
}

/// A theme's dashboard: its countries' progress in it, and each of its actions in each country.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ThemeDashboard {
    /// `YYYY-MM-DD`
    pub as_of: String,
    pub notices: Vec<String>,
    pub charts: Vec<Chart>,
}

/// How far ahead a country's dashboard lists the milestones falling due.
pub const DUE_SOON_DAYS: i64 = 90;

/// The dashboard's filters as read from the address, with what was set aside.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Filter {
    pub as_of: NaiveDate,
    pub group: Membership,
    pub theme: Option<String>,
    pub notices: Vec<String>,
}

impl Filter {
    /// Reads the filters: the as-of date defaults to `today`, and is brought within the plan's
    /// period; an unreadable date, an unknown group or theme gets a notice and the nearest valid view.
    pub fn read(
        as_of: Option<&str>,
        group: Option<&str>,
        theme: Option<&str>,
        today: NaiveDate,
        plan: (NaiveDate, NaiveDate),
        themes: &[&str],
    ) -> Self {
        let mut notices = Vec::new();
        let clamp = |day: NaiveDate| day.clamp(plan.0, plan.1);
        let as_of = match as_of.map(str::trim).filter(|text| !text.is_empty()) {
            None => clamp(today),
            Some(text) => match text.parse::<NaiveDate>() {
                Ok(day) if clamp(day) == day => day,
                Ok(day) => {
                    notices.push("notice-as-of-outside-plan".to_owned());
                    clamp(day)
                }
                Err(_) => {
                    notices.push("notice-as-of-invalid".to_owned());
                    clamp(today)
                }
            },
        };
        let group = match group.map(str::trim).filter(|text| !text.is_empty()) {
            None | Some("members") => Membership::Member,
            Some("observers") => Membership::Observer,
            Some(_) => {
                notices.push("notice-group-unknown".to_owned());
                Membership::Member
            }
        };
        let theme = match theme.map(str::trim).filter(|text| !text.is_empty()) {
            None => None,
            Some(code) if themes.contains(&code) => Some(code.to_owned()),
            Some(_) => {
                notices.push("notice-theme-unknown".to_owned());
                None
            }
        };
        Filter {
            as_of,
            group,
            theme,
            notices,
        }
    }
}

/// The query parameter of a country group.
fn group_code(group: Membership) -> &'static str {
    match group {
        Membership::Member => "members",
        Membership::Observer => "observers",
    }
}

fn group_label_key(group: Membership) -> &'static str {
    match group {
        Membership::Member => "dashboard-group-members",
        Membership::Observer => "dashboard-group-observers",
    }
}

#[server(endpoint = "dashboard", input = GetUrl)]
pub async fn get_regional_dashboard(
    plan: Option<String>,
    as_of: Option<String>,
    group: Option<String>,
    theme: Option<String>,
    lang: String,
) -> Result<RegionalDashboard, AppError> {
    crate::access::require(crate::access::Permission::Read)?;
    let state = crate::db::app_state()?;
    let generation = state.changes.generation();
    let plan = plan.filter(|code| !code.trim().is_empty());
    let snapshot = state
        .snapshots
        .get(&state.db, generation, plan.as_deref())
        .await?;
    let lang = Lang::from_tag(&lang).unwrap_or_default();
    let today = chrono::Utc::now().date_naive();
    let key = format!(
        "{plan:?}|{as_of:?}|{group:?}|{theme:?}|{}|{today}",
        lang.code()
    );
    Ok(state.snapshots.drawn(generation, key, || {
        regional_dashboard(
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
async fn current_snapshot() -> Result<std::sync::Arc<snapshot::Snapshot>, AppError> {
    let state = crate::db::app_state()?;
    state
        .snapshots
        .get(&state.db, state.changes.generation(), None)
        .await
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
    country_dashboard(
        &snapshot,
        &iso2,
        as_of.as_deref(),
        chrono::Utc::now().date_naive(),
        lang,
    )
    .ok_or(AppError::NotFound)
}

/// The dashboard of the member country `iso2` from `snapshot` on the as-of date of the address;
/// `None` for a country that is not a member.
#[cfg(feature = "ssr")]
pub fn country_dashboard(
    snapshot: &snapshot::Snapshot,
    iso2: &str,
    as_of: Option<&str>,
    today: NaiveDate,
    lang: Lang,
) -> Option<CountryDashboard> {
    let country = snapshot.member(iso2)?;
    let filter = Filter::read(
        as_of,
        None,
        None,
        today,
        (snapshot.plan_start, snapshot.plan_end),
        &[],
    );
    let structure = snapshot.country_structure(country);
    let numbers = figures::regional(
        &structure,
        &snapshot.states_on(&structure, filter.as_of),
        filter.as_of,
    );
    let date = format_date(lang, &filter.as_of.to_string());
    let name = country.name.get(lang).to_owned();
    let args = |key: &str| {
        t_args(
            lang,
            key,
            &[
                ("country", name.clone().into()),
                ("date", date.clone().into()),
            ],
        )
    };
    let charts = vec![
        charts::theme_bars(
            "chart-country-themes",
            &args("chart-country-themes-title"),
            &args("chart-country-themes-desc"),
            &numbers.themes,
            lang,
        ),
        charts::trajectory(
            "chart-country-trajectory",
            &args("chart-country-trajectory-title"),
            &args("chart-country-trajectory-desc"),
            &trajectory(snapshot, &structure, filter.as_of),
            lang,
        ),
        charts::indicator_trends(
            "chart-country-indicators",
            &args("chart-indicator-trends-title"),
            &args("chart-indicator-trends-desc"),
            &snapshot.indicator_trends(country, filter.as_of),
            crate::indicators::catalogue::indicator_path,
            lang,
        ),
    ];
    Some(CountryDashboard {
        iso2: country.iso2.clone(),
        as_of: filter.as_of.to_string(),
        notices: filter.notices,
        charts,
        delayed: snapshot
            .delayed_actions(country, filter.as_of)
            .into_iter()
            .map(|a| ActionLine {
                code: a.code,
                title: a.title,
                progress: a.progress,
            })
            .collect(),
        due_soon: snapshot
            .milestones_due(country, filter.as_of, DUE_SOON_DAYS)
            .into_iter()
            .map(|m| DueLine {
                code: m.code,
                milestone: m.milestone,
                due_on: m.due_on.to_string(),
            })
            .collect(),
    })
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
    theme_dashboard(
        &snapshot,
        &code,
        as_of.as_deref(),
        chrono::Utc::now().date_naive(),
        lang,
    )
    .ok_or(AppError::NotFound)
}

/// The dashboard of the theme `code` from `snapshot` on the as-of date of the address, over the
/// member countries; `None` for a code the plan does not have.
#[cfg(feature = "ssr")]
pub fn theme_dashboard(
    snapshot: &snapshot::Snapshot,
    code: &str,
    as_of: Option<&str>,
    today: NaiveDate,
    lang: Lang,
) -> Option<ThemeDashboard> {
    let theme = snapshot.themes().iter().find(|t| t.code == code)?;
    let filter = Filter::read(
        as_of,
        None,
        None,
        today,
        (snapshot.plan_start, snapshot.plan_end),
        &[],
    );
    let structure = snapshot.structure(Membership::Member, Some(code));
    let states = snapshot.states_on(&structure, filter.as_of);
    let numbers = figures::regional(&structure, &states, filter.as_of);
    let date = format_date(lang, &filter.as_of.to_string());
    let name = theme.name.get(lang).to_owned();
    let args = |key: &str| {
        t_args(
            lang,
            key,
            &[
                ("theme", name.clone().into()),
                ("date", date.clone().into()),
            ],
        )
    };
    let actions = snapshot.theme_actions(theme.id);
    let columns: Vec<charts::Column> = actions
        .iter()
        .map(|(_, code, title)| charts::Column {
            label: code.clone(),
            name: format!("{code} {}", title.get(lang)),
        })
        .collect();
    let rows: Vec<figures::HeatRow> = structure
        .countries
        .iter()
        .map(|country| figures::HeatRow {
            iso2: country.iso2.clone(),
            name: country.name.clone(),
            cells: actions
                .iter()
                .map(|(id, _, _)| {
                    states
                        .get(&(country.id, *id))
                        .and_then(|state| state.progress(filter.as_of))
                })
                .collect(),
        })
        .collect();
    let links: Vec<Option<String>> = rows
        .iter()
        .map(|row| Some(crate::urls::country_path(&row.iso2)))
        .collect();
    Some(ThemeDashboard {
        as_of: filter.as_of.to_string(),
        notices: filter.notices,
        charts: vec![
            charts::country_bars(
                "chart-theme-countries",
                &args("chart-theme-countries-title"),
                &args("chart-theme-countries-desc"),
                &numbers.countries,
                lang,
            ),
            charts::heatmap(
                "chart-theme-actions",
                &args("chart-theme-actions-title"),
                &args("chart-theme-actions-desc"),
                &columns,
                &rows,
                &links,
                lang,
            ),
        ],
    })
}

/// The regional dashboard from `snapshot` for the filters of the address, drawn in `lang`.
#[cfg(feature = "ssr")]
pub fn regional_dashboard(
    snapshot: &snapshot::Snapshot,
    plan: Option<&str>,
    as_of: Option<&str>,
    group: Option<&str>,
    theme: Option<&str>,
    today: NaiveDate,
    lang: Lang,
) -> RegionalDashboard {
    let codes: Vec<&str> = snapshot.themes().iter().map(|t| t.code.as_str()).collect();
    let filter = Filter::read(
        as_of,
        group,
        theme,
        today,
        (snapshot.plan_start, snapshot.plan_end),
        &codes,
    );
    let mut notices = filter.notices.clone();
    if plan.is_some_and(|code| !code.trim().eq_ignore_ascii_case(&snapshot.plan)) {
        notices.insert(0, "notice-plan-unknown".to_owned());
    }
    let structure = snapshot.structure(filter.group, filter.theme.as_deref());
    let states = snapshot.states_on(&structure, filter.as_of);
    let numbers = figures::regional(&structure, &states, filter.as_of);
    let date = format_date(lang, &filter.as_of.to_string());
    let on = |key: &str| t_args(lang, key, &[("date", date.clone().into())]);
    let mut charts = vec![
        charts::theme_bars(
            "chart-themes",
            &t(lang, "chart-themes-title"),
            &on("chart-themes-desc"),
            &numbers.themes,
            lang,
        ),
        charts::country_bars(
            "chart-countries",
            &t(lang, "chart-countries-title"),
            &on("chart-countries-desc"),
            &numbers.countries,
            lang,
        ),
        charts::heatmap(
            "chart-heatmap",
            &t(lang, "chart-heatmap-title"),
            &on("chart-heatmap-desc"),
            &charts::theme_columns(&numbers.themes, lang),
            &numbers.heatmap,
            &numbers
                .heatmap
                .iter()
                .map(|row| Some(crate::urls::country_path(&row.iso2)))
                .collect::<Vec<_>>(),
            lang,
        ),
        charts::status_stacks(
            "chart-statuses",
            &t(lang, "chart-statuses-title"),
            &on("chart-statuses-desc"),
            &numbers.status_mix,
            lang,
        ),
        charts::trajectory(
            "chart-trajectory",
            &t(lang, "chart-trajectory-title"),
            &on("chart-trajectory-desc"),
            &trajectory(snapshot, &structure, filter.as_of),
            lang,
        ),
        scorecard_chart(snapshot, filter.group, lang),
    ];
    if let Some(round) = &snapshot.round {
        charts.push(round_chart(round, lang));
    }
    RegionalDashboard {
        plan: snapshot.plan.clone(),
        plans: snapshot.plans.clone(),
        as_of: filter.as_of.to_string(),
        plan_start: snapshot.plan_start.to_string(),
        plan_end: snapshot.plan_end.to_string(),
        group: filter.group,
        theme: filter.theme,
        themes: snapshot
            .themes()
            .iter()
            .map(|t| (t.code.clone(), t.name.clone()))
            .collect(),
        notices,
        regional: numbers.regional,
        charts,
    }
}

/// The Protocol article scorecard as a heatmap: for each country of `group`, in its latest year with
/// validated values, the share of each article's yes/no indicators met (or, for an article measured
/// only on the 0–4 scale, its mean level as a share of the top).
#[cfg(feature = "ssr")]
fn scorecard_chart(snapshot: &snapshot::Snapshot, group: Membership, lang: Lang) -> Chart {
    let card = &snapshot.scorecard;
    let in_group: Vec<String> = snapshot
        .structure(group, None)
        .countries
        .into_iter()
        .map(|c| c.iso2)
        .collect();
    let columns: Vec<charts::Column> = card
        .articles
        .iter()
        .map(|a| charts::Column {
            label: a.number.to_string(),
            name: format!(
                "{} {}",
                t_args(lang, "article-heading", &[("number", a.number.into())]),
                a.title.get(lang)
            ),
        })
        .collect();
    let rows: Vec<figures::HeatRow> = card
        .rows
        .iter()
        .filter(|row| in_group.contains(&row.iso2))
        .map(|row| figures::HeatRow {
            iso2: row.iso2.clone(),
            name: row.country.clone(),
            cells: row
                .scores
                .iter()
                .map(|s| s.yes_no_met.or(s.scale))
                .collect(),
        })
        .collect();
    let links: Vec<Option<String>> = rows
        .iter()
        .map(|row| Some(crate::indicators::country_indicators_path(&row.iso2, None)))
        .collect();
    charts::heatmap(
        "chart-scorecard",
        &t(lang, "chart-scorecard-title"),
        &t(lang, "chart-scorecard-desc"),
        &columns,
        &rows,
        &links,
        lang,
    )
}

/// How many countries' submissions stand in each state in the latest reporting round.
#[cfg(feature = "ssr")]
fn round_chart(round: &snapshot::RoundStanding, lang: Lang) -> Chart {
    let counts: Vec<charts::Count> = round
        .counts
        .iter()
        .map(|(state, count)| charts::Count {
            label: t(lang, state.label_key()),
            count: *count,
            colour: charts::submission_colour(*state),
        })
        .collect();
    let year = &[("year", round.year.into())];
    charts::count_bars(
        "chart-round",
        &t_args(lang, "chart-round-title", year),
        &t_args(lang, "chart-round-desc", year),
        &counts,
        lang,
    )
}

/// Progress of the countries and actions of `structure` at the end of each month from the plan's
/// start to `as_of`, from the history.
#[cfg(feature = "ssr")]
fn trajectory(
    snapshot: &snapshot::Snapshot,
    structure: &figures::Structure,
    as_of: NaiveDate,
) -> Vec<figures::TrajectoryPoint> {
    figures::month_ends(snapshot.plan_start, as_of)
        .into_iter()
        .map(|day| figures::TrajectoryPoint {
            day,
            progress: figures::regional(structure, &snapshot.states_on(structure, day), day)
                .regional,
        })
        .collect()
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
            if let Ok(source) = web_sys::EventSource::new("/events") {
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
                                <a href=country_report_path(&iso2, &line.code) class="code">
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

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    const PLAN: (&str, &str) = ("2025-01-01", "2029-12-31");

    fn read(as_of: Option<&str>, group: Option<&str>, theme: Option<&str>) -> Filter {
        Filter::read(
            as_of,
            group,
            theme,
            day("2026-11-24"),
            (day(PLAN.0), day(PLAN.1)),
            &["1", "2"],
        )
    }

    #[test]
    fn the_filters_default_to_today_and_the_member_countries() {
        assert_eq!(
            read(None, None, None),
            Filter {
                as_of: day("2026-11-24"),
                group: Membership::Member,
                theme: None,
                notices: Vec::new(),
            }
        );
        let chosen = read(Some("2025-06-30"), Some("observers"), Some("2"));
        assert_eq!(chosen.as_of, day("2025-06-30"));
        assert_eq!(chosen.group, Membership::Observer);
        assert_eq!(chosen.theme.as_deref(), Some("2"));
        assert!(chosen.notices.is_empty());
    }

    #[test]
    fn filters_outside_the_plan_give_a_notice_and_the_nearest_view() {
        let early = read(Some("2019-05-01"), Some("everyone"), Some("9"));
        assert_eq!(early.as_of, day("2025-01-01"));
        assert_eq!(early.group, Membership::Member);
        assert_eq!(early.theme, None);
        assert_eq!(
            early.notices,
            [
                "notice-as-of-outside-plan",
                "notice-group-unknown",
                "notice-theme-unknown"
            ]
        );
        let late = read(Some("2031-01-01"), None, None);
        assert_eq!(late.as_of, day("2029-12-31"));
        let garbled = read(Some("yesterday"), None, None);
        assert_eq!(garbled.as_of, day("2026-11-24"));
        assert_eq!(garbled.notices, ["notice-as-of-invalid"]);
    }
}
