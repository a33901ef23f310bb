"""Wagtail hooks: the staff "Mentoring rounds" area (rounds, matcher runs, review, publishing, health), the
mentoring panel on "My learning" and the home page, the mentoring e-mails the outbox sends (lms/extension_points.py),
and the admin home's panel of rounds that need staff (admin_home.py)."""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from lms.extension_points import (
    CPD_CREDIT_SOURCES,
    HOME_PANELS,
    MEMBER_ACTIVITY_SOURCES,
    MY_LEARNING_PANELS,
    ONBOARDING_DONE_RULES,
    ONBOARDING_STEPS,
    OUTBOX_LETTERS,
)
from lms.roles import is_staff_member

from . import activity, admin_home, admin_views, letters, onboarding
from .cpd_credit import mentoring_cpd_credit
from .dashboard import mentoring_panel

hooks.register(MY_LEARNING_PANELS, mentoring_panel, order=200)
hooks.register(HOME_PANELS, mentoring_panel, order=300)  # the same status, on the home page
hooks.register(OUTBOX_LETTERS, letters.outbox_letters)
hooks.register(ONBOARDING_STEPS, onboarding.onboarding_steps, order=300)  # finding a mentor
hooks.register(ONBOARDING_DONE_RULES, onboarding.done_rules, order=300)
hooks.register(CPD_CREDIT_SOURCES, mentoring_cpd_credit)  # mentors' giving back, where a scheme counts it
hooks.register(MEMBER_ACTIVITY_SOURCES, activity.activity_sources)  # requests, accepted proposals, meetings


@hooks.register("register_admin_urls")
def register_mentoring_admin_urls():
    return [path("mentoring/", include((admin_views.round_patterns, "mentoring_admin"), namespace="mentoring_admin"))]


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return is_staff_member(request.user)


@hooks.register("register_admin_menu_item")
def register_mentoring_menu_item():
    return StaffMenuItem(gettext_lazy("Mentoring rounds"), reverse("mentoring_admin:index"), name="mentoring-rounds",
                         icon_name="group", order=270)


@hooks.register("construct_homepage_panels")
def add_rounds_needing_action_panel(request, panels):
    panels.append(admin_home.RoundsNeedingActionPanel())
