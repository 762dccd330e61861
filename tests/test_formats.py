"""The formats people have: the same document as .txt (in each encoding), .docx, .md and
.html gives the same records; what each format reads and what it drops."""

from __future__ import annotations

import datetime as dt
import html
import json
import os
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.cli import main
from indexer.documents.metadata import Metadata
from indexer.documents.parser import Parser
from indexer.documents.sources import document_paths, document_states, file_state, load_document
from indexer.errors import CorpusFormatError
from indexer.records.quotes import Line

META = Metadata(title="测试", year=2021, leader="习近平")
META_TOML = 'title = "测试"\nyear = 2021\nleader = "习近平"\n'
PARSER = Parser()

#: Quote text never starts a line with a heading marker of its own (一、…！ reads as a
#: numbered heading in plain text, while Word's styles say it is body text): the
#: numerals in the alphabet's range are left out, as the genre grammar leaves them out.
HAN = st.text(
    alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF).filter(
        lambda c: c not in "一二三五七九〇两"
    ),
    min_size=1,
    max_size=24,
)
SENTENCE = st.builds(
    lambda a, p, b, end: a + p + b + end,
    HAN,
    st.sampled_from("，、：“”（）0123"),
    HAN,
    st.sampled_from("。！？；"),
)
PARAGRAPH = st.lists(SENTENCE, min_size=1, max_size=3).map("".join)
EVENTS = [
    "习近平同俄罗斯总统普京通电话",
    "习近平会见国际货币基金组织总裁格奥尔基耶娃",
    "习近平同联合国秘书长古特雷斯通电话",
    "习近平主持召开中央政治局会议",
]
NUMERALS = "一二三四五六七八九十"


@st.composite
def genre_document(draw):
    """A document of the genre as (kind, text) lines: part and section headings, quote
    paragraphs (some with an emphasised stretch), attributions, blank lines."""
    lines: list[tuple[str, str, int]] = []  # (kind, text, emphasis end or 0)
    parts = [("在内事活动中的重要讲话", False), ("在外事活动中的重要论述", True)]
    for part_no, (title, foreign) in enumerate(parts, 1):
        lines.append(("part", f"{NUMERALS[part_no - 1]}、{title}", 0))
        for section_no in range(1, draw(st.integers(1, 2)) + 1):
            lines.append(("section", f"（{NUMERALS[section_no - 1]}）{draw(HAN)}", 0))
            for _ in range(draw(st.integers(1, 3))):
                for paragraph in draw(st.lists(PARAGRAPH, min_size=1, max_size=3)):
                    bold = draw(st.integers(0, min(len(paragraph), 6)))
                    lines.append(("text", paragraph, bold))
                day = draw(st.dates(dt.date(2021, 1, 1), dt.date(2021, 12, 31)))
                event = draw(st.sampled_from(EVENTS if foreign else EVENTS[3:]))
                lines.append(("text", f"——{day.month}月{day.day}日，{event}", 0))
                if draw(st.booleans()):
                    lines.append(("blank", "", 0))
    return lines


def write_txt(path: Path, lines, encoding: str = "utf-8") -> Path:
    text = "\n".join(text for _, text, _ in lines) + "\n"
    if encoding == "utf-16":
        path.write_bytes("\ufeff".encode("utf-16-le") + text.encode("utf-16-le"))
    else:
        path.write_bytes(text.encode(encoding))
    return path


def write_docx(path: Path, lines) -> Path:
    document = docx.Document()
    for kind, text, bold in lines:
        if kind == "part":
            document.add_heading(text, level=1)
        elif kind == "section":
            document.add_heading(text, level=2)
        else:
            paragraph = document.add_paragraph()
            if bold:
                paragraph.add_run(text[:bold]).bold = True
            paragraph.add_run(text[bold:])
    document.save(str(path))
    return path


