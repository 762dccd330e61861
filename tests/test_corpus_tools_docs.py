"""The worked examples of docs/corpus-tools.md are what the commands print on the
bundled corpus: each ``$ yulu …`` line of a code block is run and its output compared."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from indexer.cli import main

DOC = Path(__file__).parent.parent / "docs" / "corpus-tools.md"


def examples() -> list[tuple[str, str]]:
    found = []
    for block in re.findall(r"```\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S):
        for part in re.split(r"^\$ ", block, flags=re.M)[1:]:
            command, _, output = part.partition("\n")
            found.append((command, output.rstrip("\n")))
    return found


def test_there_is_an_example_of_each_tool():
    commands = {shlex.split(command)[1] for command, _ in examples()}
    assert {"words", "collocates", "clusters", "dispersion", "keywords", "kwic"} <= commands


@pytest.mark.parametrize(("command", "output"), examples())
def test_the_example_prints_what_the_doc_shows(seed_index_dir, command, output):
    args = shlex.split(command)[1:]
    result = CliRunner().invoke(main, [args[0], "--index-dir", str(seed_index_dir), *args[1:]])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.rstrip("\n") == output
