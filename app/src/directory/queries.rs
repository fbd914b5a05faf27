//! Reading a country's directory.

use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter};

use super::rules::{read_languages, sort_for_listing};
use super::types::{Contact, ContactRow, DirectoryView};
use crate::access::{Permission, Viewer};
use crate::db::codes::decode;
use crate::db::countries::country_of_code;
use crate::db::entities::network_contact;
use crate::domain::{Bilingual, ContactRole};
use crate::error::AppError;

/// The directory of the country `iso2` (member or observer) as `viewer` sees it; `NotFound` for an
/// unknown country.
pub async fn directory(
    db: &DatabaseConnection,
    viewer: &Viewer,
    iso2: &str,
) -> Result<DirectoryView, AppError> {
    let country = country_of_code(db, iso2).await?.ok_or(AppError::NotFound)?;
    let contacts = contacts_of(db, country.id).await?;
    Ok(DirectoryView {
        can_edit: viewer.may(Permission::EditCountry(country.id)),
        iso2: country.iso2,
        country: Bilingual::new(country.name_en, country.name_es),
        contacts,
    })
}

/// The contacts of the country `country_id`: focal points first, then liaison officers, each by
/// name.
pub async fn contacts_of(
    db: &impl ConnectionTrait,
    country_id: i32,
) -> Result<Vec<ContactRow>, AppError> {
    let mut contacts = network_contact::Entity::find()
        .filter(network_contact::Column::CountryId.eq(country_id))
        .all(db)
        .await?
        .into_iter()
        .map(contact_row)
        .collect::<Result<Vec<_>, _>>()?;
    sort_for_listing(&mut contacts);
    Ok(contacts)
}

fn contact_row(model: network_contact::Model) -> Result<ContactRow, AppError> {
    Ok(ContactRow {
        id: model.id,
        contact: Contact {
            role: decode(&model.role, ContactRole::from_code, "contact role")?,
            languages: decode(&model.languages, read_languages, "contact languages")?,
            name: model.name,
            institution: model.institution,
            email: model.email,
            phone: model.phone,
        },
    })
}
