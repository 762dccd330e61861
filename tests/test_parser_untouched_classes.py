"""The failure classes the untouched real compilations revealed (tests/realdocs/untouched),
each as a small hand-written document of its class (``tests/induction``) with the records
it must give."""

from __future__ import annotations

from pathlib import Path

from indexer.documents.metadata import Metadata
from indexer.documents.parser import Parser
from indexer.documents.sources import load_document

PARSER = Parser()
CASES = Path(__file__).resolve().parent / "induction"


def _parse(name: str, meta: Metadata | None = None):
    return PARSER.parse_document(load_document(CASES / name), meta)


def test_entries_of_labelled_fields_give_one_quote_each():
    """Entries laid out as labelled fields (习近平：title / 时间： / 场合： / 话语：quote),
    induced from their repetition: the 话语 field (and the paragraphs after it) is the quote,
    without its label; 时间 its date (the first day of a range) and 场合 its occasion; the
    field no cue names that opens each entry is its quote title. The introduction is
    preamble, and nothing is reported."""
    result = _parse("labelled-fields.txt")
    got = [(q.line, q.date, q.event, q.text[:6], q.paragraphs, q.title) for q in result.quotes]
    assert got == [
        (
            9,
            "2013-03-01",
            "中央党校建校80周年庆祝大会",
            "读书可以让人",
            2,
            "习近平：读书可以让人保持思想活力",
        ),
        (15, "2014-05-04", "在北京大学考察", "学习要善于挤", 1, "习近平：要善于挤时间"),
        (
            20,
            "2015-01-12",
            "同中央党校县委书记研修班学员座谈",
            "要把学习作为",
            2,
            "习近平：把学习作为一种生活态度",
        ),
    ]
    assert result.quotes[1].date_end == "2014-05-05"
    assert result.skipped == 0 and result.documents[0].reported == 0
    assert result.documents[0].preamble[-1].text.startswith("【导语】")


def test_labelled_fields_under_the_quote_close_it():
    """The same layout with the source fields under the quote (话语： / 日期： / 出处：):
    they close it, and the unlabelled paragraph after the 话语 line is the quote's."""
    result = _parse("labelled-fields-after.txt", Metadata(leader="习近平"))
    got = [(q.line, q.date, q.event, q.text[:6], q.paragraphs) for q in result.quotes]
    assert got == [
        (3, "2011-11-16", "在中央党校秋季学期开学典礼上的讲话", "调查研究是谋", 1),
        (7, "2013-07-22", "在湖北武汉考察", "要到群众中去", 1),
        (11, "2017-12-25", "在中央政治局民主生活会上的讲话", "领导干部要经", 2),
    ]
    assert result.skipped == 0


def test_a_date_is_never_read_from_inside_a_works_title():
    """A citation's date is never read from inside 《…》: a title is a name, not a date
    (《…十月社会主义革命四十周年…》, 《纪念五月四日青年节的讲话》); the date outside it is the
    quote's, and only a title holding a full date dates a citation that gives no other."""
    result = _parse("dates-inside-titles.txt", Metadata(leader="毛泽东"))
    got = [(q.line, q.date, q.date_precision) for q in result.quotes]
    assert got == [
        (3, "1957-11-06", "day"),
        (6, "1939-05-04", "day"),
        (9, "1945-08-13", "day"),
        (12, "1949-01-01", "year"),
    ]
    assert "十月社会主义革命" in result.quotes[0].event


def test_the_first_quote_under_the_title_line_is_no_lead():
    """A first quote right under the title line holds a word of an editor's introduction
    (学习领会): its attribution, shaped like the others, makes it a quote, never the lead."""
    result = _parse("first-quote-under-the-title.txt")
    got = [(q.line, q.date, q.text[:6]) for q in result.quotes]
    assert got == [
        (2, "2013-07-11", "全党同志要不"),
        (4, "2013-01-22", "改进工作作风"),
        (6, "2012-12-04", "领导干部作风"),
    ]
    assert result.skipped == 0


def test_an_introduction_naming_the_leader_is_not_the_first_quote():
    """Under the page's first heading, a paragraph that names the person the attributions
    name (一直以来，习近平对…) is the editor's introduction: the first quote starts after it
    (its attribution undated)."""
    result = _parse("introduction-names-the-leader.html")
    got = [(q.date, q.text[:6]) for q in result.quotes]
    assert got == [
        (None, "长期以来，你"),
        (None, "我们要以黄大"),
        ("2014-09-09", "我看了不少优"),
    ]
    assert result.documents[0].preamble[-1].text.startswith("百年大计")


