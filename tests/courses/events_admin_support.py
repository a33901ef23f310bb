"""Shared set-up for the events-admin tests: people registered through the real rule, admin addresses."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from courses.events import registration as registration_rules
from courses.models import EventPage, Registration, Session


def register(member, session: Session, answers: list[dict] | None = None) -> Registration:
    """Register through the rule, now; for a session that has started, as if it were two days before its start."""
    now = timezone.now()
    when = now if session.starts_at > now else session.starts_at - timedelta(days=2)
    return registration_rules.register(member, session, answers, now=when).registration


def registrations_url(event) -> str:
    return reverse("courses_events:registrations", args=[event.pk])


def csv_url(event) -> str:
    return reverse("courses_events:registrations_csv", args=[event.pk])


def check_in_url(event, reg) -> str:
    return reverse("courses_events:check_in", args=[event.pk, reg.pk])


def upload_url(event, session) -> str:
    return reverse("courses_events:attendance_upload", args=[event.pk, session.pk])


def capacity_url(event, session) -> str:
    return reverse("courses_events:capacity", args=[event.pk, session.pk])


def move_url(event, reg) -> str:
    return reverse("courses_events:move", args=[event.pk, reg.pk])


def cancel_url(event, reg) -> str:
    return reverse("courses_events:cancel", args=[event.pk, reg.pk])


def history_url(event) -> str:
    return reverse("courses_events:history", args=[event.pk])


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def event_form(event: EventPage, **changes) -> dict:
    """What the event edit form posts (streams empty, sessions as they are)."""
    sessions = [
        {
            "id": str(s.pk), "title": s.title, "date": s.date.isoformat(), "start_time": s.start_time.strftime("%H:%M"),
            "end_time": s.end_time.strftime("%H:%M"), "end_date": "", "time_zone": s.time_zone,
            "capacity": "" if s.capacity is None else str(s.capacity), "language": s.language,
            "joining_url": s.joining_url, "venue": s.venue,
        }
        for s in Session.objects.filter(event=event).order_by("starts_at")
    ]
    data = nested_form_data(
        {
            "title": event.title, "slug": event.slug, "summary": event.summary, "overview": streamfield([]),
            "level": event.level, "language": event.language, "programme_year": str(event.programme_year),
            "edition": event.edition, "cpd_hours": str(event.cpd_hours), "cpd_credit_type": event.cpd_credit_type,
            "access_level": event.access_level, "members_open_on": "", "public_open_on": "",
            "registration_closes_minutes_before": str(event.registration_closes_minutes_before),
            "has_waitlist": "on" if event.has_waitlist else "",
            "attendance_threshold_percent": str(event.attendance_threshold_percent),
            "registration_questions": streamfield([]), "speakers": streamfield([]), "materials": streamfield([]),
            "sessions": inline_formset(sessions, initial=len(sessions), min=1),
            "evaluation_questions": inline_formset([]),
            "seo_title": "", "search_description": "", "go_live_at": "", "expire_at": "",
        }
    )
    data["co_hosts"] = [str(pk) for pk in event.co_hosts.values_list("pk", flat=True)]
    data["instructors"] = [str(pk) for pk in event.instructors.values_list("pk", flat=True)]
    data["topics"] = [str(pk) for pk in event.topics.values_list("pk", flat=True)]
    data.update(changes)
    return data
