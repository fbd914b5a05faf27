//! `enlace`: serve the application (the default), or load a plan file into the database.

use std::path::PathBuf;
use std::process::ExitCode;

use leptos::prelude::get_configuration;
use tracing_subscriber::EnvFilter;

use server::AppState;
use server::{connect, router, Config};

const USAGE: &str = "usage:
  enlace [serve]            start the web server (LEPTOS_SITE_ADDR, default 127.0.0.1:3000)
  enlace load-plan FILE     load a plan file (docs/plan-file.md) into the database
  enlace create-secretariat EMAIL NAME
                            create a secretariat account; prints its one-time password
settings: DATABASE_URL, LEPTOS_SITE_ADDR, ENLACE_DEMO=1, ENLACE_TRUST_PROXY=1, RUST_LOG,
ENLACE_LOG_FORMAT=json (see README.md)";

enum Command {
    Serve,
    LoadPlan(PathBuf),
    CreateSecretariat { email: String, name: String },
    Help,
}

fn parse_arguments(mut args: impl Iterator<Item = String>) -> Result<Command, String> {
    let command = match args.next().as_deref() {
        None | Some("serve") => Command::Serve,
        Some("load-plan") => match args.next() {
            Some(file) => Command::LoadPlan(PathBuf::from(file)),
            None => return Err("load-plan needs the path of a plan file".to_owned()),
        },
        Some("create-secretariat") => match (args.next(), args.next()) {
            (Some(email), Some(name)) => Command::CreateSecretariat { email, name },
            _ => return Err("create-secretariat needs an email and a name".to_owned()),
        },
        Some("-h" | "--help" | "help") => Command::Help,
        Some(other) => return Err(format!("unknown command '{other}'")),
    };
    match args.next() {
        Some(extra) => Err(format!("unexpected argument '{extra}'")),
        None => Ok(command),
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    init_logging();

    let command = match parse_arguments(std::env::args().skip(1)) {
        Ok(command) => command,
        Err(message) => {
            eprintln!("enlace: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let result = match command {
        Command::Help => {
            println!("{USAGE}");
            Ok(())
        }
        Command::Serve => serve(Config::from_env()).await,
        Command::LoadPlan(path) => load_plan(Config::from_env(), path).await,
        Command::CreateSecretariat { email, name } => {
            create_secretariat(Config::from_env(), email, name).await
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(reason) => {
            eprintln!("enlace: {reason}");
            ExitCode::FAILURE
        }
    }
}

/// Logs to standard output, filtered by `RUST_LOG`; one JSON object per line when
/// `ENLACE_LOG_FORMAT=json`, for log collectors.
fn init_logging() {
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    let logs = tracing_subscriber::fmt().with_env_filter(filter);
    if std::env::var("ENLACE_LOG_FORMAT").is_ok_and(|format| format.trim() == "json") {
        logs.json().init();
    } else {
        logs.init();
    }
}

/// How often the server looks for automatic reminders that are due.
const REMINDER_CHECK: std::time::Duration = std::time::Duration::from_secs(15 * 60);

async fn serve(config: Config) -> Result<(), String> {
    let leptos_options = get_configuration(None)
        .map_err(|e| format!("invalid Leptos settings: {e}"))?
        .leptos_options;
    let address = leptos_options.site_addr;
    let db = connect(&config).await?;
    let prepared = app::bootstrap::prepare(&db, config.demo)
        .await
        .map_err(|e| e.to_string())?;
    let mailer = config.mailer()?;
    tokio::spawn(app::rounds::reminders::send_reminders_every(
        db.clone(),
        mailer.clone(),
        REMINDER_CHECK,
        chrono::Utc::now,
    ));
    let changes = server::change_feed(&db);
    let availability = server::availability::watch(&db);
    let app = router(AppState {
        leptos_options,
        db,
        demo: prepared.is_demo,
        trust_proxy: config.trust_proxy,
        hsts: config.hsts,
        mailer,
        changes,
        snapshots: Default::default(),
        availability,
    });
    let listener = tokio::net::TcpListener::bind(address)
        .await
        .map_err(|e| format!("cannot listen on {address}: {e}"))?;
    tracing::info!("Enlace is listening on http://{address}");
    // The peer address reaches the sign-in throttle.
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
    .map_err(|e| format!("server error: {e}"))
}

async fn load_plan(config: Config, path: PathBuf) -> Result<(), String> {
    let db = connect(&config).await?;
    app::bootstrap::prepare(&db, false)
        .await
        .map_err(|e| e.to_string())?;
    let loaded = app::plan::service::load_plan_file(&db, &path)
        .await
        .map_err(|e| e.to_string())?;
    println!(
        "loaded plan '{}': {} themes, {} actions, {} milestones",
        loaded.code, loaded.themes, loaded.actions, loaded.milestones
    );
    Ok(())
}

/// Creates a secretariat account with a one-time password, which its owner changes at first sign-in.
async fn create_secretariat(config: Config, email: String, name: String) -> Result<(), String> {
    use app::accounts::service;
    use app::accounts::types::NewUser;
    use app::audit::service::Actor;
    use app::domain::Role;
    use app::i18n::Lang;

    let db = connect(&config).await?;
    app::bootstrap::prepare(&db, false)
        .await
        .map_err(|e| e.to_string())?;
    let password = service::generate_one_time_password();
    let created = service::create_user(
        &db,
        Actor::System,
        NewUser {
            email,
            name,
            role: Role::Secretariat,
            country: None,
            language: Lang::En,
            password: password.clone(),
            must_change_password: true,
        },
        chrono::Utc::now(),
    )
    .await
    .map_err(|error| match error {
        app::error::AppError::Invalid(problems) => problems
            .iter()
            .map(|problem| format!("{}: {}", problem.field, problem.message(Lang::En)))
            .collect::<Vec<_>>()
            .join("; "),
        other => other.message(Lang::En),
    })?;
    println!(
        "created the secretariat account {} with the one-time password {password}\n\
         it must be changed at the first sign-in",
        created.email
    );
    Ok(())
}

async fn shutdown_signal() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut terminate =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
                .expect("a SIGTERM handler can be installed");
        tokio::select! {
            _ = interrupt => {},
            _ = terminate.recv() => {},
        }
    }
    #[cfg(not(unix))]
    let _ = interrupt.await;
}
