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

Indexing cuts with :class:`IndexSegmenter`: ``rjieba`` (jieba-rs, the same algorithm and
dictionary in Rust, about twenty times faster) where it is installed and cuts as jieba
does, jieba itself (over the mapped dictionary) for the rest. jieba stays the reference:
the tests check that both give the same words.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import re
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


def _main_dictionary() -> Path:
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
        digest = hashlib.sha256(_main_dictionary().read_bytes()).hexdigest()[:16]
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
    main = _main_dictionary()
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


# -- cutting for the index ---------------------------------------------------------

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
    with _main_dictionary().open("rb") as handle:
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
