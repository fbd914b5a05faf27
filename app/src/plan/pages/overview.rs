//! The plan's overview page, and the outline of a theme that the theme's page shows too.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use leptos_meta::Title;

use crate::error::AppError;
use crate::i18n::{t, t_args, Lang};
use crate::layout::{page_or_error, use_lang, Loading};
use crate::plan::types::{ActionRow, PlanOverview, PlanSummary, ThemeOutline};

#[server(endpoint = "plan", input = GetUrl)]
pub async fn get_plan_overview() -> Result<PlanOverview, AppError> {
    crate::access::require(crate::access::Permission::Read)?;
    crate::plan::queries::plan_overview(&crate::db::use_db()?).await
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
pub fn PlanFacts(plan: PlanSummary, lang: Lang) -> impl IntoView {
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
    // The plan's themes, objectives and actions: the same for everyone who may read them.
    crate::layout::same_but_the_name(crate::layout::SameFor::TheNavigation);
    crate::layout::shows_none_of_the_figures();
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
                        <p>
                            <a href=crate::urls::PLAN_REVISIONS_PATH>{t(lang, "revisions-link")}</a>
                            " · "
                            <a href=crate::urls::PLAN_FILE_PATH download="">{t(lang, "plan-file-download")}</a>
                        </p>
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
pub fn ThemeSection(theme: ThemeOutline, lang: Lang, heading_level: u8) -> impl IntoView {
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
    let href = crate::urls::theme_path(&theme.code);
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
                                <a href=crate::urls::action_path(&action.code)>
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
