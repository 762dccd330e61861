"""The research tools in the web app, through Flask's test client: the JSON twins are
what the CLI prints for the same request, the pages show what the JSON says, every link
from a row leads to exactly the quotes the row counts, bad input gets the CLI's words,
and corpus and query text are escaped."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from click.testing import CliRunner

from indexer.cli import main
from indexer.index.declaration import load_spec
from indexer.pipeline.build import build_index
from indexer.web import app as web_app
from indexer.web.app import create_app

COUNT = re.compile(r'<strong class="count">(\d+)</strong>')
ALERT = re.compile(r'role="alert"[^>]*>(.*?)</p>', re.S)
BAR = re.compile(r"<title>([^<]*) · ([^<]*): (\d+)</title></rect>")
SPEC = load_spec()
BOM = "\ufeff".encode()
FILTERS = [f.name for f in SPEC.filters]


# --- helpers ------------------------------------------------------------------------


def cli_args(tool: str, params: dict) -> list[str]:
    """``yulu TOOL`` with the options the URL parameters ``params`` name, the query
    last (after ``--``, so that a query starting with - stays a query)."""
    options = []
    for name, values in params.items():
        if name == "q":
            continue
        for value in [values] if isinstance(values, str) else values:
            options += ["--" + name.replace("_", "-"), value]
    query = params.get("q", "")
    return [tool, *options, "--", query] if query else [tool, *options]


def cli(index_dir, args: list[str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [args[0], "--index-dir", str(index_dir), *args[1:]])
    return result.exit_code, result.stdout, result.stderr


def cli_json(index_dir, tool: str, params: dict) -> dict:
    code, out, err = cli(index_dir, [*cli_args(tool, params)[:1], "--json",
                                     *cli_args(tool, params)[1:]])  # fmt: skip
    assert code == 0, err
    return json.loads(out)


def cli_error(index_dir, tool: str, params: dict) -> str:
    """The CLI's one-line message for a bad request."""
    code, _, err = cli(index_dir, cli_args(tool, params))
    assert code == 2, err
    return err.strip().splitlines()[-1].removeprefix("Error: ")


def text_of(response) -> str:
    return response.get_data(as_text=True)


def search_total(client, url: str) -> int:
    """The total of the search page a link leads to (asked of its JSON twin)."""
    parts = urlsplit(url)
    assert parts.path == "/", url
    response = client.get("/api/search?" + parts.query + "&limit=0")
    assert response.status_code == 200, (url, text_of(response))
    return response.get_json()["total"]


def page_total(response) -> int:
    return int(COUNT.search(text_of(response)).group(1))


