"""What a command loads before it answers: each ``yulu`` run is a new Python, so its
imports are part of every answer's time (see the README's benchmark section). A search
declares only its own command, imports Whoosh without ``urllib.request`` and
``asyncio`` (:mod:`indexer.lean`), and the stand-ins that make that possible hand over
to the real modules whenever they are used after all."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile

from indexer.cli.app import COMMANDS

#: Where the subprocesses run: ``python -c`` puts its working directory first on the
#: path, and in a checkout that would import the source tree rather than the installed
#: package the tests (and the index fixtures) use.
OUTSIDE = tempfile.gettempdir()

#: What Whoosh and its ``cached_property`` would import and a search never uses.
UNUSED = ["urllib.request", "http.client", "asyncio", "email.parser", "ssl"]


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


def test_a_search_loads_neither_the_other_commands_nor_whooshs_unused_imports(seed_index_dir):
    code = (
        "import sys, json\n"
        "from indexer.cli.entry import run\n"
        f"sys.argv = ['yulu', 'search', '合作', '--index-dir', {str(seed_index_dir)!r}]\n"
        "try:\n    run()\nexcept SystemExit as exc:\n    assert not exc.code, exc.code\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('indexer.cli.')"
        f" or m in {UNUSED!r})))"
    )
    loaded = json.loads(python(code))
    assert loaded == [
        "indexer.cli.app",
        "indexer.cli.entry",
        "indexer.cli.options",
        "indexer.cli.output",
        "indexer.cli.render",
        "indexer.cli.searching",
    ]


def test_the_stand_ins_hand_over_to_the_real_modules(tmp_path):
    source = tmp_path / "source.txt"
    source.write_text("copied", encoding="utf-8")
    code = (
        "import sys, json\n"
        "import indexer.search.service  # Whoosh imported through indexer.lean's hook\n"
        "import whoosh.query, whoosh.compat, cached_property\n"
        "before = [m in sys.modules for m in ('urllib.request', 'asyncio')]\n"
        f"whoosh.compat.urlretrieve({source.as_uri()!r}, {str(tmp_path / 'copy.txt')!r})\n"
        "import asyncio, urllib.request\n"
        "async def coroutine(): pass\n"
        "print(json.dumps([before, type(urllib.request).__name__, type(asyncio).__name__,\n"
        "    cached_property.asyncio.iscoroutinefunction is asyncio.iscoroutinefunction,\n"
        "    cached_property.asyncio.iscoroutinefunction(coroutine),\n"
        "    'whoosh.query' in sys.modules]))"
    )
    before, request_type, asyncio_type, same, recognised, whoosh_loaded = json.loads(python(code))
    assert before == [False, False]  # Whoosh was imported without them
    assert (tmp_path / "copy.txt").read_text(encoding="utf-8") == "copied"
    assert (request_type, asyncio_type) == ("module", "module")
    assert same and recognised and whoosh_loaded
    english = (
        "import pickle, tempfile\n"
        "from whoosh import fields, index\n"
        "from whoosh.analysis import StemmingAnalyzer\n"
        "analyzer = pickle.loads(pickle.dumps(StemmingAnalyzer()))\n"
        "schema = fields.Schema(body=fields.TEXT(analyzer=StemmingAnalyzer()))\n"
        "index.create_in(tempfile.mkdtemp(), schema)  # (Whoosh pickles the schema)\n"
        "print(json.dumps([t.text for t in analyzer('running cats')]))"
    )
    hooked = "import json, indexer.search.service\n"
    plain = "import json\n"  # Whoosh as it imports itself
    assert json.loads(python(hooked + english)) == json.loads(python(plain + english))


def test_whoosh_imported_first_by_anyone_goes_through_the_hook():
    code = (
        "import sys, indexer, whoosh.reading\n"
        "print(sorted(m for m in ('urllib.request', 'asyncio') if m in sys.modules))"
    )
    assert python(code) == "[]"


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
