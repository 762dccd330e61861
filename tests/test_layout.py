"""The package follows the data path, and the import graph keeps it that way: a lower
layer never imports a higher one, the index never imports the documents layer (the
parser and its readers: the pipeline hands the index its records), no two parts import
each other, and reading documents never imports Whoosh or jieba."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import indexer

ROOT = Path(indexer.__file__).resolve().parent
#: Layers in the order data flows; a module may import its own layer and those before it.
LAYERS = [
    # the ground floor: errors, where files live, the bundled data, lazy imports
    {"indexer.errors", "indexer.paths", "indexer.bundled", "indexer.data", "indexer.lazy"},
    # text basics: folding, numerals, normalisation and segmentation
    {"indexer.folding", "indexer.numerals", "indexer.analysis"},
    # the record types and the reference tables (gazetteer, layout cues)
    {"indexer.records"},
    # documents in, records out: the readers and the parser
    {"indexer.documents"},
    # records in, a searchable index out: schema, writer, sidecars, store, opening
    {"indexer.index"},
    # documents → parser → index: builds, the corpus's freshness, opening with both
    {"indexer.pipeline"},
    {"indexer.search"},
    {"indexer.tools"},
    {"indexer.cli", "indexer.web"},
]
#: (importer, imported): parts that may not import each other whatever their layers.
APART = [("indexer.index", "indexer.documents")]
SEARCH_STACK = {"whoosh", "jieba", "rjieba"}
#: What reading documents may load: every part up to the documents, but the analysis.
LIGHT = ["indexer.documents", "indexer.records", "indexer.folding", "indexer.numerals", *LAYERS[0]]


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def within(name: str, part: str) -> bool:
    return name == part or name.startswith(part + ".")


def layer_of(name: str) -> int | None:
    for number, members in enumerate(LAYERS):
        if any(within(name, m) for m in members):
            return number
    return None


def part_of(name: str) -> str | None:
    """The layer member ``name`` belongs to (``indexer.index``, ``indexer.folding``…)."""
    return next((m for layer in LAYERS for m in layer if within(name, m)), None)


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


def graph() -> dict[str, set[str]]:
    """Each module of the package and what it imports."""
    return {module_name(p): imports(p) for p in modules()}


def test_every_module_belongs_to_a_layer():
    orphans = [name for name in graph() if name != "indexer" and layer_of(name) is None]
    assert orphans == []


def upward(name: str, targets: set[str]) -> list[str]:
    own = layer_of(name)
    if own is None:  # the package's own __init__: the public facade, imports lazily
        return []
    wrong = {t for t in targets if (layer_of(t) or 0) > own}
    wrong |= {t for t in targets for a, b in APART if within(name, a) and within(t, b)}
    return sorted(f"{name} imports {t}" for t in wrong)


def test_lower_layers_never_import_higher_ones():
    wrong = [line for name, targets in graph().items() for line in upward(name, targets)]
    assert wrong == []


def test_the_index_never_imports_the_documents_layer():
    wrong = [
        f"{name} imports {t}"
        for name, targets in graph().items()
        if within(name, "indexer.index")
        for t in targets
        if within(t, "indexer.documents")
    ]
    assert wrong == []


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The import cycles of ``edges`` (one path per cycle found by a depth-first walk)."""
    found, done, path = [], set(), []

    def visit(node: str) -> None:
        if node in path:
            found.append([*path[path.index(node) :], node])
            return
        if node in done:
            return
        path.append(node)
        for target in sorted(edges.get(node, ())):
            visit(target)
        path.pop()
        done.add(node)

    for node in sorted(edges):
        visit(node)
    return found


#: Parts counted as one node by the cycle check: none. The web reads its URL parameters
#: with the request vocabulary, not the command line's click types, so the doors import
#: each other in one direction only (``yulu serve`` starts the web door).
ONE_NODE: dict[str, str] = {}


def part_graph() -> dict[str, set[str]]:
    """Which parts (the layers' members) import which others."""
    edges: dict[str, set[str]] = {}
    for name, targets in graph().items():
        own = node_of(name)
        if own is not None:
            edges.setdefault(own, set()).update(
                node for t in targets if (node := node_of(t)) not in (None, own)
            )
    return edges


