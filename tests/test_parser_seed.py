"""The parser on the real seed document, checked against records written out by hand."""

from __future__ import annotations

import re

import pytest

SOURCE = "xi-jinping-covid19-remarks-2020.txt"
PART1 = (1, "在内事活动中的重要讲话、指示等", "domestic", "一、")
PART2 = (2, "在外事活动中的重要论述", "foreign", "二、")
PART3 = (3, "外方积极表态", "foreign", "三、")
#: The document numbers its sections （一） to （五） under each part.
SECTION_MARKERS = {1: "（一）", 2: "（二）", 3: "（三）", 4: "（四）", 5: "（五）"}


def cp(name, title, country):
    return {"name": name, "title": title, "country": country}


def record(
    line,
    part,
    section_no,
    section,
    date,
    date_end,
    event,
    event_type,
    counterparts,
    leader,
    text,
    event_canonical=None,
):
    return {
        "source": SOURCE,
        "line": line,
        "part_no": part[0],
        "part": part[1],
        "affairs": part[2],
        "section_no": section_no,
        "section": section,
        "date": date,
        "date_end": date_end,
        "event": event,
        "event_canonical": event_canonical or event,
        "event_type": event_type,
        "counterparts": counterparts,
        "leader": leader,
        "text": text,
        "paragraphs": text.count("\n") + 1,
        "title": "",
        "headings": [part[1]],
        "heading_path": [part[3] + part[1], SECTION_MARKERS[section_no] + section],
        "date_precision": "day",
    }


