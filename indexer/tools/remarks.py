"""One remark across compilations, for the doors: a quote's remark id and the other
quotes of its remark ("also in"), each with its document and citation.

The groups are made when the index is built (:mod:`indexer.index.remarks`); counting
each remark once is the request's ``distinct_remarks``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..documents.metadata import metadata_path, read_metadata
from ..errors import YuluError
from ..records.quotes import Quote
from ..search.request import check_text
from ..search.service import QuoteIndex
from .citation import attribution_line, cite, when


@dataclass(frozen=True)
class Remark:
    """A quote's remark: its id (the smallest quote id of the group), the other quotes
    of the group, earliest first, and the titles of their documents (file name →
    title)."""

    id: str
    quote: Quote
    also_in: list[Quote] = field(default_factory=list)
    titles: Mapping[str, str] = field(default_factory=dict)

    def also_in_dicts(self) -> list[dict[str, Any]]:
        """The other quotes as JSON: where each is and its citation."""
        return [also_in_entry(q, self.titles.get(q.source, "")) for q in self.also_in]

    def to_dict(self) -> dict[str, Any]:
        """The quote's record with ``remark`` and ``also_in`` (``yulu show --json``,
        ``/api/quotes/ID``)."""
        return {**self.quote.to_dict(), "remark": self.id, "also_in": self.also_in_dicts()}


def also_in_entry(quote: Quote, title: str = "") -> dict[str, Any]:
    """One other quote of a remark: its id, document, title, dates, event, the
    attribution as printed and the whole citation."""
    return {
        "id": quote.id,
        "source": quote.source,
        "title": title,
        "line": quote.line,
        "date": quote.date,
        "date_end": quote.date_end,
        "when": when(quote),
        "event": quote.event,
        "attribution": attribution_line(quote),
        "citation": cite(quote, title),
    }


def remark(ix: QuoteIndex, quote_id: str, titles: Mapping[str, str] | None = None) -> Remark:
    """The remark of the quote with this id (:class:`~indexer.errors.UnknownQuote` if
    none); ``titles`` of the documents, else read from their metadata files when the
    remark is in other quotes. An index without remark groups gives each quote a remark
    of its own."""
    docnum = ix.document_number(check_text("the quote id", quote_id))
    quote = ix.quote_at(docnum)
    table = ix.columns.remarks
    if table is None:
        return Remark(quote.id, quote)
    members = table.members(docnum)
    head = int(table.heads[docnum])
    remark_id = quote.id if head == docnum else ix.quote_at(head).id
    others = [ix.quote_at(n) for n in members if n != docnum]
    if titles is None:
        titles = document_titles(ix.handle.manifest.files) if others else {}
    return Remark(remark_id, quote, others, titles)


def document_titles(names: Iterable[str]) -> dict[str, str]:
    """Document file name → title, from the metadata files beside the documents
    ``names`` (paths; a document without one has no title here)."""
    titles = {}
    for name in names:
        path = Path(name)
        try:
            metadata = read_metadata(metadata_path(path))
        except (OSError, YuluError):
            continue
        if metadata is not None and metadata.title:
            titles[path.name] = metadata.title
    return titles