class Tables(HTMLParser):
    """The rows of every table of a page: per row, its attributes and its cells, each
    cell as (text, [links])."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[tuple[dict, list[tuple[str, list[str]]]]] = []
        self._cell: list | None = None
        self._in_head = False
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "thead":
            self._in_head = True
        elif tag == "tr" and not self._in_head:
            self.rows.append((attrs, []))
        elif tag in ("td", "th") and not self._in_head and self.rows:
            self._cell = ["", []]
            self.rows[-1][1].append(self._cell)
        elif tag == "a" and self._cell is not None:
            self._cell[1].append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "thead":
            self._in_head = False
        elif tag in ("td", "th"):
            if self._cell is not None:
                self._cell[0] = self._cell[0].strip()
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell[0] += data


def rows_of(response) -> list[tuple[dict, list]]:
    return Tables(text_of(response)).rows


def header_of(response, table_class: str) -> list[str]:
    table = text_of(response).split(f'<table class="{table_class}">', 1)[1]
    head = table.split("</thead>", 1)[0]
    return [html.unescape(h) for h in re.findall(r"<th[^>]*>([^<]*)</th>", head)]


# --- the JSON twins are the CLI's JSON ----------------------------------------------

TWINS = [
    ("kwic", {"q": '"同舟共济"'}),
    ("kwic", {"q": "疫苗 合作", "width": "12", "sort": "left"}),
    ("kwic", {"q": "合作", "counterpart": ["普京", "默克尔"], "sort": "right", "limit": "7"}),
    ("kwic", {"q": "团结 OR 合作", "affairs": "foreign", "since": "2020-03-20",
              "sort": "date-asc", "facet": ["country", "leader"]}),
    ("trend", {}),
    ("trend", {"q": "合作", "by": "week"}),
    ("trend", {"q": "疫情", "by": "day", "split": "counterpart", "affairs": "foreign"}),
    ("trend", {"by": "year", "split": "affairs", "facet": "event_type"}),
    ("trend", {"q": "-合作", "split": "part", "until": "2020-03-25"}),
    ("formulations", {}),
    ("formulations", {"q": "合作", "min_length": "5", "min_quotes": "2", "top": "20"}),
    ("formulations", {"affairs": "domestic", "top": "0"}),
    ("formulations", {"country": "美国", "min_quotes": "2", "facet": "counterpart"}),
    ("keywords", {"counterpart": "特朗普"}),
    ("keywords", {"q": "疫苗", "top": "10", "min_count": "3"}),
    ("keywords", {"affairs": "domestic", "event_type": "inspection", "facet": "section"}),
    ("keywords", {"since": "2020-04-01"}),
]  # fmt: skip


@pytest.mark.parametrize(("tool", "params"), TWINS)
def test_api_answers_what_the_cli_prints_with_json(client, seed_index_dir, tool, params):
    response = client.get(f"/api/{tool}", query_string=params)
    assert response.status_code == 200, text_of(response)
    assert response.mimetype == "application/json"
    expected = cli_json(seed_index_dir, tool, params)
    assert response.get_json() == expected
    assert text_of(response) == json.dumps(expected, ensure_ascii=False)


@pytest.mark.parametrize(("tool", "params"), [t for t in TWINS if "facet" not in t[1]])
def test_csv_downloads_are_what_the_cli_writes(client, seed_index_dir, tool, params):
    response = client.get(f"/{tool}.csv", query_string=params)
    assert response.status_code == 200, text_of(response)
    assert response.mimetype == "text/csv"
    disposition = response.headers["Content-Disposition"]
    assert disposition == f'attachment; filename="yulu-{tool}.csv"'
    args = cli_args(tool, params)
    result = CliRunner().invoke(
        main, [args[0], "--index-dir", str(seed_index_dir), "--csv", "--excel", *args[1:]]
    )
    assert result.exit_code == 0, result.stderr
    # the bytes: click's result.stdout would turn the CSV's CRLF into LF
    assert response.data == result.stdout_bytes and response.data.startswith(BOM)


# --- the pages show what the JSON says ---------------------------------------------


def kwic_lines(response, query: str) -> list[dict]:
    """The lines of a concordance page as JSON lines, checking each links to its quote
    (with the query, so that the quote page marks it)."""
    lines = []
    for attrs, cells in rows_of(response):
        date, left, match, right = (text for text, _ in cells)
        links = {link for _, hrefs in cells for link in hrefs}
        assert links == {f"/quotes/{attrs['data-id']}?" + urlencode({"q": query})}
        lines.append({"id": attrs["data-id"], "date": date, "left": left, "match": match,
                      "right": right, "start": int(attrs["data-start"]),
                      "end": int(attrs["data-end"])})  # fmt: skip
    return lines


def flat(line: dict) -> dict:
    """A JSON line as the page shows it (a paragraph break as a space)."""
    return {k: v.replace("\n", " ") if isinstance(v, str) else v for k, v in line.items()}


@pytest.mark.parametrize("sort", ["date", "left"])
def test_the_concordance_page_shows_every_line_of_the_json_page_by_page(client, sort):
    params = {"q": "合作 疫情", "sort": sort, "width": "16"}
    expected = client.get("/api/kwic", query_string=params).get_json()
    assert expected["total"] > 25
    shown, url = [], "/kwic?" + urlencode({**params, "limit": "10"})
    while url:
        response = client.get(url)
        assert response.status_code == 200
        assert page_total(response) == expected["total"]
        shown += kwic_lines(response, params["q"])
        following = re.search(r'<a rel="next" href="([^"]+)"', text_of(response))
        url = html.unescape(following.group(1)) if following else None
    assert shown == [flat(line) for line in expected["lines"]]
    first = client.get("/kwic", query_string=params)
    assert len(kwic_lines(first, params["q"])) == min(
        100, expected["total"]
    )  # a page holds 100 lines


def test_concordance_marks_each_query_string_in_its_colour(client):
    page = text_of(client.get("/kwic", query_string={"q": "疫苗 合作"}))
    marks = set(re.findall(r'<mark class="hit (t\d)">([^<]*)</mark>', page))
    assert marks == {("t0", "疫苗"), ("t1", "合作")}


def trend_table(response) -> tuple[list[str], dict[str, list[tuple[int, str | None]]]]:
    columns = header_of(response, "counts")[1:]
    table = {}
    for _, cells in rows_of(response):
        period, *counts = cells
        table[period[0]] = [(int(text), links[0] if links else None) for text, links in counts]
    return columns, table


@pytest.mark.parametrize(
    "params",
    [
        {"q": "合作", "by": "week"},
        {"by": "day", "affairs": "foreign"},
        {"q": "疫情", "by": "week", "split": "counterpart"},
        {"by": "month", "split": "part"},
        {"by": "week", "split": "country", "country": ["美国", "法国"]},
        {"by": "day", "split": "event_type", "q": "团结"},
    ],
)
def test_the_trend_page_shows_the_json_and_links_each_count_to_its_quotes(client, params):
    data = client.get("/api/trend", query_string=params).get_json()
    response = client.get("/trend", query_string=params)
    assert response.status_code == 200
    columns, table = trend_table(response)
    series = data["series"]
    totals = data.get("total", series.get("all"))
    assert list(table) == list(totals)
    if "split" in params:
        assert columns == [*series, "total"]
    else:
        assert columns == ["quotes"]
    for period, cells in table.items():
        counts = [count for count, _ in cells]
        expected = [series[name][period] for name in series] if "split" in params else []
        assert counts == [*expected, totals[period]]
    # the chart: one bar piece per non-zero count, summing to the quotes per series
    bars = BAR.findall(text_of(response).split('<figure class="chart">', 1)[1])
    assert {(p, n): int(c) for p, n, c in bars} == {
        (p, n): c for n, counts in series.items() for p, c in counts.items() if c
    }
    if "split" not in params:
        assert sum(int(c) for _, _, c in bars) == sum(totals.values()) == page_total(response)
    # each count leads to exactly the quotes it counts
    checked = 0
    for period, cells in table.items():
        names = [*series, "total"] if "split" in params else ["all"]
        for name, (count, link) in zip(names, cells, strict=True):
            if link is None:
                assert count == 0 or name in ("其他", "(none)")
                continue
            assert search_total(client, html.unescape(link)) == count, (period, name, link)
            checked += 1
    assert checked >= len(table) // 2


def test_a_period_link_counts_a_quote_in_the_period_of_its_first_day(client, seed):
    """The quotes of 3月29日至4月1日 count in March: April's link must not find them."""
    spanning = [q for q in seed.quotes if q.date[:7] != q.date_end[:7]]
    assert spanning
    response = client.get("/trend", query_string={"by": "month"})
    _, table = trend_table(response)
    for period, ((count, link),) in table.items():
        assert search_total(client, html.unescape(link)) == count
        assert count == sum(q.date.startswith(period) for q in seed.quotes)


