use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "legislation_version")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub entry_id: i32,
    pub version: i32,
    /// The whole entry at this version, instruments included, as JSON.
    #[sea_orm(column_type = "Text")]
    pub content: String,
    pub saved_by: Option<i32>,
    pub saved_at: DateTimeUtc,
    /// When the secretariat first verified this version, and who.
    pub verified_by: Option<i32>,
    pub verified_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
