//! A country's legislation (`/countries/{iso2}/legislation`): each provision with the country's
//! entry, whether it was reviewed in the current round, and a way to confirm it unchanged; and the
//! country's entry on one provision (`/countries/{iso2}/legislation/{code}`) with the form that
//! keeps it and every version saved.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::facts::{CoverageBadge, EntryFacts};
use crate::domain::{ContactLanguage, Coverage};
use crate::error::{AppError, Problem};
use crate::forms::{no_targets, FieldError, FormState, PageForm, Saved};
use crate::i18n::{t, t_args, Lang};
use crate::layout::{page_or_error, use_lang, Loading, TextArea};
use crate::legislation::rules::{
    AGGRAVATING_MAX_CHARS, FINES_MAX_CHARS, MAX_INSTRUMENTS, NEW_INSTRUMENT_ROWS, NOTE_MAX_CHARS,
    NUMBER_MAX_CHARS, ORIGINAL_TEXT_MAX_CHARS, REASON_MAX_CHARS, TITLE_MAX_CHARS, URL_MAX_CHARS,
};
use crate::legislation::types::{
    CountryLegislation, EntryForm, EntryPage, Instrument, ProvisionEntry, RoundStanding,
};

#[server(endpoint = "legislation/country", input = GetUrl)]
pub async fn get_country_legislation(iso2: String) -> Result<CountryLegislation, AppError> {
    let viewer = crate::access::require(crate::access::Permission::Read)?;
    crate::legislation::queries::country_legislation(&crate::db::use_db()?, &viewer, &iso2).await
}

#[server(endpoint = "legislation/entry", input = GetUrl)]
pub async fn get_entry(iso2: String, code: String) -> Result<EntryPage, AppError> {
    let viewer = crate::access::require(crate::access::Permission::Read)?;
    crate::legislation::queries::entry_page(&crate::db::use_db()?, &viewer, &iso2, &code).await
}

/// The request of a save or confirmation, with the addresses' parts checked.
#[cfg(feature = "ssr")]
fn entry_request(
    country: &str,
    provision: &str,
    version: i32,
) -> Result<crate::legislation::service::EntryRequest, AppError> {
    let country = crate::domain::country_code(country).ok_or(AppError::NotFound)?;
    let provision = provision.trim().to_ascii_uppercase();
    if provision.is_empty()
        || !provision
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-')
    {
        return Err(AppError::NotFound);
    }
    Ok(crate::legislation::service::EntryRequest {
        country,
        provision,
        version,
    })
}

/// Saves a country's entry on a provision as a new version (unchanged, it is confirmed).
#[server(endpoint = "legislation/save")]
pub async fn save_legislation_entry(
    country: String,
    provision: String,
    version: i32,
    form: EntryForm,
) -> Result<(), AppError> {
    let viewer = crate::access::require(crate::access::Permission::Read)?;
    let request = entry_request(&country, &provision, version)?;
    crate::legislation::service::save_entry(
        &crate::db::use_db()?,
        &viewer,
        &request,
        &form,
        chrono::Utc::now(),
    )
    .await?;
    crate::urls::redirect(&format!(
        "{}?saved=1",
        crate::urls::legislation_entry_path(&request.country, &request.provision)
    ));
    Ok(())
}

/// Confirms a country's entry on a provision unchanged in the current round.
#[server(endpoint = "legislation/confirm")]
pub async fn confirm_legislation_entry(
    country: String,
    provision: String,
    version: i32,
) -> Result<(), AppError> {
    let viewer = crate::access::require(crate::access::Permission::Read)?;
    let request = entry_request(&country, &provision, version)?;
    crate::legislation::service::confirm_entry(
        &crate::db::use_db()?,
        &viewer,
        &request,
        chrono::Utc::now(),
    )
    .await?;
    crate::urls::redirect(&format!(
        "{}?confirmed={}",
        crate::urls::country_legislation_path(&request.country),
        crate::urls::encode_query_value(&request.provision)
    ));
    Ok(())
}

