"""Keywords: G² and the log ratio against hand-computed tables; word counts against the
parsed records cut by the indexing analyzer; stop words and numbers left out."""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections import Counter

import pytest
from click.testing import CliRunner

from indexer.cli import main
from indexer.paths import bundled_corpus
from indexer.pipeline.build import build_index
from indexer.search import QuoteIndex
from indexer.search.request import SearchRequest
from indexer.tools.keywords import g2, keyness, keywords, log_ratio, read_stopwords, word_counts

# (a, b, c, d) -> G², log ratio, worked by hand:
# 10 of 1000 against 20 of 5000: E1 = 1000·30/6000 = 5, E2 = 25;
#   G² = 2(10 ln 2 + 20 ln 0.8) = 2(6.931472 − 4.462871) = 4.937202;
#   ratio (10/1000)/(20/5000) = 2.5, log2 2.5 = 1.321928.
# 5 of 100 against 0 of 900: E1 = 0.5; G² = 2·5 ln 10 = 23.025851;
#   the zero taken as 0.5: (5/100)/(0.5/900) = 90, log2 90 = 6.491853.
# 50 of 10000 against 50 of 10000: E1 = E2 = 50, G² = 0, log ratio 0.
# 1 of 2000 against 30 of 8000: E1 = 6.2, E2 = 24.8;
#   G² = 2(ln(1/6.2) + 30 ln(30/24.8)) = 2(−1.824549 + 5.710612) = 7.772125;
#   ratio (1/2000)/(30/8000) = 0.133333, log2 = −2.906891.
TABLE = [
    ((10, 20, 1000, 5000), 4.937202, 1.321928),
    ((5, 0, 100, 900), 23.025851, 6.491853),
    ((50, 50, 10000, 10000), 0.0, 0.0),
    ((1, 30, 2000, 8000), 7.772125, -2.906891),
]


@pytest.mark.parametrize(("counts", "expected_g2", "expected_ratio"), TABLE)
def test_g2_and_log_ratio_against_hand_computed_values(counts, expected_g2, expected_ratio):
    assert g2(*counts) == pytest.approx(expected_g2, abs=1e-5)
    assert log_ratio(*counts) == pytest.approx(expected_ratio, abs=1e-5)


def test_keyness_lists_overused_words_by_g2_without_stop_words_or_numbers():
    counts = {"美国": 10, "合作": 20, "的": 40, "2020": 9, "单": 1, "疫情": 1}
    corpus = {"美国": 10, "合作": 220, "的": 400, "2020": 9, "单": 1, "疫情": 400, "世界": 3000}
    # set: 81 words; rest: 4040 − 81 = 3959
    found = keyness(counts, corpus, stopwords={"的"}, min_count=2, top=None)
    assert [k.word for k in found] == ["美国", "合作"]  # 的 stopped, 2020 no letter, 单 once
    us, together = found
    assert (us.count, us.corpus_count) == (10, 10)
    assert us.g2 == pytest.approx(g2(10, 0, 81, 3959))
    assert us.effect == pytest.approx(log_ratio(10, 0, 81, 3959))
    assert together.g2 == pytest.approx(g2(20, 200, 81, 3959))
    # 疫情 is rarer in the set than in the rest: not a keyword of the set
    assert keyness(counts, corpus, min_count=1, top=None)[-1].word != "疫情"
    assert "疫情" not in [k.word for k in keyness(counts, corpus, min_count=1, top=None)]
    assert keyness(counts, counts) == []  # the set is the whole corpus: nothing to compare


def index_words(ix, quotes):
    """The words of each quote as indexing cut them: the word field's own analyzer."""
    analyzer = ix.schema[ix.spec.words].analyzer
    return Counter(t.text for q in quotes for t in analyzer(q.text))


