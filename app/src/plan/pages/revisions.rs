//! The plan's revisions: the history (`/plan/revisions`), where the secretariat starts a revision or
//! loads a plan file as one, and one revision (`/plan/revisions/{number}`), with what it changes
//! and, while it is a draft, the plan to edit part by part, then approve or discard.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::domain::{Bilingual, RevisionState};
use crate::error::{AppError, Problem};
use crate::forms::{no_targets, FieldError, FormState, PageForm, Saved};
use crate::i18n::{format_date, t, t_args, Lang};
use crate::layout::{page_or_error, use_lang, Loading, TextArea};
use crate::plan::changes::{Difference, DifferenceKind};
use crate::plan::types::{
    ActionDefinition, MilestoneDefinition, PlanDefinition, RevisionRow, RevisionView, RevisionsView,
};
use crate::urls;

#[server(endpoint = "plan/revisions", input = GetUrl)]
pub async fn get_revisions() -> Result<RevisionsView, AppError> {
    let viewer = crate::access::require(crate::access::Permission::Read)?;
    crate::plan::queries::revisions(&crate::db::use_db()?, &viewer).await
}

#[server(endpoint = "plan/revision", input = GetUrl)]
pub async fn get_revision(number: String) -> Result<RevisionView, AppError> {
    let viewer = crate::access::require(crate::access::Permission::Read)?;
    let number = number.trim().parse().map_err(|_| AppError::NotFound)?;
    crate::plan::queries::revision(&crate::db::use_db()?, &viewer, number).await
}

/// Starts a draft revision of the plan as last approved.
#[server(endpoint = "plan/revisions/start")]
pub async fn start_revision(reason: String, effective_on: String) -> Result<(), AppError> {
    let viewer = crate::access::require(crate::access::Permission::Coordinate)?;
    let day = parse_day("effective_on", &effective_on)?;
    let db = crate::db::use_db()?;
    let number = crate::plan::service::start_revision(&db, &viewer, &reason, day).await?;
    urls::redirect(&urls::plan_revision_path(number, None));
    Ok(())
}

/// What the form loading a plan file sends: the file chosen (`upload`, its bytes in base64) or
/// pasted.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LoadForm {
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub effective_on: String,
    #[serde(default)]
    pub upload: String,
    #[serde(default)]
    pub plan_file: String,
}

/// Opens a draft revision whose plan is the plan file chosen or pasted.
#[server(endpoint = "plan/revisions/load")]
pub async fn load_revision(form: LoadForm) -> Result<(), AppError> {
    let viewer = crate::access::require(crate::access::Permission::Coordinate)?;
    let day = parse_day("effective_on", &form.effective_on)?;
    let chosen = crate::forms::file_text("file", &form.upload)?;
    let text = if chosen.trim().is_empty() {
        form.plan_file.as_str()
    } else {
        chosen.as_str()
    };
    if text.trim().is_empty() {
        return Err(Problem::new("file", "revision-file-missing").into());
    }
    let db = crate::db::use_db()?;
    let file = ("plan.toml", text);
    let reason = form.reason;
    let number = crate::plan::service::load_revision(&db, &viewer, file, &reason, day).await?;
    urls::redirect(&urls::plan_revision_path(number, None));
    Ok(())
}

/// Changes a draft's reason and effective date.
#[server(endpoint = "plan/revisions/details")]
pub async fn revision_details(
    number: i32,
    reason: String,
    effective_on: String,
    seen: Option<String>,
) -> Result<(), AppError> {
    let effective_on = parse_day("effective_on", &effective_on)?;
    let edit = crate::plan::service::RevisionEdit::Details {
        reason,
        effective_on,
    };
    edit_draft(number, edit, None, seen).await
}

/// Adds (`existing` empty) or changes a theme of a draft.
#[server(endpoint = "plan/revisions/theme")]
pub async fn put_theme(
    number: i32,
    existing: String,
    code: String,
    name_en: String,
    name_es: String,
    seen: Option<String>,
) -> Result<(), AppError> {
    use crate::plan::edits::Put;
    let code = known_code(&existing, &code);
    let anchor = format!("theme-{code}");
    let put = Put::Theme {
        existing: optional(&existing),
        code,
        name: Bilingual::new(name_en.trim(), name_es.trim()),
    };
    edit_draft(
        number,
        crate::plan::service::RevisionEdit::Put(Box::new(put)),
        Some(anchor),
        seen,
    )
    .await
}

/// Adds or changes an objective of a draft.
#[server(endpoint = "plan/revisions/objective")]
#[allow(clippy::too_many_arguments)]
pub async fn put_objective(
    number: i32,
    existing: String,
    theme: String,
    code: String,
    title_en: String,
    title_es: String,
    seen: Option<String>,
) -> Result<(), AppError> {
    use crate::plan::edits::Put;
    let code = known_code(&existing, &code);
    let anchor = format!("objective-{code}");
    let put = Put::Objective {
        existing: optional(&existing),
        theme,
        code,
        title: Bilingual::new(title_en.trim(), title_es.trim()),
    };
    edit_draft(
        number,
        crate::plan::service::RevisionEdit::Put(Box::new(put)),
        Some(anchor),
        seen,
    )
    .await
}

