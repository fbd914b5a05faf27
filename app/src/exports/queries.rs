//! The tables a page shows, read with the page's filters as a `Table` to download. Each table
//! asks the same permission as its page.

use std::collections::HashMap;

use sea_orm::DatabaseConnection;

use super::types::{Cell, Sheet, Table};
use crate::access::{Permission, Viewer};
use crate::audit::types::AuditFilter;
use crate::dashboards::snapshot::Snapshot;
use crate::domain::AsOf;
use crate::error::AppError;
use crate::i18n::{t, t_args, Lang};

/// The tables that download, by the name their address gives them.
pub const TABLES: [&str; 7] = [
    "matrix",
    "legislation",
    "audit",
    "scorecard",
    "country-actions",
    "tracker",
    "indicator",
];

/// The table `name` as `viewer` may read it, with the filters of its page's address (`query`), in
/// `lang`; `NotFound` for a name that is not a table.
pub async fn table(
    db: &DatabaseConnection,
    snapshot: &Snapshot,
    viewer: &Viewer,
    name: &str,
    query: &HashMap<String, String>,
    lang: Lang,
) -> Result<Table, AppError> {
    let filter = |key: &str| query.get(key).cloned().filter(|v| !v.trim().is_empty());
    let today = chrono::Utc::now().date_naive();
    let as_of_text = filter("as_of");
    let (as_of, _) = AsOf::read(
        as_of_text.as_deref(),
        today,
        (snapshot.plan_start, snapshot.plan_end),
    );
    // The file is named for the day it shows.
    let day = if as_of.asked { as_of.day } else { today };
    match name {
        "matrix" => {
            require(viewer, Permission::Read)?;
            let matrix = crate::matrix::queries::matrix(
                snapshot,
                filter("theme"),
                filter("group"),
                as_of_text.as_deref(),
                today,
            );
            Ok(matrix_table(&matrix, lang, day))
        }
        "legislation" => {
            require(viewer, Permission::Read)?;
            Ok(legislation_table(db, filter("membership"), lang, today).await?)
        }
        "audit" => {
            require(viewer, Permission::ReadAudit)?;
            let audit_filter = AuditFilter {
                user: filter("user").and_then(|u| u.trim().parse().ok()),
                country: filter("country"),
                entity: filter("entity"),
                from: filter("from"),
                to: filter("to"),
                page: None,
            };
            let rows = crate::audit::queries::audit_entries(db, &audit_filter).await?;
            Ok(audit_table(&rows, lang, today))
        }
        "scorecard" => {
            require(viewer, Permission::Read)?;
            let card = snapshot.scorecard.view(None, Some(as_of.known_on));
            Ok(scorecard_table(&card, lang, day))
        }
        "country-actions" => {
            require(viewer, Permission::Read)?;
            let iso2 = filter("country").ok_or(AppError::NotFound)?;
            let iso2 = crate::domain::country_code(&iso2).ok_or(AppError::NotFound)?;
            let detail = crate::countries::queries::country_detail(
                db,
                Some(snapshot),
                &iso2,
                as_of_text.as_deref(),
            )
            .await?;
            Ok(country_actions_table(&detail, lang, day))
        }
        "tracker" => {
            require(viewer, Permission::Read)?;
            let year = filter("year")
                .and_then(|year| year.trim().parse().ok())
                .ok_or(AppError::NotFound)?;
            let tracker = crate::rounds::queries::tracker(db, viewer, year, false).await?;
            Ok(tracker_table(&tracker, lang))
        }
        "indicator" => {
            require(viewer, Permission::Read)?;
            let code = filter("code").ok_or(AppError::NotFound)?;
            let code = crate::indicators::rules::indicator_code(&code).ok_or(AppError::NotFound)?;
            let known_on = as_of.asked.then_some(as_of.known_on);
            let view =
                crate::indicators::queries::indicator_view(db, viewer, &code, known_on).await?;
            Ok(indicator_table(&view, lang))
        }
        _ => Err(AppError::NotFound),
    }
}

