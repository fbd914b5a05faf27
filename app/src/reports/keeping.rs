//! Every report generated is kept: its bytes, who generated it and when, and their SHA-256, so that
//! the file sent to the Conference can be downloaded again, and checked, later.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait,
    FromQueryResult, QueryFilter, QueryOrder, QuerySelect, TransactionTrait,
};
use sha2::{Digest, Sha256};

use super::{KeptReport, ReportFormat};
use crate::access::Viewer;
use crate::audit::trail::{self, Actor, Change};
use crate::db::entities::{app_user, generated_report};
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
    trail::record(
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
    txn.commit().await?;
    Ok(kept.id)
}

/// A kept report without its bytes.
#[derive(FromQueryResult)]
struct KeptRow {
    id: i32,
    year: i32,
    language: String,
    format: String,
    size_bytes: i64,
    sha256: String,
    generated_by: i32,
    generated_at: DateTime<Utc>,
}

/// The reports kept for the plan `plan_code`, newest first, without their bytes.
pub async fn kept(db: &DatabaseConnection, plan_code: &str) -> Result<Vec<KeptReport>, AppError> {
    let Some(plan) = plan_by_code(db, plan_code).await? else {
        return Ok(Vec::new());
    };
    let rows: Vec<KeptRow> = generated_report::Entity::find()
        .select_only()
        .columns([
            generated_report::Column::Id,
            generated_report::Column::Year,
            generated_report::Column::Language,
            generated_report::Column::Format,
            generated_report::Column::SizeBytes,
            generated_report::Column::Sha256,
            generated_report::Column::GeneratedBy,
            generated_report::Column::GeneratedAt,
        ])
        .filter(generated_report::Column::PlanId.eq(plan.id))
        .order_by_desc(generated_report::Column::GeneratedAt)
        .order_by_desc(generated_report::Column::Id)
        .into_model::<KeptRow>()
        .all(db)
        .await?;
    let users: std::collections::HashMap<i32, String> = app_user::Entity::find()
        .filter(app_user::Column::Id.is_in(rows.iter().map(|row| row.generated_by)))
        .all(db)
        .await?
        .into_iter()
        .map(|user| (user.id, user.name))
        .collect();
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            Some(KeptReport {
                id: row.id,
                year: row.year,
                language: Lang::from_tag(&row.language)?,
                format: ReportFormat::from_code(&row.format)?,
                size_bytes: row.size_bytes,
                sha256: row.sha256,
                generated_by: users.get(&row.generated_by).cloned().unwrap_or_default(),
                generated_at: row.generated_at.to_rfc3339(),
            })
        })
        .collect())
}

/// A kept report's file name, content type and bytes.
pub async fn kept_file(
    db: &DatabaseConnection,
    id: i32,
) -> Result<(String, &'static str, Vec<u8>), AppError> {
    let kept = generated_report::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let format = ReportFormat::from_code(&kept.format).ok_or(AppError::Internal)?;
    Ok((kept.file_name, format.content_type(), kept.content))
}
