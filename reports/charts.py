"""Server-rendered line charts (inline SVG): no JavaScript, no CDN."""

from django.utils.html import escape
from django.utils.safestring import mark_safe

WIDTH, HEIGHT, PAD = 320, 90, 18


def line_svg(points: list[tuple[str, float | None]], *, percent: bool = False) -> str:
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
        y = HEIGHT - PAD - (value - low) * (HEIGHT - 2 * PAD) / span
        coords.append((x, y, value))
    poly = " ".join(f"{x:.1f},{y:.1f}" for x, y, _v in coords)
    last_x, last_y, last_v = coords[-1]
    unit = "%" if percent else ""
    first_label, last_label = escape(points[0][0]), escape(points[-1][0])
    dots = "".join(
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5"><title>{v:g}{unit}</title></circle>' for x, y, v in coords
    )
    return mark_safe(  # noqa: S308 (every interpolated value is a number or escaped)
        f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" role="img" class="chart">'
        f'<polyline fill="none" stroke="#0b5cad" stroke-width="2" points="{poly}"/>{dots}'
        f'<text x="{PAD}" y="{HEIGHT - 2}" font-size="10">{first_label}</text>'
        f'<text x="{WIDTH - PAD}" y="{HEIGHT - 2}" font-size="10" text-anchor="end">{last_label}</text>'
        f'<text x="{last_x:.1f}" y="{max(last_y - 6, 10):.1f}" font-size="11" text-anchor="end">{last_v:g}{unit}</text>'
        "</svg>"
    )
