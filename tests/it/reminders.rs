//! Reminders to countries that owe their submission, with a fake clock: each automatic rule reaches
//! each such country exactly once, also across a restart (a new mailer on the same database); by
//! hand from the tracker; through a real SMTP conversation with a small server started here, in the
//! country's language first; into the outbox when no SMTP server is configured.

use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

use app::db::entities::{country, reminder};
use app::domain::Role;
use app::mail::Mailer;
use app::rounds::reminders::{remind_by_hand, send_due_reminders};
use app::rounds::rules::Step;
use app::rounds::service::{open_round, take_step, StepRequest};
use app::rounds::types::RoundSettings;
use tests::{get, post_form, TestDatabase};

const SECRETARIAT: &str = "secretary@rcm.test";

fn at(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

/// A database without demo data, with the 2026 round due on the 10th of December 2026 (reminders 7
/// days before and 3 after), a secretariat account and focal points for Costa Rica (two), Canada and
/// Mexico. Mexico has submitted; Costa Rica has a draft; the other members have not started.
async fn round_due_on_the_tenth() -> TestDatabase {
    let test = TestDatabase::new(false).await;
    test.add_user(SECRETARIAT, Role::Secretariat, None, false)
        .await;
    for (email, iso2) in [
        ("ana@cr.test", "CR"),
        ("luis@cr.test", "CR"),
        ("jo@ca.test", "CA"),
        ("pedro@mx.test", "MX"),
    ] {
        test.add_user(email, Role::FocalPoint, Some(iso2), false)
            .await;
    }
    let secretariat = test.viewer(SECRETARIAT).await;
    open_round(
        &test.db,
        &secretariat,
        &RoundSettings {
            year: 2026,
            opens_on: "2026-11-01".parse().unwrap(),
            due_on: "2026-12-10".parse().unwrap(),
            remind_before_days: vec![7],
            remind_after_days: vec![3],
        },
        at("2026-11-01T09:00:00Z"),
    )
    .await
    .unwrap();
    for (email, iso2, submit) in [("ana@cr.test", "CR", false), ("pedro@mx.test", "MX", true)] {
        let focal = test.viewer(email).await;
        app::indicators::service::save_values(
            &test.db,
            &focal,
            &app::indicators::service::ValuesInput {
                country: iso2.into(),
                year: 2026,
                version: 0,
                values: vec![app::indicators::rules::ValueForm {
                    indicator: "SEA-01".into(),
                    value: "yes".into(),
                    source: "Gazette".into(),
                    ..Default::default()
                }],
            },
            at("2026-11-20T09:00:00Z"),
        )
        .await
        .unwrap();
        if submit {
            let request = StepRequest {
                country: iso2.into(),
                year: 2026,
                step: Step::Submit,
                version: 1,
                reason: String::new(),
            };
            take_step(&test.db, &focal, &request, at("2026-11-21T09:00:00Z"))
                .await
                .unwrap();
        }
    }
    test
}

/// Every reminder recorded: (country, rule, outcome, recipients), in the order they were recorded.
async fn recorded(test: &TestDatabase) -> Vec<(String, Option<String>, String, String)> {
    let countries: std::collections::HashMap<i32, String> = country::Entity::find()
        .all(&test.db)
        .await
        .unwrap()
        .into_iter()
        .map(|c| (c.id, c.iso2))
        .collect();
    reminder::Entity::find()
        .order_by_asc(reminder::Column::Id)
        .all(&test.db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| {
            (
                countries[&r.country_id].clone(),
                r.automatic_rule,
                r.outcome,
                r.recipients,
            )
        })
        .collect()
}

#[tokio::test]
async fn each_rule_reminds_each_late_country_once_across_restarts() {
    let test = round_due_on_the_tenth().await;
    let mailer = Mailer::outbox(None);

    // Eight days before: nothing yet.
    let sent = send_due_reminders(&test.db, &mailer, at("2026-12-02T08:00:00Z"))
        .await
        .unwrap();
    assert!(sent.is_empty());

    // Seven days before: every member that owes its submission, Mexico (submitted) aside.
    let sent = send_due_reminders(&test.db, &mailer, at("2026-12-03T08:00:00Z"))
        .await
        .unwrap();
    assert_eq!(sent.len(), 10);
    let log = recorded(&test).await;
    assert!(log
        .iter()
        .all(|(iso2, rule, _, _)| iso2 != "MX" && rule.as_deref() == Some("before-7")));
    let costa_rica = log.iter().find(|(iso2, ..)| iso2 == "CR").unwrap();
    assert_eq!(
        (costa_rica.2.as_str(), costa_rica.3.as_str()),
        ("queued", "ana@cr.test, luis@cr.test")
    );
    let guatemala = log.iter().find(|(iso2, ..)| iso2 == "GT").unwrap();
    assert_eq!(
        guatemala.2, "no_recipients",
        "recorded, so that it is not retried"
    );

    // Later the same day, and after a restart (a new mailer, the same database): nothing again.
    let sent = send_due_reminders(&test.db, &mailer, at("2026-12-03T17:00:00Z"))
        .await
        .unwrap();
    assert!(sent.is_empty());
    let restarted = Mailer::outbox(None);
    let sent = send_due_reminders(&test.db, &restarted, at("2026-12-05T08:00:00Z"))
        .await
        .unwrap();
    assert!(sent.is_empty());

    // Costa Rica submits on the 11th; three days after the due date the others get the second rule.
    let focal = test.viewer("luis@cr.test").await;
    let request = StepRequest {
        country: "CR".into(),
        year: 2026,
        step: Step::Submit,
        version: 1,
        reason: String::new(),
    };
    take_step(&test.db, &focal, &request, at("2026-12-11T10:00:00Z"))
        .await
        .unwrap();
    let sent = send_due_reminders(&test.db, &restarted, at("2026-12-13T08:00:00Z"))
        .await
        .unwrap();
    assert_eq!(sent.len(), 9);
    let sent = send_due_reminders(&test.db, &restarted, at("2026-12-31T08:00:00Z"))
        .await
        .unwrap();
    assert!(sent.is_empty());

    let log = recorded(&test).await;
    for iso2 in ["BZ", "CA", "DO", "GT", "HN", "NI", "PA", "SV", "US"] {
        let rules: Vec<_> = log
            .iter()
            .filter(|(country, ..)| country == iso2)
            .map(|(_, rule, ..)| rule.clone().unwrap())
            .collect();
        assert_eq!(rules, ["before-7", "after-3"], "{iso2}");
    }
    let costa_rica: Vec<_> = log.iter().filter(|(iso2, ..)| iso2 == "CR").collect();
    assert_eq!(costa_rica.len(), 1, "submitted before the second rule");
    assert!(log.iter().all(|(iso2, ..)| iso2 != "MX"));
}

#[tokio::test]
async fn a_reminder_by_hand_is_logged_and_waits_in_the_outbox_without_smtp() {
    let test = round_due_on_the_tenth().await;
    let router = test.router_as(SECRETARIAT).await;
    let reply = post_form(&router, "/api/rounds/remind", "country=CR&year=2026", &[]).await;
    assert!(
        reply.status.is_redirection() || reply.status.is_success(),
        "{}",
        reply.body
    );
    let log = recorded(&test).await;
    assert_eq!(
        log,
        [(
            "CR".to_owned(),
            None,
            "queued".to_owned(),
            "ana@cr.test, luis@cr.test".to_owned()
        )]
    );
    let outbox = get(&router, "/outbox", &[]).await;
    outbox.assert_contains("ana@cr.test, luis@cr.test");
    outbox.assert_contains("Enlace: Costa Rica, ronda de informe 2026");
    let tracker = get(&router, "/rounds/2026", &[]).await;
    tracker.assert_contains("in the outbox");

    // Mexico has submitted: nothing to remind it of, and nothing recorded.
    let page = tests::submit_from_page(
        &router,
        "/rounds/2026",
        "/api/rounds/remind",
        "country=MX&year=2026",
        "en",
    )
    .await;
    page.assert_contains("already submitted");
    assert_eq!(recorded(&test).await.len(), 1);
    // A focal point cannot send reminders.
    let focal = test.router_as("ana@cr.test").await;
    let reply = post_form(&focal, "/api/rounds/remind", "country=CA&year=2026", &[]).await;
    assert_eq!(reply.status, 403);
}

/// One message as the SMTP server received it.
#[derive(Clone, Debug, Default)]
struct Received {
    recipients: Vec<String>,
    data: String,
}

/// A minimal SMTP server on a free local port that accepts every message; returns its port and
/// what it received.
async fn start_smtp_server() -> (u16, Arc<Mutex<Vec<Received>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let inbox = Arc::new(Mutex::new(Vec::new()));
    let shared = inbox.clone();
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                return;
            };
            let inbox = shared.clone();
            tokio::spawn(async move {
                let (read, mut write) = stream.into_split();
                let mut lines = BufReader::new(read).lines();
                write.write_all(b"220 smtp.test ESMTP\r\n").await.unwrap();
                let mut message = Received::default();
                while let Ok(Some(line)) = lines.next_line().await {
                    let command = line.to_ascii_uppercase();
                    let answer: &[u8] =
                        if command.starts_with("EHLO") || command.starts_with("HELO") {
                            b"250-smtp.test\r\n250 8BITMIME\r\n"
                        } else if command.starts_with("RCPT TO:") {
                            message
                                .recipients
                                .push(line[8..].trim().trim_matches(['<', '>']).to_owned());
                            b"250 OK\r\n"
                        } else if command.starts_with("DATA") {
                            write.write_all(b"354 go ahead\r\n").await.unwrap();
                            while let Ok(Some(data)) = lines.next_line().await {
                                if data == "." {
                                    break;
                                }
                                message.data.push_str(&data);
                                message.data.push('\n');
                            }
                            inbox.lock().unwrap().push(std::mem::take(&mut message));
                            b"250 queued\r\n"
                        } else if command.starts_with("QUIT") {
                            write.write_all(b"221 bye\r\n").await.unwrap();
                            return;
                        } else {
                            b"250 OK\r\n"
                        };
                    write.write_all(answer).await.unwrap();
                }
            });
        }
    });
    (port, inbox)
}

