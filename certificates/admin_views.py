"""The staff side of certificates in the Wagtail admin: one certificate with its history and actions (revoke,
re-issue, retry the render, withdraw), issuing by hand and in bulk, the template preview, and the addresses of
these and of the list (`admin_list`).

Every view checks on the server that the user is staff (`lms.staff_admin`): anyone else with admin
access gets a 403 page, and people without admin access are sent to sign in by Wagtail before reaching here.
The decisions belong to `certificates.issuance`; these views read the request, call it and show the answer.
"""

from __future__ import annotations

from django import forms
from django.http import FileResponse, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages

from courses.models import Offering
from lms import url_ids  # noqa: F401  (registers <id:...>)
from lms.confirmation import Confirmation, carried_fields, confirmation_page, is_confirmed
from lms.models import Member
from lms.refusal import Refused, refusal_page, set_way_back
from lms.staff_admin import StaffAdminView

from . import issuance
from .admin_list import CertificateIndexView
from .models import Certificate, CertificateTemplate, wording_languages
from .pdf_design import design_from_template
from .rendering import CertificateRenderError, render_certificate_pdf, sample_facts

PREVIEW_LANGUAGES = tuple(code for code, _name in wording_languages())


BACK_TO_CERTIFICATES = gettext_lazy("Back to certificates")


def certificates_refusal(request, refused: Refused) -> TemplateResponse:
    """For the hooks and previews Wagtail runs outside these views: the admin's refusal page, back to the list."""
    set_way_back(request, reverse("certificates_admin:index"), str(BACK_TO_CERTIFICATES))
    return refusal_page(request, refused, in_admin=True)


def back_to(certificate: Certificate) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("certificates_admin:detail", args=[certificate.pk]), status=303)


def form_problem(form: forms.Form) -> str:
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


# ------------------------------------------------------------------------------------------- forms


class ReasonField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", issuance.MAX_REASON_LENGTH)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 3}))
        super().__init__(**kwargs)


class RevokeForm(forms.Form):
    prefix = "revoke"  # the page also shows the re-issue form: field ids must differ
    reason = ReasonField(
        label=gettext_lazy("Reason"),
        help_text=gettext_lazy("Shown to anyone who checks the certificate; kept in its history."),
        error_messages={"required": gettext_lazy("Give a reason for revoking.")},
    )
    notify = forms.BooleanField(required=False, label=gettext_lazy("E-mail the member to tell them"))


class ReissueForm(forms.Form):
    prefix = "reissue"
    reason = ReasonField(
        label=gettext_lazy("Why"),
        help_text=gettext_lazy("e.g. 'Name changed on request'."),
        error_messages={"required": gettext_lazy("Say why it is re-issued.")},
    )


class OfferingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, offering):
        return f"{offering.title} ({offering.format_label}, {offering.programme_year})"


def offering_field() -> OfferingChoiceField:
    return OfferingChoiceField(
        queryset=Offering.objects.order_by("-programme_year", "title"),
        label=gettext_lazy("Offering"),
        error_messages={
            "invalid_choice": gettext_lazy("Choose an offering from the list."),
            "required": gettext_lazy("Choose the offering the certificate is for."),
        },
    )


class IssueByHandForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Member's e-mail address"))
    offering = offering_field()
    note = ReasonField(
        label=gettext_lazy("Why it is issued by hand"),
        help_text=gettext_lazy("e.g. 'Attendance taken on paper at the Lisbon workshop'."),
        error_messages={"required": gettext_lazy("Say why it is issued by hand.")},
    )

    def clean_email(self):
        email = self.cleaned_data["email"]
        member = Member.objects.filter(email__iexact=email).first()
        if member is None:
            raise forms.ValidationError(_("No account has the e-mail address %(email)s.") % {"email": email})
        self.member = member
        return email


