//! Letters to focal points, the round's reminders and the outlook's monthly digest: how they leave
//! (an SMTP server, or the outbox page when none is configured), written in both of the
//! Conference's languages, and the background check that sends those that are due.

use std::future::Future;

use chrono::{DateTime, Utc};
use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Body, Mailbox};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::error::AppError;
use crate::i18n::Lang;

/// How letters leave Enlace: through an SMTP server, or into the outbox page.
#[derive(Clone)]
pub struct Mailer {
    smtp: Option<AsyncSmtpTransport<Tokio1Executor>>,
    from: Mailbox,
    /// The address of this installation, for the link in the message.
    public_url: Option<String>,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer")
            .field("smtp", &self.smtp.is_some())
            .field("from", &self.from.to_string())
            .finish()
    }
}

impl Mailer {
    /// The mailer of the current request's server.
    pub fn of_request() -> Result<Self, AppError> {
        crate::context::required()
    }

    /// Letters go to the outbox page.
    pub fn outbox(public_url: Option<String>) -> Self {
        Mailer {
            smtp: None,
            from: "Enlace <enlace@localhost>"
                .parse()
                .expect("a valid address"),
            public_url,
        }
    }

    /// Letters go through the SMTP server at `url` (`smtp://host:25`, `smtp://user:pass@host:587?tls=required`
    /// for STARTTLS, `smtps://host:465`), from the address `from`.
    pub fn smtp(url: &str, from: &str, public_url: Option<String>) -> Result<Self, String> {
        let from: Mailbox = from
            .parse()
            .map_err(|e| format!("invalid sender address '{from}': {e}"))?;
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| format!("invalid SMTP address: {e}"))?
            .timeout(Some(std::time::Duration::from_secs(20)))
            .build();
        Ok(Mailer {
            smtp: Some(transport),
            from,
            public_url,
        })
    }

    /// The address of the page at `path` (`/outlook?country=cr`) in this installation, for a
    /// letter's link; `None` when the installation's address is not known.
    pub fn link(&self, path: &str) -> Option<String> {
        let base = self.public_url.as_ref()?;
        Some(format!("{}{path}", base.trim_end_matches('/')))
    }

    pub fn uses_smtp(&self) -> bool {
        self.smtp.is_some()
    }

    /// How a letter leaves: `smtp` or `outbox`, as the logs of letters record it.
    pub fn delivery(&self) -> &'static str {
        if self.uses_smtp() {
            "smtp"
        } else {
            "outbox"
        }
    }

    /// Sends `letter` to `to` and says what became of it, as the logs of letters record it:
    /// `sent` (SMTP), `queued` (in the outbox), or `failed` with the error.
    pub async fn dispatch(&self, to: &[String], letter: &Letter) -> (&'static str, Option<String>) {
        match (self.send(to, letter).await, self.uses_smtp()) {
            (Ok(()), true) => ("sent", None),
            (Ok(()), false) => ("queued", None),
            (Err(error), _) => ("failed", Some(error)),
        }
    }

    /// Sends `letter` to `to` through the SMTP server; nothing to do for the outbox, where the
    /// letter's record waits.
    async fn send(&self, to: &[String], letter: &Letter) -> Result<(), String> {
        let Some(smtp) = &self.smtp else {
            return Ok(());
        };
        let mut builder = Message::builder()
            .from(self.from.clone())
            .subject(letter.subject.clone())
            .header(ContentType::TEXT_PLAIN);
        for address in to {
            builder = builder.to(address
                .parse()
                .map_err(|e| format!("invalid recipient '{address}': {e}"))?);
        }
        // Quoted-printable keeps accented Spanish readable, line by line, in any mail system.
        let body = Body::new_with_encoding(
            letter.body.clone(),
            ContentTransferEncoding::QuotedPrintable,
        )
        .map_err(|_| "cannot encode the message".to_owned())?;
        let message = builder
            .body(body)
            .map_err(|e| format!("cannot build the message: {e}"))?;
        smtp.send(message)
            .await
            .map(|_| ())
            .map_err(|e| format!("SMTP: {e}"))
    }
}

/// A letter's subject and body: in the country's language first, then in the other.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Letter {
    pub language: Lang,
    pub subject: String,
    pub body: String,
}

impl Letter {
    /// The letter whose subject and text `part` writes in each language, `primary` first.
    pub fn bilingual(primary: Lang, part: impl Fn(Lang) -> (String, String)) -> Letter {
        let secondary = match primary {
            Lang::En => Lang::Es,
            Lang::Es => Lang::En,
        };
        let (subject, first) = part(primary);
        let (other_subject, second) = part(secondary);
        Letter {
            language: primary,
            subject: format!("{subject} / {other_subject}"),
            body: format!("{first}\n\n———\n\n{second}\n"),
        }
    }
}

/// Runs `check` (the letters due at the time `clock` tells: the server's is `Utc::now`) now and
/// then every `every`, for as long as the server runs. A failed check, even one that panics, is
/// logged and tried again at the next: each runs as a task of its own, so that nothing in it can
/// stop the loop. `letters` names what is sent, for the logs.
pub async fn send_every<T, Checked>(
    letters: &'static str,
    every: std::time::Duration,
    clock: fn() -> DateTime<Utc>,
    check: impl Fn(DateTime<Utc>) -> Checked,
) where
    Checked: Future<Output = Result<Vec<T>, AppError>> + Send + 'static,
    T: Send + 'static,
{
    let mut ticks = tokio::time::interval(every);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
        match tokio::spawn(check(clock())).await {
            Ok(Ok(sent)) if !sent.is_empty() => {
                tracing::info!(count = sent.len(), letters, "letters sent")
            }
            Ok(Ok(_)) => {}
            Ok(Err(error)) => tracing::error!(?error, letters, "sending letters failed"),
            Err(stopped) => tracing::error!(%stopped, letters, "the check for letters stopped"),
        }
    }
}
