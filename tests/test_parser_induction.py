"""Layout induction: a document's own templates decide what its lines are.

A hypothesis generator varies what real compilations vary inside one layout: details in
citation lines (page ranges written with ——, an inner —— or nested 《〈〉》 in a title,
full-width or ASCII brackets, the date first or last, a note no rule knows), group
headings over quote titles, photo captions and excerpt numbers; each document is written
as plain text, Word and a web page, and must come back as the quotes it was written from,
with no citation line inside a quote."""

from __future__ import annotations

import html
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.cli import main
from indexer.documents.dates import find_dates
from indexer.documents.metadata import Metadata
from indexer.documents.parser import Parser
from indexer.documents.sources import load_document
from indexer.documents.wrapping import unwrap
from indexer.records.quotes import Line

PARSER = Parser()
META = Metadata(title="测试", leader="习近平", year=2001)
_AVOID = set("一二三四五六七八九十〇两")
HAN = st.text(
    alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF).filter(
        lambda c: c not in _AVOID
    ),
    min_size=2,
    max_size=8,
)
PARAGRAPH = st.lists(
    st.builds(lambda a, b, end: a + "，" + b + end, HAN, HAN, st.sampled_from("。！？")),
    min_size=1,
    max_size=3,
).map("".join)
CN = "〇一二三四五六七八九"


def cn_number(n: int) -> str:
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else CN[tens] + "十")
    return head + (CN[ones] if ones else "")


@st.composite
def a_date(draw, chinese: bool):
    """A written date and the first day it names."""
    year, month, day = (
        draw(st.integers(1930, 2030)),
        draw(st.integers(1, 12)),
        draw(st.integers(1, 28)),
    )
    by_month = draw(st.booleans())
    if chinese:
        text = "".join(CN[int(c)] for c in str(year)) + f"年{cn_number(month)}月"
        text += "" if by_month else f"{cn_number(day)}日"
    else:
        text = f"{year}年{month}月" + ("" if by_month else f"{day}日")
    return text, f"{year}-{month:02d}-{1 if by_month else day:02d}"


@st.composite
def citation(draw, form: str, chinese: bool, plain: bool, date_first: bool):
    """A citation line of the document's form, with details unless ``plain``."""
    date, iso = draw(a_date(chinese))
    work, other = draw(HAN), draw(HAN)
    left, right = draw(st.sampled_from([("（", "）"), ("(", ")")]))
    detail = "" if plain else draw(st.sampled_from(["pages", "nested", "inner", "note", ""]))
    if form == "book":
        title = {"nested": f"《〈{work}〉{other}》", "inner": f"《{work}——{other}》"}.get(
            detail, f"《{work}》"
        )
        page = "第五三——五四页" if detail == "pages" else "第五三页"
        note = "，有删节" if detail == "note" else ""
        if date_first:
            return f"{left}{date}{right}{title}，《{other}选集》第二卷{page}{note}", iso
        return f"{title}{left}{date}{right}，《{other}选集》第二卷{page}{note}", iso
    event = f"习近平在{work}会议上的讲话"
    tail = {"note": "（摘要）", "inner": "——节选"}.get(detail, "")
    if form == "dash-first":
        return f"——{date}，{event}{tail}", iso
    if form == "dash-last":
        return f"——{event}{left}{date}{right}{'（节选）' if detail == 'note' else ''}", iso
    return f"{left}{date}，{event}{right}", iso  # a bracketed attribution on its own line


