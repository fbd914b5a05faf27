//! What one server remembers between requests so that reading does not cost a database round trip
//! each time: who a session cookie signs in, and the pages it has just rendered for them.
//!
//! A page is kept compressed, as it is sent to most browsers, and sent the same each time
//! (`ByHashes`): a page asked for again costs neither rendering nor compressing. A page that says
//! for whom it is the same but for their name in the header (`app::layout::SameFor`: the
//! overview, the plan, the matrix, the scorecard, the legislation, a country's pages, the outlook
//! and others) is kept once for all of them, compressed around the name, and each reader's name
//! is joined in when it is served (`Kept::AroundTheName`).
//!
//! Both are kept for at most `KEEP_FOR`. A page answers only the requests that came before the
//! change feed moved past the generation it was rendered at, or, if it says it shows none of the
//! plan's figures (`app::layout::shows_none_of_the_figures`: the plan, the Protocol), past
//! changes to them alone; a session stays good until the feed moves for anything but the plan's
//! figures and revisions: every write announces its change to every server when it commits
//! (`live::commit`), and a request that wrote on PostgreSQL also publishes its changes on this
//! server's feed when it is done, so that whoever saves sees the save on the next page even
//! before the database's announcement arrives. What the feed does not carry (the
//! outcome of a reminder's delivery, the date moving on) shows within `KEEP_FOR`.

mod by_hashes;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::{
    body::{to_bytes, Body, Bytes},
    extract::{Request, State},
    http::{header, HeaderMap, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};
use tokio::sync::RwLock;

use crate::metrics::Route;
use crate::AppState;
use app::access::{SessionId, Viewer, ViewerCountry};
use app::layout::SameFor;
use app::live::{Change, ChangeFeed};
use app::urls;
use by_hashes::{nonce_of, ByHashes};

/// How long a remembered session or page may be served without looking again.
pub const KEEP_FOR: Duration = Duration::from_secs(1);

/// The most pages kept at once.
const MOST_PAGES: usize = 256;

/// The most the pages kept may take together, compressed: the regional dashboard takes about
/// 10 KB on the demonstration data and 35 KB at 100 countries and 1,000 actions.
const MOST_PAGE_BYTES: usize = 8 * 1024 * 1024;

/// How many paths `Memory::kept_for` remembers at most; when full, it forgets them all.
const MOST_PATHS: usize = 4 * MOST_PAGES;

/// The largest page kept, before it is compressed.
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
    /// For whom the page at each path was last kept, where it was kept for others than its reader
    /// (`SameFor`): when its slot is let go of (the memory full, or the page stale when room was
    /// made), the first requests for it after wait for one rendering in the slot where it will
    /// be kept, rather than each of them rendering their own at once. By path, not address: the
    /// pages at one path are alike (`/?as_of=…`), and addresses asked for once would crowd out
    /// the few read by many. Where they are not (the outlook, with a country chosen or not), a
    /// request that waited in the wrong slot goes on to the right one once that rendering ends.
    kept_for: Mutex<HashMap<String, SameFor>>,
}

#[derive(Clone)]
pub struct KnownSession {
    pub viewer: Viewer,
    pub session: SessionId,
    looked_up: Instant,
    generation: u64,
}

/// What makes two requests get the same page: the address, who reads it, and everything else of
/// the browser's that the page depends on (its other cookies carry the language and what a page
/// shows once; `Accept-Language` chooses the language when no cookie does).
///
/// A page depends on who reads it (`Viewer`: their name, role, country and language), not on which
/// of their sessions asks: the sessions of one account (two browsers, a shared office machine and
/// a phone, or a monitor's many tabs) share its pages, each rendered once for all of them.
///
/// A page that says for whom it is the same but for their name (`app::layout::SameFor`) is kept
/// once for all of them (`PageKey::shared`).
#[derive(Clone, PartialEq, Eq, Hash)]
struct PageKey {
    path_and_query: String,
    viewer: Viewer,
    /// Kept for everyone `viewer` stands for (`PageKey::shared`), not for `viewer` alone.
    same_for: Option<SameFor>,
    cookies_but_the_session: String,
    accept_language: String,
}

impl PageKey {
    /// The key of a request `viewer` makes.
    fn of(request: &Request, viewer: Viewer) -> PageKey {
        // Read as `sessions::token_from_headers` reads it.
        let session = |pair: &&str| {
            pair.trim().split_once('=').map(|(name, _)| name)
                == Some(app::accounts::sessions::SESSION_COOKIE)
        };
        let cookies_but_the_session = request
            .headers()
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(';'))
            .filter(|pair| !session(pair))
            .map(str::trim)
            .collect::<Vec<_>>()
            .join("; ");
        PageKey {
            path_and_query: request
                .uri()
                .path_and_query()
                .map(|pq| pq.as_str().to_owned())
                .unwrap_or_default(),
            viewer,
            same_for: None,
            cookies_but_the_session,
            accept_language: header_text(request.headers(), header::ACCEPT_LANGUAGE),
        }
    }

    /// The key of the page kept for everyone `same_for` says that this key's reader stands for:
    /// whoever sees the same navigation (`layout::SignedInNav`: their role, whether they report
    /// for a country, and the rest of what the policy asks of them), and, for
    /// `SameFor::TheNavigation`, reports for the country the address names (a focal point may
    /// edit it) or not; for `SameFor::TheNavigationAndCountry`, for the same country.
    fn shared(&self, same_for: SameFor) -> PageKey {
        let country = self.viewer.country.as_ref().map(|country| {
            let kept = match same_for {
                SameFor::TheNavigationAndCountry => true,
                SameFor::TheNavigation => self.may_name(country),
            };
            if kept {
                country.clone()
            } else {
                ViewerCountry {
                    id: 0,
                    iso2: String::new(),
                }
            }
        });
        let anyone = Viewer {
            user_id: 0,
            name: String::new(),
            email: String::new(),
            country,
            ..self.viewer.clone()
        };
        PageKey {
            viewer: anyone,
            same_for: Some(same_for),
            ..self.clone()
        }
    }

    /// Whether the address may name `country`, whose page its focal points see with its forms.
    /// The router decodes an address's country (`/countries/%43R` is Costa Rica's page): an
    /// address written otherwise than as the site writes it (two letters, no `%`) is taken to
    /// name the reader's country.
    fn may_name(&self, country: &ViewerCountry) -> bool {
        let path = self.path();
        match app::urls::country_of_path(path) {
            _ if path.contains('%') => true,
            None => false,
            Some(iso2) if iso2.len() == 2 && iso2.bytes().all(|b| b.is_ascii_alphabetic()) => {
                iso2.eq_ignore_ascii_case(&country.iso2)
            }
            Some(_) => true,
        }
    }

    /// The address's path, without its query.
    fn path(&self) -> &str {
        let end = self
            .path_and_query
            .find('?')
            .unwrap_or(self.path_and_query.len());
        &self.path_and_query[..end]
    }
}

