"""Charts drawn on the server as inline SVG: no script, nothing fetched, readable without either.

The site's Content-Security-Policy allows no inline ``style``, so shapes carry SVG presentation
attributes (which CSP does not govern) and class names ``audience.css`` may refine. Every chart
is an image to assistive technology (``role="img"`` labelled by its ``<title>`` and ``<desc>``);
the page puts a table of the same figures beside it. Every text is escaped here, so a title or
an article name with markup in it stays text.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT = 640, 200
LEFT, RIGHT, TOP, BOTTOM = 52, 12, 12, 26  # room for the value axis on the left and dates below
INK, MUTED, GRID, FILL = "#1f2933", "#52606d", "#d9e2ec", "#2f6f9f"
FONT = 'font-family="system-ui, sans-serif" font-size="13"'


@dataclass(frozen=True)
class Chart:
    """What every chart says about itself: an id unique on the page, a title and a one-line summary."""

    id: str
    title: str
    summary: str


def nice_ceiling(value: int) -> int:
    """The smallest of 1, 2, 5 × 10ⁿ at or above ``value``: a scale top that reads well."""
    top = 1
    while True:
        for step in (1, 2, 5):
            if step * top >= value:
                return step * top
        top *= 10


def _open(chart: Chart, kind: str, height: int) -> list[str]:
    ident = escape(chart.id)
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart--{kind}" viewBox="0 0 {WIDTH} {height}" '
        f'role="img" aria-labelledby="{ident}-title {ident}-desc" focusable="false">',
        f'<title id="{ident}-title">{escape(chart.title)}</title>',
        f'<desc id="{ident}-desc">{escape(chart.summary)}</desc>',
    ]


def _value_axis(top: int) -> list[str]:
    """Grid lines at 0, half (when whole) and the top, with their figures."""
    parts = []
    for value in (0, top // 2, top) if top % 2 == 0 else (0, top):  # whole counts: no "2.5"
        y = _y(value, top)
        parts.append(f'<line class="chart__grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
                     f'stroke="{GRID}" stroke-width="1"/>')
        parts.append(f'<text class="chart__axis" x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{MUTED}" '
                     f'{FONT}>{value:,}</text>')
    return parts


def _y(value, top: int) -> float:
    return TOP + (HEIGHT - TOP - BOTTOM) * (1 - value / top)


def _date_axis(labels: list[str]) -> list[str]:
    """The first, middle and last labels under the plot; more would crowd a year's range."""
    if not labels:
        return []
    picks = sorted({0, len(labels) // 2, len(labels) - 1})
    step = (WIDTH - LEFT - RIGHT) / len(labels)
    parts = []
    for index in picks:
        x = LEFT + step * (index + 0.5)
        anchor = "start" if index == 0 and len(labels) > 1 else "end" if index == len(labels) - 1 else "middle"
        parts.append(f'<text class="chart__axis" x="{x:.1f}" y="{HEIGHT - 8}" text-anchor="{anchor}" '
                     f'fill="{MUTED}" {FONT}>{escape(labels[index])}</text>')
    return parts


def bar_chart(chart: Chart, points: list[tuple[str, int]], unit: str) -> SafeString:
    """One bar per point (a day), each with a tooltip saying its label and figure."""
    top = nice_ceiling(max((value for _, value in points), default=0))
    parts = _open(chart, "bar", HEIGHT) + _value_axis(top)
    step = (WIDTH - LEFT - RIGHT) / max(len(points), 1)
    width = max(step * 0.8, 0.5)
    for index, (label, value) in enumerate(points):
        y = _y(value, top)
        parts.append(f'<rect class="chart__bar" x="{LEFT + step * index + (step - width) / 2:.2f}" y="{y:.1f}" '
                     f'width="{width:.2f}" height="{HEIGHT - BOTTOM - y:.1f}" fill="{FILL}">'
                     f'<title>{escape(label)}: {value:,} {escape(unit)}</title></rect>')
    parts += _date_axis([label for label, _ in points])
    return mark_safe("".join(parts) + "</svg>")


def line_chart(chart: Chart, points: list[tuple[str, int]], unit: str) -> SafeString:
    """A line through the points, for a level such as followers, with a dot per point for its tooltip."""
    top = nice_ceiling(max((value for _, value in points), default=0))
    parts = _open(chart, "line", HEIGHT) + _value_axis(top)
    step = (WIDTH - LEFT - RIGHT) / max(len(points), 1)
    spots = [(LEFT + step * (index + 0.5), _y(value, top)) for index, (_, value) in enumerate(points)]
    if spots:
        line = " ".join(f"{x:.1f},{y:.1f}" for x, y in spots)
        parts.append(f'<polyline class="chart__line" points="{line}" fill="none" stroke="{FILL}" stroke-width="2"/>')
    for (x, y), (label, value) in zip(spots, points):
        parts.append(f'<circle class="chart__dot" cx="{x:.1f}" cy="{y:.1f}" r="{2 if len(points) > 60 else 3}" '
                     f'fill="{FILL}"><title>{escape(label)}: {value:,} {escape(unit)}</title></circle>')
    parts += _date_axis([label for label, _ in points])
    return mark_safe("".join(parts) + "</svg>")


def share_chart(chart: Chart, items: list[tuple[str, int]], unit: str) -> SafeString:
    """Horizontal bars, one a row, each named on the left and with its figure and share on the right."""
    row, label_width, figure_width = 24, 130, 110
    height = TOP + row * max(len(items), 1) + 4
    total = sum(value for _, value in items) or 1
    biggest = max((value for _, value in items), default=0) or 1
    span = WIDTH - label_width - figure_width - RIGHT
    parts = _open(chart, "share", height)
    for index, (label, value) in enumerate(items):
        y = TOP + row * index
        length = span * value / biggest
        parts.append(f'<text class="chart__label" x="{label_width - 8}" y="{y + 15}" text-anchor="end" '
                     f'fill="{INK}" {FONT}>{escape(label)}</text>')
        parts.append(f'<rect class="chart__bar" x="{label_width}" y="{y + 4}" width="{length:.1f}" height="{row - 8}" '
                     f'fill="{FILL}"><title>{escape(label)}: {value:,} {escape(unit)}</title></rect>')
        parts.append(f'<text class="chart__figure" x="{label_width + length + 6:.1f}" y="{y + 15}" fill="{MUTED}" '
                     f'{FONT}>{value:,} ({value / total:.0%})</text>')
    return mark_safe("".join(parts) + "</svg>")
