"""Charts as inline SVG, drawn by the server or the CLI: no script, no external font.

Labels name a system CJK font stack, so Chinese renders in any browser that has one."""

from __future__ import annotations

import math
from html import escape

FONT = (
    "system-ui, -apple-system, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', "
    "'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', sans-serif"
)
#: Series colours (colour-blind safe, after Okabe and Ito), then grey for the rest.
COLOURS = ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442",
           "#000000", "#999999", "#bbbbbb"]  # fmt: skip


def _attr(value: object) -> str:
    return escape(str(value))


def _text_width(text: str) -> float:
    """Rough width in pixels of ``text`` at the chart's 11 px font (CJK twice as wide)."""
    return sum(11 if ord(ch) > 0x2E7F else 6.5 for ch in text)


def _labelled(periods: list[str], step: float) -> list[int]:
    """Which periods get a label under their bar: evenly spaced, far enough apart not to
    overlap, always the first, and the last when it has room."""
    if not periods:
        return []
    room = max(_text_width(p) for p in periods) + 10
    every = max(1, math.ceil(room / step))
    chosen = list(range(0, len(periods), every))
    last = len(periods) - 1
    if chosen[-1] != last and (last - chosen[-1]) * step >= room:
        chosen.append(last)
    return chosen


def bar_chart_svg(
    series: dict[str, dict[str, int]],
    *,
    width: int = 720,
    height: int = 180,
    title: str = "",
) -> str:
    """Stacked bars, one per period, one colour per series, with a legend when there
    are several series. ``series`` maps a name to {period: count}, all over the same
    periods (as :class:`indexer.tools.trend.Trend` gives them)."""
    names = list(series)
    periods = list(next(iter(series.values()), {}))
    legend = 18 if len(names) > 1 else 0
    top, bottom, left, right = 8 + legend, 28, 36, 8
    plot_w, plot_h = width - left - right, height - top - bottom
    totals = [sum(series[n][p] for n in names) for p in periods]
    peak = max(totals, default=0) or 1
    step = plot_w / max(len(periods), 1)
    bar_w = max(step * 0.8, 1)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{_attr(title or "timeline")}" '
        f'font-family="{_attr(FONT)}" font-size="11">'
    ]
    if title:
        out.append(f"<title>{escape(title)}</title>")
    out.append(
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" '
        'stroke="#888" stroke-width="1"/>'
    )
    out.append(f'<text x="{left - 4}" y="{top + 10}" text-anchor="end" fill="#555">{peak}</text>')
    out.append(f'<text x="{left - 4}" y="{top + plot_h}" text-anchor="end" fill="#555">0</text>')
    for i, period in enumerate(periods):
        x = left + i * step + (step - bar_w) / 2
        y = top + plot_h
        for k, name in enumerate(names):
            count = series[name][period]
            if not count:
                continue
            h = count / peak * plot_h
            y -= h
            colour = COLOURS[min(k, len(COLOURS) - 1)]
            out.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                f'fill="{colour}"><title>{escape(period)} · {escape(name)}: {count}</title></rect>'
            )
    for i in _labelled(periods, step):
        half = _text_width(periods[i]) / 2
        x = min(max(left + i * step + step / 2, half + 2), width - half - 2)
        out.append(
            f'<text x="{x:.1f}" y="{height - 10}" text-anchor="middle" fill="#555">'
            f"{escape(periods[i])}</text>"
        )
    if legend:
        x = left
        for k, name in enumerate(names):
            colour = COLOURS[min(k, len(COLOURS) - 1)]
            out.append(f'<rect x="{x}" y="4" width="10" height="10" fill="{colour}"/>')
            out.append(f'<text x="{x + 14}" y="13">{escape(name)}</text>')
            x += 24 + 12 * len(name)
    out.append("</svg>")
    return "".join(out)
