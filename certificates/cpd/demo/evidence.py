"""The demo's evidence files: a one-page PDF (WeasyPrint) in the activity's language, with the words its content
gives, as a member would upload a certificate of attendance or a record."""

from __future__ import annotations

from html import escape

from django.utils.translation import get_language_bidi, override
from weasyprint import HTML

from .content import EvidenceSpec

EVIDENCE_STYLE = """
@page { size: A5 landscape; margin: 14mm; }
body { font-family: "DejaVu Sans", sans-serif; color: #1b2a49; }
h1 { font-size: 20pt; margin: 0 0 8mm; border-bottom: 2pt solid #1f4e79; padding-bottom: 3mm; }
p { font-size: 11pt; line-height: 1.5; margin: 0 0 3mm; }
.signed { margin-top: 10mm; font-style: italic; }
"""


def evidence_document(evidence: EvidenceSpec, language: str, words: dict[str, str]) -> bytes:
    """The PDF; `words` fill the content's {placeholders}."""
    with override(language):
        direction = "rtl" if get_language_bidi() else "ltr"
    lines = "".join(f"<p>{escape(line.format(**words))}</p>" for line in evidence.lines)
    signed = f'<p class="signed">{escape(evidence.signed.format(**words))}</p>' if evidence.signed else ""
    document = (f'<!DOCTYPE html><html lang="{language}" dir="{direction}"><head><meta charset="utf-8">'
                f"<title>{escape(evidence.heading)}</title><style>{EVIDENCE_STYLE}</style></head><body>"
                f"<h1>{escape(evidence.heading.format(**words))}</h1>{lines}{signed}</body></html>")
    return HTML(string=document).write_pdf()
