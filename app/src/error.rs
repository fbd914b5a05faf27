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
    /// 400: the request could not be read as the form it should be (a number out of range, a field
    /// missing or repeated, text that is not UTF-8); nothing was stored.
    #[error("unreadable request")]
    Unreadable,
    /// 413: the request is larger than Enlace reads; nothing was stored.
    #[error("request too large")]
    TooLarge,
    /// 422: the input breaks these rules; nothing was stored.
    #[error("invalid input: {0:?}")]
    Invalid(Vec<Problem>),
    /// 409: someone else saved the record since the user loaded it; nothing was overwritten.
    #[error("edit conflict: {0:?}")]
    Conflict(Conflict),
    /// 429: too many failed sign-ins for this account or from this address; the next attempt is
    /// heard after this many seconds.
    #[error("too many attempts")]
    TooManyAttempts { retry_after_seconds: u32 },
    /// 500: a database or other internal failure; the detail is in the server log only.
    #[error("internal error")]
    Internal,
    /// 503: the server cannot reach its database just now; nothing was stored.
    #[error("database unavailable")]
    Unavailable,
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
            AppError::Unreadable => StatusCode::BAD_REQUEST,
            AppError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::TooManyAttempts { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
            AppError::Unavailable | AppError::Unreachable(_) => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    /// The error in a word, for the counts of refusals (`/metrics`).
    pub fn reason(&self) -> &'static str {
        match self {
            AppError::Unauthenticated => "unauthenticated",
            AppError::InvalidCredentials => "invalid_credentials",
            AppError::Forbidden => "forbidden",
            AppError::NotFound => "not_found",
            AppError::Unreadable => "unreadable",
            AppError::TooLarge => "too_large",
            AppError::Invalid(_) => "invalid",
            AppError::Conflict(_) => "conflict",
            AppError::TooManyAttempts { .. } => "too_many_attempts",
            AppError::Internal => "internal",
            AppError::Unavailable => "unavailable",
            AppError::Unreachable(_) => "unreachable",
        }
    }

    /// After how many seconds the request is worth trying again (`Retry-After`), when that is known.
    pub fn retry_after_seconds(&self) -> Option<u32> {
        match self {
            AppError::TooManyAttempts {
                retry_after_seconds,
            } => Some(*retry_after_seconds),
            AppError::Unavailable => Some(UNAVAILABLE_RETRY_SECONDS),
            _ => None,
        }
    }

    pub fn title(&self, lang: Lang) -> String {
        match self {
            AppError::Unauthenticated => t(lang, "error-unauthenticated-title"),
            AppError::Forbidden => t(lang, "error-forbidden-title"),
            AppError::NotFound => t(lang, "error-not-found-title"),
            AppError::InvalidCredentials | AppError::TooManyAttempts { .. } => {
                t(lang, "error-sign-in-title")
            }
            AppError::Unreadable | AppError::TooLarge | AppError::Invalid(_) => {
                t(lang, "error-invalid-title")
            }
            AppError::Conflict(_) => t(lang, "error-conflict-title"),
            AppError::Internal | AppError::Unreachable(_) => t(lang, "error-internal-title"),
            AppError::Unavailable => t(lang, "error-database-unavailable-title"),
        }
    }

    /// What went wrong, in a sentence for the user. For `Invalid`, the problems one per line.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            AppError::Unauthenticated => t(lang, "error-unauthenticated-body"),
            AppError::InvalidCredentials => t(lang, "error-invalid-credentials"),
            AppError::Forbidden => t(lang, "error-forbidden-body"),
            AppError::TooManyAttempts {
                retry_after_seconds,
            } => {
                let minutes = retry_after_seconds.div_ceil(60).max(1);
                t_args(
                    lang,
                    "error-too-many-attempts",
                    &[("minutes", minutes.into())],
                )
            }
            AppError::Unreadable => t(lang, "error-unreadable-body"),
            AppError::TooLarge => t_args(
                lang,
                "error-too-large-body",
                &[("limit", (BODY_LIMIT_BYTES / (1024 * 1024)).into())],
            ),
            AppError::Invalid(problems) => problems
                .iter()
                .map(|problem| problem.message(lang))
                .collect::<Vec<_>>()
                .join("\n"),
            AppError::Conflict(conflict) => conflict.message(lang),
            AppError::NotFound => t(lang, "error-not-found-body"),
            AppError::Internal => t(lang, "error-internal-body"),
            AppError::Unreachable(_) => t(lang, "error-unavailable-body"),
            AppError::Unavailable => t(lang, "error-database-unavailable-body"),
        }
    }
}

