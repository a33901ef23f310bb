"""What an issued certificate claims, as an Open Badges 3.0 OpenBadgeCredential, and how a credential is checked.

The credential follows the W3C Verifiable Credentials 2.0 data model: the issuer is the site's did:web
identity, the recipient is named by a salted e-mail hash (not the address), and the achievement carries the
CPD hours. A check verifies the proof, the issuer's own key, the validity period and the revocation bit.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from . import gettext_noop
from .data_integrity import (
    add_proof,
    datetime_stamp,
    is_legacy_shaped,
    parse_datetime_stamp,
    verify_legacy_proof,
    verify_proof,
)
from .issuer_key import IssuerKey
from .status_list import STATUS_PURPOSE, Bitstring, status_entry

CONTEXTS = ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]
CREDENTIAL_TYPES = ["VerifiableCredential", "OpenBadgeCredential"]

# Open Badges 3.0 AchievementType vocabulary: "Course" is "a course completion"; an attended workshop or
# webinar is "CertificateOfCompletion", which the vocabulary defines as acknowledging completion of
# "training or other activity" (attendance shows no measured competency or assessment).
#
# A met CPD cycle is also "CertificateOfCompletion": it acknowledges that the member completed the activity the
# scheme asks for in the cycle (the hours, each category's minimum, each year's minimum). "Certification" would
# claim an authoritative body certified the member's competence for an occupation, a time-limited, renewable
# credential; "License" is a legal authority to practise; the generic "Achievement" says less than the vocabulary
# can. The cycle's span is the subject's activityStartDate and activityEndDate.
# A programme (a learning path, built on the courses side) is "LearningProgram": "a set of learning
# opportunities that leads to an outcome".
ACHIEVEMENT_TYPES = {
    "course": "Course",
    "ethics_module": "Course",
    "workshop": "CertificateOfCompletion",
    "webinar": "CertificateOfCompletion",
    "cpd_cycle": "CertificateOfCompletion",
    "programme": "LearningProgram",
}
MAX_CPD_HOURS = 100_000  # far above any real offering; keeps the JSON number exact in every parser
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")

PROBLEM_NOT_AN_OBJECT = gettext_noop("the credential is not a JSON object")
PROBLEM_NOT_OPEN_BADGE = gettext_noop("the credential is not an OpenBadgeCredential")
PROBLEM_WRONG_SIGNER = gettext_noop("the credential is signed with a key that does not belong to its issuer")
PROBLEM_BAD_VALID_FROM = gettext_noop("the credential has no valid validFrom date")
PROBLEM_NOT_YET_VALID = gettext_noop("the credential is not valid yet")
PROBLEM_BAD_VALID_UNTIL = gettext_noop("the credential's validUntil is not a valid date and time")
PROBLEM_EXPIRED = gettext_noop("the credential has expired")
PROBLEM_NO_STATUS = gettext_noop("the credential has no revocation status entry")
PROBLEM_BAD_STATUS_INDEX = gettext_noop("the credential's status list index is not a whole number")
PROBLEM_NO_STATUS_URL = gettext_noop("the credential's status entry names no status list")
PROBLEM_STATUS_UNAVAILABLE = gettext_noop("the status list could not be fetched")
PROBLEM_STATUS_SIGNATURE = gettext_noop("the status list's signature could not be verified")
PROBLEM_STATUS_WRONG_SIGNER = gettext_noop("the status list is signed with a key that does not belong to its issuer")
PROBLEM_STATUS_NOT_A_LIST = gettext_noop("the status list is not a BitstringStatusListCredential")
PROBLEM_STATUS_OTHER_LIST = gettext_noop("the status list is not the one the credential points to")
PROBLEM_STATUS_EXPIRED = gettext_noop("the status list is out of date")
PROBLEM_STATUS_WRONG_PURPOSE = gettext_noop("the status list is not a revocation list")
PROBLEM_STATUS_UNREADABLE = gettext_noop("the status list cannot be decoded")
PROBLEM_STATUS_INDEX_OUTSIDE = gettext_noop("the credential's status list index is outside the status list")
PROBLEM_REVOKED = gettext_noop("the credential has been revoked")


class InvalidClaim(ValueError):
    """An achievement claim that cannot become a credential; the message names the field and the reason."""


@dataclass(frozen=True)
class AchievementClaim:
    """Everything one issued certificate asserts, gathered by the Django side from its models and settings."""

    credential_url: str  # also the credential id
    issuer_id: str  # the DID
    issuer_name: str
    issuer_url: str
    recipient_name: str
    recipient_email: str
    identity_salt: str
    achievement_id: str  # URL of the offering page, or a urn:uuid when the page is gone
    achievement_name: str
    achievement_description: str
    achievement_kind: str  # a key of ACHIEVEMENT_TYPES
    criteria_narrative: str
    cpd_hours: Decimal
    cpd_credit_type: str  # a human label, e.g. "Ethics / responsible conduct of research"
    issued_at: datetime  # aware
    expires_at: datetime | None
    status_list_url: str
    status_list_index: int
    verification_url: str  # the human verification page, published as the credential's evidence
    language: str  # BCP 47, e.g. "en", "es"
    # The span the achievement covers (a CPD cycle: its first moment and the moment after its last day), or None.
    activity_start: datetime | None = None
    activity_end: datetime | None = None

    def __post_init__(self) -> None:
        for name in (
            "credential_url",
            "issuer_id",
            "issuer_name",
            "issuer_url",
            "recipient_email",
            "identity_salt",
            "achievement_id",
            "achievement_name",
            "achievement_description",
            "criteria_narrative",
            "cpd_credit_type",
            "status_list_url",
            "verification_url",
        ):
            value = getattr(self, name)
            if not isinstance(value, str) or not value.strip():
                raise InvalidClaim(f"{name} must be a non-empty string.")
        if not isinstance(self.recipient_name, str):
            raise InvalidClaim("recipient_name must be a string (it may be empty).")
        if not self.issuer_id.startswith("did:"):
            raise InvalidClaim("issuer_id must be the issuer's DID.")
        if self.achievement_kind not in ACHIEVEMENT_TYPES:
            raise InvalidClaim(f"achievement_kind must be one of {', '.join(sorted(ACHIEVEMENT_TYPES))}.")
        if not isinstance(self.cpd_hours, Decimal) or not self.cpd_hours.is_finite():
            raise InvalidClaim("cpd_hours must be a finite Decimal.")
        if not 0 <= self.cpd_hours <= MAX_CPD_HOURS:
            raise InvalidClaim(f"cpd_hours must be between 0 and {MAX_CPD_HOURS:,}.")
        if not _is_aware(self.issued_at):
            raise InvalidClaim("issued_at must be an aware datetime.")
        if self.expires_at is not None and not (_is_aware(self.expires_at) and self.expires_at > self.issued_at):
            raise InvalidClaim("expires_at must be an aware datetime after issued_at, or None.")
        if isinstance(self.status_list_index, bool) or not isinstance(self.status_list_index, int):
            raise InvalidClaim("status_list_index must be a whole number.")
        if self.status_list_index < 0:
            raise InvalidClaim("status_list_index must not be negative.")
        if (self.activity_start is None) != (self.activity_end is None):
            raise InvalidClaim("activity_start and activity_end must be given together.")
        if self.activity_start is not None and not (
            _is_aware(self.activity_start) and self.activity_end is not None and _is_aware(self.activity_end)
            and self.activity_end > self.activity_start
        ):
            raise InvalidClaim("activity_end must be an aware datetime after activity_start.")
        if not isinstance(self.language, str) or not _LANGUAGE_TAG.fullmatch(self.language):
            raise InvalidClaim("language must be a BCP 47 language tag such as 'en' or 'es'.")


def recipient_identity_hash(email: str, salt: str) -> str:
    """The OB 3.0 IdentityHash of an e-mail: "sha256$" + hex SHA-256 of the trimmed, lower-cased address + salt.

    Lower-casing lets a recipient or employer recompute the hash from the address however it is typed.
    """
    return "sha256$" + hashlib.sha256((email.strip().lower() + salt).encode("utf-8")).hexdigest()


def build_credential(claim: AchievementClaim) -> dict:
    """The unsigned OpenBadgeCredential for a claim; sign it with `sign_credential`."""
    hours = _json_number(claim.cpd_hours)
    achievement = {
        "id": claim.achievement_id,
        "type": ["Achievement"],
        "achievementType": ACHIEVEMENT_TYPES[claim.achievement_kind],
        "name": claim.achievement_name,
        "description": claim.achievement_description,
        "criteria": {"narrative": claim.criteria_narrative},
        "creditsAvailable": hours,
        # OB 3.0 `tag`: short, searchable keywords that describe the type of achievement. Alignment would
        # need a framework URL and ResultDescription describes graded results, so the credit type goes here.
        "tag": [claim.cpd_credit_type],
        "inLanguage": claim.language,
    }
    subject: dict = {
        "type": ["AchievementSubject"],
        "identifier": [
            {
                "type": "IdentityObject",
                "identityHash": recipient_identity_hash(claim.recipient_email, claim.identity_salt),
                "identityType": "emailAddress",
                "hashed": True,
                "salt": claim.identity_salt,
            }
        ],
    }
    if claim.recipient_name.strip():
        subject["name"] = claim.recipient_name.strip()
    subject["achievement"] = achievement
    subject["creditsEarned"] = hours
    if claim.activity_start is not None and claim.activity_end is not None:
        subject["activityStartDate"] = datetime_stamp(claim.activity_start)
        subject["activityEndDate"] = datetime_stamp(claim.activity_end)

    credential: dict = {
        "@context": list(CONTEXTS),
        "id": claim.credential_url,
        "type": list(CREDENTIAL_TYPES),
        "name": claim.achievement_name,
        "issuer": {
            "id": claim.issuer_id,
            "type": ["Profile"],
            "name": claim.issuer_name,
            "url": claim.issuer_url,
        },
        "validFrom": datetime_stamp(claim.issued_at),
        "awardedDate": datetime_stamp(claim.issued_at),
    }
    if claim.expires_at is not None:
        credential["validUntil"] = datetime_stamp(claim.expires_at)
    credential["credentialSubject"] = subject
    credential["credentialStatus"] = status_entry(claim.status_list_url, claim.status_list_index)
    # Evidence is "a webpage presenting evidence of achievement": the issuer's own verification page.
    credential["evidence"] = [{"id": claim.verification_url, "type": ["Evidence"]}]
    return credential


def sign_credential(unsigned: dict, key: IssuerKey, verification_method: str, created: datetime) -> dict:
    """The credential with its eddsa-jcs-2022 proof as a one-proof list: OB 3.0's schema requires an array."""
    return add_proof(unsigned, key, verification_method, created, proof_set=True)


