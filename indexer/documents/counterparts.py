"""Who the leader addressed, and what kind of event it was, read from the event text of
an attribution (``习近平同俄罗斯总统普京通电话``) with the gazetteer."""

from __future__ import annotations

import re

from .gazetteer import Gazetteer
from .records import Counterpart

_STOP = "同向和与及就致、，,。\\s"


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


class CounterpartRecognizer:
    """Finds counterparts in event text: people named as <place><title><name>; failing
    that, the organisation of a multilateral forum (``二十国集团领导人特别峰会``)."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        places = _alternation(list(gaz.places))
        titles = _alternation(gaz.titles)
        filler = f"[^{_STOP}]{{0,8}}?"
        title = f"{filler}(?:{titles})(?:、{filler}(?:{titles}))*"
        self._person = re.compile(
            f"(?P<place>{places})(?P<title>{title})(?P<name>[^{_STOP}]{{1,12}}?)"
            f"(?={_alternation(gaz.name_ends)}|$)"
        )
        orgs = [a for a, c in gaz.places.items() if gaz.place_kinds.get(c) == "organisation"]
        self._forum = (
            re.compile(f"(?P<place>{_alternation(orgs)})(?:{_alternation(gaz.forum_cues)})")
            if orgs and gaz.forum_cues
            else None
        )

    def find(self, event: str) -> tuple[Counterpart, ...]:
        """The counterparts named in ``event``, each once, in order."""
        found = [
            Counterpart(
                name=self.gaz.person(m.group("name")),
                title=m.group("place") + m.group("title"),
                country=self.gaz.place(m.group("place")),
            )
            for m in self._person.finditer(event)
        ]
        if not found and self._forum:
            for m in self._forum.finditer(event):
                org = self.gaz.place(m.group("place"))
                found.append(Counterpart(name=org, title="", country=org))
        unique: dict[str, Counterpart] = {}
        for c in found:
            unique.setdefault(c.name, c)
        return tuple(unique.values())


def event_type(gaz: Gazetteer, event: str) -> str:
    """The type given by the first cue of ``event_types.tsv`` in the event, else ``other``."""
    for kind, cue in gaz.event_types:
        if cue in event:
            return kind
    return "other"


def canonical_event(gaz: Gazetteer, event: str) -> str:
    """The event with name variants folded (``events.tsv``)."""
    for variant, replacement in gaz.event_variants:
        event = event.replace(variant, replacement)
    return event
