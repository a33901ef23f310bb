"""Django's side of signing: the issuer key from settings, the site's did:web identity and public addresses, a
certificate's facts as an Open Badges claim, and the revocation status list built from the database.

The addresses below are written into signed credentials, so they are fixed here, in one place; the public
views (verification page, credential download, status list, did.json) must serve exactly these paths.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, time, timedelta
from functools import lru_cache
from urllib.parse import urlsplit

import rfc8785
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from courses.models import CpdCreditType
from lms import site_address

from .credentials.data_integrity import add_proof
from .credentials.did_web import did_document, did_for_host, verification_method_id
from .credentials.issuer_key import IssuerKey
from .credentials.open_badges import AchievementClaim, build_credential, sign_credential
from .credentials.status_list import MIN_STATUS_LIST_BITS, Bitstring, status_list_credential
from .issuance import revoked_status_indices, status_list_revision
from .models import AchievementKind, Certificate, IssueBasis

KEY_FRAGMENT = "key-1"
DID_DOCUMENT_PATH = "/.well-known/did.json"
STATUS_LIST_PATH = "/certificates/status/revocation.json"
STATUS_LIST_CACHE_SECONDS = 24 * 60 * 60
# Part of the status list's cache key: bump it whenever the signed shape changes (2: the proof carries
# @context), so a list signed the old way is never served from the cache after a deploy.
STATUS_LIST_FORMAT = 2


def site_url() -> str:
    """The site's public base URL (lms.site_address, the one source for every emitted address)."""
    return site_address.base_url()


def verification_path(code: str) -> str:
    return f"/certificates/verify/{code}"


def credential_path(code: str) -> str:
    return f"/certificates/{code}/credential.json"


def verification_url(code: str) -> str:
    return site_url() + verification_path(code)


def credential_url(code: str) -> str:
    return site_url() + credential_path(code)


def status_list_url() -> str:
    return site_url() + STATUS_LIST_PATH


@lru_cache(maxsize=4)
def _key_from(value: str) -> IssuerKey:
    return IssuerKey.from_setting(value)


def issuer_key() -> IssuerKey:
    """The key from CERTIFICATE_SIGNING_KEY (IssuerKeyError names what is wrong with it)."""
    return _key_from(settings.CERTIFICATE_SIGNING_KEY)


def issuer_did() -> str:
    """did:web of the site's host (WAGTAILADMIN_BASE_URL), whose did.json publishes the key."""
    return did_for_host(urlsplit(site_url()).netloc)


def issuer_verification_method() -> str:
    return verification_method_id(issuer_did(), KEY_FRAGMENT)


def issuer_profile() -> dict:
    return {"id": issuer_did(), "type": ["Profile"], "name": settings.CERTIFICATE_ISSUER_NAME, "url": site_url()}


def issuer_did_document() -> dict:
    """What /.well-known/did.json serves."""
    return did_document(issuer_did(), issuer_key().public_multikey, KEY_FRAGMENT)


def trusted_public_key(verification_method: str) -> bytes | None:
    """Resolver for `verify_proof` / `check_credential`: only this site's own key is trusted."""
    if verification_method == issuer_verification_method():
        return issuer_key().public_key_bytes
    return None


def credit_type_label(value: str, language: str) -> str:
    with translation.override(language):
        try:
            return str(CpdCreditType(value).label)
        except ValueError:
            return value or str(CpdCreditType.GENERAL.label)


def criteria_narrative(certificate: Certificate) -> str:
    """What earning the achievement took, in the certificate's language."""
    with translation.override(certificate.language):
        if certificate.basis == IssueBasis.STAFF:
            return _("Awarded by the issuer's staff on the evidence they hold.")
        if certificate.achievement_kind == AchievementKind.ETHICS_MODULE:
            return _("Completed every required lesson and quiz of the module and signed its attestation.")
        if certificate.achievement_kind in (AchievementKind.WORKSHOP, AchievementKind.WEBINAR):
            return _("Attended the event for at least the share of the session its organisers require.")
        if certificate.achievement_kind == AchievementKind.CPD_CYCLE:
            return _("Earned, within the cycle, the CPD hours the scheme requires, with each category's and each "
                     "year's minimum.")
        if certificate.achievement_kind == AchievementKind.PROGRAMME:
            return _("Completed every step of the learning path: its courses, modules and events.")
        return _("Completed every required lesson and quiz of the course.")


