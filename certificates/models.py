"""Certificate templates (authored as snippets), the certificates issued from them, and their history.

The database keeps the invariants: one current certificate per member and achievement, one row per version,
unique verification codes and status-list positions, and a withdrawn certificate keeps no personal data.
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC
from decimal import Decimal

import rfc8785
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable, PreviewableMixin

from courses.models import CpdCreditType
from lms.models import OwedLetter
from lms.printed_names import printed_field_errors, printed_name

from .placeholders import placeholder_problems

CODE_MAX_LENGTH = 24  # the longest verification code the column holds (certificates/codes.py makes shorter ones)
HEX_COLOUR = RegexValidator(r"^#[0-9A-Fa-f]{6}\Z", _("Enter a colour as # and six hexadecimal digits, e.g. #1F4E79."))


class PaperSize(models.TextChoices):
    A4 = "A4", _("A4")
    LETTER = "LETTER", _("US Letter")


class Orientation(models.TextChoices):
    LANDSCAPE = "landscape", _("Landscape")
    PORTRAIT = "portrait", _("Portrait")


def image_file_problem(image, label: str) -> str | None:
    """Why a chosen image cannot be printed (its file is gone from storage), in words naming the image."""
    if image is None:
        return None
    name = image.file.name if image.file else ""
    try:
        present = bool(name) and image.file.storage.exists(name)
    except Exception:  # noqa: BLE001 - any storage failure means we cannot vouch for the file
        return _("The %(label)s image “%(title)s” could not be checked: the file storage did not answer.") % {
            "label": label, "title": image.title}
    if not present:
        return _("The %(label)s image “%(title)s” has no file in storage (%(file)s); upload it again or choose "
                 "another image.") % {"label": label, "title": image.title, "file": name or _("no file name")}
    return None


def wording_languages() -> list[tuple[str, str]]:
    """The languages a template's wording may be written in: those the site speaks, whose fixed certificate words
    (labels, dates, hours) are translated too, so a certificate never mixes languages."""
    return list(settings.CERTIFICATE_LANGUAGES)


def wording_problems(title: str, body: str) -> dict[str, list[str]]:
    """Placeholder mistakes in one wording's title and body, by field name; empty when both are fine."""
    errors: dict[str, list[str]] = {}
    for field_name, text in (("title", title), ("body", body)):
        problems = placeholder_problems(text or "")
        if problems:
            errors[field_name] = problems
    return errors


