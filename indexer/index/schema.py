"""The Whoosh schema and the indexed document, both built from the field declaration."""

from __future__ import annotations

import datetime as dt
import json
import re
import zlib
from typing import Any

from whoosh import columns, fields, query
from whoosh.analysis import IDTokenizer, RegexTokenizer
from whoosh.util.times import adatetime, datetime_to_long, fix, is_ambiguous

from ..analysis.indexcut import IndexSegmenter
from ..analysis.segment import Segmenter
from ..analysis.tokenizers import AliasFilter, FoldFilter, MemberFilter, WordTokenizer
from ..errors import QuerySyntaxError
from ..records.gazetteer import Gazetteer
from ..records.quotes import Quote
from .declaration import PATH, RECORD, FieldSpec, SchemaSpec, load_spec

_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_LIST_SEPARATOR = "\x1f"
#: zlib's level for stored records (6, its default: level 9 saves under 1% more).
RECORD_LEVEL = 6
#: zlib's preset dictionary for stored records: a record's keys, in the order a quote
#: gives them, which every record repeats (a seventh off each record's size).
RECORD_DICTIONARY = json.dumps(
    {name: "" for name in Quote.__dataclass_fields__}, ensure_ascii=False
).encode("utf-8")


class IsoDate(fields.DATETIME):
    """A DATETIME field whose query values are ISO dates: 2020, 2020-03 or 2020-03-20.

    Each date is indexed as one term (``shift_step`` 0), not as Whoosh's eight tiers of
    lower precision: searches read date ranges from the date columns, and a range that
    Whoosh itself is asked for walks the full-precision terms (fewer postings to write
    and keep for every quote)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.shift_step = 0

    def parse_iso(self, qstring: str) -> adatetime:
        """The day, month or year ``qstring`` names; :class:`QuerySyntaxError` if none."""
        match = _ISO_DATE.match(qstring.strip())
        if not match:
            raise QuerySyntaxError(f"malformed date {qstring!r}; write dates as 2020-03-20")
        year, month, day = (int(g) if g else None for g in match.groups())
        try:
            dt.date(year, month or 1, day or 1)
        except ValueError:
            raise QuerySyntaxError(f"no such date {qstring!r}") from None
        return fix(adatetime(year, month, day))

    def parse_query(self, fieldname: str, qstring: str, boost: float = 1.0):
        try:
            at = self.parse_iso(qstring)
        except QuerySyntaxError as exc:
            return query.error_query(exc)
        if is_ambiguous(at):
            start, end = datetime_to_long(at.floor()), datetime_to_long(at.ceil())
            return query.NumericRange(fieldname, start, end, boost=boost)
        return query.Term(fieldname, at, boost=boost)

    def parse_range(self, fieldname, start, end, startexcl, endexcl, boost=1.0):
        if start is None and end is None:
            return query.Every(fieldname, boost=boost)
        low = datetime_to_long(self.parse_iso(start).floor()) if start is not None else None
        high = datetime_to_long(self.parse_iso(end).ceil()) if end is not None else None
        return query.NumericRange(fieldname, low, high, boost=boost)  # as Whoosh: ends kept


def _exact_analyzer(spec: FieldSpec, gaz: Gazetteer):
    tokenizer = RegexTokenizer(f"[^{_LIST_SEPARATOR}]+") if spec.multivalued else IDTokenizer()
    analyzer = tokenizer | FoldFilter()
    table = {"people": gaz.people, "places": gaz.places}.get(spec.aliases)
    if not table:
        return analyzer
    if spec.aliases == "places" and gaz.member_of:  # 欧洲理事会 is in 欧盟 too
        return analyzer | AliasFilter(table) | MemberFilter(gaz.member_of)
    return analyzer | AliasFilter(table)


Cutter = Segmenter | IndexSegmenter


def _field(spec: FieldSpec, gaz: Gazetteer, segmenter: Cutter | None) -> fields.FieldType | None:
    kind = spec.kind
    if kind == "words":
        userdicts = tuple(str(p) for p in gaz.userdict)
        return fields.TEXT(analyzer=WordTokenizer(segmenter, userdicts), phrase=False)
    if kind == "normalized":  # kept in the segments' sidecars, not by Whoosh
        return None
    if kind == "date":
        return IsoDate(sortable=True)
    if kind == "stored":  # a column of bytes: Whoosh's stored fields are pickles
        return fields.COLUMN(columns.VarBytesColumn())
    if kind == "identifier":  # verbatim: deleting by a path must find what was indexed
        return fields.ID(unique=spec.unique, sortable=spec.unique)
    analyzer = _exact_analyzer(spec, gaz)
    if kind == "keyword":
        return fields.KEYWORD(analyzer=analyzer, scorable=False)
    return fields.ID(sortable=spec.facet, analyzer=analyzer)


def build_schema(
    gaz: Gazetteer, segmenter: Cutter | None = None, spec: SchemaSpec | None = None
) -> fields.Schema:
    """The Whoosh schema for the declared fields (all but the normalized text)."""
    schema = fields.Schema()
    for field in (spec or load_spec()).fields:
        fieldtype = _field(field, gaz, segmenter)
        if fieldtype is not None:
            schema.add(field.name, fieldtype)
    return schema


def encode_record(data: dict[str, Any]) -> bytes:
    """A quote's record as Whoosh stores it: JSON, compressed (zlib with the record's
    keys as preset dictionary; under half the size of the JSON)."""
    packer = zlib.compressobj(RECORD_LEVEL, zdict=RECORD_DICTIONARY)
    raw = json.dumps(data, ensure_ascii=False).encode("utf-8")
    return packer.compress(raw) + packer.flush()


def decode_record(stored: bytes) -> dict[str, Any]:
    """The record :func:`encode_record` stored."""
    unpacker = zlib.decompressobj(zdict=RECORD_DICTIONARY)
    return json.loads(unpacker.decompress(stored) + unpacker.flush())


def record_column(reader: Any, spec: SchemaSpec) -> Any:
    """The stored records of a Whoosh reader's documents, by document number (bytes for
    :func:`decode_record`). Records, and the unique identifiers
    (:func:`identifier_column`), are Whoosh columns of bytes, never Whoosh's stored
    fields: those are pickles, and loading a pickle runs whatever it names."""
    return reader.column_reader(spec.record, translate=False)


def identifier_column(reader: Any, spec: SchemaSpec) -> Any:
    """The unique identifier of each of a Whoosh reader's documents, by number."""
    return reader.column_reader(spec.unique)


def _value(data: dict[str, Any], source: str, path: str) -> Any:
    if source == RECORD:
        return encode_record(data)
    if source == PATH:
        return path
    if "." in source:
        attr, member = source.split(".", 1)
        items = [item[member] for item in data[attr] if item[member]]
        return _LIST_SEPARATOR.join(dict.fromkeys(items)) if items else None
    return data[source]


def document(quote: Quote, path: str, spec: SchemaSpec | None = None) -> dict[str, Any]:
    """The values to index for one quote of the document at ``path`` (the normalized
    field's value is the text itself: the writer normalises it for the sidecar)."""
    data = quote.to_dict()
    doc: dict[str, Any] = {}
    for field in (spec or load_spec()).fields:
        value = _value(data, field.source, path)
        if value is None or value == "":
            continue
        if field.kind == "date":
            value = dt.datetime.fromisoformat(value)
        doc[field.name] = value
    return doc
