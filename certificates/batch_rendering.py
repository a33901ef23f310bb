"""Many certificates of one design laid out in one WeasyPrint pass, then split into one PDF per member.

A WeasyPrint document pays a fixed cost (fonts, the stylesheet) before any layout; a batch pays it once. Each member's
page is cut out of the shared layout and written on its own, with that member's own title and description, so the
PDF holds what a single render of the member holds. Whatever the batch cannot do safely (a member whose checks fail,
a page that overflows, an engine error the batch cannot pin on one member) is left to the single render, which
either produces it or records the reason for staff: the batch never fails a member on its own.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.template import Context
from weasyprint import HTML
from weasyprint.html import get_html_metadata
from weasyprint.pdf.metadata import DocumentMetadata

from . import rendering
from .rendering import CertificateDesign, CertificateFacts, CertificateRenderError

logger = logging.getLogger(__name__)

MAX_MEMBERS = 40  # one layout's pages stay in memory until every member's PDF is written
MAX_PAGES = MAX_MEMBERS + 8  # a few members may overflow (they are then rendered alone); more means the design does
MEMBER_ATTRIBUTE = "data-certificate-batch-member"

_BODY = re.compile(r"<body\b([^>]*)>(.*)</body>", re.DOTALL | re.IGNORECASE)
# What differs between members of one design inside <head>: their own title and description (kept per PDF).
_PER_MEMBER_HEAD = re.compile(r"<title>.*?</title>|<meta\s+name=\"description\"[^>]*>", re.DOTALL | re.IGNORECASE)


@dataclass(frozen=True)
class _Member:
    index: int
    html: str
    frame: str  # the document around the body, without the member's own title and description
    body_attributes: str
    body: str
    image_labels: dict[str, str]


def _member(index: int, design: CertificateDesign, facts: CertificateFacts) -> _Member | None:
    """The member's HTML as the single render's first try makes it, or None when the single render must decide
    (it refuses with the reason staff need)."""
    try:
        rendering._check_facts(facts)
        context = rendering._context(design, facts)
        if rendering.scripts_without_font(rendering._printed_text(context)):
            return None
        template = rendering.TEMPLATE_ENGINE.get_template("certificates/pdf/certificate.html")
        html = template.render(Context({**context, "fit": rendering.FIT_STEPS[0]}))
    except CertificateRenderError:
        return None
    body = _BODY.search(html)
    if body is None:
        return None
    frame = _PER_MEMBER_HEAD.sub("", html[: body.start()]) + html[body.end() :]
    return _Member(index, html, frame, body.group(1), body.group(2), context["image_labels"])


def _metadata_of(html: str) -> DocumentMetadata:
    """The member's own document metadata (title, description, authors, /Lang), read from its <head> alone."""
    body = _BODY.search(html)
    head_only = html[: body.start()] + "<body></body></html>" if body else html
    parsed = HTML(string=head_only, base_url=None, url_fetcher=rendering.DataURIOnlyFetcher())
    return DocumentMetadata(**get_html_metadata(parsed))


def _combined_html(members: Sequence[_Member]) -> str:
    """The first member's document with every member's body inside it, each starting a page."""
    first = members[0].html
    body = _BODY.search(first)
    if body is None:  # never: a member joins a batch only when its body was found (_member)
        raise ValueError("a batched certificate has no <body>")
    page_break = ' style="break-before: page"'
    sections = [
        f'<div {MEMBER_ATTRIBUTE}="{position}"{member.body_attributes}{page_break if position else ""}>'
        f"{member.body}</div>"
        for position, member in enumerate(members)
    ]
    return f"{first[: body.start()]}<body>{''.join(sections)}</body>{first[body.end() :]}"


def _member_on_page(page) -> int | None:
    """Which member's section a laid-out page shows (the first section box found on it)."""
    pending = [page._page_box]
    while pending:
        box = pending.pop(0)
        element = getattr(box, "element", None)
        if element is not None and element.get(MEMBER_ATTRIBUTE) is not None:
            return int(element.get(MEMBER_ATTRIBUTE))
        pending.extend(getattr(box, "children", ()))
    return None


def render_batch(design: CertificateDesign, members: Sequence[CertificateFacts]) -> list[bytes | None]:
    """One PDF per member, in order; None for a member the batch left to the single render.

    Nothing here fails a member: a design the checks refuse leaves every member to the single render, which reports
    the reason; an engine error the batch cannot pin on one member splits the batch in halves until it can."""
    if len(members) > MAX_MEMBERS:
        raise ValueError(f"A batch holds at most {MAX_MEMBERS} certificates, not {len(members)}")
    results: list[bytes | None] = [None] * len(members)
    try:
        rendering._check_design(design)
    except CertificateRenderError:
        return results
    prepared = [member for index, facts in enumerate(members) if (member := _member(index, design, facts))]
    if not prepared:
        return results
    # Members share one stylesheet and root element; any whose differ (another script order...) go alone.
    batch = [member for member in prepared if member.frame == prepared[0].frame]
    pending = [batch]
    while pending:
        group = pending.pop()
        if len(group) < 2:
            continue  # one alone gains nothing here; the single render also tries the compact fits
        written = _lay_out(group)
        if written is None:
            half = len(group) // 2
            pending += [group[:half], group[half:]]
            continue
        for member, pdf in zip(group, written, strict=True):
            results[member.index] = pdf
    return results


def _lay_out(batch: Sequence[_Member]) -> list[bytes | None] | None:
    """Each member's PDF (None where its page overflowed or could not be written), or None when the layout as a
    whole failed or logged an error that names no member."""
    labels = {uri: label for member in batch for uri, label in member.image_labels.items()}
    options = rendering._render_options()
    try:
        with rendering._collected_engine_errors(labels) as engine_errors:
            document = HTML(
                string=_combined_html(batch), base_url=None, url_fetcher=rendering.DataURIOnlyFetcher()
            ).render(**options)
    except Exception:  # noqa: BLE001 - split up, and in the end the single render names the cause
        logger.warning("A certificate batch of %d could not be laid out", len(batch), exc_info=True)
        return None
    if engine_errors.reasons or len(document.pages) > MAX_PAGES:
        return None

    pages_of: dict[int, list] = {}
    for page in document.pages:
        position = _member_on_page(page)
        if position is None:
            return None  # a page nobody owns: do not guess
        pages_of.setdefault(position, []).append(page)

    written: list[bytes | None] = []
    for position, member in enumerate(batch):
        pages = pages_of.get(position, [])
        written.append(_write(document, pages, member, options) if len(pages) == 1 else None)
    return written


def _write_options(options: dict) -> dict:
    """The single render's write options, with its finisher (the name's text layer) when it has one."""
    finisher = getattr(rendering, "name_text_layer", None)
    return {**options, "finisher": finisher} if finisher else options


def _write(document, pages: list, member: _Member, options: dict) -> bytes | None:
    """The member's page as a PDF of its own, with its own metadata; None (single render) if writing fails."""
    single = document.copy(pages)
    single.metadata = _metadata_of(member.html)
    try:
        with rendering._collected_engine_errors(member.image_labels) as write_errors:
            pdf = single.write_pdf(**_write_options(options))
    except Exception:  # noqa: BLE001 - left to the single render, which reports it
        logger.warning("Writing a certificate of a batch failed; it is rendered alone", exc_info=True)
        return None
    return None if write_errors.reasons else pdf
