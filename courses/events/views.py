"""Thin views for events: the event page, register / cancel / join, calendars and materials.

The page may be the event's original or its translation or alias in another language (cms/locale_trees.py): the
reader sees that page's words, but the sessions shown, registered for, cancelled, joined and counted are always
the ORIGINAL's (courses/translations.py). A session is chosen by the original session's own id, which the page
shows in every language; the id of a copy an alias carries is not one of them and is refused like any other."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db.models import Max
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from wagtail.documents.views.serve import serve as serve_document
from wagtail.models import Page

from lms import generations
from lms.access import can_see_member_blocks, can_see_offering, enrolment_decision
from lms.compiled_queries import CompiledQuery
from lms.confirmation import Confirmation, confirmation_page, is_confirmed
from lms.models import language_names
from lms.refusal import Refused, require_post
from lms.roles import signed_in

from ..learning import enrolment as enrolment_rules
from ..learning.views import learning_action, members_only_response, viewer_of
from ..models import CalendarFeed, EventPage, Registration, Session
from ..models.registration import new_feed_token
from ..translations import original_of
from . import calendars
from . import registration as registration_rules
from .joining import joining_decision
from .pages_in_language import events_in_language
from .registration import SessionAvailability
from .registration_form import REQUIRED_ANSWERS_MISSING, RegistrationQuestionsForm
from .session_times import SessionTime, session_time, viewer_zone
from .times import moment_in

# ------------------------------------------------------------------------------------------- the event page


@dataclass
class SessionRow:
    """One session as this viewer sees it: its time, seats, and where the viewer stands."""

    time: SessionTime
    availability: SessionAvailability | None
    has_waitlist: bool
    registration: Registration | None = None
    waitlist_place: int | None = None
    may_join: bool = False
    joining_note: str = ""

    @property
    def session(self) -> Session:
        return self.time.session

    @property
    def language_label(self) -> str:
        code = self.session.language
        return language_names().get(code, code) if code else ""

    @property
    def takes_registrations(self) -> bool:
        """Open, and either a seat or a waitlist place to give."""
        a = self.availability
        return a is not None and not a.is_closed and (not a.is_full or self.has_waitlist)

    @property
    def goes_to_waitlist(self) -> bool:
        return self.availability is not None and self.availability.is_full

    @property
    def may_cancel(self) -> bool:
        return self.registration is not None and self.availability is not None and not self.availability.has_started


@dataclass(frozen=True)
class MaterialItem:
    id: str
    title: str
    kind_label: str
    members_only: bool
    locked: bool


def _has_instants(session: Session) -> bool:
    """Saved sessions have their instants; in a draft preview, new ones are derived here (unfinished: left out)."""
    if session.starts_at is not None and session.ends_at is not None:
        return True
    try:
        session.derive_instants()
    except ValidationError:
        return False
    return True


def _sessions_of(event: EventPage) -> list[Session]:
    """The original's sessions, whichever page of the event is read (a draft preview shows its own)."""
    original = original_of(event)
    own = event.sessions.all() if original.pk == event.pk or not event.pk else original.sessions.all()
    sessions = [session for session in own if _has_instants(session)]
    return sorted(sessions, key=lambda s: (s.starts_at, s.pk or 0))


def _session_rows(event: EventPage, sessions: list[Session], member, zone_name: str,
                  now: datetime) -> list[SessionRow]:
    """`event` is the original: its closing rule and waitlist decide, whichever page is read."""
    availability = registration_rules.session_availability(event, [s for s in sessions if s.pk], now)
    mine: dict[int, Registration] = {}
    if member is not None and member.is_authenticated and availability:
        active = Registration.objects.filter(member=member, session__in=list(availability)).exclude(
            status=Registration.Status.CANCELLED
        )
        mine = {r.session_id: r for r in active}
    rows = []
    for session in sessions:
        row = SessionRow(session_time(session, zone_name), availability.get(session.pk), event.has_waitlist,
                         mine.get(session.pk))
        if row.registration is not None:
            row.waitlist_place = registration_rules.waitlist_position(row.registration)
            decision = joining_decision(row.registration, session, zone_name, now)
            row.may_join = decision.allowed
            if not decision and session.is_online and row.registration.status == Registration.Status.CONFIRMED:
                row.joining_note = decision.reason if now < session.ends_at else ""
        rows.append(row)
    return rows


def _materials(event: EventPage, viewer) -> list[MaterialItem]:
    member_view = can_see_member_blocks(viewer, event)
    items = []
    for block in event.materials:
        if block.block_type != "material":
            continue
        kinds = dict(block.block.child_blocks["kind"].field.choices)
        members_only = bool(block.value["members_only"])
        items.append(MaterialItem(block.id, block.value["title"], str(kinds.get(block.value["kind"], "")),
                                  members_only, members_only and not member_view))
    return items


