"""Forms members fill in about themselves: sign-up details, profile, demographics, communication preferences."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.forms.account import NameEmailForm
from wagtail.users.forms import UserCreationForm, UserEditForm

from . import languages
from .middleware import TIME_ZONE_COOKIE, zone_from_cookie
from .models import MAX_INTERESTS, CareerStage, CommunicationPreferences, Demographics, Member
from .original_rows import with_reader_words
from .printed_names import PrintedNameFields


class SignupDetailsForm(PrintedNameFields, forms.Form):
    """Extra fields on allauth's sign-up form; allauth calls `signup` once the member exists."""

    first_name = forms.CharField(max_length=150, label=_("Given name"))
    last_name = forms.CharField(max_length=150, label=_("Family name"), required=False)
    career_stage = forms.ChoiceField(
        choices=[("", _("Choose…"))] + list(CareerStage.choices), required=False, label=_("Career stage")
    )

    def signup(self, request, user):
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data.get("last_name", "")
        user.career_stage = self.cleaned_data.get("career_stage", "")
        # Start from the zone the browser reported, so event times are local from the first page; the profile
        # changes it.
        user.time_zone = zone_from_cookie(request.COOKIES.get(TIME_ZONE_COOKIE)) or user.time_zone
        user.site_language = user.site_language or languages.chosen_at_sign_up()
        user.save(update_fields=["first_name", "last_name", "career_stage", "time_zone", "site_language"])


class ProfileForm(PrintedNameFields, forms.ModelForm):
    """What a member may change about themselves (not their tier: that is the association's record)."""

    class Meta:
        model = Member
        fields = ["first_name", "last_name", "career_stage", "country", "time_zone", "site_language",
                  "preferred_languages", "interests"]
        labels = {"first_name": _("Given name"), "last_name": _("Family name"), "interests": _("Topics of interest")}
        widgets = {"interests": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        interests = self.fields["interests"]
        interests.help_text = _(
            "Choose up to %(max)d topics; recommendations on “My learning” follow them."
        ) % {"max": MAX_INTERESTS}
        # Each topic offered once (its original, which interests point at), named in the member's language.
        interests.queryset = with_reader_words(interests.queryset, "name")
        interests.label_from_instance = lambda topic: topic.shown_name

    def clean_interests(self):
        """A bounded choice: more topics than this would recommend everything, which is no recommendation."""
        chosen = self.cleaned_data["interests"]
        if len(chosen) > MAX_INTERESTS:
            raise forms.ValidationError(
                ngettext("Choose at most %(max)d topic: you chose %(count)d.",
                         "Choose at most %(max)d topics: you chose %(count)d.", MAX_INTERESTS)
                % {"max": MAX_INTERESTS, "count": len(chosen)},
                code="too_many_interests",
            )
        return chosen


class DemographicsForm(forms.ModelForm):
    class Meta:
        model = Demographics
        fields = [
            "gender",
            "gender_self_description",
            "ethnicity_self_description",
            "identifies_as_under_represented",
            "has_disability",
            "age_band",
        ]
        labels = {
            "gender": _("Gender"),
            "gender_self_description": _("Gender, in your own words (optional)"),
            "ethnicity_self_description": _("Racial or ethnic identity, in your own words (optional)"),
            "identifies_as_under_represented": _(
                "Do you consider yourself a member of a group under-represented in our field?"
            ),
            "has_disability": _("Do you consider yourself to have a disability?"),
            "age_band": _("Age"),
        }
        widgets = {
            "gender": forms.RadioSelect,
            "identifies_as_under_represented": forms.RadioSelect,
            "has_disability": forms.RadioSelect,
        }

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("gender") != Demographics.Gender.SELF_DESCRIBE:
            cleaned["gender_self_description"] = ""
        return cleaned


class CommunicationPreferencesForm(forms.ModelForm):
    """The optional e-mails a member gets; transactional ones are not listed because they cannot be turned off."""

    class Meta:
        model = CommunicationPreferences
        fields = ["reminders", "mentoring", "campaigns", "onboarding", "renewals", "cpd", "evaluations",
                  "digest_frequency"]
        widgets = {"digest_frequency": forms.RadioSelect}


_MEMBERSHIP_FIELDS = ("membership_tier", "membership_expires_on", "career_stage")


class SuperuserFieldGuard:
    """Only a superuser may make (or unmake) a superuser: everyone else's form has no such field."""

    def __init__(self, *args, acting_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if acting_user is None or not acting_user.is_superuser:
            self.fields.pop("is_superuser", None)


class MemberAdminEditForm(SuperuserFieldGuard, PrintedNameFields, UserEditForm):
    """Staff edit a member's tier and expiry in the Wagtail users admin."""

    class Meta(UserEditForm.Meta):
        model = Member
        fields = UserEditForm.Meta.fields | set(_MEMBERSHIP_FIELDS)


class MemberAdminCreationForm(SuperuserFieldGuard, PrintedNameFields, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        model = Member
        fields = UserCreationForm.Meta.fields | set(_MEMBERSHIP_FIELDS)


class AdminAccountNameForm(PrintedNameFields, NameEmailForm):
    """The admin's "Account" page, where staff change their own name (installed by lms/wagtail_hooks.py)."""
