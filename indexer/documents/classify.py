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
from dataclasses import replace

from ..folding import fold
from ..numerals import number
from ..records.cues import LayoutCues
from ..records.gazetteer import Gazetteer
from ..records.quotes import Line
from .dates import find_dates
from .inlinecites import inline_split
from .runningheads import RUNNING_HEAD
from .shapes import (
    ARABIC_DIGITS,
    CLOSING,
    WHITESPACE,
    Classified,
    Kind,
    citation_body,
    ends_clause,
    glued_cut,
    has_words,
    is_date_only,
    names_a_reference,
)

__all__ = [
    "TITLE_MAX", "WHITESPACE", "Classified", "Kind", "LineClassifier", "citation_body",
    "ends_clause", "has_words", "is_date_only", "names_a_reference",
]  # fmt: skip

#: The longest plain (unmarked) heading, marked heading or quote title, and title line.
PLAIN_MAX, MARKED_MAX, TITLE_MAX = 40, 60, 80

_RULE = re.compile(r"^[-—–－―─_=*＊~～#\s]+$")
_FOOTER = re.compile(
    r"^(?:[-—–－一\s]{0,6}\d{1,3}[-—–－一\s]{0,6}"  # (一: an OCR's dash, 一6—)
    r"|第\s?\d{1,4}\s?页(?:\s?[/／,，]?\s?共\s?\d{1,4}\s?页)?"
    r"|\d{1,4}\s?[/／]\s?\d{1,4}"
    r"|(?:[Pp]age|P\.)\s?\d{1,4}(?:\s?(?:of|/)\s?\d{1,4})?)$"
)
_DASH = re.compile(r"^(?:[—―─]{1,3}|－{1,3}|–{1,3}|-{2,3})\s?(?P<body>\S.*)$")
_TIMESTAMP = re.compile(
    r"(?<!\d)\d{4}\s?[-/.年]\s?\d{1,2}\s?[-/.月]\s?\d{1,2}\s?日?\s{0,4}\d{1,2}[:：]\d{2}(?:[:：]\d{2})?"
)
_LIST_ITEM = re.compile(r"[；;，,、：:]$")
#: A table-of-contents entry: a title, then leader dots, a tab or a wide gap, then a
#: page number (``第一章　团结……………3``, ``科技创新是第一动力\t1``).
_PAGE_REF = re.compile(
    r"^(?P<title>\S.{0,58}?)(?:[\s\u3000]*[…\.．·・‧_－—-]{2,}[\s\u3000]*|\t+[\s\u3000]*"
    r"|[ \u3000]{2,})(?:第\s?)?(?P<page>\d{1,4}|[ivxlcIVXLC]{1,6})\s?页?$"
)
#: A line that introduces quotes after it: ends with a colon or a dash.
_LEAD_END = re.compile(r"(?:[：:]|——|—|──)$")


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
        if line.style == RUNNING_HEAD:  # a book's title atop a page (.runningheads)
            return Classified(line, Kind.FURNITURE, text)
        if len(text) > 200 or not self.cues.furniture_any.search(text):
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
        # traditional and full-width lines find the same cues; a cue opens the line, so
        # only its head is folded (all of it where folding shortened the head too much)
        reach = self.cues.cue_reach
        folded = fold(text[: reach + 16])
        if len(folded) <= reach and len(text) > reach + 16:
            folded = fold(text)
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
        split = inline_split(text, self.cues)
        if split is None:
            return None
        at, body = split
        quote = text[:at].rstrip(WHITESPACE)
        return Classified(line, Kind.INLINE, text, title=quote, body=body, tail=text[at:])

    def glued(self, text: str, line: Line) -> Classified | None:
        """A citation with the next quote's first words run on after it, as text whose
        line breaks were lost gives it (``《…》（一九四五年四月），《毛泽东选集》第三卷第一零九八
        页中国共产党是…``): cut after the page, or after the newspaper that follows a date."""
        at = glued_cut(text)
        if at is None:
            return None
        citation, quote = text[:at], text[at:].strip(WHITESPACE)
        return Classified(line, Kind.GLUED, text, title=quote, body=citation, tail=citation)

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
        asks = title.rstrip(CLOSING + WHITESPACE).endswith(("？", "！", "?", "!"))
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
        for marker, match in self.cues.marker_matches(text):
            digits = match["no"]
            numeral = "ar" if digits.translate(ARABIC_DIGITS).isdigit() else "cn"
            title = match["title"].strip(WHITESPACE)
            return f"{marker.template}:{numeral}", title, number(digits)
        if first in self.cues.bullet:
            return f"bullet:{first}", text[1:].strip(WHITESPACE), None
        return None
