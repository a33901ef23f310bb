"""A render that cannot succeed says why, in words staff can act on, and never reaches outside the document."""

import http.server
import logging
import shutil
import subprocess
import threading

import pytest
from weasyprint import HTML
from weasyprint.urls import FatalURLFetchingError

from certificates.rendering import (
    CertificateRenderError,
    DataURIOnlyFetcher,
    ExternalResourceRefused,
    ImageData,
    Signatory,
    render_certificate_pdf,
)
from tests.certificates.rendering_support import design, facts, raster


def refusal(design_, facts_) -> CertificateRenderError:
    with pytest.raises(CertificateRenderError) as raised:
        render_certificate_pdf(design_, facts_)
    return raised.value


@pytest.mark.parametrize("content", [b"not an image at all", raster("PNG")[:60], b"\x89PNG\r\n\x1a\n" + b"\0" * 40])
def test_corrupt_logo_bytes(content):
    error = refusal(design(logo=ImageData(content, "image/png")), facts())
    assert error.reason.startswith("The logo image could not be read: ")
    assert error.transient is False


def test_corrupt_svg_logo():
    unclosed = b"<svg xmlns='http://www.w3.org/2000/svg'><circle"
    error = refusal(design(logo=ImageData(unclosed, "image/svg+xml")), facts())
    assert error.reason.startswith("The logo image could not be read: ")


def test_svg_with_entity_expansion_is_refused_before_any_parsing_blows_up():
    bomb = b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>'
    error = refusal(design(logo=ImageData(bomb, "image/svg+xml")), facts())
    assert error.reason.startswith("The logo image could not be read: ")


def test_unsupported_image_type_is_named():
    error = refusal(design(logo=ImageData(b"GIF89a....", "image/gif")), facts())
    assert "image/gif" in error.reason and "PNG" in error.reason


def test_corrupt_signature_names_the_signatory():
    broken = Signatory("María López", "Director", ImageData(b"garbage", "image/webp"))
    error = refusal(design(signatories=(broken,)), facts())
    assert error.reason.startswith("The signature image of María López could not be read: ")


def test_corrupt_background_image():
    error = refusal(design(background=ImageData(b"\xff\xd8\xff broken jpeg", "image/jpeg")), facts())
    assert error.reason.startswith("The background image could not be read: ")


def test_an_image_whose_declared_type_is_wrong_but_whose_content_is_fine_renders():
    pdf = render_certificate_pdf(design(logo=ImageData(raster("JPEG"), "image/png", "Logo")), facts())
    assert pdf.startswith(b"%PDF-")


@pytest.mark.parametrize("colour", ["blue", "#12345", "#1234567", "#GG0000", "", "1F4E79"])
def test_bad_accent_colour(colour):
    error = refusal(design(accent_colour=colour), facts())
    assert "accent colour" in error.reason and "#RRGGBB" in error.reason
    assert error.transient is False


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"paper_size": "A3"}, "paper size “A3”"),
        ({"orientation": "sideways"}, "orientation “sideways”"),
        ({"title": "   "}, "no title"),
    ],
)
def test_bad_design_settings(changes, words):
    assert words in refusal(design(**changes), facts()).reason


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"language": "english please"}, "not a language code"),
        ({"recipient_name": "  "}, "no recipient name"),
        ({"verification_url": "javascript:alert(1)"}, "verification URL"),
        ({"verification_url": "file:///etc/passwd"}, "verification URL"),
    ],
)
def test_bad_facts(changes, words):
    assert words in refusal(design(), facts(**changes)).reason


def test_unknown_and_malformed_placeholders_are_named():
    error = refusal(design(body="Well done {{ grade }}, {{ member_name"), facts())
    assert "body text" in error.reason
    assert "{{ grade }}" in error.reason
    assert "“{{ member_name”" in error.reason
    assert "title" in refusal(design(title="{{ nickname }}"), facts()).reason


def test_a_verification_url_too_long_for_a_qr_code():
    error = refusal(design(), facts(verification_url="https://example.org/" + "x" * 5000))
    assert "QR code" in error.reason


def fontconfig_covers(codepoint: int) -> bool:
    found = subprocess.run(  # noqa: S603 -- fixed program and arguments
        [shutil.which("fc-list"), f":charset={codepoint:x}", "family"], capture_output=True, check=True
    )
    return bool(found.stdout.strip())


