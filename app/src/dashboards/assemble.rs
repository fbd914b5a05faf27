//! Each dashboard put together from the snapshot of the plan's state: figures, charts and notices
//! for the filters of the address. No I/O: the snapshot is read once per change.

use std::sync::Arc;

use chrono::NaiveDate;

use super::charts;
use super::figures;
use super::snapshot;
use super::types::{
    ActionLine, ActionsInTheMatrix, Chart, CountryDashboard, DueLine, Filter, RegionalDashboard,
    ThemeDashboard, DUE_SOON_DAYS,
};
use crate::domain::{AsOfShown, Bilingual, Membership};
use crate::i18n::{format_date, format_percent, t, t_args, Lang};
use crate::progress::outlook::Projected;

/// The dashboard of the member country `iso2` from `snapshot` on the as-of date of the address;
/// `None` for a country that is not a member.
pub fn country_dashboard(
    snapshot: &snapshot::Snapshot,
    iso2: &str,
    as_of: Option<&str>,
    today: NaiveDate,
    lang: Lang,
) -> Option<CountryDashboard> {
    let country = snapshot.member(iso2)?;
    let filter = Filter::read(
        as_of,
        None,
        None,
        today,
        (snapshot.plan_start, snapshot.plan_end),
        &[],
    );
    let structure = snapshot.country_structure(country, filter.as_of);
    let states = snapshot.states_on(&structure, filter.as_of);
    let numbers = figures::regional(&structure, &states, filter.as_of);
    let projection = figures::projection(
        (&structure, &states),
        snapshot.plan_start,
        |_| true,
        filter.as_of,
        snapshot.plan_end,
    );
    let outlooks = figures::outlooks(&structure, states, snapshot.plan_start, filter.as_of);
    let date = format_date(lang, &filter.as_of.to_string());
    let name = country.name.get(lang).to_owned();
    let args = |key: &str| {
        t_args(
            lang,
            key,
            &[
                ("country", name.clone().into()),
                ("date", date.clone().into()),
            ],
        )
    };
    let charts = vec![
        charts::bars::theme_bars(
            "chart-country-themes",
            &args("chart-country-themes-title"),
            &args("chart-country-themes-desc"),
            &numbers.themes,
            lang,
        ),
        charts::lines::trajectory(
            "chart-country-trajectory",
            &args("chart-country-trajectory-title"),
            &args("chart-country-trajectory-desc"),
            &trajectory(snapshot, &structure.countries, None, &numbers),
            &projection,
            lang,
        ),
        charts::lines::indicator_trends(
            "chart-country-indicators",
            &args("chart-indicator-trends-title"),
            &args("chart-indicator-trends-desc"),
            &snapshot.indicator_trends(country, filter.as_of),
            crate::urls::indicator_path,
            lang,
        ),
    ];
    Some(CountryDashboard {
        iso2: country.iso2.clone(),
        as_of: filter.as_of.to_string(),
        notices: filter.notices,
        progress: numbers.regional,
        basis: numbers.regional_basis,
        outlook: outlooks
            .first()
            .map(|o| country_outlook_sentence(o, snapshot.plan_end, lang)),
        charts,
        delayed: delayed_lines(snapshot, country, filter.as_of),
        due_soon: due_lines(snapshot, country, filter.as_of),
    })
}

/// The country's actions delayed on `as_of`, as its dashboard lists them.
fn delayed_lines(
    snapshot: &snapshot::Snapshot,
    country: &figures::CountryRef,
    as_of: NaiveDate,
) -> Vec<ActionLine> {
    snapshot
        .delayed_actions(country, as_of)
        .into_iter()
        .map(|a| ActionLine {
            code: a.code,
            title: a.title,
            progress: a.progress,
        })
        .collect()
}

/// The country's milestones falling due soon after `as_of`, as its dashboard lists them.
fn due_lines(
    snapshot: &snapshot::Snapshot,
    country: &figures::CountryRef,
    as_of: NaiveDate,
) -> Vec<DueLine> {
    snapshot
        .milestones_due(country, as_of, DUE_SOON_DAYS)
        .into_iter()
        .map(|m| DueLine {
            code: m.code,
            milestone: m.milestone,
            due_on: m.due_on.to_string(),
        })
        .collect()
}

