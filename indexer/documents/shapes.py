"""The shapes a line of a document can have (:class:`Kind`), a classified line
(:class:`Classified`), and the tests on text that the classifier and the parser share:
whether a text ends a clause, names a reference, holds words, is a date alone, and what
of a line is a citation's reference (:func:`citation_body`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from ..records.cues import LayoutCues
from ..records.quotes import Line
from .dates import find_dates

#: Characters stripped from both ends of every line (indentation, BOM, zero widths).
WHITESPACE = " \t\n\u3000\u00a0\ufeff\u200b\u200c\u200d\u2060"


#: Closing quotes and brackets, looked through when asking how a line ends.
CLOSING = "”’」』）)》〉〕】]\"'"


#: Punctuation that ends a sentence or a clause (a heading never ends with one).
_CLAUSE_END = "。！？；…：，、.!?;:,"


_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaffA-Za-z]")


#: A speaker's name before the work cited (毛泽东：《…》), or several (马克思、恩格斯：);
#: an OCR may read the colon as a comma, a full stop or a semicolon (恩格斯，《…》).
NAME_COLON = re.compile(
    r"^[,，]?(?P<names>[\u4e00-\u9fff·]{2,6}(?:[、和与][\u4e00-\u9fff·]{2,6}){0,3})"
    r"\s?[：:，,。；;]\s?(?=[《〈])"
)


#: A work's title; an OCR may read its closing mark as a bracket (《列宁全集)第12卷), or
#: lose it before the bracketed date (《卡尔·马克思(1914年7一11月)) or before the volume
#: (《马克思恩格斯选集第4卷), or misread its opening mark after a comma (，飞列宁选集》).
_BOOK = re.compile(
    r"[《〈][^《》〈〉]{1,80}[》〉]|[《〈][^《》〈〉()（）]{1,40}"
    r"(?:[)）]|(?=[(（][^（）()《》]{2,30}[)）]))"
    r"|[《〈][^《》〈〉()（），,。]{1,40}?(?=[，,]?第[\d一二三四五六七八九十]{1,3}[卷册])"
    r"|(?<=[，,。])[^《》〈〉()（），,。]{1,40}[》〉]"
)


_PAREN = re.compile(r"[（(][^（）()]{0,60}[）)]")


_REFERENCE = re.compile(
    r"第(?:[\d一二三四五六七八九十百零〇两]{1,5}(?:(?:——|—|－|-|–|~|～|至)[\d一二三四五六七八九十百零〇两]{1,5})?"
    r"|\d{1,4}[一ー→]\d{1,4})"  # a range whose dash an OCR misread (第251一252页, 69→70)
    r"[卷册集编章节页辑版期]|[上中下][卷册]"
    r"|[\u4e00-\u9fff]{2,12}(?:出版社|书店|书局|印书馆)(?:[\d〇一二三四五六七八九]{4}年)?(?:版)?"
    r"|\d{4}年版|(?:[甲乙丙丁]种|袖珍|合订|精装|平装|普及|线装|大字)本"
)


#: A reference's end: a page (an OCR's misreadings of the dash, 一 and →, and of 页
#: included), perhaps a bracketed note (第497页(1965年版)), and a full stop.
PAGE_AT_END = re.compile(
    r"第[\s\d〇一二三四五六七八九十百零—─\-－～~→]{1,20}[页頁爽]"
    r"(?:\s?[（(][^（）()]{1,20}[）)])?[。.·]?$"
)


_SEPARATORS = re.compile(r"[\s，,、；;．.：:—\-–]")


class Kind(Enum):
    """The shapes a line can have."""

    BLANK = "blank"  # nothing left once debris and indentation are removed
    RULE = "rule"  # a separator line: ----, ****, ——
    FOOTER = "footer"  # a page number: - 12 -, 第3页 共5页
    STYLED = "styled"  # a heading by its format's style (Word heading 2, <h3>)
    DASHED = "dashed"  # opens with a dash: ——3月12日，习近平同…
    CUE = "cue"  # opens with a preamble or trailer cue: 来源：…, 责任编辑：…
    CITATION = "citation"  # a source reference with no dash: 《论…》（一九四五年四月）
    DATELINE = "dateline"  # nothing but a date: （2020年3月—4月）, 二〇二〇年三月四日
    MARKED = "marked"  # a numbered or bulleted heading or title: 一、…, （一）…, ●…
    CONTENTS = "contents"  # an entry of a table of contents: 第一章　团结……………3
    INLINE = "inline"  # a quote and its attribution on one line: …。——毛泽东：《…》
    GLUED = "glued"  # a citation and the next quote's first words on one line: 《…》…第九页没有…
    FURNITURE = "furniture"  # page furniture: a photo caption, a breadcrumb
    EXCERPT = "excerpt"  # an excerpt's number alone on its line, above the excerpt: 五
    SHORT = "short"  # a short line that ends no sentence: a possible plain heading
    TEXT = "text"  # anything else: a paragraph


@dataclass(frozen=True)
class Classified:
    """A line with its shape. ``family`` names the heading family of a styled or
    marked line (``第N章:cn``, ``bullet:●``, ``style:heading2``); ``number`` and
    ``title`` are its number and text without the marker; ``body`` is the text of
    an attribution or citation without its dash or brackets; ``strict`` says whether a
    cue line's cue was followed by a colon; ``preamble_cue``/``trailer_cue`` which cue
    lists it matched; ``matter`` says whether the line names a table of contents
    (``contents``: 目录), front matter (``front``: 前言, 说明) or back matter (``back``:
    后记); ``marker`` is a heading's marker as printed (``一、``, ``第一部分``); an inline
    attribution keeps its quote in ``title`` and its attribution, dash included, in
    ``tail``; ``leads`` says that the line may introduce the quotes after it (ends with
    a colon or a dash and reads like an attribution)."""

    line: Line
    kind: Kind
    text: str
    family: str = ""
    number: int | None = None
    title: str = ""
    body: str = ""
    strict: bool = False
    preamble_cue: bool = False
    trailer_cue: bool = False
    matter: str = ""
    marker: str = ""
    tail: str = ""
    leads: bool = False
    heads: bool = False  # a dated lead-in governing the paragraphs up to the next one

    @property
    def no(self) -> int:
        return self.line.number


def ends_clause(text: str) -> bool:
    """Whether ``text`` ends a sentence or clause (looking through closing quotes)."""
    stripped = text.rstrip(CLOSING + WHITESPACE)
    return not stripped or stripped[-1] in _CLAUSE_END


def names_a_reference(text: str) -> bool:
    """Whether ``text`` names a volume, page or publisher (第二卷, 第五——六页, 人民出版社)."""
    return _REFERENCE.search(text) is not None


def has_words(text: str) -> bool:
    return _HAN.search(text) is not None


def is_date_only(text: str) -> bool:
    """Whether ``text`` is one date expression and punctuation, nothing else."""
    inner = text.strip(WHITESPACE + "（）()[]【】。.")
    dates = find_dates(inner)
    return len(dates) == 1 and not _SEPARATORS.sub(
        "", inner[: dates[0].start] + inner[dates[0].end :]
    )


ARABIC_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


#: Where a citation may end inside a line: after a page, or after a newspaper's title.
_PAGE_END = re.compile(r"[\d〇一二三四五六七八九十百零]\s?页")


_PAPER_END = re.compile(r"《[^《》]{2,8}[报刊志]》")


#: A work's title whose opening mark an OCR lost (``义在…开幕词》(1949年9月21日）``): a
#: line's first words up to a closing mark, then a bracketed date.
_UNOPENED = re.compile(r"[^《》〈〉。！？!?]{4,60}[》〉]\s?[（({](?P<date>[^（）(){}]{4,30})[）)]")


def glued_cut(text: str) -> int | None:
    """Where a citation that opens ``text`` ends, when quote text follows it on the line:
    the citation holds no sentence, names a year and a book title or a bracketed date,
    and ends with a page or a newspaper after its date, or with the date after a title
    whose opening mark was lost."""
    head = text[:160]
    stop = min((head.find(c) for c in "。！？!?" if c in head), default=len(head))
    cuts = [m.end() for m in _PAGE_END.finditer(head, 0, stop)]
    if not cuts:
        cuts = [m.end() for m in _PAPER_END.finditer(head, 0, stop)]
    unopened = _UNOPENED.match(head)
    if not cuts and unopened and any(d.first.month for d in find_dates(unopened["date"])):
        cuts = [unopened.end()]
    if not cuts:
        return None
    at = cuts[-1]
    citation, rest = text[:at], text[at:].strip(WHITESPACE)
    if len(rest) < 4 or (not has_words(rest[:1]) and rest[:1] not in "“「"):
        return None
    if rest[:1] == "的" or rest.endswith(("：", ":")):
        return None  # the sentence goes on (…《浙江日报》的…专栏发表…文章提到：), no quote
    dates = [d for d in find_dates(citation) if d.year is not None]
    if not dates or not ("《" in citation or _PAREN.search(citation)):
        return None
    return at


def citation_body(text: str, cues: LayoutCues) -> str | None:
    """The reference of a citation line with no dash (``《论联合政府》（一九四五年四月二十
    四日）``, ``（摘自《…》第二卷）``, ``毛泽东：《…》``), or None if ``text`` is not one:
    a book title first, then nothing but more titles, bracketed notes, volume and page
    references, dates and punctuation."""
    body = text.strip(WHITESPACE)
    bracketed = body[:1] in "（(" and body[-1:] in "）)" and _PAREN.fullmatch(body) is not None
    if bracketed:
        body = body[1:-1].strip(WHITESPACE)
    prefix = cues.citation_prefix.match(body)
    rest = body[prefix.end() :] if prefix else body
    name = NAME_COLON.match(rest)
    rest = rest[name.end() :] if name else rest
    dated = _PAREN.match(rest)  # the date first: （一九三七年七月）《实践论》
    if dated and is_date_only(dated.group()) and rest[dated.end() :].startswith(("《", "〈")):
        rest = rest[dated.end() :]
    if not rest.startswith(("《", "〈")):
        # a bracketed note that dates the quote: （2014年10月23日在…的讲话）
        return body if bracketed and find_dates(body) else None
    leftover = rest
    for _ in range(3):  # innermost first: 《〈中国农村的社会主义高潮〉的按语》
        leftover, found = _BOOK.subn("", leftover)
        if not found:
            break
    leftover = _PAREN.sub("", leftover)
    leftover = cues.citation_word.sub("", _REFERENCE.sub("", leftover))  # …，转引自…
    for date in reversed(find_dates(leftover)):
        leftover = leftover[: date.start] + leftover[date.end :]
    leftover = _SEPARATORS.sub("", leftover).rstrip("。")
    return body if len(leftover) <= 2 and len(body) <= 160 else None
