//! A copy of the whole database in one file that Enlace writes and reads, the same on SQLite and on
//! PostgreSQL (so that a backup of one restores into the other): gzip-compressed JSON lines, first a
//! header with the format and the migrations the schema stood at, then every row of every table,
//! files included. The rows are read in one transaction, so that the copy is consistent while
//! servers keep writing; a restore writes them all in one transaction, or nothing.

use std::io::{BufRead, Write};

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr,
    EntityName, EntityTrait, IntoActiveModel, Iterable, PaginatorTrait, PrimaryKeyToColumn,
    PrimaryKeyTrait, QueryOrder, Statement, TransactionTrait,
};
use serde::{de::DeserializeOwned, Deserialize, Serialize};

use migrations::{Migrator, MigratorTrait};

use crate::audit::service::{self as audit, Actor};
use crate::bootstrap::StartupError;
use crate::db::entities::*;

/// The version of the file format; a restore refuses any other.
pub const FORMAT: u32 = 1;

/// How many rows are read, or written, at a time.
const BATCH: u64 = 200;

/// How many rows of a table holding files are read at a time: a file may be 10 MB.
const FILES_BATCH: u64 = 4;

/// How many bytes of a backup are written to the database at a time, at most (a row larger than
/// this goes alone).
const BATCH_BYTES: usize = 16 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{0}")]
    File(#[from] std::io::Error),
    #[error("this is not an Enlace backup (line {line}: {reason})")]
    NotABackup { line: usize, reason: String },
    #[error("this backup is in format {0}, which this release does not read")]
    Format(u32),
    #[error(
        "this backup was written by a release whose schema stands at {backup}, and this release's \
         at {release}: restore it with the release that wrote it (then start this release to \
         upgrade)"
    )]
    Schema { backup: String, release: String },
    #[error(
        "the database already holds a plan or accounts: restore into an empty database, or give \
         --replace to discard what it holds"
    )]
    HoldsData,
    #[error("{0}")]
    Startup(#[from] StartupError),
    #[error("database error: {0}")]
    Database(#[from] DbErr),
}

/// What a backup or restore copied.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Copied {
    pub tables: usize,
    pub rows: u64,
}

#[derive(Serialize, Deserialize)]
struct Header {
    enlace_backup: u32,
    written_at: DateTime<Utc>,
    /// The migrations applied to the database the backup was written from, in order.
    migrations: Vec<String>,
}

#[derive(Serialize, Deserialize)]
struct Row<T> {
    table: String,
    row: T,
}

/// Calls `$each!(entity_module)` for every table, parents before the tables that refer to them.
macro_rules! every_table {
    ($each:ident) => {
        $each!(country);
        $each!(protocol_article);
        $each!(indicator);
        $each!(legislation_provision);
        $each!(plan);
        $each!(theme);
        $each!(objective);
        $each!(action);
        $each!(action_article);
        $each!(action_country);
        $each!(milestone);
        $each!(app_user);
        $each!(plan_revision);
        $each!(network_contact);
        $each!(country_action);
        $each!(milestone_progress);
        $each!(status_event);
        $each!(indicator_value);
        $each!(indicator_target);
        $each!(reporting_round);
        $each!(submission);
        $each!(audit_entry);
        $each!(instance_setting);
        $each!(session);
        $each!(sign_in_attempt);
        $each!(update_comment);
        $each!(attachment);
        $each!(reminder);
        $each!(generated_report);
        $each!(pending_import);
        $each!(api_token);
        $each!(legislation_entry);
        $each!(legislation_instrument);
        $each!(legislation_version);
        $each!(legislation_comment);
        $each!(digest);
    };
}

/// The tables a backup holds, in the order it writes them.
pub fn tables() -> Vec<String> {
    let mut names = Vec::new();
    macro_rules! name {
        ($table:ident) => {
            names.push($table::Entity.table_name().to_owned());
        };
    }
    every_table!(name);
    names
}

/// Writes every row of the database to `out`, as it stood at one moment.
pub async fn write(db: &DatabaseConnection, out: impl Write) -> Result<Copied, BackupError> {
    let txn = crate::db::read_at_once(db).await?;
    let mut out = flate2::write::GzEncoder::new(out, flate2::Compression::default());
    let header = Header {
        enlace_backup: FORMAT,
        written_at: Utc::now(),
        migrations: applied_migrations(&txn).await?,
    };
    write_line(&mut out, &header)?;
    let mut copied = Copied::default();
    macro_rules! copy {
        ($table:ident) => {
            copied.rows += write_table::<$table::Entity>(&txn, &mut out).await?;
            copied.tables += 1;
        };
    }
    every_table!(copy);
    out.finish()?.flush()?;
    txn.rollback().await?;
    Ok(copied)
}

