//! The rules of a reporting round, with no I/O: which step takes a submission to which state, who may
//! take it, how late a country is, and which automatic reminders are due on a day.

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::access::Permission;
use crate::domain::SubmissionState;
use crate::error::Problem;

/// Something done to a country's submission.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Step {
    /// The country saves values (the first save starts the submission).
    Save,
    /// The country submits its values and action statuses for validation.
    Submit,
    /// The secretariat sends the submission back, with a reason.
    Return,
    /// The secretariat validates it: its values count and are locked.
    Validate,
    /// The secretariat reopens a validated submission, with a reason.
    Reopen,
}

impl Step {
    /// The state a submission in `state` moves to, or `None` when the step is not allowed from it.
    pub fn from_state(self, state: SubmissionState) -> Option<SubmissionState> {
        use SubmissionState::*;
        match (self, state) {
            (Step::Save, NotStarted | Draft) => Some(Draft),
            (Step::Save, Returned) => Some(Returned),
            (Step::Submit, Draft | Returned) => Some(Submitted),
            (Step::Return, Submitted) => Some(Returned),
            (Step::Validate, Submitted) => Some(Validated),
            (Step::Reopen, Validated) => Some(Returned),
            _ => None,
        }
    }

    /// What the user must be allowed to do to take this step for the country `country_id`.
    pub fn permission(self, country_id: i32) -> Permission {
        match self {
            Step::Save | Step::Submit => Permission::EditCountry(country_id),
            Step::Return | Step::Validate | Step::Reopen => Permission::Coordinate,
        }
    }

    /// Whether the step needs a reason, which the country then sees.
    pub fn needs_reason(self) -> bool {
        matches!(self, Step::Return | Step::Reopen)
    }

    pub fn code(self) -> &'static str {
        match self {
            Step::Save => "save",
            Step::Submit => "submit",
            Step::Return => "return",
            Step::Validate => "validate",
            Step::Reopen => "reopen",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [
            Step::Save,
            Step::Submit,
            Step::Return,
            Step::Validate,
            Step::Reopen,
        ]
        .into_iter()
        .find(|step| step.code() == code)
    }

    /// The catalogue key of the problem shown when the step is not allowed from the current state.
    pub fn refused_key(self) -> &'static str {
        match self {
            Step::Save => "problem-submission-locked",
            Step::Submit => "problem-submit-not-allowed",
            Step::Return => "problem-return-not-allowed",
            Step::Validate => "problem-validate-not-allowed",
            Step::Reopen => "problem-reopen-not-allowed",
        }
    }
}

/// How a country stands against the round's due date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Timeliness {
    /// Not submitted, and the due date is this many days away (0: due today).
    Pending { days_left: i64 },
    /// Not submitted, this many days after the due date.
    Overdue { days: i64 },
    /// Submitted on or before the due date.
    OnTime,
    /// Submitted this many days after the due date.
    Late { days: i64 },
}

impl Timeliness {
    /// How a country stands against the due date, in words.
    pub fn words(self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::{t, t_args};
        match self {
            Timeliness::Pending { days_left } => {
                t_args(lang, "timeliness-pending", &[("days", days_left.into())])
            }
            Timeliness::Overdue { days } => {
                t_args(lang, "timeliness-overdue", &[("days", days.into())])
            }
            Timeliness::OnTime => t(lang, "timeliness-on-time"),
            Timeliness::Late { days } => t_args(lang, "timeliness-late", &[("days", days.into())]),
        }
    }

    /// From the due date, today, and the day the country last submitted (if it has, and the
    /// submission is not back with the country).
    pub fn of(due_on: NaiveDate, today: NaiveDate, submitted_on: Option<NaiveDate>) -> Self {
        match submitted_on {
            Some(day) if day <= due_on => Timeliness::OnTime,
            Some(day) => Timeliness::Late {
                days: (day - due_on).num_days(),
            },
            None if today <= due_on => Timeliness::Pending {
                days_left: (due_on - today).num_days(),
            },
            None => Timeliness::Overdue {
                days: (today - due_on).num_days(),
            },
        }
    }

    /// The CSS class that colours it; the text label is always shown too.
    pub fn css_class(self) -> &'static str {
        match self {
            Timeliness::Pending { .. } => "timeliness timeliness--pending",
            Timeliness::Overdue { .. } => "timeliness timeliness--overdue",
            Timeliness::OnTime => "timeliness timeliness--on-time",
            Timeliness::Late { .. } => "timeliness timeliness--late",
        }
    }
}

