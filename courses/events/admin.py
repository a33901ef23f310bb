"""The admin side of workshops and webinars: registration lists, attendance, seats, and the programme planner.

Every view checks, on the server and for the object in its address, who may do what (`registration_access`,
`lms.roles`); a refusal is a 403 page inside the admin, an unknown or mismatched id a 404. The decisions
themselves belong to the rule modules (`registration`, `attendance`, `programme_planner`); these views only read
the request, call them and show what they answered.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC
from typing import cast

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import F, Max
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages

from lms import url_ids  # noqa: F401  (registers <id:...>)
from lms.confirmation import Confirmation, confirmation_page, is_confirmed
from lms.refusal import Refused
from lms.spreadsheets import SpreadsheetWriter
from lms.staff_admin import StaffAdminView

from ..models import EventPage, Registration, RegistrationChange, Session
from ..models.registration import answer_text
from ..translations import original_of
from . import attendance, registration
from .programme_planner import programme_plan
from .registration_access import events_managed_by, may_change_seats, may_manage_registrations
from .times import span_in

Status = Registration.Status
EVENTS_PER_PAGE = 20
HISTORY_PER_PAGE = 50
RECENT_HISTORY = 10


def viewer_zone(user) -> str:
    return getattr(user, "time_zone", "") or "UTC"


def waitlist_places(registrations) -> dict[int, int]:
    """Place numbers of the waitlisted, per session, in the order `registration.waitlist_position` counts them
    (first queued first; ties by id), computed in one pass instead of one query per person."""
    ordered = sorted(
        (r for r in registrations if r.status == Status.WAITLISTED), key=lambda r: (r.session_id, r.queued_at, r.pk)
    )
    places, previous_session, place = {}, None, 0
    for reg in ordered:
        place = place + 1 if reg.session_id == previous_session else 1
        previous_session = reg.session_id
        places[reg.pk] = place
    return places


def question_columns(event: EventPage, registrations) -> list[tuple[str, str]]:
    """(question id, label) for each question the event asks, then any older ones people answered."""
    columns = [(block.id, block.value["label"]) for block in event.registration_questions
               if block.block_type == "question"]
    known = {question_id for question_id, _label in columns}
    for reg in registrations:
        for answer in reg.answers or []:
            question_id = str(answer.get("id") or answer.get("question", ""))
            if question_id and question_id not in known:
                known.add(question_id)
                columns.append((question_id, str(answer.get("question", ""))))
    return columns


def answers_by_question(reg: Registration) -> dict[str, str]:
    return {
        str(answer.get("id") or answer.get("question", "")): answer_text(answer.get("answer"))
        for answer in reg.answers or []
    }


# ------------------------------------------------------------------------------------------- responses


def back_to_registrations(event: EventPage, session_id: int | None = None) -> HttpResponseRedirect:
    url = reverse("courses_events:registrations", args=[event.pk])
    return HttpResponseRedirect(f"{url}#session-{session_id}" if session_id else url, status=303)


# ------------------------------------------------------------------------------------------- forms


class AttendanceReportForm(forms.Form):
    report = forms.FileField(
        label=gettext_lazy("Attendance report"),
        help_text=gettext_lazy(
            "The webinar platform's attendance report as a CSV file (.csv or .txt), with an e-mail column and a "
            "minutes column. At most 5 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,text/csv,text/plain"}),
    )

    def clean_report(self):
        upload = self.cleaned_data["report"]
        extension = os.path.splitext(upload.name)[1].lower()
        if extension not in (".csv", ".txt"):
            raise ValidationError(
                _("“%(name)s” is not a CSV file. Export the report as CSV (.csv) and upload that.")
                % {"name": upload.name}
            )
        if upload.size > attendance.MAX_REPORT_BYTES:
            raise ValidationError(_("The file is larger than 5 MB; is it the right report?"))
        return upload


class CapacityForm(forms.Form):
    capacity = forms.IntegerField(
        required=False, min_value=0, max_value=100_000, label=gettext_lazy("Seats"),
        help_text=gettext_lazy("Blank for no limit."),
    )


class MoveForm(forms.Form):
    to_session = forms.ModelChoiceField(queryset=Session.objects.none(), label=gettext_lazy("Move to"))
    waitlist_if_full = forms.BooleanField(required=False, label=gettext_lazy("Put them on its waitlist if full"))

    def __init__(self, *args, event: EventPage, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["to_session"]).queryset = Session.objects.filter(event=event)


def form_problem(form: forms.Form) -> str:
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


# ------------------------------------------------------------------------------------------- base views


class EventsAreaView(StaffAdminView):
    """A page of the events area; refusals lead back to its index."""

    header_icon = "date"
    area_index_url_name = "courses_events:index"
    area_back_label = gettext_lazy("Back to events & registrations")


class EventAdminView(EventsAreaView):
    """Loads the event in the address; 403 unless the user may manage its registrations."""

    staff_only = False

    def check_access(self, request) -> None:
        # A translation's or alias's address leads to its original's lists: the sessions and registrations are its.
        self.event = original_of(get_object_or_404(EventPage, pk=self.kwargs["event_id"]))
        if not may_manage_registrations(request.user, self.event):
            # Not even the title: it may be an unpublished draft of someone else's.
            raise Refused(_("You cannot manage the registrations of this event."))
        if self.staff_only and not may_change_seats(request.user):
            raise Refused(_("Only staff can change seats, move people or cancel for them."))

    def session_from_url(self) -> Session:
        return get_object_or_404(Session, pk=self.kwargs["session_id"], event_id=self.event.pk)

    def registration_from_url(self) -> Registration:
        return get_object_or_404(
            Registration.objects.select_related("session", "member"),
            pk=self.kwargs["registration_id"], session__event_id=self.event.pk,
        )

    def get_page_title(self):
        return self.event.title

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("courses_events:index"), "label": _("Events & registrations")},
            {"url": "", "label": self.get_page_title()},
        ]


# ------------------------------------------------------------------------------------------- index


@dataclass
class EventSummary:
    event: EventPage
    sessions: list[tuple[Session, registration.SessionAvailability, str]]


class EventIndexView(EventsAreaView):
    """The events this user may manage, newest sessions first, with seats taken and waitlists."""

    def check_access(self, request) -> None:
        """Open to anyone in the admin: the list holds only the events they manage."""

    page_title = gettext_lazy("Events & registrations")
    template_name = "courses/admin/events_index.html"

    def get(self, request):
        managed = events_managed_by(request.user).values("pk")
        events = (
            EventPage.objects.filter(pk__in=managed)
            .annotate(last_start=Max("sessions__starts_at"))
            .order_by(F("last_start").desc(nulls_last=True), "title")
            .prefetch_related("sessions")
        )
        page = self.page_of(events, EVENTS_PER_PAGE)
        zone_name = viewer_zone(request.user)
        summaries = []
        for event in page.object_list:
            sessions = sorted(event.sessions.all(), key=lambda s: (s.starts_at, s.pk))
            seats = registration.session_availability(event, sessions)
            summaries.append(EventSummary(event, [
                (s, seats[s.pk], str(span_in(s.starts_at, s.ends_at, zone_name))) for s in sessions
            ]))
        return self.render(summaries=summaries, page_obj=page, viewer_zone=zone_name)


# ------------------------------------------------------------------------------------------- registrations


@dataclass
class SessionSection:
    session: Session
    seats: registration.SessionAvailability
    when: str  # in the session's own zone
    when_for_viewer: str  # in the viewer's zone, when it differs
    confirmed: list[Registration] = field(default_factory=list)
    waitlisted: list[tuple[int, Registration]] = field(default_factory=list)
    cancelled: list[Registration] = field(default_factory=list)
    check_in_open: bool = False
    move_targets: list[Session] = field(default_factory=list)


def session_sections(event: EventPage, viewer, now=None) -> list[SessionSection]:
    """Each session with its registrations split by status, the waitlist numbered in order."""
    now = now or timezone.now()
    sessions = list(Session.objects.filter(event=event).order_by("starts_at", "pk"))
    seats = registration.session_availability(event, sessions, now)
    registrations = list(
        Registration.objects.filter(session__event=event).select_related("member")
        .order_by("member__last_name", "member__first_name", "member__email", "pk")
    )
    places = waitlist_places(registrations)
    zone_name = viewer_zone(viewer)
    sections = {}
    for s in sessions:
        own = span_in(s.starts_at, s.ends_at, s.time_zone)
        theirs = span_in(s.starts_at, s.ends_at, zone_name)
        same_clock = all(mine.utcoffset() == yours.utcoffset()
                         for mine, yours in ((own.starts, theirs.starts), (own.ends, theirs.ends)))
        sections[s.pk] = SessionSection(
            session=s, seats=seats[s.pk], when=str(own), when_for_viewer="" if same_clock else str(theirs),
            check_in_open=now >= s.starts_at - attendance.CHECK_IN_OPENS_BEFORE,
            move_targets=[other for other in sessions if other.pk != s.pk and now < other.starts_at],
        )
    for reg in registrations:
        section = sections[reg.session_id]
        if reg.status == Status.CONFIRMED:
            section.confirmed.append(reg)
        elif reg.status == Status.WAITLISTED:
            section.waitlisted.append((places[reg.pk], reg))
        else:
            section.cancelled.append(reg)
    for section in sections.values():
        section.waitlisted.sort(key=lambda pair: pair[0])
        section.cancelled.sort(key=lambda r: r.cancelled_at or r.registered_at, reverse=True)
    return list(sections.values())


def event_history(event: EventPage):
    return (
        RegistrationChange.objects.filter(session__event=event)
        .select_related("actor", "session", "registration__member")
        .order_by("-at", "-pk")
    )


class RegistrationsView(EventAdminView):
    template_name = "courses/admin/event_registrations.html"

    def get_page_subtitle(self):
        return _("Registrations")

    def get(self, request, event_id):
        return self.render(
            event=self.event,
            sections=session_sections(self.event, request.user),
            may_change_seats=may_change_seats(request.user),
            recent_changes=list(event_history(self.event)[:RECENT_HISTORY]),
            viewer_zone=viewer_zone(request.user),
            edit_url=reverse("wagtailadmin_pages:edit", args=[self.event.pk]),
        )


class HistoryView(EventAdminView):
    template_name = "courses/admin/event_history.html"

    def get_page_subtitle(self):
        return _("Registration history")

    def get(self, request, event_id):
        page = self.page_of(event_history(self.event), HISTORY_PER_PAGE)
        return self.render(event=self.event, page_obj=page, viewer_zone=viewer_zone(request.user))


class RegistrationsCsvView(EventAdminView):
    """One row per registration, for spreadsheets: people's text is guarded against formula injection."""

    def get(self, request, event_id):
        registrations = list(
            Registration.objects.filter(session__event=self.event).select_related("session", "member")
            .order_by("session__starts_at", "session_id", "status", "queued_at", "pk")
        )
        places = waitlist_places(registrations)
        questions = question_columns(self.event, registrations)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        filename = f"registrations-{slugify(self.event.slug)[:60]}-{timezone.localdate().isoformat()}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response.write("\ufeff")  # spreadsheet programs then read UTF-8 names correctly
        writer = SpreadsheetWriter(response)
        writer.writerow(
            [_("Session"), _("Session time (session's zone)"), _("Session start (UTC)"), _("Name"), _("E-mail"),
             _("Status"), _("Waitlist place"), _("Registered at (UTC)")]
            + [label for _id, label in questions]
            + [_("Attended"), _("Minutes attended"), _("Attendance source")]
        )
        for reg in registrations:
            session, member = reg.session, reg.member
            answers = answers_by_question(reg)
            writer.writerow(
                [
                    session.title,
                    str(span_in(session.starts_at, session.ends_at, session.time_zone)),
                    session.starts_at.astimezone(UTC).isoformat(),
                    member.get_full_name(),
                    member.email,
                    reg.get_status_display(),
                    places.get(reg.pk, ""),
                    reg.registered_at.astimezone(UTC).isoformat(),
                ]
                + [answers.get(question_id, "") for question_id, _label in questions]
                + [
                    _("yes") if reg.attended else _("no"),
                    "" if reg.attended_minutes is None else reg.attended_minutes,
                    reg.get_attendance_source_display(),
                ]
            )
        return response


