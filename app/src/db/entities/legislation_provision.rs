use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "legislation_provision")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub code: String,
    /// `criminalization`, `aggravation`, `protection`, `sea`, `border` or `related`.
    pub provision_group: String,
    pub instrument: String,
    pub article: String,
    pub name_en: String,
    pub name_es: String,
    pub question_en: String,
    pub question_es: String,
    pub sort_order: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
