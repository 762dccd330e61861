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


ROOT = DOCS.parent
#: Pages written on another branch, linked before they land.
PENDING = {DOCS / "reliability.md"}


def test_the_option_reference_is_current():
    from indexer.cli.helpdoc import MARKER, reference

    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    assert MARKER in text
    assert text.split(MARKER, 1)[1] == reference().split(MARKER, 1)[1], (
        "docs/cli.md is out of date: python -m indexer.cli.helpdoc docs/cli.md"
    )


def test_the_readme_is_a_short_front_door():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) < 250
    for command in (  # the set-up commands and the soak, exactly
        "python3 -m venv .venv && .venv/bin/pip install . && "
        ".venv/bin/yulu search 人类命运共同体 --counterpart 普京",
        "python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && .venv/bin/pytest",
        "YULU_SOAK_ROUNDS=30 .venv/bin/pytest -m soak",
    ):
        assert f"\n{command}\n" in readme
    for page in ("cli", "web", "formats", "library", "internals", "benchmarks", "reliability"):
        assert f"(docs/{page}.md)" in readme
    assert "(CONTRIBUTING.md)" in readme


def anchors(page: Path) -> set[str]:
    """GitHub's anchors for the headings of a Markdown page."""
    found = set()
    for heading in re.findall(r"^#+ (.+)$", page.read_text(encoding="utf-8"), re.M):
        slug = re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
        found.add(slug)
    return found


@pytest.mark.parametrize(
    "page",
    [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *sorted(DOCS.glob("*.md"))],
    ids=lambda p: p.name,
)
def test_every_link_leads_somewhere(page):
    text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.S)
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"[a-z]+:", target):
            continue  # another site
        path, _, anchor = target.partition("#")
        linked = (page.parent / path).resolve() if path else page
        if linked in PENDING:
            continue
        assert linked.exists(), f"{page.name}: {target}"
        if anchor and linked.suffix == ".md":
            assert anchor in anchors(linked), f"{page.name}: {target}"


def test_the_readme_example_runs():
    pytest.importorskip("pandas")
    [block] = python_blocks(ROOT / "README.md")
    scope: dict = {}
    exec(compile(block, "README.md", "exec"), scope)
    assert len(scope["frame"]) == scope["hits"].total > 10
