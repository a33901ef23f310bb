"""Wagtail hooks: certificate templates as a snippet (with signatories, the offerings that use them and a PDF
preview), the staff "Certificates" area in the menu, the certificate API's router, the "My learning" panel, the home
page's "just earned" panel (home.py) and the certificate e-mails the outbox sends (lms/extension_points.py), and the
admin home's panel of failed PDFs for staff (admin_home.py)."""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modelcluster.forms import BaseChildFormSet
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, DateColumn
from wagtail.admin.widgets.button import HeaderButton, ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, SnippetViewSet

from lms import url_ids  # noqa: F401  (registers <id:...>)
from lms.extension_points import API_ROUTERS, HOME_PANELS, MY_LEARNING_PANELS, OUTBOX_LETTERS, PATH_PAGE_PANELS
from lms.refusal import Refused
from lms.roles import is_staff_member

from . import admin_home, admin_views, letters, programme
from .achievement_words import ACHIEVEMENT_WORDS
from .dashboard import certificates_panel
from .home import just_earned_panel
from .models import CertificateTemplate, TemplateAssignment, image_file_problem, wording_languages
from .placeholders import PLACEHOLDERS


def placeholder_help() -> str:
    items = format_html_join("", "<li><code>{{{{ {} }}}}</code>: {}</li>",
                             ((name, description) for name, description in PLACEHOLDERS.items()))
    return format_html("<p>{}</p><ul>{}</ul>", _("Write placeholders in the title and body as {{ name }}; each is "
                                                "replaced by the member's details when the certificate is printed:"),
                       items)


# A course completes once (certificates/renewal.py `spent_refreshers`): say so where staff choose the refresher.
REFRESHER_HELP = gettext_lazy(
    "Completing or attending this offering renews the member's certificates from this template (a new version "
    "with a new expiry date). A course is completed once, so a course refresher renews each member once; to renew "
    "again and again, choose an event (every attendance renews) or publish a new edition of the course and choose "
    "it here. Only for templates with a validity.")


class CertificateTemplateForm(WagtailAdminModelForm):
    """Checks what the model alone cannot see: the signatories and offerings being saved with it."""

    def is_valid(self):
        # The child forms are validated after this form's own clean(), so their checks run here, afterwards.
        valid = super().is_valid()
        errors_before = self._child_error_count()
        self._check_signatures_are_stored()
        self._check_offerings_are_free()
        self._check_one_wording_per_language()
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


    def _check_one_wording_per_language(self) -> None:
        """One wording per language, and none in the default wording's language (that one is above)."""
        names = dict(wording_languages())
        default_language = self.cleaned_data.get("language") if hasattr(self, "cleaned_data") else None
        seen: set[str] = set()
        for form in self.formsets.get("wordings", ()):
            if not getattr(form, "cleaned_data", None) or form.cleaned_data.get("DELETE"):
                continue
            language = form.cleaned_data.get("language") or getattr(form.instance, "language", "")
            if not language:
                continue
            name = names.get(language, language)
            if language == default_language:
                form.add_error("language", _(
                    "The default wording above is already in %(language)s; edit it there, or choose another "
                    "language for this one.") % {"language": name})
            elif language in seen:
                form.add_error("language", _("There is already a wording in %(language)s; keep one of them.")
                               % {"language": name})
            seen.add(language)


class WordingFormSet(BaseChildFormSet):
    """Two wordings in one language are refused by CertificateTemplateForm, with the language named, instead of
    Django's generic "correct the duplicate data for template and language"."""

    def validate_unique(self):
        return None


class WordingsPanel(InlinePanel):
    def get_form_options(self):
        options = super().get_form_options()
        options["formsets"][self.relation_name]["formset"] = WordingFormSet
        return options


def preview_url(template: CertificateTemplate, language: str) -> str:
    return f"{reverse('certificates_admin:template_preview', args=[template.pk])}?language={language}"