class CertificateTemplate(PreviewableMixin, ClusterableModel):
    """How a certificate looks: its words (with placeholders), images, colour and paper. Offerings pick one in
    "Offerings that use this template"; the rest use the site default. The title and body are the default
    wording, in `language`; `wordings` holds the same words in other languages."""

    name = models.CharField(max_length=120, unique=True, help_text=_("For staff: tells templates apart."))
    title = models.CharField(
        max_length=200, default=_("Certificate of completion"),
        help_text=_("The heading printed on the certificate; placeholders allowed."),
    )
    body = models.TextField(
        help_text=_("Plain text; a blank line starts a new paragraph. Placeholders are listed below."),
    )
    language = models.CharField(
        max_length=8, choices=wording_languages, default="en", verbose_name=_("language of this wording"),
        help_text=_("The language the title and body above are written in; printed when the template has no "
                    "wording in the member's language nor in the offering's."),
    )
    accent_colour = models.CharField(
        max_length=7, default="#1F4E79", validators=[HEX_COLOUR],
        help_text=_("Used for rules, borders and the title, e.g. #1F4E79."),
    )
    paper_size = models.CharField(max_length=8, choices=PaperSize.choices, default=PaperSize.A4)
    orientation = models.CharField(max_length=10, choices=Orientation.choices, default=Orientation.LANDSCAPE)
    logo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text=_("Printed at the top; its title is the text read out by screen readers."),
    )
    background = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text=_("Optional; keep it light so the text stays readable."),
    )
    valid_for_months = models.PositiveSmallIntegerField(
        null=True, blank=True,
        help_text=_("How long certificates from this template stay valid; blank for certificates that do not "
                    "expire (an ethics / RCR refresher might need renewing every 36 months)."),
    )
    # Renewal routes (certificates/renewal.py decides what renews and how far): a refresher offering whose
    # completion or attendance renews the holder's certificates of this template, and a met CPD cycle.
    refresher = models.ForeignKey(
        "courses.Offering", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("refresher"),
        help_text=_("Completing or attending this offering renews the member's certificates from this template "
                    "(a new version with a new expiry date). Only for templates with a validity."),
    )
    renewed_by_cpd_cycle = models.BooleanField(
        default=False, verbose_name=_("renewed by a met CPD cycle"),
        help_text=_("A member's CPD cycle closing as met renews their certificates from this template."),
    )
    is_site_default = models.BooleanField(
        default=False, verbose_name=_("site default"),
        help_text=_("Used for every offering not listed on any template. Exactly one template is the default."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-is_site_default", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_site_default"], condition=Q(is_site_default=True), name="one_site_default_template"
            ),
            models.CheckConstraint(condition=Q(valid_for_months__gt=0) | Q(valid_for_months__isnull=True),
                                   name="template_validity_is_positive"),
        ]

    def __str__(self):
        return self.name

    def languages(self) -> list[str]:
        """Every language the template can print in, the default wording's first."""
        return [self.language, *(wording.language for wording in self.wordings.all()
                                 if wording.language != self.language)]

    # The admin's live preview, of the words being edited: one mode per language the site speaks, each the PDF a
    # member reading that language would be given.
    @property
    def preview_modes(self):
        return wording_languages()

    @property
    def default_preview_mode(self):
        return self.language

    def serve_preview(self, request, mode_name):
        from .admin_views import template_preview_response  # the admin renders; the model only names the mode

        return template_preview_response(request, self, mode_name)

    def clean(self):
        super().clean()
        printed = printed_field_errors(self, ("title",))  # the heading every certificate prints
        errors = {**wording_problems(self.title, self.body), **printed}
        for field_name, label in (("logo", _("logo")), ("background", _("background"))):
            problem = image_file_problem(getattr(self, field_name), label)
            if problem:
                errors[field_name] = [problem]
        others = CertificateTemplate.objects.exclude(pk=self.pk)
        if self.is_site_default:
            current = others.filter(is_site_default=True).first()
            if current is not None:
                errors["is_site_default"] = [_(
                    "“%(name)s” is the site default. Untick it there first, so there is never more than one."
                ) % {"name": current.name}]
        elif self.pk and CertificateTemplate.objects.filter(pk=self.pk, is_site_default=True).exists():
            errors["is_site_default"] = [_(
                "This is the site default: make another template the default instead, so there is always one."
            )]
        elif not others.filter(is_site_default=True).exists():
            errors["is_site_default"] = [_(
                "There is no site default template yet: tick this, so every offering has a certificate template."
            )]
        if (self.refresher_id or self.renewed_by_cpd_cycle) and not self.valid_for_months:
            errors["valid_for_months"] = [_(
                "A renewal route needs a validity: set how many months certificates from this template stay "
                "valid, or remove the refresher and the CPD cycle route."
            )]
        if errors:
            raise ValidationError(errors)


class Signatory(Orderable):
    """A person who signs the certificates printed from a template."""

    template = ParentalKey(CertificateTemplate, on_delete=models.CASCADE, related_name="signatories")
    name = models.CharField(max_length=120)
    role = models.CharField(max_length=120, help_text=_("e.g. 'Chair, Education Committee'."))
    # Required in the form; SET_NULL so deleting an image never deletes a template (the check then names it).
    signature = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=False, on_delete=models.SET_NULL, related_name="+",
        help_text=_("A scan of the signature, ideally a PNG with a transparent background."),
    )

    def __str__(self):
        return f"{self.name}, {self.role}"

    def clean(self):
        super().clean()
        errors = {**printed_field_errors(self, ("name",), printed_name), **printed_field_errors(self, ("role",))}
        if errors:
            raise ValidationError(errors)


