"""Builds the demo catalog from its content (`content.py` reads it from `content/`): accounts, topics and
partners, published pages, learners' history, and live events with their sessions, registrations and a campaign.

Everything goes through the APIs an editor or a learner uses (the page tree and revisions; the enrolment,
progress and registration rules), so the demo exercises the real code paths rather than rows inserted behind
their back.
"""

from __future__ import annotations

import copy
import dataclasses
import random
import re
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import capfirst, slugify
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import Collection, Locale, Page
from weasyprint import CSS, HTML

from cms.locale_trees import converted, ensure_locales, publish, sync_locale_trees, translate_alias
from cms.models import Campaign, HomePage, Partner, PartnerContact, Topic
from lms.access import AccessLevel
from lms.demo_content import DemoContentError
from lms.models import MAX_INTERESTS, Member
from lms.original_rows import originals
from lms.roles import INSTRUCTOR

from ..catalog.setup import ensure_catalog, ensure_members_only_collection
from ..events import registration as registration_rules
from ..events.registration_form import RegistrationQuestionsForm
from ..learning import enrolment as enrolment_rules
from ..learning import progress as progress_rules
from ..learning.quiz import quiz_fingerprint
from ..models import (
    CoursePage,
    Enrolment,
    EthicsModulePage,
    EventPage,
    LessonCompletion,
    LessonPage,
    ModulePage,
    Offering,
    QuizAttempt,
    Registration,
    Session,
    WebinarPage,
    WorkshopPage,
)
from .content import (
    Concept,
    DemoContent,
    EventSpec,
    Material,
    OfferingSpec,
    OfferingTranslation,
    PageWords,
    demo_content,
    translated_kits,
)
from .paths import build_paths
from .year import build_year

StepCallback = Callable[[str], None]


def _no_step(label: str) -> None:
    return None


# ---------------------------------------------------------------------------------------------- entry points


def demo_catalog_loaded() -> bool:
    """The demo loads once: its learner account is the marker that it already has."""
    return Member.objects.filter(email=demo_content().marker_email).exists()


def planned_steps(data: DemoContent | None = None) -> int:
    """How many steps `load_demo_catalog` reports, for a progress bar: one per page, account, journey and
    registration."""
    data = data or demo_content()
    pages = sum(1 + len(spec.modules) + sum(len(module.concepts) for module in spec.modules)
                for spec in data.offerings)
    journeys = sum(len(j.completed) + len(j.in_progress) + len(j.attested) for j in data.people.journeys.values())
    registrations = sum(len(r.accounts) for spec in data.events for r in spec.registrations)
    translations = sum(len(t.offerings) + len(t.events) for t in data.translations.values())
    return len(data.accounts) + pages + journeys + len(data.events) + registrations + 2 + translations


@dataclass
class DemoSummary:
    """What was loaded, counted back from the database, for the command to print."""

    offerings: int = 0
    courses: int = 0
    ethics_modules: int = 0
    modules: int = 0
    lessons: int = 0
    optional_lessons: int = 0
    quizzes: int = 0
    videos: int = 0
    topics: int = 0
    partners: int = 0
    enrolments: int = 0
    completed_enrolments: int = 0
    events: int = 0
    workshops: int = 0
    webinars: int = 0
    sessions: int = 0
    upcoming_sessions: int = 0
    registrations: int = 0
    waitlisted: int = 0
    campaign: str = ""
    campaign_offerings: int = 0
    partner_hosts: list[tuple[str, str]] = field(default_factory=list)  # (host e-mail, partner name)
    attendance_sample: str = ""  # where the sample report is, and which session it belongs to
    by_language: dict[str, int] = field(default_factory=dict)
    by_access: dict[str, int] = field(default_factory=dict)
    by_year: dict[int, int] = field(default_factory=dict)
    locales: dict[str, int] = field(default_factory=dict)  # language -> catalog pages in its tree
    translated: dict[str, list[str]] = field(default_factory=dict)  # language -> titles of the translated pages
    logins: list[tuple[str, str]] = field(default_factory=list)
    faculty: list[str] = field(default_factory=list)
    community: list[str] = field(default_factory=list)


def load_demo_catalog(on_step: StepCallback | None = None, today: date | None = None,
                      data: DemoContent | None = None) -> DemoSummary:
    """Build everything in one transaction: a failure part-way leaves the database as it was."""
    data = data or demo_content()
    on_step = on_step or _no_step
    today = today or timezone.localdate()
    with transaction.atomic():
        catalog = ensure_catalog()
        # A locale per site language, with the pages that exist so far (the home page, the catalog): an offering
        # originally written in one of them is then created in its own locale's catalog.
        ensure_locales()
        sync_locale_trees()
        catalog = ensure_catalog()  # again: its rights and review in each language's tree
        accounts = create_accounts(data, today, on_step)
        topics = create_topics(data)
        give_interests(data, accounts, topics)
        partners = create_partners(data)
        link_partner_people(data, partners, accounts)
        campaign = create_campaign(data, today)
        builder = CatalogBuilder(data, catalog, accounts, topics, partners, today, on_step)
        picture_campaign(data, campaign, builder)
        offerings = builder.build_all()
        record_journeys(data, accounts, offerings, today, on_step)
        events = builder.build_events(campaign)
        add_courses_to_campaign(data, campaign, offerings, builder.publisher)
        register_demo_attendees(data, accounts, events, today, on_step)
        build_year(data, offerings, accounts[data.people.marker].password, today, events)
        on_step("A year of members")
        # Every page in every locale's tree (aliases of the originals), then the translations made from them.
        sync_locale_trees()
        on_step("Every page in every language's tree")
        translated = builder.translate_all(offerings, events)
        translate_shared_words(data, topics, partners, campaign)
        build_paths(builder, {**offerings, **events})  # after the translations: a path's steps are originals
        return summarise(data, offerings, builder.videos, events, campaign, translated)


# ---------------------------------------------------------------------------------------------- people


