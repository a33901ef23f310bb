"""Who gets a certificate, exactly once, and what happens to it afterwards: re-issue, revocation, withdrawal.

One current certificate per member and achievement is a database constraint; issuing inserts inside a savepoint
and, if a racing task or worker inserted first, returns the row that won. Status-list positions are handed out
under the status list's row lock. Every change is written to `CertificateEvent`; renders and e-mails are
enqueued only after the transaction commits, so a task never looks for a row that is not there yet.
"""

from __future__ import annotations

import logging
import secrets
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from courses.models import Enrolment, Offering, Registration
from lms import outbox, site_address
from lms.formatting import date_text
from lms.models import Member
from lms.months import add_months as add_months  # one month arithmetic for expiries, cycles and reports
from lms.refusal import Refused
from lms.roles import is_staff_member

from . import learning_records
from .achievement_words import offering_words, words_in
from .codes import new_verification_code, normalise_code
from .models import (
    AchievementKind,
    Certificate,
    CertificateEvent,
    CertificateTemplate,
    IssueBasis,
    RenderState,
    StatusList,
    TemplateAssignment,
    achievement_key_for,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

logger = logging.getLogger(__name__)

# The outbox letter a revocation owes when staff ask to tell the holder (`certificates.letters` defines it).
REVOCATION_NOTICE = "certificates.revoked"

Event = CertificateEvent.Kind
REVOCATION = "revocation"
MAX_REASON_LENGTH = 1000
MAX_BULK_LINES = 1000
CODE_ATTEMPTS = 5

KIND_OF_FORMAT = {
    "course": AchievementKind.COURSE,
    "ethics_module": AchievementKind.ETHICS_MODULE,
    "workshop": AchievementKind.WORKSHOP,
    "webinar": AchievementKind.WEBINAR,
    "event": AchievementKind.WORKSHOP,
}


class IssuanceRefused(Refused):
    """A certificate change that is not allowed or not possible; the message says which and why."""


# ---------------------------------------------------------------------------------------------- what is certified


@dataclass(frozen=True)
class AchievementFacts:
    """What a certificate certifies: the achievement's own key (what "the same achievement" means, so a member
    holds one current certificate for it), kind, words, hours and, for a span of time such as a CPD cycle, its
    first and last day. Made by one constructor per kind of achievement: `facts_from_page` for an offering (the
    credited snapshot, or the page when staff issue by hand), `certificates.cpd.credential.cycle_facts` for a met
    CPD cycle. Title and description may be lazy translations: they are printed in the certificate's language.

    `address` is the achievement id written into the credential, a page of this site; blank for an offering,
    whose page address is looked up when a certificate is issued. `template` is the template the achievement
    asks for; None for an offering, which picks its own (`template_for_offering`)."""

    key: str
    kind: str
    title: StrOrPromise
    description: StrOrPromise
    cpd_hours: Decimal
    credit_type: str
    language: str
    offering: Offering | None = None
    address: str = ""
    template: CertificateTemplate | None = None
    starts_on: date | None = None
    last_day: date | None = None

    def achievement_id(self) -> str:
        if self.address:
            return self.address
        if self.offering is None:
            raise ValueError("An achievement that is not an offering must give its address.")
        return achievement_address(self.offering)

    def chosen_template(self) -> CertificateTemplate | None:
        if self.template is not None:
            return self.template
        return template_for_offering(self.offering.pk if self.offering is not None else None)


def achievement_kind_of(offering: Offering) -> str:
    """The kind of achievement an offering gives, from its page type (courses never need to know)."""
    page_class = offering.specific_class or type(offering)
    return KIND_OF_FORMAT.get(getattr(page_class, "FORMAT", ""), AchievementKind.COURSE)


def facts_from_page(offering: Offering, *, title: str = "", cpd_hours: Decimal | None = None,
                    credit_type: str = "") -> AchievementFacts:
    return AchievementFacts(
        key=achievement_key_for(offering.pk),
        offering=offering,
        kind=achievement_kind_of(offering),
        title=title or offering.title,
        description=offering.summary or "",
        cpd_hours=Decimal(offering.cpd_hours if cpd_hours is None else cpd_hours),
        credit_type=credit_type or offering.cpd_credit_type,
        language=offering.language or settings.LANGUAGE_CODE,
    )


def facts_from_enrolment(enrolment: Enrolment, offering: Offering) -> AchievementFacts:
    return facts_from_page(offering, title=enrolment.credited_title,
                           cpd_hours=enrolment.credited_cpd_hours, credit_type=enrolment.credited_cpd_credit_type)


def facts_from_registration(registration: Registration, event: Offering) -> AchievementFacts:
    return facts_from_page(event, title=registration.credited_title, cpd_hours=registration.credited_cpd_hours,
                           credit_type=registration.credited_cpd_credit_type)


def achievement_address(offering: Offering) -> str:
    """The offering's page address, or a stable urn:uuid when the page has none (a draft, say)."""
    try:
        url = site_address.page_url(offering)
    except Exception:  # noqa: BLE001 - a page outside any site has no address; the urn stands in
        url = None
    if url:
        return url
    name = f"{site_address.base_url()}/{achievement_key_for(offering.pk)}"
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}"


