//! Importing: the imports page (`/imports`: the statuses template and its upload, and one's imports
//! waiting for confirmation), the preview of one import (`/imports/{id}`: what it would change,
//! row by row, its conflicts and its problems, with the buttons that write or discard it), and the
//! values template and upload of a country's indicator page (`ValuesImport`).

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::types::{ImportKind, ImportsView, Preview, RowChange, UploadForm};
use crate::error::{AppError, Problem};
use crate::forms::{no_targets, FieldError, FormState, PageForm, Saved};
use crate::i18n::{t, t_args, Lang};
use crate::layout::{page_or_error, use_lang, Loading};
use crate::urls;

#[server(endpoint = "imports", input = GetUrl)]
pub async fn get_imports() -> Result<ImportsView, AppError> {
    let viewer = crate::access::require(crate::access::Permission::Read)?;
    crate::imports::queries::imports_view(&crate::db::use_db()?, &viewer).await
}

#[server(endpoint = "import", input = GetUrl)]
pub async fn get_import(id: String) -> Result<Preview, AppError> {
    let viewer = crate::access::require(crate::access::Permission::Read)?;
    let id = id.trim().parse().map_err(|_| AppError::NotFound)?;
    let lang = crate::i18n::use_lang();
    let db = crate::db::use_db()?;
    crate::imports::service::preview(&db, &viewer, id, lang, chrono::Utc::now()).await
}

/// Reads a file uploaded for import and shows its preview.
#[server(endpoint = "imports/upload")]
pub async fn upload_import(form: UploadForm) -> Result<(), AppError> {
    let viewer = crate::access::require(crate::access::Permission::Read)?;
    let bytes = crate::forms::file_bytes("file", &form.file)?;
    let db = crate::db::use_db()?;
    let now = chrono::Utc::now();
    let id = crate::imports::service::upload(&db, &viewer, &form, &bytes, now).await?;
    urls::redirect(&urls::import_path(id));
    Ok(())
}

/// Writes an import as its preview showed it.
#[server(endpoint = "imports/confirm")]
pub async fn confirm_import(id: String, seen: String) -> Result<(), AppError> {
    let viewer = crate::access::require(crate::access::Permission::Read)?;
    let id = id.trim().parse().map_err(|_| AppError::NotFound)?;
    let db = crate::db::use_db()?;
    crate::imports::service::confirm(&db, &viewer, id, &seen, chrono::Utc::now()).await?;
    urls::redirect(&format!("{}?done=written", urls::IMPORTS_PATH));
    Ok(())
}

/// Forgets an import unwritten.
#[server(endpoint = "imports/discard")]
pub async fn discard_import(id: String) -> Result<(), AppError> {
    let viewer = crate::access::require(crate::access::Permission::Read)?;
    let id = id.trim().parse().map_err(|_| AppError::NotFound)?;
    let db = crate::db::use_db()?;
    crate::imports::service::discard(&db, &viewer, id, chrono::Utc::now()).await?;
    urls::redirect(&format!("{}?done=discarded", urls::IMPORTS_PATH));
    Ok(())
}

fn upload_targets(problem: &Problem) -> Option<String> {
    (problem.field == "file").then(|| "import-file".to_owned())
}

/// The upload form of an import of `kind`: the scope in hidden fields (`country` empty for every
/// country, chosen in a list when `choices` are given) and the file.
#[component]
fn UploadFields(
    kind: ImportKind,
    #[prop(optional, into)] country: String,
    #[prop(optional)] year: Option<i32>,
    /// The countries to choose from (ISO code, name), the first chosen; none: `country` is fixed.
    #[prop(optional)]
    choices: Vec<(String, String)>,
    lang: Lang,
) -> impl IntoView {
    let state = FormState::one_of(UploadImport::PATH, kind.code());
    let scope = if choices.is_empty() {
        view! { <input type="hidden" name="form[country]" value=country/> }.into_any()
    } else {
        view! {
            <div class="field">
                <label for="import-country">{t(lang, "import-country")}</label>
                <select id="import-country" name="form[country]">
                    {choices
                        .into_iter()
                        .map(|(iso2, name)| view! { <option value=iso2>{name}</option> })
                        .collect_view()}
                </select>
            </div>
        }
        .into_any()
    };
    view! {
        <PageForm state=state.clone() targets=upload_targets sends_files=true>
            <input type="hidden" name="form[kind]" value=kind.code()/>
            <input type="hidden" name="form[year]" value=year.map(|y| y.to_string()).unwrap_or_default()/>
            {scope}
            <div class="field">
                <label for="import-file">{t(lang, "import-file")}</label>
                <p class="hint" id="import-file-hint">{t(lang, "import-file-hint")}</p>
                <FieldError state=state.clone() field="file"/>
                <input
                    id="import-file"
                    type="file"
                    name="form[file]"
                    required
                    accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
                    aria-describedby="import-file-hint"
                    aria-invalid=state.invalid("file")
                />
            </div>
            <button type="submit">{t(lang, "import-upload")}</button>
        </PageForm>
    }
}

