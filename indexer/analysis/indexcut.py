"""Cutting texts for the index: :class:`IndexSegmenter` uses ``rjieba`` (jieba-rs, the
same algorithm and dictionary in Rust, about twenty times faster) where it is installed
and cuts as jieba does, jieba itself (over the mapped full dictionary of
:mod:`indexer.analysis.segment`) for the rest. jieba stays the reference: the tests
check that both give the same words. It also finds the dictionary words a text holds
(the corpus dictionary)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from .cutting import HAN_BLOCK
from .segment import Segmenter, main_dictionary

#: jieba-rs groups these ASCII symbols with the letters and digits around them inside a
#: block (``covid-19``, ``x.y``) where jieba splits them off: texts holding one are cut
#: by jieba. Everything else is cut alike (``tests/test_segmentation.py`` checks).
_RUST_DIFFERS = re.compile(r"[+#&._%\-]")
#: A block jieba's full mode would cut: Han characters only.
_HAN_ONLY = re.compile(r"^[\u4E00-\u9FD5]+$")
_USERDICT_LINE = re.compile(r"^(.+?)( [0-9]+)?( [a-z]+)?$")
#: A word no text can hold (private-use characters are never part of jieba's blocks),
#: whose frequency makes rjieba's dictionary total equal jieba's.
_BALLAST = "\U000f0000\U000f0001"
#: How many blocks :meth:`IndexSegmenter.add_vocabulary` remembers having seen.
_SEEN_LIMIT = 200_000


def _userdict_entries(userdicts: Iterable[str]) -> list[tuple[str, int | None]]:
    """(word, explicit frequency or None) for each line of the user dictionaries, in
    the order jieba's ``load_userdict`` adds them."""
    entries = []
    for path in userdicts:
        for raw in Path(path).read_bytes().splitlines():
            line = raw.decode("utf-8").lstrip("\ufeff").strip()
            if line:
                word, freq, _ = _USERDICT_LINE.match(line).groups()
                entries.append((word, int(freq) if freq is not None else None))
    return entries


def _base_frequencies(words: set[str]) -> dict[str, int]:
    """The frequencies of ``words`` in jieba's bundled dictionary (those it has)."""
    found: dict[str, int] = {}
    if not words:
        return found
    with main_dictionary().open("rb") as handle:
        for raw in handle:
            word, _, rest = raw.decode("utf-8").partition(" ")
            if word in words:
                found[word] = int(rest.split(" ", 1)[0])
    return found


def _rust_tokenizer(userdicts: tuple[str, ...]):
    """An rjieba tokenizer that cuts as jieba with these user dictionaries, or None
    when rjieba is missing or cannot (a user word without a frequency, with frequency
    0, or added twice: jieba computes those from its state at that moment)."""
    try:
        import rjieba
    except ImportError:
        return None
    entries = _userdict_entries(userdicts)
    words = [word for word, _ in entries]
    if any(freq is None or freq == 0 for _, freq in entries) or len(set(words)) != len(words):
        return None
    tokenizer = rjieba.Jieba()
    base = _base_frequencies(set(words))
    for word, freq in entries:
        tokenizer.add_word(word, freq, None)
    # jieba adds a user word's frequency to its total; jieba-rs also takes away the
    # frequency the word had. Give back what it took, in a word no text holds.
    taken = sum(base.get(word, 0) for word in words)
    if taken:
        tokenizer.add_word(_BALLAST, taken, None)
    return tokenizer


class IndexSegmenter:
    """Cuts texts for the index exactly as jieba's full dictionary (with the user
    dictionaries) cuts them: with rjieba where it agrees with jieba, with jieba over the
    memory-mapped full dictionary elsewhere. Also finds the dictionary words a text
    holds (the corpus dictionary)."""

    def __init__(self, userdicts: Iterable[Path] = (), rust: bool = True) -> None:
        self.userdicts = tuple(str(p) for p in userdicts)
        self._jieba = Segmenter.for_queries(self.userdicts)
        self._rust = _rust_tokenizer(self.userdicts) if rust else None

    @property
    def uses_rust(self) -> bool:
        return self._rust is not None

    @property
    def total(self) -> int:
        return self._jieba.total

    def tokenize(self, text: str) -> Iterable[tuple[str, int, int]]:
        """Words of ``text`` with their start and end offsets (accurate mode, HMM on)."""
        if self._rust is not None and not _RUST_DIFFERS.search(text):
            return self._rust.tokenize(text)
        return self._jieba.tokenize(text)

    def words(self, text: str) -> list[str]:
        return [word for word, _, _ in self.tokenize(text)]

    def save(self, path: Path, words: dict[str, int]) -> None:
        """Write ``words`` as a corpus dictionary (see :meth:`Segmenter.save`)."""
        self._jieba.save(path, words)

    def add_vocabulary(
        self, folded: str, found: dict[str, int], seen: set[str] | None = None
    ) -> None:
        """Add to ``found`` every dictionary word (with its frequency) that jieba's DAG
        finds in the blocks of ``folded`` text; blocks in ``seen`` (those whose words
        ``found`` already has) are skipped, and added to it."""
        freq = self._jieba.cutter.freq
        if seen is not None and len(seen) > _SEEN_LIMIT:
            seen.clear()
        for block in HAN_BLOCK.findall(folded):
            if seen is not None:
                if block in seen:
                    continue
                seen.add(block)
            if self._rust is not None and _HAN_ONLY.match(block):
                candidates = {*self._rust.cut_all(block), *block}
            else:
                candidates = {
                    block[start : end + 1]
                    for start, ends in self._jieba.cutter.get_dag(block).items()
                    for end in ends
                }
            for word in candidates:
                if word not in found:
                    count = freq.get(word)
                    if count:
                        found[word] = count
