"""Mention kinds: `Pipeline(kinds=...)`, `informant.extract(text, kinds=...)` and `pipe()`."""

from __future__ import annotations

import json
import pickle
from typing import List, Tuple

import pytest

import informant
from conftest import SEED

KINDS = ("name", "nominal", "pronoun", "value", "titled")
# The seed has no values (dates, money, ...): a last paragraph adds some.
TEXT = SEED + "\n\nOn 8 December 2024 Moscow paid $2 million to the regime. He denied it.\n"


@pytest.fixture(scope="module")
def full() -> informant.Document:
    return informant.Pipeline().extract(TEXT)


def spans(doc: informant.Document, kinds: Tuple[str, ...]) -> List[Tuple[int, int, str, str]]:
    return [(m.start, m.end, m.type, m.kind) for m in doc.mentions if m.kind in kinds]


def test_every_kind_is_found(full: informant.Document) -> None:
    assert {m.kind for m in full.mentions} == set(KINDS)


@pytest.mark.parametrize("kinds", [("name",), ("nominal", "pronoun"), ("value",), KINDS])
def test_kinds_keep_exactly_those_mentions(full: informant.Document, kinds: Tuple[str, ...]) -> None:
    p = informant.Pipeline(kinds=list(kinds))  # type: ignore[arg-type]
    doc = p.extract(TEXT)
    assert doc.mentions
    assert {m.kind for m in doc.mentions} == set(kinds)
    # The same mentions the full pipeline finds, less the other kinds.
    assert spans(doc, kinds) == spans(full, kinds)
    # Entities and mentions still point at each other after the filter.
    for e in doc.entities:
        assert e.mentions and all(doc.mentions[i].entity == e.id for i in e.mentions)
    assert all(doc.text[m.start:m.end] == m.text for m in doc.mentions)


def test_names_alone_still_resolve_with_pronouns() -> None:
    text = "Bashar al-Assad fled to Moscow. He was granted asylum there."
    full = informant.Pipeline().extract(text)
    names = informant.Pipeline(kinds=["name"]).extract(text)
    assert [m.text for m in names.mentions if m.kind == "pronoun"] == []
    assert [m.text for m in full.mentions if m.kind == "pronoun"] == ["He"]
    # Names keep the entity the pronoun joined, so the entity ids line up with the full run's.
    assert [(m.text, m.entity) for m in names.mentions] == [
        (m.text, m.entity) for m in full.mentions if m.kind == "name"
    ]


def test_kind_names_are_case_insensitive_and_order_free() -> None:
    a = informant.Pipeline(kinds=["Name", "VALUE"])  # type: ignore[list-item]
    b = informant.Pipeline(kinds=["value", "name", "name"])
    assert a == b and a.config["kinds"] == ["name", "value"]
    assert a.extract(SEED) == b.extract(SEED)


def test_bad_kinds() -> None:
    with pytest.raises(ValueError, match=r"unknown mention kind .names.; expected one of name, nominal, pronoun, value"):
        informant.Pipeline(kinds=["name", "names"])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="kinds is empty"):
        informant.Pipeline(kinds=[])
    with pytest.raises(TypeError, match="not a str"):
        informant.Pipeline(kinds="name")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="list of str"):
        informant.Pipeline(kinds=[1])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="unknown mention kind .Person."):
        informant.extract("Assad fled.", kinds=["Person"])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="not a str"):
        informant.extract("Assad fled.", kinds="name")  # type: ignore[arg-type]


def test_module_extract_and_pipe_take_kinds() -> None:
    text = "Assad fled on 8 December. He reached Moscow."
    doc = informant.extract(text, kinds=["name"])
    assert [(m.text, m.kind) for m in doc.mentions] == [("Assad", "name"), ("Moscow", "name")]
    assert informant.extract(text, kinds=["value"]).mentions[0].text == "8 December"
    assert {m.kind for m in informant.extract(text).mentions} == {"name", "pronoun", "value"}
    p = informant.Pipeline(kinds=["pronoun"], tokens=False)
    piped = list(p.pipe([text, SEED], batch_size=1))
    assert piped == [p.extract(text), p.extract(SEED)]
    assert all(m.kind == "pronoun" for d in piped for m in d.mentions)
    assert piped[0].to_dict()["mentions"][0]["kind"] == "pronoun"


def test_kinds_survive_config_pickle_and_repr() -> None:
    p = informant.Pipeline(kinds=["name", "nominal"], tokens=False)
    assert p.config["kinds"] == ["name", "nominal"]
    assert informant.Pipeline().config["kinds"] is None
    for q in (
        pickle.loads(pickle.dumps(p)),
        informant.Pipeline.from_config(p.config),
        informant.Pipeline.from_config(json.dumps(p.config)),
    ):
        assert q == p and q.config["kinds"] == ["name", "nominal"]
        assert q.extract(SEED) == p.extract(SEED)
    assert p != informant.Pipeline(tokens=False)
    assert "kinds=['name', 'nominal']" in repr(p)
    assert "kinds" not in repr(informant.Pipeline())
    # A configuration saved before kinds existed keeps every kind.
    old = {k: v for k, v in p.config.items() if k != "kinds"}
    assert informant.Pipeline.from_config(old).config["kinds"] is None
    with pytest.raises(informant.JsonError):
        informant.Pipeline.from_config({"kinds": ["names"]})


def test_frames_filter_by_kind() -> None:
    pytest.importorskip("pandas")
    doc = informant.Pipeline(kinds=["name"]).extract(SEED)
    assert set(doc.to_pandas().kind) == {"name"}