def formulation_rows(response) -> list[dict]:
    found = []
    for _, cells in rows_of(response):
        text, quotes, times, first, last, said, to = cells

        def people(cell):
            names = re.findall(r"(\S+) (\d+)", cell[0].replace("、", " "))
            return {name: int(n) for name, n in names}, cell[1]

        found.append(
            {
                "text": text[0], "quotes": int(quotes[0]), "occurrences": int(times[0]),
                "first": first[0], "last": last[0], "leaders": people(said)[0],
                "counterparts": people(to)[0],
                "links": (text[1], quotes[1], times[1], people(said)[1], people(to)[1]),
            }
        )  # fmt: skip
    return found


@pytest.mark.parametrize(
    "params",
    [{}, {"q": "合作", "min_quotes": "2"}, {"affairs": "foreign", "min_length": "6"}],
)
def test_the_formulations_page_shows_the_json_and_links_to_exactly_its_quotes(client, params):
    data = client.get("/api/formulations", query_string=params).get_json()
    response = client.get("/formulations", query_string=params)
    assert response.status_code == 200
    rows = formulation_rows(response)
    assert [{k: v for k, v in row.items() if k != "links"} for row in rows] == data["formulations"]
    assert len(rows) >= 10
    query = params.get("q", "")
    for row, f in zip(rows, data["formulations"], strict=True):
        search, quotes_link, kwic_link, said, to = row["links"]
        search = html.unescape(search[0])
        phrase = f'"{f["text"]}"'
        assert parse_qs(urlsplit(search).query)["q"] == [f"{query} {phrase}".strip()]
        assert html.unescape(quotes_link[0]) == search
        assert search_total(client, search) == f["quotes"]
        kwic = urlsplit(kwic_link[0])  # HTMLParser has unescaped the attribute
        assert kwic.path == "/kwic"
        assert parse_qs(kwic.query) == {**parse_qs(urlsplit(search).query), "centre": [phrase]}
    for row, f in list(zip(rows, data["formulations"], strict=True))[:8]:
        _, _, _, said, to = row["links"]
        for link, count in zip(said, f["leaders"].values(), strict=True):
            assert search_total(client, html.unescape(link)) == count, link
        for link, count in zip(to, f["counterparts"].values(), strict=True):
            assert search_total(client, html.unescape(link)) == count, link
    # the concordance of a formulation holds each of its occurrences, with a query too
    for row, f in list(zip(rows, data["formulations"], strict=True))[:5]:
        kwic = urlsplit(row["links"][2][0])
        lines = client.get("/api/kwic?" + kwic.query).get_json()
        assert lines["total"] == f["occurrences"]
        assert len({line["id"] for line in lines["lines"]}) == f["quotes"]
        assert {line["match"] for line in lines["lines"]} == {f["text"]}


