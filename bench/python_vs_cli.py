"""Python `Pipeline.pipe()` against the CLI (`informant extract --input jsonl`) on the same batch.

The batch is the re3d texts (../shared/data/re3d/*.jsonl) repeated to about a million words
(the seed document when re3d is absent), written to bench/corpus/python_vs_cli.jsonl. Each side
runs on 1 thread and on all threads; within each repeat the CLI and Python run one after the other,
so both see the same load, and the best of --repeat runs is kept. Target (issue 13): `pipe()`
within 1.2x the CLI's time.

    cargo build --release -p informant-cli
    maturin develop --release        # into the active virtualenv
    python bench/python_vs_cli.py [--words 1000000] [--repeat 3] [--threads 1,2] [--cli target/release/informant]

The CLI writes every document as JSON (to /dev/null); Python is timed twice: iterating the
documents (`pipe`), and also materialising every mention as a Python object and reading its
fields (`pipe+mentions`). Wall time and CPU time (user + system, all threads; the CLI's from
`getrusage` of the child) are both printed: on a shared machine the CPU time is the steadier
measure of work. When `informant-bench` is built (`cargo build --release -p informant-bench`), the
core's own time on one thread, without any output, is printed too: the floor both sides share.

`--baseline DIR` also times another build's `pipe()` in the same rounds (a before/after figure):
build the other version with `maturin develop --release`, copy `python/informant` to
`DIR/informant`, rebuild the current one, then `python bench/python_vs_cli.py --baseline DIR`.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import resource
import subprocess
import sys
import time
from typing import Callable, Dict, Iterable, List, Tuple

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


def consume(stream: Iterable[informant.Document], mentions: bool) -> None:
    """Takes every document; with `mentions`, also makes each mention and reads its fields."""
    n = 0
    for d in stream:
        if mentions:
            for m in d.mentions:
                n += m.end - m.start + len(m.text) + len(m.type)
        else:
            n += 1
    assert n > 0


# The baseline's loop: the same work as `consume`, timed in the child.
CHILD = """
import json, sys, time
import informant
docs = [(str(r["id"]), r["text"]) for r in map(json.loads, open(sys.argv[1], encoding="utf-8"))]
pipeline = informant.Pipeline(tokens=False)
threads, mentions = int(sys.argv[2]), sys.argv[3] == "1"
c0, t0 = time.process_time(), time.perf_counter()
n = 0
for d in pipeline.pipe(docs, batch_size=256, n_threads=threads):
    if mentions:
        for m in d.mentions:
            n += m.end - m.start + len(m.text) + len(m.type)
    else:
        n += 1
assert n > 0
print(time.perf_counter() - t0, time.process_time() - c0)
"""


def children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def timed(f: Callable[[], None], cpu: Callable[[], float]) -> Tuple[float, float]:
    """Wall and CPU seconds of one call of `f`."""
    c0, t0 = cpu(), time.perf_counter()
    f()
    return time.perf_counter() - t0, cpu() - c0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--words", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--threads", default="1,all", help="comma-separated thread counts; all = every core")
    ap.add_argument("--baseline", default="",
                    help="a directory holding another build of the informant package (e.g. main's), whose "
                         "pipe() is timed too, in a child process, in the same rounds")
    target = os.environ.get("CARGO_TARGET_DIR", str(ROOT / "target"))
    ap.add_argument("--cli", default=str(pathlib.Path(target) / "release" / "informant"))
    ap.add_argument("--core", default=str(pathlib.Path(target) / "release" / "informant-bench"),
                    help="the core's own benchmark (one core, no output), shown for reference if built; '' skips it")
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
        consume(pipeline.pipe(docs, batch_size=256, n_threads=threads), mentions)

    def baseline(threads: int, mentions: bool) -> Tuple[float, float]:
        # Another build of the package, in a child process; it times its own loop.
        out = subprocess.run([sys.executable, "-c", CHILD, str(path), str(threads), str(int(mentions))],
                             env={**os.environ, "PYTHONPATH": args.baseline},
                             capture_output=True, text=True, check=True).stdout.split()
        return float(out[0]), float(out[1])

    core = pathlib.Path(args.core)
    if args.core and core.exists():
        out = subprocess.run([str(core), "--stage", "extract", "--words", str(args.words),
                              "--repeat", str(args.repeat), "--data", str(RE3D)],
                             capture_output=True, text=True, check=True).stdout
        line = next((x for x in out.splitlines() if x.startswith("best of")), "")
        print(f"core alone (informant-bench, 1 thread, no output): {line.split()[-2] if line else '?'} s")
    print("load average before:", " ".join(f"{x:.2f}" for x in os.getloadavg()))
    if args.baseline:
        print(f"baseline: the informant package in {args.baseline}")
    print(f"{'threads':>7}  {'side':<15} {'wall s':>7} {'x CLI':>6}  {'CPU s':>7} {'x CLI':>6}  {'words/s':>10}")
    threads_list = sorted({cores if t == "all" else int(t) for t in args.threads.split(",")})
    for threads in threads_list:
        sides: Dict[str, Callable[[], Tuple[float, float]]] = {
            "CLI": lambda: timed(lambda: cli(threads), children_cpu),
            "pipe": lambda: timed(lambda: py(threads, False), time.process_time),
            "pipe+mentions": lambda: timed(lambda: py(threads, True), time.process_time),
        }
        if args.baseline:
            sides["baseline pipe"] = lambda: baseline(threads, False)
            sides["baseline pipe+m"] = lambda: baseline(threads, True)
        runs: Dict[str, List[Tuple[float, float]]] = {k: [] for k in sides}
        for _ in range(args.repeat):
            for name, run in sides.items():
                runs[name].append(run())
        wall_cli = min(w for w, _ in runs["CLI"])
        cpu_cli = min(c for _, c in runs["CLI"])
        for name, rs in runs.items():
            wall = min(w for w, _ in rs)
            cpu = min(c for _, c in rs)
            print(f"{threads:>7}  {name:<15} {wall:>7.2f} {wall / wall_cli:>5.2f}x  {cpu:>7.2f} "
                  f"{cpu / cpu_cli:>5.2f}x  {n_words / wall:>10,.0f}")
    print("load average after:", " ".join(f"{x:.2f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()
