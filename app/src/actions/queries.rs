//! Reading one action, its milestones and its status in every member country; and one action in one
//! country, with its history and comments.

use std::collections::HashMap;

use chrono::Datelike;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::attachments::AttachmentRow;
use super::types::{
    ActionDetail, ArticleRef, CommentRow, CountryActionView, CountryStatusRow, HistoryChange,
    HistoryEntry, MilestoneProgressRow, MilestoneRow,
};
use crate::access::{Permission, Viewer};
use crate::dashboards::snapshot::{Snapshot, Standing};
use crate::db::codes::decode;
use crate::db::entities::{
    action, action_article, app_user, attachment, country, country_action, milestone,
    milestone_progress, objective, protocol_article, status_event, theme, update_comment,
};
use crate::domain::AsOf;
use crate::domain::{Bilingual, Status};
use crate::error::AppError;
use crate::plan::queries::action_state;
use crate::plan::queries::{plan_summary, require_current_plan};

/// How many of the latest changes the action page lists across countries.
const RECENT_CHANGES: u64 = 30;

/// One action of the current plan: what it is, its milestones, where it stood in each member
/// country on the day `as_of` names (today when empty) by the plan's state in `snapshot`, and its
/// latest changes across countries up to that day.
pub async fn action_detail(
    db: &DatabaseConnection,
    snapshot: &Snapshot,
    code: &str,
    as_of: Option<&str>,
) -> Result<ActionDetail, AppError> {
    let plan = require_current_plan(db).await?;
    let action = plan_action(db, plan.id, code).await?;
    let today = chrono::Utc::now().date_naive();
    let (as_of, notice) = AsOf::read(as_of, today, (snapshot.plan_start, snapshot.plan_end));
    let theme = theme::Entity::find_by_id(action.theme_id)
        .one(db)
        .await?
        .ok_or(AppError::Internal)?;
    let objective = match action.objective_id {
        Some(id) => objective::Entity::find_by_id(id).one(db).await?,
        None => None,
    };
    let articles = action_articles(db, action.id).await?;
    let milestones = milestone::Entity::find()
        .filter(milestone::Column::ActionId.eq(action.id))
        .filter(milestone::Column::RetiredOn.is_null())
        .order_by_asc(milestone::Column::SortOrder)
        .all(db)
        .await?;
    let records = records_by_country(db, action.id).await?;
    let members = crate::db::countries::member_countries(db).await?;
    let history = history(
        db,
        &record_countries(&members, &records),
        &milestone_titles(&milestones),
        Some(RECENT_CHANGES),
        as_of.asked.then_some(as_of.day),
    )
    .await?;
    let countries = members
        .into_iter()
        .map(|c| {
            let standing = snapshot.standing(c.id, action.id, as_of.day);
            country_row(c, standing.as_ref(), milestones.len(), as_of.day)
        })
        .collect();

    Ok(ActionDetail {
        plan: plan_summary(&plan)?,
        theme_code: theme.code,
        theme_name: Bilingual::new(theme.name_en, theme.name_es),
        objective: objective.map(|o| (o.code, Bilingual::new(o.title_en, o.title_es))),
        description: description(action.description_en, action.description_es),
        code: action.code,
        title: Bilingual::new(action.title_en, action.title_es),
        lead: action.lead,
        start_year: action.start_year,
        end_year: action.end_year,
        weight: action.weight,
        articles,
        milestones: milestones
            .into_iter()
            .map(|m| MilestoneRow {
                title: Bilingual::new(m.title_en, m.title_es),
                due_on: m.due_on.to_string(),
                weight: m.weight,
            })
            .collect(),
        as_of: as_of.shown(notice),
        countries,
        history,
    })
}