def node_of(name: str) -> str | None:
    part = part_of(name)
    return ONE_NODE.get(part, part) if part else None


def test_no_two_parts_import_each_other():
    assert cycles(part_graph()) == []


def search_stack_reached(edges: dict[str, set[str]], name: str) -> list[str]:
    """The search-stack modules ``name`` imports, itself or through the package's modules
    it imports (down the graph ``edges``)."""
    wrong, seen, todo = [], {name}, [name]
    while todo:
        current = todo.pop()
        for t in sorted(edges.get(current, ())):
            if t.split(".")[0] in SEARCH_STACK:
                wrong.append(f"{name} imports {t} (through {current})")
            elif t in edges and t not in seen:
                seen.add(t)
                todo.append(t)
    return wrong


def test_reading_documents_never_imports_the_search_stack():
    """Nor does anything it imports, down the graph (the analysis is not among it)."""
    edges = graph()
    light = [name for name in edges if any(within(name, part) for part in LIGHT)]
    assert [line for name in light for line in search_stack_reached(edges, name)] == []


def test_the_layering_check_can_fail(tmp_path):
    """The checker sees upward imports, relative or absolute, even inside functions, an
    import of the documents layer from the index, a cycle, and the search stack reached
    through another module."""
    probe = tmp_path / "probe.py"
    probe.write_text(
        "from ..pipeline import build\n"
        "def f():\n    from ..search import service\n    import indexer.cli\n",
        encoding="utf-8",
    )
    found = upward("indexer.documents.probe", imports(probe, "indexer.documents.probe"))
    assert found == [
        "indexer.documents.probe imports indexer.cli",
        "indexer.documents.probe imports indexer.pipeline",
        "indexer.documents.probe imports indexer.pipeline.build",
        "indexer.documents.probe imports indexer.search",
        "indexer.documents.probe imports indexer.search.service",
    ]
    probe.write_text("from ..documents.parser import Parser\n", encoding="utf-8")
    assert upward("indexer.index.probe", imports(probe, "indexer.index.probe")) == [
        "indexer.index.probe imports indexer.documents.parser",
        "indexer.index.probe imports indexer.documents.parser.Parser",
    ]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]
    assert cycles({"a": {"b"}, "b": {"c"}}) == []
    edges = {"d": {"e"}, "e": {"whoosh.index"}}
    assert search_stack_reached(edges, "d") == ["d imports whoosh.index (through e)"]


def test_pyproject_lists_every_package():
    pyproject_file = Path(__file__).resolve().parent.parent / "pyproject.toml"
    pyproject = tomllib.loads(pyproject_file.read_text(encoding="utf-8"))
    declared = set(pyproject["tool"]["setuptools"]["packages"])
    on_disk = {module_name(p) for p in ROOT.rglob("__init__.py")}
    assert on_disk <= declared
    assert {"indexer.bundled.corpus", "indexer.bundled.schema"} <= declared


#: Issue 19: modules under 300 lines, functions under 60 (split by responsibility).
MAX_MODULE_LINES, MAX_FUNCTION_LINES = 300, 60


def oversized(root: Path) -> list[str]:
    """The modules under ``root`` longer than :data:`MAX_MODULE_LINES`, and the
    functions (methods included) longer than :data:`MAX_FUNCTION_LINES`."""
    found = []
    for path in sorted(root.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        lines = len(source.splitlines())
        if lines > MAX_MODULE_LINES:
            found.append(f"{path.relative_to(root)}: {lines} lines")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    found.append(f"{path.relative_to(root)}: {node.name}() {length} lines")
    return found


def test_modules_and_functions_stay_small():
    assert oversized(ROOT) == []


def test_the_size_check_can_fail(tmp_path):
    body = "\n".join(f"    x{i} = {i}" for i in range(61))
    (tmp_path / "big.py").write_text(f"def long():\n{body}\n" + "\n" * 240, encoding="utf-8")
    assert oversized(tmp_path) == ["big.py: 302 lines", "big.py: long() 62 lines"]
