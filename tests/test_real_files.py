"""Real files for real tools (issue 20, item 9): ``--xlsx FILE`` read back with openpyxl,
``yulu export --sqlite FILE`` read back with sqlite3, both against yulu's own answers."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pytest
from click.testing import CliRunner

from indexer.cli import main
from indexer.tools.export import HIT_COLUMNS
from indexer.tools.workbook import write_xlsx

openpyxl = pytest.importorskip("openpyxl")


@pytest.fixture
def yulu(seed_index_dir):
    def run(*args):
        return CliRunner().invoke(main, [*args, "--index-dir", str(seed_index_dir)])

    return run


def sheet_rows(path) -> list[dict]:
    ws = openpyxl.load_workbook(path).active
    header, *rows = list(ws.values)
    return [dict(zip(header, row, strict=True)) for row in rows]


def as_day(value):
    return value.date() if isinstance(value, dt.datetime) else value


def test_search_workbook_has_every_hit_with_typed_columns(yulu, tmp_path):
    data = json.loads(yulu("search", "合作", "--all", "--json").stdout)
    path = tmp_path / "hits.xlsx"
    out = yulu("search", "合作", "--xlsx", str(path))
    assert out.exit_code == 0, out.output
    assert out.stdout == "" and f"{data['total']} rows written to {path}" in out.stderr
    rows = sheet_rows(path)
    assert list(rows[0]) == HIT_COLUMNS
    assert [r["id"] for r in rows] == [h["id"] for h in data["hits"]]
    for row, hit in zip(rows, data["hits"], strict=True):
        assert as_day(row["date"]) == dt.date.fromisoformat(hit["date"])
        assert isinstance(row["line"], int) and row["line"] == hit["line"]
        assert isinstance(row["score"], float) and row["score"] == hit["score"]
        assert row["text"] == hit["text"]
        assert (row["names"] or "") == ";".join(c["name"] for c in hit["counterparts"])


def test_tool_and_facet_workbooks_equal_their_json(yulu, tmp_path):
    series = json.loads(yulu("trend", "合作", "--by", "week", "--json").stdout)["series"]["all"]
    assert yulu("trend", "合作", "--by", "week", "--xlsx", str(tmp_path / "t.xlsx")).exit_code == 0
    rows = sheet_rows(tmp_path / "t.xlsx")
    assert {r["period"]: r["all"] for r in rows} == series
    counts = json.loads(yulu("facets", "country", "--json").stdout)["counts"]
    assert yulu("facets", "country", "--xlsx", str(tmp_path / "f.xlsx")).exit_code == 0
    assert {r["value"]: r["count"] for r in sheet_rows(tmp_path / "f.xlsx") if r["value"]} == counts


def test_text_that_looks_like_a_formula_stays_text(tmp_path):
    path = tmp_path / "x.xlsx"
    write_xlsx(path, ["a", "b"], [{"a": "=1+1", "b": "2020-02-30"}, {"a": "bell\x07", "b": 3}])
    ws = openpyxl.load_workbook(path).active
    assert ws["A2"].value == "=1+1" and ws["A2"].data_type == "s"
    assert ws["B2"].value == "2020-02-30"  # not a day: text
    assert ws["A3"].value == "bell" and ws["B3"].value == 3


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--xlsx", "out.csv"], "name the file .xlsx"),
        (["--xlsx", "out.xlsx", "--format", "csv"], "leave out --format csv"),
        (["--xlsx", "out.xlsx", "--excel"], "leave out --excel"),
    ],
)
def test_xlsx_usage_errors(yulu, tmp_path, args, message, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = yulu("search", "合作", *args)
    assert out.exit_code == 2 and message in out.stderr


def total(yulu, *args) -> int:
    return json.loads(yulu("search", *args, "--json", "--limit", "0").stdout)["total"]


@pytest.mark.parametrize("args", [[], ["--counterpart", "普京"], ["合作", "--affairs", "foreign"]])
def test_sqlite_counts_equal_yulus(yulu, seed, tmp_path, args):
    path = tmp_path / "quotes.db"
    out = yulu("export", *args, "--sqlite", str(path))
    assert out.exit_code == 0, out.output
    db = sqlite3.connect(path)
    expected = total(yulu, *args) if args else len(seed.quotes)
    assert db.execute("select count(*) from quotes").fetchone()[0] == expected
    records = {q.id: q for q in seed.quotes}
    ids = [r[0] for r in db.execute("select id from quotes")]
    linked = sum(len(records[i].counterparts) for i in ids)
    assert db.execute("select count(*) from quote_counterparts").fetchone()[0] == linked
    assert db.execute("pragma foreign_key_check").fetchall() == []
    for quote_id, names, counterparts in db.execute(
        "select id, counterpart, counterparts from quotes"
    ):
        record = records[quote_id]
        assert json.loads(names) == list(dict.fromkeys(c.name for c in record.counterparts))
        assert [c["name"] for c in json.loads(counterparts)] == [
            c.name for c in record.counterparts
        ]


@pytest.mark.parametrize("phrase", ["人类命运共同体", "同舟共济", "世界卫生组织", "疫情防控"])
def test_sqlite_full_text_search_finds_what_yulu_finds(yulu, tmp_path, phrase):
    path = tmp_path / "quotes.db"
    assert yulu("export", "--sqlite", str(path)).exit_code == 0
    db = sqlite3.connect(path)
    found = db.execute(
        "select count(*) from quotes_fts where quotes_fts match ?", (f'text : "{phrase}"',)
    ).fetchone()[0]
    assert found == total(yulu, f'"{phrase}"') > 0


def test_datasette_finds_the_full_text_table(yulu, tmp_path):
    """The query datasette runs to find a table's FTS table (``detect_fts``)."""
    path = tmp_path / "quotes.db"
    assert yulu("export", "--sqlite", str(path)).exit_code == 0
    db = sqlite3.connect(path)
    found = db.execute(
        """select name from sqlite_master where rootpage = 0 and (
               sql like '%VIRTUAL TABLE%USING FTS%content="quotes"%'
               or sql like '%VIRTUAL TABLE%USING FTS%content=[quotes]%')"""
    ).fetchall()
    assert found == [("quotes_fts",)]
    about = dict(db.execute("select key, value from yulu_export"))
    assert json.loads(about["request"])["limit"] is None


def test_sqlite_needs_a_database_name(yulu, tmp_path):
    out = yulu("export", "--sqlite", str(tmp_path / "quotes.csv"))
    assert out.exit_code == 2 and "name the file .db or .sqlite" in out.stderr