/// Replaces everything the database holds (which must be nothing, unless `replace`) with the rows
/// of the backup read from `input`. The schema is brought to this release's first, and must be the
/// backup's.
pub async fn restore(
    db: &DatabaseConnection,
    input: impl BufRead,
    replace: bool,
) -> Result<Copied, BackupError> {
    let mut lines = std::io::BufReader::new(flate2::bufread::GzDecoder::new(input)).lines();
    let header: Header = read_line(lines.next(), 1)?.ok_or(BackupError::NotABackup {
        line: 1,
        reason: "the file is empty".to_owned(),
    })?;
    if header.enlace_backup != FORMAT {
        return Err(BackupError::Format(header.enlace_backup));
    }
    // Refused before anything is touched: the database is not even migrated.
    let this_release: Vec<String> = Migrator::migrations()
        .iter()
        .map(|migration| migration.name().to_owned())
        .collect();
    if this_release != header.migrations {
        return Err(BackupError::Schema {
            backup: header.migrations.last().cloned().unwrap_or_default(),
            release: this_release.last().cloned().unwrap_or_default(),
        });
    }
    // A database without the tables yet holds nothing.
    let holds_data = plan::Entity::find().count(db).await.unwrap_or(0) > 0
        || app_user::Entity::find().count(db).await.unwrap_or(0) > 0;
    if holds_data && !replace {
        return Err(BackupError::HoldsData);
    }
    crate::bootstrap::migrate(db).await?;
    let txn = db.begin().await?;
    empty_every_table(&txn).await?;

    let mut copied = Copied {
        tables: tables().len(),
        rows: 0,
    };
    let mut batch: Vec<serde_json::Value> = Vec::new();
    let mut batch_bytes = 0;
    let mut batch_table = String::new();
    let mut number = 1;
    loop {
        number += 1;
        let line = lines.next();
        let bytes = line
            .as_ref()
            .and_then(|line| line.as_ref().ok())
            .map_or(0, String::len);
        let row: Option<Row<serde_json::Value>> = read_line(line, number)?;
        let table = row.as_ref().map(|row| row.table.as_str());
        if table != Some(batch_table.as_str())
            || batch.len() as u64 >= BATCH
            || batch_bytes + bytes > BATCH_BYTES
        {
            copied.rows +=
                insert_batch(&txn, &batch_table, std::mem::take(&mut batch), number).await?;
            batch_bytes = 0;
        }
        let Some(row) = row else { break };
        batch_table = row.table;
        batch_bytes += bytes;
        batch.push(row.row);
    }
    continue_numbering(&txn).await?;
    audit::record(
        &txn,
        Actor::System,
        Utc::now(),
        audit::Change {
            entity: "database",
            entity_id: String::new(),
            operation: "restore",
            country_id: None,
            before: None,
            after: Some(serde_json::json!({
                "written_at": header.written_at,
                "tables": copied.tables,
                "rows": copied.rows,
            })),
        },
    )
    .await?;
    crate::live::commit(txn, crate::live::Change::Anything).await?;
    Ok(copied)
}

/// The names of the migrations applied, in order.
async fn applied_migrations(db: &impl ConnectionTrait) -> Result<Vec<String>, DbErr> {
    let rows = db
        .query_all(Statement::from_string(
            db.get_database_backend(),
            "SELECT version FROM seaql_migrations ORDER BY version",
        ))
        .await?;
    rows.iter()
        .map(|row| row.try_get::<String>("", "version"))
        .collect()
}

async fn write_table<E>(txn: &DatabaseTransaction, out: &mut impl Write) -> Result<u64, BackupError>
where
    E: EntityTrait,
    E::Model: Serialize + Sync,
{
    let table = E::default().table_name().to_owned();
    let mut query = E::find();
    for key in E::PrimaryKey::iter() {
        query = query.order_by_asc(key.into_column());
    }
    let holds_files = [
        attachment::Entity.table_name(),
        generated_report::Entity.table_name(),
    ]
    .contains(&table.as_str());
    let mut pages = query.paginate(txn, if holds_files { FILES_BATCH } else { BATCH });
    let mut rows = 0;
    while let Some(page) = pages.fetch_and_next().await? {
        for row in page {
            write_line(
                out,
                &Row {
                    table: table.clone(),
                    row,
                },
            )?;
            rows += 1;
        }
    }
    Ok(rows)
}

