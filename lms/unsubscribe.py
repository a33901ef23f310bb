"""One-click unsubscribe (RFC 8058): the signed link every optional e-mail carries, and reading it back.

The link names a member and a category, signed with the site's secret (django.core.signing, its own salt), so it
cannot be made up or altered and needs no stored token. A mail program POSTs `List-Unsubscribe=One-Click` to it
without cookies, which turns the category off at once; a person opening it gets a page with a button. Nothing is
turned off on GET: link scanners and previews follow every link in an e-mail.

`offer` is what the outbox applies to a categorised letter's message just before sending: the two headers and a
visible unsubscribe line at the end of the text and of any HTML alternative, so it works however the message was
composed (EmailMessage or EmailMultiAlternatives).
"""

from __future__ import annotations

import re
from datetime import timedelta

from django.core import signing
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.core.mail.message import EmailAlternative
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext as _

from . import communication, site_address
from .models import EmailCategory, Member
from .refusal import Refused

SALT = "lms.unsubscribe"
# Long enough for any e-mail still read (the law asks for at least 30 days); a year-old link asks the member to
# sign in and use the preferences page instead.
MAX_AGE = timedelta(days=365)
MAX_TOKEN_LENGTH = 200
ONE_CLICK_FIELD, ONE_CLICK_VALUE = "List-Unsubscribe", "One-Click"
_BODY_END = re.compile(r"</body\s*>", re.IGNORECASE)


def token(member: Member, category: str) -> str:
    if not communication.known(category):
        raise ValueError(f"No e-mail category {category!r}")
    return signing.dumps([member.pk, category], salt=SALT, compress=False)


def url(member: Member, category: str) -> str:
    """The link's public address, built from the site's address so it works wherever the site is served."""
    return site_address.absolute_url(reverse("lms:unsubscribe", args=[token(member, category)]))


def read(value: str) -> tuple[Member, str]:
    """The member and category a link names; Refused (400, or 404 for a member who no longer exists) otherwise."""
    if not value or len(value) > MAX_TOKEN_LENGTH:
        raise Refused(_("This unsubscribe link is not complete. Copy the whole link from the e-mail, or sign in "
                        "and change your e-mail preferences."), 400, back_url=_preferences_path())
    try:
        member_id, category = signing.loads(value, salt=SALT, max_age=MAX_AGE)
    except signing.SignatureExpired:
        raise Refused(_("This unsubscribe link is more than a year old. Sign in and change your e-mail preferences "
                        "instead."), 400, back_url=_preferences_path()) from None
    except (signing.BadSignature, ValueError, TypeError):
        raise Refused(_("This unsubscribe link is not valid: it may have been changed or cut short. Copy the whole "
                        "link from the e-mail, or sign in and change your e-mail preferences."), 400,
                      back_url=_preferences_path()) from None
    if not isinstance(member_id, int) or not isinstance(category, str) or not communication.known(category):
        raise Refused(_("This unsubscribe link is not valid."), 400, back_url=_preferences_path())
    member = Member.objects.filter(pk=member_id, is_active=True).first()
    if member is None:
        raise Refused(_("There is no account for this unsubscribe link any more, so nothing is sent to it."), 404,
                      back_url="/")
    return member, category


def category_label(category: str) -> str:
    return str(EmailCategory(category).label)


def offer(message: EmailMessage, member: Member, category: str) -> None:
    """Add RFC 8058's headers and a visible unsubscribe line, in the member's language, to a message about to go."""
    link, preferences = url(member, category), site_address.absolute_url(_preferences_path())
    message.extra_headers["List-Unsubscribe"] = f"<{link}>"
    message.extra_headers["List-Unsubscribe-Post"] = f"{ONE_CLICK_FIELD}={ONE_CLICK_VALUE}"
    with translation.override(member.interface_language()):
        why = _("You get this e-mail because “%(category)s” is on in your e-mail preferences.") % {
            "category": category_label(category)}
        text = "\n\n-- \n" + "\n".join((
            why, _("Unsubscribe with one click: %(url)s") % {"url": link},
            _("All your e-mail preferences: %(url)s") % {"url": preferences},
        )) + "\n"
        html = format_html('<hr><p>{} <a href="{}">{}</a> · <a href="{}">{}</a></p>', why, link, _("Unsubscribe"),
                           preferences, _("All your e-mail preferences"))
    if message.content_subtype == "html":
        message.body = _append_html(str(message.body), html)
    else:
        message.body = str(message.body).rstrip("\n") + text
    if isinstance(message, EmailMultiAlternatives):
        for index, (content, mimetype) in enumerate(message.alternatives):
            if mimetype == "text/html" and isinstance(content, str):
                message.alternatives[index] = EmailAlternative(_append_html(content, html), mimetype)


def _append_html(document: str, footer: str) -> str:
    """The footer just before </body> when the document has one, else at its end."""
    ends = list(_BODY_END.finditer(document))
    if not ends:
        return document + footer
    cut = ends[-1].start()
    return document[:cut] + footer + document[cut:]


def _preferences_path() -> str:
    return reverse("lms:preferences")
