"""The query language: from a query string to a Whoosh query with yulu's guarantees.

* A phrase (in "…" or “…”) matches exactly the quotes whose normalised text contains
  the normalised phrase (see :class:`Substring`).
* A word outside quotes is cut as jieba's full dictionary cuts it; single characters
  that jieba leaves standing side by side stay together (``中俄`` is one needle, not
  中 and 俄), and a form of the synonym table matches any form of its group. A quote
  matches when its normalised text contains every needle. Ranking is BM25F over the
  word field; the search layer then rewards needles standing close together.
* ``field:value`` finds the field's values as the declaration's ``match`` says
  (:mod:`indexer.search.fieldvalues`); date fields take days, months, years, ranges
  and comparisons, each meaning exactly what it says.
* ``AND``, ``OR``, ``NOT`` (or ``-x``) and parentheses combine any of them: NOT binds
  tightest, then AND, then OR; terms side by side are AND-ed last, so ``疫苗 合作 OR
  支持`` is 疫苗 AND (合作 OR 支持). The matches are exactly what set algebra over the
  operands' matches gives.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Iterator

from whoosh import query
from whoosh.qparser import GroupPlugin, QueryParser
from whoosh.qparser.common import QueryParserError

from ..analysis.normalize import query_syntax
from ..analysis.segment import Segmenter
from ..errors import QuerySyntaxError
from ..index.declaration import SchemaSpec
from .datequery import RangesPlugin, date_query
from .fieldvalues import FieldValues
from .matching import NoSuchValue, Substring
from .negation import exact_negations
from .querybuild import QueryBuilder, QueryBuildError
from .synonyms import Synonyms
from .syntaxplugins import (
    ExactPhrasePlugin,
    KnownFieldsPlugin,
    OperatorSyntaxPlugin,
    operators,
)

MAX_QUERY_CHARS = 1000
#: Queries compiled and kept, per open index.
COMPILED = 256
#: The deepest nesting of parentheses a query may have (checked before parsing).
MAX_DEPTH = 100
SYNTAX_HINT = (
    'phrases go in "…" or “…”; fields are written field:value, '
    "e.g. counterpart:普京 date:>=2020-03-20"
)


class YuluQueryParser(QueryParser):
    """Whoosh's query parser with yulu's plugins and text semantics."""

    def __init__(
        self,
        schema,
        spec: SchemaSpec,
        builder: QueryBuilder,
        values: FieldValues | None = None,
    ) -> None:
        self.builder, self.values, self.spec = builder, values, spec
        date_fields = tuple(f.name for f in spec.fields if f.kind == "date" and f.query)
        plugins = [
            KnownFieldsPlugin(spec.queryable),
            ExactPhrasePlugin(),
            RangesPlugin(date_fields),
            GroupPlugin(),
            OperatorSyntaxPlugin(),
            operators(),
        ]
        super().__init__(builder.words_field, schema, plugins=plugins)

    def term_query(self, fieldname, text, termclass, boost=1.0, tokenize=True, removestops=True):
        if fieldname == self.fieldname:
            return self.builder.words(text)
        kind = self.spec[fieldname].kind
        if kind == "date":
            return date_query(fieldname, text, text, False, False)
        if self.values is not None:
            return self.values.query(fieldname, text)
        texts = [t for t in self.schema[fieldname].process_text(text, mode="query") if t]
        if not texts:
            raise QuerySyntaxError(f"{fieldname}: needs a value")
        return query.Term(fieldname, texts[0], boost=boost)


def _check_balance(text: str) -> None:
    if text.count('"') % 2:
        raise QuerySyntaxError('unbalanced quote: a phrase opened with " is not closed')
    outside = re.sub(r'"[^"]*"', " ", text)
    if outside.count("“") != outside.count("”"):
        raise QuerySyntaxError("unbalanced quote: “ and ” do not pair up")
    outside = re.sub(r"“[^”]*”", " ", outside)
    depth = 0
    for ch in RangesPlugin.RANGE.sub(" ", outside):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth < 0:
            break
        if depth > MAX_DEPTH:
            raise QuerySyntaxError(
                f"the query nests parentheses too deep (more than {MAX_DEPTH} levels)"
            )
    if depth:
        raise QuerySyntaxError("unbalanced parentheses")


def parse_query(text: str, parser: YuluQueryParser) -> query.Query:
    """Parse a user's query string; raises :class:`QuerySyntaxError` on bad input."""
    text = query_syntax(text).strip()
    if len(text) > MAX_QUERY_CHARS:
        raise QuerySyntaxError(
            f"query too long ({len(text)} characters; at most {MAX_QUERY_CHARS})"
        )
    if not text:
        raise QuerySyntaxError("empty query")
    _check_balance(text)
    try:
        q = parser.parse(text)
    except QuerySyntaxError:
        raise
    except QueryParserError as exc:  # Whoosh's own word for malformed input
        raise QuerySyntaxError(f"cannot parse the query ({exc}); {SYNTAX_HINT}") from None
    except Exception as exc:
        raise QueryBuildError(text, exc) from exc
    for node in walk(q):
        error = getattr(node, "error", None)
        if error:
            raise QuerySyntaxError(str(error))
    if q is None or q is query.NullQuery or not list(walk(q)):
        raise QuerySyntaxError("the query has nothing to search for")
    return exact_negations(q)


