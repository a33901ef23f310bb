"""The member: what the association knows of each person who signs in."""

import uuid
import zoneinfo
from datetime import date
from typing import ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from . import celery  # noqa: F401  (Django imports every app's models at start-up: the Celery app loads with it)
from .fields import MultipleChoiceJSONField
from .original_rows import original_topics


class MembershipTier(models.TextChoices):
    NON_MEMBER = "non_member", _("Non-member")
    STUDENT = "student", _("Student member")
    EARLY_CAREER = "early_career", _("Early-career member")
    PROFESSIONAL = "professional", _("Professional member")
    INSTITUTIONAL = "institutional", _("Institutional member")


class CareerStage(models.TextChoices):
    """Ordered from least to most senior; the order matters for mentoring and targeting."""

    STUDENT = "student", _("Student")
    EARLY_CAREER = "early_career", _("Early career (0-5 years)")
    MID_CAREER = "mid_career", _("Mid career (5-15 years)")
    SENIOR = "senior", _("Senior practitioner (15+ years)")
    EXECUTIVE = "executive", _("Executive / leader")


PREFER_NOT_TO_SAY = "prefer_not_to_say"

# How many topics of interest a member may pick: enough to describe a practice, few enough to mean something.
MAX_INTERESTS = 8

TIME_ZONE_CHOICES = sorted((tz, tz.replace("_", " ")) for tz in zoneinfo.available_timezones() if "/" in tz)
TIME_ZONE_CHOICES.insert(0, ("UTC", "UTC"))

# The languages an offering, a session or a mentor may speak: each named in itself, so its readers find it, then (when
# that differs) in the reader's own language, looked up when the label is shown.
# (Bahasa Indonesia has always been shown in itself alone, as it reads the same in every Latin-script language.)
LANGUAGE_NAMES: list[tuple[str, str, str | None]] = [
    ("en", "English", gettext_noop("English")),
    ("es", "Español", gettext_noop("Spanish")),
    ("fr", "Français", gettext_noop("French")),
    ("pt", "Português", gettext_noop("Portuguese")),
    ("de", "Deutsch", gettext_noop("German")),
    ("it", "Italiano", gettext_noop("Italian")),
    ("nl", "Nederlands", gettext_noop("Dutch")),
    ("pl", "Polski", gettext_noop("Polish")),
    ("ru", "Русский", gettext_noop("Russian")),
    ("uk", "Українська", gettext_noop("Ukrainian")),
    ("el", "Ελληνικά", gettext_noop("Greek")),
    ("tr", "Türkçe", gettext_noop("Turkish")),
    ("ar", "العربية", gettext_noop("Arabic")),
    ("he", "עברית", gettext_noop("Hebrew")),
    ("hi", "हिन्दी", gettext_noop("Hindi")),
    ("bn", "বাংলা", gettext_noop("Bengali")),
    ("zh", "中文", gettext_noop("Chinese")),
    ("ja", "日本語", gettext_noop("Japanese")),
    ("ko", "한국어", gettext_noop("Korean")),
    ("id", "Bahasa Indonesia", None),
    ("sw", "Kiswahili", gettext_noop("Swahili")),
]


def _language_label(own_name: str, english_name: str | None) -> str:
    """"Français (francés)" for a Spanish reader; just "Español" when the reader's name for it is the same."""
    translated = gettext(english_name) if english_name else own_name
    return own_name if translated.casefold() == own_name.casefold() else f"{own_name} ({translated})"


language_label = lazy(_language_label, str)
def site_language_choices() -> list[tuple[str, str]]:
    """The languages the site is written in (settings.LANGUAGES), read when asked, so adding one needs no migration."""
    return list(settings.LANGUAGES)


LANGUAGE_CHOICES = [(code, language_label(own, english)) for code, own, english in LANGUAGE_NAMES]


def language_names() -> dict[str, str]:
    """Each language's label as the active language writes it, as plain text (to join, sort or format)."""
    return {code: str(label) for code, label in LANGUAGE_CHOICES}


