//! Demonstration data: milestones for every action and a plausible history of statuses and achieved
//! milestones for every member country, generated from a fixed seed so that every run produces the same
//! figures. The history ends on `HISTORY_END`; the database is marked as demo and every page says so.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, TransactionTrait,
};
use serde_json::json;

use crate::audit::service::{self as audit, Actor, Change};
use crate::db::entities::{
    action, country, country_action, milestone, milestone_progress, status_event,
};
use crate::db::settings;
use crate::domain::{Membership, Status};

pub mod scale;

/// The last day of the generated history.
pub fn history_end() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 9, 30).expect("a valid date")
}

const SEED: u64 = 0x000E_1AC3_2025;

/// SplitMix64: a tiny, well-known generator, written out so the demo data never changes with a
/// dependency's version.
struct Rng(u64);

impl Rng {
    fn for_key(key: &str) -> Self {
        // FNV-1a over the key, mixed with the fixed seed: each country × action gets its own stream,
        // independent of the order in which they are generated.
        let hash = key.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
        Rng(hash ^ SEED)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in [0, 1).
    fn unit(&mut self) -> f64 {
        // 53 random bits make an exactly representable fraction.
        (self.next_u64() >> 11) as f64 / (1_u64 << 53) as f64
    }

    /// A whole number in `low..=high`.
    fn between(&mut self, low: i64, high: i64) -> i64 {
        let span = u64::try_from(high - low + 1).unwrap_or(1);
        low + i64::try_from(self.next_u64() % span).unwrap_or(0)
    }
}

/// The demo milestone titles, in the order an action usually passes them: the demo's actions take
/// some of the first four, a generated plan's (`scale`) the first three to six.
const MILESTONE_TEMPLATES: [(&str, &str); 6] = [
    (
        "Scope and responsible institutions agreed",
        "Alcance e instituciones responsables acordados",
    ),
    (
        "Draft instrument prepared",
        "Borrador del instrumento elaborado",
    ),
    (
        "Instrument adopted by the competent authorities",
        "Instrumento adoptado por las autoridades competentes",
    ),
    (
        "Implementation under way and monitored",
        "Implementación en curso y con seguimiento",
    ),
    (
        "Progress reviewed with the other countries",
        "Avance revisado con los demás países",
    ),
    (
        "Results reported to the Conference",
        "Resultados informados a la Conferencia",
    ),
];

/// What `load` generated.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DemoSummary {
    pub milestones: usize,
    pub country_actions: usize,
    pub achieved_milestones: usize,
    pub status_events: usize,
    pub indicator_values: usize,
    pub rounds: usize,
    pub legislation_entries: usize,
}

/// Generates the demo data for the plan `plan_id`, in one transaction.
pub async fn load<C>(db: &C, plan_id: i32) -> Result<DemoSummary, DbErr>
where
    C: ConnectionTrait + TransactionTrait,
{
    let txn = db.begin().await?;
    let mut summary = DemoSummary::default();
    let actions = action::Entity::find()
        .filter(action::Column::PlanId.eq(plan_id))
        .order_by_asc(action::Column::SortOrder)
        .all(&txn)
        .await?;
    let members = country::Entity::find()
        .filter(country::Column::Membership.eq(Membership::Member.code()))
        .order_by_asc(country::Column::Iso2)
        .all(&txn)
        .await?;

    for action in &actions {
        let milestones = demo_milestones(&txn, action, &mut summary).await?;
        for country in &members {
            let mut rng = Rng::for_key(&format!("{}:{}", country.iso2, action.code));
            let capacity = country_capacity(&country.iso2);
            let history = CountryActionHistory::generate(&mut rng, capacity, &milestones);
            history
                .store(&txn, action.id, country.id, &mut summary)
                .await?;
        }
    }
    indicators::load(&txn, plan_id, &members, &mut summary).await?;
    settings::set(&txn, settings::DEMO_DATA, &history_end().to_string()).await?;
    record_generation(
        &txn,
        plan_id,
        json!({
            "history_end": history_end().to_string(),
            "milestones": summary.milestones,
            "country_actions": summary.country_actions,
            "achieved_milestones": summary.achieved_milestones,
            "indicator_values": summary.indicator_values,
            "rounds": summary.rounds,
            "legislation_entries": summary.legislation_entries,
        }),
    )
    .await?;
    crate::live::commit(txn, crate::live::Change::Stored).await?;
    Ok(summary)
}

