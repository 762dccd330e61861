"""A hypothesis grammar of documents of the genre, in every layout the parser reads.

A generated document is its text and the ground truth written while generating it:
the quotes with their fields, the preamble, the trailer, the headings and the quote
titles. Layout choices: a title line (with or without a period), a preamble (source
line, introduction ending with a colon), headings to any depth in any marker family
(一、, （一）, 1., 第一章, 第一部分, 一　, ●, ■, unmarked, 【unmarked】), quote titles (1.…, ★“…”, ◆…),
attributions in every form (date first, date last, 摘自《…》, an undated reference, a
citation line with no dash; after a dash at the end of the quote's last line), dates in
Arabic or Chinese numerals, to the day, month or year, single or ranges, a table of
contents with page numbers, front matter (前言, 说明 … with its text, signature and date), a
citation broken over two lines inside its work's title, quote titles that ask or exclaim
(…？, …！), a trailer, Word debris, indentation and blank lines.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field

from hypothesis import strategies as st

NUMERALS = "一二三四五六七八九十"
_AVOID = set("一二三五七九〇两")  # Chinese numerals in the alphabet's range
HAN = st.text(
    alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF).filter(
        lambda c: c not in _AVOID
    ),
    min_size=1,
    max_size=12,
)
SENTENCE = st.builds(
    lambda a, p, b, end: a + p + b + end,
    HAN,
    st.sampled_from(["，", "、", "：", "“", "”", "（", "）", "0", "12", ""]),
    HAN,
    st.sampled_from("。！？；"),
)
PARAGRAPH = st.lists(SENTENCE, min_size=1, max_size=3).map("".join)
DEBRIS = st.sampled_from(["", "", "[bookmark: _Toc123]", "[bookmark: _Toc9][bookmark: _Toc77]"])
INDENT = st.sampled_from(["", "", "\u3000\u3000", " "])
PEOPLE = [
    ("俄罗斯", "总统", "普京", "俄罗斯"),
    ("联合国", "秘书长", "古特雷斯", "联合国"),
    ("印尼", "总统", "佐科", "印度尼西亚"),
]
#: Headings of front matter (all preamble, with their text, signature and date).
FRONT_MATTER = ["前言", "说　明", "出版说明", "再版前言", "【编辑说明】"]

#: Heading marker families: how a heading with number n and title t is written.
HEADING_FAMILIES = {
    "cn-dun": lambda n, t: f"{NUMERALS[n - 1]}、{t}",
    "cn-paren": lambda n, t: f"（{NUMERALS[n - 1]}）{t}",
    "ar-dot": lambda n, t: f"{n}.{t}",
    "chapter": lambda n, t: f"第{NUMERALS[n - 1]}章　{t}",
    "part": lambda n, t: f"第{NUMERALS[n - 1]}部分 {t}",
    "dot": lambda n, t: f"●{t}",
    "square": lambda n, t: f"■{t}",
    "space": lambda n, t: f"{NUMERALS[n - 1]}　{t}",
    "plain": lambda n, t: t,
    "bracketed": lambda n, t: f"【{t}】",
}
NUMBERED = {"cn-dun", "cn-paren", "ar-dot", "chapter", "part", "space"}
UNMARKED = {"plain", "bracketed"}
#: Quote title families: how the n-th title t is written.
TITLE_FAMILIES = {
    "ar-dot": lambda n, t: f"{n}.{t}",
    "star": lambda n, t: f"★“{t}”",
    "diamond": lambda n, t: f"◆{t}",
}


@dataclass
class Expected:
    """The ground truth of a generated document."""

    quotes: list[dict] = field(default_factory=list)
    preamble: list[str] = field(default_factory=list)
    trailer: list[str] = field(default_factory=list)
    headings: list[tuple[int, int, str]] = field(default_factory=list)  # line, level, title
    titles: list[tuple[int, str]] = field(default_factory=list)
    pieces: list[tuple[int, str]] = field(default_factory=list)  # every kept text, by line


@dataclass
class Writer:
    """Lines of a document being written, with the debris hypothesis adds."""

    draw: st.DrawFn
    lines: list[str] = field(default_factory=list)

    def add(self, text: str, debris: bool = True) -> int:
        if debris:
            text = self.draw(DEBRIS) + self.draw(INDENT) + text + self.draw(INDENT)
        self.lines.append(text)
        return len(self.lines)

    def blank(self) -> None:
        if self.draw(st.booleans()):
            self.lines.append(self.draw(st.sampled_from(["", "\u3000", "[bookmark: _Toc5]"])))


def _chinese_year(year: int) -> str:
    return "".join("〇一二三四五六七八九"[int(c)] for c in str(year))


def _counted(n: int) -> str:
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else NUMERALS[tens - 1] + "十")
    return head + (NUMERALS[ones - 1] if ones else "")


@st.composite
def written_date(draw, year: int, year_known: bool):
    """A date as an attribution writes it, and (date, date_end, precision)."""
    month = draw(st.integers(1, 12))
    last_day = calendar.monthrange(year, month)[1]
    day = draw(st.integers(1, last_day))
    form = draw(
        st.sampled_from(
            ["day", "day-no-year", "chinese", "month", "chinese-month", "range", "days", "year"]
        )
    )
    if form == "day-no-year" and not year_known:
        form = "day"
    iso = dt.date(year, month, day).isoformat()
    if form == "day":
        return f"{year}年{month}月{day}日", (iso, iso, "day")
    if form == "day-no-year":
        return f"{month}月{day}日", (iso, iso, "day")
    if form == "chinese":
        text = f"{_chinese_year(year)}年{_counted(month)}月{_counted(day)}日"
        return text, (iso, iso, "day")
    first, last = f"{year}-{month:02d}-01", f"{year}-{month:02d}-{last_day:02d}"
    if form == "month":
        return f"{year}年{month}月", (first, last, "month")
    if form == "chinese-month":
        return f"{_chinese_year(year)}年{_counted(month)}月", (first, last, "month")
    if form == "year":
        return f"{year}年", (f"{year}-01-01", f"{year}-12-31", "year")
    end_day = draw(st.integers(day, last_day))
    end = dt.date(year, month, end_day).isoformat()
    if form == "days":
        return f"{year}年{month}月{day}日、{end_day}日", (iso, end, "day")
    end_month = draw(st.integers(month, 12))
    end_day = draw(st.integers(1, calendar.monthrange(year, end_month)[1]))
    end = dt.date(year, end_month, end_day)
    if end < dt.date(year, month, day):
        end = dt.date(year, month, day)
        end_month, end_day = month, day
    return f"{year}年{month}月{day}日至{end_month}月{end_day}日", (iso, end.isoformat(), "day")


@st.composite
def closer(draw, year: int, year_known: bool):
    """An attribution or citation line, and the fields it gives the quote."""
    form = draw(st.sampled_from(["first", "last", "excerpt", "reference", "cite"]))
    work = draw(HAN)
    if form == "reference":
        event = f"《{work}》，《{draw(HAN)}文集》第二卷"
        return f"——{event}", {"event": event, "dates": (None, None, None), "counterparts": []}
    text, dates = draw(written_date(year, year_known and form == "first"))
    if form == "first":
        person = draw(st.sampled_from(PEOPLE))
        foreign = draw(st.booleans())
        if foreign:
            event = f"习近平同{person[0]}{person[1]}{person[2]}通电话"
            counterparts = [(person[2], person[0] + person[1], person[3])]
        else:
            event, counterparts = f"习近平在{draw(HAN)}会议上强调", []
        return f"——{text}，{event}", {
            "event": event,
            "dates": dates,
            "counterparts": counterparts,
        }
    if form == "last":
        event = f"习近平在{draw(HAN)}会议上的讲话"
        return f"——{event}（{text}）", {"event": event, "dates": dates, "counterparts": []}
    if form == "excerpt":
        return f"——摘自《{work}》（{text}）", {
            "event": f"《{work}》",
            "dates": dates,
            "counterparts": [],
        }
    return f"《{work}》（{text}）", {"event": f"《{work}》", "dates": dates, "counterparts": []}


@st.composite
def document(draw):
    """A document of the genre and its ground truth. Returns (text, meta, expected)
    where meta is None or a dict of metadata the test passes as a metadata file."""
    w = Writer(draw)
    exp = Expected()
    year = draw(st.integers(1949, 2030))
    depth = draw(st.integers(0, 3))
    families = draw(st.permutations(list(HEADING_FAMILIES)))[:depth]
    if {"plain", "bracketed"} <= set(families):  # one unmarked family a document
        families.remove("bracketed")
        depth -= 1
    title_family = draw(st.sampled_from([None, *TITLE_FAMILIES]))
    if title_family == "ar-dot" and "ar-dot" in families:
        title_family = "star"

    # the title line and the preamble
    has_title = draw(st.booleans())
    with_period = has_title and draw(st.booleans())
    meta: dict | None = None
    if has_title:
        title = f"习近平关于{draw(HAN)}{draw(HAN)}的论述摘编"
        if with_period:
            title += f"（{year}年1月—12月）"
        line = w.add(title, debris=False)
        exp.preamble.append(title)
        exp.pieces.append((line, title))
    else:
        meta = {"leader": "习近平"}
    year_known = with_period or draw(st.booleans())
    if year_known and not with_period:
        meta = {**(meta or {}), "year": year}
    if draw(st.booleans()) or depth == 0:
        for text in [f"来源：{draw(HAN)}", *draw(st.lists(PARAGRAPH, max_size=2))]:
            line = w.add(text)
            exp.preamble.append(text)
            exp.pieces.append((line, text))
        if depth == 0:  # with no heading, a colon line ends the preamble
            text = f"{draw(HAN)}如下："
            line = w.add(text)
            exp.preamble.append(text)
            exp.pieces.append((line, text))
    w.blank()
    if depth and has_title and draw(st.booleans()):  # a table of contents with page numbers
        texts = [draw(st.sampled_from(["目　录", "目录", "【目录】"]))]
        for n in range(1, draw(st.integers(1, 4)) + 1):
            leader = draw(st.sampled_from(["……………", "\t", "…………", "．．．．"]))
            texts.append(f"{NUMERALS[n - 1]}、{draw(HAN)}{leader}{draw(st.integers(1, 300))}")
        for text in texts:
            line = w.add(text, debris=False)
            exp.preamble.append(text)
            exp.pieces.append((line, text))
    if depth and draw(st.booleans()):  # front matter before the first heading
        texts = [
            draw(st.sampled_from(FRONT_MATTER)),
            *draw(st.lists(PARAGRAPH, min_size=1, max_size=2)),
        ]
        if draw(st.booleans()):
            texts += ["编　者", f"{_chinese_year(year)}年{_counted(draw(st.integers(1, 12)))}月"]
        for text in texts:
            line = w.add(text)
            exp.preamble.append(text)
            exp.pieces.append((line, text))
        w.blank()

    # the body: a tree of headings, quotes under the innermost ones
    path: list[tuple[int | None, str]] = []
    title_count = 0

    def quotes_here() -> None:
        nonlocal title_count
        for _ in range(draw(st.integers(2, 3)) if depth else draw(st.integers(1, 3))):
            quote_title = ""
            if title_family:
                title_count += 1
                quote_title = draw(HAN)
                if title_family != "star":
                    quote_title += draw(st.sampled_from(["", "", "？", "！"]))
                written = TITLE_FAMILIES[title_family](title_count, quote_title)
                line = w.add(written)
                shown = f"“{quote_title}”" if title_family == "star" else quote_title
                exp.titles.append((line, shown))
                exp.pieces.append((line, shown))
                quote_title = shown
            paragraphs = draw(st.lists(PARAGRAPH, min_size=1, max_size=3))
            first = None
            for para in paragraphs:
                line = w.add(para)
                first = first or line
                exp.pieces.append((line, para))
                if draw(st.booleans()):  # a line of nothing but debris (not a blank line)
                    w.add(draw(st.sampled_from(["[bookmark: _Toc5]", "[image: 图]"])), debris=False)
            attribution, fields = draw(closer(year, year_known))
            inline = attribution.startswith("——") and paragraphs[-1][-1] in "。！？"
            closing = attribution.find("》")
            if inline and draw(st.booleans()):  # on the quote's last line
                w.lines[-1] = w.lines[-1].rstrip(" \u3000") + attribution
            elif attribution.startswith("《") and closing >= 3 and draw(st.booleans()):
                cut = draw(st.integers(2, closing - 1))  # broken inside the work's title
                w.add(attribution[:cut], debris=False)
                w.add(attribution[cut:], debris=False)
            else:
                w.add(attribution, debris=draw(st.booleans()))
            w.blank()
            section = path[-1] if path else (None, "")
            above = path[:-1]
            exp.quotes.append(
                {
                    "line": first,
                    "text": "\n".join(paragraphs),
                    "title": quote_title,
                    "section_no": section[0],
                    "section": section[1],
                    "headings": [t for _, t in above],
                    "part_no": above[0][0] if above else None,
                    "part": above[0][1] if above else "",
                    **fields,
                }
            )

    # unmarked headings of one document are alike (the same length), so that with no
    # title line the first of them is not read as the title
    plain_size = draw(st.integers(1, 12))

    def headings(level: int) -> None:
        family = families[level]
        count = draw(st.integers(2 if family in UNMARKED else 1, 2))
        seen: set[str] = set()
        for n in range(1, count + 1):
            if family in UNMARKED:
                # two unmarked headings alike, the first of them the document's first line,
                # are a title line and its running page header (units.running_headers)
                title = draw(HAN.filter(lambda t: (t * plain_size)[:plain_size] not in seen))
                title = (title * plain_size)[:plain_size]
                seen.add(title)
            else:
                title = draw(HAN)
            line = w.add(HEADING_FAMILIES[family](n, title))
            exp.headings.append((line, level + 1, title))
            exp.pieces.append((line, title))
            path.append((n if family in NUMBERED else None, title))
            if level + 1 < depth:
                headings(level + 1)
            else:
                quotes_here()
            path.pop()

    if depth:
        headings(0)
    else:
        quotes_here()

    # the trailer
    for text in draw(
        st.lists(st.sampled_from(["（来源：人民网）", "责任编辑：王五", "- 2 -"]), unique=True)
    ):
        line = w.add(text)
        exp.trailer.append(text)
        exp.pieces.append((line, text))
    return "\n".join(w.lines) + "\n", meta, exp