@dataclass(frozen=True)
class CredentialCheck:
    """What checking one credential found; `problems` says in plain words what is wrong, if anything."""

    signature_valid: bool
    revoked: bool | None  # None when the status list could not be checked
    expired: bool
    problems: tuple[str, ...]
    # Signed in this platform's format before issue 14 (see `check_credential`); still trustworthy, but
    # other verifiers reject it, so the holder should download the current copy.
    legacy_format: bool = False

    @property
    def valid(self) -> bool:
        """Trustworthy right now: signed by its issuer, known not revoked, not expired, nothing else wrong."""
        return self.signature_valid and self.revoked is False and not self.expired and not self.problems


def check_credential(
    credential: object,
    resolve_public_key: Callable[[str], bytes | None],
    fetch_status_list: Callable[[str], dict | None],
    now: datetime,
) -> CredentialCheck:
    """Check a credential's proof, validity period and revocation bit; malformed input never raises.

    `resolve_public_key` maps a verification method id to raw Ed25519 key bytes the caller trusts (or None);
    `fetch_status_list` returns the status list credential published at a URL (or None). The status list's
    own proof is checked with the same resolver, by the standard rule only.

    Proofs: `proof` may be one object or a set (list) of up to four; every proof must verify under
    vc-di-eddsa's eddsa-jcs-2022 and be made with a key of the credential's issuer (`verify_proof` says the
    rest). One deliberate exception keeps what holders saved: a credential in this platform's format before
    issue 14 (one proof object without `@context`, the document's `@context` hashed into the proof
    configuration) is accepted if and only if its signature checks under that reading; the result then says
    `legacy_format`. Nothing else about such a credential is relaxed.
    """
    if not _is_aware(now):
        raise ValueError("now must be an aware datetime.")
    if not isinstance(credential, dict):
        return CredentialCheck(False, None, False, (PROBLEM_NOT_AN_OBJECT,))
    problems: list[str] = []

    proof = verify_proof(credential, resolve_public_key)
    legacy_format = False
    if not proof.verified and is_legacy_shaped(credential):
        legacy = verify_legacy_proof(credential, resolve_public_key)
        if legacy.verified:
            proof, legacy_format = legacy, True
    signature_valid = proof.verified
    if not signature_valid:
        problems.append(proof.reason)
    elif not _all_issuers_keys(proof.verification_methods, credential):
        signature_valid = False
        problems.append(PROBLEM_WRONG_SIGNER)

    types = credential.get("type")
    if not isinstance(types, list) or "OpenBadgeCredential" not in types:
        problems.append(PROBLEM_NOT_OPEN_BADGE)

    expired = _check_validity_period(credential, now, problems)
    revoked = _revocation_status(credential, resolve_public_key, fetch_status_list, now, problems)
    if revoked:
        problems.append(PROBLEM_REVOKED)
    return CredentialCheck(signature_valid, revoked, expired, tuple(problems), legacy_format)


