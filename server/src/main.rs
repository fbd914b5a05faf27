//! `enlace`: serve the application (the default), load a plan file, create a secretariat account,
//! or back the database up and restore it.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use leptos::prelude::get_configuration;
use tracing_subscriber::EnvFilter;

use server::AppState;

/// mimalloc rather than the system's allocator: glibc's keeps the memory many threads freed in
/// arenas of their own, and the server's memory grew with every burst of requests
/// (docs/performance.md, "Memory").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use server::{connect, router, Config};

/// Enlace, the regional platform that monitors the work plan against migrant smuggling.
#[derive(Parser)]
#[command(
    name = "enlace",
    version,
    after_help = "Settings come from the environment: DATABASE_URL, LEPTOS_SITE_ADDR, ENLACE_DEMO=1, \
                  ENLACE_TRUST_PROXY=1, ENLACE_METRICS_TOKEN, RUST_LOG, ENLACE_LOG_FORMAT=json \
                  and the others in README.md."
)]
struct Arguments {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Start the web server on LEPTOS_SITE_ADDR (127.0.0.1:3000 unless set); the default.
    Serve,
    /// Load a plan file (docs/plan-file.md) into the database.
    LoadPlan {
        /// The plan file, in TOML.
        file: PathBuf,
    },
    /// Create a secretariat account and print its one-time password.
    CreateSecretariat {
        /// The address the account signs in with.
        email: String,
        /// The name shown for the account.
        name: String,
    },
    /// Copy the whole database, files included, into FILE: safe while servers run, and readable by
    /// `restore` on SQLite or PostgreSQL alike.
    Backup {
        /// Where to write the backup (replaced once complete).
        file: PathBuf,
    },
    /// Fill an empty database with a generated plan of the size asked for and its history, to
    /// measure Enlace at that scale (docs/performance.md). Marked as demonstration data.
    DemoScale {
        /// Member countries: the RCM's 11 and generated ones.
        #[arg(long, default_value_t = 100)]
        countries: usize,
        /// Actions of the plan.
        #[arg(long, default_value_t = 1000)]
        actions: usize,
        /// Years of the plan, ending with the demo's last year, all of them history.
        #[arg(long, default_value_t = 10)]
        years: i32,
    },
    /// Restore a backup FILE into the database, which must hold no plan or accounts unless
    /// --replace is given. Stop the servers first.
    Restore {
        /// A file written by `enlace backup`.
        file: PathBuf,
        /// Discard whatever the database holds.
        #[arg(long)]
        replace: bool,
    },
}

#[tokio::main]
async fn main() -> ExitCode {
    // Usage errors print clap's message and usage and exit with 2; --help and --version with 0.
    let arguments = Arguments::parse();
    init_logging();
    let config = Config::from_env();
    match run(arguments.command.unwrap_or(Command::Serve), config).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(reason) => {
            eprintln!("enlace: {reason}");
            ExitCode::FAILURE
        }
    }
}

