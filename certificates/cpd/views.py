"""The member's CPD page (/cpd/): each scheme's current cycle and its progress, past cycles, the cycles of schemes
that no longer apply to them (kept as records, still theirs), the activities they logged and the form to log
another; and the evidence file, for its member and staff only. The rules are cycles.py and progress.py; these views
read the request and show the answer."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lms.refusal import Refused
from lms.roles import is_staff_member

from . import applies, audits, credential, transcript
from .cycles import cycles_of, earlier_of
from .evidence import CONTENT_TYPES, check_evidence
from .forms import ActivityForm
from .models import AuditCase, AuditEvidence, CpdScheme, Cycle, ExternalActivity
from .progress import cycle_progress

MOST_ACTIVITIES_SHOWN = 100


def page_context(member, form: ActivityForm) -> dict:
    today = timezone.localdate()
    found = [(of, cycle_progress(of.current, today)) for of in cycles_of(member, today)]
    earlier = earlier_of(member, [of for of, _p in found])
    credentials = credential.credentials_of([c for of, _p in found for c in (of.current, *of.past)]
                                            + [c for gone in earlier for c in gone.cycles])
    for of, progress in found:  # reaching the requirement earns the CPD credential (once)
        if progress.is_met and of.current.pk not in credentials:
            earned = credential.award(of.current, progress)
            if earned is not None:
                credentials[of.current.pk] = earned
    schemes = [
        {"scheme": of.scheme, "cycle": of.current, "progress": progress, "past": of.past, "anchor": of.anchor,
         "tiers": applies.tier_labels(of.scheme), "credentials": applies.credential_names(of.scheme),
         "credential": credentials.get(of.current.pk),
         "past_credentials": [(old, credentials.get(old.pk)) for old in of.past]}
        for of, progress in found
    ]
    earlier_schemes = [{"scheme": gone.scheme, "cycles": [(old, credentials.get(old.pk)) for old in gone.cycles]}
                       for gone in earlier]
    activities = list(ExternalActivity.objects.filter(member=member).order_by("-date", "-pk")[:MOST_ACTIVITIES_SHOWN])
    audit_cases = list(AuditCase.objects.filter(cycle__member=member, status__in=audits.OPEN_STATUSES)
                       .select_related("cycle__scheme").order_by("due_on", "pk")[:10])
    return {"schemes": schemes, "earlier_schemes": earlier_schemes, "activities": activities, "form": form,
            "audit_cases": audit_cases}


@login_required
@require_http_methods(["GET", "POST"])
def cpd_page(request):
    if request.method == "POST":
        form = ActivityForm(request.POST, request.FILES, instance=ExternalActivity(member=request.user))
        if form.is_valid():
            activity = form.save()
            logged = _("“%(title)s” is logged and awaits review by staff.") % {"title": activity.title}
            messages.success(request, logged)
            return HttpResponseRedirect(reverse("cpd:page"), status=303)
        return TemplateResponse(request, "cpd/page.html", page_context(request.user, form), status=400)
    return TemplateResponse(request, "cpd/page.html", page_context(request.user, ActivityForm()))


@login_required
@require_GET
def evidence(request, activity_id: int):
    """The evidence file, to the member who logged it and to staff; to anyone else it does not exist."""
    activity = get_object_or_404(ExternalActivity, pk=activity_id)
    if activity.member_id != request.user.pk and not is_staff_member(request.user):
        raise Http404
    return _file_response(activity.evidence, f"evidence-{activity.pk}")


@login_required
@require_GET
def audit_evidence(request, evidence_id: int):
    """A file sent for an audit, to its member and staff; to anyone else it does not exist."""
    found = get_object_or_404(AuditEvidence.objects.select_related("case__cycle"), pk=evidence_id)
    if found.case.cycle.member_id != request.user.pk and not is_staff_member(request.user):
        raise Http404
    return _file_response(found.file, f"audit-evidence-{found.pk}")


def _file_response(file, name: str) -> FileResponse:
    if not file:
        raise Refused(_("This evidence was deleted when its retention period ran out; the activity and its hours "
                        "are kept."), 410)
    suffix = "." + (file.name or "").rsplit(".", 1)[-1].lower()
    try:
        handle = file.open("rb")
    except OSError as error:
        raise Refused(_("The evidence could not be read from the file storage; try again shortly."), 503) from error
    response = FileResponse(handle, content_type=CONTENT_TYPES.get(suffix, "application/octet-stream"),
                            as_attachment=False, filename=f"{name}{suffix}")
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def answer_audit(request, case_id: int):
    """The sampled member's answer: a file of evidence, or confirming the platform's records."""
    case = audits.open_case_of(request.user, case_id)
    upload = request.FILES.get("evidence")
    if request.POST.get("answer") == "upload":
        if upload is None:
            raise Refused(_("Choose the file of evidence to upload."), 400, back_url=reverse("cpd:page"))
        try:
            check_evidence(upload)
        except ValidationError as error:
            raise Refused(" ".join(error.messages), 400, back_url=reverse("cpd:page")) from None
        audits.answer(case, request.user, upload)
        messages.success(request, _("Your evidence is uploaded; staff will look at it."))
    else:
        audits.answer(case, request.user, None)
        messages.success(request, _("You confirmed the platform's records; staff will look at them."))
    return HttpResponseRedirect(reverse("cpd:page"), status=303)


def _own_cycle(request, cycle_id: int) -> Cycle:
    """The member's own cycle; anyone else's does not exist for them."""
    return get_object_or_404(Cycle.objects.select_related("scheme", "member"), pk=cycle_id, member=request.user)


@login_required
@require_GET
def transcript_pdf(request, cycle_id: int):
    cycle = _own_cycle(request, cycle_id)
    pdf = transcript.transcript_pdf(transcript.transcript_of(cycle),
                                    cycle.member.get_full_name() or cycle.member.email)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{transcript.filename(cycle, "pdf")}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def transcript_csv(request, cycle_id: int):
    cycle = _own_cycle(request, cycle_id)
    response = HttpResponse(transcript.transcript_csv(transcript.transcript_of(cycle)),
                            content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{transcript.filename(cycle, "csv")}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def scheme_page(request, scheme_id: int):
    """What a scheme asks of a cycle, in public: the address a CPD credential names as its achievement."""
    scheme = get_object_or_404(CpdScheme.objects.prefetch_related("rules"), pk=scheme_id)
    return TemplateResponse(request, "cpd/scheme.html", {"scheme": scheme, "rules": list(scheme.rules.all())})
