"""Peers: yulu beside tantivy over normalised characters, SQLite FTS5 (trigram) and the
brute-force scan (and tantivy over jieba's words, the usual setup, to show what it misses),
in one run, on one synthetic corpus (``--scale`` copies of the seed, see
:mod:`benchmarks.synth`) and one set of 70 queries (:mod:`benchmarks.engines.queries`).

Each engine builds and searches in processes of its own (:mod:`benchmarks.engines.child`).
Per engine: answers equal to the scan's (of 70), p50/p95 latency of a page of ten hits
(in process, warm), build seconds (yulu parses its documents; the peers index the records
yulu parsed, whose parsing time is reported apart), index size on disk, the build's peak
RSS (its own, and the whole process tree sampled every 100 ms), the RSS of a searching
process, and a search's end-to-end time as a command (``yulu search``; for a peer, a
``python -c`` script that opens its index and runs the same query). Prints tables with
the ratios yulu/peer and writes JSON. tantivy is an optional extra (``pip install
'yulu[bench]'``); without it the tantivy engines are left out, with a line saying so.

    python -m benchmarks.peers --scale 1000      # 125,000 quotes: minutes
    python -m benchmarks.peers --scale 100 --runs 3 --cli-runs 0
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from benchmarks.engines import (
    ENGINES,
    NEEDS_TANTIVY,
    Query,
    read_records,
    tantivy_available,
    write_records,
)
from benchmarks.engines.fts5 import trigram_supported
from benchmarks.engines.report import ratios, table
from benchmarks.run import cli_latency, dir_size, percentile
from benchmarks.synth import make_corpus

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
#: ``benchmarks.engines.child`` with the repository last on the path: an installed yulu
#: is the one measured (as in the tests), not the checkout's sources.
CHILD = (
    "import sys; sys.path.append(sys.argv.pop(1)); "
    "from benchmarks.engines.child import main; main(sys.argv[1:])"
)
CLI_NEEDLE, CLI_COUNTERPART = "人类命运共同体", "普京"


def children(pid: int) -> list[int]:
    """A process's children, from /proc (each thread's ``children`` list)."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def tree_rss_mb(root: int) -> float:
    """The summed RSS of a process and all its descendants (pages shared after a fork
    count once per process)."""
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo += children(pid)
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1])
        except OSError:
            continue
    return total * os.sysconf("SC_PAGE_SIZE") / 2**20


def run_child(args: list[str], env: dict[str, str]) -> dict[str, Any]:
    """Run ``benchmarks.engines.child`` with ``args``; its JSON, and the peak RSS of its
    process tree (sampled every 100 ms) as ``tree_rss_mb``."""
    argv = [sys.executable, "-c", CHILD, str(ROOT), *args]
    pipe = subprocess.PIPE
    proc = subprocess.Popen(argv, stdout=pipe, stderr=pipe, env=env, text=True)
    peak = [0.0]

    def sample() -> None:
        while proc.poll() is None:
            if Path("/proc").is_dir():
                peak[0] = max(peak[0], tree_rss_mb(proc.pid))
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    sampler.join()
    if proc.returncode:
        raise SystemExit(f"{' '.join(args[:2])} failed:\n{err[-3000:]}")
    report = json.loads(out.strip().splitlines()[-1])
    # Sampling can miss a short peak: the tree's peak is at least the process's own.
    report["tree_rss_mb"] = max(peak[0], report.get("rss_mb", 0.0))
    return report


def engines_to_run(wanted: list[str] | None) -> list[str]:
    names = wanted or list(ENGINES)
    if not tantivy_available() and any(n in NEEDS_TANTIVY for n in names):
        note = "tantivy is not installed (pip install 'yulu[bench]'): running without it"
        print(note, file=sys.stderr)
        names = [n for n in names if n not in NEEDS_TANTIVY]
    if "fts5-trigram" in names and not trigram_supported():
        print("this SQLite has no FTS5 trigram tokenizer: running without it", file=sys.stderr)
        names.remove("fts5-trigram")
    return names


