//! Reading the audit trail, newest first, filtered and a page at a time.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveTime, TimeZone, Utc};
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Select,
};

use super::types::{AuditFilter, AuditPage, AuditRow, PAGE_SIZE};
use crate::db::entities::{app_user, audit_entry, country};
use crate::domain::Bilingual;
use crate::error::{AppError, Problem};

fn parse_day(field: &str, value: &Option<String>) -> Result<Option<NaiveDate>, AppError> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|day| !day.is_empty())
        .map(|day| {
            // Any day the trail could hold; far years would not fit every database's timestamps.
            NaiveDate::parse_from_str(day, "%Y-%m-%d")
                .ok()
                .filter(|day| (1970..=9999).contains(&chrono::Datelike::year(day)))
                .ok_or_else(|| AppError::from(Problem::new(field, "problem-date-invalid")))
        })
        .transpose()
}

/// One page of the audit trail as `filter` asks, newest first, with the choices of the filter form.
pub async fn audit_page(
    db: &DatabaseConnection,
    filter: &AuditFilter,
) -> Result<AuditPage, AppError> {
    let from = parse_day("from", &filter.from)?;
    let to = parse_day("to", &filter.to)?;

    let countries = country::Entity::find()
        .order_by_asc(country::Column::NameEn)
        .all(db)
        .await?;
    let users = app_user::Entity::find()
        .order_by_asc(app_user::Column::Name)
        .all(db)
        .await?;

    let query = filtered_entries(filter, from, to, &countries)?;
    let total = query.clone().count(db).await?;
    let pages = total.div_ceil(PAGE_SIZE).max(1);
    let page = filter.page.unwrap_or(1).clamp(1, pages);
    let entries = query
        .order_by_desc(audit_entry::Column::OccurredAt)
        .order_by_desc(audit_entry::Column::Id)
        .offset((page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
        .all(db)
        .await?;
    let entities = entity_names(db).await?;

    Ok(AuditPage {
        entries: audit_rows(entries, &users, &countries),
        total,
        page,
        pages,
        users: users.into_iter().map(|u| (u.id, u.name)).collect(),
        countries: countries
            .into_iter()
            .map(|c| (c.iso2, Bilingual::new(c.name_en, c.name_es)))
            .collect(),
        entities,
    })
}

/// Every entry `filter` keeps (not a page of them), newest first, as the page lists them: what a
/// download of the trail holds.
pub async fn audit_entries(
    db: &DatabaseConnection,
    filter: &AuditFilter,
) -> Result<Vec<AuditRow>, AppError> {
    let from = parse_day("from", &filter.from)?;
    let to = parse_day("to", &filter.to)?;
    let countries = country::Entity::find().all(db).await?;
    let users = app_user::Entity::find().all(db).await?;
    let entries = filtered_entries(filter, from, to, &countries)?
        .order_by_desc(audit_entry::Column::OccurredAt)
        .order_by_desc(audit_entry::Column::Id)
        .all(db)
        .await?;
    Ok(audit_rows(entries, &users, &countries))
}

/// The entries `filter` keeps: by user, country (of `countries`), entity and days from `from` to
/// `to`, both included.
fn filtered_entries(
    filter: &AuditFilter,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    countries: &[country::Model],
) -> Result<Select<audit_entry::Entity>, AppError> {
    let mut query = audit_entry::Entity::find();
    if let Some(user) = filter.user {
        query = query.filter(audit_entry::Column::ActorId.eq(user));
    }
    if let Some(iso2) = filter.country.as_deref().filter(|c| !c.is_empty()) {
        let country_id = countries
            .iter()
            .find(|c| c.iso2.eq_ignore_ascii_case(iso2))
            .map(|c| c.id)
            .ok_or_else(|| AppError::from(Problem::new("country", "problem-country-unknown")))?;
        query = query.filter(audit_entry::Column::CountryId.eq(country_id));
    }
    if let Some(entity) = filter.entity.as_deref().filter(|e| !e.is_empty()) {
        query = query.filter(audit_entry::Column::Entity.eq(entity));
    }
    if let Some(day) = from {
        query = query.filter(
            audit_entry::Column::OccurredAt
                .gte(Utc.from_utc_datetime(&day.and_time(NaiveTime::MIN))),
        );
    }
    if let Some(day) = to.and_then(|day| day.succ_opt()) {
        query = query.filter(
            audit_entry::Column::OccurredAt
                .lt(Utc.from_utc_datetime(&day.and_time(NaiveTime::MIN))),
        );
    }
    Ok(query)
}

/// Every kind of entity the trail holds entries about, for the filter form.
async fn entity_names(db: &DatabaseConnection) -> Result<Vec<String>, AppError> {
    Ok(audit_entry::Entity::find()
        .select_only()
        .column(audit_entry::Column::Entity)
        .distinct()
        .order_by_asc(audit_entry::Column::Entity)
        .into_tuple()
        .all(db)
        .await?)
}

/// The entries as the page lists them: actors by name, countries by ISO code, values laid out to
/// read.
fn audit_rows(
    entries: Vec<audit_entry::Model>,
    users: &[app_user::Model],
    countries: &[country::Model],
) -> Vec<AuditRow> {
    let user_names: HashMap<i32, String> = users.iter().map(|u| (u.id, u.name.clone())).collect();
    let country_codes: HashMap<i32, String> =
        countries.iter().map(|c| (c.id, c.iso2.clone())).collect();
    entries
        .into_iter()
        .map(|entry| AuditRow {
            id: entry.id,
            occurred_at: entry
                .occurred_at
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            actor: entry.actor_id.and_then(|id| user_names.get(&id).cloned()),
            entity: entry.entity,
            entity_id: entry.entity_id,
            operation: entry.operation,
            country: entry
                .country_id
                .and_then(|id| country_codes.get(&id).cloned()),
            before: pretty(entry.before),
            after: pretty(entry.after),
        })
        .collect()
}

/// A stored JSON value laid out on several lines, as the page shows it.
fn pretty(value: Option<serde_json::Value>) -> Option<String> {
    value.map(|v| serde_json::to_string_pretty(&v).unwrap_or_else(|_| v.to_string()))
}