/// An indicator across countries: a row per country with its value of each year (a number, or the
/// answer in words for yes/no and scale indicators), its state when not validated, the baseline
/// and target, the assessment and the trend.
fn indicator_table(view: &crate::indicators::types::IndicatorView, lang: Lang) -> Table {
    use crate::domain::IndicatorKind;
    let kind = view.info.kind;
    let mut headers = vec![t(lang, "col-country")];
    for year in &view.years {
        headers.push(year.to_string());
        headers.push(t_args(
            lang,
            "export-col-state-of",
            &[("year", (*year).into())],
        ));
    }
    headers.extend(
        [
            "col-baseline",
            "export-col-baseline-year",
            "col-target",
            "export-col-target-year",
            "target-proposed",
            "col-assessment",
            "col-trend",
        ]
        .iter()
        .map(|key| t(lang, key)),
    );
    let value = |value: f64| match kind {
        IndicatorKind::YesNo | IndicatorKind::Scale0To4 => {
            crate::indicators::rules::format_value(lang, kind, value).into()
        }
        _ => Cell::Number(value),
    };
    let rows = view
        .rows
        .iter()
        .map(|row| {
            let mut cells: Vec<Cell> = vec![row.country.get(lang).into()];
            for year in &view.years {
                match row.values.iter().find(|cell| cell.year == *year) {
                    Some(cell) => {
                        cells.push(value(cell.value));
                        cells.push(t(lang, cell.state.label_key()).into());
                    }
                    None => cells.extend([Cell::Empty, Cell::Empty]),
                }
            }
            match &row.target {
                Some(target) => cells.extend([
                    value(target.baseline_value),
                    Cell::Number(f64::from(target.baseline_year)),
                    value(target.target_value),
                    Cell::Number(f64::from(target.target_year)),
                    if target.proposed {
                        t(lang, "export-yes").into()
                    } else {
                        Cell::Empty
                    },
                ]),
                None => cells.extend(std::iter::repeat_n(Cell::Empty, 5)),
            }
            cells.push(
                row.standing
                    .assessment
                    .map_or(Cell::Empty, |a| t(lang, a.status.label_key()).into()),
            );
            cells.push(
                row.standing
                    .trend
                    .map_or(Cell::Empty, |trend| t(lang, trend.label_key()).into()),
            );
            cells
        })
        .collect();
    Table {
        file_stem: format!("indicator-{}", view.info.code),
        title: format!("{} · {}", view.info.code, view.info.name.get(lang)),
        headers,
        rows,
        more_sheets: Vec::new(),
    }
}

/// A round's submission tracker: a row per country with its submission's state and dates.
fn tracker_table(tracker: &crate::rounds::types::TrackerView, lang: Lang) -> Table {
    let headers = [
        "col-country",
        "col-state",
        "col-submitted",
        "col-validated",
        "col-timeliness",
        "col-reminders",
    ]
    .iter()
    .map(|key| t(lang, key))
    .collect();
    let day = |value: &Option<String>| value.clone().map_or(Cell::Empty, Cell::Text);
    Table {
        file_stem: format!("round-{}", tracker.year),
        title: t_args(
            lang,
            "export-tracker-title",
            &[("year", tracker.year.into())],
        ),
        headers,
        rows: tracker
            .rows
            .iter()
            .map(|row| {
                vec![
                    row.country.get(lang).into(),
                    t(lang, row.state.label_key()).into(),
                    day(&row.submitted_on),
                    day(&row.validated_on),
                    row.timeliness.words(lang).into(),
                    Cell::Number(row.reminders as f64),
                ]
            })
            .collect(),
        more_sheets: Vec::new(),
    }
}

/// The Protocol article scorecard: a row per country, two columns per article (the share of its
/// yes/no indicators met, and its mean level as a share of 4), in the latest validated year.
fn scorecard_table(
    card: &crate::indicators::types::ScorecardView,
    lang: Lang,
    today: chrono::NaiveDate,
) -> Table {
    let mut headers = vec![t(lang, "col-country"), t(lang, "col-year")];
    for article in &card.articles {
        let number = [("number", article.number.to_string().into())];
        headers.push(t_args(lang, "export-scorecard-yes-no", &number));
        headers.push(t_args(lang, "export-scorecard-scale", &number));
    }
    let share = |value: Option<f64>| value.map_or(Cell::Empty, Cell::Number);
    Table {
        file_stem: format!("scorecard-{today}"),
        title: t(lang, "scorecard-title"),
        headers,
        rows: card
            .rows
            .iter()
            .map(|row| {
                let mut cells = vec![
                    row.country.get(lang).into(),
                    row.year
                        .map_or(Cell::Empty, |year| Cell::Number(f64::from(year))),
                ];
                for score in &row.scores {
                    cells.push(share(score.yes_no_met));
                    cells.push(share(score.scale));
                }
                cells
            })
            .collect(),
        more_sheets: Vec::new(),
    }
}