class TemplateEditView(EditView):
    @property
    def header_buttons(self):
        """One preview per language the template is written in, each printed as a member in it would get it."""
        names = dict(wording_languages())
        return [*super().header_buttons, *(
            HeaderButton(
                _("Preview PDF (%(language)s)") % {"language": names.get(language, language)},
                url=preview_url(self.object, language), icon_name="view",
                attrs={"target": "_blank", "rel": "noopener"},
            )
            for language in self.object.languages()
        )]


class CertificateTemplateViewSet(SnippetViewSet):
    model = CertificateTemplate
    pk_path_converter = "id"  # lms/url_ids.py: ids beyond a database key answer 404
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
                FieldPanel("language"),
                FieldPanel("title"),
                FieldPanel("body"),
                HelpPanel(content=placeholder_help()),
            ], heading=gettext_lazy("Words")),
            WordingsPanel("wordings", heading=gettext_lazy("The words in other languages"),
                          label=gettext_lazy("Wording"), max_num=len(wording_languages()) - 1,
                          panels=[FieldPanel("language"), FieldPanel("title"), FieldPanel("body")],
                          help_text=gettext_lazy(
                              "A member is given the wording in their language if there is one here, else in the "
                              "offering's language, else the default wording above; dates, hours and the "
                              "certificate's labels are printed in the same language. Same placeholders as above.")),
            MultiFieldPanel([
                FieldRowPanel([FieldPanel("accent_colour"), FieldPanel("paper_size"), FieldPanel("orientation")]),
                FieldPanel("logo"),
                FieldPanel("background"),
            ], heading=gettext_lazy("Look")),
            InlinePanel("signatories", heading=gettext_lazy("Signatories"), label=gettext_lazy("Signatory"),
                        panels=[FieldRowPanel([FieldPanel("name"), FieldPanel("role")]), FieldPanel("signature")]),
            MultiFieldPanel([FieldPanel("valid_for_months"), FieldPanel("is_site_default")],
                            heading=gettext_lazy("Validity and use")),
            MultiFieldPanel([FieldPanel("refresher", help_text=REFRESHER_HELP), FieldPanel("renewed_by_cpd_cycle")],
                            heading=gettext_lazy("Renewal")),
            InlinePanel("assignments", heading=gettext_lazy("Offerings that use this template"),
                        label=gettext_lazy("Offering"), panels=[FieldPanel("offering")],
                        help_text=gettext_lazy("Offerings not listed on any template use the site default.")),
            InlinePanel("path_assignments", heading=gettext_lazy("Learning paths that use this template"),
                        label=gettext_lazy("Learning path"), panels=[FieldPanel("path")],
                        help_text=gettext_lazy("For the programme certificate a completed path earns; paths not "
                                               "listed on any template use the site default.")),
        ], base_form_class=CertificateTemplateForm)


register_snippet(CertificateTemplateViewSet)


@hooks.register("before_delete_snippet")
def keep_the_site_default(request, instances):
    """The site default is what every unassigned offering prints with; another must become default first."""
    if any(isinstance(instance, CertificateTemplate) and instance.is_site_default for instance in instances):
        return admin_views.certificates_refusal(request, Refused(
            _("The site default template cannot be deleted: make another template the default first."), status=409,
        ))
    return None


@hooks.register(API_ROUTERS, order=100)
def certificate_api():
    from .api import router  # imported when lms builds the API, not with the admin

    return router


hooks.register(MY_LEARNING_PANELS, certificates_panel, order=100)
hooks.register(PATH_PAGE_PANELS, programme.path_page_panel, order=100)
hooks.register(HOME_PANELS, just_earned_panel, order=200)  # after courses' own learning (100)
hooks.register(OUTBOX_LETTERS, letters.outbox_letters)
hooks.register(ACHIEVEMENT_WORDS, programme.certificate_words)  # cpd registers its credentials' words


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


@hooks.register("construct_homepage_panels")
def add_failed_certificates_panel(request, panels):
    panels.append(admin_home.FailedCertificatesPanel())