def template_for_offering(offering_id: int | None) -> CertificateTemplate | None:
    """The template an offering picked, or the site default."""
    if offering_id is not None:
        assignment = TemplateAssignment.objects.select_related("template").filter(offering_id=offering_id).first()
        if assignment is not None:
            chosen: CertificateTemplate | None = assignment.template
            return chosen
    default: CertificateTemplate | None = CertificateTemplate.objects.filter(is_site_default=True).first()
    return default


def printed_language(template: CertificateTemplate | None, member: Member | None, offering_language: str) -> str:
    """The language a certificate is printed in: the first of the member's languages the template has wording
    in (the site language they chose first, then the languages they learn in), else the offering's if it has that,
    else its default wording's. Dates, hours and every other printed word follow it, and it is recorded on the
    certificate (and so in its credential)."""
    if template is None:
        return offering_language or settings.LANGUAGE_CODE
    available = template.languages()
    member_languages = (
        [*([member.site_language] if member.site_language else []), *(member.preferred_languages or ())]
        if member is not None else []
    )
    preferences = [*member_languages, offering_language]
    return next((language for language in preferences if language in available), template.language)




def recipient_name_of(member: Member) -> str:
    """The name printed: the member's full name, or their e-mail address when they have given no name."""
    return str(member.get_full_name()) or member.email


def current_certificate(member: Member, achievement_key: str) -> Certificate | None:
    return Certificate.objects.filter(
        member=member, achievement_key=achievement_key, superseded_at__isnull=True, withdrawn_at__isnull=True
    ).first()


# ---------------------------------------------------------------------------------------------- issuing


def allocate_status_index() -> int:
    """The next free status-list position. Must run inside a transaction: the row lock is held until it commits,
    so concurrent issuers queue here and an insert that loses a race rolls its position back with it."""
    status_list, _created = StatusList.objects.select_for_update().get_or_create(purpose=REVOCATION)
    index = status_list.next_index
    StatusList.objects.filter(pk=status_list.pk).update(next_index=F("next_index") + 1)
    return index


def bump_status_list_revision() -> None:
    """A revocation or withdrawal changed the list: a cached signed copy is stale from now on."""
    updated = StatusList.objects.filter(purpose=REVOCATION).update(revision=uuid.uuid4())
    if not updated:
        StatusList.objects.get_or_create(purpose=REVOCATION)


def _insert(certificate: Certificate) -> Certificate | None:
    """Insert with a fresh code and status position; None once inserted, or the current certificate for the same
    member and achievement that won a race. A code collision (100 random bits) just draws again."""
    for _attempt in range(CODE_ATTEMPTS):
        certificate.code = new_verification_code()
        try:
            with transaction.atomic():
                certificate.status_list_index = allocate_status_index()
                certificate.fingerprint = certificate.compute_fingerprint()
                certificate.save(force_insert=True)
                return None
        except IntegrityError:
            certificate.pk = None
            if Certificate.objects.filter(code=certificate.code).exists():
                continue
            winner = None
            if certificate.member is not None:
                winner = current_certificate(certificate.member, certificate.achievement_key)
            if winner is not None:
                return winner
            raise
    raise IntegrityError("Could not draw an unused verification code")  # pragma: no cover - 100 random bits


