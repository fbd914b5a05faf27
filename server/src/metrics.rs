//! `GET /metrics`: what the server has done, in the Prometheus text format, for the operator's
//! monitoring. Requests by route and status with their latency (recorded here); writes by the kind
//! of change (`app::live`), refusals by reason (conflicts, failed sign-ins: `refusal`), reminders
//! by outcome, snapshot reloads, report generations, open event streams (each where it happens);
//! and the database pool's connections, read when scraped. Only the addresses in
//! `ENLACE_METRICS_FROM` (this machine unless set) may read it, or whoever sends
//! `Authorization: Bearer` with the token in `ENLACE_METRICS_TOKEN`.

use std::net::IpAddr;
use std::sync::OnceLock;
use std::time::Instant;

use axum::{
    extract::{MatchedPath, Request, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend};

use crate::AppState;

/// Who may read `/metrics`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MetricsAccess {
    /// The addresses that may read without a token.
    pub from: Vec<IpAddr>,
    /// The bearer token that opens it from anywhere.
    pub token: Option<String>,
}

impl Default for MetricsAccess {
    fn default() -> Self {
        MetricsAccess {
            from: vec![
                IpAddr::V4(std::net::Ipv4Addr::LOCALHOST),
                IpAddr::V6(std::net::Ipv6Addr::LOCALHOST),
            ],
            token: None,
        }
    }
}

impl MetricsAccess {
    /// From the settings: a comma-separated list of addresses (this machine when unset) and a token.
    pub fn parse(from: Option<&str>, token: Option<&str>) -> Result<Self, String> {
        let mut access = MetricsAccess {
            token: token.map(str::to_owned),
            ..Default::default()
        };
        if let Some(list) = from {
            access.from = list
                .split(',')
                .map(str::trim)
                .filter(|address| !address.is_empty())
                .map(|address| {
                    address.parse().map_err(|_| {
                        format!("ENLACE_METRICS_FROM: '{address}' is not an IP address")
                    })
                })
                .collect::<Result<_, _>>()?;
        }
        Ok(access)
    }

    fn allows(&self, client: Option<IpAddr>, headers: &HeaderMap) -> bool {
        let from_allowed = client.is_some_and(|client| {
            self.from.contains(&client)
                || matches!(client, IpAddr::V6(v6) if v6.to_ipv4_mapped()
                    .is_some_and(|v4| self.from.contains(&IpAddr::V4(v4))))
        });
        let token_given = headers
            .get(header::AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.strip_prefix("Bearer "));
        let token_matches = match (&self.token, token_given) {
            (Some(expected), Some(given)) => same_secret(expected.as_bytes(), given.as_bytes()),
            _ => false,
        };
        from_allowed || token_matches
    }
}

/// Compares in a time that does not depend on where the two differ.
fn same_secret(expected: &[u8], given: &[u8]) -> bool {
    expected.len() == given.len()
        && expected
            .iter()
            .zip(given)
            .fold(0u8, |differ, (a, b)| differ | (a ^ b))
            == 0
}

/// The buckets of every duration, in seconds: from a page in memory to a long report.
const DURATION_BUCKETS: [f64; 14] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];

/// The process's recorder, installed at the first call: the `metrics` macros anywhere in the
/// process record into it.
pub fn recorder() -> &'static PrometheusHandle {
    static RECORDER: OnceLock<PrometheusHandle> = OnceLock::new();
    RECORDER.get_or_init(|| {
        let builder = PrometheusBuilder::new()
            .set_buckets_for_metric(Matcher::Suffix("_seconds".to_owned()), &DURATION_BUCKETS)
            .expect("the buckets are not empty");
        let recorder = builder.build_recorder();
        let handle = recorder.handle();
        // Another recorder already installed (none is, in this program) would only leave these
        // figures at zero.
        if metrics::set_global_recorder(recorder).is_err() {
            tracing::warn!("metrics: another recorder is installed");
        }
        handle
    })
}

/// Keeps the recorder's memory bounded between scrapes: histograms are summed up every few
/// seconds even if nobody reads them.
pub async fn keep_recorder_small() {
    loop {
        tokio::time::sleep(std::time::Duration::from_secs(5)).await;
        recorder().run_upkeep();
    }
}

