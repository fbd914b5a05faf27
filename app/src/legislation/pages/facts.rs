//! What an entry says, as every legislation page shows it: coverage in colour and words, the
//! instruments, the penalties, the article's text.

use leptos::prelude::*;

use crate::domain::Coverage;
use crate::i18n::{t, Lang};
use crate::legislation::types::{Entry, Instrument, Penalty};

/// A coverage in colour and in words; nothing entered is said too.
#[component]
pub fn CoverageBadge(coverage: Option<Coverage>, lang: Lang) -> impl IntoView {
    let (class, label) = match coverage {
        Some(coverage) => (coverage.css_class(), t(lang, coverage.label_key())),
        None => ("coverage coverage--missing", t(lang, "coverage-missing")),
    };
    view! { <span class=class>{label}</span> }
}

/// A penalty in words: "3 to 8 years", "up to 5 years", or a dash.
pub fn penalty_words(penalty: Penalty, lang: Lang) -> String {
    use crate::i18n::t_args;
    let years = |y: f64| crate::i18n::format_number(lang, y, 1);
    match (penalty.min_years, penalty.max_years) {
        (Some(min), Some(max)) => t_args(
            lang,
            "penalty-range",
            &[("min", years(min).into()), ("max", years(max).into())],
        ),
        (None, Some(max)) => t_args(lang, "penalty-up-to", &[("max", years(max).into())]),
        (Some(min), None) => t_args(lang, "penalty-at-least", &[("min", years(min).into())]),
        (None, None) => "—".to_owned(),
    }
}

/// An instrument in one line: title, number, year and article, linked to its publication.
#[component]
pub fn InstrumentLine(instrument: Instrument, lang: Lang) -> impl IntoView {
    use crate::i18n::t_args;
    let mut parts = vec![instrument.title.clone()];
    parts.extend(instrument.number.clone());
    parts.extend(instrument.year.map(|y| y.to_string()));
    let article = instrument
        .article
        .clone()
        .map(|a| t_args(lang, "legislation-article", &[("article", a.into())]));
    parts.extend(article);
    let words = parts.join(", ");
    let since = instrument.in_force_since.map(|day| {
        t_args(
            lang,
            "legislation-in-force-since",
            &[(
                "day",
                crate::i18n::format_date(lang, &day.to_string()).into(),
            )],
        )
    });
    let text = match since {
        Some(since) => format!("{words} ({since})"),
        None => words,
    };
    match instrument.url {
        Some(url) => view! { <a href=url rel="noopener noreferrer">{text}</a> }.into_any(),
        None => view! { <span>{text}</span> }.into_any(),
    }
}

/// An entry's facts: coverage and why, instruments, penalties, fines, aggravating circumstances,
/// the note, and the article's text in its language.
#[component]
pub fn EntryFacts(entry: Entry, lang: Lang) -> impl IntoView {
    let optional = |key: &'static str, text: Option<String>| {
        text.map(|text| {
            view! {
                <div>
                    <dt>{t(lang, key)}</dt>
                    <dd class="prose">{text}</dd>
                </div>
            }
        })
    };
    let instruments = (!entry.instruments.is_empty()).then(|| {
        view! {
            <div>
                <dt>{t(lang, "legislation-instruments")}</dt>
                <dd>
                    <ul class="plain">
                        {entry
                            .instruments
                            .iter()
                            .map(|i| view! { <li><InstrumentLine instrument=i.clone() lang/></li> })
                            .collect_view()}
                    </ul>
                </dd>
            </div>
        }
    });
    let text = entry.original_text.clone().map(|text| {
        let language = entry.text_language.map(|l| l.code());
        view! {
            <div>
                <dt>{t(lang, "legislation-original-text")}</dt>
                <dd><blockquote class="prose" lang=language>{text}</blockquote></dd>
            </div>
        }
    });
    view! {
        <dl class="facts facts--entry">
            <div>
                <dt>{t(lang, "legislation-coverage")}</dt>
                <dd><CoverageBadge coverage=Some(entry.coverage) lang/></dd>
            </div>
            {optional("legislation-coverage-reason", entry.coverage_reason.clone())}
            {instruments}
            <div>
                <dt>{t(lang, "legislation-penalty")}</dt>
                <dd>{penalty_words(entry.penalty, lang)}</dd>
            </div>
            {optional("legislation-fines", entry.fines.clone())}
            {optional("legislation-aggravating", entry.aggravating.clone())}
            {optional("legislation-note", entry.note.clone())}
            {text}
        </dl>
    }
}
