"""The failure classes the unseen real compilations revealed (tests/realdocs/unseen), each
as a small hand-written document of its class (``tests/induction``) with the records it
must give."""

from __future__ import annotations

from pathlib import Path

from indexer.documents.parser import Parser
from indexer.documents.sources import load_document

PARSER = Parser()
CASES = Path(__file__).resolve().parent / "induction"


def _parse(name: str):
    return PARSER.parse_document(load_document(CASES / name))


def _rows(result):
    return [
        (q.line, q.date, q.date_end, q.section, q.paragraphs, q.text[:5], q.event)
        for q in result.quotes
    ]


def test_items_under_one_collective_citation_are_quotes_it_cites():
    """A Party document transmitting instructions (the class of 中发〔1976〕4号): a header,
    an approval signed and dated, a notice signed and dated, then two titles, each over a
    bracketed, dated subtitle and items parted by blank lines that cite nothing. Each item
    is a quote cited by the subtitle above it (its paragraphs kept together), the titles
    head them and name the leader, and the header, approval and notice are preamble: no
    record is made of a signature and its date."""
    result = _parse("instructions-under-one-citation.txt")
    autumn, spring = ("1967-09-01", "1967-09-30"), ("1968-01-01", "1968-12-31")
    first, second = "毛主席最新指示", "毛主席重要指示"
    assert _rows(result) == [
        (29, *autumn, first, 1, "干部要经常", "视察各地时的谈话"),
        (31, *autumn, first, 2, "学校要办得", "视察各地时的谈话"),
        (34, *autumn, first, 1, "要抓紧时间", "视察各地时的谈话"),
        (40, *spring, second, 1, "遇事要多听", "春节期间的谈话"),
        (42, *spring, second, 3, "工厂要搞技", "春节期间的谈话"),
        (46, *spring, second, 1, "农村要重视", "春节期间的谈话"),
    ]
    document = result.documents[0]
    assert document.leader == "毛泽东"
    assert [p.line for p in document.preamble][-2:] == [20, 21]  # the notice's signature, date
    assert result.skipped == 0 and document.reported == 0
    assert sum("one citation for the 3 items" in n.message for n in result.notes) == 2


def test_items_of_a_web_page_are_its_paragraphs():
    """The same class in HTML, where no blank line parts anything: the title is the page's
    heading, the subtitle a paragraph, and each later paragraph one item."""
    result = _parse("instructions-under-one-citation.html")
    assert [(q.line, q.date, q.date_end, q.text[:5], q.event) for q in result.quotes] == [
        (n, "1967-09-01", "1967-09-30", start, "视察各地时的谈话")
        for n, start in ((3, "干部要经常"), (4, "学校要办得"), (5, "要抓紧时间"), (6, "遇事要多听"))
    ]
    assert result.documents[0].leader == "毛泽东" and result.skipped == 0


def test_a_report_under_a_dated_subtitle_is_no_list_of_items():
    """A report whose paragraphs tell what a known person said (习近平强调，…) under a
    dated subtitle is not a compilation of items: its paragraphs make no quote and are
    reported, as paragraphs after the last attribution."""
    result = _parse("report-under-a-dated-subtitle.txt")
    assert not any(q.text.startswith(("习近平强调", "习近平指出", "当地")) for q in result.quotes)
    assert result.skipped == 4
    assert not any("one citation for" in n.message for n in result.notes)


# -- the fresh set (tests/realdocs/fresh): a scanned book's citations, a Hugo page -----


