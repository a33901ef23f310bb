"""What the outcomes dashboard and its API may be asked for: one bound form, so a page and an API client get the
same bounds and the same field errors (a 400 naming the field, never a 500). The bounds are measures.py's: years
are four-digit programme years, at most MAX_YEARS of them at once (one end given, the other follows from it); a
topic, partner or learning path is an original's id among those offered."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cms.models import Partner, Topic
from lms.country_regions import REGION_LABELS
from lms.models import CareerStage, MembershipTier
from lms.original_rows import original_partners, original_topics, originals

from ..models import LearningPathPage
from .measures import BREAKDOWN_SEGMENTS, FIRST_YEAR, FORMATS, LAST_YEAR, MAX_YEARS


class DashboardFilters(forms.Form):
    topic = forms.ModelChoiceField(label=_("Topic"), queryset=Topic.objects.none(), required=False,
                                   empty_label=_("All topics"))
    format = forms.ChoiceField(label=_("Format"), required=False)
    partner = forms.ModelChoiceField(label=_("Partner"), queryset=Partner.objects.none(), required=False,
                                     empty_label=_("All partners"))
    path = forms.ModelChoiceField(label=_("Learning path"), queryset=LearningPathPage.objects.none(),
                                  required=False, empty_label=_("All learning paths"))
    year_from = forms.IntegerField(label=_("From programme year"), min_value=FIRST_YEAR, max_value=LAST_YEAR,
                                   required=False)
    year_to = forms.IntegerField(label=_("To programme year"), min_value=FIRST_YEAR, max_value=LAST_YEAR,
                                 required=False)
    career_stage = forms.ChoiceField(label=_("Career stage"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    tier = forms.ChoiceField(label=_("Membership tier"), required=False)
    segment = forms.ChoiceField(label=_("Break down by"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fields = self.fields
        fields["topic"].queryset = Topic.objects.filter(original_topics()).order_by("name")
        fields["partner"].queryset = Partner.objects.filter(original_partners()).order_by("name")
        fields["path"].queryset = originals(LearningPathPage.objects.all()).order_by("title")
        fields["format"].choices = [("", _("All formats"))] + list(FORMATS.items())
        fields["career_stage"].choices = [("", _("All career stages")), *CareerStage.choices]
        fields["region"].choices = [("", _("All regions")), *REGION_LABELS.items()]
        fields["tier"].choices = [("", _("All tiers")), *MembershipTier.choices]
        fields["segment"].choices = list(BREAKDOWN_SEGMENTS.items())

    def clean(self):
        cleaned = super().clean() or {}
        first, last = cleaned.get("year_from"), cleaned.get("year_to")
        if first is not None and last is None:
            cleaned["year_to"] = last = min(first + MAX_YEARS - 1, LAST_YEAR)
        elif last is not None and first is None:
            cleaned["year_from"] = first = max(last - MAX_YEARS + 1, FIRST_YEAR)
        if first is not None and last is not None:
            if first > last:
                self.add_error("year_to", _("The last year cannot come before the first."))
            elif last - first + 1 > MAX_YEARS:
                self.add_error("year_to", _("Choose at most %(n)d programme years.") % {"n": MAX_YEARS})
        cleaned["segment"] = cleaned.get("segment") or "career_stage"
        return cleaned
