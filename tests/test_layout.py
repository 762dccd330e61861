"""The package follows the data path, and the import graph keeps it that way: a lower
layer never imports a higher one, and reading documents never imports Whoosh or jieba."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import indexer

ROOT = Path(indexer.__file__).resolve().parent
#: Layers in the order data flows; a module may import its own layer and those before it.
LAYERS = [
    {
        "indexer.errors",
        "indexer.paths",
        "indexer.bundled",
        "indexer.data",
        "indexer.folding",
        "indexer.lazy",
    },
    {"indexer.documents"},
    {"indexer.analysis"},
    {"indexer.index"},
    {"indexer.search"},
    {"indexer.tools"},
    {"indexer.cli", "indexer.web"},
]
SEARCH_STACK = {"whoosh", "jieba", "rjieba"}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(name: str) -> int | None:
    for number, members in enumerate(LAYERS):
        if any(name == m or name.startswith(m + ".") for m in members):
            return number
    return None


def imports(path: Path, name: str | None = None) -> set[str]:
    """Every module ``path`` (the module ``name``) imports, anywhere in it."""
    name = name or module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                stem = ".".join(base + ([node.module] if node.module else []))
            else:
                stem = node.module or ""
            found.add(stem)
            found |= {f"{stem}.{alias.name}" for alias in node.names}
    return found


def modules() -> list[Path]:
    return sorted(
        p for p in ROOT.rglob("*.py") if "bundled" not in p.parts or p.name == "__init__.py"
    )


def test_every_module_belongs_to_a_layer():
    orphans = [
        module_name(p)
        for p in modules()
        if module_name(p) != "indexer" and layer_of(module_name(p)) is None
    ]
    assert orphans == []


def upward(name: str, targets: set[str]) -> list[str]:
    own = layer_of(name)
    if own is None:  # the package's own __init__: the public facade, imports lazily
        return []
    return sorted(f"{name} imports {t}" for t in targets if (layer_of(t) or 0) > own)


def test_lower_layers_never_import_higher_ones():
    wrong = [line for path in modules() for line in upward(module_name(path), imports(path))]
    assert wrong == []


def test_reading_documents_never_imports_the_search_stack():
    wrong = []
    for path in modules():
        layer = layer_of(module_name(path))
        if layer is not None and layer <= layer_of("indexer.documents"):
            wrong += [
                f"{module_name(path)} imports {t}"
                for t in imports(path)
                if t.split(".")[0] in SEARCH_STACK
            ]
    assert wrong == []


def test_the_layering_check_can_fail(tmp_path):
    """The checker sees upward imports, relative or absolute, even inside functions."""
    probe = tmp_path / "probe.py"
    probe.write_text(
        "from ..analysis import normalize\n"
        "def f():\n    from ..search import service\n    import indexer.cli\n",
        encoding="utf-8",
    )
    found = upward("indexer.documents.probe", imports(probe, "indexer.documents.probe"))
    assert found == [
        "indexer.documents.probe imports indexer.analysis",
        "indexer.documents.probe imports indexer.analysis.normalize",
        "indexer.documents.probe imports indexer.cli",
        "indexer.documents.probe imports indexer.search",
        "indexer.documents.probe imports indexer.search.service",
    ]


def test_pyproject_lists_every_package():
    pyproject_file = Path(__file__).resolve().parent.parent / "pyproject.toml"
    pyproject = tomllib.loads(pyproject_file.read_text(encoding="utf-8"))
    declared = set(pyproject["tool"]["setuptools"]["packages"])
    on_disk = {module_name(p) for p in ROOT.rglob("__init__.py")}
    assert on_disk <= declared
    assert {"indexer.bundled.corpus", "indexer.bundled.schema"} <= declared
