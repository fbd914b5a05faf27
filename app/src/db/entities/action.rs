use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "action")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub plan_id: i32,
    pub theme_id: i32,
    pub objective_id: Option<i32>,
    pub code: String,
    pub title_en: String,
    pub title_es: String,
    pub description_en: Option<String>,
    pub description_es: Option<String>,
    pub lead: Option<String>,
    pub start_year: Option<i32>,
    pub end_year: Option<i32>,
    #[sea_orm(column_type = "Double")]
    pub weight: f64,
    pub sort_order: i32,
    /// The day the latest approved revision retired it from the plan; `None` while it is in it.
    pub retired_on: Option<Date>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
