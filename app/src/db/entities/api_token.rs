use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, serde::Deserialize)]
#[sea_orm(table_name = "api_token")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub user_id: i32,
    /// What the user called it ("Statistics office").
    pub name: String,
    /// The token's first characters, shown so that the user can tell tokens apart.
    pub prefix: String,
    /// SHA-256 of the whole token, in hex: the token itself is shown once and never stored.
    pub token_hash: String,
    /// `read` or `write`.
    pub scope: String,
    /// The last day the token is accepted.
    pub expires_on: Date,
    pub created_at: DateTimeUtc,
    pub last_used_at: Option<DateTimeUtc>,
    pub revoked_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
