"""The site shell: home and standard pages, the Topic, Partner and Campaign snippets, site-wide settings."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from lms import onboarding
from lms.extension_points import home_panels, rendered
from lms.roles import PARTNER_HOST, signed_in


class HomePage(Page):
    """The site's front page: an introduction and links into the catalog."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])
    body = StreamField(
        [
            ("heading", blocks.CharBlock(form_classname="title")),
            ("paragraph", blocks.RichTextBlock(features=["bold", "italic", "link", "ul", "ol"])),
        ],
        blank=True,
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    def get_context(self, request, *args, **kwargs):
        """The panels the feature packages add for whoever is looking (lms.extension_points.HOME_PANELS): what is on
        for a visitor, a member's own next steps for a member."""
        context = super().get_context(request, *args, **kwargs)
        context["panels"] = rendered(home_panels(request), request)
        context["new_member"] = signed_in(request.user) and onboarding.is_new(request.user, timezone.now())
        return context


class StandardPage(Page):
    """An ordinary content page (about, membership, code of conduct). "Show in menus" (Promote tab) lists a page
    of the home page's in every page's footer (cms/templatetags/site_shell.py)."""

    body = StreamField(
        [
            ("heading", blocks.CharBlock(form_classname="title")),
            ("paragraph", blocks.RichTextBlock()),
        ],
        blank=True,
    )
    content_panels = Page.content_panels + [FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]


# What one person may type into a report: a long account of what happened fits; a pasted book does not.
REPORT_FIELD_MAX_CHARS = 5000


class ConductFormField(AbstractFormField):
    page = ParentalKey("ConductReportPage", on_delete=models.CASCADE, related_name="form_fields")


class ConductReportPage(AbstractEmailForm):
    """How anyone reports harassment or another breach of the code of conduct: each report is stored (the page's
    submissions, which only editors of this page can read) and e-mailed to the conduct team's address."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link", "ul"])
    thank_you_text = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = AbstractEmailForm.content_panels + [
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Form fields")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]), FieldPanel("subject")],
            heading=_("Where reports are sent"),
        ),
    ]
    parent_page_types = ["cms.HomePage"]
    max_count = 1

    class Meta:
        verbose_name = _("conduct report form")

    def get_form(self, *args, **kwargs):
        """Every answer bounded (Wagtail's multi-line fields have no length limit of their own) and each field
        described by its help text for screen readers."""
        form = super().get_form(*args, **kwargs)
        for name, field in form.fields.items():
            if field.help_text:  # the template prints it with this id, before the field
                field.widget.attrs["aria-describedby"] = f"{form[name].id_for_label}-help"
            if getattr(field, "max_length", "absent") is None:
                field.max_length = REPORT_FIELD_MAX_CHARS
                field.widget.attrs["maxlength"] = str(REPORT_FIELD_MAX_CHARS)
                field.validators.append(MaxLengthValidator(REPORT_FIELD_MAX_CHARS))
        return form


@register_snippet
class Topic(TranslatableMixin, index.Indexed, models.Model):
    """A subject area offerings are tagged with; offerings rotate through topics year to year."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120)
    description = models.TextField(blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "name"], name="cms_topic_name_per_locale"),
            models.UniqueConstraint(fields=["locale", "slug"], name="cms_topic_slug_per_locale"),
        ]

    def __str__(self):
        return self.name


@register_snippet
class Partner(TranslatableMixin, index.Indexed, ClusterableModel):
    """An organisation that co-hosts offerings with the association; its host accounts see those registrations."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200)
    website = models.URLField(blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    description = models.TextField(blank=True)
    hosts = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="hosted_partners",
        limit_choices_to={"is_active": True, "groups__name": PARTNER_HOST},
        verbose_name=_("host accounts"),
        help_text=_(
            "Partner-host users who act for this partner: they see registrations and attendance for the events "
            "it co-hosts, and may propose edits to those event pages."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("website"),
        FieldPanel("logo"),
        FieldPanel("description"),
        InlinePanel("contacts", heading=_("Contacts"), label=_("Contact")),
        FieldPanel("hosts"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "name"], name="cms_partner_name_per_locale"),
            models.UniqueConstraint(fields=["locale", "slug"], name="cms_partner_slug_per_locale"),
        ]

    def __str__(self):
        return self.name


class PartnerContact(Orderable):
    """A person at the partner the association deals with (not necessarily someone with an account)."""

    partner = ParentalKey(Partner, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=200, blank=True, help_text=_("e.g. 'Events lead'."))
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=50, blank=True)

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("role")]), FieldRowPanel([FieldPanel("email"),
              FieldPanel("phone")])]

    def __str__(self):
        return f"{self.name} ({self.partner})"


@register_snippet
class Campaign(TranslatableMixin, index.Indexed, models.Model):
    """A themed run of offerings (a month of flow-themed events, say) with its own landing page."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, help_text=_("The landing page's address."))
    summary = models.CharField(max_length=300, help_text=_("One sentence for cards and the landing page."))
    description = RichTextField(blank=True, features=["bold", "italic", "link", "ul", "ol"])
    starts_on = models.DateField()
    ends_on = models.DateField()
    image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    image_alt_text = models.CharField(max_length=200, blank=True, help_text=_("Blank if the image is decorative."))

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt_text")], heading=_("Image")),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["-starts_on", "name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "name"], name="cms_campaign_name_per_locale"),
            models.UniqueConstraint(fields=["locale", "slug"], name="cms_campaign_slug_per_locale"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("A campaign cannot end before it starts.")})


@register_setting(icon="site")
class SiteIdentity(BaseSiteSetting):
    """Names and links shown on every page."""

    association_name = models.CharField(
        max_length=200, default="Value Stream Management Consortium"
    )
    join_url = models.URLField(
        blank=True, help_text=_("Where non-members go to join the association.")
    )
    contact_email = models.EmailField(blank=True)
    footer_text = models.CharField(max_length=300, blank=True)

    panels = [
        FieldPanel("association_name"),
        FieldPanel("join_url"),
        FieldPanel("contact_email"),
        FieldPanel("footer_text"),
    ]

    @classmethod
    def for_request(cls, request):
        """From the host's cached shell (cms/page_routing.py) when there is one; Wagtail's own read otherwise."""
        from cms.page_routing import attach_shell

        attach_shell(request)
        return super().for_request(request)

    class Meta:
        verbose_name = _("site identity")
