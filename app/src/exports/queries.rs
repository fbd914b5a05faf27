//! The tables a page shows, read with the page's filters as a `Table` to download. Each table
//! asks the same permission as its page.

use std::collections::HashMap;

use sea_orm::DatabaseConnection;

use super::types::{Cell, Table};
use crate::access::{Permission, Viewer};
use crate::audit::types::AuditFilter;
use crate::error::AppError;
use crate::i18n::{t, Lang};

/// The tables that download, by the name their address gives them.
pub const TABLES: [&str; 2] = ["matrix", "audit"];

/// The table `name` as `viewer` may read it, with the filters of its page's address (`query`), in
/// `lang`; `NotFound` for a name that is not a table.
pub async fn table(
    db: &DatabaseConnection,
    viewer: &Viewer,
    name: &str,
    query: &HashMap<String, String>,
    lang: Lang,
) -> Result<Table, AppError> {
    let filter = |key: &str| query.get(key).cloned().filter(|v| !v.trim().is_empty());
    let today = chrono::Utc::now().date_naive();
    match name {
        "matrix" => {
            require(viewer, Permission::Read)?;
            let matrix =
                crate::matrix::queries::matrix(db, filter("theme"), filter("group")).await?;
            Ok(matrix_table(&matrix, lang, today))
        }
        "audit" => {
            require(viewer, Permission::ReadAudit)?;
            let audit_filter = AuditFilter {
                user: filter("user").and_then(|u| u.trim().parse().ok()),
                country: filter("country"),
                entity: filter("entity"),
                from: filter("from"),
                to: filter("to"),
                page: None,
            };
            let rows = crate::audit::queries::audit_entries(db, &audit_filter).await?;
            Ok(audit_table(&rows, lang, today))
        }
        _ => Err(AppError::NotFound),
    }
}

fn require(viewer: &Viewer, permission: Permission) -> Result<(), AppError> {
    if viewer.may(permission) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// The matrix: a row per action, a column per country with its status (and "Delayed").
fn matrix_table(
    matrix: &crate::matrix::types::Matrix,
    lang: Lang,
    today: chrono::NaiveDate,
) -> Table {
    let mut headers = vec![
        t(lang, "action-theme-label"),
        t(lang, "col-code"),
        t(lang, "export-col-action"),
    ];
    headers.extend(
        matrix
            .countries
            .iter()
            .map(|(_, name)| name.get(lang).to_owned()),
    );
    let rows = matrix
        .rows
        .iter()
        .map(|row| {
            let mut cells: Vec<Cell> = vec![
                row.theme_code.clone().into(),
                row.code.clone().into(),
                row.title.get(lang).into(),
            ];
            cells.extend(row.cells.iter().map(|cell| {
                let status = cell.status.map(|s| t(lang, s.label_key()));
                match (status, cell.delayed) {
                    (Some(status), true) => {
                        format!("{status} · {}", t(lang, "status-delayed")).into()
                    }
                    (Some(status), false) => status.into(),
                    (None, true) => t(lang, "status-delayed").into(),
                    (None, false) => Cell::Empty,
                }
            }));
            cells
        })
        .collect();
    Table {
        file_stem: format!("matrix-{today}"),
        title: t(lang, "matrix-title"),
        headers,
        rows,
    }
}

/// The audit trail: a row per entry, newest first, with the values before and after.
fn audit_table(
    rows: &[crate::audit::types::AuditRow],
    lang: Lang,
    today: chrono::NaiveDate,
) -> Table {
    let headers = [
        "audit-col-when",
        "audit-col-who",
        "audit-filter-entity",
        "export-col-record",
        "export-col-operation",
        "export-col-country",
        "audit-before",
        "audit-after",
    ]
    .iter()
    .map(|key| t(lang, key))
    .collect();
    let text = |value: &Option<String>| value.clone().map_or(Cell::Empty, Cell::Text);
    Table {
        file_stem: format!("audit-{today}"),
        title: t(lang, "audit-title"),
        headers,
        rows: rows
            .iter()
            .map(|row| {
                vec![
                    row.occurred_at.clone().into(),
                    row.actor
                        .clone()
                        .unwrap_or_else(|| t(lang, "audit-system"))
                        .into(),
                    row.entity.clone().into(),
                    row.entity_id.clone().into(),
                    row.operation.clone().into(),
                    text(&row.country),
                    text(&row.before),
                    text(&row.after),
                ]
            })
            .collect(),
    }
}
