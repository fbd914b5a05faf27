//! `/reports?year=…&language=…`: choose the year of a reporting round and the report's language,
//! read the report as a web page, and download its data annex.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use super::narrative::country_summary;
use super::{xlsx_download_path, AnnualReport, CountrySection};
use crate::dashboards::{Chart, ChartFigure};
use crate::error::AppError;
use crate::i18n::{format_date, format_percent, t, t_args, Lang};
use crate::layout::{page_or_error, use_lang, Loading};
use crate::progress::Progress;

/// What the reports page shows: the years that have a round, the choice made, and the report with
/// its sentences and charts, or why there is none.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportPreview {
    pub years: Vec<i32>,
    pub year: Option<i32>,
    pub language: Lang,
    /// Catalogue keys of the choices in the address that were set aside.
    pub notices: Vec<String>,
    pub report: Option<PreviewedReport>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PreviewedReport {
    pub report: AnnualReport,
    pub summary: Vec<String>,
    pub charts: Vec<Chart>,
}

#[server(endpoint = "report", input = GetUrl)]
pub async fn get_report(
    year: Option<String>,
    language: Option<String>,
    lang: String,
) -> Result<ReportPreview, AppError> {
    crate::access::require(crate::access::Permission::Read)?;
    let state = crate::db::app_state()?;
    let snapshot = state
        .snapshots
        .get(&state.db, state.changes.generation(), None)
        .await?;
    let page_lang = Lang::from_tag(&lang).unwrap_or_default();
    let mut notices = Vec::new();
    let language = match language.as_deref().map(str::trim).filter(|l| !l.is_empty()) {
        None => page_lang,
        Some(tag) => Lang::from_tag(tag).unwrap_or_else(|| {
            notices.push("notice-report-language".to_owned());
            page_lang
        }),
    };
    let years = super::assemble::round_years(&state.db, &snapshot.plan).await?;
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
            let report = super::assemble::annual_report(
                &state.db,
                &snapshot,
                year,
                chrono::Utc::now().date_naive(),
            )
            .await?;
            Some(PreviewedReport {
                summary: super::narrative::executive_summary(&report, language),
                charts: super::charts(&report, language),
                report,
            })
        }
        None => None,
    };
    Ok(ReportPreview {
        years,
        year,
        language,
        notices,
        report,
    })
}

#[component]
pub fn ReportsPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let preview = Resource::new(
        move || {
            let query = query.read();
            (query.get("year"), query.get("language"))
        },
        move |(year, language)| get_report(year, language, lang.code().to_owned()),
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
    let choices = view! {
        <form method="get" action="/reports" class="form--filters" aria-label=t(lang, "reports-choose")>
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
            let year = previewed.report.year;
            view! {
                <p class="actions">
                    <a class="button" href=xlsx_download_path(year, language) download="">
                        {t(lang, "reports-download-xlsx")}
                    </a>
                </p>
                <ReportBody previewed lang=language/>
            }
            .into_any()
        }
    };
    view! {
        {choices}
        {notices}
        {body}
    }
}

fn percent_or_dash(lang: Lang, share: Option<f64>) -> String {
    share.map_or_else(|| "—".to_owned(), |s| format_percent(lang, s))
}

fn schedule_words(lang: Lang, progress: Option<Progress>) -> String {
    progress.map_or_else(|| "—".to_owned(), |p| t(lang, p.schedule().label_key()))
}

