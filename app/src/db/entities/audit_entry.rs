use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "audit_entry")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub actor_id: Option<i32>,
    pub occurred_at: DateTimeUtc,
    pub entity: String,
    pub entity_id: String,
    pub operation: String,
    pub before: Option<Json>,
    pub after: Option<Json>,
    pub country_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