/// The dashboard of the theme `code` from `snapshot` on the as-of date of the address, over the
/// member countries; `None` for a code the plan does not have.
pub fn theme_dashboard(
    snapshot: &snapshot::Snapshot,
    code: &str,
    as_of: Option<&str>,
    today: NaiveDate,
    lang: Lang,
) -> Option<ThemeDashboard> {
    let theme = snapshot.themes().iter().find(|t| t.code == code)?;
    let filter = Filter::read(
        as_of,
        None,
        None,
        today,
        (snapshot.plan_start, snapshot.plan_end),
        &[],
    );
    let structure = snapshot.structure(Membership::Member, Some(code), filter.as_of);
    let states = snapshot.states_on(&structure, filter.as_of);
    let numbers = figures::regional(&structure, &states, filter.as_of);
    let date = format_date(lang, &filter.as_of.to_string());
    let name = theme.name.get(lang).to_owned();
    let args = |key: &str| {
        t_args(
            lang,
            key,
            &[
                ("theme", name.clone().into()),
                ("date", date.clone().into()),
            ],
        )
    };
    let actions = snapshot.theme_actions(theme.id, filter.as_of);
    let drawn = actions.len() <= MOST_ACTIONS_DRAWN;
    let mut charts = vec![charts::bars::country_bars(
        "chart-theme-countries",
        &args("chart-theme-countries-title"),
        &args("chart-theme-countries-desc"),
        &numbers.countries,
        lang,
    )];
    if drawn {
        let rows = structure
            .countries
            .iter()
            .map(|country| figures::HeatRow {
                iso2: country.iso2.clone(),
                name: country.name.clone(),
                cells: actions
                    .iter()
                    .map(|(id, _, _)| {
                        states
                            .get(country.id, *id)
                            .and_then(|state| state.progress(filter.as_of))
                    })
                    .collect(),
            })
            .collect();
        charts.push(actions_heatmap(
            (
                &args("chart-theme-actions-title"),
                &args("chart-theme-actions-desc"),
            ),
            &actions,
            rows,
            lang,
        ));
    }
    Some(ThemeDashboard {
        as_of: filter.as_of.to_string(),
        notices: filter.notices,
        progress: numbers.regional,
        basis: numbers.regional_basis,
        charts,
        actions_in_the_matrix: (!drawn).then(|| {
            let on_the_day = AsOfShown {
                day: filter.asked.then(|| filter.as_of.to_string()),
                notice: None,
            };
            let theme = format!("theme={}", crate::urls::encode_query_value(code));
            ActionsInTheMatrix {
                count: actions.len(),
                address: crate::urls::matrix_path(&on_the_day.in_query(&theme)),
            }
        }),
    })
}

/// The most actions a theme's page draws each in each country: a heatmap writes each cell's
/// percentage in it, which takes about 24 of the chart's 580 pixels for its columns. A theme of
/// more is shown in the matrix, a page at a time: drawn, a theme of 201 actions in 100 countries
/// took 5.5 MB of its page, in columns 3 pixels wide.
pub const MOST_ACTIONS_DRAWN: usize = 24;

/// Each of a theme's `actions` (id, code, title) in each country of `rows`, titled and described.
fn actions_heatmap(
    (title, description): (&str, &str),
    actions: &[(i32, String, Bilingual)],
    rows: Vec<figures::HeatRow>,
    lang: Lang,
) -> Chart {
    let columns: Vec<charts::heatmap::Column> = actions
        .iter()
        .map(|(_, code, title)| charts::heatmap::Column {
            label: code.clone(),
            name: format!("{code} {}", title.get(lang)),
        })
        .collect();
    let links: Vec<Option<String>> = rows
        .iter()
        .map(|row| Some(crate::urls::country_path(&row.iso2)))
        .collect();
    charts::heatmap::heatmap(
        "chart-theme-actions",
        title,
        description,
        &columns,
        &rows,
        &links,
        lang,
    )
}

