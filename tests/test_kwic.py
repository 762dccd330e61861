"""Concordance lines against a brute-force scan of the parsed records: every
occurrence of every needle, offsets that point at the match, context clipped by
display width, sorted as asked, and aligned text output."""

from __future__ import annotations

import csv
import io
import json
import unicodedata

import pytest
from brute import Reference, random_phrases
from click.testing import CliRunner

from indexer.analysis.normalize import normalize
from indexer.cli import main
from indexer.errors import QuerySyntaxError
from indexer.search.request import SearchRequest
from indexer.tools.kwic import concordance


def columns(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def brute_spans(text: str, needle: str) -> set[tuple[int, int]]:
    """Every (start, end) whose slice normalises to the needle and starts and ends on
    a character that takes part in matching."""
    spans = set()
    for start in range(len(text)):
        if not normalize(text[start]):
            continue
        for end in range(start + 1, len(text) + 1):
            got = normalize(text[start:end])
            if len(got) > len(needle):
                break
            if got == needle and normalize(text[end - 1]):
                spans.add((start, end))
    return spans


def expected_lines(seed, ids, needles):
    by_id = {q.id: q for q in seed.quotes}
    return {
        (quote_id, start, end)
        for quote_id in ids
        for needle in needles
        for start, end in brute_spans(by_id[quote_id].text, needle)
    }


@pytest.mark.parametrize("query", ['"人类命运共同体"', "疫情 防控", '合作 "国际社会"', "世卫",
                                   '"，经济"', "中国 -美国"])  # fmt: skip
def test_every_occurrence_with_offsets_pointing_at_the_match(seed_index, seed, query):
    result = concordance(seed_index, SearchRequest(query), width=20)
    _, needles = seed_index.matches(SearchRequest(query))
    ids = {h.quote.id for h in seed_index.search(SearchRequest(query, limit=1000)).hits}
    got = [(line.id, line.start, line.end) for line in result.lines]
    assert len(got) == len(set(got))
    assert set(got) == expected_lines(seed, ids, needles)
    assert result.total == len(got) and result.quotes == len(ids)
    texts = {q.id: q.text for q in seed.quotes}
    for line in result.lines:
        text = texts[line.id]
        assert text[line.start : line.end] == line.match
        assert text[line.start - len(line.left) : line.start] == line.left
        assert text[line.end : line.end + len(line.right)] == line.right
        assert columns(line.left) <= 20 and columns(line.right) <= 20
        if len(line.left) < line.start:  # clipped: one more character would not fit
            assert columns(text[line.start - len(line.left) - 1 : line.start]) > 20
        if line.end + len(line.right) < len(text):
            assert columns(text[line.end : line.end + len(line.right) + 1]) > 20


def test_random_phrases_find_every_occurrence(seed_index, seed):
    ref = Reference(seed.quotes)
    for phrase in random_phrases(seed.quotes, 40, seed=5):
        query = f'"{phrase}"'
        got = {(line.id, line.start, line.end) for line in concordance(seed_index,
               SearchRequest(query)).lines}  # fmt: skip
        assert got == expected_lines(seed, ref.phrase(phrase), [normalize(phrase)]), phrase


def test_overlapping_occurrences_are_separate_lines(tmp_path):
    from indexer.pipeline.build import build_index
    from indexer.search import QuoteIndex

    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "g.toml").write_text(
        'title = "g"\nyear = 2020\nleader = "习近平"\n', encoding="utf-8"
    )
    (folder / "g.txt").write_text(
        "一、在内事活动中的讲话\n（一）关于测试\n哈哈哈，哈。\n——3月1日，习近平考察\n",
        encoding="utf-8",
    )
    build_index(tmp_path / "ix", [folder])
    with QuoteIndex.open(tmp_path / "ix") as ix:
        lines = concordance(ix, SearchRequest('"哈哈"')).lines
    assert [(line.start, line.end, line.left, line.right) for line in lines] == [
        (0, 2, "", "哈，哈。"),
        (1, 3, "哈", "，哈。"),
        (2, 5, "哈哈", "。"),  # across the comma, as phrase search matches it
    ]


