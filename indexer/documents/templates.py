"""Layout induction: the templates a document itself repeats, learnt before its lines
are given their roles.

Global rules (:mod:`.classify`) know the genre; a document knows itself. The lines that
the rules read as citations show the document's own citation template: how such a
line opens (a dash, a book title, a bracket, a date), how its date is written (Chinese or
Arabic numerals) and where (in which brackets, first, inside or last). A line of the same
template is a citation even when it carries a detail no rule foresaw (a page range, a
note on cuts); and after parsing, a line of a quote that fits a template is reported
rather than silently kept in the quote (:mod:`.audit`).

Templates are plain data (:class:`Templates`): ``yulu parse --explain`` prints them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from .classify import WHITESPACE, Classified, Kind, ends_clause, has_words, names_a_reference
from .dates import find_dates
from .leadlines import dated_lead_ins
from .signatures import (
    CN_NUMERALS,
    DASHES,
    SENTENCE_INSIDE,
    Signature,
    Template,
    Templates,
    signature,
)

#: Shapes the rules read as a line that closes a quote.
CLOSING_KINDS = (Kind.DASHED, Kind.CITATION, Kind.DATELINE)
#: Shapes a line of an unforeseen citation may have been given instead.
_RECLASSIFIABLE = (Kind.TEXT, Kind.SHORT)
#: What a reference may end with before a citation's final full stop: a page, a title.
_REFERENCE_END = "页》〉）)>＞"
#: What opens a work's title: book-title marks, and the guillemet an OCR reads them as.
_TITLE_MARKS = "《〈«"
#: Lines looked through for what stands under an excerpt number.
_SKIPPED = (Kind.BLANK, Kind.RULE, Kind.FOOTER, Kind.FURNITURE)
#: A signature closing a line: a dash and a short name with nothing after it.
_SIGNATURE = re.compile(
    r"[\s\u3000]*(?:——|—|－－|--)[\s\u3000]*(?P<name>[\u4e00-\u9fff·]{2,12})[\s\u3000]*$"
)
#: A template must be shared by this many closing lines, and by this share of them.
MIN_SHARED, MIN_SHARE = 2, 0.2
#: Unpunctuated attributions that vouch for each other where the rules found no closer;
#: the closing lines a template is learnt from, at most (a long document's are sampled).
MIN_UNPUNCTUATED, SAMPLE = 3, 400


def induce(shapes: list[Classified]) -> Templates:
    """The document's templates, from the lines the rules read as closing lines (at most
    :data:`SAMPLE` of them, evenly spread: a template is what most of them share)."""
    closing = [s.text for s in shapes if s.kind in CLOSING_KINDS] + [
        s.tail for s in shapes if s.kind in (Kind.INLINE, Kind.GLUED)
    ]
    sample = closing[:: max(1, len(closing) // SAMPLE)]
    sigs: Counter[Signature] = Counter()
    examples: dict[Signature, str] = {}
    longest: Counter[Signature] = Counter()
    for text in sample:
        sig = signature(text)
        if sig is None:
            continue
        sigs[sig] += 1
        examples.setdefault(sig, text)
        longest[sig] = max(longest[sig], len(text))
    found = Templates(closing_lines=len(closing), sampled=len(sample))
    for sig, count in sigs.most_common():
        if count >= MIN_SHARED and count >= MIN_SHARE * len(sample):
            found.citations.append(Template(sig, count, examples[sig], longest[sig]))
    return found


def _bare_number(shape: Classified) -> bool:
    """Whether a line is a number and nothing else: 五, 12, （三）, 3., 〔五〕."""
    text = shape.text.strip(WHITESPACE + "（）()〔〕【】[]、.．")
    if text.isdecimal():  # (not isdigit: a footnote's ① is a digit, and no number)
        return int(text) < 1000
    return 0 < len(text) <= 4 and all(c in CN_NUMERALS or c in "百" for c in text)


def _excerpt_numbers(shapes: list[Classified]) -> list[int]:
    """The indexes of lines that number excerpts: bare numbers (under 1000: 1949 is a
    year), each right above a paragraph (not above a short title line, which a bare
    marker heads) and not right after a paragraph (there it is a page number inside a
    quote), when the document has two or more of them."""
    found = []
    below: Classified | None = None
    for k in range(len(shapes) - 1, -1, -1):  # one pass up: what stands under each line
        shape = shapes[k]
        if shape.kind in (Kind.BLANK, Kind.RULE) or not _bare_number(shape):
            if shape.kind not in _SKIPPED:
                below = shape
            continue
        if below is not None and below.kind == Kind.TEXT:
            found.append(k)
    found.reverse()
    before: Classified | None = None
    kept = []
    at = 0
    for k, shape in enumerate(shapes):
        if at < len(found) and found[at] == k:
            at += 1
            if before is None or before.kind != Kind.TEXT:  # not inside a quote
                kept.append(k)
            continue
        if shape.kind not in _SKIPPED:
            before = shape
    return kept if len(kept) >= 2 else []


def _signed_lines(shapes: list[Classified]) -> tuple[str, list[tuple[int, int]]]:
    """Lines that end with the same dash and short signature (``不打无准备之战。 ——毛泽东``,
    or one that starts with it: ``——毛泽东毛主席语录``), when three lines or more and a
    third of the paragraphs do: the signature, and (index, where the dash starts) of
    each line."""
    tails: Counter[str] = Counter()
    found: list[tuple[int, int, str]] = []
    paragraphs = 0
    for k, shape in enumerate(shapes):
        if shape.kind not in _RECLASSIFIABLE:
            continue
        paragraphs += 1
        text = shape.text.rstrip(WHITESPACE)
        offset = max(0, len(text) - 20)  # a signature is short: look at the end only
        match = _SIGNATURE.search(text, offset)
        if match and match.start() > 1 and has_words(text[: match.start()]):
            found.append((k, match.start(), match["name"]))
            tails[match["name"]] += 1
    if not tails:
        return "", []
    name, count = tails.most_common(1)[0]
    signed = [(k, at) for k, at, tail in found if tail.startswith(name)]
    if count < 3 or len(signed) * 3 < paragraphs:
        return "", []
    return name, signed


def _bold_over_closers(shapes: list[Classified]) -> list[int]:
    """Bold lines (styled as headings by their format's bold) right above a closing line."""
    found = []
    below: Classified | None = None
    for k in range(len(shapes) - 1, -1, -1):
        shape = shapes[k]
        if shape.kind in _SKIPPED:
            continue
        bold = shape.kind == Kind.STYLED and shape.family == "style:bold"
        if bold and below is not None and below.kind in CLOSING_KINDS:
            found.append(k)
        below = shape
    return found


def _bare_title(text: str) -> bool:
    """Whether ``text`` is a book title with no date and no volume or page."""
    sig = signature(text)
    return sig is not None and sig.numerals == "none" and not names_a_reference(text)


def _without_final_stop(text: str) -> str:
    """``text`` without a full stop that closes a reference (``…第1323页。``,
    ``…（1962年1月）。``, ``…《红旗》杂志。``): an old book's citation may end with one."""
    body = text.rstrip(WHITESPACE)
    if body[-1:] not in "。." or len(body) < 2:
        return text
    core = body[:-1].rstrip(WHITESPACE)
    if core[-1:] in _REFERENCE_END or "《" in core[-12:]:
        return core
    return text


def _unpunctuated_attributions(shapes: list[Classified], vouching: int = 0) -> set[int]:
    """Lines between two paragraphs that end no sentence, hold none, and name a year in
    brackets or beside a book title (``对新华社记者的谈话（一九五八年九月二十九日），一九五八年
    十月一日《人民日报》``): attributions whatever their opening. The document's last line
    is one too, under a paragraph, when :data:`MIN_UNPUNCTUATED` others vouch for it
    (those found, and the ``vouching`` closing lines the rules read)."""
    content = [k for k, s in enumerate(shapes) if s.kind not in _SKIPPED]
    found = set()
    for at in range(1, len(content)):
        k = content[at]
        below = shapes[content[at + 1]].kind if at + 1 < len(content) else None
        if below is None and len(found) + vouching < MIN_UNPUNCTUATED:
            continue
        shape = shapes[k]
        text = _without_final_stop(shape.text)
        if shape.kind not in _RECLASSIFIABLE or len(text) > 160 or ends_clause(text):
            continue
        if any(c in text for c in SENTENCE_INSIDE + "；;"):
            continue
        above = shapes[content[at - 1]]
        around = {above.kind, below or above.kind}
        if not around <= {Kind.TEXT, Kind.SHORT} or Kind.TEXT not in around:
            continue  # between two paragraphs (one may be a short slogan)
        if not ends_clause(above.text) and (above.kind == Kind.TEXT or len(above.text) > 20):
            continue  # a paragraph wrapped mid-sentence goes on (a slogan is short)
        dates = [d for d in find_dates(shape.text) if d.year is not None]
        titled = any(c in shape.text for c in _TITLE_MARKS)
        if dates and (titled or signature(shape.text).bracket):
            found.add(k)
    return found


def apply(shapes: list[Classified], templates: Templates) -> list[Classified]:
    """``shapes`` with each text line that fits a citation template read as a citation,
    and excerpt numbers set aside (each reason kept in ``templates.reasons``)."""
    out = list(shapes)
    _lead_ins(out, templates)
    for k in _bold_over_closers(shapes):  # a bold line above its attribution is the quote
        out[k] = replace(shapes[k], kind=Kind.TEXT, family="", title="")
        templates.reasons[shapes[k].no] = "bold, but right above an attribution: quote text"
    _signed(shapes, out, templates)
    unpunctuated = _unpunctuated_attributions(shapes, templates.closing_lines)
    if templates.closing_lines < 2 and len(unpunctuated) < MIN_UNPUNCTUATED:
        unpunctuated = set()  # what the rules read as closing lines vouches for them
    _bare_titles(shapes, out, templates)
    _fitting(shapes, out, templates, unpunctuated)
    for k in _excerpt_numbers(out):  # last: a number after a closing line read as one
        out[k] = replace(out[k], kind=Kind.EXCERPT)
        templates.reasons[out[k].no] = "an excerpt number: a bare number above a paragraph"
    templates.excerpts = sum(1 for s in out if s.kind == Kind.EXCERPT)
    return out


def _lead_ins(out: list[Classified], templates: Templates) -> None:
    """Dated lead-ins, when the document names each quote's source above it."""
    heads = dated_lead_ins(out)
    if len(heads) >= 2 and len(heads) > templates.closing_lines:
        for k, read in heads.items():
            out[k] = replace(out[k], kind=Kind.TEXT, heads=True, leads=False, body=read)
            templates.reasons[out[k].no] = (
                "a dated lead-in: the document names each quote's source above it"
            )
        templates.lead_ins = len(heads)


def _signed(shapes: list[Classified], out: list[Classified], templates: Templates) -> None:
    """Lines that end with the document's signature (——毛泽东), and sayings over several
    lines among them."""
    tail, signed = _signed_lines(shapes)
    if not signed:
        return
    for k, at in signed:
        shape = shapes[k]
        quote, said = shape.text[:at].rstrip(WHITESPACE), shape.text[at:]
        out[k] = replace(shape, kind=Kind.INLINE, title=quote,
                         body=said.lstrip(DASHES + WHITESPACE), tail=said)  # fmt: skip
        templates.reasons[shape.no] = f"ends with the document's signature ——{tail}"
    templates.signature_lines, templates.signature = len(signed), tail
    for k, shape in enumerate(shapes):  # a saying over several lines, signed at its end
        if out[k].kind == Kind.SHORT and any(c in shape.text[:-1] for c in SENTENCE_INSIDE):
            out[k] = replace(shape, kind=Kind.TEXT, title="")
            templates.reasons[shape.no] = "holds a sentence, among signed lines: quote text"


def _bare_titles(shapes: list[Classified], out: list[Classified], templates: Templates) -> None:
    """A book title alone is no citation where the document's citations are dated."""
    dated = sum(t.count for t in templates.citations if t.signature.numerals != "none")
    if dated < 0.8 * templates.closing_lines:
        return
    previous: Classified | None = None
    for k, shape in enumerate(shapes):
        above, previous = previous, (shape if shape.kind not in _SKIPPED else previous)
        under_text = above is not None and above.kind == Kind.TEXT
        if shape.kind == Kind.CITATION and _bare_title(shape.text) and not under_text:
            out[k] = replace(shape, kind=Kind.SHORT if len(shape.text) <= 40 else Kind.TEXT)
            templates.reasons[shape.no] = (
                "a book title alone, while the document's citations are dated"
            )


def _fitting(
    shapes: list[Classified], out: list[Classified], templates: Templates, unpunctuated: set[int]
) -> None:
    """Text lines that fit a citation template, or are unpunctuated attributions."""
    for k, shape in enumerate(shapes):
        if shape.kind not in _RECLASSIFIABLE:
            continue
        template = templates.fitting(shape.text)
        if template is None:
            if k in unpunctuated:
                out[k] = replace(shape, kind=Kind.CITATION, body=shape.text.strip(WHITESPACE))
                templates.reasons[shape.no] = (
                    "between two paragraphs, ends no sentence and names a dated work or source"
                )
            continue
        body = shape.text.strip(WHITESPACE)
        kind = Kind.CITATION
        if template.signature.opening == "——":
            kind, body = Kind.DASHED, body.lstrip(DASHES + WHITESPACE)
        out[k] = replace(shape, kind=kind, body=body, title="", matter="", leads=False)
        templates.reasons[shape.no] = (
            f"fits the document's citation template ({template.signature.describe()})"
        )
