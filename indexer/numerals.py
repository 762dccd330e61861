"""Numbers as compilations write them, read and written in one place: Arabic digits
(half- or full-width) and Chinese numerals, both counted (二十三) and spelled digit by
digit (二〇二〇). Every part of yulu that reads or writes a Chinese numeral uses these:
dates and heading numbers in the parser, field values in queries, Word's numbering,
and the headings of citations."""

from __future__ import annotations

#: The ten Chinese digits, zero first, as counted numbers write them (一百零五).
COUNTING_DIGITS = "零一二三四五六七八九"
#: The ten digits of a number spelled digit by digit, with the ideographic zero (二〇二〇).
SPELLED_DIGITS = "〇一二三四五六七八九"
#: The financial ("legal") digits of cheques and contracts (壹贰叁).
LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
#: Chinese digits, including the circle and letter forms typists use for zero.
DIGITS = {c: i for i, c in enumerate(COUNTING_DIGITS)} | {
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


def parse_number(text: str) -> int | None:
    """The number ``text`` writes in Arabic or Chinese numerals, or None when it is not
    one (empty, or holding any other character): ``十二`` -> 12, ``１２`` -> 12."""
    folded = fold_digits(text)
    if folded.isascii() and folded.isdigit():
        return int(folded)
    if not text or any(ch not in NUMERAL_CHARS for ch in text):
        return None
    return chinese_number(text)


def counting(n: int, legal: bool = False) -> str:
    """1 -> 一, 10 -> 十, 21 -> 二十一, 105 -> 一百零五 (legal: 壹贰叁… as in cheques);
    from 10,000 on, and below 1, in Arabic digits."""
    digits = LEGAL_DIGITS if legal else COUNTING_DIGITS
    units = ("", "拾", "佰", "仟") if legal else ("", "十", "百", "千")
    if n <= 0 or n >= 10000:
        return str(n)
    text, zero = "", False
    for power in (3, 2, 1, 0):
        digit = n // 10**power % 10
        if digit:
            if zero and text:
                text += digits[0]
            text += digits[digit] + units[power]
            zero = False
        else:
            zero = True
    if not legal and 10 <= n < 20:
        text = text[1:]  # 十一, not 一十一
    return text


def spelled(n: int) -> str:
    """``n`` spelled digit by digit, as years are: 2020 -> 二〇二〇."""
    return "".join(SPELLED_DIGITS[int(d)] for d in str(n))


def heading_number(n: int | None) -> str:
    """A heading's number as a compilation prints it: 1 -> 一, 26 -> 二十六; from 100
    on, in Arabic digits; nothing for none."""
    if not n or not 0 < n < 100:
        return str(n or "")
    return counting(n)
