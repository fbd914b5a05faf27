use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "action_article")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub action_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub article_id: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
