//! Pure domain types shared by the server and the browser: the status vocabulary and the other closed
//! sets of values that DESIGN.md names, with their stored codes and their catalogue keys. No I/O.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

/// Text that the data carries in both languages (names and titles of plan items, countries, articles).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bilingual {
    pub en: String,
    pub es: String,
}

impl Bilingual {
    pub fn new(en: impl Into<String>, es: impl Into<String>) -> Self {
        Self {
            en: en.into(),
            es: es.into(),
        }
    }

    /// The text in `lang`; the other language's when this one is empty.
    pub fn get(&self, lang: Lang) -> &str {
        let (wanted, other) = match lang {
            Lang::En => (&self.en, &self.es),
            Lang::Es => (&self.es, &self.en),
        };
        if wanted.trim().is_empty() {
            other
        } else {
            wanted
        }
    }
}

/// A country's ISO 3166 alpha-2 code as Enlace stores it (`CR`), from what a form or an address
/// holds (`cr`, ` CR `); `None` for anything that cannot be one. Forms' country fields pass through
/// it before anything is looked up or written, so that what follows (a redirect among it) only ever
/// sees two letters.
pub fn country_code(text: &str) -> Option<String> {
    let code = text.trim();
    (code.len() == 2 && code.bytes().all(|byte| byte.is_ascii_alphabetic()))
        .then(|| code.to_ascii_uppercase())
}

/// Declares a closed set of values stored as snake_case codes, each with a catalogue key.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $code:literal, $key:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $($variant,)+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The code stored in the database and used in files and URLs.
            pub fn code(self) -> &'static str {
                match self {
                    $($name::$variant => $code,)+
                }
            }

            /// Reads a stored code; `None` for anything else.
            pub fn from_code(code: &str) -> Option<Self> {
                match code {
                    $($code => Some($name::$variant),)+
                    _ => None,
                }
            }

            /// The translation catalogue key of the value's label.
            pub fn label_key(self) -> &'static str {
                match self {
                    $($name::$variant => $key,)+
                }
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.code())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let code = String::deserialize(deserializer)?;
                Self::from_code(&code).ok_or_else(|| {
                    let expected: Vec<&str> = Self::ALL.iter().map(|v| v.code()).collect();
                    serde::de::Error::custom(format!(
                        "unknown value '{code}', expected one of: {}",
                        expected.join(", ")
                    ))
                })
            }
        }
    };
}

vocabulary! {
    /// Where an action stands in a country, as the country reports it. *Delayed* is derived, never
    /// reported, so it is not here.
    Status {
        NotStarted => "not_started", "status-not-started";
        InProgress => "in_progress", "status-in-progress";
        Completed => "completed", "status-completed";
        Suspended => "suspended", "status-suspended";
        Cancelled => "cancelled", "status-cancelled";
        NotApplicable => "not_applicable", "status-not-applicable";
    }
}

vocabulary! {
    /// A country's relation to the Regional Conference on Migration.
    Membership {
        Member => "member", "membership-member";
        Observer => "observer", "membership-observer";
    }
}

vocabulary! {
    /// What a user does in Enlace; `access` decides what each role may do.
    Role {
        FocalPoint => "focal_point", "role-focal-point";
        Reviewer => "reviewer", "role-reviewer";
        Secretariat => "secretariat", "role-secretariat";
    }
}

vocabulary! {
    /// The life of a plan.
    PlanState {
        Draft => "draft", "plan-state-draft";
        Approved => "approved", "plan-state-approved";
        Closed => "closed", "plan-state-closed";
    }
}

vocabulary! {
    /// The life of a revision of a plan: drafted, then approved (it takes effect on its date) or
    /// discarded.
    RevisionState {
        Draft => "draft", "revision-state-draft";
        Approved => "approved", "revision-state-approved";
        Discarded => "discarded", "revision-state-discarded";
    }
}