def event_page(request, event: EventPage, form: RegistrationQuestionsForm | None = None,
               chosen_session: int | None = None, status: int = 200) -> TemplateResponse:
    viewer = viewer_of(request)
    if not can_see_offering(viewer, event):
        return members_only_response(request, event)
    is_preview = getattr(request, "is_preview", False)
    member = None if is_preview else request.user
    now = timezone.now()
    zone_name = viewer_zone()
    sessions = _sessions_of(event)
    rows = _session_rows(original_of(event), sessions, member, zone_name, now)
    offered = [row for row in rows if row.takes_registrations and row.registration is None]
    missing = enrolment_rules.missing_prerequisites(member, event) if signed_in(member) else []
    last_end = max((s.ends_at for s in sessions), default=None)
    context = event.get_context(request)
    context.update(
        {
            "decision": enrolment_decision(viewer, event),
            "missing_prerequisites": missing,
            "missing_prerequisites_text": enrolment_rules.describe_offerings(viewer, missing),
            "show_member_blocks": can_see_member_blocks(viewer, event),
            "is_preview": is_preview,
            "viewer_zone": zone_name,
            "session_rows": rows,
            "my_rows": [row for row in rows if row.registration is not None],
            "offered_rows": offered,
            "chosen_session": chosen_session or (offered[0].session.pk if len(offered) == 1 else None),
            "register_label": _("Join the waitlist") if offered and all(r.goes_to_waitlist for r in offered)
            else _("Register"),
            "form": form or RegistrationQuestionsForm(event),
            "form_error_summary": REQUIRED_ANSWERS_MISSING if form is not None and form.errors else "",
            "co_hosts": list(event.co_hosts.all()),
            "materials": _materials(event, viewer),
            "materials_released": last_end is not None and now >= last_end,
            "materials_release_moment": moment_in(last_end, zone_name) if last_end else "",
        }
    )
    return TemplateResponse(request, "courses/event_page.html", context, status=status)


# ------------------------------------------------------------------------------------------- register, cancel, join


# One query finds the session among the original's (the original named by the page's translation key), and whether
# its event names prerequisites at all (most name none: then the rule asks nothing more about them). Compiled once
# per thread (lms/compiled_queries.py): building it took most of the time of a registration's first query.
_POSTED_SESSION = CompiledQuery(
    lambda key, pk: Session.objects.of_original_of(key).with_prerequisite_flag().filter(pk=pk)[:1],
    key=Page._meta.get_field("translation_key"), pk=Session._meta.pk,
)


def _posted_session(event: EventPage, value: str) -> Session | None:
    """One of the original's sessions, by its id; None for anything else (a copy's id, another event's, junk)."""
    if not (value.isascii() and value.isdigit()) or len(value) > 18:
        return None
    session = _POSTED_SESSION.first(key=event.translation_key, pk=int(value))
    if session is not None:
        # The specific page the rules need: the one served when it is the original (no query), else its original.
        session.event = event if session.event_id == event.pk else original_of(event)
    return session


@learning_action
def register(request, event: EventPage):
    session = _posted_session(event, request.POST.get("session", ""))
    if session is None:
        raise Refused(
            _("Choose one of the sessions of “%(title)s”; the session sent is not one of them.")
            % {"title": event.title}, 400, back_url=event.url,
        )
    form = RegistrationQuestionsForm(event, request.POST)
    if not form.is_valid():
        return event_page(request, event, form=form, chosen_session=session.pk, status=400)
    # The page served is the event in the language of its address, the one the message names it in.
    outcome = registration_rules.register(request.user, session, form.answers(), page_read=event)
    messages.success(request, outcome.message)
    return HttpResponseRedirect(event.url, status=303)


def cancel(request, event: EventPage, registration_id: int):
    @learning_action
    def cancel_registration(request, event):
        registration = (
            Registration.objects.filter(pk=registration_id, member=request.user, session__event=original_of(event))
            .select_related("session").first()
        )
        if registration is None:
            raise Refused(_("You have no registration with that number for this event."), 404, back_url=event.url)
        if registration.status != Registration.Status.CANCELLED and not is_confirmed(request):
            return confirmation_page(request, cancel_confirmation(event, registration))
        outcome = registration_rules.cancel(registration, request.user)
        messages.success(request, outcome.message)
        return HttpResponseRedirect(event.url, status=303)

    return cancel_registration(request, event)


def cancel_confirmation(event: EventPage, registration: Registration) -> Confirmation:
    """What the member is asked before their seat (or waitlist place) is given up."""
    facts = {"title": event.title, "session": registration.session.label}
    if registration.status == Registration.Status.WAITLISTED:
        return Confirmation(
            title=_("Leave the waitlist?"),
            consequence=_("You leave the waitlist for %(session)s of “%(title)s” and will not be offered a seat "
                          "that frees up.") % facts,
            permanence=_("Your place in the queue is not kept: if you join again, you join at the end."),
            confirm_label=_("Leave the waitlist"), back_url=event.url, back_label=_("Stay on the waitlist"),
        )
    return Confirmation(
        title=_("Cancel your registration?"),
        consequence=_("Your seat at %(session)s of “%(title)s” is given up; if someone is waiting for one, it goes "
                      "to them at once.") % facts,
        permanence=_("This cannot be undone: to come after all you register again, and the seat may be gone."),
        confirm_label=_("Cancel my registration"), back_url=event.url, back_label=_("Keep my registration"),
    )


