"""The query language composes exactly: random boolean combinations of words, phrases
and field:value operands (AND, OR, NOT, -x, parentheses, any nesting) find exactly
what set algebra over a scan of the records gives, on the seed and on generated
corpora; -x and NOT x are the same; dates compare as written; ranges are refused where
they mean nothing; and Whoosh's AndNotMatcher is fixed."""

from __future__ import annotations

import random
import re
import tempfile
from pathlib import Path

import pytest
from brute import Reference
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.analysis.normalize import normalize
from indexer.errors import QuerySyntaxError
from indexer.search import SearchRequest

NUMERALS = "一二三四五六七八九十"
HAN = re.compile(r"[\u4e00-\u9fff]+")


def ids(ix, query: str) -> set[str]:
    return {h.quote.id for h in ix.search(SearchRequest(query=query, limit=100_000)).hits}


# -- operands: (query text, the ids a scan says it matches) --------------------------------


class Operands:
    """Random operands over a corpus, each with its expected set from the records."""

    def __init__(self, quotes, rng: random.Random) -> None:
        self.quotes, self.rng = quotes, rng
        self.ref = Reference(quotes)
        self.days = sorted({q.date for q in quotes})

    def _where(self, test) -> set[str]:
        return self.ref.where(test)

    def word(self) -> tuple[str, set[str]]:
        text = self.rng.choice(self.quotes).text
        runs = HAN.findall(text)
        run = self.rng.choice(runs)
        start = self.rng.randrange(len(run))
        word = run[start : start + self.rng.randint(1, 4)]
        return word, self.ref.keywords(word)

    def phrase(self) -> tuple[str, set[str]]:
        text = self.rng.choice(self.quotes).text.replace('"', "").replace("\n", " ")
        start = self.rng.randrange(len(text))
        piece = text[start : start + self.rng.randint(1, 8)]
        if not normalize(piece):
            return self.word()
        return f'"{piece}"', self.ref.phrase(piece)

    def date(self) -> tuple[str, set[str]]:
        rng, day = self.rng, self.rng.choice(self.days)
        field = rng.choice(["date", "date_end"])
        get = (lambda q: q.date) if field == "date" else (lambda q: q.date_end)
        op = rng.choice(["", ">", ">=", "<", "<=", "range"])
        if op == "range":
            a, b = sorted(rng.sample(self.days, 2)) if len(self.days) > 1 else (day, day)
            left, right = rng.choice("[{"), rng.choice("]}")

            def inside(q, a=a, b=b, left=left, right=right):
                v = get(q)
                return (v > a if left == "{" else v >= a) and (v < b if right == "}" else v <= b)

            return f"{field}:{left}{a} TO {b}{right}", self._where(inside)
        tests = {
            "": lambda q: get(q) == day,
            ">": lambda q: get(q) > day,
            ">=": lambda q: get(q) >= day,
            "<": lambda q: get(q) < day,
            "<=": lambda q: get(q) <= day,
        }
        return f"{field}:{op}{day}", self._where(tests[op])

    def field(self) -> tuple[str, set[str]]:
        rng, quote = self.rng, self.rng.choice(self.quotes)
        choices = ["date", "event", "part", "affairs", "event_type", "leader"]
        if quote.counterparts:
            choices += ["counterpart", "country"]
        kind = rng.choice(choices)
        if kind == "date":
            return self.date()
        if kind == "event":
            runs = HAN.findall(quote.event_canonical)
            run = rng.choice(runs)
            start = rng.randrange(len(run))
            word = run[start : start + rng.randint(2, 4)]
            return f"event:{word}", self._where(
                lambda q: normalize(word) in normalize(q.event_canonical)
            )
        if kind == "part":
            number = quote.part_no
            written = rng.choice([str(number), NUMERALS[number - 1], quote.part])
            if written == quote.part:
                return f"part:{written}", self._where(lambda q: q.part == quote.part)
            return f"part:{written}", self._where(lambda q: q.part_no == number)
        if kind == "counterpart":
            name = rng.choice(quote.counterparts).name
            return f"counterpart:{name}", self._where(
                lambda q: any(c.name == name for c in q.counterparts)
            )
        if kind == "country":
            country = rng.choice(quote.counterparts).country
            return f"country:{country}", self._where(
                lambda q: any(c.country == country for c in q.counterparts)
            )
        value = getattr(quote, kind)
        if not value:
            return self.word()
        return f"{kind}:{value}", self._where(lambda q: getattr(q, kind) == value)

    def any(self) -> tuple[str, set[str]]:
        return self.rng.choice([self.word, self.word, self.phrase, self.field])()


