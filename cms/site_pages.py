"""The pages every page's footer links to (about, code of conduct and its report form, privacy, accessibility,
contact), written for the association and added under the home page once: pages an editor has since changed or
removed are left as they are (a page is looked up by its slug and never overwritten).

Each page is also translated into every site language that has its words in `site_page_words/<language>.yaml`, the
way an editor translates one: the page's alias in that locale converted into an ordinary page, written in that
language and published through a revision. A translation already made (by an editor, or by an earlier run) is left
as it is, and so is a page an editor has retitled in English (its words are no longer the ones translated here).

`ensure_site_pages()` runs when the demo loads (cms/demo.py); a production site runs it once with
`manage.py add_site_pages` (cms/management/commands/add_site_pages.py)."""

from __future__ import annotations

import functools
import uuid
from email.utils import parseaddr
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.db import transaction
from django.utils.html import escape
from wagtail.models import Locale, Page

from .locale_trees import ensure_locales, translate_alias
from .site_setup import ensure_home_page

CONDUCT_ADDRESS = "conduct@vsmc.example.org"
CONTACT_ADDRESS = "hello@vsmc.example.org"
PRIVACY_ADDRESS = "privacy@vsmc.example.org"
ACCESSIBILITY_ADDRESS = "accessibility@vsmc.example.org"


def _mail(address: str) -> str:
    return f'<a href="mailto:{escape(address)}">{escape(address)}</a>'


def _body(*sections: tuple[str | None, list[str]]) -> list[dict]:
    """StreamField data: an optional heading, then its paragraphs (HTML), per section."""
    blocks = []
    for heading, paragraphs in sections:
        if heading:
            blocks.append({"type": "heading", "value": heading, "id": str(uuid.uuid4())})
        blocks.extend({"type": "paragraph", "value": p, "id": str(uuid.uuid4())} for p in paragraphs)
    return blocks


ABOUT = _body(
    (None, [
        "<p>The Value Stream Management Consortium (VSMC) is the professional body for people who make work flow: "
        "value stream leads, product and portfolio managers, delivery and platform engineers, coaches and the "
        "researchers who study them. We are a not-for-profit membership association, run by our members and "
        "independent of any tool vendor or consultancy.</p>",
    ]),
    ("What we do", [
        "<p>We keep a shared body of knowledge on flow metrics, value stream mapping, lean portfolio management "
        "and the organisational design that lets teams deliver. Members learn all year round: self-paced courses "
        "that earn continuing professional development (CPD) hours, live webinars and hands-on workshops in "
        "several time zones, and a mentoring programme that pairs early-career members with experienced "
        "practitioners.</p>",
        "<p>Our courses are written and reviewed by practising members. Certificates of completion carry a "
        "verification link and an Open Badges credential, so an employer or another professional body can "
        "check them without contacting us.</p>",
    ]),
    ("Membership", [
        "<p>Anyone may create a free account, take the public courses and attend open webinars. Members also get "
        "the members-only courses and worked examples, early enrolment in cohort courses, the mentoring "
        "programme and a vote at the annual general meeting. Reduced fees apply to students, to members in "
        "lower-income economies and to anyone between jobs.</p>",
    ]),
    ("Governance", [
        "<p>A board elected by the members sets our direction; the education committee approves every course "
        "before it is published, and an independent ethics panel oversees the responsible-conduct-of-research "
        "modules. Our annual report and accounts are published each spring.</p>",
    ]),
)