def join(request, event: EventPage, session_id: int):
    """Redirect a confirmed registrant to the joining link near the start; the link is never shown on a page."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    session = Session.objects.filter(pk=session_id, event=original_of(event)).first()
    if session is None:
        raise Refused(_("This event has no such session."), 404, back_url=event.url)
    if not can_see_offering(request.user, event):
        return members_only_response(request, event)
    registration = Registration.objects.filter(member=request.user, session=session).first()
    decision = joining_decision(registration, session, viewer_zone())
    if not decision:
        raise Refused(decision.reason, decision.status, back_url=event.url)
    response = HttpResponseRedirect(session.joining_url)
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


# ------------------------------------------------------------------------------------------- calendars


def _calendar_response(body: bytes, filename: str, disposition: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def event_calendar(request, event: EventPage) -> HttpResponse:
    """Every session of the event as an .ics download (public facts only, never the joining link)."""
    if not can_see_offering(viewer_of(request), event):
        return members_only_response(request, event)
    sessions = Session.objects.filter(event=original_of(event)).order_by("starts_at", "pk")
    return _calendar_response(calendars.event_calendar(event, sessions), f"{event.slug}.ics", "attachment")


@require_safe
def calendar_feed(request, token: str) -> HttpResponse:
    """A member's private feed of what they registered for; the token in the address is the only key."""
    feed = CalendarFeed.objects.select_related("member").filter(token=token).first()
    if feed is None or not feed.member.is_active:
        raise Refused(_("This calendar address is not valid; it may have been reset. Copy the current "
                        "address from My learning."), 404)
    language = feed.member.interface_language()
    with translation.override(language):
        registrations = list(calendars.member_feed_registrations(feed.member))
        shown = events_in_language((r.session.event for r in registrations), language)
        body = calendars.registrations_calendar(registrations, _("My events"), shown)
    CalendarFeed.objects.filter(pk=feed.pk).update(last_fetched_at=timezone.now())
    generations.renew_member(feed.member_id)  # an UPDATE sends no signal (courses/member_rows.py)
    response = _calendar_response(body, "my-events.ics", "inline")
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@login_required
def reset_calendar_feed(request):
    """A new private address; calendar programs holding the old one stop receiving updates."""
    require_post(request, reverse("courses:dashboard"))
    if not is_confirmed(request) and CalendarFeed.objects.filter(member=request.user).exists():
        return confirmation_page(request, Confirmation(
            title=_("Reset your calendar link?"),
            consequence=_("Your private calendar address changes: calendar programs subscribed to the old one "
                          "stop receiving your events until you add the new one."),
            permanence=_("This cannot be undone: the old address never works again."),
            confirm_label=_("Reset the link"),
            back_url=reverse("courses:dashboard") + "#calendar-feed", back_label=_("Keep the current link"),
        ))
    feed, created = CalendarFeed.objects.get_or_create(member=request.user)
    if not created:
        feed.token = new_feed_token()
        feed.last_fetched_at = None
        feed.save(update_fields=["token", "last_fetched_at"])
    messages.success(request, _("Your calendar link was reset. The old address no longer works; add the new one "
                                "to your calendar program."))
    return HttpResponseRedirect(reverse("courses:dashboard") + "#calendar-feed", status=303)


# ------------------------------------------------------------------------------------------- materials


def material(request, event: EventPage, material_id: str) -> HttpResponse:
    """Slides, recordings and handouts: released after the last session ends, members-only where marked."""
    viewer = viewer_of(request)
    if not can_see_offering(viewer, event):
        return members_only_response(request, event)
    block = next((b for b in event.materials if b.block_type == "material" and b.id == material_id), None)
    if block is None:
        raise Refused(_("This event has no such material."), 404, back_url=event.url)
    last_end = Session.objects.filter(event=original_of(event)).aggregate(last=Max("ends_at"))["last"]
    if last_end is None or timezone.now() < last_end:
        when = moment_in(last_end, viewer_zone()) if last_end else _("the event")
        raise Refused(_("Materials are released when the event is over (after %(when)s).") % {"when": when}, 403,
                      back_url=event.url)
    if block.value["members_only"] and not can_see_member_blocks(viewer, event):
        return TemplateResponse(request, "courses/members_only_document.html",
                                {"document": {"title": block.value["title"]}}, status=403)
    if block.value["link"]:
        return HttpResponseRedirect(block.value["link"])
    document = block.value["document"]
    if document is None:
        raise Refused(_("This material's file has been removed."), 404, back_url=event.url)
    # Wagtail's own view: its before_serve_document hooks (members-only collection, view restrictions) apply.
    return serve_document(request, document.pk, document.filename)
