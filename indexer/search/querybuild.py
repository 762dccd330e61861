"""Building the text queries: a word cut as jieba's full dictionary cuts it, a phrase
matched exactly (:class:`~indexer.search.matching.Substring`), synonyms expanded."""

from __future__ import annotations

from whoosh import query

from ..analysis.normalize import fold, normalize
from ..analysis.segment import Segmenter
from ..errors import QuerySyntaxError, YuluError
from ..index.declaration import SchemaSpec
from .matching import ExactFields, Substring
from .synonyms import Synonyms


class QueryBuildError(YuluError):
    """Something inside yulu failed while building a query: a bug, not the query."""

    def __init__(self, text: str, exc: Exception) -> None:
        super().__init__(
            f"internal error while building the query {text!r} ({type(exc).__name__}: {exc}); "
            "please report it"
        )


class QueryBuilder:
    """Builds the text queries; shared by the parser plugins."""

    def __init__(
        self, segmenter: Segmenter, spec: SchemaSpec, synonyms: Synonyms | None = None
    ) -> None:
        self.segmenter = segmenter
        self.words_field = spec.words
        self.exact = ExactFields.of(spec)
        self.synonyms = synonyms or Synonyms()

    def _cut(self, folded: str) -> list[str]:
        """jieba's words of folded text, normalised; runs of single characters that
        jieba could not put into a word are kept together (中俄 stays 中俄)."""
        needles: list[str] = []
        run = ""
        for word in self.segmenter.words(folded):
            word = normalize(word)
            if len(word) == 1:
                run += word
                continue
            if run:
                needles.append(run)
                run = ""
            if word:
                needles.append(word)
        if run:
            needles.append(run)
        return needles

    def units_of(self, text: str) -> list[tuple[str, ...]]:
        """The needles of free text, each with its alternatives (synonyms): a quote
        matches when it holds one alternative of every unit."""
        units: list[tuple[str, ...]] = []
        for piece, group in self.synonyms.split(fold(text)):
            if group is not None:
                units.append(group)
            else:
                units += [(needle,) for needle in self._cut(piece)]
        return list(dict.fromkeys(units))

    def words_of(self, text: str) -> list[str]:
        """The needles of free text as written (first alternative of each unit)."""
        return [unit[0] for unit in self.units_of(text)]

    def _ranking(self, needles: list[str]) -> list[query.Query]:
        words: list[str] = []
        for needle in needles:
            words += [needle, *self._cut(needle)]
        return [query.Term(self.words_field, w) for w in dict.fromkeys(words)]

    def words(self, text: str) -> query.Query | None:
        units = self.units_of(text)
        if not units:
            return None
        required: list[query.Query] = []
        for unit in units:
            alternatives = [Substring(form, self.exact) for form in unit]
            required.append(alternatives[0] if len(unit) == 1 else query.Or(alternatives))
        must = query.And(required) if len(required) > 1 else required[0]
        return query.AndMaybe(must, query.Or(self._ranking([f for u in units for f in u])))

    def phrase(self, text: str) -> query.Query:
        needle = normalize(text)
        if not needle:
            raise QuerySyntaxError(f"the phrase {text!r} has nothing to search for")
        return query.AndMaybe(Substring(needle, self.exact), query.Or(self._ranking([needle])))


# -- dates -------------------------------------------------------------------------------