class BulkIssueForm(forms.Form):
    offering = offering_field()
    emails = forms.CharField(
        label=gettext_lazy("E-mail addresses"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=gettext_lazy(
            "One per line, at most 1,000. If any line cannot be used, nothing is issued and "
            "each such line is listed with the reason."
        ),
    )
    note = ReasonField(
        label=gettext_lazy("Why they are issued by hand"),
        error_messages={"required": gettext_lazy("Say why they are issued by hand.")},
    )


# ------------------------------------------------------------------------------------------- base views


class StaffOnlyView(StaffAdminView):
    """403 for anyone with admin access who is not staff."""

    header_icon = "doc-full-inverse"
    area_index_url_name = "certificates_admin:index"
    area_back_label = BACK_TO_CERTIFICATES
    staff_only_message = gettext_lazy("Certificates are managed by staff.")

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("certificates_admin:index"), "label": _("Certificates")},
            {"url": "", "label": self.get_page_title()},
        ]


class CertificateView(StaffOnlyView):
    """Loads the certificate in the address (404 if there is none)."""

    def check_access(self, request) -> None:
        self.certificate = get_object_or_404(
            Certificate.objects.select_related("member", "offering", "template", "replaced_by", "revoked_by"),
            pk=self.kwargs["certificate_id"],
        )
        super().check_access(request)

    def get_page_title(self):
        return _("Certificate %(code)s") % {"code": self.certificate.code}


# ------------------------------------------------------------------------------------------- one certificate


class CertificateDetailView(CertificateView):
    template_name = "certificates/admin/detail.html"

    def get(self, request, certificate_id):
        return self.page()

    def page(self, status: int = 200, revoke_form=None, reissue_form=None):
        certificate = self.certificate
        versions = []
        if certificate.member_id:
            versions = list(
                Certificate.objects.filter(member_id=certificate.member_id, achievement_key=certificate.achievement_key)
                .exclude(pk=certificate.pk)
                .order_by("-version")
            )
        return self.render(
            status=status,
            certificate=certificate,
            certificate_status=issuance.certificate_status(certificate),
            events=certificate.events.select_related("by").order_by("-at", "-pk"),
            versions=versions,
            revoke_form=revoke_form or RevokeForm(),
            reissue_form=reissue_form or ReissueForm(),
            fingerprint_matches=issuance.record_matches_fingerprint(certificate),
        )


class CertificatePdfView(CertificateView):
    """The stored PDF, inline; 404 while there is none (pending, failed, withdrawn)."""

    def get(self, request, certificate_id):
        certificate = self.certificate
        if not certificate.pdf:
            raise Refused(_("This certificate has no PDF (yet)."), status=404)
        try:
            handle = certificate.pdf.open("rb")
        except OSError as error:
            problem = _("The PDF could not be read from the file storage; try again shortly.")
            raise Refused(problem, status=503) from error
        return FileResponse(
            handle, content_type="application/pdf", as_attachment=False, filename=f"certificate-{certificate.code}.pdf"
        )


class RevokeView(CertificateView):
    """The detail page's form posts here; the reason is checked, then confirmed on a page of its own."""

    def post(self, request, certificate_id):
        form = RevokeForm(request.POST)
        detail = CertificateDetailView(request=request, kwargs=self.kwargs)
        detail.certificate = self.certificate
        if not form.is_valid():
            return detail.page(status=400, revoke_form=form)
        if not is_confirmed(request):
            return confirmation_page(request, self.confirmation(form), admin=True)
        try:
            issuance.revoke(
                self.certificate, form.cleaned_data["reason"], by=request.user, notify=form.cleaned_data["notify"]
            )
        except issuance.IssuanceRefused as refusal:
            messages.error(request, str(refusal))
        else:
            message = _("Certificate %(code)s is revoked.") % {"code": self.certificate.code}
            if form.cleaned_data["notify"] and self.certificate.member_id:
                message += " " + _("The member is told by e-mail.")
            messages.success(request, message)
        return back_to(self.certificate)

    def confirmation(self, form: RevokeForm) -> Confirmation:
        certificate = self.certificate
        told = (
            _("The member is told by e-mail.")
            if form.cleaned_data["notify"] and certificate.member_id
            else _("No e-mail is sent.")
        )
        return Confirmation(
            title=_("Revoke certificate %(code)s?") % {"code": certificate.code},
            consequence=_(
                "Certificate %(code)s (%(name)s, %(title)s) will show as revoked to anyone who checks it, "
                "with the reason below, and in the public status list. %(told)s"
            )
            % {
                "code": certificate.code,
                "name": certificate.recipient_name,
                "title": certificate.achievement_title,
                "told": told,
            },
            details=((_("Reason"), form.cleaned_data["reason"]),),
            permanence=_("This cannot be undone."),
            confirm_label=_("Revoke certificate"),
            back_url=reverse("certificates_admin:detail", args=[certificate.pk]),
            back_label=_("Keep the certificate valid"),
            carried=carried_fields(request=self.request, names=("revoke-reason", "revoke-notify")),
        )


