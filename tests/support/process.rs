//! Real processes for the tests that need them: the release `enlace` binary (built by
//! `cargo leptos build --release`; `ENLACE_BIN` and `LEPTOS_SITE_ROOT` say where, by default
//! `target/release/enlace` and `target/site`, under `CARGO_TARGET_DIR` when set), stopped when the
//! test ends however it ends.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How long a process may take to listen.
pub const STARTUP_LIMIT: Duration = Duration::from_secs(60);

/// A child process that is stopped when the test ends, however it ends.
pub struct Running(pub Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free local port")
        .port()
}

/// Where cargo runs, which relative paths in the settings are relative to.
fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn target_directory() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR").unwrap_or_else(|| "target".into());
    workspace_root().join(target)
}

fn built_path(variable: &str, default: PathBuf) -> PathBuf {
    let path = std::env::var_os(variable)
        .map(|path| workspace_root().join(path))
        .unwrap_or(default);
    assert!(
        path.exists(),
        "{} not found: build the site with `cargo leptos build --release` first, or set {variable}",
        path.display()
    );
    path
}

/// Waits until something accepts connections on `port`.
pub fn wait_for_port(port: u16, what: &str, child: &mut Child) {
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if let Ok(Some(status)) = child.try_wait() {
            panic!("{what} exited before listening: {status}");
        }
        assert!(
            started.elapsed() < STARTUP_LIMIT,
            "{what} did not listen on port {port}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The release `enlace` serving the demonstration data of the database at `database_url` on
/// `port`, with the extra settings `settings`; it must then be waited for (`wait_for_port`).
pub fn spawn_enlace(database_url: &str, port: u16, settings: &[(&str, &str)]) -> Running {
    let binary = built_path("ENLACE_BIN", target_directory().join("release/enlace"));
    // cargo-leptos writes the site to `site-root` under the workspace, wherever CARGO_TARGET_DIR points.
    let site = built_path("LEPTOS_SITE_ROOT", workspace_root().join("target/site"));
    let child = Command::new(binary)
        .env("DATABASE_URL", database_url)
        .env("ENLACE_DEMO", "1")
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .env("LEPTOS_SITE_ROOT", site)
        .env("LEPTOS_SITE_PKG_DIR", "pkg")
        .env("LEPTOS_OUTPUT_NAME", "enlace")
        .env("RUST_LOG", "warn")
        .envs(settings.iter().copied())
        .stdout(Stdio::null())
        .spawn()
        .expect("enlace starts");
    Running(child)
}

/// `enlace` on a new demo database in `data`, listening on a free port; and its address.
pub fn start_enlace(data: &Path) -> (Running, String) {
    let port = free_port();
    let url = format!("sqlite://{}?mode=rwc", data.join("enlace.db").display());
    let mut running = spawn_enlace(&url, port, &[]);
    wait_for_port(port, "enlace", &mut running.0);
    (running, format!("http://127.0.0.1:{port}"))
}
