//! Work split across the cores: a page's figures are computed country by country, and each
//! country's part is its own. On the server (`ssr`) rayon spreads the parts over its pool, so that
//! one user's page takes the time of a core's share; in the browser, which has one thread, they
//! run one after another. Either way the results come in the countries' order.

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
    match rayon::ThreadPoolBuilder::new().build() {
        Ok(threads) => threads.install(work),
        // Without threads of its own, on the shared ones.
        Err(_) => work(),
    }
    #[cfg(not(feature = "ssr"))]
    work()
}

#[cfg(test)]
mod tests {
    use super::*;

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
