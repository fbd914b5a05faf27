//! Reading the matrix: the plan's actions against the countries of a group, on a day.

use super::types::{Matrix, MatrixCell, MatrixRow};
use crate::dashboards::snapshot::Snapshot;
use crate::domain::{AsOf, Membership, Paging};

/// About how many cells a page of the matrix shows: a plan of many actions and countries is shown
/// a page of actions at a time (the RCM's fits one page), and downloaded whole.
const CELLS_PER_PAGE: usize = 5_000;

/// The fewest actions a page shows, however many countries.
const LEAST_ROWS_PER_PAGE: usize = 20;

/// The matrix for `theme` (a theme code; every theme when empty) and `group` (`member` when empty)
/// on the day `as_of` names (today when empty), from the plan's state in `snapshot`. A theme, group
/// or day the plan does not have is set aside with a notice, showing the nearest valid view; the
/// actions of the page `page` asks for (`CELLS_PER_PAGE`).
pub fn matrix_page(
    snapshot: &Snapshot,
    theme: Option<String>,
    group: Option<String>,
    (as_of, page): (Option<&str>, Option<&str>),
    today: chrono::NaiveDate,
) -> Matrix {
    read(
        snapshot,
        (theme, group, as_of),
        today,
        |actions, countries| {
            let per_page = (CELLS_PER_PAGE / countries.max(1)).max(LEAST_ROWS_PER_PAGE);
            Paging::read(page, actions, per_page)
        },
    )
}

/// The whole matrix, every action on one page, as `matrix_page` reads the address: for downloads.
pub fn matrix(
    snapshot: &Snapshot,
    theme: Option<String>,
    group: Option<String>,
    as_of: Option<&str>,
    today: chrono::NaiveDate,
) -> Matrix {
    read(snapshot, (theme, group, as_of), today, |actions, _| {
        Paging::read(None, actions, actions)
    })
}

/// The matrix the address's filters ask for, of the actions on the page `paging` chooses from
/// how many actions and countries there are.
fn read(
    snapshot: &Snapshot,
    (theme, group, as_of): (Option<String>, Option<String>, Option<&str>),
    today: chrono::NaiveDate,
    paging: impl FnOnce(usize, usize) -> Paging,
) -> Matrix {
    let mut notices = Vec::new();
    let (as_of, as_of_notice) = AsOf::read(as_of, today, (snapshot.plan_start, snapshot.plan_end));
    let themes = snapshot.themes_on(as_of.day);
    let wanted_theme = theme
        .map(|code| code.trim().to_owned())
        .filter(|c| !c.is_empty());
    let theme = match wanted_theme {
        Some(code) if themes.iter().any(|t| t.code == code) => Some(code),
        Some(_) => {
            notices.push("matrix-unknown-theme".to_owned());
            None
        }
        None => None,
    };
    let group = match group.as_deref().map(str::trim).filter(|g| !g.is_empty()) {
        None => Membership::Member,
        Some(code) => Membership::from_code(code).unwrap_or_else(|| {
            notices.push("matrix-unknown-group".to_owned());
            Membership::Member
        }),
    };
    let mut countries = snapshot.countries_in(group);
    countries.sort_by(|a, b| a.iso2.cmp(&b.iso2));
    let theme_code = |theme_id: i32| {
        themes
            .iter()
            .find(|t| t.id == theme_id)
            .map(|t| t.code.clone())
            .unwrap_or_default()
    };
    let actions: Vec<_> = snapshot
        .actions_on(as_of.day)
        .into_iter()
        .map(|action| (theme_code(action.theme_id), action))
        .filter(|(code, _)| theme.as_ref().is_none_or(|wanted| wanted == code))
        .collect();
    let paging = paging(actions.len(), countries.len());
    let rows = paging
        .cut(actions)
        .into_iter()
        .map(|(theme_code, action)| MatrixRow {
            theme_code,
            cells: countries
                .iter()
                .map(|country| {
                    let standing = snapshot.standing(country.id, action.id, as_of.day);
                    MatrixCell {
                        status: standing.as_ref().and_then(|s| s.status),
                        delayed: standing.is_some_and(|s| s.state.is_delayed(as_of.day)),
                    }
                })
                .collect(),
            code: action.code,
            title: action.title,
        })
        .collect();
    Matrix {
        themes: themes.into_iter().map(|t| (t.code, t.name)).collect(),
        theme,
        group,
        as_of: as_of.shown(as_of_notice),
        countries: countries.into_iter().map(|c| (c.iso2, c.name)).collect(),
        rows,
        paging,
        notices,
    }
}
