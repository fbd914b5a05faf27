//! Gathering the annual report of a year from the dashboards' snapshot (the plan's state and
//! history), the validated indicator values and the year's reporting round; and the reports kept.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, FromQueryResult, QueryFilter, QueryOrder,
    QuerySelect,
};

use super::types::{
    AnnualReport, CountryAction, CountryIndicator, CountrySection, DelayedAction, KeptReport,
    ReportFormat, RoundSummary, SubmissionLine, YearInReview,
};
use crate::dashboards::figures::{self, ActionName, CountryRef, PeriodEvents};
use crate::dashboards::snapshot::Snapshot;
use crate::db::codes::decode;
use crate::db::entities::{
    action, app_user, country_action, generated_report, reporting_round, submission,
};
use crate::domain::{Bilingual, Membership, SubmissionState};
use crate::error::{AppError, Problem};
use crate::i18n::Lang;
use crate::indicators::types::IndicatorOfYear;
use crate::plan::queries::plan_by_code;
use crate::rounds::rules::{owes_submission, Timeliness};

/// The report of `year` for the plan of `snapshot`, with the figures as they stood at the year's
/// end (or `today`, for the year under way). A year without a reporting round is refused with a
/// problem on the year.
pub async fn annual_report(
    db: &DatabaseConnection,
    snapshot: &Snapshot,
    year: i32,
    today: NaiveDate,
) -> Result<AnnualReport, AppError> {
    let plan = plan_by_code(db, &snapshot.plan)
        .await?
        .ok_or(AppError::NotFound)?;
    let round = round_of_year(db, plan.id, year).await?;
    let (from, as_of) = report_period(snapshot, year, today)?;

    let region = snapshot.structure(Membership::Member, None, as_of);
    let numbers = figures::regional(&region, &snapshot.states_on(&region, as_of), as_of);

    let inputs = YearInputs {
        snapshot,
        from,
        as_of,
        today,
        due_on: round.due_on,
        narratives: narratives(db, plan.id).await?,
        indicators: crate::indicators::queries::indicators_of_year(db, year).await?,
        submissions: submission::Entity::find()
            .filter(submission::Column::RoundId.eq(round.id))
            .all(db)
            .await?,
    };

    let mut members = region.countries.clone();
    members.sort_by(|a, b| a.name.en.cmp(&b.name.en));
    let mut sections = Vec::new();
    let mut review = YearInReview {
        milestones_achieved: 0,
        milestones_due: 0,
        completed: Vec::new(),
        became_delayed: Vec::new(),
        into_compliance: Vec::new(),
        out_of_compliance: Vec::new(),
    };
    for member in &members {
        sections.push(country_section(&inputs, member, &mut review)?);
    }
    let lines = sections
        .iter()
        .filter_map(|section| section.submission.clone())
        .collect();

    Ok(AnnualReport {
        plan_code: plan.code.clone(),
        plan_title: Bilingual::new(plan.title_en, plan.title_es),
        year,
        as_of,
        regional: numbers.regional,
        regional_basis: numbers.regional_basis,
        themes: numbers.themes,
        countries: numbers.countries,
        year_in_review: review,
        sections,
        scorecard: crate::indicators::queries::scorecard_source(db)
            .await?
            .view(Some(year), None),
        round: RoundSummary {
            due_on: round.due_on,
            submissions: lines,
        },
        legislation: legislation_of_year(db, &inputs.submissions, today).await?,
        outlook: crate::outlook::queries::outlook_view(
            snapshot,
            None,
            Some(&as_of.to_string()),
            today,
        ),
    })
}

/// The member countries' legislation matrix as the year's round validated it: each country's as
/// its submission locked it and the validation verified it, or as it stands at the end of `today`
/// where the submission is not validated (yet, or again).
async fn legislation_of_year(
    db: &DatabaseConnection,
    submissions: &[submission::Model],
    today: NaiveDate,
) -> Result<crate::legislation::types::MatrixView, AppError> {
    use crate::legislation::queries::{matrix_at, Cutoff};
    let cutoffs = submissions
        .iter()
        .filter(|s| s.state == SubmissionState::Validated.code())
        .filter_map(|s| {
            let cutoff = Cutoff {
                saved_by: s.submitted_at?,
                verified_by: s.validated_at?,
            };
            Some((s.country_id, cutoff))
        })
        .collect();
    let end_of_today = today
        .succ_opt()
        .unwrap_or(today)
        .and_time(chrono::NaiveTime::MIN)
        .and_utc();
    let otherwise = Cutoff {
        saved_by: end_of_today,
        verified_by: end_of_today,
    };
    matrix_at(db, &cutoffs, otherwise).await
}

