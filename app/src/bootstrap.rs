//! Bringing a database to a usable state at start: schema migrations (with the reference data), the
//! RCM plan when no plan is loaded yet, and on request the demonstration data, each step idempotent so
//! that every start may run them all.

use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseBackend, DatabaseConnection, DatabaseTransaction, DbErr,
    EntityTrait, PaginatorTrait, QueryFilter, Statement, TransactionTrait,
};

use migrations::{reference, Migrator, MigratorTrait};

use crate::accounts::service::create_demo_accounts;
use crate::db::{entities::plan, settings};
use crate::demo::{self, DemoSummary};
use crate::error::AppError;
use crate::plan::service::{self, LoadedPlan, PlanLoadError};

#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error("the database schema could not be brought up to date: {0}")]
    Migration(DbErr),
    #[error("the built-in plan could not be loaded: {0}")]
    Plan(#[from] PlanLoadError),
    #[error("the demonstration data could not be generated: {0}")]
    Demo(DbErr),
    #[error("the demonstration accounts could not be created: {0}")]
    DemoAccounts(AppError),
    #[error("database error: {0}")]
    Database(#[from] DbErr),
}

/// What a start did to the database.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Prepared {
    pub loaded_plan: Option<LoadedPlan>,
    pub demo: Option<DemoSummary>,
    /// The database holds demonstration data (loaded now or at an earlier start).
    pub is_demo: bool,
}

/// Migrates the schema, loads the built-in plan into a database without plans and, when `want_demo`,
/// generates the demonstration data into a database that has no reported data yet. On PostgreSQL,
/// servers started at once take turns: the first prepares the database, the others find it done.
pub async fn prepare(db: &DatabaseConnection, want_demo: bool) -> Result<Prepared, StartupError> {
    let turn = StartTurn::wait(db).await?;
    let prepared = prepare_in_turn(db, want_demo).await?;
    turn.end().await?;
    Ok(prepared)
}

/// One server's turn at preparing a PostgreSQL database: a transaction holding an advisory lock,
/// which PostgreSQL releases when the transaction ends, or when the server dies with it open. Two
/// servers preparing at once would both create the same tables or load the same plan, and one would
/// fail. SQLite serves one server: no turn is needed.
struct StartTurn(Option<DatabaseTransaction>);

/// The advisory lock's key: "ENLACE" in ASCII, so that it is recognisable in `pg_locks`.
const START_LOCK_KEY: i64 = 0x454E_4C41_4345;

impl StartTurn {
    async fn wait(db: &DatabaseConnection) -> Result<Self, DbErr> {
        if db.get_database_backend() != DatabaseBackend::Postgres {
            return Ok(StartTurn(None));
        }
        let turn = db.begin().await?;
        turn.query_one(Statement::from_sql_and_values(
            DatabaseBackend::Postgres,
            "SELECT pg_advisory_xact_lock($1)",
            [START_LOCK_KEY.into()],
        ))
        .await?;
        Ok(StartTurn(Some(turn)))
    }

    async fn end(self) -> Result<(), DbErr> {
        match self.0 {
            Some(turn) => turn.commit().await,
            None => Ok(()),
        }
    }
}

/// Brings the schema up to date, in turn as `prepare` does, and loads nothing: for a restore.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), StartupError> {
    let turn = StartTurn::wait(db).await?;
    Migrator::up(db, None)
        .await
        .map_err(StartupError::Migration)?;
    turn.end().await?;
    Ok(())
}

async fn prepare_in_turn(
    db: &DatabaseConnection,
    want_demo: bool,
) -> Result<Prepared, StartupError> {
    Migrator::up(db, None)
        .await
        .map_err(StartupError::Migration)?;
    let mut prepared = Prepared::default();

    if plan::Entity::find().count(db).await? == 0 {
        let loaded =
            service::load_plan_text(db, reference::DEFAULT_PLAN_FILE, reference::DEFAULT_PLAN)
                .await?;
        tracing::info!(plan = %loaded.code, actions = loaded.actions, "loaded the built-in plan");
        prepared.loaded_plan = Some(loaded);
    }

    let already_demo = settings::get(db, settings::DEMO_DATA).await?.is_some();
    if want_demo && !already_demo {
        if demo::has_reported_data(db).await? {
            tracing::warn!("ENLACE_DEMO is set but this database already holds reported data: demo data not loaded");
        } else if let Some(plan_id) = demo_plan_id(db).await? {
            let summary = demo::load(db, plan_id).await.map_err(StartupError::Demo)?;
            tracing::info!(?summary, "generated the demonstration data");
            let accounts = create_demo_accounts(db, chrono::Utc::now())
                .await
                .map_err(StartupError::DemoAccounts)?;
            tracing::info!(accounts, "created the demonstration accounts");
            prepared.demo = Some(summary);
        }
    }
    prepared.is_demo = already_demo || prepared.demo.is_some();
    Ok(prepared)
}

async fn demo_plan_id(db: &DatabaseConnection) -> Result<Option<i32>, DbErr> {
    Ok(plan::Entity::find()
        .filter(plan::Column::Code.eq(reference::DEFAULT_PLAN_CODE))
        .one(db)
        .await?
        .map(|plan| plan.id))
}
