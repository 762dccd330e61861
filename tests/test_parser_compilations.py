"""Shapes of real compilations that the first parser got wrong, each on a small
hand-written document (our own text) with every field of every record written out by
hand: front matter and tables of contents, question titles, attributions on the quote's
line, lead-ins, lists under one citation, years under a multi-year period, nested book
titles, honorifics and traditional characters, page furniture and credits."""

from __future__ import annotations

from pathlib import Path

from test_parser_layouts import cp, outline, passages, quote, records

from indexer.documents.parser import Parser
from indexer.documents.sources import load_document

PARSER = Parser()


def parse(text: str, source: str = "doc.txt"):
    return PARSER.parse_text(text, None, source)


def document(result) -> dict:
    [doc] = result.documents
    return doc.to_dict()


def problems(result) -> list[tuple[int, int]]:
    return [(d.line, d.skipped) for d in result.diagnostics]


# -- 1. front matter and tables of contents ----------------------------------------

BOOK = """毛主席语录
目　录
第一章　节约……………………1
第二章　谦虚……………………7
再版前言
本书选编了关于作风的语句，便于大家翻阅。
编　者
一九六七年三月一日
第一章　节约
勤俭是我们的传家宝。
　　《关于节约的谈话》（一九五七年二月）
第二章　谦虚
谦虚的人能够听进不同的意见。
　　《〈工作方法〉的说明》（一九五八年一月）
"""


def test_a_table_of_contents_and_a_preface_are_preamble():
    result = parse(BOOK, "book.txt")
    assert records(result) == [
        quote("book.txt", 10, "勤俭是我们的传家宝。", ("1957-02-01", "1957-02-28"),
              "《关于节约的谈话》", "speech", section_no=1, section="节约", leader="毛泽东", heading_path=["第一章　节约"],
              date_precision="month"),
        quote("book.txt", 13, "谦虚的人能够听进不同的意见。", ("1958-01-01", "1958-01-31"),
              "《〈工作方法〉的说明》", "other", section_no=2, section="谦虚", leader="毛泽东", heading_path=["第二章　谦虚"],
              date_precision="month"),
    ]  # fmt: skip
    doc = document(result)
    assert doc["preamble"] == passages(
        (1, "毛主席语录"), (2, "目　录"), (3, "第一章　节约……………………1"),
        (4, "第二章　谦虚……………………7"), (5, "再版前言"),
        (6, "本书选编了关于作风的语句，便于大家翻阅。"), (7, "编　者"), (8, "一九六七年三月一日"),
    )  # fmt: skip
    assert doc["outline"] == outline((9, 1, 1, "节约"), (12, 1, 2, "谦虚"))
    assert problems(result) == []


def test_a_tabbed_table_of_contents_and_an_explanation_above_two_levels():
    text = (
        "习近平关于水利工作论述摘编\n目　录\n一、节水优先\t1\n（一）关于节约用水\t3\n"
        "二、空间均衡\t9\n说　明\n本书收入的论述按专题编排。\n一、节水优先\n（一）关于节约用水\n"
        "节水就是增水。\n——2021年5月14日，习近平在一次座谈会上的讲话\n二、空间均衡\n"
        "要以水定城。\n——2022年6月1日，习近平在一次会议上的讲话\n"
    )
    result = parse(text, "water.txt")
    assert records(result) == [
        quote("water.txt", 10, "节水就是增水。", "2021-05-14", "习近平在一次座谈会上的讲话",
              "symposium", part_no=1, part="节水优先", headings=["节水优先"], section_no=1,
              section="关于节约用水", heading_path=["一、节水优先", "（一）关于节约用水"], affairs="domestic"),
        quote("water.txt", 13, "要以水定城。", "2022-06-01", "习近平在一次会议上的讲话", "meeting",
              section_no=2, section="空间均衡", heading_path=["二、空间均衡"]),
    ]  # fmt: skip
    doc = document(result)
    assert [p["line"] for p in doc["preamble"]] == [1, 2, 3, 4, 5, 6, 7]
    assert doc["outline"] == outline(
        (8, 1, 1, "节水优先"), (9, 2, 1, "关于节约用水"), (12, 1, 2, "空间均衡")
    )
    assert problems(result) == []


