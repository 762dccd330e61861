"""What a command loads before it answers, and what importing yulu does: each ``yulu``
run is a new Python, so its imports are part of every answer's time (see the README's
benchmark section). A search declares only its own command; importing yulu adds its own
modules and changes nothing else (no import hook, nothing patched)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile

from indexer.cli.app import COMMANDS

#: Where the subprocesses run: ``python -c`` puts its working directory first on the
#: path, and in a checkout that would import the source tree rather than the installed
#: package the tests (and the index fixtures) use.
OUTSIDE = tempfile.gettempdir()


def run(*argv: str, **options) -> subprocess.CompletedProcess:
    """A command run outside the checkout, its output captured as text."""
    return subprocess.run(argv, capture_output=True, cwd=OUTSIDE, text=True, **options)


def run_python(code: str, **options) -> subprocess.CompletedProcess:
    return run(sys.executable, "-c", code, **options)


def python(code: str, **options) -> str:
    """The last line ``code`` prints (it must succeed)."""
    done = run_python(code, **options)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


def test_a_search_loads_only_its_own_command_and_not_jieba(seed_index_dir):
    """A search cuts its query with yulu's cutter: jieba (and the ``pkg_resources`` it
    imports, 150-200 ms) is loaded by builds only."""
    code = (
        "import sys, json\n"
        "from indexer.cli.entry import run\n"
        f"sys.argv = ['yulu', 'search', '合作', '--index-dir', {str(seed_index_dir)!r}]\n"
        "try:\n    run()\nexcept SystemExit as exc:\n    assert not exc.code, exc.code\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('indexer.cli.')"
        " or m in ('jieba', 'pkg_resources'))))"
    )
    python(code)  # the first search in a fresh cache writes the mapped query dictionary
    loaded = json.loads(python(code))
    assert loaded == [
        "indexer.cli.app",
        "indexer.cli.entry",
        "indexer.cli.options",
        "indexer.cli.output",
        "indexer.cli.render",
        "indexer.cli.searching",
        "indexer.cli.terms",
        "indexer.cli.usage",
    ]


def test_importing_indexer_changes_nothing_but_adds_its_own_modules():
    """``import indexer`` adds its own modules (and the standard library's few it needs)
    to ``sys.modules`` and nothing else: no third-party module, no import hook, no module
    replaced or removed, no environment variable set.

    The child runs with ``-S`` and the package's own folder on its path, so what an
    editable install's finder or a site hook preloads cannot hide (or add) a module."""
    import indexer

    code = (
        "import sys, os, json\n"
        "before = dict(sys.modules); hooks = list(sys.meta_path); env = dict(os.environ)\n"
        "import indexer\n"
        "added = sorted(set(sys.modules) - set(before))\n"
        "changed = sorted(n for n, m in before.items() if sys.modules.get(n) is not m)\n"
        "print(json.dumps([added, changed, sys.meta_path == hooks, dict(os.environ) == env]))"
    )
    home = os.path.dirname(os.path.dirname(indexer.__file__))
    done = run(sys.executable, "-S", "-c", code, env={**os.environ, "PYTHONPATH": home})
    assert done.returncode == 0, done.stderr
    added, changed, same_hooks, same_env = json.loads(done.stdout.strip().splitlines()[-1])
    own = [name for name in added if name == "indexer" or name.startswith("indexer.")]
    foreign = [
        name
        for name in added
        if name not in own and name.split(".")[0] not in sys.stdlib_module_names
    ]
    assert "indexer" in own and foreign == [], foreign
    assert changed == [] and same_hooks and same_env


def test_importing_every_module_leaves_whoosh_and_the_import_system_as_they_were():
    """Importing all of yulu replaces no Whoosh class or function and edits nothing in
    ``sys.modules`` beyond adding modules (no ``pkg_resources = None`` left behind)."""
    code = (
        "import sys, json, pkgutil, importlib\n"
        "import whoosh.matching, whoosh.writing, whoosh.filedb.structfile, whoosh.multiproc\n"
        "import whoosh.codec.whoosh3 as w3\n"
        "def snapshot():\n"
        "    found = {}\n"
        "    for mod in (whoosh.matching, whoosh.writing, whoosh.filedb.structfile,\n"
        "                whoosh.multiproc, w3):\n"
        "        for name, value in vars(mod).items():\n"
        "            found[mod.__name__ + '.' + name] = id(value)\n"
        "            for attr, member in vars(value).items() if isinstance(value, type) else ():\n"
        "                found[mod.__name__ + '.' + name + '.' + attr] = id(member)\n"
        "    return found\n"
        "before, hooks = snapshot(), list(sys.meta_path)\n"
        "import indexer\n"
        "for info in pkgutil.walk_packages(indexer.__path__, 'indexer.'):\n"
        "    importlib.import_module(info.name)\n"
        "after = snapshot()\n"
        "nones = sorted(n for n, m in sys.modules.items() if m is None)\n"
        "print(json.dumps([sorted(k for k in before if after.get(k) != before[k]),\n"
        "    sys.meta_path == hooks, nones]))"
    )
    changed, same_hooks, nones = json.loads(python(code))
    assert changed == [] and same_hooks and nones == []


def test_the_command_table_names_every_command_and_its_module():
    from indexer.cli import main  # the group with every command declared

    declared = {name: command.callback.__module__ for name, command in main.commands.items()}
    assert declared == {name: f"indexer.cli.{module}" for name, module in COMMANDS.items()}


def test_the_console_script_keeps_numpys_blas_to_one_thread_unless_told():
    code = (
        "import os, sys\n"
        "from indexer.cli.entry import run\n"
        "sys.argv = ['yulu', '--version']\n"
        "try:\n    run()\nexcept SystemExit:\n    pass\n"
        "print(os.environ.get('OPENBLAS_NUM_THREADS'))"
    )
    assert python(code) == "1"
    assert python(code, env={**__import__("os").environ, "OPENBLAS_NUM_THREADS": "2"}) == "2"


def test_the_console_script_leaves_with_the_commands_status_and_all_its_output(
    seed_index_dir, seed, tmp_path
):
    """The console script skips Python's teardown at exit: the command's exit status and
    every byte of its output must survive that."""
    import os
    from pathlib import Path

    yulu = [str(Path(sys.executable).parent / "yulu")]
    (tmp_path / "paper.pdf").write_bytes(b"%PDF")
    where = ["--index-dir", str(seed_index_dir)]
    records = run(*yulu, "parse")
    assert records.returncode == 0, records.stderr
    ids = [json.loads(line)["id"] for line in records.stdout.splitlines()]
    assert ids == [q.id for q in seed.quotes]  # ~100 KB through a pipe, all of it
    found = run(*yulu, "search", "合作", "--json", *where)
    assert found.returncode == 0 and json.loads(found.stdout)["total"] > 0
    for args, status in [
        (["search", "--limit", "-1", *where], 2),  # a usage error
        (["show", "no-such-id", *where], 1),  # yulu's own error
        (["parse", str(tmp_path / "paper.pdf")], 1),  # a format yulu does not read
    ]:
        done = run(*yulu, *args)
        assert done.returncode == status, (args, done.stderr)
        assert done.stderr.startswith("Error: ") and done.stderr.count("\n") == 1, done.stderr
    interrupted = (
        "import sys\nfrom indexer.cli import app, entry\n"
        "def stop(*args):\n    raise KeyboardInterrupt\n"
        "app.reject_undecodable = stop\nsys.argv = ['yulu', 'search', '合作']\nentry.console()"
    )
    done = run_python(interrupted)
    assert (done.returncode, done.stderr) == (130, "yulu: interrupted\n")
    unflushed = (
        "import sys\nfrom indexer.cli import entry\nsys.stdout.write('x' * 5000)\n"
        "entry._finished('a message')\nentry._leave_without_teardown()\nprint('not reached')"
    )
    buffered = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    done = run_python(unflushed, env=buffered)
    assert (done.returncode, done.stdout) == (1, "x" * 5000)  # (less than a buffer)
    then = (
        "import sys\nfrom indexer.cli import entry\nsys.argv = ['yulu', '--version']\n"
        "try:\n    entry.run()\nexcept SystemExit:\n    pass\nraise SystemExit(5)"
    )  # a program that goes on after the command line: Python's own exit, its status
    assert run_python(then).returncode == 5


def test_an_unknown_command_is_one_line_with_the_commands_it_may_mean():
    code = "import sys\nfrom indexer.cli import entry\nsys.argv = ['yulu', 'serch']\nentry.run()"
    done = run_python(code)
    assert done.returncode == 2
    assert done.stderr == (
        "Error: No such command 'serch'. (Did you mean one of: 'search', 'serve'?)\n"
    )
