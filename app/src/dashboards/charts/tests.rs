//! The charts drawn from fixed figures: snapshots of their SVG, their tables and links, and shapes
//! that stay inside the drawing.

use super::bars::{country_bars, status_stacks, theme_bars};
use super::canvas::accessible;
use super::heatmap::{heatmap, theme_columns};
use super::lines::{indicator_trends, trajectory};
use crate::dashboards::figures::{
    Basis, CountryFigure, HeatRow, ProjectionPoint, StatusMix, ThemeFigure, TrajectoryPoint,
};
use crate::domain::{Bilingual, IndicatorKind};
use crate::i18n::Lang;
use crate::indicators::types::IndicatorTrend;
use crate::progress::Progress;

/// What a measured figure stands on: milestones, and reports.
const MEASURED: Basis = Basis {
    countries: 11,
    milestones: 20,
    reported: 12,
};

fn themes() -> Vec<ThemeFigure> {
    vec![
        ThemeFigure {
            code: "1".into(),
            name: Bilingual::new(
                "Intelligence and investigation",
                "Inteligencia e investigación",
            ),
            progress: Some(Progress {
                actual: 0.42,
                expected: 0.4,
            }),
            basis: MEASURED,
        },
        ThemeFigure {
            code: "2".into(),
            name: Bilingual::new("Field operations", "Operaciones de campo"),
            progress: Some(Progress {
                actual: 0.3,
                expected: 0.45,
            }),
            basis: MEASURED,
        },
        ThemeFigure {
            code: "3".into(),
            name: Bilingual::new("Detention", "Detención"),
            progress: None,
            basis: Basis::default(),
        },
    ]
}

fn countries() -> Vec<CountryFigure> {
    vec![
        CountryFigure {
            iso2: "CR".into(),
            name: Bilingual::new("Costa Rica", "Costa Rica"),
            progress: Some(Progress {
                actual: 0.5,
                expected: 0.4,
            }),
            basis: Basis {
                countries: 1,
                ..MEASURED
            },
        },
        CountryFigure {
            iso2: "MX".into(),
            name: Bilingual::new("Mexico", "México"),
            progress: Some(Progress {
                actual: 0.1,
                expected: 0.4,
            }),
            basis: Basis {
                countries: 1,
                ..MEASURED
            },
        },
    ]
}

fn rows() -> Vec<HeatRow> {
    vec![
        HeatRow {
            iso2: "CR".into(),
            name: Bilingual::new("Costa Rica", "Costa Rica"),
            cells: vec![Some(0.9), Some(0.5), None],
        },
        HeatRow {
            iso2: "MX".into(),
            name: Bilingual::new("Mexico", "México"),
            cells: vec![Some(0.05), Some(0.25), Some(0.65)],
        },
    ]
}

fn mixes() -> Vec<StatusMix> {
    vec![StatusMix {
        code: "1".into(),
        name: Bilingual::new(
            "Intelligence and investigation",
            "Inteligencia e investigación",
        ),
        counts: vec![3, 5, 2, 1, 1, 0],
        delayed: 4,
    }]
}

fn points() -> Vec<TrajectoryPoint> {
    ["2025-01-31", "2025-02-28", "2025-03-31", "2025-04-15"]
        .iter()
        .zip([0.0, 0.1, 0.15, 0.3])
        .map(|(day, actual)| TrajectoryPoint {
            day: day.parse().unwrap(),
            progress: Some(Progress {
                actual,
                expected: actual + 0.05,
            }),
        })
        .collect()
}

/// Two months projected after `points`: a range around a central line, with the expected share.
fn projection() -> Vec<ProjectionPoint> {
    use crate::progress::outlook::Projected;
    [
        ("2025-04-30", 0.32, 0.35, 0.4),
        ("2025-05-31", 0.33, 0.4, 0.5),
    ]
    .iter()
    .map(|(day, low, central, high)| ProjectionPoint {
        day: day.parse().unwrap(),
        projected: Projected {
            low: *low,
            central: *central,
            high: *high,
        },
        expected: Some(central + 0.1),
    })
    .collect()
}

