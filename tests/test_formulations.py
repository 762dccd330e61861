"""Formulations against a brute-force scan: every substring of every run counted by
substring tests over the normalised texts, the drop rule applied literally."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections import Counter, defaultdict
from dataclasses import replace

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.analysis.normalize import fold, normalize
from indexer.cli import main
from indexer.search.request import SearchRequest
from indexer.tools.formulations import formulations
from indexer.tools.kwic import concordance
from indexer.tools.repeats import find_repeats


def han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or ch == "〇"


def runs_of(text: str) -> list[str]:
    """Maximal stretches of letters and digits (Unicode L and N) of the folded text."""
    runs, current = [], ""
    for ch in fold(text) + "。":
        if unicodedata.category(ch)[0] in "LN":
            current += ch
        else:
            if current:
                runs.append(current)
            current = ""
    return runs


def brute_repeats(texts, min_length, min_quotes):
    """{text: (quotes, occurrences)} by the definition: substrings of runs with a Han
    character, held (as phrase search sees it: a substring of the normalised text) by at
    least min_quotes texts, and not contained in a longer such substring held by the
    same texts."""
    norms = [normalize(t) for t in texts]
    candidates = {
        run[a:b]
        for t in texts
        for run in runs_of(t)
        for a in range(len(run))
        for b in range(a + min_length, len(run) + 1)
    }
    longest = max((len(c) for c in candidates), default=0)
    held = defaultdict(set)  # every substring of the normalised texts up to that length
    for i, t in enumerate(norms):
        for a in range(len(t)):
            for b in range(a + min_length, min(len(t), a + longest) + 1):
                held[t[a:b]].add(i)
    kept = {
        c: frozenset(held[c])
        for c in candidates
        if len(held[c]) >= min_quotes and any(han(ch) for ch in c)
    }
    by_quotes = defaultdict(list)  # only runs with the same quotes can drop each other
    for c, quotes in kept.items():
        by_quotes[quotes].append(c)
    return {
        c: (len(quotes), sum(sum(t.startswith(c, i) for i in range(len(t))) for t in norms))
        for c, quotes in kept.items()
        if not any(len(other) > len(c) and c in other for other in by_quotes[quotes])
    }


def as_table(found):
    return {r.text: (r.quotes, r.occurrences) for r in found}


def test_hand_examples_keep_the_longest_run_per_quote_set():
    texts = ["构建人类命运共同体。", "人类命运共同体理念！", "推动人类命运共同体", "人类命运共同"]
    found = find_repeats(texts, 4, 3)
    # 人类命运共同 is in all four quotes, 人类命运共同体 in three: both stand;
    # 类命运共同体 (the same three quotes as 人类命运共同体) and 人类命运 (four) do not.
    assert [(r.text, r.quotes, r.occurrences, r.texts) for r in found] == [
        ("人类命运共同", 4, 4, (0, 1, 2, 3)),
        ("人类命运共同体", 3, 3, (0, 1, 2)),
    ]


def test_counts_cross_punctuation_as_phrase_search_does():
    texts = ["疫情防控，经济发展", "疫情防控经济发展", "疫情防控经济发展。", "经济发展"]
    found = as_table(find_repeats(texts, 4, 3))
    # inside a run in the 2nd and 3rd quote, across a comma in the 1st: three quotes
    assert found == {"疫情防控经济发展": (3, 3), "经济发展": (4, 4)}
    # never inside a run: not a formulation, though phrase search would find it
    assert find_repeats(["防控，经济"] * 3, 4, 3) == []


def test_letters_and_digits_inside_runs_folded_and_without_han_left_out():
    texts = ["支持5G网络建设", "加快５Ｇ網絡建設", "推进5g网络建设。", "COVID19 COVID19 COVID19"]
    assert as_table(find_repeats(texts, 4, 3)) == {"5g网络建设": (3, 3)}


def test_seed_formulations_equal_the_brute_force(seed):
    texts = [q.text for q in seed.quotes]
    assert as_table(find_repeats(texts, 4, 3)) == brute_repeats(texts, 4, 3)


def test_seed_with_other_thresholds(seed):
    texts = [q.text for q in seed.quotes[:60]]
    assert as_table(find_repeats(texts, 2, 2)) == brute_repeats(texts, 2, 2)
    assert as_table(find_repeats(texts, 6, 4)) == brute_repeats(texts, 6, 4)


ALPHABET = st.sampled_from("甲乙丙丁甲乙丙丁國国，。 a1Ａ+")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.text(alphabet=ALPHABET, max_size=24), min_size=0, max_size=8),
    st.integers(1, 4),
    st.integers(2, 4),
)
def test_generated_texts_equal_the_literal_definition(texts, min_length, min_quotes):
    """Folding, punctuation and symbols, runs of any length, any thresholds."""
    expected = brute_repeats(texts, min_length, min_quotes)
    assert as_table(find_repeats(texts, min_length, min_quotes)) == expected


def test_order_is_most_quotes_first_and_top_cuts(seed):
    texts = [q.text for q in seed.quotes]
    found = find_repeats(texts, 4, 3)
    keys = [(-r.quotes, -r.occurrences, -len(r.text), r.text) for r in found]
    assert keys == sorted(keys)
    for top in (0, 1, 5, 17, 40, 1000):  # ties at the cut are ordered by text too
        assert find_repeats(texts, 4, 3, top=top) == found[:top]


def test_bad_thresholds_are_errors():
    from indexer.errors import QuerySyntaxError

    with pytest.raises(QuerySyntaxError):
        find_repeats(["甲乙"], 0, 3)
    with pytest.raises(QuerySyntaxError):
        find_repeats(["甲乙"], 4, 1)


@pytest.mark.parametrize(
    "request_",
    [
        SearchRequest(),
        SearchRequest(filters={"affairs": ["foreign"]}),
        SearchRequest("合作", filters={"leader": ["习近平"]}, since="2020-03-15"),
    ],
)
def test_quote_counts_equal_phrase_search_totals(seed_index, seed, request_):
    result = formulations(seed_index, request_, top=15)
    assert len(result.formulations) == 15
    ids = {h.quote.id for h in seed_index.search(replace(request_, limit=1000)).hits}
    quotes = [q for q in seed.quotes if q.id in ids]
    for f in result.formulations:
        phrase = replace(request_, query=f'{request_.query} "{f.text}"'.strip(), limit=1000)
        assert seed_index.search(phrase).total == f.quotes, f.text
        lines = concordance(seed_index, SearchRequest(f'"{f.text}"'), sort="date-asc").lines
        assert sum(1 for line in lines if line.id in ids) == f.occurrences, f.text
        held = [q for q in quotes if normalize(f.text) in normalize(q.text)]
        assert len(held) == f.quotes
        assert f.first == min(q.date for q in held) and f.last == max(q.date for q in held)
        leaders = Counter(q.leader for q in held)
        assert f.leaders == dict(sorted(leaders.items(), key=lambda kv: (-kv[1], kv[0]))[:3])
        names = Counter(n for q in held for n in {c.name for c in q.counterparts})
        assert f.counterparts == dict(sorted(names.items(), key=lambda kv: (-kv[1], kv[0]))[:3])


@pytest.fixture
def yulu(seed_index_dir):
    def run(*args):
        return CliRunner().invoke(main, [*args, "--index-dir", str(seed_index_dir)])

    return run


def test_cli_text_json_and_csv_agree(yulu):
    as_json = yulu("formulations", "--affairs", "foreign", "--top", "8", "--json")
    assert as_json.exit_code == 0, as_json.output
    data = json.loads(as_json.stdout)
    assert set(data) == {"query", "formulations"} and len(data["formulations"]) == 8
    first = data["formulations"][0]
    assert set(first) == {"text", "quotes", "occurrences", "first", "last", "leaders",
                          "counterparts"}  # fmt: skip
    text = yulu("formulations", "--affairs", "foreign", "--top", "8")
    lines = text.stdout.splitlines()
    assert lines[0] == "8 formulations of at least 4 characters in at least 3 quotes"
    assert len(lines) == 10
    for line, f in zip(lines[2:], data["formulations"], strict=True):
        assert line.split()[:5] == [str(f["quotes"]), str(f["occurrences"]), f["first"],
                                    f["last"], f["text"]]  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(yulu("formulations", "--affairs", "foreign",
                                                "--top", "8", "--csv").stdout)))  # fmt: skip
    for row, f in zip(rows, data["formulations"], strict=True):
        assert row["text"] == f["text"] and int(row["quotes"]) == f["quotes"]
        assert row["leaders"] == ";".join(f"{k} ({v})" for k, v in f["leaders"].items())


def test_cli_options_are_checked(yulu):
    assert yulu("formulations", "--min-quotes", "1").exit_code == 2
    assert yulu("formulations", "--min-length", "0").exit_code == 2
    nothing = yulu("formulations", "冠状病毒疫苗研发国际合作机制")
    assert nothing.exit_code == 0
    assert nothing.stdout.startswith("0 formulations")


def test_the_cli_loads_numpy_only_when_a_tool_needs_it():
    import subprocess
    import sys

    code = "import sys, indexer.cli; print('numpy' in sys.modules, 'pydivsufsort' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def long_run(size: int, seed: int = 3) -> str:
    import random

    rng = random.Random(seed)
    return "".join(chr(rng.randrange(0x4E00, 0x4E00 + 400)) for _ in range(size))


def test_a_long_run_repeated_across_quotes_is_one_formulation():
    run = long_run(300)
    texts = [run + "。", "甲，" + run, run[:200] + "乙" + run[200:], run[50:]]
    found = as_table(find_repeats(texts, 4, 3))
    assert found == brute_repeats(texts, 4, 3)
    assert normalize(run) not in found  # two quotes
    assert found[normalize(run[50:])] == (3, 3)
    assert found[normalize(run[200:])] == (4, 4)


def test_long_unpunctuated_runs_do_not_hang():
    import time

    run = long_run(20000)
    started = time.perf_counter()
    found = find_repeats([run, "序" + run, run + "终", "别的"], 4, 3)
    assert [(r.text, r.quotes) for r in found] == [(normalize(run), 3)]
    assert time.perf_counter() - started < 120  # a few seconds; quadratic would be hours
