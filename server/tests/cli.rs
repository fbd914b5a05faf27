//! The `enlace` binary as an operator uses it: its commands and their help, loading a plan file,
//! backing up and restoring, and the one-line reasons it gives when a plan file, a backup or the
//! database is unusable.

use std::path::Path;
use std::process::{Command, Output};

const FOUR_AXIS_PLAN: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../tests/fixtures/four-axis-plan.toml"
);

fn enlace(database_url: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_enlace"))
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("RUST_LOG", "warn")
        .env_remove("ENLACE_DEMO")
        .output()
        .expect("enlace runs")
}

fn sqlite_url(directory: &Path) -> String {
    format!(
        "sqlite://{}?mode=rwc",
        directory.join("data/enlace.db").display()
    )
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn load_plan_stores_a_new_plan_and_refuses_it_a_second_time() {
    let directory = tempfile::tempdir().unwrap();
    let url = sqlite_url(directory.path());

    let first = enlace(&url, &["load-plan", FOUR_AXIS_PLAN]);
    assert!(first.status.success(), "{}", stderr(&first));
    assert_eq!(
        String::from_utf8_lossy(&first.stdout).trim(),
        "loaded plan 'test-four-axis': 4 themes, 4 actions, 2 milestones"
    );

    let second = enlace(&url, &["load-plan", FOUR_AXIS_PLAN]);
    assert_eq!(second.status.code(), Some(1));
    let message = stderr(&second);
    assert_eq!(message.lines().count(), 1, "{message}");
    assert!(
        message.contains("a plan with the code 'test-four-axis' is already loaded"),
        "{message}"
    );
}

#[test]
fn a_malformed_plan_file_is_refused_with_its_line_and_field() {
    let directory = tempfile::tempdir().unwrap();
    let broken = directory.path().join("broken.toml");
    let text = std::fs::read_to_string(FOUR_AXIS_PLAN)
        .unwrap()
        .replace("start_year = 2030", "start_year = \"2030\"");
    std::fs::write(&broken, text).unwrap();

    let output = enlace(
        &sqlite_url(directory.path()),
        &["load-plan", broken.to_str().unwrap()],
    );

    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert_eq!(message.lines().count(), 1, "{message}");
    assert!(
        message.starts_with(&format!(
            "enlace: {}, line 7, field `start_year`:",
            broken.display()
        )),
        "{message}"
    );
}

#[test]
fn a_database_that_cannot_be_opened_stops_with_one_line() {
    let directory = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", directory.path().display());

    for args in [&[][..], &["load-plan", FOUR_AXIS_PLAN][..]] {
        let output = enlace(&url, args);
        assert_eq!(output.status.code(), Some(1));
        let message = stderr(&output);
        assert_eq!(message.lines().count(), 1, "{message}");
        assert!(
            message.starts_with("enlace: cannot open the database"),
            "{message}"
        );
        assert!(!message.contains("panicked"), "{message}");
    }
}

#[test]
fn the_password_of_an_unreachable_postgres_database_is_not_shown() {
    let output = enlace(
        "postgres://enlace:s3cret@127.0.0.1:1/enlace",
        &["load-plan", FOUR_AXIS_PLAN],
    );
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert_eq!(message.lines().count(), 1, "{message}");
    assert!(
        message.starts_with(
            "enlace: cannot open the database postgres://enlace:***@127.0.0.1:1/enlace"
        ),
        "{message}"
    );
    assert!(!message.contains("s3cret"), "{message}");
}

#[test]
fn a_command_it_cannot_read_shows_what_is_wrong_and_the_usage() {
    for (args, problem) in [
        (&["launch"][..], "unrecognized subcommand 'launch'"),
        (
            &["load-plan"][..],
            "the following required arguments were not provided",
        ),
        (
            &["create-secretariat", "a@b.org"][..],
            "the following required arguments were not provided",
        ),
        (&["serve", "now"][..], "unexpected argument 'now'"),
        (
            &["restore", "file", "--everything"][..],
            "unexpected argument '--everything'",
        ),
    ] {
        let output = enlace("sqlite::memory:", args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let message = stderr(&output);
        assert!(message.starts_with("error: "), "{args:?}: {message}");
        assert!(message.contains(problem), "{args:?}: {message}");
        assert!(message.contains("Usage: enlace"), "{args:?}: {message}");
    }
}

#[test]
fn demo_scale_fills_an_empty_database_once_and_refuses_sizes_out_of_range() {
    let directory = tempfile::tempdir().unwrap();
    let url = sqlite_url(directory.path());
    let small = [
        "demo-scale",
        "--countries",
        "12",
        "--actions",
        "20",
        "--years",
        "3",
    ];
    let made = enlace(&url, &small);
    assert!(made.status.success(), "{}", stderr(&made));
    let said = String::from_utf8_lossy(&made.stdout).into_owned();
    assert!(
        said.contains("generated the plan 'scale-12x20x3'")
            && said.contains("12 countries, 20 actions"),
        "{said}"
    );
    let again = enlace(&url, &small);
    assert!(!again.status.success());
    assert!(
        stderr(&again).contains("already holds a plan"),
        "{}",
        stderr(&again)
    );
    let other = sqlite_url(&directory.path().join("other"));
    for (args, problem) in [
        (
            ["--countries", "5", "--actions", "20", "--years", "3"],
            "--countries must be from 11",
        ),
        (
            ["--countries", "700", "--actions", "20", "--years", "3"],
            "to 600",
        ),
        (
            ["--countries", "12", "--actions", "0", "--years", "3"],
            "--actions must be from 1",
        ),
        (
            ["--countries", "12", "--actions", "20", "--years", "60"],
            "--years must be from 1 to 50",
        ),
    ] {
        let refused = enlace(&other, &[&["demo-scale"][..], &args[..]].concat());
        assert!(!refused.status.success());
        assert!(
            stderr(&refused).contains(problem),
            "{args:?}: {}",
            stderr(&refused)
        );
    }
}

#[test]
fn every_command_explains_itself() {
    let help = enlace("sqlite::memory:", &["--help"]);
    assert!(help.status.success());
    let text = String::from_utf8_lossy(&help.stdout).into_owned();
    let commands = [
        "serve",
        "load-plan",
        "create-secretariat",
        "backup",
        "restore",
        "demo-scale",
    ];
    for command in commands {
        assert!(text.contains(&format!("  {command} ")), "{command}: {text}");
        let own = enlace("sqlite::memory:", &[command, "--help"]);
        assert!(own.status.success(), "{command}");
        assert!(
            String::from_utf8_lossy(&own.stdout).contains(&format!("Usage: enlace {command}")),
            "{command}"
        );
    }
}

#[test]
fn a_backup_restores_into_an_empty_database_and_not_over_one_in_use() {
    let directory = tempfile::tempdir().unwrap();
    let url = sqlite_url(directory.path());
    assert!(enlace(&url, &["load-plan", FOUR_AXIS_PLAN])
        .status
        .success());
    let file = directory.path().join("enlace.backup");
    let file = file.to_str().unwrap();

    let backup = enlace(&url, &["backup", file]);
    assert!(backup.status.success(), "{}", stderr(&backup));
    let said = String::from_utf8_lossy(&backup.stdout).into_owned();
    assert!(said.starts_with("backed up "), "{said}");
    assert!(said.contains(" rows of 36 tables to "), "{said}");

    let empty = format!(
        "sqlite://{}?mode=rwc",
        directory.path().join("restored.db").display()
    );
    let restore = enlace(&empty, &["restore", file]);
    assert!(restore.status.success(), "{}", stderr(&restore));
    let over = enlace(&empty, &["restore", file]);
    assert_eq!(over.status.code(), Some(1));
    assert!(
        stderr(&over).contains("the database already holds a plan or accounts"),
        "{}",
        stderr(&over)
    );
    assert!(enlace(&empty, &["restore", file, "--replace"])
        .status
        .success());

    let not_a_backup = enlace(&empty, &["restore", FOUR_AXIS_PLAN]);
    assert_eq!(not_a_backup.status.code(), Some(1));
    assert!(
        stderr(&not_a_backup).contains("is not an Enlace backup"),
        "{}",
        stderr(&not_a_backup)
    );
}

#[tokio::test]
async fn create_secretariat_prints_a_one_time_password_that_must_be_changed() {
    let directory = tempfile::tempdir().unwrap();
    let url = sqlite_url(directory.path());

    let created = enlace(
        &url,
        &["create-secretariat", "Ana.Perez@Example.org", "Ana Pérez"],
    );
    assert!(created.status.success(), "{}", stderr(&created));
    let printed = String::from_utf8_lossy(&created.stdout).into_owned();
    let password = printed
        .split("one-time password ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("no password in {printed:?}"))
        .to_owned();
    assert_eq!(password.len(), 19, "four groups of four: {password}");

    let config = server::Config::for_database(url.clone(), false);
    let db = server::connect(&config).await.unwrap();
    let (viewer, _) = app::accounts::service::sign_in(
        &db,
        "ana.perez@example.org",
        &password,
        "127.0.0.1",
        chrono::Utc::now(),
    )
    .await
    .expect("the printed password signs in");
    assert_eq!(viewer.role, app::domain::Role::Secretariat);
    assert!(viewer.must_change_password);
    assert!(!viewer.may(app::access::Permission::ManageUsers));

    let again = enlace(
        &url,
        &["create-secretariat", "ana.perez@example.org", "Ana"],
    );
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stderr(&again).contains("email: Another user already has this email address."),
        "{}",
        stderr(&again)
    );
    let invalid = enlace(&url, &["create-secretariat", "not-an-email", "Ana"]);
    assert_eq!(invalid.status.code(), Some(1));
    assert_eq!(stderr(&invalid).lines().count(), 1, "{}", stderr(&invalid));
}