fn indicator_series() -> Vec<IndicatorTrend> {
    use crate::domain::{Direction, SubmissionState};
    use crate::indicators::types::IndicatorSeries;
    use crate::indicators::types::{TargetInfo, ValueCell};
    let cell = |year: i32, value: f64| ValueCell {
        year,
        value,
        numerator: None,
        denominator: None,
        source: "Registry".into(),
        note: None,
        state: SubmissionState::Validated,
    };
    let series = |code: &str, kind, direction, target: (f64, f64), values: Vec<ValueCell>| {
        IndicatorSeries {
            country_id: 1,
            code: code.into(),
            name: Bilingual::new(format!("{code} in English"), format!("{code} en español")),
            kind,
            direction,
            target: TargetInfo {
                baseline_year: 2024,
                baseline_value: target.0,
                target_year: 2029,
                target_value: target.1,
                proposed: false,
            },
            values: values.into_iter().map(|v| (None, v)).collect(),
        }
        .trend_on("2027-01-01".parse().unwrap())
    };
    vec![
        series(
            "ART6-02",
            IndicatorKind::Count,
            Direction::Higher,
            (100.0, 150.0),
            vec![cell(2025, 104.0), cell(2026, 112.0)],
        ),
        series(
            "ART10-01",
            IndicatorKind::Percentage,
            Direction::Higher,
            (35.0, 80.0),
            vec![cell(2025, 36.5)],
        ),
        series(
            "ART11-03",
            IndicatorKind::Number,
            Direction::Lower,
            (12.5, 7.5),
            vec![cell(2025, 13.25)],
        ),
        series(
            "ART14-01",
            IndicatorKind::Scale0To4,
            Direction::Higher,
            (1.0, 4.0),
            Vec::new(),
        ),
    ]
}

#[test]
fn indicator_trends_show_each_indicators_numbers_and_lead_to_its_page() {
    let chart = indicator_trends(
        "i",
        "Indicators",
        "Against their targets",
        &indicator_series(),
        crate::urls::indicator_path,
        Lang::Es,
    );
    assert_eq!(
        chart.table.rows[0],
        [
            "ART6-02 ART6-02 en español",
            "100 en 2024",
            "112 en 2026",
            // 100 × 1.12^2.5 (the growth of 2024–2026 carried to 2029)
            "133 en 2029",
            "150 en 2029",
            "Requiere aceleración",
        ]
    );
    assert_eq!(chart.table.rows[3][2], "—");
    assert_eq!(chart.table.rows[3][5], "—");
    assert_eq!(
        chart.table.links[1].as_deref(),
        Some("/indicators/ART10-01")
    );
    assert_eq!(
        chart
            .pointer_links
            .matches("<a href=\"/indicators/")
            .count(),
        4
    );
}

/// The SVG of each chart for a fixed set of figures, in both languages, kept as snapshots.
#[test]
fn the_charts_are_drawn_the_same_way_every_time() {
    for lang in Lang::ALL {
        let code = lang.code();
        let by_theme = theme_bars("t", "Themes", "By theme", &themes(), lang);
        insta::assert_snapshot!(format!("theme_bars_{code}"), by_theme.svg);
        let by_country = country_bars("c", "Countries", "By country", &countries(), lang);
        insta::assert_snapshot!(format!("country_bars_{code}"), by_country.svg);
        let columns = theme_columns(&themes(), lang);
        let links = [Some("/countries/cr".to_owned()), None];
        let heat = heatmap(
            "h",
            "Heatmap",
            "Countries and themes",
            &columns,
            &rows(),
            &links,
            lang,
        );
        insta::assert_snapshot!(format!("heatmap_{code}"), heat.svg);
        let stacks = status_stacks("s", "Statuses", "By status", &mixes(), lang);
        insta::assert_snapshot!(format!("status_stacks_{code}"), stacks.svg);
        let line = trajectory(
            "r",
            "Trajectory",
            "Month by month",
            &points(),
            &projection(),
            lang,
        );
        insta::assert_snapshot!(format!("trajectory_{code}"), line.svg);
        let trends = indicator_trends(
            "i",
            "Indicators",
            "Against their targets",
            &indicator_series(),
            crate::urls::indicator_path,
            lang,
        );
        insta::assert_snapshot!(format!("indicator_trends_{code}"), trends.svg);
    }
}