class ReissueView(CertificateView):
    def post(self, request, certificate_id):
        form = ReissueForm(request.POST)
        if not form.is_valid():
            detail = CertificateDetailView(request=request, kwargs=self.kwargs)
            detail.certificate = self.certificate
            return detail.page(status=400, reissue_form=form)
        try:
            new = issuance.reissue(self.certificate, by=request.user, reason=form.cleaned_data["reason"])
        except issuance.IssuanceRefused as refusal:
            messages.error(request, str(refusal))
            return back_to(self.certificate)
        messages.success(
            request,
            _("Re-issued as %(code)s, printed with the name %(name)s; %(old)s now shows as replaced.")
            % {"code": new.code, "name": new.recipient_name, "old": self.certificate.code},
        )
        return back_to(new)


class RetryRenderView(CertificateView):
    def post(self, request, certificate_id):
        try:
            issuance.request_render(self.certificate, by=request.user)
        except issuance.IssuanceRefused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, _("The PDF is being rendered again."))
        return back_to(self.certificate)


class WithdrawView(CertificateView):
    """Two steps: a page saying what is deleted (the GET, or a POST without confirm=yes), then the confirmed POST."""

    def get(self, request, certificate_id):
        return self.ask()

    def post(self, request, certificate_id):
        if not is_confirmed(request):
            return self.ask()
        try:
            withdrawn = issuance.withdraw(self.certificate, by=request.user)
        except issuance.IssuanceRefused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(
                request,
                _("Withdrawn: %(codes)s. Their codes now answer “withdrawn”.")
                % {"codes": ", ".join(c.code for c in withdrawn)},
            )
        return back_to(self.certificate)

    def ask(self):
        certificate = self.certificate
        detail_url = reverse("certificates_admin:detail", args=[certificate.pk])
        if certificate.withdrawn_at:
            raise Refused(_("This certificate was already withdrawn."), status=409)
        return confirmation_page(
            self.request,
            Confirmation(
                title=_("Withdraw certificate %(code)s?") % {"code": certificate.code},
                consequence=_(
                    "The recipient's name and e-mail address, the PDF and the signed credential of "
                    "certificate %(code)s (%(name)s, %(title)s) and of every other version of it are deleted "
                    "for good. What stays: the code, the kind of achievement, the dates and its position in "
                    "the status list, so anyone checking the code is told it was withdrawn (and a signed "
                    "credential someone kept checks as revoked)."
                )
                % {
                    "code": certificate.code,
                    "name": certificate.recipient_name,
                    "title": certificate.achievement_title,
                },
                permanence=_("This cannot be undone."),
                confirm_label=_("Withdraw for good"),
                back_url=detail_url,
                back_label=_("Keep the certificate"),
            ),
            admin=True,
        )


# ------------------------------------------------------------------------------------------- issuing by hand


