//! One action in one country (`/countries/{iso2}/actions/{code}`): where it stands, its milestones,
//! its history, and for those allowed the form that updates it (`crate::forms`: the same with and
//! without JavaScript).

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::actions::attachments::upload_problem_limit;
use crate::actions::rules::EvidenceLink;
use crate::actions::types::{
    CountryActionView, HistoryChange, HistoryEntry, MilestoneProgressRow, UpdateForm,
};
use crate::domain::Status;
use crate::error::AppError;
use crate::error::Problem;
use crate::forms::{FieldError, FormState, PageForm};
use crate::i18n::{format_date, format_percent, t, t_args, Lang};
use crate::layout::{page_or_error, use_lang, DelayedBadge, Loading, StatusBadge, TextArea};

#[server(endpoint = "country-action", input = GetUrl)]
pub async fn get_country_action(iso2: String, code: String) -> Result<CountryActionView, AppError> {
    let viewer = crate::access::require(crate::access::Permission::Read)?;
    crate::actions::queries::country_action(&crate::db::use_db()?, &viewer, &iso2, &code).await
}

#[server(endpoint = "actions/update")]
pub async fn save_country_update(update: UpdateForm) -> Result<(), AppError> {
    let viewer = crate::access::require(crate::access::Permission::Read)?;
    let update = update.parse()?;
    let db = crate::db::use_db()?;
    let saved =
        crate::actions::service::save_update(&db, &viewer, &update, chrono::Utc::now()).await?;
    crate::urls::redirect(&format!(
        "{}?saved=1",
        crate::urls::country_action_path(&update.country, &saved.action_code)
    ));
    Ok(())
}

#[server(endpoint = "actions/comment")]
pub async fn add_update_comment(
    action_id: i32,
    country: String,
    body: String,
) -> Result<(), AppError> {
    let viewer = crate::access::require(crate::access::Permission::Comment)?;
    let country = crate::domain::country_code(&country).ok_or(AppError::NotFound)?;
    let db = crate::db::use_db()?;
    crate::actions::service::add_comment(
        &db,
        &viewer,
        action_id,
        &country,
        &body,
        chrono::Utc::now(),
    )
    .await?;
    let code = crate::actions::queries::action_code(&db, action_id).await?;
    crate::urls::redirect(&format!(
        "{}#comments",
        crate::urls::country_action_path(&country, &code)
    ));
    Ok(())
}

#[component]
pub fn CountryActionPage() -> impl IntoView {
    // The same for everyone who sees the same navigation, but that the country's own focal points
    // (and the secretariat, by its role) see its status form, and reviewers the comment form: the
    // page memory keeps the focal points apart by the address.
    crate::layout::same_but_the_name(crate::layout::SameFor::TheNavigation);
    let lang = use_lang();
    let params = use_params_map();
    let query = use_query_map();
    let update = Resource::new(
        move || {
            let params = params.read();
            (
                params.get("iso2").unwrap_or_default(),
                params.get("code").unwrap_or_default(),
            )
        },
        |(iso2, code)| get_country_action(iso2, code),
    );
    let saved = query.read_untracked().get("saved").is_some();
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                page_or_error(
                    update.await,
                    move |update| view! { <CountryActionBody update saved lang/> },
                )
            })}
        </Suspense>
    }
}

