"""Numbers as compilations write them: Arabic digits (half- or full-width) and Chinese
numerals, both counted (二十三) and spelled digit by digit (二〇二〇)."""

from __future__ import annotations

#: Chinese digits, including the circle and letter forms typists use for zero.
DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {
    "〇": 0,
    "○": 0,
    "O": 0,
    "Ｏ": 0,
    "两": 2,
    "亖": 4,  # the archaic four (一二三亖), as old prints and their OCR have it
}
#: Every character that can be part of a Chinese numeral.
NUMERAL_CHARS = "".join(DIGITS) + "十百廿卅"

_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def fold_digits(text: str) -> str:
    """Full-width digits as ASCII digits; every other character, and the length, kept."""
    return text.translate(_FULL_WIDTH_DIGITS)


def chinese_number(text: str) -> int:
    """一 -> 1, 十二 -> 12, 二十三 -> 23, 一百零五 -> 105, 廿四 -> 24; a run of digits
    with no 十 or 百 is read digit by digit: 二〇二〇 -> 2020, 196亖 -> 1964."""
    if not any(c in "十百廿卅" for c in text):
        value = 0
        for ch in fold_digits(text):  # a year mixing both (196亖) is read digit by digit
            value = value * 10 + (int(ch) if ch.isascii() and ch.isdigit() else DIGITS.get(ch, 0))
        return value
    total, current = 0, 0
    for ch in text:
        if ch in DIGITS:
            current = DIGITS[ch]
        elif ch in "十百":
            total += (current or 1) * (10 if ch == "十" else 100)
            current = 0
        elif ch in "廿卅":
            total += 20 if ch == "廿" else 30
            current = 0
    return total + current


def number(text: str) -> int:
    """A number written in Arabic (half- or full-width) or Chinese numerals."""
    folded = fold_digits(text)
    return int(folded) if folded.isascii() and folded.isdigit() else chinese_number(text)