# -- expressions ----------------------------------------------------------------------------

#: Binding strength: terms side by side (AND-ed) bind loosest, then OR, AND, NOT.
PRECEDENCE = {"juxt": 0, "or": 1, "and": 2, "not": 3, "leaf": 4}


def expression(operands: Operands, rng: random.Random, leaves: int):
    """A random tree of ``leaves`` operands: ("leaf", text, ids), ("not", x, style),
    (op, left, right) with op in and/or/juxt."""
    if leaves == 1:
        node = ("leaf", *operands.any())
    else:
        split = rng.randint(1, leaves - 1)
        op = rng.choice(["and", "or", "juxt"])
        node = (
            op,
            expression(operands, rng, split),
            expression(operands, rng, leaves - split),
        )
    if rng.random() < 0.3:
        node = ("not", node, rng.choice(["NOT", "-"]))
    return node


def evaluate(node, everything: set[str]) -> set[str]:
    kind = node[0]
    if kind == "leaf":
        return node[2]
    if kind == "not":
        return everything - evaluate(node[1], everything)
    left, right = evaluate(node[1], everything), evaluate(node[2], everything)
    return left | right if kind == "or" else left & right


def render(node, rng: random.Random, minimal: bool) -> str:
    """The query text: every compound operand in parentheses, or (``minimal``) only
    where the precedence needs them."""
    kind = node[0]
    if kind == "leaf":
        return node[1]

    def operand(child, at_least: int) -> str:
        text = render(child, rng, minimal)
        compound = child[0] not in ("leaf", "not")
        if (not minimal and compound) or PRECEDENCE[child[0]] < at_least:
            return f"({text})"
        return text

    if kind == "not":
        child = operand(node[1], PRECEDENCE["not"])
        return f"-{child}" if node[2] == "-" else f"NOT {child}"
    joint = {"and": " AND ", "or": " OR ", "juxt": " "}[kind]
    level = PRECEDENCE[kind]
    return operand(node[1], level) + joint + operand(node[2], level)


def check_random_expressions(ix, quotes, count: int, seed: int) -> int:
    rng = random.Random(seed)
    operands = Operands(quotes, rng)
    everything = {q.id for q in quotes}
    checked = 0
    for _ in range(count):
        tree = expression(operands, rng, rng.randint(2, 4))
        expected = evaluate(tree, everything)
        for minimal in (False, True):
            query = render(tree, rng, minimal)
            assert ids(ix, query) == expected, (query, tree)
            checked += 1
    return checked


def test_random_boolean_combinations_match_set_algebra_on_the_seed(seed_index, seed):
    assert check_random_expressions(seed_index, seed.quotes, 300, seed=1) == 600


@pytest.mark.parametrize(
    ("query", "equivalent"),
    [
        ("合作 -防控", "合作 NOT 防控"),
        ("疫苗 -研发", "疫苗 AND NOT 研发"),
        ('"疫苗" -"药物"', '"疫苗" NOT "药物"'),
        ("-counterpart:普京 合作", "NOT counterpart:普京 AND 合作"),
        ("合作 -(疫情 OR 防控)", "合作 NOT (疫情 OR 防控)"),
        ("合作 OR -疫情", "合作 OR NOT 疫情"),
        ("--合作", "NOT NOT 合作"),
    ],
)
def test_minus_and_not_are_the_same(seed_index, seed, query, equivalent):
    assert ids(seed_index, query) == ids(seed_index, equivalent)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("合作 -防控", lambda t: "合作" in t and "防控" not in t),
        ("合作 -疫情", lambda t: "合作" in t and "疫情" not in t),
        ("疫苗 -研发", lambda t: "疫苗" in t and "研发" not in t),
        ("疫苗 -药物", lambda t: "疫苗" in t and "药物" not in t),
        ('"疫苗" OR "药物"', lambda t: "疫苗" in t or "药物" in t),
        ('"疫苗" NOT "药物"', lambda t: "疫苗" in t and "药物" not in t),
        ("中俄", lambda t: "中俄" in t),
        ("中美", lambda t: "中美" in t),
    ],
)
def test_the_queries_that_leaked(seed_index, seed, query, expected):
    """The examples of the issue, against a scan."""
    ref = Reference(seed.quotes)
    assert ids(seed_index, query) == {i for i, t in ref.texts.items() if expected(t)}


