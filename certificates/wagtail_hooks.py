"""Admin hooks: certificate templates as a snippet (with signatories, the offerings that use them and a PDF
preview), and the staff "Certificates" area in the menu."""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, DateColumn
from wagtail.admin.widgets.button import HeaderButton, ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, SnippetViewSet

from lms.roles import is_staff_member

from . import admin_views
from .models import CertificateTemplate, TemplateAssignment, image_file_problem
from .placeholders import PLACEHOLDERS


def placeholder_help() -> str:
    items = format_html_join("", "<li><code>{{{{ {} }}}}</code>: {}</li>",
                             ((name, description) for name, description in PLACEHOLDERS.items()))
    return format_html("<p>{}</p><ul>{}</ul>", _("Write placeholders in the title and body as {{ name }}; each is "
                                                "replaced by the member's details when the certificate is printed:"),
                       items)


class CertificateTemplateForm(WagtailAdminModelForm):
    """Checks what the model alone cannot see: the signatories and offerings being saved with it."""

    def is_valid(self):
        # The child forms are validated after this form's own clean(), so their checks run here, afterwards.
        valid = super().is_valid()
        errors_before = self._child_error_count()
        self._check_signatures_are_stored()
        self._check_offerings_are_free()
        return valid and self._child_error_count() == errors_before

    def _child_error_count(self) -> int:
        return sum(len(form.errors) for formset in self.formsets.values() for form in formset.forms)

    def _check_signatures_are_stored(self) -> None:
        for form in self.formsets.get("signatories", ()):
            if not getattr(form, "cleaned_data", None) or form.cleaned_data.get("DELETE"):
                continue
            signature = form.cleaned_data.get("signature")
            name = form.cleaned_data.get("name") or _("a signatory")
            problem = image_file_problem(signature, _("signature of %(name)s") % {"name": name})
            if problem:
                form.add_error("signature", problem)

    def _check_offerings_are_free(self) -> None:
        """An offering uses at most one template: name the template that already has it."""
        seen: set[int] = set()
        for form in self.formsets.get("assignments", ()):
            if not getattr(form, "cleaned_data", None) or form.cleaned_data.get("DELETE"):
                continue
            # A clash with another template's row also fails the unique check, which drops the field from
            # cleaned_data; the instance still holds the choice.
            offering = form.cleaned_data.get("offering") or getattr(form.instance, "offering", None)
            if offering is None:
                continue
            if offering.pk in seen:
                form.add_error("offering", _("%(title)s is listed twice.") % {"title": offering.title})
                continue
            seen.add(offering.pk)
            taken = (TemplateAssignment.objects.filter(offering=offering).exclude(template_id=self.instance.pk)
                     .select_related("template").first())
            if taken is not None:
                form.add_error("offering", _("%(title)s already uses the template “%(template)s”; remove it there "
                                             "first.") % {"title": offering.title, "template": taken.template.name})


class TemplateEditView(EditView):
    @property
    def header_buttons(self):
        return [*super().header_buttons, HeaderButton(
            _("Preview PDF"), url=reverse("certificates_admin:template_preview", args=[self.object.pk]),
            icon_name="view", attrs={"target": "_blank", "rel": "noopener"},
        )]


class CertificateTemplateViewSet(SnippetViewSet):
    model = CertificateTemplate
    icon = "doc-full"
    menu_label = gettext_lazy("Certificate templates")
    edit_view_class = TemplateEditView
    list_display = ["name", BooleanColumn("is_site_default", label=gettext_lazy("Site default")),
                    "paper_size", "orientation", DateColumn("updated_at", label=gettext_lazy("Updated"))]
    search_fields = ["name", "title"]

    @property
    def edit_handler(self):
        return ObjectList([
            FieldPanel("name"),
            MultiFieldPanel([
                FieldPanel("title"),
                FieldPanel("body"),
                HelpPanel(content=placeholder_help()),
            ], heading=gettext_lazy("Words")),
            MultiFieldPanel([
                FieldRowPanel([FieldPanel("accent_colour"), FieldPanel("paper_size"), FieldPanel("orientation")]),
                FieldPanel("logo"),
                FieldPanel("background"),
            ], heading=gettext_lazy("Look")),
            InlinePanel("signatories", heading=gettext_lazy("Signatories"), label=gettext_lazy("Signatory"),
                        panels=[FieldRowPanel([FieldPanel("name"), FieldPanel("role")]), FieldPanel("signature")]),
            MultiFieldPanel([FieldPanel("valid_for_months"), FieldPanel("is_site_default")],
                            heading=gettext_lazy("Validity and use")),
            InlinePanel("assignments", heading=gettext_lazy("Offerings that use this template"),
                        label=gettext_lazy("Offering"), panels=[FieldPanel("offering")],
                        help_text=gettext_lazy("Offerings not listed on any template use the site default.")),
        ], base_form_class=CertificateTemplateForm)


register_snippet(CertificateTemplateViewSet)


@hooks.register("before_delete_snippet")
def keep_the_site_default(request, instances):
    """The site default is what every unassigned offering prints with; another must become default first."""
    if any(isinstance(instance, CertificateTemplate) and instance.is_site_default for instance in instances):
        return admin_views.refused(
            request, _("The site default template cannot be deleted: make another template the default first."),
            status=409,
        )
    return None


@hooks.register("register_admin_urls")
def register_certificate_admin_urls():
    return [path("certificates/", include((admin_views.certificate_patterns, "certificates_admin"),
                                          namespace="certificates_admin"))]


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return is_staff_member(request.user)


@hooks.register("register_admin_menu_item")
def register_certificates_menu_item():
    return StaffMenuItem(gettext_lazy("Certificates"), reverse("certificates_admin:index"), name="certificates",
                         icon_name="doc-full-inverse", order=260)


@hooks.register("register_snippet_listing_buttons")
def preview_listing_button(snippet, user, next_url=None):
    if isinstance(snippet, CertificateTemplate):
        yield ListingButton(_("Preview PDF"), url=reverse("certificates_admin:template_preview", args=[snippet.pk]),
                            priority=5, attrs={"target": "_blank", "rel": "noopener"})
