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

import datetime as dt
import re
from collections.abc import Iterator

from whoosh import query
from whoosh.qparser import GroupPlugin, OperatorsPlugin, QueryParser, RangePlugin, syntax
from whoosh.qparser.common import QueryParserError
from whoosh.qparser.plugins import FieldsPlugin, Plugin
from whoosh.qparser.taggers import FnTagger, RegexTagger
from whoosh.util.times import datetime_to_long

from ..analysis.normalize import fold, normalize, query_syntax
from ..analysis.segment import Segmenter
from ..errors import QuerySyntaxError, YuluError
from ..index.declaration import SchemaSpec
from .fieldvalues import FieldValues
from .matching import ExactFields, NoSuchValue, Substring, exact_negations
from .synonyms import Synonyms

MAX_QUERY_CHARS = 1000
#: The deepest nesting of parentheses a query may have (checked before parsing).
MAX_DEPTH = 100
SYNTAX_HINT = (
    'phrases go in "…" or “…”; fields are written field:value, '
    "e.g. counterpart:普京 date:>=2020-03-20"
)
DATE_FORMS = "YYYY-MM-DD, YYYY-MM or YYYY"


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
    """``field:value`` at the start of a term, with ASCII field names; an unknown name
    is an error. A value that opens with a numbering in brackets, as titles are
    printed (``section:（一）关于…``), is one value, not a group."""

    NUMBERED = (
        r"(?<![^\s(+\-])(?P<field>[A-Za-z_]+):"
        r"(?P<value>\([0-9〇零一二三四五六七八九十百]+\)[^\s()]+)"
    )

    def __init__(self, names: tuple[str, ...]) -> None:
        super().__init__(expr=r"(?<![^\s(+\-])(?P<text>[A-Za-z_]+):", remove_unknown=False)
        self.names = names

    def taggers(self, parser):
        return [(FnTagger(self.NUMBERED, self._numbered_value), -1), *super().taggers(parser)]

    def _numbered_value(self, field: str, value: str) -> syntax.WordNode:
        self._check_name(field)
        node = syntax.WordNode(value)
        node.set_fieldname(field)
        return node

    def _check_name(self, name: str) -> None:
        if name not in self.names:
            raise QuerySyntaxError(f"unknown field {name!r}; fields are {', '.join(self.names)}")

    def do_fieldnames(self, parser, group):
        for i, node in enumerate(group):
            if not isinstance(node, syntax.FieldnameNode):
                continue
            self._check_name(node.fieldname)
            if i + 1 == len(group) or group[i + 1].is_ws():
                raise QuerySyntaxError(f"{node.fieldname}: needs a value right after the colon")
        return super().do_fieldnames(parser, group)


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


class OperatorSyntaxPlugin(Plugin):
    """AND, OR, NOT and ``-x`` (NOT, written at the start of a term), ``+x`` (x), each
    with a term where it needs one; empty parentheses are an error."""

    class Plus(syntax.MarkerNode):
        pass

    def taggers(self, parser):
        return [(FnTagger(r"(?<![^\s(])\+(?=\S)", self.Plus), 0)]

    def filters(self, parser):
        return [(self.check, 590)]

    def check(self, parser, group, nested: bool = False):
        for node in group:
            if isinstance(node, syntax.WordNode) and node.text.strip() in ("-", "+"):
                raise QuerySyntaxError(f"{node.text.strip()} goes right before a term: -word")
        nodes = [n for n in group if not isinstance(n, self.Plus) and not _empty_word(n)]
        if nested and not nodes:
            raise QuerySyntaxError("() has nothing to search for")
        for i, node in enumerate(nodes):
            before = nodes[i - 1] if i else None
            after = nodes[i + 1] if i + 1 < len(nodes) else None
            if isinstance(node, syntax.InfixOperator):
                if isinstance(before, syntax.PrefixOperator):
                    raise QuerySyntaxError(f"{before.text.strip()} needs a term after it")
                if before is None or after is None or isinstance(after, syntax.InfixOperator):
                    raise QuerySyntaxError(f"{node.text.strip()} needs a term on each side")
            elif isinstance(node, syntax.PrefixOperator):
                if after is None:
                    raise QuerySyntaxError(f"{node.text.strip()} needs a term after it")
            elif isinstance(node, syntax.GroupNode):
                self.check(parser, node, nested=True)
        group.nodes[:] = nodes
        return group


def _empty_word(node) -> bool:
    """A word with nothing to match (punctuation) that names no field: left out."""
    return isinstance(node, syntax.WordNode) and not node.fieldname and not normalize(node.text)


class MinusTagger(OperatorsPlugin.OpTagger):
    """``-x`` at the start of a term is NOT x; ``--x`` is NOT NOT x, that is x."""

    def __init__(self) -> None:
        super().__init__(r"(?<![^\s(])-+(?=[^\s-])", syntax.NotGroup, syntax.PrefixOperator, False)

    def create(self, parser, match):
        if len(match.group(0)) % 2 == 0:
            return OperatorSyntaxPlugin.Plus()
        return syntax.PrefixOperator("-", syntax.NotGroup, False)


def _operators() -> OperatorsPlugin:
    tagger = OperatorsPlugin.OpTagger
    ops = [
        (tagger(r"(?<![^\s(])NOT(?=[\s()]|$)", syntax.NotGroup, syntax.PrefixOperator, False), 0),
        (MinusTagger(), 0),
        (tagger(r"(?<![^\s()])AND(?=[\s()]|$)", syntax.AndGroup), 0),
        (tagger(r"(?<![^\s()])OR(?=[\s()]|$)", syntax.OrGroup), 0),
    ]
    return OperatorsPlugin(ops=ops, clean=True)


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
            _operators(),
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

    def compile(self, text: str) -> query.Query:
        """The Whoosh query for ``text``; :class:`QuerySyntaxError` on bad input."""
        return parse_query(text, self._parser)

    def words_of(self, text: str) -> list[str]:
        return self.builder.words_of(text)