class MemberManager(BaseUserManager):
    """Members sign in with their e-mail address; there is no username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class Member(AbstractUser):
    """A person with an account: learner, instructor, partner host or staff (roles are groups)."""

    username = None  # type: ignore[assignment]  # members sign in with their e-mail address
    email = models.EmailField(_("e-mail address"), unique=True)

    membership_tier = models.CharField(
        _("membership tier"), max_length=20, choices=MembershipTier.choices, default=MembershipTier.NON_MEMBER
    )
    membership_expires_on = models.DateField(
        _("membership expires on"), null=True, blank=True,
        help_text=_("Last day of paid membership; blank for no expiry."),
    )
    career_stage = models.CharField(_("career stage"), max_length=20, choices=CareerStage.choices, blank=True)
    country = CountryField(_("country"), blank=True)
    time_zone = models.CharField(_("time zone"), max_length=64, choices=TIME_ZONE_CHOICES, default="UTC")
    preferred_languages = MultipleChoiceJSONField(
        verbose_name=_("preferred languages"), item_choices=LANGUAGE_CHOICES,
        help_text=_("Languages you are happy to learn in."),
    )
    # The language the member chose for the site's own words (the switcher, or the profile): their pages open in it
    # on any browser and their e-mails are written in it (lms/languages.py, interface_language below). Blank until
    # they choose: then their first preferred language the site is written in.
    site_language = models.CharField(
        _("site language"), max_length=8, choices=site_language_choices, blank=True,
        help_text=_("The language of the site's pages and of your e-mails."),
    )
    # The catalog's own topics (cms.Topic, named by label: lms imports no cms code), so an interest and an
    # offering's topic are the same thing; recommendations and digests match on them. At most MAX_INTERESTS.
    interests = models.ManyToManyField(
        "cms.Topic", blank=True, related_name="interested_members", limit_choices_to=original_topics,
        verbose_name=_("topics of interest"),
        help_text=_("Topics you would like to hear about."),
    )
    # Onboarding (lms/onboarding.py): when the member last saved their time zone and languages on the profile (so
    # the checklist knows they were confirmed, not just left at the defaults), when they signed in again after a
    # long absence (a returning member is onboarded again), and when they hid the checklist.
    zone_confirmed_at = models.DateTimeField(null=True, blank=True, editable=False)
    returned_at = models.DateTimeField(null=True, blank=True, editable=False)
    onboarding_hidden_at = models.DateTimeField(null=True, blank=True, editable=False)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects: ClassVar[MemberManager] = MemberManager()  # type: ignore[assignment]  # no usernames to manage

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["last_name", "first_name", "email"]

    def __str__(self):
        return self.get_full_name() or self.email

    def get_full_name(self) -> str:
        return " ".join(part for part in (self.first_name, self.last_name) if part).strip()

    def get_short_name(self):
        return self.first_name or self.email

    def interface_language(self) -> str:
        """The language the member chose for the site, else the first of their languages the site's words are
        written in (settings.INTERFACE_LANGUAGES), else the site default: for their e-mails, reminders and
        calendars. A language the text is not translated into would give an English e-mail with dates and plurals
        in another language."""
        written = set(settings.INTERFACE_LANGUAGES)
        if self.site_language in written:
            return self.site_language
        return next((code for code in self.preferred_languages if code in written), settings.LANGUAGE_CODE)

    def has_current_membership(self, on: date | None = None) -> bool:
        """Whether this member's tier is a paid one and has not lapsed on the given day."""
        on = on or timezone.localdate()
        if self.membership_tier == MembershipTier.NON_MEMBER:
            return False
        return self.membership_expires_on is None or self.membership_expires_on >= on


