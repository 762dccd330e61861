"""The peers benchmark (benchmarks/peers.py) at 2× the seed: every exact engine answers
the 70 queries exactly as the scan does. tantivy is an optional extra: without it, its
engines are left out with one line, and yulu, FTS5 and the scan still run. No timings are
asserted."""

from __future__ import annotations

import json
import sys
import tomllib
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parents[1]))  # the installed indexer first
from benchmarks import peers
from benchmarks.engines import EXACT, NEEDS_TANTIVY, tantivy_available
from benchmarks.engines.queries import COUNTS

ROOT = Path(__file__).resolve().parents[1]


def test_without_tantivy_the_rest_runs_and_one_line_says_so(monkeypatch, capsys):
    monkeypatch.setattr(peers, "tantivy_available", lambda: False)
    names = peers.engines_to_run(None)
    assert not set(names) & set(NEEDS_TANTIVY)
    assert {"yulu", "fts5-trigram", "scan"} <= set(names)
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_exact_engines_answer_what_the_scan_answers(tmp_path):
    engines = ["yulu", "fts5-trigram", "scan"]
    if tantivy_available():
        engines.append("tantivy-chars")
    out = tmp_path / "peers.json"
    argv = ["--scale", "2", "--runs", "1", "--cli-runs", "0", "--out", str(out)]
    peers.main([*argv, "--work", str(tmp_path / "work"), "--engines", *engines])
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["queries"] == 70 and report["quotes"] == 250
    kinds = [q["kind"] for q in json.loads((tmp_path / "work" / "queries.json").read_text())]
    assert {k: kinds.count(k) for k in set(kinds)} == COUNTS
    for name in engines:
        engine = report["engines"][name]
        if name in EXACT:
            assert engine["exact"] == 70, (name, engine["wrong"])
    # the one- and two-character needles take FTS5's fallback, and still match something
    scan = report["engines"]["scan"]["answers"]
    assert any(count for (count, _), kind in zip(scan, kinds, strict=True) if kind == "short")
    assert set(report["ratios"]) == set(engines) - {"yulu", "scan"}


def test_tantivy_is_an_extra_not_a_dependency():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert not any(d.startswith("tantivy") for d in project["dependencies"])
    assert any(d.startswith("tantivy") for d in project["optional-dependencies"]["bench"])
