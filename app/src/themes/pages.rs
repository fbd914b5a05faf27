//! A theme's page: its objectives and actions, and the theme's dashboard.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::error::AppError;
use crate::i18n::t_args;
use crate::layout::{page_or_error, use_lang, Loading};
use crate::plan::pages::overview::ThemeSection;
use crate::plan::types::ThemeDetail;

#[server(endpoint = "theme", input = GetUrl)]
pub async fn get_theme(code: String) -> Result<ThemeDetail, AppError> {
    crate::access::require(crate::access::Permission::Read)?;
    crate::plan::queries::theme_detail(&crate::db::use_db()?, &code).await
}

#[component]
pub fn ThemePage() -> impl IntoView {
    // A theme of the plan: the same for everyone who may read it.
    crate::layout::same_but_the_name(crate::layout::SameFor::TheNavigation);
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
                        <crate::dashboards::pages::ThemeDashboardSection code=detail.theme.code.clone() lang/>
                        <ThemeSection theme=detail.theme lang heading_level=2/>
                    }
                })
            })}
        </Suspense>
    }
}
