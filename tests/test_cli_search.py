"""``yulu search``, ``show`` and ``facets`` through click's CliRunner."""

from __future__ import annotations

import json

import pytest
from brute import Reference, random_keyword_queries, random_phrases
from click.testing import CliRunner

from indexer.cli import main

HIT_KEYS = {"id", "score", "date", "date_end", "affairs", "section", "event", "event_type",
            "counterparts", "leader", "text", "snippet", "highlights"}  # fmt: skip


@pytest.fixture
def yulu(seed_index_dir):
    def run(*args, input=None):
        return CliRunner().invoke(main, [*args, "--index-dir", str(seed_index_dir)], input=input)

    return run


def test_search_json_has_the_documented_shape(yulu, seed):
    result = yulu(
        "search", "人类命运共同体", "--counterpart", "普京", "--facet", "country", "--json"
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"query", "total", "hits", "facets", "facet_missing", "hints", "request"}
    assert data["query"] == "人类命运共同体" and data["total"] == 1
    assert data["request"]["filters"] == {"counterpart": ["普京"]}
    assert data["request"]["facets"] == ["country"] and data["facet_missing"] == {"country": 0}
    [hit] = data["hits"]
    assert set(hit) >= HIT_KEYS
    assert hit["counterparts"] == [{"name": "普京", "title": "俄罗斯总统", "country": "俄罗斯"}]
    assert "【人类命运共同体】" in hit["snippet"]
    assert [hit["text"][s:e] for s, e in hit["highlights"]] == ["人类命运共同体"]
    assert data["facets"] == {"country": {"俄罗斯": 1}}


def test_text_output_cites_each_hit(yulu):
    result = yulu("search", "“人类命运共同体”", "--limit", "2")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("16 quotes match (showing 1–2)")
    assert sum("【人类命运共同体】" in line for line in lines) == 2
    assert sum(".txt:" in line and " · id " in line for line in lines) == 2


def test_batch_json_is_exact_for_phrases_and_keywords(yulu, seed, seed_index):
    ref = Reference(seed.quotes)
    phrases = random_phrases(seed.quotes, 300, seed=21)
    keywords = random_keyword_queries(seed.quotes, 200, seed=22)
    queries = [f'"{p}"' for p in phrases] + keywords
    result = yulu(
        "search", "--batch", "-", "--json", "--limit", "1000", input="\n".join(queries) + "\n"
    )
    assert result.exit_code == 0, result.stderr
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert [a["query"] for a in answers] == queries
    for phrase, answer in zip(phrases, answers, strict=False):
        assert {h["id"] for h in answer["hits"]} == ref.phrase(phrase), phrase
    for query, answer in zip(keywords, answers[len(phrases) :], strict=True):
        assert {h["id"] for h in answer["hits"]} == ref.keywords(query), query


def test_batch_reports_bad_lines_and_exits_2(yulu):
    result = yulu("search", "--batch", "-", input='合作\n"未闭合\n')
    assert result.exit_code == 2
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["total"] > 0 and "unbalanced quote" in second["error"]
    assert result.stderr.strip() == "Error: 1 query in the batch failed"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (['"人类命运'], "unbalanced quote"),
        (["“人类命运"], "unbalanced quote"),
        (["(合作 OR 支持"], "unbalanced parentheses"),
        (["foo:bar"], "unknown field 'foo'"),
        (["date:2020-13-01"], "date: 2020-13-01 is not a date"),
        (["date:2020-04-31"], "date: 2020-04-31 is not a date"),
        (["date:yesterday"], "date: yesterday is not a date"),
        (["date:[2020-03-01 TO soon]"], "date: soon is not a date"),
        (["[合作 TO 支持]"], "work only on date, date_end"),
        ([""], "give a QUERY"),
        (["   "], "give a QUERY"),
        (['""'], "nothing to search for"),
        (["，。！"], "nothing to search for"),
        (["疫情" * 5000], "query too long (10000 characters"),
        (["合作 AND"], "AND needs a term on each side"),
        (["OR 合作"], "OR needs a term on each side"),
        (["counterpart:"], "counterpart: needs a value"),
        (["counterpart: 普京"], "counterpart: needs a value"),
        (["合作", "--facet", "nope"], "Invalid value for '--facet'"),
        (["合作", "--since", "2020-02-30"], "2020-02-30 is not a date"),
        (["合作", "--until", "2020-04-31"], "2020-04-31 is not a date"),
        (["合作", "--batch", "-"], "not both"),
    ],
)
def test_bad_input_is_one_clear_line_and_exit_2(yulu, args, message):
    result = yulu("search", *args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    if not message.startswith("Invalid value") and "is not a date" not in message:
        assert result.stderr.count("\n") == 1


@pytest.mark.parametrize("query", ["合作\x07支持", "😀", "合作 😀", "\u200b合作"])
def test_odd_characters_give_a_sensible_result(yulu, query):
    result = yulu("search", query, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    if "😀" in query:
        assert data["total"] == 0
    else:
        assert data["total"] > 0


def test_show_prints_the_whole_quote_with_citation(yulu, seed):
    quote = next(q for q in seed.quotes if q.line == 133)
    result = yulu("show", quote.id)
    assert result.exit_code == 0
    assert quote.text in result.stdout
    assert "——3月12日，习近平同联合国秘书长古特雷斯通电话" in result.stdout  # as printed
    assert "date: 2020-03-12" in result.stdout
    assert f"{quote.source}:133" in result.stdout
    as_json = yulu("show", quote.id, "--json")
    # the record, with its remark (a quote of no group is its own) and the others of it
    assert json.loads(as_json.stdout) == {**quote.to_dict(), "remark": quote.id, "also_in": []}
    missing = yulu("show", "0000")
    assert missing.exit_code == 1 and missing.stderr.startswith("Error: no quote with id '0000'")


def test_facets_command_lists_every_value(yulu, seed):
    from collections import Counter

    expected = Counter(c.name for q in seed.quotes for c in q.counterparts)
    result = yulu("facets", "counterpart", "--json")
    data = json.loads(result.stdout)
    assert data["counts"] == dict(expected) and data["total"] == len(seed.quotes)
    assert data["missing"] == sum(1 for q in seed.quotes if not q.counterparts)
    leaders = Counter(q.leader for q in seed.quotes)
    text = yulu("facets", "leader")
    top, count = leaders.most_common(1)[0]
    assert text.stdout.splitlines()[0].split() == [str(count), top]
    assert len(text.stdout.splitlines()) == len(leaders)
    assert yulu("facets", "bogus").exit_code == 2


def test_every_command_has_help_and_is_in_the_readme_and_the_cli_guide():
    from pathlib import Path

    top = Path(__file__).parent.parent
    readme = (top / "README.md").read_text(encoding="utf-8")
    guide = (top / "docs" / "cli.md").read_text(encoding="utf-8").split("## Option reference")[0]
    for page in ("web.md", "reliability.md", "layout-induction.md", "corpus-tools.md"):
        if (top / "docs" / page).exists():  # serve's options; --raw-cells; --explain; tools
            guide += (top / "docs" / page).read_text(encoding="utf-8")
    for name, command in main.commands.items():
        assert command.help, name
        assert f"yulu {name}" in readme, name  # the cheat-sheet names every command
        for param in command.params:
            for opt in param.opts:
                if opt.startswith("--") and not getattr(param, "hidden", False):
                    assert opt in guide, f"{name} {opt}"  # and the guides explain each option
