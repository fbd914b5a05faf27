//! The server's allocator, mimalloc (set in `main`): SQLite's memory through it too, and when to
//! ask it to give memory back.

use std::ffi::{c_int, c_long, c_void};

use libsqlite3_sys as sqlite;

/// Gives back to the system what this thread freed, and what the allocator's shared arenas keep
/// freed for later: after a large piece of work (an annual report takes a gigabyte at the scale of
/// docs/performance.md), which would otherwise stay with the process until the allocator next
/// looks at it.
pub fn give_back_freed_memory() {
    // SAFETY: `mi_collect` only walks mimalloc's own structures, from any thread at any time, and
    // does nothing harmful where mimalloc is not the global allocator (the tests).
    unsafe { libmimalloc_sys::mi_collect(true) }
}

/// mimalloc's option for how long freed memory waits before it is given back to the system, in
/// milliseconds (`mi_option_purge_delay` in its `mimalloc.h`, which the bindings do not name: the
/// option after it, they do).
const PURGE_DELAY_OPTION: libmimalloc_sys::mi_option_t = 15;
const _: () = assert!(PURGE_DELAY_OPTION + 1 == libmimalloc_sys::mi_option_use_numa_nodes);

/// How long freed memory waits to be given back: with mimalloc's own delay (a second) the server
/// kept 15–70 MB more of it after page loads and saves, on the demonstration data and at scale,
/// for 2–4 % more pages a second (docs/performance.md, "Tenth pass").
const GIVE_BACK_AFTER_MILLISECONDS: c_long = 100;

/// Has mimalloc give freed memory back after `GIVE_BACK_AFTER_MILLISECONDS`, unless its own
/// setting in the environment (`MIMALLOC_PURGE_DELAY`) says otherwise.
pub fn give_back_freed_memory_sooner() {
    // SAFETY: an option's value is a plain integer, which mimalloc reads (from any thread) each
    // time it purges; a default is kept only where the environment set no value.
    unsafe {
        libmimalloc_sys::mi_option_set_default(PURGE_DELAY_OPTION, GIVE_BACK_AFTER_MILLISECONDS)
    }
}

/// Keeps the kernel's transparent huge pages out of this process. mimalloc asks for them on its
/// regions, and gives freed memory back in smaller ranges than 2 MB: each range given back breaks
/// a huge page, and the next allocation there has the kernel clear a whole fresh 2 MB page. An
/// annual report, which allocates and frees a gigabyte, spent three quarters of its time so (the
/// PDF at the scale of docs/performance.md took 10.8 s instead of 2.4 s), and pages rendered anew
/// waited for it at their slowest.
pub fn without_transparent_huge_pages() -> Result<(), String> {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: PR_SET_THP_DISABLE takes plain integers and sets one flag of this process's
        // memory, read at each later page fault (and inherited by the processes it starts).
        let code = unsafe { libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0) };
        if code != 0 {
            return Err(std::io::Error::last_os_error().to_string());
        }
    }
    Ok(())
}

/// Has SQLite allocate through mimalloc rather than the C library's `malloc`. A reading of the
/// plan at the scale of docs/performance.md has SQLite allocate and free 300 MB on each of its
/// connections' threads; glibc kept all of it, in an arena per thread (900 MB of a 1.3 GB server),
/// where mimalloc gives it back as it does the rest of the server's memory.
///
/// SQLite takes its allocator once, when it starts, and refuses another after (an error).
///
/// # Safety
///
/// No other thread may use SQLite during the call (`sqlite3_config` is not thread-safe): call it
/// before any database is opened.
pub unsafe fn sqlite_allocates_through_mimalloc() -> Result<(), String> {
    let methods = sqlite::sqlite3_mem_methods {
        xMalloc: Some(allocate),
        xFree: Some(free),
        xRealloc: Some(reallocate),
        xSize: Some(size),
        xRoundup: Some(round_up),
        xInit: Some(start),
        xShutdown: Some(stop),
        pAppData: std::ptr::null_mut(),
    };
    // SAFETY: no other thread uses SQLite meanwhile (the caller's promise); SQLite copies the
    // methods (functions that live as long as the process), and refuses the call (SQLITE_MISUSE)
    // once it has started rather than switching allocators under live memory.
    let code = unsafe {
        sqlite::sqlite3_config(
            sqlite::SQLITE_CONFIG_MALLOC,
            &methods as *const sqlite::sqlite3_mem_methods,
        )
    };
    match code {
        sqlite::SQLITE_OK => Ok(()),
        sqlite::SQLITE_MISUSE => {
            Err("SQLite had already started when given mimalloc as its allocator".to_owned())
        }
        code => Err(format!(
            "SQLite refused mimalloc as its allocator (code {code})"
        )),
    }
}

// SQLite asks for sizes as positive `c_int`s and frees only what these methods allocated.

