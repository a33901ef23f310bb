"""The demo certificates `load_demo` builds after the catalog: content as data (`content/`, read by `content.py`)
and the code that issues and renders them through the real rules (`build.py`). `load(run)` is what `load_demo`
calls."""

from __future__ import annotations

from courses.demo.build import demo_catalog_loaded
from courses.demo.content import demo_content as catalog_content
from lms.demo_content import DemoError, DemoRun

from .build import demo_certificates_loaded, load_demo_certificates
from .content import demo_content


def load(run: DemoRun) -> None:
    """Load the demo certificates once, after the demo catalog."""
    if not demo_catalog_loaded():
        raise DemoError("Load the demo catalog first: python manage.py load_demo courses")
    if demo_certificates_loaded():
        run.write("The demo certificates are already loaded; nothing to do.")
        return
    summary = load_demo_certificates()
    lines = [run.success("Demo certificates loaded."),
             f"  Templates:    {', '.join(summary.templates)}"]
    for certificate in summary.certificates:
        certificate.refresh_from_db()
        lines.append(f"  {certificate.code}  {certificate.recipient_name}: {certificate.achievement_title} "
                     f"({certificate.get_render_state_display()})")
    if summary.left_pending:
        lines.append(f"  ...and {summary.left_pending} certificates of the generated members, each rendered on its "
                     "first download")
    if summary.revoked is not None:
        lines.append(f"  Revoked:      {summary.revoked.code} ({summary.revoked.revoked_reason})")
    lines.append(f"  Staff see them in the admin under Certificates ({catalog_content().email(demo_content().staff)}).")
    run.write("\n".join(lines))
