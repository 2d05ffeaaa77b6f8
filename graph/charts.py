"""Small SVG charts for the overview page: bars, stacked bars and columns, written by hand
so the bytes depend on the data alone (no plotting library, fonts or hash salts)."""

from __future__ import annotations

import html
import math
from dataclasses import dataclass

from argkg.graph.style import truncate


def _e(text) -> str:
    return html.escape(str(text), quote=True)


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    colour: str
    note: str = ""  # after the value, e.g. "in 5 posts"


@dataclass(frozen=True)
class Segment:
    label: str
    value: int
    colour: str


WIDTH = 640
LABEL_WIDTH = 210  # the left column of bar labels
LABEL_CHARS = 28  # what fits in it at 12px, even in wide letters
BAR_AREA = 330  # room for the longest bar; its value and note follow it
ROW = 24
MAX_AXIS_LABELS = 7


def _svg(height: int, title: str, body: str) -> str:
    return (f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" '
            f'height="{height}" role="img" aria-label="{_e(title)}"><title>{_e(title)}</title>'
            f"{body}</svg>")


def bar_chart(bars: list[Bar], title: str) -> str:
    """One horizontal bar a row: label, bar, value and note."""
    top = max(bar.value for bar in bars) or 1
    rows = []
    for i, bar in enumerate(bars):
        y, width = i * ROW, BAR_AREA * bar.value / top
        note = f" · {bar.note}" if bar.note else ""
        rows.append(
            f"<g><title>{_e(bar.label)}: {bar.value}{_e(note)}</title>"
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 16}" text-anchor="end">'
            f"{_e(truncate(bar.label, LABEL_CHARS))}</text>"
            f'<rect x="{LABEL_WIDTH}" y="{y + 5}" width="{width:.1f}" height="14" '
            f'fill="{bar.colour}"/><text x="{LABEL_WIDTH + width + 6:.1f}" y="{y + 16}">'
            f'{bar.value}<tspan class="note">{_e(note)}</tspan></text></g>')
    return _svg(len(bars) * ROW + 4, title, "".join(rows))


def stacked_chart(rows: list[tuple[str, list[Segment]]], title: str) -> str:
    """One bar a row, cut into coloured segments; a legend above."""
    legend = "".join(
        f'<rect x="{LABEL_WIDTH + 120 * i}" y="4" width="12" height="12" fill="{s.colour}"/>'
        f'<text x="{LABEL_WIDTH + 120 * i + 17}" y="15">{_e(s.label)}</text>'
        for i, s in enumerate(rows[0][1]))
    top = max(sum(s.value for s in segments) for _, segments in rows) or 1
    bars = "".join(_stacked_row(label, segments, 26 + i * ROW, top)
                   for i, (label, segments) in enumerate(rows))
    return _svg(26 + len(rows) * ROW + 4, title, legend + bars)


def _stacked_row(label: str, segments: list[Segment], y: int, top: int) -> str:
    parts = [f'<text x="{LABEL_WIDTH - 8}" y="{y + 16}" text-anchor="end">{_e(label)}</text>']
    x = float(LABEL_WIDTH)
    for s in segments:
        width = BAR_AREA * s.value / top
        # The count inside the segment where it fits; the tooltip has it anyway.
        inside = (f'<text class="inside" x="{x + width / 2:.1f}" y="{y + 16}" '
                  f'text-anchor="middle">{s.value}</text>' if width >= 24 else "")
        parts.append(f"<g><title>{_e(label)}, {_e(s.label)}: {s.value}</title>"
                     f'<rect x="{x:.1f}" y="{y + 4}" width="{width:.1f}" height="16" '
                     f'fill="{s.colour}"/>{inside}</g>')
        x += width
    parts.append(f'<text x="{x + 6:.1f}" y="{y + 16}">{sum(s.value for s in segments)}</text>')
    return "".join(parts)


def column_chart(columns: list[tuple[str, int]], colour: str, title: str) -> str:
    """Vertical columns along an axis (time, depth); as many axis labels as fit."""
    left, right, top_margin, plot_height = 44, 40, 16, 150
    slot = (WIDTH - left - right) / len(columns)
    width = min(max(1.0, slot * 0.8), 40.0)  # a few columns stay columns, not blocks
    top = max(value for _, value in columns) or 1
    base = top_margin + plot_height
    every = math.ceil(len(columns) / MAX_AXIS_LABELS)
    parts = [f'<line x1="{left}" y1="{base}" x2="{WIDTH - right}" y2="{base}" class="axis"/>',
             f'<text x="{left - 6}" y="{top_margin + 4}" text-anchor="end">{top}</text>',
             f'<text x="{left - 6}" y="{base}" text-anchor="end">0</text>']
    for i, (label, value) in enumerate(columns):
        centre = left + (i + 0.5) * slot
        height = plot_height * value / top
        parts.append(f"<g><title>{_e(label)}: {value}</title>"
                     f'<rect x="{centre - width / 2:.1f}" y="{base - height:.1f}" '
                     f'width="{width:.1f}" height="{height:.1f}" fill="{colour}"/></g>')
        if i % every == 0:
            parts.append(f'<text class="axis-label" x="{centre:.1f}" y="{base + 16}" '
                         f'text-anchor="middle">{_e(label)}</text>')
    return _svg(base + 24, title, "".join(parts))
