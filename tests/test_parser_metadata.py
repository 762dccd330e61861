"""Metadata is optional: a metadata file wins; without one the title, leader and year
come from the document, else from --title/--leader/--year, else the file name (title),
nothing (leader, said so) or a one-line error naming the fix (year)."""

from __future__ import annotations

import pytest

from indexer.documents.metadata import Metadata, read_metadata
from indexer.documents.parser import Parser, parse_paths
from indexer.errors import CorpusFormatError

PARSER = Parser()


def parse(text, meta=None, defaults=None, source="doc.txt"):
    return PARSER.parse_text(text, meta, source, defaults)


def facts(result):
    [d] = result.documents
    return {
        "title": (d.title, d.title_from),
        "leader": (d.leader, d.leader_from),
        "year": (d.year, d.year_from),
    }


BODY = "甲乙丙。\n——3月4日，习近平主持召开会议\n丁戊。\n——5月6日，习近平在一次会议上强调\n"


def test_a_metadata_file_wins_over_what_the_document_says():
    text = "李四关于某事的论述摘编（2019年1月—2月）\n" + BODY
    meta = Metadata(title="给定标题", year=2020, leader="张三")
    result = parse(text, meta, Metadata(title="选项", year=1999, leader="选项人"))
    assert facts(result) == {
        "title": ("给定标题", "metadata"),
        "leader": ("张三", "metadata"),
        "year": (2020, "metadata"),
    }
    assert [(q.date, q.leader) for q in result.quotes] == [
        ("2020-03-04", "张三"),
        ("2020-05-06", "张三"),
    ]


def test_the_document_says_it_when_there_is_no_metadata_file():
    result = parse("习近平关于某事的论述摘编（2019年1月—6月）\n" + BODY)
    assert facts(result) == {
        "title": ("习近平关于某事的论述摘编（2019年1月—6月）", "title line"),
        "leader": ("习近平", "title"),
        "year": (2019, "title"),
    }
    assert [q.date for q in result.quotes] == ["2019-03-04", "2019-05-06"]
    assert result.diagnostics == []
    [note] = [n for n in result.notes if n.line == 0]
    assert "year 2019 from the title" in note.message


def test_a_metadata_file_may_say_only_some_things():
    result = parse("习近平关于某事的论述摘编\n" + BODY, Metadata(year=2018))
    assert facts(result) == {
        "title": ("习近平关于某事的论述摘编", "title line"),
        "leader": ("习近平", "title"),
        "year": (2018, "metadata"),
    }


def test_a_period_across_the_new_year_places_each_month():
    text = "习近平重要论述（2019年11月—2020年2月）\n甲。\n——12月30日，习近平在一次会议上强调\n乙。\n——1月2日，习近平在一次会议上强调\n"
    assert [q.date for q in parse(text).quotes] == ["2019-12-30", "2020-01-02"]


def test_a_period_in_the_preamble():
    text = "某某论述选编\n（2020年3月—4月）\n编者按：以下摘编供学习。\n一、甲\n" + BODY
    result = parse(text)
    assert facts(result)["year"] == (2020, "preamble")
    assert [q.date for q in result.quotes] == ["2020-03-04", "2020-05-06"]


def test_no_year_is_needed_when_every_attribution_writes_one():
    text = "甲。\n——2019年3月4日，习近平在一次会议上强调\n乙。\n——2020年5月6日，习近平在一次会议上强调\n"
    result = parse(text)
    assert facts(result)["year"] == (None, "attributions")
    assert [q.date for q in result.quotes] == ["2019-03-04", "2020-05-06"]


def test_attributions_without_a_year_take_the_nearest_year_written_before_them():
    text = (
        "甲。\n——5月6日，习近平在一次会议上强调\n"
        "乙。\n——2019年3月4日，习近平在一次会议上强调\n"
        "丙。\n——7月8日，习近平在一次会议上强调\n"
        "丁。\n——2020年1月2日，习近平在一次会议上强调\n"
        "戊。\n——9月10日，习近平在一次会议上强调\n"
    )
    result = parse(text, defaults=Metadata(year=1999))
    assert [q.date for q in result.quotes] == [
        "2019-05-06",  # none before it: the first after it
        "2019-03-04",
        "2019-07-08",
        "2020-01-02",
        "2020-09-10",
    ]
    assert facts(result)["year"] == (None, "attributions")