def enqueue_render(certificate_id: int, force: bool = False) -> None:
    from .tasks import render_certificate

    transaction.on_commit(lambda: render_certificate.delay(certificate_id, force), robust=True)


def issue(member: Member, facts: AchievementFacts, basis: str, by: Member | None = None,
          note: str = "", render: bool = True) -> tuple[Certificate, bool]:
    """The member's current certificate for the achievement: the existing one, or a new one (True). A new one's
    render is queued unless `render` is False: then its PDF is made on the holder's first download
    (first_download.py) or by the sweep, as the demo leaves its hundreds of generated members' certificates."""
    existing = current_certificate(member, facts.key)
    if existing is not None:
        return existing, False
    template = facts.chosen_template()
    issued_at = timezone.now().replace(microsecond=0)
    language = printed_language(template, member, facts.language)
    with translation.override(language):
        title, description = offering_words(facts.offering, language, str(facts.title), str(facts.description))
    certificate = Certificate(
        member=member,
        achievement_kind=facts.kind,
        offering=facts.offering,
        achievement_key=facts.key,
        basis=basis,
        recipient_name=recipient_name_of(member),
        recipient_email=member.email,
        identity_salt=secrets.token_hex(8),
        achievement_id=facts.achievement_id(),
        achievement_title=title,
        achievement_description=description,
        issuer_name=settings.CERTIFICATE_ISSUER_NAME,
        issued_at=issued_at,
        expires_at=add_months(issued_at, template.valid_for_months) if template and template.valid_for_months
        else None,
        cpd_hours=facts.cpd_hours,
        cpd_credit_type=facts.credit_type,
        language=language,
        template=template,
        activity_starts_on=facts.starts_on,
        activity_last_day=facts.last_day,
    )
    with transaction.atomic():
        winner = _insert(certificate)
        if winner is not None:
            return winner, False
        CertificateEvent.objects.create(certificate=certificate, kind=Event.ISSUED, by=by, note=note,
                                        at=issued_at)
        learning_records.earned(certificate)
        if render:
            enqueue_render(certificate.pk)
    return certificate, True


def issue_for_completion(enrolment_id: int, render: bool = True) -> Certificate | None:
    """The certificate a completed course or ethics module earns; None if the enrolment earns none (not
    completed, or its page was deleted before the certificate could say what it was for)."""
    enrolment = Enrolment.objects.select_related("member", "offering").filter(pk=enrolment_id).first()
    if enrolment is None or enrolment.completed_at is None or enrolment.offering is None:
        return None
    certificate, _new = issue(enrolment.member, facts_from_enrolment(enrolment, enrolment.offering),
                              IssueBasis.COMPLETION, render=render)
    return certificate


def issue_for_attendance(registration_id: int) -> Certificate | None:
    """The certificate an attended workshop or webinar earns (one per event, whichever session); None if the
    registration earns none."""
    registration = Registration.objects.select_related("member", "session").filter(pk=registration_id).first()
    if registration is None or not registration.attended:
        return None
    event = Offering.objects.filter(pk=registration.session.event_id).first()
    if event is None:
        return None
    certificate, _new = issue(registration.member, facts_from_registration(registration, event),
                              IssueBasis.ATTENDANCE)
    return certificate


# ---------------------------------------------------------------------------------------------- staff issuing


@dataclass(frozen=True)
class IssueOutcome:
    certificate: Certificate | None
    issued: bool
    message: str


@dataclass(frozen=True)
class LineProblem:
    line: int
    text: str
    reason: str


@dataclass
class BulkOutcome:
    """What a bulk issue did. When anything was refused, nothing was issued: the list is fixed and sent again."""

    issued: list[Certificate] = field(default_factory=list)
    already_had: list[Certificate] = field(default_factory=list)
    refused: list[LineProblem] = field(default_factory=list)

    @property
    def applied(self) -> bool:
        return not self.refused


def require_staff(by: Member | None) -> None:
    if not is_staff_member(by):
        raise IssuanceRefused(_("Only staff can issue, re-issue, revoke or withdraw certificates."), status=403)


