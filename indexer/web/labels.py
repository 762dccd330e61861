"""Codes in words for the pages: each event type as ``通电话 · phone call``, read from
``indexer/data/event_type_labels.tsv`` (code, Chinese, English). JSON keeps the codes."""

from __future__ import annotations

from functools import cache

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
    return event_type_label(value) if field == "event_type" else value
