//! Every page that shows the plan's state, on a past day (`?as_of=`), against the figures recomputed
//! for that day straight from the stored rows: the status history replayed event by event, the days
//! milestones were reached, and the days submissions were validated. The pages read the snapshot;
//! this reads the tables, so a page that shows today's state under a past date fails here.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use app::db::entities::{
    action, action_country, country, country_action, indicator, indicator_value, milestone,
    milestone_progress, protocol_article, reporting_round, status_event, submission,
};
use app::domain::{Direction, IndicatorKind, Status, SubmissionState};
use app::i18n::{format_percent, t, Lang};
use app::progress::indicators::{article_score, ArticleScore};
use app::progress::{ActionState, MilestoneState};
use tests::{get, Page, TestDatabase};

/// The days checked: before the 2025 round was validated (11 March – 16 April 2026), while it was
/// being validated, and after the demo history.
const DAYS: [&str; 3] = ["2025-12-31", "2026-03-31", "2026-10-15"];

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

/// One country's standing with one action on a day, recomputed from the rows.
#[derive(Clone, Debug)]
struct Truth {
    /// `None` before the country first reported on the action.
    status: Option<Status>,
    state: ActionState,
}

impl Truth {
    /// The status as the pages write it, with the delayed badge's word when delayed.
    fn status_text(&self, on: NaiveDate) -> String {
        let status = self.status.map_or_else(
            || t(Lang::En, "not-updated"),
            |s| t(Lang::En, s.label_key()),
        );
        if self.state.is_delayed(on) {
            format!("{status} {}", t(Lang::En, "status-delayed"))
        } else {
            status
        }
    }

    fn achieved(&self, on: NaiveDate) -> usize {
        self.state
            .milestones
            .iter()
            .filter(|m| m.achieved_on.is_some_and(|d| d <= on))
            .count()
    }
}

/// The plan's actions (code, id) in order, and every member country's standing with each on `on`,
/// by (ISO code, action code).
async fn standings_on(
    db: &DatabaseConnection,
    on: NaiveDate,
) -> (Vec<(String, i32)>, BTreeMap<(String, String), Truth>) {
    let plan = app::plan::queries::require_current_plan(db).await.unwrap();
    let actions = action::Entity::find()
        .filter(action::Column::PlanId.eq(plan.id))
        .filter(action::Column::RetiredOn.is_null())
        .order_by_asc(action::Column::SortOrder)
        .all(db)
        .await
        .unwrap();
    let members = country::Entity::find()
        .filter(country::Column::Membership.eq("member"))
        .all(db)
        .await
        .unwrap();
    let listed = action_country::Entity::find().all(db).await.unwrap();
    let records = country_action::Entity::find().all(db).await.unwrap();
    let events = status_event::Entity::find()
        .order_by_asc(status_event::Column::OccurredAt)
        .order_by_asc(status_event::Column::Id)
        .all(db)
        .await
        .unwrap();
    let milestones = milestone::Entity::find()
        .filter(milestone::Column::RetiredOn.is_null())
        .order_by_asc(milestone::Column::SortOrder)
        .all(db)
        .await
        .unwrap();
    let reached = milestone_progress::Entity::find().all(db).await.unwrap();

    let mut truths = BTreeMap::new();
    for a in &actions {
        let takers: Vec<i32> = listed
            .iter()
            .filter(|l| l.action_id == a.id)
            .map(|l| l.country_id)
            .collect();
        for c in &members {
            let record = records
                .iter()
                .find(|r| r.action_id == a.id && r.country_id == c.id);
            let status = if !takers.is_empty() && !takers.contains(&c.id) {
                Some(Status::NotApplicable)
            } else {
                record.and_then(|r| status_of_record(r, &events, on))
            };
            let state = ActionState {
                status: status.unwrap_or(Status::NotStarted),
                weight: a.weight,
                end_year: a.end_year.unwrap_or(plan.end_year),
                milestones: milestones
                    .iter()
                    .filter(|m| m.action_id == a.id)
                    .map(|m| MilestoneState {
                        due_on: m.due_on,
                        weight: m.weight,
                        achieved_on: reached
                            .iter()
                            .find(|p| p.milestone_id == m.id && p.country_id == c.id)
                            .and_then(|p| p.achieved_on),
                    })
                    .collect(),
            };
            truths.insert((c.iso2.clone(), a.code.clone()), Truth { status, state });
        }
    }
    let codes = actions.iter().map(|a| (a.code.clone(), a.id)).collect();
    (codes, truths)
}