/// The field of every form that names the form: the path of its server function, then, where a
/// page has several forms for one function, `#` and which one. A problem of this field is one of
/// the form as a whole.
pub const FORM_FIELD: &str = "_form";

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
    /// The values the explanation names (a code, a year), by the names the catalogue gives them.
    #[serde(default)]
    pub args: Vec<(String, Arg)>,
}

/// A value a problem's explanation names: a text as it is, or a catalogue key said in the reader's
/// language ("theme", "tema").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Arg {
    Text(String),
    Term(String),
    /// Another problem's explanation, said within this one.
    Rule(Box<Problem>),
}

impl Problem {
    pub fn new(field: &str, key: &str) -> Self {
        Problem {
            field: field.to_owned(),
            key: key.to_owned(),
            limit: None,
            subject: None,
            args: Vec::new(),
        }
    }

    /// A problem whose explanation names `args`.
    pub fn with_args(field: &str, key: &str, args: Vec<(&str, Arg)>) -> Self {
        Problem {
            args: args
                .into_iter()
                .map(|(name, value)| (name.to_owned(), value))
                .collect(),
            ..Problem::new(field, key)
        }
    }

    /// The problem, about the repeated part of the form named `subject` (a code: what a form sent
    /// is cut to `MOST_SUBJECT_CHARS`, so that an answer never repeats a huge input).
    pub fn about(self, subject: &str) -> Self {
        Problem {
            subject: Some(subject.chars().take(MOST_SUBJECT_CHARS).collect()),
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
            None if self.args.is_empty() => t(lang, &self.key),
            None => crate::i18n::t_named(
                lang,
                &self.key,
                self.args.iter().map(|(name, value)| {
                    let value = match value {
                        Arg::Text(text) => text.clone(),
                        Arg::Term(key) => t(lang, key),
                        Arg::Rule(problem) => problem.message(lang),
                    };
                    (name.as_str(), value)
                }),
            ),
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

/// The largest request body the server reads (file uploads read each field to its own limit).
pub const BODY_LIMIT_BYTES: usize = 2 * 1024 * 1024;

/// The largest file a form sends: it reaches its server function in base64, a third larger, within
/// `BODY_LIMIT_BYTES` with the form's other fields.
pub const FILE_LIMIT_BYTES: usize = 1400 * 1024;

/// The longest subject a problem names.
const MOST_SUBJECT_CHARS: usize = 40;

/// The most problems one answer lists: a form with thousands of bad rows is told the first of them.
const MOST_PROBLEMS: usize = 50;

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    /// On the server, arguments that cannot be read are the request's fault (400); in the browser,
    /// any failure of the framework means the server could not be reached or understood.
    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        #[cfg(feature = "ssr")]
        {
            match value {
                ServerFnErrorErr::Args(_)
                | ServerFnErrorErr::MissingArg(_)
                | ServerFnErrorErr::Deserialization(_) => {
                    let detail: String = value.to_string().chars().take(300).collect();
                    tracing::info!(%detail, "a request's arguments could not be read");
                    AppError::Unreadable
                }
                other => {
                    tracing::error!(error = %other, "server function failure");
                    AppError::Internal
                }
            }
        }
        #[cfg(not(feature = "ssr"))]
        {
            AppError::Unreachable(value.to_string())
        }
    }

    /// The error as the answer carries it, its problems without repeats and at most `MOST_PROBLEMS`.
    fn ser(&self) -> leptos::server_fn::Bytes {
        use leptos::server_fn::Encodes;
        let bounded = match self {
            AppError::Invalid(problems) => {
                let mut distinct: Vec<Problem> = Vec::new();
                for problem in problems {
                    if distinct.len() == MOST_PROBLEMS {
                        break;
                    }
                    if !distinct.contains(problem) {
                        distinct.push(problem.clone());
                    }
                }
                AppError::Invalid(distinct)
            }
            other => other.clone(),
        };
        JsonEncoding::encode(&bounded).unwrap_or_default()
    }
}

/// How long a browser is asked to wait before trying again while the database is away.
const UNAVAILABLE_RETRY_SECONDS: u32 = 5;

#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for AppError {
    fn from(error: sea_orm::DbErr) -> Self {
        if is_unreachable(&error) {
            tracing::warn!(%error, "database unreachable");
            AppError::Unavailable
        } else {
            tracing::error!(%error, "database error");
            AppError::Internal
        }
    }
}

