"""The programme certificate: finishing every step of a learning path earns one certificate of kind "programme"
(once, however often the completion is announced or the issue is raced), with the ORIGINAL path's words in the
printed language, no CPD hours of its own (the steps credited theirs), the template staff picked for the path,
a PDF, a verify page, the path page's download for its holder only, and a line in My learning."""

from __future__ import annotations

import io
from decimal import Decimal

import pypdf
import pytest

from certificates import issuance, programme, signing
from certificates.models import (
    AchievementKind,
    Certificate,
    IssueBasis,
    IssueRequest,
    PathTemplateAssignment,
    RenderState,
    TemplateWording,
)
from cms.locale_trees import sync_locale_trees
from courses.models import PathCompletion
from courses.paths.completion import note_progress
from courses.signals import announce, path_completed
from tests import factories
from tests.concurrency import run_together
from tests.courses.journeys import enrol, finish
from tests.translating import page_in, translate

from .factories import CertificateTemplateFactory, default_template

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


@pytest.fixture
def path():
    """A path of two short courses (3 and 2 CPD hours), printed with the site default template."""
    default_template()
    first = factories.build_offering(title="Flow Metrics Fundamentals", modules=1, lessons_per_module=1)
    second = factories.build_offering(title="Value Stream Mapping Essentials", modules=1, lessons_per_module=1)
    return factories.build_learning_path([first, second], title="Value stream practitioner")


def steps(path):
    return [step.value["offering"].specific for step in path.steps]


def complete(member, path, capture, *, language: str = "en"):
    """Every step taken through the learners' rules (on the pages of `language`); each commit runs its callbacks
    (the issue and render tasks run eagerly)."""
    for offering in steps(path):
        with capture(execute=True):
            enrol(member, page_in(offering, language))
            finish(member, [page_in(lesson, language) for lesson in factories.lessons_of(offering)])


def programme_certificates(member) -> list[Certificate]:
    return list(Certificate.objects.filter(member=member, achievement_kind=AchievementKind.PROGRAMME))


def pdf_text(certificate: Certificate) -> str:
    with certificate.pdf.open("rb") as handle:
        reader = pypdf.PdfReader(io.BytesIO(handle.read()))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_completing_a_path_issues_one_programme_certificate(path, learner, django_capture_on_commit_callbacks):
    first, _second = steps(path)
    with django_capture_on_commit_callbacks(execute=True):
        enrol(learner, first)
        finish(learner, factories.lessons_of(first))
    assert programme_certificates(learner) == []  # one step of two: nothing yet

    complete(learner, path, django_capture_on_commit_callbacks)

    [certificate] = programme_certificates(learner)
    assert certificate.achievement_key == f"path:{path.pk}"
    assert certificate.basis == IssueBasis.REQUIREMENT and certificate.offering is None
    assert certificate.achievement_title == "Value stream practitioner"
    assert certificate.achievement_description == path.summary
    assert certificate.achievement_id.endswith(path.url)
    completion = PathCompletion.objects.get(member=learner, path=path)
    assert IssueRequest.objects.get(source=IssueRequest.Source.PATH, source_id=completion.pk).settled_at is not None

    # A repeated announcement, a retried note and a second issue all find the certificate already there.
    with django_capture_on_commit_callbacks(execute=True):
        announce(path_completed, type(path), member=learner, path=path)
    assert note_progress(learner, first.pk) == []
    assert programme.issue_for_path_completion(completion.pk).pk == certificate.pk
    assert len(programme_certificates(learner)) == 1


def test_the_programme_certificate_counts_no_cpd_hours_again(path, learner, django_capture_on_commit_callbacks):
    complete(learner, path, django_capture_on_commit_callbacks)
    [certificate] = programme_certificates(learner)
    course_hours = sum(c.cpd_hours for c in Certificate.objects.filter(member=learner,
                                                                        achievement_kind=AchievementKind.COURSE))

    assert course_hours > 0  # the steps credited their own hours ...
    assert certificate.cpd_hours == Decimal(0)  # ... so the whole adds none
    document = signing.unsigned_credential(certificate)
    assert document["credentialSubject"]["creditsEarned"] == 0
    assert document["credentialSubject"]["achievement"]["achievementType"] == "LearningProgram"
    assert "every step of the learning path" in document["credentialSubject"]["achievement"]["criteria"]["narrative"]


