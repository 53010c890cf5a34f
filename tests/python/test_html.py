"""Notebook rendering: escaping, nesting, and a real browser's screenshot on light and dark pages."""

from __future__ import annotations

import os
import pathlib
import shutil
import subprocess
from typing import Optional, Set, Tuple

import pytest

import informant
from informant._html import COLOURS

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_escapes_everything() -> None:
    doc = informant.extract('<script>alert("x")</script> Putin & Assad <b>met</b> in "Moscow".')
    out = doc._repr_html_()
    assert "<script>alert" not in out and "&lt;script&gt;" in out
    assert "&lt;b&gt;met&lt;/b&gt;" in out and "&amp;" in out
    assert out == informant.to_html(doc)
    doc = informant.Pipeline().extract("Attack on \"Moscow\" <x>", id='<img src=x onerror="y">')
    assert "<img" not in informant.to_html(doc)


def test_marks_and_legend(seed_rules_doc: informant.Document) -> None:
    seed_doc = seed_rules_doc
    out = seed_doc._repr_html_()
    types = {m.type for m in seed_doc.mentions}
    for t in types:
        assert COLOURS[t] in out
    assert out.count("<mark") >= 40
    # Nested mentions: the outer one is highlighted, the inner listed in its tooltip.
    assert "inside: Russian [Nationality]" in out
    assert 'class="inf-title"' in out and 'class="inf-label"' in out
    # The text survives: strip the tags and the legend, and the document is there.
    assert "Hmeimim airbase" in out and "Mediterranean" in out


def test_plain_document() -> None:
    out = informant.parse("No entities here.\n\nJust text.")._repr_html_()
    assert "No entities here." in out and "<mark" not in out.split('class="inf-text"')[1]


def _chromium() -> Optional[str]:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    return None


def _screenshot(browser: str, html: str, out: pathlib.Path) -> None:
    page = out.with_suffix(".html")
    page.write_text(html, encoding="utf-8")
    subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         "--disable-dev-shm-usage", f"--screenshot={out}", "--window-size=1100,1500",
         page.as_uri()],
        check=True, capture_output=True, timeout=120,
    )


def _rgb(hex_colour: str) -> Tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return (int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16))


@pytest.mark.parametrize(
    "theme,background,ink",
    [("light", "#ffffff", "#1f1f1f"), ("dark", "#1e1e1e", "#d4d4d4")],
)
def test_screenshot(seed_rules_doc: informant.Document, tmp_path: pathlib.Path, theme: str,
                    background: str, ink: str) -> None:
    seed_doc = seed_rules_doc
    browser = _chromium()
    if browser is None:
        pytest.skip("no chromium: install it (apt-get install chromium) to check the rendering")
    Image = pytest.importorskip("PIL.Image", reason="Pillow is needed to read the screenshot")
    page = (
        f'<!doctype html><html><head><meta charset="utf-8"></head>'
        f'<body style="background:{background};color:{ink};margin:16px">'
        f"{seed_doc._repr_html_()}</body></html>"
    )
    out = tmp_path / f"seed-{theme}.png"
    _screenshot(browser, page, out)
    keep = os.environ.get("INFORMANT_SCREENSHOTS")
    if keep:
        pathlib.Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(out, pathlib.Path(keep) / out.name)
    img = Image.open(out).convert("RGB")
    assert img.size[0] >= 1000 and img.size[1] >= 1000
    pixels: Set[Tuple[int, int, int]] = {c for _, c in img.getcolors(maxcolors=1 << 24)}
    highlights = {t for t in {m.type for m in seed_doc.mentions} if _rgb(COLOURS[t]) in pixels}
    assert len(highlights) >= 4, highlights
    # Running text in the page's own colour (anti-aliased: near it), and dark ink in the marks.
    near = lambda c, p: all(abs(a - b) <= 40 for a, b in zip(c, p))  # noqa: E731
    assert any(near(_rgb(ink), p) for p in pixels), "text in the page's colour is missing"
    assert any(max(p) < 70 for p in pixels), "no dark ink"
    assert _rgb(background) in pixels
