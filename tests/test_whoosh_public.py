"""yulu uses Whoosh through its public API and extension points only (issue 19): no
private Whoosh name (``_``-prefixed) is imported, read, overridden or assigned anywhere
in ``indexer/``, and no attribute of a Whoosh module is assigned (nothing replaced
process-wide). Read from the source, so that a patch anywhere fails here."""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

import whoosh

PACKAGE = Path(__file__).resolve().parent.parent / "indexer"


@cache
def whoosh_private_names() -> frozenset[str]:
    """Every ``_name`` Whoosh's source defines or uses (dunders left out)."""
    names: set[str] = set()
    for path in Path(whoosh.__file__).parent.rglob("*.py"):
        names.update(re.findall(r"\b(_[A-Za-z]\w*)", path.read_text(errors="ignore")))
    return frozenset(n for n in names if not n.startswith("__"))


def whoosh_bindings(tree: ast.Module) -> set[str]:
    """Names a module binds to Whoosh modules and classes (``from whoosh import x``,
    ``import whoosh.y as z``)."""
    bound: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("whoosh"):
            bound.update(alias.asname or alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("whoosh"):
                    bound.add(alias.asname or alias.name.split(".")[0])
    return bound


def base_names(node: ast.ClassDef) -> set[str]:
    return {ast.unparse(base).split(".")[0] for base in node.bases}


def violations(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    private, bound = whoosh_private_names(), whoosh_bindings(tree)
    where = path.relative_to(PACKAGE.parent)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("whoosh"):
            found += [
                f"{where}:{node.lineno}: imports {a.name}"
                for a in node.names
                if a.name.startswith("_")
            ]
        if isinstance(node, ast.Attribute) and node.attr in private:
            owner = ast.unparse(node.value)
            if owner not in ("self", "cls"):
                found.append(f"{where}:{node.lineno}: uses {owner}.{node.attr}")
        if isinstance(node, ast.Assign | ast.AugAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Attribute):
                    root = ast.unparse(target).split(".")[0]
                    if root in bound:
                        found.append(f"{where}:{node.lineno}: assigns {ast.unparse(target)}")
        if isinstance(node, ast.ClassDef) and base_names(node) & bound:
            for inner in ast.walk(node):
                name = None
                if isinstance(inner, ast.FunctionDef) and inner.name in private:
                    name = f"overrides {inner.name}"
                elif (
                    isinstance(inner, ast.Attribute)
                    and ast.unparse(inner.value) in ("self", "cls")
                    and inner.attr in private
                ):
                    name = f"uses self.{inner.attr}"
                if name:
                    found.append(f"{where}:{inner.lineno}: {node.name} {name}")
    return found


def test_no_whoosh_private_name_is_used_anywhere_in_indexer():
    found = [v for path in sorted(PACKAGE.rglob("*.py")) for v in violations(path)]
    assert found == []


def test_the_check_catches_each_kind_of_patch():
    """The scan itself can fail: each way of reaching into Whoosh is reported."""
    sample = PACKAGE / "_sample_for_test.py"
    sample.write_text(
        "from whoosh import matching\n"
        "from whoosh.util.numeric import _length_byte_cache\n"
        "from whoosh.writing import SegmentWriter\n"
        "matching.AndNotMatcher = object\n"
        "class W(SegmentWriter):\n"
        "    def _flush_segment(self):\n"
        "        return self._added\n"
        "def f(ix):\n"
        "    return ix._segments()\n",
        encoding="utf-8",
    )
    try:
        found = violations(sample)
    finally:
        sample.unlink()
    kinds = sorted(v.split(": ", 1)[1] for v in found)
    assert kinds == sorted(
        [
            "imports _length_byte_cache",
            "assigns matching.AndNotMatcher",
            "W overrides _flush_segment",
            "W uses self._added",
            "uses ix._segments",
        ]
    )
