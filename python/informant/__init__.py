"""informant: structure, entities and attributions from news and intelligence reports.

A Rust core does the work; this package wraps it. Offsets are Unicode code points,
so ``doc.text[m.start:m.end] == m.text`` for every mention.

>>> import informant
>>> doc = informant.extract("Assad in Moscow\\n\\nPresident Vladimir Putin met Assad in Moscow.")
>>> doc.title.text
'Assad in Moscow'
>>> [s.text for s in doc.sentences]
['Assad in Moscow', 'President Vladimir Putin met Assad in Moscow.']
>>> sorted({(m.text, m.type) for m in doc.mentions if m.type == "Location"})
[('Moscow', 'Location')]
>>> all(doc.text[m.start:m.end] == m.text for m in doc.mentions)
True

Many texts at once, in parallel on every core, in input order:

>>> pipeline = informant.Pipeline(tokens=False)
>>> [len(d.sentences) for d in pipeline.pipe(["One. Two.", "Three."])]
[2, 1]
"""

from __future__ import annotations

import datetime
import functools
from typing import Literal, Optional, Sequence, Tuple, Union

from informant._frames import to_pandas
from informant._html import to_html
from informant._informant import (
    Attribution,
    Block,
    DateError,
    Document,
    DocumentStream,
    DocumentTooLargeError,
    Entity,
    Error,
    FormatError,
    GazetteerError,
    InvalidInputError,
    JsonError,
    Mention,
    PatternError,
    Pipeline,
    Sentence,
    Span,
    Token,
    __version__,
)

__all__ = [
    "Attribution",
    "Block",
    "DateError",
    "Document",
    "DocumentStream",
    "DocumentTooLargeError",
    "Entity",
    "Error",
    "FormatError",
    "GazetteerError",
    "InvalidInputError",
    "JsonError",
    "Mention",
    "PatternError",
    "Pipeline",
    "Sentence",
    "Span",
    "Token",
    "MentionKind",
    "__version__",
    "extract",
    "parse",
    "to_html",
    "to_pandas",
]


#: A mention kind name, as ``Mention.kind`` gives it and ``kinds=`` takes it.
MentionKind = Literal["name", "nominal", "pronoun", "value", "titled"]


@functools.lru_cache(maxsize=None)
def _default_pipeline(format: str, kinds: Optional[Tuple[MentionKind, ...]] = None) -> Pipeline:
    # One default pipeline per format and kinds, built on first use (building loads the gazetteer).
    return Pipeline(format=format, kinds=None if kinds is None else list(kinds))


def parse(text: str, format: str = "auto") -> Document:
    """Parse ``text`` into its structure: title, blocks, sentences and tokens (no entities).

    ``format`` is ``"auto"`` (detect), ``"text"`` or ``"markdown"``. Raises ``TypeError``
    for a non-``str``, ``FormatError`` for an unknown format.

    >>> doc = parse("Assad in Moscow\\n\\nHe was granted asylum. Russia confirmed it.")
    >>> doc.title
    Span('Assad in Moscow', start=0, end=15)
    >>> [s.text for s in doc.sentences][1:]
    ['He was granted asylum.', 'Russia confirmed it.']
    """
    return _default_pipeline(format).parse(text)


def extract(
    text: str,
    format: str = "auto",
    kinds: Optional[Sequence[MentionKind]] = None,
    *,
    date: Optional[Union[str, datetime.date]] = None,
) -> Document:
    """Run the whole default pipeline on ``text``: structure, entities, attributions.

    Same arguments and errors as :func:`parse`. ``kinds`` keeps only mentions of those kinds
    (``["name"]`` for names alone; ``None``, the default, keeps all); an unknown kind raises
    ``ValueError``. ``date`` (``"YYYY-MM-DD"`` or a ``datetime.date``) is the document's date,
    against which relative time expressions get their values; without it, a date the document
    gives itself (a dateline, page metadata), else none: relative expressions then have no
    ``value``. ``DateError`` for a date in another format. For other settings, or many texts,
    use :class:`Pipeline`.

    >>> doc = extract("According to Russian news agencies, Assad fled to Moscow.")
    >>> [(a.source.text, a.cue.text) for a in doc.attributions]
    [('Russian news agencies', 'According to')]
    >>> [(m.text, m.kind) for m in extract("Assad fled. He reached Moscow.", kinds=["name"]).mentions]
    [('Assad', 'name'), ('Moscow', 'name')]
    >>> doc = extract("Talks ended on Friday.", date="2024-12-11")
    >>> [(m.text, m.timex_type, m.value) for m in doc.mentions if m.type == "Temporal"]
    [('Friday', 'DATE', '2024-12-06')]
    """
    if isinstance(kinds, str):
        raise TypeError(f"kinds is a list of mention kinds (e.g. [{kinds!r}]), not a str")
    return _default_pipeline(format, None if kinds is None else tuple(kinds)).extract(text, date=date)
