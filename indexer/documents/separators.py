"""Separator lines that part a document's entries: a page of excerpts where a rule
(``---``, ``————``) follows most attributions, so that each entry stands between two
rules.

There, paragraphs that no attribution closes before the next rule (a poem copied
without its author's line) belong to no quote: glued into the entry after the rule,
they would put someone else's words into its record, silently. They are reported
instead, as paragraphs with no attribution are elsewhere."""

from __future__ import annotations

from .blocks import Block, Closer, Debris, Stray, Text, Uncited
from .classify import Kind

#: Fewest attributions a rule must follow for rules to part the entries.
MIN_RULED = 2


def unattributed_before_rules(blocks: list[Block]) -> list[Block] | None:
    """``blocks`` with the paragraphs that stand before a separator line, closed by no
    attribution, reported; None when the document's rules do not part its entries or
    nothing stands so."""
    closers = [k for k, b in enumerate(blocks) if isinstance(b, (Closer, Uncited))]
    ruled = sum(1 for k in closers if k + 1 < len(blocks) and _rule(blocks[k + 1]))
    if ruled < MIN_RULED or 2 * ruled < len(closers):
        return None
    out = list(blocks)
    pending: list[int] = []
    changed = False
    for k, block in enumerate(blocks):
        if isinstance(block, Text):
            pending.append(k)
        elif isinstance(block, (Closer, Uncited)) or not isinstance(block, Debris):
            pending = []
        elif _rule(block) and pending:
            for at in pending:
                out[at] = Stray(blocks[at].lines, why=_WHY)
            pending, changed = [], True
    return out if changed else None


_WHY = "paragraph closed by no attribution before a separator line"


def _rule(block: Block) -> bool:
    return isinstance(block, Debris) and any(s.kind == Kind.RULE for s in block.lines)
