"""Deterministic synthetic corpora of N times the seed: copies of the seed document with
paragraphs shuffled across quotes and dates shifted, so that the quotes differ."""

from __future__ import annotations

import datetime as dt
import random
import re
import shutil
from pathlib import Path

from indexer.paths import bundled_corpus

_BOOKMARK = re.compile(r"\[bookmark: [^\]]*\]")
_DATE = re.compile(r"(\d{1,2})月(\d{1,2})日")
_ATTRIBUTION = re.compile(r"^\s*(\[bookmark: [^\]]*\])*\s*——")
_NUMERALS = "一二三四五六七八九十"
_HEADING = re.compile(
    rf"^[\s\u3000]*(\[bookmark: [^\]]*\])*[\s\u3000]*([{_NUMERALS}]+、|（[{_NUMERALS}]+）)"
)


def _shift(line: str, days: int, year: int) -> str:
    def repl(m: re.Match[str]) -> str:
        day = dt.date(year, int(m.group(1)), int(m.group(2))) + dt.timedelta(days=days)
        return f"{day.month}月{day.day}日"

    head, sep, rest = line.partition("，")
    return _DATE.sub(repl, head) + sep + rest


def variant(lines: list[str], copy: int, year: int) -> list[str]:
    """Copy ``copy`` of the document: paragraph lines shuffled among the paragraph slots,
    attribution dates moved ``copy`` days later (copy 0 is the document itself)."""
    if copy == 0:
        return lines
    rng = random.Random(copy)
    slots = [
        i
        for i, line in enumerate(lines)
        if _BOOKMARK.sub("", line).strip(" \u3000")
        and not _ATTRIBUTION.match(line)
        and not _HEADING.match(line)
    ]
    paragraphs = [lines[i] for i in slots]
    rng.shuffle(paragraphs)
    out = list(lines)
    for i, paragraph in zip(slots, paragraphs, strict=True):
        out[i] = paragraph
    return [_shift(line, copy % 200, year) if _ATTRIBUTION.match(line) else line for line in out]


def write_copy(folder: Path, copy: int) -> Path:
    """Write variant ``copy`` of the seed (and its metadata) into ``folder``."""
    seed = next(bundled_corpus().glob("*.txt"))
    lines = seed.read_text(encoding="utf-8").split("\n")
    path = folder / f"{seed.stem}-{copy:03d}.txt"
    path.write_text("\n".join(variant(lines, copy, 2020)), encoding="utf-8")
    shutil.copyfile(seed.with_suffix(".toml"), path.with_suffix(".toml"))
    return path


def make_corpus(folder: Path, times: int) -> Path:
    """Write ``times`` documents (the seed and its variants) into ``folder``."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for copy in range(times):
        write_copy(folder, copy)
    return folder
