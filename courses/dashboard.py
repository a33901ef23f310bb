"""'My learning': one member's courses in progress and completed, upcoming and attended sessions, CPD totals,
the transcript, and the recommendations panel (the rule is `recommendations.py`). It reads both learning and events,
so it sits above them; neither imports it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET
from wagtail.models import Page

from cms import page_cache
from lms.extension_points import my_learning_panels, rendered
from lms.spreadsheets import SpreadsheetWriter

from .events.registration import waitlist_position, with_waitlist_places
from .events.times import TimeSpan, span_in
from .learning.progress import counting_lessons_of, percent_done, pick_resume_lesson
from .models import CalendarFeed, Enrolment, LessonCompletion, Registration
from .recommendation_cache import cached_recommendations
from .translations import in_reader_language_each

RECOMMENDATIONS_TEMPLATE = "courses/_dashboard_recommendations.html"
# How late My learning may be in showing what only time changes (a session over, a window closed).
CLOCK_SECONDS = 60
# ---------------------------------------------------------------------------------------------- what it shows


@dataclass
class DashboardEntry:
    """An offering in progress; `offering` and `resume_lesson` are the pages in the reader's language (a
    translation or an alias), the enrolment and the progress are the original's."""

    enrolment: Enrolment
    percent: int
    resume_lesson: Page | None
    offering: Page | None = None


@dataclass(frozen=True)
class CompletedEntry:
    """A completed offering: its record, the page in the reader's language (None once deleted) and the title to
    show: the translation's when the reader has one, else the title credited at completion."""

    enrolment: Enrolment
    offering: Page | None
    title: str


@dataclass(frozen=True)
class UpcomingRegistration:
    """A seat or waitlist place for a session still to come, with its time in the member's zone."""

    registration: Registration
    time: TimeSpan
    waitlist_place: int | None

    @property
    def starts_iso(self) -> str:
        return self.time.starts.isoformat()


@dataclass
class Dashboard:
    in_progress: list[DashboardEntry]
    completed: list[CompletedEntry]
    cpd_hours_this_year: Decimal
    cpd_hours_total: Decimal
    rcr_minutes_total: int
    upcoming: list[UpcomingRegistration] = field(default_factory=list)
    attended: list[Registration] = field(default_factory=list)


def learning_dashboard(member, today=None) -> Dashboard:
    """Everything 'My learning' shows, in a fixed number of queries however many enrolments; each offering and
    lesson linked in the reader's language (one query for them all)."""
    today = today or timezone.localdate()
    enrolments = list(
        Enrolment.objects.filter(member=member)
        .filter(Q(is_active=True) | Q(completed_at__isnull=False))
        .select_related("offering", "last_lesson")
        .order_by("-completed_at", "-last_activity_at", "-enrolled_at")
    )
    open_enrolments = [
        (e, e.offering) for e in enrolments if e.completed_at is None and e.offering is not None and e.offering.live
    ]
    counting = counting_lessons_of([offering for _, offering in open_enrolments])
    lesson_ids = [lesson.pk for lessons in counting.values() for lesson in lessons]
    done_ids = set(
        LessonCompletion.objects.filter(member=member, lesson_id__in=lesson_ids).values_list("lesson_id", flat=True)
    ) if lesson_ids else set()
    progress = []
    for e, offering in open_enrolments:
        mine = counting[offering.pk]
        done = sum(1 for lesson in mine if lesson.pk in done_ids)
        progress.append((e, offering, percent_done(done, len(mine)), pick_resume_lesson(mine, done_ids, e.last_lesson)))
    completed = [e for e in enrolments if e.completed_at is not None]
    shown = in_reader_language_each(
        [e.offering for e in enrolments if e.offering is not None]
        + [resume for *_rest, resume in progress if resume is not None]
    )
    in_progress = [
        DashboardEntry(e, percent, resume and shown.get(resume.translation_key, resume),
                       shown.get(offering.translation_key, offering))
        for e, offering, percent, resume in progress
    ]
    this_year = [e for e in completed if timezone.localtime(e.completed_at).year == today.year]
    upcoming, attended = _dashboard_registrations(member)
    attended_this_year = [r for r in attended if timezone.localtime(r.session.starts_at).year == today.year]
    return Dashboard(
        in_progress=in_progress,
        completed=[_completed_entry(e, shown) for e in completed],
        cpd_hours_this_year=_hours(this_year) + _hours(attended_this_year),
        cpd_hours_total=_hours(completed) + _hours(attended),
        rcr_minutes_total=sum(e.credited_rcr_minutes or 0 for e in completed),
        upcoming=upcoming,
        attended=attended,
    )


def _completed_entry(enrolment: Enrolment, shown: dict[str, Page]) -> CompletedEntry:
    original = enrolment.offering
    if original is None:
        return CompletedEntry(enrolment, None, enrolment.credited_title)
    page = shown.get(original.translation_key, original)
    translated = page.pk != original.pk and page.alias_of_id is None
    return CompletedEntry(enrolment, page, page.title if translated else enrolment.credited_title)


