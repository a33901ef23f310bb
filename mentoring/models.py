"""Mentoring records: profiles, direct requests, rounds with their applications, runs and proposals, the
relationships that follow, their meetings and feedback, and the e-mails owed.

Decisions live in the rule modules (requests, rounds, proposals, relationships, capacity); these models hold the
data and the invariants the database can keep (one pending request per pair, one live relationship per pair, one
open proposal per application, one answer per person and question).
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from lms.fields import MultipleChoiceJSONField
from lms.models import LANGUAGE_CHOICES, CareerStage, MembershipTier, OwedLetter
from lms.original_rows import original_topics

from .regions import Region

MAX_CAPACITY = 5  # the engine's limit too (mentoring.matching.profiles.MAX_CAPACITY)
WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]
MAX_WINDOWS = 21


class MeetingFormat(models.TextChoices):
    VIDEO = "video", _("Video call")
    IN_PERSON = "in_person", _("In person")


class Strength(models.TextChoices):
    WISH = "wish", _("A wish: prefer it, but match me anyway")
    MUST = "must", _("A must: only match me if it is met")


class SelfDescribedIdentity(models.TextChoices):
    """Identities a member may give for matching only; never shown to anyone, only compared by the matcher."""

    WOMAN = "woman_in_profession", _("Woman in our profession")
    LGBTQ = "lgbtq", _("LGBTQ+")
    FIRST_GENERATION = "first_generation", _("First-generation professional")
    PERSON_OF_COLOUR = "person_of_colour", _("Person of colour")
    DISABLED = "disabled", _("Disabled or chronically ill")
    CARER = "carer", _("Parent or carer")
    IMMIGRANT = "immigrant", _("Immigrant or working abroad")


def availability_problem(value) -> str | None:
    """Why a stored availability list is unusable, or None: [[weekday, start hour, end hour], ...]."""
    if not isinstance(value, list):
        return gettext("Availability must be a list of weekly windows.")
    if len(value) > MAX_WINDOWS:
        return gettext("Give at most %(n)d weekly windows.") % {"n": MAX_WINDOWS}
    for window in value:
        if (not isinstance(window, list | tuple) or len(window) != 3
                or not all(isinstance(part, int) and not isinstance(part, bool) for part in window)):
            return gettext("Each window is a weekday, a start hour and an end hour.")
        weekday, start, end = window
        if not 0 <= weekday <= 6:
            return gettext("A window's weekday must be Monday to Sunday.")
        if not 0 <= start < end <= 24:
            return gettext("A window must start between 0 and 23 h and end after it, at 24 h at most.")
    return None


def validate_availability(value) -> None:
    problem = availability_problem(value)
    if problem:
        raise ValidationError(problem)


class ProfileBase(models.Model):
    """What mentor and mentee profiles share; career stage and time zone are the member's own fields."""

    languages = MultipleChoiceJSONField(item_choices=LANGUAGE_CHOICES, verbose_name=_("languages"))
    availability = models.JSONField(default=list, blank=True, validators=[validate_availability],
                                    help_text=_("Weekly windows in the member's time zone: [weekday, from, to]."))
    employer = models.CharField(_("employer"), max_length=200, blank=True)
    identities = MultipleChoiceJSONField(item_choices=SelfDescribedIdentity.choices,
                                         verbose_name=_("identities for matching"))
    contact_note = models.CharField(
        _("how to reach you"), max_length=300, blank=True,
        help_text=_("Shown only to the people you are matched with, with your e-mail address."),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class MentorProfile(ProfileBase):
    """A member who volunteers to mentor; listed in the directory while `is_listed`."""

    member = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentor_profile")
    expertise = models.ManyToManyField("cms.Topic", related_name="mentor_profiles", blank=True,
                                       limit_choices_to=original_topics,
                                       verbose_name=_("expertise"))
    years_of_practice = models.PositiveSmallIntegerField(_("years of practice"), default=0,
                                                         validators=[MaxValueValidator(70)])
    capacity = models.PositiveSmallIntegerField(
        _("mentees at once"), default=1, validators=[MinValueValidator(1), MaxValueValidator(MAX_CAPACITY)]
    )
    formats = MultipleChoiceJSONField(item_choices=MeetingFormat.choices, verbose_name=_("meeting formats"))
    city = models.CharField(_("city for meeting in person"), max_length=120, blank=True)
    offer = models.TextField(_("what you offer"), max_length=2000, blank=True)
    open_to_other_regions = models.BooleanField(_("open to mentees from other regions"), default=True)
    is_listed = models.BooleanField(_("listed in the directory and taking requests"), default=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gte=1, capacity__lte=MAX_CAPACITY),
                                   name="mentor_capacity_1_to_5"),
        ]

    def __str__(self):
        return gettext("Mentor profile of %(member)s") % {"member": self.member}


