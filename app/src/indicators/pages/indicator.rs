//! One indicator (`/indicators/{code}`): what it measures, every member country's values side by side
//! with their baselines, targets and assessments, the form that sets a baseline and target (the
//! secretariat sets, a country's focal point proposes), and the secretariat's edit and retire forms.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::catalogue::{indicator_targets, IndicatorFields};
use crate::domain::IndicatorKind;
use crate::error::AppError;
use crate::error::Problem;
use crate::forms::{no_targets, FieldError, FormState, PageForm};
use crate::i18n::{format_percent, t, t_args, Lang};
use crate::indicators::rules::{format_value, scale_level_key};
use crate::indicators::types::{
    IndicatorForm, IndicatorView, Standing, TargetForm, TargetInfo, ValueCell,
};
use crate::layout::{page_or_error, use_lang, Loading};

#[server(endpoint = "indicator", input = GetUrl)]
pub async fn get_indicator(code: String, as_of: Option<String>) -> Result<IndicatorView, AppError> {
    let viewer = crate::access::require(crate::access::Permission::Read)?;
    let snapshot = crate::dashboards::snapshot::current(None).await?.snapshot;
    let (as_of, notice) = crate::domain::AsOf::read(
        as_of.as_deref(),
        chrono::Utc::now().date_naive(),
        (snapshot.plan_start, snapshot.plan_end),
    );
    let known_on = as_of.asked.then_some(as_of.known_on);
    let db = crate::db::use_db()?;
    let view = crate::indicators::queries::indicator_view(&db, &viewer, &code, known_on).await?;
    Ok(IndicatorView {
        as_of: as_of.shown(notice),
        ..view
    })
}

#[server(endpoint = "indicators/update")]
pub async fn update_indicator(code: String, form: IndicatorForm) -> Result<(), AppError> {
    let viewer = crate::access::require(crate::access::Permission::Coordinate)?;
    let code = crate::indicators::rules::indicator_code(&code).ok_or(AppError::NotFound)?;
    let db = crate::db::use_db()?;
    crate::indicators::service::update_indicator(&db, &viewer, &code, &form, chrono::Utc::now())
        .await?;
    crate::urls::redirect(&format!("{}?saved=1", crate::urls::indicator_path(&code)));
    Ok(())
}

#[server(endpoint = "indicators/retire")]
pub async fn retire_indicator(code: String, retired: bool) -> Result<(), AppError> {
    let viewer = crate::access::require(crate::access::Permission::Coordinate)?;
    let code = crate::indicators::rules::indicator_code(&code).ok_or(AppError::NotFound)?;
    let db = crate::db::use_db()?;
    crate::indicators::service::set_retired(&db, &viewer, &code, retired, chrono::Utc::now())
        .await?;
    crate::urls::redirect(&crate::urls::indicator_path(&code));
    Ok(())
}

#[server(endpoint = "indicators/target")]
pub async fn set_indicator_target(target: TargetForm) -> Result<(), AppError> {
    let viewer = crate::access::require(crate::access::Permission::Read)?;
    let target = TargetForm {
        indicator: crate::indicators::rules::indicator_code(&target.indicator)
            .ok_or(AppError::NotFound)?,
        ..target
    };
    let db = crate::db::use_db()?;
    crate::indicators::service::set_target(&db, &viewer, &target, chrono::Utc::now()).await?;
    crate::urls::redirect(&format!(
        "{}#targets",
        crate::urls::indicator_path(&target.indicator)
    ));
    Ok(())
}

#[component]
pub fn IndicatorPage() -> impl IntoView {
    // Rendered for each reader, not shared (`layout::same_but_the_name`): it shows a focal point
    // their own country's values not yet validated, and the address names no country.
    let lang = use_lang();
    let params = use_params_map();
    let query = use_query_map();
    let view_data = Resource::new(
        move || {
            (
                params.read().get("code").unwrap_or_default(),
                query.read().get("as_of"),
            )
        },
        |(code, as_of)| get_indicator(code, as_of),
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                page_or_error(
                    view_data.await,
                    move |data| view! { <IndicatorBody data lang/> },
                )
            })}
        </Suspense>
    }
}

