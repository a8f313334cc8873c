"""SVG drawings made at build time: bar charts, heatmaps, dot matrices and a trajectory timeline.

Pure functions from labels and numbers to an inline ``<svg>`` (as Markup). Every
text is XML-escaped and stripped of characters XML cannot hold, so any data
gives a well-formed drawing. Colours come from CSS classes (kennisbank.css) that
use the theme's variables, so the light and the dark palette both work. Each
drawing has its natural size in pixels; the stylesheet shrinks it to the column
(bar charts and timelines are drawn narrow enough for a phone) or lets it scroll
(heatmaps), and never enlarges it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from markupsafe import Markup

FONT = 13  # px, the drawing's text size; widths below are estimated from it
EM = 0.58  # an average glyph's width in em for the theme's sans-serif fonts (a little generous)
NARROW = 340  # px: bar charts and timelines fit a 390 px phone without shrinking
ID = re.compile(r"^[a-z][a-z0-9-]*$")
# Characters XML 1.0 cannot hold (control characters, surrogates, two non-characters).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(slots=True, frozen=True)
class Step:
    """One step of a trajectory: its title, how many times it happens (0: not said) and its themes."""

    title: str
    count: int = 0
    themes: tuple[str, ...] = ()


def _text(value: str) -> str:
    return escape(_NOT_XML.sub("", value))


def _attr(value: str) -> str:
    return quoteattr(_NOT_XML.sub("", value))


_NARROW_GLYPHS, _WIDE_GLYPHS = set("fijlrt.,;:'!|() "), set("mwMW")


def text_width(value: str, size: int = FONT) -> float:
    """The width in px of ``value`` at ``size`` px in the theme's sans-serif fonts, estimated a little generously
    per glyph (narrow, wide, capital, other), so that a label given this room is not cut off."""
    em = sum(0.38 if c in _NARROW_GLYPHS else 0.95 if c in _WIDE_GLYPHS or c == "…" else 0.76 if c.isupper()
             else 0.65 for c in value)
    return em * size


def fits(size: int = FONT, width: float = NARROW) -> int:
    """How many characters of text at ``size`` px fit in ``width`` px."""
    return max(int(width / (size * EM)), 4)


def shorten(value: str, limit: int) -> str:
    """``value`` cut at a word to at most ``limit`` characters, with an ellipsis when cut."""
    value = " ".join(value.split())
    if len(value) <= limit:
        return value
    cut = value[: limit - 1]
    at_word = cut.rsplit(" ", 1)[0]
    if len(at_word) >= 0.6 * limit:  # cut at a word unless that loses too much
        cut = at_word
    return cut.rstrip(" ,;:.-–") + "…"


def wrap(value: str, limit: int, lines: int) -> list[str]:
    """``value`` in at most ``lines`` lines of at most ``limit`` characters; the last one shortened."""
    words, out, line = value.split(), list[str](), ""
    for i, word in enumerate(words):
        if len(out) == lines - 1:
            out.append(shorten(" ".join(([line] if line else []) + words[i:]), limit))
            return out
        if line and len(line) + 1 + len(word) > limit:
            out.append(shorten(line, limit))
            line = word
        else:
            line = f"{line} {word}" if line else word
    return out + [shorten(line, limit)] if line else out


def _label(x: float, y: float, value: str, css: str = "", anchor: str = "", full: str = "") -> str:
    """One line of text; ``full`` (when different) becomes its tooltip."""
    cls = f' class="{css}"' if css else ""
    end = f' text-anchor="{anchor}"' if anchor else ""
    tip = f"<title>{_text(full)}</title>" if full and full != value else ""
    return f'<text x="{x:g}" y="{y:g}"{cls}{end}>{tip}{_text(value)}</text>'


def link(href: str, spoken: str, body: str) -> str:
    """``body`` as a link to ``href`` (a real link: it works by keyboard and without JavaScript), named ``spoken``;
    without ``href`` just ``body``."""
    if not href:
        return body
    return f'<a href={_attr(href)} aria-label={_attr(spoken)} class="kb-chart-link">{body}</a>'


def instruments(n: int) -> str:
    return f"{n} instrument" if n == 1 else f"{n} instrumenten"


def _frame(ident: str, title: str, width: int, height: int, css: str, body: list[str],
           shrink: float = 0.0, desc: str = "") -> Markup:
    """The ``<svg>`` element; ``shrink``: the least scale it may be shown at (the figure scrolls beyond);
    ``desc``: a longer description, after the title. A drawing with links is a group of them, not an image
    (an image's content is hidden from screen readers, links included)."""
    if not ID.match(ident):
        raise ValueError(f"not a usable SVG id: {ident!r}")
    least = f' style="min-width:{round(width * shrink)}px"' if shrink else ""
    described = f"<desc>{_text(desc)}</desc>" if desc else ""
    role = "group" if any("<a " in part for part in body) else "img"
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{ident}" class="kb-chart {css}" role="{role}" '
        f'aria-label={_attr(title)} viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'font-size="{FONT}"{least}><title>{_text(title)}</title>{described}' + "".join(body) + "</svg>"
    )


