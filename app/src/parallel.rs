//! Work split across the cores: a page's figures are computed country by country, and each
//! country's part is its own. On the server (`ssr`) rayon spreads the parts over its threads, so
//! that one user's page takes the time of a core's share; in the browser, which has one thread,
//! they run one after another. Either way the results come in the countries' order.
//!
//! On the server those threads run at a lower priority than the requests' (`LOWER_BY`), and a
//! page's figures and charts are computed on them whole (`on_shared_threads`): they take tens of
//! milliseconds of every core, while a save is a dozen database round trips of a millisecond each;
//! at the same priority each round trip waited for a core behind the figures (a save's p99 under 32
//! readers, docs/performance.md). The annual report's typesetting (typst) shares them.

/// How much lower the shared threads' priority is than the server's, in Linux's niceness (-20
/// to 19; higher yields the cores more readily): enough that a request's short work is not queued
/// behind the figures, not so much that they wait for the system's own work.
#[cfg(all(feature = "ssr", target_os = "linux"))]
const LOWER_BY: libc::c_int = 10;

/// Starts the shared threads at their lower priority: once, before the server computes anything
/// (without it they start at the priority of the thread that first uses them, as in the tests).
#[cfg(feature = "ssr")]
pub fn start_threads() -> Result<(), String> {
    threads("parallel")
        .build_global()
        .map_err(|error| format!("cannot start the threads that compute figures: {error}"))
}

/// Threads (one per core) named `{name}-{index}` for the system's tools, started at the lower
/// priority.
#[cfg(feature = "ssr")]
fn threads(name: &'static str) -> rayon::ThreadPoolBuilder {
    rayon::ThreadPoolBuilder::new()
        .thread_name(move |index| format!("{name}-{index}"))
        .start_handler(|_| lower_this_threads_priority())
}

/// Raises the calling thread's niceness by `LOWER_BY` (where the system has niceness per thread).
#[cfg(feature = "ssr")]
fn lower_this_threads_priority() {
    #[cfg(target_os = "linux")]
    if let Some(niceness) = this_threads_niceness() {
        // SAFETY: on Linux, where each thread has a niceness of its own, `setpriority` for the
        // process 0 sets the calling thread's; a refusal leaves it unchanged, which is harmless.
        unsafe {
            libc::setpriority(libc::PRIO_PROCESS, 0, (niceness + LOWER_BY).min(19));
        }
    }
}

/// The calling thread's niceness, `None` when it cannot be read.
#[cfg(all(feature = "ssr", target_os = "linux"))]
fn this_threads_niceness() -> Option<libc::c_int> {
    // SAFETY: `getpriority` reads the calling thread's niceness; -1 is also a valid niceness, so
    // errno, cleared before, tells a failure apart.
    unsafe {
        *libc::__errno_location() = 0;
        let niceness = libc::getpriority(libc::PRIO_PROCESS, 0);
        (*libc::__errno_location() == 0).then_some(niceness)
    }
}

/// `f` of each index below `count`, in order.
pub fn map<R: Send>(count: usize, f: impl Fn(usize) -> R + Sync + Send) -> Vec<R> {
    #[cfg(feature = "ssr")]
    {
        use rayon::prelude::*;
        (0..count).into_par_iter().map(f).collect()
    }
    #[cfg(not(feature = "ssr"))]
    {
        (0..count).map(f).collect()
    }
}

/// `f` of each of `items` with its index, in order.
pub fn map_owned<T: Send, R: Send>(
    items: Vec<T>,
    f: impl Fn(usize, T) -> R + Sync + Send,
) -> Vec<R> {
    #[cfg(feature = "ssr")]
    {
        use rayon::prelude::*;
        items
            .into_par_iter()
            .enumerate()
            .map(|(index, item)| f(index, item))
            .collect()
    }
    #[cfg(not(feature = "ssr"))]
    {
        (items.into_iter().enumerate())
            .map(|(index, item)| f(index, item))
            .collect()
    }
}

