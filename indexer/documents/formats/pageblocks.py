"""A web page cut into text blocks in document order (paragraphs, list items, table
cells, headings; ``<br>`` cuts a block into lines), with what is never article text
left out: scripts, styles, forms, navigation, hidden elements, boilerplate by class or
id, and each element's place in document order for :mod:`.pagearticle`."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field


def tag_names(text: str) -> frozenset[str]:
    return frozenset(text.split())


BLOCK_TAGS = tag_names(
    "address article aside blockquote body caption center dd details dialog dir div dl "
    "dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html "
    "legend li main menu nav ol p pre section summary table tbody td tfoot th thead tr ul"
)


#: Elements whose text is never article text.
DROP_TAGS = tag_names(
    "head script style noscript template iframe object embed svg math canvas video audio "
    "map button select option textarea input label nav aside menu dialog"
)


HEADINGS = {f"h{n}": n for n in range(1, 7)}


DROP_ROLES = tag_names("navigation banner contentinfo complementary search menu menubar dialog")


#: Class and id words of boilerplate (whole words of the attribute: ``main-nav``).
BOILERPLATE = tag_names(
    "nav navbar navi navigation menu menubar topbar footer foot copyright breadcrumb "
    "breadcrumbs crumb crumbs sidebar side aside share sharing social related relate "
    "recommend recommended comment comments reply replies ad ads advert adverts "
    "advertisement banner pager pagination toolbar login signin search subscribe qrcode "
    "ewm xgxw xgwz tuijian fenxiang pinglun popup modal cookie cookies skip sns widget "
    "tags logo"
)


#: Class and id words that mark content: an element with one of these is never dropped.
CONTENT = tag_names(
    "article content contents main body text detail details post entry story zw zhengwen wenzhang"
)


_WORDS = re.compile(r"[a-z0-9]+")


_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


_SPACE_RUN = re.compile(r"[ \t\n\r\f]+")


_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")


#: A container hidden by its inline style that holds this many paragraphs is article
#: text a script would show; at most _HIDDEN_LOOKAHEAD paragraphs are looked at, each
#: up to _HIDDEN_PARAGRAPH characters (bounded work on hostile pages).
_HIDDEN_PARAGRAPHS = 3


_HIDDEN_LOOKAHEAD = 50


_HIDDEN_PARAGRAPH = 200
WIDE = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]")
#: Paragraph blocks shorter than this (in characters outside links) do not score.
MIN_PARAGRAPH = 10


def _words(value: str) -> set[str]:
    return set(_WORDS.findall(_CAMEL.sub("-", value).lower()))


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
            if before and after and WIDE.match(before) and WIDE.match(after):
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


class _Walk:
    """One walk over a page's elements in document order (iterative: a page may nest
    deeper than Python's recursion), cutting the text into blocks as it goes."""

    def __init__(self, root) -> None:
        self.root = root
        self.blocks: list[Block] = []
        self.first: dict[object, int] = {}
        self.last: dict[object, int] = {}
        self.owners: list[tuple[object, int]] = [(root, 0)]
        self.current = _Open(root, 0)
        self.links = self.pres = self.articles = self.bolds = 0
        self.heading_at: list[int] = [0]
        self.counter = 0

    def flush(self) -> None:
        """End the block being read (kept if it holds text) and open the next."""
        current = self.current
        lines = [collapse(_unescape_twice("".join(p))) for p in current.pieces]
        if any(lines):
            self.blocks.append(Block(current.owner, current.order, lines, current.chars,
                                     current.link_chars, self.heading_at[-1],
                                     current.bold_chars))  # fmt: skip
        self.current = _Open(*self.owners[-1])

    def tail(self, el, bold: bool = False) -> None:
        self.current.add(el.tail, self.links > 0, self.pres > 0, bold)

    def count(self, tag: str, step: int) -> None:
        """Enter (``step`` 1) or leave (-1) an element that changes how text reads."""
        self.links += step * (tag == "a")
        self.pres += step * (tag == "pre")
        self.bolds += step * (tag in ("strong", "b"))
        self.articles += step * (tag in ("article", "main"))

    def leave(self, el, tag: str | None) -> None:
        if tag in BLOCK_TAGS:
            self.flush()
            self.owners.pop()
            if tag in HEADINGS:
                self.heading_at.pop()
            self.current = _Open(*self.owners[-1])
        self.count(tag or "", -1)
        self.last[el] = self.counter
        self.tail(el, self.bolds > 0)

    def enter(self, el, tag: str | None) -> bool:
        """Read an element's own text; whether its children are to be read."""
        if tag is None or _dropped(el, self.articles > 0):
            if el is not self.root:
                self.tail(el)
            return False
        self.counter += 1
        self.first[el] = self.counter
        if tag == "br":
            self.current.newline()
            self.last[el] = self.counter
            self.tail(el)
            return False
        if tag in BLOCK_TAGS:
            self.owners.append((el, self.counter))
            if tag in HEADINGS:
                self.heading_at.append(HEADINGS[tag])
            self.flush()
        self.count(tag, 1)
        self.current.add(el.text, self.links > 0, self.pres > 0, self.bolds > 0)
        return True


def linearize(root) -> Page:
    """The page's text blocks in document order, boilerplate left out."""
    walk = _Walk(root)
    stack: list[tuple[object, bool]] = [(root, False)]
    while stack:
        el, leaving = stack.pop()
        tag = el.tag if isinstance(el.tag, str) else None
        if leaving:
            walk.leave(el, tag)
        elif walk.enter(el, tag):
            stack.append((el, True))
            stack.extend((child, False) for child in reversed(el))
    walk.flush()
    return Page(walk.blocks, walk.first, walk.last)
