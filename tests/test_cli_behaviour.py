"""The command line as people type it: several words, ``--``, ``--batch`` files with
blank lines, endless or undecodable lines, ``--color`` and ``NO_COLOR``, closed pipes,
hints, facet tables. CliRunner where it suffices; real processes for pipes, terminals
and /dev/zero."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from brute import Reference, countries
from click.testing import CliRunner

from indexer.cli import main

ANSI = "\x1b["
YULU = str(Path(sys.executable).with_name("yulu"))


@pytest.fixture
def yulu(seed_index_dir):
    def run(*args, input=None, env=None):
        return CliRunner().invoke(
            main, [*args[:1], "--index-dir", str(seed_index_dir), *args[1:]], input=input, env=env
        )

    return run


def hits(result) -> list[str]:
    assert result.exit_code == 0, result.output
    return [h["id"] for h in json.loads(result.stdout)["hits"]]


def test_several_words_are_one_query(yulu):
    assert hits(yulu("search", "疫苗", "合作", "--json")) == hits(
        yulu("search", "疫苗 合作", "--json")
    )
    assert hits(yulu("search", "--json", "疫苗", "合作", "--limit", "3")) == hits(
        yulu("search", "疫苗 合作", "--json", "--limit", "3")
    )


def test_a_leading_minus_word_goes_after_double_dash(yulu, seed):
    ref = Reference(seed.quotes)
    got = hits(yulu("search", "--json", "--limit", "1000", "--", "-普京", "合作"))
    assert set(got) == ref.phrase("合作") - ref.phrase("普京") and got


def test_options_after_double_dash_are_an_error(yulu):
    result = yulu("search", "--", "合作", "--limit", "3")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: --limit comes after --, where everything is query text; put options before --\n"
    )


@pytest.mark.parametrize("command", ["search", "trend", "kwic", "formulations", "keywords"])
@pytest.mark.parametrize(
    "word", ["-普京", "-counterpart:普京", '-"人类命运共同体"', "-(合作 OR 支持)"]
)
def test_a_minus_word_before_double_dash_says_what_to_do(seed_index_dir, command, word):
    """The one line names the command to type instead, and that command runs: options
    before ``--``, the query words after it, quoted for a shell where needed."""
    import shlex

    given = [command, "合作", word, "--index-dir", str(seed_index_dir), "--json"]
    result = CliRunner().invoke(main, given)
    assert result.exit_code == 2 and result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith(f"Error: {word} is taken for an option")
    suggested = shlex.split(result.stderr.split(": yulu ", 1)[1])
    assert suggested == [command, "--index-dir", str(seed_index_dir), "--json", "--", "合作", word]
    assert CliRunner().invoke(main, suggested).exit_code == 0


def test_a_mistyped_short_option_is_clicks_own_error(yulu):
    result = yulu("search", "合作", "-x")
    assert result.exit_code == 2 and result.stderr == "Error: No such option '-x'.\n"


def test_the_research_tools_take_several_words_like_search(yulu):
    """``yulu TOOL 疫苗 合作`` is the query ``疫苗 合作``, and ``-- -word`` excludes."""
    for tool in ["trend", "kwic", "formulations", "keywords"]:
        for words in (["疫苗", "合作"], ["--", "-普京", "合作"]):
            query = " ".join(w for w in words if w != "--")
            split = yulu(tool, "--json", *words)
            joined = yulu(tool, "--json", "--", query)
            assert split.exit_code == 0 and joined.exit_code == 0, (tool, split.stderr)
            assert json.loads(split.stdout) == json.loads(joined.stdout), tool


@pytest.mark.parametrize(
    "args",
    [
        ["search", "\udcff合作"],  # how Python passes the byte 0xff on
        ["search", "--counterpart", "\udcff"],
        ["facets", "country", "\udcff"],
        ["show", "\udcff\udcfe"],
    ],
)
def test_arguments_that_were_not_utf8_are_an_error(yulu, args):
    result = yulu(*args)
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert result.stderr.startswith("Error: argument ") and "is not valid UTF-8" in result.stderr


@pytest.mark.parametrize(
    ("request_", "message"),
    [
        ({"query": "\udcff合作"}, "the query is not UTF-8 text"),
        ({"filters": {"counterpart": ["\udcff"]}}, "the counterpart filter is not UTF-8 text"),
    ],
)
def test_requests_holding_undecodable_text_are_refused_by_the_library(request_, message):
    from indexer.errors import QuerySyntaxError
    from indexer.index.declaration import load_spec
    from indexer.search.request import SearchRequest

    with pytest.raises(QuerySyntaxError, match=message):
        SearchRequest(**request_).check(load_spec())


def test_batch_skips_blank_lines(yulu):
    result = yulu("search", "--batch", "-", "--json", input="合作\n\n   \n\t\n疫情\n\n")
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["query"] for line in result.stdout.splitlines()] == ["合作", "疫情"]


def test_batch_reads_utf8_with_a_bom_and_crlf(yulu):
    result = yulu("search", "--batch", "-", input="\ufeff合作\r\n疫情\r\n".encode())
    assert [json.loads(line)["query"] for line in result.stdout.splitlines()] == ["合作", "疫情"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"x" * 70_000, "Error: --batch line 1 is longer than 65536 bytes"),
        (
            "合作\n".encode() + b"\xff\xfe\n",
            "Error: --batch line 2 is not valid UTF-8; save it as UTF-8",
        ),
    ],
)
def test_batch_lines_that_are_not_queries_are_one_line_errors(yulu, data, message):
    result = yulu("search", "--batch", "-", input=data)
    assert result.exit_code == 2
    assert result.stderr.startswith(message) and result.stderr.count("\n") == 1


def test_help_shows_the_date_format(yulu):
    result = CliRunner().invoke(main, ["search", "--help"])
    assert "--since YYYY[-MM[-DD]]" in result.stdout and "--until YYYY[-MM[-DD]]" in result.stdout


@pytest.mark.parametrize("option", ["--since", "--until"])
def test_an_invalid_date_says_it_is_not_a_date(yulu, option):
    result = yulu("search", "合作", option, "2020-04-31")
    assert (
        result.exit_code == 2
        and "2020-04-31 is not a date (YYYY, YYYY-MM or YYYY-MM-DD)" in result.stderr
    )


def test_hints_go_to_stderr_in_one_line(yulu):
    result = yulu("search", "--counterpart", "Puttin", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["total"] == 0
    assert result.stderr == "yulu: no quote has --counterpart 'Puttin'; nearest: 普京\n"
    found = yulu("search", "普京")
    assert found.stderr == "yulu: 普京 is in 5 attributions; try --counterpart 普京\n"


def test_facets_take_the_query_and_filters_of_search(yulu, seed):
    from collections import Counter

    ref = Reference(seed.quotes)
    wanted = ref.phrase("合作")
    matched = [q for q in seed.quotes if q.id in wanted and q.affairs == "foreign"]
    result = yulu("facets", "country", "合作", "--affairs", "foreign", "--json")
    data = json.loads(result.stdout)
    expected = Counter(c for q in matched for c in countries(q))
    assert data["counts"] == dict(expected)
    assert data["missing"] == sum(1 for q in matched if not q.counterparts)
    assert data["total"] == len(matched)
    assert data["request"]["query"] == "合作"
    assert data["request"]["filters"] == {"affairs": ["foreign"]}


def test_facet_text_is_a_table_with_a_none_row(yulu, seed):
    result = yulu("facets", "country")
    lines = result.stdout.splitlines()
    missing = sum(1 for q in seed.quotes if not q.counterparts)
    assert lines[-1].split() == [str(missing), "(none)"]
    assert all(len(line.split()) == 2 and line.split()[0].isdigit() for line in lines)
    searched = yulu("search", "合作", "--facet", "country", "--limit", "0").stdout.splitlines()
    assert "by country:" in searched and searched[-1].endswith("(none)")


@pytest.mark.parametrize(
    ("args", "env", "colored"),
    [
        (["--color", "always"], {}, True),
        (["--color", "never"], {}, False),
        ([], {}, False),  # not a terminal
        (["--color", "always"], {"NO_COLOR": "1"}, True),  # the explicit option wins
    ],
)
def test_color_option(yulu, args, env, colored):
    result = yulu("search", "合作", "--limit", "2", *args, env=env)
    assert (ANSI in result.stdout) is colored
    assert ("【合作】" in result.stdout) is not colored


# -- real processes ---------------------------------------------------------------------


def run_in_terminal(args: list[str], env: dict[str, str]) -> str:
    """Run yulu with its stdout on a pseudo-terminal; what it printed."""
    leader, follower = pty.openpty()
    with subprocess.Popen(
        [YULU, *args], stdout=follower, stderr=subprocess.DEVNULL, env=env
    ) as process:
        os.close(follower)
        out = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closed when the process exited
                break
            if not chunk:
                break
            out += chunk
        process.wait(timeout=60)
    os.close(leader)
    return out.decode("utf-8", "replace")


@pytest.fixture
def process_env(seed_index_dir):
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env["YULU_INDEX"] = str(seed_index_dir)
    return env


@pytest.mark.parametrize(
    ("args", "no_color", "colored"),
    [
        ([], None, True),
        ([], "1", False),
        ([], "", True),  # NO_COLOR set but empty does not count (no-color.org)
        (["--color", "never"], None, False),
    ],
)
def test_color_on_a_terminal(process_env, args, no_color, colored):
    env = dict(process_env, **({"NO_COLOR": no_color} if no_color is not None else {}))
    out = run_in_terminal(["search", "合作", "--limit", "1", *args], env)
    assert "quotes match" in out
    assert (ANSI in out) is colored


@pytest.mark.parametrize(
    "args", [["parse"], ["search", "--batch", "-", "--limit", "100"]], ids=["parse", "search"]
)
def test_a_closed_pipe_ends_quietly_with_status_0(process_env, args):
    batch = "\n".join(["合作", "疫情", "支持"] * 40).encode()
    with subprocess.Popen(
        [YULU, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=process_env,
    ) as process:
        process.stdin.write(batch)
        process.stdin.close()
        first = process.stdout.readline()
        process.stdout.close()  # like head -1
        status = process.wait(timeout=60)
        stderr = process.stderr.read()
    assert first.startswith(b"{")
    assert status == 0, stderr
    assert stderr == b""


def test_batch_from_dev_zero_is_a_quick_one_line_error(process_env):
    result = subprocess.run(
        [YULU, "search", "--batch", "/dev/zero"],
        capture_output=True,
        env=process_env,
        timeout=30,
    )
    assert result.returncode == 2
    assert result.stderr.decode().startswith("Error: --batch line 1 is longer than")
    assert result.stderr.count(b"\n") == 1


def test_facets_name_the_field_argument_and_say_when_nothing_matches(yulu):
    unknown = yulu("facets", "nosuch")
    assert unknown.exit_code == 2 and unknown.stderr.startswith(
        "Error: Invalid value for 'FIELD': 'nosuch' is not one of 'counterpart'"
    )
    empty = yulu("facets", "country", "--counterpart", "普京", "--affairs", "domestic")
    assert (empty.exit_code, empty.stdout, empty.stderr) == (0, "", "yulu: no quote matches\n")


def test_all_echoes_no_limit_rather_than_a_machine_number(yulu, seed):
    data = json.loads(yulu("search", "合作", "--all", "--json").stdout)
    assert data["request"]["limit"] is None and len(data["hits"]) == data["total"] > 20