/// The action `code` of the plan `plan_id`; `NotFound` when the plan has none.
async fn plan_action(
    db: &DatabaseConnection,
    plan_id: i32,
    code: &str,
) -> Result<action::Model, AppError> {
    action::Entity::find()
        .filter(action::Column::PlanId.eq(plan_id))
        .filter(action::Column::Code.eq(code))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// The articles of the Protocol the action serves, in the Protocol's order.
async fn action_articles(
    db: &DatabaseConnection,
    action_id: i32,
) -> Result<Vec<ArticleRef>, AppError> {
    let article_ids: Vec<i32> = action_article::Entity::find()
        .filter(action_article::Column::ActionId.eq(action_id))
        .all(db)
        .await?
        .into_iter()
        .map(|link| link.article_id)
        .collect();
    Ok(protocol_article::Entity::find()
        .filter(protocol_article::Column::Id.is_in(article_ids))
        .order_by_asc(protocol_article::Column::Number)
        .all(db)
        .await?
        .into_iter()
        .map(|a| ArticleRef {
            number: a.number,
            title: Bilingual::new(a.title_en, a.title_es),
        })
        .collect())
}

/// Every country's record on the action, by country id.
async fn records_by_country(
    db: &DatabaseConnection,
    action_id: i32,
) -> Result<HashMap<i32, country_action::Model>, AppError> {
    Ok(country_action::Entity::find()
        .filter(country_action::Column::ActionId.eq(action_id))
        .all(db)
        .await?
        .into_iter()
        .map(|record| (record.country_id, record))
        .collect())
}

/// The member countries' records by record id, each with the country's name, which the history
/// across countries shows.
fn record_countries(
    members: &[country::Model],
    records: &HashMap<i32, country_action::Model>,
) -> HashMap<i32, Option<Bilingual>> {
    members
        .iter()
        .filter_map(|c| {
            let record = records.get(&c.id)?;
            Some((record.id, Some(Bilingual::new(&c.name_en, &c.name_es))))
        })
        .collect()
}

/// The milestones' titles by id, which the history names.
fn milestone_titles(milestones: &[milestone::Model]) -> HashMap<i32, Bilingual> {
    milestones
        .iter()
        .map(|m| (m.id, Bilingual::new(&m.title_en, &m.title_es)))
        .collect()
}

/// Where the action stood in the member country `country` on `day` (`standing`; none when the
/// action was not in the plan then): its status, its last update and how many of its milestones
/// (`total` when it was not in the plan) the country had achieved.
fn country_row(
    country: country::Model,
    standing: Option<&Standing>,
    total: usize,
    day: chrono::NaiveDate,
) -> CountryStatusRow {
    let milestones = standing.map(|s| &s.state.milestones);
    CountryStatusRow {
        status: standing.and_then(|s| s.status),
        updated_on: standing
            .and_then(|s| s.updated)
            .map(|(on, _)| on.to_string()),
        achieved: milestones.map_or(0, |all| {
            all.iter()
                .filter(|m| m.achieved_on.is_some_and(|on| on <= day))
                .count()
        }),
        total: milestones.map_or(total, Vec::len),
        iso2: country.iso2,
        name: Bilingual::new(country.name_en, country.name_es),
    }
}

/// The action's description, when it has one in either language.
fn description(en: Option<String>, es: Option<String>) -> Option<Bilingual> {
    match (en, es) {
        (None, None) => None,
        (en, es) => Some(Bilingual::new(
            en.unwrap_or_default(),
            es.unwrap_or_default(),
        )),
    }
}

/// The code of the action with `action_id`.
pub async fn action_code(db: &DatabaseConnection, action_id: i32) -> Result<String, AppError> {
    Ok(action::Entity::find_by_id(action_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?
        .code)
}

/// One action of the current plan as the member country `iso2` reports it, with its history, as
/// `viewer` sees it.
pub async fn country_action(
    db: &DatabaseConnection,
    viewer: &Viewer,
    iso2: &str,
    code: &str,
) -> Result<CountryActionView, AppError> {
    let plan = require_current_plan(db).await?;
    let action = plan_action(db, plan.id, code).await?;
    let country = crate::db::countries::member_country(db, iso2)
        .await?
        .ok_or(AppError::NotFound)?;
    let milestones = milestone::Entity::find()
        .filter(milestone::Column::ActionId.eq(action.id))
        .filter(milestone::Column::RetiredOn.is_null())
        .order_by_asc(milestone::Column::SortOrder)
        .order_by_asc(milestone::Column::DueOn)
        .all(db)
        .await?;
    let reported = read_reported(db, action.id, country.id, &milestones).await?;
    // The plan decides, not the country, that an action it does not apply to is not applicable.
    let takes_part = crate::plan::queries::takes_part(db, action.id, country.id).await?;
    let retired = action.retired_on.is_some();
    let status = if takes_part {
        reported.status
    } else {
        Some(crate::domain::Status::NotApplicable)
    };

    let state = action_state(&plan, &action, status, &milestones, |milestone_id| {
        reported
            .progress
            .get(&milestone_id)
            .and_then(|p| p.achieved_on)
    });
    let today = chrono::Utc::now().date_naive();
    let history = record_history(db, reported.record.as_ref(), &milestones).await?;
    let may_edit = viewer.may(Permission::EditCountry(country.id));
    // A year whose submission the secretariat validated is closed to updates until it is reopened.
    let locked_year = (may_edit
        && crate::rounds::queries::is_locked(db, country.id, today.year()).await?)
        .then_some(today.year());
    let record = reported.record.as_ref();

    Ok(CountryActionView {
        action_id: action.id,
        code: action.code,
        title: Bilingual::new(action.title_en, action.title_es),
        country_iso2: country.iso2,
        country_name: Bilingual::new(country.name_en, country.name_es),
        status,
        narrative_en: record
            .and_then(|r| r.narrative_en.clone())
            .unwrap_or_default(),
        narrative_es: record
            .and_then(|r| r.narrative_es.clone())
            .unwrap_or_default(),
        evidence: super::rules::stored_evidence_links(record.and_then(|r| r.evidence.as_ref())),
        attachments: attachment_rows(reported.files, &reported.names),
        version: record.map_or(0, |r| r.version),
        updated_on: record
            .and_then(|r| r.updated_at)
            .map(|at| at.date_naive().to_string()),
        updated_by: record
            .and_then(|r| r.updated_by)
            .and_then(|id| reported.names.get(&id).cloned()),
        progress: state.progress(today),
        delayed: state.is_delayed(today),
        milestones: milestone_progress_rows(milestones, &reported.progress),
        history,
        comments: comment_rows(reported.comments, &reported.names),
        can_edit: may_edit && locked_year.is_none() && takes_part && !retired,
        locked_year,
        takes_part,
        retired,
        can_comment: viewer.may(Permission::Comment),
    })
}

/// Every change recorded for one country's record on the action, newest first; none before its
/// first save.
async fn record_history(
    db: &DatabaseConnection,
    record: Option<&country_action::Model>,
    milestones: &[milestone::Model],
) -> Result<Vec<HistoryEntry>, AppError> {
    Ok(match record {
        Some(record) => {
            let records = HashMap::from([(record.id, None)]);
            history(db, &records, &milestone_titles(milestones), None, None).await?
        }
        None => Vec::new(),
    })
}

/// An attached file as the list shows it: id, name, size, when and by whom it was uploaded.
type ListedFile = (i32, String, i64, chrono::DateTime<chrono::Utc>, i32);

/// What a country reported on an action: its record and status, its milestones, the comments on
/// it and its files, with the names of the people who wrote them, by user id.
struct Reported {
    record: Option<country_action::Model>,
    status: Option<Status>,
    /// By milestone id.
    progress: HashMap<i32, milestone_progress::Model>,
    comments: Vec<update_comment::Model>,
    files: Vec<ListedFile>,
    names: HashMap<i32, String>,
}

/// Reads what the country `country_id` reported on the action `action_id` and its `milestones`.
async fn read_reported(
    db: &DatabaseConnection,
    action_id: i32,
    country_id: i32,
    milestones: &[milestone::Model],
) -> Result<Reported, AppError> {
    let progress: HashMap<i32, milestone_progress::Model> = milestone_progress::Entity::find()
        .filter(milestone_progress::Column::CountryId.eq(country_id))
        .filter(milestone_progress::Column::MilestoneId.is_in(milestones.iter().map(|m| m.id)))
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.milestone_id, row))
        .collect();
    let record = country_action::Entity::find()
        .filter(country_action::Column::ActionId.eq(action_id))
        .filter(country_action::Column::CountryId.eq(country_id))
        .one(db)
        .await?;
    let status = record
        .as_ref()
        .map(|r| decode(&r.status, Status::from_code, "status"))
        .transpose()?;
    let comments = update_comment::Entity::find()
        .filter(update_comment::Column::ActionId.eq(action_id))
        .filter(update_comment::Column::CountryId.eq(country_id))
        .order_by_asc(update_comment::Column::CreatedAt)
        .order_by_asc(update_comment::Column::Id)
        .all(db)
        .await?;
    let files = listed_files(db, action_id, country_id).await?;
    let actor_ids: Vec<i32> = record
        .as_ref()
        .and_then(|r| r.updated_by)
        .into_iter()
        .chain(comments.iter().map(|c| c.author_id))
        .chain(files.iter().map(|f| f.4))
        .collect();
    let names = user_names(db, actor_ids).await?;
    Ok(Reported {
        record,
        status,
        progress,
        comments,
        files,
        names,
    })
}