/// What the action form sends.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ActionForm {
    #[serde(default)]
    pub existing: String,
    /// `theme:1` or `objective:1.A`.
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub title_en: String,
    #[serde(default)]
    pub title_es: String,
    #[serde(default)]
    pub description_en: String,
    #[serde(default)]
    pub description_es: String,
    #[serde(default)]
    pub lead: String,
    #[serde(default)]
    pub start_year: String,
    #[serde(default)]
    pub end_year: String,
    #[serde(default)]
    pub weight: String,
    /// Article numbers, separated by commas or spaces.
    #[serde(default)]
    pub articles: String,
    /// ISO codes, separated by commas or spaces; empty: every country.
    #[serde(default)]
    pub countries: String,
}

/// Adds or changes an action of a draft.
#[server(endpoint = "plan/revisions/action")]
pub async fn put_action(
    number: i32,
    form: ActionForm,
    seen: Option<String>,
) -> Result<(), AppError> {
    use crate::plan::edits::{Place, Put};
    let mut problems = Vec::new();
    let mut year = |field: &str, text: &str| {
        text.trim().parse::<i32>().unwrap_or_else(|_| {
            problems.push(Problem::new(field, "plan-field-year"));
            0
        })
    };
    let start_year = year("start_year", &form.start_year);
    let end_year = year("end_year", &form.end_year);
    let weight = parse_weight(&form.weight).unwrap_or_else(|problem| {
        problems.push(problem);
        0.0
    });
    let articles: Vec<i32> = words(&form.articles)
        .filter_map(|word| {
            word.parse().ok().or_else(|| {
                problems.push(Problem::new("articles", "plan-field-articles"));
                None
            })
        })
        .collect();
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems));
    }
    let place = match form.place.split_once(':') {
        Some(("objective", code)) => {
            let theme = theme_of_objective(number, code).await?;
            Place {
                theme,
                objective: Some(code.to_owned()),
            }
        }
        Some((_, code)) => Place {
            theme: code.to_owned(),
            objective: None,
        },
        None => return Err(Problem::new("place", "plan-field-place").into()),
    };
    let text = |value: &str| Some(value.trim().to_owned()).filter(|v| !v.is_empty());
    let description = match (text(&form.description_en), text(&form.description_es)) {
        (None, None) => None,
        (en, es) => Some(Bilingual::new(
            en.unwrap_or_default(),
            es.unwrap_or_default(),
        )),
    };
    let code = known_code(&form.existing, &form.code);
    let anchor = format!("action-{code}");
    let fields = ActionDefinition {
        code,
        title: Bilingual::new(form.title_en.trim(), form.title_es.trim()),
        description,
        lead: text(&form.lead),
        start_year,
        end_year,
        weight,
        articles,
        countries: words(&form.countries)
            .map(|code| code.to_ascii_uppercase())
            .collect(),
        milestones: Vec::new(),
    };
    let put = Put::Action {
        existing: optional(&form.existing),
        place,
        fields,
    };
    edit_draft(
        number,
        crate::plan::service::RevisionEdit::Put(Box::new(put)),
        Some(anchor),
        seen,
    )
    .await
}

/// What the milestone form sends.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MilestoneFields {
    #[serde(default)]
    pub action: String,
    #[serde(default)]
    pub existing: String,
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub title_en: String,
    #[serde(default)]
    pub title_es: String,
    #[serde(default)]
    pub due: String,
    #[serde(default)]
    pub weight: String,
}

/// Adds or changes a milestone of an action of a draft.
#[server(endpoint = "plan/revisions/milestone")]
pub async fn put_milestone(
    number: i32,
    form: MilestoneFields,
    seen: Option<String>,
) -> Result<(), AppError> {
    let MilestoneFields {
        action,
        existing,
        code,
        title_en,
        title_es,
        due,
        weight,
    } = form;
    use crate::plan::edits::Put;
    let due_on = parse_day("due", &due);
    let weight = parse_weight(&weight);
    let (due_on, weight) = match (due_on, weight) {
        (Ok(due_on), Ok(weight)) => (due_on, weight),
        (due_on, weight) => {
            let problems = [due_on.err(), weight.err().map(AppError::from)]
                .into_iter()
                .flatten()
                .flat_map(|error| match error {
                    AppError::Invalid(problems) => problems,
                    _ => Vec::new(),
                })
                .collect();
            return Err(AppError::Invalid(problems));
        }
    };
    let anchor = format!("action-{action}");
    let fields = MilestoneDefinition {
        code: known_code(&existing, &code),
        title: Bilingual::new(title_en.trim(), title_es.trim()),
        due_on,
        weight,
    };
    let put = Put::Milestone {
        action,
        existing: optional(&existing),
        fields,
    };
    edit_draft(
        number,
        crate::plan::service::RevisionEdit::Put(Box::new(put)),
        Some(anchor),
        seen,
    )
    .await
}

