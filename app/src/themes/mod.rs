//! A theme of the plan (`/themes/{code}`): its objectives and actions with the theme's dashboard.

pub mod pages;
