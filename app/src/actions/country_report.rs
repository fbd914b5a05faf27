//! One action in one country (`/countries/{iso2}/actions/{code}`): where it stands, its milestones,
//! its history, and for those allowed the form that updates it. The form posts to a server function
//! and works without JavaScript; hydrated, it saves in place.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

use super::attachments::{download_path, upload_problem_limit, AttachmentRow, UPLOAD_PATH};
use super::report::EvidenceLink;
use crate::domain::{Bilingual, Status};
use crate::error::AppError;
use crate::i18n::{format_date, format_percent, t, t_args, Lang};
use crate::layout::{
    page_or_error, successes, use_lang, DelayedBadge, FormError, Loading, StatusBadge, TextArea,
};

/// Everything the page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CountryReportView {
    pub action_id: i32,
    pub code: String,
    pub title: Bilingual,
    pub country_iso2: String,
    pub country_name: Bilingual,
    /// `None` until the country first reports on the action.
    pub status: Option<Status>,
    pub narrative_en: String,
    pub narrative_es: String,
    pub evidence: Vec<EvidenceLink>,
    /// Files attached as evidence, oldest first.
    pub attachments: Vec<AttachmentRow>,
    /// The version a save must name (0 before the first report).
    pub version: i32,
    /// `YYYY-MM-DD` of the last update, and who made it.
    pub updated_on: Option<String>,
    pub updated_by: Option<String>,
    /// Progress (0..1) by the formulas of `progress`; `None` for actions left out of the means.
    pub progress: Option<f64>,
    pub delayed: bool,
    pub milestones: Vec<MilestoneProgressRow>,
    pub history: Vec<HistoryEntry>,
    /// Reviewers' and the secretariat's comments, oldest first.
    pub comments: Vec<CommentRow>,
    /// Whether the viewer may update this country's report.
    pub can_edit: bool,
    /// Whether the viewer may comment on it.
    pub can_comment: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CommentRow {
    /// `YYYY-MM-DD`
    pub day: String,
    pub author: String,
    pub body: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MilestoneProgressRow {
    pub id: i32,
    pub title: Bilingual,
    /// `YYYY-MM-DD`
    pub due_on: String,
    pub achieved_on: Option<String>,
    pub note: String,
}

/// One change in the history of the report, newest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HistoryEntry {
    /// `YYYY-MM-DD`
    pub day: String,
    /// The country, where changes of several countries are listed together.
    pub country: Option<Bilingual>,
    pub actor: Option<String>,
    pub change: HistoryChange,
    pub comment: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum HistoryChange {
    Status {
        before: Option<Status>,
        after: Status,
    },
    Milestone {
        title: Bilingual,
        achieved_on: Option<String>,
    },
    Narrative,
    Evidence,
}

/// The update form as the browser sends it: every field as typed, checked on the server.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportForm {
    pub action_id: i32,
    pub country: String,
    pub version: i32,
    pub status: String,
    #[serde(default)]
    pub narrative_en: String,
    #[serde(default)]
    pub narrative_es: String,
    #[serde(default)]
    pub comment: String,
    #[serde(default)]
    pub milestones: Vec<MilestoneForm>,
    #[serde(default)]
    pub evidence: Vec<EvidenceForm>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EvidenceForm {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub url: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MilestoneForm {
    pub milestone_id: i32,
    /// `YYYY-MM-DD`, or empty when not achieved.
    #[serde(default)]
    pub achieved_on: String,
    #[serde(default)]
    pub note: String,
}

impl ReportForm {
    /// The report the form describes, or the fields that cannot be read.
    pub fn parse(self) -> Result<super::report::ActionReport, AppError> {
        use crate::error::Problem;
        let country = crate::domain::country_code(&self.country).ok_or(AppError::NotFound)?;
        let mut problems = Vec::new();
        let status = Status::from_code(self.status.trim());
        if status.is_none() {
            problems.push(Problem::new("status", "problem-status-invalid"));
        }
        let mut milestones = Vec::new();
        for milestone in self.milestones {
            let text = milestone.achieved_on.trim();
            let achieved_on = if text.is_empty() {
                None
            } else {
                match text.parse() {
                    Ok(day) => Some(day),
                    Err(_) => {
                        problems.push(Problem::new("milestones", "problem-date-invalid"));
                        None
                    }
                }
            };
            milestones.push(super::report::MilestoneReport {
                milestone_id: milestone.milestone_id,
                achieved_on,
                note: milestone.note,
            });
        }
        // The form offers an empty row for a new link: rows left empty are not links.
        let evidence = self
            .evidence
            .into_iter()
            .filter(|row| !(row.title.trim().is_empty() && row.url.trim().is_empty()))
            .map(|row| EvidenceLink {
                title: row.title,
                url: row.url,
            })
            .collect();
        match status {
            Some(status) if problems.is_empty() => Ok(super::report::ActionReport {
                action_id: self.action_id,
                country,
                version: self.version,
                status,
                narrative_en: self.narrative_en,
                narrative_es: self.narrative_es,
                milestones,
                comment: self.comment,
                evidence,
            }),
            _ => Err(AppError::Invalid(problems)),
        }
    }
}

/// The address of an action's page in a country.
pub fn country_report_path(iso2: &str, code: &str) -> String {
    format!("/countries/{}/actions/{code}", iso2.to_ascii_lowercase())
}

#[server(endpoint = "country-report", input = GetUrl)]
pub async fn get_country_report(iso2: String, code: String) -> Result<CountryReportView, AppError> {
    let viewer = crate::access::require(crate::access::Permission::Read)?;
    super::queries::country_report(&crate::db::use_db()?, &viewer, &iso2, &code).await
}

#[server(endpoint = "actions/report")]
pub async fn save_country_report(report: ReportForm) -> Result<(), AppError> {
    let viewer = crate::access::require(crate::access::Permission::Read)?;
    let report = report.parse()?;
    let db = crate::db::use_db()?;
    super::service::save_report(&db, &viewer, &report, chrono::Utc::now()).await?;
    crate::live::publish(crate::live::PlanChange {
        kind: "report".to_owned(),
        country: report.country.clone(),
    });
    let code = super::queries::action_code(&db, report.action_id).await?;
    crate::urls::redirect(&format!(
        "{}?saved=1",
        country_report_path(&report.country, &code)
    ));
    Ok(())
}

#[server(endpoint = "actions/comment")]
pub async fn add_report_comment(
    action_id: i32,
    country: String,
    body: String,
) -> Result<(), AppError> {
    let viewer = crate::access::require(crate::access::Permission::Comment)?;
    let country = crate::domain::country_code(&country).ok_or(AppError::NotFound)?;
    let db = crate::db::use_db()?;
    super::service::add_comment(&db, &viewer, action_id, &country, &body, chrono::Utc::now())
        .await?;
    let code = super::queries::action_code(&db, action_id).await?;
    crate::urls::redirect(&format!(
        "{}#comments",
        country_report_path(&country, &code)
    ));
    Ok(())
}

#[component]
pub fn CountryReportPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let query = use_query_map();
    let save = ServerAction::<SaveCountryReport>::new();
    let comment = ServerAction::<AddReportComment>::new();
    let (saves, comments) = (successes(save), successes(comment));
    let report = Resource::new(
        move || {
            let params = params.read();
            (
                params.get("iso2").unwrap_or_default(),
                params.get("code").unwrap_or_default(),
                saves.get(),
                comments.get(),
            )
        },
        |(iso2, code, _, _)| get_country_report(iso2, code),
    );
    let saved = move || {
        let saved =
            query.read().get("saved").is_some() || matches!(save.value().get(), Some(Ok(())));
        saved.then(|| view! { <p class="form-saved" role="status">{t(lang, "report-saved")}</p> })
    };
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                page_or_error(
                    report.await,
                    move |report| view! { <CountryReportView report save comment saved lang/> },
                )
            })}
        </Suspense>
    }
}

