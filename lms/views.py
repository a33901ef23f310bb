"""Member-facing account pages beyond allauth's: profile and demographics, e-mail preferences and one-click
unsubscribe, the e-mail page asking before an address is removed, and the CSRF failure page."""

from allauth.account.models import EmailAddress
from allauth.account.views import EmailView
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import communication, languages, onboarding
from . import unsubscribe as one_click
from .confirmation import Confirmation, confirmation_page, is_confirmed
from .forms import CommunicationPreferencesForm, DemographicsForm, ProfileForm
from .models import Demographics
from .refusal import Refused


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
                onboarding.confirm_zone_and_languages(request.user, timezone.now())
            # A newly chosen site language takes effect at once: this browser's choice follows it, and the profile
            # comes back in it.
            language = request.user.site_language if "site_language" in profile_form.changed_data else None
            with translation.override(language or translation.get_language()):
                messages.success(request, _("Your profile was saved."))
                response = redirect("lms:profile")  # reversed in the language now active
            if language:
                languages.remember(request, response, language)
            return response
        messages.error(request, _("Please correct the errors below; nothing was saved yet."))
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "lms/profile.html",
        {"profile_form": profile_form, "demographics_form": demographics_form},
        status=status,
    )


# Longer than any page address the site makes; a longer "next" is not followed.
_MAX_NEXT_LENGTH = 2000


@require_http_methods(["POST"])
def choose_language(request):
    """The language switcher (a CSRF-protected POST, so no link can change someone's language): remembers the choice
    and returns to the same page in that language."""
    language = request.POST.get("language")
    if not languages.is_site_language(language):
        raise Refused(_("Choose one of the languages the site is written in."), 400)
    back = request.POST.get("next") or "/"
    if len(back) > _MAX_NEXT_LENGTH or not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = "/"
    response = redirect(languages.translated_address(back, language))
    languages.remember(request, response, language)
    return response


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    """The signed-in member's own e-mail preferences (never anyone else's: the row is looked up by request.user)."""
    form = CommunicationPreferencesForm(request.POST or None, instance=communication.preferences_of(request.user))
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, _("Your e-mail preferences were saved."))
            return redirect("lms:preferences")
        messages.error(request, _("Please correct the errors below; nothing was saved yet."))
    return render(request, "lms/preferences.html", {"form": form}, status=400 if request.method == "POST" else 200)


@login_required
@require_http_methods(["POST"])
def hide_onboarding(request):
    """The member hides their own onboarding checklist (CSRF-protected POST); back to the page they were on."""
    onboarding.hide(request.user, timezone.now())
    back = request.POST.get("next", "")[:2000]
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()) or not back.startswith("/"):
        back = "/"
    messages.success(request, _("The getting-started checklist is hidden."))
    return redirect(back)


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    """RFC 8058 one-click unsubscribe. Exempt from CSRF because the mail program POSTs here with no cookie and no
    form of ours: the signed token in the address is the credential, and all it can do is turn one category of
    optional e-mail off. GET only shows a button (link scanners follow links); the POST must carry
    `List-Unsubscribe=One-Click`, as RFC 8058 requires of mail programs and as the button sends."""
    member, category = one_click.read(token)
    if request.method == "POST":
        if request.POST.get(one_click.ONE_CLICK_FIELD) != one_click.ONE_CLICK_VALUE:
            raise Refused(_("An unsubscribe request must say List-Unsubscribe=One-Click; nothing was changed."), 400)
        communication.turn_off(member, category)
    context = {"category_label": one_click.category_label(category), "done": request.method == "POST",
               "field": one_click.ONE_CLICK_FIELD, "value": one_click.ONE_CLICK_VALUE}
    return render(request, "lms/unsubscribe.html", context)


def csrf_failure(request, reason=""):
    """A forged or stale form: explain in words, never a bare 403."""
    return render(request, "lms/csrf_failure.html", {"reason": reason}, status=403)


class ConfirmedEmailView(EmailView):
    """allauth's e-mail page, except that removing one of your addresses asks first on a page of its own (allauth
    asks with a script confirm(), so without script the address went at once)."""

    def post(self, request, *args, **kwargs):
        if "action_remove" in request.POST and not is_confirmed(request):
            address = EmailAddress.objects.filter(user=request.user,
                                                  email__iexact=request.POST.get("email", "")[:254]).first()
            if address is not None:
                email = address.email
                return confirmation_page(request, Confirmation(
                    title=_("Remove this e-mail address?"),
                    consequence=_("%(email)s is removed from your account: you can no longer sign in with it, and "
                                  "nothing is sent to it any more.") % {"email": email},
                    permanence=_("To use it again you add it again and confirm it from a new e-mail."),
                    confirm_label=_("Remove the address"),
                    back_url=reverse("account_email"), back_label=_("Keep the address"),
                    carried={"email": email, "action_remove": ""},
                ))
        return super().post(request, *args, **kwargs)


email = ConfirmedEmailView.as_view()
