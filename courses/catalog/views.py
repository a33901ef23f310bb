"""Thin views of the catalog outside the page tree: the partner list, a partner's page and a campaign's page,
each listing the offerings (of every format) the viewer may see."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from cms.models import Campaign, Partner
from lms.access import visible_access_levels

from ..events.session_times import SessionTime, attach_next_sessions, session_time, viewer_zone, with_next_session
from ..models import Session


def _visible_offerings(queryset, viewer):
    return queryset.live().filter(access_level__in=visible_access_levels(viewer)).prefetch_related("co_hosts")


@require_safe
def partner_list(request) -> TemplateResponse:
    partners = Partner.objects.select_related("logo").order_by("name")
    return TemplateResponse(request, "courses/partner_list.html", {"partners": partners})


@require_safe
def partner_detail(request, slug: str) -> TemplateResponse:
    partner = get_object_or_404(Partner.objects.select_related("logo"), slug=slug)
    zone_name = viewer_zone()
    offerings = _visible_offerings(partner.co_hosted_offerings.all(), request.user).order_by("-programme_year", "title")
    offerings = attach_next_sessions(with_next_session(offerings), zone_name)
    upcoming = sorted((o for o in offerings if o.next_session), key=lambda o: o.next_session.session.starts_at)
    others = [o for o in offerings if not o.next_session]
    return TemplateResponse(
        request, "courses/partner_page.html",
        {"partner": partner, "upcoming": upcoming, "others": others, "viewer_zone": zone_name},
    )


@require_safe
def campaign_detail(request, slug: str) -> TemplateResponse:
    campaign = get_object_or_404(Campaign.objects.select_related("image"), slug=slug)
    zone_name = viewer_zone()
    offerings = list(_visible_offerings(campaign.offerings.all(), request.user).order_by("title"))
    events = [o for o in offerings if o.takes_registrations]
    by_event: dict[int, list[SessionTime]] = {o.pk: [] for o in events}
    for session in Session.objects.filter(event_id__in=list(by_event)).order_by("starts_at", "pk"):
        by_event[session.event_id].append(session_time(session, zone_name))
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
