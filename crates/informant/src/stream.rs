//! Streaming work on all cores, in input order, with bounded memory.
//!
//! [`Pipeline::extract_batch`](crate::Pipeline::extract_batch) needs every text
//! in memory at once. A stream of unknown length (a JSON Lines file, a Python
//! generator, a message queue) needs the opposite: texts go in one at a time,
//! workers extract them on their own thread pool, and results come out in the
//! order the texts went in, while the caller holds only what is in flight.
//!
//! [`Pipeline::extract_iter`](crate::Pipeline::extract_iter) is the plain
//! iterator for Rust callers. [`Ordered`] is the engine underneath, for callers
//! that must interleave reading, waiting and other duties (the Python binding
//! checks for Ctrl-C while it waits; the CLI serialises JSON on the workers).
//!
//! Available with the `parallel` feature (on by default).

use std::collections::{HashMap, VecDeque};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use crate::{Date, Document, Error, Pipeline, Result};

/// What a worker made of one item: the work's result, or the payload of a
/// panic caught in the work (so one bad item never takes the caller down).
pub type Outcome<R> = std::thread::Result<R>;

/// The answer of [`Ordered::recv_timeout`].
#[derive(Debug)]
#[non_exhaustive]
pub enum Next<R> {
    /// The next result in input order.
    Ready(Outcome<R>),
    /// The next result is not done yet: the wait timed out.
    Pending,
    /// Nothing is in flight: every item pushed has been taken.
    Empty,
}

/// Items waiting for a worker and results waiting for the caller.
struct State<T, R> {
    /// Items not yet started, with their sequence numbers, in input order.
    todo: VecDeque<(u64, T)>,
    /// Finished results not yet taken, by sequence number.
    done: HashMap<u64, Outcome<R>>,
    /// Workers running.
    workers: usize,
    /// The stream was cancelled: workers stop after their current item.
    cancelled: bool,
    /// The result the caller is waiting for, while it waits.
    wanted: Option<u64>,
}

/// Results a caller waiting for the next one lets pile up before it is woken,
/// while items are still queued: one wake-up (a system call on the worker's
/// thread) per this many results rather than per result.
const WAKE_BATCH: usize = 16;

struct Shared<T, R> {
    state: Mutex<State<T, R>>,
    /// Signalled whenever a result is done or a worker stops.
    changed: Condvar,
}

impl<T, R> Shared<T, R> {
    fn lock(&self) -> MutexGuard<'_, State<T, R>> {
        // Nothing panics while holding the lock (work runs outside it), so a
        // poisoned lock still holds consistent data.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

type Work<T, R> = Arc<dyn Fn(T) -> R + Send + Sync>;

/// An ordered parallel map over a stream: [`push`](Ordered::push) items,
/// take results with [`recv`](Ordered::recv) in the order the items were
/// pushed. Workers run on the stream's own thread pool (so a stream never
/// waits on a pool its caller is blocking), take items one at a time (no
/// barrier between batches: a slow item holds up no other worker), and catch
/// panics in the work as [`Outcome`] errors.
///
/// The caller bounds memory by how far it lets pushes run ahead of takes
/// ([`in_flight`](Ordered::in_flight)). Dropping the stream cancels it.
///
/// # Example
/// ```
/// use informant::stream::Ordered;
///
/// let mut squares = Ordered::new(Some(2), |n: u64| n * n)?;
/// for n in 0..10 {
///     squares.push(n);
/// }
/// let mut out = Vec::new();
/// while let Some(r) = squares.recv() {
///     out.push(r.expect("no panic"));
/// }
/// assert_eq!(out, [0, 1, 4, 9, 16, 25, 36, 49, 64, 81]);
/// # Ok::<(), informant::Error>(())
/// ```
pub struct Ordered<T, R> {
    work: Work<T, R>,
    pool: Arc<rayon::ThreadPool>,
    threads: usize,
    shared: Arc<Shared<T, R>>,
    next_in: u64,
    next_out: u64,
}

impl<T, R> std::fmt::Debug for Ordered<T, R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ordered")
            .field("threads", &self.threads)
            .field("in_flight", &self.in_flight())
            .finish_non_exhaustive()
    }
}