def test_racing_issues_make_one_certificate(transactional_db, path, learner):
    for offering in steps(path):
        enrol(learner, offering)
        finish(learner, factories.lessons_of(offering))
    completion = PathCompletion.objects.get(member=learner, path=path)

    found = run_together(6, lambda i: programme.issue_for_path_completion(completion.pk))

    assert len({certificate.pk for certificate in found}) == 1
    assert Certificate.objects.filter(achievement_key=programme.path_key(path.pk)).count() == 1


def test_the_pdf_prints_the_path_in_the_template_staff_picked(path, learner, django_capture_on_commit_callbacks):
    chosen = CertificateTemplateFactory(name="Programmes", title="Programme certificate",
                                        body="has completed the learning path {{ achievement }}.")
    PathTemplateAssignment.objects.create(template=chosen, path=path)
    learner.first_name, learner.last_name = "Ada", "Practitioner"
    learner.save()

    complete(learner, path, django_capture_on_commit_callbacks)

    [certificate] = programme_certificates(learner)
    certificate.refresh_from_db()
    assert certificate.template == chosen and certificate.render_state == RenderState.READY
    text = pdf_text(certificate)
    assert "Programme certificate" in text and "Ada Practitioner" in text
    assert "has completed the learning path Value stream practitioner." in text
    assert "hour" not in text.lower()  # no CPD hours line: the steps' certificates carry them


def test_a_translated_path_is_printed_with_its_translations_words(path, django_capture_on_commit_callbacks):
    template = default_template()
    TemplateWording.objects.get_or_create(template=template, language="es", defaults={
        "title": "Certificado", "body": "ha completado {{ achievement }}."})
    sync_locale_trees()
    for offering in steps(path):
        translate(offering, "es", title=f"{offering.title} (es)")
    translate(path, "es", title="Practicante de flujo de valor", summary="Un programa en español.")
    member = factories.MemberFactory(preferred_languages=["es"])

    complete(member, path, django_capture_on_commit_callbacks, language="es")

    [certificate] = programme_certificates(member)
    assert certificate.language == "es" and certificate.achievement_key == f"path:{path.pk}"
    assert certificate.achievement_title == "Practicante de flujo de valor"
    assert certificate.achievement_description == "Un programa en español."


def test_the_path_page_offers_the_download_to_its_holder_only(path, learner, client, staff,
                                                             django_capture_on_commit_callbacks):
    complete(learner, path, django_capture_on_commit_callbacks)
    [certificate] = programme_certificates(learner)
    download = f"/certificates/{certificate.code}/certificate.pdf"

    client.force_login(learner)
    html = client.get(path.url).content.decode()
    assert "Download your programme certificate" in html and download in html

    client.force_login(factories.MemberFactory())
    html = client.get(path.url).content.decode()
    assert "programme certificate" not in html and certificate.code not in html
    client.logout()
    assert certificate.code not in client.get(path.url).content.decode()

    issuance.revoke(certificate, "Issued in error", by=staff, notify=False)
    client.force_login(learner)
    assert "Download your programme certificate" not in client.get(path.url).content.decode()


def test_my_learning_and_the_verify_page_show_it(path, learner, member_client, client,
                                                 django_capture_on_commit_callbacks):
    complete(learner, path, django_capture_on_commit_callbacks)
    [certificate] = programme_certificates(learner)

    html = member_client.get("/my-learning/").content.decode()
    assert "Value stream practitioner" in html and f"/certificates/{certificate.code}/certificate.pdf" in html

    verify = client.get(f"/certificates/verify/{certificate.code}").content.decode()
    assert "Value stream practitioner" in verify and "Programme" in verify
