//! A per-thread count of the work a stage does, for the tests that check work grows
//! linearly with the input (counted steps, not wall time). Compiled to nothing outside tests.

#[cfg(test)]
thread_local! {
    static STEPS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Counts one step (a comparison, a token tested): in tests only.
#[inline]
pub(crate) fn count() {
    #[cfg(test)]
    STEPS.with(|s| s.set(s.get() + 1));
}

/// Steps counted on this thread so far; a test reads it before and after the work.
#[cfg(test)]
pub(crate) fn total() -> u64 {
    STEPS.with(std::cell::Cell::get)
}
