//! Telling servers and open pages that something changed. Every write ends with [`commit`], which
//! commits its transaction and announces its `Change`: a `PlanChange` when a country's figures moved,
//! which each server streams to subscribed browsers (`/events`), `Change::Elsewhere` for a write the
//! plan's figures do not show, `Change::Stored` for any other write.
//! Whatever a server keeps in memory (the dashboards' snapshot and charts, sessions, rendered pages)
//! is read again at its feed's next generation; a session remembered, only after a change other
//! than a `PlanChange`, which no account depends on.
//!
//! On PostgreSQL, where several servers may share the database, the announcement is a `NOTIFY` on
//! [`CHANNEL`] inside the write's transaction: PostgreSQL delivers it to every server's listener when
//! the transaction commits, never before, so no server reads the announcement before the data. On
//! SQLite one server runs, and the announcement goes to this process's feed once committed.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use sea_orm::{ConnectionTrait, DatabaseTransaction, DbBackend, DbErr, Statement};
use serde::{Deserialize, Serialize};
use tokio::sync::broadcast;

/// The PostgreSQL channel that carries the changes between servers.
pub const CHANNEL: &str = "enlace_changes";

/// What changed: a country's update on an action (status or milestones), or validated indicator
/// values.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanChange {
    /// `update` (a country's update on an action) or `indicators`.
    pub kind: String,
    /// The ISO code of the country whose figures changed.
    pub country: String,
    /// The action of an update, so that a server reads that action's history again rather than
    /// the country's; `None` for a change that names none (as a server before this field sends).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<i32>,
}

impl PlanChange {
    /// A country's update on the action `action_id` was saved.
    pub fn update(country: &str, action_id: i32) -> Change {
        Change::Plan(PlanChange {
            kind: "update".to_owned(),
            country: country.to_owned(),
            action: Some(action_id),
        })
    }

    /// A country's updates on several actions were saved at once (an import).
    pub fn updates(country: &str) -> Change {
        Change::Plan(PlanChange {
            kind: "update".to_owned(),
            country: country.to_owned(),
            action: None,
        })
    }

    /// Which of a country's indicator values count changed (a submission validated or reopened).
    pub fn indicators(country: &str) -> Change {
        Change::Plan(PlanChange {
            kind: "indicators".to_owned(),
            country: country.to_owned(),
            action: None,
        })
    }
}

/// What the change feed carries.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Change {
    /// A country's figures changed: open dashboards read them again; sessions remembered stay.
    Plan(PlanChange),
    /// Something else was written: what a server remembers from before may be stale.
    Stored,
    /// Something the plan's figures do not show was written (accounts, contacts, access tokens,
    /// letters, generated reports): pages and sessions are read again, the plan's state is not.
    Elsewhere,
    /// The server was not listening for a while (its connection to the database dropped), so it
    /// cannot know what changed: everything is read again, open dashboards included.
    Anything,
}

impl Change {
    /// Whether it changed a country's figures alone (its updates, its indicator values counted),
    /// not the plan itself (a revision approved is a `Change::Plan` of the kind `plan`).
    pub fn is_to_the_figures_alone(&self) -> bool {
        matches!(self, Change::Plan(change) if change.kind == "update" || change.kind == "indicators")
    }

    /// What kind of change it is, in a word, for the write counts (`/metrics`).
    pub fn kind(&self) -> &'static str {
        match self {
            Change::Plan(change) if change.kind == "indicators" => "indicators",
            Change::Plan(_) => "update",
            Change::Stored => "stored",
            Change::Elsewhere => "elsewhere",
            Change::Anything => "anything",
        }
    }
}

/// One server's change feed: the changes it learns of, for its memories and its event streams.
#[derive(Debug)]
pub struct ChangeFeed {
    sender: broadcast::Sender<Change>,
    generation: AtomicU64,
    /// The latest changes with the generation each one began, for a memory that brings itself up
    /// to date by what changed (`changes_between`).
    recent: Mutex<VecDeque<(u64, Change)>>,
    /// The changes this server published as its requests wrote them, whose announcement by the
    /// database has not arrived yet (`publish_written`, `publish_heard`).
    awaiting_echo: Mutex<VecDeque<Change>>,
}