/// An automatic reminder rule of a round: so many days before or after its due date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ReminderRule {
    Before(u32),
    After(u32),
}

/// The most days before or after the due date a rule may name, and how many rules of each side.
pub const MAX_REMINDER_DAYS: u32 = 90;
pub const MAX_REMINDER_RULES: usize = 5;

impl ReminderRule {
    /// The name stored with each reminder the rule sends: `before-7`, `after-1`.
    pub fn key(self) -> String {
        match self {
            ReminderRule::Before(days) => format!("before-{days}"),
            ReminderRule::After(days) => format!("after-{days}"),
        }
    }

    /// The day the rule fires for a round due on `due_on`; `None` past the calendar's ends (a due
    /// date no check let through, read from an older database).
    pub fn fires_on(self, due_on: NaiveDate) -> Option<NaiveDate> {
        match self {
            ReminderRule::Before(days) => due_on.checked_sub_days(Days::new(u64::from(days))),
            ReminderRule::After(days) => due_on.checked_add_days(Days::new(u64::from(days))),
        }
    }
}

/// Reads a list of days as the secretariat types it (`7, 1`): whole numbers from 0 to 90, at most
/// five, duplicates dropped, largest first. Empty means no reminders on that side.
pub fn parse_reminder_days(field: &str, text: &str) -> Result<Vec<u32>, Problem> {
    let mut days = Vec::new();
    for part in text
        .split(',')
        .map(str::trim)
        .filter(|part| !part.is_empty())
    {
        match part.parse::<u32>() {
            Ok(day) if day <= MAX_REMINDER_DAYS => days.push(day),
            _ => {
                return Err(Problem::with_limit(
                    field,
                    "problem-reminder-days",
                    MAX_REMINDER_DAYS,
                ))
            }
        }
    }
    days.sort_unstable_by(|a, b| b.cmp(a));
    days.dedup();
    if days.len() > MAX_REMINDER_RULES {
        return Err(Problem::with_limit(
            field,
            "problem-reminder-too-many",
            MAX_REMINDER_RULES as u32,
        ));
    }
    Ok(days)
}

/// Writes days back the way `parse_reminder_days` reads them.
pub fn format_reminder_days(days: &[u32]) -> String {
    days.iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// What the automatic reminders do for one country on `today`: the rule to send now, if any, and the
/// rules whose day has passed unsent (the server was down, or the round opened late), recorded as
/// superseded so that a country never gets a burst of stale reminders. `already` holds the keys of
/// the rules already recorded for the country. A reminder before the due date is only sent up to the
/// due date itself.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReminderPlan {
    pub send: Option<ReminderRule>,
    pub superseded: Vec<ReminderRule>,
}

pub fn reminders_due(
    due_on: NaiveDate,
    today: NaiveDate,
    rules: &[ReminderRule],
    already: &[String],
) -> ReminderPlan {
    let mut fired: Vec<(NaiveDate, ReminderRule)> = rules
        .iter()
        .filter_map(|rule| Some((rule.fires_on(due_on)?, *rule)))
        .filter(|(day, rule)| *day <= today && !already.contains(&rule.key()))
        .collect();
    fired.sort_by_key(|(day, _)| *day);
    let mut fired: Vec<ReminderRule> = fired.into_iter().map(|(_, rule)| rule).collect();
    let latest = fired.pop();
    let send = latest.filter(|rule| match rule {
        ReminderRule::Before(_) => today <= due_on,
        ReminderRule::After(_) => true,
    });
    if send.is_none() {
        fired.extend(latest);
    }
    ReminderPlan {
        send,
        superseded: fired,
    }
}

/// The rules of a round from its stored lists of days.
pub fn round_rules(before: &[u32], after: &[u32]) -> Vec<ReminderRule> {
    before
        .iter()
        .map(|days| ReminderRule::Before(*days))
        .chain(after.iter().map(|days| ReminderRule::After(*days)))
        .collect()
}

/// The problems of a round's dates: each within the plan's years, give or take one (a round of a
/// plan's last year is due in the year after it), and due on or after it opens.
pub fn round_date_problems(
    opens_on: NaiveDate,
    due_on: NaiveDate,
    plan_years: (i32, i32),
) -> Vec<Problem> {
    let (first, last) = (plan_years.0 - 1, plan_years.1 + 1);
    let mut problems = Vec::new();
    for (field, day) in [("opens_on", opens_on), ("due_on", due_on)] {
        if !(first..=last).contains(&day.year()) {
            problems.push(Problem::new(field, "problem-round-date-outside-plan"));
        }
    }
    if due_on < opens_on {
        problems.push(Problem::new("due_on", "problem-due-before-opening"));
    }
    problems
}