def test_a_phrase_composes_with_fields_in_groups(seed_index, seed):
    got = ids(seed_index, '"人类命运共同体" AND (counterpart:普京 OR counterpart:默克尔)')
    ref = Reference(seed.quotes)
    expected = ref.phrase("人类命运共同体") & ref.where(
        lambda q: any(c.name in ("普京", "默克尔") for c in q.counterparts)
    )
    assert got == expected and got


@pytest.mark.parametrize(
    ("query", "test"),
    [
        ("date:>2020-04-02", lambda q: q.date > "2020-04-02"),
        ("date:>=2020-04-02", lambda q: q.date >= "2020-04-02"),
        ("date:<2020-03-10", lambda q: q.date < "2020-03-10"),
        ("date:<=2020-03-10", lambda q: q.date <= "2020-03-10"),
        ("date:{2020-03-10 TO 2020-03-20}", lambda q: "2020-03-10" < q.date < "2020-03-20"),
        ("date:[2020-03-10 TO 2020-03-20}", lambda q: "2020-03-10" <= q.date < "2020-03-20"),
        ("date:{2020-03-10 TO 2020-03-20]", lambda q: "2020-03-10" < q.date <= "2020-03-20"),
        ("date:[2020-03-10 TO 2020-03-20]", lambda q: "2020-03-10" <= q.date <= "2020-03-20"),
        ("date:>2020-03", lambda q: q.date >= "2020-04-01"),
        ("date:<2020-04", lambda q: q.date < "2020-04-01"),
        ("date:2020-03", lambda q: q.date.startswith("2020-03")),
        ("date:[2020-03-10 TO]", lambda q: q.date >= "2020-03-10"),
        ("date:[TO 2020-03-10]", lambda q: q.date <= "2020-03-10"),
        ("date_end:>2020-03-31", lambda q: q.date_end > "2020-03-31"),
        ("date：＞2020-04-02", lambda q: q.date > "2020-04-02"),  # full-width syntax
    ],
)
def test_date_comparisons_mean_what_they_say(seed_index, seed, query, test):
    expected = {q.id for q in seed.quotes if test(q)}
    assert ids(seed_index, query) == expected and expected


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("[合作 TO 支持]", "ranges ([… TO …], {… TO …}, field:>…) work only on date, date_end"),
        ("counterpart:[a TO b]", "work only on date"),
        ("date:2020-04-31", "date: 2020-04-31 is not a date"),
        ("date:>yesterday", "date: yesterday is not a date"),
        ("合作 AND", "AND needs a term on each side"),
        ("OR 合作", "OR needs a term on each side"),
        ("合作 OR OR 支持", "OR needs a term on each side"),
        ("合作 NOT", "NOT needs a term after it"),
        ("合作 NOT OR 支持", "NOT needs a term after it"),
        ("合作 - 支持", "- goes right before a term"),
        ("合作 ()", "() has nothing to search for"),
        ("(合作 AND) 支持", "AND needs a term on each side"),
    ],
)
def test_malformed_queries_are_one_line_errors(seed_index, query, message):
    with pytest.raises(QuerySyntaxError) as info:
        seed_index.search(SearchRequest(query))
    assert message in str(info.value) and "\n" not in str(info.value)


def test_a_failure_inside_yulu_is_not_called_a_malformed_query(seed_index, monkeypatch):
    from indexer.search.querybuild import QueryBuildError

    def broken(text):
        raise ValueError("a bug")

    monkeypatch.setattr(seed_index.builder, "words", broken)
    with pytest.raises(QueryBuildError) as info:
        seed_index.search(SearchRequest("合作"))
    assert not isinstance(info.value, QuerySyntaxError)
    assert "internal error" in str(info.value) and "cannot parse" not in str(info.value)


