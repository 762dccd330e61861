"""The research tools on a running ``yulu serve``: many requests at once from several
threads, each answer compared with the same tool run alone in this process."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from web_kit import Server, hammer

from indexer.search.request import SearchRequest
from indexer.tools.formulations import formulations
from indexer.tools.keywords import keywords
from indexer.tools.kwic import concordance
from indexer.tools.trend import trend


@pytest.fixture(scope="module")
def server(seed_index_dir):
    running = Server(seed_index_dir)
    yield running
    code, _, err = running.stop()
    assert code == 0, err
    assert "Traceback" not in err


def path(tool: str, params: dict) -> str:
    return f"/api/{tool}?" + urlencode(params, doseq=True)


def test_200_tool_requests_from_8_threads_are_all_answered_right(server, seed_index):
    ix = seed_index
    foreign = {"affairs": ["foreign"]}
    expected = {
        path("kwic", {"q": "合作"}): concordance(ix, SearchRequest("合作")),
        path("kwic", {"q": '"疫情防控"', "sort": "left", "width": "8"}):
            concordance(ix, SearchRequest('"疫情防控"'), 8, "left"),
        path("trend", {"q": "疫情", "by": "week"}): trend(ix, SearchRequest("疫情"), "week"),
        path("trend", {"affairs": "foreign", "split": "counterpart"}):
            trend(ix, SearchRequest(filters=foreign), "month", "counterpart"),
        path("formulations", {}): formulations(ix, SearchRequest()),
        path("formulations", {"q": "合作", "min_quotes": "2"}):
            formulations(ix, SearchRequest("合作"), min_quotes=2),
        path("keywords", {"counterpart": "特朗普"}):
            keywords(ix, SearchRequest(filters={"counterpart": ["特朗普"]})),
        path("keywords", {"q": "疫苗", "top": "5"}): keywords(ix, SearchRequest("疫苗"), 5),
    }  # fmt: skip
    expected = {url: result.to_dict() for url, result in expected.items()}
    pages = {
        "/kwic?" + urlencode({"q": "团结"}): concordance(ix, SearchRequest("团结")).total,
        "/trend?" + urlencode({"q": "合作"}): ix.search(SearchRequest("合作", limit=0)).total,
    }
    bad = {path("trend", {"by": "decade"}): 400, path("kwic", {}): 400, "/api/kwics": 404}
    hammer(server, expected, pages, bad)
