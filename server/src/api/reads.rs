//! What the API reads: the plan, its themes and actions, the countries, each country's statuses
//! (as of a day) and milestones, the indicators with their values, the assessments, the scorecard,
//! and the rounds with their submissions. Each answer is what its token's user may read on the
//! pages, computed the same way.

use std::collections::HashMap;

use axum::{
    extract::{rejection::QueryRejection, Path, Query, State},
    http::{HeaderMap, Uri},
    response::Response,
    Extension,
};
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{json_answer, language, problem, PageInfo, PageQuery, ProblemDetails};
use crate::AppState;
use app::access::{Permission, Viewer};
use app::dashboards::figures::{ActionRef, CountryRef};
use app::db::entities::{action, action_country, country, milestone, milestone_progress, theme};
use app::domain::Membership;
use app::error::{AppError, Problem};

/// Answers `read`'s value, or its problem, for a viewer who may read.
async fn answer<T: Serialize>(
    viewer: &Viewer,
    uri: &Uri,
    headers: &HeaderMap,
    read: impl std::future::Future<Output = Result<T, AppError>>,
) -> Response {
    if !viewer.may(Permission::Read) {
        return problem(AppError::Forbidden, language(uri, headers));
    }
    match read.await {
        Ok(value) => json_answer(&value, headers),
        Err(error) => problem(error, language(uri, headers)),
    }
}

/// The plan in force.
#[derive(Serialize, ToSchema)]
pub struct PlanOut {
    pub code: String,
    pub title_en: String,
    pub title_es: String,
    pub start_year: i32,
    pub end_year: i32,
    pub themes: usize,
    pub actions: usize,
}

/// The plan in force: its title and years, and how many themes and actions it has.
#[utoipa::path(get, path = "/plan", tag = "plan", security(("token" = [])),
    responses(
        (status = 200, description = "The plan in force", body = PlanOut),
        (status = 401, description = "No token in force", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 404, description = "No plan is loaded", body = ProblemDetails, content_type = "application/problem+json"),
    ))]
pub async fn plan(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    answer(&viewer, &uri, &headers, async {
        let plan = app::plan::queries::require_current_plan(&state.db).await?;
        let themes = themes_of(&state, plan.id).await?;
        let actions = actions_of(&state, plan.id).await?;
        Ok(PlanOut {
            code: plan.code,
            title_en: plan.title_en,
            title_es: plan.title_es,
            start_year: plan.start_year,
            end_year: plan.end_year,
            themes: themes.len(),
            actions: actions.len(),
        })
    })
    .await
}

#[derive(Serialize, ToSchema)]
pub struct ThemeOut {
    pub code: String,
    pub name_en: String,
    pub name_es: String,
}

#[derive(Serialize, ToSchema)]
pub struct ThemeList {
    pub items: Vec<ThemeOut>,
}

async fn themes_of(state: &AppState, plan_id: i32) -> Result<Vec<theme::Model>, AppError> {
    Ok(theme::Entity::find()
        .filter(theme::Column::PlanId.eq(plan_id))
        .filter(theme::Column::RetiredOn.is_null())
        .order_by_asc(theme::Column::SortOrder)
        .all(&state.db)
        .await?)
}

async fn actions_of(state: &AppState, plan_id: i32) -> Result<Vec<action::Model>, AppError> {
    Ok(action::Entity::find()
        .filter(action::Column::PlanId.eq(plan_id))
        .filter(action::Column::RetiredOn.is_null())
        .order_by_asc(action::Column::SortOrder)
        .all(&state.db)
        .await?)
}

/// The themes of the plan in force, in order.
#[utoipa::path(get, path = "/themes", tag = "plan", security(("token" = [])),
    responses((status = 200, description = "The themes", body = ThemeList)))]
pub async fn themes(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    answer(&viewer, &uri, &headers, async {
        let plan = app::plan::queries::require_current_plan(&state.db).await?;
        let items = themes_of(&state, plan.id)
            .await?
            .into_iter()
            .map(|theme| ThemeOut {
                code: theme.code,
                name_en: theme.name_en,
                name_es: theme.name_es,
            })
            .collect();
        Ok(ThemeList { items })
    })
    .await
}

