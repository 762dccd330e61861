"""Word segmentation with jieba, the same at index and at query time.

Indexing loads jieba's full dictionary (plus the gazetteer's user dictionary) once and
derives the *corpus dictionary*: every dictionary word that occurs in the corpus, with
the full dictionary's total. jieba only ever consults words that are substrings of
the text it cuts, so the corpus dictionary segments corpus text exactly as the full
one does, and loads in milliseconds.

Query words are cut with the full dictionary itself (a word the full dictionary keeps
whole is never split because no quote happens to contain it), read through a
memory-mapped copy (:mod:`indexer.analysis.dictionary`) in the per-user cache that is
written once per dictionary and opens in microseconds.

Indexing cuts with :class:`~indexer.analysis.indexcut.IndexSegmenter` (rjieba where it
cuts as jieba does, jieba for the rest).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

from ..paths import cache_dir
from .cutting import HAN_BLOCK, Cutter, jieba_folder
from .dictionary import DictionaryFileError, MappedDictionary, write_dictionary


@contextlib.contextmanager
def _quiet(jieba):
    """jieba's logger silenced while yulu loads its dictionary, and restored after:
    jieba logs a traceback when it cannot write its dictionary cache (a full disk, a
    read-only cache directory) and goes on without it; yulu reports such failures
    itself, in one line, where they matter. The rest of the process keeps jieba's
    logging as it was."""
    logger = jieba.default_logger
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def main_dictionary() -> Path:
    """jieba's bundled dictionary file."""
    return jieba_folder() / "dict.txt"


#: Bump when the mapped query dictionary's layout or content changes.
MAPPED_FORMAT = 1


class Segmenter:
    """jieba's cutting over a fixed dictionary (:class:`~indexer.analysis.cutting.Cutter`)."""

    def __init__(self, cutter: Cutter) -> None:
        self.cutter = cutter

    @property
    def total(self) -> int:
        return self.cutter.total

    @classmethod
    def full(cls, userdicts: Iterable[Path] = ()) -> Segmenter:
        """jieba's bundled dictionary plus user dictionaries (loaded once per process).
        jieba's prefix cache is kept in the per-user cache directory, named by the
        dictionary's content, never in the shared temporary directory."""
        return _full_segmenter(tuple(str(p) for p in userdicts))

    @classmethod
    def load_full(cls, userdicts: tuple[str, ...]) -> Segmenter:
        """jieba's full dictionary as jieba loads it (jieba is imported here only)."""
        import jieba

        tk = jieba.Tokenizer()
        digest = hashlib.sha256(main_dictionary().read_bytes()).hexdigest()[:16]
        tk.tmp_dir = str(cache_dir())
        tk.cache_file = f"jieba-{digest}.cache"
        with _quiet(jieba):
            tk.initialize()
        for path in userdicts:
            with open(path, "rb") as handle:
                tk.load_userdict(handle)
        return cls(Cutter(tk.FREQ, tk.total))

    @classmethod
    def for_queries(cls, userdicts: Iterable[Path] = ()) -> Segmenter:
        """jieba's full dictionary plus user dictionaries, as :meth:`full` cuts, read
        from a memory-mapped copy in the per-user cache (written on first use)."""
        return _query_segmenter(tuple(str(p) for p in userdicts))

    @classmethod
    def from_words(cls, words: dict[str, int], total: int) -> Segmenter:
        """A tokenizer over ``words`` (word -> frequency) whose probabilities use ``total``."""
        freq: dict[str, int] = {}
        for word, count in words.items():
            freq[word] = count
            for end in range(1, len(word)):
                freq.setdefault(word[:end], 0)
        return cls(Cutter(freq, total))

    @classmethod
    def load(cls, path: Path) -> Segmenter:
        """Read a dictionary written by :meth:`save`."""
        lines = path.read_text(encoding="utf-8").split("\n")
        total = int(lines[0].removeprefix("# total "))
        words = {}
        for line in lines[1:]:
            if line:
                word, _, count = line.rpartition(" ")
                words[word] = int(count)
        return cls.from_words(words, total)

    @staticmethod
    def read_words(path: Path) -> dict[str, int]:
        """The words and frequencies of a dictionary written by :meth:`save`."""
        words = {}
        for line in path.read_text(encoding="utf-8").split("\n")[1:]:
            if line:
                word, _, count = line.rpartition(" ")
                words[word] = int(count)
        return words

    def words_with_counts(self) -> dict[str, int]:
        """The dictionary's words (prefix entries left out) with their frequencies."""
        return {word: count for word, count in self.cutter.freq.items() if count}

    def save(self, path: Path, words: dict[str, int]) -> None:
        """Write ``words`` with this segmenter's total, in jieba's dictionary format."""
        body = "".join(f"{w} {c}\n" for w, c in sorted(words.items()))
        path.write_text(f"# total {self.total}\n{body}", encoding="utf-8")

    def vocabulary(self, texts: Iterable[str]) -> dict[str, int]:
        """Every dictionary word (with its frequency) that occurs in ``texts``."""
        freq = self.cutter.freq
        found: dict[str, int] = {}
        seen: set[str] = set()
        for text in texts:
            for block in HAN_BLOCK.findall(text):
                if block in seen:
                    continue
                seen.add(block)
                for start, ends in self.cutter.get_dag(block).items():
                    for end in ends:
                        word = block[start : end + 1]
                        if freq.get(word):
                            found[word] = freq[word]
        return found

    def tokenize(self, text: str) -> Iterator[tuple[str, int, int]]:
        """Words of ``text`` with their start and end offsets (jieba's accurate mode, HMM on)."""
        return self.cutter.tokenize(text)

    def words(self, text: str) -> list[str]:
        return [word for word, _, _ in self.tokenize(text)]


@cache
def _full_segmenter(userdicts: tuple[str, ...]) -> Segmenter:
    return Segmenter.load_full(userdicts)


def _query_dictionary_key(userdicts: tuple[str, ...]) -> str:
    """Names the mapped copy of the full dictionary plus ``userdicts``: jieba's
    dictionary file's identity (path, size, modification time: the file ships with
    jieba and changes only with it), and the content of each user dictionary."""
    digest = hashlib.sha256(f"{MAPPED_FORMAT}\0".encode())
    main = main_dictionary()
    stat = main.stat()
    digest.update(f"{main}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    for path in userdicts:
        digest.update(path.encode() + b"\0" + Path(path).read_bytes() + b"\0")
    return digest.hexdigest()[:20]


@cache
def _query_segmenter(userdicts: tuple[str, ...]) -> Segmenter:
    path = cache_dir() / f"querydict-{_query_dictionary_key(userdicts)}.bin"
    try:
        freq = MappedDictionary(path)
    except (OSError, DictionaryFileError):
        full = _full_segmenter(userdicts)
        try:
            write_dictionary(path, full.cutter.freq, full.total)
            freq = MappedDictionary(path)
        except OSError:  # a cache we cannot write: cut with the loaded dictionary
            return full
    return Segmenter(Cutter(freq, freq.total))