class MenteeProfile(ProfileBase):
    """A member looking for a mentor; `languages` in order of preference (the first counts most)."""

    member = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentee_profile")
    goals = models.TextField(_("goals"), max_length=2000)
    wanted_expertise = models.ManyToManyField("cms.Topic", related_name="mentee_profiles", blank=True,
                                              limit_choices_to=original_topics,
                                              verbose_name=_("expertise wanted"))
    preferred_region = models.CharField(_("preferred region"), max_length=20, choices=Region.choices, blank=True)
    region_strength = models.CharField(max_length=10, choices=Strength.choices, default=Strength.WISH)
    identity_strength = models.CharField(max_length=10, choices=Strength.choices, blank=True,
                                         help_text=_("Blank: no preference for a mentor sharing an identity."))

    def __str__(self):
        return gettext("Mentee profile of %(member)s") % {"member": self.member}


class MentorshipRequest(models.Model):
    """A mentee asking a mentor directly, found in the directory; only the two of them ever see it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", pgettext_lazy("a request or an application", "Withdrawn")

    mentee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="mentoring_requests_sent")
    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="mentoring_requests_received")
    message = models.TextField(max_length=2000)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    reply = models.TextField(max_length=2000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["mentee", "mentor"], condition=Q(status="pending"),
                                    name="one_pending_request_per_pair"),
            models.CheckConstraint(condition=~Q(mentee=models.F("mentor")), name="request_not_to_oneself"),
        ]

    def __str__(self):
        return gettext("%(mentee)s asks %(mentor)s") % {"mentee": self.mentee, "mentor": self.mentor}


class MatchingRound(models.Model):
    """A cohort: who may apply and when, how the matcher weighs pairs, and until when the relationships run."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    eligible_career_stages = MultipleChoiceJSONField(
        item_choices=CareerStage.choices, verbose_name=_("mentee career stages"),
        help_text=_("Who may apply as a mentee; none ticked: every stage. Mentors may apply at any stage."),
    )
    eligible_tiers = MultipleChoiceJSONField(
        item_choices=[c for c in MembershipTier.choices if c[0] != MembershipTier.NON_MEMBER],
        verbose_name=_("membership tiers"),
        help_text=_("Which current members may apply, on either side; none ticked: every tier."),
    )
    applications_open_on = models.DateField(_("applications open on"))
    applications_close_on = models.DateField(_("applications close on"))
    ends_on = models.DateField(_("relationships end on"))
    weight_expertise = models.DecimalField(_("expertise"), max_digits=5, decimal_places=2, default=3,
                                           validators=[MinValueValidator(0), MaxValueValidator(100)])
    weight_language = models.DecimalField(_("language"), max_digits=5, decimal_places=2, default=1,
                                          validators=[MinValueValidator(0), MaxValueValidator(100)])
    weight_career_stage = models.DecimalField(_("career stage"), max_digits=5, decimal_places=2, default=1,
                                              validators=[MinValueValidator(0), MaxValueValidator(100)])
    weight_availability = models.DecimalField(_("availability"), max_digits=5, decimal_places=2, default=2,
                                              validators=[MinValueValidator(0), MaxValueValidator(100)])
    weight_region = models.DecimalField(_("region"), max_digits=5, decimal_places=2, default=1,
                                        validators=[MinValueValidator(0), MaxValueValidator(100)])
    weight_identity = models.DecimalField(_("shared identity"), max_digits=5, decimal_places=2, default=1,
                                          validators=[MinValueValidator(0), MaxValueValidator(100)])
    min_overlap_hours = models.PositiveSmallIntegerField(
        _("minimum overlap (hours a week)"), default=2, validators=[MaxValueValidator(168)],
        help_text=_("Pairs free together fewer hours a week than this are never proposed."),
    )
    full_credit_overlap_hours = models.PositiveSmallIntegerField(
        _("full-credit overlap (hours a week)"), default=4, validators=[MinValueValidator(1), MaxValueValidator(168)],
    )
    fairness_floor = models.BooleanField(
        _("fairness floor"), default=True,
        help_text=_("Match mentees who ask for support as under-represented members at least as often as others."),
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-applications_open_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(applications_close_on__gte=models.F("applications_open_on")),
                                   name="round_closes_after_it_opens"),
            models.CheckConstraint(condition=Q(ends_on__gt=models.F("applications_close_on")),
                                   name="round_ends_after_applications_close"),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.applications_open_on and self.applications_close_on and (
                self.applications_close_on < self.applications_open_on):
            errors["applications_close_on"] = gettext("Applications cannot close before they open.")
        if self.applications_close_on and self.ends_on and self.ends_on <= self.applications_close_on:
            errors["ends_on"] = gettext("Relationships must end after applications close.")
        if errors:
            raise ValidationError(errors)

    def is_open_for_applications(self, on: date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.applications_open_on <= on <= self.applications_close_on


class RoundApplication(models.Model):
    """A member's application to a round, on one side, with a snapshot of their profile as they applied."""

    class Role(models.TextChoices):
        MENTEE = "mentee", _("Mentee")
        MENTOR = "mentor", _("Mentor")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        WITHDRAWN = "withdrawn", pgettext_lazy("a request or an application", "Withdrawn")
        DONE = "done", _("Done")

    round = models.ForeignKey(MatchingRound, on_delete=models.CASCADE, related_name="applications")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="round_applications")
    role = models.CharField(max_length=10, choices=Role.choices)
    snapshot = models.JSONField(default=dict)
    wants_fairness_support = models.BooleanField(default=False)
    note = models.TextField(max_length=2000, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    applied_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["applied_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["round", "member", "role"], name="one_application_per_side"),
        ]

    def __str__(self):
        return f"{self.member} ({self.get_role_display()}, {self.round})"


class MatchRun(models.Model):
    """One run of the matcher for a round: its settings, what it found, and why nothing matched if nothing did."""

    round = models.ForeignKey(MatchingRound, on_delete=models.CASCADE, related_name="runs")
    run_at = models.DateTimeField(default=timezone.now)
    run_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    settings_used = models.JSONField(default=dict)
    mentees_considered = models.PositiveIntegerField(default=0)
    mentors_considered = models.PositiveIntegerField(default=0)
    matched_count = models.PositiveIntegerField(default=0)
    total_score = models.DecimalField(max_digits=18, decimal_places=6, default=0)
    excluded_by_rule = models.JSONField(default=dict)
    fairness = models.JSONField(null=True, blank=True)
    no_match_message = models.TextField(blank=True)

    class Meta:
        ordering = ["-run_at", "-pk"]

    def __str__(self):
        return f"{self.round} @ {self.run_at:%Y-%m-%d %H:%M}"


class MatchProposal(models.Model):
    """A proposed pair: a draft staff review, then published to both sides, who each accept or decline."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft (staff review)")
        PUBLISHED = "published", _("Published, waiting for answers")
        ACCEPTED = "accepted", _("Accepted by both")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn by staff")

    class Answer(models.TextChoices):
        NONE = "", _("No answer yet")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    round = models.ForeignKey(MatchingRound, on_delete=models.CASCADE, related_name="proposals")
    run = models.ForeignKey(MatchRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="proposals")
    mentee_application = models.ForeignKey(RoundApplication, on_delete=models.CASCADE, related_name="+")
    mentor_application = models.ForeignKey(RoundApplication, on_delete=models.CASCADE, related_name="+")
    mentee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    score = models.DecimalField(max_digits=18, decimal_places=6)
    explanation = models.JSONField(default=list)  # [{"code", "terms", "number"}], the engine's parts
    fixed_by_staff = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    mentee_answer = models.CharField(max_length=10, choices=Answer.choices, blank=True, default=Answer.NONE)
    mentor_answer = models.CharField(max_length=10, choices=Answer.choices, blank=True, default=Answer.NONE)
    mentee_answered_at = models.DateTimeField(null=True, blank=True)
    mentor_answered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)  # declined, withdrawn or accepted by both

    class Meta:
        ordering = ["round", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["mentee_application"], condition=Q(status__in=["draft", "published"]),
                                    name="one_open_proposal_per_mentee"),
        ]

    def __str__(self):
        return f"{self.mentee} ↔ {self.mentor} ({self.get_status_display()})"


class PairAdjustment(models.Model):
    """Staff's hand on a round: a pair the matcher must keep, or must never propose."""

    class Kind(models.TextChoices):
        FIX = "fix", _("Keep this pair")
        FORBID = "forbid", _("Never propose this pair")

    round = models.ForeignKey(MatchingRound, on_delete=models.CASCADE, related_name="adjustments")
    mentee_application = models.ForeignKey(RoundApplication, on_delete=models.CASCADE, related_name="+")
    mentor_application = models.ForeignKey(RoundApplication, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["mentee_application", "mentor_application"],
                                    name="one_adjustment_per_pair"),
            models.UniqueConstraint(fields=["mentee_application"], condition=Q(kind="fix"),
                                    name="one_fixed_mentor_per_mentee"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.mentee_application.member} ↔ {self.mentor_application.member}"


class Mentorship(models.Model):
    """A relationship under way (or ended): from an accepted request or an accepted round proposal."""

    class Origin(models.TextChoices):
        DIRECT = "direct", _("Direct request")
        ROUND = "round", _("Matching round")

    class ClosureReason(models.TextChoices):
        COMPLETED = "completed", _("We reached our goals / the round ended")
        NOT_A_GOOD_FIT = "not_a_good_fit", _("Not a good fit")
        NO_TIME = "no_time", _("No time any more")
        NO_RESPONSE = "no_response", _("My partner stopped responding")
        CONDUCT = "conduct", _("A conduct concern")
        OTHER = "other", pgettext_lazy("why a mentorship ended", "Other")

    mentee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentorships_as_mentee")
    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentorships_as_mentor")
    origin = models.CharField(max_length=10, choices=Origin.choices)
    request = models.OneToOneField(MentorshipRequest, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="mentorship")
    proposal = models.OneToOneField(MatchProposal, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="mentorship")
    round = models.ForeignKey(MatchingRound, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="mentorships")
    started_at = models.DateTimeField(default=timezone.now)
    ends_on = models.DateField()
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    closure_reason = models.CharField(max_length=20, choices=ClosureReason.choices, blank=True)
    closure_note = models.TextField(max_length=2000, blank=True)
    ended_badly = models.BooleanField(default=False)
    rematch_requested = models.BooleanField(default=False)

    class Meta:
        ordering = ["-started_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["mentee", "mentor"], condition=Q(closed_at__isnull=True),
                                    name="one_live_mentorship_per_pair"),
            models.CheckConstraint(condition=~Q(mentee=models.F("mentor")), name="mentorship_not_with_oneself"),
        ]

    def __str__(self):
        return f"{self.mentor} → {self.mentee}"

    @property
    def is_active(self) -> bool:
        return self.closed_at is None

    def partner_of(self, member):
        return self.mentor if member.pk == self.mentee_id else self.mentee


