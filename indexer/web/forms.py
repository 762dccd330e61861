"""A research page's form fields, made from the tool's options dataclass
(:mod:`indexer.tools.options`) as the CLI's options are: each web field of the
dataclass is a control whose kind follows the field's value kind (a number, a choice,
a yes-or-no, text, two numbers), with the label its term declares. The reference of
``keywords`` is a set of fields, one per filter of the declaration."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..index.declaration import SchemaSpec
from ..search.vocabulary import FACETS, REFERENCE, SINCE, UNTIL, Term, terms
from .labels import field_label


@dataclass(frozen=True)
class Control:
    """One form field: ``control`` is an input type (``number``, ``text``, ``search``,
    ``date``, ``hidden``), ``select``, ``checkbox`` or ``fieldset`` (whose ``inner``
    are its fields)."""

    name: str
    control: str
    value: str = ""
    before: str = ""
    after: str = ""
    choices: tuple[tuple[str, str], ...] = ()
    checked: bool = False
    low: float | None = None
    inputmode: str = ""
    size: int | None = None
    chinese: bool = False
    placeholder: str = ""
    inner: tuple[Control, ...] = ()


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, tuple | list):
        return " ".join(map(str, value))
    return str(value)


def _control(name: str, term: Term, current: Any, given: str, spec: SchemaSpec) -> Control:
    kind = term.kind
    before, after = term.label
    common = {"before": before, "after": after, "placeholder": term.placeholder}
    if term.hidden:
        return Control(name, "hidden", given)
    if kind.name == "bool":
        return Control(name, "checkbox", "true", checked=bool(current), **common)
    if kind.name == "choice":
        values = spec.facets if kind.choices == FACETS else kind.choices
        choices = tuple((v, term.shown.get(v, v)) for v in values)
        if kind.choices == FACETS:
            choices = (("", term.placeholder), *choices)
        return Control(name, "select", _text(current), choices=choices, before=before, after=after)
    if kind.name == "int":
        value = given or _text(current)
        return Control(name, "number", value, low=kind.low, inputmode="numeric", **common)
    if kind.name == "float":
        return Control(name, "text", given, inputmode="decimal", size=5, **common)
    if kind.name == "pair":
        value = given or _text(current)
        return Control(name, "text", value, inputmode="numeric", size=5, **common)
    return Control(name, "search", given, chinese=True, **common)


def _reference(args: Any, spec: SchemaSpec) -> Control:
    def given(name: str) -> str:
        return args.get(name) or ""

    inner = [Control(REFERENCE, "search", given(REFERENCE), before="Query", chinese=True)]
    for f in spec.filters:
        name = f"{REFERENCE}_{f.name}"
        inner.append(
            Control(name, "text", given(name), before=field_label(f), size=8, chinese=True)
        )
    for name, before in ((SINCE, "From"), (UNTIL, "to")):
        inner.append(Control(f"{REFERENCE}_{name}", "date", given(f"{REFERENCE}_{name}"), before))
    legend = "Against (empty: the rest of the corpus)"
    return Control(REFERENCE, "fieldset", before=legend, inner=tuple(inner))


def controls(options: type, current: Mapping[str, Any], args: Any, spec: SchemaSpec):
    """The form fields of a tool's options (``options``, its dataclass), showing the
    ``current`` values and what the URL (``args``) gave."""
    found = []
    for field, term in terms(options):
        if "web" not in term.doors:
            continue
        if term.kind.name == REFERENCE:
            found.append(_reference(args, spec))
            continue
        value = current.get(field.name, field.default)
        found.append(_control(field.name, term, value, args.get(field.name) or "", spec))
    return found