#[derive(Serialize, ToSchema)]
pub struct MilestoneOut {
    pub code: String,
    pub title_en: String,
    pub title_es: String,
    pub due_on: NaiveDate,
    pub weight: f64,
}

#[derive(Serialize, ToSchema)]
pub struct ActionOut {
    pub code: String,
    /// The code of its theme.
    pub theme: String,
    pub title_en: String,
    pub title_es: String,
    pub start_year: Option<i32>,
    pub end_year: Option<i32>,
    pub weight: f64,
    /// The ISO codes of the countries taking part; empty: every country.
    pub countries: Vec<String>,
    pub milestones: Vec<MilestoneOut>,
}

#[derive(Serialize, ToSchema)]
pub struct ActionList {
    pub items: Vec<ActionOut>,
}

/// Every action of the plan in force with its milestones and the countries taking part.
async fn action_outs(state: &AppState) -> Result<Vec<ActionOut>, AppError> {
    let plan = app::plan::queries::require_current_plan(&state.db).await?;
    let themes: HashMap<i32, String> = theme::Entity::find()
        .filter(theme::Column::PlanId.eq(plan.id))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|theme| (theme.id, theme.code))
        .collect();
    let iso2: HashMap<i32, String> = country::Entity::find()
        .all(&state.db)
        .await?
        .into_iter()
        .map(|country| (country.id, country.iso2))
        .collect();
    let mut taking_part: HashMap<i32, Vec<String>> = HashMap::new();
    for row in action_country::Entity::find().all(&state.db).await? {
        if let Some(code) = iso2.get(&row.country_id) {
            taking_part
                .entry(row.action_id)
                .or_default()
                .push(code.clone());
        }
    }
    let mut milestones: HashMap<i32, Vec<MilestoneOut>> = HashMap::new();
    for m in milestone::Entity::find()
        .filter(milestone::Column::RetiredOn.is_null())
        .order_by_asc(milestone::Column::SortOrder)
        .all(&state.db)
        .await?
    {
        milestones
            .entry(m.action_id)
            .or_default()
            .push(MilestoneOut {
                code: m.code,
                title_en: m.title_en,
                title_es: m.title_es,
                due_on: m.due_on,
                weight: m.weight,
            });
    }
    Ok(actions_of(state, plan.id)
        .await?
        .into_iter()
        .map(|action| {
            let mut countries = taking_part.remove(&action.id).unwrap_or_default();
            countries.sort();
            ActionOut {
                theme: themes.get(&action.theme_id).cloned().unwrap_or_default(),
                milestones: milestones.remove(&action.id).unwrap_or_default(),
                code: action.code,
                title_en: action.title_en,
                title_es: action.title_es,
                start_year: action.start_year,
                end_year: action.end_year,
                weight: action.weight,
                countries,
            }
        })
        .collect())
}

/// The actions of the plan in force, each with its milestones and the countries taking part.
#[utoipa::path(get, path = "/actions", tag = "plan", security(("token" = [])),
    responses((status = 200, description = "The actions", body = ActionList)))]
pub async fn actions(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    answer(&viewer, &uri, &headers, async {
        Ok(ActionList {
            items: action_outs(&state).await?,
        })
    })
    .await
}

/// One action of the plan in force, by its code.
#[utoipa::path(get, path = "/actions/{code}", tag = "plan", security(("token" = [])),
    params(("code" = String, Path, description = "The action's code, such as 1.2")),
    responses(
        (status = 200, description = "The action", body = ActionOut),
        (status = 404, description = "No action has that code", body = ProblemDetails, content_type = "application/problem+json"),
    ))]
pub async fn action(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(code): Path<String>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    answer(&viewer, &uri, &headers, async {
        action_outs(&state)
            .await?
            .into_iter()
            .find(|action| action.code == code.trim())
            .ok_or(AppError::NotFound)
    })
    .await
}