class TemplateWording(Orderable):
    """The template's title and body in one more language: the same placeholders, checked the same way."""

    template = ParentalKey(CertificateTemplate, on_delete=models.CASCADE, related_name="wordings")
    language = models.CharField(max_length=8, choices=wording_languages)
    title = models.CharField(max_length=200, help_text=_("The heading, in this language; placeholders allowed."))
    body = models.TextField(help_text=_("The body text, in this language; the same placeholders as above."))

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["template", "language"], name="one_wording_per_template_and_language")
        ]

    def __str__(self):
        return f"{self.template_id} in {self.language}"

    def clean(self):
        super().clean()
        printed = printed_field_errors(self, ("title",))
        errors = {**wording_problems(self.title, self.body), **printed}
        if errors:
            raise ValidationError(errors)


class TemplateAssignment(Orderable):
    """An offering that uses this template (an offering uses at most one; the others use the site default)."""

    template = ParentalKey(CertificateTemplate, on_delete=models.CASCADE, related_name="assignments")
    offering = models.ForeignKey("courses.Offering", on_delete=models.CASCADE, related_name="+")

    class Meta(Orderable.Meta):
        constraints = [models.UniqueConstraint(fields=["offering"], name="one_template_per_offering")]

    def __str__(self):
        return f"{self.offering_id} uses {self.template_id}"


class PathTemplateAssignment(Orderable):
    """A learning path whose programme certificate uses this template (a path uses at most one; the others use the
    site default). Kept here, not on the path, because courses never names certificates."""

    template = ParentalKey(CertificateTemplate, on_delete=models.CASCADE, related_name="path_assignments")
    path = models.ForeignKey("courses.LearningPathPage", on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("learning path"))

    class Meta(Orderable.Meta):
        constraints = [models.UniqueConstraint(fields=["path"], name="one_template_per_learning_path")]

    def __str__(self):
        return f"path {self.path_id} uses {self.template_id}"


class AchievementKind(models.TextChoices):
    COURSE = "course", _("Course")
    ETHICS_MODULE = "ethics_module", _("Ethics / RCR module")
    WORKSHOP = "workshop", _("Workshop")
    WEBINAR = "webinar", _("Webinar")
    CPD_CYCLE = "cpd_cycle", _("CPD cycle met")
    PROGRAMME = "programme", _("Programme")


class IssueBasis(models.TextChoices):
    COMPLETION = "completion", _("Completed the offering")
    ATTENDANCE = "attendance", _("Attended the event")
    STAFF = "staff", _("Issued by staff")
    REQUIREMENT = "requirement", _("Met the requirement")


class RenderState(models.TextChoices):
    PENDING = "pending", _("Being prepared")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Render failed")
    DISCARDED = "discarded", _("Discarded (withdrawn)")


def achievement_key_for(offering_id: int) -> str:
    """What "the same achievement" means for an offering: the offering, by id, which outlives its page's title and
    address. Achievements that are not offerings name themselves the same way (`kind:id`, see
    `issuance.AchievementFacts`)."""
    return f"offering:{offering_id}"


