//! The catalogue of indicators (`/protocol`): the Protocol against the Smuggling of Migrants by Land,
//! Sea and Air article by article, with the indicators that measure each country's compliance. The
//! secretariat adds indicators here, and edits or retires them on each indicator's page.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

use crate::domain::{Direction, IndicatorKind};
use crate::error::AppError;
use crate::error::Problem;
use crate::forms::{FieldError, FormState, PageForm};
use crate::i18n::{t, t_args, Lang};
use crate::indicators::types::{
    ArticleOption, ArticleWithIndicators, CatalogueView, IndicatorForm, IndicatorInfo,
};
use crate::layout::{page_or_error, use_lang, Loading, TextArea};

#[server(endpoint = "protocol", input = GetUrl)]
pub async fn get_catalogue() -> Result<CatalogueView, AppError> {
    let viewer = crate::access::require(crate::access::Permission::Read)?;
    let db = crate::db::use_db()?;
    Ok(CatalogueView {
        articles: crate::indicators::queries::articles_with_indicators(&db).await?,
        can_manage: viewer.may(crate::access::Permission::Coordinate),
    })
}

#[server(endpoint = "indicators/create")]
pub async fn create_indicator(form: IndicatorForm) -> Result<(), AppError> {
    let viewer = crate::access::require(crate::access::Permission::Coordinate)?;
    let db = crate::db::use_db()?;
    let code =
        crate::indicators::service::create_indicator(&db, &viewer, &form, chrono::Utc::now())
            .await?;
    crate::urls::redirect(&crate::urls::indicator_path(&code));
    Ok(())
}

#[component]
pub fn ProtocolPage() -> impl IntoView {
    // The same for everyone who may read it, but that the secretariat (by its role) manages it.
    crate::layout::same_but_the_name(crate::layout::SameFor::TheNavigation);
    crate::layout::shows_none_of_the_figures();
    let lang = use_lang();
    let catalogue = Resource::new(|| (), |_| get_catalogue());
    view! {
        <Title text=t(lang, "nav-protocol")/>
        <h1>{t(lang, "protocol-title")}</h1>
        <p class="lead">{t(lang, "protocol-intro")}</p>
        <p><a href="/scorecard">{t(lang, "scorecard-link")}</a></p>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                page_or_error(catalogue.await, move |catalogue| {
                    let choices: Vec<ArticleOption> = catalogue
                        .articles
                        .iter()
                        .map(|a| ArticleOption { number: a.number, title: a.title.clone() })
                        .collect();
                    let form = catalogue
                        .can_manage
                        .then(|| view! { <NewIndicator articles=choices lang/> });
                    view! {
                        {catalogue
                            .articles
                            .into_iter()
                            .map(|article| view! { <ArticleSection article lang/> })
                            .collect_view()}
                        {form}
                    }
                })
            })}
        </Suspense>
    }
}

#[component]
fn NewIndicator(articles: Vec<ArticleOption>, lang: Lang) -> impl IntoView {
    let state = FormState::new(CreateIndicator::PATH);
    view! {
        <section aria-labelledby="new-indicator-heading">
            <h2 id="new-indicator-heading">{t(lang, "indicator-new-heading")}</h2>
            <PageForm state=state.clone() targets=indicator_targets class="form form--wide">
                <label for="indicator-code">{t(lang, "col-code")}</label>
                <FieldError state=state.clone() field="code"/>
                <input
                    id="indicator-code"
                    name="form[code]"
                    type="text"
                    maxlength="20"
                    required
                    value=state.value("form[code]", "")
                    aria-invalid=state.invalid("code")
                    aria-describedby=state.described_by("code")
                />
                <IndicatorFields articles current=None state lang/>
                <button type="submit">{t(lang, "indicator-create")}</button>
            </PageForm>
        </section>
    }
}

/// Where the indicator forms' problems are: each field the rules name has its element.
pub fn indicator_targets(problem: &Problem) -> Option<String> {
    let id = match problem.field.as_str() {
        "code" => "indicator-code",
        "article" => "indicator-article",
        "provision" => "indicator-provision",
        "name_en" => "indicator-name-en",
        "name_es" => "indicator-name-es",
        "kind" => "indicator-kind",
        "direction" => "indicator-direction",
        "basis" => "indicator-basis",
        _ => return None,
    };
    Some(id.to_owned())
}

/// The fields of an indicator other than its code, filled with `current` when editing, or with
/// what was typed when `state`'s form was refused.
#[component]
pub fn IndicatorFields(
    articles: Vec<ArticleOption>,
    current: Option<IndicatorInfo>,
    state: FormState,
    lang: Lang,
) -> impl IntoView {
    let shown = |name: &str, stored: String| state.value(&format!("form[{name}]"), stored);
    let article = shown(
        "article",
        current
            .as_ref()
            .map(|c| c.article.to_string())
            .unwrap_or_default(),
    );
    let kind = shown(
        "kind",
        current
            .as_ref()
            .map(|c| c.kind.code().to_owned())
            .unwrap_or_default(),
    );
    let direction = shown(
        "direction",
        current
            .as_ref()
            .map_or(Direction::Higher, |c| c.direction)
            .code()
            .to_owned(),
    );
    let basis = shown(
        "basis",
        current
            .as_ref()
            .map_or("composed".to_owned(), |c| c.basis.clone()),
    );
    let text = |name: &str, get: fn(&IndicatorInfo) -> String| {
        shown(name, current.as_ref().map(get).unwrap_or_default())
    };
    let name = |field: &'static str, id: &'static str, stored: String| {
        view! {
            <FieldError state=state.clone() field/>
            <TextArea
                value=stored.clone()
                {..}
                id=id
                name=format!("form[{field}]")
                rows="2"
                maxlength="500"
                required=true
                aria-invalid=state.invalid(field)
                aria-describedby=state.described_by(field)
            />
        }
    };
    let (name_en, name_es) = (
        name(
            "name_en",
            "indicator-name-en",
            text("name_en", |c| c.name.en.clone()),
        ),
        name(
            "name_es",
            "indicator-name-es",
            text("name_es", |c| c.name.es.clone()),
        ),
    );
    view! {
        <ArticleChoice articles chosen=article state=state.clone() lang/>
        <label for="indicator-provision">{t(lang, "col-provision")}</label>
        <FieldError state=state.clone() field="provision"/>
        <input
            id="indicator-provision"
            name="form[provision]"
            type="text"
            maxlength="40"
            required
            value=text("provision", |c| c.provision.clone())
            aria-invalid=state.invalid("provision")
            aria-describedby=state.described_by("provision")
        />
        <label for="indicator-name-en">{t(lang, "indicator-name-en")}</label>
        {name_en}
        <label for="indicator-name-es">{t(lang, "indicator-name-es")}</label>
        {name_es}
        <IndicatorChoices kind direction basis lang/>
    }
}