#[component]
fn IndicatorBody(data: IndicatorView, lang: Lang) -> impl IntoView {
    let info = data.info.clone();
    let name = info.name.get(lang).to_owned();
    let article = t_args(lang, "article-heading", &[("number", info.article.into())]);
    let scale = (info.kind == IndicatorKind::Scale0To4).then(|| {
        view! {
            <section aria-labelledby="levels-heading">
                <h2 id="levels-heading">{t(lang, "scale-levels-heading")}</h2>
                <ol class="levels" start="0">
                    {(0..=4u8).map(|level| view! { <li>{t(lang, scale_level_key(level))}</li> }).collect_view()}
                </ol>
            </section>
        }
    });
    let targets = (!data.target_countries.is_empty() && !info.retired)
        .then(|| view! { <TargetEditor data=data.clone() lang/> });
    let manage = data
        .can_manage
        .then(|| view! { <ManageIndicator data=data.clone() lang/> });
    view! {
        <Title text=format!("{} · {name}", info.code)/>
        <p class="breadcrumb">
            <a href="/protocol">{t(lang, "nav-protocol")}</a>
            " › "
            <a href=crate::urls::protocol_article_path(info.article)>{article.clone()}</a>
        </p>
        <h1>
            <span class="code">{info.code.clone()}</span>
            " "
            {name}
        </h1>
        {info.retired.then(|| view! { <p class="notice" role="status">{t(lang, "indicator-retired-notice")}</p> })}
        <dl class="facts">
            <div>
                <dt>{t(lang, "col-article")}</dt>
                <dd>{format!("{article} {}", data.article_title.get(lang))}</dd>
            </div>
            <div>
                <dt>{t(lang, "col-provision")}</dt>
                <dd>{info.provision.clone()}</dd>
            </div>
            <div>
                <dt>{t(lang, "col-kind")}</dt>
                <dd>{t(lang, info.kind.label_key())}</dd>
            </div>
            <div>
                <dt>{t(lang, "col-direction")}</dt>
                <dd>{t(lang, info.direction.label_key())}</dd>
            </div>
        </dl>
        {scale}
        <crate::dashboards::pages::AsOfForm
            action=crate::urls::indicator_path(&info.code)
            as_of=data.as_of.clone()
            lang
        />
        <CountriesTable data=data.clone() lang/>
        {targets}
        {manage}
    }
}

/// A value in a table cell, marked when it is not validated yet.
#[component]
pub fn ValueText(kind: IndicatorKind, cell: ValueCell, lang: Lang) -> impl IntoView {
    let pending = (!cell.is_validated()).then(|| {
        view! { " " <span class=cell.state.css_class()>{t(lang, cell.state.label_key())}</span> }
    });
    view! { <span title=cell.source.clone()>{format_value(lang, kind, cell.value)}</span> {pending} }
}

/// The header cells every table of values shares after its first: one per year, then baseline,
/// target, assessment and trend.
#[component]
pub fn ValueColumns(years: Vec<i32>, lang: Lang) -> impl IntoView {
    view! {
        {years.into_iter().map(|year| view! { <th scope="col" class="number">{year}</th> }).collect_view()}
        <th scope="col">{t(lang, "col-baseline")}</th>
        <th scope="col">{t(lang, "col-target")}</th>
        <th scope="col">{t(lang, "col-assessment")}</th>
        <th scope="col">{t(lang, "col-trend")}</th>
    }
}

/// A country's values of the indicator `code` under `ValueColumns`: the value of each year, the
/// baseline and target, the assessment as a badge with its label, and the trend.
#[component]
pub fn ValueCells(
    kind: IndicatorKind,
    code: String,
    years: Vec<i32>,
    values: Vec<ValueCell>,
    target: Option<TargetInfo>,
    standing: Standing,
    lang: Lang,
) -> impl IntoView {
    let (baseline, target) = target_text(lang, kind, target.as_ref());
    let cells = years
        .into_iter()
        .map(
            |year| match values.iter().find(|c| c.year == year).cloned() {
                Some(cell) => view! {
                    <td class="number" data-indicator=code.clone() data-year=year>
                        <ValueText kind cell lang/>
                    </td>
                }
                .into_any(),
                None => view! { <td class="number muted">"—"</td> }.into_any(),
            },
        )
        .collect_view();
    let assessment = match standing.assessment {
        Some(a) => {
            let score = a
                .score
                .map(|score| format!(" ({})", format_percent(lang, score)))
                .unwrap_or_default();
            view! {
                <span class=format!("schedule schedule--{}", a.status.label_key().trim_start_matches("schedule-"))>
                    {t(lang, a.status.label_key())}
                </span>
                {score}
            }
            .into_any()
        }
        None => view! { <span class="muted">"—"</span> }.into_any(),
    };
    let trend = match standing.trend {
        Some(trend) => view! { <span>{t(lang, trend.label_key())}</span> }.into_any(),
        None => view! { <span class="muted">"—"</span> }.into_any(),
    };
    view! {
        {cells}
        <td>{baseline}</td>
        <td>{target}</td>
        <td>{assessment}</td>
        <td>{trend}</td>
    }
}

