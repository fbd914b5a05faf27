//! The home page.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use leptos_meta::Title;

use super::types::HomeSummary;
use crate::error::AppError;
use crate::i18n::{t, t_args, Lang};
use crate::layout::{page_or_error, use_lang, Loading};
use crate::plan::pages::overview::PlanFacts;

#[server(endpoint = "home", input = GetUrl)]
pub async fn get_home() -> Result<HomeSummary, AppError> {
    crate::access::require(crate::access::Permission::Read)?;
    super::queries::home_summary(&crate::db::use_db()?).await
}

#[component]
pub fn HomePage() -> impl IntoView {
    // The regional dashboard and the plan in figures: the same for everyone who may read them.
    crate::layout::same_but_the_name(crate::layout::SameFor::TheNavigation);
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
        <crate::dashboards::pages::RegionalDashboardSection lang/>
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