def clean_reason(reason: str, what: str) -> str:
    text = (reason or "").strip()
    if not text:
        raise IssuanceRefused(_("Give a reason for %(what)s; it is kept in the certificate's history.")
                              % {"what": what}, status=400)
    if len(text) > MAX_REASON_LENGTH:
        raise IssuanceRefused(_("Keep the reason under %(n)d characters.") % {"n": MAX_REASON_LENGTH}, status=400)
    return text


def facts_for_member(member: Member, offering: Offering) -> AchievementFacts:
    """What the member was credited with, if the records show they completed or attended; the page otherwise."""
    enrolment = Enrolment.objects.filter(member=member, offering=offering, completed_at__isnull=False).first()
    if enrolment is not None:
        return facts_from_enrolment(enrolment, offering)
    registration = Registration.objects.filter(member=member, session__event_id=offering.pk, attended=True).first()
    if registration is not None:
        return facts_from_registration(registration, offering)
    return facts_from_page(offering)


def refusal_for(member: Member) -> str:
    if not member.is_active:
        return _("%(email)s belongs to a deactivated account.") % {"email": member.email}
    return ""


def issue_by_hand(member: Member, offering: Offering, by: Member, note: str) -> IssueOutcome:
    """Staff override: any member, any offering (attendance kept on paper, a course taken elsewhere), so a
    note saying why is required and kept with who issued it."""
    require_staff(by)
    note = clean_reason(note, _("issuing by hand"))
    offering = offering.specific
    refusal = refusal_for(member)
    if refusal:
        return IssueOutcome(None, False, refusal)
    certificate, issued = issue(member, facts_for_member(member, offering), IssueBasis.STAFF, by=by, note=note)
    if issued:
        return IssueOutcome(certificate, True, _("Certificate %(code)s issued to %(name)s.")
                            % {"code": certificate.code, "name": certificate.recipient_name})
    return IssueOutcome(certificate, False, _("%(name)s already has certificate %(code)s for %(title)s.")
                        % {"name": certificate.recipient_name, "code": certificate.code,
                           "title": certificate.achievement_title})


def members_from_lines(text: str) -> tuple[list[Member], list[LineProblem]]:
    """One e-mail address per line (blank lines skipped): the accounts, and each line that names none and why."""
    lines = [(number, line.strip()) for number, line in enumerate((text or "").splitlines(), start=1)]
    lines = [(number, line) for number, line in lines if line]
    if not lines:
        return [], [LineProblem(0, "", _("Paste at least one e-mail address, one per line."))]
    if len(lines) > MAX_BULK_LINES:
        return [], [LineProblem(0, "", _("At most %(n)d addresses at a time; split the list.")
                                % {"n": MAX_BULK_LINES})]
    problems: list[LineProblem] = []
    wanted: dict[int, str] = {}
    for number, line in lines:
        try:
            validate_email(line)
        except ValidationError:
            problems.append(LineProblem(number, line, _("not an e-mail address")))
            continue
        wanted[number] = line.lower()
    found = Member.objects.annotate(email_lower=Lower("email")).filter(email_lower__in=set(wanted.values()))
    accounts = {member.email_lower: member for member in found}
    members: list[Member] = []
    seen: dict[str, int] = {}
    for number, email in wanted.items():
        member = accounts.get(email)
        if member is None:
            problems.append(LineProblem(number, email, _("no account has this e-mail address")))
        elif refusal_for(member):
            problems.append(LineProblem(number, email, refusal_for(member)))
        elif email in seen:
            problems.append(LineProblem(number, email, _("repeats line %(line)d") % {"line": seen[email]}))
        else:
            seen[email] = number
            members.append(member)
    problems.sort(key=lambda p: p.line)
    return members, problems


def issue_in_bulk(offering: Offering, members: list[Member], by: Member, note: str) -> BulkOutcome:
    """Issue to every listed member in one transaction, or to none: a refusal for anyone leaves nothing done."""
    require_staff(by)
    note = clean_reason(note, _("issuing by hand"))
    offering = offering.specific
    outcome = BulkOutcome()
    for number, member in enumerate(members, start=1):
        refusal = refusal_for(member)
        if refusal:
            outcome.refused.append(LineProblem(number, member.email, refusal))
    if outcome.refused:
        return outcome
    with transaction.atomic():
        for member in members:
            certificate, issued = issue(member, facts_for_member(member, offering), IssueBasis.STAFF, by=by,
                                        note=note)
            (outcome.issued if issued else outcome.already_had).append(certificate)
    return outcome


