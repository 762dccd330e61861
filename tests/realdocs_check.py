"""Checks a real compilation against the expectations written by reading it
(``NAME.expect.json`` beside it, the form of ``shared/devset``): the parser's records
must match in number, and each one in its first characters, date (to the document's
precision), section (innermost heading, numbering aside) and quote title."""

from __future__ import annotations

import json
import re
import shutil
import unicodedata
from pathlib import Path

from indexer.documents.parser import parse_paths

FORMATS = (".txt", ".html", ".htm", ".docx", ".md")
_NUMBERING = re.compile(
    r"^[●★■◆▲※\s]*(?:[一二三四五六七八九十百]+、|（[一二三四五六七八九十百]+）|\d+[.．、])?"
)


def norm(text: str | None) -> str:
    """Letters and digits only, NFKC and case folded."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    return "".join(c for c in text if unicodedata.category(c)[0] in "LN")


def section_key(text: str | None) -> str:
    return norm(_NUMBERING.sub("", text or ""))


def documents(*folders: Path) -> list[Path]:
    """The documents in ``folders`` that have expectations."""
    return sorted(
        p
        for folder in folders
        if folder.is_dir()
        for p in folder.iterdir()
        if p.suffix in FORMATS and (folder / f"{p.stem}.expect.json").exists()
    )


def check(src: Path, tmp: Path) -> tuple[int, int, list[str], int]:
    """(quotes right, quotes expected, problems, lines reported) for one document,
    parsed alone in ``tmp`` (no metadata file), as a user would parse it."""
    expect = json.loads((src.parent / f"{src.stem}.expect.json").read_text(encoding="utf-8"))
    copy = tmp / src.name
    shutil.copyfile(src, copy)
    result = parse_paths(copy)
    records = [q.to_dict() for q in result.quotes]
    reported = sum(d.reported for d in result.documents)
    n = expect["quotes"]
    problems = [] if len(records) == n else [f"{len(records)} records, want {n}"]
    sections, titles = expect.get("sections"), expect.get("quote_titles")
    starts = [norm(r["text"]) for r in records]
    right, at = 0, 0
    for i in range(n):
        head = norm(expect["first_chars"][i])[:12]
        j = next((k for k in range(at, len(records)) if starts[k].startswith(head)), None)
        if j is None:
            problems.append(f"#{i + 1}: no record starts with {head!r} (swallowed or cut wrong)")
            continue
        at, got = j + 1, records[j]
        wrong = _wrong_fields(got, expect["dates"][i], sections, titles, i)
        if wrong:
            problems.append(f"#{i + 1} (line {got['line']}): {wrong}")
        else:
            right += 1
    return right, n, problems, reported


def _wrong_fields(got: dict, date: str | None, sections, titles, i: int) -> str:
    wrong = []
    if date is not None and not str(got.get("date") or "").startswith(date):
        wrong.append(f"date {got.get('date')} want {date}")
    if sections and sections[i]:
        have, gold = section_key(got.get("section")), section_key(sections[i])
        fine = bool(have) and (have in gold or gold in have)
        if not fine and titles and titles[i]:
            path = " ".join(section_key(h) for h in got.get("heading_path") or [])
            fine = have == section_key(titles[i]) and gold in path
        if not fine:
            wrong.append(f"section {got.get('section')!r} want {sections[i]!r}")
    if titles and titles[i]:
        have, gold = section_key(got.get("title")), section_key(titles[i])
        # a dated lead-in above the quote is its title and its attribution at once
        led = not have and bool(norm(got.get("event"))) and norm(got.get("event")) in gold
        if not led and (not have or have not in gold):
            wrong.append(f"title {got['title']!r} want {titles[i]!r}")
    return "; ".join(wrong)
