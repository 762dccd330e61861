"""What hints suggest: values near a mistyped one, and options written as a shell reads
them. Pure functions, so that the CLI's own messages use the same quoting."""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterable

#: What a shell reads as one plain word (Han characters included).
_PLAIN_WORD = re.compile(r"[^\s'\"\\$`!*?()\[\]{}<>|&;#~=]+")


def shell_word(arg: str) -> str:
    """``arg`` as it is typed in a shell: quoted only where the shell would read it."""
    return arg if _PLAIN_WORD.fullmatch(arg) else shlex.quote(arg)


def option(name: str, value: str) -> str:
    """``--name value`` as it is typed in a shell (``--country 'World Health Organization'``)."""
    return f"{name} {shell_word(value)}"


def clause(field: str, value: str) -> str:
    """The query clause ``field:value`` as it is typed in a shell (a value with spaces
    in the query language's quotes, the whole in the shell's)."""
    text = f'{field}:"{value}"' if any(ch.isspace() for ch in value) else f"{field}:{value}"
    return shell_word(text)


def edit_distance(a: str, b: str, most: int) -> int:
    """The Levenshtein distance of ``a`` and ``b``, or ``most + 1`` once it is larger."""
    if abs(len(a) - len(b)) > most:
        return most + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > most:
            return most + 1
        previous = current
    return previous[-1]


def allowed_distance(text: str) -> int:
    """How many edits still make a near spelling: one per four characters, at least one
    (a Han character is a whole syllable, so a two-character name allows one)."""
    return max(1, len(text) // 4)


def near(wanted: str, known: Iterable[str]) -> list[str]:
    """The values of ``known`` near ``wanted`` (both folded), nearest first: within
    :func:`allowed_distance` edits, or holding it or held by it (two characters or more);
    never a value merely because it is the least far."""
    most = allowed_distance(wanted)
    scored: list[tuple[int, str]] = []
    for name in known:
        distance = edit_distance(wanted, name, most)
        if distance <= most:
            scored.append((distance, name))
        elif min(len(wanted), len(name)) >= 2 and (wanted in name or name in wanted):
            scored.append((most + 1, name))
    return [name for _, name in sorted(scored)]
