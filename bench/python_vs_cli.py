"""Python `Pipeline.pipe()` against the CLI (`informant extract --input jsonl`) on the same corpus.

The corpus is the re3d texts (../shared/data/re3d/*.jsonl) repeated to about a million words
(the seed document when re3d is absent), written to bench/corpus/python_vs_cli.jsonl. Each side
runs on 1 thread and on all threads; the best of --repeat runs is kept. Target: Python adds no
more than 30% to the CLI's time.

    cargo build --release -p informant-cli
    maturin develop --release        # into the active virtualenv
    python bench/python_vs_cli.py [--words 1000000] [--repeat 3] [--cli target/release/informant]

The CLI writes every document as JSON (to /dev/null); Python is timed twice: iterating the
documents (`pipe`), and also materialising every mention as a Python object (`pipe+mentions`).
When `informant-bench` is built (`cargo build --release -p informant-bench`), the core's own time
on one thread, without any output, is printed too: the floor both sides share.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import subprocess
import sys
import time
from typing import Callable, List, Tuple

import informant

ROOT = pathlib.Path(__file__).resolve().parents[1]
RE3D = ROOT.parent / "shared" / "data" / "re3d"


def corpus(words: int) -> List[Tuple[str, str]]:
    base = []
    for path in sorted(RE3D.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            base.append((str(r["id"]), r["text"]))
    if not base:
        base = [("seed", (ROOT / "seeds" / "assad-asylum-russia.txt").read_text(encoding="utf-8"))]
    per_round = sum(len(t.split()) for _, t in base)
    rounds = max(1, round(words / per_round))
    return [(f"{i}-{id_}", t) for i in range(rounds) for id_, t in base]


def best(f: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        f()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--words", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    target = os.environ.get("CARGO_TARGET_DIR", str(ROOT / "target"))
    ap.add_argument("--cli", default=str(pathlib.Path(target) / "release" / "informant"))
    ap.add_argument("--core", default=str(pathlib.Path(target) / "release" / "informant-bench"),
                    help="the core's own benchmark (one core, no output), shown for reference if built")
    args = ap.parse_args()
    if not pathlib.Path(args.cli).exists():
        sys.exit(f"no CLI at {args.cli}: cargo build --release -p informant-cli (or pass --cli)")

    docs = corpus(args.words)
    n_words = sum(len(t.split()) for _, t in docs)
    path = ROOT / "bench" / "corpus" / "python_vs_cli.jsonl"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as f:
        for id_, text in docs:
            f.write(json.dumps({"id": id_, "text": text}) + "\n")
    cores = os.cpu_count() or 1
    print(f"corpus: {len(docs)} documents, {n_words} words, {path.stat().st_size / 1e6:.1f} MB; "
          f"{cores} cores; best of {args.repeat}")

    pipeline = informant.Pipeline(tokens=False)

    def cli(threads: int) -> None:
        with open(os.devnull, "wb") as out:
            subprocess.run([args.cli, "extract", "--input", "jsonl", "--threads", str(threads), str(path)],
                           stdout=out, check=True)

    def py(threads: int, mentions: bool) -> None:
        n = 0
        for d in pipeline.pipe(docs, batch_size=256, n_threads=threads):
            n += len(d.mentions) if mentions else 1
        assert n > 0

    core = pathlib.Path(args.core)
    if core.exists():
        out = subprocess.run([str(core), "--stage", "extract", "--words", str(args.words),
                              "--repeat", str(args.repeat), "--data", str(RE3D)],
                             capture_output=True, text=True, check=True).stdout
        line = next((x for x in out.splitlines() if x.startswith("best of")), "")
        print(f"core alone (informant-bench, 1 thread, no output): {line.split()[-2] if line else '?'} s")
    print(f"{'threads':>7}  {'CLI s':>7}  {'pipe s':>7}  {'+%':>6}  {'pipe+mentions s':>15}  {'+%':>6}  {'words/s (pipe)':>14}")
    for threads in sorted({1, cores}):
        t_cli = best(lambda: cli(threads), args.repeat)
        t_py = best(lambda: py(threads, False), args.repeat)
        t_pym = best(lambda: py(threads, True), args.repeat)
        print(f"{threads:>7}  {t_cli:>7.2f}  {t_py:>7.2f}  {100 * (t_py / t_cli - 1):>+5.0f}%  "
              f"{t_pym:>15.2f}  {100 * (t_pym / t_cli - 1):>+5.0f}%  {n_words / t_py:>14,.0f}")


if __name__ == "__main__":
    main()
