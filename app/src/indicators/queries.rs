//! Reading indicator data for the pages: the catalogue, the values a viewer may see, targets, and the
//! views of a country, of an indicator and of the scorecard. Every assessment goes through
//! `Standing::of` and every scorecard cell through `progress::indicators::article_score`.

use std::collections::{BTreeSet, HashMap};

use chrono::Utc;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::types::{
    ArticleIndicators, ArticleOption, ArticleWithIndicators, CountryIndicatorRow,
    CountryIndicatorsView, IndicatorCountryRow, IndicatorInfo, IndicatorOfYear, IndicatorSeries,
    IndicatorView, ScorecardSource, ScorecardView, ScoredValue, Standing, SubmissionInfo,
    TargetInfo, ValueCell,
};
use crate::access::{Permission, Viewer};
use crate::db::codes::decode;
use crate::db::entities::{
    indicator, indicator_target, indicator_value, protocol_article, reporting_round, submission,
};
use crate::domain::{AsOfShown, Assessable, Bilingual, Direction, IndicatorKind, SubmissionState};
use crate::error::AppError;
use crate::rounds::rules::{Step, Timeliness};

/// Every indicator with its database id, ordered by article and code.
pub async fn indicator_infos(
    db: &impl ConnectionTrait,
) -> Result<Vec<(i32, IndicatorInfo)>, AppError> {
    let numbers: HashMap<i32, i32> = protocol_article::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a.number))
        .collect();
    let mut infos = indicator::Entity::find()
        .order_by_asc(indicator::Column::Code)
        .all(db)
        .await?
        .into_iter()
        .map(|i| {
            Ok((
                i.id,
                IndicatorInfo {
                    article: numbers.get(&i.article_id).copied().unwrap_or_default(),
                    code: i.code,
                    provision: i.provision,
                    name: Bilingual::new(i.name_en, i.name_es),
                    kind: decode(&i.kind, IndicatorKind::from_code, "indicator kind")?,
                    direction: decode(&i.direction, Direction::from_code, "direction")?,
                    basis: i.basis,
                    retired: i.retired_at.is_some(),
                },
            ))
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    infos.sort_by(|(_, a), (_, b)| a.article.cmp(&b.article).then_with(|| a.code.cmp(&b.code)));
    Ok(infos)
}

async fn article_options(db: &impl ConnectionTrait) -> Result<Vec<ArticleOption>, AppError> {
    Ok(protocol_article::Entity::find()
        .order_by_asc(protocol_article::Column::Number)
        .all(db)
        .await?
        .into_iter()
        .map(|a| ArticleOption {
            number: a.number,
            title: Bilingual::new(a.title_en, a.title_es),
        })
        .collect())
}

/// The Protocol's articles, each with its indicators (retired ones included, marked).
pub async fn articles_with_indicators(
    db: &impl ConnectionTrait,
) -> Result<Vec<ArticleWithIndicators>, AppError> {
    let articles = protocol_article::Entity::find()
        .order_by_asc(protocol_article::Column::Number)
        .all(db)
        .await?;
    let infos = indicator_infos(db).await?;
    articles
        .into_iter()
        .map(|article| {
            Ok(ArticleWithIndicators {
                number: article.number,
                chapter: article.chapter,
                title: Bilingual::new(article.title_en, article.title_es),
                assessable: decode(&article.assessable, Assessable::from_code, "assessable")?,
                indicators: infos
                    .iter()
                    .filter(|(_, info)| info.article == article.number)
                    .map(|(_, info)| info.clone())
                    .collect(),
            })
        })
        .collect()
}

pub async fn article_choices(db: &impl ConnectionTrait) -> Result<Vec<ArticleOption>, AppError> {
    article_options(db).await
}

/// The values `viewer` may see, by (indicator id, country id): validated values, and the values not
/// yet validated of the countries the viewer may edit. Narrowed to one country or one indicator.
async fn visible_values(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    country_id: Option<i32>,
    indicator_id: Option<i32>,
) -> Result<HashMap<(i32, i32), Vec<ValueCell>>, AppError> {
    let mut query = indicator_value::Entity::find().order_by_asc(indicator_value::Column::Year);
    if let Some(country_id) = country_id {
        query = query.filter(indicator_value::Column::CountryId.eq(country_id));
    }
    if let Some(indicator_id) = indicator_id {
        query = query.filter(indicator_value::Column::IndicatorId.eq(indicator_id));
    }
    let mut values: HashMap<(i32, i32), Vec<ValueCell>> = HashMap::new();
    for row in query.all(db).await? {
        let state = decode(&row.state, SubmissionState::from_code, "value state")?;
        let visible = state == SubmissionState::Validated
            || viewer.may(Permission::EditCountry(row.country_id));
        if !visible {
            continue;
        }
        let key = (row.indicator_id, row.country_id);
        if let Some(cell) = value_cell(row, state) {
            values.entry(key).or_default().push(cell);
        }
    }
    Ok(values)
}

/// A stored value as the pages show it; `None` for a row without a value ("not reported").
fn value_cell(row: indicator_value::Model, state: SubmissionState) -> Option<ValueCell> {
    Some(ValueCell {
        year: row.year,
        value: row.value?,
        numerator: row.numerator,
        denominator: row.denominator,
        source: row.source.unwrap_or_default(),
        note: row.note,
        state,
    })
}

/// Baselines and targets by (indicator id, country id).
async fn targets(
    db: &impl ConnectionTrait,
    country_id: Option<i32>,
    indicator_id: Option<i32>,
) -> Result<HashMap<(i32, i32), TargetInfo>, AppError> {
    let mut query = indicator_target::Entity::find();
    if let Some(country_id) = country_id {
        query = query.filter(indicator_target::Column::CountryId.eq(country_id));
    }
    if let Some(indicator_id) = indicator_id {
        query = query.filter(indicator_target::Column::IndicatorId.eq(indicator_id));
    }
    Ok(query
        .all(db)
        .await?
        .into_iter()
        .filter_map(|t| {
            Some((
                (t.indicator_id, t.country_id),
                TargetInfo {
                    baseline_year: t.baseline_year?,
                    baseline_value: t.baseline_value?,
                    target_year: t.target_year?,
                    target_value: t.target_value?,
                    proposed: t.proposed_by_country,
                },
            ))
        })
        .collect())
}

fn day(at: Option<chrono::DateTime<Utc>>) -> Option<String> {
    at.map(|at| at.date_naive().to_string())
}

/// The years that have a value among `values`, ascending.
fn value_years<'a>(values: impl IntoIterator<Item = &'a Vec<ValueCell>>) -> Vec<i32> {
    values
        .into_iter()
        .flatten()
        .map(|cell| cell.year)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect()
}

