"""Citations as printed (issue 20, item 7): each quote keeps its attribution line
verbatim, headings keep their printed numbering, the Cite box has no stray punctuation,
an unknown speaker is not named, and event types are words on the pages, codes in JSON."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from indexer.cli import main
from indexer.records.quotes import Quote
from indexer.tools.citation import attribution_line, cite, printed_headings

DOC = (
    "一、在内事活动中的讲话\n（二十六）纪律\n要严明纪律，加强合作。\n"
    "——2020年3月27日，中央政治局召开会议\n"
)


def test_every_attribution_is_the_line_as_printed(seed, seed_path):
    lines = seed_path.read_text(encoding="utf-8").splitlines()
    for quote in seed.quotes:
        assert quote.attribution.startswith("——"), quote.id
        printed = [line.strip() for line in lines if line.strip().startswith("——")]
        assert quote.attribution in printed, quote.attribution
    assert any(q.attribution == "——3月27日，习近平同美国总统特朗普通电话" for q in seed.quotes)


def record(**changes) -> Quote:
    base = dict(id="x1", source="doc.txt", line=3, part_no=1, part="在内事活动中的讲话",
                affairs="domestic", section_no=26, section="纪律", date="2020-03-27",
                date_end="2020-03-27", event="中央政治局召开会议", event_canonical="",
                event_type="meeting", counterparts=(), leader=None, text="要严明纪律。",
                paragraphs=1)  # fmt: skip
    return Quote(**{**base, **changes})


def test_cite_has_no_stray_punctuation_and_keeps_what_is_printed():
    printed = record(heading_path=("一、在内事活动中的讲话", "二十六、纪律"),
                     attribution="——3月27日，中央政治局召开会议")  # fmt: skip
    assert cite(printed) == (
        "一、在内事活动中的讲话，二十六、纪律。3月27日，中央政治局召开会议。doc.txt:3（yulu id x1）"
    )
    assert cite(printed, "摘编").startswith("《摘编》，一、在内事活动中的讲话")
    bare = record(part="", part_no=None, section="", section_no=None)
    assert cite(bare) == "2020-03-27，中央政治局召开会议。doc.txt:3（yulu id x1）"
    assert printed_headings(record()) == ["一、在内事活动中的讲话", "（二十六）纪律"]
    assert attribution_line(record()) == "——2020-03-27，中央政治局召开会议"


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    from indexer.pipeline.build import build_index

    folder = tmp_path_factory.mktemp("corpus")
    (folder / "doc.txt").write_text(DOC, encoding="utf-8")  # no metadata file: no title
    root = tmp_path_factory.mktemp("ix")
    build_index(root, [folder])
    return root


def test_the_quote_page_and_cite_box_show_what_is_printed(small):
    from indexer.web.app import create_app

    app = create_app(small)
    client = app.test_client()
    hit = client.get("/api/search?q=纪律").get_json()["hits"][0]
    assert hit["attribution"] == "——2020年3月27日，中央政治局召开会议"
    assert hit["leader"] is None and hit["event_type"] == "meeting"  # codes in JSON
    page = client.get(f"/quotes/{hit['id']}").get_data(as_text=True)
    app.extensions["yulu"].close()
    [box] = re.findall(r'<p lang="zh-Hans" class="citation">(.*?)</p>', page)
    assert box.startswith(
        "一、在内事活动中的讲话，（二十六）纪律。2020年3月27日，中央政治局召开会议。"
    )
    assert not box.startswith(("，", "。"))
    assert '<p class="attribution" lang="zh-Hans">——2020年3月27日，中央政治局召开会议</p>' in page
    assert "（26）" not in page and "?" not in re.sub(r"<[^>]*>|href=\"[^\"]*\"", "", page)
    assert "Speaker" not in page and " said" not in page
    assert "会议 · meeting" in page


def test_show_prints_the_attribution_verbatim_and_names_no_unknown_speaker(small):
    hit_id = CliRunner().invoke(main, ["search", "纪律", "--json", "--index-dir", str(small)])
    quote_id = re.search(r'"id": "(\w+)"', hit_id.stdout).group(1)
    out = CliRunner().invoke(main, ["show", quote_id, "--index-dir", str(small)]).stdout
    assert "——2020年3月27日，中央政治局召开会议" in out.splitlines()
    assert "?" not in out and "leader:" not in out
    assert "headings: 一、在内事活动中的讲话/（二十六）纪律" in out
    listed = CliRunner().invoke(main, ["search", "纪律", "--index-dir", str(small)]).stdout
    assert "?" not in listed and "说" not in listed.splitlines()[2]


def test_event_types_are_words_on_the_pages(client):
    page = client.get("/?event_type=phone_call").get_data(as_text=True)
    assert "通电话 · phone call" in page
    assert ">phone_call<" not in page


@pytest.mark.parametrize(
    ("n", "text"),
    [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (26, "二十六"), (99, "九十九")],
)
def test_numerals_as_printed(n, text):
    from indexer.tools.citation import numeral

    assert numeral(n) == text