def test_a_markdown_list_of_contents_never_heads_the_quotes(tmp_path: Path):
    path = tmp_path / "notes.md"
    path.write_text(
        "# 习近平关于海洋的论述摘编\n\n**目录**\n\n- 一、经略海洋\n- 二、保护海洋\n\n"
        "## 一、经略海洋\n\n海洋是高质量发展的要地。\n\n——2018年6月12日，习近平在一次考察时的讲话\n\n"
        "## 二、保护海洋\n\n要像对待生命一样关爱海洋。\n\n——2019年4月23日，习近平在一次会见时的讲话\n",
        encoding="utf-8",
    )
    result = PARSER.parse_document(load_document(path))
    assert [(q.text, q.section_no, q.section, q.headings) for q in result.quotes] == [
        ("海洋是高质量发展的要地。", 1, "经略海洋", ()),
        ("要像对待生命一样关爱海洋。", 2, "保护海洋", ()),
    ]
    doc = document(result)
    assert [p["text"] for p in doc["preamble"]] == [
        "习近平关于海洋的论述摘编",
        "目录",
        "一、经略海洋",
        "二、保护海洋",
    ]
    assert [o["title"] for o in doc["outline"]] == ["经略海洋", "保护海洋"]
    assert problems(result) == []


def test_a_postscript_after_the_last_quote_is_trailer():
    text = (
        "习近平关于读书论述摘编\n一、关于读书\n读书可以让人保持思想活力。\n"
        "——2013年3月1日，习近平在一次开学典礼上的讲话\n后　记\n本书由编写组选编。\n"
    )
    result = parse(text, "read.txt")
    assert [q.line for q in result.quotes] == [3]
    assert document(result)["trailer"] == passages((5, "后　记"), (6, "本书由编写组选编。"))
    assert problems(result) == []


# -- 2. quote titles that ask or exclaim -------------------------------------------


def test_one_title_ending_in_a_question_mark_is_still_a_title():
    text = (
        "习近平关于作风建设论述摘编\n一、改进作风\n1．作风关乎人心\n作风问题关系人心向背。\n"
        "——《在一次会议上的讲话》（2013年1月22日）\n2．为什么要反对形式主义？\n"
        "形式主义害人不浅。\n——《在另一次会议上的讲话》（2018年2月1日）\n二、从严治吏\n"
        "3．干部要干净！\n干部要干净干事。\n——《在一次座谈会上的讲话》（2014年3月9日）\n"
    )
    result = parse(text, "style.txt")
    assert records(result) == [
        quote("style.txt", 4, "作风问题关系人心向背。", "2013-01-22", "《在一次会议上的讲话》",
              "meeting", section_no=1, section="改进作风", heading_path=["一、改进作风"], title="作风关乎人心"),
        quote("style.txt", 7, "形式主义害人不浅。", "2018-02-01", "《在另一次会议上的讲话》",
              "meeting", section_no=1, section="改进作风", heading_path=["一、改进作风"], title="为什么要反对形式主义？"),
        quote("style.txt", 11, "干部要干净干事。", "2014-03-09", "《在一次座谈会上的讲话》",
              "symposium", section_no=2, section="从严治吏", heading_path=["二、从严治吏"], title="干部要干净！", affairs="domestic"),
    ]  # fmt: skip
    assert problems(result) == []


# -- 5. an attribution on the quote's own line -------------------------------------


def test_an_attribution_after_a_dash_on_the_quote_line():
    text = (
        "毛泽东论学习摘编\n一、关于学习\n"
        "我们要学会做经济工作，向一切内行的人学习。——毛泽东：《论人民民主专政》（1949年6月30日），《毛泽东选集》第四卷\n"
        "学习马克思主义要联系实际。——毛泽东：《改造我们的学习》（1941年5月19日）\n"
    )
    result = parse(text, "learn.txt")
    assert records(result) == [
        quote("learn.txt", 3, "我们要学会做经济工作，向一切内行的人学习。", "1949-06-30",
              "毛泽东：《论人民民主专政》，《毛泽东选集》第四卷", "other", section_no=1,
              section="关于学习", heading_path=["一、关于学习"], leader="毛泽东"),
        quote("learn.txt", 4, "学习马克思主义要联系实际。", "1941-05-19",
              "毛泽东：《改造我们的学习》", "other", section_no=1, section="关于学习", heading_path=["一、关于学习"],
              leader="毛泽东"),
    ]  # fmt: skip
    assert problems(result) == []


