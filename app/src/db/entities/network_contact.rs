use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "network_contact")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub country_id: i32,
    pub name: String,
    pub institution: String,
    /// `focal_point` or `liaison_officer`.
    pub role: String,
    /// The languages the contact speaks, as codes separated by commas (`es,en`).
    pub languages: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub updated_at: DateTimeUtc,
    pub updated_by: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