def test_sorts(seed_index):
    request = SearchRequest("合作")
    by_date = concordance(seed_index, request, sort="date").lines
    assert [line.date for line in by_date] == sorted((line.date for line in by_date), reverse=True)
    oldest = concordance(seed_index, request, sort="date-asc").lines
    assert [line.date for line in oldest] == sorted(line.date for line in oldest)
    assert sorted(by_date, key=repr) == sorted(oldest, key=repr)
    texts = {q.id: q.text for q in seed_index.all_quotes()}
    left = concordance(seed_index, request, sort="left").lines
    keys = [texts[line.id][: line.start][::-1] for line in left]
    assert keys == sorted(keys)
    right = concordance(seed_index, request, sort="right").lines
    keys = [texts[line.id][line.end :] for line in right]
    assert keys == sorted(keys)
    assert concordance(seed_index, request, limit=3).lines == by_date[:3]


def test_bad_requests_are_errors(seed_index):
    with pytest.raises(QuerySyntaxError):
        concordance(seed_index, SearchRequest(""))
    with pytest.raises(QuerySyntaxError):
        concordance(seed_index, SearchRequest("合作"), sort="score")
    with pytest.raises(QuerySyntaxError):
        concordance(seed_index, SearchRequest("合作"), width=-1)
    with pytest.raises(QuerySyntaxError, match="no word or phrase to show"):
        concordance(seed_index, SearchRequest("counterpart:普京"))


@pytest.fixture
def yulu(seed_index_dir):
    def run(*args):
        return CliRunner().invoke(main, [*args, "--index-dir", str(seed_index_dir)])

    return run


def test_text_output_is_aligned_on_the_match(yulu):
    result = yulu("kwic", "疫情防控", "--width", "24", "--counterpart", "古特雷斯")
    assert result.exit_code == 0, result.output
    head, *lines = result.stdout.splitlines()
    assert head.startswith(f"{len(lines)} occurrences in ") and lines
    offsets = {columns(line[: line.index("【")]) for line in lines}
    assert offsets == {10 + 1 + 12 + 2 + 24}  # date, id, then 24 columns of left context
    assert all("【疫情防控】" in line for line in lines)


def test_json_and_csv_agree(yulu):
    as_json = yulu("kwic", "“同舟共济”", "--json")
    assert as_json.exit_code == 0, as_json.output
    data = json.loads(as_json.stdout)
    assert set(data) == {"query", "total", "quotes", "lines"} and data["query"] == "“同舟共济”"
    assert data["lines"] and all(
        set(line) == {"id", "date", "left", "match", "right", "start", "end"}
        for line in data["lines"]
    )
    rows = list(csv.DictReader(io.StringIO(yulu("kwic", "“同舟共济”", "--csv").stdout)))
    assert [{**row, "start": int(row["start"]), "end": int(row["end"])} for row in rows] == data[
        "lines"
    ]


def test_cli_errors(yulu):
    assert yulu("kwic").exit_code == 2
    bad = yulu("kwic", '"未闭合')
    assert bad.exit_code == 2 and "unbalanced quote" in bad.stderr
    assert yulu("kwic", "合作", "--sort", "score").exit_code == 2
    assert yulu("kwic", "合作", "--json", "--csv").exit_code == 2
    fields_only = yulu("kwic", "counterpart:普京 -合作")
    assert fields_only.exit_code == 2 and "no word or phrase" in fields_only.stderr


@pytest.mark.parametrize(
    ("query", "centre"),
    [('合作 "抗击疫情"', '"抗击疫情"'), ("疫情 防控", "防控"), ("中国 -美国", "世界 人类")],
)
def test_centre_shows_only_its_own_occurrences_in_the_querys_quotes(seed_index_dir, seed,
                                                                     query, centre):  # fmt: skip
    """``--centre`` keeps the query's quotes and shows the occurrences of its own words
    and phrases alone (the formulations page links each row's count to such a page)."""

    def run(*args: str) -> dict:
        result = CliRunner().invoke(main, [args[0], "--index-dir", str(seed_index_dir), *args[1:]])
        assert result.exit_code == 0, result.stderr
        return json.loads(result.stdout)

    data = run("kwic", "--json", "--centre", centre, "--", query)
    ids = {hit["id"] for hit in run("search", "--json", "--all", "--", query)["hits"]}
    needles = [normalize(word.strip('"')) for word in centre.split()]
    got = {(line["id"], line["start"], line["end"]) for line in data["lines"]}
    assert got == expected_lines(seed, ids, needles) and got
    assert data["total"] == len(got) and data["quotes"] == len(ids)