impl<T: Send + 'static, R: Send + 'static> Ordered<T, R> {
    /// A stream running `work` on `threads` worker threads (`None`: one per
    /// core, as `std::thread::available_parallelism` reports).
    ///
    /// # Errors
    /// [`Error::Threads`] if `threads` is zero or the threads cannot be started.
    pub fn new(
        threads: Option<usize>,
        work: impl Fn(T) -> R + Send + Sync + 'static,
    ) -> Result<Self> {
        let threads = match threads {
            Some(0) => {
                return Err(Error::Threads {
                    threads: 0,
                    message: "at least one thread is needed".into(),
                });
            }
            Some(n) => n,
            None => std::thread::available_parallelism().map_or(1, |n| n.get()),
        };
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .thread_name(|i| format!("informant-{i}"))
            .build()
            .map_err(|e| Error::Threads {
                threads,
                message: e.to_string(),
            })?;
        Ok(Ordered {
            work: Arc::new(work),
            pool: Arc::new(pool),
            threads,
            shared: Arc::new(Shared {
                state: Mutex::new(State {
                    todo: VecDeque::new(),
                    done: HashMap::new(),
                    workers: 0,
                    cancelled: false,
                    wanted: None,
                }),
                changed: Condvar::new(),
            }),
            next_in: 0,
            next_out: 0,
        })
    }

    /// Queues one item; a worker starts on it as soon as one is free.
    /// After [`cancel`](Ordered::cancel), items are dropped.
    pub fn push(&mut self, item: T) {
        self.extend(std::iter::once(item));
    }

    /// Queues many items, like [`push`](Ordered::push) on each, under one lock.
    pub fn extend(&mut self, items: impl IntoIterator<Item = T>) {
        let start = {
            let mut st = self.shared.lock();
            if st.cancelled {
                return;
            }
            for item in items {
                st.todo.push_back((self.next_in, item));
                self.next_in += 1;
            }
            let start = self.threads.min(st.todo.len()).saturating_sub(st.workers);
            st.workers += start;
            start
        };
        for _ in 0..start {
            let (work, shared) = (Arc::clone(&self.work), Arc::clone(&self.shared));
            self.pool.spawn(move || run_worker(&*work, &shared));
        }
    }

    /// Waits for the next result in input order; `None` when nothing is in flight.
    pub fn recv(&mut self) -> Option<Outcome<R>> {
        loop {
            match self.recv_timeout(Duration::from_secs(3600)) {
                Next::Ready(r) => return Some(r),
                Next::Empty => return None,
                Next::Pending => {}
            }
        }
    }

    /// Waits at most `timeout` for the next result in input order.
    pub fn recv_timeout(&mut self, timeout: Duration) -> Next<R> {
        if self.next_out == self.next_in {
            return Next::Empty;
        }
        let seq = self.next_out;
        let deadline = Instant::now().checked_add(timeout);
        let mut st = self.shared.lock();
        loop {
            if let Some(outcome) = st.done.remove(&seq) {
                st.wanted = None;
                self.next_out += 1;
                return Next::Ready(outcome);
            }
            if st.cancelled {
                st.wanted = None;
                return Next::Empty;
            }
            let left = match deadline {
                Some(d) => d.saturating_duration_since(Instant::now()),
                None => timeout,
            };
            if left.is_zero() {
                st.wanted = None;
                return Next::Pending;
            }
            st.wanted = Some(seq);
            st = self
                .shared
                .changed
                .wait_timeout(st, left)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
    }
}

impl<T, R> Ordered<T, R> {
    /// The number of worker threads.
    pub fn threads(&self) -> usize {
        self.threads
    }

    /// Items pushed whose results have not been taken yet.
    pub fn in_flight(&self) -> usize {
        // Both counters are u64 sequence numbers; what is in flight fits in memory.
        usize::try_from(self.next_in - self.next_out).unwrap_or(usize::MAX)
    }

