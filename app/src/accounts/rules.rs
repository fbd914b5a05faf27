//! The rules a user's email, name and password must follow, checked before anything is stored. Pure;
//! the password's strength is estimated on the server only (the estimator's dictionaries are large).

use crate::error::Problem;

pub const PASSWORD_MIN_CHARS: usize = 12;
/// Long enough for any passphrase, short enough that hashing it costs nothing unusual.
pub const PASSWORD_MAX_CHARS: usize = 256;
pub const NAME_MAX_CHARS: usize = 120;
/// The longest address SMTP can deliver to.
pub const EMAIL_MAX_CHARS: usize = 254;

/// Words anyone guessing an Enlace password tries after the user's own email and name: the site's
/// and the Conference's names, and the Spanish words for a password that the estimator's English
/// dictionaries lack.
#[cfg(feature = "ssr")]
const SITE_WORDS: [&str; 14] = [
    "enlace",
    "rcm",
    "crm",
    "conferencia",
    "regional",
    "migracion",
    "migración",
    "puebla",
    "contraseña",
    "contrasena",
    "clave",
    "secreto",
    "demo",
    "password",
];

/// An email address as stored: trimmed and lower-cased, so that sign-in ignores case.
pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// The normalised address, or why it cannot be one.
pub fn check_email(email: &str) -> Result<String, Problem> {
    let email = normalise_email(email);
    if email.chars().count() > EMAIL_MAX_CHARS {
        return Err(Problem::with_limit(
            "email",
            "problem-email-too-long",
            EMAIL_MAX_CHARS as u32,
        ));
    }
    let well_formed = match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
                && !email
                    .chars()
                    .any(|c| c.is_whitespace() || c.is_control() || "<>\"'".contains(c))
        }
        None => false,
    };
    if well_formed {
        Ok(email)
    } else {
        Err(Problem::new("email", "problem-email-invalid"))
    }
}

/// The trimmed name, or why it cannot be one. Markup is not refused: pages escape it.
pub fn check_name(name: &str) -> Result<String, Problem> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Problem::new("name", "problem-name-empty"));
    }
    if name.chars().count() > NAME_MAX_CHARS {
        return Err(Problem::with_limit(
            "name",
            "problem-name-too-long",
            NAME_MAX_CHARS as u32,
        ));
    }
    if crate::text::has_hidden_characters_in_line(name) {
        return Err(Problem::new("name", "problem-name-control"));
    }
    Ok(name.to_owned())
}

/// Whether `password` may become the password of the account with `email` and `name`: 12 to 256
/// characters, and hard to guess as attackers guess: zxcvbn's estimate, with the user's email,
/// name and the site's words as the first guesses, must reach score 3 (about 10^8 guesses, beyond
/// an online attack held back by the sign-in throttle).
#[cfg(feature = "ssr")]
pub fn check_new_password(password: &str, email: &str, name: &str) -> Result<(), Problem> {
    let length = password.chars().count();
    if length < PASSWORD_MIN_CHARS {
        return Err(Problem::with_limit(
            "password",
            "problem-password-too-short",
            PASSWORD_MIN_CHARS as u32,
        ));
    }
    if length > PASSWORD_MAX_CHARS {
        return Err(Problem::with_limit(
            "password",
            "problem-password-too-long",
            PASSWORD_MAX_CHARS as u32,
        ));
    }
    let email = normalise_email(email);
    let name = name.to_lowercase();
    let mut guesses: Vec<&str> = vec![email.as_str(), name.as_str()];
    guesses.extend(
        email
            .split(['@', '.', '_', '-', '+'])
            .filter(|w| w.len() > 1),
    );
    guesses.extend(name.split_whitespace());
    guesses.extend(SITE_WORDS);
    if zxcvbn::zxcvbn(password, &guesses).score() < zxcvbn::Score::Three {
        return Err(Problem::new("password", "problem-password-weak"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_trimmed_lowercased_and_checked() {
        assert_eq!(
            check_email("  Focal.CR@Example.org ").unwrap(),
            "focal.cr@example.org"
        );
        for bad in [
            "",
            "no-at-sign",
            "@example.org",
            "a@b",
            "a@.org",
            "a@b.",
            "a b@example.org",
            "a@b@c.org",
            "<script>@x.org",
        ] {
            assert_eq!(
                check_email(bad).unwrap_err().key,
                "problem-email-invalid",
                "{bad:?}"
            );
        }
        let long = format!("{}@example.org", "a".repeat(250));
        assert_eq!(
            check_email(&long).unwrap_err().key,
            "problem-email-too-long"
        );
    }

    #[test]
    fn names_are_trimmed_bounded_and_free_of_control_characters() {
        assert_eq!(check_name("  Ana Pérez ").unwrap(), "Ana Pérez");
        assert_eq!(
            check_name("<b>Ana</b>").unwrap(),
            "<b>Ana</b>",
            "kept, rendered escaped"
        );
        assert_eq!(check_name("   ").unwrap_err().key, "problem-name-empty");
        assert_eq!(
            check_name("Ana\u{0007}").unwrap_err().key,
            "problem-name-control"
        );
        assert_eq!(
            check_name(&"ñ".repeat(121)).unwrap_err().key,
            "problem-name-too-long"
        );
        assert!(check_name(&"ñ".repeat(120)).is_ok());
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn passwords_need_twelve_characters_and_must_be_hard_to_guess() {
        let (email, name) = ("focal.cr@demo.enlace", "Ana Pérez");
        for strong in [
            "a test password of some length",
            "ñandú-cóndor-volcán",
            "Kx7-mPq2-Zr9w-Lt4v",
        ] {
            assert_eq!(check_new_password(strong, email, name), Ok(()), "{strong}");
        }
        let short = check_new_password("short-pass1", email, name).unwrap_err();
        assert_eq!(
            (short.key.as_str(), short.limit),
            ("problem-password-too-short", Some(12))
        );
        for weak in [
            "Password123!",
            "qwerty123456",
            "Password1234",
            "CONTRASEÑA123",
            "zzzzzzzzzzzzzz",
            "123456789012",
            "focal.cr@demo.enlace",
            "ana pérez 2026",
            "Contraseña2026",
        ] {
            assert_eq!(
                check_new_password(weak, email, name).unwrap_err().key,
                "problem-password-weak",
                "{weak}"
            );
        }
        assert_eq!(
            check_new_password(&"x1".repeat(129), email, name)
                .unwrap_err()
                .key,
            "problem-password-too-long"
        );
    }
}
