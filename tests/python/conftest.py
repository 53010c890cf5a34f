"""Shared fixtures: the seed document, extracted once per session."""

from __future__ import annotations

import pathlib

import pytest

import informant

ROOT = pathlib.Path(__file__).resolve().parents[2]
SEED_PATH = ROOT / "seeds" / "assad-asylum-russia.txt"
SEED = SEED_PATH.read_text(encoding="utf-8")
RE3D = ROOT.parent / "shared" / "data" / "re3d"


@pytest.fixture(scope="session")
def seed_doc() -> informant.Document:
    return informant.Pipeline().extract(SEED, id=str(SEED_PATH.relative_to(ROOT)))


@pytest.fixture(scope="session")
def seed_rules_doc() -> informant.Document:
    """The seed extracted by patterns, gazetteers and rules only: the rendering tests check
    how types are drawn, which should not move whenever the trained tagger is retrained."""
    return informant.Pipeline(tagger=False).extract(SEED, id=str(SEED_PATH.relative_to(ROOT)))
