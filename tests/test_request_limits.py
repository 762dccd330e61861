"""Bad and outsized input is one line, never an internal error (issue 22, failures 5 and
12): dates beyond the calendar, deep nesting, too many filter values, a bad ``--host``,
an output encoding that cannot write Chinese, UTF-8 arguments in an ASCII locale; and a
fuzz test of the query parser for nesting and length."""

from __future__ import annotations

import os
import subprocess
import tempfile

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from web_kit import YULU

from indexer.cli import main
from indexer.errors import QuerySyntaxError
from indexer.search.language import MAX_DEPTH, MAX_QUERY_CHARS
from indexer.search.request import MAX_FILTER_VALUES, SearchRequest

DEEP = "(" * 499 + "合作" + ")" * 499


@pytest.fixture
def yulu(seed_index_dir):
    def run(*args):
        return CliRunner().invoke(main, [*args, "--index-dir", str(seed_index_dir)])

    return run


def one_line(result, code: int) -> str:
    assert result.exit_code == code, (result.exit_code, result.output)
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("Error: "), result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    return result.stderr


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ("date:>9999-12-31", "no date comes after 9999-12-31"),
        ("date:>9999", "no date comes after 9999"),
        ("date:<0001-01-01", "no date comes before 0001-01-01"),
        (DEEP, f"nests parentheses too deep (more than {MAX_DEPTH} levels)"),
        ("合作 " * 400, f"at most {MAX_QUERY_CHARS}"),
    ],
)
def test_bad_queries_are_one_line_on_the_cli_and_400_on_the_web(yulu, client, query, says):
    assert says in one_line(yulu("search", query), 2)
    answer = client.get("/api/search", query_string={"q": query})
    assert answer.status_code == 400 and says in answer.get_json()["error"]
    assert client.get("/", query_string={"q": query}).status_code == 400


@pytest.mark.parametrize("query", ["date:9999", "date:9999-12-31", "date:[9999-12 TO 9999-12-31}",
                                   "date:>0001-01-01", "date:<=9999"])  # fmt: skip
def test_the_last_and_first_days_are_dates(yulu, query):
    assert yulu("search", query).exit_code == 0


def test_nesting_up_to_the_cap_is_answered(seed_index):
    plain = seed_index.search(SearchRequest(query="合作")).total
    assert MAX_DEPTH % 2 == 0 and plain > 0  # an even number of NOTs gives 合作 back
    for wrap in ("({})", "NOT ({})", "-({})", "(合作 {})"):
        query = "合作"
        for _ in range(MAX_DEPTH):
            query = wrap.format(query)
        assert len(query) <= MAX_QUERY_CHARS, wrap
        assert seed_index.search(SearchRequest(query=query)).total == plain, wrap


def test_too_many_filter_values_are_refused_before_any_work(yulu, client):
    many = [f"普京{n}" for n in range(MAX_FILTER_VALUES + 1)]
    args = [arg for name in many for arg in ("--counterpart", name)]
    assert f"too many counterpart values ({len(many)};" in one_line(yulu("search", *args), 2)
    for path in ("/", "/api/search", "/export.csv", "/kwic", "/api/trend"):
        answer = client.get(path, query_string={"q": "合作", "counterpart": many * 50})
        assert answer.status_code == 400, path
    assert client.get("/api/search", query_string={"counterpart": many[:-1]}).status_code == 200


def test_a_bad_host_is_one_line(yulu):
    for host in ("256.1.1.1", "1.2.3", "a b", "x..y"):
        assert "is not an IP address or a host name" in one_line(
            CliRunner().invoke(main, ["serve", "--host", host]), 2
        )


def _console(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, **env}
    return subprocess.run(
        [*YULU, *args],
        capture_output=True,
        cwd=tempfile.gettempdir(),
        env=environment,
        timeout=120,
    )


def test_an_output_encoding_that_cannot_write_chinese_says_which_to_use(seed_index_dir):
    done = _console(
        "search", "合作", "--index-dir", str(seed_index_dir), PYTHONIOENCODING="latin-1"
    )
    assert done.returncode == 1
    err = done.stderr.decode("ascii")
    error = [line for line in err.splitlines() if line.startswith("Error:")]
    assert len(error) == 1 and "internal error" not in err and "Traceback" not in err
    assert "latin-1, from PYTHONIOENCODING" in error[0] and "PYTHONIOENCODING=utf-8" in error[0]


def test_an_ascii_locale_reads_utf8_arguments(seed_index_dir):
    done = _console("search", "合作", "--index-dir", str(seed_index_dir), "--json",
                    LC_ALL="C", LANG="C", PYTHONUTF8="0", PYTHONCOERCECLOCALE="0")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert '"query": "合作"' in done.stdout.decode("utf-8")
    bad = _console("search", "合作", "--index-dir", os.fsdecode(b"\xff"),
                   LC_ALL="C", LANG="C", PYTHONUTF8="0")  # fmt: skip
    assert bad.returncode == 2
    assert bad.stderr.endswith(b"(\\xff) is not valid UTF-8; yulu reads its arguments as UTF-8\n")


# -- fuzz: the parser answers or refuses in one line, at any nesting and length ----------

_PIECES = ["(", ")", "(", ")", '"', "“", "”", "-", "NOT ", " AND ", " OR ", " ", "合作", "发展",
           "date:", ">", "<", "=", "[", "]", "{", "}", " TO ", "2020", "-03", "9999", "0001",
           "counterpart:", "普京", "part:", "3", "*", "\\", ":", "^2", "~"]  # fmt: skip


def _attempt(ix, query: str) -> None:
    try:
        ix.search(SearchRequest(query=query, limit=1))
    except QuerySyntaxError as exc:
        assert "\n" not in str(exc)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), max_size=400).map("".join))
def test_fuzz_the_parser_with_pieces_of_the_syntax(seed_index, query):
    _attempt(seed_index, query)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    depth=st.one_of(st.integers(0, 600), st.integers(430, 500)),
    wrap=st.sampled_from(
        ["({})", "NOT ({})", "-({})", "(合作 OR {})", "({} 发展)", "-{}", "NOT {}"]
    ),
    core=st.sampled_from(["合作", '"合作"', "date:2020", "counterpart:普京", "a*"]),
)
def test_fuzz_the_parser_with_deep_nesting(seed_index, depth, wrap, core):
    query = core
    for _ in range(depth):
        query = wrap.format(query)
    _attempt(seed_index, query)