def bench(scale: int, work: Path, names: list[str], runs: int, cli_runs: int) -> dict[str, Any]:
    from benchmarks.engines.queries import make_queries
    from indexer import parse_paths
    from indexer.paths import bundled_corpus

    env = {**os.environ, "XDG_CACHE_HOME": str(work / "cache"), "OPENBLAS_NUM_THREADS": "1"}
    load_before = os.getloadavg()
    corpus = make_corpus(work / f"corpus{scale}", scale)
    started = time.perf_counter()
    quotes = parse_paths([corpus]).quotes
    parse_s = time.perf_counter() - started
    records = work / f"records{scale}.jsonl"
    quote_count = write_records(quotes, records)
    chars = sum(len(q.text) for q in quotes)
    del quotes
    seed_records = work / "seed.jsonl"
    write_records(parse_paths([bundled_corpus()]).quotes, seed_records)
    queries = make_queries(list(read_records(seed_records)))
    queries_path = work / "queries.json"
    queries_path.write_text(json.dumps([q.to_dict() for q in queries], ensure_ascii=False))

    engines: dict[str, dict[str, Any]] = {}
    for name in names:
        print(f"{name}: build …", file=sys.stderr, flush=True)
        target = work / f"{name}-{scale}"
        shutil.rmtree(target, ignore_errors=True)
        build = run_child(["build", name, str(records), str(corpus), str(target)], env)
        build["index_mb"] = dir_size(target) / 2**20
        print(f"{name}: search …", file=sys.stderr, flush=True)
        args = [str(records), str(target), str(queries_path), str(runs)]
        engines[name] = summary(build, run_child(["search", name, *args], env), queries)
        if cli_runs:
            engines[name]["cli_s"] = cli_latency(cli_argv(name, target), cli_runs, env)
        partial = work / "partial.json"  # what is measured so far, should a long run stop
        partial.write_text(json.dumps(engines, indent=1, ensure_ascii=False), encoding="utf-8")
    truth = engines.get("scan", {}).get("answers")
    for e in engines.values():
        if truth:
            wrong = [i for i, (a, t) in enumerate(zip(e["answers"], truth, strict=True)) if a != t]
            e["exact"] = len(queries) - len(wrong)
            e["wrong"] = [queries[i].to_dict() for i in wrong]
    return {
        "scale": scale,
        "quotes": quote_count,
        "chars": chars,
        "parse_s": parse_s,
        "queries": len(queries),
        "runs": runs,
        "load_average": {"start": load_before, "end": os.getloadavg()},
        "engines": engines,
        "ratios": ratios(engines, parse_s),
    }


def summary(build: dict[str, Any], found: dict[str, Any], queries: list[Query]) -> dict:
    """One engine's measures from its build and search reports."""
    every = [ms for per_query in found["latency_ms"] for ms in per_query]
    by_kind: dict[str, list[float]] = {}
    for query, times in zip(queries, found["latency_ms"], strict=True):
        by_kind.setdefault(query.kind, []).extend(times)
    return {
        "build": build,
        "search": {k: v for k, v in found.items() if k not in ("latency_ms", "answers")},
        "p50_ms": percentile(every, 50),
        "p95_ms": percentile(every, 95),
        "p50_ms_by_kind": {kind: percentile(times, 50) for kind, times in by_kind.items()},
        "answers": found["answers"],
    }


def cli_argv(name: str, target: Path) -> list[str]:
    if name == "yulu":
        yulu = shutil.which("yulu", path=str(Path(sys.executable).parent)) or "yulu"
        phrase = f'"{CLI_NEEDLE}"'
        return [
            yulu,
            "search",
            phrase,
            "--counterpart",
            CLI_COUNTERPART,
            "--index-dir",
            str(target),
        ]
    from benchmarks.engines import engine

    script = engine(name).CLI  # type: ignore[attr-defined]
    return [sys.executable, "-c", script, str(target), CLI_NEEDLE, CLI_COUNTERPART]


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.peers", description=__doc__)
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument("--scale", type=int, default=1000, help="copies of the seed")
    parser.add_argument("--runs", type=int, default=5, help="timed rounds of the 70 queries")
    parser.add_argument("--cli-runs", type=int, default=5, help="0 leaves the CLI out")
    parser.add_argument("--engines", nargs="+", choices=list(ENGINES), help="default: all")
    parser.add_argument("--out", type=Path, default=HERE / "peers-results.json")
    parser.add_argument("--work", type=Path, help="scratch folder (default: a fresh one)")
    args = parser.parse_args(argv)

    names = engines_to_run(args.engines)
    work = args.work or Path(tempfile.mkdtemp(prefix="yulu-peers-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        row = bench(args.scale, work, names, args.runs, args.cli_runs)
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    import sqlite3
    from importlib.metadata import version

    tantivy = version("tantivy") if tantivy_available() else None
    python = platform.python_version()
    row["machine"] = f"{platform.machine()}, {os.cpu_count()} cores, Python {python}"
    row["versions"] = {"sqlite": sqlite3.sqlite_version, "tantivy": tantivy}
    row["date"] = time.strftime("%Y-%m-%d")
    args.out.write_text(json.dumps(row, indent=1, ensure_ascii=False), encoding="utf-8")
    load = row["load_average"]
    print(
        f"{row['scale']}×: {row['quotes']:,} quotes; {row['machine']}; parsing "
        f"{row['parse_s']:.1f} s; load {load['start'][0]:.1f}/{load['end'][0]:.1f}"
    )
    print(table(row))
    return row


if __name__ == "__main__":
    main()