/// The files attached to the country's update on the action, oldest first.
async fn listed_files(
    db: &DatabaseConnection,
    action_id: i32,
    country_id: i32,
) -> Result<Vec<ListedFile>, AppError> {
    // The files' content is not read here, only what the list shows.
    Ok(attachment::Entity::find()
        .select_only()
        .columns([
            attachment::Column::Id,
            attachment::Column::FileName,
            attachment::Column::SizeBytes,
            attachment::Column::UploadedAt,
            attachment::Column::UploadedBy,
        ])
        .filter(attachment::Column::ActionId.eq(action_id))
        .filter(attachment::Column::CountryId.eq(country_id))
        .order_by_asc(attachment::Column::Id)
        .into_tuple()
        .all(db)
        .await?)
}

/// The names of the users `ids`, by id.
async fn user_names(
    db: &DatabaseConnection,
    ids: impl IntoIterator<Item = i32>,
) -> Result<HashMap<i32, String>, AppError> {
    Ok(app_user::Entity::find()
        .filter(app_user::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|user| (user.id, user.name))
        .collect())
}

/// The attached files as the page lists them, each with its uploader's name.
fn attachment_rows(files: Vec<ListedFile>, names: &HashMap<i32, String>) -> Vec<AttachmentRow> {
    files
        .into_iter()
        .map(
            |(id, file_name, size_bytes, uploaded_at, uploaded_by)| AttachmentRow {
                id,
                file_name,
                size_bytes,
                uploaded_on: uploaded_at.date_naive().to_string(),
                uploaded_by: names.get(&uploaded_by).cloned(),
            },
        )
        .collect()
}

