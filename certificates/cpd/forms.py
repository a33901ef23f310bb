"""The form a member logs an external activity with. Field bounds are the model's; the evidence is checked by
`evidence.check_evidence`. Texts with a bound in them are `interpolated` so they are translated when read (in the
request's language), not frozen at import."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from lms.lazy_text import interpolated

from .evidence import MAX_EVIDENCE_BYTES, check_evidence
from .models import MAX_ACTIVITY_HOURS, ExternalActivity


class ActivityForm(forms.ModelForm):
    class Meta:
        model = ExternalActivity
        fields = ["kind", "title", "provider", "date", "hours", "category", "evidence"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "evidence": forms.ClearableFileInput(attrs={"accept": "application/pdf,image/png,image/jpeg"}),
        }
        help_texts = {
            "hours": interpolated(_("Hours of learning, e.g. 1.5; at most %(limit)d for one activity."),
                                  {"limit": int(MAX_ACTIVITY_HOURS)}),
            "evidence": interpolated(
                _("A certificate of attendance, a receipt or a record: PDF, PNG or JPEG, at most %(mb)d MB."),
                {"mb": MAX_EVIDENCE_BYTES // 1024 // 1024}),
        }
        error_messages = {
            "kind": {"required": _("Choose what kind of activity it was.")},
            "title": {"required": _("Give the activity's title.")},
            "date": {"required": _("Give the date it took place."), "invalid": _("Give the date as on a calendar.")},
            "hours": {
                "required": _("Give the hours it took."),
                "invalid": _("Give the hours as a number, e.g. 1.5."),
                "min_value": _("Give at least a quarter of an hour."),
                "max_value": interpolated(
                    _("One activity can count at most %(limit)d hours; log longer ones as several."),
                    {"limit": int(MAX_ACTIVITY_HOURS)}),
                "max_digits": interpolated(
                    _("Give at most %(limit)d hours, to two decimal places at most."),
                    {"limit": int(MAX_ACTIVITY_HOURS)}),
                "max_decimal_places": _("Give the hours to two decimal places at most."),
                "max_whole_digits": interpolated(
                    _("One activity can count at most %(limit)d hours; log longer ones as several."),
                    {"limit": int(MAX_ACTIVITY_HOURS)}),
            },
            "category": {"required": _("Choose the credit category.")},
            "evidence": {"required": _("Attach the evidence: a certificate, receipt or record.")},
        }

    def clean_evidence(self):
        return check_evidence(self.cleaned_data["evidence"])
