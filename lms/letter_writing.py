"""Every e-mail the site sends is written here: one source per e-mail, sent as plain text and HTML alternatives.

A package names its templates ("courses/email/completed" → `..._subject.txt` and `..._body.txt`) and gives
the context; `compose` writes the message in the member's language and time zone (dates, times, numbers and
plurals through lms/formatting.py). The body template is rendered twice: with autoescaping off for the plain
text (a title reads "Members' Roundtable", never `Members&#x27; Roundtable`) and on for the HTML, where each
value is escaped exactly once before the paragraphs and links are marked up. So the two alternatives cannot say
different things, and neither is escaped for the other's format.

Extra headers (such as List-Unsubscribe for e-mails a member may turn off) are passed to `compose` and set in
the one place the message is built, `_message`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import Context, Engine
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from . import formatting, site_address
from .models import Member

# An http(s) address in already-escaped text; trailing punctuation belongs to the sentence, not the link.
_LINK = re.compile(r"https?://[^\s<>\"]+")
_TRAILING = ".,;:!?)"

Attachment = tuple[str, str | bytes, str]  # file name, content, MIME type


def _render(name: str, context: Mapping[str, Any], *, autoescape: bool) -> str:
    """A template rendered for one format: HTML-escaped values for HTML, the values as they are for text."""
    template = Engine.get_default().get_template(name)  # the engine's own Template takes a Context and its escaping
    return str(template.render(Context(dict(context), autoescape=autoescape)))


def _link(match: re.Match[str]) -> str:
    address = match.group(0)
    tail = ""
    while address and address[-1] in _TRAILING:
        address, tail = address[:-1], address[-1] + tail
    return f'<a href="{address}">{address}</a>{tail}'


def html_blocks(escaped: str) -> list[SafeString]:
    """The escaped body's paragraphs (blank-line separated) as HTML, addresses linked: a paragraph whose lines start
    with "- " is a list (each such line opens an item, the lines under it continue it), any other a paragraph with
    its line breaks kept. So a text body's dashes read as a list in the HTML alternative, and say the same."""
    blocks = []
    for block in re.split(r"\n\s*\n", escaped.strip()):
        lines = [_LINK.sub(_link, line.strip()) for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        if lines[0].startswith("- "):
            items: list[list[str]] = []
            for line in lines:
                if line.startswith("- "):
                    items.append([line[2:]])
                else:
                    items[-1].append(line)
            html = "<ul>\n" + "".join(f"<li>{'<br>'.join(item)}</li>\n" for item in items) + "</ul>"
        else:
            html = "<p>" + "<br>\n".join(lines) + "</p>"
        blocks.append(mark_safe(html))  # noqa: S308  # values were escaped by the engine
    return blocks


def compose(member: Member, templates: str, context: Mapping[str, Any], *, attachments: Iterable[Attachment] = (),
            headers: Mapping[str, str] | None = None) -> EmailMultiAlternatives:
    """The e-mail to a member from `templates` + "_subject.txt" / "_body.txt", in their language and zone."""
    language = member.interface_language()
    with translation.override(language), timezone.override(formatting.zone_of(member.time_zone)):
        values = {"member": member, **context}
        subject = " ".join(_render(f"{templates}_subject.txt", values, autoescape=False).split())
        text = _render(f"{templates}_body.txt", values, autoescape=False)
        escaped = _render(f"{templates}_body.txt", values, autoescape=True)
        # Mail programs know few logical CSS properties: the letter names its physical start side instead.
        right_to_left = translation.get_language_bidi()
        html = render_to_string("lms/email/letter.html", {
            "language": language, "direction": "rtl" if right_to_left else "ltr",
            "start_side": "right" if right_to_left else "left", "subject": subject, "blocks": html_blocks(escaped),
            "site_name": settings.WAGTAIL_SITE_NAME, "home": site_address.absolute_url("/")})
    return _message(member.email, subject, text, html, attachments, headers)


def _message(to: str, subject: str, text: str, html: str, attachments: Iterable[Attachment],
             headers: Mapping[str, str] | None) -> EmailMultiAlternatives:
    """The one place a message is put together: both alternatives, attachments and any extra headers."""
    message = EmailMultiAlternatives(subject, text, None, [to], headers=dict(headers or {}))
    message.attach_alternative(html, "text/html")
    for name, content, mimetype in attachments:
        message.attach(name, content, mimetype)
    return message
