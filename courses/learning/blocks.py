"""StreamField blocks for lessons and offering pages, including the quiz and members-only blocks."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul", "blockquote", "code"]


class VideoBlock(blocks.StructBlock):
    """A video with its transcript. The player is shown only when a real video address is given; without one the
    block shows its poster and the transcript, so a lesson whose recording is not yet published reads complete
    rather than carrying an empty or broken frame."""

    title = blocks.CharBlock(help_text=_("Names the video for screen-reader users."))
    video = EmbedBlock(
        required=False,
        help_text=_("A YouTube, Vimeo or other oEmbed address; blank shows the poster and the transcript."),
    )
    poster = ImageChooserBlock(required=False, help_text=_("Shown in place of the player when there is no video."))
    poster_alt_text = blocks.CharBlock(
        required=False, max_length=250,
        help_text=_("What the poster shows, for people who cannot see it; blank if decorative."),
    )
    transcript = blocks.RichTextBlock(required=False, features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "media"
        template = "courses/blocks/video.html"

    def clean(self, value):
        value = super().clean(value)
        if not value.get("video") and not value.get("transcript"):
            raise StructBlockValidationError(
                block_errors={"transcript": ValidationError(_("Without a video address, give the transcript."))}
            )
        return value


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock()
    description = blocks.CharBlock(required=False)

    class Meta:
        icon = "doc-full"
        template = "courses/blocks/document.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        required=False, help_text=_("Describe the image for people who cannot see it; blank if decorative.")
    )
    caption = blocks.CharBlock(required=False)

    class Meta:
        icon = "image"
        template = "courses/blocks/image.html"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[("note", _("Note")), ("tip", _("Tip")), ("warning", _("Warning")), ("example", _("Example"))],
        default="note",
    )
    title = blocks.CharBlock(required=False)
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "warning"
        template = "courses/blocks/callout.html"


class ReflectionPromptBlock(blocks.StructBlock):
    prompt = blocks.TextBlock()
    guidance = blocks.RichTextBlock(required=False, features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "help"
        template = "courses/blocks/reflection.html"


class QuizChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock()
    correct = blocks.BooleanBlock(required=False)


class QuizQuestionBlock(blocks.StructBlock):
    prompt = blocks.TextBlock()
    kind = blocks.ChoiceBlock(
        choices=[("single", _("Single choice")), ("multiple", _("Multiple choice (select all that apply)"))],
        default="single",
    )
    choices = blocks.ListBlock(QuizChoiceBlock(), min_num=2)
    explanation = blocks.RichTextBlock(
        required=False, features=RICH_TEXT_FEATURES, help_text=_("Shown after an attempt.")
    )

    def clean(self, value):
        value = super().clean(value)
        correct = sum(1 for choice in value["choices"] if choice["correct"])
        if value["kind"] == "single" and correct != 1:
            raise StructBlockValidationError(
                block_errors={
                    "choices": ValidationError(_("A single-choice question needs exactly one correct answer."))
                }
            )
        if value["kind"] == "multiple" and correct < 1:
            raise StructBlockValidationError(
                block_errors={"choices": ValidationError(_("Mark at least one answer as correct."))}
            )
        return value


class QuizBlock(blocks.StructBlock):
    title = blocks.CharBlock(default=_("Check your understanding"))
    instructions = blocks.TextBlock(required=False)
    pass_mark = blocks.IntegerBlock(min_value=1, max_value=100, default=70, help_text=_("Percent needed to pass."))
    questions = blocks.ListBlock(QuizQuestionBlock(), min_num=1)

    class Meta:
        icon = "tasks"


def content_blocks():
    """The blocks any learning content may use (also the inside of a members-only block)."""
    return [
        ("rich_text", blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Rich text"))),
        ("video", VideoBlock()),
        ("document", DocumentBlock()),
        ("image", ImageBlock()),
        ("callout", CalloutBlock()),
        ("reflection", ReflectionPromptBlock()),
    ]


class MembersOnlyBlock(blocks.StructBlock):
    """Content shown only to members on member-enhanced pages; others see an invitation to join."""

    teaser = blocks.CharBlock(
        required=False, help_text=_("What non-members are told they are missing, e.g. 'Worked example'.")
    )
    content = blocks.StreamBlock(content_blocks())

    class Meta:
        icon = "lock"
        label = _("Members-only section")
        template = "courses/blocks/members_only.html"


def lesson_blocks():
    return content_blocks() + [("members_only", MembersOnlyBlock()), ("quiz", QuizBlock())]


def overview_blocks():
    return content_blocks() + [("members_only", MembersOnlyBlock())]
