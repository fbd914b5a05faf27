use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "submission")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub round_id: i32,
    pub country_id: i32,
    pub state: String,
    pub submitted_at: Option<DateTimeUtc>,
    pub submitted_by: Option<i32>,
    pub validated_at: Option<DateTimeUtc>,
    pub validated_by: Option<i32>,
    pub return_reason: Option<String>,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
