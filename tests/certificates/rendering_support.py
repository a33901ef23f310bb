"""Designs, facts and images for the rendering tests, and readers for what ends up in the PDF."""

from __future__ import annotations

import dataclasses
import io
import re
import unicodedata
from datetime import date
from decimal import Decimal

from PIL import Image, ImageDraw
from pypdf import PdfReader

from certificates.rendering import CertificateDesign, CertificateFacts, ImageData, Signatory


def raster(kind: str = "PNG", size: tuple[int, int] = (240, 90), colour=(31, 78, 121)) -> bytes:
    image = Image.new("RGB", size, "white")
    ImageDraw.Draw(image).line([(10, size[1] - 10), (size[0] // 2, 10), (size[0] - 10, size[1] - 20)], colour, 6)
    out = io.BytesIO()
    image.save(out, kind)
    return out.getvalue()


SVG_LOGO = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60" viewBox="0 0 120 60">'
    b'<circle cx="30" cy="30" r="26" fill="#1f4e79"/><rect x="64" y="14" width="50" height="32" fill="#c8a24a"/>'
    b"</svg>"
)


def design(**changes) -> CertificateDesign:
    base = CertificateDesign(
        title="Certificate of Completion",
        body="has successfully completed {{ achievement }}\nand was awarded {{ cpd_hours }} CPD hours.",
        accent_colour="#1F4E79",
        paper_size="A4",
        orientation="landscape",
        logo=ImageData(SVG_LOGO, "image/svg+xml", "Association logo"),
        signatories=(
            Signatory("María López", "Director of Education", ImageData(raster("PNG"), "image/png")),
            Signatory("James O'Connor", "Chair", ImageData(raster("WEBP"), "image/webp", "J. O'Connor's signature")),
        ),
    )
    return dataclasses.replace(base, **changes)


def facts(**changes) -> CertificateFacts:
    base = CertificateFacts(
        recipient_name="Zoë Ångström-Núñez",
        achievement="Research Ethics Fundamentals",
        issued_on=date(2025, 1, 5),
        expires_on=date(2028, 1, 5),
        cpd_hours=Decimal("1.50"),
        credit_type="Ethics credit",
        verification_code="7K3Q-9F2M-XW4D-8HJT-2BNC",
        verification_url="https://learning.example.org/certificates/verify/7K3Q-9F2M-XW4D-8HJT-2BNC/",
        issuer_name="Example Association",
        language="en",
    )
    return dataclasses.replace(base, **changes)


def read(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def page_text(pdf: bytes) -> str:
    reader = read(pdf)
    assert len(reader.pages) == 1
    return unicodedata.normalize("NFC", reader.pages[0].extract_text())


def without_spaces(text: str) -> str:
    return re.sub(r"\s+", "", text)


def page_fonts(pdf: bytes) -> list[dict]:
    """Each font on the page: its base name and the descriptor that says how (and whether) it is embedded."""
    fonts = []
    for reference in read(pdf).pages[0]["/Resources"]["/Font"].values():
        font = reference.get_object()
        descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        fonts.append({"name": str(font["/BaseFont"]), "descriptor": descendant["/FontDescriptor"].get_object()})
    return fonts


def font_names(pdf: bytes) -> set[str]:
    """Family names of the page's fonts, without subset prefix and separators: "NotoNaskhArabicBold"."""
    return {re.sub(r"[^A-Za-z]", "", font["name"].split("+", 1)[-1]) for font in page_fonts(pdf)}


def structure_elements(pdf: bytes) -> list[dict]:
    """Every element of the tagged structure tree, depth first."""
    found = []

    def walk(node):
        node = node.get_object()
        if hasattr(node, "keys") and "/S" in node:
            found.append(node)
        kids = node.get("/K") if hasattr(node, "get") else None
        if kids is None:
            return
        for kid in kids if isinstance(kids, list) else [kids]:
            kid = kid.get_object() if hasattr(kid, "get_object") else kid
            if hasattr(kid, "keys"):
                walk(kid)

    walk(read(pdf).trailer["/Root"]["/StructTreeRoot"])
    return found
