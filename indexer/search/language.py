"""The query language: from a query string to a Whoosh query with yulu's guarantees.

* A phrase (in "…" or “…”) matches exactly the quotes whose normalised text contains
  the normalised phrase (see :class:`Substring`).
* Free text is cut into words with the index's segmenter; a quote matches when its
  normalised text contains every word, however jieba cut the quote itself. Ranking is
  BM25F over the ``text`` field (whole words); a word found only inside longer words
  scores a small constant. The search layer then rewards words standing close together.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from whoosh import query
from whoosh.qparser import (
    GroupPlugin,
    GtLtPlugin,
    OperatorsPlugin,
    PlusMinusPlugin,
    QueryParser,
    RangePlugin,
    syntax,
)
from whoosh.qparser.plugins import FieldsPlugin, Plugin
from whoosh.qparser.taggers import RegexTagger

from ..analysis.normalize import fold, normalize
from ..analysis.segment import Segmenter
from ..errors import QuerySyntaxError
from ..index.declaration import SchemaSpec
from .matching import ExactFields, Substring

MAX_QUERY_CHARS = 1000
SYNTAX_HINT = (
    'phrases go in "…" or “…”; fields are written field:value, '
    "e.g. counterpart:普京 date:>=2020-03-20"
)


class QueryBuilder:
    """Builds the text queries; shared by the parser plugins."""

    def __init__(self, segmenter: Segmenter, spec: SchemaSpec) -> None:
        self.segmenter = segmenter
        self.words_field = spec.words
        self.exact = ExactFields.of(spec)

    def words_of(self, text: str) -> list[str]:
        """The query words of free text: segmented, normalised, each once."""
        words = (normalize(w) for w in self.segmenter.words(fold(text)))
        return list(dict.fromkeys(w for w in words if w))

    def words(self, text: str) -> query.Query | None:
        words = self.words_of(text)
        if not words:
            return None
        required = [Substring(w, self.exact) for w in words]
        ranking = [query.Term(self.words_field, w) for w in words]
        must = query.And(required) if len(required) > 1 else required[0]
        return query.AndMaybe(must, query.Or(ranking))

    def phrase(self, text: str) -> query.Query:
        needle = normalize(text)
        if not needle:
            raise QuerySyntaxError(f"the phrase {text!r} has nothing to search for")
        ranking = [query.Term(self.words_field, w) for w in self.words_of(needle)]
        return query.AndMaybe(Substring(needle, self.exact), query.Or(ranking))


class ExactPhrasePlugin(Plugin):
    """Phrases in ASCII "…" or Chinese “…” quotes."""

    class PhraseNode(syntax.TextNode):
        def query(self, parser: YuluQueryParser) -> query.Query:
            fieldname = self.fieldname or parser.fieldname
            if fieldname == parser.fieldname:
                return parser.builder.phrase(self.text)
            return parser.term_query(fieldname, self.text, parser.termclass, self.boost)

    class PhraseTagger(RegexTagger):
        def create(self, parser, match):
            return ExactPhrasePlugin.PhraseNode(match.group("a") or match.group("b") or "")

    def taggers(self, parser):
        return [(self.PhraseTagger(r'"(?P<a>[^"]*)"|“(?P<b>[^”]*)”'), 0)]


class KnownFieldsPlugin(FieldsPlugin):
    """``field:value`` with ASCII field names; an unknown name is an error."""

    def __init__(self, names: tuple[str, ...]) -> None:
        super().__init__(expr=r"(?P<text>[A-Za-z_]+):", remove_unknown=False)
        self.names = names

    def do_fieldnames(self, parser, group):
        for i, node in enumerate(group):
            if not isinstance(node, syntax.FieldnameNode):
                continue
            if node.fieldname not in self.names:
                raise QuerySyntaxError(
                    f"unknown field {node.fieldname!r}; fields are {', '.join(self.names)}"
                )
            if i + 1 == len(group) or group[i + 1].is_ws():
                raise QuerySyntaxError(f"{node.fieldname}: needs a value right after the colon")
        return super().do_fieldnames(parser, group)


class YuluQueryParser(QueryParser):
    """Whoosh's query parser with yulu's plugins and text semantics."""

    def __init__(self, schema, builder: QueryBuilder, fieldnames: tuple[str, ...]) -> None:
        self.builder = builder
        plugins = [
            KnownFieldsPlugin(fieldnames),
            ExactPhrasePlugin(),
            RangePlugin(),
            GtLtPlugin(),
            GroupPlugin(),
            OperatorsPlugin(),
            # + and - only at the start of a term: 2020-03-20 and COVID-19 stay whole.
            PlusMinusPlugin(plusexpr=r"(?<![^\s(])\+", minusexpr=r"(?<![^\s(])-"),
        ]
        super().__init__(builder.words_field, schema, plugins=plugins)

    def term_query(self, fieldname, text, termclass, boost=1.0, tokenize=True, removestops=True):
        if fieldname == self.fieldname:
            return self.builder.words(text)
        field = self.schema[fieldname]  # KnownFieldsPlugin let only schema fields through
        if field.self_parsing():
            return field.parse_query(fieldname, text, boost=boost)  # dates: errors propagate
        texts = list(field.process_text(text, mode="query"))
        if not texts:
            raise QuerySyntaxError(f"{fieldname}: needs a value")
        return query.Term(fieldname, texts[0], boost=boost)


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_query(text: str) -> str:
    """NFKC (full-width colons, brackets and digits to ASCII), control characters out."""
    return _CONTROL.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def _check_syntax(text: str) -> None:
    if text.count('"') % 2:
        raise QuerySyntaxError('unbalanced quote: a phrase opened with " is not closed')
    outside = re.sub(r'"[^"]*"', " ", text)
    if outside.count("“") != outside.count("”"):
        raise QuerySyntaxError("unbalanced quote: “ and ” do not pair up")
    outside = re.sub(r"“[^”]*”", " ", outside)
    words = outside.split()
    if words and (words[0] in ("AND", "OR") or words[-1] in ("AND", "OR", "NOT")):
        operator = words[0] if words[0] in ("AND", "OR") else words[-1]
        raise QuerySyntaxError(f"{operator} needs a term on each side")
    depth = 0
    for ch in re.sub(r"\[[^\]]*\]|\{[^}]*\}", " ", outside):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth < 0:
            break
    if depth:
        raise QuerySyntaxError("unbalanced parentheses")


def parse_query(text: str, parser: YuluQueryParser) -> query.Query:
    """Parse a user's query string; raises :class:`QuerySyntaxError` on bad input."""
    text = clean_query(text)
    if len(text) > MAX_QUERY_CHARS:
        raise QuerySyntaxError(
            f"query too long ({len(text)} characters; at most {MAX_QUERY_CHARS})"
        )
    if not text:
        raise QuerySyntaxError("empty query")
    _check_syntax(text)
    try:
        q = parser.parse(text)
    except QuerySyntaxError:
        raise
    except Exception as exc:  # Whoosh reports some malformed input by raising
        raise QuerySyntaxError(f"cannot parse the query ({exc}); {SYNTAX_HINT}") from None
    for node in _walk(q):
        error = getattr(node, "error", None)
        if isinstance(error, QuerySyntaxError):
            raise error
        if error:
            raise QuerySyntaxError(str(error))
    if q is None or q is query.NullQuery or not list(_walk(q)):
        raise QuerySyntaxError("the query has nothing to search for")
    return q


def _walk(q: query.Query | None) -> Iterator[query.Query]:
    if q is None:
        return
    yield q
    for child in q.children():
        yield from _walk(child)


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


class QueryLanguage:
    """yulu's query language over one index: ``compile`` turns a query string into a
    Whoosh query; ``words_of`` gives the query words of free text."""

    def __init__(self, schema, spec: SchemaSpec, segmenter: Segmenter) -> None:
        self.builder = QueryBuilder(segmenter, spec)
        self._parser = YuluQueryParser(schema, self.builder, spec.queryable)

    def compile(self, text: str) -> query.Query:
        """The Whoosh query for ``text``; :class:`QuerySyntaxError` on bad input."""
        return parse_query(text, self._parser)

    def words_of(self, text: str) -> list[str]:
        return self.builder.words_of(text)
