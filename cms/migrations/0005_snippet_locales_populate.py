"""Every existing topic, partner and campaign becomes the original in the site's default language, with a
translation key of its own (Wagtail's documented path for making existing rows translatable)."""

import uuid

from django.conf import settings
from django.db import migrations
from wagtail.coreutils import get_supported_content_language_variant

SNIPPETS = ("Topic", "Partner", "Campaign")


def _populate(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    default, _created = Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    for name in SNIPPETS:
        model = apps.get_model("cms", name)
        for row in model.objects.filter(translation_key__isnull=True).only("pk"):
            model.objects.filter(pk=row.pk).update(translation_key=uuid.uuid4())
        model.objects.filter(locale__isnull=True).update(locale=default)


class Migration(migrations.Migration):
    dependencies = [("cms", "0004_snippet_locales")]

    operations = [migrations.RunPython(_populate, migrations.RunPython.noop)]
