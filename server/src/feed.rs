//! The server's change feed (`app::live`). On SQLite it is this process's own. On PostgreSQL the
//! server listens on the database's change channel, where every server's writes are announced, and
//! publishes what it hears on its own feed, for its memories and its event streams. If the
//! listening connection drops, whatever was announced meanwhile is lost: once the server listens
//! again (as soon as the database answers) it publishes `Change::Anything`, and everything is read
//! again.

use std::sync::Arc;
use std::time::Duration;

use sea_orm::sqlx::postgres::{PgListener, PgPoolOptions};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend};

use app::live::{self, Change, ChangeFeed, SharedFeed};

/// How long to wait before listening again after the database did not answer.
const RETRY_AFTER: Duration = Duration::from_millis(500);

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
    feed
}

async fn listen(connection: sea_orm::sqlx::PgPool, feed: Arc<ChangeFeed>) {
    loop {
        match listen_until_lost(&connection, &feed).await {
            Ok(()) => tracing::warn!("change feed: the connection to the database was lost"),
            // Said once when the connection is lost; the database may stay away for a while.
            Err(error) => tracing::debug!(%error, "change feed: the database does not answer"),
        }
        tokio::time::sleep(RETRY_AFTER).await;
    }
}

/// Listens until the connection is lost (`Ok`) or cannot be made (`Err`).
async fn listen_until_lost(
    connection: &sea_orm::sqlx::PgPool,
    feed: &ChangeFeed,
) -> Result<(), sea_orm::sqlx::Error> {
    let mut listener = PgListener::connect_with(connection).await?;
    // A lost connection is reported, not silently replaced: announcements may have been missed.
    listener.eager_reconnect(false);
    listener.listen(live::CHANNEL).await?;
    tracing::info!(channel = live::CHANNEL, "change feed: listening");
    // What was announced before now (while starting, or while the connection was down) was not
    // heard: everything read before is read again.
    feed.publish(Change::Anything);
    while let Some(notification) = listener.try_recv().await? {
        feed.publish(live::read_announcement(notification.payload()));
    }
    Ok(())
}
