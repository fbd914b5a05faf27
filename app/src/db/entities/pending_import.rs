use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "pending_import")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub user_id: i32,
    /// `values` or `statuses` (`imports::types::ImportKind`).
    pub kind: String,
    /// The country the import is for; `None` for every country (the secretariat's statuses).
    pub country_id: Option<i32>,
    /// The round's year, for values.
    pub year: Option<i32>,
    pub file_name: String,
    /// The rows read from the file, as JSON (`imports::types::FileRows`).
    #[sea_orm(column_type = "Text")]
    pub content: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
