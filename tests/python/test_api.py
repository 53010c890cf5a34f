"""The Python API: pipelines, documents, JSON, pickling and errors."""

from __future__ import annotations

import copy
import json
import os
import pathlib
import pickle

import pytest

import informant
from conftest import SEED


def test_pipeline_options() -> None:
    quiet = informant.Pipeline(tokens=False, attribute=False, resolve=False)
    doc = quiet.extract(SEED)
    assert doc.tokens == ()
    assert doc.mentions and doc.entities == () and doc.attributions == ()
    assert all(m.entity is None for m in doc.mentions)
    bare = informant.Pipeline(patterns=False, rules=False, builtin_gazetteer=False, tagger=False)
    assert bare.recognisers == []
    assert bare.extract(SEED).mentions == ()
    assert informant.Pipeline().recognisers == ["pattern", "gazetteer", "rule", "tagger", "geo", "vehicle", "product", "index"]
    assert "geo" not in informant.Pipeline(geo=False).recognisers


def test_user_gazetteers_and_patterns(tmp_path: pathlib.Path) -> None:
    csv = "name,type,aliases\nAl-Tanf garrison,Location,Tanf|At Tanf\n"
    path = tmp_path / "mine.csv"
    path.write_text(csv, encoding="utf-8")
    text = "Drones struck near At Tanf. USS Ross (DDG-71) fired."
    for gaz in ([str(path)], [path], [("mine.csv", csv)]):
        p = informant.Pipeline(gazetteers=gaz, extra_patterns=[("MilitaryPlatform", "hull", r"\bDDG-\d+\b")])
        found = {(m.text, m.type) for m in p.extract(text).mentions}
        assert ("At Tanf", "Location") in found
        assert ("DDG-71", "MilitaryPlatform") in found
        # The configuration holds the gazetteer's content, so the pipeline rebuilds anywhere.
        assert p.config["gazetteers"][0][1] == csv
        assert informant.Pipeline.from_config(p.config) == p
        assert pickle.loads(pickle.dumps(p)).extract(text) == p.extract(text)


def test_pipeline_config_roundtrip() -> None:
    p = informant.Pipeline(format="markdown", tokens=False, rules=False, max_bytes=1000)
    assert p.config["input"] == "markdown" and p.config["max_bytes"] == 1000
    assert informant.Pipeline.from_config(json.dumps(p.config)) == p
    assert pickle.loads(pickle.dumps(p)) == p
    assert copy.deepcopy(p) == p
    assert p != informant.Pipeline()
    assert "format='markdown'" in repr(p) and "tokens=False" in repr(p)
    with pytest.raises(TypeError):
        hash(p)
    with pytest.raises(informant.JsonError):
        informant.Pipeline.from_config("{not json")
    with pytest.raises(informant.JsonError):
        informant.Pipeline.from_config({"tokens": "yes"})


def test_document_json_and_pickle(seed_doc: informant.Document) -> None:
    d = seed_doc.to_dict()
    assert d["text"] == SEED and d["id"] == seed_doc.id
    assert len(d["sentences"]) == 18 and len(d["tokens"]) == len(seed_doc.tokens)
    assert d["mentions"][0]["confidence"] == seed_doc.mentions[0].confidence
    assert "tokens" not in seed_doc.to_dict(tokens=False)
    assert json.loads(seed_doc.to_json()) == d
    assert json.loads(seed_doc.to_json(tokens=False, indent=True)) == seed_doc.to_dict(tokens=False)
    back = informant.Document.from_json(seed_doc.to_json())
    assert back == seed_doc and back is not seed_doc
    assert informant.Document.from_json(seed_doc.to_json().encode()) == seed_doc
    assert back.mentions == seed_doc.mentions and back.entities == seed_doc.entities
    assert back.attributions == seed_doc.attributions and back.tokens == seed_doc.tokens
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        assert pickle.loads(pickle.dumps(seed_doc, protocol=protocol)) == seed_doc
    assert copy.deepcopy(seed_doc) == seed_doc
    assert seed_doc != informant.parse(SEED)
    assert (seed_doc == "text") is False
    with pytest.raises(TypeError):
        hash(seed_doc)


def test_from_json_minimal_and_invalid() -> None:
    doc = informant.Document.from_json('{"text": "Assad fled."}')
    assert doc.text == "Assad fled." and doc.sentences == () and doc.id is None
    with pytest.raises(informant.JsonError):
        informant.Document.from_json("not json")
    with pytest.raises(informant.InvalidInputError):
        informant.Document.from_json('{"text": "abc", "sentences": [{"start": 1, "end": 9}]}')
    with pytest.raises(informant.InvalidInputError):
        informant.Document.from_json(b'{"text": "\xff"}')
    # Gold annotations: offsets and a type are enough.
    gold = informant.Document.from_json(
        '{"text": "Putin met Assad.", "mentions": [{"start": 10, "end": 15, "type": "Person"}]}'
    )
    m = gold.mentions[0]
    assert (m.text, m.type, m.confidence, m.recogniser) == ("Assad", "Person", 1.0, "external")


