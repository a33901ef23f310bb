"""The programme certificate: a member who finished every step of a learning path (courses announces
`path_completed` once, with the original path) holds one certificate of kind "programme" for it, issued through
`issuance.issue` like every certificate (one current certificate per member and key, even under races).

Words: the ORIGINAL path's title and summary, printed in the certificate's language from the path's live
translation in that language when there is one (as an offering's are).

Hours: none. Every step already credited its own CPD hours to the member when it was completed or attended
(courses' CPD credit); the programme certificate certifies the whole, not more learning, so it carries 0 hours and
the PDF prints no hours line. Printing the steps' sum would invite counting the same hours twice.

Template: the one staff picked for the path on a certificate template ("Learning paths that use this template"),
else the site default.
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.utils import translation
from django.utils.functional import lazy

from courses.models import CpdCreditType, LearningPathPage, PathCompletion
from lms import site_address
from lms.models import Member

from .issuance import AchievementFacts, issue, template_for_offering
from .models import AchievementKind, Certificate, CertificateTemplate, IssueBasis, PathTemplateAssignment


def path_key(path_id: int) -> str:
    """What "the same achievement" means for a programme certificate: the original path, by id."""
    return f"path:{path_id}"


def _in_printed_language(path: LearningPathPage, field: str) -> str:
    """The path's `field` in the active language (issue() prints inside the certificate's language)."""
    title, summary = path_words(path, translation.get_language() or "")
    return title if field == "title" else summary


def path_words(path: LearningPathPage, language: str) -> tuple[str, str]:
    """The path's title and summary in `language`: its live translation's words there, else the original's. An
    alias only repeats the original, so it is not asked. The one place a programme certificate's words come from."""
    translated = (LearningPathPage.objects.live()
                  .filter(translation_key=path.translation_key, locale__language_code=language,
                          alias_of__isnull=True)
                  .exclude(pk=path.pk).values_list("title", "summary").first())
    if translated is None:
        return path.title, path.summary
    return translated[0] or path.title, translated[1] or path.summary


def certificate_words(certificate: Certificate, language: str) -> tuple[str, str] | None:
    """A programme certificate's words in `language` (the `achievement_words` hook); None for other kinds, or
    when its path is gone (the certificate keeps its words)."""
    if certificate.achievement_kind != AchievementKind.PROGRAMME:
        return None
    _prefix, _colon, path_id = certificate.achievement_key.partition(":")
    path = LearningPathPage.objects.filter(pk=int(path_id)).first() if path_id.isdigit() else None
    return path_words(path, language) if path is not None else None


_printed = lazy(_in_printed_language, str)


def path_address(path: LearningPathPage) -> str:
    """The achievement id: the path's page, or a stable urn:uuid when it has no address."""
    try:
        url = site_address.page_url(path)
    except Exception:  # noqa: BLE001 - a page outside any site has no address; the urn stands in
        url = None
    if url:
        return url
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{site_address.base_url()}/{path_key(path.pk)}')}"


def template_for_path(path_id: int) -> CertificateTemplate | None:
    """The template staff picked for the path, or the site default."""
    assignment = PathTemplateAssignment.objects.select_related("template").filter(path_id=path_id).first()
    if assignment is not None:
        chosen: CertificateTemplate = assignment.template
        return chosen
    return template_for_offering(None)


def path_facts(path: LearningPathPage) -> AchievementFacts:
    """A completed path as the certificates' facts (0 CPD hours: see the module's docstring)."""
    return AchievementFacts(
        key=path_key(path.pk),
        kind=AchievementKind.PROGRAMME,
        title=_printed(path, "title"),
        description=_printed(path, "summary"),
        cpd_hours=Decimal(0),
        credit_type=CpdCreditType.GENERAL,
        language=path.locale.language_code,
        address=path_address(path),
        template=template_for_path(path.pk),
    )


def issue_for_path_completion(completion_id: int) -> Certificate | None:
    """The programme certificate a recorded path completion earns; None when the completion or its path is gone."""
    completion = PathCompletion.objects.select_related("member", "path__locale").filter(pk=completion_id).first()
    if completion is None:
        return None
    certificate, _new = issue(completion.member, path_facts(completion.path), IssueBasis.REQUIREMENT)
    return certificate


def certificate_for(member: Member, path: LearningPathPage) -> Certificate | None:
    """The member's current programme certificate for the (original) path, or None."""
    return Certificate.objects.filter(member=member, achievement_key=path_key(path.pk), superseded_at__isnull=True,
                                      withdrawn_at__isnull=True).first()


PANEL_TEMPLATE = "certificates/_programme_certificate.html"


def path_page_panel(request, path: LearningPathPage) -> tuple[str, dict] | None:
    """The path page's download of the programme certificate, for its holder only (the PATH_PAGE_PANELS hook); a
    revoked one is not offered (My learning still lists it with its status)."""
    if not request.user.is_authenticated:
        return None
    certificate = certificate_for(request.user, path)
    if certificate is None or certificate.revoked_at is not None:
        return None
    return PANEL_TEMPLATE, {"certificate": certificate}
