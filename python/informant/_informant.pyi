"""Native module (Rust, PyO3). Import from ``informant``, which re-exports all of it.

Every offset is a Unicode code point into ``Document.text``: ``doc.text[x.start:x.end] == x.text``.
"""

import datetime
import os
from typing import Any, Dict, Iterable, Iterator, List, Literal, Optional, Sequence, Tuple, Union, final

__version__: str
__all__ = [
    "Attribution",
    "Block",
    "Document",
    "DocumentStream",
    "DateError",
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
    "__version__",
]

class Error(Exception):
    """Base class of every informant error (also raised for an internal error, a bug)."""

class InvalidInputError(Error, ValueError):
    """The input cannot be processed: invalid UTF-8, or a span that does not fit the text."""

class DocumentTooLargeError(InvalidInputError):
    """The document is larger than the pipeline's ``max_bytes``."""

class FormatError(Error, ValueError):
    """Unknown or unsupported input format."""

class JsonError(Error, ValueError):
    """A JSON document could not be read."""

class GazetteerError(Error, ValueError):
    """A user gazetteer is malformed."""

class PatternError(Error, ValueError):
    """A user pattern does not compile or names an unknown entity type."""

class DateError(Error, ValueError):
    """A document date that is not an ISO 8601 date (YYYY-MM-DD) or names no such day."""

@final
class Span:
    """A stretch of the document's text: ``text == doc.text[start:end]``."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...
    def __len__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Block:
    """A structural unit of the document."""

    @property
    def kind(self) -> str:
        """``title``, ``heading``, ``paragraph``, ``list_item``, ``quote``, ``table`` or ``code``."""
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def level(self) -> Optional[int]:
        """1 for the title, 2 and more for headings, else ``None``."""
    @property
    def label(self) -> Optional[Span]:
        """For a list item that begins ``Label: ...``, the label without its colon."""
    @property
    def source(self) -> Optional[Tuple[int, int]]:
        """HTML only: the ``(start, end)`` byte range of the element the block came from, in
        the page's bytes (UTF-8 encoded when the page was given as ``str``)."""
    def __eq__(self, other: object, /) -> bool: ...

@final
class Sentence:
    """A sentence; it lies inside one block."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def block(self) -> int:
        """Index of its block in ``Document.blocks``."""
    def __eq__(self, other: object, /) -> bool: ...

@final
class Token:
    """A token."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def kind(self) -> str:
        """``word``, ``number``, ``punctuation``, ``symbol``, ``url``, ``email``, ``handle``
        or ``hashtag``."""
    def __eq__(self, other: object, /) -> bool: ...