def create_accounts(data: DemoContent, today: date, on_step: StepCallback = _no_step) -> dict[str, Member]:
    """One account per role (and the faculty), each with a verified address so it can sign in at once."""
    # PBKDF2 is slow on purpose; every demo account shares one public password, so hash it once.
    password = make_password(data.password)
    groups = {group.name: group for group in Group.objects.all()}
    accounts: dict[str, Member] = {}
    for spec in data.accounts:
        member = Member(
            email=spec.email,
            first_name=spec.first_name,
            last_name=spec.last_name,
            membership_tier=spec.tier,
            membership_expires_on=today + timedelta(days=spec.expires_in_days)
            if spec.expires_in_days is not None else None,
            career_stage=spec.career_stage,
            country=spec.country,
            time_zone=spec.time_zone,
            preferred_languages=list(spec.languages),
            site_language=spec.site_language,
            is_staff=spec.is_staff,
            is_superuser=spec.is_superuser,
            password=password,
            date_joined=timezone.now() - timedelta(days=spec.joined_days_ago),
        )
        member.full_clean()
        member.save()
        member.groups.set([groups[name] for name in spec.groups])
        EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
        accounts[spec.key] = member
        on_step(f"Account {spec.email}")
    return accounts


def create_topics(data: DemoContent) -> dict[str, Topic]:
    """Topics are shared snippets: reuse any an editor already made with the same slug."""
    return {
        item.slug: originals(Topic.objects.filter(slug=item.slug)).first()
        or Topic.objects.create(slug=item.slug, name=item.name, description=item.description)
        for item in data.topics
    }


def give_interests(data: DemoContent, accounts: dict[str, Member], topics: dict[str, Topic]) -> None:
    """The topics each demo member ticked on their profile, so "My learning" shows recommendations at once."""
    for spec in data.accounts:
        if len(spec.interests) > MAX_INTERESTS:
            raise DemoContentError(f"people.yaml: account {spec.key!r}: at most {MAX_INTERESTS} interests, as on "
                                   "the profile.")
        if spec.interests:
            accounts[spec.key].interests.set([topics[slug] for slug in spec.interests])


def create_partners(data: DemoContent) -> dict[str, Partner]:
    """Partner co-hosts, reused by slug like topics; each made in the locale of the language it is written in."""
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    return {
        item.slug: originals(Partner.objects.filter(slug=item.slug)).first() or Partner.objects.create(
            slug=item.slug, name=item.name, website=item.website, description=item.description,
            locale=locales[item.language],
        )
        for item in data.partners
    }


def link_partner_people(data: DemoContent, partners: dict[str, Partner], accounts: dict[str, Member]) -> None:
    """Give each partner its contacts (unless an editor already listed some) and the host accounts acting for it,
    saved through the snippet's cluster the way the admin's form saves them."""
    hosts_by_partner: dict[str, list[Member]] = {}
    for account_key, partner_slug in data.people.partner_hosts.items():
        hosts_by_partner.setdefault(partner_slug, []).append(accounts[account_key])
    for item in data.partners:
        partner = partners[item.slug]
        if not partner.contacts.exists():
            partner.contacts = [PartnerContact(name=contact.name, role=contact.role, email=contact.email,
                                               phone=contact.phone) for contact in item.contacts]
        partner.hosts.add(*hosts_by_partner.get(item.slug, []))
        partner.save()


def create_campaign(data: DemoContent, today: date) -> Campaign:
    """The themed month, reused by slug: an editor's own campaign of that name is left as they made it."""
    spec = data.campaign
    found = originals(Campaign.objects.filter(slug=spec.slug)).first()
    if found is not None:
        return found
    campaign = Campaign.objects.create(
        slug=spec.slug, name=spec.name, summary=spec.summary, description=spec.description,
        starts_on=today + timedelta(days=spec.starts_in_days), ends_on=today + timedelta(days=spec.ends_in_days),
    )
    campaign.full_clean()
    return campaign


def translate_shared_words(data: DemoContent, topics: dict[str, Topic], partners: dict[str, Partner],
                           campaign: Campaign) -> None:
    """Topics, the campaign and partners' descriptions in each language the content translates them into, made as
    the admin's "Translate" makes them: a copy of the original in that locale, its words then written. A snippet
    that already has a row in that locale (an editor's translation, or an earlier load's) is left as it is."""
    for language, translated in data.translations.items():
        locale = Locale.objects.get(language_code=language)
        words: list[tuple[Topic | Partner | Campaign, dict[str, str]]] = [
            *((topics[item.slug], {"name": item.name, "description": item.description}) for item in translated.topics),
            *((partners[item.slug], {"description": item.description}) for item in translated.partners),
        ]
        if translated.campaign is not None:
            item = translated.campaign
            words.append((campaign, {"name": item.name, "summary": item.summary, "description": item.description}))
        for original, values in words:
            if original.locale_id == locale.pk or original.has_translation(locale):
                continue
            # A partner's host accounts stay on the original alone (they act for it, cms/translated_snippets.py).
            row = original.copy_for_translation(locale, exclude_fields=["hosts"] if isinstance(original, Partner)
                                                else None)
            for name, value in values.items():
                if value:
                    setattr(row, name, value)
            row.full_clean()
            row.save()


def picture_campaign(data: DemoContent, campaign: Campaign, builder: CatalogBuilder) -> None:
    """The campaign's picture (for its landing page and the home page), given only where it has none."""
    picture = data.picture("en", (data.campaign.picture,)) if data.campaign.picture else None
    if campaign.image_id is None and picture is not None:
        campaign.image, campaign.image_alt_text = builder.image(picture[0]), ""
        campaign.save(update_fields=["image", "image_alt_text"])


def add_courses_to_campaign(data: DemoContent, campaign: Campaign, offerings: dict[str, Offering],
                            publisher: Member) -> None:
    """Courses join the campaign the way an editor adds one: a new revision of the page, published."""
    for key in data.campaign.courses:
        page = Offering.objects.get(pk=offerings[key].pk).specific
        page.campaigns.add(campaign)
        page.save_revision(user=publisher).publish(user=publisher)


