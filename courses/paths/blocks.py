"""The steps of a learning path as the editor writes them: each an offering chooser and the other steps it needs
first. The stream refuses what could never be followed (prerequisites.py) and pages that are not originals."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import blocks
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.models import Page

from lms.original_rows import originals

from .prerequisites import Step, prerequisite_errors

OFFERING_TYPES = ["courses.CoursePage", "courses.EthicsModulePage", "courses.WorkshopPage", "courses.WebinarPage"]
MOST_STEPS = 40


class PathStepBlock(blocks.StructBlock):
    offering = blocks.PageChooserBlock(
        page_type=OFFERING_TYPES, label=gettext_lazy("Offering"),
        help_text=gettext_lazy("A course, ethics module, workshop or webinar, in its original language."),
    )
    requires = blocks.ListBlock(
        blocks.PageChooserBlock(page_type=OFFERING_TYPES, label=gettext_lazy("Step")),
        required=False, default=[], label=gettext_lazy("Needs first"),
        help_text=gettext_lazy("Other steps of this path a member must finish before this one; none if it can be "
                               "taken any time."),
    )

    class Meta:
        icon = "list-ol"
        label = gettext_lazy("Step")


class PathStepsBlock(blocks.StreamBlock):
    step = PathStepBlock()

    class Meta:
        min_num = 1
        max_num = MOST_STEPS

    def clean(self, value):
        value = super().clean(value)
        steps = [step_of(child.value) for child in value]
        errors = {index: StructBlockValidationError(block_errors={"requires": ValidationError(message)})
                  for index, message in prerequisite_errors(steps).items()}
        chosen = {step.offering_id for step in steps}
        kept = set(originals(Page.objects.filter(pk__in=chosen)).values_list("pk", flat=True))
        for index, step in enumerate(steps):
            if step.offering_id not in kept and index not in errors:
                errors[index] = StructBlockValidationError(block_errors={"offering": ValidationError(_(
                    "Choose the offering's original page (in the language it was written in): members' progress "
                    "is kept on the original, whichever translation they read."))})
        if errors:
            raise StreamBlockValidationError(block_errors=errors)
        return value


def step_of(value) -> Step:
    """A chosen step (a StructValue of pages) as the rule's plain `Step`."""
    return Step(value["offering"].pk, tuple(page.pk for page in value["requires"] if page is not None))
