"""Benchmarks: yulu against the naive jieba+Whoosh baseline and a brute-force scan.

For corpora of 1x, 10x and 100x the seed (see :mod:`benchmarks.synth`) it measures index
builds (wall time, quotes/s, characters/s, peak RSS, size on disk), in-process query
latency (p50/p95 over a fixed query mix), and end-to-end CLI latency; it checks a sample
of phrase and keyword queries against the brute-force scan at every scale and fails
loudly if they diverge. The machine's load average is recorded with every scale (at its
start and end): on a shared machine the ratios taken in the same run are what count.
Prints a Markdown table and writes JSON.

    python -m benchmarks [--scales 1 10 100] [--runs 5] [--out benchmarks/results.json]
    python -m benchmarks --scales 1000 --work DIR   # 125,000 quotes: not for CI
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.synth import make_corpus

HERE = Path(__file__).resolve().parent

QUERIES = {
    "keyword": ["合作", "国际合作 支持", "疫情 防控", "人类命运共同体", "经济 社会 发展"],
    "phrase": ['"人类命运共同体"', '"疫情防控"', '"全球公共卫生安全"', '"同舟共济"', '"中方愿同"'],
    "short": ["疫", '"防"', "中", '"世卫"', "两国"],
}
FILTERED = [
    ("合作", {"filters": {"counterpart": ["普京"]}}),
    ('"疫情防控"', {"filters": {"affairs": ["domestic"]}, "since": "2020-03-10"}),
    ("支持", {"filters": {"country": ["美国", "德国"]}}),
    ("", {"filters": {"leader": ["特朗普"]}}),
]
FACETS = ["counterpart", "country", "leader", "event_type"]
CLI_QUERY = ["人类命运共同体", "--counterpart", "普京"]

BUILD_CHILD = """
import json, resource, sys, time
from pathlib import Path
started = time.perf_counter()
{body}
elapsed = time.perf_counter() - started
# VmHWM is this process's own peak; ru_maxrss would include the parent's size before exec.
status = Path("/proc/self/status")
hwm = [line for line in status.read_text().splitlines() if line.startswith("VmHWM:")]
own = int(hwm[0].split()[1]) if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({{"seconds": elapsed, "rss_mb": own / 1024, "workers_rss_mb": kids / 1024}}))
"""

YULU_BUILD = """
from indexer.pipeline.build import build_index
build_index(Path(sys.argv[1]), [Path(sys.argv[2])], rebuild=True)
"""

NAIVE_BUILD = """
import jieba
from indexer.paths import cache_dir
jieba.dt.tmp_dir = str(cache_dir())  # keep jieba's cache out of the shared temp dir
from jieba.analyse import ChineseAnalyzer
from whoosh import fields, index
from indexer.documents.parser import parse_paths
schema = fields.Schema(id=fields.ID(stored=True), text=fields.TEXT(analyzer=ChineseAnalyzer()))
Path(sys.argv[1]).mkdir(parents=True, exist_ok=True)
ix = index.create_in(sys.argv[1], schema)
writer = ix.writer(limitmb=128)
for quote in parse_paths([Path(sys.argv[2])]).quotes:
    writer.add_document(id=quote.id, text=quote.text)
writer.commit()
"""

NAIVE_SEARCH = """
import sys, jieba
from indexer.paths import cache_dir
jieba.dt.tmp_dir = str(cache_dir())
from whoosh import index
from whoosh.qparser import QueryParser
ix = index.open_dir(sys.argv[1])
q = QueryParser("text", ix.schema).parse(sys.argv[2])
with ix.searcher() as s:
    for hit in s.search(q, limit=10):
        print(hit["id"])
