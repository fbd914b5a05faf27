//! The reports page (`/reports?year=…&language=…`): the annual report of a round's year previewed
//! in either language, the form that generates its files, and the files kept.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use super::document::{Block, ReportDocument};
use super::types::{KeptReport, ReportFormat};
use crate::dashboards::pages::{ChartFigure, PlanSelect};
use crate::dashboards::types::Chart;
use crate::error::AppError;
use crate::i18n::{format_date, t, Lang};
use crate::layout::{page_or_error, use_lang, Loading};

/// What the reports page shows: the years that have a round, the choice made, and the report with
/// its sentences and charts, or why there is none.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportPreview {
    /// The plan's code, and every plan (code, title) to choose from.
    pub plan: String,
    pub plans: Vec<(String, crate::domain::Bilingual)>,
    pub years: Vec<i32>,
    pub year: Option<i32>,
    pub language: Lang,
    /// Catalogue keys of the choices in the address that were set aside.
    pub notices: Vec<String>,
    pub report: Option<PreviewedReport>,
    /// The reports generated and kept, newest first.
    pub kept: Vec<KeptReport>,
    /// The viewer may generate and keep the report's files (the secretariat).
    pub can_generate: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PreviewedReport {
    pub year: i32,
    pub document: ReportDocument,
    pub charts: Vec<Chart>,
}

#[server(endpoint = "report", input = GetUrl)]
pub async fn get_report(
    plan: Option<String>,
    year: Option<String>,
    language: Option<String>,
    lang: String,
) -> Result<ReportPreview, AppError> {
    let viewer = crate::access::require(crate::access::Permission::Read)?;
    let plan = plan.filter(|code| !code.trim().is_empty());
    let snapshot = crate::dashboards::snapshot::current(plan.as_deref())
        .await?
        .snapshot;
    let db = crate::db::use_db()?;
    let page_lang = Lang::from_tag(&lang).unwrap_or_default();
    let mut notices = Vec::new();
    if plan.is_some_and(|code| !code.trim().eq_ignore_ascii_case(&snapshot.plan)) {
        notices.push("notice-plan-unknown".to_owned());
    }
    let language = match language.as_deref().map(str::trim).filter(|l| !l.is_empty()) {
        None => page_lang,
        Some(tag) => Lang::from_tag(tag).unwrap_or_else(|| {
            notices.push("notice-report-language".to_owned());
            page_lang
        }),
    };
    let years = super::queries::round_years(&db, &snapshot.plan).await?;
    let asked = year.as_deref().map(str::trim).filter(|y| !y.is_empty());
    let year = match asked {
        None => years.first().copied(),
        Some(text) => match text.parse::<i32>().ok().filter(|y| years.contains(y)) {
            Some(year) => Some(year),
            None => {
                notices.push("notice-report-year".to_owned());
                years.first().copied()
            }
        },
    };
    let report = match year {
        Some(year) => {
            let report = super::queries::annual_report(
                &db,
                &snapshot,
                year,
                chrono::Utc::now().date_naive(),
            )
            .await?;
            Some(PreviewedReport {
                year,
                document: super::document::document(&report, language),
                charts: super::render::charts(&report, language),
            })
        }
        None => None,
    };
    Ok(ReportPreview {
        kept: super::queries::kept(&db, &snapshot.plan).await?,
        plan: snapshot.plan.clone(),
        plans: snapshot.plans.clone(),
        years,
        year,
        language,
        notices,
        report,
        can_generate: viewer.may(crate::access::Permission::Coordinate),
    })
}

#[component]
pub fn ReportsPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let preview = Resource::new(
        move || {
            let query = query.read();
            (query.get("plan"), query.get("year"), query.get("language"))
        },
        move |(plan, year, language)| get_report(plan, year, language, lang.code().to_owned()),
    );
    view! {
        <Title text=t(lang, "reports-title")/>
        <h1>{t(lang, "reports-title")}</h1>
        <p class="lead">{t(lang, "reports-intro")}</p>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                page_or_error(preview.await, move |preview| view! { <Preview preview lang/> })
            })}
        </Suspense>
    }
}

