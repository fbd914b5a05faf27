use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "attachment")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub action_id: i32,
    pub country_id: i32,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    /// Hexadecimal SHA-256 of the content.
    pub sha256: String,
    #[serde(with = "hex")]
    pub content: Vec<u8>,
    pub uploaded_by: i32,
    pub uploaded_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
