//! The figures of the dashboards, from the plan's structure and each action's state in each country
//! as of a date, with no I/O: every number is a `progress` formula applied to those states, and the
//! charts draw these figures and nothing else.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::domain::{Bilingual, Status};
use crate::progress::{country_progress, regional_progress, ActionState, Progress};

/// The plan's themes and actions, and the countries shown, as the figures need them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Structure {
    pub themes: Vec<ThemeRef>,
    pub actions: Vec<ActionRef>,
    pub countries: Vec<CountryRef>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ThemeRef {
    pub id: i32,
    pub code: String,
    pub name: Bilingual,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ActionRef {
    pub id: i32,
    pub theme_id: i32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CountryRef {
    pub id: i32,
    pub iso2: String,
    pub name: Bilingual,
}

/// Each action's state in each country on the as-of date, by (country id, action id).
pub type States = HashMap<(i32, i32), ActionState>;

/// A theme's regional progress: the mean over the countries of each country's progress in it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ThemeFigure {
    pub code: String,
    pub name: Bilingual,
    pub progress: Option<Progress>,
}

/// A country's progress over the actions shown.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CountryFigure {
    pub iso2: String,
    pub name: Bilingual,
    pub progress: Option<Progress>,
}

/// A country's actual progress in each theme, in the order of `RegionalFigures::themes`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HeatRow {
    pub iso2: String,
    pub name: Bilingual,
    pub cells: Vec<Option<f64>>,
}

/// How many of a theme's country × action pairs stand in each reported status (in `Status::ALL`
/// order), and how many of them are delayed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StatusMix {
    pub code: String,
    pub name: Bilingual,
    pub counts: Vec<usize>,
    pub delayed: usize,
}

/// Regional progress on one day of the plan's history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrajectoryPoint {
    pub day: NaiveDate,
    pub progress: Option<Progress>,
}

/// The days a trajectory is drawn at: the last day of each month from the plan's start up to the
/// as-of date, and the as-of date itself.
pub fn month_ends(plan_start: NaiveDate, as_of: NaiveDate) -> Vec<NaiveDate> {
    let mut days = Vec::new();
    let mut month = plan_start.with_day(1).unwrap_or(plan_start);
    while month <= as_of {
        let next = month
            .checked_add_months(chrono::Months::new(1))
            .unwrap_or(as_of);
        let end = next.pred_opt().unwrap_or(next);
        if end >= as_of {
            break;
        }
        days.push(end);
        month = next;
    }
    days.push(as_of);
    days
}

/// An action of the plan, by its code and title.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActionName {
    pub code: String,
    pub title: Bilingual,
}

/// A milestone a country reached, and when.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AchievedMilestone {
    pub code: String,
    pub milestone: Bilingual,
    pub achieved_on: NaiveDate,
}

/// What happened to one country's actions in a period (`Snapshot::period_events`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PeriodEvents {
    pub achieved: Vec<AchievedMilestone>,
    pub milestones_due: usize,
    pub completed: Vec<ActionName>,
    pub became_delayed: Vec<ActionName>,
}

/// Everything the regional dashboard shows for one as-of date and filter.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegionalFigures {
    pub as_of: NaiveDate,
    pub regional: Option<Progress>,
    pub themes: Vec<ThemeFigure>,
    /// Sorted by actual progress, highest first; countries without applicable actions last.
    pub countries: Vec<CountryFigure>,
    pub heatmap: Vec<HeatRow>,
    pub status_mix: Vec<StatusMix>,
}

impl Structure {
    fn actions_of(&self, theme_id: i32) -> impl Iterator<Item = &ActionRef> {
        self.actions.iter().filter(move |a| a.theme_id == theme_id)
    }

    /// One country's progress over `actions`.
    fn progress<'a>(
        &self,
        states: &'a States,
        country_id: i32,
        actions: impl IntoIterator<Item = &'a ActionRef>,
        as_of: NaiveDate,
    ) -> Option<Progress> {
        country_progress(
            actions
                .into_iter()
                .filter_map(|a| states.get(&(country_id, a.id))),
            as_of,
        )
    }
}