@pytest.mark.parametrize(
    "request_",
    [
        SearchRequest(filters={"counterpart": ["特朗普"]}),
        SearchRequest("合作", filters={"affairs": ["foreign"]}),
        SearchRequest('"疫情防控"', until="2020-03-20"),
    ],
)
def test_counts_equal_the_records_cut_by_the_indexing_analyzer(seed_index, seed, request_):
    from dataclasses import replace

    ids = {h.quote.id for h in seed_index.search(replace(request_, limit=1000)).hits}
    in_set = index_words(seed_index, [q for q in seed.quotes if q.id in ids])
    in_corpus = index_words(seed_index, seed.quotes)
    ranked, _ = seed_index.matches(request_)
    counts, corpus = word_counts(seed_index, (n for n, _ in ranked))
    assert counts == dict(in_set) and corpus == dict(in_corpus)
    result = keywords(seed_index, request_, top=10)
    assert result.keywords
    rest = sum(in_corpus.values()) - sum(in_set.values())
    stop = read_stopwords([])
    for k in result.keywords:
        assert (k.count, k.corpus_count) == (in_set[k.word], in_corpus[k.word])
        assert k.word not in stop and k.count >= 2
        b = in_corpus[k.word] - in_set[k.word]
        assert k.count / sum(in_set.values()) > b / rest
    assert [k.g2 for k in result.keywords] == sorted((k.g2 for k in result.keywords), reverse=True)


def test_trump_keywords_name_the_united_states(seed_index):
    words = [
        k.word
        for k in keywords(seed_index, SearchRequest(filters={"counterpart": ["特朗普"]})).keywords
    ]
    assert {"美国", "美方", "特朗普"} <= set(words[:5])


def test_deleted_quotes_do_not_count(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(bundled_corpus(), corpus)
    extra = "一、在内事活动中的重要讲话\n（一）关于测试\n测试词语测试词语。\n——5月1日，习近平考察\n"
    (corpus / "extra.toml").write_text(
        'title = "x"\nyear = 2020\nleader = "习近平"\n', encoding="utf-8"
    )
    (corpus / "extra.txt").write_text(extra, encoding="utf-8")
    root = tmp_path / "ix"
    build_index(root, [corpus])
    (corpus / "extra.txt").write_text(extra.replace("测试词语", "样例"), encoding="utf-8")
    build_index(root, [corpus])  # incremental: the old quote is deleted
    with QuoteIndex.open(root) as ix:
        _, corpus_counts = word_counts(ix, [])
        assert corpus_counts == dict(index_words(ix, ix.all_quotes()))
        assert "词语" not in corpus_counts


def test_stop_words_extend_from_a_corpus_gazetteer(tmp_path):
    (tmp_path / "gazetteer").mkdir()
    (tmp_path / "gazetteer" / "stopwords.txt").write_text(
        "# mine\n疫情  # comment\n習近平\n", encoding="utf-8"
    )
    words = read_stopwords([tmp_path])
    assert {"的", "疫情", "习近平"} <= words and "# mine" not in words


@pytest.fixture
def yulu(seed_index_dir):
    def run(*args):
        return CliRunner().invoke(main, [*args, "--index-dir", str(seed_index_dir)])

    return run


def test_cli_text_json_csv(yulu):
    args = ["keywords", "--counterpart", "特朗普", "--top", "5"]
    data = json.loads(yulu(*args, "--json").stdout)
    assert set(data) == {"query", "keywords"} and len(data["keywords"]) == 5
    assert {"word", "count", "corpus_count", "g2", "effect"} <= set(data["keywords"][0])
    text = yulu(*args)
    assert text.exit_code == 0
    lines = text.stdout.splitlines()
    assert lines[0].startswith("5 keywords of ") and lines[1].split()[0] == "word"
    for line, k in zip(lines[2:], data["keywords"], strict=True):
        assert line.split()[:3] == [k["word"], str(k["count"]), str(k["corpus_count"])]
    rows = list(csv.DictReader(io.StringIO(yulu(*args, "--csv").stdout)))
    numbers = {"count": int, "corpus_count": int, "g2": float, "effect": float, "freq": int,
               "ref_freq": int, "log_ratio": float, "pct_diff": float, "p": float}  # fmt: skip
    assert [{k: numbers[k](v) if k in numbers else v for k, v in r.items()}
            for r in rows] == data["keywords"]  # fmt: skip


def test_cli_needs_something_to_compare(yulu):
    result = yulu("keywords")
    assert result.exit_code == 2 and "give a QUERY or a filter" in result.stderr
    assert yulu("keywords", "合作", "--min-count", "0").exit_code == 2