VITHKUQI_NAME = "\U00010570\U00010597\U00010584"  # letters of the Vithkuqi alphabet (Unicode 14)


def test_a_script_no_installed_font_covers_is_named_with_the_package_to_install():
    assert not fontconfig_covers(0x10570), "this test needs a script no installed font covers; pick another one"
    error = refusal(design(), facts(recipient_name=f"Ana {VITHKUQI_NAME}"))
    assert error.reason == "No installed font covers the Vithkuqi script; install fonts-noto-core"
    assert error.transient is False


@pytest.fixture(params=["as configured", "errors only"])
def weasyprint_log_level(request):
    """The .notdef check must work even when the deployment logs only errors."""
    engine_logger = logging.getLogger("weasyprint")
    configured = engine_logger.level
    if request.param == "errors only":
        engine_logger.setLevel(logging.ERROR)
    yield
    engine_logger.setLevel(configured)


def test_a_symbol_no_font_has_is_caught_when_weasyprint_draws_an_empty_box(weasyprint_log_level):
    # Only letters are checked before the render; anything else that no font has shows up as a .notdef glyph.
    assert not fontconfig_covers(0x1F9D1), "this test needs a character no installed font covers; pick another one"
    error = refusal(design(body="Congratulations \U0001f9d1"), facts())
    assert error.reason.startswith("No installed font has the character “\U0001f9d1” (U+1F9D1)")


# ------------------------------------------------------------------------------------- nothing outside is fetched


def test_the_fetcher_serves_data_uris():
    response = DataURIOnlyFetcher().fetch("data:text/plain;base64,aGVsbG8=")
    assert response.read() == b"hello"


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:9/logo.png", "https://example.org/x.css", "file:///etc/passwd", "ftp://example.org/x"]
)
def test_the_fetcher_refuses_everything_else(url):
    with pytest.raises(ExternalResourceRefused):
        DataURIOnlyFetcher().fetch(url)


class CountingHandler(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self):  # noqa: N802 -- the name http.server calls
        CountingHandler.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()
        self.wfile.write(raster("PNG"))

    def log_message(self, *args):
        pass


@pytest.fixture
def web_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), CountingHandler)
    CountingHandler.requests = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(
    "reference",
    [
        '<image xlink:href="{server}/tracker.png" width="100" height="50"/>',
        '<image href="{server}/tracker.png" width="100" height="50"/>',
        '<rect width="10" height="10" style="fill: url( {server}/pattern.svg#p )"/>',
        "<style>@import url({server}/style.css);</style>",
        "<style>@import '{server}/style.css';</style>",
    ],
)
def test_an_svg_pointing_outside_itself_is_refused_by_name_and_nothing_is_fetched(web_server, reference):
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="100" height="50">'
        f"{reference.format(server=web_server)}</svg>"
    ).encode()
    error = refusal(design(logo=ImageData(svg, "image/svg+xml", "Logo")), facts())
    assert error.reason.startswith("The logo image could not be read: it refers to a file outside itself")
    assert web_server in error.reason
    assert error.transient is False
    assert CountingHandler.requests == []


def test_an_svg_with_internal_references_only_renders():
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50"><defs><linearGradient id="g">'
        b'<stop offset="0" stop-color="#1f4e79"/><stop offset="1" stop-color="#c8a24a"/></linearGradient></defs>'
        b'<rect width="100" height="50" fill="url(#g)"/><use href="#g"/></svg>'
    )
    assert render_certificate_pdf(design(logo=ImageData(svg, "image/svg+xml", "Logo")), facts()).startswith(b"%PDF")


def test_weasyprint_with_the_fetcher_stops_at_an_outside_address_without_calling_it(web_server):
    # The certificate template only ever holds data: URIs; this shows the fetcher itself holds the line.
    html = f'<html lang="en"><body><img src="{web_server}/tracker.png" alt="x"></body></html>'
    with pytest.raises(FatalURLFetchingError) as stopped:
        HTML(string=html, base_url=None, url_fetcher=DataURIOnlyFetcher()).write_pdf()
    assert isinstance(stopped.value.__cause__, ExternalResourceRefused)
    assert CountingHandler.requests == []