# ---------------------------------------------------------------------------------------------- afterwards


def _locked(certificate: Certificate) -> Certificate:
    return Certificate.objects.select_for_update().get(pk=certificate.pk)


def reissue(certificate: Certificate, by: Member, reason: str) -> Certificate:
    """A new version printed with the member's current name; the old one stays verifiable as replaced."""
    require_staff(by)
    reason = clean_reason(reason, _("re-issuing"))
    with transaction.atomic():
        old = _locked(certificate)
        if old.withdrawn_at is not None:
            raise IssuanceRefused(_("This certificate was withdrawn; there is nothing to re-issue."), status=409)
        if old.superseded_at is not None:
            raise IssuanceRefused(_("This version was already replaced; re-issue the newest version."), status=409)
        if old.revoked_at is not None:
            raise IssuanceRefused(_("A revoked certificate is not re-issued; issue a new one by hand if it was "
                                    "revoked by mistake."), status=409)
        if old.member_id is None:
            raise IssuanceRefused(_("The member's account no longer exists; there is no current name to print."),
                                  status=409)
        member = Member.objects.get(pk=old.member_id)
        name = recipient_name_of(member)
        if name == old.recipient_name and member.email.lower() == old.recipient_email.lower():
            raise IssuanceRefused(_("The member's name and e-mail address are unchanged (%(name)s); there is "
                                    "nothing new to print.") % {"name": name}, status=409)
        now = timezone.now().replace(microsecond=0)
        new = next_version(old, member, now, expires_at=old.expires_at)
        CertificateEvent.objects.create(certificate=old, kind=Event.REISSUED, by=by, at=now,
                                        note=_("Replaced by %(code)s: %(reason)s") % {"code": new.code,
                                                                                      "reason": reason})
        CertificateEvent.objects.create(certificate=new, kind=Event.ISSUED, by=by, at=now,
                                        note=_("Re-issue of %(code)s: %(reason)s") % {"code": old.code,
                                                                                      "reason": reason})
    return new


def next_version(old: Certificate, member: Member, now: datetime, expires_at: datetime | None) -> Certificate:
    """The version after `old` (locked by the caller, inside its transaction), printed with the member's current
    name and wording and the given expiry; `old` is marked replaced by it and the new one's render is enqueued. A
    re-issue (a new name) and a renewal (a new expiry, certificates/renewal.py) both make versions this one way;
    the caller records why in the events."""
    # An offering's certificate follows the template the offering uses now; any other achievement keeps its own.
    template = (template_for_offering(old.offering_id) if old.offering_id is not None else None) or old.template
    offering = Offering.objects.filter(pk=old.offering_id).first()
    language = printed_language(template, member, offering.language if offering else old.language)
    title, description = old.achievement_title, old.achievement_description
    if language != old.language:  # printed in another language now: the achievement's words in that language
        title, description = words_in(old, offering, language)
    new = Certificate(
        member=member, achievement_kind=old.achievement_kind, offering_id=old.offering_id,
        achievement_key=old.achievement_key, basis=old.basis, version=old.version + 1,
        recipient_name=recipient_name_of(member), recipient_email=member.email, identity_salt=secrets.token_hex(8),
        achievement_id=old.achievement_id, achievement_title=title,
        achievement_description=description, issuer_name=old.issuer_name, issued_at=now,
        expires_at=expires_at, cpd_hours=old.cpd_hours, cpd_credit_type=old.cpd_credit_type,
        language=language, template=template, activity_starts_on=old.activity_starts_on,
        activity_last_day=old.activity_last_day,
    )
    Certificate.objects.filter(pk=old.pk).update(superseded_at=now)
    if _insert(new) is not None:  # pragma: no cover - the old row's lock keeps racing new versions out
        raise IssuanceRefused(_("Someone else re-issued this certificate at the same moment."), status=409)
    Certificate.objects.filter(pk=old.pk).update(replaced_by=new)
    enqueue_render(new.pk)
    return new


