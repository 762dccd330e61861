"""The corpus tools in the web app (Flask's test client): the JSON and CSV twins are
what ``yulu words`` and ``yulu collocates`` print for the same request, the pages show
what the JSON says, each row's links lead to the quotes it counts, and bad input gets
the CLI's words."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from test_web_tools import BOM, rows_of, search_total, text_of

from indexer.analysis.normalize import normalize
from indexer.cli import main

#: A URL parameter and the CLI's way of saying it (node is the CLI's WORD argument).
FLAGS = {"drop_stopwords": "--drop-stopwords"}


def cli_words(tool: str, params: dict) -> list[str]:
    args, query, node = [tool], params.get("q", ""), params.get("node")
    for name, values in params.items():
        if name in ("q", "node"):
            continue
        for value in [values] if isinstance(values, str) else values:
            if name in FLAGS:
                args.append(FLAGS[name])
            elif name in ("window", "sizes"):
                args += ["--" + name, *value.replace(",", " ").split()]
            else:
                args += ["--" + name.replace("_", "-"), value]
    return [*args, "--", *([node] if node else []), *([query] if query else [])]


def run(index_dir, args: list[str], *extra: str):
    result = CliRunner().invoke(main, [args[0], "--index-dir", str(index_dir), *extra, *args[1:]])
    assert result.exit_code == 0, result.stderr
    return result


TWINS = [
    ("words", {}),
    ("words", {"q": "合作", "top": "20", "min_freq": "2"}),
    ("words", {"counterpart": "特朗普", "drop_stopwords": "true", "facet": "country"}),
    ("words", {"affairs": "domestic", "ngram": "4", "top": "10"}),
    ("collocates", {"node": "合作"}),
    ("collocates", {"node": "疫情", "window": "2 3", "sort": "mi", "min_freq": "3"}),
    ("collocates", {"node": "人类命运共同体", "q": "合作", "window": "0,4", "top": "5"}),
    ("collocates", {"node": "美国", "counterpart": "特朗普", "drop_stopwords": "true",
                    "facet": "leader"}),
    ("clusters", {"node": "合作"}),
    ("clusters", {"node": "疫情", "q": "防控", "sizes": "3,6", "min_freq": "1", "top": "20"}),
    ("clusters", {"node": "合作", "affairs": "foreign", "facet": "counterpart"}),
    ("dispersion", {"node": "人类命运共同体"}),
    ("dispersion", {"node": "合作", "counterpart": ["普京", "特朗普"], "since": "2020-03-20"}),
    ("dispersion", {"node": "疫情", "q": "防控", "facet": "affairs"}),
]  # fmt: skip


@pytest.mark.parametrize(("tool", "params"), TWINS)
def test_api_answers_what_the_cli_prints_with_json(client, seed_index_dir, tool, params):
    response = client.get(f"/api/{tool}", query_string=params)
    assert response.status_code == 200, text_of(response)
    expected = json.loads(run(seed_index_dir, cli_words(tool, params), "--json").stdout)
    assert response.get_json() == expected
    assert text_of(response) == json.dumps(expected, ensure_ascii=False)


@pytest.mark.parametrize(("tool", "params"), [t for t in TWINS if "facet" not in t[1]])
def test_csv_downloads_are_what_the_cli_writes(client, seed_index_dir, tool, params):
    response = client.get(f"/{tool}.csv", query_string=params)
    assert response.status_code == 200, text_of(response)
    assert response.headers["Content-Disposition"] == f'attachment; filename="yulu-{tool}.csv"'
    written = run(seed_index_dir, cli_words(tool, params), "--csv", "--excel")
    assert response.data == written.stdout_bytes and response.data.startswith(BOM)


def test_the_word_list_page_shows_the_json_and_links_each_word_to_its_quotes(client):
    params = {"q": "合作", "top": "12", "counterpart": ["普京", "默克尔", "特朗普"]}
    expected = client.get("/api/words", query_string=params).get_json()["words"]
    rows = rows_of(client.get("/words", query_string=params))
    assert [cells[0][0] for _, cells in rows] == [w["word"] for w in expected]
    for (_, cells), word in zip(rows, expected, strict=True):
        assert [int(cells[i][0]) for i in (1, 2, 3)] == [word["freq"], word["quotes"],
                                                          word["documents"]]  # fmt: skip
        # the phrase finds the string wherever it stands, also where jieba cut it apart
        # (合作 in 联合作战): at least the word's quotes and occurrences
        link = cells[0][1][0]
        assert search_total(client, link) >= word["quotes"], word["word"]
        kwic = cells[5][1][0]
        lines = client.get("/api/kwic?" + kwic.split("?", 1)[1]).get_json()
        assert lines["total"] >= word["freq"], word["word"]
        assert {line["match"] for line in lines["lines"]} == {word["word"]}


def normalize_words(text: str, word: str) -> list[str]:
    """The node and ``word`` where they stand in the normalised ``text``."""
    folded = normalize(text)
    return [w for w in ("合作", word) if w in folded]


def test_each_collocate_links_to_the_quotes_and_lines_holding_both(client):
    params = {"node": "合作", "top": "8", "window": "3 3"}
    data = client.get("/api/collocates", query_string=params).get_json()
    rows = rows_of(client.get("/collocates", query_string=params))
    assert [cells[0][0] for _, cells in rows] == [c["word"] for c in data["collocates"]]
    for (_, cells), item in zip(rows, data["collocates"], strict=True):
        search = cells[0][1][0]
        found = client.get("/api/search?" + search.split("?", 1)[1] + "&limit=1000").get_json()
        assert found["total"] >= 1
        for hit in found["hits"]:
            assert {"合作", item["word"]} <= set(normalize_words(hit["text"], item["word"]))
        kwic = client.get("/api/kwic?" + cells[6][1][0].split("?", 1)[1]).get_json()
        assert {line["match"] for line in kwic["lines"]} == {"合作"}
        # every window occurrence lies in a line of that concordance: at least as many lines
        assert kwic["quotes"] == found["total"]


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/api/collocates", "Give the word to look at"),
        ("/api/collocates?node=%EF%BC%8C", "has no word to look for"),
        ("/api/collocates?node=合作&window=x", "is not two whole numbers"),
        ("/api/collocates?node=合作&window=①+②", "is not two whole numbers"),
        ("/api/clusters?node=合作&sizes=1+3", "must be at least 2 and at most 6"),
        ("/api/dispersion", "Give the word to look at"),
        ("/api/words?ngram=0", "ngram must be at least 1"),
        ("/api/words?bogus=1", "unknown parameter 'bogus'"),
    ],
)
def test_bad_input_is_one_line_with_400(client, url, message):
    response = client.get(url)
    assert response.status_code == 400
    assert message in response.get_json()["error"]


def test_the_collocates_page_asks_for_a_node(client):
    page = text_of(client.get("/collocates?q=合作"))
    assert 'class="prompt"' in page and "Give the word to look at" in page


def test_each_cluster_links_to_the_quotes_holding_its_text(client):
    params = {"node": "合作", "top": "6"}
    data = client.get("/api/clusters", query_string=params).get_json()["clusters"]
    rows = rows_of(client.get("/clusters", query_string=params))
    assert [cells[0][0] for _, cells in rows] == [" ".join(c["words"]) for c in data]
    for (_, cells), item in zip(rows, data, strict=True):
        assert [int(cells[1][0]), int(cells[2][0])] == [item["freq"], item["quotes"]]
        # the phrase also finds the text where jieba cut it otherwise, or across
        # punctuation (协调、合作): at least as many
        assert search_total(client, cells[0][1][0]) >= item["quotes"]
        kwic = client.get("/api/kwic?" + cells[3][1][0].split("?", 1)[1]).get_json()
        assert {normalize(line["match"]) for line in kwic["lines"]} == {item["text"]}
        assert kwic["total"] >= item["freq"]


def test_the_dispersion_page_plots_every_occurrence_and_links_each_day(client):
    params = {"node": "人类命运共同体", "q": "合作"}
    data = client.get("/api/dispersion", query_string=params).get_json()
    page = text_of(client.get("/dispersion", query_string=params))
    assert page.count('class="hit"') == data["total"] > 0
    assert page.count('class="day"') == len(data["by_date"])
    days = [(cells[0][0], int(cells[1][0]), cells[0][1]) for _, cells in rows_of_table(page)]
    assert [(d, n) for d, n, _ in days] == list(data["by_date"].items())
    for day, count, links in days:
        kwic = client.get("/api/kwic?" + links[0].split("?", 1)[1]).get_json()
        assert kwic["total"] == count, day
        assert {line["date"] for line in kwic["lines"]} == {day}


def rows_of_table(page: str):
    """The rows of the page's table of days."""
    from test_web_tools import Tables

    return Tables(page.split('<table class="counts">', 1)[1]).rows
