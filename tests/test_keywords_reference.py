"""Keyness against a chosen reference: p, %DIFF and the Bonferroni cut-off against
hand-computed values; the counts of the set and of the reference against the records
of each, cut by the indexing analyzer; the CLI's options and the web's twins."""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import replace

import pytest
from click.testing import CliRunner

from indexer.cli import main
from indexer.search.request import SearchRequest
from indexer.tools.keywords import compare, g2, keywords, log_ratio, p_value, pct_diff

# χ² with one degree of freedom: 3.841459 is p = 0.05, 6.634897 is 0.01, 0 is 1.
P_TABLE = [(3.841459, 0.05), (6.634897, 0.01), (10.827566, 0.001), (0.0, 1.0)]


@pytest.mark.parametrize(("value", "expected"), P_TABLE)
def test_p_value_against_chi_square_table(value, expected):
    assert p_value(value) == pytest.approx(expected, rel=1e-5)


def test_pct_diff_by_hand():
    # 10 in 1000 against 20 in 5000: (0.01 − 0.004) / 0.004 = 150 %
    assert pct_diff(10, 20, 1000, 5000) == pytest.approx(150)
    # 7 in 418 against 0 in 152 (0.5): 100 (7/418 − 0.5/152) / (0.5/152) = 409.0909
    assert pct_diff(7, 0, 418, 152) == pytest.approx(409.0909, abs=1e-4)


def test_compare_with_a_bonferroni_cut_off_and_an_effect_size_filter():
    counts = {"美国": 30, "合作": 12, "的": 50, "2020": 9, "单": 1}
    ref = {"美国": 2, "合作": 10, "的": 50, "俄罗斯": 40}
    c, d = 102, 102
    every, tested = compare(counts, ref, stopwords={"的"}, min_count=2, top=None)
    assert tested == 2  # 美国 and 合作: 的 stopped, 2020 has no letter, 单 once
    assert [k.word for k in every] == ["美国", "合作"]
    us = every[0]
    assert (us.count, us.ref_freq, us.corpus_count) == (30, 2, 32)
    assert us.g2 == pytest.approx(g2(30, 2, c, d))
    assert us.effect == pytest.approx(log_ratio(30, 2, c, d))
    # G² of 合作 (12 against 10 in equal sizes) = 2(12 ln(12/11) + 10 ln(10/11))
    #   = 2(1.044137 − 0.953102) = 0.182070
    assert every[1].g2 == pytest.approx(0.182070, abs=1e-5)
    significant, _ = compare(counts, ref, {"的"}, 2, None, alpha=0.05)
    assert [k.word for k in significant] == ["美国"]  # p(合作) = 0.67 > 0.05 / 2
    assert p_value(us.g2) < 0.05 / 2
    strong, _ = compare(counts, ref, {"的"}, 2, None, min_log_ratio=1)
    assert [k.word for k in strong] == ["美国"]  # log2(12/10) = 0.26


def analyzer_counts(ix, quotes) -> Counter:
    analyzer = ix.schema[ix.spec.words].analyzer
    return Counter(t.text for q in quotes for t in analyzer(q.text))


def records(ix, seed, request):
    ids = {h.quote.id for h in ix.search(replace(request, limit=1000)).hits}
    return [q for q in seed.quotes if q.id in ids]


@pytest.mark.parametrize(
    ("request_", "reference"),
    [
        (SearchRequest(filters={"counterpart": ["特朗普"]}),
         SearchRequest(filters={"counterpart": ["普京"]})),
        (SearchRequest(filters={"affairs": ["foreign"]}),
         SearchRequest(filters={"affairs": ["domestic"]})),
        (SearchRequest("合作", since="2020-04-01"), SearchRequest("合作", until="2020-03-15")),
    ],
)  # fmt: skip
def test_counts_are_the_set_and_the_reference_records(seed_index, seed, request_, reference):
    in_set = analyzer_counts(seed_index, records(seed_index, seed, request_))
    in_ref = analyzer_counts(seed_index, records(seed_index, seed, reference))
    c, d = sum(in_set.values()), sum(in_ref.values())
    result = keywords(seed_index, request_, top=None, reference=reference)
    assert (result.set_words, result.ref_words) == (c, d)
    assert result.keywords
    for k in result.keywords:
        a, b = in_set[k.word], in_ref[k.word]
        assert (k.count, k.ref_freq) == (a, b)
        assert a / c > b / d
        assert k.g2 == pytest.approx(g2(a, b, c, d))
        assert k.effect == pytest.approx(log_ratio(a, b, c, d))
        assert k.to_dict()["p"] == pytest.approx(math.erfc(math.sqrt(k.g2 / 2)), rel=1e-3)


def test_the_rest_stays_the_default(seed_index):
    request = SearchRequest(filters={"counterpart": ["特朗普"]})
    default = keywords(seed_index, request)
    assert set(default.to_dict()) == {"query", "keywords"}
    for k in default.keywords:
        assert k.ref_freq == k.corpus_count - k.count


def yulu(index_dir, *args):
    result = CliRunner().invoke(main, ["keywords", "--index-dir", str(index_dir), *args])
    return result


def test_cli_reference_options_json_and_errors(seed_index_dir):
    given = yulu(seed_index_dir, "--json", "--counterpart", "特朗普", "--reference-counterpart",
                 "普京", "--min-freq", "3")  # fmt: skip
    assert given.exit_code == 0, given.stderr
    data = json.loads(given.stdout)
    assert data["reference"]["filters"] == {"counterpart": ["普京"]}
    for k in data["keywords"]:
        assert {"word", "freq", "ref_freq", "g2", "log_ratio", "p"} <= set(k)
        assert k["freq"] >= 3
    cut = json.loads(yulu(seed_index_dir, "--json", "--counterpart", "特朗普", "--alpha",
                          "0.05").stdout)  # fmt: skip
    assert cut["cutoff"] == pytest.approx(0.05 / cut["tests"])
    assert cut["keywords"] and all(k["p"] < cut["cutoff"] for k in cut["keywords"])
    only_ref = yulu(seed_index_dir, "--reference", "合作", "--top", "3")
    assert only_ref.exit_code == 0, only_ref.stderr
    bad = yulu(seed_index_dir, "合作", "--reference-since", "2020-13-01")
    assert bad.exit_code == 2 and bad.stderr.count("\n") == 1
    assert yulu(seed_index_dir, "合作", "--alpha", "0").exit_code == 2


@pytest.mark.parametrize(
    "params",
    [
        {"counterpart": "特朗普", "reference_counterpart": "普京"},
        {"affairs": "foreign", "reference_affairs": "domestic", "alpha": "0.05", "top": "10"},
        {"q": "合作", "since": "2020-04-01", "reference": "合作", "reference_until": "2020-03-15",
         "min_log_ratio": "1"},
    ],
)  # fmt: skip
def test_web_twins_are_the_clis(client, seed_index_dir, params):
    args = []
    for name, value in params.items():
        if name != "q":
            args += ["--" + name.replace("_", "-"), value]
    expected = yulu(seed_index_dir, "--json", *args, "--", params.get("q", ""))
    assert expected.exit_code == 0, expected.stderr
    assert client.get("/api/keywords", query_string=params).get_json() == json.loads(
        expected.stdout
    )
    csv_cli = yulu(seed_index_dir, "--csv", "--excel", *args, "--", params.get("q", ""))
    assert client.get("/keywords.csv", query_string=params).data == csv_cli.stdout_bytes
    page = client.get("/keywords", query_string=params)
    assert page.status_code == 200
    assert "the reference" in page.get_data(as_text=True)
