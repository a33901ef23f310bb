"""Admin and serving hooks: instructors are named on what they create; members-only documents stay so; event
registrations, attendance and the programme planner are reached from the admin menu and the page explorer; the
e-mails courses sends are offered to the outbox, "My learning" gets its recommendations panel and the home page its
panels (lms/extension_points.py, home.py); the admin's home shows instructors what they teach and partner hosts their
co-hosted events (admin_home.py)."""

from django.db.models import Q
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.models import Collection

from lms import url_ids  # noqa: F401  (registers <id:...>)
from lms.access import is_member, sees_everything
from lms.extension_points import (
    API_ROUTERS,
    CPD_CREDIT_SOURCES,
    HOME_PANELS,
    MEMBER_ACTIVITY_SOURCES,
    MY_LEARNING_PANELS,
    ONBOARDING_DONE_RULES,
    ONBOARDING_STEPS,
    OUTBOX_LETTERS,
)
from lms.roles import is_restricted_instructor, is_restricted_partner_host, is_staff_member

from . import admin_home, home, letters, onboarding
from .catalog.setup import MEMBERS_ONLY_COLLECTION
from .cpd_credit import courses_cpd_credit
from .dashboard import recommendations_panel
from .evaluations import admin as evaluations_admin
from .evaluations.my_learning import evaluations_panel
from .events import admin as event_admin
from .events.registration_access import events_managed_by, may_manage_registrations, partners_hosted_by
from .models import CatalogIndexPage, EventPage, LearningPathPage, Offering
from .outcomes import activity as outcome_activity
from .outcomes.abandonment_admin import AbandonmentView
from .outcomes.dashboard_admin import HostedOutcomesView, OutcomesView
from .outcomes.engagement_admin import OUTCOMES_PERMISSION, EngagementView
from .paths.my_learning import my_paths_panel

hooks.register(OUTBOX_LETTERS, letters.outbox_letters)
hooks.register(MY_LEARNING_PANELS, recommendations_panel, order=300)  # after certificates and mentoring
hooks.register(MY_LEARNING_PANELS, my_paths_panel, order=250)  # the learning paths begun, before recommendations
hooks.register(MY_LEARNING_PANELS, evaluations_panel, order=50)  # evaluations still open: first, they close
hooks.register(CPD_CREDIT_SOURCES, courses_cpd_credit)
# The home page: the member's own learning first, what is on for everyone after certificates and mentoring, then
# recommendations (home.py).
hooks.register(HOME_PANELS, home.learning_panel, order=100)
hooks.register(HOME_PANELS, home.whats_on_panel, order=400)
hooks.register(HOME_PANELS, home.recommendations_panel, order=500)
hooks.register(ONBOARDING_STEPS, onboarding.onboarding_steps, order=200)  # the orientation module, a first webinar
hooks.register(ONBOARDING_DONE_RULES, onboarding.done_rules, order=200)


@hooks.register("after_create_page")
def name_creating_instructor(request, page):
    """Name the instructor on what they create, so they can go on editing it (staff name instructors themselves)."""
    if isinstance(page.specific, Offering) and is_restricted_instructor(request.user):
        offering = page.specific
        offering.instructors.add(request.user)
        offering.save()
        offering.save_revision(user=request.user, log_action=False)


@hooks.register("construct_explorer_page_queryset")
def show_restricted_authors_their_own_offerings(parent_page, pages, request):
    """In the catalog, instructors see the offerings they teach and partner hosts the events their partner
    co-hosts (someone who is both sees both), not everyone's drafts."""
    if parent_page.specific_class is not CatalogIndexPage:
        return pages
    user = request.user
    instructor, partner_host = is_restricted_instructor(user), is_restricted_partner_host(user)
    if not (instructor or partner_host):
        return pages
    visible = Q(pk__in=[])
    if instructor:
        visible |= Q(pk__in=Offering.objects.filter(instructors=user).values("pk"))
        visible |= Q(pk__in=LearningPathPage.objects.values("pk"))  # written by instructors and staff together
    if partner_host:
        visible |= Q(pk__in=EventPage.objects.filter(co_hosts__in=partners_hosted_by(user)).values("pk"))
    return pages.filter(visible)


@hooks.register("construct_homepage_panels")
def add_own_work_panels(request, panels):
    """Each panel decides for itself, from the person, whether it shows and what (admin_home.py)."""
    panels.append(admin_home.TeachingPanel())
    panels.append(admin_home.HostedEventsPanel())