def test_an_attribution_in_a_final_bracket_on_the_quote_line():
    text = (
        "习近平关于劳动论述摘编\n一、关于劳动\n"
        "劳动是一切成功的必经之路。（2015年4月28日，习近平在一次座谈会上的讲话）\n"
        "幸福是奋斗出来的。（2018年2月14日，习近平在一次团拜会上的讲话）\n"
        "这句话没有出处（待考）。\n——2019年1月2日，习近平在一次会议上的讲话\n"
    )
    result = parse(text, "labour.txt")
    assert records(result) == [
        quote("labour.txt", 3, "劳动是一切成功的必经之路。", "2015-04-28",
              "习近平在一次座谈会上的讲话", "symposium", section_no=1, section="关于劳动", heading_path=["一、关于劳动"], affairs="domestic"),
        quote("labour.txt", 4, "幸福是奋斗出来的。", "2018-02-14", "习近平在一次团拜会上的讲话",
              "speech", section_no=1, section="关于劳动", heading_path=["一、关于劳动"]),
        quote("labour.txt", 5, "这句话没有出处（待考）。", "2019-01-02", "习近平在一次会议上的讲话",
              "meeting", section_no=1, section="关于劳动", heading_path=["一、关于劳动"]),
    ]  # fmt: skip
    assert problems(result) == []


# -- lead-ins and lists under one citation -----------------------------------------


def test_a_lead_in_ending_with_a_colon_attributes_the_quote_under_it():
    text = (
        "天天学习｜习近平谈湿地保护\n湿地是地球之肾。今天我们一起学习。\n"
        "2022年11月5日，习近平在一次大会开幕式上指出：\n“湿地是全人类的宝贵财富。”\n"
        "2021年10月12日，习近平在一次峰会上强调：\n“要守护好绿水青山。”\n"
    )
    result = parse(text, "wet.txt")
    assert records(result) == [
        quote("wet.txt", 4, "“湿地是全人类的宝贵财富。”", "2022-11-05",
              "习近平在一次大会开幕式上指出", "other"),
        quote("wet.txt", 6, "“要守护好绿水青山。”", "2021-10-12", "习近平在一次峰会上强调",
              "summit", affairs="foreign"),
    ]  # fmt: skip
    assert document(result)["preamble"] == passages(
        (1, "天天学习｜习近平谈湿地保护"), (2, "湿地是地球之肾。今天我们一起学习。")
    )
    assert problems(result) == []


def test_a_numbered_list_under_one_shared_citation_gives_a_quote_per_item():
    text = (
        "习近平关于奋斗论述摘编\n一、关于奋斗\n1.“奋斗本身就是一种幸福。”\n"
        "2.“新时代是奋斗者的时代。”\n——2018年2月14日，习近平在一次团拜会上的讲话\n"
        "要做到：\n1.坚持学习\n2.坚持实践\n——2019年3月1日，习近平在一次开班式上的讲话\n"
    )
    result = parse(text, "strive.txt")
    assert records(result) == [
        quote("strive.txt", 3, "“奋斗本身就是一种幸福。”", "2018-02-14",
              "习近平在一次团拜会上的讲话", "speech", section_no=1, section="关于奋斗", heading_path=["一、关于奋斗"]),
        quote("strive.txt", 4, "“新时代是奋斗者的时代。”", "2018-02-14",
              "习近平在一次团拜会上的讲话", "speech", section_no=1, section="关于奋斗", heading_path=["一、关于奋斗"]),
        quote("strive.txt", 6, "要做到：\n1.坚持学习\n2.坚持实践", "2019-03-01",
              "习近平在一次开班式上的讲话", "speech", section_no=1, section="关于奋斗", heading_path=["一、关于奋斗"]),
    ]  # fmt: skip
    assert problems(result) == []


# -- 6. a year-less date under a multi-year title period ---------------------------


