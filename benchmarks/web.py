"""Web latency: the search page and the JSON API of a running ``yulu serve``, over HTTP
on the loopback address, at 1x and 100x the seed (see :mod:`benchmarks.synth`).

Each request of a fixed mix (the query mix of :mod:`benchmarks.run`: keyword, phrase,
one- and two-character, filtered, plus browsing and a quote page) is sent ``--runs``
times, one at a time, after one warm-up round; latency is from sending the request to
reading the whole answer. Each answer's total is checked against the same search run in
this process. Prints a Markdown table and writes JSON.

    python -m benchmarks.web [--scales 1 100] [--runs 5] [--out benchmarks/web-results.json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

from benchmarks.run import FILTERED, QUERIES, percentile
from benchmarks.synth import make_corpus

HERE = Path(__file__).resolve().parent
#: The installed ``yulu`` beside this Python.
YULU = shutil.which("yulu", path=str(Path(sys.executable).parent)) or "yulu"
TOTAL = re.compile(rb'<strong class="count">(\d+)</strong>')


def mix() -> list[tuple[str, dict, object]]:
    """(kind, URL parameters, the same search as a SearchRequest) for the whole mix."""
    from indexer.search.request import SearchRequest

    searches: list[tuple[str, dict, object]] = [
        (kind, {"q": q}, SearchRequest(q)) for kind, queries in QUERIES.items() for q in queries
    ]
    for q, extra in FILTERED:
        params = {"q": q, **extra.get("filters", {}), "since": extra.get("since", "")}
        searches.append(("filtered", params, SearchRequest(q, **extra)))
    searches += [
        ("browse", {}, SearchRequest()),
        ("browse", {"sort": "date-asc", "offset": "40"}, SearchRequest()),
    ]
    return searches


class Served:
    def __init__(self, index: Path, env: dict[str, str]) -> None:
        argv = [YULU, "serve", "--index-dir", str(index), "--port", "0"]
        self.process = subprocess.Popen(argv, stdout=subprocess.PIPE, text=True, env=env)
        line = self.process.stdout.readline()
        match = re.search(r"(http://\S+/) ", line)
        if not match:
            self.process.kill()
            raise SystemExit(f"yulu serve did not start: {line!r}")
        self.url = match.group(1)

    def get(self, path: str) -> tuple[float, bytes]:
        started = time.perf_counter()
        with urllib.request.urlopen(self.url + path, timeout=120) as response:
            body = response.read()
        return (time.perf_counter() - started) * 1000, body

    def stop(self) -> None:
        self.process.send_signal(2)  # Ctrl-C
        self.process.wait(timeout=60)


def bench_scale(times: int, work: Path, runs: int, env: dict[str, str]) -> dict:
    from indexer.pipeline.build import build_index
    from indexer.search.request import SearchRequest
    from indexer.search.service import QuoteIndex

    corpus = make_corpus(work / f"corpus{times}", times)
    index = work / f"index{times}"
    report = build_index(index, [corpus], rebuild=True)
    ix = QuoteIndex.open(index)
    served = Served(index, env)
    latency: dict[str, list[float]] = {"page": [], "api": [], "quote": []}
    by_kind: dict[str, list[float]] = {}
    try:
        searches = mix()
        quote_ids = [h.quote.id for h in ix.search(SearchRequest("合作", limit=5)).hits]
        for round_ in range(runs + 1):  # round 0 warms up and is not counted
            for kind, params, request in searches:
                total = ix.search(request).total
                query = urlencode(params, doseq=True)
                for door, path in (("page", f"?{query}"), ("api", f"api/search?{query}")):
                    ms, body = served.get(path)
                    got = (
                        int(TOTAL.search(body).group(1))
                        if door == "page"
                        else json.loads(body)["total"]
                    )
                    if got != total:
                        raise SystemExit(f"WRONG ANSWER: {door} {params} gave {got}, not {total}")
                    if round_:
                        latency[door].append(ms)
                        by_kind.setdefault(f"{door} {kind}", []).append(ms)
            for quote_id in quote_ids:
                ms, _ = served.get(f"quotes/{quote_id}")
                if round_:
                    latency["quote"].append(ms)
    finally:
        served.stop()
        ix.close()

    def summary(values: list[float]) -> dict:
        return {"p50": percentile(values, 50), "p95": percentile(values, 95), "n": len(values)}

    return {
        "scale": times,
        "quotes": report.quotes,
        **{door: summary(values) for door, values in latency.items()},
        "by_kind": {kind: summary(values) for kind, values in sorted(by_kind.items())},
    }


def table(rows: list[dict]) -> str:
    lines = [
        "| scale | quotes | page p50/p95 ms | API p50/p95 ms | quote page p50/p95 ms |",
        "|---|---|---|---|---|",
    ]
    for r in rows:

        def pp(d: dict) -> str:
            return f"{d['p50']:.0f}/{d['p95']:.0f}"

        lines.append(
            f"| {r['scale']}× | {r['quotes']:,} | {pp(r['page'])} | {pp(r['api'])} "
            f"| {pp(r['quote'])} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.web", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 100])
    parser.add_argument("--runs", type=int, default=5, help="repetitions of the mix")
    parser.add_argument("--out", type=Path, default=HERE / "web-results.json")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="yulu-bench-", dir=HERE))
    env = {**os.environ, "XDG_CACHE_HOME": str(work / "cache"), "XDG_DATA_HOME": str(work)}
    os.environ.update(XDG_CACHE_HOME=env["XDG_CACHE_HOME"], XDG_DATA_HOME=env["XDG_DATA_HOME"])
    rows = []
    try:
        for times in args.scales:
            print(f"scale {times}x …", file=sys.stderr, flush=True)
            rows.append(bench_scale(times, work, args.runs, env))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    load = os.getloadavg()[1]  # the machine may be shared: latencies grow with its load
    report = {"machine": machine, "date": time.strftime("%Y-%m-%d"), "load_5min": load,
              "rows": rows}  # fmt: skip
    args.out.write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    print(f"Machine: {machine}; {report['date']}; load average (5 min) {load:.1f}")
    print(table(rows))
    for r in rows:
        slow = sorted(r["by_kind"].items(), key=lambda kv: -kv[1]["p95"])[:3]
        print(f"{r['scale']}× slowest p95: " + ", ".join(f"{k} {v['p95']:.0f} ms" for k, v in slow))


if __name__ == "__main__":
    main()