# ------------------------------------------------------------------------------------------- attendance


class CheckInView(EventAdminView):
    def post(self, request, event_id, registration_id):
        reg = self.registration_from_url()
        try:
            newly = attendance.check_in(reg, actor=request.user)
        except attendance.AttendanceRefused as refusal:
            messages.error(request, str(refusal))
        else:
            if newly:
                messages.success(request, _("%(name)s is checked in.") % {"name": reg.member})
            else:
                messages.info(request, _("%(name)s was already recorded as attending.") % {"name": reg.member})
        return back_to_registrations(self.event, reg.session_id)


class AttendanceUploadView(EventAdminView):
    template_name = "courses/admin/attendance_upload.html"

    def get_page_subtitle(self):
        return _("Upload attendance report")

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("courses_events:index"), "label": _("Events & registrations")},
            {"url": reverse("courses_events:registrations", args=[self.event.pk]), "label": self.event.title},
            {"url": "", "label": _("Upload attendance report")},
        ]

    def page(self, session: Session, form: AttendanceReportForm, report=None, status: int = 200):
        return self.render(
            status=status, event=self.event, session=session, form=form, report=report,
            when=str(span_in(session.starts_at, session.ends_at, session.time_zone)),
            has_started=timezone.now() >= session.starts_at,
            threshold=self.event.attendance_threshold_percent,
        )

    def get(self, request, event_id, session_id):
        return self.page(self.session_from_url(), AttendanceReportForm())

    def post(self, request, event_id, session_id):
        session = self.session_from_url()
        form = AttendanceReportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.page(session, form, status=400)
        upload = form.cleaned_data["report"]
        try:
            report = attendance.import_report(session, upload.read(), upload.name, actor=request.user)
        except attendance.AttendanceRefused as refusal:
            form.add_error("report", str(refusal))
            return self.page(session, form, status=refusal.status if 400 <= refusal.status < 500 else 400)
        return self.page(session, AttendanceReportForm(), report=report)


