"""The article of a page cut into blocks, found as readability tools find it: each
paragraph scores its ancestors less and less, a candidate's score is discounted by its
share of link text, the best is widened to an ancestor other good candidates share,
and siblings that score well or read like paragraphs join it."""

from __future__ import annotations

from collections.abc import Iterator

from .pageblocks import MIN_PARAGRAPH, Block, Page, tag_names

#: Blocks that score their parent (a container with text of its own scores itself).
PARAGRAPH_TAGS = tag_names("p li pre blockquote dd dt figcaption address h1 h2 h3 h4 h5 h6")


_SENTENCE_END = tuple("。！？”’」』.!?")


def _ancestors(el, limit: int) -> Iterator[object]:
    for _ in range(limit):
        el = el.getparent()
        if el is None:
            return
        yield el


def _scores(page: Page) -> tuple[dict[object, float], dict[object, tuple[int, int]]]:
    """Each candidate's score, and each element's (characters, link characters)."""
    totals: dict[object, tuple[int, int]] = {}
    for block in page.blocks:
        for el in [block.owner, *_ancestors(block.owner, 64)]:
            chars, links = totals.get(el, (0, 0))
            totals[el] = (chars + block.chars, links + block.link_chars)
    raw: dict[object, float] = {}
    for block in page.blocks:
        if block.heading or block.own_text < MIN_PARAGRAPH:
            continue
        text = "".join(block.lines)
        score = 1 + sum(text.count(c) for c in "，,、；;。") + min(block.own_text / 100, 3)
        start = block.owner if block.owner.tag not in PARAGRAPH_TAGS else block.owner.getparent()
        if start is None:
            continue
        for level, el in enumerate([start, *_ancestors(start, 4)]):
            if el not in page.first:  # above the page's body
                break
            divider = 1 if level == 0 else 2 if level == 1 else level * 3
            raw[el] = raw.get(el, 0.0) + score / divider
    scores = {}
    for el, score in raw.items():
        chars, links = totals.get(el, (0, 0))
        scores[el] = score * (1 - links / chars) if chars else 0.0
    return scores, totals


def _widen(top, scores: dict[object, float], page: Page):
    """The top candidate, or the nearest ancestor it shares with at least two other
    candidates scoring within a quarter of it (content split over sibling boxes)."""
    best = scores[top]
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])[1:6]
    rivals = [el for el, score in ranked if score >= 0.75 * best]
    if len(rivals) < 2:
        return top
    for ancestor in _ancestors(top, 64):
        if ancestor not in page.first:
            break
        sharing = sum(1 for r in rivals if ancestor in set(_ancestors(r, 64)) or r is ancestor)
        if sharing >= 2:
            return ancestor
    return top


def _reads_like_paragraph(el, totals: dict[object, tuple[int, int]], page: Page) -> bool:
    chars, links = totals.get(el, (0, 0))
    if not chars or el.tag not in PARAGRAPH_TAGS:
        return False
    density = links / chars
    if chars > 40 and density < 0.25:
        return True
    text = "".join("".join(b.lines) for b in page.blocks if b.owner is el)
    return density == 0 and text.endswith(_SENTENCE_END)


def article(page: Page) -> list[Block]:
    """The blocks of the page's article, in document order."""
    scores, totals = _scores(page)
    if not scores:
        return [b for b in page.blocks if b.link_chars < b.chars or b.heading]
    top = _widen(max(scores, key=lambda el: scores[el]), scores, page)
    chosen = [top]
    parent = top.getparent()
    if parent is not None:
        threshold = max(10.0, scores[top] * 0.2) if top in scores else 10.0
        chosen = [
            el
            for el in parent
            if el is top
            or (el in page.first and scores.get(el, 0.0) >= threshold)
            or (el in page.first and _reads_like_paragraph(el, totals, page))
        ]
    ranges = [(page.first[el], page.last[el]) for el in chosen if el in page.first]
    kept = [
        b
        for b in page.blocks
        if any(lo <= b.order <= hi for lo, hi in ranges) and (b.link_chars < b.chars or b.heading)
    ]
    if kept and not any(b.heading == 1 for b in kept):
        titles = [
            b
            for b in page.blocks
            if b.heading == 1 and b.link_chars < b.chars and b.order < kept[0].order
        ]
        kept = titles[:1] + kept
    return kept
