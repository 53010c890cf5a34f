#!/usr/bin/env python3
"""Writes the committed fuzz seed corpus, fuzz/seeds/<family>/, from the project's
own fixtures and ../shared/data. Run from the repository root after building the CLI
(`cargo build --release -p informant-cli`); the output is committed, so fuzzing
and the replay test never need ../shared.

Families: text, markdown, html, json, gazetteer (see fuzz/seeds/README.md).
"""

import gzip
import hashlib
import json
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
OUT = ROOT / "fuzz" / "seeds"
CLI = ROOT / "target" / "release" / "informant"


def put(family: str, data: bytes, name: str | None = None) -> None:
    d = OUT / family
    d.mkdir(parents=True, exist_ok=True)
    name = name or hashlib.sha1(data).hexdigest()[:16]
    (d / name).write_bytes(data)


def nasty() -> list[bytes]:
    """Small hand-written cases of what scrapers deliver, each a pattern the
    fuzzer can grow (the full-size versions are tests in tests/hostile.rs)."""
    return [
        b"",
        b" \n\t\r\n  ",
        b"\xef\xbb\xbfTitle\r\n\r\nBody text.\r\n",
        b"Bad \xff\xfe bytes \xc3 here.",
        b"NUL\x00in\x00the\x00middle. Said Assad.\x00",
        b"." * 300,
        "\u2026 . . . \u2026".encode(),
        b"\n".join(b"\xe2\x80\xa2 item %d: text" % i for i in range(40)),
        b"> " * 200 + b"deep",
        b"- " * 200 + b"deep",
        "\u202eReversed \u2066isolate\u2069 \u200fRLM \u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627 \u0627\u0644\u0623\u0633\u062f.".encode(),
        "\U0001f469\u200d\U0001f469\u200d\U0001f467 \U0001f1f8\U0001f1fe e\u0301\u0301\u0301 Z\u0351\u0352\u0353algo.".encode(),
        "Gen.\u00a0Joseph\u200bVotel said\u00a0(AFP) on 8\u2009December\u00a02024.".encode(),
        b"A" * 2000,
        b"U.S. A. B. C. D. E. F. G. H. I. J. K. L. M. N. O. P.",
        b"35\xc2\xb024\xe2\x80\xb204\xe2\x80\xb3N 35\xc2\xb056\xe2\x80\xb255\xe2\x80\xb3E 37SBV1234567890 33T 455000 4650000",
        b"$1.2 billion, \xc2\xa3300m, 5 million euros, US$ 9,999,999,999,999,999,999.99",
        b"145.500 MHz 2.4GHz 10 kHz +44 20 7946 0000 @handle #tag a@b.c https://x.y/z?q=1",
        b"Resolution 2254 UNSCR 2401 S/2018/1234 last Tuesday 18 months 2019-2020 1999/12/31",
        b"According to According to said said said according to, \"quote\" he said.",
        b"Name,Type\n\"a,b\",c\n\t\t\n|---|---|\n| a | b |\n",
        b"\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x7f\x80\x81\xfe\xff" * 20,
        "\ud7ff\ue000\uffff\U00010000\U0010ffff".encode(),
    ]


def html_nasty() -> list[bytes]:
    return [
        b"<html><meta charset=windows-1252><h1>Caf\xe9</h1><p>Text.</p></html>",
        b"<meta charset=shift_jis><p>\x82\xa0\x82\xa2</p>",
        b"\xff\xfe<\x00p\x00>\x00h\x00i\x00",
        b"<div>" * 400 + b"deep text. More." + b"</div>" * 10,
        b"<p>unclosed <b><i>nest <table><tr><td>cell<p>para</table> <script>var x='</p>';</script>",
        b"<!doctype html><title>T</title><article><h2>H</h2><p>One. Two.</p><ul><li>a<li>b</ul></article>",
        b'<script type="application/ld+json">{"@type":"NewsArticle","headline":"H","author":{"name":"A"},"datePublished":"2024-12-08"}</script><p>Body.</p>',
        b'<meta property="og:title" content="&amp;&#x0;&#xD800;&#1114112;"><p>&nbsp;&zwnj;&lt;</p>',
        b"<![CDATA[x]]><!-- <p>comment --><pre>  pre\n  formatted </pre><br><br><p>",
        b"<p>" + b"&amp;" * 500 + b"</p>",
    ]


def markdown_nasty() -> list[bytes]:
    return [
        b"# Title\n\n## Heading\n\nPara *em* **strong** [link](http://x) `code`.\n\n- a\n- b\n\n1. one\n2. two\n",
        b"```\ncode block\n```\n\n> quote\n> > nested\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
        b"Setext\n======\n\nSub\n---\n\n* * *\n\n<div>html</div>\n\n[ref]: http://x\n",
        b"- " * 100 + b"x\n" + b"  " * 100 + b"- y",
        b"*" * 500 + b"_" * 500 + b"[" * 200 + b"]" * 200,
    ]


