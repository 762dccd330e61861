"""One remark across compilations (issue 21, item 7): generated folders of documents
with known copies (exact, cut at the start or the end, a sentence left out, a character
changed, an excerpt, in reordered documents) and near misses (a shared stock phrase;
the same opening sentences; the same words on another day). The groups are checked
against the ground truth the generator knows, through full and incremental builds; the
counts of ``distinct_remarks`` against a brute-force count over the records; ``remark``
and ``also_in`` at every door."""

from __future__ import annotations

import json
import random
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from indexer.analysis.normalize import normalize
from indexer.cli import main
from indexer.index import remarks as remarks_module
from indexer.index.remarks import CONTAINMENT, Item, containment, group, same_time, shingles
from indexer.pipeline.build import build_index
from indexer.search import QuoteIndex, SearchRequest
from indexer.tools.corpus import char_ngrams
from indexer.tools.keywords import keywords
from indexer.tools.trend import ALL, trend
from indexer.tools.words import words

# common characters, drawn at random: two remarks share no run of five by chance
CHARS = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动"
    "同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自"
    "二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日"
    "那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变"
)
STOCK = "坚定不移推动构建人类命运共同体"  # a stock phrase two different remarks share
TOKEN = "合作"  # in some remarks: the query of the counting tests
META = 'title = "{title}"\nyear = 2020\nleader = "习近平"\n'


@dataclass
class Placed:
    """A quote the generator wrote: its document, text, day and ground-truth remark."""

    source: str
    text: str
    day: int
    remark: int


def _sentence(rng: random.Random) -> str:
    return "".join(rng.choice(CHARS) for _ in range(rng.randint(10, 18))) + "。"


def _remark(rng: random.Random, n: int, token: bool) -> list[str]:
    sentences = [_sentence(rng) for _ in range(n)]
    if token:
        k = rng.randrange(n)
        sentences[k] = sentences[k][:5] + TOKEN + sentences[k][5:]
    return sentences


def _copy(rng: random.Random, sentences: list[str], kind: str) -> str:
    """A copy of a remark as another compilation prints it."""
    if kind == "cut-start":
        sentences = sentences[1:]
    elif kind == "cut-end":
        sentences = sentences[:-1]
    elif kind == "excerpt":  # two sentences from the middle, as the bundled corpus does
        sentences = sentences[1:3]
    elif kind == "sentence-removed":
        k = rng.randrange(1, len(sentences) - 1)
        sentences = sentences[:k] + sentences[k + 1 :]
    text = "".join(sentences)
    if kind == "edited":
        k = len(text) // 2
        text = text[:k] + ("是" if text[k] != "是" else "的") + text[k + 1 :]
    return text


KINDS = ("exact", "cut-start", "cut-end", "sentence-removed", "edited", "excerpt")


def generate(seed: int = 7, remarks: int = 24) -> tuple[dict[str, list[Placed]], list[Placed]]:
    """Three compilations: A holds every original; B and C copies of some (of every
    kind), in another order, and remarks of their own; plus near misses."""
    rng = random.Random(seed)
    originals = [_remark(rng, rng.randint(4, 6), token=i % 3 == 0) for i in range(remarks)]
    days = [1 + i % 28 for i in range(remarks)]
    docs: dict[str, list[Placed]] = {"a.txt": [], "b.txt": [], "c.txt": []}
    for r, sentences in enumerate(originals):
        docs["a.txt"].append(Placed("a.txt", "".join(sentences), days[r], r))
    for r in range(remarks):
        for name in ("b.txt", "c.txt"):
            if rng.random() < 0.6:
                kind = KINDS[(r + len(docs[name])) % len(KINDS)]
                text = _copy(rng, originals[r], kind)
                docs[name].append(Placed(name, text, days[r], r))
    next_id = remarks
    for name in ("b.txt", "c.txt"):  # remarks of their own
        for _ in range(4):
            sentences = _remark(rng, rng.randint(4, 6), token=rng.random() < 0.5)
            docs[name].append(Placed(name, "".join(sentences), rng.randint(1, 26), next_id))
            next_id += 1
    # near misses, on the same day: two remarks that share a stock phrase
    for name in ("b.txt", "c.txt"):
        sentences = _remark(rng, 3, token=True)
        sentences.insert(1, STOCK + "。")
        docs[name].append(Placed(name, "".join(sentences), 29, next_id))
        next_id += 1
    # near misses, on the same day: two remarks that open with the same two sentences
    shared = _remark(rng, 2, token=False)
    for name in ("b.txt", "c.txt"):
        own = _remark(rng, 2, token=False)
        docs[name].append(Placed(name, "".join(shared + own), 27, next_id))
        next_id += 1
    # the same words said on another day: another remark
    copied = {p.remark for p in docs["c.txt"]}
    again = next(p for p in docs["a.txt"] if p.remark not in copied)
    docs["c.txt"].append(Placed("c.txt", again.text, 30, next_id))
    for name in ("b.txt", "c.txt"):
        rng.shuffle(docs[name])  # reordered documents
    return docs, [p for placed in docs.values() for p in placed]


