use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "milestone")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub action_id: i32,
    pub title_en: String,
    pub title_es: String,
    pub due_on: Date,
    #[sea_orm(column_type = "Double")]
    pub weight: f64,
    pub sort_order: i32,
    /// The day the latest approved revision retired it from the plan; `None` while it is in it.
    pub retired_on: Option<Date>,
    pub is_demo: bool,
    /// Names the milestone within its action (`M1`, `M2`…), in revisions and the plan file.
    pub code: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