/// A baseline and target, written for a table cell.
fn target_text(lang: Lang, kind: IndicatorKind, target: Option<&TargetInfo>) -> (String, String) {
    match target {
        Some(t_) => {
            let proposed = if t_.proposed {
                format!(" ({})", t(lang, "target-proposed"))
            } else {
                String::new()
            };
            (
                format!(
                    "{} ({})",
                    format_value(lang, kind, t_.baseline_value),
                    t_.baseline_year
                ),
                format!(
                    "{} ({}){proposed}",
                    format_value(lang, kind, t_.target_value),
                    t_.target_year
                ),
            )
        }
        None => ("—".to_owned(), "—".to_owned()),
    }
}

#[component]
fn CountriesTable(data: IndicatorView, lang: Lang) -> impl IntoView {
    let (kind, code) = (data.info.kind, data.info.code.clone());
    let years = data.years.clone();
    view! {
        <section aria-labelledby="countries-heading">
            <h2 id="countries-heading">{t(lang, "indicator-countries-heading")}</h2>
            <div class="table-wrap" tabindex="0">
                <table aria-labelledby="countries-heading" class="indicator-table">
                    <thead>
                        <tr>
                            <th scope="col">{t(lang, "col-country")}</th>
                            <ValueColumns years=years.clone() lang/>
                        </tr>
                    </thead>
                    <tbody>
                        {data
                            .rows
                            .into_iter()
                            .map(|row| {
                                view! {
                                    <tr data-country=row.iso2.clone()>
                                        <th scope="row">
                                            <a href=crate::urls::country_indicators_path(&row.iso2, None)>
                                                {row.country.get(lang).to_owned()}
                                            </a>
                                        </th>
                                        <ValueCells
                                            kind
                                            code=code.clone()
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
            <crate::exports::pages::DownloadLinks table="indicator" query=data.as_of.in_query(&format!("code={code}")) lang/>
        </section>
    }
}

/// An input for a value of an indicator of `kind`: a choice for yes/no and scale levels, text for
/// the others (so that what the user typed comes back as typed when it is refused).
#[component]
pub fn KindInput(
    kind: IndicatorKind,
    id: String,
    name: String,
    value: String,
    /// `aria-invalid` and `aria-describedby`, where a refused form marks the field.
    #[prop(default = None)]
    invalid: Option<&'static str>,
    #[prop(default = None)] described_by: Option<String>,
    lang: Lang,
) -> impl IntoView {
    match kind {
        IndicatorKind::YesNo => view! {
            <select id=id name=name aria-invalid=invalid aria-describedby=described_by>
                <option value="" selected=value.is_empty()>{t(lang, "value-not-reported")}</option>
                <option value="yes" selected=value == "yes">{t(lang, "answer-yes")}</option>
                <option value="no" selected=value == "no">{t(lang, "answer-no")}</option>
            </select>
        }
        .into_any(),
        IndicatorKind::Scale0To4 => view! {
            <select id=id name=name aria-invalid=invalid aria-describedby=described_by>
                <option value="" selected=value.is_empty()>{t(lang, "value-not-reported")}</option>
                {(0..=4u8)
                    .map(|level| {
                        let code = level.to_string();
                        let selected = value == code;
                        view! {
                            <option value=code selected=selected>
                                {format!("{level} · {}", t(lang, scale_level_key(level)))}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        }
        .into_any(),
        _ => view! {
            <input
                id=id
                name=name
                type="text"
                inputmode="decimal"
                value=value
                aria-invalid=invalid
                aria-describedby=described_by
            />
        }
        .into_any(),
    }
}

/// Where the target form's problems are: each field the rules name has its element.
fn target_targets(problem: &Problem) -> Option<String> {
    let id = match problem.field.as_str() {
        "country" => "target-country",
        "baseline_year" => "target-baseline-year",
        "baseline_value" => "target-baseline-value",
        "target_year" => "target-target-year",
        "target_value" => "target-target-value",
        _ => return None,
    };
    Some(id.to_owned())
}

#[component]
fn TargetEditor(data: IndicatorView, lang: Lang) -> impl IntoView {
    let kind = data.info.kind;
    let proposing = !data.can_manage;
    let state = FormState::new(SetIndicatorTarget::PATH);
    let country = state.value("target[country]", "");
    let year_field = |field: &'static str, id: &'static str, name: &'static str| {
        view! {
            <FieldError state=state.clone() field/>
            <input
                id=id
                name=name
                type="text"
                inputmode="numeric"
                maxlength="4"
                required
                value=state.value(name, "")
                aria-invalid=state.invalid(field)
                aria-describedby=state.described_by(field)
            />
        }
    };
    let value_field = |field: &'static str, id: &'static str, name: &'static str| {
        view! {
            <FieldError state=state.clone() field/>
            <KindInput
                kind
                id=id.into()
                name=name.into()
                value=state.value(name, "")
                invalid=state.invalid(field)
                described_by=state.described_by(field)
                lang
            />
        }
    };
    let (baseline_year, baseline_value, target_year, target_value) = (
        year_field(
            "baseline_year",
            "target-baseline-year",
            "target[baseline_year]",
        ),
        value_field(
            "baseline_value",
            "target-baseline-value",
            "target[baseline_value]",
        ),
        year_field("target_year", "target-target-year", "target[target_year]"),
        value_field(
            "target_value",
            "target-target-value",
            "target[target_value]",
        ),
    );
    view! {
        <section id="targets" aria-labelledby="targets-heading">
            <h2 id="targets-heading">{t(lang, "targets-heading")}</h2>
            <p class="muted">
                {if proposing { t(lang, "targets-propose-help") } else { t(lang, "targets-set-help") }}
            </p>
            <PageForm state=state.clone() targets=target_targets>
                <input type="hidden" name="target[indicator]" value=data.info.code.clone()/>
                <label for="target-country">{t(lang, "col-country")}</label>
                <FieldError state=state.clone() field="country"/>
                <select id="target-country" name="target[country]" aria-invalid=state.invalid("country")>
                    {data
                        .target_countries
                        .iter()
                        .map(|(iso2, name)| {
                            view! {
                                <option value=iso2.clone() selected=*iso2 == country>
                                    {name.get(lang).to_owned()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <label for="target-baseline-year">{t(lang, "target-baseline-year")}</label>
                {baseline_year}
                <label for="target-baseline-value">{t(lang, "target-baseline-value")}</label>
                {baseline_value}
                <label for="target-target-year">{t(lang, "target-target-year")}</label>
                {target_year}
                <label for="target-target-value">{t(lang, "target-target-value")}</label>
                {target_value}
                <button type="submit">
                    {if proposing { t(lang, "target-propose") } else { t(lang, "target-set") }}
                </button>
            </PageForm>
        </section>
    }
}

#[component]
fn ManageIndicator(data: IndicatorView, lang: Lang) -> impl IntoView {
    let (update_code, retire_code) = (data.info.code.clone(), data.info.code.clone());
    let retired = data.info.retired;
    let update = FormState::new(UpdateIndicator::PATH);
    view! {
        <section aria-labelledby="manage-heading">
            <h2 id="manage-heading">{t(lang, "indicator-edit-heading")}</h2>
            <PageForm state=update.clone() targets=indicator_targets class="form form--wide">
                <input type="hidden" name="code" value=update_code/>
                <IndicatorFields articles=data.articles.clone() current=Some(data.info.clone()) state=update lang/>
                <button type="submit">{t(lang, "save")}</button>
            </PageForm>
            <PageForm state=FormState::new(RetireIndicator::PATH) targets=no_targets>
                <input type="hidden" name="code" value=retire_code/>
                <input type="hidden" name="retired" value=(!retired).to_string()/>
                <p class="muted">
                    {if retired { t(lang, "indicator-reinstate-help") } else { t(lang, "indicator-retire-help") }}
                </p>
                <button type="submit" class="button--secondary">
                    {if retired { t(lang, "indicator-reinstate") } else { t(lang, "indicator-retire") }}
                </button>
            </PageForm>
        </section>
    }
}