def test_a_range_on_text_does_not_load_the_full_dictionary(seed_index, monkeypatch):
    from indexer.analysis import segment

    def refuse(*args):
        raise AssertionError("the full dictionary was loaded")

    monkeypatch.setattr(segment, "_full_segmenter", refuse)
    with pytest.raises(QuerySyntaxError):
        seed_index.search(SearchRequest("[合作 TO 支持]"))


QUERY_PIECES = st.sampled_from(
    ["合作", "疫情", '"防控"', "“人类”", "AND", "OR", "NOT", "-", "+", "(", ")", "[", "]",
     "{", "}", "TO", ":", "date:", "counterpart:", "event:", "part:", ">", "<=", "2020-03",
     "2020-13-45", "普京", "\"", "（", "）", "：", " ", "\u0301", "ｶﾞ", "*", "~", "^", "\\"]
)  # fmt: skip


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(QUERY_PIECES, min_size=1, max_size=12))
def test_any_query_string_is_an_answer_or_a_one_line_syntax_error(seed_index, pieces):
    query = "".join(pieces) if len(pieces) % 2 else " ".join(pieces)
    try:
        seed_index.search(SearchRequest(query))
    except QuerySyntaxError as exc:
        assert "\n" not in str(exc) and "internal error" not in str(exc)


# -- generated corpora ----------------------------------------------------------------------

ALPHABET = st.one_of(
    st.sampled_from("中国人民合作发展疫情防控命运共同体世界和平俄美"),
    st.sampled_from("國運體習發展"),
    st.sampled_from("，。、“”（）"),
)
PARAGRAPH = st.text(alphabet=ALPHABET, min_size=2, max_size=30).map(lambda t: f"甲{t}。")
EVENTS = ["习近平考察", "习近平同俄罗斯总统普京通电话", "习近平主持召开会议", "习近平致信"]


def write_corpus(folder: Path, paragraphs: list[str], days: list[int]) -> None:
    lines = ["一、在内事活动中的讲话", "（一）关于测试"]
    for i, (paragraph, day) in enumerate(zip(paragraphs, days, strict=True)):
        lines += [paragraph, f"——3月{day}日，{EVENTS[i % len(EVENTS)]}", ""]
    (folder / "gen.txt").write_text("\n".join(lines), encoding="utf-8")
    (folder / "gen.toml").write_text(
        'title = "生成"\nyear = 2021\nleader = "习近平"\n', encoding="utf-8"
    )


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    paragraphs=st.lists(PARAGRAPH, min_size=4, max_size=12),
    days=st.data(),
    rng_seed=st.integers(0, 10_000),
)
def test_random_boolean_combinations_on_generated_corpora(paragraphs, days, rng_seed):
    from indexer.pipeline.build import build_index
    from indexer.search import QuoteIndex

    chosen = days.draw(
        st.lists(st.integers(1, 28), min_size=len(paragraphs), max_size=len(paragraphs))
    )
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "corpus"
        folder.mkdir()
        write_corpus(folder, paragraphs, chosen)
        build_index(Path(scratch) / "ix", [folder])
        with QuoteIndex.open(Path(scratch) / "ix") as ix:
            quotes = ix.all_quotes()
            assert len(quotes) == len(paragraphs)
            check_random_expressions(ix, quotes, 15, rng_seed)


# -- Whoosh's AndNotMatcher ----------------------------------------------------------------

IDS = st.lists(st.integers(0, 60), max_size=25).map(lambda xs: sorted(set(xs)))


@settings(max_examples=300, deadline=None)
@given(IDS, IDS, st.lists(st.integers(0, 70), max_size=5))
def test_and_not_matcher_excludes_every_excluded_document(a, b, skips):
    """``a ANDNOT b``, read through, and read with skip_to (as an intersection does),
    gives exactly a - b. Fails with whoosh-reloaded 2.7.5's own ``AndNotMatcher``."""
    from whoosh import matching

    from indexer.search.negation import ExcludingMatcher

    def matcher():
        return ExcludingMatcher(matching.ListMatcher(a), matching.ListMatcher(b))

    expected = [n for n in a if n not in set(b)]
    m = matcher()
    assert (list(m.all_ids()) if m.is_active() else []) == expected
    m, at = matcher(), -1
    for target in sorted(skips):
        if m.is_active() and m.id() < target:
            m.skip_to(target)
        want = next((n for n in expected if n >= max(target, at)), None)
        if want is None:
            assert not m.is_active()
        else:
            assert m.is_active() and m.id() == want
            at = want


