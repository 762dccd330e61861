"""Citations as the document prints them, for every door: the headings above a quote
with their numbering as printed (``二十六、纪律``), the attribution line verbatim
(``——3月27日，习近平同…``), and a citation built from them with nothing left dangling
when the document has no title or the quote no heading.

Records indexed before they kept ``heading_path`` or ``attribution`` fall back to what
can be rebuilt: part and section numbered where they have a number, and the date and
event of the attribution."""

from __future__ import annotations

from dataclasses import dataclass

from ..numerals import heading_number as numeral  # 1 → 一, 26 → 二十六
from ..records.quotes import Quote

#: What may stand before an attribution's text: dashes and spaces.
_DASHES = "—―－-–  　"


def printed_headings(quote: Quote) -> list[str]:
    """The headings above ``quote``, outermost first, as printed."""
    if quote.heading_path:
        return list(quote.heading_path)
    part = f"{numeral(quote.part_no)}、{quote.part}" if quote.part_no and quote.part else quote.part
    section = quote.section
    if section and quote.section_no:
        number = numeral(quote.section_no)
        section = (f"（{number}）" if quote.part else f"{number}、") + section
    return [h for h in (part, section) if h]


def when(quote: Quote) -> str:
    """The quote's day, or its first and last day; empty when undated."""
    if not quote.date:
        return ""
    return quote.date if quote.date == quote.date_end else f"{quote.date}…{quote.date_end}"


def attribution_line(quote: Quote) -> str:
    """The attribution as printed (``——3月27日，习近平同…``), or rebuilt from the date
    and event for a record that did not keep it."""
    if quote.attribution:
        return quote.attribution
    said = "，".join(p for p in (when(quote), quote.event) if p)
    return f"——{said}" if said else ""


@dataclass(frozen=True)
class Citation:
    """What a quote's citation says, part by part: the one formatter of citations, which
    the terminal (:meth:`line`), the web pages (each part in its own element) and the
    Cite box, the "also in" lists and the exports (:meth:`text`) lay out."""

    #: the attribution as printed (``——3月27日，习近平同…``), or rebuilt
    attribution: str
    #: the headings above the quote, outermost first, as printed
    headings: tuple[str, ...]
    #: the document's title (empty when no metadata gives one)
    title: str
    source: str
    line: int
    id: str

    @property
    def where(self) -> str:
        """File and line: ``doc.txt:12``."""
        return f"{self.source}:{self.line}"

    def compact(self) -> str:
        """One line, parts joined by `` · `` (the terminal's search hits): attribution,
        headings (joined by ``/``), 《title》, file and line, id."""
        title = f"《{self.title}》" if self.title else ""
        parts = (self.attribution, "/".join(self.headings), title, self.where, f"id {self.id}")
        return " · ".join(p for p in parts if p)

    def text(self) -> str:
        """As a bibliography writes it: 《title》, the headings, the attribution as printed,
        file and line, and the id; each part only when there is one."""
        title = f"《{self.title}》" if self.title else ""
        head = "，".join(p for p in (title, *self.headings) if p)
        said = self.attribution.lstrip(_DASHES).rstrip("。")
        where = f"{self.where}（yulu id {self.id}）"
        return "。".join(p for p in (head, said, where) if p)


def citation(quote: Quote, title: str = "") -> Citation:
    """The citation of ``quote`` in the document titled ``title``."""
    return Citation(
        attribution_line(quote),
        tuple(printed_headings(quote)),
        title or "",
        quote.source,
        quote.line,
        quote.id,
    )


def cite(quote: Quote, title: str = "") -> str:
    """A citation as text (:meth:`Citation.text`)."""
    return citation(quote, title).text()