#[component]
fn CountryReportView<F, V>(
    report: CountryReportView,
    save: ServerAction<SaveCountryReport>,
    comment: ServerAction<AddReportComment>,
    saved: F,
    lang: Lang,
) -> impl IntoView
where
    F: Fn() -> Option<V> + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let label = t_args(
        lang,
        "action-heading",
        &[("code", report.code.clone().into())],
    );
    let title = report.title.get(lang).to_owned();
    let country = report.country_name.get(lang).to_owned();
    let progress = report.progress.map(|share| format_percent(lang, share));
    let updated = report.updated_on.clone().map(|day| {
        t_args(
            lang,
            "report-updated-by",
            &[
                ("date", format_date(lang, &day).into()),
                (
                    "who",
                    report
                        .updated_by
                        .clone()
                        .unwrap_or_else(|| t(lang, "audit-system"))
                        .into(),
                ),
            ],
        )
    });
    let form = report
        .can_edit
        .then(|| view! { <ReportEditForm report=report.clone() save lang/> });
    view! {
        <Title text=format!("{label}: {title} · {country}")/>
        <p class="breadcrumb">
            <a href=format!("/countries/{}", report.country_iso2.to_ascii_lowercase())>
                {country.clone()}
            </a>
            " › "
            <a href=format!("/actions/{}", report.code)>{label.clone()}</a>
        </p>
        <h1>
            <span class="code">{label}</span>
            " "
            {title}
        </h1>
        {saved}
        <dl class="facts">
            <div>
                <dt>{t(lang, "field-status")}</dt>
                <dd>
                    <StatusBadge status=report.status/>
                    {report
                        .delayed
                        .then(|| view! { " " <DelayedBadge/> })}
                </dd>
            </div>
            <div>
                <dt>{t(lang, "report-progress")}</dt>
                <dd>{progress.unwrap_or_else(|| t(lang, "report-progress-none"))}</dd>
            </div>
            {updated
                .map(|updated| {
                    view! {
                        <div>
                            <dt>{t(lang, "col-updated")}</dt>
                            <dd>{updated}</dd>
                        </div>
                    }
                })}
        </dl>
        <Narrative report=report.clone() lang/>
        <EvidenceList links=report.evidence.clone() lang/>
        <Attachments report=report.clone() lang/>
        <MilestoneTable milestones=report.milestones.clone() lang/>
        {form}
        <Comments report=report.clone() action=comment lang/>
        <History history=report.history lang/>
    }
}

