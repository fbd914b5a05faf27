use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "generated_report")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub plan_id: i32,
    pub year: i32,
    /// `en` or `es`.
    pub language: String,
    /// `pdf`, `docx` or `xlsx`.
    pub format: String,
    pub file_name: String,
    pub size_bytes: i64,
    /// Hexadecimal SHA-256 of the content.
    pub sha256: String,
    #[serde(with = "hex")]
    pub content: Vec<u8>,
    pub generated_by: i32,
    pub generated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