def test_a_scanned_books_citations_come_back_whole():
    """An OCR'd book whose citations the page width broke over lines (a title left open,
    a word cut after the date, a second reference on its own line, a bracketed date and
    the source apart), whose dashes the OCR read as 一 (``1877一1878年``, ``7一11月``,
    a page number ``一6—``), whose title marks it misread (``《列宁全集)``) or lost
    (``《马克思致某某(1863年…``), with an edition (``甲种本``) and its year (``1965年版``) after the date or alone,
    and a paragraph a page break cut in two (its page number and marker between)."""
    result = _parse("ocr-book-citations.txt")
    first, second = "学习要有恒心", "学习要联系实际"
    got = [(q.line, q.date, q.date_end, q.section, q.paragraphs, q.text[:4]) for q in result.quotes]
    assert got == [
        (3, "1877-01-01", "1878-12-31", first, 1, "学习的敌"),
        (6, "1914-07-01", "1914-11-30", first, 1, "读书要读"),
        (9, "1924-01-01", "1924-01-31", first, 1, "我们必须"),
        (12, "1886-10-09", "1886-10-09", first, 1, "真正的知"),
        (16, "1843-01-01", "1844-01-31", second, 1, "理论一经"),
        (18, "1915-01-01", "1915-12-31", second, 1, "不懂得实"),
        (22, "1863-12-15", "1863-12-15", second, 1, "实践的观"),
        (24, None, None, second, 1, "经济建设"),  # an edition (甲种本, 1965年版): no date
        (26, "1935-11-10", "1935-11-10", second, 1, "我记得，"),  # cut by a page break
    ]
    assert result.quotes[-1].text == "我记得，我在一次会议上曾和几个同志谈了一次话，大家都很高兴。"
    assert result.quotes[3].event.endswith("第36卷第532页")  # the reference's second line
    assert result.skipped == 0 and result.documents[0].reported == 0


def test_a_site_generators_tags_are_markup():
    """A Hugo page whose attributions stand inside shortcodes (``{{< right >}}`` …
    ``{{< /right >}}``, ``{{% note %}}``): the tags are markup, never a heading or text,
    so each quote keeps its section."""
    result = _parse("hugo-shortcodes.md")
    got = [(q.line, q.date, q.section, q.event) for q in result.quotes]
    assert got == [
        (10, None, "有出处的名言", "《一篇文章》"),
        (18, "1844-01-01", "有出处的名言", "《另一篇文章》"),
        (28, None, "论实践", "《第三篇文章》"),
    ]
    assert result.skipped == 0 and result.documents[0].reported == 0


def test_a_reference_no_rule_reads_inside_a_quote_is_reported():
    """A line that holds a work's title, no sentence, and a page at its end, which no rule
    took for a citation (an edition word no rule knows), is reported where it stands
    inside a quote, never kept silently as its text."""
    text = (
        "一、论学习\n"
        "学习要有恒心，不能一曝十寒。\n"
        "——《一篇文章》（1939年5月）\n"
        "经济建设我们还缺乏经验，还需要积累经验。\n"
        "某某：《关于一个问题》《某某选集》乙编补印本第497页\n"
        "读书要读懂，不能只看皮毛。\n"
        "——《另一篇文章》（1941年5月）\n"
    )
    result = PARSER.parse_text(text, source="reference.txt")
    assert result.documents[0].reported >= 1
    assert any(d.line == 5 and "looks like a citation" in d.message for d in result.diagnostics)


def test_a_page_break_joins_only_a_sentence_in_progress():
    """Across a page's number and marker, a sentence in progress goes on; a heading, a
    numbered line or a citation's piece at the foot of a page does not."""
    from indexer.documents.layouts import _furniture
    from indexer.documents.pagebreaks import rejoin_page_breaks
    from indexer.records.quotes import Line

    def joined(first: str) -> list[str]:
        texts = [first, "12", "", "==========第13页==========", "个同志谈了一次话。"]
        lines = [Line(n, t) for n, t in enumerate(texts, 1)]
        cues = PARSER.gaz.layout
        return [x.text for x in rejoin_page_breaks(lines, cues, lambda x: _furniture(PARSER, x))]

    assert joined("我记得，我在会上曾和几")[0] == "我记得，我在会上曾和几个同志谈了一次话。"
    for first in (
        "实践出真知",
        "一、论实践的重要",
        "某某：《一篇文章》，第",
        "我记得我在会上曾和几",
    ):
        assert joined(first)[0] == first


