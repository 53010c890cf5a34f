"""DataFrames (pandas is optional: the package imports without it)."""

from __future__ import annotations

import subprocess
import sys

import pytest

import informant
from conftest import SEED

pd = pytest.importorskip("pandas", reason="pandas is not installed (pip install informant[pandas])")


def test_mentions_frame(seed_doc: informant.Document) -> None:
    df = seed_doc.to_pandas()
    assert len(df) == len(seed_doc.mentions)
    assert list(df.columns) == [
        "doc_id", "sentence", "start", "end", "text", "type", "kind", "subtype", "entity",
        "entity_name", "resolution", "confidence", "recogniser", "timex_type", "value", "attributes",
    ]
    row = df[df.text == "Bashar al-Assad"].iloc[0]
    assert (row.type, row.start, row.end, row.sentence) == ("Person", 8, 23, 0)
    assert row.entity_name == "Bashar al-Assad"
    # Each linked mention says which resolution sieve linked it.
    assert set(df.resolution.dropna()) <= {
        "first", "exact_name", "acronym", "relaxed_name", "appositive", "title", "nominal", "pronoun",
    }
    assert "first" in set(df.resolution)
    assert set(df.doc_id) == {seed_doc.id}
    assert all(SEED[s:e] == t for s, e, t in zip(df.start, df.end, df.text))


def test_other_kinds(seed_doc: informant.Document) -> None:
    ents = seed_doc.to_pandas("entities")
    assert len(ents) == len(seed_doc.entities)
    assad = ents[ents.name == "Bashar al-Assad"].iloc[0]
    assert assad.type == "Person" and {"Assad", "Al-Assad"} <= set(assad.texts)
    assert assad.kinds["name"] >= 3
    attrs = seed_doc.to_pandas(kind="attributions")
    assert list(attrs.source)[:3] == ["Russian news agencies", "Russian war bloggers", "insiders"]
    assert len(seed_doc.to_pandas("sentences")) == 18
    assert len(seed_doc.to_pandas("tokens")) == len(seed_doc.tokens)
    assert list(seed_doc.to_pandas("blocks").kind)[:2] == ["title", "paragraph"]
    with pytest.raises(ValueError, match="unknown kind"):
        seed_doc.to_pandas("words")


def test_many_documents() -> None:
    p = informant.Pipeline()
    docs = list(p.pipe([("a", "Putin met Assad in Moscow."), ("b", "Assad fled Syria.")]))
    df = informant.to_pandas(docs)
    assert list(df.doc_id.unique()) == ["a", "b"]
    assert len(df) == sum(len(d.mentions) for d in docs)
    # A generator works too, and an empty input gives an empty frame with the columns.
    assert len(informant.to_pandas(iter(docs), kind="entities")) == sum(len(d.entities) for d in docs)
    empty = informant.to_pandas([])
    assert len(empty) == 0 and "entity_name" in empty.columns


def test_imports_without_pandas() -> None:
    code = (
        "import sys; sys.modules['pandas'] = None\n"
        "import informant\n"
        "doc = informant.extract('Putin met Assad.')\n"
        "assert doc.mentions\n"
        "try:\n"
        "    doc.to_pandas()\n"
        "except ImportError as e:\n"
        "    assert 'informant[pandas]' in str(e)\n"
        "else:\n"
        "    raise SystemExit('no ImportError')\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
