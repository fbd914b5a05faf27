//! Reading the legislation matrix: the provisions, countries' entries, their history, and where a
//! country's matrix stands in the round it is kept current through.

use std::collections::HashMap;

use chrono::{DateTime, NaiveTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::types::{
    ChangesView, CompareRow, CompareView, CountryEntry, CountryLegislation, Entry, EntryChange,
    EntryComment, EntryPage, EntryVersion, Instrument, MatrixCell, MatrixProgress, MatrixRow,
    MatrixView, Penalty, Provision, ProvisionEntry, ProvisionView, RoundStanding, StoredEntry,
    COMPARE_FEWEST, COMPARE_MOST,
};
use crate::access::{Permission, Viewer};
use crate::db::codes::decode;
use crate::db::countries::country_of_code;
use crate::db::entities::{
    app_user, country, legislation_comment, legislation_entry, legislation_instrument,
    legislation_provision, legislation_version, reporting_round, submission,
};
use crate::domain::{
    Bilingual, ContactLanguage, Coverage, Membership, ProvisionGroup, SubmissionState,
};
use crate::error::AppError;
use crate::plan::queries::current_plan;

/// Every provision of the matrix, in the reference data's order, with its id.
pub async fn provisions(db: &impl ConnectionTrait) -> Result<Vec<(i32, Provision)>, AppError> {
    legislation_provision::Entity::find()
        .order_by_asc(legislation_provision::Column::SortOrder)
        .all(db)
        .await?
        .into_iter()
        .map(|p| Ok((p.id, provision(p)?)))
        .collect()
}

fn provision(model: legislation_provision::Model) -> Result<Provision, AppError> {
    Ok(Provision {
        group: decode(
            &model.provision_group,
            ProvisionGroup::from_code,
            "provision group",
        )?,
        code: model.code,
        instrument: model.instrument,
        article: model.article,
        name: Bilingual::new(model.name_en, model.name_es),
        question: Bilingual::new(model.question_en, model.question_es),
    })
}

/// The provision `code` with its id; `NotFound` for a code the matrix does not have.
pub async fn provision_of_code(
    db: &impl ConnectionTrait,
    code: &str,
) -> Result<(i32, Provision), AppError> {
    let model = legislation_provision::Entity::find()
        .filter(legislation_provision::Column::Code.eq(code.trim().to_ascii_uppercase()))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((model.id, provision(model)?))
}

/// The country's entry on the provision `provision_id`, if it has one.
pub async fn entry_on(
    db: &impl ConnectionTrait,
    country_id: i32,
    provision_id: i32,
) -> Result<Option<legislation_entry::Model>, AppError> {
    Ok(legislation_entry::Entity::find()
        .filter(legislation_entry::Column::CountryId.eq(country_id))
        .filter(legislation_entry::Column::ProvisionId.eq(provision_id))
        .one(db)
        .await?)
}

/// The round a country's legislation is kept current through: the latest round of the current
/// plan, with the country's submission in it. `None` when there is no round, or the country has no
/// submission in it (an observer).
pub async fn current_submission(
    db: &impl ConnectionTrait,
    country_id: i32,
) -> Result<Option<(reporting_round::Model, submission::Model)>, AppError> {
    let Some(plan) = current_plan(db).await? else {
        return Ok(None);
    };
    let Some(round) = reporting_round::Entity::find()
        .filter(reporting_round::Column::PlanId.eq(plan.id))
        .order_by_desc(reporting_round::Column::Year)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let submission = submission::Entity::find()
        .filter(submission::Column::RoundId.eq(round.id))
        .filter(submission::Column::CountryId.eq(country_id))
        .one(db)
        .await?;
    Ok(submission.map(|submission| (round, submission)))
}

/// When a round's review of the matrix starts: the start of the day it opened.
pub fn review_starts(round: &reporting_round::Model) -> DateTime<Utc> {
    round.opens_on.and_time(NaiveTime::MIN).and_utc()
}

/// Whether an entry was saved or confirmed since `since`.
fn is_reviewed(entry: &legislation_entry::Model, since: DateTime<Utc>) -> bool {
    entry.entered_at >= since || entry.confirmed_at.is_some_and(|at| at >= since)
}

/// Whether `viewer` may enter and confirm the legislation of the country `country_id` now: the
/// country's focal points and the secretariat while its submission in the current round can
/// change; the secretariat alone for a country that reports in no round.
pub fn may_edit(
    viewer: &Viewer,
    country_id: i32,
    submission: Option<&submission::Model>,
) -> Result<bool, AppError> {
    Ok(match submission {
        Some(submission) => {
            viewer.may(Permission::EditCountry(country_id))
                && decode(
                    &submission.state,
                    SubmissionState::from_code,
                    "submission state",
                )?
                .is_editable()
        }
        None => viewer.may(Permission::Coordinate),
    })
}

/// How much of each country's matrix is entered, and reviewed since `since`, by country id.
pub async fn progress_by_country(
    db: &impl ConnectionTrait,
    since: DateTime<Utc>,
) -> Result<HashMap<i32, MatrixProgress>, AppError> {
    let provisions = legislation_provision::Entity::find().all(db).await?.len();
    let mut progress: HashMap<i32, MatrixProgress> = HashMap::new();
    for entry in legislation_entry::Entity::find().all(db).await? {
        let country = progress.entry(entry.country_id).or_insert(MatrixProgress {
            provisions,
            ..MatrixProgress::default()
        });
        country.entered += 1;
        if is_reviewed(&entry, since) {
            country.reviewed += 1;
        }
    }
    Ok(progress)
}

/// The progress of a country with no entry yet.
pub async fn empty_progress(db: &impl ConnectionTrait) -> Result<MatrixProgress, AppError> {
    Ok(MatrixProgress {
        provisions: legislation_provision::Entity::find().all(db).await?.len(),
        ..MatrixProgress::default()
    })
}

/// The coverage a country entered for each provision, by provision code.
pub async fn coverages_of(
    db: &impl ConnectionTrait,
    country_id: i32,
) -> Result<HashMap<String, Coverage>, AppError> {
    let codes: HashMap<i32, String> = legislation_provision::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.code))
        .collect();
    legislation_entry::Entity::find()
        .filter(legislation_entry::Column::CountryId.eq(country_id))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|entry| {
            let code = codes.get(&entry.provision_id)?.clone();
            Some(decode(&entry.coverage, Coverage::from_code, "coverage").map(|c| (code, c)))
        })
        .collect()
}

