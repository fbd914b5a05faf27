//! Every write to accounts and sessions: signing in and out, creating and deactivating users, setting
//! and changing passwords and languages. Each runs in one transaction with its audit entry, and checks
//! its input against `rules` first, so a refused request stores nothing.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter, QueryOrder, TransactionTrait,
};
use serde_json::{json, Value};

use super::rules::{check_email, check_name, check_new_password, normalise_email};
use super::sessions::{self, SessionToken};
use super::types::{NewUser, UserRow};
use super::{passwords, throttle};
use crate::access::{SessionId, Viewer};
use crate::audit::service::{self as audit, Actor, Change};
use crate::db::entities::{app_user, country};
use crate::domain::{Membership, Role};
use crate::error::{AppError, Problem};
use crate::i18n::Lang;

/// The demo accounts' password; the README lists it. Demo databases only: anywhere else it is the
/// first password an attacker tries.
pub const DEMO_PASSWORD: &str = "enlace-demo-2026";

/// Why `password` may not become the password of the user with `email` and `name`, if it may
/// not: the rules' strength check, and the published demo password only on a database of
/// demonstration data.
async fn password_problem(
    db: &impl ConnectionTrait,
    password: &str,
    email: &str,
    name: &str,
) -> Result<Option<Problem>, AppError> {
    if password == DEMO_PASSWORD {
        let demo = crate::db::settings::get(db, crate::db::settings::DEMO_DATA)
            .await?
            .is_some();
        return Ok((!demo).then(|| Problem::new("password", "problem-password-demo")));
    }
    Ok(check_new_password(password, email, name).err())
}

/// The demo accounts: email, name, role, country.
const DEMO_ACCOUNTS: [(&str, &str, Role, Option<&str>); 5] = [
    (
        "secretariat@demo.enlace",
        "Demo Secretariat",
        Role::Secretariat,
        None,
    ),
    (
        "reviewer@demo.enlace",
        "Demo Reviewer",
        Role::Reviewer,
        None,
    ),
    (
        "focal.cr@demo.enlace",
        "Demo Focal Point Costa Rica",
        Role::FocalPoint,
        Some("CR"),
    ),
    (
        "focal.mx@demo.enlace",
        "Demo Focal Point Mexico",
        Role::FocalPoint,
        Some("MX"),
    ),
    (
        "focal.gt@demo.enlace",
        "Demo Focal Point Guatemala",
        Role::FocalPoint,
        Some("GT"),
    ),
];

const ENTITY: &str = "app_user";

/// A user as the audit trail records it: everything but the password hash.
fn audited(user: &app_user::Model) -> Value {
    json!({
        "email": user.email,
        "name": user.name,
        "role": user.role,
        "country_id": user.country_id,
        "language": user.language,
        "active": user.active,
        "must_change_password": user.must_change_password,
        "monthly_digest": user.monthly_digest,
    })
}

fn change(
    operation: &'static str,
    before: Option<&app_user::Model>,
    after: &app_user::Model,
) -> Change {
    Change {
        entity: ENTITY,
        entity_id: after.id.to_string(),
        operation,
        country_id: after.country_id,
        before: before.map(audited),
        after: Some(audited(after)),
    }
}

