"""Documents as HTML, mentions highlighted by type (what Jupyter shows for a ``Document``).

Readable on light and dark notebook themes: highlights have their own light background
and dark text; everything else inherits the notebook's colours. Nested mentions: the
outermost is highlighted, the ones inside it are listed in its tooltip. Everything from
the document is HTML-escaped.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Dict, List, Tuple

if TYPE_CHECKING:
    from informant._informant import Document, Mention

# Light backgrounds: dark text on them reads on any page colour.
COLOURS: Dict[str, str] = {
    "Person": "#ffc98a",
    "Organisation": "#9cc3ff",
    "Location": "#a8e6a1",
    "Nationality": "#f5e97a",
    "Temporal": "#d3c0ff",
    "Money": "#8fe3c8",
    "Quantity": "#d9d9d9",
    "Weapon": "#ff9e9e",
    "MilitaryPlatform": "#f7b2f0",
    "Vehicle": "#8eeaf5",
    "Product": "#c4f0a8",
    "Financial": "#f0d8a8",
    "DocumentReference": "#e8c6a0",
    "Coordinate": "#b7d7f0",
    "CommsIdentifier": "#dfe8a6",
    "Frequency": "#ffd4e0",
    "Url": "#c9b8e0",
}
_OTHER = "#e0e0e0"
_INK = "#1b1b1b"

_STYLE = f"""<style>
.informant-doc {{ color: inherit; background: transparent; font-family: system-ui, -apple-system,
  "Segoe UI", sans-serif; font-size: 15px; line-height: 2.1; max-width: 60em; }}
.informant-doc .inf-text {{ white-space: pre-wrap; }}
.informant-doc .inf-title {{ font-size: 1.35em; font-weight: 700; }}
.informant-doc .inf-heading {{ font-size: 1.12em; font-weight: 700; }}
.informant-doc .inf-label {{ font-weight: 600; }}
.informant-doc mark {{ color: {_INK}; padding: 0.15em 0.35em; margin: 0 0.1em; border-radius: 0.3em;
  line-height: 1; box-decoration-break: clone; -webkit-box-decoration-break: clone; }}
.informant-doc mark .inf-type {{ color: {_INK}; font-size: 0.62em; font-weight: 700;
  text-transform: uppercase; margin-left: 0.4em; vertical-align: middle; opacity: 0.75; }}
.informant-doc .inf-legend {{ margin-bottom: 0.8em; line-height: 2.4; }}
.informant-doc .inf-legend mark {{ font-size: 0.8em; }}
.informant-doc .inf-meta {{ font-size: 0.8em; opacity: 0.7; margin-bottom: 0.3em; }}
</style>"""


def _outermost(mentions: Tuple[Mention, ...]) -> List[Tuple[Mention, List[Mention]]]:
    """The outermost mentions (ordered by start, longer first), each with those nested in it.

    A mention that overlaps the previous one without nesting is dropped.
    """
    out: List[Tuple[Mention, List[Mention]]] = []
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if out and m.start < out[-1][0].end:
            if m.end <= out[-1][0].end:
                out[-1][1].append(m)
            continue
        if m.end > m.start:
            out.append((m, []))
    return out


def _mark(doc_text: str, m: Mention, inner: List[Mention], names: Dict[str, str]) -> str:
    tip = m.type + (f" ({m.subtype})" if m.subtype else "")
    if m.entity is not None and m.entity in names:
        tip += f" → {names[m.entity]} [{m.entity}]"
    tip += f", {m.recogniser}, {m.confidence:.2f}"
    if inner:
        tip += "; inside: " + ", ".join(f"{n.text} [{n.type}]" for n in inner)
    colour = COLOURS.get(m.type, _OTHER)
    return (
        f'<mark style="background: {colour}" title="{html.escape(tip)}">'
        f"{html.escape(doc_text[m.start:m.end])}"
        f'<span class="inf-type">{html.escape(m.type)}</span></mark>'
    )


def to_html(doc: Document) -> str:
    """The document as a self-contained HTML fragment, mentions highlighted by type.

    >>> import informant
    >>> html = informant.to_html(informant.extract("Putin <b>met</b> Assad."))
    >>> "&lt;b&gt;met&lt;/b&gt;" in html and "Person" in html
    True
    """
    text = doc.text
    names = {e.id: e.name for e in doc.entities}
    marks = _outermost(doc.mentions)

    # Styled stretches (title, headings, list labels) never overlap each other; one that a
    # highlight crosses is left unstyled, so marks and styles nest properly.
    styles: List[Tuple[int, int, str]] = []
    for b in doc.blocks:
        cls = {"title": "inf-title", "heading": "inf-heading"}.get(b.kind)
        if cls:
            styles.append((b.start, b.end, cls))
        if b.label is not None:
            styles.append((b.label.start, b.label.end, "inf-label"))
    styles = [
        (s, e, c)
        for s, e, c in sorted(styles)
        if not any(m.start < e and s < m.end and not (s <= m.start and m.end <= e) for m, _ in marks)
    ]

    parts: List[str] = []
    k = 0  # next mark to place

    def emit(a: int, b: int) -> None:
        # Text in [a, b) with the marks lying inside it.
        nonlocal k
        pos = a
        while k < len(marks) and marks[k][0].end <= b:
            m, inner = marks[k]
            parts.append(html.escape(text[pos:m.start]))
            parts.append(_mark(text, m, inner, names))
            pos = m.end
            k += 1
        parts.append(html.escape(text[pos:b]))

    pos = 0
    for s, e, cls in styles:
        emit(pos, s)
        parts.append(f'<span class="{cls}">')
        emit(s, e)
        parts.append("</span>")
        pos = e
    emit(pos, len(text))

    counts: Dict[str, int] = {}
    for m, _ in marks:
        counts[m.type] = counts.get(m.type, 0) + 1
    legend = "".join(
        f'<mark style="background: {COLOURS.get(t, _OTHER)}">{html.escape(t)}'
        f'<span class="inf-type">{n}</span></mark>'
        for t, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    meta = (
        f"{html.escape(str(doc.id)) + ' · ' if doc.id is not None else ''}{doc.format} · "
        f"{len(doc.sentences)} sentences · {len(doc.mentions)} mentions · "
        f"{len(doc.entities)} entities · {len(doc.attributions)} attributions"
    )
    return (
        f'{_STYLE}<div class="informant-doc"><div class="inf-meta">{meta}</div>'
        f'<div class="inf-legend">{legend}</div>'
        f'<div class="inf-text">{"".join(parts)}</div></div>'
    )


render = to_html