/// Comments on a country's entry on a provision (reviewers, the secretariat).
#[server(endpoint = "legislation/comment")]
pub async fn comment_on_entry(
    country: String,
    provision: String,
    body: String,
) -> Result<(), AppError> {
    let viewer = crate::access::require(crate::access::Permission::Read)?;
    let request = entry_request(&country, &provision, 0)?;
    crate::legislation::service::add_comment(
        &crate::db::use_db()?,
        &viewer,
        &request.country,
        &request.provision,
        &body,
        chrono::Utc::now(),
    )
    .await?;
    crate::urls::redirect(&format!(
        "{}?commented=1#entry-comments-heading",
        crate::urls::legislation_entry_path(&request.country, &request.provision)
    ));
    Ok(())
}

#[component]
pub fn CountryLegislationPage() -> impl IntoView {
    // The same for everyone who sees the same navigation, but that the country's own focal points
    // (and the secretariat, by its role) see its forms: the page memory keeps the focal points
    // apart by the address.
    crate::layout::same_but_the_name(crate::layout::SameFor::TheNavigation);
    let lang = use_lang();
    let params = use_params_map();
    let data = Resource::new(
        move || params.read().get("iso2").unwrap_or_default(),
        get_country_legislation,
    );
    let confirmed = use_query_map().read_untracked().get("confirmed");
    view! {
        <Suspense fallback=Loading>
            {move || {
                let confirmed = confirmed.clone();
                Suspend::new(async move {
                    page_or_error(data.await, move |data| {
                        view! { <CountryMatrix data confirmed=confirmed.clone() lang/> }
                    })
                })
            }}
        </Suspense>
    }
}

/// Where a country's matrix stands in the round: its submission's state, and how many provisions
/// are entered and reviewed.
#[component]
fn Standing(round: Option<RoundStanding>, iso2: String, lang: Lang) -> impl IntoView {
    let Some(round) = round else {
        return view! { <p class="muted">{t(lang, "legislation-no-round")}</p> }.into_any();
    };
    let progress = round.progress;
    view! {
        <dl class="facts">
            <div>
                <dt>{t_args(lang, "submission-heading", &[("year", round.year.into())])}</dt>
                <dd>
                    <span class=round.state.css_class() data-state=round.state.code()>
                        {t(lang, round.state.label_key())}
                    </span>
                    " "
                    <a href=crate::urls::country_indicators_path(&iso2, Some(round.year))>
                        {t(lang, "legislation-submission-link")}
                    </a>
                </dd>
            </div>
            <div>
                <dt>{t(lang, "legislation-progress")}</dt>
                <dd>
                    {t_args(
                        lang,
                        "legislation-progress-words",
                        &[
                            ("entered", progress.entered.into()),
                            ("reviewed", progress.reviewed.into()),
                            ("provisions", progress.provisions.into()),
                        ],
                    )}
                </dd>
            </div>
        </dl>
    }
    .into_any()
}