/// The status of `record` on `on`, replaying its events: the last status change by then; before
/// its first change, the status that change started from; none before its first event of any
/// kind (not reported yet). A record with no event at all was reported all along.
fn status_of_record(
    record: &country_action::Model,
    events: &[status_event::Model],
    on: NaiveDate,
) -> Option<Status> {
    let own: Vec<&status_event::Model> = events
        .iter()
        .filter(|e| e.country_action_id == record.id)
        .collect();
    let status_in = |value: &Option<serde_json::Value>| {
        value
            .as_ref()
            .and_then(|v| v["status"].as_str())
            .and_then(Status::from_code)
    };
    let Some(first) = own.first() else {
        return Status::from_code(&record.status);
    };
    if first.occurred_at.date_naive() > on {
        return None;
    }
    let changes: Vec<&&status_event::Model> = own.iter().filter(|e| e.kind == "status").collect();
    let last_by_then = changes.iter().rfind(|e| e.occurred_at.date_naive() <= on);
    match (last_by_then, changes.first()) {
        (Some(event), _) => status_in(&event.after),
        (None, Some(first_change)) => status_in(&first_change.before).or(Some(Status::NotStarted)),
        (None, None) => Status::from_code(&record.status),
    }
}

/// The day each (country id, year) submission was validated.
async fn validation_days(db: &DatabaseConnection) -> HashMap<(i32, i32), NaiveDate> {
    let rounds: HashMap<i32, i32> = reporting_round::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| (r.id, r.year))
        .collect();
    submission::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .filter_map(|s| {
            Some((
                (s.country_id, rounds[&s.round_id]),
                s.validated_at?.date_naive(),
            ))
        })
        .collect()
}

/// Every validated value of a yes/no or scale indicator whose submission was validated by `on`,
/// as (country id, year, article number, kind, direction, value).
async fn values_known_on(
    db: &DatabaseConnection,
    on: NaiveDate,
) -> Vec<(i32, i32, i32, IndicatorKind, Direction, f64)> {
    let validated = validation_days(db).await;
    let articles: HashMap<i32, i32> = protocol_article::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|a| (a.id, a.number))
        .collect();
    let indicators: HashMap<i32, indicator::Model> = indicator::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|i| (i.id, i))
        .collect();
    indicator_value::Entity::find()
        .filter(indicator_value::Column::State.eq(SubmissionState::Validated.code()))
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .filter(|v| {
            validated
                .get(&(v.country_id, v.year))
                .is_none_or(|validated_on| *validated_on <= on)
        })
        .filter_map(|v| {
            let info = &indicators[&v.indicator_id];
            let kind = IndicatorKind::from_code(&info.kind).unwrap();
            let scored = info.retired_at.is_none()
                && matches!(kind, IndicatorKind::YesNo | IndicatorKind::Scale0To4);
            scored.then(|| {
                (
                    v.country_id,
                    v.year,
                    articles[&info.article_id],
                    kind,
                    Direction::from_code(&info.direction).unwrap(),
                    v.value.unwrap(),
                )
            })
        })
        .collect()
}

