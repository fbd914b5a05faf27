//! Reading the outlook from the plan's state in memory (the snapshot): each country's projection
//! and warnings on a day, the themes' and the region's, and the backtest over the stored history.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, Months, NaiveDate};

use super::rules::{accuracy, Case};
use super::types::{
    Backtest, CountryOutlookRow, OutlookView, ProjectedRow, ThemeOutlook, WarningLine,
};
use crate::dashboards::figures::{self, CountryOutlook, CountryRef};
use crate::dashboards::snapshot::{PlanAction, Snapshot};
use crate::domain::{AsOf, Membership, Paging};

use crate::parallel;
use crate::progress::outlook::{regional_projected, Projected, Warning};
use crate::progress::{mean, WeightedSum};

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
        snapshot.states_on(&structure, day),
        snapshot.plan_start,
        day,
    );
    // Each country's warnings, worked out once for its row and the list.
    let warnings: Vec<Vec<Warning>> = parallel::map(outlooks.len(), |index| {
        outlooks[index].outlook.warnings(snapshot.plan_end)
    });
    let wanted = country
        .map(str::trim)
        .filter(|c| !c.is_empty() && !c.eq_ignore_ascii_case("all"));
    let chosen = wanted
        .and_then(|iso2| snapshot.member(iso2))
        .map(|c| c.iso2.clone());
    let notice =
        (wanted.is_some() && chosen.is_none()).then(|| "outlook-unknown-country".to_owned());
    let theme_of: HashMap<i32, usize> = (structure.actions.iter())
        .filter_map(|a| {
            Some((
                a.id,
                structure.themes.iter().position(|t| t.id == a.theme_id)?,
            ))
        })
        .collect();
    let sums: Vec<(ScopeSums, Vec<ScopeSums>)> = parallel::map(outlooks.len(), |index| {
        scope_sums(
            &outlooks[index],
            &theme_of,
            structure.themes.len(),
            snapshot.plan_end,
        )
    });
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
        region: projected_row(sums.iter().map(|(all, _)| all)),
        themes: (structure.themes.iter().enumerate())
            .map(|(index, theme)| ThemeOutlook {
                code: theme.code.clone(),
                name: theme.name.clone(),
                projected: projected_row(sums.iter().map(|(_, themes)| &themes[index])),
            })
            .collect(),
        rows: (outlooks.iter().zip(&sums).zip(&warnings))
            .map(|((o, (all, _)), warnings)| country_row(o, all, warnings))
            .collect(),
        warnings: warnings_paging
            .cut(listed)
            .into_iter()
            .filter_map(|(o, warning)| warning_line(snapshot, o, warning, &actions))
            .collect(),
        warnings_paging,
    }
}

/// A country's means over one scope (all its actions, or a theme's), summed in one pass: its
/// progress on the as-of date and, when it is not too early to tell, its slow, central and fast
/// projections on the plan's end.
#[derive(Clone, Debug)]
struct ScopeSums {
    now: WeightedSum,
    at_end: Option<[WeightedSum; 3]>,
}

impl ScopeSums {
    /// `country_progress`'s actual progress over the scope on the as-of date.
    fn now(&self) -> Option<f64> {
        self.now.mean()
    }

    /// `Outlook::projected_on` the plan's end, over the scope.
    fn at_end(&self) -> Option<Projected> {
        let [low, central, high] = self.at_end?;
        Some(Projected {
            low: low.mean()?,
            central: central.mean()?,
            high: high.mean()?,
        })
    }
}