class IssueByHandView(StaffOnlyView):
    page_title = gettext_lazy("Issue a certificate by hand")
    template_name = "certificates/admin/issue.html"

    def get(self, request):
        return self.render(form=IssueByHandForm())

    def post(self, request):
        form = IssueByHandForm(request.POST)
        if not form.is_valid():
            return self.render(status=400, form=form)
        try:
            outcome = issuance.issue_by_hand(
                form.member, form.cleaned_data["offering"], by=request.user, note=form.cleaned_data["note"]
            )
        except issuance.IssuanceRefused as refusal:
            form.add_error(None, str(refusal))
            return self.render(status=refusal.status if 400 <= refusal.status < 500 else 400, form=form)
        if outcome.certificate is None:
            form.add_error("email", outcome.message)
            return self.render(status=409, form=form)
        (messages.success if outcome.issued else messages.info)(request, outcome.message)
        return back_to(outcome.certificate)


class BulkIssueView(StaffOnlyView):
    page_title = gettext_lazy("Issue certificates in bulk")
    template_name = "certificates/admin/bulk.html"

    def get(self, request):
        return self.render(form=BulkIssueForm())

    def post(self, request):
        form = BulkIssueForm(request.POST)
        if not form.is_valid():
            return self.render(status=400, form=form)
        members, problems = issuance.members_from_lines(form.cleaned_data["emails"])
        if problems:
            return self.render(status=400, form=form, problems=problems)
        try:
            outcome = issuance.issue_in_bulk(
                form.cleaned_data["offering"], members, by=request.user, note=form.cleaned_data["note"]
            )
        except issuance.IssuanceRefused as refusal:
            form.add_error(None, str(refusal))
            return self.render(status=400, form=form)
        if not outcome.applied:
            return self.render(status=400, form=form, problems=outcome.refused)
        return self.render(form=BulkIssueForm(), outcome=outcome, offering=form.cleaned_data["offering"])


# ------------------------------------------------------------------------------------------- template preview


def template_preview_response(request, template: CertificateTemplate, language: str):
    """The template (saved, or as being edited) printed with sample data as an inline PDF, as a member whose
    language is `language` would get it (the default wording when it has none in that language); a template
    that cannot render says why."""
    if language not in PREVIEW_LANGUAGES:
        return certificates_refusal(request, Refused(
            _("“%(language)s” is not a preview language; use one of: %(languages)s.")
            % {"language": language[:20], "languages": ", ".join(PREVIEW_LANGUAGES)},
            status=400,
        ))
    printed = issuance.printed_language(template, None, language)
    try:
        pdf = render_certificate_pdf(design_from_template(template), sample_facts(printed))
    except CertificateRenderError as error:
        return certificates_refusal(request, Refused(
            _("The template “%(name)s” cannot be printed: %(reason)s")
            % {"name": template.name, "reason": error.reason},
            status=503 if error.transient else 400,
        ))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="certificate-template-{template.pk or "new"}-preview.pdf"'
    return response


class TemplatePreviewView(StaffOnlyView):
    """The saved template's PDF preview, in `?language=` (default: its default wording's language)."""

    page_title = gettext_lazy("Template preview")

    def get(self, request, template_id):
        template = get_object_or_404(CertificateTemplate, pk=template_id)
        return template_preview_response(request, template, request.GET.get("language") or template.language)


# ------------------------------------------------------------------------------------------- addresses


certificate_patterns = [
    path("", CertificateIndexView.as_view(), name="index"),
    path("results/", CertificateIndexView.as_view(results_only=True), name="index_results"),
    path("issue/", IssueByHandView.as_view(), name="issue"),
    path("bulk/", BulkIssueView.as_view(), name="bulk"),
    path("<id:certificate_id>/", CertificateDetailView.as_view(), name="detail"),
    path("<id:certificate_id>/pdf/", CertificatePdfView.as_view(), name="pdf"),
    path("<id:certificate_id>/revoke/", RevokeView.as_view(), name="revoke"),
    path("<id:certificate_id>/reissue/", ReissueView.as_view(), name="reissue"),
    path("<id:certificate_id>/render/", RetryRenderView.as_view(), name="render"),
    path("<id:certificate_id>/withdraw/", WithdrawView.as_view(), name="withdraw"),
    path("templates/<id:template_id>/preview.pdf", TemplatePreviewView.as_view(), name="template_preview"),
]