# ---------------------------------------------------------------------------------------------- text


class Writer:
    """Fills one language's phrases for one offering's case study, fixing contractions ("de el" -> "del")."""

    def __init__(self, data: DemoContent, language: str, scenario: dict[str, str], kind: str):
        self.language = language
        self.phrases = data.text[language].phrases
        self.contractions = data.text[language].contractions
        self.values = {**scenario, "kind": self.phrases["kind"][kind]}

    def fill(self, template: str, **values: object) -> str:
        text = template.format(**{**self.values, **values})
        for pattern, replacement in self.contractions:
            text = re.sub(pattern, replacement, text)
        return text

    def phrase(self, name: str, **values: object) -> str:
        return capfirst(self.fill(self.phrases[name], **values))

    def html(self, name: str, **values: object) -> str:
        """A phrase as escaped text, safe to put inside rich text."""
        return escape(self.phrase(name, **values))


def _block(block_type: str, value: object) -> dict:
    return {"type": block_type, "value": value, "id": str(uuid.uuid4())}


def _same_ids(blocks: list[dict], original) -> list[dict]:
    """A translation's blocks with the original's block ids, position for position (so a quiz or a reflection is
    the same block in every language); the two must have the same blocks in the same order."""
    original = list(original)
    if [block["type"] for block in blocks] != [block["type"] for block in original]:
        raise DemoContentError("A translation's blocks do not follow its original's; it cannot be made.")
    for block, source in zip(blocks, original, strict=True):
        block["id"] = source["id"]
        if block["type"] == "members_only":
            _same_ids(block["value"]["content"], source["value"]["content"])
    return blocks


def _lower_first(text: str) -> str:
    """An action phrase used mid-sentence ("agree one change: counting every kind of work")."""
    return text[:1].lower() + text[1:]


# ---------------------------------------------------------------------------------------------- plans


@dataclass
class LessonPlan:
    title: str
    slug: str
    summary: str
    minutes: int
    is_required: bool
    body: list[dict]
    videos: int  # video blocks: poster and transcript (the demo has no recordings to play)


@dataclass
class ModulePlan:
    title: str
    slug: str
    summary: str
    lessons: list[LessonPlan]


@dataclass(frozen=True)
class Placed:
    """A concept with the topic kit it belongs to: a quiz draws its wrong answers from the same kit."""

    concept: Concept
    topic: str


def concept_index(data: DemoContent) -> dict[tuple[str, str], Placed]:
    """(language, key) -> concept (keys are unique within a language: reading the content checked it)."""
    return {
        (language, concept.key): Placed(concept, topic)
        for language, kits in data.kits.items()
        for topic, concepts in kits.items()
        for concept in concepts
    }