def test_a_yearless_date_takes_the_year_of_its_neighbours_in_a_long_period():
    text = (
        "习近平关于乡村工作论述摘编（2013年3月—2021年6月）\n一、乡村振兴\n"
        "要让农民腰包鼓起来。\n——2020年3月2日，习近平在一次座谈会上的讲话\n"
        "要把饭碗端在自己手里。\n——3月6日，习近平在一次会议上的讲话\n"
        "要发展乡村产业。\n——4月9日，习近平在一次考察时强调\n"
    )
    result = parse(text, "rural.txt")
    assert [(q.line, q.date) for q in result.quotes] == [
        (3, "2020-03-02"),
        (5, "2020-03-06"),
        (7, "2020-04-09"),
    ]
    assert problems(result) == []


def test_a_yearless_date_before_any_dated_one_takes_the_year_after_it():
    text = (
        "习近平关于乡村工作论述摘编（2013年3月—2021年6月）\n一、乡村振兴\n"
        "要把饭碗端在自己手里。\n——5月6日，习近平在一次会议上的讲话\n"
        "要让农民腰包鼓起来。\n——2019年5月12日，习近平在一次座谈会上的讲话\n"
    )
    result = parse(text, "rural.txt")
    assert [q.date for q in result.quotes] == ["2019-05-06", "2019-05-12"]


# -- 3. and 8. leaders, honorifics, traditional characters -------------------------


def test_an_honorific_in_the_title_leaves_the_leader_to_the_attributions():
    text = (
        "重温｜总书记的这些话温暖人心\n人民就是江山。\n——2021年7月1日，习近平在一次大会上的讲话\n"
    )
    result = parse(text, "warm.txt")
    assert [q.leader for q in result.quotes] == ["习近平"]
    doc = document(result)
    assert (doc["leader"], doc["leader_from"]) == ("习近平", "attributions")


def test_an_honorific_title_takes_the_name_the_text_gives_it():
    text = (
        "学习｜总书记的嘱托\n习近平总书记十分关心青年。\n一、关于青年\n青年要勇于担当。\n"
        "——《在一次座谈会上的讲话》（2019年4月30日）\n"
    )
    result = parse(text, "youth.txt")
    doc = document(result)
    assert (doc["leader"], doc["leader_from"]) == ("习近平", "title and text")
    assert [q.leader for q in result.quotes] == ["习近平"]


def test_titles_of_the_form_name_on_topic_give_the_leader():
    for title, leader in [
        ("邓小平论教育", "邓小平"),
        ("习近平论青年工作", "习近平"),
        ("天天学习｜习近平谈粮食安全", "习近平"),
        ("毛主席语录", "毛泽东"),
        ("毛主席語錄", "毛泽东"),  # traditional: folded, then the people table's name
        ("習近平談開放", "习近平"),
    ]:
        text = f"{title}\n一、关于学习\n要学习。\n——《一次谈话》（1980年5月1日）\n"
        doc = document(parse(text, "t.txt"))
        assert (doc["leader"], doc["leader_from"]) == (leader, "title"), title


def test_traditional_attributions_give_event_types_counterparts_and_the_canonical_leader():
    text = (
        "習近平談開放\n一、擴大開放\n「開放帶來進步。」\n"
        "——2018年4月10日，習近平在一次論壇上的主旨演講\n"
        "「中方願同各方加強合作。」\n——2020年5月8日，習近平同法國總統馬克龍通電話\n"
    )
    result = parse(text, "open.txt")
    assert records(result) == [
        quote("open.txt", 3, "「開放帶來進步。」", "2018-04-10", "習近平在一次論壇上的主旨演講",
              "speech", section_no=1, section="擴大開放", heading_path=["一、擴大開放"]),
        quote("open.txt", 5, "「中方願同各方加強合作。」", "2020-05-08",
              "習近平同法國總統馬克龍通電話", "phone_call", section_no=1, section="擴大開放", heading_path=["一、擴大開放"],
              affairs="foreign", counterparts=[cp("马克龙", "法国总统", "法国")]),
    ]  # fmt: skip
    assert document(result)["leader"] == "习近平"


# -- 7. nested book titles in a citation line with no dash -------------------------


