//! Facts about this installation kept in `instance_setting` (key → value).

use sea_orm::{ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait};

use super::entities::instance_setting;

/// Set when the demonstration data was loaded; its value is the date of the generated history's end.
pub const DEMO_DATA: &str = "demo_data";

pub async fn get(db: &impl ConnectionTrait, key: &str) -> Result<Option<String>, DbErr> {
    Ok(instance_setting::Entity::find_by_id(key.to_owned())
        .one(db)
        .await?
        .map(|setting| setting.value))
}

pub async fn set(db: &impl ConnectionTrait, key: &str, value: &str) -> Result<(), DbErr> {
    let model = instance_setting::ActiveModel {
        key: Set(key.to_owned()),
        value: Set(value.to_owned()),
    };
    instance_setting::Entity::insert(model)
        .on_conflict(
            sea_orm::sea_query::OnConflict::column(instance_setting::Column::Key)
                .update_column(instance_setting::Column::Value)
                .to_owned(),
        )
        .exec(db)
        .await?;
    Ok(())
}

/// Whether this installation holds generated demonstration data (a banner on every page says so),
/// as the server provides it to every request.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DemoData(pub bool);