def write_md(path: Path, lines) -> Path:
    out = []
    for kind, text, bold in lines:
        if kind == "part":
            out.append("# " + text)
        elif kind == "section":
            out.append("## " + text)
        else:
            out.append(f"**{text[:bold]}**{text[bold:]}" if bold else text)
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


def write_html(path: Path, lines) -> Path:
    body = []
    for kind, text, bold in lines:
        escaped = html.escape(text).replace("“", "&ldquo;").replace("”", "&rdquo;")
        if kind == "part":
            body.append(f"<h2>{escaped}</h2>")
        elif kind == "section":
            body.append(f"<h3>{escaped}</h3>")
        elif kind == "text":
            if bold:
                head, tail = html.escape(text[:bold]), html.escape(text[bold:])
                escaped = f"<strong>{head}</strong>{tail}"
            body.append(f"<p>&nbsp;&nbsp;{escaped}</p>")
    page = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>摘编 - 某网</title>
<script>var s = "习近平强调，脚本里的话不是正文。";</script><style>p {{ margin: 0 }}</style></head>
<body><div id="header"><ul class="nav"><li><a href="/">首页</a></li><li><a href="/n">新闻</a></li></ul></div>
<div class="article">{"".join(body)}</div>
<div class="sidebar"><p>热点推荐：习近平同某国总统通电话。</p></div>
<div class="footer"><p>版权所有 &copy; 某网 京ICP备00000000号</p></div>
<script>document.write("<p>不是正文。</p>")</script></body></html>"""
    path.write_text(page, encoding="utf-8")
    return path


def records(path: Path, keep_line: bool = True) -> list[dict]:
    result = PARSER.parse_document(load_document(path), META)
    drop = {"id", "source"} | (set() if keep_line else {"line"})
    return [{k: v for k, v in q.to_dict().items() if k not in drop} for q in result.quotes]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(genre_document())
def test_every_format_gives_the_records_of_the_text(tmp_path_factory, lines):
    folder = tmp_path_factory.mktemp("formats")
    expected = records(write_txt(folder / "doc.txt", lines))
    assert len(expected) == sum(1 for _, text, _ in lines if text.startswith("——"))
    for encoding in ("utf-8-sig", "gb18030", "utf-16"):
        assert records(write_txt(folder / f"{encoding}.txt", lines, encoding)) == expected
    assert records(write_docx(folder / "doc.docx", lines)) == expected  # paragraph = line
    assert records(write_md(folder / "doc.md", lines)) == expected  # source line = line
    without_lines = [{k: v for k, v in r.items() if k != "line"} for r in expected]
    assert records(write_html(folder / "doc.html", lines), keep_line=False) == without_lines


# -- web pages -----------------------------------------------------------------------

NEWS_PAGE = """<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>习近平关于合作的论述摘编--某某网</title>
<script type="text/javascript">var tip = "习近平同美国总统通电话，这是脚本。";</script>
<style>.title { font-size: 20px }</style></head>
<body>
<div class="topbar"><a href="/">某某网首页</a> | <a href="/login">登录</a></div>
<div id="mainNav"><ul><li><a href="/">首页</a></li><li><a href="/sz">时政</a></li>
<li><a href="/gj">国际</a></li></ul></div>
<div class="crumbs"><a href="/">首页</a>&gt;&gt;<a href="/sz">时政</a></div>
<div class="container">
 <div class="title-box"><h1>习近平关于合作的论述摘编</h1>
  <p class="info">2021年06月01日 来源：某某网 作者：本网记者</p></div>
 <div class="row">
  <div class="col-main">
   <div class="TRS_Editor" id="articleText">
    <p style="text-indent:2em">编者按：本网摘编习近平同志关于合作的论述，供读者学习。</p>
    <p><strong>一、关于国际合作</strong></p>
    <p>　　&ldquo;合作&rdquo;是应对挑战的唯一&nbsp;途径，各国要携手前行，
    共同构建人类命运共同体。<span style="display:none">某某网独家稿件</span></p>
    <p>——3月12日，习近平同联合国秘书长古特雷斯通电话</p>
    <p>中方愿同各方一道，加强宏观政策协调。<br/>我们要维护多边贸易体制。</p>
    <p>——3月19日，习近平同俄罗斯总统普京通电话</p>
    <div class="share-box">分享到：<a href="#">微信</a> <a href="#">微博</a></div>
    <div class="related-reading"><p>延伸阅读：某某会议在京召开，代表们热烈讨论。</p></div>
    <p class="editor">（责任编辑：李四）</p>
   </div>
   <div class="share-bar">分享到：<a href="#">微信</a> <a href="#">微博</a></div>
   <div id="related_news"><h3>相关新闻</h3><ul>
    <li><a href="/1.html">习近平同外国领导人通电话，就双边关系交换意见</a></li>
    <li><a href="/2.html">习近平会见外国政要，强调推动构建人类命运共同体</a></li></ul></div>
   <div class="comment-list"><p>网友评论：文章写得很好，很有启发，值得反复学习。</p></div>
  </div>
  <div class="col-side"><div class="hot"><h3>热点</h3>
   <p>本周热点：某某会议在京召开，代表们热烈讨论，会场气氛十分活跃。</p></div></div>
 </div>
