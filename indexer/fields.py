"""The index schema, built from the declaration in ``schema/quotes.toml``."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from whoosh import columns, fields
from whoosh.analysis import IDTokenizer, RegexTokenizer

from .analysis import AliasFilter, BigramFilter, CharTokenizer, FoldFilter, WordTokenizer
from .errors import QuerySyntaxError
from .gazetteer import Gazetteer
from .normalize import normalize
from .records import Quote
from .schema_spec import FieldSpec, load_spec
from .segment import Segmenter

_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_LIST_SEPARATOR = "\x1f"


class IsoDate(fields.DATETIME):
    """A DATETIME field whose query values are ISO dates: 2020, 2020-03 or 2020-03-20."""

    def _parse_datestring(self, qstring: str):
        match = _ISO_DATE.match(qstring.strip())
        if not match:
            raise QuerySyntaxError(f"malformed date {qstring!r}; write dates as 2020-03-20")
        year, month, day = (int(g) if g else None for g in match.groups())
        try:
            dt.date(year, month or 1, day or 1)
        except ValueError:
            raise QuerySyntaxError(f"no such date {qstring!r}") from None
        padded = f"{year:04d}" + (f"{month:02d}" if month else "") + (f"{day:02d}" if day else "")
        return super()._parse_datestring(padded)


def _exact_analyzer(spec: FieldSpec, gaz: Gazetteer):
    tokenizer = RegexTokenizer(f"[^{_LIST_SEPARATOR}]+") if spec.multivalued else IDTokenizer()
    analyzer = tokenizer | FoldFilter()
    table = {"people": gaz.people, "places": gaz.places}.get(spec.aliases)
    return analyzer | AliasFilter(table) if table else analyzer


def _field(spec: FieldSpec, gaz: Gazetteer, segmenter: Segmenter | None) -> fields.FieldType:
    kind = spec.kind
    if kind == "words":
        userdicts = tuple(str(p) for p in gaz.userdict)
        return fields.TEXT(analyzer=WordTokenizer(segmenter, userdicts), phrase=False)
    if kind == "chars":  # which characters occur is all exact matching needs
        return fields.ID(analyzer=CharTokenizer())
    if kind == "bigrams":
        return fields.ID(analyzer=CharTokenizer() | BigramFilter())
    if kind == "normalized":
        return fields.COLUMN(columns.VarBytesColumn())
    if kind == "date":
        return IsoDate(sortable=True)
    if kind == "number":
        return fields.NUMERIC(stored=False, sortable=True)
    if kind == "stored":
        return fields.STORED()
    analyzer = _exact_analyzer(spec, gaz)
    if kind == "keyword":
        return fields.KEYWORD(analyzer=analyzer, scorable=False)
    return fields.ID(unique=spec.unique, stored=spec.unique, sortable=spec.facet, analyzer=analyzer)


def build_schema(gaz: Gazetteer, segmenter: Segmenter | None = None) -> fields.Schema:
    """The Whoosh schema for the declared fields."""
    schema = fields.Schema()
    for spec in load_spec().fields:
        field = _field(spec, gaz, segmenter)
        schema.add(spec.name, field)
    return schema


def document(quote: Quote, path: str) -> dict[str, Any]:
    """The values to index for one quote."""
    data = quote.to_dict()
    doc: dict[str, Any] = {}
    for spec in load_spec().fields:
        if spec.source == "@record":
            value: Any = json.dumps(data, ensure_ascii=False)
        elif spec.source == "@path":
            value = path
        elif "." in spec.source:
            attr, member = spec.source.split(".", 1)
            items = [item[member] for item in data[attr] if item[member]]
            value = _LIST_SEPARATOR.join(dict.fromkeys(items)) if items else None
        else:
            value = data[spec.source]
        if value is None or value == "":
            continue
        if spec.kind == "date":
            value = dt.datetime.fromisoformat(value)
        elif spec.kind == "normalized":
            value = normalize(value).encode("utf-8")
        doc[spec.name] = value
    return doc