/// Signs in with an email and password from `address`: a new session, or why not. Unknown emails and
/// wrong passwords get the same answer, in the same time; the throttle (`throttle`) may ask to wait.
pub async fn sign_in(
    db: &DatabaseConnection,
    email: &str,
    password: &str,
    address: &str,
    now: DateTime<Utc>,
) -> Result<(Viewer, SessionToken), AppError> {
    // Whatever was typed is kept with the attempt, bounded and without hidden characters.
    let email: String = crate::text::without_hidden_characters(&normalise_email(email))
        .chars()
        .take(super::rules::EMAIL_MAX_CHARS)
        .collect();
    if let Some(wait) = throttle::failures(db, &email, address, now)
        .await?
        .wait(now)
    {
        tracing::warn!(%email, %address, seconds = wait.num_seconds(), "sign-in refused: too many failed attempts");
        return Err(AppError::TooManyAttempts {
            retry_after_seconds: u32::try_from(wait.num_seconds().max(1)).unwrap_or(u32::MAX),
        });
    }
    // Counted as failed until the password proves right (see `throttle`).
    let attempt = throttle::record(db, &email, address, now).await?;
    let user = app_user::Entity::find()
        .filter(app_user::Column::Email.eq(&email))
        .one(db)
        .await?;
    let password_matches =
        passwords::verify(user.as_ref().map(|u| u.password_hash.clone()), password).await;
    let user = match user {
        Some(user) if password_matches && user.active => user,
        _ => {
            tracing::warn!(%email, %address, "failed sign-in");
            return Err(AppError::InvalidCredentials);
        }
    };

    let txn = db.begin().await?;
    throttle::succeeded(&txn, attempt).await?;
    let token = sessions::start(&txn, user.id, now).await?;
    audit::record(
        &txn,
        Actor::User(user.id),
        now,
        Change {
            entity: ENTITY,
            entity_id: user.id.to_string(),
            operation: "sign_in",
            country_id: user.country_id,
            before: None,
            after: Some(json!({ "address": address })),
        },
    )
    .await?;
    let viewer = sessions::viewer(&txn, user).await?;
    crate::live::commit(txn, crate::live::Change::Elsewhere).await?;
    Ok((viewer, token))
}

/// Ends the session `session` of `viewer`.
pub async fn sign_out(
    db: &DatabaseConnection,
    viewer: &Viewer,
    session: &SessionId,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let txn = db.begin().await?;
    sessions::end(&txn, session).await?;
    audit::record(
        &txn,
        Actor::User(viewer.user_id),
        now,
        Change {
            entity: ENTITY,
            entity_id: viewer.user_id.to_string(),
            operation: "sign_out",
            country_id: viewer.country_id(),
            before: None,
            after: None,
        },
    )
    .await?;
    crate::live::commit(txn, crate::live::Change::Elsewhere).await?;
    Ok(())
}

/// The id of the member country with ISO code `iso2`, which a focal point must report for.
async fn member_country_id(db: &impl ConnectionTrait, iso2: &str) -> Result<Option<i32>, AppError> {
    Ok(country::Entity::find()
        .filter(country::Column::Iso2.eq(iso2.trim().to_ascii_uppercase()))
        .one(db)
        .await?
        .filter(|country| country.membership == Membership::Member.code())
        .map(|country| country.id))
}

/// Creates a user who must change `input.password` at first sign-in.
pub async fn create_user(
    db: &DatabaseConnection,
    actor: Actor,
    input: NewUser,
    now: DateTime<Utc>,
) -> Result<UserRow, AppError> {
    let mut problems = Vec::new();
    let email = check_email(&input.email).map_err(|p| problems.push(p)).ok();
    let name = check_name(&input.name).map_err(|p| problems.push(p)).ok();
    problems.extend(password_problem(db, &input.password, &input.email, &input.name).await?);
    let country_id = if input.role == Role::FocalPoint {
        let found = match input.country.as_deref().map(str::trim) {
            Some(iso2) if !iso2.is_empty() => member_country_id(db, iso2).await?,
            _ => None,
        };
        if found.is_none() {
            problems.push(Problem::new("country", "problem-country-required"));
        }
        found
    } else {
        None
    };
    let (Some(email), Some(name), true) = (email, name, problems.is_empty()) else {
        return Err(AppError::Invalid(problems));
    };
    let taken = app_user::Entity::find()
        .filter(app_user::Column::Email.eq(&email))
        .one(db)
        .await?
        .is_some();
    if taken {
        return Err(Problem::new("email", "problem-email-taken").into());
    }
    let password_hash = passwords::hash(&input.password).await?;

    let txn = db.begin().await?;
    let user = app_user::ActiveModel {
        email: Set(email),
        name: Set(name),
        password_hash: Set(password_hash),
        role: Set(input.role.code().to_owned()),
        country_id: Set(country_id),
        language: Set(input.language.code().to_owned()),
        active: Set(true),
        must_change_password: Set(input.must_change_password),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|error| match error.sql_err() {
        // Another request took the address between the check above and this insert.
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => {
            AppError::from(Problem::new("email", "problem-email-taken"))
        }
        _ => AppError::from(error),
    })?;
    audit::record(&txn, actor, now, change("create", None, &user)).await?;
    crate::live::commit(txn, crate::live::Change::Elsewhere).await?;
    user_row(db, user).await
}

