//! Drawing the dashboards' figures as SVG with plotters, on the server. Each chart carries a
//! `<title>` and `<desc>`, uses the Okabe-Ito colours (safe for colour-blind readers), writes its
//! numbers beside the colours, and comes with the same numbers as a table. `canvas` owns what
//! every chart shares; each other file is a kind of chart.

pub mod bars;
pub mod canvas;
pub mod heatmap;
pub mod lines;
pub mod ranges;

#[cfg(test)]
mod tests;
