//! Writing API tokens: creating one (returned once, stored as its hash), revoking one, and noting
//! when a token was last used.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    sea_query::Expr, ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection,
    EntityTrait, PaginatorTrait, QueryFilter, TransactionTrait,
};
use serde_json::json;

use super::rules::{
    check_expiry, check_name, shown_part, token_hash, TokenScope, MAX_TOKENS, TOKEN_PREFIX,
};
use super::types::TokenForm;
use crate::access::{Permission, Viewer};
use crate::audit::service::{self as audit, Actor, Change};
use crate::db::entities::api_token;
use crate::error::{AppError, Problem};

const ENTITY: &str = "api_token";
/// `last_used_at` is written at most this often, not on every request.
const TOUCH_EVERY: Duration = Duration::minutes(1);

/// Creates a token for `viewer` as `form` asks and returns it: the only time it is seen whole.
pub async fn create_token(
    db: &DatabaseConnection,
    viewer: &Viewer,
    form: &TokenForm,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    // A one-time password must be changed before anything else, tokens included.
    if !viewer.may(Permission::ManageOwnAccount) || viewer.must_change_password {
        return Err(AppError::Forbidden);
    }
    let mut problems = Vec::new();
    let name = check_name(&form.name).map_err(|p| problems.push(p)).ok();
    let scope = TokenScope::from_code(form.scope.trim());
    if scope.is_none() {
        problems.push(Problem::new("scope", "token-scope-invalid"));
    }
    let expires_on = check_expiry(&form.expires_on, now.date_naive())
        .map_err(|p| problems.push(p))
        .ok();
    let held = api_token::Entity::find()
        .filter(api_token::Column::UserId.eq(viewer.user_id))
        .filter(api_token::Column::RevokedAt.is_null())
        .filter(api_token::Column::ExpiresOn.gte(now.date_naive()))
        .count(db)
        .await?;
    if held as usize >= MAX_TOKENS {
        problems.push(Problem::with_limit(
            "name",
            "token-too-many",
            MAX_TOKENS as u32,
        ));
    }
    let (Some(name), Some(scope), Some(expires_on), true) =
        (name, scope, expires_on, problems.is_empty())
    else {
        return Err(AppError::Invalid(problems));
    };
    let token = format!(
        "{TOKEN_PREFIX}{}",
        hex::encode(crate::accounts::passwords::random_bytes::<32>())
    );
    let txn = db.begin().await?;
    let record = api_token::ActiveModel {
        user_id: Set(viewer.user_id),
        name: Set(name.clone()),
        prefix: Set(shown_part(&token)),
        token_hash: Set(token_hash(&token)),
        scope: Set(scope.code().to_owned()),
        expires_on: Set(expires_on),
        created_at: Set(now),
        last_used_at: Set(None),
        revoked_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        Actor::User(viewer.user_id),
        now,
        Change {
            entity: ENTITY,
            entity_id: record.id.to_string(),
            operation: "create",
            country_id: None,
            before: None,
            after: Some(json!({
                "name": name,
                "shown": record.prefix,
                "scope": scope.code(),
                "expires_on": expires_on.to_string(),
            })),
        },
    )
    .await?;
    crate::live::commit(txn, crate::live::Change::Elsewhere).await?;
    Ok(token)
}

/// Revokes `viewer`'s token `id`: it opens nothing from now on.
pub async fn revoke_token(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i32,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    if !viewer.may(Permission::ManageOwnAccount) {
        return Err(AppError::Forbidden);
    }
    let record = api_token::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|token| token.user_id == viewer.user_id)
        .ok_or(AppError::NotFound)?;
    if record.revoked_at.is_some() {
        return Ok(());
    }
    let txn = db.begin().await?;
    let mut active: api_token::ActiveModel = record.clone().into();
    active.revoked_at = Set(Some(now));
    active.update(&txn).await?;
    audit::record(
        &txn,
        Actor::User(viewer.user_id),
        now,
        Change {
            entity: ENTITY,
            entity_id: record.id.to_string(),
            operation: "revoke",
            country_id: None,
            before: Some(json!({ "name": record.name, "shown": record.prefix })),
            after: None,
        },
    )
    .await?;
    crate::live::commit(txn, crate::live::Change::Elsewhere).await?;
    Ok(())
}

/// Notes that `token` was used `now`, at most once a `TOUCH_EVERY`.
pub async fn touch(
    db: &DatabaseConnection,
    token: &api_token::Model,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    if token
        .last_used_at
        .is_some_and(|last| now - last < TOUCH_EVERY)
    {
        return Ok(());
    }
    api_token::Entity::update_many()
        .col_expr(api_token::Column::LastUsedAt, Expr::value(now))
        .filter(api_token::Column::Id.eq(token.id))
        .exec(db)
        .await?;
    Ok(())
}
