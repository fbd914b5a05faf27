//! The countries page, with the secretariat's form to add a country, and a country's page, with its
//! directory.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::rules::COUNTRY_NAME_MAX_CHARS;
use super::types::{CountriesView, CountryDetail, CountryForm, CountrySummary, CountryTheme};
use crate::domain::Membership;
use crate::error::{AppError, Problem};
use crate::forms::{FieldError, FormState, PageForm, Refused, Saved};
use crate::i18n::{format_date, format_percent, t, t_args, Lang};
use crate::layout::{page_or_error, use_lang, DelayedBadge, Loading, StatusBadge};

#[server(endpoint = "countries", input = GetUrl)]
pub async fn get_countries() -> Result<CountriesView, AppError> {
    let viewer = crate::access::require(crate::access::Permission::Read)?;
    Ok(CountriesView {
        countries: super::queries::countries(&crate::db::use_db()?).await?,
        can_add: viewer.may(crate::access::Permission::Coordinate),
    })
}

/// Adds a country to the list (the secretariat) and goes to its page, where its focal points are
/// then listed in its directory.
#[server(endpoint = "countries/add")]
pub async fn add_country(form: CountryForm) -> Result<(), AppError> {
    let viewer = crate::access::require(crate::access::Permission::Coordinate)?;
    let iso2 =
        super::service::add_country(&crate::db::use_db()?, &viewer, &form, chrono::Utc::now())
            .await?;
    crate::urls::redirect(&crate::urls::country_path_after(&iso2, "added"));
    Ok(())
}

#[server(endpoint = "country", input = GetUrl)]
pub async fn get_country(iso2: String, as_of: Option<String>) -> Result<CountryDetail, AppError> {
    crate::access::require(crate::access::Permission::Read)?;
    let snapshot = match crate::dashboards::snapshot::current(None).await {
        Ok(current) => Some(current.snapshot),
        Err(AppError::NotFound) => None,
        Err(error) => return Err(error),
    };
    super::queries::country_detail(
        &crate::db::use_db()?,
        snapshot.as_deref(),
        &iso2,
        as_of.as_deref(),
    )
    .await
}

#[component]
pub fn CountriesPage() -> impl IntoView {
    // The same for everyone who may read it, but that the secretariat (by its role) adds countries.
    crate::layout::same_but_the_name(crate::layout::SameFor::TheNavigation);
    let lang = use_lang();
    let countries = Resource::new(|| (), |_| get_countries());
    view! {
        <Title text=t(lang, "countries-title")/>
        <h1>{t(lang, "countries-title")}</h1>
        <p class="lead">{t(lang, "countries-intro")}</p>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                page_or_error(countries.await, move |data| {
                    let (members, observers): (Vec<_>, Vec<_>) = data
                        .countries
                        .into_iter()
                        .partition(|c| c.membership == Membership::Member);
                    let form = data.can_add.then(|| view! { <NewCountryForm lang/> });
                    view! {
                        <h2 id="members">{t(lang, "countries-members-heading")}</h2>
                        <CountryList countries=members lang/>
                        <h2 id="observers">{t(lang, "countries-observers-heading")}</h2>
                        <CountryList countries=observers lang/>
                        {form}
                    }
                })
            })}
        </Suspense>
    }
}

