"""A typed use of the package; `mypy --strict` must accept it (checked by tests/run.sh)."""

from __future__ import annotations

import datetime
import pickle
from typing import Dict, Iterator, List, Optional, Tuple

import informant


def sentences(text: str) -> List[str]:
    doc = informant.parse(text, format="text")
    return [s.text for s in doc.sentences]


def people(doc: informant.Document) -> Dict[str, List[str]]:
    names: Dict[str, str] = {e.id: e.name for e in doc.entities if e.type == "Person"}
    out: Dict[str, List[str]] = {}
    for m in doc.mentions:
        entity: Optional[str] = m.entity
        if entity is not None and entity in names:
            out.setdefault(names[entity], []).append(doc.text[m.start:m.end])
    return out


def claims(doc: informant.Document) -> List[Tuple[str, str, str]]:
    return [(a.source.text, a.cue.text, a.claim.text) for a in doc.attributions]


def batch(texts: List[Tuple[str, str]]) -> Iterator[informant.Document]:
    pipeline = informant.Pipeline(
        format="auto",
        tokens=False,
        gazetteers=[("mine.csv", "name,type\nAl-Tanf garrison,Location\n")],
        extra_patterns=[("MilitaryPlatform", "hull", r"\bDDG-\d+\b")],
    )
    again: informant.Pipeline = pickle.loads(pickle.dumps(pipeline))
    return again.pipe(texts, batch_size=64, n_threads=None)


def timeline(texts: List[Tuple[str, str, datetime.date]]) -> List[Tuple[str, str]]:
    out: List[Tuple[str, str]] = []
    for doc in informant.Pipeline(tokens=False).pipe(texts, date="2024-12-08"):
        when: Optional[datetime.date] = doc.date
        for m in doc.mentions:
            value: Optional[str] = m.value
            if m.timex_type == "DATE" and value is not None and when is not None:
                out.append((value, m.text))
    try:
        informant.extract("Talks ended on Friday.", date=datetime.date(2024, 12, 11))
    except informant.DateError as e:
        raise SystemExit(str(e)) from e
    return sorted(out)


def main() -> None:
    print(sentences("One. Two."))
    try:
        doc = informant.extract("President Vladimir Putin met Assad in Moscow.")
    except informant.Error as e:
        raise SystemExit(str(e)) from e
    print(people(doc), claims(doc), doc.to_dict(tokens=False)["id"])
    title: Optional[informant.Span] = doc.title
    if title is not None:
        print(title.start, title.end, len(title))
    for d in batch([("a", "Assad fled."), ("b", "USS Ross (DDG-71) fired.")]):
        print(d.id, [(m.text, m.type, m.confidence) for m in d.mentions])
    back: informant.Document = informant.Document.from_json(doc.to_json())
    assert back == doc
    page = informant.parse("<html lang=en><p>Assad fled.</p></html>", format="html")
    authors = page.metadata.get("authors", [])
    sources: List[Tuple[int, int]] = [b.source for b in page.blocks if b.source is not None]
    print(page.metadata.get("language"), list(authors), sources)


if __name__ == "__main__":
    main()
