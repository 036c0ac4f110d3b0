"""Server-rendered line charts (inline SVG): no JavaScript, no CDN.

A chart scales to its container (a viewBox and width 100%; the dashboard's
cards are about 170 px wide at 1366 px and on a phone), so its coordinates
are sized for that width: text at 10 units stays about 9 px. Its accessible
name says the figures in words, month by month, for a screen reader.
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

WIDTH, HEIGHT, PAD = 200, 80, 12
BOTTOM = 20  # room for the month labels under the line


def _number(value: float, unit: str) -> str:
    return f"{value:g}{unit}"


def describe(title: str, points: list[tuple[str, float | None]], *, percent: bool = False) -> str:
    """The chart in words: "Placements by month: 2025-12 3; 2026-01 no data; ..."."""
    unit = "%" if percent else ""
    parts = [f"{label} {_('no data') if value is None else _number(value, unit)}" for label, value in points]
    return _("%(title)s by month: %(values)s") % {"title": title, "values": "; ".join(parts)}


def line_svg(points: list[tuple[str, float | None]], *, percent: bool = False, title: str = "") -> str:
    values = [v for _label, v in points if v is not None]
    if not values:
        return ""
    low, high = min(values + [0]), max(values) or 1
    span = (high - low) or 1
    step = (WIDTH - 2 * PAD) / max(len(points) - 1, 1)
    coords = []
    for i, (_label, value) in enumerate(points):
        if value is None:
            continue
        x = PAD + i * step
        y = HEIGHT - BOTTOM - (value - low) * (HEIGHT - PAD - BOTTOM) / span
        coords.append((x, y, value))
    poly = " ".join(f"{x:.1f},{y:.1f}" for x, y, _v in coords)
    last_x, last_y, last_v = coords[-1]
    unit = "%" if percent else ""
    first_label, last_label = escape(points[0][0]), escape(points[-1][0])
    name = escape(describe(title, points, percent=percent))
    dots = "".join(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5"/>' for x, y, _v in coords)
    return mark_safe(  # noqa: S308 (every interpolated value is a number or escaped)
        f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" role="img" aria-label="{name}" class="chart">'
        f"<title>{name}</title>"
        f'<g aria-hidden="true"><polyline fill="none" stroke="#0b5cad" stroke-width="2" points="{poly}"/>{dots}'
        f'<text x="{PAD}" y="{HEIGHT - 1}" font-size="10">{first_label}</text>'
        f'<text x="{WIDTH - PAD}" y="{HEIGHT - 1}" font-size="10" text-anchor="end">{last_label}</text>'
        f'<text x="{last_x:.1f}" y="{max(last_y - 6, 10):.1f}" font-size="10" text-anchor="end">'
        f"{_number(last_v, unit)}</text></g>"
        "</svg>"
    )
