"""The quote page: a whole quote (with the matches of the search it came from marked),
its facts and citation, the other places that hold its remark, its neighbours in its
section and the quotes that share its rarest words."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ..records.quotes import Quote
from ..search.highlight import match_spans, snippet
from ..search.language import needles
from ..search.similar import Related, more_like_this, neighbours
from ..tools.remarks import Remark, remark
from .markup import MarkFormatter, marked_paragraphs
from .pool import ServedIndex


@dataclass
class QuotePage:
    quote: Quote
    query: str
    paragraphs: list[Markup]
    title: str
    before: list[tuple[Quote, Markup]]
    after: list[tuple[Quote, Markup]]
    related: Related
    related_snippets: list[Markup]
    #: each rare word's mark class, as the snippets mark it
    word_classes: dict[str, int]
    #: the quote's remark: the other compilations (or places) that hold it
    remark: Remark | None = None


def quote_page(ix: ServedIndex, quote_id: str, query: str = "") -> QuotePage:
    """A whole quote (with the matches of ``query`` marked, if one is given), its
    citation, its neighbours in the section and the quotes that share its rarest words."""
    found = remark(ix, quote_id, ix.titles)
    quote = found.quote
    wanted = needles(ix.language.compile(query)) if query.strip() else []
    formatter = MarkFormatter()
    spans = match_spans(quote.text, wanted)
    paragraphs = [Markup(p) for p in marked_paragraphs(quote.text, spans, formatter)]
    before, after = neighbours(ix, quote)
    related_formatter = MarkFormatter()
    related = more_like_this(ix, quote, formatter=related_formatter)
    marked = related_formatter.seen

    def opening(q: Quote) -> Markup:
        return Markup(snippet(q.text, [], formatter))

    return QuotePage(
        quote=quote,
        query=query,
        paragraphs=paragraphs,
        title=ix.titles.get(quote.source, ""),
        before=[(q, opening(q)) for q in before],
        after=[(q, opening(q)) for q in after],
        related=related,
        related_snippets=[Markup(hit.snippet) for hit in related.hits],
        word_classes={w: marked.get(w, i % 5) for i, w in enumerate(related.words)},
        remark=found,
    )
