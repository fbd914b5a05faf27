//! The one application error of the server side: every server function returns it, it maps once to an
//! HTTP status and once to a translated message. Database and other internal details are logged on the
//! server and never reach the browser.

use http::StatusCode;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

use crate::i18n::{t, Lang};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// 404: no record has that code.
    #[error("not found")]
    NotFound,
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
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
            AppError::Unreachable(_) => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    pub fn title(&self, lang: Lang) -> String {
        match self {
            AppError::NotFound => t(lang, "error-not-found-title"),
            AppError::Internal | AppError::Unreachable(_) => t(lang, "error-internal-title"),
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match self {
            AppError::NotFound => t(lang, "error-not-found-body"),
            AppError::Internal => t(lang, "error-internal-body"),
            AppError::Unreachable(_) => t(lang, "error-unavailable-body"),
        }
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
    }
}