</div>
<footer><p>Copyright &copy; 2021 某某网 All Rights Reserved 京ICP备00000000号</p></footer>
<script>document.write('<p>习近平强调，写进页面的脚本。</p>');</script>
</body></html>"""

NEWS_LINES = [
    ("习近平关于合作的论述摘编", "heading1"),
    ("编者按：本网摘编习近平同志关于合作的论述，供读者学习。", ""),
    ("一、关于国际合作", "bold"),  # <p><strong>…</strong></p>: set in bold
    ("\u3000\u3000“合作”是应对挑战的唯一 途径，各国要携手前行，共同构建人类命运共同体。", ""),
    ("——3月12日，习近平同联合国秘书长古特雷斯通电话", ""),
    ("中方愿同各方一道，加强宏观政策协调。", ""),
    ("我们要维护多边贸易体制。", ""),
    ("——3月19日，习近平同俄罗斯总统普京通电话", ""),
    ("（责任编辑：李四）", ""),
]


def read_page(tmp_path, page: str, encoding: str = "utf-8", name: str = "page.html"):
    path = tmp_path / name
    path.write_bytes(page.encode(encoding))
    return load_document(path)


def test_a_news_page_gives_its_article_and_nothing_else(tmp_path):
    doc = read_page(tmp_path, NEWS_PAGE, "gb18030")
    assert [(line.text, line.style) for line in doc.lines] == NEWS_LINES
    assert [line.number for line in doc.lines] == list(range(1, len(NEWS_LINES) + 1))
    assert doc.encoding == "gb18030" and doc.diagnostics == ()


def test_web_debris_never_reaches_a_record(tmp_path):
    doc = read_page(tmp_path, NEWS_PAGE, "gb18030")
    quotes = PARSER.parse_document(doc, Metadata("测试", 2021, "习近平")).quotes
    assert [q.text for q in quotes][
        1
    ] == "中方愿同各方一道，加强宏观政策协调。\n我们要维护多边贸易体制。"
    everything = "\n".join(q.text + q.event for q in quotes)
    for debris in (
        "脚本",
        "某某网",
        "首页",
        "相关新闻",
        "分享",
        "阅读",
        "评论",
        "热点",
        "Copyright",
        "&",
    ):
        assert debris not in everything
    assert "\u00a0" not in everything and "“合作”" in everything


def test_an_old_table_layout_page_with_br_lines(tmp_path):
    page = """<html><head><meta charset="utf-8"></head><body>