async fn find_user(db: &impl ConnectionTrait, user_id: i32) -> Result<app_user::Model, AppError> {
    app_user::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// Updates `before` to `after` with its audit entry, in one transaction, and ends the user's sessions
/// when `end_sessions` (all of them, or all but `keep`).
async fn update_user(
    db: &DatabaseConnection,
    actor: Actor,
    operation: &'static str,
    before: &app_user::Model,
    update: app_user::ActiveModel,
    end_sessions: Option<Option<&SessionId>>,
    now: DateTime<Utc>,
) -> Result<app_user::Model, AppError> {
    let txn = db.begin().await?;
    let after = update.update(&txn).await?;
    match end_sessions {
        Some(Some(keep)) => sessions::end_others(&txn, after.id, keep).await?,
        Some(None) => {
            sessions::end_all(&txn, after.id).await?;
            // Whoever held the account may have made API tokens: they end with its sessions.
            crate::db::entities::api_token::Entity::update_many()
                .col_expr(
                    crate::db::entities::api_token::Column::RevokedAt,
                    sea_orm::sea_query::Expr::value(now),
                )
                .filter(crate::db::entities::api_token::Column::UserId.eq(after.id))
                .filter(crate::db::entities::api_token::Column::RevokedAt.is_null())
                .exec(&txn)
                .await?;
        }
        None => {}
    }
    audit::record(&txn, actor, now, change(operation, Some(before), &after)).await?;
    crate::live::commit(txn, crate::live::Change::Elsewhere).await?;
    Ok(after)
}

/// Deactivates (ending their sessions) or reactivates a user. Nobody deactivates themselves, so the
/// secretariat cannot lock itself out by accident.
pub async fn set_active(
    db: &DatabaseConnection,
    actor: &Viewer,
    user_id: i32,
    active: bool,
    now: DateTime<Utc>,
) -> Result<UserRow, AppError> {
    if user_id == actor.user_id && !active {
        return Err(Problem::new("user", "problem-cannot-deactivate-self").into());
    }
    let before = find_user(db, user_id).await?;
    let mut update: app_user::ActiveModel = before.clone().into();
    update.active = Set(active);
    update.updated_at = Set(now);
    let operation = if active { "reactivate" } else { "deactivate" };
    let end_sessions = (!active).then_some(None);
    let after = update_user(
        db,
        Actor::User(actor.user_id),
        operation,
        &before,
        update,
        end_sessions,
        now,
    )
    .await?;
    user_row(db, after).await
}

/// Gives a user a one-time password, to be changed at their next sign-in, and ends their sessions.
pub async fn set_one_time_password(
    db: &DatabaseConnection,
    actor: &Viewer,
    user_id: i32,
    password: &str,
    now: DateTime<Utc>,
) -> Result<UserRow, AppError> {
    let before = find_user(db, user_id).await?;
    if let Some(problem) = password_problem(db, password, &before.email, &before.name).await? {
        return Err(problem.into());
    }
    let mut update: app_user::ActiveModel = before.clone().into();
    update.password_hash = Set(passwords::hash(password).await?);
    update.must_change_password = Set(true);
    update.updated_at = Set(now);
    let after = update_user(
        db,
        Actor::User(actor.user_id),
        "set_one_time_password",
        &before,
        update,
        Some(None),
        now,
    )
    .await?;
    user_row(db, after).await
}

/// A user changes their own password, proving they know the current one; their other sessions end.
pub async fn change_own_password(
    db: &DatabaseConnection,
    viewer: &Viewer,
    session: &SessionId,
    current: &str,
    new: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let before = find_user(db, viewer.user_id).await?;
    if !passwords::verify(Some(before.password_hash.clone()), current).await {
        return Err(Problem::new("current_password", "problem-current-password-wrong").into());
    }
    if current == new {
        return Err(Problem::new("new_password", "problem-password-unchanged").into());
    }
    if let Some(problem) = password_problem(db, new, &before.email, &before.name).await? {
        let field = "new_password".to_owned();
        return Err(Problem { field, ..problem }.into());
    }
    let mut update: app_user::ActiveModel = before.clone().into();
    update.password_hash = Set(passwords::hash(new).await?);
    update.must_change_password = Set(false);
    update.updated_at = Set(now);
    update_user(
        db,
        Actor::User(viewer.user_id),
        "change_password",
        &before,
        update,
        Some(Some(session)),
        now,
    )
    .await?;
    Ok(())
}

/// A user chooses the language Enlace speaks to them after sign-in.
pub async fn set_own_language(
    db: &DatabaseConnection,
    viewer: &Viewer,
    language: Lang,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let before = find_user(db, viewer.user_id).await?;
    let mut update: app_user::ActiveModel = before.clone().into();
    update.language = Set(language.code().to_owned());
    update.updated_at = Set(now);
    update_user(
        db,
        Actor::User(viewer.user_id),
        "set_language",
        &before,
        update,
        None,
        now,
    )
    .await?;
    Ok(())
}

/// A focal point asks for, or stops, the monthly digest of their country's outlook by email.
pub async fn set_own_digest(
    db: &DatabaseConnection,
    viewer: &Viewer,
    wanted: bool,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    if viewer.role != Role::FocalPoint || viewer.country.is_none() {
        return Err(AppError::Forbidden);
    }
    let before = find_user(db, viewer.user_id).await?;
    if before.monthly_digest == wanted {
        return Ok(());
    }
    let mut update: app_user::ActiveModel = before.clone().into();
    update.monthly_digest = Set(wanted);
    update.updated_at = Set(now);
    let operation = if wanted {
        "subscribe_digest"
    } else {
        "unsubscribe_digest"
    };
    update_user(
        db,
        Actor::User(viewer.user_id),
        operation,
        &before,
        update,
        None,
        now,
    )
    .await?;
    Ok(())
}

/// Whether the user asked for the monthly digest.
pub async fn wants_digest(db: &DatabaseConnection, user_id: i32) -> Result<bool, AppError> {
    Ok(find_user(db, user_id).await?.monthly_digest)
}

/// Every user, by name.
pub async fn list_users(db: &DatabaseConnection) -> Result<Vec<UserRow>, AppError> {
    let countries: std::collections::HashMap<i32, String> = country::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|country| (country.id, country.iso2))
        .collect();
    app_user::Entity::find()
        .order_by_asc(app_user::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|user| row(user, &countries))
        .collect()
}

