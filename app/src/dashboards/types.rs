//! What the dashboards receive: charts (drawn on the server, with their data as a table) and the
//! figures around them, and the filters read from the address.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::figures::Basis;
use crate::domain::{AsOf, Bilingual, Membership};
use crate::progress::Progress;

/// A chart as the page shows it: the SVG, and the same numbers as a table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Chart {
    pub id: String,
    pub title: String,
    pub description: String,
    /// The drawing, an image (as the annual report also prints it).
    pub svg: String,
    /// On the page, a drawing of the same size laid over it that makes its rows links for the
    /// pointer (`charts::canvas::with_links`); empty when the chart leads nowhere.
    pub pointer_links: String,
    pub table: DataTable,
}

impl Chart {
    /// What the page draws: the chart, and over it its links.
    pub fn drawing(&self) -> String {
        format!("{}{}", self.svg, self.pointer_links)
    }
}

/// A chart's numbers: the column headers (the first heads the row labels) and the rows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DataTable {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Where each row's label leads, if anywhere (the same places as the chart's rows).
    pub links: Vec<Option<String>>,
}

/// The regional dashboard for one filter.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegionalDashboard {
    /// The plan's code, and every plan (code, title) for the filter.
    pub plan: String,
    pub plans: Vec<(String, Bilingual)>,
    /// `YYYY-MM-DD`
    pub as_of: String,
    pub plan_start: String,
    pub plan_end: String,
    pub group: Membership,
    pub theme: Option<String>,
    /// Every theme of the plan (code, name), for the filter.
    pub themes: Vec<(String, Bilingual)>,
    /// Catalogue keys of the filters in the address that were set aside.
    pub notices: Vec<String>,
    pub regional: Option<Progress>,
    /// What the regional progress stands on: without milestones or reports it is said in words.
    pub regional_basis: Basis,
    pub charts: Vec<Chart>,
}

/// A country's dashboard: its progress by theme, its delayed actions, its milestones due soon.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CountryDashboard {
    pub iso2: String,
    /// `YYYY-MM-DD`
    pub as_of: String,
    pub notices: Vec<String>,
    /// The country's progress over every action, and what it rests on.
    pub progress: Option<Progress>,
    pub basis: Basis,
    /// Where the country will stand at the plan's end at its pace, in one sentence.
    pub outlook: Option<String>,
    /// Progress by theme, progress over time, and the indicators' trends.
    pub charts: Vec<Chart>,
    pub delayed: Vec<ActionLine>,
    pub due_soon: Vec<DueLine>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActionLine {
    pub code: String,
    pub title: Bilingual,
    pub progress: Option<Progress>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DueLine {
    pub code: String,
    pub milestone: Bilingual,
    /// `YYYY-MM-DD`
    pub due_on: String,
}

/// A theme's dashboard: its countries' progress in it, and each of its actions in each country.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ThemeDashboard {
    /// `YYYY-MM-DD`
    pub as_of: String,
    pub notices: Vec<String>,
    /// The theme's regional progress, and what it rests on.
    pub progress: Option<Progress>,
    pub basis: Basis,
    pub charts: Vec<Chart>,
    /// Where the theme's actions are shown in each country when they are too many to draw here
    /// (`assemble::MOST_ACTIONS_DRAWN`).
    pub actions_in_the_matrix: Option<ActionsInTheMatrix>,
}

/// A theme's actions in each country, in the matrix filtered to the theme, a page at a time.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActionsInTheMatrix {
    /// How many actions the theme has.
    pub count: usize,
    /// The matrix filtered to the theme, on the date the theme's page was asked for, if it was.
    pub address: String,
}

/// How far ahead a country's dashboard lists the milestones falling due.
pub const DUE_SOON_DAYS: i64 = 90;

