"""Charts as inline SVG, drawn by the server or the CLI: no script, no external font.

Labels name a system CJK font stack, so Chinese renders in any browser that has one."""

from __future__ import annotations

import math
from dataclasses import dataclass
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


def ticks(peak: float, most: int = 5) -> list[float]:
    """Round values for the y axis from 0 to at least ``peak``: steps of 1, 2 or 5 times
    a power of ten, at most ``most`` steps (whole numbers for counts of one or more)."""
    if peak <= 0:
        return [0, 1]
    step = 10 ** math.floor(math.log10(peak / most))
    for factor in (1, 2, 5, 10):
        if peak / (step * factor) <= most:
            step *= factor
            break
    if peak >= 1:
        step = max(step, 1)
    count = math.ceil(peak / step - 1e-9)
    return [round(i * step, 10) for i in range(count + 1)]


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def bar_chart_svg(
    series: dict[str, dict[str, int | float]],
    *,
    width: int = 720,
    height: int = 180,
    title: str = "",
    heading: bool = False,
    unit: str = "quotes",
    stacked: bool = True,
) -> str:
    """Bars, one group per period, one colour per series, with a legend when there are
    several series: stacked, or side by side (``stacked=False``, for series that
    overlap, such as several queries). The y axis has round ticks and names ``unit``;
    ``heading`` shows ``title`` above the chart (it is always the accessible name).
    ``series`` maps a name to {period: value}, all over the same periods (as
    :class:`indexer.tools.trend.Trend` gives them)."""
    names = list(series)
    periods = list(next(iter(series.values()), {}))
    legend = 18 if len(names) > 1 else 0
    head = 18 if heading and title else 0
    top, bottom, left, right = 8 + legend + head, 28, 48, 8
    plot = _Plot(left, top, width - left - right, height - top - bottom)
    if stacked:
        peaks = [sum(series[n][p] for n in names) for p in periods]
    else:
        peaks = [max((series[n][p] for n in names), default=0) for p in periods]
    marks = ticks(max(peaks, default=0))
    step = plot.width / max(len(periods), 1)
    out = _opening(width, height, title, head, left)
    out += _y_axis(plot, marks, unit)
    out += _bars(series, periods, plot, marks[-1], step, stacked)
    out += _period_labels(periods, plot, step, width, height)
    if legend:
        out += _legend(names, left, 4 + head)
    out.append("</svg>")
    return "".join(out)


@dataclass(frozen=True)
class _Plot:
    """Where the bars are drawn: the left and top edges, the width and the height."""

    left: float
    top: float
    width: float
    height: float

    @property
    def bottom(self) -> float:
        return self.top + self.height


def _opening(width: int, height: int, title: str, head: int, left: int) -> list[str]:
    """The ``<svg>`` element with its accessible name, and the heading when shown."""
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{_attr(title or "timeline")}" '
        f'font-family="{_attr(FONT)}" font-size="11">'
    ]
    if title:
        out.append(f"<title>{escape(title)}</title>")
    if head:
        out.append(
            f'<text class="chart-title" x="{left}" y="13" font-size="12" font-weight="bold">'
            f"{escape(title)}</text>"
        )
    return out


def _y_axis(plot: _Plot, marks: list[float], unit: str) -> list[str]:
    """The grid lines with their ticks, and the unit along the axis."""
    out = []
    peak = marks[-1]
    for mark in marks:
        y = plot.bottom - mark / peak * plot.height
        out.append(
            f'<line x1="{plot.left}" y1="{y:.1f}" x2="{plot.left + plot.width}" y2="{y:.1f}" '
            f'stroke="{"#888" if mark == 0 else "#e4e4e4"}" stroke-width="1"/>'
        )
        out.append(
            f'<text class="tick" x="{plot.left - 4}" y="{y + 4:.1f}" text-anchor="end" '
            f'fill="#555">{_number(mark)}</text>'
        )
    middle = plot.top + plot.height / 2
    out.append(
        f'<text class="unit" x="11" y="{middle:.1f}" text-anchor="middle" fill="#555" '
        f'transform="rotate(-90 11 {middle:.1f})">{escape(unit)}</text>'
    )
    return out


def _bars(
    series: dict[str, dict[str, int | float]],
    periods: list[str],
    plot: _Plot,
    peak: float,
    step: float,
    stacked: bool,
) -> list[str]:
    """One bar per series and period (none for zero), stacked or side by side."""
    out = []
    names = list(series)
    bar_w = max(step * 0.8, 1)
    width_each = bar_w if stacked else bar_w / max(len(names), 1)
    for i, period in enumerate(periods):
        x = plot.left + i * step + (step - bar_w) / 2
        y = plot.bottom
        for k, name in enumerate(names):
            count = series[name][period]
            if not count:
                continue
            h = count / peak * plot.height
            colour = COLOURS[min(k, len(COLOURS) - 1)]
            if stacked:
                y -= h
                at_x, at_y = x, y
            else:
                at_x, at_y = x + k * width_each, plot.bottom - h
            out.append(
                f'<rect x="{at_x:.1f}" y="{at_y:.1f}" width="{width_each:.1f}" height="{h:.1f}" '
                f'fill="{colour}"><title>{escape(period)} · {escape(name)}: '
                f"{_number(count)}</title></rect>"
            )
    return out


def _period_labels(
    periods: list[str], plot: _Plot, step: float, width: int, height: int
) -> list[str]:
    """The periods under the bars, as many as fit, kept inside the chart."""
    out = []
    for i in _labelled(periods, step):
        half = _text_width(periods[i]) / 2
        x = min(max(plot.left + i * step + step / 2, half + 2), width - half - 2)
        out.append(
            f'<text x="{x:.1f}" y="{height - 10}" text-anchor="middle" fill="#555">'
            f"{escape(periods[i])}</text>"
        )
    return out


def _legend(names: list[str], x: float, y: float) -> list[str]:
    """A colour swatch and the name of each series, in a row."""
    out = []
    for k, name in enumerate(names):
        colour = COLOURS[min(k, len(COLOURS) - 1)]
        out.append(f'<rect x="{x}" y="{y}" width="10" height="10" fill="{colour}"/>')
        out.append(f'<text x="{x + 14}" y="{y + 9}">{escape(name)}</text>')
        x += 24 + _text_width(name)
    return out
