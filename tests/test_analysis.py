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
