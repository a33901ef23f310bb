"""Admin additions for members (the aggregate demographics report, staff only), and what lms adds through its own
extension points (lms/extension_points.py): the onboarding checklist's first steps, its panel on the home page
and on "My learning", and the onboarding e-mails the outbox sends."""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.account import NameEmailSettingsPanel
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import onboarding, onboarding_letters, wagtail_exports
from .demographics_report import SMALLEST_REPORTED_GROUP, aggregate_report
from .extension_points import HOME_PANELS, MY_LEARNING_PANELS, ONBOARDING_DONE_RULES, ONBOARDING_STEPS, OUTBOX_LETTERS
from .forms import AdminAccountNameForm
from .onboarding_panel import onboarding_panel
from .roles import is_staff_member

# Wagtail imports this module with its admin, before any report can be exported or account page shown.
wagtail_exports.install()
NameEmailSettingsPanel.form_class = AdminAccountNameForm  # staff's own names pass the printed-name rule too

hooks.register(ONBOARDING_STEPS, onboarding.lms_steps, order=100)
hooks.register(ONBOARDING_DONE_RULES, onboarding.lms_done_rules, order=100)
hooks.register(HOME_PANELS, onboarding_panel, order=50)
hooks.register(MY_LEARNING_PANELS, onboarding_panel, order=50)
hooks.register(OUTBOX_LETTERS, onboarding_letters.outbox_letters)

REPORT_PERMISSION = "lms.view_member"


class DemographicsReportView(PermissionRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    permission_required = REPORT_PERMISSION
    raise_exception = True
    page_title = _("Member demographics (aggregate)")
    header_icon = "group"
    template_name = "lms/admin/demographics_report.html"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["report"] = aggregate_report()
        context["smallest_group"] = SMALLEST_REPORTED_GROUP
        return context


class StaffOnlyMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(REPORT_PERMISSION)


@hooks.register("register_admin_urls")
def register_demographics_report_url():
    return [path("reports/demographics/", DemographicsReportView.as_view(), name="lms_demographics_report")]


@hooks.register("register_reports_menu_item")
def register_demographics_report_menu_item():
    return StaffOnlyMenuItem(
        _("Member demographics"), reverse("lms_demographics_report"), icon_name="group", order=1000
    )


# Learning records (xAPI) the LRS has not taken: staff only (lms/learning_records_admin.py checks every request).
class LearningRecordsMenuItem(MenuItem):
    def is_shown(self, request):
        return is_staff_member(request.user)


@hooks.register("register_admin_urls")
def register_learning_records_url():
    from .learning_records_admin import LearningRecordsView

    return [path("reports/learning-records/", LearningRecordsView.as_view(), name="lms_learning_records")]


@hooks.register("register_reports_menu_item")
def register_learning_records_menu_item():
    return LearningRecordsMenuItem(
        _("Learning records not sent"), reverse("lms_learning_records"), icon_name="warning", order=1010
    )


@hooks.register("insert_global_admin_css")
def admin_contrast_css():
    """Wagtail's own colours that fall short of WCAG 2.2 AA contrast, mended for every admin page."""
    return format_html('<link rel="stylesheet" href="{}">', static("lms/admin.css"))