/// Whether the country still owes its submission (and so gets reminders).
pub fn owes_submission(state: SubmissionState) -> bool {
    matches!(
        state,
        SubmissionState::NotStarted | SubmissionState::Draft | SubmissionState::Returned
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::SubmissionState::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn every_transition_allowed_and_forbidden() {
        let table = [
            (Step::Save, NotStarted, Some(Draft)),
            (Step::Save, Draft, Some(Draft)),
            (Step::Save, Returned, Some(Returned)),
            (Step::Save, Submitted, None),
            (Step::Save, Validated, None),
            (Step::Submit, NotStarted, None),
            (Step::Submit, Draft, Some(Submitted)),
            (Step::Submit, Returned, Some(Submitted)),
            (Step::Submit, Submitted, None),
            (Step::Submit, Validated, None),
            (Step::Return, Submitted, Some(Returned)),
            (Step::Return, Draft, None),
            (Step::Return, Validated, None),
            (Step::Validate, Submitted, Some(Validated)),
            (Step::Validate, Draft, None),
            (Step::Validate, Returned, None),
            (Step::Validate, Validated, None),
            (Step::Reopen, Validated, Some(Returned)),
            (Step::Reopen, Submitted, None),
            (Step::Reopen, Draft, None),
            (Step::Return, NotStarted, None),
            (Step::Return, Returned, None),
            (Step::Validate, NotStarted, None),
            (Step::Reopen, NotStarted, None),
            (Step::Reopen, Returned, None),
        ];
        // A new step does not compile here until it is in the list, and so in the table.
        let _every_step_listed = |step: Step| match step {
            Step::Save | Step::Submit | Step::Return | Step::Validate | Step::Reopen => {}
        };
        let steps = [
            Step::Save,
            Step::Submit,
            Step::Return,
            Step::Validate,
            Step::Reopen,
        ];
        let states = SubmissionState::ALL;
        assert_eq!(table.len(), steps.len() * states.len());
        for step in steps {
            for state in states {
                assert!(
                    table
                        .iter()
                        .any(|(s, from, _)| *s == step && *from == *state),
                    "{step:?} from {state:?} is not in the table"
                );
            }
        }
        for (step, from, to) in table {
            assert_eq!(step.from_state(from), to, "{step:?} from {from:?}");
        }
    }

    #[test]
    fn countries_save_and_submit_the_secretariat_decides() {
        assert_eq!(Step::Submit.permission(4), Permission::EditCountry(4));
        assert_eq!(Step::Validate.permission(4), Permission::Coordinate);
        assert!(Step::Return.needs_reason() && Step::Reopen.needs_reason());
        assert!(!Step::Validate.needs_reason());
        assert!(!Validated.is_editable() && !Submitted.is_editable() && Returned.is_editable());
        for state in SubmissionState::ALL {
            assert_eq!(state.is_editable(), Step::Save.from_state(*state).is_some());
        }
    }

    #[test]
    fn timeliness_against_the_due_date() {
        let due = day("2027-03-31");
        assert_eq!(
            Timeliness::of(due, day("2027-03-24"), None),
            Timeliness::Pending { days_left: 7 }
        );
        assert_eq!(
            Timeliness::of(due, due, None),
            Timeliness::Pending { days_left: 0 }
        );
        assert_eq!(
            Timeliness::of(due, day("2027-04-03"), None),
            Timeliness::Overdue { days: 3 }
        );
        assert_eq!(
            Timeliness::of(due, day("2027-05-01"), Some(due)),
            Timeliness::OnTime
        );
        assert_eq!(
            Timeliness::of(due, day("2027-05-01"), Some(day("2027-04-10"))),
            Timeliness::Late { days: 10 }
        );
    }

    #[test]
    fn reminder_days_are_read_as_typed() {
        assert_eq!(parse_reminder_days("f", " 1, 7,7 ").unwrap(), [7, 1]);
        assert_eq!(parse_reminder_days("f", "").unwrap(), Vec::<u32>::new());
        assert_eq!(
            parse_reminder_days("f", "3, x").unwrap_err().key,
            "problem-reminder-days"
        );
        assert_eq!(
            parse_reminder_days("f", "91").unwrap_err().key,
            "problem-reminder-days"
        );
        assert_eq!(
            parse_reminder_days("f", "1,2,3,4,5,6").unwrap_err().key,
            "problem-reminder-too-many"
        );
        assert_eq!(format_reminder_days(&[7, 1]), "7, 1");
    }

    #[test]
    fn each_rule_fires_on_its_day_and_only_once() {
        let due = day("2027-03-31");
        let rules = round_rules(&[7, 1], &[1, 7]);
        let on = |today: &str, already: &[&str]| {
            let already: Vec<String> = already.iter().map(|s| s.to_string()).collect();
            reminders_due(due, day(today), &rules, &already)
        };
        assert_eq!(on("2027-03-23", &[]), ReminderPlan::default());
        assert_eq!(on("2027-03-24", &[]).send, Some(ReminderRule::Before(7)));
        assert_eq!(on("2027-03-25", &["before-7"]), ReminderPlan::default());
        assert_eq!(
            on("2027-03-30", &["before-7"]).send,
            Some(ReminderRule::Before(1))
        );
        assert_eq!(
            on("2027-04-01", &["before-7", "before-1"]).send,
            Some(ReminderRule::After(1))
        );
        assert_eq!(
            on("2027-04-07", &["before-7", "before-1", "after-1"]).send,
            Some(ReminderRule::After(7))
        );
        assert_eq!(
            on(
                "2027-06-01",
                &["before-7", "before-1", "after-1", "after-7"]
            ),
            ReminderPlan::default()
        );
    }

    #[test]
    fn a_rule_past_the_calendars_ends_never_fires_and_nothing_panics() {
        let last_day = NaiveDate::MAX;
        let first_day = NaiveDate::MIN;
        assert_eq!(ReminderRule::After(1).fires_on(last_day), None);
        assert_eq!(ReminderRule::Before(1).fires_on(first_day), None);
        assert_eq!(ReminderRule::After(0).fires_on(last_day), Some(last_day));
        let rules = round_rules(&[7, 1], &[1, 7]);
        assert_eq!(
            reminders_due(last_day, day("2027-04-02"), &rules, &[]),
            ReminderPlan::default()
        );
        let plan = reminders_due(first_day, day("2027-04-02"), &rules, &[]);
        assert_eq!(plan.send, Some(ReminderRule::After(7)));
        assert_eq!(plan.superseded, [ReminderRule::After(1)]);
    }

    #[test]
    fn a_rounds_dates_are_within_the_plans_years_give_or_take_one() {
        let plan = (2025, 2029);
        assert!(round_date_problems(day("2026-01-15"), day("2027-03-31"), plan).is_empty());
        assert!(round_date_problems(day("2024-12-01"), day("2030-03-31"), plan).is_empty());
        let keys = |opens: NaiveDate, due: NaiveDate| {
            round_date_problems(opens, due, plan)
                .into_iter()
                .map(|p| (p.field, p.key))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            keys(day("-0001-01-01"), day("+262142-12-31")),
            [
                (
                    "opens_on".to_owned(),
                    "problem-round-date-outside-plan".to_owned()
                ),
                (
                    "due_on".to_owned(),
                    "problem-round-date-outside-plan".to_owned()
                ),
            ]
        );
        assert_eq!(
            keys(day("2027-04-01"), day("2027-03-31")),
            [("due_on".to_owned(), "problem-due-before-opening".to_owned())]
        );
    }

    #[test]
    fn missed_rules_are_superseded_by_the_latest() {
        let due = day("2027-03-31");
        let rules = round_rules(&[7, 1], &[1, 7]);
        // The server was down from the 20th of March to the 2nd of April.
        let plan = reminders_due(due, day("2027-04-02"), &rules, &[]);
        assert_eq!(plan.send, Some(ReminderRule::After(1)));
        assert_eq!(
            plan.superseded,
            [ReminderRule::Before(7), ReminderRule::Before(1)]
        );
        // With only a reminder before the due date, a late start sends nothing stale.
        let before_only = round_rules(&[3], &[]);
        let plan = reminders_due(due, day("2027-04-02"), &before_only, &[]);
        assert_eq!(plan.send, None);
        assert_eq!(plan.superseded, [ReminderRule::Before(3)]);
    }

    #[test]
    fn only_countries_that_owe_a_submission_are_reminded() {
        assert!(owes_submission(NotStarted) && owes_submission(Draft) && owes_submission(Returned));
        assert!(!owes_submission(Submitted) && !owes_submission(Validated));
    }
}
