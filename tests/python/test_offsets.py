"""Offsets are code points: `text[m.start:m.end] == m.text`, whatever the characters."""

from __future__ import annotations

import pytest

import informant

TEXTS = [
    "Title 👩‍👩‍👧 Here\n\nقال الأسد إنه غادر. Then Putin’s army 🇸🇾 left Syria for Moscow.",
    "🔥🔥 Breaking: Bashar al-Assad 🇷🇺 reached Moscow 😱 on 8 December 2024.\n\nبشار الأسد في موسكو. Vladimir Putin confirmed it.",
    "\ufeffZero\u200bwidth and non\u00a0breaking: Russian forces left Latakia.\r\n\r\nCRLF paragraph in Tartous.",
    "𝕌𝕟𝕚𝕔𝕠𝕕𝕖 astral 𝟙𝟚𝟛 before Russia and the Kremlin; e\u0301 combining near Damascus.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_spans_are_code_points(text: str) -> None:
    doc = informant.extract(text)
    assert doc.text == text
    assert doc.mentions, "expected some mentions"
    for m in doc.mentions:
        assert text[m.start:m.end] == m.text
    for s in [*doc.sentences, *doc.tokens, *doc.blocks]:
        assert text[s.start:s.end] == s.text
    back = informant.Document.from_json(doc.to_json())
    assert back == doc
    assert [(m.start, m.end) for m in back.mentions] == [(m.start, m.end) for m in doc.mentions]


def test_known_positions() -> None:
    text = "👩‍👩‍👧 Putin met بشار in Moscow."
    doc = informant.extract(text)
    moscow = next(m for m in doc.mentions if m.text == "Moscow")
    assert moscow.start == text.index("Moscow")
    putin = next(t for t in doc.tokens if t.text == "Putin")
    assert putin.start == text.index("Putin")