/// Moves a part of a draft up or down, or retires it (`direction` `up`, `down` or `retire`).
#[server(endpoint = "plan/revisions/part")]
pub async fn change_part(
    number: i32,
    kind: String,
    code: String,
    action: String,
    direction: String,
    seen: Option<String>,
) -> Result<(), AppError> {
    use crate::plan::edits::Target;
    use crate::plan::service::RevisionEdit;
    let target = match kind.as_str() {
        "theme" => Target::Theme(code),
        "objective" => Target::Objective(code),
        "action" => Target::Action(code),
        "milestone" => Target::Milestone(action, code),
        _ => return Err(AppError::Unreadable),
    };
    let edit = match direction.as_str() {
        "up" => RevisionEdit::Move { target, up: true },
        "down" => RevisionEdit::Move { target, up: false },
        "retire" => RevisionEdit::Retire(target),
        _ => return Err(AppError::Unreadable),
    };
    edit_draft(number, edit, Some("outline".to_owned()), seen).await
}

/// Approves a draft: the plan becomes what it says from its effective date.
#[server(endpoint = "plan/revisions/approve")]
pub async fn approve_revision(number: i32, seen: Option<String>) -> Result<(), AppError> {
    let viewer = crate::access::require(crate::access::Permission::Coordinate)?;
    let today = chrono::Utc::now().date_naive();
    let db = crate::db::use_db()?;
    crate::plan::service::approve_revision(&db, &viewer, number, seen.as_deref(), today).await?;
    urls::redirect(&format!(
        "{}?approved=1",
        urls::plan_revision_path(number, None)
    ));
    Ok(())
}

/// Discards a draft.
#[server(endpoint = "plan/revisions/discard")]
pub async fn discard_revision(number: i32) -> Result<(), AppError> {
    let viewer = crate::access::require(crate::access::Permission::Coordinate)?;
    crate::plan::service::discard_revision(&crate::db::use_db()?, &viewer, number).await?;
    urls::redirect(urls::PLAN_REVISIONS_PATH);
    Ok(())
}

#[cfg(feature = "ssr")]
async fn edit_draft(
    number: i32,
    edit: crate::plan::service::RevisionEdit,
    anchor: Option<String>,
    seen: Option<String>,
) -> Result<(), AppError> {
    let viewer = crate::access::require(crate::access::Permission::Coordinate)?;
    let db = crate::db::use_db()?;
    crate::plan::service::edit_revision(&db, &viewer, number, &edit, seen.as_deref()).await?;
    let anchor: Option<String> = anchor.map(|a| {
        a.chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' {
                    c
                } else {
                    '-'
                }
            })
            .collect()
    });
    urls::redirect(&urls::plan_revision_path(number, anchor.as_deref()));
    Ok(())
}

/// The theme an objective of the draft `number` stands under.
#[cfg(feature = "ssr")]
async fn theme_of_objective(number: i32, objective: &str) -> Result<String, AppError> {
    let viewer = crate::access::require(crate::access::Permission::Coordinate)?;
    let view = crate::plan::queries::revision(&crate::db::use_db()?, &viewer, number).await?;
    view.draft
        .and_then(|plan| {
            plan.themes
                .into_iter()
                .find(|t| t.objectives.iter().any(|o| o.code == objective))
                .map(|t| t.code)
        })
        .ok_or_else(|| Problem::new("place", "plan-field-place").into())
}

/// The code of a part: an existing part keeps its own, a new one takes what was typed.
#[cfg(feature = "ssr")]
fn known_code(existing: &str, typed: &str) -> String {
    if existing.trim().is_empty() {
        typed.trim().to_owned()
    } else {
        existing.trim().to_owned()
    }
}

#[cfg(feature = "ssr")]
fn optional(text: &str) -> Option<String> {
    Some(text.trim().to_owned()).filter(|t| !t.is_empty())
}

#[cfg(feature = "ssr")]
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split([',', ';', ' '])
        .map(str::trim)
        .filter(|w| !w.is_empty())
}

#[cfg(feature = "ssr")]
fn parse_day(field: &str, text: &str) -> Result<chrono::NaiveDate, AppError> {
    text.trim()
        .parse()
        .map_err(|_| Problem::new(field, "plan-field-date").into())
}

#[cfg(feature = "ssr")]
fn parse_weight(text: &str) -> Result<f64, Problem> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(1.0);
    }
    text.replace(',', ".")
        .parse()
        .map_err(|_| Problem::new("weight", "plan-rule-bad-weight"))
}

/// A field of the plan file in words, as the forms name it; the file's own name for any other.
fn field_label(lang: Lang, field: &str) -> String {
    let key = match field {
        "code" => "plan-field-code",
        "name_en" => "plan-field-name-en",
        "name_es" => "plan-field-name-es",
        "title_en" => "plan-field-title-en",
        "title_es" => "plan-field-title-es",
        "description_en" => "plan-field-description-en",
        "description_es" => "plan-field-description-es",
        "lead" => "plan-field-lead",
        "start_year" => "plan-field-start-year",
        "end_year" => "plan-field-end-year",
        "weight" => "plan-field-weight",
        "articles" => "plan-field-articles-label",
        "countries" => "plan-field-countries",
        "due" => "plan-field-due",
        "place" => "plan-field-place",
        "state" => "plan-state-label",
        "approved_on" => "plan-field-approved-on",
        other => return other.to_owned(),
    };
    t(lang, key)
}

