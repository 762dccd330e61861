"""Formulations (提法): strings of Han characters repeated across the quotes a search
matches, with how many quotes hold each, when it first and last appears, and who says
it to whom. The strings come from :func:`indexer.tools.repeats.find_repeats`."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from ..search.request import SearchRequest

if TYPE_CHECKING:  # the service (Whoosh, jieba) loads only when a tool runs
    from ..search.service import QuoteIndex

MIN_LENGTH = 4
MIN_QUOTES = 3
TOP = 50
#: How many speakers and counterparts are named for each formulation.
PEOPLE = 3


@dataclass(frozen=True)
class Formulation:
    """``text`` (normalised, as phrase search looks for it) occurs ``occurrences``
    times in ``quotes`` quotes, the first dated ``first``, the last ``last``;
    ``leaders`` and ``counterparts`` count those quotes by speaker and counterpart."""

    text: str
    quotes: int
    occurrences: int
    first: str
    last: str
    leaders: dict[str, int]
    counterparts: dict[str, int]

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "quotes": self.quotes,
            "occurrences": self.occurrences,
            "first": self.first,
            "last": self.last,
            "leaders": self.leaders,
            "counterparts": self.counterparts,
        }


COLUMNS = ["text", "quotes", "occurrences", "first", "last", "leaders", "counterparts"]


@dataclass
class Formulations:
    query: str
    formulations: list[Formulation] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"query": self.query, "formulations": [f.to_dict() for f in self.formulations]}

    def table(self) -> tuple[list[str], list[dict[str, Any]]]:
        return COLUMNS, [f.to_dict() for f in self.formulations]


def _top(counts: Counter[str]) -> dict[str, int]:
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:PEOPLE])


def formulations(
    ix: QuoteIndex,
    request: SearchRequest,
    min_length: int = MIN_LENGTH,
    min_quotes: int = MIN_QUOTES,
    top: int = TOP,
) -> Formulations:
    """The ``top`` formulations of the quotes ``request`` matches (paging ignored):
    runs of at least ``min_length`` characters in at least ``min_quotes`` quotes, most
    quotes first (see :func:`indexer.tools.repeats.find_repeats`)."""
    from .repeats import find_repeats  # numpy and pydivsufsort load only when needed

    ranked, _ = ix.matches(replace(request, sort="date-asc"))
    quotes = [ix.quote_at(docnum) for docnum, _ in ranked]
    found = find_repeats([q.text for q in quotes], min_length, min_quotes, top)
    out = []
    for repeat in found:
        held = [quotes[i] for i in repeat.texts]
        out.append(
            Formulation(
                repeat.text,
                repeat.quotes,
                repeat.occurrences,
                min(q.date for q in held),
                max(q.date for q in held),
                _top(Counter(q.leader for q in held if q.leader)),
                _top(Counter(name for q in held for name in {c.name for c in q.counterparts})),
            )
        )
    return Formulations(request.query, out)
