"""Batch rendering: many certificates of one design laid out together, each member still getting its own one-page
PDF with what a single render of it holds; members the batch cannot do are left to the single render, and the render
task claims a batch so that no certificate is published twice, however many workers race."""

from __future__ import annotations

import unicodedata

import pytest
from pypdf import PdfReader

from certificates import batch_rendering, tasks
from certificates.freshness import rendering_fingerprint
from certificates.models import Certificate, CertificateEvent, RenderState
from certificates.rendering import render_certificate_pdf
from tests import factories
from tests.concurrency import run_together

from .factories import add_signatory, default_template, issued_certificate, make_image
from .rendering_support import design, facts, font_names, page_text, read

Event = CertificateEvent.Kind

VITHKUQI = "\U00010570\U00010597\U00010584"  # a script no installed font covers (see test_rendering_failures)
PERSON_SYMBOL = "\U0001f9d1"  # not a letter, so only the engine notices no font has it
NAMES = ("Zoë Ångström-Núñez", "محمد عبد الله الأحمد", "王小明", "देवनागरी शर्मा", "James O'Connor")


def member_facts(index: int, name: str):
    code = f"7K3Q-9F2M-XW4D-8HJT-{index:04d}"
    return facts(
        recipient_name=name,
        verification_code=code,
        verification_url=f"https://learning.example.org/certificates/verify/{code}/",
    )


def page_content(pdf: bytes) -> bytes:
    return read(pdf).pages[0].get_contents().get_data()


def link_targets(pdf: bytes) -> list[str]:
    return [annotation.get_object()["/A"]["/URI"] for annotation in read(pdf).pages[0].get("/Annots", [])]


def test_each_member_of_a_batch_gets_what_a_single_render_gives():
    members = [member_facts(index, name) for index, name in enumerate(NAMES)]

    batch = batch_rendering.render_batch(design(), members)

    assert all(pdf is not None for pdf in batch)
    for member, pdf in zip(members, batch, strict=True):
        alone = render_certificate_pdf(design(), member)
        assert len(read(pdf).pages) == 1
        assert page_text(pdf) == page_text(alone)
        assert unicodedata.normalize("NFC", member.recipient_name).split()[0] in page_text(pdf)
        assert member.verification_code in page_text(pdf)
        # The same drawing, byte for byte: the member's own QR code, name and code in the same places.
        assert page_content(pdf) == page_content(alone)
        assert link_targets(pdf) == link_targets(alone)  # one link per line the address wraps onto
        assert set(link_targets(pdf)) == {member.verification_url}
        assert read(pdf).pages[0].mediabox == read(alone).pages[0].mediabox
        assert font_names(pdf) == font_names(alone)
        assert read(pdf).trailer["/Root"]["/Lang"] == read(alone).trailer["/Root"]["/Lang"] == "en"
        assert read(pdf).metadata.title == read(alone).metadata.title
        assert member.recipient_name in read(pdf).metadata.title
        assert read(pdf).metadata.get("/Subject") == read(alone).metadata.get("/Subject")
    assert len({page_content(pdf) for pdf in batch}) == len(batch)


def test_a_member_the_batch_cannot_render_is_left_to_the_single_render():
    members = [
        member_facts(0, "Ada Lovelace"),
        member_facts(1, f"Ana {VITHKUQI}"),
        member_facts(2, " "),
        member_facts(3, "Grace Hopper"),
    ]

    batch = batch_rendering.render_batch(design(), members)

    assert batch[1] is None and batch[2] is None  # no font for the script; no name at all
    assert "Ada Lovelace" in page_text(batch[0]) and "Grace Hopper" in page_text(batch[3])


def test_an_engine_error_in_one_member_is_isolated_and_the_others_still_rendered():
    names = ["Ada Lovelace", "Grace Hopper", f"Sam {PERSON_SYMBOL} Lee", "Alan Turing", "Edsger Dijkstra"]
    members = [member_facts(index, name) for index, name in enumerate(names)]

    batch = batch_rendering.render_batch(design(), members)

    assert batch[2] is None
    for index in (0, 1, 3, 4):
        assert names[index] in page_text(batch[index])


def test_a_design_the_checks_refuse_leaves_every_member_to_the_single_render():
    members = [member_facts(0, "Ada Lovelace"), member_facts(1, "Grace Hopper")]
    assert batch_rendering.render_batch(design(accent_colour="blue"), members) == [None, None]