/// The regional dashboard from `snapshot` for the filters of the address, drawn in `lang`.
pub fn regional_dashboard(
    snapshot: &snapshot::Snapshot,
    plan: Option<&str>,
    as_of: Option<&str>,
    group: Option<&str>,
    theme: Option<&str>,
    today: NaiveDate,
    lang: Lang,
) -> RegionalDashboard {
    let codes: Vec<&str> = snapshot.themes().iter().map(|t| t.code.as_str()).collect();
    let filter = Filter::read(
        as_of,
        group,
        theme,
        today,
        (snapshot.plan_start, snapshot.plan_end),
        &codes,
    );
    let mut notices = filter.notices.clone();
    if plan.is_some_and(|code| !code.trim().eq_ignore_ascii_case(&snapshot.plan)) {
        notices.insert(0, "notice-plan-unknown".to_owned());
    }
    let structure = snapshot.structure(filter.group, filter.theme.as_deref(), filter.as_of);
    let parts = snapshot.country_parts(&structure.countries, filter.theme.as_deref(), filter.as_of);
    let tallies: Vec<&figures::Tallies> = parts.iter().map(|part| &part.tallies).collect();
    let numbers = figures::regional_of(&structure, &tallies, filter.as_of);
    let charts = regional_charts(snapshot, (&numbers, &parts), &filter, lang);
    RegionalDashboard {
        plan: snapshot.plan.clone(),
        plans: snapshot.plans.clone(),
        as_of: filter.as_of.to_string(),
        plan_start: snapshot.plan_start.to_string(),
        plan_end: snapshot.plan_end.to_string(),
        group: filter.group,
        theme: filter.theme,
        themes: snapshot
            .themes()
            .iter()
            .map(|t| (t.code.clone(), t.name.clone()))
            .collect(),
        notices,
        regional: numbers.regional,
        regional_basis: numbers.regional_basis,
        charts,
    }
}

/// The regional dashboard's charts of `numbers`, the figures on the filter's date: themes,
/// countries, the heatmap, statuses, the trajectory, the scorecard, and the latest round.
fn regional_charts(
    snapshot: &snapshot::Snapshot,
    (numbers, parts): (&figures::RegionalFigures, &[Arc<figures::CountryPart>]),
    filter: &Filter,
    lang: Lang,
) -> Vec<Chart> {
    let date = format_date(lang, &filter.as_of.to_string());
    let on = |key: &str| t_args(lang, key, &[("date", date.clone().into())]);
    let countries = snapshot.countries_in(filter.group);
    let mut charts = vec![
        charts::bars::theme_bars(
            "chart-themes",
            &t(lang, "chart-themes-title"),
            &on("chart-themes-desc"),
            &numbers.themes,
            lang,
        ),
        charts::bars::country_bars(
            "chart-countries",
            &t(lang, "chart-countries-title"),
            &on("chart-countries-desc"),
            &numbers.countries,
            lang,
        ),
        charts::heatmap::heatmap(
            "chart-heatmap",
            &t(lang, "chart-heatmap-title"),
            &on("chart-heatmap-desc"),
            &charts::heatmap::theme_columns(&numbers.themes, lang),
            &numbers.heatmap,
            &numbers
                .heatmap
                .iter()
                .map(|row| Some(crate::urls::country_path(&row.iso2)))
                .collect::<Vec<_>>(),
            lang,
        ),
        charts::bars::status_stacks(
            "chart-statuses",
            &t(lang, "chart-statuses-title"),
            &on("chart-statuses-desc"),
            &numbers.status_mix,
            lang,
        ),
        charts::lines::trajectory(
            "chart-trajectory",
            &t(lang, "chart-trajectory-title"),
            &on("chart-trajectory-desc"),
            &trajectory(snapshot, &countries, filter.theme.as_deref(), numbers),
            &regional_projection(snapshot, filter, parts),
            lang,
        ),
        scorecard_chart(snapshot, filter, lang),
    ];
    if let Some(round) = &snapshot.round {
        charts.push(round_chart(round, lang));
    }
    charts
}

/// The Protocol article scorecard as a heatmap: for each country of the filter's group, in its latest
/// year with values validated by the filter's day, the share of each article's yes/no indicators met
/// (or, for an article measured only on the 0–4 scale, its mean level as a share of the top).
fn scorecard_chart(snapshot: &snapshot::Snapshot, filter: &Filter, lang: Lang) -> Chart {
    let card = snapshot.scorecard.view(None, Some(filter.known_on));
    let in_group: Vec<String> = snapshot
        .countries_in(filter.group)
        .into_iter()
        .map(|c| c.iso2)
        .collect();
    let columns: Vec<charts::heatmap::Column> = card
        .articles
        .iter()
        .map(|a| charts::heatmap::Column {
            label: a.number.to_string(),
            name: format!(
                "{} {}",
                t_args(lang, "article-heading", &[("number", a.number.into())]),
                a.title.get(lang)
            ),
        })
        .collect();
    let rows: Vec<figures::HeatRow> = card
        .rows
        .iter()
        .filter(|row| in_group.contains(&row.iso2))
        .map(|row| figures::HeatRow {
            iso2: row.iso2.clone(),
            name: row.country.clone(),
            cells: row
                .scores
                .iter()
                .map(|s| s.yes_no_met.or(s.scale))
                .collect(),
        })
        .collect();
    let links: Vec<Option<String>> = rows
        .iter()
        .map(|row| Some(crate::urls::country_indicators_path(&row.iso2, None)))
        .collect();
    charts::heatmap::heatmap(
        "chart-scorecard",
        &t(lang, "chart-scorecard-title"),
        &t_args(
            lang,
            "chart-scorecard-desc-on",
            &[(
                "date",
                format_date(lang, &filter.known_on.to_string()).into(),
            )],
        ),
        &columns,
        &rows,
        &links,
        lang,
    )
}

