"""Time expressions: TIMEX3 types and values against the document's date."""

from __future__ import annotations

import datetime
import json
import pickle

import pytest

import informant
from conftest import ROOT, SEED


def temporal(doc: informant.Document) -> dict[str, tuple[str | None, str | None]]:
    return {m.text: (m.timex_type, m.value) for m in doc.mentions if m.type == "Temporal"}


TEXT = ("Rebels took Aleppo on 27 November 2024. A week later they reached Hama, and on Friday "
        "the army left Homs. Talks resume next week; the sides have met weekly for three years.")


@pytest.mark.parametrize("date", ["2024-12-08", datetime.date(2024, 12, 8),
                                  datetime.datetime(2024, 12, 8, 23, 59)])
def test_values_against_the_given_date(date: str | datetime.date) -> None:
    doc = informant.extract(TEXT, date=date)
    assert doc.date == datetime.date(2024, 12, 8)
    assert doc.date_source == "input"
    t = temporal(doc)
    assert t["27 November 2024"] == ("DATE", "2024-11-27")
    assert t["A week later"] == ("DATE", "2024-12-04")
    assert t["Friday"] == ("DATE", "2024-12-06")
    assert t["next week"] == ("DATE", "2024-W50")
    assert t["weekly"] == ("SET", "P1W")
    assert t["three years"] == ("DURATION", "P3Y")
    # Other mentions carry no timex.
    assert all(m.timex_type is None and m.value is None
               for m in doc.mentions if m.type != "Temporal")


def test_no_date_no_guess() -> None:
    doc = informant.Pipeline().extract(TEXT)
    assert doc.date is None and doc.date_source is None
    t = temporal(doc)
    assert t["27 November 2024"] == ("DATE", "2024-11-27")
    # Counted from the date the text gave: no document date needed.
    assert t["A week later"] == ("DATE", "2024-12-04")
    # Relative to a document date nobody gave: a type, no value (never today's date).
    assert t["Friday"] == ("DATE", None)
    assert t["next week"] == ("DATE", None)
    today = datetime.date.today().isoformat()
    assert all(v is None or not v.startswith(today[:7]) for _, v in t.values())


def test_dateline_gives_the_date() -> None:
    doc = informant.extract("Rebels enter Damascus\nDecember 8, 2024\nThey entered yesterday.")
    assert doc.date == datetime.date(2024, 12, 8) and doc.date_source == "dateline"
    assert temporal(doc)["yesterday"] == ("DATE", "2024-12-07")
    # The caller's date wins.
    doc = informant.extract("Rebels enter Damascus\nDecember 8, 2024\nThey entered yesterday.",
                            date="2024-12-09")
    assert doc.date_source == "input"
    assert temporal(doc)["yesterday"] == ("DATE", "2024-12-08")


@pytest.mark.parametrize("bad", ["12/08/2024", "8 December 2024", "2024-02-30", "", "2024-12"])
def test_bad_dates_raise(bad: str) -> None:
    with pytest.raises(informant.DateError, match="invalid date"):
        informant.extract("Talks ended on Friday.", date=bad)
    with pytest.raises(ValueError):
        informant.Pipeline().extract("x", date=bad)
    with pytest.raises(informant.DateError):
        list(informant.Pipeline().pipe(["x"], date=bad))
    with pytest.raises(informant.DateError):
        list(informant.Pipeline().pipe([("a", "x", bad)]))


def test_date_of_the_wrong_type() -> None:
    with pytest.raises(TypeError, match="datetime.date"):
        informant.extract("x", date=20241208)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        list(informant.Pipeline().pipe([("a", "x", 20241208)]))  # type: ignore[list-item]


def test_pipe_dates() -> None:
    p = informant.Pipeline(tokens=False)
    items: list[str | tuple[str | None, str] | tuple[str | None, str, str | datetime.date | None]]
    items = [
        "Talks ended on Friday.",
        ("b", "Talks ended on Friday."),
        ("c", "Talks ended on Friday.", "2024-12-04"),
        ("d", "Talks ended on Friday.", datetime.date(2024, 11, 27)),
        ("e", "Talks ended on Friday.", None),
    ]
    docs = list(p.pipe(items, date="2024-12-11", batch_size=2))
    assert [d.id for d in docs] == [None, "b", "c", "d", "e"]
    assert [temporal(d)["Friday"][1] for d in docs] == [
        "2024-12-06", "2024-12-06", "2024-11-29", "2024-11-22", "2024-12-06"]
    docs = list(p.pipe(["Talks ended on Friday."]))
    assert docs[0].date is None and temporal(docs[0])["Friday"] == ("DATE", None)


def test_json_pickle_and_frames() -> None:
    doc = informant.extract(TEXT, date="2024-12-08")
    d = doc.to_dict()
    assert d["date"] == "2024-12-08" and d["date_source"] == "input"
    friday = next(m for m in d["mentions"] if m["text"] == "Friday")
    assert (friday["timex_type"], friday["value"]) == ("DATE", "2024-12-06")
    for back in (pickle.loads(pickle.dumps(doc)), informant.Document.from_json(doc.to_json())):
        assert back == doc
        assert back.date == doc.date and back.date_source == "input"
        assert temporal(back) == temporal(doc)
    bad = json.loads(doc.to_json())
    bad["date"] = "08.12.2024"
    with pytest.raises(informant.DateError):
        informant.Document.from_json(json.dumps(bad))
    pytest.importorskip("pandas", reason="pandas is not installed")
    df = doc.to_pandas()
    assert {"timex_type", "value"} <= set(df.columns)
    row = df[df.text == "Friday"].iloc[0]
    assert (row.timex_type, row.value) == ("DATE", "2024-12-06")
    others = df[df.type != "Temporal"]
    assert others.timex_type.isna().all() and others.value.isna().all()


def test_seed_dates_carry_values() -> None:
    path = ROOT / "seeds" / "assad-asylum-russia.expected.json"
    expected = json.loads(path.read_text(encoding="utf-8"))
    for date in (None, "2024-12-09"):
        doc = informant.extract(SEED, date=date)
        t = temporal(doc)
        for text, ty, value in expected["timexes"]:
            assert t[text] == (ty, value)
        assert all(v is not None for _, v in t.values())
