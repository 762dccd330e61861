"""An index per corpus and release (issue 20, item 2): two installations with different
releases and corpora search in turn, sharing one data directory, and neither fails; the
bundled corpus's index brings itself up to date; a stale index of your own corpus
answers with one line (exit 0) unless ``--fresh``.

An "installation" here is a copy of the package with its own bundled corpus and release
number, run by this Python with the copy first on its path (what a second virtual
environment amounts to for yulu: another ``indexer`` and another bundled corpus)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXTRA = "（一）关于测试\n加强合作，推动测试覆盖率提升。\n——2020年3月5日，习近平考察测试\n"
RUN = "import sys; sys.argv[0] = 'yulu'; from indexer.cli.entry import run; run()"


def install(where: Path, version: str, extra: bool) -> Path:
    """A copy of the package and its bundled corpus, with release ``version``."""
    for name in ("indexer", "corpus", "schema"):
        shutil.copytree(ROOT / name, where / name, ignore=shutil.ignore_patterns("__pycache__"))
    init = where / "indexer" / "__init__.py"
    text = init.read_text(encoding="utf-8")
    init.write_text(text.replace('__version__ = "', f'__version__ = "{version}+', 1), "utf-8")
    if extra:
        (where / "corpus" / "extra.txt").write_text(
            "一、在内事活动中的讲话\n" + EXTRA, encoding="utf-8"
        )
    return where


@pytest.fixture
def home(tmp_path):
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"),
           "XDG_CACHE_HOME": str(tmp_path / "cache")}  # fmt: skip
    env.pop("YULU_INDEX", None)
    env.pop("PYTHONPATH", None)
    return env


def yulu(where: Path, env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", RUN, *args], cwd=where, env=env, capture_output=True,
        text=True, encoding="utf-8", timeout=300,
    )  # fmt: skip


def total(result: subprocess.CompletedProcess) -> int:
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["total"]


def test_two_installations_search_in_turn(tmp_path, home):
    a = install(tmp_path / "a", "1", extra=False)
    b = install(tmp_path / "b", "2", extra=True)
    assert "1+" in yulu(a, home, "--version").stdout and "2+" in yulu(b, home, "--version").stdout
    counts = {}
    for turn in range(2):
        for name, where in (("a", a), ("b", b)):
            result = yulu(where, home, "search", "合作", "--json", "--limit", "0")
            counts.setdefault(name, total(result))
            assert total(result) == counts[name], (turn, name)
            assert "stale" not in result.stderr and "another version" not in result.stderr
            assert ("building" in result.stderr) == (turn == 0), result.stderr
    assert counts["b"] == counts["a"] + 1
    assert len(list((tmp_path / "data" / "yulu" / "indexes").iterdir())) == 2


def test_the_bundled_index_brings_itself_up_to_date(tmp_path, home):
    a = install(tmp_path / "a", "1", extra=False)
    before = total(yulu(a, home, "search", "合作", "--json", "--limit", "0"))
    (a / "corpus" / "extra.txt").write_text("一、在内事活动中的讲话\n" + EXTRA, encoding="utf-8")
    after = yulu(a, home, "search", "合作", "--json", "--limit", "0")
    assert total(after) == before + 1
    assert "is stale (corpus files 1 added (extra.txt)); updating it" in after.stderr


def test_a_stale_index_of_your_corpus_answers_unless_fresh(tmp_path, home):
    a = install(tmp_path / "a", "1", extra=False)
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "one.txt").write_text("一、在内事活动中的讲话\n" + EXTRA, encoding="utf-8")
    built = yulu(a, home, "index", str(mine))
    assert built.returncode == 0, built.stderr
    assert total(yulu(a, home, "search", "合作", "--json")) == 1  # yours, by default now
    (mine / "two.txt").write_text("一、在内事活动中的讲话\n" + EXTRA, encoding="utf-8")
    stale = yulu(a, home, "search", "合作", "--json")
    assert total(stale) == 1
    lines = stale.stderr.splitlines()
    assert len(lines) == 1 and "is stale (corpus files 1 added (two.txt))" in lines[0]
    assert lines[0].endswith("answering from what it holds; update it with: yulu index")
    refused = yulu(a, home, "search", "合作", "--fresh")
    assert refused.returncode == 1 and "is stale: corpus files 1 added" in refused.stderr
    assert yulu(a, home, "index").returncode == 0
    assert total(yulu(a, home, "search", "合作", "--json", "--fresh")) == 2