# ------------------------------------------------------------------------------------------- staff actions


class CapacityView(EventAdminView):
    staff_only = True

    def post(self, request, event_id, session_id):
        session = self.session_from_url()
        form = CapacityForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Capacity not changed: %(problem)s") % {"problem": form_problem(form)})
            return back_to_registrations(self.event, session.pk)
        capacity = form.cleaned_data["capacity"]
        try:
            promoted = registration.set_capacity(session, capacity, actor=request.user)
        except registration.RegistrationRefused as refusal:
            messages.error(request, str(refusal))
            return back_to_registrations(self.event, session.pk)
        seats = _("no limit") if capacity is None else capacity
        message = _("Capacity of %(session)s is now %(seats)s.") % {"session": session.label, "seats": seats}
        if promoted:
            message += " " + _("Promoted from the waitlist: %(names)s.") % {
                "names": ", ".join(str(reg.member) for reg in promoted)
            }
        messages.success(request, message)
        return back_to_registrations(self.event, session.pk)


class MoveView(EventAdminView):
    staff_only = True

    def post(self, request, event_id, registration_id):
        reg = self.registration_from_url()
        form = MoveForm(request.POST, event=self.event)
        if not form.is_valid():
            messages.error(request, _("%(name)s was not moved: %(problem)s")
                           % {"name": reg.member, "problem": form_problem(form)})
            return back_to_registrations(self.event, reg.session_id)
        try:
            outcome = registration.move(
                reg, form.cleaned_data["to_session"], actor=request.user,
                waitlist_if_full=form.cleaned_data["waitlist_if_full"],
            )
        except registration.RegistrationRefused as refusal:
            messages.error(request, _("%(name)s was not moved: %(problem)s")
                           % {"name": reg.member, "problem": refusal})
            return back_to_registrations(self.event, reg.session_id)
        messages.success(request, _("%(name)s: %(outcome)s") % {"name": reg.member, "outcome": outcome.message})
        return back_to_registrations(self.event, outcome.registration.session_id)