class Certificate(models.Model):
    """One version of one member's certificate for one achievement, with the facts as printed and signed.

    Re-issuing (a new name) adds a version and marks this one superseded; withdrawing (a privacy request)
    blanks the personal data and keeps the code, kind, dates and status-list position as a tombstone.
    """

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="certificates"
    )
    achievement_kind = models.CharField(max_length=16, choices=AchievementKind.choices)
    offering = models.ForeignKey(
        "courses.Offering", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    achievement_key = models.CharField(max_length=64)
    basis = models.CharField(max_length=12, choices=IssueBasis.choices)
    version = models.PositiveIntegerField(default=1)
    replaced_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replaces"
    )
    superseded_at = models.DateTimeField(null=True, blank=True)
    code = models.CharField(max_length=CODE_MAX_LENGTH, unique=True)

    # The facts as printed and signed (a snapshot: later edits to the member or the page change nothing here).
    recipient_name = models.CharField(max_length=300, blank=True)
    recipient_email = models.EmailField(blank=True)
    identity_salt = models.CharField(max_length=32, blank=True)
    achievement_id = models.CharField(max_length=500, blank=True, help_text=_("The offering's address at issue."))
    achievement_title = models.CharField(max_length=300, blank=True)
    achievement_description = models.TextField(blank=True)
    issuer_name = models.CharField(max_length=200)
    issued_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(null=True, blank=True)
    cpd_hours = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal("0"))
    cpd_credit_type = models.CharField(max_length=20, choices=CpdCreditType.choices, default=CpdCreditType.GENERAL)
    language = models.CharField(max_length=8, default="en")
    # The span the achievement covers, when it has one (a CPD cycle's first and last day); blank for an offering.
    activity_starts_on = models.DateField(null=True, blank=True)
    activity_last_day = models.DateField(null=True, blank=True)
    fingerprint = models.CharField(max_length=64, blank=True)

    template = models.ForeignKey(
        CertificateTemplate, null=True, blank=True, on_delete=models.SET_NULL, related_name="certificates"
    )
    render_state = models.CharField(max_length=10, choices=RenderState.choices, default=RenderState.PENDING)
    render_failure = models.TextField(blank=True)
    render_attempts = models.PositiveIntegerField(default=0)
    rendered_at = models.DateTimeField(null=True, blank=True)
    rendered_fingerprint = models.CharField(max_length=64, blank=True)
    pdf = models.FileField(upload_to="certificates/", max_length=255, blank=True)
    credential = models.JSONField(null=True, blank=True)
    status_list_index = models.PositiveIntegerField(unique=True)

    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.TextField(blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The two e-mails the holder may be owed, sent once by the lms outbox (`certificates.letters`): when each
    # went, and until when a sender holds it (a lease, so a sender that died lets the sweep send it again).
    issued_notified_at = models.DateTimeField(null=True, blank=True)
    issued_claimed_until = models.DateTimeField(null=True, blank=True)
    revocation_notice_owed = models.BooleanField(default=False)
    revocation_notified_at = models.DateTimeField(null=True, blank=True)
    revocation_claimed_until = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-issued_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "achievement_key"],
                condition=Q(superseded_at__isnull=True, withdrawn_at__isnull=True),
                name="one_current_certificate_per_member_and_achievement",
            ),
            models.UniqueConstraint(
                fields=["member", "achievement_key", "version"], name="one_certificate_per_version"
            ),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | ~Q(revoked_reason="") | Q(withdrawn_at__isnull=False),
                name="revoked_certificate_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True)
                | Q(member__isnull=True, recipient_name="", recipient_email="", pdf="", credential__isnull=True),
                name="withdrawn_certificate_keeps_no_personal_data",
            ),
            models.CheckConstraint(
                condition=~Q(render_state="ready") | ~Q(pdf=""), name="ready_certificate_has_pdf"
            ),
            models.CheckConstraint(
                condition=Q(activity_starts_on__isnull=True, activity_last_day__isnull=True)
                | Q(activity_last_day__gte=models.F("activity_starts_on")),
                name="certificate_activity_span_in_order",
            ),
        ]
        indexes = [
            models.Index(fields=["render_state", "created_at"]),
            models.Index(fields=["member", "achievement_key"]),
            models.Index(fields=["revoked_at"]),
        ]

    def __str__(self):
        return self.code

    @property
    def is_current(self) -> bool:
        return self.superseded_at is None and self.withdrawn_at is None

    @property
    def pdf_offered(self) -> bool:
        """Whether the holder's pages link to the PDF: made, or made on their first download
        (certificates/first_download.py); a failed render is for staff to retry first."""
        return self.withdrawn_at is None and self.render_state in (RenderState.READY, RenderState.PENDING)

    def printed_facts(self) -> dict[str, str | int]:
        """The facts a verifier can compare with the printed certificate; what the fingerprint covers."""
        return printed_facts_of(self)

    def compute_fingerprint(self) -> str:
        """SHA-256 of the canonical (RFC 8785) facts: shows whether the record changed since it was issued."""
        return fingerprint_of(self)