@hooks.register("before_serve_document")
def keep_members_only_documents_for_members(document, request):
    """A members-only block hides its link; this keeps the file itself from anyone who has the address."""
    members_only = Collection.objects.filter(name=MEMBERS_ONLY_COLLECTION).first()
    filed_there = members_only is not None and (
        document.collection_id == members_only.pk or document.collection.is_descendant_of(members_only)
    )
    if not filed_there or is_member(request.user) or sees_everything(request.user):
        return None
    return TemplateResponse(request, "courses/members_only_document.html", {"document": document}, status=403)


# ------------------------------------------------------------------------------------------- events admin


@hooks.register("register_admin_urls")
def register_event_admin_urls():
    return event_admin.admin_urls()


class EventsMenuItem(MenuItem):
    def is_shown(self, request):
        return is_staff_member(request.user) or events_managed_by(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_events_menu_item():
    return EventsMenuItem(
        _("Events & registrations"), reverse("courses_events:index"), name="events-registrations",
        icon_name="date", order=250,
    )


class StaffReportMenuItem(MenuItem):
    def is_shown(self, request):
        return is_staff_member(request.user)


@hooks.register("register_reports_menu_item")
def register_programme_planner_menu_item():
    return StaffReportMenuItem(
        _("Programme planner"), reverse("courses_programme_planner"), name="programme-planner",
        icon_name="table", order=900,
    )


class RegistrationsButton(PageMenuItem):
    """Shown on event pages whose registrations the user may manage."""

    label = _("Registrations")
    icon_name = "group"

    def __init__(self, *, page, priority, next_url=None):
        super().__init__(page=page, priority=priority, next_url=next_url,
                         url=reverse("courses_events:registrations", args=[page.pk]))

    def is_shown(self, user):
        return may_manage_registrations(user, self.page)


def is_event_page(page) -> bool:
    return issubclass(page.specific_class or type(page), EventPage)


@hooks.register("register_page_listing_buttons")
def registrations_listing_button(page, user, next_url=None):
    if is_event_page(page):
        yield RegistrationsButton(page=page, priority=20)


@hooks.register("register_page_header_buttons")
def registrations_header_button(page, user, view_name, next_url=None):
    if is_event_page(page):
        yield RegistrationsButton(page=page, priority=12)


# Outcomes (courses/outcomes): courses' own activity for the engagement report, and the report's staff page.
hooks.register(MEMBER_ACTIVITY_SOURCES, outcome_activity.activity_sources)


@hooks.register("register_admin_urls")
def register_engagement_url():
    return [path("reports/engagement/", EngagementView.as_view(), name="courses_outcomes_engagement")]


class OutcomesMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(OUTCOMES_PERMISSION)


@hooks.register("register_reports_menu_item")
def register_engagement_menu_item():
    return OutcomesMenuItem(_("Engagement"), reverse("courses_outcomes_engagement"), icon_name="group", order=1100)


# Strategic abandonment (courses/outcomes/abandonment.py): Reports -> "Retire or redesign".
@hooks.register("register_admin_urls")
def register_abandonment_url():
    return [path("reports/retire-or-redesign/", AbandonmentView.as_view(), name="courses_outcomes_abandonment")]


@hooks.register("register_reports_menu_item")
def register_abandonment_menu_item():
    return OutcomesMenuItem(_("Retire or redesign"), reverse("courses_outcomes_abandonment"), icon_name="warning",
                            order=1110)
# ------------------------------------------------------------------------------------------- evaluations report


@hooks.register("register_admin_urls")
def register_evaluations_admin_urls():
    return evaluations_admin.admin_urls()


class EvaluationsMenuItem(MenuItem):
    def is_shown(self, request):
        return evaluations_admin.may_read_answers(request.user)


@hooks.register("register_reports_menu_item")
def register_evaluations_menu_item():
    return EvaluationsMenuItem(_("Evaluations"), reverse("courses_evaluations:index"), name="evaluations",
                               icon_name="form", order=910)


# ------------------------------------------------------------------------------------- outcomes dashboard (issue 20)


@hooks.register("register_admin_urls")
def register_outcomes_dashboard_urls():
    return [path("reports/outcomes/", OutcomesView.as_view(), name="courses_outcomes_dashboard"),
            path("reports/outcomes/hosted/", HostedOutcomesView.as_view(), name="courses_outcomes_hosted"),
            path("reports/outcomes/hosted/<id:offering_id>/", HostedOutcomesView.as_view(),
                 name="courses_outcomes_hosted_offering")]


@hooks.register("register_reports_menu_item")
def register_outcomes_dashboard_menu_item():
    return OutcomesMenuItem(_("Outcomes"), reverse("courses_outcomes_dashboard"), name="outcomes",
                            icon_name="table", order=1090)


@hooks.register(API_ROUTERS, order=300)
def outcomes_api():
    from .outcomes.api import router  # imported when lms builds the API

    return router