class Meeting(models.Model):
    """A meeting either side logged; both see the log."""

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField(_("date"))
    minutes = models.PositiveSmallIntegerField(_("length in minutes"),
                                               validators=[MinValueValidator(5), MaxValueValidator(600)])
    format = models.CharField(_("format"), max_length=10, choices=MeetingFormat.choices, default=MeetingFormat.VIDEO)
    note = models.CharField(_("note (both of you see it)"), max_length=500, blank=True)
    logged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self):
        return f"{self.mentorship}: {self.held_on}"


class FitAnswer(models.Model):
    """'Is this a good fit?', asked of both sides after the first meeting, answered once each."""

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="fit_answers")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    good_fit = models.BooleanField()
    comment = models.CharField(max_length=1000, blank=True)
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["mentorship", "member"], name="one_fit_answer_each")]

    def __str__(self):
        return f"{self.mentorship}: {self.good_fit}"


class SurveyResponse(models.Model):
    """The mid-point and end-of-relationship surveys: a rating from 1 to 5 and a comment, once each."""

    class Kind(models.TextChoices):
        MIDPOINT = "midpoint", _("Mid-point survey")
        END = "end", _("End survey")

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="survey_responses")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    rating = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5)])
    comment = models.CharField(max_length=2000, blank=True)
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["mentorship", "member", "kind"], name="one_survey_answer_each"),
            models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=5), name="survey_rating_1_to_5"),
        ]

    def __str__(self):
        return f"{self.mentorship}: {self.get_kind_display()}"


class MentoringNotice(OwedLetter):
    """An e-mail owed to a member, written with the change it reports and sent once by the lms outbox."""

    class Kind(models.TextChoices):
        REQUEST_RECEIVED = "request_received", _("A mentee asked you to mentor them")
        REQUEST_ACCEPTED = "request_accepted", _("Your mentor request was accepted")
        REQUEST_DECLINED = "request_declined", _("Your mentor request was declined")
        PROPOSAL_PUBLISHED = "proposal_published", _("You have a proposed match")
        PROPOSAL_DECLINED = "proposal_declined", _("A proposed match was declined")
        MATCH_CONFIRMED = "match_confirmed", _("Your match is confirmed")
        FIRST_MEETING_REMINDER = "first_meeting_reminder", _("Reminder to log your first meeting")

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentoring_notices")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    request = models.ForeignKey(MentorshipRequest, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    proposal = models.ForeignKey(MatchProposal, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    mentorship = models.ForeignKey(Mentorship, null=True, blank=True, on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["owed_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["mentorship", "member"], condition=Q(kind="first_meeting_reminder"),
                                    name="one_first_meeting_reminder_each"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.member}"
