use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "milestone_progress")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub milestone_id: i32,
    pub country_id: i32,
    pub achieved_on: Option<Date>,
    pub note: Option<String>,
    pub updated_at: Option<DateTimeUtc>,
    pub updated_by: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