/// The values template of a country's round and its upload, on the country's indicator page.
#[component]
pub fn ValuesImport(iso2: String, year: i32, lang: Lang) -> impl IntoView {
    view! {
        <section aria-labelledby="values-import-heading" class="import">
            <h2 id="values-import-heading">{t(lang, "import-values-heading")}</h2>
            <p>{t(lang, "import-values-hint")}</p>
            <p>
                <a href=urls::values_template_path(&iso2, year) download="">
                    {t_args(lang, "import-values-template", &[("year", year.into())])}
                </a>
            </p>
            <UploadFields kind=ImportKind::Values country=iso2 year lang/>
        </section>
    }
}

#[component]
pub fn ImportsPage() -> impl IntoView {
    let lang = use_lang();
    let view = Resource::new(|| (), |_| get_imports());
    let done = use_query_map().read_untracked().get("done");
    view! {
        <Suspense fallback=Loading>
            {move || {
                let done = done.clone();
                Suspend::new(async move {
                    page_or_error(view.await, move |view| view! { <ImportsView view done lang/> })
                })
            }}
        </Suspense>
    }
}

#[component]
fn ImportsView(view: ImportsView, done: Option<String>, lang: Lang) -> impl IntoView {
    let title = t(lang, "imports-title");
    let done = match done.as_deref() {
        Some("written") => Some(t(lang, "import-written")),
        Some("discarded") => Some(t(lang, "import-discarded")),
        _ => None,
    }
    .filter(|_| use_context::<crate::forms::Refused>().is_none())
    .map(|message| view! { <Saved message/> });
    let mut choices: Vec<(String, String)> = Vec::new();
    if view.every_country {
        choices.push((String::new(), t(lang, "import-every-country")));
    }
    choices.extend(
        view.countries
            .iter()
            .map(|(iso2, name)| (iso2.clone(), name.get(lang).to_owned())),
    );
    let templates = choices
        .iter()
        .map(|(iso2, name)| {
            let iso2 = (!iso2.is_empty()).then_some(iso2.as_str());
            view! {
                <li>
                    <a href=urls::statuses_template_path(iso2) download="">{name.clone()}</a>
                </li>
            }
        })
        .collect_view();
    let indicator_links = view
        .countries
        .iter()
        .map(|(iso2, name)| {
            view! {
                <li>
                    <a href=urls::country_indicators_path(iso2, None)>{name.get(lang).to_owned()}</a>
                </li>
            }
        })
        .collect_view();
    let may_import = !choices.is_empty();
    view! {
        <Title text=title.clone()/>
        <h1>{title}</h1>
        {done}
        <p>{t(lang, "imports-intro")}</p>
        {(!may_import).then(|| view! { <p class="notice">{t(lang, "imports-none")}</p> })}
        {may_import
            .then(|| {
                view! {
                    <section aria-labelledby="statuses-import-heading" class="import">
                        <h2 id="statuses-import-heading">{t(lang, "import-statuses-heading")}</h2>
                        <p>{t(lang, "import-statuses-hint")}</p>
                        <p>{t(lang, "import-statuses-templates")}</p>
                        <ul>{templates}</ul>
                        <UploadFields kind=ImportKind::Statuses choices=choices.clone() lang/>
                    </section>
                    <section aria-labelledby="values-imports-heading">
                        <h2 id="values-imports-heading">{t(lang, "import-values-heading")}</h2>
                        <p>{t(lang, "import-values-where")}</p>
                        <ul>{indicator_links}</ul>
                    </section>
                }
            })}
        {(!view.pending.is_empty())
            .then(|| {
                view! {
                    <section aria-labelledby="pending-heading">
                        <h2 id="pending-heading">{t(lang, "imports-pending")}</h2>
                        <ul>
                            {view
                                .pending
                                .into_iter()
                                .map(|pending| {
                                    let kind = match pending.kind {
                                        ImportKind::Values => t(lang, "import-kind-values"),
                                        ImportKind::Statuses => t(lang, "import-kind-statuses"),
                                    };
                                    view! {
                                        <li>
                                            <a href=urls::import_path(pending.id)>
                                                {format!("{} · {kind} · {}", pending.file_name, pending.uploaded_at)}
                                            </a>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    </section>
                }
            })}
    }
}

#[component]
pub fn ImportPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let preview = Resource::new(
        move || params.read().get("id").unwrap_or_default(),
        get_import,
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                page_or_error(preview.await, move |preview| view! { <PreviewView preview lang/> })
            })}
        </Suspense>
    }
}