/// The regional figures on `as_of` over the structure's themes (all, or the one it was narrowed to)
/// and countries.
pub fn regional(structure: &Structure, states: &States, as_of: NaiveDate) -> RegionalFigures {
    let themes: Vec<ThemeFigure> =
        structure
            .themes
            .iter()
            .map(|theme| ThemeFigure {
                code: theme.code.clone(),
                name: theme.name.clone(),
                progress: regional_progress(structure.countries.iter().map(|c| {
                    structure.progress(states, c.id, structure.actions_of(theme.id), as_of)
                })),
            })
            .collect();
    let mut countries: Vec<CountryFigure> = structure
        .countries
        .iter()
        .map(|c| CountryFigure {
            iso2: c.iso2.clone(),
            name: c.name.clone(),
            progress: structure.progress(states, c.id, &structure.actions, as_of),
        })
        .collect();
    countries.sort_by(|a, b| {
        let actual = |f: &CountryFigure| f.progress.map_or(-1.0, |p| p.actual);
        actual(b).total_cmp(&actual(a))
    });
    let regional = regional_progress(countries.iter().map(|c| c.progress));
    let heatmap = structure
        .countries
        .iter()
        .map(|c| HeatRow {
            iso2: c.iso2.clone(),
            name: c.name.clone(),
            cells: structure
                .themes
                .iter()
                .map(|theme| {
                    structure
                        .progress(states, c.id, structure.actions_of(theme.id), as_of)
                        .map(|p| p.actual)
                })
                .collect(),
        })
        .collect();
    let status_mix = structure
        .themes
        .iter()
        .map(|theme| {
            let mut counts = vec![0; Status::ALL.len()];
            let mut delayed = 0;
            for country in &structure.countries {
                for action in structure.actions_of(theme.id) {
                    if let Some(state) = states.get(&(country.id, action.id)) {
                        if let Some(slot) = Status::ALL.iter().position(|s| *s == state.status) {
                            counts[slot] += 1;
                        }
                        delayed += usize::from(state.is_delayed(as_of));
                    }
                }
            }
            StatusMix {
                code: theme.code.clone(),
                name: theme.name.clone(),
                counts,
                delayed,
            }
        })
        .collect();
    RegionalFigures {
        as_of,
        regional,
        themes,
        countries,
        heatmap,
        status_mix,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::MilestoneState;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn state(status: Status, achieved: Option<&str>) -> ActionState {
        ActionState {
            status,
            weight: 1.0,
            end_year: 2029,
            milestones: vec![
                MilestoneState {
                    due_on: day("2025-12-31"),
                    weight: 1.0,
                    achieved_on: achieved.map(day),
                },
                MilestoneState {
                    due_on: day("2027-12-31"),
                    weight: 1.0,
                    achieved_on: None,
                },
            ],
        }
    }

    /// Two themes of one action each, two countries: A reached theme 1's first milestone in March
    /// 2025, B in March 2026; B cancelled theme 2's action.
    fn fixture() -> (Structure, States) {
        let name = |text: &str| Bilingual::new(text, text);
        let structure = Structure {
            themes: vec![
                ThemeRef {
                    id: 1,
                    code: "1".into(),
                    name: name("One"),
                },
                ThemeRef {
                    id: 2,
                    code: "2".into(),
                    name: name("Two"),
                },
            ],
            actions: vec![
                ActionRef {
                    id: 10,
                    theme_id: 1,
                },
                ActionRef {
                    id: 20,
                    theme_id: 2,
                },
            ],
            countries: vec![
                CountryRef {
                    id: 1,
                    iso2: "AA".into(),
                    name: name("A"),
                },
                CountryRef {
                    id: 2,
                    iso2: "BB".into(),
                    name: name("B"),
                },
            ],
        };
        let states = States::from([
            ((1, 10), state(Status::InProgress, Some("2025-03-01"))),
            ((1, 20), state(Status::NotStarted, None)),
            ((2, 10), state(Status::InProgress, Some("2026-03-01"))),
            ((2, 20), state(Status::Cancelled, None)),
        ]);
        (structure, states)
    }

    #[test]
    fn regional_figures_by_hand() {
        let (structure, states) = fixture();
        let figures = regional(&structure, &states, day("2026-06-30"));
        // Theme 1: both countries have ½ of their milestones, ½ expected (the first is due).
        assert_eq!(
            figures.themes[0].progress,
            Some(Progress {
                actual: 0.5,
                expected: 0.5
            })
        );
        // Theme 2: only A counts (B cancelled): nothing achieved, ½ expected.
        assert_eq!(
            figures.themes[1].progress,
            Some(Progress {
                actual: 0.0,
                expected: 0.5
            })
        );
        // A: (½ + 0) ÷ 2 = ¼; B: ½ over its one applicable action. B first.
        assert_eq!(figures.countries[0].iso2, "BB");
        assert_eq!(figures.countries[0].progress.unwrap().actual, 0.5);
        assert_eq!(figures.countries[1].progress.unwrap().actual, 0.25);
        // Regional: the mean of the countries, (¼ + ½) ÷ 2.
        assert_eq!(figures.regional.unwrap().actual, 0.375);
        assert_eq!(figures.heatmap[1].cells, [Some(0.5), None]);
        // Theme 2: one not started (A, delayed: its first milestone is past due), one cancelled.
        let mix = &figures.status_mix[1];
        assert_eq!(mix.counts, [1, 0, 0, 0, 1, 0]);
        assert_eq!(mix.delayed, 1);
    }

    #[test]
    fn a_trajectory_is_drawn_at_each_months_end_and_the_as_of_date() {
        assert_eq!(
            month_ends(day("2025-01-01"), day("2025-03-15")),
            [day("2025-01-31"), day("2025-02-28"), day("2025-03-15")]
        );
        assert_eq!(
            month_ends(day("2025-01-01"), day("2025-02-28")),
            [day("2025-01-31"), day("2025-02-28")]
        );
        assert_eq!(
            month_ends(day("2025-01-01"), day("2025-01-01")),
            [day("2025-01-01")]
        );
    }

    #[test]
    fn a_milestone_achieved_after_the_as_of_date_does_not_count() {
        let (structure, states) = fixture();
        let before = regional(&structure, &states, day("2025-12-31"));
        // On the last day of 2025 B had not yet reached its milestone (March 2026).
        assert_eq!(before.heatmap[0].cells[0], Some(0.5));
        assert_eq!(before.heatmap[1].cells[0], Some(0.0));
        assert_eq!(before.themes[0].progress.unwrap().actual, 0.25);
    }
}
