"""Extraction on a Dask LocalCluster with two worker processes equals the serial run."""

from __future__ import annotations

import json
from typing import Any, Dict, Iterator, List

import pytest

import informant
from conftest import RE3D, SEED


def _corpus() -> List[Dict[str, Any]]:
    records = []
    for path in sorted(RE3D.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            records.append({"id": r["id"], "text": r["text"]})
    if not records:  # re3d is not shipped with the repository: fall back to the seed
        records = [{"id": f"seed-{i}", "text": SEED} for i in range(12)]
    return records[:40]


def _extract_partition(records: Iterator[Dict[str, Any]], config: str) -> List[str]:
    # Runs on a worker: the pipeline is rebuilt from its configuration (pickled once).
    pipeline = informant.Pipeline.from_config(config)
    pairs = [(r["id"], r["text"]) for r in records]
    return [d.to_json() for d in pipeline.pipe(pairs, n_threads=1)]


def test_local_cluster_equals_serial() -> None:
    db = pytest.importorskip("dask.bag", reason="dask is not installed (pip install 'dask[distributed]')")
    distributed = pytest.importorskip("distributed", reason="dask.distributed is not installed")
    records = _corpus()
    pipeline = informant.Pipeline(tokens=False)
    serial = [pipeline.extract(r["text"], id=r["id"]) for r in records]
    config = json.dumps(pipeline.config)
    with distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None,
        silence_logs=50,
    ) as cluster, distributed.Client(cluster) as client:
        bag = db.from_sequence(records, npartitions=4)
        out = bag.map_partitions(_extract_partition, config).compute()
        docs = [informant.Document.from_json(s) for s in out]
        # Documents themselves pickle too: ship a few back and forth through the cluster.
        echoed = client.gather(client.map(lambda d: d, serial[:3]))
        workers = client.run(lambda: __import__("os").getpid())
    assert len(workers) == 2
    assert docs == serial
    assert echoed == serial[:3]
