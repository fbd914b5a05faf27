//! Adding a country to the Conference's list (the secretariat), in one transaction with its audit
//! entry. Its focal points are then listed in its directory, on its page.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, DatabaseConnection, EntityTrait,
    QueryFilter, TransactionTrait,
};
use serde_json::json;

use super::rules::check_new_country;
use super::types::{CountryForm, NewCountry};
use crate::access::{Permission, Viewer};
use crate::audit::service::{self as audit, Actor, Change};
use crate::db::entities::country;
use crate::error::{AppError, Problem};

/// Adds the country `form` describes; a code another country has is refused beside its field.
/// Returns the new country's ISO code.
pub async fn add_country(
    db: &DatabaseConnection,
    viewer: &Viewer,
    form: &CountryForm,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    if !viewer.may(Permission::Coordinate) {
        return Err(AppError::Forbidden);
    }
    let new = check_new_country(form)?;
    let taken = taken_codes(db, &new).await?;
    if !taken.is_empty() {
        return Err(AppError::Invalid(taken));
    }
    let txn = db.begin().await?;
    let inserted = country::ActiveModel {
        iso2: Set(new.iso2.clone()),
        iso3: Set(new.iso3.clone()),
        name_en: Set(new.name.en.clone()),
        name_es: Set(new.name.es.clone()),
        membership: Set(new.membership.code().to_owned()),
        language: Set(new.language.code().to_owned()),
        ..Default::default()
    }
    .insert(&txn)
    .await;
    let saved = match inserted {
        Ok(saved) => saved,
        // Another member of the secretariat added a country with one of these codes meanwhile:
        // the unique indexes decide, and the form says which code is taken.
        Err(error)
            if matches!(
                error.sql_err(),
                Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
            ) =>
        {
            txn.rollback().await?;
            let mut taken = taken_codes(db, &new).await?;
            if taken.is_empty() {
                taken.push(Problem::new("iso2", "problem-country-iso2-taken"));
            }
            return Err(AppError::Invalid(taken));
        }
        Err(error) => return Err(error.into()),
    };
    audit::record(
        &txn,
        Actor::User(viewer.user_id),
        now,
        Change {
            entity: "country",
            entity_id: saved.id.to_string(),
            operation: "create",
            country_id: Some(saved.id),
            before: None,
            after: Some(json!({
                "iso2": saved.iso2,
                "iso3": saved.iso3,
                "name_en": saved.name_en,
                "name_es": saved.name_es,
                "membership": saved.membership,
                "language": saved.language,
            })),
        },
    )
    .await?;
    crate::live::commit(txn, crate::live::Change::Stored).await?;
    Ok(saved.iso2)
}

/// The problems of `new`'s codes that another country already has, each beside its field.
async fn taken_codes(db: &DatabaseConnection, new: &NewCountry) -> Result<Vec<Problem>, AppError> {
    let holders = country::Entity::find()
        .filter(
            Condition::any()
                .add(country::Column::Iso2.eq(new.iso2.as_str()))
                .add(country::Column::Iso3.eq(new.iso3.as_str())),
        )
        .all(db)
        .await?;
    let mut problems = Vec::new();
    if holders.iter().any(|holder| holder.iso2 == new.iso2) {
        problems.push(Problem::new("iso2", "problem-country-iso2-taken"));
    }
    if holders.iter().any(|holder| holder.iso3 == new.iso3) {
        problems.push(Problem::new("iso3", "problem-country-iso3-taken"));
    }
    Ok(problems)
}