def test_a_formulation_link_keeps_a_filter_already_set_on_its_field(client):
    """With counterparts filtered already, a counterpart link adds a clause, so the
    count stays that of the quotes to both."""
    params = {"counterpart": ["马克龙", "默克尔", "特朗普", "普京"], "min_quotes": "2"}
    data = client.get("/api/formulations", query_string=params).get_json()
    rows = formulation_rows(client.get("/formulations", query_string=params))
    checked = 0
    for row, f in zip(rows, data["formulations"], strict=True):
        for link, count in zip(row["links"][4], f["counterparts"].values(), strict=True):
            link = html.unescape(link)
            assert parse_qs(urlsplit(link).query)["counterpart"] == params["counterpart"]
            assert search_total(client, link) == count
            checked += 1
    assert checked >= 3


def test_the_keywords_page_shows_the_json_with_links_to_search_and_concordance(client):
    params = {"counterpart": "特朗普"}
    data = client.get("/api/keywords", query_string=params).get_json()
    response = client.get("/keywords", query_string=params)
    assert response.status_code == 200
    rows = rows_of(response)
    assert len(rows) == len(data["keywords"]) >= 5
    for (_, cells), k in zip(rows, data["keywords"], strict=True):
        word, count, corpus, g2, effect, *_, context = cells  # then %DIFF and p
        assert (word[0], int(count[0]), int(corpus[0])) == (
            k["word"],
            k["count"],
            k["corpus_count"],
        )
        assert (g2[0], effect[0]) == (f"{k['g2']:.2f}", f"{k['effect']:.2f}")
        search = html.unescape(word[1][0])
        assert parse_qs(urlsplit(search).query) == {"q": [f'"{k["word"]}"'], **{
            "counterpart": ["特朗普"]}}  # fmt: skip
        assert search_total(client, search) >= 1
        kwic = urlsplit(context[1][0])  # HTMLParser has unescaped the attribute
        assert kwic.path == "/kwic"
        assert parse_qs(kwic.query) == {**parse_qs(urlsplit(search).query),
                                        "centre": [f'"{k["word"]}"']}  # fmt: skip
        lines = client.get("/api/kwic?" + kwic.query).get_json()["lines"]
        assert lines and all(line["match"].lower() == k["word"] for line in lines)


