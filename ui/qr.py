"""A link as a QR code, for staff to print on a delegation's welcome letter or show on a screen."""

from __future__ import annotations

import io

import segno


def qr_png(text: str, scale: int = 10) -> bytes:
    """A PNG of `text` as a QR code with medium error correction and the standard quiet zone; at the
    default scale a link of about 80 characters makes about 490 pixels, sharp when printed 4 cm wide."""
    buffer = io.BytesIO()
    segno.make(text, error="m", micro=False).save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()


def qr_svg(text: str) -> str:
    """`text` as a QR code in inline SVG (medium error correction, standard quiet zone), scaled by the
    page it sits in: sharp at any printed size."""
    return str(segno.make(text, error="m", micro=False).svg_inline(scale=1, border=4, omitsize=True))