class CatalogBuilder:
    """Turns offering specs into published page trees, the way an instructor writes and staff publish them."""

    def __init__(self, data: DemoContent, catalog: Page, accounts: dict[str, Member], topics: dict[str, Topic],
                 partners: dict[str, Partner], today: date, on_step: StepCallback):
        self.data = data
        self.catalog = catalog
        self.accounts = accounts
        self.topics = topics
        self.partners = partners
        self.today = today
        self.on_step = on_step
        self.publisher = accounts[self.data.people.publisher]
        self.concepts = concept_index(data)
        self.offerings: dict[str, Offering] = {}
        self.videos = 0
        self.images: dict[Path, object] = {}  # picture file -> its Wagtail image, uploaded once
        # The catalog in each locale's tree: an offering goes in its own language's (the English one otherwise).
        self.catalogs = {page.locale.language_code: page for page in
                         Page.objects.filter(translation_key=catalog.translation_key).select_related("locale")}
        self.taken_slugs = {slug for page in self.catalogs.values()
                            for slug in page.get_children().values_list("slug", flat=True)}

    # ------------------------------------------------------------------ building

    def build_all(self) -> dict[str, Offering]:
        for index, spec in enumerate(self.data.offerings):
            self.offerings[spec.key] = self.build_offering(spec, index)
        return self.offerings

    def catalog_fields(self, spec, programme_year: int) -> dict:
        """What every offering's page carries, from a course or an event spec (dates relative to today)."""
        members_days, public_days = spec.opens.members, spec.opens.public
        return {
            "title": spec.title,
            "slug": self._free_slug(spec.key),
            "summary": spec.summary,
            "career_stages": list(spec.stages),
            "level": spec.level,
            "language": spec.language,
            "cpd_hours": Decimal(spec.cpd_hours),
            "cpd_credit_type": spec.credit,
            "access_level": spec.access,
            "members_open_on": self.today + timedelta(days=members_days) if members_days is not None else None,
            "public_open_on": self.today + timedelta(days=public_days) if public_days is not None else None,
            "programme_year": programme_year,
            "edition": spec.edition,
            "featured": spec.featured,
            **self.picture_fields(spec.language, tuple(spec.topics)),
        }

    def picture_fields(self, language: str, topics: tuple[str, ...]) -> dict:
        """The offering's image and its text alternative in the offering's language (none without a topic)."""
        picture = self.data.picture(language, topics)
        if picture is None:
            return {}
        path, alt = picture
        return {"image": self.image(path), "image_alt_text": alt}

    def image(self, path, kind: str = "illustration"):
        """A Wagtail image of one of the demo's pictures, uploaded once however many pages show it."""
        if path not in self.images:
            topic = self.topics.get(path.stem)
            title = f"{topic.name if topic else path.stem}: {kind}"
            name = f"{kind.replace(' ', '-')}-{path.name}"
            with path.open("rb") as stream:
                image = get_image_model()(title=title, file=ImageFile(stream, name=name))
                image.save()
            self.images[path] = image
        return self.images[path]

    def document(self, spec: EventSpec, material: Material) -> int | None:
        """The Wagtail document of a material written for the demo: its HTML printed to a PDF (nothing fetched from
        outside; the demo's stylesheet sets the page), or None for a material that is a link."""
        if not material.document:
            return None
        source = self.data.document(spec.language, material.document)
        html = (f'<!DOCTYPE html><html lang="{spec.language}"><head><meta charset="utf-8">'
                f"<title>{escape(material.title)}</title></head><body>{source.read_text(encoding='utf-8')}</body></html>")
        pdf = HTML(string=html, url_fetcher=_nothing_fetched).write_pdf(
            stylesheets=[CSS(filename=str(self.data.content_dir / "documents.css"))])
        # A members-only material is filed where the document server keeps it from everyone else.
        collection = ensure_members_only_collection() if material.members_only else Collection.get_first_root_node()
        document = get_document_model()(title=material.title, collection=collection)
        document.file.save(f"{source.stem}.pdf", ContentFile(pdf), save=False)
        document.save()
        return document.pk

    def build_offering(self, spec: OfferingSpec, index: int) -> Offering:
        """Write the lessons first (the overview quotes their length), then publish top-down."""
        scenarios = self.data.text[spec.language].scenarios
        scenario = scenarios[spec.scenario if spec.scenario is not None else index % len(scenarios)]
        writer = Writer(self.data, spec.language, scenario, spec.kind)
        rng = random.Random(spec.key)
        modules = self.plan_modules(spec, index, writer, rng)
        author = self.accounts[spec.instructors[0]] if spec.instructors else self.publisher

        page_class = EthicsModulePage if spec.kind == "ethics" else CoursePage
        page = page_class(
            **self.catalog_fields(spec, spec.year), overview=self.plan_overview(spec, index, writer, modules)
        )
        if spec.kind == "ethics":
            page.rcr_minutes = spec.rcr_minutes
            page.attestation_statement = spec.attestation
        elif spec.orientation:
            page.is_orientation = True
        page.topics.set([self.topics[slug] for slug in spec.topics])
        page.co_hosts.set([self.partners[spec.partner]] if spec.partner else [])
        page.instructors.set([self.accounts[key] for key in spec.instructors])
        page.prerequisites.set([self.offerings[key] for key in spec.prerequisites])
        publish_new_page(self.catalog_in(spec.language), page, author, self.publisher)
        self.on_step(spec.title)

        for module_plan in modules:
            module = publish_new_page(
                page, ModulePage(title=module_plan.title, slug=module_plan.slug, summary=module_plan.summary),
                author, self.publisher,
            )
            self.on_step(f"{spec.title} · {module_plan.title}")
            for lesson_plan in module_plan.lessons:
                self.videos += lesson_plan.videos
                publish_new_page(
                    module,
                    LessonPage(
                        title=lesson_plan.title,
                        slug=lesson_plan.slug,
                        summary=lesson_plan.summary,
                        estimated_minutes=lesson_plan.minutes,
                        is_required=lesson_plan.is_required,
                        body=lesson_plan.body,
                    ),
                    author, self.publisher,
                )
                self.on_step(f"{spec.title} · {lesson_plan.title}")
        return page

    def build_events(self, campaign: Campaign) -> dict[str, EventPage]:
        return {spec.key: self.build_event(spec, campaign) for spec in self.data.events}

    def build_event(self, spec: EventSpec, campaign: Campaign) -> EventPage:
        """An event page with its sessions as an author saves it from the admin: the sessions belong to the page
        (its cluster), so they are in the revision that is published, and publishing keeps the same rows."""
        sessions = [
            Session(
                title=session.title,
                date=self.today + timedelta(days=session.days),
                start_time=session.start,
                end_time=session.end,
                time_zone=session.time_zone,
                capacity=session.capacity,
                joining_url=session.joining_url,
                venue=session.venue,
                sort_order=order,
            )
            for order, session in enumerate(spec.sessions)
        ]
        page_class = WebinarPage if spec.kind == "webinar" else WorkshopPage
        page = page_class(
            **self.catalog_fields(spec, min(session.date for session in sessions).year),
            overview=[_block("rich_text", f"<p>{escape(spec.about)}</p>")],
            registration_closes_minutes_before=spec.closes_minutes_before,
            has_waitlist=spec.has_waitlist,
            speakers=[_block("speaker", {"name": speaker.name, "affiliation": speaker.affiliation, "bio": speaker.bio,
                                         "photo": None, "profile_url": speaker.profile_url})
                      for speaker in spec.speakers],
            registration_questions=[
                _block("question", {"label": q.label, "help_text": q.help_text, "kind": q.kind,
                                    "options": list(q.options), "required": q.required})
                for q in spec.questions
            ],
            materials=[_block("material", {"document": self.document(spec, material), "title": material.title,
                                           "kind": material.kind, "link": material.link,
                                           "members_only": material.members_only})
                       for material in spec.materials],
        )
        for session in sessions:
            session.event = page
            session.full_clean(exclude=["event", "starts_at", "ends_at"])
        page.sessions = sessions
        page.topics.set([self.topics[slug] for slug in spec.topics])
        page.co_hosts.set([self.partners[slug] for slug in spec.partners])
        page.instructors.set([self.accounts[key] for key in spec.instructors])
        page.campaigns.set([campaign] if spec.in_campaign else [])
        author = self.accounts[spec.instructors[0]] if spec.instructors else self.publisher
        publish_new_page(self.catalog_in(spec.language), page, author, self.publisher)
        self.on_step(spec.title)
        return page

    def catalog_in(self, language: str) -> Page:
        return self.catalogs.get(language, self.catalog)

    def _free_slug(self, slug: str) -> str:
        """Editors may already have a page with this slug; never collide with it."""
        candidate, n = slug, 2
        while candidate in self.taken_slugs:
            candidate, n = f"{slug}-{n}", n + 1
        self.taken_slugs.add(candidate)
        return candidate

    # ------------------------------------------------------------------ translating

    def translate_all(self, offerings: dict[str, Offering], events: dict[str, EventPage]) -> dict[str, list[Page]]:
        """Each translation the content gives, made as an editor makes one: the alias in the language's tree
        converted into an ordinary page, written in that language, and published through a revision."""
        index = {spec.key: n for n, spec in enumerate(self.data.offerings)}
        offering_specs = {spec.key: spec for spec in self.data.offerings}
        event_specs = {spec.key: spec for spec in self.data.events}
        made: dict[str, list[Page]] = {}
        for language, translated in self.data.translations.items():
            locale = Locale.objects.get(language_code=language)
            planner = self.translation_planner(language)
            for words, original in ((translated.home, self.catalog.get_parent()), (translated.catalog, self.catalog)):
                if words is not None:
                    made.setdefault(language, []).append(self.translate_words(original, words, locale))
            for item in translated.offerings:
                spec = offering_specs[item.key]
                made.setdefault(language, []).append(
                    planner.translate_offering(spec, index[spec.key], item, offerings[spec.key], locale))
                self.on_step(f"{spec.title} in {language}")
            for item in translated.events:
                event = event_specs[item.key]
                made.setdefault(language, []).append(
                    planner.translate_event(event, item, events[event.key], locale))
                self.on_step(f"{event.title} in {language}")
        return made

    def translation_planner(self, language: str) -> CatalogBuilder:
        """This builder writing in `language` from the English concepts' translations (same keys, same order),
        so each lesson and quiz is planned exactly as the original's, block for block, in the other language."""
        planner = copy.copy(self)  # shares the uploaded images
        planner.data = dataclasses.replace(self.data, kits={language: translated_kits(self.data, language)})
        planner.concepts = concept_index(planner.data)
        return planner

    def translate_offering(self, spec: OfferingSpec, index: int, item: OfferingTranslation, original: Offering,
                           locale: Locale) -> Page:
        language = locale.language_code
        spec = dataclasses.replace(
            spec, language=language, title=item.title, summary=item.summary,
            modules=tuple(dataclasses.replace(module, title=title)
                          for module, title in zip(spec.modules, item.modules, strict=True)),
        )
        scenarios = self.data.text[language].scenarios
        scenario = scenarios[spec.scenario if spec.scenario is not None else index % len(scenarios)]
        writer = Writer(self.data, language, scenario, spec.kind)
        modules = self.plan_modules(spec, index, writer, random.Random(spec.key))  # the original's seed
        overview = self.plan_overview(spec, index, writer, modules)
        page = self.converted(original.get_translation(locale))
        page.title, page.summary, page.language = spec.title, spec.summary, language
        page.overview = _same_ids(overview, page.overview.raw_data)
        page.image_alt_text = self.picture_alt(language, spec.topics, page.image_alt_text)
        self.publish(page)
        for module, module_plan in zip(ModulePage.objects.child_of(page).order_by("path"), modules, strict=True):
            module = self.converted(module)
            module.title, module.slug, module.summary = module_plan.title, module_plan.slug, module_plan.summary
            self.publish(module)
            lessons = LessonPage.objects.child_of(module).order_by("path")
            for lesson, plan in zip(lessons, module_plan.lessons, strict=True):
                lesson = self.converted(lesson)
                lesson.title, lesson.slug, lesson.summary = plan.title, plan.slug, plan.summary
                lesson.body = _same_ids(plan.body, lesson.body.raw_data)
                self.publish(lesson)
        return page

    def translate_event(self, spec: EventSpec, item: OfferingTranslation, original: EventPage,
                        locale: Locale) -> Page:
        language = locale.language_code
        page = self.converted(original.get_translation(locale))
        page.title, page.summary, page.language = item.title, item.summary, language
        page.overview = _same_ids([_block("rich_text", f"<p>{escape(item.about)}</p>")], page.overview.raw_data)
        page.image_alt_text = self.picture_alt(language, spec.topics, page.image_alt_text)
        self.publish(page)
        return page

    def translate_words(self, original: Page, words: PageWords, locale: Locale) -> Page:
        """The home page or the catalog in `locale`: its title and introduction (rich text on the home page)."""
        def write(page: Page) -> None:
            page.title = words.title
            page.intro = f"<p>{escape(words.intro)}</p>" if isinstance(page, HomePage) else words.intro

        page = original.get_translation(locale).specific
        # An editor's translation (no longer an alias) stays theirs.
        return translate_alias(page, write, self.publisher) or page

    def converted(self, alias: Page) -> Page:
        return converted(alias, self.publisher)

    def publish(self, page: Page) -> None:
        publish(page, self.publisher)

    def picture_alt(self, language: str, topics: tuple[str, ...], fallback: str) -> str:
        picture = self.data.picture(language, topics)
        return picture[1] if picture else fallback

    # ------------------------------------------------------------------ planning (no pages written; an illustration
    # is uploaded the first time a plan needs it)

    def plan_modules(self, spec: OfferingSpec, index: int, writer: Writer,
                     rng: random.Random) -> list[ModulePlan]:
        modules = []
        position = 0  # lesson number across the whole offering: spreads videos evenly
        for m, module in enumerate(spec.modules):
            title = module.title
            placed = [self.concepts[spec.language, key] for key in module.concepts]
            lessons = []
            for n, item in enumerate(placed):
                last = n == len(placed) - 1
                # A middle lesson of a longer module is optional in every other module: a "going further".
                optional = len(placed) >= 3 and n == 1 and (index + m) % 2 == 0
                with_video = (index + position) % 3 == 0
                lessons.append(self.plan_lesson(spec, writer, item, n, with_video, optional,
                                                placed if last else None, rng))
                position += 1
            modules.append(ModulePlan(
                title=title,
                slug=slugify(title) or f"module-{m + 1}",
                summary=writer.phrase("module_summary", lessons="; ".join(lp.title for lp in lessons)),
                lessons=lessons,
            ))
        return modules

    def plan_lesson(self, spec: OfferingSpec, writer: Writer, item: Placed, n: int, with_video: bool,
                    optional: bool, quiz_on: list[Placed] | None, rng: random.Random) -> LessonPlan:
        """One lesson around one concept; block order alternates so consecutive lessons do not feel stamped."""
        c = item.concept
        p = writer.phrases
        key_idea = _block("rich_text", (
            f"<h2>{escape(p['key_idea'])}</h2>"
            f"<p><strong>{escape(capfirst(c.term))}.</strong> {escape(c.definition)}</p>"
            f"<p>{escape(c.why)}</p>"
        ))
        example = _block("callout", {
            "kind": "example",
            "title": p["example_title"],
            "text": f"<p>{escape(capfirst(writer.fill(c.example)))}</p>",
        })
        practice = _block("rich_text", (
            f"<h2>{escape(p['practice_heading'])}</h2>"
            f"<ul><li>{escape(c.practice)}.</li><li>{escape(p['practice_extra'][spec.level])}</li></ul>"
        ))
        pitfall = _block("callout", {
            "kind": "warning",
            "title": p["pitfall_title"],
            "text": f"<p><strong>{escape(c.pitfall)}.</strong> {escape(c.pitfall_why)}</p>",
        })
        reflection = _block("reflection", {
            "prompt": c.prompt,
            "guidance": writer.fill(p["reflection_guidance"][(n + len(spec.key)) % len(p["reflection_guidance"])]),
        })
        video = None
        if with_video:
            video = self.video_block(
                spec, writer.phrase("video_title", lesson=c.lesson),
                f"<p>{escape(c.definition)}</p><p>{escape(c.why)}</p><p>{escape(c.practice)}.</p>",
            )
        members = None
        if spec.access == "member_enhanced" and n % 2 == 0:
            steps = [writer.fill(step, term=c.term, practice=_lower_first(c.practice),
                                 pitfall=_lower_first(c.pitfall))
                     for step in p["members_steps"]]
            members = _block("members_only", {
                "teaser": p["members_teaser"],
                "content": [_block("rich_text", (
                    f"<h3>{escape(p['members_heading'])}</h3><ol>"
                    + "".join(f"<li>{escape(step)}</li>" for step in steps) + "</ol>"
                ))],
            })
        if n % 2 == 0:
            order = [key_idea, video, example, practice, pitfall, members, reflection]
        else:
            order = [key_idea, example, video, pitfall, practice, reflection, members]
        body = [b for b in order if b is not None]
        questions = 0
        if quiz_on:
            quiz = self.plan_quiz(writer, quiz_on, rng)
            questions = len(quiz["value"]["questions"])
            body.append(quiz)
        minutes = 4 + 2 * len(body) + (6 if video else 0) + 2 * questions
        return LessonPlan(
            title=c.lesson,
            slug=slugify(c.lesson) or c.key,
            summary=writer.phrase("lesson_summary", term=c.term),
            minutes=minutes,
            is_required=not optional,
            body=body,
            videos=1 if video else 0,
        )

    def video_block(self, spec: OfferingSpec, title: str, transcript: str) -> dict:
        """A video block as the demo can honestly offer one: no recording exists, so no player; the offering's
        topic's poster (decorative: the title says what it is) and the full transcript."""
        poster = self.image(self.data.poster(spec.topics[0]), "video poster") if spec.topics else None
        return _block("video", {
            "title": title, "video": "", "poster": poster.pk if poster else None, "poster_alt_text": "",
            "transcript": transcript,
        })

    def plan_quiz(self, writer: Writer, placed: list[Placed], rng: random.Random) -> dict:
        """One question per concept (wrong answers are other concepts' definitions) and one on practices."""
        p = writer.phrases
        questions = []
        for item in placed:
            c = item.concept
            kit = [x for x in self.data.kits[writer.language][item.topic] if x.key != c.key and x.group == c.group]
            choices = [{"text": c.definition, "correct": True}]
            choices += [{"text": other.definition, "correct": False} for other in rng.sample(kit, 2)]
            rng.shuffle(choices)
            questions.append({
                "prompt": writer.phrase("q_single", term=c.term),
                "kind": "single",
                "choices": choices,
                "explanation": f"<p><strong>{escape(capfirst(c.term))}.</strong> {escape(c.definition)}</p>",
            })
        concepts = [item.concept for item in placed]
        good = rng.sample(concepts, min(2, len(concepts)))
        bad = rng.sample(concepts, min(2, len(concepts)))
        choices = [{"text": c.practice, "correct": True} for c in good]
        choices += [{"text": c.pitfall, "correct": False} for c in bad]
        rng.shuffle(choices)
        questions.append({
            "prompt": p["q_multiple"],
            "kind": "multiple",
            "choices": choices,
            "explanation": (
                f"<p><strong>{escape(p['expl_recommended'])}:</strong></p><ul>"
                + "".join(f"<li>{escape(c.practice)}.</li>" for c in good)
                + f"</ul><p><strong>{escape(p['expl_pitfalls'])}:</strong></p><ul>"
                + "".join(f"<li>{escape(c.pitfall)}: {escape(c.pitfall_why)}</li>" for c in bad)
                + "</ul>"
            ),
        })
        return _block("quiz", {
            "title": p["quiz_title"],
            "instructions": p["quiz_instructions"],
            "pass_mark": 60 if len(questions) <= 3 else rng.choice([70, 75, 80]),
            "questions": questions,
        })

    def plan_overview(self, spec: OfferingSpec, index: int, writer: Writer,
                      modules: list[ModulePlan]) -> list[dict]:
        p = writer.phrases
        lessons = [lesson for module in modules for lesson in module.lessons]
        firsts = [self.concepts[spec.language, module.concepts[0]].concept for module in spec.modules]
        seconds = [self.concepts[spec.language, module.concepts[1]].concept for module in spec.modules]
        practised = list(dict.fromkeys(firsts + seconds))[:5]
        blocks = [_block("rich_text", (
            f"<p>{writer.html('case_intro')} {escape(p['level_intro'][spec.level])}</p>"
            f"<h2>{escape(p['learn_heading'])}</h2><ul>"
            + "".join(f"<li>{escape(c.practice)}</li>" for c in practised)
            + f"</ul><h2>{escape(p['format_heading'])}</h2><p>"
            + writer.html("format_text", modules=len(modules), lessons=len(lessons),
                          minutes=sum(lesson.minutes for lesson in lessons))
            + " "
            + writer.html("credit_text", hours=spec.cpd_hours, credit=p["credit_labels"][spec.credit])
            + "</p>"
        ))]
        if index % 4 == 0:
            self.videos += 1
            blocks.append(self.video_block(
                spec, writer.phrase("overview_video", title=spec.title),
                f"<p>{escape(spec.summary)}</p><p>{writer.html('case_intro')}</p>",
            ))
        if spec.kind == "ethics":
            blocks.append(_block("callout", {
                "kind": "note", "title": p["rcr_title"],
                "text": f"<p>{writer.html('rcr_text', minutes=spec.rcr_minutes)}</p>",
            }))
        if spec.partner:
            name = self.partners[spec.partner].name
            blocks.append(_block("callout", {
                "kind": "note", "title": writer.phrase("partner_title", partner=name),
                "text": f"<p>{writer.html('partner_text', partner=name)}</p>",
            }))
        if spec.prerequisites:
            # Internal links in Wagtail's stored rich-text form, so they follow the pages if they move.
            links = ", ".join(
                f'<a linktype="page" id="{self.offerings[key].pk}">{escape(self.offerings[key].title)}</a>'
                for key in spec.prerequisites
            )
            blocks.append(_block("callout", {
                "kind": "tip", "title": p["prereq_title"],
                "text": f"<p>{writer.html('prereq_text', titles='@@TITLES@@').replace('@@TITLES@@', links)}</p>",
            }))
        if spec.access == "member_enhanced":
            notes = "".join(
                f"<h3>{escape(capfirst(c.term))}</h3><p>{escape(c.why)}</p>"
                f"<p><em>{escape(p['watch_out'])}:</em> {escape(c.pitfall_why)}</p>"
                for c in practised[:3]
            )
            blocks.append(_block("members_only", {
                "teaser": p["members_overview_teaser"],
                "content": [_block("rich_text", (
                    f"<h2>{escape(p['members_overview_heading'])}</h2>"
                    f"<p>{writer.html('members_overview_intro')}</p>{notes}"
                ))],
            }))
        return blocks