#[component]
fn Comments(
    report: CountryReportView,
    action: ServerAction<AddReportComment>,
    lang: Lang,
) -> impl IntoView {
    let form = report.can_comment.then(|| {
        view! {
            <FormError action/>
            <ActionForm action attr:class="form form--wide">
                <input type="hidden" name="action_id" value=report.action_id/>
                <input type="hidden" name="country" value=report.country_iso2.clone()/>
                <label for="comment-body">{t(lang, "report-comment-body")}</label>
                <TextArea {..} id="comment-body" name="body" rows="3" maxlength="2000" required=true/>
                <button type="submit">{t(lang, "report-comment-submit")}</button>
            </ActionForm>
        }
    });
    view! {
        <section id="comments" aria-labelledby="comments-heading">
            <h2 id="comments-heading">{t(lang, "report-comments-heading")}</h2>
            {if report.comments.is_empty() {
                view! { <p class="muted">{t(lang, "report-comments-empty")}</p> }.into_any()
            } else {
                view! {
                    <ol class="comments">
                        {report
                            .comments
                            .into_iter()
                            .map(|c| {
                                view! {
                                    <li>
                                        <p class="comments__meta">
                                            <span class="timeline__who">{c.author}</span>
                                            " · "
                                            <time datetime=c.day.clone()>{format_date(lang, &c.day)}</time>
                                        </p>
                                        <p class="narrative">{c.body}</p>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ol>
                }
                    .into_any()
            }}
            {form}
        </section>
    }
}

#[component]
fn Narrative(report: CountryReportView, lang: Lang) -> impl IntoView {
    let text = match lang {
        Lang::En => [report.narrative_en, report.narrative_es],
        Lang::Es => [report.narrative_es, report.narrative_en],
    }
    .into_iter()
    .find(|text| !text.trim().is_empty());
    view! {
        <section aria-labelledby="narrative-heading">
            <h2 id="narrative-heading">{t(lang, "field-narrative")}</h2>
            {match text {
                Some(text) => view! { <p class="narrative">{text}</p> }.into_any(),
                None => view! { <p class="muted">{t(lang, "report-no-narrative")}</p> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn EvidenceList(links: Vec<EvidenceLink>, lang: Lang) -> impl IntoView {
    view! {
        <section aria-labelledby="evidence-heading">
            <h2 id="evidence-heading">{t(lang, "field-evidence")}</h2>
            {if links.is_empty() {
                view! { <p class="muted">{t(lang, "report-no-evidence")}</p> }.into_any()
            } else {
                view! {
                    <ul class="evidence">
                        {links
                            .into_iter()
                            .map(|link| {
                                view! {
                                    <li>
                                        <a href=link.url rel="noopener noreferrer nofollow">
                                            {link.title}
                                        </a>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </section>
    }
}

/// The files attached as evidence, and for those who may edit, the upload form: a plain multipart
/// form post, with or without JavaScript.
#[component]
fn Attachments(report: CountryReportView, lang: Lang) -> impl IntoView {
    let query = use_query_map();
    let attached = query.read_untracked().get("attached").is_some();
    let problem = query
        .read_untracked()
        .get("attachment_problem")
        .and_then(|key| {
            upload_problem_limit(&key).map(|limit| t_args(lang, &key, &[("limit", limit.into())]))
        });
    let form = report.can_edit.then(|| {
        view! {
            <form method="post" action=UPLOAD_PATH enctype="multipart/form-data" class="form">
                <input type="hidden" name="action_id" value=report.action_id/>
                <input type="hidden" name="country" value=report.country_iso2.clone()/>
                <label for="attachment-file">{t(lang, "attachment-file")}</label>
                <input
                    id="attachment-file"
                    type="file"
                    name="file"
                    required
                    accept=".pdf,.png,.jpg,.jpeg,.gif,.webp,.docx,.xlsx,.pptx,.odt,.ods,.odp"
                />
                <p class="muted">{t(lang, "attachment-rules")}</p>
                <button type="submit">{t(lang, "attachment-submit")}</button>
            </form>
        }
    });
    view! {
        <section id="attachments" aria-labelledby="attachments-heading">
            <h2 id="attachments-heading">{t(lang, "attachments-heading")}</h2>
            {attached.then(|| view! { <p class="form-saved" role="status">{t(lang, "attachment-saved")}</p> })}
            {problem
                .map(|message| {
                    view! {
                        <div class="form-error" role="alert">
                            <p class="form-error__title">{t(lang, "error-invalid-title")}</p>
                            <p>{message}</p>
                        </div>
                    }
                })}
            {if report.attachments.is_empty() {
                view! { <p class="muted">{t(lang, "attachments-empty")}</p> }.into_any()
            } else {
                view! {
                    <ul class="evidence">
                        {report
                            .attachments
                            .into_iter()
                            .map(|file| {
                                let size = t_args(
                                    lang,
                                    "attachment-size",
                                    &[("kilobytes", ((file.size_bytes + 1023) / 1024).into())],
                                );
                                view! {
                                    <li>
                                        <a href=download_path(file.id) download>{file.file_name}</a>
                                        <span class="muted">
                                            " · " {size} " · "
                                            <time datetime=file
                                                .uploaded_on
                                                .clone()>{format_date(lang, &file.uploaded_on)}</time>
                                            {file.uploaded_by.map(|who| view! { " · " {who} })}
                                        </span>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
            {form}
        </section>
    }
}

#[component]
fn MilestoneTable(milestones: Vec<MilestoneProgressRow>, lang: Lang) -> impl IntoView {
    if milestones.is_empty() {
        return view! { <p class="muted">{t(lang, "no-milestones")}</p> }.into_any();
    }
    view! {
        <section aria-labelledby="milestones-heading">
            <h2 id="milestones-heading">{t(lang, "action-milestones-heading")}</h2>
            <div class="table-wrap">
                <table aria-labelledby="milestones-heading">
                    <thead>
                        <tr>
                            <th scope="col">{t(lang, "col-title")}</th>
                            <th scope="col">{t(lang, "col-due")}</th>
                            <th scope="col">{t(lang, "report-achieved-on")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {milestones
                            .into_iter()
                            .map(|m| {
                                view! {
                                    <tr>
                                        <th scope="row">{m.title.get(lang).to_owned()}</th>
                                        <td>
                                            <time datetime=m.due_on.clone()>{format_date(lang, &m.due_on)}</time>
                                        </td>
                                        <td>
                                            {match m.achieved_on {
                                                Some(day) => {
                                                    view! { <time datetime=day.clone()>{format_date(lang, &day)}</time> }
                                                        .into_any()
                                                }
                                                None => view! { <span class="muted">{t(lang, "report-not-achieved")}</span> }.into_any(),
                                            }}
                                        </td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
    .into_any()
}

/// The update form. Field names follow the server function's argument (`report[...]`), so the same
/// form posts without JavaScript and through the hydrated action.
#[component]
fn ReportEditForm(
    report: CountryReportView,
    save: ServerAction<SaveCountryReport>,
    lang: Lang,
) -> impl IntoView {
    let current = report.status.unwrap_or(Status::NotStarted);
    view! {
        <section aria-labelledby="update-heading">
            <h2 id="update-heading">{t(lang, "report-update-heading")}</h2>
            <FormError action=save/>
            <ActionForm action=save attr:class="form form--wide">
                <input type="hidden" name="report[action_id]" value=report.action_id/>
                <input type="hidden" name="report[country]" value=report.country_iso2.clone()/>
                <input type="hidden" name="report[version]" value=report.version/>
                <label for="report-status">{t(lang, "field-status")}</label>
                <select id="report-status" name="report[status]">
                    {Status::ALL
                        .iter()
                        .map(|status| {
                            view! {
                                <option value=status.code() selected=*status == current>
                                    {t(lang, status.label_key())}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <label for="report-narrative-en">{t(lang, "report-narrative-en")}</label>
                <TextArea
                    value=report.narrative_en.clone()
                    {..}
                    id="report-narrative-en"
                    name="report[narrative_en]"
                    rows="5"
                    maxlength="10000"
                />
                <label for="report-narrative-es">{t(lang, "report-narrative-es")}</label>
                <TextArea
                    value=report.narrative_es.clone()
                    {..}
                    id="report-narrative-es"
                    name="report[narrative_es]"
                    rows="5"
                    maxlength="10000"
                />
                {(!report.milestones.is_empty())
                    .then(|| {
                        view! {
                            <fieldset class="milestone-fields">
                                <legend>{t(lang, "report-milestones-legend")}</legend>
                                {report
                                    .milestones
                                    .iter()
                                    .enumerate()
                                    .map(|(index, m)| {
                                        let date_id = format!("milestone-{}-achieved", m.id);
                                        let note_id = format!("milestone-{}-note", m.id);
                                        view! {
                                            <div class="milestone-field">
                                                <input
                                                    type="hidden"
                                                    name=format!("report[milestones][{index}][milestone_id]")
                                                    value=m.id
                                                />
                                                <p class="milestone-field__title">{m.title.get(lang).to_owned()}</p>
                                                <label for=date_id.clone()>{t(lang, "report-achieved-on")}</label>
                                                <input
                                                    id=date_id
                                                    type="date"
                                                    name=format!("report[milestones][{index}][achieved_on]")
                                                    value=m.achieved_on.clone().unwrap_or_default()
                                                />
                                                <label for=note_id.clone()>{t(lang, "report-milestone-note")}</label>
                                                <input
                                                    id=note_id
                                                    type="text"
                                                    maxlength="1000"
                                                    name=format!("report[milestones][{index}][note]")
                                                    value=m.note.clone()
                                                />
                                            </div>
                                        }
                                    })
                                    .collect_view()}
                            </fieldset>
                        }
                    })}
                <fieldset class="milestone-fields">
                    <legend>{t(lang, "report-evidence-legend")}</legend>
                    {report
                        .evidence
                        .iter()
                        .cloned()
                        .chain(std::iter::once(EvidenceLink {
                            title: String::new(),
                            url: String::new(),
                        }))
                        .enumerate()
                        .map(|(index, link)| {
                            let title_id = format!("evidence-{index}-title");
                            let url_id = format!("evidence-{index}-url");
                            view! {
                                <div class="milestone-field">
                                    <label for=title_id.clone()>{t(lang, "report-evidence-title")}</label>
                                    <input
                                        id=title_id
                                        type="text"
                                        maxlength="300"
                                        name=format!("report[evidence][{index}][title]")
                                        value=link.title
                                    />
                                    <label for=url_id.clone()>{t(lang, "report-evidence-url")}</label>
                                    <input
                                        id=url_id
                                        type="url"
                                        maxlength="2000"
                                        placeholder="https://"
                                        name=format!("report[evidence][{index}][url]")
                                        value=link.url
                                    />
                                </div>
                            }
                        })
                        .collect_view()}
                </fieldset>
                <label for="report-comment">{t(lang, "report-comment")}</label>
                <input id="report-comment" type="text" name="report[comment]" maxlength="2000"/>
                <button type="submit">{t(lang, "save")}</button>
            </ActionForm>
        </section>
    }
}

/// The history of a report, or of an action across countries, newest first.
#[component]
pub fn History(history: Vec<HistoryEntry>, lang: Lang) -> impl IntoView {
    view! {
        <section aria-labelledby="history-heading">
            <h2 id="history-heading">{t(lang, "report-history-heading")}</h2>
            {if history.is_empty() {
                view! { <p class="muted">{t(lang, "report-history-empty")}</p> }.into_any()
            } else {
                view! {
                    <ol class="timeline">
                        {history
                            .into_iter()
                            .map(|entry| {
                                let what = match entry.change {
                                    HistoryChange::Status { before, after } => t_args(
                                        lang,
                                        "history-status",
                                        &[
                                            (
                                                "before",
                                                before
                                                    .map(|s| t(lang, s.label_key()))
                                                    .unwrap_or_else(|| t(lang, "not-updated"))
                                                    .into(),
                                            ),
                                            ("after", t(lang, after.label_key()).into()),
                                        ],
                                    ),
                                    HistoryChange::Milestone { title, achieved_on: Some(day) } => t_args(
                                        lang,
                                        "history-milestone-achieved",
                                        &[
                                            ("milestone", title.get(lang).to_owned().into()),
                                            ("date", format_date(lang, &day).into()),
                                        ],
                                    ),
                                    HistoryChange::Milestone { title, achieved_on: None } => t_args(
                                        lang,
                                        "history-milestone-open",
                                        &[("milestone", title.get(lang).to_owned().into())],
                                    ),
                                    HistoryChange::Narrative => t(lang, "history-narrative"),
                                    HistoryChange::Evidence => t(lang, "history-evidence"),
                                };
                                let who = entry.actor.unwrap_or_else(|| t(lang, "audit-system"));
                                let country = entry
                                    .country
                                    .map(|name| view! { <span class="timeline__country">{name.get(lang).to_owned()}</span> " · " });
                                view! {
                                    <li>
                                        <time datetime=entry.day.clone()>{format_date(lang, &entry.day)}</time>
                                        " · "
                                        {country}
                                        <span class="timeline__who">{who}</span>
                                        ": "
                                        {what}
                                        {entry.comment.map(|comment| view! { <q class="timeline__comment">{comment}</q> })}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ol>
                }
                    .into_any()
            }}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> ReportForm {
        ReportForm {
            action_id: 3,
            country: "CR".into(),
            version: 2,
            status: "completed".into(),
            narrative_en: "Done.".into(),
            narrative_es: String::new(),
            comment: String::new(),
            milestones: vec![
                MilestoneForm {
                    milestone_id: 5,
                    achieved_on: "2026-02-01".into(),
                    note: String::new(),
                },
                MilestoneForm {
                    milestone_id: 6,
                    achieved_on: " ".into(),
                    note: "pending".into(),
                },
            ],
            evidence: vec![
                EvidenceForm {
                    title: "Decree".into(),
                    url: "https://example.org/decree".into(),
                },
                EvidenceForm {
                    title: " ".into(),
                    url: String::new(),
                },
            ],
        }
    }

    #[test]
    fn a_form_becomes_a_report() {
        let report = form().parse().unwrap();
        assert_eq!(report.status, Status::Completed);
        assert_eq!(
            report.milestones[0].achieved_on,
            Some("2026-02-01".parse().unwrap())
        );
        assert_eq!(report.milestones[1].achieved_on, None);
        assert_eq!(report.evidence.len(), 1, "the empty row is not a link");
    }

    #[test]
    fn an_unknown_status_and_an_unreadable_date_are_named() {
        let mut bad = form();
        bad.status = "delayed".into();
        bad.milestones[0].achieved_on = "01/02/2026".into();
        let Err(AppError::Invalid(problems)) = bad.parse() else {
            panic!("expected invalid input");
        };
        let fields: Vec<(&str, &str)> = problems
            .iter()
            .map(|p| (p.field.as_str(), p.key.as_str()))
            .collect();
        assert_eq!(
            fields,
            [
                ("status", "problem-status-invalid"),
                ("milestones", "problem-date-invalid")
            ]
        );
    }

    #[test]
    fn the_page_address_uses_the_lower_case_country_code() {
        assert_eq!(
            country_report_path("CR", "1.1.2"),
            "/countries/cr/actions/1.1.2"
        );
    }
}
