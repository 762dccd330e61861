"""Export: ``yulu search --format``, ``--all`` and ``--excel``; CSV and TSV read back
with the csv module equal the JSON."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from indexer.cli import main
from indexer.records.quotes import Quote

RECORD_FIELDS = [f for f in Quote.__dataclass_fields__ if f != "counterparts"]


@pytest.fixture
def yulu(seed_index_dir):
    def run(*args):
        return CliRunner().invoke(main, [*args, "--index-dir", str(seed_index_dir)])

    return run


def as_row(hit: dict) -> dict[str, str]:
    """What a CSV row of a JSON hit must read back as: every record field and the score
    as text (nothing for null), counterparts flattened in three parallel columns."""

    def text(value) -> str:
        if value is None:
            return ""
        return ";".join(value) if isinstance(value, list) else str(value)  # headings

    row = {name: text(hit[name]) for name in ["score", *RECORD_FIELDS]}
    row["names"] = ";".join(c["name"] for c in hit["counterparts"])
    row["titles"] = ";".join(c["title"] for c in hit["counterparts"])
    row["countries"] = ";".join(c["country"] for c in hit["counterparts"])
    return row


@pytest.mark.parametrize(("fmt", "delimiter"), [("csv", ","), ("tsv", "\t")])
@pytest.mark.parametrize("args", [["合作", "--affairs", "foreign"], ["--affairs", "domestic"]])
def test_table_read_back_equals_the_json(yulu, fmt, delimiter, args):
    data = json.loads(yulu("search", *args, "--all", "--json").stdout)
    assert data["total"] == len(data["hits"]) > 10  # --all: no paging
    out = yulu("search", *args, "--all", "--format", fmt)
    assert out.exit_code == 0, out.output
    assert not out.stdout.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(out.stdout, newline=""), delimiter=delimiter))
    assert rows == [as_row(hit) for hit in data["hits"]]
    assert any("\n" in row["text"] for row in rows)  # paragraphs survive the quoting


def test_counterparts_line_up_across_the_three_columns(yulu):
    rows = list(csv.DictReader(io.StringIO(yulu("search", "--country", "二十国集团", "--all",
                                                "--format", "csv").stdout, newline="")))  # fmt: skip
    assert rows
    for row in rows:
        names, titles, countries = (row[c].split(";") for c in ("names", "titles", "countries"))
        assert len(names) == len(titles) == len(countries)


def test_excel_adds_a_byte_order_mark(yulu):
    out = yulu("search", "--affairs", "foreign", "--excel")
    assert out.exit_code == 0
    assert out.stdout_bytes.startswith("\ufeff".encode()) and out.stdout.startswith("\ufeffid,")
    tsv = yulu("search", "--affairs", "foreign", "--excel", "--format", "tsv")
    assert tsv.stdout.startswith("\ufeffid\tscore\t")
    rows = list(csv.DictReader(io.StringIO(out.stdout.removeprefix("\ufeff"), newline="")))
    assert len(rows) > 10  # an export is whole


@pytest.mark.parametrize("fmt", ["csv", "tsv", "jsonl"])
def test_exports_are_whole_unless_paged(yulu, fmt):
    total = json.loads(yulu("search", "合作", "--json").stdout)["total"]
    assert total > 10

    def rows(out) -> int:
        if fmt == "jsonl":
            return len(out.stdout.splitlines())
        delimiter = "\t" if fmt == "tsv" else ","
        return len(list(csv.DictReader(io.StringIO(out.stdout, newline=""), delimiter=delimiter)))

    whole = yulu("search", "合作", "--format", fmt)
    assert whole.exit_code == 0 and whole.stderr == ""
    assert rows(whole) == total
    paged = yulu("search", "合作", "--format", fmt, "--limit", "5")
    assert rows(paged) == 5
    assert paged.stderr == f"yulu: 5 of {total}; --all for every hit\n"
    later = yulu("search", "合作", "--format", fmt, "--offset", "5")
    assert later.stderr == f"yulu: 6–15 of {total}; --all for every hit\n"


@pytest.mark.parametrize("args", [[], ["--json"], ["--format", "text"]])
def test_a_page_of_a_larger_total_says_so_on_stderr(yulu, args):
    total = json.loads(yulu("search", "合作", "--json", "--all").stdout)["total"]
    out = yulu("search", "合作", *args)
    assert out.exit_code == 0
    assert out.stderr == f"yulu: 10 of {total}; --all for every hit\n"
    assert yulu("search", "合作", "--all", *args).stderr == ""


def test_jsonl_is_one_hit_per_line(yulu):
    data = json.loads(yulu("search", "人类命运共同体", "--limit", "5", "--json").stdout)
    out = yulu("search", "人类命运共同体", "--limit", "5", "--format", "jsonl")
    assert [json.loads(line) for line in out.stdout.splitlines()] == data["hits"]


def test_format_json_is_json_and_text_is_text(yulu):
    as_flag = yulu("search", "人类命运共同体", "--json").stdout
    assert yulu("search", "人类命运共同体", "--format", "json").stdout == as_flag
    assert (
        yulu("search", "人类命运共同体", "--format", "text").stdout
        == yulu("search", "人类命运共同体").stdout
    )


def test_all_text_lists_every_hit(yulu):
    out = yulu("search", '"疫情防控"', "--all")
    head = out.stdout.splitlines()[0]
    total = int(head.split()[0])
    assert head == f"{total} quotes match (showing 1–{total})" and total > 10


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--json", "--format", "csv"], "--json is --format json"),
        (["--excel", "--format", "json"], "--excel applies to --format csv and tsv"),
        (["--all", "--limit", "5"], "--all returns every hit"),
        (["--all", "--offset", "5"], "--all returns every hit"),
        (["--format", "csv", "--facet", "country"], "--facet counts are written in text and json"),
        (["--format", "xml"], "Invalid value for '--format'"),
    ],
)
def test_conflicting_options_are_one_line_usage_errors(yulu, args, message):
    out = yulu("search", "合作", *args)
    assert out.exit_code == 2, out.output
    assert message in out.stderr and "Traceback" not in out.output


def test_batch_refuses_tables(yulu):
    out = CliRunner().invoke(main, ["search", "--batch", "-", "--format", "csv"], input="合作\n")
    assert out.exit_code == 2 and "--batch writes JSON Lines" in out.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["trend", "合作", "--by", "week", "--split", "leader"],
        ["kwic", "全球公共卫生", "--width", "10"],
        ["formulations", "--counterpart", "普京", "--min-quotes", "2"],
        ["keywords", "--affairs", "domestic"],
    ],
)
def test_research_tables_read_back_equal_their_json(yulu, args):
    data = json.loads(yulu(*args, "--json").stdout)
    for fmt, delimiter in (("csv", ","), ("tsv", "\t")):
        out = yulu(*args, "--format", fmt, "--excel")
        assert out.exit_code == 0, out.output
        assert out.stdout.startswith("\ufeff")
        rows = list(csv.DictReader(io.StringIO(out.stdout[1:], newline=""), delimiter=delimiter))
        assert rows == expected_rows(args[0], data)


def cell(value) -> str:
    if isinstance(value, dict):
        return ";".join(f"{k} ({v})" for k, v in value.items())
    return str(value)


def expected_rows(tool: str, data: dict) -> list[dict[str, str]]:
    if tool == "trend":
        periods = list(next(iter(data["series"].values())))
        columns = {**data["series"], "total": data["total"]}  # split: the quotes per period
        return [
            {"period": p, **{name: str(counts[p]) for name, counts in columns.items()}}
            for p in periods
        ]
    items = data[{"kwic": "lines", "formulations": "formulations", "keywords": "keywords"}[tool]]
    assert items
    return [{k: cell(v) for k, v in item.items()} for item in items]


def test_the_cli_guide_lists_the_export_columns_in_order():
    """docs/cli.md's **Export** paragraph names every CSV column, in the CSV's order."""
    import re
    from pathlib import Path

    from indexer.tools.export import HIT_COLUMNS

    readme = (Path(__file__).parents[1] / "docs" / "cli.md").read_text(encoding="utf-8")
    paragraph = readme.split("**Export.**", 1)[1].split("The counterparts", 1)[0]
    assert re.findall(r"`(\w+)`", paragraph) == HIT_COLUMNS


def test_a_concordance_cut_short_says_so_on_stderr(yulu):
    whole = yulu("kwic", "合作", "--format", "csv")
    assert whole.exit_code == 0 and whole.stderr == ""
    total = len(list(csv.DictReader(io.StringIO(whole.stdout, newline=""))))
    cut = yulu("kwic", "合作", "--limit", "3")
    assert cut.stderr == f"yulu: 3 of {total} lines; leave out --limit for every line\n"
