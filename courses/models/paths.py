"""Learning paths: a page staff and instructors write in the catalog (a programme of offerings leading to a
programme certificate), and the one row that records a member finishing it, so `path_completed` is sent once.

A path is translated like any page (every locale's tree has it, cms/locale_trees.py); its steps are read from the
original path and point at original offerings, where members' enrolments and attendance are kept
(lms/original_rows.py), so progress is the same in every language.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from lms.printed_names import printed_field_errors

from ..original_parts import drop_original_parts
from ..paths.blocks import PathStepsBlock
from ..paths.step_editing import StepsPanel


class LearningPathPageForm(WagtailAdminPageForm):
    """A translation's form has no steps: they are edited on the original (paths/step_editing.py)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        drop_original_parts(self, self.instance, fields=["steps"])


class LearningPathPage(Page):
    """A programme: its steps, in order or in any order, each perhaps needing others first."""

    summary = models.TextField(help_text=_("One or two sentences for the catalog and My learning."))
    image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    image_alt_text = models.CharField(
        max_length=250, blank=True, verbose_name=_("image alt text"),
        help_text=_("What the picture shows, for people who cannot see it. Required with an image."),
    )
    ordered = models.BooleanField(
        default=True, verbose_name=_("take the steps in order"),
        help_text=_("Ticked: members are pointed to the steps one after another. Unticked: in any order (steps "
                    "can still need others first)."),
    )
    steps = StreamField(PathStepsBlock(), help_text=_("Read from the original page: a translation's steps are the "
                                                      "original's."))

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt_text")], heading=_("Image")),
        FieldPanel("ordered"),
        StepsPanel("steps", heading=_("Steps")),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary")]
    parent_page_types = ["courses.CatalogIndexPage"]
    subpage_types: list[str] = []
    base_form_class = LearningPathPageForm

    class Meta:
        verbose_name = _("learning path")

    def permissions_for_user(self, user):
        from ..catalog.permissions import LearningPathPermissionTester

        return LearningPathPermissionTester(user, self)

    def clean(self):
        super().clean()
        errors = printed_field_errors(self, ("title",))  # printed on the programme certificate
        self.image_alt_text = (self.image_alt_text or "").strip()
        if self.image_id and not self.image_alt_text:
            errors["image_alt_text"] = _("Describe the image for people who cannot see it.")
        if errors:
            raise ValidationError(errors)

    def get_context(self, request, *args, **kwargs):
        from ..paths.views import path_context

        context = super().get_context(request, *args, **kwargs)
        context.update(path_context(self, request))
        return context


class PathCompletion(models.Model):
    """A member finished every step of a path (the original page). Unique, so the announcement goes once."""

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="path_completions")
    path = models.ForeignKey(LearningPathPage, on_delete=models.CASCADE, related_name="completions")
    completed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["member", "path"], name="one_completion_per_member_and_path")]

    def __str__(self):
        return f"{self.member_id} completed path {self.path_id}"