/// The dashboard's filters as read from the address, with what was set aside.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Filter {
    pub as_of: NaiveDate,
    /// Whether the address asked for a readable date (`AsOf::asked`).
    pub asked: bool,
    /// The day of what had been validated by then (`AsOf::known_on`).
    pub known_on: NaiveDate,
    pub group: Membership,
    pub theme: Option<String>,
    pub notices: Vec<String>,
}

impl Filter {
    /// Reads the filters: the as-of date as `AsOf::read` reads it; an unknown group or theme gets a
    /// notice and the nearest valid view.
    pub fn read(
        as_of: Option<&str>,
        group: Option<&str>,
        theme: Option<&str>,
        today: NaiveDate,
        plan: (NaiveDate, NaiveDate),
        themes: &[&str],
    ) -> Self {
        let mut notices = Vec::new();
        let (as_of, notice) = AsOf::read(as_of, today, plan);
        notices.extend(notice.map(str::to_owned));
        let group = match group.map(str::trim).filter(|text| !text.is_empty()) {
            None | Some("members") => Membership::Member,
            Some("observers") => Membership::Observer,
            Some(_) => {
                notices.push("notice-group-unknown".to_owned());
                Membership::Member
            }
        };
        let theme = match theme.map(str::trim).filter(|text| !text.is_empty()) {
            None => None,
            Some(code) if themes.contains(&code) => Some(code.to_owned()),
            Some(_) => {
                notices.push("notice-theme-unknown".to_owned());
                None
            }
        };
        Filter {
            as_of: as_of.day,
            asked: as_of.asked,
            known_on: as_of.known_on,
            group,
            theme,
            notices,
        }
    }
}

/// The query parameter of a country group.
pub fn group_code(group: Membership) -> &'static str {
    match group {
        Membership::Member => "members",
        Membership::Observer => "observers",
    }
}

pub fn group_label_key(group: Membership) -> &'static str {
    match group {
        Membership::Member => "dashboard-group-members",
        Membership::Observer => "dashboard-group-observers",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    const PLAN: (&str, &str) = ("2025-01-01", "2029-12-31");

    fn read(as_of: Option<&str>, group: Option<&str>, theme: Option<&str>) -> Filter {
        Filter::read(
            as_of,
            group,
            theme,
            day("2026-11-24"),
            (day(PLAN.0), day(PLAN.1)),
            &["1", "2"],
        )
    }

    #[test]
    fn the_filters_default_to_today_and_the_member_countries() {
        assert_eq!(
            read(None, None, None),
            Filter {
                as_of: day("2026-11-24"),
                asked: false,
                known_on: day("2026-11-24"),
                group: Membership::Member,
                theme: None,
                notices: Vec::new(),
            }
        );
        let chosen = read(Some("2025-06-30"), Some("observers"), Some("2"));
        assert_eq!(chosen.as_of, day("2025-06-30"));
        assert!(chosen.asked);
        assert_eq!(chosen.known_on, day("2025-06-30"));
        assert_eq!(chosen.group, Membership::Observer);
        assert_eq!(chosen.theme.as_deref(), Some("2"));
        assert!(chosen.notices.is_empty());
    }

    #[test]
    fn filters_outside_the_plan_give_a_notice_and_the_nearest_view() {
        let early = read(Some("2019-05-01"), Some("everyone"), Some("9"));
        assert_eq!(early.as_of, day("2025-01-01"));
        assert_eq!(early.group, Membership::Member);
        assert_eq!(early.theme, None);
        assert_eq!(
            early.notices,
            [
                "notice-as-of-outside-plan",
                "notice-group-unknown",
                "notice-theme-unknown"
            ]
        );
        let late = read(Some("2031-01-01"), None, None);
        assert_eq!(late.as_of, day("2029-12-31"));
        // What had been validated by the day asked, even after the plan's end.
        assert_eq!(late.known_on, day("2031-01-01"));
        let garbled = read(Some("yesterday"), None, None);
        assert_eq!(garbled.as_of, day("2026-11-24"));
        assert_eq!(garbled.notices, ["notice-as-of-invalid"]);
    }
}