@final
class Mention:
    """One mention of an entity in the text."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def type(self) -> str:
        """``Person``, ``Organisation``, ``Location``, ``Nationality``, ``Temporal``, ``Money``,
        ``Quantity``, ``Weapon``, ``MilitaryPlatform``, ``Vehicle``, ``Product``,
        ``Financial``, ``DocumentReference``, ``Coordinate``, ``CommsIdentifier``, ``Frequency``
        or ``Url``."""
    @property
    def kind(self) -> str:
        """``name``, ``nominal`` (``the regime``), ``pronoun`` (``he``), ``value`` (dates, money,
        quantities, coordinates, identifiers) or ``titled`` (``President Bashar al-Assad``: a
        name with its title; the bare name inside it is a ``name`` of the same entity)."""
    @property
    def subtype(self) -> Optional[str]:
        """A finer type (``country``, ``facility``, ``armed_group``, ...)."""
    @property
    def confidence(self) -> float:
        """From 0 to 1."""
    @property
    def recogniser(self) -> str:
        """What found it: ``gazetteer``, ``pattern``, ``rules``, ..."""
    @property
    def entity(self) -> Optional[str]:
        """Id of the entity it refers to (see ``Document.entities``), once resolved."""
    @property
    def resolution(self) -> Optional[str]:
        """How it joined its entity: the resolution sieve that linked it (``first``,
        ``exact_name``, ``acronym``, ``relaxed_name``, ``appositive``, ``title``,
        ``nominal``, ``pronoun``); ``None`` for a mention of no entity."""
    @property
    def sentence(self) -> Optional[int]:
        """Index of the sentence holding it."""
    @property
    def timex_type(self) -> Optional[str]:
        """A Temporal mention's TIMEX3 type: ``DATE``, ``TIME``, ``DURATION`` or ``SET``;
        ``None`` for other types."""
    @property
    def value(self) -> Optional[str]:
        """A Temporal mention's TIMEX3 value, ISO 8601 as TimeML writes it (``2024-12-08``,
        ``2024-W49``, ``199X``, ``P3Y``, ``PAST_REF``, ...), relative expressions anchored to
        ``Document.date``; ``None`` when it cannot be known (a relative expression in a
        document without a date) and for other types."""
    @property
    def attributes(self) -> Dict[str, Any]:
        """Normalised values and other attributes (e.g. ``{"iso": "2024-12-08"}``); a new dict."""
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Entity:
    """A real-world entity: the mentions in one document that refer to it."""

    @property
    def id(self) -> str:
        """Unique within the document (``e0``, ``e1``, ...)."""
    @property
    def type(self) -> str: ...
    @property
    def name(self) -> str:
        """Canonical name: a gazetteer entry's name, else the longest name mention; a
        nominal or pronoun only when nothing else names the entity."""
    @property
    def mentions(self) -> List[int]:
        """Indices into ``Document.mentions``, in text order."""
    @property
    def attributes(self) -> Dict[str, Any]:
        """Known attributes (country code, coordinates, ids); a new dict."""
    def __eq__(self, other: object, /) -> bool: ...

@final
class Attribution:
    """A claim attributed to a source: ``source`` says ``claim``, marked by ``cue``."""

    @property
    def source(self) -> Span: ...
    @property
    def source_entity(self) -> Optional[str]:
        """Id of the entity the source refers to, where one matches."""
    @property
    def cue(self) -> Span:
        """The words that mark the attribution (``According to``, ``said``)."""
    @property
    def claim(self) -> Span: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class Document:
    """A processed document: the original text and everything found in it.

    Immutable; child objects (``mentions``, ``sentences``, ...) are made on first access
    and cached, as tuples. Documents compare equal when their JSON contracts are equal,
    and pickle (through JSON, tokens included).
    """

    @property
    def text(self) -> str:
        """The original text, exactly as given."""
    @property
    def id(self) -> Optional[str]:
        """The caller's id (``Pipeline.extract(text, id=...)``, ``pipe`` pairs), or ``None``."""
    @property
    def format(self) -> str:
        """The format the text was parsed as: ``text``, ``markdown`` or ``html``."""
    @property
    def metadata(self) -> Dict[str, Union[str, List[str]]]:
        """What the page says about itself (HTML): ``title``, ``authors`` (a list),
        ``published``, ``url``, ``site``, ``language``; a key only when it was found."""
    @property
    def date(self) -> Optional[datetime.date]:
        """The document's date, the anchor of relative time expressions: the one given to
        ``extract``/``pipe``, else the page's metadata or a dateline; ``None`` if unknown."""
    @property
    def date_source(self) -> Optional[str]:
        """Where ``date`` came from: ``input``, ``metadata`` or ``dateline``; ``None`` without one."""
    @property
    def title(self) -> Optional[Span]: ...
    @property
    def blocks(self) -> Tuple[Block, ...]: ...
    @property
    def sentences(self) -> Tuple[Sentence, ...]: ...
    @property
    def tokens(self) -> Tuple[Token, ...]:
        """Empty when the pipeline has ``tokens=False``."""
    @property
    def mentions(self) -> Tuple[Mention, ...]:
        """By start, then longer first; mentions may nest."""
    @property
    def entities(self) -> Tuple[Entity, ...]: ...
    @property
    def attributions(self) -> Tuple[Attribution, ...]: ...
    def to_dict(self, tokens: bool = True) -> Dict[str, Any]:
        """The JSON contract (docs/json.md) as a dict."""
    def to_json(self, tokens: bool = True, indent: bool = False) -> str:
        """The JSON contract (docs/json.md) as text."""
    def to_geojson(self) -> Dict[str, Any]:
        """The resolved places as a GeoJSON FeatureCollection (docs/geo.md): one Point
        feature per Location entity with coordinates; ``folium.GeoJson(doc.to_geojson())``
        and ``geopandas.GeoDataFrame.from_features(...)`` read it."""
    @classmethod
    def from_json(cls, data: Union[str, bytes]) -> Document:
        """Reads the JSON contract; ``JsonError`` or ``InvalidInputError`` if it does not fit."""
    def to_pandas(self, kind: str = "mentions") -> Any:
        """A pandas DataFrame; see ``informant.to_pandas``."""
    def _repr_html_(self) -> str: ...
    def __reduce__(self) -> Tuple[Any, Tuple[str]]: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: None  # type: ignore[assignment]

