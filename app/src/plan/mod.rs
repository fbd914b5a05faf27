//! The plan: its overview (themes with their actions), a theme's page, and the plan file that defines
//! both. Also the overview page at `/`.

#[cfg(feature = "ssr")]
pub mod file;
#[cfg(feature = "ssr")]
pub mod load;
#[cfg(feature = "ssr")]
pub mod queries;
#[cfg(feature = "ssr")]
pub mod states;

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};

use crate::domain::{Bilingual, PlanState};
use crate::error::AppError;
use crate::i18n::{t, t_args, Lang};
use crate::layout::{page_or_error, use_lang, Loading};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanSummary {
    pub code: String,
    pub title: Bilingual,
    pub start_year: i32,
    pub end_year: i32,
    pub state: PlanState,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActionRow {
    pub code: String,
    pub title: Bilingual,
    pub milestones: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ObjectiveGroup {
    pub code: String,
    pub title: Bilingual,
    pub actions: Vec<ActionRow>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ThemeOutline {
    pub code: String,
    pub name: Bilingual,
    /// Actions placed directly under the theme.
    pub actions: Vec<ActionRow>,
    pub objectives: Vec<ObjectiveGroup>,
}

impl ThemeOutline {
    pub fn action_count(&self) -> usize {
        self.actions.len()
            + self
                .objectives
                .iter()
                .map(|o| o.actions.len())
                .sum::<usize>()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanOverview {
    pub plan: PlanSummary,
    pub themes: Vec<ThemeOutline>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ThemeDetail {
    pub plan: PlanSummary,
    pub theme: ThemeOutline,
}

/// The figures on the overview page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HomeSummary {
    pub plan: Option<PlanSummary>,
    pub themes: u64,
    pub actions: u64,
    pub milestones: u64,
    pub members: u64,
    pub observers: u64,
    pub indicators: u64,
}

#[server(endpoint = "home", input = GetUrl)]
pub async fn get_home() -> Result<HomeSummary, AppError> {
    crate::access::require(crate::access::Permission::Read)?;
    queries::home_summary(&crate::db::use_db()?).await
}

#[server(endpoint = "plan", input = GetUrl)]
pub async fn get_plan_overview() -> Result<PlanOverview, AppError> {
    crate::access::require(crate::access::Permission::Read)?;
    queries::plan_overview(&crate::db::use_db()?).await
}

#[server(endpoint = "theme", input = GetUrl)]
pub async fn get_theme(code: String) -> Result<ThemeDetail, AppError> {
    crate::access::require(crate::access::Permission::Read)?;
    queries::theme_detail(&crate::db::use_db()?, &code).await
}

/// "2025–2029 · Approved"
fn plan_period(lang: Lang, plan: &PlanSummary) -> String {
    t_args(
        lang,
        "plan-period",
        &[
            ("start", plan.start_year.to_string().into()),
            ("end", plan.end_year.to_string().into()),
        ],
    )
}

#[component]
pub fn HomePage() -> impl IntoView {
    let lang = use_lang();
    let summary = Resource::new(|| (), |_| get_home());
    view! {
        <Title text=t(lang, "home-title")/>
        <h1>{t(lang, "home-title")}</h1>
        <p class="lead">{t(lang, "home-intro")}</p>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                page_or_error(summary.await, move |summary| view! { <HomeFigures summary lang/> })
            })}
        </Suspense>
        <crate::dashboards::RegionalDashboardSection lang/>
    }
}

#[component]
fn HomeFigures(summary: HomeSummary, lang: Lang) -> impl IntoView {
    let figure = move |count: u64, key: &'static str| {
        view! {
            <li class="figure">
                <span class="figure__number">{count}</span>
                " "
                <span class="figure__label">{t_args(lang, key, &[("count", count.into())])}</span>
            </li>
        }
    };
    let plan = match summary.plan {
        Some(plan) => view! {
            <section aria-labelledby="current-plan">
                <h2 id="current-plan">{t(lang, "home-plan-heading")}</h2>
                <p class="plan-title">
                    <a href="/plan">{plan.title.get(lang).to_owned()}</a>
                </p>
                <PlanFacts plan lang/>
            </section>
        }
        .into_any(),
        None => view! { <p>{t(lang, "home-no-plan")}</p> }.into_any(),
    };
    view! {
        {plan}
        <section aria-labelledby="figures">
            <h2 id="figures">{t(lang, "home-figures-heading")}</h2>
            <ul class="figures">
                {figure(summary.themes, "figure-themes")}
                {figure(summary.actions, "figure-actions")}
                {figure(summary.milestones, "figure-milestones")}
                {figure(summary.members, "figure-members")}
                {figure(summary.observers, "figure-observers")}
                {figure(summary.indicators, "figure-indicators")}
            </ul>
        </section>
    }
}

#[component]
fn PlanFacts(plan: PlanSummary, lang: Lang) -> impl IntoView {
    view! {
        <dl class="facts">
            <div>
                <dt>{t(lang, "plan-period-label")}</dt>
                <dd>{plan_period(lang, &plan)}</dd>
            </div>
            <div>
                <dt>{t(lang, "plan-state-label")}</dt>
                <dd>{t(lang, plan.state.label_key())}</dd>
            </div>
        </dl>
    }
}

#[component]
pub fn PlanPage() -> impl IntoView {
    let lang = use_lang();
    let overview = Resource::new(|| (), |_| get_plan_overview());
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                page_or_error(overview.await, move |overview| {
                    let title = overview.plan.title.get(lang).to_owned();
                    view! {
                        <Title text=title.clone()/>
                        <h1>{title}</h1>
                        <PlanFacts plan=overview.plan lang/>
                        <h2>{t(lang, "plan-themes-heading")}</h2>
                        {overview
                            .themes
                            .into_iter()
                            .map(|theme| view! { <ThemeSection theme lang heading_level=3/> })
                            .collect_view()}
                    }
                })
            })}
        </Suspense>
    }
}