def test_a_dashed_subtitle_under_a_headline_in_prose_is_no_attribution():
    """In a document whose attributions name the leader (——2017年5月3日，习近平在…), a
    quoted headline's '——' subtitle (“要从小学习做人” / ——殷殷寄语…) names no date, no work
    and not him: it closes no quote, and the prose under it is reported, never a quote."""
    result = _parse("subtitles-in-prose.txt")
    assert [(q.line, q.date) for q in result.quotes] == [
        (3, "2017-05-03"),
        (6, "2014-05-04"),
        (9, "2014-09-09"),
        (12, "2016-04-26"),
    ]
    assert result.skipped == 5  # the prose under the first headline (a heading), reported


def test_bold_lines_each_over_one_quote_are_its_title():
    """Unnumbered bold lines under an article's heading (<h2>), each over exactly one
    quote (like a bullet family), name the quotes rather than head sections; the bold
    lines over the prose after the last quote head no quote and do not count. (Bold lines
    of the outermost family stay headings: tests/test_parser_induction.py.)"""
    result = _parse("bold-quote-titles.html")
    got = [(q.date, q.title, q.section) for q in result.quotes]
    assert got == [
        ("2017-05-03", "树立远大理想", "那一年的高考"),
        ("2014-05-04", "人生的扣子要扣好", "那一年的高考"),
        ("2014-09-09", "珍惜学习时光", "那一年的高考"),
        ("2016-04-26", "不懂就学，不会就练", "那一年的高考"),
    ]
    assert result.quotes[-1].text.startswith("广大青年")  # the profiles are no quote


def test_a_book_copied_by_ocr_keeps_its_running_heads_out_of_its_quotes():
    """An OCR copy of a printed book (the class of the held-out 《毛主席论无产阶级专政》): the
    book's title, printed twice on its cover, runs into the contents and, as a running
    head, into the first heading; citations are unpunctuated, their title marks lost or
    misread (义…》, «…）), a date spaced or impossible (1956 年 8至9月, 3月80日), one run
    into the next quote's first words, and the last line is a citation. The running head
    is page furniture and the document's title, the heading is the section, the contents
    are preamble, and every quote closes on its own citation."""
    result = _parse("ocr-running-heads.txt")
    got = [(q.line, q.date, q.date_end, q.text[:6], q.paragraphs) for q in result.quotes]
    assert got == [
        (5, "1941-03-01", "1941-03-31", "群众是真正的", 2),
        (8, "1956-08-01", "1956-09-30", "人民群众是历", 2),
        (11, "1945-04-24", "1945-04-24", "我们应当相信", 2),
        (14, "1943-06-01", "1943-06-01", "要把群众的意", 1),
        (15, "1943-06-01", "1943-06-01", "“从群众中来", 2),
        (18, "1955-10-01", "1955-10-31", "群众的积极性", 1),
    ]
    assert {(q.section, q.leader) for q in result.quotes} == {("群众是真正的英雄。", "毛泽东")}
    (document,) = result.documents
    assert document.title == "毛泽东论人民群众"
    assert any("3月80日" in d.message for d in result.diagnostics)


def test_a_dated_narrative_line_naming_a_newspaper_is_no_citation_run_into_a_quote():
    """A compilation inside prose (the class of the untouched 学习材料 page): a dated
    narrative line that names a newspaper goes on past it (``…《浙江日报》的…专栏发表…
    文章提到：``); it is no citation glued to a quote, so the prose under it gives no
    record, and the compilation after it gives its own."""
    text = (
        "那一年的高考\n"
        "2003年7月11日，恰逢高考录取揭榜之际，时任浙江省委书记的习近平在《浙江日报》的"
        "《之江新语》专栏发表《路就在脚下》一文，文章提到：\n"
        "又到了高考录取揭榜的时候。考上大学固然可喜，但没考上大学也不用悲观。\n"
        "树立理想信念\n"
        "当代青年要树立与这个时代主题同心同向的理想信念。\n"
        "——2017年5月3日，习近平在中国政法大学考察时强调\n"
    )
    result = PARSER.parse_text(text, None, "prose.txt")
    assert [(q.date, q.text[:6]) for q in result.quotes] == [("2017-05-03", "当代青年要树")]
    assert sum(d.reported for d in result.documents) >= 2  # the prose is reported, not lost


