use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "indicator_value")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub indicator_id: i32,
    pub country_id: i32,
    pub year: i32,
    pub value: Option<f64>,
    pub numerator: Option<f64>,
    pub denominator: Option<f64>,
    pub source: Option<String>,
    pub note: Option<String>,
    pub state: String,
    pub updated_at: DateTimeUtc,
    pub updated_by: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