def test_values(seed_doc: informant.Document) -> None:
    title = seed_doc.title
    assert title is not None
    assert repr(title).startswith("Span('Syria’s Bashar al-Assad") and len(title) == 87
    assert title == seed_doc.blocks[0].label or seed_doc.blocks[0].label is None
    assert hash(title) == hash(informant.Document.from_json(seed_doc.to_json()).title)
    e = seed_doc.entities[0]
    assert repr(e).startswith(f"Entity('{e.id}', type='{e.type}'")
    a = seed_doc.attributions[0]
    assert repr(a).startswith("Attribution(source='Russian news agencies', cue='According to'")
    assert seed_doc.mentions is seed_doc.mentions  # cached
    for cls in (informant.Mention, informant.Document, informant.Span):
        with pytest.raises(TypeError):
            cls()  # type: ignore[call-arg]
    with pytest.raises(AttributeError):
        seed_doc.mentions[0].start = 3  # type: ignore[misc]


def test_pipe_order_ids_and_errors() -> None:
    p = informant.Pipeline(tokens=False, max_bytes=200)
    texts = [f"Putin met Assad {i} times in Moscow." for i in range(50)]
    docs = list(p.pipe(texts, batch_size=7))
    assert [d.text for d in docs] == texts
    assert docs == [p.extract(t) for t in texts]
    pairs = [(f"id{i}", t) for i, t in enumerate(texts[:5])]
    assert [d.id for d in p.pipe(pairs)] == ["id0", "id1", "id2", "id3", "id4"]
    assert [d.id for d in p.pipe(iter([(None, "x"), "y"]), n_threads=1)] == [None, None]
    # A failing text raises in its turn; the stream goes on afterwards.
    stream = p.pipe(["ok", "x" * 500, "fine"], batch_size=3)
    assert next(stream).text == "ok"
    with pytest.raises(informant.DocumentTooLargeError):
        next(stream)
    assert next(stream).text == "fine"
    assert list(stream) == []
    # Generators are consumed lazily, batch by batch.
    pulled = []

    def gen():  # type: ignore[no-untyped-def]
        for t in texts:
            pulled.append(t)
            yield t

    stream = p.pipe(gen(), batch_size=10)
    next(stream)
    assert len(pulled) == 10
    with pytest.raises(TypeError):
        list(p.pipe([b"bytes"]))  # type: ignore[list-item]
    with pytest.raises(TypeError):
        list(p.pipe([("id", 3)]))  # type: ignore[list-item]
    with pytest.raises(ValueError):
        p.pipe(texts, batch_size=0)
    with pytest.raises(ValueError):
        p.pipe(texts, n_threads=0)
    assert list(p.pipe([])) == []


def test_errors(tmp_path: pathlib.Path) -> None:
    with pytest.raises(TypeError):
        informant.parse(b"bytes")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        informant.extract(None)  # type: ignore[arg-type]
    with pytest.raises(informant.FormatError) as fe:
        informant.parse("x", format="pdf")
    assert isinstance(fe.value, ValueError) and isinstance(fe.value, informant.Error)
    # HTML is a format like the others now (it used to raise FormatError).
    assert "Assad fled." in informant.parse("<p>Assad fled.</p>", format="html").text
    with pytest.raises(informant.DocumentTooLargeError) as te:
        informant.Pipeline(max_bytes=10).extract("x" * 11)
    assert isinstance(te.value, informant.InvalidInputError)
    with pytest.raises(informant.PatternError):
        informant.Pipeline(extra_patterns=[("Url", None, "(")])
    with pytest.raises(informant.PatternError, match="unknown entity type"):
        informant.Pipeline(extra_patterns=[("Spaceship", None, "x")])
    with pytest.raises(informant.GazetteerError, match="bad.tsv, line 2"):
        informant.Pipeline(gazetteers=[("bad.tsv", "name\ttype\nAssad\tSpaceship\n")])
    with pytest.raises(FileNotFoundError) as nf:
        informant.Pipeline(gazetteers=[tmp_path / "missing.tsv"])
    assert nf.value.filename == str(tmp_path / "missing.tsv")
    with pytest.raises(TypeError):
        informant.Pipeline(gazetteers=[3])  # type: ignore[list-item]
    if os.name == "posix" and os.geteuid() != 0:
        locked = tmp_path / "locked.tsv"
        locked.write_text("x", encoding="utf-8")
        locked.chmod(0)
        with pytest.raises(PermissionError):
            informant.Pipeline(gazetteers=[locked])
    for name in ("InvalidInputError", "DocumentTooLargeError", "FormatError", "JsonError",
                 "GazetteerError", "PatternError", "DateError"):
        cls = getattr(informant, name)
        assert issubclass(cls, informant.Error) and cls.__module__ == "informant"
