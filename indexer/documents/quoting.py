"""The quote record made when an attribution closes the paragraphs waiting for it: its
date and event read from the attribution, its section and part from the headings it
stands under, its speaker (the leader, or a counterpart in a part that quotes them)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable

from ..records.quotes import Quote
from .attribution import NoSuchDate, Reading
from .blocks import Closer
from .shapes import NAME_COLON


class MakesQuotes:
    """The document parser's quote making (a mixin of
    :class:`indexer.documents.assembly._DocumentParser`)."""

    def speaker_named(self, event: str) -> str | None:
        """The known person (or people) an attribution names as its speaker."""
        gaz = self.parser.gaz
        said_by = self.parser.attributions.subject(event)
        if said_by in gaz.canonical_people:
            return said_by
        return _authors(event, gaz)

    def quote(self, block: Closer, reading: Reading, year_for: Callable[..., int | None]) -> Quote:
        state, reader = self.state, self.parser.attributions
        path = state.path
        cue = self.parser.part_cue(h.title for h in path)
        affairs = cue.affairs if cue else None
        try:
            attr = reader.read(reading, year_for, find_counterparts=affairs != "domestic")
        except NoSuchDate as exc:
            self.warn(block.no, f"no such date in the attribution ({exc}); quote kept undated")
            undated = reader.reading(block.body, dated=False)
            attr = reader.read(undated, year_for, affairs != "domestic")
        if affairs is None and attr.counterparts:
            affairs = "foreign"
        if affairs is None:  # the cues of affairs.tsv, in what follows the leader's name
            leader_at = attr.event.find(self.record.leader) if self.record.leader else -1
            after = attr.event[leader_at + len(self.record.leader) :] if leader_at >= 0 else ""
            affairs = self.parser.gaz.affairs_of(after or attr.event)
        paragraphs = [s.text for text in state.pending for s in text.lines]
        leader = self.record.leader
        said_by = self.speaker_named(reading.event)
        if said_by and self.record.leader_from != "metadata":  # (a user's word wins)
            leader = said_by  # (in a compilation of several people's words)
        if cue and cue.speaker == "counterpart":
            leader = self.parser.speaker(paragraphs[0], attr.counterparts)
            if leader is None:
                self.warn(
                    state.pending[0].no,
                    "cannot tell who speaks; add the name to gazetteer/people.tsv",
                )
        section = path[-1] if path else None
        part = path[0] if len(path) >= 2 else None
        return Quote(
            id="",
            source=self.source,
            line=state.pending[0].no,
            part_no=part.number if part else None,
            part=part.title if part else "",
            affairs=affairs,
            section_no=section.number if section else None,
            section=section.title if section else "",
            date=attr.date,
            date_end=attr.date_end,
            event=attr.event,
            event_canonical=attr.event_canonical,
            event_type=attr.event_type,
            counterparts=attr.counterparts,
            leader=leader,
            text="\n".join(paragraphs),
            paragraphs=len(paragraphs),
            title=state.title.title if state.title else "",
            headings=tuple(h.title for h in path[:-1]),
            date_precision=attr.date_precision,
            heading_path=tuple(h.printed for h in path),
            attribution="".join(line.text.strip() for line in block.lines),
        )


def _authors(event: str, gaz) -> str | None:
    """The known people named before the work an event cites, each canonical, joined
    by ``、`` (恩格斯; 马克思、恩格斯)."""
    named = NAME_COLON.match(event)
    if not named:
        return None
    names = [gaz.person(n) for n in re.split(r"[、和与]", named["names"])]
    return "、".join(names) if all(n in gaz.canonical_people for n in names) else None


def unique_id(quote: Quote, taken: set[str]) -> Quote:
    """``quote`` with an id of its own: a hash of its source, date, event and text (a
    suffix for a repeat)."""
    key = "\x1f".join((quote.source, quote.date or "", quote.event, quote.text))
    base = hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    taken.add(candidate)
    return Quote(**{**quote.__dict__, "id": candidate})
