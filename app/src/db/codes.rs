//! Stored codes of closed vocabularies (statuses, roles, states) read back into their types.

use crate::error::AppError;

/// Reads a stored code of a closed vocabulary; an unknown code is a data fault, logged and hidden.
pub fn decode<T>(code: &str, from_code: fn(&str) -> Option<T>, what: &str) -> Result<T, AppError> {
    from_code(code).ok_or_else(|| {
        tracing::error!(code, what, "unknown code stored in the database");
        AppError::Internal
    })
}
