"""Reading attribution lines: ``——3月19日，习近平同俄罗斯总统普京通电话``."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .gazetteer import Gazetteer
from .records import Counterpart

_DATE = re.compile(
    r"^(?:(?P<y>\d{4})年)?(?P<m>\d{1,2})月(?P<d>\d{1,2})日"
    r"(?:\s*(?:至|到|—|–|-|~|～)\s*(?:(?P<m2>\d{1,2})月)?(?P<d2>\d{1,2})日)?"
    r"\s*[，,、：:]?\s*(?P<event>.*)$"
)
_STOP = "同向和与及就致、，,。\\s"


@dataclass(frozen=True)
class Attribution:
    date: str
    date_end: str
    event: str
    event_canonical: str
    event_type: str
    counterparts: tuple[Counterpart, ...]


class UnreadableDate(ValueError):
    """The attribution does not start with a date we can read."""


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


class AttributionReader:
    """Turns attribution text into dates, event type and counterparts, using the gazetteer."""

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

    def read(self, body: str, year: int, foreign: bool) -> Attribution:
        """Read the attribution ``body`` (the text after the leading dashes)."""
        match = _DATE.match(body.strip())
        if not match:
            raise UnreadableDate("the attribution does not start with a date like 3月12日")
        start, end = self._dates(match, year)
        event = match.group("event").strip()
        canonical = event
        for variant, replacement in self.gaz.event_variants:
            canonical = canonical.replace(variant, replacement)
        return Attribution(
            date=start.isoformat(),
            date_end=end.isoformat(),
            event=event,
            event_canonical=canonical,
            event_type=self.event_type(canonical),
            counterparts=self.counterparts(event) if foreign else (),
        )

    @staticmethod
    def _dates(match: re.Match[str], year: int) -> tuple[dt.date, dt.date]:
        y = int(match.group("y") or year)
        try:
            start = dt.date(y, int(match.group("m")), int(match.group("d")))
            end = start
            if match.group("d2"):
                month = int(match.group("m2") or match.group("m"))
                end = dt.date(y, month, int(match.group("d2")))
                if end < start:  # a range across the new year
                    end = end.replace(year=y + 1)
        except ValueError as exc:
            raise UnreadableDate(f"no such date: {exc}") from None
        return start, end

    def event_type(self, event: str) -> str:
        """The type given by the first cue that occurs in the event, else ``other``."""
        for kind, cue in self.gaz.event_types:
            if cue in event:
                return kind
        return "other"

    def counterparts(self, event: str) -> tuple[Counterpart, ...]:
        """People named as <place><title><name>; failing that, a forum's organisation."""
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
