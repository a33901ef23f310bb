"""The catalog's pages: its index, and `Offering`, the base every format (course, ethics module, workshop,
webinar) shares. What only some formats do lives with them: enrolment routes in `learning`, sessions in `events`."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.translated_snippets import shown_words
from lms.access import AccessLevel
from lms.fields import MultipleChoiceJSONField
from lms.models import LANGUAGE_CHOICES, CareerStage
from lms.original_rows import original_campaigns, original_partners, original_topics
from lms.printed_names import printed_field_errors
from lms.roles import INSTRUCTOR

from ..learning.blocks import overview_blocks


class Level(models.TextChoices):
    INTRODUCTORY = "introductory", _("Introductory")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")


class CpdCreditType(models.TextChoices):
    GENERAL = "general", _("General CPD")
    TECHNICAL = "technical", _("Technical practice")
    LEADERSHIP = "leadership", _("Leadership and management")
    ETHICS = "ethics", _("Ethics / responsible conduct of research")
    # Mentoring, volunteering and teaching for the profession; CPD schemes often cap it (certificates/cpd).
    GIVING_BACK = "giving_back", _("Giving back to the profession")


# The words the site gives the catalog page when it creates it (courses/catalog/setup.py): the site's own, so read in
# each reader's language until an editor writes others, which are content and shown as written.
CATALOG_TITLE = gettext_noop("Catalog")
CATALOG_INTRO = gettext_noop("Courses, workshops, webinars and ethics modules for every career stage.")


class CatalogIndexPage(Page):
    """Lists the offerings below it that the viewer may see, with simple filters."""

    intro = models.TextField(blank=True)
    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = [
        "courses.CoursePage", "courses.EthicsModulePage", "courses.WorkshopPage", "courses.WebinarPage",
        "courses.LearningPathPage",
    ]
    max_count = 1

    def permissions_for_user(self, user):
        from ..catalog.permissions import CatalogPermissionTester

        return CatalogPermissionTester(user, self)

    def shown_title(self) -> str:
        return gettext(CATALOG_TITLE) if self.title == CATALOG_TITLE else self.title

    def shown_intro(self) -> str:
        return gettext(CATALOG_INTRO) if self.intro == CATALOG_INTRO else self.intro

    def get_context(self, request, *args, **kwargs):
        from ..catalog.listing import catalog_context
        from ..paths.listing import catalog_paths

        context = super().get_context(request, *args, **kwargs)
        context.update(catalog_context(self, request))
        context["paths"] = catalog_paths(self, context["selected"], context["offerings"].number)
        return context


class Offering(RoutablePageMixin, Page):
    """What every offering carries, whatever its format; concrete types add their own rules and routes (the
    self-paced formats enrol, leave and attest; events register, cancel and join).

    Multi-table inheritance gives one table to query across formats (catalog, dashboard, search).
    """

    FORMAT = "offering"
    FORMAT_LABEL = _("Offering")
    # Events take registrations for sessions; everything else takes enrolments.
    TAKES_REGISTRATIONS = False

    summary = models.TextField(help_text=_("One or two sentences for catalog cards and search results."))
    image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text=_("Shown on the catalog card and at the top of the page; wide (16:9) pictures fit best."),
    )
    image_alt_text = models.CharField(
        max_length=250, blank=True, verbose_name=_("image alt text"),
        help_text=_("What the picture shows, for people who cannot see it. Required with an image; the image's own "
                    "description is used when this is left blank."),
    )
    overview = StreamField(overview_blocks(), blank=True)
    topics = ParentalManyToManyField(
        "cms.Topic", blank=True, related_name="offerings", limit_choices_to=original_topics
    )
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
        "cms.Partner", blank=True, related_name="co_hosted_offerings", limit_choices_to=original_partners,
        verbose_name=_("partner co-hosts"),
        help_text=_("Partner organisations co-hosting this; their host accounts see its registrations."),
    )
    campaigns = ParentalManyToManyField(
        "cms.Campaign", blank=True, related_name="offerings", limit_choices_to=original_campaigns,
        help_text=_("Themed campaigns (a month of flow events, say) whose landing pages list this."),
    )
    prerequisites = ParentalManyToManyField(
        "courses.Offering", blank=True, symmetrical=False, related_name="required_by",
        help_text=_("Offerings a learner must have completed before enrolling."),
    )
    featured = models.BooleanField(
        default=False, verbose_name=_("Feature on the home page"),
        help_text=_("Listed among the featured offerings on the home page while it is live."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt_text")], heading=_("Image")),
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
        # Evaluations (courses/evaluations/questions.py): the original's questions are asked; a translation's give
        # only their wording in its language.
        InlinePanel("evaluation_questions", max_num=5, heading=_("Evaluation questions"),
                    help_text=_("Up to five questions of your own, answered in words after the standard ones.")),
    ]
    promote_panels = Page.promote_panels + [FieldPanel("featured")]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.FilterField("access_level")]
    parent_page_types = ["courses.CatalogIndexPage"]
    subpage_types: list[str] = []
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

    def shown_topics(self):
        """The page's topics, each named in the reader's language (`shown_name`), in the same one query."""
        return shown_words(self.topics.all(), "name")

    def permissions_for_user(self, user):
        from ..catalog.permissions import OfferingPermissionTester

        return OfferingPermissionTester(user, self)

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
        self.image_alt_text = (self.image_alt_text or "").strip()
        if self.image_id and not self.image_alt_text:
            self.image_alt_text = (getattr(self.image, "description", "") or "").strip()[:250]
            if not self.image_alt_text:
                errors["image_alt_text"] = _("Describe the image for people who cannot see it.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        """A translation of a self-paced offering is taught in its locale's language (its lessons are translated with
        it), so it says so; an event's translation only describes the original's sessions, held in the original's
        language, and an alias shows the original's words: both keep the original's language."""
        fields = kwargs.get("update_fields")
        if (not self.TAKES_REGISTRATIONS and self.pk is not None and self.alias_of_id is None
                and (fields is None or "language" in fields)):
            from ..translations import is_translation  # the models load before the rules that read them

            language = self.locale.language_code
            if language in dict(LANGUAGE_CHOICES) and is_translation(self):
                self.language = language
        return super().save(*args, **kwargs)

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