/// How many countries' submissions stand in each state in the latest reporting round.
fn round_chart(round: &snapshot::RoundStanding, lang: Lang) -> Chart {
    let counts: Vec<charts::bars::Count> = round
        .counts
        .iter()
        .map(|(state, count)| charts::bars::Count {
            label: t(lang, state.label_key()),
            count: *count,
            colour: charts::canvas::submission_colour(*state),
        })
        .collect();
    let year = &[("year", round.year.into())];
    charts::bars::count_bars(
        "chart-round",
        &t_args(lang, "chart-round-title", year),
        &t_args(lang, "chart-round-desc", year),
        &counts,
        lang,
    )
}

/// The projection of the filter's countries to the plan's end, over the filter's theme (or every
/// theme), each country at its pace over all its actions, from their `parts` of the figures.
fn regional_projection(
    snapshot: &snapshot::Snapshot,
    filter: &Filter,
    parts: &[Arc<figures::CountryPart>],
) -> Vec<figures::ProjectionPoint> {
    let days = figures::projection_days(filter.as_of, snapshot.plan_end);
    let projected: Vec<&[_]> = (parts.iter())
        .filter_map(|part| part.projected.as_deref())
        .collect();
    figures::projection_of(&days, &projected)
}

/// Where a country will stand at the plan's end at its pace, in one sentence.
fn country_outlook_sentence(
    outlook: &figures::CountryOutlook,
    plan_end: NaiveDate,
    lang: Lang,
) -> String {
    let unfinished = outlook
        .outlook
        .warnings(plan_end)
        .iter()
        .filter(|w| matches!(w, crate::progress::outlook::Warning::Action { .. }))
        .count();
    outlook_sentence(
        &outlook.country.name,
        outlook.outlook.projected_on(plan_end),
        unfinished,
        plan_end,
        lang,
    )
}

/// Where `country` will stand at the plan's end: `projected` (none: too early to tell), with
/// `unfinished` actions not complete, in one sentence.
pub fn outlook_sentence(
    country: &Bilingual,
    projected: Option<Projected>,
    unfinished: usize,
    plan_end: NaiveDate,
    lang: Lang,
) -> String {
    let country = country.get(lang).to_owned();
    let end = format_date(lang, &plan_end.to_string());
    let Some(projected) = projected else {
        return t_args(lang, "outlook-too-early", &[("country", country.into())]);
    };
    t_args(
        lang,
        "outlook-sentence",
        &[
            ("country", country.into()),
            ("end", end.into()),
            ("central", format_percent(lang, projected.central).into()),
            ("low", format_percent(lang, projected.low).into()),
            ("high", format_percent(lang, projected.high).into()),
            ("unfinished", unfinished.into()),
        ],
    )
}

/// Progress of `countries` over the theme `theme` (every theme for `None`) at the end of each month
/// from the plan's start, then on the as-of date of `numbers`, the figures of that day.
fn trajectory(
    snapshot: &snapshot::Snapshot,
    countries: &[figures::CountryRef],
    theme: Option<&str>,
    numbers: &figures::RegionalFigures,
) -> Vec<figures::TrajectoryPoint> {
    let mut days = figures::month_ends(snapshot.plan_start, numbers.as_of);
    days.pop();
    let mut points = snapshot.trajectory(countries, theme, &days);
    points.push(figures::TrajectoryPoint {
        day: numbers.as_of,
        // Before anything is reported there is no progress to draw, not 0 %.
        progress: numbers
            .regional
            .filter(|_| numbers.regional_basis.is_reported()),
    });
    points
}