#[component]
fn Preview(preview: ReportPreview, lang: Lang) -> impl IntoView {
    let chosen = preview.year;
    let language = preview.language;
    let plan = preview.plan.clone();
    let can_generate = preview.can_generate;
    let choices = view! {
        <form method="get" action="/reports" class="form--filters" aria-label=t(lang, "reports-choose")>
            <PlanSelect id="report-plan" plans=preview.plans.clone() chosen=preview.plan.clone() lang/>
            <div class="field">
                <label for="report-year">{t(lang, "col-year")}</label>
                <select id="report-year" name="year">
                    {preview
                        .years
                        .iter()
                        .map(|year| view! { <option value=year.to_string() selected=Some(*year) == chosen>{year.to_string()}</option> })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="report-language">{t(lang, "reports-language")}</label>
                <select id="report-language" name="language">
                    {Lang::ALL
                        .into_iter()
                        .map(|option| {
                            view! {
                                <option value=option.code() selected=option == language>
                                    {option.endonym()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <button type="submit">{t(lang, "reports-show")}</button>
        </form>
    };
    let notices = preview
        .notices
        .iter()
        .map(|key| view! { <p class="notice" role="status">{t(lang, key)}</p> })
        .collect_view();
    let body = match preview.report {
        None => {
            view! { <p class="notice" role="status">{t(lang, "reports-no-rounds")}</p> }.into_any()
        }
        Some(previewed) => {
            let year = previewed.year;
            let generate = if can_generate {
                view! { <GenerateForm plan=plan.clone() year language lang/> }.into_any()
            } else {
                view! { <p class="muted">{t(lang, "reports-generated-by-secretariat")}</p> }
                    .into_any()
            };
            view! {
                {generate}
                <ReportBody previewed/>
            }
            .into_any()
        }
    };
    view! {
        {choices}
        {notices}
        <KeptReports kept=preview.kept lang/>
        {body}
    }
}

/// The buttons that generate the report in each format. A report takes seconds to typeset: once
/// one is asked for, the page says so until the file arrives.
#[component]
fn GenerateForm(plan: String, year: i32, language: Lang, lang: Lang) -> impl IntoView {
    view! {
        <crate::site::IslandLoader/>
        <GenerationNotice generating=t(lang, "reports-generating") ready=t(lang, "reports-ready")>
            <form method="post" action=crate::urls::GENERATE_PATH class="form--actions">
                <input type="hidden" name="plan" value=plan/>
                <input type="hidden" name="year" value=year.to_string()/>
                <input type="hidden" name="language" value=language.code()/>
                <p class="muted">{t(lang, "reports-generate-help")}</p>
                <p class="actions">
                    <span>{t(lang, "reports-generate")} ": "</span>
                    {ReportFormat::ALL
                        .into_iter()
                        .map(|format| {
                            view! {
                                <button type="submit" name="format" value=format.code()>
                                    {t(lang, format.generate_key())}
                                </button>
                                " "
                            }
                        })
                        .collect_view()}
                </p>
            </form>
        </GenerationNotice>
    }
}

/// Says that a report is being generated from the moment its form is sent until the server's
/// answer arrives (the answer sets the `REPORT_READY_COOKIE`, which the page watches: a download
/// leaves the page where it is, with no event to hear), then that it is ready.
#[island]
fn GenerationNotice(generating: String, ready: String, children: Children) -> impl IntoView {
    let (state, set_state) = signal(Generation::Idle);
    let on_submit = move |_| {
        #[cfg(feature = "hydrate")]
        generation_notice::watch_for_the_file(set_state);
        #[cfg(not(feature = "hydrate"))]
        let _ = set_state;
    };
    view! {
        <div on:submit=on_submit>
            {children()}
            <p class="notice report-generating" role="status" hidden=move || state.get() != Generation::Waiting>
                {generating}
            </p>
            <p class="notice report-ready" role="status" hidden=move || state.get() != Generation::Arrived>
                {ready}
            </p>
        </div>
    }
}

/// Where the generation of a report asked for on this page stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Generation {
    Idle,
    Waiting,
    Arrived,
}

#[cfg(feature = "hydrate")]
mod generation_notice {
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;

    use super::Generation;
    use crate::urls::REPORT_READY_COOKIE;

    /// Forgets the last report's cookie, says the report is on its way, and looks for the cookie of
    /// this one twice a second.
    pub fn watch_for_the_file(set_state: WriteSignal<Generation>) {
        let Some(document) = web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.dyn_into::<web_sys::HtmlDocument>().ok())
        else {
            return;
        };
        let _ = document.set_cookie(&format!("{REPORT_READY_COOKIE}=; Max-Age=0; Path=/"));
        set_state.set(Generation::Waiting);
        let watch = set_interval_with_handle(
            move || {
                let arrived = document.cookie().is_ok_and(|cookies| {
                    cookies.split(';').any(|cookie| {
                        cookie
                            .trim()
                            .starts_with(&format!("{REPORT_READY_COOKIE}="))
                    })
                });
                if arrived {
                    set_state.set(Generation::Arrived);
                    if let Some(watch) = WATCH.with(std::cell::Cell::take) {
                        watch.clear();
                    }
                }
            },
            std::time::Duration::from_millis(500),
        );
        // One watch at a time: a second request replaces the first's.
        if let Ok(handle) = watch {
            if let Some(previous) = WATCH.with(|watch| watch.replace(Some(handle))) {
                previous.clear();
            }
        }
    }

    thread_local! {
        static WATCH: std::cell::Cell<Option<IntervalHandle>> = const { std::cell::Cell::new(None) };
    }
}

/// The reports generated so far, each with who made it, when, and its checksum.
#[component]
fn KeptReports(kept: Vec<KeptReport>, lang: Lang) -> impl IntoView {
    if kept.is_empty() {
        return view! {
            <details class="kept-reports">
                <summary>{t(lang, "reports-kept")}</summary>
                <p class="muted">{t(lang, "reports-kept-none")}</p>
            </details>
        }
        .into_any();
    }
    let rows = kept
        .into_iter()
        .map(|report| {
                let day = report.generated_at.get(..10).unwrap_or_default().to_owned();
                view! {
                    <tr>
                        <th scope="row">{report.year.to_string()}</th>
                        <td>{report.language.endonym()}</td>
                        <td>{report.format.code().to_uppercase()}</td>
                        <td>{report.generated_by}</td>
                        <td><time datetime=report.generated_at.clone()>{format_date(lang, &day)}</time></td>
                        <td><code title=report.sha256.clone()>{report.sha256.get(..12).unwrap_or_default().to_owned()}</code></td>
                        <td><a href=crate::urls::kept_report_path(report.id) download="">{t(lang, "reports-download")}</a></td>
                    </tr>
                }
            })
        .collect_view();
    view! {
        <details class="kept-reports" open>
            <summary>{t(lang, "reports-kept")}</summary>
            <div class="table-wrap" tabindex="0">
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{t(lang, "col-year")}</th>
                            <th scope="col">{t(lang, "reports-language")}</th>
                            <th scope="col">{t(lang, "reports-format")}</th>
                            <th scope="col">{t(lang, "reports-generated-by")}</th>
                            <th scope="col">{t(lang, "reports-generated-at")}</th>
                            <th scope="col">{t(lang, "reports-checksum")}</th>
                            <th scope="col"><span class="visually-hidden">{t(lang, "reports-download")}</span></th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </details>
    }
    .into_any()
}

/// The report itself, drawn from its blocks, in the report's language.
#[component]
fn ReportBody(previewed: PreviewedReport) -> impl IntoView {
    let document = previewed.document;
    let lang = document.language;
    let charts = previewed.charts;
    let blocks = document
        .blocks
        .into_iter()
        .map(|block| match block {
            Block::Heading { level, text } => match level {
                1 => view! { <h3>{text}</h3> }.into_any(),
                2 => view! { <h4>{text}</h4> }.into_any(),
                _ => view! { <h5>{text}</h5> }.into_any(),
            },
            Block::Paragraph { text } => view! { <p>{text}</p> }.into_any(),
            Block::List { items } => view! {
                <ul>{items.into_iter().map(|item| view! { <li>{item}</li> }).collect_view()}</ul>
            }
            .into_any(),
            Block::Quote { text } => view! { <blockquote>{text}</blockquote> }.into_any(),
            Block::Table { caption, headers, rows } => view! {
                <div class="table-wrap" tabindex="0">
                    <table>
                        <caption>{caption}</caption>
                        <thead>
                            <tr>{headers.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}</tr>
                        </thead>
                        <tbody>
                            {rows
                                .into_iter()
                                .map(|row| {
                                    let mut cells = row.into_iter();
                                    let label = cells.next().unwrap_or_default();
                                    view! {
                                        <tr>
                                            <th scope="row">{label}</th>
                                            {cells.map(|cell| view! { <td>{cell}</td> }).collect_view()}
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                </div>
            }
            .into_any(),
            Block::Chart { index, .. } => match charts.get(index).cloned() {
                Some(chart) => view! { <ChartFigure chart lang/> }.into_any(),
                None => ().into_any(),
            },
        })
        .collect_view();
    view! {
        <article class="report" lang=lang.code()>
            <header class="report__cover">
                <p class="muted">{document.cover.plan}</p>
                <h2>{document.cover.title}</h2>
                <p>{document.cover.data_date}</p>
            </header>
            {blocks}
        </article>
    }
}
