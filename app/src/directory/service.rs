//! Keeping a country's directory: adding, correcting and removing a contact, by the secretariat or
//! one of the country's own focal points, each in one transaction with its audit entry. A removed
//! contact is deleted; its audit entry keeps what it was.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, DatabaseConnection, DbErr, EntityTrait, TransactionTrait,
};
use serde_json::json;

use super::rules::{check_contact, stored_languages};
use super::types::ContactForm;
use crate::access::{Permission, Viewer};
use crate::audit::service::{self as audit, Actor, Change};
use crate::db::countries::country_of_code;
use crate::db::entities::{country, network_contact};
use crate::error::AppError;

/// The audit trail's name for a contact of the directory.
pub const CONTACT_ENTITY: &str = "network_contact";

/// Adds the contact `form` describes to the directory of the country `iso2`. Returns its id.
pub async fn add_contact(
    db: &DatabaseConnection,
    viewer: &Viewer,
    iso2: &str,
    form: &ContactForm,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    let country = country_of_code(db, iso2).await?.ok_or(AppError::NotFound)?;
    require_editor(viewer, country.id)?;
    let contact = check_contact(form)?;
    let txn = db.begin().await?;
    let saved = network_contact::ActiveModel {
        country_id: Set(country.id),
        role: Set(contact.role.code().to_owned()),
        languages: Set(stored_languages(&contact.languages)),
        name: Set(contact.name),
        institution: Set(contact.institution),
        email: Set(contact.email),
        phone: Set(contact.phone),
        updated_at: Set(now),
        updated_by: Set(Some(viewer.user_id)),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        Actor::User(viewer.user_id),
        now,
        Change {
            entity: CONTACT_ENTITY,
            entity_id: saved.id.to_string(),
            operation: "create",
            country_id: Some(country.id),
            before: None,
            after: Some(audited_contact(&saved)),
        },
    )
    .await?;
    crate::live::commit(txn, crate::live::Change::Elsewhere).await?;
    Ok(saved.id)
}

/// Corrects the contact `id` to what `form` describes. Returns the ISO code of its country, whose
/// page lists it.
pub async fn update_contact(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i32,
    form: &ContactForm,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    let (stored, country) = editable_contact(db, viewer, id).await?;
    let contact = check_contact(form)?;
    let txn = db.begin().await?;
    let mut update: network_contact::ActiveModel = stored.clone().into();
    update.name = Set(contact.name);
    update.institution = Set(contact.institution);
    update.role = Set(contact.role.code().to_owned());
    update.languages = Set(stored_languages(&contact.languages));
    update.email = Set(contact.email);
    update.phone = Set(contact.phone);
    update.updated_at = Set(now);
    update.updated_by = Set(Some(viewer.user_id));
    // Removed by someone else since it was read: there is nothing left to correct.
    let updated = update.update(&txn).await.map_err(|error| match error {
        DbErr::RecordNotUpdated => AppError::NotFound,
        other => AppError::from(other),
    })?;
    audit::record(
        &txn,
        Actor::User(viewer.user_id),
        now,
        Change {
            entity: CONTACT_ENTITY,
            entity_id: stored.id.to_string(),
            operation: "update",
            country_id: Some(country.id),
            before: Some(audited_contact(&stored)),
            after: Some(audited_contact(&updated)),
        },
    )
    .await?;
    crate::live::commit(txn, crate::live::Change::Elsewhere).await?;
    Ok(country.iso2)
}

/// Removes the contact `id` from its country's directory. Returns the ISO code of the country.
pub async fn remove_contact(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i32,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    let (stored, country) = editable_contact(db, viewer, id).await?;
    let txn = db.begin().await?;
    let removed = network_contact::Entity::delete_by_id(stored.id)
        .exec(&txn)
        .await?;
    if removed.rows_affected == 0 {
        txn.rollback().await?;
        return Err(AppError::NotFound);
    }
    audit::record(
        &txn,
        Actor::User(viewer.user_id),
        now,
        Change {
            entity: CONTACT_ENTITY,
            entity_id: stored.id.to_string(),
            operation: "delete",
            country_id: Some(country.id),
            before: Some(audited_contact(&stored)),
            after: None,
        },
    )
    .await?;
    crate::live::commit(txn, crate::live::Change::Elsewhere).await?;
    Ok(country.iso2)
}

/// The contact `id` and its country, if `viewer` may keep that country's directory.
async fn editable_contact(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i32,
) -> Result<(network_contact::Model, country::Model), AppError> {
    let contact = network_contact::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    require_editor(viewer, contact.country_id)?;
    let country = country::Entity::find_by_id(contact.country_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((contact, country))
}

/// Refuses anyone but the secretariat and the focal points of the country `country_id`.
fn require_editor(viewer: &Viewer, country_id: i32) -> Result<(), AppError> {
    if viewer.may(Permission::EditCountry(country_id)) {
        Ok(())
    } else {
        tracing::warn!(
            user = viewer.user_id,
            country_id,
            "a change to a directory refused by the access policy"
        );
        Err(AppError::Forbidden)
    }
}

/// A contact as the audit trail records it.
fn audited_contact(contact: &network_contact::Model) -> serde_json::Value {
    json!({
        "country_id": contact.country_id,
        "name": contact.name,
        "institution": contact.institution,
        "role": contact.role,
        "languages": contact.languages,
        "email": contact.email,
        "phone": contact.phone,
    })
}