def test_the_year_option_fills_in_for_a_document_that_gives_none():
    result = parse(BODY, defaults=Metadata(year=2017))
    assert facts(result)["year"] == (2017, "option")
    assert [q.date for q in result.quotes] == ["2017-03-04", "2017-05-06"]


def test_a_year_in_the_file_name_is_the_last_resort():
    assert facts(parse(BODY, source="remarks-2016.txt"))["year"] == (2016, "file name")
    assert facts(parse(BODY, defaults=Metadata(year=2017), source="remarks-2016.txt"))["year"] == (
        2017,
        "option",
    )


@pytest.mark.parametrize("source", ["doc.txt", "speeches-2012-2017.txt"])
def test_no_year_anywhere_stops_with_the_fix(source):
    with pytest.raises(CorpusFormatError) as caught:
        parse(BODY, source=source)
    message = str(caught.value)
    assert message.startswith(f"{source}:2: the attributions write no year (3月4日)")
    assert "--year" in message and source.replace(".txt", ".toml") in message
    assert "\n" not in message


@pytest.mark.parametrize(
    ("title", "leader"),
    [
        ("习近平关于全面从严治党论述摘编", "习近平"),
        ("学习习近平总书记关于党的建设的重要论述", "习近平"),
        ("毛主席语录", "毛主席"),
        ("联播+｜习近平的这些话，字字千钧", "习近平"),  # 的 needs evidence: the attributions
        ("党的建设论述摘编", "习近平"),  # not a name: the attributions decide
    ],
)
def test_the_leader_from_the_title(title, leader):
    assert facts(parse(title + "\n" + BODY, Metadata(year=2020)))["leader"][0] == leader


def test_the_leader_from_the_subject_most_attributions_share():
    text = (
        "甲。\n——2020年3月4日，习近平主持召开会议\n"
        "乙。\n——2020年3月5日，习近平同志在一次会议上强调\n"
        "丙。\n——2020年3月6日，在一次会议上的讲话\n"
    )
    assert facts(parse(text))["leader"] == ("习近平", "attributions")


def test_no_leader_is_said_once_and_the_option_fills_in():
    text = "甲。\n——2020年3月4日，在一次会议上的讲话\n乙。\n——2020年3月5日，在另一次会议上的讲话\n"
    result = parse(text)
    assert facts(result)["leader"] == (None, "")
    assert [q.leader for q in result.quotes] == [None, None]
    [warning] = result.diagnostics
    assert (warning.line, warning.skipped) == (0, 0) and "--leader" in warning.message
    assert str(warning).startswith("doc.txt: no leader")
    given = parse(text, defaults=Metadata(leader="习近平"))
    assert facts(given)["leader"] == ("习近平", "option") and given.diagnostics == []
    assert [q.leader for q in given.quotes] == ["习近平", "习近平"]


def test_the_title_option_and_the_file_name():
    assert facts(parse(BODY, Metadata(year=2020)))["title"] == ("doc", "file name")
    assert facts(parse(BODY, Metadata(year=2020), Metadata(title="给定")))["title"] == (
        "给定",
        "option",
    )


def test_metadata_files_are_checked(tmp_path):
    path = tmp_path / "doc.toml"
    assert read_metadata(path) is None
    path.write_text('year = 2020\nleader = "习近平"\n', encoding="utf-8")
    assert read_metadata(path) == Metadata(year=2020, leader="习近平")
    for bad, why in [
        ("yaer = 2020\n", r"unknown key\(s\) yaer"),
        ('year = "2020"\n', "year must be a whole number"),
        ("title = 3\n", "title must be text"),
        ("year = \n", "not valid UTF-8 TOML"),
    ]:
        path.write_text(bad, encoding="utf-8")
        with pytest.raises(CorpusFormatError, match=why):
            read_metadata(path)


def test_parse_paths_passes_the_options_to_documents_without_metadata(tmp_path):
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "b.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "b.toml").write_text("year = 2011\n", encoding="utf-8")
    result = parse_paths([tmp_path], defaults=Metadata(year=2015))
    assert [q.date[:4] for q in result.quotes] == ["2015", "2015", "2011", "2011"]
