//! Reading the outlook from the plan's state in memory (the snapshot): each country's projection
//! and warnings on a day, the themes' and the region's, and the backtest over the stored history.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, Months, NaiveDate};

use super::rules::{accuracy, Case};
use super::types::{
    Backtest, CountryOutlookRow, OutlookView, ProjectedRow, ThemeOutlook, WarningLine,
};
use crate::dashboards::figures::{self, CountryOutlook};
use crate::dashboards::snapshot::{PlanAction, Snapshot};
use crate::domain::{AsOf, Membership, Paging};

use crate::progress::outlook::{regional_projected, Warning};
use crate::progress::{country_progress, mean};

/// How many early warnings the outlook's page lists at a time.
pub const WARNINGS_PER_PAGE: usize = 100;

/// How far ahead the backtest checks the method, in months.
pub const BACKTEST_HORIZONS: [u32; 3] = [3, 6, 12];

/// The outlook on the day `as_of` names (today when empty), with the early warnings of the member
/// country `country` names (ISO code, any case; `all` or empty: every member), all of them. An
/// unknown country is set aside with a notice.
pub fn outlook_view(
    snapshot: &Snapshot,
    country: Option<&str>,
    as_of: Option<&str>,
    today: NaiveDate,
) -> OutlookView {
    view_of(snapshot, country, as_of, today, None)
}

/// `outlook_view` with the early warnings of the page `page` asks for only
/// (`WARNINGS_PER_PAGE`): only those are named.
pub fn outlook_page(
    snapshot: &Snapshot,
    country: Option<&str>,
    as_of: Option<&str>,
    today: NaiveDate,
    page: Option<&str>,
) -> OutlookView {
    view_of(snapshot, country, as_of, today, Some(page))
}

/// The outlook, with the warnings of the page `page` asks for (`None`: all of them).
fn view_of(
    snapshot: &Snapshot,
    country: Option<&str>,
    as_of: Option<&str>,
    today: NaiveDate,
    page: Option<Option<&str>>,
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
    // Each country's warnings, worked out once for its row and the list.
    let warnings: Vec<Vec<Warning>> = outlooks
        .iter()
        .map(|o| o.outlook.warnings(snapshot.plan_end))
        .collect();
    let wanted = country
        .map(str::trim)
        .filter(|c| !c.is_empty() && !c.eq_ignore_ascii_case("all"));
    let chosen = wanted
        .and_then(|iso2| snapshot.member(iso2))
        .map(|c| c.iso2.clone());
    let notice =
        (wanted.is_some() && chosen.is_none()).then(|| "outlook-unknown-country".to_owned());
    let theme_of: HashMap<i32, i32> = structure
        .actions
        .iter()
        .map(|a| (a.id, a.theme_id))
        .collect();
    let listed: Vec<(&CountryOutlook, &Warning)> = outlooks
        .iter()
        .zip(&warnings)
        .filter(|(o, _)| chosen.as_ref().is_none_or(|iso2| *iso2 == o.country.iso2))
        .flat_map(|(o, warnings)| warnings.iter().map(move |w| (o, w)))
        .collect();
    let warnings_paging = match page {
        Some(page) => Paging::read(page, listed.len(), WARNINGS_PER_PAGE),
        None => Paging::read(None, listed.len(), listed.len()),
    };
    let actions: HashMap<i32, PlanAction> = snapshot
        .actions_on(day)
        .into_iter()
        .map(|action| (action.id, action))
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
                let in_theme = |id: i32| theme_of.get(&id) == Some(&theme.id);
                ThemeOutlook {
                    code: theme.code.clone(),
                    name: theme.name.clone(),
                    projected: projected_row(&outlooks, in_theme, day, snapshot.plan_end),
                }
            })
            .collect(),
        rows: outlooks
            .iter()
            .zip(&warnings)
            .map(|(o, warnings)| country_row(o, warnings, snapshot.plan_end))
            .collect(),
        warnings: warnings_paging
            .cut(listed)
            .into_iter()
            .filter_map(|(o, warning)| warning_line(snapshot, o, warning, &actions))
            .collect(),
        warnings_paging,
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
fn country_row(
    outlook: &CountryOutlook,
    warnings: &[Warning],
    plan_end: NaiveDate,
) -> CountryOutlookRow {
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
        unfinished: warnings
            .iter()
            .filter(|w| matches!(w, Warning::Action { .. }))
            .count(),
    }
}

