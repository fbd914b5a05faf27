//! The rounds page, a round's tracker and the outbox.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::rules::{self, Timeliness};
use super::types::{ReminderRow, RoundForm, RoundsView, TrackerView};
use crate::error::AppError;
use crate::error::Problem;
use crate::forms::{no_targets, FieldError, FormState, PageForm, Saved};
use crate::i18n::{format_date, t, t_args, Lang};
use crate::layout::{page_or_error, use_lang, Loading};

#[server(endpoint = "rounds", input = GetUrl)]
pub async fn get_rounds() -> Result<RoundsView, AppError> {
    let viewer = crate::access::require(crate::access::Permission::Read)?;
    super::queries::rounds(&crate::db::use_db()?, &viewer).await
}

#[server(endpoint = "rounds/open")]
pub async fn open_round(form: RoundForm) -> Result<(), AppError> {
    let viewer = crate::access::require(crate::access::Permission::Coordinate)?;
    let round = form.parse()?;
    super::service::open_round(&crate::db::use_db()?, &viewer, &round, chrono::Utc::now()).await?;
    crate::urls::redirect(&crate::urls::round_path(round.year));
    Ok(())
}

/// Corrects the dates and reminder days of the round of `form.year`.
#[server(endpoint = "rounds/update")]
pub async fn update_round(form: RoundForm) -> Result<(), AppError> {
    let viewer = crate::access::require(crate::access::Permission::Coordinate)?;
    let change = form.parse()?;
    super::service::update_round(&crate::db::use_db()?, &viewer, &change, chrono::Utc::now())
        .await?;
    crate::urls::redirect(&format!(
        "{}?updated=1",
        crate::urls::round_path(change.year)
    ));
    Ok(())
}

/// Deletes the round of `year`, opened by mistake, while nobody has used it.
#[server(endpoint = "rounds/delete")]
pub async fn delete_round(year: i32) -> Result<(), AppError> {
    let viewer = crate::access::require(crate::access::Permission::Coordinate)?;
    super::service::delete_round(&crate::db::use_db()?, &viewer, year, chrono::Utc::now()).await?;
    crate::urls::redirect(&crate::urls::rounds_path_after_deletion(year));
    Ok(())
}

#[server(endpoint = "round", input = GetUrl)]
pub async fn get_tracker(year: String) -> Result<TrackerView, AppError> {
    let viewer = crate::access::require(crate::access::Permission::Read)?;
    let year = year.trim().parse::<i32>().map_err(|_| AppError::NotFound)?;
    let db = crate::db::use_db()?;
    let mailer = crate::mail::Mailer::of_request()?;
    super::queries::tracker(&db, &viewer, year, mailer.uses_smtp()).await
}

#[server(endpoint = "rounds/remind")]
pub async fn send_reminder(country: String, year: i32) -> Result<(), AppError> {
    let viewer = crate::access::require(crate::access::Permission::Coordinate)?;
    let country = crate::domain::country_code(&country).ok_or(AppError::NotFound)?;
    let db = crate::db::use_db()?;
    let mailer = crate::mail::Mailer::of_request()?;
    super::reminders::remind_by_hand(&db, &mailer, &viewer, &country, year, chrono::Utc::now())
        .await?;
    crate::urls::redirect(&format!(
        "{}?reminded={}",
        crate::urls::round_path(year),
        country.to_ascii_lowercase()
    ));
    Ok(())
}

/// Takes a step on a country's submission: `submit` (the country), `return` or `reopen` with a
/// reason, `validate` (the secretariat).
#[server(endpoint = "rounds/step")]
pub async fn submission_step(
    country: String,
    year: i32,
    step: String,
    version: i32,
    reason: String,
) -> Result<(), AppError> {
    let viewer = crate::access::require(crate::access::Permission::Read)?;
    let country = crate::domain::country_code(&country).ok_or(AppError::NotFound)?;
    let step = rules::Step::from_code(step.trim())
        .filter(|step| *step != rules::Step::Save)
        .ok_or_else(|| {
            AppError::from(crate::error::Problem::new("step", "problem-step-unknown"))
        })?;
    let db = crate::db::use_db()?;
    let request = super::service::StepRequest {
        country: country.clone(),
        year,
        step,
        version,
        reason,
    };
    super::service::take_step(&db, &viewer, &request, chrono::Utc::now()).await?;
    crate::urls::redirect(&crate::urls::country_indicators_path(&country, Some(year)));
    Ok(())
}

