"""Charts of the statistics pages as server-rendered SVG: no JavaScript, no CDN.

Each chart is an `<svg role="img">` with a `<title>` and a `<desc>` that states the figures, and the
page shows the same figures in a table beside it. Every text is escaped here.
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Colours with enough contrast on white and told apart by people with common colour blindness.
PALETTE = ("#1b7837", "#5aae61", "#d6604d", "#762a83", "#2166ac")

BAR_HEIGHT = 22
GAP = 10
LABEL_WIDTH = 230
CHART_WIDTH = 420
LEGEND_HEIGHT = 28


def _short(text: str, limit: int = 34) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def stacked_bars(
    *, chart_id: str, title: str, rows: list[tuple[str, list[int]]], series: list[str]
) -> SafeString:
    """Horizontal stacked bars, one per row; `rows` = [(label, [value per series])]."""
    biggest = max((sum(values) for _, values in rows), default=0) or 1
    height = LEGEND_HEIGHT + len(rows) * (BAR_HEIGHT + GAP) + GAP
    width = LABEL_WIDTH + CHART_WIDTH + 60
    desc = "; ".join(
        f"{label}: " + ", ".join(f"{name} {value}" for name, value in zip(series, values, strict=True))
        for label, values in rows
    )
    parts = [
        f'<svg class="chart" id="{escape(chart_id)}" role="img" aria-labelledby="{escape(chart_id)}-t '
        f'{escape(chart_id)}-d" viewBox="0 0 {width} {height}" width="100%" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{escape(chart_id)}-t">{escape(title)}</title>',
        f'<desc id="{escape(chart_id)}-d">{escape(desc)}</desc>',
    ]
    x = LABEL_WIDTH
    for index, name in enumerate(series):
        colour = PALETTE[index % len(PALETTE)]
        parts.append(f'<rect x="{x}" y="6" width="12" height="12" fill="{colour}"/>')
        parts.append(f'<text x="{x + 16}" y="17" font-size="12">{escape(name)}</text>')
        x += 16 + 8 * len(name) + 16
    y = LEGEND_HEIGHT
    for label, values in rows:
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 15}" font-size="12" text-anchor="end">'
            f"{escape(_short(label))}</text>"
        )
        x = float(LABEL_WIDTH)
        for index, value in enumerate(values):
            if not value:
                continue
            bar = CHART_WIDTH * value / biggest
            parts.append(
                f'<rect x="{x:.1f}" y="{y}" width="{bar:.1f}" height="{BAR_HEIGHT}" '
                f'fill="{PALETTE[index % len(PALETTE)]}"/>'
            )
            x += bar
        parts.append(f'<text x="{x + 6:.1f}" y="{y + 15}" font-size="12">{sum(values)}</text>')
        y += BAR_HEIGHT + GAP
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text above is escaped)
