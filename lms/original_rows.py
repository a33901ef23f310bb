"""Choices that offer only the original row of each translated topic, partner or campaign.

A translated snippet is a row per locale sharing one translation key (cms/translated_snippets.py); relations point at
the original, the row created first. Forms choosing topics, co-hosts or campaigns (the offering's promote and catalog
panels, a member's interests, a mentor's expertise) must offer each once, the original. These are `limit_choices_to`
callables, named by model label because lms imports no cms code.
"""

from __future__ import annotations

from django.apps import apps
from django.db.models import Exists, OuterRef, Q


def _originals(label: str) -> Q:
    model = apps.get_model(label)
    earlier = model._default_manager.filter(translation_key=OuterRef("translation_key"), pk__lt=OuterRef("pk"))
    return Q(~Exists(earlier))


def original_topics() -> Q:
    return _originals("cms.Topic")


def original_partners() -> Q:
    return _originals("cms.Partner")


def original_campaigns() -> Q:
    return _originals("cms.Campaign")
