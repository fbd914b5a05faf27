//! Reading the outlook from the plan's state in memory (the snapshot): each country's projection
//! and warnings on a day, the themes' and the region's, and the backtest over the stored history.

use chrono::{Months, NaiveDate};

use super::rules::{accuracy, Case};
use super::types::{
    Backtest, CountryOutlookRow, OutlookView, ProjectedRow, ThemeOutlook, WarningLine,
};
use crate::dashboards::figures::{self, CountryOutlook, Structure};
use crate::dashboards::snapshot::Snapshot;
use crate::domain::{AsOf, Membership};
use crate::progress::outlook::{regional_projected, Warning};
use crate::progress::{country_progress, mean};

/// How far ahead the backtest checks the method, in months.
pub const BACKTEST_HORIZONS: [u32; 3] = [3, 6, 12];

/// The outlook on the day `as_of` names (today when empty), with the early warnings of the member
/// country `country` names (ISO code, any case; `all` or empty: every member). An unknown country
/// is set aside with a notice.
pub fn outlook_view(
    snapshot: &Snapshot,
    country: Option<&str>,
    as_of: Option<&str>,
    today: NaiveDate,
) -> OutlookView {
    let (as_of, as_of_notice) = AsOf::read(as_of, today, (snapshot.plan_start, snapshot.plan_end));
    let day = as_of.day;
    let structure = snapshot.structure(Membership::Member, None, day);
    let outlooks = figures::outlooks(
        &structure,
        &snapshot.states_on(&structure, day),
        snapshot.plan_start,
        day,
    );
    let wanted = country
        .map(str::trim)
        .filter(|c| !c.is_empty() && !c.eq_ignore_ascii_case("all"));
    let chosen = wanted
        .and_then(|iso2| snapshot.member(iso2))
        .map(|c| c.iso2.clone());
    let notice =
        (wanted.is_some() && chosen.is_none()).then(|| "outlook-unknown-country".to_owned());
    let warnings = outlooks
        .iter()
        .filter(|o| chosen.as_ref().is_none_or(|iso2| *iso2 == o.country.iso2))
        .flat_map(|o| warning_lines(snapshot, o))
        .collect();
    OutlookView {
        as_of: day.to_string(),
        shown: as_of.shown(as_of_notice),
        plan_end: snapshot.plan_end.to_string(),
        country: chosen,
        countries: structure
            .countries
            .iter()
            .map(|c| (c.iso2.clone(), c.name.clone()))
            .collect(),
        notice,
        region: projected_row(&outlooks, |_| true, day, snapshot.plan_end),
        themes: structure
            .themes
            .iter()
            .map(|theme| {
                let in_theme = |id: i32| {
                    structure
                        .actions
                        .iter()
                        .any(|a| a.id == id && a.theme_id == theme.id)
                };
                ThemeOutlook {
                    code: theme.code.clone(),
                    name: theme.name.clone(),
                    projected: projected_row(&outlooks, in_theme, day, snapshot.plan_end),
                }
            })
            .collect(),
        rows: outlooks
            .iter()
            .map(|o| country_row(o, snapshot.plan_end))
            .collect(),
        warnings,
    }
}

/// Progress now and projected at the plan's end over the actions `in_scope` keeps, the mean over
/// the countries; `None` when no country can be projected yet.
fn projected_row(
    outlooks: &[CountryOutlook],
    in_scope: impl Fn(i32) -> bool + Copy,
    as_of: NaiveDate,
    plan_end: NaiveDate,
) -> Option<ProjectedRow> {
    let at_end = regional_projected(outlooks.iter().map(|o| o.projected_on(plan_end, in_scope)))?;
    let now = mean(outlooks.iter().filter_map(|o| now_of(o, in_scope, as_of)));
    Some(ProjectedRow { now, at_end })
}

/// The progress a country had made on `as_of` over the actions `in_scope` keeps.
fn now_of(
    outlook: &CountryOutlook,
    in_scope: impl Fn(i32) -> bool,
    as_of: NaiveDate,
) -> Option<f64> {
    let kept = outlook
        .actions
        .iter()
        .zip(&outlook.outlook.central)
        .filter(|(id, _)| in_scope(**id))
        .map(|(_, state)| state);
    country_progress(kept, as_of).map(|p| p.actual)
}