@st.composite
def induced_document(draw):
    """(lines, expected quotes, citation lines) of a document of one layout."""
    form = draw(st.sampled_from(["book", "dash-first", "dash-last", "bracket"]))
    chinese = form == "book" and draw(st.booleans())
    date_first = form == "book" and draw(st.booleans())  # （一九三七年七月）《实践论》，…
    group_style = draw(st.sampled_from(["plain", "marked", "none"]))
    titled = group_style == "plain" and draw(st.booleans())
    excerpts = not titled and draw(st.booleans())
    lines = [f"习近平论{draw(HAN)}"]
    expected, citations, bold = [], [], set()
    groups = draw(st.integers(2, 3)) if group_style != "none" else 1
    size = draw(st.integers(2, 6))
    number = 0
    for g in range(groups):
        group = ""
        if group_style != "none":
            group = (draw(HAN) * 6)[:size]
            lines.append(group if group_style == "plain" else f"{CN[g + 1]}、{group}")
            bold.add(len(lines) - 1)  # set in bold in Word and on the web
        for _ in range(draw(st.integers(2 if excerpts or titled else 1, 3))):
            number += 1
            title = ""
            if titled:
                title = draw(HAN)
                lines.append(title)
            if excerpts:
                lines += ["", str(number) if draw(st.booleans()) else cn_number(number), ""]
            if draw(st.booleans()) and not titled:
                lines.append(
                    f"{draw(a_date(False))[0]}，{draw(HAN)}考察。新华社记者 {draw(HAN)} 摄"
                )
            paragraphs = draw(st.lists(PARAGRAPH, min_size=1, max_size=3))
            lines += paragraphs
            line, iso = draw(citation(form, chinese, number <= 2, date_first))
            lines.append(line)
            citations.append(line)
            expected.append({"text": "\n".join(paragraphs), "date": iso, "section": group})
            expected[-1]["title"] = title
    return lines, expected, citations, bold


