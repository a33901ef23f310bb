"""The demo catalog's content, read from `content/`: people, topics and partners, the fragments lessons are written
from, offerings, live events and a campaign.

`content/people.yaml` and `content/catalog.yaml` hold what no language owns (accounts, the shelf order of the
catalog, the video library, the attendance sample); each language's folder (`content/en/`, `content/es/`, ...)
holds what is written in it: phrases and case studies, concepts per topic, topics, partners, offerings and events.
An offering or event takes the language of the folder it is written in.

Lesson text is written as small per-topic fragments (a concept's definition, why it matters, an example, a good
practice, a pitfall, a reflection question) in each language. The builder combines them with the offering's level
and a running case-study organisation, so forty-odd offerings read naturally without anyone writing three hundred
lessons by hand.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import time
from functools import cache
from pathlib import Path
from typing import Any

from lms.demo_content import DemoContentError, build, entries, language_dirs, read_yaml, refuse

CONTENT_DIR = Path(__file__).with_name("content")


# ------------------------------------------------------------------------------------------ specs


@dataclass(frozen=True)
class AccountSpec:
    """A demo account; `listed` ones are the logins the command prints, one per role."""

    key: str
    local: str  # the address before @ and the demo domain
    first_name: str
    last_name: str
    role: str
    groups: tuple[str, ...] = ()
    tier: str = "non_member"
    expires_in_days: int | None = None
    career_stage: str = ""
    country: str = ""
    time_zone: str = "UTC"
    languages: tuple[str, ...] = ("en",)
    interests: tuple[str, ...] = ()  # topic slugs, as the member would tick them on their profile
    site_language: str = ""  # the language the member chose for the site's pages and e-mails ("": not chosen)
    is_staff: bool = False
    is_superuser: bool = False
    listed: bool = True
    # When the account was made, in days before the load: long ago for everyone but a new member, so only they are
    # onboarding (lms/onboarding.py) and see the getting-started checklist.
    joined_days_ago: int = 400
    email: str = ""  # filled in from `local` and the demo domain


@dataclass(frozen=True)
class Journey:
    """What a demo learner has done: offerings finished, half-way through, or finished and attested, `days_ago`
    (before the day of loading), so the engagement report sees the learning in its month."""

    completed: tuple[str, ...] = ()
    in_progress: tuple[str, ...] = ()
    attested: tuple[str, ...] = ()
    days_ago: int = 0


@dataclass(frozen=True)
class YearSpec:
    """A year of members for the engagement report (year.py): generated from `seed`, the same on every load."""

    seed: int = 2026
    months: int = 24
    fewest_per_month: int = 10
    most_per_month: int = 14
    local_prefix: str = "member"


@dataclass(frozen=True)
class People:
    password: str
    email_domain: str
    marker: str  # the account whose existence says the demo is loaded
    publisher: str  # the account that publishes every page; instructors are the revisions' authors
    accounts: tuple[AccountSpec, ...]
    partner_hosts: dict[str, str] = field(default_factory=dict)  # account key -> partner slug it acts for
    journeys: dict[str, Any] = field(default_factory=dict)  # account key -> Journey
    year: Any = None  # YearSpec


@dataclass(frozen=True)
class Contact:
    name: str
    role: str = ""
    email: str = ""
    phone: str = ""


@dataclass(frozen=True)
class TopicSpec:
    slug: str
    name: str
    description: str


@dataclass(frozen=True)
class PartnerSpec:
    """A partner, created in the locale of the folder it is written in (its description is in that language)."""

    slug: str
    name: str
    website: str
    description: str
    contacts: tuple[Contact, ...] = ()
    language: str = "en"


@dataclass(frozen=True)
class CampaignSpec:
    """A themed month; dates are days from the load."""

    slug: str
    name: str
    summary: str
    description: str
    starts_in_days: int
    ends_in_days: int
    courses: tuple[str, ...] = ()
    picture: str = ""  # a topic whose illustration the campaign shows (content/images/<topic>.png)


@dataclass(frozen=True)
class ConceptWords:
    """The words of one idea a lesson teaches, in one language."""

    key: str
    term: str
    lesson: str
    definition: str
    why: str
    example: str
    practice: str
    pitfall: str
    pitfall_why: str
    prompt: str


@dataclass(frozen=True)
class Concept(ConceptWords):
    """One idea a lesson teaches. `term` reads mid-sentence ("flow time"); `definition` never names it, so other
    concepts' definitions make fair wrong answers. `practice` and `pitfall` are short action phrases (a gerund in
    English, an infinitive elsewhere); `example` may use {org}, {team} and {product}. Concepts of one `group` in a
    topic (the orientation course's, say) take their quizzes' wrong answers only from each other."""

    group: str = ""


@dataclass(frozen=True)
class Opens:
    """Members' and everyone's enrolment opening, as days from the day the demo is loaded."""

    members: int | None = None
    public: int | None = None


@dataclass(frozen=True)
class ModuleSpec:
    """A module's title and the concepts its lessons teach, in order."""

    title: str
    concepts: tuple[str, ...]


@dataclass(frozen=True)
class OfferingSpec:
    """One catalog entry, in the language of the folder it is written in."""

    key: str
    title: str
    summary: str
    topics: tuple[str, ...]
    level: str
    modules: tuple[ModuleSpec, ...]
    language: str = "en"
    kind: str = "course"
    access: str = "public"
    opens: Opens = Opens()
    year: int = 2026
    edition: str = ""
    cpd_hours: str = "3"
    credit: str = "general"
    stages: tuple[str, ...] = ()
    partner: str = ""
    prerequisites: tuple[str, ...] = ()
    instructors: tuple[str, ...] = ()
    rcr_minutes: int = 0
    attestation: str = ""
    featured: bool = False  # listed among the featured offerings on the home page
    scenario: int | None = None  # which case study to follow; default: rotate through them
    orientation: bool = False  # the course new members' onboarding checklist asks them to take (a course only)


@dataclass(frozen=True)
class SessionSpec:
    """One run of an event: `days` from the day the demo is loaded, wall-clock times in its own zone."""

    title: str
    days: int
    start: time
    end: time
    time_zone: str
    capacity: int | None = None
    joining_url: str = ""
    venue: str = ""


@dataclass(frozen=True)
class QuestionSpec:
    """A registration question; demo registrants answer with `samples` in turn (a choice: its options)."""

    label: str
    kind: str = "short_text"
    options: tuple[str, ...] = ()
    required: bool = False
    help_text: str = ""
    samples: tuple[str, ...] = ()


@dataclass(frozen=True)
class Speaker:
    name: str
    affiliation: str = ""
    bio: str = ""
    profile_url: str = ""


@dataclass(frozen=True)
class Material:
    """An event's slides, recording or handout: a link elsewhere, or a document written for the demo (an HTML file
    in the language's `documents/` folder, printed to PDF when the demo loads), so the demo needs no outside host."""

    title: str
    kind: str
    link: str = ""
    document: str = ""
    members_only: bool = False


@dataclass(frozen=True)
class RegistrationsSpec:
    """Demo accounts registering for one session (by index), in order, starting `days_ago` days before the load
    (a few hours apart), through the registration rule as of that moment."""

    session: int
    accounts: tuple[str, ...]
    days_ago: int


@dataclass(frozen=True)
class EventSpec:
    """A workshop or webinar; its programme year comes from its first session's date, so the demo's years stay
    true whenever it is loaded."""

    key: str
    kind: str  # "webinar" or "workshop"
    title: str
    summary: str
    about: str
    topics: tuple[str, ...]
    level: str
    sessions: tuple[SessionSpec, ...]
    access: str = "public"
    opens: Opens = Opens()
    cpd_hours: str = "1"
    credit: str = "general"
    stages: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()
    instructors: tuple[str, ...] = ()
    speakers: tuple[Speaker, ...] = ()
    questions: tuple[QuestionSpec, ...] = ()
    materials: tuple[Material, ...] = ()
    registrations: tuple[RegistrationsSpec, ...] = ()
    closes_minutes_before: int = 0
    has_waitlist: bool = True
    edition: str = ""
    language: str = "en"
    in_campaign: bool = False
    featured: bool = False


@dataclass(frozen=True)
class Attendance:
    """The session whose attendance report ships as a sample (index into the event's sessions)."""

    event: str
    session: int
    sample: str  # a file in the content folder


@dataclass(frozen=True)
class Shelf:
    """The order offerings and events are built in (and appear in the page tree); it also rotates case studies,
    videos and optional lessons across offerings."""

    offerings: tuple[str, ...]
    events: tuple[str, ...]


@dataclass(frozen=True)
class CatalogSettings:
    attendance: Attendance
    shelf: Shelf


@dataclass(frozen=True)
class ConceptTranslation(ConceptWords):
    """An English concept written in another language, named by the English concept's key; its fields read as
    the original's (see Concept)."""


@dataclass(frozen=True)
class OfferingTranslation:
    """An offering written in another language than its own, named by its key: the page's words, its modules'
    titles in order, and (for an event) its description. Lessons are written from the concepts' translations."""

    key: str
    title: str
    summary: str
    modules: tuple[str, ...] = ()
    about: str = ""


@dataclass(frozen=True)
class PageWords:
    """The home page's or the catalog's title and introduction in another language."""

    title: str
    intro: str


@dataclass(frozen=True)
class TopicTranslation:
    """A topic's name and description in another language, named by the topic's slug."""

    slug: str
    name: str
    description: str = ""


@dataclass(frozen=True)
class CampaignTranslation:
    """The campaign's learner-visible words in another language, named by its slug (dates and picture are the
    original's)."""

    slug: str
    name: str
    summary: str
    description: str = ""


@dataclass(frozen=True)
class PartnerTranslation:
    """What a partner tells learners about itself in another language; its name is a proper name and stays."""

    slug: str
    description: str


@dataclass(frozen=True)
class Translations:
    """One language's `translations.yaml`: the home page and the catalog, the offerings and events translated
    into it, the concepts their lessons and quizzes are written from, and the shared words around them: topics,
    the campaign and partners' descriptions."""

    home: PageWords | None = None
    catalog: PageWords | None = None
    offerings: tuple[OfferingTranslation, ...] = ()
    events: tuple[OfferingTranslation, ...] = ()
    concepts: tuple[ConceptTranslation, ...] = ()
    topics: tuple[TopicTranslation, ...] = ()
    campaign: CampaignTranslation | None = None
    partners: tuple[PartnerTranslation, ...] = ()


@dataclass(frozen=True)
class LanguageText:
    """A language's phrases (filled with a case study's values), contractions and case studies."""

    phrases: dict[str, Any]
    contractions: tuple[tuple[str, ...], ...] = ()
    scenarios: tuple[dict[str, str], ...] = ()


@dataclass(frozen=True)
class DemoContent:
    """Everything the catalog demo is built from, checked: every reference resolves and every key is unique."""

    people: People
    settings: CatalogSettings
    topics: tuple[TopicSpec, ...]
    partners: tuple[PartnerSpec, ...]
    campaign: CampaignSpec
    text: dict[str, LanguageText]  # language -> phrases, contractions, scenarios
    kits: dict[str, dict[str, list[Concept]]]  # language -> topic slug -> concepts
    offerings: tuple[OfferingSpec, ...]  # in shelf order
    events: tuple[EventSpec, ...]  # in shelf order
    translations: dict[str, Translations] = field(default_factory=dict)  # language -> what is translated into it
    content_dir: Path = CONTENT_DIR

    @property
    def accounts(self) -> tuple[AccountSpec, ...]:
        return self.people.accounts

    @property
    def password(self) -> str:
        return self.people.password

    @property
    def email_domain(self) -> str:
        return self.people.email_domain

    @property
    def marker_email(self) -> str:
        return self.account(self.people.marker).email

    def email(self, local: str) -> str:
        return f"{local}@{self.people.email_domain}"

    def account(self, key: str) -> AccountSpec:
        return next(spec for spec in self.people.accounts if spec.key == key)

    @property
    def attendance_sample(self) -> Path:
        return self.content_dir / self.settings.attendance.sample

    def picture(self, language: str, topics: tuple[str, ...]) -> tuple[Path, str] | None:
        """An offering's illustration (its first topic's, drawn for the demo in `content/images/`) and the text
        alternative written in the offering's language; None for an offering with no topic."""
        if not topics:
            return None
        alts = self.text[language].phrases.get("image_alt") or {}
        return self.content_dir / "images" / f"{topics[0]}.png", alts.get(topics[0], "")

    def document(self, language: str, name: str) -> Path:
        """An event material written for the demo (an HTML fragment, printed to PDF by the builder)."""
        return self.content_dir / language / "documents" / name

    def poster(self, topic: str) -> Path:
        """The still shown for a video on this topic (a darker, closer view of its illustration): decorative, the
        video's title and transcript carry its content."""
        return self.content_dir / "images" / "posters" / f"{topic}.png"


# ------------------------------------------------------------------------------------------ reading


@cache
def demo_content() -> DemoContent:
    """The demo catalog's content, read and checked once per process."""
    return read_content(CONTENT_DIR)


def read_content(content_dir: Path) -> DemoContent:
    people = _people(content_dir / "people.yaml")
    settings_path = content_dir / "catalog.yaml"
    settings = build(CatalogSettings, read_yaml(settings_path), str(settings_path))
    topics: list[TopicSpec] = []
    partners: list[PartnerSpec] = []
    campaigns: list[CampaignSpec] = []
    text: dict[str, LanguageText] = {}
    kits: dict[str, dict[str, list[Concept]]] = {}
    offerings: dict[str, OfferingSpec] = {}
    events: dict[str, EventSpec] = {}
    translations: dict[str, Translations] = {}
    for language, folder in language_dirs(content_dir):
        phrases_path = folder / "phrases.yaml"
        if phrases_path.exists():
            text[language] = build(LanguageText, read_yaml(phrases_path), str(phrases_path))
        topics += _list(folder / "topics.yaml", "topics", TopicSpec)
        partners += _list(folder / "partners.yaml", "partners", PartnerSpec, language=language)
        campaigns += _list(folder / "campaign.yaml", "campaigns", CampaignSpec)
        kits[language] = {}
        for path in sorted((folder / "concepts").glob("*.yaml")):
            kits[language][path.stem] = _list(path, "concepts", Concept)
        for spec in _list(folder / "offerings.yaml", "offerings", OfferingSpec, language=language):
            _unique(offerings, spec.key, spec, folder / "offerings.yaml", "offering")
        for spec in _list(folder / "events.yaml", "events", EventSpec, language=language):
            _unique(events, spec.key, spec, folder / "events.yaml", "event")
        translations_path = folder / "translations.yaml"
        if translations_path.exists():
            translations[language] = build(Translations, read_yaml(translations_path), str(translations_path))
    if len(campaigns) != 1:
        refuse(str(content_dir), f"expected exactly one campaign (in a language's campaign.yaml), found "
                                 f"{len(campaigns)}.")
    content = DemoContent(
        people=people, settings=settings, topics=tuple(topics), partners=tuple(partners), campaign=campaigns[0],
        text=text, kits=kits,
        offerings=_shelved(offerings, settings.shelf.offerings, settings_path, "offerings"),
        events=_shelved(events, settings.shelf.events, settings_path, "events"),
        translations=translations,
        content_dir=content_dir,
    )
    check(content, content_dir)
    return content


def _people(path: Path) -> People:
    document = read_yaml(path)
    people = build(People, document, str(path))
    accounts = tuple(dataclasses.replace(spec, email=f"{spec.local}@{people.email_domain}")
                     for spec in people.accounts)
    journeys = {key: build(Journey, value, f"{path}: journeys, {key}") for key, value in people.journeys.items()}
    year = build(YearSpec, people.year or {}, f"{path}: year")
    return dataclasses.replace(people, accounts=accounts, journeys=journeys, year=year)


def _list(path: Path, key: str, spec: type, language: str | None = None) -> list:
    if not path.exists():
        return []
    items: list[Any] = []
    for where, entry in entries(path, read_yaml(path), key):
        if language is not None and isinstance(entry, dict):
            if "language" in entry:
                refuse(where, f"the language comes from the folder ({language!r}); remove the field 'language'.")
            entry = {**entry, "language": language}
        items.append(build(spec, entry, where))
    return items


def _unique(found: dict, key: str, spec: Any, path: Path, what: str) -> None:
    if key in found:
        refuse(str(path), f"{what} key {key!r} is used twice.")
    found[key] = spec


def _shelved(found: dict, order: tuple[str, ...], path: Path, what: str) -> tuple:
    """The specs in shelf order: each written once and shelved once."""
    unknown = [key for key in order if key not in found]
    if unknown:
        refuse(f"{path}: shelf.{what}", f"no such {what[:-1]} in any language's {what}.yaml: {', '.join(unknown)}.")
    missing = [key for key in found if key not in order]
    if missing:
        refuse(f"{path}: shelf.{what}", f"not shelved (add them in the order to build them): {', '.join(missing)}.")
    if len(set(order)) != len(order):
        refuse(f"{path}: shelf.{what}", "a key is listed twice.")
    return tuple(found[key] for key in order)


def check(content: DemoContent, content_dir: Path) -> None:
    """Every cross-reference resolves, so a typo is refused on load rather than failing half-way through a build
    (or, worse, silently teaching the wrong lesson)."""
    accounts = {spec.key for spec in content.accounts}
    topics = {spec.slug for spec in content.topics}
    partners = {spec.slug for spec in content.partners}
    people = content_dir / "people.yaml"
    for name, keys in (("account", [s.key for s in content.accounts]), ("topic", [s.slug for s in content.topics]),
                       ("partner", [s.slug for s in content.partners])):
        duplicates = sorted({key for key in keys if keys.count(key) > 1})
        if duplicates:
            refuse(str(content_dir), f"{name} key(s) used twice: {', '.join(duplicates)}.")
    for key in (content.people.marker, content.people.publisher, *content.people.partner_hosts,
                *content.people.journeys):
        if key not in accounts:
            refuse(str(people), f"no account with key {key!r}.")
    for account in content.accounts:
        _known(f"{people}: account {account.key!r}, interests", "topic", account.interests, topics)
    for key, slug in content.people.partner_hosts.items():
        if slug not in partners:
            refuse(f"{people}: partner_hosts, {key}", f"no partner with slug {slug!r}.")
    concepts: dict[tuple[str, str], str] = {}
    for language, kit in content.kits.items():
        for topic, items in kit.items():
            if topic not in topics:
                refuse(str(content_dir / language / "concepts" / f"{topic}.yaml"), f"no topic with slug {topic!r}.")
            for concept in items:
                if (language, concept.key) in concepts:
                    refuse(str(content_dir / language / "concepts" / f"{topic}.yaml"),
                           f"concept key {concept.key!r} is used twice in {language!r}.")
                concepts[language, concept.key] = topic
    built: set[str] = set()
    for spec in content.offerings:
        where = f"{content_dir / spec.language / 'offerings.yaml'}: offering {spec.key!r}"
        if spec.language not in content.text:
            refuse(where, f"no phrases.yaml for language {spec.language!r}.")
        _known(where, "topic", spec.topics, topics)
        _known(where, "instructor", spec.instructors, accounts)
        _known(where, "partner", (spec.partner,) if spec.partner else (), partners)
        for key in spec.prerequisites:
            if key not in built:
                refuse(where, f"prerequisite {key!r} must be an offering shelved before it.")
        if spec.orientation and spec.kind != "course":
            refuse(where, "only a course can be the orientation module.")
        for module in spec.modules:
            _known(f"{where}, module {module.title!r}", "concept", module.concepts,
                   {key for language, key in concepts if language == spec.language})
        built.add(spec.key)
        _check_picture(content, where, spec.language, spec.topics)
    for event in content.events:
        where = f"{content_dir / event.language / 'events.yaml'}: event {event.key!r}"
        _known(where, "topic", event.topics, topics)
        _check_picture(content, where, event.language, event.topics)
        _known(where, "instructor", event.instructors, accounts)
        _known(where, "partner", event.partners, partners)
        for material in event.materials:
            if bool(material.link) == bool(material.document):
                refuse(f"{where}, material {material.title!r}", "give a link or a document (one of the two).")
            if material.document and not content.document(event.language, material.document).is_file():
                refuse(f"{where}, material {material.title!r}", f"no document {material.document!r} in "
                       f"{content.document(event.language, '')}.")
        for batch in event.registrations:
            _known(where, "account", batch.accounts, accounts)
            if not 0 <= batch.session < len(event.sessions):
                refuse(where, f"registrations name session {batch.session}, but it has {len(event.sessions)}.")
    events = {event.key: event for event in content.events}
    attendance = content.settings.attendance
    if attendance.event not in events or not 0 <= attendance.session < len(events[attendance.event].sessions):
        refuse(f"{content_dir / 'catalog.yaml'}: attendance", "names no event session.")
    if not content.attendance_sample.exists():
        refuse(f"{content_dir / 'catalog.yaml'}: attendance", f"no sample file {attendance.sample!r}.")
    _known(f"{content_dir}: campaign {content.campaign.slug!r}", "offering", content.campaign.courses, built)
    for key, journey in content.people.journeys.items():
        _known(f"{people}: journeys, {key}", "offering",
               journey.completed + journey.in_progress + journey.attested, built)
    for language, translated in content.translations.items():
        _check_translations(content, content_dir / language / "translations.yaml", language, translated)


def translated_kits(content: DemoContent, language: str) -> dict[str, list[Concept]]:
    """The English topic kits as translated into `language`: each translated concept in its kit's place, keeping
    the English key and group, so a translated quiz draws its wrong answers from the same concepts in the same
    order as the original's (and grades the same way)."""
    translated = {item.key: item for item in content.translations[language].concepts}
    return {
        topic: [Concept(**{**dataclasses.asdict(translated[concept.key]), "group": concept.group})
                for concept in concepts if concept.key in translated]
        for topic, concepts in content.kits["en"].items()
    }


def _check_translations(content: DemoContent, path: Path, language: str, translated: Translations) -> None:
    """A translation names an English offering or event, into a language with phrases, once; a translated course
    has each module's title, and every concept its quizzes may draw on (its kit's, in its group) translated.
    Topics, the campaign and partners are named by a slug that exists, each once."""
    _check_shared_words(content, path, translated)
    if (translated.offerings or translated.events or translated.concepts) and language not in content.text:
        refuse(str(path), f"no phrases.yaml for language {language!r} (its offerings' lessons are written from it).")
    offerings = {spec.key: spec for spec in content.offerings}
    events = {spec.key: spec for spec in content.events}
    english = {(topic, concept.key): concept for topic, kit in content.kits["en"].items() for concept in kit}
    words = {item.key for item in translated.concepts}
    _known(f"{path}: concepts", "English concept", tuple(sorted(words)), {key for _topic, key in english})
    seen: set[str] = set()
    kinds: tuple[tuple[str, tuple[OfferingTranslation, ...], dict[str, OfferingSpec] | dict[str, EventSpec]], ...] = (
        ("offering", translated.offerings, offerings), ("event", translated.events, events))
    for what, items, specs in kinds:
        for item in items:
            where = f"{path}: {what} {item.key!r}"
            if item.key in seen:
                refuse(where, "is translated twice.")
            seen.add(item.key)
            if item.key not in specs:
                refuse(where, f"no such {what}.")
            spec = specs[item.key]
            if spec.language != "en":
                refuse(where, f"translations are made from English; this {what} is written in {spec.language!r}.")
            if not isinstance(spec, OfferingSpec):
                if item.modules or not item.about:
                    refuse(where, "an event's translation gives its 'about' text and no modules.")
                continue
            if item.about or len(item.modules) != len(spec.modules):
                refuse(where, f"give the {len(spec.modules)} modules' titles in order, and no 'about'.")
            used = {key for module in spec.modules for key in module.concepts}
            # A quiz's wrong answers are other concepts of its concept's topic and group.
            drawn_on = {key for (topic, key), concept in english.items()
                        if any(c.group == concept.group and c.key in used for c in content.kits["en"][topic])}
            _known(where, "translated concept (the lessons' and their quizzes' own)", tuple(sorted(drawn_on)), words)


def _check_shared_words(content: DemoContent, path: Path, translated: Translations) -> None:
    """Each translated topic, partner and the campaign names one that the content has, once."""
    kinds = (("topic", [item.slug for item in translated.topics], {spec.slug for spec in content.topics}),
             ("partner", [item.slug for item in translated.partners], {spec.slug for spec in content.partners}),
             ("campaign", [translated.campaign.slug] if translated.campaign else [], {content.campaign.slug}))
    for what, slugs, known in kinds:
        for slug in slugs:
            if slug not in known:
                refuse(f"{path}: {what} {slug!r}", f"no such {what} (known: {', '.join(sorted(known))}).")
            if slugs.count(slug) > 1:
                refuse(f"{path}: {what} {slug!r}", "is translated twice.")


def _check_picture(content: DemoContent, where: str, language: str, topics: tuple[str, ...]) -> None:
    """Every illustrated offering has its picture and a text alternative in its own language."""
    if language not in content.text:
        refuse(where, f"no phrases.yaml for language {language!r}.")
    picture = content.picture(language, topics)
    if picture is None:
        return
    path, alt = picture
    for picture_path in (path, content.poster(topics[0])):
        if not picture_path.is_file():
            refuse(where, f"no picture {picture_path.name} for topic {topics[0]!r} in {picture_path.parent}.")
    if not alt.strip():
        refuse(where, f"phrases.yaml for {language!r} has no image_alt for topic {topics[0]!r}.")


def _known(where: str, what: str, keys: tuple[str, ...], known: set[str]) -> None:
    unknown = [key for key in keys if key not in known]
    if unknown:
        raise DemoContentError(f"{where}: no such {what}: {', '.join(unknown)}.")