#[component]
fn CountryMatrix(data: CountryLegislation, confirmed: Option<String>, lang: Lang) -> impl IntoView {
    let country = data.country.get(lang).to_owned();
    let heading = t_args(
        lang,
        "legislation-country-title",
        &[("country", country.clone().into())],
    );
    // Named only when the address names a provision of the matrix, and the confirmation was not
    // refused: a notice is never written from the address.
    let confirmed = confirmed
        .filter(|_| use_context::<crate::forms::Refused>().is_none())
        .and_then(|code| {
            data.provisions
                .iter()
                .find(|p| p.provision.code == code)
                .map(|p| format!("{} · {}", p.provision.code, p.provision.name.get(lang)))
        })
        .map(|provision| {
            view! {
                <Saved message=t_args(lang, "legislation-confirmed", &[("provision", provision.into())])/>
            }
        });
    let iso2 = data.iso2.clone();
    // Confirming is reviewing an entry in a round: a country that reports in none has nothing to
    // confirm.
    let can_edit = data.can_edit && data.round.is_some();
    view! {
        <Title text=heading.clone()/>
        <p class="breadcrumb">
            <a href=crate::urls::country_path(&data.iso2)>{country}</a>
            " · "
            <a href="/legislation">{t(lang, "legislation-title")}</a>
        </p>
        <h1>{heading}</h1>
        {confirmed}
        <Standing round=data.round.clone() iso2=data.iso2.clone() lang/>
        <div class="table-wrap" tabindex="0">
            <table>
                <thead>
                    <tr>
                        <th scope="col">{t(lang, "legislation-provision")}</th>
                        <th scope="col">{t(lang, "legislation-coverage")}</th>
                        <th scope="col">{t(lang, "legislation-entered")}</th>
                        <th scope="col">{t(lang, "legislation-reviewed")}</th>
                    </tr>
                </thead>
                <tbody>
                    {data
                        .provisions
                        .into_iter()
                        .map(|row| view! { <ProvisionRow row iso2=iso2.clone() can_edit lang/> })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn ProvisionRow(row: ProvisionEntry, iso2: String, can_edit: bool, lang: Lang) -> impl IntoView {
    let ProvisionEntry {
        provision,
        entry,
        reviewed,
    } = row;
    let href = crate::urls::legislation_entry_path(&iso2, &provision.code);
    let entered = entry.as_ref().map(|e| {
        let verified = e.verified_on.clone().map(|day| {
            format!(
                " · {}",
                t_args(lang, "legislation-verified-on", &[("day", day.into())])
            )
        });
        format!("{}{}", e.entered_on, verified.unwrap_or_default())
    });
    let review = if reviewed {
        t(lang, "legislation-reviewed-yes")
    } else {
        t(lang, "legislation-reviewed-no")
    };
    let code = provision.code.clone();
    let confirm = entry.as_ref().filter(|_| can_edit && !reviewed).map(|e| {
        let state = FormState::one_of(ConfirmLegislationEntry::PATH, &code);
        let version = e.version;
        let code = code.clone();
        view! {
            <PageForm state targets=no_targets class="form form--inline">
                <input type="hidden" name="country" value=iso2.clone()/>
                <input type="hidden" name="provision" value=code.clone()/>
                <input type="hidden" name="version" value=version/>
                <button type="submit" class="button--secondary">
                    {t(lang, "legislation-confirm")}
                    <span class="visually-hidden">" " {code}</span>
                </button>
            </PageForm>
        }
    });
    view! {
        <tr>
            <th scope="row">
                <a href=href>{format!("{} · {}", provision.code, provision.name.get(lang))}</a>
            </th>
            <td><CoverageBadge coverage=entry.as_ref().map(|e| e.entry.coverage) lang/></td>
            <td>{entered}</td>
            <td>{review} {confirm}</td>
        </tr>
    }
}

#[component]
pub fn LegislationEntryPage() -> impl IntoView {
    // As the country's legislation page (above); reviewers see the comment form by their role.
    crate::layout::same_but_the_name(crate::layout::SameFor::TheNavigation);
    let lang = use_lang();
    let params = use_params_map();
    let data = Resource::new(
        move || {
            let params = params.read();
            (
                params.get("iso2").unwrap_or_default(),
                params.get("code").unwrap_or_default(),
            )
        },
        |(iso2, code)| get_entry(iso2, code),
    );
    let saved = use_query_map().read_untracked().get("saved").is_some()
        && !FormState::new(SaveLegislationEntry::PATH).is_refused();
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                page_or_error(data.await, move |page| view! { <Entry page saved lang/> })
            })}
        </Suspense>
    }
}

