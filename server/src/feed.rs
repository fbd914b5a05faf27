//! The server's change feed (`app::live`). On SQLite it is this process's own. On PostgreSQL the
//! server listens on the database's change channel, where every server's writes are announced, and
//! publishes what it hears on its own feed, for its memories and its event streams.
//!
//! A listening connection can die without closing (a firewall or load balancer dropping it while
//! idle), so every server also sends a heartbeat on the channel every `HEARTBEAT_EVERY`: a listener
//! that hears nothing at all for `SILENCE_LIMIT` takes its connection for dead. Whenever the server
//! was not listening, whatever was announced meanwhile is lost: once it listens again (as soon as
//! the database answers) it publishes `Change::Anything`, and everything is read again. The
//! listener needs a direct connection (or PgBouncer in session mode): in transaction mode
//! notifications do not arrive.

use std::sync::Arc;
use std::time::Duration;

use sea_orm::sqlx::postgres::{PgListener, PgPoolOptions};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};

use app::live::{self, ChangeFeed, SharedFeed};

/// How long to wait before listening again after the database did not answer.
const RETRY_AFTER: Duration = Duration::from_millis(500);

/// How often each server says on the channel that it is there.
const HEARTBEAT_EVERY: Duration = Duration::from_secs(10);

/// How long a listener may hear nothing, not even a heartbeat, before it listens anew.
const SILENCE_LIMIT: Duration = Duration::from_secs(25);

/// What a heartbeat carries: not a change.
const HEARTBEAT: &str = "heartbeat";

/// The change feed of a server on `db`, listening across servers on PostgreSQL. Must be called
/// within the Tokio runtime that serves.
pub fn change_feed(db: &DatabaseConnection) -> SharedFeed {
    if db.get_database_backend() != DbBackend::Postgres {
        return live::this_process();
    }
    let feed = SharedFeed::default();
    // A connection of its own, outside the pool requests use, held for as long as it lives.
    let options = db.get_postgres_connection_pool().connect_options();
    let connection = PgPoolOptions::new()
        .max_connections(1)
        .min_connections(0)
        .max_lifetime(None)
        .idle_timeout(None)
        .acquire_timeout(Duration::from_secs(5))
        .connect_lazy_with((*options).clone());
    tokio::spawn(listen(connection, Arc::clone(&feed)));
    tokio::spawn(beat(db.clone()));
    feed
}

/// Sends a heartbeat on the channel every `HEARTBEAT_EVERY`, for every server's listener.
async fn beat(db: DatabaseConnection) {
    let heartbeat = Statement::from_sql_and_values(
        DbBackend::Postgres,
        "SELECT pg_notify($1, $2)",
        [live::CHANNEL.into(), HEARTBEAT.into()],
    );
    loop {
        tokio::time::sleep(HEARTBEAT_EVERY).await;
        // While the database is away there is nobody to tell; the listeners find out themselves.
        // Bounded, so that a connection that died without closing cannot stop the heartbeats.
        let _ = tokio::time::timeout(HEARTBEAT_EVERY, db.query_one(heartbeat.clone())).await;
    }
}

async fn listen(connection: sea_orm::sqlx::PgPool, feed: Arc<ChangeFeed>) {
    // Said once until listening works again: the database may stay away for a while.
    let mut said = false;
    loop {
        match listen_until_lost(&connection, &feed, &mut said).await {
            Ok(()) => tracing::warn!("change feed: the connection was lost; listening again"),
            Err(error) if !said => {
                tracing::warn!(%error, "change feed: cannot listen; trying again");
                said = true;
            }
            Err(error) => tracing::debug!(%error, "change feed: cannot listen yet"),
        }
        tokio::time::sleep(RETRY_AFTER).await;
    }
}

/// Listens until the connection is lost or falls silent (`Ok`), or cannot be made (`Err`).
async fn listen_until_lost(
    connection: &sea_orm::sqlx::PgPool,
    feed: &ChangeFeed,
    said: &mut bool,
) -> Result<(), sea_orm::sqlx::Error> {
    let mut listener = PgListener::connect_with(connection).await?;
    // A lost connection is reported, not silently replaced: announcements may have been missed.
    listener.eager_reconnect(false);
    listener.listen(live::CHANNEL).await?;
    tracing::info!(channel = live::CHANNEL, "change feed: listening");
    *said = false;
    // What was announced before now (while starting, or while the connection was down) was not
    // heard: everything read before is read again.
    feed.listening_again();
    // The listener is dropped, connection and all, when it falls silent: it is not read again.
    while let Ok(heard) = tokio::time::timeout(SILENCE_LIMIT, listener.try_recv()).await {
        let Some(notification) = heard? else {
            return Ok(());
        };
        if notification.payload() != HEARTBEAT {
            feed.publish_heard(live::read_announcement(notification.payload()));
        }
    }
    tracing::warn!("change feed: nothing heard for {SILENCE_LIMIT:?}, not even a heartbeat");
    Ok(())
}