def _nothing_fetched(url: str, *args, **kwargs):
    raise ValueError(f"A demo document refers to {url}; demo documents are self-contained.")


def publish_new_page(parent: Page, page: Page, author: Member, publisher: Member) -> Page:
    """Add a draft under its parent, then publish it through a revision, as the admin's create-and-publish does."""
    page.live = False
    page.owner = author
    parent.add_child(instance=page)
    log(instance=page, action="wagtail.create", user=author)
    page.save_revision(user=author).publish(user=publisher)
    return page


# ---------------------------------------------------------------------------------------------- learners


def record_journeys(data: DemoContent, accounts: dict[str, Member], offerings: dict[str, Offering], today: date,
                    on_step: StepCallback = _no_step) -> None:
    """Give demo learners a history made by the real rules, so dashboards, CPD totals and events are right; then
    date it `days_ago` (the rules write "now"), so the engagement report counts it in its month."""
    for account_key, journey in data.people.journeys.items():
        member = accounts[account_key]
        for key in journey.completed:
            take_offering(member, offerings[key])
            on_step(f"{member.get_full_name()} completes {offerings[key].title}")
        for key in journey.attested:
            take_offering(member, offerings[key], sign=True)
            on_step(f"{member.get_full_name()} completes and signs {offerings[key].title}")
        for key in journey.in_progress:
            take_offering(member, offerings[key], partly=True)
            on_step(f"{member.get_full_name()} starts {offerings[key].title}")
        backdate(member, journey.days_ago, today)


