use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "legislation_entry")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub country_id: i32,
    pub provision_id: i32,
    /// `full`, `partial`, `none` or `not_applicable`.
    pub coverage: String,
    pub coverage_reason: Option<String>,
    /// The article's text in its original language.
    pub original_text: Option<String>,
    pub text_language: Option<String>,
    pub penalty_min_years: Option<f64>,
    pub penalty_max_years: Option<f64>,
    pub fines: Option<String>,
    pub aggravating: Option<String>,
    pub note: Option<String>,
    pub entered_by: Option<i32>,
    pub entered_at: DateTimeUtc,
    pub verified_by: Option<i32>,
    pub verified_at: Option<DateTimeUtc>,
    /// When a focal point last confirmed the entry unchanged in a round, and who.
    pub confirmed_by: Option<i32>,
    pub confirmed_at: Option<DateTimeUtc>,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
