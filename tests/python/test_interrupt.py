"""Ctrl-C interrupts a long `pipe()`, even one that runs no Python code between documents."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from conftest import SEED_PATH

# One batch of big documents consumed by `list()`: without a signal check while it waits
# for the workers, nothing could raise KeyboardInterrupt until every document was done
# (about 30 s on one thread here; longer on a slower machine).
CHILD = """
import signal, sys, time
import informant
# A job started in the background by a non-interactive shell inherits SIGINT ignored, and
# Python then installs no handler: give it the usual one, as in a terminal or notebook.
signal.signal(signal.SIGINT, signal.default_int_handler)
text = open(sys.argv[1], encoding="utf-8").read() * 40
texts = [text] * 1200
p = informant.Pipeline(tokens=False)
stream = p.pipe(texts, batch_size=len(texts), n_threads=1)
print("go", flush=True)
t = time.monotonic()
try:
    docs = list(stream)
except KeyboardInterrupt:
    print("interrupted", round(time.monotonic() - t, 2), flush=True)
    # The stream has ended: no document with a gap before it.
    assert list(stream) == []
    sys.exit(3)
print("finished", len(docs), round(time.monotonic() - t, 2), flush=True)
"""


def test_ctrl_c_interrupts_a_long_pipe() -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(SEED_PATH)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "go"
    time.sleep(1.0)
    sent = time.monotonic()
    os.kill(child.pid, signal.SIGINT)
    try:
        out, err = child.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        child.kill()
        raise
    waited = time.monotonic() - sent
    assert child.returncode == 3, (out, err)
    assert out.startswith("interrupted"), out
    # The stream checks for signals every 50 ms while it waits for a document.
    assert waited < 5.0, f"took {waited:.1f} s to stop after Ctrl-C"
