"""Forms members fill in for mentoring: profiles with their weekly availability, the directory search, requests,
round applications, meetings, the fit question, surveys and closing.

Availability is seven weekday groups, each with two optional from/to windows, so a member can give mornings and
evenings without any script.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cms.models import Topic
from cms.translated_snippets import originals
from lms.models import LANGUAGE_CHOICES, CareerStage, Member
from lms.original_rows import InReaderWords

from .models import (
    MAX_CAPACITY,
    WEEKDAYS,
    MeetingFormat,
    MenteeProfile,
    MentorProfile,
    Mentorship,
    Strength,
)
from .regions import Region

START_HOURS = [("", "–")] + [(str(h), f"{h:02d}:00") for h in range(24)]
END_HOURS = [("", "–")] + [(str(h), f"{h:02d}:00") for h in range(1, 25)]
WINDOWS_PER_DAY = 2


class MemberBasicsForm(forms.ModelForm):
    """The member's own career stage and time zone, which both profiles use (saved on the member)."""

    class Meta:
        model = Member
        fields = ["career_stage", "time_zone"]
        labels = {"career_stage": _("Career stage"), "time_zone": _("Time zone")}
        help_texts = {"time_zone": _("Your availability below is in this time zone.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["career_stage"].required = True
        self.fields["career_stage"].choices = [("", _("Choose…"))] + list(CareerStage.choices)


class AvailabilityForm(forms.Form):
    """Seven weekdays, each with up to two windows of whole hours, in the member's own time zone."""

    def __init__(self, *args, availability: list | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        initial: dict[str, str] = {}
        per_day: dict[int, int] = {}
        for weekday, start, end in availability or []:
            slot = per_day.get(weekday, 0) + 1
            if slot <= WINDOWS_PER_DAY:
                per_day[weekday] = slot
                initial[f"d{weekday}_start{slot}"] = str(start)
                initial[f"d{weekday}_end{slot}"] = str(end)
        for weekday, day in WEEKDAYS:
            for slot in range(1, WINDOWS_PER_DAY + 1):
                first = slot == 1
                self.fields[f"d{weekday}_start{slot}"] = forms.ChoiceField(
                    choices=START_HOURS, required=False, initial=initial.get(f"d{weekday}_start{slot}", ""),
                    label=_("%(day)s: from") % {"day": day} if first else _("%(day)s: and from") % {"day": day},
                )
                self.fields[f"d{weekday}_end{slot}"] = forms.ChoiceField(
                    choices=END_HOURS, required=False, initial=initial.get(f"d{weekday}_end{slot}", ""),
                    label=_("%(day)s: to") % {"day": day},
                )

    def days(self):
        """(weekday name, [(from field, to field), ...]) for the template's fieldsets."""
        return [(day, [(self[f"d{weekday}_start{slot}"], self[f"d{weekday}_end{slot}"])
                       for slot in range(1, WINDOWS_PER_DAY + 1)]) for weekday, day in WEEKDAYS]

    def clean(self):
        cleaned = super().clean()
        windows = []
        for weekday, _day in WEEKDAYS:
            for slot in range(1, WINDOWS_PER_DAY + 1):
                start_name, end_name = f"d{weekday}_start{slot}", f"d{weekday}_end{slot}"
                start, end = cleaned.get(start_name, ""), cleaned.get(end_name, "")
                if start == "" and end == "":
                    continue
                if start == "" or end == "":
                    self.add_error(end_name if end == "" else start_name,
                                   _("Give both a start and an end hour, or neither."))
                    continue
                if int(end) <= int(start):
                    self.add_error(end_name, _("The end must be later than the start."))
                    continue
                windows.append([weekday, int(start), int(end)])
        cleaned["windows"] = windows
        return cleaned


def topic_field(label, help_text="") -> forms.ModelMultipleChoiceField:
    """Each topic once (the original, which profiles point at), named in the reader's language."""
    field = forms.ModelMultipleChoiceField(queryset=originals(Topic.objects.all()), required=False, label=label,
                                           widget=forms.CheckboxSelectMultiple, help_text=help_text)
    field.iterator = InReaderWords
    return field


IDENTITY_HELP = _("Never shown to anyone, staff included on member pages: only the matcher compares them, to find "
                  "mentees who ask for a mentor sharing an identity. Leave all unticked if you prefer.")


class MentorProfileForm(forms.ModelForm):
    expertise = topic_field(_("Expertise"), _("Topics you can mentor on."))
    capacity = forms.TypedChoiceField(choices=[(n, str(n)) for n in range(1, MAX_CAPACITY + 1)], coerce=int,
                                      label=_("Mentees at once"), initial=1)

    class Meta:
        model = MentorProfile
        fields = ["offer", "expertise", "years_of_practice", "employer", "languages", "capacity", "formats", "city",
                  "open_to_other_regions", "identities", "contact_note", "is_listed"]
        labels = {
            "offer": _("What you offer"),
            "years_of_practice": _("Years of practice"),
            "employer": _("Employer (optional)"),
            "languages": _("Languages you can mentor in"),
            "formats": _("How you can meet"),
            "city": _("City, if you meet in person"),
            "open_to_other_regions": _("I am open to mentees from other regions"),
            "identities": _("Identities you share, for matching (optional, private)"),
            "contact_note": _("How mentees can reach you (optional)"),
            "is_listed": _("List me in the mentor directory and let mentees ask me directly"),
        }
        help_texts = {
            "employer": _("Never shown; the matcher never pairs people from the same employer."),
            "identities": IDENTITY_HELP,
        }
        widgets = {"offer": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # List fields build their form field from the model, which ignores Meta.help_texts.
        self.fields["identities"].help_text = IDENTITY_HELP
        # Filled in per form, in the reader's language: in the class body it would be frozen in English.
        self.fields["capacity"].help_text = _("At most %(n)d.") % {"n": MAX_CAPACITY}

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("languages"):
            self.add_error("languages", _("Tick at least one language."))
        formats = cleaned.get("formats") or []
        if not formats:
            self.add_error("formats", _("Tick at least one way to meet."))
        if MeetingFormat.IN_PERSON in formats and not (cleaned.get("city") or "").strip():
            self.add_error("city", _("Name the city where you can meet in person."))
        return cleaned


class MenteeProfileForm(forms.ModelForm):
    wanted_expertise = topic_field(_("Expertise you are looking for"))
    first_language = forms.ChoiceField(choices=[("", _("Choose…")), *LANGUAGE_CHOICES],
                                       label=_("Your first language for mentoring"))
    other_languages = forms.MultipleChoiceField(choices=LANGUAGE_CHOICES, required=False,
                                                widget=forms.CheckboxSelectMultiple,
                                                label=_("Other languages you are happy to use"))
    preferred_region = forms.ChoiceField(choices=[("", _("No preference"))] + list(Region.choices), required=False,
                                         label=_("A mentor in this region"))
    region_strength = forms.ChoiceField(choices=Strength.choices, widget=forms.RadioSelect, initial=Strength.WISH,
                                        label=_("How much the region matters"))
    identity_strength = forms.ChoiceField(
        choices=[("", _("No preference"))] + list(Strength.choices), required=False, widget=forms.RadioSelect,
        label=_("A mentor who shares one of the identities you ticked"),
    )

    class Meta:
        model = MenteeProfile
        fields = ["goals", "wanted_expertise", "employer", "preferred_region", "region_strength", "identities",
                  "identity_strength", "contact_note"]
        labels = {
            "goals": _("Your goals"),
            "employer": _("Employer (optional)"),
            "identities": _("Identities you share, for matching (optional, private)"),
            "contact_note": _("How your mentor can reach you (optional)"),
        }
        help_texts = {
            "goals": _("What you would like to work on with a mentor; your mentor reads this."),
            "employer": _("Never shown; you are never matched with a mentor from the same employer."),
            "identities": IDENTITY_HELP,
        }
        widgets = {"goals": forms.Textarea(attrs={"rows": 4})}

    field_order = ["goals", "wanted_expertise", "first_language", "other_languages", "employer", "preferred_region",
                   "region_strength", "identities", "identity_strength", "contact_note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        languages = list(self.instance.languages or []) if self.instance.pk else []
        if languages:
            self.fields["first_language"].initial = languages[0]
            self.fields["other_languages"].initial = languages[1:]
        self.fields["goals"].required = True
        self.fields["identities"].help_text = IDENTITY_HELP

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("identity_strength") and not cleaned.get("identities"):
            self.add_error("identities", _("Tick at least one identity to share with your mentor, or choose no "
                                           "preference below."))
        if not cleaned.get("preferred_region"):
            cleaned["region_strength"] = Strength.WISH
        first = cleaned.get("first_language")
        if first:
            self.instance.languages = [first] + [code for code in cleaned.get("other_languages") or [] if code != first]
        return cleaned


class DirectorySearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=100, label=_("Name, topic or words"))
    topic = forms.ModelChoiceField(queryset=originals(Topic.objects.all()), to_field_name="slug", required=False,
                                   empty_label=_("Any topic"), label=_("Expertise"))
    topic.iterator = InReaderWords
    language = forms.ChoiceField(choices=[("", _("Any language")), *LANGUAGE_CHOICES], required=False,
                                 label=_("Language"))
    region = forms.ChoiceField(choices=[("", _("Any region"))] + list(Region.choices), required=False,
                               label=_("Region"))
    career_stage = forms.ChoiceField(choices=[("", _("Any stage"))] + list(CareerStage.choices), required=False,
                                     label=_("Mentor's career stage"))
    min_overlap = forms.TypedChoiceField(
        choices=[(0, _("Any")), (1, _("1 hour or more")), (2, _("2 hours or more")), (4, _("4 hours or more")),
                 (8, _("8 hours or more"))],
        coerce=int, required=False, empty_value=0,  # type: ignore[arg-type]  # any value works at run time
        label=_("Free at the same time as me, each week"),
    )
    open_only = forms.BooleanField(required=False, label=_("Only mentors with a free slot"))


class RequestForm(forms.Form):
    message = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=2000,
                              label=_("Your message to the mentor"),
                              help_text=_("Say what you would like help with. Only this mentor reads it."))


class ReplyForm(forms.Form):
    reply = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, required=False,
                            label=_("A note to the mentee (optional)"))


class ApplyForm(forms.Form):
    wants_fairness_support = forms.BooleanField(
        required=False,
        label=_("Count me among the members who ask for support as under-represented in our field"),
        help_text=_("The matcher then makes sure this group is matched at least as often as everyone else. Only "
                    "the matcher and aggregate counts use this answer."),
    )
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, required=False,
                           label=_("Anything staff should know (optional)"))


class MeetingForm(forms.Form):
    held_on = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), label=_("Date of the meeting"))
    minutes = forms.IntegerField(min_value=5, max_value=600, initial=60, label=_("Length in minutes"))
    format = forms.ChoiceField(choices=MeetingFormat.choices, initial=MeetingFormat.VIDEO, label=_("Format"))
    note = forms.CharField(max_length=500, required=False, label=_("Note (both of you see it)"))


class FitForm(forms.Form):
    good_fit = forms.TypedChoiceField(choices=[("yes", _("Yes, a good fit")), ("no", _("No, not a good fit"))],
                                      coerce=lambda value: value == "yes", widget=forms.RadioSelect,
                                      label=_("Is this a good fit?"))
    comment = forms.CharField(max_length=1000, required=False, label=_("Comment (optional, staff read it)"))


class SurveyForm(forms.Form):
    rating = forms.TypedChoiceField(choices=[(n, str(n)) for n in range(1, 6)], coerce=int, widget=forms.RadioSelect,
                                    label=_("How is the mentoring going? 1 = poorly, 5 = very well"))
    comment = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, required=False,
                              label=_("Comment (optional, staff read it)"))


class CloseForm(forms.Form):
    reason = forms.ChoiceField(choices=Mentorship.ClosureReason.choices, widget=forms.RadioSelect,
                               label=_("Why is the mentoring ending?"))
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, required=False,
                           label=_("Note for staff (optional)"))


def form_problem(form: forms.Form) -> str:
    """Every error of a form in one line, for pages that answer a post with a message."""
    return " ".join(str(error) for errors in form.errors.values() for error in errors)

