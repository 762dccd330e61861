"""The dispersion plot as inline SVG (as :mod:`indexer.tools.chart` draws its charts):
one strip per document, a tick at each occurrence's position, and beneath them a
timeline with a tick per day, its height the day's count."""

from __future__ import annotations

from datetime import date
from html import escape
from typing import Any

from .chart import COLOURS, FONT, _attr, _text_width

ROW, GAP, LABEL, TIMELINE = 22, 6, 150, 70


def _clipped(text: str, room: float) -> str:
    while text and _text_width(text) > room:
        text = text[:-2] + "…" if len(text) > 2 else ""
    return text


def _day(text: str) -> date:
    """The first day of a date written YYYY, YYYY-MM or YYYY-MM-DD."""
    return date.fromisoformat((text[:10] + "-01-01"[len(text[:10]) - 4 :])[:10])


def dispersion_svg(result: Any, *, width: int = 720) -> str:
    """Strips per document and a timeline of :class:`indexer.tools.dispersion.Dispersion`."""
    docs = result.documents
    plot_w = width - LABEL - 12
    height = 8 + len(docs) * (ROW + GAP) + (TIMELINE + 24 if result.by_date else 0)
    title = f"{result.node}: {result.total} occurrences"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{_attr(title)}" '
        f'font-family="{_attr(FONT)}" font-size="11">',
        f"<title>{escape(title)}</title>",
    ]
    y = 8
    for doc in docs:
        out += _strip(doc, y, plot_w)
        y += ROW + GAP
    if result.by_date:
        out += _timeline(result.by_date, y, plot_w)
    out.append("</svg>")
    return "".join(out)


def _strip(doc: Any, y: int, plot_w: int) -> list[str]:
    """One document's strip: its name, and a line at each occurrence."""
    name = _clipped(doc.title or doc.source, LABEL - 12)
    out = [
        f'<g class="strip"><text x="{LABEL - 6}" y="{y + ROW / 2 + 4}" text-anchor="end" '
        f'fill="#333">{escape(name)}<title>{escape(doc.source)}: {len(doc.positions)} '
        f"occurrences in {doc.length} characters</title></text>",
        f'<rect x="{LABEL}" y="{y}" width="{plot_w}" height="{ROW}" fill="#f4f4f4" '
        'stroke="#888" stroke-width="0.5"/>',
    ]
    for position in doc.positions:
        x = LABEL + position / max(doc.length, 1) * plot_w
        out.append(
            f'<line class="hit" x1="{x:.1f}" y1="{y + 2}" x2="{x:.1f}" y2="{y + ROW - 2}" '
            f'stroke="{COLOURS[0]}" stroke-width="1"><title>{position}</title></line>'
        )
    out.append("</g>")
    return out


def _timeline(by_date: dict[str, int], y: int, plot_w: int) -> list[str]:
    """The occurrences by day under the strips, with the first and last day."""
    days = [_day(d) for d in by_date]
    first, last = min(days), max(days)
    span = max((last - first).days, 1)
    peak = max(by_date.values())
    base = y + TIMELINE
    out = [
        f'<text x="{LABEL - 6}" y="{y + TIMELINE / 2}" text-anchor="end" fill="#333">'
        "by date</text>",
        f'<line x1="{LABEL}" y1="{base}" x2="{LABEL + plot_w}" y2="{base}" stroke="#888"/>',
    ]
    for (day, count), when in zip(by_date.items(), days, strict=True):
        x = LABEL + (when - first).days / span * plot_w
        h = count / peak * (TIMELINE - 4)
        out.append(
            f'<rect class="day" x="{x - 1:.1f}" y="{base - h:.1f}" width="2" height="{h:.1f}" '
            f'fill="{COLOURS[0]}"><title>{escape(day)}: {count}</title></rect>'
        )
    for text, anchor, x in (
        (first.isoformat(), "start", LABEL),
        (last.isoformat(), "end", LABEL + plot_w),
    ):
        out.append(
            f'<text x="{x}" y="{base + 16}" text-anchor="{anchor}" fill="#555">{text}</text>'
        )
    return out