/// How many changes a slow subscriber may fall behind before it skips to the latest.
const BACKLOG: usize = 64;

/// How many of the latest changes the feed remembers: the saves made while a plan of 100,000
/// records is read whole (300 a second for several seconds, docs/performance.md), so that its
/// snapshot is then brought up to date by what changed. With fewer, a reading under a stream of
/// saves found more changes than remembered and read the plan whole again, and again.
const REMEMBERED: usize = 4096;

/// How many of this server's own writes the feed awaits the database's echo of (it comes within
/// milliseconds).
const ECHOES_AWAITED: usize = 256;

impl Default for ChangeFeed {
    fn default() -> Self {
        ChangeFeed {
            sender: broadcast::channel(BACKLOG).0,
            generation: AtomicU64::new(0),
            recent: Mutex::new(VecDeque::new()),
            awaiting_echo: Mutex::new(VecDeque::new()),
        }
    }
}

impl ChangeFeed {
    /// Tells every subscriber of this server, and moves the generation on.
    pub fn publish(&self, change: Change) {
        {
            // The generation moves with the change remembered, so that whoever sees the new
            // generation finds the change that made it.
            let mut recent = self.recent.lock().unwrap_or_else(|e| e.into_inner());
            let generation = 1 + self.generation.fetch_add(1, Ordering::SeqCst);
            if recent.len() == REMEMBERED {
                recent.pop_front();
            }
            recent.push_back((generation, change.clone()));
        }
        // No subscriber is not an error: nobody is looking.
        let _ = self.sender.send(change);
    }

    /// Publishes a change a request of this server wrote on PostgreSQL, at once: its announcement
    /// by the database, when it arrives (`publish_heard`), is not published again.
    pub fn publish_written(&self, change: Change) {
        {
            let mut awaiting = self.awaiting_echo.lock().unwrap_or_else(|e| e.into_inner());
            if awaiting.len() == ECHOES_AWAITED {
                awaiting.pop_front();
            }
            awaiting.push_back(change.clone());
        }
        self.publish(change);
    }

    /// Publishes a change the database announced, unless this server published it already when
    /// it wrote it. Announcements arrive in the order the writes committed, so an equal change
    /// still awaited was committed before this server's, which its reading after publishing saw.
    pub fn publish_heard(&self, change: Change) {
        {
            let mut awaiting = self.awaiting_echo.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(at) = awaiting.iter().position(|written| *written == change) {
                awaiting.remove(at);
                return;
            }
        }
        self.publish(change);
    }

    /// The feed listens again after a while deaf: what it missed may be anything, and the echoes
    /// it awaited may never come.
    pub fn listening_again(&self) {
        self.awaiting_echo
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
        self.publish(Change::Anything);
    }

    /// The changes that moved the feed from `from` to `to`, oldest first; `None` when they are no
    /// longer all remembered.
    pub fn changes_between(&self, from: u64, to: u64) -> Option<Vec<Change>> {
        self.reading_between(from, to, |changes| changes.cloned().collect())
    }

    /// Whether every change that moved the feed from `from` to `to` is one `test` accepts, asked
    /// without copying them (a remembered session asks on every page); `None` when they are no
    /// longer all remembered.
    pub fn all_between(&self, from: u64, to: u64, test: impl Fn(&Change) -> bool) -> Option<bool> {
        self.reading_between(from, to, |mut changes| Iterator::all(&mut changes, test))
    }

    /// What `read` makes of the changes from `from` to `to`, oldest first, read under the lock;
    /// `None` when they are no longer all remembered.
    fn reading_between<R>(
        &self,
        from: u64,
        to: u64,
        read: impl FnOnce(&mut dyn Iterator<Item = &Change>) -> R,
    ) -> Option<R> {
        if from >= to {
            return Some(read(&mut std::iter::empty()));
        }
        let recent = self.recent.lock().unwrap_or_else(|e| e.into_inner());
        // The generations remembered follow one another (`publish`): the first wanted is found by
        // its distance from the oldest, not by looking through thousands.
        let oldest = recent.front()?.0;
        let skipped = usize::try_from((from + 1).checked_sub(oldest)?).ok()?;
        let wanted = usize::try_from(to - from).ok()?;
        if recent.len().saturating_sub(skipped) < wanted {
            return None;
        }
        Some(read(
            &mut recent
                .range(skipped..)
                .take(wanted)
                .map(|(_, change)| change),
        ))
    }

