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

impl OutlookView {
    /// The view with the warnings of the page `page` asks for only (`WARNINGS_PER_PAGE`).
    pub fn with_warnings_page(mut self, page: Option<&str>) -> Self {
        self.warnings_paging = Paging::read(page, self.warnings.len(), WARNINGS_PER_PAGE);
        self.warnings = self.warnings_paging.cut(self.warnings);
        self
    }
}

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
    let theme_of: HashMap<i32, i32> = structure
        .actions
        .iter()
        .map(|a| (a.id, a.theme_id))
        .collect();
    let actions: HashMap<i32, PlanAction> = snapshot
        .actions_on(day)
        .into_iter()
        .map(|action| (action.id, action))
        .collect();
    let warnings: Vec<WarningLine> = outlooks
        .iter()
        .filter(|o| chosen.as_ref().is_none_or(|iso2| *iso2 == o.country.iso2))
        .flat_map(|o| warning_lines(snapshot, o, &actions))
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
            .map(|o| country_row(o, snapshot.plan_end))
            .collect(),
        warnings_paging: Paging::read(None, warnings.len(), warnings.len()),
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

/// A country's early warnings, in the plan's order, with the actions (`actions`, the plan's on the
/// outlook's day, by id) and milestones named.
fn warning_lines(
    snapshot: &Snapshot,
    outlook: &CountryOutlook,
    actions: &HashMap<i32, PlanAction>,
) -> Vec<WarningLine> {
    let as_of = outlook.outlook.as_of;
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
            let action = actions.get(&id)?;
            let milestone = match milestone {
                Some(m) => Some(snapshot.milestone_title_on(id, m, as_of)?.clone()),
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
/// projected to the end of the month 3, 6 and 12 months later and checked against the progress it
/// had actually made then. The history is known up to the last day anything was recorded (and
/// never after `today`). Each month's projections and progress are computed once.
pub fn backtest(snapshot: &Snapshot, today: NaiveDate) -> Backtest {
    let known_until = snapshot
        .last_recorded()
        .unwrap_or(snapshot.plan_start)
        .min(today)
        .min(snapshot.plan_end);
    // The end of every month known, and the last day known.
    let days = figures::month_ends(snapshot.plan_start, known_until);
    let progress: HashMap<NaiveDate, HashMap<i32, f64>> = days
        .iter()
        .map(|day| (*day, progress_by_country(snapshot, *day)))
        .collect();
    let origins = days.iter().filter(|day| **day < known_until);
    let mut cases: BTreeMap<u32, Vec<Case>> = BTreeMap::new();
    for origin in origins {
        let structure = snapshot.structure(Membership::Member, None, *origin);
        let states = snapshot.states_on(&structure, *origin);
        let outlooks = figures::outlooks(&structure, &states, snapshot.plan_start, *origin);
        for months in BACKTEST_HORIZONS {
            let Some((target, actual_then)) = end_of_month_after(*origin, months)
                .filter(|target| *target <= known_until)
                .and_then(|target| Some((target, progress.get(&target)?)))
            else {
                continue;
            };
            cases
                .entry(months)
                .or_default()
                .extend(outlooks.iter().filter_map(|o| {
                    Some(Case {
                        projected: o.projected_on(target, |_| true)?,
                        actual: *actual_then.get(&o.country.id)?,
                        at_start: *progress.get(origin)?.get(&o.country.id)?,
                    })
                }));
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

/// Each member country's progress on `day`, with the plan as it stood that day.
fn progress_by_country(snapshot: &Snapshot, day: NaiveDate) -> HashMap<i32, f64> {
    let structure = snapshot.structure(Membership::Member, None, day);
    let states = snapshot.states_on(&structure, day);
    structure
        .countries
        .iter()
        .filter_map(|country| {
            let own = structure
                .actions
                .iter()
                .filter_map(|a| states.get(&(country.id, a.id)));
            Some((country.id, country_progress(own, day)?.actual))
        })
        .collect()
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
