"""The certificate list in the Wagtail admin, on Wagtail's generic listing: its columns, the status filter (a
django-filter FilterSet), the search by code, name, e-mail or title, and Wagtail's own pager.

Staff only, checked on the server (`lms.staff_admin`). What a status means belongs to `certificates.issuance`.
"""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.widgets.button import HeaderButton

from lms.staff_admin import StaffAreaMixin

from . import issuance, renewal
from .codes import normalise_code
from .models import Certificate

PER_PAGE = 30
MAX_QUERY_LENGTH = 200


class CertificateFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"),
        choices=issuance.STATUS_CHOICES,
        empty_label=gettext_lazy("Any status"),
        method="with_status",
        error_messages={"invalid_choice": gettext_lazy("“%(value)s” is not a status; choose one from the list.")},
    )

    expiry = django_filters.ChoiceFilter(
        label=gettext_lazy("Expiry"),
        choices=[("soon", gettext_lazy("Expiring within 90 days")),
                 ("renewable", gettext_lazy("Expired, still renewable"))],
        empty_label=gettext_lazy("Any expiry"),
        method="with_expiry",
        error_messages={"invalid_choice": gettext_lazy("“%(value)s” is not an expiry choice; choose one from the "
                                                       "list.")},
    )

    class Meta:
        model = Certificate
        fields: list[str] = []

    def with_status(self, queryset, name, value):
        return queryset.filter(issuance.status_condition(value))

    def with_expiry(self, queryset, name, value):
        now = timezone.now()
        if value == "soon":
            return queryset.filter(renewal.expiring_soon_condition(now))
        return queryset.filter(renewal.in_grace_condition(now))


class CellColumn(Column):
    """A column whose cell is a template of this package, given the certificate as `certificate`."""

    def __init__(self, name, cell_template_name: str, **kwargs):
        super().__init__(name, **kwargs)
        self.cell_template_name = cell_template_name

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["certificate"] = instance
        return context


def _cell(name: str) -> str:
    return f"certificates/admin/cells/{name}.html"


class CertificateIndexView(StaffAreaMixin, IndexView):
    """Newest first; a status that is not one of the list is a 400 naming it, not an empty page."""

    model = Certificate
    page_title = gettext_lazy("Certificates")
    header_icon = "doc-full-inverse"
    template_name = "certificates/admin/index.html"
    results_template_name = "certificates/admin/index_results.html"
    index_url_name = "certificates_admin:index"
    index_results_url_name = "certificates_admin:index_results"
    area_index_url_name = "certificates_admin:index"
    area_back_label = gettext_lazy("Back to certificates")
    staff_only_message = gettext_lazy("Certificates are managed by staff.")
    any_permission_required = None  # who may see certificates is `StaffAreaMixin`'s rule, not model permissions
    filterset_class = CertificateFilterSet
    search_fields = ["recipient_name", "recipient_email", "achievement_title"]
    search_backend_name = None
    default_ordering = ("-issued_at", "-pk")
    paginate_by = PER_PAGE
    verbose_name = gettext_lazy("certificate")
    verbose_name_plural = gettext_lazy("certificates")
    columns = [
        CellColumn("code", _cell("code"), label=gettext_lazy("Code")),
        CellColumn("recipient", _cell("recipient"), label=gettext_lazy("Recipient")),
        CellColumn("achievement", _cell("achievement"), label=gettext_lazy("For")),
        CellColumn("issued_at", _cell("issued"), label=gettext_lazy("Issued")),
        CellColumn("status", _cell("status"), label=gettext_lazy("Status"),
                   accessor=lambda certificate: issuance.certificate_status(certificate)),
    ]

    def get_base_queryset(self):
        return Certificate.objects.select_related("member", "replaced_by")  # replaced_status reads it

    def search_queryset(self, queryset):
        """Name, e-mail or title contain the words; or the words, read as a code, are its code."""
        query = self.search_query.strip()[:MAX_QUERY_LENGTH]
        if not query:
            return queryset
        matches = Q()
        for field in self.search_fields:
            matches |= Q(**{f"{field}__icontains": query})
        code = normalise_code(query)
        if code:
            matches |= Q(code=code)
        return queryset.filter(matches)

    @property
    def problem(self) -> str:
        if self.filters is None or self.filters.is_valid():
            return ""
        return " ".join(str(error) for errors in self.filters.errors.values() for error in errors)

    @property
    def header_buttons(self):
        return [
            HeaderButton(_("Issue by hand"), url=reverse("certificates_admin:issue"), icon_name="plus"),
            HeaderButton(_("Issue in bulk"), url=reverse("certificates_admin:bulk"), icon_name="list-ul"),
            HeaderButton(_("Certificate templates"),
                         url=reverse("wagtailsnippets_certificates_certificatetemplate:list"), icon_name="doc-empty"),
        ]

    @property
    def no_results_message(self):
        if self.is_searching or self.is_filtering:
            return _("No certificates match.")
        return _("No certificates have been issued yet.")

    def render_to_response(self, context, **response_kwargs):
        response_kwargs.setdefault("status", 400 if self.problem else 200)
        context["problem"] = self.problem
        return super().render_to_response(context, **response_kwargs)