def _hours(credited) -> Decimal:
    """CPD hours credited by completed enrolments or attended sessions (snapshots, not today's page values)."""
    return sum((c.credited_cpd_hours or Decimal(0) for c in credited), Decimal(0))


def _dashboard_registrations(member) -> tuple[list[UpcomingRegistration], list[Registration]]:
    """Upcoming seats and waitlist places (live events), and attended sessions, newest first; one query (the
    waitlist places counted inside it)."""
    now = timezone.now()
    Status = Registration.Status
    registrations = list(
        with_waitlist_places(Registration.objects.filter(member=member))
        .filter(
            Q(attended=True)
            | Q(status__in=[Status.CONFIRMED, Status.WAITLISTED], session__ends_at__gt=now, session__event__live=True)
        )
        .select_related("session__event")
        .order_by("session__starts_at", "pk")
    )
    zone_name = getattr(member, "time_zone", "") or "UTC"
    upcoming = [
        UpcomingRegistration(r, span_in(r.session.starts_at, r.session.ends_at, zone_name), waitlist_position(r))
        for r in registrations
        if r.is_active and r.session.ends_at > now and r.session.event.live
    ]
    attended = sorted((r for r in registrations if r.attended), key=lambda r: r.session.starts_at, reverse=True)
    return upcoming, attended


def recommendations_panel(request) -> tuple[str, dict] | None:
    """The "Recommended for you" panel (a `my_learning_panels` hook, courses/wagtail_hooks.py), with an empty state
    pointing to the profile's interests. Kept per member in the cache (recommendation_cache.py says why that is
    safe)."""
    if not request.user.is_authenticated:
        return None
    return RECOMMENDATIONS_TEMPLATE, {"recommendations": cached_recommendations(request.user, timezone.now())}


# ---------------------------------------------------------------------------------------------- views


@login_required
@require_GET
def dashboard(request):
    """Kept whole for the member while nothing it shows changes (cms/page_cache.py), and for at most
    CLOCK_SECONDS: sessions leave "Upcoming" and answer windows close as time passes, with no write to tell."""
    return page_cache.for_viewer(request, lambda: _dashboard_page(request), clock_seconds=CLOCK_SECONDS)


def _dashboard_page(request) -> TemplateResponse:
    summary = learning_dashboard(request.user)
    feed = CalendarFeed.objects.get_or_create(member=request.user)[0]  # the private feed exists from first view
    return TemplateResponse(
        request,
        "courses/dashboard.html",
        {
            "dashboard": summary,
            "year": timezone.localdate().year,
            "calendar_feed_url": request.build_absolute_uri(reverse("events:calendar_feed", args=[feed.token])),
            "viewer_zone": timezone.get_current_timezone_name(),
            # Sections other packages add (certificates, mentoring), which courses must not import.
            "extra_panels": rendered(my_learning_panels(request), request),
        },
    )


@login_required
@require_GET
def transcript_csv(request):
    """The member's completed offerings and attended events with credited CPD hours, as a spreadsheet-friendly CSV."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"transcript-{timezone.localdate().isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # BOM so spreadsheet programs read UTF-8 names correctly
    writer = SpreadsheetWriter(response)
    writer.writerow(
        ["Offering", "Format", "Programme year", "Enrolled on", "Completed on", "CPD hours", "CPD credit type",
         "RCR minutes"]
    )
    completed = (
        Enrolment.objects.filter(member=request.user, completed_at__isnull=False)
        .select_related("offering")
        .order_by("completed_at")
    )
    rows = [
        (
            e.completed_at,
            [
                e.credited_title,
                e.offering.format_label if e.offering else "",
                e.offering.programme_year if e.offering else "",
                timezone.localtime(e.enrolled_at).date().isoformat(),
                timezone.localtime(e.completed_at).date().isoformat(),
                e.credited_cpd_hours if e.credited_cpd_hours is not None else "",
                e.get_credited_cpd_credit_type_display(),
                e.credited_rcr_minutes if e.credited_rcr_minutes is not None else "",
            ],
        )
        for e in completed
    ]
    # Attended events: registered on, then attended on the session's day (in the member's zone).
    attended = Registration.objects.filter(member=request.user, attended=True).select_related("session__event")
    rows += [
        (
            r.session.starts_at,
            [
                r.credited_title or r.session.event.title,
                r.session.event.format_label,
                r.session.event.programme_year,
                timezone.localtime(r.registered_at).date().isoformat(),
                timezone.localtime(r.session.starts_at).date().isoformat(),
                r.credited_cpd_hours if r.credited_cpd_hours is not None else "",
                r.get_credited_cpd_credit_type_display(),
                "",
            ],
        )
        for r in attended
    ]
    for _when, row in sorted(rows, key=lambda entry: entry[0]):
        writer.writerow(row)
    return response
