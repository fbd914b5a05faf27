//! The server's allocator, mimalloc (set in `main`): when to ask it to give memory back.

/// Gives back to the system what this thread freed, and what the allocator's shared arenas keep
/// freed for later: after a large piece of work (an annual report takes a gigabyte at the scale of
/// docs/performance.md), which would otherwise stay with the process until the allocator next
/// looks at it.
pub fn give_back_freed_memory() {
    // SAFETY: `mi_collect` only walks mimalloc's own structures, from any thread at any time, and
    // does nothing harmful where mimalloc is not the global allocator (the tests).
    unsafe { libmimalloc_sys::mi_collect(true) }
}
