"""Page types instructors author: the catalog index, Course -> Module -> Lesson, and Ethics/RCR modules."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page, PagePermissionTester
from wagtail.search import index

from lms.access import AccessLevel
from lms.fields import MultipleChoiceJSONField
from lms.models import LANGUAGE_CHOICES, CareerStage
from lms.printed_names import printed_field_errors
from lms.roles import INSTRUCTOR, is_restricted_instructor, is_restricted_partner_host

from ..learning.blocks import lesson_blocks, overview_blocks


class Level(models.TextChoices):
    INTRODUCTORY = "introductory", _("Introductory")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")


class CpdCreditType(models.TextChoices):
    GENERAL = "general", _("General CPD")
    TECHNICAL = "technical", _("Technical practice")
    LEADERSHIP = "leadership", _("Leadership and management")
    ETHICS = "ethics", _("Ethics / responsible conduct of research")


class RoleScopedPermissionTester(PagePermissionTester):
    """Narrows Wagtail's group page permissions for instructors and partner hosts; staff are unaffected."""

    @cached_property
    def _restricted_instructor(self) -> bool:
        return is_restricted_instructor(self.user)

    @cached_property
    def _restricted_partner_host(self) -> bool:
        return is_restricted_partner_host(self.user)

    def _may_change(self) -> bool:
        raise NotImplementedError

    def can_edit(self):
        return self._may_change() and super().can_edit()

    def can_delete(self, ignore_bulk=False):
        return self._may_change() and super().can_delete(ignore_bulk)

    def can_add_subpage(self):
        return self._may_change() and super().can_add_subpage()

    def can_unpublish(self):
        return self._may_change() and super().can_unpublish()

    def can_publish(self):
        return self._may_change() and super().can_publish()

    def can_submit_for_moderation(self):
        return self._may_change() and super().can_submit_for_moderation()

    def can_lock(self):
        return self._may_change() and super().can_lock()

    def can_move(self):
        return self._may_change() and super().can_move()

    def can_copy(self):
        return self._may_change() and super().can_copy()

    def can_view_revisions(self):
        return self._may_change() and super().can_view_revisions()

    def can_move_to(self, destination):
        # Wagtail checks the raw group permission on the destination; ours narrows it to offerings one teaches.
        return (
            self._may_change()
            and destination.permissions_for_user(self.user).can_add_subpage()
            and super().can_move_to(destination)
        )


class OfferingPermissionTester(RoleScopedPermissionTester):
    """Instructors may change only the offerings they are named on (and those offerings' modules and lessons);
    partner hosts only the event pages their partner co-hosts."""

    @cached_property
    def _offering_pk(self) -> int | None:
        offering = Offering.offering_of(self.page)
        return offering.pk if offering is not None else None

    # Ask the database, not the page: the admin hands us a page rebuilt from its latest revision, whose
    # in-memory relations cannot be filtered by pk and are an unreviewed draft anyway.
    def _named_on_offering(self) -> bool:
        return Offering.objects.filter(pk=self._offering_pk, instructors=self.user.pk).exists()

    def _co_hosted_event(self) -> bool:
        return Offering.objects.filter(
            pk=self._offering_pk, eventpage__isnull=False, co_hosts__hosts=self.user.pk
        ).exists()

    @cached_property
    def _may_change_cached(self) -> bool:
        if not (self._restricted_instructor or self._restricted_partner_host):
            return True
        if self._offering_pk is None:
            return self._restricted_instructor  # a new offering being created by an instructor
        return (self._restricted_instructor and self._named_on_offering()) or (
            self._restricted_partner_host and self._co_hosted_event()
        )

    def _may_change(self) -> bool:
        return self._may_change_cached


class CatalogPermissionTester(RoleScopedPermissionTester):
    """Instructors may add offerings to the catalog, but not change the catalog page itself (nor may hosts)."""

    def _may_change(self) -> bool:
        return not (self._restricted_instructor or self._restricted_partner_host)

    def can_add_subpage(self):
        return PagePermissionTester.can_add_subpage(self)


class CatalogIndexPage(Page):
    """Lists the offerings below it that the viewer may see, with simple filters."""

    intro = models.TextField(blank=True)
    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["courses.CoursePage", "courses.EthicsModulePage", "courses.WorkshopPage", "courses.WebinarPage"]
    max_count = 1

    def permissions_for_user(self, user):
        return CatalogPermissionTester(user, self)

    def get_context(self, request, *args, **kwargs):
        from ..catalog.listing import catalog_context

        context = super().get_context(request, *args, **kwargs)
        context.update(catalog_context(self, request))
        return context