#[component]
fn CountryList(mut countries: Vec<CountrySummary>, lang: Lang) -> impl IntoView {
    countries.sort_by(|a, b| a.name.get(lang).cmp(b.name.get(lang)));
    view! {
        <ul class="country-list">
            {countries
                .into_iter()
                .map(|c| {
                    view! {
                        <li>
                            <a href=crate::urls::country_path(&c.iso2)>
                                {c.name.get(lang).to_owned()}
                            </a>
                            " "
                            <abbr class="muted">{c.iso3}</abbr>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// Where the new-country form's problems are: each field the rules name has its element.
fn new_country_targets(problem: &Problem) -> Option<String> {
    let id = match problem.field.as_str() {
        "iso2" => "country-iso2",
        "iso3" => "country-iso3",
        "name_en" => "country-name-en",
        "name_es" => "country-name-es",
        "membership" => "country-membership",
        "language" => "country-language",
        _ => return None,
    };
    Some(id.to_owned())
}

/// The secretariat's form to add a country to the list.
#[component]
fn NewCountryForm(lang: Lang) -> impl IntoView {
    let state = FormState::new(AddCountry::PATH);
    let text = |field: &'static str, id: &'static str, label: String, longest: usize| {
        let name = format!("form[{field}]");
        view! {
            <label for=id>{label}</label>
            <FieldError state=state.clone() field/>
            <input
                id=id
                name=name.clone()
                type="text"
                maxlength=longest.to_string()
                required
                value=state.value(&name, "")
                aria-invalid=state.invalid(field)
                aria-describedby=state.described_by(field)
            />
        }
    };
    let iso2 = text("iso2", "country-iso2", t(lang, "country-iso2"), 2);
    let iso3 = text("iso3", "country-iso3", t(lang, "country-iso3"), 3);
    let name_en = text(
        "name_en",
        "country-name-en",
        t(lang, "country-name-en"),
        COUNTRY_NAME_MAX_CHARS,
    );
    let name_es = text(
        "name_es",
        "country-name-es",
        t(lang, "country-name-es"),
        COUNTRY_NAME_MAX_CHARS,
    );
    view! {
        <section aria-labelledby="new-country-heading">
            <h2 id="new-country-heading">{t(lang, "countries-add-heading")}</h2>
            <PageForm state=state.clone() targets=new_country_targets>
                {iso2}
                {iso3}
                {name_en}
                {name_es}
                <CountryChoices state lang/>
                <button type="submit">{t(lang, "countries-add")}</button>
            </PageForm>
        </section>
    }
}

/// A new country's membership and working language, each as chosen, or as a refused form sent.
#[component]
fn CountryChoices(state: FormState, lang: Lang) -> impl IntoView {
    let membership = state.value("form[membership]", Membership::Member.code());
    let language = state.value("form[language]", Lang::Es.code());
    view! {
        <label for="country-membership">{t(lang, "col-membership")}</label>
        <FieldError state=state.clone() field="membership"/>
        <select
            id="country-membership"
            name="form[membership]"
            aria-invalid=state.invalid("membership")
            aria-describedby=state.described_by("membership")
        >
            {Membership::ALL
                .iter()
                .map(|option| {
                    view! {
                        <option value=option.code() selected=option.code() == membership>
                            {t(lang, option.label_key())}
                        </option>
                    }
                })
                .collect_view()}
        </select>
        <label for="country-language">{t(lang, "country-working-language")}</label>
        <FieldError state=state.clone() field="language"/>
        <select
            id="country-language"
            name="form[language]"
            aria-invalid=state.invalid("language")
            aria-describedby=state.described_by("language")
        >
            {Lang::ALL
                .into_iter()
                .map(|option| {
                    view! {
                        <option value=option.code() selected=option.code() == language>
                            {option.endonym()}
                        </option>
                    }
                })
                .collect_view()}
        </select>
    }
}

#[component]
pub fn CountryPage() -> impl IntoView {
    // The same for everyone who may read it, but that the country's own focal points (and the
    // secretariat, by its role) see its directory's editor: the page memory keeps the focal
    // points apart by the address.
    crate::layout::same_but_the_name(crate::layout::SameFor::TheNavigation);
    let lang = use_lang();
    let params = use_params_map();
    let query = use_query_map();
    let detail = Resource::new(
        move || {
            (
                params.read().get("iso2").unwrap_or_default(),
                query.read().get("as_of"),
            )
        },
        |(iso2, as_of)| get_country(iso2, as_of),
    );
    let added = query
        .read_untracked()
        .get("done")
        .is_some_and(|done| done == "added");
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                page_or_error(detail.await, move |detail| view! { <CountryView detail added lang/> })
            })}
        </Suspense>
    }
}

/// A country's page; `added` when the secretariat has just added the country.
#[component]
fn CountryView(detail: CountryDetail, added: bool, lang: Lang) -> impl IntoView {
    let name = detail.country.name.get(lang).to_owned();
    let observer = detail.country.membership == Membership::Observer;
    let iso2 = detail.country.iso2.clone();
    let directory_iso2 = iso2.clone();
    // A form refused on this page says what went wrong instead.
    let added = (added && use_context::<Refused>().is_none()).then(|| {
        view! { <Saved message=t_args(lang, "country-added", &[("country", name.clone().into())])/> }
    });
    view! {
        <Title text=name.clone()/>
        <p class="breadcrumb">
            <a href="/countries">{t(lang, "countries-title")}</a>
        </p>
        <h1>{name.clone()}</h1>
        <p class="muted">
            {detail.country.iso3.clone()}
            " · "
            {t(lang, detail.country.membership.label_key())}
        </p>
        {added}
        {observer
            .then(|| {
                view! {
                    <p>{t_args(lang, "country-observer-note", &[("country", name.clone().into())])}</p>
                }
            })}
        {(!observer && detail.plan.is_some())
            .then(|| {
                view! {
                    <crate::dashboards::pages::AsOfForm
                        action=crate::urls::country_path(&iso2)
                        as_of=detail.as_of.clone()
                        lang
                    />
                    <crate::dashboards::pages::CountryDashboardSection iso2=iso2.clone() lang/>
                    <h2>{t_args(lang, "country-actions-heading", &[("country", name.clone().into())])}</h2>
                    <crate::exports::pages::DownloadLinks
                        table="country-actions"
                        query=detail.as_of.in_query(&format!("country={iso2}"))
                        lang
                    />
                    {detail
                        .themes
                        .into_iter()
                        .map(|theme| view! { <CountryThemeTable theme iso2=iso2.clone() lang/> })
                        .collect_view()}
                }
            })}
        <crate::directory::pages::DirectorySection iso2=directory_iso2 lang/>
    }
}

#[component]
fn CountryThemeTable(theme: CountryTheme, iso2: String, lang: Lang) -> impl IntoView {
    let heading_id = format!("theme-{}", theme.code);
    let (section_label, table_label) = (heading_id.clone(), heading_id.clone());
    let label = t_args(
        lang,
        "theme-heading",
        &[("code", theme.code.clone().into())],
    );
    view! {
        <section class="theme" aria-labelledby=section_label>
            <h3 id=heading_id>
                <span class="code">{label}</span>
                " "
                <a href=crate::urls::theme_path(&theme.code)>{theme.name.get(lang).to_owned()}</a>
            </h3>
            <div class="table-wrap" tabindex="0">
                <table aria-labelledby=table_label>
                    <thead>
                        <tr>
                            <th scope="col">{t(lang, "col-action")}</th>
                            <th scope="col">{t(lang, "col-status")}</th>
                            <th scope="col" class="number">{t(lang, "update-progress")}</th>
                            <th scope="col" class="number">{t(lang, "col-milestones")}</th>
                            <th scope="col">{t(lang, "col-updated")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {theme
                            .actions
                            .into_iter()
                            .map(|row| {
                                let achieved = t_args(
                                    lang,
                                    "milestones-achieved",
                                    &[("achieved", row.achieved.into()), ("total", row.total.into())],
                                );
                                view! {
                                    <tr>
                                        <th scope="row">
                                            <a href=crate::urls::country_action_path(&iso2, &row.code)>
                                                <span class="code">{row.code.clone()}</span>
                                                " "
                                                {row.title.get(lang).to_owned()}
                                            </a>
                                        </th>
                                        <td>
                                            <StatusBadge status=row.status/>
                                            {row.delayed.then(|| view! { " " <DelayedBadge/> })}
                                        </td>
                                        <td class="number">
                                            {row
                                                .progress
                                                .map(|share| format_percent(lang, share))
                                                .unwrap_or_else(|| "—".to_owned())}
                                        </td>
                                        <td class="number">{achieved}</td>
                                        <td>
                                            {row
                                                .updated_on
                                                .map(|day| {
                                                    view! {
                                                        <time datetime=day.clone()>{format_date(lang, &day)}</time>
                                                    }
                                                })}
                                            {row
                                                .updated_by
                                                .map(|who| view! { <span class="muted">" · " {who}</span> })}
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
}
