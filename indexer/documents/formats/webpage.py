"""Saved web pages (``.html``, ``.htm``): the article's text, as a reader sees it.

The page is parsed by lxml's HTML parser (libxml2), entities decoded. What is never
article text is left out: ``<head>``, scripts, styles, forms, navigation, asides,
headers and footers outside the article, hidden elements (but for an article container
that the page's script reveals, such as WeChat's ``#js_content``: hidden by its inline
style, yet named content or holding several paragraphs), and elements whose class or
id says they are boilerplate (``nav``, ``footer``, ``share``, ``related``…). The rest
is cut into blocks (paragraphs, list items, table cells, headings; ``<br>`` cuts a
block into lines) and the article is found the way readability tools find it: each
paragraph scores its parent, grandparent and further ancestors less and less, a
candidate's score is discounted by the share of link text in it, the best candidate
is widened to an ancestor that several other good candidates share, and siblings that
score well or read like paragraphs join it. The page's ``<h1>`` is kept as the first
line when the article has no title of its own. ``Line.number`` counts the lines
of the article's text from 1; ``h1``–``h6`` give ``style="heading1"``….
"""

from __future__ import annotations

import codecs
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ...errors import CorpusFormatError
from ...records.quotes import Diagnostic, Line
from . import Reading


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


BLOCK_TAGS = _names(
    "address article aside blockquote body caption center dd details dialog dir div dl "
    "dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html "
    "legend li main menu nav ol p pre section summary table tbody td tfoot th thead tr ul"
)
#: Elements whose text is never article text.
DROP_TAGS = _names(
    "head script style noscript template iframe object embed svg math canvas video audio "
    "map button select option textarea input label nav aside menu dialog"
)
#: Blocks that score their parent (a container with text of its own scores itself).
PARAGRAPH_TAGS = _names("p li pre blockquote dd dt figcaption address h1 h2 h3 h4 h5 h6")
HEADINGS = {f"h{n}": n for n in range(1, 7)}
DROP_ROLES = _names("navigation banner contentinfo complementary search menu menubar dialog")
#: Class and id words of boilerplate (whole words of the attribute: ``main-nav``).
BOILERPLATE = _names(
    "nav navbar navi navigation menu menubar topbar footer foot copyright breadcrumb "
    "breadcrumbs crumb crumbs sidebar side aside share sharing social related relate "
    "recommend recommended comment comments reply replies ad ads advert adverts "
    "advertisement banner pager pagination toolbar login signin search subscribe qrcode "
    "ewm xgxw xgwz tuijian fenxiang pinglun popup modal cookie cookies skip sns widget "
    "tags logo"
)
#: Class and id words that mark content: an element with one of these is never dropped.
CONTENT = _names(
    "article content contents main body text detail details post entry story zw zhengwen wenzhang"
)
_WORDS = re.compile(r"[a-z0-9]+")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,512}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE
)
_SPACE_RUN = re.compile(r"[ \t\n\r\f]+")
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
_SENTENCE_END = tuple("。！？”’」』.!?")
#: Characters of a start tag (its attributes) beyond which it is read as its bare name:
#: libxml2 checks attributes pairwise (200,000 of them took 90 s). The patterns below are
#: possessive, so that each scans a run of the page once.
MAX_TAG_CHARS = 65_536
_HUGE_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9:-]{0,63}+)[^<>]{" + f"{MAX_TAG_CHARS}" + ",}+>")
#: A long data: URI (an inline image, a font) anywhere, never article text; libxml2 stops
#: at a text of 10 MB, and nothing after it would be read.
_LONG_DATA_URI = re.compile(r"data:[^\s\"'<>():]{" + f"{MAX_TAG_CHARS}" + ",}+")
_WIDE = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]")
#: Paragraph blocks shorter than this (in characters outside links) do not score.
MIN_PARAGRAPH = 10
#: A container hidden by its inline style that holds this many paragraphs is article
#: text a script would show; at most _HIDDEN_LOOKAHEAD paragraphs are looked at, each
#: up to _HIDDEN_PARAGRAPH characters (bounded work on hostile pages).
_HIDDEN_PARAGRAPHS = 3
_HIDDEN_LOOKAHEAD = 50
_HIDDEN_PARAGRAPH = 200


def _words(value: str) -> set[str]:
    return set(_WORDS.findall(_CAMEL.sub("-", value).lower()))