def printed_facts_of(certificate) -> dict[str, str | int]:
    """A certificate's printed facts, read from its attributes only, so a data migration's historical model
    fingerprints exactly as the live one does."""
    facts: dict[str, str | int] = {
        "code": certificate.code,
        "version": certificate.version,
        "recipient_name": certificate.recipient_name,
        "recipient_email": certificate.recipient_email.lower(),
        "achievement_key": certificate.achievement_key,
        "achievement_kind": certificate.achievement_kind,
        "achievement_title": certificate.achievement_title,
        "cpd_hours": str(Decimal(certificate.cpd_hours).quantize(Decimal("0.01"))),
        "cpd_credit_type": certificate.cpd_credit_type,
        "issuer_name": certificate.issuer_name,
        "issued_at": certificate.issued_at.astimezone(UTC).isoformat(timespec="seconds"),
        "expires_at": certificate.expires_at.astimezone(UTC).isoformat(timespec="seconds")
        if certificate.expires_at else "",
        "language": certificate.language,
    }
    # Only when there is a span, so the certificates issued before spans existed keep their fingerprints.
    starts_on = getattr(certificate, "activity_starts_on", None)
    last_day = getattr(certificate, "activity_last_day", None)
    if starts_on and last_day:
        facts["activity_span"] = f"{starts_on.isoformat()}/{last_day.isoformat()}"
    return facts


def fingerprint_of(certificate) -> str:
    return hashlib.sha256(rfc8785.dumps(printed_facts_of(certificate))).hexdigest()


class CertificateEvent(models.Model):
    """Append-only history of a certificate: who did what, when, and why."""

    class Kind(models.TextChoices):
        ISSUED = "issued", _("Issued")
        RENDERED = "rendered", _("PDF rendered")
        RENDER_FAILED = "render_failed", _("Render failed")
        RENDER_REQUESTED = "render_requested", _("Render requested")
        REVOKED = "revoked", _("Revoked")
        REISSUED = "reissued", _("Re-issued")
        WITHDRAWN = "withdrawn", _("Withdrawn (privacy request)")
        NOTIFIED = "notified", _("Member notified")
        RENEWED = "renewed", _("Renewed")

    certificate = models.ForeignKey(Certificate, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text=_("Who did it; blank when the system did."),
    )
    note = models.TextField(blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["certificate", "at"])]

    def __str__(self):
        return f"{self.get_kind_display()} at {self.at:%Y-%m-%d %H:%M}"


class IssueRequest(models.Model):
    """An announcement (completion or attendance) waiting to become a certificate: written when the signal
    arrives, settled by the task, so a beat job can re-enqueue the ones a lost task never settled."""

    class Source(models.TextChoices):
        COMPLETION = "completion", _("Course completed")
        ATTENDANCE = "attendance", _("Attendance recorded")
        PATH = "path", _("Learning path completed")  # source_id: the courses PathCompletion

    source = models.CharField(max_length=12, choices=Source.choices)
    source_id = models.PositiveBigIntegerField()
    requested_at = models.DateTimeField(default=timezone.now)
    settled_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["source", "source_id"], name="one_issue_request_per_source")]
        indexes = [models.Index(fields=["settled_at", "requested_at"])]

    def __str__(self):
        return f"{self.source} {self.source_id}"


class StatusList(models.Model):
    """The revocation status list: hands out positions in order (under this row's lock), and gets a new random
    revision on every change, so a cached signed list is known to be stale (random, not counted, so two
    databases sharing a cache never mistake each other's lists for their own)."""

    purpose = models.CharField(max_length=20, unique=True, default="revocation")
    next_index = models.PositiveIntegerField(default=0)
    revision = models.UUIDField(default=uuid.uuid4)

    def __str__(self):
        return f"{self.purpose} status list (next {self.next_index}, revision {self.revision})"


class ExpiryReminder(OwedLetter):
    """One "your certificate expires soon" e-mail owed for one certificate version at one threshold
    (certificates/expiry_reminders.py decides when); unique per certificate and threshold, so each is owed, and sent
    by the outbox, once. A renewal makes a new version, whose reminders start afresh from its new expiry."""

    certificate = models.ForeignKey(Certificate, on_delete=models.CASCADE, related_name="expiry_reminders")
    days_before = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["certificate", "days_before"],
                                               name="one_expiry_reminder_per_certificate_and_threshold")]

    def __str__(self):
        return f"{self.days_before}-day expiry reminder for certificate #{self.certificate_id}"
