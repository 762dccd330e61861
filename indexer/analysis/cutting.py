"""jieba's accurate mode (HMM on) over any dictionary, without importing jieba.

Importing jieba imports ``pkg_resources`` wherever setuptools is installed (to find
its own data files), which costs a search from the command line 150-200 ms, more than
the search itself. A search only needs jieba's cutting algorithm over a dictionary it
already has (a memory-mapped copy of jieba's, :mod:`indexer.analysis.dictionary`, or the
corpus dictionary), so :class:`Cutter` cuts as ``jieba.Tokenizer.cut(text, HMM=True)``
does, step for step: text blocks by jieba's patterns, the word graph (DAG) of each
block, the route of highest probability, and runs of single characters the dictionary
does not hold cut by jieba's hidden Markov model, whose tables are read from jieba's
installed package files (found without importing it) when first needed. jieba stays the
reference: ``tests/test_segmentation.py`` checks that both cut alike.
"""

from __future__ import annotations

import ast
import importlib.util
import re
from collections.abc import Iterator, Mapping
from functools import cache
from math import log
from pathlib import Path

#: jieba's patterns (``jieba.re_han_default``, ``re_skip_default``, and finalseg's).
HAN_BLOCK = re.compile("([\u4e00-\u9fd5a-zA-Z0-9+#&\\._%\\-]+)")
SKIP = re.compile("(\r\n|\\s)")
HMM_HAN = re.compile("([\u4e00-\u9fd5]+)")
HMM_SKIP = re.compile("([a-zA-Z0-9]+(?:\\.\\d+)?%?)")
MIN_FLOAT = -3.14e100
#: The states that may precede each state of jieba's model (B, M, E, S).
PREVIOUS = {"B": "ES", "M": "MB", "S": "SE", "E": "BM"}


def jieba_folder() -> Path:
    """Where jieba is installed (its package is located, not imported)."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("jieba is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


@cache
def hmm_tables() -> tuple[dict, dict, dict]:
    """jieba's start, transition and emission probabilities (``jieba/finalseg``)."""
    folder = jieba_folder() / "finalseg"
    tables = []
    for name in ("prob_start", "prob_trans", "prob_emit"):
        source = (folder / f"{name}.py").read_text(encoding="utf-8")
        tree = ast.parse(source)
        value = next(
            node.value
            for node in tree.body
            if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "P"
        )
        tables.append(ast.literal_eval(value))
    return tables[0], tables[1], tables[2]


def viterbi(text: str) -> list[str]:
    """The most probable B/M/E/S state of each character (jieba's ``finalseg``)."""
    start, trans, emit = hmm_tables()
    probs = [{s: start[s] + emit[s].get(text[0], MIN_FLOAT) for s in "BMES"}]
    paths = {s: [s] for s in "BMES"}
    for char in text[1:]:
        last, row, extended = probs[-1], {}, {}
        for state in "BMES":
            emitted = emit[state].get(char, MIN_FLOAT)
            prob, before = max(
                (last[p] + trans[p].get(state, MIN_FLOAT) + emitted, p) for p in PREVIOUS[state]
            )
            row[state] = prob
            extended[state] = paths[before] + [state]
        probs.append(row)
        paths = extended
    _, final = max((probs[-1][s], s) for s in "ES")
    return paths[final]


def hmm_words(text: str) -> Iterator[str]:
    """Cut a run of characters the dictionary does not hold (``finalseg.cut``)."""
    for block in HMM_HAN.split(text):
        if not HMM_HAN.match(block):
            yield from (piece for piece in HMM_SKIP.split(block) if piece)
            continue
        states, begin, after = viterbi(block), 0, 0
        for at, state in enumerate(states):
            if state == "B":
                begin = at
            elif state == "E":
                yield block[begin : at + 1]
                after = at + 1
            elif state == "S":
                yield block[at]
                after = at + 1
        if after < len(block):
            yield block[after:]


class Cutter:
    """Cuts text as jieba's ``Tokenizer`` with dictionary ``freq`` (every word with its
    frequency, every prefix of a word with 0, as jieba's ``FREQ``) and ``total``."""

    def __init__(self, freq: Mapping[str, int], total: int) -> None:
        self.freq, self.total = freq, total

    def get_dag(self, block: str) -> dict[int, list[int]]:
        """For each position, the last positions of the dictionary words that start
        there (the position itself when there is none)."""
        freq, dag, size = self.freq, {}, len(block)
        for start in range(size):
            ends, end, piece = [], start, block[start]
            while end < size and piece in freq:
                if freq[piece]:
                    ends.append(end)
                end += 1
                piece = block[start : end + 1]
            dag[start] = ends or [start]
        return dag

    def route(self, block: str, dag: dict[int, list[int]]) -> list[int]:
        """The end of the word at each position on the most probable route."""
        freq, size = self.freq, len(block)
        logtotal = log(self.total)
        best: list[tuple[float, int]] = [(0.0, 0)] * (size + 1)
        for at in range(size - 1, -1, -1):
            best[at] = max(
                (log(freq.get(block[at : end + 1]) or 1) - logtotal + best[end + 1][0], end)
                for end in dag[at]
            )
        return [end for _, end in best]

    def cut_block(self, block: str) -> Iterator[str]:
        """A block's words (jieba's ``__cut_DAG``)."""
        ends, at, run = self.route(block, self.get_dag(block)), 0, ""
        while at < len(block):
            after = ends[at] + 1
            word = block[at:after]
            if after - at == 1:
                run += word
            else:
                yield from self.cut_run(run)
                run = ""
                yield word
            at = after
        yield from self.cut_run(run)

    def cut_run(self, run: str) -> Iterator[str]:
        """Single characters on the route: one stays, a known word is split into its
        characters, anything else goes to the hidden Markov model."""
        if len(run) == 1:
            yield run
        elif run and not self.freq.get(run):
            yield from hmm_words(run)
        else:
            yield from run

    def cut(self, text: str) -> Iterator[str]:
        for block in HAN_BLOCK.split(text):
            if not block:
                continue
            if HAN_BLOCK.match(block):
                yield from self.cut_block(block)
                continue
            for piece in SKIP.split(block):
                if SKIP.match(piece):
                    yield piece
                else:
                    yield from piece

    def tokenize(self, text: str) -> Iterator[tuple[str, int, int]]:
        """Words of ``text`` with their start and end offsets."""
        start = 0
        for word in self.cut(text):
            yield word, start, start + len(word)
            start += len(word)