/// The country `iso2`'s indicator page for the round of `year` (the latest round when `None`, or
/// with a notice when there is no round for `year`).
pub async fn country_indicators(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    iso2: &str,
    year: Option<&str>,
) -> Result<CountryIndicatorsView, AppError> {
    let country = crate::db::countries::member_country(db, iso2)
        .await?
        .ok_or(AppError::NotFound)?;
    let rounds = plan_rounds(db).await?;
    let (round, notice) = shown_round(&rounds, year);
    let submission_info = round_submission(db, round, country.id).await?;
    let infos = indicator_infos(db).await?;
    let values = visible_values(db, viewer, Some(country.id), None).await?;
    let targets = targets(db, Some(country.id), None).await?;
    let round_year = round.map(|r| r.year);
    let articles = article_options(db).await?;
    let sections = CountryFigures {
        country_id: country.id,
        infos: &infos,
        values: &values,
        targets: &targets,
        round_year,
    }
    .sections(articles);
    let state = submission_info.as_ref().map(|s| s.state);
    let may_edit = viewer.may(Permission::EditCountry(country.id));
    let may_coordinate = viewer.may(Permission::Coordinate);
    Ok(CountryIndicatorsView {
        iso2: country.iso2.clone(),
        country: Bilingual::new(country.name_en, country.name_es),
        round_years: rounds.iter().map(|r| r.year).collect(),
        year: round_year,
        notice,
        years: value_years(values.values()),
        articles: sections,
        can_edit: may_edit && state.is_some_and(SubmissionState::is_editable),
        can_submit: may_edit && state.is_some_and(|s| Step::Submit.from_state(s).is_some()),
        can_decide: may_coordinate && state == Some(SubmissionState::Submitted),
        can_reopen: may_coordinate && state == Some(SubmissionState::Validated),
        submission: submission_info,
    })
}

