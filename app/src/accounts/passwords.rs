//! Password hashing with Argon2id, and the random secrets Enlace hands out (session tokens, one-time
//! passwords). Hashing is slow on purpose, so it runs on the blocking thread pool.

use std::sync::LazyLock;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

use crate::error::AppError;

/// Random bytes from the operating system.
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0_u8; N];
    getrandom::fill(&mut bytes).expect("the operating system provides random numbers");
    bytes
}

/// The Argon2id hash of `password` in PHC string format, with a new random salt.
pub async fn hash(password: &str) -> Result<String, AppError> {
    let password = password.to_owned();
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::encode_b64(&random_bytes::<16>()).map_err(|error| {
            tracing::error!(%error, "password salt");
            AppError::Internal
        })?;
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|hash| hash.to_string())
            .map_err(|error| {
                tracing::error!(%error, "password hashing");
                AppError::Internal
            })
    })
    .await
    .map_err(|error| {
        tracing::error!(%error, "password hashing task");
        AppError::Internal
    })?
}

/// A hash of a password nobody has, verified when the account does not exist, so that an unknown email
/// takes as long to refuse as a wrong password.
static STAND_IN_HASH: LazyLock<String> = LazyLock::new(|| {
    let salt = SaltString::encode_b64(&random_bytes::<16>()).expect("16 bytes make a salt");
    Argon2::default()
        .hash_password(&random_bytes::<32>(), &salt)
        .expect("hashing random bytes succeeds")
        .to_string()
});

/// Whether `password` matches `stored`; `None` checks against a stand-in and is always false.
pub async fn verify(stored: Option<String>, password: &str) -> bool {
    let password = password.to_owned();
    tokio::task::spawn_blocking(move || {
        let (stored, known) = match stored {
            Some(stored) => (stored, true),
            None => (STAND_IN_HASH.clone(), false),
        };
        let matches = PasswordHash::new(&stored)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or_else(|error| {
                tracing::error!(%error, "a stored password hash cannot be read");
                false
            });
        known && matches
    })
    .await
    .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_its_password_only() {
        let stored = hash("enlace-demo-2026").await.unwrap();
        assert!(stored.starts_with("$argon2id$"), "{stored}");
        assert!(verify(Some(stored.clone()), "enlace-demo-2026").await);
        assert!(!verify(Some(stored.clone()), "enlace-demo-2027").await);
        assert!(!verify(None, "enlace-demo-2026").await);
        assert!(!verify(Some("not a hash".into()), "enlace-demo-2026").await);
        assert_ne!(
            stored,
            hash("enlace-demo-2026").await.unwrap(),
            "each hash has its own salt"
        );
    }
}
