"""Benchmarks of the research tools: formulations, trend, concordance and keywords on
corpora of 1x and 100x the seed (see :mod:`benchmarks.synth`), in process, each the
median of a few runs; and the suffix array behind formulations built by
``pydivsufsort`` (libdivsufsort, C) beside a pure numpy prefix-doubling sort of the
same text, which is why the former is a dependency.

    python -m benchmarks.tools [--scales 1 100] [--runs 3] [--work DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from benchmarks.synth import make_corpus

HERE = Path(__file__).resolve().parent

#: (label, query, filters) of the requests each tool is timed on.
REQUESTS = [
    ("all", "", {}),
    ("foreign", "", {"filters": {"affairs": ["foreign"]}}),
    ("合作", "合作", {}),
]
TREND_RUNS = [("week", None), ("month", "counterpart")]


def median_ms(fn, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


def doubling_suffix_array(code: np.ndarray) -> np.ndarray:
    """A suffix array by prefix doubling in numpy (rank pairs sorted log(n) times)."""
    n = len(code)
    rank = np.unique(code, return_inverse=True)[1].astype(np.int64)
    step = 1
    while True:
        second = np.full(n, -1, dtype=np.int64)
        second[: n - step] = rank[step:]
        key = rank * (n + 1) + second + 1
        order = np.argsort(key, kind="stable")
        ordered = key[order]
        rank = np.empty(n, dtype=np.int64)
        rank[order] = np.concatenate(([0], np.cumsum(ordered[1:] != ordered[:-1])))
        if rank[order[-1]] == n - 1:
            return order
        step *= 2


def suffix_array_race(texts: list[str], runs: int) -> dict:
    from pydivsufsort import divsufsort

    from indexer.tools.repeat_text import Encoded

    code = Encoded(texts).code
    c_ms, fast = median_ms(lambda: divsufsort(code), runs)
    numpy_ms, slow = median_ms(lambda: doubling_suffix_array(code), 1)
    if not np.array_equal(np.asarray(fast, dtype=np.int64), slow):
        raise SystemExit("the two suffix arrays differ")
    return {"chars": len(code), "pydivsufsort_ms": c_ms, "numpy_doubling_ms": numpy_ms}


def bench_scale(times: int, work: Path, runs: int) -> dict:
    from indexer.documents.parser import parse_paths
    from indexer.pipeline.build import build_index
    from indexer.search.request import SearchRequest
    from indexer.search.service import QuoteIndex
    from indexer.tools.formulations import formulations
    from indexer.tools.keywords import keywords
    from indexer.tools.kwic import concordance
    from indexer.tools.repeats import find_repeats
    from indexer.tools.trend import trend

    corpus = make_corpus(work / f"corpus{times}", times)
    build_index(work / f"index{times}", [corpus])
    quotes = parse_paths([corpus]).quotes
    row: dict = {"scale": times, "quotes": len(quotes), "chars": sum(len(q.text) for q in quotes)}
    with QuoteIndex.open(work / f"index{times}") as ix:
        for label, query, extra in REQUESTS:
            request = SearchRequest(query, **extra)
            size = ix.search(replace(request, limit=0)).total
            ms, result = median_ms(lambda r=request: formulations(ix, r), runs)
            row[f"formulations {label}"] = {"ms": ms, "quotes": size,
                                            "found": len(result.formulations)}  # fmt: skip
            for by, split in TREND_RUNS:
                ms, _ = median_ms(lambda r=request, b=by, s=split: trend(ix, r, b, s), runs)
                row[f"trend {label} {by}{' split' if split else ''}"] = {"ms": ms}
        request = SearchRequest('"疫情防控"')
        ms, result = median_ms(lambda: concordance(ix, request), runs)
        row["kwic 疫情防控"] = {"ms": ms, "lines": result.total}
        request = SearchRequest(filters={"affairs": ["foreign"]})
        ms, _ = median_ms(lambda: keywords(ix, request), runs)
        row["keywords foreign"] = {"ms": ms}
    texts = [q.text for q in quotes]
    ms, _ = median_ms(lambda: find_repeats(texts, 4, 3, 50), runs)
    row["repeats only, all"] = {"ms": ms}
    row["suffix array"] = suffix_array_race(texts, runs)
    return row


def table(rows: list[dict]) -> str:
    names = [k for k in rows[0] if isinstance(rows[0][k], dict) and "ms" in rows[0][k]]
    lines = [
        "| measure | " + " | ".join(f"{r['scale']}× ({r['quotes']:,} quotes)" for r in rows) + " |",
        "|---|" + "---|" * len(rows),
    ]
    for name in names:
        cells = []
        for r in rows:
            entry = r[name]
            note = f" ({entry['quotes']:,} quotes)" if "quotes" in entry else ""
            cells.append(f"{entry['ms']:,.0f} ms{note}")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    sa = [r["suffix array"] for r in rows]
    lines.append(
        "| suffix array: pydivsufsort / numpy | "
        + " | ".join(
            f"{s['pydivsufsort_ms']:,.0f} / {s['numpy_doubling_ms']:,.0f} ms ({s['chars']:,} chars)"
            for s in sa
        )
        + " |"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.tools",
                                     description=__doc__.split("\n")[0])  # fmt: skip
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 100])
    parser.add_argument("--runs", type=int, default=3, help="repetitions of each measure")
    parser.add_argument("--out", type=Path, default=HERE / "tools-results.json")
    parser.add_argument("--work", type=Path, help="scratch folder, kept (default: a fresh one)")
    args = parser.parse_args(argv)

    work = args.work or Path(tempfile.mkdtemp(prefix="yulu-bench-", dir=HERE))
    os.environ["XDG_CACHE_HOME"] = str(work / "cache")
    rows = []
    try:
        for times in args.scales:
            print(f"scale {times}x …", file=sys.stderr, flush=True)
            rows.append(bench_scale(times, work, args.runs))
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    load = os.getloadavg()[0]  # the machine is shared: how busy it was
    report = {"machine": machine, "date": time.strftime("%Y-%m-%d"), "load": load, "rows": rows}
    args.out.write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    print(f"Machine: {machine}; {report['date']}; load average {load:.1f}")
    print(table(rows))


if __name__ == "__main__":
    main()
