"""SVG drawings made at build time: horizontal bar charts, heatmaps and a trajectory timeline.

Pure functions from numbers and labels to an SVG string; every text is XML-escaped.
Colours come from CSS (currentColor and Material's variables), so both palettes work.
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape

from markupsafe import Markup

ROW = 26
LABEL_W = 230


def _svg(width: int, height: int, label: str, body: list[str], css: str) -> Markup:
    return Markup(
        f'<svg class="kb-chart {css}" role="img" aria-label="{escape(label, {chr(34): "&quot;"})}" '
        f'viewBox="0 0 {width} {height}" width="100%" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(label)}</title>" + "".join(body) + "</svg>"
    )


def _short(label: str, limit: int = 34) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def bar_chart(label: str, bars: Sequence[tuple[str, int]]) -> Markup:
    """One bar per (label, value), longest value scaled to the available width."""
    width, top = 640, max((v for _, v in bars), default=0) or 1
    body = []
    for i, (name, value) in enumerate(bars):
        y = i * ROW
        w = round((width - LABEL_W - 50) * value / top)
        body.append(f'<text x="{LABEL_W - 8}" y="{y + 17}" text-anchor="end" class="kb-chart-label">'
                     f"{escape(_short(name))}</text>")
        body.append(f'<rect x="{LABEL_W}" y="{y + 4}" width="{max(w, 1)}" height="{ROW - 8}" class="kb-bar"/>')
        body.append(f'<text x="{LABEL_W + w + 6}" y="{y + 17}" class="kb-chart-value">{value}</text>')
    return _svg(width, max(len(bars), 1) * ROW, label, body, "kb-bars")


def heatmap(label: str, rows: Sequence[str], cols: Sequence[str], values: Sequence[Sequence[int]]) -> Markup:
    """A grid of cells whose opacity shows the count; the count is written in each cell."""
    cell, head = 56, 120
    top = max((v for row in values for v in row), default=0) or 1
    width, height = LABEL_W + cell * len(cols), head + ROW * len(rows)
    body = []
    for j, col in enumerate(cols):
        x = LABEL_W + j * cell + cell // 2
        body.append(f'<text transform="translate({x},{head - 6}) rotate(-45)" class="kb-chart-label">'
                    f"{escape(_short(col, 22))}</text>")
    for i, row in enumerate(rows):
        y = head + i * ROW
        body.append(f'<text x="{LABEL_W - 8}" y="{y + 17}" text-anchor="end" class="kb-chart-label">'
                    f"{escape(_short(row))}</text>")
        for j, value in enumerate(values[i]):
            x = LABEL_W + j * cell
            opacity = 0.08 + 0.92 * value / top if value else 0
            body.append(f'<rect x="{x + 1}" y="{y + 1}" width="{cell - 2}" height="{ROW - 2}" class="kb-cell" '
                        f'fill-opacity="{opacity:.2f}"/>')
            body.append(f'<text x="{x + cell // 2}" y="{y + 17}" text-anchor="middle" '
                        f'class="kb-chart-value{" kb-on-dark" if value / top > 0.55 else ""}">{value}</text>')
    return _svg(width, height, label, body, "kb-heatmap")


def timeline(label: str, steps: Sequence[tuple[str, int]]) -> Markup:
    """Numbered circles along a line, one per step, with its title and repeat count."""
    gap, width = 90, 640
    height = 40 + gap * len(steps)
    body = [f'<line x1="30" y1="30" x2="30" y2="{height - gap + 30}" class="kb-line"/>'] if steps else []
    for i, (title, count) in enumerate(steps):
        y = 30 + i * gap
        body.append(f'<circle cx="30" cy="{y}" r="16" class="kb-dot"/>')
        body.append(f'<text x="30" y="{y + 5}" text-anchor="middle" class="kb-on-dark">{i + 1}</text>')
        suffix = f" ({count}×)" if count else ""
        body.append(f'<text x="60" y="{y + 5}" class="kb-chart-label">{escape(_short(title, 70) + suffix)}</text>')
    return _svg(width, height, label, body, "kb-timeline")
