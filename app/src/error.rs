//! The one application error of the server side: every server function returns it, it maps once to an
//! HTTP status and once to a translated message. Database and other internal details are logged on the
//! server and never reach the browser.

use http::StatusCode;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

use crate::i18n::{t, t_args, Lang};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// 401: the request has no valid session.
    #[error("not signed in")]
    Unauthenticated,
    /// 401: the email or the password is wrong (one message for both, so accounts cannot be guessed).
    #[error("wrong email or password")]
    InvalidCredentials,
    /// 403: the access policy does not allow this to this user.
    #[error("forbidden")]
    Forbidden,
    /// 404: no record has that code.
    #[error("not found")]
    NotFound,
    /// 422: the input breaks these rules; nothing was stored.
    #[error("invalid input: {0:?}")]
    Invalid(Vec<Problem>),
    /// 409: someone else saved the record since the user loaded it; nothing was overwritten.
    #[error("edit conflict: {0:?}")]
    Conflict(Conflict),
    /// 429: too many failed sign-ins for this account or from this address; try again later.
    #[error("too many attempts")]
    TooManyAttempts,
    /// 500: a database or other internal failure; the detail is in the server log only.
    #[error("internal error")]
    Internal,
    /// 503: the request did not reach the server, or its answer could not be read.
    #[error("server unreachable: {0}")]
    Unreachable(String),
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::Unauthenticated | AppError::InvalidCredentials => StatusCode::UNAUTHORIZED,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::TooManyAttempts => StatusCode::TOO_MANY_REQUESTS,
            AppError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
            AppError::Unreachable(_) => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    pub fn title(&self, lang: Lang) -> String {
        match self {
            AppError::Unauthenticated => t(lang, "error-unauthenticated-title"),
            AppError::Forbidden => t(lang, "error-forbidden-title"),
            AppError::NotFound => t(lang, "error-not-found-title"),
            AppError::InvalidCredentials | AppError::TooManyAttempts => {
                t(lang, "error-sign-in-title")
            }
            AppError::Invalid(_) => t(lang, "error-invalid-title"),
            AppError::Conflict(_) => t(lang, "error-conflict-title"),
            AppError::Internal | AppError::Unreachable(_) => t(lang, "error-internal-title"),
        }
    }

    /// What went wrong, in a sentence for the user. For `Invalid`, the problems one per line.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            AppError::Unauthenticated => t(lang, "error-unauthenticated-body"),
            AppError::InvalidCredentials => t(lang, "error-invalid-credentials"),
            AppError::Forbidden => t(lang, "error-forbidden-body"),
            AppError::TooManyAttempts => t(lang, "error-too-many-attempts"),
            AppError::Invalid(problems) => problems
                .iter()
                .map(|problem| problem.message(lang))
                .collect::<Vec<_>>()
                .join("\n"),
            AppError::Conflict(conflict) => conflict.message(lang),
            AppError::NotFound => t(lang, "error-not-found-body"),
            AppError::Internal => t(lang, "error-internal-body"),
            AppError::Unreachable(_) => t(lang, "error-unavailable-body"),
        }
    }
}

/// One rule a field of the input breaks: the field's name and the catalogue key of the explanation,
/// with the limit it mentions, if any, and what the field belongs to where a form repeats fields (an
/// indicator's code), which the message names first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub field: String,
    pub key: String,
    pub limit: Option<u32>,
    #[serde(default)]
    pub subject: Option<String>,
}

impl Problem {
    pub fn new(field: &str, key: &str) -> Self {
        Problem {
            field: field.to_owned(),
            key: key.to_owned(),
            limit: None,
            subject: None,
        }
    }

    /// The problem, about the repeated part of the form named `subject`.
    pub fn about(self, subject: &str) -> Self {
        Problem {
            subject: Some(subject.to_owned()),
            ..self
        }
    }

    pub fn with_limit(field: &str, key: &str, limit: u32) -> Self {
        Problem {
            limit: Some(limit),
            ..Problem::new(field, key)
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        let message = match self.limit {
            Some(limit) => t_args(lang, &self.key, &[("limit", limit.into())]),
            None => t(lang, &self.key),
        };
        match &self.subject {
            Some(subject) => format!("{subject}: {message}"),
            None => message,
        }
    }
}

/// What another user changed in a record since it was loaded, to show instead of overwriting it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict {
    /// Who saved the record last, if known.
    pub saved_by: Option<String>,
    /// When, RFC 3339 in UTC.
    pub saved_at: Option<String>,
    /// Catalogue keys of the fields whose stored value differs from the one the user loaded.
    pub changed: Vec<String>,
}

impl Conflict {
    pub fn message(&self, lang: Lang) -> String {
        let fields = self
            .changed
            .iter()
            .map(|key| t(lang, key))
            .collect::<Vec<_>>()
            .join(", ");
        let who = self
            .saved_by
            .clone()
            .unwrap_or_else(|| t(lang, "conflict-someone"));
        let when = self
            .saved_at
            .as_deref()
            .map(|at| at.replace('T', " ").trim_end_matches('Z').to_owned())
            .unwrap_or_default();
        t_args(
            lang,
            "error-conflict-body",
            &[
                ("who", who.into()),
                ("when", when.into()),
                ("fields", fields.into()),
            ],
        )
    }
}

impl From<Problem> for AppError {
    fn from(problem: Problem) -> Self {
        AppError::Invalid(vec![problem])
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Unreachable(value.to_string())
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for AppError {
    fn from(error: sea_orm::DbErr) -> Self {
        tracing::error!(%error, "database error");
        AppError::Internal
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_error_has_a_status_and_a_message_in_both_languages() {
        for error in [
            AppError::Unauthenticated,
            AppError::InvalidCredentials,
            AppError::Forbidden,
            AppError::TooManyAttempts,
            AppError::Invalid(vec![Problem::with_limit(
                "password",
                "problem-password-too-short",
                12,
            )]),
            AppError::Conflict(Conflict {
                saved_by: Some("Ana".into()),
                saved_at: Some("2026-11-24T10:00:00Z".into()),
                changed: vec!["field-status".into()],
            }),
            AppError::NotFound,
            AppError::Internal,
            AppError::Unreachable("x".into()),
        ] {
            assert!(error.status().is_client_error() || error.status().is_server_error());
            for lang in Lang::ALL {
                assert!(
                    !error.message(lang).contains("error-"),
                    "{error:?} {lang:?}"
                );
            }
        }
        assert_eq!(AppError::NotFound.status(), StatusCode::NOT_FOUND);
        assert_eq!(AppError::NotFound.title(Lang::Es), "Página no encontrada");
        assert_eq!(AppError::Forbidden.status(), StatusCode::FORBIDDEN);
        assert_eq!(
            AppError::from(Problem::with_limit(
                "password",
                "problem-password-too-short",
                12
            ))
            .message(Lang::Es),
            "La contraseña debe tener al menos 12 caracteres."
        );
    }
}
