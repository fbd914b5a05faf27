use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "reminder")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub round_id: i32,
    pub country_id: i32,
    /// The automatic rule that sent it (`before-7`, `after-1`); `None` when sent by hand.
    pub automatic_rule: Option<String>,
    pub sent_by: Option<i32>,
    pub created_at: DateTimeUtc,
    /// The addresses it went to, comma-separated.
    pub recipients: String,
    pub language: String,
    pub subject: String,
    pub body: String,
    /// `smtp` or `outbox`.
    pub delivery: String,
    /// `sent`, `queued` (in the outbox), `failed`, `no_recipients` or `superseded`.
    pub outcome: String,
    pub error: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