/// The audit entry of demonstration data generated for the plan `plan_id`: `what` was generated.
async fn record_generation(
    txn: &sea_orm::DatabaseTransaction,
    plan_id: i32,
    what: serde_json::Value,
) -> Result<(), DbErr> {
    audit::record(
        txn,
        Actor::System,
        Utc::now(),
        Change {
            entity: "demo_data",
            entity_id: plan_id.to_string(),
            operation: "generate",
            country_id: None,
            before: None,
            after: Some(what),
        },
    )
    .await
}

/// Demo Protocol indicators: for every member country and indicator, a baseline in 2024, a target
/// for the plan's last year and a value for 2025, reported in the 2025 round, which the secretariat
/// validated; and the 2026 round, open, with its due date in March 2027.
mod indicators {
    use std::collections::HashMap;

    use chrono::{Duration, NaiveDate};
    use sea_orm::{
        ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait, QueryOrder,
    };

    use super::{noon, DemoSummary, Rng};
    use crate::db::entities::{
        country, indicator, indicator_target, indicator_value, reporting_round, submission,
    };
    use crate::domain::{Coverage, Direction, IndicatorKind, SubmissionState};

    /// The indicator whose demo targets are countries' proposals, not yet set by the secretariat.
    pub const PROPOSED_TARGET: &str = "COO-01";

    /// A demo series: the baseline in 2024, the value in 2025, the target, and for percentages the
    /// denominator the 2025 value was counted on.
    pub(super) struct Series {
        pub(super) baseline: f64,
        pub(super) value: f64,
        pub(super) target: f64,
        pub(super) denominator: Option<f64>,
    }

    pub(super) fn series(
        rng: &mut Rng,
        capacity: f64,
        kind: IndicatorKind,
        direction: Direction,
    ) -> Series {
        // How far the country moved in the plan's first year: mostly forward, by its capacity, and
        // modestly, as these measures move in a year.
        let push = capacity * rng.unit() - 0.15;
        match kind {
            IndicatorKind::YesNo => {
                let baseline = if rng.unit() < capacity * 0.8 {
                    1.0
                } else {
                    0.0
                };
                let value = if baseline == 1.0 || rng.unit() < capacity * 0.5 {
                    1.0
                } else {
                    0.0
                };
                Series {
                    baseline,
                    value,
                    target: 1.0,
                    denominator: None,
                }
            }
            IndicatorKind::Scale0To4 => {
                let baseline = rng.between(0, 2) as f64;
                let value = (baseline + (push * 2.0).round().max(0.0)).min(4.0);
                Series {
                    baseline,
                    value,
                    target: 4.0,
                    denominator: None,
                }
            }
            IndicatorKind::Percentage => {
                let baseline = (20.0 + 40.0 * rng.unit()).round();
                let denominator = rng.between(20, 200) as f64;
                let share = (baseline + 15.0 * push).clamp(0.0, 100.0);
                let numerator = (denominator * share / 100.0).round();
                Series {
                    baseline,
                    value: 100.0 * numerator / denominator,
                    target: 80.0,
                    denominator: Some(denominator),
                }
            }
            IndicatorKind::Count | IndicatorKind::Number => {
                let baseline = rng.between(20, 200) as f64;
                let (value, target) = match direction {
                    Direction::Higher => (
                        (baseline * (1.0 + 0.3 * push)).round(),
                        (baseline * 1.5).round(),
                    ),
                    Direction::Lower => (
                        (baseline * (1.0 - 0.3 * push)).round(),
                        (baseline * 0.6).round(),
                    ),
                };
                Series {
                    baseline,
                    value: value.max(0.0),
                    target,
                    denominator: None,
                }
            }
        }
    }

    /// The catalogue's relations that generated figures must obey, as a country's own would:
    /// persons convicted (ENF-03) are some of those prosecuted (ENF-02), and the conviction share
    /// (ENF-04) is the one over the other.
    const PROSECUTED: &str = "ENF-02";
    const CONVICTED: &str = "ENF-03";
    const CONVICTION_SHARE: &str = "ENF-04";