@final
class Pipeline:
    """Turns text into ``Document`` objects; configured once, used from any thread.

    ``format``: ``"auto"`` (detect), ``"text"`` or ``"markdown"``.
    ``tokens``: keep tokens in the documents (extraction tokenizes anyway).
    ``patterns``, ``rules``, ``builtin_gazetteer``, ``tagger``: the recognisers to run.
    ``resolve``: group mentions into entities. ``geo``: resolve places to GeoNames with
    coordinates (needs ``resolve``; with ``rules``, also finds ``Town, St.`` places; docs/geo.md).
    ``attribute``: find attributed claims.
    ``gazetteers``: extra gazetteers, each a path (``.tsv``, ``.csv``, ``.json``, ``.jsonl``)
    or a ``(name, content)`` pair whose name's extension chooses the reader.
    ``extra_patterns``: ``(type, subtype or None, regex)`` triples (Rust ``regex`` syntax).
    ``max_bytes``: largest document accepted.
    ``kinds``: the mention kinds kept in the documents (``None``: every kind), e.g. ``["name"]``
    for names alone; entities still form from every mention (a pronoun still joins its person).
    A kind name that is not ``name``, ``nominal``, ``pronoun``, ``value`` or ``titled`` raises
    ``ValueError``.

    Raises ``FormatError``, ``GazetteerError``, ``PatternError``, or ``FileNotFoundError`` /
    ``PermissionError`` for a gazetteer file that cannot be read.
    """

    def __new__(
        cls,
        *,
        format: str = "auto",
        tokens: bool = True,
        patterns: bool = True,
        rules: bool = True,
        builtin_gazetteer: bool = True,
        tagger: bool = True,
        resolve: bool = True,
        geo: bool = True,
        attribute: bool = True,
        gazetteers: Sequence[Union[str, os.PathLike[str], Tuple[str, str]]] = ...,
        extra_patterns: Sequence[Tuple[str, Optional[str], str]] = ...,
        max_bytes: int = ...,
        kinds: Optional[Sequence[Literal["name", "nominal", "pronoun", "value", "titled"]]] = None,
    ) -> Pipeline: ...
    @classmethod
    def from_config(cls, config: Union[str, Dict[str, Any]]) -> Pipeline:
        """Rebuilds a pipeline from ``Pipeline.config`` or its JSON text."""
    @property
    def config(self) -> Dict[str, Any]:
        """Everything that defines the pipeline (user gazetteers by content)."""
    @property
    def recognisers(self) -> List[str]:
        """The recognisers' names, in the order they run."""
    def parse(self, text: str, *, id: Optional[str] = None) -> Document:
        """Structure, sentences and tokens; no entities."""
    def extract(
        self,
        text: str,
        *,
        id: Optional[str] = None,
        date: Optional[Union[str, datetime.date]] = None,
    ) -> Document:
        """The whole pipeline: structure, entities, attributions.

        ``date`` (``"YYYY-MM-DD"`` or a ``datetime.date``) is the document's date, the anchor
        of relative time expressions; without it, the page's metadata or a dateline, if any.
        Raises ``DateError`` for a date in another format or a day that does not exist.
        """
    def pipe(
        self,
        texts: Iterable[
            Union[
                str,
                Tuple[Optional[str], str],
                Tuple[Optional[str], str, Optional[Union[str, datetime.date]]],
            ]
        ],
        *,
        batch_size: int = 256,
        n_threads: Optional[int] = None,
        date: Optional[Union[str, datetime.date]] = None,
    ) -> DocumentStream:
        """Extracts many texts in parallel; an iterator of documents in input order.

        Items are ``str``, ``(id, text)`` pairs or ``(id, text, date)`` triples; ``date`` is
        the date of every item that does not give one (``DateError`` if one is malformed).
        ``batch_size`` texts are read at a time (the next batch once no more than half a batch
        is left to yield), and extracted on ``n_threads`` threads (``None``: every core)
        without the GIL while the documents already done are yielded; at most one and a half
        batches are held. A text (or an item) that fails raises its error when its turn comes;
        iteration can go on. Ctrl-C raises ``KeyboardInterrupt`` within 50 ms, and the stream
        ends.
        """
    def __reduce__(self) -> Tuple[Any, Tuple[str]]: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: None  # type: ignore[assignment]

@final
class DocumentStream(Iterator[Document]):
    """The iterator ``Pipeline.pipe`` returns."""

    def __iter__(self) -> DocumentStream: ...
    def __next__(self) -> Document: ...
