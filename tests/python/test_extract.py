"""What the default pipeline finds in the seed document (the core's current output)."""

from __future__ import annotations

from collections import defaultdict
from typing import Dict, Set

import informant


def _by_type(doc: informant.Document) -> Dict[str, Set[str]]:
    out: Dict[str, Set[str]] = defaultdict(set)
    for m in doc.mentions:
        out[m.type].add(m.text)
    return out


def test_assad_is_one_person(seed_doc: informant.Document) -> None:
    assad = {m.entity for m in seed_doc.mentions if m.text in ("Bashar al-Assad", "Al-Assad", "Assad")}
    assert len(assad) == 1 and None not in assad
    (eid,) = assad
    entity = next(e for e in seed_doc.entities if e.id == eid)
    assert entity.type == "Person" and entity.name == "Bashar al-Assad"
    texts = {seed_doc.mentions[i].text for i in entity.mentions}
    assert {"Bashar al-Assad", "Al-Assad", "Assad"} <= texts
    assert all(seed_doc.mentions[i].entity == eid for i in entity.mentions)


def test_people_places_organisations(seed_doc: informant.Document) -> None:
    found = _by_type(seed_doc)
    assert "Vladimir Putin" in found["Person"]
    assert {
        "Syria", "Russia", "Latakia", "Tartous", "Moscow", "Ukraine", "Middle East",
        "Mediterranean",
    } <= found["Location"]
    assert {"Hmeimim airbase", "Tartous naval base"} <= found["Location"]
    facilities = {m.text for m in seed_doc.mentions if m.subtype == "facility"}
    assert {"Hmeimim airbase", "Tartous naval base"} <= facilities
    assert {
        "Kremlin", "Russian air force", "Syrian army", "the Russian government",
        "Russian forces",
    } <= found["Organisation"]
    assert {"Russian", "Syrian"} <= found["Nationality"]
    names = {(e.type, e.name) for e in seed_doc.entities}
    assert ("Person", "Vladimir Putin") in names
    assert ("Organisation", "Kremlin") in names


def test_attributions(seed_doc: informant.Document) -> None:
    sources = [a.source.text for a in seed_doc.attributions]
    assert sources == [
        "Russian news agencies",
        "Russian war bloggers",
        "insiders",
        "Russian war bloggers",
        "some experts",
        "Influential voices within the military community",
    ]
    first = seed_doc.attributions[0]
    assert first.cue.text == "According to"
    assert first.claim.text.startswith("Al-Assad and his family have been granted asylum")
    for a in seed_doc.attributions:
        assert seed_doc.text[a.claim.start:a.claim.end] == a.claim.text


def test_mention_fields(seed_doc: informant.Document) -> None:
    m = next(m for m in seed_doc.mentions if m.text == "Bashar al-Assad")
    assert (m.start, m.end, m.type) == (8, 23, "Person")
    assert repr(m) == "Mention('Bashar al-Assad', type='Person', start=8, end=23)"
    assert 0 < m.confidence <= 1 and m.confidence == round(m.confidence, 6)
    assert m.recogniser in informant.Pipeline().recognisers
    assert m.sentence == 0
    assert m.resolution == "first"
    assad = next(m for m in seed_doc.mentions if m.text == "Assad")
    assert assad.entity == m.entity and assad.resolution in ("exact_name", "relaxed_name")
    assert isinstance(m.attributes, dict)
    assert m == seed_doc.mentions[seed_doc.mentions.index(m)]
    assert len({m, m}) == 1
    assert repr(seed_doc) == "Document(id='seeds/assad-asylum-russia.txt', mentions=%d, entities=%d)" % (
        len(seed_doc.mentions), len(seed_doc.entities))


def test_patterns_give_attributes() -> None:
    doc = informant.extract("On 8 December 2024 the regime fell. It cost $3 million.")
    temporal = [m for m in doc.mentions if m.type == "Temporal"]
    assert temporal, doc.mentions
    assert any(m.attributes for m in doc.mentions)
