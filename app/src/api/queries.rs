//! Reading API tokens: a user's own, and the user a token acts for.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

use super::rules::{token_hash, TokenScope};
use super::types::TokenRow;
use crate::access::Viewer;
use crate::db::entities::{api_token, app_user};

/// `user_id`'s tokens, newest first.
pub async fn tokens_of(
    db: &impl ConnectionTrait,
    user_id: i32,
    now: DateTime<Utc>,
) -> Result<Vec<TokenRow>, DbErr> {
    let today = now.date_naive();
    Ok(api_token::Entity::find()
        .filter(api_token::Column::UserId.eq(user_id))
        .order_by_desc(api_token::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|token| TokenRow {
            id: token.id,
            name: token.name,
            shown: token.prefix,
            scope: TokenScope::from_code(&token.scope).unwrap_or(TokenScope::Read),
            expires_on: token.expires_on.to_string(),
            created_on: token.created_at.date_naive().to_string(),
            last_used_on: token.last_used_at.map(|at| at.date_naive().to_string()),
            active: token.revoked_at.is_none() && token.expires_on >= today,
        })
        .collect())
}

/// The user `token` acts for, with the token's record, if it is a token in force (not revoked, not
/// expired) of an active user.
pub async fn viewer_for_token(
    db: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<(Viewer, api_token::Model)>, DbErr> {
    let Some(record) = api_token::Entity::find()
        .filter(api_token::Column::TokenHash.eq(token_hash(token)))
        .filter(api_token::Column::RevokedAt.is_null())
        .filter(api_token::Column::ExpiresOn.gte(now.date_naive()))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let Some(user) = app_user::Entity::find_by_id(record.user_id)
        .filter(app_user::Column::Active.eq(true))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let viewer = crate::accounts::sessions::viewer(db, user).await?;
    Ok(Some((viewer, record)))
}