/// A country's row of the outlook table.
fn country_row(outlook: &CountryOutlook, plan_end: NaiveDate) -> CountryOutlookRow {
    let as_of = outlook.outlook.as_of;
    CountryOutlookRow {
        iso2: outlook.country.iso2.clone(),
        name: outlook.country.name.clone(),
        projected: outlook
            .projected_on(plan_end, |_| true)
            .map(|at_end| ProjectedRow {
                now: now_of(outlook, |_| true, as_of),
                at_end,
            }),
        pace: outlook.outlook.pace,
        lateness_days: outlook.outlook.lateness_days,
        last_achieved: outlook.outlook.last_achieved.map(|d| d.to_string()),
        unfinished: outlook
            .outlook
            .warnings(plan_end)
            .iter()
            .filter(|w| matches!(w, Warning::Action { .. }))
            .count(),
    }
}

/// A country's early warnings, in the plan's order, with the actions and milestones named.
pub fn warning_lines(snapshot: &Snapshot, outlook: &CountryOutlook) -> Vec<WarningLine> {
    let as_of = outlook.outlook.as_of;
    let actions = snapshot.actions_on(as_of);
    outlook
        .outlook
        .warnings(snapshot.plan_end)
        .into_iter()
        .filter_map(|warning| {
            let (index, milestone, due_on, projected, reason) = match warning {
                Warning::Milestone {
                    action,
                    milestone,
                    due_on,
                    projected,
                    reason,
                } => (action, Some(milestone), due_on, projected, reason),
                Warning::Action {
                    action,
                    projected,
                    reason,
                } => (action, None, snapshot.plan_end, projected, reason),
            };
            let id = *outlook.actions.get(index)?;
            let action = actions.iter().find(|a| a.id == id)?;
            let milestone = match milestone {
                Some(m) => Some(snapshot.milestone_titles_on(id, as_of).get(m)?.clone()),
                None => None,
            };
            Some(WarningLine {
                iso2: outlook.country.iso2.clone(),
                country: outlook.country.name.clone(),
                code: action.code.clone(),
                action: action.title.clone(),
                milestone,
                due_on: due_on.to_string(),
                projected: projected.map(|d| d.to_string()),
                reason,
            })
        })
        .collect()
}

/// The method run from the end of every month of the stored history, each member country
/// projected 3, 6 and 12 months ahead and checked against the progress it had actually made then.
/// The history is known up to the last day anything was recorded (and never after `today`).
pub fn backtest(snapshot: &Snapshot, today: NaiveDate) -> Backtest {
    let known_until = snapshot
        .last_recorded()
        .unwrap_or(snapshot.plan_start)
        .min(today)
        .min(snapshot.plan_end);
    let origins: Vec<NaiveDate> = figures::month_ends(snapshot.plan_start, known_until)
        .into_iter()
        .filter(|day| *day < known_until)
        .collect();
    let horizons = BACKTEST_HORIZONS
        .iter()
        .filter_map(|months| {
            let cases: Vec<Case> = origins
                .iter()
                .filter_map(|origin| {
                    let target = origin.checked_add_months(Months::new(*months))?;
                    (target <= known_until).then(|| cases_from(snapshot, *origin, target))
                })
                .flatten()
                .collect();
            accuracy(*months, &cases)
        })
        .collect();
    Backtest {
        known_until: known_until.to_string(),
        horizons,
    }
}

/// Each member country projected on `origin` for `target`, with the progress it had made on each.
fn cases_from(snapshot: &Snapshot, origin: NaiveDate, target: NaiveDate) -> Vec<Case> {
    let at = |day: NaiveDate| -> (Structure, figures::States) {
        let structure = snapshot.structure(Membership::Member, None, day);
        let states = snapshot.states_on(&structure, day);
        (structure, states)
    };
    let (structure, states) = at(origin);
    let (later, later_states) = at(target);
    let progress_of = |structure: &Structure, states: &figures::States, id: i32, day: NaiveDate| {
        let own = structure
            .actions
            .iter()
            .filter_map(|a| states.get(&(id, a.id)));
        country_progress(own, day).map(|p| p.actual)
    };
    figures::outlooks(&structure, &states, snapshot.plan_start, origin)
        .iter()
        .filter_map(|o| {
            let id = o.country.id;
            Some(Case {
                projected: o.projected_on(target, |_| true)?,
                actual: progress_of(&later, &later_states, id, target)?,
                at_start: progress_of(&structure, &states, id, origin)?,
            })
        })
        .collect()
}
