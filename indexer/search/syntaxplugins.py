"""The query parser's plugins: phrases in "…" or “…”, known field names, and the
operators (AND, OR, NOT, ``-x``) with their syntax checked before Whoosh sees them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from whoosh import query
from whoosh.qparser import OperatorsPlugin, syntax
from whoosh.qparser.plugins import FieldsPlugin, Plugin
from whoosh.qparser.taggers import FnTagger, RegexTagger

from ..analysis.normalize import normalize
from ..errors import QuerySyntaxError

if TYPE_CHECKING:
    from .language import YuluQueryParser


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


def operators() -> OperatorsPlugin:
    tagger = OperatorsPlugin.OpTagger
    ops = [
        (tagger(r"(?<![^\s(])NOT(?=[\s()]|$)", syntax.NotGroup, syntax.PrefixOperator, False), 0),
        (MinusTagger(), 0),
        (tagger(r"(?<![^\s()])AND(?=[\s()]|$)", syntax.AndGroup), 0),
        (tagger(r"(?<![^\s()])OR(?=[\s()]|$)", syntax.OrGroup), 0),
    ]
    return OperatorsPlugin(ops=ops, clean=True)