/// The reporting round of `year` of the plan `plan_id`, or the refusal of a year without one.
async fn round_of_year(
    db: &DatabaseConnection,
    plan_id: i32,
    year: i32,
) -> Result<reporting_round::Model, AppError> {
    reporting_round::Entity::find()
        .filter(reporting_round::Column::PlanId.eq(plan_id))
        .filter(reporting_round::Column::Year.eq(year))
        .one(db)
        .await?
        .ok_or_else(no_round)
}

/// The refusal of a report for a year without a reporting round.
fn no_round() -> AppError {
    AppError::Invalid(vec![Problem::new("year", "problem-report-no-round")])
}

/// The first day the year's events count from (the year's first day, or the plan's if later) and
/// the day its figures stand on (the year's last day, or `today` for the year under way, within
/// the plan). A year the calendar cannot hold is refused as one without a round.
fn report_period(
    snapshot: &Snapshot,
    year: i32,
    today: NaiveDate,
) -> Result<(NaiveDate, NaiveDate), AppError> {
    let year_start = NaiveDate::from_ymd_opt(year, 1, 1).ok_or_else(no_round)?;
    let year_end = NaiveDate::from_ymd_opt(year, 12, 31).ok_or_else(no_round)?;
    let as_of = year_end
        .min(today)
        .clamp(snapshot.plan_start, snapshot.plan_end);
    Ok((year_start.max(snapshot.plan_start), as_of))
}

/// What the report reads once for its year, and each country's section draws from.
struct YearInputs<'a> {
    snapshot: &'a Snapshot,
    /// The first day the year's events count from (`report_period`).
    from: NaiveDate,
    /// The day the figures stand on.
    as_of: NaiveDate,
    today: NaiveDate,
    /// The round's due date.
    due_on: NaiveDate,
    /// By (country id, action code).
    narratives: HashMap<(i32, String), Bilingual>,
    /// By country id.
    indicators: HashMap<i32, Vec<IndicatorOfYear>>,
    /// The round's submissions.
    submissions: Vec<submission::Model>,
}

/// The section of `member`, whose year (milestones, changed actions, indicators that moved) is
/// added to `review`.
fn country_section(
    inputs: &YearInputs<'_>,
    member: &CountryRef,
    review: &mut YearInReview,
) -> Result<CountrySection, AppError> {
    let snapshot = inputs.snapshot;
    let structure = snapshot.country_structure(member, inputs.as_of);
    let own = figures::regional(
        &structure,
        &snapshot.states_on(&structure, inputs.as_of),
        inputs.as_of,
    );
    let events = snapshot.period_events(member, inputs.from, inputs.as_of);
    add_events(review, member, &events);

    let own_indicators: Vec<IndicatorOfYear> = inputs
        .indicators
        .get(&member.id)
        .cloned()
        .unwrap_or_default();
    add_compliance_moves(review, member, &own_indicators);

    let line = submission_line(inputs, member)?;
    Ok(CountrySection {
        iso2: member.iso2.clone(),
        name: member.name.clone(),
        progress: own.regional,
        basis: own.regional_basis,
        themes: own.themes,
        statuses: own.status_mix,
        achieved: events.achieved,
        completed: events.completed,
        delayed: delayed_actions(inputs, member),
        indicators: own_indicators,
        submission: line,
    })
}

/// Adds the milestones `member` reached and was due, and its actions completed and newly delayed,
/// to `review`.
fn add_events(review: &mut YearInReview, member: &CountryRef, events: &PeriodEvents) {
    let in_country = |action: &ActionName| CountryAction {
        iso2: member.iso2.clone(),
        country: member.name.clone(),
        action: action.clone(),
    };
    review.milestones_achieved += events.achieved.len();
    review.milestones_due += events.milestones_due;
    review
        .completed
        .extend(events.completed.iter().map(in_country));
    review
        .became_delayed
        .extend(events.became_delayed.iter().map(in_country));
}

/// Adds the indicators of `member` that came into or fell out of compliance to `review`.
fn add_compliance_moves(
    review: &mut YearInReview,
    member: &CountryRef,
    indicators: &[IndicatorOfYear],
) {
    for indicator in indicators {
        let moved = CountryIndicator {
            iso2: member.iso2.clone(),
            country: member.name.clone(),
            code: indicator.code.clone(),
            name: indicator.name.clone(),
        };
        let (before, now) = (
            IndicatorOfYear::complies(&indicator.before),
            IndicatorOfYear::complies(&indicator.standing),
        );
        // A first assessment is not a move: the indicator had no standing to move from.
        match (before, now) {
            (Some(true), Some(false)) => review.out_of_compliance.push(moved),
            (Some(false), Some(true)) => review.into_compliance.push(moved),
            _ => {}
        }
    }
}

