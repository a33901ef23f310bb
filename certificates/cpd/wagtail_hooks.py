"""Wagtail hooks: CPD schemes with their category rules as a staff snippet, the staff review queue and audits in the
admin menu, the `GET /api/v1/me/cpd` router and the CPD letters the outbox sends (lms/extension_points.py)."""

from __future__ import annotations

from django import forms
from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from certificates.achievement_words import ACHIEVEMENT_WORDS
from lms.extension_points import API_ROUTERS, MEMBER_ACTIVITY_SOURCES, OUTBOX_LETTERS
from lms.models import MembershipTier
from lms.refusal import Refused, refusal_page, set_way_back
from lms.roles import is_staff_member

from . import activity, admin_views, audit_admin, credential, letters
from .models import CpdScheme, Cycle


class SchemeForm(WagtailAdminModelForm):
    """The tiers and credentials as checkboxes. What they must say together (at least one of them; a credential
    anchor needs credentials) is the model's own check (CpdScheme.clean), which sees the ticked credentials because
    they are set on the scheme, in memory, before it runs."""

    tiers = forms.MultipleChoiceField(
        choices=MembershipTier.choices, widget=forms.CheckboxSelectMultiple, label=gettext_lazy("Membership tiers"),
        required=False, help_text=CpdScheme._meta.get_field("tiers").help_text,
    )

    def _post_clean(self):
        if "credentials" in self.cleaned_data:
            CpdScheme._meta.get_field("credentials").save_form_data(self.instance, self.cleaned_data["credentials"])
        super()._post_clean()


class CpdSchemeViewSet(SnippetViewSet):
    model = CpdScheme
    pk_path_converter = "id"
    icon = "list-ul"
    menu_label = gettext_lazy("CPD schemes")
    list_display = ["name", "required_hours", "cycle_months", BooleanColumn("is_active", label=gettext_lazy("Active"))]
    search_fields = ["name"]
    edit_handler = ObjectList([
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("required_hours"), FieldPanel("cycle_months"), FieldPanel("yearly_minimum_hours")]),
        MultiFieldPanel([
            FieldPanel("tiers"),
            FieldPanel("credentials", widget=forms.CheckboxSelectMultiple),
            FieldPanel("anchor"),
        ], heading=gettext_lazy("Who the scheme applies to"),
            help_text=gettext_lazy("A member is under the scheme when their tier is ticked (or none is) and they "
                                   "hold one of the ticked credentials (or none is).")),
        FieldPanel("is_active"),
        FieldPanel("counts_mentoring"),
        FieldPanel("certificate_template"),
        InlinePanel("rules", heading=gettext_lazy("Category minimums and caps"), label=gettext_lazy("Category rule"),
                    panels=[FieldRowPanel([FieldPanel("category"), FieldPanel("minimum_hours"),
                                           FieldPanel("maximum_hours")])],
                    help_text=gettext_lazy("Hours past a category's cap are shown to the member but not counted.")),
    ], base_form_class=SchemeForm)


register_snippet(CpdSchemeViewSet)
hooks.register(OUTBOX_LETTERS, letters.outbox_letters)
hooks.register(MEMBER_ACTIVITY_SOURCES, activity.activity_sources)  # external activities logged


@hooks.register("before_delete_snippet")
def keep_schemes_with_cycles(request, instances):
    """Members' cycles, past ones included, point at their scheme: make it inactive instead."""
    if any(isinstance(i, CpdScheme) for i in instances) and Cycle.objects.filter(
            scheme__in=[i for i in instances if isinstance(i, CpdScheme)]).exists():
        set_way_back(request, reverse("wagtailsnippets_cpd_cpdscheme:list"), _("Back to CPD schemes"))
        return refusal_page(request, Refused(
            _("Members have cycles under this scheme, and their records must be kept: untick “active” instead."),
            status=409), in_admin=True)
    return None


@hooks.register(API_ROUTERS, order=150)
def cpd_api():
    from .api import router  # imported when lms builds the API

    return router


@hooks.register("register_admin_urls")
def register_cpd_admin_urls():
    return [path("cpd/review/", include((admin_views.review_patterns, "cpd_admin"), namespace="cpd_admin")),
            path("cpd/audits/", include((audit_admin.audit_patterns, "cpd_audits"), namespace="cpd_audits"))]


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return is_staff_member(request.user)


@hooks.register("register_admin_menu_item")
def register_review_menu_item():
    return StaffMenuItem(gettext_lazy("CPD review"), reverse("cpd_admin:queue"), name="cpd-review",
                         icon_name="tasks", order=265)


@hooks.register("register_admin_menu_item")
def register_audits_menu_item():
    return StaffMenuItem(gettext_lazy("CPD audits"), reverse("cpd_audits:index"), name="cpd-audits",
                         icon_name="clipboard-list", order=266)


@hooks.register(ACHIEVEMENT_WORDS)
def cpd_credential_words(certificate, language):
    """A CPD credential's words in another language, for a re-issue (certificates/achievement_words.py)."""
    return credential.cycle_words(certificate, language)
