"""Every link and form of the search, quote and tool pages works: a crawler (Flask's test
client and the standard HTML parser) follows each one from the pages of a search with a
query, filters and a period, and no answer is a 4xx or 5xx."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urlencode, urljoin, urlsplit

import pytest

#: A search with a query, two filters and a period: every kind of chip and link shows.
SEARCH = "q=合作&affairs=foreign&event_type=phone_call&since=2020-01-01&until=2020-12-31"
TOOLS = ("/kwic", "/trend", "/formulations", "/keywords")


class Page(HTMLParser):
    """The links (``href`` of ``a``), forms (as the GET URLs their defaults submit) and
    element ids of one HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.forms: list[str] = []
        self.ids: set[str] = set()
        self._form: tuple[str, list[tuple[str, str]]] | None = None
        self._select: str | None = None
        self._first_option: str | None = None
        self._chosen = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
        elif tag == "form" and a.get("method", "get").lower() == "get":
            self._form = (a.get("action", ""), [])
        elif self._form is not None and tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind not in ("checkbox", "radio") or "checked" in a:
                self._form[1].append((a["name"], a.get("value", "")))
        elif self._form is not None and tag == "select":
            self._select, self._first_option, self._chosen = a.get("name"), None, False
        elif self._select is not None and tag == "option":
            if self._first_option is None:
                self._first_option = a.get("value", "")
            if "selected" in a and self._form is not None:
                self._form[1].append((self._select, a.get("value", "")))
                self._chosen = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "select" and self._select is not None and self._form is not None:
            if not self._chosen and self._first_option is not None:
                self._form[1].append((self._select, self._first_option))
            self._select = None
        elif tag == "form" and self._form is not None:
            action, fields = self._form
            self.forms.append(f"{action}?{urlencode(fields)}")
            self._form = None


def parsed(html: str) -> Page:
    page = Page()
    page.feed(html)
    return page


def crawl(client, start: str) -> tuple[list[str], list[str]]:
    """Every link and form submission of the page at ``start`` fetched: the ones that
    failed (with their status) and the ones followed."""
    answer = client.get(start)
    assert answer.status_code == 200, (start, answer.status_code)
    page = parsed(answer.get_data(as_text=True))
    failed, followed = [], []
    for target in [*page.links, *page.forms]:
        url = urljoin(f"http://localhost{start}", target)
        parts = urlsplit(url)
        if parts.netloc != "localhost":
            continue  # another site: not ours to check
        if target.startswith("#"):
            if target[1:] not in page.ids:
                failed.append(f"{target} (no such element) on {start}")
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        status = client.get(path).status_code
        followed.append(path)
        if status >= 400:
            failed.append(f"{status} {target!r} on {start}")
    return failed, followed


def first_quote(client) -> str:
    page = parsed(client.get(f"/?{SEARCH}").get_data(as_text=True))
    return next(link for link in page.links if link.startswith("/quotes/"))


@pytest.mark.parametrize(
    "start",
    [
        f"/?{SEARCH}",
        *(f"{tool}?{SEARCH}" for tool in TOOLS),
        f"/trend?{SEARCH}&count=events&share=true&by=week",
        "/trend?q=合作+斗争&compare=true&affairs=foreign",
    ],
)
def test_every_link_and_form_of_a_filtered_page_answers(client, start):
    failed, followed = crawl(client, start)
    assert not failed, failed
    assert len(followed) > 10  # the page was a real one


def test_every_link_of_a_quote_page_answers(client):
    failed, followed = crawl(client, first_quote(client))
    assert not failed, failed
    assert followed


def test_clear_filters_keeps_the_query_and_drops_every_filter(client):
    page = client.get(f"/?{SEARCH}").get_data(as_text=True)
    assert 'class="clear" href="/?q=%E5%90%88%E4%BD%9C"' in page
