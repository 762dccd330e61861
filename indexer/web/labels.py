"""Fields and codes in words for the pages: each field by its label in the declaration
(``schema/quotes.toml``), the link of a quote's value to the search filtered by it (by
the filter field declared from that attribute of the record, whatever its name), and
each event type as ``通电话 · phone call``, read from
``indexer/data/event_type_labels.tsv`` (code, Chinese, English). JSON keeps the codes."""

from __future__ import annotations

from functools import cache

from ..index.declaration import FieldSpec, SchemaSpec, load_spec
from ..paths import data_dir

LABELS_FILE = "event_type_labels.tsv"


@cache
def event_type_labels() -> dict[str, tuple[str, str]]:
    """Each event type code with its Chinese and English words."""
    labels = {}
    text = (data_dir() / LABELS_FILE).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            code, chinese, english = line.split("\t")
            labels[code] = (chinese, english)
    return labels


def event_type_label(code: str | None) -> str:
    """``通电话 · phone call`` for ``phone_call``; a code the file lacks as it is."""
    if not code:
        return ""
    words = event_type_labels().get(code)
    return f"{words[0]} · {words[1]}" if words else code


def value_label(field: str, value: str) -> str:
    """A facet or filter value as a page shows it (event types in words)."""
    spec = load_spec()
    declared = field in spec and spec[field].choices == "@event_types"
    return event_type_label(value) if declared else value


def field_label(spec: FieldSpec) -> str:
    """How the pages name a field: its ``label`` in the declaration, else its name
    (``event_type`` → ``Event type``)."""
    return spec.label or spec.name.replace("_", " ").capitalize()


def label_of(schema: SchemaSpec, name: str) -> str:
    """The label of the field ``name`` of ``schema`` (a name it lacks, made readable)."""
    if name in schema:
        return field_label(schema[name])
    return name.replace("_", " ").capitalize()


def filter_field(source: str) -> str | None:
    """The name of the filter field declared from the record's attribute ``source``
    (``leader``, ``counterparts.name``), or None when no filter is."""
    return next((f.name for f in load_spec().filters if f.source == source), None)


def source_label(source: str) -> str:
    """How the pages name the field declared from the record's attribute ``source``."""
    spec = load_spec()
    found = next((f for f in spec.fields if f.source == source), None)
    return field_label(found) if found else source.replace("_", " ").capitalize()


def filter_url(source: str, value: str | None) -> str:
    """The search page filtered by ``value`` of the field declared from ``source``, or
    '' when no filter field is (or there is no value)."""
    from flask import url_for

    name = filter_field(source)
    return url_for("search_page", **{name: value}) if name and value else ""
