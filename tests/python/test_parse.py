"""The seed document's structure from Python (the same expectations as crates/informant/tests/seed.rs)."""

from __future__ import annotations

import json

import informant
from conftest import ROOT, SEED

EXPECTED = json.loads(
    (ROOT / "seeds" / "assad-asylum-russia.expected.json").read_text(encoding="utf-8")
)


def test_seed_structure() -> None:
    doc = informant.parse(SEED)
    assert doc.text == SEED
    assert doc.format == "text"
    assert doc.title is not None and doc.title.text == EXPECTED["title"]
    blocks = [[b.kind, b.text if b.kind in ("title", "heading") else None] for b in doc.blocks]
    assert blocks == EXPECTED["blocks"]
    assert [b.label.text for b in doc.blocks if b.label is not None] == EXPECTED["labels"]
    assert [s.text for s in doc.sentences] == EXPECTED["sentences"]
    assert len(doc.sentences) == 18
    assert [b.level for b in doc.blocks if b.kind in ("title", "heading")] == [1, 2, 2, 2, 2]
    # parse() finds structure only.
    assert doc.mentions == () and doc.entities == () and doc.attributions == ()
    assert doc.tokens and doc.tokens[0].text == "Syria" and doc.tokens[0].kind == "word"


def test_every_span_is_its_text() -> None:
    doc = informant.extract(SEED)
    spans = [*doc.blocks, *doc.sentences, *doc.tokens, *doc.mentions]
    spans += [s for a in doc.attributions for s in (a.source, a.cue, a.claim)]
    spans += [b.label for b in doc.blocks if b.label is not None]
    for s in spans:
        assert SEED[s.start:s.end] == s.text
    for s in doc.sentences:
        b = doc.blocks[s.block]
        assert b.start <= s.start and s.end <= b.end


def test_markdown() -> None:
    doc = informant.parse("# Assad Flees\n\nHe reached *Moscow*.\n\n- Item: one\n", format="markdown")
    assert doc.format == "markdown"
    assert [b.kind for b in doc.blocks] == ["title", "paragraph", "list_item"]
    assert doc.title is not None and doc.title.text == "Assad Flees"


def test_html_metadata_and_block_sources() -> None:
    page = (ROOT / "crates" / "informant" / "tests" / "data" / "html" / "article.html").read_text(
        encoding="utf-8"
    )
    doc = informant.parse(page, format="html")
    assert doc.format == "html"
    assert doc.metadata["title"] == "Convoy Reaches Aleppo"
    assert doc.metadata["authors"] == ["Jane Analyst", "Omar Field"]
    assert doc.metadata["published"] == "2024-12-09T08:30:00Z"
    assert doc.metadata["language"] == "en-GB"
    raw = page.encode("utf-8")
    first_para = next(b for b in doc.blocks if b.kind == "paragraph")
    assert first_para.source is not None
    start, end = first_para.source
    # The source range is the element in the page's bytes: start tag to end tag.
    element = raw[start:end].decode("utf-8")
    assert element.startswith("<p") and element.endswith("</p>")
    assert first_para.text in element
    # Plain text has neither.
    plain = informant.parse("Assad fled.")
    assert plain.metadata == {} and plain.blocks[0].source is None