def bar_chart(ident: str, title: str, bars: Sequence[tuple[str, int]], top: int = 0,
              hrefs: Sequence[str] = ()) -> Markup:
    """One bar per ``(label, value)``: the label above its bar, the value after it; a bar of ``top`` (default:
    the longest bar) is full width. The self-scan draws the same chart in the browser (zelfscan.js).
    ``hrefs`` (one per bar, "" for none) make each bar with a value, its label and its number a link."""
    row, bar_h, room = 42, 14, 44  # room: for the value after the longest bar
    top = top or max((v for _, v in bars), default=0) or 1
    body = []
    for i, (name, value) in enumerate(bars):
        y = i * row
        shown = shorten(name, fits())
        body.append(_label(2, y + FONT + 2, shown, "kb-chart-label", full=name))  # 2: room for a T's overhang
        w = round((NARROW - room) * value / top)
        parts = [f'<rect x="0" y="{y + FONT + 8}" width="{w}" height="{bar_h}" rx="2" class="kb-fill"/>'] if w else []
        parts.append(_label(w + 6, y + FONT + 8 + bar_h - 2, str(value), "kb-chart-value"))
        href = hrefs[i] if i < len(hrefs) and value else ""
        # The bar and its number are the link; its name starts with the label above it, as a reader sees them.
        body.append(link(href, f"{name}: {instruments(value)}", "".join(parts)))
    return _frame(ident, title, NARROW, max(len(bars), 1) * row, "kb-bars", body)