def backdate(member: Member, days_ago: int, today: date) -> None:
    """Move the member's learning so far (enrolments, lessons, quiz attempts) `days_ago` before the loading day."""
    shift = timedelta(days=days_ago + (timezone.localdate() - today).days)
    if not shift:
        return
    for model, fields in ((Enrolment, ("enrolled_at", "completed_at", "last_activity_at")),
                          (LessonCompletion, ("completed_at",)), (QuizAttempt, ("submitted_at",))):
        model.objects.filter(member=member).update(**{name: F(name) - shift for name in fields})


def register_demo_attendees(data: DemoContent, accounts: dict[str, Member], events: dict[str, EventPage], today: date,
                            on_step: StepCallback = _no_step) -> None:
    """Register demo learners through the registration rule, each as of a moment before the session (a few
    hours apart), answering the event's questions through its registration form. Attendance stays unrecorded:
    for the session that ended yesterday it comes from importing the sample report."""
    # The loader's `today` with the current time of day: the moment registrations are counted back from.
    loaded_at = timezone.now() + timedelta(days=(today - timezone.localdate()).days)
    for spec in data.events:
        event = EventPage.objects.get(pk=events[spec.key].pk).specific  # the published page, as a view loads it
        sessions = list(Session.objects.filter(event=event).order_by("sort_order", "pk"))
        for batch in spec.registrations:
            session = sessions[batch.session]
            for turn, account_key in enumerate(batch.accounts):
                member = accounts[account_key]
                moment = loaded_at - timedelta(days=batch.days_ago) + timedelta(hours=3 * turn)
                registration_rules.register(member, session, demo_answers(event, spec, turn), now=moment)
                on_step(f"{member.get_full_name()} registers for {event.title}")