#[component]
fn Entry(page: EntryPage, saved: bool, lang: Lang) -> impl IntoView {
    let country = page.country.get(lang).to_owned();
    let heading = t_args(
        lang,
        "legislation-entry-title",
        &[
            ("country", country.clone().into()),
            ("provision", page.provision.name.get(lang).to_owned().into()),
        ],
    );
    let saved = saved.then(|| view! { <Saved message=t(lang, "legislation-saved")/> });
    let facts = match page.entry.clone() {
        Some(stored) => {
            let people = people_words(&stored, lang);
            view! {
                <EntryFacts entry=stored.entry lang/>
                <p class="muted">{people}</p>
            }
            .into_any()
        }
        None => view! { <p><CoverageBadge coverage=None lang/></p> }.into_any(),
    };
    let form = page
        .can_edit
        .then(|| view! { <EntryEditor page=page.clone() lang/> });
    let locked = (!page.can_edit && page.round.as_ref().is_some_and(|r| !r.state.is_editable()))
        .then(|| view! { <p class="notice">{t(lang, "legislation-locked")}</p> });
    view! {
        <Title text=heading.clone()/>
        <p class="breadcrumb">
            <a href=crate::urls::country_legislation_path(&page.iso2)>
                {t_args(lang, "legislation-country-title", &[("country", country.into())])}
            </a>
            " · "
            <a href=crate::urls::legislation_provision_path(&page.provision.code)>
                {page.provision.code.clone()}
            </a>
        </p>
        <h1>{heading}</h1>
        <p class="lead">{page.provision.question.get(lang).to_owned()}</p>
        {saved}
        {facts}
        {locked}
        {form}
        <Comments page=page.clone() lang/>
        <History page=page.clone() lang/>
    }
}

/// Who entered, confirmed and verified an entry, and when.
fn people_words(stored: &crate::legislation::types::StoredEntry, lang: Lang) -> String {
    let unknown = || t(lang, "legislation-someone");
    let mut words = vec![t_args(
        lang,
        "legislation-entered-by",
        &[
            (
                "name",
                stored.entered_by.clone().unwrap_or_else(unknown).into(),
            ),
            ("day", stored.entered_on.clone().into()),
        ],
    )];
    if let Some(day) = &stored.confirmed_on {
        words.push(t_args(
            lang,
            "legislation-confirmed-by",
            &[
                (
                    "name",
                    stored.confirmed_by.clone().unwrap_or_else(unknown).into(),
                ),
                ("day", day.clone().into()),
            ],
        ));
    }
    match &stored.verified_on {
        Some(day) => words.push(t_args(
            lang,
            "legislation-verified-by",
            &[
                (
                    "name",
                    stored.verified_by.clone().unwrap_or_else(unknown).into(),
                ),
                ("day", day.clone().into()),
            ],
        )),
        None => words.push(t(lang, "legislation-not-verified")),
    }
    words.join(" ")
}

/// The fields of the entry form, as the rules name them, and the ids of their elements.
const ENTRY_FIELDS: [&str; 9] = [
    "coverage",
    "coverage_reason",
    "original_text",
    "text_language",
    "penalty_min_years",
    "penalty_max_years",
    "fines",
    "aggravating",
    "note",
];

fn entry_targets(problem: &Problem) -> Option<String> {
    if ENTRY_FIELDS.contains(&problem.field.as_str()) {
        return Some(format!("entry-{}", problem.field));
    }
    if problem.field == "instruments" {
        return Some("entry-instrument-0-title".to_owned());
    }
    let field = problem.field.strip_prefix("instrument_")?;
    let row = problem
        .subject
        .as_deref()?
        .parse::<usize>()
        .ok()?
        .checked_sub(1)?;
    Some(format!("entry-instrument-{row}-{field}"))
}