/// The route a response answered, set by `name_route` inside the router.
#[derive(Clone, Debug)]
pub struct Route(pub String);

/// Names the response after the route that answered it (a template such as
/// `/countries/{iso2}`), so that the labels stay few whatever addresses are asked for.
pub async fn name_route(request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|path| Route(path.as_str().to_owned()));
    let mut response = next.run(request).await;
    if let Some(route) = route {
        response.extensions_mut().insert(route);
    }
    response
}

/// Counts each request by method, route and status, and records how long it took.
pub async fn count_requests(request: Request, next: Next) -> Response {
    let method = method_label(request.method()).to_owned();
    let files = request.uri().path().starts_with("/pkg/");
    let started = Instant::now();
    let response = next.run(request).await;
    let route = match response.extensions().get::<Route>() {
        Some(Route(route)) => route.clone(),
        None if files => "/pkg/{file}".to_owned(),
        None => "other".to_owned(),
    };
    let status = response.status().as_u16().to_string();
    metrics::histogram!(
        "enlace_http_request_duration_seconds",
        "method" => method.clone(),
        "route" => route.clone()
    )
    .record(started.elapsed().as_secs_f64());
    metrics::counter!(
        "enlace_http_requests_total",
        "method" => method,
        "route" => route,
        "status" => status
    )
    .increment(1);
    response
}

/// The method as a label: the ones the site answers, else `other`, so that made-up methods do not
/// each make new series.
fn method_label(method: &axum::http::Method) -> &'static str {
    use axum::http::Method;
    match *method {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

/// `GET /metrics`.
pub async fn metrics(State(state): State<AppState>, request: Request) -> Response {
    let client = crate::security::client_ip(&request, state.trust_proxy);
    if !state.metrics_access.allows(client, request.headers()) {
        return (
            StatusCode::FORBIDDEN,
            "metrics are not open to this address\n",
        )
            .into_response();
    }
    record_pool(&state.db);
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
        )],
        recorder().render(),
    )
        .into_response()
}

/// The database pool's connections, in use and idle, as they stand now.
fn record_pool(db: &DatabaseConnection) {
    let (size, idle) = match db.get_database_backend() {
        DbBackend::Postgres => {
            let pool = db.get_postgres_connection_pool();
            (pool.size(), pool.num_idle())
        }
        DbBackend::Sqlite => {
            let pool = db.get_sqlite_connection_pool();
            (pool.size(), pool.num_idle())
        }
        DbBackend::MySql => return,
    };
    let idle = u32::try_from(idle).unwrap_or(size);
    metrics::gauge!("enlace_database_connections", "state" => "idle").set(f64::from(idle));
    metrics::gauge!("enlace_database_connections", "state" => "in_use")
        .set(f64::from(size.saturating_sub(idle)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn access_is_by_address_or_by_token() {
        let access = MetricsAccess::parse(Some("10.0.0.5, ::1"), Some("s3cret")).unwrap();
        let none = HeaderMap::new();
        let mut bearer = HeaderMap::new();
        bearer.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Bearer s3cret"),
        );
        let mut wrong = HeaderMap::new();
        wrong.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Bearer s3creT"),
        );
        let listed: IpAddr = "10.0.0.5".parse().unwrap();
        let mapped: IpAddr = "::ffff:10.0.0.5".parse().unwrap();
        let other: IpAddr = "10.0.0.6".parse().unwrap();
        assert!(access.allows(Some(listed), &none));
        assert!(access.allows(Some(mapped), &none));
        assert!(!access.allows(Some(other), &none));
        assert!(!access.allows(None, &none));
        assert!(access.allows(Some(other), &bearer));
        assert!(!access.allows(None, &wrong));
        assert!(MetricsAccess::default().allows(Some("127.0.0.1".parse().unwrap()), &none));
        assert_eq!(
            MetricsAccess::parse(Some("10.0.0.300"), None),
            Err("ENLACE_METRICS_FROM: '10.0.0.300' is not an IP address".to_owned())
        );
    }
}