def demo_answers(event: EventPage, spec: EventSpec, turn: int) -> list[dict]:
    """What the registration form stores for a demo registrant: each question's samples (a choice: its options)
    taken in turn, validated by the same form the page shows."""
    by_label = {question.label: question for question in spec.questions}
    form_data: dict[str, str] = {}
    for block in event.registration_questions:
        question = by_label[block.value["label"]]
        samples = question.samples or question.options
        answer = samples[turn % len(samples)] if samples else ""
        if answer:
            form_data[f"q_{block.id}"] = answer
    form = RegistrationQuestionsForm(event, data=form_data)
    if not form.is_valid():
        raise ValueError(f"Demo answers for {event.title!r} do not pass its registration form: {form.errors}")
    return form.answers()


def take_offering(member: Member, offering: Offering, *, partly: bool = False, sign: bool = False) -> None:
    """Enrol and work through lessons; `partly` stops after the first module and one more lesson."""
    offering = Offering.objects.get(pk=offering.pk).specific  # the published row, not the draft built in memory
    enrolment_rules.enrol(member, offering)
    modules = list(ModulePage.objects.child_of(offering).live().order_by("path"))
    for m, module in enumerate(modules):
        lessons = list(LessonPage.objects.child_of(module).live().order_by("path"))
        if partly and m == 1:
            lessons = lessons[:1]
        elif partly and m > 1:
            break
        for lesson in lessons:
            study(member, lesson, fail_quiz_first=partly and m == 0)
    if sign:
        progress_rules.sign_attestation(member, offering, member.get_full_name())