/// The reporting rounds of the current plan, newest first (none without a plan).
async fn plan_rounds(db: &impl ConnectionTrait) -> Result<Vec<reporting_round::Model>, AppError> {
    Ok(match crate::plan::queries::current_plan(db).await? {
        Some(plan) => {
            reporting_round::Entity::find()
                .filter(reporting_round::Column::PlanId.eq(plan.id))
                .order_by_desc(reporting_round::Column::Year)
                .all(db)
                .await?
        }
        None => Vec::new(),
    })
}

/// The round the address asks for by `year` (the latest when it asks for none or for one that does
/// not exist), with the notice about an unknown round or about there being no rounds.
fn shown_round<'a>(
    rounds: &'a [reporting_round::Model],
    year: Option<&str>,
) -> (Option<&'a reporting_round::Model>, Option<String>) {
    let asked = year.map(|text| text.trim().parse::<i32>().ok());
    let chosen = match asked {
        Some(Some(year)) => rounds.iter().find(|r| r.year == year),
        _ => None,
    };
    let notice = match (asked, chosen) {
        (Some(_), None) if !rounds.is_empty() => Some("notice-round-unknown".to_owned()),
        (_, None) if rounds.is_empty() => Some("notice-no-rounds".to_owned()),
        _ => None,
    };
    (chosen.or(rounds.first()), notice)
}

/// The country's submission in `round` as the page shows it; `None` without a round or submission.
async fn round_submission(
    db: &impl ConnectionTrait,
    round: Option<&reporting_round::Model>,
    country_id: i32,
) -> Result<Option<SubmissionInfo>, AppError> {
    let Some(round) = round else {
        return Ok(None);
    };
    let Some(s) = submission::Entity::find()
        .filter(submission::Column::RoundId.eq(round.id))
        .filter(submission::Column::CountryId.eq(country_id))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let today = Utc::now().date_naive();
    let state = decode(&s.state, SubmissionState::from_code, "submission state")?;
    let submitted_on = s.submitted_at.map(|at| at.date_naive());
    let owed = crate::rounds::rules::owes_submission(state);
    Ok(Some(SubmissionInfo {
        state,
        version: s.version,
        due_on: round.due_on.to_string(),
        submitted_on: submitted_on.map(|d| d.to_string()),
        validated_on: day(s.validated_at),
        return_reason: s
            .return_reason
            .filter(|_| state == SubmissionState::Returned),
        timeliness: Timeliness::of(round.due_on, today, submitted_on.filter(|_| !owed)),
    }))
}

/// What a country's indicator page is drawn from: the catalogue, and the country's values and
/// targets, by (indicator id, country id).
struct CountryFigures<'a> {
    country_id: i32,
    infos: &'a [(i32, IndicatorInfo)],
    values: &'a HashMap<(i32, i32), Vec<ValueCell>>,
    targets: &'a HashMap<(i32, i32), TargetInfo>,
    /// The year of the round shown, whose values are the rows' current ones.
    round_year: Option<i32>,
}

impl CountryFigures<'_> {
    /// Each of `articles` with the country's rows of its indicators; articles without rows left out.
    fn sections(&self, articles: Vec<ArticleOption>) -> Vec<ArticleIndicators> {
        let mut sections: Vec<ArticleIndicators> = Vec::new();
        for article in articles {
            let rows: Vec<CountryIndicatorRow> = self
                .infos
                .iter()
                .filter(|(_, info)| info.article == article.number)
                .filter_map(|(id, info)| self.row(*id, info))
                .collect();
            if !rows.is_empty() {
                sections.push(ArticleIndicators {
                    number: article.number,
                    title: article.title,
                    rows,
                });
            }
        }
        sections
    }

    /// The country's row of the indicator `id`.
    fn row(&self, id: i32, info: &IndicatorInfo) -> Option<CountryIndicatorRow> {
        let cells = self
            .values
            .get(&(id, self.country_id))
            .cloned()
            .unwrap_or_default();
        // A retired indicator keeps its history on the page, and leaves once it has none.
        if info.retired && cells.is_empty() {
            return None;
        }
        let target = self.targets.get(&(id, self.country_id)).copied();
        Some(CountryIndicatorRow {
            standing: Standing::of(info.kind, info.direction, target.as_ref(), &cells),
            current: cells
                .iter()
                .find(|c| Some(c.year) == self.round_year)
                .cloned(),
            info: info.clone(),
            values: cells,
            target,
        })
    }
}

