//! The Protocol article scorecard (`/scorecard`): for each member country, in its latest year with
//! validated values, the share of each article's yes/no indicators met and the mean of its 0–4
//! scale indicators ÷ 4. Colours come with the percentage written out.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::error::AppError;
use crate::i18n::{format_percent, t, t_args, Lang};
use crate::indicators::types::{ScorecardOn, ScorecardView};
use crate::layout::{page_or_error, use_lang, Loading};
use crate::progress::indicators::ArticleScore;

#[server(endpoint = "scorecard", input = GetUrl)]
pub async fn get_scorecard(as_of: Option<String>) -> Result<ScorecardOn, AppError> {
    crate::access::require(crate::access::Permission::Read)?;
    let snapshot = crate::dashboards::snapshot::current(None).await?.snapshot;
    let (as_of, notice) = crate::domain::AsOf::read(
        as_of.as_deref(),
        chrono::Utc::now().date_naive(),
        (snapshot.plan_start, snapshot.plan_end),
    );
    Ok(ScorecardOn {
        card: snapshot.scorecard.view(None, Some(as_of.known_on)),
        as_of: as_of.shown(notice),
    })
}

/// A share as a shaded cell class: five bands, so that colour is never the only cue.
fn band(share: f64) -> &'static str {
    match share {
        s if s >= 0.8 => "score score--5",
        s if s >= 0.6 => "score score--4",
        s if s >= 0.4 => "score score--3",
        s if s >= 0.2 => "score score--2",
        _ => "score score--1",
    }
}

#[component]
pub fn ScorecardPage() -> impl IntoView {
    // Every country's figures, the same for everyone who may read them.
    crate::layout::same_but_the_name(crate::layout::SameFor::TheNavigation);
    let lang = use_lang();
    let query = use_query_map();
    let data = Resource::new(move || query.read().get("as_of"), get_scorecard);
    view! {
        <Title text=t(lang, "scorecard-title")/>
        <h1>{t(lang, "scorecard-title")}</h1>
        <p class="lead">{t(lang, "scorecard-intro")}</p>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                page_or_error(data.await, move |data| view! {
                    <crate::dashboards::pages::AsOfForm action="/scorecard".to_owned() as_of=data.as_of.clone() lang/>
                    <crate::exports::pages::DownloadLinks
                        table="scorecard"
                        query=data.as_of.in_query("")
                        lang
                    />
                    <ScorecardTable data=data.card lang/>
                })
            })}
        </Suspense>
    }
}

#[component]
fn ScoreCell(score: ArticleScore, lang: Lang) -> impl IntoView {
    let part = |key: &'static str, share: Option<f64>| {
        share.map(|share| {
            let text = t_args(
                lang,
                key,
                &[("percent", format_percent(lang, share).into())],
            );
            view! { <span class=band(share)>{text}</span> }
        })
    };
    if score.yes_no_met.is_none() && score.scale.is_none() {
        return view! { <td class="muted">"—"</td> }.into_any();
    }
    view! {
        <td>
            {part("scorecard-yes-no", score.yes_no_met)}
            {part("scorecard-scale", score.scale)}
        </td>
    }
    .into_any()
}

#[component]
fn ScorecardTable(data: ScorecardView, lang: Lang) -> impl IntoView {
    view! {
        <div class="table-wrap" tabindex="0">
            <table class="scorecard" aria-label=t(lang, "scorecard-title")>
                <thead>
                    <tr>
                        <th scope="col">{t(lang, "col-country")}</th>
                        <th scope="col">{t(lang, "col-year")}</th>
                        {data
                            .articles
                            .iter()
                            .map(|a| {
                                view! {
                                    <th scope="col" title=a.title.get(lang).to_owned()>
                                        {t_args(lang, "article-heading", &[("number", a.number.into())])}
                                    </th>
                                }
                            })
                            .collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {data
                        .rows
                        .into_iter()
                        .map(|row| {
                            view! {
                                <tr data-country=row.iso2.clone()>
                                    <th scope="row">
                                        <a href=crate::urls::country_indicators_path(&row.iso2, None)>{row.country.get(lang).to_owned()}</a>
                                    </th>
                                    <td>
                                        {row.year.map(|y| y.to_string()).unwrap_or_else(|| t(lang, "scorecard-no-data"))}
                                    </td>
                                    {row.scores.into_iter().map(|score| view! { <ScoreCell score lang/> }).collect_view()}
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}
