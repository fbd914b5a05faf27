//! What the outlook pages receive.

use serde::{Deserialize, Serialize};

use crate::domain::{AsOfShown, Bilingual};
use crate::progress::outlook::{Projected, Reason};

/// The outlook on a day: the region's, each theme's and each country's projected progress at the
/// plan's end, and the early warnings of the countries shown.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OutlookView {
    /// `YYYY-MM-DD`: the day the projections start from.
    pub as_of: String,
    pub shown: AsOfShown,
    /// `YYYY-MM-DD`: the plan's last day, which the projections run to.
    pub plan_end: String,
    /// The country whose warnings are shown (ISO code), or every member's.
    pub country: Option<String>,
    /// Every member country (ISO code, name), for the filter.
    pub countries: Vec<(String, Bilingual)>,
    /// Catalogue key of why the country in the address was set aside, if it was.
    pub notice: Option<String>,
    /// The region at the plan's end: progress now and projected.
    pub region: Option<ProjectedRow>,
    pub themes: Vec<ThemeOutlook>,
    /// Every member country's outlook (the whole table, whichever country is chosen).
    pub rows: Vec<CountryOutlookRow>,
    /// The early warnings of the page `warnings_paging` says (every one where the whole list is
    /// asked for: the report, the digest).
    pub warnings: Vec<WarningLine>,
    pub warnings_paging: crate::domain::Paging,
}

/// Progress now and projected at the plan's end.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProjectedRow {
    pub now: Option<f64>,
    pub at_end: Projected,
}

/// A theme's regional projection at the plan's end.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ThemeOutlook {
    pub code: String,
    pub name: Bilingual,
    pub projected: Option<ProjectedRow>,
}

/// A country's pace and where it will stand at the plan's end.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CountryOutlookRow {
    pub iso2: String,
    pub name: Bilingual,
    /// `None` when it is too early to tell.
    pub projected: Option<ProjectedRow>,
    /// Milestone weight a month over the last twelve months; `None` too early to tell.
    pub pace: Option<f64>,
    /// The median delay, in days, of its milestones due in the last twelve months.
    pub lateness_days: i64,
    /// `YYYY-MM-DD` of the last milestone it achieved.
    pub last_achieved: Option<String>,
    /// How many of its actions will not be complete by the plan's end at this pace.
    pub unfinished: usize,
}

/// One early warning: a milestone projected to slip more than 90 days, or an action that will not
/// be complete by the plan's end, with why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WarningLine {
    pub iso2: String,
    pub country: Bilingual,
    pub code: String,
    pub action: Bilingual,
    /// The milestone, for a milestone's warning; none for an action's.
    pub milestone: Option<Bilingual>,
    /// `YYYY-MM-DD` the milestone is due, or the plan's end for an action.
    pub due_on: String,
    /// `YYYY-MM-DD` it is projected for; `None`: not at this pace.
    pub projected: Option<String>,
    pub reason: Reason,
}

/// How well the method would have foreseen the stored history, for each horizon.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Backtest {
    /// `YYYY-MM-DD`: the last day whose figures are known (today, or the plan's end).
    pub known_until: String,
    pub horizons: Vec<Accuracy>,
}

/// The method's errors at one horizon, over every country projected from every month's end.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Accuracy {
    /// How many months ahead the projection looked.
    pub months: u32,
    /// How many (country, month) projections were checked.
    pub cases: usize,
    /// Mean absolute error of the central projection, as a share (0.05 = 5 points).
    pub mean_absolute_error: f64,
    /// Mean of projected − actual: above 0 the method is too hopeful.
    pub bias: f64,
    /// Share of the cases where what happened lay within the slowest–fastest range.
    pub within_range: f64,
    /// Mean absolute error of assuming no change at all, to compare with.
    pub no_change_error: f64,
}