/// One indicator across the member countries.
/// One indicator across the member countries. On a past day (`known_on`), the values validated by
/// then alone, as a reviewer saw them that day; otherwise every value the viewer may see.
pub async fn indicator_view(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    code: &str,
    known_on: Option<chrono::NaiveDate>,
) -> Result<IndicatorView, AppError> {
    let model = indicator::Entity::find()
        .filter(indicator::Column::Code.eq(code.trim().to_ascii_uppercase()))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let infos = indicator_infos(db).await?;
    let info = infos
        .into_iter()
        .find(|(id, _)| *id == model.id)
        .map(|(_, info)| info)
        .ok_or(AppError::Internal)?;
    let articles = article_options(db).await?;
    let article_title = articles
        .iter()
        .find(|a| a.number == info.article)
        .map(|a| a.title.clone())
        .unwrap_or_default();
    let mut values = visible_values(db, viewer, None, Some(model.id)).await?;
    if let Some(day) = known_on {
        let validated_on = validation_days(db).await?;
        for ((_, country_id), cells) in values.iter_mut() {
            cells.retain(|cell| {
                cell.is_validated()
                    && validated_on
                        .get(&(*country_id, cell.year))
                        .is_none_or(|validated| *validated <= day)
            });
        }
    }
    let targets = targets(db, None, Some(model.id)).await?;
    let countries = crate::db::countries::member_countries(db).await?;
    let rows = countries
        .iter()
        .map(|c| {
            let cells = values.get(&(model.id, c.id)).cloned().unwrap_or_default();
            let target = targets.get(&(model.id, c.id)).copied();
            IndicatorCountryRow {
                iso2: c.iso2.clone(),
                country: Bilingual::new(&c.name_en, &c.name_es),
                standing: Standing::of(info.kind, info.direction, target.as_ref(), &cells),
                values: cells,
                target,
            }
        })
        .collect();
    let target_countries = countries
        .iter()
        .filter(|c| viewer.may(Permission::EditCountry(c.id)))
        .map(|c| (c.iso2.clone(), Bilingual::new(&c.name_en, &c.name_es)))
        .collect();
    Ok(IndicatorView {
        years: value_years(values.values()),
        as_of: AsOfShown::default(),
        info,
        article_title,
        rows,
        can_manage: viewer.may(Permission::Coordinate),
        articles,
        target_countries,
    })
}

/// Each country's validated values of every indicator that has a target the secretariat set (a
/// retired one keeps its history), with the day each value's submission was validated, ordered by
/// article and code: the trends of the country dashboards. Yes/no indicators are left out: they are
/// met or not, as the scorecard shows.
pub async fn validated_series(db: &impl ConnectionTrait) -> Result<Vec<IndicatorSeries>, AppError> {
    let infos = indicator_infos(db).await?;
    let targets = targets(db, None, None).await?;
    let values = indicator_value::Entity::find()
        .filter(indicator_value::Column::State.eq(SubmissionState::Validated.code()))
        .order_by_asc(indicator_value::Column::Year)
        .all(db)
        .await?;
    let validated_on = validation_days(db).await?;
    let mut series = Vec::new();
    for ((indicator_id, country_id), target) in targets.into_iter().filter(|(_, t)| !t.proposed) {
        let Some(info) = infos
            .iter()
            .find(|(id, _)| *id == indicator_id)
            .map(|(_, info)| info)
            .filter(|info| info.kind != IndicatorKind::YesNo)
        else {
            continue;
        };
        series.push(IndicatorSeries {
            country_id,
            code: info.code.clone(),
            name: info.name.clone(),
            kind: info.kind,
            direction: info.direction,
            target,
            values: values
                .iter()
                .filter(|v| v.indicator_id == indicator_id && v.country_id == country_id)
                .filter_map(|v| {
                    let day = validated_on.get(&(country_id, v.year)).copied();
                    Some((day, value_cell(v.clone(), SubmissionState::Validated)?))
                })
                .collect(),
        });
    }
    let position = |code: &str| infos.iter().position(|(_, info)| info.code == code);
    series.sort_by_key(|s| (s.country_id, position(&s.code)));
    Ok(series)
}