<table width="100%"><tr><td class="nav"><a href="/">首页</a> <a href="/a">要闻</a></td></tr></table>
<table><tr><td width="180"><a href="/x">栏目一</a><br><a href="/y">栏目二</a></td>
<td class="text">一、关于发展<br>
发展是第一要务，必须坚持新发展理念，推动高质量发展。<br>
——10月1日，习近平在某地考察<br><br>
要坚持以人民为中心的发展思想，不断增进民生福祉。<br>
——10月2日，习近平主持召开中央政治局会议</td></tr></table>
<p align="center">版权所有：某某单位 地址：某某路1号</p>
</body></html>"""
    doc = read_page(tmp_path, page)
    assert [line.text for line in doc.lines] == [
        "一、关于发展",
        "发展是第一要务，必须坚持新发展理念，推动高质量发展。",
        "——10月1日，习近平在某地考察",
        "要坚持以人民为中心的发展思想，不断增进民生福祉。",
        "——10月2日，习近平主持召开中央政治局会议",
    ]


def test_quotes_spread_over_sibling_boxes_are_one_article(tmp_path):
    items = "".join(
        f'<li class="item"><div class="quote"><p>第{n}条论述的正文，讲的是合作共赢的道理，内容充实。</p>'
        f'<p class="source">——3月{n}日，习近平同联合国秘书长古特雷斯通电话</p></div></li>'
        for n in range(1, 6)
    )
    page = f"""<html><body><div class="menu"><a href="/">首页</a></div>
<h1>语录汇编</h1><ul class="quotes">{items}</ul>
<div class="links"><a href="/1">友情链接一</a><a href="/2">友情链接二</a></div></body></html>"""
    doc = read_page(tmp_path, page)
    texts = [line.text for line in doc.lines]
    assert texts[0] == "语录汇编" and doc.lines[0].style == "heading1"
    assert len(texts) == 11 and texts[-1] == "——3月5日，习近平同联合国秘书长古特雷斯通电话"


def test_a_page_wrapped_in_a_form_with_paragraphs_in_the_body(tmp_path):
    # Old ASP.NET sites wrap the whole page in one <form>; here the paragraphs stand
    # directly in it, beside boxes that score nearly as well.
    paragraphs = "".join(
        f"<p>第{n}段正文，讲的是团结合作的道理，内容比较充实。</p>" for n in range(1, 4)
    )
    boxes = "".join(
        f"<div class='box{n}'><p>第{n}个盒子里的话，内容也比较充实，但不是正文。</p></div>"
        for n in range(1, 3)
    )
    page = f"""<html><body><form id="form1" method="post"><input type="hidden" value="x">
{paragraphs}{boxes}</form></body></html>"""
    doc = read_page(tmp_path, page)
    assert [line.text for line in doc.lines][:3] == [
        f"第{n}段正文，讲的是团结合作的道理，内容比较充实。" for n in range(1, 4)
    ]


def test_paragraphs_in_the_body_beside_two_long_boxes(tmp_path):
    # The body scores best and two boxes nearly as well: the article is the whole body,
    # never an element above it.
    para = "这一段正文讲团结合作，内容比较充实，也有标点。"
    boxes = "".join(f"<div class='part{n}'>{f'<p>{para}</p>' * 3}</div>" for n in (1, 2))
    doc = read_page(tmp_path, f"<html><body><p>{para}</p>{boxes}</body></html>")
    assert [line.text for line in doc.lines] == [para] * 7


def test_entities_escaped_twice_and_headings(tmp_path):
    page = (
        "<html><body><article><h2>（一）关于&amp;ldquo;两个大局&amp;rdquo;</h2>"
        "<p>统筹中华民族伟大复兴战略全局和世界百年未有之大变局&amp;mdash;&amp;mdash;这是基点。</p>"
        "<footer>责任编辑：某某</footer></article></body></html>"
    )
    doc = read_page(tmp_path, page)
    assert [(line.text, line.style) for line in doc.lines] == [
        ("（一）关于“两个大局”", "heading2"),
        ("统筹中华民族伟大复兴战略全局和世界百年未有之大变局——这是基点。", ""),
    ]


def test_a_page_in_utf8_that_declares_gbk_and_an_empty_page(tmp_path):
    doc = read_page(tmp_path, '<meta charset="gbk"><p>中文段落，内容足够长的一段话。</p>')
    assert [line.text for line in doc.lines] == ["中文段落，内容足够长的一段话。"]
    assert doc.encoding == "utf-8"
    assert "declares gbk but is not; decoded it as utf-8" in doc.diagnostics[0].message
    assert read_page(tmp_path, "  \n", name="empty.htm").lines == ()


def test_an_article_a_script_would_reveal_is_read_and_small_hidden_boxes_are_not(tmp_path):
    """A saved WeChat page hides its article with an inline style until its script runs;
    the article is read, hidden menus and pop-ups are not."""
    page = """<html><head><meta charset="utf-8"><title>重温</title></head><body>