    /// Ends the stream: queued items and finished results are dropped, workers
    /// stop after their current item, and later pushes are ignored.
    pub fn cancel(&mut self) {
        let mut st = self.shared.lock();
        st.cancelled = true;
        st.todo.clear();
        st.done.clear();
        self.next_out = self.next_in;
    }
}

impl<T, R> Drop for Ordered<T, R> {
    fn drop(&mut self) {
        self.cancel();
    }
}

/// A worker: takes items in input order until none is left or the stream is cancelled.
fn run_worker<T, R>(work: &(dyn Fn(T) -> R + Send + Sync), shared: &Shared<T, R>) {
    loop {
        let (seq, item) = {
            let mut st = shared.lock();
            match st.todo.pop_front() {
                Some(job) if !st.cancelled => job,
                _ => {
                    st.workers -= 1;
                    drop(st);
                    shared.changed.notify_all();
                    return;
                }
            }
        };
        let outcome = catch_unwind(AssertUnwindSafe(|| work(item)));
        let mut st = shared.lock();
        if !st.cancelled {
            st.done.insert(seq, outcome);
        }
        // Wake the caller once the result it waits for is done and either a batch
        // of results is ready or nothing is left to start (so no wait outlasts the
        // work in flight); a worker that stops always wakes it, above.
        let wake = st.cancelled
            || st.wanted.is_some_and(|w| {
                st.done.contains_key(&w) && (st.done.len() >= WAKE_BATCH || st.todo.is_empty())
            });
        drop(st);
        if wake {
            shared.changed.notify_all();
        }
    }
}

/// The iterator [`Pipeline::extract_iter`] returns: documents in input order,
/// extracted on all cores, with at most a few texts per thread in flight.
///
/// A panic inside extraction (a bug in informant) is re-raised on the thread
/// that calls `next`, as `rayon` does.
pub struct ExtractIter<I> {
    source: I,
    stream: Ordered<(String, Option<Date>), Result<Document>>,
    window: usize,
}

impl<I> std::fmt::Debug for ExtractIter<I> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ExtractIter")
            .field("stream", &self.stream)
            .field("window", &self.window)
            .finish_non_exhaustive()
    }
}

impl<I: Iterator<Item = (String, Option<Date>)>> Iterator for ExtractIter<I> {
    type Item = Result<Document>;

    fn next(&mut self) -> Option<Result<Document>> {
        while self.stream.in_flight() < self.window {
            match self.source.next() {
                Some(item) => self.stream.push(item),
                None => break,
            }
        }
        match self.stream.recv()? {
            Ok(doc) => Some(doc),
            Err(payload) => std::panic::resume_unwind(payload),
        }
    }
}

/// Texts in flight per worker thread in [`Pipeline::extract_iter`]: enough that
/// no worker waits for the caller, few enough that memory stays small.
const PER_THREAD: usize = 4;

impl Pipeline {
    /// Extracts a stream of texts on all cores, yielding documents in input
    /// order as they are done. Unlike [`Pipeline::extract_batch`], the input
    /// may be endless: only a few texts per core are held at a time.
    ///
    /// # Example
    /// ```
    /// let p = informant::Pipeline::new();
    /// let texts = (0..100).map(|i| format!("Report {i}: Assad fled to Moscow."));
    /// let mut n = 0;
    /// for doc in p.extract_iter(texts, None)? {
    ///     assert!(doc?.mentions().len() >= 2);
    ///     n += 1;
    /// }
    /// assert_eq!(n, 100);
    /// # Ok::<(), informant::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::Threads`] if `threads` is `Some(0)` or the threads cannot be
    /// started (`None`: one per core). Each document is a `Result` as from
    /// [`Pipeline::extract_owned`].
    pub fn extract_iter<I>(
        &self,
        texts: I,
        threads: Option<usize>,
    ) -> Result<ExtractIter<impl Iterator<Item = (String, Option<Date>)>>>
    where
        I: IntoIterator<Item = String>,
    {
        self.extract_iter_dated(texts.into_iter().map(|t| (t, None)), threads)
    }

