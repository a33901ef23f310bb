"""What certificates tells the Learning Record Store (lms/learning_records.py): a member earned a certificate, with
the CPD hours it credits. The activity is the certificate's public verification page, named as it is printed."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse

from lms import learning_records as xapi
from lms.site_address import absolute_url

from .models import Certificate


def earned(certificate: Certificate) -> None:
    """Called in the transaction that issues the certificate: recorded only if the issue commits."""
    if not xapi.configured() or certificate.member is None:
        return
    result: dict = {"completion": True, "success": True}
    hours = certificate.cpd_hours or Decimal(0)
    if hours > 0:
        # CPD hours as a duration: the credit the certificate records, in the unit xAPI has for time.
        result["duration"] = xapi.duration(int(hours * 3600))
    address = absolute_url(reverse("certificates:verify", args=[certificate.code]))
    xapi.record(xapi.Happened(
        member=certificate.member, verb="earned", source=f"certificate:{certificate.pk}",
        object=xapi.activity(address, certificate.achievement_title, certificate.language,
                             xapi.CERTIFICATE),
        at=certificate.issued_at, result=result, context=xapi.context(certificate.language),
    ))
