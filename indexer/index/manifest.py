"""The manifest: what an index generation was built from, and whether this version of
yulu can use it."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field, fields, is_dataclass
from typing import Any

#: 3: checksums of the index files and of the manifest itself. 4: each segment's
#: sidecar (suffix array, word postings, field values, dates) beside it. 5: the
#: generation's remark table (``remarks.npy``: which quotes are one remark), records
#: stored compressed, segments as separate files. 6: records and identifiers in
#: Whoosh columns of bytes, no stored fields (Whoosh pickles those). 7: each date one
#: term, not eight tiers.
INDEX_FORMAT = 8
#: What must be equal for a generation to be read, or extended, by this version.
COMPATIBILITY = ("format", "schema", "analyzer", "gazetteer")


def yulu_version() -> str:
    """The release of yulu (``indexer.__version__``, which the build also reads: no
    package metadata to look up, which costs a search ~0.07 s of imports)."""
    from .. import __version__

    return __version__


@dataclass
class FileEntry:
    sha256: str
    size: int
    mtime_ns: int
    quotes: int = 0


@dataclass
class Checksum:
    """A file of the generation as it was written: its size and SHA-256, and its
    modification time when it was hashed (None in manifests written before it was
    recorded): a large file whose time differs is hashed again when the index opens."""

    size: int
    sha256: str
    mtime_ns: int | None = None


@dataclass
class Manifest:
    """What an index generation was built from, and a checksum of each of its files.
    ``digest`` is the SHA-256 of the rest of the manifest, so a manifest that was
    changed or cut short is told from one written by yulu."""

    format: int
    yulu: str
    schema: str
    analyzer: int
    gazetteer: str
    corpus: list[str]
    files: dict[str, FileEntry] = field(default_factory=dict)
    quotes: int = 0
    segmenter_total: int = 0
    built: str = ""
    checksums: dict[str, Checksum] = field(default_factory=dict)
    #: ``--title``, ``--year``, ``--leader`` given to the build (for documents that do not
    #: say them), remembered so that a bare ``yulu index`` uses them again.
    defaults: dict[str, str | int] = field(default_factory=dict)
    digest: str = ""

    def _body(self) -> dict:
        data = _plain(self)
        del data["digest"]
        return data

    def compute_digest(self) -> str:
        return body_digest(self._body())

    def to_json(self) -> str:
        """The manifest with its digest (computed afresh)."""
        self.digest = self.compute_digest()
        return json.dumps(asdict(self), ensure_ascii=False, indent=1)

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        """Read a manifest; ValueError, TypeError or KeyError if it is not one."""
        return cls.from_data(json.loads(text))

    @classmethod
    def from_data(cls, data: Any) -> Manifest:
        """A manifest from its parsed JSON (which this takes over); ValueError, TypeError
        or KeyError if it is not one."""
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
        data["files"] = {k: FileEntry(**v) for k, v in data["files"].items()}
        data["checksums"] = {k: Checksum(**v) for k, v in data.get("checksums", {}).items()}
        return cls(**data)

    def differs_from(self, other: Manifest) -> str | None:
        """The first compatibility key on which the two manifests differ, if any."""
        return next((k for k in COMPATIBILITY if getattr(self, k) != getattr(other, k)), None)


def expected_manifest(corpus: list[str], gazetteer_fingerprint: str) -> Manifest:
    """The manifest this version of yulu writes for ``corpus`` (before any files)."""
    from ..analysis.tokenizers import ANALYZER_VERSION
    from .declaration import load_spec

    return Manifest(
        format=INDEX_FORMAT,
        yulu=yulu_version(),
        schema=load_spec().fingerprint,
        analyzer=ANALYZER_VERSION,
        gazetteer=gazetteer_fingerprint,
        corpus=corpus,
    )


def body_digest(body: dict[str, Any]) -> str:
    """The SHA-256 of a manifest's fields but its digest, as JSON-ready data: computed
    on the parsed file when one is read (its dataclasses need not be turned back into
    data to check it)."""
    text = json.dumps(body, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _plain(value: Any) -> Any:
    """``value`` as JSON-ready data, as :func:`dataclasses.asdict` gives it (which copies
    every value on the way: a tenth of a second for a thousand files, on every search)."""
    if is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value
