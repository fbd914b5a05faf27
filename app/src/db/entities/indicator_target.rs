use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "indicator_target")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub indicator_id: i32,
    pub country_id: i32,
    pub baseline_year: Option<i32>,
    pub baseline_value: Option<f64>,
    pub target_year: Option<i32>,
    pub target_value: Option<f64>,
    pub proposed_by_country: bool,
    pub updated_at: DateTimeUtc,
    pub updated_by: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
