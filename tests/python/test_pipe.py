"""`pipe()` streams: input order kept, bounded read-ahead, errors in their turn."""

from __future__ import annotations

import itertools
import time
from typing import Iterator, List

import pytest

import informant
from conftest import SEED


def test_order_kept_with_uneven_documents() -> None:
    p = informant.Pipeline(tokens=False)
    # Big and tiny documents mixed, so workers finish them out of order.
    texts = [(f"d{i}", SEED * 3 if i % 5 == 0 else f"Putin met Assad {i} times.") for i in range(40)]
    for n_threads in (1, 2, 3):
        docs = list(p.pipe(texts, batch_size=6, n_threads=n_threads))
        assert [d.id for d in docs] == [i for i, _ in texts]
        assert [d.text for d in docs] == [t for _, t in texts]
    assert docs == [p.extract(t, id=i) for i, t in texts]


def test_an_endless_generator_is_read_a_bounded_way_ahead() -> None:
    p = informant.Pipeline(tokens=False)
    pulled: List[int] = []

    def endless() -> Iterator[str]:
        for i in itertools.count():
            pulled.append(i)
            yield f"Assad met Putin on day {i}."

    stream = p.pipe(endless(), batch_size=20)
    docs = list(itertools.islice(stream, 100))
    assert [d.text for d in docs] == [f"Assad met Putin on day {i}." for i in range(100)]
    # At most one and a half batches beyond what was taken.
    assert 100 <= len(pulled) <= 100 + 30
    # Only the consumer reads the input: nothing more is pulled while nobody asks.
    before = len(pulled)
    time.sleep(0.2)
    assert len(pulled) == before
    del stream


def test_a_bad_item_raises_in_its_turn() -> None:
    p = informant.Pipeline(tokens=False)
    stream = p.pipe(["Assad fled.", b"bytes", "Putin spoke."], batch_size=8)  # type: ignore[list-item]
    assert next(stream).text == "Assad fled."
    with pytest.raises(TypeError, match="not bytes"):
        next(stream)
    assert next(stream).text == "Putin spoke."
    assert list(stream) == []


def test_a_failing_generator_ends_the_stream_after_its_documents() -> None:
    p = informant.Pipeline(tokens=False)

    def gen() -> Iterator[str]:
        yield "Assad fled."
        yield "Putin spoke."
        raise RuntimeError("source broke")

    stream = p.pipe(gen(), batch_size=8)
    assert [next(stream).text, next(stream).text] == ["Assad fled.", "Putin spoke."]
    with pytest.raises(RuntimeError, match="source broke"):
        next(stream)
    assert list(stream) == []


def test_leaving_a_stream_early() -> None:
    p = informant.Pipeline(tokens=False)
    for n, doc in enumerate(p.pipe([SEED] * 500, batch_size=100, n_threads=2)):
        if n == 3:
            break
    # The abandoned stream's workers stop; the pipeline goes on working.
    assert p.extract("Assad fled.").mentions[0].text == "Assad"