    /// [`Pipeline::extract_iter`] over texts each with its date, as
    /// [`Pipeline::extract_dated`] takes them.
    ///
    /// # Errors
    /// As [`Pipeline::extract_iter`].
    pub fn extract_iter_dated<I>(
        &self,
        items: I,
        threads: Option<usize>,
    ) -> Result<ExtractIter<I::IntoIter>>
    where
        I: IntoIterator<Item = (String, Option<Date>)>,
    {
        let pipeline = self.clone();
        let stream = Ordered::new(threads, move |(text, date)| {
            pipeline.extract_dated(text, date)
        })?;
        let window = stream.threads().saturating_mul(PER_THREAD);
        Ok(ExtractIter {
            source: items.into_iter(),
            stream,
            window,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_input_order_whatever_finishes_first() {
        // Early items sleep longest, so they finish last.
        let mut s = Ordered::new(Some(4), |n: u64| {
            std::thread::sleep(Duration::from_millis(20u64.saturating_sub(n * 2)));
            n
        })
        .unwrap();
        s.extend(0..10);
        let got: Vec<u64> = std::iter::from_fn(|| s.recv())
            .map(|r| r.unwrap())
            .collect();
        assert_eq!(got, (0..10).collect::<Vec<_>>());
        assert_eq!(s.in_flight(), 0);
        assert!(matches!(s.recv_timeout(Duration::ZERO), Next::Empty));
    }

    #[test]
    fn a_panic_is_an_outcome_and_the_stream_goes_on() {
        let mut s = Ordered::new(Some(2), |n: u32| {
            assert!(n != 3, "three is bad");
            n
        })
        .unwrap();
        s.extend(0..6);
        let got: Vec<std::result::Result<u32, ()>> = std::iter::from_fn(|| s.recv())
            .map(|r| r.map_err(|_| ()))
            .collect();
        assert_eq!(got, [Ok(0), Ok(1), Ok(2), Err(()), Ok(4), Ok(5)]);
    }

    #[test]
    fn a_waiting_caller_gets_every_result_whatever_the_batch() {
        // One worker, so the caller waits on nearly every item; fewer items than a
        // wake-up batch, exactly one batch, and a few batches with a remainder:
        // the caller is woken for each, taking results as it pushes more.
        for n in [1u64, 3, WAKE_BATCH as u64, 3 * WAKE_BATCH as u64 + 5] {
            let mut s = Ordered::new(Some(1), |n: u64| {
                std::thread::sleep(Duration::from_micros(200));
                n + 1
            })
            .unwrap();
            let mut got = Vec::new();
            for i in 0..n {
                s.push(i);
                if i % 7 == 6 {
                    got.push(s.recv().unwrap().unwrap());
                }
            }
            got.extend(std::iter::from_fn(|| s.recv()).map(|r| r.unwrap()));
            assert_eq!(got, (1..=n).collect::<Vec<_>>(), "{n} items");
        }
    }

    #[test]
    fn pending_then_ready_and_cancel_drops_the_rest() {
        let gate = Arc::new(Mutex::new(()));
        let held = gate.lock().unwrap();
        let g = Arc::clone(&gate);
        let mut s = Ordered::new(Some(1), move |n: u8| {
            drop(g.lock());
            n
        })
        .unwrap();
        s.extend([1, 2, 3]);
        assert!(matches!(
            s.recv_timeout(Duration::from_millis(10)),
            Next::Pending
        ));
        drop(held);
        assert!(matches!(s.recv(), Some(Ok(1))));
        s.cancel();
        assert_eq!(s.in_flight(), 0);
        assert!(s.recv().is_none());
        s.push(4);
        assert!(s.recv().is_none(), "pushes after cancel are dropped");
    }

    #[test]
    fn zero_threads_is_an_error_not_a_hang() {
        let e = Ordered::new(Some(0), |n: u8| n).unwrap_err();
        assert!(matches!(e, Error::Threads { threads: 0, .. }), "{e}");
    }

    #[test]
    fn extract_iter_matches_extract_and_holds_a_bounded_window() {
        let p = Pipeline::new();
        let texts: Vec<String> = (0..40)
            .map(|i| format!("On day {i}, Bashar al-Assad met Vladimir Putin in Moscow."))
            .collect();
        let pulled = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let counter = Arc::clone(&pulled);
        let source = texts.clone().into_iter().inspect(move |_| {
            counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        });
        let mut it = p.extract_iter(source, Some(2)).unwrap();
        let first = it.next().unwrap().unwrap();
        assert!(pulled.load(std::sync::atomic::Ordering::SeqCst) <= 2 * PER_THREAD);
        let mut docs = vec![first];
        docs.extend(it.map(|d| d.unwrap()));
        assert_eq!(docs.len(), texts.len());
        for (doc, text) in docs.iter().zip(&texts) {
            let one = p.extract(text).unwrap();
            assert_eq!(doc.text(), text);
            assert_eq!(doc.mentions(), one.mentions());
        }
    }
}
