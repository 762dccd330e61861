"""The declaration of the index fields (``schema/quotes.toml``), read without Whoosh.

The code asks the declaration for fields by their role (the word field, the stored
record, the unique id, the filters, the facets) and never by a name of its own, so a
field renamed in the declaration is renamed everywhere: in the index, the query
language, the CLI options and the web app."""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..errors import YuluError
from ..paths import schema_file

#: What each kind of field holds (see the comments in ``schema/quotes.toml``).
KINDS = (
    "words",
    "normalized",
    "identifier",
    "exact",
    "keyword",
    "date",
    "stored",
)
#: Kinds of which a declaration has exactly one field; the code finds them by kind.
SINGLE_KINDS = ("words", "normalized")
KEYS = {
    "kind", "from", "facet", "query", "filter", "unique", "aliases", "help", "choices", "match",
    "label",
}  # fmt: skip
ALIAS_TABLES = ("people", "places")
#: How a query or filter value finds an exact or keyword field's values (the search
#: layer implements them): the whole value; any value that contains it; a title,
#: with or without its numbering, or its number.
MATCHES = ("value", "contains", "title")
RECORD, PATH = "@record", "@path"


class DeclarationError(YuluError):
    """The field declaration is not one yulu can build an index from."""


@dataclass(frozen=True)
class FieldSpec:
    """One field as declared in the schema file."""

    name: str
    kind: str
    source: str
    facet: bool = False
    query: bool = False
    filter: bool = False
    unique: bool = False
    aliases: str = ""
    help: str = ""
    choices: tuple[str, ...] | str = ()
    match: str = "value"
    #: how pages and exports name the field (empty: its name)
    label: str = ""

    @property
    def multivalued(self) -> bool:
        return self.kind == "keyword"

    @property
    def option(self) -> str:
        """The command-line option of a filter field: ``--event-type``."""
        return "--" + self.name.replace("_", "-")


@dataclass(frozen=True)
class SchemaSpec:
    """The declared fields, in declaration order, and a fingerprint of the file."""

    fields: tuple[FieldSpec, ...]
    fingerprint: str

    def __getitem__(self, name: str) -> FieldSpec:
        for spec in self.fields:
            if spec.name == name:
                return spec
        raise KeyError(name)

    def __contains__(self, name: object) -> bool:
        return any(spec.name == name for spec in self.fields)

    def of_kind(self, kind: str) -> str:
        """The name of the one field of ``kind`` (see :data:`SINGLE_KINDS`)."""
        return next(spec.name for spec in self.fields if spec.kind == kind)

    def _from(self, source: str) -> str:
        return next(spec.name for spec in self.fields if spec.source == source)

    @property
    def words(self) -> str:
        """The word field: the default field of queries, ranked by BM25F."""
        return self.of_kind("words")

    @property
    def record(self) -> str:
        """The stored field that holds the whole record."""
        return self._from(RECORD)

    @property
    def path(self) -> str:
        """The field that holds the document's path (to delete a document's quotes)."""
        return self._from(PATH)

    @property
    def unique(self) -> str:
        """The quote id field."""
        return next(spec.name for spec in self.fields if spec.unique)

    @property
    def date_start(self) -> str:
        """The date field of a quote's first day (the record's ``date``)."""
        return self._from("date")

    @property
    def date_end(self) -> str:
        """The date field of a quote's last day (the record's ``date_end``)."""
        return self._from("date_end")

    @property
    def facets(self) -> tuple[str, ...]:
        return tuple(spec.name for spec in self.fields if spec.facet)

    @property
    def filters(self) -> tuple[FieldSpec, ...]:
        """The fields a search request may filter on, in declaration order."""
        return tuple(spec for spec in self.fields if spec.filter)

    @property
    def queryable(self) -> tuple[str, ...]:
        return tuple(spec.name for spec in self.fields if spec.query)