def revoke(certificate: Certificate, reason: str, by: Member, notify: bool) -> Certificate:
    """Revoked for good: the record stays, shows the reason, and its bit is set in the status list."""
    require_staff(by)
    reason = clean_reason(reason, _("revoking"))
    with transaction.atomic():
        locked = _locked(certificate)
        if locked.withdrawn_at is not None:
            raise IssuanceRefused(_("This certificate was withdrawn; it cannot be revoked."), status=409)
        if locked.revoked_at is not None:
            raise IssuanceRefused(_("This certificate was already revoked on %(date)s.")
                                  % {"date": date_text(locked.revoked_at)}, status=409)
        now = timezone.now()
        notify = notify and locked.member_id is not None
        Certificate.objects.filter(pk=locked.pk).update(
            revoked_at=now, revoked_reason=reason, revoked_by=by, revocation_notice_owed=notify
        )
        CertificateEvent.objects.create(certificate=locked, kind=Event.REVOKED, by=by, note=reason, at=now)
        bump_status_list_revision()
        if notify:
            outbox.announce(REVOCATION_NOTICE, locked.pk)
    locked.refresh_from_db()
    return locked


def withdraw(certificate: Certificate, by: Member) -> list[Certificate]:
    """A privacy request: every version of the member's certificate for this achievement loses its personal
    data and file; each code keeps answering "withdrawn" and stays set in the status list."""
    require_staff(by)
    with transaction.atomic():
        locked = _locked(certificate)
        if locked.withdrawn_at is not None:
            raise IssuanceRefused(_("This certificate was already withdrawn."), status=409)
        versions = [locked]
        if locked.member_id is not None:
            versions = list(Certificate.objects.select_for_update().filter(
                member_id=locked.member_id, achievement_key=locked.achievement_key, withdrawn_at__isnull=True
            ).order_by("version"))
        now = timezone.now()
        files = [version.pdf.name for version in versions if version.pdf.name]
        for version in versions:
            Certificate.objects.filter(pk=version.pk).update(
                member=None, recipient_name="", recipient_email="", identity_salt="", fingerprint="",
                rendered_fingerprint="", pdf="", credential=None,
                render_state=RenderState.DISCARDED, render_failure="", revoked_reason="",
                revocation_notice_owed=False,
                withdrawn_at=now,
            )
            # The history may quote personal data in its notes; keep what happened and when, not the words.
            CertificateEvent.objects.filter(certificate=version).update(note="")
            CertificateEvent.objects.create(certificate=version, kind=Event.WITHDRAWN, by=by, at=now)
        bump_status_list_revision()
        if files:
            from .tasks import discard_stored_file

            transaction.on_commit(lambda: [discard_stored_file.delay(name) for name in files], robust=True)
    return list(Certificate.objects.filter(pk__in=[version.pk for version in versions]).order_by("version"))


def request_render(certificate: Certificate, by: Member) -> None:
    """Staff "Retry render": render again now, whatever state the last attempt left."""
    require_staff(by)
    if certificate.withdrawn_at is not None:
        raise IssuanceRefused(_("This certificate was withdrawn; there is nothing to render."), status=409)
    with transaction.atomic():
        Certificate.objects.filter(pk=certificate.pk).update(render_state=RenderState.PENDING, render_failure="")
        CertificateEvent.objects.create(certificate=certificate, kind=Event.RENDER_REQUESTED, by=by)
        enqueue_render(certificate.pk, force=True)


# ---------------------------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class Status:
    """A certificate's standing, with words for staff and for anyone verifying it."""

    code: str  # valid, expired, revoked, withdrawn, replaced, pending, failed
    label: str
    explanation: str
    reason: str = ""

    @property
    def is_valid(self) -> bool:
        return self.code == "valid"


def certificate_status(certificate: Certificate, now: datetime | None = None) -> Status:
    """Withdrawn, revoked and replaced outrank expiry, and expiry outranks how far the PDF has got."""
    now = now or timezone.now()
    if certificate.withdrawn_at is not None:
        return Status("withdrawn", _("Withdrawn"),
                      _("This certificate was withdrawn at its holder's request; its details are no longer kept."))
    if certificate.revoked_at is not None:
        return Status("revoked", _("Revoked"),
                      _("Revoked on %(date)s.") % {"date": date_text(certificate.revoked_at)},
                      reason=certificate.revoked_reason)
    if certificate.superseded_at is not None:
        return replaced_status(certificate)
    if certificate.expires_at is not None and certificate.expires_at <= now:
        return Status("expired", _("Expired"),
                      _("Valid until %(date)s.") % {"date": date_text(certificate.expires_at)})
    if certificate.render_state == RenderState.FAILED:
        return Status("failed", _("Render failed"), certificate.render_failure or _("The PDF could not be made."))
    if certificate.render_state == RenderState.PENDING:
        return Status("pending", _("Being prepared"), _("The certificate is issued; its PDF is being prepared."))
    return Status("valid", _("Valid"), _("Issued on %(date)s.") % {"date": date_text(certificate.issued_at)})


