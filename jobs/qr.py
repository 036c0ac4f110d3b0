"""QR codes for the printed notice-board sheet, drawn as inline SVG by segno
(pure Python, no network, no image files to serve)."""

import segno
from django.utils.safestring import mark_safe


def qr_svg(url: str, *, scale: int = 3) -> str:
    """An inline <svg> for `url` (error correction M survives a creased sheet)."""
    qr = segno.make(url, error="m", micro=False)
    return mark_safe(qr.svg_inline(scale=scale, border=2, omitsize=False))  # noqa: S308 - segno output, no user HTML
