"""The Python package on the seed document and on hostile input."""

from __future__ import annotations

import pathlib

import pytest

import informant

ROOT = pathlib.Path(__file__).resolve().parents[2]
SEED = (ROOT / "seeds" / "assad-asylum-russia.txt").read_text(encoding="utf-8")


def test_seed_structure() -> None:
    doc = informant.parse(SEED)
    text = doc["text"]
    assert text == SEED
    kinds = [b["kind"] for b in doc["blocks"]]
    assert kinds.count("title") == 1
    assert kinds.count("heading") == 4
    assert kinds.count("paragraph") == 5
    assert kinds.count("list_item") == 2
    labels = [text[b["label"]["start"]:b["label"]["end"]] for b in doc["blocks"] if "label" in b]
    assert labels == ["Hmeimim Airbase", "Tartous Naval Facility"]
    assert len(doc["sentences"]) == 18


def test_code_point_offsets_with_emoji_and_arabic() -> None:
    text = "Title 👩‍👩‍👧 Here\n\nقال الأسد إنه غادر. Then Putin’s army 🇸🇾 left."
    doc = informant.parse(text, tokens=True)
    for s in doc["sentences"]:
        assert text[s["start"]:s["end"]].strip() == text[s["start"]:s["end"]]
    assert any(text[t["start"]:t["end"]] == "Putin" for t in doc["tokens"])


def test_errors() -> None:
    with pytest.raises(TypeError):
        informant.parse(b"bytes")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        informant.parse("x", format="pdf")
    with pytest.raises(informant.Error):
        informant.parse("<html></html>", format="html")


def test_docstring_examples() -> None:
    import doctest

    failures, _ = doctest.testmod(informant, verbose=False)
    assert failures == 0
