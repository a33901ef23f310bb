"""Who may change what in the page tree: Wagtail's group permissions, narrowed so instructors change only the
offerings they are named on and partner hosts only the events their partner co-hosts. (Who may *see* an
offering is `lms.access`, shared with search and certificates.)"""

from __future__ import annotations

from django.utils.functional import cached_property
from wagtail.models import PagePermissionTester

from lms.roles import is_restricted_instructor, is_restricted_partner_host

from ..models import Offering


class RoleScopedPermissionTester(PagePermissionTester):
    """Narrows Wagtail's group page permissions for instructors and partner hosts; staff are unaffected."""

    @cached_property
    def _restricted_instructor(self) -> bool:
        return is_restricted_instructor(self.user)

    @cached_property
    def _restricted_partner_host(self) -> bool:
        return is_restricted_partner_host(self.user)

    def _may_change(self) -> bool:
        raise NotImplementedError

    def can_edit(self):
        return self._may_change() and super().can_edit()

    def can_delete(self, ignore_bulk=False):
        return self._may_change() and super().can_delete(ignore_bulk)

    def can_add_subpage(self):
        return self._may_change() and super().can_add_subpage()

    def can_unpublish(self):
        return self._may_change() and super().can_unpublish()

    def can_publish(self):
        return self._may_change() and super().can_publish()

    def can_submit_for_moderation(self):
        return self._may_change() and super().can_submit_for_moderation()

    def can_lock(self):
        return self._may_change() and super().can_lock()

    def can_move(self):
        return self._may_change() and super().can_move()

    def can_copy(self):
        return self._may_change() and super().can_copy()

    def can_view_revisions(self):
        return self._may_change() and super().can_view_revisions()

    def can_move_to(self, destination):
        # Wagtail checks the raw group permission on the destination; ours narrows it to offerings one teaches.
        return (
            self._may_change()
            and destination.permissions_for_user(self.user).can_add_subpage()
            and super().can_move_to(destination)
        )


class OfferingPermissionTester(RoleScopedPermissionTester):
    """Instructors may change only the offerings they are named on (and those offerings' modules and lessons);
    partner hosts only the event pages their partner co-hosts."""

    @cached_property
    def _offering_pk(self) -> int | None:
        offering = Offering.offering_of(self.page)
        return offering.pk if offering is not None else None

    # Ask the database, not the page: the admin hands us a page rebuilt from its latest revision, whose
    # in-memory relations cannot be filtered by pk and are an unreviewed draft anyway.
    def _named_on_offering(self) -> bool:
        return Offering.objects.filter(pk=self._offering_pk, instructors=self.user.pk).exists()

    def _co_hosted_event(self) -> bool:
        return Offering.objects.filter(
            pk=self._offering_pk, eventpage__isnull=False, co_hosts__hosts=self.user.pk
        ).exists()

    @cached_property
    def _may_change_cached(self) -> bool:
        if not (self._restricted_instructor or self._restricted_partner_host):
            return True
        if self._offering_pk is None:
            return self._restricted_instructor  # a new offering being created by an instructor
        return (self._restricted_instructor and self._named_on_offering()) or (
            self._restricted_partner_host and self._co_hosted_event()
        )

    def _may_change(self) -> bool:
        return self._may_change_cached


class CatalogPermissionTester(RoleScopedPermissionTester):
    """Instructors may add offerings to the catalog, but not change the catalog page itself (nor may hosts)."""

    def _may_change(self) -> bool:
        return not (self._restricted_instructor or self._restricted_partner_host)

    def can_add_subpage(self):
        return PagePermissionTester.can_add_subpage(self)


class LearningPathPermissionTester(RoleScopedPermissionTester):
    """Learning paths are written by staff and instructors together (any instructor may change any path: a programme
    spans offerings several teach); a partner host, whose rights in the catalog are for co-hosted events, may not."""

    def _may_change(self) -> bool:
        return self._restricted_instructor or not self._restricted_partner_host