class Offering(RoutablePageMixin, Page):
    """What every offering carries, whatever its format; concrete types add their own rules.

    Multi-table inheritance gives one table to query across formats (catalog, dashboard, search).
    """

    FORMAT = "offering"
    FORMAT_LABEL = _("Offering")
    # Events take registrations for sessions; everything else takes enrolments.
    TAKES_REGISTRATIONS = False

    summary = models.TextField(help_text=_("One or two sentences for catalog cards and search results."))
    overview = StreamField(overview_blocks(), blank=True)
    topics = ParentalManyToManyField("cms.Topic", blank=True, related_name="offerings")
    career_stages = MultipleChoiceJSONField(
        item_choices=CareerStage.choices, help_text=_("Who this is designed for; none ticked means everyone.")
    )
    level = models.CharField(max_length=20, choices=Level.choices, default=Level.INTRODUCTORY)
    language = models.CharField(max_length=8, choices=LANGUAGE_CHOICES, default="en")
    cpd_hours = models.DecimalField(max_digits=5, decimal_places=2, default=0, verbose_name=_("CPD hours"))
    cpd_credit_type = models.CharField(
        max_length=20, choices=CpdCreditType.choices, default=CpdCreditType.GENERAL, verbose_name=_("CPD credit type")
    )
    instructors = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="taught_offerings",
        limit_choices_to={"is_active": True, "groups__name": INSTRUCTOR},
    )
    access_level = models.CharField(max_length=20, choices=AccessLevel.choices, default=AccessLevel.PUBLIC)
    members_open_on = models.DateField(
        null=True, blank=True, help_text=_("First day members may enrol (blank: straight away).")
    )
    public_open_on = models.DateField(
        null=True, blank=True, help_text=_("Member-first only: first day everyone else may enrol.")
    )
    programme_year = models.PositiveSmallIntegerField(help_text=_("The programme year this edition belongs to."))
    edition = models.CharField(max_length=100, blank=True, help_text=_("e.g. 'Spring cohort'; optional."))
    co_hosts = ParentalManyToManyField(
        "cms.Partner", blank=True, related_name="co_hosted_offerings", verbose_name=_("partner co-hosts"),
        help_text=_("Partner organisations co-hosting this; their host accounts see its registrations."),
    )
    campaigns = ParentalManyToManyField(
        "cms.Campaign", blank=True, related_name="offerings",
        help_text=_("Themed campaigns (a month of flow events, say) whose landing pages list this."),
    )
    prerequisites = ParentalManyToManyField(
        "courses.Offering", blank=True, symmetrical=False, related_name="required_by",
        help_text=_("Offerings a learner must have completed before enrolling."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("overview"),
        MultiFieldPanel(
            [
                FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
                FieldPanel("career_stages"),
                FieldRowPanel([FieldPanel("level"), FieldPanel("language")]),
                FieldRowPanel([FieldPanel("programme_year"), FieldPanel("edition")]),
                FieldPanel("campaigns", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Catalog"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("cpd_hours"), FieldPanel("cpd_credit_type")])],
            heading=_("Credit"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("access_level"),
                FieldRowPanel([FieldPanel("members_open_on"), FieldPanel("public_open_on")]),
                FieldPanel("prerequisites"),
            ],
            heading=_("Access and enrolment"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("instructors", widget=forms.CheckboxSelectMultiple),
                FieldPanel("co_hosts", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("People"),
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.FilterField("access_level")]
    parent_page_types = ["courses.CatalogIndexPage"]
    subpage_types = ["courses.ModulePage"]
    preview_modes = [("", _("Learner view (member)")), ("public", _("Learner view (non-member)"))]
    is_creatable = False

    class Meta:
        verbose_name = _("offering")

    @classmethod
    def offering_of(cls, page: Page) -> Offering | None:
        """The offering a page belongs to: itself, or its nearest offering ancestor."""
        if isinstance(page, cls):
            return page
        if not page.pk:
            return None
        # specific(): rules differ by format (an ethics module needs its attestation), so never the base class.
        return cls.objects.ancestor_of(page, inclusive=True).order_by("-depth").specific().first()

    def permissions_for_user(self, user):
        return OfferingPermissionTester(user, self)

    @path("")
    def overview_view(self, request):
        from ..learning import views

        return views.offering_overview(request, self)

    @path("enrol/")
    def enrol_view(self, request):
        from ..learning import views

        return views.enrol(request, self)

    @path("leave/")
    def withdraw_view(self, request):
        from ..learning import views

        return views.withdraw(request, self)

    @path("attest/")
    def attest_view(self, request):
        from ..learning import views

        return views.attest(request, self)

    def clean(self):
        super().clean()
        errors = printed_field_errors(self, ("title",))  # printed on certificates, exports and e-mails
        if self.access_level == AccessLevel.MEMBER_FIRST and not self.public_open_on:
            errors["public_open_on"] = _("A member-first offering needs the date it opens to everyone.")
        if self.members_open_on and self.public_open_on and self.public_open_on < self.members_open_on:
            errors["public_open_on"] = _("Everyone cannot be let in before members: pick a later date.")
        if self.access_level not in (AccessLevel.MEMBER_FIRST,) and self.public_open_on:
            errors["public_open_on"] = _("Only member-first offerings have a separate public opening date.")
        if self.programme_year is not None and not 2000 <= self.programme_year <= 2100:
            errors["programme_year"] = _("Enter a four-digit programme year.")
        if self.cpd_hours is not None and self.cpd_hours < 0:
            errors["cpd_hours"] = _("CPD hours cannot be negative.")
        if errors:
            raise ValidationError(errors)

    @property
    def format(self) -> str:
        return self.specific_class.FORMAT if self.specific_class else self.FORMAT

    @property
    def format_label(self):
        return self.specific_class.FORMAT_LABEL if self.specific_class else self.FORMAT_LABEL

    @property
    def requires_attestation(self) -> bool:
        return False

    @property
    def takes_registrations(self) -> bool:
        """Read from the specific class, so a base `Offering` row of an event answers too."""
        return (self.specific_class or type(self)).TAKES_REGISTRATIONS


class CoursePage(Offering):
    """A self-paced course: modules of lessons, quizzes, completion, CPD hours."""

    FORMAT = "course"
    FORMAT_LABEL = _("Course")

    class Meta:
        verbose_name = _("course")


class EthicsModulePage(Offering):
    """An ethics / responsible-conduct-of-research module: completion also needs a signed attestation."""

    FORMAT = "ethics_module"
    FORMAT_LABEL = _("Ethics / RCR module")

    attestation_statement = models.TextField(
        default=_(
            "I confirm that I completed this module myself, that I understand the responsibilities it "
            "describes, and that I will apply them in my professional practice."
        ),
        help_text=_("What the learner signs to complete the module."),
    )
    rcr_minutes = models.PositiveIntegerField(
        default=0, verbose_name=_("RCR minutes"),
        help_text=_("Responsible-conduct-of-research instruction time recorded on completion."),
    )

    content_panels = Offering.content_panels + [
        MultiFieldPanel([FieldPanel("attestation_statement"), FieldPanel("rcr_minutes")], heading=_("Ethics / RCR")),
    ]
    class Meta:
        verbose_name = _("ethics / RCR module")

    @property
    def requires_attestation(self) -> bool:
        return True


class ModulePage(Page):
    """A group of lessons inside an offering."""

    summary = models.TextField(blank=True)
    content_panels = Page.content_panels + [FieldPanel("summary")]
    parent_page_types = ["courses.CoursePage", "courses.EthicsModulePage"]
    subpage_types = ["courses.LessonPage"]
    preview_modes = Offering.preview_modes

    class Meta:
        verbose_name = _("module")

    def permissions_for_user(self, user):
        return OfferingPermissionTester(user, self)

    def serve(self, request, *args, **kwargs):
        from ..learning import views

        return views.module_page(request, self)

    def serve_preview(self, request, mode_name):
        # The default preview renders the template with the page's bare context, without the offering's outline.
        return self.serve(request)


class LessonPage(RoutablePageMixin, Page):
    """One unit of learning; complete it by marking it done, or by passing its quiz if it has one."""

    summary = models.TextField(blank=True)
    estimated_minutes = models.PositiveSmallIntegerField(default=10)
    is_required = models.BooleanField(
        default=True, help_text=_("Required lessons (and every quiz) must be done to complete the offering.")
    )
    body = StreamField(lesson_blocks(), block_counts={"quiz": {"max_num": 1}})
    # Derived from `body` on save so progress can be computed without parsing every lesson's stream.
    has_quiz = models.BooleanField(default=False, editable=False)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("estimated_minutes"), FieldPanel("is_required")]),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("body")]
    parent_page_types = ["courses.ModulePage"]
    subpage_types: list[str] = []
    preview_modes = Offering.preview_modes

    class Meta:
        verbose_name = _("lesson")

    def permissions_for_user(self, user):
        return OfferingPermissionTester(user, self)

    @path("")
    def lesson_view(self, request):
        from ..learning import views

        return views.lesson_page(request, self)

    @path("complete/")
    def complete_view(self, request):
        from ..learning import views

        return views.complete_lesson(request, self)

    @path("quiz/")
    def quiz_view(self, request):
        from ..learning import views

        return views.submit_quiz(request, self)

    @property
    def quiz_block(self):
        """The lesson's quiz stream child (at most one), or None."""
        return next((child for child in self.body if child.block_type == "quiz"), None)

    @property
    def counts_towards_completion(self) -> bool:
        return self.is_required or self.has_quiz

    def save(self, *args, **kwargs):
        self.has_quiz = self.quiz_block is not None
        return super().save(*args, **kwargs)

    def full_clean(self, *args, **kwargs):
        self.has_quiz = self.quiz_block is not None
        return super().full_clean(*args, **kwargs)
