"""The manifest: what an index generation was built from, and whether this version of
yulu can use it."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from importlib.metadata import PackageNotFoundError, version

INDEX_FORMAT = 2
#: What must be equal for a generation to be read, or extended, by this version.
COMPATIBILITY = ("format", "schema", "analyzer", "gazetteer")


def yulu_version() -> str:
    try:
        return version("yulu")
    except PackageNotFoundError:  # a source checkout that is not installed
        return "0+unknown"


@dataclass
class FileEntry:
    sha256: str
    size: int
    mtime_ns: int
    quotes: int = 0


@dataclass
class Manifest:
    """What an index generation was built from."""

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

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=1)

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        data = json.loads(text)
        data["files"] = {k: FileEntry(**v) for k, v in data["files"].items()}
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