/// The text of a quoted-printable body.
fn decode_quoted_printable(text: &str) -> String {
    let mut bytes = Vec::new();
    let mut chars = text.replace("=\n", "").into_bytes().into_iter();
    while let Some(byte) = chars.next() {
        if byte == b'=' {
            let high = chars.next().unwrap();
            let low = chars.next().unwrap();
            let hex = String::from_utf8(vec![high, low]).unwrap();
            bytes.push(u8::from_str_radix(&hex, 16).unwrap());
        } else {
            bytes.push(byte);
        }
    }
    String::from_utf8(bytes).unwrap()
}

/// The body of a received message, decoded.
fn body(message: &Received) -> String {
    let (headers, body) = message.data.split_once("\n\n").unwrap();
    assert!(
        headers.contains("Content-Transfer-Encoding: quoted-printable"),
        "{headers}"
    );
    decode_quoted_printable(body)
}

#[tokio::test]
async fn smtp_reminders_arrive_in_the_countrys_language_first() {
    let test = round_due_on_the_tenth().await;
    let (port, inbox) = start_smtp_server().await;
    let mailer = Mailer::smtp(
        &format!("smtp://127.0.0.1:{port}"),
        "Enlace <enlace@rcm.test>",
        Some("https://enlace.rcm.test".into()),
    )
    .unwrap();
    let secretariat = test.viewer(SECRETARIAT).await;
    for iso2 in ["CR", "CA"] {
        let sent = remind_by_hand(
            &test.db,
            &mailer,
            &secretariat,
            iso2,
            2026,
            at("2026-12-12T09:00:00Z"),
        )
        .await
        .unwrap();
        assert_eq!(sent.outcome, "sent", "{:?}", sent.error);
    }
    let received = inbox.lock().unwrap().clone();
    assert_eq!(received.len(), 2);

    let costa_rica = &received[0];
    assert_eq!(costa_rica.recipients, ["ana@cr.test", "luis@cr.test"]);
    let text = body(costa_rica);
    assert!(
        text.starts_with("La ronda de informe 2026 del plan regional"),
        "Spanish first:\n{text}"
    );
    assert!(
        text.contains("Venció el 10 dic 2026, hace 2 días."),
        "{text}"
    );
    assert!(
        text.contains("The 2026 reporting round"),
        "English second:\n{text}"
    );
    assert!(text.contains("https://enlace.rcm.test/countries/cr/indicators?year=2026"));

    let canada = &received[1];
    assert_eq!(canada.recipients, ["jo@ca.test"]);
    let text = body(canada);
    assert!(
        text.starts_with("The 2026 reporting round"),
        "English first:\n{text}"
    );
    assert!(
        text.contains("It was due on 10 Dec 2026, 2 days ago."),
        "{text}"
    );
}