/// Every country's indicators for the annual report of `year`, by country id: the value validated
/// for the year, and the indicator's standing from the validated values up to that year and up to
/// the year before (to tell which moved into or out of compliance). Indicators with no validated
/// value up to the year are left out.
pub async fn indicators_of_year(
    db: &impl ConnectionTrait,
    year: i32,
) -> Result<HashMap<i32, Vec<IndicatorOfYear>>, AppError> {
    let infos = indicator_infos(db).await?;
    let targets = targets(db, None, None).await?;
    let mut values: HashMap<(i32, i32), Vec<ValueCell>> = HashMap::new();
    for row in indicator_value::Entity::find()
        .filter(indicator_value::Column::State.eq(SubmissionState::Validated.code()))
        .filter(indicator_value::Column::Year.lte(year))
        .order_by_asc(indicator_value::Column::Year)
        .all(db)
        .await?
    {
        let key = (row.indicator_id, row.country_id);
        if let Some(cell) = value_cell(row, SubmissionState::Validated) {
            values.entry(key).or_default().push(cell);
        }
    }
    let mut by_country: HashMap<i32, Vec<IndicatorOfYear>> = HashMap::new();
    for (id, info) in &infos {
        for ((indicator_id, country_id), cells) in &values {
            if indicator_id != id {
                continue;
            }
            let target = targets.get(&(*id, *country_id));
            let earlier: Vec<ValueCell> = cells.iter().filter(|c| c.year < year).cloned().collect();
            by_country
                .entry(*country_id)
                .or_default()
                .push(IndicatorOfYear {
                    code: info.code.clone(),
                    name: info.name.clone(),
                    kind: info.kind,
                    value: cells.iter().find(|c| c.year == year).map(|c| c.value),
                    standing: Standing::of(info.kind, info.direction, target, cells),
                    before: Standing::of(info.kind, info.direction, target, &earlier),
                });
        }
    }
    Ok(by_country)
}

/// The article scorecard: for each member country, in its latest year with validated values, the
/// share of each article's yes/no indicators met and the mean of its scale indicators ÷ 4.
pub async fn scorecard(db: &impl ConnectionTrait) -> Result<ScorecardView, AppError> {
    Ok(scorecard_source(db).await?.view(None, None))
}

/// What the article scorecard of any year and day is computed from: the articles that have yes/no
/// or scale indicators, the member countries, and the validated values of those indicators with the
/// day each was validated.
pub async fn scorecard_source(db: &impl ConnectionTrait) -> Result<ScorecardSource, AppError> {
    let infos = indicator_infos(db).await?;
    let scored = |info: &IndicatorInfo| {
        !info.retired && matches!(info.kind, IndicatorKind::YesNo | IndicatorKind::Scale0To4)
    };
    let articles: Vec<_> = article_options(db)
        .await?
        .into_iter()
        .filter(|a| {
            infos
                .iter()
                .any(|(_, i)| i.article == a.number && scored(i))
        })
        .collect();
    let by_id: HashMap<i32, &IndicatorInfo> = infos.iter().map(|(id, info)| (*id, info)).collect();
    let validated_on = validation_days(db).await?;
    let values = indicator_value::Entity::find()
        .filter(indicator_value::Column::State.eq(SubmissionState::Validated.code()))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|v| {
            let info = by_id.get(&v.indicator_id).filter(|info| scored(info))?;
            Some(ScoredValue {
                country_id: v.country_id,
                year: v.year,
                article: info.article,
                kind: info.kind,
                direction: info.direction,
                value: v.value?,
                validated_on: validated_on.get(&(v.country_id, v.year)).copied(),
            })
        })
        .collect();
    let countries = crate::db::countries::member_countries(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.iso2, Bilingual::new(c.name_en, c.name_es)))
        .collect();
    Ok(ScorecardSource {
        articles,
        countries,
        values,
    })
}

/// The day each submission was validated, by (country id, round year); submissions not validated
/// are left out.
async fn validation_days(
    db: &impl ConnectionTrait,
) -> Result<HashMap<(i32, i32), chrono::NaiveDate>, AppError> {
    let round_years: HashMap<i32, i32> = reporting_round::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r.year))
        .collect();
    Ok(submission::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|s| {
            let year = round_years.get(&s.round_id)?;
            Some(((s.country_id, *year), s.validated_at?.date_naive()))
        })
        .collect())
}