def study(member: Member, lesson: LessonPage, fail_quiz_first: bool = False) -> None:
    """Finish a lesson as a learner would: mark it done, or pass its quiz (after one failed try, if asked)."""
    if not lesson.has_quiz:
        progress_rules.complete_lesson(member, lesson, LessonCompletion.Method.MARKED)
        return
    if fail_quiz_first:
        progress_rules.submit_quiz(member, lesson, quiz_answers(lesson, correct=False))
    progress_rules.submit_quiz(member, lesson, quiz_answers(lesson, correct=True))


def quiz_answers(lesson: LessonPage, correct: bool) -> dict[str, object]:
    """The form a browser posts for the lesson's quiz: all right, or wrong on every question but the last."""
    quiz = lesson.quiz_block
    form: dict[str, object] = {
        "quiz_id": quiz.id,
        "fingerprint": quiz_fingerprint(quiz.value),
        "submission_token": str(uuid.uuid4()),
    }
    questions = list(quiz.value["questions"])
    for number, question in enumerate(questions, start=1):
        right = [i for i, choice in enumerate(question["choices"]) if choice["correct"]]
        wrong = [i for i, choice in enumerate(question["choices"]) if not choice["correct"]]
        chosen = right if correct or number == len(questions) or not wrong else wrong[:1]
        form[f"q{number}"] = [str(i) for i in chosen]
    return form


# ---------------------------------------------------------------------------------------------- summary


def summarise(data: DemoContent, offerings: dict[str, Offering], videos: int, events: dict[str, EventPage],
              campaign: Campaign, translated: dict[str, list[Page]]) -> DemoSummary:
    """Count what is now in the database (not what we meant to create), so the summary cannot lie."""
    pks = [page.pk for page in offerings.values()]
    event_pks = [page.pk for page in events.values()]
    live_events = EventPage.objects.filter(pk__in=event_pks).live()
    sessions = Session.objects.filter(event__in=live_events)
    demo_registrations = Registration.objects.filter(session__in=sessions).exclude(status=Registration.Status.CANCELLED)
    sample_event = events[data.settings.attendance.event]
    sample_sessions = Session.objects.filter(event=sample_event).order_by("sort_order", "pk")
    sample_session = sample_sessions[data.settings.attendance.session]
    live = Offering.objects.filter(pk__in=pks).live()
    under_demo = Q()
    for page in offerings.values():
        under_demo |= Q(path__startswith=page.path)
    lessons = LessonPage.objects.live().filter(under_demo)
    demo_emails = [spec.email for spec in data.accounts]
    enrolments = Enrolment.objects.filter(member__email__in=demo_emails)
    return DemoSummary(
        offerings=live.count(),
        courses=CoursePage.objects.filter(pk__in=pks).live().count(),
        ethics_modules=EthicsModulePage.objects.filter(pk__in=pks).live().count(),
        modules=sum(ModulePage.objects.child_of(page).live().count() for page in offerings.values()),
        lessons=lessons.count(),
        optional_lessons=lessons.filter(is_required=False).count(),
        quizzes=lessons.filter(has_quiz=True).count(),
        videos=videos,
        topics=Topic.objects.filter(slug__in=[t.slug for t in data.topics]).count(),
        partners=Partner.objects.filter(slug__in=[p.slug for p in data.partners]).count(),
        enrolments=enrolments.count(),
        completed_enrolments=enrolments.filter(completed_at__isnull=False).count(),
        by_language=dict(sorted(Counter(live.values_list("language", flat=True)).items())),
        by_access={level: n for level in AccessLevel.values
                   if (n := live.filter(access_level=level).count())},
        by_year=dict(sorted(Counter(live.values_list("programme_year", flat=True)).items())),
        events=live_events.count(),
        workshops=WorkshopPage.objects.filter(pk__in=event_pks).live().count(),
        webinars=WebinarPage.objects.filter(pk__in=event_pks).live().count(),
        sessions=sessions.count(),
        upcoming_sessions=sessions.filter(starts_at__gt=timezone.now()).count(),
        registrations=demo_registrations.count(),
        waitlisted=demo_registrations.filter(status=Registration.Status.WAITLISTED).count(),
        campaign=campaign.name,
        campaign_offerings=originals(campaign.offerings.live()).count(),
        partner_hosts=[(host.email, partner.name) for partner in Partner.objects.filter(
            slug__in=[p.slug for p in data.partners]) for host in partner.hosts.order_by("email")],
        attendance_sample=f"{data.attendance_sample.name} → {sample_event.title}, {sample_session.title} "
        f"(ended {sample_session.ends_at:%Y-%m-%d %H:%M} UTC)",
        locales=dict(sorted(Counter(Offering.objects.filter(translation_key__in=Offering.objects.filter(pk__in=[
            *pks, *event_pks]).values("translation_key")).live().values_list("locale__language_code", flat=True))
            .items())),
        translated={language: [page.title for page in pages] for language, pages in translated.items()},
        logins=[(spec.email, spec.role) for spec in data.accounts if spec.listed],
        faculty=[spec.email for spec in data.accounts if not spec.listed and INSTRUCTOR in spec.groups],
        community=[spec.email for spec in data.accounts if not spec.listed and INSTRUCTOR not in spec.groups],
    )
