//! `/metrics` through the real router: closed without the operator's token (or an allowed
//! address), and with it the requests by route and status, the writes, the refusals and the
//! database pool in the Prometheus format.

use app::domain::Status;
use axum::http::StatusCode;
use server::metrics::MetricsAccess;
use server::AppState;
use tests::{an_unfinished_action, get, post_form, status_form, TestDatabase};

const TOKEN: &str = "a token for the monitoring";

#[tokio::test]
async fn metrics_count_requests_writes_and_refusals_for_the_operator_only() {
    let test = TestDatabase::new(true).await;
    let router = server::router(AppState {
        metrics_access: MetricsAccess::parse(None, Some(TOKEN)).unwrap(),
        ..test.state()
    });
    let bearer = format!("Bearer {TOKEN}");
    let closed = get(&router, "/metrics", &[]).await;
    assert_eq!(closed.status, StatusCode::FORBIDDEN);
    let wrong = get(&router, "/metrics", &[("authorization", "Bearer another")]).await;
    assert_eq!(wrong.status, StatusCode::FORBIDDEN);

    // A page, a save, and the same save again (a conflict), as Costa Rica's focal point.
    let cookie = test.session_cookie("focal.cr@demo.enlace").await;
    let focal = test.router_with_cookie(&cookie);
    let focal_with_metrics = server::router(AppState {
        metrics_access: MetricsAccess::parse(None, Some(TOKEN)).unwrap(),
        ..test.state()
    });
    assert_eq!(
        get(&focal_with_metrics, "/countries/cr", &[("cookie", &cookie)])
            .await
            .status,
        StatusCode::OK
    );
    let record = an_unfinished_action(&test.db, "CR").await;
    let save = status_form(record.action_id, record.version, Status::Completed);
    assert!(post_form(&focal, "/api/actions/update", &save, &[])
        .await
        .status
        .is_success());
    assert_eq!(
        post_form(
            &focal,
            "/api/actions/update",
            &status_form(record.action_id, record.version, Status::InProgress),
            &[]
        )
        .await
        .status,
        StatusCode::CONFLICT
    );

    let open = get(&router, "/metrics", &[("authorization", &bearer)]).await;
    assert_eq!(open.status, StatusCode::OK);
    assert!(open.headers["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/plain; version=0.0.4"));
    for expected in [
        "enlace_http_requests_total{method=\"GET\",route=\"/countries/{iso2}\",status=\"200\"} 1",
        "enlace_http_requests_total{method=\"POST\",route=\"/api/actions/update\",status=\"409\"} 1",
        "enlace_http_requests_total{method=\"GET\",route=\"/metrics\",status=\"403\"} 2",
        "enlace_http_request_duration_seconds_bucket{method=\"GET\",route=\"/countries/{iso2}\",le=\"30\"} 1",
        "enlace_writes_total{change=\"update\"} 1",
        "enlace_refusals_total{reason=\"conflict\"} 1",
        "enlace_snapshot_reload_seconds_count",
        "enlace_database_connections{state=\"idle\"}",
    ] {
        open.assert_contains(expected);
    }
}
