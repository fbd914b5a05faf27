//! The Protocol against the Smuggling of Migrants by Land, Sea and Air: its articles and the
//! indicators that measure each country's compliance with them.

#[cfg(feature = "ssr")]
mod queries;

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

use crate::domain::{Assessable, Bilingual, Direction, IndicatorKind};
use crate::error::AppError;
use crate::i18n::{t, t_args, Lang};
use crate::layout::{page_or_error, use_lang, Loading};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IndicatorRow {
    pub code: String,
    pub provision: String,
    pub name: Bilingual,
    pub kind: IndicatorKind,
    pub direction: Direction,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArticleWithIndicators {
    pub number: i32,
    pub chapter: String,
    pub title: Bilingual,
    pub assessable: Assessable,
    pub indicators: Vec<IndicatorRow>,
}

#[server(endpoint = "protocol", input = GetUrl)]
pub async fn get_protocol() -> Result<Vec<ArticleWithIndicators>, AppError> {
    crate::access::require(crate::access::Permission::Read)?;
    queries::articles_with_indicators(&crate::db::use_db()?).await
}

#[component]
pub fn ProtocolPage() -> impl IntoView {
    let lang = use_lang();
    let articles = Resource::new(|| (), |_| get_protocol());
    view! {
        <Title text=t(lang, "nav-protocol")/>
        <h1>{t(lang, "protocol-title")}</h1>
        <p class="lead">{t(lang, "protocol-intro")}</p>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                page_or_error(articles.await, move |articles| {
                    articles
                        .into_iter()
                        .map(|article| view! { <ArticleSection article lang/> })
                        .collect_view()
                })
            })}
        </Suspense>
    }
}

#[component]
fn ArticleSection(article: ArticleWithIndicators, lang: Lang) -> impl IntoView {
    let id = format!("article-{}", article.number);
    let heading_id = format!("{id}-title");
    let (section_label, table_label) = (heading_id.clone(), heading_id.clone());
    let count = t_args(
        lang,
        "protocol-indicators-count",
        &[("count", article.indicators.len().into())],
    );
    view! {
        <section class="article" id=id aria-labelledby=section_label>
            <h2 id=heading_id>
                <span class="code">
                    {t_args(lang, "article-heading", &[("number", article.number.into())])}
                </span>
                " "
                {article.title.get(lang).to_owned()}
            </h2>
            <p class="muted">
                {t_args(lang, "chapter-label", &[("chapter", article.chapter.into())])}
                " · "
                {t(lang, article.assessable.label_key())}
                " · "
                {count}
            </p>
            {(!article.indicators.is_empty())
                .then(|| {
                    view! {
                        <div class="table-wrap">
                            <table aria-labelledby=table_label>
                                <thead>
                                    <tr>
                                        <th scope="col">{t(lang, "col-code")}</th>
                                        <th scope="col">{t(lang, "col-indicator")}</th>
                                        <th scope="col">{t(lang, "col-provision")}</th>
                                        <th scope="col">{t(lang, "col-kind")}</th>
                                        <th scope="col">{t(lang, "col-direction")}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {article
                                        .indicators
                                        .into_iter()
                                        .map(|i| {
                                            view! {
                                                <tr>
                                                    <th scope="row" class="code">{i.code}</th>
                                                    <td>{i.name.get(lang).to_owned()}</td>
                                                    <td>{i.provision}</td>
                                                    <td>{t(lang, i.kind.label_key())}</td>
                                                    <td>{t(lang, i.direction.label_key())}</td>
                                                </tr>
                                            }
                                        })
                                        .collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }
                })}
        </section>
    }
}