# -- decoding ------------------------------------------------------------------------


def _declared_charset(raw: bytes) -> tuple[str, str | None]:
    """The charset a ``<meta>`` declares, and the codec to read it with (or None)."""
    match = _META_CHARSET.search(raw[:4096])
    if not match:
        return "", None
    name = match.group(1).decode("ascii").lower()
    if name in ("gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936", "gb18030"):
        return name, "gb18030"  # the superset the others are read as
    try:
        return name, codecs.lookup(name).name
    except LookupError:
        return name, None


def decode(raw: bytes, name: str) -> tuple[str, str, list[Diagnostic]]:
    """A page's text: its byte-order mark's encoding, else the charset its ``<meta>``
    declares, else UTF-8, else GB18030 (with a warning)."""
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(codec), codec, []
            except UnicodeDecodeError:
                break
    notes: list[Diagnostic] = []
    said, declared = _declared_charset(raw)
    tried = [c for c in (declared, "utf-8", "gb18030") if c]
    for codec in dict.fromkeys(tried):
        try:
            text = raw.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
        if codec != tried[0] or (declared is None and codec == "gb18030"):
            why = f"declares {said} but is not" if declared else "is not UTF-8"
            notes.append(Diagnostic(name, 1, f"the page {why}; decoded it as {codec}"))
        return text, codec, notes
    raise CorpusFormatError(f"{name}: neither UTF-8 nor GB18030; save the page as UTF-8")


# -- blocks --------------------------------------------------------------------------


@dataclass
class Block:
    """A run of text between block boundaries, cut into lines by ``<br>``."""

    owner: object  # the nearest block element around the text
    order: int  # the owner's position in document order
    lines: list[str]
    chars: int  # characters that are not whitespace
    link_chars: int  # of which inside links
    heading: int = 0
    bold_chars: int = 0  # of which inside <strong> or <b>

    @property
    def own_text(self) -> int:
        return self.chars - self.link_chars


@dataclass
class _Open:
    owner: object
    order: int
    pieces: list[list[str]] = field(default_factory=lambda: [[]])
    chars: int = 0
    link_chars: int = 0
    bold_chars: int = 0

    def add(self, text: str | None, in_link: bool, pre: bool, bold: bool = False) -> None:
        if not text:
            return
        if pre:
            first, *rest = text.split("\n")
            self.pieces[-1].append(first)
            for piece in rest:
                self.pieces.append([piece])
        else:
            self.pieces[-1].append(text)
        count = _visible(text)
        self.chars += count
        if in_link:
            self.link_chars += count
        if bold:
            self.bold_chars += count

    def newline(self) -> None:
        self.pieces.append([])


def _visible(text: str) -> int:
    return len(text) - sum(1 for c in text if c.isspace())


def collapse(text: str) -> str:
    """HTML whitespace as a browser shows it: runs of spaces become one space, a line
    break between two CJK characters disappears; no-break spaces become spaces."""

    def space(match: re.Match[str]) -> str:
        if "\n" in match.group(0):
            start, end = match.start(), match.end()
            before = match.string[start - 1] if start else ""
            after = match.string[end] if end < len(match.string) else ""
            if before and after and _WIDE.match(before) and _WIDE.match(after):
                return ""
        return " "

    return _SPACE_RUN.sub(space, text).replace("\u00a0", " ").strip(" ")


def _unescape_twice(text: str) -> str:
    """Entities escaped twice by a content system (``&amp;ldquo;``) decoded again."""
    return html.unescape(text) if _ENTITY.search(text) else text


def _dropped(el, inside_article: bool) -> bool:
    tag = el.tag
    if tag in DROP_TAGS or tag == "footer" or (tag == "header" and not inside_article):
        return True
    attrib = el.attrib
    if "hidden" in attrib or attrib.get("aria-hidden", "").lower() == "true":
        return True
    if attrib.get("role", "").lower() in DROP_ROLES:
        return True
    words = _words(attrib.get("class", "") + " " + attrib.get("id", ""))
    if _HIDDEN_STYLE.search(attrib.get("style", "")) and not _revealed_later(el, words):
        return True
    if tag in ("html", "body", "article", "main"):
        return False
    return bool(words & BOILERPLATE) and not words & CONTENT


