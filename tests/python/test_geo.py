"""Places resolved to GeoNames: entity attributes, the DataFrame columns, GeoJSON."""

from __future__ import annotations

import json

import pytest

import informant


def _place(doc: informant.Document, text: str) -> dict:
    for e in doc.entities:
        if any(doc.mentions[i].text == text for i in e.mentions):
            return e.attributes
    raise AssertionError(f"no entity for {text!r}")


def test_namesake_by_state_abbreviation() -> None:
    doc = informant.extract("ALEXANDRIA, La. — Floods closed roads in Alexandria.")
    a = _place(doc, "Alexandria")
    assert (a["country"], a["admin1"], a["feature"]) == ("US", "LA", "P.PPL")
    assert isinstance(a["geonames"], int) and 30 < a["lat"] < 32
    assert "pattern" in a["evidence"] and 0 < a["confidence"] <= 1
    # the abbreviation is a place too
    assert _place(doc, "La.")["feature"] == "A.ADM1"


def test_demonym_links_to_country() -> None:
    doc = informant.extract("American forces struck targets near Aleppo.")
    am = next(e for e in doc.entities if e.name == "American")
    assert am.type == "Nationality" and am.attributes["geonames"] == 6252001


def test_geojson_and_frame() -> None:
    doc = informant.extract("Troops moved from Damascus toward Homs, in Syria.")
    fc = doc.to_geojson()
    assert fc["type"] == "FeatureCollection"
    names = {f["properties"]["name"] for f in fc["features"]}
    assert {"Damascus", "Homs", "Syria"} <= names
    for f in fc["features"]:
        lon, lat = f["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        s, e = f["properties"]["start"], f["properties"]["end"]
        assert doc.text[s:e]
    json.dumps(fc)  # plain JSON types
    pd = pytest.importorskip("pandas", reason="pandas is not installed")
    ents = doc.to_pandas("entities")
    assert {"geonames", "lat", "lon", "feature", "place_confidence"} <= set(ents.columns)
    row = ents[ents.name == "Damascus"].iloc[0]
    assert row.country == "SY" and row.feature == "P.PPLC"
    assert pd.isna(ents[ents.type == "Person"].lat).all() if (ents.type == "Person").any() else True
