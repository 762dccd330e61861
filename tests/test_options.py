"""Consistent options (issue 20, item 8): ``--part`` as ``part:``, ``--since``/``--until``
as years, months or days, one ``--format`` on every command that prints tables, and
``--color`` wherever matches are marked."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from indexer.cli import main
from indexer.search.request import SearchRequest, check_date

TABLE_COMMANDS = ["search", "facets", "trend", "kwic", "formulations", "keywords"]


@pytest.fixture
def yulu(seed_index_dir):
    def run(*args):
        return CliRunner().invoke(main, [*args, "--index-dir", str(seed_index_dir)])

    return run


def total(yulu, *args) -> int:
    out = yulu("search", *args, "--json", "--limit", "0")
    assert out.exit_code == 0, out.output
    return json.loads(out.stdout)["total"]


@pytest.mark.parametrize("value", ["三", "3", "外方积极表态", "三、外方积极表态"])
def test_part_option_is_the_part_clause(yulu, value):
    expected = total(yulu, "part:三")
    assert 0 < expected < total(yulu, "--affairs", "foreign")
    assert total(yulu, "--part", value) == expected
    assert total(yulu, "合作", "--part", value) == total(yulu, "合作 part:三")
    facets = json.loads(yulu("facets", "part", "--part", value, "--json").stdout)
    assert facets["counts"] == {"外方积极表态": expected}


@pytest.mark.parametrize(
    ("given", "since", "until"),
    [
        ("2020", "2020-01-01", "2020-12-31"),
        ("2020-03", "2020-03-01", "2020-03-31"),
        ("2020-02", "2020-02-01", "2020-02-29"),
        ("2019-12", "2019-12-01", "2019-12-31"),
        ("2020-03-20", "2020-03-20", "2020-03-20"),
    ],
)
def test_since_and_until_take_a_year_a_month_or_a_day(yulu, given, since, until):
    assert check_date("since", given) == since and check_date("until", given, end=True) == until
    assert SearchRequest(since=given, until=given).to_dict()["since"] == since
    assert SearchRequest(since=given, until=given).until == until
    days = total(yulu, "合作", "--since", since, "--until", until)
    assert total(yulu, "合作", "--since", given, "--until", given) == days
    assert total(yulu, "合作", f"date:{given}") == days


@pytest.mark.parametrize("bad", ["2020-3", "20-03", "2020-13", "2020-02-30", "March"])
def test_a_period_that_is_not_a_date_is_a_usage_error(yulu, bad):
    out = yulu("search", "合作", "--since", bad)
    assert out.exit_code == 2
    assert f"{bad} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)" in out.stderr


@pytest.mark.parametrize("command", TABLE_COMMANDS)
def test_every_table_command_has_one_format_option(command):
    out = CliRunner().invoke(main, [command, "--help"])
    assert out.exit_code == 0
    assert "--format [text|json" in out.stdout and "csv|tsv" in out.stdout
    assert "--csv" not in out.stdout


def test_facets_as_csv_equal_the_json(yulu):
    data = json.loads(yulu("facets", "country", "--affairs", "foreign", "--json").stdout)
    out = yulu("facets", "country", "--affairs", "foreign", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out.stdout, newline="")))
    counted = {r["value"]: int(r["count"]) for r in rows if r["value"]}
    assert counted == data["counts"]
    assert sum(int(r["count"]) for r in rows if not r["value"]) == data["missing"]


def test_kwic_has_color(yulu):
    always = yulu("kwic", "同舟共济", "--color", "always").stdout
    never = yulu("kwic", "同舟共济", "--color", "never").stdout
    assert "\x1b[" in always and "【" not in always.split("\n", 1)[1]
    assert "\x1b[" not in never and "【同舟共济】" in never
    assert "--color [auto|always|never]" in CliRunner().invoke(main, ["kwic", "--help"]).stdout
