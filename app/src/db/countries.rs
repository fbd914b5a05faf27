//! The countries every domain looks up: a member by its code, a country of either kind, the
//! members in order.

use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

use crate::db::entities::country;
use crate::domain::Membership;

/// The member country with the ISO code `iso2` (any case, spaces around ignored).
pub async fn member_country(
    db: &impl ConnectionTrait,
    iso2: &str,
) -> Result<Option<country::Model>, DbErr> {
    country::Entity::find()
        .filter(country::Column::Iso2.eq(iso2.trim().to_ascii_uppercase()))
        .filter(country::Column::Membership.eq(Membership::Member.code()))
        .one(db)
        .await
}

/// The country, member or observer, with the ISO code `iso2` (any case, spaces around ignored).
pub async fn country_of_code(
    db: &impl ConnectionTrait,
    iso2: &str,
) -> Result<Option<country::Model>, DbErr> {
    country::Entity::find()
        .filter(country::Column::Iso2.eq(iso2.trim().to_ascii_uppercase()))
        .one(db)
        .await
}

/// The member countries, by English name.
pub async fn member_countries(db: &impl ConnectionTrait) -> Result<Vec<country::Model>, DbErr> {
    country::Entity::find()
        .filter(country::Column::Membership.eq(Membership::Member.code()))
        .order_by_asc(country::Column::NameEn)
        .all(db)
        .await
}