def replaced_status(certificate: Certificate) -> Status:
    """What replaced this version: a renewal (saying the new expiry) or a re-issue. They are told apart by the
    newer version (select it with the row): a re-issue keeps the expiry (`reissue`), a renewal always moves it
    later (`renewal.renew`), so a later expiry is a renewal."""
    newer = certificate.replaced_by
    when = date_text(certificate.superseded_at)
    if newer is not None and newer.expires_at is not None and (
            certificate.expires_at is None or newer.expires_at > certificate.expires_at):
        return Status("replaced", _("Replaced by its renewal"),
                      _("Renewed on %(date)s; the renewed certificate is valid until %(expiry)s. This version "
                        "remains a true record of what it says.")
                      % {"date": when, "expiry": date_text(newer.expires_at)})
    return Status("replaced", _("Replaced by a re-issue"),
                  _("Re-issued on %(date)s with the holder's current details; this version remains a true record "
                    "of what it says.") % {"date": when})


def find_certificate(code_text: str) -> Certificate | None:
    """The certificate a typed or read-out code names (tolerant of case, spaces, dashes, I/L/O), or None."""
    code = normalise_code(code_text)
    if code is None:
        return None
    return Certificate.objects.filter(code=code).select_related("replaced_by").first()


def record_matches_fingerprint(certificate: Certificate) -> bool:
    """Whether the stored facts are still those fingerprinted at issue (False for a withdrawn tombstone)."""
    return bool(certificate.fingerprint) and certificate.fingerprint == certificate.compute_fingerprint()


def revoked_status_indices() -> list[int]:
    """Every position set in the revocation list: revoked certificates and withdrawn ones."""
    return list(
        Certificate.objects.filter(Q(revoked_at__isnull=False) | Q(withdrawn_at__isnull=False))
        .values_list("status_list_index", flat=True)
    )


def status_list_revision() -> str:
    """Changes whenever the list does; "none" before the list exists."""
    revision = StatusList.objects.filter(purpose=REVOCATION).values_list("revision", flat=True).first()
    return str(revision or "none")


STATUS_CHOICES = [
    ("valid", _lazy("Valid")),
    ("pending", _lazy("Being prepared")),
    ("failed", _lazy("Render failed")),
    ("expired", _lazy("Expired")),
    ("revoked", _lazy("Revoked")),
    ("replaced", _lazy("Replaced by a newer version")),  # by a renewal or a re-issue: `replaced_status`
    ("withdrawn", _lazy("Withdrawn")),
]


def status_condition(code: str, now: datetime | None = None) -> Q:
    """The query for certificates whose `certificate_status` is `code` (same precedence), for listings."""
    now = now or timezone.now()
    withdrawn = Q(withdrawn_at__isnull=False)
    revoked = Q(revoked_at__isnull=False) & ~withdrawn
    replaced = Q(superseded_at__isnull=False) & Q(revoked_at__isnull=True) & ~withdrawn
    standing = Q(withdrawn_at__isnull=True, revoked_at__isnull=True, superseded_at__isnull=True)
    expired = standing & Q(expires_at__lte=now)
    unexpired = standing & (Q(expires_at__isnull=True) | Q(expires_at__gt=now))
    conditions = {
        "withdrawn": withdrawn,
        "revoked": revoked,
        "replaced": replaced,
        "expired": expired,
        "failed": unexpired & Q(render_state=RenderState.FAILED),
        "pending": unexpired & Q(render_state=RenderState.PENDING),
        "valid": unexpired & Q(render_state=RenderState.READY),
    }
    if code not in conditions:
        raise ValueError(f"Unknown certificate status {code!r}")
    return conditions[code]