/// The report itself, in the report's language.
#[component]
fn ReportBody(previewed: PreviewedReport, lang: Lang) -> impl IntoView {
    let report = previewed.report;
    let year = report.year;
    let date = format_date(lang, &report.as_of.to_string());
    let review = report.year_in_review.clone();
    let change_list = |items: Vec<super::CountryAction>| {
        if items.is_empty() {
            return view! { <p class="muted">{t(lang, "reports-none")}</p> }.into_any();
        }
        view! {
            <ul>
                {items
                    .into_iter()
                    .map(|a| view! { <li><span class="code">{a.action.code}</span>" "{a.action.title.get(lang).to_owned()}" · "{a.country.get(lang).to_owned()}</li> })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <article class="report" lang=lang.code()>
            <header class="report__cover">
                <p class="muted">{report.plan_title.get(lang).to_owned()}</p>
                <h2>{t_args(lang, "report-heading", &[("year", year.into())])}</h2>
                <p>{t_args(lang, "report-data-as-of", &[("date", date.into())])}</p>
            </header>
            <section aria-labelledby="report-summary">
                <h3 id="report-summary">{t(lang, "report-executive-summary")}</h3>
                {previewed.summary.into_iter().map(|sentence| view! { <p>{sentence}</p> }).collect_view()}
            </section>
            <section aria-labelledby="report-progress">
                <h3 id="report-progress">{t(lang, "report-regional-progress")}</h3>
                <div class="charts">
                    {previewed.charts.into_iter().map(|chart| view! { <ChartFigure chart lang/> }).collect_view()}
                </div>
            </section>
            <section aria-labelledby="report-changes">
                <h3 id="report-changes">{t_args(lang, "report-what-changed", &[("year", year.into())])}</h3>
                <h4>{t(lang, "report-change-completed")}</h4>
                {change_list(review.completed)}
                <h4>{t(lang, "report-change-became-delayed")}</h4>
                {change_list(review.became_delayed)}
            </section>
            <section aria-labelledby="report-countries">
                <h3 id="report-countries">{t(lang, "report-by-country")}</h3>
                {report.sections.into_iter().map(|section| view! { <CountryPart section year lang/> }).collect_view()}
            </section>
            <section aria-labelledby="report-scorecard">
                <h3 id="report-scorecard">{t(lang, "scorecard-title")}</h3>
                <p>{t(lang, "chart-scorecard-desc")}</p>
                <div class="table-wrap">
                    <table>
                        <thead>
                            <tr>
                                <th scope="col">{t(lang, "col-country")}</th>
                                <th scope="col">{t(lang, "col-year")}</th>
                                {report.scorecard.articles.iter().map(|a| view! { <th scope="col">{t_args(lang, "article-heading", &[("number", a.number.into())])}</th> }).collect_view()}
                            </tr>
                        </thead>
                        <tbody>
                            {report
                                .scorecard
                                .rows
                                .into_iter()
                                .map(|row| {
                                    view! {
                                        <tr>
                                            <th scope="row">{row.country.get(lang).to_owned()}</th>
                                            <td>{row.year.map_or_else(|| "—".to_owned(), |y| y.to_string())}</td>
                                            {row.scores.into_iter().map(|s| view! { <td class="number">{percent_or_dash(lang, s.yes_no_met.or(s.scale))}</td> }).collect_view()}
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                </div>
            </section>
            <section aria-labelledby="report-timeliness">
                <h3 id="report-timeliness">{t_args(lang, "report-timeliness-heading", &[("year", year.into())])}</h3>
                <p>{t_args(lang, "report-due-on", &[("date", format_date(lang, &report.round.due_on.to_string()).into())])}</p>
                <div class="table-wrap">
                    <table>
                        <thead>
                            <tr>
                                <th scope="col">{t(lang, "col-country")}</th>
                                <th scope="col">{t(lang, "col-state")}</th>
                                <th scope="col">{t(lang, "col-submitted")}</th>
                                <th scope="col">{t(lang, "col-timeliness")}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {report
                                .round
                                .submissions
                                .into_iter()
                                .map(|line| {
                                    view! {
                                        <tr>
                                            <th scope="row">{line.country.get(lang).to_owned()}</th>
                                            <td>{t(lang, line.state.label_key())}</td>
                                            <td>{line.submitted_on.map_or_else(|| "—".to_owned(), |d| format_date(lang, &d.to_string()))}</td>
                                            <td>{t(lang, super::timeliness_key(line.timeliness))}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                </div>
            </section>
            <section aria-labelledby="report-methods">
                <h3 id="report-methods">{t(lang, "report-methods")}</h3>
                {super::METHODS.iter().map(|key| view! { <p>{t(lang, key)}</p> }).collect_view()}
                <p>{t(lang, "report-data-annex")}</p>
            </section>
        </article>
    }
}

#[component]
fn CountryPart(section: CountrySection, year: i32, lang: Lang) -> impl IntoView {
    let summary = country_summary(&section, year, lang);
    let heading_id = format!("report-country-{}", section.iso2.to_ascii_lowercase());
    let labelled_by = heading_id.clone();
    let delayed = section.delayed;
    let achieved = section.achieved;
    let indicators = section.indicators;
    view! {
        <section class="report__country" aria-labelledby=labelled_by>
            <h4 id=heading_id>{section.name.get(lang).to_owned()}</h4>
            <p>{summary}</p>
            <div class="table-wrap">
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{t(lang, "dashboard-theme")}</th>
                            <th scope="col">{t(lang, "chart-actual")}</th>
                            <th scope="col">{t(lang, "chart-expected")}</th>
                            <th scope="col">{t(lang, "chart-schedule")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {section
                            .themes
                            .into_iter()
                            .map(|theme| {
                                view! {
                                    <tr>
                                        <th scope="row">{format!("{} {}", theme.code, theme.name.get(lang))}</th>
                                        <td class="number">{percent_or_dash(lang, theme.progress.map(|p| p.actual))}</td>
                                        <td class="number">{percent_or_dash(lang, theme.progress.map(|p| p.expected))}</td>
                                        <td>{schedule_words(lang, theme.progress)}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
            <h5>{t(lang, "report-milestones-achieved")}</h5>
            {if achieved.is_empty() {
                view! { <p class="muted">{t(lang, "reports-none")}</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {achieved
                            .into_iter()
                            .map(|m| view! { <li>{format_date(lang, &m.achieved_on.to_string())}" · "<span class="code">{m.code}</span>" "{m.milestone.get(lang).to_owned()}</li> })
                            .collect_view()}
                    </ul>
                }
                .into_any()
            }}
            <h5>{t(lang, "country-dashboard-delayed")}</h5>
            {if delayed.is_empty() {
                view! { <p class="muted">{t(lang, "country-dashboard-none-delayed")}</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {delayed
                            .into_iter()
                            .map(|d| {
                                let narrative = d.narrative.get(lang).to_owned();
                                view! {
                                    <li>
                                        <span class="code">{d.action.code}</span>" "{d.action.title.get(lang).to_owned()}
                                        {(!narrative.is_empty()).then(|| view! { <blockquote>{narrative}</blockquote> })}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                .into_any()
            }}
            <h5>{t(lang, "report-indicators")}</h5>
            {if indicators.is_empty() {
                view! { <p class="muted">{t(lang, "reports-none")}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap">
                        <table>
                            <thead>
                                <tr>
                                    <th scope="col">{t(lang, "col-indicator")}</th>
                                    <th scope="col">{t_args(lang, "report-value-in", &[("year", year.into())])}</th>
                                    <th scope="col">{t(lang, "col-assessment")}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {indicators
                                    .into_iter()
                                    .map(|i| {
                                        view! {
                                            <tr>
                                                <th scope="row">{format!("{} {}", i.code, i.name.get(lang))}</th>
                                                <td>{i.value.map_or_else(|| "—".to_owned(), |v| crate::indicators::format_value(lang, i.kind, v))}</td>
                                                <td>{i.standing.assessment.map_or_else(|| "—".to_owned(), |a| t(lang, a.status.label_key()))}</td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
                .into_any()
            }}
        </section>
    }
}