#[test]
fn each_row_leads_to_its_country_or_theme() {
    let chart = country_bars("c", "Countries", "By country", &countries(), Lang::En);
    assert_eq!(
        chart.table.links,
        [
            Some("/countries/cr".to_owned()),
            Some("/countries/mx".to_owned())
        ]
    );
    // One link a row over the drawing, Costa Rica's above Mexico's.
    let cr = chart
        .pointer_links
        .find("<a href=\"/countries/cr\"")
        .unwrap();
    let mx = chart
        .pointer_links
        .find("<a href=\"/countries/mx\"")
        .unwrap();
    let y = |at: usize| -> i32 {
        let rest = &chart.pointer_links[at..];
        let start = rest.find("y=\"").unwrap() + 3;
        rest[start..start + rest[start..].find('"').unwrap()]
            .parse()
            .unwrap()
    };
    assert!(y(cr) < y(mx));
    // The links are in the drawing laid over the chart, not in the chart, which is an image.
    assert!(!chart.svg.contains("<a "), "{}", chart.svg);
    assert!(chart
        .pointer_links
        .starts_with("<svg class=\"chart__svg chart__links\" aria-hidden=\"true\" width=\"760\""));
    let themes = theme_bars("t", "Themes", "By theme", &themes(), Lang::En);
    assert_eq!(themes.table.links[1].as_deref(), Some("/themes/2"));
}

#[test]
fn the_numbers_under_each_chart_are_its_figures_in_the_language() {
    let chart = theme_bars("t", "Themes", "By theme", &themes(), Lang::Es);
    assert_eq!(
        chart.table.rows,
        [
            [
                "1 Inteligencia e investigación",
                "42 %",
                "40 %",
                "En buen camino"
            ],
            [
                "2 Operaciones de campo",
                "30 %",
                "45 %",
                "Requiere aceleración"
            ],
            ["3 Detención", "—", "—", "—"],
        ]
    );
    assert!(chart.svg.contains("42 % · En buen camino"));
    let stacks = status_stacks("s", "Statuses", "By status", &mixes(), Lang::En);
    assert_eq!(
        stacks.table.rows[0][1..],
        ["3", "5", "2", "1", "1", "0", "4"]
    );
}

/// Themes of a plan without milestones: one whose countries reported statuses, one nobody
/// reported on.
fn unscheduled_themes() -> Vec<ThemeFigure> {
    let zero = |reported| Basis {
        countries: 11,
        milestones: 0,
        reported,
    };
    vec![
        ThemeFigure {
            code: "1".into(),
            name: Bilingual::new("Prevention", "Prevención"),
            progress: Some(Progress {
                actual: 0.25,
                expected: 0.0,
            }),
            basis: zero(4),
        },
        ThemeFigure {
            code: "2".into(),
            name: Bilingual::new("Protection", "Protección"),
            progress: Some(Progress {
                actual: 0.0,
                expected: 0.0,
            }),
            basis: zero(0),
        },
    ]
}

#[test]
fn a_figure_without_milestones_or_reports_says_so_instead_of_on_track() {
    for (lang, on_track) in [(Lang::En, "On track"), (Lang::Es, "En buen camino")] {
        let chart = theme_bars("t", "Themes", "By theme", &unscheduled_themes(), lang);
        assert!(!chart.svg.contains(on_track), "{}", chart.svg);
        assert!(chart.table.rows.iter().all(|row| row[3] != on_track));
        assert_shapes_inside(&chart.svg);
    }
    let chart = theme_bars("t", "Themes", "By theme", &unscheduled_themes(), Lang::En);
    assert_eq!(
        chart.table.rows,
        [
            ["1 Prevention", "25%", "—", "No milestones defined yet"],
            [
                "2 Protection",
                "—",
                "—",
                "No milestones defined yet · No country has reported yet"
            ],
        ]
    );
    assert!(chart.svg.contains("25% · No milestones defined yet"));
    assert!(chart
        .svg
        .contains("No milestones defined yet · No country has reported yet"));
    // The bar of the statuses is drawn, in no schedule's colour; nothing is drawn for 0 % unreported.
    let bars = elements(&chart.svg, "rect")
        .iter()
        .filter(|rect| {
            rect.iter()
                .any(|(key, value)| *key == "fill" && *value == "#0072B2")
        })
        .count();
    assert_eq!(bars, 1, "{}", chart.svg);
    let spanish = theme_bars("t", "Themes", "By theme", &unscheduled_themes(), Lang::Es);
    assert_eq!(
        spanish.table.rows[1][3],
        "Aún no hay hitos definidos · Ningún país ha informado aún"
    );
    // A country's own bar has not reported, rather than no country.
    let country = CountryFigure {
        iso2: "CR".into(),
        name: Bilingual::new("Costa Rica", "Costa Rica"),
        progress: Some(Progress {
            actual: 0.0,
            expected: 0.25,
        }),
        basis: Basis {
            countries: 1,
            milestones: 4,
            reported: 0,
        },
    };
    let chart = country_bars("c", "Countries", "By country", &[country], Lang::Es);
    assert_eq!(
        chart.table.rows[0],
        ["Costa Rica", "—", "—", "Aún sin informar"]
    );
}

