"""Member-facing account pages beyond allauth's: profile and demographics, and the CSRF failure page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .forms import DemographicsForm, ProfileForm
from .models import Demographics


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    demographics, _created = Demographics.objects.get_or_create(member=request.user)
    profile_form = ProfileForm(request.POST or None, instance=request.user, prefix="profile")
    demographics_form = DemographicsForm(request.POST or None, instance=demographics, prefix="demo")
    if request.method == "POST":
        if profile_form.is_valid() and demographics_form.is_valid():
            with transaction.atomic():
                profile_form.save()
                demographics_form.save()
            messages.success(request, _("Your profile was saved."))
            return redirect("lms:profile")
        messages.error(request, _("Please correct the errors below; nothing was saved yet."))
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "lms/profile.html",
        {"profile_form": profile_form, "demographics_form": demographics_form},
        status=status,
    )


def csrf_failure(request, reason=""):
    """A forged or stale form: explain in words, never a bare 403."""
    return render(request, "lms/csrf_failure.html", {"reason": reason}, status=403)