def test_only_a_citation_cut_short_is_joined():
    """A line that leaves a title or a date's bracket open goes on in the next line; a
    quote's line whose bracket opened a sentence ago (and ends with its attribution) does
    not, nor a quote over a line that merely ends with a page."""
    from indexer.documents.brokencites import rejoin_citations
    from indexer.records.quotes import Line

    def joined(*texts: str) -> list[str]:
        lines = [Line(n, t) for n, t in enumerate(texts, 1)]
        return [x.text for x in rejoin_citations(lines, PARSER.gaz.layout)]

    assert joined("恩格斯：《一篇长文章的", "草稿》(1878年)。") == [
        "恩格斯：《一篇长文章的草稿》(1878年)。"
    ]
    assert joined("恩格斯：《一篇文章》(1884年", "3月)。《全集》第21卷第9页") == [
        "恩格斯：《一篇文章》(1884年3月)。《全集》第21卷第9页"
    ]
    kept = ("甲乙（丙丁。戊己。——1976年3月17日，习近平同某某通电话", "庚辛）壬癸。")
    assert joined(*kept) == list(kept)
    kept = ("我们要读《资本论》。", "第一卷第一二三页")
    assert joined(*kept) == list(kept)


def test_a_numbered_list_inside_a_letter_stays_in_the_quote():
    """Numbered questions inside a letter (``1.摆脱物质上的操心？`` …), in a document whose
    sections are numbered the same way, are the quote's lines, not headings: a run of
    three or more, right under the quote's text, each ending a sentence; nothing is
    reported."""
    result = _parse("list-inside-a-letter.txt")
    got = [(q.line, q.section, q.paragraphs, q.text[:5]) for q in result.quotes]
    assert got == [
        (3, "学习的态度", 1, "学习要有恒"),
        (5, "学习的态度", 5, "实际上，您"),
        (12, "学习的方法", 1, "读书要读懂"),
    ]
    assert "\n2.摆脱宗教的偏见？\n" in result.quotes[1].text
    assert result.skipped == 0 and result.documents[0].reported == 0


def test_sayings_under_a_heading_that_announces_them_are_quotes_by_its_author():
    """A page of sayings (the class of a Hugo page of 马克思恩格斯名言): parts whose
    headings announce sayings (周恩来的格言, 邓小平的名言) over paragraphs that cite
    nothing. Each paragraph is a quote, undated, said by the person the heading names,
    under its subheadings; a part whose sayings are cited is read the usual way; a cue
    inside a work's title (《邓小平语录》编辑说明) announces nothing, and paragraphs that
    report someone's words (习近平强调，…) are a report: both stay reported."""
    result = _parse("sayings-under-author-headings.md")
    rows = [(q.line, q.part, q.section, q.leader, q.date, q.text[:4]) for q in result.quotes]
    zhou, deng = ("周恩来的格言", "周恩来"), ("", "邓小平的名言", "邓小平")
    assert rows == [
        (13, "", "有出处的名言", None, None, "为中华之"),
        (17, "", "有出处的名言", "邓小平", "1992-01-18", "发展才是"),
        (25, zhou[0], "论学习", zhou[1], None, "活到老，"),
        (27, zhou[0], "论学习", zhou[1], None, "学习要有"),
        (31, zhou[0], "论工作", zhou[1], None, "工作要认"),
        (33, zhou[0], "论工作", zhou[1], None, "与人相处"),
        (37, *deng, None, "实践是检"),
        (39, *deng, None, "贫穷不是"),
        (41, *deng, None, "不管黑猫"),
    ]
    assert [q.attribution for q in result.quotes[2:]] == [""] * 7
    said = [n.line for n in result.notes if "sayings under this heading" in n.message]
    assert said == [21, 35]
    assert result.documents[0].reported == 6  # the preface (5–9) and the report (45–49)