def _field(where: str, name: str, decl: object) -> FieldSpec:
    if not isinstance(decl, dict):
        raise DeclarationError(f"{where}: [fields.{name}] must be a table")
    unknown = sorted(set(decl) - KEYS)
    if unknown:
        keys = ", ".join(sorted(KEYS))
        raise DeclarationError(
            f"{where}: field {name} has unknown key {unknown[0]!r}; keys: {keys}"
        )
    kind, source = decl.get("kind"), decl.get("from")
    if kind not in KINDS:
        raise DeclarationError(
            f"{where}: field {name} has kind {kind!r}; kinds are {', '.join(KINDS)}"
        )
    if not isinstance(source, str) or not source:
        raise DeclarationError(f'{where}: field {name} needs from = "<record attribute>"')
    aliases = decl.get("aliases", "")
    if aliases and aliases not in ALIAS_TABLES:
        raise DeclarationError(
            f"{where}: field {name} has aliases {aliases!r}; tables are {', '.join(ALIAS_TABLES)}"
        )
    for flag in ("facet", "query", "filter", "unique"):
        if not isinstance(decl.get(flag, False), bool):
            raise DeclarationError(f"{where}: field {name}: {flag} must be true or false")
    if decl.get("facet") and kind not in ("exact", "keyword"):
        raise DeclarationError(f"{where}: field {name}: only exact and keyword fields are facets")
    if decl.get("filter") and kind not in ("exact", "keyword"):
        raise DeclarationError(f"{where}: field {name}: only exact and keyword fields filter")
    match = decl.get("match", "value")
    if match not in MATCHES:
        raise DeclarationError(
            f"{where}: field {name} has match {match!r}; matches are {', '.join(MATCHES)}"
        )
    if match != "value" and kind not in ("exact", "keyword"):
        raise DeclarationError(f"{where}: field {name}: only exact and keyword fields set match")
    choices = decl.get("choices", [])
    if not isinstance(choices, str | list):
        raise DeclarationError(f"{where}: field {name}: choices must be a list or a table name")
    return FieldSpec(
        name=name,
        kind=kind,
        source=source,
        facet=decl.get("facet", False),
        query=decl.get("query", False),
        filter=decl.get("filter", False),
        unique=decl.get("unique", False),
        aliases=aliases,
        help=str(decl.get("help", "")),
        choices=choices if isinstance(choices, str) else tuple(choices),
        match=match,
        label=str(decl.get("label", "")),
    )


def _check_roles(where: str, fields: tuple[FieldSpec, ...]) -> None:
    def count(test) -> int:
        return sum(1 for spec in fields if test(spec))

    for kind in SINGLE_KINDS:
        if count(lambda s, k=kind: s.kind == k) != 1:
            raise DeclarationError(f"{where}: declare exactly one field of kind {kind}")
    for source, what in ((RECORD, "stored record"), (PATH, "document path")):
        if count(lambda s, src=source: s.source == src) != 1:
            raise DeclarationError(f"{where}: declare exactly one {what} (from = {source!r})")
    for source in ("date", "date_end"):
        if count(lambda s, src=source: s.source == src and s.kind == "date") != 1:
            raise DeclarationError(f"{where}: declare one date field from = {source!r}")
    if count(lambda s: s.unique) != 1:
        raise DeclarationError(f"{where}: declare exactly one unique field (the quote id)")


def read_declaration(path: Path) -> SchemaSpec:
    """Read and check a field declaration; :class:`DeclarationError` says what is wrong."""
    raw = path.read_bytes()
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise DeclarationError(f"{path}: not valid UTF-8 TOML: {exc}") from None
    if set(data) != {"fields"} or not isinstance(data["fields"], dict):
        raise DeclarationError(f"{path}: the declaration holds [fields.NAME] tables only")
    fields = tuple(_field(str(path), name, decl) for name, decl in data["fields"].items())
    _check_roles(str(path), fields)
    return SchemaSpec(fields, hashlib.sha256(raw).hexdigest())


@cache
def load_spec() -> SchemaSpec:
    """The bundled declaration (read once per process)."""
    return read_declaration(schema_file())