vocabulary! {
    /// How an indicator is measured.
    IndicatorKind {
        YesNo => "yes_no", "kind-yes-no";
        Count => "count", "kind-count";
        Percentage => "percentage", "kind-percentage";
        Number => "number", "kind-number";
        Scale0To4 => "scale_0_4", "kind-scale-0-4";
    }
}

vocabulary! {
    /// Which way an indicator should move.
    Direction {
        Higher => "higher", "direction-higher";
        Lower => "lower", "direction-lower";
    }
}

vocabulary! {
    /// The kind of obligation a Protocol article carries, which decides how it is assessed.
    Assessable {
        Shall => "shall", "assessable-shall";
        Partly => "partly", "assessable-partly";
        Consider => "consider", "assessable-consider";
        WithArticle6 => "with_art_6", "assessable-with-art-6";
        Safeguard => "safeguard", "assessable-safeguard";
        TreatyStatus => "status", "assessable-status";
        No => "no", "assessable-no";
    }
}

vocabulary! {
    /// What a contact in a country's directory of the network does; listed in this order.
    ContactRole {
        FocalPoint => "focal_point", "contact-role-focal-point";
        LiaisonOfficer => "liaison_officer", "contact-role-liaison-officer";
    }
}

vocabulary! {
    /// A language a contact in the directory speaks: the region's four.
    ContactLanguage {
        En => "en", "contact-language-en";
        Es => "es", "contact-language-es";
        Fr => "fr", "contact-language-fr";
        Pt => "pt", "contact-language-pt";
    }
}

vocabulary! {
    /// Where a country's submission stands in a reporting round.
    SubmissionState {
        NotStarted => "not_started", "submission-not-started";
        Draft => "draft", "submission-draft";
        Submitted => "submitted", "submission-submitted";
        Returned => "returned", "submission-returned";
        Validated => "validated", "submission-validated";
    }
}

vocabulary! {
    /// How far a country's law covers a provision of the legislation matrix.
    Coverage {
        Full => "full", "coverage-full";
        Partial => "partial", "coverage-partial";
        Absent => "none", "coverage-none";
        NotApplicable => "not_applicable", "coverage-not-applicable";
    }
}

impl Coverage {
    /// The CSS class that colours the coverage; its word is always shown beside the colour.
    pub fn css_class(self) -> &'static str {
        match self {
            Coverage::Full => "coverage coverage--full",
            Coverage::Partial => "coverage coverage--partial",
            Coverage::Absent => "coverage coverage--none",
            Coverage::NotApplicable => "coverage coverage--not-applicable",
        }
    }
}

vocabulary! {
    /// The groups of the legislation matrix's provisions, in the order the matrix shows them.
    ProvisionGroup {
        Criminalization => "criminalization", "provision-group-criminalization";
        Aggravation => "aggravation", "provision-group-aggravation";
        Protection => "protection", "provision-group-protection";
        Sea => "sea", "provision-group-sea";
        Border => "border", "provision-group-border";
        Related => "related", "provision-group-related";
    }
}

impl SubmissionState {
    /// Whether a country's values, action statuses and legislation can still change in this
    /// state (the round's `Step::Save` is allowed from exactly these).
    pub fn is_editable(self) -> bool {
        matches!(
            self,
            SubmissionState::NotStarted | SubmissionState::Draft | SubmissionState::Returned
        )
    }

    /// The CSS class that colours the state; the label is always shown beside the colour.
    pub fn css_class(self) -> &'static str {
        match self {
            SubmissionState::NotStarted => "status status--not-started",
            SubmissionState::Draft => "status status--in-progress",
            SubmissionState::Submitted => "status status--submitted",
            SubmissionState::Returned => "status status--suspended",
            SubmissionState::Validated => "status status--completed",
        }
    }
}

impl Status {
    /// The CSS class that colours the status; the label is always shown beside the colour.
    pub fn css_class(self) -> &'static str {
        match self {
            Status::NotStarted => "status status--not-started",
            Status::InProgress => "status status--in-progress",
            Status::Completed => "status status--completed",
            Status::Suspended => "status status--suspended",
            Status::Cancelled => "status status--cancelled",
            Status::NotApplicable => "status status--not-applicable",
        }
    }
}