# --- navigation ---------------------------------------------------------------------


def tab_links(response) -> dict[str, str]:
    nav = text_of(response).split('<nav class="tabs"', 1)[1].split("</nav>", 1)[0]
    return {title: html.unescape(link) for link, title in
            re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', nav)}  # fmt: skip


def test_tabs_carry_the_query_filters_and_period_and_nothing_else(client, seed_index_dir):
    shared = {"q": "合作", "counterpart": ["普京", "默克尔"], "since": "2020-03-01"}
    search = client.get("/", query_string={**shared, "sort": "date", "limit": "5"})
    links = tab_links(search)
    assert list(links) == ["Search", "Concordance", "Trends", "Formulations", "Keywords", "Words",
                           "Collocates", "Clusters", "Dispersion"]  # fmt: skip
    for title, link in links.items():
        assert parse_qs(urlsplit(link).query) == {k: [v] if isinstance(v, str) else v
                                                  for k, v in shared.items()}, title  # fmt: skip
    kwic = client.get(links["Concordance"])
    assert kwic.status_code == 200
    expected = cli_json(seed_index_dir, "kwic", shared)
    assert page_total(kwic) == expected["total"]
    trend = client.get("/trend", query_string={**shared, "by": "week", "split": "country"})
    assert parse_qs(urlsplit(tab_links(trend)["Search"]).query) == parse_qs(
        urlsplit(links["Search"]).query
    )
    assert 'aria-current="page">Trends<' in text_of(trend)


def test_facet_links_on_a_tool_page_narrow_the_same_tool(client, seed_index_dir):
    response = client.get("/formulations", query_string={"q": "合作", "min_quotes": "2"})
    page = text_of(response).split('<aside class="facets"', 1)[1]
    links = re.findall(r'<a href="(/formulations[^"]+)"><span class="tick"', page)
    assert len(links) > 10
    link = html.unescape(next(link for link in links if "counterpart=" in link))
    params = parse_qs(urlsplit(link).query)
    assert params["min_quotes"] == ["2"] and params["q"] == ["合作"]
    assert client.get(link).status_code == 200
    narrowed = client.get("/api/formulations?" + urlsplit(link).query).get_json()
    flat_params = {k: v[0] for k, v in params.items()}
    assert narrowed == cli_json(seed_index_dir, "formulations", flat_params)


def test_the_search_timeline_links_to_the_trends_of_the_same_search(client):
    page = text_of(client.get("/", query_string={"q": "合作", "affairs": "foreign"}))
    link = html.unescape(re.search(r'<a class="more-trends" href="([^"]+)"', page).group(1))
    assert parse_qs(urlsplit(link).query) == {"q": ["合作"], "affairs": ["foreign"], "by": ["week"]}
    assert client.get(link).status_code == 200


def test_the_json_and_csv_links_of_a_page_are_its_twins(client):
    response = client.get("/kwic", query_string={"q": "合作", "sort": "right", "offset": "10"})
    page = text_of(response)
    json_link = html.unescape(re.search(r'<a href="(/api/kwic[^"]+)">JSON', page).group(1))
    csv_link = html.unescape(re.search(r'<a href="(/kwic\.csv[^"]+)" download>', page).group(1))
    assert parse_qs(urlsplit(json_link).query) == {
        "q": ["合作"], "sort": ["right"], "offset": ["10"], "limit": ["100"]
    }  # fmt: skip
    data = client.get(json_link).get_json()
    assert [line["id"] for line in data["lines"]] == [a["data-id"] for a, _ in rows_of(response)]
    assert parse_qs(urlsplit(csv_link).query) == {"q": ["合作"], "sort": ["right"]}


# --- limits -------------------------------------------------------------------------


def test_rows_above_the_maximum_are_capped_and_say_so(client, monkeypatch):
    page = text_of(client.get("/kwic", query_string={"q": "中", "limit": "5000"}))
    assert "limit 5000 is above the maximum of 1000; showing 1000" in page
    page = text_of(client.get("/formulations", query_string={"top": "1001", "min_quotes": "2"}))
    assert "top 1001 is above the maximum of 1000; showing 1000" in page
    response = client.get("/api/keywords", query_string={"q": "合作", "top": "10001"})
    assert response.get_json()["notices"] == [
        "top 10001 is above the maximum of 10000; showing 10000"
    ]
    assert response.headers["X-Yulu-Notice"] == response.get_json()["notices"][0]
    monkeypatch.setattr(web_app, "ROWS_API_MAX", 40)
    data = client.get("/api/kwic", query_string={"q": "中"}).get_json()
    assert len(data["lines"]) == 40 < data["total"]
    assert data["notices"] == [
        f"showing lines 1–40 of {data['total']}; page through them with limit and offset"
    ]
    rest = client.get("/api/kwic", query_string={"q": "中", "offset": "40"}).get_json()
    every = client.get("/kwic.csv", query_string={"q": "中"})
    rows = list(csv.DictReader(io.StringIO(text_of(every).removeprefix("\ufeff"))))
    assert len(rows) == data["total"]  # a download holds every line
    as_rows = [{k: str(v) for k, v in line.items()} for line in data["lines"] + rest["lines"]]
    assert as_rows == rows[:80]


# --- bad input ----------------------------------------------------------------------

BAD = [
    ("trend", {"by": "decade"}),
    ("trend", {"split": "colour"}),
    ("trend", {"facet": "colour"}),
    ("kwic", {"q": "合作", "width": "-1"}),
    ("kwic", {"q": "合作", "width": "abc"}),
    ("kwic", {"q": "合作", "sort": "relevance"}),
    ("kwic", {"q": "合作", "limit": "-5"}),
    ("formulations", {"min_length": "0"}),
    ("formulations", {"min_quotes": "1"}),
    ("formulations", {"top": "-1"}),
    ("formulations", {"affairs": "elsewhere"}),
    ("keywords", {"q": "合作", "top": "x"}),
    ("keywords", {"q": "合作", "min_count": "0"}),
    ("keywords", {"since": "2020-02-30"}),
]


@pytest.mark.parametrize(("tool", "params"), BAD)
def test_bad_options_get_400_worded_as_the_cli_words_them(client, seed_index_dir, tool, params):
    bad = next(name for name in params if name != "q")
    message = cli_error(seed_index_dir, tool, params)
    flag = f"--{bad.replace('_', '-')}"
    expected = message.replace(f"'{flag}'", f"'{bad}'").replace(flag, bad)
    api = client.get(f"/api/{tool}", query_string=params)
    assert api.status_code == 400 and api.get_json() == {"error": expected}
    page = client.get(f"/{tool}", query_string=params)
    assert page.status_code == 400
    shown = html.unescape(re.sub(r"<[^>]+>", "", ALERT.search(text_of(page)).group(1)))
    assert shown == f"Cannot answer: {expected}"
    assert "Traceback" not in text_of(page)
    download = client.get(f"/{tool}.csv", query_string=params)
    assert download.status_code == 400 and download.get_json() == {"error": expected}


@pytest.mark.parametrize("tool", ["kwic", "trend", "formulations", "keywords"])
@pytest.mark.parametrize("query", ['"人类命运', "(合作 OR 支持", "foo:bar", "合作 AND"])
def test_bad_queries_get_400_with_the_clis_message(client, seed_index_dir, tool, query):
    message = cli_error(seed_index_dir, tool, {"q": query})
    assert client.get(f"/api/{tool}", query_string={"q": query}).get_json() == {"error": message}
    page = client.get(f"/{tool}", query_string={"q": query})
    assert page.status_code == 400
    assert html.unescape(ALERT.search(text_of(page)).group(1)).endswith(message)


def test_what_a_tool_cannot_use_is_400_with_the_clis_message(client, seed_index_dir):
    for tool, params in [("kwic", {"q": " "}), ("kwic", {"q": "counterpart:普京"}),
                         ("keywords", {})]:  # fmt: skip
        code, _, err = cli(seed_index_dir, [tool, "--", params["q"]] if params else [tool])
        assert code == 2
        message = err.strip().removeprefix("Error: ")
        response = client.get(f"/api/{tool}", query_string=params)
        assert response.status_code == 400 and response.get_json() == {"error": message}
    page = client.get("/kwic", query_string={"q": "counterpart:普京"})
    assert page.status_code == 400 and "no word or phrase to show in context" in text_of(page)


def test_an_empty_concordance_or_keywords_page_asks_for_what_it_needs(client):
    for path in ("/kwic", "/kwic?q=", "/keywords", "/keywords?top=5"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert '<p class="prompt"' in text_of(response) and "Give " in text_of(response)
        assert '<aside class="facets"' in text_of(response)  # pick a filter from here


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/trend?limit=5", "unknown parameter 'limit'; parameters are q, counterpart"),
        ("/api/formulations?sort=date", "unknown parameter 'sort'"),
        ("/api/keywords?q=合作&top=1&top=2", "parameter 'top' is given 2 times; give it once"),
        ("/api/kwic?q=合作&width=5&width=6", "parameter 'width' is given 2 times"),
        ("/trend.csv?facet=country", "facet counts are written in JSON, not CSV"),
    ],
)
def test_unknown_repeated_or_misplaced_parameters_are_400(client, url, message):
    response = client.get(url)
    assert response.status_code == 400
    if response.mimetype == "application/json":
        assert message in response.get_json()["error"]
    else:
        assert message in html.unescape(text_of(response))


