//! The plan loader against a real database: another plan loads beside the built-in one, and a plan
//! that cannot be stored in full leaves nothing behind.

use std::path::Path;

use sea_orm::{DatabaseConnection, EntityTrait, PaginatorTrait};

use app::db::entities::{action, action_article, milestone, objective, plan, theme};
use app::plan::service::{self, PlanLoadError};
use migrations::reference;
use tests::TestDatabase;

const FOUR_AXIS_PLAN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/four-axis-plan.toml");

/// How many rows each plan table holds.
#[derive(Debug, PartialEq, Eq)]
struct PlanRows {
    plans: u64,
    themes: u64,
    objectives: u64,
    actions: u64,
    action_articles: u64,
    milestones: u64,
}

async fn plan_rows(db: &DatabaseConnection) -> PlanRows {
    PlanRows {
        plans: plan::Entity::find().count(db).await.unwrap(),
        themes: theme::Entity::find().count(db).await.unwrap(),
        objectives: objective::Entity::find().count(db).await.unwrap(),
        actions: action::Entity::find().count(db).await.unwrap(),
        action_articles: action_article::Entity::find().count(db).await.unwrap(),
        milestones: milestone::Entity::find().count(db).await.unwrap(),
    }
}

#[tokio::test]
async fn another_plan_file_loads_beside_the_built_in_plan() {
    let test = TestDatabase::new(false).await;
    let before = plan_rows(&test.db).await;

    let loaded = service::load_plan_file(&test.db, Path::new(FOUR_AXIS_PLAN))
        .await
        .expect("the four-axis plan loads");

    assert_eq!(loaded.code, "test-four-axis");
    assert_eq!(
        (loaded.themes, loaded.actions, loaded.milestones),
        (4, 4, 2)
    );
    let after = plan_rows(&test.db).await;
    assert_eq!(
        after,
        PlanRows {
            plans: before.plans + 1,
            themes: before.themes + 4,
            objectives: before.objectives + 1,
            actions: before.actions + 4,
            action_articles: before.action_articles + 5,
            milestones: before.milestones + 2,
        }
    );
    assert!(service::is_loaded(&test.db, "test-four-axis")
        .await
        .unwrap());
}

#[tokio::test]
async fn loading_a_plan_twice_is_refused_and_changes_nothing() {
    let test = TestDatabase::new(false).await;
    let before = plan_rows(&test.db).await;

    let error = service::load_plan_text(&test.db, "again.toml", reference::DEFAULT_PLAN)
        .await
        .unwrap_err();

    assert!(
        matches!(&error, PlanLoadError::AlreadyLoaded { code, .. } if code == reference::DEFAULT_PLAN_CODE),
        "{error}"
    );
    assert!(error.to_string().starts_with("again.toml: "), "{error}");
    assert_eq!(plan_rows(&test.db).await, before);
}

#[tokio::test]
async fn an_unknown_article_in_the_last_action_rolls_the_whole_plan_back() {
    let test = TestDatabase::new(false).await;
    let before = plan_rows(&test.db).await;
    let text = std::fs::read_to_string(FOUR_AXIS_PLAN)
        .unwrap()
        .replace("articles = [10]\n", "articles = [10, 99]\n");
    let last_articles_line = text
        .lines()
        .enumerate()
        .filter(|(_, line)| line.contains("articles = [10, 99]"))
        .map(|(index, _)| index + 1)
        .last()
        .unwrap();

    let error = service::load_plan_text(&test.db, "four-axis.toml", &text)
        .await
        .unwrap_err();

    assert_eq!(
        error.to_string(),
        format!(
            "four-axis.toml, line {last_articles_line}, field `articles`: the Protocol has no article 99"
        )
    );
    assert_eq!(
        plan_rows(&test.db).await,
        before,
        "the themes and actions stored before the fault were rolled back"
    );
    assert!(!service::is_loaded(&test.db, "test-four-axis")
        .await
        .unwrap());
}

#[tokio::test]
async fn a_malformed_file_names_file_line_and_field_and_stores_nothing() {
    let test = TestDatabase::new(false).await;
    let before = plan_rows(&test.db).await;
    let text = std::fs::read_to_string(FOUR_AXIS_PLAN)
        .unwrap()
        .replace("due = 2033-12-31", "due = \"end of 2033\"");

    let error = service::load_plan_text(&test.db, "four-axis.toml", &text)
        .await
        .unwrap_err();

    let message = error.to_string();
    assert!(
        message.starts_with("four-axis.toml, line 35, field `due`:"),
        "{message}"
    );
    assert_eq!(plan_rows(&test.db).await, before);
}

#[tokio::test]
async fn a_missing_file_is_reported_by_name() {
    let test = TestDatabase::new(false).await;
    let error = service::load_plan_file(&test.db, Path::new("/nonexistent/plan.toml"))
        .await
        .unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("/nonexistent/plan.toml: cannot be read"),
        "{error}"
    );
}