class Demographics(models.Model):
    """Optional self-description, kept apart from the member record and used only in aggregate reports."""

    class Gender(models.TextChoices):
        WOMAN = "woman", _("Woman")
        MAN = "man", _("Man")
        NON_BINARY = "non_binary", _("Non-binary")
        SELF_DESCRIBE = "self_describe", _("I prefer to self-describe")
        PREFER_NOT = PREFER_NOT_TO_SAY, _("Prefer not to say")

    class YesNo(models.TextChoices):
        YES = "yes", _("Yes")
        NO = "no", _("No")
        PREFER_NOT = PREFER_NOT_TO_SAY, _("Prefer not to say")

    class AgeBand(models.TextChoices):
        UNDER_25 = "under_25", _("Under 25")
        AGE_25_34 = "25_34", "25-34"
        AGE_35_44 = "35_44", "35-44"
        AGE_45_54 = "45_54", "45-54"
        AGE_55_64 = "55_64", "55-64"
        AGE_65_PLUS = "65_plus", _("65 or over")
        PREFER_NOT = PREFER_NOT_TO_SAY, _("Prefer not to say")

    member = models.OneToOneField(Member, on_delete=models.CASCADE, related_name="demographics")
    gender = models.CharField(max_length=20, choices=Gender.choices, default=PREFER_NOT_TO_SAY)
    gender_self_description = models.CharField(max_length=100, blank=True)
    ethnicity_self_description = models.CharField(
        max_length=200, blank=True, help_text=_("In your own words; leave blank if you prefer not to say.")
    )
    identifies_as_under_represented = models.CharField(
        max_length=20, choices=YesNo.choices, default=PREFER_NOT_TO_SAY
    )
    has_disability = models.CharField(max_length=20, choices=YesNo.choices, default=PREFER_NOT_TO_SAY)
    age_band = models.CharField(max_length=20, choices=AgeBand.choices, default=PREFER_NOT_TO_SAY)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = _("demographics")

    def __str__(self):
        return f"Demographics #{self.pk}"


class EmailCategory(models.TextChoices):
    """The kinds of e-mail a member may turn off. An e-mail with no category (a registration's confirmation, a
    certificate, an account e-mail) answers something the member did or must know, and always goes."""

    REMINDERS = "reminders", _("Event reminders")
    MENTORING = "mentoring", _("Mentoring reminders")
    RECOMMENDATIONS = "recommendations", _("Recommendations digest")
    CAMPAIGNS = "campaigns", _("Campaign news")
    ONBOARDING = "onboarding", _("Getting started")
    RENEWALS = "renewals", _("Certificate renewal reminders")
    CPD = "cpd", _("CPD cycle reminders")
    EVALUATIONS = "evaluations", _("Evaluations")


class DigestFrequency(models.TextChoices):
    """How often the recommendations digest comes; "off" is the same as unsubscribing from it."""

    OFF = "off", _("Never")
    WEEKLY = "weekly", _("Weekly")
    MONTHLY = "monthly", _("Monthly")