CONDUCT = _body(
    (None, [
        "<p>This code applies wherever the Consortium meets: courses and their discussion spaces, webinars, "
        "workshops, mentoring relationships, conferences and social events, online or in person. It applies to "
        "members, visitors, staff, instructors, speakers and partner organisations alike.</p>",
    ]),
    ("What we expect", [
        "<ul><li>Treat everyone with respect, whatever their role, experience, background or identity.</li>"
        "<li>Disagree with ideas, not people; assume good intent and ask before you judge.</li>"
        "<li>Share credit: say whose work, data or case study you are presenting.</li>"
        "<li>Keep what colleagues share in confidence confidential, including details of their organisations.</li>"
        "<li>Use the mentoring programme for learning, never to sell services or recruit without consent.</li></ul>",
    ]),
    ("What is not acceptable", [
        "<p>Harassment in any form: offensive comments about gender, gender identity, sexual orientation, "
        "disability, age, appearance, race, ethnicity, nationality or religion; sexual language or attention; "
        "intimidation, stalking or following; unwelcome photography or recording; sustained disruption of a "
        "session; and retaliation against anyone who reports a concern.</p>",
    ]),
    ("How to report harassment or another concern", [
        "<p>If you experience or witness behaviour that breaks this code, please tell us, even if you are unsure. "
        "Use the <a href=\"/report-a-concern/\">confidential report form</a> (you may leave your name out) or "
        f"write to the conduct team at {_mail(CONDUCT_ADDRESS)}. Only the two trained members of the conduct team "
        "read reports; if a report concerns one of them, the other handles it with the chair of the board.</p>",
        "<p>In a live session you may also contact the host privately; they can remove someone from the session "
        "at once. If you are in danger, contact local emergency services first.</p>",
    ]),
    ("What happens next", [
        "<p>We acknowledge every report within two working days and agree with you what happens next. Outcomes "
        "range from a conversation to suspension of membership or removal from the instructor or mentor roster. "
        "We never share your identity with the person reported without your consent.</p>",
    ]),
)

PRIVACY = _body(
    (None, [
        "<p>The Consortium is the data controller for the personal data in this learning platform. We collect "
        "only what we need to run your membership and your learning, and we never sell it.</p>",
    ]),
    ("What we keep and why", [
        "<ul><li>Your account: name, e-mail address, time zone and languages, to sign you in and write to you in "
        "your language and at times that suit you.</li>"
        "<li>Your learning record: enrolments, progress, quiz attempts, event registrations and attendance, and "
        "certificates, so you can resume where you left off and prove your CPD.</li>"
        "<li>Optional profile details (career stage, country, demographic answers), used for recommendations and, "
        "only in aggregate, to report on who our programme reaches.</li>"
        "<li>Mentoring requests and meeting logs, visible only to the two people in the mentorship and to the "
        "programme coordinators.</li></ul>",
    ]),
    ("Who can see it", [
        "<p>Staff see what they need to support you. Instructors see enrolment and progress for their own "
        "courses. Partner organisations that co-host an event see the registrations for that event only. "
        "Certificates are public only through the verification link you choose to share.</p>",
    ]),
    ("Your rights", [
        "<p>You can see and correct your profile at any time, ask for a copy of your data, or ask us to delete "
        f"your account. Write to our data protection lead at {_mail(PRIVACY_ADDRESS)}; we answer within one "
        "month. We keep learning records for six years after your last activity so certificates stay "
        "verifiable, then delete them.</p>",
    ]),
)

ACCESSIBILITY = _body(
    (None, [
        "<p>We want everyone who works in value stream management to be able to learn here. This platform aims "
        "to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA.</p>",
    ]),
    ("What we do", [
        "<ul><li>Every page works with a keyboard alone and with screen readers; forms name every field.</li>"
        "<li>Pages reflow down to a 320-pixel-wide screen without scrolling sideways, and text can be enlarged "
        "to 200 percent.</li>"
        "<li>Videos come with a full transcript; images that carry meaning have a text alternative.</li>"
        "<li>Every page is checked automatically for accessibility problems before each release.</li></ul>",
    ]),
    ("Known limitations", [
        "<p>Some older downloadable materials (slides and worksheets) are not yet fully tagged for screen "
        "readers; ask us and we will send an accessible version within five working days.</p>",
    ]),
    ("Tell us about a barrier", [
        f"<p>If something on this site stops you, write to {_mail(ACCESSIBILITY_ADDRESS)} saying which page and "
        "what happened. We reply within five working days. Live workshops can be arranged with captions, a sign "
        "language interpreter or extra breaks: say so when you register.</p>",
    ]),
)