/// One of a country's early warnings, with its action (from `actions`, the plan's on the
/// outlook's day, by id) and milestone named.
fn warning_line(
    snapshot: &Snapshot,
    outlook: &CountryOutlook,
    warning: &Warning,
    actions: &HashMap<i32, PlanAction>,
) -> Option<WarningLine> {
    let (index, milestone, due_on, projected, reason) = match *warning {
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
    let action = actions.get(&id)?;
    let milestone = match milestone {
        Some(m) => Some(
            snapshot
                .milestone_title_on(id, m, outlook.outlook.as_of)?
                .clone(),
        ),
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
}

/// The method run from the end of every month of the stored history, each member country
/// projected to the end of the month 3, 6 and 12 months later and checked against the progress it
/// had actually made then. The history is known up to the last day anything was recorded (and
/// never after `today`). Each country's projections and progress of each month are computed once
/// for its histories (`Snapshot::projected_from`, `Snapshot::progress_on`), so that a save costs
/// the backtest that country's months only.
pub fn backtest(snapshot: &Snapshot, today: NaiveDate) -> Backtest {
    let known_until = snapshot
        .last_recorded()
        .unwrap_or(snapshot.plan_start)
        .min(today)
        .min(snapshot.plan_end);
    let countries = snapshot.countries_in(Membership::Member);
    let mut cases: BTreeMap<u32, Vec<Case>> = BTreeMap::new();
    // The end of every month known, up to the last day known.
    let origins = figures::month_ends(snapshot.plan_start, known_until);
    for origin in origins.iter().filter(|day| **day < known_until) {
        // The horizons whose month's end is known, with that day.
        let horizons: Vec<(u32, NaiveDate)> = BACKTEST_HORIZONS
            .iter()
            .filter_map(|months| Some((*months, end_of_month_after(*origin, *months)?)))
            .filter(|(_, target)| *target <= known_until)
            .collect();
        if horizons.is_empty() {
            continue;
        }
        let targets: Vec<NaiveDate> = horizons.iter().map(|(_, target)| *target).collect();
        for country in &countries {
            let Some(at_start) = snapshot.progress_on(country, *origin) else {
                continue;
            };
            let projected = snapshot.projected_from(country, *origin, &targets);
            for ((months, target), projected) in horizons.iter().zip(projected) {
                let (Some(projected), Some(actual)) =
                    (projected, snapshot.progress_on(country, *target))
                else {
                    continue;
                };
                cases.entry(*months).or_default().push(Case {
                    projected,
                    actual: actual.actual,
                    at_start: at_start.actual,
                });
            }
        }
    }
    Backtest {
        known_until: known_until.to_string(),
        horizons: BACKTEST_HORIZONS
            .iter()
            .filter_map(|months| accuracy(*months, cases.get(months)?))
            .collect(),
    }
}

/// The last day of the month `months` after the month of `day`.
fn end_of_month_after(day: NaiveDate, months: u32) -> Option<NaiveDate> {
    day.with_day(1)?
        .checked_add_months(Months::new(months + 1))?
        .pred_opt()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn a_backtest_checks_the_end_of_the_month_it_looks_ahead_to() {
        // April's end three months on is July's, not the 30th.
        assert_eq!(
            end_of_month_after(day("2025-04-30"), 3),
            Some(day("2025-07-31"))
        );
        assert_eq!(
            end_of_month_after(day("2025-01-31"), 1),
            Some(day("2025-02-28"))
        );
        assert_eq!(
            end_of_month_after(day("2027-11-30"), 3),
            Some(day("2028-02-29"))
        );
    }
}