def test_unknown_tool_paths_are_404(client):
    for path in ("/kwics", "/api/trends", "/formulation.csv", "/kwic/x"):
        assert client.get(path).status_code == 404, path
    assert client.post("/api/kwic?q=合作").status_code == 405


# --- escaping -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_client(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile-tools")
    (folder / "evil.toml").write_text(
        'title = "<i>恶意</i>文档"\nyear = 2020\nleader = "习近平"\n', encoding="utf-8"
    )
    quotes = []
    for day in range(10, 16):
        quotes.append(
            f"中方支持<script>alert({day})</script>合作，反对<b>霸凌</b>&amp;强权，携手应对挑战。\n"
            f"——3月{day}日，习近平同<img src=x onerror=alert(2)>总统普京通电话\n"
        )
    (folder / "evil.txt").write_text(
        "二、在外事活动中的重要论述\n"
        '（一）关于<script>alert("section")</script>合作\n' + "".join(quotes),
        encoding="utf-8",
    )
    index = tmp_path_factory.mktemp("hostile-tools-index")
    build_index(index, [folder])
    app = create_app(index)
    yield app.test_client()
    app.extensions["yulu"].close()


RAW = ("<script>alert", "<b>霸凌", "<img src=x", "<i>恶意", 'alert("section")</script>')


