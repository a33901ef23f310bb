"""The member's name as text in the certificate PDF, in the order it is written, whatever order its glyphs are drawn in.

Shaping draws some scripts out of their written order: in Devanagari the short-i vowel sign (ि) is drawn before
the consonant it follows, so "लिली" is drawn as ि ल ल ी. A PDF says what text a glyph stands for once per glyph
(the font's ToUnicode map), so WeasyPrint can give the consonant ल only one meaning ("लि", from where it first
appears); every later ल then reads "लि" too, and search and screen readers get "लिलिी", a repeated vowel sign.

This module gives each run of the name its own text layer while the glyphs stay as drawn:

- the run's marked content gets /ActualText with the name as written (ISO 32000-1, 14.9.4), which Acrobat (and the
  screen readers reading through it) and poppler's pdftotext read instead of the glyphs;
- for readers that ignore /ActualText (pypdf, among others) and where a glyph's one meaning is wrong for the name,
  the run's glyphs are drawn through character ids of their own (the font's CIDToGIDMap sends each to the glyph it
  replaces, with the same width): in the ToUnicode map the run's first ids stand for the name as written, the others
  for nothing, so glyph-by-glyph extraction also reads the name once and in order.

Right-to-left runs are left as drawn: readers put their glyphs, drawn in visual order, back in reading order
themselves, and would turn a logical /ActualText backwards.

It runs as WeasyPrint's `finisher`, on the PDF objects just before they are written, so it costs no second parse.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pydyf
from weasyprint.formatting_structure import boxes

NAME_CLASS = "recipient"  # the class of the element that prints the member's name (certificate.html)
LAST_CODE = 0xFFFF  # WeasyPrint's fonts are read with Identity-H: two-byte codes, each the character id itself
CMAP_BLOCK = 100
PIECE = 24  # characters: at most 48 UTF-16 units, 192 hex digits
SAME_PLACE = 0.01  # CSS pixels; the text matrix is written with six decimals
_HEX_STRING = re.compile(rb"<([0-9A-Fa-f]*)>")
_BFCHAR = re.compile(rb"<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]*)>")


@dataclass
class _Run:
    """One marked-content sequence of the page: its property list and the text-showing items inside it."""

    properties: pydyf.Dictionary
    shows: list[tuple[int, str]] = field(default_factory=list)  # (index in the stream, font resource name)
    origin: tuple[float, float] | None = None  # where its first text matrix puts the text, in CSS pixels


@dataclass
class _Font:
    """A font as the PDF holds it: what each code reads as (ToUnicode), and the character ids added to it."""

    dictionary: pydyf.Dictionary
    descendant: pydyf.Dictionary
    to_unicode: pydyf.Stream | None
    reads_as: dict[int, str]
    next_code: int
    added: dict[int, tuple[int, str]] = field(default_factory=dict)  # new character id -> (glyph id, text)

    @property
    def recodable(self) -> bool:
        """Whether new character ids can be sent to existing glyphs: a TrueType CID font read with Identity-H."""
        return (
            self.to_unicode is not None
            and self.dictionary.get("Encoding") == "/Identity-H"
            and self.descendant.get("Subtype") == "/CIDFontType2"
            and self.descendant.get("CIDToGIDMap") == "/Identity"
        )


def name_text_layer(document, pdf: pydyf.PDF) -> None:
    """WeasyPrint finisher: give every run of the member's name on every page the text it is written as."""
    fonts: dict[str, _Font] = {}
    for page_number, page in enumerate(document.pages):
        fragments = [(text, origin) for text, origin in _name_fragments(page._page_box) if not _right_to_left(text)]
        if not fragments:
            continue
        page_object = pdf.objects[pdf.pages["Kids"][page_number]]
        items = pdf.objects[_number(page_object["Contents"])].stream
        font_of = _page_fonts(pdf, page_object, fonts)
        for run, text in _match(list(_runs(items)), fragments):
            run.properties["ActualText"] = pydyf.String(text)
            if unicodedata.normalize("NFC", _decoded(run, items, font_of)) != unicodedata.normalize("NFC", text):
                _redraw_with_own_codes(run, text, items, font_of)
    for font in fonts.values():
        if font.added:
            _add_codes(pdf, font)