/// The comparative matrix of the provisions of `group` (a provision group's code; every group when
/// empty) against the countries of `membership` (`member` when empty). A filter the matrix does
/// not know is set aside with a notice.
pub async fn matrix(
    db: &impl ConnectionTrait,
    group: Option<String>,
    membership: Option<String>,
) -> Result<MatrixView, AppError> {
    let mut notice = None;
    let group = match group.as_deref().map(str::trim).filter(|g| !g.is_empty()) {
        None => None,
        Some(code) => ProvisionGroup::from_code(code).or_else(|| {
            notice = Some("legislation-unknown-group".to_owned());
            None
        }),
    };
    let membership = match membership
        .as_deref()
        .map(str::trim)
        .filter(|m| !m.is_empty())
    {
        None => Membership::Member,
        Some(code) => Membership::from_code(code).unwrap_or_else(|| {
            notice = Some("legislation-unknown-membership".to_owned());
            Membership::Member
        }),
    };
    let provisions: Vec<(i32, Provision)> = provisions(db)
        .await?
        .into_iter()
        .filter(|(_, p)| group.is_none_or(|wanted| p.group == wanted))
        .collect();
    let countries = country::Entity::find()
        .filter(country::Column::Membership.eq(membership.code()))
        .order_by_asc(country::Column::Iso2)
        .all(db)
        .await?;
    let entries: HashMap<(i32, i32), legislation_entry::Model> = legislation_entry::Entity::find()
        .filter(legislation_entry::Column::CountryId.is_in(countries.iter().map(|c| c.id)))
        .all(db)
        .await?
        .into_iter()
        .map(|e| ((e.country_id, e.provision_id), e))
        .collect();
    let rows = countries
        .into_iter()
        .map(|c| {
            let cells = provisions
                .iter()
                .map(|(provision_id, _)| {
                    entries
                        .get(&(c.id, *provision_id))
                        .map(|entry| {
                            Ok(MatrixCell {
                                coverage: decode(&entry.coverage, Coverage::from_code, "coverage")?,
                                verified: entry.verified_at.is_some(),
                            })
                        })
                        .transpose()
                })
                .collect::<Result<Vec<_>, AppError>>()?;
            Ok(MatrixRow {
                iso2: c.iso2,
                country: Bilingual::new(c.name_en, c.name_es),
                cells,
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    Ok(MatrixView {
        group,
        membership,
        provisions: provisions.into_iter().map(|(_, p)| p).collect(),
        rows,
        notice,
    })
}

/// When a country's matrix is read for a past round: the versions saved until `saved_by` count (its
/// submission locked the matrix then), verified when the secretariat verified them by `verified_by`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cutoff {
    pub saved_by: DateTime<Utc>,
    pub verified_by: DateTime<Utc>,
}

/// The member countries' matrix as it stood at each country's `cutoffs` (by country id;
/// `otherwise` for a country not named): each entry's coverage in its latest version saved by
/// then, verified when that version was verified by then.
pub async fn matrix_at(
    db: &impl ConnectionTrait,
    cutoffs: &HashMap<i32, Cutoff>,
    otherwise: Cutoff,
) -> Result<MatrixView, AppError> {
    let provisions = provisions(db).await?;
    let countries = country::Entity::find()
        .filter(country::Column::Membership.eq(Membership::Member.code()))
        .order_by_asc(country::Column::Iso2)
        .all(db)
        .await?;
    let entries: HashMap<i32, (i32, i32)> = legislation_entry::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|e| (e.id, (e.country_id, e.provision_id)))
        .collect();
    // The latest version of each entry saved by its country's cutoff.
    let mut standing: HashMap<(i32, i32), (i32, Coverage, bool)> = HashMap::new();
    for version in legislation_version::Entity::find()
        .order_by_asc(legislation_version::Column::Version)
        .all(db)
        .await?
    {
        let Some(&(country_id, provision_id)) = entries.get(&version.entry_id) else {
            continue;
        };
        let cutoff = cutoffs.get(&country_id).copied().unwrap_or(otherwise);
        if version.saved_at > cutoff.saved_by {
            continue;
        }
        let Ok(content) = serde_json::from_str::<Entry>(&version.content) else {
            tracing::error!(
                version = version.id,
                "a stored version of an entry is unreadable"
            );
            return Err(AppError::Internal);
        };
        let verified = version
            .verified_at
            .is_some_and(|at| at <= cutoff.verified_by);
        standing.insert(
            (country_id, provision_id),
            (version.version, content.coverage, verified),
        );
    }
    let rows = countries
        .into_iter()
        .map(|c| MatrixRow {
            cells: provisions
                .iter()
                .map(|(id, _)| {
                    standing
                        .get(&(c.id, *id))
                        .map(|(_, coverage, verified)| MatrixCell {
                            coverage: *coverage,
                            verified: *verified,
                        })
                })
                .collect(),
            iso2: c.iso2,
            country: Bilingual::new(c.name_en, c.name_es),
        })
        .collect();
    Ok(MatrixView {
        group: None,
        membership: Membership::Member,
        provisions: provisions.into_iter().map(|(_, p)| p).collect(),
        rows,
        notice: None,
    })
}

/// The names of the users, by id, for who entered and verified entries.
async fn user_names(db: &impl ConnectionTrait) -> Result<HashMap<i32, String>, AppError> {
    Ok(app_user::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect())
}

/// The instruments of the entries `entry_ids`, in each entry's order, by entry id.
pub async fn instruments_of(
    db: &impl ConnectionTrait,
    entry_ids: impl IntoIterator<Item = i32>,
) -> Result<HashMap<i32, Vec<Instrument>>, AppError> {
    let mut by_entry: HashMap<i32, Vec<Instrument>> = HashMap::new();
    for row in legislation_instrument::Entity::find()
        .filter(legislation_instrument::Column::EntryId.is_in(entry_ids))
        .order_by_asc(legislation_instrument::Column::SortOrder)
        .all(db)
        .await?
    {
        by_entry.entry(row.entry_id).or_default().push(Instrument {
            title: row.title,
            number: row.number,
            year: row.year,
            article: row.article,
            url: row.url,
            in_force_since: row.in_force_since,
        });
    }
    Ok(by_entry)
}

/// An entry as the rules hold it, from its row and its instruments.
pub fn entry_of(
    model: &legislation_entry::Model,
    instruments: Vec<Instrument>,
) -> Result<Entry, AppError> {
    Ok(Entry {
        coverage: decode(&model.coverage, Coverage::from_code, "coverage")?,
        coverage_reason: model.coverage_reason.clone(),
        original_text: model.original_text.clone(),
        text_language: model
            .text_language
            .as_deref()
            .map(|code| decode(code, ContactLanguage::from_code, "text language"))
            .transpose()?,
        penalty: Penalty {
            min_years: model.penalty_min_years,
            max_years: model.penalty_max_years,
        },
        fines: model.fines.clone(),
        aggravating: model.aggravating.clone(),
        note: model.note.clone(),
        instruments,
    })
}

fn day(at: DateTime<Utc>) -> String {
    at.date_naive().to_string()
}

fn stored_entry(
    model: &legislation_entry::Model,
    instruments: Vec<Instrument>,
    names: &HashMap<i32, String>,
) -> Result<StoredEntry, AppError> {
    let name = |id: Option<i32>| id.and_then(|id| names.get(&id).cloned());
    Ok(StoredEntry {
        entry: entry_of(model, instruments)?,
        version: model.version,
        entered_by: name(model.entered_by),
        entered_on: day(model.entered_at),
        confirmed_by: name(model.confirmed_by),
        confirmed_on: model.confirmed_at.map(day),
        verified_by: name(model.verified_by),
        verified_on: model.verified_at.map(day),
    })
}

/// The entries of `entries` with their instruments and people, by provision id.
async fn stored_entries(
    db: &impl ConnectionTrait,
    entries: &[legislation_entry::Model],
) -> Result<HashMap<(i32, i32), StoredEntry>, AppError> {
    let names = user_names(db).await?;
    let mut instruments = instruments_of(db, entries.iter().map(|e| e.id)).await?;
    entries
        .iter()
        .map(|e| {
            let own = instruments.remove(&e.id).unwrap_or_default();
            Ok((
                (e.country_id, e.provision_id),
                stored_entry(e, own, &names)?,
            ))
        })
        .collect()
}

/// A provision's page: the entry of every member country, and of observers that have one.
pub async fn provision_view(
    db: &impl ConnectionTrait,
    code: &str,
) -> Result<ProvisionView, AppError> {
    let (provision_id, provision) = provision_of_code(db, code).await?;
    let entries = legislation_entry::Entity::find()
        .filter(legislation_entry::Column::ProvisionId.eq(provision_id))
        .all(db)
        .await?;
    let mut stored = stored_entries(db, &entries).await?;
    let countries = country::Entity::find()
        .order_by_asc(country::Column::Iso2)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|c| {
            let entry = stored.remove(&(c.id, provision_id));
            (c.membership == Membership::Member.code() || entry.is_some()).then(|| CountryEntry {
                iso2: c.iso2,
                country: Bilingual::new(c.name_en, c.name_es),
                entry,
            })
        })
        .collect();
    Ok(ProvisionView {
        provision,
        countries,
    })
}

/// Where a country's matrix stands in its current round, and whether `viewer` may edit it.
async fn standing(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    country: &country::Model,
) -> Result<(Option<RoundStanding>, bool, DateTime<Utc>), AppError> {
    let current = current_submission(db, country.id).await?;
    let can_edit = may_edit(viewer, country.id, current.as_ref().map(|(_, s)| s))?;
    let Some((round, submission)) = current else {
        return Ok((None, can_edit, DateTime::<Utc>::MAX_UTC));
    };
    let since = review_starts(&round);
    let progress = match progress_by_country(db, since).await?.remove(&country.id) {
        Some(progress) => progress,
        None => empty_progress(db).await?,
    };
    let standing = RoundStanding {
        year: round.year,
        state: decode(
            &submission.state,
            SubmissionState::from_code,
            "submission state",
        )?,
        progress,
    };
    Ok((Some(standing), can_edit, since))
}

/// A country's legislation page: every provision with the country's entry.
pub async fn country_legislation(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    iso2: &str,
) -> Result<CountryLegislation, AppError> {
    let country = country_of_code(db, iso2).await?.ok_or(AppError::NotFound)?;
    let (round, can_edit, since) = standing(db, viewer, &country).await?;
    let entries = legislation_entry::Entity::find()
        .filter(legislation_entry::Column::CountryId.eq(country.id))
        .all(db)
        .await?;
    let reviewed: HashMap<i32, bool> = entries
        .iter()
        .map(|e| (e.provision_id, is_reviewed(e, since)))
        .collect();
    let mut stored = stored_entries(db, &entries).await?;
    let provisions = provisions(db)
        .await?
        .into_iter()
        .map(|(id, provision)| ProvisionEntry {
            provision,
            entry: stored.remove(&(country.id, id)),
            reviewed: reviewed.get(&id).copied().unwrap_or(false),
        })
        .collect();
    Ok(CountryLegislation {
        iso2: country.iso2,
        country: Bilingual::new(country.name_en, country.name_es),
        provisions,
        round,
        can_edit,
    })
}

/// A country's entry page for the provision `code`: the entry and every saved version.
pub async fn entry_page(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    iso2: &str,
    code: &str,
) -> Result<EntryPage, AppError> {
    let country = country_of_code(db, iso2).await?.ok_or(AppError::NotFound)?;
    let (provision_id, provision) = provision_of_code(db, code).await?;
    let (round, can_edit, _) = standing(db, viewer, &country).await?;
    let model = entry_on(db, country.id, provision_id).await?;
    let names = user_names(db).await?;
    let (entry, history, comments) = match model {
        Some(model) => {
            let instruments = instruments_of(db, [model.id]).await?.remove(&model.id);
            let entry = stored_entry(&model, instruments.unwrap_or_default(), &names)?;
            let history = history(db, model.id, &names).await?;
            (Some(entry), history, comments(db, model.id, &names).await?)
        }
        None => (None, Vec::new(), Vec::new()),
    };
    Ok(EntryPage {
        iso2: country.iso2,
        country: Bilingual::new(country.name_en, country.name_es),
        provision,
        entry,
        history,
        round,
        can_edit,
        can_comment: viewer.may(Permission::Comment),
        comments,
    })
}

/// The comments on the entry `entry_id`, oldest first.
async fn comments(
    db: &impl ConnectionTrait,
    entry_id: i32,
    names: &HashMap<i32, String>,
) -> Result<Vec<EntryComment>, AppError> {
    Ok(legislation_comment::Entity::find()
        .filter(legislation_comment::Column::EntryId.eq(entry_id))
        .order_by_asc(legislation_comment::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|c| EntryComment {
            author: c.author_id.and_then(|id| names.get(&id).cloned()),
            at: c.created_at.format("%Y-%m-%d %H:%M UTC").to_string(),
            body: c.body,
        })
        .collect())
}

/// Every country, members first and each group by ISO code.
async fn countries_in_order(db: &impl ConnectionTrait) -> Result<Vec<country::Model>, AppError> {
    let mut countries = country::Entity::find()
        .order_by_asc(country::Column::Iso2)
        .all(db)
        .await?;
    countries.sort_by_key(|c| c.membership != Membership::Member.code());
    Ok(countries)
}

/// The entries of the countries `chosen` (ISO codes, as the form sends them: two to four) on the
/// provisions of `group` (every group when empty), side by side. A choice of fewer or more
/// countries, or of one Enlace does not know, shows the choices with a notice.
pub async fn compare(
    db: &impl ConnectionTrait,
    chosen: &[String],
    group: Option<String>,
) -> Result<CompareView, AppError> {
    let all = countries_in_order(db).await?;
    let choices = all
        .iter()
        .map(|c| (c.iso2.clone(), Bilingual::new(&c.name_en, &c.name_es)))
        .collect();
    let mut notice = None;
    let group = match group.as_deref().map(str::trim).filter(|g| !g.is_empty()) {
        None => None,
        Some(code) => ProvisionGroup::from_code(code).or_else(|| {
            notice = Some("legislation-unknown-group".to_owned());
            None
        }),
    };
    let mut countries: Vec<&country::Model> = Vec::new();
    for code in chosen.iter().filter_map(|c| crate::domain::country_code(c)) {
        match all.iter().find(|c| c.iso2 == code) {
            Some(country) if !countries.iter().any(|c| c.id == country.id) => {
                countries.push(country)
            }
            Some(_) => {}
            None => notice = Some("legislation-compare-unknown".to_owned()),
        }
    }
    if chosen
        .iter()
        .any(|c| crate::domain::country_code(c).is_none())
    {
        notice = Some("legislation-compare-unknown".to_owned());
    }
    if notice.is_none()
        && !chosen.is_empty()
        && !(COMPARE_FEWEST..=COMPARE_MOST).contains(&countries.len())
    {
        notice = Some("legislation-compare-count".to_owned());
    }
    if notice.is_some() || countries.is_empty() {
        return Ok(CompareView {
            choices,
            chosen: countries.iter().map(|c| c.iso2.clone()).collect(),
            countries: Vec::new(),
            group,
            rows: Vec::new(),
            notice,
        });
    }
    side_by_side(db, &countries, group, choices).await
}

/// The entries of `countries` on the provisions of `group`, side by side.
async fn side_by_side(
    db: &impl ConnectionTrait,
    countries: &[&country::Model],
    group: Option<ProvisionGroup>,
    choices: Vec<(String, Bilingual)>,
) -> Result<CompareView, AppError> {
    let entries = legislation_entry::Entity::find()
        .filter(legislation_entry::Column::CountryId.is_in(countries.iter().map(|c| c.id)))
        .all(db)
        .await?;
    let mut stored = stored_entries(db, &entries).await?;
    let rows = provisions(db)
        .await?
        .into_iter()
        .filter(|(_, p)| group.is_none_or(|wanted| p.group == wanted))
        .map(|(id, provision)| CompareRow {
            provision,
            entries: countries
                .iter()
                .map(|c| stored.remove(&(c.id, id)))
                .collect(),
        })
        .collect();
    Ok(CompareView {
        choices,
        chosen: countries.iter().map(|c| c.iso2.clone()).collect(),
        countries: countries
            .iter()
            .map(|c| (c.iso2.clone(), Bilingual::new(&c.name_en, &c.name_es)))
            .collect(),
        group,
        rows,
        notice: None,
    })
}

/// Every provision's entries of the countries `iso2s` (known ISO codes), side by side, whatever
/// their number: the comparison's table, for the matrix's export.
pub async fn compare_all(
    db: &impl ConnectionTrait,
    iso2s: &[String],
) -> Result<CompareView, AppError> {
    let all = countries_in_order(db).await?;
    let countries: Vec<&country::Model> = iso2s
        .iter()
        .filter_map(|code| all.iter().find(|c| &c.iso2 == code))
        .collect();
    side_by_side(db, &countries, None, Vec::new()).await
}

/// Every version of an entry saved since the start of `since` (`YYYY-MM-DD`; a year ago when empty
/// or unreadable, with a notice for the latter), newest first, with the coverage before and after.
pub async fn changes_since(
    db: &impl ConnectionTrait,
    since: Option<String>,
    today: chrono::NaiveDate,
) -> Result<ChangesView, AppError> {
    let a_year_ago = today - chrono::Duration::days(365);
    let mut notice = None;
    let since = match since.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => a_year_ago,
        // Years a database stores as a time of day, whatever the address says.
        Some(text) => text
            .parse::<chrono::NaiveDate>()
            .ok()
            .filter(|day| (1970..=9999).contains(&chrono::Datelike::year(day)))
            .unwrap_or_else(|| {
                notice = Some("legislation-changes-bad-day".to_owned());
                a_year_ago
            }),
    };
    let start = since.and_time(NaiveTime::MIN).and_utc();
    let versions = legislation_version::Entity::find()
        .filter(legislation_version::Column::SavedAt.gte(start))
        .order_by_desc(legislation_version::Column::SavedAt)
        .order_by_desc(legislation_version::Column::Id)
        .all(db)
        .await?;
    let entries: HashMap<i32, legislation_entry::Model> = legislation_entry::Entity::find()
        .filter(legislation_entry::Column::Id.is_in(versions.iter().map(|v| v.entry_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|e| (e.id, e))
        .collect();
    let earlier: HashMap<(i32, i32), Coverage> = legislation_version::Entity::find()
        .filter(legislation_version::Column::EntryId.is_in(entries.keys().copied()))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|v| {
            let entry: Entry = serde_json::from_str(&v.content).ok()?;
            Some(((v.entry_id, v.version), entry.coverage))
        })
        .collect();
    let countries: HashMap<i32, country::Model> = country::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let provisions: HashMap<i32, Provision> = provisions(db).await?.into_iter().collect();
    let names = user_names(db).await?;
    let changes = versions
        .into_iter()
        .filter_map(|v| {
            let entry = entries.get(&v.entry_id)?;
            let country = countries.get(&entry.country_id)?;
            let provision = provisions.get(&entry.provision_id)?;
            let after = *earlier.get(&(v.entry_id, v.version))?;
            Some(EntryChange {
                iso2: country.iso2.clone(),
                country: Bilingual::new(&country.name_en, &country.name_es),
                provision: provision.code.clone(),
                provision_name: provision.name.clone(),
                version: v.version,
                before: earlier.get(&(v.entry_id, v.version - 1)).copied(),
                after,
                saved_by: v.saved_by.and_then(|id| names.get(&id).cloned()),
                saved_at: v.saved_at.format("%Y-%m-%d %H:%M UTC").to_string(),
            })
        })
        .collect();
    Ok(ChangesView {
        since: since.to_string(),
        changes,
        notice,
    })
}

/// Every saved version of the entry `entry_id`, newest first.
async fn history(
    db: &impl ConnectionTrait,
    entry_id: i32,
    names: &HashMap<i32, String>,
) -> Result<Vec<EntryVersion>, AppError> {
    legislation_version::Entity::find()
        .filter(legislation_version::Column::EntryId.eq(entry_id))
        .order_by_desc(legislation_version::Column::Version)
        .all(db)
        .await?
        .into_iter()
        .map(|v| {
            let entry: Entry = serde_json::from_str(&v.content).map_err(|error| {
                tracing::error!(%error, version = v.id, "a stored version of an entry is unreadable");
                AppError::Internal
            })?;
            Ok(EntryVersion {
                version: v.version,
                saved_by: v.saved_by.and_then(|id| names.get(&id).cloned()),
                saved_at: v.saved_at.format("%Y-%m-%d %H:%M UTC").to_string(),
                entry,
            })
        })
        .collect()
}
