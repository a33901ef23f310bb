"""Thin views of the catalog outside the page tree: the partner list, a partner's page and a campaign's page,
each listing the offerings (of every format) the viewer may see.

Partners and campaigns are translatable snippets: offerings point at the original row, the reader is shown the
row of their language (cms/translated_snippets.py), and each offering is listed once, as its page in the
reader's locale (courses/translations.py)."""

from __future__ import annotations

from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from cms.models import Campaign, Partner
from cms.translated_snippets import in_reader_language, original_of, originals, reader_language, with_reader_words
from lms.access import visible_access_levels

from ..events.session_times import SessionTime, attach_next_sessions, session_time, viewer_zone, with_next_session
from ..models import Offering, Session
from ..translations import in_reader_locale
from .listing import card_prefetches


def _visible_offerings(queryset, viewer):
    """Each offering once, in the reader's language, if the viewer may see it."""
    return (in_reader_locale(queryset).live().filter(access_level__in=visible_access_levels(viewer))
            .prefetch_related(*card_prefetches()))


def _named(model, slug: str):
    """The row a slug names (slugs are unique per language, so the reader's language's row first), as its
    original (what offerings point at) and the row the reader is shown: three queries at most."""
    rows = sorted(model.objects.filter(slug=slug).select_related("locale")[:20],
                  key=lambda row: (row.locale.language_code != reader_language(), row.pk))
    if not rows:
        raise Http404
    original = original_of(rows[0])
    return original, in_reader_language(original)


@require_safe
def partner_list(request) -> TemplateResponse:
    partners = with_reader_words(originals(Partner.objects.select_related("logo")), "name", "description")
    return TemplateResponse(request, "courses/partner_list.html", {"partners": partners.order_by("shown_name")})


@require_safe
def partner_detail(request, slug: str) -> TemplateResponse:
    original, partner = _named(Partner, slug)
    zone_name = viewer_zone()
    offerings = _visible_offerings(original.co_hosted_offerings.all(), request.user)
    offerings = offerings.order_by("-programme_year", "title")
    offerings = attach_next_sessions(with_next_session(offerings), zone_name)
    upcoming = sorted((o for o in offerings if o.next_session), key=lambda o: o.next_session.session.starts_at)
    others = [o for o in offerings if not o.next_session]
    return TemplateResponse(
        request, "courses/partner_page.html",
        {"partner": partner, "original": original, "upcoming": upcoming, "others": others, "viewer_zone": zone_name},
    )


@require_safe
def campaign_detail(request, slug: str) -> TemplateResponse:
    original, campaign = _named(Campaign, slug)
    zone_name = viewer_zone()
    offerings = list(_visible_offerings(original.offerings.all(), request.user).order_by("title"))
    events = [o for o in offerings if o.takes_registrations]
    by_event: dict[int, list[SessionTime]] = {o.pk: [] for o in events}
    # Sessions belong to the original page of each event (a translation's are copies nothing reads).
    original_ids = dict(originals(Offering.objects.filter(translation_key__in=[o.translation_key for o in events]))
                        .values_list("pk", "translation_key"))
    shown_by_key = {o.translation_key: o.pk for o in events}
    for session in Session.objects.filter(event_id__in=list(original_ids)).order_by("starts_at", "pk"):
        by_event[shown_by_key[original_ids[session.event_id]]].append(session_time(session, zone_name))
    for event in events:
        event.session_times = by_event[event.pk]
    first_start = {o.pk: (by_event[o.pk][0].session.starts_at if by_event[o.pk] else None) for o in events}
    events.sort(key=lambda o: (first_start[o.pk] is None, first_start[o.pk] or timezone.now()))
    return TemplateResponse(
        request, "courses/campaign_page.html",
        {
            "campaign": campaign,
            "events": events,
            "courses": [o for o in offerings if not o.takes_registrations],
            "viewer_zone": zone_name,
        },
    )