/// A country's actions: a row per action with its status, delay, progress and milestones.
fn country_actions_table(
    detail: &crate::countries::types::CountryDetail,
    lang: Lang,
    today: chrono::NaiveDate,
) -> Table {
    let headers = [
        "action-theme-label",
        "col-code",
        "col-action",
        "col-status",
        "status-delayed",
        "export-col-progress",
        "col-milestones",
        "export-col-milestones-total",
        "col-updated",
        "export-col-updated-by",
    ]
    .iter()
    .map(|key| t(lang, key))
    .collect();
    let yes = t(lang, "export-yes");
    let rows = detail
        .themes
        .iter()
        .flat_map(|theme| {
            let yes = yes.clone();
            theme.actions.iter().map(move |action| {
                let count = |n: usize| Cell::Number(n as f64);
                vec![
                    theme.code.clone().into(),
                    action.code.clone().into(),
                    action.title.get(lang).into(),
                    action
                        .status
                        .map_or(Cell::Empty, |s| t(lang, s.label_key()).into()),
                    if action.delayed {
                        yes.clone().into()
                    } else {
                        Cell::Empty
                    },
                    action.progress.map_or(Cell::Empty, Cell::Number),
                    count(action.achieved),
                    count(action.total),
                    action.updated_on.clone().map_or(Cell::Empty, Cell::Text),
                    action.updated_by.clone().map_or(Cell::Empty, Cell::Text),
                ]
            })
        })
        .collect();
    Table {
        file_stem: format!("actions-{}-{today}", detail.country.iso2),
        title: detail.country.name.get(lang).to_owned(),
        headers,
        rows,
        more_sheets: Vec::new(),
    }
}