/// The line of `member` in the round's table, or none if it has no submission in the round.
fn submission_line(
    inputs: &YearInputs<'_>,
    member: &CountryRef,
) -> Result<Option<SubmissionLine>, AppError> {
    let Some(found) = inputs
        .submissions
        .iter()
        .find(|s| s.country_id == member.id)
    else {
        return Ok(None);
    };
    let state = decode(&found.state, SubmissionState::from_code, "submission state")?;
    let submitted_on = found
        .submitted_at
        .map(|at| at.date_naive())
        .filter(|_| !owes_submission(state));
    Ok(Some(SubmissionLine {
        iso2: member.iso2.clone(),
        country: member.name.clone(),
        state,
        submitted_on,
        timeliness: Timeliness::of(inputs.due_on, inputs.today, submitted_on),
    }))
}

/// The actions of `member` delayed on the as-of day, each with the country's narrative of it.
fn delayed_actions(inputs: &YearInputs<'_>, member: &CountryRef) -> Vec<DelayedAction> {
    inputs
        .snapshot
        .delayed_actions(member, inputs.as_of)
        .into_iter()
        .map(|delayed| DelayedAction {
            narrative: inputs
                .narratives
                .get(&(member.id, delayed.code.clone()))
                .cloned()
                .unwrap_or_else(|| Bilingual::new("", "")),
            action: ActionName {
                code: delayed.code,
                title: delayed.title,
            },
            progress: delayed.progress,
        })
        .collect()
}

/// Each country's narrative of each action of the plan, by (country id, action code).
async fn narratives(
    db: &DatabaseConnection,
    plan_id: i32,
) -> Result<HashMap<(i32, String), Bilingual>, AppError> {
    let codes: HashMap<i32, String> = action::Entity::find()
        .filter(action::Column::PlanId.eq(plan_id))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a.code))
        .collect();
    Ok(country_action::Entity::find()
        .filter(country_action::Column::ActionId.is_in(codes.keys().copied()))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|record| {
            let code = codes.get(&record.action_id)?.clone();
            Some((
                (record.country_id, code),
                Bilingual::new(
                    record.narrative_en.unwrap_or_default(),
                    record.narrative_es.unwrap_or_default(),
                ),
            ))
        })
        .collect())
}

/// The years of the plan `plan_code`'s reporting rounds, latest first.
pub async fn round_years(db: &DatabaseConnection, plan_code: &str) -> Result<Vec<i32>, AppError> {
    let Some(plan) = plan_by_code(db, plan_code).await? else {
        return Ok(Vec::new());
    };
    let mut years: Vec<i32> = reporting_round::Entity::find()
        .filter(reporting_round::Column::PlanId.eq(plan.id))
        .all(db)
        .await?
        .into_iter()
        .map(|round| round.year)
        .collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    Ok(years)
}

/// A kept report without its bytes.
#[derive(FromQueryResult)]
struct KeptRow {
    id: i32,
    year: i32,
    language: String,
    format: String,
    size_bytes: i64,
    sha256: String,
    generated_by: i32,
    generated_at: DateTime<Utc>,
}

/// The reports kept for the plan `plan_code`, newest first, without their bytes.
pub async fn kept(db: &DatabaseConnection, plan_code: &str) -> Result<Vec<KeptReport>, AppError> {
    let Some(plan) = plan_by_code(db, plan_code).await? else {
        return Ok(Vec::new());
    };
    let rows: Vec<KeptRow> = generated_report::Entity::find()
        .select_only()
        .columns([
            generated_report::Column::Id,
            generated_report::Column::Year,
            generated_report::Column::Language,
            generated_report::Column::Format,
            generated_report::Column::SizeBytes,
            generated_report::Column::Sha256,
            generated_report::Column::GeneratedBy,
            generated_report::Column::GeneratedAt,
        ])
        .filter(generated_report::Column::PlanId.eq(plan.id))
        .order_by_desc(generated_report::Column::GeneratedAt)
        .order_by_desc(generated_report::Column::Id)
        .into_model::<KeptRow>()
        .all(db)
        .await?;
    let users: std::collections::HashMap<i32, String> = app_user::Entity::find()
        .filter(app_user::Column::Id.is_in(rows.iter().map(|row| row.generated_by)))
        .all(db)
        .await?
        .into_iter()
        .map(|user| (user.id, user.name))
        .collect();
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            Some(KeptReport {
                id: row.id,
                year: row.year,
                language: Lang::from_tag(&row.language)?,
                format: ReportFormat::from_code(&row.format)?,
                size_bytes: row.size_bytes,
                sha256: row.sha256,
                generated_by: users.get(&row.generated_by).cloned().unwrap_or_default(),
                generated_at: row.generated_at.to_rfc3339(),
            })
        })
        .collect())
}

/// A kept report's file name, content type and bytes.
pub async fn kept_file(
    db: &DatabaseConnection,
    id: i32,
) -> Result<(String, &'static str, Vec<u8>), AppError> {
    let kept = generated_report::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let format = ReportFormat::from_code(&kept.format).ok_or(AppError::Internal)?;
    Ok((kept.file_name, format.content_type(), kept.content))
}
