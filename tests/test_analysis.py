"""Tokenizers and normalisation: offsets, positions and folding, on any text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.analysis.normalize import fold, is_matchable, normalize
from indexer.analysis.tokenizers import BigramFilter, CharTokenizer, WordTokenizer

TEXT = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF),
        st.sampled_from("，。、“”（）！？；：　 \n\tABCdef0123４５６ＡＢ習運體ǅﬁ①😀\x00\u200b"),
    ),
    max_size=80,
)


def test_normalisation_examples():
    assert normalize("習近平 命運共同體") == "习近平命运共同体"
    assert normalize("ＣＯＶＩＤ－１９，新冠") == "covid19新冠"
    assert normalize("“四集中”措施。") == "四集中措施"
    assert fold("　") == " " and not is_matchable(" ")


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_char_tokens_map_back_to_the_text(text):
    tokens = [
        (t.text, t.pos, t.startchar, t.endchar)
        for t in CharTokenizer()(text, positions=True, chars=True)
    ]
    assert "".join(t[0] for t in tokens) == normalize(text)
    assert [t[1] for t in tokens] == list(range(len(tokens)))
    for token, _, start, end in tokens:
        assert token in normalize(text[start:end])


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_bigrams_are_consecutive_character_pairs(text):
    chars = normalize(text)
    analyzer = CharTokenizer() | BigramFilter()
    tokens = [
        (t.text, t.pos, t.startchar, t.endchar) for t in analyzer(text, positions=True, chars=True)
    ]
    assert [t[0] for t in tokens] == [chars[i : i + 2] for i in range(len(chars) - 1)]
    assert [t[1] for t in tokens] == list(range(len(tokens)))
    for bigram, _, start, end in tokens:
        assert bigram in normalize(text[start:end])


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_word_tokens_cover_the_text_in_order(seed_index, text):
    tokenizer = WordTokenizer(seed_index.segmenter)
    tokens = [
        (t.text, t.pos, t.startchar, t.endchar) for t in tokenizer(text, positions=True, chars=True)
    ]
    assert "".join(t[0] for t in tokens) == normalize(text)
    assert [t[1] for t in tokens] == list(range(len(tokens)))
    starts = [t[2] for t in tokens]
    assert starts == sorted(starts)
    for word, _, start, end in tokens:
        assert word in normalize(text[start:end])  # one character may fold to several


def test_mapped_dictionary_answers_as_jiebas_own(tmp_path):
    """Every word, prefix and miss, as jieba's FREQ answers it; a damaged file is refused."""
    import random

    import pytest

    from indexer.analysis.dictionary import DictionaryFileError, MappedDictionary, write_dictionary

    rng = random.Random(4)
    freq = {"中": 5, "中国": 7, "中国人": 0, "中国人民": 9, "国": 2, "α": 1, "😀": 3}
    freq |= {"".join(rng.choice("甲乙丙丁") for _ in range(rng.randint(1, 5))): rng.randint(0, 9)
             for _ in range(300)}  # fmt: skip
    path = tmp_path / "d.bin"
    write_dictionary(path, freq, 1234)
    mapped = MappedDictionary(path)
    assert mapped.total == 1234 and len(mapped) == len(freq) and dict(mapped.items()) == freq
    for word in [*freq, "", "中华", "人", "甲甲甲甲甲甲", "乙丁丙甲"]:
        assert (word in mapped) == (word in freq)
        assert mapped.get(word) == freq.get(word)
        assert mapped.get(word, -1) == freq.get(word, -1)
    path.write_bytes(path.read_bytes()[:-3])
    with pytest.raises(DictionaryFileError):
        MappedDictionary(path)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_query_segmenter_cuts_as_the_full_dictionary(text):
    """The memory-mapped copy of jieba's full dictionary cuts any text exactly as the
    full dictionary loaded by jieba does (user dictionary included)."""
    from indexer.analysis.dictionary import MappedDictionary
    from indexer.analysis.segment import Segmenter
    from indexer.paths import data_dir

    userdicts = [data_dir() / "userdict.txt"]
    mapped = Segmenter.for_queries(userdicts)
    assert isinstance(mapped.cutter.freq, MappedDictionary)
    assert mapped.words(text) == Segmenter.full(userdicts).words(text)
