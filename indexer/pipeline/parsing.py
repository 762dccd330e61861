"""Documents → records, for a build: each changed document read once (see
:mod:`indexer.pipeline.snapshot`), parsed, and its quotes handed on one at a time,
with what the manifest records of it and the parser's diagnostics kept aside."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..documents.metadata import Metadata
from ..documents.parser import Parser
from ..index.manifest import FileEntry
from ..index.stopping import check as check_stop
from ..records.quotes import Diagnostic, Quote
from . import snapshot


@dataclass
class Parsed:
    """What parsing the changed documents gave: quotes per document, what the manifest
    records of each (fingerprinted from the bytes parsed), diagnostics, and the
    documents that changed while they were read."""

    quotes: dict[str, int] = field(default_factory=dict)
    entries: dict[str, FileEntry] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)


def parsed_quotes(
    names: list[str], parser: Parser, parsed: Parsed, defaults: Metadata | None = None
) -> Iterator[tuple[str, Quote]]:
    """Each quote of the documents ``names`` with its document, parsed one document at a
    time, each read once (see :mod:`indexer.pipeline.snapshot`; counts, fingerprints and
    diagnostics go to ``parsed``); ``defaults`` for what a document does not say."""
    for name in names:
        check_stop()
        shot = snapshot.take(Path(name))
        result = parser.parse_document(shot.document, shot.metadata, defaults)
        parsed.quotes[name] = len(result.quotes)
        parsed.entries[name], changed = shot.settle()
        if changed:
            parsed.changed.append(name)
        parsed.diagnostics += result.diagnostics
        for quote in result.quotes:
            yield name, quote
