"""One normalisation for text and queries, character by character: a phrase pasted
verbatim from a quote finds it, whatever the quote is written in (combining marks,
half-width katakana, Hangul syllables and jamo, full-width Latin and digits,
traditional characters); query syntax characters are translated without composing
anything."""

from __future__ import annotations

import tempfile
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.analysis.normalize import folded_chars, matchable_offsets, normalize, query_syntax
from indexer.search import SearchRequest

#: Text as documents write it: pieces that NFKC would compose or change.
PIECES = st.sampled_from(
    [
        "Cafe\u0301",  # e + combining acute accent
        "n\u0303o",  # n + combining tilde
        "ｶﾞｷﾞ",  # half-width katakana with half-width voiced marks
        "ﾊﾟﾝ",
        "한국",  # Hangul syllables
        "\u1112\u1161\u11ab",  # the same as conjoining jamo (한)
        "ＣＯＶＩＤ－１９",  # full-width Latin, hyphen and digits
        "２０２０年",
        "國際合作",  # traditional
        "命運共同體",
        "發展",
        "合作",
        "疫情防控",
        "，",
        "。",
        "①",
        "ﬁ",
        " ",
    ]
)
PARAGRAPH = st.lists(PIECES, min_size=2, max_size=8).map(lambda p: "甲" + "".join(p) + "。")
META = 'title = "生成"\nyear = 2021\nleader = "习近平"\n'
SYNTAX = set('"“”()[]{}:+-<>=^~*?\\（）［］｛｝：＂＜＞＝－＋')


def write_corpus(folder: Path, paragraphs: list[str]) -> None:
    lines = ["一、在内事活动中的讲话", "（一）关于测试"]
    for day, paragraph in enumerate(paragraphs, 1):
        lines += [paragraph, f"——3月{day}日，习近平考察", ""]
    (folder / "gen.txt").write_text("\n".join(lines), encoding="utf-8")
    (folder / "gen.toml").write_text(META, encoding="utf-8")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(PIECES, st.characters()), max_size=12).map("".join))
def test_query_syntax_translation_never_changes_what_text_normalises_to(text):
    translated = query_syntax(text)
    assert normalize(translated) == normalize(text)
    assert len(translated) >= len(text)  # nothing composed away


def test_combining_and_half_width_forms_stay_as_written():
    assert query_syntax("Cafe\u0301") == "Cafe\u0301"  # NFKC of the whole would compose é
    assert query_syntax("ｶﾞ") == "ｶﾞ"
    assert query_syntax("counterpart：普京（合作）") == "counterpart:普京(合作)"
    assert normalize("Cafe\u0301") != normalize(unicodedata.normalize("NFKC", "Cafe\u0301"))


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(paragraphs=st.lists(PARAGRAPH, min_size=2, max_size=6), data=st.data())
def test_every_verbatim_phrase_finds_its_quote(paragraphs, data):
    from indexer.pipeline.build import build_index
    from indexer.search import QuoteIndex

    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "corpus"
        folder.mkdir()
        write_corpus(folder, paragraphs)
        build_index(Path(scratch) / "ix", [folder])
        with QuoteIndex.open(Path(scratch) / "ix") as ix:
            quotes = ix.all_quotes()
            for _ in range(20):
                quote = data.draw(st.sampled_from(quotes))
                start = data.draw(st.integers(0, len(quote.text) - 1))
                piece = quote.text[start : start + data.draw(st.integers(1, 12))]
                if not normalize(piece) or SYNTAX & set(piece):
                    continue
                found = {h.quote.id for h in ix.search(SearchRequest(f'"{piece}"')).hits}
                assert quote.id in found, piece
                if piece.strip() == piece and " " not in piece:  # the same, unquoted
                    found = {h.quote.id for h in ix.search(SearchRequest(piece)).hits}
                    assert quote.id in found, piece


def test_folding_many_characters_at_once_is_folding_each_alone():
    """Folding asks OpenCC about a text's new characters in one call, a character a line:
    every ideograph (and compatibility ideograph) converts as it does alone."""
    import opencc

    from indexer import folding

    chars = [chr(c) for c in [*range(0x2E80, 0xA000), *range(0xF900, 0xFB00)]]
    t2s = opencc.OpenCC("t2s")
    alone = [t2s.convert(ch) for ch in chars]
    folding._T2S.clear()
    folding._learn_t2s(chars)
    assert [folding._T2S[ch] for ch in chars] == alone
    texts = ["習近平同俄羅斯總統普京通電話", "ＡＢＣ㍻", "", "\n"]
    together = folding.fold_many(texts)
    for cache in (folding._FOLD_TABLE, folding._FOLD_KNOWN, folding._FOLD, folding._T2S):
        cache.clear()  # (each character below is then converted by a call of its own)
    assert together == ["".join(folding.fold_char(ch) for ch in t) for t in texts]
    assert together[:2] == ["习近平同俄罗斯总统普京通电话", "abc平成"]
    undecodable = "a\udcff習b"  # a lone surrogate (undecodable input) stays as it is
    assert folding.fold(undecodable) == folding.fold_many([undecodable])[0] == "a\udcff习b"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(PIECES, st.sampled_from(["ﬁ", "㎏", "½", "\u00ad", "\0", "。，"]),
                          st.characters()), max_size=16).map("".join))  # fmt: skip
def test_matchable_offsets_are_what_folding_each_character_gives(text):
    """The fast form (one ``translate`` and a numpy scan) gives exactly the characters
    and offsets that folding character by character gives, for texts whose characters
    fold to one character each and for those with ligatures and unit signs (several)."""
    expected = list(folded_chars(text))
    normal, offsets = matchable_offsets(text)
    assert normal == "".join(ch for ch, _ in expected) == normalize(text)
    assert [int(at) for at in offsets] == [at for _, at in expected]