/// One page of a list too long to show whole, as the address's `page` asks for it: the first page
/// when it says none or nothing readable, the last when it asks for one beyond.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paging {
    /// From 1.
    pub page: usize,
    pub pages: usize,
    /// How many rows the whole list has.
    pub total: usize,
    pub per_page: usize,
}

impl Paging {
    pub fn read(page: Option<&str>, total: usize, per_page: usize) -> Self {
        let per_page = per_page.max(1);
        let pages = total.div_ceil(per_page).max(1);
        let page = page
            .and_then(|text| text.trim().parse::<usize>().ok())
            .unwrap_or(1)
            .clamp(1, pages);
        Paging {
            page,
            pages,
            total,
            per_page,
        }
    }

    /// The indices of the page's rows in the whole list.
    pub fn rows(&self) -> std::ops::Range<usize> {
        let first = (self.page - 1) * self.per_page;
        first.min(self.total)..(first + self.per_page).min(self.total)
    }

    /// The page's rows of `list`, the whole list.
    pub fn cut<T>(&self, list: Vec<T>) -> Vec<T> {
        let rows = self.rows();
        list.into_iter().skip(rows.start).take(rows.len()).collect()
    }
}

/// The day a page shows the plan's state on, as read from the address's `as_of`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AsOf {
    /// The day of the plan's state: the date asked for, or today, brought within the plan's period.
    pub day: NaiveDate,
    /// The day of what had been validated by then (indicator values): the date asked for, or
    /// today, even after the plan's end, so that a round validated after it still counts (never
    /// before the plan's start).
    pub known_on: NaiveDate,
    /// Whether the address asked for a readable date.
    pub asked: bool,
}

/// What a page says of the day it shows: the day the address asked for, and why the date in the
/// address was set aside, if it was.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AsOfShown {
    /// `YYYY-MM-DD` when the address asked for a day; `None` for today.
    pub day: Option<String>,
    /// The catalogue key of the notice about the date in the address.
    pub notice: Option<String>,
}

impl AsOfShown {
    /// `query` (an address's query, without `?`) with the day asked for, if one was, so that a link
    /// or download shows the same day.
    pub fn in_query(&self, query: &str) -> String {
        match (&self.day, query.is_empty()) {
            (None, _) => query.to_owned(),
            (Some(day), true) => format!("as_of={day}"),
            (Some(day), false) => format!("{query}&as_of={day}"),
        }
    }
}

impl AsOf {
    /// What a page reading this day with this `notice` says of it.
    pub fn shown(&self, notice: Option<&str>) -> AsOfShown {
        AsOfShown {
            day: self.asked.then(|| self.day.to_string()),
            notice: notice.map(str::to_owned),
        }
    }

    /// Reads `as_of` (`YYYY-MM-DD`): none is today; a date outside the plan's period is brought
    /// within it, an unreadable one is today, each with the catalogue key of its notice.
    pub fn read(
        text: Option<&str>,
        today: NaiveDate,
        plan: (NaiveDate, NaiveDate),
    ) -> (Self, Option<&'static str>) {
        let clamp = |day: NaiveDate| day.clamp(plan.0, plan.1);
        let today_as_of = AsOf {
            day: clamp(today),
            known_on: today,
            asked: false,
        };
        let Some(text) = text.map(str::trim).filter(|text| !text.is_empty()) else {
            return (today_as_of, None);
        };
        match text.parse::<NaiveDate>() {
            Ok(day) => {
                let within = clamp(day);
                let notice = (within != day).then_some("notice-as-of-outside-plan");
                let as_of = AsOf {
                    day: within,
                    known_on: day.max(within),
                    asked: true,
                };
                (as_of, notice)
            }
            Err(_) => (today_as_of, Some("notice-as-of-invalid")),
        }
    }
}

