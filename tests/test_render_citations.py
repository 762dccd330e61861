"""Citations in the terminal name the headings as the document prints them: its own
markers and numbers, nothing invented for a heading that has none; records indexed
before ``heading_path`` existed still read back and cite their part and section."""

from __future__ import annotations

import json

import pytest

from indexer.cli.render import citation, headings
from indexer.documents.parser import Parser
from indexer.records.quotes import Quote

PARSER = Parser()


def parse(text: str) -> list[Quote]:
    return PARSER.parse_text(text, None, "doc.txt").quotes


@pytest.mark.parametrize(
    ("text", "printed"),
    [
        (  # one level numbered 一、: printed so, not as （五）
            "一、元首通话\n甲乙丙。\n——2020年3月1日，习近平同法国总统马克龙通电话\n"
            "二、外方积极表态\n丁戊己。\n——2020年3月2日，习近平同德国总理默克尔通电话\n",
            [("一、元首通话",), ("二、外方积极表态",)],
        ),
        (  # 第一部分 above 一、: each level with its own marker
            "第一部分　新时代的方位\n一、关于初心\n甲乙丙。\n——2020年3月1日，习近平在一次会议上的讲话\n"
            "二、关于使命\n丁戊己。\n——2020年3月2日，习近平在一次会议上的讲话\n",
            [
                ("第一部分　新时代的方位", "一、关于初心"),
                ("第一部分　新时代的方位", "二、关于使命"),
            ],
        ),
        (  # unnumbered and bulleted headings: no brackets invented
            "联播+｜金句\n生态兴则文明兴\n甲乙丙。\n——2020年3月1日，习近平在一次会议上的讲话\n"
            "绿色发展\n丁戊己。\n——2020年3月2日，习近平在一次会议上的讲话\n",
            [("生态兴则文明兴",), ("绿色发展",)],
        ),
        (
            "●会见国际组织负责人\n甲乙丙。\n——2020年3月1日，习近平会见联合国秘书长古特雷斯\n"
            "庚辛。\n——2020年3月3日，习近平会见世界卫生组织总干事谭德塞\n"
            "●出席多边会议\n丁戊己。\n——2020年3月2日，习近平在一次会议上的讲话\n",
            [("●会见国际组织负责人",), ("●会见国际组织负责人",), ("●出席多边会议",)],
        ),
        (  # the heading printed with a space after its chapter marker
            "毛主席语录\n第一章 团结\n团结就是力量。\n　　《一篇文章》（一九四五年四月）\n",
            [("第一章\u3000团结",)],
        ),
    ],
)
def test_the_heading_path_is_the_documents_own(text, printed):
    quotes = parse(text)
    assert [q.heading_path for q in quotes] == printed
    assert [headings(q) for q in quotes] == ["/".join(p) for p in printed]


def test_the_citation_line():
    [quote] = parse("五、外方积极表态\n甲乙丙。\n——2020年3月1日，习近平在一次会议上的讲话\n")
    quote = Quote.from_dict({**quote.to_dict(), "id": "ab12"})
    assert citation(quote) == (  # the attribution as printed
        "——2020年3月1日，习近平在一次会议上的讲话 · 五、外方积极表态 · doc.txt:2 · id ab12"
    )
    [plain] = parse("甲乙丙。\n——2020年3月1日，习近平在一次会议上的讲话\n")
    plain = Quote.from_dict({**plain.to_dict(), "id": "cd34"})
    assert citation(plain) == "——2020年3月1日，习近平在一次会议上的讲话 · doc.txt:1 · id cd34"


def test_a_record_stored_before_the_heading_path_reads_back_and_cites_without_brackets():
    [quote] = parse(
        "一、在外事活动中\n（二）关于合作\n甲乙丙。\n——2020年3月1日，习近平在一次会议上的讲话\n"
    )
    old = quote.to_dict()
    assert old.pop("heading_path") == ["一、在外事活动中", "（二）关于合作"]
    stored = Quote.from_dict(json.loads(json.dumps(old)))
    assert stored.heading_path == ()
    assert headings(stored) == "一、在外事活动中/（二）关于合作"
    single = Quote.from_dict({**old, "part": "", "part_no": None, "headings": []})
    assert headings(single) == "二、关于合作"
    unnumbered = Quote.from_dict({**old, "part": "", "part_no": None, "section_no": None})
    assert headings(unnumbered) == "关于合作"


def test_one_formatter_for_the_terminal_the_pages_and_the_cite_box():
    """The terminal's line, the pages' citation and the Cite box are laid out from the
    same :class:`~indexer.tools.citation.Citation`: a part changed there changes in each."""
    from pathlib import Path

    from jinja2 import Environment, FileSystemLoader

    from indexer.tools import citation as formatter

    [quote] = parse("五、外方积极表态\n甲乙丙。\n——2020年3月1日，习近平在一次会议上的讲话\n")
    quote = Quote.from_dict({**quote.to_dict(), "id": "ab12"})
    made = formatter.citation(quote, "摘编")
    assert (
        citation(quote, "摘编")
        == made.compact()
        == (
            "——2020年3月1日，习近平在一次会议上的讲话 · 五、外方积极表态 · 《摘编》 · doc.txt:2 · id ab12"
        )
    )
    assert formatter.cite(quote, "摘编") == made.text()
    import indexer.web

    templates = Path(indexer.web.__file__).parent / "templates"
    env = Environment(loader=FileSystemLoader(templates), autoescape=True)
    changed = formatter.Citation("——某日，某人说", ("甲", "乙"), "题", "x.txt", 9, "zz99")
    env.globals.update(citation_of=lambda q, t: changed, url_for=lambda *a, **k: "/q")
    html = str(env.get_template("macros.html").module.citation(quote, "摘编"))
    for part in ("——某日，某人说", ">甲<", ">乙<", "《题》", "x.txt:9", "id zz99"):
        assert part in html, part
