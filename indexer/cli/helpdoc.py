"""The option reference at the end of ``docs/cli.md``, generated from the commands' own
``--help``: ``python -m indexer.cli.helpdoc docs/cli.md`` rewrites the file from
:data:`MARKER` on (the guide above it is written by hand), and a test fails when the
file is not what this gives."""

from __future__ import annotations

import sys
from pathlib import Path

import click

#: The width help is laid out at, whatever the terminal.
WIDTH = 88
#: Where the generated part of docs/cli.md starts.
MARKER = "<!-- generated below: python -m indexer.cli.helpdoc docs/cli.md -->"

HEAD = """## Option reference

Every command with its options, exactly as `yulu COMMAND --help` prints them.
"""


def help_text(command: click.Command, name: str, parent: click.Context | None = None) -> str:
    """``command``'s ``--help`` as ``yulu NAME --help`` prints it, :data:`WIDTH` wide."""
    ctx = click.Context(
        command, info_name=name, parent=parent, terminal_width=WIDTH, max_content_width=WIDTH
    )
    return command.get_help(ctx)


def reference() -> str:
    """The generated part of docs/cli.md: the marker, the group's help, then each
    command's, in order."""
    from . import main

    root = click.Context(main, info_name="yulu", terminal_width=WIDTH, max_content_width=WIDTH)
    parts = [MARKER, "", HEAD, "### yulu", "", "```text", help_text(main, "yulu"), "```", ""]
    for name in main.list_commands(root):
        command = main.get_command(root, name)
        if command is None or command.hidden:
            continue
        parts += [f"### yulu {name}", "", "```text", help_text(command, name, root), "```", ""]
    return "\n".join(parts)


def rewrite(path: Path) -> None:
    """Replace everything from :data:`MARKER` on in ``path`` (or append it)."""
    text = path.read_text(encoding="utf-8")
    guide = text.split(MARKER, 1)[0].rstrip("\n")
    path.write_text(f"{guide}\n\n{reference()}", encoding="utf-8")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m indexer.cli.helpdoc docs/cli.md")
    rewrite(Path(sys.argv[1]))
