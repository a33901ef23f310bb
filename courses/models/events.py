"""Live events: workshop and webinar pages, their sessions, and the form that keeps registered sessions safe."""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import path, re_path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page

from lms import url_ids  # noqa: F401  (registers <id:...> for the routes below)
from lms.models import LANGUAGE_CHOICES, TIME_ZONE_CHOICES
from lms.original_rows import original_pk, originals
from lms.printed_names import printed_field_errors

from ..events.blocks import MaterialBlock, RegistrationQuestionBlock, SpeakerBlock
from ..events.session_editing import SessionsPanel
from ..events.times import LocalTimeError, duration_minutes, instant_of
from ..original_parts import drop_original_parts
from ..signals import session_rescheduled
from .catalog import Offering

LONGEST_SESSION = timedelta(days=14)


class EventPageForm(WagtailAdminPageForm):
    """Refuses to drop a session people registered for: their registrations and attendance would go with it.

    A translation's form has no sessions: they are edited on the original (events/session_editing.py,
    original_parts.py)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        drop_original_parts(self, self.instance, formsets=["sessions"])
        # Session forms validate before the page is saved; tell each which event it belongs to (a webinar's
        # sessions need a joining link), as a new page has no primary key to link them by yet.
        sessions = self.formsets.get("sessions")
        for form in sessions.forms if sessions is not None else []:
            form.instance.event = self.instance

    def clean(self):
        cleaned = super().clean()
        sessions = self.formsets.get("sessions")
        if sessions is None:
            return cleaned
        sessions.full_clean()  # the page form is cleaned before its formsets; each "delete" box is read below
        for form in sessions.forms:
            session = form.instance
            if session.pk and sessions._should_delete_form(form) and session.registrations.exists():
                form.add_error(
                    None,
                    _(
                        "“%(session)s” has registrations, so it cannot be removed. Move or cancel them first "
                        "(Registrations in the event's menu), or keep the session."
                    )
                    % {"session": session.label},
                )
                self.add_error(None, _("A session with registrations cannot be removed."))
        return cleaned


class EventPage(Offering):
    """What workshops and webinars share: sessions people register for, speakers, questions, materials.

    A person registers for a session (an event may run at several times for different regions); each
    session keeps its own seats and waitlist.
    """

    FORMAT = "event"
    FORMAT_LABEL = _("Event")
    TAKES_REGISTRATIONS = True

    speakers = StreamField([("speaker", SpeakerBlock())], blank=True)
    registration_questions = StreamField(
        [("question", RegistrationQuestionBlock())], blank=True,
        help_text=_("Asked when someone registers; their answers appear in the registration list and export."),
    )
    registration_closes_minutes_before = models.PositiveIntegerField(
        default=0,
        verbose_name=_("registration closes (minutes before start)"),
        help_text=_("0 closes registration when the session starts; 1440 closes it a day before."),
    )
    has_waitlist = models.BooleanField(
        default=True, help_text=_("When seats run out, later registrations wait in order for a cancellation.")
    )
    attendance_threshold_percent = models.PositiveSmallIntegerField(
        default=75,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        verbose_name=_("attendance threshold (%)"),
        help_text=_("Share of a session someone must attend to be credited with attending it."),
    )
    materials = StreamField(
        [("material", MaterialBlock())], blank=True,
        help_text=_("Released on the page once the event's last session has ended."),
    )

    content_panels = Offering.content_panels + [
        SessionsPanel("sessions", heading=_("Sessions"), label=_("Session"), min_num=1),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("registration_closes_minutes_before"), FieldPanel("has_waitlist")]),
                FieldPanel("attendance_threshold_percent"),
                FieldPanel("registration_questions"),
            ],
            heading=_("Registration and attendance"),
        ),
        FieldPanel("speakers"),
        FieldPanel("materials"),
    ]
    base_form_class = EventPageForm
    is_creatable = False

    class Meta:
        verbose_name = _("event")

    @path("")
    def overview_view(self, request):
        from ..events import views as event_views

        return event_views.event_page(request, self)

    @path("register/")
    def register_view(self, request):
        from ..events import views as event_views

        return event_views.register(request, self)

    @path("cancel/<id:registration_id>/")
    def cancel_view(self, request, registration_id):
        from ..events import views as event_views

        return event_views.cancel(request, self, registration_id)

    @path("join/<id:session_id>/")
    def join_view(self, request, session_id):
        from ..events import views as event_views

        return event_views.join(request, self, session_id)

    # Wagtail serves page routes only on slash-ended paths of word characters (no dot): the .ics name is in
    # the download's Content-Disposition instead.
    @path("calendar/")
    def calendar_view(self, request):
        from ..events import views as event_views

        return event_views.event_calendar(request, self)

    @re_path(r"^materials/(?P<material_id>[0-9a-f-]{36})/$")
    def material_view(self, request, material_id):
        from ..events import views as event_views

        return event_views.material(request, self, material_id)


class WorkshopPage(EventPage):
    """A hands-on session, online or at a venue (or both), usually small and interactive."""

    FORMAT = "workshop"
    FORMAT_LABEL = _("Workshop")
    is_creatable = True

    class Meta:
        verbose_name = _("workshop")


class WebinarPage(EventPage):
    """An online talk for a large audience; every session needs a joining link."""

    FORMAT = "webinar"
    FORMAT_LABEL = _("Webinar")
    is_creatable = True

    class Meta:
        verbose_name = _("webinar")


class SessionQuerySet(QuerySet["Session"]):
    def of_originals(self) -> SessionQuerySet:
        """Only sessions of an event's original page. An alias or translation carries copies that Wagtail
        re-creates on every publish of the original: nothing may register for, count, remind or list them."""
        return self.filter(event__in=originals(EventPage.objects.all()))

    def of_original_of(self, translation_key: object) -> SessionQuerySet:
        """The original's sessions for any page of an event (`translation_key` may be an OuterRef): what a reader
        of a translation or alias is shown and registers for. The original is found by one index lookup (the first
        page of that key that is not an alias, lms/original_rows.py's rule), so a listing's subquery per
        card stays cheap however many locales copy the event."""
        key = OuterRef(translation_key) if isinstance(translation_key, OuterRef) else translation_key
        return self.filter(event_id=Subquery(original_pk(Page, key)))

    def with_prerequisite_flag(self) -> SessionQuerySet:
        """Each session carries `event_has_prerequisites`, whether its event names any prerequisite at all, read in
        the session's own query: registering for an event that names none then asks nothing more about them."""
        named = Offering.prerequisites.through.objects.filter(from_offering_id=OuterRef("event_id"))
        return self.annotate(event_has_prerequisites=Exists(named))


class Session(Orderable):
    """One run of an event at a time and place, with its own seats and waitlist.

    Authors give the date and wall-clock times in the session's zone; `starts_at` and `ends_at` are the
    instants derived from them (stored for queries: reminders, calendars, "upcoming").
    """

    event = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(
        max_length=120, blank=True, help_text=_("Optional, e.g. 'Asia-Pacific edition' or 'Part 2'.")
    )
    date = models.DateField(help_text=_("In the session's own time zone."))
    start_time = models.TimeField()
    end_time = models.TimeField()
    end_date = models.DateField(null=True, blank=True, help_text=_("Only if it ends on a later day."))
    time_zone = models.CharField(max_length=64, choices=TIME_ZONE_CHOICES, default="UTC")
    starts_at = models.DateTimeField(editable=False, db_index=True)
    ends_at = models.DateTimeField(editable=False)
    joining_url = models.URLField(
        blank=True, max_length=500, verbose_name=_("online joining link"),
        help_text=_("Shown only to confirmed attendees, from an hour before the start."),
    )
    venue = models.TextField(blank=True, help_text=_("Address for in-person sessions."))
    capacity = models.PositiveIntegerField(null=True, blank=True, help_text=_("Seats; blank for no limit."))
    language = models.CharField(
        max_length=8, choices=LANGUAGE_CHOICES, blank=True, help_text=_("Blank: the event's language.")
    )
    # Bumped whenever the time changes, so calendar programs replace their copy (RFC 5545 SEQUENCE).
    schedule_version = models.PositiveIntegerField(default=0, editable=False)

    objects = SessionQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("date"), FieldPanel("end_date")]),
        FieldRowPanel([FieldPanel("start_time"), FieldPanel("end_time")]),
        FieldPanel("time_zone"),
        FieldRowPanel([FieldPanel("capacity"), FieldPanel("language")]),
        FieldPanel("joining_url"),
        FieldPanel("venue"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("session")
        indexes = [models.Index(fields=["event", "starts_at"])]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        when = f"{self.date:%Y-%m-%d} {self.start_time:%H:%M} {self.time_zone}" if self.date else ""
        return f"{self.title} ({when})" if self.title else when

    @property
    def is_online(self) -> bool:
        return bool(self.joining_url)

    @property
    def duration_minutes(self) -> int:
        return duration_minutes(self.starts_at, self.ends_at)

    def content_language(self, event: EventPage | None = None) -> str:
        return self.language or (event or self.event).language

    def derive_instants(self) -> None:
        """Set `starts_at` / `ends_at` from the wall-clock fields; raises ValidationError naming the field."""
        errors = {}
        try:
            self.starts_at = instant_of(self.date, self.start_time, self.time_zone)
        except LocalTimeError as error:
            errors["start_time"] = str(error)
        try:
            self.ends_at = instant_of(self.end_date or self.date, self.end_time, self.time_zone)
        except LocalTimeError as error:
            errors["end_time"] = str(error)
        if errors:
            raise ValidationError(errors)
        if self.ends_at <= self.starts_at:
            raise ValidationError(
                {"end_time": _("The session must end after it starts (set an end date if it runs past midnight).")}
            )
        if self.ends_at - self.starts_at > LONGEST_SESSION:
            raise ValidationError({"end_date": _("A session cannot run longer than 14 days; split it.")})

    def clean(self):
        super().clean()
        printed = printed_field_errors(self, ("title",))  # exports and e-mails print it beside the event's
        if printed:
            raise ValidationError(printed)
        if self.date and self.start_time and self.end_time and self.time_zone:
            self.derive_instants()
        try:
            event = self.event
        except EventPage.DoesNotExist:
            event = None
        # The parent may be the base EventPage (loaded through the key), so ask for its specific class.
        is_webinar = event is not None and issubclass(event.specific_class or type(event), WebinarPage)
        if is_webinar and not self.joining_url:
            raise ValidationError({"joining_url": _("A webinar session needs an online joining link.")})
        if not self.joining_url and not self.venue.strip():
            raise ValidationError({"venue": _("Give a venue, an online joining link, or both.")})

    def save(self, *args, **kwargs):
        previous = None
        if self.pk:
            previous = Session.objects.filter(pk=self.pk).values("starts_at", "ends_at").first()
        self.derive_instants()
        rescheduled = bool(previous) and (previous["starts_at"], previous["ends_at"]) != (self.starts_at, self.ends_at)
        if rescheduled:
            self.schedule_version += 1
        super().save(*args, **kwargs)
        if rescheduled:
            session_rescheduled.send(sender=Session, session=self)