    /// A receiver of the changes published from now on.
    pub fn subscribe(&self) -> broadcast::Receiver<Change> {
        self.sender.subscribe()
    }

    /// How many changes this server has learnt of: data read at one generation is current until the
    /// next.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }
}

/// The change feed as the server shares it with every request.
pub type SharedFeed = Arc<ChangeFeed>;

/// The change feed of this process, which the server uses on SQLite: a SQLite database has one
/// server, and that server is this process.
pub fn this_process() -> SharedFeed {
    static FEED: OnceLock<SharedFeed> = OnceLock::new();
    FEED.get_or_init(SharedFeed::default).clone()
}

/// The change feed of the current request's server.
pub fn feed() -> Result<SharedFeed, crate::error::AppError> {
    crate::context::required()
}

/// Commits a write's transaction and announces its change to every server: the only way a write
/// commits (`tests/it/architecture.rs` checks it), so that none can forget to announce.
pub async fn commit(txn: DatabaseTransaction, change: Change) -> Result<(), DbErr> {
    commit_all(txn, vec![change]).await
}

/// Commits a write that changed several things (an import of several countries' updates) and
/// announces each change.
pub async fn commit_all(txn: DatabaseTransaction, changes: Vec<Change>) -> Result<(), DbErr> {
    for change in &changes {
        metrics::counter!("enlace_writes_total", "change" => change.kind()).increment(1);
    }
    match txn.get_database_backend() {
        DbBackend::Postgres => {
            for change in &changes {
                let payload = serde_json::to_string(change).map_err(|error| {
                    DbErr::Custom(format!("a change cannot be written: {error}"))
                })?;
                txn.query_one(Statement::from_sql_and_values(
                    DbBackend::Postgres,
                    "SELECT pg_notify($1, $2)",
                    [CHANNEL.into(), payload.into()],
                ))
                .await?;
            }
            txn.commit().await?;
            // This server hears its own announcement a moment later; the request that wrote tells
            // this server now (`announced_in`), so that its next page shows the write.
            let _ = WRITTEN.try_with(|written| written.borrow_mut().extend(changes));
            Ok(())
        }
        _ => {
            txn.commit().await?;
            for change in changes {
                this_process().publish(change);
            }
            Ok(())
        }
    }
}

tokio::task_local! {
    /// The changes the current request committed on PostgreSQL (`announced_in`).
    static WRITTEN: RefCell<Vec<Change>>;
}

/// Runs `request` (a request that may write), and returns what it returned with the changes its
/// writes announced through the database (PostgreSQL), which reach this server's feed only when
/// its listener hears them: the caller publishes them at once. On SQLite `commit` publishes.
pub async fn announced_in<T>(request: impl std::future::Future<Output = T>) -> (T, Vec<Change>) {
    WRITTEN
        .scope(RefCell::new(Vec::new()), async {
            let done = request.await;
            let written = WRITTEN.with(|written| written.take());
            (done, written)
        })
        .await
}

