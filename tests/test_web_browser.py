"""A real browser (headless Chromium through Selenium) against a running ``yulu serve``:
search, see the marks, click a facet, open a quote, go back; the same without
JavaScript; a phone-sized window; visible focus. Screenshots are kept as artefacts."""

from __future__ import annotations

import os
import re
import shutil
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from test_web_server import Server

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
if not (CHROMIUM and DRIVER):
    if os.environ.get("CI"):
        raise RuntimeError("CI needs chromium and chromedriver (.ci/run installs them)")
    pytest.skip("chromium and chromedriver are not installed", allow_module_level=True)

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.options import Options  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support import expected_conditions as ec  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

#: Without the networking flags Chromium's own background connections are refused here.
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--window-size=1280,1000"]  # fmt: skip
WAIT = 30


@pytest.fixture(scope="module")
def server(seed_index_dir):
    running = Server(seed_index_dir)
    yield running
    code, _, err = running.stop()
    assert code == 0, err


def browser(profile, javascript: bool = True):
    options = Options()
    options.binary_location = CHROMIUM
    for flag in [*FLAGS, f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    if not javascript:
        options.add_experimental_option(
            "prefs", {"profile.managed_default_content_settings.javascript": 2}
        )
    driver = webdriver.Chrome(options=options, service=Service(executable_path=DRIVER))
    driver.set_page_load_timeout(WAIT)
    return driver


@pytest.fixture
def chrome(tmp_path):
    driver = browser(tmp_path / "profile")
    yield driver
    driver.quit()


def total(driver) -> int:
    return int(driver.find_element(By.CSS_SELECTOR, "strong.count").text)


def params(driver) -> dict[str, list[str]]:
    return parse_qs(urlsplit(driver.current_url).query)


@pytest.fixture
def keep(tmp_path, capsys):
    """Save a screenshot as a test artefact and say where, even with output captured."""

    def save(driver, name: str) -> None:
        path = tmp_path / f"{name}.png"
        driver.save_screenshot(str(path))
        with capsys.disabled():
            print(f"\nscreenshot: {path}")

    return save


def facet_link(driver, facet: str, index: int = 0):
    box = driver.find_element(By.XPATH, f"//section[@class='facet'][h2[text()='{facet}']]")
    return box.find_elements(By.CSS_SELECTOR, "li a")[index]


def search(driver, server, query: str) -> None:
    driver.get(server.url)
    box = driver.find_element(By.ID, "q")
    box.clear()
    box.send_keys(query)
    box.send_keys(Keys.ENTER)
    WebDriverWait(driver, WAIT).until(lambda d: "q=" in d.current_url)


def test_search_facet_quote_and_back(chrome, server, keep, seed):
    search(chrome, server, "人类命运共同体")
    assert params(chrome)["q"] == ["人类命运共同体"]
    assert total(chrome) == 16
    marks = chrome.find_elements(By.CSS_SELECTOR, "ol.hits .snippet mark")
    assert len(marks) >= 16 and {m.text for m in marks} == {"人类命运共同体"}
    assert marks[0].value_of_css_property("background-color") != "rgba(0, 0, 0, 0)"
    assert chrome.find_element(By.CSS_SELECTOR, "figure.timeline svg").is_displayed()
    keep(chrome, "search")

    link = facet_link(chrome, "Counterpart")
    value = link.find_element(By.CSS_SELECTOR, ".value").text
    count = int(link.find_element(By.CSS_SELECTOR, ".n").text)
    assert count < 16
    link.click()
    WebDriverWait(chrome, WAIT).until(lambda d: "counterpart=" in d.current_url)
    assert params(chrome)["counterpart"] == [value]
    assert total(chrome) == count
    assert "on" in facet_link(chrome, "Counterpart").get_attribute("class")
    chip = chrome.find_element(By.CSS_SELECTOR, ".chips a").text
    assert value in chip
    filtered_url = chrome.current_url
    keep(chrome, "facet")

    first = chrome.find_element(By.CSS_SELECTOR, "ol.hits .snippet a")
    first.click()
    WebDriverWait(chrome, WAIT).until(lambda d: "/quotes/" in d.current_url)
    quote_id = re.search(r"/quotes/(\w+)", chrome.current_url).group(1)
    quote = next(q for q in seed.quotes if q.id == quote_id)
    heading = chrome.find_element(By.TAG_NAME, "h1").text
    assert heading == quote.event
    body = chrome.find_element(By.CSS_SELECTOR, ".quote .body").text
    assert body.replace("\n", "") == quote.text.replace("\n", "")
    assert {m.text for m in chrome.find_elements(By.CSS_SELECTOR, ".quote .body mark")} == {
        "人类命运共同体"
    }
    assert value in chrome.find_element(By.CSS_SELECTOR, ".facts").text
    keep(chrome, "quote")

    chrome.back()
    WebDriverWait(chrome, WAIT).until(lambda d: d.current_url == filtered_url)
    assert total(chrome) == count
    assert unquote(chrome.current_url).count(value) == 1


def test_the_sort_menu_applies_at_once_with_javascript(chrome, server, seed):
    search(chrome, server, "合作")
    Select(chrome.find_element(By.NAME, "sort")).select_by_value("date-asc")
    WebDriverWait(chrome, WAIT).until(lambda d: "sort=date-asc" in d.current_url)
    dates = [
        t.get_attribute("datetime")
        for t in chrome.find_elements(By.CSS_SELECTOR, "ol.hits .meta time")
    ]
    assert dates == sorted(dates) and len(dates) == 20


def test_everything_works_without_javascript(tmp_path, server):
    driver = browser(tmp_path / "profile", javascript=False)
    try:
        search(driver, server, '"疫情防控"')
        before = total(driver)
        link = facet_link(driver, "Affairs")
        count = int(link.find_element(By.CSS_SELECTOR, ".n").text)
        link.click()
        WebDriverWait(driver, WAIT).until(lambda d: "affairs=" in d.current_url)
        assert total(driver) == count <= before
        Select(driver.find_element(By.NAME, "sort")).select_by_value("date")
        driver.find_element(By.CSS_SELECTOR, "form.search button").click()
        WebDriverWait(driver, WAIT).until(lambda d: "sort=date" in d.current_url)
        assert total(driver) == count and params(driver)["affairs"]
        nxt = driver.find_elements(By.CSS_SELECTOR, "a[rel=next]")
        if nxt:
            nxt[0].click()
            WebDriverWait(driver, WAIT).until(lambda d: "offset=" in d.current_url)
    finally:
        driver.quit()


def test_a_phone_sized_window_stacks_the_filters_and_never_scrolls_sideways(chrome, server, keep):
    chrome.set_window_size(390, 844)
    search(chrome, server, "人类命运共同体")
    results = chrome.find_element(By.CSS_SELECTOR, ".results").rect
    facets = chrome.find_element(By.CSS_SELECTOR, ".facets").rect
    assert facets["y"] > results["y"] and facets["x"] == pytest.approx(results["x"], abs=2)
    wide = chrome.execute_script("return document.documentElement.scrollWidth")
    assert wide <= chrome.execute_script("return window.innerWidth")
    assert chrome.find_element(By.CSS_SELECTOR, "a.filters-link").is_displayed()
    keep(chrome, "phone")


def test_keyboard_focus_is_visible(chrome, server):
    search(chrome, server, "合作")
    chrome.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    for _ in range(3):
        active = chrome.switch_to.active_element
        style = active.value_of_css_property("outline-style")
        assert style not in ("none", ""), active.get_attribute("outerHTML")[:80]
        active.send_keys(Keys.TAB)
    WebDriverWait(chrome, WAIT).until(ec.presence_of_element_located((By.ID, "q")))


def test_concordance_tab_then_a_formulation_back_to_the_search(chrome, server, keep):
    search(chrome, server, "合作")
    chrome.find_element(By.CSS_SELECTOR, "nav.tabs").find_element(
        By.LINK_TEXT, "Concordance"
    ).click()
    WebDriverWait(chrome, WAIT).until(lambda d: urlsplit(d.current_url).path == "/kwic")
    assert params(chrome)["q"] == ["合作"]
    lines = total(chrome)
    rows = chrome.find_elements(By.CSS_SELECTOR, "table.kwic tbody tr")
    assert len(rows) == min(100, lines) and lines >= 49
    marks = chrome.find_elements(By.CSS_SELECTOR, "table.kwic td.match mark")
    assert {m.text for m in marks} == {"合作"}
    # aligned on the match: every mark starts at the same place, whatever the font
    assert max(m.rect["x"] for m in marks) - min(m.rect["x"] for m in marks) < 1
    lefts = chrome.find_elements(By.CSS_SELECTOR, "table.kwic td.left")
    assert {round(c.rect["x"] + c.rect["width"]) for c in lefts[:20]} == {
        round(lefts[0].rect["x"] + lefts[0].rect["width"])
    }
    keep(chrome, "concordance")

    chrome.find_element(By.CSS_SELECTOR, "nav.tabs").find_element(
        By.LINK_TEXT, "Formulations"
    ).click()
    WebDriverWait(chrome, WAIT).until(lambda d: urlsplit(d.current_url).path == "/formulations")
    first = chrome.find_element(By.CSS_SELECTOR, "table.formulations tbody tr")
    text = first.find_element(By.CSS_SELECTOR, "th a").text
    quotes = int(first.find_elements(By.CSS_SELECTOR, "td")[0].text)
    keep(chrome, "formulations")
    first.find_element(By.CSS_SELECTOR, "th a").click()
    WebDriverWait(chrome, WAIT).until(lambda d: urlsplit(d.current_url).path == "/")
    assert params(chrome)["q"] == [f'合作 "{text}"']
    assert total(chrome) == quotes
    shown = {m.text for m in chrome.find_elements(By.CSS_SELECTOR, "ol.hits .snippet mark")}
    assert text in shown
    chrome.back()
    WebDriverWait(chrome, WAIT).until(lambda d: urlsplit(d.current_url).path == "/formulations")


def test_trends_page_draws_the_chart_and_links_a_period(chrome, server, keep):
    chrome.get(server.url + "trend?q=%E7%96%AB%E6%83%85&by=week&split=affairs")
    chart = chrome.find_element(By.CSS_SELECTOR, "figure.chart svg")
    assert chart.is_displayed() and chart.size["width"] > 300
    keep(chrome, "trends")
    period = chrome.find_element(By.CSS_SELECTOR, "table.counts tbody th a")
    count = int(chrome.find_element(By.CSS_SELECTOR, "table.counts tbody td.total").text)
    period.click()
    WebDriverWait(chrome, WAIT).until(lambda d: urlsplit(d.current_url).path == "/")
    assert total(chrome) == count
    assert params(chrome)["q"][0].startswith("疫情 date:[")


@pytest.mark.parametrize(
    "path", ["kwic?q=%E5%90%88%E4%BD%9C", "formulations", "trend?split=counterpart"]
)
def test_tool_pages_on_a_phone_scroll_their_tables_not_the_page(chrome, server, keep, path):
    chrome.set_window_size(390, 844)
    chrome.get(server.url + path)
    table = chrome.find_element(By.CSS_SELECTOR, ".scroll table")
    assert table.is_displayed()
    wide = chrome.execute_script("return document.documentElement.scrollWidth")
    assert wide <= chrome.execute_script("return window.innerWidth")
    keep(chrome, "phone-" + path.split("?")[0])


def test_each_remark_once_and_also_in(chrome, server, keep):
    search(chrome, server, "不得人心")
    assert total(chrome) == 2  # the remark in full and an excerpt of it
    chrome.find_element(By.NAME, "distinct_remarks").click()
    chrome.find_element(By.CSS_SELECTOR, "form.search button[type=submit]").click()
    WebDriverWait(chrome, WAIT).until(lambda d: "distinct_remarks=1" in d.current_url)
    assert total(chrome) == 1
    assert chrome.find_element(By.NAME, "distinct_remarks").is_selected()
    chrome.get(f"{server.url}quotes/6db7afe5d800")
    also = chrome.find_element(By.CSS_SELECTOR, "section.also-in")
    assert also.is_displayed() and "Also in" in also.text
    keep(chrome, "also-in")
    also.find_element(By.CSS_SELECTOR, "li a").click()
    WebDriverWait(chrome, WAIT).until(lambda d: d.current_url.endswith("/quotes/5a5dcda10306"))
