"""Certificates declare PDF/A-3u; veraPDF, the reference validator, must agree for every script a name is written in
and with every kind of picture a template may carry (SVG logo, PNG and WebP signatures, JPEG background)."""

import base64
import io
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from weasyprint import HTML

from certificates import tasks
from certificates.rendering import ImageData, render_certificate_pdf
from tests import factories
from tests.certificates.factories import add_signatory, default_template, issued_certificate, make_image
from tests.certificates.rendering_support import design, facts, raster, read
from tests.certificates.verapdf import Verdict, validate

PDFA_3U = "PDF/A-3U validation profile"

CERTIFICATES = {
    "latin-with-background": dict(
        design=design(background=ImageData(raster("JPEG", (900, 640), (200, 205, 230)), "image/jpeg", "Campus")),
        facts=facts(recipient_name="Zoë Ångström-Núñez"),
    ),
    "arabic-right-to-left": dict(
        design=design(language="ar", title="شهادة إتمام", body="أتمّ {{ achievement }} بنجاح."),
        facts=facts(recipient_name="فاطمة الزهراء", language="ar"),
    ),
    "cjk": dict(
        design=design(language="ja", title="修了証", body="{{ achievement }}を修了しました。"),
        facts=facts(recipient_name="山田花子", language="ja"),
    ),
    "devanagari": dict(
        design=design(language="hi", title="पूर्णता प्रमाणपत्र", body="{{ achievement }} सफलतापूर्वक पूरा किया।"),
        facts=facts(recipient_name="निधि शर्मा", language="hi"),
    ),
    "portrait-letter-png-logo": dict(
        design=design(
            paper_size="LETTER", orientation="portrait", logo=ImageData(raster("PNG", (300, 120)), "image/png", "Logo")
        ),
        facts=facts(recipient_name="लिली किरण"),  # drawn through character ids of its own (pdf_text_layer)
    ),
}


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory) -> dict[str, Verdict]:
    """Every certificate above and one deliberately broken file, validated in one veraPDF run."""
    folder = tmp_path_factory.mktemp("pdfa")
    files = {}
    for name, parts in CERTIFICATES.items():
        files[name] = folder / f"{name}.pdf"
        files[name].write_bytes(render_certificate_pdf(parts["design"], parts["facts"]))
    files["broken"] = folder / "broken.pdf"
    files["broken"].write_bytes(_declared_but_not_compliant())
    found = validate(list(files.values()))
    return {name: found[Path(path)] for name, path in files.items()}


def _declared_but_not_compliant() -> bytes:
    """A PDF that declares PDF/A-3u but asks viewers to smooth its image (what certificates did before)."""
    png = base64.b64encode(raster("PNG")).decode()
    html = f'<html lang="en"><title>t</title><img alt="x" src="data:image/png;base64,{png}"></html>'
    return HTML(string=html).write_pdf(pdf_variant="pdf/a-3u")


@pytest.mark.parametrize("name", CERTIFICATES)
def test_certificates_are_pdfa_3u_as_verapdf_reads_them(verdicts, name):
    verdict = verdicts[name]
    assert verdict.profile == PDFA_3U, verdict.explain()  # the file's own declaration chose the profile
    assert verdict.compliant, verdict.explain()
    assert verdict.failed_rules == ()


def test_the_validator_reports_a_broken_file(verdicts):
    verdict = verdicts["broken"]
    assert verdict.profile == PDFA_3U
    assert not verdict.compliant
    assert {(rule.clause, rule.test_number) for rule in verdict.failed_rules} == {("6.2.8", "3")}, verdict.explain()


@pytest.mark.django_db
def test_a_certificate_issued_and_rendered_by_the_task_is_pdfa_3u(media_root, tmp_path):
    """The real path: a template from the database (a GIF logo converted on the way, a JPEG background, a signature
    with transparency) and a completion; the stored PDF is what veraPDF checks, and it names the member."""
    template = default_template(
        logo=make_image("Association logo", "logo.gif", _gif()),
        background=make_image("Campus", "campus.jpg", raster("JPEG", (900, 640), (220, 225, 240))),
    )
    add_signatory(template, "Dr Helena Vogt", "Chair")  # an RGBA PNG: drawn with a soft mask
    certificate = issued_certificate(factories.MemberFactory(first_name="लिली", last_name="शर्मा"))
    assert tasks.render_certificate.delay(certificate.pk, False).get() == "ready"

    certificate.refresh_from_db()
    stored = tmp_path / "stored.pdf"
    with certificate.pdf.open("rb") as pdf:
        stored.write_bytes(pdf.read())
    verdict = validate([stored])[stored]
    assert verdict.profile == PDFA_3U and verdict.compliant, verdict.explain()
    assert "लिली शर्मा" in read(stored.read_bytes()).pages[0].extract_text()


def _gif() -> bytes:
    picture = Image.new("P", (200, 80))
    ImageDraw.Draw(picture).ellipse((10, 10, 190, 70), fill=3)
    out = io.BytesIO()
    picture.save(out, "GIF")
    return out.getvalue()
