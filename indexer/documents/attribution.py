"""Reading attribution lines: ``——3月19日，习近平同俄罗斯总统普京通电话``."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .counterparts import CounterpartRecognizer, canonical_event, event_type
from .gazetteer import Gazetteer
from .records import Counterpart

_DATE = re.compile(
    r"^(?:(?P<y>\d{4})年)?(?P<m>\d{1,2})月(?P<d>\d{1,2})日"
    r"(?:\s*(?:至|到|—|–|-|~|～)\s*(?:(?P<m2>\d{1,2})月)?(?P<d2>\d{1,2})日)?"
    r"\s*[，,、：:]?\s*(?P<event>.*)$"
)


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


class AttributionReader:
    """Turns attribution text into dates, event type and counterparts, using the gazetteer."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self.recognizer = CounterpartRecognizer(gaz)

    def read(self, body: str, year: int, foreign: bool) -> Attribution:
        """Read the attribution ``body`` (the text after the leading dashes)."""
        match = _DATE.match(body.strip())
        if not match:
            raise UnreadableDate("the attribution does not start with a date like 3月12日")
        start, end = self._dates(match, year)
        event = match.group("event").strip()
        canonical = canonical_event(self.gaz, event)
        return Attribution(
            date=start.isoformat(),
            date_end=end.isoformat(),
            event=event,
            event_canonical=canonical,
            event_type=event_type(self.gaz, canonical),
            counterparts=self.recognizer.find(event) if foreign else (),
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