#[component]
fn CountryActionBody(update: CountryActionView, saved: bool, lang: Lang) -> impl IntoView {
    let label = t_args(
        lang,
        "action-heading",
        &[("code", update.code.clone().into())],
    );
    let title = update.title.get(lang).to_owned();
    let country = update.country_name.get(lang).to_owned();
    let progress = update.progress.map(|share| format_percent(lang, share));
    let updated = update.updated_on.clone().map(|day| {
        t_args(
            lang,
            "update-updated-by",
            &[
                ("date", format_date(lang, &day).into()),
                (
                    "who",
                    update
                        .updated_by
                        .clone()
                        .unwrap_or_else(|| t(lang, "audit-system"))
                        .into(),
                ),
            ],
        )
    });
    let closed_by_plan = if !update.takes_part {
        Some(t_args(
            lang,
            "update-not-taking-part-note",
            &[("country", country.clone().into())],
        ))
    } else if update.retired {
        Some(t(lang, "update-action-retired"))
    } else {
        None
    };
    let form = match (closed_by_plan, update.locked_year) {
        (Some(note), _) => Some(view! { <p class="notice" role="note">{note}</p> }.into_any()),
        (None, Some(year)) => Some(
            view! {
                <p class="notice" role="note">
                    {t_args(lang, "update-locked", &[("year", year.into())])}
                </p>
            }
            .into_any(),
        ),
        (None, None) => update
            .can_edit
            .then(|| view! { <UpdateEditor update=update.clone() lang/> }.into_any()),
    };
    let saved = (saved && !FormState::new(SaveCountryUpdate::PATH).is_refused())
        .then(|| view! { <crate::forms::Saved message=t(lang, "update-saved")/> });
    view! {
        <Title text=format!("{label}: {title} · {country}")/>
        <p class="breadcrumb">
            <a href=crate::urls::country_path(&update.country_iso2)>
                {country.clone()}
            </a>
            " › "
            <a href=crate::urls::action_path(&update.code)>{label.clone()}</a>
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
                    <StatusBadge status=update.status/>
                    {update
                        .delayed
                        .then(|| view! { " " <DelayedBadge/> })}
                </dd>
            </div>
            <div>
                <dt>{t(lang, "update-progress")}</dt>
                <dd>{progress.unwrap_or_else(|| t(lang, "update-progress-none"))}</dd>
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
        <Narrative update=update.clone() lang/>
        <EvidenceList links=update.evidence.clone() lang/>
        <Attachments update=update.clone() lang/>
        <MilestoneTable milestones=update.milestones.clone() lang/>
        {form}
        <Comments update=update.clone() lang/>
        <History history=update.history lang/>
    }
}

