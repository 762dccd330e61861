"""The gazetteer: organisations inside larger ones, counterparts of every shape, event
types, and bad table rows. Expected fields are written out by hand."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from indexer.cli import main
from indexer.documents.attribution import AttributionReader
from indexer.errors import CorpusFormatError
from indexer.records.gazetteer import load_gazetteer
from indexer.records.quotes import Counterpart
from indexer.search import SearchRequest

READER = AttributionReader(load_gazetteer())


def read(event: str):
    return READER.read(READER.reading(f"3月1日，{event}"), lambda point: 2021, True)


def cp(name: str, title: str, country: str) -> Counterpart:
    return Counterpart(name, title, country)


# -- counterparts --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("event", "expected"),
    [
        (
            "习近平会见国际货币基金组织总裁格奥尔基耶娃",
            [cp("格奥尔基耶娃", "国际货币基金组织总裁", "国际货币基金组织")],
        ),
        (
            "习近平同世界银行行长马尔帕斯举行视频会晤",
            [cp("马尔帕斯", "世界银行行长", "世界银行")],
        ),
        (
            "习近平在人民大会堂会见世界经济论坛创始人兼执行主席施瓦布",
            [cp("施瓦布", "世界经济论坛创始人兼执行主席", "世界经济论坛")],
        ),
        (
            "习近平回信世界卫生组织总干事谭德赛",
            [cp("谭德塞", "世界卫生组织总干事", "世界卫生组织")],
        ),
        (
            "习近平致信联合国大会主席沙希德",
            [cp("沙希德", "联合国大会主席", "联合国大会")],
        ),
        (
            "习近平会见欧洲议会议长梅措拉",
            [cp("梅措拉", "欧洲议会议长", "欧洲议会")],
        ),
        (
            "习近平同印尼总统佐科、副总统阿明通电话",
            [cp("佐科", "印尼总统", "印度尼西亚"), cp("阿明", "印尼副总统", "印度尼西亚")],
        ),
        (
            "习近平同法国总统马克龙、德国总理朔尔茨举行视频峰会",
            [cp("马克龙", "法国总统", "法国"), cp("朔尔茨", "德国总理", "德国")],
        ),
        (
            "习近平会见美国总统特使克里",
            [cp("克里", "美国总统特使", "美国")],
        ),
        (
            "习近平同沙特王储兼首相穆罕默德·本·萨勒曼通电话",
            [cp("穆罕默德·本·萨勒曼", "沙特王储兼首相", "沙特阿拉伯")],
        ),
        (
            "习近平同朝鲜劳动党总书记、国务委员长金正恩互致贺电",
            [cp("金正恩", "朝鲜劳动党总书记、国务委员长", "朝鲜")],
        ),
        (
            "习近平会见来华进行国事访问的文莱苏丹哈桑纳尔一行",
            [cp("哈桑纳尔", "文莱苏丹", "文莱")],
        ),
        (
            "习近平同越共中央总书记阮富仲会谈",
            [cp("阮富仲", "越共中央总书记", "越南")],
        ),
        ("习近平出席金砖国家领导人第十四次会晤", [cp("金砖国家", "", "金砖国家")]),
        ("习近平同美国友好人士座谈", []),
        # titles of monarchs and heads of state, a form of address after the name
        (
            "习近平同马来西亚最高元首易卜拉欣通电话",
            [cp("易卜拉欣", "马来西亚最高元首", "马来西亚")],
        ),
        ("习近平同日本天皇明仁互致贺电", [cp("明仁", "日本天皇", "日本")]),
        ("习近平同梵蒂冈教宗良十四互致信件", [cp("良十四", "梵蒂冈教宗", "梵蒂冈")]),
        ("习近平会见摩纳哥元首雷尼尔三世亲王", [cp("雷尼尔三世", "摩纳哥元首", "摩纳哥")]),
        (
            "习近平会见泰国国王哇集拉隆功和王太后诗丽吉",
            [cp("哇集拉隆功", "泰国国王", "泰国"), cp("诗丽吉", "泰国王太后", "泰国")],
        ),
        # a forum with an ordinal between the organisation and its meeting
        (
            "习近平出席亚太经合组织第三十次领导人非正式会议",
            [cp("亚太经济合作组织", "", "亚太经济合作组织")],
        ),
        # the forum a counterpart came for is context, not the counterpart's place
        ("习近平会见出席二十国集团领导人峰会的法国总统马克龙", [cp("马克龙", "法国总统", "法国")]),
        (
            "习近平会见来华出席上海合作组织峰会的联合国秘书长古特雷斯",
            [cp("古特雷斯", "联合国秘书长", "联合国")],
        ),
        # traditional characters: folded before matching, names come out simplified
        ("習近平同俄羅斯總統普京通電話", [cp("普京", "俄罗斯总统", "俄罗斯")]),
        ("習近平會見聯合國秘書長古特雷斯", [cp("古特雷斯", "联合国秘书长", "联合国")]),
    ],
)
def test_counterparts_of_every_shape(event, expected):
    assert list(read(event).counterparts) == expected


# -- event types ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("event", "kind"),
    [
        ("习近平出席第三届中国国际进口博览会开幕式并发表主旨演讲", "speech"),
        ("习近平在庆祝中国共产党成立100周年大会上的讲话", "speech"),
        ("习近平在2021年中国国际服务贸易交易会全球服务贸易峰会上致辞", "summit"),
        ("习近平在联合国教科文组织总部的演讲", "speech"),
        ("习近平在湖北省考察新冠肺炎疫情防控工作时的讲话", "speech"),
        ("习近平在第七十五届联合国大会一般性辩论上的讲话", "speech"),
        ("习近平发表二〇二一年新年贺词", "greeting"),
        ("习近平在新年茶话会上的讲话", "speech"),
        ("习近平致信祝贺中国人民大学建校80周年", "letter"),
        ("习近平给北京大学援鄂医疗队全体“90后”党员的回信", "letter"),
        ("习近平向中国科学院成立70周年致贺信", "congratulatory_message"),
        ("习近平对新冠肺炎疫情防控工作作出重要指示", "instruction"),
        ("习近平在一份报告上作出批示", "instruction"),
        ("习近平在《人民日报》发表署名文章", "article"),
        ("习近平在《求是》杂志发表文章《在湖北省考察新冠肺炎疫情防控工作时的讲话》", "article"),
        ("习近平在陕西考察", "inspection"),
        ("习近平在云南调研", "inspection"),
        ("习近平主持召开中共中央政治局常务委员会会议并发表重要讲话", "meeting"),
        ("习近平出席二十国集团领导人应对新冠肺炎特别峰会并发表重要讲话", "summit"),
        ("习近平出席亚太经合组织第二十八次领导人非正式会议", "summit"),
        ("习近平出席决战决胜脱贫攻坚座谈会并发表重要讲话", "symposium"),
        ("习近平同俄罗斯总统普京举行视频会晤", "talks"),
        ("习近平接受拉美四国媒体联合书面采访", "interview"),
        ("习近平同法国总统马克龙通电话", "phone_call"),
        ("习近平在北京出席活动", "other"),
        # what the leader did decides: a meeting at a summit is talks
        ("习近平会见出席二十国集团领导人峰会的法国总统马克龙", "talks"),
        ("习近平会见来华出席中非合作论坛峰会的南非总统拉马福萨", "talks"),
        ("习近平在出席二十国集团领导人峰会期间会见法国总统马克龙", "talks"),
        ("习近平在一次考察期间主持召开座谈会", "symposium"),
        ("习近平在峰会期间出席欢迎仪式", "summit"),  # nothing typed after 期间: the whole
        # traditional characters
        ("習近平在文藝工作座談會上的講話", "symposium"),
        ("習近平主持召開中央政治局會議", "meeting"),
        ("習近平同法國總統馬克龍通電話", "phone_call"),
        ("習近平在聯合國大會上的講話", "speech"),
    ],
)
def test_event_types(event, kind):
    assert read(event).event_type == kind


# -- organisations inside larger ones ------------------------------------------------


def ids(index, **filters) -> set[int]:
    hits = index.search(SearchRequest(filters=filters, limit=1000)).hits
    return {h.quote.line for h in hits}


def test_the_european_union_finds_its_council_and_commission(seed_index):
    # The seed's condolence message to the presidents of the European Council and the
    # European Commission (lines 143 and 222): the records say 欧洲理事会 and 欧盟委员会.
    assert ids(seed_index, country=["欧盟"]) == {143, 222}
    assert ids(seed_index, country=["欧洲联盟"]) == {143, 222}
    assert ids(seed_index, country=["欧洲理事会"]) == {143, 222}
    assert ids(seed_index, country=["联合国"]) == ids(seed_index, counterpart=["古特雷斯"])
    assert seed_index.facet("country")["欧洲联盟"] == 2
    query = seed_index.search(SearchRequest("country:欧盟", limit=100))
    assert {h.quote.line for h in query.hits} == {143, 222}


def test_the_country_option_on_the_command_line(seed_index_dir):
    result = CliRunner().invoke(
        main, ["search", "--country", "欧盟", "--json", "--index-dir", str(seed_index_dir)]
    )
    assert result.exit_code == 0, result.output
    hits = json.loads(result.stdout)["hits"]
    assert sorted(h["line"] for h in hits) == [143, 222]
    assert {c["country"] for h in hits for c in h["counterparts"]} == {"欧洲理事会", "欧盟委员会"}


def test_membership_is_transitive_and_resolved_through_aliases(tmp_path):
    folder = tmp_path / "gazetteer"
    folder.mkdir()
    (folder / "places.tsv").write_text(
        "甲联盟\torganisation\t甲盟\t\n乙机构\torganisation\t\t甲盟\n丙小组\torganisation\t\t乙机构|甲联盟\n",
        encoding="utf-8",
    )
    gaz = load_gazetteer([tmp_path])
    assert gaz.within("丙小组") == ("乙机构", "甲联盟")
    assert gaz.within("乙机构") == ("甲联盟",) and gaz.within("甲盟") == ()
    assert gaz.within("欧委会") == ("欧洲联盟",)


# -- bad tables ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "places.tsv",
            "甲国\tcountry\n乙国\tkingdom\n",
            "places.tsv:2: kind must be country or organisation",
        ),
        ("places.tsv", "# c\n甲国\n", "places.tsv:2: expected 2 tab-separated columns, got 1"),
        (
            "places.tsv",
            "甲会\torganisation\t\t无此组织\n",
            "places.tsv:1: 甲会 is a member of '无此组织'",
        ),
        ("event_types.tsv", "Speech\t演说\n", "event_types.tsv:1: event type 'Speech' must be"),
        (
            "event_types.tsv",
            "speech\t\n",
            "event_types.tsv:1: expected 2 tab-separated columns, got 1",
        ),
        ("parts.tsv", "内事\tinner\tleader\n", "parts.tsv:1: affairs must be domestic|foreign"),
        (
            "debris.txt",
            "ok\n(unclosed\n",
            "debris.txt:2: invalid regular expression '(unclosed': missing )",
        ),
        ("debris.txt", r"(a)\1" + "\n", r"debris.txt:1: invalid regular expression '(a)\\1'"),
    ],
)
def test_a_bad_row_is_one_line_naming_file_and_line(tmp_path, name, content, message):
    folder = tmp_path / "gazetteer"
    folder.mkdir()
    (folder / name).write_text(content, encoding="utf-8")
    with pytest.raises(CorpusFormatError) as info:
        load_gazetteer([tmp_path])
    assert message in str(info.value) and "\n" not in str(info.value)


def test_a_table_that_is_not_utf8_is_one_line(tmp_path):
    folder = tmp_path / "gazetteer"
    folder.mkdir()
    (folder / "titles.txt").write_bytes("总统\n".encode() + "部长\n".encode("gb18030"))
    with pytest.raises(CorpusFormatError, match=r"titles.txt:2: not UTF-8"):
        load_gazetteer([tmp_path])


def test_an_invalid_pattern_stops_parse_with_one_line_and_no_engine_noise(tmp_path):
    (tmp_path / "doc.txt").write_text("一、在内事活动中\n甲。\n——3月1日，习近平考察\n", "utf-8")
    (tmp_path / "doc.toml").write_text('title = "t"\nyear = 2020\nleader = "习近平"\n', "utf-8")
    (tmp_path / "gazetteer").mkdir()
    (tmp_path / "gazetteer" / "debris.txt").write_text("[z-a]\n", encoding="utf-8")
    # A real process: RE2 would log to the process's own stderr, which CliRunner misses.
    result = subprocess.run(
        [sys.executable, "-c", "from indexer.cli import main; main()", "parse", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "gazetteer/debris.txt:1: invalid regular expression '[z-a]'" in result.stderr