#[derive(Serialize, ToSchema)]
pub struct CountryOut {
    pub iso2: String,
    pub iso3: String,
    pub name_en: String,
    pub name_es: String,
    /// `member` or `observer`.
    pub membership: String,
    /// The working language: `es`, `en` or `fr`.
    pub language: String,
}

#[derive(Serialize, ToSchema)]
pub struct CountryList {
    pub items: Vec<CountryOut>,
}

/// The countries: members and observers.
#[utoipa::path(get, path = "/countries", tag = "countries", security(("token" = [])),
    responses((status = 200, description = "The countries", body = CountryList)))]
pub async fn countries(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    answer(&viewer, &uri, &headers, async {
        let items = country::Entity::find()
            .order_by_asc(country::Column::NameEn)
            .all(&state.db)
            .await?
            .into_iter()
            .map(|country| CountryOut {
                iso2: country.iso2,
                iso3: country.iso3,
                name_en: country.name_en,
                name_es: country.name_es,
                membership: country.membership,
                language: country.language,
            })
            .collect();
        Ok(CountryList { items })
    })
    .await
}

/// Which statuses to read.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StatusQuery {
    /// The day the statuses stood (`YYYY-MM-DD`; today unless said).
    pub as_of: Option<String>,
    /// One member country, by ISO code.
    pub country: Option<String>,
    /// One theme, by code.
    pub theme: Option<String>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

/// Where an action stands in a country on a day.
#[derive(Serialize, ToSchema)]
pub struct StatusOut {
    pub country: String,
    pub theme: String,
    pub action: String,
    /// `not_started`, `in_progress`, `completed`, `suspended`, `cancelled` or `not_applicable`.
    pub status: String,
    /// Behind its milestones' due dates.
    pub delayed: bool,
    /// The weighted share of its milestones achieved (0 to 1); none without milestones.
    pub progress: Option<f64>,
    pub milestones_achieved: usize,
    pub milestones: usize,
}

#[derive(Serialize, ToSchema)]
pub struct StatusPage {
    pub as_of: NaiveDate,
    pub items: Vec<StatusOut>,
    pub page: PageInfo,
}

/// Each action's status in each member country on a day, as the dashboards count it.
#[utoipa::path(get, path = "/statuses", tag = "statuses", security(("token" = [])),
    params(StatusQuery),
    responses(
        (status = 200, description = "A page of statuses", body = StatusPage),
        (status = 422, description = "An unreadable day or page", body = ProblemDetails, content_type = "application/problem+json"),
    ))]
pub async fn statuses(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    query: Result<Query<StatusQuery>, QueryRejection>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let Ok(Query(query)) = query else {
        return super::unreadable_query(&uri, &headers);
    };
    answer(&viewer, &uri, &headers, async {
        let as_of = day(query.as_of.as_deref())?;
        let snapshot = state.snapshots.get(&state.db, &state.changes, None).await?;
        let mut structure = match query.country.as_deref() {
            Some(iso2) => {
                let country = snapshot.member(iso2.trim()).ok_or(AppError::NotFound)?;
                snapshot.country_structure(country, as_of)
            }
            None => snapshot.structure(Membership::Member, None, as_of),
        };
        if let Some(code) = query.theme.as_deref() {
            let theme = structure
                .themes
                .iter()
                .find(|theme| theme.code == code.trim())
                .map(|theme| theme.id)
                .ok_or(AppError::NotFound)?;
            structure.actions.retain(|action| action.theme_id == theme);
        }
        let theme_code: HashMap<i32, String> = structure
            .themes
            .iter()
            .map(|theme| (theme.id, theme.code.clone()))
            .collect();
        let action_code: HashMap<i32, String> = structure
            .themes
            .iter()
            .flat_map(|theme| snapshot.theme_actions(theme.id, as_of))
            .map(|(id, code, _)| (id, code))
            .collect();
        // Every country × action of the structure has a state: the page's alone are computed.
        let pairs: Vec<(&CountryRef, &ActionRef)> = structure
            .countries
            .iter()
            .flat_map(|country| {
                structure
                    .actions
                    .iter()
                    .map(move |action| (country, action))
            })
            .collect();
        let (pairs, page) = PageQuery {
            page: query.page,
            per_page: query.per_page,
        }
        .cut(pairs)?;
        let items = pairs
            .into_iter()
            .filter_map(|(country, action)| {
                let state = snapshot.state_on(country.id, action.id, as_of)?;
                Some(StatusOut {
                    country: country.iso2.clone(),
                    theme: theme_code
                        .get(&action.theme_id)
                        .cloned()
                        .unwrap_or_default(),
                    action: action_code.get(&action.id).cloned().unwrap_or_default(),
                    status: state.status.code().to_owned(),
                    delayed: state.is_delayed(as_of),
                    progress: state.progress(as_of),
                    milestones_achieved: state
                        .milestones
                        .iter()
                        .filter(|m| m.achieved_on.is_some_and(|day| day <= as_of))
                        .count(),
                    milestones: state.milestones.len(),
                })
            })
            .collect();
        Ok(StatusPage { as_of, items, page })
    })
    .await
}