class CancelView(EventAdminView):
    """Staff cancel for a member in two steps: the list's button asks, the confirmed POST cancels."""

    staff_only = True

    def post(self, request, event_id, registration_id):
        reg = self.registration_from_url()
        if reg.status != Registration.Status.CANCELLED and not is_confirmed(request):
            return confirmation_page(request, Confirmation(
                title=_("Cancel the registration of %(name)s?") % {"name": reg.member},
                consequence=_("%(name)s (%(email)s) loses their place at %(session)s of “%(title)s” and is told by "
                              "e-mail; a freed seat goes to the first person on the waitlist.")
                % {"name": reg.member, "email": reg.member.email, "session": reg.session.label,
                   "title": self.event.title},
                permanence=_("This cannot be undone: they would have to register again."),
                confirm_label=_("Cancel the registration"),
                back_url=reverse("courses_events:registrations", args=[self.event.pk]) + f"#session-{reg.session_id}",
                back_label=_("Keep the registration"),
            ), admin=True)
        try:
            outcome = registration.cancel(reg, actor=request.user)
        except registration.RegistrationRefused as refusal:
            messages.error(request, str(refusal))
        else:
            if outcome.changed:
                messages.success(request, _("The registration of %(name)s is cancelled; they are told by e-mail.")
                                 % {"name": reg.member})
            else:
                messages.info(request, outcome.message)
        return back_to_registrations(self.event, reg.session_id)


