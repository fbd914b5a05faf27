//! A country's Protocol indicators (`/countries/{iso2}/indicators?year=…`): its values by year with
//! baselines, targets, assessments and trends; for the round's year, the entry form (one field per
//! indicator, fitted to its kind) and the submission: submit for the country, return or validate for
//! the secretariat, with the reason of a return shown until the country resubmits.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::indicator::{KindInput, ValueCells, ValueColumns};
use crate::domain::IndicatorKind;
use crate::error::AppError;
use crate::error::Problem;
use crate::forms::{no_targets, FieldError, FormState, PageForm, Saved};
use crate::i18n::{format_date, t, t_args, Lang};
use crate::indicators::rules::typed_value;
use crate::indicators::types::{CountryIndicatorRow, CountryIndicatorsView, ValuesForm};
use crate::layout::{page_or_error, use_lang, Loading, TextArea};
use crate::legislation::rules::is_derived;
use crate::rounds::pages::{SubmissionStep, TimelinessLabel};

#[server(endpoint = "country-indicators", input = GetUrl)]
pub async fn get_country_indicators(
    iso2: String,
    year: Option<String>,
) -> Result<CountryIndicatorsView, AppError> {
    let viewer = crate::access::require(crate::access::Permission::Read)?;
    crate::indicators::queries::country_indicators(
        &crate::db::use_db()?,
        &viewer,
        &iso2,
        year.as_deref(),
    )
    .await
}

#[server(endpoint = "indicators/values")]
pub async fn save_indicator_values(input: ValuesForm) -> Result<(), AppError> {
    let viewer = crate::access::require(crate::access::Permission::Read)?;
    let country = crate::domain::country_code(&input.country).ok_or(AppError::NotFound)?;
    let db = crate::db::use_db()?;
    let values = crate::indicators::service::ValuesInput {
        country: country.clone(),
        year: input.year,
        version: input.version,
        values: input.values,
    };
    crate::indicators::service::save_values(&db, &viewer, &values, chrono::Utc::now()).await?;
    crate::urls::redirect(&format!(
        "{}&saved=1",
        crate::urls::country_indicators_path(&country, Some(input.year))
    ));
    Ok(())
}

#[component]
pub fn CountryIndicatorsPage() -> impl IntoView {
    // The same for everyone who sees the same navigation, but that the country's own focal points
    // (and the secretariat, by its role) see its values not yet validated and their form: the
    // page memory keeps the focal points apart by the address.
    crate::layout::same_but_the_name(crate::layout::SameFor::TheNavigation);
    let lang = use_lang();
    let params = use_params_map();
    let query = use_query_map();
    let data = Resource::new(
        move || {
            (
                params.read().get("iso2").unwrap_or_default(),
                query.read().get("year"),
            )
        },
        |(iso2, year)| get_country_indicators(iso2, year),
    );
    let saved = query.read_untracked().get("saved").is_some()
        && !FormState::new(SaveIndicatorValues::PATH).is_refused();
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                page_or_error(data.await, move |data| view! { <CountryIndicators data saved lang/> })
            })}
        </Suspense>
    }
}