def _revealed_later(el, words: set[str]) -> bool:
    """Whether an element hidden by its inline style is an article container that the
    page's own script shows once it has run (WeChat's ``<div id="js_content"
    style="visibility: hidden">``): it says it is content, or it holds several
    paragraphs of text. Small hidden elements (a menu, a pop-up) stay hidden."""
    if el.tag not in ("div", "section", "article", "main", "td"):
        return False
    if words & CONTENT and not words & BOILERPLATE:
        return True
    paragraphs = 0
    for seen, child in enumerate(el.iter("p", "li", "blockquote")):
        if seen >= _HIDDEN_LOOKAHEAD:
            break
        if _visible(child.text_content()[:_HIDDEN_PARAGRAPH]) >= MIN_PARAGRAPH:
            paragraphs += 1
            if paragraphs >= _HIDDEN_PARAGRAPHS:
                return True
    return False


@dataclass
class Page:
    """A page cut into blocks, with each element's place in document order."""

    blocks: list[Block]
    first: dict[object, int]  # element -> its position in document order
    last: dict[object, int]  # element -> the position of the last element inside it


def linearize(root) -> Page:
    """The page's text blocks in document order, boilerplate left out."""
    blocks: list[Block] = []
    first: dict[object, int] = {}
    last: dict[object, int] = {}
    owners: list[tuple[object, int]] = [(root, 0)]
    current = _Open(root, 0)
    links = pres = articles = bolds = 0
    heading_at: list[int] = [0]

    def flush() -> None:
        nonlocal current
        lines = [collapse(_unescape_twice("".join(p))) for p in current.pieces]
        if any(lines):
            blocks.append(
                Block(
                    current.owner,
                    current.order,
                    lines,
                    current.chars,
                    current.link_chars,
                    heading_at[-1],
                    current.bold_chars,
                )
            )
        current = _Open(*owners[-1])

    counter = 0
    stack: list[tuple[object, bool]] = [(root, False)]
    while stack:
        el, leaving = stack.pop()
        tag = el.tag if isinstance(el.tag, str) else None
        if leaving:
            if tag in BLOCK_TAGS:
                flush()
                owners.pop()
                if tag in HEADINGS:
                    heading_at.pop()
                current = _Open(*owners[-1])
            links -= tag == "a"
            pres -= tag == "pre"
            bolds -= tag in ("strong", "b")
            articles -= tag in ("article", "main")
            last[el] = counter
            current.add(el.tail, links > 0, pres > 0, bolds > 0)
            continue
        if tag is None or _dropped(el, articles > 0):
            if el is not root:
                current.add(el.tail, links > 0, pres > 0)
            continue
        counter += 1
        first[el] = counter
        if tag == "br":
            current.newline()
            last[el] = counter
            current.add(el.tail, links > 0, pres > 0)
            continue
        if tag in BLOCK_TAGS:
            owners.append((el, counter))
            if tag in HEADINGS:
                heading_at.append(HEADINGS[tag])
            flush()
        links += tag == "a"
        pres += tag == "pre"
        bolds += tag in ("strong", "b")
        articles += tag in ("article", "main")
        current.add(el.text, links > 0, pres > 0, bolds > 0)
        stack.append((el, True))
        stack.extend((child, False) for child in reversed(el))
    flush()
    return Page(blocks, first, last)


# -- the article ---------------------------------------------------------------------


def _ancestors(el, limit: int) -> Iterator[object]:
    for _ in range(limit):
        el = el.getparent()
        if el is None:
            return
        yield el


def _scores(page: Page) -> tuple[dict[object, float], dict[object, tuple[int, int]]]:
    """Each candidate's score, and each element's (characters, link characters)."""
    totals: dict[object, tuple[int, int]] = {}
    for block in page.blocks:
        for el in [block.owner, *_ancestors(block.owner, 64)]:
            chars, links = totals.get(el, (0, 0))
            totals[el] = (chars + block.chars, links + block.link_chars)
    raw: dict[object, float] = {}
    for block in page.blocks:
        if block.heading or block.own_text < MIN_PARAGRAPH:
            continue
        text = "".join(block.lines)
        score = 1 + sum(text.count(c) for c in "，,、；;。") + min(block.own_text / 100, 3)
        start = block.owner if block.owner.tag not in PARAGRAPH_TAGS else block.owner.getparent()
        if start is None:
            continue
        for level, el in enumerate([start, *_ancestors(start, 4)]):
            if el not in page.first:  # above the page's body
                break
            divider = 1 if level == 0 else 2 if level == 1 else level * 3
            raw[el] = raw.get(el, 0.0) + score / divider
    scores = {}
    for el, score in raw.items():
        chars, links = totals.get(el, (0, 0))
        scores[el] = score * (1 - links / chars) if chars else 0.0
    return scores, totals


