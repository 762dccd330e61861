"""Attribution dates: every written form back to ISO dates (hypothesis round trips),
and which date of an attribution is its date."""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indexer.documents.attribution import AttributionReader, choose_date
from indexer.documents.dates import NeedsYear, NoSuchDate, find_dates
from indexer.records.gazetteer import load_gazetteer

DIGITS = "〇一二三四五六七八九"
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
DAYS = st.dates(dt.date(1900, 1, 1), dt.date(2099, 12, 31))


def counted(n: int) -> str:
    """1..31 as counted Chinese numerals, written here independently: 十, 十二, 二十三."""
    if n < 10:
        return DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("十" if tens == 1 else DIGITS[tens] + "十") + (DIGITS[ones] if ones else "")


def spelled(year: int) -> str:
    return "".join(DIGITS[int(c)] for c in str(year))


def write(day: dt.date, form: str, units: str = "ymd") -> str:
    """``day`` written in ``form`` (arabic, chinese, fullwidth), naming ``units``."""
    parts = []
    if "y" in units:
        parts.append((spelled(day.year) if form == "chinese" else str(day.year)) + "年")
    if "m" in units:
        parts.append((counted(day.month) if form == "chinese" else str(day.month)) + "月")
    if "d" in units:
        parts.append((counted(day.day) if form == "chinese" else str(day.day)) + "日")
    text = "".join(parts)
    return text.translate(FULL_WIDTH) if form == "fullwidth" else text


def only(text: str):
    [expr] = find_dates(text)
    return expr


FORMS = st.sampled_from(["arabic", "chinese", "fullwidth"])


@given(DAYS, FORMS)
def test_a_day_comes_back(day, form):
    span = only(write(day, form)).span()
    assert (span.start, span.end, span.precision) == (day, day, "day")


@given(DAYS, FORMS)
def test_a_month_spans_the_month(day, form):
    span = only(write(day, form, "ym")).span()
    last = calendar.monthrange(day.year, day.month)[1]
    assert (span.start, span.end, span.precision) == (
        day.replace(day=1),
        day.replace(day=last),
        "month",
    )


@given(DAYS, FORMS)
def test_a_year_spans_the_year(day, form):
    span = only(write(day, form, "y")).span()
    assert (span.start, span.end, span.precision) == (
        dt.date(day.year, 1, 1),
        dt.date(day.year, 12, 31),
        "year",
    )


@given(DAYS, FORMS)
def test_a_date_without_its_year_takes_the_documents(day, form):
    expr = only(write(day, form, "md"))
    with pytest.raises(NeedsYear):
        expr.span()
    span = expr.span(lambda point: day.year)
    assert (span.start, span.end) == (day, day)


@given(DAYS, DAYS, FORMS, st.sampled_from(["至", "到", "—", "－", "~"]))
def test_a_range_spans_its_ends(a, b, form, join):
    first, last = sorted((a, b))
    if first.year == last.year and form != "fullwidth":
        # the later end leaves out the year it shares: 3月29日至4月1日
        text = write(first, form) + join + write(last, form, "md")
    else:
        text = write(first, form) + join + write(last, form)
    span = only(text).span()
    assert (span.start, span.end, span.precision) == (first, last, "day")


@given(DAYS, st.integers(0, 3), FORMS)
def test_days_listed_with_a_comma_span_from_the_first_to_the_last(day, more, form):
    last_day = calendar.monthrange(day.year, day.month)[1]
    days = list(range(day.day, min(day.day + more, last_day) + 1))
    text = write(day, form) + "".join(
        "、" + (counted(d) if form == "chinese" else str(d)) + "日" for d in days[1:]
    )
    span = only(text).span()
    assert (span.start, span.end) == (day, day.replace(day=days[-1]))


@given(st.integers(1900, 2099), st.integers(1, 11), FORMS)
def test_months_listed_span_the_months(year, month, form):
    text = (
        write(dt.date(year, month, 1), form, "ym")
        + "、"
        + (counted(month + 1) if form == "chinese" else str(month + 1))
        + "月"
    )
    span = only(text).span()
    last = calendar.monthrange(year, month + 1)[1]
    assert (span.start, span.end, span.precision) == (
        dt.date(year, month, 1),
        dt.date(year, month + 1, last),
        "month",
    )


@given(st.integers(1800, 2090), st.integers(0, 9), st.sampled_from(["—", "-", "至", "一"]))
def test_a_range_of_years_writes_its_first_year_bare(year, more, join):
    """``1877—1878年`` spans both years; an OCR's ``一`` before an Arabic digit is a dash."""
    span = only(f"（{year}{join}{year + more}年）").span()
    assert (span.start, span.end, span.precision) == (
        dt.date(year, 1, 1),
        dt.date(year + more, 12, 31),
        "year",
    )


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("(1914年7一11月)", "1914-07-01", "1914-11-30"),
        ("(1907年3月21一25日)", "1907-03-21", "1907-03-25"),
        ("(1884年3月底一5月26日)", "1884-03-01", "1884-05-26"),
        ("1884年3月底至5月26日", "1884-03-01", "1884-05-26"),
    ],
)
def test_ranges_an_ocr_or_a_month_end_left(text, start, end):
    span = only(text).span()
    assert (span.start.isoformat(), span.end.isoformat()) == (start, end)