#[cfg(test)]
mod paging_tests {
    use super::Paging;

    #[test]
    fn a_page_is_read_from_the_address_within_the_list() {
        let paging = |page, total| Paging::read(page, total, 50);
        assert_eq!(paging(None, 120).rows(), 0..50);
        assert_eq!(paging(Some("3"), 120).rows(), 100..120);
        assert_eq!(paging(Some("3"), 120).pages, 3);
        // Beyond the last: the last; unreadable or zero: the first.
        assert_eq!(paging(Some("9"), 120).page, 3);
        assert_eq!(paging(Some("abc"), 120).page, 1);
        assert_eq!(paging(Some("0"), 120).page, 1);
        // An empty list has one empty page.
        assert_eq!((paging(None, 0).pages, paging(None, 0).rows()), (1, 0..0));
        assert_eq!(
            paging(Some("2"), 120).cut((0..120).collect()),
            (50..100).collect::<Vec<_>>()
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for status in Status::ALL {
            assert_eq!(Status::from_code(status.code()), Some(*status));
        }
        for kind in IndicatorKind::ALL {
            assert_eq!(IndicatorKind::from_code(kind.code()), Some(*kind));
        }
        assert_eq!(
            Status::from_code("delayed"),
            None,
            "delayed is derived, never stored"
        );
    }

    #[test]
    fn serde_uses_the_stored_codes() {
        assert_eq!(
            serde_json::to_string(&Status::NotApplicable).unwrap(),
            "\"not_applicable\""
        );
        assert_eq!(
            serde_json::from_str::<IndicatorKind>("\"scale_0_4\"").unwrap(),
            IndicatorKind::Scale0To4
        );
        let err = serde_json::from_str::<Status>("\"delayed\"").unwrap_err();
        assert!(
            err.to_string().contains("expected one of: not_started"),
            "{err}"
        );
    }

    #[test]
    fn bilingual_text_falls_back_to_the_other_language() {
        let text = Bilingual::new("Plan", "");
        assert_eq!(text.get(Lang::Es), "Plan");
        assert_eq!(
            Bilingual::new("Plan", "Plan de trabajo").get(Lang::Es),
            "Plan de trabajo"
        );
    }
}

#[cfg(test)]
mod as_of_tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn without_a_date_the_state_is_today_within_the_plan_and_the_knowledge_today() {
        let plan = (day("2025-01-01"), day("2029-12-31"));
        let (after_the_plan, notice) = AsOf::read(None, day("2030-04-01"), plan);
        assert_eq!(after_the_plan.day, day("2029-12-31"));
        // A round validated after the plan's end still counts when no date is asked.
        assert_eq!(after_the_plan.known_on, day("2030-04-01"));
        assert!(!after_the_plan.asked);
        assert_eq!(notice, None);
        let (asked, notice) = AsOf::read(Some(" 2025-12-31 "), day("2026-11-24"), plan);
        assert_eq!(
            (asked.day, asked.known_on, asked.asked),
            (day("2025-12-31"), day("2025-12-31"), true)
        );
        assert_eq!(notice, None);
        let shown = asked.shown(None);
        assert_eq!(shown.in_query("code=X"), "code=X&as_of=2025-12-31");
        assert_eq!(shown.in_query(""), "as_of=2025-12-31");
        assert_eq!(after_the_plan.shown(None).in_query("code=X"), "code=X");
        // Asked after the plan's end: its last day, with what was validated by the day asked.
        let (late, notice) = AsOf::read(Some("2030-02-01"), day("2030-04-01"), plan);
        assert_eq!(
            (late.day, late.known_on, notice),
            (
                day("2029-12-31"),
                day("2030-02-01"),
                Some("notice-as-of-outside-plan")
            )
        );
        let (early, _) = AsOf::read(Some("2020-02-01"), day("2030-04-01"), plan);
        assert_eq!((early.day, early.known_on), (plan.0, plan.0));
    }
}
