//! `GET /health`: whether the server is up and its database answers within a second, for load
//! balancers and monitors.

use axum::{extract::State, http::StatusCode, Json};
use serde::Serialize;

use crate::AppState;

#[derive(Serialize)]
pub struct Health {
    status: &'static str,
    database: &'static str,
}

pub async fn health(State(state): State<AppState>) -> (StatusCode, Json<Health>) {
    if state.availability.answers().await {
        (
            StatusCode::OK,
            Json(Health {
                status: "ok",
                database: "reachable",
            }),
        )
    } else {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(Health {
                status: "unavailable",
                database: "unreachable",
            }),
        )
    }
}