def _widen(top, scores: dict[object, float], page: Page):
    """The top candidate, or the nearest ancestor it shares with at least two other
    candidates scoring within a quarter of it (content split over sibling boxes)."""
    best = scores[top]
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])[1:6]
    rivals = [el for el, score in ranked if score >= 0.75 * best]
    if len(rivals) < 2:
        return top
    for ancestor in _ancestors(top, 64):
        if ancestor not in page.first:
            break
        sharing = sum(1 for r in rivals if ancestor in set(_ancestors(r, 64)) or r is ancestor)
        if sharing >= 2:
            return ancestor
    return top


def _reads_like_paragraph(el, totals: dict[object, tuple[int, int]], page: Page) -> bool:
    chars, links = totals.get(el, (0, 0))
    if not chars or el.tag not in PARAGRAPH_TAGS:
        return False
    density = links / chars
    if chars > 40 and density < 0.25:
        return True
    text = "".join("".join(b.lines) for b in page.blocks if b.owner is el)
    return density == 0 and text.endswith(_SENTENCE_END)


def article(page: Page) -> list[Block]:
    """The blocks of the page's article, in document order."""
    scores, totals = _scores(page)
    if not scores:
        return [b for b in page.blocks if b.link_chars < b.chars or b.heading]
    top = _widen(max(scores, key=lambda el: scores[el]), scores, page)
    chosen = [top]
    parent = top.getparent()
    if parent is not None:
        threshold = max(10.0, scores[top] * 0.2) if top in scores else 10.0
        chosen = [
            el
            for el in parent
            if el is top
            or (el in page.first and scores.get(el, 0.0) >= threshold)
            or (el in page.first and _reads_like_paragraph(el, totals, page))
        ]
    ranges = [(page.first[el], page.last[el]) for el in chosen if el in page.first]
    kept = [
        b
        for b in page.blocks
        if any(lo <= b.order <= hi for lo, hi in ranges) and (b.link_chars < b.chars or b.heading)
    ]
    if kept and not any(b.heading == 1 for b in kept):
        titles = [
            b
            for b in page.blocks
            if b.heading == 1 and b.link_chars < b.chars and b.order < kept[0].order
        ]
        kept = titles[:1] + kept
    return kept


def read(raw: bytes, name: str) -> Reading:
    """A saved web page's article as lines."""
    import lxml.etree
    import lxml.html

    text, encoding, notes = decode(raw, name)
    if not text.strip():
        return Reading((), encoding, notes)
    text, cut = _HUGE_TAG.subn(r"<\1>", _LONG_DATA_URI.sub("data:,", text))
    if cut:
        notes.append(
            Diagnostic(
                name,
                0,
                f"{cut} start tag(s) over {MAX_TAG_CHARS:,} characters were read without "
                "their attributes",
                0,
            )
        )
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError):
        return Reading((), encoding, notes)
    for error in parser.error_log:
        if error.type_name == "ERR_RESOURCE_LIMIT":
            what = (
                "the page nests elements too deep"
                if "depth" in error.message.lower()
                else "the page holds a text or value too long for the HTML parser (10 MB)"
            )
            notes.append(
                Diagnostic(
                    name,
                    error.line,
                    f"{what}; the HTML parser stopped at this line of the page and nothing "
                    "after it is read",
                    1,
                )
            )
            break
    body = root.find("body")
    page = linearize(body if body is not None else root)
    lines: list[Line] = []
    kept = article(page)
    chosen = {id(b) for b in kept}
    left_out = tuple(
        " ".join(piece for piece in b.lines if piece)[:60]
        for b in page.blocks
        if id(b) not in chosen and any(piece.strip() for piece in b.lines)
    )
    for block in kept:
        style = f"heading{block.heading}" if block.heading else ""
        if not style and block.bold_chars >= block.chars > 0:
            style = "bold"  # a block set in bold: a heading or a title, maybe
        for piece in block.lines:
            if piece:
                lines.append(Line(len(lines) + 1, piece, style))
    return Reading(tuple(lines), encoding, notes, left_out)
