//! Telling servers and open pages that something changed. Writes publish a `Change` on the change
//! feed: a `PlanChange` when a country's figures moved, which the server streams to subscribed
//! browsers (`/events`), and `Change::Stored` after any other write. Whatever a server keeps in
//! memory (the dashboards' snapshot, sessions, rendered pages) is read again at the feed's next
//! generation. `ChangeFeed` is the small interface several app servers would implement over a shared
//! channel (PostgreSQL `LISTEN`/`NOTIFY`, say); `InProcessFeed` serves one server.

use std::sync::atomic::{AtomicU64, Ordering};

use serde::{Deserialize, Serialize};
use tokio::sync::broadcast;

/// What changed: a country's update on an action (status or milestones), or validated indicator
/// values.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanChange {
    /// `update` (a country's update on an action) or `indicators`.
    pub kind: String,
    /// The ISO code of the country whose figures changed.
    pub country: String,
}

/// What the change feed carries.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Change {
    /// A country's figures changed: open dashboards read them again.
    Plan(PlanChange),
    /// Something else was written: what a server remembers from before may be stale.
    Stored,
}

pub trait ChangeFeed: Send + Sync + std::fmt::Debug {
    /// Announces a change to every subscriber, and moves the generation on.
    fn publish(&self, change: Change);
    /// A receiver of the changes published from now on.
    fn subscribe(&self) -> broadcast::Receiver<Change>;
    /// How many changes have been published: data read at one generation is current until the next.
    fn generation(&self) -> u64;
}

/// The change feed of one app server.
#[derive(Debug)]
pub struct InProcessFeed {
    sender: broadcast::Sender<Change>,
    generation: AtomicU64,
}

/// How many changes a slow subscriber may fall behind before it skips to the latest.
const BACKLOG: usize = 64;

impl Default for InProcessFeed {
    fn default() -> Self {
        InProcessFeed {
            sender: broadcast::channel(BACKLOG).0,
            generation: AtomicU64::new(0),
        }
    }
}

impl ChangeFeed for InProcessFeed {
    fn publish(&self, change: Change) {
        self.generation.fetch_add(1, Ordering::SeqCst);
        // No subscriber is not an error: nobody is looking.
        let _ = self.sender.send(change);
    }

    fn subscribe(&self) -> broadcast::Receiver<Change> {
        self.sender.subscribe()
    }

    fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }
}

/// The change feed as the server shares it with every request.
pub type SharedFeed = std::sync::Arc<dyn ChangeFeed>;

/// The change feed of the current request's server.
pub fn feed() -> Result<SharedFeed, crate::error::AppError> {
    crate::context::required()
}

/// Announces on the change feed of the current request's server that a country's figures changed.
pub fn publish(change: PlanChange) {
    if let Ok(feed) = feed() {
        feed.publish(Change::Plan(change));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn subscribers_receive_what_is_published_and_the_generation_moves() {
        let feed = InProcessFeed::default();
        let mut receiver = feed.subscribe();
        let change = Change::Plan(PlanChange {
            kind: "update".into(),
            country: "CR".into(),
        });
        feed.publish(change.clone());
        assert_eq!(receiver.recv().await.unwrap(), change);
        assert_eq!(feed.generation(), 1);
    }
}
