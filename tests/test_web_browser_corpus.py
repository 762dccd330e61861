"""The corpus tools' tabs in a real browser (headless Chromium through Selenium, the
harness of :mod:`test_web_browser`): reach each tab from a search, change its options
with the form, follow a row's link to exactly the quotes or lines it names."""

from __future__ import annotations

import json
from urllib.parse import urlsplit
from urllib.request import urlopen

import test_web_browser as harness
from test_web_browser import WAIT, By, WebDriverWait, params, search, total

# the harness's fixtures: a running ``yulu serve``, a browser, screenshots kept
server, chrome, keep = harness.server, harness.chrome, harness.keep


def open_tab(driver, title: str, path: str) -> None:
    driver.find_element(By.CSS_SELECTOR, "nav.tabs").find_element(By.LINK_TEXT, title).click()
    WebDriverWait(driver, WAIT).until(lambda d: urlsplit(d.current_url).path == path)


def test_words_tab_lists_n_grams_and_links_a_word_to_its_concordance(chrome, server, keep):
    search(chrome, server, "合作")
    open_tab(chrome, "Words", "/words")
    assert params(chrome)["q"] == ["合作"]
    first = chrome.find_element(By.CSS_SELECTOR, "table.words tbody tr th").text
    assert first  # the most frequent word of the quotes holding 合作
    box = chrome.find_element(By.NAME, "ngram")
    box.send_keys("4")
    box.submit()
    WebDriverWait(chrome, WAIT).until(lambda d: "ngram=4" in d.current_url)
    words = [th.text for th in chrome.find_elements(By.CSS_SELECTOR, "table.words tbody th")]
    assert words and all(len(w) == 4 for w in words)
    keep(chrome, "words")
    row = chrome.find_element(By.CSS_SELECTOR, "table.words tbody tr")
    freq = int(row.find_elements(By.CSS_SELECTOR, "td")[0].text)
    row.find_element(By.LINK_TEXT, "concordance").click()
    WebDriverWait(chrome, WAIT).until(lambda d: urlsplit(d.current_url).path == "/kwic")
    marks = {m.text for m in chrome.find_elements(By.CSS_SELECTOR, "table.kwic td.match mark")}
    assert marks == {words[0]} and total(chrome) >= freq


def test_collocates_tab_asks_for_a_node_then_links_a_collocate(chrome, server, keep):
    search(chrome, server, "疫情")
    open_tab(chrome, "Collocates", "/collocates")
    assert chrome.find_element(By.CSS_SELECTOR, "p.prompt").is_displayed()
    box = chrome.find_element(By.NAME, "node")
    box.send_keys("合作")
    box.submit()
    WebDriverWait(chrome, WAIT).until(lambda d: "node=" in d.current_url)
    assert params(chrome)["q"] == ["疫情"] and params(chrome)["node"] == ["合作"]
    rows = chrome.find_elements(By.CSS_SELECTOR, "table.collocates tbody tr")
    assert rows
    keep(chrome, "collocates")
    word = rows[0].find_element(By.CSS_SELECTOR, "th a").text
    rows[0].find_element(By.LINK_TEXT, "concordance").click()
    WebDriverWait(chrome, WAIT).until(lambda d: urlsplit(d.current_url).path == "/kwic")
    assert params(chrome)["q"] == [f'疫情 "合作" "{word}"']
    marks = {m.text for m in chrome.find_elements(By.CSS_SELECTOR, "table.kwic td.match mark")}
    assert marks == {"合作"}


def test_concordance_sort_menu_orders_by_the_first_word_to_the_left(chrome, server, keep):
    from selenium.webdriver.support.ui import Select

    chrome.get(server.url + "kwic?q=%E5%90%88%E4%BD%9C&width=16")
    menu = Select(chrome.find_element(By.NAME, "sort"))
    menu.select_by_value("left1")
    WebDriverWait(chrome, WAIT).until(lambda d: "sort=left1" in d.current_url)
    first = chrome.find_element(By.CSS_SELECTOR, "table.kwic tbody tr td.left").text
    keep(chrome, "kwic-left1")
    api = server.url + "api/kwic?q=%E5%90%88%E4%BD%9C&width=16&sort=left1&limit=1"
    with urlopen(api, timeout=WAIT) as response:
        line = json.loads(response.read())["lines"][0]
    assert first == line["left"].replace("\n", " ").strip()


def test_keywords_against_a_reference_from_the_form(chrome, server, keep):
    chrome.get(server.url + "keywords?counterpart=%E7%89%B9%E6%9C%97%E6%99%AE")
    box = chrome.find_element(By.NAME, "reference_counterpart")
    box.send_keys("普京")
    box.submit()
    WebDriverWait(chrome, WAIT).until(lambda d: "reference_counterpart=" in d.current_url)
    assert "in the reference" in chrome.find_element(By.ID, "total").text
    header = [th.text for th in chrome.find_elements(By.CSS_SELECTOR, "table.keywords th")]
    assert "p" in header and "%DIFF" in header
    keep(chrome, "keywords-reference")


def test_clusters_tab_lists_clusters_and_links_one_to_its_quotes(chrome, server, keep):
    chrome.get(server.url + "clusters?node=%E5%90%88%E4%BD%9C")
    rows = chrome.find_elements(By.CSS_SELECTOR, "table.clusters tbody tr")
    assert rows
    keep(chrome, "clusters")
    quotes = int(rows[0].find_elements(By.CSS_SELECTOR, "td")[1].text)
    words = rows[0].find_element(By.CSS_SELECTOR, "th a").text
    rows[0].find_element(By.CSS_SELECTOR, "th a").click()
    WebDriverWait(chrome, WAIT).until(lambda d: urlsplit(d.current_url).path == "/")
    assert params(chrome)["q"] == [f'"{words.replace(" ", "")}"'] and total(chrome) >= quotes


def test_dispersion_tab_draws_a_strip_and_a_timeline(chrome, server, keep):
    chrome.get(
        server.url
        + "dispersion?node=%E4%BA%BA%E7%B1%BB%E5%91%BD%E8%BF%90%E5%85%B1%E5%90%8C%E4%BD%93"
    )
    plot = chrome.find_element(By.CSS_SELECTOR, "figure.dispersion svg")
    assert plot.is_displayed() and plot.size["width"] > 300
    ticks = chrome.find_elements(By.CSS_SELECTOR, "figure.dispersion svg line.hit")
    assert len(ticks) == total(chrome) == 16
    xs = [t.rect["x"] for t in ticks]
    assert xs == sorted(xs)  # positions in document order, left to right
    keep(chrome, "dispersion")
    day = chrome.find_element(By.CSS_SELECTOR, "table.counts tbody th a")
    day.click()
    WebDriverWait(chrome, WAIT).until(lambda d: urlsplit(d.current_url).path == "/kwic")
    marks = {m.text for m in chrome.find_elements(By.CSS_SELECTOR, "table.kwic td.match mark")}
    assert marks == {"人类命运共同体"}