#[server(endpoint = "outbox", input = GetUrl)]
pub async fn get_outbox() -> Result<Vec<ReminderRow>, AppError> {
    crate::access::require(crate::access::Permission::Coordinate)?;
    super::queries::outbox(&crate::db::use_db()?).await
}

/// How a country stands against the due date, as text beside its colour.
#[component]
pub fn TimelinessLabel(timeliness: Timeliness, lang: Lang) -> impl IntoView {
    view! { <span class=timeliness.css_class()>{timeliness.words(lang)}</span> }
}

#[component]
pub fn RoundsPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |_| get_rounds());
    let query = use_query_map();
    let deleted = move || {
        let year = query.read().get("deleted")?.parse::<i32>().ok()?;
        Some(view! { <Saved message=t_args(lang, "round-deleted", &[("year", year.into())])/> })
    };
    view! {
        <Title text=t(lang, "rounds-title")/>
        <h1>{t(lang, "rounds-title")}</h1>
        <p class="lead">{t(lang, "rounds-intro")}</p>
        {deleted}
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                page_or_error(data.await, move |data| view! { <RoundsList data lang/> })
            })}
        </Suspense>
    }
}

#[component]
fn RoundsList(data: RoundsView, lang: Lang) -> impl IntoView {
    let list = if data.rounds.is_empty() {
        view! { <p class="muted">{t(lang, "rounds-empty")}</p> }.into_any()
    } else {
        view! {
            <div class="table-wrap" tabindex="0">
                <table aria-label=t(lang, "rounds-title")>
                    <thead>
                        <tr>
                            <th scope="col">{t(lang, "col-round")}</th>
                            <th scope="col">{t(lang, "col-opens")}</th>
                            <th scope="col">{t(lang, "col-due")}</th>
                            <th scope="col" class="number">{t(lang, "col-submitted")}</th>
                            <th scope="col" class="number">{t(lang, "col-validated")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {data
                            .rounds
                            .into_iter()
                            .map(|r| {
                                view! {
                                    <tr>
                                        <th scope="row">
                                            <a href=crate::urls::round_path(r.year)>{t_args(lang, "round-name", &[("year", r.year.into())])}</a>
                                        </th>
                                        <td>{format_date(lang, &r.opens_on)}</td>
                                        <td>{format_date(lang, &r.due_on)}</td>
                                        <td class="number">{format!("{} / {}", r.submitted, r.countries)}</td>
                                        <td class="number">{format!("{} / {}", r.validated, r.countries)}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        }
        .into_any()
    };
    let form = data.can_open.then(|| {
        let hint = t_args(
            lang,
            "round-year-hint",
            &[
                ("start", data.start_year.into()),
                ("end", data.end_year.into()),
            ],
        );
        let state = FormState::new(OpenRound::PATH);
        let year_described = match state.described_by("year") {
            Some(error) => format!("round-year-hint {error}"),
            None => "round-year-hint".to_owned(),
        };
        view! {
            <section aria-labelledby="open-round-heading">
                <h2 id="open-round-heading">{t(lang, "round-open-heading")}</h2>
                <PageForm state=state.clone() targets=round_targets>
                    <label for="round-year">{t(lang, "col-year")}</label>
                    <FieldError state=state.clone() field="year"/>
                    <input
                        id="round-year"
                        name="form[year]"
                        type="text"
                        inputmode="numeric"
                        maxlength="4"
                        required
                        value=state.value("form[year]", "")
                        aria-invalid=state.invalid("year")
                        aria-describedby=year_described
                    />
                    <p id="round-year-hint" class="muted">{hint}</p>
                    <RoundFields
                        state
                        stored=RoundDates {
                            opens_on: String::new(),
                            due_on: String::new(),
                            remind_before: "7, 1".to_owned(),
                            remind_after: "1, 7".to_owned(),
                        }
                        lang
                    />
                    <button type="submit">{t(lang, "round-open")}</button>
                </PageForm>
            </section>
        }
    });
    view! {
        {list}
        {form}
    }
}

#[component]
pub fn TrackerPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let query = use_query_map();
    let data = Resource::new(
        move || params.read().get("year").unwrap_or_default(),
        get_tracker,
    );
    let notice = {
        let query = query.read_untracked();
        if query.get("reminded").is_some() {
            Some("reminder-sent")
        } else if query.get("updated").is_some() && !FormState::new(UpdateRound::PATH).is_refused()
        {
            Some("round-updated")
        } else {
            None
        }
    };
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                page_or_error(data.await, move |data| view! { <Tracker data notice lang/> })
            })}
        </Suspense>
    }
}