CONTACT = _body(
    (None, [
        f"<p>For membership, courses, certificates and anything else, write to {_mail(CONTACT_ADDRESS)}. The "
        "membership team answers on working days, usually within one day.</p>",
    ]),
    ("Specific questions", [
        f"<ul><li>Harassment or another code of conduct concern: {_mail(CONDUCT_ADDRESS)} or the "
        "<a href=\"/report-a-concern/\">confidential report form</a>.</li>"
        f"<li>Your personal data: {_mail(PRIVACY_ADDRESS)}.</li>"
        f"<li>Accessibility and adjustments for events: {_mail(ACCESSIBILITY_ADDRESS)}.</li></ul>",
    ]),
    ("Post", [
        "<p>Value Stream Management Consortium, Membership Office, 14 Foundry Lane, Leeds LS1 4AB, United "
        "Kingdom.</p>",
    ]),
)

REPORT_INTRO = (
    "<p>Use this form to tell the conduct team about harassment or any other behaviour that breaks our "
    "<a href=\"/code-of-conduct/\">code of conduct</a>. Only the conduct team reads reports. You may leave your "
    "name and address out, but then we cannot reply to you.</p>"
    f"<p>You can also write to {_mail(CONDUCT_ADDRESS)}. If you are in danger, contact local emergency services "
    "first.</p>"
)
REPORT_THANKS = (
    "<p>We acknowledge every report within two working days if you gave us an address. Thank you for helping "
    "keep the Consortium a safe place to learn.</p>"
)
# (label, field type, required, help text)
REPORT_FIELDS = [
    ("What happened?", "multiline", True,
     "Describe what was said or done, by whom if you know, and who else saw it."),
    ("Where and when?", "singleline", False, "For example: the 12 March flow metrics webinar, in the chat."),
    ("Your name", "singleline", False, "Optional."),
    ("Your e-mail address", "email", False, "Optional: only if you would like a reply."),
]

# slug -> (title, page kind, search description); also the footer's order.
PAGES = {
    "about": ("About the Consortium", "standard", "Who we are: the professional body for value stream management."),
    "code-of-conduct": ("Code of conduct", "standard", "How we treat each other, and how to report harassment."),
    "report-a-concern": ("Report a concern", "report", "Tell the conduct team, confidentially."),
    "privacy": ("Privacy notice", "standard", "What personal data we keep, why, and your rights."),
    "accessibility": ("Accessibility statement", "standard", "How this site meets WCAG 2.2 AA, and how to tell us."),
    "contact": ("Contact us", "standard", "How to reach the membership team."),
}
BODIES = {"about": ABOUT, "code-of-conduct": CONDUCT, "privacy": PRIVACY, "accessibility": ACCESSIBILITY,
          "contact": CONTACT}


WORDS_DIR = Path(__file__).parent / "site_page_words"


@transaction.atomic
def ensure_site_pages() -> list:
    """Add each footer page the home page does not yet have (by slug), published and shown in menus, then the
    translations still missing: the pages added or translated by this run, English ones first."""
    from .models import ConductFormField, ConductReportPage, StandardPage

    home = ensure_home_page()
    existing = set(home.get_children().values_list("slug", flat=True))
    added = []
    for slug, (title, kind, description) in PAGES.items():
        if slug in existing:
            continue
        common = {"title": title, "slug": slug, "show_in_menus": True, "search_description": description}
        if kind == "report":
            page = ConductReportPage(
                **common, intro=REPORT_INTRO, thank_you_text=REPORT_THANKS, to_address=CONDUCT_ADDRESS,
                from_address=parseaddr(settings.DEFAULT_FROM_EMAIL)[1], subject="Code of conduct report",
            )
            page.form_fields = [
                ConductFormField(label=label, field_type=field_type, required=required, help_text=help_text,
                                 sort_order=order)
                for order, (label, field_type, required, help_text) in enumerate(REPORT_FIELDS)
            ]
        else:
            page = StandardPage(**common, body=BODIES[slug])
        home.add_child(instance=page)
        page.save_revision().publish()
        added.append(page)
    return added + translate_site_pages(home)


