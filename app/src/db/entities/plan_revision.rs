use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "plan_revision")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub plan_id: i32,
    /// 1 for the plan as first loaded, then one more for each revision.
    pub number: i32,
    /// `draft`, `approved` or `discarded`.
    pub state: String,
    pub reason: String,
    pub effective_on: Date,
    /// The plan as it stands with this revision, as JSON (`plan::file::PlanDefinition`).
    #[sea_orm(column_type = "Text")]
    pub content: String,
    pub created_at: DateTimeUtc,
    pub created_by: Option<i32>,
    pub approved_at: Option<DateTimeUtc>,
    pub approved_by: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