/// The article an indicator belongs to, `chosen` (its number) selected.
#[component]
fn ArticleChoice(
    articles: Vec<ArticleOption>,
    chosen: String,
    state: FormState,
    lang: Lang,
) -> impl IntoView {
    view! {
        <label for="indicator-article">{t(lang, "col-article")}</label>
        <FieldError state=state.clone() field="article"/>
        <select
            id="indicator-article"
            name="form[article]"
            required
            aria-invalid=state.invalid("article")
            aria-describedby=state.described_by("article")
        >
            {articles
                .into_iter()
                .map(|a| {
                    let label = format!(
                        "{} {}",
                        t_args(lang, "article-heading", &[("number", a.number.into())]),
                        a.title.get(lang),
                    );
                    view! { <option value=a.number selected=chosen == a.number.to_string()>{label}</option> }
                })
                .collect_view()}
        </select>
    }
}

/// An indicator's kind, direction and basis, each the code shown chosen.
#[component]
fn IndicatorChoices(kind: String, direction: String, basis: String, lang: Lang) -> impl IntoView {
    view! {
        <label for="indicator-kind">{t(lang, "col-kind")}</label>
        <select id="indicator-kind" name="form[kind]">
            {IndicatorKind::ALL
                .iter()
                .map(|k| view! { <option value=k.code() selected=kind == k.code()>{t(lang, k.label_key())}</option> })
                .collect_view()}
        </select>
        <label for="indicator-direction">{t(lang, "col-direction")}</label>
        <select id="indicator-direction" name="form[direction]">
            {Direction::ALL
                .iter()
                .map(|d| view! { <option value=d.code() selected=d.code() == direction>{t(lang, d.label_key())}</option> })
                .collect_view()}
        </select>
        <label for="indicator-basis">{t(lang, "col-basis")}</label>
        <select id="indicator-basis" name="form[basis]">
            <option value="protocol_text" selected=basis == "protocol_text">{t(lang, "basis-protocol-text")}</option>
            <option value="composed" selected=basis == "composed">{t(lang, "basis-composed")}</option>
        </select>
    }
}

#[component]
fn ArticleSection(article: ArticleWithIndicators, lang: Lang) -> impl IntoView {
    let id = format!("article-{}", article.number);
    let heading_id = format!("{id}-title");
    let (section_label, table_label) = (heading_id.clone(), heading_id.clone());
    let current = article.indicators.iter().filter(|i| !i.retired).count();
    let count = t_args(
        lang,
        "protocol-indicators-count",
        &[("count", current.into())],
    );
    view! {
        <section class="article" id=id aria-labelledby=section_label>
            <h2 id=heading_id>
                <span class="code">
                    {t_args(lang, "article-heading", &[("number", article.number.into())])}
                </span>
                " "
                {article.title.get(lang).to_owned()}
            </h2>
            <p class="muted">
                {t_args(lang, "chapter-label", &[("chapter", article.chapter.into())])}
                " · "
                {t(lang, article.assessable.label_key())}
                " · "
                {count}
            </p>
            {(!article.indicators.is_empty())
                .then(|| {
                    view! {
                        <div class="table-wrap" tabindex="0">
                            <table aria-labelledby=table_label>
                                <thead>
                                    <tr>
                                        <th scope="col">{t(lang, "col-code")}</th>
                                        <th scope="col">{t(lang, "col-indicator")}</th>
                                        <th scope="col">{t(lang, "col-provision")}</th>
                                        <th scope="col">{t(lang, "col-kind")}</th>
                                        <th scope="col">{t(lang, "col-direction")}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {article
                                        .indicators
                                        .into_iter()
                                        .map(|i| {
                                            let retired = i
                                                .retired
                                                .then(|| view! { " " <span class="status status--not-applicable">{t(lang, "indicator-retired")}</span> });
                                            view! {
                                                <tr class:retired=i.retired>
                                                    <th scope="row" class="code">
                                                        <a href=crate::urls::indicator_path(&i.code)>{i.code.clone()}</a>
                                                    </th>
                                                    <td>{i.name.get(lang).to_owned()} {retired}</td>
                                                    <td>{i.provision}</td>
                                                    <td>{t(lang, i.kind.label_key())}</td>
                                                    <td>{t(lang, i.direction.label_key())}</td>
                                                </tr>
                                            }
                                        })
                                        .collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }
                })}
        </section>
    }
}