@pytest.mark.parametrize(
    "text", ["人民出版社1965年版", "（1965年版）", "三联书店1979年第2版第69页"]
)
def test_an_editions_year_is_no_date(text):
    assert find_dates(text) == ()


def test_a_newspapers_dated_edition_keeps_its_date():
    assert only("《人民日报》1949年10月1日第1版").span().start == dt.date(1949, 10, 1)


def test_a_range_without_a_year_runs_into_the_next_year():
    span = only("12月30日至1月2日").span(lambda point: 2021)
    assert (span.start, span.end) == (dt.date(2021, 12, 30), dt.date(2022, 1, 2))


@pytest.mark.parametrize("text", ["2月30日", "2021年2月29日", "二〇二一年二月三十日"])
def test_a_date_not_in_the_calendar_is_refused(text):
    with pytest.raises(NoSuchDate):
        only(text).span(lambda point: 2021)


@pytest.mark.parametrize(
    "text",
    ["十九大以来", "30周年", "13月5日", "第29日", "一九", "2021", "在三中全会上", "五一劳动节"],
)
def test_numbers_that_are_not_dates(text):
    assert find_dates(text) == ()


@given(DAYS, FORMS, st.integers(1900, 2099))
def test_the_date_in_closing_brackets_not_another_year_inside(day, form, other):
    """``——在…发表二〇二五年新年贺词的讲话（2024年12月31日）``: the bracketed date is
    the date; the year inside the event is not."""
    body = f"习近平发表{spelled(other)}年新年贺词（{write(day, form)}）"
    chosen = choose_date(body)
    assert chosen is not None and chosen.span().start == day


@given(DAYS, DAYS, FORMS)
def test_the_date_in_closing_brackets_not_another_date_inside(day, other, form):
    body = f"在纪念{write(other, form)}那次会议的大会上的讲话（{write(day, form)}）"
    assert choose_date(body).span().start == day


@given(DAYS, FORMS, st.integers(1900, 2099))
def test_the_date_first_not_another_year_after(day, form, other):
    body = f"{write(day, form)}，习近平发表{other}年新年贺词"
    assert choose_date(body).span().start == day


@given(DAYS, FORMS)
def test_a_date_inside_the_text(day, form):
    body = f"习近平{write(day, form)}在一次会议上的讲话"
    assert choose_date(body).span().start == day


@pytest.mark.parametrize(
    "body",
    ["《论持久战》，《毛泽东选集》第二卷", "发表二〇二五年新年贺词", "在2018年全国两会期间的讲话"],
)
def test_a_year_alone_inside_the_text_is_not_a_date(body):
    assert choose_date(body) is None


READER = AttributionReader(load_gazetteer())


@pytest.mark.parametrize(
    ("body", "date", "event"),
    [
        ("3月19日，习近平同俄罗斯总统普京通电话", "3月19日", "习近平同俄罗斯总统普京通电话"),
        ("2019年9月18日，在一次座谈会上的讲话", "2019年9月18日", "在一次座谈会上的讲话"),
        ("在一次会议上的讲话（2018年3月1日）", "2018年3月1日", "在一次会议上的讲话"),
        (
            "摘自《在一次会议上的讲话》（2014年10月23日）",
            "2014年10月23日",
            "《在一次会议上的讲话》",
        ),
        ("《一篇文章》，《文集》第二卷", None, "《一篇文章》，《文集》第二卷"),
        ("习近平2019年1月2日在一次纪念会上的讲话", "2019年1月2日", "习近平在一次纪念会上的讲话"),
        (
            "在一次大会上的讲话（2014年10月23日，北京）",
            "2014年10月23日",
            "在一次大会上的讲话（北京）",
        ),
        ("《论一个问题》（一九四五年四月二十四日）", "一九四五年四月二十四日", "《论一个问题》"),
    ],
)
def test_attribution_forms(body, date, event):
    reading = READER.reading(body)
    assert (reading.date.text if reading.date else None, reading.event) == (date, event)


@pytest.mark.parametrize(
    ("event", "subject"),
    [
        ("习近平主持召开中央政治局会议", "习近平"),
        ("习近平总书记在一次会议上强调", "习近平"),
        ("毛泽东：《论一个问题》", "毛泽东"),
        ("同纳米比亚总统根哥布互致贺电", None),
        ("在湖北省考察时的讲话", None),
        ("发表二〇二一年新年贺词", None),
        ("《在一次会议上的讲话》", None),
    ],
)
def test_the_subject_an_attribution_opens_with(event, subject):
    assert READER.subject(event) == subject
