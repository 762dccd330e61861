"""Chinese collation by pinyin, and the sort keys of concordance lines by the words
next to the match, as AntConc sorts them (1L, 2L…, 1R, 2R…).

A text's key is one entry per character: Han characters by their pinyin (``pypinyin``,
which reads a polyphone by the words around it: 银行 yin2 hang2, 行动 xing2 dong4),
then tone (1–4, 5 for the neutral tone), then code point; other characters before any
Han character (digits and symbols first, then Latin letters, case folded), as the
pinyin collation of the Unicode CLDR orders the scripts. A shorter text that is the
start of a longer one sorts first."""

from __future__ import annotations

from functools import cache
from typing import Any

#: The kinds of character, in the order they sort: digits and symbols, letters, Han.
OTHER, LATIN, HAN = 0, 1, 2


def _is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or ch >= "\U00020000"


@cache
def pinyin_key(text: str) -> tuple[tuple[int, str, int, int], ...]:
    """The collation key of ``text``: pinyin, tone, code point, per character."""
    from pypinyin import Style, lazy_pinyin

    syllables = lazy_pinyin(
        text, style=Style.TONE3, neutral_tone_with_five=True, errors=lambda s: list(s)
    )
    if len(syllables) != len(text):  # never expected; read each character alone
        syllables = [lazy_pinyin(ch, style=Style.TONE3, neutral_tone_with_five=True,
                                 errors=lambda s: list(s))[0] for ch in text]  # fmt: skip
    key = []
    for ch, syllable in zip(text, syllables, strict=True):
        if _is_han(ch) and syllable[-1:].isdigit():
            key.append((HAN, syllable[:-1], int(syllable[-1]), ord(ch)))
        elif ch.isalpha():
            key.append((LATIN, ch.casefold(), 0, ord(ch)))
        else:
            key.append((OTHER, ch, 0, ord(ch)))
    return tuple(key)


def collated(texts: list[str]) -> list[str]:
    """``texts`` in pinyin order (stable)."""
    return sorted(texts, key=pinyin_key)


#: How many words beyond the one sorted on break ties.
FURTHER = 2


def context_key(left: list[str], right: list[str], sort: str) -> tuple[Any, ...]:
    """The key of a line whose words read outwards from the match are ``left`` (1L,
    2L…) and ``right`` (1R, 2R…), for ``sort`` ``leftN`` or ``rightN``: the Nth word,
    then the next ones outwards; a missing word sorts first."""
    side = left if sort.startswith("left") else right
    n = int(sort.removeprefix("left").removeprefix("right"))
    return tuple(pinyin_key(word) for word in side[n - 1 : n + FURTHER])