def write_docs(folder: Path, docs: dict[str, list[Placed]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, placed in docs.items():
        lines = ["一、讲话", "（一）关于测试"]
        for p in placed:
            lines += [p.text, f"——3月{p.day}日，习近平考察", ""]
        (folder / name).write_text("\n".join(lines), encoding="utf-8")
        stem = name.removesuffix(".txt")
        (folder / f"{stem}.toml").write_text(META.format(title=f"汇编{stem}"), encoding="utf-8")


def truth_of(ix: QuoteIndex, placed: list[Placed]) -> dict[str, int]:
    """Quote id → ground-truth remark, matched by document and text."""
    where = {(p.source, p.text): p.remark for p in placed}
    return {q.id: where[(q.source, q.text)] for q in ix.all_quotes()}


def partition(mapping: dict[str, object]) -> set[frozenset[str]]:
    groups: dict[object, set[str]] = {}
    for key, value in mapping.items():
        groups.setdefault(value, set()).add(key)
    return {frozenset(g) for g in groups.values()}


def index_groups(ix: QuoteIndex) -> dict[str, str]:
    """Quote id → remark id, as the index holds them."""
    table = ix.columns.remarks
    assert table is not None
    ids = {n: ix.quote_at(n).id for n in np.flatnonzero(ix.columns.live).tolist()}
    return {ids[n]: ids[int(table.heads[n])] for n in ids}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("remarks")
    docs, placed = generate()
    write_docs(root / "corpus", docs)
    build_index(root / "ix", [root / "corpus"])
    return root, docs, placed


@pytest.fixture(scope="module")
def ix(corpus):
    with QuoteIndex.open(corpus[0] / "ix") as index:
        yield index


# the algorithm


def test_containment_of_a_cut_copy_and_of_a_stock_phrase():
    rng = random.Random(1)
    sentences = _remark(rng, 5, token=False)
    whole = shingles(normalize("".join(sentences)))
    for kind in KINDS:
        copy = shingles(normalize(_copy(rng, sentences, kind)))
        assert containment(copy, whole) >= CONTAINMENT, kind
    other = _remark(rng, 3, token=False)
    other.insert(1, STOCK + "。")
    mine = _remark(rng, 3, token=False)
    mine.insert(2, STOCK + "。")
    a, b = shingles(normalize("".join(other))), shingles(normalize("".join(mine)))
    assert 0 < containment(a, b) < CONTAINMENT


def test_dates_that_do_not_overlap_are_another_remark():
    assert same_time(Item("a", "", 5, 5), Item("b", "", None, None))
    assert same_time(Item("a", "", 5, 9), Item("b", "", 9, 9))
    assert not same_time(Item("a", "", 5, 5), Item("b", "", 6, 6))


def test_group_of_items_takes_the_smallest_key():
    text = normalize("".join(_remark(random.Random(2), 5, token=False)))
    items = [Item("z", text, 1, 1), Item("b", text[10:], 1, 1), Item("c", text, 2, 2)]
    assert group(items) == [1, 1, 2]


def test_an_undated_copy_never_joins_two_days():
    text = normalize("".join(_remark(random.Random(3), 6, token=False)))
    items = [Item("a", text, 1, 1), Item("b", text[5:], None, None), Item("c", text[9:], 2, 2)]
    assert group(items) == [0, 0, 2]
    assert group([*items[:2], Item("c", text[9:], 1, 1)]) == [0, 0, 0]


@pytest.mark.parametrize("seed", range(10))
def test_placed_quotes_found_by_day_or_by_text_give_the_same_groups(seed, monkeypatch):
    """The quotes already placed are looked up through their days or through their texts,
    whichever holds fewer; both ways must give the same groups (undated quotes, single
    days, ranges, spans longer than the day index, many copies on one day)."""
    rng = random.Random(seed)
    remarks = [normalize("".join(_remark(rng, rng.randint(2, 5), token=False))) for _ in range(6)]
    items = []
    for k in range(300):
        text = rng.choice(remarks)
        text = text[rng.randint(0, 6) : len(text) - rng.randint(0, 6)]
        kind = rng.random()
        start = None if kind < 0.15 else rng.randint(0, 40)
        end = None if start is None else start + rng.choice([0, 0, 0, 2, 30, 364])
        items.append(Item(f"{rng.randrange(10**6):06d}{k}", text, start, end))
    answers = []
    for crowd in (lambda self, s, e: 0, lambda self, s, e: float("inf")):
        monkeypatch.setattr(remarks_module._Placements, "_crowd", crowd)
        answers.append(group(items))
    assert answers[0] == answers[1]
    assert len(set(answers[0])) < len(items)  # copies were grouped


@pytest.mark.parametrize("seed", range(20))
def test_generated_copies_group_as_generated(seed):
    """The grouping alone on twenty generated corpora: every copy found, every near miss
    apart (the candidates are sampled: a miss would show here)."""
    _, placed = generate(seed)
    items = [Item(f"{p.source}:{n:03d}", normalize(p.text), p.day, p.day)
             for n, p in enumerate(placed)]  # fmt: skip
    leaders = group(items)
    found = {item.key: items[leaders[n]].key for n, item in enumerate(items)}
    truth = {item.key: p.remark for item, p in zip(items, placed, strict=True)}
    assert partition(found) == partition(truth)


# the groups of a build


def test_groups_are_the_ground_truth(ix, corpus):
    _, _, placed = corpus
    truth = truth_of(ix, placed)
    found = index_groups(ix)
    assert partition(found) == partition(truth)
    assert len(set(truth.values())) < len(truth)  # there are copies to find
    for remark_id in found.values():  # the smallest id of the group
        assert remark_id == min(k for k, v in found.items() if v == remark_id)


def test_near_misses_stay_apart(ix, corpus):
    _, _, placed = corpus
    found = index_groups(ix)
    stock = [q.id for q in ix.all_quotes() if normalize(STOCK) in normalize(q.text)]
    assert len(stock) == 2 and found[stock[0]] != found[stock[1]]
    opening = [q.id for q in ix.all_quotes() if q.date == "2020-03-27" and q.source != "a.txt"]
    assert len(opening) == 2 and found[opening[0]] != found[opening[1]]
    said_again = next(p for p in placed if p.day == 30)
    first = next(p for p in placed if p.text == said_again.text and p.day != 30)
    by_text = {(q.source, q.text): q.id for q in ix.all_quotes()}
    again_id = by_text[(said_again.source, said_again.text)]
    assert found[again_id] != found[by_text[(first.source, first.text)]]


def test_incremental_builds_keep_the_groups(tmp_path):
    docs, placed = generate(seed=11)
    folder = tmp_path / "corpus"
    write_docs(folder, {"a.txt": docs["a.txt"], "b.txt": docs["b.txt"]})
    build_index(tmp_path / "ix", [folder])
    write_docs(folder, {"c.txt": docs["c.txt"]})  # a document added
    assert build_index(tmp_path / "ix", [folder]).incremental
    with QuoteIndex.open(tmp_path / "ix") as ix:
        assert partition(index_groups(ix)) == partition(truth_of(ix, placed))
    changed = [p for p in docs["b.txt"] if p.remark >= 24 or p.day == 29]  # copies gone
    write_docs(folder, {"b.txt": changed})
    assert build_index(tmp_path / "ix", [folder]).incremental
    kept = docs["a.txt"] + changed + docs["c.txt"]
    with QuoteIndex.open(tmp_path / "ix") as ix:
        assert partition(index_groups(ix)) == partition(truth_of(ix, kept))
    (folder / "a.txt").unlink()  # the originals gone: the copies still group where they can
    (folder / "a.toml").unlink()
    build_index(tmp_path / "ix", [folder])
    rebuilt = tmp_path / "full"
    build_index(rebuilt, [folder], rebuild=True)
    with QuoteIndex.open(tmp_path / "ix") as ix, QuoteIndex.open(rebuilt) as full:
        assert partition(index_groups(ix)) == partition(index_groups(full))


# counting each remark once, against a brute-force count


def representatives(ix: QuoteIndex, truth: dict[str, int], test) -> list:
    """The earliest (then smallest id) matching quote of each remark, by brute force."""
    best: dict[int, object] = {}
    for q in ix.all_quotes():
        if test(q):
            r = truth[q.id]
            if r not in best or (q.date, q.id) < (best[r].date, best[r].id):
                best[r] = q
    return list(best.values())


CASES = [
    ("", lambda q: True),
    (TOKEN, lambda q: TOKEN in q.text),
    ("source:b.txt", lambda q: q.source == "b.txt"),
]


@pytest.mark.parametrize(("query", "test"), CASES)
def test_distinct_totals_and_facets_against_brute_force(ix, corpus, query, test):
    truth = truth_of(ix, corpus[2])
    reps = representatives(ix, truth, test)
    request = SearchRequest(query, facets=["source"], distinct_remarks=True, limit=None)
    results = ix.search(request)
    assert results.total == len(reps) == len({truth[q.id] for q in reps})
    assert results.facets["source"] == dict(Counter(q.source for q in reps))
    assert {h.quote.id for h in results.hits} == {q.id for q in reps}
    every = ix.search(SearchRequest(query, limit=0))
    assert every.total == sum(1 for q in ix.all_quotes() if test(q)) >= results.total
    assert ix.facet("source", SearchRequest(query, distinct_remarks=True)) == dict(
        Counter(q.source for q in reps)
    )


@pytest.mark.parametrize(("query", "test"), CASES[:2])
def test_distinct_trend_and_words_against_brute_force(ix, corpus, query, test):
    truth = truth_of(ix, corpus[2])
    reps = representatives(ix, truth, test)
    request = SearchRequest(query, distinct_remarks=True)
    series = trend(ix, request, by="day").series[ALL]
    assert {k: v for k, v in series.items() if v} == dict(Counter(q.date for q in reps))
    listed = words(ix, request, ngram=2, top=None)
    brute = Counter(g for q in reps for g in char_ngrams(q.text, 2))
    assert {row.word: row.freq for row in listed.words} == dict(brute)
    assert listed.quotes == len(reps)


def test_distinct_trend_shares_are_of_all_remarks(ix, corpus):
    truth = truth_of(ix, corpus[2])
    reps = Counter(q.date for q in representatives(ix, truth, lambda q: TOKEN in q.text))
    base = Counter(q.date for q in representatives(ix, truth, lambda q: True))
    request = SearchRequest(TOKEN, distinct_remarks=True)
    series = trend(ix, request, by="day", share=True).series[ALL]
    assert {k: v for k, v in series.items() if v} == {
        day: round(100 * n / base[day], 2) for day, n in reps.items()
    }


def test_distinct_keywords_against_brute_force(ix, corpus):
    truth = truth_of(ix, corpus[2])
    reps = representatives(ix, truth, lambda q: TOKEN in q.text)
    held = {truth[q.id] for q in reps}
    rest = [q for q in representatives(ix, truth, lambda q: True) if truth[q.id] not in held]
    field = ix.schema[ix.spec.words]

    def counted(quotes):
        return Counter(w for q in quotes for w in field.process_text(q.text, mode="index"))

    inside, outside = counted(reps), counted(rest)
    result = keywords(ix, SearchRequest(TOKEN, distinct_remarks=True), top=None, min_count=1)
    assert result.keywords
    for k in result.keywords:
        assert (k.count, k.ref_freq) == (inside[k.word], outside[k.word]), k.word
    assert result.set_words == sum(inside.values())
    assert result.corpus_words == sum(inside.values()) + sum(outside.values())


# the doors


def _grouped(ix: QuoteIndex) -> tuple[str, list[str]]:
    """A quote of a remark of three, and the ids of the two others."""
    found = index_groups(ix)
    sizes = Counter(found.values())
    quote_id = next(k for k, v in sorted(found.items()) if sizes[v] == 3 and k != v)
    return quote_id, sorted(k for k, v in found.items() if v == found[quote_id] and k != quote_id)


def test_show_json_has_remark_and_also_in(ix, corpus):
    quote_id, others = _grouped(ix)
    root = corpus[0]
    result = CliRunner().invoke(main, ["show", quote_id, "--json", "--index-dir", str(root / "ix")])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["id"] == quote_id and data["remark"] == min([quote_id, *others])
    assert sorted(e["id"] for e in data["also_in"]) == others
    for entry in data["also_in"]:
        quote = ix.get(entry["id"])
        assert entry["source"] == quote.source and entry["date"] == quote.date
        assert entry["title"] == f"汇编{quote.source.removesuffix('.txt')}"
        assert entry["citation"].startswith(f"《{entry['title']}》")
        assert f"（yulu id {quote.id}）" in entry["citation"]
    text = CliRunner().invoke(main, ["show", quote_id, "--index-dir", str(root / "ix")])
    assert "also in (2; remark" in text.stdout
    assert all(f"yulu id {o}" in text.stdout for o in others)
    groups = index_groups(ix)
    sizes = Counter(groups.values())
    alone = next(k for k, v in sorted(groups.items()) if sizes[v] == 1)
    data = json.loads(
        CliRunner().invoke(main, ["show", alone, "--json", "--index-dir", str(root / "ix")]).stdout
    )
    assert (data["remark"], data["also_in"]) == (alone, [])


@pytest.mark.parametrize("command", [["search", "--limit", "0"], ["facets", "source"],
                                     ["trend", "--by", "year"], ["words"], ["keywords", TOKEN]])  # fmt: skip
def test_cli_takes_distinct_remarks(ix, corpus, command):
    args = [*command, "--distinct-remarks", "--json", "--index-dir", str(corpus[0] / "ix")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    truth = truth_of(ix, corpus[2])
    remarks = len(set(truth.values()))
    if command[0] == "search":
        assert data["total"] == remarks and data["request"]["distinct_remarks"] is True
    elif command[0] == "facets":
        assert data["total"] == remarks and sum(data["counts"].values()) == remarks
    elif command[0] == "trend":
        assert sum(data["series"][ALL].values()) == remarks
    elif command[0] == "words":
        assert data["quotes"] == remarks
    else:
        assert data["keywords"]


def test_web_quote_page_api_and_checkbox(corpus, ix):
    from indexer.web.app import create_app

    quote_id, others = _grouped(ix)
    app = create_app(corpus[0] / "ix")
    client = app.test_client()
    data = client.get(f"/api/quotes/{quote_id}").get_json()
    assert sorted(e["id"] for e in data["also_in"]) == others
    page = client.get(f"/quotes/{quote_id}").get_data(as_text=True)
    assert "Also in" in page and all(f'href="/quotes/{o}"' in page for o in others)
    remarks = len(set(truth_of(ix, corpus[2]).values()))
    assert client.get("/api/search?distinct_remarks=1&limit=0").get_json()["total"] == remarks
    facet = client.get("/api/facets/source?distinct_remarks=1").get_json()
    assert sum(facet["counts"].values()) == remarks
    assert client.get("/api/search?distinct_remarks=maybe").status_code == 400
    whole = client.get("/?distinct_remarks=1").get_data(as_text=True)  # no query: browsing
    assert f'<strong class="count">{remarks}</strong>' in whole
    assert f'习近平</span><span class="n">{remarks}</span>' in whole  # the leader facet
    html = client.get("/?q=合作&distinct_remarks=1").get_data(as_text=True)
    assert 'name="distinct_remarks" value="1" checked' in html
    assert 'name="distinct_remarks" value="1" checked' not in client.get("/?q=合作").get_data(
        as_text=True
    )
    trend_page = client.get("/api/trend?distinct_remarks=1&by=year").get_json()
    assert sum(trend_page["series"][ALL].values()) == remarks
    app.extensions["yulu"].close()  # the pool's readers hold their segments' files open


def test_copy_kinds_are_all_generated(corpus):
    _, docs, placed = corpus
    per_remark = Counter(p.remark for p in placed)
    assert sum(1 for n in per_remark.values() if n == 3) >= 3
    assert set(docs) == {"a.txt", "b.txt", "c.txt"}