    /// Makes the convictions follow the prosecutions: the share generated for ENF-04 decides how
    /// many of those prosecuted were convicted, and the share is then what those counts give.
    pub(super) fn obey_relations(series: &mut HashMap<&str, Series>) {
        let (Some(prosecuted), Some(share)) =
            (series.get(PROSECUTED), series.get(CONVICTION_SHARE))
        else {
            return;
        };
        let of_prosecuted = |persons: f64, percent: f64| (persons * percent / 100.0).round();
        let convicted = Series {
            baseline: of_prosecuted(prosecuted.baseline, share.baseline),
            value: of_prosecuted(prosecuted.value, share.value),
            target: of_prosecuted(prosecuted.target, share.target),
            denominator: None,
        };
        let conviction_share = Series {
            baseline: percent_of(convicted.baseline, prosecuted.baseline),
            value: percent_of(convicted.value, prosecuted.value),
            target: share.target,
            denominator: (prosecuted.value > 0.0).then_some(prosecuted.value),
        };
        series.insert(CONVICTED, convicted);
        series.insert(CONVICTION_SHARE, conviction_share);
    }

    /// The legislative indicators' 2025 values as the country's matrix answers them (no value where
    /// it cannot answer), as the validation of a submission derives them.
    pub(super) fn follow_the_matrix(
        series: &mut HashMap<&str, Series>,
        coverages: &HashMap<String, Coverage>,
    ) {
        for (code, provisions) in crate::legislation::rules::DERIVED_INDICATORS {
            let answer = crate::legislation::rules::derived_answer(
                &provisions
                    .iter()
                    .map(|p| coverages.get(*p).copied())
                    .collect::<Vec<_>>(),
            );
            match answer {
                Some(yes) => {
                    if let Some(series) = series.get_mut(code) {
                        series.value = if yes { 1.0 } else { 0.0 };
                    }
                }
                None => {
                    series.remove(code);
                }
            }
        }
    }

    fn percent_of(part: f64, whole: f64) -> f64 {
        if whole > 0.0 {
            100.0 * part / whole
        } else {
            0.0
        }
    }

    pub async fn load(
        txn: &impl ConnectionTrait,
        plan_id: i32,
        members: &[country::Model],
        summary: &mut DemoSummary,
    ) -> Result<(), DbErr> {
        let (last_round, current_round) = open_rounds(txn, plan_id).await?;
        summary.rounds += 2;
        let indicators = indicator::Entity::find()
            .order_by_asc(indicator::Column::Code)
            .all(txn)
            .await?;
        for country in members {
            let capacity = super::country_capacity(&country.iso2);
            let (submitted_on, validated_on) =
                submit_rounds(txn, country, capacity, last_round.id, current_round.id).await?;
            let coverages = super::legislation::load(
                txn,
                country,
                capacity,
                (submitted_on, validated_on),
                summary,
            )
            .await?;
            let mut series: HashMap<&str, Series> = HashMap::new();
            for item in &indicators {
                let (Some(kind), Some(direction)) = (
                    IndicatorKind::from_code(&item.kind),
                    Direction::from_code(&item.direction),
                ) else {
                    continue;
                };
                let mut rng = Rng::for_key(&format!("{}:{}", country.iso2, item.code));
                series.insert(
                    &item.code,
                    self::series(&mut rng, capacity, kind, direction),
                );
            }
            obey_relations(&mut series);
            follow_the_matrix(&mut series, &coverages);
            for item in &indicators {
                if let Some(series) = series.get(item.code.as_str()) {
                    store_series(txn, item, country, series, submitted_on).await?;
                    summary.indicator_values += 1;
                }
            }
        }
        Ok(())
    }

    /// The 2025 round, which every country has submitted and had validated, and the 2026 round,
    /// open since November.
    async fn open_rounds(
        txn: &impl ConnectionTrait,
        plan_id: i32,
    ) -> Result<(reporting_round::Model, reporting_round::Model), DbErr> {
        let day = |text: &str| text.parse::<NaiveDate>().expect("a valid date");
        let round = |year: i32, opens_on: &str, due_on: &str| reporting_round::ActiveModel {
            plan_id: Set(plan_id),
            year: Set(year),
            opens_on: Set(day(opens_on)),
            due_on: Set(day(due_on)),
            state: Set("open".to_owned()),
            remind_before_days: Set("7, 1".to_owned()),
            remind_after_days: Set("7, 1".to_owned()),
            ..Default::default()
        };
        let last = round(2025, "2026-01-15", "2026-03-31").insert(txn).await?;
        let current = round(2026, "2026-11-02", "2027-03-31").insert(txn).await?;
        Ok((last, current))
    }