/// A page as it is kept: the same bytes for every serving, so that they are compressed once.
struct Page {
    status: StatusCode,
    /// Its headers; the Content-Security-Policy allows its own inline scripts and styles by their
    /// hashes (`ByHashes`).
    headers: HeaderMap,
    /// The route that rendered it, for the request counts (`metrics`).
    route: Option<Route>,
    body: Kept,
    rendered: Instant,
    generation: u64,
    /// The page said it shows none of the plan's figures
    /// (`app::layout::shows_none_of_the_figures`).
    shows_none_of_the_figures: bool,
}

/// A page's body as kept: compressed with brotli, as most browsers take it.
enum Kept {
    /// For one account: the page whole.
    Whole(Bytes),
    /// For everyone the page said it is the same for (`app::layout::SameFor`): the page before
    /// and after the name in its header, each compressed once (`brotli_part`); only the reader's
    /// name, a few bytes, is compressed for each answer, and joined in.
    AroundTheName {
        before: Bytes,
        after: Bytes,
        window: i32,
        same_for: SameFor,
    },
}

impl Kept {
    /// `page`, rendered for `name`, as it is kept: around the name if it said for whom it is the
    /// same (`same_for`) and shows the name in its header once; whole otherwise.
    async fn of(page: &str, name: &str, same_for: Option<SameFor>) -> std::io::Result<Kept> {
        let Some((same_for, (before, after))) = same_for.zip(around_the_name(page, name)) else {
            return crate::compression::brotli_compressed(page.as_bytes())
                .await
                .map(Kept::Whole);
        };
        let window = crate::compression::window_for(Some(page.len() as u64));
        let part = |text: &str| crate::compression::brotli_part(text.as_bytes(), window);
        Ok(Kept::AroundTheName {
            before: part(before)?,
            after: part(after)?,
            window,
            same_for,
        })
    }

    /// For whom it is kept, if not for one account.
    fn same_for(&self) -> Option<SameFor> {
        match self {
            Kept::Whole(_) => None,
            Kept::AroundTheName { same_for, .. } => Some(*same_for),
        }
    }

    fn len(&self) -> usize {
        match self {
            Kept::Whole(compressed) => compressed.len(),
            Kept::AroundTheName { before, after, .. } => before.len() + after.len(),
        }
    }

    /// The page compressed, `name` put in where it is kept around the name.
    fn compressed(&self, name: &str) -> std::io::Result<Bytes> {
        match self {
            Kept::Whole(compressed) => Ok(compressed.clone()),
            Kept::AroundTheName {
                before,
                after,
                window,
                ..
            } => {
                let name =
                    crate::compression::brotli_part(as_element_text(name).as_bytes(), *window)?;
                crate::compression::brotli_joined(&[before, &name, after], *window)
            }
        }
    }
}

impl Memory {
    /// The session a cookie's token opens, if looked up within `KEEP_FOR` and nothing written since
    /// but the plan's figures (`Change::Plan`: a country's updates, its indicator values, a plan
    /// revision), which no session or account depends on. Under saves the feed moves dozens of
    /// times a second; looking every reader's session up again after each would put a query of
    /// every page on SQLite's one connection, which the saves wait for.
    pub fn session(&self, token: &str, feed: &ChangeFeed) -> Option<KnownSession> {
        let generation = feed.generation();
        let known = lock(&self.sessions)
            .get(token)
            .filter(|known| known.looked_up.elapsed() < KEEP_FOR)
            .cloned()?;
        let plan_only = |change: &Change| matches!(change, Change::Plan(_));
        let unchanged = feed.all_between(known.generation, generation, plan_only) == Some(true);
        unchanged.then_some(known)
    }

    /// Remembers a session looked up in the database at `generation`, the lookup begun at
    /// `looked_up` (the time it may have waited for the database counts against `KEEP_FOR`).
    pub fn remember_session(
        &self,
        token: String,
        viewer: Viewer,
        session: SessionId,
        generation: u64,
        looked_up: Instant,
    ) {
        let mut sessions = lock(&self.sessions);
        sessions.retain(|_, known| known.looked_up.elapsed() < KEEP_FOR);
        sessions.insert(
            token,
            KnownSession {
                viewer,
                session,
                looked_up,
                generation,
            },
        );
    }

    /// Where the page for `key` is kept, making room among the pages kept at `generation` if
    /// needed: within `MOST_PAGES` pages and `MOST_PAGE_BYTES`, the stale pages go first, then all.
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

    /// Where the page for everyone `key`'s reader stands for is kept (`PageKey::shared`), if it
    /// ever was, with its key.
    fn shared_slot(&self, key: &PageKey) -> Option<(PageKey, Arc<RwLock<Option<Page>>>)> {
        let shared = SameFor::ALL.map(|same_for| key.shared(same_for));
        let pages = lock(&self.pages);
        shared.into_iter().find_map(|shared| {
            let slot = pages.get(&shared)?.clone();
            Some((shared, slot))
        })
    }

    /// Where the page for `key` is to be found or rendered, and its key: the slot of the page
    /// kept for everyone `key`'s reader stands for; if there is none, the slot where the page at
    /// this address's path went last time, if it was kept for others; else the reader's own.
    fn slot_for(&self, key: &PageKey, asked_at: u64) -> (PageKey, Arc<RwLock<Option<Page>>>) {
        if let Some(shared) = self.shared_slot(key) {
            return shared;
        }
        let kept_for = lock(&self.kept_for).get(key.path()).copied();
        let key = kept_for.map_or_else(|| key.clone(), |same_for| key.shared(same_for));
        (key.clone(), self.page_slot(key, asked_at))
    }

    /// Remembers for whom the page at `path` was kept, if for others than its reader; forgets the
    /// path if it was kept for its reader alone, or not kept.
    fn remember_kept_for(&self, path: &str, kept_for: Option<SameFor>) {
        let mut paths = lock(&self.kept_for);
        match kept_for {
            Some(same_for) if paths.get(path) != Some(&same_for) => {
                if paths.len() >= MOST_PATHS {
                    paths.clear();
                }
                paths.insert(path.to_owned(), same_for);
            }
            Some(_) => {}
            None => {
                paths.remove(path);
            }
        }
    }