/// A country's sums over all its actions and over each of the `themes` (`theme_of`: the index of
/// an action's theme, by action id), each action's projections read once.
fn scope_sums(
    outlook: &CountryOutlook,
    theme_of: &HashMap<i32, usize>,
    themes: usize,
    plan_end: NaiveDate,
) -> (ScopeSums, Vec<ScopeSums>) {
    let o = &outlook.outlook;
    let empty = ScopeSums {
        now: WeightedSum::default(),
        at_end: o.pace.map(|_| [WeightedSum::default(); 3]),
    };
    let (mut all, mut by_theme) = (empty.clone(), vec![empty; themes]);
    for (index, (id, state)) in outlook.actions.iter().zip(o.central()).enumerate() {
        // As `country_progress`: applicable actions only, which have every value.
        let Some(now) = state.progress(o.as_of) else {
            continue;
        };
        let at_end = o
            .action_projected(index, plan_end)
            .map(|p| [p.low, p.central, p.high]);
        let theme = theme_of.get(id).and_then(|theme| by_theme.get_mut(*theme));
        for sums in std::iter::once(&mut all).chain(theme) {
            sums.now.add(now, state.weight);
            if let (Some(sums), Some(at_end)) = (&mut sums.at_end, at_end) {
                for (sum, value) in sums.iter_mut().zip(at_end) {
                    sum.add(value, state.weight);
                }
            }
        }
    }
    (all, by_theme)
}

/// Progress now and projected at the plan's end over a scope, the mean over the countries (their
/// `sums` over it); `None` when no country can be projected yet.
fn projected_row<'a>(sums: impl Iterator<Item = &'a ScopeSums> + Clone) -> Option<ProjectedRow> {
    let at_end = regional_projected(sums.clone().map(ScopeSums::at_end))?;
    let now = mean(sums.filter_map(ScopeSums::now));
    Some(ProjectedRow { now, at_end })
}

/// A country's row of the outlook table, from its sums over all its actions.
fn country_row(
    outlook: &CountryOutlook,
    all: &ScopeSums,
    warnings: &[Warning],
) -> CountryOutlookRow {
    CountryOutlookRow {
        iso2: outlook.country.iso2.clone(),
        name: outlook.country.name.clone(),
        projected: all.at_end().map(|at_end| ProjectedRow {
            now: all.now(),
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
    // The end of every month known before the last day known, with the horizons whose month's end
    // is known and that day.
    let checks: Vec<(NaiveDate, Vec<(u32, NaiveDate)>)> =
        (figures::month_ends(snapshot.plan_start, known_until).into_iter())
            .filter(|origin| *origin < known_until)
            .map(|origin| {
                let horizons = (BACKTEST_HORIZONS.iter())
                    .filter_map(|months| Some((*months, end_of_month_after(origin, *months)?)))
                    .filter(|(_, target)| *target <= known_until)
                    .collect();
                (origin, horizons)
            })
            .filter(|(_, horizons): &(_, Vec<_>)| !horizons.is_empty())
            .collect();
    // Each country's cases of each check, its own work (on every core), then taken check by check
    // and country by country.
    let by_country: Vec<Vec<Vec<(u32, Case)>>> = parallel::map(countries.len(), |index| {
        (checks.iter())
            .map(|(origin, horizons)| country_cases(snapshot, &countries[index], *origin, horizons))
            .collect()
    });
    let mut cases: BTreeMap<u32, Vec<Case>> = BTreeMap::new();
    for check in 0..checks.len() {
        for (months, case) in by_country.iter().flat_map(|country| &country[check]) {
            cases.entry(*months).or_default().push(*case);
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

/// The country's projections from `origin` to each of the `horizons` (months ahead, the day they
/// reach), each checked against the progress it had made by then; none when it had no progress
/// to project from, or none to check against.
fn country_cases(
    snapshot: &Snapshot,
    country: &CountryRef,
    origin: NaiveDate,
    horizons: &[(u32, NaiveDate)],
) -> Vec<(u32, Case)> {
    let Some(at_start) = snapshot.progress_on(country, origin) else {
        return Vec::new();
    };
    let targets: Vec<NaiveDate> = horizons.iter().map(|(_, target)| *target).collect();
    let projected = snapshot.projected_from(country, origin, &targets);
    (horizons.iter().zip(projected))
        .filter_map(|((months, target), projected)| {
            let actual = snapshot.progress_on(country, *target)?;
            let case = Case {
                projected: projected?,
                actual: actual.actual,
                at_start: at_start.actual,
            };
            Some((*months, case))
        })
        .collect()
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