<h1 class="rich_media_title">重温｜这些话语暖人心</h1>
<div class="menu-box" style="display:none"><p>隐藏菜单的一行字，不是文章。</p></div>
<div id="js_content" class="rich_media_content" style="visibility: hidden;">
<p>人民就是江山，江山就是人民。</p>
<p>——2021年7月1日，习近平在一次大会上的讲话</p>
<span style="display: none">弹窗里的隐藏文字</span>
<p>青年是国家的希望。</p>
<p>——2019年4月30日，习近平在一次纪念大会上的讲话</p>
</div>
<section class="tips" style="visibility:hidden"><p>第一段隐藏但很长的文字内容在这里。</p>
<p>第二段隐藏但很长的文字内容在这里。</p></section>
</body></html>"""
    doc = read_page(tmp_path, page)
    assert [line.text for line in doc.lines] == [
        "重温｜这些话语暖人心",
        "人民就是江山，江山就是人民。",
        "——2021年7月1日，习近平在一次大会上的讲话",
        "青年是国家的希望。",
        "——2019年4月30日，习近平在一次纪念大会上的讲话",
    ]
    result = PARSER.parse_document(doc)
    assert [(q.text, q.date) for q in result.quotes] == [
        ("人民就是江山，江山就是人民。", "2021-07-01"),
        ("青年是国家的希望。", "2019-04-30"),
    ]


def test_a_page_that_yields_no_quote_says_so(tmp_path):
    page = """<html><head><meta charset="utf-8"></head><body><div id="content">