/// A round's tracker, with `notice` (a catalogue key) saying what was just done.
#[component]
fn Tracker(data: TrackerView, notice: Option<&'static str>, lang: Lang) -> impl IntoView {
    let notice = notice.map(|key| view! { <Saved message=t(lang, key)/> });
    let title = t_args(lang, "round-name", &[("year", data.year.into())]);
    let year = data.year;
    let editor = data.can_edit.then(|| {
        view! { <RoundEditor data=data.clone() lang/> }
    });
    let delivery = if data.smtp {
        t(lang, "reminder-delivery-smtp")
    } else {
        t(lang, "reminder-delivery-outbox")
    };
    view! {
        <Title text=title.clone()/>
        <p class="breadcrumb"><a href="/rounds">{t(lang, "rounds-title")}</a></p>
        <h1>{title}</h1>
        <dl class="facts">
            <div>
                <dt>{t(lang, "col-opens")}</dt>
                <dd>{format_date(lang, &data.opens_on)}</dd>
            </div>
            <div>
                <dt>{t(lang, "col-due")}</dt>
                <dd>{format_date(lang, &data.due_on)}</dd>
            </div>
            <div>
                <dt>{t(lang, "round-reminders")}</dt>
                <dd>
                    {t_args(
                        lang,
                        "round-reminder-rules",
                        &[("before", data.remind_before.clone().into()), ("after", data.remind_after.clone().into())],
                    )}
                </dd>
            </div>
        </dl>
        {data.can_remind.then(|| view! { <p class="muted">{delivery}</p> })}
        {notice}
        <crate::exports::pages::DownloadLinks table="tracker" query=format!("year={}", data.year) lang/>
        <div class="table-wrap" tabindex="0">
            <table class="tracker" aria-label=t(lang, "tracker-label")>
                <thead>
                    <tr>
                        <th scope="col">{t(lang, "col-country")}</th>
                        <th scope="col">{t(lang, "col-state")}</th>
                        <th scope="col">{t(lang, "col-submitted")}</th>
                        <th scope="col">{t(lang, "col-validated")}</th>
                        <th scope="col">{t(lang, "col-timeliness")}</th>
                        <th scope="col">{t(lang, "col-legislation")}</th>
                        <th scope="col" class="number">{t(lang, "col-reminders")}</th>
                        {data.can_remind.then(|| view! { <th scope="col"><span class="visually-hidden">{t(lang, "reminder-send")}</span></th> })}
                    </tr>
                </thead>
                <tbody>
                    {data
                        .rows
                        .into_iter()
                        .map(|row| {
                            let owes = rules::owes_submission(row.state);
                            let button = data.can_remind.then(|| {
                                let iso2 = row.iso2.clone();
                                view! {
                                    <td>
                                        {owes.then(|| view! {
                                            <PageForm
                                                state=FormState::one_of(SendReminder::PATH, &iso2)
                                                targets=no_targets
                                                class="form form--inline"
                                            >
                                                <input type="hidden" name="country" value=iso2.clone()/>
                                                <input type="hidden" name="year" value=year/>
                                                <button type="submit" class="button--secondary">{t(lang, "reminder-send")}</button>
                                            </PageForm>
                                        })}
                                    </td>
                                }
                            });
                            let day = |d: Option<String>| d.map(|d| format_date(lang, &d)).unwrap_or_else(|| "—".to_owned());
                            view! {
                                <tr data-country=row.iso2.clone()>
                                    <th scope="row">
                                        <a href=crate::urls::country_indicators_path(&row.iso2, Some(year))>{row.country.get(lang).to_owned()}</a>
                                    </th>
                                    <td>
                                        <span class=row.state.css_class() data-state=row.state.code()>{t(lang, row.state.label_key())}</span>
                                    </td>
                                    <td>{day(row.submitted_on)}</td>
                                    <td>{day(row.validated_on)}</td>
                                    <td><TimelinessLabel timeliness=row.timeliness lang/></td>
                                    <td>
                                        <a href=crate::urls::country_legislation_path(&row.iso2)>
                                            {row.legislation.map_or_else(
                                                || t(lang, "tracker-legislation-past"),
                                                |progress| legislation_words(progress, lang),
                                            )}
                                        </a>
                                    </td>
                                    <td class="number">{row.reminders}</td>
                                    {button}
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
        <ReminderLog reminders=data.reminders lang/>
        {editor}
    }
}

/// The secretariat's forms to correct a round's dates and reminder days, and to delete a round
/// nobody has used yet.
#[component]
fn RoundEditor(data: TrackerView, lang: Lang) -> impl IntoView {
    let year = data.year;
    let removal = data.can_delete.then(|| {
        view! {
            <PageForm state=FormState::new(DeleteRound::PATH) targets=no_targets class="form form--inline">
                <input type="hidden" name="year" value=year/>
                <p class="muted">{t(lang, "round-delete-help")}</p>
                <button type="submit" class="button--secondary">{t(lang, "round-delete")}</button>
            </PageForm>
        }
    });
    let state = FormState::new(UpdateRound::PATH);
    view! {
        <section aria-labelledby="round-edit-heading">
            <h2 id="round-edit-heading">{t(lang, "round-edit-heading")}</h2>
            <PageForm state=state.clone() targets=round_targets>
                <input type="hidden" name="form[year]" value=year/>
                <RoundFields
                    state
                    stored=RoundDates {
                        opens_on: data.opens_on,
                        due_on: data.due_on,
                        remind_before: data.remind_before,
                        remind_after: data.remind_after,
                    }
                    lang
                />
                <button type="submit">{t(lang, "round-update")}</button>
            </PageForm>
            {removal}
        </section>
    }
}

/// A round's dates and reminder days, as stored (or proposed for a new round).
struct RoundDates {
    opens_on: String,
    due_on: String,
    remind_before: String,
    remind_after: String,
}

/// Where a round form's problems are: each field the rules name has its element.
fn round_targets(problem: &Problem) -> Option<String> {
    let id = match problem.field.as_str() {
        "year" => "round-year",
        "opens_on" => "round-opens",
        "due_on" => "round-due",
        "remind_before" => "round-before",
        "remind_after" => "round-after",
        _ => return None,
    };
    Some(id.to_owned())
}

/// The fields of a round's dates and reminder days, showing what was typed if the form was
/// refused.
#[component]
fn RoundFields(state: FormState, stored: RoundDates, lang: Lang) -> impl IntoView {
    let field = |field: &'static str, id: &'static str, kind: &'static str, stored: String| {
        let name = format!("form[{field}]");
        view! {
            <FieldError state=state.clone() field/>
            <input
                id=id
                name=name.clone()
                type=kind
                required=kind == "date"
                value=state.value(&name, stored)
                aria-invalid=state.invalid(field)
                aria-describedby=state.described_by(field)
            />
        }
    };
    view! {
        <label for="round-opens">{t(lang, "col-opens")}</label>
        {field("opens_on", "round-opens", "date", stored.opens_on)}
        <label for="round-due">{t(lang, "col-due")}</label>
        {field("due_on", "round-due", "date", stored.due_on)}
        <label for="round-before">{t(lang, "round-remind-before")}</label>
        {field("remind_before", "round-before", "text", stored.remind_before)}
        <label for="round-after">{t(lang, "round-remind-after")}</label>
        {field("remind_after", "round-after", "text", stored.remind_after)}
    }
}

/// The catalogue key of a reminder's recorded outcome.
fn outcome_key(outcome: &str) -> &'static str {
    match outcome {
        "sent" => "reminder-outcome-sent",
        "queued" => "reminder-outcome-queued",
        "failed" => "reminder-outcome-failed",
        "no_recipients" => "reminder-outcome-no-recipients",
        "superseded" => "reminder-outcome-superseded",
        _ => "reminder-outcome-sending",
    }
}

#[component]
fn ReminderLog(reminders: Vec<ReminderRow>, lang: Lang) -> impl IntoView {
    view! {
        <section aria-labelledby="reminder-log-heading">
            <h2 id="reminder-log-heading">{t(lang, "reminder-log-heading")}</h2>
            {if reminders.is_empty() {
                view! { <p class="muted">{t(lang, "reminder-log-empty")}</p> }.into_any()
            } else {
                view! {
                    <ol class="timeline">
                        {reminders
                            .into_iter()
                            .map(|r| {
                                let how = match (&r.rule, &r.sent_by) {
                                    (Some(rule), _) => t_args(lang, "reminder-automatic", &[("rule", rule.clone().into())]),
                                    (None, Some(who)) => who.clone(),
                                    (None, None) => t(lang, "audit-system"),
                                };
                                view! {
                                    <li>
                                        {r.at}
                                        " · "
                                        <span class="timeline__country">{r.country.get(lang).to_owned()}</span>
                                        " · "
                                        <span class="timeline__who">{how}</span>
                                        ": "
                                        {t(lang, outcome_key(&r.outcome))}
                                        {(!r.recipients.is_empty()).then(|| format!(" ({})", r.recipients))}
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

#[component]
pub fn OutboxPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |_| get_outbox());
    view! {
        <Title text=t(lang, "outbox-title")/>
        <h1>{t(lang, "outbox-title")}</h1>
        <p class="lead">{t(lang, "outbox-intro")}</p>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                page_or_error(data.await, move |messages| {
                    if messages.is_empty() {
                        return view! { <p class="muted">{t(lang, "outbox-empty")}</p> }.into_any();
                    }
                    messages
                        .into_iter()
                        .map(|m| {
                            view! {
                                <article class="outbox-message">
                                    <h2>{m.subject}</h2>
                                    <p class="muted">
                                        {m.at} " · " {m.country.get(lang).to_owned()} " · " {t(lang, "outbox-to")} " " {m.recipients}
                                    </p>
                                    <pre class="outbox-body">{m.body}</pre>
                                </article>
                            }
                        })
                        .collect_view()
                        .into_any()
                })
            })}
        </Suspense>
    }
}

/// Where a country's legislation matrix stands in the round, in words: what is left to enter or
/// review, or that it is complete.
fn legislation_words(progress: crate::legislation::types::MatrixProgress, lang: Lang) -> String {
    if progress.reviewed >= progress.provisions {
        t(lang, "tracker-legislation-complete")
    } else {
        t_args(
            lang,
            "tracker-legislation-progress",
            &[
                ("reviewed", progress.reviewed.into()),
                ("entered", progress.entered.into()),
                ("provisions", progress.provisions.into()),
            ],
        )
    }
}