"""


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def run_child(code: str, *args: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", code, *args], check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def timed(fn, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return times


def cli_latency(argv: list[str], runs: int, env: dict[str, str]) -> float:
    """The median wall time of ``argv`` as a user runs it: with yulu's bytecode compiled
    (as ``pip install`` leaves it; an editable checkout under PYTHONDONTWRITEBYTECODE
    would otherwise compile every module on every run) and after one untimed run."""
    import compileall

    import indexer

    compileall.compile_dir(Path(indexer.__file__).parent, quiet=1)
    subprocess.run(argv, check=True, capture_output=True, env=env)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True, env=env)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def check_exactness(ix, quotes, seed: int) -> int:
    """Phrase and keyword answers against the scan; raises SystemExit on divergence."""
    sys.path.insert(0, str(HERE.parent / "tests"))
    from brute import Reference, random_keyword_queries, random_phrases

    from indexer.search import SearchRequest

    ref = Reference(quotes)
    checked = 0
    for phrase in random_phrases(quotes, 150, seed=seed):
        got = {h.quote.id for h in ix.search(SearchRequest(query=f'"{phrase}"', limit=10**6)).hits}
        if got != ref.phrase(phrase):
            raise SystemExit(f"EXACTNESS FAILURE: phrase {phrase!r} differs from the scan")
        checked += 1
    for query in random_keyword_queries(quotes, 80, seed=seed + 1):
        got = {h.quote.id for h in ix.search(SearchRequest(query=query, limit=10**6)).hits}
        if got != ref.keywords(query):
            raise SystemExit(f"EXACTNESS FAILURE: keywords {query!r} differ from the scan")
        checked += 1
    return checked


def add_one_document(index_dir: Path, corpus: Path, times: int) -> float:
    """Seconds to add one more seed-sized document to an indexed corpus, then take it out
    again (both incremental)."""
    from benchmarks.synth import write_copy
    from indexer.pipeline.build import build_index

    path = write_copy(corpus, times + 1)
    started = time.perf_counter()
    report = build_index(index_dir, [corpus])
    elapsed = time.perf_counter() - started
    if not report.incremental or len(report.changes.added) != 1:
        raise SystemExit("adding one document did not update the index incrementally")
    path.unlink()
    path.with_suffix(".toml").unlink()
    build_index(index_dir, [corpus])
    return elapsed


def naive_exact_rate(searcher, parser, quotes, seed: int) -> float:
    """The share of sampled phrases for which the naive baseline returns exactly the
    quotes that contain them."""
    from brute import Reference, random_phrases

    ref = Reference(quotes)
    phrases = random_phrases(quotes, 150, seed=seed)
    right = 0
    for phrase in phrases:
        hits = searcher.search(parser.parse(f'"{phrase}"'), limit=None)
        right += {hit["id"] for hit in hits} == ref.phrase(phrase)
    return right / len(phrases)


def bench_scale(times: int, work: Path, runs: int, env: dict[str, str]) -> dict:
    from whoosh import index as whoosh_index
    from whoosh.qparser import QueryParser

    from indexer.analysis.normalize import normalize
    from indexer.documents.parser import parse_paths
    from indexer.search.request import SearchRequest
    from indexer.search.service import QuoteIndex

    load_before = os.getloadavg()
    corpus = make_corpus(work / f"corpus{times}", times)
    quotes = parse_paths([corpus]).quotes
    chars = sum(len(q.text) for q in quotes)
    row: dict = {"scale": times, "quotes": len(quotes), "chars": chars}

    for name, code in (("yulu", YULU_BUILD), ("naive", NAIVE_BUILD)):
        target = work / f"{name}{times}"
        shutil.rmtree(target, ignore_errors=True)
        build = run_child(BUILD_CHILD.format(body=code), str(target), str(corpus))
        build["size_mb"] = dir_size(target) / 2**20
        build["quotes_per_s"] = len(quotes) / build["seconds"]
        build["chars_per_s"] = chars / build["seconds"]
        row[f"{name}_build"] = build

    row["yulu_add_one_s"] = add_one_document(work / f"yulu{times}", corpus, times)
    ix = QuoteIndex.open(work / f"yulu{times}")
    row["exact_checks"] = check_exactness(ix, quotes, seed=times)
    # The service keeps the matches of the last request (a page asks twice: for its hits
    # and its timeline); each round goes through a kind's requests in turn, so that no
    # request follows itself and every timing finds its matches afresh.
    mix: dict[str, list[SearchRequest]] = {
        kind: [SearchRequest(q) for q in queries] for kind, queries in QUERIES.items()
    }
    mix["faceted"] = [SearchRequest(q, facets=FACETS) for qs in QUERIES.values() for q in qs]
    mix["filtered"] = [SearchRequest(q, **filters) for q, filters in FILTERED]
    latency: dict[str, list[float]] = {kind: [] for kind in mix}
    for _ in range(runs):
        for kind, requests in mix.items():
            for request in requests:
                latency[kind] += timed(lambda r=request: ix.search(r), 1)
    row["yulu_query_ms"] = {
        k: {"p50": percentile(v, 50), "p95": percentile(v, 95)} for k, v in latency.items()
    }
    ix.close()

    naive = whoosh_index.open_dir(str(work / f"naive{times}"))
    parser = QueryParser("text", naive.schema)
    naive_latency: list[float] = []
    with naive.searcher() as searcher:
        row["naive_phrase_exact"] = naive_exact_rate(searcher, parser, quotes, seed=times)
        for queries in QUERIES.values():
            for q in queries:
                parsed = parser.parse(q)
                naive_latency += timed(lambda p=parsed: searcher.search(p, limit=10), runs)
    row["naive_query_ms"] = {
        "p50": percentile(naive_latency, 50),
        "p95": percentile(naive_latency, 95),
    }

    texts = [normalize(q.text) for q in quotes]
    scan: list[float] = []
    for queries in QUERIES.values():
        for q in queries:
            needle = normalize(q)
            scan += timed(lambda n=needle: [t for t in texts if n in t], runs)
    row["scan_query_ms"] = {"p50": percentile(scan, 50), "p95": percentile(scan, 95)}
    scan_p50 = row["scan_query_ms"]["p50"]
    row["slower_than_scan_p50"] = [
        kind for kind, ms in row["yulu_query_ms"].items() if ms["p50"] > scan_p50
    ]

    yulu = shutil.which("yulu", path=str(Path(sys.executable).parent)) or "yulu"
    argv = [yulu, "search", *CLI_QUERY, "--index-dir", str(work / f"yulu{times}")]
    row["yulu_cli_s"] = cli_latency(argv, max(runs, 5), env)
    naive_argv = [sys.executable, "-c", NAIVE_SEARCH, str(work / f"naive{times}"), CLI_QUERY[0]]
    row["naive_cli_s"] = cli_latency(naive_argv, max(runs, 5), env)
    row["load_average"] = {"start": load_before, "end": os.getloadavg()}
    return row


def table(rows: list[dict]) -> str:
    lines = [
        "| scale | quotes | build s (naive) | quotes/s | peak RSS MB (workers) | index MB (naive) "
        "| keyword p50/p95 ms | phrase p50/p95 | short p50/p95 | filtered p50/p95 "
        "| faceted p50/p95 | naive p50/p95 | scan p50/p95 | CLI s (naive) | add 1 doc s "
        "| load (start/end) |",
        "|" + "---|" * 16,
    ]
    for r in rows:
        y, n, q = r["yulu_build"], r["naive_build"], r["yulu_query_ms"]

        def pp(d: dict) -> str:
            return f"{d['p50']:.1f}/{d['p95']:.1f}"

        lines.append(
            f"| {r['scale']}× | {r['quotes']:,} | {y['seconds']:.1f} ({n['seconds']:.1f}) "
            f"| {y['quotes_per_s']:.0f} | {y['rss_mb']:.0f} ({y['workers_rss_mb']:.0f}) "
            f"| {y['size_mb']:.1f} ({n['size_mb']:.1f}) | {pp(q['keyword'])} | {pp(q['phrase'])} "
            f"| {pp(q['short'])} | {pp(q['filtered'])} | {pp(q['faceted'])} "
            f"| {pp(r['naive_query_ms'])} | {pp(r['scan_query_ms'])} "
            f"| {r['yulu_cli_s']:.2f} ({r['naive_cli_s']:.2f}) | {r['yulu_add_one_s']:.1f} "
            f"| {_load(r)} |"
        )
    return "\n".join(lines)


def _load(row: dict) -> str:
    """The one-minute load average at the scale's start and end."""
    load = row.get("load_average")
    return f"{load['start'][0]:.1f}/{load['end'][0]:.1f}" if load else "?"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--runs", type=int, default=5, help="repetitions of each query")
    parser.add_argument("--out", type=Path, default=HERE / "results.json")
    parser.add_argument("--work", type=Path, help="scratch folder (default: a fresh one)")
    args = parser.parse_args(argv)

    work = args.work or Path(tempfile.mkdtemp(prefix="yulu-bench-", dir=HERE))
    env = {**os.environ, "XDG_CACHE_HOME": str(work / "cache")}
    os.environ["XDG_CACHE_HOME"] = env["XDG_CACHE_HOME"]
    rows = []
    try:
        for times in args.scales:
            print(f"scale {times}x …", file=sys.stderr, flush=True)
            rows.append(bench_scale(times, work, args.runs, env))
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    if len(rows) > 1:
        small, large = rows[-2], rows[-1]
        growth = (large["yulu_build"]["seconds"] / small["yulu_build"]["seconds"]) / (
            large["quotes"] / small["quotes"]
        )
    else:
        growth = None
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    report = {"machine": machine, "date": time.strftime("%Y-%m-%d"), "rows": rows,
              "build_growth_vs_linear": growth}  # fmt: skip
    args.out.write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    print(f"Machine: {machine}; {report['date']}")
    print(table(rows))
    if growth is not None:
        print(f"\nBuild cost growth from {rows[-2]['scale']}× to {rows[-1]['scale']}×, "
              f"relative to linear: {growth:.2f}")  # fmt: skip
    for r in rows:
        ratio = r["yulu_cli_s"] / r["naive_cli_s"]
        exact = r["naive_phrase_exact"]
        print(
            f"{r['scale']}×: CLI {r['yulu_cli_s']:.2f} s vs naive {r['naive_cli_s']:.2f} s "
            f"({ratio:.2f}×); {r['exact_checks']} exactness checks passed; the naive "
            f"baseline got {exact:.0%} of sampled phrases exactly right"
        )
        slower = r.get("slower_than_scan_p50")
        if slower:
            print(f"{r['scale']}×: slower than the scan at p50: {', '.join(slower)}")


if __name__ == "__main__":
    main()
