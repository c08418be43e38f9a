"""The welcome-pack sheet: each delegation's private link as a QR code, one A4 page per delegation.

Each page names the plan and the delegation, says in the language its page opens in (and in English)
what the code opens, and prints the link itself for a phone without a camera.
"""

from __future__ import annotations

from collections.abc import Iterable

from scheduler import Delegation, languages_for, word
from ui.printing import document, text
from ui.qr import qr_svg

STYLE = """
.qr { width: 120mm; height: 120mm; margin: 8mm auto; }
.qr svg { width: 100%; height: 100%; }
h2.delegation { font-size: 24pt; text-align: center; margin-top: 10mm; }
h1 { text-align: center; }
p.invite { font-size: 14pt; text-align: center; margin: 1mm 0; }
p.link { font-family: "DejaVu Sans Mono", monospace; font-size: 8.5pt; text-align: center;
  word-break: break-all; color: #444; margin-top: 6mm; }
"""


def qr_sheets(plan_name: str, links: Iterable[tuple[Delegation, str]]) -> str:
    """The print-ready HTML: for each (delegation, link to its page), a page with its name and QR code."""
    pages = []
    for delegation, link in links:
        languages = list(dict.fromkeys((languages_for(delegation.languages)[0], "en")))
        invite = "".join(
            f'<p class="invite" lang="{text(code)}">{text(word(code, "invite"))}</p>' for code in languages
        )
        pages.append(
            f"<h1>{text(plan_name)}</h1>"
            f'<h2 class="delegation">{text(delegation.name or delegation.id)}</h2>'
            f'{invite}<div class="qr">{qr_svg(link)}</div><p class="link">{text(link)}</p>'
        )
    return document(f"{plan_name}: delegation links", pages, landscape=False, extra_style=STYLE)