def test_a_line_reporting_the_leader_s_words_names_the_quote_under_it():
    """A bold line that reports a known person's words (``习近平说：“…”``), set like the
    page's headings (the class of the untouched 好老师 page), names the quote under it:
    its ``title``, while the section stays the heading above."""
    result = _parse("introduction-names-the-leader.html")
    got = [(q.section, q.title) for q in result.quotes]
    assert got[1] == ("习近平心中的好老师", "习近平说：“要学习黄大年同志的敬业精神”")
    assert got[0] == ("习近平心中的好老师", "")
    text = (
        "读书的金句\n关于读书\n读书可以让人保持思想活力。\n——2013年3月1日，习近平在中央党校的讲话\n"
        "习近平强调：“要把学习作为一种生活态度”\n学习是文明传承之途。\n"
        "——2013年3月1日，习近平在中央党校的讲话\n关于调研\n调查研究是谋事之基。\n"
        "——2013年7月23日，习近平在湖北考察时的讲话\n"
    )
    plain = PARSER.parse_text(text, None, "said.txt")
    assert [(q.section, q.title) for q in plain.quotes] == [
        ("关于读书", ""),
        ("关于读书", "习近平强调：“要把学习作为一种生活态度”"),
        ("关于调研", ""),
    ]


def test_the_name_the_quote_titles_open_with_is_the_leader():
    """Quote titles that open with the speaker's name and a colon (``习近平：…``, the class
    of the untouched 劳动 page, whose title and attributions name no one) name the leader;
    a name that is not a known person's does not."""
    text = (
        "劳动金句\n1.习近平：社会主义是干出来的\n社会主义是干出来的。\n"
        "——2018年4月30日，回信勉励中国劳动关系学院劳模本科班学员\n"
        "2.习近平：奋斗者是精神最为富足的人\n奋斗者是精神最为富足的人。\n"
        "——2018年2月14日，春节团拜会上的讲话\n"
    )
    result = PARSER.parse_text(text, None, "labour.txt")
    assert [q.leader for q in result.quotes] == ["习近平", "习近平"]
    assert all(q.title.startswith("习近平：") for q in result.quotes)
    stranger = PARSER.parse_text(text.replace("习近平：", "王小明："), None, "labour.txt")
    assert {q.leader for q in stranger.quotes} == {None}


def test_a_chapter_cut_from_a_compilation_keeps_its_headings():
    """A chapter cut from a larger compilation (the class of the unseen 毛主席语录 cut):
    its first line is the chapter's name, no longer than the next chapter's by half, and
    each quote is one paragraph; the next chapter's name, alone, right after a citation,
    heads the last quote instead of being read into it (which went unreported)."""
    result = _parse("chapter-cut.txt")
    got = [(q.section, q.text[:4], q.paragraphs) for q in result.quotes]
    assert got == [
        ("战争与和平", "战争是政", 1),
        ("战争与和平", "政治是不", 1),
        ("战争与和平", "兵民是胜", 1),
        ("战争与和平", "我们是战", 1),
        ("帝国主义", "一切反动", 1),
    ]
    # under a title line (longer), the lone chapter name still heads its quote
    titled = (CASES / "chapter-cut.txt").read_text(encoding="utf-8")
    titled = titled.replace("战争与和平\n", "毛主席关于战争与和平问题的论述\n", 1)
    result = PARSER.parse_text(titled, None, "titled.txt")
    assert [(q.section, q.paragraphs) for q in result.quotes][-2:] == [("", 1), ("帝国主义", 1)]


def test_bold_lines_of_markdown_head_the_epigraphs_of_a_report():
    """A news report in Markdown quoting the leader in epigraphs (the class of the unseen
    南开 page): a paragraph all in ``**…**`` is bold, as in Word and on the web, so the
    report's bold headings part its prose from the quote under each; a quote is the
    paragraph between its heading and its ``——习近平``, the prose is reported."""
    result = _parse("epigraphs-in-a-report.md")
    got = [(q.section, q.text[:6], q.paragraphs) for q in result.quotes]
    assert got == [
        ("高举旗帜 思想引领", "办好中国的世", 1),
        ("爱国奋斗 奏响时代最强音", "南开大学具有", 1),
    ]
    assert sum(d.reported for d in result.documents) > 0  # the prose, never a quote