@pytest.mark.parametrize(
    "url",
    [
        "/kwic?q=合作&width=60",
        "/kwic?q=script&sort=left",
        "/trend?split=section&by=day",
        "/trend?split=counterpart",
        "/trend?split=leader&q=合作",
        "/formulations?min_quotes=2&min_length=2",
        "/keywords?q=合作",
        '/keywords?section=关于<script>alert("section")</script>合作',
    ],
)
def test_hostile_corpus_text_is_shown_as_text_on_every_tool_page(hostile_client, url):
    response = hostile_client.get(url)
    assert response.status_code == 200, text_of(response)
    page = text_of(response)
    for raw in RAW:
        assert raw not in page, (raw, url)
    if url.startswith("/kwic?q=合作"):
        assert "&lt;script&gt;alert(" in page and "&lt;b&gt;霸凌&lt;/b&gt;&amp;amp;" in page
    if "split=section" in url:
        assert "关于&lt;script&gt;alert(&#34;section&#34;)&lt;/script&gt;合作" in page  # table
        assert "关于&lt;script&gt;alert(&quot;section&quot;)&lt;/script&gt;合作" in page  # chart


@pytest.mark.parametrize("tool", ["kwic", "trend", "formulations", "keywords"])
@pytest.mark.parametrize(
    "query", ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "{{ 7*7 }}"]
)  # fmt: skip
def test_hostile_query_text_is_escaped_on_every_tool_page(client, tool, query):
    for params in ({"q": query}, {"q": "合作", "counterpart": query}):
        response = client.get(f"/{tool}", query_string=params)
        assert response.status_code in (200, 400)
        page = text_of(response)
        assert "<script>alert" not in page and "<img src=x" not in page
        assert "Traceback" not in page
    page = text_of(client.get("/trend", query_string={"q": query}))
    assert "<script>alert" not in page.split("<svg", 1)[-1]


