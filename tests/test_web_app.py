"""The web app through Flask's test client: every route and every bad input, checked
against the CLI (the same request gives the same answer), the parsed records and
brute-force scans."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil
from urllib.parse import parse_qs, urlsplit

import pytest
from brute import Reference
from click.testing import CliRunner
from markupsafe import escape

from indexer.cli import main
from indexer.pipeline.build import build_index
from indexer.records.quotes import Quote
from indexer.web.app import create_app
from indexer.web.pool import IndexPool

COUNT = re.compile(r'<strong class="count">(\d+)</strong>')
HIT_IDS = re.compile(r'<a class="id" href="/quotes/(\w+)">')
ALERT = re.compile(r'role="alert"[^>]*>(.*?)</p>', re.S)
FACET_LINK = re.compile(
    r'<a href="([^"]+)"( class="on"[^>]*)?><span class="tick" aria-hidden="true"></span>'
    r'<span class="value" lang="zh-Hans">([^<]*)</span><span class="n">(\d+)</span></a>'
)


def cli(index_dir, command: str, *args: str):
    """``yulu COMMAND --index-dir DIR ARGS``: (exit code, stdout, stderr)."""
    result = CliRunner().invoke(main, [command, "--index-dir", str(index_dir), *args])
    return result.exit_code, result.stdout, result.stderr


def cli_json(index_dir, command: str, *args: str):
    code, out, err = cli(index_dir, command, "--json", *args)
    assert code == 0, err
    return json.loads(out)


def text_of(page: bytes) -> str:
    return page.decode("utf-8")


def total_of(page: bytes) -> int:
    return int(COUNT.search(text_of(page)).group(1))


def facet_links(page: bytes) -> list[tuple[str, str, bool, str, int]]:
    """(facet, link, selected, value, count) for each facet value on a search page."""
    body = text_of(page).split('<aside class="facets"', 1)[1]
    found = []
    for box in body.split('<section class="facet">')[1:]:
        name = re.search(r"<h2>([^<]*)</h2>", box).group(1)
        found += [
            (name, html.unescape(href), bool(on), html.unescape(value), int(n))
            for href, on, value, n in FACET_LINK.findall(box)
        ]
    return found


# --- the JSON API is the CLI's JSON ------------------------------------------------

API_SAMPLE = [
    ("人类命运共同体", {}),
    ('"人类命运共同体"', {"facet": ["counterpart", "country"]}),
    ("合作", {"counterpart": ["普京"], "facet": ["country"]}),
    ("合作 支持", {"country": ["美国", "德国"], "limit": "3", "offset": "1"}),
    ("", {"leader": ["特朗普"], "facet": ["event_type"]}),
    ("疫情 防控", {"affairs": ["domestic"], "since": "2020-03-10", "until": "2020-03-20"}),
    ("合作 OR 支持", {"event_type": ["phone_call", "talks"], "sort": "date", "limit": "20"}),
    ("counterpart:普京 OR country:美国", {"sort": "date-asc"}),
    ("团结", {"section": ["关于国际社会携手抗疫、共克时艰"], "facet": ["section", "part"]}),
    ("中", {"limit": "0", "facet": ["leader", "affairs", "source"]}),
]


def cli_args(query: str, params: dict) -> list[str]:
    options = []
    for name, values in params.items():
        for value in [values] if isinstance(values, str) else values:
            options += ["--" + name.replace("_", "-"), value]
    return ["search", *options, "--", query] if query else ["search", *options]


@pytest.mark.parametrize(("query", "params"), API_SAMPLE)
def test_api_search_is_what_yulu_search_json_prints(client, seed_index_dir, query, params):
    response = client.get("/api/search", query_string={"q": query, **params})
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    expected = cli_json(seed_index_dir, *cli_args(query, params))
    assert response.get_json() == expected
    assert response.get_data(as_text=True) == json.dumps(expected, ensure_ascii=False)


def test_api_quote_and_facets_are_what_show_and_facets_print(client, seed_index_dir, seed):
    for quote in seed.quotes[::25]:
        response = client.get(f"/api/quotes/{quote.id}")
        assert response.get_json() == cli_json(seed_index_dir, "show", quote.id)
        record = {k: v for k, v in response.get_json().items() if k not in ("remark", "also_in")}
        assert record == quote.to_dict()
    for field in ("counterpart", "country", "leader", "event_type", "section", "part"):
        response = client.get(f"/api/facets/{field}")
        assert response.get_json() == cli_json(seed_index_dir, "facets", field)


def test_api_facets_count_over_a_search(client, seed_index_dir):
    response = client.get("/api/facets/country", query_string={"q": "合作", "affairs": "foreign"})
    expected = cli_json(seed_index_dir, "facets", "country", "合作", "--affairs", "foreign")
    assert response.get_json() == expected
    searched = cli_json(
        seed_index_dir, "search", "合作", "--affairs", "foreign", "--facet", "country"
    )
    assert response.get_json()["counts"] == searched["facets"]["country"]
    assert sum(response.get_json()["counts"].values()) >= 1


# --- the search page --------------------------------------------------------------


def test_search_page_lists_what_the_cli_finds_with_every_match_marked(client, seed_index_dir):
    page = client.get("/", query_string={"q": '"人类命运共同体"', "limit": "100"})
    assert page.status_code == 200
    expected = cli_json(seed_index_dir, "search", '"人类命运共同体"', "--limit", "100")
    assert total_of(page.data) == expected["total"] == 16
    assert HIT_IDS.findall(text_of(page.data)) == [h["id"] for h in expected["hits"]]
    body = text_of(page.data).split('<ol class="hits"', 1)[1]
    marks = re.findall(r'<mark class="hit t\d">([^<]*)</mark>', body)
    assert len(marks) >= 16 and set(marks) == {"人类命运共同体"}
    assert "<svg" in text_of(page.data)  # the timeline, drawn by the server


def test_facet_links_give_the_totals_the_cli_gives_and_toggle_back(client, seed_index_dir):
    start = client.get("/", query_string={"q": "合作"})
    total = total_of(start.data)
    links = facet_links(start.data)
    checked = 0
    for facet, href, selected, value, count in links:
        assert not selected
        params = parse_qs(urlsplit(href).query)
        followed = client.get(href)
        assert followed.status_code == 200, href
        assert total_of(followed.data) == count, (value, href)
        field = next((f for f in params if f in {"counterpart", "country", "leader", "affairs",
                                                 "event_type", "section"}), None)  # fmt: skip
        if field:
            assert params[field] == [value]
            expected = cli_json(
                seed_index_dir, "search", "合作", "--" + field.replace("_", "-"), value
            )
        else:  # part and source are facets, not filters: a clause in the query
            assert params["q"][0] in (f'合作 part:"{value}"', f'合作 source:"{value}"')
            expected = cli_json(seed_index_dir, "search", params["q"][0])
        assert expected["total"] == count, (value, href)
        again = [link for link in facet_links(followed.data) if link[::3] == (facet, value)]
        assert again and again[0][2], f"{value} is not shown as selected"
        back = client.get(again[0][1])
        assert total_of(back.data) == total
        checked += 1
        if checked == 40:
            break
    assert checked >= 20


def test_filters_combine_and_chips_remove_them(client, seed_index_dir):
    page = client.get("/", query_string={"counterpart": "普京", "leader": "习近平"})
    expected = cli_json(seed_index_dir, "search", "--counterpart", "普京", "--leader", "习近平")
    assert total_of(page.data) == expected["total"] > 0
    chips = re.findall(r'<ul class="chips".*?</ul>', text_of(page.data), re.S)[0]
    removes = [html.unescape(h) for h in re.findall(r'<a href="([^"]+)" title="Remove', chips)]
    assert len(removes) == 2
    only_leader = client.get(next(h for h in removes if "counterpart" not in h))
    expected = cli_json(seed_index_dir, "search", "--leader", "习近平")
    assert total_of(only_leader.data) == expected["total"]


def test_paging_and_sorting(client, seed, seed_index_dir):
    first = client.get("/", query_string={"q": "合作", "limit": "5"})
    text = text_of(first.data)
    following = html.unescape(re.search(r'<a rel="next" href="([^"]+)"', text).group(1))
    assert parse_qs(urlsplit(following).query)["offset"] == ["5"]
    second = client.get(following)
    expected = cli_json(seed_index_dir, "search", "合作", "--limit", "5", "--offset", "5")
    assert HIT_IDS.findall(text_of(second.data)) == [h["id"] for h in expected["hits"]]
    assert 'rel="prev"' in text_of(second.data)
    dates = {q.id: q.date for q in seed.quotes}
    for sort, newest_first in (("date", True), ("date-asc", False)):
        page = client.get("/", query_string={"q": "合作", "sort": sort, "limit": "100"})
        days = [dates[i] for i in HIT_IDS.findall(text_of(page.data))]
        assert days == sorted(days, reverse=newest_first) and len(days) > 10
    beyond = client.get("/", query_string={"q": "合作", "offset": "1000"})
    assert beyond.status_code == 200 and "No quotes on this page" in text_of(beyond.data)


def test_an_empty_search_page_lists_every_quote_newest_first(client, seed, seed_index_dir):
    page = client.get("/")
    assert page.status_code == 200
    assert total_of(page.data) == len(seed.quotes)
    shown = {}
    for facet, _, _, value, count in facet_links(page.data):
        shown.setdefault(facet, {})[value] = count
    everything = cli_json(seed_index_dir, "facets", "counterpart")["counts"]
    assert shown["Counterpart"] == dict(list(everything.items())[: len(shown["Counterpart"])])
    assert shown["Speaker"] == cli_json(seed_index_dir, "facets", "leader")["counts"]
    shown = HIT_IDS.findall(text_of(page.data))
    assert len(shown) == 20
    newest = max(q.date for q in seed.quotes)
    assert {q.date for q in seed.quotes if q.id == shown[0]} == {newest}


def test_limit_above_the_maximum_is_capped_and_says_so(seed_index_dir):
    app = create_app(seed_index_dir)
    client = app.test_client()
    page = client.get("/", query_string={"limit": "500"})
    assert page.status_code == 200
    assert len(HIT_IDS.findall(text_of(page.data))) == 100
    assert "limit 500 is above the maximum of 100; showing 100" in text_of(page.data)
    response = client.get("/api/search", query_string={"q": "合作", "limit": "100000"})
    data = response.get_json()
    assert data["notices"] == ["limit 100000 is above the maximum of 1000; showing 1000"]
    assert response.headers["X-Yulu-Notice"] == data["notices"][0]
    assert len(data["hits"]) == data["total"]  # the seed has fewer than 1000 matches
    app.extensions["yulu"].close()


# --- the quote page ---------------------------------------------------------------


def test_quote_page_shows_the_whole_quote_its_citation_and_neighbours(client, seed):
    quote = next(q for q in seed.quotes if q.paragraphs > 1)
    page = client.get(f"/quotes/{quote.id}")
    assert page.status_code == 200
    text = html.unescape(text_of(page.data))
    body = re.search(r'<div class="body" lang="zh-Hans">(.*?)</div>', text, re.S).group(1)
    assert re.findall(r"<p>(.*?)</p>", body, re.S) == quote.text.split("\n")
    assert quote.attribution in text  # the attribution line as printed
    assert f"{quote.source}:{quote.line}" in text and quote.leader in text
    for c in quote.counterparts:
        assert c.name in text
    assert "习近平关于新冠肺炎疫情防控和国际抗疫合作的重要讲话" in text  # the document title
    section = sorted(
        (q for q in seed.quotes
         if (q.source, q.part_no, q.section_no) == (quote.source, quote.part_no, quote.section_no)),
        key=lambda q: q.line,
    )  # fmt: skip
    at = section.index(quote)
    nav = text.split('<nav class="neighbours"', 1)[1].split("</nav>", 1)[0]
    before = re.findall(r'rel="prev" href="/quotes/(\w+)"', nav)
    after = re.findall(r'rel="next" href="/quotes/(\w+)"', nav)
    assert before == [q.id for q in section[max(0, at - 1) : at]]
    assert after == [q.id for q in section[at + 1 : at + 2]]


def test_quote_page_marks_the_query_and_lists_quotes_sharing_rare_words(client, seed):
    quote = next(q for q in seed.quotes if q.id == "f6ea00d10d64")
    page = text_of(client.get(f"/quotes/{quote.id}", query_string={"q": "人类命运共同体"}).data)
    body = re.search(r'<div class="body" lang="zh-Hans">(.*?)</div>', page, re.S).group(1)
    assert re.findall(r"<mark[^>]*>([^<]*)</mark>", body) == ["人类命运共同体"]
    related = page.split('<section class="related"', 1)[1]
    words = re.findall(r'<p class="words">.*?</p>', related, re.S)[0]
    words = re.findall(r"<mark[^>]*>([^<]*)</mark>", words)
    ids = re.findall(r'<a class="id" href="/quotes/(\w+)">', related)
    assert words and ids and quote.id not in ids
    texts = Reference(seed.quotes).texts
    assert all(w in texts[quote.id] for w in words)
    for other in ids:
        assert any(w in texts[other] for w in words), other


# --- downloads --------------------------------------------------------------------


def expected_row(quote: Quote) -> dict[str, str]:
    """A record as the CSV export should write it, spelled out by hand."""
    return {
        "id": quote.id, "source": quote.source, "line": str(quote.line),
        "part_no": str(quote.part_no or ""), "part": quote.part, "affairs": quote.affairs or "",
        "section_no": str(quote.section_no or ""), "section": quote.section,
        "date": quote.date or "", "date_end": quote.date_end or "", "event": quote.event,
        "event_canonical": quote.event_canonical, "event_type": quote.event_type,
        "names": ";".join(c.name for c in quote.counterparts),
        "titles": ";".join(c.title for c in quote.counterparts),
        "countries": ";".join(c.country for c in quote.counterparts),
        "leader": quote.leader or "", "text": quote.text, "paragraphs": str(quote.paragraphs),
        "title": quote.title, "headings": ";".join(quote.headings),
        "date_precision": quote.date_precision or "",
        "heading_path": ";".join(quote.heading_path), "attribution": quote.attribution,
    }  # fmt: skip


def test_exports_stream_every_match_with_every_field(client, seed, seed_index_dir):
    records = {q.id: q for q in seed.quotes}
    expected = cli_json(seed_index_dir, "search", "合作", "--affairs", "foreign", "--limit", "1000")
    ids = [h["id"] for h in expected["hits"]]
    assert len(ids) > 20  # more than a page: the export is not paged
    params = {"q": "合作", "affairs": "foreign"}
    pool = client.application.extensions["yulu"]
    with client.get("/export.csv", query_string=params) as response:
        assert pool.idle == 1  # the download was spooled: its index is back in the pool
        data = response.data
    assert pool.idle == 1
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == 'attachment; filename="yulu-quotes.csv"'
    assert data.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows == [expected_row(records[i]) for i in ids]
    with client.get("/export.jsonl", query_string=params) as response:
        lines = response.get_data(as_text=True).splitlines()
    assert [json.loads(line) for line in lines] == [records[i].to_dict() for i in ids]
    with client.get("/export.jsonl", query_string={**params, "limit": "3", "offset": "2"}) as some:
        assert [json.loads(x)["id"] for x in some.get_data(as_text=True).splitlines()] == ids[2:5]


# --- bad input, unknown things, escaping -------------------------------------------

QUERY_ERRORS = ['"人类命运', "“人类命运", "(合作 OR 支持", "foo:bar", "date:2020-13-01",
                "date:yesterday", '""', "，。！", "合作 AND", "counterpart:", "疫情" * 600]  # fmt: skip


@pytest.mark.parametrize("query", QUERY_ERRORS)
def test_bad_queries_get_400_with_the_clis_one_line_message(client, seed_index_dir, query):
    code, _, err = cli(seed_index_dir, "search", "--", query)
    assert code == 2 and err.startswith("Error: ") and err.count("\n") == 1
    message = err.removeprefix("Error: ").strip()
    api = client.get("/api/search", query_string={"q": query})
    assert api.status_code == 400 and api.get_json() == {"error": message}
    page = client.get("/", query_string={"q": query})
    assert page.status_code == 400
    shown = html.unescape(re.sub(r"<[^>]+>", "", ALERT.search(text_of(page.data)).group(1)))
    assert shown == f"Cannot search: {message}"
    assert "Traceback" not in text_of(page.data)
    exported = client.get("/export.csv", query_string={"q": query})
    assert exported.status_code == 400 and exported.get_json() == {"error": message}


PARAM_ERRORS = [
    ({"limit": "-1"}, ["--limit", "-1"]),
    ({"offset": "abc"}, ["--offset", "abc"]),
    ({"limit": "1.5"}, ["--limit", "1.5"]),
    ({"sort": "bogus"}, ["--sort", "bogus"]),
    ({"facet": "bogus"}, ["--facet", "bogus"]),
    ({"affairs": "elsewhere"}, ["--affairs", "elsewhere"]),
    ({"event_type": "party"}, ["--event-type", "party"]),
    ({"since": "2020-02-30"}, ["--since", "2020-02-30"]),
    ({"until": "soon"}, ["--until", "soon"]),
]


@pytest.mark.parametrize(("params", "options"), PARAM_ERRORS)
def test_bad_parameters_get_400_worded_as_the_cli_words_them(
    client, seed_index_dir, params, options
):
    code, _, err = cli(seed_index_dir, "search", "合作", *options)
    assert code == 2
    cli_message = err.strip().splitlines()[-1].removeprefix("Error: ")
    name = next(iter(params))
    expected = cli_message.replace(f"'{options[0]}'", f"'{name}'").replace(options[0], name)
    api = client.get("/api/search", query_string={"q": "合作", **params})
    assert api.status_code == 400
    assert api.get_json()["error"].rstrip(".") == expected.rstrip(".")
    page = client.get("/", query_string={"q": "合作", **params})
    assert page.status_code == 400 and name in text_of(page.data)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/api/search?q=合作&countrty=美国", "unknown parameter 'countrty'"),
        ("/api/search?q=合作&q=支持", "parameter 'q' is given 2 times"),
        ("/api/search?limit=1&limit=2", "parameter 'limit' is given 2 times"),
        ("/api/quotes/f6ea00d10d64?x=1", "unknown parameter 'x'"),
    ],
)
def test_unknown_or_repeated_parameters_are_400(client, url, message):
    response = client.get(url)
    assert response.status_code == 400 and message in response.get_json()["error"]


def test_unknown_ids_routes_and_facets_are_404(client, seed_index_dir):
    _, _, err = cli(seed_index_dir, "show", "0000")
    message = err.removeprefix("Error: ").strip()
    assert client.get("/api/quotes/0000").get_json() == {"error": message}
    assert client.get("/api/quotes/0000").status_code == 404
    page = client.get("/quotes/0000")
    assert page.status_code == 404 and message in html.unescape(text_of(page.data))
    assert client.get("/api/facets/nope").status_code == 404
    assert client.get("/nowhere").status_code == 404
    assert client.get("/api/nowhere").get_json()["error"].startswith("Not Found")
    assert client.post("/api/search").status_code == 405


@pytest.fixture(scope="module")
def hostile_client(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "evil.toml").write_text(
        'title = "<i>恶意</i>文档"\nyear = 2020\nleader = "习近平"\n', encoding="utf-8"
    )
    (folder / "evil.txt").write_text(
        "二、在外事活动中的重要论述\n"
        '（一）关于<script>alert("section")</script>合作\n'
        "中方支持<script>alert(1)</script>合作，反对<b>霸凌</b>&amp;强权。\n"
        "——3月12日，习近平同俄罗斯总统<img src=x onerror=alert(2)>通电话\n"
        '中方愿同各方加强合作，"维护"公平&正义。\n'
        "——3月13日，习近平同俄罗斯总统普京通电话\n",
        encoding="utf-8",
    )
    index = tmp_path_factory.mktemp("hostile-index")
    build_index(index, [folder])
    app = create_app(index)
    yield app.test_client()
    app.extensions["yulu"].close()


def no_markup_from_the_corpus(page: str) -> None:
    for raw in ("<script>alert", "<b>霸凌", "<img src=x", "<i>恶意", 'alert("section")</script>'):
        assert raw not in page, raw


def test_hostile_corpus_text_is_shown_as_text(hostile_client):
    page = text_of(hostile_client.get("/", query_string={"q": "合作"}).data)
    no_markup_from_the_corpus(page)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;b&gt;霸凌&lt;/b&gt;&amp;amp;" in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page
    marked = text_of(hostile_client.get("/", query_string={"q": '"script>alert"'}).data)
    no_markup_from_the_corpus(marked)
    assert '&lt;<mark class="hit t0">script&gt;alert</mark>(1)' in marked
    ids = HIT_IDS.findall(page)
    for quote_id in ids:
        quote_page = text_of(hostile_client.get(f"/quotes/{quote_id}?q=script").data)
        no_markup_from_the_corpus(quote_page)
        assert "&lt;i&gt;恶意&lt;/i&gt;文档" in quote_page
        assert "&amp;amp;强权" in quote_page or "公平&amp;正义" in quote_page
    assert len(ids) == 2


@pytest.mark.parametrize(
    "query",
    ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "合作</textarea><b>",
     '合作 "<script>"', "{{ 7*7 }}"],
)  # fmt: skip
def test_hostile_query_text_is_escaped(client, query):
    for params in ({"q": query}, {"q": "合作", "counterpart": query}):
        response = client.get("/", query_string=params)
        page = text_of(response.data)
        assert response.status_code in (200, 400)
        assert (
            "<script>alert" not in page
            and "<img src=x" not in page
            and "</textarea><b>" not in page
        )
        assert str(escape(query)) in page  # as the template escapes it: as text
        assert "Traceback" not in page
    assert (
        "49" not in text_of(client.get("/", query_string={"q": "{{ 7*7 }}"}).data).split("<main")[0]
    )


def test_responses_carry_a_strict_content_security_policy(client):
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    text = text_of(response.data)
    assert "<script>" not in text  # no inline script; the one script is a file of ours
    assert re.findall(r'<script src="([^"]+)"', text) == ["/static/yulu.js"]
    for asset in re.findall(r'(?:src|href)="(/static/[^"]+)"', text):
        with client.get(asset) as static:
            assert static.status_code == 200
    assert not re.search(r'(?:src|href)="(?:https?:)?//', text)  # nothing from elsewhere


# --- the index: read-only, rebuilds picked up, built on first use -----------------


def snapshot(folder):
    return {
        str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_requests_change_nothing_on_disk(seed_index_dir, client, seed):
    before = snapshot(seed_index_dir)
    for url in ["/", "/?q=合作&facet=country", f"/quotes/{seed.quotes[0].id}", "/api/search?q=x",
                "/export.csv", "/export.jsonl?q=中", "/api/facets/leader", '/?q="未闭合']:  # fmt: skip
        client.get(url)
    assert snapshot(seed_index_dir) == before


def write_copy(folder, copy: int):
    """A copy of the bundled document under another name (so its quotes get other ids)."""
    from indexer.paths import bundled_corpus

    seed = next(bundled_corpus().glob("*.txt"))
    path = folder / f"copy-{copy}.txt"
    shutil.copyfile(seed, path)
    shutil.copyfile(seed.with_suffix(".toml"), path.with_suffix(".toml"))
    return path


def test_a_rebuild_is_picked_up_by_the_next_request(tmp_path, seed):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_copy(corpus, 0)
    index = tmp_path / "index"
    build_index(index, [corpus])
    app = create_app(index)
    client = app.test_client()

    def total() -> int:
        return client.get("/api/search?limit=0").get_json()["total"]

    def documents() -> dict[str, int]:
        page = client.get("/").data
        return {value: n for facet, _, _, value, n in facet_links(page) if facet == "Document"}

    assert total() == len(seed.quotes)
    assert documents() == {"copy-0.txt": len(seed.quotes)}
    write_copy(corpus, 1)
    build_index(index, [corpus])
    assert total() == 2 * len(seed.quotes)
    assert total_of(client.get("/").data) == 2 * len(seed.quotes)
    assert documents() == {"copy-0.txt": len(seed.quotes), "copy-1.txt": len(seed.quotes)}
    write_copy(corpus, 2)
    build_index(index, [corpus], rebuild=True)
    assert total() == 3 * len(seed.quotes)
    app.extensions["yulu"].close()


def test_documents_without_metadata_files_are_served(tmp_path, seed):
    """A researcher's own compilation has no metadata files (the year given once, as
    ``yulu index --year`` takes it): every page answers, and a citation names the
    documents that have a title in one."""
    from indexer.documents.metadata import Metadata, read_metadata

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_copy(corpus, 0).with_suffix(".toml").unlink()  # no metadata file
    write_copy(corpus, 1)  # and one with its title
    index = tmp_path / "index"
    build_index(index, [corpus], defaults=Metadata(year=2020))
    app = create_app(index)
    client = app.test_client()
    assert client.get("/api/search?limit=0").get_json()["total"] == 2 * len(seed.quotes)
    page = client.get("/?q=合作")
    assert page.status_code == 200 and total_of(page.data) > 0
    for source in ("copy-0.txt", "copy-1.txt"):
        hits = client.get(f"/api/search?q=source:{source}&limit=1").get_json()["hits"]
        assert client.get(f"/quotes/{hits[0]['id']}").status_code == 200
    title = read_metadata(corpus / "copy-1.toml").title
    with app.extensions["yulu"].index() as ix:
        assert ix.titles == {"copy-1.txt": title}
    app.extensions["yulu"].close()


def test_a_server_on_an_empty_index_dir_builds_it_first(tmp_path, seed):
    notes = []
    pool = IndexPool(tmp_path / "fresh", notify=notes.append)
    client = create_app(pool=pool).test_client()
    assert client.get("/api/search?limit=0").get_json()["total"] == len(seed.quotes)
    assert notes and "building one from the bundled corpus" in notes[0]
    pool.close()


def test_a_stale_index_is_one_line_with_the_fix(tmp_path):
    from indexer.errors import IndexOutdated

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    path = write_copy(corpus, 0)
    build_index(tmp_path / "index", [corpus])
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    with pytest.raises(IndexOutdated, match=r"is stale.*fix it with: yulu index"):
        create_app(tmp_path / "index")


def test_long_facets_list_some_values_and_link_to_all(client, monkeypatch, seed_index_dir):
    from indexer.web import views

    monkeypatch.setattr(views, "FACET_MORE", 3)
    page = text_of(client.get("/", query_string={"q": "合作"}).data)
    box = page.split("<h2>Counterpart</h2>", 1)[1].split("</section>", 1)[0]
    listed = FACET_LINK.findall(box)
    left_out = int(re.search(r"and (\d+) more: <a href=\"([^\"]+)\"", box).group(1))
    link = html.unescape(re.search(r"and \d+ more: <a href=\"([^\"]+)\"", box).group(1))
    everything = client.get(link).get_json()["counts"]
    assert (
        everything
        == cli_json(seed_index_dir, "search", "合作", "--facet", "counterpart")["facets"][
            "counterpart"
        ]
    )
    assert len(listed) == views.FACET_SHOWN + 3 and len(everything) == len(listed) + left_out
    assert [html.unescape(v) for _, _, v, _ in listed] == list(everything)[: len(listed)]


def test_an_unexpected_error_is_500_and_damage_that_trips_a_search_is_503(tmp_path, monkeypatch):
    """A bug answers 500 with no details; the same error over a damaged index answers
    503 with the damage named and the fix, as ``yulu search`` reports it."""
    import zlib

    from indexer.search.service import QuoteIndex

    index = tmp_path / "index"
    build_index(index)
    app = create_app(index)
    client = app.test_client()
    assert client.get("/api/search?q=合作&limit=1").status_code == 200

    def trip(self, *args, **kwargs):
        raise zlib.error("Error -3 while decompressing data: invalid block type")

    monkeypatch.setattr(QuoteIndex, "search", trip)
    sound = client.get("/api/search?q=合作&limit=1")
    assert sound.status_code == 500
    assert sound.get_json() == {"error": "internal error (error); the server's log has the details"}
    live = (index / "CURRENT").read_text().strip()
    victim = max((index / live).glob("MAIN_*.*"), key=lambda p: p.stat().st_size)
    data = bytearray(victim.read_bytes())
    data[len(data) // 2] ^= 0xFF
    victim.chmod(0o600)  # published files are read-only
    victim.write_bytes(bytes(data))
    app.extensions["yulu"]._examined.clear()  # the check of a minute ago said sound
    damaged = client.get("/api/search?q=合作&limit=1")
    assert damaged.status_code == 503
    message = damaged.get_json()["error"]
    assert "is damaged" in message and victim.name in message and "yulu index --rebuild" in message
    page = client.get("/?q=合作")
    assert page.status_code == 503 and "is damaged" in text_of(page.data)
    app.extensions["yulu"].close()
