"""The four roles (learner, instructor, partner host, staff) as groups with the model permissions each needs, and the
questions every package asks of a person's role. Page permissions are granted where the catalog is set up
(courses/catalog/setup.py) and narrowed per page there (courses/models/pages.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeGuard

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db import DEFAULT_DB_ALIAS

from .models import Member

if TYPE_CHECKING:
    from .access import Viewer

LEARNER = "Learners"
INSTRUCTOR = "Instructors"
PARTNER_HOST = "Partner hosts"
STAFF = "Staff"

ROLE_PERMISSIONS: dict[str, list[str]] = {
    LEARNER: [],
    INSTRUCTOR: [
        "wagtailadmin.access_admin",
        "wagtailimages.add_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.choose_document",
        # Translate the offerings they may edit (simple_translation also asks for the page's edit permission).
        "simple_translation.submit_translation",
    ],
    PARTNER_HOST: ["wagtailadmin.access_admin"],
    STAFF: [
        "wagtailadmin.access_admin",
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
        "cms.add_topic",
        "cms.change_topic",
        "cms.delete_topic",
        "cms.add_partner",
        "cms.change_partner",
        "cms.delete_partner",
        "cms.add_campaign",
        "cms.change_campaign",
        "cms.delete_campaign",
        "lms.view_member",
        "lms.change_member",
        "lms.add_member",
        "certificates.add_certificatetemplate",
        "certificates.change_certificatetemplate",
        "certificates.delete_certificatetemplate",
        "certificates.view_certificatetemplate",
        "cpd.add_cpdscheme",
        "cpd.change_cpdscheme",
        "cpd.delete_cpdscheme",
        "cpd.view_cpdscheme",
        "simple_translation.submit_translation",
        # The outcome reports (courses/outcomes): engagement, and the dashboard that reuses the permission.
        "courses.view_outcomes",
        # Reporting: members' individual evaluation answers (comments, extra answers); partner hosts never.
        "courses.view_evaluation_answers",
    ],
}


def _permission(dotted: str) -> Permission | None:
    app_label, codename = dotted.split(".", 1)
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()


def ensure_role_groups(**kwargs: object) -> None:
    """Create the role groups and grant their model permissions; safe to run after every migrate."""
    # After a flush, post_migrate reaches this app before the Wagtail apps have re-created their permissions.
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=str(kwargs.get("using", DEFAULT_DB_ALIAS)))
    for name, dotted_names in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        permissions = [p for p in (_permission(d) for d in dotted_names) if p is not None]
        group.permissions.add(*permissions)


def signed_in(person: Viewer) -> TypeGuard[Member]:
    """An active account of this site's own: not an anonymous visitor, not an author's preview stand-in."""
    return isinstance(person, Member) and person.is_active


def is_staff_member(user: Viewer) -> bool:
    """Staff run the catalog: the Staff group, Django's staff flag, or a superuser."""
    if not signed_in(user):
        return False
    if user.is_superuser or user.is_staff:
        return True
    return user.pk is not None and _in_group(user, STAFF)


def _in_group(user: Member, name: str) -> bool:
    return any(g.name == name for g in user.groups.all())


def is_restricted_partner_host(user: Viewer) -> bool:
    """A partner host who is not also staff: limited to the events their partner co-hosts."""
    if not signed_in(user) or user.pk is None:
        return False
    return _in_group(user, PARTNER_HOST) and not is_staff_member(user)


def is_restricted_instructor(user: Viewer) -> bool:
    """An instructor who is not also staff: limited to the offerings they are named on."""
    if not signed_in(user) or user.pk is None:
        return False
    return _in_group(user, INSTRUCTOR) and not is_staff_member(user)
