//! Settings from the environment, each with a default that runs the app on a laptop.

use std::path::PathBuf;

/// The database used when `DATABASE_URL` is not set: a SQLite file under `./data/`, created on first start.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/enlace.db?mode=rwc";

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// `DATABASE_URL`: `sqlite://path?mode=rwc` or `postgres://user:password@host/database`.
    pub database_url: String,
    /// `ENLACE_DEMO=1`: load the demonstration data into a new database.
    pub demo: bool,
    /// `ENLACE_TRUST_PROXY=1`: Enlace runs behind a reverse proxy, so the client's address is the last
    /// one in `X-Forwarded-For`, not the proxy's.
    pub trust_proxy: bool,
    /// `ENLACE_HSTS=1`: Enlace is only reached over HTTPS, so browsers are told to use nothing else
    /// (`Strict-Transport-Security` for a year, subdomains included).
    pub hsts: bool,
    /// `ENLACE_SMTP_URL`: the SMTP server reminders go through (`smtp://host:25`,
    /// `smtp://user:password@host:587?tls=required`, `smtps://host:465`); without it they wait in the
    /// outbox page.
    pub smtp_url: Option<String>,
    /// `ENLACE_MAIL_FROM`: the sender of reminders.
    pub mail_from: String,
    /// `ENLACE_PUBLIC_URL`: the address users open Enlace at, for the links in reminders.
    pub public_url: Option<String>,
    /// `ENLACE_METRICS_FROM`: the addresses that may read `/metrics`, separated by commas (this
    /// machine's when unset).
    pub metrics_from: Option<String>,
    /// `ENLACE_METRICS_TOKEN`: a token that opens `/metrics` from anywhere
    /// (`Authorization: Bearer …`).
    pub metrics_token: Option<String>,
}

/// The sender of reminders when `ENLACE_MAIL_FROM` is not set.
pub const DEFAULT_MAIL_FROM: &str = "Enlace <enlace@localhost>";

impl Config {
    pub fn from_env() -> Self {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Self {
        let database_url = lookup("DATABASE_URL")
            .filter(|url| !url.trim().is_empty())
            .unwrap_or_else(|| DEFAULT_DATABASE_URL.to_owned());
        let flag = |name: &str| {
            lookup(name).is_some_and(|value| matches!(value.trim(), "1" | "true" | "yes"))
        };
        let text = |name: &str| lookup(name).filter(|value| !value.trim().is_empty());
        Self {
            database_url,
            demo: flag("ENLACE_DEMO"),
            trust_proxy: flag("ENLACE_TRUST_PROXY"),
            hsts: flag("ENLACE_HSTS"),
            smtp_url: text("ENLACE_SMTP_URL"),
            mail_from: text("ENLACE_MAIL_FROM").unwrap_or_else(|| DEFAULT_MAIL_FROM.to_owned()),
            public_url: text("ENLACE_PUBLIC_URL"),
            metrics_from: text("ENLACE_METRICS_FROM"),
            metrics_token: text("ENLACE_METRICS_TOKEN"),
        }
    }

    /// The database at `database_url`, with every other setting at its default.
    pub fn for_database(database_url: impl Into<String>, demo: bool) -> Self {
        Self {
            database_url: database_url.into(),
            demo,
            trust_proxy: false,
            hsts: false,
            smtp_url: None,
            mail_from: DEFAULT_MAIL_FROM.to_owned(),
            public_url: None,
            metrics_from: None,
            metrics_token: None,
        }
    }

    /// Who may read `/metrics`.
    pub fn metrics_access(&self) -> Result<crate::metrics::MetricsAccess, String> {
        crate::metrics::MetricsAccess::parse(
            self.metrics_from.as_deref(),
            self.metrics_token.as_deref(),
        )
    }

    /// How reminders are sent: through the configured SMTP server, else into the outbox.
    pub fn mailer(&self) -> Result<app::mail::Mailer, String> {
        use app::mail::Mailer;
        match &self.smtp_url {
            Some(url) => Mailer::smtp(url, &self.mail_from, self.public_url.clone()),
            None => Ok(Mailer::outbox(self.public_url.clone())),
        }
    }

    /// The directory a SQLite database file lives in, so that it can be created before connecting.
    pub fn sqlite_directory(&self) -> Option<PathBuf> {
        let rest = self.database_url.strip_prefix("sqlite:")?;
        let path = rest.trim_start_matches("//").split('?').next()?;
        if path.is_empty() || path == ":memory:" {
            return None;
        }
        PathBuf::from(path)
            .parent()
            .filter(|dir| !dir.as_os_str().is_empty())
            .map(PathBuf::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(vars: &[(&str, &str)]) -> Config {
        Config::from_lookup(|name| {
            vars.iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| (*value).to_owned())
        })
    }

    #[test]
    fn defaults_to_a_sqlite_file_under_data() {
        let c = config(&[]);
        assert_eq!(c.database_url, DEFAULT_DATABASE_URL);
        assert!(!c.demo);
        assert_eq!(c.sqlite_directory(), Some(PathBuf::from("data")));
    }

    #[test]
    fn reads_the_environment() {
        let c = config(&[
            ("DATABASE_URL", "postgres://u:p@db/enlace"),
            ("ENLACE_DEMO", "1"),
        ]);
        assert_eq!(c.database_url, "postgres://u:p@db/enlace");
        assert!(c.demo);
        assert_eq!(c.sqlite_directory(), None);
        assert!(!config(&[("ENLACE_DEMO", "0")]).demo);
        assert!(!c.trust_proxy && !c.hsts, "neither unless asked for");
        let proxied = config(&[("ENLACE_TRUST_PROXY", "1"), ("ENLACE_HSTS", "true")]);
        assert!(proxied.trust_proxy && proxied.hsts);
    }

    #[test]
    fn finds_the_directory_of_absolute_and_memory_urls() {
        let c = config(&[(
            "DATABASE_URL",
            "sqlite:///var/lib/enlace/db.sqlite?mode=rwc",
        )]);
        assert_eq!(c.sqlite_directory(), Some(PathBuf::from("/var/lib/enlace")));
        assert_eq!(
            config(&[("DATABASE_URL", "sqlite::memory:")]).sqlite_directory(),
            None
        );
        assert_eq!(
            config(&[("DATABASE_URL", "sqlite://enlace.db")]).sqlite_directory(),
            None
        );
    }
}
