//! The plan's state in memory brought up to date after writes: by what changed (a country's update
//! reads that country again), or whole, always the same as a whole reading; and once however many
//! requests wait for it.

use chrono::Utc;

use app::actions::rules::ActionUpdate;
use app::actions::service::save_update;
use app::dashboards::snapshot::{Snapshot, SnapshotCache};
use app::domain::Status;
use app::live::{Change, ChangeFeed, PlanChange, SharedFeed};
use tests::{an_unfinished_action, TestDatabase};

const FOCAL_CR: &str = "focal.cr@demo.enlace";

/// Costa Rica completes one of its unfinished actions, with a new narrative.
async fn complete_an_action(test: &TestDatabase) {
    let record = an_unfinished_action(&test.db, "CR").await;
    let focal = test.viewer(FOCAL_CR).await;
    let update = ActionUpdate {
        action_id: record.action_id,
        country: "CR".into(),
        version: record.version,
        status: Status::Completed,
        narrative_en: "Done.".into(),
        narrative_es: "Hecho.".into(),
        milestones: Vec::new(),
        evidence: Vec::new(),
        comment: String::new(),
    };
    save_update(&test.db, &focal, &update, Utc::now())
        .await
        .unwrap();
}

#[tokio::test]
async fn a_countrys_update_reads_that_country_again_and_gives_what_a_whole_reading_gives() {
    let test = TestDatabase::new(true).await;
    let before = Snapshot::load(&test.db).await.unwrap();
    complete_an_action(&test).await;
    let whole = Snapshot::load(&test.db).await.unwrap();
    assert_ne!(before, whole, "the update changed the plan's state");
    let refreshed = before
        .refreshed(&test.db, &[Change::Elsewhere, PlanChange::update("cr")])
        .await
        .unwrap()
        .expect("a country's update is read by itself");
    assert_eq!(refreshed, whole);
    // A validation reads the indicators again, whatever else: still the same as a whole reading.
    let validated = whole
        .refreshed(&test.db, &[PlanChange::indicators("CR")])
        .await
        .unwrap()
        .expect("indicators are read by themselves");
    assert_eq!(validated, whole);
}

#[tokio::test]
async fn writes_the_figures_do_not_show_read_nothing_and_the_others_read_the_plan_whole() {
    let test = TestDatabase::new(true).await;
    let snapshot = Snapshot::load(&test.db).await.unwrap();
    let unchanged = snapshot
        .refreshed(&test.db, &[Change::Elsewhere, Change::Elsewhere])
        .await
        .unwrap();
    assert_eq!(unchanged, Some(snapshot.clone()));
    for change in [
        Change::Stored,
        Change::Anything,
        PlanChange::update("ZZ"),
        Change::Plan(app::live::PlanChange {
            kind: "plan".into(),
            country: String::new(),
        }),
    ] {
        assert_eq!(
            snapshot
                .refreshed(&test.db, std::slice::from_ref(&change))
                .await
                .unwrap(),
            None,
            "{change:?}"
        );
    }
}

#[tokio::test]
async fn requests_after_a_write_wait_for_one_reading_and_see_the_write() {
    let test = TestDatabase::new(true).await;
    let cache = std::sync::Arc::new(SnapshotCache::default());
    let feed: SharedFeed = std::sync::Arc::new(ChangeFeed::default());
    let first = cache.get(&test.db, &feed, None).await.unwrap();
    complete_an_action(&test).await;
    feed.publish(PlanChange::update("CR"));
    let readers: Vec<_> = (0..16)
        .map(|_| {
            let (cache, feed, db) = (cache.clone(), feed.clone(), test.db.clone());
            tokio::spawn(async move { cache.get(&db, &feed, None).await.unwrap() })
        })
        .collect();
    let mut seen = Vec::new();
    for reader in readers {
        seen.push(reader.await.unwrap());
    }
    let whole = Snapshot::load(&test.db).await.unwrap();
    assert_ne!(*first, whole);
    assert!(seen.iter().all(|snapshot| **snapshot == whole));
    assert!(
        seen.iter()
            .all(|snapshot| std::sync::Arc::ptr_eq(snapshot, &seen[0])),
        "one reading, shared"
    );
    // Nothing changed since: the same snapshot again.
    let again = cache.get(&test.db, &feed, None).await.unwrap();
    assert!(std::sync::Arc::ptr_eq(&again, &seen[0]));
}