# ------------------------------------------------------------------------------------------ what the name says


def _name_fragments(page_box) -> Iterator[tuple[str, tuple[float, float]]]:
    """Each text box of the name, in the order it is written: its text and where its baseline starts on the page,
    which is where WeasyPrint's text matrix puts it (draw_text: position_x, position_y + baseline)."""
    pending = [(page_box, False)]
    while pending:
        box, inside = pending.pop()
        element = getattr(box, "element", None)
        inside = inside or (element is not None and NAME_CLASS in (element.get("class") or "").split())
        if isinstance(box, boxes.TextBox) and inside and box.text.strip():
            yield box.text.strip(), (box.position_x, box.position_y + box.baseline)
        pending.extend((child, inside) for child in reversed(getattr(box, "children", ())))


def _right_to_left(text: str) -> bool:
    return any(unicodedata.bidirectional(char) in ("R", "AL") for char in text)


# ------------------------------------------------------------------------------------------ the PDF's objects


def _number(reference) -> int:
    return int(reference.split()[0]) if isinstance(reference, bytes | str) else int(reference)


def _resolve(pdf: pydyf.PDF, value):
    return pdf.objects[_number(value)] if isinstance(value, bytes | str | int) else value


def _page_fonts(pdf: pydyf.PDF, page_object: pydyf.Dictionary, fonts: dict[str, _Font]) -> Callable[[str], _Font]:
    """The page's fonts by resource name, read once per PDF."""
    resources = _resolve(pdf, _resolve(pdf, page_object["Resources"])["Font"])

    def font_of(name: str) -> _Font:
        if name not in fonts:
            dictionary = _resolve(pdf, resources[name])
            to_unicode = _resolve(pdf, dictionary["ToUnicode"]) if "ToUnicode" in dictionary else None
            reads_as = {
                int(code, 16): bytes.fromhex(text.decode()).decode("utf-16-be")
                for item in (to_unicode.stream if to_unicode is not None else ())
                if isinstance(item, bytes)
                for code, text in _BFCHAR.findall(item)
            }
            descendants = dictionary.get("DescendantFonts") or [None]
            fonts[name] = _Font(
                dictionary=dictionary,
                descendant=_resolve(pdf, descendants[0]) if descendants[0] is not None else pydyf.Dictionary(),
                to_unicode=to_unicode,
                reads_as=reads_as,
                next_code=max(reads_as, default=0) + 1,
            )
        return fonts[name]

    return font_of


def _runs(items: list) -> Iterator[_Run]:
    """Each marked-content sequence with an MCID and the text-showing operations (TJ) inside it."""
    run = None
    font = None
    for index, item in enumerate(items):
        if isinstance(item, pydyf.Dictionary) and "MCID" in item:
            run = _Run(item)
        elif isinstance(item, bytes):
            if item.endswith(b" Tm") and run is not None and run.origin is None:
                *_, x, y, _operator = item.split()
                run.origin = (float(x), float(y))
            elif item.endswith(b" Tf"):
                font = item.split()[0][1:].decode()
            elif item.endswith(b"TJ") and run is not None and font is not None:
                run.shows.append((index, font))
            elif item == b"EMC" and run is not None:
                yield run
                run = None


def _codes(item: bytes) -> Iterator[int]:
    for hex_string in _HEX_STRING.findall(item):
        for start in range(0, len(hex_string), 4):
            yield int(hex_string[start : start + 4], 16)


def _decoded(run: _Run, items: list, font_of: Callable[[str], _Font]) -> str:
    """The run's text as a glyph-by-glyph reader gets it from the fonts' ToUnicode maps."""
    return "".join(font_of(font).reads_as.get(code, "") for index, font in run.shows for code in _codes(items[index]))


def _match(runs: list[_Run], fragments: list[tuple[str, tuple[float, float]]]) -> Iterator[tuple[_Run, str]]:
    """Pair each text box of the name with the run drawn where that box starts (its text cannot tell: the font's
    ToUnicode map may read it wrongly, which is the point)."""
    for text, (x, y) in fragments:
        for run in runs:
            if run.shows and run.origin and abs(run.origin[0] - x) < SAME_PLACE and abs(run.origin[1] - y) < SAME_PLACE:
                yield run, text
                break


