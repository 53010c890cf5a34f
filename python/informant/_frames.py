"""pandas DataFrames from documents (pandas is optional: ``pip install informant[pandas]``)."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any, Callable, Dict, Iterable, List, Union

if TYPE_CHECKING:
    from informant._informant import Document

KINDS = ("mentions", "entities", "attributions", "sentences", "tokens", "blocks")

Row = Dict[str, Any]


def _mentions(doc: Document) -> List[Row]:
    names = {e.id: e.name for e in doc.entities}
    return [
        {
            "doc_id": doc.id,
            "sentence": m.sentence,
            "start": m.start,
            "end": m.end,
            "text": m.text,
            "type": m.type,
            "kind": m.kind,
            "subtype": m.subtype,
            "entity": m.entity,
            "entity_name": names.get(m.entity) if m.entity is not None else None,
            "resolution": m.resolution,
            "confidence": m.confidence,
            "recogniser": m.recogniser,
            "timex_type": m.timex_type,
            "value": m.value,
            "attributes": m.attributes,
        }
        for m in doc.mentions
    ]


# DataFrame column, entity attribute (docs/geo.md)
_PLACE_COLUMNS = [("geonames", "geonames"), ("lat", "lat"), ("lon", "lon"),
                  ("feature", "feature"), ("country", "country"), ("admin1", "admin1"),
                  ("admin2", "admin2"), ("place_confidence", "confidence")]


def _entities(doc: Document) -> List[Row]:
    mentions = doc.mentions
    rows = []
    for e in doc.entities:
        texts = list(dict.fromkeys(mentions[i].text for i in e.mentions))
        attrs = e.attributes
        row: Row = {
            "doc_id": doc.id,
            "entity": e.id,
            "type": e.type,
            "name": e.name,
            "mentions": len(e.mentions),
            "texts": texts,
            # How many of its mentions are names, nominals, pronouns.
            "kinds": dict(Counter(mentions[i].kind for i in e.mentions)),
        }
        # the place a Location (or a Nationality's country) resolved to; None otherwise
        for col, key in _PLACE_COLUMNS:
            row[col] = attrs.get(key)
        row["attributes"] = attrs
        rows.append(row)
    return rows


def _attributions(doc: Document) -> List[Row]:
    names = {e.id: e.name for e in doc.entities}
    return [
        {
            "doc_id": doc.id,
            "source": a.source.text,
            "source_entity": a.source_entity,
            "source_name": names.get(a.source_entity) if a.source_entity is not None else None,
            "cue": a.cue.text,
            "claim": a.claim.text,
            "source_start": a.source.start,
            "source_end": a.source.end,
            "claim_start": a.claim.start,
            "claim_end": a.claim.end,
        }
        for a in doc.attributions
    ]


def _sentences(doc: Document) -> List[Row]:
    return [
        {"doc_id": doc.id, "sentence": i, "block": s.block, "start": s.start, "end": s.end,
         "text": s.text}
        for i, s in enumerate(doc.sentences)
    ]


def _tokens(doc: Document) -> List[Row]:
    return [
        {"doc_id": doc.id, "start": t.start, "end": t.end, "text": t.text, "kind": t.kind}
        for t in doc.tokens
    ]


def _blocks(doc: Document) -> List[Row]:
    return [
        {"doc_id": doc.id, "block": i, "kind": b.kind, "level": b.level,
         "label": b.label.text if b.label is not None else None,
         "start": b.start, "end": b.end, "text": b.text}
        for i, b in enumerate(doc.blocks)
    ]


_ROWS: Dict[str, Callable[[Document], List[Row]]] = {
    "mentions": _mentions,
    "entities": _entities,
    "attributions": _attributions,
    "sentences": _sentences,
    "tokens": _tokens,
    "blocks": _blocks,
}

_COLUMNS = {
    "mentions": ["doc_id", "sentence", "start", "end", "text", "type", "kind", "subtype", "entity",
                 "entity_name", "resolution", "confidence", "recogniser", "timex_type", "value", "attributes"],
    "entities": ["doc_id", "entity", "type", "name", "mentions", "texts", "kinds", "geonames", "lat", "lon",
                 "feature", "country", "admin1", "admin2", "place_confidence", "attributes"],
    "attributions": ["doc_id", "source", "source_entity", "source_name", "cue", "claim",
                     "source_start", "source_end", "claim_start", "claim_end"],
    "sentences": ["doc_id", "sentence", "block", "start", "end", "text"],
    "tokens": ["doc_id", "start", "end", "text", "kind"],
    "blocks": ["doc_id", "block", "kind", "level", "label", "start", "end", "text"],
}


def to_pandas(docs: Union[Document, Iterable[Document]], kind: str = "mentions") -> Any:
    """One pandas DataFrame for one or many documents, a row per item of ``kind``.

    ``kind`` is ``"mentions"`` (default), ``"entities"``, ``"attributions"``,
    ``"sentences"``, ``"tokens"`` or ``"blocks"``; every frame starts with ``doc_id``.
    Offsets are code points. Raises ``ImportError`` without pandas and ``ValueError``
    for an unknown ``kind``.

    >>> import informant
    >>> docs = informant.Pipeline().pipe([("a", "Putin met Assad."), ("b", "Assad fled.")])
    >>> df = informant.to_pandas(docs)  # doctest: +SKIP
    >>> df[["doc_id", "text", "type", "entity_name"]]  # doctest: +SKIP
      doc_id   text    type      entity_name
    0      a  Putin  Person   Vladimir Putin
    1      a  Assad  Person  Bashar al-Assad
    2      b  Assad  Person  Bashar al-Assad
    """
    try:
        rows_of = _ROWS[kind]
    except KeyError:
        raise ValueError(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}") from None
    try:
        import pandas as pd  # type: ignore[import-untyped, unused-ignore]
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError(
            "to_pandas needs pandas: pip install 'informant[pandas]'"
        ) from e
    from informant._informant import Document as _Document

    if isinstance(docs, _Document):
        docs = [docs]
    rows: List[Row] = []
    for doc in docs:
        rows.extend(rows_of(doc))
    return pd.DataFrame(rows, columns=_COLUMNS[kind])