def _check_validity_period(credential: dict, now: datetime, problems: list[str]) -> bool:
    """Record validity-period problems; True when the credential has expired."""
    valid_from = parse_datetime_stamp(credential.get("validFrom"))
    if valid_from is None:
        problems.append(PROBLEM_BAD_VALID_FROM)
    elif valid_from > now:
        problems.append(PROBLEM_NOT_YET_VALID)
    if "validUntil" not in credential:
        return False
    valid_until = parse_datetime_stamp(credential["validUntil"])
    if valid_until is None:
        problems.append(PROBLEM_BAD_VALID_UNTIL)
        return False
    if valid_until <= now:
        problems.append(PROBLEM_EXPIRED)
        return True
    return False


def _revocation_status(
    credential: dict,
    resolve_public_key: Callable[[str], bytes | None],
    fetch_status_list: Callable[[str], dict | None],
    now: datetime,
    problems: list[str],
) -> bool | None:
    """The credential's revocation bit as its signed status list gives it; None (with a problem) when unknown."""
    entry = _revocation_entry(credential.get("credentialStatus"))
    if entry is None:
        problems.append(PROBLEM_NO_STATUS)
        return None
    index_text = entry.get("statusListIndex")
    if not isinstance(index_text, str) or not re.fullmatch(r"[0-9]{1,12}", index_text):
        problems.append(PROBLEM_BAD_STATUS_INDEX)
        return None
    list_url = entry.get("statusListCredential")
    if not isinstance(list_url, str) or not list_url:
        problems.append(PROBLEM_NO_STATUS_URL)
        return None

    status_list = fetch_status_list(list_url)
    if not isinstance(status_list, dict):
        problems.append(PROBLEM_STATUS_UNAVAILABLE)
        return None
    proof = verify_proof(status_list, resolve_public_key)
    if not proof.verified:
        problems.append(PROBLEM_STATUS_SIGNATURE)
        return None
    if not _all_issuers_keys(proof.verification_methods, status_list):
        problems.append(PROBLEM_STATUS_WRONG_SIGNER)
        return None
    types = status_list.get("type")
    subject = status_list.get("credentialSubject")
    if not isinstance(types, list) or "BitstringStatusListCredential" not in types or not isinstance(subject, dict):
        problems.append(PROBLEM_STATUS_NOT_A_LIST)
        return None
    if "id" in status_list and status_list["id"] != list_url:
        problems.append(PROBLEM_STATUS_OTHER_LIST)
        return None
    if "validUntil" in status_list:
        list_valid_until = parse_datetime_stamp(status_list["validUntil"])
        if list_valid_until is None or list_valid_until <= now:
            problems.append(PROBLEM_STATUS_EXPIRED)
            return None
    purposes = subject.get("statusPurpose")
    if STATUS_PURPOSE not in (purposes if isinstance(purposes, list) else [purposes]):
        problems.append(PROBLEM_STATUS_WRONG_PURPOSE)
        return None
    try:
        bits = Bitstring.decode(subject.get("encodedList"))
    except ValueError:
        problems.append(PROBLEM_STATUS_UNREADABLE)
        return None
    index = int(index_text)
    if index >= bits.size:
        problems.append(PROBLEM_STATUS_INDEX_OUTSIDE)
        return None
    return bits.get(index)


def _revocation_entry(credential_status: object) -> dict | None:
    entries = credential_status if isinstance(credential_status, list) else [credential_status]
    for entry in entries:
        if (
            isinstance(entry, dict)
            and entry.get("type") == "BitstringStatusListEntry"
            and entry.get("statusPurpose") == STATUS_PURPOSE
        ):
            return entry
    return None


def _all_issuers_keys(verification_methods: tuple[str, ...], document: dict) -> bool:
    """Proofs bind a document to its issuer only if every key is one the issuer controls (same DID)."""
    issuer = document.get("issuer")
    issuer_id = issuer.get("id") if isinstance(issuer, dict) else issuer
    return (
        isinstance(issuer_id, str)
        and bool(issuer_id)
        and bool(verification_methods)
        and all(method.split("#", 1)[0] == issuer_id for method in verification_methods)
    )


def _json_number(value: Decimal) -> int | float:
    """A whole number stays an int so every JSON parser reads the same value back."""
    return int(value) if value == value.to_integral_value() else float(value)


def _is_aware(moment: object) -> bool:
    return isinstance(moment, datetime) and moment.tzinfo is not None and moment.utcoffset() is not None
