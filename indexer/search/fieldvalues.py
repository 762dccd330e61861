"""What a value written for a field (``counterpart:普京``, ``--section …``) stands for.

Each exact or keyword field of the declaration says how its values are found
(``match`` in ``schema/quotes.toml``):

* ``value``: the whole value, folded and aliased by the field's own analyzer
  (``counterpart:Putin`` is ``普京``);
* ``contains``: every indexed value that contains each of the words given
  (``event:普京`` finds every attribution that names 普京);
* ``title``: a title as printed, with or without its numbering (``（一）``, ``三、``),
  or a number alone (``3``, ``三``), which finds the quotes whose record has that number
  (the record's attribute ``<from>_no``).

The same resolution serves the query language and the request's filters, and says
which values no quote has (for the hints a search gives)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from whoosh import query

from ..analysis.normalize import fold, normalize
from ..index.declaration import SchemaSpec
from ..index.schema import decode_record, record_column
from ..numerals import parse_number
from .matching import DocumentTest, NoSuchValue

_NUMERAL = r"[0-9〇零一二三四五六七八九十百]+"
#: A title's numbering as printed: （一） (1) 一、 1. 1、
NUMBERING = re.compile(rf"^\s*(?:[（(]\s*{_NUMERAL}\s*[)）]|{_NUMERAL}\s*[、.．])\s*")
NUMBER = re.compile(rf"^\s*[（(]?\s*(?P<n>{_NUMERAL})\s*[)）、.．]?\s*$")


class FieldValues:
    """Resolves field values against one open searcher."""

    def __init__(
        self, searcher, schema, spec: SchemaSpec, aliases: Mapping[str, Mapping[str, str]]
    ) -> None:
        self._searcher, self._schema, self._spec = searcher, schema, spec
        self._aliases = aliases
        self._terms: dict[str, list[tuple[str, str]]] = {}
        self._numbers: dict[tuple[int, str], tuple[Any, list[Any]]] = {}

    @property
    def _reader(self):
        return self._searcher.reader()

    def terms(self, fieldname: str) -> list[tuple[str, str]]:
        """Every indexed value of a field, with its normalised form."""
        if fieldname not in self._terms:
            self._terms[fieldname] = [
                (term, normalize(term)) for term in self._reader.field_terms(fieldname)
            ]
        return self._terms[fieldname]

    def indexed(self, fieldname: str, value: str) -> str | None:
        """The value as the field indexes it (folded, aliased), or None if it is empty."""
        texts = list(self._schema[fieldname].process_text(value, mode="query"))
        return texts[0] if texts and texts[0] else None

    def query(self, fieldname: str, value: str) -> query.Query:
        """The quotes whose ``fieldname`` has ``value`` (as the field's ``match`` says);
        :class:`NoSuchValue` when no quote has it."""
        match = self._spec[fieldname].match
        if match == "title":
            number = NUMBER.match(value)
            if number and parse_number(number.group("n")) is not None:
                return self._numbered(fieldname, parse_number(number.group("n")) or 0)
            value = NUMBERING.sub("", value, count=1) or value
        if match == "contains":
            pieces = [normalize(piece) for piece in value.split()]
            pieces = [piece for piece in pieces if piece]
            found = [term for term, norm in self.terms(fieldname) if all(p in norm for p in pieces)]
        else:
            term = self.indexed(fieldname, value)
            found = [term] if term is not None and (fieldname, term) in self._reader else []
        if not found:
            return NoSuchValue(fieldname, value)
        terms = [query.Term(fieldname, term) for term in found]
        return terms[0] if len(terms) == 1 else query.Or(terms)

    def _numbered(self, fieldname: str, number: int) -> query.Query:
        attribute = f"{self._spec[fieldname].source}_no"
        return DocumentTest(
            f"{fieldname}:{number}",
            lambda reader: self._record_values(reader, attribute),
            lambda value: value == number,
        )

    def _record_values(self, reader, attribute: str) -> list[Any]:
        """For each document of a segment reader, the record's ``attribute`` (read once
        per segment; None for deleted documents)."""
        key = (id(reader), attribute)
        if key not in self._numbers:
            records = record_column(reader, self._spec)
            values: list[Any] = [None] * reader.doc_count_all()
            for docnum in reader.all_doc_ids():
                values[docnum] = decode_record(records[docnum]).get(attribute)
            self._numbers[key] = (reader, values)  # keep the reader: its id stays unique
        return self._numbers[key][1]

    def nearest(self, fieldname: str, value: str, count: int = 3) -> list[str]:
        """Known values of a field near ``value``: a near spelling of a value or of one
        of its aliases (see :func:`indexer.search.suggest.near`), nearest first."""
        from .suggest import near  # only a search that found little asks

        known = {term: term for term, _ in self.terms(fieldname)}
        table = self._aliases.get(self._spec[fieldname].aliases, {})
        for alias, canonical in table.items():
            if fold(canonical) in known:
                known.setdefault(fold(alias), fold(canonical))
        wanted = fold(value).strip()
        if not wanted:
            return []
        return list(dict.fromkeys(known[name] for name in near(wanted, known)))[:count]

    def alias(self, word: str) -> list[tuple[str, str]]:
        """The alias tables (``people``, ``places``) that know ``word`` as another name,
        each with the name it stands for (``Putin`` → ``("people", "普京")``)."""
        wanted = fold(" ".join(word.split())).lower()
        found = []
        for table, names in self._aliases.items():
            canonical = names.get(wanted)
            if canonical is not None and canonical != wanted:
                found.append((table, canonical))
        return found

    def contained(self, fieldname: str, word: str) -> int:
        """How many quotes have a value of ``fieldname`` that contains ``word``."""
        needle = normalize(word)
        terms = [query.Term(fieldname, t) for t, norm in self.terms(fieldname) if needle in norm]
        if not needle or not terms:
            return 0
        return len(set(self._searcher.docs_for_query(query.Or(terms))))