def test_a_batch_is_bounded():
    with pytest.raises(ValueError, match="at most"):
        batch_rendering.render_batch(design(), [member_facts(0, "A B")] * (batch_rendering.MAX_MEMBERS + 1))


# ------------------------------------------------------------------------------------------- the render task


@pytest.fixture
def designed_template(media_root):
    template = default_template(logo=make_image("Association logo", "logo.png"))
    add_signatory(template, "Dr Helena Vogt", "Chair")
    return template


def pending_certificates(names: list[tuple[str, str]], wait: bool = True) -> list[Certificate]:
    offering = factories.build_offering(title="Lean Webinar", modules=1, lessons_per_module=1)
    certificates = [
        issued_certificate(factories.MemberFactory(first_name=first, last_name=last), offering) for first, last in names
    ]
    if wait:
        assert {c.render_state for c in certificates} == {RenderState.PENDING}
    return certificates


def pdf_text(certificate: Certificate) -> str:
    certificate.refresh_from_db()
    with certificate.pdf.open("rb") as stored:
        reader = PdfReader(stored)
        assert len(reader.pages) == 1
        return unicodedata.normalize("NFC", reader.pages[0].extract_text())


@pytest.mark.django_db
def test_one_render_task_renders_the_pending_certificates_of_its_design(designed_template):
    certificates = pending_certificates([("Ngozi", "Eze"), ("Wang", "Fang"), ("Ada", "Lovelace")])

    assert tasks.render_certificate.apply(args=(certificates[1].pk,)).get() == "ready"

    texts = [pdf_text(certificate) for certificate in certificates]
    for certificate, text in zip(certificates, texts, strict=True):
        assert certificate.render_state == RenderState.READY
        assert certificate.recipient_name in text and certificate.code in text
        assert certificate.rendered_fingerprint == rendering_fingerprint(certificate)
        assert [e.kind for e in certificate.events.all()] == [Event.ISSUED, Event.RENDERED]
    assert len({certificate.pdf.name for certificate in certificates}) == 3
    # Their own tasks, delivered afterwards, find them done.
    assert {tasks.render_certificate.apply(args=(c.pk,)).get() for c in certificates} == {"already"}


@pytest.mark.django_db
def test_a_member_the_batch_leaves_out_fails_on_its_own_with_the_reason(designed_template):
    certificates = pending_certificates([("Ngozi", "Eze"), ("Sam", f"Lee {PERSON_SYMBOL}"), ("Ada", "Lovelace")])

    assert tasks.render_certificate.apply(args=(certificates[0].pk,)).get() == "ready"

    ready, unwritable, other = (Certificate.objects.get(pk=c.pk) for c in certificates)
    assert ready.render_state == other.render_state == RenderState.READY
    assert unwritable.render_state == RenderState.PENDING  # its own task decides, as for a single render
    assert tasks.render_certificate.apply(args=(unwritable.pk,)).get() == "failed"
    unwritable.refresh_from_db()
    assert unwritable.render_state == RenderState.FAILED and "font" in unwritable.render_failure.lower()
    assert [e.kind for e in unwritable.events.all()] == [Event.ISSUED, Event.RENDER_FAILED]


@pytest.mark.django_db(transaction=True)
def test_workers_racing_over_one_design_publish_each_certificate_once(designed_template):
    # With real commits the issue renders each at once; put them back to "issued, render not run yet".
    certificates = pending_certificates([(f"Member{i}", "Racer") for i in range(6)], wait=False)
    ids = [certificate.pk for certificate in certificates]
    Certificate.objects.filter(pk__in=ids).update(render_state=RenderState.PENDING, rendered_fingerprint="")
    CertificateEvent.objects.filter(certificate_id__in=ids, kind=Event.RENDERED).delete()

    def render(index: int) -> str:
        run = tasks.render_certificate.apply(args=(certificates[index].pk,))
        assert run.successful(), run.traceback
        return run.result

    outcomes = run_together(4, render)

    assert set(outcomes) <= {"ready", "already"} and "ready" in outcomes
    for certificate in certificates:
        certificate.refresh_from_db()
        assert certificate.render_state == RenderState.READY
        assert certificate.recipient_name in pdf_text(certificate)
        assert certificate.events.filter(kind=Event.RENDERED).count() == 1