def _bin(value: int, top: int) -> int:
    """Which of four shades a cell gets: 0 for none, 3 for the highest third."""
    if value <= 0:
        return 0
    return min(3, 1 + (3 * value - 1) // top)


def heatmap(ident: str, title: str, rows: Sequence[str], cols: Sequence[str],
            values: Sequence[Sequence[int]], hrefs: Sequence[Sequence[str]] = ()) -> Markup:
    """A grid with a row per ``rows`` and a column per ``cols``; each cell shaded by, and showing, its count.

    Column names stand upright, so a grid of a few columns fits a phone without shrinking. ``hrefs`` (a row of
    addresses per row) make each cell with instruments a link to them.
    """
    cell_w, cell_h, col_chars = 50, 30, 30
    row_chars = min(max((len(r) for r in rows), default=4), 25)
    label_w = round(max((text_width(shorten(r, row_chars)) for r in rows), default=30)) + 12
    col_names = [shorten(c, col_chars) for c in cols]
    head = round(max((text_width(c) for c in col_names), default=30)) + 12
    top = max((v for line in values for v in line), default=0) or 1
    width, height = label_w + cell_w * len(cols) + 4, head + cell_h * len(rows) + 2
    body = []
    for j, (name, full) in enumerate(zip(col_names, cols)):
        x = label_w + j * cell_w + cell_w // 2 + FONT // 2 - 1
        body.append(f'<text transform="translate({x},{head - 6}) rotate(-90)" class="kb-chart-label">'
                    f"{'<title>' + _text(full) + '</title>' if full != name else ''}{_text(name)}</text>")
    for i, row_name in enumerate(rows):
        y = head + i * cell_h
        body.append(_label(label_w - 8, y + cell_h / 2 + FONT / 2 - 1, shorten(row_name, row_chars),
                           "kb-chart-label", "end", row_name))
        for j, value in enumerate(values[i]):
            x, shade = label_w + j * cell_w, _bin(value, top)
            cell = (f'<rect x="{x + 1}" y="{y + 1}" width="{cell_w - 2}" height="{cell_h - 2}" '
                    f'class="kb-cell kb-shade{shade}"/>' +
                    _label(x + cell_w / 2, y + cell_h / 2 + FONT / 2 - 1, str(value),
                           "kb-on-fill" if shade == 3 else "kb-chart-value", "middle"))
            href = hrefs[i][j] if i < len(hrefs) and j < len(hrefs[i]) and value else ""
            body.append(link(href, f"{row_name} en {cols[j]}: {instruments(value)}", cell))
    return _frame(ident, title, width, height, "kb-heatmap", body, shrink=0.8)


NO, YES, EDITORIAL = 0, 1, 2  # a dot matrix's marks: no link, a link, an editorial link


def dot_matrix(ident: str, title: str, rows: Sequence[str], cols: Sequence[str], marks: Sequence[Sequence[int]],
               totals: Sequence[int] = (), desc: str = "", row_hrefs: Sequence[str] = (),
               total_hrefs: Sequence[str] = ()) -> Markup:
    """A row per ``rows``, a column per ``cols``: a dot where the mark is YES, a ring where it is EDITORIAL.

    Row names wrap to three lines; column names stand upright, as in :func:`heatmap`, so four columns fit a
    phone. ``totals`` (one per column) make a last row; a legend of the two signs closes the drawing.
    ``row_hrefs`` make each dot a link (to its row's page), ``total_hrefs`` each total (to what it counts).
    """
    cell_w, row_chars, line_h, pad = 26, 30, 15, 9
    label_w = round(row_chars * FONT * EM) + 10
    col_names = [shorten(c, 30) for c in cols]
    head = round(max((text_width(c) for c in col_names), default=30)) + 12
    width = max(label_w + cell_w * len(cols) + 4, NARROW)
    body, y = [], head
    for j, (name, full) in enumerate(zip(col_names, cols)):
        x = label_w + j * cell_w + cell_w // 2 + FONT // 2 - 1
        body.append(f'<text transform="translate({x},{head - 6}) rotate(-90)" class="kb-chart-label">'
                    f"{'<title>' + _text(full) + '</title>' if full != name else ''}{_text(name)}</text>")
    for i, (row_name, line) in enumerate(zip(rows, marks)):
        lines = wrap(row_name, row_chars, 3) or [""]
        height = len(lines) * line_h + pad
        if i % 2 == 0:
            body.append(f'<rect x="0" y="{y}" width="{width}" height="{height}" class="kb-stripe"/>')
        for k, text in enumerate(lines):
            full = row_name if k == 0 and " ".join(lines) != " ".join(row_name.split()) else ""
            body.append(_label(label_w - 8, y + pad // 2 + line_h * (k + 1) - 3, text, "kb-chart-label", "end", full))
        middle = y + height / 2
        for j, mark in enumerate(line):
            if mark:
                cx = label_w + j * cell_w + cell_w / 2
                shape = "kb-dot" if mark == YES else "kb-ring"
                said = f"{row_name} – {cols[j]}" + (": redactionele indeling" if mark == EDITORIAL else "")
                dot = (f'<circle cx="{cx:g}" cy="{middle:g}" r="{6 if mark == YES else 5.5}" class="{shape}">'
                       f"<title>{_text(said)}</title></circle>")
                body.append(link(row_hrefs[i] if i < len(row_hrefs) else "", said, dot))
        y += height
    if totals:
        body.append(f'<line x1="0" y1="{y + 1}" x2="{width}" y2="{y + 1}" class="kb-rule"/>')
        body.append(_label(label_w - 8, y + 19, "Aantal", "kb-chart-label kb-strong", "end"))
        body += [link(total_hrefs[j] if j < len(total_hrefs) and n else "", f"{cols[j]}: {instruments(n)}",
                      _label(label_w + j * cell_w + cell_w / 2, y + 19, str(n), "kb-chart-value kb-strong", "middle"))
                 for j, n in enumerate(totals)]
        y += 26
    y += 10
    body.append(f'<circle cx="8" cy="{y + 8}" r="6" class="kb-dot"/>')
    body.append(_label(20, y + 12, "hoort erbij", "kb-chart-label"))
    body.append(f'<circle cx="118" cy="{y + 8}" r="5.5" class="kb-ring"/>')
    body.append(_label(130, y + 12, "redactionele indeling", "kb-chart-label"))
    return _frame(ident, title, width, y + 20, "kb-dots", body, shrink=0.8, desc=desc)


def timeline(ident: str, title: str, steps: Sequence[Step]) -> Markup:
    """The steps top to bottom: a numbered dot on a line, the title (with 'n×'), then its themes."""
    radius, x_text, line_h, small = 13, 40, 17, FONT - 1
    title_chars, theme_chars = fits(FONT + 1, NARROW - x_text), fits(small, NARROW - x_text - 12) - 2
    body, centres, y = [], [], radius + 2
    for n, step in enumerate(steps, start=1):
        head = step.title + (f" ({step.count}×)" if step.count else "")
        lines = [(t, "kb-step-title", 0) for t in wrap(head, title_chars, 3)]
        for theme in step.themes:
            lines += [("– " + t if k == 0 else t, "kb-step-theme", 12 if k else 0)
                      for k, t in enumerate(wrap(theme, theme_chars, 4))]
        centres.append(y)
        body.append(f'<circle cx="{radius + 2}" cy="{y}" r="{radius}" class="kb-fill"/>')
        body.append(_label(radius + 2, y + 5, str(n), "kb-on-fill", "middle"))
        for k, (text, css, indent) in enumerate(lines):
            body.append(_label(x_text + indent, y + 5 + k * line_h, text, css))
        y += max(2 * radius + 14, len(lines) * line_h + 16)
    if len(centres) > 1:
        body.insert(0, f'<line x1="{radius + 2}" y1="{centres[0]}" x2="{radius + 2}" y2="{centres[-1]}" '
                       'class="kb-line"/>')
    return _frame(ident, title, NARROW, max(y - radius, 2 * radius + 4), "kb-timeline", body)