/// Whether a database error is a unique constraint refusing a row another write stored first.
#[cfg(feature = "ssr")]
pub fn is_unique_violation(error: &sea_orm::DbErr) -> bool {
    matches!(
        error.sql_err(),
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
    )
}

/// Whether a database error says the database could not be reached (no connection to be had, or
/// the connection lost), rather than that the request went wrong.
#[cfg(feature = "ssr")]
pub fn is_unreachable(error: &sea_orm::DbErr) -> bool {
    use sea_orm::sqlx::Error as Sqlx;
    use sea_orm::{DbErr, RuntimeErr};
    match error {
        DbErr::ConnectionAcquire(_) => true,
        DbErr::Conn(RuntimeErr::SqlxError(error))
        | DbErr::Exec(RuntimeErr::SqlxError(error))
        | DbErr::Query(RuntimeErr::SqlxError(error)) => match error {
            Sqlx::Io(_) | Sqlx::PoolTimedOut | Sqlx::PoolClosed | Sqlx::WorkerCrashed => true,
            // PostgreSQL shutting down or restarting (57P01-57P03), a connection failure (class
            // 08), or no connection left (53300).
            Sqlx::Database(error) => error.code().is_some_and(|code| {
                code.starts_with("08") || matches!(&*code, "57P01" | "57P02" | "57P03" | "53300")
            }),
            _ => false,
        },
        _ => false,
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
            AppError::TooManyAttempts {
                retry_after_seconds: 90,
            },
            AppError::Unreadable,
            AppError::TooLarge,
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
            AppError::Unavailable,
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

    #[test]
    fn a_refused_sign_in_says_how_long_to_wait() {
        let wait = AppError::TooManyAttempts {
            retry_after_seconds: 61,
        };
        assert_eq!(wait.status(), StatusCode::TOO_MANY_REQUESTS);
        assert!(
            wait.message(Lang::En).contains("2 minutes"),
            "{}",
            wait.message(Lang::En)
        );
        assert!(
            wait.message(Lang::Es).contains("2 minutos"),
            "{}",
            wait.message(Lang::Es)
        );
        let soon = AppError::TooManyAttempts {
            retry_after_seconds: 1,
        };
        assert!(
            soon.message(Lang::En).contains("wait a minute"),
            "{}",
            soon.message(Lang::En)
        );
    }

    #[test]
    fn client_faults_are_client_errors() {
        assert_eq!(AppError::Unreadable.status(), StatusCode::BAD_REQUEST);
        assert_eq!(AppError::TooLarge.status(), StatusCode::PAYLOAD_TOO_LARGE);
        assert!(AppError::TooLarge.message(Lang::Es).contains("2 MB"));
        #[cfg(feature = "ssr")]
        for unreadable in [
            ServerFnErrorErr::Args("invalid digit found in string".into()),
            ServerFnErrorErr::MissingArg("update".into()),
            ServerFnErrorErr::Deserialization("invalid utf-8".into()),
        ] {
            assert_eq!(
                AppError::from_server_fn_error(unreadable),
                AppError::Unreadable
            );
        }
    }

    #[test]
    fn an_answer_lists_each_problem_once_and_not_thousands() {
        let problem = Problem::new("milestones", "problem-date-invalid");
        let many =
            AppError::Invalid(
                std::iter::repeat_n(problem.clone(), 900)
                    .chain((0..900).map(|n| {
                        Problem::new("values", "problem-value-missing").about(&n.to_string())
                    }))
                    .collect(),
            );
        let sent = many.ser();
        assert!(sent.len() < 8 * 1024, "{} bytes", sent.len());
        let AppError::Invalid(problems) = serde_json::from_slice(&sent).unwrap() else {
            panic!("still a list of problems");
        };
        assert_eq!(problems.len(), MOST_PROBLEMS);
        assert_eq!(problems[0], problem);
        assert_ne!(problems[1], problem, "repeats are left out");
    }
}