def translate_site_pages(home: Page) -> list:
    """Each footer page still as first written (its English title) translated into each locale that has words for
    it and has no translation of its own yet: the pages translated."""
    originals = [page for page in home.get_children().filter(slug__in=PAGES).specific().order_by("path")
                 if page.title == PAGES[page.slug][0]]
    translated = []
    for locale in ensure_locales():
        words = page_words(locale.language_code)
        if words is None or locale.pk == home.locale_id:
            continue
        in_locale = {page.slug: found for page in originals if (found := _in_locale(page, locale)) is not None}
        links = {slug: page.get_url() or f"/{slug}/" for slug, page in in_locale.items()}
        for slug, page in in_locale.items():
            made = translate_alias(page, functools.partial(_write, words=words[slug], links=links))
            if made is not None:
                translated.append(made)
    return translated


def _in_locale(original: Page, locale: Locale) -> Page | None:
    """The page's version in `locale`: the one there, else an alias made now (with any missing parent); None when
    that locale's home page already has another page at its address (an editor's, say, or the translation of a
    page since deleted), which stays."""
    found = original.get_translation_or_none(locale)
    if found is None:
        home = original.get_parent().get_translation_or_none(locale)
        if home is not None and home.get_children().filter(slug=original.slug).exists():
            return None
        found = original.copy_for_translation(locale, copy_parents=True, alias=True)
    return found.specific


def _write(page: Page, *, words: dict[str, Any], links: dict[str, str]) -> None:
    """One page's words in its language; the report form's fields keep their names (what the stored reports are
    keyed by), only their labels and help texts change."""
    values = {"conduct": _mail(CONDUCT_ADDRESS), "contact": _mail(CONTACT_ADDRESS),
              "privacy": _mail(PRIVACY_ADDRESS), "accessibility": _mail(ACCESSIBILITY_ADDRESS),
              "report_form": escape(links.get("report-a-concern", "/report-a-concern/")),
              "code_of_conduct": escape(links.get("code-of-conduct", "/code-of-conduct/"))}
    page.title, page.search_description = words["title"], words["description"]
    if "fields" in words:
        page.intro = words["intro"].format(**values)
        page.thank_you_text = words["thanks"].format(**values)
        fields = list(page.form_fields.order_by("sort_order"))
        for field, text in zip(fields, words["fields"], strict=True):
            field.label, field.help_text = text["label"], text["help"]
        page.form_fields = fields
    else:
        page.body = _body(*((section.get("heading"), [p.format(**values) for p in section["paragraphs"]])
                            for section in words["body"]))


@functools.cache
def page_words(language: str) -> dict[str, dict[str, Any]] | None:
    """The footer pages' words in `language` (site_page_words/<language>.yaml), or None when it has none. A file
    missing a page or a report field is refused at once, naming what is missing."""
    path = WORDS_DIR / f"{language}.yaml"
    if not path.exists():
        return None
    words = yaml.safe_load(path.read_text(encoding="utf-8"))
    missing = [slug for slug in PAGES if slug not in words]
    if missing:
        raise ValueError(f"{path}: no words for the page(s) {', '.join(missing)}.")
    for slug, (_title, kind, _description) in PAGES.items():
        needed = ("title", "description", *(("intro", "thanks", "fields") if kind == "report" else ("body",)))
        absent = [key for key in needed if not words[slug].get(key)]
        if absent:
            raise ValueError(f"{path}: {slug}: missing {', '.join(absent)}.")
        if kind == "report" and len(words[slug]["fields"]) != len(REPORT_FIELDS):
            raise ValueError(f"{path}: {slug}: give the {len(REPORT_FIELDS)} fields' label and help, in order.")
    return words