def write(folder: Path, lines: list[str], bold: set[int]) -> list[Path]:
    """The document as plain text, a Word file and a saved web page (group headings in
    bold in the last two)."""
    txt = folder / "doc.txt"
    txt.write_text("\n".join(lines) + "\n", encoding="utf-8")
    word = docx.Document()
    for at, line in enumerate(lines):
        word.add_paragraph().add_run(line).bold = at in bold
    word.save(str(folder / "doc.docx"))
    body = "".join(
        f"<p><strong>{html.escape(line)}</strong></p>"
        if at in bold
        else f"<p>{html.escape(line)}</p>"
        for at, line in enumerate(lines)
        if line
    )
    page = (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>某网</title></head><body>'
        '<div class="nav"><a href="/">首页</a> <a href="/n">新闻</a></div>'
        f'<div class="article">{body}</div>'
        '<div class="side"><p>热点：2020年3月1日，习近平同某国总统通电话。</p></div>'
        "<footer><p>版权所有 某网</p></footer></body></html>"
    )
    (folder / "doc.html").write_text(page, encoding="utf-8")
    return [txt, folder / "doc.docx", folder / "doc.html"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(induced_document())
def test_every_quote_comes_back_and_no_citation_is_inside_one(tmp_path_factory, doc):
    lines, expected, citations, bold = doc
    for path in write(tmp_path_factory.mktemp("induced"), lines, bold):
        result = PARSER.parse_document(load_document(path), META)
        got = [
            {"text": q.text, "date": q.date, "section": q.section, "title": q.title}
            for q in result.quotes
        ]
        assert got == expected, path.suffix
        assert not any(c in q.text for q in result.quotes for c in citations)
        assert result.skipped == 0 and result.documents[0].reported == 0, result.diagnostics


# -- what the templates and the audit do, one case each ----------------------------

BOOK = "\n".join(
    [
        "毛泽东论调查研究",
        "一、调查研究",
        "没有调查，没有发言权。",
        "《反对本本主义》（一九三零年五月），《毛泽东选集》第一卷第一零九页",
        "你对于那个问题不能解决么？那末，你就去调查那个问题的现状和它的历史吧！",
        "《反对本本主义》（一九三零年五月），《毛泽东选集》第一卷第一一零——一一一页",
        "调查就象“十月怀胎”，解决问题就象“一朝分娩”。",
        "{spoiled}",
        "要了解情况，唯一的方法是向社会作调查。",
        "《农村调查》的序言（一九四一年三月），《毛泽东选集》第三卷第七八九页",
        "开调查会每次人不必多，三五个七八个人即够。",
        "《农村调查》（一九四一年三月），《毛泽东选集》第三卷第七九零页，引用时有删节",
    ]
)


def run_parse(tmp_path: Path, text: str, *args: str):
    path = tmp_path / "book.txt"
    path.write_text(text + "\n", encoding="utf-8")
    return CliRunner().invoke(main, ["parse", *args, str(path)])


def test_a_citation_with_a_detail_no_rule_knows_fits_the_template(tmp_path):
    good = "《反对本本主义》（一九三零年五月），《毛泽东选集》第一卷第一一一页"
    result = run_parse(tmp_path, BOOK.format(spoiled=good), "--strict")
    assert result.exit_code == 0, result.output
    assert result.output.count('"text"') == 5
    assert "1 line reported" not in result.output


def test_a_spoiled_citation_is_reported_and_strict_refuses_it(tmp_path):
    spoiled = "《反对本本主义》，毛泽东选集第一卷第一一一页"  # no date, no 《》: fits no template
    result = run_parse(tmp_path, BOOK.format(spoiled=spoiled))
    assert result.exit_code == 0
    assert "book.txt:8: looks like a citation" in result.output
    assert "inside the quote from line 7" in result.output
    assert "1 line reported" in result.output
    strict = run_parse(tmp_path, BOOK.format(spoiled=spoiled), "--strict")
    assert strict.exit_code == 1 and '"text"' not in strict.output


def test_explain_names_the_template_and_every_line(tmp_path):
    good = "《反对本本主义》（一九三零年五月），《毛泽东选集》第一卷第一一一页"
    result = run_parse(tmp_path, BOOK.format(spoiled=good), "--explain")
    assert result.exit_code == 0
    out = result.output.splitlines()
    assert any(line.startswith("  citation template: opens with 《") for line in out)
    roles = [line.split()[:2] for line in out if line[:5].strip().isdigit()]
    assert [int(n) for n, _ in roles] == list(range(1, 14))  # the last: the blank end
    assert [r for _, r in roles].count("attribution") == 5
    assert "fits the document's citation template" in result.output  # line 12's note


@pytest.mark.parametrize("number", ["五", "12", "（三）"])
def test_an_excerpt_number_alone_on_its_line_is_no_section(tmp_path, number):
    text = (
        f"习近平谈文化\n\n{number}\n\n文化是一个国家、一个民族的灵魂。\n"
        "——2017年10月18日，习近平在党的十九大上的报告\n\n"
        f"{number}\n\n没有高度的文化自信，就没有中华民族伟大复兴。\n"
        "——2017年10月18日，习近平在党的十九大上的报告\n"
    )
    result = PARSER.parse_text(text, META, "excerpts.txt")
    assert [(q.line, q.section) for q in result.quotes] == [(5, ""), (10, "")]
    assert result.skipped == 0


def test_a_group_heading_over_a_quote_title(tmp_path):
    text = (
        "习近平的读书金句\n关于读书\n读书可以让人保持思想活力\n读书可以让人得到智慧启发。\n"
        "——2013年3月19日，习近平在接受联合采访时说\n读书是一种生活方式\n"
        "读书已经成了我的一种生活方式。\n——2014年2月7日，习近平在索契接受专访时说\n"
        "关于学习\n学习是文明传承之途\n学习是文明传承之途、人生成长之梯。\n"
        "——2013年3月1日，习近平在中央党校的讲话\n"
    )
    result = PARSER.parse_text(text, META, "reading.txt")
    assert [(q.section, q.title) for q in result.quotes] == [
        ("关于读书", "读书可以让人保持思想活力"),
        ("关于读书", "读书是一种生活方式"),
        ("关于学习", "学习是文明传承之途"),
    ]


def test_a_misprinted_month_is_mended_and_reported():
    text = "毛泽东论团结\n团结就是力量。\n《论人民民主专政》（一九四九年六人三十日），《毛泽东选集》第四卷\n"
    result = PARSER.parse_text(text, META, "misprint.txt")
    assert [q.date for q in result.quotes] == ["1949-06-30"]
    assert any("六人三十日" in d.message for d in result.diagnostics)


def test_a_day_no_month_has_is_read_to_its_month_and_reported():
    text = "毛泽东论团结\n团结就是力量。\n《在扩大的中央工作会议上的讲话》（1962年1月80日）\n"
    result = PARSER.parse_text(text, META, "day80.txt")
    assert [(q.date, q.date_end, q.date_precision) for q in result.quotes] == [
        ("1962-01-01", "1962-01-31", "month")
    ]
    assert any("1月80日" in d.message for d in result.diagnostics)


@pytest.mark.parametrize(
    "written, first, last",
    [
        ("1962 年 8至9月", "1962-08-01", "1962-09-30"),  # the first month without 月, spaced
        ("一九六二年八至九月", "1962-08-01", "1962-09-30"),
        ("1958年3月至5月", "1958-03-01", "1958-05-31"),
        ("1962年8-9月", "1962-08-01", "1962-09-30"),
    ],
)
def test_a_range_of_months_is_read_whole(written, first, last):
    text = f"毛泽东论团结\n团结就是力量。\n《在北戴河中央工作会议上的讲话》（{written}），转引自1967年《红旗》杂志\n"
    result = PARSER.parse_text(text, META, "months.txt")
    assert [(q.date, q.date_end, q.date_precision) for q in result.quotes] == [
        (first, last, "month")
    ]


def test_dates_as_the_document_gives_them_and_never_the_page_s_own():
    text = (
        "每周一学（2021年11月29日—12月5日）\n发布时间：2021-12-06 09:30\n一、关于青年\n"
        "1935年，红军长征胜利到达陕北，这是中国革命转危为安的关键。\n"
        "——2016年10月21日，习近平在纪念红军长征胜利80周年大会上的讲话\n"
        "青年兴则国家兴，青年强则国家强。\n——2015年春节前夕，习近平给北京大学学生回信\n"
        "青年是国家的未来。\n——5月21日至23日，习近平在上海考察时强调\n"
        "每个人都是追梦者。\n——12月29日、30日，习近平在中央政治局民主生活会上的讲话\n"
        "年轻干部要努力成为可堪大用的栋梁之才。\n"
        "——习近平在2019年春季学期中央党校（国家行政学院）中青年干部培训班开班式上的讲话"
        "（2019年3月1日）\n要把学习成果转化为行动。\n——2018年5月，习近平在北京大学师生座谈会上的讲话\n"
    )
    result = PARSER.parse_text(text, None, "weekly.txt")
    got = [(q.text[:4], q.date, q.date_end, q.date_precision) for q in result.quotes]
    assert got == [
        ("1935", "2016-10-21", "2016-10-21", "day"),  # a year opening the quote is no date
        ("青年兴则", "2015-01-01", "2015-12-31", "year"),  # 2015年春节前夕
        ("青年是国", "2015-05-21", "2015-05-23", "day"),  # the year of the nearest attribution
        ("每个人都", "2015-12-29", "2015-12-30", "day"),
        ("年轻干部", "2019-03-01", "2019-03-01", "day"),  # 2019年春季学期 is in the event
        ("要把学习", "2018-05-01", "2018-05-31", "month"),
    ]


def test_bold_paragraphs_are_read_as_bold_in_word_and_on_the_web(tmp_path):
    lines = ["关于读书", "读书可以让人保持思想活力。", "部分加粗的段落。"]
    word = docx.Document()
    word.add_paragraph().add_run(lines[0]).bold = True
    word.add_paragraph().add_run(lines[1])
    mixed = word.add_paragraph()
    mixed.add_run("部分").bold = True
    mixed.add_run("加粗的段落。")
    word.save(str(tmp_path / "bold.docx"))
    page = "<html><body><div><p><b>关于读书</b></p><p>读书可以让人保持思想活力。</p>"
    page += "<p><strong>部分</strong>加粗的段落。</p></div></body></html>"
    (tmp_path / "bold.html").write_text(page, encoding="utf-8")
    for name in ("bold.docx", "bold.html"):
        got = [(line.text, line.style) for line in load_document(tmp_path / name).lines]
        assert got == [(lines[0], "bold"), (lines[1], ""), (lines[2], "")], name


def test_lines_signed_with_the_same_name_are_quotes_with_their_speaker():
    text = (
        "毛泽东名言\n不管风吹浪打,胜似闲庭信步 ——毛泽东\n不打无准备之战。 ——毛泽东\n"
        "不到长城非好汉——毛泽东\n兵民是胜利之本。 ——毛泽东毛主席语录\n"
        "榜样的力量是无穷的 ——毛泽东\n"
    )
    result = PARSER.parse_text(text, None, "signed.txt")
    assert [(q.line, q.text, q.leader) for q in result.quotes] == [
        (2, "不管风吹浪打,胜似闲庭信步", "毛泽东"),
        (3, "不打无准备之战。", "毛泽东"),
        (4, "不到长城非好汉", "毛泽东"),
        (5, "兵民是胜利之本。", "毛泽东"),
        (6, "榜样的力量是无穷的", "毛泽东"),
    ]
    assert result.skipped == 0


def test_a_saying_over_several_lines_among_signed_lines_is_one_quote():
    """Among lines signed ——毛泽东, lines that hold a sentence and no signature are the
    first lines of the saying the next signature closes, not headings (the audit still
    reports each for review: a signature may be missing)."""
    text = (
        "毛泽东名言\n不打无准备之战。 ——毛泽东\n不到长城非好汉——毛泽东\n"
        "你要有知识!你就得参加变革现实的实践\n你要知道梨子的味道!你就得变革梨子\n"
        "你要知道革命的理论和方法!你就得参加革命 ——毛泽东\n榜样的力量是无穷的 ——毛泽东\n"
    )
    result = PARSER.parse_text(text, None, "signed.txt")
    assert [(q.line, q.paragraphs) for q in result.quotes] == [(2, 1), (3, 1), (4, 3), (7, 1)]
    assert result.documents[0].outline == ()
    assert result.documents[0].reported == 2  # the unsigned lines, still shown for review


# -- what a review of the templates found (tests/induction/) -----------------------

CASES = Path(__file__).parent / "induction"


def _parse(name: str):
    meta = Metadata(title="测试", leader="毛泽东", year=2020)
    return PARSER.parse_document(load_document(CASES / name), meta)


def test_dated_lines_under_their_quotes_are_no_lead_ins():
    """A date-led line under each quote closes it (or is reported): never the next
    quote's source."""
    result = _parse("dated-lines-after-quotes.txt")
    texts = {q.text[:4]: q.date for q in result.quotes}
    assert texts.get("人民是历") in (None, "2021-11-11")  # never 2017-10-18, the one above it
    assert all(q.date != "2017-10-18" or q.text.startswith("党政军民") for q in result.quotes)
    assert result.quotes or result.documents[0].reported > 0


def test_entries_framed_by_separator_lines_each_run_to_the_next_separator():
    """Entries framed by ———— lines, each under a dated title line: a title that gives
    only the day takes the month of the one before; an editor's bracketed doubt in a title
    is no sentence; the source lines and a bracketed note closing an entry (with a dated
    line inside it) are the entry's, never a quote of their own."""
    result = _parse("framed-entries.txt")
    assert [(q.line, q.date, q.text[:6]) for q in result.quotes] == [
        (3, "1958-03-09", "水利是农业的"),
        (6, "1958-03-10", "办事要有个计"),
        (14, "1958-01-01", "这个县的经验"),
        (25, "1959-04-01", "（说到生产计"),
    ]
    assert result.quotes[2].paragraphs == 5  # the note, dated line and all, stays in it
    assert result.skipped == 0


def test_citations_an_ocr_damaged_still_close_their_quotes():
    """An OCR copy whose citations no rule reads (brackets misread: ``＞，（``, ``》{``,
    ``> (``, titles run into ``辽启``, each ending with a full stop after its page or
    journal): three of them or more, each between two paragraphs and naming a dated work,
    vouch for each other; a sentence that names a dated work inside a quote stays in it,
    and the last paragraph, with no citation under it, is reported."""
    result = _parse("damaged-citations.txt")
    assert [(q.line, q.date, q.paragraphs) for q in result.quotes] == [
        (2, "1941-05-01", 2),
        (5, "1942-02-01", 2),
        (8, "1930-05-01", 3),
    ]
    assert result.documents[0].reported == 1


def test_bold_attributions_close_their_quotes():
    result = _parse("bold-attributions.html")
    assert [(q.date, q.text[:6]) for q in result.quotes] == [
        ("2013-09-07", "我们既要绿水"),
        ("2013-05-24", "生态环境保护"),
        ("2013-04-25", "保护生态环境"),  # a bold one-line quote right above its attribution
        ("2013-11-09", "山水林田湖是"),
    ]


def test_a_bare_title_right_under_a_paragraph_still_closes_it():
    result = _parse("bare-title-closes-a-quote.txt")
    assert [q.text[:4] for q in result.quotes] == [
        "没有调查",
        "事物发展",
        "你要有知",
        "读书是学",
        "指挥员的",
        "一切反动",
    ]
    assert result.quotes[1].date is None


def test_page_numbers_inside_quotes_are_no_excerpt_numbers():
    result = _parse("page-numbers-inside-quotes.txt")
    assert [q.paragraphs for q in result.quotes] == [1, 2, 2]
    assert result.skipped == 0


def test_dated_sentences_inside_a_quote_raise_no_false_alarm():
    result = _parse("dated-sentences-inside-quotes.txt")
    assert len(result.quotes) == 3 and result.documents[0].reported == 0


def test_a_run_together_copy_is_cut_at_its_contents_headings_and_citations():
    """A text-to-speech copy runs the contents, the first heading and the first quote
    onto one line, later headings into the text around them (at a line's start or after
    a citation's page), and a citation onto the end of a quote's last line."""
    result = _parse("run-together-copy.txt")
    got = [(q.section, q.text[:4], q.date) for q in result.quotes]
    assert got == [
        ("共 产 党", "领导我们", "1954-09-15"),
        ("共 产 党", "既要革命", "1948-11-01"),
        ("阶级和阶级斗争", "阶级斗争", "1949-08-14"),
        ("阶级和阶级斗争", "在阶级社", "1937-07-01"),
        ("社会主义和共产主义", "共产主义", "1940-01-01"),
        ("社会主义和共产主义", "社会主义", "1957-02-27"),
        ("社会主义和共产主义", "调查研究", "1930-05-01"),  # no 四、: no heading
    ]
    assert result.documents[0].preamble[-1].text.startswith("目录一、共产党")
    assert result.skipped == 0 and result.documents[0].reported == 0


@pytest.mark.parametrize(
    ("printed", "first"),
    [("196亖年6月8月指示:", (1964, 6, None)), ("19六四年7月2日", (1964, 7, 2))],
)
def test_a_year_with_an_archaic_or_mixed_numeral_is_read(printed, first):
    """An OCR or a typist mixes numerals in a year (196亖: 亖 is the archaic 四), and
    misprints a day's 日 as 月; the month before it still stands."""
    found = find_dates(printed)[0]
    assert (found.first.year, found.first.month, found.first.day) == first


def test_a_page_range_whose_dash_an_ocr_read_as_one_closes_its_quote():
    text = (
        "毛泽东论农业\n农业方面的主要要求是增产粮食和棉花。\n"
        "《经济问题与财政问题》(1942年12月)，中原新华书店单行本1949年版第25页\n"
        "养猪是关系肥料、肉食和出口换取外汇的大问题。\n"
        "《〈中国农村的社会主义高潮〉的按语》，《毛泽东选集》第五卷第251一252页\n"
        "我国的肥料来源第一是养猪及大牲畜。\n《关于养猪的一封信》(1959年10月31日)\n"
    )
    result = PARSER.parse_text(text, META, "ocr.txt")
    assert [q.text[:4] for q in result.quotes] == ["农业方面", "养猪是关", "我国的肥"]


def test_titles_the_text_echoes_name_quotes_where_nothing_is_attributed():
    """A page of 金句 with no attribution anywhere: each quote is the text under a
    title it echoes (the words in order, a few between them), undated; the lines above
    the first title are preamble, and the page says what it did."""
    result = _parse("titled-quotes-no-attribution.html")
    got = [(q.title, q.text[:4], q.paragraphs, q.date) for q in result.quotes]
    assert got == [
        ("“幸福都是奋斗出来的”", "一年来，", 1, None),
        ("“人民就是江山”", "江山就是", 1, None),
        ("“把小事当作大事干”", "平凡铸就", 3, None),  # 把每一件小事都当作大事来干
        ("“路虽远，行则将至！”", "前进道路", 1, None),  # a quoted line, not bold
    ]
    assert [p.text[:4] for p in result.documents[0].preamble][-1] == "12月3"
    assert any("no attribution anywhere" in n.message for n in result.notes)
    assert result.skipped == 0


def test_an_article_whose_headings_the_text_does_not_echo_still_has_no_quote(tmp_path):
    text = (
        "学习心得\n一、关于学习\n学习要持之以恒，久久为功。\n二、关于工作\n"
        "工作要脚踏实地，真抓实干。\n三、关于生活\n生活要勤俭节约，艰苦朴素。\n"
    )
    result = PARSER.parse_text(text, META, "article.txt")
    assert result.quotes == [] and result.skipped > 0


def test_a_hard_wrapped_text_is_read_as_the_paragraphs_it_was_cut_from():
    """Lines cut at a fixed width (30 here) are joined back: a paragraph, an attribution
    or a citation broken over lines is whole again (a lone 。 included), while a line
    whole by chance at the width stays apart from what follows: a sentence from the
    citation under it, an attribution from the quote under it (an attribution follows
    that quote)."""
    result = _parse("hard-wrapped.txt")
    got = [(q.date, q.section, q.paragraphs, q.text[:4], q.attribution[-4:]) for q in result.quotes]
    assert got == [
        ("2023-03-19", "“没有调查就没有发言权”", 1, "调查研究", "校的讲话"),
        ("1930-05-01", "“一切结论产生于调查研究的末尾”", 1, "一切结论", "一一零页"),
        ("2013-03-01", "“读书学习是一种生活方式”", 1, "学习是文", "上的讲话"),
        ("2018-05-04", "“读书学习是一种生活方式”", 1, "要坚持学", "（节选）"),
        ("1937-07-01", "“实践是检验真理的唯一标准”", 1, "通过实践", "九六页。"),
        ("1937-07-01", "“实践是检验真理的唯一标准”", 1, "认识从实", "二九二页"),
        ("2013-05-04", "“实践是检验真理的唯一标准”", 1, "空谈误国", "时的讲话"),
        ("2019-03-01", "“实践是检验真理的唯一标准”", 1, "实干才能", "上的讲话"),
    ]
    assert result.quotes[1].text.endswith("而只是冥思苦索地想办法，打主意。")
    assert result.quotes[3].text == "要坚持学以致用、用以促学、学用相长，在学懂弄通做实上下功夫。"
    assert [h.title for h in result.documents[0].outline][:2] == [
        "调查研究是谋事之基、成事之道",
        "“没有调查就没有发言权”",
    ]
    assert result.skipped == 0 and result.documents[0].reported == 0


def test_text_that_was_never_wrapped_is_left_as_it_is():
    lines = [Line(n, t) for n, t in enumerate(["短句。", "一行" * 20, "又一行" * 9, "标题"], 1)]
    assert unwrap(lines, PARSER.gaz.layout) == lines