/// The change a notification on [`CHANNEL`] announces; one that cannot be read may be anything.
pub fn read_announcement(payload: &str) -> Change {
    serde_json::from_str(payload).unwrap_or(Change::Anything)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn subscribers_receive_what_is_published_and_the_generation_moves() {
        let feed = ChangeFeed::default();
        let mut receiver = feed.subscribe();
        let change = PlanChange::update("CR", 1);
        feed.publish(change.clone());
        assert_eq!(receiver.recv().await.unwrap(), change);
        assert_eq!(feed.generation(), 1);
    }

    #[test]
    fn the_feed_remembers_which_changes_moved_it() {
        let feed = ChangeFeed::default();
        feed.publish(PlanChange::update("CR", 1));
        feed.publish(Change::Elsewhere);
        feed.publish(PlanChange::update("MX", 1));
        assert_eq!(
            feed.changes_between(1, 3),
            Some(vec![Change::Elsewhere, PlanChange::update("MX", 1)])
        );
        assert_eq!(feed.changes_between(3, 3), Some(Vec::new()));
        let plan_only = |change: &Change| matches!(change, Change::Plan(_));
        assert_eq!(feed.all_between(2, 3, plan_only), Some(true));
        assert_eq!(feed.all_between(1, 3, plan_only), Some(false));
        assert_eq!(feed.all_between(3, 3, |_| false), Some(true), "none");
        for _ in 0..REMEMBERED {
            feed.publish(Change::Elsewhere);
        }
        // Forgotten: whoever asks reads everything again.
        assert_eq!(feed.changes_between(1, 3), None);
        let now = feed.generation();
        assert_eq!(
            feed.changes_between(now - 1, now),
            Some(vec![Change::Elsewhere])
        );
        let remembered = REMEMBERED as u64;
        assert_eq!(
            feed.changes_between(now - remembered, now).map(|c| c.len()),
            Some(REMEMBERED),
            "the oldest remembered"
        );
        assert_eq!(feed.changes_between(now - remembered - 1, now), None);
        assert_eq!(feed.changes_between(now - 1, now + 1), None, "not yet");
        assert_eq!(feed.all_between(1, 3, plan_only), None);
        assert_eq!(feed.all_between(now - 1, now + 1, plan_only), None);
    }

    #[test]
    fn a_change_published_as_written_is_not_published_again_when_the_database_announces_it() {
        let feed = ChangeFeed::default();
        feed.publish_written(PlanChange::update("CR", 1));
        feed.publish_heard(PlanChange::update("MX", 1));
        feed.publish_heard(PlanChange::update("CR", 1));
        assert_eq!(feed.generation(), 2);
        // Another server's save of the same country later is published.
        feed.publish_heard(PlanChange::update("CR", 1));
        assert_eq!(feed.generation(), 3);
        // This server's save of one action does not take another action's for its echo.
        feed.publish_written(PlanChange::update("CR", 2));
        feed.publish_heard(PlanChange::update("CR", 3));
        feed.publish_heard(PlanChange::update("CR", 2));
        assert_eq!(feed.generation(), 5);
        // Deaf for a while: the echoes awaited are forgotten, everything is read again.
        feed.publish_written(PlanChange::update("PA", 1));
        feed.listening_again();
        feed.publish_heard(PlanChange::update("PA", 1));
        assert_eq!(
            feed.changes_between(5, 8),
            Some(vec![
                PlanChange::update("PA", 1),
                Change::Anything,
                PlanChange::update("PA", 1)
            ])
        );
    }

    #[test]
    fn an_update_announced_without_its_action_is_read_as_the_whole_countrys() {
        let update = PlanChange::update("CR", 7);
        assert_eq!(
            read_announcement(&serde_json::to_string(&update).unwrap()),
            update
        );
        // As a server before the action was announced sends it.
        assert_eq!(
            read_announcement(r#"{"Plan":{"kind":"update","country":"CR"}}"#),
            PlanChange::updates("CR")
        );
    }

    #[tokio::test]
    async fn a_request_collects_what_it_announced_through_the_database() {
        let (answer, written) = announced_in(async {
            WRITTEN.with(|w| w.borrow_mut().push(PlanChange::update("PA", 1)));
            42
        })
        .await;
        assert_eq!((answer, written), (42, vec![PlanChange::update("PA", 1)]));
    }

    #[test]
    fn announcements_read_back_as_written_and_unreadable_ones_as_anything() {
        for change in [
            PlanChange::indicators("GT"),
            Change::Stored,
            Change::Elsewhere,
            Change::Anything,
        ] {
            let payload = serde_json::to_string(&change).unwrap();
            assert_eq!(read_announcement(&payload), change);
        }
        assert_eq!(read_announcement("not json"), Change::Anything);
    }
}