#[tokio::test]
async fn the_matrix_country_and_action_pages_show_the_state_of_the_day_asked_for() {
    let test = TestDatabase::new(true).await;
    let router = test.router_as("reviewer@demo.enlace").await;
    for text in DAYS {
        let on = day(text);
        let (actions, truths) = standings_on(&test.db, on).await;

        let matrix = get(&router, &format!("/matrix?as_of={text}&lang=en"), &[]).await;
        matrix.assert_contains(&format!("data-as-of=\"{text}\""));
        let matrix = Page::parse(&matrix.body);
        for ((iso2, code), truth) in &truths {
            let shown = matrix.text(&format!(
                "tr[data-action=\"{code}\"] td[data-country=\"{iso2}\"]"
            ));
            assert_eq!(
                shown,
                truth.status_text(on),
                "matrix {code} {iso2} on {text}"
            );
        }

        for iso2 in truths
            .keys()
            .map(|(iso2, _)| iso2)
            .collect::<std::collections::BTreeSet<_>>()
        {
            let page = get(
                &router,
                &format!("/countries/{}?as_of={text}&lang=en", iso2.to_lowercase()),
                &[],
            )
            .await;
            let page = Page::parse(&page.body);
            for (code, _) in &actions {
                let truth = &truths[&(iso2.clone(), code.clone())];
                let row = format!(
                    "tr:has(a[href=\"/countries/{}/actions/{code}\"])",
                    iso2.to_lowercase()
                );
                let cells = page.texts(&format!("{row} td"));
                assert_eq!(cells[0], truth.status_text(on), "{iso2} {code} on {text}");
                let progress = truth
                    .state
                    .progress(on)
                    .map_or_else(|| "—".to_owned(), |p| format_percent(Lang::En, p));
                assert_eq!(cells[1], progress, "{iso2} {code} on {text}");
                let milestones =
                    format!("{} of {}", truth.achieved(on), truth.state.milestones.len());
                assert_eq!(cells[2], milestones, "{iso2} {code} on {text}");
            }
        }

        for (code, _) in &actions {
            let page = get(
                &router,
                &format!("/actions/{code}?as_of={text}&lang=en"),
                &[],
            )
            .await;
            let page = Page::parse(&page.body);
            for ((iso2, action), truth) in &truths {
                if action != code {
                    continue;
                }
                let cells = page.texts(&format!("tr[data-country=\"{iso2}\"] td"));
                let status = truth.status.map_or_else(
                    || t(Lang::En, "not-updated"),
                    |s| t(Lang::En, s.label_key()),
                );
                assert_eq!(cells[0], status, "{code} {iso2} on {text}");
                let milestones =
                    format!("{} of {}", truth.achieved(on), truth.state.milestones.len());
                assert_eq!(cells[1], milestones, "{code} {iso2} on {text}");
            }
        }
    }
}

/// An article's score as the scorecard's cells write it: the share met, else the scale's level.
fn score_text(score: &ArticleScore) -> String {
    score
        .yes_no_met
        .or(score.scale)
        .map_or_else(|| "—".to_owned(), |share| format_percent(Lang::En, share))
}

