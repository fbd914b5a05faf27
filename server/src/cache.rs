//! What one server remembers between requests so that reading does not cost a database round trip
//! each time: who a session cookie signs in, and the pages it has just rendered for that session.
//!
//! Both are kept for at most `KEEP_FOR`, and both are stale as soon as the change feed moves to its
//! next generation: every write announces its change to every server when it commits
//! (`live::commit`), and a request that wrote on PostgreSQL also publishes its changes on this
//! server's feed when it is done, so that whoever saves sees the save on the next page even before
//! the database's announcement arrives. What the feed does not carry (the outcome of a reminder's
//! delivery, the date moving on) shows within `KEEP_FOR`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::{
    body::{to_bytes, Body, Bytes},
    extract::{Request, State},
    http::{header, HeaderMap, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::Response,
};
use tokio::sync::RwLock;

use crate::metrics::Route;
use crate::AppState;
use app::access::{SessionId, Viewer};
use app::urls;

/// How long a remembered session or page may be served without looking again.
pub const KEEP_FOR: Duration = Duration::from_secs(1);

/// The most pages kept at once; a page of the regional dashboard is about 120 KB.
const MOST_PAGES: usize = 256;

/// The most the pages kept may take together.
const MOST_PAGE_BYTES: usize = 32 * 1024 * 1024;

/// The largest page kept.
const LARGEST_PAGE: usize = 2 * 1024 * 1024;

/// The router's state for the layers that read these caches.
#[derive(Clone)]
pub struct Cached {
    pub app: AppState,
    pub memory: Arc<Memory>,
}

/// The sessions and pages this server remembers, each with the change feed's generation it was
/// read at.
#[derive(Default)]
pub struct Memory {
    /// By the cookie's token; kept in this process's memory only.
    sessions: Mutex<HashMap<String, KnownSession>>,
    pages: Mutex<HashMap<PageKey, Arc<RwLock<Option<Page>>>>>,
}

#[derive(Clone)]
pub struct KnownSession {
    pub viewer: Viewer,
    pub session: SessionId,
    looked_up: Instant,
    generation: u64,
}

/// What makes two requests get the same page: the address, and everything of the browser's that
/// the page depends on (its cookies carry the session and the language; `Accept-Language` chooses
/// the language when no cookie does).
#[derive(Clone, PartialEq, Eq, Hash)]
struct PageKey {
    path_and_query: String,
    cookies: String,
    accept_language: String,
}

struct Page {
    status: StatusCode,
    headers: HeaderMap,
    /// The route that rendered it, for the request counts (`metrics`).
    route: Option<Route>,
    body: Bytes,
    /// The nonce the page's scripts carry, replaced by a fresh one each time the page is served.
    nonce: Option<String>,
    rendered: Instant,
    generation: u64,
}

impl Memory {
    /// The session a cookie's token opens, if looked up within `KEEP_FOR` and at `generation`.
    pub fn session(&self, token: &str, generation: u64) -> Option<KnownSession> {
        lock(&self.sessions)
            .get(token)
            .filter(|known| known.generation == generation && known.looked_up.elapsed() < KEEP_FOR)
            .cloned()
    }

    /// Remembers a session looked up in the database at `generation`.
    pub fn remember_session(
        &self,
        token: String,
        viewer: Viewer,
        session: SessionId,
        generation: u64,
    ) {
        let mut sessions = lock(&self.sessions);
        sessions.retain(|_, known| {
            known.generation == generation && known.looked_up.elapsed() < KEEP_FOR
        });
        sessions.insert(
            token,
            KnownSession {
                viewer,
                session,
                looked_up: Instant::now(),
                generation,
            },
        );
    }

