use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "reporting_round")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub plan_id: i32,
    pub year: i32,
    pub opens_on: Date,
    pub due_on: Date,
    pub state: String,
    /// Days before the due date on which late countries are reminded, comma-separated.
    pub remind_before_days: String,
    /// Days after the due date on which late countries are reminded, comma-separated.
    pub remind_after_days: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