/// Each milestone with what the country reported on it, by milestone id in `progress`.
fn milestone_progress_rows(
    milestones: Vec<milestone::Model>,
    progress: &HashMap<i32, milestone_progress::Model>,
) -> Vec<MilestoneProgressRow> {
    milestones
        .into_iter()
        .map(|m| {
            let reported = progress.get(&m.id);
            MilestoneProgressRow {
                id: m.id,
                due_on: m.due_on.to_string(),
                achieved_on: reported.and_then(|p| p.achieved_on).map(|d| d.to_string()),
                note: reported.and_then(|p| p.note.clone()).unwrap_or_default(),
                title: Bilingual::new(m.title_en, m.title_es),
            }
        })
        .collect()
}

/// The comments as the page lists them, each with its author's name.
fn comment_rows(
    comments: Vec<update_comment::Model>,
    names: &HashMap<i32, String>,
) -> Vec<CommentRow> {
    comments
        .into_iter()
        .map(|c| CommentRow {
            day: c.created_at.date_naive().to_string(),
            author: names.get(&c.author_id).cloned().unwrap_or_default(),
            body: c.body,
        })
        .collect()
}

/// The changes recorded for the country records `records` (record id → the country's name, shown when
/// several countries' changes are listed together), newest first, at most `limit`.
async fn history(
    db: &DatabaseConnection,
    records: &HashMap<i32, Option<Bilingual>>,
    titles: &HashMap<i32, Bilingual>,
    limit: Option<u64>,
    until: Option<chrono::NaiveDate>,
) -> Result<Vec<HistoryEntry>, AppError> {
    let mut events = status_event::Entity::find()
        .filter(status_event::Column::CountryActionId.is_in(records.keys().copied()));
    if let Some(until) = until.and_then(|day| day.succ_opt()) {
        let before = until.and_time(chrono::NaiveTime::MIN).and_utc();
        events = events.filter(status_event::Column::OccurredAt.lt(before));
    }
    let events = events
        .order_by_desc(status_event::Column::OccurredAt)
        .order_by_desc(status_event::Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    let names = user_names(db, events.iter().filter_map(|e| e.actor_id)).await?;
    Ok(events
        .into_iter()
        .filter_map(|event| {
            let change = history_change(&event, titles)?;
            Some(HistoryEntry {
                day: event.occurred_at.date_naive().to_string(),
                country: records.get(&event.country_action_id).cloned().flatten(),
                actor: event.actor_id.and_then(|id| names.get(&id).cloned()),
                change,
                comment: event.comment,
            })
        })
        .collect())
}

/// What a status event says changed; `None` for an event of a kind the page does not show.
fn history_change(
    event: &status_event::Model,
    titles: &HashMap<i32, Bilingual>,
) -> Option<HistoryChange> {
    let after = event.after.as_ref()?;
    match event.kind.as_str() {
        "status" => Some(HistoryChange::Status {
            before: event
                .before
                .as_ref()
                .and_then(|b| b["status"].as_str())
                .and_then(Status::from_code),
            after: after["status"].as_str().and_then(Status::from_code)?,
        }),
        "milestone" => Some(HistoryChange::Milestone {
            title: titles.get(&event.milestone_id?)?.clone(),
            achieved_on: after["achieved_on"].as_str().map(str::to_owned),
        }),
        "narrative" => Some(HistoryChange::Narrative),
        "evidence" => Some(HistoryChange::Evidence),
        _ => None,
    }
}