#[tokio::test]
async fn an_unreachable_smtp_server_is_recorded_as_a_failure() {
    let test = round_due_on_the_tenth().await;
    // A port that was free a moment ago: nothing listens there.
    let port = TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mailer =
        Mailer::smtp(&format!("smtp://127.0.0.1:{port}"), "enlace@rcm.test", None).unwrap();
    let secretariat = test.viewer(SECRETARIAT).await;
    let sent = remind_by_hand(
        &test.db,
        &mailer,
        &secretariat,
        "CA",
        2026,
        at("2026-12-12T09:00:00Z"),
    )
    .await
    .unwrap();
    assert_eq!(sent.outcome, "failed");
    assert!(sent.error.unwrap().starts_with("SMTP"));
    let stored = reminder::Entity::find()
        .filter(reminder::Column::Outcome.eq("failed"))
        .all(&test.db)
        .await
        .unwrap();
    assert_eq!(stored.len(), 1);
}

#[tokio::test]
async fn one_broken_round_does_not_stop_the_reminders_of_the_others() {
    use app::db::entities::{reporting_round, submission};
    use sea_orm::{ActiveModelTrait, ActiveValue::Set, PaginatorTrait};
    let test = round_due_on_the_tenth().await;
    let plan_id = reporting_round::Entity::find()
        .one(&test.db)
        .await
        .unwrap()
        .unwrap()
        .plan_id;
    let costa_rica = country::Entity::find()
        .filter(country::Column::Iso2.eq("CR"))
        .one(&test.db)
        .await
        .unwrap()
        .unwrap();
    let round = |year: i32, opens: chrono::NaiveDate, due: chrono::NaiveDate| {
        reporting_round::ActiveModel {
            plan_id: Set(plan_id),
            year: Set(year),
            opens_on: Set(opens),
            due_on: Set(due),
            state: Set("open".to_owned()),
            remind_before_days: Set("7, 1".to_owned()),
            remind_after_days: Set("0, 7".to_owned()),
            ..Default::default()
        }
    };
    let day = |text: &str| text.parse::<chrono::NaiveDate>().unwrap();
    // What an older database may hold, in rounds checked before the sound one of 2026: dates at the
    // calendar's ends, and a submission in a state no version of Enlace wrote.
    round(2024, day("-0001-01-01"), day("+262142-12-31"))
        .insert(&test.db)
        .await
        .unwrap();
    let unreadable = round(2025, day("2026-11-01"), day("2026-12-01"))
        .insert(&test.db)
        .await
        .unwrap();
    submission::ActiveModel {
        round_id: Set(unreadable.id),
        country_id: Set(costa_rica.id),
        state: Set("lost_in_transit".to_owned()),
        updated_at: Set(at("2026-11-01T09:00:00Z")),
        version: Set(0),
        ..Default::default()
    }
    .insert(&test.db)
    .await
    .unwrap();

    let sent = send_due_reminders(&test.db, &Mailer::outbox(None), at("2026-12-03T08:00:00Z"))
        .await
        .unwrap();
    assert_eq!(sent.len(), 10, "the sound round's reminders all go");

    // The task that checks every quarter of an hour goes on past the broken rounds to a round
    // due today, whose reminder it sends.
    let today = Utc::now().date_naive();
    let due_today = round(2029, today, today).insert(&test.db).await.unwrap();
    submission::ActiveModel {
        round_id: Set(due_today.id),
        country_id: Set(costa_rica.id),
        state: Set("not_started".to_owned()),
        updated_at: Set(Utc::now()),
        version: Set(0),
        ..Default::default()
    }
    .insert(&test.db)
    .await
    .unwrap();
    let task = tokio::spawn(app::rounds::reminders::send_reminders_every(
        test.db.clone(),
        Mailer::outbox(None),
        std::time::Duration::from_millis(50),
        Utc::now,
    ));
    let reminded = || async {
        reminder::Entity::find()
            .filter(reminder::Column::RoundId.eq(due_today.id))
            .filter(reminder::Column::Outcome.eq("queued"))
            .count(&test.db)
            .await
            .unwrap()
    };
    let started = std::time::Instant::now();
    while reminded().await == 0 {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(10),
            "the reminder task reached the round due today"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(!task.is_finished(), "the reminder task is still running");
    task.abort();
}

/// The reminder task as the server runs it: two servers' tasks checking every few milliseconds
/// record exactly what one check records, each late country reminded once by each rule that fell
/// due, however often and however concurrently they look.
#[tokio::test]
async fn two_servers_reminder_tasks_remind_each_late_country_once() {
    fn three_days_after_the_due_date() -> DateTime<Utc> {
        at("2026-12-13T10:00:00Z")
    }
    // What one check records, on a database of its own.
    let once = round_due_on_the_tenth().await;
    send_due_reminders(
        &once.db,
        &Mailer::outbox(None),
        three_days_after_the_due_date(),
    )
    .await
    .unwrap();
    let expected = recorded(&once).await;
    assert!(expected.len() > 5, "{expected:#?}");

    let test = round_due_on_the_tenth().await;
    let every = std::time::Duration::from_millis(5);
    let tasks: Vec<_> = (0..2)
        .map(|_| {
            tokio::spawn(app::rounds::reminders::send_reminders_every(
                test.db.clone(),
                Mailer::outbox(None),
                every,
                three_days_after_the_due_date,
            ))
        })
        .collect();
    let waited = std::time::Instant::now();
    while recorded(&test).await.len() < expected.len() && waited.elapsed().as_secs() < 20 {
        tokio::time::sleep(every).await;
    }
    // Many more checks by both tasks: none may remind anyone again.
    tokio::time::sleep(every * 40).await;
    for task in tasks {
        assert!(!task.is_finished(), "the reminder task is still running");
        task.abort();
    }
    let sorted = |mut reminders: Vec<(String, Option<String>, String, String)>| {
        reminders.sort();
        reminders
    };
    assert_eq!(sorted(recorded(&test).await), sorted(expected));
}