def test_footnotes_and_citations_an_ocr_damaged_in_a_scanned_book():
    """A scanned book of several authors' words (the class of a 1970s 论辩证唯物主义
    OCR): a footnote under the text that carries its mark, above the page's number, is
    left out of the quote with a note (and the number is a page's, not an excerpt's); a
    citation of joint authors (马克思、恩格斯：), a title whose closing mark the OCR lost
    before the volume (《马克思恩格斯选集第4卷) or whose opening mark it misread (，飞列宁
    选集》) are citations all the same; each quote is said by the person its citation
    names."""
    result = _parse("ocr-footnotes-and-damaged-citations.txt")
    rows = [(q.line, q.paragraphs, q.text[:4], q.leader) for q in result.quotes]
    assert rows == [
        (4, 1, "人的正确", "列宁"),
        (6, 2, "读书是学", "列宁"),
        (13, 1, "哲学家们", "马克思、恩格斯"),
        (15, 1, "理论在一", "恩格斯"),
        (17, 1, "实践、认", "列宁"),
        (23, 1, "没有革命", "列宁"),
    ]
    assert "编者注" not in result.quotes[1].text
    assert [q.section for q in result.quotes] == ["认识来源于实践"] * 5 + ["认识反过来指导实践"]
    assert [n.line for n in result.notes if "a footnote to line 6" in n.message] == [7]
    assert result.skipped == 0 and result.documents[0].reported == 0


def test_a_blog_notice_is_preamble_and_attribute_lists_are_markup(tmp_path):
    """A blog page of excerpts (the class of a Hexo page): a notice under the front matter
    (``**注意：** 版权归原作者所有。``) and a rule before the first excerpt are preamble,
    not the first quote's words; an attribute list closing a paragraph (``{.right}``,
    ``{: .note}``) is markup, not the attribution's words."""
    page = tmp_path / "excerpts.md"
    page.write_text(
        "---\ntitle: 摘抄\n---\n\n**注意：** 文段的版权归原作者所有。\n\n---\n\n"
        "凡花大都是五瓣，栀子花却是六瓣。\n\n——汪曾祺《夏天》{.right}\n\n"
        "我们也有一个梦想。\n\n——某某《演讲》{: .right #end}\n",
        encoding="utf-8",
    )
    result = PARSER.parse_document(load_document(page))
    assert [(q.line, q.text, q.event) for q in result.quotes] == [
        (9, "凡花大都是五瓣，栀子花却是六瓣。", "汪曾祺《夏天》"),
        (13, "我们也有一个梦想。", "某某《演讲》"),
    ]
    assert [p.line for p in result.documents[0].preamble] == [5]


def test_sayings_of_a_news_article_that_attributes_nothing_are_its_quotes():
    """A news page of 金句 (the class of the Hong Kong 金句 and 語錄 articles): no line
    attributes anything, the title announces sayings, and the sayings are paragraphs
    wholly in quotation marks (after a short lead-in, 某某回应：「…」) or all in bold
    among narration, under bold topic lines with photos. Each saying is a quote under its
    topic; narration (one that quotes a few words and goes on, one that opens with a
    quoted phrase: 「文康福利」是…) is left out with a note;
    a photo's caption is furniture, never a section."""
    result = _parse("sayings-in-a-news-article.md")
    rows = [(q.line, q.section, q.attribution, q.text[:4]) for q in result.quotes]
    assert rows == [
        (19, "谈项目", "", "「这个项"),
        (21, "谈项目", "", "「大家可"),
        (23, "谈项目", "", "某某回应"),
        (35, "谈心情", "", "心情当然"),
        (37, "谈心情", "", "「我希望"),
    ]
    [note] = [n for n in result.notes if "sayings in quotation marks" in n.message]
    assert note.line == 19 and "lines 31, 33, 39)" in note.message  # not a caption
    assert any("photo captions): 某某称项目是好项目" in n.message for n in result.notes)
    assert result.skipped == 0 and result.documents[0].reported == 0


def test_paragraphs_no_attribution_closes_before_a_rule_are_reported_not_glued():
    """A blog page of excerpts parted by rules (``---``, a thematic break, read as a
    separator line), where a rule follows most attributions: a poem copied without its
    author's line, alone between two rules, is reported, never glued into the quote after
    the rule (which would put someone else's words in 毛泽东's record)."""
    result = _parse("excerpts-parted-by-rules.md")
    assert [(q.line, q.text[:4], q.leader) for q in result.quotes] == [
        (5, "读书是学", "毛泽东"),
        (17, "我正式劝", "毛泽东"),
        (23, "发展才是", "邓小平"),
    ]
    assert [d.line for d in result.diagnostics if "before a separator line" in d.message] == [13]
    assert result.documents[0].reported == 1