/// A theme with its objectives and actions, as a section of the plan page or as a whole theme page.
#[component]
fn ThemeSection(theme: ThemeOutline, lang: Lang, heading_level: u8) -> impl IntoView {
    let heading_id = format!("theme-{}", theme.code);
    let label = t_args(
        lang,
        "theme-heading",
        &[("code", theme.code.clone().into())],
    );
    let count = t_args(
        lang,
        "action-count",
        &[("count", theme.action_count().into())],
    );
    let name = theme.name.get(lang).to_owned();
    let href = format!("/themes/{}", theme.code);
    let heading = if heading_level == 3 {
        view! {
            <h3 id=heading_id.clone()>
                <span class="code">{label}</span>
                " "
                <a href=href>{name}</a>
            </h3>
        }
        .into_any()
    } else {
        view! {
            <h2 id=heading_id.clone()>{t(lang, "theme-actions-heading")}</h2>
        }
        .into_any()
    };
    let empty = theme.action_count() == 0;
    view! {
        <section class="theme" aria-labelledby=heading_id>
            {heading}
            <p class="muted">{count}</p>
            {empty.then(|| view! { <p>{t(lang, "no-actions")}</p> })}
            <ActionList actions=theme.actions lang/>
            {theme
                .objectives
                .into_iter()
                .map(|objective| {
                    view! {
                        <h4 class="objective">
                            <span class="code">
                                {t_args(lang, "objective-heading", &[("code", objective.code.into())])}
                            </span>
                            " "
                            {objective.title.get(lang).to_owned()}
                        </h4>
                        <ActionList actions=objective.actions lang/>
                    }
                })
                .collect_view()}
        </section>
    }
}

#[component]
fn ActionList(actions: Vec<ActionRow>, lang: Lang) -> impl IntoView {
    (!actions.is_empty()).then(|| {
        view! {
            <ul class="action-list">
                {actions
                    .into_iter()
                    .map(|action| {
                        view! {
                            <li>
                                <a href=format!("/actions/{}", action.code)>
                                    <span class="code">{action.code.clone()}</span>
                                    " "
                                    {action.title.get(lang).to_owned()}
                                </a>
                                " "
                                <span class="muted">
                                    {t_args(lang, "milestone-count", &[("count", action.milestones.into())])}
                                </span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
    })
}

#[component]
pub fn ThemePage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let detail = Resource::new(
        move || params.read().get("code").unwrap_or_default(),
        get_theme,
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                page_or_error(detail.await, move |detail| {
                    let name = detail.theme.name.get(lang).to_owned();
                    let label = t_args(lang, "theme-heading", &[("code", detail.theme.code.clone().into())]);
                    view! {
                        <Title text=format!("{label}: {name}")/>
                        <p class="breadcrumb">
                            <a href="/plan">{detail.plan.title.get(lang).to_owned()}</a>
                        </p>
                        <h1>
                            <span class="code">{label}</span>
                            " "
                            {name}
                        </h1>
                        <crate::dashboards::ThemeDashboardSection code=detail.theme.code.clone() lang/>
                        <ThemeSection theme=detail.theme lang heading_level=2/>
                    }
                })
            })}
        </Suspense>
    }
}
