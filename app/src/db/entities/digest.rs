use sea_orm::entity::prelude::*;

/// A monthly digest of a country's outlook, sent (or kept in the outbox) to its focal points who
/// asked for it; one per country and month.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "digest")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub country_id: i32,
    /// `YYYY-MM`
    pub month: String,
    pub created_at: DateTimeUtc,
    /// The addresses it went to, comma-separated.
    pub recipients: String,
    pub language: String,
    pub subject: String,
    pub body: String,
    /// `smtp` or `outbox`.
    pub delivery: String,
    /// `sending`, `sent`, `queued` (in the outbox) or `failed`.
    pub outcome: String,
    pub error: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