#[test]
fn the_svg_has_its_title_and_description_first() {
    let svg = accessible(
        "<svg width=\"10\" height=\"10\" xmlns=\"http://www.w3.org/2000/svg\"><rect/></svg>".into(),
        "c1",
        "Progress & more",
        "By theme",
    );
    assert!(svg.starts_with(
        "<svg role=\"img\" class=\"chart__svg\" aria-labelledby=\"c1-title c1-desc\" width=\"10\""
    ));
    assert!(svg.contains("><title id=\"c1-title\">Progress &amp; more</title><desc id=\"c1-desc\">By theme</desc><rect/>"));
}

/// The attributes of every `<name …>` element of `svg`, in order.
fn elements<'a>(svg: &'a str, name: &str) -> Vec<Vec<(&'a str, &'a str)>> {
    let opening = format!("<{name} ");
    svg.match_indices(&opening)
        .map(|(start, _)| {
            let tag = &svg[start + opening.len()..];
            let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
            let mut attributes = Vec::new();
            let mut rest = tag;
            while let Some(equals) = rest.find("=\"") {
                let key = rest[..equals].trim();
                let value_start = equals + 2;
                let value_end = value_start + rest[value_start..].find('"').unwrap_or(0);
                attributes.push((key, &rest[value_start..value_end]));
                rest = &rest[value_end + 1..];
            }
            attributes
        })
        .collect()
}

fn number(attributes: &[(&str, &str)], key: &str) -> f64 {
    attributes
        .iter()
        .find(|(name, _)| *name == key)
        .and_then(|(_, value)| value.parse().ok())
        .unwrap_or_else(|| panic!("no number {key} in {attributes:?}"))
}

/// Every rectangle, line, circle and text of the chart has a size of zero or more and lies inside
/// the drawing: no bar drawn upside down or off the canvas.
fn assert_shapes_inside(svg: &str) {
    let canvas = &elements(svg, "svg")[0];
    let (width, height) = (number(canvas, "width"), number(canvas, "height"));
    let inside = |x: f64, y: f64, what: &str| {
        assert!(
            (0.0..=width).contains(&x) && (0.0..=height).contains(&y),
            "{what} at ({x}, {y}) outside {width}×{height}"
        );
    };
    let rectangles = elements(svg, "rect");
    assert!(!rectangles.is_empty(), "no rectangle in {svg}");
    for rect in rectangles {
        let (x, y) = (number(&rect, "x"), number(&rect, "y"));
        let (w, h) = (number(&rect, "width"), number(&rect, "height"));
        assert!(w >= 0.0 && h >= 0.0, "a rectangle of {w}×{h}: {rect:?}");
        inside(x, y, "a rectangle's corner");
        inside(x + w, y + h, "a rectangle's far corner");
    }
    for line in elements(svg, "line") {
        inside(number(&line, "x1"), number(&line, "y1"), "a line's start");
        inside(number(&line, "x2"), number(&line, "y2"), "a line's end");
    }
    for polyline in elements(svg, "polyline") {
        let (_, points) = polyline.iter().find(|(key, _)| *key == "points").unwrap();
        for point in points.split_whitespace() {
            let (x, y) = point.split_once(',').unwrap();
            inside(x.parse().unwrap(), y.parse().unwrap(), "a line's point");
        }
    }
    for circle in elements(svg, "circle") {
        inside(number(&circle, "cx"), number(&circle, "cy"), "a circle");
    }
    for text in elements(svg, "text") {
        inside(number(&text, "x"), number(&text, "y"), "a text");
    }
}