# Written out by hand from the document.
# fmt: off
EXPECTED = [
    record(
        92, PART1, 5, "关于疫情防控国际合作", "2020-03-04", "2020-03-04",
        "习近平主持召开中共中央政治局常务委员会会议并发表重要讲话", "meeting", [], "习近平",
        "要深化疫情防控国际合作，发挥我国负责任大国作用。",
    ),
    record(
        99, PART1, 5, "关于疫情防控国际合作", "2020-03-18", "2020-03-18",
        "习近平主持召开政治局常务委员会会议", "meeting", [], "习近平",
        "要加强疫情防控国际合作，同世界卫生组织紧密合作，加强全球疫情变化分析预测，完善应对输入性"
        "风险的防控策略和政策举措，加强同有关国家在疫情防控上的交流合作，继续提供力所能及的帮助。"
        "要加强对境外我国公民疫情防控的指导和支持，做好各项工作，保护他们的生命安全和身体健康。",
        event_canonical="习近平主持召开中共中央政治局常务委员会会议",
    ),
    record(
        50, PART1, 2, "关于疫情防控的人民战争、总体战、阻击战", "2020-03-29", "2020-04-01",
        "习近平在浙江考察", "inspection", [], "习近平",
        "习近平强调，要立足当前、着眼长远，加强战略谋划和前瞻布局，坚持平战结合，完善重大疫情防控"
        "体制机制，健全公共卫生应急管理体系，推动工作力量向一线下沉。要深入开展爱国卫生运动，推进"
        "城乡环境整治，完善公共卫生设施，提倡文明健康、绿色环保的生活方式。",
    ),
    record(
        105, PART2, 1, "关于国内疫情防控工作情况", "2020-03-12", "2020-03-12",
        "习近平同联合国秘书长古特雷斯通电话", "phone_call", [cp("古特雷斯", "联合国秘书长", "联合国")],
        "习近平",
        "经过艰苦努力，中国国内已呈现疫情防控形势持续向好、生产生活秩序加快恢复的态势。下一步，"
        "我们将慎终如始加强疫情防控，继续抓紧抓实抓细，同时抓紧推进经济社会发展各项工作。",
    ),
    record(
        117, PART2, 1, "关于国内疫情防控工作情况", "2020-03-19", "2020-03-19",
        "习近平同俄罗斯总统普京通电话", "phone_call", [cp("普京", "俄罗斯总统", "俄罗斯")], "习近平",
        "经过艰苦努力，当前中国国内疫情防控形势持续向好，生产生活秩序加快恢复。我们有信心、有能力、"
        "有把握赢得疫情防控战的最终胜利。",
    ),
    record(
        143, PART2, 2, "关于国际社会携手抗疫、共克时艰", "2020-03-14", "2020-03-14",
        "习近平就新冠肺炎疫情向欧洲理事会主席米歇尔和欧盟委员会主席冯德莱恩致慰问电",
        "condolence_message",
        [cp("米歇尔", "欧洲理事会主席", "欧洲理事会"), cp("冯德莱恩", "欧盟委员会主席", "欧盟委员会")],
        "习近平",
        "中方秉持人类命运共同体理念，愿同欧方在双边和国际层面加强协调合作，共同维护全球和地区公共"
        "卫生安全，保护双方人民和世界各国人民生命安全和身体健康。",
    ),
    record(
        129, PART2, 1, "关于国内疫情防控工作情况", "2020-04-03", "2020-04-03",
        "习近平同纳米比亚总统根哥布通电话", "phone_call", [cp("根哥布", "纳米比亚总统", "纳米比亚")],
        "习近平",
        "这次新冠肺炎疫情突如其来，是对各国政府执政能力的一次大考。中国政府始终坚持以人民为中心，"
        "将人民生命安全和身体健康放在第一位。经过2个多月艰苦努力，中国疫情防控形势持续向好。",
    ),
    record(
        234, PART2, 3, "关于对各国抗疫的支持与援助", "2020-03-21", "2020-03-21",
        "就塞尔维亚发生新冠肺炎疫情向塞尔维亚总统武契奇致慰问电", "condolence_message",
        [cp("武契奇", "塞尔维亚总统", "塞尔维亚")], "习近平",
        "在中国人民全力抗击疫情时，塞尔维亚政府和人民以实际行动给予中方有力支持，我深表感谢。中方"
        "坚定支持塞方抗击疫情的努力，将向塞尔维亚提供防护物资和医疗器械援助，并协助塞方在中国采购"
        "急需物资。中方还将派遣医疗专家组赴塞，协助提升防控效果，维护人民生命健康福祉。",
    ),
    record(
        273, PART2, 3, "关于对各国抗疫的支持与援助", "2020-04-02", "2020-04-02",
        "习近平同印尼总统佐科通电话", "phone_call", [cp("佐科", "印尼总统", "印度尼西亚")], "习近平",
        "我们对印尼目前面临的困难感同身受，愿提供支持和帮助，共克时艰。相信在总统先生领导下，印尼"
        "终将战胜疫情。",
    ),
    record(
        315, PART3, 1, "对习近平总书记亲自指导我疫情防控取得成效的积极评价", "2020-03-22",
        "2020-03-22", "同纳米比亚总统根哥布就中纳建交30周年互致贺电", "congratulatory_message",
        [cp("根哥布", "纳米比亚总统", "纳米比亚")], "根哥布",
        "根哥布在贺电中表示，纳政府和人民赞赏中方通过英勇斗争有效控制新冠肺炎疫情，愿继续同中方携手"
        "抗击疫情全球传播。相信在习近平主席坚强领导下，中国必将更加繁荣昌盛。",
    ),
    record(
        342, PART3, 1, "对习近平总书记亲自指导我疫情防控取得成效的积极评价", "2020-03-27",
        "2020-03-27", "习近平同美国总统特朗普通电话", "phone_call",
        [cp("特朗普", "美国总统", "美国")], "特朗普",
        "特朗普向习近平详细询问了中方有关疫情防控举措，表示美中两国都正面临新冠肺炎疫情挑战，我高兴"
        "看到中方在抗击疫情方面取得了积极进展。",
    ),
    record(
        351, PART3, 1, "对习近平总书记亲自指导我疫情防控取得成效的积极评价", "2020-04-03",
        "2020-04-03", "习近平同老挝人民革命党中央总书记、国家主席本扬通电话", "phone_call",
        [cp("本扬", "老挝人民革命党中央总书记、国家主席", "老挝")], "本扬",
        "本扬表示，在习近平总书记亲自指挥和部署下，中国共产党发挥强大政治领导力，带领中国人民迅速"
        "有效遏制疫情，老方对此表示钦佩。",
    ),
    record(
        388, PART3, 2, "对我积极推动开展疫情防控国际合作的支持", "2020-03-26", "2020-03-26",
        "习近平复信世界卫生组织总干事谭德塞", "letter",
        [cp("谭德塞", "世界卫生组织总干事", "世界卫生组织")], "谭德塞",
        "谭德赛表示，我还要对中国政府向世界卫生组织以及国际抗疫工作提供资金支持深表感谢。这一善举"
        "体现了全球团结互助精神，对尽快遏制疫情至关重要。",
    ),
    record(
        430, PART3, 4, "关于维护全球经济金融稳定", "2020-03-26", "2020-03-26",
        "习近平出席二十国集团领导人应对新冠肺炎特别峰会并发表重要讲话", "summit",
        [cp("二十国集团", "", "二十国集团")], "各方",
        "与会各方表示，要采取有效的财政和货币政策，保障全球供应链安全、稳定，维护全球金融稳定，促进"
        "世界经济尽快复苏，全力降低疫情对经济社会造成的损害。",
    ),
]
# fmt: on