#[component]
fn EntryEditor(page: EntryPage, lang: Lang) -> impl IntoView {
    let state = FormState::new(SaveLegislationEntry::PATH);
    let stored = page.entry.as_ref().map(|s| s.entry.clone());
    let version = page.entry.as_ref().map_or(0, |s| s.version);
    let shown = |field: &str, stored: String| state.value(&format!("form[{field}]"), stored);
    let text_of = |pick: fn(&crate::legislation::types::Entry) -> Option<String>| {
        stored.as_ref().and_then(pick).unwrap_or_default()
    };
    let coverage = shown(
        "coverage",
        stored
            .as_ref()
            .map(|e| e.coverage.code().to_owned())
            .unwrap_or_default(),
    );
    let language = shown(
        "text_language",
        stored
            .as_ref()
            .and_then(|e| e.text_language)
            .map(|l| l.code().to_owned())
            .unwrap_or_default(),
    );
    let years = |y: Option<f64>| y.map(|y| y.to_string()).unwrap_or_default();
    let penalty = stored.as_ref().map(|e| e.penalty).unwrap_or_default();
    let mut instruments: Vec<Option<Instrument>> = stored
        .as_ref()
        .map(|e| e.instruments.iter().cloned().map(Some).collect())
        .unwrap_or_default();
    let rows = (instruments.len() + NEW_INSTRUMENT_ROWS).min(MAX_INSTRUMENTS);
    instruments.resize(rows, None);
    let textarea = |field: &'static str, label_key: &'static str, most: usize, value: String| {
        view! { <EntryText state=state.clone() field label=t(lang, label_key) most value=shown(field, value)/> }
    };
    let number = |field: &'static str, label_key: &'static str, value: String| {
        view! { <YearsInput state=state.clone() field label=t(lang, label_key) value=shown(field, value)/> }
    };
    let reason = textarea(
        "coverage_reason",
        "legislation-coverage-reason",
        REASON_MAX_CHARS,
        text_of(|e| e.coverage_reason.clone()),
    );
    let fines = textarea(
        "fines",
        "legislation-fines",
        FINES_MAX_CHARS,
        text_of(|e| e.fines.clone()),
    );
    let aggravating = textarea(
        "aggravating",
        "legislation-aggravating",
        AGGRAVATING_MAX_CHARS,
        text_of(|e| e.aggravating.clone()),
    );
    let original = textarea(
        "original_text",
        "legislation-original-text",
        ORIGINAL_TEXT_MAX_CHARS,
        text_of(|e| e.original_text.clone()),
    );
    let note = textarea(
        "note",
        "legislation-note",
        NOTE_MAX_CHARS,
        text_of(|e| e.note.clone()),
    );
    let least = number(
        "penalty_min_years",
        "legislation-penalty-min",
        years(penalty.min_years),
    );
    let longest = number(
        "penalty_max_years",
        "legislation-penalty-max",
        years(penalty.max_years),
    );
    view! {
        <section aria-labelledby="entry-form-heading">
            <h2 id="entry-form-heading">{t(lang, "legislation-edit-heading")}</h2>
            <PageForm state=state.clone() targets=entry_targets>
                <input type="hidden" name="country" value=page.iso2.clone()/>
                <input type="hidden" name="provision" value=page.provision.code.clone()/>
                <input
                    type="hidden"
                    name="version"
                    value=if state.is_conflict() {
                        version.to_string()
                    } else {
                        state.value("version", version.to_string())
                    }
                />
                <fieldset
                    id="entry-coverage"
                    class="choices"
                    aria-invalid=state.invalid("coverage")
                    aria-describedby=state.described_by("coverage")
                >
                    <legend>{t(lang, "legislation-coverage")}</legend>
                    <FieldError state=state.clone() field="coverage"/>
                    {Coverage::ALL
                        .iter()
                        .map(|option| {
                            view! {
                                <label>
                                    <input
                                        type="radio"
                                        name="form[coverage]"
                                        value=option.code()
                                        checked=option.code() == coverage
                                        required=true
                                    />
                                    " "
                                    {t(lang, option.label_key())}
                                </label>
                            }
                        })
                        .collect_view()}
                </fieldset>
                {reason}
                <fieldset class="instruments">
                    <legend>{t(lang, "legislation-instruments")}</legend>
                    <p class="muted">{t(lang, "legislation-instruments-help")}</p>
                    <FieldError state=state.clone() field="instruments"/>
                    {instruments
                        .into_iter()
                        .enumerate()
                        .map(|(index, instrument)| view! { <InstrumentFields state=state.clone() index instrument lang/> })
                        .collect_view()}
                </fieldset>
                <div class="field-row">
                    {least}
                    {longest}
                </div>
                {fines}
                {aggravating}
                {original}
                <label for="entry-text_language">{t(lang, "legislation-text-language")}</label>
                <FieldError state=state.clone() field="text_language"/>
                <select
                    id="entry-text_language"
                    name="form[text_language]"
                    aria-invalid=state.invalid("text_language")
                    aria-describedby=state.described_by("text_language")
                >
                    <option value="">"—"</option>
                    {ContactLanguage::ALL
                        .iter()
                        .map(|option| {
                            view! {
                                <option value=option.code() selected=option.code() == language>
                                    {t(lang, option.label_key())}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                {note}
                <button type="submit">{t(lang, "legislation-save")}</button>
            </PageForm>
        </section>
    }
}

/// A multi-line field of the entry form.
#[component]
fn EntryText(
    state: FormState,
    field: &'static str,
    label: String,
    most: usize,
    value: String,
) -> impl IntoView {
    let id = format!("entry-{field}");
    view! {
        <label for=id.clone()>{label}</label>
        <FieldError state=state.clone() field/>
        <TextArea
            value=value.clone()
            {..}
            id=id
            name=format!("form[{field}]")
            maxlength=most.to_string()
            rows="4"
            aria-invalid=state.invalid(field)
            aria-describedby=state.described_by(field)
        />
    }
}

/// A number of years of the entry form.
#[component]
fn YearsInput(
    state: FormState,
    field: &'static str,
    label: String,
    value: String,
) -> impl IntoView {
    let id = format!("entry-{field}");
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <FieldError state=state.clone() field/>
            <input
                id=id
                name=format!("form[{field}]")
                inputmode="decimal"
                value=value
                aria-invalid=state.invalid(field)
                aria-describedby=state.described_by(field)
            />
        </div>
    }
}

/// One instrument's row of the entry form: what is stored, what a refused form sent, or empty.
#[component]
fn InstrumentFields(
    state: FormState,
    index: usize,
    instrument: Option<Instrument>,
    lang: Lang,
) -> impl IntoView {
    let stored = instrument.unwrap_or(Instrument {
        title: String::new(),
        number: None,
        year: None,
        article: None,
        url: None,
        in_force_since: None,
    });
    let subject = (index + 1).to_string();
    let input = |field: &'static str,
                 label_key: &'static str,
                 kind: &'static str,
                 most: usize,
                 value: String| {
        let id = format!("entry-instrument-{index}-{field}");
        let name = format!("form[instruments][{index}][{field}]");
        let rule: &'static str = match field {
            "title" => "instrument_title",
            "number" => "instrument_number",
            "year" => "instrument_year",
            "article" => "instrument_article",
            "url" => "instrument_url",
            _ => "instrument_in_force_since",
        };
        view! {
            <div class="field">
                <label for=id.clone()>{t(lang, label_key)}</label>
                <FieldError state=state.clone() field=rule subject=subject.clone()/>
                <input
                    id=id
                    name=name.clone()
                    type=kind
                    maxlength=most.to_string()
                    value=state.value(&name, value)
                    aria-invalid=state.invalid_about(rule, Some(&subject))
                    aria-describedby=state.described_by_about(rule, Some(&subject))
                />
            </div>
        }
    };
    view! {
        <fieldset class="instrument">
            <legend>{t_args(lang, "legislation-instrument-n", &[("n", (index + 1).into())])}</legend>
            {input("title", "legislation-instrument-title", "text", TITLE_MAX_CHARS, stored.title.clone())}
            <div class="field-row">
                {input("number", "legislation-instrument-number", "text", NUMBER_MAX_CHARS, stored.number.clone().unwrap_or_default())}
                {input("year", "legislation-instrument-year", "text", 4, stored.year.map(|y| y.to_string()).unwrap_or_default())}
                {input("article", "legislation-instrument-article", "text", NUMBER_MAX_CHARS, stored.article.clone().unwrap_or_default())}
            </div>
            {input("url", "legislation-instrument-url", "url", URL_MAX_CHARS, stored.url.clone().unwrap_or_default())}
            {input("in_force_since", "legislation-instrument-in-force", "date", 10, stored.in_force_since.map(|d| d.to_string()).unwrap_or_default())}
        </fieldset>
    }
}

/// The comments on the entry, and the form that adds one for those who may comment.
#[component]
fn Comments(page: EntryPage, lang: Lang) -> impl IntoView {
    if page.entry.is_none() {
        return ().into_any();
    }
    let state = FormState::new(CommentOnEntry::PATH);
    let listing = if page.comments.is_empty() {
        view! { <p class="muted">{t(lang, "legislation-no-comments")}</p> }.into_any()
    } else {
        view! {
            <ul class="comments">
                {page
                    .comments
                    .iter()
                    .map(|c| {
                        let author = c.author.clone().unwrap_or_else(|| t(lang, "legislation-someone"));
                        view! {
                            <li>
                                <p class="muted">{format!("{author} · {}", c.at)}</p>
                                <p class="prose">{c.body.clone()}</p>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    let form = page.can_comment.then(|| {
        view! {
            <PageForm state=state.clone() targets=comment_targets>
                <input type="hidden" name="country" value=page.iso2.clone()/>
                <input type="hidden" name="provision" value=page.provision.code.clone()/>
                <label for="entry-comment">{t(lang, "legislation-comment-label")}</label>
                <FieldError state=state.clone() field="comment"/>
                <TextArea
                    value=state.value("body", "")
                    {..}
                    id="entry-comment"
                    name="body"
                    rows="3"
                    maxlength=crate::text::COMMENT_MAX_CHARS.to_string()
                    required=true
                    aria-invalid=state.invalid("comment")
                    aria-describedby=state.described_by("comment")
                />
                <button type="submit">{t(lang, "legislation-comment-submit")}</button>
            </PageForm>
        }
    });
    view! {
        <section aria-labelledby="entry-comments-heading">
            <h2 id="entry-comments-heading">{t(lang, "legislation-comments")}</h2>
            {listing}
            {form}
        </section>
    }
    .into_any()
}

fn comment_targets(problem: &Problem) -> Option<String> {
    (problem.field == "comment").then(|| "entry-comment".to_owned())
}

/// Every version of the entry, newest first, each with what it said.
#[component]
fn History(page: EntryPage, lang: Lang) -> impl IntoView {
    (!page.history.is_empty()).then(|| {
        view! {
            <section aria-labelledby="entry-history-heading">
                <h2 id="entry-history-heading">{t(lang, "legislation-history")}</h2>
                {page
                    .history
                    .into_iter()
                    .map(|version| {
                        let summary = t_args(
                            lang,
                            "legislation-version-summary",
                            &[
                                ("version", version.version.into()),
                                ("at", version.saved_at.clone().into()),
                                ("name", version.saved_by.clone().unwrap_or_else(|| t(lang, "legislation-someone")).into()),
                                ("coverage", t(lang, version.entry.coverage.label_key()).into()),
                            ],
                        );
                        view! {
                            <details class="entry-version">
                                <summary>{summary}</summary>
                                <EntryFacts entry=version.entry lang/>
                            </details>
                        }
                    })
                    .collect_view()}
            </section>
        }
    })
}
