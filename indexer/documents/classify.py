"""The line classifier: what each line of a document looks like on its own.

A line's *shape* depends only on the line (its text and the style its format gave it)
and on the layout cues; what it *is* in the document (a heading or a quote title, the
preamble or a quote, …) is decided from the shapes around it in
:mod:`indexer.documents.structure`. Each shape has one small rule, tried in the order of
:attr:`LineClassifier.rules`; a new layout is a new rule or new cues, not a new branch
in the parser."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import Enum

from ..folding import fold
from ..numerals import number
from ..records.cues import LayoutCues
from ..records.gazetteer import Gazetteer
from ..records.quotes import Line
from .dates import find_dates

#: Characters stripped from both ends of every line (indentation, BOM, zero widths).
WHITESPACE = " \t\n\u3000\u00a0\ufeff\u200b\u200c\u200d\u2060"
#: Closing quotes and brackets, looked through when asking how a line ends.
_CLOSING = "”’」』）)》〉〕】]\"'"
#: Punctuation that ends a sentence or a clause (a heading never ends with one).
_CLAUSE_END = "。！？；…：，、.!?;:,"
#: The longest plain (unmarked) heading, marked heading or quote title, and title line.
PLAIN_MAX, MARKED_MAX, TITLE_MAX = 40, 60, 80

_RULE = re.compile(r"^[-—–－―─_=*＊~～#\s]+$")
_FOOTER = re.compile(
    r"^(?:[-—–－\s]{0,6}\d{1,3}[-—–－\s]{0,6}"
    r"|第\s?\d{1,4}\s?页(?:\s?[/／,，]?\s?共\s?\d{1,4}\s?页)?"
    r"|\d{1,4}\s?[/／]\s?\d{1,4}"
    r"|(?:[Pp]age|P\.)\s?\d{1,4}(?:\s?(?:of|/)\s?\d{1,4})?)$"
)
_DASH = re.compile(r"^(?:[—―─]{1,3}|－{1,3}|–{1,3}|-{2,3})\s?(?P<body>\S.*)$")
_TIMESTAMP = re.compile(
    r"(?<!\d)\d{4}\s?[-/.年]\s?\d{1,2}\s?[-/.月]\s?\d{1,2}\s?日?\s{0,4}\d{1,2}[:：]\d{2}(?:[:：]\d{2})?"
)
_LIST_ITEM = re.compile(r"[；;，,、：:]$")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaffA-Za-z]")
_NAME_COLON = re.compile(r"^[\u4e00-\u9fff·]{2,6}\s?[：:]\s?(?=[《〈])")
_BOOK = re.compile(r"[《〈][^《》〈〉]{1,80}[》〉]")
_PAREN = re.compile(r"[（(][^（）()]{0,60}[）)]")
_REFERENCE = re.compile(
    r"第(?:[\d一二三四五六七八九十百零〇两]{1,5}(?:(?:——|—|－|-|–|~|～|至)[\d一二三四五六七八九十百零〇两]{1,5})?"
    r"|\d{1,4}[一ー]\d{1,4})"  # a range whose dash an OCR read as 一 (第251一252页)
    r"[卷册集编章节页辑版期]|[上中下][卷册]"
    r"|[\u4e00-\u9fff]{2,12}出版社(?:[\d〇一二三四五六七八九]{4}年)?(?:版)?|\d{4}年版"
)
_SEPARATORS = re.compile(r"[\s，,、；;．.：:—\-–]")
#: A table-of-contents entry: a title, then leader dots, a tab or a wide gap, then a
#: page number (``第一章　团结……………3``, ``科技创新是第一动力\t1``).
_PAGE_REF = re.compile(
    r"^(?P<title>\S.{0,58}?)(?:[\s\u3000]*[…\.．·・‧_－—-]{2,}[\s\u3000]*|\t+[\s\u3000]*"
    r"|[ \u3000]{2,})(?:第\s?)?(?P<page>\d{1,4}|[ivxlcIVXLC]{1,6})\s?页?$"
)
#: A dash inside a line that may open an attribution after the quote (…。——毛泽东：…).
_INLINE_DASH = re.compile(r"(?:[—―─]{2}|－{2}|-{2})\s?")
#: What ends a sentence before an attribution on the same line (looking through quotes).
_SENTENCE_END = '。！？…!?.”’」』"'
#: A final bracket on a line (…。（2019年4月30日，习近平在…上的讲话）).
_FINAL_BRACKET = re.compile(
    r"[（(](?P<inner>[^（）()]{4,120}(?:[（(][^（）()]{0,30}[）)][^（）()]{0,60})?)[）)]$"
)
#: A line that introduces quotes after it: ends with a colon or a dash.
_LEAD_END = re.compile(r"(?:[：:]|——|—|──)$")


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
    stripped = text.rstrip(_CLOSING + WHITESPACE)
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


Rule = Callable[[str, Line], "Classified | None"]


class LineClassifier:
    """Gives each line its shape; see :class:`Kind`."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self.cues: LayoutCues = gaz.layout
        self.rules: tuple[Rule, ...] = (
            self.blank,
            self.rule,
            self.footer,
            self.furniture,
            self.styled,
            self.dashed,
            self.cue,
            self.dateline,
            self.citation,
            self.contents,
            self.glued,
            self.inline,
            self.marked,
            self.short,
        )

    def clean(self, text: str) -> str:
        """The line without Word-export debris and indentation."""
        for pattern in self.gaz.debris:
            text = pattern.sub("", text)
        return text.strip(WHITESPACE)

    def classify(self, line: Line) -> Classified:
        text = self.clean(line.text)
        for rule in self.rules:
            shaped = rule(text, line)
            if shaped is not None:
                break
        else:
            shaped = Classified(line, Kind.TEXT, text)
        if shaped.kind in (Kind.SHORT, Kind.STYLED, Kind.MARKED, Kind.TEXT, Kind.CONTENTS):
            matter = self.cues.matter(shaped.title or shaped.text)
            leads = shaped.kind in (Kind.TEXT, Kind.SHORT) and self.leads(text)
            if matter or leads:
                shaped = replace(shaped, matter=matter, leads=leads)
        return shaped

    # -- one rule per shape -----------------------------------------------------------

    def blank(self, text: str, line: Line) -> Classified | None:
        return Classified(line, Kind.BLANK, text) if not text else None

    def rule(self, text: str, line: Line) -> Classified | None:
        return Classified(line, Kind.RULE, text) if _RULE.match(text) else None

    def footer(self, text: str, line: Line) -> Classified | None:
        return Classified(line, Kind.FOOTER, text) if _FOOTER.match(text) else None

    def furniture(self, text: str, line: Line) -> Classified | None:
        if len(text) > 200 or not any(p.search(text) for p in self.cues.furniture_patterns):
            return None
        return Classified(line, Kind.FURNITURE, text)

    def styled(self, text: str, line: Line) -> Classified | None:
        style = line.style.lower()
        if style == "bold":  # bold is a heading only when shaped like one
            if len(text) > PLAIN_MAX or ends_clause(text) or not has_words(text):
                return None
            if _DASH.match(text) or find_dates(text) or citation_body(text, self.cues):
                return None  # a bold attribution or citation is read as one
        elif not style.startswith(("heading", "title")) or len(text) > TITLE_MAX:
            return None
        marked = self._marker(text)
        title, no = (marked[1], marked[2]) if marked else (text, None)
        marker = text[: len(text) - len(title)].strip(WHITESPACE) if marked and title else ""
        return Classified(
            line, Kind.STYLED, text, f"style:{style}", no, title or text, marker=marker
        )

    def dashed(self, text: str, line: Line) -> Classified | None:
        match = _DASH.match(text)
        if not match:
            return None
        body = match["body"].strip(WHITESPACE)
        if _LIST_ITEM.search(body) or (
            ends_clause(body) and "《" not in body and not find_dates(body)
        ):
            return None  # a dash-led item of a list (——坚持人民至上；), not an attribution
        return Classified(line, Kind.DASHED, text, body=body)

    def cue(self, text: str, line: Line) -> Classified | None:
        folded = fold(text)  # traditional and full-width lines find the same cues
        preamble = self.cues.preamble_pattern.match(folded)
        trailer = self.cues.trailer_pattern.match(folded)
        shaped = len(text) <= 80 and any(p.search(text) for p in self.cues.trailer_line_patterns)
        if trailer is None and shaped:
            trailer = "strict"  # 《 人民日报 》（ 2021年10月25日　05 版）
        if len(text) <= 60 and _TIMESTAMP.search(text):  # 央视网 2021年03月05日 10:12
            preamble = preamble or "strict"
        if not (preamble or trailer) and self._byline(text):
            preamble = "byline"  # a name alone on its line: 习近平
        if not (preamble or trailer):
            return None
        return Classified(
            line,
            Kind.CUE,
            text,
            strict="strict" in (preamble, trailer),
            preamble_cue=preamble is not None,
            trailer_cue=trailer is not None,
        )

    def _byline(self, text: str) -> bool:
        """Whether ``text`` is a known person's name and nothing else (spaces aside)."""
        compact = "".join(text.split())
        return 2 <= len(compact) <= 8 and self.gaz.person(compact) in self.gaz.canonical_people

    def dateline(self, text: str, line: Line) -> Classified | None:
        if len(text) > 40 or not is_date_only(text):
            return None
        return Classified(line, Kind.DATELINE, text, body=text.strip("（）()"))

    def citation(self, text: str, line: Line) -> Classified | None:
        body = citation_body(text, self.cues)
        return Classified(line, Kind.CITATION, text, body=body) if body else None

    def contents(self, text: str, line: Line) -> Classified | None:
        match = _PAGE_REF.match(text)
        if not match or not has_words(match["title"]) or ends_clause(match["title"]):
            return None
        title = match["title"].strip(WHITESPACE)
        marked = self._marker(title)
        return Classified(
            line,
            Kind.CONTENTS,
            text,
            marked[0] if marked else "",
            title=marked[1] if marked else title,
        )

    def inline(self, text: str, line: Line) -> Classified | None:
        """A quote with its attribution at the end of the same line: after a dash
        (``…。——毛泽东：《…》（1940年3月6日）``) or in a final bracket (``…。（2019年4月30
        日，习近平在…上的讲话）``), right after the end of a sentence."""
        split = self._inline_split(text)
        if split is None:
            return None
        at, body = split
        quote = text[:at].rstrip(WHITESPACE)
        return Classified(line, Kind.INLINE, text, title=quote, body=body, tail=text[at:])

    def glued(self, text: str, line: Line) -> Classified | None:
        """A citation with the next quote's first words run on after it, as text whose
        line breaks were lost gives it (``《…》（一九四五年四月），《毛泽东选集》第三卷第一零九八
        页中国共产党是…``): cut after the page, or after the newspaper that follows a date."""
        at = _glued_cut(text)
        if at is None:
            return None
        citation, quote = text[:at], text[at:].strip(WHITESPACE)
        return Classified(line, Kind.GLUED, text, title=quote, body=citation, tail=citation)

    def _inline_split(self, text: str) -> tuple[int, str] | None:
        if len(text) < 8:
            return None
        for match in reversed(list(_INLINE_DASH.finditer(text))):
            at = match.start()
            before = text[:at].rstrip(WHITESPACE)
            if not before or before[-1] not in _SENTENCE_END or not has_words(before):
                continue
            body = text[match.end() :].strip(WHITESPACE)
            if self._reads_as_attribution(body):
                return at, body
            break
        bracket = _FINAL_BRACKET.search(text)
        if bracket:
            before = text[: bracket.start()].rstrip(WHITESPACE)
            inner = bracket["inner"].strip(WHITESPACE)
            ends = before and before[-1] in _SENTENCE_END and has_words(before)
            if ends and self._bracket_attribution(inner):
                return bracket.start(), inner
        return None

    def _reads_as_attribution(self, body: str) -> bool:
        """An attribution after a dash in a line: dated, or a source reference; no
        sentence inside it."""
        if not body or len(body) > 160 or any(c in body[:-1] for c in "。！？!?；;"):
            return False
        if citation_body(body, self.cues) or self.cues.citation_prefix.match(body):
            return True
        if _NAME_COLON.match(body):
            return True
        found = find_dates(body)
        return any(d.first.month is not None or d.first.year is not None for d in found)

    def _bracket_attribution(self, inner: str) -> bool:
        """A bracketed note that attributes the quote: a source reference, or a date
        naming a month at its start (after the speaker's name, if any), followed by
        nothing, a comma or what follows a speaker (在, 同, …)."""
        if citation_body(f"（{inner}）", self.cues):
            prefix = self.cues.citation_prefix.match(inner)
            if prefix or inner.startswith(("《", "〈")) or _NAME_COLON.match(inner):
                return True
        found = find_dates(inner)
        if not found or found[0].first.month is None or found[0].start > 4:
            return False
        head, rest = inner[: found[0].start], inner[found[0].end :]
        if head and not all("\u4e00" <= c <= "\u9fff" for c in head):
            return False
        return not rest or rest[0] in "，,、 　" or rest.startswith(tuple(self.cues.subject_end))

    def leads(self, text: str) -> bool:
        """Whether ``text`` may introduce quotes after it: it ends with a colon or a
        dash, and opens with a date naming a month (``2019年9月18日，习近平…指出：``) or
        names an event (``…发表了二〇二二年新年贺词。一起来看金句——``)."""
        if len(text) > 200 or not _LEAD_END.search(text):
            return False
        found = find_dates(text)
        if found and found[0].start == 0 and found[0].first.month is not None:
            return True
        folded = fold(text)
        return any(cue in folded for _, cue in self.gaz.folded_event_types)

    def marked(self, text: str, line: Line) -> Classified | None:
        marked = self._marker(text)
        if marked is None:
            return None
        family, title, no = marked
        quoted = title.startswith(("“", "「", '"')) and title.endswith(("”", "」", '"'))
        asks = title.rstrip(_CLOSING + WHITESPACE).endswith(("？", "！", "?", "!"))
        if len(title) > MARKED_MAX or (ends_clause(title) and not (quoted or asks) and title):
            return None  # a question or an exclamation names a quote (为什么…？)
        marker = text[: len(text) - len(title)].strip(WHITESPACE) if title else text
        return Classified(line, Kind.MARKED, text, family, no, title, marker=marker)

    def short(self, text: str, line: Line) -> Classified | None:
        if len(text) > PLAIN_MAX or ends_clause(text) or not has_words(text):
            return None
        return Classified(line, Kind.SHORT, text, title=text)

    def _marker(self, text: str) -> tuple[str, str, int | None] | None:
        """(family, title, number) of a numbered or bulleted line."""
        first = text[:1]
        if first in self.cues.marker_starts:
            for marker in self.cues.markers:
                match = marker.pattern.match(text)
                if match:
                    digits = match["no"]
                    numeral = "ar" if digits.translate(_ARABIC).isdigit() else "cn"
                    title = match["title"].strip(WHITESPACE)
                    return f"{marker.template}:{numeral}", title, number(digits)
        if first in self.cues.bullet:
            return f"bullet:{first}", text[1:].strip(WHITESPACE), None
        return None