def by_line(seed):
    return {q.line: q for q in seed.quotes}


def test_count_and_clean_run(seed, seed_path):
    attributions = sum(1 for line in seed_path.read_text("utf-8").splitlines() if "——" in line)
    assert len(seed.quotes) == attributions == 125
    assert seed.diagnostics == [] and seed.notes == []
    [document] = seed.documents
    assert (document.title_from, document.year, document.year_from) == (
        "metadata",
        2020,
        "metadata",
    )
    assert (document.preamble, document.trailer, document.titles) == ((), (), ())
    assert [(h.level, h.number) for h in document.outline[:3]] == [(1, 1), (2, 1), (2, 2)]
    assert len(document.outline) == 3 + 15  # three parts, fifteen sections


def test_the_same_records_without_the_metadata_file(seed, seed_path, tmp_path):
    """With no metadata file, the year comes from the file name and the leader from the
    attributions, and every record is the same."""
    from indexer.documents.parser import parse_paths

    (tmp_path / seed_path.name).write_bytes(seed_path.read_bytes())
    bare = parse_paths([tmp_path])
    assert [q.to_dict() for q in bare.quotes] == [q.to_dict() for q in seed.quotes]
    assert bare.diagnostics == []
    [document] = bare.documents
    assert (document.year, document.year_from) == (2020, "file name")
    assert (document.leader, document.leader_from) == ("习近平", "attributions")
    assert (document.title, document.title_from) == (seed_path.stem, "file name")


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda e: f"line{e['line']}")
def test_hand_written_records(seed, expected):
    got = by_line(seed)[expected["line"]].to_dict()
    got.pop("id")
    got.pop("attribution")  # the line as printed: tests/test_citations_printed.py
    assert got == expected


def test_multi_paragraph_quote_and_speaker_from_date_prefix(seed):
    quotes = by_line(seed)
    tedros = quotes[336]
    assert tedros.leader == "谭德塞" and tedros.event_type == "letter"
    assert tedros.text.startswith("3月17日，谭德塞致函国家主席习近平，表示")
    g20 = quotes[391]
    assert g20.paragraphs == 2 and g20.leader == "各方"
    assert g20.text.endswith(
        "各方支持世卫组织发挥领导作用，承诺帮助发展中国家和弱势群体提高应对能力。"
    )
    assert quotes[78].paragraphs == 8  # six numbered paragraphs, two indented with U+3000


def test_ids_unique_and_stable(seed):
    from indexer.documents.parser import parse_paths
    from indexer.paths import bundled_corpus

    ids = [q.id for q in seed.quotes]
    assert len(set(ids)) == len(ids)
    assert [q.id for q in parse_paths([bundled_corpus()]).quotes] == ids


def test_parts_sections_and_leaders(seed):
    for q in seed.quotes:
        assert q.affairs == ("domestic" if q.part_no == 1 else "foreign")
        assert (q.leader == "习近平") == (q.part_no != 3)
        assert (q.counterparts == ()) == (q.affairs == "domestic")
        assert q.date <= q.date_end and q.date.startswith("2020-")


HAN = re.compile(r"[\u4e00-\u9fff]")
DEBRIS = re.compile(r"\[bookmark: [^\]]*\]")


def test_round_trip_every_han_character_once_in_order(seed, seed_path):
    """Every Han character of the body (lines that are neither headings nor
    attributions) appears in exactly one record's text, in order."""
    body = []
    for raw in seed_path.read_text("utf-8").splitlines():
        line = DEBRIS.sub("", raw).strip(" \u3000")
        if not line or line.startswith("——"):
            continue
        if re.match(r"^[一二三四五六七八九十]+、", line) or re.match(
            r"^（[一二三四五六七八九十]+）", line
        ):
            continue
        body.append(line)
    expected = HAN.findall("".join(body))
    assert HAN.findall("".join(q.text for q in seed.quotes)) == expected
    for q in seed.quotes:
        assert "bookmark" not in q.text and "\u3000" not in q.text