#[component]
fn CountryIndicators(data: CountryIndicatorsView, saved: bool, lang: Lang) -> impl IntoView {
    let country = data.country.get(lang).to_owned();
    let heading = t_args(
        lang,
        "country-indicators-title",
        &[("country", country.clone().into())],
    );
    let rounds = (!data.round_years.is_empty()).then(|| {
        let iso2 = data.iso2.clone();
        view! {
            <nav class="round-years" aria-label=t(lang, "rounds-label")>
                <ul>
                    {data
                        .round_years
                        .iter()
                        .map(|year| {
                            let current = (Some(*year) == data.year).then_some("page");
                            view! {
                                <li>
                                    <a href=crate::urls::country_indicators_path(&iso2, Some(*year)) aria-current=current>
                                        {t_args(lang, "round-name", &[("year", (*year).into())])}
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </nav>
        }
    });
    let form = (data.can_edit && data.year.is_some())
        .then(|| view! { <ValuesEditor data=data.clone() lang/> });
    let import = data.year.filter(|_| data.can_edit).map(|year| {
        view! { <crate::imports::pages::ValuesImport iso2=data.iso2.clone() year lang/> }
    });
    let saved = saved.then(|| view! { <Saved message=t(lang, "values-saved")/> });
    view! {
        <Title text=heading.clone()/>
        <p class="breadcrumb">
            <a href=crate::urls::country_path(&data.iso2)>{country}</a>
        </p>
        <h1>{heading}</h1>
        {data.notice.clone().map(|key| view! { <p class="notice" role="status">{t(lang, &key)}</p> })}
        {rounds}
        {saved}
        <SubmissionPanel data=data.clone() lang/>
        <ValuesTable data=data.clone() lang/>
        {form}
        {import}
    }
}

/// Where a step's problems are: the reason's field, where the form has one.
fn reason_targets(problem: &Problem) -> Option<String> {
    (problem.field == "reason").then(|| "step-reason".to_owned())
}

#[component]
fn SubmissionPanel(data: CountryIndicatorsView, lang: Lang) -> impl IntoView {
    let (Some(year), Some(submission)) = (data.year, data.submission.clone()) else {
        return ().into_any();
    };
    let iso2 = data.iso2.clone();
    let version = submission.version;
    let hidden = move || view! { <StepFields iso2=iso2.clone() year version/> };
    let (hidden_decide, hidden_return, hidden_reopen) =
        (hidden.clone(), hidden.clone(), hidden.clone());
    let step = |which: &str| FormState::one_of(SubmissionStep::PATH, which);
    let submit = data.can_submit.then(|| {
        view! {
            <PageForm state=step("submit") targets=no_targets class="form form--inline">
                {hidden()}
                <input type="hidden" name="step" value="submit"/>
                <input type="hidden" name="reason" value=""/>
                <p class="muted">{t(lang, "submission-submit-help")}</p>
                <button type="submit">{t(lang, "submission-submit")}</button>
            </PageForm>
        }
    });
    let decide = data.can_decide.then(|| {
        let returning = step("return");
        view! {
            <PageForm state=step("validate") targets=no_targets class="form form--inline">
                {hidden_decide()}
                <input type="hidden" name="step" value="validate"/>
                <input type="hidden" name="reason" value=""/>
                <button type="submit">{t(lang, "submission-validate")}</button>
            </PageForm>
            <PageForm state=returning.clone() targets=reason_targets>
                {hidden_return()}
                <input type="hidden" name="step" value="return"/>
                <ReasonField state=returning label=t(lang, "submission-return-reason")/>
                <button type="submit" class="button--secondary">{t(lang, "submission-return")}</button>
            </PageForm>
        }
    });
    let reopen = data.can_reopen.then(|| {
        let reopening = step("reopen");
        view! {
            <PageForm state=reopening.clone() targets=reason_targets>
                {hidden_reopen()}
                <input type="hidden" name="step" value="reopen"/>
                <ReasonField state=reopening label=t(lang, "submission-reopen-reason")/>
                <button type="submit" class="button--secondary">{t(lang, "submission-reopen")}</button>
            </PageForm>
        }
    });
    view! {
        <section class="submission" aria-labelledby="submission-heading">
            <h2 id="submission-heading">{t_args(lang, "submission-heading", &[("year", year.into())])}</h2>
            <dl class="facts">
                <div>
                    <dt>{t(lang, "col-state")}</dt>
                    <dd>
                        <span class=submission.state.css_class() data-state=submission.state.code()>
                            {t(lang, submission.state.label_key())}
                        </span>
                    </dd>
                </div>
                <div>
                    <dt>{t(lang, "col-due")}</dt>
                    <dd>{format_date(lang, &submission.due_on)} " · " <TimelinessLabel timeliness=submission.timeliness lang/></dd>
                </div>
                {submission.submitted_on.clone().map(|day| view! {
                    <div>
                        <dt>{t(lang, "col-submitted")}</dt>
                        <dd>{format_date(lang, &day)}</dd>
                    </div>
                })}
                {submission.validated_on.clone().map(|day| view! {
                    <div>
                        <dt>{t(lang, "col-validated")}</dt>
                        <dd>{format_date(lang, &day)}</dd>
                    </div>
                })}
            </dl>
            {submission.return_reason.clone().map(|reason| view! {
                <div class="notice return-reason" role="note">
                    <p class="form-error__title">{t(lang, "submission-returned-because")}</p>
                    <p class="narrative">{reason}</p>
                </div>
            })}
            {submit}
            {decide}
            {reopen}
        </section>
    }
    .into_any()
}

/// The reason a return or a reopening gives (the secretariat returns or reopens, never both on one
/// page, so the field has one id).
#[component]
fn ReasonField(state: FormState, label: String) -> impl IntoView {
    view! {
        <label for="step-reason">{label}</label>
        <FieldError state=state.clone() field="reason"/>
        <TextArea
            value=state.value("reason", "")
            {..}
            id="step-reason"
            name="reason"
            rows="3"
            maxlength="2000"
            required=true
            aria-invalid=state.invalid("reason")
            aria-describedby=state.described_by("reason")
        />
    }
}

/// The fields every step form sends: which submission, at which version.
#[component]
fn StepFields(iso2: String, year: i32, version: i32) -> impl IntoView {
    view! {
        <input type="hidden" name="country" value=iso2/>
        <input type="hidden" name="year" value=year/>
        <input type="hidden" name="version" value=version/>
    }
}

#[component]
fn ValuesTable(data: CountryIndicatorsView, lang: Lang) -> impl IntoView {
    let years = data.years.clone();
    view! {
        <section aria-labelledby="values-heading">
            <h2 id="values-heading">{t(lang, "values-heading")}</h2>
            <p class="muted">{t(lang, "values-validated-only")}</p>
            {data
                .articles
                .into_iter()
                .map(|article| {
                    let heading_id = format!("values-article-{}", article.number);
                    let years = years.clone();
                    view! {
                        <h3 id=heading_id.clone()>
                            {t_args(lang, "article-heading", &[("number", article.number.into())])}
                            " "
                            {article.title.get(lang).to_owned()}
                        </h3>
                        <div class="table-wrap" tabindex="0">
                            <table aria-labelledby=heading_id class="indicator-table">
                                <thead>
                                    <tr>
                                        <th scope="col">{t(lang, "col-indicator")}</th>
                                        <ValueColumns years=years.clone() lang/>
                                    </tr>
                                </thead>
                                <tbody>
                                    {article
                                        .rows
                                        .into_iter()
                                        .map(|row| {
                                            view! {
                                                <tr>
                                                    <th scope="row">
                                                        <a href=crate::urls::indicator_path(&row.info.code) class="code">{row.info.code.clone()}</a>
                                                        " "
                                                        {row.info.name.get(lang).to_owned()}
                                                    </th>
                                                    <ValueCells
                                                        kind=row.info.kind
                                                        code=row.info.code.clone()
                                                        years=years.clone()
                                                        values=row.values
                                                        target=row.target
                                                        standing=row.standing
                                                        lang
                                                    />
                                                </tr>
                                            }
                                        })
                                        .collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }
                })
                .collect_view()}
        </section>
    }
}

/// The entry form of the round's year: one fieldset per current indicator, its field fitted to the
/// indicator's kind, with source and note. Field names follow the server function's argument.
/// Where the values form's problems are: the field of the indicator each names.
fn value_targets(problem: &Problem) -> Option<String> {
    let code = problem.subject.as_deref()?;
    let field = match problem.field.as_str() {
        "value" | "values" => "value",
        "numerator" => "numerator",
        "source" => "source",
        "note" => "note",
        _ => return Some(format!("value-{code}")),
    };
    Some(format!("value-{code}-{field}"))
}

#[component]
fn ValuesEditor(data: CountryIndicatorsView, lang: Lang) -> impl IntoView {
    let year = data.year.unwrap_or_default();
    let version = data.submission.as_ref().map_or(0, |s| s.version);
    let rows: Vec<CountryIndicatorRow> = data
        .articles
        .into_iter()
        .flat_map(|article| article.rows)
        .collect();
    let state = FormState::new(SaveIndicatorValues::PATH);
    // The legislative indicators follow from the legislation matrix: they are kept there.
    let rows: Vec<CountryIndicatorRow> = rows
        .into_iter()
        .filter(|row| !row.info.retired && !is_derived(&row.info.code))
        .collect();
    view! {
        <section aria-labelledby="entry-heading">
            <h2 id="entry-heading">{t_args(lang, "values-entry-heading", &[("year", year.into())])}</h2>
            <p class="muted">{t(lang, "values-entry-help")}</p>
            <p class="muted">
                {t(lang, "values-derived-help")} " "
                <a href=crate::urls::country_legislation_path(&data.iso2)>{t(lang, "values-derived-link")}</a>
            </p>
            <PageForm state=state.clone() targets=value_targets class="form form--wide values-form">
                <input type="hidden" name="input[country]" value=data.iso2.clone()/>
                <input type="hidden" name="input[year]" value=year/>
                <input
                    type="hidden"
                    name="input[version]"
                    value=if state.is_conflict() {
                        version.to_string()
                    } else {
                        state.value("input[version]", version.to_string())
                    }
                />
                {rows
                    .into_iter()
                    .enumerate()
                    .map(|(index, row)| view! { <ValueFields index row state=state.clone() lang/> })
                    .collect_view()}
                <button type="submit">{t(lang, "values-save")}</button>
            </PageForm>
        </section>
    }
}

#[component]
fn ValueFields(
    index: usize,
    row: CountryIndicatorRow,
    state: FormState,
    lang: Lang,
) -> impl IntoView {
    let code = row.info.code.clone();
    let kind = row.info.kind;
    let field = |name: &str| format!("input[values][{index}][{name}]");
    let id = |name: &str| format!("value-{code}-{name}");
    let current = row.current.clone();
    let whole = |value: Option<f64>| {
        value
            .map(crate::indicators::rules::trim_number)
            .unwrap_or_default()
    };
    // What each field shows: what was typed if the form was refused, else the stored value.
    let shown = |name: &str, stored: String| state.value(&field(name), stored);
    let subject = Some(code.as_str());
    let value_input = match kind {
        IndicatorKind::Percentage => view! {
            <div class="fraction">
                <label for=id("numerator")>{t(lang, "value-numerator")}</label>
                <input
                    id=id("numerator")
                    name=field("numerator")
                    type="text"
                    inputmode="numeric"
                    value=shown("numerator", whole(current.as_ref().and_then(|c| c.numerator)))
                    aria-invalid=state.invalid_about("numerator", subject)
                    aria-describedby=state.described_by_about("numerator", subject)
                />
                <label for=id("denominator")>{t(lang, "value-denominator")}</label>
                <input
                    id=id("denominator")
                    name=field("denominator")
                    type="text"
                    inputmode="numeric"
                    value=shown("denominator", whole(current.as_ref().and_then(|c| c.denominator)))
                    aria-invalid=state.invalid_about("numerator", subject)
                    aria-describedby=state.described_by_about("numerator", subject)
                />
            </div>
            <FieldError state=state.clone() field="numerator" subject=code.clone()/>
        }
        .into_any(),
        _ => view! {
            <label for=id("value")>{t(lang, kind.label_key())}</label>
            <KindInput
                kind
                id=id("value")
                name=field("value")
                value=shown(
                    "value",
                    current.as_ref().map(|c| typed_value(kind, c.value)).unwrap_or_default(),
                )
                invalid=state.invalid_about("value", subject)
                described_by=state.described_by_about("value", subject)
                lang
            />
            <FieldError state=state.clone() field="value" subject=code.clone()/>
        }
        .into_any(),
    };
    view! {
        <fieldset class="value-field" data-indicator=code.clone() id=format!("value-{code}")>
            <legend>
                <span class="code">{code.clone()}</span>
                " "
                {row.info.name.get(lang).to_owned()}
            </legend>
            <input type="hidden" name=field("indicator") value=code.clone()/>
            {value_input}
            <label for=id("source")>{t(lang, "value-source")}</label>
            <input
                id=id("source")
                name=field("source")
                type="text"
                maxlength="500"
                value=shown("source", current.as_ref().map(|c| c.source.clone()).unwrap_or_default())
                aria-invalid=state.invalid_about("source", subject)
                aria-describedby=state.described_by_about("source", subject)
            />
            <FieldError state=state.clone() field="source" subject=code.clone()/>
            <label for=id("note")>{t(lang, "value-note")}</label>
            <input
                id=id("note")
                name=field("note")
                type="text"
                maxlength="2000"
                value=shown("note", current.as_ref().and_then(|c| c.note.clone()).unwrap_or_default())
                aria-invalid=state.invalid_about("note", subject)
                aria-describedby=state.described_by_about("note", subject)
            />
            <FieldError state=state.clone() field="note" subject=code.clone()/>
        </fieldset>
    }
}