/// Every chart, with the figures of the snapshots, with one row (a theme's dashboard has one
/// theme) and with none.
fn every_chart(lang: Lang) -> Vec<crate::dashboards::types::Chart> {
    let one_theme = &themes()[..1];
    let one_country = &countries()[..1];
    let columns = theme_columns(&themes(), lang);
    let mut charts = Vec::new();
    for (themes, countries, rows, mixes) in [
        (themes(), countries(), rows(), mixes()),
        (
            one_theme.to_vec(),
            one_country.to_vec(),
            rows()[..1].to_vec(),
            mixes(),
        ),
        (Vec::new(), Vec::new(), Vec::new(), Vec::new()),
    ] {
        charts.push(theme_bars("t", "Themes", "By theme", &themes, lang));
        charts.push(country_bars(
            "c",
            "Countries",
            "By country",
            &countries,
            lang,
        ));
        charts.push(heatmap("h", "Heat", "Cells", &columns, &rows, &[], lang));
        charts.push(status_stacks("s", "Statuses", "By status", &mixes, lang));
    }
    charts.push(trajectory(
        "r",
        "Trajectory",
        "Month by month",
        &points(),
        &projection(),
        lang,
    ));
    charts.push(trajectory(
        "r",
        "Trajectory",
        "Month by month",
        &points()[..1],
        &[],
        lang,
    ));
    charts.push(trajectory(
        "r",
        "Trajectory",
        "Month by month",
        &[],
        &projection(),
        lang,
    ));
    let trends = indicator_series();
    for trends in [&trends[..], &trends[..1], &[]] {
        charts.push(indicator_trends(
            "i",
            "Indicators",
            "Against their targets",
            trends,
            crate::urls::indicator_path,
            lang,
        ));
    }
    charts
}

#[test]
fn every_shape_of_every_chart_has_a_size_and_stays_inside_the_drawing() {
    for lang in Lang::ALL {
        for chart in every_chart(lang) {
            assert_shapes_inside(&chart.svg);
        }
    }
}

#[test]
fn a_progress_chart_of_one_row_draws_its_bar_the_height_of_the_row() {
    for chart in [
        theme_bars("t", "Themes", "By theme", &themes()[..1], Lang::En),
        country_bars("c", "Countries", "By country", &countries()[..1], Lang::En),
    ] {
        // The bar is in its schedule's colour: neither the white canvas nor the links over it.
        let bars: Vec<f64> = elements(&chart.svg, "rect")
            .iter()
            .filter(|rect| {
                rect.iter()
                    .any(|(key, value)| *key == "fill" && *value == "#009E73")
            })
            .map(|rect| number(rect, "height"))
            .collect();
        assert_eq!(bars.len(), 1, "{}", chart.svg);
        assert!(bars[0] > 20.0, "{bars:?}");
    }
}

#[test]
fn a_chart_of_one_row_draws_its_bars_the_height_of_the_row() {
    let chart = status_stacks("s", "Statuses", "By status", &mixes(), Lang::En);
    let bars: Vec<f64> = elements(&chart.svg, "rect")
        .iter()
        .filter(|rect| {
            rect.iter().any(|(key, value)| {
                *key == "fill" && *value != "#FFFFFF" && *value != "transparent"
            })
        })
        .map(|rect| number(rect, "height"))
        .collect();
    // Five statuses with a count (the sixth has none), and the six swatches of the legend.
    assert_eq!(bars.len(), 11, "{bars:?}");
    assert!(bars[..5].iter().all(|height| *height > 20.0), "{bars:?}");
}

#[test]
fn the_shape_check_finds_a_bar_upside_down_or_off_the_canvas() {
    let svg = |rect: &str| format!("<svg width=\"100\" height=\"50\">{rect}</svg>");
    assert_shapes_inside(&svg("<rect x=\"0\" y=\"0\" width=\"100\" height=\"50\"/>"));
    for wrong in [
        "<rect x=\"10\" y=\"14\" width=\"20\" height=\"-12\"/>",
        "<rect x=\"90\" y=\"0\" width=\"20\" height=\"10\"/>",
    ] {
        let caught = std::panic::catch_unwind(|| assert_shapes_inside(&svg(wrong)));
        assert!(caught.is_err(), "{wrong} passed");
    }
}
