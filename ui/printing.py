"""Print-ready HTML: one document of A4 pages that any browser prints, one section to a page.

The protocol desk prints from the browser it already has (Ctrl+P, or "Save as PDF"); no PDF library
or fonts to install on the server, and every script a name is written in prints as the browser shows it.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

STYLE = """
@page { size: A4 %(orientation)s; margin: 12mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; color: #111; margin: 0; }
section { break-after: page; page-break-after: always; padding: 0 0 4mm; }
section:last-of-type { break-after: auto; page-break-after: auto; }
h1 { font-size: 11pt; font-weight: normal; color: #555; margin: 0 0 2mm; }
h2 { font-size: 17pt; margin: 0 0 4mm; }
h3 { font-size: 11.5pt; margin: 4mm 0 1.5mm; break-after: avoid; }
table { width: 100%%; border-collapse: collapse; font-size: 9pt; }
th, td { text-align: left; vertical-align: top; padding: 1.2mm 1.8mm; border-bottom: 0.3mm solid #ccc; }
th { font-weight: 600; border-bottom: 0.5mm solid #555; }
tr { break-inside: avoid; }
.time { white-space: nowrap; width: 24mm; }
.swatch { display: inline-block; width: 3mm; height: 3mm; margin-right: 1.5mm; border-radius: 0.6mm;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.muted { color: #666; }
.hint { background: #eef3fb; padding: 3mm; margin-bottom: 4mm; font-size: 10pt; }
@media print { .hint { display: none; } }
"""


def document(title: str, sections: Iterable[str], landscape: bool = True, extra_style: str = "") -> str:
    """The whole document: `sections` are HTML fragments, each printed from the top of a new page."""
    style = STYLE % {"orientation": "landscape" if landscape else "portrait"}
    body = "\n".join(f"<section>{section}</section>" for section in sections)
    hint = '<p class="hint">Print this page (Ctrl+P): each part below starts a new A4 page.</p>'
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f"<style>{style}{extra_style}</style></head><body>{hint}\n{body}\n</body></html>\n"
    )


def text(value: object) -> str:
    """A value as HTML text: empty for nothing, escaped otherwise."""
    if value is None or (isinstance(value, float) and value != value):  # NaN: an empty cell of a frame
        return ""
    return escape(str(value))