def test_a_nested_book_title_in_a_dashless_citation_closes_its_quote():
    text = (
        "毛主席语录\n第一章　调查\n不做调查就没有发言权。\n　　《〈乡村调查〉的序言》（一九四一年三月）\n"
        "情况明，决心大。\n　　《论工作方法》（一九四八年四月）\n"
    )
    result = parse(text, "survey.txt")
    assert [(q.line, q.text, q.event, q.date) for q in result.quotes] == [
        (3, "不做调查就没有发言权。", "《〈乡村调查〉的序言》", "1941-03-01"),
        (5, "情况明，决心大。", "《论工作方法》", "1948-04-01"),
    ]
    assert problems(result) == []


# -- 10. page furniture, running headers, credits, breadcrumbs ---------------------


def test_a_photo_caption_between_quotes_is_left_out_and_counted():
    text = (
        "学习时间｜习近平谈城市\n“城市是人民的城市。”\n——2019年11月2日，习近平在上海考察时指出\n"
        "2019年11月2日，习近平在一处滨江公共空间考察。新华社记者　张三　摄\n"
        "“城市管理要像绣花一样精细。”\n——2018年11月6日，习近平在上海考察时指出\n"
    )
    result = parse(text, "city.txt")
    assert [(q.line, q.text) for q in result.quotes] == [
        (2, "“城市是人民的城市。”"),
        (5, "“城市管理要像绣花一样精细。”"),
    ]


def test_a_running_page_header_is_not_glued_into_a_quote():
    text = (
        "习近平关于生态论述摘编\n一、绿色发展\n绿水青山就是金山银山。\n"
        "－ 2 －\n习近平关于生态论述摘编\n保护生态环境就是保护生产力。\n"
        "——2013年5月24日，习近平在一次集体学习时的讲话\n"
    )
    result = parse(text, "eco.txt")
    assert [(q.line, q.text) for q in result.quotes] == [
        (3, "绿水青山就是金山银山。\n保护生态环境就是保护生产力。"),
    ]


def test_credits_and_a_newspaper_dateline_are_trailer():
    text = (
        "联播+｜习近平谈生态\n【生态兴则文明兴】\n生态兴则文明兴。\n"
        "——2018年5月18日，习近平在全国生态环境保护大会上的讲话\n"
        "【绿色发展】\n要坚持绿色发展。\n——2019年4月28日，习近平在一次开幕式上的讲话\n"
        "策划丨王一\n监制丨李二\n编辑丨赵三\n《 光明日报 》（ 2021年10月25日　05 版）\n"
    )
    result = parse(text, "credits.txt")
    doc = document(result)
    assert [o["title"] for o in doc["outline"]] == ["生态兴则文明兴", "绿色发展"]
    assert [p["text"] for p in doc["trailer"]] == [
        "策划丨王一",
        "监制丨李二",
        "编辑丨赵三",
        "《 光明日报 》（ 2021年10月25日　05 版）",
    ]
    assert problems(result) == []


def test_a_breadcrumb_first_line_is_not_the_title():
    text = (
        "首页 > 时政 > 正文\n学习路上｜习近平这样谈劳动\n劳动最光荣。\n"
        "——2020年11月24日，习近平在一次表彰大会上的讲话\n"
    )
    doc = document(parse(text, "crumb.txt"))
    assert (doc["title"], doc["title_from"]) == ("学习路上｜习近平这样谈劳动", "title line")


def test_layout_cues_are_found_in_traditional_characters():
    text = (
        "毛主席語錄\n目　錄\n一　團結\n二　學習\n說　明\n本書供學習之用。\n一　團結\n團結就是力量。\n"
        "　　《一篇文章》（一九四五年四月）\n二　學習\n學習是為了工作。\n　　《另一篇文章》（一九四二年二月）\n"
        "（責編：某甲、某乙）\n"
    )
    result = parse(text, "trad.txt")
    assert [(q.line, q.section, q.leader) for q in result.quotes] == [
        (8, "團結", "毛泽东"),
        (11, "學習", "毛泽东"),
    ]
    doc = document(result)
    assert [p["line"] for p in doc["preamble"]] == [1, 2, 3, 4, 5, 6]
    assert doc["trailer"] == passages((13, "（責編：某甲、某乙）"))
    assert problems(result) == []