    /// Where the page for `key` is kept, making room among the pages kept at `generation` if needed:
    /// within `MOST_PAGES` pages and `MOST_PAGE_BYTES`, the stale pages go first, then all.
    fn page_slot(&self, key: PageKey, generation: u64) -> Arc<RwLock<Option<Page>>> {
        let mut pages = lock(&self.pages);
        if !pages.contains_key(&key) {
            let full = |pages: &HashMap<PageKey, Arc<RwLock<Option<Page>>>>| {
                let bytes: usize = pages
                    .values()
                    .filter_map(|slot| Some(slot.try_read().ok()?.as_ref()?.body.len()))
                    .sum();
                pages.len() >= MOST_PAGES || bytes + LARGEST_PAGE > MOST_PAGE_BYTES
            };
            if full(&pages) {
                // A slot being written is kept: its page is on its way.
                pages.retain(|_, slot| {
                    slot.try_read()
                        .map(|page| page.as_ref().is_some_and(|page| page.is_fresh(generation)))
                        .unwrap_or(true)
                });
            }
            if full(&pages) {
                pages.clear();
            }
        }
        pages.entry(key).or_default().clone()
    }
}

impl Page {
    fn is_fresh(&self, generation: u64) -> bool {
        self.generation == generation && self.rendered.elapsed() < KEEP_FOR
    }

    /// The page as it was rendered, for the request that rendered it.
    fn response_as_rendered(&self) -> Response {
        self.respond(self.headers.clone(), self.body.clone())
    }

    fn respond(&self, headers: HeaderMap, body: Bytes) -> Response {
        let mut response = Response::new(Body::from(body));
        *response.status_mut() = self.status;
        *response.headers_mut() = headers;
        if let Some(route) = &self.route {
            response.extensions_mut().insert(route.clone());
        }
        response
    }