def walk(q: query.Query | None) -> Iterator[query.Query]:
    """Every node of a query tree."""
    if q is None:
        return
    yield q
    for child in q.children():
        yield from walk(child)


def needles(q: query.Query, negated: bool = False) -> list[str]:
    """The normalised strings a query looks for (to highlight), outside negations."""
    if isinstance(q, query.Not):
        return []
    if isinstance(q, query.AndNot):
        return needles(q.a, negated)
    found = [q.needle] if isinstance(q, Substring) and not negated else []
    for child in q.children():
        found += needles(child, negated)
    return list(dict.fromkeys(found))


def needle_groups(q: query.Query) -> list[tuple[str, ...]]:
    """The needles a query requires, outside negations, each with its alternatives
    (the forms of a synonym group)."""
    if isinstance(q, query.Not):
        return []
    if isinstance(q, query.AndNot):
        return needle_groups(q.a)
    if isinstance(q, Substring):
        return [(q.needle,)]
    children = list(q.children())
    if isinstance(q, query.Or) and children and all(isinstance(c, Substring) for c in children):
        return [tuple(c.needle for c in children)]
    return list(dict.fromkeys(g for child in children for g in needle_groups(child)))


def missing_values(q: query.Query) -> list[NoSuchValue]:
    """The field values of a query that no quote has."""
    return list(dict.fromkeys(node for node in walk(q) if isinstance(node, NoSuchValue)))


class QueryLanguage:
    """yulu's query language over one index: ``compile`` turns a query string into a
    Whoosh query; ``words_of`` gives the query words of free text."""

    def __init__(
        self,
        schema,
        spec: SchemaSpec,
        segmenter: Segmenter,
        values: FieldValues | None = None,
        synonyms: Synonyms | None = None,
    ) -> None:
        self.builder = QueryBuilder(segmenter, spec, synonyms)
        self._parser = YuluQueryParser(schema, spec, self.builder, values)
        self._compiled: OrderedDict[str, query.Query] = OrderedDict()
        self._lock = threading.Lock()

    def compile(self, text: str) -> query.Query:
        """The Whoosh query for ``text``; :class:`QuerySyntaxError` on bad input. The
        last :data:`COMPILED` queries are kept (a page, its facets and its timeline ask
        again; queries are never changed once built)."""
        with self._lock:
            found = self._compiled.get(text)
            if found is not None:
                self._compiled.move_to_end(text)
                return found
        compiled = parse_query(text, self._parser)
        with self._lock:
            self._compiled[text] = compiled
            if len(self._compiled) > COMPILED:
                self._compiled.popitem(last=False)
        return compiled

    def words_of(self, text: str) -> list[str]:
        return self.builder.words_of(text)