def achievement_claim(certificate: Certificate) -> AchievementClaim:
    """The certificate's facts as the Open Badges claim its credential asserts."""
    return AchievementClaim(
        credential_url=credential_url(certificate.code),
        issuer_id=issuer_did(),
        issuer_name=certificate.issuer_name,
        issuer_url=site_url(),
        recipient_name=certificate.recipient_name,
        recipient_email=certificate.recipient_email,
        identity_salt=certificate.identity_salt,
        achievement_id=certificate.achievement_id,
        achievement_name=certificate.achievement_title,
        achievement_description=certificate.achievement_description or certificate.achievement_title,
        achievement_kind=certificate.achievement_kind,
        criteria_narrative=criteria_narrative(certificate),
        cpd_hours=certificate.cpd_hours,
        cpd_credit_type=credit_type_label(certificate.cpd_credit_type, certificate.language),
        issued_at=certificate.issued_at,
        expires_at=certificate.expires_at,
        status_list_url=status_list_url(),
        status_list_index=certificate.status_list_index,
        verification_url=verification_url(certificate.code),
        language=certificate.language,
        activity_start=activity_span(certificate)[0],
        activity_end=activity_span(certificate)[1],
    )


def activity_span(certificate: Certificate) -> tuple[datetime | None, datetime | None]:
    """The achievement's span as the credential states it: from the first day's start to the last day's end, in
    the site's zone (the zone the cycle's days are counted in)."""
    if certificate.activity_starts_on is None or certificate.activity_last_day is None:
        return None, None
    zone = timezone.get_default_timezone()
    start = datetime.combine(certificate.activity_starts_on, time.min, tzinfo=zone)
    end = datetime.combine(certificate.activity_last_day + timedelta(days=1), time.min, tzinfo=zone)
    return start, end


def signed_credential(certificate: Certificate, now: datetime | None = None) -> dict:
    """The OpenBadgeCredential for the certificate, signed (eddsa-jcs-2022) with the issuer key; `proof` is a
    list of one proof, as the OB 3.0 schema requires."""
    return sign_credential(unsigned_credential(certificate), issuer_key(), issuer_verification_method(),
                           now or timezone.now())


def unsigned_credential(certificate: Certificate) -> dict:
    """What `signed_credential` signs now: compared with a stored credential to tell whether it is current."""
    return build_credential(achievement_claim(certificate))


def status_list_bits() -> Bitstring:
    """The revocation list as the database has it now: revoked and withdrawn certificates' bits set. It grows
    in whole blocks of the minimum size, so its length never hints at how many certificates exist."""
    indices = revoked_status_indices()
    highest = max(indices, default=0)
    blocks = highest // MIN_STATUS_LIST_BITS + 1
    bits = Bitstring(blocks * MIN_STATUS_LIST_BITS)
    for index in indices:
        bits.set(index)
    return bits


def build_status_list_credential(now: datetime | None = None) -> dict:
    """A freshly signed status list credential, read from the database. Its `proof` stays one object: nothing
    asks for a set here (the OB 3.0 schema covers only the AchievementCredential), and one object is the form
    of the Bitstring Status List and Data Integrity examples, which the simplest status checkers read."""
    unsigned = status_list_credential(status_list_url(), issuer_profile(), status_list_bits(), now or timezone.now())
    return add_proof(unsigned, issuer_key(), issuer_verification_method(), now or timezone.now())


def signed_status_list_credential() -> dict:
    """The status list credential to serve: cached per list revision (revoking or withdrawing bumps it, so a
    stale list is never served from the cache), per key (a rotated key never serves an old signature), per
    issuer profile (site address, DID, name) and per signed format (STATUS_LIST_FORMAT)."""
    profile = hashlib.sha256(rfc8785.dumps([issuer_profile(), status_list_url()])).hexdigest()[:32]
    key = (f"certificates:status-list:v{STATUS_LIST_FORMAT}:{status_list_revision()}:"
           f"{issuer_key().public_multikey}:{profile}")
    cached = cache.get(key)
    if cached is None:
        cached = build_status_list_credential()
        cache.set(key, cached, STATUS_LIST_CACHE_SECONDS)
    return cached
