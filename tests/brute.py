"""The brute-force reference: substring scans over the parsed records."""

from __future__ import annotations

import random
import re

from indexer.analysis.normalize import normalize

SYNTAX = re.compile(r'["“”()\[\]{}:+\-<>=^~*?\\\s]')


class Reference:
    """Normalised texts of the records, scanned directly."""

    def __init__(self, quotes):
        self.quotes = quotes
        self.texts = {q.id: normalize(q.text) for q in quotes}

    def phrase(self, phrase: str) -> set[str]:
        needle = normalize(phrase)
        return {i for i, t in self.texts.items() if needle in t}

    def all_words(self, words: list[str]) -> set[str]:
        return {i for i, t in self.texts.items() if all(w in t for w in words)}


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
    characters replaced by spaces."""
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
        query = " ".join(pieces).strip()
        if normalize(query):
            out.append(query)
    return out
