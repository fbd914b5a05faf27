use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "country_action")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub action_id: i32,
    pub country_id: i32,
    pub status: String,
    pub narrative_en: Option<String>,
    pub narrative_es: Option<String>,
    pub evidence: Option<Json>,
    pub updated_at: Option<DateTimeUtc>,
    pub updated_by: Option<i32>,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
