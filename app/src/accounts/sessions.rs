//! Server-side sessions, stored in the application database so that several app servers share them.
//! The browser holds a random token in an `HttpOnly` cookie; the database holds only its SHA-256, so a
//! copy of the table opens no session. A session ends when signed out, after `IDLE` without a request,
//! or `LIFETIME` after sign-in, whichever comes first.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter,
};
use sha2::{Digest, Sha256};

use super::passwords::random_bytes;
use crate::access::{SessionId, Viewer, ViewerCountry};
use crate::db::entities::{app_user, country, session};
use crate::domain::Role;
use crate::i18n::Lang;

/// The name of the session cookie.
pub const SESSION_COOKIE: &str = "enlace_session";
/// A session unused for this long ends: long enough to write a narrative without losing it.
pub const IDLE: Duration = Duration::hours(2);
/// A session ends this long after sign-in whatever its use.
pub const LIFETIME: Duration = Duration::hours(12);
/// `last_seen_at` is written at most this often, not on every request.
const TOUCH_EVERY: Duration = Duration::minutes(1);

/// The secret in the cookie. Shown to the browser once, never stored.
#[derive(Clone, PartialEq, Eq)]
pub struct SessionToken(String);

impl SessionToken {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The session's id in the database.
    pub fn id(&self) -> SessionId {
        session_id(&self.0)
    }
}

impl std::fmt::Debug for SessionToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SessionToken(…)")
    }
}

fn session_id(token: &str) -> SessionId {
    SessionId(hex::encode(Sha256::digest(token.as_bytes())))
}

/// Starts a session for `user_id`: a new token, never one the browser brought.
pub async fn start(
    db: &impl ConnectionTrait,
    user_id: i32,
    now: DateTime<Utc>,
) -> Result<SessionToken, DbErr> {
    let token = SessionToken(hex::encode(random_bytes::<32>()));
    session::ActiveModel {
        id: Set(token.id().0),
        user_id: Set(user_id),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(now + LIFETIME),
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// The user a cookie's token signs in, if its session is still open and the account active. Ends an
/// expired session, and records the use of a live one.
pub async fn authenticate(
    db: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<(Viewer, SessionId)>, DbErr> {
    let id = session_id(token);
    // With its user in one query: every request that writes asks, and on SQLite each query waits
    // for the one connection.
    let Some((found, user)) = session::Entity::find_by_id(id.0.clone())
        .find_also_related(app_user::Entity)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    if now >= found.expires_at || now - found.last_seen_at >= IDLE {
        session::Entity::delete_by_id(id.0).exec(db).await?;
        return Ok(None);
    }
    let Some(user) = user else {
        return Ok(None);
    };
    if !user.active {
        end_all(db, user.id).await?;
        return Ok(None);
    }
    if now - found.last_seen_at >= TOUCH_EVERY {
        session::ActiveModel {
            id: Set(found.id),
            last_seen_at: Set(now),
            ..Default::default()
        }
        .update(db)
        .await?;
    }
    Ok(Some((viewer(db, user).await?, id)))
}

/// The policy's view of a user.
pub async fn viewer(db: &impl ConnectionTrait, user: app_user::Model) -> Result<Viewer, DbErr> {
    let country = match user.country_id {
        Some(id) => country::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|country| ViewerCountry {
                id,
                iso2: country.iso2,
            }),
        None => None,
    };
    let role = Role::from_code(&user.role).ok_or_else(|| {
        DbErr::Custom(format!(
            "user {} has the unknown role '{}'",
            user.id, user.role
        ))
    })?;
    Ok(Viewer {
        user_id: user.id,
        name: user.name,
        email: user.email,
        role,
        country,
        language: Lang::from_tag(&user.language).unwrap_or_default(),
        must_change_password: user.must_change_password,
    })
}

/// Ends one session (signing out).
pub async fn end(db: &impl ConnectionTrait, id: &SessionId) -> Result<(), DbErr> {
    session::Entity::delete_by_id(id.0.clone()).exec(db).await?;
    Ok(())
}

/// Ends every session of a user (deactivated, or given a new password).
pub async fn end_all(db: &impl ConnectionTrait, user_id: i32) -> Result<(), DbErr> {
    session::Entity::delete_many()
        .filter(session::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Ends every session of a user but `keep` (a password changed by its owner).
pub async fn end_others(
    db: &impl ConnectionTrait,
    user_id: i32,
    keep: &SessionId,
) -> Result<(), DbErr> {
    session::Entity::delete_many()
        .filter(session::Column::UserId.eq(user_id))
        .filter(session::Column::Id.ne(keep.0.clone()))
        .exec(db)
        .await?;
    Ok(())
}

/// The `Set-Cookie` value that hands `token` to the browser. `Secure` when the site is served over
/// HTTPS; no `Max-Age`, so the browser forgets it when closed, and the server ends it anyway.
pub fn cookie(token: &SessionToken, secure: bool) -> String {
    format!(
        "{SESSION_COOKIE}={}; Path=/; HttpOnly; SameSite=Lax{}",
        token.as_str(),
        if secure { "; Secure" } else { "" }
    )
}

/// The `Set-Cookie` value that removes the session cookie.
pub fn removal_cookie(secure: bool) -> String {
    format!(
        "{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{}",
        if secure { "; Secure" } else { "" }
    )
}

/// The session token a request's `Cookie` headers carry.
pub fn token_from_headers(headers: &http::HeaderMap) -> Option<String> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .find_map(|pair| {
            let (name, value) = pair.trim().split_once('=')?;
            (name == SESSION_COOKIE && !value.is_empty()).then(|| value.to_owned())
        })
}

/// Whether the request reached Enlace over HTTPS, directly or through a proxy that says so.
pub fn is_https(parts: &http::request::Parts) -> bool {
    parts.uri.scheme_str() == Some("https")
        || parts
            .headers
            .get("x-forwarded-proto")
            .and_then(|value| value.to_str().ok())
            .is_some_and(|proto| proto.trim().eq_ignore_ascii_case("https"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stored_id_is_a_hash_of_the_token() {
        let token = SessionToken("abc".into());
        assert_eq!(
            token.id().0,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(format!("{token:?}"), "SessionToken(…)");
    }

    #[test]
    fn cookies() {
        let token = SessionToken("abc".into());
        assert_eq!(
            cookie(&token, false),
            "enlace_session=abc; Path=/; HttpOnly; SameSite=Lax"
        );
        assert!(cookie(&token, true).ends_with("; Secure"));
        assert!(removal_cookie(false).contains("Max-Age=0"));
        let mut headers = http::HeaderMap::new();
        headers.append(http::header::COOKIE, "lang=es".parse().unwrap());
        headers.append(
            http::header::COOKIE,
            "a=1; enlace_session=tok; b=2".parse().unwrap(),
        );
        assert_eq!(token_from_headers(&headers).as_deref(), Some("tok"));
        assert_eq!(token_from_headers(&http::HeaderMap::new()), None);
    }
}
