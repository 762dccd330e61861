"""The declaration drives every door: a field renamed (and relabelled) in a copy of
``schema/quotes.toml`` is renamed in the CLI's options and JSON, in the web's URL
parameters, facet boxes, filter chips, quote page and tool forms, and in the exports'
filters; the old name is refused everywhere."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from indexer.index import declaration
from indexer.paths import schema_file

OLD, NEW, LABEL = "counterpart", "interlocutor", "Interlocutor (renamed)"


def renamed(tmp_path):
    text = schema_file().read_text(encoding="utf-8")
    text = text.replace(f"[fields.{OLD}]", f"[fields.{NEW}]")
    text = text.replace('label = "Counterpart"', f'label = "{LABEL}"')
    assert f"[fields.{NEW}]" in text and LABEL in text
    path = tmp_path / "renamed.toml"
    path.write_text(text, encoding="utf-8")
    return path


def yulu(path, *args: str) -> subprocess.CompletedProcess:
    """The CLI in a process of its own that reads the declaration at ``path`` (its
    options are made from the declaration when it starts)."""
    script = (
        "import sys; from indexer.index import declaration; "
        f"declaration.schema_file = lambda: __import__('pathlib').Path({str(path)!r}); "
        f"sys.argv = ['yulu', *{list(args)!r}]; from indexer.cli.entry import run; run()"
    )
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)


@pytest.fixture
def renamed_index(tmp_path, monkeypatch):
    from indexer.pipeline.build import build_index

    path = renamed(tmp_path)
    monkeypatch.setattr(declaration, "schema_file", lambda: path)
    declaration.load_spec.cache_clear()
    build_index(tmp_path / "ix")  # the bundled corpus
    yield path, tmp_path / "ix"
    declaration.load_spec.cache_clear()


def test_a_renamed_field_is_renamed_in_the_cli(renamed_index):
    path, root = renamed_index
    found = yulu(
        path, "search", "--index-dir", str(root), "--facet", NEW, "--json", "--limit", "50"
    )
    assert found.returncode == 0, found.stderr
    data = json.loads(found.stdout)
    counts = data["facets"][NEW]
    assert counts and OLD not in data["facets"]
    name = next(iter(counts))
    only = yulu(path, "search", "--index-dir", str(root), f"--{NEW}", name, "--json")
    assert only.returncode == 0, only.stderr
    assert json.loads(only.stdout)["total"] == counts[name]
    assert f"--{NEW}" in yulu(path, "search", "--help").stdout
    old = yulu(path, "search", "--index-dir", str(root), f"--{OLD}", name)
    assert old.returncode == 2 and f"--{OLD}" in old.stderr and old.stderr.count("\n") == 1
    reference = yulu(path, "keywords", "--index-dir", str(root), f"--reference-{NEW}", name,
                     "--json", "合作")  # fmt: skip
    assert reference.returncode == 0, reference.stderr


def test_a_renamed_field_is_renamed_in_the_web_pages_and_exports(renamed_index):
    from indexer.web.app import create_app

    _, root = renamed_index
    app = create_app(root)
    client = app.test_client()
    try:
        page = client.get("/").get_data(as_text=True)
        assert f"<h2>{LABEL}</h2>" in page  # the facet box, by the declaration's label
        api = client.get("/api/search", query_string={"facet": NEW, "limit": "50"}).get_json()
        name = next(iter(api["facets"][NEW]))
        hits = client.get("/api/search", query_string={NEW: name, "limit": "50"}).get_json()
        assert hits["total"] == api["facets"][NEW][name]
        refused = client.get("/api/search", query_string={OLD: name})
        assert (
            refused.status_code == 400
            and f"unknown parameter '{OLD}'" in refused.get_json()["error"]
        )
        filtered = client.get("/", query_string={NEW: name}).get_data(as_text=True)
        assert f"{LABEL}: " in filtered  # the chip that removes the filter
        quote = hits["hits"][0]["id"]
        shown = client.get(f"/quotes/{quote}").get_data(as_text=True)
        assert f"<dt>{LABEL}</dt>" in shown and f"/?{NEW}=" in shown and f"?{OLD}=" not in shown
        exported = client.get("/export.jsonl", query_string={NEW: name})
        assert exported.status_code == 200
        assert len(exported.get_data(as_text=True).splitlines()) == hits["total"]
        csv = client.get("/export.csv", query_string={NEW: name})
        assert csv.status_code == 200 and len(csv.get_data(as_text=True).splitlines()) > 1
        assert client.get("/export.csv", query_string={OLD: name}).status_code == 400
        keywords = client.get("/keywords", query_string={"q": "合作"}).get_data(as_text=True)
        assert f'name="reference_{NEW}"' in keywords and f"reference_{OLD}" not in keywords
        trend = client.get("/trend", query_string={"q": "合作"}).get_data(as_text=True)
        assert f'<option value="{NEW}"' in trend  # split by the renamed facet
    finally:
        app.extensions["yulu"].close()