/// The id of a refused form's field, for the error summary's links: only the refused form's fields
/// carry ids, so they are unique on the page.
fn field_id(state: &FormState, field: &str) -> Option<String> {
    state
        .is_refused()
        .then(|| format!("revision-field-{field}"))
}

fn field_targets(problem: &Problem) -> Option<String> {
    (problem.field != crate::forms::FORM_FIELD).then(|| format!("revision-field-{}", problem.field))
}

/// The token of the draft a page shows, which its forms send back (`seen`).
#[derive(Clone)]
struct DraftToken(String);

/// The hidden field with the draft's token, in a form of the draft's page.
#[component]
fn Seen() -> impl IntoView {
    use_context::<DraftToken>()
        .map(|token| view! { <input type="hidden" name="seen" value=token.0/> })
}

/// A labelled one-line field of a revision form, with its error beside it.
#[component]
fn Field(
    state: FormState,
    field: &'static str,
    label: String,
    stored: String,
    #[prop(optional)] kind: Option<&'static str>,
    #[prop(optional)] required: bool,
    /// The input's name, when the server function reads it into a struct (`form[code]`).
    #[prop(optional)]
    name: Option<&'static str>,
) -> impl IntoView {
    let name = name.unwrap_or(field);
    view! {
        <div class="field">
            <label>
                {label}
                <input
                    type=kind.unwrap_or("text")
                    name=name
                    id=field_id(&state, field)
                    value=state.value(name, stored)
                    required=required
                    aria-invalid=state.invalid(field)
                    aria-describedby=state.described_by(field)
                />
            </label>
            <FieldError state field/>
        </div>
    }
}

#[component]
pub fn RevisionsPage() -> impl IntoView {
    let lang = use_lang();
    let view = Resource::new(|| (), |_| get_revisions());
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                page_or_error(view.await, move |view| {
                    let title = t(lang, "revisions-title");
                    view! {
                        <Title text=title.clone()/>
                        <p class="breadcrumb">
                            <a href="/plan">{view.plan.title.get(lang).to_owned()}</a>
                        </p>
                        <h1>{title}</h1>
                        <p>
                            <a href=urls::PLAN_FILE_PATH download="">{t(lang, "plan-file-download")}</a>
                        </p>
                        {view.may_edit.then(|| match view.open_draft {
                            Some(number) => view! {
                                <p class="notice">
                                    <a href=urls::plan_revision_path(number, None)>
                                        {t_args(lang, "revision-open-draft", &[("number", number.into())])}
                                    </a>
                                </p>
                            }
                            .into_any(),
                            None => view! { <StartForms lang/> }.into_any(),
                        })}
                        <h2>{t(lang, "revisions-history")}</h2>
                        <RevisionTable revisions=view.revisions lang/>
                    }
                })
            })}
        </Suspense>
    }
}