class CommunicationPreferences(models.Model):
    """Which optional e-mails a member gets. A member without a row has the defaults below (lms/communication.py
    reads them); the row is written the first time they change something."""

    member = models.OneToOneField(Member, on_delete=models.CASCADE, primary_key=True,
                                  related_name="communication_preferences")
    reminders = models.BooleanField(
        _("Event reminders"), default=True,
        help_text=_("A day and an hour before a webinar or workshop you registered for."),
    )
    mentoring = models.BooleanField(
        _("Mentoring reminders"), default=True,
        help_text=_("For example, a nudge to log the first meeting with your mentor or mentee."),
    )
    campaigns = models.BooleanField(
        _("Campaign news"), default=True,
        help_text=_("The association's campaigns and what is on offer in them."),
    )
    onboarding = models.BooleanField(
        _("Getting started"), default=True,
        help_text=_("A few e-mails in your first weeks: a welcome, your next steps, a first webinar and a mentor."),
    )
    renewals = models.BooleanField(
        _("Certificate renewal reminders"), default=True,
        help_text=_("Before a certificate expires: 90, 30 and 7 days ahead, with how to renew it."),
    )
    cpd = models.BooleanField(
        _("CPD cycle reminders"), default=True,
        help_text=_("Six, three and one month before your CPD cycle ends, while hours are still needed."),
    )
    evaluations = models.BooleanField(
        _("Evaluations"), default=True,
        help_text=_("After a course or session, a few questions on how it went; two months on, whether you used it."),
    )
    digest_frequency = models.CharField(
        _("Recommendations digest"), max_length=10, choices=DigestFrequency.choices, default=DigestFrequency.MONTHLY,
        help_text=_("New courses and events that match your interests, gathered in one e-mail."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("communication preferences")
        verbose_name_plural = _("communication preferences")

    def __str__(self):
        return f"Communication preferences of member #{self.pk}"


class OwedLetter(models.Model):
    """Abstract: a row that owes its member one e-mail, which the outbox (lms/outbox.py) sends once. The columns the
    outbox claims, settles and sweeps by, declared once so every letter row names them alike (here, not in
    lms/outbox.py, because the outbox imports this module and OnboardingLetter below is itself a letter row)."""

    owed_at = models.DateTimeField(default=timezone.now)  # since when it is owed: sweep windows and order use it
    sent_at = models.DateTimeField(null=True, blank=True)  # when it went (or was found moot): set once, never cleared
    claimed_until = models.DateTimeField(null=True, blank=True)  # a sender's lease: others keep off until then

    class Meta:
        abstract = True


class OnboardingLetter(OwedLetter):
    """One e-mail of the onboarding sequence owed to a member (lms/onboarding_letters.py decides when). At most one
    row per member and kind, so however often or concurrently the beat job runs, each letter is owed, and sent by
    the outbox, once."""

    class Kind(models.TextChoices):
        WELCOME = "welcome", _("Welcome")
        NEXT_STEPS = "next_steps", _("Your next steps")
        CONNECT = "connect", _("A first webinar and a mentor")

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="onboarding_letters")
    kind = models.CharField(max_length=12, choices=Kind.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["member", "kind"], name="one_onboarding_letter_of_each_kind")]

    def __str__(self):
        return f"{self.kind} to member #{self.member_id}"


class LearningRecord(models.Model):
    """One xAPI statement the platform owes the Learning Record Store (lms/learning_records.py sends it).

    The primary key is the statement's own id, minted once when the row is made, so a resend after a lost answer
    is a no-op at the LRS; one row per verb and source row ("enrolment:12"), so recording the same event twice
    changes nothing. Its outbox columns (owed_at, sent_at, claimed_until) are named as the e-mail outbox's."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # Deleting a member deletes what they still owe the LRS; nothing about them is sent after that.
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="learning_records")
    verb = models.CharField(_("verb"), max_length=20)
    source = models.CharField(max_length=100)  # the row it reports, e.g. "enrolment:12"
    statement = models.JSONField()
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)
    owed_at = models.DateTimeField(_("next attempt"), default=timezone.now)  # not sent before (the retry's wait)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)  # a sender's lease
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    failed_at = models.DateTimeField(_("given up"), null=True, blank=True)  # refused, or out of attempts

    class Meta:
        verbose_name = _("learning record")
        verbose_name_plural = _("learning records")
        indexes = [
            models.Index(fields=["owed_at"], name="learning_record_owed",
                         condition=models.Q(sent_at__isnull=True, failed_at__isnull=True)),
        ]
        constraints = [models.UniqueConstraint(fields=["verb", "source"], name="one_learning_record_per_event")]

    def __str__(self):
        return f"{self.verb} statement {self.pk} of member #{self.member_id}"


class LearningRecordActor(models.Model):
    """The opaque name a member's statements carry at the LRS: a random UUID made on first use, never the e-mail
    address, so the LRS and whoever analyses it learn nothing about who the member is."""

    member = models.OneToOneField(Member, on_delete=models.CASCADE, primary_key=True,
                                  related_name="learning_record_actor")
    name = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    def __str__(self):
        return f"LRS actor of member #{self.member_id}"