#[component]
fn PreviewView(preview: Preview, lang: Lang) -> impl IntoView {
    let title = t(lang, "import-preview-title");
    let confirm = FormState::new(ConfirmImport::PATH);
    let discard = FormState::new(DiscardImport::PATH);
    let id = preview.id.to_string();
    let has_problems = preview.problem_count > 0;
    let changes = preview.changes.len();
    let problems = has_problems.then(|| {
        let more = preview.problem_count.saturating_sub(preview.problems.len());
        view! {
            <section aria-labelledby="problems-heading">
                <h2 id="problems-heading">
                    {t_args(lang, "import-problems-heading", &[("count", preview.problem_count.into())])}
                </h2>
                <p class="notice" role="alert">{t(lang, "import-problems-hint")}</p>
                <div class="table-wrap" tabindex="0">
                    <table aria-labelledby="problems-heading" class="import-problems">
                        <thead>
                            <tr>
                                <th scope="col">{t(lang, "import-col-sheet")}</th>
                                <th scope="col">{t(lang, "import-col-row")}</th>
                                <th scope="col">{t(lang, "import-col-column")}</th>
                                <th scope="col">{t(lang, "import-col-problem")}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {preview
                                .problems
                                .into_iter()
                                .map(|problem| {
                                    view! {
                                        <tr>
                                            <td>{problem.sheet}</td>
                                            <td class="number">{problem.row.map(|row| row.to_string()).unwrap_or_default()}</td>
                                            <td>{problem.column.unwrap_or_default()}</td>
                                            <td>{problem.message}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                </div>
                {(more > 0).then(|| view! { <p>{t_args(lang, "import-problems-more", &[("count", more.into())])}</p> })}
            </section>
        }
    });
    let conflicts = (!preview.conflicts.is_empty()).then(|| {
        view! {
            <section aria-labelledby="conflicts-heading">
                <h2 id="conflicts-heading">
                    {t_args(lang, "import-conflicts-heading", &[("count", preview.conflicts.len().into())])}
                </h2>
                <p>{t(lang, "import-conflicts-hint")}</p>
                <ChangeTable id="conflicts" changes=preview.conflicts.clone() before=t(lang, "import-col-stored") after=t(lang, "import-col-file") lang/>
            </section>
        }
    });
    let change_list = if changes == 0 {
        (!has_problems)
            .then(|| view! { <p class="notice">{t(lang, "import-nothing")}</p> }.into_any())
    } else {
        Some(
            view! {
                <ChangeTable id="changes" changes=preview.changes.clone() before=t(lang, "import-col-now") after=t(lang, "import-col-after") lang/>
            }
            .into_any(),
        )
    };
    let confirm_id = id.clone();
    let confirm_form = (!has_problems && changes > 0).then(move || {
        view! {
            <PageForm state=confirm targets=no_targets class="form form--inline">
                <input type="hidden" name="id" value=confirm_id/>
                <input type="hidden" name="seen" value=preview.seen.clone()/>
                <button type="submit">{t_args(lang, "import-confirm", &[("count", changes.into())])}</button>
            </PageForm>
        }
    });
    view! {
        <Title text=title.clone()/>
        <p class="breadcrumb">
            <a href=urls::IMPORTS_PATH>{t(lang, "imports-title")}</a>
        </p>
        <h1>{title}</h1>
        <dl class="facts">
            <div>
                <dt>{t(lang, "import-file")}</dt>
                <dd>{preview.file_name.clone()}</dd>
            </div>
            <div>
                <dt>{t(lang, "import-scope")}</dt>
                <dd>{preview.scope_label.clone()}</dd>
            </div>
            <div>
                <dt>{t(lang, "import-uploaded")}</dt>
                <dd>{preview.uploaded_at.clone()}</dd>
            </div>
        </dl>
        {problems}
        <section aria-labelledby="changes-heading">
            <h2 id="changes-heading">{t_args(lang, "import-changes-heading", &[("count", changes.into())])}</h2>
            {change_list}
        </section>
        {conflicts}
        <div class="actions">
            {confirm_form}
            <PageForm state=discard targets=no_targets class="form form--inline">
                <input type="hidden" name="id" value=id/>
                <button type="submit" class="button--secondary">{t(lang, "import-discard")}</button>
            </PageForm>
            <a href=preview.done_path>{t(lang, "import-see-figures")}</a>
        </div>
    }
}

/// The changes (or conflicts) of an import: where in the file, what, and the two sides.
#[component]
fn ChangeTable(
    id: &'static str,
    changes: Vec<RowChange>,
    before: String,
    after: String,
    lang: Lang,
) -> impl IntoView {
    view! {
        <div class="table-wrap" tabindex="0">
            <table id=id class="import-changes">
                <thead>
                    <tr>
                        <th scope="col">{t(lang, "import-col-sheet")}</th>
                        <th scope="col">{t(lang, "import-col-row")}</th>
                        <th scope="col">{t(lang, "import-col-what")}</th>
                        <th scope="col">{before}</th>
                        <th scope="col">{after}</th>
                    </tr>
                </thead>
                <tbody>
                    {changes
                        .into_iter()
                        .map(|change| {
                            view! {
                                <tr>
                                    <td>{change.place.sheet}</td>
                                    <td class="number">{change.place.row}</td>
                                    <th scope="row">{change.subject}</th>
                                    <td>{change.before}</td>
                                    <td>{change.after}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}