/// The day `text` names, today when none.
fn day(text: Option<&str>) -> Result<NaiveDate, AppError> {
    match text.map(str::trim).filter(|text| !text.is_empty()) {
        None => Ok(chrono::Utc::now().date_naive()),
        Some(text) => text
            .parse()
            .map_err(|_| Problem::new("as_of", "problem-date-invalid").into()),
    }
}

/// Which milestones to read.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MilestoneQuery {
    /// One member country, by ISO code.
    pub country: Option<String>,
    /// One action, by code.
    pub action: Option<String>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

/// A milestone as a country reports it.
#[derive(Serialize, ToSchema)]
pub struct MilestoneReportOut {
    pub country: String,
    pub action: String,
    pub milestone: String,
    pub due_on: NaiveDate,
    /// The day the country achieved it; none while not achieved.
    pub achieved_on: Option<NaiveDate>,
    pub note: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct MilestonePage {
    pub items: Vec<MilestoneReportOut>,
    pub page: PageInfo,
}

/// Each milestone of the plan in force in each member country taking part, as reported now.
#[utoipa::path(get, path = "/milestones", tag = "statuses", security(("token" = [])),
    params(MilestoneQuery),
    responses((status = 200, description = "A page of milestones", body = MilestonePage)))]
pub async fn milestones(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    query: Result<Query<MilestoneQuery>, QueryRejection>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let Ok(Query(query)) = query else {
        return super::unreadable_query(&uri, &headers);
    };
    answer(&viewer, &uri, &headers, async {
        let plan = app::plan::queries::require_current_plan(&state.db).await?;
        let actions = actions_of(&state, plan.id).await?;
        let taking_part: HashMap<String, Vec<String>> = action_outs(&state)
            .await?
            .into_iter()
            .map(|action| (action.code, action.countries))
            .collect();
        let milestones = milestone::Entity::find()
            .filter(milestone::Column::ActionId.is_in(actions.iter().map(|a| a.id)))
            .filter(milestone::Column::RetiredOn.is_null())
            .order_by_asc(milestone::Column::SortOrder)
            .all(&state.db)
            .await?;
        let reported: HashMap<(i32, i32), milestone_progress::Model> =
            milestone_progress::Entity::find()
                .all(&state.db)
                .await?
                .into_iter()
                .map(|row| ((row.country_id, row.milestone_id), row))
                .collect();
        let countries = app::db::countries::member_countries(&state.db).await?;
        let wanted = |value: &Option<String>, code: &str| {
            value
                .as_deref()
                .is_none_or(|wanted| wanted.trim().eq_ignore_ascii_case(code))
        };
        let mut items = Vec::new();
        for country in countries.iter().filter(|c| wanted(&query.country, &c.iso2)) {
            for action in actions.iter().filter(|a| wanted(&query.action, &a.code)) {
                let listed = taking_part.get(&action.code).cloned().unwrap_or_default();
                if !listed.is_empty() && !listed.contains(&country.iso2) {
                    continue;
                }
                for m in milestones.iter().filter(|m| m.action_id == action.id) {
                    let row = reported.get(&(country.id, m.id));
                    items.push(MilestoneReportOut {
                        country: country.iso2.clone(),
                        action: action.code.clone(),
                        milestone: m.code.clone(),
                        due_on: m.due_on,
                        achieved_on: row.and_then(|r| r.achieved_on),
                        note: row.and_then(|r| r.note.clone()),
                    });
                }
            }
        }
        let (items, page) = PageQuery {
            page: query.page,
            per_page: query.per_page,
        }
        .cut(items)?;
        Ok(MilestonePage { items, page })
    })
    .await
}

