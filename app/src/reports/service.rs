//! Every report generated is kept: its bytes, who generated it and when, and their SHA-256, so that
//! the file sent to the Conference can be downloaded again, and checked, later.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, DatabaseConnection, TransactionTrait};
use sha2::{Digest, Sha256};

use super::types::ReportFormat;
use crate::access::Viewer;
use crate::audit::service::{self as audit, Actor, Change};
use crate::db::entities::generated_report;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::plan::queries::plan_by_code;

/// What is kept of one generation.
pub struct Generated {
    pub plan_code: String,
    pub year: i32,
    pub language: Lang,
    pub format: ReportFormat,
    pub content: Vec<u8>,
}

impl Generated {
    pub fn file_name(&self) -> String {
        format!(
            "enlace-report-{}-{}.{}",
            self.year,
            self.language.code(),
            self.format.code()
        )
    }
}

/// Keeps `generated`, made by `viewer` at `now`, with one audit entry; returns its id.
pub async fn keep(
    db: &DatabaseConnection,
    viewer: &Viewer,
    generated: Generated,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    // Each kept file is stored for good: producing them is the secretariat's act.
    if !viewer.may(crate::access::Permission::Coordinate) {
        return Err(AppError::Forbidden);
    }
    let plan = plan_by_code(db, &generated.plan_code)
        .await?
        .ok_or(AppError::NotFound)?;
    let sha256 = hex::encode(Sha256::digest(&generated.content));
    let file_name = generated.file_name();
    let size = generated.content.len() as i64;
    let txn = db.begin().await?;
    let kept = generated_report::ActiveModel {
        plan_id: Set(plan.id),
        year: Set(generated.year),
        language: Set(generated.language.code().to_owned()),
        format: Set(generated.format.code().to_owned()),
        file_name: Set(file_name.clone()),
        size_bytes: Set(size),
        sha256: Set(sha256.clone()),
        content: Set(generated.content),
        generated_by: Set(viewer.user_id),
        generated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        Actor::User(viewer.user_id),
        now,
        Change {
            entity: "generated_report",
            entity_id: kept.id.to_string(),
            operation: "generate",
            country_id: None,
            before: None,
            after: Some(serde_json::json!({
                "plan": plan.code,
                "year": generated.year,
                "language": generated.language.code(),
                "format": generated.format.code(),
                "file_name": file_name,
                "size_bytes": size,
                "sha256": sha256,
            })),
        },
    )
    .await?;
    crate::live::commit(txn, crate::live::Change::Elsewhere).await?;
    Ok(kept.id)
}
