"""StreamField blocks of event pages: speakers, registration questions and the materials released afterwards."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock


class SpeakerBlock(blocks.StructBlock):
    name = blocks.CharBlock()
    affiliation = blocks.CharBlock(required=False, help_text=_("Role and organisation, e.g. 'Head of Flow, Acme'."))
    bio = blocks.TextBlock(required=False)
    photo = ImageChooserBlock(required=False)
    profile_url = blocks.URLBlock(required=False, label=_("Profile link"))

    class Meta:
        icon = "user"


class RegistrationQuestionBlock(blocks.StructBlock):
    """One question on the registration form; answers are kept with the question as it was asked."""

    label = blocks.CharBlock(help_text=_("The question, e.g. 'Which team do you work in?'"))
    help_text = blocks.CharBlock(required=False)
    kind = blocks.ChoiceBlock(
        choices=[
            ("short_text", _("Short answer")),
            ("long_text", _("Paragraph")),
            ("choice", _("One of several options")),
            ("consent", _("Tick box (e.g. consent)")),
        ],
        default="short_text",
    )
    options = blocks.ListBlock(
        blocks.CharBlock(label=_("Option")), required=False, default=[],
        help_text=_("Only for 'One of several options'."),
    )
    required = blocks.BooleanBlock(required=False, default=False)

    class Meta:
        icon = "form"

    def clean(self, value):
        value = super().clean(value)
        options = [option for option in value["options"] if option.strip()]
        if value["kind"] == "choice" and len(options) < 2:
            raise StructBlockValidationError(
                block_errors={"options": ValidationError(_("Give at least two options to choose from."))}
            )
        if value["kind"] != "choice" and options:
            raise StructBlockValidationError(
                block_errors={"options": ValidationError(_("Options are only used by 'One of several options'."))}
            )
        return value


class MaterialBlock(blocks.StructBlock):
    """Slides, a recording or a handout, released when the event is over."""

    title = blocks.CharBlock()
    kind = blocks.ChoiceBlock(
        choices=[("slides", _("Slides")), ("recording", _("Recording")), ("handout", _("Handout")),
                 ("other", _("Other"))],
        default="slides",
    )
    document = DocumentChooserBlock(required=False)
    link = blocks.URLBlock(required=False, help_text=_("A recording or page elsewhere, if not a document."))
    members_only = blocks.BooleanBlock(required=False, default=False, help_text=_("Only members may open it."))

    class Meta:
        icon = "doc-full-inverse"

    def clean(self, value):
        value = super().clean(value)
        if bool(value["document"]) == bool(value["link"]):
            raise StructBlockValidationError(
                block_errors={"link": ValidationError(_("Choose a document or give a link (one of the two)."))}
            )
        return value
