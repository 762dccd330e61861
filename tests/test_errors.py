"""Errors that tell the truth: what happened, not a guess."""

from __future__ import annotations

import pytest

from indexer.errors import IndexOutdated, YuluError


@pytest.mark.parametrize(
    ("failure", "message"),
    [
        (PermissionError(13, "Permission denied", "/ix/g1/MAIN_x.seg"), "permission denied"),
        (EOFError("truncated"), "is damaged (EOFError)"),
    ],
)
def test_opening_a_searcher_says_what_went_wrong(seed_index_dir, monkeypatch, failure, message):
    from indexer.pipeline.opening import open_index
    from indexer.search.service import QuoteIndex

    handle = open_index(seed_index_dir)

    def fail():
        raise failure

    monkeypatch.setattr(handle.whoosh, "searcher", fail)
    with pytest.raises(YuluError) as info:
        QuoteIndex(handle)
    assert message in str(info.value) and "\n" not in str(info.value)
    assert isinstance(info.value, IndexOutdated) == (message != "permission denied")


@pytest.mark.parametrize("edit", ["[fields.id]\nbogus = 1\n", 'kind = "storedx"'])
def test_a_broken_declaration_is_one_line_from_the_console_script(tmp_path, edit):
    """A command declares its options from the schema when it is first used (its help
    listed, or the command run): the console script turns a broken declaration into one
    line, exit 1; ``--version`` needs no declaration."""
    import subprocess
    import sys

    from indexer.paths import schema_file

    text = schema_file().read_text(encoding="utf-8")
    if edit.startswith("[fields.id]"):
        text = text.replace("[fields.id]\n", edit, 1)
    else:
        text = text.replace('kind = "stored"', edit, 1)
    assert text != schema_file().read_text(encoding="utf-8")
    broken = tmp_path / "quotes.toml"
    broken.write_text(text, encoding="utf-8")
    for args, code in [
        (["search", "合作"], 1),
        (["--help"], 1),
        (["trend", "--help"], 1),
        (["--version"], 0),
    ]:
        script = (
            "import sys; from indexer.index import declaration; "
            f"declaration.schema_file = lambda: __import__('pathlib').Path({str(broken)!r}); "
            f"sys.argv = ['yulu', *{args!r}]; from indexer.cli.entry import run; run()"
        )
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
        assert done.returncode == code, (args, done.stderr)
        if code:
            assert done.stderr.startswith("Error: ") and done.stderr.count("\n") == 1, args
            assert "Traceback" not in done.stderr


def test_ctrl_c_while_the_arguments_are_read_is_exit_130_not_aborted(seed_index_dir, monkeypatch):
    """Click would print ``Aborted!`` and exit 1 for a Ctrl-C before the command runs."""
    from click.testing import CliRunner

    from indexer.cli import app, main
    from indexer.cli.options import IsoDay

    def interrupted(*args):
        raise KeyboardInterrupt

    given = ["search", "合作", "--since", "2020-03-01", "--index-dir", str(seed_index_dir)]
    for where, name in [(IsoDay, "convert"), (app, "reject_undecodable")]:
        with monkeypatch.context() as patch:
            patch.setattr(where, name, interrupted)  # in the command's, then the group's
            result = CliRunner().invoke(main, given)
        assert (result.exit_code, result.stderr) == (130, "yulu: interrupted\n"), name


@pytest.mark.parametrize("only", ["", ".toc"])  # the whole folder; Whoosh's own files
def test_an_unreadable_index_directory_is_one_line_with_the_fix(
    seed_index_dir, tmp_path, monkeypatch, only
):
    """What a user who may not read the index meets (simulated: the tests run as root,
    whom permissions do not stop): click does not refuse the option, and the first read
    inside the index is reported as missing permission, not as damage."""
    import builtins
    import errno
    import io
    import os
    import shutil

    from click.testing import CliRunner

    from indexer.cli import main

    index = tmp_path / "ix"
    shutil.copytree(seed_index_dir, index)
    inside = str(index) + os.sep

    def denied(path) -> bool:
        if not isinstance(path, (str, os.PathLike)):
            return False
        name = os.fspath(path)
        return name.startswith(inside) and (name.endswith(only) or name.endswith(os.sep))

    def guard(real):
        def call(path, *args, **kwargs):
            if denied(path):
                raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
            return real(path, *args, **kwargs)

        return call

    for module, name in [(builtins, "open"), (io, "open"), (os, "open")]:
        monkeypatch.setattr(module, name, guard(getattr(module, name)))
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, m, *a, **k: not denied(os.fspath(p) + os.sep)
                        and real_access(p, m, *a, **k))  # fmt: skip
    result = CliRunner().invoke(main, ["search", "合作", "--index-dir", str(index)])
    assert result.exit_code == 1, result.stderr
    assert result.stderr.count("\n") == 1 and "permission denied" in result.stderr
    assert "damaged" not in result.stderr and "Invalid value" not in result.stderr