# ------------------------------------------------------------------------------------------- planner


class ProgrammePlannerView(EventsAreaView):
    """Staff only: topics by programme year, so themes rotate deliberately."""

    page_title = gettext_lazy("Programme planner")
    header_icon = "table"
    template_name = "courses/admin/programme_planner.html"
    staff_only_message = gettext_lazy("The programme planner is for staff.")

    def get(self, request):
        zone_name = viewer_zone(request.user)
        return self.render(plan=programme_plan(zone_name=zone_name), viewer_zone=zone_name)


# ------------------------------------------------------------------------------------------- addresses


event_patterns = [
    path("", EventIndexView.as_view(), name="index"),
    path("<id:event_id>/registrations/", RegistrationsView.as_view(), name="registrations"),
    path("<id:event_id>/registrations.csv", RegistrationsCsvView.as_view(), name="registrations_csv"),
    path("<id:event_id>/history/", HistoryView.as_view(), name="history"),
    path("<id:event_id>/registrations/<id:registration_id>/check-in/", CheckInView.as_view(), name="check_in"),
    path("<id:event_id>/registrations/<id:registration_id>/move/", MoveView.as_view(), name="move"),
    path("<id:event_id>/registrations/<id:registration_id>/cancel/", CancelView.as_view(), name="cancel"),
    path("<id:event_id>/sessions/<id:session_id>/attendance/", AttendanceUploadView.as_view(),
         name="attendance_upload"),
    path("<id:event_id>/sessions/<id:session_id>/capacity/", CapacityView.as_view(), name="capacity"),
]


def admin_urls():
    return [
        path("events/", include((event_patterns, "courses_events"), namespace="courses_events")),
        path("reports/programme-planner/", ProgrammePlannerView.as_view(), name="courses_programme_planner"),
    ]