    /// The country's submissions: the 2025 one validated (most countries submitted in time, the
    /// least able ones up to three weeks late), the 2026 one not started. Returns the days the 2025
    /// one was submitted and validated.
    async fn submit_rounds(
        txn: &impl ConnectionTrait,
        country: &country::Model,
        capacity: f64,
        last_round: i32,
        current_round: i32,
    ) -> Result<(NaiveDate, NaiveDate), DbErr> {
        let due_on = "2026-03-31".parse::<NaiveDate>().expect("a valid date");
        let mut rng = Rng::for_key(&format!("round-2025:{}", country.iso2));
        let submitted_on =
            due_on + Duration::days(rng.between(-40, 0) + ((1.0 - capacity) * 30.0) as i64);
        let validated_on = submitted_on + Duration::days(rng.between(3, 20));
        submission::ActiveModel {
            round_id: Set(last_round),
            country_id: Set(country.id),
            state: Set(SubmissionState::Validated.code().to_owned()),
            submitted_at: Set(Some(noon(submitted_on))),
            validated_at: Set(Some(noon(validated_on))),
            updated_at: Set(noon(validated_on)),
            version: Set(2),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        submission::ActiveModel {
            round_id: Set(current_round),
            country_id: Set(country.id),
            state: Set(SubmissionState::NotStarted.code().to_owned()),
            updated_at: Set(noon("2026-11-02".parse().expect("a valid date"))),
            version: Set(0),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        Ok((submitted_on, validated_on))
    }

    /// The country's baseline and target of the indicator, and its validated 2025 value.
    async fn store_series(
        txn: &impl ConnectionTrait,
        item: &indicator::Model,
        country: &country::Model,
        series: &Series,
        submitted_on: NaiveDate,
    ) -> Result<(), DbErr> {
        indicator_target::ActiveModel {
            indicator_id: Set(item.id),
            country_id: Set(country.id),
            baseline_year: Set(Some(2024)),
            baseline_value: Set(Some(series.baseline)),
            target_year: Set(Some(2029)),
            target_value: Set(Some(series.target)),
            // Countries proposed their cooperation targets; the secretariat has yet to confirm them.
            proposed_by_country: Set(item.code == PROPOSED_TARGET),
            updated_at: Set(noon("2025-06-30".parse().expect("a valid date"))),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        indicator_value::ActiveModel {
            indicator_id: Set(item.id),
            country_id: Set(country.id),
            year: Set(2025),
            value: Set(Some(series.value)),
            numerator: Set(series
                .denominator
                .map(|d| (d * series.value / 100.0).round())),
            denominator: Set(series.denominator),
            source: Set(Some("Demonstration data".to_owned())),
            state: Set(SubmissionState::Validated.code().to_owned()),
            updated_at: Set(noon(submitted_on)),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        Ok(())
    }
}

/// A demo legislation matrix for every member country: an entry on every provision, entered while
/// the country prepared its 2025 submission and verified when the secretariat validated it, with
/// plausible instruments, penalties and texts in the country's language, each saying it is
/// demonstration data. The countries' `LEG-*` values follow from it.
mod legislation {
    use std::collections::HashMap;

    use chrono::NaiveDate;
    use sea_orm::{
        ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait, QueryOrder,
    };

    use super::{noon, DemoSummary, Rng};
    use crate::db::entities::{
        country, legislation_entry, legislation_instrument, legislation_provision,
        legislation_version,
    };
    use crate::domain::{ContactLanguage, Coverage, ProvisionGroup};
    use crate::legislation::types::{Entry, Instrument, Penalty};

    /// What every demo entry's note says.
    const DEMO_NOTE: &str = "Demonstration data: not the country's law. / Datos de demostración: no es la ley del país.";

    /// The instrument that implements a provision of `group` in a country whose working language
    /// is Spanish (`true`) or English.
    fn instrument(group: ProvisionGroup, spanish: bool, rng: &mut Rng) -> Instrument {
        let criminal = matches!(
            group,
            ProvisionGroup::Criminalization | ProvisionGroup::Aggravation | ProvisionGroup::Related
        );
        let (title, number) = match (criminal, spanish) {
            (true, true) => (
                "Código Penal",
                format!("Decreto {}-{}", rng.between(10, 99), rng.between(70, 99)),
            ),
            (true, false) => ("Criminal Code", format!("Chapter {}", rng.between(40, 120))),
            (false, true) => (
                "Ley General de Migración y Extranjería",
                format!("Ley {}", rng.between(8000, 9999)),
            ),
            (false, false) => ("Immigration Act", format!("Act No. {}", rng.between(5, 40))),
        };
        let year = rng.between(1975, 2019) as i32;
        let in_force = NaiveDate::from_ymd_opt(year, rng.between(1, 12) as u32, 1);
        Instrument {
            title: title.to_owned(),
            number: Some(number),
            year: Some(year),
            article: Some(rng.between(12, 420).to_string()),
            url: None,
            in_force_since: in_force,
        }
    }

    /// A country's entry on a provision: more able countries cover more in full.
    fn entry(
        provision: &legislation_provision::Model,
        capacity: f64,
        spanish: bool,
        rng: &mut Rng,
    ) -> Entry {
        let group = ProvisionGroup::from_code(&provision.provision_group)
            .unwrap_or(ProvisionGroup::Related);
        let draw = rng.unit();
        let coverage = if draw < 0.35 + 0.6 * capacity {
            Coverage::Full
        } else if draw < 0.9 + 0.1 * capacity {
            Coverage::Partial
        } else {
            Coverage::Absent
        };
        let criminal = matches!(
            group,
            ProvisionGroup::Criminalization | ProvisionGroup::Aggravation | ProvisionGroup::Related
        );
        let penalty = if criminal && coverage != Coverage::Absent {
            let least = rng.between(2, 6) as f64;
            let extra = if group == ProvisionGroup::Aggravation {
                4.0
            } else {
                0.0
            };
            Penalty {
                min_years: Some(least + extra),
                max_years: Some(least + extra + rng.between(3, 10) as f64),
            }
        } else {
            Penalty::default()
        };
        let name = if spanish {
            &provision.name_es
        } else {
            &provision.name_en
        };
        let text = match (coverage, spanish) {
            (Coverage::Absent, _) => None,
            (_, true) => Some(format!(
                "[Texto de demostración] Artículo sobre {}: la ley dispone lo que corresponde a esta disposición.",
                name.to_lowercase()
            )),
            (_, false) => Some(format!(
                "[Demonstration text] Section on {}: the law provides for what this provision requires.",
                name.to_lowercase()
            )),
        };
        let reason = match coverage {
            Coverage::Full => None,
            Coverage::Partial => Some(if spanish {
                "La ley cubre solo parte de la conducta que describe la disposición."
            } else {
                "The law covers only part of the conduct the provision describes."
            }),
            _ => Some(if spanish {
                "Ninguna ley vigente la cubre; hay un proyecto en estudio."
            } else {
                "No law in force covers it; a bill is under study."
            }),
        };
        Entry {
            coverage,
            coverage_reason: reason.map(str::to_owned),
            text_language: text.as_ref().map(|_| {
                if spanish {
                    ContactLanguage::Es
                } else {
                    ContactLanguage::En
                }
            }),
            original_text: text,
            penalty,
            fines: None,
            aggravating: None,
            note: Some(DEMO_NOTE.to_owned()),
            instruments: if coverage == Coverage::Absent {
                Vec::new()
            } else {
                vec![instrument(group, spanish, rng)]
            },
        }
    }

    /// Stores the country's matrix, entered before `submitted_on` and verified on `validated_on`;
    /// returns each provision's coverage by code.
    pub async fn load(
        txn: &impl ConnectionTrait,
        country: &country::Model,
        capacity: f64,
        (submitted_on, validated_on): (NaiveDate, NaiveDate),
        summary: &mut DemoSummary,
    ) -> Result<HashMap<String, Coverage>, DbErr> {
        let provisions = legislation_provision::Entity::find()
            .order_by_asc(legislation_provision::Column::SortOrder)
            .all(txn)
            .await?;
        let spanish = country.language == "es";
        let mut coverages = HashMap::new();
        for provision in &provisions {
            let mut rng = Rng::for_key(&format!("{}:{}", country.iso2, provision.code));
            let entry = entry(provision, capacity, spanish, &mut rng);
            let entered_at = noon(submitted_on - chrono::Duration::days(rng.between(1, 30)));
            let saved = legislation_entry::ActiveModel {
                country_id: Set(country.id),
                provision_id: Set(provision.id),
                coverage: Set(entry.coverage.code().to_owned()),
                coverage_reason: Set(entry.coverage_reason.clone()),
                original_text: Set(entry.original_text.clone()),
                text_language: Set(entry.text_language.map(|l| l.code().to_owned())),
                penalty_min_years: Set(entry.penalty.min_years),
                penalty_max_years: Set(entry.penalty.max_years),
                fines: Set(None),
                aggravating: Set(None),
                note: Set(entry.note.clone()),
                entered_by: Set(None),
                entered_at: Set(entered_at),
                verified_by: Set(None),
                verified_at: Set(Some(noon(validated_on))),
                confirmed_by: Set(None),
                confirmed_at: Set(None),
                version: Set(1),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            for (order, instrument) in entry.instruments.iter().enumerate() {
                legislation_instrument::ActiveModel {
                    entry_id: Set(saved.id),
                    title: Set(instrument.title.clone()),
                    number: Set(instrument.number.clone()),
                    year: Set(instrument.year),
                    article: Set(instrument.article.clone()),
                    url: Set(None),
                    in_force_since: Set(instrument.in_force_since),
                    sort_order: Set(order as i32),
                    ..Default::default()
                }
                .insert(txn)
                .await?;
            }
            legislation_version::ActiveModel {
                entry_id: Set(saved.id),
                version: Set(1),
                content: Set(
                    serde_json::to_string(&entry).map_err(|e| DbErr::Custom(e.to_string()))?
                ),
                saved_by: Set(None),
                saved_at: Set(entered_at),
                verified_by: Set(None),
                verified_at: Set(Some(noon(validated_on))),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            summary.legislation_entries += 1;
            coverages.insert(provision.code.clone(), entry.coverage);
        }
        Ok(coverages)
    }
}

/// Whether the database already holds reported data (then demo data must not be mixed in).
pub async fn has_reported_data(db: &impl ConnectionTrait) -> Result<bool, DbErr> {
    Ok(country_action::Entity::find().count(db).await? > 0
        || crate::db::entities::legislation_entry::Entity::find()
            .count(db)
            .await?
            > 0)
}

/// How much a country gets done, from 0.35 to 0.95: some countries are ahead, some behind.
fn country_capacity(iso2: &str) -> f64 {
    0.35 + 0.6 * Rng::for_key(iso2).unit()
}

/// The action's milestones: its own if the plan file gave it some, otherwise 2–4 demo milestones due
/// across the action's years.
async fn demo_milestones(
    txn: &impl ConnectionTrait,
    action: &action::Model,
    summary: &mut DemoSummary,
) -> Result<Vec<milestone::Model>, DbErr> {
    let existing = milestone::Entity::find()
        .filter(milestone::Column::ActionId.eq(action.id))
        .order_by_asc(milestone::Column::SortOrder)
        .all(txn)
        .await?;
    if !existing.is_empty() {
        return Ok(existing);
    }
    let mut rng = Rng::for_key(&format!("milestones:{}", action.code));
    let count = usize::try_from(rng.between(2, 4)).unwrap_or(2);
    let templates: &[usize] = match count {
        2 => &[0, 2],
        3 => &[0, 1, 2],
        _ => &[0, 1, 2, 3],
    };
    let first_year = action.start_year.unwrap_or(2025);
    let last_year = action.end_year.unwrap_or(first_year).max(first_year);
    let start = NaiveDate::from_ymd_opt(first_year, 1, 1).expect("a valid year");
    let end = NaiveDate::from_ymd_opt(last_year, 12, 31).expect("a valid year");
    let span_days = (end - start).num_days();
    let mut created = Vec::new();
    for (position, template) in templates.iter().enumerate() {
        // Due dates spread evenly over the action's years, at the end of their month, the first in
        // its first year: the history then has milestones reached from the plan's first months on,
        // long enough to check the outlook's method against (its backtest).
        let fraction = (position as f64 + 0.3) / templates.len() as f64;
        let jitter = rng.between(-20, 20);
        let day = start + Duration::days((span_days as f64 * fraction) as i64 + jitter);
        let (title_en, title_es) = MILESTONE_TEMPLATES[*template];
        let model = milestone::ActiveModel {
            action_id: Set(action.id),
            title_en: Set(title_en.to_owned()),
            title_es: Set(title_es.to_owned()),
            due_on: Set(end_of_month(day.clamp(start, end))),
            weight: Set(1.0),
            sort_order: Set(i32::try_from(position).unwrap_or_default()),
            is_demo: Set(true),
            code: Set(crate::plan::rules::default_milestone_code(position)),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        created.push(model);
        summary.milestones += 1;
    }
    Ok(created)
}

fn end_of_month(day: NaiveDate) -> NaiveDate {
    let (year, month) = if day.month() == 12 {
        (day.year() + 1, 1)
    } else {
        (day.year(), day.month() + 1)
    };
    NaiveDate::from_ymd_opt(year, month, 1).expect("a valid date") - Duration::days(1)
}

fn noon(day: NaiveDate) -> DateTime<Utc> {
    day.and_hms_opt(12, 0, 0).expect("a valid time").and_utc()
}

/// One country's story with one action: which milestones it reached and when, and its status changes.
struct CountryActionHistory {
    status: Status,
    achieved: Vec<(i32, NaiveDate)>,
    /// Status changes in time order: (date, before, after).
    changes: Vec<(NaiveDate, Status, Status)>,
}

impl CountryActionHistory {
    fn generate(rng: &mut Rng, capacity: f64, milestones: &[milestone::Model]) -> Self {
        let end = history_end();
        let plan_start = NaiveDate::from_ymd_opt(2025, 1, 15).expect("a valid date");
        let roll = rng.unit();
        if roll < 0.04 {
            let day = plan_start + Duration::days(rng.between(30, 400));
            return Self::single_change(Status::NotApplicable, day);
        }
        if roll < 0.07 {
            let day = plan_start + Duration::days(rng.between(60, 500));
            return Self::single_change(Status::Cancelled, day);
        }

        let mut achieved = Vec::new();
        let mut previous_reached = true;
        for m in milestones {
            let due_passed = m.due_on <= end;
            // Milestones tend to be reached in order; one missed makes the next less likely.
            let chance = if due_passed {
                capacity
            } else {
                0.12 * capacity
            } * if previous_reached { 1.0 } else { 0.5 };
            if rng.unit() < chance {
                let offset = rng.between(-75, 45);
                let day = (m.due_on + Duration::days(offset)).clamp(plan_start, end);
                achieved.push((m.id, day));
                previous_reached = true;
            } else {
                previous_reached = false;
            }
        }
        achieved.sort_by_key(|(_, day)| *day);

        let mut changes = Vec::new();
        let started_on = match achieved.first() {
            Some((_, first)) => (*first - Duration::days(rng.between(20, 120))).max(plan_start),
            None => plan_start + Duration::days(rng.between(40, 560)),
        };
        let all_reached = !milestones.is_empty() && achieved.len() == milestones.len();
        let status = if all_reached {
            Status::Completed
        } else if !achieved.is_empty() || rng.unit() < 0.45 * capacity {
            if rng.unit() < 0.06 {
                Status::Suspended
            } else {
                Status::InProgress
            }
        } else {
            Status::NotStarted
        };
        if status != Status::NotStarted {
            changes.push((started_on.min(end), Status::NotStarted, Status::InProgress));
        }
        match status {
            Status::Completed => {
                let last = achieved.last().map_or(end, |(_, day)| *day);
                changes.push((last, Status::InProgress, Status::Completed));
            }
            Status::Suspended => {
                let last = achieved.last().map_or(started_on, |(_, day)| *day);
                let day = (last + Duration::days(rng.between(30, 200))).min(end);
                changes.push((day, Status::InProgress, Status::Suspended));
            }
            _ => {}
        }
        Self {
            status,
            achieved,
            changes,
        }
    }

    fn single_change(status: Status, day: NaiveDate) -> Self {
        Self {
            status,
            achieved: Vec::new(),
            changes: vec![(day.min(history_end()), Status::NotStarted, status)],
        }
    }

    async fn store(
        &self,
        txn: &impl ConnectionTrait,
        action_id: i32,
        country_id: i32,
        summary: &mut DemoSummary,
    ) -> Result<(), DbErr> {
        let last_change = self.changes.iter().map(|(day, _, _)| *day);
        let last_achievement = self.achieved.iter().map(|(_, day)| *day);
        let updated_on = last_change.chain(last_achievement).max();
        let events = self.changes.len() + self.achieved.len();
        let record = country_action::ActiveModel {
            action_id: Set(action_id),
            country_id: Set(country_id),
            status: Set(self.status.code().to_owned()),
            updated_at: Set(updated_on.map(noon)),
            version: Set(i32::try_from(events).unwrap_or(i32::MAX)),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        summary.country_actions += 1;

        for (milestone_id, day) in &self.achieved {
            milestone_progress::ActiveModel {
                milestone_id: Set(*milestone_id),
                country_id: Set(country_id),
                achieved_on: Set(Some(*day)),
                updated_at: Set(Some(noon(*day))),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            status_event::ActiveModel {
                country_action_id: Set(record.id),
                milestone_id: Set(Some(*milestone_id)),
                kind: Set("milestone".to_owned()),
                before: Set(Some(json!({ "achieved_on": null }))),
                after: Set(Some(json!({ "achieved_on": day.to_string() }))),
                occurred_at: Set(noon(*day)),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            summary.achieved_milestones += 1;
            summary.status_events += 1;
        }
        for (day, before, after) in &self.changes {
            status_event::ActiveModel {
                country_action_id: Set(record.id),
                kind: Set("status".to_owned()),
                before: Set(Some(json!({ "status": before.code() }))),
                after: Set(Some(json!({ "status": after.code() }))),
                occurred_at: Set(noon(*day)),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            summary.status_events += 1;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generator_is_deterministic_and_keyed() {
        let a: Vec<u64> = (0..3).map(|_| Rng::for_key("CR:1.1").next_u64()).collect();
        assert!(a.windows(2).all(|w| w[0] == w[1]));
        assert_ne!(
            Rng::for_key("CR:1.1").next_u64(),
            Rng::for_key("MX:1.1").next_u64()
        );
        let mut rng = Rng::for_key("x");
        for _ in 0..1000 {
            let u = rng.unit();
            assert!((0.0..1.0).contains(&u));
            assert!((2..=4).contains(&rng.between(2, 4)));
        }
    }

    #[test]
    fn capacities_stay_in_range() {
        for iso2 in [
            "BZ", "CA", "CR", "SV", "US", "GT", "HN", "MX", "NI", "PA", "DO",
        ] {
            let c = country_capacity(iso2);
            assert!((0.35..0.95).contains(&c), "{iso2}: {c}");
        }
    }

    #[test]
    fn end_of_month_handles_december_and_february() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(end_of_month(d(2026, 12, 3)), d(2026, 12, 31));
        assert_eq!(end_of_month(d(2028, 2, 10)), d(2028, 2, 29));
    }

    fn milestone(id: i32, due: NaiveDate) -> milestone::Model {
        milestone::Model {
            id,
            action_id: 1,
            title_en: String::new(),
            title_es: String::new(),
            due_on: due,
            weight: 1.0,
            sort_order: id,
            is_demo: true,
            code: format!("M{id}"),
            retired_on: None,
        }
    }

    #[test]
    fn histories_are_consistent() {
        let due = |y, m| NaiveDate::from_ymd_opt(y, m, 28).unwrap();
        let milestones = [
            milestone(1, due(2025, 6)),
            milestone(2, due(2026, 6)),
            milestone(3, due(2028, 6)),
        ];
        for key in 0..500 {
            let mut rng = Rng::for_key(&key.to_string());
            let h = CountryActionHistory::generate(&mut rng, 0.9, &milestones);
            assert!(h.achieved.iter().all(|(_, day)| *day <= history_end()));
            assert!(h.changes.iter().all(|(day, _, _)| *day <= history_end()));
            assert_eq!(h.status == Status::Completed, h.achieved.len() == 3);
            if h.status == Status::NotStarted {
                assert!(h.achieved.is_empty() && h.changes.is_empty());
            } else {
                assert_eq!(h.changes.last().unwrap().2, h.status);
            }
        }
    }
}