def main() -> None:
    if OUT.exists():
        shutil.rmtree(OUT)
    seed = (ROOT / "seeds" / "assad-asylum-russia.txt").read_bytes()
    put("text", seed, "assad-asylum-russia.txt")
    for line in (ROOT / "tests" / "data" / "sbd-golden-rules" / "english.jsonl").read_text().splitlines():
        if line.strip():
            rule = json.loads(line)
            put("text", rule["input"].encode(), f"golden-rule-{rule['n']:02}")
    # re3d: only the public-domain sources (CENTCOM, US State Department).
    for source in ["centcom", "us-state-department"]:
        for line in (SHARED / "re3d" / f"{source}.jsonl").read_text().splitlines():
            doc = json.loads(line)
            put("text", doc["text"].encode(), f"re3d-{source}-{doc['id'][:12]}.txt")
    for i, b in enumerate(nasty()):
        put("text", b, f"nasty-{i:02}")
    for i, b in enumerate(markdown_nasty()):
        put("markdown", b, f"nasty-{i:02}.md")
    put("markdown", seed, "assad-asylum-russia.md")
    # HTML: the project's own test page, the five smallest pages of the
    # article-extraction set (MIT), and malformed snippets.
    put("html", (ROOT / "crates" / "informant" / "tests" / "data" / "html" / "article.html").read_bytes(), "article.html")
    pages = sorted((SHARED / "article-extraction" / "html").glob("*.html.gz"), key=lambda p: p.stat().st_size)
    for p in pages[:5]:
        put("html", gzip.decompress(p.read_bytes()), p.name.removesuffix(".gz")[:16] + ".html")
    for i, b in enumerate(html_nasty()):
        put("html", b, f"nasty-{i:02}.html")
    # JSON: documents the pipeline wrote (the JSON contract), plus hand-made broken ones.
    for name in ["assad-asylum-russia.txt"] + sorted(p.name for p in (OUT / "text").glob("re3d-centcom-*"))[:3]:
        out = subprocess.run([str(CLI), "extract", "--tokens", str(OUT / "text" / name)], check=True, capture_output=True)
        put("json", out.stdout, name.removesuffix(".txt") + ".json")
    put("json", b'{"text":"ab","mentions":[{"start":0,"end":9,"type":"Person"}]}', "bad-span.json")
    put("json", b'{"text":"ab","mentions":[{"start":0,"end":1,"type":"Person","entity":"e9"}],"entities":[{"id":"e1","type":"Person","name":"a","mentions":[5]}]}', "bad-index.json")
    put("json", b'{"text":"\\u00e9t\\u00e9","sentences":[{"start":1,"end":3}],"tokens":[{"start":0,"end":2,"kind":"word"}]}', "no-blocks.json")
    # User gazetteers: the first byte picks the reader (0 CSV, 1 TSV, 2 JSON, 3 JSONL).
    put("gazetteer", b"\x00name,type,subtype,aliases,attributes\nAl-Tanf garrison,Location,facility,At Tanf|Tanf,\"{\"\"country\"\": \"\"SY\"\"}\"\nThe garrison at At Tanf was hit.", "csv")
    put("gazetteer", b"\x01name\ttype\tsubtype\taliases\tattributes\nWagner Group\tOrganisation\tarmed_group\tWagner|PMC Wagner\t{}\nWagner fighters left.", "tsv")
    put("gazetteer", b'\x02[{"name": "Kh-101", "type": "Weapon", "aliases": ["Kh 101", "X-101"], "attributes": {"range_km": 2500}}]', "json")
    put("gazetteer", b'\x03{"name": "Oryx", "type": "Organisation"}\n{"name": "ORYX", "type": "Organisation", "subtype": "media"}\n\nbad line', "jsonl")
    put("gazetteer", b"\x00name,type\n\"unterminated,Person\n,,,,\n\xff,Location", "bad.csv")
    # The licences of what the seeds quote, beside them (outside the corpus folders).
    licences = {
        "LICENSE-re3d-centcom": SHARED / "re3d" / "centcom.LICENSE",
        "ATTRIBUTION-re3d-centcom": SHARED / "re3d" / "centcom.ATTRIBUTION",
        "LICENSE-re3d-us-state-department": SHARED / "re3d" / "us-state-department.LICENSE",
        "ATTRIBUTION-re3d-us-state-department": SHARED / "re3d" / "us-state-department.ATTRIBUTION",
        "LICENSE-article-extraction": SHARED / "article-extraction" / "LICENSE",
        "LICENSE-sbd-golden-rules": ROOT / "tests" / "data" / "sbd-golden-rules" / "LICENSE",
    }
    for name, src in licences.items():
        shutil.copyfile(src, OUT / name)
    for d in ["text", "markdown", "html", "json", "gazetteer"]:
        print(d, len(list((OUT / d).iterdir())), sum(p.stat().st_size for p in (OUT / d).iterdir()), "bytes")


if __name__ == "__main__":
    main()