_ARABIC = str.maketrans("０１２３４５６７８９", "0123456789")
#: Where a citation may end inside a line: after a page, or after a newspaper's title.
_PAGE_END = re.compile(r"[\d〇一二三四五六七八九十百零]\s?页")
_PAPER_END = re.compile(r"《[^《》]{2,8}[报刊志]》")


def _glued_cut(text: str) -> int | None:
    """Where a citation that opens ``text`` ends, when quote text follows it on the line:
    the citation holds no sentence, names a year and a book title or a bracketed date,
    and ends with a page or a newspaper after its date."""
    head = text[:160]
    stop = min((head.find(c) for c in "。！？!?" if c in head), default=len(head))
    cuts = [m.end() for m in _PAGE_END.finditer(head, 0, stop)]
    if not cuts:
        cuts = [m.end() for m in _PAPER_END.finditer(head, 0, stop)]
    if not cuts:
        return None
    at = cuts[-1]
    citation, rest = text[:at], text[at:].strip(WHITESPACE)
    if len(rest) < 4 or (not has_words(rest[:1]) and rest[:1] not in "“「"):
        return None
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
    name = _NAME_COLON.match(rest)
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
    leftover = _REFERENCE.sub("", leftover)
    for date in reversed(find_dates(leftover)):
        leftover = leftover[: date.start] + leftover[date.end :]
    leftover = _SEPARATORS.sub("", leftover).rstrip("。")
    return body if len(leftover) <= 2 and len(body) <= 160 else None
