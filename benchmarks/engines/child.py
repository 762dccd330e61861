"""One engine in a process of its own, so that its memory is its own; prints JSON.

    python -m benchmarks.engines.child build ENGINE RECORDS CORPUS TARGET
    python -m benchmarks.engines.child search ENGINE RECORDS TARGET QUERIES RUNS

``build`` reports seconds, the process's own peak RSS (VmHWM) and the largest peak of its
child processes. ``search`` opens the index, runs the query set once to warm up and then
``RUNS`` times, a page of ten hits each, timing each query; it reports the latencies and
the process's RSS at that point, then every query's full answer as a count and a digest.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

from benchmarks.engines import Query, digest, engine


def memory_mb(key: str) -> float:
    """A line of /proc/self/status (``VmRSS``, ``VmHWM``) in MB; ru_maxrss without /proc."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build(name: str, records: Path, corpus: Path, target: Path) -> dict:
    started = time.perf_counter()
    engine(name).build(records, corpus, target)
    seconds = time.perf_counter() - started
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"seconds": seconds, "rss_mb": memory_mb("VmHWM"), "children_rss_mb": children}


def search(name: str, records: Path, target: Path, queries: list[Query], runs: int) -> dict:
    started = time.perf_counter()
    searcher = engine(name).open(target, records)
    opened = time.perf_counter() - started
    for query in queries:  # warm-up
        searcher.search(query, 10)
    latency: list[list[float]] = [[] for _ in queries]
    for _ in range(runs):
        for i, query in enumerate(queries):
            started = time.perf_counter()
            searcher.search(query, 10)
            latency[i].append((time.perf_counter() - started) * 1000)
    rss, hwm = memory_mb("VmRSS"), memory_mb("VmHWM")
    answers = []
    for query in queries:
        total, ids = searcher.search(query, None)
        if total != len(ids):
            raise SystemExit(f"{name}: {query} counted {total} but returned {len(ids)}")
        answers.append([total, digest(ids)])
    report = {"open_s": opened, "rss_mb": rss, "hwm_mb": hwm}
    return {**report, "latency_ms": latency, "answers": answers}


def main(argv: list[str]) -> None:
    command, name, *rest = argv
    if command == "build":
        records, corpus, target = map(Path, rest)
        report = build(name, records, corpus, target)
    else:
        records, target, queries_path = map(Path, rest[:3])
        data = json.loads(queries_path.read_text(encoding="utf-8"))
        report = search(name, records, target, [Query.from_dict(q) for q in data], int(rest[3]))
    print(json.dumps(report))


if __name__ == "__main__":
    main(sys.argv[1:])
