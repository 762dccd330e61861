"""The brute-force reference: substring scans over the parsed records, and the query
words as jieba's full dictionary cuts them, read directly (independent of any index)."""

from __future__ import annotations

import random
import re
from functools import cache

from indexer.analysis.normalize import fold, normalize
from indexer.paths import cache_dir, data_dir

SYNTAX = re.compile(r'["“”()\[\]{}:+\-<>=^~*?\\\s（）［］｛｝：＂＜＞＝－＋]')


@cache
def full_jieba():
    """jieba's own tokenizer over its full dictionary plus the bundled user dictionary."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    tk.tmp_dir, tk.cache_file = str(cache_dir()), "oracle-jieba.cache"  # never the shared tmp
    tk.initialize()
    with open(data_dir() / "userdict.txt", "rb") as userdict:
        tk.load_userdict(userdict)
    return tk


@cache
def synonym_groups() -> dict[str, tuple[str, ...]]:
    """The bundled synonym table read directly: each normalised form -> its group."""
    groups: list[set[str]] = []
    for line in (data_dir() / "synonyms.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            term, others = line.split("\t", 1)
            forms = {normalize(f) for f in [term, *others.split("|")] if normalize(f)}
            joined = [g for g in groups if g & forms]
            for g in joined:
                forms |= g
                groups.remove(g)
            groups.append(forms)
    return {form: tuple(sorted(g)) for g in groups for form in g}


def cut(text: str) -> list[str]:
    """A piece of free text as a query word list: jieba's accurate cut of the folded
    text, normalised, with runs of single characters kept together."""
    out: list[str] = []
    run = ""
    for word in full_jieba().lcut(fold(text)):
        word = normalize(word)
        if len(word) == 1:
            run += word
            continue
        if run:
            out.append(run)
            run = ""
        if word:
            out.append(word)
    return out + ([run] if run else [])


def keyword_units(query: str) -> list[tuple[str, ...]]:
    """What each whitespace-separated word of a plain keyword query requires: one of
    the forms of each unit (a synonym group, or one needle)."""
    groups = synonym_groups()
    lengths = sorted({len(f) for f in groups}, reverse=True)
    units: list[tuple[str, ...]] = []
    for part in query.split():
        text, start, plain = fold(part), 0, 0
        while start < len(text):
            for n in lengths:
                if text[start : start + n] in groups and len(text[start : start + n]) == n:
                    units += [(w,) for w in cut(text[plain:start])]
                    units.append(groups[text[start : start + n]])
                    start = plain = start + n
                    break
            else:
                start += 1
        units += [(w,) for w in cut(text[plain:])]
    return units


# The seed's bodies that belong to a larger organisation (member_of in places.tsv): the
# country field indexes the larger one too. Written out by hand.
LARGER = {"欧洲理事会": ("欧洲联盟",), "欧盟委员会": ("欧洲联盟",)}


def countries(quote) -> list[str]:
    """The countries a quote's country field holds: each counterpart's, then the larger
    organisations they belong to, each once."""
    own = [c.country for c in quote.counterparts if c.country]
    return list(dict.fromkeys(own + [o for c in own for o in LARGER.get(c, ())]))


class Reference:
    """Normalised texts of the records, scanned directly."""

    def __init__(self, quotes):
        self.quotes = quotes
        self.texts = {q.id: normalize(q.text) for q in quotes}
        self.everything = set(self.texts)

    def phrase(self, phrase: str) -> set[str]:
        needle = normalize(phrase)
        return {i for i, t in self.texts.items() if needle in t}

    def all_words(self, words: list[str]) -> set[str]:
        return {i for i, t in self.texts.items() if all(w in t for w in words)}

    def keywords(self, query: str) -> set[str]:
        """The quotes a plain keyword query (no operators, fields or phrases) must find."""
        units = keyword_units(query)
        return {i for i, t in self.texts.items() if all(any(f in t for f in u) for u in units)}

    def where(self, test) -> set[str]:
        return {q.id for q in self.quotes if test(q)}


def random_phrases(quotes, count: int, seed: int = 7) -> list[str]:
    """Substrings of 1 to 12 characters of the raw texts (punctuation and digits
    included), a fifth of them with one character changed so that most match nothing."""
    rng = random.Random(seed)
    texts = [q.text for q in quotes]
    out = []
    while len(out) < count:
        text = rng.choice(texts)
        length = rng.randint(1, 12)
        start = rng.randrange(max(1, len(text) - length))
        phrase = text[start : start + length].replace('"', "").replace("\n", " ")
        if rng.random() < 0.2:
            i = rng.randrange(len(phrase))
            phrase = phrase[:i] + rng.choice("的国疫情人民合作一") + phrase[i + 1 :]
        if normalize(phrase):
            out.append(phrase)
    return out


def random_keyword_queries(quotes, count: int, seed: int = 11) -> list[str]:
    """One to three pieces of 1 to 6 characters from one or two quotes, query syntax
    characters replaced by spaces, operator words left out."""
    rng = random.Random(seed)
    texts = [q.text for q in quotes]
    out = []
    while len(out) < count:
        pieces = []
        for _ in range(rng.randint(1, 3)):
            text = rng.choice(texts) if rng.random() < 0.3 or not pieces else texts[0]
            text = rng.choice(texts) if not pieces else text
            length = rng.randint(1, 6)
            start = rng.randrange(max(1, len(text) - length))
            pieces.append(SYNTAX.sub(" ", text[start : start + length]))
        query = " ".join(w for w in " ".join(pieces).split() if w not in ("AND", "OR", "NOT"))
        if normalize(query):
            out.append(query)
    return out