def test_a_periodical_issue_dates_its_quote_to_the_year():
    text = (
        "习近平关于理论学习论述摘编\n一、关于学习\n理论上清醒，政治上才能坚定。\n——《求是》2021年第9期\n"
        "学习是进步的阶梯。\n——《学习时报》2018年第3期，《论学习》第二卷\n"
        "要发扬斗争精神。\n——习近平发表二〇二一年新年贺词\n"
    )
    result = parse(text, "issue.txt")
    assert [(q.event, q.date, q.date_end, q.date_precision) for q in result.quotes] == [
        ("《求是》第9期", "2021-01-01", "2021-12-31", "year"),
        ("《学习时报》第3期，《论学习》第二卷", "2018-01-01", "2018-12-31", "year"),
        ("习近平发表二〇二一年新年贺词", None, None, None),
    ]


def test_the_subject_after_a_time_phrase_and_offices_gives_the_leader():
    text = (
        "新年贺词金句\n新年前夕，国家主席习近平通过广播发表了二〇二四年新年贺词。一起来看金句——\n"
        "1.“日子越过越红火。”\n2.“奋斗成就梦想。”\n"
    )
    result = parse(text, "spring.txt")
    event = "新年前夕，国家主席习近平通过广播发表了二〇二四年新年贺词。一起来看金句"
    assert [(q.line, q.text, q.event, q.event_type, q.date, q.leader) for q in result.quotes] == [
        (3, "“日子越过越红火。”", event, "greeting", None, "习近平"),
        (4, "“奋斗成就梦想。”", event, "greeting", None, "习近平"),
    ]
    doc = document(result)
    assert (doc["leader"], doc["leader_from"]) == ("习近平", "attributions")
    text = (
        "学习摘编\n一、关于民生\n甲乙丙。\n——2020年3月1日，中共中央总书记、国家主席习近平在一次会议上的讲话\n"
        "丁戊己。\n——2020年3月2日，同法国总统马克龙通电话\n庚辛壬。\n——2020年3月3日，同德国总理默克尔通电话\n"
    )
    assert document(parse(text, "offices.txt"))["leader"] is None  # 同…: the other side


def test_the_subject_an_attribution_opens_with():
    subject = PARSER.attributions.subject
    assert [
        subject(event)
        for event in (
            "国家主席习近平在一次会议上的讲话",
            "中共中央总书记、国家主席、中央军委主席习近平在一次会议上的讲话",
            "近日，习近平给一所大学的学生回信",
            "習近平在一次會議上的講話",
            "同法国总统马克龙通电话",
            "下午，同德国总理默克尔通电话",
            "在一次会议上的讲话",
        )
    ] == ["习近平", "习近平", "习近平", "习近平", None, None, None]


# -- affairs without a part heading -------------------------------------------------

AFFAIRS = (
    "学习摘编\n"
    "要把论文写在祖国大地上。\n——2021年4月19日，习近平在一所大学考察时的讲话\n"
    "各国要携手应对挑战。\n——2020年9月22日，习近平在第七十五届联合国大会一般性辩论上的讲话\n"
    "祝贺学校建校一百周年。\n——2021年4月20日，中共中央总书记、国家主席习近平致信祝贺一所大学建校\n"
    "新春佳节到来之际，向大家拜年。\n——2021年2月10日，习近平在一次团拜会上的讲话\n"
)


def test_affairs_come_from_cues_in_the_event_after_the_leaders_name(tmp_path):
    """No part heading places these quotes: 考察 is domestic, 联合国 foreign; the offices
    before the leader's name (中共中央总书记) are no cue, so that quote stays unknown; a
    corpus's own gazetteer/affairs.tsv adds cues (团拜会)."""
    from indexer.records.gazetteer import load_gazetteer

    expected = [("domestic", 2), ("foreign", 4), (None, 6), (None, 8)]
    result = parse(AFFAIRS, "affairs.txt")
    assert [(q.affairs, q.line) for q in result.quotes] == expected
    assert problems(result) == []
    corpus = tmp_path / "corpus"
    (corpus / "gazetteer").mkdir(parents=True)
    (corpus / "gazetteer" / "affairs.tsv").write_text("domestic\t团拜会\n", encoding="utf-8")
    extended = Parser(load_gazetteer([corpus])).parse_text(AFFAIRS, None, "affairs.txt")
    assert [(q.affairs, q.line) for q in extended.quotes] == [*expected[:3], ("domestic", 8)]