#[derive(Serialize, ToSchema)]
pub struct IndicatorOut {
    pub code: String,
    /// The Protocol article it follows.
    pub article: i32,
    pub provision: String,
    pub name_en: String,
    pub name_es: String,
    /// `yes_no`, `count`, `percentage`, `number` or `scale_0_4`.
    pub kind: String,
    /// `higher` or `lower`: which way is better.
    pub direction: String,
    pub retired: bool,
}

#[derive(Serialize, ToSchema)]
pub struct IndicatorList {
    pub items: Vec<IndicatorOut>,
}

/// The catalogue of Protocol-compliance indicators.
#[utoipa::path(get, path = "/indicators", tag = "indicators", security(("token" = [])),
    responses((status = 200, description = "The indicators", body = IndicatorList)))]
pub async fn indicators(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    answer(&viewer, &uri, &headers, async {
        let items = app::indicators::queries::indicator_infos(&state.db)
            .await?
            .into_iter()
            .map(|(_, info)| IndicatorOut {
                code: info.code,
                article: info.article,
                provision: info.provision,
                name_en: info.name.en,
                name_es: info.name.es,
                kind: info.kind.code().to_owned(),
                direction: info.direction.code().to_owned(),
                retired: info.retired,
            })
            .collect();
        Ok(IndicatorList { items })
    })
    .await
}

/// Which values to read.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ValueQuery {
    /// One member country, by ISO code.
    pub country: Option<String>,
    /// One year.
    pub year: Option<i32>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

/// A country's value of an indicator in a year.
#[derive(Serialize, ToSchema)]
pub struct ValueOut {
    pub country: String,
    pub year: i32,
    /// Yes/no as 1 or 0; a percentage from 0 to 100.
    pub value: f64,
    pub numerator: Option<f64>,
    pub denominator: Option<f64>,
    pub source: String,
    pub note: Option<String>,
    /// The state of its submission: `validated` once the secretariat validated it.
    pub state: String,
}

#[derive(Serialize, ToSchema)]
pub struct ValuePage {
    pub indicator: String,
    pub items: Vec<ValueOut>,
    pub page: PageInfo,
}

/// An indicator's values in each country and year, as the token's user may read them (validated
/// values for reviewers; a country's own values for its focal points).
#[utoipa::path(get, path = "/indicators/{code}/values", tag = "indicators", security(("token" = [])),
    params(("code" = String, Path, description = "The indicator's code, such as ENF-01"), ValueQuery),
    responses(
        (status = 200, description = "A page of values", body = ValuePage),
        (status = 404, description = "No indicator has that code", body = ProblemDetails, content_type = "application/problem+json"),
    ))]