fn require(viewer: &Viewer, permission: Permission) -> Result<(), AppError> {
    if viewer.may(permission) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// The matrix: a row per action, a column per country with its status (and "Delayed").
fn matrix_table(
    matrix: &crate::matrix::types::Matrix,
    lang: Lang,
    today: chrono::NaiveDate,
) -> Table {
    let mut headers = vec![
        t(lang, "action-theme-label"),
        t(lang, "col-code"),
        t(lang, "export-col-action"),
    ];
    headers.extend(
        matrix
            .countries
            .iter()
            .map(|(_, name)| name.get(lang).to_owned()),
    );
    let rows = matrix
        .rows
        .iter()
        .map(|row| {
            let mut cells: Vec<Cell> = vec![
                row.theme_code.clone().into(),
                row.code.clone().into(),
                row.title.get(lang).into(),
            ];
            cells.extend(row.cells.iter().map(|cell| {
                let status = cell.status.map(|s| t(lang, s.label_key()));
                match (status, cell.delayed) {
                    (Some(status), true) => {
                        format!("{status} · {}", t(lang, "status-delayed")).into()
                    }
                    (Some(status), false) => status.into(),
                    (None, true) => t(lang, "status-delayed").into(),
                    (None, false) => Cell::Empty,
                }
            }));
            cells
        })
        .collect();
    Table {
        file_stem: format!("matrix-{today}"),
        title: t(lang, "matrix-title"),
        headers,
        rows,
        more_sheets: Vec::new(),
    }
}

/// The audit trail: a row per entry, newest first, with the values before and after.
fn audit_table(
    rows: &[crate::audit::types::AuditRow],
    lang: Lang,
    today: chrono::NaiveDate,
) -> Table {
    let headers = [
        "audit-col-when",
        "audit-col-who",
        "audit-filter-entity",
        "export-col-record",
        "export-col-operation",
        "export-col-country",
        "audit-before",
        "audit-after",
    ]
    .iter()
    .map(|key| t(lang, key))
    .collect();
    let text = |value: &Option<String>| value.clone().map_or(Cell::Empty, Cell::Text);
    Table {
        file_stem: format!("audit-{today}"),
        title: t(lang, "audit-title"),
        headers,
        rows: rows
            .iter()
            .map(|row| {
                vec![
                    row.occurred_at.clone().into(),
                    row.actor
                        .clone()
                        .unwrap_or_else(|| t(lang, "audit-system"))
                        .into(),
                    row.entity.clone().into(),
                    row.entity_id.clone().into(),
                    row.operation.clone().into(),
                    text(&row.country),
                    text(&row.before),
                    text(&row.after),
                ]
            })
            .collect(),
        more_sheets: Vec::new(),
    }
}

/// The legislation matrix as the secretariat keeps it: the countries of a group against every
/// provision's coverage, as the page shows it; in a workbook, a further sheet per provision group
/// with a row per country and, for each provision, its coverage, the instruments and articles that
/// implement it, the prison term's least and longest years, and whether the secretariat verified it.
async fn legislation_table(
    db: &DatabaseConnection,
    membership: Option<String>,
    lang: Lang,
    today: chrono::NaiveDate,
) -> Result<Table, AppError> {
    use crate::domain::ProvisionGroup;
    let matrix = crate::legislation::queries::matrix(db, None, membership).await?;
    let mut headers = vec![t(lang, "col-country")];
    headers.extend(matrix.provisions.iter().map(|p| p.code.clone()));
    let rows = matrix
        .rows
        .iter()
        .map(|row| {
            let mut cells: Vec<Cell> = vec![row.country.get(lang).into()];
            cells.extend(row.cells.iter().map(|cell| match cell {
                Some(cell) => t(lang, cell.coverage.label_key()).into(),
                None => Cell::Empty,
            }));
            cells
        })
        .collect();
    let countries: Vec<String> = matrix.rows.iter().map(|r| r.iso2.clone()).collect();
    let view = crate::legislation::queries::compare_all(db, &countries).await?;
    let more_sheets = ProvisionGroup::ALL
        .iter()
        .map(|group| group_sheet(&view, *group, lang))
        .collect();
    Ok(Table {
        file_stem: format!("legislation-{today}"),
        title: t(lang, "legislation-title"),
        headers,
        rows,
        more_sheets,
    })
}

/// A group's sheet of the legislation export: a row per country and, for each provision of the
/// group, its coverage, instruments and articles, prison term and verification.
fn group_sheet(
    view: &crate::legislation::types::CompareView,
    group: crate::domain::ProvisionGroup,
    lang: Lang,
) -> Sheet {
    use crate::legislation::types::StoredEntry;
    let instruments = |entry: &StoredEntry| {
        entry
            .entry
            .instruments
            .iter()
            .map(|i| match &i.article {
                Some(article) => format!(
                    "{}, {}",
                    i.title,
                    t_args(
                        lang,
                        "legislation-article",
                        &[("article", article.clone().into())]
                    )
                ),
                None => i.title.clone(),
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    let provisions: Vec<usize> = view
        .rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.provision.group == group)
        .map(|(index, _)| index)
        .collect();
    let mut headers = vec![t(lang, "col-country")];
    for index in &provisions {
        let code = &view.rows[*index].provision.code;
        for key in [
            "legislation-coverage",
            "legislation-instruments",
            "legislation-penalty-min",
            "legislation-penalty-max",
            "export-col-verified",
        ] {
            headers.push(format!("{code} · {}", t(lang, key)));
        }
    }
    let rows = view
        .countries
        .iter()
        .enumerate()
        .map(|(place, (_, name))| {
            let mut cells: Vec<Cell> = vec![name.get(lang).into()];
            for index in &provisions {
                match &view.rows[*index].entries[place] {
                    Some(entry) => cells.extend([
                        t(lang, entry.entry.coverage.label_key()).into(),
                        instruments(entry).into(),
                        entry
                            .entry
                            .penalty
                            .min_years
                            .map_or(Cell::Empty, Cell::Number),
                        entry
                            .entry
                            .penalty
                            .max_years
                            .map_or(Cell::Empty, Cell::Number),
                        entry.verified_on.clone().map_or(Cell::Empty, Cell::from),
                    ]),
                    None => cells.extend(std::iter::repeat_n(Cell::Empty, 5)),
                }
            }
            cells
        })
        .collect();
    Sheet {
        title: t(lang, group.label_key()),
        headers,
        rows,
    }
}
