"""Dates in the query language: a day, month or year written ISO-style is the whole
period it names; ranges and comparisons (``date:[2020-03 TO 2020-04]``,
``date:>=2020-03-20``) include or exclude the periods they are written with."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from whoosh import query
from whoosh.qparser import RangePlugin, syntax
from whoosh.qparser.plugins import Plugin
from whoosh.qparser.taggers import FnTagger
from whoosh.util.times import datetime_to_long

from ..errors import QuerySyntaxError

if TYPE_CHECKING:
    from .language import YuluQueryParser

DATE_FORMS = "YYYY-MM-DD, YYYY-MM or YYYY"

_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


#: The dates a query can name (Python's, as Whoosh's date fields store them).
_DATE_SPAN = "dates run from 0001-01-01 to 9999-12-31"


def period(fieldname: str, text: str) -> tuple[dt.datetime, dt.datetime]:
    """The first and last microsecond of a year, month or day written ISO-style."""
    match = _ISO.match(text.strip())
    if not match:
        raise QuerySyntaxError(f"{fieldname}: {text} is not a date ({DATE_FORMS})")
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        first = dt.datetime(year, month or 1, day or 1)
    except ValueError:
        raise QuerySyntaxError(f"{fieldname}: {text} is not a date ({DATE_FORMS})") from None
    if (year, month or 12, day or 31) == (dt.MAXYEAR, 12, 31):
        return first, dt.datetime.max  # the last period there is
    if day:
        after = first + dt.timedelta(days=1)
    elif month:
        after = dt.datetime(year + (month == 12), month % 12 + 1, 1)
    else:
        after = dt.datetime(year + 1, 1, 1)
    return first, after - dt.timedelta(microseconds=1)


def date_query(
    fieldname: str, start: str | None, end: str | None, startexcl: bool, endexcl: bool
) -> query.Query:
    """Quotes whose date in ``fieldname`` lies in the range: ``[``/``]`` include the
    period written, ``{``/``}`` (and ``>``, ``<``) exclude it."""
    low = high = None
    if start:
        first, last = period(fieldname, start)
        if startexcl and last == dt.datetime.max:
            raise QuerySyntaxError(f"{fieldname}: no date comes after {start}; {_DATE_SPAN}")
        low = last + dt.timedelta(microseconds=1) if startexcl else first
    if end:
        first, last = period(fieldname, end)
        if endexcl and first == dt.datetime.min:
            raise QuerySyntaxError(f"{fieldname}: no date comes before {end}; {_DATE_SPAN}")
        high = first - dt.timedelta(microseconds=1) if endexcl else last
    if low is None and high is None:
        return query.Every(fieldname)
    return query.NumericRange(
        fieldname,
        None if low is None else datetime_to_long(low),
        None if high is None else datetime_to_long(high),
    )


# -- parser plugins ------------------------------------------------------------------------


class DayRangeNode(syntax.RangeNode):
    """A range on a date field, meaning exactly what its brackets say."""

    def query(self, parser: YuluQueryParser) -> query.Query:
        return date_query(self.fieldname, self.start, self.end, self.startexcl, self.endexcl)


class RangesPlugin(Plugin):
    """``[a TO b]``, ``{a TO b}`` (and mixed), ``field:>a``, ``>=``, ``<``, ``<=``, on
    date fields only; anywhere else a range is an error."""

    RANGE = re.compile(
        r"(?P<open>[\[{])\s*(?P<start>[^\s\]}]+?)??\s*(?<![^\s\[{])TO(?![^\s\]}])\s*"
        r"(?P<end>[^\s\]}]+)?\s*(?P<close>[\]}])",
        re.IGNORECASE,
    )

    class GtLtNode(syntax.SyntaxNode):
        def __init__(self, rel: str) -> None:
            self.rel = rel

    def __init__(self, date_fields: tuple[str, ...]) -> None:
        self.date_fields = date_fields
        self._range = RangePlugin(expr=self.RANGE)

    def taggers(self, parser):
        comparison = FnTagger(r"(?<=:)(?P<rel><=|>=|=<|=>|<|>)", self.GtLtNode)
        return [*self._range.taggers(parser), (comparison, 0)]

    def filters(self, parser):
        return [(self.do_comparisons, 99), (self.do_ranges, 110)]

    def do_comparisons(self, parser, group):
        """``field:>value`` (before the fields filter attaches field names)."""
        out = group.empty_copy()
        i = 0
        while i < len(group):
            node = group[i]
            if isinstance(node, self.GtLtNode):
                after = group[i + 1] if i + 1 < len(group) else None
                if after is None or not after.has_text:
                    raise QuerySyntaxError(f"{node.rel} needs a date right after it")
                rel, text = node.rel.replace("=<", "<=").replace("=>", ">="), after.text
                bounds = {
                    "<": (None, text, False, True),
                    "<=": (None, text, False, False),
                    ">": (text, None, True, False),
                    ">=": (text, None, False, False),
                }[rel]
                out.append(syntax.RangeNode(*bounds).set_range(node.startchar, after.endchar))
                i += 2
                continue
            out.append(
                self.do_comparisons(parser, node) if isinstance(node, syntax.GroupNode) else node
            )
            i += 1
        return out

    def do_ranges(self, parser, group):
        for i, node in enumerate(group):
            if isinstance(node, syntax.GroupNode):
                self.do_ranges(parser, node)
            elif isinstance(node, syntax.RangeNode):
                if node.fieldname not in self.date_fields:
                    fields = ", ".join(self.date_fields)
                    raise QuerySyntaxError(
                        f"ranges ([… TO …], {{… TO …}}, field:>…) work only on {fields}"
                    )
                day = DayRangeNode(node.start, node.end, node.startexcl, node.endexcl)
                day.fieldname = node.fieldname
                group[i] = day.set_range(node.startchar, node.endchar)
        return group