#[component]
fn Comments(update: CountryActionView, lang: Lang) -> impl IntoView {
    let form = update.can_comment.then(|| {
        let state = FormState::new(AddUpdateComment::PATH);
        view! {
            <PageForm state=state.clone() targets=comment_targets class="form form--wide">
                <input type="hidden" name="action_id" value=update.action_id/>
                <input type="hidden" name="country" value=update.country_iso2.clone()/>
                <label for="comment-body">{t(lang, "update-comment-body")}</label>
                <FieldError state=state.clone() field="comment"/>
                <TextArea
                    value=state.value("body", "")
                    {..}
                    id="comment-body"
                    name="body"
                    rows="3"
                    maxlength="2000"
                    required=true
                    aria-invalid=state.invalid("comment")
                    aria-describedby=state.described_by("comment")
                />
                <button type="submit">{t(lang, "update-comment-submit")}</button>
            </PageForm>
        }
    });
    view! {
        <section id="comments" aria-labelledby="comments-heading">
            <h2 id="comments-heading">{t(lang, "update-comments-heading")}</h2>
            {if update.comments.is_empty() {
                view! { <p class="muted">{t(lang, "update-comments-empty")}</p> }.into_any()
            } else {
                view! {
                    <ol class="comments">
                        {update
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
fn Narrative(update: CountryActionView, lang: Lang) -> impl IntoView {
    let text = match lang {
        Lang::En => [update.narrative_en, update.narrative_es],
        Lang::Es => [update.narrative_es, update.narrative_en],
    }
    .into_iter()
    .find(|text| !text.trim().is_empty());
    view! {
        <section aria-labelledby="narrative-heading">
            <h2 id="narrative-heading">{t(lang, "field-narrative")}</h2>
            {match text {
                Some(text) => view! { <p class="narrative">{text}</p> }.into_any(),
                None => view! { <p class="muted">{t(lang, "update-no-narrative")}</p> }.into_any(),
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
                view! { <p class="muted">{t(lang, "update-no-evidence")}</p> }.into_any()
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

/// The attachments, and for those who may edit, the upload form: a plain multipart
/// form post, with or without JavaScript.
#[component]
fn Attachments(update: CountryActionView, lang: Lang) -> impl IntoView {
    let query = use_query_map();
    let attached = query.read_untracked().get("attached").is_some();
    let problem = query
        .read_untracked()
        .get("attachment_problem")
        .and_then(|key| {
            upload_problem_limit(&key).map(|limit| t_args(lang, &key, &[("limit", limit.into())]))
        });
    let form = update.can_edit.then(|| {
        view! {
            <form method="post" action=crate::urls::UPLOAD_PATH enctype="multipart/form-data" class="form">
                <input type="hidden" name="action_id" value=update.action_id/>
                <input type="hidden" name="country" value=update.country_iso2.clone()/>
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
            {if update.attachments.is_empty() {
                view! { <p class="muted">{t(lang, "attachments-empty")}</p> }.into_any()
            } else {
                view! {
                    <ul class="attachments">
                        {update
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
                                        <a href=crate::urls::attachment_path(file.id) download>{file.file_name}</a>
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
            <div class="table-wrap" tabindex="0">
                <table aria-labelledby="milestones-heading">
                    <thead>
                        <tr>
                            <th scope="col">{t(lang, "col-title")}</th>
                            <th scope="col">{t(lang, "col-due")}</th>
                            <th scope="col">{t(lang, "update-achieved-on")}</th>
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
                                                None => view! { <span class="muted">{t(lang, "update-not-achieved")}</span> }.into_any(),
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

/// The update form. Field names follow the server function's argument (`update[...]`), so the same
/// form posts without JavaScript and through the hydrated action.
fn comment_targets(problem: &Problem) -> Option<String> {
    (problem.field == "comment").then(|| "comment-body".to_owned())
}

/// Where the update form's problems are: each field the rules name has its element.
fn update_targets(problem: &Problem) -> Option<String> {
    let id = match problem.field.as_str() {
        "status" => "update-status",
        "narrative" => "update-narrative-en",
        "milestones" => "update-milestones",
        "evidence" => "update-evidence",
        "comment" => "update-comment",
        _ => return None,
    };
    Some(id.to_owned())
}

#[component]
fn UpdateEditor(update: CountryActionView, lang: Lang) -> impl IntoView {
    let state = FormState::new(SaveCountryUpdate::PATH);
    let current = state.value(
        "update[status]",
        update.status.unwrap_or(Status::NotStarted).code(),
    );
    // What the form shows: what was typed if the server refused it, else what is stored.
    let sent = state.clone();
    let shown = move |name: String, stored: String| sent.value(&name, stored);
    let evidence_rows: Vec<EvidenceLink> = if state.is_refused() {
        (0..=update.evidence.len())
            .map(|index| EvidenceLink {
                title: shown(format!("update[evidence][{index}][title]"), String::new()),
                url: shown(format!("update[evidence][{index}][url]"), String::new()),
            })
            .collect()
    } else {
        update
            .evidence
            .iter()
            .cloned()
            .chain(std::iter::once(EvidenceLink {
                title: String::new(),
                url: String::new(),
            }))
            .collect()
    };
    view! {
        <section aria-labelledby="update-heading">
            <h2 id="update-heading">{t(lang, "update-heading")}</h2>
            <PageForm state=state.clone() targets=update_targets class="form form--wide">
                <input type="hidden" name="update[action_id]" value=update.action_id/>
                <input type="hidden" name="update[country]" value=update.country_iso2.clone()/>
                <input
                    type="hidden"
                    name="update[version]"
                    value=if state.is_conflict() {
                        update.version.to_string()
                    } else {
                        state.value("update[version]", update.version.to_string())
                    }
                />
                <label for="update-status">{t(lang, "field-status")}</label>
                <FieldError state=state.clone() field="status"/>
                <select
                    id="update-status"
                    name="update[status]"
                    aria-invalid=state.invalid("status")
                    aria-describedby=state.described_by("status")
                >
                    {Status::ALL
                        .iter()
                        .map(|status| {
                            view! {
                                <option value=status.code() selected=status.code() == current>
                                    {t(lang, status.label_key())}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <FieldError state=state.clone() field="narrative"/>
                <label for="update-narrative-en">{t(lang, "update-narrative-en")}</label>
                <TextArea
                    value=state.value("update[narrative_en]", update.narrative_en.clone())
                    {..}
                    id="update-narrative-en"
                    name="update[narrative_en]"
                    rows="5"
                    maxlength="10000"
                    aria-invalid=state.invalid("narrative")
                    aria-describedby=state.described_by("narrative")
                />
                <label for="update-narrative-es">{t(lang, "update-narrative-es")}</label>
                <TextArea
                    value=state.value("update[narrative_es]", update.narrative_es.clone())
                    {..}
                    id="update-narrative-es"
                    name="update[narrative_es]"
                    rows="5"
                    maxlength="10000"
                    aria-invalid=state.invalid("narrative")
                    aria-describedby=state.described_by("narrative")
                />
                {(!update.milestones.is_empty())
                    .then(|| {
                        view! {
                            <fieldset
                                class="milestone-fields"
                                id="update-milestones"
                                tabindex="-1"
                                aria-invalid=state.invalid("milestones")
                                aria-describedby=state.described_by("milestones")
                            >
                                <legend>{t(lang, "update-milestones-legend")}</legend>
                                <FieldError state=state.clone() field="milestones"/>
                                {update
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
                                                    name=format!("update[milestones][{index}][milestone_id]")
                                                    value=m.id
                                                />
                                                <p class="milestone-field__title">{m.title.get(lang).to_owned()}</p>
                                                <label for=date_id.clone()>{t(lang, "update-achieved-on")}</label>
                                                <input
                                                    id=date_id
                                                    type="date"
                                                    name=format!("update[milestones][{index}][achieved_on]")
                                                    value=state.value(
                                                        &format!("update[milestones][{index}][achieved_on]"),
                                                        m.achieved_on.clone().unwrap_or_default(),
                                                    )
                                                />
                                                <label for=note_id.clone()>{t(lang, "update-milestone-note")}</label>
                                                <input
                                                    id=note_id
                                                    type="text"
                                                    maxlength="1000"
                                                    name=format!("update[milestones][{index}][note]")
                                                    value=state.value(
                                                        &format!("update[milestones][{index}][note]"),
                                                        m.note.clone(),
                                                    )
                                                />
                                            </div>
                                        }
                                    })
                                    .collect_view()}
                            </fieldset>
                        }
                    })}
                <fieldset
                    class="milestone-fields"
                    id="update-evidence"
                    tabindex="-1"
                    aria-invalid=state.invalid("evidence")
                    aria-describedby=state.described_by("evidence")
                >
                    <legend>{t(lang, "update-evidence-legend")}</legend>
                    <FieldError state=state.clone() field="evidence"/>
                    {evidence_rows
                        .into_iter()
                        .enumerate()
                        .map(|(index, link)| {
                            let title_id = format!("evidence-{index}-title");
                            let url_id = format!("evidence-{index}-url");
                            view! {
                                <div class="milestone-field">
                                    <label for=title_id.clone()>{t(lang, "update-evidence-title")}</label>
                                    <input
                                        id=title_id
                                        type="text"
                                        maxlength="300"
                                        name=format!("update[evidence][{index}][title]")
                                        value=link.title
                                    />
                                    <label for=url_id.clone()>{t(lang, "update-evidence-url")}</label>
                                    <input
                                        id=url_id
                                        type="url"
                                        maxlength="2000"
                                        placeholder="https://"
                                        name=format!("update[evidence][{index}][url]")
                                        value=link.url
                                    />
                                </div>
                            }
                        })
                        .collect_view()}
                </fieldset>
                <label for="update-comment">{t(lang, "update-comment")}</label>
                <FieldError state=state.clone() field="comment"/>
                <input
                    id="update-comment"
                    type="text"
                    name="update[comment]"
                    maxlength="2000"
                    value=state.value("update[comment]", "")
                    aria-invalid=state.invalid("comment")
                    aria-describedby=state.described_by("comment")
                />
                <button type="submit">{t(lang, "save")}</button>
            </PageForm>
        </section>
    }
}

/// The history of an update, or of an action across countries, newest first.
#[component]
pub fn History(history: Vec<HistoryEntry>, lang: Lang) -> impl IntoView {
    view! {
        <section aria-labelledby="history-heading">
            <h2 id="history-heading">{t(lang, "update-history-heading")}</h2>
            {if history.is_empty() {
                view! { <p class="muted">{t(lang, "update-history-empty")}</p> }.into_any()
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