/// The alignment SQLite needs of every block it is given.
const SQLITE_ALIGNMENT: usize = 8;

unsafe extern "C" fn allocate(bytes: c_int) -> *mut c_void {
    // SAFETY: any size is valid for mi_malloc_aligned, and 8 is a power of two.
    unsafe { libmimalloc_sys::mi_malloc_aligned(bytes.max(0) as usize, SQLITE_ALIGNMENT) }
}

unsafe extern "C" fn free(memory: *mut c_void) {
    // SAFETY: SQLite frees only what `allocate` or `reallocate` returned, once.
    unsafe { libmimalloc_sys::mi_free(memory) }
}

unsafe extern "C" fn reallocate(memory: *mut c_void, bytes: c_int) -> *mut c_void {
    // SAFETY: `memory` came from `allocate` or `reallocate`, aligned alike, and is not used again
    // by SQLite.
    unsafe { libmimalloc_sys::mi_realloc_aligned(memory, bytes.max(0) as usize, SQLITE_ALIGNMENT) }
}

unsafe extern "C" fn size(memory: *mut c_void) -> c_int {
    // SAFETY: `memory` came from `allocate` or `reallocate` and is live.
    let bytes = unsafe { libmimalloc_sys::mi_usable_size(memory) };
    c_int::try_from(bytes).unwrap_or(c_int::MAX)
}

unsafe extern "C" fn round_up(bytes: c_int) -> c_int {
    // SAFETY: a pure function of the size.
    let rounded = unsafe { libmimalloc_sys::mi_good_size(bytes.max(0) as usize) };
    c_int::try_from(rounded).unwrap_or(bytes)
}

unsafe extern "C" fn start(_: *mut c_void) -> c_int {
    sqlite::SQLITE_OK
}

unsafe extern "C" fn stop(_: *mut c_void) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(target_os = "linux")]
    #[test]
    fn the_process_is_given_no_transparent_huge_pages_once_told() {
        // SAFETY: PR_GET_THP_DISABLE reads the flag and changes nothing.
        let disabled = || unsafe { libc::prctl(libc::PR_GET_THP_DISABLE, 0, 0, 0, 0) };
        // The flag is inherited: the process that started the test may have set it already.
        // SAFETY: as in `without_transparent_huge_pages`.
        assert_eq!(
            unsafe { libc::prctl(libc::PR_SET_THP_DISABLE, 0, 0, 0, 0) },
            0
        );
        assert_eq!(disabled(), 0);
        without_transparent_huge_pages().unwrap();
        assert_eq!(disabled(), 1);
    }

    #[test]
    fn freed_memory_is_given_back_after_a_tenth_of_a_second_unless_the_environment_says_otherwise()
    {
        // SAFETY: reading an option's value.
        let delay = || unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY_OPTION) };
        let told = ["MIMALLOC_PURGE_DELAY", "MIMALLOC_RESET_DELAY"]
            .iter()
            .any(|name| std::env::var_os(name).is_some());
        let before = delay();
        give_back_freed_memory_sooner();
        if told {
            assert_eq!(delay(), before);
        } else {
            // The option is mimalloc's purge delay: a second unless set.
            assert_eq!(before, 1000);
            assert_eq!(delay(), GIVE_BACK_AFTER_MILLISECONDS);
        }
    }

    /// Set in the process of its own where the test runs.
    const ALONE: &str = "ENLACE_ALLOCATOR_TEST_ALONE";

    #[test]
    fn sqlite_takes_its_memory_from_mimalloc_once_told_to() {
        // SQLite's allocator is the process's: the test runs again in a process of its own, where
        // no other test has started SQLite (`cargo test` runs them all in one).
        if std::env::var_os(ALONE).is_none() {
            let name = "allocator::tests::sqlite_takes_its_memory_from_mimalloc_once_told_to";
            let alone = std::process::Command::new(std::env::current_exe().unwrap())
                .args(["--exact", name, "--test-threads=1"])
                .env(ALONE, "1")
                .output()
                .unwrap();
            let said = String::from_utf8_lossy(&alone.stdout);
            assert!(
                alone.status.success() && said.contains("1 passed"),
                "the test, in a process of its own: {said}"
            );
            return;
        }
        // SAFETY: the only thread of this process using SQLite.
        unsafe { sqlite_allocates_through_mimalloc() }.unwrap();
        // SAFETY: a block allocated and freed by SQLite's own functions.
        unsafe {
            let block = sqlite::sqlite3_malloc(4096);
            assert!(!block.is_null());
            assert!(libmimalloc_sys::mi_is_in_heap_region(block));
            assert!(sqlite::sqlite3_msize(block) >= 4096);
            sqlite::sqlite3_free(block);
        }
        // SAFETY: as above.
        let again = unsafe { sqlite_allocates_through_mimalloc() }.unwrap_err();
        assert!(again.contains("already started"), "{again}");
    }
}
