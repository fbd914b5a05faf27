//! The plan's state in memory brought up to date after writes: by what changed (a country's update
//! reads that action's history again), or whole, always the same as a whole reading; and once however many
//! requests wait for it.

use chrono::{NaiveDate, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use app::actions::rules::{ActionUpdate, MilestoneUpdate};
use app::actions::service::save_update;
use app::dashboards::snapshot::{Snapshot, SnapshotCache};
use app::domain::Status;
use app::live::{Change, ChangeFeed, PlanChange, SharedFeed};
use app::outlook::queries::backtest;
use tests::{an_unfinished_action, TestDatabase};

const FOCAL_CR: &str = "focal.cr@demo.enlace";

/// Costa Rica completes one of its unfinished actions, with a new narrative; the action's id.
async fn complete_an_action(test: &TestDatabase) -> i32 {
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
    record.action_id
}

#[tokio::test]
async fn a_countrys_update_reads_that_action_again_and_gives_what_a_whole_reading_gives() {
    let test = TestDatabase::new(true).await;
    let before = Snapshot::load(&test.db).await.unwrap();
    let action = complete_an_action(&test).await;
    let whole = Snapshot::load(&test.db).await.unwrap();
    assert_ne!(before, whole, "the update changed the plan's state");
    let refreshed = before
        .refreshed(
            &test.db,
            &[Change::Elsewhere, PlanChange::update("cr", action)],
        )
        .await
        .unwrap()
        .expect("a country's update is read by itself");
    assert_eq!(refreshed, whole);
    // Announced without its action (an import's), or with it and without: the country is read
    // again whole.
    for changes in [
        vec![PlanChange::updates("CR")],
        vec![PlanChange::update("CR", action), PlanChange::updates("CR")],
    ] {
        let refreshed = before.refreshed(&test.db, &changes).await.unwrap();
        assert_eq!(refreshed, Some(whole.clone()), "{changes:?}");
    }
    // Another action's update alone reads that action, and misses this one's.
    let other = before
        .refreshed(&test.db, &[PlanChange::update("CR", action + 1)])
        .await
        .unwrap();
    assert_ne!(other, Some(whole.clone()));
    // A validation reads the indicators again, whatever else: still the same as a whole reading.
    let validated = whole
        .refreshed(&test.db, &[PlanChange::indicators("CR")])
        .await
        .unwrap()
        .expect("indicators are read by themselves");
    assert_eq!(validated, whole);
}

/// `before` brought up to date by Costa Rica's update on `action`, which is read by itself, and
/// the plan's state read whole, to compare it with.
async fn refreshed_by_costa_ricas_update(
    test: &TestDatabase,
    before: &Snapshot,
    action: i32,
) -> (Snapshot, Snapshot) {
    let refreshed = before
        .refreshed(&test.db, &[PlanChange::update("CR", action)])
        .await
        .unwrap()
        .expect("a country's update is read by itself");
    (refreshed, Snapshot::load(&test.db).await.unwrap())
}

/// Costa Rica reports, today, that it reached on `day` the milestones of one of its unfinished
/// actions that it had not reached; the action's id.
async fn reach_milestones_on(test: &TestDatabase, day: NaiveDate) -> i32 {
    use app::db::entities::{milestone, milestone_progress};
    let record = an_unfinished_action(&test.db, "CR").await;
    let reached: Vec<i32> = milestone_progress::Entity::find()
        .filter(milestone_progress::Column::CountryId.eq(record.country_id))
        .filter(milestone_progress::Column::AchievedOn.is_not_null())
        .all(&test.db)
        .await
        .unwrap()
        .into_iter()
        .map(|progress| progress.milestone_id)
        .collect();
    let milestones: Vec<MilestoneUpdate> = milestone::Entity::find()
        .filter(milestone::Column::ActionId.eq(record.action_id))
        .filter(milestone::Column::RetiredOn.is_null())
        .all(&test.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| !reached.contains(&m.id))
        .map(|m| MilestoneUpdate {
            milestone_id: m.id,
            achieved_on: Some(day),
            note: String::new(),
        })
        .collect();
    assert!(!milestones.is_empty(), "the action has milestones to reach");
    let update = ActionUpdate {
        action_id: record.action_id,
        country: "CR".into(),
        version: record.version,
        status: Status::InProgress,
        narrative_en: "Reached.".into(),
        narrative_es: "Alcanzados.".into(),
        milestones,
        evidence: Vec::new(),
        comment: String::new(),
    };
    let focal = test.viewer(FOCAL_CR).await;
    save_update(&test.db, &focal, &update, Utc::now())
        .await
        .unwrap();
    record.action_id
}

#[tokio::test]
async fn what_was_worked_out_from_a_countrys_history_is_worked_out_again_after_its_update() {
    let test = TestDatabase::new(true).await;
    let today = Utc::now().date_naive();
    let day = |text: &str| text.parse::<NaiveDate>().unwrap();
    let before = Snapshot::load(&test.db).await.unwrap();
    let costa_rica = before.member("CR").unwrap().clone();
    // Worked out and remembered: the backtest over every month, and Costa Rica's progress.
    let month_end = day("2026-06-30");
    let progress_before = before.progress_on(&costa_rica, month_end);
    // February ended before the day the milestones were reached: its progress is as before, and
    // as a whole reading gives it.
    let february = day("2026-02-28");
    let february_before = before.progress_on(&costa_rica, february);
    backtest(&before, today);
    let action = reach_milestones_on(&test, day("2026-03-15")).await;
    let (refreshed, whole) = refreshed_by_costa_ricas_update(&test, &before, action).await;
    let progress_after = refreshed.progress_on(&costa_rica, month_end);
    assert_ne!(
        progress_after, progress_before,
        "the update changed June's progress"
    );
    assert_eq!(progress_after, whole.progress_on(&costa_rica, month_end));
    assert_eq!(
        refreshed.progress_on(&costa_rica, february),
        february_before
    );
    assert_eq!(february_before, whole.progress_on(&costa_rica, february));
    assert_eq!(backtest(&refreshed, today), backtest(&whole, today));
    // The countries that did not save share what was worked out, and it still holds.
    let mexico = before.member("MX").unwrap().clone();
    assert_eq!(
        refreshed.progress_on(&mexico, month_end),
        whole.progress_on(&mexico, month_end)
    );
}

#[tokio::test]
async fn after_a_countrys_update_the_regional_dashboard_computes_that_countrys_part_alone() {
    use app::dashboards::assemble::regional_dashboard;
    use app::i18n::Lang;
    use std::sync::Arc;
    let test = TestDatabase::new(true).await;
    let today = Utc::now().date_naive();
    let before = Snapshot::load(&test.db).await.unwrap();
    let theme = before.themes()[0].code.clone();
    let dashboards = |snapshot: &Snapshot| {
        [None, Some(theme.as_str())]
            .map(|theme| regional_dashboard(snapshot, None, None, None, theme, today, Lang::En))
    };
    let drawn_before = dashboards(&before);
    // The day the dashboards are of (today, within the plan's years), and a day before the save.
    let as_of: NaiveDate = drawn_before[0].as_of.parse().unwrap();
    let february = "2026-02-28".parse::<NaiveDate>().unwrap();
    let part = |snapshot: &Snapshot, iso2: &str, day: NaiveDate| {
        let country = snapshot.member(iso2).unwrap().clone();
        snapshot.country_parts(&[country], None, day).remove(0)
    };
    let february_before = part(&before, "CR", february);
    let action = complete_an_action(&test).await;
    let (refreshed, whole) = refreshed_by_costa_ricas_update(&test, &before, action).await;
    // Drawn from the parts kept and Costa Rica's computed again: as a whole reading draws it.
    let drawn_after = dashboards(&refreshed);
    assert_ne!(
        drawn_after, drawn_before,
        "the update changed the dashboard"
    );
    assert_eq!(drawn_after, dashboards(&whole));
    // Costa Rica's part of the dashboard's day was computed again, Mexico's kept; Costa Rica's
    // part of a day before the save was kept too, and is what a whole reading computes.
    assert!(!Arc::ptr_eq(
        &part(&before, "CR", as_of),
        &part(&refreshed, "CR", as_of)
    ));
    assert!(Arc::ptr_eq(
        &part(&before, "MX", as_of),
        &part(&refreshed, "MX", as_of)
    ));
    let february_after = part(&refreshed, "CR", february);
    assert!(Arc::ptr_eq(&february_before, &february_after));
    assert_eq!(*february_after, *part(&whole, "CR", february));
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
        PlanChange::update("ZZ", 1),
        PlanChange::updates("ZZ"),
        Change::Plan(app::live::PlanChange {
            kind: "plan".into(),
            country: String::new(),
            action: None,
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
    let action = complete_an_action(&test).await;
    feed.publish(PlanChange::update("CR", action));
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
