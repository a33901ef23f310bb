"""Offerings' pictures and videos: an image on the card and the page in responsive sizes with its text alternative
(required when there is an image), and a video block that shows a poster and the transcript when no video is given
instead of an empty or broken player."""

import re
import uuid

import pytest
from django.core.exceptions import ValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

from courses.learning import enrolment as enrolment_rules
from courses.learning.blocks import VideoBlock
from tests import factories
from tests.certificates.factories import make_image, png_bytes

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


def wide_image(title="Flow chart", description=""):
    image = make_image(title=title, filename="flow.png", content=png_bytes(1200, 675))
    if description:
        image.description = description
        image.save()
    return image


def test_an_image_needs_its_text_alternative():
    offering = factories.build_offering()
    offering.image = wide_image()
    offering.image_alt_text = "  "
    with pytest.raises(ValidationError) as refused:
        offering.full_clean()
    assert "image_alt_text" in refused.value.message_dict


def test_the_images_own_description_stands_in_for_a_blank_alt_text():
    offering = factories.build_offering()
    offering.image = wide_image(description="A bar chart of weekly throughput.")
    offering.image_alt_text = ""
    offering.full_clean()
    assert offering.image_alt_text == "A bar chart of weekly throughput."


def test_no_image_needs_no_alt_text():
    offering = factories.build_offering()
    offering.full_clean()


def test_card_and_page_show_the_image_in_several_sizes_with_its_alt_text(client):
    offering = factories.build_offering(title="Seeing Flow")
    offering.image = wide_image()
    offering.image_alt_text = "A bar chart of weekly throughput."
    offering.save_revision().publish()
    for url in ("/catalog/", offering.url):
        html = client.get(url).content.decode()
        [img] = [tag for tag in re.findall(r"<img\b[^>]*>", html) if 'alt="A bar chart of weekly throughput."' in tag]
        srcset = re.search(r'srcset="([^"]*)"', img).group(1)
        assert len(srcset.split(",")) >= 2 and ".webp" in srcset, img  # several widths, in WebP
        assert " sizes=" in img, img


def lesson_with(video_value):
    offering = factories.build_offering(modules=1, lessons_per_module=1)
    lesson = factories.lessons_of(offering)[0]
    lesson.body = [*lesson.body.raw_data, {"type": "video", "id": str(uuid.uuid4()), "value": video_value}]
    lesson.save_revision().publish()
    return lesson


def test_a_video_without_an_address_shows_its_poster_and_transcript_and_no_player(client, learner):
    poster = wide_image(title="Poster")
    lesson = lesson_with({"title": "Flow in five minutes", "video": "", "poster": poster.pk,
                          "poster_alt_text": "", "transcript": "<p>Flow time is the elapsed time.</p>"})
    enrolment_rules.enrol(learner, lesson.get_parent().get_parent().specific)
    client.force_login(learner)
    html = client.get(lesson.url).content.decode()
    figure = html[html.index('<figure class="video">'):]
    figure = figure[:figure.index("</figure>")]
    assert "Flow in five minutes" in figure
    assert "<iframe" not in figure and "Watch" not in figure
    assert 'class="video-poster"' in figure and 'alt=""' in figure and "srcset=" in figure
    assert "Flow time is the elapsed time." in figure


def test_a_video_block_needs_a_video_or_its_transcript():
    block = VideoBlock()
    value = block.to_python({"title": "Flow", "video": "", "poster": None, "poster_alt_text": "", "transcript": ""})
    with pytest.raises(StructBlockValidationError) as refused:
        block.clean(value)
    assert "transcript" in refused.value.block_errors
    ok = block.to_python({"title": "Flow", "video": "", "poster": None, "poster_alt_text": "",
                          "transcript": "<p>Flow time.</p>"})
    block.clean(ok)
