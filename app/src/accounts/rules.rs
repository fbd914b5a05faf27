//! The rules a user's email, name and password must follow, checked before anything is stored. Pure, so
//! the same rules can guide forms in the browser.

use crate::error::Problem;

pub const PASSWORD_MIN_CHARS: usize = 12;
/// Long enough for any passphrase, short enough that hashing it costs nothing unusual.
pub const PASSWORD_MAX_CHARS: usize = 256;
pub const NAME_MAX_CHARS: usize = 120;
/// The longest address SMTP can deliver to.
pub const EMAIL_MAX_CHARS: usize = 254;

const COMMON_PASSWORDS: &str = include_str!("common-passwords.txt");

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
    if name.chars().any(char::is_control) {
        return Err(Problem::new("name", "problem-name-control"));
    }
    Ok(name.to_owned())
}

/// Whether `password` may become the password of the account with `email`.
pub fn check_new_password(password: &str, email: &str) -> Result<(), Problem> {
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
    let lowered = password.to_lowercase();
    let is_common = COMMON_PASSWORDS
        .lines()
        .filter(|line| !line.starts_with('#'))
        .any(|common| common.trim() == lowered);
    if is_common || lowered == normalise_email(email) {
        return Err(Problem::new("password", "problem-password-common"));
    }
    if password
        .chars()
        .all(|c| c == password.chars().next().unwrap_or(c))
    {
        return Err(Problem::new("password", "problem-password-common"));
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

    #[test]
    fn passwords_need_twelve_characters_and_must_not_be_common() {
        let email = "focal.cr@demo.enlace";
        assert!(check_new_password("enlace-demo-2026", email).is_ok());
        assert!(
            check_new_password("ñandú-cóndor", email).is_ok(),
            "12 characters, counted as characters"
        );
        let short = check_new_password("short-pass1", email).unwrap_err();
        assert_eq!(
            (short.key.as_str(), short.limit),
            ("problem-password-too-short", Some(12))
        );
        for common in ["Password1234", "CONTRASEÑA123", "zzzzzzzzzzzzzz", email] {
            assert_eq!(
                check_new_password(common, email).unwrap_err().key,
                "problem-password-common",
                "{common}"
            );
        }
        assert_eq!(
            check_new_password(&"x1".repeat(129), email)
                .unwrap_err()
                .key,
            "problem-password-too-long"
        );
    }
}