pub async fn indicator_values(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(code): Path<String>,
    query: Result<Query<ValueQuery>, QueryRejection>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let Ok(Query(query)) = query else {
        return super::unreadable_query(&uri, &headers);
    };
    answer(&viewer, &uri, &headers, async {
        let code = app::indicators::rules::indicator_code(&code).ok_or(AppError::NotFound)?;
        let view =
            app::indicators::queries::indicator_view(&state.db, &viewer, &code, None).await?;
        let items = view
            .rows
            .into_iter()
            .filter(|row| {
                query
                    .country
                    .as_deref()
                    .is_none_or(|iso2| iso2.trim().eq_ignore_ascii_case(&row.iso2))
            })
            .flat_map(|row| {
                let iso2 = row.iso2;
                row.values.into_iter().map(move |cell| ValueOut {
                    country: iso2.clone(),
                    year: cell.year,
                    value: cell.value,
                    numerator: cell.numerator,
                    denominator: cell.denominator,
                    source: cell.source,
                    note: cell.note,
                    state: cell.state.code().to_owned(),
                })
            })
            .filter(|value| query.year.is_none_or(|year| year == value.year))
            .collect();
        let (items, page) = PageQuery {
            page: query.page,
            per_page: query.per_page,
        }
        .cut(items)?;
        Ok(ValuePage {
            indicator: code,
            items,
            page,
        })
    })
    .await
}

/// Which assessments to read.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AssessmentQuery {
    /// One member country, by ISO code.
    pub country: Option<String>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

/// Where a country stands on an indicator: against its target and in its trend.
#[derive(Serialize, ToSchema)]
pub struct AssessmentOut {
    pub country: String,
    pub indicator: String,
    /// `on_track`, `needs_acceleration` or `off_track`; none without a target or a validated value.
    pub status: Option<String>,
    /// The progress from baseline to target (0 to 1), where it can be measured.
    pub score: Option<f64>,
    /// `improving`, `steady` or `worsening`; none before two validated values.
    pub trend: Option<String>,
    pub baseline: Option<f64>,
    pub baseline_year: Option<i32>,
    pub target: Option<f64>,
    pub target_year: Option<i32>,
}

#[derive(Serialize, ToSchema)]
pub struct AssessmentPage {
    pub items: Vec<AssessmentOut>,
    pub page: PageInfo,
}

/// Each member country's standing on each indicator, from its validated values and targets.
#[utoipa::path(get, path = "/assessments", tag = "indicators", security(("token" = [])),
    params(AssessmentQuery),
    responses((status = 200, description = "A page of assessments", body = AssessmentPage)))]
pub async fn assessments(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    query: Result<Query<AssessmentQuery>, QueryRejection>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let Ok(Query(query)) = query else {
        return super::unreadable_query(&uri, &headers);
    };
    answer(&viewer, &uri, &headers, async {
        let countries = app::db::countries::member_countries(&state.db).await?;
        let mut items = Vec::new();
        for country in &countries {
            if query
                .country
                .as_deref()
                .is_some_and(|iso2| !iso2.trim().eq_ignore_ascii_case(&country.iso2))
            {
                continue;
            }
            let view = app::indicators::queries::country_indicators(
                &state.db,
                &viewer,
                &country.iso2,
                None,
            )
            .await?;
            for row in view.articles.into_iter().flat_map(|article| article.rows) {
                let assessment = row.standing.assessment;
                items.push(AssessmentOut {
                    country: country.iso2.clone(),
                    indicator: row.info.code,
                    status: assessment.map(|a| code_of(a.status.label_key(), "schedule-")),
                    score: assessment.and_then(|a| a.score),
                    trend: row.standing.trend.map(|t| code_of(t.label_key(), "trend-")),
                    baseline: row.target.map(|t| t.baseline_value),
                    baseline_year: row.target.map(|t| t.baseline_year),
                    target: row.target.map(|t| t.target_value),
                    target_year: row.target.map(|t| t.target_year),
                });
            }
        }
        if query.country.is_some() && items.is_empty() {
            return Err(AppError::NotFound);
        }
        let (items, page) = PageQuery {
            page: query.page,
            per_page: query.per_page,
        }
        .cut(items)?;
        Ok(AssessmentPage { items, page })
    })
    .await
}

/// A code from a catalogue key: `schedule-on-track` → `on_track`.
fn code_of(key: &str, prefix: &str) -> String {
    key.trim_start_matches(prefix).replace('-', "_")
}

#[derive(Serialize, ToSchema)]
pub struct ArticleScoreOut {
    pub article: i32,
    /// The share of the article's yes/no indicators met.
    pub yes_no_met: Option<f64>,
    /// The mean level of its 0–4 indicators, as a share of 4.
    pub scale: Option<f64>,
}

