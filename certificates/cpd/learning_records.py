"""What CPD tells the Learning Record Store (lms/learning_records.py): staff approved an external activity, so the
member earned its CPD hours. The activity happened elsewhere and has no page here; it is named by the member's CPD
page with the activity's number, an address on this site that resolves (for the member and staff)."""

from __future__ import annotations

from datetime import datetime, time

from django.urls import reverse
from django.utils import timezone

from lms import learning_records as xapi
from lms.site_address import absolute_url

from .models import ExternalActivity

# The member typed the title in whatever language they wrote it in: "und" (RFC 5646's undetermined) says so.
UNKNOWN_LANGUAGE = "und"


def approved(activity: ExternalActivity) -> None:
    if not xapi.configured() or activity.status != ExternalActivity.Status.APPROVED:
        return
    address = absolute_url(reverse("cpd:page")) + f"#activity-{activity.pk}"
    xapi.record(xapi.Happened(
        member=activity.member, verb="earned", source=f"cpd-activity:{activity.pk}",
        # No type: a conference, a book read or a class taught are not one kind of xAPI activity.
        object=xapi.activity(address, activity.title, UNKNOWN_LANGUAGE),
        at=activity.decided_at or timezone.make_aware(datetime.combine(activity.date, time(12))),
        result={"completion": True, "success": True, "duration": xapi.duration(int(activity.hours * 3600))},
        context={"platform": xapi.PLATFORM},
    ))