async fn user_row(db: &impl ConnectionTrait, user: app_user::Model) -> Result<UserRow, AppError> {
    let countries = match user.country_id {
        Some(id) => country::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|country| (id, country.iso2))
            .into_iter()
            .collect(),
        None => Default::default(),
    };
    row(user, &countries)
}

fn row(
    user: app_user::Model,
    countries: &std::collections::HashMap<i32, String>,
) -> Result<UserRow, AppError> {
    let role = Role::from_code(&user.role).ok_or_else(|| {
        tracing::error!(user = user.id, role = %user.role, "unknown role");
        AppError::Internal
    })?;
    Ok(UserRow {
        id: user.id,
        country: user.country_id.and_then(|id| countries.get(&id).cloned()),
        email: user.email,
        name: user.name,
        role,
        language: Lang::from_tag(&user.language).unwrap_or_default(),
        active: user.active,
        must_change_password: user.must_change_password,
    })
}

/// The demo accounts, with `DEMO_PASSWORD`. Called once, when the demo data is generated.
pub async fn create_demo_accounts(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    for (email, name, role, country) in DEMO_ACCOUNTS {
        create_user(
            db,
            Actor::System,
            NewUser {
                email: email.to_owned(),
                name: name.to_owned(),
                role,
                country: country.map(str::to_owned),
                language: Lang::En,
                password: DEMO_PASSWORD.to_owned(),
                must_change_password: false,
            },
            now,
        )
        .await?;
    }
    Ok(DEMO_ACCOUNTS.len())
}

/// A one-time password for a secretariat account made on the command line: 4 groups of 4 letters and
/// digits, without the look-alikes 0/O and 1/l/I.
pub fn generate_one_time_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    passwords::random_bytes::<16>()
        .chunks(4)
        .map(|group| {
            group
                .iter()
                .map(|byte| char::from(ALPHABET[usize::from(*byte) % ALPHABET.len()]))
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("-")
}