/// Runs the command asked for; the error is one line.
async fn run(command: Command, config: Config) -> Result<(), String> {
    // These only spare memory and time: without them Enlace works as well.
    server::allocator::give_back_freed_memory_sooner();
    if let Err(reason) = server::allocator::without_transparent_huge_pages() {
        tracing::warn!(%reason, "the kernel may give the server transparent huge pages");
    }
    // SAFETY: before any command opens a database, so no thread uses SQLite yet.
    if let Err(reason) = unsafe { server::allocator::sqlite_allocates_through_mimalloc() } {
        tracing::warn!(%reason, "SQLite keeps the system's allocator");
    }
    if let Err(reason) = app::parallel::start_threads() {
        tracing::warn!(%reason, "the figures are computed at the requests' priority");
    }
    match command {
        Command::Serve => serve(config).await,
        Command::LoadPlan { file } => load_plan(config, file).await,
        Command::CreateSecretariat { email, name } => create_secretariat(config, email, name).await,
        Command::Backup { file } => backup(config, file).await,
        Command::Restore { file, replace } => restore(config, file, replace).await,
        Command::DemoScale {
            countries,
            actions,
            years,
        } => {
            let size = app::demo::scale::Size {
                countries,
                actions,
                years,
            };
            demo_scale(config, size).await
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

/// How often the server looks for automatic reminders and monthly digests that are due.
const LETTER_CHECK: std::time::Duration = std::time::Duration::from_secs(15 * 60);

async fn serve(config: Config) -> Result<(), String> {
    let mut leptos_options = get_configuration(None)
        .map_err(|e| format!("invalid Leptos settings: {e}"))?
        .leptos_options;
    // A release build writes the hashes of the site's files beside the binary: the site's files
    // then carry them in their names, unless LEPTOS_HASH_FILES says otherwise.
    if std::env::var_os("LEPTOS_HASH_FILES").is_none() {
        leptos_options.hash_files = std::env::current_exe()
            .ok()
            .and_then(|binary| Some(binary.parent()?.join(leptos_options.hash_file.as_ref())))
            .is_some_and(|hashes| hashes.exists());
    }
    let address = leptos_options.site_addr;
    let db = connect(&config).await?;
    let prepared = app::bootstrap::prepare(&db, config.demo)
        .await
        .map_err(|e| e.to_string())?;
    let mailer = config.mailer()?;
    tokio::spawn(app::rounds::reminders::send_reminders_every(
        db.clone(),
        mailer.clone(),
        LETTER_CHECK,
        chrono::Utc::now,
    ));
    tokio::spawn(app::outlook::service::send_digests_every(
        db.clone(),
        mailer.clone(),
        LETTER_CHECK,
        chrono::Utc::now,
    ));
    let changes = server::change_feed(&db);
    let snapshots = server::snapshot_memory(&config, &db).await?;
    let availability = server::availability::watch(&db);
    let metrics_access = config.metrics_access()?;
    let (close_streams, closing) = server::events::Closing::new();
    tokio::spawn(server::metrics::keep_recorder_small());
    let app = router(AppState {
        leptos_options,
        db,
        demo: prepared.is_demo,
        trust_proxy: config.trust_proxy,
        hsts: config.hsts,
        mailer,
        changes,
        snapshots: std::sync::Arc::new(snapshots),
        availability,
        metrics_access,
        closing,
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
    .with_graceful_shutdown(async move {
        shutdown_signal().await;
        tracing::info!("shutting down: finishing the requests in flight");
        // Event streams never finish by themselves.
        let _ = close_streams.send(true);
    })
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

async fn demo_scale(config: Config, size: app::demo::scale::Size) -> Result<(), String> {
    let db = connect(&config).await?;
    app::bootstrap::migrate(&db)
        .await
        .map_err(|e| e.to_string())?;
    let started = std::time::Instant::now();
    let made = app::demo::scale::generate(&db, size)
        .await
        .map_err(|e| e.to_string())?;
    println!(
        "generated the plan '{}' in {:.1} s: {} countries, {} actions, {} milestones, {} records, \
         {} status events, {} milestones reached, {} rounds, {} indicator values, {} legislation \
         entries, {} accounts (password: {})",
        made.plan,
        started.elapsed().as_secs_f64(),
        made.countries,
        made.actions,
        made.milestones,
        made.country_actions,
        made.status_events,
        made.achieved_milestones,
        made.rounds,
        made.indicator_values,
        made.legislation_entries,
        made.users,
        app::accounts::service::DEMO_PASSWORD,
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

/// Writes the backup next to `file` and moves it there once complete and on disk, so that `file`
/// is never a backup cut short. Only its owner may read it: it holds everyone's data.
async fn backup(config: Config, file: PathBuf) -> Result<(), String> {
    let db = connect(&config).await?;
    let started = std::time::Instant::now();
    let mut partial = file.clone().into_os_string();
    partial.push(".partial");
    let partial = PathBuf::from(partial);
    let written = write_backup(&db, &partial).await;
    let copied = match written {
        Ok(copied) => copied,
        Err(reason) => {
            let _ = std::fs::remove_file(&partial);
            return Err(reason);
        }
    };
    std::fs::rename(&partial, &file)
        .map_err(|e| format!("cannot move the backup to {}: {e}", file.display()))?;
    let size = std::fs::metadata(&file).map_or(0, |m| m.len());
    println!(
        "backed up {} rows of {} tables to {} ({} KB) in {:.1} s",
        copied.rows,
        copied.tables,
        file.display(),
        size.div_ceil(1024),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

async fn write_backup(
    db: &sea_orm::DatabaseConnection,
    path: &std::path::Path,
) -> Result<app::backup::Copied, String> {
    use std::io::Write;
    #[cfg(unix)]
    use std::os::unix::fs::OpenOptionsExt;
    let cannot_write = |e: std::io::Error| format!("cannot write {}: {e}", path.display());
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    options.mode(0o600);
    let out = options.open(path).map_err(cannot_write)?;
    let mut buffered = std::io::BufWriter::new(out);
    let copied = app::backup::write(db, &mut buffered)
        .await
        .map_err(|e| e.to_string())?;
    buffered.flush().map_err(cannot_write)?;
    let out = buffered
        .into_inner()
        .map_err(|e| cannot_write(e.into_error()))?;
    out.sync_all().map_err(cannot_write)?;
    Ok(copied)
}

async fn restore(config: Config, file: PathBuf, replace: bool) -> Result<(), String> {
    let input =
        std::fs::File::open(&file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let db = connect(&config).await?;
    let started = std::time::Instant::now();
    let copied = app::backup::restore(&db, std::io::BufReader::new(input), replace)
        .await
        .map_err(|e| format!("{}: {e}", file.display()))?;
    println!(
        "restored {} rows of {} tables from {} in {:.1} s",
        copied.rows,
        copied.tables,
        file.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
