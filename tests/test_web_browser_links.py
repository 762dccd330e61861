"""Every link and form of the search, quote and tool pages, as a real browser sees them
(headless Chromium against ``yulu serve``), for a search with a query, filters and a
period: each link the page holds and each form as the browser would submit it answers
without a 4xx or 5xx, and each in-page link names an element of the page. (The same
crawl through Flask's test client, without a browser: tests/test_web_links.py.)"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from test_web_browser import By, browser  # skips this module too without Chromium
from web_kit import Server

SEARCH = "q=合作&affairs=foreign&event_type=phone_call&since=2020-01-01&until=2020-12-31"
PAGES = ["/", "/kwic", "/trend", "/formulations", "/keywords"]
#: Each form's URL as the browser would submit it with the values it shows.
FORM_URLS = """
return Array.from(document.forms).filter(f => (f.method || 'get').toLowerCase() === 'get')
  .map(f => f.action + '?' + new URLSearchParams(new FormData(f)).toString());
"""


@pytest.fixture(scope="module")
def server(seed_index_dir):
    running = Server(seed_index_dir)
    yield running
    code, _, err = running.stop()
    assert code == 0, err


@pytest.fixture(scope="module")
def chrome(tmp_path_factory):
    driver = browser(tmp_path_factory.mktemp("profile"))
    yield driver
    driver.quit()


def crawl(chrome, server, path: str) -> tuple[list[str], int]:
    """The links and forms of the page at ``path`` that fail, and how many were tried."""
    chrome.get(server.url + path.lstrip("/"))
    links = [a.get_attribute("href") for a in chrome.find_elements(By.CSS_SELECTOR, "a[href]")]
    targets = [*links, *chrome.execute_script(FORM_URLS)]
    failed, tried = [], 0
    here = urlsplit(chrome.current_url)
    for target in dict.fromkeys(targets):
        parts = urlsplit(target)
        if parts.netloc != here.netloc:
            continue  # another site
        if parts.fragment and (parts.path, parts.query) == (here.path, here.query):
            if not chrome.find_elements(By.ID, parts.fragment):
                failed.append(f"#{parts.fragment}: no such element on {path}")
            continue
        status, _ = server.get(parts.path + (f"?{parts.query}" if parts.query else ""))
        tried += 1
        if status >= 400:
            failed.append(f"{status} {target} on {path}")
    return failed, tried


@pytest.mark.parametrize("page", PAGES)
def test_every_link_and_form_of_a_filtered_page_answers_in_a_browser(chrome, server, page):
    failed, tried = crawl(chrome, server, f"{page}?{SEARCH}")
    assert not failed, failed
    assert tried > 10


def test_every_link_of_a_quote_page_answers_in_a_browser(chrome, server):
    chrome.get(server.url + f"?{SEARCH}")
    first = chrome.find_element(By.CSS_SELECTOR, "ol.hits a[href*='/quotes/']")
    quote = urlsplit(first.get_attribute("href"))
    failed, tried = crawl(chrome, server, f"{quote.path}?{quote.query}")
    assert not failed, failed
    assert tried > 3