    /// Keeps `page` for `key`, unless its slot is being written (its page is on its way) or holds a
    /// newer page.
    fn keep(&self, key: PageKey, page: Page) {
        if let Ok(mut slot) = self.page_slot(key, page.generation).try_write() {
            if !matches!(slot.as_ref(), Some(kept) if kept.generation > page.generation) {
                *slot = Some(page);
            }
        }
    }

    /// Lets go of `slot`, kept for `key`, if it still is.
    fn forget(&self, key: &PageKey, slot: &Arc<RwLock<Option<Page>>>) {
        let mut pages = lock(&self.pages);
        if pages.get(key).is_some_and(|kept| Arc::ptr_eq(kept, slot)) {
            pages.remove(key);
        }
    }
}

impl Page {
    /// Whether the page may answer a request that came when the change feed stood at `asked_at`:
    /// rendered within `KEEP_FOR` with every change announced before the request came. A request
    /// that waited for another's rendering takes its page even if the feed moved meanwhile: the
    /// page is as new as the request, and under saves several a second each waiting request would
    /// otherwise render it again in turn.
    fn is_fresh(&self, asked_at: u64) -> bool {
        self.generation >= asked_at && self.rendered.elapsed() < KEEP_FOR
    }

    /// Whether the page may answer a request that came when `changes` stood at `asked_at`: it is
    /// fresh, or it shows none of the plan's figures and only they changed since it was rendered
    /// (`Change::is_to_the_figures_alone`: under saves the feed moves dozens of times a second,
    /// and the plan's page would be rendered again after each).
    fn answers(&self, asked_at: u64, changes: &ChangeFeed) -> bool {
        self.is_fresh(asked_at)
            || self.shows_none_of_the_figures
                && self.rendered.elapsed() < KEEP_FOR
                && changes.all_between(self.generation, asked_at, Change::is_to_the_figures_alone)
                    == Some(true)
    }