def test_whoosh_and_not_queries_on_the_index_are_exact(seed_index, seed):
    """A Whoosh AndNot as yulu builds it leaks no excluded quote when Whoosh itself
    searches it."""
    from whoosh import query

    from indexer.search.matching import Substring
    from indexer.search.negation import exact_negations

    exact = seed_index.builder.exact
    ref = Reference(seed.quotes)
    searcher = seed_index._searcher
    for keep, drop in [("合作", "疫情"), ("合作", "防控"), ("疫苗", "研发"), ("中国", "人民")]:
        q = exact_negations(query.AndNot(Substring(keep, exact), Substring(drop, exact)))
        got = {seed_index.quote_at(n).id for n in searcher.docs_for_query(q)}
        assert got == ref.phrase(keep) - ref.phrase(drop), (keep, drop)


def test_random_combinations_on_an_incrementally_updated_index(tmp_path, seed_path):
    """Several segments and deleted documents (a changed document is re-indexed
    beside its old, deleted quotes): NOT, -x and numbers still count exactly."""
    from indexer.documents.parser import parse_paths
    from indexer.pipeline.build import build_index
    from indexer.search import QuoteIndex

    folder = tmp_path / "corpus"
    folder.mkdir()
    text = seed_path.read_text(encoding="utf-8")
    meta = seed_path.with_suffix(".toml").read_text(encoding="utf-8")
    for name in ("a", "b"):
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
        (folder / f"{name}.toml").write_text(meta, encoding="utf-8")
    build_index(tmp_path / "ix", [folder])
    (folder / "b.txt").write_text(text.replace("合作", "协作"), encoding="utf-8")
    report = build_index(tmp_path / "ix", [folder])
    assert report.incremental and report.changes.changed
    quotes = parse_paths([folder]).quotes
    with QuoteIndex.open(tmp_path / "ix") as ix:
        assert len(ix.all_quotes()) == len(quotes)
        check_random_expressions(ix, quotes, 60, seed=8)


@settings(max_examples=300, deadline=None)
@given(IDS, IDS, st.integers(0, 70), st.lists(st.integers(0, 70), max_size=5))
def test_inverse_matcher_skips_every_deleted_document(child, deleted, limit, skips):
    """``NOT x`` over a segment with deleted documents gives exactly the live documents
    that x does not match, read through and with skip_to. Fails on whoosh-reloaded
    2.7.5's own ``InverseMatcher`` when x ends just before deleted documents."""
    from whoosh import matching

    from indexer.search.negation import ComplementMatcher

    gone = set(deleted)

    def matcher():
        return ComplementMatcher(
            matching.ListMatcher(child) if child else matching.NullMatcher(),
            limit,
            gone.__contains__,
        )

    expected = [n for n in range(limit) if n not in set(child) and n not in gone]
    m = matcher()
    assert (list(m.all_ids()) if m.is_active() else []) == expected
    m, at = matcher(), -1
    for target in sorted(skips):
        if m.is_active() and m.id() < target:
            m.skip_to(target)
        want = next((n for n in expected if n >= max(target, at)), None)
        if want is None:
            assert not m.is_active()
        else:
            assert m.is_active() and m.id() == want
            at = want


def test_compiled_queries_are_kept_and_bounded(seed_index):
    """A query compiled again is the one kept (a page, its facets and its timeline ask
    again), and no more than ``COMPILED`` are kept however many are asked."""
    from indexer.search.language import COMPILED

    language = seed_index.language
    first = language.compile('"人类命运共同体" OR 合作')
    assert language.compile('"人类命运共同体" OR 合作') is first
    for n in range(COMPILED + 20):
        language.compile(f"合作 OR {n}")
    assert len(language._compiled) == COMPILED
    assert language.compile('"人类命运共同体" OR 合作') == first  # rebuilt, the same query
