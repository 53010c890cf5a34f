"""Thread safety, and the GIL released while the core works."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Callable, List, Tuple

import informant
from conftest import SEED

VARIANTS = [SEED.replace("Assad", name) for name in ("Assad", "Putin", "Lavrov", "Shoigu")] * 4


def test_concurrent_calls_share_one_pipeline() -> None:
    p = informant.Pipeline()
    serial = [p.extract(t) for t in VARIANTS]
    with ThreadPoolExecutor(max_workers=8) as ex:
        threaded = list(ex.map(p.extract, VARIANTS))
        parsed = list(ex.map(p.parse, VARIANTS))
        piped = list(ex.map(lambda t: list(p.pipe([t, t], n_threads=2)), VARIANTS))
    assert threaded == serial
    assert parsed == [p.parse(t) for t in VARIANTS]
    assert [d for pair in piped for d in pair] == [d for d in serial for _ in range(2)]
    # One document read from many threads at once.
    doc = serial[0]
    with ThreadPoolExecutor(max_workers=8) as ex:
        views = list(ex.map(lambda _: (doc.mentions, doc.text, doc.to_json()), range(32)))
    assert all(v[0] is doc.mentions and v[1] == SEED for v in views)


class Counter(threading.Thread):
    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.count = 0
        self.stop = False

    def run(self) -> None:
        while not self.stop:
            self.count += 1


def _counted(work: Callable[[], object]) -> Tuple[int, float]:
    c = Counter()
    c.start()
    time.sleep(0.05)
    before = c.count
    t0 = time.perf_counter()
    work()
    elapsed = time.perf_counter() - t0
    after = c.count
    c.stop = True
    c.join()
    return after - before, elapsed


def test_other_threads_run_during_pipe() -> None:
    p = informant.Pipeline(tokens=False)
    texts: List[str] = [SEED] * 400
    # One batch: nearly all the time is spent in the core, without the GIL.
    advanced, elapsed = _counted(lambda: list(p.pipe(texts, batch_size=len(texts), n_threads=1)))
    assert elapsed > 0.05, "the batch was too quick to measure"
    # A counter thread holding the GIL alone counts millions a second; with the GIL
    # held by the batch it would barely move.
    assert advanced > 300_000 * elapsed, (advanced, elapsed)


def test_other_threads_run_during_extract() -> None:
    p = informant.Pipeline(tokens=False)
    big = "\n\n".join([SEED] * 100)
    advanced, elapsed = _counted(lambda: p.extract(big))
    assert advanced > 300_000 * elapsed, (advanced, elapsed)
