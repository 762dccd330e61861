"""Generated scanned books of several authors' words (the class of the OCR'd 1970s
compilations of ``tests/realdocs/fresh`` and ``blind``): excerpts closed by one citation
line each that names its author before the work and cites one or two editions, page
breaks inside excerpts (a page number, a page marker), footnotes at a page's foot under
the text that carries their mark, and citations an OCR damaged (joint authors, a title
left open before the volume, a ``《`` misread after a comma, a ``》`` read as ``)``).

Whatever the draw, every excerpt is one record, in order, said by the author its citation
names, and no footnote is glued into a quote."""

from __future__ import annotations

from dataclasses import dataclass

from genre_grammar import HAN
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from indexer.documents.parser import Parser
from indexer.documents.sources import load_document

#: Words of a real length (a line of one or two characters is furniture or a number).
WORDS = HAN.filter(lambda t: len(t) >= 5)
AUTHORS = ["马克思", "恩格斯", "列宁", "斯大林", "马克思、恩格斯"]
WORKS = ["选集", "全集", "文集"]
SENTENCE = st.builds(lambda a, b: f"{a}，{b}。", WORDS, WORDS)


@dataclass
class Excerpt:
    pieces: list[str]  # the paragraph, cut by a page break when two pieces
    author: str
    citation: str
    footnote: bool


def _reference(draw, damage: str) -> str:
    book = draw(st.sampled_from(["马克思恩格斯", "列宁", "斯大林"])) + draw(st.sampled_from(WORKS))
    volume, page = draw(st.integers(1, 40)), draw(st.integers(1, 700))
    opened, closed = "《", "》"
    if damage == "open":
        return f"《{book}第{volume}卷，第{page}页。"
    if damage == "misread":
        opened = "飞"
    if damage == "bracket":
        closed = ")"
    return f"{opened}{book}{closed}第{volume}卷，第{page}页。"


@st.composite
def excerpt(draw) -> Excerpt:
    author = draw(st.sampled_from(AUTHORS))
    colon = draw(st.sampled_from(["：", "，"]))
    work = draw(HAN)
    damage = draw(st.sampled_from(["", "", "open", "misread", "bracket"]))
    second = _reference(draw, "") if draw(st.booleans()) else ""
    citation = f"{author}{colon}《{work}》，{_reference(draw, damage)}{second}"
    sentences = draw(st.lists(SENTENCE, min_size=2, max_size=4))
    cut = draw(st.integers(0, len(sentences) - 1))
    pieces = ["".join(sentences[: cut + 1])] + (
        ["".join(sentences[cut + 1 :])] if cut < len(sentences) - 1 else []
    )
    footnote = len(pieces) == 2 and draw(st.booleans())
    if footnote:
        pieces[0] = pieces[0][:3] + "①" + pieces[0][3:]
    return Excerpt(pieces, author, citation, footnote)


def render(excerpts: list[Excerpt], section: str) -> str:
    page = 1
    lines = [f"=========={'第'}{page}页==========", "    哲学笔记选", "    一、" + section]
    for e in excerpts:
        lines.append("    " + e.pieces[0])
        if len(e.pieces) == 2:
            if e.footnote:
                lines.append("    ①指某某。一编者注")
            lines += [f"    {page}", "", f"==========第{page + 1}页=========="]
            page += 1
            lines.append("    " + e.pieces[1])
        lines.append("    " + e.citation)
    return "\n".join(lines) + "\n"


@settings(max_examples=40, deadline=None)
@given(st.lists(excerpt(), min_size=2, max_size=6), WORDS)
def test_every_excerpt_of_a_scanned_book_is_one_record_by_its_author(
    tmp_path_factory, excerpts, section
):
    pieces = [p for e in excerpts for p in e.pieces]
    assume(len(set(pieces)) == len(pieces))  # a line printed again is a running head
    path = tmp_path_factory.mktemp("book") / "book.txt"
    path.write_text(render(excerpts, section), encoding="utf-8")
    result = Parser().parse_document(load_document(path))
    got = [(q.text.replace("\n", ""), q.leader, q.section) for q in result.quotes]
    want = [("".join(e.pieces), e.author, section) for e in excerpts]
    assert got == want
    assert not any("编者注" in q.text for q in result.quotes)
    assert sum("a footnote to line" in n.message for n in result.notes) == sum(
        e.footnote for e in excerpts
    )
