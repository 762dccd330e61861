"""Clusters and dispersion: clusters of small word runs counted by hand, and on the
bundled corpus against a direct scan of the matching records; dispersion positions
against the raw text of each document's quotes joined in order; the SVG plot; the
CLI's JSON shapes."""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import replace
from itertools import pairwise

import pytest
from click.testing import CliRunner

from indexer.cli import main
from indexer.errors import QuerySyntaxError
from indexer.search.request import SearchRequest
from indexer.tools.clusters import cluster_counts, clusters
from indexer.tools.dispersion import dispersion


def test_cluster_counts_by_hand():
    # two quotes; the second in two runs (punctuation between), N the node
    quotes = [[list("aNbN")], [list("aNb"), list("Nc")]]
    freq, held, hits = cluster_counts(quotes, ["N"], 2, 3)
    assert hits == 4
    # 2-grams: aN ×2, Nb ×2, bN ×1, Nc ×1; 3-grams: aNb ×2, NbN ×1 (once, with two N)
    assert freq == Counter({("a", "N"): 2, ("N", "b"): 2, ("b", "N"): 1, ("N", "c"): 1,
                            ("a", "N", "b"): 2, ("N", "b", "N"): 1})  # fmt: skip
    assert held[("a", "N", "b")] == 2 and held[("N", "c")] == 1
    two, _, _ = cluster_counts([[list("xMNy")]], ["M", "N"], 2, 3)
    assert two == Counter({("M", "N"): 1, ("x", "M", "N"): 1, ("M", "N", "y"): 1})


def brute_clusters(ix, quotes, node: str, low: int, high: int) -> tuple[Counter, Counter]:
    """n-grams of words with nothing between them, read from the analyzer's offsets."""
    analyzer = ix.schema[ix.spec.words].analyzer
    freq, held = Counter(), Counter()
    for quote in quotes:
        tokens = [(t.text, t.startchar, t.endchar) for t in analyzer(quote.text, chars=True)]
        here = set()
        for n in range(low, high + 1):
            for i in range(len(tokens) - n + 1):
                window = tokens[i : i + n]
                joined = all(a[2] == b[1] for a, b in pairwise(window))
                words = tuple(w for w, _, _ in window)
                if joined and node in words:
                    freq[words] += 1
                    here.add(words)
        held.update(here)
    return freq, held


@pytest.mark.parametrize(
    ("node", "request_", "sizes"),
    [("合作", SearchRequest(), (2, 4)), ("疫情", SearchRequest("防控"), (3, 6))],
)
def test_clusters_equal_a_direct_scan(seed_index, seed, node, request_, sizes):
    ids = {h.quote.id for h in seed_index.search(replace(request_, limit=1000)).hits}
    quotes = [q for q in seed.quotes if q.id in ids]
    freq, held = brute_clusters(seed_index, quotes, node, *sizes)
    result = clusters(seed_index, request_, node, sizes, min_freq=1, top=None)
    assert {c.words: (c.freq, c.quotes) for c in result.clusters} == {
        w: (f, held[w]) for w, f in freq.items()
    }
    assert [c.freq for c in result.clusters] == sorted(
        (c.freq for c in result.clusters), reverse=True
    )
    with pytest.raises(QuerySyntaxError, match="sizes"):
        clusters(seed_index, request_, node, (1, 3))


@pytest.mark.parametrize(
    ("node", "request_"),
    [("合作", SearchRequest()), ("疫情", SearchRequest(filters={"affairs": ["domestic"]})),
     ("人类命运共同体", SearchRequest(until="2020-03-25"))],
)  # fmt: skip
def test_dispersion_positions_point_at_the_word_in_the_joined_text(seed_index, seed, node,
                                                                   request_):  # fmt: skip
    ids = {h.quote.id for h in seed_index.search(replace(request_, limit=1000)).hits}
    result = dispersion(seed_index, request_, node)
    documents = defaultdict(list)
    for quote in seed.quotes:
        documents[quote.source].append(quote)
    days = Counter()
    for doc in result.documents:
        quotes = sorted(documents[doc.source], key=lambda q: (q.line, q.id))
        joined = "".join(q.text for q in quotes)
        assert doc.length == len(joined)
        expected, offset = [], 0
        for quote in quotes:
            if quote.id in ids:
                for m in re.finditer(f"(?={re.escape(node)})", quote.text):
                    expected.append(offset + m.start())
                    days[quote.date] += 1
            offset += len(quote.text)
        assert list(doc.positions) == expected
        assert all(joined[p : p + len(node)] == node for p in doc.positions)
    assert result.by_date == dict(sorted(days.items())) and result.undated == 0
    assert sum(result.by_date.values()) == result.total > 0


def test_the_plot_has_a_tick_per_occurrence_and_a_bar_per_day(seed_index):
    result = dispersion(seed_index, SearchRequest(), "合作")
    svg = result.svg()
    assert svg.startswith("<?xml") and svg.rstrip().endswith("</svg>")
    assert svg.count('class="hit"') == result.total
    assert svg.count('class="day"') == len(result.by_date)


def test_cli_json_shapes_csv_and_plot(seed_index_dir, tmp_path):
    def run(*args):
        return CliRunner().invoke(main, [*args[:1], "--index-dir", str(seed_index_dir),
                                         *args[1:]])  # fmt: skip

    data = json.loads(run("clusters", "--json", "合作").stdout)
    assert data["node"] == "合作" and {"text", "words", "freq", "quotes"} <= set(
        data["clusters"][0]
    )
    plot = tmp_path / "plot.svg"
    given = run("dispersion", "--json", "--plot", str(plot), "合作")
    assert given.exit_code == 0, given.stderr
    data = json.loads(given.stdout)
    assert data["node"] == "合作" and set(data["documents"][0]) >= {"source", "length",
                                                                     "positions"}  # fmt: skip
    assert sum(data["by_date"].values()) == len(data["documents"][0]["positions"])
    assert plot.read_text(encoding="utf-8").count('class="hit"') == data["total"]
    rows = run("dispersion", "--csv", "合作").stdout.splitlines()
    assert rows[0] == "source,length,position,date,quote" and len(rows) == data["total"] + 1
    assert run("dispersion", "--plot", str(tmp_path / "x.png"), "合作").exit_code == 2
    assert run("clusters", "--sizes", "1", "3", "合作").exit_code == 2