#[derive(Serialize, ToSchema)]
pub struct ScorecardRowOut {
    pub country: String,
    /// The latest year with validated values.
    pub year: Option<i32>,
    pub scores: Vec<ArticleScoreOut>,
}

#[derive(Serialize, ToSchema)]
pub struct ScorecardOut {
    pub rows: Vec<ScorecardRowOut>,
}

/// The Protocol article scorecard of each member country, from its latest validated values.
#[utoipa::path(get, path = "/scorecard", tag = "indicators", security(("token" = [])),
    responses((status = 200, description = "The scorecard", body = ScorecardOut)))]
pub async fn scorecard(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    answer(&viewer, &uri, &headers, async {
        let card = app::indicators::queries::scorecard(&state.db).await?;
        let rows = card
            .rows
            .into_iter()
            .map(|row| ScorecardRowOut {
                country: row.iso2,
                year: row.year,
                scores: card
                    .articles
                    .iter()
                    .zip(row.scores)
                    .map(|(article, score)| ArticleScoreOut {
                        article: article.number,
                        yes_no_met: score.yes_no_met,
                        scale: score.scale,
                    })
                    .collect(),
            })
            .collect();
        Ok(ScorecardOut { rows })
    })
    .await
}

#[derive(Serialize, ToSchema)]
pub struct RoundOut {
    pub year: i32,
    pub opens_on: String,
    pub due_on: String,
    pub countries: usize,
    pub submitted: usize,
    pub validated: usize,
}

#[derive(Serialize, ToSchema)]
pub struct RoundList {
    pub items: Vec<RoundOut>,
}

/// The reporting rounds of the plan in force, newest first.
#[utoipa::path(get, path = "/rounds", tag = "rounds", security(("token" = [])),
    responses((status = 200, description = "The rounds", body = RoundList)))]
pub async fn rounds(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    answer(&viewer, &uri, &headers, async {
        let view = app::rounds::queries::rounds(&state.db, &viewer).await?;
        let items = view
            .rounds
            .into_iter()
            .map(|round| RoundOut {
                year: round.year,
                opens_on: round.opens_on,
                due_on: round.due_on,
                countries: round.countries,
                submitted: round.submitted,
                validated: round.validated,
            })
            .collect();
        Ok(RoundList { items })
    })
    .await
}

/// A country's submission in a round.
#[derive(Serialize, ToSchema)]
pub struct SubmissionOut {
    pub country: String,
    /// `not_started`, `draft`, `submitted`, `returned`, `validated` or `reopened`.
    pub state: String,
    pub submitted_on: Option<String>,
    pub validated_on: Option<String>,
    pub reminders: usize,
}

#[derive(Serialize, ToSchema)]
pub struct SubmissionList {
    pub year: i32,
    pub items: Vec<SubmissionOut>,
}

/// Each member country's submission in the round of a year.
#[utoipa::path(get, path = "/rounds/{year}/submissions", tag = "rounds", security(("token" = [])),
    params(("year" = i32, Path, description = "The round's year")),
    responses(
        (status = 200, description = "The submissions", body = SubmissionList),
        (status = 404, description = "No round that year", body = ProblemDetails, content_type = "application/problem+json"),
    ))]
pub async fn submissions(
    State(state): State<AppState>,
    Extension(viewer): Extension<Viewer>,
    Path(year): Path<String>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    answer(&viewer, &uri, &headers, async {
        let year: i32 = year.trim().parse().map_err(|_| AppError::NotFound)?;
        let tracker = app::rounds::queries::tracker(&state.db, &viewer, year, false).await?;
        let items = tracker
            .rows
            .into_iter()
            .map(|row| SubmissionOut {
                country: row.iso2,
                state: row.state.code().to_owned(),
                submitted_on: row.submitted_on,
                validated_on: row.validated_on,
                reminders: row.reminders,
            })
            .collect();
        Ok(SubmissionList { year, items })
    })
    .await
}
