"""Exactness on generated corpora: any mix of simplified and traditional characters,
full-width forms, Latin letters, digits, punctuation, ligatures and emoji."""

from __future__ import annotations

import tempfile
import unicodedata
from pathlib import Path

from brute import SYNTAX, Reference
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.analysis.normalize import normalize
from indexer.pipeline.build import build_index
from indexer.search import QuoteIndex, SearchRequest

ALPHABET = st.one_of(
    st.sampled_from("中国人民合作发展疫情防控命运共同体世界和平"),
    st.sampled_from("國運體習發展團結協"),  # traditional
    st.sampled_from("ＡＢＣａｂｃ１２３ ABCabc123"),
    st.sampled_from("，。、；：！？“”（）《》…—·"),
    st.sampled_from("ﬁ①Ⅻ㈠😀\u200b\u00a0"),
)
PARAGRAPH = st.text(alphabet=ALPHABET, min_size=1, max_size=40).map(lambda t: f"甲{t}。")
META = 'title = "生成"\nyear = 2021\nleader = "习近平"\n'


def write_corpus(folder: Path, paragraphs: list[str]) -> None:
    lines = ["一、在内事活动中的讲话", "（一）关于测试"]
    for day, paragraph in enumerate(paragraphs, 1):
        lines += [paragraph, f"——3月{day}日，习近平考察", ""]
    (folder / "gen.txt").write_text("\n".join(lines), encoding="utf-8")
    (folder / "gen.toml").write_text(META, encoding="utf-8")


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(paragraphs=st.lists(PARAGRAPH, min_size=3, max_size=10), data=st.data())
def test_generated_corpus_phrases_and_keywords_are_exact(paragraphs, data):
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "corpus"
        folder.mkdir()
        write_corpus(folder, paragraphs)
        build_index(Path(scratch) / "ix", [folder])
        with QuoteIndex.open(Path(scratch) / "ix") as ix:
            quotes = ix.all_quotes()
            assert sorted(q.text for q in quotes) == sorted(paragraphs)
            ref = Reference(quotes)
            for _ in range(25):
                text = data.draw(st.sampled_from(paragraphs))
                start = data.draw(st.integers(0, len(text) - 1))
                piece = text[start : start + data.draw(st.integers(1, 12))]
                if data.draw(st.booleans()):
                    piece = data.draw(st.text(alphabet=ALPHABET, min_size=1, max_size=4))
                if normalize(piece) and '"' not in piece:
                    hits = ix.search(SearchRequest(query=f'"{piece}"', limit=100)).hits
                    assert {h.quote.id for h in hits} == ref.phrase(piece), piece
                words_text = SYNTAX.sub(" ", unicodedata.normalize("NFKC", piece)).strip()
                words_text = " ".join(
                    w for w in words_text.split() if w not in ("AND", "OR", "NOT")
                )
                if normalize(words_text):
                    hits = ix.search(SearchRequest(query=words_text, limit=100)).hits
                    assert {h.quote.id for h in hits} == ref.keywords(words_text), words_text
