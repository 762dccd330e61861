"""The docs cannot drift: the examples of docs/library.md run."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parent.parent / "docs"


def python_blocks(page: Path) -> list[str]:
    return re.findall(r"```python\n(.*?)```", page.read_text(encoding="utf-8"), re.S)


def test_the_library_examples_run(seed_index_dir):
    pytest.importorskip("pandas")
    from indexer.paths import bundled_corpus

    blocks = python_blocks(DOCS / "library.md")
    assert len(blocks) >= 5
    scope = {"path_to_index": seed_index_dir, "bundled_corpus": bundled_corpus()}
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        for block in blocks:
            exec(compile(block, "docs/library.md", "exec"), scope)
    assert "{'俄罗斯': 1}" in out.getvalue()