<p>这是一篇普通的新闻报道，没有任何语录。</p><p>报道的第二段文字也在这里。</p>
</div></body></html>"""
    result = PARSER.parse_document(read_page(tmp_path, page))
    assert result.quotes == []
    assert [(d.line, d.message.split(":")[0]) for d in result.diagnostics] == [
        (1, "paragraphs with no attribution anywhere in the document (lines 1–2)"),
        (0, "no quote found"),
    ]
    lost = PARSER.parse_text("标题\n一、关于甲\n甲乙丙丁。\n戊己庚辛。\n", None, "x.txt")
    assert [(d.line, d.message.split(":")[0]) for d in lost.diagnostics] == [
        (3, "paragraphs with no attribution anywhere in the document (lines 3–4)"),
        (0, "no quote found"),
    ]


# -- Word ----------------------------------------------------------------------------

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _numbering(document, formats: list[tuple[str, str]]) -> str:
    """Add a list with levels (numFmt, lvlText) to the document; its numId."""
    from docx.oxml import parse_xml

    numbering = document.part.numbering_part.element
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:suff w:val="nothing"/></w:lvl>'
        for i, (fmt, text) in enumerate(formats)
    )
    numbering.insert(
        0, parse_xml(f'<w:abstractNum {ns} w:abstractNumId="90">{levels}</w:abstractNum>')
    )
    numbering.append(parse_xml(f'<w:num {ns} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    return "90"


def _numbered(document, text: str, num_id: str, level: int):
    from docx.oxml import parse_xml

    paragraph = document.add_paragraph(text)
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    paragraph._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {ns}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>')
    )
    return paragraph


def test_word_numbering_is_rendered_as_word_shows_it(tmp_path):
    document = docx.Document()
    num = _numbering(
        document, [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3.")]
    )
    expected = [
        ("在内事活动中", 0, "一、在内事活动中"),
        ("关于甲", 1, "（一）关于甲"),
        ("第一条", 2, "1.第一条"),
        ("第二条", 2, "2.第二条"),
        ("关于乙", 1, "（二）关于乙"),
        ("第三条", 2, "1.第三条"),
        ("在外事活动中", 0, "二、在外事活动中"),
        ("关于丙", 1, "（一）关于丙"),
    ]
    for text, level, _ in expected:
        _numbered(document, text, num, level)
    for n in range(11):
        _numbered(document, f"第{n}项", num, 0)
    path = tmp_path / "numbered.docx"
    document.save(str(path))
    lines = load_document(path).lines
    assert [line.text for line in lines[:8]] == [want for _, _, want in expected]
    assert lines[-1].text == "十三、第10项" and lines[-4].text == "十、第7项"


def test_word_headings_title_breaks_hidden_and_deleted_text(tmp_path):
    from docx.oxml import parse_xml

    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document = docx.Document()
    document.add_paragraph("习近平关于合作的论述摘编", style="Title")
    document.add_heading("一、在外事活动中", level=1)
    document.add_heading("（一）关于合作", level=3)
    paragraph = document.add_paragraph("第一行")
    paragraph.add_run().add_break()
    paragraph.add_run("第二行")
    hidden = paragraph.add_run("隐藏的字")
    hidden.font.hidden = True
    paragraph._p.append(
        parse_xml(
            f"<w:del {ns} w:id='1' w:author='a'><w:r><w:delText>删掉的字</w:delText></w:r></w:del>"
        )
    )
    paragraph._p.append(
        parse_xml(f"<w:ins {ns} w:id='2' w:author='a'><w:r><w:t>补上的字。</w:t></w:r></w:ins>")
    )
    document.add_paragraph("")
    outlined = document.add_paragraph("大纲级别的标题")
    outlined._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {ns} w:val="1"/>'))
    path = tmp_path / "styles.docx"
    document.save(str(path))
    assert load_document(path).lines == (
        Line(1, "习近平关于合作的论述摘编", "title"),
        Line(2, "一、在外事活动中", "heading1"),
        Line(3, "（一）关于合作", "heading3"),
        Line(4, "第一行", ""),
        Line(4, "第二行补上的字。", ""),
        Line(5, "", ""),
        Line(6, "大纲级别的标题", "heading2"),
    )


def test_word_tables_and_contents_are_reported_not_read(tmp_path):
    document = docx.Document()
    document.add_paragraph("目录", style="TOC Heading")
    document.add_paragraph("一、在内事活动中\t1", style=document.styles.add_style("toc 1", 1))
    document.add_paragraph("一、在内事活动中")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "表格里的字"
    table.cell(1, 1).text = "又一格"
    document.add_paragraph("表格之后")
    path = tmp_path / "tables.docx"
    document.save(str(path))
    doc = load_document(path)
    assert [(line.number, line.text) for line in doc.lines] == [
        (3, "一、在内事活动中"),
        (4, "表格之后"),
    ]
    table_note, toc_note = doc.diagnostics
    assert (table_note.line, table_note.skipped) == (
        4,
        2,
    ) and "1 table not read" in table_note.message
    assert (toc_note.line, toc_note.skipped) == (
        1,
        0,
    ) and "table of contents skipped" in toc_note.message


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"plain text, not a zip", "not a .docx file"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "a Word 97"),
    ],
)
def test_a_file_that_is_not_a_docx_is_one_line(tmp_path, content, why):
    path = tmp_path / "bad.docx"
    path.write_bytes(content)
    with pytest.raises(CorpusFormatError, match=why) as info:
        load_document(path)
    assert "\n" not in str(info.value) and str(info.value).startswith("bad.docx: ")


def test_a_zip_that_is_not_a_word_document_is_one_line(tmp_path):
    import zipfile

    path = tmp_path / "other.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "你好")
    path.with_suffix(".toml").write_text(META_TOML, encoding="utf-8")
    result = CliRunner().invoke(main, ["parse", str(path)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr.count("\n") == 1 and "cannot read this .docx" in result.stderr


# -- Markdown ------------------------------------------------------------------------


def test_markdown_markup_is_stripped_and_lines_keep_their_numbers(tmp_path):
    path = tmp_path / "doc.md"
    path.write_text(
        "---\ntitle: 摘编\n---\n"
        "# 习近平关于合作的论述摘编\n\n"
        "## 一、在外事活动中\n"
        "**“合作共赢”**是*方向*，[人类命运共同体](https://example.org)是`目标`。![图](a.png)\n"
        "——3月12日，习近平同联合国秘书长古特雷斯通电话\n\n"
        "1. 必须坚持合作\n- 要点一\n\n"
        "| 甲 | 乙 |\n|---|---|\n| 表 | 格 |\n\n"
        "<div>网页块<script>不是正文()</script><br>第二行</div>\n\n"
        "> 引用的话。\n",
        encoding="utf-8",
    )
    doc = load_document(path)
    assert [(line.number, line.text, line.style) for line in doc.lines] == [
        (4, "习近平关于合作的论述摘编", "heading1"),
        (6, "一、在外事活动中", "heading2"),
        (7, "“合作共赢”是方向，人类命运共同体是目标。", ""),
        (8, "——3月12日，习近平同联合国秘书长古特雷斯通电话", ""),
        (10, "1. 必须坚持合作", ""),
        (11, "要点一", ""),
        (17, "网页块", ""),
        (17, "第二行", ""),
        (19, "引用的话。", ""),
    ]
    [note] = doc.diagnostics
    assert (note.line, note.skipped) == (13, 4) and "1 table not read" in note.message


# -- folders and the command line ----------------------------------------------------


def test_a_folder_takes_every_supported_file_and_nothing_else(tmp_path):
    for name in ("b.txt", "a.DOCX", "c.md", "d.html", "e.htm", "f.pdf", "notes.toml", ".h.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "~$a.docx").write_bytes(b"lock")
    (tmp_path / "sub.txt").mkdir()
    assert [p.name for p in document_paths([tmp_path])] == [
        "a.DOCX",
        "b.txt",
        "c.md",
        "d.html",
        "e.htm",
    ]
    assert [p.name for p in document_paths([tmp_path, tmp_path / "c.md"])][-1] == "e.htm"


def test_document_states_are_each_documents_resolved_path_size_and_time(tmp_path):
    """The freshness check's one-stat-a-file view of the corpus agrees with resolving
    each document whole and stating it (its metadata file's time included), through a
    folder reached by a link, a file that is a link, and a file named twice."""
    real = tmp_path / "real"
    real.mkdir()
    for name in ("a.txt", "b.md"):
        (real / name).write_text("x", encoding="utf-8")
    (real / "a.toml").write_text('title = "t"', encoding="utf-8")
    os.utime(real / "a.toml", ns=(1, 2**62))  # later than the document
    (tmp_path / "elsewhere.txt").write_text("yy", encoding="utf-8")
    (tmp_path / "elsewhere.toml").write_text('title = "e"', encoding="utf-8")
    os.utime(tmp_path / "elsewhere.toml", ns=(1, 2**62 + 1))  # beside the link's target
    os.symlink(real, tmp_path / "linked")  # a folder reached through a link
    os.symlink(tmp_path / "elsewhere.txt", real / "c.txt")  # a file that is a link
    corpus = [tmp_path / "linked", real, real / "c.txt", tmp_path / "elsewhere.txt"]
    states = document_states(corpus)
    paths = document_paths(corpus)
    assert list(states) == [str(p.resolve()) for p in paths]
    assert str(tmp_path.resolve() / "elsewhere.txt") in states
    for path in paths:
        assert states[str(path.resolve())] == file_state(path.resolve())
    assert states[str(real.resolve() / "a.txt")][1] == 2**62
    assert states[str(tmp_path.resolve() / "elsewhere.txt")][1] == 2**62 + 1


def test_a_folder_without_documents_names_the_formats(tmp_path):
    (tmp_path / "paper.pdf").write_bytes(b"%PDF")
    with pytest.raises(CorpusFormatError) as info:
        document_paths([tmp_path])
    assert "*.txt files (or *.docx, *.md, *.markdown, *.html or *.htm)" in str(info.value)
    with pytest.raises(CorpusFormatError, match=r"a \.pdf file is not a format yulu reads"):
        document_paths([tmp_path / "paper.pdf"])


def test_parse_and_index_a_folder_of_word_web_and_markdown_documents(tmp_path):
    lines = [
        ("part", "二、在外事活动中的重要论述", 0),
        ("section", "（一）关于国际合作", 0),
        ("text", "中方愿同国际货币基金组织加强合作，共同维护全球金融稳定。", 3),
        ("text", "——3月12日，习近平会见国际货币基金组织总裁格奥尔基耶娃", 0),
    ]
    corpus = tmp_path / "Corpus"
    corpus.mkdir()
    writers = {"word.docx": write_docx, "page.html": write_html, "notes.md": write_md}
    for name, write in writers.items():
        write(corpus / name, lines)
        (corpus / name).with_suffix(".toml").write_text(META_TOML, encoding="utf-8")
    parsed = CliRunner().invoke(main, ["parse", str(corpus)])
    assert parsed.exit_code == 0, parsed.output
    got = [json.loads(line) for line in parsed.stdout.splitlines()]
    assert [r["source"] for r in got] == ["notes.md", "page.html", "word.docx"]
    for record in got:
        assert record["text"] == "中方愿同国际货币基金组织加强合作，共同维护全球金融稳定。"
        assert record["counterparts"] == [
            {"name": "格奥尔基耶娃", "title": "国际货币基金组织总裁", "country": "国际货币基金组织"}
        ]
        assert record["section"] == "关于国际合作" and record["event_type"] == "talks"
    index_dir = tmp_path / "ix"
    built = CliRunner().invoke(main, ["index", str(corpus), "--index-dir", str(index_dir)])
    assert built.exit_code == 0, built.output
    found = CliRunner().invoke(
        main,
        [
            "search",
            "金融稳定",
            "--country",
            "国际货币基金组织",
            "--json",
            "--index-dir",
            str(index_dir),
        ],
    )
    assert json.loads(found.stdout)["total"] == 3


def test_a_changed_word_or_web_document_is_noticed(tmp_path):
    from indexer.index.store import IndexStore
    from indexer.pipeline.build import build_index
    from indexer.pipeline.corpus import corpus_changes

    lines = [
        ("part", "一、在内事活动中", 0),
        ("text", "要坚持人民至上、生命至上。", 0),
        ("text", "——3月4日，习近平主持召开中央政治局会议", 0),
    ]
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, write in (("a.docx", write_docx), ("b.html", write_html)):
        write(corpus / name, lines)
        (corpus / name).with_suffix(".toml").write_text(META_TOML, encoding="utf-8")
    index_dir = tmp_path / "ix"
    assert build_index(index_dir, [corpus]).quotes == 2
    store = IndexStore(index_dir)
    assert not corpus_changes(store.manifest(store.current()))
    changed = [*lines[:1], ("text", "要坚持人民至上。", 0), lines[2]]
    write_docx(corpus / "a.docx", changed)
    write_html(corpus / "b.html", changed)
    changes = corpus_changes(store.manifest(store.current()))
    assert sorted(Path(n).name for n in changes.changed) == ["a.docx", "b.html"]
    report = build_index(index_dir, [corpus])
    assert report.incremental and report.quotes == 2