# ------------------------------------------------------------------------------------------ ids of its own


def _redraw_with_own_codes(run: _Run, text: str, items: list, font_of: Callable[[str], _Font]) -> None:
    """Draw the run's glyphs through new character ids: the first ones stand for `text`, in pieces short enough
    for every reader's ToUnicode parser, the rest for nothing."""
    fonts = {font: font_of(font) for _, font in run.shows}
    for name, font in fonts.items():
        needed = sum(1 for index, shown in run.shows if shown == name for _ in _codes(items[index]))
        if not font.recodable or font.next_code + needed - 1 > LAST_CODE:
            return  # /ActualText alone then carries the name
    glyphs = sum(1 for index, _ in run.shows for _ in _codes(items[index]))
    remaining = list(reversed(_pieces(text, glyphs)))
    for index, name in run.shows:
        items[index] = _HEX_STRING.sub(_recoder(fonts[name], remaining), items[index])


def _pieces(text: str, glyphs: int) -> list[str]:
    """`text` cut into pieces of at most PIECE characters (poppler refuses a ToUnicode entry longer than 256 hex
    digits), never more pieces than there are glyphs to carry them; the last glyph carries whatever is left."""
    pieces = [text[start : start + PIECE] for start in range(0, len(text), PIECE)]
    if len(pieces) > glyphs:
        pieces[glyphs - 1 :] = ["".join(pieces[glyphs - 1 :])]
    return pieces


def _recoder(font: _Font, remaining: list[str]) -> Callable[[re.Match], bytes]:
    """Replaces each code of a hex string by a new character id; the run's first ids take the run's text."""

    def recode(match: re.Match) -> bytes:
        new = []
        for start in range(0, len(match.group(1)), 4):
            code = font.next_code
            font.next_code += 1
            font.added[code] = (int(match.group(1)[start : start + 4], 16), remaining.pop() if remaining else "")
            new.append(f"{code:04x}".encode())
        return b"<" + b"".join(new) + b">"

    return recode


def _add_codes(pdf: pydyf.PDF, font: _Font) -> None:
    """Send each new character id to its glyph (CIDToGIDMap), with the glyph's width (W), reading as its text."""
    to_unicode = font.to_unicode
    if to_unicode is None:  # never: only recodable fonts, which read through a ToUnicode map, get new codes
        return
    highest = max(font.added)
    glyph_of = {**{cid: cid for cid in range(highest + 1)}, **{cid: glyph for cid, (glyph, _) in font.added.items()}}
    cid_to_gid = pydyf.Stream(
        [b"".join(glyph_of[cid].to_bytes(2, "big") for cid in range(highest + 1))], compress=to_unicode.compress
    )
    pdf.add_object(cid_to_gid)
    font.descendant["CIDToGIDMap"] = cid_to_gid.reference

    w_array = font.descendant.setdefault("W", pydyf.Array())
    widths = _widths(w_array)
    for cid, (glyph, _) in sorted(font.added.items()):
        w_array.extend([cid, pydyf.Array([widths.get(glyph, 0)])])

    entries = [
        f"<{cid:04x}> <{text.encode('utf-16-be').hex()}>".encode() for cid, (_, text) in sorted(font.added.items())
    ]
    lines = []
    for start in range(0, len(entries), CMAP_BLOCK):  # a CMap block holds at most 100 entries
        block = entries[start : start + CMAP_BLOCK]
        lines += [f"{len(block)} beginbfchar".encode(), *block, b"endbfchar"]
    end = to_unicode.stream.index(b"endcmap")
    to_unicode.stream[end:end] = lines


def _widths(w_array: list) -> dict[int, float]:
    """Glyph widths from a CID font's W array, as WeasyPrint writes it: a first id, then an array of widths."""
    widths = {}
    for first, run in zip(w_array[::2], w_array[1::2], strict=True):
        for offset, width in enumerate(run):
            widths[int(first) + offset] = width
    return widths