/// `fill` called on each row of `width` cells of `cells` with the row's index (a last row shorter
/// than `width` included).
pub fn fill_rows<T: Send>(
    cells: &mut [T],
    width: usize,
    fill: impl Fn(usize, &mut [T]) + Sync + Send,
) {
    if width == 0 {
        return;
    }
    #[cfg(feature = "ssr")]
    {
        use rayon::prelude::*;
        cells
            .par_chunks_mut(width)
            .enumerate()
            .for_each(|(index, row)| fill(index, row));
    }
    #[cfg(not(feature = "ssr"))]
    {
        for (index, row) in cells.chunks_mut(width).enumerate() {
            fill(index, row);
        }
    }
}

/// `work`, its `map` and `fill_rows` on threads of its own (one per core) rather than the shared
/// ones: for a long computation, which the shared threads would finish before taking up any page's
/// (they take new work only when they have none); the system shares the cores among both.
pub fn on_own_threads<R: Send>(work: impl FnOnce() -> R + Send) -> R {
    #[cfg(feature = "ssr")]
    match threads("parallel-long").build() {
        Ok(threads) => threads.install(work),
        // Without threads of its own, on the shared ones.
        Err(_) => work(),
    }
    #[cfg(not(feature = "ssr"))]
    work()
}

/// `work` done on the shared threads, at their lower priority, the calling thread waiting for it:
/// a page's figures and charts, so that the requests' own short work (a save's round trips to the
/// database) is not queued behind them. A panic in `work` reaches the caller. A shared thread
/// waiting for its part of one page's figures may take up another page's whole meanwhile, so one
/// page can wait for two; the semaphore of `dashboards::snapshot::compute` keeps them few.
#[cfg(feature = "ssr")]
pub fn on_shared_threads<R: Send>(work: impl FnOnce() -> R + Send) -> R {
    // From a thread outside the pool, a scope runs its closure on one of the pool's threads.
    rayon::scope(|_| work())
}

#[cfg(test)]
mod tests {
    use super::*;

    // The threads `start_threads` starts, as a pool of the test's own: the shared one may have
    // started already, by another test of the process.
    #[cfg(all(feature = "ssr", target_os = "linux"))]
    #[test]
    fn the_shared_threads_compute_at_a_lower_priority_than_the_requests() {
        let server = this_threads_niceness().unwrap();
        let shared = threads("parallel").num_threads(2).build().unwrap();
        let (one, other) =
            shared.install(|| rayon::join(this_threads_niceness, this_threads_niceness));
        let lower = Some((server + LOWER_BY).min(19));
        assert_eq!((one, other), (lower, lower));
        assert_eq!(
            this_threads_niceness(),
            Some(server),
            "the caller keeps its own"
        );
        let long = threads("parallel-long").build().unwrap();
        assert_eq!(long.install(this_threads_niceness), lower);
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn work_on_the_shared_threads_runs_there_and_its_panic_reaches_the_caller() {
        assert_eq!(rayon::current_thread_index(), None);
        assert!(on_shared_threads(rayon::current_thread_index).is_some());
        let panicked = std::panic::catch_unwind(|| on_shared_threads(|| panic!("figures failed")));
        assert!(panicked.is_err());
    }

    #[test]
    fn results_come_in_order() {
        assert_eq!(
            map(1000, |i| i * 2),
            (0..1000).map(|i| i * 2).collect::<Vec<_>>()
        );
        assert!(map(0, |i| i).is_empty());
    }

    #[test]
    fn every_row_is_filled_with_its_index() {
        let mut cells = vec![0; 10];
        fill_rows(&mut cells, 3, |index, row| row.fill(index + 1));
        assert_eq!(cells, [1, 1, 1, 2, 2, 2, 3, 3, 3, 4]);
        fill_rows(&mut cells, 0, |_, _| unreachable!("no row"));
    }

    #[test]
    fn work_on_its_own_threads_gives_its_result() {
        assert_eq!(
            on_own_threads(|| map(10, |i| i + 1)),
            (1..=10).collect::<Vec<_>>()
        );
    }
}