def test_tool_pages_have_no_inline_script_and_fetch_nothing_from_elsewhere(client):
    for path in ("/kwic?q=合作", "/trend?split=country", "/formulations", "/keywords?q=合作"):
        response = client.get(path)
        page = text_of(response)
        assert "default-src 'self'" in response.headers["Content-Security-Policy"]
        assert "<script>" not in page
        assert not re.search(r'(?:src|href)="(?:https?:)?//', page)


def test_a_concordance_page_past_the_end_links_back_to_the_first(client):
    response = client.get("/kwic", query_string={"q": "合作", "offset": "5000", "width": "5"})
    assert response.status_code == 200 and rows_of(response) == []
    back = html.unescape(re.search(r'<a href="([^"]+)">back to the first page', text_of(response))
                         .group(1))  # fmt: skip
    assert parse_qs(urlsplit(back).query) == {"q": ["合作"], "width": ["5"]}
    every = client.get("/api/kwic", query_string={"q": "合作"}).get_json()["total"]
    assert len(rows_of(client.get(back))) == every < 100


def test_a_search_page_that_fails_still_offers_the_other_views(client):
    response = client.get("/", query_string={"q": '"未闭合', "counterpart": "普京"})
    assert response.status_code == 400
    links = tab_links(response)
    assert parse_qs(urlsplit(links["Concordance"]).query) == {
        "q": ['"未闭合'], "counterpart": ["普京"]
    }  # fmt: skip


def test_the_json_link_keeps_the_facets_asked_for(client, seed_index_dir):
    params = {"q": "合作", "by": "week", "facet": ["country", "leader"]}
    page = text_of(client.get("/trend", query_string=params))
    link = html.unescape(re.search(r'<a href="(/api/trend[^"]+)">JSON', page).group(1))
    assert client.get(link).get_json() == cli_json(seed_index_dir, "trend", params)
    assert set(client.get(link).get_json()["facets"]) == {"country", "leader"}
