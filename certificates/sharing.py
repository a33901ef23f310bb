"""The links a holder passes on: the public verification page (the share link), the PDF, the signed credential,
and LinkedIn's "add to profile" form filled in with the certificate's facts.

Links leave the site (e-mail, LinkedIn, a CV), so they are absolute, on the site's public address.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse

from lms.site_address import absolute_url

from . import signing
from .models import Certificate

LINKEDIN_ADD_TO_PROFILE = "https://www.linkedin.com/profile/add"
# LinkedIn truncates long names in the form; a certificate title longer than this is cut with an ellipsis.
LINKEDIN_MAX_NAME = 200


def share_url(certificate: Certificate) -> str:
    """The public verification page: what a holder sends to an employer or a licensing body."""
    return absolute_url(reverse("certificates:verify", args=[certificate.code]))


def pdf_url(certificate: Certificate) -> str:
    return absolute_url(reverse("certificates:pdf", args=[certificate.code]))


def credential_url(certificate: Certificate) -> str:
    """Where the signed credential downloads from (the address it names as its own id)."""
    return signing.credential_url(certificate.code)


def linkedin_add_to_profile_url(certificate: Certificate) -> str:
    """LinkedIn's "Add licence or certification" form, pre-filled: name, issuer, issue and expiry month, the
    verification page as the credential URL and the code as the credential ID. The holder still confirms it."""
    name = certificate.achievement_title
    if len(name) > LINKEDIN_MAX_NAME:
        name = name[: LINKEDIN_MAX_NAME - 1].rstrip() + "…"
    params = {"startTask": "CERTIFICATION_NAME", "name": name}
    organization_id = str(getattr(settings, "CERTIFICATE_LINKEDIN_ORGANIZATION_ID", "") or "")
    if organization_id:
        # With the issuer's LinkedIn page id the entry links to that page (and shows its logo).
        params["organizationId"] = organization_id
    params["organizationName"] = certificate.issuer_name
    params["issueYear"] = str(certificate.issued_at.year)
    params["issueMonth"] = str(certificate.issued_at.month)
    if certificate.expires_at is not None:
        params["expirationYear"] = str(certificate.expires_at.year)
        params["expirationMonth"] = str(certificate.expires_at.month)
    params["certUrl"] = share_url(certificate)
    params["certId"] = certificate.code
    return f"{LINKEDIN_ADD_TO_PROFILE}?{urlencode(params)}"