/// Inserts rows of the table named `table`, read from the backup up to line `line`.
async fn insert_batch(
    txn: &DatabaseTransaction,
    table: &str,
    rows: Vec<serde_json::Value>,
    line: usize,
) -> Result<u64, BackupError> {
    if rows.is_empty() {
        return Ok(0);
    }
    macro_rules! insert_into {
        ($table:ident) => {
            if table == $table::Entity.table_name() {
                return insert_rows::<$table::Entity, $table::ActiveModel>(txn, rows, line).await;
            }
        };
    }
    every_table!(insert_into);
    Err(BackupError::NotABackup {
        line,
        reason: format!("no table is called '{table}'"),
    })
}

async fn insert_rows<E, A>(
    txn: &DatabaseTransaction,
    rows: Vec<serde_json::Value>,
    line: usize,
) -> Result<u64, BackupError>
where
    E: EntityTrait,
    E::Model: DeserializeOwned + IntoActiveModel<A>,
    A: ActiveModelTrait<Entity = E> + Send,
{
    let count = rows.len() as u64;
    let models = rows
        .into_iter()
        .map(|row| {
            serde_json::from_value::<E::Model>(row)
                .map(IntoActiveModel::into_active_model)
                .map_err(|error| BackupError::NotABackup {
                    line,
                    reason: error.to_string(),
                })
        })
        .collect::<Result<Vec<A>, _>>()?;
    E::insert_many(models).exec_without_returning(txn).await?;
    Ok(count)
}

/// Deletes every row, children before their parents.
async fn empty_every_table(txn: &DatabaseTransaction) -> Result<(), DbErr> {
    let mut deletions: Vec<Statement> = Vec::new();
    macro_rules! delete_all {
        ($table:ident) => {
            deletions.push(
                txn.get_database_backend().build(
                    &sea_orm::sea_query::Query::delete()
                        .from_table($table::Entity)
                        .to_owned(),
                ),
            );
        };
    }
    every_table!(delete_all);
    for deletion in deletions.into_iter().rev() {
        txn.execute(deletion).await?;
    }
    Ok(())
}

/// On PostgreSQL, makes each table's numbering go on after the highest number restored (rows were
/// written with their own). SQLite goes on from the highest by itself.
async fn continue_numbering(txn: &DatabaseTransaction) -> Result<(), DbErr> {
    if txn.get_database_backend() != DbBackend::Postgres {
        return Ok(());
    }
    let mut numbered = Vec::new();
    macro_rules! numbered {
        ($table:ident) => {
            if <$table::PrimaryKey as PrimaryKeyTrait>::auto_increment() {
                numbered.push($table::Entity.table_name());
            }
        };
    }
    every_table!(numbered);
    for table in numbered {
        txn.execute(Statement::from_string(
            DbBackend::Postgres,
            format!(
                "SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), \
                 COALESCE((SELECT MAX(id) FROM \"{table}\"), 1), \
                 (SELECT MAX(id) FROM \"{table}\") IS NOT NULL)"
            ),
        ))
        .await?;
    }
    Ok(())
}

fn write_line(out: &mut impl Write, value: &impl Serialize) -> Result<(), BackupError> {
    serde_json::to_writer(&mut *out, value).map_err(std::io::Error::from)?;
    out.write_all(b"\n")?;
    Ok(())
}

/// The line numbered `number` read as a `T`; `None` at the end of the file.
fn read_line<T: DeserializeOwned>(
    line: Option<std::io::Result<String>>,
    number: usize,
) -> Result<Option<T>, BackupError> {
    let not_a_backup = |reason: String| BackupError::NotABackup {
        line: number,
        reason,
    };
    match line {
        None => Ok(None),
        Some(Err(error)) if error.kind() == std::io::ErrorKind::InvalidInput => {
            Err(not_a_backup("not a gzip file".to_owned()))
        }
        Some(Err(error)) => Err(not_a_backup(error.to_string())),
        Some(Ok(text)) => serde_json::from_str(&text)
            .map(Some)
            .map_err(|error| not_a_backup(error.to_string())),
    }
}
