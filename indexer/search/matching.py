"""Exact matching: a query that finds the quotes whose normalised text contains a
string, whatever jieba did to the text."""

from __future__ import annotations

from typing import NamedTuple

from whoosh import matching, query

from ..index.declaration import SchemaSpec

#: Score of a quote that holds a word only inside a longer word.
SUBSTRING_SCORE = 0.01


class ExactFields(NamedTuple):
    """The fields exact matching reads: characters, character pairs, normalised text."""

    chars: str
    bigrams: str
    normalized: str

    @classmethod
    def of(cls, spec: SchemaSpec) -> ExactFields:
        return cls(spec.of_kind("chars"), spec.of_kind("bigrams"), spec.of_kind("normalized"))


class Substring(query.Query):
    """Matches quotes whose normalised text contains ``needle``, all with one score.

    One character is looked up in ``chars``. For longer needles the quotes holding the
    needle's rarest character pair are the candidates, and each candidate's normalised
    text (the ``norm`` column) is checked for the needle itself: exact, and cheap
    however common the needle is."""

    def __init__(self, needle: str, fields: ExactFields, score: float = SUBSTRING_SCORE) -> None:
        self.needle, self.fields, self.score, self.boost = needle, fields, score, 1.0
        self.fieldname = None  # reads the chars, bigrams and normalized fields

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Substring) and (self.needle, self.score) == (
            other.needle,
            other.score,
        )

    def __hash__(self) -> int:
        return hash((Substring, self.needle, self.score))

    def __repr__(self) -> str:
        return f"Substring({self.needle!r})"

    def is_leaf(self) -> bool:
        return True

    def estimate_size(self, ixreader) -> int:
        return ixreader.doc_count()

    def docnums(self, reader) -> list[int]:
        """The (segment-local) numbers of the documents that contain the needle."""
        needle, (chars, bigrams, normalized) = self.needle, self.fields
        if len(needle) == 1:
            if (chars, needle) not in reader:
                return []
            return list(reader.postings(chars, needle).all_ids())
        pairs = {needle[i : i + 2] for i in range(len(needle) - 1)}
        if not all((bigrams, p) in reader for p in pairs):
            return []
        rarest = min(pairs, key=lambda p: reader.doc_frequency(bigrams, p))
        candidates = reader.postings(bigrams, rarest).all_ids()
        if len(needle) == 2:
            return list(candidates)
        texts = reader.column_reader(normalized, translate=False)
        encoded = needle.encode("utf-8")  # UTF-8 byte search is character search
        return [n for n in candidates if encoded in texts[n]]

    def matcher(self, searcher, context=None):
        ids = self.docnums(searcher.reader())
        if not ids:
            return matching.NullMatcher()
        return matching.ListMatcher(ids, all_weights=self.score)
