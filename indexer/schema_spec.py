"""The declaration of the index fields (``schema/quotes.toml``), read without Whoosh."""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from functools import cache

from .paths import schema_file

KINDS = (
    "words",
    "chars",
    "bigrams",
    "normalized",
    "id",
    "keyword",
    "date",
    "number",
    "stored",
)


@dataclass(frozen=True)
class FieldSpec:
    """One field as declared in the schema file."""

    name: str
    kind: str
    source: str
    facet: bool = False
    query: bool = False
    unique: bool = False
    aliases: str = ""

    @property
    def multivalued(self) -> bool:
        return self.kind == "keyword"


@dataclass(frozen=True)
class SchemaSpec:
    fields: tuple[FieldSpec, ...]
    fingerprint: str

    def __getitem__(self, name: str) -> FieldSpec:
        return next(f for f in self.fields if f.name == name)

    @property
    def facets(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.facet)

    @property
    def queryable(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.query)


@cache
def load_spec() -> SchemaSpec:
    """Read and check the schema declaration."""
    raw = schema_file().read_bytes()
    data = tomllib.loads(raw.decode("utf-8"))
    specs = []
    for name, decl in data["fields"].items():
        if decl.get("kind") not in KINDS:
            raise ValueError(f"{schema_file()}: field {name} has unknown kind {decl.get('kind')!r}")
        specs.append(
            FieldSpec(
                name=name,
                kind=decl["kind"],
                source=decl["from"],
                facet=decl.get("facet", False),
                query=decl.get("query", False),
                unique=decl.get("unique", False),
                aliases=decl.get("aliases", ""),
            )
        )
    return SchemaSpec(tuple(specs), hashlib.sha256(raw).hexdigest())
