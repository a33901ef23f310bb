"""The base of every hand-made page in the Wagtail admin (events, mentoring rounds, certificates): who may enter,
where a refusal's "back" leads, and `render` with a status.

Entry is checked on the server for every request: staff only unless a view's `check_access` says otherwise. A
refusal raised by the check or by the view becomes the admin's refusal page (`lms.refusal`), with its real status.
"""

from __future__ import annotations

from django.core.paginator import Page
from django.urls import reverse
from django.utils.functional import Promise
from django.views import View
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .refusal import Refused, set_way_back
from .roles import is_staff_member


class StaffAreaMixin:
    """Entry check and way back for an admin area's views, Wagtail's generic ones included. Subclasses name the
    area's index (`area_index_url_name`, `area_back_label`) and the sentence refusing non-staff
    (`staff_only_message`)."""

    area_index_url_name = ""
    area_back_label: str | Promise = ""
    staff_only_message: str | Promise = ""

    def dispatch(self, request, *args, **kwargs):
        set_way_back(request, reverse(self.area_index_url_name), str(self.area_back_label))
        self.check_access(request)
        return super().dispatch(request, *args, **kwargs)

    def check_access(self, request) -> None:
        """Raise `Refused` unless the user may use this page; here: staff only."""
        if not is_staff_member(request.user):
            raise Refused(str(self.staff_only_message))


class StaffAdminView(StaffAreaMixin, WagtailAdminTemplateMixin, View):
    """A hand-made admin page: the area's entry check, a breadcrumb, and `render` with a status."""

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def page_of(self, items, per_page: int) -> Page:
        """One page of `items` by `?p=`, for Wagtail's own pager (wagtailadmin/shared/pagination_nav.html)."""
        return WagtailPaginator(items, per_page).get_page(self.request.GET.get("p"))

    def render(self, status: int = 200, **context):
        page = context.get("page_obj")
        if page is not None:
            context.setdefault("elided_page_range", page.paginator.get_elided_page_range(page.number))
        return self.render_to_response(self.get_context_data(**context), status=status)
