"""Indexing cuts text with rjieba where it is installed, and searches with yulu's own
cutter (:mod:`indexer.analysis.cutting`, jieba's algorithm without importing jieba):
jieba stays the reference, and both must give exactly jieba's words (and find exactly
the dictionary words jieba's DAG finds) on the seed and on generated text."""

from __future__ import annotations

import jieba
import pytest
from brute import full_jieba
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.analysis.indexcut import IndexSegmenter
from indexer.analysis.normalize import fold
from indexer.paths import data_dir

pytest.importorskip("rjieba")

HAN = "中国人民合作发展疫情防控命运共同体世界卫生组织和平经济社会习近平普京同志们的了是在"
TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(HAN),
        st.sampled_from("國運體習發展團結協"),
        st.sampled_from("abcXYZ0123456789 "),
        st.sampled_from("，。、；：！？“”（）《》…—·-+#&._%"),
        st.sampled_from("ＡＢＣ１２３ｶﾞ😀①ﬁ\u200b\u3000"),
    ),
    max_size=60,
)


@pytest.fixture(scope="module")
def segmenters():
    userdict = [data_dir() / "userdict.txt"]
    fast = IndexSegmenter(userdict)
    assert fast.uses_rust
    return fast, IndexSegmenter(userdict, rust=False)


def reference_words(text: str) -> list[tuple[str, int, int]]:
    """jieba's own tokenizer over its full dictionary plus the bundled user dictionary."""
    return [tuple(t) for t in full_jieba().tokenize(text)]


def reference_vocabulary(texts: list[str]) -> dict[str, int]:
    tk = full_jieba()
    found = {}
    for text in texts:
        for block in jieba.re_han_default.findall(text):
            for start, ends in tk.get_DAG(block).items():
                for end in ends:
                    word = block[start : end + 1]
                    if tk.FREQ.get(word):
                        found[word] = tk.FREQ[word]
    return found


def test_rjieba_cuts_the_seed_as_jieba_does(segmenters, seed):
    fast, slow = segmenters
    texts = [fold(q.text) for q in seed.quotes]
    for text in texts:
        expected = reference_words(text)
        assert [tuple(t) for t in fast.tokenize(text)] == expected, text
        assert [tuple(t) for t in slow.tokenize(text)] == expected, text
    found: dict[str, int] = {}
    for text in texts:
        fast.add_vocabulary(text, found)
    assert found == reference_vocabulary(texts)


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_rjieba_cuts_generated_text_as_jieba_does(segmenters, text):
    fast, _ = segmenters
    folded = fold(text)
    assert [tuple(t) for t in fast.tokenize(folded)] == reference_words(folded)
    found: dict[str, int] = {}
    IndexSegmenter.add_vocabulary(fast, folded, found)
    assert found == reference_vocabulary([folded])


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_the_cutter_cuts_generated_text_as_jieba_does(segmenters, text):
    """yulu's cutter over the mapped full dictionary (what queries are cut with), on
    text with unknown runs that jieba's hidden Markov model cuts."""
    _, slow = segmenters
    folded = fold(text)
    assert [tuple(t) for t in slow.tokenize(folded)] == reference_words(folded)
    assert [tuple(t) for t in slow.tokenize(text)] == reference_words(text)


def test_a_user_dictionary_rjieba_cannot_follow_falls_back_to_jieba(tmp_path):
    """A user word without a frequency gets one computed from jieba's state at that
    moment: such dictionaries are cut by jieba alone."""
    userdict = tmp_path / "userdict.txt"
    userdict.write_text("新词语甲乙\n", encoding="utf-8")
    assert not IndexSegmenter([userdict]).uses_rust
    userdict.write_text("新词语甲乙 5 n\n", encoding="utf-8")
    assert IndexSegmenter([userdict]).uses_rust