#[tokio::test]
async fn the_scorecards_and_indicator_pages_show_what_had_been_validated_by_the_day_asked_for() {
    let test = TestDatabase::new(true).await;
    let router = test.router_as("reviewer@demo.enlace").await;
    let members = country::Entity::find()
        .filter(country::Column::Membership.eq("member"))
        .order_by_asc(country::Column::NameEn)
        .all(&test.db)
        .await
        .unwrap();
    let articles: Vec<i32> = {
        let card = app::indicators::queries::scorecard(&test.db).await.unwrap();
        card.articles.iter().map(|a| a.number).collect()
    };
    let mut years_seen = Vec::new();
    for text in DAYS {
        let on = day(text);
        let known = values_known_on(&test.db, on).await;
        let scorecard = Page::parse(
            &get(&router, &format!("/scorecard?as_of={text}&lang=en"), &[])
                .await
                .body,
        );
        let dashboard = Page::parse(
            &get(&router, &format!("/?as_of={text}&lang=en"), &[])
                .await
                .body,
        );
        let chart_rows = dashboard.texts("#chart-scorecard tbody tr");
        assert_eq!(chart_rows.len(), members.len());
        for (c, chart_row) in members.iter().zip(&chart_rows) {
            let own: Vec<_> = known.iter().filter(|v| v.0 == c.id).collect();
            let year = own.iter().map(|v| v.1).max();
            let shown_year =
                scorecard.text(&format!("tr[data-country=\"{}\"] td:first-of-type", c.iso2));
            let expected_year =
                year.map_or_else(|| t(Lang::En, "scorecard-no-data"), |y| y.to_string());
            assert_eq!(shown_year, expected_year, "{} on {text}", c.iso2);
            years_seen.push(year);

            let scores: Vec<String> = articles
                .iter()
                .map(|article| {
                    let values: Vec<_> = own
                        .iter()
                        .filter(|v| Some(v.1) == year && v.2 == *article)
                        .map(|v| (v.3, v.4, v.5))
                        .collect();
                    score_text(&article_score(&values))
                })
                .collect();
            let expected_row = format!("{} {}", c.name_en, scores.join(" "));
            assert_eq!(
                *chart_row, expected_row,
                "dashboard scorecard, {} on {text}",
                c.iso2
            );
        }

        // An indicator's page: the years and values validated by then, nothing submitted since.
        let page = Page::parse(
            &get(
                &router,
                &format!("/indicators/SEA-01?as_of={text}&lang=en"),
                &[],
            )
            .await
            .body,
        );
        let sea = indicator::Entity::find()
            .filter(indicator::Column::Code.eq("SEA-01"))
            .one(&test.db)
            .await
            .unwrap()
            .unwrap();
        let expected = known_values_of(&test.db, sea.id, on).await;
        for c in &members {
            let shown: Vec<String> = page.attributes(
                &format!("tr[data-country=\"{}\"] td[data-year]", c.iso2),
                "data-year",
            );
            let years: Vec<String> = expected
                .iter()
                .filter(|(country, _)| *country == c.id)
                .map(|(_, year)| year.to_string())
                .collect();
            assert_eq!(shown, years, "SEA-01 {} on {text}", c.iso2);
        }
    }
    // The days checked tell the rounds apart: nothing validated at the end of 2025, all of 2025's
    // round after the demo history.
    assert!(years_seen[..members.len()].iter().all(Option::is_none));
    assert!(years_seen[2 * members.len()..]
        .iter()
        .all(|y| *y == Some(2025)));
}

/// The (country id, year) of every validated value of the indicator `indicator_id` whose submission
/// was validated by `on`, by year.
async fn known_values_of(
    db: &DatabaseConnection,
    indicator_id: i32,
    on: NaiveDate,
) -> Vec<(i32, i32)> {
    let validated = validation_days(db).await;
    let mut values: Vec<(i32, i32)> = indicator_value::Entity::find()
        .filter(indicator_value::Column::IndicatorId.eq(indicator_id))
        .filter(indicator_value::Column::State.eq(SubmissionState::Validated.code()))
        .filter(indicator_value::Column::Value.is_not_null())
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .filter(|v| {
            validated
                .get(&(v.country_id, v.year))
                .is_none_or(|d| *d <= on)
        })
        .map(|v| (v.country_id, v.year))
        .collect();
    values.sort_by_key(|(_, year)| *year);
    values
}

#[tokio::test]
async fn a_date_outside_the_plan_or_unreadable_gets_a_notice_on_every_page() {
    let test = TestDatabase::new(true).await;
    let router = test.router_as("reviewer@demo.enlace").await;
    for path in [
        "/matrix",
        "/countries/cr",
        "/actions/1.1",
        "/scorecard",
        "/indicators/SEA-01",
    ] {
        for (lang, early, garbled) in [
            (Lang::En, "outside the plan's period", "could not be read"),
            (Lang::Es, "fuera del período del plan", "No se pudo leer"),
        ] {
            let page = get(
                &router,
                &format!("{path}?as_of=2019-05-01&lang={}", lang.code()),
                &[],
            )
            .await;
            assert_eq!(page.status, axum::http::StatusCode::OK, "{path}");
            page.assert_contains(early);
            page.assert_contains("data-as-of=\"2025-01-01\"");
            let page = get(
                &router,
                &format!("{path}?as_of=%3Cb%3Eyesterday&lang={}", lang.code()),
                &[],
            )
            .await;
            assert_eq!(page.status, axum::http::StatusCode::OK, "{path}");
            page.assert_contains(garbled);
            page.assert_lacks("<b>yesterday");
        }
    }
}