#[component]
fn RevisionTable(revisions: Vec<RevisionRow>, lang: Lang) -> impl IntoView {
    view! {
        <div class="table-wrap" tabindex="0">
            <table>
                <thead>
                    <tr>
                        <th scope="col">{t(lang, "revision-number")}</th>
                        <th scope="col">{t(lang, "revision-state")}</th>
                        <th scope="col">{t(lang, "revision-effective-on")}</th>
                        <th scope="col">{t(lang, "revision-reason")}</th>
                        <th scope="col">{t(lang, "revision-approved")}</th>
                        <th scope="col">{t(lang, "revision-differences")}</th>
                    </tr>
                </thead>
                <tbody>
                    {revisions
                        .into_iter()
                        .map(|row| {
                            let reason = if row.reason.is_empty() {
                                t(lang, "revision-original")
                            } else {
                                row.reason.clone()
                            };
                            // The day of an RFC 3339 time.
                            let day = |at: &String| format_date(lang, at.get(..10).unwrap_or(at));
                            let approved = match (&row.approved_at, &row.approved_by) {
                                (Some(at), Some(by)) => format!("{} · {by}", day(at)),
                                (Some(at), None) => day(at),
                                _ => String::new(),
                            };
                            view! {
                                <tr>
                                    <td>
                                        <a href=urls::plan_revision_path(row.number, None)>{row.number}</a>
                                    </td>
                                    <td>{t(lang, row.state.label_key())}</td>
                                    <td>{format_date(lang, &row.effective_on.to_string())}</td>
                                    <td>{reason}</td>
                                    <td>{approved}</td>
                                    <td>{row.differences}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// Starting a revision: from the plan as last approved, or from a plan file.
#[component]
fn StartForms(lang: Lang) -> impl IntoView {
    let start = FormState::new(StartRevision::PATH);
    let load = FormState::new(LoadRevision::PATH);
    view! {
        <section aria-labelledby="start-heading">
            <h2 id="start-heading">{t(lang, "revision-start-heading")}</h2>
            <p class="muted">{t(lang, "revision-start-hint")}</p>
            <PageForm state=start.clone() targets=field_targets>
                <DetailsFields state=start reason=String::new() effective_on=String::new() lang/>
                <button type="submit">{t(lang, "revision-start")}</button>
            </PageForm>
        </section>
        <section aria-labelledby="load-heading">
            <h2 id="load-heading">{t(lang, "revision-load-heading")}</h2>
            <p class="muted">{t(lang, "revision-load-hint")}</p>
            <PageForm state=load.clone() targets=field_targets sends_files=true>
                <Field state=load.clone() field="reason" name="form[reason]" label=t(lang, "revision-reason") stored=String::new() required=true/>
                <Field state=load.clone() field="effective_on" name="form[effective_on]" label=t(lang, "revision-effective-on") stored=String::new() kind="date" required=true/>
                <div class="field">
                    <label for="revision-upload">{t(lang, "revision-upload")}</label>
                    <FieldError state=load.clone() field="file"/>
                    <input
                        id="revision-upload"
                        type="file"
                        name="form[upload]"
                        accept=".toml,text/plain"
                        aria-invalid=load.invalid("file")
                        aria-describedby=load.described_by("file")
                    />
                </div>
                <div class="field">
                    <label for="revision-plan-file">{t(lang, "revision-plan-file")}</label>
                    <TextArea value=load.value("form[plan_file]", "") {..}
                        id="revision-plan-file"
                        name="form[plan_file]"
                        rows="12"
                    />
                </div>
                <button type="submit">{t(lang, "revision-load")}</button>
            </PageForm>
        </section>
    }
}

/// A revision's reason and effective date.
#[component]
fn DetailsFields(
    state: FormState,
    reason: String,
    effective_on: String,
    lang: Lang,
) -> impl IntoView {
    view! {
        <Field state=state.clone() field="reason" label=t(lang, "revision-reason") stored=reason required=true/>
        <Field state field="effective_on" label=t(lang, "revision-effective-on") stored=effective_on kind="date" required=true/>
    }
}

#[component]
pub fn RevisionPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let approved = use_query_map().read_untracked().get("approved").is_some();
    let view = Resource::new(
        move || params.read().get("number").unwrap_or_default(),
        get_revision,
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                page_or_error(view.await, move |view| {
                    let number = view.revision.number;
                    let title = t_args(lang, "revision-title", &[("number", number.into())]);
                    let reason = if view.revision.reason.is_empty() {
                        t(lang, "revision-original")
                    } else {
                        view.revision.reason.clone()
                    };
                    view! {
                        <Title text=title.clone()/>
                        <p class="breadcrumb">
                            <a href=urls::PLAN_REVISIONS_PATH>{t(lang, "revisions-title")}</a>
                        </p>
                        <h1>{title}</h1>
                        {(approved && view.revision.state == RevisionState::Approved).then(|| view! {
                            <Saved message=t(lang, "revision-approved-notice")/>
                        })}
                        <dl class="facts">
                            <div>
                                <dt>{t(lang, "revision-state")}</dt>
                                <dd>{t(lang, view.revision.state.label_key())}</dd>
                            </div>
                            <div>
                                <dt>{t(lang, "revision-effective-on")}</dt>
                                <dd>{format_date(lang, &view.revision.effective_on.to_string())}</dd>
                            </div>
                            <div>
                                <dt>{t(lang, "revision-reason")}</dt>
                                <dd>{reason}</dd>
                            </div>
                        </dl>
                        <h2>{t(lang, "revision-changes-heading")}</h2>
                        <DifferenceList differences=view.differences.clone() lang/>
                        {view.draft.clone().map(|plan| view! {
                            <DraftEditor number token=view.token.clone() plan revision=view.revision.clone() countries=view.countries.clone() lang/>
                        })}
                    }
                })
            })}
        </Suspense>
    }
}

#[component]
fn DifferenceList(differences: Vec<Difference>, lang: Lang) -> impl IntoView {
    if differences.is_empty() {
        return view! { <p>{t(lang, "revision-no-changes")}</p> }.into_any();
    }
    view! {
        <ul class="differences">
            {differences
                .into_iter()
                .map(|d| {
                    let part = format!("{} {} “{}”", t(lang, d.kind.name_key()), d.code, d.name.get(lang));
                    let what = match d.what {
                        DifferenceKind::Added => t(lang, "revision-added"),
                        DifferenceKind::Retired => t(lang, "revision-retired"),
                        DifferenceKind::Reordered => t(lang, "revision-reordered"),
                        DifferenceKind::Changed { field, before, after } => t_args(
                            lang,
                            "revision-changed",
                            &[
                                ("field", field_label(lang, &field).into()),
                                ("before", before.into()),
                                ("after", after.into()),
                            ],
                        ),
                    };
                    view! { <li><strong>{part}</strong> ": " {what}</li> }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

/// The draft's plan, part by part, with a form for each, then approving or discarding it.
#[component]
fn DraftEditor(
    number: i32,
    token: String,
    plan: PlanDefinition,
    revision: RevisionRow,
    countries: Vec<(String, Bilingual)>,
    lang: Lang,
) -> impl IntoView {
    provide_context(DraftToken(token));
    let details = FormState::new(RevisionDetails::PATH);
    let approve = FormState::new(ApproveRevision::PATH);
    let discard = FormState::new(DiscardRevision::PATH);
    let places: Vec<(String, String)> = plan
        .themes
        .iter()
        .flat_map(|theme| {
            let own = (
                format!("theme:{}", theme.code),
                format!("{} {}", theme.code, theme.name.get(lang)),
            );
            std::iter::once(own).chain(theme.objectives.iter().map(|o| {
                (
                    format!("objective:{}", o.code),
                    format!("{} {}", o.code, o.title.get(lang)),
                )
            }))
        })
        .collect();
    let codes: Vec<String> = countries.iter().map(|(code, _)| code.clone()).collect();
    let country_hint = t_args(
        lang,
        "plan-field-countries-hint",
        &[("codes", codes.join(", ").into())],
    );
    view! {
        <section aria-labelledby="draft-details-heading">
            <h2 id="draft-details-heading">{t(lang, "revision-details-heading")}</h2>
            <PageForm state=details.clone() targets=field_targets>
                <input type="hidden" name="number" value=number/>
                <Seen/>
                <DetailsFields state=details reason=revision.reason.clone() effective_on=revision.effective_on.to_string() lang/>
                <button type="submit">{t(lang, "save")}</button>
            </PageForm>
        </section>
        <section id="outline" aria-labelledby="outline-heading">
            <h2 id="outline-heading">{t(lang, "revision-outline-heading")}</h2>
            {plan.themes.iter().map(|theme| {
                let theme_form = FormState::one_of(PutTheme::PATH, &theme.code);
                let new_objective = FormState::one_of(PutObjective::PATH, &format!("new:{}", theme.code));
                let new_action = FormState::one_of(PutAction::PATH, &format!("new:theme:{}", theme.code));
                let place = format!("theme:{}", theme.code);
                view! {
                    <section class="theme" id=format!("theme-{}", theme.code)>
                        <h3>
                            <span class="code">{t_args(lang, "theme-heading", &[("code", theme.code.clone().into())])}</span>
                            " " {theme.name.get(lang).to_owned()}
                        </h3>
                        <PartButtons number kind="theme" code=theme.code.clone() action=String::new() lang/>
                        <details open=theme_form.is_refused()>
                            <summary>{t(lang, "revision-edit-theme")}</summary>
                            <ThemeForm number state=theme_form.clone() existing=theme.code.clone() name=theme.name.clone() lang/>
                        </details>
                        {theme.actions.iter().map(|action| view! {
                            <ActionPart number action=action.clone() place=place.clone() places=places.clone() country_hint=country_hint.clone() lang/>
                        }).collect_view()}
                        {theme.objectives.iter().map(|objective| {
                            let objective_form = FormState::one_of(PutObjective::PATH, &objective.code);
                            let objective_place = format!("objective:{}", objective.code);
                            let new_in_objective = FormState::one_of(PutAction::PATH, &format!("new:{objective_place}"));
                            view! {
                                <section class="objective" id=format!("objective-{}", objective.code)>
                                    <h4>
                                        <span class="code">{t_args(lang, "objective-heading", &[("code", objective.code.clone().into())])}</span>
                                        " " {objective.title.get(lang).to_owned()}
                                    </h4>
                                    <PartButtons number kind="objective" code=objective.code.clone() action=String::new() lang/>
                                    <details open=objective_form.is_refused()>
                                        <summary>{t(lang, "revision-edit-objective")}</summary>
                                        <ObjectiveForm number state=objective_form.clone() existing=objective.code.clone() theme=theme.code.clone() title=objective.title.clone() lang/>
                                    </details>
                                    {objective.actions.iter().map(|action| view! {
                                        <ActionPart number action=action.clone() place=objective_place.clone() places=places.clone() country_hint=country_hint.clone() lang/>
                                    }).collect_view()}
                                    <details open=new_in_objective.is_refused()>
                                        <summary>{t(lang, "revision-add-action")}</summary>
                                        <ActionForm number state=new_in_objective.clone() action=None place=objective_place.clone() places=places.clone() country_hint=country_hint.clone() lang/>
                                    </details>
                                </section>
                            }
                        }).collect_view()}
                        <details open=new_action.is_refused()>
                            <summary>{t(lang, "revision-add-action")}</summary>
                            <ActionForm number state=new_action.clone() action=None place places=places.clone() country_hint=country_hint.clone() lang/>
                        </details>
                        <details open=new_objective.is_refused()>
                            <summary>{t(lang, "revision-add-objective")}</summary>
                            <ObjectiveForm number state=new_objective.clone() existing=String::new() theme=theme.code.clone() title=Bilingual::default() lang/>
                        </details>
                    </section>
                }
            }).collect_view()}
            {
                let new_theme = FormState::one_of(PutTheme::PATH, "new");
                view! {
                    <details open=new_theme.is_refused()>
                        <summary>{t(lang, "revision-add-theme")}</summary>
                        <ThemeForm number state=new_theme.clone() existing=String::new() name=Bilingual::default() lang/>
                    </details>
                }
            }
        </section>
        <section aria-labelledby="decide-heading">
            <h2 id="decide-heading">{t(lang, "revision-decide-heading")}</h2>
            <p class="muted">{t(lang, "revision-approve-hint")}</p>
            <PageForm state=approve targets=no_targets>
                <input type="hidden" name="number" value=number/>
                <Seen/>
                <button type="submit">{t(lang, "revision-approve")}</button>
            </PageForm>
            <PageForm state=discard targets=no_targets>
                <input type="hidden" name="number" value=number/>
                <button type="submit" class="button-secondary">{t(lang, "revision-discard")}</button>
            </PageForm>
        </section>
    }
}

/// Move up, move down and retire, for one part of a draft.
#[component]
fn PartButtons(
    number: i32,
    kind: &'static str,
    code: String,
    action: String,
    lang: Lang,
) -> impl IntoView {
    let which = format!("{kind}:{action}/{code}");
    let state = FormState::one_of(ChangePart::PATH, &which);
    view! {
        <PageForm state targets=no_targets class="part-buttons">
            <input type="hidden" name="number" value=number/>
                <Seen/>
            <input type="hidden" name="kind" value=kind/>
            <input type="hidden" name="code" value=code.clone()/>
            <input type="hidden" name="action" value=action/>
            <button type="submit" name="direction" value="up">{t_args(lang, "revision-move-up", &[("code", code.clone().into())])}</button>
            <button type="submit" name="direction" value="down">{t_args(lang, "revision-move-down", &[("code", code.clone().into())])}</button>
            <button type="submit" name="direction" value="retire" class="button-secondary">{t_args(lang, "revision-retire", &[("code", code.into())])}</button>
        </PageForm>
    }
}

#[component]
fn ThemeForm(
    number: i32,
    state: FormState,
    existing: String,
    name: Bilingual,
    lang: Lang,
) -> impl IntoView {
    let is_new = existing.is_empty();
    view! {
        <PageForm state=state.clone() targets=field_targets>
            <input type="hidden" name="number" value=number/>
                <Seen/>
            <input type="hidden" name="existing" value=existing.clone()/>
            {is_new.then(|| view! { <Field state=state.clone() field="code" label=t(lang, "plan-field-code") stored=String::new() required=true/> })}
            <Field state=state.clone() field="name_en" label=t(lang, "plan-field-name-en") stored=name.en required=true/>
            <Field state field="name_es" label=t(lang, "plan-field-name-es") stored=name.es required=true/>
            <button type="submit">{t(lang, if is_new { "revision-add" } else { "save" })}</button>
        </PageForm>
    }
}

#[component]
fn ObjectiveForm(
    number: i32,
    state: FormState,
    existing: String,
    theme: String,
    title: Bilingual,
    lang: Lang,
) -> impl IntoView {
    let is_new = existing.is_empty();
    view! {
        <PageForm state=state.clone() targets=field_targets>
            <input type="hidden" name="number" value=number/>
                <Seen/>
            <input type="hidden" name="existing" value=existing.clone()/>
            <input type="hidden" name="theme" value=theme/>
            {is_new.then(|| view! { <Field state=state.clone() field="code" label=t(lang, "plan-field-code") stored=String::new() required=true/> })}
            <Field state=state.clone() field="title_en" label=t(lang, "plan-field-title-en") stored=title.en required=true/>
            <Field state field="title_es" label=t(lang, "plan-field-title-es") stored=title.es required=true/>
            <button type="submit">{t(lang, if is_new { "revision-add" } else { "save" })}</button>
        </PageForm>
    }
}

/// An action of a draft: its heading, buttons and form, and its milestones with theirs.
#[component]
fn ActionPart(
    number: i32,
    action: ActionDefinition,
    place: String,
    places: Vec<(String, String)>,
    country_hint: String,
    lang: Lang,
) -> impl IntoView {
    let form = FormState::one_of(PutAction::PATH, &action.code);
    let new_milestone = FormState::one_of(PutMilestone::PATH, &format!("{}/new", action.code));
    let code = action.code.clone();
    let no_milestones = action.milestones.is_empty();
    view! {
        <section class="action-part" id=format!("action-{code}")>
            <h5><span class="code">{code.clone()}</span> " " {action.title.get(lang).to_owned()}</h5>
            <PartButtons number kind="action" code=code.clone() action=String::new() lang/>
            <details open=form.is_refused()>
                <summary>{t(lang, "revision-edit-action")}</summary>
                <ActionForm number state=form.clone() action=Some(action.clone()) place places country_hint lang/>
            </details>
            {no_milestones.then(|| view! { <p class="muted">{t(lang, "revision-no-milestones")}</p> })}
            <ul class="milestones">
                {action.milestones.iter().map(|milestone| {
                    let state = FormState::one_of(PutMilestone::PATH, &format!("{code}/{}", milestone.code));
                    view! {
                        <li>
                            <span class="code">{milestone.code.clone()}</span> " "
                            {milestone.title.get(lang).to_owned()} " · "
                            {format_date(lang, &milestone.due_on.to_string())}
                            <PartButtons number kind="milestone" code=milestone.code.clone() action=code.clone() lang/>
                            <details open=state.is_refused()>
                                <summary>{t(lang, "revision-edit-milestone")}</summary>
                                <MilestoneForm number state=state.clone() action=code.clone() milestone=Some(milestone.clone()) lang/>
                            </details>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <details open=new_milestone.is_refused()>
                <summary>{t(lang, "revision-add-milestone")}</summary>
                <MilestoneForm number state=new_milestone.clone() action=code.clone() milestone=None lang/>
            </details>
        </section>
    }
}

#[component]
fn ActionForm(
    number: i32,
    state: FormState,
    action: Option<ActionDefinition>,
    place: String,
    places: Vec<(String, String)>,
    country_hint: String,
    lang: Lang,
) -> impl IntoView {
    let is_new = action.is_none();
    let existing = action.as_ref().map(|a| a.code.clone()).unwrap_or_default();
    let stored = action.unwrap_or(ActionDefinition {
        code: String::new(),
        title: Bilingual::default(),
        description: None,
        lead: None,
        start_year: 0,
        end_year: 0,
        weight: 1.0,
        articles: Vec::new(),
        countries: Vec::new(),
        milestones: Vec::new(),
    });
    let year = |y: i32| if y == 0 { String::new() } else { y.to_string() };
    let description = stored.description.clone().unwrap_or_default();
    let chosen = state.value("form[place]", place);
    let articles: Vec<String> = stored.articles.iter().map(i32::to_string).collect();
    let articles = articles.join(", ");
    view! {
        <PageForm state=state.clone() targets=field_targets>
            <input type="hidden" name="number" value=number/>
                <Seen/>
            <input type="hidden" name="form[existing]" value=existing/>
            {is_new.then(|| view! { <Field state=state.clone() field="code" name="form[code]" label=t(lang, "plan-field-code") stored=String::new() required=true/> })}
            <div class="field">
                <label>
                    {t(lang, "plan-field-place")}
                    <select name="form[place]">
                        {places.into_iter().map(|(value, label)| {
                            let selected = value == chosen;
                            view! { <option value=value selected=selected>{label}</option> }
                        }).collect_view()}
                    </select>
                </label>
            </div>
            <Field state=state.clone() field="title_en" name="form[title_en]" label=t(lang, "plan-field-title-en") stored=stored.title.en.clone() required=true/>
            <Field state=state.clone() field="title_es" name="form[title_es]" label=t(lang, "plan-field-title-es") stored=stored.title.es.clone() required=true/>
            <Field state=state.clone() field="description_en" name="form[description_en]" label=t(lang, "plan-field-description-en") stored=description.en/>
            <Field state=state.clone() field="description_es" name="form[description_es]" label=t(lang, "plan-field-description-es") stored=description.es/>
            <Field state=state.clone() field="lead" name="form[lead]" label=t(lang, "plan-field-lead") stored=stored.lead.clone().unwrap_or_default()/>
            <Field state=state.clone() field="start_year" name="form[start_year]" label=t(lang, "plan-field-start-year") stored=year(stored.start_year) required=true/>
            <Field state=state.clone() field="end_year" name="form[end_year]" label=t(lang, "plan-field-end-year") stored=year(stored.end_year) required=true/>
            <Field state=state.clone() field="weight" name="form[weight]" label=t(lang, "plan-field-weight") stored=stored.weight.to_string()/>
            <Field state=state.clone() field="articles" name="form[articles]" label=t(lang, "plan-field-articles-label") stored=articles/>
            <Field state field="countries" name="form[countries]" label=format!("{} ({country_hint})", t(lang, "plan-field-countries")) stored=stored.countries.join(", ")/>
            <button type="submit">{t(lang, if is_new { "revision-add" } else { "save" })}</button>
        </PageForm>
    }
}

#[component]
fn MilestoneForm(
    number: i32,
    state: FormState,
    action: String,
    milestone: Option<MilestoneDefinition>,
    lang: Lang,
) -> impl IntoView {
    let is_new = milestone.is_none();
    let existing = milestone
        .as_ref()
        .map(|m| m.code.clone())
        .unwrap_or_default();
    let (title, due, weight) = match &milestone {
        Some(m) => (m.title.clone(), m.due_on.to_string(), m.weight.to_string()),
        None => (Bilingual::default(), String::new(), "1".to_owned()),
    };
    view! {
        <PageForm state=state.clone() targets=field_targets>
            <input type="hidden" name="number" value=number/>
                <Seen/>
            <input type="hidden" name="form[action]" value=action/>
            <input type="hidden" name="form[existing]" value=existing/>
            {is_new.then(|| view! { <Field state=state.clone() field="code" name="form[code]" label=t(lang, "plan-field-milestone-code") stored=String::new()/> })}
            <Field state=state.clone() field="title_en" name="form[title_en]" label=t(lang, "plan-field-title-en") stored=title.en required=true/>
            <Field state=state.clone() field="title_es" name="form[title_es]" label=t(lang, "plan-field-title-es") stored=title.es required=true/>
            <Field state=state.clone() field="due" name="form[due]" label=t(lang, "plan-field-due") stored=due kind="date" required=true/>
            <Field state field="weight" name="form[weight]" label=t(lang, "plan-field-weight") stored=weight/>
            <button type="submit">{t(lang, if is_new { "revision-add" } else { "save" })}</button>
        </PageForm>
    }
}
