use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "status_event")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub country_action_id: i32,
    pub milestone_id: Option<i32>,
    pub kind: String,
    pub before: Option<Json>,
    pub after: Option<Json>,
    pub comment: Option<String>,
    pub actor_id: Option<i32>,
    pub occurred_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