    /// The page as a response to `name`'s request: compressed with brotli if the client takes it
    /// (`brotli`), whole otherwise.
    async fn response(&self, brotli: bool, name: &str) -> Response {
        let mut headers = self.headers.clone();
        let body = match self.body.compressed(name) {
            Ok(compressed) if brotli => {
                crate::compression::mark_as_brotli(&mut headers);
                Ok(compressed)
            }
            Ok(compressed) => crate::compression::brotli_decompressed(&compressed).await,
            Err(error) => Err(error),
        };
        let body = match body {
            Ok(body) => body,
            Err(error) => {
                tracing::error!(%error, "a page kept could not be made an answer");
                return StatusCode::INTERNAL_SERVER_ERROR.into_response();
            }
        };
        let mut response = Response::new(Body::from(body));
        *response.status_mut() = self.status;
        *response.headers_mut() = headers;
        if let Some(route) = &self.route {
            response.extensions_mut().insert(route.clone());
        }
        response
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn header_text(headers: &HeaderMap, name: header::HeaderName) -> String {
    headers
        .get_all(name)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .collect::<Vec<_>>()
        .join("; ")
}

/// Who reads, if the request is for a page a signed-in user reads: not a server function, a file,
/// the event stream or an upload.
fn page_reader(request: &Request) -> Option<Viewer> {
    let path = request.uri().path();
    let page = request.method() == Method::GET
        && !["/api/", "/pkg/", urls::EVENTS_PATH, urls::UPLOAD_PATH]
            .iter()
            .any(|prefix| path.starts_with(prefix));
    page.then(|| request.extensions().get::<Viewer>().cloned())
        .flatten()
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

/// Serves a page rendered for the same reader (or for everyone the reader stands for, if the page
/// said so: `app::layout::SameFor`) within `KEEP_FOR` with every change announced before the
/// request came (or all but changes to the figures, for a page that shows none: `Page::answers`);
/// otherwise renders it once, however many requests wait for it. A request that wrote publishes
/// its changes on this server's feed when it is done.
pub async fn pages(State(cached): State<Cached>, request: Request, next: Next) -> Response {
    let memory = &cached.memory;
    let changes = &cached.app.changes;
    if !matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return without_the_memorys_header(run_a_write(changes, request, next).await);
    }
    let Some(viewer) = page_reader(&request) else {
        return without_the_memorys_header(next.run(request).await);
    };
    let key = PageKey::of(&request, viewer);
    let name = key.viewer.name.clone();
    let brotli = crate::compression::accepts_brotli(request.headers());
    let asked_at = changes.generation();
    // A page kept for everyone this reader stands for is looked for first, and rendered again
    // there, once for all of them; then where the page at this path went last time; then the
    // reader's own.
    let (mut slot_key, mut slot) = memory.slot_for(&key, asked_at);
    let mut moved = false;
    let mut page = loop {
        if let Some(kept) = slot.read().await.as_ref() {
            if kept.answers(asked_at, changes) {
                return kept.response(brotli, &name).await;
            }
        }
        let page = slot.clone().write_owned().await;
        if let Some(kept) = page.as_ref() {
            if kept.answers(asked_at, changes) {
                return kept.response(brotli, &name).await;
            }
        }
        // The page this request waited for was kept for others than its slot is for (it said
        // it is the same for more readers, or for fewer): the request waits where it went, or
        // where it is now to be rendered, once.
        if moved {
            break page;
        }
        let (now_key, now_slot) = memory.slot_for(&key, asked_at);
        if Arc::ptr_eq(&now_slot, &slot) {
            break page;
        }
        (slot_key, slot, moved) = (now_key, now_slot, true);
    };
    // Read once the rendering is this request's alone: every change announced before it is in
    // the page, which is what lets the requests waiting for it take it (`Page::is_fresh`).
    let generation = changes.generation();
    let kept = match to_keep(next.run(request).await, generation, &name).await {
        Rendered::Kept(kept) => kept,
        Rendered::AsItCame(response) => {
            // Not a page to keep (an error, say): whoever waits here, and the next readers of
            // its path, render their own.
            if slot_key.same_for.is_some() {
                memory.remember_kept_for(key.path(), None);
                memory.forget(&slot_key, &slot);
            }
            *page = None;
            return response;
        }
    };
    let response = kept.response(brotli, &name).await;
    let same_for = kept.body.same_for();
    memory.remember_kept_for(key.path(), same_for);
    let kept_key = match same_for {
        Some(same_for) => key.shared(same_for),
        None => key,
    };
    if kept_key == slot_key {
        *page = Some(kept);
        return response;
    }
    // Kept for others than those who wait here, before they may look (this slot is theirs until
    // the end): they follow it, if it is for them, or render their own.
    if slot_key.same_for.is_some() {
        memory.forget(&slot_key, &slot);
    }
    memory.keep(kept_key, kept);
    *page = None;
    response
}

/// The page before and after the account's name in its header (`layout::SignedInNav`'s account
/// link), if it shows `name` there, once.
fn around_the_name<'a>(page: &'a str, name: &str) -> Option<(&'a str, &'a str)> {
    const LINK: &str = "class=\"account-menu__name\">";
    let link = page.find(LINK)? + LINK.len();
    if page[link..].contains(LINK) {
        return None;
    }
    // After the words said to screen readers only ("Your account: ").
    let name_starts = link + page[link..].find("</span>")? + "</span>".len();
    let name_ends = name_starts + page[name_starts..].find("</a>")?;
    (page[name_starts..name_ends] == as_element_text(name))
        .then(|| (&page[..name_starts], &page[name_ends..]))
}

/// What was rendered: a page to keep, or a response to send as it came.
enum Rendered {
    Kept(Page),
    AsItCame(Response),
}

/// `response` without the headers by which a page speaks to this memory, which the memory reads
/// from the pages it may keep (`to_keep`) and no client is to see.
fn without_the_memorys_header(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.remove(app::layout::SAME_BUT_THE_NAME);
    headers.remove(app::layout::SHOWS_NONE_OF_THE_FIGURES);
    response
}

/// Text as Leptos writes it into an element (`&`, `<` and `>` as entities).
fn as_element_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The page rendered at `generation` as it is kept, or the response as it came when it is not
/// kept: not a page (an error, a file, a redirect, one setting a cookie), too large (a few such
/// pages would fill the memory), or with its nonce where hashes cannot replace it.
async fn to_keep(mut response: Response, generation: u64, name: &str) -> Rendered {
    let same_for = (response.headers_mut())
        .remove(app::layout::SAME_BUT_THE_NAME)
        .and_then(|said| SameFor::from_header_value(said.as_bytes()));
    let shows_none_of_the_figures = (response.headers_mut())
        .remove(app::layout::SHOWS_NONE_OF_THE_FIGURES)
        .is_some();
    let keeps = response.status() == StatusCode::OK
        && !response.headers().contains_key(header::SET_COOKIE)
        && !response.headers().contains_key(header::CONTENT_ENCODING)
        && response
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .is_some_and(|kind| kind.starts_with("text/html"));
    if !keeps {
        return Rendered::AsItCame(response);
    }
    let (mut parts, body) = response.into_parts();
    let body = match to_bytes(body, usize::MAX).await {
        Ok(body) => body,
        Err(error) => {
            tracing::error!(%error, "a page could not be read to be kept");
            return Rendered::AsItCame(StatusCode::INTERNAL_SERVER_ERROR.into_response());
        }
    };
    let as_rendered =
        |parts, body| Rendered::AsItCame(Response::from_parts(parts, Body::from(body)));
    let nonce = nonce_of(&parts.headers);
    let same_each_time = match (std::str::from_utf8(&body), &nonce) {
        _ if body.len() > LARGEST_PAGE => None,
        (Ok(text), Some(nonce)) => ByHashes::of(text, nonce),
        (Ok(text), None) => Some(ByHashes::without_inline(text)),
        (Err(_), _) => None,
    };
    let Some(same_each_time) = same_each_time else {
        return as_rendered(parts, body);
    };
    let kept = Kept::of(&same_each_time.body, name, same_for).await;
    let kept = match kept {
        Ok(kept) => kept,
        Err(error) => {
            tracing::error!(%error, "a page could not be compressed to be kept");
            return as_rendered(parts, body);
        }
    };
    if nonce.is_some() {
        let policy = app::content_security_policy(&same_each_time.scripts, &same_each_time.styles);
        let Ok(policy) = HeaderValue::from_str(&policy) else {
            return as_rendered(parts, body);
        };
        parts
            .headers
            .insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    parts.headers.remove(header::CONTENT_LENGTH);
    let page = Page {
        status: parts.status,
        route: parts.extensions.get::<Route>().cloned(),
        headers: parts.headers,
        body: kept,
        rendered: Instant::now(),
        generation,
        shows_none_of_the_figures,
    };
    Rendered::Kept(page)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page() -> Page {
        Page {
            status: StatusCode::OK,
            route: None,
            headers: HeaderMap::new(),
            body: Kept::Whole(Bytes::new()),
            rendered: Instant::now(),
            generation: 7,
            shows_none_of_the_figures: false,
        }
    }

    #[test]
    fn a_page_is_stale_after_a_change_announced_before_the_request_or_its_time() {
        let kept = page();
        assert!(kept.is_fresh(7));
        assert!(!kept.is_fresh(8));
        // Rendered after the request came, by another request it waited for.
        assert!(kept.is_fresh(6));
        let old = Page {
            rendered: Instant::now() - KEEP_FOR,
            ..page()
        };
        assert!(!old.is_fresh(7));
    }

    /// The page memory's state on a database in memory, with a change feed of its own.
    async fn cached() -> Cached {
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
        Cached {
            app: state,
            memory: Default::default(),
        }
    }

    /// `router` with the page memory around it, every request made by a signed-in reader: the
    /// reviewer Ana, or the one its `x-reader` header names (`reader`).
    fn with_the_page_memory(router: axum::Router, cached: Cached) -> axum::Router {
        router
            .layer(axum::middleware::from_fn_with_state(cached, pages))
            .layer(axum::middleware::from_fn(
                |mut request: Request, next: Next| async move {
                    let named = request.headers().get("x-reader").cloned();
                    let name = named.as_ref().and_then(|name| name.to_str().ok());
                    request
                        .extensions_mut()
                        .insert(reader(name.unwrap_or("ana")));
                    next.run(request).await
                },
            ))
    }

    /// Ana and Luis, reviewers; Rosa and Pedro, focal points of Costa Rica; Juan, of Mexico; Sara,
    /// of Guatemala.
    fn reader(name: &str) -> Viewer {
        let focal_point = |user_id, name: &str, id, iso2: &str| Viewer {
            user_id,
            name: name.into(),
            email: format!("{}@example.org", name.to_lowercase()),
            role: app::domain::Role::FocalPoint,
            country: Some(ViewerCountry {
                id,
                iso2: iso2.into(),
            }),
            ..reviewer()
        };
        match name {
            "luis" => Viewer {
                user_id: 2,
                name: "Luis <L> & \"Co\"".into(),
                email: "luis@example.org".into(),
                ..reviewer()
            },
            "rosa" => focal_point(3, "Rosa", 5, "CR"),
            "pedro" => focal_point(4, "Pedro", 5, "CR"),
            "juan" => focal_point(5, "Juan", 7, "MX"),
            "sara" => focal_point(6, "Sara", 9, "GT"),
            _ => reviewer(),
        }
    }

    /// A router with the page memory around one page, `body` with the Content-Security-Policy
    /// allowing the nonce `N0nce`, for a signed-in reviewer; with the number of times the page was
    /// rendered.
    async fn router_around_a_page(
        body: String,
    ) -> (axum::Router, Arc<std::sync::atomic::AtomicUsize>) {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let renders = Arc::new(AtomicUsize::new(0));
        let counted = renders.clone();
        let router = axum::Router::new().route(
            "/page",
            axum::routing::get(move || {
                counted.fetch_add(1, Ordering::SeqCst);
                let allowed = ["'nonce-N0nce'".to_owned()];
                let policy = app::content_security_policy(&allowed, &allowed);
                let body = body.clone();
                async move {
                    (
                        [(header::CONTENT_SECURITY_POLICY, policy)],
                        axum::response::Html(body),
                    )
                }
            }),
        );
        (with_the_page_memory(router, cached().await), renders)
    }

    /// The page as the router answers it, asked for with `Accept-Encoding: encodings`: its status,
    /// its headers and its body as sent.
    async fn fetch(router: &axum::Router, encodings: &str) -> (StatusCode, HeaderMap, Bytes) {
        use tower::ServiceExt;
        let request = Request::get("/page")
            .header(header::ACCEPT_ENCODING, encodings)
            .body(Body::empty())
            .unwrap();
        let response = router.clone().oneshot(request).await.unwrap();
        let (parts, body) = response.into_parts();
        (
            parts.status,
            parts.headers,
            to_bytes(body, usize::MAX).await.unwrap(),
        )
    }

    #[tokio::test]
    async fn a_page_asked_for_again_at_once_is_served_from_memory_the_same_each_time() {
        let rendered = "<script nonce=\"N0nce\">a</script><p>page</p>";
        let (router, renders) = router_around_a_page(rendered.into()).await;
        let (status, first_headers, first) = fetch(&router, "gzip, br").await;
        let (_, headers, again) = fetch(&router, "br").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!((&first_headers, &first), (&headers, &again));
        assert_eq!(renders.load(std::sync::atomic::Ordering::SeqCst), 1);
        assert_eq!(headers[header::CONTENT_ENCODING], "br");
        assert_eq!(headers[header::VARY], "accept-encoding");
        let policy = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        let script_a = by_hashes::tests::SCRIPT_A;
        assert!(policy.contains(&format!("script-src 'self' 'wasm-unsafe-eval' {script_a};")));
        assert!(!policy.contains("nonce"), "{policy}");
        let page = crate::compression::brotli_decompressed(&again)
            .await
            .unwrap();
        assert_eq!(page, "<script>a</script><p>page</p>");
        // A client without brotli gets the same page whole.
        let (status, headers, whole) = fetch(&router, "identity").await;
        assert_eq!((status, whole), (StatusCode::OK, page));
        assert!(!headers.contains_key(header::CONTENT_ENCODING));
        assert_eq!(renders.load(std::sync::atomic::Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn a_request_waiting_for_a_rendering_takes_its_page_though_the_feed_moved_meanwhile() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let cached = cached().await;
        let changes = cached.app.changes.clone();
        let renders = Arc::new(AtomicUsize::new(0));
        let go_on = Arc::new(tokio::sync::Notify::new());
        let (counted, waited) = (renders.clone(), go_on.clone());
        let page = axum::routing::get(move || {
            let (counted, waited, changes) = (counted.clone(), waited.clone(), changes.clone());
            async move {
                if counted.fetch_add(1, Ordering::SeqCst) == 0 {
                    waited.notified().await;
                }
                // A save announced while the page renders.
                changes.publish(Change::Stored);
                axum::response::Html("<p>page</p>")
            }
        });
        let router = with_the_page_memory(axum::Router::new().route("/page", page), cached);
        let ask = || {
            let router = router.clone();
            tokio::spawn(async move { fetch(&router, "identity").await })
        };
        let first = ask();
        while renders.load(Ordering::SeqCst) == 0 {
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        // The second request comes while the first one's page renders, and waits for it.
        let second = ask();
        tokio::time::sleep(Duration::from_millis(100)).await;
        go_on.notify_one();
        let (first, second) = (first.await.unwrap(), second.await.unwrap());
        assert_eq!((first.0, second.0), (StatusCode::OK, StatusCode::OK));
        assert_eq!(second.2, Bytes::from("<p>page</p>"));
        assert_eq!(renders.load(Ordering::SeqCst), 1);
        // A request that comes after the change is not answered with the page from before it.
        let (_, _, third) = fetch(&router, "identity").await;
        assert_eq!(third, Bytes::from("<p>page</p>"));
        assert_eq!(renders.load(Ordering::SeqCst), 2);
    }

    /// A router whose page at any address shows its reader's name in the header as the site's
    /// does, and the number of its rendering; saying for whom it is the same but for the name if
    /// `same_for` (of its address's query) says; the router's memory. A rendering at an address
    /// under `/slow` takes a while, so that requests made at once wait for it; one asked for with
    /// the query `fail` fails; one at an address under `/plan` shows none of the plan's figures.
    async fn router_around_a_page_with_a_name(
        same_for: fn(Option<&str>) -> Option<SameFor>,
    ) -> (axum::Router, Cached) {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let cached = cached().await;
        let renders = Arc::new(AtomicUsize::new(0));
        let page = axum::routing::get(
            move |uri: axum::http::Uri, axum::Extension(viewer): axum::Extension<Viewer>| {
                let rendering = renders.fetch_add(1, Ordering::SeqCst) + 1;
                async move {
                    if uri.path().starts_with("/slow") {
                        tokio::time::sleep(Duration::from_millis(50)).await;
                    }
                    let mut response = axum::response::Html(format!(
                        "<header><a href=\"/account\" class=\"account-menu__name\">\
                     <span class=\"visually-hidden\">Your account: </span>{}</a></header>\
                     <p>rendering {rendering}</p>",
                        as_element_text(&viewer.name)
                    ))
                    .into_response();
                    if uri.query() == Some("fail") {
                        *response.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
                    }
                    if let Some(same_for) = same_for(uri.query()) {
                        response.headers_mut().insert(
                            app::layout::SAME_BUT_THE_NAME,
                            HeaderValue::from_static(same_for.header_value()),
                        );
                    }
                    if uri.path().starts_with("/plan") {
                        response.headers_mut().insert(
                            app::layout::SHOWS_NONE_OF_THE_FIGURES,
                            HeaderValue::from_static("yes"),
                        );
                    }
                    response
                }
            },
        );
        let router = with_the_page_memory(
            axum::Router::new().route("/{*address}", page),
            cached.clone(),
        );
        (router, cached)
    }

    /// Which rendering of the page `page` is (`router_around_a_page_with_a_name`).
    fn rendering(page: &str) -> &str {
        page.rsplit("<p>").next().unwrap()
    }

    /// The page at `address` as `reader` gets it, whole, after checking that the brotli the
    /// others get is the same page.
    async fn page_at(router: &axum::Router, address: &str, reader: &str) -> String {
        use tower::ServiceExt;
        let ask = |encodings: &'static str| {
            Request::get(address)
                .header("x-reader", reader)
                .header(header::ACCEPT_ENCODING, encodings)
                .body(Body::empty())
                .unwrap()
        };
        let response = router.clone().oneshot(ask("identity")).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        for memorys in [
            app::layout::SAME_BUT_THE_NAME,
            app::layout::SHOWS_NONE_OF_THE_FIGURES,
        ] {
            assert!(!response.headers().contains_key(memorys));
        }
        let whole = to_bytes(response.into_body(), usize::MAX).await.unwrap();
        let response = router.clone().oneshot(ask("br")).await.unwrap();
        assert!(!response
            .headers()
            .contains_key(app::layout::SAME_BUT_THE_NAME));
        let compressed = to_bytes(response.into_body(), usize::MAX).await.unwrap();
        let decompressed = crate::compression::brotli_decompressed(&compressed)
            .await
            .unwrap();
        assert_eq!(whole, decompressed);
        String::from_utf8(whole.to_vec()).unwrap()
    }

    #[tokio::test]
    async fn a_page_the_same_but_the_name_is_rendered_once_for_everyone_who_sees_its_navigation() {
        let (router, cached) =
            router_around_a_page_with_a_name(|_| Some(SameFor::TheNavigation)).await;
        let changes = &cached.app.changes;
        let header = |name: &str| {
            format!(
                "<header><a href=\"/account\" class=\"account-menu__name\">\
                 <span class=\"visually-hidden\">Your account: </span>{name}</a></header>"
            )
        };
        let ana = page_at(&router, "/page", "ana").await;
        assert_eq!(ana, format!("{}<p>rendering 1</p>", header("Ana")));
        // Another reviewer gets Ana's rendering with their own name, escaped.
        let luis = page_at(&router, "/page", "luis").await;
        let luis_header = header("Luis &lt;L&gt; &amp; \"Co\"");
        assert_eq!(luis, format!("{luis_header}<p>rendering 1</p>"));
        // A focal point sees another navigation: a rendering of their own.
        let rosa = page_at(&router, "/page", "rosa").await;
        assert_eq!(rosa, format!("{}<p>rendering 2</p>", header("Rosa")));
        assert_eq!(page_at(&router, "/page", "ana").await, ana);
        // After a change, rendered again, once for the reviewers.
        changes.publish(Change::Stored);
        let luis = page_at(&router, "/page", "luis").await;
        assert_eq!(luis, format!("{luis_header}<p>rendering 3</p>"));
        let ana = page_at(&router, "/page", "ana").await;
        assert_eq!(ana, format!("{}<p>rendering 3</p>", header("Ana")));
    }

    #[tokio::test]
    async fn a_page_that_shows_none_of_the_figures_is_kept_across_their_changes_alone() {
        let (router, cached) =
            router_around_a_page_with_a_name(|_| Some(SameFor::TheNavigation)).await;
        let changes = &cached.app.changes;
        let rendered = |address: &'static str, reader: &'static str| {
            let router = router.clone();
            async move { rendering(&page_at(&router, address, reader).await).to_owned() }
        };
        assert_eq!(rendered("/plan", "ana").await, "rendering 1</p>");
        assert_eq!(rendered("/overview", "ana").await, "rendering 2</p>");
        // A country's update and a validation: the figures changed, not the plan.
        changes.publish(app::live::PlanChange::update("CR", 1));
        changes.publish(app::live::PlanChange::indicators("MX"));
        assert_eq!(rendered("/plan", "luis").await, "rendering 1</p>");
        assert_eq!(rendered("/overview", "luis").await, "rendering 3</p>");
        // Anything else (a revision of the plan approved among them), and the page is rendered
        // again.
        let revision = Change::Plan(app::live::PlanChange {
            kind: "plan".to_owned(),
            country: String::new(),
            action: None,
        });
        let mut before = "rendering 1</p>".to_owned();
        for change in [
            revision,
            Change::Elsewhere,
            Change::Stored,
            Change::Anything,
        ] {
            changes.publish(change);
            let again = rendered("/plan", "ana").await;
            assert_eq!(rendered("/plan", "luis").await, again);
            assert_ne!(again, before);
            before = again;
        }
    }

    #[tokio::test]
    async fn requests_that_waited_for_a_page_to_be_shared_take_it_where_it_went() {
        let (router, _) = router_around_a_page_with_a_name(|_| Some(SameFor::TheNavigation)).await;
        // Three requests of one reader at once, the page kept nowhere yet: the first renders it
        // in the reader's own slot, and keeps it in the reviewers' slot, where the others find it.
        let ask = || {
            let router = router.clone();
            tokio::spawn(async move { page_at(&router, "/slow", "ana").await })
        };
        let asked = [ask(), ask(), ask()];
        for answer in asked {
            assert!(answer.await.unwrap().ends_with("<p>rendering 1</p>"));
        }
    }

    #[tokio::test]
    async fn the_first_readers_of_a_shared_page_let_go_of_wait_for_one_rendering() {
        let (router, cached) =
            router_around_a_page_with_a_name(|_| Some(SameFor::TheNavigation)).await;
        let page = page_at(&router, "/slow", "rosa").await;
        assert!(page.ends_with("<p>rendering 1</p>"));
        // The memory lets go of its pages (it was full): for whom the page said it is the same
        // is remembered, so three other focal points asking at once wait for one rendering.
        lock(&cached.memory.pages).clear();
        let ask = |reader: &'static str| {
            let router = router.clone();
            tokio::spawn(async move { page_at(&router, "/slow", reader).await })
        };
        let asked = [ask("pedro"), ask("juan"), ask("sara")];
        for answer in asked {
            assert!(answer.await.unwrap().ends_with("<p>rendering 2</p>"));
        }
    }

    #[tokio::test]
    async fn readers_who_waited_where_a_page_went_last_time_get_their_own_if_it_goes_elsewhere() {
        // Like the outlook: the same for a country's focal points, unless a country is chosen.
        let (router, cached) = router_around_a_page_with_a_name(|query| match query {
            Some(_) => Some(SameFor::TheNavigation),
            None => Some(SameFor::TheNavigationAndCountry),
        })
        .await;
        let chosen = page_at(&router, "/slow?country=mx", "rosa").await;
        assert_eq!(rendering(&chosen), "rendering 1</p>");
        // The memory full: the next readers of the path wait where its page went last time, but
        // this one is each country's own: each of them gets their country's.
        lock(&cached.memory.pages).clear();
        let ask = |reader: &'static str| {
            let router = router.clone();
            tokio::spawn(async move { page_at(&router, "/slow", reader).await })
        };
        let asked = [ask("rosa"), ask("juan"), ask("sara"), ask("pedro")];
        let mut renderings = Vec::new();
        for answer in asked {
            renderings.push(rendering(&answer.await.unwrap()).to_owned());
        }
        let (rosa, juan, sara, pedro) = (
            &renderings[0],
            &renderings[1],
            &renderings[2],
            &renderings[3],
        );
        assert!(
            rosa != juan && rosa != sara && juan != sara,
            "{renderings:?}"
        );
        assert_eq!(rosa, pedro);
    }

    #[tokio::test]
    async fn a_path_whose_page_failed_is_no_longer_looked_for_where_it_went_last_time() {
        use tower::ServiceExt;
        let (router, cached) =
            router_around_a_page_with_a_name(|_| Some(SameFor::TheNavigation)).await;
        let kept_for = || lock(&cached.memory.kept_for).get("/page").copied();
        page_at(&router, "/page", "rosa").await;
        assert_eq!(kept_for(), Some(SameFor::TheNavigation));
        // Rendered where the page at its path went, and not kept: the next readers of the path
        // render their own (at once, rather than one after another in that slot).
        let failed = Request::get("/page?fail")
            .header("x-reader", "juan")
            .body(Body::empty())
            .unwrap();
        let failed = router.clone().oneshot(failed).await.unwrap();
        assert_eq!(failed.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(kept_for(), None);
    }

    #[tokio::test]
    async fn a_page_that_does_not_say_it_is_the_same_but_the_name_is_each_accounts_own() {
        let (router, _) = router_around_a_page_with_a_name(|_| None).await;
        assert!(page_at(&router, "/page", "ana")
            .await
            .ends_with("<p>rendering 1</p>"));
        assert!(page_at(&router, "/page", "luis")
            .await
            .ends_with("<p>rendering 2</p>"));
        assert!(page_at(&router, "/page", "ana")
            .await
            .ends_with("<p>rendering 1</p>"));
    }

    #[tokio::test]
    async fn a_countrys_page_is_rendered_once_for_its_own_focal_points_and_once_for_the_others() {
        let (router, _) = router_around_a_page_with_a_name(|_| Some(SameFor::TheNavigation)).await;
        let at_costa_ricas = |reader| page_at(&router, "/countries/cr?as_of=2026-01-01", reader);
        // Costa Rica's focal points (who may edit it) share one rendering.
        assert_eq!(rendering(&at_costa_ricas("rosa").await), "rendering 1</p>");
        let pedro = at_costa_ricas("pedro").await;
        assert!(pedro.contains("</span>Pedro</a>"), "{pedro}");
        assert_eq!(rendering(&pedro), "rendering 1</p>");
        // The other countries' focal points another; the reviewers another.
        assert_eq!(rendering(&at_costa_ricas("juan").await), "rendering 2</p>");
        assert_eq!(rendering(&at_costa_ricas("sara").await), "rendering 2</p>");
        assert_eq!(rendering(&at_costa_ricas("ana").await), "rendering 3</p>");
        assert_eq!(rendering(&at_costa_ricas("luis").await), "rendering 3</p>");
        // Written otherwise than the site writes it, the address may name Costa Rica once
        // decoded: each focal point's country is kept apart.
        let written_otherwise = |reader| page_at(&router, "/countries/%63r", reader);
        assert_eq!(
            rendering(&written_otherwise("juan").await),
            "rendering 4</p>"
        );
        assert_eq!(
            rendering(&written_otherwise("rosa").await),
            "rendering 5</p>"
        );
        assert_eq!(
            rendering(&written_otherwise("sara").await),
            "rendering 6</p>"
        );
        // On a page about no country, every focal point shares one.
        assert_eq!(
            rendering(&page_at(&router, "/matrix", "juan").await),
            "rendering 7</p>"
        );
        assert_eq!(
            rendering(&page_at(&router, "/matrix", "rosa").await),
            "rendering 7</p>"
        );
    }

    #[tokio::test]
    async fn a_page_the_same_for_a_country_is_rendered_once_for_each_country() {
        let (router, _) =
            router_around_a_page_with_a_name(|_| Some(SameFor::TheNavigationAndCountry)).await;
        let outlook = |reader| page_at(&router, "/outlook", reader);
        assert_eq!(rendering(&outlook("rosa").await), "rendering 1</p>");
        assert_eq!(rendering(&outlook("pedro").await), "rendering 1</p>");
        assert_eq!(rendering(&outlook("juan").await), "rendering 2</p>");
        assert_eq!(rendering(&outlook("sara").await), "rendering 3</p>");
        assert_eq!(rendering(&outlook("ana").await), "rendering 4</p>");
        assert_eq!(rendering(&outlook("luis").await), "rendering 4</p>");
    }

    #[test]
    fn for_whom_a_page_was_kept_is_remembered_by_path_within_a_bound() {
        let memory = Memory::default();
        let remembered = |address: &str| lock(&memory.kept_for).get(address).copied();
        memory.remember_kept_for("/", Some(SameFor::TheNavigation));
        memory.remember_kept_for("/outlook", Some(SameFor::TheNavigationAndCountry));
        assert_eq!(remembered("/"), Some(SameFor::TheNavigation));
        assert_eq!(
            remembered("/outlook"),
            Some(SameFor::TheNavigationAndCountry)
        );
        // A page kept for its reader alone: the next is rendered in its reader's slot.
        memory.remember_kept_for("/", None);
        assert_eq!(remembered("/"), None);
        for n in 0..2 * MOST_PATHS {
            memory.remember_kept_for(&format!("/countries/{n}"), Some(SameFor::TheNavigation));
        }
        assert!(lock(&memory.kept_for).len() <= MOST_PATHS);
    }

    #[test]
    fn a_page_is_kept_around_the_name_only_where_its_header_shows_that_name_once() {
        let link = "<a class=\"account-menu__name\"><span>Your account: </span>";
        let page = format!("<header>{link}Ana &amp; Co</a></header><p>Ana &amp; Co</p>");
        assert_eq!(
            around_the_name(&page, "Ana & Co"),
            Some((
                &format!("<header>{link}")[..],
                "</a></header><p>Ana &amp; Co</p>"
            ))
        );
        assert_eq!(around_the_name(&page, "Luis"), None);
        assert_eq!(around_the_name("<p>Ana</p>", "Ana"), None);
        let twice = format!("{link}Ana</a>{link}Ana</a>");
        assert_eq!(around_the_name(&twice, "Ana"), None);
    }

    #[tokio::test]
    async fn a_page_whose_nonce_cannot_be_replaced_is_served_as_rendered_each_time() {
        let rendered = "<link nonce=\"N0nce\" rel=\"preload\"><script nonce=\"N0nce\">a</script>";
        let (router, renders) = router_around_a_page(rendered.into()).await;
        for _ in 0..2 {
            let (status, headers, body) = fetch(&router, "br").await;
            assert_eq!((status, body), (StatusCode::OK, Bytes::from(rendered)));
            let policy = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
            assert!(policy.contains("'nonce-N0nce'"), "{policy}");
        }
        assert_eq!(renders.load(std::sync::atomic::Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn a_page_too_large_to_keep_is_served_whole_and_rendered_each_time() {
        let (router, renders) = router_around_a_page("x".repeat(LARGEST_PAGE + 1)).await;
        for _ in 0..2 {
            let (status, _, body) = fetch(&router, "identity").await;
            assert_eq!((status, body.len()), (StatusCode::OK, LARGEST_PAGE + 1));
        }
        assert_eq!(renders.load(std::sync::atomic::Ordering::SeqCst), 2);
    }

    #[test]
    fn a_full_memory_lets_go_of_stale_pages_first_and_then_of_all() {
        let memory = Memory::default();
        let key = |n: usize| PageKey {
            path_and_query: format!("/?n={n}"),
            viewer: reviewer(),
            same_for: None,
            cookies_but_the_session: String::new(),
            accept_language: String::new(),
        };
        let keep = |n: usize, generation: u64| {
            let slot = memory.page_slot(key(n), 7);
            *slot.try_write().unwrap() = Some(Page {
                generation,
                ..page()
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
    fn a_pages_key_is_who_reads_it_not_which_of_their_sessions() {
        let key = |cookies: &[&str], viewer: Viewer| {
            let mut request = Request::get("/countries?lang=es");
            for cookie in cookies {
                request = request.header(header::COOKIE, *cookie);
            }
            PageKey::of(&request.body(Body::empty()).unwrap(), viewer)
        };
        // The cookies as the app names them.
        assert_eq!(
            (
                app::accounts::sessions::SESSION_COOKIE,
                app::i18n::LANG_COOKIE,
                app::api::pages::CREATED_COOKIE
            ),
            ("enlace_session", "lang", "enlace_new_token")
        );
        let one = key(&["enlace_session=one; lang=es"], reviewer());
        assert_eq!(one.cookies_but_the_session, "lang=es");
        assert_eq!(one.path_and_query, "/countries?lang=es");
        // Another session of the same account, wherever its cookie stands, and with two.
        for cookies in [
            &["lang=es", "enlace_session=two"][..],
            &["lang=es; enlace_session=two"],
            &["enlace_session=two ; lang=es"],
            &[" enlace_session=one;lang=es; enlace_session=two"],
        ] {
            assert!(one == key(cookies, reviewer()), "{cookies:?}");
        }
        // Another language, or a token to be shown once: another page.
        assert!(one != key(&["enlace_session=one; lang=en"], reviewer()));
        let token_shown = key(
            &["enlace_session=one; lang=es; enlace_new_token=enl_x"],
            reviewer(),
        );
        assert_eq!(
            token_shown.cookies_but_the_session,
            "lang=es; enlace_new_token=enl_x"
        );
        // Another account, or the same one renamed: another page.
        let colleague = Viewer {
            user_id: 2,
            ..reviewer()
        };
        assert!(one != key(&["enlace_session=one; lang=es"], colleague));
        let renamed = Viewer {
            name: "Ana María".into(),
            ..reviewer()
        };
        assert!(one != key(&["enlace_session=one; lang=es"], renamed));
    }

    #[test]
    fn a_session_is_remembered_across_the_plans_figures_changing_only() {
        let memory = Memory::default();
        let feed = ChangeFeed::default();
        let remember = || {
            let generation = feed.generation();
            let session = SessionId("s".into());
            memory.remember_session("s".into(), reviewer(), session, generation, Instant::now());
        };
        remember();
        assert_eq!(memory.session("s", &feed).unwrap().viewer.name, "Ana");
        assert!(memory.session("t", &feed).is_none());
        feed.publish(app::live::PlanChange::update("CR", 1));
        feed.publish(app::live::PlanChange::indicators("MX"));
        assert!(memory.session("s", &feed).is_some());
        for change in [Change::Elsewhere, Change::Stored, Change::Anything] {
            remember();
            feed.publish(app::live::PlanChange::update("CR", 1));
            feed.publish(change.clone());
            assert!(memory.session("s", &feed).is_none(), "{change:?}");
        }
        // Changes no longer all remembered: looked up again.
        remember();
        for _ in 0..5_000 {
            feed.publish(app::live::PlanChange::update("CR", 1));
        }
        assert!(memory.session("s", &feed).is_none());
    }
}