    /// The page as a response, with a nonce never sent before.
    fn response(&self) -> Response {
        let (headers, body) = match &self.nonce {
            Some(old) => {
                let fresh = leptos::nonce::Nonce::new().to_string();
                let mut headers = self.headers.clone();
                if let Some(policy) = headers
                    .get(header::CONTENT_SECURITY_POLICY)
                    .and_then(|value| value.to_str().ok())
                    .and_then(|policy| HeaderValue::from_str(&policy.replace(old, &fresh)).ok())
                {
                    headers.insert(header::CONTENT_SECURITY_POLICY, policy);
                }
                let body = String::from_utf8_lossy(&self.body).replace(old, &fresh);
                (headers, Bytes::from(body))
            }
            None => (self.headers.clone(), self.body.clone()),
        };
        self.respond(headers, body)
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The nonce of a page's `Content-Security-Policy`, as `app::content_security_policy` writes it.
fn nonce_of(headers: &HeaderMap) -> Option<String> {
    let policy = headers
        .get(header::CONTENT_SECURITY_POLICY)?
        .to_str()
        .ok()?;
    let start = policy.find("'nonce-")? + "'nonce-".len();
    let length = policy[start..].find('\'')?;
    Some(policy[start..start + length].to_owned())
}

fn header_text(headers: &HeaderMap, name: header::HeaderName) -> String {
    headers
        .get_all(name)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .collect::<Vec<_>>()
        .join("; ")
}

/// Whether a request is for a page a signed-in user reads: not a server function, a file, the event
/// stream or an upload.
fn is_page(request: &Request) -> bool {
    let path = request.uri().path();
    request.method() == Method::GET
        && request.extensions().get::<Viewer>().is_some()
        && !["/api/", "/pkg/", urls::EVENTS_PATH, urls::UPLOAD_PATH]
            .iter()
            .any(|prefix| path.starts_with(prefix))
}

/// Runs a request that may write. What its writes announced through the database (PostgreSQL)
/// is published on this server's feed when it is done, so that whoever saved sees it on the next
/// page even before the database's announcement arrives (`live::commit`).
async fn run_a_write(changes: &app::live::ChangeFeed, request: Request, next: Next) -> Response {
    let (response, written) = app::live::announced_in(next.run(request)).await;
    for change in written {
        changes.publish_written(change);
    }
    response
}

/// Serves a page rendered for the same session within `KEEP_FOR`, when the change feed has not moved
/// since; otherwise renders it once, however many requests wait for it. A request that wrote
/// publishes its changes on this server's feed when it is done.
pub async fn pages(State(cached): State<Cached>, request: Request, next: Next) -> Response {
    let memory = &cached.memory;
    let changes = &cached.app.changes;
    if !matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return run_a_write(changes, request, next).await;
    }
    if !is_page(&request) {
        return next.run(request).await;
    }
    let key = PageKey {
        path_and_query: request
            .uri()
            .path_and_query()
            .map(|pq| pq.as_str().to_owned())
            .unwrap_or_default(),
        cookies: header_text(request.headers(), header::COOKIE),
        accept_language: header_text(request.headers(), header::ACCEPT_LANGUAGE),
    };
    let slot = memory.page_slot(key, changes.generation());
    let fresh = |page: &Option<Page>| {
        page.as_ref()
            .filter(|page| page.is_fresh(changes.generation()))
            .map(Page::response)
    };
    if let Some(response) = fresh(&*slot.read().await) {
        return response;
    }
    let mut page = slot.write().await;
    if let Some(response) = fresh(&page) {
        return response;
    }
    let generation = changes.generation();
    let response = next.run(request).await;
    let keeps = response.status() == StatusCode::OK
        && !response.headers().contains_key(header::SET_COOKIE)
        && response
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .is_some_and(|kind| kind.starts_with("text/html"));
    if !keeps {
        *page = None;
        return response;
    }
    let (parts, body) = response.into_parts();
    let body = match to_bytes(body, usize::MAX).await {
        Ok(body) => body,
        Err(error) => {
            tracing::error!(%error, "a page could not be read to be kept");
            *page = None;
            return Response::builder()
                .status(StatusCode::INTERNAL_SERVER_ERROR)
                .body(Body::empty())
                .unwrap_or_default();
        }
    };
    if body.len() > LARGEST_PAGE {
        // Served as rendered, but not kept: a few such pages would fill the memory.
        *page = None;
        return Response::from_parts(parts, Body::from(body));
    }
    let kept = Page {
        status: parts.status,
        route: parts.extensions.get::<Route>().cloned(),
        nonce: nonce_of(&parts.headers),
        headers: parts.headers,
        body,
        rendered: Instant::now(),
        generation,
    };
    let response = kept.response_as_rendered();
    *page = Some(kept);
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(nonce: Option<&str>) -> Page {
        let mut headers = HeaderMap::new();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html"));
        if let Some(nonce) = nonce {
            headers.insert(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_str(&app::content_security_policy(Some(nonce))).unwrap(),
            );
        }
        Page {
            status: StatusCode::OK,
            route: None,
            nonce: nonce_of(&headers),
            headers,
            body: Bytes::from(format!(
                "<script nonce=\"{}\">1</script>",
                nonce.unwrap_or_default()
            )),
            rendered: Instant::now(),
            generation: 7,
        }
    }

    #[tokio::test]
    async fn each_serving_of_a_kept_page_has_its_own_nonce() {
        let kept = page(Some("abcDEF123_-xyz"));
        assert_eq!(kept.nonce.as_deref(), Some("abcDEF123_-xyz"));
        let mut nonces = Vec::new();
        for _ in 0..2 {
            let response = kept.response();
            let policy = nonce_of(response.headers()).unwrap();
            let body = to_bytes(response.into_body(), usize::MAX).await.unwrap();
            let body = String::from_utf8(body.to_vec()).unwrap();
            assert_eq!(body, format!("<script nonce=\"{policy}\">1</script>"));
            assert_ne!(policy, "abcDEF123_-xyz");
            nonces.push(policy);
        }
        assert_ne!(nonces[0], nonces[1]);
    }

    #[test]
    fn a_page_is_stale_after_a_change_or_its_time() {
        let kept = page(None);
        assert!(kept.is_fresh(7));
        assert!(!kept.is_fresh(8));
        let old = Page {
            rendered: Instant::now() - KEEP_FOR,
            ..page(None)
        };
        assert!(!old.is_fresh(7));
    }

    /// A router with the page memory around one page whose body is `size` bytes, for a signed-in
    /// reviewer; with the number of times the page was rendered.
    async fn router_around_a_page(
        size: usize,
    ) -> (axum::Router, Arc<std::sync::atomic::AtomicUsize>) {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let db = sea_orm::Database::connect("sqlite::memory:").await.unwrap();
        let state = AppState {
            leptos_options: leptos::prelude::LeptosOptions::builder()
                .output_name("enlace")
                .build(),
            availability: crate::availability::watch(&db),
            metrics_access: Default::default(),
            closing: Default::default(),
            db,
            demo: false,
            trust_proxy: false,
            hsts: false,
            mailer: app::mail::Mailer::outbox(None),
            changes: Default::default(),
            snapshots: Default::default(),
        };
        let cached = Cached {
            app: state,
            memory: Default::default(),
        };
        let renders = Arc::new(AtomicUsize::new(0));
        let counted = renders.clone();
        let router = axum::Router::new()
            .route(
                "/page",
                axum::routing::get(move || {
                    counted.fetch_add(1, Ordering::SeqCst);
                    async move { axum::response::Html("x".repeat(size)) }
                }),
            )
            .layer(axum::middleware::from_fn_with_state(cached, pages))
            .layer(axum::middleware::from_fn(
                |mut request: Request, next: Next| async move {
                    request.extensions_mut().insert(reviewer());
                    next.run(request).await
                },
            ));
        (router, renders)
    }

    async fn fetch(router: &axum::Router) -> (StatusCode, usize) {
        use tower::ServiceExt;
        let request = Request::get("/page").body(Body::empty()).unwrap();
        let response = router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let body = to_bytes(response.into_body(), usize::MAX).await.unwrap();
        (status, body.len())
    }

    #[tokio::test]
    async fn a_page_asked_for_again_at_once_is_served_from_memory() {
        let (router, renders) = router_around_a_page(1_000).await;
        assert_eq!(fetch(&router).await, (StatusCode::OK, 1_000));
        assert_eq!(fetch(&router).await, (StatusCode::OK, 1_000));
        assert_eq!(renders.load(std::sync::atomic::Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn a_page_too_large_to_keep_is_served_whole_and_rendered_each_time() {
        let (router, renders) = router_around_a_page(LARGEST_PAGE + 1).await;
        assert_eq!(fetch(&router).await, (StatusCode::OK, LARGEST_PAGE + 1));
        assert_eq!(fetch(&router).await, (StatusCode::OK, LARGEST_PAGE + 1));
        assert_eq!(renders.load(std::sync::atomic::Ordering::SeqCst), 2);
    }

    #[test]
    fn a_full_memory_lets_go_of_stale_pages_first_and_then_of_all() {
        let memory = Memory::default();
        let key = |n: usize| PageKey {
            path_and_query: format!("/?n={n}"),
            cookies: String::new(),
            accept_language: String::new(),
        };
        let keep = |n: usize, generation: u64| {
            let slot = memory.page_slot(key(n), 7);
            *slot.try_write().unwrap() = Some(Page {
                generation,
                ..page(None)
            });
        };
        // Half the pages are from an earlier generation: making room lets go of those only.
        for n in 0..MOST_PAGES {
            keep(n, if n % 2 == 0 { 6 } else { 7 });
        }
        memory.page_slot(key(MOST_PAGES), 7);
        let kept = |n: usize| lock(&memory.pages).contains_key(&key(n));
        assert!(!kept(0) && kept(1) && kept(MOST_PAGES));
        assert_eq!(lock(&memory.pages).len(), MOST_PAGES / 2 + 1);
        // All of them current: there is no telling which matters most, so all go.
        for n in 0..MOST_PAGES {
            keep(n, 7);
        }
        memory.page_slot(key(MOST_PAGES + 1), 7);
        assert_eq!(lock(&memory.pages).len(), 1);
        assert!(kept(MOST_PAGES + 1));
    }

    fn reviewer() -> Viewer {
        Viewer {
            user_id: 1,
            name: "Ana".into(),
            email: "ana@example.org".into(),
            role: app::domain::Role::Reviewer,
            country: None,
            language: app::i18n::Lang::Es,
            must_change_password: false,
        }
    }

    #[test]
    fn a_session_is_remembered_until_the_next_change() {
        let memory = Memory::default();
        memory.remember_session("s".into(), reviewer(), SessionId("s".into()), 4);
        assert_eq!(memory.session("s", 4).unwrap().viewer.name, "Ana");
        assert!(memory.session("s", 5).is_none());
        assert!(memory.session("t", 4).is_none());
    }
}
