//! Telling open pages that the plan's figures changed. Writes publish a `PlanChange` on the change
//! feed; the server streams it to subscribed browsers (`/events`), and the dashboards' snapshot is
//! read again at the feed's next generation. `ChangeFeed` is the small interface several app servers
//! would implement over a shared channel (PostgreSQL `LISTEN`/`NOTIFY`, say); `InProcessFeed` serves
//! one server.

use std::sync::atomic::{AtomicU64, Ordering};

use serde::{Deserialize, Serialize};
use tokio::sync::broadcast;

/// What changed: a country's report (status or milestones), or validated indicator values.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanChange {
    /// `report` or `indicators`.
    pub kind: String,
    /// The ISO code of the country whose figures changed.
    pub country: String,
}

pub trait ChangeFeed: Send + Sync + std::fmt::Debug {
    /// Announces a change to every subscriber, and moves the generation on.
    fn publish(&self, change: PlanChange);
    /// A receiver of the changes published from now on.
    fn subscribe(&self) -> broadcast::Receiver<PlanChange>;
    /// How many changes have been published: data read at one generation is current until the next.
    fn generation(&self) -> u64;
}

/// The change feed of one app server.
#[derive(Debug)]
pub struct InProcessFeed {
    sender: broadcast::Sender<PlanChange>,
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
    fn publish(&self, change: PlanChange) {
        self.generation.fetch_add(1, Ordering::SeqCst);
        // No subscriber is not an error: nobody is looking.
        let _ = self.sender.send(change);
    }

    fn subscribe(&self) -> broadcast::Receiver<PlanChange> {
        self.sender.subscribe()
    }

    fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }
}

/// Publishes `change` on the change feed of the current request's server.
pub fn publish(change: PlanChange) {
    if let Ok(state) = crate::db::app_state() {
        state.changes.publish(change);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn subscribers_receive_what_is_published_and_the_generation_moves() {
        let feed = InProcessFeed::default();
        let mut receiver = feed.subscribe();
        let change = PlanChange {
            kind: "report".into(),
            country: "CR".into(),
        };
        feed.publish(change.clone());
        assert_eq!(receiver.recv().await.unwrap(), change);
        assert_eq!(feed.generation(), 1);
    }
}
